/* SPDX-License-Identifier: MIT */
/* test_shim_opt.c: host socket options <-> sctun's IPC option layout, both ways. */
#include "config.h"

#include "harness.h"

#include <errno.h>
#include <sys/socket.h> /* before linux/sctp.h, which needs it */
#include <linux/sctp.h>
#include <string.h>

#include "shim/shim.h"

static uint8_t ov[SCT_IPC_MAX_OPTVAL];

static void shim_opt_map_routes(void)
{
	uint16_t l = 0, n = 0;

	CU_ASSERT_EQUAL(shim_opt_map(SOL_SOCKET, SO_REUSEADDR, &l, &n), SHIM_OPT_DAEMON);
	CU_ASSERT_EQUAL(l, SCT_IPC_SOL_SOCKET);
	CU_ASSERT_EQUAL(n, SCT_IPC_SO_REUSEADDR);
	CU_ASSERT_EQUAL(shim_opt_map(SOL_SOCKET, SO_LINGER, &l, &n), SHIM_OPT_DAEMON);
	CU_ASSERT_EQUAL(n, SCT_IPC_SO_LINGER);
	CU_ASSERT_EQUAL(shim_opt_map(IPPROTO_IPV6, IPV6_V6ONLY, &l, &n), SHIM_OPT_DAEMON);
	CU_ASSERT_EQUAL(l, SCT_IPC_SOL_IPV6);
	CU_ASSERT_EQUAL(n, SCT_IPC_IPV6_V6ONLY);
	CU_ASSERT_EQUAL(shim_opt_map(SOL_SCTP, SCTP_MAXSEG, &l, &n), SHIM_OPT_DAEMON);
	CU_ASSERT_EQUAL(l, SCT_IPC_SOL_SCTP);
	CU_ASSERT_EQUAL(n, SCT_IPC_SCTP_MAXSEG);
	CU_ASSERT_EQUAL(shim_opt_map(SOL_SCTP, SCTP_EVENTS, &l, &n), SHIM_OPT_DAEMON);
	CU_ASSERT_EQUAL(n, SCT_IPC_SCTP_EVENTS);
	/* SOL_SOCKET options not about SCTP stay with the data socket */
	CU_ASSERT_EQUAL(shim_opt_map(SOL_SOCKET, SO_RCVTIMEO, &l, &n), SHIM_OPT_REAL);
	CU_ASSERT_EQUAL(shim_opt_map(SOL_SOCKET, SO_KEEPALIVE, &l, &n), SHIM_OPT_REAL);
	CU_ASSERT_EQUAL(shim_opt_map(SOL_SCTP, SCTP_STATUS, &l, &n), SHIM_OPT_STATUS);
	/* not carried in v1 */
	CU_ASSERT_EQUAL(shim_opt_map(SOL_SCTP, SCTP_RTOINFO, &l, &n), -ENOPROTOOPT);
	CU_ASSERT_EQUAL(shim_opt_map(IPPROTO_IP, IP_TOS, &l, &n), -ENOPROTOOPT);
	CU_ASSERT_EQUAL(shim_opt_map(IPPROTO_IPV6, IPV6_UNICAST_HOPS, &l, &n), -ENOPROTOOPT);
}

static void shim_opt_int_both_ways(void)
{
	const uint8_t want[4] = {0x01, 0x00, 0x00, 0x00}, big[4] = {0x00, 0x00, 0x02, 0x00};
	int one = 1, x = 131072, got = -1;
	socklen_t len = sizeof(got);

	CU_ASSERT_EQUAL(shim_opt_encode(SCT_IPC_SOL_SCTP, SCT_IPC_SCTP_NODELAY, &one, sizeof(one),
					ov, sizeof(ov)),
			4);
	SCT_ASSERT_BYTES(ov, want, 4);
	CU_ASSERT_EQUAL(
	    shim_opt_encode(SCT_IPC_SOL_SOCKET, SCT_IPC_SO_RCVBUF, &x, sizeof(x), ov, sizeof(ov)),
	    4);
	SCT_ASSERT_BYTES(ov, big, 4);
	CU_ASSERT_EQUAL(
	    shim_opt_encode(SCT_IPC_SOL_SOCKET, SCT_IPC_SO_RCVBUF, &x, 2, ov, sizeof(ov)), -EINVAL);
	CU_ASSERT_EQUAL(
	    shim_opt_encode(SCT_IPC_SOL_SOCKET, SCT_IPC_SO_RCVBUF, NULL, 4, ov, sizeof(ov)),
	    -EINVAL);
	CU_ASSERT_EQUAL(shim_opt_decode(SCT_IPC_SOL_SOCKET, SCT_IPC_SO_RCVBUF, big, 4, &got, &len),
			0);
	CU_ASSERT_EQUAL(got, 131072);
	CU_ASSERT_EQUAL(len, sizeof(int));
	len = 2;
	CU_ASSERT_EQUAL(shim_opt_decode(SCT_IPC_SOL_SOCKET, SCT_IPC_SO_RCVBUF, big, 4, &got, &len),
			-EINVAL);
	len = sizeof(got);
	/* a daemon answer of the wrong size is a protocol error, not the app's */
	CU_ASSERT_EQUAL(shim_opt_decode(SCT_IPC_SOL_SOCKET, SCT_IPC_SO_RCVBUF, big, 3, &got, &len),
			-EPROTO);
}

static void shim_opt_type_and_domain_use_host_numbers(void)
{
	const uint8_t one[4] = {1}, two[4] = {2}, four[4] = {4}, six[4] = {6};
	socklen_t len = sizeof(int);
	int x;

	CU_ASSERT_EQUAL(shim_opt_decode(SCT_IPC_SOL_SOCKET, SCT_IPC_SO_TYPE, one, 4, &x, &len), 0);
	CU_ASSERT_EQUAL(x, SOCK_STREAM);
	CU_ASSERT_EQUAL(shim_opt_decode(SCT_IPC_SOL_SOCKET, SCT_IPC_SO_TYPE, two, 4, &x, &len), 0);
	CU_ASSERT_EQUAL(x, SOCK_SEQPACKET);
	CU_ASSERT_EQUAL(shim_opt_decode(SCT_IPC_SOL_SOCKET, SCT_IPC_SO_DOMAIN, four, 4, &x, &len),
			0);
	CU_ASSERT_EQUAL(x, AF_INET);
	CU_ASSERT_EQUAL(shim_opt_decode(SCT_IPC_SOL_SOCKET, SCT_IPC_SO_DOMAIN, six, 4, &x, &len),
			0);
	CU_ASSERT_EQUAL(x, AF_INET6);
}

static void shim_opt_linger_both_ways(void)
{
	struct linger lg = {.l_onoff = 1, .l_linger = 0}, back;
	const uint8_t want[8] = {1, 0, 0, 0, 0, 0, 0, 0};
	socklen_t len = sizeof(back);

	CU_ASSERT_EQUAL(
	    shim_opt_encode(SCT_IPC_SOL_SOCKET, SCT_IPC_SO_LINGER, &lg, sizeof(lg), ov, sizeof(ov)),
	    8);
	SCT_ASSERT_BYTES(ov, want, 8);
	CU_ASSERT_EQUAL(
	    shim_opt_encode(SCT_IPC_SOL_SOCKET, SCT_IPC_SO_LINGER, &lg, 4, ov, sizeof(ov)),
	    -EINVAL);
	memset(&back, 0x55, sizeof(back));
	CU_ASSERT_EQUAL(
	    shim_opt_decode(SCT_IPC_SOL_SOCKET, SCT_IPC_SO_LINGER, want, 8, &back, &len), 0);
	CU_ASSERT_EQUAL(back.l_onoff, 1);
	CU_ASSERT_EQUAL(back.l_linger, 0);
	CU_ASSERT_EQUAL(len, sizeof(back));
}

/* RFC 6458 8.1.3: four u16, two bytes each, no padding. */
static void rfc6458_8_1_3_initmsg_both_ways(void)
{
	struct sctp_initmsg im = {.sinit_num_ostreams = 10,
				  .sinit_max_instreams = 0x0102,
				  .sinit_max_attempts = 4,
				  .sinit_max_init_timeo = 60000},
			    back;
	const uint8_t want[8] = {10, 0, 2, 1, 4, 0, 0x60, 0xea};
	socklen_t len = sizeof(back);

	CU_ASSERT_EQUAL(shim_opt_encode(SCT_IPC_SOL_SCTP, SCT_IPC_SCTP_INITMSG, &im, sizeof(im), ov,
					sizeof(ov)),
			8);
	SCT_ASSERT_BYTES(ov, want, 8);
	CU_ASSERT_EQUAL(
	    shim_opt_encode(SCT_IPC_SOL_SCTP, SCT_IPC_SCTP_INITMSG, &im, 6, ov, sizeof(ov)),
	    -EINVAL);
	CU_ASSERT_EQUAL(
	    shim_opt_decode(SCT_IPC_SOL_SCTP, SCT_IPC_SCTP_INITMSG, want, 8, &back, &len), 0);
	CU_ASSERT_EQUAL(memcmp(&back, &im, sizeof(im)), 0);
	len = 4;
	CU_ASSERT_EQUAL(
	    shim_opt_decode(SCT_IPC_SOL_SCTP, SCT_IPC_SCTP_INITMSG, want, 8, &back, &len), -EINVAL);
}

/* RFC 6458 8.1.16: SCTP_MAXSEG as struct sctp_assoc_value, or the old int form. */
static void rfc6458_8_1_16_maxseg_int_and_struct(void)
{
	struct sctp_assoc_value av = {.assoc_id = 3, .assoc_value = 1200}, back;
	const uint8_t as_int[8] = {0, 0, 0, 0, 0xb0, 0x04, 0, 0};
	const uint8_t as_av[8] = {3, 0, 0, 0, 0xb0, 0x04, 0, 0};
	socklen_t len;
	int x = 1200;

	CU_ASSERT_EQUAL(
	    shim_opt_encode(SCT_IPC_SOL_SCTP, SCT_IPC_SCTP_MAXSEG, &x, sizeof(x), ov, sizeof(ov)),
	    8);
	SCT_ASSERT_BYTES(ov, as_int, 8);
	CU_ASSERT_EQUAL(
	    shim_opt_encode(SCT_IPC_SOL_SCTP, SCT_IPC_SCTP_MAXSEG, &av, sizeof(av), ov, sizeof(ov)),
	    8);
	SCT_ASSERT_BYTES(ov, as_av, 8);
	CU_ASSERT_EQUAL(
	    shim_opt_encode(SCT_IPC_SOL_SCTP, SCT_IPC_SCTP_MAXSEG, &av, 6, ov, sizeof(ov)),
	    -EINVAL);
	/* getsockopt: the struct form sends its assoc_id along */
	CU_ASSERT_EQUAL(shim_opt_get_arg(SCT_IPC_SOL_SCTP, SCT_IPC_SCTP_MAXSEG, &av, sizeof(av), ov,
					 sizeof(ov)),
			8);
	SCT_ASSERT_BYTES(ov, as_av, 8);
	CU_ASSERT_EQUAL(
	    shim_opt_get_arg(SCT_IPC_SOL_SCTP, SCT_IPC_SCTP_MAXSEG, &x, sizeof(x), ov, sizeof(ov)),
	    0);
	CU_ASSERT_EQUAL(
	    shim_opt_get_arg(SCT_IPC_SOL_SCTP, SCT_IPC_SCTP_NODELAY, &x, sizeof(x), ov, sizeof(ov)),
	    0);
	len = sizeof(x);
	x = 0;
	CU_ASSERT_EQUAL(shim_opt_decode(SCT_IPC_SOL_SCTP, SCT_IPC_SCTP_MAXSEG, as_av, 8, &x, &len),
			0);
	CU_ASSERT_EQUAL(x, 1200);
	CU_ASSERT_EQUAL(len, sizeof(int));
	len = sizeof(back);
	CU_ASSERT_EQUAL(
	    shim_opt_decode(SCT_IPC_SOL_SCTP, SCT_IPC_SCTP_MAXSEG, as_av, 8, &back, &len), 0);
	CU_ASSERT_EQUAL(back.assoc_id, 3);
	CU_ASSERT_EQUAL(back.assoc_value, 1200);
	len = 6;
	CU_ASSERT_EQUAL(
	    shim_opt_decode(SCT_IPC_SOL_SCTP, SCT_IPC_SCTP_MAXSEG, as_av, 8, &back, &len), -EINVAL);
}

/* SCTP_EVENTS: any prefix length (lksctp 1.0.19's sctp_test passes 14 bytes). */
static void shim_opt_events_any_prefix(void)
{
	struct sctp_event_subscribe ev, back;
	const uint8_t two[2] = {1, 1};
	socklen_t len;

	memset(&ev, 0, sizeof(ev));
	ev.sctp_data_io_event = 1;
	ev.sctp_association_event = 1;
	CU_ASSERT_EQUAL(
	    shim_opt_encode(SCT_IPC_SOL_SCTP, SCT_IPC_SCTP_EVENTS, &ev, 14, ov, sizeof(ov)), 14);
	CU_ASSERT_EQUAL(memcmp(ov, &ev, 14), 0);
	CU_ASSERT_EQUAL(
	    shim_opt_encode(SCT_IPC_SOL_SCTP, SCT_IPC_SCTP_EVENTS, &ev, 2, ov, sizeof(ov)), 2);
	CU_ASSERT_EQUAL(shim_opt_encode(SCT_IPC_SOL_SCTP, SCT_IPC_SCTP_EVENTS, &ev, sizeof(ev) + 1,
					ov, sizeof(ov)),
			-EINVAL);
	/* a short answer is zero-filled up to what the caller asked for */
	memset(&back, 0x55, sizeof(back));
	len = sizeof(back);
	CU_ASSERT_EQUAL(shim_opt_decode(SCT_IPC_SOL_SCTP, SCT_IPC_SCTP_EVENTS, two, 2, &back, &len),
			0);
	CU_ASSERT_EQUAL(len, sizeof(back));
	CU_ASSERT_EQUAL(back.sctp_data_io_event, 1);
	CU_ASSERT_EQUAL(back.sctp_association_event, 1);
	CU_ASSERT_EQUAL(back.sctp_address_event, 0);
	len = 1;
	CU_ASSERT_EQUAL(shim_opt_decode(SCT_IPC_SOL_SCTP, SCT_IPC_SCTP_EVENTS, two, 2, &back, &len),
			0);
	CU_ASSERT_EQUAL(len, 1);
	len = 0;
	CU_ASSERT_EQUAL(shim_opt_decode(SCT_IPC_SOL_SCTP, SCT_IPC_SCTP_EVENTS, two, 2, &back, &len),
			-EINVAL);
}

static const struct sct_test opt_tests[] = {
    SCT_TEST(shim_opt_map_routes),
    SCT_TEST(shim_opt_int_both_ways),
    SCT_TEST(shim_opt_type_and_domain_use_host_numbers),
    SCT_TEST(shim_opt_linger_both_ways),
    SCT_TEST(rfc6458_8_1_3_initmsg_both_ways),
    SCT_TEST(rfc6458_8_1_16_maxseg_int_and_struct),
    SCT_TEST(shim_opt_events_any_prefix),
    SCT_TEST_END,
};

SCT_TEST_MAIN(opt_tests)
