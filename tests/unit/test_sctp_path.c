/* SPDX-License-Identifier: MIT */
/* test_sctp_path.c: A/Z tests of heartbeats, path confirmation and multi-homing (RFC
 * 9260 8.3, 5.4, 6.4). */
#include "harness.h"

#include <errno.h>
#include <string.h>

#include "az.h"
#include "wire/sctp_types.h"

/* Advance timers until A has a packet whose first chunk is @type; its index or -1. */
static int until_chunk(struct az *az, int type, int max)
{
	int i, k;

	for (i = 0; i < max; i++) {
		if ((k = az_find_chunk(az, AZ_A, type)) >= 0)
			return k;
		az_drop_all(az);
		if (!az_advance(az))
			return -1;
	}
	return az_find_chunk(az, AZ_A, type);
}

static size_t count_paddr(struct az *az, int side, uint16_t state)
{
	size_t i, n = 0;

	az_poll_events(az);
	for (i = 0; i < az->n_ev[side]; i++)
		n += az->ev[side][i].type == SCT_EV_PEER_ADDR_CHANGE &&
		     az->ev[side][i].u.paddr.state == state;
	return n;
}

/* 8.3: an idle path gets a HEARTBEAT every RTO + HB.interval, jittered by +/- RTO/2. */
static void rfc9260_8_3_fh_v_5_2_heartbeat_interval(void)
{
	struct az az;
	sct_assoc_id a, z;
	sct_time_t t0, dt;
	int k, i;

	az_init(&az, 401);
	sct_stack_settings(az.st[AZ_A])->hb_interval = 5000;
	a = az_establish(&az, &z);
	CU_ASSERT_NOT_EQUAL_FATAL(a, 0);
	t0 = az.now;
	k = until_chunk(&az, SCT_CHUNK_HEARTBEAT, 20);
	CU_ASSERT_TRUE_FATAL(k >= 0);
	dt = az.now - t0;
	CU_ASSERT_TRUE(dt >= sct_ms(5500) && dt <= sct_ms(6500));
	/* fh-v-5-2: the peer answers with a HEARTBEAT ACK echoing the information */
	az_deliver(&az, (size_t)k);
	az_collect(&az);
	CU_ASSERT_EQUAL(az_find_chunk(&az, AZ_Z, SCT_CHUNK_HEARTBEAT_ACK) >= 0, true);
	az_run(&az);
	/* a path with DATA going to it is not idle: no HEARTBEAT */
	sct_assoc_set_nodelay(az.st[AZ_A], a, true);
	for (i = 0; i < 20; i++) {
		az_send_msg(&az, AZ_A, a, 0, "d", 1);
		az_collect(&az);
		CU_ASSERT_EQUAL(az_count_chunk(&az, AZ_A, SCT_CHUNK_HEARTBEAT), 0);
		az_run(&az);
		az_step(&az, sct_ms(1000));
	}
	az_free(&az);
}

/* 8.3: a HEARTBEAT ACK gives an RTT sample (6.3.1) and clears the error counters. */
static void rfc9260_8_3_heartbeat_ack_rtt(void)
{
	struct az az;
	sct_assoc_id a, z;
	int k;

	az_init(&az, 402);
	sct_stack_settings(az.st[AZ_A])->hb_interval = 1000;
	sct_stack_settings(az.st[AZ_A])->rto_min = 10;
	a = az_establish(&az, &z);
	CU_ASSERT_NOT_EQUAL_FATAL(a, 0);
	k = until_chunk(&az, SCT_CHUNK_HEARTBEAT, 20);
	CU_ASSERT_TRUE_FATAL(k >= 0);
	az_deliver(&az, (size_t)k);
	az_collect(&az);
	az_step(&az, sct_ms(80));
	az_run(&az);
	CU_ASSERT_EQUAL(az_status(&az, AZ_A, a).srtt_ms, 80);
	CU_ASSERT_EQUAL(az_status(&az, AZ_A, a).rto_ms, 80 + 4 * 40);
	az_free(&az);
}

/*
 * 8.3, 8.2: unanswered HEARTBEATs count against the path; past
 * Path.Max.Retrans it is INACTIVE (event); a HEARTBEAT ACK brings it back
 * (event).  8.1: they count against the association too.
 */
static void rfc9260_8_3_path_inactive_and_back(void)
{
	struct az az;
	sct_assoc_id a, z;
	int i;

	az_init(&az, 403);
	sct_stack_settings(az.st[AZ_A])->hb_interval = 1000;
	sct_stack_settings(az.st[AZ_A])->path_max_retrans = 2;
	sct_stack_settings(az.st[AZ_A])->association_max_retrans = 10;
	a = az_establish(&az, &z);
	CU_ASSERT_NOT_EQUAL_FATAL(a, 0);
	az_set_down(&az, &az.addr[AZ_Z], true);
	for (i = 0; i < 40 && !count_paddr(&az, AZ_A, SCT_ADDR_UNREACHABLE); i++) {
		az_run(&az);
		az_advance(&az);
	}
	CU_ASSERT_EQUAL(count_paddr(&az, AZ_A, SCT_ADDR_UNREACHABLE), 1);
	CU_ASSERT_EQUAL(az_state(&az, AZ_A, a), SCT_ESTABLISHED);
	az_set_down(&az, &az.addr[AZ_Z], false);
	for (i = 0; i < 40 && !count_paddr(&az, AZ_A, SCT_ADDR_AVAILABLE); i++) {
		az_run(&az);
		az_advance(&az);
	}
	CU_ASSERT_EQUAL(count_paddr(&az, AZ_A, SCT_ADDR_AVAILABLE), 1);
	az_free(&az);

	/* 8.1: with the association limit lower, the association ends */
	az_init(&az, 404);
	sct_stack_settings(az.st[AZ_A])->hb_interval = 1000;
	sct_stack_settings(az.st[AZ_A])->association_max_retrans = 2;
	a = az_establish(&az, &z);
	az_set_down(&az, &az.addr[AZ_Z], true);
	for (i = 0; i < 40 && az_state(&az, AZ_A, a) == SCT_ESTABLISHED; i++) {
		az_run(&az);
		az_advance(&az);
	}
	CU_ASSERT_PTR_NOT_NULL(az_find_event(&az, AZ_A, SCT_EV_ASSOC_CHANGE, SCT_COMM_LOST));
	az_free(&az);
}

/*
 * 5.4: the peer's other addresses are UNCONFIRMED: probed with a HEARTBEAT
 * once per RTO, no DATA to them, confirmed by a HEARTBEAT ACK with the right
 * nonce only.
 */
static void rfc9260_5_4_path_confirmation(void)
{
	struct az az;
	sct_assoc_id a;
	struct sct_addr alt;
	struct sct_chunk c;
	uint8_t v[128];
	size_t i, n_hb = 0;
	int k = -1;

	az_init(&az, 405);
	CU_ASSERT_EQUAL_FATAL(az_add_addr(&az, AZ_Z, "10.0.1.2"), 0);
	sct_addr_parse(&alt, "10.0.1.2");
	sct_stack_settings(az.st[AZ_A])->hb_interval = 30000;
	a = az_connect(&az);
	CU_ASSERT_NOT_EQUAL_FATAL(a, 0);
	/* establish, but lose whatever goes to the new address */
	az_set_down(&az, &alt, true);
	az_run(&az);
	CU_ASSERT_EQUAL_FATAL(az_state(&az, AZ_A, a), SCT_ESTABLISHED);
	CU_ASSERT_EQUAL(az_status(&az, AZ_A, a).n_paths, 2);
	az_set_down(&az, &alt, false);
	/* a HEARTBEAT to the unconfirmed address within one RTO */
	az_step(&az, sct_ms(1000));
	for (i = 0; i < az.n_flight; i++)
		if (az.flight[i]->from == AZ_A && sct_addr_eq(az_dst(&az, i), &alt)) {
			n_hb += az_chunk_type(&az, i, 0) == SCT_CHUNK_HEARTBEAT;
			CU_ASSERT_EQUAL(az_count_chunk(&az, AZ_A, SCT_CHUNK_DATA), 0);
			k = (int)i;
		}
	CU_ASSERT_EQUAL_FATAL(n_hb, 1);
	/* a HEARTBEAT ACK with a wrong nonce (the info's bytes 22..29) confirms nothing */
	CU_ASSERT_EQUAL_FATAL(az_chunk(&az, (size_t)k, 0, &c), 0);
	CU_ASSERT_TRUE_FATAL(c.value_len <= sizeof(v) && c.value_len > 30);
	memcpy(v, c.value, c.value_len);
	v[4 + 22] ^= 0x5a;
	az_inject_chunk(&az, AZ_A, az_status(&az, AZ_A, a).my_vtag, SCT_CHUNK_HEARTBEAT_ACK, 0, v,
			c.value_len);
	CU_ASSERT_EQUAL(count_paddr(&az, AZ_A, SCT_ADDR_CONFIRMED), 0);
	/* the real exchange confirms it */
	az_run(&az);
	CU_ASSERT_EQUAL(count_paddr(&az, AZ_A, SCT_ADDR_CONFIRMED), 1);
	az_free(&az);
}

/*
 * 6.4, 6.4.1: a retransmission goes to another active address; when the
 * primary becomes INACTIVE new data goes to the alternate, and back to the
 * primary once it answers again.
 */
static void rfc9260_6_4_failover_and_return(void)
{
	struct az az;
	sct_assoc_id a, z;
	struct sct_addr alt;
	int i, k;

	az_init(&az, 406);
	CU_ASSERT_EQUAL_FATAL(az_add_addr(&az, AZ_Z, "10.0.1.2"), 0);
	sct_addr_parse(&alt, "10.0.1.2");
	sct_stack_settings(az.st[AZ_A])->hb_interval = 1000;
	sct_stack_settings(az.st[AZ_A])->path_max_retrans = 1;
	sct_stack_settings(az.st[AZ_A])->association_max_retrans = 20;
	a = az_establish(&az, &z);
	CU_ASSERT_NOT_EQUAL_FATAL(a, 0);
	sct_assoc_set_nodelay(az.st[AZ_A], a, true);
	az_settle(&az, sct_ms(3000)); /* the alternate gets confirmed */
	CU_ASSERT_EQUAL_FATAL(count_paddr(&az, AZ_A, SCT_ADDR_CONFIRMED), 1);
	az_set_down(&az, &az.addr[AZ_Z], true);
	az_send_msg(&az, AZ_A, a, 0, "x", 1);
	az_collect(&az);
	k = az_find_chunk(&az, AZ_A, SCT_CHUNK_DATA);
	CU_ASSERT_TRUE_FATAL(k >= 0);
	CU_ASSERT_TRUE(sct_addr_eq(az_dst(&az, (size_t)k), &az.addr[AZ_Z]));
	az_drop_all(&az);
	for (i = 0; i < 20 && (k = az_find_chunk(&az, AZ_A, SCT_CHUNK_DATA)) < 0; i++) {
		az_drop_all(&az);
		az_advance(&az);
	}
	CU_ASSERT_TRUE_FATAL(k >= 0);
	CU_ASSERT_TRUE(sct_addr_eq(az_dst(&az, (size_t)k), &alt)); /* 6.4: the alternate */
	az_run(&az);
	CU_ASSERT_EQUAL(az_status(&az, AZ_A, a).unacked, 0);
	/* the primary fails (heartbeats unanswered) */
	for (i = 0; i < 40 && !count_paddr(&az, AZ_A, SCT_ADDR_UNREACHABLE); i++) {
		az_run(&az);
		az_advance(&az);
	}
	CU_ASSERT_EQUAL_FATAL(count_paddr(&az, AZ_A, SCT_ADDR_UNREACHABLE), 1);
	az_send_msg(&az, AZ_A, a, 0, "y", 1);
	az_collect(&az);
	k = az_find_chunk(&az, AZ_A, SCT_CHUNK_DATA);
	CU_ASSERT_TRUE_FATAL(k >= 0);
	CU_ASSERT_TRUE(sct_addr_eq(az_dst(&az, (size_t)k), &alt)); /* 6.4.1: new data too */
	az_run(&az);
	/* it comes back */
	az_set_down(&az, &az.addr[AZ_Z], false);
	for (i = 0; i < 40 && !count_paddr(&az, AZ_A, SCT_ADDR_AVAILABLE); i++) {
		az_run(&az);
		az_advance(&az);
	}
	CU_ASSERT_EQUAL_FATAL(count_paddr(&az, AZ_A, SCT_ADDR_AVAILABLE), 1);
	az_run(&az);
	az_send_msg(&az, AZ_A, a, 0, "z", 1);
	az_collect(&az);
	k = az_find_chunk(&az, AZ_A, SCT_CHUNK_DATA);
	CU_ASSERT_TRUE_FATAL(k >= 0);
	CU_ASSERT_TRUE(sct_addr_eq(az_dst(&az, (size_t)k), &az.addr[AZ_Z]));
	az_free(&az);
}

static const struct sct_test path_tests[] = {
    SCT_TEST(rfc9260_8_3_fh_v_5_2_heartbeat_interval), SCT_TEST(rfc9260_8_3_heartbeat_ack_rtt),
    SCT_TEST(rfc9260_8_3_path_inactive_and_back),      SCT_TEST(rfc9260_5_4_path_confirmation),
    SCT_TEST(rfc9260_6_4_failover_and_return),	       SCT_TEST_END,
};

SCT_TEST_MAIN(path_tests)
