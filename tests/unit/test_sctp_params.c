/* SPDX-License-Identifier: MIT */
/* test_sctp_params.c: chunk and parameter checks of setup packets between A and Z (RFC 9260 3.2,
 * 5). */
#include "harness.h"

#include <errno.h>
#include <string.h>

#include "az.h"
#include "wire/chunk.h"
#include "wire/param.h"
#include "wire/sctp_types.h"

static uint32_t my_tag(struct az *az, int side, sct_assoc_id id)
{
	struct sct_assoc_status st;

	return sct_assoc_status(az->st[side], id, &st) == 0 ? st.my_vtag : 0;
}

static uint32_t n_paths(struct az *az, int side, sct_assoc_id id)
{
	struct sct_assoc_status st;

	return sct_assoc_status(az->st[side], id, &st) == 0 ? st.n_paths : 0;
}

/* The value of an INIT or INIT ACK, written as is (so that it may break the rules). */
struct raw_init {
	uint8_t v[1024];
	struct sct_wr w;
};

static void raw_init(struct raw_init *r, uint32_t itag, uint32_t rwnd, uint16_t os, uint16_t mis)
{
	r->w = sct_wr_init(r->v, sizeof(r->v));
	sct_wr_u32(&r->w, itag);
	sct_wr_u32(&r->w, rwnd);
	sct_wr_u16(&r->w, os);
	sct_wr_u16(&r->w, mis);
	sct_wr_u32(&r->w, 1000); /* Initial TSN */
}

static void raw_param(struct raw_init *r, uint16_t type, const void *v, size_t len)
{
	sct_wr_u16(&r->w, type);
	sct_wr_u16(&r->w, (uint16_t)(4 + len));
	if (len)
		sct_wr_bytes(&r->w, v, len);
	sct_wr_pad4(&r->w);
}

static void raw_addr(struct raw_init *r, const char *a)
{
	struct sct_param p = {.type = SCT_PARAM_IPV4};

	sct_addr_parse(&p.u.addr, a);
	sct_param_emit(&r->w, &p);
}

/* Send @r as an INIT from A's address to Z. */
static int send_init(struct az *az, struct raw_init *r)
{
	return az_inject_chunk(az, AZ_Z, 0, SCT_CHUNK_INIT, 0, r->v, r->w.off);
}

/* After Z answered an INIT (flight packet 0), echo its cookie: Z's new association id or 0. */
static sct_assoc_id echo_first_init_ack(struct az *az)
{
	uint8_t ck[2048];
	size_t len = az_take_cookie(az, 0, ck, sizeof(ck));
	uint32_t tag = az_itag(az, 0);
	struct az_bld b;
	struct sct_cookie_echo ce = {.cookie = ck, .cookie_len = len};
	const struct sct_event *e;

	if (!len)
		return 0;
	az_drop_all(az);
	az_bld_start(&b, az->port[AZ_A], az->port[AZ_Z], tag);
	sct_cookie_echo_emit(&b.w, &ce);
	az_send(az, AZ_Z, &b);
	e = az_find_event(az, AZ_Z, SCT_EV_ASSOC_CHANGE, SCT_COMM_UP);
	return e ? e->assoc : 0;
}

/* The parameters of the INIT ACK in flight packet 0. */
static int init_ack_params(struct az *az, struct sct_init *ack, struct sct_init_params *ip)
{
	struct sct_chunk_iter it;
	struct sct_chunk c;

	if (!az->n_flight)
		return -1;
	sct_chunk_iter_init(&it, az->flight[0]->buf, az->flight[0]->len);
	if (sct_chunk_next(&it, &c) != 1 || c.type != SCT_CHUNK_INIT_ACK)
		return -1;
	if (sct_init_ack_parse(&c, ack) != 0)
		return -1;
	return sct_init_params_parse(ack->params, ack->params_len, true, ip);
}

/*
 * RFC 9260 3.2: an unrecognized chunk type follows its upper two bits: 00 stop, 01 stop and
 * report, 10 skip, 11 skip and report ("Unrecognized Chunk Type" in an ERROR).  A HEARTBEAT after
 * it shows whether processing went on.
 */
static void rfc9260_3_2_unknown_chunk_actions(void)
{
	static const uint8_t types[4] = {0x3e, 0x7e, 0xbe, 0xfe};
	static const uint8_t hb[8] = {0, 1, 0, 8, 1, 2, 3, 4};
	int k;

	for (k = 0; k < 4; k++) {
		struct az az;
		sct_assoc_id a, z = 0;
		struct az_bld b;
		bool skip = types[k] & 0x80, report = types[k] & 0x40;
		uint8_t junk[4] = {9, 9, 9, 9};

		az_init(&az, 401 + (uint64_t)k);
		a = az_establish(&az, &z);
		CU_ASSERT_NOT_EQUAL_FATAL(a, 0);
		az_bld_start(&b, az.port[AZ_Z], az.port[AZ_A], my_tag(&az, AZ_A, a));
		az_bld_raw_chunk(&b, types[k], 0, junk, sizeof(junk));
		az_bld_raw_chunk(&b, SCT_CHUNK_HEARTBEAT, 0, hb, sizeof(hb));
		CU_ASSERT_EQUAL(az_send(&az, AZ_A, &b), 0);
		az_collect(&az);
		CU_ASSERT_EQUAL(az_count_chunk(&az, AZ_A, SCT_CHUNK_HEARTBEAT_ACK), skip ? 1 : 0);
		CU_ASSERT_EQUAL(az_count_chunk(&az, AZ_A, SCT_CHUNK_ERROR), report ? 1 : 0);
		if (report) {
			size_t i;
			int n;

			for (i = 0; i < az.n_flight; i++)
				for (n = 0; az_chunk_type(&az, i, n) >= 0; n++)
					if (az_chunk_type(&az, i, n) == SCT_CHUNK_ERROR)
						CU_ASSERT_EQUAL(az_cause(&az, i, n),
								SCT_CAUSE_UNRECOGNIZED_CHUNK);
		}
		CU_ASSERT_EQUAL(az_state(&az, AZ_A, a), SCT_ESTABLISHED);
		az_free(&az);
	}
}

/*
 * RFC 9260 3.2.1, 3.2.2 (ETSI as-i-1-8-1..4): unrecognized parameters in an INIT: an INIT ACK in
 * all four cases; 01 and 11 are reported in Unrecognized Parameter parameters of the INIT ACK;
 * 00 and 01 stop processing, so an address after them is not taken.
 */
static void rfc9260_3_2_1_as_i_1_8_unknown_init_params(void)
{
	static const uint16_t types[4] = {0x3123, 0x7123, 0xb123, 0xf123};
	int k;

	for (k = 0; k < 4; k++) {
		struct az az;
		struct raw_init r;
		struct sct_init ack;
		static struct sct_init_params ip;
		bool skip = types[k] & 0x8000, report = types[k] & 0x4000;
		uint8_t v[4] = {1, 2, 3, 4};
		sct_assoc_id z;

		az_init(&az, 410 + (uint64_t)k);
		raw_init(&r, 0xcafe0000u + (uint32_t)k, 65536, 10, 10);
		raw_param(&r, types[k], v, sizeof(v));
		raw_addr(&r, "10.0.0.7");
		CU_ASSERT_EQUAL(send_init(&az, &r), 0);
		az_collect(&az);
		CU_ASSERT_EQUAL_FATAL(az.n_flight, 1);
		CU_ASSERT_EQUAL_FATAL(az_chunk_type(&az, 0, 0), SCT_CHUNK_INIT_ACK);
		CU_ASSERT_EQUAL_FATAL(init_ack_params(&az, &ack, &ip), 0);
		CU_ASSERT_EQUAL(ip.n_peer_unrec, report ? 1 : 0);
		if (ip.n_peer_unrec)
			CU_ASSERT_EQUAL(sct_get_u16(ip.peer_unrec[0].p), types[k]);
		z = echo_first_init_ack(&az);
		CU_ASSERT_NOT_EQUAL_FATAL(z, 0);
		CU_ASSERT_EQUAL(n_paths(&az, AZ_Z, z), skip ? 2 : 1);
		az_free(&az);
	}
}

/*
 * RFC 9260 3.3.2, 5.1 (ETSI as-i-1-7-2): an INIT with OS 0, MIS 0 or a_rwnd below 1500 gets an
 * ABORT with an Invalid Mandatory Parameter cause and the Initiate Tag as vtag.
 */
static void rfc9260_3_3_2_as_i_1_7_2_invalid_init_fields(void)
{
	static const struct {
		uint32_t rwnd;
		uint16_t os, mis;
	} bad[3] = {{65536, 0, 10}, {65536, 10, 0}, {1499, 10, 10}};
	int k;

	for (k = 0; k < 3; k++) {
		struct az az;
		struct raw_init r;

		az_init(&az, 420 + (uint64_t)k);
		raw_init(&r, 0xabc00000u + (uint32_t)k, bad[k].rwnd, bad[k].os, bad[k].mis);
		send_init(&az, &r);
		az_collect(&az);
		CU_ASSERT_EQUAL_FATAL(az.n_flight, 1);
		CU_ASSERT_EQUAL(az_chunk_type(&az, 0, 0), SCT_CHUNK_ABORT);
		CU_ASSERT_EQUAL(az_chunk_flags(&az, 0, 0) & 1, 0);
		CU_ASSERT_EQUAL(az_vtag(&az, 0), 0xabc00000u + (uint32_t)k);
		CU_ASSERT_EQUAL(az_cause(&az, 0, 0), SCT_CAUSE_INVALID_PARAM);
		az_free(&az);
	}
}

/* RFC 9260 3.3.2 (ETSI as-i-1-14-1): an INIT with Initiate Tag 0 is silently discarded. */
static void rfc9260_3_3_2_as_i_1_14_1_init_tag_zero(void)
{
	struct az az;
	struct raw_init r;

	az_init(&az, 430);
	raw_init(&r, 0, 65536, 10, 10);
	send_init(&az, &r);
	az_collect(&az);
	CU_ASSERT_EQUAL(az.n_flight, 0);
	az_free(&az);
}

/* A in COOKIE-WAIT (its INIT lost) receives the INIT ACK @r from Z. */
static sct_assoc_id init_ack_to_a(struct az *az, uint64_t seed, struct raw_init *r)
{
	sct_assoc_id a;

	az_init(az, seed);
	a = az_connect(az);
	az_collect(az);
	az_drop_all(az);
	az_inject_chunk(az, AZ_A, my_tag(az, AZ_A, a), SCT_CHUNK_INIT_ACK, 0, r->v, r->w.off);
	az_collect(az);
	return a;
}

static const uint8_t fake_cookie[16] = "cookie-of-Z....";

/*
 * RFC 9260 3.3.3, 5.1 (ETSI e-i-6-4): an INIT ACK without a State Cookie: the attempt ends
 * with an ABORT carrying Missing Mandatory Parameter (State Cookie), vtag = its Initiate Tag.
 */
static void rfc9260_5_1_e_i_6_4_init_ack_without_cookie(void)
{
	struct az az;
	struct raw_init r;
	sct_assoc_id a;

	raw_init(&r, 0x0e0e0e0e, 65536, 10, 10);
	a = init_ack_to_a(&az, 431, &r);
	CU_ASSERT_EQUAL_FATAL(az.n_flight, 1);
	CU_ASSERT_EQUAL(az_chunk_type(&az, 0, 0), SCT_CHUNK_ABORT);
	CU_ASSERT_EQUAL(az_vtag(&az, 0), 0x0e0e0e0e);
	CU_ASSERT_EQUAL(az_cause(&az, 0, 0), SCT_CAUSE_MISSING_PARAM);
	CU_ASSERT_EQUAL(az_state(&az, AZ_A, a), SCT_CLOSED);
	CU_ASSERT_PTR_NOT_NULL(az_find_event(&az, AZ_A, SCT_EV_ASSOC_CHANGE, SCT_CANT_STR_ASSOC));
	az_free(&az);
}

/*
 * RFC 9260 3.3.3 (ETSI as-i-1-14-2, as-i-1-7-4): an INIT ACK with Initiate Tag 0 or with zero
 * outbound streams destroys the association.
 */
static void rfc9260_3_3_3_as_i_1_14_2_init_ack_tag_zero_or_no_streams(void)
{
	struct az az;
	struct raw_init r;
	sct_assoc_id a;

	raw_init(&r, 0, 65536, 10, 10);
	raw_param(&r, SCT_PARAM_STATE_COOKIE, fake_cookie, sizeof(fake_cookie));
	a = init_ack_to_a(&az, 432, &r);
	CU_ASSERT_EQUAL(az_state(&az, AZ_A, a), SCT_CLOSED);
	CU_ASSERT_EQUAL(az_count_chunk(&az, AZ_A, SCT_CHUNK_COOKIE_ECHO), 0);
	az_free(&az);

	raw_init(&r, 0x0f0f0f0f, 65536, 0, 10);
	raw_param(&r, SCT_PARAM_STATE_COOKIE, fake_cookie, sizeof(fake_cookie));
	a = init_ack_to_a(&az, 433, &r);
	CU_ASSERT_EQUAL(az_state(&az, AZ_A, a), SCT_CLOSED);
	CU_ASSERT_EQUAL(az_count_chunk(&az, AZ_A, SCT_CHUNK_COOKIE_ECHO), 0);
	CU_ASSERT_EQUAL_FATAL(az.n_flight, 1);
	CU_ASSERT_EQUAL(az_chunk_type(&az, 0, 0), SCT_CHUNK_ABORT);
	CU_ASSERT_EQUAL(az_vtag(&az, 0), 0x0f0f0f0f);
	CU_ASSERT_EQUAL(az_cause(&az, 0, 0), SCT_CAUSE_INVALID_PARAM);
	az_free(&az);
}

/*
 * RFC 9260 5.1.1 (ETSI as-v-1-7-3, as-v-1-7-5): an INIT ACK with MIS 2 below our OS 10: we use
 * 2 outbound streams; the cookie goes back unchanged, with the Initiate Tag as vtag.
 */
static void rfc9260_5_1_1_as_v_1_7_3_init_ack_fewer_streams(void)
{
	struct az az;
	struct raw_init r;
	sct_assoc_id a;
	struct sct_assoc_status st;
	struct sct_chunk_iter it;
	struct sct_chunk c;
	struct sct_cookie_echo ce = {0};

	raw_init(&r, 0x0d0d0d0d, 65536, 2, 2);
	raw_param(&r, SCT_PARAM_STATE_COOKIE, fake_cookie, sizeof(fake_cookie));
	a = init_ack_to_a(&az, 434, &r);
	CU_ASSERT_EQUAL(sct_assoc_status(az.st[AZ_A], a, &st), 0);
	CU_ASSERT_EQUAL(st.state, SCT_COOKIE_ECHOED);
	CU_ASSERT_EQUAL(st.os, 2);
	CU_ASSERT_EQUAL(st.is, 2);
	CU_ASSERT_EQUAL_FATAL(az.n_flight, 1);
	CU_ASSERT_EQUAL(az_vtag(&az, 0), 0x0d0d0d0d);
	sct_chunk_iter_init(&it, az.flight[0]->buf, az.flight[0]->len);
	CU_ASSERT_EQUAL_FATAL(sct_chunk_next(&it, &c), 1);
	CU_ASSERT_EQUAL_FATAL(sct_cookie_echo_parse(&c, &ce), 0);
	CU_ASSERT_EQUAL_FATAL(ce.cookie_len, sizeof(fake_cookie));
	SCT_ASSERT_BYTES(ce.cookie, fake_cookie, sizeof(fake_cookie));
	az_free(&az);
}

/* RFC 9260 5.1.1 (ETSI as-v-1-7-1): an INIT with MIS 2 below Z's OS: Z uses 2 outbound streams. */
static void rfc9260_5_1_1_as_v_1_7_1_init_fewer_streams(void)
{
	struct az az;
	struct raw_init r;
	sct_assoc_id z;
	struct sct_assoc_status st;

	az_init(&az, 435);
	raw_init(&r, 0x0c0c0c0c, 65536, 2, 2);
	send_init(&az, &r);
	az_collect(&az);
	z = echo_first_init_ack(&az);
	CU_ASSERT_NOT_EQUAL_FATAL(z, 0);
	CU_ASSERT_EQUAL(sct_assoc_status(az.st[AZ_Z], z, &st), 0);
	CU_ASSERT_EQUAL(st.os, 2);
	CU_ASSERT_EQUAL(st.is, 2);
	CU_ASSERT_EQUAL(st.peer_vtag, 0x0c0c0c0c);
	az_free(&az);
}

/*
 * RFC 9260 3.2.1, 3.3.3 (ETSI e-i-6-5, as-v-1-6-2): an INIT ACK with an unrecognized parameter
 * (upper bits 11): the COOKIE ECHO goes first and an ERROR with Unrecognized Parameters follows in
 * the same packet.
 */
static void rfc9260_3_2_1_e_i_6_5_init_ack_unknown_param(void)
{
	struct az az;
	struct raw_init r;
	sct_assoc_id a;
	uint8_t v[4] = {4, 3, 2, 1};

	raw_init(&r, 0x0b0b0b0b, 65536, 10, 10);
	raw_param(&r, 0xf456, v, sizeof(v));
	raw_param(&r, SCT_PARAM_STATE_COOKIE, fake_cookie, sizeof(fake_cookie));
	a = init_ack_to_a(&az, 436, &r);
	CU_ASSERT_EQUAL(az_state(&az, AZ_A, a), SCT_COOKIE_ECHOED);
	CU_ASSERT_EQUAL_FATAL(az.n_flight, 1);
	CU_ASSERT_EQUAL(az_chunk_type(&az, 0, 0), SCT_CHUNK_COOKIE_ECHO);
	CU_ASSERT_EQUAL(az_chunk_type(&az, 0, 1), SCT_CHUNK_ERROR);
	CU_ASSERT_EQUAL(az_cause(&az, 0, 1), SCT_CAUSE_UNRECOGNIZED_PARAMS);
	az_free(&az);
}

/*
 * RFC 9260 5.1.5 (ETSI e-i-6-6): a COOKIE ECHO bundled with an ERROR (Unrecognized Parameters)
 * sets the association up; the ERROR goes to the application.
 */
static void rfc9260_5_1_5_e_i_6_6_cookie_echo_with_error(void)
{
	struct az az;
	struct raw_init r;
	uint8_t ck[2048];
	size_t len;
	uint32_t tag;
	struct az_bld b;
	struct sct_cookie_echo ce = {0};
	static const uint8_t err[12] = {
	    0, SCT_CAUSE_UNRECOGNIZED_PARAMS, 0, 12, 0xf4, 0x56, 0, 8, 1, 2, 3, 4};

	az_init(&az, 437);
	raw_init(&r, 0x0a0a0a0a, 65536, 10, 10);
	send_init(&az, &r);
	az_collect(&az);
	len = az_take_cookie(&az, 0, ck, sizeof(ck));
	tag = az_itag(&az, 0);
	CU_ASSERT_FATAL(len > 0);
	az_drop_all(&az);
	ce.cookie = ck;
	ce.cookie_len = len;
	az_bld_start(&b, az.port[AZ_A], az.port[AZ_Z], tag);
	sct_cookie_echo_emit(&b.w, &ce);
	az_bld_raw_chunk(&b, SCT_CHUNK_ERROR, 0, err, sizeof(err));
	CU_ASSERT_EQUAL(az_send(&az, AZ_Z, &b), 0);
	CU_ASSERT_PTR_NOT_NULL(az_find_event(&az, AZ_Z, SCT_EV_ASSOC_CHANGE, SCT_COMM_UP));
	CU_ASSERT_PTR_NOT_NULL(az_find_event(&az, AZ_Z, SCT_EV_REMOTE_ERROR, -1));
	az_collect(&az);
	CU_ASSERT_EQUAL_FATAL(az.n_flight, 1);
	CU_ASSERT_EQUAL(az_chunk_type(&az, 0, 0), SCT_CHUNK_COOKIE_ACK);
	az_free(&az);
}

/*
 * RFC 9260 5.1.2 B (ETSI as-v-1-12-1, as-i-1-12-2): a Host Name Address in an INIT or an INIT
 * ACK is answered with an ABORT carrying Unresolvable Address.
 */
static void rfc9260_5_1_2_b_as_v_1_12_host_name(void)
{
	struct az az;
	struct raw_init r;
	sct_assoc_id a;
	static const char host[8] = "peer.z";

	az_init(&az, 440);
	raw_init(&r, 0x09090909, 65536, 10, 10);
	raw_param(&r, SCT_PARAM_HOST_NAME, host, sizeof(host));
	send_init(&az, &r);
	az_collect(&az);
	CU_ASSERT_EQUAL_FATAL(az.n_flight, 1);
	CU_ASSERT_EQUAL(az_chunk_type(&az, 0, 0), SCT_CHUNK_ABORT);
	CU_ASSERT_EQUAL(az_vtag(&az, 0), 0x09090909);
	CU_ASSERT_EQUAL(az_cause(&az, 0, 0), SCT_CAUSE_UNRESOLVABLE_ADDR);
	az_free(&az);

	raw_init(&r, 0x08080808, 65536, 10, 10);
	raw_param(&r, SCT_PARAM_HOST_NAME, host, sizeof(host));
	raw_param(&r, SCT_PARAM_STATE_COOKIE, fake_cookie, sizeof(fake_cookie));
	a = init_ack_to_a(&az, 441, &r);
	CU_ASSERT_EQUAL_FATAL(az.n_flight, 1);
	CU_ASSERT_EQUAL(az_chunk_type(&az, 0, 0), SCT_CHUNK_ABORT);
	CU_ASSERT_EQUAL(az_vtag(&az, 0), 0x08080808);
	CU_ASSERT_EQUAL(az_cause(&az, 0, 0), SCT_CAUSE_UNRESOLVABLE_ADDR);
	CU_ASSERT_EQUAL(az_state(&az, AZ_A, a), SCT_CLOSED);
	az_free(&az);
}

/*
 * RFC 9260 5.1.2 (ETSI as-v-1-13-1, as-i-1-13-2): Supported Address Types: IPv4 listed, or only
 * IPv6 listed while the INIT came over IPv4 (the family used counts as supported): an INIT ACK,
 * no error either way.
 */
static void rfc9260_5_1_2_as_v_1_13_supported_address_types(void)
{
	static const uint8_t v4[4] = {0, SCT_PARAM_IPV4, 0, 0}, v6[4] = {0, SCT_PARAM_IPV6, 0, 0};
	int k;

	for (k = 0; k < 2; k++) {
		struct az az;
		struct raw_init r;

		az_init(&az, 442 + (uint64_t)k);
		raw_init(&r, 0x07070707, 65536, 10, 10);
		raw_param(&r, SCT_PARAM_SUPPORTED_ADDR_TYPES, k ? v6 : v4, 2);
		send_init(&az, &r);
		az_collect(&az);
		CU_ASSERT_EQUAL_FATAL(az.n_flight, 1);
		CU_ASSERT_EQUAL(az_chunk_type(&az, 0, 0), SCT_CHUNK_INIT_ACK);
		CU_ASSERT_NOT_EQUAL(echo_first_init_ack(&az), 0);
		az_free(&az);
	}
}

/*
 * RFC 9260 5.1.2 A, C (ETSI as-v-1-10-1, as-v-1-11-1, as-v-1-10-2, as-v-1-11-2): the addresses
 * of an INIT or INIT ACK and its source address become the paths; without any, the source only.
 */
static void rfc9260_5_1_2_as_v_1_11_addresses_become_paths(void)
{
	struct az az;
	struct raw_init r;
	sct_assoc_id z, a;

	az_init(&az, 444);
	raw_init(&r, 0x06060606, 65536, 10, 10);
	send_init(&az, &r);
	az_collect(&az);
	z = echo_first_init_ack(&az);
	CU_ASSERT_EQUAL(n_paths(&az, AZ_Z, z), 1);
	az_free(&az);

	az_init(&az, 445);
	raw_init(&r, 0x06060607, 65536, 10, 10);
	raw_addr(&r, "10.0.0.1");
	raw_addr(&r, "10.0.0.11");
	raw_addr(&r, "10.0.0.12");
	send_init(&az, &r);
	az_collect(&az);
	z = echo_first_init_ack(&az);
	CU_ASSERT_EQUAL(n_paths(&az, AZ_Z, z), 3);
	az_free(&az);

	raw_init(&r, 0x06060608, 65536, 10, 10);
	raw_param(&r, SCT_PARAM_STATE_COOKIE, fake_cookie, sizeof(fake_cookie));
	a = init_ack_to_a(&az, 446, &r);
	CU_ASSERT_EQUAL(n_paths(&az, AZ_A, a), 1);
	az_free(&az);

	raw_init(&r, 0x06060609, 65536, 10, 10);
	raw_addr(&r, "10.0.0.21");
	raw_param(&r, SCT_PARAM_STATE_COOKIE, fake_cookie, sizeof(fake_cookie));
	a = init_ack_to_a(&az, 447, &r);
	CU_ASSERT_EQUAL(n_paths(&az, AZ_A, a), 2);
	az_free(&az);
}

/*
 * RFC 9260 5.1.2 D: an INIT from an unknown source that lists an address of an existing
 * association belongs to that association (here: it would add an address, so 5.2.2 ABORT).
 */
static void rfc9260_5_1_2_d_init_listing_known_address(void)
{
	struct az az;
	sct_assoc_id a, z = 0;
	struct raw_init r;
	struct sct_addr other;
	struct az_bld b;
	size_t n;

	az_init(&az, 448);
	a = az_establish(&az, &z);
	CU_ASSERT_NOT_EQUAL_FATAL(a, 0);
	raw_init(&r, 0x05050505, 65536, 10, 10);
	raw_addr(&r, "10.0.0.1");
	az_bld_start(&b, az.port[AZ_A], az.port[AZ_Z], 0);
	az_bld_raw_chunk(&b, SCT_CHUNK_INIT, 0, r.v, r.w.off);
	n = az_bld_finish(&b);
	sct_addr_parse(&other, "10.0.0.5");
	az_inject_from(&az, AZ_Z, &other, b.buf, n);
	az_collect(&az);
	CU_ASSERT_EQUAL_FATAL(az.n_flight, 1);
	CU_ASSERT_EQUAL(az_chunk_type(&az, 0, 0), SCT_CHUNK_ABORT);
	CU_ASSERT_EQUAL(az_cause(&az, 0, 0), SCT_CAUSE_RESTART_NEW_ADDRS);
	CU_ASSERT_EQUAL(az_state(&az, AZ_Z, z), SCT_ESTABLISHED);
	az_free(&az);
}

/* RFC 9260 6.8 (ETSI imh-i-3-4): an INIT with a bad CRC32c is dropped. */
static void rfc9260_6_8_imh_i_3_4_bad_crc(void)
{
	struct az az;
	struct raw_init r;
	struct az_bld b;
	size_t n;

	az_init(&az, 450);
	raw_init(&r, 0x04040404, 65536, 10, 10);
	az_bld_start(&b, az.port[AZ_A], az.port[AZ_Z], 0);
	az_bld_raw_chunk(&b, SCT_CHUNK_INIT, 0, r.v, r.w.off);
	n = az_bld_finish(&b);
	b.buf[8] ^= 0x01;
	CU_ASSERT_NOT_EQUAL(az_inject(&az, AZ_Z, b.buf, n), 0);
	az_collect(&az);
	CU_ASSERT_EQUAL(az.n_flight, 0);
	az_free(&az);
}

/*
 * RFC 9260 5.1.5 steps 1-2 (ETSI imh-i-3-5, dm-o-4-8): a COOKIE ECHO whose cookie fails the MAC
 * is silently discarded, with no association and with one.
 */
static void rfc9260_5_1_5_imh_i_3_5_tampered_cookie(void)
{
	struct az az;
	sct_assoc_id a, z = 0;
	uint8_t pkt[AZ_PKT_MAX];
	size_t len;

	az_init(&az, 451);
	a = az_connect_to_cookie_echo(&az);
	CU_ASSERT_EQUAL_FATAL(az_chunk_type(&az, 0, 0), SCT_CHUNK_COOKIE_ECHO);
	len = az.flight[0]->len;
	memcpy(pkt, az.flight[0]->buf, len);
	pkt[len / 2 + 8] ^= 0x40; /* inside the cookie */
	sct_sctp_crc_set(pkt, len);
	CU_ASSERT_EQUAL(az_inject(&az, AZ_Z, pkt, len), 0);
	az_poll_events(&az);
	CU_ASSERT_EQUAL(az.n_ev[AZ_Z], 0);
	az_collect(&az);
	CU_ASSERT_EQUAL(az.n_flight, 1); /* the real COOKIE ECHO only */
	az_run(&az);
	CU_ASSERT_EQUAL(az_state(&az, AZ_A, a), SCT_ESTABLISHED);
	z = az_find_event(&az, AZ_Z, SCT_EV_ASSOC_CHANGE, SCT_COMM_UP)->assoc;
	/* dm-o-4-8: the same in ESTABLISHED */
	az_clear_events(&az);
	CU_ASSERT_EQUAL(az_inject(&az, AZ_Z, pkt, len), 0);
	az_collect(&az);
	CU_ASSERT_EQUAL(az.n_flight, 0);
	az_poll_events(&az);
	CU_ASSERT_EQUAL(az.n_ev[AZ_Z], 0);
	CU_ASSERT_EQUAL(az_state(&az, AZ_Z, z), SCT_ESTABLISHED);
	az_free(&az);
}

/*
 * RFC 9260 3.3.2, 3.3.3, 6.10 (ETSI imh-i-3-1, imh-i-3-2, imh-i-3-8): an INIT shorter than its
 * fixed fields, an INIT ACK likewise, and a chunk longer than its packet are dropped.
 */
static void rfc9260_3_3_2_imh_i_3_1_short_init(void)
{
	struct az az;
	struct raw_init r;
	sct_assoc_id a;
	struct az_bld b;
	size_t n;

	az_init(&az, 452);
	raw_init(&r, 0x03030303, 65536, 10, 10);
	az_inject_chunk(&az, AZ_Z, 0, SCT_CHUNK_INIT, 0, r.v, 12);
	az_collect(&az);
	CU_ASSERT_EQUAL(az.n_flight, 0);
	/* imh-i-3-8: the chunk claims more than the packet holds */
	az_bld_start(&b, az.port[AZ_A], az.port[AZ_Z], 0);
	az_bld_raw_chunk(&b, SCT_CHUNK_INIT, 0, r.v, r.w.off);
	n = az_bld_finish(&b);
	sct_put_u16(b.buf + 14, (uint16_t)(4 + r.w.off + 40));
	sct_sctp_crc_set(b.buf, n);
	CU_ASSERT_NOT_EQUAL(az_inject(&az, AZ_Z, b.buf, n), 0);
	az_collect(&az);
	CU_ASSERT_EQUAL(az.n_flight, 0);
	az_free(&az);

	/* imh-i-3-2 */
	raw_init(&r, 0x03030304, 65536, 10, 10);
	r.w.off = 10;
	a = init_ack_to_a(&az, 453, &r);
	CU_ASSERT_EQUAL(az.n_flight, 0);
	CU_ASSERT_EQUAL(az_state(&az, AZ_A, a), SCT_COOKIE_WAIT);
	az_free(&az);
}

/* RFC 9260 5.3.1 (ETSI as-v-1-5-1, as-v-1-5-2): Initiate Tags are random and nonzero. */
static void rfc9260_5_3_1_as_v_1_5_random_tags(void)
{
	struct az az;
	uint32_t tags[8];
	int i, j;

	az_init(&az, 454);
	for (i = 0; i < 4; i++) {
		struct sct_ep_cfg ec = {.port = (uint16_t)(3000 + i)};

		sct_ep_create(az.st[AZ_A], &ec, &az.ep[AZ_A]);
		az_connect(&az);
	}
	az_collect(&az);
	CU_ASSERT_EQUAL_FATAL(az.n_flight, 4);
	for (i = 0; i < 4; i++) {
		tags[i] = az_itag(&az, 0);
		az_deliver(&az, 0);
	}
	az_collect(&az);
	CU_ASSERT_EQUAL_FATAL(az.n_flight, 4);
	for (i = 0; i < 4; i++)
		tags[4 + i] = az_itag(&az, (size_t)i);
	for (i = 0; i < 8; i++) {
		CU_ASSERT_NOT_EQUAL(tags[i], 0);
		for (j = 0; j < i; j++)
			CU_ASSERT_NOT_EQUAL(tags[i], tags[j]);
	}
	az_free(&az);
}

static const struct sct_test chunk_tests[] = {
    SCT_TEST(rfc9260_3_2_unknown_chunk_actions),
    SCT_TEST(rfc9260_6_8_imh_i_3_4_bad_crc),
    SCT_TEST(rfc9260_3_3_2_imh_i_3_1_short_init),
    SCT_TEST(rfc9260_5_1_5_imh_i_3_5_tampered_cookie),
    SCT_TEST(rfc9260_5_1_5_e_i_6_6_cookie_echo_with_error),
    SCT_TEST(rfc9260_5_3_1_as_v_1_5_random_tags),
    SCT_TEST_END,
};

static const struct sct_test init_tests[] = {
    SCT_TEST(rfc9260_3_2_1_as_i_1_8_unknown_init_params),
    SCT_TEST(rfc9260_3_3_2_as_i_1_7_2_invalid_init_fields),
    SCT_TEST(rfc9260_3_3_2_as_i_1_14_1_init_tag_zero),
    SCT_TEST(rfc9260_5_1_1_as_v_1_7_1_init_fewer_streams),
    SCT_TEST(rfc9260_5_1_2_b_as_v_1_12_host_name),
    SCT_TEST(rfc9260_5_1_2_as_v_1_13_supported_address_types),
    SCT_TEST(rfc9260_5_1_2_as_v_1_11_addresses_become_paths),
    SCT_TEST(rfc9260_5_1_2_d_init_listing_known_address),
    SCT_TEST_END,
};

static const struct sct_test init_ack_tests[] = {
    SCT_TEST(rfc9260_5_1_e_i_6_4_init_ack_without_cookie),
    SCT_TEST(rfc9260_3_3_3_as_i_1_14_2_init_ack_tag_zero_or_no_streams),
    SCT_TEST(rfc9260_5_1_1_as_v_1_7_3_init_ack_fewer_streams),
    SCT_TEST(rfc9260_3_2_1_e_i_6_5_init_ack_unknown_param),
    SCT_TEST_END,
};

SCT_TEST_MAIN(chunk_tests, init_tests, init_ack_tests)
