/* SPDX-License-Identifier: MIT */
/* test_wire_param.c: SCTP parameters, INIT/ASCONF/RE-CONFIG areas and error causes. */
#include "harness.h"

#include <stdio.h>
#include <string.h>

#include "common/addr.h"
#include "common/cursor.h"
#include "wire/cause.h"
#include "wire/param.h"
#include "wire/wire_err.h"

/*
 * Parameter area of the INIT that usrsctp 0.9.5 (Debian libusrsctp-examples,
 * `client 127.0.0.1 9 0 9900 9899` against `discard_server 9899 9900`, UDP
 * encapsulation on lo) sent; the 16 fixed bytes of the INIT are left out.
 * tshark 4.x dissection:
 *   ECN parameter, length 4
 *   Forward TSN supported parameter, length 4
 *   Supported Extensions (FORWARD_TSN, AUTH, ASCONF, ASCONF_ACK, RE_CONFIG), length 9, pad 000000
 *   Random parameter, length 36, f7cac0861ff234cec313c6f66f485b6953f10b5f3244641c461606937b0015d9
 *   Requested HMAC Algorithm parameter (SHA-1), length 6, pad 0000
 *   Authenticated Chunk list parameter (ASCONF_ACK, ASCONF), length 6, pad 0000
 *   Supported address types parameter (IPv4, IPv6), length 8
 *   IPv6 address parameter fd00::2
 *   IPv4 address parameter 192.0.2.2
 *   IPv6 address parameter ::1
 *   IPv4 address parameter 127.0.0.1
 */
static const char usrsctp_init_area[] = "80 00 00 04 c0 00 00 04 80 08 00 09 c0 0f c1 80"
					"82 00 00 00 80 02 00 24 f7 ca c0 86 1f f2 34 ce"
					"c3 13 c6 f6 6f 48 5b 69 53 f1 0b 5f 32 44 64 1c"
					"46 16 06 93 7b 00 15 d9 80 04 00 06 00 01 00 00"
					"80 03 00 06 80 c1 00 00 00 0c 00 08 00 05 00 06"
					"00 06 00 14 fd 00 00 00 00 00 00 00 00 00 00 00"
					"00 00 00 02 00 05 00 08 c0 00 02 02 00 06 00 14"
					"00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 01"
					"00 05 00 08 7f 00 00 01";

/*
 * The INIT ACK answering it (same capture): the same parameters without
 * Supported address types, then "State cookie parameter (Cookie length: 436
 * bytes)", the last parameter (cookie bytes shortened to their head here would
 * change the length, so the whole 440-byte TLV is kept).
 */
static const char usrsctp_init_ack_area[] = "80 00 00 04 c0 00 00 04 80 08 00 09 c0 0f c1 80"
					    "82 00 00 00 80 02 00 24 6e f4 21 2a 0c 73 10 f3"
					    "a5 6c bf 3f 00 2d 3c cf 67 c2 6f 68 f5 b4 98 ca"
					    "2a 15 80 ff b1 2f 19 90 80 04 00 06 00 01 00 00"
					    "80 03 00 06 80 c1 00 00 00 06 00 14 fd 00 00 00"
					    "00 00 00 00 00 00 00 00 00 00 00 02 00 05 00 08"
					    "c0 00 02 02 00 06 00 14 00 00 00 00 00 00 00 00"
					    "00 00 00 00 00 00 00 01 00 05 00 08 7f 00 00 01"
					    "00 07 01 b8 4b 41 4d 45 2d 42 53 44 20 31 2e 31"
					    "00 00 00 00 09 70 08 6b 00 00 00 00 49 58 09 00"
					    "00 00 00 00 60 ea 00 00 00 00 00 00 00 00 00 00"
					    "f7 ed 7e d0 9f 1e 0e fc 7f 00 00 01 00 00 00 00"
					    "00 00 00 00 00 00 00 00 05 00 00 00 7f 00 00 01"
					    "00 00 00 00 00 00 00 00 00 00 00 00 05 00 00 00"
					    "00 00 00 00 f3 64 00 09 01 01 00 00 01 01 01 00"
					    "00 00 00 00 01 00 00 9c d0 7e ed f7 00 02 00 00"
					    "00 0a 08 00 6e a8 fe c5 80 00 00 04 c0 00 00 04"
					    "80 08 00 09 c0 0f c1 80 82 00 00 00 80 02 00 24"
					    "f7 ca c0 86 1f f2 34 ce c3 13 c6 f6 6f 48 5b 69"
					    "53 f1 0b 5f 32 44 64 1c 46 16 06 93 7b 00 15 d9"
					    "80 04 00 06 00 01 00 00 80 03 00 06 80 c1 00 00"
					    "00 0c 00 08 00 05 00 06 00 06 00 14 fd 00 00 00"
					    "00 00 00 00 00 00 00 00 00 00 00 02 00 05 00 08"
					    "c0 00 02 02 00 06 00 14 00 00 00 00 00 00 00 00"
					    "00 00 00 00 00 00 00 01 00 05 00 08 7f 00 00 01"
					    "02 00 02 4c 9f 1e 0e fc 00 02 00 00 00 0a 08 00"
					    "94 c4 11 e8 80 00 00 04 c0 00 00 04 80 08 00 09"
					    "c0 0f c1 80 82 00 00 00 80 02 00 24 6e f4 21 2a"
					    "0c 73 10 f3 a5 6c bf 3f 00 2d 3c cf 67 c2 6f 68"
					    "f5 b4 98 ca 2a 15 80 ff b1 2f 19 90 80 04 00 06"
					    "00 01 00 00 80 03 00 06 80 c1 00 00 00 06 00 14"
					    "fd 00 00 00 00 00 00 00 00 00 00 00 00 00 00 02"
					    "00 05 00 08 c0 00 02 02 00 06 00 14 00 00 00 00"
					    "00 00 00 00 00 00 00 00 00 00 00 01 00 05 00 08"
					    "7f 00 00 01 c1 55 90 07 aa d2 aa f4 9f f3 ec a6"
					    "6d 7c 15 1a 32 f1 31 87";

#define RANDOM32 "0102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f20"

/* One TLV of every parameter type, each with zero padding (bytes -> struct -> bytes). */
static const char *const param_vectors[] = {
    "0001 0009 0102030405 000000",		      /* Heartbeat Info */
    "0005 0008 c0000201",			      /* IPv4 192.0.2.1 */
    "0006 0014 20010db8 00000000 00000000 00000001",  /* IPv6 2001:db8::1 */
    "0007 0007 aabbcc 00",			      /* State Cookie */
    "0008 000c 4123 0006 beef 0000",		      /* Unrecognized Parameter */
    "0009 0008 000004b0",			      /* Cookie Preservative */
    "000b 0010 6578616d706c652e636f6d00",	      /* Host Name example.com */
    "000c 0006 0005 0000",			      /* Supported Address Types */
    "000d 0012 00000001 00000000 000003e8 0005 0000", /* Outgoing SSN Reset */
    "000e 0008 00000002",			      /* Incoming SSN Reset (all) */
    "000f 0008 00000003",			      /* SSN/TSN Reset */
    "0010 000c 00000001 00000001",		      /* Response */
    "0010 0014 00000004 00000001 00000064 000000c8",  /* Response with TSNs */
    "0011 000c 00000005 0003 0000",		      /* Add Outgoing Streams */
    "0012 000c 00000006 0004 0000",		      /* Add Incoming Streams */
    "8000 0004",				      /* ECN Capable */
    "8001 0008 00000001",			      /* Zero Checksum, EDMID 1 */
    "8002 0024" RANDOM32,			      /* Random */
    "8003 0006 80c1 0000",			      /* Chunk List */
    "8004 0008 0003 0001",			      /* HMAC-ALGO SHA-256, SHA-1 */
    "8005 0008 00000000",			      /* Padding */
    "8008 0009 c00fc18082 000000",		      /* Supported Extensions */
    "c000 0004",				      /* Forward-TSN-Supported */
    "c001 0010 01023474 0005 0008 c0000201",	      /* RFC 5061 4.2.1 example */
    "c002 0010 01023476 0005 0008 c0000201",	      /* RFC 5061 4.2.2 example */
    "c003 001c 01023476 00a0 0014 c002 0010 01023476 0005 0008 c0000201", /* 4.3.1 */
    "c004 0010 01023479 0005 0008 c0000201", /* RFC 5061 4.2.4 example */
    "c005 0008 01023476",		     /* Success Indication */
    "c006 0008 00000001",		     /* Adaptation Layer Indication */
    "7777 0006 abcd 0000",		     /* unknown type */
};

static const char *const cause_vectors[] = {
    "0001 0008 0005 0000",			       /* Invalid Stream 5 */
    "0002 000c 00000002 0007 000c",		       /* Missing: cookie, types */
    "0003 0008 000004b0",			       /* Stale Cookie 1200 us */
    "0004 0004",				       /* Out of Resource */
    "0005 000c 0005 0008 c0000201",		       /* Unresolvable Address */
    "0006 000c 4a00 0008 01020304",		       /* Unrecognized Chunk */
    "0007 0004",				       /* Invalid Mandatory Param */
    "0008 000c 4123 0006 beef 0000",		       /* Unrecognized Params */
    "0009 0008 12345678",			       /* No User Data */
    "000a 0004",				       /* Cookie While Shutting Down */
    "000b 0014 0005 0008 c0000201 0005 0008 c0000202", /* Restart, new addresses */
    "000c 0007 627965 00",			       /* User-Initiated Abort "bye" */
    "000d 0008 74657374",			       /* Protocol Violation "test" */
    "00a0 0014 c002 0010 01023476 0005 0008 c0000201", /* RFC 5061 4.3.1 example */
    "00a1 0014 c001 0010 01023474 0005 0008 c0000201", /* RFC 5061 4.3.2 example */
    "00a2 0014 c002 0010 01023476 0005 0008 c0000201", /* RFC 5061 4.3.3 example */
    "00a3 0004",				       /* Illegal ASCONF-ACK */
    "00a4 0014 c004 0010 01023479 0005 0008 c0000201", /* No Authorization */
    "0105 0006 0002 0000",			       /* Unsupported HMAC 2 */
    "0777 0005 01 000000",			       /* unknown cause code */
};

static uint8_t buf[4096], out[4096];

static size_t unhex(const char *s, uint8_t *b)
{
	size_t n = sct_test_unhex(s, b, 4096);

	CU_ASSERT_FATAL(n <= 4096);
	return n;
}

/* Parse the single parameter of @hex; return sct_param_parse()'s result. */
static int parse_one(const char *hex, struct sct_param *p)
{
	size_t n = unhex(hex, buf);
	struct sct_tlv_iter it;
	struct sct_tlv t;
	int rc;

	sct_tlv_iter_init(&it, buf, n);
	rc = sct_param_next(&it, &t);
	if (rc != 1)
		return rc < 0 ? rc : -1;
	return sct_param_parse(&t, p);
}

static int parse_one_cause(const char *hex, struct sct_cause *c)
{
	size_t n = unhex(hex, buf);
	struct sct_tlv_iter it;
	struct sct_tlv t;
	int rc;

	sct_tlv_iter_init(&it, buf, n);
	rc = sct_cause_next(&it, &t);
	if (rc != 1)
		return rc < 0 ? rc : -1;
	return sct_cause_parse(&t, c);
}

/* ------------------------------------------------------------ round trips */

static void rfc9260_3_2_1_every_param_bytes_struct_bytes(void)
{
	size_t i, n;

	for (i = 0; i < sizeof(param_vectors) / sizeof(param_vectors[0]); i++) {
		struct sct_param p, q;
		struct sct_tlv_iter it;
		struct sct_tlv t;
		struct sct_wr w = sct_wr_init(out, sizeof(out));

		n = unhex(param_vectors[i], buf);
		sct_tlv_iter_init(&it, buf, n);
		CU_ASSERT_EQUAL_FATAL(sct_param_next(&it, &t), 1);
		CU_ASSERT_EQUAL(sct_param_next(&it, &t), 0);
		if (sct_param_parse(&t, &p) != 0) {
			fprintf(stderr, "vector %zu does not parse\n", i);
			CU_FAIL("vector does not parse");
			continue;
		}
		CU_ASSERT_EQUAL(sct_param_emit(&w, &p), 0);
		CU_ASSERT_EQUAL(w.off, n);
		SCT_ASSERT_BYTES(out, buf, n);
		/* and the emitted bytes parse to the same struct */
		sct_tlv_iter_init(&it, out, w.off);
		CU_ASSERT_EQUAL_FATAL(sct_param_next(&it, &t), 1);
		CU_ASSERT_EQUAL(sct_param_parse(&t, &q), 0);
		CU_ASSERT_TRUE(sct_param_eq(&p, &q));
	}
}

static void rfc9260_3_3_10_every_cause_bytes_struct_bytes(void)
{
	size_t i, n;

	for (i = 0; i < sizeof(cause_vectors) / sizeof(cause_vectors[0]); i++) {
		struct sct_cause c, d;
		struct sct_tlv_iter it;
		struct sct_tlv t;
		struct sct_wr w = sct_wr_init(out, sizeof(out));

		n = unhex(cause_vectors[i], buf);
		sct_tlv_iter_init(&it, buf, n);
		CU_ASSERT_EQUAL_FATAL(sct_cause_next(&it, &t), 1);
		CU_ASSERT_EQUAL(sct_cause_next(&it, &t), 0);
		if (sct_cause_parse(&t, &c) != 0) {
			fprintf(stderr, "cause vector %zu does not parse\n", i);
			CU_FAIL("cause vector does not parse");
			continue;
		}
		CU_ASSERT_EQUAL(sct_cause_emit(&w, &c), 0);
		CU_ASSERT_EQUAL(w.off, n);
		SCT_ASSERT_BYTES(out, buf, n);
		sct_tlv_iter_init(&it, out, w.off);
		CU_ASSERT_EQUAL_FATAL(sct_cause_next(&it, &t), 1);
		CU_ASSERT_EQUAL(sct_cause_parse(&t, &d), 0);
		CU_ASSERT_TRUE(sct_cause_eq(&c, &d));
	}
}

/* Emit @p, parse it back, and compare. */
static void struct_round_trip(const struct sct_param *p)
{
	struct sct_wr w = sct_wr_init(out, sizeof(out));
	struct sct_tlv_iter it;
	struct sct_param q;
	struct sct_tlv t;

	CU_ASSERT_EQUAL_FATAL(sct_param_emit(&w, p), 0);
	CU_ASSERT_EQUAL(w.off % 4, 0);
	sct_tlv_iter_init(&it, out, w.off);
	CU_ASSERT_EQUAL_FATAL(sct_param_next(&it, &t), 1);
	CU_ASSERT_EQUAL(t.type, p->type);
	CU_ASSERT_EQUAL_FATAL(sct_param_parse(&t, &q), 0);
	CU_ASSERT_TRUE(sct_param_eq(p, &q));
}

static void rfc9260_3_2_1_every_param_struct_bytes_struct(void)
{
	static const uint8_t rnd[32] = {1, 2, 3};
	static const uint8_t chunks[] = {SCT_CHUNK_ASCONF, SCT_CHUNK_ASCONF_ACK};
	static const uint8_t exts[] = {SCT_CHUNK_FORWARD_TSN, SCT_CHUNK_RE_CONFIG};
	static const uint8_t opaque[] = {'h', 'o', 's', 't', 0};
	static const uint8_t wrapped[] = {0x41, 0x23, 0x00, 0x05, 0xee};
	static const uint8_t causes[] = {0x00, 0x04, 0x00, 0x04};
	const uint16_t types[] = {SCT_PARAM_IPV4, SCT_PARAM_IPV6};
	const uint16_t hmacs[] = {SCT_HMAC_SHA1};
	const uint16_t streams[] = {1, 2, 3};
	uint8_t lb[3][8];
	struct sct_param p;
	uint16_t opaque_types[] = {SCT_PARAM_HEARTBEAT_INFO, SCT_PARAM_STATE_COOKIE,
				   SCT_PARAM_HOST_NAME, SCT_PARAM_PADDING, 0x4444};
	uint16_t u32_types[] = {SCT_PARAM_COOKIE_PRESERVATIVE, SCT_PARAM_ZERO_CHECKSUM,
				SCT_PARAM_SUCCESS_IND, SCT_PARAM_ADAPTATION_IND,
				SCT_PARAM_SSN_TSN_RESET};
	uint16_t asconf_types[] = {SCT_PARAM_ADD_IP, SCT_PARAM_DEL_IP, SCT_PARAM_SET_PRIMARY};
	size_t i;

	memset(&p, 0, sizeof(p));
	p.type = SCT_PARAM_IPV4;
	sct_addr_v4u32(&p.u.addr, 0xc0000201);
	struct_round_trip(&p);
	p.type = SCT_PARAM_IPV6;
	CU_ASSERT_EQUAL(sct_addr_parse(&p.u.addr, "2001:db8::7"), 0);
	struct_round_trip(&p);

	for (i = 0; i < sizeof(opaque_types) / sizeof(opaque_types[0]); i++) {
		memset(&p, 0, sizeof(p));
		p.type = opaque_types[i];
		p.u.bytes.p = opaque;
		p.u.bytes.len = sizeof(opaque);
		struct_round_trip(&p);
	}
	memset(&p, 0, sizeof(p));
	p.type = SCT_PARAM_UNRECOGNIZED;
	p.u.bytes.p = wrapped;
	p.u.bytes.len = sizeof(wrapped);
	struct_round_trip(&p);
	p.type = SCT_PARAM_RANDOM;
	p.u.bytes.p = rnd;
	p.u.bytes.len = sizeof(rnd);
	struct_round_trip(&p);

	for (i = 0; i < sizeof(u32_types) / sizeof(u32_types[0]); i++) {
		memset(&p, 0, sizeof(p));
		p.type = u32_types[i];
		/* each type's own member, not the union's first word */
		if (p.type == SCT_PARAM_COOKIE_PRESERVATIVE)
			p.u.cookie_inc_ms = 1000;
		else if (p.type == SCT_PARAM_ZERO_CHECKSUM)
			p.u.edmid = 1;
		else if (p.type == SCT_PARAM_SUCCESS_IND)
			p.u.success_cid = 0x01023476;
		else if (p.type == SCT_PARAM_ADAPTATION_IND)
			p.u.adaptation = 0xdeadbeef;
		else
			p.u.ssn_tsn_req_seq = 77;
		struct_round_trip(&p);
	}

	memset(&p, 0, sizeof(p));
	p.type = SCT_PARAM_SUPPORTED_ADDR_TYPES;
	p.u.addr_types = sct_u16_list_fill(lb[0], types, 2);
	struct_round_trip(&p);
	p.type = SCT_PARAM_HMAC_ALGO;
	p.u.hmac_ids = sct_u16_list_fill(lb[1], hmacs, 1);
	struct_round_trip(&p);
	memset(&p, 0, sizeof(p));
	p.type = SCT_PARAM_CHUNK_LIST;
	p.u.chunk_types.p = chunks;
	p.u.chunk_types.len = sizeof(chunks);
	struct_round_trip(&p);
	p.type = SCT_PARAM_SUPPORTED_EXT;
	p.u.chunk_types.p = exts;
	p.u.chunk_types.len = sizeof(exts);
	struct_round_trip(&p);
	memset(&p, 0, sizeof(p));
	p.type = SCT_PARAM_ECN_CAPABLE;
	struct_round_trip(&p);
	p.type = SCT_PARAM_FORWARD_TSN_SUPPORTED;
	struct_round_trip(&p);

	for (i = 0; i < 3; i++) {
		memset(&p, 0, sizeof(p));
		p.type = asconf_types[i];
		p.u.asconf.cid = 0x01023474 + (uint32_t)i;
		CU_ASSERT_EQUAL(sct_addr_parse(&p.u.asconf.addr, i ? "2001:db8::2" : "0.0.0.0"), 0);
		struct_round_trip(&p);
	}
	memset(&p, 0, sizeof(p));
	p.type = SCT_PARAM_ERROR_CAUSE_IND;
	p.u.cause_ind.cid = 9;
	p.u.cause_ind.causes.p = causes;
	p.u.cause_ind.causes.len = sizeof(causes);
	struct_round_trip(&p);

	memset(&p, 0, sizeof(p));
	p.type = SCT_PARAM_OUT_SSN_RESET;
	p.u.out_reset.req_seq = 1;
	p.u.out_reset.resp_seq = 2;
	p.u.out_reset.last_tsn = 3;
	p.u.out_reset.streams = sct_u16_list_fill(lb[2], streams, 3);
	struct_round_trip(&p);
	memset(&p, 0, sizeof(p));
	p.type = SCT_PARAM_IN_SSN_RESET;
	p.u.in_reset.req_seq = 4;
	p.u.in_reset.streams = sct_u16_list_fill(lb[2], streams, 3);
	struct_round_trip(&p);
	memset(&p, 0, sizeof(p));
	p.type = SCT_PARAM_RECONF_RESPONSE;
	p.u.reconf_resp.resp_seq = 5;
	p.u.reconf_resp.result = SCT_RECONF_IN_PROGRESS;
	struct_round_trip(&p);
	p.u.reconf_resp.has_tsns = true;
	p.u.reconf_resp.sender_next_tsn = 100;
	p.u.reconf_resp.receiver_next_tsn = 200;
	struct_round_trip(&p);
	memset(&p, 0, sizeof(p));
	p.type = SCT_PARAM_ADD_OUT_STREAMS;
	p.u.add_streams.req_seq = 6;
	p.u.add_streams.n_new = 16;
	struct_round_trip(&p);
	p.type = SCT_PARAM_ADD_IN_STREAMS;
	struct_round_trip(&p);
}

static void cause_round_trip(const struct sct_cause *c)
{
	struct sct_wr w = sct_wr_init(out, sizeof(out));
	struct sct_tlv_iter it;
	struct sct_cause d;
	struct sct_tlv t;

	CU_ASSERT_EQUAL_FATAL(sct_cause_emit(&w, c), 0);
	CU_ASSERT_EQUAL(w.off % 4, 0);
	sct_tlv_iter_init(&it, out, w.off);
	CU_ASSERT_EQUAL_FATAL(sct_cause_next(&it, &t), 1);
	CU_ASSERT_EQUAL_FATAL(sct_cause_parse(&t, &d), 0);
	CU_ASSERT_TRUE(sct_cause_eq(c, &d));
}

static void rfc9260_3_3_10_every_cause_struct_bytes_struct(void)
{
	static const uint8_t addr_tlv[] = {0, 5, 0, 8, 192, 0, 2, 1};
	static const uint8_t two_addrs[] = {0, 5, 0, 8, 192, 0, 2, 1, 0, 5, 0, 8, 192, 0, 2, 2};
	static const uint8_t chunk[] = {0x4a, 0, 0, 5, 9};
	static const uint8_t text[] = {'b', 'y', 'e'};
	const uint16_t missing[] = {SCT_PARAM_STATE_COOKIE};
	uint16_t none[] = {SCT_CAUSE_OUT_OF_RESOURCE, SCT_CAUSE_INVALID_PARAM,
			   SCT_CAUSE_COOKIE_IN_SHUTDOWN, SCT_CAUSE_ILLEGAL_ASCONF_ACK};
	uint16_t onetlv[] = {SCT_CAUSE_UNRESOLVABLE_ADDR, SCT_CAUSE_UNRECOGNIZED_PARAMS,
			     SCT_CAUSE_DEL_LAST_ADDR,	  SCT_CAUSE_RESOURCE_SHORTAGE,
			     SCT_CAUSE_DEL_SOURCE_ADDR,	  SCT_CAUSE_NO_AUTHORIZATION};
	uint16_t opaque[] = {SCT_CAUSE_USER_ABORT, SCT_CAUSE_PROTOCOL_VIOLATION, 0x0999};
	uint8_t lb[2];
	struct sct_cause c;
	size_t i;

	memset(&c, 0, sizeof(c));
	c.code = SCT_CAUSE_INVALID_STREAM;
	c.u.stream_id = 65535;
	cause_round_trip(&c);
	c.code = SCT_CAUSE_MISSING_PARAM;
	c.u.missing = sct_u16_list_fill(lb, missing, 1);
	cause_round_trip(&c);
	memset(&c, 0, sizeof(c));
	c.code = SCT_CAUSE_STALE_COOKIE;
	c.u.staleness_us = 1200;
	cause_round_trip(&c);
	c.code = SCT_CAUSE_NO_USER_DATA;
	c.u.tsn = 0xfffffffe;
	cause_round_trip(&c);
	memset(&c, 0, sizeof(c));
	c.code = SCT_CAUSE_UNSUPPORTED_HMAC;
	c.u.hmac_id = 2;
	cause_round_trip(&c);
	for (i = 0; i < sizeof(none) / sizeof(none[0]); i++) {
		memset(&c, 0, sizeof(c));
		c.code = none[i];
		cause_round_trip(&c);
	}
	for (i = 0; i < sizeof(onetlv) / sizeof(onetlv[0]); i++) {
		memset(&c, 0, sizeof(c));
		c.code = onetlv[i];
		c.u.tlvs.p = addr_tlv;
		c.u.tlvs.len = sizeof(addr_tlv);
		cause_round_trip(&c);
	}
	memset(&c, 0, sizeof(c));
	c.code = SCT_CAUSE_RESTART_NEW_ADDRS;
	c.u.tlvs.p = two_addrs;
	c.u.tlvs.len = sizeof(two_addrs);
	cause_round_trip(&c);
	c.code = SCT_CAUSE_UNRECOGNIZED_CHUNK;
	c.u.tlvs.p = chunk;
	c.u.tlvs.len = sizeof(chunk);
	cause_round_trip(&c);
	for (i = 0; i < sizeof(opaque) / sizeof(opaque[0]); i++) {
		memset(&c, 0, sizeof(c));
		c.code = opaque[i];
		c.u.bytes.p = text;
		c.u.bytes.len = sizeof(text);
		cause_round_trip(&c);
	}
}

/* ------------------------------------------------------------- framing */

static void rfc9260_3_2_1_short_tlv(void)
{
	struct sct_tlv_iter it;
	struct sct_tlv t;

	/* a full parameter followed by 3 stray bytes */
	size_t n = unhex("8000 0004 0005 00", buf);

	sct_tlv_iter_init(&it, buf, n);
	CU_ASSERT_EQUAL(sct_param_next(&it, &t), 1);
	CU_ASSERT_EQUAL(sct_param_next(&it, &t), SCT_WE_PARAM_LEN);
	CU_ASSERT_EQUAL(sct_param_next(&it, &t), SCT_WE_PARAM_LEN); /* sticky */
}

static void rfc9260_3_2_1_length_below_4(void)
{
	struct sct_tlv_iter it;
	struct sct_tlv t;
	size_t n = unhex("0005 0003 c0000201", buf);

	sct_tlv_iter_init(&it, buf, n);
	CU_ASSERT_EQUAL(sct_param_next(&it, &t), SCT_WE_PARAM_LEN);
}

static void rfc9260_3_2_1_length_past_area(void)
{
	struct sct_tlv_iter it;
	struct sct_tlv t;
	size_t n = unhex("0005 000c c0000201", buf);

	sct_tlv_iter_init(&it, buf, n);
	CU_ASSERT_EQUAL(sct_param_next(&it, &t), SCT_WE_PARAM_LEN);
	n = unhex("0005 0008 c0000201", buf);
	sct_tlv_iter_init(&it, buf, n - 1);
	CU_ASSERT_EQUAL(sct_param_next(&it, &t), SCT_WE_PARAM_LEN);
}

static void rfc9260_3_2_area_ends_inside_padding(void)
{
	struct sct_tlv_iter it;
	struct sct_tlv t;
	/* Length 5: 3 padding bytes are due, only 1 or 2 present */
	size_t n = unhex("0001 0005 aa 00 00", buf);

	sct_tlv_iter_init(&it, buf, n);
	CU_ASSERT_EQUAL(sct_param_next(&it, &t), SCT_WE_PARAM_PAD);
	sct_tlv_iter_init(&it, buf, n - 1);
	CU_ASSERT_EQUAL(sct_param_next(&it, &t), SCT_WE_PARAM_PAD);
}

static void rfc9260_3_2_last_param_padding_optional(void)
{
	struct sct_tlv_iter it;
	struct sct_tlv t;
	size_t n = unhex("0001 0005 aa 000000 0001 0005 bb 000000", buf);

	/* "accept the chunk whether or not the final padding has been included" */
	sct_tlv_iter_init(&it, buf, n - 3);
	CU_ASSERT_EQUAL(sct_param_next(&it, &t), 1);
	CU_ASSERT_EQUAL(sct_param_next(&it, &t), 1);
	CU_ASSERT_EQUAL(t.val[0], 0xbb);
	CU_ASSERT_EQUAL(sct_param_next(&it, &t), 0);
	sct_tlv_iter_init(&it, buf, n);
	CU_ASSERT_EQUAL(sct_param_next(&it, &t), 1);
	CU_ASSERT_EQUAL(sct_param_next(&it, &t), 1);
	CU_ASSERT_EQUAL(sct_param_next(&it, &t), 0);
}

static void rfc9260_3_2_1_padding_content_ignored(void)
{
	struct sct_tlv_iter it;
	struct sct_tlv t;
	/* "The receiver MUST ignore the padding bytes." */
	size_t n = unhex("0001 0005 aa ffffff 8000 0004", buf);

	sct_tlv_iter_init(&it, buf, n);
	CU_ASSERT_EQUAL(sct_param_next(&it, &t), 1);
	CU_ASSERT_EQUAL(sct_param_next(&it, &t), 1);
	CU_ASSERT_EQUAL(t.type, SCT_PARAM_ECN_CAPABLE);
}

static void rfc9260_3_3_10_cause_framing(void)
{
	struct sct_tlv_iter it;
	struct sct_tlv t;
	size_t n = unhex("0004 0004 0004", buf);

	sct_tlv_iter_init(&it, buf, n);
	CU_ASSERT_EQUAL(sct_cause_next(&it, &t), 1);
	CU_ASSERT_EQUAL(sct_cause_next(&it, &t), SCT_WE_CAUSE_LEN);
	n = unhex("0004 0002", buf);
	sct_tlv_iter_init(&it, buf, n);
	CU_ASSERT_EQUAL(sct_cause_next(&it, &t), SCT_WE_CAUSE_LEN);
	n = unhex("0105 0006 0002 00", buf);
	sct_tlv_iter_init(&it, buf, n);
	CU_ASSERT_EQUAL(sct_cause_next(&it, &t), SCT_WE_CAUSE_PAD);
	/* RFC 4895 4.1: length 6, last cause may come without its 2 padding bytes */
	sct_tlv_iter_init(&it, buf, n - 1);
	CU_ASSERT_EQUAL(sct_cause_next(&it, &t), 1);
	CU_ASSERT_EQUAL(sct_cause_next(&it, &t), 0);
}

/* ----------------------------------------------------- value malformations */

static void check_param_value(const char *hex, int want)
{
	struct sct_param p;
	int rc = parse_one(hex, &p);

	if (rc != want)
		fprintf(stderr, "%s: got %s want %s\n", hex, sct_wire_errname(rc),
			sct_wire_errname(want));
	CU_ASSERT_EQUAL(rc, want);
}

static void rfc9260_3_3_2_1_wrong_fixed_length(void)
{
	check_param_value("0005 0007 c00002 00", SCT_WE_PARAM_VALUE); /* IPv4 of length 7 */
	check_param_value("0005 000c c0000201 00000000", SCT_WE_PARAM_VALUE);
	check_param_value("0006 0010 20010db8 00000000 00000000", SCT_WE_PARAM_VALUE);
	check_param_value("0009 000c 00000001 00000000", SCT_WE_PARAM_VALUE);
	check_param_value("8000 0008 00000000", SCT_WE_PARAM_VALUE);  /* ECN with a value */
	check_param_value("c000 0005 00 000000", SCT_WE_PARAM_VALUE); /* Fwd-TSN with a value */
	check_param_value("8001 0004", SCT_WE_PARAM_VALUE);	      /* zero checksum, no EDMID */
	check_param_value("c005 0006 0102 0000", SCT_WE_PARAM_VALUE);
	check_param_value("c006 000c 00000001 00000000", SCT_WE_PARAM_VALUE);
}

static void rfc9260_3_3_2_1_5_addr_types_empty_or_odd(void)
{
	check_param_value("000c 0004", SCT_WE_PARAM_VALUE);
	check_param_value("000c 0007 0005 00 00", SCT_WE_PARAM_VALUE);
}

static void rfc9260_3_3_3_1_1_state_cookie_empty(void)
{
	check_param_value("0007 0004", SCT_WE_PARAM_VALUE);
}

static void rfc9260_3_3_2_1_4_host_name_needs_nul(void)
{
	check_param_value("000b 0008 686f7374", SCT_WE_PARAM_VALUE);
	check_param_value("000b 0004", SCT_WE_PARAM_VALUE);
}

static void rfc9260_3_3_3_1_2_unrecognized_wraps_one_tlv(void)
{
	check_param_value("0008 0004", SCT_WE_PARAM_VALUE); /* nothing wrapped */
	check_param_value("0008 000c 4123 000a beef 0000", SCT_WE_PARAM_VALUE); /* past end */
	check_param_value("0008 0010 4123 0006 beef 0000 00000000", SCT_WE_PARAM_VALUE);
	check_param_value("0008 000a 4123 0006 beef 0000", 0); /* unpadded copy accepted */
}

static void rfc5061_4_2_asconf_request_malformed(void)
{
	/* inner length disagrees with the room */
	check_param_value("c001 0014 01023474 0005 0008 c0000201 00000000", SCT_WE_PARAM_VALUE);
	/* inner parameter not an address */
	check_param_value("c001 0010 01023474 0009 0008 c0000201", SCT_WE_PARAM_VALUE);
	/* "MUST NOT contain a broadcast or multicast address" */
	check_param_value("c001 0010 01023474 0005 0008 e0000001", SCT_WE_PARAM_VALUE);
	check_param_value("c002 0010 01023474 0005 0008 ffffffff", SCT_WE_PARAM_VALUE);
	check_param_value("c004 0018 01023474 0006 0014 ff020000 00000000 00000000 00000001",
			  SCT_WE_PARAM_VALUE);
	/* Error Cause Indication: no cause, a short cause, a malformed cause */
	check_param_value("c003 0008 01023476", SCT_WE_PARAM_VALUE);
	check_param_value("c003 000c 01023476 0004 0002", SCT_WE_CAUSE_LEN);
	check_param_value("c003 000c 01023476 0003 0004", SCT_WE_CAUSE_VALUE);
}

static void rfc6525_4_reconf_param_lengths(void)
{
	check_param_value("000d 000c 00000001 00000000 ", SCT_WE_PARAM_VALUE);
	check_param_value("000d 0011 00000001 00000000 00000000 05 000000", SCT_WE_PARAM_VALUE);
	check_param_value("000e 0009 00000001 05 000000", SCT_WE_PARAM_VALUE);
	check_param_value("000f 000c 00000001 00000000", SCT_WE_PARAM_VALUE);
	/* "MUST be 12 if the optional fields are not present and 20 otherwise" */
	check_param_value("0010 0010 00000001 00000000 00000005", SCT_WE_PARAM_VALUE);
	/* result codes of table 3 only */
	check_param_value("0010 000c 00000001 00000007", SCT_WE_PARAM_VALUE);
	check_param_value("0011 0008 00000001", SCT_WE_PARAM_VALUE);
	check_param_value("0012 0010 00000001 00010000 00000000", SCT_WE_PARAM_VALUE);
}

static void rfc4895_3_random_must_be_32_bytes(void)
{
	/* RFC 4895 6.1: "If the Random Number is not 32 bytes, the association MUST be aborted." */
	check_param_value("8002 0014 00000000 00000000 00000000 00000000", SCT_WE_PARAM_VALUE);
	check_param_value("8002 0025" RANDOM32 "21 000000", SCT_WE_PARAM_VALUE);
	check_param_value("8002 0024" RANDOM32, 0);
}

static void rfc4895_3_3_hmac_algo_list(void)
{
	check_param_value("8004 0004", SCT_WE_PARAM_VALUE);	       /* empty */
	check_param_value("8004 0007 0001 00 00", SCT_WE_PARAM_VALUE); /* odd */
	/* 6.1: "SHA-1 MUST be supported and included in the HMAC-ALGO parameter" */
	check_param_value("8004 0006 0003 0000", SCT_WE_PARAM_VALUE);
	check_param_value("8004 0006 0001 0000", 0);
}

static void rfc4895_3_2_chunk_list(void)
{
	struct sct_param p;
	struct sct_wr w;
	uint8_t types[257];
	size_t n;

	/* "Its maximum length is 260 bytes": 256 types pass, 257 do not */
	memset(types, 0x80, sizeof(types));
	memset(&p, 0, sizeof(p));
	p.type = SCT_PARAM_CHUNK_LIST;
	p.u.chunk_types.p = types;
	p.u.chunk_types.len = 256;
	w = sct_wr_init(out, sizeof(out));
	CU_ASSERT_EQUAL(sct_param_emit(&w, &p), 0);
	CU_ASSERT_EQUAL(w.off, 260);
	p.u.chunk_types.len = 257;
	w = sct_wr_init(out, sizeof(out));
	CU_ASSERT_EQUAL(sct_param_emit(&w, &p), SCT_WE_PARAM_VALUE);
	CU_ASSERT_EQUAL(w.off, 0);
	check_param_value("8003 0004", 0); /* empty is allowed: "MAY be omitted if it is empty" */

	/* INIT, INIT ACK, SHUTDOWN COMPLETE and AUTH "MUST be ignored" */
	n = unhex("8003 0008 01020e0f 0080c100", buf);
	CU_ASSERT_EQUAL(parse_one("8003 0008 01020e0f", &p), 0);
	(void)n;
	CU_ASSERT_FALSE(sct_auth_chunk_listed(&p.u.chunk_types, SCT_CHUNK_INIT));
	CU_ASSERT_FALSE(sct_auth_chunk_listed(&p.u.chunk_types, SCT_CHUNK_AUTH));
	CU_ASSERT_FALSE(sct_auth_chunk_listed(&p.u.chunk_types, SCT_CHUNK_ASCONF));
	CU_ASSERT_EQUAL(parse_one("8003 0006 80c1 0000", &p), 0);
	CU_ASSERT_TRUE(sct_auth_chunk_listed(&p.u.chunk_types, SCT_CHUNK_ASCONF));
}

static void emit_refuses_bad_struct_and_small_buffer(void)
{
	struct sct_param p;
	struct sct_wr w;
	uint8_t small[6];

	memset(&p, 0, sizeof(p));
	p.type = SCT_PARAM_IPV4;
	CU_ASSERT_EQUAL(sct_addr_parse(&p.u.addr, "::1"), 0);
	w = sct_wr_init(out, sizeof(out));
	CU_ASSERT_EQUAL(sct_param_emit(&w, &p), SCT_WE_PARAM_VALUE);
	CU_ASSERT_EQUAL(w.off, 0);
	sct_addr_v4u32(&p.u.addr, 0x7f000001);
	w = sct_wr_init(small, sizeof(small));
	CU_ASSERT_EQUAL(sct_param_emit(&w, &p), SCT_WE_NOSPACE);
	CU_ASSERT_TRUE(w.err);
	/* a value that does not fit the 16-bit length */
	memset(&p, 0, sizeof(p));
	p.type = SCT_PARAM_PADDING;
	{
		static uint8_t big[70000];

		p.u.bytes.p = big;
		p.u.bytes.len = sizeof(big);
		{
			static uint8_t huge[70008];

			w = sct_wr_init(huge, sizeof(huge));
			CU_ASSERT_EQUAL(sct_param_emit(&w, &p), SCT_WE_PARAM_LEN);
			CU_ASSERT_EQUAL(w.off, 0);
		}
	}
}

static void check_cause_value(const char *hex, int want)
{
	struct sct_cause c;
	int rc = parse_one_cause(hex, &c);

	if (rc != want)
		fprintf(stderr, "%s: got %s want %s\n", hex, sct_wire_errname(rc),
			sct_wire_errname(want));
	CU_ASSERT_EQUAL(rc, want);
}

static void rfc9260_3_3_10_cause_malformations(void)
{
	check_cause_value("0001 0006 0005 0000", SCT_WE_CAUSE_VALUE); /* stream: length 8 */
	check_cause_value("0002 0008 00000000", SCT_WE_CAUSE_VALUE);  /* missing: N = 0 */
	check_cause_value("0002 000c 00000003 0007 000c", SCT_WE_CAUSE_VALUE); /* N != list */
	check_cause_value("0002 000b 00000001 0007 00", SCT_WE_CAUSE_VALUE);   /* odd */
	check_cause_value("0003 0004", SCT_WE_CAUSE_VALUE);
	check_cause_value("0004 0008 00000000", SCT_WE_CAUSE_VALUE);
	check_cause_value("0005 0004", SCT_WE_CAUSE_VALUE);		       /* no address TLV */
	check_cause_value("0006 000c 4a00 0010 01020304", SCT_WE_CAUSE_VALUE); /* chunk past */
	check_cause_value("0008 0004", SCT_WE_CAUSE_VALUE);		       /* no parameter */
	check_cause_value("0008 000c 4123 0002 beef 0000", SCT_WE_CAUSE_VALUE);
	check_cause_value("0009 000c 00000001 00000002", SCT_WE_CAUSE_VALUE);
	/* restart: only address TLVs */
	check_cause_value("000b 000c 0009 0008 00000001", SCT_WE_CAUSE_VALUE);
	check_cause_value("000b 000c 0005 0008 c0000201", 0);
	check_cause_value("00a0 0004", SCT_WE_CAUSE_VALUE);
	check_cause_value("00a3 0008 00000000", SCT_WE_CAUSE_VALUE);
	/* RFC 4895 4.1: "This value MUST be set to 6." */
	check_cause_value("0105 0008 0002 0000", SCT_WE_CAUSE_VALUE);
	/* free-form causes may be empty */
	check_cause_value("000c 0004", 0);
	check_cause_value("000d 0004", 0);
}

static void rfc9260_3_3_10_unknown_cause_iterated(void)
{
	struct sct_tlv_iter it;
	struct sct_cause c;
	struct sct_tlv t;
	size_t n = unhex("7fff 0006 abcd 0000 0003 0008 00000001", buf);

	sct_tlv_iter_init(&it, buf, n);
	CU_ASSERT_EQUAL_FATAL(sct_cause_next(&it, &t), 1);
	CU_ASSERT_FALSE(sct_cause_known(t.type));
	CU_ASSERT_EQUAL(sct_cause_parse(&t, &c), 0);
	CU_ASSERT_EQUAL(c.u.bytes.len, 2);
	CU_ASSERT_STRING_EQUAL(sct_cause_name(t.type), "Unknown");
	CU_ASSERT_EQUAL_FATAL(sct_cause_next(&it, &t), 1);
	CU_ASSERT_EQUAL(sct_cause_parse(&t, &c), 0);
	CU_ASSERT_EQUAL(c.u.staleness_us, 1);
	CU_ASSERT_EQUAL(sct_cause_next(&it, &t), 0);
}

/* -------------------------------------------------------------- INIT area */

static void rfc9260_3_3_2_usrsctp_init(void)
{
	struct sct_init_params ip;
	char s[SCT_ADDR_STRLEN];
	size_t n = unhex(usrsctp_init_area, buf);

	CU_ASSERT_EQUAL_FATAL(n, 136);
	CU_ASSERT_EQUAL_FATAL(sct_init_params_parse(buf, n, false, &ip), 0);
	CU_ASSERT_TRUE(ip.ecn_capable);
	CU_ASSERT_TRUE(ip.forward_tsn);
	CU_ASSERT_TRUE(ip.has_supported_ext);
	CU_ASSERT_EQUAL(ip.supported_ext.len, 5);
	CU_ASSERT_EQUAL(ip.supported_ext.p[4], SCT_CHUNK_RE_CONFIG);
	CU_ASSERT_TRUE(ip.has_random);
	CU_ASSERT_EQUAL(ip.random.len, 32);
	CU_ASSERT_EQUAL(ip.random.p[0], 0xf7);
	CU_ASSERT_TRUE(ip.has_hmac_algo);
	CU_ASSERT_EQUAL(ip.hmac_ids.n, 1);
	CU_ASSERT_EQUAL(sct_u16_list_get(&ip.hmac_ids, 0), SCT_HMAC_SHA1);
	CU_ASSERT_TRUE(ip.has_chunk_list);
	CU_ASSERT_TRUE(sct_auth_chunk_listed(&ip.chunk_list, SCT_CHUNK_ASCONF_ACK));
	CU_ASSERT_TRUE(ip.has_addr_types);
	CU_ASSERT_EQUAL(ip.addr_types, SCT_ADDRTYPE_V4 | SCT_ADDRTYPE_V6);
	CU_ASSERT_EQUAL_FATAL(ip.n_addrs, 4);
	CU_ASSERT_STRING_EQUAL(sct_addr_fmt(&ip.addrs[0], s, sizeof(s)), "fd00::2");
	CU_ASSERT_STRING_EQUAL(sct_addr_fmt(&ip.addrs[1], s, sizeof(s)), "192.0.2.2");
	CU_ASSERT_STRING_EQUAL(sct_addr_fmt(&ip.addrs[2], s, sizeof(s)), "::1");
	CU_ASSERT_STRING_EQUAL(sct_addr_fmt(&ip.addrs[3], s, sizeof(s)), "127.0.0.1");
	CU_ASSERT_FALSE(ip.stopped);
	CU_ASSERT_EQUAL(ip.n_report, 0);
	CU_ASSERT_FALSE(ip.has_state_cookie);
	/* The same bytes as an INIT ACK: Supported Address Types (12, bits 00)
	 * is not valid there and stops processing; no State Cookie follows. */
	CU_ASSERT_EQUAL(sct_init_params_parse(buf, n, true, &ip), SCT_WE_PARAM_MISSING);
}

static void rfc9260_3_3_3_usrsctp_init_ack(void)
{
	struct sct_init_params ip;
	struct sct_tlv_iter it;
	struct sct_param p;
	struct sct_tlv t;
	size_t n = unhex(usrsctp_init_ack_area, buf), count = 0, off = 0;

	CU_ASSERT_EQUAL_FATAL(n, 568);
	CU_ASSERT_EQUAL_FATAL(sct_init_params_parse(buf, n, true, &ip), 0);
	CU_ASSERT_TRUE(ip.has_state_cookie);
	CU_ASSERT_EQUAL(ip.state_cookie.len, 436);
	CU_ASSERT_EQUAL(memcmp(ip.state_cookie.p, "KAME-BSD 1.1", 12), 0);
	CU_ASSERT_EQUAL(ip.n_addrs, 4);
	CU_ASSERT_FALSE(ip.has_addr_types);
	CU_ASSERT_TRUE(ip.has_random);
	/* every parameter re-emits to the same bytes */
	sct_tlv_iter_init(&it, buf, n);
	while (sct_param_next(&it, &t) > 0) {
		struct sct_wr w = sct_wr_init(out, sizeof(out));

		CU_ASSERT_EQUAL_FATAL(sct_param_parse(&t, &p), 0);
		CU_ASSERT_EQUAL_FATAL(sct_param_emit(&w, &p), 0);
		SCT_ASSERT_BYTES(out, buf + off, w.off);
		off += w.off;
		count++;
	}
	CU_ASSERT_EQUAL(count, 11);
	CU_ASSERT_EQUAL(off, n);
	/* As an INIT: State Cookie (7, bits 00) is not valid there and stops. */
	CU_ASSERT_EQUAL(sct_init_params_parse(buf, n, false, &ip), 0);
	CU_ASSERT_TRUE(ip.stopped);
	CU_ASSERT_EQUAL(ip.stop_type, SCT_PARAM_STATE_COOKIE);
}

static size_t emit_all(const struct sct_param *ps, size_t n, uint8_t *b)
{
	struct sct_wr w = sct_wr_init(b, 4096);
	size_t i;

	for (i = 0; i < n; i++)
		CU_ASSERT_EQUAL_FATAL(sct_param_emit(&w, &ps[i]), 0);
	return w.off;
}

static void rfc9260_3_3_2_init_all_known_params(void)
{
	static const uint8_t rnd[32] = {9};
	static const uint8_t ext[] = {SCT_CHUNK_RE_CONFIG};
	static const uint8_t chunks[] = {SCT_CHUNK_ASCONF};
	static const uint8_t pad[8];
	const uint16_t at[] = {SCT_PARAM_IPV4, SCT_PARAM_HOST_NAME, 0x1234};
	const uint16_t hm[] = {SCT_HMAC_SHA256, SCT_HMAC_SHA1};
	uint8_t lb[2][8];
	struct sct_param ps[16];
	struct sct_init_params ip;
	size_t n, k = 0;

	memset(ps, 0, sizeof(ps));
	ps[k].type = SCT_PARAM_IPV4;
	sct_addr_v4u32(&ps[k++].u.addr, 0xc0000201);
	ps[k].type = SCT_PARAM_IPV6;
	sct_addr_parse(&ps[k++].u.addr, "2001:db8::1");
	ps[k].type = SCT_PARAM_COOKIE_PRESERVATIVE;
	ps[k++].u.cookie_inc_ms = 5000;
	ps[k].type = SCT_PARAM_SUPPORTED_ADDR_TYPES;
	ps[k++].u.addr_types = sct_u16_list_fill(lb[0], at, 3);
	ps[k++].type = SCT_PARAM_ECN_CAPABLE;
	ps[k++].type = SCT_PARAM_FORWARD_TSN_SUPPORTED;
	ps[k].type = SCT_PARAM_ZERO_CHECKSUM;
	ps[k++].u.edmid = 1;
	ps[k].type = SCT_PARAM_RANDOM;
	ps[k].u.bytes.p = rnd;
	ps[k++].u.bytes.len = sizeof(rnd);
	ps[k].type = SCT_PARAM_CHUNK_LIST;
	ps[k].u.chunk_types.p = chunks;
	ps[k++].u.chunk_types.len = sizeof(chunks);
	ps[k].type = SCT_PARAM_HMAC_ALGO;
	ps[k++].u.hmac_ids = sct_u16_list_fill(lb[1], hm, 2);
	ps[k].type = SCT_PARAM_PADDING;
	ps[k].u.bytes.p = pad;
	ps[k++].u.bytes.len = sizeof(pad);
	ps[k].type = SCT_PARAM_SUPPORTED_EXT;
	ps[k].u.chunk_types.p = ext;
	ps[k++].u.chunk_types.len = sizeof(ext);
	ps[k].type = SCT_PARAM_ADAPTATION_IND;
	ps[k++].u.adaptation = 0x01020304;
	ps[k].type = SCT_PARAM_SET_PRIMARY;
	ps[k].u.asconf.cid = 1;
	sct_addr_v4u32(&ps[k++].u.asconf.addr, 0xc0000201);
	n = emit_all(ps, k, buf);

	CU_ASSERT_EQUAL_FATAL(sct_init_params_parse(buf, n, false, &ip), 0);
	CU_ASSERT_EQUAL(ip.n_addrs, 2);
	CU_ASSERT_TRUE(ip.has_cookie_preservative);
	CU_ASSERT_EQUAL(ip.cookie_inc_ms, 5000);
	/* Host Name "MUST be ignored when receiving", unknown 0x1234 too */
	CU_ASSERT_EQUAL(ip.addr_types, SCT_ADDRTYPE_V4);
	CU_ASSERT_TRUE(ip.ecn_capable);
	CU_ASSERT_TRUE(ip.forward_tsn);
	CU_ASSERT_TRUE(ip.has_zero_checksum);
	CU_ASSERT_EQUAL(ip.edmid, 1);
	CU_ASSERT_TRUE(ip.has_random && ip.has_chunk_list && ip.has_hmac_algo);
	CU_ASSERT_EQUAL(sct_u16_list_get(&ip.hmac_ids, 0), SCT_HMAC_SHA256);
	CU_ASSERT_TRUE(ip.has_supported_ext);
	CU_ASSERT_TRUE(ip.has_adaptation);
	CU_ASSERT_EQUAL(ip.adaptation, 0x01020304);
	CU_ASSERT_TRUE(ip.has_set_primary);
	CU_ASSERT_FALSE(ip.stopped);
	CU_ASSERT_EQUAL(ip.n_report, 0);
	CU_ASSERT_FALSE(ip.has_host_name);

	/* RFC 4820 4: PAD "MAY be included only in the INIT chunk"; in an
	 * INIT ACK it is unknown, 0x8005 = skip.  Cookie Preservative and
	 * Supported Address Types are INIT-only and stop (bits 00): put the
	 * stop-free subset plus a cookie into an INIT ACK. */
	{
		static const uint8_t cookie[] = {1, 2, 3, 4};
		struct sct_param ack[4];

		memset(ack, 0, sizeof(ack));
		ack[0] = ps[10]; /* PADDING */
		ack[1].type = SCT_PARAM_STATE_COOKIE;
		ack[1].u.bytes.p = cookie;
		ack[1].u.bytes.len = sizeof(cookie);
		ack[2] = ps[0];
		ack[3] = ps[13]; /* SET_PRIMARY */
		n = emit_all(ack, 4, buf);
		CU_ASSERT_EQUAL_FATAL(sct_init_params_parse(buf, n, true, &ip), 0);
		CU_ASSERT_FALSE(ip.stopped);
		CU_ASSERT_EQUAL(ip.n_report, 0);
		CU_ASSERT_EQUAL(ip.n_addrs, 1);
		CU_ASSERT_EQUAL(ip.state_cookie.len, 4);
	}
}

static void rfc9260_3_2_1_unknown_param_actions(void)
{
	static const struct {
		const char *type;
		bool stop, report;
	} cases[] = {
	    {"0123", true, false},  /* 00: stop, do not report */
	    {"4123", true, true},   /* 01: stop, report */
	    {"8123", false, false}, /* 10: skip */
	    {"c123", false, true},  /* 11: skip, report */
	};
	struct sct_init_params ip;
	char hex[128];
	size_t i, n;

	for (i = 0; i < 4; i++) {
		/* IPv4 A, the unknown parameter, IPv4 B, ECN */
		snprintf(hex, sizeof(hex),
			 "0005 0008 c0000201 %s 0006 abcd 0000 "
			 "0005 0008 c0000202 8000 0004",
			 cases[i].type);
		n = unhex(hex, buf);
		CU_ASSERT_EQUAL_FATAL(sct_init_params_parse(buf, n, false, &ip), 0);
		CU_ASSERT_EQUAL(ip.stopped, cases[i].stop);
		CU_ASSERT_EQUAL(ip.n_addrs, cases[i].stop ? 1 : 2);
		CU_ASSERT_EQUAL(ip.ecn_capable, !cases[i].stop);
		CU_ASSERT_EQUAL(ip.n_report, cases[i].report ? 1 : 0);
		if (cases[i].report) {
			/* the whole TLV, without padding */
			CU_ASSERT_PTR_EQUAL(ip.report[0].p, buf + 8);
			CU_ASSERT_EQUAL(ip.report[0].len, 6);
		}
		if (cases[i].stop)
			CU_ASSERT_EQUAL(ip.stop_type, sct_get_u16(buf + 8));
	}
}

static void rfc9260_3_2_1_report_list_bounded(void)
{
	struct sct_init_params ip;
	struct sct_wr w = sct_wr_init(buf, sizeof(buf));
	size_t i;

	for (i = 0; i < SCT_INIT_MAX_REPORT + 3; i++) {
		sct_wr_u16(&w, 0xc123);
		sct_wr_u16(&w, 4);
	}
	CU_ASSERT_EQUAL_FATAL(sct_init_params_parse(buf, w.off, false, &ip), 0);
	CU_ASSERT_EQUAL(ip.n_report, SCT_INIT_MAX_REPORT);
	CU_ASSERT_EQUAL(ip.n_report_dropped, 3);
}

static void rfc9260_3_3_2_too_many_addresses(void)
{
	struct sct_init_params ip;
	struct sct_wr w = sct_wr_init(buf, sizeof(buf));
	struct sct_param p;
	size_t i;

	memset(&p, 0, sizeof(p));
	p.type = SCT_PARAM_IPV4;
	for (i = 0; i < SCT_INIT_MAX_ADDRS + 8; i++) {
		sct_addr_v4u32(&p.u.addr, 0x0a000001 + (uint32_t)i);
		CU_ASSERT_EQUAL_FATAL(sct_param_emit(&w, &p), 0);
	}
	CU_ASSERT_EQUAL_FATAL(sct_init_params_parse(buf, w.off, false, &ip), 0);
	CU_ASSERT_EQUAL(ip.n_addrs, SCT_INIT_MAX_ADDRS);
	CU_ASSERT_EQUAL(ip.n_addrs_dropped, 8);
	CU_ASSERT_EQUAL(ip.addrs[SCT_INIT_MAX_ADDRS - 1].b[3], SCT_INIT_MAX_ADDRS);
}

static void rfc9260_3_3_3_init_ack_without_cookie(void)
{
	struct sct_init_params ip;
	size_t n = unhex("0005 0008 c0000201 8000 0004", buf);

	CU_ASSERT_EQUAL(sct_init_params_parse(buf, n, true, &ip), SCT_WE_PARAM_MISSING);
	CU_ASSERT_EQUAL(sct_init_params_parse(buf, 0, true, &ip), SCT_WE_PARAM_MISSING);
	CU_ASSERT_EQUAL(sct_init_params_parse(buf, n, false, &ip), 0);
}

static void rfc9260_3_2_1_init_ack_cookie_found_after_stop(void)
{
	struct sct_init_params ip;
	/* unknown 0x4123 (stop, report) before the cookie and an address */
	size_t n = unhex("4123 0004 0005 0008 c0000201 0007 0008 aabbccdd", buf);

	CU_ASSERT_EQUAL_FATAL(sct_init_params_parse(buf, n, true, &ip), 0);
	CU_ASSERT_TRUE(ip.stopped);
	CU_ASSERT_EQUAL(ip.n_report, 1);
	CU_ASSERT_EQUAL(ip.n_addrs, 0); /* not processed */
	CU_ASSERT_TRUE(ip.has_state_cookie);
	CU_ASSERT_EQUAL(ip.state_cookie.len, 4);
	/* framing is still checked after a stop */
	n = unhex("4123 0004 0007 0008 aabbccdd 0005 0009 c0000201", buf);
	CU_ASSERT_EQUAL(sct_init_params_parse(buf, n, true, &ip), SCT_WE_PARAM_LEN);
}

static void rfc9260_3_3_2_1_4_host_name_present(void)
{
	struct sct_init_params ip;
	size_t n = unhex("000b 0010 6578616d706c652e636f6d00 0005 0008 c0000201", buf);

	CU_ASSERT_EQUAL_FATAL(sct_init_params_parse(buf, n, false, &ip), 0);
	CU_ASSERT_TRUE(ip.has_host_name);
	CU_ASSERT_PTR_EQUAL(ip.host_name_tlv.p, buf);
	CU_ASSERT_EQUAL(ip.host_name_tlv.len, 16);
	CU_ASSERT_EQUAL(ip.n_addrs, 1);
}

static void rfc9260_3_3_3_1_2_init_ack_peer_unrecognized(void)
{
	struct sct_init_params ip;
	size_t n = unhex("0008 000a 4123 0006 beef 0000 0007 0008 aabbccdd", buf);

	CU_ASSERT_EQUAL_FATAL(sct_init_params_parse(buf, n, true, &ip), 0);
	CU_ASSERT_EQUAL(ip.n_peer_unrec, 1);
	CU_ASSERT_EQUAL(sct_get_u16(ip.peer_unrec[0].p), 0x4123);
	/* in an INIT it is not valid: type 8 has bits 00, processing stops */
	CU_ASSERT_EQUAL_FATAL(sct_init_params_parse(buf, n, false, &ip), 0);
	CU_ASSERT_TRUE(ip.stopped);
	CU_ASSERT_EQUAL(ip.n_report, 0);
}

static void rfc4895_3_init_params_at_most_once(void)
{
	struct sct_init_params ip;
	size_t n;

	n = unhex("8002 0024" RANDOM32 "8002 0024" RANDOM32, buf);
	CU_ASSERT_EQUAL(sct_init_params_parse(buf, n, false, &ip), SCT_WE_PARAM_DUP);
	n = unhex("8004 0006 0001 0000 8004 0006 0001 0000", buf);
	CU_ASSERT_EQUAL(sct_init_params_parse(buf, n, false, &ip), SCT_WE_PARAM_DUP);
	/* zero checksum draft 4: "MUST NOT appear more than once in any chunk" */
	n = unhex("8001 0008 00000001 8001 0008 00000001", buf);
	CU_ASSERT_EQUAL(sct_init_params_parse(buf, n, false, &ip), SCT_WE_PARAM_DUP);
	/* RFC 5061 4.2.7: "MUST NOT include multiple Supported Extensions" */
	n = unhex("8008 0005 c0 000000 8008 0005 c1 000000", buf);
	CU_ASSERT_EQUAL(sct_init_params_parse(buf, n, false, &ip), SCT_WE_PARAM_DUP);
	/* a bad value of a known parameter fails the whole area */
	n = unhex("8002 0014 00000000 00000000 00000000 00000000", buf);
	CU_ASSERT_EQUAL(sct_init_params_parse(buf, n, false, &ip), SCT_WE_PARAM_VALUE);
}

/* ------------------------------------------------------------ ASCONF area */

static void rfc5061_4_1_1_asconf_area(void)
{
	struct sct_asconf_params ap;
	size_t n;

	n = unhex("0005 0008 c0000202 c001 0010 01023474 0005 0008 c0000201 "
		  "c004 0010 01023479 0005 0008 c0000201",
		  buf);
	CU_ASSERT_EQUAL_FATAL(sct_asconf_params_parse(buf, n, &ap), 0);
	CU_ASSERT_EQUAL(ap.addr.b[3], 2);
	CU_ASSERT_EQUAL(ap.n_requests, 2);
	CU_ASSERT_PTR_EQUAL(ap.requests.p, buf + 8);
	CU_ASSERT_EQUAL(ap.requests.len, n - 8);
	CU_ASSERT_FALSE(ap.stopped);

	/* the address parameter is mandatory and first */
	n = unhex("c001 0010 01023474 0005 0008 c0000201", buf);
	CU_ASSERT_EQUAL(sct_asconf_params_parse(buf, n, &ap), SCT_WE_PARAM_MISSING);
	CU_ASSERT_EQUAL(sct_asconf_params_parse(buf, 0, &ap), SCT_WE_PARAM_MISSING);

	/* Adaptation (0xC006, bits 11) is not a request: skipped and reported;
	 * Host Name (11, bits 00) "MUST be ignored": stop */
	n = unhex("0005 0008 c0000202 c006 0008 00000001 000b 0008 61626300 "
		  "c002 0010 01023476 0005 0008 c0000201",
		  buf);
	CU_ASSERT_EQUAL_FATAL(sct_asconf_params_parse(buf, n, &ap), 0);
	CU_ASSERT_EQUAL(ap.n_report, 1);
	CU_ASSERT_TRUE(ap.stopped);
	CU_ASSERT_EQUAL(ap.stop_type, SCT_PARAM_HOST_NAME);
	CU_ASSERT_EQUAL(ap.n_requests, 0);

	/* a malformed request fails the area */
	n = unhex("0005 0008 c0000202 c001 0010 01023474 0005 0008 e0000001", buf);
	CU_ASSERT_EQUAL(sct_asconf_params_parse(buf, n, &ap), SCT_WE_PARAM_VALUE);
}

/* --------------------------------------------------------- RE-CONFIG area */

#define OUT_REQ "000d 0010 00000001 00000000 00000000 "
#define IN_REQ	"000e 0008 00000002 "
#define TSN_REQ "000f 0008 00000003 "
#define RESP	"0010 000c 00000001 00000001 "
#define ADD_OUT "0011 000c 00000005 0003 0000 "
#define ADD_IN	"0012 000c 00000006 0004 0000 "

static void rfc6525_3_1_allowed_combinations(void)
{
	static const char *const ok[] = {
	    OUT_REQ,	    IN_REQ, OUT_REQ IN_REQ, TSN_REQ,   ADD_OUT,	       ADD_IN,
	    ADD_OUT ADD_IN, RESP,   RESP OUT_REQ,   RESP RESP, IN_REQ OUT_REQ, /* pairs in either
										  order */
	};
	struct sct_reconf_params rp;
	size_t i, n;

	for (i = 0; i < sizeof(ok) / sizeof(ok[0]); i++) {
		n = unhex(ok[i], buf);
		CU_ASSERT_EQUAL(sct_reconf_params_parse(buf, n, &rp), 0);
	}
	n = unhex(RESP OUT_REQ, buf);
	CU_ASSERT_EQUAL_FATAL(sct_reconf_params_parse(buf, n, &rp), 0);
	CU_ASSERT_EQUAL(rp.n, 2);
	CU_ASSERT_EQUAL(rp.param[0].type, SCT_PARAM_RECONF_RESPONSE);
	CU_ASSERT_EQUAL(rp.param[0].u.reconf_resp.result, SCT_RECONF_SUCCESS_PERFORMED);
	CU_ASSERT_EQUAL(rp.param[1].type, SCT_PARAM_OUT_SSN_RESET);
}

static void rfc6525_3_1_rejected_combinations(void)
{
	static const char *const bad[] = {
	    OUT_REQ OUT_REQ,
	    IN_REQ IN_REQ,
	    TSN_REQ TSN_REQ,
	    TSN_REQ OUT_REQ,
	    RESP IN_REQ,
	    RESP TSN_REQ,
	    ADD_OUT ADD_OUT,
	    ADD_OUT OUT_REQ,
	    RESP ADD_IN,
	    OUT_REQ IN_REQ RESP, /* three */
	    "8000 0004",	 /* not a RE-CONFIG parameter */
	    OUT_REQ "0007 0008 aabbccdd",
	};
	struct sct_reconf_params rp;
	size_t i, n;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		n = unhex(bad[i], buf);
		CU_ASSERT_EQUAL(sct_reconf_params_parse(buf, n, &rp), SCT_WE_RECONF_COMBO);
	}
	CU_ASSERT_EQUAL(sct_reconf_params_parse(buf, 0, &rp), SCT_WE_PARAM_MISSING);
	n = unhex("0010 0010 00000001 00000000 00000005", buf);
	CU_ASSERT_EQUAL(sct_reconf_params_parse(buf, n, &rp), SCT_WE_PARAM_VALUE);
}

/* ------------------------------------------------------------- printers */

static void printers_one_line(void)
{
	struct sct_param p;
	struct sct_cause c;
	char s[128];
	int n;

	CU_ASSERT_EQUAL_FATAL(parse_one("0005 0008 c0000201", &p), 0);
	sct_param_fmt(&p, s, sizeof(s));
	CU_ASSERT_STRING_EQUAL(s, "IPv4 192.0.2.1");
	CU_ASSERT_EQUAL_FATAL(parse_one_cause("0003 0008 000004b0", &c), 0);
	sct_cause_fmt(&c, s, sizeof(s));
	CU_ASSERT_STRING_EQUAL(s, "StaleCookie staleness=1200us");
	CU_ASSERT_EQUAL_FATAL(parse_one("0010 0014 00000004 00000002 00000064 000000c8", &p), 0);
	sct_param_fmt(&p, s, sizeof(s));
	CU_ASSERT_STRING_EQUAL(s, "ReconfResponse seq=4 result=Denied snd_next_tsn=100 "
				  "rcv_next_tsn=200");
	CU_ASSERT_EQUAL_FATAL(parse_one("000d 0014 00000001 00000000 000003e8 0001 0002", &p), 0);
	sct_param_fmt(&p, s, sizeof(s));
	CU_ASSERT_STRING_EQUAL(s, "OutSSNReset req=1 resp=0 last_tsn=1000 streams=1,2");
	CU_ASSERT_EQUAL_FATAL(parse_one("000b 0010 6578616d706c652e636f6d00", &p), 0);
	sct_param_fmt(&p, s, sizeof(s));
	CU_ASSERT_STRING_EQUAL(s, "HostName \"example.com\"");
	CU_ASSERT_EQUAL_FATAL(parse_one("c001 0010 01023474 0005 0008 c0000201", &p), 0);
	sct_param_fmt(&p, s, sizeof(s));
	CU_ASSERT_STRING_EQUAL(s, "AddIP cid=0x01023474 192.0.2.1");
	CU_ASSERT_EQUAL_FATAL(parse_one_cause("0002 000c 00000002 0007 000c", &c), 0);
	sct_cause_fmt(&c, s, sizeof(s));
	CU_ASSERT_STRING_EQUAL(s, "MissingParam StateCookie,SupportedAddrTypes");
	CU_ASSERT_EQUAL_FATAL(parse_one("7777 0006 abcd 0000", &p), 0);
	sct_param_fmt(&p, s, sizeof(s));
	CU_ASSERT_STRING_EQUAL(s, "Unknown(0x7777) len=2");
	/* truncation: returns the length needed, writes a terminated prefix */
	CU_ASSERT_EQUAL_FATAL(parse_one("0005 0008 c0000201", &p), 0);
	n = sct_param_fmt(&p, s, 6);
	CU_ASSERT_EQUAL(n, 14);
	CU_ASSERT_STRING_EQUAL(s, "IPv4 ");
	CU_ASSERT_EQUAL(sct_param_fmt(&p, NULL, 0), 14);
	CU_ASSERT_STRING_EQUAL(sct_param_name(SCT_PARAM_ZERO_CHECKSUM), "ZeroChecksum");
	CU_ASSERT_STRING_EQUAL(sct_cause_name(SCT_CAUSE_UNSUPPORTED_HMAC), "UnsupportedHMAC");
}

static void printers_cover_every_vector(void)
{
	char s[256];
	size_t i;

	for (i = 0; i < sizeof(param_vectors) / sizeof(param_vectors[0]); i++) {
		struct sct_param p;

		CU_ASSERT_EQUAL_FATAL(parse_one(param_vectors[i], &p), 0);
		CU_ASSERT_TRUE(sct_param_fmt(&p, s, sizeof(s)) > 0);
		CU_ASSERT_EQUAL(strncmp(s, sct_param_name(p.type), strlen(sct_param_name(p.type))),
				0);
		CU_ASSERT_PTR_NULL(strchr(s, '\n'));
	}
	for (i = 0; i < sizeof(cause_vectors) / sizeof(cause_vectors[0]); i++) {
		struct sct_cause c;

		CU_ASSERT_EQUAL_FATAL(parse_one_cause(cause_vectors[i], &c), 0);
		CU_ASSERT_TRUE(sct_cause_fmt(&c, s, sizeof(s)) > 0);
		CU_ASSERT_PTR_NULL(strchr(s, '\n'));
	}
}

static const struct sct_test roundtrip_tests[] = {
    SCT_TEST(rfc9260_3_2_1_every_param_bytes_struct_bytes),
    SCT_TEST(rfc9260_3_2_1_every_param_struct_bytes_struct),
    SCT_TEST(rfc9260_3_3_10_every_cause_bytes_struct_bytes),
    SCT_TEST(rfc9260_3_3_10_every_cause_struct_bytes_struct),
    SCT_TEST_END,
};

static const struct sct_test framing_tests[] = {
    SCT_TEST(rfc9260_3_2_1_short_tlv),
    SCT_TEST(rfc9260_3_2_1_length_below_4),
    SCT_TEST(rfc9260_3_2_1_length_past_area),
    SCT_TEST(rfc9260_3_2_area_ends_inside_padding),
    SCT_TEST(rfc9260_3_2_last_param_padding_optional),
    SCT_TEST(rfc9260_3_2_1_padding_content_ignored),
    SCT_TEST(rfc9260_3_3_10_cause_framing),
    SCT_TEST_END,
};

static const struct sct_test value_tests[] = {
    SCT_TEST(rfc9260_3_3_2_1_wrong_fixed_length),
    SCT_TEST(rfc9260_3_3_2_1_5_addr_types_empty_or_odd),
    SCT_TEST(rfc9260_3_3_3_1_1_state_cookie_empty),
    SCT_TEST(rfc9260_3_3_2_1_4_host_name_needs_nul),
    SCT_TEST(rfc9260_3_3_3_1_2_unrecognized_wraps_one_tlv),
    SCT_TEST(rfc5061_4_2_asconf_request_malformed),
    SCT_TEST(rfc6525_4_reconf_param_lengths),
    SCT_TEST(rfc4895_3_random_must_be_32_bytes),
    SCT_TEST(rfc4895_3_3_hmac_algo_list),
    SCT_TEST(rfc4895_3_2_chunk_list),
    SCT_TEST(emit_refuses_bad_struct_and_small_buffer),
    SCT_TEST(rfc9260_3_3_10_cause_malformations),
    SCT_TEST(rfc9260_3_3_10_unknown_cause_iterated),
    SCT_TEST_END,
};

static const struct sct_test init_tests[] = {
    SCT_TEST(rfc9260_3_3_2_usrsctp_init),
    SCT_TEST(rfc9260_3_3_3_usrsctp_init_ack),
    SCT_TEST(rfc9260_3_3_2_init_all_known_params),
    SCT_TEST(rfc9260_3_2_1_unknown_param_actions),
    SCT_TEST(rfc9260_3_2_1_report_list_bounded),
    SCT_TEST(rfc9260_3_3_2_too_many_addresses),
    SCT_TEST(rfc9260_3_3_3_init_ack_without_cookie),
    SCT_TEST(rfc9260_3_2_1_init_ack_cookie_found_after_stop),
    SCT_TEST(rfc9260_3_3_2_1_4_host_name_present),
    SCT_TEST(rfc9260_3_3_3_1_2_init_ack_peer_unrecognized),
    SCT_TEST(rfc4895_3_init_params_at_most_once),
    SCT_TEST_END,
};

static const struct sct_test area_tests[] = {
    SCT_TEST(rfc5061_4_1_1_asconf_area),	 SCT_TEST(rfc6525_3_1_allowed_combinations),
    SCT_TEST(rfc6525_3_1_rejected_combinations), SCT_TEST(printers_one_line),
    SCT_TEST(printers_cover_every_vector),	 SCT_TEST_END,
};

SCT_TEST_MAIN(roundtrip_tests, framing_tests, value_tests, init_tests, area_tests)
