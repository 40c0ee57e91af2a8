/* SPDX-License-Identifier: MIT */
/* test_sctp_setup.c: association setup and teardown between A and Z (RFC 9260 5, 9). */
#include "harness.h"

#include <errno.h>
#include <string.h>

#include "az.h"
#include "wire/sctp_types.h"

/* RFC 9260 5.1.6, figure 4: INIT, INIT ACK, COOKIE ECHO, COOKIE ACK; both sides up. */
static void rfc9260_5_1_6_normal_establishment(void)
{
	struct az az;
	sct_assoc_id a, z = 0;

	az_init(&az, 1);
	a = az_connect(&az);
	CU_ASSERT_NOT_EQUAL_FATAL(a, 0);
	CU_ASSERT_EQUAL(az_state(&az, AZ_A, a), SCT_COOKIE_WAIT);
	az_collect(&az);
	CU_ASSERT_EQUAL_FATAL(az.n_flight, 1);
	CU_ASSERT_EQUAL(az_chunk_type(&az, 0, 0), SCT_CHUNK_INIT);
	CU_ASSERT_EQUAL(az_vtag(&az, 0), 0); /* 8.5.1 A */
	az_deliver(&az, 0);
	az_collect(&az);
	CU_ASSERT_EQUAL_FATAL(az.n_flight, 1);
	CU_ASSERT_EQUAL(az_chunk_type(&az, 0, 0), SCT_CHUNK_INIT_ACK);
	az_deliver(&az, 0);
	CU_ASSERT_EQUAL(az_state(&az, AZ_A, a), SCT_COOKIE_ECHOED);
	az_collect(&az);
	CU_ASSERT_EQUAL(az_chunk_type(&az, 0, 0), SCT_CHUNK_COOKIE_ECHO);
	az_deliver(&az, 0);
	az_collect(&az);
	CU_ASSERT_EQUAL(az_chunk_type(&az, 0, 0), SCT_CHUNK_COOKIE_ACK);
	az_deliver(&az, 0);
	CU_ASSERT_EQUAL(az_state(&az, AZ_A, a), SCT_ESTABLISHED);
	CU_ASSERT_PTR_NOT_NULL(az_find_event(&az, AZ_A, SCT_EV_ASSOC_CHANGE, SCT_COMM_UP));
	CU_ASSERT_PTR_NOT_NULL_FATAL(az_find_event(&az, AZ_Z, SCT_EV_ASSOC_CHANGE, SCT_COMM_UP));
	z = az_find_event(&az, AZ_Z, SCT_EV_ASSOC_CHANGE, SCT_COMM_UP)->assoc;
	CU_ASSERT_EQUAL(az_state(&az, AZ_Z, z), SCT_ESTABLISHED);
	az_free(&az);
}

/* RFC 9260 5.1.1: streams are min(local OS, remote MIS). */
static void rfc9260_5_1_1_stream_negotiation(void)
{
	struct az az;
	struct sct_assoc_status sa, sz;
	sct_assoc_id a, z = 0;

	az_init(&az, 2);
	a = az_establish(&az, &z);
	CU_ASSERT_NOT_EQUAL_FATAL(a, 0);
	CU_ASSERT_EQUAL(sct_assoc_status(az.st[AZ_A], a, &sa), 0);
	CU_ASSERT_EQUAL(sct_assoc_status(az.st[AZ_Z], z, &sz), 0);
	CU_ASSERT_EQUAL(sa.os, 10);
	CU_ASSERT_EQUAL(sa.is, 10);
	CU_ASSERT_EQUAL(sz.os, 10);
	CU_ASSERT_EQUAL(sa.my_vtag, sz.peer_vtag);
	CU_ASSERT_EQUAL(sz.my_vtag, sa.peer_vtag);
	az_free(&az);
}

/* RFC 9260 5.1 B: the INIT leaves no state behind on Z. */
static void rfc9260_5_1_b_init_allocates_nothing(void)
{
	struct az az;
	int i;

	az_init(&az, 3);
	for (i = 0; i < 50; i++) {
		struct sct_ep_cfg ec = {.port = (uint16_t)(3000 + i)};

		CU_ASSERT_EQUAL_FATAL(sct_ep_create(az.st[AZ_A], &ec, &az.ep[AZ_A]), 0);
		CU_ASSERT_NOT_EQUAL(az_connect(&az), 0);
	}
	/* the INITs go out; Z answers; nothing is echoed back */
	az_collect(&az);
	while (az.n_flight) {
		int from = az.flight[0]->from;

		az_deliver(&az, 0);
		if (from == AZ_A)
			az_collect(&az);
		/* drop the INIT ACKs */
		while (az.n_flight && az.flight[az.n_flight - 1]->from == AZ_Z)
			az_drop(&az, az.n_flight - 1);
	}
	az_poll_events(&az);
	CU_ASSERT_EQUAL(az.n_ev[AZ_Z], 0);
	az_free(&az);
}

/* RFC 9260 9.2: graceful shutdown, SHUTDOWN / SHUTDOWN ACK / SHUTDOWN COMPLETE. */
static void rfc9260_9_2_graceful_shutdown(void)
{
	struct az az;
	sct_assoc_id a, z = 0;

	az_init(&az, 4);
	a = az_establish(&az, &z);
	CU_ASSERT_NOT_EQUAL_FATAL(a, 0);
	CU_ASSERT_EQUAL(sct_assoc_shutdown(az.st[AZ_A], a, az.now), 0);
	az_collect(&az);
	CU_ASSERT_EQUAL(az_chunk_type(&az, 0, 0), SCT_CHUNK_SHUTDOWN);
	CU_ASSERT_EQUAL(az_state(&az, AZ_A, a), SCT_SHUTDOWN_SENT);
	az_deliver(&az, 0);
	CU_ASSERT_PTR_NOT_NULL(az_find_event(&az, AZ_Z, SCT_EV_SHUTDOWN, -1));
	CU_ASSERT_EQUAL(az_state(&az, AZ_Z, z), SCT_SHUTDOWN_ACK_SENT);
	az_collect(&az);
	CU_ASSERT_EQUAL(az_chunk_type(&az, 0, 0), SCT_CHUNK_SHUTDOWN_ACK);
	az_deliver(&az, 0);
	az_collect(&az);
	CU_ASSERT_EQUAL(az_chunk_type(&az, 0, 0), SCT_CHUNK_SHUTDOWN_COMPLETE);
	CU_ASSERT_PTR_NOT_NULL(az_find_event(&az, AZ_A, SCT_EV_ASSOC_CHANGE, SCT_SHUTDOWN_COMP));
	az_deliver(&az, 0);
	CU_ASSERT_PTR_NOT_NULL(az_find_event(&az, AZ_Z, SCT_EV_ASSOC_CHANGE, SCT_SHUTDOWN_COMP));
	CU_ASSERT_EQUAL(az_state(&az, AZ_Z, z), SCT_CLOSED);
	CU_ASSERT_EQUAL(sct_stack_next_expiry(az.st[AZ_Z]) > az.now + sct_ms(30000), 1);
	az_free(&az);
}

/* RFC 9260 9.1: user abort with a User-Initiated Abort cause; the peer sees COMM_LOST. */
static void rfc9260_9_1_user_abort(void)
{
	struct az az;
	sct_assoc_id a, z = 0;
	const struct sct_event *e;

	az_init(&az, 5);
	a = az_establish(&az, &z);
	CU_ASSERT_NOT_EQUAL_FATAL(a, 0);
	CU_ASSERT_EQUAL(sct_assoc_abort(az.st[AZ_A], a, "bye", 3, az.now), 0);
	az_collect(&az);
	CU_ASSERT_EQUAL(az_chunk_type(&az, 0, 0), SCT_CHUNK_ABORT);
	az_deliver(&az, 0);
	e = az_find_event(&az, AZ_Z, SCT_EV_ASSOC_CHANGE, SCT_COMM_LOST);
	CU_ASSERT_PTR_NOT_NULL_FATAL(e);
	CU_ASSERT_EQUAL(e->u.assoc_change.error, SCT_CAUSE_USER_ABORT);
	CU_ASSERT_EQUAL(e->u.assoc_change.err, ECONNRESET);
	CU_ASSERT_EQUAL(az_state(&az, AZ_Z, z), SCT_CLOSED);
	CU_ASSERT_EQUAL(sct_assoc_abort(az.st[AZ_A], a, NULL, 0, az.now), -ENOENT);
	az_free(&az);
}

/* RFC 9260 5.1.6: a lost INIT is retransmitted on T1 expiry, same tag, backed off. */
static void rfc9260_5_1_6_lost_init_retransmitted(void)
{
	struct az az;
	sct_assoc_id a;
	uint8_t first_init[64];
	size_t len;
	sct_time_t t0;

	az_init(&az, 6);
	a = az_connect(&az);
	az_collect(&az);
	len = az.flight[0]->len < sizeof(first_init) ? az.flight[0]->len : sizeof(first_init);
	memcpy(first_init, az.flight[0]->buf, len);
	az_drop(&az, 0);
	t0 = az.now;
	CU_ASSERT_TRUE(az_advance(&az));
	CU_ASSERT_EQUAL(az.now - t0, sct_ms(1000)); /* RTO.Initial */
	CU_ASSERT_EQUAL_FATAL(az.n_flight, 1);
	SCT_ASSERT_BYTES(az.flight[0]->buf, first_init, len);
	az_drop(&az, 0);
	t0 = az.now;
	CU_ASSERT_TRUE(az_advance(&az));
	CU_ASSERT_EQUAL(az.now - t0, sct_ms(2000)); /* doubled */
	az_run(&az);
	CU_ASSERT_EQUAL(az_state(&az, AZ_A, a), SCT_ESTABLISHED);
	az_free(&az);
}

/* RFC 9260 5.1.6: after Max.Init.Retransmits the attempt fails with ETIMEDOUT. */
static void rfc9260_5_1_6_max_init_retransmits(void)
{
	struct az az;
	sct_assoc_id a;
	const struct sct_event *e;
	int inits = 0;

	az_init(&az, 7);
	a = az_connect(&az);
	az_collect(&az);
	while (az_state(&az, AZ_A, a) == SCT_COOKIE_WAIT && az.now < 3600 * SCT_NSEC_PER_SEC) {
		while (az.n_flight) {
			inits += az_chunk_type(&az, 0, 0) == SCT_CHUNK_INIT;
			az_drop(&az, 0);
		}
		if (!az_advance(&az))
			break;
	}
	CU_ASSERT_EQUAL(inits, 9); /* the first INIT and 8 retransmissions */
	e = az_find_event(&az, AZ_A, SCT_EV_ASSOC_CHANGE, SCT_CANT_STR_ASSOC);
	CU_ASSERT_PTR_NOT_NULL_FATAL(e);
	CU_ASSERT_EQUAL(e->u.assoc_change.err, ETIMEDOUT);
	CU_ASSERT_EQUAL(az_state(&az, AZ_A, a), SCT_CLOSED);
	az_free(&az);
}

/* RFC 9260 8.4 step 3: an INIT to a port nobody listens on gets an ABORT with T=0. */
static void rfc9260_8_4_3_init_to_closed_port_aborted(void)
{
	struct az az;
	const struct sct_event *e;

	az_init(&az, 8);
	az.port[AZ_Z] = 2999;
	az_connect(&az);
	az_collect(&az);
	az_deliver(&az, 0);
	az_collect(&az);
	CU_ASSERT_EQUAL_FATAL(az.n_flight, 1);
	CU_ASSERT_EQUAL(az_chunk_type(&az, 0, 0), SCT_CHUNK_ABORT);
	CU_ASSERT_EQUAL(az.flight[0]->buf[13] & 1, 0);
	az_deliver(&az, 0);
	e = az_find_event(&az, AZ_A, SCT_EV_ASSOC_CHANGE, SCT_CANT_STR_ASSOC);
	CU_ASSERT_PTR_NOT_NULL_FATAL(e);
	CU_ASSERT_EQUAL(e->u.assoc_change.err, ECONNREFUSED);
	az_free(&az);
}

/* RFC 9260 5.1 (ETSI as-i-1-15): INIT retransmissions use all the peer's addresses. */
static void rfc9260_5_1_as_i_1_15_init_uses_all_peer_addrs(void)
{
	struct az az;
	struct sct_addr peer[2];
	struct sct_connect_params p;
	sct_assoc_id a = 0;
	bool seen[2] = {false, false};
	int i;

	az_init(&az, 9);
	peer[0] = az.addr[AZ_Z];
	sct_addr_parse(&peer[1], "10.0.0.9");
	memset(&p, 0, sizeof(p));
	p.port = az.port[AZ_Z];
	p.addrs = peer;
	p.n_addrs = 2;
	CU_ASSERT_EQUAL_FATAL(sct_ep_connect(az.ep[AZ_A], &p, az.now, &a), 0);
	az_collect(&az);
	for (i = 0; i < 4; i++) {
		CU_ASSERT_EQUAL_FATAL(az.n_flight, 1);
		CU_ASSERT_EQUAL(az_chunk_type(&az, 0, 0), SCT_CHUNK_INIT);
		seen[0] |= sct_addr_eq(&az.flight[0]->pi.dst, &peer[0]);
		seen[1] |= sct_addr_eq(&az.flight[0]->pi.dst, &peer[1]);
		az_drop(&az, 0);
		az_advance(&az);
	}
	CU_ASSERT_TRUE(seen[0]);
	CU_ASSERT_TRUE(seen[1]);
	az_free(&az);
}

/*
 * 5.1, 6.10: INIT MUST NOT be bundled with another chunk.  A's INIT bundled
 * with a HEARTBEAT reaches Z: discarded, no INIT ACK, no ABORT; the same INIT
 * alone is answered.
 */
static void rfc9260_5_1_init_bundled_discarded(void)
{
	static const uint8_t hb_info[8] = {0, 1, 0, 8, 1, 2, 3, 4};
	struct az az;
	struct az_bld b;
	uint8_t init[AZ_PKT_MAX];
	size_t init_len;

	az_init(&az, 120);
	CU_ASSERT_NOT_EQUAL_FATAL(az_connect(&az), 0);
	az_collect(&az);
	CU_ASSERT_EQUAL_FATAL(az.n_flight, 1);
	CU_ASSERT_EQUAL_FATAL(az.flight[0]->buf[12], SCT_CHUNK_INIT);
	init_len = az.flight[0]->len - 12 - 4; /* the INIT's value */
	memcpy(init, az.flight[0]->buf + 16, init_len);
	az_drop_all(&az);

	az_bld_start(&b, az.port[AZ_A], az.port[AZ_Z], 0);
	az_bld_raw_chunk(&b, SCT_CHUNK_INIT, 0, init, init_len);
	az_bld_raw_chunk(&b, SCT_CHUNK_HEARTBEAT, 0, hb_info, sizeof(hb_info));
	az_send(&az, AZ_Z, &b);
	az_collect(&az);
	CU_ASSERT_EQUAL(az.n_flight, 0);

	az_bld_start(&b, az.port[AZ_A], az.port[AZ_Z], 0);
	az_bld_raw_chunk(&b, SCT_CHUNK_INIT, 0, init, init_len);
	az_send(&az, AZ_Z, &b);
	az_collect(&az);
	CU_ASSERT_EQUAL(az.n_flight, 1);
	CU_ASSERT_EQUAL(az_count_chunk(&az, AZ_Z, SCT_CHUNK_INIT_ACK), 1);
	az_free(&az);
}

static const struct sct_test setup_tests[] = {
    SCT_TEST(rfc9260_5_1_init_bundled_discarded),
    SCT_TEST(rfc9260_5_1_as_i_1_15_init_uses_all_peer_addrs),
    SCT_TEST(rfc9260_5_1_6_normal_establishment),
    SCT_TEST(rfc9260_5_1_1_stream_negotiation),
    SCT_TEST(rfc9260_5_1_b_init_allocates_nothing),
    SCT_TEST(rfc9260_5_1_6_lost_init_retransmitted),
    SCT_TEST(rfc9260_5_1_6_max_init_retransmits),
    SCT_TEST(rfc9260_8_4_3_init_to_closed_port_aborted),
    SCT_TEST_END,
};

static const struct sct_test term_tests[] = {
    SCT_TEST(rfc9260_9_2_graceful_shutdown),
    SCT_TEST(rfc9260_9_1_user_abort),
    SCT_TEST_END,
};

SCT_TEST_MAIN(setup_tests, term_tests)
