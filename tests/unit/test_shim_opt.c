/* SPDX-License-Identifier: MIT */
/* test_shim_opt.c: host socket options <-> sctun's IPC option layout, both ways. */
#include "config.h"

#include "harness.h"

#include <errno.h>
#include <sys/socket.h> /* before linux/sctp.h, which needs it */
#include <linux/sctp.h>
#include <netinet/in.h>
#include <stddef.h>
#include <string.h>

#include "ipc/ipc_buf.h"
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
	CU_ASSERT_EQUAL(shim_opt_map(SOL_SCTP, SCTP_RTOINFO, &l, &n), SHIM_OPT_DAEMON);
	CU_ASSERT_EQUAL(n, SCT_IPC_SCTP_RTOINFO);
	CU_ASSERT_EQUAL(shim_opt_map(SOL_SCTP, SCTP_SET_PEER_PRIMARY_ADDR, &l, &n), -ENOPROTOOPT);
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
			4);
	SCT_ASSERT_BYTES(ov, as_av, 4);
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

/*
 * RFC 6458 8.1.12 SCTP_PEER_ADDR_PARAMS: the full struct and the older one
 * without spp_ipv6_flowlabel/spp_dscp (Linux takes both sizes, nothing else);
 * flags are translated; a get keeps the caller's address.
 */
static void rfc6458_8_1_12_paddrparams_sizes(void)
{
	struct sctp_paddrparams p, back;
	struct sockaddr_in sin = {.sin_family = AF_INET, .sin_port = htons(9)};
	size_t old = (offsetof(struct sctp_paddrparams, spp_ipv6_flowlabel) + 3) & ~(size_t)3;
	uint8_t want[51];
	socklen_t len;

	memset(&p, 0, sizeof(p));
	p.spp_assoc_id = 5;
	sin.sin_addr.s_addr = htonl(0x0a000002);
	memcpy(&p.spp_address, &sin, sizeof(sin));
	p.spp_hbinterval = 7000;
	p.spp_pathmaxrxt = 3;
	p.spp_pathmtu = 1400;
	p.spp_sackdelay = 100;
	p.spp_flags = SPP_HB_DISABLE | SPP_PMTUD_DISABLE;
	CU_ASSERT_EQUAL(shim_opt_encode(SCT_IPC_SOL_SCTP, SCT_IPC_SCTP_PEER_ADDR_PARAMS, &p,
					sizeof(p), ov, sizeof(ov)),
			51);
	CU_ASSERT_EQUAL(ov[0], 5);
	CU_ASSERT_EQUAL(ov[4], SCT_IPC_AF_INET);
	CU_ASSERT_EQUAL(ov[6], 9);   /* port, little-endian */
	CU_ASSERT_EQUAL(ov[12], 10); /* 10.0.0.2, after the scope */
	CU_ASSERT_EQUAL(ov[15], 2);
	CU_ASSERT_EQUAL(ov[28] | ov[29] << 8, 7000);
	CU_ASSERT_EQUAL(ov[32], 3);
	CU_ASSERT_EQUAL(ov[42], SCT_IPC_SPP_HB_DISABLE | SCT_IPC_SPP_PMTUD_DISABLE);
	memcpy(want, ov, sizeof(want));
	/* the older size gives the same bytes; its flow-label flags are refused */
	CU_ASSERT_EQUAL(shim_opt_encode(SCT_IPC_SOL_SCTP, SCT_IPC_SCTP_PEER_ADDR_PARAMS, &p,
					(socklen_t)old, ov, sizeof(ov)),
			51);
	SCT_ASSERT_BYTES(ov, want, 51);
	CU_ASSERT_EQUAL(shim_opt_encode(SCT_IPC_SOL_SCTP, SCT_IPC_SCTP_PEER_ADDR_PARAMS, &p,
					(socklen_t)old + 1, ov, sizeof(ov)),
			-EINVAL);
	p.spp_flags |= SPP_DSCP;
	CU_ASSERT_EQUAL(shim_opt_encode(SCT_IPC_SOL_SCTP, SCT_IPC_SCTP_PEER_ADDR_PARAMS, &p,
					(socklen_t)old, ov, sizeof(ov)),
			-EINVAL);
	/* a wildcard address is "no address" */
	memset(&p.spp_address, 0, sizeof(p.spp_address));
	p.spp_address.ss_family = AF_INET;
	CU_ASSERT_EQUAL(shim_opt_encode(SCT_IPC_SOL_SCTP, SCT_IPC_SCTP_PEER_ADDR_PARAMS, &p,
					sizeof(p), ov, sizeof(ov)),
			51);
	CU_ASSERT_EQUAL(ov[4] | ov[5], 0);
	/* get: an old-size buffer gets the old size back, with the caller's address */
	memset(&back, 0, sizeof(back));
	memcpy(&back.spp_address, &sin, sizeof(sin));
	len = (socklen_t)old;
	CU_ASSERT_EQUAL(shim_opt_get_arg(SCT_IPC_SOL_SCTP, SCT_IPC_SCTP_PEER_ADDR_PARAMS, &back,
					 len, ov, sizeof(ov)),
			28);
	CU_ASSERT_EQUAL(
	    shim_opt_decode(SCT_IPC_SOL_SCTP, SCT_IPC_SCTP_PEER_ADDR_PARAMS, want, 51, &back, &len),
	    0);
	CU_ASSERT_EQUAL(len, old);
	CU_ASSERT_EQUAL(back.spp_hbinterval, 7000);
	CU_ASSERT_EQUAL(back.spp_pathmtu, 1400);
	CU_ASSERT_EQUAL(back.spp_flags, SPP_HB_DISABLE | SPP_PMTUD_DISABLE);
	CU_ASSERT_EQUAL(memcmp(&back.spp_address, &sin, sizeof(sin)), 0);
	len = (socklen_t)old - 4;
	CU_ASSERT_EQUAL(
	    shim_opt_decode(SCT_IPC_SOL_SCTP, SCT_IPC_SCTP_PEER_ADDR_PARAMS, want, 51, &back, &len),
	    -EINVAL);
}

/* RFC 6458 8.1.19: SCTP_DELAYED_SACK as struct sctp_sack_info or the old sctp_assoc_value. */
static void rfc6458_8_1_19_delayed_sack_forms(void)
{
	struct sctp_sack_info si = {.sack_assoc_id = 4, .sack_delay = 120, .sack_freq = 3};
	struct sctp_assoc_value av = {.assoc_id = 4, .assoc_value = 0}, avb;
	const uint8_t off[12] = {4, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0};
	const uint8_t got[12] = {4, 0, 0, 0, 120, 0, 0, 0, 1, 0, 0, 0};
	socklen_t len;

	CU_ASSERT_EQUAL(shim_opt_encode(SCT_IPC_SOL_SCTP, SCT_IPC_SCTP_DELAYED_SACK, &si,
					sizeof(si), ov, sizeof(ov)),
			12);
	CU_ASSERT_EQUAL(ov[4], 120);
	CU_ASSERT_EQUAL(ov[8], 3);
	/* the old form's 0 is "no delayed SACK": frequency 1 */
	CU_ASSERT_EQUAL(shim_opt_encode(SCT_IPC_SOL_SCTP, SCT_IPC_SCTP_DELAYED_SACK, &av,
					sizeof(av), ov, sizeof(ov)),
			12);
	SCT_ASSERT_BYTES(ov, off, 12);
	CU_ASSERT_EQUAL(
	    shim_opt_encode(SCT_IPC_SOL_SCTP, SCT_IPC_SCTP_DELAYED_SACK, &si, 10, ov, sizeof(ov)),
	    -EINVAL);
	/* and back: frequency 1 reads as delay 0 in the old form */
	len = sizeof(avb);
	CU_ASSERT_EQUAL(
	    shim_opt_decode(SCT_IPC_SOL_SCTP, SCT_IPC_SCTP_DELAYED_SACK, got, 12, &avb, &len), 0);
	CU_ASSERT_EQUAL(avb.assoc_value, 0);
	len = sizeof(si);
	CU_ASSERT_EQUAL(
	    shim_opt_decode(SCT_IPC_SOL_SCTP, SCT_IPC_SCTP_DELAYED_SACK, got, 12, &si, &len), 0);
	CU_ASSERT_EQUAL(si.sack_delay, 120);
	CU_ASSERT_EQUAL(si.sack_freq, 1);
}

/* SCTP_GET_ASSOC_STATS and SCTP_GET_ASSOC_ID_LIST: Linux's structs, short buffers. */
static void get_assoc_stats_and_id_list(void)
{
	uint8_t in[148], list[12];
	struct sctp_assoc_stats st;
	union {
		struct sctp_assoc_ids ids;
		uint8_t b[sizeof(struct sctp_assoc_ids) + 4 * sizeof(sctp_assoc_t)];
	} u;
	sctp_assoc_t id;
	socklen_t len;

	memset(in, 0, sizeof(in));
	in[0] = 9;
	in[28] = 200; /* maxrto */
	in[52] = 5;   /* opackets */
	in[116] = 7;  /* oodchunks */
	len = sizeof(st);
	CU_ASSERT_EQUAL(
	    shim_opt_decode(SCT_IPC_SOL_SCTP, SCT_IPC_SCTP_GET_ASSOC_STATS, in, 148, &st, &len), 0);
	CU_ASSERT_EQUAL(len, sizeof(st));
	CU_ASSERT_EQUAL(st.sas_assoc_id, 9);
	CU_ASSERT_EQUAL(st.sas_maxrto, 200);
	CU_ASSERT_EQUAL(st.sas_opackets, 5);
	CU_ASSERT_EQUAL(st.sas_oodchunks, 7);
	/* a shorter buffer gets as much as fits (Linux) */
	len = 40;
	CU_ASSERT_EQUAL(
	    shim_opt_decode(SCT_IPC_SOL_SCTP, SCT_IPC_SCTP_GET_ASSOC_STATS, in, 148, &st, &len), 0);
	CU_ASSERT_EQUAL(len, 40);
	len = 2;
	CU_ASSERT_EQUAL(
	    shim_opt_decode(SCT_IPC_SOL_SCTP, SCT_IPC_SCTP_GET_ASSOC_STATS, in, 148, &st, &len),
	    -EINVAL);
	/* the list: the request says how many ids fit */
	len = sizeof(u.b);
	CU_ASSERT_EQUAL(shim_opt_get_arg(SCT_IPC_SOL_SCTP, SCT_IPC_SCTP_GET_ASSOC_ID_LIST, &u, len,
					 ov, sizeof(ov)),
			4);
	CU_ASSERT_EQUAL(ov[0], 4);
	memset(list, 0, sizeof(list));
	list[0] = 2;
	list[4] = 3;
	list[8] = 8;
	CU_ASSERT_EQUAL(
	    shim_opt_decode(SCT_IPC_SOL_SCTP, SCT_IPC_SCTP_GET_ASSOC_ID_LIST, list, 12, &u, &len),
	    0);
	CU_ASSERT_EQUAL(u.ids.gaids_number_of_ids, 2);
	memcpy(&id, u.b + sizeof(u.ids) + sizeof(id), sizeof(id));
	CU_ASSERT_EQUAL(id, 8);
	CU_ASSERT_EQUAL(len, sizeof(u.ids) + 2 * sizeof(id));
	len = sizeof(u.ids) + sizeof(id);
	CU_ASSERT_EQUAL(
	    shim_opt_decode(SCT_IPC_SOL_SCTP, SCT_IPC_SCTP_GET_ASSOC_ID_LIST, list, 12, &u, &len),
	    -EINVAL);
	/* read-only: Linux's setsockopt() does not know it */
	CU_ASSERT_EQUAL(shim_opt_encode(SCT_IPC_SOL_SCTP, SCT_IPC_SCTP_GET_ASSOC_STATS, &st,
					sizeof(st), ov, sizeof(ov)),
			-ENOPROTOOPT);
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

/*
 * RFC 7829 7.2: struct sctp_paddrthlds and Linux's _v2; V1 carries no
 * switchover threshold (0xffff); a get keeps the caller's address.
 */
static void rfc7829_7_2_thlds_both_ways(void)
{
	struct sctp_paddrthlds_v2 t, back;
	struct sockaddr_in sin = {.sin_family = AF_INET, .sin_port = htons(9)};
	socklen_t len;
	uint16_t l, n;

	CU_ASSERT_EQUAL(shim_opt_map(SOL_SCTP, SCTP_PEER_ADDR_THLDS, &l, &n), SHIM_OPT_DAEMON);
	CU_ASSERT_EQUAL(n, SCT_IPC_SCTP_PEER_ADDR_THLDS);
	CU_ASSERT_EQUAL(shim_opt_map(SOL_SCTP, SCTP_PEER_ADDR_THLDS_V2, &l, &n), SHIM_OPT_DAEMON);
	CU_ASSERT_EQUAL(n, SCT_IPC_SCTP_PEER_ADDR_THLDS_V2);
	CU_ASSERT_EQUAL(shim_opt_map(SOL_SCTP, SCTP_EXPOSE_POTENTIALLY_FAILED_STATE, &l, &n),
			SHIM_OPT_DAEMON);
	CU_ASSERT_EQUAL(n, SCT_IPC_SCTP_EXPOSE_PF_STATE);
	memset(&t, 0, sizeof(t));
	t.spt_assoc_id = 5;
	sin.sin_addr.s_addr = htonl(0x0a000002);
	memcpy(&t.spt_address, &sin, sizeof(sin));
	t.spt_pathmaxrxt = 6;
	t.spt_pathpfthld = 1;
	t.spt_pathcpthld = 3;
	CU_ASSERT_EQUAL(shim_opt_encode(SCT_IPC_SOL_SCTP, SCT_IPC_SCTP_PEER_ADDR_THLDS, &t,
					sizeof(struct sctp_paddrthlds), ov, sizeof(ov)),
			34);
	CU_ASSERT_EQUAL(ov[0], 5);
	CU_ASSERT_EQUAL(ov[4], SCT_IPC_AF_INET);
	CU_ASSERT_EQUAL(ov[12], 10);
	CU_ASSERT_EQUAL(ov[28], 6);
	CU_ASSERT_EQUAL(ov[30], 1);
	CU_ASSERT_EQUAL(ov[32] | ov[33] << 8, 0xffff); /* V1: no switchover threshold */
	CU_ASSERT_EQUAL(shim_opt_encode(SCT_IPC_SOL_SCTP, SCT_IPC_SCTP_PEER_ADDR_THLDS_V2, &t,
					sizeof(t), ov, sizeof(ov)),
			34);
	CU_ASSERT_EQUAL(ov[32], 3);
	CU_ASSERT_EQUAL(
	    shim_opt_encode(SCT_IPC_SOL_SCTP, SCT_IPC_SCTP_PEER_ADDR_THLDS, &t, 8, ov, sizeof(ov)),
	    -EINVAL);
	CU_ASSERT_EQUAL(shim_opt_get_arg(SCT_IPC_SOL_SCTP, SCT_IPC_SCTP_PEER_ADDR_THLDS, &t,
					 sizeof(struct sctp_paddrthlds), ov, sizeof(ov)),
			28);
	CU_ASSERT_EQUAL(ov[12], 10);
	/* back: sctund's values, the caller's address kept */
	sct_ipc_put_u32(ov, 5);
	sct_ipc_put_u16(ov + 28, 7);
	sct_ipc_put_u16(ov + 30, 2);
	sct_ipc_put_u16(ov + 32, 0xffff);
	back = t;
	len = sizeof(back);
	CU_ASSERT_EQUAL(
	    shim_opt_decode(SCT_IPC_SOL_SCTP, SCT_IPC_SCTP_PEER_ADDR_THLDS_V2, ov, 34, &back, &len),
	    0);
	CU_ASSERT_EQUAL(len, sizeof(back));
	CU_ASSERT_EQUAL(back.spt_pathmaxrxt, 7);
	CU_ASSERT_EQUAL(back.spt_pathpfthld, 2);
	CU_ASSERT_EQUAL(back.spt_pathcpthld, 0xffff);
	CU_ASSERT_EQUAL(memcmp(&back.spt_address, &t.spt_address, sizeof(sin)), 0);
	CU_ASSERT_EQUAL(
	    shim_opt_decode(SCT_IPC_SOL_SCTP, SCT_IPC_SCTP_PEER_ADDR_THLDS, ov, 33, &back, &len),
	    -EPROTO);
	/* SCTP_GET_PEER_ADDR_INFO's and SCTP_STATUS's state numbers are the host's */
	CU_ASSERT_EQUAL(shim_path_state(SCT_IPC_PATH_PF), SCTP_PF);
	CU_ASSERT_EQUAL(shim_path_state(SCT_IPC_PATH_ACTIVE), SCTP_ACTIVE);
	CU_ASSERT_EQUAL(shim_path_state(9), SCTP_UNKNOWN);
}

static const struct sct_test opt_tests[] = {
    SCT_TEST(rfc7829_7_2_thlds_both_ways),
    SCT_TEST(shim_opt_map_routes),
    SCT_TEST(rfc6458_8_1_12_paddrparams_sizes),
    SCT_TEST(rfc6458_8_1_19_delayed_sack_forms),
    SCT_TEST(get_assoc_stats_and_id_list),
    SCT_TEST(shim_opt_int_both_ways),
    SCT_TEST(shim_opt_type_and_domain_use_host_numbers),
    SCT_TEST(shim_opt_linger_both_ways),
    SCT_TEST(rfc6458_8_1_3_initmsg_both_ways),
    SCT_TEST(rfc6458_8_1_16_maxseg_int_and_struct),
    SCT_TEST(shim_opt_events_any_prefix),
    SCT_TEST_END,
};

SCT_TEST_MAIN(opt_tests)
