/* SPDX-License-Identifier: MIT */
/* test_sctp_ep.c: endpoints sharing a port, sct_ep_connect() refusals, local addresses, bounds. */
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
	sct_assoc_id a, z = 0, id = 0, ids[4];
	size_t k;

	az_init(&az, 430);
	a = az_establish(&az, &z);
	CU_ASSERT_NOT_EQUAL_FATAL(a, 0);
	memset(&p, 0, sizeof(p));
	p.port = az.port[AZ_Z];
	p.addrs = &az.addr[AZ_Z];
	p.n_addrs = 1;
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

static const struct sct_test ep_tests[] = {
    SCT_TEST(ep_shared_port_destroy_any_order),
    SCT_TEST(ep_bind_overlap_rules),
    SCT_TEST(ep_ephemeral_ports_distinct),
    SCT_TEST(ep_connect_refusals),
    SCT_TEST_END,
};

static const struct sct_test stack_tests[] = {
    SCT_TEST(stack_local_addresses),
    SCT_TEST(stack_replies_bounded),
    SCT_TEST(stack_optional_events_bounded),
    SCT_TEST_END,
};

SCT_TEST_MAIN(ep_tests, stack_tests)
