/* SPDX-License-Identifier: MIT */
/* test_sctp_data.c: data transfer between A and Z (RFC 9260 6, 7). */
#include "harness.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "az.h"
#include "wire/chunk.h"
#include "wire/sctp_types.h"

/* RFC 9260 5.1.6 figure 4 / 6.2: a message goes, the first DATA is SACKed at once. */
static void d_v_8_1_unfragmented_message(void)
{
	struct az az;
	sct_assoc_id a, z = 0;
	uint8_t buf[64];
	struct sct_rcvinfo ri;

	az_init(&az, 21);
	a = az_establish(&az, &z);
	CU_ASSERT_NOT_EQUAL_FATAL(a, 0);
	CU_ASSERT_EQUAL(az_send_msg(&az, AZ_A, a, 1, "hello", 5), 0);
	az_collect(&az);
	CU_ASSERT_EQUAL_FATAL(az.n_flight, 1);
	CU_ASSERT_EQUAL(az_chunk_type(&az, 0, 0), SCT_CHUNK_DATA);
	az_deliver(&az, 0);
	CU_ASSERT_PTR_NOT_NULL(az_find_event(&az, AZ_Z, SCT_EV_DATA, -1));
	az_collect(&az);
	CU_ASSERT_EQUAL_FATAL(az.n_flight, 1); /* 5.1: the first DATA is acknowledged at once */
	CU_ASSERT_EQUAL(az_chunk_type(&az, 0, 0), SCT_CHUNK_SACK);
	az_run(&az);
	CU_ASSERT_EQUAL(az_recv_msg(&az, AZ_Z, z, buf, sizeof(buf), &ri), 5);
	CU_ASSERT_EQUAL(memcmp(buf, "hello", 5), 0);
	CU_ASSERT_EQUAL(ri.sid, 1);
	CU_ASSERT_EQUAL(ri.ppid, 7);
	CU_ASSERT_TRUE(ri.eor);
	CU_ASSERT_EQUAL(sct_assoc_recv(az.st[AZ_Z], z, &ri, buf, sizeof(buf), az.now), -EAGAIN);
	az_free(&az);
}

/* RFC 9260 6.9: a message larger than the path MTU is fragmented and reassembled. */
static void d_v_8_2_fragmented_message(void)
{
	struct az az;
	sct_assoc_id a, z = 0;
	static uint8_t big[20000], got[20000];
	struct sct_rcvinfo ri;
	size_t i;

	for (i = 0; i < sizeof(big); i++)
		big[i] = (uint8_t)(i * 7);
	az_init(&az, 22);
	a = az_establish(&az, &z);
	CU_ASSERT_NOT_EQUAL_FATAL(a, 0);
	CU_ASSERT_EQUAL(az_send_msg(&az, AZ_A, a, 0, big, sizeof(big)), 0);
	az_collect(&az);
	CU_ASSERT_TRUE(az.n_flight >= 3); /* cwnd allows a few packets at once */
	for (i = 0; i < az.n_flight; i++)
		CU_ASSERT_TRUE(az.flight[i]->len <= 1500 - 20);
	az_run(&az);
	CU_ASSERT_EQUAL(az_recv_msg(&az, AZ_Z, z, got, sizeof(got), &ri), (int)sizeof(big));
	CU_ASSERT_EQUAL(memcmp(big, got, sizeof(big)), 0);
	az_free(&az);
}

/*
 * RFC 9260 6.9 / RFC 6458 8.1.21: a message twelve times the receive buffer
 * could never be whole in it; partial delivery hands it up in pieces, the
 * reader's reads open the window, and every byte arrives in order, the end of
 * the message marked only on the last piece.
 */
static void rfc6458_8_1_21_message_larger_than_rcvbuf(void)
{
	struct az az;
	sct_assoc_id a, z = 0;
	static uint8_t big[100000], got[100000];
	struct sct_rcvinfo ri;
	size_t i, have = 0, eors = 0, rounds;

	for (i = 0; i < sizeof(big); i++)
		big[i] = (uint8_t)(i * 13 + i / 251);
	az_init(&az, 23);
	sct_stack_settings(az.st[AZ_Z])->rcvbuf = 8192;
	a = az_establish(&az, &z);
	CU_ASSERT_NOT_EQUAL_FATAL(a, 0);
	CU_ASSERT_EQUAL(az_send_msg(&az, AZ_A, a, 0, big, sizeof(big)), 0);
	for (rounds = 0; rounds < 2000 && have < sizeof(big); rounds++) {
		int n;

		az_wait(&az, SCT_NSEC_PER_SEC / 10);
		while ((n = sct_assoc_recv(az.st[AZ_Z], z, &ri, got + have,
					   sizeof(got) - have < 3000 ? sizeof(got) - have : 3000,
					   az.now)) > 0) {
			have += (size_t)n;
			eors += ri.eor;
			if (ri.eor)
				CU_ASSERT_EQUAL(have, sizeof(big));
		}
	}
	CU_ASSERT_EQUAL(have, sizeof(big));
	CU_ASSERT_EQUAL(eors, 1);
	CU_ASSERT_EQUAL(memcmp(big, got, sizeof(big)), 0);
	CU_ASSERT_EQUAL(az_state(&az, AZ_A, a), SCT_ESTABLISHED);
	az_free(&az);
}

/* RFC 9260 6.2: a SACK at least every second packet; the delayed SACK timer covers a lone one. */
static void a_v_9_2_delayed_sack(void)
{
	struct az az;
	sct_assoc_id a, z = 0;
	sct_time_t t0;

	az_init(&az, 23);
	a = az_establish(&az, &z);
	CU_ASSERT_NOT_EQUAL_FATAL(a, 0);
	sct_assoc_set_nodelay(az.st[AZ_A], a, true);
	/* the first DATA gets its SACK at once (5.1) */
	az_send_msg(&az, AZ_A, a, 0, "x", 1);
	az_run(&az);
	/* a second lone packet waits for the timer */
	az_send_msg(&az, AZ_A, a, 0, "y", 1);
	az_collect(&az);
	az_deliver(&az, 0);
	az_collect(&az);
	CU_ASSERT_EQUAL(az.n_flight, 0);
	t0 = az.now;
	CU_ASSERT_TRUE(az_advance(&az));
	CU_ASSERT_EQUAL(az.now - t0, sct_ms(200)); /* sack_timeout */
	CU_ASSERT_EQUAL_FATAL(az.n_flight, 1);
	CU_ASSERT_EQUAL(az_chunk_type(&az, 0, 0), SCT_CHUNK_SACK);
	az_deliver(&az, 0);
	/* two packets: the second one triggers the SACK */
	az_send_msg(&az, AZ_A, a, 0, "1", 1);
	az_collect(&az);
	az_send_msg(&az, AZ_A, a, 0, "2", 1);
	az_collect(&az);
	CU_ASSERT_EQUAL_FATAL(az.n_flight, 2);
	az_deliver(&az, 0);
	az_collect(&az);
	CU_ASSERT_EQUAL(az.n_flight, 1);
	az_deliver(&az, 0);
	az_collect(&az);
	CU_ASSERT_EQUAL_FATAL(az.n_flight, 1);
	CU_ASSERT_EQUAL(az_chunk_type(&az, 0, 0), SCT_CHUNK_SACK);
	az_free(&az);
}

/* RFC 9260 6.3.3: a lost DATA comes back after T3-rtx, with the RTO doubled. */
static void d_i_8_5_t3_retransmission(void)
{
	struct az az;
	sct_assoc_id a, z = 0;
	uint8_t buf[16];
	struct sct_rcvinfo ri;
	struct sct_assoc_status st;

	az_init(&az, 24);
	a = az_establish(&az, &z);
	CU_ASSERT_NOT_EQUAL_FATAL(a, 0);
	az_send_msg(&az, AZ_A, a, 0, "lost", 4);
	az_collect(&az);
	az_drop(&az, 0);
	CU_ASSERT_TRUE(az_advance(&az)); /* T3 */
	CU_ASSERT_EQUAL_FATAL(az.n_flight, 1);
	CU_ASSERT_EQUAL(az_chunk_type(&az, 0, 0), SCT_CHUNK_DATA);
	sct_assoc_status(az.st[AZ_A], a, &st);
	CU_ASSERT_EQUAL(st.rto_ms, 2000);
	az_run(&az);
	CU_ASSERT_EQUAL(az_recv_msg(&az, AZ_Z, z, buf, sizeof(buf), &ri), 4);
	sct_assoc_status(az.st[AZ_A], a, &st);
	CU_ASSERT_EQUAL(st.unacked, 0);
	az_free(&az);
}

/* RFC 9260 7.2.4: three miss indications trigger a fast retransmit, before T3. */
static void rfc9260_7_2_4_fast_retransmit(void)
{
	struct az az;
	sct_assoc_id a, z = 0;
	char m[8];
	int i, got = 0;
	uint8_t buf[16];
	struct sct_rcvinfo ri;

	az_init(&az, 25);
	a = az_establish(&az, &z);
	CU_ASSERT_NOT_EQUAL_FATAL(a, 0);
	sct_assoc_set_nodelay(az.st[AZ_A], a, true);
	/* grow cwnd first with some traffic */
	for (i = 0; i < 20; i++) {
		snprintf(m, sizeof(m), "w%d", i);
		az_send_msg(&az, AZ_A, a, 0, m, strlen(m));
		az_run(&az);
	}
	while (az_recv_msg(&az, AZ_Z, z, buf, sizeof(buf), &ri) > 0)
		;
	for (i = 0; i < 6; i++) {
		snprintf(m, sizeof(m), "m%d", i);
		az_send_msg(&az, AZ_A, a, 0, m, strlen(m));
		az_collect(&az);
	}
	CU_ASSERT_EQUAL_FATAL(az.n_flight, 6);
	az_drop(&az, 0); /* lose the first */
	az_run(&az);	 /* no timer needed: SACKs with gaps fast-retransmit it */
	while (az_recv_msg(&az, AZ_Z, z, buf, sizeof(buf), &ri) > 0)
		got++;
	CU_ASSERT_EQUAL(got, 6);
	{
		struct sct_assoc_status st;

		sct_assoc_status(az.st[AZ_A], a, &st);
		CU_ASSERT_EQUAL(st.rto_ms, 1000); /* T3 never fired: the RTO was not backed off */
	}
	az_settle(&az, sct_ms(500));
	{
		struct sct_assoc_status st;

		sct_assoc_status(az.st[AZ_A], a, &st);
		CU_ASSERT_EQUAL(st.unacked, 0);
	}
	az_free(&az);
}

/* RFC 9260 9.2: SHUTDOWN waits until every DATA chunk is acknowledged; data is not lost. */
static void at_i_2_3_shutdown_after_outstanding_data(void)
{
	struct az az;
	sct_assoc_id a, z = 0;
	static uint8_t big[8000], got[8000];
	struct sct_rcvinfo ri;

	memset(big, 0x5a, sizeof(big));
	az_init(&az, 26);
	a = az_establish(&az, &z);
	CU_ASSERT_NOT_EQUAL_FATAL(a, 0);
	az_send_msg(&az, AZ_A, a, 0, big, sizeof(big));
	CU_ASSERT_EQUAL(sct_assoc_shutdown(az.st[AZ_A], a, az.now), 0);
	CU_ASSERT_EQUAL(az_state(&az, AZ_A, a), SCT_SHUTDOWN_PENDING);
	/* 9.2: no new data from the user in shutdown states */
	CU_ASSERT_EQUAL(az_send_msg(&az, AZ_A, a, 0, "late", 4), -EPIPE);
	az_settle(&az, sct_ms(5000));
	CU_ASSERT_PTR_NOT_NULL(az_find_event(&az, AZ_A, SCT_EV_ASSOC_CHANGE, SCT_SHUTDOWN_COMP));
	CU_ASSERT_PTR_NOT_NULL(az_find_event(&az, AZ_Z, SCT_EV_ASSOC_CHANGE, SCT_SHUTDOWN_COMP));
	/* the closed association still gives its data to the reader */
	CU_ASSERT_EQUAL(az_recv_msg(&az, AZ_Z, z, got, sizeof(got), &ri), (int)sizeof(big));
	CU_ASSERT_EQUAL(memcmp(big, got, sizeof(big)), 0);
	az_free(&az);
}

/* Many messages both ways, with loss: everything arrives once, in order. */
static void rfc9260_6_bulk_both_ways_with_loss(void)
{
	struct az az;
	sct_assoc_id id[2], z = 0;
	int next_send[2] = {0, 0}, next_recv[2] = {0, 0}, side, rounds, bad = 0;
	int last[2][3] = {{-1, -1, -1}, {-1, -1, -1}};
	uint32_t drop = 0;

	az_init(&az, 27);
	id[AZ_A] = az_establish(&az, &z);
	id[AZ_Z] = z;
	CU_ASSERT_NOT_EQUAL_FATAL(id[AZ_A], 0);
	for (rounds = 0; rounds < 20000 && (next_recv[0] < 300 || next_recv[1] < 300); rounds++) {
		for (side = 0; side < 2; side++) {
			char m[32];
			uint8_t buf[64];
			struct sct_rcvinfo ri;
			int n;

			while (next_send[side] < 300) {
				int len = snprintf(m, sizeof(m), "%c%05d", side ? 'z' : 'a',
						   next_send[side]);
				if (az_send_msg(&az, side, id[side],
						(uint16_t)(next_send[side] % 3), m,
						(size_t)len) != 0)
					break;
				next_send[side]++;
			}
			while ((n = az_recv_msg(&az, side, id[side], buf, sizeof(buf) - 1, &ri)) >
			       0) {
				int seq;

				buf[n] = '\0';
				/* from the other side, and in order within its stream (6.6) */
				if (buf[0] != (side ? 'a' : 'z') ||
				    sscanf((char *)buf + 1, "%d", &seq) != 1 || seq % 3 != ri.sid ||
				    seq <= last[side][ri.sid])
					bad++;
				else
					last[side][ri.sid] = seq;
				next_recv[side]++;
			}
		}
		az_collect(&az);
		if (az.n_flight) {
			/* lose one packet in 10, deterministically */
			if (++drop % 10 == 0)
				az_drop(&az, 0);
			else
				az_deliver(&az, 0);
		} else if (!az_advance(&az)) {
			break;
		}
	}
	CU_ASSERT_EQUAL(next_recv[AZ_A], 300);
	CU_ASSERT_EQUAL(next_recv[AZ_Z], 300);
	CU_ASSERT_EQUAL(bad, 0);
	az_free(&az);
}

static const struct sct_test data_tests[] = {
    SCT_TEST(d_v_8_1_unfragmented_message),
    SCT_TEST(d_v_8_2_fragmented_message),
    SCT_TEST(rfc6458_8_1_21_message_larger_than_rcvbuf),
    SCT_TEST(a_v_9_2_delayed_sack),
    SCT_TEST(d_i_8_5_t3_retransmission),
    SCT_TEST(rfc9260_7_2_4_fast_retransmit),
    SCT_TEST(at_i_2_3_shutdown_after_outstanding_data),
    SCT_TEST(rfc9260_6_bulk_both_ways_with_loss),
    SCT_TEST_END,
};

SCT_TEST_MAIN(data_tests)
