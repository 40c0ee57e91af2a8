/* SPDX-License-Identifier: MIT */
/* test_sctp_cc.c: A/Z tests of congestion control and flow control (RFC 9260 6.1, 7.2). */
#include "harness.h"

#include <errno.h>
#include <string.h>

#include "az.h"
#include "wire/sctp_types.h"

#define PMDCS_V4 (1500 - 20 - 12 - 16)
#define PMDCS_V6 (1500 - 40 - 12 - 16)

static uint8_t full[PMDCS_V4];

static sct_assoc_id setup(struct az *az, uint64_t seed, sct_assoc_id *z)
{
	sct_assoc_id a;

	az_init(az, seed);
	sct_stack_settings(az->st[AZ_Z])->sack_freq = 1;
	a = az_establish(az, z);
	if (a)
		sct_assoc_set_nodelay(az->st[AZ_A], a, true);
	return a;
}

/* 7.2.1: initial cwnd = min(4 PMDCS, max(2 PMDCS, 4404)) for IPv4, 4344 for IPv6. */
static void rfc9260_7_2_1_initial_cwnd_v4_v6(void)
{
	struct az az;
	sct_assoc_id a, z;

	a = setup(&az, 301, &z);
	CU_ASSERT_NOT_EQUAL_FATAL(a, 0);
	CU_ASSERT_EQUAL(az_status(&az, AZ_A, a).cwnd, 4404);
	CU_ASSERT_EQUAL(az_status(&az, AZ_Z, z).cwnd, 4404);
	/* ssthresh starts at the peer's a_rwnd */
	CU_ASSERT_EQUAL(az_status(&az, AZ_A, a).ssthresh, 212992);
	az_free(&az);

	az_init(&az, 302);
	sct_addr_parse(&az.addr[AZ_A], "2001:db8::1");
	sct_addr_parse(&az.addr[AZ_Z], "2001:db8::2");
	az_reboot(&az, AZ_A, 700, false);
	az_reboot(&az, AZ_Z, 701, true);
	a = az_establish(&az, &z);
	CU_ASSERT_NOT_EQUAL_FATAL(a, 0);
	CU_ASSERT_TRUE(4 * PMDCS_V6 > 4344 && 2 * PMDCS_V6 < 4344);
	CU_ASSERT_EQUAL(az_status(&az, AZ_A, a).cwnd, 4344);
	az_free(&az);
}

/* 7.2.1: slow start grows cwnd by at most one PMDCS per SACK, and only with cwnd in use. */
static void rfc9260_7_2_1_slow_start_growth(void)
{
	struct az az;
	sct_assoc_id a, z;
	int k;

	a = setup(&az, 303, &z);
	CU_ASSERT_NOT_EQUAL_FATAL(a, 0);
	/* a small message does not use the window: no growth */
	az_send_msg(&az, AZ_A, a, 0, "x", 1);
	az_run(&az);
	CU_ASSERT_EQUAL(az_status(&az, AZ_A, a).cwnd, 4404);
	/* a full window: three full packets (the third overbooks) */
	az_send_msg(&az, AZ_A, a, 0, full, sizeof(full));
	az_send_msg(&az, AZ_A, a, 0, full, sizeof(full));
	az_send_msg(&az, AZ_A, a, 0, full, sizeof(full));
	az_send_msg(&az, AZ_A, a, 0, full, sizeof(full));
	az_collect(&az);
	CU_ASSERT_EQUAL_FATAL(az.n_flight, 3); /* 6.1 B: not with cwnd or more outstanding */
	az_deliver(&az, 0);
	az_collect(&az);
	k = az_find_chunk(&az, AZ_Z, SCT_CHUNK_SACK);
	CU_ASSERT_TRUE_FATAL(k >= 0);
	az_deliver(&az, (size_t)k);
	/* 1468 bytes acknowledged, the increase is one PMDCS */
	CU_ASSERT_EQUAL(az_status(&az, AZ_A, a).cwnd, 4404 + PMDCS_V4);
	az_free(&az);
}

/* 7.2.2: above ssthresh cwnd grows by one PMDCS per cwnd of acknowledged bytes. */
static void rfc9260_7_2_2_congestion_avoidance(void)
{
	struct az az;
	sct_assoc_id a, z;
	struct sct_assoc_status st;
	int i;

	a = setup(&az, 304, &z);
	CU_ASSERT_NOT_EQUAL_FATAL(a, 0);
	/* a T3 expiry: cwnd 1 PMDCS, ssthresh 4 PMDCS */
	az_send_msg(&az, AZ_A, a, 0, "x", 1);
	az_collect(&az);
	az_drop_all(&az);
	while (az_advance(&az) && !az_count_data(&az, AZ_A))
		;
	az_run(&az);
	st = az_status(&az, AZ_A, a);
	CU_ASSERT_EQUAL_FATAL(st.ssthresh, 4 * PMDCS_V4);
	for (i = 0; i < 24; i++)
		az_send_msg(&az, AZ_A, a, 0, full, sizeof(full));
	az_run(&az);
	st = az_status(&az, AZ_A, a);
	CU_ASSERT_EQUAL(st.unacked, 0);
	/* past ssthresh, but far from the +24 PMDCS slow start would give */
	CU_ASSERT_TRUE(st.cwnd > st.ssthresh);
	CU_ASSERT_TRUE(st.cwnd <= st.ssthresh + 5 * PMDCS_V4);
	az_free(&az);
}

/* 6.1 D / 7.2.4: Max.Burst limits the new-data packets sent at one opportunity. */
static void rfc9260_6_1_d_max_burst(void)
{
	struct az az;
	sct_assoc_id a, z;
	static uint8_t big[20000];

	az_init(&az, 305);
	sct_stack_settings(az.st[AZ_A])->max_burst = 2;
	a = az_establish(&az, &z);
	CU_ASSERT_NOT_EQUAL_FATAL(a, 0);
	az_send_msg(&az, AZ_A, a, 0, big, sizeof(big));
	az_collect(&az);
	CU_ASSERT_EQUAL(az.n_flight, 2);
	az_free(&az);

	az_init(&az, 306);
	sct_stack_settings(az.st[AZ_A])->max_burst = 0; /* off: cwnd decides */
	a = az_establish(&az, &z);
	az_send_msg(&az, AZ_A, a, 0, big, sizeof(big));
	az_collect(&az);
	CU_ASSERT_EQUAL(az.n_flight, 3);
	az_free(&az);
}

/*
 * 6.1 A (ETSI d-o-8-7, d-o-8-8): with the peer's rwnd at 0 one DATA chunk
 * may go when nothing is in flight (a zero window probe), and no more; the
 * probe is retransmitted by T3; data flows again once the window opens.
 */
static void rfc9260_6_1_a_d_o_8_7_d_o_8_8_zero_window_probe(void)
{
	struct az az;
	sct_assoc_id a, z;
	static uint8_t m[1024], buf[3000];
	struct sct_rcvinfo ri;
	int i, got = 0;

	az_init(&az, 307);
	sct_stack_settings(az.st[AZ_Z])->rcvbuf = 4096;
	a = az_establish(&az, &z);
	CU_ASSERT_NOT_EQUAL_FATAL(a, 0);
	sct_assoc_set_nodelay(az.st[AZ_A], a, true);
	for (i = 0; i < 4; i++)
		az_send_msg(&az, AZ_A, a, 0, m, sizeof(m));
	az_settle(&az, sct_ms(300));
	CU_ASSERT_EQUAL_FATAL(az_status(&az, AZ_A, a).peer_rwnd, 0);
	CU_ASSERT_EQUAL(az_status(&az, AZ_A, a).unacked, 0);
	/* d-o-8-7: an unfragmented message: exactly one probe */
	az_send_msg(&az, AZ_A, a, 0, m, 100);
	/* d-o-8-8: a fragmented one behind it */
	az_send_msg(&az, AZ_A, a, 0, buf, sizeof(buf));
	az_collect(&az);
	CU_ASSERT_EQUAL(az_count_data(&az, AZ_A), 1);
	az_run(&az); /* refused by Z: no room */
	CU_ASSERT_EQUAL(az_status(&az, AZ_A, a).unacked, 1);
	while (az_advance(&az) && !az_count_data(&az, AZ_A))
		;
	CU_ASSERT_EQUAL(az_count_data(&az, AZ_A), 1); /* T3: the probe again, alone */
	az_run(&az);
	/* the application reads: the window opens and everything follows */
	for (i = 0; i < 40 && got < 6; i++) {
		while (az_recv_msg(&az, AZ_Z, z, buf, sizeof(buf), &ri) > 0)
			got++;
		az_settle(&az, sct_ms(500));
		az_step(&az, sct_ms(100));
	}
	CU_ASSERT_EQUAL(got, 6);
	az_free(&az);
}

/* Nagle-style bundling: a small message waits while data is in flight, unless NODELAY. */
static void rfc9260_6_1_nagle_and_nodelay(void)
{
	struct az az;
	sct_assoc_id a, z;
	int k;

	az_init(&az, 308);
	a = az_establish(&az, &z);
	CU_ASSERT_NOT_EQUAL_FATAL(a, 0);
	az_send_msg(&az, AZ_A, a, 0, "1", 1);
	az_collect(&az);
	CU_ASSERT_EQUAL(az_count_data(&az, AZ_A), 1);
	az_send_msg(&az, AZ_A, a, 0, "2", 1);
	az_collect(&az);
	CU_ASSERT_EQUAL(az_count_data(&az, AZ_A), 1); /* held */
	az_deliver(&az, 0);
	az_collect(&az);
	k = az_find_chunk(&az, AZ_Z, SCT_CHUNK_SACK);
	CU_ASSERT_TRUE_FATAL(k >= 0);
	az_deliver(&az, (size_t)k);
	az_collect(&az);
	/* acknowledged: the held message goes */
	CU_ASSERT_EQUAL(az.n_flight, 1);
	CU_ASSERT_EQUAL(az_count_data(&az, AZ_A), 1);
	az_settle(&az, sct_ms(500));
	CU_ASSERT_EQUAL(sct_assoc_set_nodelay(az.st[AZ_A], a, true), 0);
	az_send_msg(&az, AZ_A, a, 0, "4", 1);
	az_collect(&az);
	az_send_msg(&az, AZ_A, a, 0, "5", 1);
	az_collect(&az);
	CU_ASSERT_EQUAL(az_count_data(&az, AZ_A), 2); /* NODELAY: not held */
	CU_ASSERT_EQUAL(az.n_flight, 2);
	az_free(&az);
}

/* Send one full-sized message from A and put it on the wire; A's status after that. */
static struct sct_assoc_status send_full(struct az *az, sct_assoc_id a)
{
	az_send_msg(az, AZ_A, a, 0, full, sizeof(full));
	az_collect(az);
	return az_status(az, AZ_A, a);
}

/*
 * 7.2.1: while no DATA goes to a path, its cwnd halves once per RTO down to
 * 4 PMDCS, and ssthresh takes the cwnd before the first halving.  Less than an
 * RTO of idleness changes nothing; heartbeats do not count as data.
 */
static void rfc9260_7_2_1_idle_cwnd_decay(void)
{
	struct sct_assoc_status st;
	struct az az;
	sct_assoc_id a, z;
	uint32_t c0, ss0, floor = 4 * PMDCS_V4;
	sct_time_t rto;

	a = setup(&az, 311, &z);
	CU_ASSERT_NOT_EQUAL_FATAL(a, 0);
	az_grow_cwnd(&az, a, z);
	/* a small message marks the start of the idle time; it does not use the window */
	az_send_msg(&az, AZ_A, a, 0, "x", 1);
	az_run(&az);
	st = az_status(&az, AZ_A, a);
	c0 = st.cwnd;
	ss0 = st.ssthresh;
	rto = sct_ms(st.rto_ms);
	CU_ASSERT_TRUE_FATAL(c0 >= 4 * floor); /* room for two halvings above the floor */
	CU_ASSERT_EQUAL_FATAL(st.flight, 0);

	/* half an RTO idle: nothing changes */
	az_wait(&az, rto / 2);
	st = send_full(&az, a);
	CU_ASSERT_EQUAL(st.cwnd, c0);
	CU_ASSERT_EQUAL(st.ssthresh, ss0);
	CU_ASSERT_EQUAL(az_count_data(&az, AZ_A), 1);
	az_run(&az);
	CU_ASSERT_EQUAL(az_status(&az, AZ_A, a).cwnd, c0); /* not cwnd-limited: no growth */

	/* two and a half RTOs idle: two halvings, ssthresh remembers the old cwnd */
	az_wait(&az, 2 * rto + rto / 2);
	CU_ASSERT_EQUAL(az_status(&az, AZ_A, a).cwnd, c0); /* lazily, when data goes */
	st = send_full(&az, a);
	CU_ASSERT_EQUAL(st.cwnd, c0 / 4);
	CU_ASSERT_EQUAL(st.ssthresh, c0);
	az_run(&az);

	/* a minute idle (heartbeats pass meanwhile): down to 4 PMDCS, not below */
	az_wait(&az, sct_ms(60000));
	st = send_full(&az, a);
	CU_ASSERT_EQUAL(st.cwnd, floor);
	CU_ASSERT_EQUAL(st.ssthresh, c0 / 4);
	az_run(&az);
	CU_ASSERT_EQUAL(az_status(&az, AZ_A, a).unacked, 0);
	az_free(&az);
}

/*
 * One round trip of bulk data from A with a one-way delay of @rtt/2 each
 * way: A's packets reach Z, Z's SACKs come back, A sends more.  A's send
 * queue is kept full and Z reads everything.  Returns A's cwnd after it.
 */
static uint32_t bulk_round(struct az *az, sct_assoc_id a, sct_assoc_id z, sct_time_t rtt)
{
	static uint8_t buf[65536];
	struct sct_rcvinfo ri;
	size_t n;

	while (az_send_msg(az, AZ_A, a, 0, full, sizeof(full)) == 0)
		;
	az_collect(az);
	/* each packet in flight now crosses, and its answer queues behind the rest */
	az->now += rtt / 2;
	for (n = az->n_flight; n > 0; n--) {
		az_deliver(az, 0);
		az_collect(az);
	}
	while (sct_assoc_recv(az->st[AZ_Z], z, &ri, buf, sizeof(buf), az->now) > 0)
		;
	az->now += rtt / 2;
	for (n = az->n_flight; n > 0; n--) {
		az_deliver(az, 0);
		az_collect(az);
	}
	return az_status(az, AZ_A, a).cwnd;
}

/*
 * RFC 9406 (HyStart++) on RFC 9260 7.2.1 slow start: while the round-trip
 * time stays flat, cwnd doubles per round (a SACK per packet); when a round's
 * smallest RTT rises by the threshold (here 200 -> 240 ms, threshold 16 ms),
 * growth drops to a quarter (Conservative Slow Start) and, five rounds later,
 * ssthresh = cwnd starts congestion avoidance.  With the setting off, the same
 * rounds keep doubling and ssthresh stays at the peer's window.
 */
static void rfc9406_hystart_exit_on_rtt_rise(void)
{
	uint32_t end[2], ss[2], ss0 = 0;
	int on;

	for (on = 0; on < 2; on++) {
		struct az az;
		sct_assoc_id a, z;
		uint32_t c0, c1;
		int r;

		az_init(&az, 320);
		sct_stack_settings(az.st[AZ_Z])->sack_freq = 1;
		sct_stack_settings(az.st[AZ_Z])->rcvbuf = 4 << 20; /* no window limit */
		sct_stack_settings(az.st[AZ_A])->sndbuf = 4 << 20;
		sct_stack_settings(az.st[AZ_A])->hystart = (uint32_t)on;
		a = az_establish(&az, &z);
		CU_ASSERT_NOT_EQUAL_FATAL(a, 0);
		sct_assoc_set_nodelay(az.st[AZ_A], a, true);
		ss0 = az_status(&az, AZ_A, a).ssthresh;
		bulk_round(&az, a, z, sct_ms(200));
		c0 = bulk_round(&az, a, z, sct_ms(200));
		c1 = bulk_round(&az, a, z, sct_ms(200));
		CU_ASSERT_TRUE(c1 >= 2 * c0 - 2 * PMDCS_V4); /* flat RTT: doubling */
		c0 = c1;
		bulk_round(&az, a, z, sct_ms(240)); /* the queue starts to fill */
		c1 = bulk_round(&az, a, z, sct_ms(240));
		if (on)
			CU_ASSERT_TRUE(c1 < 3 * c0) /* a quarter of the growth after 8 samples */
		else
			CU_ASSERT_TRUE(c1 >= 4 * c0 - 4 * PMDCS_V4); /* still doubling */
		for (r = 0; r < 5; r++)
			c1 = bulk_round(&az, a, z, sct_ms(240));
		end[on] = c1;
		ss[on] = az_status(&az, AZ_A, a).ssthresh;
		az_free(&az);
	}
	CU_ASSERT_EQUAL(ss[0], ss0); /* off: slow start left only by a loss */
	CU_ASSERT_TRUE(ss[1] < ss0); /* on: ssthresh = cwnd after five CSS rounds */
	CU_ASSERT_TRUE(end[1] >= ss[1] && end[1] < end[0]);
}

static const struct sct_test cc_tests[] = {
    SCT_TEST(rfc9260_7_2_1_initial_cwnd_v4_v6),
    SCT_TEST(rfc9260_7_2_1_slow_start_growth),
    SCT_TEST(rfc9260_7_2_1_idle_cwnd_decay),
    SCT_TEST(rfc9406_hystart_exit_on_rtt_rise),
    SCT_TEST(rfc9260_7_2_2_congestion_avoidance),
    SCT_TEST(rfc9260_6_1_d_max_burst),
    SCT_TEST(rfc9260_6_1_a_d_o_8_7_d_o_8_8_zero_window_probe),
    SCT_TEST(rfc9260_6_1_nagle_and_nodelay),
    SCT_TEST_END,
};

SCT_TEST_MAIN(cc_tests)
