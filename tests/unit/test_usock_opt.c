/* SPDX-License-Identifier: MIT */
/* test_usock_opt.c: RFC 6458 section 8 options of application sockets, on a real loopback pair. */
#include "config.h"

#include <errno.h>
#include <string.h>
#include <unistd.h>

#include "common/rng.h"
#include "daemon/loop.h"
#include "daemon/usock.h"
#include "daemon/usock_impl.h"
#include "daemon/usock_opt.h"
#include "harness.h"
#include "ipc/ipc_buf.h"

static struct loop l;
static struct sct_stack *stack;
static struct usrv srv;
static struct sct_rng rng;
static struct sct_rng_seeded rng_st;
static sct_time_t now;

static void setup(void)
{
	struct sct_stack_cfg cfg;
	struct sct_addr lo;

	CU_ASSERT_EQUAL_FATAL(loop_init(&l, NULL, NULL), 0);
	sct_rng_seeded_init(&rng, &rng_st, 11);
	sct_stack_cfg_defaults(&cfg);
	cfg.rng = rng;
	now = 1;
	stack = sct_stack_new(&cfg, now);
	CU_ASSERT_PTR_NOT_NULL_FATAL(stack);
	sct_addr_v4u32(&lo, 0x7f000001);
	CU_ASSERT_EQUAL(sct_stack_add_addr(stack, &lo), 0);
	CU_ASSERT_EQUAL_FATAL(usrv_init(&srv, stack, &l), 0);
}

static void teardown(void)
{
	usrv_free(&srv);
	sct_stack_free(stack);
	loop_close(&l);
}

static struct sct_ipc_addr v4(uint32_t host, uint16_t port)
{
	struct sct_ipc_addr a = {.family = SCT_IPC_AF_INET, .port = port};

	a.addr[0] = (uint8_t)(host >> 24);
	a.addr[1] = (uint8_t)(host >> 16);
	a.addr[2] = (uint8_t)(host >> 8);
	a.addr[3] = (uint8_t)host;
	return a;
}

static void put_addr(uint8_t *p, const struct sct_ipc_addr *a)
{
	memset(p, 0, 24);
	sct_ipc_put_u16(p, a->family);
	sct_ipc_put_u16(p + 2, a->port);
	memcpy(p + 8, a->addr, 16);
}

/* The loopback path of sctund (datapath.c) by hand: packets back in, events to the sockets. */
static void pump(void)
{
	static uint8_t buf[9000];
	struct sct_pktinfo pi, in;
	struct sct_event ev;
	int n, rounds;

	for (rounds = 0; rounds < 200; rounds++) {
		bool any = false;

		memset(&pi, 0, sizeof(pi));
		while ((n = sct_stack_output(stack, buf, sizeof(buf), &pi, now)) > 0) {
			memset(&in, 0, sizeof(in));
			in.src = pi.src.af == pi.dst.af ? pi.src : pi.dst;
			in.dst = pi.dst;
			sct_stack_input(stack, &in, buf, (size_t)n, now);
			memset(&pi, 0, sizeof(pi));
			any = true;
		}
		while (sct_stack_poll_event(stack, &ev)) {
			usock_event(&srv, &ev, now);
			any = true;
		}
		if (!any)
			break;
	}
}

/* Two one-to-many sockets: the server listens on 127.0.0.1:7000, the client is bound. */
static struct usock *server, *client;
static int fs, fc;

static void pair_open(void)
{
	struct sct_ipc_addr s = v4(0x7f000001, 7000), c = v4(0x7f000001, 7001);

	setup();
	server = usock_new(&srv, SCT_IPC_AF_INET, SCT_IPC_SOCK_SEQPACKET, 1000, &fs);
	client = usock_new(&srv, SCT_IPC_AF_INET, SCT_IPC_SOCK_SEQPACKET, 1000, &fc);
	CU_ASSERT_PTR_NOT_NULL_FATAL(server);
	CU_ASSERT_PTR_NOT_NULL_FATAL(client);
	CU_ASSERT_EQUAL(usock_bind(server, &s, 1, false), 0);
	CU_ASSERT_EQUAL(usock_listen(server, 5), 0);
	CU_ASSERT_EQUAL(usock_bind(client, &c, 1, false), 0);
}

/* The client connects; returns the client's association id once both ends are up. */
static sct_assoc_id pair_connect(void)
{
	struct sct_ipc_addr s = v4(0x7f000001, 7000);
	sct_assoc_id id = 0;

	CU_ASSERT_EQUAL(usock_connect(client, &s, 1, 7000, now, &id), 0);
	pump();
	CU_ASSERT_NOT_EQUAL(id, 0);
	CU_ASSERT_EQUAL(sct_assoc_status(stack, id, &(struct sct_assoc_status){0}), 0);
	CU_ASSERT_PTR_NOT_NULL_FATAL(server->assocs);
	return id;
}

static void pair_close(void)
{
	close(fs);
	close(fc);
	teardown();
}

static int set(struct usock *us, uint16_t name, const uint8_t *v, size_t len)
{
	return usock_setopt(us, SCT_IPC_SOL_SCTP, name, v, len, now);
}

static int get(struct usock *us, uint16_t name, const uint8_t *in, size_t in_len, uint8_t *out)
{
	return usock_getopt(us, SCT_IPC_SOL_SCTP, name, in, in_len, out, USOCK_OPT_MAX);
}

static uint32_t rto_of(sct_assoc_id id)
{
	struct sct_assoc_status st;

	memset(&st, 0, sizeof(st));
	sct_assoc_status(stack, id, &st);
	return st.rto_ms;
}

static void rtoinfo(uint8_t *v, uint32_t id, uint32_t ini, uint32_t max, uint32_t min)
{
	sct_ipc_put_u32(v, id);
	sct_ipc_put_u32(v + 4, ini);
	sct_ipc_put_u32(v + 8, max);
	sct_ipc_put_u32(v + 12, min);
}

/*
 * RFC 6458 8.1.1 and 7.2: SCTP_RTOINFO for SCTP_FUTURE_ASSOC is what new
 * associations start with (both the one the client opens and the one the
 * listener accepts); per association it changes only that one, at once.
 */
static void rtoinfo_inherited_then_per_assoc(void)
{
	uint8_t v[16], out[USOCK_OPT_MAX], in[4], pin[28];
	struct sct_ipc_addr sa = v4(0x7f000001, 7000);
	sct_assoc_id id, sid;

	pair_open();
	rtoinfo(v, 0, 300, 4000, 200);
	CU_ASSERT_EQUAL(set(client, SCT_IPC_SCTP_RTOINFO, v, 16), 0);
	CU_ASSERT_EQUAL(set(server, SCT_IPC_SCTP_RTOINFO, v, 16), 0);
	CU_ASSERT_EQUAL(get(client, SCT_IPC_SCTP_RTOINFO, v, 4, out), 16);
	CU_ASSERT_EQUAL(sct_ipc_get_u32(out + 4), 300);
	CU_ASSERT_EQUAL(sct_ipc_get_u32(out + 8), 4000);
	CU_ASSERT_EQUAL(sct_ipc_get_u32(out + 12), 200);
	/* zeros leave values alone */
	rtoinfo(v, 0, 0, 5000, 0);
	CU_ASSERT_EQUAL(set(client, SCT_IPC_SCTP_RTOINFO, v, 16), 0);
	CU_ASSERT_EQUAL(get(client, SCT_IPC_SCTP_RTOINFO, v, 4, out), 16);
	CU_ASSERT_EQUAL(sct_ipc_get_u32(out + 4), 300);
	CU_ASSERT_EQUAL(sct_ipc_get_u32(out + 8), 5000);
	/* errors: length, min above max, an id that is not the socket's, CURRENT for RTOINFO */
	CU_ASSERT_EQUAL(set(client, SCT_IPC_SCTP_RTOINFO, v, 15), -EINVAL);
	rtoinfo(v, 0, 0, 100, 200);
	CU_ASSERT_EQUAL(set(client, SCT_IPC_SCTP_RTOINFO, v, 16), -EINVAL);
	rtoinfo(v, 99, 300, 0, 0);
	CU_ASSERT_EQUAL(set(client, SCT_IPC_SCTP_RTOINFO, v, 16), -EINVAL);
	CU_ASSERT_EQUAL(get(client, SCT_IPC_SCTP_RTOINFO, v, 4, out), -EINVAL);
	rtoinfo(v, 1, 300, 0, 0);
	CU_ASSERT_EQUAL(set(client, SCT_IPC_SCTP_RTOINFO, v, 16), -EINVAL);

	id = pair_connect();
	sid = server->assocs->id;
	sct_ipc_put_u32(in, id);
	CU_ASSERT_EQUAL(get(client, SCT_IPC_SCTP_RTOINFO, in, 4, out), 16);
	CU_ASSERT_EQUAL(sct_ipc_get_u32(out), id);
	CU_ASSERT_EQUAL(sct_ipc_get_u32(out + 4), 300);
	CU_ASSERT_EQUAL(sct_ipc_get_u32(out + 8), 5000);
	sct_ipc_put_u32(in, sid);
	CU_ASSERT_EQUAL(get(server, SCT_IPC_SCTP_RTOINFO, in, 4, out), 16);
	CU_ASSERT_EQUAL(sct_ipc_get_u32(out + 8), 4000); /* the listener's */
	/* the association's RTO follows at once: 6.3.1 C6/C7 clamp it into [700, 700] */
	rtoinfo(v, id, 700, 700, 700);
	CU_ASSERT_EQUAL(set(client, SCT_IPC_SCTP_RTOINFO, v, 16), 0);
	CU_ASSERT_EQUAL(rto_of(id), 700);
	/* ... and SCTP_GET_PEER_ADDR_INFO reports it */
	memset(pin, 0, sizeof(pin));
	sct_ipc_put_u32(pin, id);
	put_addr(pin + 4, &sa);
	CU_ASSERT_EQUAL(get(client, SCT_IPC_SCTP_GET_PEER_ADDR_INFO, pin, 28, out), 48);
	CU_ASSERT_EQUAL(sct_ipc_get_u32(out + 40), 700);
	CU_ASSERT_EQUAL(sct_ipc_get_u32(out + 28), SCT_IPC_PATH_ACTIVE);
	CU_ASSERT_EQUAL(sct_ipc_get_u32(out + 44), 1500);
	/* an address that is not a path of it */
	put_addr(pin + 4, &(struct sct_ipc_addr){
			      .family = SCT_IPC_AF_INET, .port = 7000, .addr = {127, 0, 0, 9}});
	CU_ASSERT_EQUAL(get(client, SCT_IPC_SCTP_GET_PEER_ADDR_INFO, pin, 28, out), -EINVAL);
	/* the endpoint's values did not move */
	CU_ASSERT_EQUAL(get(client, SCT_IPC_SCTP_RTOINFO, (uint8_t[4]){0}, 4, out), 16);
	CU_ASSERT_EQUAL(sct_ipc_get_u32(out + 4), 300);
	pair_close();
}

static void spp(uint8_t *v, uint32_t id, const struct sct_ipc_addr *a, uint32_t hb, uint16_t pmr,
		uint32_t mtu, uint32_t sackdelay, uint32_t flags)
{
	memset(v, 0, 51);
	sct_ipc_put_u32(v, id);
	if (a)
		put_addr(v + 4, a);
	sct_ipc_put_u32(v + 28, hb);
	sct_ipc_put_u16(v + 32, pmr);
	sct_ipc_put_u32(v + 34, mtu);
	sct_ipc_put_u32(v + 38, sackdelay);
	sct_ipc_put_u32(v + 42, flags);
}

/*
 * RFC 6458 8.1.12 SCTP_PEER_ADDR_PARAMS: the endpoint's values reach a new
 * association and its path; one address can then differ from its association.
 */
static void peer_addr_params_levels(void)
{
	uint8_t v[51], out[USOCK_OPT_MAX];
	struct sct_ipc_addr sa = v4(0x7f000001, 7000), bad = v4(0x7f000009, 7000);
	struct sct_path_params pp;
	struct sct_addr peer;
	sct_assoc_id id;

	pair_open();
	/* RFC 6458 8.1.12: the interval counts only with SPP_HB_ENABLE */
	spp(v, 0, NULL, 4000, 0, 0, 0, 0);
	CU_ASSERT_EQUAL(set(client, SCT_IPC_SCTP_PEER_ADDR_PARAMS, v, 51), 0);
	CU_ASSERT_EQUAL(get(client, SCT_IPC_SCTP_PEER_ADDR_PARAMS, v, 28, out), 51);
	CU_ASSERT_EQUAL(sct_ipc_get_u32(out + 28), 30000);
	spp(v, 0, NULL, 5000, 0, 0, 0, SCT_IPC_SPP_HB_ENABLE);
	CU_ASSERT_EQUAL(set(client, SCT_IPC_SCTP_PEER_ADDR_PARAMS, v, 51), 0);
	spp(v, 0, NULL, 0, 3, 0, 0, SCT_IPC_SPP_HB_DISABLE);
	CU_ASSERT_EQUAL(set(client, SCT_IPC_SCTP_PEER_ADDR_PARAMS, v, 51), 0);
	CU_ASSERT_EQUAL(get(client, SCT_IPC_SCTP_PEER_ADDR_PARAMS, v, 28, out), 51);
	CU_ASSERT_EQUAL(sct_ipc_get_u32(out + 28), 5000);
	CU_ASSERT_EQUAL(sct_ipc_get_u16(out + 32), 3);
	CU_ASSERT_TRUE(sct_ipc_get_u32(out + 42) & SCT_IPC_SPP_HB_DISABLE);
	CU_ASSERT_FALSE(sct_ipc_get_u32(out + 42) & SCT_IPC_SPP_HB_ENABLE);
	/* errors: both of a pair, a long SACK delay, the wrong length, flow labels, a demand
	 * without an association, an address with no association */
	spp(v, 0, NULL, 0, 0, 0, 0, SCT_IPC_SPP_HB_DISABLE | SCT_IPC_SPP_HB_ENABLE);
	CU_ASSERT_EQUAL(set(client, SCT_IPC_SCTP_PEER_ADDR_PARAMS, v, 51), -EINVAL);
	spp(v, 0, NULL, 0, 0, 0, 0, SCT_IPC_SPP_PMTUD_DISABLE | SCT_IPC_SPP_PMTUD_ENABLE);
	CU_ASSERT_EQUAL(set(client, SCT_IPC_SCTP_PEER_ADDR_PARAMS, v, 51), -EINVAL);
	spp(v, 0, NULL, 0, 0, 0, 501, 0);
	CU_ASSERT_EQUAL(set(client, SCT_IPC_SCTP_PEER_ADDR_PARAMS, v, 51), -EINVAL);
	CU_ASSERT_EQUAL(set(client, SCT_IPC_SCTP_PEER_ADDR_PARAMS, v, 50), -EINVAL);
	spp(v, 0, NULL, 0, 0, 0, 0, SCT_IPC_SPP_IPV6_FLOWLABEL);
	CU_ASSERT_EQUAL(set(client, SCT_IPC_SCTP_PEER_ADDR_PARAMS, v, 51), -EINVAL);
	spp(v, 0, NULL, 0, 0, 0, 0, SCT_IPC_SPP_HB_DEMAND);
	CU_ASSERT_EQUAL(set(client, SCT_IPC_SCTP_PEER_ADDR_PARAMS, v, 51), -EINVAL);
	spp(v, 0, &sa, 1000, 0, 0, 0, 0);
	CU_ASSERT_EQUAL(set(client, SCT_IPC_SCTP_PEER_ADDR_PARAMS, v, 51), -EINVAL);

	id = pair_connect();
	usock_addr_from_ipc(&peer, &sa);
	CU_ASSERT_EQUAL(sct_assoc_path_params(stack, id, &peer, &pp), 0);
	CU_ASSERT_EQUAL(pp.hb_interval, 5000);
	CU_ASSERT_EQUAL(pp.path_max_retrans, 3);
	CU_ASSERT_FALSE(pp.hb_enable);
	/* one path: by address with id 0 on a one-to-many socket (the association found by it) */
	spp(v, 0, &sa, 7000, 0, 1400, 0, SCT_IPC_SPP_HB_ENABLE | SCT_IPC_SPP_PMTUD_DISABLE);
	CU_ASSERT_EQUAL(set(client, SCT_IPC_SCTP_PEER_ADDR_PARAMS, v, 51), 0);
	CU_ASSERT_EQUAL(sct_assoc_path_params(stack, id, &peer, &pp), 0);
	CU_ASSERT_EQUAL(pp.hb_interval, 7000);
	CU_ASSERT_TRUE(pp.hb_enable);
	CU_ASSERT_FALSE(pp.pmtud);
	CU_ASSERT_EQUAL(pp.pmtu, 1400);
	spp(v, id, &sa, 0, 0, 0, 0, 0);
	CU_ASSERT_EQUAL(get(client, SCT_IPC_SCTP_PEER_ADDR_PARAMS, v, 28, out), 51);
	CU_ASSERT_EQUAL(sct_ipc_get_u32(out + 28), 7000);
	CU_ASSERT_EQUAL(sct_ipc_get_u32(out + 34), 1400);
	CU_ASSERT_TRUE(sct_ipc_get_u32(out + 42) & SCT_IPC_SPP_PMTUD_DISABLE);
	/* the association's own values are still the endpoint's */
	spp(v, id, NULL, 0, 0, 0, 0, 0);
	CU_ASSERT_EQUAL(get(client, SCT_IPC_SCTP_PEER_ADDR_PARAMS, v, 28, out), 51);
	CU_ASSERT_EQUAL(sct_ipc_get_u32(out + 28), 5000);
	/* an address that is no path, and a heartbeat on demand to the real one */
	spp(v, id, &bad, 1000, 0, 0, 0, 0);
	CU_ASSERT_EQUAL(set(client, SCT_IPC_SCTP_PEER_ADDR_PARAMS, v, 51), -EINVAL);
	CU_ASSERT_EQUAL(get(client, SCT_IPC_SCTP_PEER_ADDR_PARAMS, v, 28, out), -EINVAL);
	spp(v, id, &sa, 0, 0, 0, 0, SCT_IPC_SPP_HB_DEMAND);
	CU_ASSERT_EQUAL(set(client, SCT_IPC_SCTP_PEER_ADDR_PARAMS, v, 51), 0);
	/* the association level reaches every path */
	spp(v, id, NULL, 9000, 4, 0, 0, SCT_IPC_SPP_HB_ENABLE);
	CU_ASSERT_EQUAL(set(client, SCT_IPC_SCTP_PEER_ADDR_PARAMS, v, 51), 0);
	CU_ASSERT_EQUAL(sct_assoc_path_params(stack, id, &peer, &pp), 0);
	CU_ASSERT_EQUAL(pp.hb_interval, 9000);
	CU_ASSERT_EQUAL(pp.path_max_retrans, 4);
	pump();
	pair_close();
}

static void sack_info(uint8_t *v, uint32_t id, uint32_t delay, uint32_t freq)
{
	sct_ipc_put_u32(v, id);
	sct_ipc_put_u32(v + 4, delay);
	sct_ipc_put_u32(v + 8, freq);
}

/* RFC 6458 8.1.19 SCTP_DELAYED_SACK, and SCTP_CURRENT_ASSOC / SCTP_ALL_ASSOC (7.2). */
static void delayed_sack_current_all(void)
{
	uint8_t v[12], out[USOCK_OPT_MAX], in[4];
	struct sct_params p;
	sct_assoc_id id;

	pair_open();
	sack_info(v, 0, 100, 3);
	CU_ASSERT_EQUAL(set(client, SCT_IPC_SCTP_DELAYED_SACK, v, 12), 0);
	CU_ASSERT_EQUAL(get(client, SCT_IPC_SCTP_DELAYED_SACK, v, 4, out), 12);
	CU_ASSERT_EQUAL(sct_ipc_get_u32(out + 4), 100);
	CU_ASSERT_EQUAL(sct_ipc_get_u32(out + 8), 3);
	sack_info(v, 0, 501, 0);
	CU_ASSERT_EQUAL(set(client, SCT_IPC_SCTP_DELAYED_SACK, v, 12), -EINVAL);
	CU_ASSERT_EQUAL(set(client, SCT_IPC_SCTP_DELAYED_SACK, v, 8), -EINVAL);
	id = pair_connect();
	CU_ASSERT_EQUAL(sct_assoc_params(stack, id, &p), 0);
	CU_ASSERT_EQUAL(p.set.sack_timeout, 100);
	CU_ASSERT_EQUAL(p.set.sack_freq, 3);
	/* CURRENT: the association, not the endpoint */
	sack_info(v, 1, 250, 0);
	CU_ASSERT_EQUAL(set(client, SCT_IPC_SCTP_DELAYED_SACK, v, 12), 0);
	sct_ipc_put_u32(in, id);
	CU_ASSERT_EQUAL(get(client, SCT_IPC_SCTP_DELAYED_SACK, in, 4, out), 12);
	CU_ASSERT_EQUAL(sct_ipc_get_u32(out + 4), 250);
	CU_ASSERT_EQUAL(sct_ipc_get_u32(out + 8), 3);
	CU_ASSERT_EQUAL(get(client, SCT_IPC_SCTP_DELAYED_SACK, (uint8_t[4]){0}, 4, out), 12);
	CU_ASSERT_EQUAL(sct_ipc_get_u32(out + 4), 100);
	/* ALL: both; a get for CURRENT is refused (Linux) */
	sack_info(v, 2, 50, 1);
	CU_ASSERT_EQUAL(set(client, SCT_IPC_SCTP_DELAYED_SACK, v, 12), 0);
	CU_ASSERT_EQUAL(get(client, SCT_IPC_SCTP_DELAYED_SACK, in, 4, out), 12);
	CU_ASSERT_EQUAL(sct_ipc_get_u32(out + 4), 50);
	CU_ASSERT_EQUAL(sct_ipc_get_u32(out + 8), 1);
	CU_ASSERT_EQUAL(get(client, SCT_IPC_SCTP_DELAYED_SACK, (uint8_t[4]){0}, 4, out), 12);
	CU_ASSERT_EQUAL(sct_ipc_get_u32(out + 4), 50);
	CU_ASSERT_EQUAL(get(client, SCT_IPC_SCTP_DELAYED_SACK, (uint8_t[4]){1}, 4, out), -EINVAL);
	pair_close();
}

static void assoc_value(uint8_t *v, uint32_t id, uint32_t x)
{
	sct_ipc_put_u32(v, id);
	sct_ipc_put_u32(v + 4, x);
}

/*
 * SCTP_MAX_BURST, SCTP_MAXSEG, SCTP_DISABLE_FRAGMENTS, SCTP_CONTEXT, SO_SNDBUF:
 * set, get, inherited, and what the core does with them.
 */
static void assoc_values_and_effects(void)
{
	uint8_t v[8], out[USOCK_OPT_MAX], one[4] = {1}, big[4];
	static uint8_t msg[3000];
	struct sct_sndinfo si = {0};
	struct sct_params p;
	sct_assoc_id id;

	pair_open();
	assoc_value(v, 0, 2);
	CU_ASSERT_EQUAL(set(client, SCT_IPC_SCTP_MAX_BURST, v, 8), 0);
	assoc_value(v, 0, 1000);
	CU_ASSERT_EQUAL(set(client, SCT_IPC_SCTP_MAXSEG, v, 8), 0);
	assoc_value(v, 0, 70000);
	CU_ASSERT_EQUAL(set(client, SCT_IPC_SCTP_MAXSEG, v, 8), -EINVAL);
	assoc_value(v, 0, 42);
	CU_ASSERT_EQUAL(set(client, SCT_IPC_SCTP_CONTEXT, v, 8), 0);
	CU_ASSERT_EQUAL(set(client, SCT_IPC_SCTP_CONTEXT, v, 4), -EINVAL);
	CU_ASSERT_EQUAL(set(client, SCT_IPC_SCTP_DISABLE_FRAGMENTS, one, 4), 0);
	sct_ipc_put_u32(big, 100000);
	CU_ASSERT_EQUAL(usock_setopt(client, SCT_IPC_SOL_SOCKET, SCT_IPC_SO_SNDBUF, big, 4, now),
			0);
	id = pair_connect();
	CU_ASSERT_EQUAL(sct_assoc_params(stack, id, &p), 0);
	CU_ASSERT_EQUAL(p.set.max_burst, 2);
	CU_ASSERT_EQUAL(p.maxseg, 1000);
	CU_ASSERT_TRUE(p.no_frag);
	/* SO_SNDBUF: Linux doubles it; the association's send buffer is that */
	CU_ASSERT_EQUAL(p.set.sndbuf, 200000);
	CU_ASSERT_EQUAL(sct_assoc_send_room(stack, id), 200000);
	/* RFC 6458 8.1.15: with fragmentation off, a message over one chunk is refused */
	CU_ASSERT_EQUAL(sct_assoc_send(stack, id, &si, msg, 1001, now), -EMSGSIZE);
	CU_ASSERT_EQUAL(sct_assoc_send(stack, id, &si, msg, 1000, now), 0);
	pump();
	/* per association */
	sct_ipc_put_u32(v, id);
	CU_ASSERT_EQUAL(get(client, SCT_IPC_SCTP_MAX_BURST, v, 4, out), 8);
	CU_ASSERT_EQUAL(sct_ipc_get_u32(out + 4), 2);
	CU_ASSERT_EQUAL(get(client, SCT_IPC_SCTP_CONTEXT, v, 4, out), 8);
	CU_ASSERT_EQUAL(sct_ipc_get_u32(out + 4), 42);
	assoc_value(v, id, 7);
	CU_ASSERT_EQUAL(set(client, SCT_IPC_SCTP_CONTEXT, v, 8), 0);
	CU_ASSERT_EQUAL(get(client, SCT_IPC_SCTP_CONTEXT, v, 4, out), 8);
	CU_ASSERT_EQUAL(sct_ipc_get_u32(out + 4), 7);
	CU_ASSERT_EQUAL(get(client, SCT_IPC_SCTP_CONTEXT, (uint8_t[4]){0}, 4, out), 8);
	CU_ASSERT_EQUAL(sct_ipc_get_u32(out + 4), 42);
	/* SCTP_MAXSEG per association: the next message is cut at 500 */
	assoc_value(v, id, 0);
	CU_ASSERT_EQUAL(set(client, SCT_IPC_SCTP_DISABLE_FRAGMENTS, (uint8_t[4]){0}, 4), 0);
	assoc_value(v, id, 500);
	CU_ASSERT_EQUAL(set(client, SCT_IPC_SCTP_MAXSEG, v, 8), 0);
	CU_ASSERT_EQUAL(sct_assoc_send(stack, id, &si, msg, 3000, now), 0);
	pump();
	/* GET_ASSOC_STATS counts the DATA chunks: 1 + 3000 / 500 */
	sct_ipc_put_u32(v, id);
	CU_ASSERT_EQUAL(get(client, SCT_IPC_SCTP_GET_ASSOC_STATS, v, 4, out), 148);
	CU_ASSERT_EQUAL(sct_ipc_get_u32(out), id);
	CU_ASSERT_EQUAL(sct_ipc_get_u32(out + 116), 7);		    /* oodchunks */
	CU_ASSERT(sct_ipc_get_u32(out + 52) >= 3);		    /* opackets */
	CU_ASSERT(sct_ipc_get_u32(out + 36) >= 1);		    /* isacks */
	CU_ASSERT_EQUAL(sct_ipc_get_u16(out + 4), SCT_IPC_AF_INET); /* where the max RTO is */
	CU_ASSERT_EQUAL(get(client, SCT_IPC_SCTP_GET_ASSOC_STATS, (uint8_t[4]){0}, 4, out),
			-EINVAL);
	pair_close();
}

/* SCTP_AUTOCLOSE (8.1.8), SCTP_GET_ASSOC_NUMBER / ID_LIST (8.2.5, 8.2.6), SCTP_PRIMARY_ADDR. */
static void one_to_many_only(void)
{
	uint8_t v[28], out[USOCK_OPT_MAX], x[4];
	struct sct_ipc_addr sa = v4(0x7f000001, 7000), bad = v4(0x7f000009, 7000);
	struct usock *one;
	sct_assoc_id id;
	int fo;

	pair_open();
	sct_ipc_put_u32(x, 0xffffffffu);
	CU_ASSERT_EQUAL(set(client, SCT_IPC_SCTP_AUTOCLOSE, x, 4), 0);
	CU_ASSERT_EQUAL(get(client, SCT_IPC_SCTP_AUTOCLOSE, NULL, 0, out), 4);
	CU_ASSERT_EQUAL(sct_ipc_get_u32(out), 2147483); /* clamped to max_autoclose */
	sct_ipc_put_u32(x, 0);
	CU_ASSERT_EQUAL(set(client, SCT_IPC_SCTP_AUTOCLOSE, x, 4), 0);
	CU_ASSERT_EQUAL(get(client, SCT_IPC_SCTP_GET_ASSOC_NUMBER, NULL, 0, out), 4);
	CU_ASSERT_EQUAL(sct_ipc_get_u32(out), 0);
	id = pair_connect();
	CU_ASSERT_EQUAL(get(client, SCT_IPC_SCTP_GET_ASSOC_NUMBER, NULL, 0, out), 4);
	CU_ASSERT_EQUAL(sct_ipc_get_u32(out), 1);
	sct_ipc_put_u32(x, 4);
	CU_ASSERT_EQUAL(get(client, SCT_IPC_SCTP_GET_ASSOC_ID_LIST, x, 4, out), 8);
	CU_ASSERT_EQUAL(sct_ipc_get_u32(out), 1);
	CU_ASSERT_EQUAL(sct_ipc_get_u32(out + 4), id);
	sct_ipc_put_u32(x, 0);
	CU_ASSERT_EQUAL(get(client, SCT_IPC_SCTP_GET_ASSOC_ID_LIST, x, 4, out), -EINVAL);
	/* read only */
	CU_ASSERT_EQUAL(set(client, SCT_IPC_SCTP_GET_ASSOC_NUMBER, x, 4), -ENOPROTOOPT);
	/* SCTP_PRIMARY_ADDR: a peer address of the association, made primary */
	sct_ipc_put_u32(v, id);
	put_addr(v + 4, &sa);
	CU_ASSERT_EQUAL(set(client, SCT_IPC_SCTP_PRIMARY_ADDR, v, 28), 0);
	CU_ASSERT_EQUAL(set(client, SCT_IPC_SCTP_PRIMARY_ADDR, v, 27), -EINVAL);
	put_addr(v + 4, &bad);
	CU_ASSERT_EQUAL(set(client, SCT_IPC_SCTP_PRIMARY_ADDR, v, 28), -EINVAL);
	/* one-to-one sockets: EOPNOTSUPP as Linux */
	one = usock_new(&srv, SCT_IPC_AF_INET, SCT_IPC_SOCK_STREAM, 1000, &fo);
	CU_ASSERT_PTR_NOT_NULL_FATAL(one);
	CU_ASSERT_EQUAL(get(one, SCT_IPC_SCTP_AUTOCLOSE, NULL, 0, out), -EOPNOTSUPP);
	CU_ASSERT_EQUAL(get(one, SCT_IPC_SCTP_GET_ASSOC_NUMBER, NULL, 0, out), -EOPNOTSUPP);
	CU_ASSERT_EQUAL(get(one, SCT_IPC_SCTP_GET_ASSOC_ID_LIST, x, 4, out), -EOPNOTSUPP);
	/* an unconnected one-to-one socket: options are its endpoint's, whatever the id */
	rtoinfo(v, 1234, 1400, 0, 0);
	CU_ASSERT_EQUAL(set(one, SCT_IPC_SCTP_RTOINFO, v, 16), 0);
	CU_ASSERT_EQUAL(get(one, SCT_IPC_SCTP_RTOINFO, v, 4, out), 16);
	CU_ASSERT_EQUAL(sct_ipc_get_u32(out + 4), 1400);
	CU_ASSERT_EQUAL(sct_ipc_get_u32(out), 0);
	close(fo);
	pair_close();
}

/* RFC 6458 8.1.2 SCTP_ASSOCINFO: Association.Max.Retrans and the cookie's life. */
static void associnfo_levels(void)
{
	uint8_t v[20], out[USOCK_OPT_MAX], in[4];
	sct_assoc_id id;

	pair_open();
	memset(v, 0, sizeof(v));
	sct_ipc_put_u16(v + 4, 4);
	CU_ASSERT_EQUAL(set(client, SCT_IPC_SCTP_ASSOCINFO, v, 20), 0);
	CU_ASSERT_EQUAL(get(client, SCT_IPC_SCTP_ASSOCINFO, v, 4, out), 20);
	CU_ASSERT_EQUAL(sct_ipc_get_u16(out + 4), 4);
	CU_ASSERT_EQUAL(sct_ipc_get_u16(out + 6), 0); /* no association: no destinations */
	CU_ASSERT_EQUAL(set(client, SCT_IPC_SCTP_ASSOCINFO, v, 12), -EINVAL);
	id = pair_connect();
	sct_ipc_put_u32(in, id);
	CU_ASSERT_EQUAL(get(client, SCT_IPC_SCTP_ASSOCINFO, in, 4, out), 20);
	CU_ASSERT_EQUAL(sct_ipc_get_u16(out + 4), 4);
	CU_ASSERT_EQUAL(sct_ipc_get_u16(out + 6), 1);
	CU_ASSERT(sct_ipc_get_u32(out + 8) > 0);  /* the peer's window */
	CU_ASSERT(sct_ipc_get_u32(out + 12) > 0); /* ours */
	CU_ASSERT_EQUAL(sct_ipc_get_u32(out + 16), 60000);
	pair_close();
}

/* Linux's rule on ASSOCINFO with several paths: asocmaxrxt at most the paths' summed pathmaxrxt. */
/*
 * RFC 6458 8.1.3 SCTP_INITMSG on a listening socket: its stream counts are what the
 * associations it accepts answer INIT with (Linux does the same): a client asking for 10
 * outbound streams gets the listener's 2 inbound ones, and 3 inbound from it.
 */
static void initmsg_on_the_listener(void)
{
	uint8_t v[8] = {0}, out[USOCK_OPT_MAX];
	struct sct_assoc_status st;
	sct_assoc_id id;

	pair_open();
	sct_ipc_put_u16(v, 3);
	sct_ipc_put_u16(v + 2, 2);
	CU_ASSERT_EQUAL(set(server, SCT_IPC_SCTP_INITMSG, v, 8), 0);
	CU_ASSERT_EQUAL(get(server, SCT_IPC_SCTP_INITMSG, NULL, 0, out), 8);
	CU_ASSERT_EQUAL(sct_ipc_get_u16(out), 3);
	CU_ASSERT_EQUAL(sct_ipc_get_u16(out + 2), 2);
	memset(v, 0, sizeof(v));
	sct_ipc_put_u16(v, 10);
	CU_ASSERT_EQUAL(set(client, SCT_IPC_SCTP_INITMSG, v, 8), 0);
	id = pair_connect();
	memset(&st, 0, sizeof(st));
	CU_ASSERT_EQUAL_FATAL(sct_assoc_status(stack, id, &st), 0);
	CU_ASSERT_EQUAL(st.os, 2);
	CU_ASSERT_EQUAL(st.is, 3);
	memset(&st, 0, sizeof(st));
	CU_ASSERT_EQUAL_FATAL(sct_assoc_status(stack, server->assocs->id, &st), 0);
	CU_ASSERT_EQUAL(st.os, 3);
	CU_ASSERT_EQUAL(st.is, 2);
	pair_close();
}

static void associnfo_two_paths(void)
{
	struct sct_ipc_addr any = v4(0, 7000), c = v4(0x7f000001, 7001), s = v4(0x7f000001, 7000);
	uint8_t v[20], out[USOCK_OPT_MAX], in[4];
	struct sct_addr second;
	sct_assoc_id id = 0;

	setup();
	sct_addr_v4u32(&second, 0x7f000002);
	CU_ASSERT_EQUAL(sct_stack_add_addr(stack, &second), 0);
	server = usock_new(&srv, SCT_IPC_AF_INET, SCT_IPC_SOCK_SEQPACKET, 1000, &fs);
	client = usock_new(&srv, SCT_IPC_AF_INET, SCT_IPC_SOCK_SEQPACKET, 1000, &fc);
	CU_ASSERT_PTR_NOT_NULL_FATAL(server);
	CU_ASSERT_PTR_NOT_NULL_FATAL(client);
	CU_ASSERT_EQUAL(usock_bind(server, &any, 1, false), 0); /* both addresses */
	CU_ASSERT_EQUAL(usock_listen(server, 5), 0);
	CU_ASSERT_EQUAL(usock_bind(client, &c, 1, false), 0);
	CU_ASSERT_EQUAL(usock_connect(client, &s, 1, 7000, now, &id), 0);
	pump();
	sct_ipc_put_u32(in, id);
	CU_ASSERT_EQUAL(get(client, SCT_IPC_SCTP_ASSOCINFO, in, 4, out), 20);
	CU_ASSERT_EQUAL_FATAL(sct_ipc_get_u16(out + 6), 2);
	memset(v, 0, sizeof(v));
	sct_ipc_put_u32(v, id);
	sct_ipc_put_u16(v + 4, 11); /* two paths of Path.Max.Retrans 5 */
	CU_ASSERT_EQUAL(set(client, SCT_IPC_SCTP_ASSOCINFO, v, 20), -EINVAL);
	sct_ipc_put_u16(v + 4, 10);
	CU_ASSERT_EQUAL(set(client, SCT_IPC_SCTP_ASSOCINFO, v, 20), 0);
	pair_close();
}

/* The application sends one DATA record on @fd (EOR), for association @id. */
static void app_send(int fd, sct_assoc_id id, uint16_t flags, uint16_t sid, uint32_t ppid,
		     uint32_t ctx, size_t len)
{
	static uint8_t payload[2000], rec[SCT_IPC_REC_MAX];
	struct sct_ipc_rec r = {.version = SCT_IPC_VERSION,
				.type = SCT_IPC_REC_DATA,
				.flags = (uint16_t)(SCT_IPC_F_EOR | flags),
				.assoc_id = id,
				.sid = sid,
				.ppid = ppid,
				.tsn_or_context = ctx,
				.payload = payload,
				.payload_len = len};
	int n = sct_ipc_rec_encode(&r, rec, sizeof(rec));

	CU_ASSERT_FATAL(n > 0);
	CU_ASSERT_EQUAL(send(fd, rec, (size_t)n, 0), n);
}

/*
 * RFC 6458 6.1.11 through sctund: messages the client queued when its association is aborted
 * come back as SEND_FAILED_EVENT notifications, before the ASSOC_CHANGE, when the socket
 * subscribed through the old sctp_send_failure_event (byte 3 of struct sctp_event_subscribe)
 * or SCTP_EVENT's SCTP_SEND_FAILED_EVENT (byte 13), and not otherwise.  The context is the
 * record's, or with SCT_IPC_F_DEFAULT that of the default send parameters (8.1.31).
 */
static void rfc6458_6_1_11_send_failed_notification(void)
{
	static const int sub[] = {-1, 3, 13};
	uint8_t ev[14], v[20], rec[SCT_IPC_REC_MAX];
	struct sct_ipc_notif nt[4];
	struct sct_ipc_rec r;
	size_t k, n_sf, n_ac;
	sct_assoc_id id;
	ssize_t len;

	for (k = 0; k < sizeof(sub) / sizeof(sub[0]); k++) {
		pair_open();
		memset(ev, 0, sizeof(ev));
		ev[1] = 1; /* sctp_association_event */
		if (sub[k] >= 0)
			ev[sub[k]] = 1;
		CU_ASSERT_EQUAL(set(client, SCT_IPC_SCTP_EVENTS, ev, sizeof(ev)), 0);
		id = pair_connect();
		/* drain COMM_UP */
		while (recv(fc, rec, sizeof(rec), MSG_DONTWAIT) > 0)
			;
		memset(v, 0, sizeof(v));
		sct_ipc_put_u32(v, id);
		sct_ipc_put_u16(v + 4, 1);
		sct_ipc_put_u32(v + 8, 9);
		sct_ipc_put_u32(v + 12, 0xd5);
		CU_ASSERT_EQUAL(set(client, SCT_IPC_SCTP_DEFAULT_SNDINFO, v, 20), 0);
		app_send(fc, id, SCT_IPC_F_UNORDERED, 2, 0x01020304, 0xc0ffee, 123);
		app_send(fc, id, SCT_IPC_F_DEFAULT, 0, 0, 0, 77);
		usock_tx(client, now); /* queued, not sent: the output is not pumped */
		CU_ASSERT_EQUAL(sct_assoc_abort(stack, id, NULL, 0, now), 0);
		pump();
		n_sf = n_ac = 0;
		while ((len = recv(fc, rec, sizeof(rec), MSG_DONTWAIT)) > 0) {
			CU_ASSERT_EQUAL_FATAL(sct_ipc_rec_decode(rec, (size_t)len, &r), 0);
			if (r.type != SCT_IPC_REC_NOTIFICATION)
				continue;
			CU_ASSERT_EQUAL(r.assoc_id, id);
			CU_ASSERT_FATAL(n_sf + n_ac < 4);
			CU_ASSERT_EQUAL_FATAL(
			    sct_ipc_notif_decode(r.payload, r.payload_len, &nt[n_sf + n_ac]), 0);
			if (nt[n_sf + n_ac].type == SCT_IPC_N_SEND_FAILED_EVENT) {
				CU_ASSERT_EQUAL(n_ac, 0); /* before the ASSOC_CHANGE */
				n_sf++;
			} else {
				CU_ASSERT_EQUAL(nt[n_sf + n_ac].type, SCT_IPC_N_ASSOC_CHANGE);
				n_ac++;
			}
		}
		CU_ASSERT_EQUAL(n_ac, 1);
		CU_ASSERT_EQUAL(n_sf, sub[k] >= 0 ? 2u : 0u);
		if (n_sf == 2) {
			CU_ASSERT_EQUAL(nt[0].u.send_failed.flags, SCT_IPC_DATA_UNSENT);
			CU_ASSERT_EQUAL(nt[0].u.send_failed.error, 12); /* User-Initiated Abort */
			CU_ASSERT_EQUAL(nt[0].u.send_failed.sid, 2);
			CU_ASSERT_EQUAL(nt[0].u.send_failed.snd_flags, SCT_IPC_F_UNORDERED);
			CU_ASSERT_EQUAL(nt[0].u.send_failed.ppid, 0x01020304);
			CU_ASSERT_EQUAL(nt[0].u.send_failed.context, 0xc0ffee);
			CU_ASSERT_EQUAL(nt[0].u.send_failed.length, 123);
			CU_ASSERT_EQUAL(nt[1].u.send_failed.flags, SCT_IPC_DATA_UNSENT);
			CU_ASSERT_EQUAL(nt[1].u.send_failed.sid, 1);
			CU_ASSERT_EQUAL(nt[1].u.send_failed.snd_flags, 0);
			CU_ASSERT_EQUAL(nt[1].u.send_failed.ppid, 9);
			CU_ASSERT_EQUAL(nt[1].u.send_failed.context, 0xd5);
			CU_ASSERT_EQUAL(nt[1].u.send_failed.length, 77);
		}
		pair_close();
	}
}

static void thlds(uint8_t *v, uint32_t id, const struct sct_ipc_addr *a, uint16_t pmr, uint16_t pf,
		  uint16_t cp)
{
	memset(v, 0, 34);
	sct_ipc_put_u32(v, id);
	if (a)
		put_addr(v + 4, a);
	sct_ipc_put_u16(v + 28, pmr);
	sct_ipc_put_u16(v + 30, pf);
	sct_ipc_put_u16(v + 32, cp);
}

/*
 * RFC 7829 7.2 SCTP_PEER_ADDR_THLDS (and Linux's _V2) on the endpoint, then one
 * path; 7.3 SCTP_EXPOSE_POTENTIALLY_FAILED_STATE with Linux's values.
 */
static void rfc7829_7_pf_options(void)
{
	uint8_t v[34], out[USOCK_OPT_MAX];
	struct sct_ipc_addr sa = v4(0x7f000001, 7000);
	struct sct_path_params pp;
	struct sct_params p;
	struct sct_addr peer;
	sct_assoc_id id;

	pair_open();
	thlds(v, 0, NULL, 6, 2, 0xffff);
	CU_ASSERT_EQUAL(set(client, SCT_IPC_SCTP_PEER_ADDR_THLDS, v, 34), 0);
	CU_ASSERT_EQUAL(set(client, SCT_IPC_SCTP_PEER_ADDR_THLDS, v, 33), -EINVAL);
	/* no Primary Path Switchover (RFC 7829 5): spt_pathcpthld other than 0xffff is refused */
	thlds(v, 0, NULL, 6, 2, 2);
	CU_ASSERT_EQUAL(set(client, SCT_IPC_SCTP_PEER_ADDR_THLDS_V2, v, 34), -EINVAL);
	assoc_value(v, 0, 3);
	CU_ASSERT_EQUAL(set(client, SCT_IPC_SCTP_EXPOSE_PF_STATE, v, 8), -EINVAL);
	assoc_value(v, 0, 2);
	CU_ASSERT_EQUAL(set(client, SCT_IPC_SCTP_EXPOSE_PF_STATE, v, 8), 0);
	id = pair_connect();
	CU_ASSERT_EQUAL(sct_assoc_params(stack, id, &p), 0);
	CU_ASSERT_EQUAL(p.set.path_max_retrans, 6);
	CU_ASSERT_EQUAL(p.set.pf_retrans, 2);
	CU_ASSERT_EQUAL(p.set.pf_expose, 2);
	usock_addr_from_ipc(&peer, &sa);
	CU_ASSERT_EQUAL(sct_assoc_path_params(stack, id, &peer, &pp), 0);
	CU_ASSERT_EQUAL(pp.pf_retrans, 2);
	/* one path: pathmaxrxt 0 leaves it alone, the PF threshold changes */
	thlds(v, id, &sa, 0, 4, 0xffff);
	CU_ASSERT_EQUAL(set(client, SCT_IPC_SCTP_PEER_ADDR_THLDS_V2, v, 34), 0);
	CU_ASSERT_EQUAL(sct_assoc_path_params(stack, id, &peer, &pp), 0);
	CU_ASSERT_EQUAL(pp.pf_retrans, 4);
	CU_ASSERT_EQUAL(pp.path_max_retrans, 6);
	CU_ASSERT_EQUAL(get(client, SCT_IPC_SCTP_PEER_ADDR_THLDS, v, 28, out), 34);
	CU_ASSERT_EQUAL(sct_ipc_get_u32(out), id);
	CU_ASSERT_EQUAL(sct_ipc_get_u16(out + 28), 6);
	CU_ASSERT_EQUAL(sct_ipc_get_u16(out + 30), 4);
	CU_ASSERT_EQUAL(sct_ipc_get_u16(out + 32), 0xffff);
	/* the association's own threshold is still the endpoint's */
	thlds(v, id, NULL, 0, 0, 0);
	CU_ASSERT_EQUAL(get(client, SCT_IPC_SCTP_PEER_ADDR_THLDS, v, 28, out), 34);
	CU_ASSERT_EQUAL(sct_ipc_get_u16(out + 30), 2);
	assoc_value(v, id, 0);
	CU_ASSERT_EQUAL(get(client, SCT_IPC_SCTP_EXPOSE_PF_STATE, v, 4, out), 8);
	CU_ASSERT_EQUAL(sct_ipc_get_u32(out + 4), 2);
	pump();
	pair_close();
}

/* Lose everything the stack sends. */
static void drop_output(void)
{
	static uint8_t buf[9000];
	struct sct_pktinfo pi;

	memset(&pi, 0, sizeof(pi));
	while (sct_stack_output(stack, buf, sizeof(buf), &pi, now) > 0)
		memset(&pi, 0, sizeof(pi));
}

/*
 * RFC 7829 7.1, 7.3: SCTP_GET_PEER_ADDR_INFO gives a Potentially Failed path's state
 * by default (Linux's "unset"); with the state hidden it fails with EACCES, as Linux.
 */
static void rfc7829_7_3_paddrinfo_pf_exposure(void)
{
	uint8_t v[28], av[8], out[USOCK_OPT_MAX];
	struct sct_ipc_addr sa = v4(0x7f000001, 7000);
	struct sct_sndinfo si = {0};
	struct sct_path_info pi;
	sct_assoc_id id;
	int i;

	pair_open();
	id = pair_connect();
	sct_ipc_put_u32(v, id);
	put_addr(v + 4, &sa);
	CU_ASSERT_EQUAL(get(client, SCT_IPC_SCTP_GET_PEER_ADDR_INFO, v, 28, out), 48);
	CU_ASSERT_EQUAL(sct_ipc_get_u32(out + 28), SCT_IPC_PATH_ACTIVE);
	/* a DATA chunk lost, T3-rtx: with pf_retrans 0 the path is PF */
	CU_ASSERT_EQUAL(sct_assoc_send(stack, id, &si, "x", 1, now), 0);
	pi.state = SCT_PI_ACTIVE;
	for (i = 0; i < 20 && pi.state != SCT_PI_PF; i++) {
		drop_output();
		if (sct_stack_next_expiry(stack) == SCT_TIME_NEVER)
			break;
		if (sct_stack_next_expiry(stack) > now)
			now = sct_stack_next_expiry(stack);
		sct_stack_advance_time(stack, now);
		CU_ASSERT_EQUAL(sct_assoc_paths(stack, id, &pi, 1), 1);
	}
	CU_ASSERT_EQUAL_FATAL(pi.state, SCT_PI_PF);
	CU_ASSERT_EQUAL(get(client, SCT_IPC_SCTP_GET_PEER_ADDR_INFO, v, 28, out), 48);
	CU_ASSERT_EQUAL(sct_ipc_get_u32(out + 28), SCT_IPC_PATH_PF);
	assoc_value(av, id, 1);
	CU_ASSERT_EQUAL(set(client, SCT_IPC_SCTP_EXPOSE_PF_STATE, av, 8), 0);
	CU_ASSERT_EQUAL(get(client, SCT_IPC_SCTP_GET_PEER_ADDR_INFO, v, 28, out), -EACCES);
	drop_output();
	pair_close();
}

static const struct sct_test usock_opt_tests[] = {
    SCT_TEST(rfc7829_7_pf_options),
    SCT_TEST(rfc7829_7_3_paddrinfo_pf_exposure),
    SCT_TEST(rtoinfo_inherited_then_per_assoc),
    SCT_TEST(peer_addr_params_levels),
    SCT_TEST(delayed_sack_current_all),
    SCT_TEST(assoc_values_and_effects),
    SCT_TEST(one_to_many_only),
    SCT_TEST(associnfo_levels),
    SCT_TEST(associnfo_two_paths),
    SCT_TEST(initmsg_on_the_listener),
    SCT_TEST(rfc6458_6_1_11_send_failed_notification),
    SCT_TEST_END,
};

SCT_TEST_MAIN(usock_opt_tests)
