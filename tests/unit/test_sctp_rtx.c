/* SPDX-License-Identifier: MIT */
/* test_sctp_rtx.c: A/Z tests of retransmission (RFC 9260 6.3, 7.2.4, 8.1, 8.2; ETSI d-*, fh-*,
 * rt-*). */
#include "harness.h"

#include <errno.h>
#include <string.h>

#include "az.h"
#include "wire/sctp_types.h"

#define PMDCS_V4 (1500 - 20 - 12 - 16)

static sct_assoc_id setup(struct az *az, uint64_t seed, sct_assoc_id *z, uint32_t rto_min)
{
	sct_assoc_id a;

	az_init(az, seed);
	sct_stack_settings(az->st[AZ_A])->rto_min = rto_min;
	sct_stack_settings(az->st[AZ_Z])->sack_freq = 1;
	a = az_establish(az, z);
	if (a)
		sct_assoc_set_nodelay(az->st[AZ_A], a, true);
	return a;
}

/* The TSN of the first DATA in flight packet @i, or 0. */
static uint32_t tsn_of(const struct az *az, size_t i)
{
	struct sct_data d;

	return az_data(az, i, 0, &d) ? d.tsn : 0;
}

/* Whether a DATA chunk with @tsn is in a flight packet from A. */
static bool tsn_in_flight(const struct az *az, uint32_t tsn)
{
	size_t i;
	int k;
	struct sct_data d;

	for (i = 0; i < az->n_flight; i++)
		for (k = 0; az->flight[i]->from == AZ_A && az_data(az, i, k, &d); k++)
			if (d.tsn == tsn)
				return true;
	return false;
}

/* Deliver everything in order but lose A's packets that carry @tsn (@times times). */
struct lossy {
	uint32_t tsn[4];
	int left[4];
	int sent[4]; /* transmissions seen */
	size_t n;
};

static void pump(struct az *az, struct lossy *l)
{
	int guard = 0;

	az_collect(az);
	while (az->n_flight && guard++ < 10000) {
		size_t j;
		bool drop = false;
		struct sct_data d;
		int k;

		for (k = 0; az->flight[0]->from == AZ_A && az_data(az, 0, k, &d); k++)
			for (j = 0; j < l->n; j++)
				if (d.tsn == l->tsn[j]) {
					l->sent[j]++;
					if (l->left[j] > 0) {
						l->left[j]--;
						drop = true;
					}
				}
		if (drop)
			az_drop(az, 0);
		else
			az_deliver(az, 0);
		az_collect(az);
	}
	az_poll_events(az);
}

/* Advance through timers (cookie key rotation...) until A sends DATA. */
static bool advance_to_data(struct az *az)
{
	int i;

	for (i = 0; i < 20; i++) {
		if (!az_advance(az))
			return false;
		if (az_count_data(az, AZ_A))
			return true;
	}
	return false;
}

/* 6.3.1 C1-C3: RTO.Initial, then SRTT/RTTVAR from measured round trips. */
static void rfc9260_6_3_1_c1_c3_rto_from_rtt(void)
{
	struct az az;
	sct_assoc_id a, z;
	struct sct_assoc_status st;

	a = setup(&az, 201, &z, 10);
	CU_ASSERT_NOT_EQUAL_FATAL(a, 0);
	st = az_status(&az, AZ_A, a);
	CU_ASSERT_EQUAL(st.rto_ms, 1000); /* C1 */
	CU_ASSERT_EQUAL(st.srtt_ms, 0);
	az_send_msg(&az, AZ_A, a, 0, "x", 1);
	az_collect(&az);
	az_step(&az, sct_ms(100));
	az_run(&az);
	st = az_status(&az, AZ_A, a);
	/* C2: SRTT = R, RTTVAR = R/2, RTO = SRTT + 4 RTTVAR */
	CU_ASSERT_EQUAL(st.srtt_ms, 100);
	CU_ASSERT_EQUAL(st.rto_ms, 300);
	az_send_msg(&az, AZ_A, a, 0, "y", 1);
	az_collect(&az);
	az_step(&az, sct_ms(60));
	az_run(&az);
	st = az_status(&az, AZ_A, a);
	/* C3: RTTVAR = 3/4 50 + 1/4 |100 - 60| = 47.5; SRTT = 7/8 100 + 1/8 60 = 95 */
	CU_ASSERT_EQUAL(st.srtt_ms, 95);
	CU_ASSERT_EQUAL(st.rto_ms, 285);
	az_free(&az);
}

/* 6.3.1 C6, C7: RTO.Min and RTO.Max bound the RTO, also when backed off (E2). */
static void rfc9260_6_3_1_c6_c7_rto_bounds(void)
{
	struct az az;
	sct_assoc_id a, z;
	uint32_t want[] = {2000, 3000, 3000};
	size_t i;

	az_init(&az, 202);
	sct_stack_settings(az.st[AZ_A])->rto_max = 3000;
	a = az_establish(&az, &z);
	CU_ASSERT_NOT_EQUAL_FATAL(a, 0);
	az_send_msg(&az, AZ_A, a, 0, "x", 1);
	az_collect(&az);
	az_step(&az, sct_ms(50));
	az_run(&az);
	/* C6: 50 ms measured, RTO.Min 1 s */
	CU_ASSERT_EQUAL(az_status(&az, AZ_A, a).rto_ms, 1000);
	az_send_msg(&az, AZ_A, a, 0, "y", 1);
	az_collect(&az);
	for (i = 0; i < 3; i++) {
		az_drop_all(&az);
		CU_ASSERT_TRUE(advance_to_data(&az));
		CU_ASSERT_EQUAL(az_status(&az, AZ_A, a).rto_ms, want[i]); /* C7 */
	}
	az_free(&az);
}

/* 6.3.1 C5 (Karn): no RTT sample from a retransmitted chunk. */
static void rfc9260_6_3_1_c5_karn(void)
{
	struct az az;
	sct_assoc_id a, z;
	struct sct_assoc_status st;

	a = setup(&az, 203, &z, 10);
	CU_ASSERT_NOT_EQUAL_FATAL(a, 0);
	az_send_msg(&az, AZ_A, a, 0, "x", 1);
	az_collect(&az);
	az_drop_all(&az);
	CU_ASSERT_TRUE(advance_to_data(&az)); /* T3: RTO 2 s */
	az_step(&az, sct_ms(40));
	az_run(&az);
	st = az_status(&az, AZ_A, a);
	CU_ASSERT_EQUAL(st.unacked, 0);
	CU_ASSERT_EQUAL(st.srtt_ms, 0);	  /* no measurement taken */
	CU_ASSERT_EQUAL(st.rto_ms, 2000); /* still the backed-off value */
	az_free(&az);
}

/* 6.3.2 R1-R3: T3 starts with the first DATA, restarts on a new cum ack, stops when done. */
static void rfc9260_6_3_2_r1_r3_t3_rules(void)
{
	struct az az;
	sct_assoc_id a, z;
	struct az_bld b;
	sct_time_t t0;
	uint32_t tsn;

	a = setup(&az, 204, &z, 1000);
	CU_ASSERT_NOT_EQUAL_FATAL(a, 0);
	t0 = az.now;
	az_send_msg(&az, AZ_A, a, 0, "1", 1);
	az_collect(&az);
	tsn = tsn_of(&az, 0);
	/* R1: running, due at RTO */
	CU_ASSERT_EQUAL(sct_stack_next_expiry(az.st[AZ_A]), t0 + sct_ms(1000));
	az_step(&az, sct_ms(500));
	az_send_msg(&az, AZ_A, a, 0, "2", 1);
	az_collect(&az);
	/* not restarted by the second DATA */
	CU_ASSERT_EQUAL(sct_stack_next_expiry(az.st[AZ_A]), t0 + sct_ms(1000));
	az_drop_all(&az);
	az_step(&az, sct_ms(100));
	/* R3: the earliest outstanding TSN acknowledged: restart with the RTO */
	az_bld_assoc(&az, &b, AZ_A, a);
	az_bld_sack(&b, tsn, 100000, NULL, 0, NULL, 0);
	az_send(&az, AZ_A, &b);
	/* (the acknowledgement also gave an RTT sample: 600 ms, RTO 1.8 s) */
	CU_ASSERT_EQUAL(az_status(&az, AZ_A, a).rto_ms, 1800);
	CU_ASSERT_EQUAL(sct_stack_next_expiry(az.st[AZ_A]), az.now + sct_ms(1800));
	/* R2: everything acknowledged: stopped (the next timer is a heartbeat, far away) */
	az_bld_assoc(&az, &b, AZ_A, a);
	az_bld_sack(&b, tsn + 1, 100000, NULL, 0, NULL, 0);
	az_send(&az, AZ_A, &b);
	CU_ASSERT_TRUE(sct_stack_next_expiry(az.st[AZ_A]) > az.now + sct_ms(10000));
	az_free(&az);
}

/*
 * 6.3.3 E1-E3 (ETSI d-i-8-5, rt-i-11-1): on T3 expiry cwnd is one PMDCS,
 * ssthresh max(cwnd/2, 4 PMDCS), the RTO doubles, and the earliest
 * outstanding chunks go again, as many as fit in one packet.
 */
static void rfc9260_6_3_3_e1_e3_rt_i_11_1_t3_expiry(void)
{
	struct az az;
	sct_assoc_id a, z;
	struct sct_assoc_status st;
	static uint8_t m[PMDCS_V4];
	uint32_t first;
	int i;

	a = setup(&az, 205, &z, 1000);
	CU_ASSERT_NOT_EQUAL_FATAL(a, 0);
	for (i = 0; i < 3; i++)
		az_send_msg(&az, AZ_A, a, 0, m, sizeof(m));
	az_collect(&az);
	CU_ASSERT_EQUAL_FATAL(az.n_flight, 3);
	first = tsn_of(&az, 0);
	az_drop_all(&az);
	CU_ASSERT_TRUE(advance_to_data(&az));
	st = az_status(&az, AZ_A, a);
	CU_ASSERT_EQUAL(st.cwnd, PMDCS_V4);
	CU_ASSERT_EQUAL(st.ssthresh, 4 * PMDCS_V4);
	CU_ASSERT_EQUAL(st.rto_ms, 2000);
	CU_ASSERT_EQUAL_FATAL(az.n_flight, 1); /* cwnd: one packet */
	CU_ASSERT_EQUAL(az_count_data(&az, AZ_A), 1);
	CU_ASSERT_EQUAL(tsn_of(&az, 0), first);
	/* the rest follows as SACKs open cwnd */
	az_run(&az);
	az_settle(&az, sct_ms(3000));
	CU_ASSERT_EQUAL(az_status(&az, AZ_A, a).unacked, 0);
	az_free(&az);
}

/* 6.1 C (ETSI d-v-8-9): retransmissions go before new data. */
static void rfc9260_6_1_c_d_v_8_9_retransmissions_first(void)
{
	struct az az;
	sct_assoc_id a, z;
	uint32_t first;

	az_init(&az, 206);
	a = az_establish(&az, &z);
	CU_ASSERT_NOT_EQUAL_FATAL(a, 0);
	/* Nagle on: the second message waits while the first is in flight */
	az_send_msg(&az, AZ_A, a, 0, "old", 3);
	az_collect(&az);
	first = tsn_of(&az, 0);
	az_send_msg(&az, AZ_A, a, 0, "new", 3);
	az_collect(&az);
	CU_ASSERT_EQUAL_FATAL(az.n_flight, 1);
	az_drop_all(&az);
	CU_ASSERT_TRUE(advance_to_data(&az));
	CU_ASSERT_TRUE_FATAL(az.n_flight >= 1);
	CU_ASSERT_EQUAL(tsn_of(&az, 0), first);
	az_settle(&az, sct_ms(3000));
	CU_ASSERT_EQUAL(az_status(&az, AZ_A, a).unacked, 0);
	CU_ASSERT_EQUAL(az_status(&az, AZ_A, a).pending, 0);
	az_free(&az);
}

/*
 * 8.1, 8.2 (ETSI fh-i-5-1-1, rt-i-11-2): past Association.Max.Retrans
 * consecutive T3 expiries the association ends with COMM_LOST / ETIMEDOUT.
 */
static void rfc9260_8_1_fh_i_5_1_1_max_retrans(void)
{
	struct az az;
	sct_assoc_id a, z;
	const struct sct_event *ev;
	int rtx = 0, i;

	az_init(&az, 207);
	sct_stack_settings(az.st[AZ_A])->association_max_retrans = 3;
	sct_stack_settings(az.st[AZ_A])->path_max_retrans = 5;
	sct_stack_settings(az.st[AZ_A])->hb_interval = 0;
	a = az_establish(&az, &z);
	CU_ASSERT_NOT_EQUAL_FATAL(a, 0);
	az_send_msg(&az, AZ_A, a, 0, "x", 1);
	az_collect(&az);
	for (i = 0; i < 10 && az_state(&az, AZ_A, a) == SCT_ESTABLISHED; i++) {
		rtx += (int)az_count_data(&az, AZ_A);
		az_drop_all(&az);
		if (!az_advance(&az))
			break;
	}
	CU_ASSERT_EQUAL(rtx, 1 + 3); /* the first transmission and three retransmissions */
	ev = az_find_event(&az, AZ_A, SCT_EV_ASSOC_CHANGE, SCT_COMM_LOST);
	CU_ASSERT_PTR_NOT_NULL_FATAL(ev);
	CU_ASSERT_EQUAL(ev->u.assoc_change.err, ETIMEDOUT);
	az_free(&az);
}

/* 8.1 (ETSI fh-i-5-1-2): an acknowledgement resets the association error counter. */
static void rfc9260_8_1_fh_i_5_1_2_sack_resets_errors(void)
{
	struct az az;
	sct_assoc_id a, z;
	int i, round;

	az_init(&az, 208);
	sct_stack_settings(az.st[AZ_A])->association_max_retrans = 3;
	sct_stack_settings(az.st[AZ_A])->hb_interval = 0;
	a = az_establish(&az, &z);
	CU_ASSERT_NOT_EQUAL_FATAL(a, 0);
	for (round = 0; round < 3; round++) {
		az_send_msg(&az, AZ_A, a, 0, "x", 1);
		az_collect(&az);
		for (i = 0; i < 3; i++) { /* three expiries: at the limit, not past it */
			az_drop_all(&az);
			CU_ASSERT_TRUE(advance_to_data(&az));
		}
		az_settle(&az, sct_ms(500)); /* the third retransmission gets through */
		CU_ASSERT_EQUAL(az_state(&az, AZ_A, a), SCT_ESTABLISHED);
		CU_ASSERT_EQUAL(az_status(&az, AZ_A, a).unacked, 0);
	}
	CU_ASSERT_PTR_NULL(az_find_event(&az, AZ_A, SCT_EV_ASSOC_CHANGE, SCT_COMM_LOST));
	az_free(&az);
}

/* 7.2.4: Fast Retransmit on the third miss indication, not before, and without T3. */
static void rfc9260_7_2_4_fast_retransmit_third_miss(void)
{
	struct az az;
	sct_assoc_id a, z;
	uint32_t lost;
	int i, k;

	a = setup(&az, 209, &z, 1000);
	CU_ASSERT_NOT_EQUAL_FATAL(a, 0);
	for (i = 0; i < 5; i++) {
		az_send_msg(&az, AZ_A, a, 0, "m", 1);
		az_collect(&az);
	}
	CU_ASSERT_EQUAL_FATAL(az.n_flight, 5);
	lost = tsn_of(&az, 0);
	az_drop(&az, 0);
	for (i = 1; i <= 3; i++) {
		az_deliver(&az, 0); /* A's next DATA */
		az_collect(&az);
		k = az_find_chunk(&az, AZ_Z, SCT_CHUNK_SACK);
		CU_ASSERT_TRUE_FATAL(k >= 0);
		az_deliver(&az, (size_t)k); /* the SACK reporting the gap: one miss */
		az_collect(&az);
		CU_ASSERT_EQUAL(tsn_in_flight(&az, lost), i == 3);
	}
	CU_ASSERT_EQUAL(az_status(&az, AZ_A, a).rto_ms, 1000); /* no T3 involved */
	/* 7.2.3: ssthresh = max(cwnd/2, 4 PMDCS) */
	CU_ASSERT_EQUAL(az_status(&az, AZ_A, a).ssthresh, 4 * PMDCS_V4);
	az_run(&az);
	CU_ASSERT_EQUAL(az_status(&az, AZ_A, a).unacked, 0);
	az_free(&az);
}

/*
 * 7.2.4 / 7.2.3: a second loss within the same window (Fast Recovery) does
 * not cut cwnd again; a fast-retransmitted chunk lost again waits for T3
 * (not fast-retransmitted twice); after Fast Recovery exits, a new loss cuts
 * cwnd again.
 */
static void rfc9260_7_2_4_fast_recovery(void)
{
	struct az az;
	sct_assoc_id a, z;
	struct lossy l;
	uint32_t c0, c1, base;
	sct_time_t t0;
	int i;

	a = setup(&az, 210, &z, 1000);
	CU_ASSERT_NOT_EQUAL_FATAL(a, 0);
	az_grow_cwnd(&az, a, z);
	c0 = az_status(&az, AZ_A, a).cwnd;
	CU_ASSERT_TRUE_FATAL(c0 >= 16 * PMDCS_V4);
	for (i = 0; i < 12; i++) {
		az_send_msg(&az, AZ_A, a, 0, "m", 1);
		az_collect(&az);
	}
	CU_ASSERT_EQUAL_FATAL(az.n_flight, 12);
	base = tsn_of(&az, 0);
	memset(&l, 0, sizeof(l));
	l.n = 2;
	l.tsn[0] = base; /* lost twice: its fast retransmission too */
	l.left[0] = 2;
	l.tsn[1] = base + 4; /* a second loss in the same window */
	l.left[1] = 1;
	t0 = az.now;
	pump(&az, &l);
	c1 = az_status(&az, AZ_A, a).cwnd;
	CU_ASSERT_EQUAL(c1, c0 / 2);   /* one cut only */
	CU_ASSERT_EQUAL(l.sent[0], 2); /* once, then one fast retransmission */
	CU_ASSERT_EQUAL(l.sent[1], 2);
	CU_ASSERT_EQUAL(az.now, t0); /* no timer so far */
	CU_ASSERT_TRUE(az_status(&az, AZ_A, a).unacked > 0);
	/* T3 recovers the twice-lost chunk */
	az_settle(&az, sct_ms(3000));
	CU_ASSERT_EQUAL(az_status(&az, AZ_A, a).unacked, 0);
	az_free(&az);

	/* a second run: after recovery ends, a new loss cuts again */
	a = setup(&az, 211, &z, 1000);
	az_grow_cwnd(&az, a, z);
	c0 = az_status(&az, AZ_A, a).cwnd;
	for (i = 0; i < 8; i++) {
		az_send_msg(&az, AZ_A, a, 0, "m", 1);
		az_collect(&az);
	}
	base = tsn_of(&az, 0);
	memset(&l, 0, sizeof(l));
	l.n = 1;
	l.tsn[0] = base;
	l.left[0] = 1;
	pump(&az, &l);
	c1 = az_status(&az, AZ_A, a).cwnd;
	CU_ASSERT_EQUAL(c1, c0 / 2);
	CU_ASSERT_EQUAL(az_status(&az, AZ_A, a).unacked, 0);
	for (i = 0; i < 8; i++) {
		az_send_msg(&az, AZ_A, a, 0, "n", 1);
		az_collect(&az);
	}
	base = tsn_of(&az, 0);
	memset(&l, 0, sizeof(l));
	l.n = 1;
	l.tsn[0] = base;
	l.left[0] = 1;
	pump(&az, &l);
	{
		uint32_t want = c1 / 2 > 4 * PMDCS_V4 ? c1 / 2 : 4 * PMDCS_V4;

		CU_ASSERT_EQUAL(az_status(&az, AZ_A, a).cwnd, want);
	}
	az_free(&az);
}

static const struct sct_test rtx_tests[] = {
    SCT_TEST(rfc9260_6_3_1_c1_c3_rto_from_rtt),
    SCT_TEST(rfc9260_6_3_1_c6_c7_rto_bounds),
    SCT_TEST(rfc9260_6_3_1_c5_karn),
    SCT_TEST(rfc9260_6_3_2_r1_r3_t3_rules),
    SCT_TEST(rfc9260_6_3_3_e1_e3_rt_i_11_1_t3_expiry),
    SCT_TEST(rfc9260_6_1_c_d_v_8_9_retransmissions_first),
    SCT_TEST(rfc9260_8_1_fh_i_5_1_1_max_retrans),
    SCT_TEST(rfc9260_8_1_fh_i_5_1_2_sack_resets_errors),
    SCT_TEST(rfc9260_7_2_4_fast_retransmit_third_miss),
    SCT_TEST(rfc9260_7_2_4_fast_recovery),
    SCT_TEST_END,
};

SCT_TEST_MAIN(rtx_tests)
