/* SPDX-License-Identifier: MIT */
/* test_sctp_ep.c: endpoints sharing a port, API refusals, local addresses, bounds, on-demand calls.
 */
#include "harness.h"

#include <errno.h>
#include <string.h>

#include "az.h"
#include "wire/cause.h"
#include "wire/sctp_types.h"

/* An endpoint on Z's stack: port @port, bound to @addr (NULL: wildcard), listening. */
static struct sct_ep *z_ep(struct az *az, uint16_t port, const char *addr, bool v4only, bool v6only,
			   int *err)
{
	struct sct_ep_cfg ec;
	struct sct_addr a;
	struct sct_ep *ep = NULL;

	memset(&ec, 0, sizeof(ec));
	ec.port = port;
	ec.v4only = v4only;
	ec.v6only = v6only;
	if (addr) {
		sct_addr_parse(&a, addr);
		ec.addrs = &a;
		ec.n_addrs = 1;
	}
	*err = sct_ep_create(az->st[AZ_Z], &ec, &ep);
	if (*err == 0)
		sct_ep_listen(ep, true);
	return *err == 0 ? ep : NULL;
}

/*
 * A sends an INIT to Z's @addr:@port; returns the type of the first chunk Z answers with
 * (-1: nothing), and leaves no association behind on either side.
 */
static int init_answer(struct az *az, const char *addr, uint16_t port)
{
	struct sct_connect_params p;
	struct sct_addr dst;
	sct_assoc_id id = 0;
	int t = -1;

	sct_addr_parse(&dst, addr);
	memset(&p, 0, sizeof(p));
	p.port = port;
	p.addrs = &dst;
	p.n_addrs = 1;
	if (sct_ep_connect(az->ep[AZ_A], &p, az->now, &id) != 0)
		return -2;
	az_collect(az);
	if (az->n_flight == 1 && az_chunk_type(az, 0, 0) == SCT_CHUNK_INIT) {
		az_deliver(az, 0);
		az_collect(az);
		if (az->n_flight == 1 && az->flight[0]->from == AZ_Z)
			t = az_chunk_type(az, 0, 0);
	}
	az_drop_all(az);
	sct_assoc_release(az->st[AZ_A], id, az->now);
	az_collect(az);
	az_drop_all(az);
	return t;
}

/*
 * Endpoints bound to different addresses share a port (RFC 9260 1.3: an endpoint is a set of
 * transport addresses with one port); an INIT goes to the one bound to its destination, and
 * destroying any of them, first, middle or last bound, leaves the others reachable.
 */
static void ep_shared_port_destroy_any_order(void)
{
	static const int orders[3][3] = {{0, 1, 2}, {1, 0, 2}, {2, 1, 0}};
	static const char *const addrs[3] = {"10.0.0.2", "10.0.0.3", "10.0.0.4"};
	int o;

	for (o = 0; o < 3; o++) {
		struct az az;
		struct sct_ep *ep[3];
		int k, j, err;

		az_init(&az, 400 + (uint64_t)o);
		CU_ASSERT_EQUAL_FATAL(az_add_addr(&az, AZ_Z, "10.0.0.3"), 0);
		CU_ASSERT_EQUAL_FATAL(az_add_addr(&az, AZ_Z, "10.0.0.4"), 0);
		for (k = 0; k < 3; k++) {
			ep[k] = z_ep(&az, 3000, addrs[k], false, false, &err);
			CU_ASSERT_EQUAL_FATAL(err, 0);
			CU_ASSERT_EQUAL(sct_ep_port(ep[k]), 3000);
		}
		for (k = 0; k < 3; k++)
			CU_ASSERT_EQUAL(init_answer(&az, addrs[k], 3000), SCT_CHUNK_INIT_ACK);
		for (j = 0; j < 3; j++) {
			int gone = orders[o][j];

			sct_ep_destroy(ep[gone], false, az.now);
			ep[gone] = NULL;
			for (k = 0; k < 3; k++)
				/* 8.4 step 3 (RFC 9260): nobody listens there any more: ABORT */
				CU_ASSERT_EQUAL(init_answer(&az, addrs[k], 3000),
						ep[k] ? SCT_CHUNK_INIT_ACK : SCT_CHUNK_ABORT);
		}
		az_free(&az);
	}
}

/* Binding rules: overlapping bindings on one port are refused, disjoint families are not. */
static void ep_bind_overlap_rules(void)
{
	struct az az;
	struct sct_ep *w4, *s6, *ep;
	int err;

	az_init(&az, 410);
	CU_ASSERT_EQUAL_FATAL(az_add_addr(&az, AZ_Z, "fd00::2"), 0);
	/* the harness's Z endpoint is a wildcard on 2000: no specific binding on it */
	CU_ASSERT_PTR_NULL(z_ep(&az, 2000, "10.0.0.2", false, false, &err));
	CU_ASSERT_EQUAL(err, -EADDRINUSE);
	CU_ASSERT_PTR_NULL(z_ep(&az, 2000, NULL, true, false, &err));
	CU_ASSERT_EQUAL(err, -EADDRINUSE);

	/* an IPv4-only wildcard leaves the port's IPv6 addresses free, and the reverse */
	w4 = z_ep(&az, 3000, NULL, true, false, &err);
	CU_ASSERT_PTR_NOT_NULL_FATAL(w4);
	CU_ASSERT_PTR_NULL(z_ep(&az, 3000, "10.0.0.2", false, false, &err));
	CU_ASSERT_EQUAL(err, -EADDRINUSE);
	s6 = z_ep(&az, 3000, "fd00::2", false, false, &err);
	CU_ASSERT_PTR_NOT_NULL_FATAL(s6);
	/* an IPv6-only wildcard now overlaps the IPv6 specific binding... */
	CU_ASSERT_PTR_NULL(z_ep(&az, 3000, NULL, false, true, &err));
	CU_ASSERT_EQUAL(err, -EADDRINUSE);
	/* ...and a plain wildcard both */
	CU_ASSERT_PTR_NULL(z_ep(&az, 3000, NULL, false, false, &err));
	CU_ASSERT_EQUAL(err, -EADDRINUSE);
	/* an address the stack does not have */
	CU_ASSERT_PTR_NULL(z_ep(&az, 3001, "10.9.9.9", false, false, &err));
	CU_ASSERT_EQUAL(err, -EADDRNOTAVAIL);

	/* a v4-only wildcard takes IPv4 INITs; IPv6 goes to the specific binding */
	CU_ASSERT_EQUAL(init_answer(&az, "10.0.0.2", 3000), SCT_CHUNK_INIT_ACK);
	sct_ep_destroy(s6, false, az.now);
	/* the IPv6-only wildcard fits once the IPv6 binding is gone */
	ep = z_ep(&az, 3000, NULL, false, true, &err);
	CU_ASSERT_EQUAL(err, 0);
	CU_ASSERT_PTR_NOT_NULL(ep);
	/* the v4-only wildcard still answers after the chain changed under it */
	CU_ASSERT_EQUAL(init_answer(&az, "10.0.0.2", 3000), SCT_CHUNK_INIT_ACK);
	sct_ep_destroy(w4, false, az.now);
	CU_ASSERT_EQUAL(init_answer(&az, "10.0.0.2", 3000), SCT_CHUNK_ABORT);
	az_free(&az);
}

/*
 * Destroying an endpoint whose associations have ended but were not released, or were just
 * aborted with their ABORT still queued: the queued ABORT still goes out (RFC 9260 9.1), the
 * peer learns the association ended, and nothing is left behind (the sanitizer build and
 * make check-valgrind see any leak or use after free).
 */
static void ep_destroy_with_ended_and_aborting_assocs(void)
{
	struct sct_connect_params p;
	struct sct_ep_cfg ec;
	struct sct_ep *ep2;
	struct az az;
	sct_assoc_id a, z = 0, a2 = 0, ids[4];
	size_t k;
	int n_abort = 0;

	az_init(&az, 497);
	a = az_establish(&az, &z);
	CU_ASSERT_NOT_EQUAL_FATAL(a, 0);
	/* Z ends the first one: on A it has ended, and A never releases it */
	CU_ASSERT_EQUAL(sct_assoc_abort(az.st[AZ_Z], z, NULL, 0, az.now), 0);
	az_run(&az);
	CU_ASSERT_PTR_NOT_NULL(az_find_event(&az, AZ_A, SCT_EV_ASSOC_CHANGE, SCT_COMM_LOST));
	/* a second endpoint of A with an association that A aborts, ABORT not yet sent */
	memset(&ec, 0, sizeof(ec));
	ec.port = 1001;
	CU_ASSERT_EQUAL_FATAL(sct_ep_create(az.st[AZ_A], &ec, &ep2), 0);
	memset(&p, 0, sizeof(p));
	p.port = az.port[AZ_Z];
	p.addrs = &az.addr[AZ_Z];
	p.n_addrs = 1;
	CU_ASSERT_EQUAL_FATAL(sct_ep_connect(ep2, &p, az.now, &a2), 0);
	az_run(&az);
	CU_ASSERT_EQUAL_FATAL(az_state(&az, AZ_A, a2), SCT_ESTABLISHED);
	az_clear_events(&az);
	CU_ASSERT_EQUAL(sct_assoc_abort(az.st[AZ_A], a2, NULL, 0, az.now), 0);
	sct_ep_destroy(ep2, false, az.now);
	sct_ep_destroy(az.ep[AZ_A], true, az.now);
	az.ep[AZ_A] = NULL;
	az_collect(&az);
	for (k = 0; k < az.n_flight; k++)
		if (az.flight[k]->from == AZ_A && az_chunk_type(&az, k, 0) == SCT_CHUNK_ABORT)
			n_abort++;
	CU_ASSERT_EQUAL(n_abort, 1);
	az_run(&az);
	CU_ASSERT_PTR_NOT_NULL(az_find_event(&az, AZ_Z, SCT_EV_ASSOC_CHANGE, SCT_COMM_LOST));
	CU_ASSERT_EQUAL(sct_stack_assoc_ids(az.st[AZ_A], ids, 4), 0);
	CU_ASSERT_EQUAL(sct_stack_assoc_ids(az.st[AZ_Z], ids, 4), 0);
	az_free(&az);
}

/* Ephemeral ports (port 0) come from the IANA dynamic range and never collide. */
static void ep_ephemeral_ports_distinct(void)
{
	struct az az;
	struct sct_ep *ep[8];
	int k, j, err;

	az_init(&az, 420);
	for (k = 0; k < 8; k++) {
		ep[k] = z_ep(&az, 0, NULL, false, false, &err);
		CU_ASSERT_PTR_NOT_NULL_FATAL(ep[k]);
		CU_ASSERT(sct_ep_port(ep[k]) >= 49152);
		for (j = 0; j < k; j++)
			CU_ASSERT_NOT_EQUAL(sct_ep_port(ep[k]), sct_ep_port(ep[j]));
	}
	az_free(&az);
}

/*
 * sct_ep_connect() refusals: RFC 9260 1.3 "Two SCTP endpoints MUST NOT have more than one SCTP
 * association between them at any given time" (-EISCONN), max_assocs (-EMFILE), no usable peer
 * address (-EINVAL); none of them leaves an association or a packet behind.
 */
static void ep_connect_refusals(void)
{
	static const char *const unusable[] = {"0.0.0.0", "224.0.0.5", "255.255.255.255"};
	struct sct_connect_params p;
	struct sct_addr bad[3], two[2];
	struct az az;
	sct_assoc_id a = 0, id = 0, ids[4];
	size_t k;

	az_init(&az, 430);
	memset(&p, 0, sizeof(p));
	p.port = az.port[AZ_Z];
	p.addrs = &az.addr[AZ_Z];
	p.n_addrs = 1;
	/* a second connect to the peer while the first is being set up (Linux: EALREADY) */
	CU_ASSERT_EQUAL_FATAL(sct_ep_connect(az.ep[AZ_A], &p, az.now, &a), 0);
	CU_ASSERT_EQUAL(sct_ep_connect(az.ep[AZ_A], &p, az.now, &id), -EALREADY);
	az_run(&az);
	CU_ASSERT_EQUAL_FATAL(az_state(&az, AZ_A, a), SCT_ESTABLISHED);
	CU_ASSERT_EQUAL(sct_ep_connect(az.ep[AZ_A], &p, az.now, &id), -EISCONN);
	/* also when the known peer address is not the first one given */
	sct_addr_parse(&two[0], "10.0.0.77");
	two[1] = az.addr[AZ_Z];
	p.addrs = two;
	p.n_addrs = 2;
	CU_ASSERT_EQUAL(sct_ep_connect(az.ep[AZ_A], &p, az.now, &id), -EISCONN);

	for (k = 0; k < 3; k++)
		sct_addr_parse(&bad[k], unusable[k]);
	p.addrs = bad;
	p.n_addrs = 3;
	p.port = 2001;
	CU_ASSERT_EQUAL(sct_ep_connect(az.ep[AZ_A], &p, az.now, &id), -EINVAL);
	p.n_addrs = 0;
	CU_ASSERT_EQUAL(sct_ep_connect(az.ep[AZ_A], &p, az.now, &id), -EINVAL);
	p.addrs = &az.addr[AZ_Z];
	p.n_addrs = 1;
	p.port = 0;
	CU_ASSERT_EQUAL(sct_ep_connect(az.ep[AZ_A], &p, az.now, &id), -EINVAL);

	sct_stack_settings(az.st[AZ_A])->max_assocs = 1;
	p.port = 2001;
	CU_ASSERT_EQUAL(sct_ep_connect(az.ep[AZ_A], &p, az.now, &id), -EMFILE);
	CU_ASSERT_EQUAL(sct_stack_assoc_ids(az.st[AZ_A], ids, 4), 1);
	CU_ASSERT_EQUAL(ids[0], a);
	az_collect(&az);
	CU_ASSERT_EQUAL(az.n_flight, 0);
	/* room again once the association is gone */
	sct_assoc_abort(az.st[AZ_A], a, NULL, 0, az.now);
	sct_assoc_release(az.st[AZ_A], a, az.now);
	az_collect(&az);
	az_drop_all(&az);
	CU_ASSERT_EQUAL(sct_ep_connect(az.ep[AZ_A], &p, az.now, &id), 0);
	az_free(&az);
}

/* The stack's address table: what sct_stack_add_addr() refuses, and sct_stack_del_addr(). */
static void stack_local_addresses(void)
{
	static const char *const bad[] = {"0.0.0.0", "::", "224.0.0.1", "ff02::1"};
	struct sct_addr x;
	struct az az;
	size_t k;

	az_init(&az, 440);
	for (k = 0; k < sizeof(bad) / sizeof(bad[0]); k++) {
		sct_addr_parse(&x, bad[k]);
		CU_ASSERT_EQUAL(sct_stack_add_addr(az.st[AZ_Z], &x), -EINVAL);
		CU_ASSERT_FALSE(sct_stack_has_addr(az.st[AZ_Z], &x));
	}
	CU_ASSERT_EQUAL(sct_stack_add_addr(az.st[AZ_Z], &az.addr[AZ_Z]), -EEXIST);
	sct_addr_parse(&x, "10.0.0.9");
	CU_ASSERT_EQUAL(sct_stack_add_addr(az.st[AZ_Z], &x), 0);
	CU_ASSERT_TRUE(sct_stack_has_addr(az.st[AZ_Z], &x));
	CU_ASSERT_TRUE(sct_stack_has_addr(az.st[AZ_Z], &az.addr[AZ_Z]));
	CU_ASSERT_EQUAL(sct_stack_del_addr(az.st[AZ_Z], &az.addr[AZ_Z]), 0);
	CU_ASSERT_FALSE(sct_stack_has_addr(az.st[AZ_Z], &az.addr[AZ_Z]));
	CU_ASSERT_TRUE(sct_stack_has_addr(az.st[AZ_Z], &x));
	CU_ASSERT_EQUAL(sct_stack_del_addr(az.st[AZ_Z], &az.addr[AZ_Z]), -ENOENT);
	CU_ASSERT_EQUAL(sct_stack_del_addr(az.st[AZ_Z], &x), 0);
	CU_ASSERT_FALSE(sct_stack_has_addr(az.st[AZ_Z], &x));
	/* given back, it works as before */
	CU_ASSERT_EQUAL(sct_stack_add_addr(az.st[AZ_Z], &az.addr[AZ_Z]), 0);
	CU_ASSERT_EQUAL(init_answer(&az, "10.0.0.2", 2000), SCT_CHUNK_INIT_ACK);
	az_free(&az);
}

/*
 * RFC 9260 8.5.1 A: an INIT must carry tag 0; one with another tag to a port nobody listens on
 * is silently discarded, not answered with the ABORT of 8.4 step 3 (which the same INIT with
 * tag 0 gets).  A packet shorter than the common header is counted as malformed, not answered.
 */
static void rfc9260_8_5_1_a_init_with_tag_and_runts_dropped(void)
{
	static const uint8_t init[16] = {0x11, 0x22, 0x33, 0x44, 0, 1, 0, 0,
					 0,    4,    0,	   4,	 0, 0, 0, 1};
	static const uint8_t runt[8] = {0x03, 0xe8, 0x07, 0xd0, 0, 0, 0, 0};
	struct sct_stack_counters ctr;
	struct az_bld b;
	struct az az;

	az_init(&az, 495);
	az_bld_start(&b, az.port[AZ_A], 2999, 0x55667788);
	az_bld_raw_chunk(&b, SCT_CHUNK_INIT, 0, init, sizeof(init));
	CU_ASSERT_EQUAL(az_send(&az, AZ_Z, &b), -ENOENT);
	az_collect(&az);
	CU_ASSERT_EQUAL(az.n_flight, 0);
	az_bld_start(&b, az.port[AZ_A], 2999, 0);
	az_bld_raw_chunk(&b, SCT_CHUNK_INIT, 0, init, sizeof(init));
	CU_ASSERT_EQUAL(az_send(&az, AZ_Z, &b), -ENOENT);
	az_collect(&az);
	CU_ASSERT_EQUAL_FATAL(az.n_flight, 1);
	CU_ASSERT_EQUAL(az_chunk_type(&az, 0, 0), SCT_CHUNK_ABORT);
	CU_ASSERT_EQUAL(az_vtag(&az, 0), 0x11223344);
	az_drop_all(&az);
	CU_ASSERT(az_inject(&az, AZ_Z, runt, sizeof(runt)) < 0);
	az_collect(&az);
	CU_ASSERT_EQUAL(az.n_flight, 0);
	sct_stack_counters(az.st[AZ_Z], &ctr);
	CU_ASSERT_EQUAL(ctr.in_malformed, 1);
	CU_ASSERT_EQUAL(ctr.ootb, 2);
	az_free(&az);
}

static void tune_tiny_mtu(int side, struct sct_stack_cfg *cfg)
{
	if (side == AZ_A)
		cfg->mtu = 600;
}

/*
 * sct_stack_new() refuses a configuration without randomness (tags and keys come from it,
 * RFC 9260 5.3.1) or without room for a single reply; a path MTU below 1280 (the IPv6 minimum,
 * RFC 8200 5) is raised to it, and the association's packets fit in it.
 */
static void stack_new_refusals_and_mtu_floor(void)
{
	static const uint8_t big[3000];
	struct sct_stack_cfg cfg;
	struct sct_rng_seeded rs;
	struct sct_path_info pi;
	struct az az;
	sct_assoc_id a, z = 0;
	size_t k;

	sct_stack_cfg_defaults(&cfg);
	CU_ASSERT_PTR_NULL(sct_stack_new(&cfg, 0)); /* no ->rng */
	sct_rng_seeded_init(&cfg.rng, &rs, 1);
	cfg.max_replies = 0;
	CU_ASSERT_PTR_NULL(sct_stack_new(&cfg, 0));

	az_init(&az, 498);
	az.tune = tune_tiny_mtu;
	az_reboot(&az, AZ_A, 498, false);
	a = az_establish(&az, &z);
	CU_ASSERT_NOT_EQUAL_FATAL(a, 0);
	CU_ASSERT_EQUAL_FATAL(sct_assoc_paths(az.st[AZ_A], a, &pi, 1), 1);
	CU_ASSERT_EQUAL(pi.pmtu, 1280);
	sct_assoc_set_nodelay(az.st[AZ_A], a, true);
	CU_ASSERT_EQUAL(az_send_msg(&az, AZ_A, a, 0, big, sizeof(big)), 0);
	az_collect(&az);
	CU_ASSERT(az.n_flight >= 3);
	for (k = 0; k < az.n_flight; k++)
		CU_ASSERT(az.flight[k]->len + 20 <= 1280);
	az_free(&az);
}

static void tune_small(int side, struct sct_stack_cfg *cfg)
{
	if (side == AZ_Z) {
		cfg->max_replies = 2;
		cfg->max_events = 4;
	}
}

/*
 * Association-less replies are bounded (max_replies, STYLE 8): a burst of OOTB packets that
 * each deserve an ABORT (RFC 9260 8.4 step 8) queues max_replies of them and counts the rest;
 * the slots are reused once the caller has taken them.
 */
static void stack_replies_bounded(void)
{
	static const uint8_t data[16] = {0, 0, 0, 1};
	struct sct_stack_counters ctr;
	struct az az;
	size_t k;

	az_init(&az, 450);
	az.tune = tune_small;
	az_reboot(&az, AZ_Z, 450, true);
	for (k = 0; k < 5; k++)
		CU_ASSERT_EQUAL(az_inject_chunk(&az, AZ_Z, 0x1000 + (uint32_t)k, SCT_CHUNK_DATA, 3,
						data, sizeof(data)),
				-ENOENT);
	sct_stack_counters(az.st[AZ_Z], &ctr);
	CU_ASSERT_EQUAL(ctr.ootb, 5);
	CU_ASSERT_EQUAL(ctr.replies_dropped, 3);
	az_collect(&az);
	CU_ASSERT_EQUAL(az.n_flight, 2);
	CU_ASSERT_EQUAL(az_count_chunk(&az, AZ_Z, SCT_CHUNK_ABORT), 2);
	/* 8.4 step 8: the first two, in order, each with its packet's tag reflected (T bit) */
	CU_ASSERT_EQUAL(az_vtag(&az, 0), 0x1000);
	CU_ASSERT_EQUAL(az_vtag(&az, 1), 0x1001);
	CU_ASSERT_EQUAL(az_chunk_flags(&az, 0, 0) & SCT_ABORT_FLAG_T, SCT_ABORT_FLAG_T);
	az_drop_all(&az);
	for (k = 0; k < 2; k++)
		az_inject_chunk(&az, AZ_Z, 0x2000 + (uint32_t)k, SCT_CHUNK_DATA, 3, data,
				sizeof(data));
	az_collect(&az);
	CU_ASSERT_EQUAL(az_count_chunk(&az, AZ_Z, SCT_CHUNK_ABORT), 2);
	sct_stack_counters(az.st[AZ_Z], &ctr);
	CU_ASSERT_EQUAL(ctr.replies_dropped, 3);
	az_free(&az);
}

/*
 * Events a peer can cause at will (ERROR chunks, RFC 9260 3.3.10) are bounded by max_events;
 * the events the user must see (the association's end) still come, past the bound.  An ERROR
 * without any cause reports nothing.
 */
static void stack_optional_events_bounded(void)
{
	static const uint8_t cause[8] = {0x12, 0x34, 0, 8, 1, 2, 3, 4}; /* unknown cause 0x1234 */
	struct sct_stack_counters ctr;
	struct sct_assoc_status st;
	struct sct_event ev;
	struct az az;
	sct_assoc_id a, z = 0;
	size_t k, n_err = 0, n_lost = 0, n = 0;

	az_init(&az, 460);
	az.tune = tune_small;
	az_reboot(&az, AZ_Z, 460, true);
	a = az_establish(&az, &z);
	CU_ASSERT_NOT_EQUAL_FATAL(a, 0);
	CU_ASSERT_EQUAL_FATAL(sct_assoc_status(az.st[AZ_Z], z, &st), 0);
	az_clear_events(&az);
	/* an ERROR with no cause: nothing to report */
	az_inject_chunk(&az, AZ_Z, st.my_vtag, SCT_CHUNK_ERROR, 0, NULL, 0);
	CU_ASSERT_FALSE(sct_stack_has_event(az.st[AZ_Z]));
	for (k = 0; k < 10; k++)
		az_inject_chunk(&az, AZ_Z, st.my_vtag, SCT_CHUNK_ERROR, 0, cause, sizeof(cause));
	sct_stack_counters(az.st[AZ_Z], &ctr);
	CU_ASSERT_EQUAL(ctr.events_dropped, 6);
	/* the peer aborts: COMM_LOST is queued although the queue is at its bound */
	sct_assoc_abort(az.st[AZ_A], a, NULL, 0, az.now);
	az_run(&az);
	while (sct_stack_poll_event(az.st[AZ_Z], &ev)) {
		n++;
		if (ev.type == SCT_EV_REMOTE_ERROR) {
			CU_ASSERT_EQUAL(ev.u.remote_error.error, 0x1234);
			n_err++;
		}
		if (ev.type == SCT_EV_ASSOC_CHANGE && ev.u.assoc_change.state == SCT_COMM_LOST)
			n_lost++;
	}
	/* az_run() may have polled some already into az.ev: count both */
	for (k = 0; k < az.n_ev[AZ_Z]; k++) {
		n++;
		if (az.ev[AZ_Z][k].type == SCT_EV_REMOTE_ERROR)
			n_err++;
		if (az.ev[AZ_Z][k].type == SCT_EV_ASSOC_CHANGE &&
		    az.ev[AZ_Z][k].u.assoc_change.state == SCT_COMM_LOST)
			n_lost++;
	}
	CU_ASSERT_EQUAL(n_err, 4);
	CU_ASSERT_EQUAL(n_lost, 1);
	CU_ASSERT_EQUAL(n, 5);
	az_free(&az);
}

static size_t count_trace(const struct az *az, int side, uint8_t type)
{
	size_t k, n = 0;

	for (k = 0; k < az->n_trace[side]; k++)
		n += az->trace[side][k] == type;
	return n;
}

/*
 * RFC 9260 10.1 REQUEST HEARTBEAT (SPP_HB_DEMAND): refused before the association is up
 * (8.3: heartbeats while it may carry data) and for an address it does not have; once up,
 * one HEARTBEAT goes to the address at once, even with heartbeats disabled, and is answered;
 * no further heartbeats follow while they stay disabled.
 */
static void rfc9260_10_1_request_heartbeat(void)
{
	struct sct_params p;
	struct sct_addr other;
	struct az az;
	sct_assoc_id a;
	size_t hb0;

	az_init(&az, 470);
	sct_addr_parse(&other, "10.0.0.99");
	a = az_connect(&az);
	CU_ASSERT_NOT_EQUAL_FATAL(a, 0);
	CU_ASSERT_EQUAL(sct_assoc_heartbeat(az.st[AZ_A], a, &az.addr[AZ_Z], az.now), -ENOTCONN);
	az_run(&az);
	CU_ASSERT_EQUAL_FATAL(az_state(&az, AZ_A, a), SCT_ESTABLISHED);
	CU_ASSERT_EQUAL(sct_assoc_heartbeat(az.st[AZ_A], a, &other, az.now), -EADDRNOTAVAIL);
	CU_ASSERT_EQUAL(sct_assoc_heartbeat(az.st[AZ_A], a + 1000, &az.addr[AZ_Z], az.now),
			-ENOENT);
	CU_ASSERT_EQUAL_FATAL(sct_assoc_params(az.st[AZ_A], a, &p), 0);
	p.hb_enable = false;
	CU_ASSERT_EQUAL(sct_assoc_set_params(az.st[AZ_A], a, &p, az.now), 0);
	az_wait(&az, 200 * SCT_NSEC_PER_SEC);
	hb0 = count_trace(&az, AZ_Z, SCT_CHUNK_HEARTBEAT);
	CU_ASSERT_EQUAL(hb0, 0);
	CU_ASSERT_EQUAL(sct_assoc_heartbeat(az.st[AZ_A], a, &az.addr[AZ_Z], az.now), 0);
	az_collect(&az);
	CU_ASSERT_EQUAL_FATAL(az.n_flight, 1);
	CU_ASSERT_EQUAL(az_chunk_type(&az, 0, 0), SCT_CHUNK_HEARTBEAT);
	CU_ASSERT_TRUE(sct_addr_eq(az_dst(&az, 0), &az.addr[AZ_Z]));
	az_run(&az);
	CU_ASSERT_EQUAL(count_trace(&az, AZ_A, SCT_CHUNK_HEARTBEAT_ACK), 1);
	az_wait(&az, 200 * SCT_NSEC_PER_SEC);
	CU_ASSERT_EQUAL(count_trace(&az, AZ_Z, SCT_CHUNK_HEARTBEAT), 1);
	CU_ASSERT_EQUAL(az_state(&az, AZ_A, a), SCT_ESTABLISHED);
	az_free(&az);
}

/*
 * RFC 9260 10.1 SET PRIMARY and 6.4: data queued when the primary changes goes to the new
 * primary; the change is reported (SCT_ADDR_MADE_PRIM); an unknown address is refused.
 */
static void rfc9260_10_1_set_primary_moves_queued_data(void)
{
	static const uint8_t m[300] = {3};
	struct sct_addr extra, other;
	const struct sct_event *ev;
	struct sct_path_info pi[2];
	struct az az;
	sct_assoc_id a, z = 0;
	size_t i;
	int n_data = 0;

	az_init(&az, 480);
	CU_ASSERT_EQUAL_FATAL(az_add_addr(&az, AZ_Z, "10.0.0.3"), 0);
	sct_addr_parse(&extra, "10.0.0.3");
	sct_addr_parse(&other, "10.0.0.99");
	a = az_establish(&az, &z);
	CU_ASSERT_NOT_EQUAL_FATAL(a, 0);
	az_settle(&az, 10 * SCT_NSEC_PER_SEC); /* the second address gets confirmed (5.4) */
	CU_ASSERT_EQUAL(sct_assoc_set_primary(az.st[AZ_A], a, &other), -EADDRNOTAVAIL);
	CU_ASSERT_EQUAL(sct_assoc_set_primary(az.st[AZ_A], a + 1000, &extra), -ENOENT);
	az_clear_events(&az);
	CU_ASSERT_EQUAL(az_send_msg(&az, AZ_A, a, 0, m, sizeof(m)), 0);
	CU_ASSERT_EQUAL(sct_assoc_set_primary(az.st[AZ_A], a, &extra), 0);
	az_collect(&az);
	for (i = 0; i < az.n_flight; i++)
		if (az.flight[i]->from == AZ_A && az_find_in(&az, i, SCT_CHUNK_DATA) >= 0) {
			n_data++;
			CU_ASSERT_TRUE(sct_addr_eq(az_dst(&az, i), &extra));
		}
	CU_ASSERT_EQUAL(n_data, 1);
	az_poll_events(&az);
	ev = az_find_event(&az, AZ_A, SCT_EV_PEER_ADDR_CHANGE, -1);
	CU_ASSERT_PTR_NOT_NULL_FATAL(ev);
	CU_ASSERT_EQUAL(ev->u.paddr.state, SCT_ADDR_MADE_PRIM);
	CU_ASSERT_TRUE(sct_addr_eq(&ev->u.paddr.addr, &extra));
	CU_ASSERT_EQUAL(sct_assoc_paths(az.st[AZ_A], a, pi, 2), 2);
	CU_ASSERT_TRUE(pi[0].primary);
	CU_ASSERT_TRUE(sct_addr_eq(&pi[0].addr, &extra));
	{
		struct sct_assoc_status st = az_status(&az, AZ_A, a);

		CU_ASSERT_TRUE(sct_addr_eq(&st.primary, &extra));
	}
	az_free(&az);
}

/* sct_assoc_send() refusals (its documented errors) and the getters on an unknown id. */
static void api_send_refusals_and_unknown_ids(void)
{
	static uint8_t big[300000];
	struct sct_sndinfo si;
	struct sct_params p;
	struct sct_path_params pp;
	struct sct_assoc_status st;
	struct sct_addr ad[2];
	struct az az;
	sct_assoc_id a, z = 0, none;

	az_init(&az, 490);
	a = az_establish(&az, &z);
	CU_ASSERT_NOT_EQUAL_FATAL(a, 0);
	none = a + z + 1000;
	memset(&si, 0, sizeof(si));
	/* 6.2: "SHOULD NOT send a DATA chunk with no user data" */
	CU_ASSERT_EQUAL(sct_assoc_send(az.st[AZ_A], a, &si, big, 0, az.now), -EINVAL);
	CU_ASSERT_EQUAL_FATAL(sct_assoc_params(az.st[AZ_A], a, &p), 0);
	CU_ASSERT(p.set.sndbuf < sizeof(big));
	CU_ASSERT_EQUAL(sct_assoc_send(az.st[AZ_A], a, &si, big, p.set.sndbuf + 1u, az.now),
			-EMSGSIZE);
	/* RFC 6458 8.1.15 SCTP_DISABLE_FRAGMENTS: a message needing two DATA chunks */
	p.no_frag = true;
	CU_ASSERT_EQUAL(sct_assoc_set_params(az.st[AZ_A], a, &p, az.now), 0);
	CU_ASSERT_EQUAL(sct_assoc_send(az.st[AZ_A], a, &si, big, 2000, az.now), -EMSGSIZE);
	CU_ASSERT_EQUAL(sct_assoc_send(az.st[AZ_A], a, &si, big, 1000, az.now), 0);
	CU_ASSERT_EQUAL(sct_assoc_send(az.st[AZ_A], none, &si, big, 10, az.now), -ENOENT);
	CU_ASSERT_EQUAL(sct_assoc_send_room(az.st[AZ_A], none), 0);
	CU_ASSERT_EQUAL(sct_assoc_status(az.st[AZ_A], none, &st), -ENOENT);
	CU_ASSERT_EQUAL(sct_assoc_paddrs(az.st[AZ_A], none, ad, 2), -ENOENT);
	CU_ASSERT_EQUAL(sct_assoc_params(az.st[AZ_A], none, &p), -ENOENT);
	CU_ASSERT_EQUAL(sct_assoc_set_params(az.st[AZ_A], none, &p, az.now), -ENOENT);
	CU_ASSERT_EQUAL(sct_assoc_path_params(az.st[AZ_A], none, &az.addr[AZ_Z], &pp), -ENOENT);
	CU_ASSERT_EQUAL(sct_assoc_path_params(az.st[AZ_A], a, &az.addr[AZ_A], &pp), -EADDRNOTAVAIL);
	CU_ASSERT_EQUAL_FATAL(sct_assoc_path_params(az.st[AZ_A], a, &az.addr[AZ_Z], &pp), 0);
	pp.path_max_retrans = 0; /* below the settings' bound */
	CU_ASSERT_EQUAL(sct_assoc_set_path_params(az.st[AZ_A], a, &az.addr[AZ_Z], &pp, az.now),
			-ERANGE);
	CU_ASSERT_EQUAL(sct_assoc_paddrs(az.st[AZ_A], a, ad, 2), 1);
	CU_ASSERT_TRUE(sct_addr_eq(&ad[0], &az.addr[AZ_Z]));
	az_free(&az);
}

static const struct sct_test ep_tests[] = {
    SCT_TEST(ep_shared_port_destroy_any_order),
    SCT_TEST(ep_bind_overlap_rules),
    SCT_TEST(ep_ephemeral_ports_distinct),
    SCT_TEST(ep_connect_refusals),
    SCT_TEST(ep_destroy_with_ended_and_aborting_assocs),
    SCT_TEST_END,
};

static const struct sct_test stack_tests[] = {
    SCT_TEST(stack_local_addresses),
    SCT_TEST(stack_replies_bounded),
    SCT_TEST(stack_optional_events_bounded),
    SCT_TEST(rfc9260_8_5_1_a_init_with_tag_and_runts_dropped),
    SCT_TEST(stack_new_refusals_and_mtu_floor),
    SCT_TEST_END,
};

static const struct sct_test api_tests[] = {
    SCT_TEST(rfc9260_10_1_request_heartbeat),
    SCT_TEST(rfc9260_10_1_set_primary_moves_queued_data),
    SCT_TEST(api_send_refusals_and_unknown_ids),
    SCT_TEST_END,
};

SCT_TEST_MAIN(ep_tests, stack_tests, api_tests)
