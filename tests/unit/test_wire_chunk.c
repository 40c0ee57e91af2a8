/* SPDX-License-Identifier: MIT */
/* test_wire_chunk.c: SCTP common header, CRC32c, chunk iteration, chunk codecs, printer. */
#include "harness.h"

#include <string.h>

#include "common/crc32c.h"
#include "wire/chunk.h"
#include "wire/print.h"
#include "wire/sctp.h"
#include "wire/wire_err.h"

#include "vectors_sctp_capture.h"

#define NCAPTURE (sizeof(capture) / sizeof(capture[0]))

static uint8_t pkt[2048];
static uint8_t out[2048];

/* unhex @hex into pkt and return its length */
static size_t load(const char *hex)
{
	return sct_test_unhex(hex, pkt, sizeof(pkt));
}

/* read the single chunk of a hex chunk (no common header) into @c */
static size_t load_chunk(const char *hex, struct sct_chunk *c)
{
	size_t n = load(hex);

	CU_ASSERT_EQUAL_FATAL(sct_chunk_read(pkt, n, c), 0);
	return n;
}

/* parse a chunk given in hex with its type's codec; return the error */
static int parse_hex(const char *hex, union sct_chunk_any *a)
{
	struct sct_chunk c;
	size_t n = load(hex);
	int err = sct_chunk_read(pkt, n, &c);

	return err ? err : sct_chunk_parse_any(&c, a);
}

/*
 * emit(x) must give exactly the bytes @hex (layout, length, padding), and
 * parse(bytes) must succeed into @y for the caller to compare with x.
 */
static void codec_check(uint8_t type, const union sct_chunk_any *x, const char *hex,
			union sct_chunk_any *y)
{
	struct sct_wr w = sct_wr_init(out, sizeof(out));
	struct sct_chunk c;
	size_t n = load(hex);

	CU_ASSERT_EQUAL_FATAL(sct_chunk_emit_any(&w, type, x), 0);
	CU_ASSERT_EQUAL_FATAL(w.off, n);
	SCT_ASSERT_BYTES(out, pkt, n);
	CU_ASSERT_EQUAL_FATAL(sct_chunk_read(pkt, n, &c), 0);
	CU_ASSERT_EQUAL(c.type, type);
	memset(y, 0xa5, sizeof(*y));
	CU_ASSERT_EQUAL_FATAL(sct_chunk_parse_any(&c, y), 0);
}

#define SAME_AREA(p1, l1, p2, l2)                                                                  \
	do {                                                                                       \
		CU_ASSERT_EQUAL_FATAL((l1), (l2));                                                 \
		if (l1)                                                                            \
			SCT_ASSERT_BYTES((p1), (p2), (l1));                                        \
	} while (0)

/* ---------------------------------------------------------------- common header and CRC */

static void rfc9260_3_1_header_parse(void)
{
	struct sct_sctp_hdr h;
	size_t n = load(capture[0].hex);

	CU_ASSERT_EQUAL(sct_sctp_hdr_parse(pkt, n, &h), 0);
	CU_ASSERT_EQUAL(h.src_port, 0xd482);
	CU_ASSERT_EQUAL(h.dst_port, 7);
	CU_ASSERT_EQUAL(h.vtag, 0); /* INIT: vtag 0 (RFC 9260 8.5.1) */
	CU_ASSERT_EQUAL(h.checksum, sct_sctp_crc(pkt, n));
	CU_ASSERT_EQUAL(sct_sctp_hdr_parse(pkt, 11, &h), SCT_WE_TRUNCATED);
}

static void rfc9260_3_1_port_zero(void)
{
	struct sct_sctp_hdr h;
	size_t n = load("0000 0007 00000000 00000000 0b000004");

	CU_ASSERT_EQUAL(sct_sctp_hdr_parse(pkt, n, &h), SCT_WE_SCTP_PORT);
	n = load("0007 0000 00000000 00000000 0b000004");
	CU_ASSERT_EQUAL(sct_sctp_hdr_parse(pkt, n, &h), SCT_WE_SCTP_PORT);
	CU_ASSERT_EQUAL(sct_sctp_packet_check(pkt, n), SCT_WE_SCTP_PORT);
	h.src_port = 0;
	h.dst_port = 7;
	{
		struct sct_wr w = sct_wr_init(out, sizeof(out));

		CU_ASSERT_EQUAL(sct_sctp_hdr_emit(&w, &h), SCT_WE_SCTP_PORT);
	}
}

/* Every captured packet verifies, and one flipped bit anywhere breaks it. */
static void rfc9260_appb_crc32c_real_packets(void)
{
	size_t i, n;

	for (i = 0; i < NCAPTURE; i++) {
		n = load(capture[i].hex);
		CU_ASSERT_EQUAL(sct_sctp_crc_check(pkt, n), 0);
		pkt[n - 1] ^= 0x01;
		CU_ASSERT_EQUAL(sct_sctp_crc_check(pkt, n), SCT_WE_SCTP_CRC);
		pkt[n - 1] ^= 0x01;
		pkt[8] ^= 0x80;
		CU_ASSERT_EQUAL(sct_sctp_crc_check(pkt, n), SCT_WE_SCTP_CRC);
	}
	CU_ASSERT_EQUAL(sct_sctp_crc_check(pkt, 11), SCT_WE_TRUNCATED);
}

/*
 * RFC 9260 appendix B: the checksum is computed with the field zeroed and
 * its bytes are the little-endian form of sct_crc32c().  Frame 26 of the
 * capture (SHUTDOWN COMPLETE) carries a6 da c1 ba on the wire.
 */
static void rfc9260_appb_crc32c_byte_order(void)
{
	size_t n = load("d48200078068d96d a6dac1ba 0e000004");
	uint8_t z[16];

	memcpy(z, pkt, n);
	memset(z + 8, 0, 4);
	CU_ASSERT_EQUAL(sct_crc32c(0, z, n), 0xbac1daa6);
	CU_ASSERT_EQUAL(sct_sctp_crc(pkt, n), 0xbac1daa6);
	memset(pkt + 8, 0x55, 4);
	CU_ASSERT_EQUAL(sct_sctp_crc_set(pkt, n), 0);
	CU_ASSERT_EQUAL(pkt[8], 0xa6);
	CU_ASSERT_EQUAL(pkt[11], 0xba);
}

/* The packet emitter rebuilds the captured SHUTDOWN COMPLETE byte for byte. */
static void rfc9260_3_packet_emitter(void)
{
	struct sct_sctp_hdr h = {.src_port = 0xd482, .dst_port = 7, .vtag = 0x8068d96d};
	struct sct_chunk_empty sc = {.flags = 0};
	struct sct_wr w = sct_wr_init(out, sizeof(out));
	size_t n = load(capture[NCAPTURE - 1].hex);

	CU_ASSERT_EQUAL(sct_sctp_hdr_emit(&w, &h), 0);
	CU_ASSERT_EQUAL(sct_shutdown_complete_emit(&w, &sc), 0);
	CU_ASSERT_EQUAL(sct_sctp_finish(&w, 0), 0);
	CU_ASSERT_EQUAL_FATAL(w.off, n);
	SCT_ASSERT_BYTES(out, pkt, n);

	/* at an offset, and with a writer that overflowed */
	w = sct_wr_init(out, sizeof(out));
	sct_wr_u32(&w, 0xffffffff);
	CU_ASSERT_EQUAL(sct_sctp_hdr_emit(&w, &h), 0);
	CU_ASSERT_EQUAL(sct_shutdown_complete_emit(&w, &sc), 0);
	CU_ASSERT_EQUAL(sct_sctp_finish(&w, 4), 0);
	SCT_ASSERT_BYTES(out + 4, pkt, n);
	w = sct_wr_init(out, 14);
	CU_ASSERT_EQUAL(sct_sctp_hdr_emit(&w, &h), 0);
	CU_ASSERT_EQUAL(sct_shutdown_complete_emit(&w, &sc), SCT_WE_NOSPACE);
	CU_ASSERT_EQUAL(sct_sctp_finish(&w, 0), SCT_WE_NOSPACE);
}

static const struct sct_test header_tests[] = {
    SCT_TEST(rfc9260_3_1_header_parse),		SCT_TEST(rfc9260_3_1_port_zero),
    SCT_TEST(rfc9260_appb_crc32c_real_packets), SCT_TEST(rfc9260_appb_crc32c_byte_order),
    SCT_TEST(rfc9260_3_packet_emitter),		SCT_TEST_END,
};

/* ---------------------------------------------------------------- chunk iteration */

#define HDR "0001 0002 00000001 00000000 "

static void rfc9260_3_2_iterate_bundle(void)
{
	struct sct_chunk_iter it;
	struct sct_chunk c;
	/* SACK + DATA (frame 20 of the capture) */
	size_t n = load(capture[9].hex);

	sct_chunk_iter_init(&it, pkt, n);
	CU_ASSERT_EQUAL(sct_chunk_next(&it, &c), 1);
	CU_ASSERT_EQUAL(c.type, SCT_CHUNK_SACK);
	CU_ASSERT_EQUAL(c.length, 16);
	CU_ASSERT_EQUAL(c.offset, 12);
	CU_ASSERT_PTR_EQUAL(c.value, pkt + 16);
	CU_ASSERT_EQUAL(sct_chunk_next(&it, &c), 1);
	CU_ASSERT_EQUAL(c.type, SCT_CHUNK_DATA);
	CU_ASSERT_EQUAL(c.flags, 0x03);
	CU_ASSERT_EQUAL(c.length, 36);
	CU_ASSERT_EQUAL(c.value_len, 32);
	CU_ASSERT_EQUAL(c.offset, 28);
	CU_ASSERT_EQUAL(sct_chunk_next(&it, &c), 0);
	CU_ASSERT_EQUAL(sct_chunk_next(&it, &c), 0);
	CU_ASSERT_EQUAL(sct_sctp_packet_check(pkt, n), 2);
}

static void rfc9260_3_2_chunk_len_below_4(void)
{
	struct sct_chunk_iter it;
	struct sct_chunk c;
	size_t n = load(HDR "0b000003 00000000");

	sct_chunk_iter_init(&it, pkt, n);
	CU_ASSERT_EQUAL(sct_chunk_next(&it, &c), SCT_WE_CHUNK_LEN);
	CU_ASSERT_EQUAL(sct_chunk_next(&it, &c), SCT_WE_CHUNK_LEN); /* sticky */
	CU_ASSERT_EQUAL(sct_sctp_packet_check(pkt, n), SCT_WE_CHUNK_LEN);
}

static void rfc9260_3_2_chunk_len_past_packet(void)
{
	struct sct_chunk_iter it;
	struct sct_chunk c;
	size_t n = load(HDR "0b000004 07000010 00000001");

	sct_chunk_iter_init(&it, pkt, n);
	CU_ASSERT_EQUAL(sct_chunk_next(&it, &c), 1);
	CU_ASSERT_EQUAL(sct_chunk_next(&it, &c), SCT_WE_CHUNK_LEN);
}

/* Padding: required even on the last chunk, but its contents are ignored. */
static void rfc9260_3_2_missing_padding(void)
{
	size_t n = load(HDR "0a000005 aa");

	CU_ASSERT_EQUAL(sct_sctp_packet_check(pkt, n), SCT_WE_CHUNK_PAD);
	n = load(HDR "0a000005 aa000000 0b000004");
	CU_ASSERT_EQUAL(sct_sctp_packet_check(pkt, n), 2);
	n = load(HDR "0a000005 aaffffff"); /* nonzero pad: "MUST ignore the padding bytes" */
	CU_ASSERT_EQUAL(sct_sctp_packet_check(pkt, n), 1);
}

static void rfc9260_3_2_trailing_partial_header(void)
{
	size_t n = load(HDR "0b000004 0b00");

	CU_ASSERT_EQUAL(sct_sctp_packet_check(pkt, n), SCT_WE_TRUNCATED);
	CU_ASSERT_EQUAL(sct_sctp_packet_check(pkt, 11), SCT_WE_TRUNCATED);
}

static void rfc9260_3_empty_packet(void)
{
	size_t n = load(HDR);

	CU_ASSERT_EQUAL(sct_sctp_packet_check(pkt, n), SCT_WE_CHUNK_EMPTY);
}

static void rfc9260_6_10_bundling(void)
{
	/* INIT, INIT ACK, SHUTDOWN COMPLETE alone: fine; with anything: refused */
	static const char *const bad[] = {
	    HDR "01000014 00000001 00010000 00010001 00000000 0b000004",
	    HDR "0b000004 02000014 00000001 00010000 00010001 00000000",
	    HDR "0e000004 0e000004",
	    HDR "84000004 0e010004",
	};
	size_t i, n;

	n = load(HDR "0e010004");
	CU_ASSERT_EQUAL(sct_sctp_packet_check(pkt, n), 1);
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		n = load(bad[i]);
		CU_ASSERT_EQUAL(sct_sctp_packet_check(pkt, n), SCT_WE_CHUNK_BUNDLING);
	}
}

static const struct sct_test iter_tests[] = {
    SCT_TEST(rfc9260_3_2_iterate_bundle),
    SCT_TEST(rfc9260_3_2_chunk_len_below_4),
    SCT_TEST(rfc9260_3_2_chunk_len_past_packet),
    SCT_TEST(rfc9260_3_2_missing_padding),
    SCT_TEST(rfc9260_3_2_trailing_partial_header),
    SCT_TEST(rfc9260_3_empty_packet),
    SCT_TEST(rfc9260_6_10_bundling),
    SCT_TEST_END,
};

/* ---------------------------------------------------------------- round trips, one per chunk */

static const uint8_t abcde[] = "abcde";

static void rfc9260_3_3_1_data_roundtrip(void)
{
	union sct_chunk_any x = {.data = {.flags = SCT_DATA_FLAG_B | SCT_DATA_FLAG_E,
					  .tsn = 123,
					  .sid = 0,
					  .ssn = 1,
					  .ppid = 0,
					  .user_data = abcde,
					  .user_data_len = 5}};
	union sct_chunk_any y;

	codec_check(SCT_CHUNK_DATA, &x, "00030015 0000007b 00000001 00000000 6162636465 000000",
		    &y);
	CU_ASSERT_EQUAL(y.data.flags, x.data.flags);
	CU_ASSERT_EQUAL(y.data.tsn, 123);
	CU_ASSERT_EQUAL(y.data.sid, 0);
	CU_ASSERT_EQUAL(y.data.ssn, 1);
	CU_ASSERT_EQUAL(y.data.ppid, 0);
	SAME_AREA(y.data.user_data, y.data.user_data_len, abcde, (size_t)5);
}

static void rfc8260_2_1_idata_roundtrip(void)
{
	union sct_chunk_any x = {.idata = {.flags = SCT_DATA_FLAG_U | SCT_DATA_FLAG_B,
					   .tsn = 0x01020304,
					   .sid = 7,
					   .mid = 9,
					   .ppid_fsn = 51,
					   .user_data = abcde,
					   .user_data_len = 2}};
	union sct_chunk_any y;

	codec_check(SCT_CHUNK_I_DATA, &x, "40060016 01020304 00070000 00000009 00000033 6162 0000",
		    &y);
	CU_ASSERT_EQUAL(y.idata.flags, 0x06);
	CU_ASSERT_EQUAL(y.idata.tsn, 0x01020304);
	CU_ASSERT_EQUAL(y.idata.sid, 7);
	CU_ASSERT_EQUAL(y.idata.reserved, 0);
	CU_ASSERT_EQUAL(y.idata.mid, 9);
	CU_ASSERT_EQUAL(y.idata.ppid_fsn, 51);
	SAME_AREA(y.idata.user_data, y.idata.user_data_len, abcde, (size_t)2);
}

static const uint8_t ecn_param[] = {0x80, 0x00, 0x00, 0x04};
static const uint8_t cookie_param[] = {0x00, 0x07, 0x00, 0x08, 1, 2, 3, 4};

static void rfc9260_3_3_2_init_roundtrip(void)
{
	union sct_chunk_any x = {.init = {.itag = 0x1234,
					  .a_rwnd = 106496,
					  .os = 10,
					  .mis = 65535,
					  .itsn = 0xdeadbeef,
					  .params = ecn_param,
					  .params_len = 4}};
	union sct_chunk_any y;

	codec_check(SCT_CHUNK_INIT, &x, "01000018 00001234 0001a000 000affff deadbeef 80000004",
		    &y);
	CU_ASSERT_EQUAL(y.init.flags, 0);
	CU_ASSERT_EQUAL(y.init.itag, 0x1234);
	CU_ASSERT_EQUAL(y.init.a_rwnd, 106496);
	CU_ASSERT_EQUAL(y.init.os, 10);
	CU_ASSERT_EQUAL(y.init.mis, 65535);
	CU_ASSERT_EQUAL(y.init.itsn, 0xdeadbeef);
	SAME_AREA(y.init.params, y.init.params_len, ecn_param, (size_t)4);
}

static void rfc9260_3_3_3_init_ack_roundtrip(void)
{
	union sct_chunk_any x = {.init = {.flags = 0x80, /* reserved: kept, not refused */
					  .itag = 1,
					  .a_rwnd = 1500,
					  .os = 1,
					  .mis = 1,
					  .itsn = 0,
					  .params = cookie_param,
					  .params_len = 8}};
	union sct_chunk_any y;

	codec_check(SCT_CHUNK_INIT_ACK, &x,
		    "0280001c 00000001 000005dc 00010001 00000000 00070008 01020304", &y);
	CU_ASSERT_EQUAL(y.init.flags, 0x80);
	CU_ASSERT_EQUAL(y.init.itag, 1);
	CU_ASSERT_EQUAL(y.init.a_rwnd, 1500);
	SAME_AREA(y.init.params, y.init.params_len, cookie_param, (size_t)8);
}

/*
 * RFC 9260 3.3.4's worked example: TSNs 10-12, 14-15 and 17 received ->
 * Cumulative TSN Ack 12, blocks 2-3 and 5-5, a_rwnd 4660 (plus one
 * duplicate TSN, 11, to cover that list).
 */
static void rfc9260_3_3_4_sack_gap_blocks(void)
{
	const struct sct_gap_block gaps[] = {{2, 3}, {5, 5}};
	const uint32_t dups[] = {11};
	const char *hex = "0300001c 0000000c 00001234 00020001 00020003 00050005 0000000b";
	union sct_chunk_any x, y;
	struct sct_wr w = sct_wr_init(out, sizeof(out));
	size_t n = load(hex);
	struct sct_gap_block b;

	CU_ASSERT_EQUAL(sct_sack_emit_blocks(&w, 12, 4660, gaps, 2, dups, 1), 0);
	CU_ASSERT_EQUAL_FATAL(w.off, n);
	SCT_ASSERT_BYTES(out, pkt, n);

	CU_ASSERT_EQUAL_FATAL(parse_hex(hex, &x), 0);
	CU_ASSERT_EQUAL(x.sack.cum_tsn_ack, 12);
	CU_ASSERT_EQUAL(x.sack.a_rwnd, 4660);
	CU_ASSERT_EQUAL_FATAL(x.sack.n_gaps, 2);
	CU_ASSERT_EQUAL_FATAL(x.sack.n_dups, 1);
	b = sct_sack_gap(&x.sack, 0);
	CU_ASSERT_EQUAL(x.sack.cum_tsn_ack + b.start, 14);
	CU_ASSERT_EQUAL(x.sack.cum_tsn_ack + b.end, 15);
	b = sct_sack_gap(&x.sack, 1);
	CU_ASSERT_EQUAL(x.sack.cum_tsn_ack + b.start, 17);
	CU_ASSERT_EQUAL(x.sack.cum_tsn_ack + b.end, 17);
	CU_ASSERT_EQUAL(sct_sack_dup(&x.sack, 0), 11);
	/* and the parsed form emits the same bytes */
	codec_check(SCT_CHUNK_SACK, &x, hex, &y);
	CU_ASSERT_EQUAL(y.sack.cum_tsn_ack, 12);
	CU_ASSERT_EQUAL(y.sack.n_gaps, 2);
}

static const uint8_t hbinfo[] = {1, 2, 3, 4, 5};

static void rfc9260_3_3_5_heartbeat_roundtrip(void)
{
	union sct_chunk_any x = {.hb = {.info = hbinfo, .info_len = 5}};
	union sct_chunk_any y;

	codec_check(SCT_CHUNK_HEARTBEAT, &x, "0400000d 00010009 0102030405 000000", &y);
	SAME_AREA(y.hb.info, y.hb.info_len, hbinfo, (size_t)5);
	codec_check(SCT_CHUNK_HEARTBEAT_ACK, &x, "0500000d 00010009 0102030405 000000", &y);
	SAME_AREA(y.hb.info, y.hb.info_len, hbinfo, (size_t)5);
}

/* RFC 9260 3.2 "accept the chunk whether or not the final padding has been included". */
static void rfc9260_3_2_heartbeat_padding_in_length(void)
{
	union sct_chunk_any y;

	CU_ASSERT_EQUAL(parse_hex("04000010 00010009 0102030405 000000", &y), 0);
	CU_ASSERT_EQUAL(y.hb.info_len, 5);
}

static const uint8_t user_abort[] = {0x00, 0x0c, 0x00, 0x04};
static const uint8_t bad_sid[] = {0x00, 0x01, 0x00, 0x08, 0x00, 0x05, 0x00, 0x00};

static void rfc9260_3_3_7_abort_roundtrip(void)
{
	union sct_chunk_any x = {
	    .abort = {.flags = SCT_ABORT_FLAG_T, .causes = user_abort, .causes_len = 4}};
	union sct_chunk_any y;

	codec_check(SCT_CHUNK_ABORT, &x, "06010008 000c0004", &y);
	CU_ASSERT_EQUAL(y.abort.flags, SCT_ABORT_FLAG_T);
	SAME_AREA(y.abort.causes, y.abort.causes_len, user_abort, (size_t)4);
	x.abort.flags = 0;
	x.abort.causes_len = 0;
	codec_check(SCT_CHUNK_ABORT, &x, "06000004", &y);
	CU_ASSERT_EQUAL(y.abort.causes_len, 0);
}

static void rfc9260_3_3_10_error_roundtrip(void)
{
	union sct_chunk_any x = {.error = {.causes = bad_sid, .causes_len = 8}};
	union sct_chunk_any y;

	codec_check(SCT_CHUNK_ERROR, &x, "0900000c 00010008 00050000", &y);
	SAME_AREA(y.error.causes, y.error.causes_len, bad_sid, (size_t)8);
}

static void rfc9260_3_3_8_shutdown_family_roundtrip(void)
{
	union sct_chunk_any x = {.shutdown = {.cum_tsn_ack = 42}};
	union sct_chunk_any y;

	codec_check(SCT_CHUNK_SHUTDOWN, &x, "07000008 0000002a", &y);
	CU_ASSERT_EQUAL(y.shutdown.cum_tsn_ack, 42);
	x.empty.flags = 0;
	codec_check(SCT_CHUNK_SHUTDOWN_ACK, &x, "08000004", &y);
	CU_ASSERT_EQUAL(y.empty.flags, 0);
	x.empty.flags = SCT_SHUTDOWN_COMPLETE_FLAG_T;
	codec_check(SCT_CHUNK_SHUTDOWN_COMPLETE, &x, "0e010004", &y);
	CU_ASSERT_EQUAL(y.empty.flags, SCT_SHUTDOWN_COMPLETE_FLAG_T);
}

static const uint8_t coffee[] = {0xc0, 0xff, 0xee};

static void rfc9260_3_3_11_cookie_roundtrip(void)
{
	union sct_chunk_any x = {.cookie_echo = {.cookie = coffee, .cookie_len = 3}};
	union sct_chunk_any y;

	codec_check(SCT_CHUNK_COOKIE_ECHO, &x, "0a000007 c0ffee00", &y);
	SAME_AREA(y.cookie_echo.cookie, y.cookie_echo.cookie_len, coffee, (size_t)3);
	x.empty.flags = 0;
	codec_check(SCT_CHUNK_COOKIE_ACK, &x, "0b000004", &y);
}

static void rfc9260_appa_ecne_cwr_roundtrip(void)
{
	union sct_chunk_any x = {.ecn = {.lowest_tsn = 100}};
	union sct_chunk_any y;

	codec_check(SCT_CHUNK_ECNE, &x, "0c000008 00000064", &y);
	CU_ASSERT_EQUAL(y.ecn.lowest_tsn, 100);
	codec_check(SCT_CHUNK_CWR, &x, "0d000008 00000064", &y);
	CU_ASSERT_EQUAL(y.ecn.lowest_tsn, 100);
}

/* RFC 3758 3.2 layout: New Cumulative TSN then (Stream, Stream Sequence) pairs. */
static void rfc3758_3_2_forward_tsn(void)
{
	const char *hex = "c0000010 00000064 00010005 00020007";
	union sct_chunk_any x, y;
	struct sct_fwd_tsn_entry e;

	CU_ASSERT_EQUAL_FATAL(parse_hex(hex, &x), 0);
	CU_ASSERT_EQUAL(x.fwd_tsn.new_cum_tsn, 100);
	CU_ASSERT_EQUAL_FATAL(x.fwd_tsn.n_streams, 2);
	e = sct_fwd_tsn_stream(&x.fwd_tsn, 1);
	CU_ASSERT_EQUAL(e.sid, 2);
	CU_ASSERT_EQUAL(e.ssn, 7);
	codec_check(SCT_CHUNK_FORWARD_TSN, &x, hex, &y);
	CU_ASSERT_EQUAL(y.fwd_tsn.n_streams, 2);
	CU_ASSERT_EQUAL(parse_hex("c0000008 00000064", &y), 0);
	CU_ASSERT_EQUAL(y.fwd_tsn.n_streams, 0);
}

/* RFC 8260 2.3.1 layout: entries of (SID, 15 reserved bits + U, MID). */
static void rfc8260_2_3_1_i_forward_tsn(void)
{
	const char *hex = "c2000018 00000064 00010001 00000005 00020000 00000007";
	union sct_chunk_any x, y;
	struct sct_ifwd_tsn_entry e;

	CU_ASSERT_EQUAL_FATAL(parse_hex(hex, &x), 0);
	CU_ASSERT_EQUAL(x.ifwd_tsn.new_cum_tsn, 100);
	CU_ASSERT_EQUAL_FATAL(x.ifwd_tsn.n_entries, 2);
	e = sct_ifwd_tsn_entry(&x.ifwd_tsn, 0);
	CU_ASSERT_EQUAL(e.sid, 1);
	CU_ASSERT_EQUAL(e.flags, SCT_IFWD_FLAG_U);
	CU_ASSERT_EQUAL(e.mid, 5);
	e = sct_ifwd_tsn_entry(&x.ifwd_tsn, 1);
	CU_ASSERT_EQUAL(e.flags & SCT_IFWD_FLAG_U, 0);
	CU_ASSERT_EQUAL(e.mid, 7);
	codec_check(SCT_CHUNK_I_FORWARD_TSN, &x, hex, &y);
}

static void rfc4820_3_pad_roundtrip(void)
{
	union sct_chunk_any x = {.pad = {.pad = NULL, .pad_len = 5}};
	union sct_chunk_any y;

	codec_check(SCT_CHUNK_PAD, &x, "84000009 0000000000 000000", &y);
	CU_ASSERT_EQUAL(y.pad.pad_len, 5);
}

static const uint8_t hmac20[20] = {0xaa, 0xaa, 0xaa, 0xaa, 0xaa, 0xaa, 0xaa, 0xaa, 0xaa, 0xaa,
				   0xaa, 0xaa, 0xaa, 0xaa, 0xaa, 0xaa, 0xaa, 0xaa, 0xaa, 0xaa};

static void rfc4895_4_1_auth_roundtrip(void)
{
	union sct_chunk_any x = {
	    .auth = {.key_id = 1, .hmac_id = 1, .hmac = hmac20, .hmac_len = 20}};
	union sct_chunk_any y;

	codec_check(SCT_CHUNK_AUTH, &x,
		    "0f00001c 00010001 aaaaaaaa aaaaaaaa aaaaaaaa aaaaaaaa aaaaaaaa", &y);
	CU_ASSERT_EQUAL(y.auth.key_id, 1);
	CU_ASSERT_EQUAL(y.auth.hmac_id, 1);
	SAME_AREA(y.auth.hmac, y.auth.hmac_len, hmac20, (size_t)20);
}

/* RFC 4895 6.2: the HMAC field's offset in the packet, so a caller can zero it. */
static void rfc4895_6_2_auth_hmac_offset(void)
{
	struct sct_chunk_iter it;
	struct sct_chunk c;
	size_t n = load(HDR "0b000004 0f00001c 00010001 aaaaaaaa aaaaaaaa aaaaaaaa aaaaaaaa "
			    "aaaaaaaa 00030015 0000007b 00000001 00000000 6162636465 000000");

	sct_chunk_iter_init(&it, pkt, n);
	CU_ASSERT_EQUAL(sct_chunk_next(&it, &c), 1);
	CU_ASSERT_EQUAL(sct_chunk_next(&it, &c), 1);
	CU_ASSERT_EQUAL_FATAL(c.type, SCT_CHUNK_AUTH);
	CU_ASSERT_EQUAL(sct_auth_hmac_offset(&c), 24);
	CU_ASSERT_EQUAL(pkt[sct_auth_hmac_offset(&c)], 0xaa);
	CU_ASSERT_EQUAL(pkt[sct_auth_hmac_offset(&c) - 1], 0x01);
}

static void rfc5061_4_1_1_asconf_roundtrip(void)
{
	const char *hex = "c1000020 00000001 00050008 c0000201 c0010010 00000001 00050008 c0000202";
	union sct_chunk_any x, y;

	CU_ASSERT_EQUAL_FATAL(parse_hex(hex, &x), 0);
	CU_ASSERT_EQUAL(x.asconf.serial, 1);
	CU_ASSERT_EQUAL(x.asconf.params_len, 24);
	CU_ASSERT_EQUAL(x.asconf.params[0], 0x00);
	CU_ASSERT_EQUAL(x.asconf.params[1], 0x05);
	codec_check(SCT_CHUNK_ASCONF, &x, hex, &y);
	SAME_AREA(y.asconf.params, y.asconf.params_len, x.asconf.params, x.asconf.params_len);
}

static void rfc5061_4_1_2_asconf_ack_roundtrip(void)
{
	const char *hex = "80000010 00000005 c0050008 00000001";
	union sct_chunk_any x, y;

	CU_ASSERT_EQUAL_FATAL(parse_hex(hex, &x), 0);
	CU_ASSERT_EQUAL(x.asconf.serial, 5);
	CU_ASSERT_EQUAL(x.asconf.params_len, 8);
	codec_check(SCT_CHUNK_ASCONF_ACK, &x, hex, &y);
	CU_ASSERT_EQUAL(parse_hex("80000008 00000005", &y), 0); /* no responses */
}

static void rfc6525_3_1_reconfig_roundtrip(void)
{
	const char *hex = "82000014 000d0010 00000001 00000000 00000007";
	union sct_chunk_any x, y;

	CU_ASSERT_EQUAL_FATAL(parse_hex(hex, &x), 0);
	CU_ASSERT_EQUAL(x.reconfig.params_len, 16);
	codec_check(SCT_CHUNK_RE_CONFIG, &x, hex, &y);
}

static const struct sct_test roundtrip_tests[] = {
    SCT_TEST(rfc9260_3_3_1_data_roundtrip),
    SCT_TEST(rfc8260_2_1_idata_roundtrip),
    SCT_TEST(rfc9260_3_3_2_init_roundtrip),
    SCT_TEST(rfc9260_3_3_3_init_ack_roundtrip),
    SCT_TEST(rfc9260_3_3_4_sack_gap_blocks),
    SCT_TEST(rfc9260_3_3_5_heartbeat_roundtrip),
    SCT_TEST(rfc9260_3_2_heartbeat_padding_in_length),
    SCT_TEST(rfc9260_3_3_7_abort_roundtrip),
    SCT_TEST(rfc9260_3_3_10_error_roundtrip),
    SCT_TEST(rfc9260_3_3_8_shutdown_family_roundtrip),
    SCT_TEST(rfc9260_3_3_11_cookie_roundtrip),
    SCT_TEST(rfc9260_appa_ecne_cwr_roundtrip),
    SCT_TEST(rfc3758_3_2_forward_tsn),
    SCT_TEST(rfc8260_2_3_1_i_forward_tsn),
    SCT_TEST(rfc4820_3_pad_roundtrip),
    SCT_TEST(rfc4895_4_1_auth_roundtrip),
    SCT_TEST(rfc4895_6_2_auth_hmac_offset),
    SCT_TEST(rfc5061_4_1_1_asconf_roundtrip),
    SCT_TEST(rfc5061_4_1_2_asconf_ack_roundtrip),
    SCT_TEST(rfc6525_3_1_reconfig_roundtrip),
    SCT_TEST_END,
};

/* ---------------------------------------------------------------- malformations */

static void rfc9260_3_3_1_data_empty(void)
{
	union sct_chunk_any y;
	struct sct_data d = {.tsn = 1};
	struct sct_wr w = sct_wr_init(out, sizeof(out));

	CU_ASSERT_EQUAL(parse_hex("00030010 00000001 00000000 00000000", &y), SCT_WE_DATA_EMPTY);
	CU_ASSERT_EQUAL(parse_hex("40030014 00000001 00000000 00000000 00000000", &y),
			SCT_WE_DATA_EMPTY);
	CU_ASSERT_EQUAL(sct_data_emit(&w, &d), SCT_WE_DATA_EMPTY);
	CU_ASSERT_EQUAL(w.off, 0);
}

/* Each type's minimum length (SCT_WE_CHUNK_LEN), one chunk 4 bytes short of it. */
static void rfc9260_3_2_chunk_len_minima(void)
{
	static const char *const short_chunks[] = {
	    "0003000c 00000001 00000000",	   /* DATA < 16 */
	    "40030010 00000001 00000000 00000000", /* I-DATA < 20 */
	    "01000010 00000001 00010000 00010001", /* INIT < 20 */
	    "02000010 00000001 00010000 00010001", /* INIT ACK < 20 */
	    "0300000c 00000001 00010000",	   /* SACK < 16 */
	    "04000004",				   /* HEARTBEAT < 8 */
	    "05000004",				   /* HEARTBEAT ACK < 8 */
	    "07000004",				   /* SHUTDOWN < 8 */
	    "09000004",				   /* ERROR: no cause */
	    "0c000004",				   /* ECNE < 8 */
	    "0d000004",				   /* CWR < 8 */
	    "0f000004",				   /* AUTH < 8 */
	    "80000004",				   /* ASCONF-ACK < 8 */
	    "82000004",				   /* RE-CONFIG: no parameter */
	    "c0000004",				   /* FORWARD-TSN < 8 */
	    "c1000004",				   /* ASCONF < 8 */
	    "c2000004",				   /* I-FORWARD-TSN < 8 */
	};
	union sct_chunk_any y;
	size_t i;

	for (i = 0; i < sizeof(short_chunks) / sizeof(short_chunks[0]); i++)
		CU_ASSERT_EQUAL(parse_hex(short_chunks[i], &y), SCT_WE_CHUNK_LEN);
}

static void rfc9260_3_3_2_init_tag_zero(void)
{
	union sct_chunk_any y;

	CU_ASSERT_EQUAL(parse_hex("01000014 00000000 00010000 00010001 00000000", &y),
			SCT_WE_INIT_TAG_ZERO);
	CU_ASSERT_EQUAL(parse_hex("02000014 00000000 00010000 00010001 00000000", &y),
			SCT_WE_INIT_TAG_ZERO);
}

static void rfc9260_3_3_2_init_streams_zero(void)
{
	union sct_chunk_any y;
	struct sct_init in = {.itag = 1, .a_rwnd = 1500, .os = 0, .mis = 1};
	struct sct_wr w = sct_wr_init(out, sizeof(out));

	CU_ASSERT_EQUAL(parse_hex("01000014 00000001 00010000 00000001 00000000", &y),
			SCT_WE_INIT_STREAMS);
	CU_ASSERT_EQUAL(y.init.itag, 1); /* still filled: the ABORT needs it */
	CU_ASSERT_EQUAL(parse_hex("02000014 00000001 00010000 00010000 00000000", &y),
			SCT_WE_INIT_STREAMS);
	CU_ASSERT_EQUAL(sct_init_emit(&w, &in), SCT_WE_INIT_STREAMS);
}

/* RFC 9260 3.3.2/3.3.3: a_rwnd MUST NOT be smaller than 1500; receiver MUST discard. */
static void rfc9260_3_3_2_init_rwnd_below_1500(void)
{
	union sct_chunk_any y;

	CU_ASSERT_EQUAL(parse_hex("01000014 00000007 000005db 00010001 00000000", &y),
			SCT_WE_INIT_RWND);
	CU_ASSERT_EQUAL(y.init.itag, 7);
	CU_ASSERT_EQUAL(parse_hex("02000014 00000007 000005db 00010001 00000000", &y),
			SCT_WE_INIT_RWND);
	CU_ASSERT_EQUAL(parse_hex("01000014 00000007 000005dc 00010001 00000000", &y), 0);
}

static void rfc9260_3_3_4_sack_len_mismatch(void)
{
	union sct_chunk_any y;

	/* one gap declared, none present */
	CU_ASSERT_EQUAL(parse_hex("03000010 00000001 00001000 00010000", &y), SCT_WE_SACK_LEN);
	/* no gaps or dups declared, 4 bytes present */
	CU_ASSERT_EQUAL(parse_hex("03000014 00000001 00001000 00000000 00010002", &y),
			SCT_WE_SACK_LEN);
	/* counts that would overflow 16 bits of length */
	CU_ASSERT_EQUAL(parse_hex("03000014 00000001 00001000 ffffffff 00010002", &y),
			SCT_WE_SACK_LEN);
}

static void rfc9260_3_3_5_heartbeat_info(void)
{
	union sct_chunk_any y;

	/* not type 1 */
	CU_ASSERT_EQUAL(parse_hex("04000008 00020004", &y), SCT_WE_HB_INFO);
	/* parameter length below 4 */
	CU_ASSERT_EQUAL(parse_hex("04000008 00010003", &y), SCT_WE_HB_INFO);
	/* parameter length past the chunk */
	CU_ASSERT_EQUAL(parse_hex("0500000c 0001000c 01020304", &y), SCT_WE_HB_INFO);
	/* bytes after the parameter and its padding */
	CU_ASSERT_EQUAL(parse_hex("0400000c 00010004 01020304", &y), SCT_WE_TRAILING);
}

static void rfc3758_3_2_forward_tsn_partial_entry(void)
{
	union sct_chunk_any y;

	CU_ASSERT_EQUAL(parse_hex("c000000a 00000064 0001 0000", &y), SCT_WE_CHUNK_LEN);
	CU_ASSERT_EQUAL(parse_hex("c200000c 00000064 00010001", &y), SCT_WE_CHUNK_LEN);
}

static void rfc5061_4_1_1_asconf_address_param(void)
{
	union sct_chunk_any y;

	/* no parameter at all */
	CU_ASSERT_EQUAL(parse_hex("c1000008 00000001", &y), SCT_WE_PARAM_MISSING);
	/* first parameter not an address */
	CU_ASSERT_EQUAL(parse_hex("c1000010 00000001 c0050008 00000001", &y), SCT_WE_PARAM_MISSING);
	/* IPv4 address parameter of the wrong length */
	CU_ASSERT_EQUAL(parse_hex("c1000014 00000001 0005000c c0000201 00000000", &y),
			SCT_WE_PARAM_LEN);
	/* IPv6 address parameter cut by the chunk */
	CU_ASSERT_EQUAL(parse_hex("c1000010 00000001 00060014 20010db8", &y), SCT_WE_PARAM_LEN);
}

static void rfc9260_3_2_chunk_type_mismatch(void)
{
	struct sct_chunk c;
	struct sct_data d;
	union sct_chunk_any y;

	load_chunk("0b000004", &c);
	CU_ASSERT_EQUAL(sct_data_parse(&c, &d), SCT_WE_CHUNK_TYPE);
	load_chunk("3f000004", &c);
	CU_ASSERT_EQUAL(sct_chunk_parse_any(&c, &y), SCT_WE_CHUNK_TYPE);
	CU_ASSERT_FALSE(sct_chunk_known(0x3f));
	CU_ASSERT_TRUE(sct_chunk_known(SCT_CHUNK_I_FORWARD_TSN));
}

static void emit_refuses_small_buffer_and_huge_chunk(void)
{
	static uint8_t big[70000];
	struct sct_cookie_echo ce = {.cookie = big, .cookie_len = 65532};
	struct sct_wr w = sct_wr_init(out, 10);
	struct sct_shutdown s = {.cum_tsn_ack = 1};
	static uint8_t obuf[70100];

	w = sct_wr_init(out, 7);
	CU_ASSERT_EQUAL(sct_shutdown_emit(&w, &s), SCT_WE_NOSPACE);
	w = sct_wr_init(obuf, sizeof(obuf));
	CU_ASSERT_EQUAL(sct_cookie_echo_emit(&w, &ce), SCT_WE_BAD_FIELD);
	w = sct_wr_init(obuf, sizeof(obuf));
	ce.cookie_len = 65531;
	CU_ASSERT_EQUAL(sct_cookie_echo_emit(&w, &ce), 0);
	CU_ASSERT_EQUAL(w.off, 65536);
}

/*
 * RFC 9260 3.2: the Chunk Length includes the padding of every parameter but
 * the last, whose padding is the chunk's.  The area handed to the emitters
 * carries that padding (sct_param_emit() writes it); the Chunk Length must
 * not count it, and non-zero bytes there are sent as zeros.
 */
static void rfc9260_3_2_chunk_length_excludes_last_param_padding(void)
{
	/* Supported Extensions (3 types, length 7) then a 5-byte State Cookie (length 9). */
	static const uint8_t params[] = {0x80, 0x08, 0x00, 0x07, 0xc0, 0xc1, 0x80,
					 0x00, 0x00, 0x07, 0x00, 0x09, 1,    2,
					 3,    4,    5,	   0xee, 0xee, 0xee};
	struct sct_init in = {.itag = 1, .a_rwnd = 1500, .os = 1, .mis = 1, .itsn = 1};
	struct sct_reconfig rc = {0};
	struct sct_abort ab = {0};
	uint8_t cause[] = {0x00, 0x0c, 0x00, 0x05, 'x', 0, 0, 0};
	struct sct_wr w = sct_wr_init(out, sizeof(out));
	struct sct_chunk c;
	union sct_chunk_any y;

	in.params = params;
	in.params_len = sizeof(params);
	CU_ASSERT_EQUAL_FATAL(sct_init_ack_emit(&w, &in), 0);
	CU_ASSERT_EQUAL(w.off, 20 + 20);
	CU_ASSERT_EQUAL(sct_get_u16(out + 2), 20 + 8 + 9); /* the first pad counts, not the last */
	CU_ASSERT_EQUAL(out[37] | out[38] | out[39], 0);   /* 0xee sent as zeros */
	CU_ASSERT_EQUAL_FATAL(sct_chunk_read(out, w.off, &c), 0);
	CU_ASSERT_EQUAL(sct_chunk_parse_any(&c, &y), 0);
	CU_ASSERT_EQUAL(y.init.params_len, 17);

	/* Error causes follow the parameter format (RFC 9260 3.3.10), so the same rule. */
	w = sct_wr_init(out, sizeof(out));
	ab.causes = cause;
	ab.causes_len = sizeof(cause);
	CU_ASSERT_EQUAL_FATAL(sct_abort_emit(&w, &ab), 0);
	CU_ASSERT_EQUAL(w.off, 12);
	CU_ASSERT_EQUAL(sct_get_u16(out + 2), 9);

	/* An area already without its final padding gives the same bytes. */
	w = sct_wr_init(out, sizeof(out));
	ab.causes_len = 5;
	CU_ASSERT_EQUAL_FATAL(sct_abort_emit(&w, &ab), 0);
	CU_ASSERT_EQUAL(w.off, 12);
	CU_ASSERT_EQUAL(sct_get_u16(out + 2), 9);

	/* RE-CONFIG: Outgoing SSN Reset Request with one stream (length 18). */
	{
		static const uint8_t p[] = {0, 13, 0, 18, 0, 0, 0, 1, 0, 0,
					    0, 2,  0, 0,  0, 3, 0, 5, 0, 0};
		w = sct_wr_init(out, sizeof(out));
		rc.params = p;
		rc.params_len = sizeof(p);
		CU_ASSERT_EQUAL_FATAL(sct_reconfig_emit(&w, &rc), 0);
		CU_ASSERT_EQUAL(w.off, 24);
		CU_ASSERT_EQUAL(sct_get_u16(out + 2), 22);
	}
}

static const struct sct_test malformed_tests[] = {
    SCT_TEST(rfc9260_3_3_1_data_empty),
    SCT_TEST(rfc9260_3_2_chunk_len_minima),
    SCT_TEST(rfc9260_3_3_2_init_tag_zero),
    SCT_TEST(rfc9260_3_3_2_init_streams_zero),
    SCT_TEST(rfc9260_3_3_2_init_rwnd_below_1500),
    SCT_TEST(rfc9260_3_3_4_sack_len_mismatch),
    SCT_TEST(rfc9260_3_3_5_heartbeat_info),
    SCT_TEST(rfc3758_3_2_forward_tsn_partial_entry),
    SCT_TEST(rfc5061_4_1_1_asconf_address_param),
    SCT_TEST(rfc9260_3_2_chunk_type_mismatch),
    SCT_TEST(emit_refuses_small_buffer_and_huge_chunk),
    SCT_TEST(rfc9260_3_2_chunk_length_excludes_last_param_padding),
    SCT_TEST_END,
};

/* ---------------------------------------------------------------- real packets */

/*
 * Every chunk of every captured packet parses, and re-emitting the parsed
 * form gives the captured bytes back (usrsctp pads with zeros and never
 * counts the padding in the length, so the wire form is canonical).
 */
static void capture_usrsctp_parse_reemit(void)
{
	static const int nchunks[] = {1, 1, 1, 1, 1, 1, 1, 1, 1, 2, 1, 1, 1};
	size_t i, n;

	CU_ASSERT_EQUAL_FATAL(NCAPTURE, sizeof(nchunks) / sizeof(nchunks[0]));
	for (i = 0; i < NCAPTURE; i++) {
		struct sct_chunk_iter it;
		struct sct_chunk c;
		union sct_chunk_any a;
		struct sct_wr w;

		n = load(capture[i].hex);
		CU_ASSERT_EQUAL(sct_sctp_packet_check(pkt, n), nchunks[i]);
		sct_chunk_iter_init(&it, pkt, n);
		while (sct_chunk_next(&it, &c) > 0) {
			w = sct_wr_init(out, sizeof(out));
			CU_ASSERT_EQUAL_FATAL(sct_chunk_parse_any(&c, &a), 0);
			CU_ASSERT_EQUAL_FATAL(sct_chunk_emit_any(&w, c.type, &a), 0);
			CU_ASSERT_EQUAL_FATAL(w.off, sct_pad4(c.length));
			SCT_ASSERT_BYTES(out, c.hdr, w.off);
		}
	}
}

static void capture_usrsctp_fields(void)
{
	struct sct_chunk_iter it;
	struct sct_chunk c;
	union sct_chunk_any a;
	size_t n;

	/* frame 1: INIT from usrsctp */
	n = load(capture[0].hex);
	sct_chunk_iter_init(&it, pkt, n);
	CU_ASSERT_EQUAL_FATAL(sct_chunk_next(&it, &c), 1);
	CU_ASSERT_EQUAL_FATAL(sct_init_parse(&c, &a.init), 0);
	CU_ASSERT_EQUAL(a.init.itag, 0x32cefb83);
	CU_ASSERT_EQUAL(a.init.a_rwnd, 131072);
	CU_ASSERT_EQUAL(a.init.os, 10);
	CU_ASSERT_EQUAL(a.init.mis, 2048);
	CU_ASSERT_EQUAL(a.init.itsn, 0x9e7d5397);
	CU_ASSERT_EQUAL(a.init.params_len, 136);

	/* frame 15: DATA "hello sctun\n", then frame 16: its SACK */
	n = load(capture[7].hex);
	sct_chunk_iter_init(&it, pkt, n);
	CU_ASSERT_EQUAL_FATAL(sct_chunk_next(&it, &c), 1);
	CU_ASSERT_EQUAL_FATAL(sct_data_parse(&c, &a.data), 0);
	CU_ASSERT_EQUAL(a.data.tsn, 0x9e7d5397);
	CU_ASSERT_EQUAL(a.data.flags, SCT_DATA_FLAG_B | SCT_DATA_FLAG_E);
	SAME_AREA(a.data.user_data, a.data.user_data_len, "hello sctun\n", (size_t)12);
	n = load(capture[8].hex);
	sct_chunk_iter_init(&it, pkt, n);
	CU_ASSERT_EQUAL_FATAL(sct_chunk_next(&it, &c), 1);
	CU_ASSERT_EQUAL_FATAL(sct_sack_parse(&c, &a.sack), 0);
	CU_ASSERT_EQUAL(a.sack.cum_tsn_ack, 0x9e7d5397);
	CU_ASSERT_EQUAL(a.sack.a_rwnd, 130396);
	CU_ASSERT_EQUAL(a.sack.n_gaps, 0);
}

static const struct sct_test capture_tests[] = {
    SCT_TEST(capture_usrsctp_parse_reemit),
    SCT_TEST(capture_usrsctp_fields),
    SCT_TEST_END,
};

/* ---------------------------------------------------------------- printer */

static void check_print(const char *hex, const char *want)
{
	struct sct_chunk c;
	char buf[256];
	size_t n;

	load_chunk(hex, &c);
	n = sct_chunk_print(buf, sizeof(buf), &c);
	CU_ASSERT_STRING_EQUAL(buf, want);
	CU_ASSERT_EQUAL(n, strlen(want));
}

static void print_chunks(void)
{
	check_print("00030015 0000007b 00000001 00000000 6162636465 000000",
		    "DATA tsn=123 sid=0 ssn=1 ppid=0 len=5 BE");
	check_print("0300001c 0000000c 00001234 00020001 00020003 00050005 0000000b",
		    "SACK cum=12 a_rwnd=4660 gaps=[2-3,5-5] dups=[11]");
	check_print("03000010 00000005 0001a000 00000000",
		    "SACK cum=5 a_rwnd=106496 gaps=[] dups=[]");
	check_print("01000018 00001234 0001a000 000affff 00000007 80000004",
		    "INIT itag=0x00001234 a_rwnd=106496 os=10 mis=65535 itsn=7 params=4B");
	check_print("0e010004", "SHUTDOWN_COMPLETE T=1");
	check_print("c2000010 00000064 00010001 00000005",
		    "I_FORWARD_TSN new_cum=100 entries=[1:5U]");
	check_print("ff000008 00000000", "UNKNOWN(0xff) flags=0x00 len=8 action=skip-report");
	check_print("3f010004", "UNKNOWN(0x3f) flags=0x01 len=4 action=stop");
	check_print("00030010 00000001 00000000 00000000", "DATA malformed(DATA_EMPTY) len=16");
}

static void print_packet_and_truncation(void)
{
	char buf[256];
	size_t n = load(capture[9].hex);
	size_t r;

	r = sct_packet_print(buf, sizeof(buf), pkt, n);
	CU_ASSERT_STRING_EQUAL(buf, "SCTP 7>54402 vtag=0x32cefb83 crc=ok\n"
				    "  SACK cum=2659013528 a_rwnd=131072 gaps=[] dups=[]\n"
				    "  DATA tsn=2054079613 sid=0 ssn=1 ppid=0 len=20 BE\n");
	CU_ASSERT_EQUAL(r, strlen(buf));
	r = sct_packet_print(buf, 10, pkt, n);
	CU_ASSERT_EQUAL(r, 9);
	CU_ASSERT_STRING_EQUAL(buf, "SCTP 7>54");
	n = load(HDR "0b000003");
	sct_packet_print(buf, sizeof(buf), pkt, n);
	CU_ASSERT_STRING_EQUAL(buf, "SCTP 1>2 vtag=0x00000001 crc=bad\n  error(CHUNK_LEN)\n");
}

static const struct sct_test print_tests[] = {
    SCT_TEST(print_chunks),
    SCT_TEST(print_packet_and_truncation),
    SCT_TEST_END,
};

SCT_TEST_MAIN(header_tests, iter_tests, roundtrip_tests, malformed_tests, capture_tests,
	      print_tests)
