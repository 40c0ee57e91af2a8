/* SPDX-License-Identifier: MIT */
/* test_sctp_sack.c: A/Z tests of acknowledgement (RFC 9260 6.2, 6.2.1, 3.3.4; ETSI a-*, d-*). */
#include "harness.h"

#include <errno.h>
#include <string.h>

#include "az.h"
#include "wire/sctp_types.h"

/* An established pair with A sending small messages one packet each. */
static sct_assoc_id setup(struct az *az, uint64_t seed, sct_assoc_id *z)
{
	sct_assoc_id a;

	az_init(az, seed);
	a = az_establish(az, z);
	if (a)
		sct_assoc_set_nodelay(az->st[AZ_A], a, true);
	return a;
}

/* A sends @n one-byte messages, each collected into its own flight packet. */
static void send_n(struct az *az, sct_assoc_id a, int n)
{
	int i;

	for (i = 0; i < n; i++) {
		az_send_msg(az, AZ_A, a, 0, "m", 1);
		az_collect(az);
	}
}

/* The flight index of the first packet from @from (-1 when none). */
static int first_from(const struct az *az, int from)
{
	size_t i;

	for (i = 0; i < az->n_flight; i++)
		if (az->flight[i]->from == from)
			return (int)i;
	return -1;
}

/* 5.1 / 6.2 (ETSI a-v-9-1): the first DATA of the association is SACKed without delay. */
static void rfc9260_6_2_a_v_9_1_first_sack_immediate(void)
{
	struct az az;
	sct_assoc_id a, z;
	struct sct_sack s;
	struct sct_data d;

	a = setup(&az, 101, &z);
	CU_ASSERT_NOT_EQUAL_FATAL(a, 0);
	send_n(&az, a, 1);
	CU_ASSERT_TRUE_FATAL(az_data(&az, 0, 0, &d));
	az_deliver(&az, 0);
	az_collect(&az);
	CU_ASSERT_EQUAL_FATAL(az.n_flight, 1);
	CU_ASSERT_TRUE_FATAL(az_sack(&az, 0, &s));
	CU_ASSERT_EQUAL(s.cum_tsn_ack, d.tsn);
	CU_ASSERT_EQUAL(s.n_gaps, 0);
	CU_ASSERT_EQUAL(s.n_dups, 0);
	az_free(&az);
}

/* 6.2: a lone DATA waits for the delayed SACK timer, which is sack_timeout (<= 500 ms). */
static void rfc9260_6_2_delayed_sack_timer(void)
{
	struct az az;
	sct_assoc_id a, z;
	sct_time_t t0;

	az_init(&az, 102);
	sct_stack_settings(az.st[AZ_Z])->sack_timeout = 120;
	a = az_establish(&az, &z);
	CU_ASSERT_NOT_EQUAL_FATAL(a, 0);
	sct_assoc_set_nodelay(az.st[AZ_A], a, true);
	send_n(&az, a, 1);
	az_run(&az); /* the first: at once */
	send_n(&az, a, 1);
	az_deliver(&az, 0);
	az_collect(&az);
	CU_ASSERT_EQUAL(az.n_flight, 0);
	t0 = az.now;
	az_step(&az, sct_ms(119));
	CU_ASSERT_EQUAL(az.n_flight, 0);
	az_step(&az, sct_ms(1));
	CU_ASSERT_EQUAL(az.now - t0, sct_ms(120));
	CU_ASSERT_EQUAL_FATAL(az.n_flight, 1);
	CU_ASSERT_EQUAL(az_chunk_type(&az, 0, 0), SCT_CHUNK_SACK);
	az_free(&az);
}

/* 6.2 (ETSI a-v-9-2): a SACK at least every second packet with DATA; one SACK covers both. */
static void rfc9260_6_2_a_v_9_2_every_second_packet(void)
{
	struct az az;
	sct_assoc_id a, z;
	struct sct_sack s;
	struct sct_data d;

	a = setup(&az, 103, &z);
	CU_ASSERT_NOT_EQUAL_FATAL(a, 0);
	send_n(&az, a, 1);
	az_run(&az);
	send_n(&az, a, 2);
	CU_ASSERT_EQUAL_FATAL(az.n_flight, 2);
	CU_ASSERT_TRUE_FATAL(az_data(&az, 1, 0, &d));
	az_deliver(&az, 0);
	az_collect(&az);
	CU_ASSERT_EQUAL(az.n_flight, 1); /* no SACK after the first of the two */
	az_deliver(&az, 0);
	az_collect(&az);
	CU_ASSERT_EQUAL_FATAL(az.n_flight, 1);
	CU_ASSERT_TRUE_FATAL(az_sack(&az, 0, &s));
	CU_ASSERT_EQUAL(s.cum_tsn_ack, d.tsn);
	/* sack_freq 1: every packet */
	az_free(&az);
	az_init(&az, 104);
	sct_stack_settings(az.st[AZ_Z])->sack_freq = 1;
	a = az_establish(&az, &z);
	sct_assoc_set_nodelay(az.st[AZ_A], a, true);
	send_n(&az, a, 1);
	az_run(&az);
	send_n(&az, a, 1);
	az_deliver(&az, 0);
	az_collect(&az);
	CU_ASSERT_EQUAL(az_count_chunk(&az, AZ_Z, SCT_CHUNK_SACK), 1);
	az_free(&az);
}

/*
 * RFC 9260 3.3.4 example / 6.2 (ETSI a-o-9-3): with TSN 12 cumulative and
 * 14, 15, 17 received, the SACK carries gap blocks (2,3) and (5,5), at once.
 */
static void rfc9260_3_3_4_a_o_9_3_gap_blocks_example(void)
{
	struct az az;
	sct_assoc_id a, z;
	struct sct_sack s;
	struct sct_data d;
	uint32_t base;
	size_t n_sacks = 0;
	int i;

	a = setup(&az, 105, &z);
	CU_ASSERT_NOT_EQUAL_FATAL(a, 0);
	send_n(&az, a, 1);
	az_run(&az);
	send_n(&az, a, 6); /* TSN base+0 .. base+5 play 12 .. 17 */
	CU_ASSERT_EQUAL_FATAL(az.n_flight, 6);
	CU_ASSERT_TRUE_FATAL(az_data(&az, 0, 0, &d));
	base = d.tsn;
	/* deliver 12 (its SACK may wait), lose 13, deliver 14, 15, lose 16, deliver 17 */
	az_deliver(&az, 0);
	az_drop(&az, 0);
	for (i = 0; i < 2; i++) {
		az_deliver(&az, 0);
		az_collect(&az);
		/* 6.7: a SACK goes at once for every packet while a gap exists */
		CU_ASSERT_EQUAL(az_count_chunk(&az, AZ_Z, SCT_CHUNK_SACK), ++n_sacks);
	}
	az_drop(&az, 0);
	az_deliver(&az, 0);
	az_collect(&az);
	i = az.n_flight ? (int)az.n_flight - 1 : 0;
	CU_ASSERT_TRUE_FATAL(az_sack(&az, (size_t)i, &s));
	CU_ASSERT_EQUAL(s.cum_tsn_ack, base);
	CU_ASSERT_EQUAL_FATAL(s.n_gaps, 2);
	CU_ASSERT_EQUAL(sct_sack_gap(&s, 0).start, 2);
	CU_ASSERT_EQUAL(sct_sack_gap(&s, 0).end, 3);
	CU_ASSERT_EQUAL(sct_sack_gap(&s, 1).start, 5);
	CU_ASSERT_EQUAL(sct_sack_gap(&s, 1).end, 5);
	az_free(&az);
}

/* 6.2 (ETSI d-o-8-6): a duplicate DATA is reported in the SACK, which goes at once. */
static void rfc9260_6_2_d_o_8_6_duplicate_tsn_reported(void)
{
	struct az az;
	sct_assoc_id a, z;
	struct sct_sack s;
	struct sct_data d;
	uint8_t buf[8];
	struct sct_rcvinfo ri;
	int k;

	a = setup(&az, 106, &z);
	CU_ASSERT_NOT_EQUAL_FATAL(a, 0);
	send_n(&az, a, 1);
	az_run(&az);
	send_n(&az, a, 1);
	CU_ASSERT_TRUE_FATAL(az_data(&az, 0, 0, &d));
	az_dup(&az, 0);
	az_deliver(&az, 0);
	az_collect(&az);
	CU_ASSERT_EQUAL(az_count_chunk(&az, AZ_Z, SCT_CHUNK_SACK), 0);
	az_deliver(&az, 0); /* the copy */
	az_collect(&az);
	k = first_from(&az, AZ_Z);
	CU_ASSERT_TRUE_FATAL(k >= 0 && az_sack(&az, (size_t)k, &s));
	CU_ASSERT_EQUAL(s.cum_tsn_ack, d.tsn);
	CU_ASSERT_EQUAL_FATAL(s.n_dups, 1);
	CU_ASSERT_EQUAL(sct_sack_dup(&s, 0), d.tsn);
	az_run(&az);
	/* delivered once to the application */
	CU_ASSERT_EQUAL(az_recv_msg(&az, AZ_Z, z, buf, sizeof(buf), &ri), 1);
	CU_ASSERT_EQUAL(az_recv_msg(&az, AZ_Z, z, buf, sizeof(buf), &ri), 1);
	CU_ASSERT_EQUAL(az_recv_msg(&az, AZ_Z, z, buf, sizeof(buf), &ri), -EAGAIN);
	az_free(&az);
}

/* RFC 7053 / 6.2: the I bit asks for a SACK without delay. */
static void rfc9260_6_2_i_bit_immediate_sack(void)
{
	struct az az;
	sct_assoc_id a, z;
	struct sct_sndinfo si = {.sid = 0, .flags = SCT_SEND_SACK_IMMEDIATELY};
	struct sct_data d;

	a = setup(&az, 107, &z);
	CU_ASSERT_NOT_EQUAL_FATAL(a, 0);
	send_n(&az, a, 1);
	az_run(&az);
	CU_ASSERT_EQUAL(sct_assoc_send(az.st[AZ_A], a, &si, "i", 1, az.now), 0);
	az_collect(&az);
	CU_ASSERT_TRUE_FATAL(az_data(&az, 0, 0, &d));
	CU_ASSERT_TRUE(d.flags & SCT_DATA_FLAG_I);
	az_deliver(&az, 0);
	az_collect(&az);
	CU_ASSERT_EQUAL(az_count_chunk(&az, AZ_Z, SCT_CHUNK_SACK), 1);
	az_free(&az);
}

/* 6.2.1 D i (ETSI d-o-8-12): a SACK whose cumulative ack is behind ours is dropped. */
static void rfc9260_6_2_1_d_o_8_12_outdated_sack(void)
{
	struct az az;
	sct_assoc_id a, z;
	struct sct_assoc_status st;
	struct az_bld b;

	a = setup(&az, 108, &z);
	CU_ASSERT_NOT_EQUAL_FATAL(a, 0);
	send_n(&az, a, 3);
	az_run(&az);
	az_settle(&az, sct_ms(300));
	st = az_status(&az, AZ_A, a);
	CU_ASSERT_EQUAL_FATAL(st.unacked, 0);
	/* a stale SACK: cum one below, a_rwnd 0 — it must not close the window */
	az_bld_assoc(&az, &b, AZ_A, a);
	az_bld_sack(&b, st.cum_tsn_acked - 1, 0, NULL, 0, NULL, 0);
	CU_ASSERT_EQUAL(az_send(&az, AZ_A, &b), 0);
	CU_ASSERT_EQUAL(az_status(&az, AZ_A, a).peer_rwnd, st.peer_rwnd);
	CU_ASSERT_EQUAL(az_status(&az, AZ_A, a).cum_tsn_acked, st.cum_tsn_acked);
	az_free(&az);
}

/* 6.2.1: a SACK acknowledging a TSN never sent is a protocol violation: ABORT. */
static void rfc9260_6_2_1_sack_beyond_next_tsn_aborts(void)
{
	struct az az;
	sct_assoc_id a, z;
	struct sct_assoc_status st;
	struct az_bld b;
	const struct sct_event *ev;
	int k;

	a = setup(&az, 109, &z);
	CU_ASSERT_NOT_EQUAL_FATAL(a, 0);
	send_n(&az, a, 1);
	az_run(&az);
	st = az_status(&az, AZ_A, a);
	az_bld_assoc(&az, &b, AZ_A, a);
	az_bld_sack(&b, st.cum_tsn_acked + 5, 100000, NULL, 0, NULL, 0);
	az_send(&az, AZ_A, &b);
	az_collect(&az);
	k = az_find_chunk(&az, AZ_A, SCT_CHUNK_ABORT);
	CU_ASSERT_TRUE_FATAL(k >= 0);
	CU_ASSERT_EQUAL(az_cause(&az, (size_t)k, 0), SCT_CAUSE_PROTOCOL_VIOLATION);
	ev = az_find_event(&az, AZ_A, SCT_EV_ASSOC_CHANGE, SCT_COMM_LOST);
	CU_ASSERT_PTR_NOT_NULL(ev);
	az_free(&az);
}

/* 6.2.1 D ii (ETSI d-v-8-4): rwnd = a_rwnd less the bytes still outstanding. */
static void rfc9260_6_2_1_d_ii_d_v_8_4_rwnd_arithmetic(void)
{
	struct az az;
	sct_assoc_id a, z;
	struct sct_assoc_status st;
	struct az_bld b;
	static uint8_t msg[300];
	uint32_t cum;

	a = setup(&az, 110, &z);
	CU_ASSERT_NOT_EQUAL_FATAL(a, 0);
	st = az_status(&az, AZ_A, a);
	cum = st.cum_tsn_acked;
	CU_ASSERT_EQUAL(st.peer_rwnd, 212992); /* Z's rcvbuf from its INIT ACK */
	az_send_msg(&az, AZ_A, a, 0, msg, 100);
	az_collect(&az);
	az_send_msg(&az, AZ_A, a, 0, msg, 300);
	az_collect(&az);
	CU_ASSERT_EQUAL_FATAL(az.n_flight, 2);
	/* 6.2.1 B: what is sent comes off rwnd at once */
	CU_ASSERT_EQUAL(az_status(&az, AZ_A, a).peer_rwnd, 212992 - 400);
	az_drop_all(&az);
	/* the first acknowledged, a_rwnd 5000: 5000 - 300 outstanding */
	az_bld_assoc(&az, &b, AZ_A, a);
	az_bld_sack(&b, cum + 1, 5000, NULL, 0, NULL, 0);
	az_send(&az, AZ_A, &b);
	CU_ASSERT_EQUAL(az_status(&az, AZ_A, a).peer_rwnd, 4700);
	CU_ASSERT_EQUAL(az_status(&az, AZ_A, a).cum_tsn_acked, cum + 1);
	/* a_rwnd smaller than what is outstanding: 0, not a wrap-around */
	az_bld_assoc(&az, &b, AZ_A, a);
	az_bld_sack(&b, cum + 1, 200, NULL, 0, NULL, 0);
	az_send(&az, AZ_A, &b);
	CU_ASSERT_EQUAL(az_status(&az, AZ_A, a).peer_rwnd, 0);
	/* everything acknowledged: the full a_rwnd */
	az_bld_assoc(&az, &b, AZ_A, a);
	az_bld_sack(&b, cum + 2, 9000, NULL, 0, NULL, 0);
	az_send(&az, AZ_A, &b);
	CU_ASSERT_EQUAL(az_status(&az, AZ_A, a).peer_rwnd, 9000);
	CU_ASSERT_EQUAL(az_status(&az, AZ_A, a).unacked, 0);
	az_free(&az);
}

/*
 * 6.2.1 D iii: a TSN gap-acked before and missing from a later SACK (the
 * receiver reneged) is outstanding again: T3-rtx restarts and resends it.
 */
static void rfc9260_6_2_1_d_iii_reneging(void)
{
	struct az az;
	sct_assoc_id a, z;
	struct az_bld b;
	struct sct_data d;
	uint16_t gap[2] = {1, 2};
	uint32_t cum;
	sct_time_t t0;

	a = setup(&az, 111, &z);
	CU_ASSERT_NOT_EQUAL_FATAL(a, 0);
	cum = az_status(&az, AZ_A, a).cum_tsn_acked;
	send_n(&az, a, 2);
	az_drop_all(&az);
	az_bld_assoc(&az, &b, AZ_A, a);
	az_bld_sack(&b, cum, 100000, gap, 1, NULL, 0);
	az_send(&az, AZ_A, &b);
	CU_ASSERT_EQUAL(az_status(&az, AZ_A, a).flight, 0);
	/* nothing in flight: no T3 (R2), so no retransmission without the renege */
	t0 = az.now;
	az_bld_assoc(&az, &b, AZ_A, a);
	az_bld_sack(&b, cum, 100000, NULL, 0, NULL, 0);
	az_send(&az, AZ_A, &b);
	CU_ASSERT_TRUE_FATAL(az_advance(&az));
	CU_ASSERT_EQUAL(az.now - t0, sct_ms(1000)); /* T3 at RTO */
	CU_ASSERT_TRUE_FATAL(az.n_flight >= 1);
	CU_ASSERT_TRUE_FATAL(az_data(&az, 0, 0, &d));
	CU_ASSERT_EQUAL(d.tsn, cum + 1);
	az_free(&az);
}

/* 6.2: our a_rwnd shrinks by what the application has not read; reading sends an update. */
static void rfc9260_6_2_receiver_window_and_update(void)
{
	struct az az;
	sct_assoc_id a, z;
	static uint8_t msg[1000], buf[1000];
	struct sct_rcvinfo ri;
	struct sct_sack s;
	int i, k;

	az_init(&az, 112);
	sct_stack_settings(az.st[AZ_Z])->rcvbuf = 8000;
	a = az_establish(&az, &z);
	CU_ASSERT_NOT_EQUAL_FATAL(a, 0);
	sct_assoc_set_nodelay(az.st[AZ_A], a, true);
	CU_ASSERT_EQUAL(az_status(&az, AZ_A, a).peer_rwnd, 8000);
	for (i = 0; i < 4; i++)
		az_send_msg(&az, AZ_A, a, 0, msg, sizeof(msg));
	az_settle(&az, sct_ms(500));
	CU_ASSERT_EQUAL(az_status(&az, AZ_Z, z).rwnd, 4000);
	CU_ASSERT_EQUAL(az_status(&az, AZ_A, a).peer_rwnd, 4000);
	/* reading 1000 is less than a quarter: no update; 2000: an update */
	CU_ASSERT_EQUAL(az_recv_msg(&az, AZ_Z, z, buf, sizeof(buf), &ri), 1000);
	az_collect(&az);
	CU_ASSERT_EQUAL(az.n_flight, 0);
	CU_ASSERT_EQUAL(az_recv_msg(&az, AZ_Z, z, buf, sizeof(buf), &ri), 1000);
	az_collect(&az);
	k = first_from(&az, AZ_Z);
	CU_ASSERT_TRUE_FATAL(k >= 0 && az_sack(&az, (size_t)k, &s));
	CU_ASSERT_EQUAL(s.a_rwnd, 6000);
	az_run(&az);
	CU_ASSERT_EQUAL(az_status(&az, AZ_A, a).peer_rwnd, 6000);
	az_free(&az);
}

/* 6.2: new DATA beyond the receive buffer is dropped, not kept; the SACK says so at once. */
static void rfc9260_6_2_data_beyond_window_dropped(void)
{
	struct az az;
	sct_assoc_id a, z;
	struct az_bld b;
	struct sct_rcvinfo ri;
	static uint8_t big[4096], buf[5000];
	uint32_t tsn;

	az_init(&az, 113);
	sct_stack_settings(az.st[AZ_Z])->rcvbuf = 4096;
	a = az_establish(&az, &z);
	CU_ASSERT_NOT_EQUAL_FATAL(a, 0);
	tsn = az_status(&az, AZ_A, a).cum_tsn_acked + 1;
	az_bld_assoc(&az, &b, AZ_Z, z);
	az_bld_data(&b, tsn, 0, 0, SCT_DATA_FLAG_B | SCT_DATA_FLAG_E, big, 4000);
	az_send(&az, AZ_Z, &b);
	az_bld_assoc(&az, &b, AZ_Z, z);
	az_bld_data(&b, tsn + 1, 0, 1, SCT_DATA_FLAG_B | SCT_DATA_FLAG_E, big, 200);
	az_send(&az, AZ_Z, &b);
	CU_ASSERT_EQUAL(az_status(&az, AZ_Z, z).rwnd, 96);
	az_collect(&az);
	CU_ASSERT_TRUE(az_count_chunk(&az, AZ_Z, SCT_CHUNK_SACK) >= 1);
	CU_ASSERT_EQUAL(az_recv_msg(&az, AZ_Z, z, buf, sizeof(buf), &ri), 4000);
	CU_ASSERT_EQUAL(az_recv_msg(&az, AZ_Z, z, buf, sizeof(buf), &ri), -EAGAIN);
	az_free(&az);
}

/* 6.5 (ETSI e-i-6-3): DATA for a stream that does not exist: ERROR Invalid Stream Identifier. */
static void rfc9260_6_5_e_i_6_3_invalid_stream(void)
{
	struct az az;
	sct_assoc_id a, z;
	struct az_bld b;
	int k;

	a = setup(&az, 120, &z);
	CU_ASSERT_NOT_EQUAL_FATAL(a, 0);
	az_bld_assoc(&az, &b, AZ_Z, z);
	az_bld_data(&b, az_status(&az, AZ_A, a).cum_tsn_acked + 1, 200, 0,
		    SCT_DATA_FLAG_B | SCT_DATA_FLAG_E, "s", 1);
	CU_ASSERT_EQUAL(az_send(&az, AZ_Z, &b), 0);
	az_collect(&az);
	k = az_find_chunk(&az, AZ_Z, SCT_CHUNK_ERROR);
	CU_ASSERT_TRUE_FATAL(k >= 0);
	CU_ASSERT_EQUAL(az_cause(&az, (size_t)k, 0), SCT_CAUSE_INVALID_STREAM);
	CU_ASSERT_EQUAL(az_count_chunk(&az, AZ_Z, SCT_CHUNK_SACK), 1); /* the TSN is acknowledged */
	az_free(&az);
}

/*
 * 6.10 / 6.5: control chunks wait in a per-association queue for the next packets.  It
 * grows as chunks come (60 ERRORs from one packet all go, bundled, in order of the streams)
 * and is bounded: 700 more at once (RFC 9260 6.5 says nothing of a bound; ours is 8 KiB of
 * [2-byte length][chunk]) keep the first 8192 / (2 + 12) = 585, drop the rest, and the
 * association goes on (a later one is reported again).  The DATA is injected as if from A,
 * so what Z sends back is dropped, not shown to A.
 */
static void rfc9260_6_10_control_queue_grows_bounded(void)
{
	struct az az;
	sct_assoc_id a, z;
	struct az_bld b;
	uint32_t tsn;
	size_t i, n, k;
	int j;

	a = setup(&az, 122, &z);
	CU_ASSERT_NOT_EQUAL_FATAL(a, 0);
	tsn = az_status(&az, AZ_A, a).cum_tsn_acked + 1;
	az_bld_assoc(&az, &b, AZ_Z, z);
	for (i = 0; i < 60; i++)
		az_bld_data(&b, tsn++, (uint16_t)(200 + i), 0, SCT_DATA_FLAG_B | SCT_DATA_FLAG_E,
			    "s", 1);
	CU_ASSERT_EQUAL(az_send(&az, AZ_Z, &b), 0);
	az_collect(&az);
	CU_ASSERT_EQUAL(az_count_chunk(&az, AZ_Z, SCT_CHUNK_ERROR), 60);
	j = az_find_chunk(&az, AZ_Z, SCT_CHUNK_ERROR);
	CU_ASSERT_TRUE_FATAL(j >= 0);
	CU_ASSERT_EQUAL(az_cause(&az, (size_t)j, 0), SCT_CAUSE_INVALID_STREAM);
	az_drop_all(&az); /* A never sent these TSNs: it must not see their SACK */
	for (k = 0; k < 10; k++) {
		az_bld_assoc(&az, &b, AZ_Z, z);
		for (i = 0; i < 70; i++)
			az_bld_data(&b, tsn++, 300, 0, SCT_DATA_FLAG_B | SCT_DATA_FLAG_E, "s", 1);
		CU_ASSERT_EQUAL(az_send(&az, AZ_Z, &b), 0);
	}
	az_collect(&az);
	n = az_count_chunk(&az, AZ_Z, SCT_CHUNK_ERROR);
	CU_ASSERT_EQUAL(n, 8192 / (2 + 12));
	az_drop_all(&az);
	CU_ASSERT_EQUAL(az_state(&az, AZ_Z, z), SCT_ESTABLISHED);
	az_bld_assoc(&az, &b, AZ_Z, z);
	az_bld_data(&b, tsn, 300, 0, SCT_DATA_FLAG_B | SCT_DATA_FLAG_E, "s", 1);
	CU_ASSERT_EQUAL(az_send(&az, AZ_Z, &b), 0);
	az_collect(&az);
	CU_ASSERT_EQUAL(az_count_chunk(&az, AZ_Z, SCT_CHUNK_ERROR), 1);
	az_free(&az);
}

/* 3.2 (ETSI m-i-10-1..4): an unknown chunk before DATA, by its upper two bits. */
static void rfc9260_3_2_m_i_10_unknown_chunk_with_data(void)
{
	static const struct {
		uint8_t type;
		bool data_taken, reported;
	} cases[] = {
	    {0x31, false, false}, {0x71, false, true}, {0xb1, true, false}, {0xf1, true, true}};
	size_t i;

	for (i = 0; i < 4; i++) {
		struct az az;
		sct_assoc_id a, z;
		struct az_bld b;
		uint8_t buf[8];
		struct sct_rcvinfo ri;
		int k;

		a = setup(&az, 121 + i, &z);
		CU_ASSERT_NOT_EQUAL_FATAL(a, 0);
		az_bld_assoc(&az, &b, AZ_Z, z);
		az_bld_raw_chunk(&b, cases[i].type, 0, "abcd", 4);
		az_bld_data(&b, az_status(&az, AZ_A, a).cum_tsn_acked + 1, 0, 0,
			    SCT_DATA_FLAG_B | SCT_DATA_FLAG_E, "u", 1);
		az_send(&az, AZ_Z, &b);
		az_collect(&az);
		k = az_find_chunk(&az, AZ_Z, SCT_CHUNK_ERROR);
		CU_ASSERT_EQUAL(k >= 0, cases[i].reported);
		if (k >= 0)
			CU_ASSERT_EQUAL(az_cause(&az, (size_t)k, 0), SCT_CAUSE_UNRECOGNIZED_CHUNK);
		CU_ASSERT_EQUAL(az_recv_msg(&az, AZ_Z, z, buf, sizeof(buf), &ri) == 1,
				cases[i].data_taken);
		az_free(&az);
	}
}

/*
 * 5.1.5 step 7: DATA bundled after a COOKIE ECHO is processed with it; the
 * reply carries the COOKIE ACK first, then a SACK for that DATA, and the
 * message is delivered.
 */
static void rfc9260_5_1_5_data_bundled_with_cookie_echo(void)
{
	struct az az;
	struct az_bld b;
	struct sct_cookie_echo ce = {0};
	struct sct_chunk c;
	struct sct_sack sk;
	struct sct_rcvinfo ri;
	const struct sct_event *up;
	uint8_t ck[1024], got[16];
	uint32_t itsn, tag;
	size_t len;

	az_init(&az, 130);
	CU_ASSERT_NOT_EQUAL_FATAL(az_connect(&az), 0);
	az_collect(&az);
	CU_ASSERT_EQUAL_FATAL(az.flight[0]->buf[12], SCT_CHUNK_INIT);
	itsn = sct_get_u32(az.flight[0]->buf + 12 + 4 + 12); /* the INIT's Initial TSN */
	az_deliver(&az, 0);
	az_collect(&az);
	len = az_take_cookie(&az, 0, ck, sizeof(ck));
	tag = az_itag(&az, 0);
	CU_ASSERT_FATAL(len > 0);
	az_drop_all(&az);

	memset(&ce, 0, sizeof(ce));
	ce.cookie = ck;
	ce.cookie_len = len;
	az_bld_start(&b, az.port[AZ_A], az.port[AZ_Z], tag);
	sct_cookie_echo_emit(&b.w, &ce);
	az_bld_data(&b, itsn, 0, 0, SCT_DATA_FLAG_B | SCT_DATA_FLAG_E, "hello", 5);
	az_send(&az, AZ_Z, &b);
	az_collect(&az);
	az_poll_events(&az);
	up = az_find_event(&az, AZ_Z, SCT_EV_ASSOC_CHANGE, SCT_COMM_UP);
	CU_ASSERT_PTR_NOT_NULL_FATAL(up);
	CU_ASSERT_EQUAL_FATAL(az.n_flight, 1);
	CU_ASSERT_EQUAL(az_chunk(&az, 0, 0, &c), 0);
	CU_ASSERT_EQUAL(c.type, SCT_CHUNK_COOKIE_ACK);
	CU_ASSERT_TRUE_FATAL(az_find_in(&az, 0, SCT_CHUNK_SACK) > 0);
	CU_ASSERT_EQUAL_FATAL(az_chunk(&az, 0, az_find_in(&az, 0, SCT_CHUNK_SACK), &c), 0);
	CU_ASSERT_EQUAL_FATAL(sct_sack_parse(&c, &sk), 0);
	CU_ASSERT_EQUAL(sk.cum_tsn_ack, itsn);
	CU_ASSERT_EQUAL(az_recv_msg(&az, AZ_Z, up->assoc, got, sizeof(got), &ri), 5);
	CU_ASSERT_EQUAL(memcmp(got, "hello", 5), 0);
	az_free(&az);
}

static const struct sct_test sack_tests[] = {
    SCT_TEST(rfc9260_5_1_5_data_bundled_with_cookie_echo),
    SCT_TEST(rfc9260_6_5_e_i_6_3_invalid_stream),
    SCT_TEST(rfc9260_6_10_control_queue_grows_bounded),
    SCT_TEST(rfc9260_3_2_m_i_10_unknown_chunk_with_data),
    SCT_TEST(rfc9260_6_2_a_v_9_1_first_sack_immediate),
    SCT_TEST(rfc9260_6_2_delayed_sack_timer),
    SCT_TEST(rfc9260_6_2_a_v_9_2_every_second_packet),
    SCT_TEST(rfc9260_3_3_4_a_o_9_3_gap_blocks_example),
    SCT_TEST(rfc9260_6_2_d_o_8_6_duplicate_tsn_reported),
    SCT_TEST(rfc9260_6_2_i_bit_immediate_sack),
    SCT_TEST(rfc9260_6_2_1_d_o_8_12_outdated_sack),
    SCT_TEST(rfc9260_6_2_1_sack_beyond_next_tsn_aborts),
    SCT_TEST(rfc9260_6_2_1_d_ii_d_v_8_4_rwnd_arithmetic),
    SCT_TEST(rfc9260_6_2_1_d_iii_reneging),
    SCT_TEST(rfc9260_6_2_receiver_window_and_update),
    SCT_TEST(rfc9260_6_2_data_beyond_window_dropped),
    SCT_TEST_END,
};

SCT_TEST_MAIN(sack_tests)
