/* SPDX-License-Identifier: MIT */
/* test_sctp_pf.c: A/Z tests of the Potentially Failed path state (RFC 7829 SCTP-PF). */
#include "harness.h"

#include <string.h>

#include "az.h"
#include "wire/sctp_types.h"

#define ALT "10.0.1.2"

static size_t count_paddr(struct az *az, int side, uint16_t state)
{
	size_t i, n = 0;

	az_poll_events(az);
	for (i = 0; i < az->n_ev[side]; i++)
		n += az->ev[side][i].type == SCT_EV_PEER_ADDR_CHANGE &&
		     az->ev[side][i].u.paddr.state == state;
	return n;
}

/* The state A's association @a gives its path to @addr (sct_assoc_paths()), or -1. */
static int path_state(struct az *az, sct_assoc_id a, const struct sct_addr *addr)
{
	struct sct_path_info pi[4];
	int i, n = sct_assoc_paths(az->st[AZ_A], a, pi, 4);

	for (i = 0; i < n && i < 4; i++)
		if (sct_addr_eq(&pi[i].addr, addr))
			return pi[i].state;
	return -1;
}

/*
 * Run (losing what goes to a "down" address) and advance the clock until A
 * emits a packet with DATA; its destination into @dst.  False when none came.
 */
static bool next_data(struct az *az, struct sct_addr *dst, int max)
{
	int i, k;

	for (i = 0; i < max; i++) {
		az_collect(az);
		k = az_find_chunk(az, AZ_A, SCT_CHUNK_DATA);
		if (k >= 0) {
			*dst = *az_dst(az, (size_t)k);
			return true;
		}
		az_run(az);
		if (!az_advance(az))
			return false;
	}
	return false;
}

/*
 * Z has a second address; A's association is up with both paths confirmed
 * and Z's primary address losing everything.  @pfr is pf_retrans, @pmr
 * Path.Max.Retrans.
 */
static sct_assoc_id two_paths(struct az *az, uint64_t seed, uint32_t pfr, uint32_t pmr,
			      uint32_t expose, struct sct_addr *alt)
{
	struct sct_settings *s;
	sct_assoc_id a, z;

	az_init(az, seed);
	CU_ASSERT_EQUAL_FATAL(az_add_addr(az, AZ_Z, ALT), 0);
	sct_addr_parse(alt, ALT);
	s = sct_stack_settings(az->st[AZ_A]);
	s->hb_interval = 30000; /* no idle heartbeat during a test */
	s->rto_max = 1000;	/* RTO stays 1 s: timeouts and PF probes come every second */
	s->path_max_retrans = pmr;
	s->pf_retrans = pfr;
	s->pf_expose = expose;
	s->association_max_retrans = 40;
	a = az_establish(az, &z);
	CU_ASSERT_NOT_EQUAL_FATAL(a, 0);
	sct_assoc_set_nodelay(az->st[AZ_A], a, true);
	az_settle(az, sct_ms(3000)); /* the alternate gets confirmed (RFC 9260 5.4) */
	CU_ASSERT_EQUAL_FATAL(count_paddr(az, AZ_A, SCT_ADDR_CONFIRMED), 1);
	az_set_down(az, &az->addr[AZ_Z], true);
	az_clear_events(az);
	return a;
}

/*
 * One message from A; returns where its first transmission went, and runs
 * until it is acknowledged (retransmitted to the alternate, RFC 9260 6.4).
 */
static struct sct_addr send_one(struct az *az, sct_assoc_id a, const char *msg)
{
	struct sct_addr dst;
	int i;

	memset(&dst, 0, sizeof(dst));
	CU_ASSERT_EQUAL(az_send_msg(az, AZ_A, a, 0, msg, strlen(msg)), 0);
	CU_ASSERT_TRUE(next_data(az, &dst, 5));
	for (i = 0; i < 40 && az_status(az, AZ_A, a).unacked; i++) {
		az_run(az);
		az_advance(az);
	}
	az_run(az);
	CU_ASSERT_EQUAL(az_status(az, AZ_A, a).unacked, 0);
	return dst;
}

/*
 * RFC 7829 3.2 steps 2, 3: the primary path times out; once its error count
 * exceeds pf_retrans (here 1: after 2 T3-rtx timeouts, not Path.Max.Retrans
 * + 1 = 6) it is PF and new data goes to the active alternate.  The default
 * pf_expose tells the application nothing (Linux's "unset") but the state
 * shows.
 */
static void rfc7829_3_2_new_data_leaves_pf_primary(void)
{
	struct sct_assoc_status st;
	struct az az;
	struct sct_addr alt, d;
	sct_assoc_id a;

	a = two_paths(&az, 701, 1, 5, 0, &alt);
	/* first timeout: error count 1, not above pf_retrans: still active */
	d = send_one(&az, a, "x");
	CU_ASSERT_TRUE(sct_addr_eq(&d, &az.addr[AZ_Z]));
	CU_ASSERT_EQUAL(path_state(&az, a, &az.addr[AZ_Z]), SCT_PI_ACTIVE);
	/* second timeout: 2 > pf_retrans: PF */
	d = send_one(&az, a, "y");
	CU_ASSERT_TRUE(sct_addr_eq(&d, &az.addr[AZ_Z]));
	CU_ASSERT_EQUAL(path_state(&az, a, &az.addr[AZ_Z]), SCT_PI_PF);
	/* step 3 i: new data to the active alternate, while the primary stays primary */
	d = send_one(&az, a, "z");
	CU_ASSERT_TRUE(sct_addr_eq(&d, &alt));
	st = az_status(&az, AZ_A, a);
	CU_ASSERT_TRUE(sct_addr_eq(&st.primary, &az.addr[AZ_Z]));
	CU_ASSERT_EQUAL(st.primary_state, SCT_PI_PF);
	CU_ASSERT_EQUAL(st.ctr.pf_entered, 1);
	/* pf_expose unset: no PF notification, not inactive either */
	CU_ASSERT_EQUAL(count_paddr(&az, AZ_A, SCT_ADDR_POTENTIALLY_FAILED), 0);
	CU_ASSERT_EQUAL(count_paddr(&az, AZ_A, SCT_ADDR_UNREACHABLE), 0);
	az_free(&az);
}

/*
 * RFC 7829 3.2 steps 5, 6, 7 with pf_expose 2 (7.1): the PF path gets a
 * HEARTBEAT every RTO although HB.interval is 30 s; its errors go on
 * counting; the first HEARTBEAT ACK makes it active (SCT_ADDR_AVAILABLE after
 * SCT_ADDR_POTENTIALLY_FAILED) and new data goes back to the primary.
 */
static void rfc7829_3_2_pf_heartbeat_every_rto_and_back(void)
{
	struct az az;
	struct sct_addr alt, d;
	sct_time_t start, last = 0;
	sct_assoc_id a;
	int i, k, hbs = 0;

	a = two_paths(&az, 702, 0, 30, SCT_PF_EXPOSE_ENABLE, &alt);
	d = send_one(&az, a, "x"); /* one timeout: PF (pf_retrans 0, the RFC's default) */
	CU_ASSERT_TRUE(sct_addr_eq(&d, &az.addr[AZ_Z]));
	CU_ASSERT_EQUAL_FATAL(path_state(&az, a, &az.addr[AZ_Z]), SCT_PI_PF);
	CU_ASSERT_EQUAL(count_paddr(&az, AZ_A, SCT_ADDR_POTENTIALLY_FAILED), 1);
	/* 10 s with nothing to send: HEARTBEATs to the PF path, none to wait 30 s for */
	start = az.now;
	while (az.now - start < sct_ms(10000)) {
		az_collect(&az);
		for (k = 0; k < (int)az.n_flight; k++)
			if (az.flight[k]->from == AZ_A &&
			    az_chunk_type(&az, (size_t)k, 0) == SCT_CHUNK_HEARTBEAT &&
			    sct_addr_eq(az_dst(&az, (size_t)k), &az.addr[AZ_Z])) {
				/* RTO (1 s = RTO.Max here) +/- 50% */
				if (last)
					CU_ASSERT_TRUE(az.now - last <= sct_ms(1500));
				last = az.now;
				hbs++;
			}
		az_run(&az);
		if (!az_advance(&az))
			break;
	}
	/* one per 0.5 to 1.5 s: at least 6 within 10 s (none without PF) */
	CU_ASSERT_TRUE(hbs >= 6);
	CU_ASSERT_EQUAL(path_state(&az, a, &az.addr[AZ_Z]), SCT_PI_PF); /* 30 errors are far */
	CU_ASSERT_EQUAL(count_paddr(&az, AZ_A, SCT_ADDR_UNREACHABLE), 0);
	/* the path heals: the next HEARTBEAT ACK brings it back (step 7) */
	az_set_down(&az, &az.addr[AZ_Z], false);
	for (i = 0; i < 40 && path_state(&az, a, &az.addr[AZ_Z]) != SCT_PI_ACTIVE; i++) {
		az_run(&az);
		az_advance(&az);
	}
	CU_ASSERT_EQUAL(path_state(&az, a, &az.addr[AZ_Z]), SCT_PI_ACTIVE);
	CU_ASSERT_EQUAL(count_paddr(&az, AZ_A, SCT_ADDR_AVAILABLE), 1);
	az_run(&az);
	d = send_one(&az, a, "y"); /* RFC 9260 6.4.1: back to the primary */
	CU_ASSERT_TRUE(sct_addr_eq(&d, &az.addr[AZ_Z]));
	az_free(&az);
}

/*
 * RFC 7829 3.2 step 1 (and Linux): pf_retrans not below Path.Max.Retrans, or
 * pf_enable 0, means no PF state: new data stays on the failing primary
 * until it is inactive (RFC 9260 8.2), here after 3 timeouts.
 */
static void rfc7829_3_2_step1_pf_off(void)
{
	struct az az;
	struct sct_addr alt, d;
	sct_assoc_id a;
	int round, j;

	for (round = 0; round < 2; round++) {
		a = two_paths(&az, 703 + (uint64_t)round, round ? 0 : 2, 2, 2, &alt);
		if (round) {
			struct sct_params p;

			CU_ASSERT_EQUAL_FATAL(sct_assoc_params(az.st[AZ_A], a, &p), 0);
			p.set.pf_enable = 0;
			CU_ASSERT_EQUAL_FATAL(sct_assoc_set_params(az.st[AZ_A], a, &p, az.now), 0);
		}
		for (j = 0; j < 2; j++) {
			d = send_one(&az, a, "x");
			CU_ASSERT_TRUE(sct_addr_eq(&d, &az.addr[AZ_Z]));
			CU_ASSERT_EQUAL(path_state(&az, a, &az.addr[AZ_Z]), SCT_PI_ACTIVE);
		}
		d = send_one(&az, a, "y"); /* the third timeout: 3 > Path.Max.Retrans */
		CU_ASSERT_TRUE(sct_addr_eq(&d, &az.addr[AZ_Z]));
		CU_ASSERT_EQUAL(path_state(&az, a, &az.addr[AZ_Z]), SCT_PI_INACTIVE);
		d = send_one(&az, a, "z");
		CU_ASSERT_TRUE(sct_addr_eq(&d, &alt));
		CU_ASSERT_EQUAL(count_paddr(&az, AZ_A, SCT_ADDR_POTENTIALLY_FAILED), 0);
		CU_ASSERT_EQUAL(count_paddr(&az, AZ_A, SCT_ADDR_UNREACHABLE), 1);
		CU_ASSERT_EQUAL(az_status(&az, AZ_A, a).ctr.pf_entered, 0);
		az_free(&az);
	}
}

/*
 * RFC 7829 3.2 steps 4, 9, 10 on a single path with heartbeats off: a PF
 * path that is the only one still gets the data; the SACK of a
 * retransmission does not make it active (step 9), the SACK of new data sent
 * once to it does (step 10), quietly with pf_expose unset.
 */
static void rfc7829_3_2_step10_sack_makes_pf_active(void)
{
	struct az az;
	struct sct_addr d;
	sct_assoc_id a, z;
	int i;

	az_init(&az, 704);
	sct_stack_settings(az.st[AZ_A])->hb_interval = 0; /* no heartbeats at all */
	a = az_establish(&az, &z);
	CU_ASSERT_NOT_EQUAL_FATAL(a, 0);
	sct_assoc_set_nodelay(az.st[AZ_A], a, true);
	az_clear_events(&az);
	az_set_down(&az, &az.addr[AZ_Z], true);
	CU_ASSERT_EQUAL(az_send_msg(&az, AZ_A, a, 0, "x", 1), 0);
	CU_ASSERT_TRUE(next_data(&az, &d, 5)); /* the first transmission, lost */
	az_run(&az);
	CU_ASSERT_EQUAL(path_state(&az, a, &az.addr[AZ_Z]), SCT_PI_ACTIVE);
	/* T3-rtx: PF; step 4: the retransmission still goes to it */
	for (i = 0; i < 5 && path_state(&az, a, &az.addr[AZ_Z]) != SCT_PI_PF; i++)
		CU_ASSERT_TRUE(az_advance(&az));
	CU_ASSERT_EQUAL_FATAL(path_state(&az, a, &az.addr[AZ_Z]), SCT_PI_PF);
	az_set_down(&az, &az.addr[AZ_Z], false);
	CU_ASSERT_TRUE(next_data(&az, &d, 5));
	CU_ASSERT_TRUE(sct_addr_eq(&d, &az.addr[AZ_Z]));
	for (i = 0; i < 10 && az_status(&az, AZ_A, a).unacked; i++) {
		az_run(&az);
		az_advance(&az);
	}
	CU_ASSERT_EQUAL_FATAL(az_status(&az, AZ_A, a).unacked, 0);
	CU_ASSERT_EQUAL(path_state(&az, a, &az.addr[AZ_Z]), SCT_PI_PF); /* step 9 */
	CU_ASSERT_EQUAL(az_send_msg(&az, AZ_A, a, 0, "y", 1), 0);
	CU_ASSERT_TRUE(next_data(&az, &d, 5)); /* new data: to the PF path, the only one */
	CU_ASSERT_TRUE(sct_addr_eq(&d, &az.addr[AZ_Z]));
	for (i = 0; i < 10 && az_status(&az, AZ_A, a).unacked; i++) {
		az_run(&az);
		az_advance(&az);
	}
	CU_ASSERT_EQUAL(az_status(&az, AZ_A, a).unacked, 0);
	CU_ASSERT_EQUAL(path_state(&az, a, &az.addr[AZ_Z]), SCT_PI_ACTIVE); /* step 10 */
	CU_ASSERT_EQUAL(count_paddr(&az, AZ_A, SCT_ADDR_AVAILABLE), 0);
	CU_ASSERT_EQUAL(count_paddr(&az, AZ_A, SCT_ADDR_POTENTIALLY_FAILED), 0);
	az_free(&az);
}

/* The error count of A's path to @addr, or -1. */
static int path_errors(struct az *az, sct_assoc_id a, const struct sct_addr *addr)
{
	struct sct_path_info pi[4];
	int i, n = sct_assoc_paths(az->st[AZ_A], a, pi, 4);

	for (i = 0; i < n && i < 4; i++)
		if (sct_addr_eq(&pi[i].addr, addr))
			return (int)pi[i].error_count;
	return -1;
}

/*
 * RFC 7829 3.2 step 4: with every path PF, data (retransmitted and new) goes to
 * the PF path with the fewest errors, here the alternate, not the primary whose
 * heartbeats have gone unanswered for a while.
 */
static void rfc7829_3_2_step4_all_pf_fewest_errors(void)
{
	struct az az;
	struct sct_addr alt, d;
	sct_assoc_id a;
	int i;

	a = two_paths(&az, 705, 0, 20, 0, &alt);
	d = send_one(&az, a, "x"); /* the primary is PF, "x" went through the alternate */
	CU_ASSERT_TRUE(sct_addr_eq(&d, &az.addr[AZ_Z]));
	CU_ASSERT_EQUAL_FATAL(path_state(&az, a, &az.addr[AZ_Z]), SCT_PI_PF);
	az_settle(&az, sct_ms(3000)); /* its RTO-paced heartbeats go unanswered */
	az_set_down(&az, &alt, true);
	CU_ASSERT_EQUAL(az_send_msg(&az, AZ_A, a, 0, "y", 1), 0);
	CU_ASSERT_TRUE(next_data(&az, &d, 5));
	CU_ASSERT_TRUE(sct_addr_eq(&d, &alt));
	for (i = 0; i < 10 && path_state(&az, a, &alt) != SCT_PI_PF; i++) {
		az_run(&az);
		az_advance(&az);
	}
	CU_ASSERT_EQUAL_FATAL(path_state(&az, a, &alt), SCT_PI_PF);
	CU_ASSERT_TRUE(path_errors(&az, a, &alt) < path_errors(&az, a, &az.addr[AZ_Z]));
	CU_ASSERT_TRUE(next_data(&az, &d, 5)); /* the retransmission */
	CU_ASSERT_TRUE(sct_addr_eq(&d, &alt));
	az_run(&az);
	CU_ASSERT_EQUAL(az_send_msg(&az, AZ_A, a, 0, "z", 1), 0);
	CU_ASSERT_TRUE(next_data(&az, &d, 5)); /* new data */
	CU_ASSERT_TRUE(sct_addr_eq(&d, &alt));
	CU_ASSERT_EQUAL(path_state(&az, a, &az.addr[AZ_Z]), SCT_PI_PF);
	az_free(&az);
}

static const struct sct_test pf_tests[] = {
    SCT_TEST(rfc7829_3_2_step4_all_pf_fewest_errors),
    SCT_TEST(rfc7829_3_2_new_data_leaves_pf_primary),
    SCT_TEST(rfc7829_3_2_pf_heartbeat_every_rto_and_back),
    SCT_TEST(rfc7829_3_2_step1_pf_off),
    SCT_TEST(rfc7829_3_2_step10_sack_makes_pf_active),
    SCT_TEST_END,
};

SCT_TEST_MAIN(pf_tests)
