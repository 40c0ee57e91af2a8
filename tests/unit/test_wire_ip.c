/* SPDX-License-Identifier: MIT */
/* test_wire_ip.c: IPv4, IPv6, UDP and ICMP codecs against captures and malformations. */
#include "harness.h"

#include <string.h>

#include "common/addr.h"
#include "common/csum.h"
#include "common/cursor.h"
#include "wire/icmp.h"
#include "wire/ipv4.h"
#include "wire/ipv6.h"
#include "wire/udp.h"
#include "wire/wire_err.h"

/*
 * Captures: taken on the loopback interface of a Linux 6.x host with
 * `tshark -i lo`, a raw ICMP echo to 127.0.0.1 and ::1, and a UDP datagram
 * to the closed port 9 of each; the hex is the IP packet (link layer cut).
 */

/* 1 127.0.0.1 -> 127.0.0.1 ICMP 69 Echo (ping) request id=0x1234, seq=1/256, ttl=64 */
static const char cap4_echo_req[] =
    "450000376f0a40004001cdb97f0000017f00000108004cc412340001736374756e2d70696e672d"
    "30313233343536373839616263646566";
/* 2 127.0.0.1 -> 127.0.0.1 ICMP 69 Echo (ping) reply id=0x1234, seq=1/256, ttl=64 */
static const char cap4_echo_rep[] =
    "450000376f0b000040010db97f0000017f000001000054c412340001736374756e2d70696e672d"
    "30313233343536373839616263646566";
/* 3 ::1 -> ::1 ICMPv6 89 Echo (ping) request id=0x1234, seq=1, hop limit=64 */
static const char cap6_echo_req[] =
    "6002b49200233a40000000000000000000000000000000010000000000000000000000000000000"
    "18000d46412340001736374756e2d70696e672d30313233343536373839616263646566";
/* 4 ::1 -> ::1 ICMPv6 89 Echo (ping) reply id=0x1234, seq=1, hop limit=64 */
static const char cap6_echo_rep[] =
    "60024c9c00233a40000000000000000000000000000000010000000000000000000000000000000"
    "18100d36412340001736374756e2d70696e672d30313233343536373839616263646566";
/* 5 127.0.0.1 -> 127.0.0.1 UDP 59 59459 -> 9 Len=17 */
static const char cap4_udp[] = "4500002d7b8d40004011c1307f0000017f000001e84300090019fe2c68656c6c"
			       "6f2d636c6f7365642d706f7274";
/* 6 127.0.0.1 -> 127.0.0.1 ICMP 87 Destination unreachable (Port unreachable) */
static const char cap4_port_unreach[] =
    "45c000496f42000040010cb07f0000017f00000103038943000000004500002d7b8d40004011c130"
    "7f0000017f000001e84300090019fe2c68656c6c6f2d636c6f7365642d706f7274";
/* 7 ::1 -> ::1 UDP 79 42461 -> 9 Len=17 */
static const char cap6_udp[] =
    "600cd2a5001911400000000000000000000000000000000100000000000000000000000000000001"
    "a5dd00090019002c68656c6c6f2d636c6f7365642d706f7274";
/* 8 ::1 -> ::1 ICMPv6 127 Destination Unreachable (Port unreachable) */
static const char cap6_port_unreach[] =
    "600a211a00493a4000000000000000000000000000000001000000000000000000000000000000010104"
    "871700000000600cd2a50019114000000000000000000000000000000001000000000000000000000000"
    "00000001a5dd00090019002c68656c6c6f2d636c6f7365642d706f7274";

static uint8_t pkt[4096], out[4096];

static size_t load(const char *hex)
{
	size_t n = sct_test_unhex(hex, pkt, sizeof(pkt));

	CU_ASSERT_FATAL(n > 0);
	return n;
}

static struct sct_addr v4(uint32_t a)
{
	struct sct_addr x;

	sct_addr_v4u32(&x, a);
	return x;
}

static struct sct_addr v6(const char *s)
{
	struct sct_addr x;

	CU_ASSERT_FATAL(sct_addr_parse(&x, s) == 0);
	return x;
}

/* ---------------------------------------------------------------- IPv4 */

/* Recompute the IPv4 header checksum after a test edited the header. */
static void ip4_fix(uint8_t *p)
{
	size_t hl = (p[0] & 15u) * 4u;

	sct_put_u16(p + 10, 0);
	sct_put_u16(p + 10, sct_csum(p, hl));
}

static void rfc791_3_1_parse_captured_echo(void)
{
	size_t n = load(cap4_echo_req);
	struct sct_ip4 h;
	struct sct_addr lo = v4(0x7f000001);

	CU_ASSERT_EQUAL_FATAL(sct_ip4_parse(&h, pkt, n), 0);
	CU_ASSERT_EQUAL(h.hdr_len, 20);
	CU_ASSERT_EQUAL(h.tos, 0);
	CU_ASSERT_EQUAL(h.tot_len, 55);
	CU_ASSERT_EQUAL(h.id, 0x6f0a);
	CU_ASSERT_TRUE(h.df);
	CU_ASSERT_FALSE(h.mf);
	CU_ASSERT_EQUAL(h.frag_off, 0);
	CU_ASSERT_FALSE(sct_ip4_is_fragment(&h));
	CU_ASSERT_EQUAL(h.ttl, 64);
	CU_ASSERT_EQUAL(h.proto, SCT_IPPROTO_ICMP);
	CU_ASSERT_TRUE(sct_addr_eq(&h.src, &lo));
	CU_ASSERT_TRUE(sct_addr_eq(&h.dst, &lo));
	CU_ASSERT_PTR_NULL(h.opts);
	CU_ASSERT_EQUAL(h.opts_len, 0);
	CU_ASSERT_PTR_EQUAL(h.payload, pkt + 20);
	CU_ASSERT_EQUAL(h.payload_len, 35);
}

static void rfc791_3_1_tos_dscp_ecn(void)
{
	size_t n = load(cap4_port_unreach);
	struct sct_ip4 h;

	/* Linux sends ICMP errors with TOS 0xc0: DSCP CS6 (48), not ECN-capable */
	CU_ASSERT_EQUAL_FATAL(sct_ip4_parse(&h, pkt, n), 0);
	CU_ASSERT_EQUAL(sct_ip4_dscp(&h), 48);
	CU_ASSERT_EQUAL(sct_ip4_ecn(&h), 0);
	CU_ASSERT_FALSE(h.df);
	pkt[1] = 0x03; /* RFC 3168 CE */
	ip4_fix(pkt);
	CU_ASSERT_EQUAL_FATAL(sct_ip4_parse(&h, pkt, n), 0);
	CU_ASSERT_EQUAL(sct_ip4_ecn(&h), 3);
	CU_ASSERT_EQUAL(sct_ip4_dscp(&h), 0);
}

static void rfc791_3_1_emit_matches_capture(void)
{
	static const char *const caps[] = {cap4_echo_req, cap4_echo_rep, cap4_udp,
					   cap4_port_unreach};
	size_t i;

	for (i = 0; i < sizeof(caps) / sizeof(caps[0]); i++) {
		size_t n = load(caps[i]);
		struct sct_ip4 h;
		struct sct_wr w = sct_wr_init(out, sizeof(out));

		CU_ASSERT_EQUAL_FATAL(sct_ip4_parse(&h, pkt, n), 0);
		CU_ASSERT_EQUAL_FATAL(sct_ip4_emit(&w, &h, h.payload_len), 0);
		CU_ASSERT_EQUAL(w.off, 20);
		SCT_ASSERT_BYTES(out, pkt, 20);
	}
}

static void rfc791_3_1_round_trip_with_options(void)
{
	/* NOP, NOP, Router Alert (RFC 2113: 0x94 len 4 value 0), padded by EOL */
	static const uint8_t opts[] = {0x01, 0x01, 0x94, 0x04, 0x00, 0x00, 0x00, 0x00};
	struct sct_ip4 a = {.tos = 0xb8,
			    .id = 0xbeef,
			    .mf = true,
			    .frag_off = 1480,
			    .ttl = 3,
			    .proto = 132,
			    .opts = opts,
			    .opts_len = sizeof(opts)};
	struct sct_ip4 b;
	struct sct_wr w = sct_wr_init(out, sizeof(out));

	a.src = v4(0xc0000201);
	a.dst = v4(0xc6336402);
	CU_ASSERT_EQUAL_FATAL(sct_ip4_emit(&w, &a, 16), 0);
	CU_ASSERT_EQUAL(w.off, 28);
	sct_wr_zero(&w, 16);
	CU_ASSERT_EQUAL_FATAL(sct_ip4_parse(&b, out, w.off), 0);
	CU_ASSERT_EQUAL(b.hdr_len, 28);
	CU_ASSERT_EQUAL(b.tot_len, 44);
	CU_ASSERT_EQUAL(b.tos, a.tos);
	CU_ASSERT_EQUAL(b.id, a.id);
	CU_ASSERT_FALSE(b.df);
	CU_ASSERT_TRUE(b.mf);
	CU_ASSERT_EQUAL(b.frag_off, 1480);
	CU_ASSERT_TRUE(sct_ip4_is_fragment(&b));
	CU_ASSERT_EQUAL(b.ttl, 3);
	CU_ASSERT_EQUAL(b.proto, 132);
	CU_ASSERT_TRUE(sct_addr_eq(&b.src, &a.src));
	CU_ASSERT_TRUE(sct_addr_eq(&b.dst, &a.dst));
	CU_ASSERT_EQUAL_FATAL(b.opts_len, sizeof(opts));
	SCT_ASSERT_BYTES(b.opts, opts, sizeof(opts));
	CU_ASSERT_EQUAL(b.payload_len, 16);
	CU_ASSERT_PTR_EQUAL(b.payload, out + 28);
}

static void rfc791_emit_refuses_bad_fields(void)
{
	static const uint8_t opts3[3] = {1, 1, 1};
	struct sct_ip4 h = {.ttl = 64, .proto = 6};
	struct sct_wr w = sct_wr_init(out, sizeof(out));

	h.src = v4(1);
	h.dst = v4(2);
	CU_ASSERT_EQUAL(sct_ip4_emit(&w, &h, 65516), SCT_WE_BAD_FIELD);
	h.frag_off = 4;
	CU_ASSERT_EQUAL(sct_ip4_emit(&w, &h, 0), SCT_WE_BAD_FIELD);
	h.frag_off = 0;
	h.opts = opts3;
	h.opts_len = 3;
	CU_ASSERT_EQUAL(sct_ip4_emit(&w, &h, 0), SCT_WE_BAD_FIELD);
	h.opts_len = 0;
	h.dst = v6("::1");
	CU_ASSERT_EQUAL(sct_ip4_emit(&w, &h, 0), SCT_WE_BAD_FIELD);
	h.dst = v4(2);
	w = sct_wr_init(out, 19);
	CU_ASSERT_EQUAL(sct_ip4_emit(&w, &h, 0), SCT_WE_NOSPACE);
}

static void rfc791_3_1_truncated(void)
{
	size_t n = load(cap4_echo_req);
	struct sct_ip4 h;

	(void)n;
	CU_ASSERT_EQUAL(sct_ip4_parse(&h, pkt, 19), SCT_WE_TRUNCATED);
	CU_ASSERT_EQUAL(sct_ip4_parse(&h, pkt, 0), SCT_WE_TRUNCATED);
}

static void rfc791_3_1_version(void)
{
	size_t n = load(cap4_echo_req);
	struct sct_ip4 h;

	pkt[0] = 0x65;
	CU_ASSERT_EQUAL(sct_ip4_parse(&h, pkt, n), SCT_WE_IP_VERSION);
}

static void rfc791_3_1_ihl(void)
{
	size_t n = load(cap4_echo_req);
	struct sct_ip4 h;

	pkt[0] = 0x44; /* below the minimum of 5 words */
	CU_ASSERT_EQUAL(sct_ip4_parse(&h, pkt, n), SCT_WE_IP4_IHL);
	pkt[0] = 0x4f; /* 60 bytes: more than the 55 given */
	CU_ASSERT_EQUAL(sct_ip4_parse(&h, pkt, 40), SCT_WE_IP4_IHL);
}

static void rfc791_3_1_total_length(void)
{
	size_t n = load(cap4_echo_req);
	struct sct_ip4 h;

	sct_put_u16(pkt + 2, 19); /* below the header */
	ip4_fix(pkt);
	CU_ASSERT_EQUAL(sct_ip4_parse(&h, pkt, n), SCT_WE_IP4_TOTLEN);
	sct_put_u16(pkt + 2, 56); /* one byte more than given */
	ip4_fix(pkt);
	CU_ASSERT_EQUAL(sct_ip4_parse(&h, pkt, n), SCT_WE_IP4_TOTLEN);
}

static void rfc1122_3_2_1_trailing_bytes_ignored(void)
{
	size_t n = load(cap4_echo_req);
	struct sct_ip4 h;

	/* link-layer padding after Total Length: the payload ends where it says */
	memset(pkt + n, 0xaa, 10);
	CU_ASSERT_EQUAL_FATAL(sct_ip4_parse(&h, pkt, n + 10), 0);
	CU_ASSERT_EQUAL(h.payload_len, 35);
}

static void rfc1122_3_2_1_2_checksum(void)
{
	size_t n = load(cap4_echo_req);
	struct sct_ip4 h;

	pkt[8] = 63; /* TTL changed, checksum not updated */
	CU_ASSERT_EQUAL(sct_ip4_parse(&h, pkt, n), SCT_WE_IP4_CSUM);
}

/* The echo request with @opts (a multiple of 4) inserted as options. */
static size_t ip4_with_opts(const uint8_t *opts, size_t olen)
{
	uint8_t tmp[128];
	size_t n = load(cap4_echo_req);

	memcpy(tmp, pkt, n);
	memcpy(pkt + 20, opts, olen);
	memcpy(pkt + 20 + olen, tmp + 20, n - 20);
	pkt[0] = (uint8_t)(0x40 | ((20 + olen) / 4));
	sct_put_u16(pkt + 2, (uint16_t)(n + olen));
	ip4_fix(pkt);
	return n + olen;
}

static void rfc791_3_1_options_walked(void)
{
	static const uint8_t ok[] = {0x01, 0x07, 0x07, 0x04, 0, 0, 0, 0, 0x00, 0xff, 0xff, 0xff};
	struct sct_ip4 h;
	size_t n = ip4_with_opts(ok, sizeof(ok));

	/* NOP, Record Route with room for one address, EOL; bytes after EOL ignored */
	CU_ASSERT_EQUAL_FATAL(sct_ip4_parse(&h, pkt, n), 0);
	CU_ASSERT_EQUAL(h.opts_len, 12);
	CU_ASSERT_PTR_EQUAL(h.opts, pkt + 20);
	CU_ASSERT_EQUAL(h.payload_len, 35);
}

static void rfc791_3_1_option_length_below_2(void)
{
	static const uint8_t bad[] = {0x01, 0x44, 0x01, 0x00};
	struct sct_ip4 h;
	size_t n = ip4_with_opts(bad, sizeof(bad));

	CU_ASSERT_EQUAL(sct_ip4_parse(&h, pkt, n), SCT_WE_IP4_OPTION);
}

static void rfc791_3_1_option_past_area(void)
{
	static const uint8_t bad[] = {0x01, 0x07, 0x07, 0x04};
	static const uint8_t nolen[] = {0x01, 0x01, 0x01, 0x94};
	struct sct_ip4 h;
	size_t n = ip4_with_opts(bad, sizeof(bad));

	CU_ASSERT_EQUAL(sct_ip4_parse(&h, pkt, n), SCT_WE_IP4_OPTION);
	n = ip4_with_opts(nolen, sizeof(nolen)); /* type byte with no length byte */
	CU_ASSERT_EQUAL(sct_ip4_parse(&h, pkt, n), SCT_WE_IP4_OPTION);
}

static void rfc791_3_1_reserved_flag(void)
{
	size_t n = load(cap4_echo_req);
	struct sct_ip4 h;

	pkt[6] |= 0x80;
	ip4_fix(pkt);
	CU_ASSERT_EQUAL(sct_ip4_parse(&h, pkt, n), SCT_WE_IP4_FLAGS);
}

static void rfc791_3_1_df_on_fragment(void)
{
	size_t n = load(cap4_echo_req);
	struct sct_ip4 h;

	/* capture has DF; add MF (payload padded to a multiple of 8 first) */
	sct_put_u16(pkt + 2, 20 + 32);
	sct_put_u16(pkt + 6, 0x6000);
	ip4_fix(pkt);
	CU_ASSERT_EQUAL(sct_ip4_parse(&h, pkt, n), SCT_WE_IP4_DF_FRAG);
	sct_put_u16(pkt + 6, 0x4001); /* DF with offset 8 */
	ip4_fix(pkt);
	CU_ASSERT_EQUAL(sct_ip4_parse(&h, pkt, n), SCT_WE_IP4_DF_FRAG);
	sct_put_u16(pkt + 6, 0x0001); /* the same without DF is a last fragment */
	ip4_fix(pkt);
	CU_ASSERT_EQUAL_FATAL(sct_ip4_parse(&h, pkt, n), 0);
	CU_ASSERT_EQUAL(h.frag_off, 8);
	CU_ASSERT_TRUE(sct_ip4_is_fragment(&h));
}

static void rfc791_3_2_fragment_past_65535(void)
{
	size_t n = load(cap4_echo_req);
	struct sct_ip4 h;

	/* offset 8191*8 = 65528 + 35 payload bytes > 65535 */
	sct_put_u16(pkt + 6, 0x1fff);
	ip4_fix(pkt);
	CU_ASSERT_EQUAL(sct_ip4_parse(&h, pkt, n), SCT_WE_IP4_FRAGOFF);
	/* 65528 + 7 = 65535 fits */
	sct_put_u16(pkt + 2, 27);
	ip4_fix(pkt);
	CU_ASSERT_EQUAL(sct_ip4_parse(&h, pkt, n), 0);
}

static void rfc791_3_2_non_final_fragment_multiple_of_8(void)
{
	size_t n = load(cap4_echo_req);
	struct sct_ip4 h;

	sct_put_u16(pkt + 6, 0x2000); /* MF, 35 bytes of payload */
	ip4_fix(pkt);
	CU_ASSERT_EQUAL(sct_ip4_parse(&h, pkt, n), SCT_WE_FRAG_BAD_LEN);
	sct_put_u16(pkt + 2, 20 + 32);
	ip4_fix(pkt);
	CU_ASSERT_EQUAL_FATAL(sct_ip4_parse(&h, pkt, n), 0);
	CU_ASSERT_TRUE(h.mf);
	CU_ASSERT_TRUE(sct_ip4_is_fragment(&h));
}

static const struct sct_test ip4_tests[] = {
    SCT_TEST(rfc791_3_1_parse_captured_echo),
    SCT_TEST(rfc791_3_1_tos_dscp_ecn),
    SCT_TEST(rfc791_3_1_emit_matches_capture),
    SCT_TEST(rfc791_3_1_round_trip_with_options),
    SCT_TEST(rfc791_emit_refuses_bad_fields),
    SCT_TEST(rfc791_3_1_truncated),
    SCT_TEST(rfc791_3_1_version),
    SCT_TEST(rfc791_3_1_ihl),
    SCT_TEST(rfc791_3_1_total_length),
    SCT_TEST(rfc1122_3_2_1_trailing_bytes_ignored),
    SCT_TEST(rfc1122_3_2_1_2_checksum),
    SCT_TEST(rfc791_3_1_options_walked),
    SCT_TEST(rfc791_3_1_option_length_below_2),
    SCT_TEST(rfc791_3_1_option_past_area),
    SCT_TEST(rfc791_3_1_reserved_flag),
    SCT_TEST(rfc791_3_1_df_on_fragment),
    SCT_TEST(rfc791_3_2_fragment_past_65535),
    SCT_TEST(rfc791_3_2_non_final_fragment_multiple_of_8),
    SCT_TEST_END,
};

/* ---------------------------------------------------------------- IPv6 */

static void rfc8200_3_parse_captured_echo(void)
{
	size_t n = load(cap6_echo_req);
	struct sct_ip6 h;
	struct sct_addr lo = v6("::1");

	CU_ASSERT_EQUAL_FATAL(sct_ip6_parse(&h, pkt, n), 0);
	CU_ASSERT_EQUAL(h.tclass, 0);
	CU_ASSERT_EQUAL(h.flow, 0x2b492);
	CU_ASSERT_EQUAL(h.plen, 35);
	CU_ASSERT_EQUAL(h.nh, SCT_IP6_NH_ICMPV6);
	CU_ASSERT_EQUAL(h.hlim, 64);
	CU_ASSERT_TRUE(sct_addr_eq(&h.src, &lo));
	CU_ASSERT_TRUE(sct_addr_eq(&h.dst, &lo));
	CU_ASSERT_EQUAL(h.proto, SCT_IP6_NH_ICMPV6);
	CU_ASSERT_EQUAL(h.payload_off, 40);
	CU_ASSERT_EQUAL(h.payload_len, 35);
	CU_ASSERT_PTR_EQUAL(h.payload, pkt + 40);
	CU_ASSERT_EQUAL(h.nh_off, 6);
	CU_ASSERT_EQUAL(h.n_exthdrs, 0);
	CU_ASSERT_FALSE(h.frag.present);
	CU_ASSERT_FALSE(sct_ip6_is_fragment(&h));
}

static void rfc8200_3_emit_matches_capture(void)
{
	static const char *const caps[] = {cap6_echo_req, cap6_echo_rep, cap6_udp,
					   cap6_port_unreach};
	size_t i;

	for (i = 0; i < sizeof(caps) / sizeof(caps[0]); i++) {
		size_t n = load(caps[i]);
		struct sct_ip6 h;
		struct sct_wr w = sct_wr_init(out, sizeof(out));

		CU_ASSERT_EQUAL_FATAL(sct_ip6_parse(&h, pkt, n), 0);
		CU_ASSERT_EQUAL_FATAL(sct_ip6_emit(&w, &h, h.payload_len), 0);
		CU_ASSERT_EQUAL(w.off, 40);
		SCT_ASSERT_BYTES(out, pkt, 40);
	}
}

static void rfc8200_4_5_emit_fragment_round_trip(void)
{
	struct sct_ip6 a = {.tclass = 0x2e, .flow = 0xabcde, .hlim = 9, .proto = 132};
	struct sct_ip6 b;
	struct sct_wr w = sct_wr_init(out, sizeof(out));

	a.src = v6("2001:db8::1");
	a.dst = v6("2001:db8::2");
	a.frag.present = true;
	a.frag.off = 1232;
	a.frag.more = true;
	a.frag.id = 0xdeadbeef;
	CU_ASSERT_EQUAL_FATAL(sct_ip6_emit(&w, &a, 64), 0);
	CU_ASSERT_EQUAL(w.off, 48);
	sct_wr_zero(&w, 64);
	CU_ASSERT_EQUAL_FATAL(sct_ip6_parse(&b, out, w.off), 0);
	CU_ASSERT_EQUAL(b.tclass, 0x2e);
	CU_ASSERT_EQUAL(sct_ip6_dscp(&b), 0x0b);
	CU_ASSERT_EQUAL(sct_ip6_ecn(&b), 2);
	CU_ASSERT_EQUAL(b.flow, 0xabcde);
	CU_ASSERT_EQUAL(b.hlim, 9);
	CU_ASSERT_EQUAL(b.plen, 72);
	CU_ASSERT_EQUAL(b.nh, SCT_IP6_NH_FRAGMENT);
	CU_ASSERT_EQUAL(b.proto, 132);
	CU_ASSERT_TRUE(b.frag.present);
	CU_ASSERT_EQUAL(b.frag.off, 1232);
	CU_ASSERT_TRUE(b.frag.more);
	CU_ASSERT_EQUAL(b.frag.id, 0xdeadbeef);
	CU_ASSERT_FALSE(b.frag.atomic);
	CU_ASSERT_EQUAL(b.frag.hdr_off, 40);
	CU_ASSERT_TRUE(sct_ip6_is_fragment(&b));
	CU_ASSERT_EQUAL(b.payload_off, 48);
	CU_ASSERT_EQUAL(b.payload_len, 64);
	CU_ASSERT_EQUAL(b.nh_off, 6); /* rewritten to 132 when reassembled */
	CU_ASSERT_TRUE(sct_addr_eq(&b.src, &a.src));
	CU_ASSERT_TRUE(sct_addr_eq(&b.dst, &a.dst));
	/* the emitted packet also re-emits to the same bytes */
	w = sct_wr_init(pkt, sizeof(pkt));
	CU_ASSERT_EQUAL_FATAL(sct_ip6_emit(&w, &b, b.payload_len), 0);
	SCT_ASSERT_BYTES(pkt, out, 48);
	a.flow = 0x100000;
	CU_ASSERT_EQUAL(sct_ip6_emit(&w, &a, 0), SCT_WE_BAD_FIELD);
	a.flow = 0;
	a.frag.off = 4;
	CU_ASSERT_EQUAL(sct_ip6_emit(&w, &a, 0), SCT_WE_BAD_FIELD);
	a.frag.off = 0;
	w = sct_wr_init(out, 47);
	CU_ASSERT_EQUAL(sct_ip6_emit(&w, &a, 0), SCT_WE_NOSPACE);
}

/*
 * The captured echo request with @ext (extension headers, their Next Header
 * fields included) inserted after the fixed header, whose Next Header
 * becomes @first.
 */
static size_t ip6_with(uint8_t first, const uint8_t *ext, size_t elen)
{
	uint8_t tmp[128];
	size_t n = load(cap6_echo_req);

	memcpy(tmp, pkt, n);
	if (elen)
		memcpy(pkt + 40, ext, elen);
	memcpy(pkt + 40 + elen, tmp + 40, n - 40);
	pkt[6] = first;
	sct_put_u16(pkt + 4, (uint16_t)(n - 40 + elen));
	return n + elen;
}

static void rfc8200_3_truncated_and_version(void)
{
	size_t n = load(cap6_echo_req);
	struct sct_ip6 h;

	CU_ASSERT_EQUAL(sct_ip6_parse(&h, pkt, 39), SCT_WE_TRUNCATED);
	pkt[0] = 0x45;
	CU_ASSERT_EQUAL(sct_ip6_parse(&h, pkt, n), SCT_WE_IP_VERSION);
}

static void rfc8200_3_payload_length(void)
{
	size_t n = load(cap6_echo_req);
	struct sct_ip6 h;

	sct_put_u16(pkt + 4, 36);
	CU_ASSERT_EQUAL(sct_ip6_parse(&h, pkt, n), SCT_WE_IP6_PAYLEN);
	/* bytes past the payload length are ignored */
	sct_put_u16(pkt + 4, 30);
	CU_ASSERT_EQUAL_FATAL(sct_ip6_parse(&h, pkt, n), 0);
	CU_ASSERT_EQUAL(h.payload_len, 30);
}

static void rfc8200_3_jumbogram_rejected(void)
{
	static const uint8_t hbh_jumbo[] = {58, 0, 0xc2, 4, 0, 0, 0, 75};
	struct sct_ip6 h;
	size_t n = ip6_with(SCT_IP6_NH_HOPOPTS, hbh_jumbo, sizeof(hbh_jumbo));

	sct_put_u16(pkt + 4, 0); /* RFC 2675: zero, the length is in the option */
	CU_ASSERT_EQUAL(sct_ip6_parse(&h, pkt, n), SCT_WE_IP6_JUMBO);
}

static void rfc8200_4_3_hop_by_hop_padding(void)
{
	/* Pad1, PadN(2), Pad1: 6 option bytes */
	static const uint8_t hbh[] = {58, 0, 0, 1, 2, 0, 0, 0};
	struct sct_ip6 h;
	size_t n = ip6_with(SCT_IP6_NH_HOPOPTS, hbh, 8);

	CU_ASSERT_EQUAL_FATAL(sct_ip6_parse(&h, pkt, n), 0);
	CU_ASSERT_EQUAL(h.n_exthdrs, 1);
	CU_ASSERT_EQUAL(h.proto, SCT_IP6_NH_ICMPV6);
	CU_ASSERT_EQUAL(h.payload_off, 48);
	CU_ASSERT_EQUAL(h.payload_len, 35);
	CU_ASSERT_EQUAL(h.nh_off, 40);
}

static void rfc8200_4_1_hop_by_hop_not_first(void)
{
	/* destination options, then hop-by-hop */
	static const uint8_t ext[] = {0, 0, 1, 4, 0, 0, 0, 0, 58, 0, 1, 4, 0, 0, 0, 0};
	struct sct_ip6 h;
	size_t n = ip6_with(SCT_IP6_NH_DSTOPTS, ext, sizeof(ext));

	CU_ASSERT_EQUAL(sct_ip6_parse(&h, pkt, n), SCT_WE_IP6_EXTORDER);
	CU_ASSERT_EQUAL(h.err_off, 40); /* the Next Header field naming it */
}

static void rfc8200_4_1_chain_limit(void)
{
	uint8_t ext[8 * (SCT_IP6_MAX_EXTHDRS + 1)];
	struct sct_ip6 h;
	size_t i, n;

	for (i = 0; i < SCT_IP6_MAX_EXTHDRS + 1; i++) {
		static const uint8_t dst[8] = {SCT_IP6_NH_DSTOPTS, 0, 1, 4, 0, 0, 0, 0};

		memcpy(ext + 8 * i, dst, 8);
	}
	/* exactly the limit is walked */
	ext[8 * (SCT_IP6_MAX_EXTHDRS - 1)] = 58;
	n = ip6_with(SCT_IP6_NH_DSTOPTS, ext, 8 * SCT_IP6_MAX_EXTHDRS);
	CU_ASSERT_EQUAL_FATAL(sct_ip6_parse(&h, pkt, n), 0);
	CU_ASSERT_EQUAL(h.n_exthdrs, SCT_IP6_MAX_EXTHDRS);
	CU_ASSERT_EQUAL(h.proto, 58);
	/* one more is refused */
	ext[8 * (SCT_IP6_MAX_EXTHDRS - 1)] = SCT_IP6_NH_DSTOPTS;
	ext[8 * SCT_IP6_MAX_EXTHDRS] = 58;
	n = ip6_with(SCT_IP6_NH_DSTOPTS, ext, sizeof(ext));
	CU_ASSERT_EQUAL(sct_ip6_parse(&h, pkt, n), SCT_WE_IP6_TOO_MANY_EXTHDRS);
}

static void rfc8200_4_extension_header_past_payload(void)
{
	/* Hdr Ext Len 9: 80 bytes, more than the 43 bytes of payload */
	static const uint8_t ext[] = {58, 9, 1, 4, 0, 0, 0, 0};
	struct sct_ip6 h;
	size_t n = ip6_with(SCT_IP6_NH_DSTOPTS, ext, sizeof(ext));

	CU_ASSERT_EQUAL(sct_ip6_parse(&h, pkt, n), SCT_WE_IP6_EXTHDR);
	/* a payload too short even for Next Header and Hdr Ext Len */
	n = ip6_with(SCT_IP6_NH_DSTOPTS, ext, sizeof(ext));
	sct_put_u16(pkt + 4, 1);
	CU_ASSERT_EQUAL(sct_ip6_parse(&h, pkt, n), SCT_WE_IP6_EXTHDR);
}

static void rfc8200_4_2_option_past_header(void)
{
	/* PadN claiming 5 bytes where 4 remain */
	static const uint8_t ext[] = {58, 0, 0, 1, 5, 0, 0, 0};
	/* Pad1 x5 then a lone type byte with no length */
	static const uint8_t ext2[] = {58, 0, 0, 0, 0, 0, 0, 0x05};
	struct sct_ip6 h;
	size_t n = ip6_with(SCT_IP6_NH_DSTOPTS, ext, sizeof(ext));

	CU_ASSERT_EQUAL(sct_ip6_parse(&h, pkt, n), SCT_WE_IP6_OPTION);
	CU_ASSERT_EQUAL(h.err_off, 43);
	n = ip6_with(SCT_IP6_NH_HOPOPTS, ext2, sizeof(ext2));
	CU_ASSERT_EQUAL(sct_ip6_parse(&h, pkt, n), SCT_WE_IP6_OPTION);
	CU_ASSERT_EQUAL(h.err_off, 47);
}

static void rfc8200_4_2_unknown_option_actions(void)
{
	static const struct {
		uint8_t type;
		int err;
		uint8_t action;
	} cases[] = {
	    {0x1e, 0, SCT_IP6_OPT_SKIP},
	    {0x5e, SCT_WE_IP6_OPT_UNKNOWN, SCT_IP6_OPT_DISCARD},
	    {0x9e, SCT_WE_IP6_OPT_UNKNOWN, SCT_IP6_OPT_DISCARD_ICMP},
	    {0xde, SCT_WE_IP6_OPT_UNKNOWN, SCT_IP6_OPT_DISCARD_ICMP_UNICAST},
	};
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		/* PadN(0), then the unknown option with 2 data bytes */
		uint8_t ext[] = {58, 0, 1, 0, cases[i].type, 2, 0xab, 0xcd};
		struct sct_ip6 h;
		size_t n = ip6_with(SCT_IP6_NH_HOPOPTS, ext, sizeof(ext));

		CU_ASSERT_EQUAL(sct_ip6_parse(&h, pkt, n), cases[i].err);
		if (cases[i].err) {
			CU_ASSERT_EQUAL(h.opt_action, cases[i].action);
			CU_ASSERT_EQUAL(h.err_off, 44); /* the option type byte */
		}
	}
}

static void rfc8200_4_4_routing_header(void)
{
	/* Routing Type 0 (RFC 5095: not processed), Segments Left 0: ignored */
	uint8_t ext[] = {58, 0, 0, 0, 0, 0, 0, 0};
	struct sct_ip6 h;
	size_t n = ip6_with(SCT_IP6_NH_ROUTING, ext, sizeof(ext));

	CU_ASSERT_EQUAL_FATAL(sct_ip6_parse(&h, pkt, n), 0);
	CU_ASSERT_EQUAL(h.proto, 58);
	CU_ASSERT_EQUAL(h.nh_off, 40);
	ext[3] = 1; /* Segments Left 1: Parameter Problem code 0 at the Routing Type */
	n = ip6_with(SCT_IP6_NH_ROUTING, ext, sizeof(ext));
	CU_ASSERT_EQUAL(sct_ip6_parse(&h, pkt, n), SCT_WE_IP6_ROUTING);
	CU_ASSERT_EQUAL(h.err_off, 42);
}

static void rfc8200_4_5_fragment(void)
{
	/* Destination options, then a fragment at offset 1448 (M=0), id 0x01020304 */
	static const uint8_t ext[] = {44, 0, 1, 4, 0, 0, 0, 0, 58, 0, 0x05, 0xa8, 1, 2, 3, 4};
	struct sct_ip6 h;
	size_t n = ip6_with(SCT_IP6_NH_DSTOPTS, ext, sizeof(ext));

	CU_ASSERT_EQUAL_FATAL(sct_ip6_parse(&h, pkt, n), 0);
	CU_ASSERT_TRUE(h.frag.present);
	CU_ASSERT_EQUAL(h.frag.off, 1448);
	CU_ASSERT_FALSE(h.frag.more);
	CU_ASSERT_FALSE(h.frag.atomic);
	CU_ASSERT_EQUAL(h.frag.id, 0x01020304);
	CU_ASSERT_EQUAL(h.frag.hdr_off, 48);
	CU_ASSERT_TRUE(sct_ip6_is_fragment(&h));
	CU_ASSERT_EQUAL(h.proto, 58);
	CU_ASSERT_EQUAL(h.payload_off, 56);
	CU_ASSERT_EQUAL(h.payload_len, 35);
	CU_ASSERT_EQUAL(h.nh_off, 48 - 8); /* the destination options' Next Header */
	CU_ASSERT_EQUAL(h.n_exthdrs, 2);
}

static void rfc6946_atomic_fragment_flagged(void)
{
	/* offset 0, M 0, then destination options, then ICMPv6 */
	static const uint8_t ext[] = {60, 0, 0, 0, 0, 0, 0, 9, 58, 0, 1, 4, 0, 0, 0, 0};
	struct sct_ip6 h;
	size_t n = ip6_with(SCT_IP6_NH_FRAGMENT, ext, sizeof(ext));

	CU_ASSERT_EQUAL_FATAL(sct_ip6_parse(&h, pkt, n), 0);
	CU_ASSERT_TRUE(h.frag.present);
	CU_ASSERT_TRUE(h.frag.atomic);
	CU_ASSERT_EQUAL(h.frag.id, 9);
	CU_ASSERT_FALSE(sct_ip6_is_fragment(&h));
	/* processed in isolation: the walk went on to the upper layer */
	CU_ASSERT_EQUAL(h.proto, 58);
	CU_ASSERT_EQUAL(h.payload_off, 56);
	CU_ASSERT_EQUAL(h.nh_off, 48);
	CU_ASSERT_EQUAL(h.n_exthdrs, 2);
}

static void rfc8200_4_5_fragment_malformed(void)
{
	/* M=1 with 35 bytes of fragment data: Parameter Problem at Payload Length */
	static const uint8_t m1[] = {58, 0, 0, 1, 0, 0, 0, 1};
	/* offset 65528 + 35 bytes > 65535: Parameter Problem at the Fragment Offset */
	static const uint8_t big[] = {58, 0, 0xff, 0xf8, 0, 0, 0, 1};
	/* a second fragment header after an atomic one */
	static const uint8_t two[] = {44, 0, 0, 0, 0, 0, 0, 1, 58, 0, 0, 8, 0, 0, 0, 1};
	/* the fragment header cut short */
	static const uint8_t cut[] = {58, 0, 0, 0};
	struct sct_ip6 h;
	size_t n = ip6_with(SCT_IP6_NH_FRAGMENT, m1, sizeof(m1));

	CU_ASSERT_EQUAL(sct_ip6_parse(&h, pkt, n), SCT_WE_FRAG_BAD_LEN);
	CU_ASSERT_EQUAL(h.err_off, 4);
	n = ip6_with(SCT_IP6_NH_FRAGMENT, big, sizeof(big));
	CU_ASSERT_EQUAL(sct_ip6_parse(&h, pkt, n), SCT_WE_IP6_FRAG);
	CU_ASSERT_EQUAL(h.err_off, 42);
	n = ip6_with(SCT_IP6_NH_FRAGMENT, two, sizeof(two));
	CU_ASSERT_EQUAL(sct_ip6_parse(&h, pkt, n), SCT_WE_IP6_FRAG);
	CU_ASSERT_EQUAL(h.err_off, 40);
	n = ip6_with(SCT_IP6_NH_FRAGMENT, cut, sizeof(cut));
	sct_put_u16(pkt + 4, 4);
	CU_ASSERT_EQUAL(sct_ip6_parse(&h, pkt, n), SCT_WE_IP6_EXTHDR);
}

static void rfc8200_4_1_unprocessed_extension_headers(void)
{
	static const uint8_t nhs[] = {50, 51, 135, 139, 140, 253, 254};
	static const uint8_t ext[] = {0, 0, 1, 4, 0, 0, 0, 0};
	size_t i;

	for (i = 0; i < sizeof(nhs); i++) {
		struct sct_ip6 h;
		size_t n = ip6_with(nhs[i], NULL, 0);

		CU_ASSERT_EQUAL(sct_ip6_parse(&h, pkt, n), SCT_WE_IP6_UNKNOWN_EXTHDR);
		CU_ASSERT_EQUAL(h.err_off, 6);
		n = ip6_with(SCT_IP6_NH_DSTOPTS, ext, sizeof(ext));
		pkt[40] = nhs[i];
		CU_ASSERT_EQUAL(sct_ip6_parse(&h, pkt, n), SCT_WE_IP6_UNKNOWN_EXTHDR);
		CU_ASSERT_EQUAL(h.err_off, 40);
	}
}

static void rfc8200_4_7_no_next_header_and_upper_layers(void)
{
	struct sct_ip6 h;
	size_t n = ip6_with(SCT_IP6_NH_NONE, NULL, 0);

	CU_ASSERT_EQUAL_FATAL(sct_ip6_parse(&h, pkt, n), 0);
	CU_ASSERT_EQUAL(h.proto, SCT_IP6_NH_NONE);
	n = ip6_with(132, NULL, 0); /* SCTP: any other value is an upper layer */
	CU_ASSERT_EQUAL_FATAL(sct_ip6_parse(&h, pkt, n), 0);
	CU_ASSERT_EQUAL(h.proto, 132);
	CU_ASSERT_EQUAL(h.n_exthdrs, 0);
}

static const struct sct_test ip6_tests[] = {
    SCT_TEST(rfc8200_3_parse_captured_echo),
    SCT_TEST(rfc8200_3_emit_matches_capture),
    SCT_TEST(rfc8200_4_5_emit_fragment_round_trip),
    SCT_TEST(rfc8200_3_truncated_and_version),
    SCT_TEST(rfc8200_3_payload_length),
    SCT_TEST(rfc8200_3_jumbogram_rejected),
    SCT_TEST(rfc8200_4_3_hop_by_hop_padding),
    SCT_TEST(rfc8200_4_1_hop_by_hop_not_first),
    SCT_TEST(rfc8200_4_1_chain_limit),
    SCT_TEST(rfc8200_4_extension_header_past_payload),
    SCT_TEST(rfc8200_4_2_option_past_header),
    SCT_TEST(rfc8200_4_2_unknown_option_actions),
    SCT_TEST(rfc8200_4_4_routing_header),
    SCT_TEST(rfc8200_4_5_fragment),
    SCT_TEST(rfc6946_atomic_fragment_flagged),
    SCT_TEST(rfc8200_4_5_fragment_malformed),
    SCT_TEST(rfc8200_4_1_unprocessed_extension_headers),
    SCT_TEST(rfc8200_4_7_no_next_header_and_upper_layers),
    SCT_TEST_END,
};

/* ---------------------------------------------------------------- UDP */

/*
 * Linux leaves the UDP checksum of loopback traffic to "offload"
 * (CHECKSUM_PARTIAL), so the captures hold only the folded pseudo-header sum
 * in the checksum field.  The final checksums below were computed apart from
 * sctun (a 10-line Python RFC 1071 sum): 0x8c46 (v4) and 0xccad (v6).
 */
#define CAP4_UDP_CSUM 0x8c46
#define CAP6_UDP_CSUM 0xccad

static size_t load_udp4(void)
{
	size_t n = load(cap4_udp);

	sct_put_u16(pkt + 26, CAP4_UDP_CSUM);
	return n;
}

static size_t load_udp6(void)
{
	size_t n = load(cap6_udp);

	sct_put_u16(pkt + 46, CAP6_UDP_CSUM);
	return n;
}

static void rfc768_pseudo_header_sum_of_capture(void)
{
	struct sct_addr lo4 = v4(0x7f000001), lo6 = v6("::1");
	size_t n = load(cap4_udp);

	/* what the kernel left in the field is exactly the (uncomplemented) pseudo sum */
	CU_ASSERT_EQUAL(sct_get_u16(pkt + 26), (uint16_t)~sct_csum_fold(sct_ip_pseudo_sum(
						   &lo4, &lo4, 17, (uint32_t)(n - 20))));
	n = load(cap6_udp);
	CU_ASSERT_EQUAL(sct_get_u16(pkt + 46), (uint16_t)~sct_csum_fold(sct_ip_pseudo_sum(
						   &lo6, &lo6, 17, (uint32_t)(n - 40))));
	CU_ASSERT_EQUAL(sct_ip_pseudo_sum(&lo4, &lo6, 17, 8), 0);
}

static void rfc768_parse_captured(void)
{
	size_t n = load_udp4();
	struct sct_addr lo4 = v4(0x7f000001), lo6 = v6("::1");
	struct sct_udp u;

	CU_ASSERT_EQUAL_FATAL(sct_udp_parse(&u, pkt + 20, n - 20, &lo4, &lo4), 0);
	CU_ASSERT_EQUAL(u.sport, 59459);
	CU_ASSERT_EQUAL(u.dport, 9);
	CU_ASSERT_EQUAL(u.len, 25);
	CU_ASSERT_EQUAL(u.payload_len, 17);
	CU_ASSERT_EQUAL(memcmp(u.payload, "hello-closed-port", 17), 0);
	n = load_udp6();
	CU_ASSERT_EQUAL_FATAL(sct_udp_parse(&u, pkt + 40, n - 40, &lo6, &lo6), 0);
	CU_ASSERT_EQUAL(u.sport, 42461);
	CU_ASSERT_EQUAL(u.csum, CAP6_UDP_CSUM);
}

static void rfc768_emit_matches_capture(void)
{
	struct sct_addr lo4 = v4(0x7f000001), lo6 = v6("::1");
	struct sct_wr w = sct_wr_init(out, sizeof(out));
	size_t n = load_udp4();

	CU_ASSERT_EQUAL_FATAL(
	    sct_udp_emit(&w, 59459, 9, (const uint8_t *)"hello-closed-port", 17, &lo4, &lo4), 0);
	CU_ASSERT_EQUAL(w.off, n - 20);
	SCT_ASSERT_BYTES(out, pkt + 20, n - 20);
	n = load_udp6();
	w = sct_wr_init(out, sizeof(out));
	CU_ASSERT_EQUAL_FATAL(
	    sct_udp_emit(&w, 42461, 9, (const uint8_t *)"hello-closed-port", 17, &lo6, &lo6), 0);
	SCT_ASSERT_BYTES(out, pkt + 40, n - 40);
	w = sct_wr_init(out, 24);
	CU_ASSERT_EQUAL(sct_udp_emit(&w, 1, 2, out, 17, &lo6, &lo6), SCT_WE_NOSPACE);
	CU_ASSERT_EQUAL(sct_udp_emit(&w, 1, 2, out, 1, &lo4, &lo6), SCT_WE_BAD_FIELD);
}

static void rfc768_checksum(void)
{
	struct sct_addr lo4 = v4(0x7f000001), lo6 = v6("::1"), other = v4(0x7f000002);
	struct sct_udp u;
	size_t n = load_udp4();

	/* a checksum over the wrong pseudo-header is wrong */
	CU_ASSERT_EQUAL(sct_udp_parse(&u, pkt + 20, n - 20, &lo4, &other), SCT_WE_UDP_CSUM);
	pkt[n - 1] ^= 1;
	CU_ASSERT_EQUAL(sct_udp_parse(&u, pkt + 20, n - 20, &lo4, &lo4), SCT_WE_UDP_CSUM);
	/* RFC 768: zero means no checksum over IPv4 ... */
	sct_put_u16(pkt + 26, 0);
	CU_ASSERT_EQUAL(sct_udp_parse(&u, pkt + 20, n - 20, &lo4, &lo4), 0);
	/* ... RFC 8200 8.1: but not over IPv6 */
	n = load_udp6();
	sct_put_u16(pkt + 46, 0);
	CU_ASSERT_EQUAL(sct_udp_parse(&u, pkt + 40, n - 40, &lo6, &lo6), SCT_WE_UDP_CSUM_ZERO);
	/* without addresses (a quote) the checksum is not checked */
	CU_ASSERT_EQUAL(sct_udp_parse(&u, pkt + 40, n - 40, NULL, NULL), 0);
}

static void rfc768_length(void)
{
	struct sct_addr lo4 = v4(0x7f000001);
	struct sct_udp u;
	size_t n = load(cap4_udp);

	CU_ASSERT_EQUAL(sct_udp_parse(&u, pkt + 20, 7, &lo4, &lo4), SCT_WE_TRUNCATED);
	sct_put_u16(pkt + 24, 7);
	CU_ASSERT_EQUAL(sct_udp_parse(&u, pkt + 20, n - 20, &lo4, &lo4), SCT_WE_UDP_LEN);
	sct_put_u16(pkt + 24, 26);
	CU_ASSERT_EQUAL(sct_udp_parse(&u, pkt + 20, n - 20, &lo4, &lo4), SCT_WE_UDP_LEN);
	/* shorter than the bytes: the rest is ignored (the checksum covers Length bytes) */
	sct_put_u16(pkt + 24, 8);
	CU_ASSERT_EQUAL_FATAL(sct_udp_parse(&u, pkt + 20, n - 20, NULL, NULL), 0);
	CU_ASSERT_EQUAL(u.payload_len, 0);
}

static const struct sct_test udp_tests[] = {
    SCT_TEST(rfc768_pseudo_header_sum_of_capture),
    SCT_TEST(rfc768_parse_captured),
    SCT_TEST(rfc768_emit_matches_capture),
    SCT_TEST(rfc768_checksum),
    SCT_TEST(rfc768_length),
    SCT_TEST_END,
};

/* ---------------------------------------------------------------- ICMP */

static void rfc792_echo_reply_matches_capture(void)
{
	struct sct_icmp req, rep;
	struct sct_wr w = sct_wr_init(out, sizeof(out));
	size_t n = load(cap4_echo_req);

	CU_ASSERT_EQUAL_FATAL(sct_icmp4_parse(&req, pkt + 20, n - 20), 0);
	CU_ASSERT_EQUAL(req.type, SCT_ICMP4_ECHO_REQUEST);
	CU_ASSERT_FALSE(req.is_error);
	CU_ASSERT_EQUAL(req.id, 0x1234);
	CU_ASSERT_EQUAL(req.seq, 1);
	CU_ASSERT_EQUAL_FATAL(req.data_len, 27);
	CU_ASSERT_EQUAL(memcmp(req.data, "sctun-ping-0123456789abcdef", 27), 0);
	CU_ASSERT_EQUAL(sct_icmp4_emit_echo_reply(&w, &req), 35);
	/* the kernel's reply to the same request, byte for byte */
	n = load(cap4_echo_rep);
	SCT_ASSERT_BYTES(out, pkt + 20, 35);
	CU_ASSERT_EQUAL_FATAL(sct_icmp4_parse(&rep, out, 35), 0);
	CU_ASSERT_EQUAL(rep.type, SCT_ICMP4_ECHO_REPLY);
	CU_ASSERT_EQUAL(sct_icmp4_emit_echo(&w, 3, 1, 1, NULL, 0), SCT_WE_BAD_FIELD);
}

static void rfc4443_4_echo_reply_matches_capture(void)
{
	struct sct_addr lo = v6("::1"), other = v6("::2");
	struct sct_icmp req;
	struct sct_wr w = sct_wr_init(out, sizeof(out));
	size_t n = load(cap6_echo_req);

	CU_ASSERT_EQUAL_FATAL(sct_icmp6_parse(&req, pkt + 40, n - 40, &lo, &lo), 0);
	CU_ASSERT_EQUAL(req.type, SCT_ICMP6_ECHO_REQUEST);
	CU_ASSERT_EQUAL(req.id, 0x1234);
	CU_ASSERT_EQUAL(req.seq, 1);
	CU_ASSERT_EQUAL(req.data_len, 27);
	/* RFC 4443 2.3: the checksum covers the pseudo-header */
	CU_ASSERT_EQUAL(sct_icmp6_parse(&req, pkt + 40, n - 40, &lo, &other), SCT_WE_ICMP_CSUM);
	CU_ASSERT_EQUAL_FATAL(sct_icmp6_parse(&req, pkt + 40, n - 40, &lo, &lo), 0);
	CU_ASSERT_EQUAL(sct_icmp6_emit_echo_reply(&w, &req, &lo, &lo), 35);
	n = load(cap6_echo_rep);
	SCT_ASSERT_BYTES(out, pkt + 40, 35);
}

static void rfc792_port_unreachable_matches_capture(void)
{
	struct sct_icmp m;
	struct sct_icmp_quote q;
	struct sct_addr lo = v4(0x7f000001);
	struct sct_wr w = sct_wr_init(out, sizeof(out));
	uint8_t udp[64];
	size_t un = load(cap4_udp), n;

	memcpy(udp, pkt, un);
	n = load(cap4_port_unreach);
	CU_ASSERT_EQUAL_FATAL(sct_icmp4_parse(&m, pkt + 20, n - 20), 0);
	CU_ASSERT_EQUAL(m.type, SCT_ICMP4_DEST_UNREACH);
	CU_ASSERT_EQUAL(m.code, SCT_ICMP4_PORT_UNREACH);
	CU_ASSERT_TRUE(m.is_error);
	CU_ASSERT_EQUAL(m.data_len, un);
	/* the quoted packet: who sent what to whom */
	CU_ASSERT_EQUAL_FATAL(sct_icmp_quote_parse(&q, SCT_AF_INET4, m.data, m.data_len), 0);
	CU_ASSERT_TRUE(sct_addr_eq(&q.src, &lo));
	CU_ASSERT_TRUE(sct_addr_eq(&q.dst, &lo));
	CU_ASSERT_EQUAL(q.proto, SCT_IPPROTO_UDP);
	CU_ASSERT_EQUAL(q.orig_len, 45);
	CU_ASSERT_EQUAL_FATAL(q.l4_len, 25);
	CU_ASSERT_EQUAL(sct_get_u16(q.l4), 59459);
	CU_ASSERT_EQUAL(sct_get_u16(q.l4 + 2), 9);
	/* and sctun's own port unreachable for that datagram is the kernel's */
	CU_ASSERT_EQUAL(sct_icmp4_emit_unreach(&w, SCT_ICMP4_PORT_UNREACH, 0, udp, un),
			(int)(n - 20));
	SCT_ASSERT_BYTES(out, pkt + 20, n - 20);
}

static void rfc4443_3_1_port_unreachable_matches_capture(void)
{
	struct sct_icmp m;
	struct sct_icmp_quote q;
	struct sct_addr lo = v6("::1");
	struct sct_wr w = sct_wr_init(out, sizeof(out));
	uint8_t udp[80];
	size_t un = load(cap6_udp), n;

	memcpy(udp, pkt, un);
	n = load(cap6_port_unreach);
	CU_ASSERT_EQUAL_FATAL(sct_icmp6_parse(&m, pkt + 40, n - 40, &lo, &lo), 0);
	CU_ASSERT_EQUAL(m.type, SCT_ICMP6_DEST_UNREACH);
	CU_ASSERT_EQUAL(m.code, SCT_ICMP6_PORT_UNREACH);
	CU_ASSERT_TRUE(m.is_error);
	CU_ASSERT_EQUAL_FATAL(sct_icmp_quote_parse(&q, SCT_AF_INET6, m.data, m.data_len), 0);
	CU_ASSERT_TRUE(sct_addr_eq(&q.src, &lo));
	CU_ASSERT_EQUAL(q.proto, SCT_IPPROTO_UDP);
	CU_ASSERT_EQUAL(q.l4_len, 25);
	CU_ASSERT_EQUAL(sct_get_u16(q.l4), 42461);
	CU_ASSERT_EQUAL(sct_icmp6_emit_unreach(&w, SCT_ICMP6_PORT_UNREACH, udp, un, &lo, &lo),
			(int)(n - 40));
	SCT_ASSERT_BYTES(out, pkt + 40, n - 40);
}

static void rfc792_checksum_and_truncation(void)
{
	struct sct_addr lo = v6("::1");
	struct sct_icmp m;
	size_t n = load(cap4_echo_req);

	CU_ASSERT_EQUAL(sct_icmp4_parse(&m, pkt + 20, 7), SCT_WE_TRUNCATED);
	pkt[n - 1] ^= 0x40;
	CU_ASSERT_EQUAL(sct_icmp4_parse(&m, pkt + 20, n - 20), SCT_WE_ICMP_CSUM);
	n = load(cap6_echo_req);
	CU_ASSERT_EQUAL(sct_icmp6_parse(&m, pkt + 40, 7, &lo, &lo), SCT_WE_TRUNCATED);
	pkt[n - 1] ^= 0x40;
	CU_ASSERT_EQUAL(sct_icmp6_parse(&m, pkt + 40, n - 40, &lo, &lo), SCT_WE_ICMP_CSUM);
}

/* An ICMPv4 message of @type/@code with 8 zero data bytes and a right checksum. */
static size_t icmp4_make(uint8_t type, uint8_t code)
{
	memset(pkt, 0, 16);
	pkt[0] = type;
	pkt[1] = code;
	sct_put_u16(pkt + 2, sct_csum(pkt, 16));
	return 16;
}

static void rfc6633_source_quench_and_unknown_types(void)
{
	struct sct_icmp m;
	size_t n;

	n = icmp4_make(SCT_ICMP4_SOURCE_QUENCH, 0);
	CU_ASSERT_EQUAL(sct_icmp4_parse(&m, pkt, n), SCT_WE_ICMP_TYPE);
	n = icmp4_make(13, 0); /* timestamp */
	CU_ASSERT_EQUAL(sct_icmp4_parse(&m, pkt, n), SCT_WE_ICMP_TYPE);
	n = icmp4_make(SCT_ICMP4_DEST_UNREACH, 16);
	CU_ASSERT_EQUAL(sct_icmp4_parse(&m, pkt, n), SCT_WE_ICMP_TYPE);
	n = icmp4_make(SCT_ICMP4_TIME_EXCEEDED, 2);
	CU_ASSERT_EQUAL(sct_icmp4_parse(&m, pkt, n), SCT_WE_ICMP_TYPE);
	n = icmp4_make(SCT_ICMP4_ECHO_REQUEST, 1);
	CU_ASSERT_EQUAL(sct_icmp4_parse(&m, pkt, n), SCT_WE_ICMP_TYPE);
	n = icmp4_make(SCT_ICMP4_DEST_UNREACH, 15);
	CU_ASSERT_EQUAL(sct_icmp4_parse(&m, pkt, n), 0);
}

static void rfc4443_2_4_unknown_error_type_passed_up(void)
{
	struct sct_addr a = v6("2001:db8::1"), b = v6("2001:db8::2");
	struct sct_wr w = sct_wr_init(out, sizeof(out));
	struct sct_icmp m;

	/* make a type-5 error by emitting a time exceeded and rewriting its type */
	CU_ASSERT_EQUAL_FATAL(sct_icmp6_emit_time_exceeded(&w, 0, out, 0, &a, &b), 8);
	out[0] = 5;
	sct_put_u16(out + 2, sct_csum_update16(sct_get_u16(out + 2), 0x0300, 0x0500));
	CU_ASSERT_EQUAL(sct_icmp6_parse(&m, out, 8, &a, &b), SCT_WE_ICMP_TYPE);
	CU_ASSERT_TRUE(m.is_error);
	CU_ASSERT_EQUAL(m.type, 5);
	/* an unknown informational type (RFC 4443 2.4 (b): discard) */
	out[0] = 200;
	sct_put_u16(out + 2, sct_csum_update16(sct_get_u16(out + 2), 0x0500, 0xc800));
	CU_ASSERT_EQUAL(sct_icmp6_parse(&m, out, 8, &a, &b), SCT_WE_ICMP_TYPE);
	CU_ASSERT_FALSE(m.is_error);
}

static void rfc1191_4_frag_needed_mtu_round_trip(void)
{
	struct sct_wr w = sct_wr_init(out, sizeof(out));
	struct sct_icmp m;
	size_t n = load(cap4_udp);
	int len = sct_icmp4_emit_unreach(&w, SCT_ICMP4_FRAG_NEEDED, 1400, pkt, n);

	CU_ASSERT_EQUAL_FATAL(len, (int)(8 + n));
	CU_ASSERT_EQUAL(sct_get_u16(out + 4), 0); /* unused */
	CU_ASSERT_EQUAL(sct_get_u16(out + 6), 1400);
	CU_ASSERT_EQUAL_FATAL(sct_icmp4_parse(&m, out, (size_t)len), 0);
	CU_ASSERT_EQUAL(m.code, SCT_ICMP4_FRAG_NEEDED);
	CU_ASSERT_EQUAL(m.mtu, 1400);
	CU_ASSERT_EQUAL(m.data_len, n);
	SCT_ASSERT_BYTES(m.data, pkt, n);
	CU_ASSERT_EQUAL(sct_icmp4_emit_unreach(&w, 16, 0, pkt, n), SCT_WE_BAD_FIELD);
}

static void rfc4443_3_2_packet_too_big_round_trip(void)
{
	struct sct_addr a = v6("2001:db8::1"), b = v6("2001:db8::2");
	struct sct_wr w = sct_wr_init(out, sizeof(out));
	struct sct_icmp m;
	size_t n = load(cap6_udp);
	int len = sct_icmp6_emit_packet_too_big(&w, 1280, pkt, n, &a, &b);

	CU_ASSERT_EQUAL_FATAL(len, (int)(8 + n));
	CU_ASSERT_EQUAL_FATAL(sct_icmp6_parse(&m, out, (size_t)len, &a, &b), 0);
	CU_ASSERT_EQUAL(m.type, SCT_ICMP6_PACKET_TOO_BIG);
	CU_ASSERT_EQUAL(m.mtu, 1280);
	CU_ASSERT_TRUE(m.is_error);
	SCT_ASSERT_BYTES(m.data, pkt, n);
}

static void rfc792_time_exceeded_and_param_problem(void)
{
	struct sct_wr w = sct_wr_init(out, sizeof(out));
	struct sct_icmp m;
	size_t n = load(cap4_udp);
	int len = sct_icmp4_emit_time_exceeded(&w, 1, pkt, n);

	CU_ASSERT_EQUAL_FATAL(sct_icmp4_parse(&m, out, (size_t)len), 0);
	CU_ASSERT_EQUAL(m.type, SCT_ICMP4_TIME_EXCEEDED);
	CU_ASSERT_EQUAL(m.code, 1);
	w = sct_wr_init(out, sizeof(out));
	len = sct_icmp4_emit_param_problem(&w, 9, pkt, n);
	CU_ASSERT_EQUAL(out[4], 9);
	CU_ASSERT_EQUAL_FATAL(sct_icmp4_parse(&m, out, (size_t)len), 0);
	CU_ASSERT_EQUAL(m.type, SCT_ICMP4_PARAM_PROBLEM);
	CU_ASSERT_EQUAL(m.pointer, 9);
	CU_ASSERT_EQUAL(sct_icmp4_emit_time_exceeded(&w, 2, pkt, n), SCT_WE_BAD_FIELD);
}

static void rfc4443_3_3_3_4_time_exceeded_and_param_problem(void)
{
	struct sct_addr a = v6("2001:db8::1"), b = v6("2001:db8::2"), c = v4(1);
	struct sct_wr w = sct_wr_init(out, sizeof(out));
	struct sct_icmp m;
	size_t n = load(cap6_udp);
	int len = sct_icmp6_emit_time_exceeded(&w, 0, pkt, n, &a, &b);

	CU_ASSERT_EQUAL_FATAL(sct_icmp6_parse(&m, out, (size_t)len, &a, &b), 0);
	CU_ASSERT_EQUAL(m.type, SCT_ICMP6_TIME_EXCEEDED);
	CU_ASSERT_EQUAL(m.code, 0);
	w = sct_wr_init(out, sizeof(out));
	len = sct_icmp6_emit_param_problem(&w, SCT_ICMP6_PARAM_NEXTHDR, 6, pkt, n, &a, &b);
	CU_ASSERT_EQUAL_FATAL(sct_icmp6_parse(&m, out, (size_t)len, &a, &b), 0);
	CU_ASSERT_EQUAL(m.type, SCT_ICMP6_PARAM_PROBLEM);
	CU_ASSERT_EQUAL(m.code, SCT_ICMP6_PARAM_NEXTHDR);
	CU_ASSERT_EQUAL(m.pointer, 6);
	CU_ASSERT_EQUAL(sct_icmp6_emit_param_problem(&w, 4, 0, pkt, n, &a, &b), SCT_WE_BAD_FIELD);
	CU_ASSERT_EQUAL(sct_icmp6_emit_unreach(&w, 0, pkt, n, &a, &c), SCT_WE_BAD_FIELD);
}

static void rfc1122_3_2_2_quote_limit_576(void)
{
	static uint8_t big[1500];
	struct sct_wr w = sct_wr_init(out, sizeof(out));
	struct sct_icmp m;
	struct sct_icmp_quote q;
	size_t n = load(cap4_udp);
	int len;

	/* a 1500-byte datagram: the quote is cut so IP + ICMP is 576 bytes */
	memcpy(big, pkt, n);
	sct_put_u16(big + 2, sizeof(big));
	len = sct_icmp4_emit_unreach(&w, SCT_ICMP4_PROTO_UNREACH, 0, big, sizeof(big));
	CU_ASSERT_EQUAL_FATAL(len, SCT_ICMP4_ERR_MAX - 20);
	CU_ASSERT_EQUAL_FATAL(sct_icmp4_parse(&m, out, (size_t)len), 0);
	CU_ASSERT_EQUAL(m.code, SCT_ICMP4_PROTO_UNREACH);
	CU_ASSERT_EQUAL(m.data_len, SCT_ICMP4_QUOTE_MAX);
	/* the quote says 1500 bytes but holds 548: the parse takes what is there */
	CU_ASSERT_EQUAL_FATAL(sct_icmp_quote_parse(&q, SCT_AF_INET4, m.data, m.data_len), 0);
	CU_ASSERT_EQUAL(q.orig_len, 1500);
	CU_ASSERT_EQUAL(q.l4_len, SCT_ICMP4_QUOTE_MAX - 20);
	/* a buffer too small for the message */
	w = sct_wr_init(out, 100);
	CU_ASSERT_EQUAL(sct_icmp4_emit_unreach(&w, 2, 0, big, sizeof(big)), SCT_WE_NOSPACE);
}

static void rfc4443_2_4_c_quote_limit_1280(void)
{
	static uint8_t big[2000];
	struct sct_addr a = v6("2001:db8::1"), b = v6("2001:db8::2");
	struct sct_wr w = sct_wr_init(out, sizeof(out));
	struct sct_icmp m;
	size_t n = load(cap6_udp);
	int len;

	memcpy(big, pkt, n);
	len = sct_icmp6_emit_packet_too_big(&w, 1280, big, sizeof(big), &a, &b);
	CU_ASSERT_EQUAL_FATAL(len, SCT_ICMP6_ERR_MAX - 40);
	CU_ASSERT_EQUAL_FATAL(sct_icmp6_parse(&m, out, (size_t)len, &a, &b), 0);
	CU_ASSERT_EQUAL(m.data_len, SCT_ICMP6_QUOTE_MAX);
	SCT_ASSERT_BYTES(m.data, big, SCT_ICMP6_QUOTE_MAX);
}

static void rfc792_quote_header_plus_8_bytes(void)
{
	struct sct_icmp_quote q;
	size_t n = load(cap4_udp);

	(void)n;
	/* RFC 792: header + 64 bits is enough, whatever Total Length says */
	CU_ASSERT_EQUAL_FATAL(sct_icmp_quote_parse(&q, SCT_AF_INET4, pkt, 28), 0);
	CU_ASSERT_EQUAL(q.l4_len, 8);
	CU_ASSERT_EQUAL(q.orig_len, 45);
	CU_ASSERT_EQUAL(sct_icmp_quote_parse(&q, SCT_AF_INET4, pkt, 27), SCT_WE_ICMP_QUOTE);
	CU_ASSERT_EQUAL(sct_icmp_quote_parse(&q, SCT_AF_INET6, pkt, 45), SCT_WE_ICMP_QUOTE);
	CU_ASSERT_EQUAL(sct_icmp_quote_parse(&q, 0, pkt, 45), SCT_WE_BAD_FIELD);
	/* the quoted Total Length also bounds the transport bytes */
	sct_put_u16(pkt + 2, 30);
	CU_ASSERT_EQUAL_FATAL(sct_icmp_quote_parse(&q, SCT_AF_INET4, pkt, 45), 0);
	CU_ASSERT_EQUAL(q.l4_len, 10);
	sct_put_u16(pkt + 2, 27);
	CU_ASSERT_EQUAL(sct_icmp_quote_parse(&q, SCT_AF_INET4, pkt, 45), SCT_WE_ICMP_QUOTE);
	sct_put_u16(pkt + 2, 45);
	/* a non-first fragment has no transport header to match */
	sct_put_u16(pkt + 6, 0x0010);
	CU_ASSERT_EQUAL(sct_icmp_quote_parse(&q, SCT_AF_INET4, pkt, 45), SCT_WE_ICMP_QUOTE);
	sct_put_u16(pkt + 6, 0x4000);
	pkt[0] = 0x46; /* IHL 6: options move the transport header */
	CU_ASSERT_EQUAL_FATAL(sct_icmp_quote_parse(&q, SCT_AF_INET4, pkt, 45), 0);
	CU_ASSERT_PTR_EQUAL(q.l4, pkt + 24);
	pkt[0] = 0x44;
	CU_ASSERT_EQUAL(sct_icmp_quote_parse(&q, SCT_AF_INET4, pkt, 45), SCT_WE_ICMP_QUOTE);
	pkt[0] = 0x65;
	CU_ASSERT_EQUAL(sct_icmp_quote_parse(&q, SCT_AF_INET4, pkt, 45), SCT_WE_IP_VERSION);
}

static void rfc4443_quote_skips_extension_headers(void)
{
	/* the v6 echo request with a fragment header (first fragment) and dest options */
	static const uint8_t ext[] = {60, 0, 0, 1, 0, 0, 0, 7, 58, 0, 1, 4, 0, 0, 0, 0};
	struct sct_icmp_quote q;
	size_t n = ip6_with(SCT_IP6_NH_FRAGMENT, ext, sizeof(ext));

	CU_ASSERT_EQUAL_FATAL(sct_icmp_quote_parse(&q, SCT_AF_INET6, pkt, n), 0);
	CU_ASSERT_EQUAL(q.proto, 58);
	CU_ASSERT_PTR_EQUAL(q.l4, pkt + 56);
	CU_ASSERT_EQUAL(q.l4_len, 35);
	/* cut one byte short of 8 transport bytes */
	CU_ASSERT_EQUAL(sct_icmp_quote_parse(&q, SCT_AF_INET6, pkt, 63), SCT_WE_ICMP_QUOTE);
	/* a non-first fragment */
	pkt[43] = 0x08;
	CU_ASSERT_EQUAL(sct_icmp_quote_parse(&q, SCT_AF_INET6, pkt, n), SCT_WE_ICMP_QUOTE);
}

static void rfc6951_5_5_quoted_udp_encapsulated_sctp(void)
{
	/* an SCTP common header: ports 5000 -> 5001, verification tag 0xcafef00d */
	static const uint8_t sctp[] = {0x13, 0x88, 0x13, 0x89, 0xca, 0xfe, 0xf0, 0x0d,
				       0,    0,	   0,	 0,    0,    0,	   0,	 0};
	struct sct_addr a = v4(0xc0000201), b = v4(0xc6336402);
	struct sct_ip4 ip = {.ttl = 64, .proto = SCT_IPPROTO_UDP, .df = true};
	struct sct_wr w = sct_wr_init(pkt, sizeof(pkt));
	struct sct_icmp m;
	struct sct_icmp_quote q;
	int len;

	ip.src = a;
	ip.dst = b;
	CU_ASSERT_EQUAL_FATAL(sct_ip4_emit(&w, &ip, 8 + sizeof(sctp)), 0);
	CU_ASSERT_EQUAL_FATAL(sct_udp_emit(&w, 9899, 9899, sctp, sizeof(sctp), &a, &b), 0);
	/* a router's fragmentation needed that quotes header + 8 bytes only */
	w = sct_wr_init(out, sizeof(out));
	len = sct_icmp4_emit_unreach(&w, SCT_ICMP4_FRAG_NEEDED, 1280, pkt, 20 + 16);
	CU_ASSERT_EQUAL_FATAL(sct_icmp4_parse(&m, out, (size_t)len), 0);
	CU_ASSERT_EQUAL(m.mtu, 1280);
	CU_ASSERT_EQUAL_FATAL(sct_icmp_quote_parse(&q, SCT_AF_INET4, m.data, m.data_len), 0);
	CU_ASSERT_TRUE(sct_addr_eq(&q.src, &a));
	CU_ASSERT_TRUE(sct_addr_eq(&q.dst, &b));
	CU_ASSERT_EQUAL(q.proto, SCT_IPPROTO_UDP);
	CU_ASSERT_EQUAL_FATAL(q.l4_len, 16);
	/* UDP ports, then the SCTP ports and the verification tag */
	CU_ASSERT_EQUAL(sct_get_u16(q.l4), 9899);
	CU_ASSERT_EQUAL(sct_get_u16(q.l4 + 8), 5000);
	CU_ASSERT_EQUAL(sct_get_u32(q.l4 + 12), 0xcafef00d);
}

static const struct sct_test icmp_tests[] = {
    SCT_TEST(rfc792_echo_reply_matches_capture),
    SCT_TEST(rfc4443_4_echo_reply_matches_capture),
    SCT_TEST(rfc792_port_unreachable_matches_capture),
    SCT_TEST(rfc4443_3_1_port_unreachable_matches_capture),
    SCT_TEST(rfc792_checksum_and_truncation),
    SCT_TEST(rfc6633_source_quench_and_unknown_types),
    SCT_TEST(rfc4443_2_4_unknown_error_type_passed_up),
    SCT_TEST(rfc1191_4_frag_needed_mtu_round_trip),
    SCT_TEST(rfc4443_3_2_packet_too_big_round_trip),
    SCT_TEST(rfc792_time_exceeded_and_param_problem),
    SCT_TEST(rfc4443_3_3_3_4_time_exceeded_and_param_problem),
    SCT_TEST(rfc1122_3_2_2_quote_limit_576),
    SCT_TEST(rfc4443_2_4_c_quote_limit_1280),
    SCT_TEST(rfc792_quote_header_plus_8_bytes),
    SCT_TEST(rfc4443_quote_skips_extension_headers),
    SCT_TEST(rfc6951_5_5_quoted_udp_encapsulated_sctp),
    SCT_TEST_END,
};

SCT_TEST_MAIN(ip4_tests, ip6_tests, udp_tests, icmp_tests)
