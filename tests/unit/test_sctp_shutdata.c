/* SPDX-License-Identifier: MIT */
/* test_sctp_shutdata.c: RFC 9260 9.1/9.2 rules that involve user data (ETSI at-*, dm-o-4-10,
 * d-i-8-11). */
#include "harness.h"

#include <errno.h>
#include <string.h>

#include "az.h"
#include "wire/chunk.h"
#include "wire/sctp_types.h"

/* Deliver everything in flight from @from, dropping packets from the other side. */
static void deliver_from(struct az *az, int from)
{
	size_t i = 0;

	while (i < az->n_flight) {
		if (az->flight[i]->from == from)
			az_deliver(az, i);
		else
			i++;
	}
}

/* A chunk of @type anywhere in the packets @from has in flight. */
static bool flight_has(const struct az *az, int from, int type)
{
	return az_count_chunk(az, from, type) > 0;
}

/*
 * Z holds one unacknowledged message (its DATA lost) while A shuts down:
 * A goes to SHUTDOWN-SENT at once, Z to SHUTDOWN-RECEIVED.
 */
static sct_assoc_id shutdown_with_z_outstanding(struct az *az, sct_assoc_id *z)
{
	sct_assoc_id a = az_establish(az, z);

	if (!a)
		return 0;
	sct_assoc_set_nodelay(az->st[AZ_Z], *z, true);
	if (az_send_msg(az, AZ_Z, *z, 0, "from-z", 6) != 0)
		return 0;
	az_collect(az);
	az_drop_all(az); /* Z's DATA is lost */
	if (sct_assoc_shutdown(az->st[AZ_A], a, az->now) != 0)
		return 0;
	az_collect(az);
	deliver_from(az, AZ_A); /* the SHUTDOWN */
	return a;
}

/* RFC 9260 9.2: no new data from the user in SHUTDOWN-SENT and SHUTDOWN-RECEIVED (at-i-2-7-1, -2).
 */
static void at_i_2_7_1_2_reject_user_data(void)
{
	struct az az;
	sct_assoc_id a, z = 0;

	az_init(&az, 61);
	a = shutdown_with_z_outstanding(&az, &z);
	CU_ASSERT_NOT_EQUAL_FATAL(a, 0);
	CU_ASSERT_EQUAL(az_state(&az, AZ_A, a), SCT_SHUTDOWN_SENT);
	CU_ASSERT_EQUAL(az_state(&az, AZ_Z, z), SCT_SHUTDOWN_RECEIVED);
	CU_ASSERT_EQUAL(az_send_msg(&az, AZ_A, a, 0, "x", 1), -EPIPE);
	CU_ASSERT_EQUAL(az_send_msg(&az, AZ_Z, z, 0, "x", 1), -EPIPE);
	az_free(&az);
}

/* RFC 9260 9.2: SHUTDOWN-PENDING and SHUTDOWN-ACK-SENT refuse user data too (at-i-2-7-3, -4). */
static void at_i_2_7_3_4_reject_user_data(void)
{
	struct az az;
	sct_assoc_id a, z = 0;

	az_init(&az, 62);
	a = az_establish(&az, &z);
	CU_ASSERT_NOT_EQUAL_FATAL(a, 0);
	CU_ASSERT_EQUAL(az_send_msg(&az, AZ_A, a, 0, "pending", 7), 0);
	CU_ASSERT_EQUAL(sct_assoc_shutdown(az.st[AZ_A], a, az.now), 0);
	CU_ASSERT_EQUAL(az_state(&az, AZ_A, a), SCT_SHUTDOWN_PENDING);
	CU_ASSERT_EQUAL(az_send_msg(&az, AZ_A, a, 0, "x", 1), -EPIPE);
	/* the DATA goes, is acked; A sends SHUTDOWN; Z answers SHUTDOWN ACK */
	az_collect(&az);
	deliver_from(&az, AZ_A);
	az_settle(&az, sct_ms(3000)); /* Z's delayed SACK, then the SHUTDOWN exchange */
	CU_ASSERT_PTR_NOT_NULL(az_find_event(&az, AZ_A, SCT_EV_ASSOC_CHANGE, SCT_SHUTDOWN_COMP));
	az_free(&az);
	az_init(&az, 63);
	a = az_establish(&az, &z);
	CU_ASSERT_EQUAL(sct_assoc_shutdown(az.st[AZ_A], a, az.now), 0);
	az_collect(&az);
	deliver_from(&az, AZ_A);
	CU_ASSERT_EQUAL(az_state(&az, AZ_Z, z), SCT_SHUTDOWN_ACK_SENT);
	CU_ASSERT_EQUAL(az_send_msg(&az, AZ_Z, z, 0, "x", 1), -EPIPE);
	az_free(&az);
}

/*
 * RFC 9260 9.2: the SHUTDOWN receiver keeps sending its outstanding data
 * (at-i-2-10); DATA reaching the SHUTDOWN sender is answered with a SHUTDOWN
 * (and a SACK) (at-i-2-8, at-i-2-9); the SHUTDOWN ACK waits until all is acked.
 */
static void at_i_2_8_10_data_after_shutdown(void)
{
	struct az az;
	sct_assoc_id a, z = 0;
	uint8_t buf[16];
	struct sct_rcvinfo ri;
	int i;

	az_init(&az, 64);
	a = shutdown_with_z_outstanding(&az, &z);
	CU_ASSERT_NOT_EQUAL_FATAL(a, 0);
	az_collect(&az);
	/* Z may not SHUTDOWN ACK while its DATA is outstanding */
	CU_ASSERT_FALSE(flight_has(&az, AZ_Z, SCT_CHUNK_SHUTDOWN_ACK));
	/* Z's T3 resends the DATA */
	for (i = 0; i < 5 && !flight_has(&az, AZ_Z, SCT_CHUNK_DATA); i++) {
		az_drop_all(&az);
		az_advance(&az);
	}
	CU_ASSERT_TRUE_FATAL(flight_has(&az, AZ_Z, SCT_CHUNK_DATA));
	az_drop_all(&az);
	az_step(&az, 0);
	/* keep only Z's retransmission: take it again from a fresh T3 */
	for (i = 0; i < 8 && !flight_has(&az, AZ_Z, SCT_CHUNK_DATA); i++)
		az_advance(&az);
	while (az.n_flight && az.flight[0]->from != AZ_Z)
		az_drop(&az, 0);
	CU_ASSERT_TRUE_FATAL(az.n_flight > 0);
	az_deliver(&az, 0);
	az_collect(&az);
	/* A (SHUTDOWN-SENT) answers the DATA with a SHUTDOWN (a SACK is only owed for gaps) */
	CU_ASSERT_TRUE(flight_has(&az, AZ_A, SCT_CHUNK_SHUTDOWN));
	az_settle(&az, sct_ms(2000));
	CU_ASSERT_PTR_NOT_NULL(az_find_event(&az, AZ_A, SCT_EV_ASSOC_CHANGE, SCT_SHUTDOWN_COMP));
	CU_ASSERT_PTR_NOT_NULL(az_find_event(&az, AZ_Z, SCT_EV_ASSOC_CHANGE, SCT_SHUTDOWN_COMP));
	CU_ASSERT_EQUAL(az_recv_msg(&az, AZ_A, a, buf, sizeof(buf), &ri), 6);
	CU_ASSERT_EQUAL(memcmp(buf, "from-z", 6), 0);
	az_free(&az);
}

/* RFC 9260 9.2: a SHUTDOWN whose Cumulative TSN Ack covers everything: SHUTDOWN ACK at once
 * (at-v-2-14). */
static void at_v_2_14_shutdown_acknowledges_data(void)
{
	struct az az;
	sct_assoc_id a, z = 0;

	az_init(&az, 65);
	a = az_establish(&az, &z);
	CU_ASSERT_NOT_EQUAL_FATAL(a, 0);
	sct_assoc_set_nodelay(az.st[AZ_Z], z, true);
	CU_ASSERT_EQUAL(az_send_msg(&az, AZ_Z, z, 0, "data", 4), 0);
	az_collect(&az);
	deliver_from(&az, AZ_Z); /* A gets the DATA */
	az_collect(&az);
	az_drop_all(&az); /* and its SACK is lost */
	CU_ASSERT_EQUAL(az_status(&az, AZ_Z, z).unacked, 1);
	CU_ASSERT_EQUAL(sct_assoc_shutdown(az.st[AZ_A], a, az.now), 0);
	az_collect(&az);
	CU_ASSERT_TRUE(flight_has(&az, AZ_A, SCT_CHUNK_SHUTDOWN));
	deliver_from(&az, AZ_A);
	az_collect(&az);
	CU_ASSERT_EQUAL(az_status(&az, AZ_Z, z).unacked, 0);
	CU_ASSERT_TRUE(flight_has(&az, AZ_Z, SCT_CHUNK_SHUTDOWN_ACK));
	az_free(&az);
}

/* DATA in SHUTDOWN-ACK-SENT is discarded (dm-o-4-10). */
static void dm_o_4_10_data_in_shutdown_ack_sent(void)
{
	struct az az;
	struct az_bld b;
	sct_assoc_id a, z = 0;
	uint8_t buf[8];
	struct sct_rcvinfo ri;

	az_init(&az, 66);
	a = az_establish(&az, &z);
	CU_ASSERT_NOT_EQUAL_FATAL(a, 0);
	CU_ASSERT_EQUAL(sct_assoc_shutdown(az.st[AZ_A], a, az.now), 0);
	az_collect(&az);
	deliver_from(&az, AZ_A);
	az_drop_all(&az);
	CU_ASSERT_EQUAL_FATAL(az_state(&az, AZ_Z, z), SCT_SHUTDOWN_ACK_SENT);
	az_bld_assoc(&az, &b, AZ_Z, z);
	az_bld_data(&b, az_status(&az, AZ_A, a).cum_tsn_acked + 1000, 0, 0, 0x03, "late", 4);
	az_send(&az, AZ_Z, &b);
	az_collect(&az);
	CU_ASSERT_FALSE(flight_has(&az, AZ_Z, SCT_CHUNK_SACK));
	CU_ASSERT_EQUAL(az_recv_msg(&az, AZ_Z, z, buf, sizeof(buf), &ri), -EAGAIN);
	CU_ASSERT_EQUAL(az_state(&az, AZ_Z, z), SCT_SHUTDOWN_ACK_SENT);
	az_free(&az);
}

/* RFC 9260 6.2: a DATA chunk with no user data: ABORT with "No User Data" (d-i-8-11). */
static void d_i_8_11_empty_data_aborted(void)
{
	struct az az;
	struct az_bld b;
	sct_assoc_id a, z = 0;
	uint8_t hdr[12] = {0};
	const struct sct_event *e;

	az_init(&az, 67);
	a = az_establish(&az, &z);
	CU_ASSERT_NOT_EQUAL_FATAL(a, 0);
	/* TSN, stream 0, SSN 0, PPID 0: a DATA chunk of length 16 */
	az_bld_assoc(&az, &b, AZ_Z, z);
	az_bld_raw_chunk(&b, SCT_CHUNK_DATA, 0x03, hdr, sizeof(hdr));
	az_send(&az, AZ_Z, &b);
	az_collect(&az);
	CU_ASSERT_TRUE_FATAL(az_find_chunk(&az, AZ_Z, SCT_CHUNK_ABORT) >= 0);
	CU_ASSERT_EQUAL(az_cause(&az, (size_t)az_find_chunk(&az, AZ_Z, SCT_CHUNK_ABORT), 0),
			SCT_CAUSE_NO_USER_DATA);
	e = az_find_event(&az, AZ_Z, SCT_EV_ASSOC_CHANGE, SCT_COMM_LOST);
	CU_ASSERT_PTR_NOT_NULL(e);
	az_free(&az);
}

/* RFC 9260 9.1: the ABORT carries no DATA, whatever is queued. */
static void rfc9260_9_1_abort_without_data(void)
{
	struct az az;
	sct_assoc_id a, z = 0;
	static uint8_t big[20000];

	az_init(&az, 68);
	a = az_establish(&az, &z);
	CU_ASSERT_NOT_EQUAL_FATAL(a, 0);
	CU_ASSERT_EQUAL(az_send_msg(&az, AZ_A, a, 0, big, sizeof(big)), 0);
	CU_ASSERT_EQUAL(sct_assoc_abort(az.st[AZ_A], a, NULL, 0, az.now), 0);
	az_collect(&az);
	CU_ASSERT_EQUAL_FATAL(az.n_flight, 1);
	CU_ASSERT_EQUAL(az_chunk_type(&az, 0, 0), SCT_CHUNK_ABORT);
	CU_ASSERT_EQUAL(az_chunk_type(&az, 0, 1), -1);
	az_free(&az);
}

static const struct sct_test shutdata_tests[] = {
    SCT_TEST(at_i_2_7_1_2_reject_user_data),	   SCT_TEST(at_i_2_7_3_4_reject_user_data),
    SCT_TEST(at_i_2_8_10_data_after_shutdown),	   SCT_TEST(at_v_2_14_shutdown_acknowledges_data),
    SCT_TEST(dm_o_4_10_data_in_shutdown_ack_sent), SCT_TEST(d_i_8_11_empty_data_aborted),
    SCT_TEST(rfc9260_9_1_abort_without_data),	   SCT_TEST_END,
};

SCT_TEST_MAIN(shutdata_tests)
