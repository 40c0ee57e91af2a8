/* SPDX-License-Identifier: MIT */
/* test_sctp_term.c: ABORT and the SHUTDOWN family between A and Z in every state (RFC 9260 9). */
#include "harness.h"

#include <errno.h>
#include <string.h>

#include "az.h"
#include "wire/sctp_types.h"

static uint32_t my_tag(struct az *az, int side, sct_assoc_id id)
{
	struct sct_assoc_status st;

	if (sct_assoc_status(az->st[side], id, &st) != 0)
		return 0;
	return st.my_vtag;
}

static uint32_t peer_tag(struct az *az, int side, sct_assoc_id id)
{
	struct sct_assoc_status st;

	if (sct_assoc_status(az->st[side], id, &st) != 0)
		return 0;
	return st.peer_vtag;
}

static int inject_shutdown(struct az *az, int side, uint32_t vtag)
{
	uint8_t cum[4] = {0};

	return az_inject_chunk(az, side, vtag, SCT_CHUNK_SHUTDOWN, 0, cum, sizeof(cum));
}

/* A and Z established; A has sent SHUTDOWN and Z is in SHUTDOWN-ACK-SENT; nothing in flight. */
static sct_assoc_id to_shutdown_ack_sent(struct az *az, uint64_t seed, sct_assoc_id *z)
{
	sct_assoc_id a;

	az_init(az, seed);
	a = az_establish(az, z);
	if (!a)
		return 0;
	sct_assoc_shutdown(az->st[AZ_A], a, az->now);
	az_collect(az);
	az_deliver(az, 0); /* SHUTDOWN */
	az_collect(az);
	return a;
}

/*
 * RFC 9260 9.2 (ETSI dm-o-4-5, dm-o-4-6-3, dm-o-4-7-3): both sides shut down at once.  Each
 * SHUTDOWN meets SHUTDOWN-SENT and is answered with a SHUTDOWN ACK (T2 restarted); each SHUTDOWN
 * ACK meets SHUTDOWN-ACK-SENT and is answered with a SHUTDOWN COMPLETE.
 */
static void rfc9260_9_2_dm_o_4_5_simultaneous_shutdown(void)
{
	struct az az;
	sct_assoc_id a, z = 0;

	az_init(&az, 201);
	a = az_establish(&az, &z);
	CU_ASSERT_NOT_EQUAL_FATAL(a, 0);
	CU_ASSERT_EQUAL(sct_assoc_shutdown(az.st[AZ_A], a, az.now), 0);
	CU_ASSERT_EQUAL(sct_assoc_shutdown(az.st[AZ_Z], z, az.now), 0);
	az_collect(&az);
	CU_ASSERT_EQUAL_FATAL(az.n_flight, 2);
	CU_ASSERT_EQUAL(az_count_chunk(&az, -1, SCT_CHUNK_SHUTDOWN), 2);
	az.now += sct_ms(300);
	az_deliver(&az, 0);
	az_deliver(&az, 0);
	CU_ASSERT_EQUAL(az_state(&az, AZ_A, a), SCT_SHUTDOWN_ACK_SENT);
	CU_ASSERT_EQUAL(az_state(&az, AZ_Z, z), SCT_SHUTDOWN_ACK_SENT);
	/* dm-o-4-6-3: T2 restarted when the SHUTDOWN came */
	CU_ASSERT_EQUAL(sct_stack_next_expiry(az.st[AZ_A]), az.now + sct_ms(1000));
	az_collect(&az);
	CU_ASSERT_EQUAL(az_count_chunk(&az, -1, SCT_CHUNK_SHUTDOWN_ACK), 2);
	az_deliver(&az, 0);
	az_deliver(&az, 0);
	CU_ASSERT_EQUAL(az_state(&az, AZ_A, a), SCT_CLOSED);
	CU_ASSERT_EQUAL(az_state(&az, AZ_Z, z), SCT_CLOSED);
	az_collect(&az);
	CU_ASSERT_EQUAL(az_count_chunk(&az, -1, SCT_CHUNK_SHUTDOWN_COMPLETE), 2);
	az_run(&az); /* the SHUTDOWN COMPLETEs meet no TCB: discarded (8.4 step 6) */
	CU_ASSERT_EQUAL(az.n_flight, 0);
	CU_ASSERT_PTR_NOT_NULL(az_find_event(&az, AZ_A, SCT_EV_ASSOC_CHANGE, SCT_SHUTDOWN_COMP));
	CU_ASSERT_PTR_NOT_NULL(az_find_event(&az, AZ_Z, SCT_EV_ASSOC_CHANGE, SCT_SHUTDOWN_COMP));
	az_free(&az);
}

/* RFC 9260 9.2 (ETSI at-i-2-4): a lost SHUTDOWN is sent again when T2 expires, RTO backed off. */
static void rfc9260_9_2_at_i_2_4_lost_shutdown(void)
{
	struct az az;
	sct_assoc_id a, z = 0;
	sct_time_t t0;

	az_init(&az, 202);
	a = az_establish(&az, &z);
	CU_ASSERT_NOT_EQUAL_FATAL(a, 0);
	sct_assoc_shutdown(az.st[AZ_A], a, az.now);
	az_collect(&az);
	az_drop_all(&az);
	t0 = az.now;
	CU_ASSERT_TRUE(az_advance(&az));
	CU_ASSERT_EQUAL(az.now - t0, sct_ms(1000));
	CU_ASSERT_EQUAL_FATAL(az.n_flight, 1);
	CU_ASSERT_EQUAL(az_chunk_type(&az, 0, 0), SCT_CHUNK_SHUTDOWN);
	az_drop_all(&az);
	t0 = az.now;
	CU_ASSERT_TRUE(az_advance(&az));
	CU_ASSERT_EQUAL(az.now - t0, sct_ms(2000));
	CU_ASSERT_EQUAL(az_chunk_type(&az, 0, 0), SCT_CHUNK_SHUTDOWN);
	az_run(&az);
	CU_ASSERT_EQUAL(az_state(&az, AZ_A, a), SCT_CLOSED);
	CU_ASSERT_EQUAL(az_state(&az, AZ_Z, z), SCT_CLOSED);
	CU_ASSERT_PTR_NOT_NULL(az_find_event(&az, AZ_A, SCT_EV_ASSOC_CHANGE, SCT_SHUTDOWN_COMP));
	CU_ASSERT_PTR_NOT_NULL(az_find_event(&az, AZ_Z, SCT_EV_ASSOC_CHANGE, SCT_SHUTDOWN_COMP));
	az_free(&az);
}

/*
 * RFC 9260 9.2 (ETSI at-i-2-11): a lost SHUTDOWN ACK: A's T2 sends the SHUTDOWN again, Z (in
 * SHUTDOWN-ACK-SENT) keeps answering with SHUTDOWN ACK, and the close completes.
 */
static void rfc9260_9_2_at_i_2_11_lost_shutdown_ack(void)
{
	struct az az;
	sct_assoc_id a, z = 0;

	a = to_shutdown_ack_sent(&az, 203, &z);
	CU_ASSERT_NOT_EQUAL_FATAL(a, 0);
	CU_ASSERT_EQUAL_FATAL(az_chunk_type(&az, 0, 0), SCT_CHUNK_SHUTDOWN_ACK);
	az_drop_all(&az);
	CU_ASSERT_EQUAL(az_state(&az, AZ_A, a), SCT_SHUTDOWN_SENT);
	/* both T2 run out together: keep only A's SHUTDOWN */
	CU_ASSERT_TRUE(az_advance(&az));
	CU_ASSERT(az_find_chunk(&az, AZ_A, SCT_CHUNK_SHUTDOWN) >= 0);
	while (az_find_chunk(&az, AZ_Z, SCT_CHUNK_SHUTDOWN_ACK) >= 0)
		az_drop(&az, (size_t)az_find_chunk(&az, AZ_Z, SCT_CHUNK_SHUTDOWN_ACK));
	az_deliver(&az, 0);
	az_collect(&az);
	CU_ASSERT_EQUAL_FATAL(az.n_flight, 1);
	CU_ASSERT_EQUAL(az_chunk_type(&az, 0, 0), SCT_CHUNK_SHUTDOWN_ACK);
	az_run(&az);
	CU_ASSERT_EQUAL(az_state(&az, AZ_A, a), SCT_CLOSED);
	CU_ASSERT_EQUAL(az_state(&az, AZ_Z, z), SCT_CLOSED);
	CU_ASSERT_PTR_NOT_NULL(az_find_event(&az, AZ_Z, SCT_EV_ASSOC_CHANGE, SCT_SHUTDOWN_COMP));
	az_free(&az);
}

/*
 * RFC 9260 9.2, 8.4 step 5, 8.5.1 C (ETSI at-i-2-13): a lost SHUTDOWN COMPLETE: Z's T2 sends the
 * SHUTDOWN ACK again; A, with no TCB left, answers with SHUTDOWN COMPLETE, T bit set and the
 * tag reflected, which Z accepts.
 */
static void rfc9260_9_2_at_i_2_13_lost_shutdown_complete(void)
{
	struct az az;
	sct_assoc_id a, z = 0;
	uint32_t ztag;

	a = to_shutdown_ack_sent(&az, 204, &z);
	CU_ASSERT_NOT_EQUAL_FATAL(a, 0);
	ztag = peer_tag(&az, AZ_Z, z);
	az_deliver(&az, 0); /* SHUTDOWN ACK */
	CU_ASSERT_EQUAL(az_state(&az, AZ_A, a), SCT_CLOSED);
	az_collect(&az);
	CU_ASSERT_EQUAL_FATAL(az_chunk_type(&az, 0, 0), SCT_CHUNK_SHUTDOWN_COMPLETE);
	CU_ASSERT_EQUAL(az_chunk_flags(&az, 0, 0) & 1, 0); /* 8.5.1 C: with a TCB, T clear */
	az_drop_all(&az);
	CU_ASSERT_TRUE(az_advance(&az));
	CU_ASSERT_EQUAL_FATAL(az.n_flight, 1);
	CU_ASSERT_EQUAL(az_chunk_type(&az, 0, 0), SCT_CHUNK_SHUTDOWN_ACK);
	az_deliver(&az, 0);
	az_collect(&az);
	CU_ASSERT_EQUAL_FATAL(az.n_flight, 1);
	CU_ASSERT_EQUAL(az_chunk_type(&az, 0, 0), SCT_CHUNK_SHUTDOWN_COMPLETE);
	CU_ASSERT_EQUAL(az_chunk_flags(&az, 0, 0) & 1, 1);
	CU_ASSERT_EQUAL(az_vtag(&az, 0), ztag);
	az_deliver(&az, 0);
	CU_ASSERT_EQUAL(az_state(&az, AZ_Z, z), SCT_CLOSED);
	CU_ASSERT_PTR_NOT_NULL(az_find_event(&az, AZ_Z, SCT_EV_ASSOC_CHANGE, SCT_SHUTDOWN_COMP));
	az_free(&az);
}

/*
 * RFC 9260 9.2 (ETSI dm-o-4-2-2): an INIT in SHUTDOWN-ACK-SENT (A's SHUTDOWN COMPLETE was lost
 * and A connects again) is discarded and the SHUTDOWN ACK sent again; A, in COOKIE-WAIT, treats
 * it as out of the blue (8.5.1 E) with a SHUTDOWN COMPLETE, and its next INIT succeeds.
 */
static void rfc9260_9_2_dm_o_4_2_2_init_in_shutdown_ack_sent(void)
{
	struct az az;
	sct_assoc_id a, a2, z = 0;

	a = to_shutdown_ack_sent(&az, 205, &z);
	CU_ASSERT_NOT_EQUAL_FATAL(a, 0);
	az_deliver(&az, 0); /* SHUTDOWN ACK: A closes */
	az_collect(&az);
	az_drop_all(&az); /* its SHUTDOWN COMPLETE is lost */
	sct_assoc_release(az.st[AZ_A], a, az.now);
	a2 = az_connect(&az);
	CU_ASSERT_NOT_EQUAL_FATAL(a2, 0);
	az_collect(&az);
	CU_ASSERT_EQUAL_FATAL(az_chunk_type(&az, 0, 0), SCT_CHUNK_INIT);
	az_deliver(&az, 0);
	az_collect(&az);
	CU_ASSERT_EQUAL_FATAL(az.n_flight, 1);
	CU_ASSERT_EQUAL(az_chunk_type(&az, 0, 0), SCT_CHUNK_SHUTDOWN_ACK);
	CU_ASSERT_EQUAL(az_state(&az, AZ_Z, z), SCT_SHUTDOWN_ACK_SENT);
	az_deliver(&az, 0);
	CU_ASSERT_EQUAL(az_state(&az, AZ_A, a2), SCT_COOKIE_WAIT);
	az_collect(&az);
	CU_ASSERT_EQUAL_FATAL(az.n_flight, 1);
	CU_ASSERT_EQUAL(az_chunk_type(&az, 0, 0), SCT_CHUNK_SHUTDOWN_COMPLETE);
	CU_ASSERT_EQUAL(az_chunk_flags(&az, 0, 0) & 1, 1);
	az_deliver(&az, 0);
	CU_ASSERT_EQUAL(az_state(&az, AZ_Z, z), SCT_CLOSED);
	CU_ASSERT_TRUE(az_advance(&az)); /* A's T1-init */
	az_run(&az);
	CU_ASSERT_EQUAL(az_state(&az, AZ_A, a2), SCT_ESTABLISHED);
	az_free(&az);
}

/* Drop everything; run timers until @side's association ends; count chunks of @type it sent. */
static int count_until_closed(struct az *az, int side, sct_assoc_id id, int type)
{
	int n = 0;

	while (az_state(az, side, id) != SCT_CLOSED && az->now < 7200 * SCT_NSEC_PER_SEC) {
		n += (int)az_count_chunk(az, side, type);
		az_drop_all(az);
		if (!az_advance(az))
			break;
	}
	n += (int)az_count_chunk(az, side, type);
	return n;
}

/*
 * RFC 9260 9.2 (ETSI at-i-2-5): SHUTDOWN retransmissions stop at Association.Max.Retrans; the
 * association is then destroyed and the peer reported unreachable.
 */
static void rfc9260_9_2_at_i_2_5_shutdown_max_retrans(void)
{
	struct az az;
	sct_assoc_id a, z = 0;
	const struct sct_event *e;

	az_init(&az, 206);
	sct_stack_settings(az.st[AZ_A])->association_max_retrans = 3;
	a = az_establish(&az, &z);
	CU_ASSERT_NOT_EQUAL_FATAL(a, 0);
	sct_assoc_shutdown(az.st[AZ_A], a, az.now);
	az_collect(&az);
	CU_ASSERT_EQUAL(count_until_closed(&az, AZ_A, a, SCT_CHUNK_SHUTDOWN), 4);
	e = az_find_event(&az, AZ_A, SCT_EV_ASSOC_CHANGE, SCT_COMM_LOST);
	CU_ASSERT_PTR_NOT_NULL_FATAL(e);
	CU_ASSERT_EQUAL(e->u.assoc_change.err, ETIMEDOUT);
	az_free(&az);
}

/* RFC 9260 9.2 (ETSI at-i-2-12): the same limit for SHUTDOWN ACK retransmissions. */
static void rfc9260_9_2_at_i_2_12_shutdown_ack_max_retrans(void)
{
	struct az az;
	sct_assoc_id a, z = 0;
	const struct sct_event *e;

	az_init(&az, 207);
	sct_stack_settings(az.st[AZ_Z])->association_max_retrans = 3;
	a = az_establish(&az, &z);
	CU_ASSERT_NOT_EQUAL_FATAL(a, 0);
	sct_assoc_shutdown(az.st[AZ_A], a, az.now);
	az_collect(&az);
	az_deliver(&az, 0);
	az_collect(&az);
	CU_ASSERT_EQUAL(az_state(&az, AZ_Z, z), SCT_SHUTDOWN_ACK_SENT);
	CU_ASSERT_EQUAL(count_until_closed(&az, AZ_Z, z, SCT_CHUNK_SHUTDOWN_ACK), 4);
	e = az_find_event(&az, AZ_Z, SCT_EV_ASSOC_CHANGE, SCT_COMM_LOST);
	CU_ASSERT_PTR_NOT_NULL_FATAL(e);
	CU_ASSERT_EQUAL(e->u.assoc_change.err, ETIMEDOUT);
	az_free(&az);
}

/*
 * RFC 9260 9.2: the T5-shutdown-guard (5 x RTO.Max) ends a shutdown that takes too long with an
 * ABORT, before T2 runs out of retransmissions.
 */
static void rfc9260_9_2_t5_shutdown_guard(void)
{
	struct az az;
	sct_assoc_id a, z = 0;
	sct_time_t t0;
	bool abort_seen = false;
	const struct sct_event *e;

	az_init(&az, 208);
	a = az_establish(&az, &z);
	CU_ASSERT_NOT_EQUAL_FATAL(a, 0);
	t0 = az.now;
	sct_assoc_shutdown(az.st[AZ_A], a, az.now);
	az_collect(&az);
	while (az_state(&az, AZ_A, a) == SCT_SHUTDOWN_SENT && az.now < t0 + sct_ms(1000000)) {
		az_drop_all(&az);
		if (!az_advance(&az))
			break;
	}
	CU_ASSERT_EQUAL(az.now - t0, 5 * sct_ms(60000));
	abort_seen = az_find_chunk(&az, AZ_A, SCT_CHUNK_ABORT) >= 0;
	CU_ASSERT_TRUE(abort_seen);
	e = az_find_event(&az, AZ_A, SCT_EV_ASSOC_CHANGE, SCT_COMM_LOST);
	CU_ASSERT_PTR_NOT_NULL_FATAL(e);
	CU_ASSERT_EQUAL(e->u.assoc_change.err, ETIMEDOUT);
	/* the ABORT ends Z too */
	az_run(&az);
	CU_ASSERT_EQUAL(az_state(&az, AZ_Z, z), SCT_CLOSED);
	az_free(&az);
}

/* RFC 9260 9.2: any packet from the peer in SHUTDOWN-SENT restarts T2 and clears its count. */
static void rfc9260_9_2_data_restarts_t2_heartbeat_does_not(void)
{
	struct az az;
	struct az_bld b;
	sct_assoc_id a, z = 0;
	uint8_t hb[8] = {0, 1, 0, 8, 1, 2, 3, 4};
	sct_time_t t0;

	az_init(&az, 209);
	a = az_establish(&az, &z);
	CU_ASSERT_NOT_EQUAL_FATAL(a, 0);
	sct_assoc_shutdown(az.st[AZ_A], a, az.now);
	az_collect(&az);
	az_drop_all(&az);
	t0 = az.now;
	/* a HEARTBEAT from the peer must not hold back the lost SHUTDOWN */
	az.now += sct_ms(700);
	CU_ASSERT_EQUAL(az_inject_chunk(&az, AZ_A, my_tag(&az, AZ_A, a), SCT_CHUNK_HEARTBEAT, 0, hb,
					sizeof(hb)),
			0);
	CU_ASSERT_EQUAL(sct_stack_next_expiry(az.st[AZ_A]), t0 + sct_ms(1000));
	az_drop_all(&az);
	/* DATA from the peer (it still sends its queued data) restarts T2 */
	az_bld_assoc(&az, &b, AZ_A, a);
	az_bld_data(&b, az_status(&az, AZ_Z, z).cum_tsn_acked + 1, 0, 0, 0x03, "d", 1);
	az_send(&az, AZ_A, &b);
	CU_ASSERT_EQUAL(sct_stack_next_expiry(az.st[AZ_A]), az.now + sct_ms(1000));
	az_free(&az);
}

/* RFC 9260 9.2 (ETSI dm-o-4-6-1): a SHUTDOWN in COOKIE-WAIT or COOKIE-ECHOED is discarded. */
static void rfc9260_9_2_dm_o_4_6_1_shutdown_in_cookie_states(void)
{
	struct az az;
	sct_assoc_id a;

	az_init(&az, 210);
	a = az_connect(&az);
	az_collect(&az);
	az_drop_all(&az);
	CU_ASSERT_EQUAL(inject_shutdown(&az, AZ_A, my_tag(&az, AZ_A, a)), 0);
	az_collect(&az);
	CU_ASSERT_EQUAL(az.n_flight, 0);
	CU_ASSERT_EQUAL(az_state(&az, AZ_A, a), SCT_COOKIE_WAIT);
	az_free(&az);

	az_init(&az, 211);
	a = az_connect_to_cookie_echo(&az);
	az_drop_all(&az);
	CU_ASSERT_EQUAL(az_state(&az, AZ_A, a), SCT_COOKIE_ECHOED);
	CU_ASSERT_EQUAL(inject_shutdown(&az, AZ_A, my_tag(&az, AZ_A, a)), 0);
	az_collect(&az);
	CU_ASSERT_EQUAL(az.n_flight, 0);
	CU_ASSERT_EQUAL(az_state(&az, AZ_A, a), SCT_COOKIE_ECHOED);
	az_free(&az);
}

/*
 * RFC 9260 9.2, 8.5.1 E (ETSI dm-o-4-7-1): a SHUTDOWN ACK in COOKIE-WAIT is out of the blue: a
 * SHUTDOWN COMPLETE with the T bit and the received tag; T1-init keeps running.
 */
static void rfc9260_9_2_dm_o_4_7_1_shutdown_ack_in_cookie_wait(void)
{
	struct az az;
	sct_assoc_id a;

	az_init(&az, 212);
	a = az_connect(&az);
	az_collect(&az);
	az_drop_all(&az);
	CU_ASSERT_EQUAL(az_inject_chunk(&az, AZ_A, 0x12345678, SCT_CHUNK_SHUTDOWN_ACK, 0, NULL, 0),
			-ENOENT);
	az_collect(&az);
	CU_ASSERT_EQUAL_FATAL(az.n_flight, 1);
	CU_ASSERT_EQUAL(az_chunk_type(&az, 0, 0), SCT_CHUNK_SHUTDOWN_COMPLETE);
	CU_ASSERT_EQUAL(az_chunk_flags(&az, 0, 0) & 1, 1);
	CU_ASSERT_EQUAL(az_vtag(&az, 0), 0x12345678);
	CU_ASSERT_EQUAL(az_state(&az, AZ_A, a), SCT_COOKIE_WAIT);
	az_drop_all(&az);
	CU_ASSERT_TRUE(az_advance(&az));
	CU_ASSERT_EQUAL(az_chunk_type(&az, 0, 0), SCT_CHUNK_INIT);
	az_free(&az);
}

/* RFC 9260 9.2 (ETSI dm-o-4-7-2): a SHUTDOWN ACK in ESTABLISHED changes nothing. */
static void rfc9260_9_2_dm_o_4_7_2_shutdown_ack_in_established(void)
{
	struct az az;
	sct_assoc_id a, z = 0;

	az_init(&az, 213);
	a = az_establish(&az, &z);
	CU_ASSERT_NOT_EQUAL_FATAL(a, 0);
	az_inject_chunk(&az, AZ_A, my_tag(&az, AZ_A, a), SCT_CHUNK_SHUTDOWN_ACK, 0, NULL, 0);
	az_collect(&az);
	CU_ASSERT_EQUAL(az.n_flight, 0);
	CU_ASSERT_EQUAL(az_state(&az, AZ_A, a), SCT_ESTABLISHED);
	az_free(&az);
}

/*
 * RFC 9260 8.5.1 C, 9.2 (ETSI dm-o-4-9): a SHUTDOWN COMPLETE is ignored outside
 * SHUTDOWN-ACK-SENT (COOKIE-WAIT, ESTABLISHED, SHUTDOWN-SENT), even with a good tag.
 */
static void rfc9260_8_5_1_c_dm_o_4_9_shutdown_complete_ignored(void)
{
	struct az az;
	sct_assoc_id a, z = 0;

	az_init(&az, 214);
	a = az_connect(&az);
	az_collect(&az);
	az_drop_all(&az);
	az_inject_chunk(&az, AZ_A, my_tag(&az, AZ_A, a), SCT_CHUNK_SHUTDOWN_COMPLETE, 0, NULL, 0);
	az_collect(&az);
	CU_ASSERT_EQUAL(az.n_flight, 0);
	CU_ASSERT_EQUAL(az_state(&az, AZ_A, a), SCT_COOKIE_WAIT);
	az_free(&az);

	az_init(&az, 215);
	a = az_establish(&az, &z);
	CU_ASSERT_NOT_EQUAL_FATAL(a, 0);
	az_inject_chunk(&az, AZ_A, my_tag(&az, AZ_A, a), SCT_CHUNK_SHUTDOWN_COMPLETE, 0, NULL, 0);
	CU_ASSERT_EQUAL(az_state(&az, AZ_A, a), SCT_ESTABLISHED);
	az_inject_chunk(&az, AZ_A, peer_tag(&az, AZ_A, a), SCT_CHUNK_SHUTDOWN_COMPLETE, 1, NULL, 0);
	CU_ASSERT_EQUAL(az_state(&az, AZ_A, a), SCT_ESTABLISHED);
	sct_assoc_shutdown(az.st[AZ_A], a, az.now);
	az_collect(&az);
	az_drop_all(&az);
	az_inject_chunk(&az, AZ_A, my_tag(&az, AZ_A, a), SCT_CHUNK_SHUTDOWN_COMPLETE, 0, NULL, 0);
	CU_ASSERT_EQUAL(az_state(&az, AZ_A, a), SCT_SHUTDOWN_SENT);
	az_collect(&az);
	CU_ASSERT_EQUAL(az.n_flight, 0);
	az_free(&az);
}

/* RFC 9260 9.2: SHUTDOWN-ACK-SENT ends on a SHUTDOWN COMPLETE with its own tag (T clear). */
static void rfc9260_9_2_at_i_2_13_shutdown_complete_in_shutdown_ack_sent(void)
{
	struct az az;
	sct_assoc_id a, z = 0;

	a = to_shutdown_ack_sent(&az, 216, &z);
	CU_ASSERT_NOT_EQUAL_FATAL(a, 0);
	az_drop_all(&az);
	az_inject_chunk(&az, AZ_Z, my_tag(&az, AZ_Z, z), SCT_CHUNK_SHUTDOWN_COMPLETE, 0, NULL, 0);
	CU_ASSERT_EQUAL(az_state(&az, AZ_Z, z), SCT_CLOSED);
	CU_ASSERT_PTR_NOT_NULL(az_find_event(&az, AZ_Z, SCT_EV_ASSOC_CHANGE, SCT_SHUTDOWN_COMP));
	az_collect(&az);
	CU_ASSERT_EQUAL(az_count_chunk(&az, AZ_Z, SCT_CHUNK_SHUTDOWN_ACK), 0);
	az_free(&az);
}

/*
 * RFC 9260 9.1 (ETSI at-v-2-2): user abort in each state.  COOKIE-WAIT: the peer's tag is
 * unknown, nothing is sent; later states: an ABORT with the peer's tag and a User-Initiated
 * Abort cause; the receiver reports it and sends nothing back.
 */
static void abort_in(int state_steps, enum sct_state expect, bool on_z, uint64_t seed)
{
	struct az az;
	sct_assoc_id a, z = 0, id;
	int side = on_z ? AZ_Z : AZ_A;
	const struct sct_event *e;
	uint32_t ptag;

	az_init(&az, seed);
	if (state_steps < 0) {
		a = az_establish(&az, &z);
		CU_ASSERT_NOT_EQUAL_FATAL(a, 0);
		if (state_steps <= -2) {
			sct_assoc_shutdown(az.st[AZ_A], a, az.now);
			az_collect(&az);
			if (state_steps == -3) {
				az_deliver(&az, 0); /* Z: SHUTDOWN-ACK-SENT */
				az_collect(&az);
			}
		}
	} else {
		int i;

		a = az_connect(&az);
		az_collect(&az);
		for (i = 0; i < state_steps; i++) {
			az_deliver(&az, 0);
			az_collect(&az);
		}
	}
	az_drop_all(&az);
	id = on_z ? z : a;
	CU_ASSERT_EQUAL_FATAL(az_state(&az, side, id), (int)expect);
	ptag = peer_tag(&az, side, id);
	az_clear_events(&az);
	CU_ASSERT_EQUAL(sct_assoc_abort(az.st[side], id, "bye", 3, az.now), 0);
	CU_ASSERT_EQUAL(az_state(&az, side, id), SCT_CLOSED);
	e = az_find_event(&az, side, SCT_EV_ASSOC_CHANGE, -1);
	CU_ASSERT_PTR_NOT_NULL_FATAL(e);
	CU_ASSERT_EQUAL(e->u.assoc_change.state,
			expect == SCT_COOKIE_WAIT || expect == SCT_COOKIE_ECHOED
			    ? SCT_CANT_STR_ASSOC
			    : SCT_COMM_LOST);
	az_collect(&az);
	if (expect == SCT_COOKIE_WAIT) {
		CU_ASSERT_EQUAL(az.n_flight, 0);
		az_free(&az);
		return;
	}
	CU_ASSERT_EQUAL_FATAL(az.n_flight, 1);
	CU_ASSERT_EQUAL(az_chunk_type(&az, 0, 0), SCT_CHUNK_ABORT);
	CU_ASSERT_EQUAL(az_chunk_flags(&az, 0, 0) & 1, 0);
	CU_ASSERT_EQUAL(az_vtag(&az, 0), ptag);
	CU_ASSERT_EQUAL(az_cause(&az, 0, 0), SCT_CAUSE_USER_ABORT);
	az_deliver(&az, 0);
	az_collect(&az);
	CU_ASSERT_EQUAL(az.n_flight, 0); /* 9.1: never answer an ABORT */
	if (expect != SCT_COOKIE_ECHOED) {
		int other = on_z ? AZ_A : AZ_Z;
		sct_assoc_id oid = on_z ? a : z;

		e = az_find_event(&az, other, SCT_EV_ASSOC_CHANGE, SCT_COMM_LOST);
		CU_ASSERT_PTR_NOT_NULL_FATAL(e);
		CU_ASSERT_EQUAL(e->u.assoc_change.error, SCT_CAUSE_USER_ABORT);
		/* the Upper Layer Abort Reason reaches the application */
		CU_ASSERT(e->info_len >= 11);
		if (e->info_len >= 11)
			CU_ASSERT_EQUAL(memcmp(e->info + 8, "bye", 3), 0);
		CU_ASSERT_EQUAL(az_state(&az, other, oid), SCT_CLOSED);
	}
	az_free(&az);
}

static void rfc9260_9_1_abort_in_cookie_wait(void)
{
	abort_in(0, SCT_COOKIE_WAIT, false, 220);
}

static void rfc9260_9_1_abort_in_cookie_echoed(void)
{
	abort_in(2, SCT_COOKIE_ECHOED, false, 221);
}

static void rfc9260_9_1_at_v_2_2_abort_in_established(void)
{
	abort_in(-1, SCT_ESTABLISHED, false, 222);
}

static void rfc9260_9_1_abort_in_shutdown_sent(void)
{
	abort_in(-2, SCT_SHUTDOWN_SENT, false, 223);
}

static void rfc9260_9_1_abort_in_shutdown_ack_sent(void)
{
	abort_in(-3, SCT_SHUTDOWN_ACK_SENT, true, 224);
}

/*
 * RFC 9260 9.2: a shutdown request before ESTABLISHED gives up the attempt (-ENOTCONN); in
 * SHUTDOWN-SENT and SHUTDOWN-ACK-SENT (past SHUTDOWN-RECEIVED) it is ignored.
 */
static void rfc9260_9_2_shutdown_request_in_other_states(void)
{
	struct az az;
	sct_assoc_id a, z = 0;
	const struct sct_event *e;

	az_init(&az, 230);
	a = az_connect(&az);
	CU_ASSERT_EQUAL(sct_assoc_shutdown(az.st[AZ_A], a, az.now), -ENOTCONN);
	CU_ASSERT_EQUAL(az_state(&az, AZ_A, a), SCT_CLOSED);
	e = az_find_event(&az, AZ_A, SCT_EV_ASSOC_CHANGE, SCT_CANT_STR_ASSOC);
	CU_ASSERT_PTR_NOT_NULL(e);
	az_free(&az);

	a = to_shutdown_ack_sent(&az, 231, &z);
	CU_ASSERT_NOT_EQUAL_FATAL(a, 0);
	az_drop_all(&az);
	CU_ASSERT_EQUAL(sct_assoc_shutdown(az.st[AZ_A], a, az.now), 0);
	CU_ASSERT_EQUAL(sct_assoc_shutdown(az.st[AZ_Z], z, az.now), 0);
	az_collect(&az);
	CU_ASSERT_EQUAL(az.n_flight, 0);
	CU_ASSERT_EQUAL(az_state(&az, AZ_A, a), SCT_SHUTDOWN_SENT);
	CU_ASSERT_EQUAL(az_state(&az, AZ_Z, z), SCT_SHUTDOWN_ACK_SENT);
	az_free(&az);
}

/* RFC 9260 9.2 (ETSI dm-o-4-6-2): a SHUTDOWN with no association is OOTB: ABORT, T bit set. */
static void rfc9260_9_2_dm_o_4_6_2_shutdown_in_closed(void)
{
	struct az az;

	az_init(&az, 232);
	CU_ASSERT_EQUAL(inject_shutdown(&az, AZ_A, 0x01020304), -ENOENT);
	az_collect(&az);
	CU_ASSERT_EQUAL_FATAL(az.n_flight, 1);
	CU_ASSERT_EQUAL(az_chunk_type(&az, 0, 0), SCT_CHUNK_ABORT);
	CU_ASSERT_EQUAL(az_chunk_flags(&az, 0, 0) & 1, 1);
	CU_ASSERT_EQUAL(az_vtag(&az, 0), 0x01020304);
	az_free(&az);
}

/*
 * RFC 9260 9.2: shutting every association down (sctund on SIGTERM) needs their ids:
 * sct_stack_assoc_ids() lists the ones that have not ended, and an ended one kept for its
 * owner (a zombie) drops out of the list.
 */
static void rfc9260_9_2_assoc_ids_for_shutdown_all(void)
{
	struct az az;
	sct_assoc_id a, z = 0, ids[4] = {0};
	size_t i, n;

	az_init(&az, 233);
	CU_ASSERT_EQUAL(sct_stack_assoc_ids(az.st[AZ_A], ids, 4), 0);
	a = az_establish(&az, &z);
	CU_ASSERT_NOT_EQUAL_FATAL(a, 0);
	CU_ASSERT_EQUAL(sct_stack_assoc_ids(az.st[AZ_A], NULL, 0), 1);
	CU_ASSERT_EQUAL(sct_stack_assoc_ids(az.st[AZ_A], ids, 4), 1);
	CU_ASSERT_EQUAL(ids[0], a);
	CU_ASSERT_EQUAL(sct_stack_assoc_ids(az.st[AZ_Z], ids, 4), 1);
	CU_ASSERT_EQUAL(ids[0], z);
	/* shut each listed one down: all of them end */
	n = sct_stack_assoc_ids(az.st[AZ_Z], ids, 4);
	for (i = 0; i < n; i++)
		CU_ASSERT_EQUAL(sct_assoc_shutdown(az.st[AZ_Z], ids[i], az.now), 0);
	CU_ASSERT_EQUAL(sct_stack_assoc_ids(az.st[AZ_Z], NULL, 0), 1); /* SHUTDOWN-PENDING/SENT */
	az_run(&az);
	CU_ASSERT_EQUAL(az_state(&az, AZ_Z, z), SCT_CLOSED);
	CU_ASSERT_EQUAL(sct_stack_assoc_ids(az.st[AZ_Z], ids, 4), 0);
	CU_ASSERT_EQUAL(sct_stack_assoc_ids(az.st[AZ_A], ids, 4), 0);
	az_free(&az);
}

static const struct sct_test shutdown_tests[] = {
    SCT_TEST(rfc9260_9_2_assoc_ids_for_shutdown_all),
    SCT_TEST(rfc9260_9_2_dm_o_4_5_simultaneous_shutdown),
    SCT_TEST(rfc9260_9_2_at_i_2_4_lost_shutdown),
    SCT_TEST(rfc9260_9_2_at_i_2_11_lost_shutdown_ack),
    SCT_TEST(rfc9260_9_2_at_i_2_13_lost_shutdown_complete),
    SCT_TEST(rfc9260_9_2_at_i_2_13_shutdown_complete_in_shutdown_ack_sent),
    SCT_TEST(rfc9260_9_2_dm_o_4_2_2_init_in_shutdown_ack_sent),
    SCT_TEST(rfc9260_9_2_at_i_2_5_shutdown_max_retrans),
    SCT_TEST(rfc9260_9_2_at_i_2_12_shutdown_ack_max_retrans),
    SCT_TEST(rfc9260_9_2_t5_shutdown_guard),
    SCT_TEST(rfc9260_9_2_data_restarts_t2_heartbeat_does_not),
    SCT_TEST(rfc9260_9_2_dm_o_4_6_1_shutdown_in_cookie_states),
    SCT_TEST(rfc9260_9_2_dm_o_4_6_2_shutdown_in_closed),
    SCT_TEST(rfc9260_9_2_dm_o_4_7_1_shutdown_ack_in_cookie_wait),
    SCT_TEST(rfc9260_9_2_dm_o_4_7_2_shutdown_ack_in_established),
    SCT_TEST(rfc9260_8_5_1_c_dm_o_4_9_shutdown_complete_ignored),
    SCT_TEST(rfc9260_9_2_shutdown_request_in_other_states),
    SCT_TEST_END,
};

static const struct sct_test abort_tests[] = {
    SCT_TEST(rfc9260_9_1_abort_in_cookie_wait),
    SCT_TEST(rfc9260_9_1_abort_in_cookie_echoed),
    SCT_TEST(rfc9260_9_1_at_v_2_2_abort_in_established),
    SCT_TEST(rfc9260_9_1_abort_in_shutdown_sent),
    SCT_TEST(rfc9260_9_1_abort_in_shutdown_ack_sent),
    SCT_TEST_END,
};

SCT_TEST_MAIN(shutdown_tests, abort_tests)
