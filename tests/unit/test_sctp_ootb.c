/* SPDX-License-Identifier: MIT */
/* test_sctp_ootb.c: out-of-the-blue packets and verification tags (RFC 9260 8.4, 8.5, 8.5.1). */
#include "harness.h"

#include <errno.h>
#include <string.h>

#include "az.h"
#include "wire/chunk.h"
#include "wire/sctp_types.h"

static uint32_t my_tag(struct az *az, int side, sct_assoc_id id)
{
	struct sct_assoc_status st;

	return sct_assoc_status(az->st[side], id, &st) == 0 ? st.my_vtag : 0;
}

static uint32_t peer_tag(struct az *az, int side, sct_assoc_id id)
{
	struct sct_assoc_status st;

	return sct_assoc_status(az->st[side], id, &st) == 0 ? st.peer_vtag : 0;
}

static const uint8_t hb_info[8] = {0, 1, 0, 8, 0xde, 0xad, 0xbe, 0xef};

/* A packet with one chunk of @type to Z, which has no association: what comes back. */
static void ootb_to_z(struct az *az, uint64_t seed, uint32_t vtag, uint8_t type, uint8_t flags,
		      const void *value, size_t len)
{
	az_init(az, seed);
	CU_ASSERT_EQUAL(az_inject_chunk(az, AZ_Z, vtag, type, flags, value, len), -ENOENT);
	az_collect(az);
}

/* RFC 9260 8.4 step 1 (ETSI fh-o-5-3-5): from or to a non-unicast address: silently dropped. */
static void rfc9260_8_4_1_fh_o_5_3_5_non_unicast(void)
{
	static const char *const bad[] = {"224.0.0.1", "255.255.255.255", "0.0.0.0", "ff02::1"};
	struct az az;
	sct_assoc_id a, z = 0;
	uint8_t ck[1024];
	size_t len, i;
	uint32_t tag;
	struct az_bld b;
	struct sct_cookie_echo ce = {0};

	az_init(&az, 301);
	a = az_connect(&az);
	az_collect(&az);
	az_deliver(&az, 0);
	az_collect(&az);
	len = az_take_cookie(&az, 0, ck, sizeof(ck));
	tag = az_itag(&az, 0);
	CU_ASSERT_FATAL(len > 0);
	az_drop_all(&az);
	ce.cookie = ck;
	ce.cookie_len = len;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		struct sct_addr src;
		size_t n;

		sct_addr_parse(&src, bad[i]);
		az_bld_start(&b, az.port[AZ_A], az.port[AZ_Z], tag);
		sct_cookie_echo_emit(&b.w, &ce);
		n = az_bld_finish(&b);
		CU_ASSERT_EQUAL(az_inject_from(&az, AZ_Z, &src, b.buf, n), 0);
		az_collect(&az);
		CU_ASSERT_EQUAL(az.n_flight, 0);
	}
	{
		/* to a multicast destination */
		struct sct_pktinfo pi;
		size_t n;

		az_bld_start(&b, az.port[AZ_A], az.port[AZ_Z], 0x1234);
		az_bld_raw_chunk(&b, SCT_CHUNK_HEARTBEAT, 0, hb_info, sizeof(hb_info));
		n = az_bld_finish(&b);
		memset(&pi, 0, sizeof(pi));
		pi.src = az.addr[AZ_A];
		sct_addr_parse(&pi.dst, "224.0.0.5");
		CU_ASSERT_EQUAL(sct_stack_input(az.st[AZ_Z], &pi, b.buf, n, az.now), 0);
		az_collect(&az);
		CU_ASSERT_EQUAL(az.n_flight, 0);
	}
	az_poll_events(&az);
	CU_ASSERT_EQUAL(az.n_ev[AZ_Z], 0);
	/* the unicast one still works */
	az_bld_start(&b, az.port[AZ_A], az.port[AZ_Z], tag);
	sct_cookie_echo_emit(&b.w, &ce);
	az_send(&az, AZ_Z, &b);
	CU_ASSERT_PTR_NOT_NULL(az_find_event(&az, AZ_Z, SCT_EV_ASSOC_CHANGE, SCT_COMM_UP));
	(void)a;
	(void)z;
	az_free(&az);
}

/* RFC 9260 8.4 step 2, 9.1 (ETSI fh-o-5-3-2): an OOTB ABORT is discarded without a reply. */
static void rfc9260_8_4_2_fh_o_5_3_2_ootb_abort(void)
{
	struct az az;

	ootb_to_z(&az, 302, 0x1111, SCT_CHUNK_ABORT, 0, NULL, 0);
	CU_ASSERT_EQUAL(az.n_flight, 0);
	az_free(&az);
	ootb_to_z(&az, 303, 0x1111, SCT_CHUNK_ABORT, 1, NULL, 0);
	CU_ASSERT_EQUAL(az.n_flight, 0);
	az_free(&az);
}

/*
 * RFC 9260 8.4 step 3: an INIT the endpoint cannot take (not listening) gets an ABORT with the
 * Initiate Tag as vtag and the T bit clear.
 */
static void rfc9260_8_4_3_init_to_non_listening_endpoint(void)
{
	struct az az;
	const struct sct_event *e;
	sct_assoc_id a;

	az_init(&az, 304);
	sct_ep_listen(az.ep[AZ_Z], false);
	a = az_connect(&az);
	az_collect(&az);
	az_deliver(&az, 0);
	az_collect(&az);
	CU_ASSERT_EQUAL_FATAL(az.n_flight, 1);
	CU_ASSERT_EQUAL(az_chunk_type(&az, 0, 0), SCT_CHUNK_ABORT);
	CU_ASSERT_EQUAL(az_chunk_flags(&az, 0, 0) & 1, 0);
	CU_ASSERT_EQUAL(az_vtag(&az, 0), my_tag(&az, AZ_A, a));
	az_deliver(&az, 0);
	e = az_find_event(&az, AZ_A, SCT_EV_ASSOC_CHANGE, SCT_CANT_STR_ASSOC);
	CU_ASSERT_PTR_NOT_NULL(e);
	az_free(&az);
}

/*
 * RFC 9260 8.4 step 5, 8.5.1 C (ETSI fh-o-5-3-3): an OOTB SHUTDOWN ACK gets a SHUTDOWN COMPLETE
 * with the received tag and the T bit set.
 */
static void rfc9260_8_4_5_fh_o_5_3_3_ootb_shutdown_ack(void)
{
	struct az az;

	ootb_to_z(&az, 305, 0xfeedf00d, SCT_CHUNK_SHUTDOWN_ACK, 0, NULL, 0);
	CU_ASSERT_EQUAL_FATAL(az.n_flight, 1);
	CU_ASSERT_EQUAL(az_chunk_type(&az, 0, 0), SCT_CHUNK_SHUTDOWN_COMPLETE);
	CU_ASSERT_EQUAL(az_chunk_flags(&az, 0, 0) & 1, 1);
	CU_ASSERT_EQUAL(az_vtag(&az, 0), 0xfeedf00d);
	az_free(&az);
}

/* RFC 9260 8.4 step 6 (ETSI fh-o-5-3-4): an OOTB SHUTDOWN COMPLETE is discarded. */
static void rfc9260_8_4_6_fh_o_5_3_4_ootb_shutdown_complete(void)
{
	struct az az;

	ootb_to_z(&az, 306, 0x2222, SCT_CHUNK_SHUTDOWN_COMPLETE, 0, NULL, 0);
	CU_ASSERT_EQUAL(az.n_flight, 0);
	az_free(&az);
	ootb_to_z(&az, 307, 0x2222, SCT_CHUNK_SHUTDOWN_COMPLETE, 1, NULL, 0);
	CU_ASSERT_EQUAL(az.n_flight, 0);
	az_free(&az);
}

/* RFC 9260 8.4 step 7: an OOTB Stale Cookie ERROR or COOKIE ACK is discarded. */
static void rfc9260_8_4_7_ootb_stale_cookie_and_cookie_ack(void)
{
	struct az az;
	static const uint8_t stale[8] = {0, SCT_CAUSE_STALE_COOKIE, 0, 8, 0, 0, 1, 0};

	ootb_to_z(&az, 308, 0x3333, SCT_CHUNK_ERROR, 0, stale, sizeof(stale));
	CU_ASSERT_EQUAL(az.n_flight, 0);
	az_free(&az);
	ootb_to_z(&az, 309, 0x3333, SCT_CHUNK_COOKIE_ACK, 0, NULL, 0);
	CU_ASSERT_EQUAL(az.n_flight, 0);
	az_free(&az);
}

/*
 * RFC 9260 8.4 step 8 (ETSI fh-o-5-3-1): any other OOTB packet (DATA, HEARTBEAT, an ERROR without
 * Stale Cookie) gets an ABORT with the received tag reflected and the T bit set.
 */
static void rfc9260_8_4_8_fh_o_5_3_1_ootb_data_aborted(void)
{
	struct az az;
	/* a DATA chunk: TSN 1, stream 0, SSN 0, PPID 0, 4 bytes */
	static const uint8_t data[16] = {0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 'a', 'b', 'c', 'd'};
	static const uint8_t inval[4] = {0, SCT_CAUSE_INVALID_STREAM, 0, 4};

	ootb_to_z(&az, 310, 0x4444, SCT_CHUNK_DATA, 3, data, sizeof(data));
	CU_ASSERT_EQUAL_FATAL(az.n_flight, 1);
	CU_ASSERT_EQUAL(az_chunk_type(&az, 0, 0), SCT_CHUNK_ABORT);
	CU_ASSERT_EQUAL(az_chunk_flags(&az, 0, 0) & 1, 1);
	CU_ASSERT_EQUAL(az_vtag(&az, 0), 0x4444);
	az_free(&az);
	ootb_to_z(&az, 311, 0x5555, SCT_CHUNK_HEARTBEAT, 0, hb_info, sizeof(hb_info));
	CU_ASSERT_EQUAL_FATAL(az.n_flight, 1);
	CU_ASSERT_EQUAL(az_chunk_type(&az, 0, 0), SCT_CHUNK_ABORT);
	CU_ASSERT_EQUAL(az_vtag(&az, 0), 0x5555);
	az_free(&az);
	ootb_to_z(&az, 312, 0x6666, SCT_CHUNK_ERROR, 0, inval, sizeof(inval));
	CU_ASSERT_EQUAL_FATAL(az.n_flight, 1);
	CU_ASSERT_EQUAL(az_chunk_type(&az, 0, 0), SCT_CHUNK_ABORT);
	az_free(&az);
}

/*
 * RFC 9260 8.5 (ETSI fh-v-5-2): with a wrong tag a packet is dropped; with the right one a
 * HEARTBEAT gets its HEARTBEAT ACK with the info unchanged.
 */
static void rfc9260_8_5_wrong_tag_dropped(void)
{
	struct az az;
	sct_assoc_id a, z = 0;
	struct sct_chunk_iter it;
	struct sct_chunk c;

	az_init(&az, 313);
	a = az_establish(&az, &z);
	CU_ASSERT_NOT_EQUAL_FATAL(a, 0);
	az_inject_chunk(&az, AZ_A, my_tag(&az, AZ_A, a) ^ 1, SCT_CHUNK_HEARTBEAT, 0, hb_info,
			sizeof(hb_info));
	az_collect(&az);
	CU_ASSERT_EQUAL(az.n_flight, 0);
	az_inject_chunk(&az, AZ_A, my_tag(&az, AZ_A, a), SCT_CHUNK_HEARTBEAT, 0, hb_info,
			sizeof(hb_info));
	az_collect(&az);
	CU_ASSERT_EQUAL_FATAL(az.n_flight, 1);
	CU_ASSERT_EQUAL(az_chunk_type(&az, 0, 0), SCT_CHUNK_HEARTBEAT_ACK);
	CU_ASSERT_EQUAL(az_vtag(&az, 0), peer_tag(&az, AZ_A, a));
	sct_chunk_iter_init(&it, az.flight[0]->buf, az.flight[0]->len);
	CU_ASSERT_EQUAL_FATAL(sct_chunk_next(&it, &c), 1);
	CU_ASSERT_EQUAL_FATAL(c.value_len, sizeof(hb_info));
	SCT_ASSERT_BYTES(c.value, hb_info, sizeof(hb_info));
	az_free(&az);
}

/*
 * RFC 9260 8.5.1 A: a packet with tag 0 must hold only an INIT: other chunks are dropped
 * silently, with and without an association; an INIT with a nonzero tag is dropped too.
 */
static void rfc9260_8_5_1_a_tag_zero_only_init(void)
{
	struct az az;
	sct_assoc_id a, z = 0;
	uint8_t init[16] = {0x12, 0x34, 0x56, 0x78, 0, 1, 0, 0, 0, 10, 0, 10, 0, 0, 0, 1};

	az_init(&az, 314);
	a = az_establish(&az, &z);
	CU_ASSERT_NOT_EQUAL_FATAL(a, 0);
	az_inject_chunk(&az, AZ_A, 0, SCT_CHUNK_HEARTBEAT, 0, hb_info, sizeof(hb_info));
	az_collect(&az);
	CU_ASSERT_EQUAL(az.n_flight, 0);
	az_free(&az);
	/* without an association: not even an ABORT */
	ootb_to_z(&az, 315, 0, SCT_CHUNK_HEARTBEAT, 0, hb_info, sizeof(hb_info));
	CU_ASSERT_EQUAL(az.n_flight, 0);
	az_free(&az);
	/* an INIT with a nonzero tag, to a listening endpoint */
	az_init(&az, 316);
	CU_ASSERT_EQUAL(az_inject_chunk(&az, AZ_Z, 0x99, SCT_CHUNK_INIT, 0, init, sizeof(init)), 0);
	az_collect(&az);
	CU_ASSERT_EQUAL(az.n_flight, 0);
	/* the same with tag 0 is answered */
	CU_ASSERT_EQUAL(az_inject_chunk(&az, AZ_Z, 0, SCT_CHUNK_INIT, 0, init, sizeof(init)), 0);
	az_collect(&az);
	CU_ASSERT_EQUAL_FATAL(az.n_flight, 1);
	CU_ASSERT_EQUAL(az_chunk_type(&az, 0, 0), SCT_CHUNK_INIT_ACK);
	CU_ASSERT_EQUAL(az_vtag(&az, 0), 0x12345678);
	az_free(&az);
}

/*
 * RFC 9260 8.5.1 B (ETSI imh-i-3-7): an ABORT is taken with our tag and T clear, or with the
 * peer's tag and T set; any other combination is dropped.
 */
static void rfc9260_8_5_1_b_imh_i_3_7_abort_tags(void)
{
	struct az az;
	sct_assoc_id a, z = 0;
	int k;

	for (k = 0; k < 4; k++) {
		uint32_t tag;
		uint8_t t;
		bool accept;

		az_init(&az, 317 + (uint64_t)k);
		a = az_establish(&az, &z);
		CU_ASSERT_NOT_EQUAL_FATAL(a, 0);
		switch (k) {
		case 0: /* own tag, T clear */
			tag = my_tag(&az, AZ_A, a), t = 0, accept = true;
			break;
		case 1: /* peer's tag, T set */
			tag = peer_tag(&az, AZ_A, a), t = 1, accept = true;
			break;
		case 2: /* peer's tag, T clear */
			tag = peer_tag(&az, AZ_A, a), t = 0, accept = false;
			break;
		default: /* own tag, T set */
			tag = my_tag(&az, AZ_A, a), t = 1, accept = false;
			break;
		}
		az_inject_chunk(&az, AZ_A, tag, SCT_CHUNK_ABORT, t, NULL, 0);
		CU_ASSERT_EQUAL(az_state(&az, AZ_A, a), accept ? SCT_CLOSED : SCT_ESTABLISHED);
		CU_ASSERT_EQUAL(
		    az_find_event(&az, AZ_A, SCT_EV_ASSOC_CHANGE, SCT_COMM_LOST) != NULL, accept);
		az_collect(&az);
		CU_ASSERT_EQUAL(az.n_flight, 0);
		az_free(&az);
	}
	/* a wrong tag altogether */
	az_init(&az, 330);
	a = az_establish(&az, &z);
	az_inject_chunk(&az, AZ_A, 0x5a5a5a5a, SCT_CHUNK_ABORT, 0, NULL, 0);
	CU_ASSERT_EQUAL(az_state(&az, AZ_A, a), SCT_ESTABLISHED);
	az_free(&az);
}

/*
 * RFC 9260 8.5.1 C (ETSI imh-i-3-10): in SHUTDOWN-ACK-SENT a SHUTDOWN COMPLETE with the peer's
 * tag and T set ends the association; one with a wrong tag is dropped.
 */
static void rfc9260_8_5_1_c_imh_i_3_10_shutdown_complete_tags(void)
{
	struct az az;
	sct_assoc_id a, z = 0;

	az_init(&az, 331);
	a = az_establish(&az, &z);
	CU_ASSERT_NOT_EQUAL_FATAL(a, 0);
	sct_assoc_shutdown(az.st[AZ_A], a, az.now);
	az_collect(&az);
	az_deliver(&az, 0);
	az_drop_all(&az);
	CU_ASSERT_EQUAL(az_state(&az, AZ_Z, z), SCT_SHUTDOWN_ACK_SENT);
	az_inject_chunk(&az, AZ_Z, my_tag(&az, AZ_Z, z) ^ 0x100, SCT_CHUNK_SHUTDOWN_COMPLETE, 0,
			NULL, 0);
	CU_ASSERT_EQUAL(az_state(&az, AZ_Z, z), SCT_SHUTDOWN_ACK_SENT);
	az_inject_chunk(&az, AZ_Z, my_tag(&az, AZ_Z, z), SCT_CHUNK_SHUTDOWN_COMPLETE, 1, NULL, 0);
	CU_ASSERT_EQUAL(az_state(&az, AZ_Z, z), SCT_SHUTDOWN_ACK_SENT);
	az_inject_chunk(&az, AZ_Z, peer_tag(&az, AZ_Z, z), SCT_CHUNK_SHUTDOWN_COMPLETE, 1, NULL, 0);
	CU_ASSERT_EQUAL(az_state(&az, AZ_Z, z), SCT_CLOSED);
	az_free(&az);
}

/*
 * RFC 9260 8.5.1 D, 5.1.5 step 3 (ETSI imh-i-3-3): the COOKIE ECHO carries the Initiate Tag of
 * the INIT ACK; one whose packet tag is not the cookie's is dropped.
 */
static void rfc9260_8_5_1_d_imh_i_3_3_cookie_echo_tag(void)
{
	struct az az;
	sct_assoc_id a;
	uint32_t zt;
	uint8_t pkt[AZ_PKT_MAX];
	size_t len;

	az_init(&az, 332);
	a = az_connect(&az);
	az_collect(&az);
	az_deliver(&az, 0);
	az_collect(&az);
	zt = az_itag(&az, 0);
	az_deliver(&az, 0);
	az_collect(&az);
	CU_ASSERT_EQUAL_FATAL(az_chunk_type(&az, 0, 0), SCT_CHUNK_COOKIE_ECHO);
	CU_ASSERT_EQUAL(az_vtag(&az, 0), zt);
	len = az.flight[0]->len;
	memcpy(pkt, az.flight[0]->buf, len);
	sct_put_u32(pkt + 4, zt + 1);
	sct_sctp_crc_set(pkt, len);
	CU_ASSERT_EQUAL(az_inject(&az, AZ_Z, pkt, len), 0);
	az_collect(&az);
	CU_ASSERT_EQUAL(az.n_flight, 1); /* only the real COOKIE ECHO */
	az_poll_events(&az);
	CU_ASSERT_EQUAL(az.n_ev[AZ_Z], 0);
	az_run(&az);
	CU_ASSERT_EQUAL(az_state(&az, AZ_A, a), SCT_ESTABLISHED);
	az_free(&az);
}

/* RFC 9260 8.5.1 E: a SHUTDOWN ACK in COOKIE-ECHOED is out of the blue too. */
static void rfc9260_8_5_1_e_shutdown_ack_in_cookie_echoed(void)
{
	struct az az;
	sct_assoc_id a;

	az_init(&az, 333);
	a = az_connect_to_cookie_echo(&az);
	az_drop_all(&az);
	CU_ASSERT_EQUAL(az_state(&az, AZ_A, a), SCT_COOKIE_ECHOED);
	az_inject_chunk(&az, AZ_A, 0x7777, SCT_CHUNK_SHUTDOWN_ACK, 0, NULL, 0);
	az_collect(&az);
	CU_ASSERT_EQUAL_FATAL(az.n_flight, 1);
	CU_ASSERT_EQUAL(az_chunk_type(&az, 0, 0), SCT_CHUNK_SHUTDOWN_COMPLETE);
	CU_ASSERT_EQUAL(az_chunk_flags(&az, 0, 0) & 1, 1);
	CU_ASSERT_EQUAL(az_vtag(&az, 0), 0x7777);
	CU_ASSERT_EQUAL(az_state(&az, AZ_A, a), SCT_COOKIE_ECHOED);
	az_free(&az);
}

/* RFC 9260 8.5 (ETSI imh-i-3-9): a SHUTDOWN ACK with a wrong tag in SHUTDOWN-SENT is dropped. */
static void rfc9260_8_5_imh_i_3_9_shutdown_ack_wrong_tag(void)
{
	struct az az;
	sct_assoc_id a, z = 0;

	az_init(&az, 334);
	a = az_establish(&az, &z);
	CU_ASSERT_NOT_EQUAL_FATAL(a, 0);
	sct_assoc_shutdown(az.st[AZ_A], a, az.now);
	az_collect(&az);
	az_drop_all(&az);
	az_inject_chunk(&az, AZ_A, my_tag(&az, AZ_A, a) + 1, SCT_CHUNK_SHUTDOWN_ACK, 0, NULL, 0);
	az_collect(&az);
	CU_ASSERT_EQUAL(az.n_flight, 0);
	CU_ASSERT_EQUAL(az_state(&az, AZ_A, a), SCT_SHUTDOWN_SENT);
	az_inject_chunk(&az, AZ_A, my_tag(&az, AZ_A, a), SCT_CHUNK_SHUTDOWN_ACK, 0, NULL, 0);
	CU_ASSERT_EQUAL(az_state(&az, AZ_A, a), SCT_CLOSED);
	az_free(&az);
}

static const struct sct_test ootb_tests[] = {
    SCT_TEST(rfc9260_8_4_1_fh_o_5_3_5_non_unicast),
    SCT_TEST(rfc9260_8_4_2_fh_o_5_3_2_ootb_abort),
    SCT_TEST(rfc9260_8_4_3_init_to_non_listening_endpoint),
    SCT_TEST(rfc9260_8_4_5_fh_o_5_3_3_ootb_shutdown_ack),
    SCT_TEST(rfc9260_8_4_6_fh_o_5_3_4_ootb_shutdown_complete),
    SCT_TEST(rfc9260_8_4_7_ootb_stale_cookie_and_cookie_ack),
    SCT_TEST(rfc9260_8_4_8_fh_o_5_3_1_ootb_data_aborted),
    SCT_TEST_END,
};

static const struct sct_test vtag_tests[] = {
    SCT_TEST(rfc9260_8_5_wrong_tag_dropped),
    SCT_TEST(rfc9260_8_5_imh_i_3_9_shutdown_ack_wrong_tag),
    SCT_TEST(rfc9260_8_5_1_a_tag_zero_only_init),
    SCT_TEST(rfc9260_8_5_1_b_imh_i_3_7_abort_tags),
    SCT_TEST(rfc9260_8_5_1_c_imh_i_3_10_shutdown_complete_tags),
    SCT_TEST(rfc9260_8_5_1_d_imh_i_3_3_cookie_echo_tag),
    SCT_TEST(rfc9260_8_5_1_e_shutdown_ack_in_cookie_echoed),
    SCT_TEST_END,
};

SCT_TEST_MAIN(ootb_tests, vtag_tests)
