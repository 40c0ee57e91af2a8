/* SPDX-License-Identifier: MIT */
/* test_host.c: the host IP layer (RFC 791, 792, 1122, 1191, 4443, 6437, 8200, 8201, 9260 10). */
#include "harness.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "common/addr.h"
#include "common/cursor.h"
#include "common/time.h"
#include "ip/host.h"
#include "ip/pmtu.h"
#include "wire/icmp.h"
#include "wire/ipv4.h"
#include "wire/ipv6.h"
#include "wire/udp.h"
#include "wire/wire_err.h"

#define SEC SCT_NSEC_PER_SEC
#define T0  (1000 * SEC)

static uint8_t pkt[70000];
static uint8_t out[70000];
static uint8_t l4[70000];

static struct sct_addr A(const char *s) {
	struct sct_addr a;

	CU_ASSERT_EQUAL_FATAL(sct_addr_parse(&a, s), 0);
	return a;
}

/*
 * The host of every test: 10.0.0.1/24 and 2001:db8::1/64 (endpoint),
 * 10.0.0.2/24 and 2001:db8::2/64 (local, not endpoint), 192.168.5.1/24,
 * fe80::1/64 (endpoint), 127.0.0.1/8 and ::1/128 (endpoint).
 */
static struct sct_host *
mkhost(const struct sct_host_limits *lim)
{
	struct sct_host_limits l;
	struct sct_host *h;
	struct sct_addr a;

	if (!lim) {
		sct_host_limits_default(&l);
		lim = &l;
	}
	CU_ASSERT_EQUAL_FATAL(sct_host_create(&h, lim), 0);
	a = A("10.0.0.1");
	CU_ASSERT_EQUAL(sct_host_addr_add(h, &a, 24, true), 0);
	a = A("10.0.0.2");
	CU_ASSERT_EQUAL(sct_host_addr_add(h, &a, 24, false), 0);
	a = A("192.168.5.1");
	CU_ASSERT_EQUAL(sct_host_addr_add(h, &a, 24, true), 0);
	a = A("2001:db8::1");
	CU_ASSERT_EQUAL(sct_host_addr_add(h, &a, 64, true), 0);
	a = A("2001:db8::2");
	CU_ASSERT_EQUAL(sct_host_addr_add(h, &a, 64, false), 0);
	a = A("fe80::1");
	CU_ASSERT_EQUAL(sct_host_addr_add(h, &a, 64, true), 0);
	a = A("127.0.0.1");
	CU_ASSERT_EQUAL(sct_host_addr_add(h, &a, 8, true), 0);
	a = A("::1");
	CU_ASSERT_EQUAL(sct_host_addr_add(h, &a, 128, true), 0);
	return h;
}

/* An IPv4 packet into pkt; returns its length. */
static size_t ip4(const char *src, const char *dst, uint8_t proto, const uint8_t *data, size_t len,
		  uint8_t tos, uint16_t id, bool mf, uint16_t off)
{
	struct sct_wr w = sct_wr_init(pkt, sizeof(pkt));
	struct sct_ip4 h = {
	    .tos = tos, .id = id, .mf = mf, .frag_off = off, .ttl = 33, .proto = proto};

	h.src = A(src);
	h.dst = A(dst);
	CU_ASSERT_EQUAL_FATAL(sct_ip4_emit(&w, &h, len), 0);
	sct_wr_bytes(&w, data, len);
	return w.off;
}

static size_t ip6(const char *src, const char *dst, uint8_t proto, const uint8_t *data, size_t len,
		  uint8_t tclass, uint32_t flow, bool frag, uint32_t id, bool more, uint16_t off)
{
	struct sct_wr w = sct_wr_init(pkt, sizeof(pkt));
	struct sct_ip6 h = {.tclass = tclass, .flow = flow, .hlim = 44, .proto = proto};

	h.src = A(src);
	h.dst = A(dst);
	h.frag.present = frag;
	h.frag.id = id;
	h.frag.more = more;
	h.frag.off = off;
	CU_ASSERT_EQUAL_FATAL(sct_ip6_emit(&w, &h, len), 0);
	sct_wr_bytes(&w, data, len);
	return w.off;
}

/* An SCTP packet of @len bytes (ports 5000 -> 5001, vtag 0x01020304) into l4. */
static size_t sctp(size_t len)
{
	size_t i;

	sct_put_u16(l4, 5000);
	sct_put_u16(l4 + 2, 5001);
	sct_put_u32(l4 + 4, 0x01020304);
	for (i = 8; i < len; i++)
		l4[i] = (uint8_t)(i * 31 + 7);
	return len;
}

static int in(struct sct_host *h, size_t len, sct_time_t now, struct sct_host_rx *rx)
{
	return sct_host_input(h, pkt, len, now, rx);
}

static int pull(struct sct_host *h)
{
	return sct_host_pull(h, out, sizeof(out));
}

/* Pull one packet, check it is a valid ICMPv4 message; return the message parsed. */
static void pull_icmp4(struct sct_host *h, struct sct_ip4 *ip, struct sct_icmp *m)
{
	int n = pull(h);

	CU_ASSERT_FATAL(n > 0);
	CU_ASSERT_EQUAL_FATAL(sct_ip4_parse(ip, out, (size_t)n), 0);
	CU_ASSERT_EQUAL_FATAL(ip->proto, SCT_IPPROTO_ICMP);
	CU_ASSERT_EQUAL_FATAL(sct_icmp4_parse(m, ip->payload, ip->payload_len), 0);
}

static void pull_icmp6(struct sct_host *h, struct sct_ip6 *ip, struct sct_icmp *m)
{
	int n = pull(h);

	CU_ASSERT_FATAL(n > 0);
	CU_ASSERT_EQUAL_FATAL(sct_ip6_parse(ip, out, (size_t)n), 0);
	CU_ASSERT_EQUAL_FATAL(ip->proto, SCT_IPPROTO_ICMPV6);
	CU_ASSERT_EQUAL_FATAL(sct_icmp6_parse(m, ip->payload, ip->payload_len, &ip->src, &ip->dst),
			      0);
}

/* ---- echo ---- */

static size_t echo4(const char *src, const char *dst)
{
	struct sct_wr w = sct_wr_init(l4, sizeof(l4));

	CU_ASSERT_FATAL(sct_icmp4_emit_echo(&w, SCT_ICMP4_ECHO_REQUEST, 0x1234, 1,
					    (const uint8_t *)"abcdefgh", 8) > 0);
	return ip4(src, dst, SCT_IPPROTO_ICMP, l4, w.off, 0, 7, false, 0);
}

static size_t echo6(const char *src, const char *dst)
{
	struct sct_wr w = sct_wr_init(l4, sizeof(l4));
	struct sct_addr s = A(src), d = A(dst);

	CU_ASSERT_FATAL(sct_icmp6_emit_echo(&w, SCT_ICMP6_ECHO_REQUEST, 0x1234, 1,
					    (const uint8_t *)"abcdefgh", 8, &s, &d) > 0);
	return ip6(src, dst, SCT_IPPROTO_ICMPV6, l4, w.off, 0, 0, false, 0, false, 0);
}

static void rfc792_echo_v4_reply_byte_exact(void)
{
	struct sct_host *h = mkhost(NULL);
	struct sct_host_rx rx;
	uint8_t want[64];
	size_t wl = sct_test_unhex("45 00 00 24 00 00 00 00 40 01 66 d0 0a 00 00 01 0a 00 00 09"
				   "00 00 5c 35 12 34 00 01 61 62 63 64 65 66 67 68",
				   want, sizeof(want));

	CU_ASSERT_EQUAL(in(h, echo4("10.0.0.9", "10.0.0.1"), T0, &rx), 0);
	CU_ASSERT_EQUAL(rx.kind, SCT_HOST_RX_NONE);
	CU_ASSERT_EQUAL_FATAL(pull(h), (int)wl);
	SCT_ASSERT_BYTES(out, want, wl);
	CU_ASSERT_EQUAL(pull(h), 0);
	CU_ASSERT_EQUAL(sct_host_stats(h)->icmp[0].InEchos, 1);
	CU_ASSERT_EQUAL(sct_host_stats(h)->icmp[0].OutEchoReps, 1);
	CU_ASSERT_EQUAL(sct_host_stats(h)->ip[0].InDelivers, 1);
	sct_host_destroy(h);
}

static void rfc4443_4_2_echo_v6_reply_byte_exact(void)
{
	struct sct_host *h = mkhost(NULL);
	struct sct_addr s = A("2001:db8::1"), d = A("2001:db8::9");
	uint32_t fl = sct_host_flow_label(h, &s, &d, 0, 0);
	struct sct_host_rx rx;
	uint8_t want[64];
	size_t wl = sct_test_unhex("60 00 00 00 00 10 3a 40"
				   "20 01 0d b8 00 00 00 00 00 00 00 00 00 00 00 01"
				   "20 01 0d b8 00 00 00 00 00 00 00 00 00 00 00 09"
				   "81 00 7f 6e 12 34 00 01 61 62 63 64 65 66 67 68",
				   want, sizeof(want));

	want[1] = (uint8_t)(fl >> 16);
	want[2] = (uint8_t)(fl >> 8);
	want[3] = (uint8_t)fl;
	CU_ASSERT_NOT_EQUAL(fl, 0);
	CU_ASSERT_EQUAL(in(h, echo6("2001:db8::9", "2001:db8::1"), T0, &rx), 0);
	CU_ASSERT_EQUAL_FATAL(pull(h), (int)wl);
	SCT_ASSERT_BYTES(out, want, wl);
	sct_host_destroy(h);
}

static void rfc1122_3_2_2_6_echo_only_for_endpoint_addresses(void)
{
	struct sct_host *h = mkhost(NULL);
	struct sct_host_rx rx;

	/* a local address that is not an endpoint: no answer */
	CU_ASSERT_EQUAL(in(h, echo4("10.0.0.9", "10.0.0.2"), T0, &rx), SCT_HOST_E_ICMP_IGNORED);
	CU_ASSERT_EQUAL(in(h, echo6("2001:db8::9", "2001:db8::2"), T0, &rx),
			SCT_HOST_E_ICMP_IGNORED);
	/* broadcasts and multicast: ignored (RFC 1122 3.2.2.6 MAY) */
	CU_ASSERT_EQUAL(in(h, echo4("10.0.0.9", "10.0.0.255"), T0, &rx), SCT_HOST_E_ICMP_IGNORED);
	CU_ASSERT_EQUAL(in(h, echo4("10.0.0.9", "255.255.255.255"), T0, &rx),
			SCT_HOST_E_ICMP_IGNORED);
	CU_ASSERT_EQUAL(in(h, echo6("2001:db8::9", "ff02::1"), T0, &rx), SCT_HOST_E_ICMP_IGNORED);
	/* not ours at all */
	CU_ASSERT_EQUAL(in(h, echo4("10.0.0.9", "10.0.0.3"), T0, &rx), SCT_HOST_E_NOT_LOCAL);
	CU_ASSERT_EQUAL(sct_host_queued(h), 0);
	CU_ASSERT_EQUAL(sct_host_stats(h)->icmp[0].InEchos, 3);
	CU_ASSERT_EQUAL(sct_host_stats(h)->icmp[0].OutEchoReps, 0);
	sct_host_destroy(h);
}

static void rfc791_echo_v4_large_reply_fragmented(void)
{
	struct sct_host *h = mkhost(NULL), *peer;
	struct sct_wr w = sct_wr_init(l4, sizeof(l4));
	static uint8_t data[3000];
	struct sct_host_rx rx;
	struct sct_addr a = A("10.0.0.9");
	struct sct_icmp m;
	size_t i, len;
	int n, frags = 0;

	for (i = 0; i < sizeof(data); i++)
		data[i] = (uint8_t)i;
	CU_ASSERT_FATAL(sct_icmp4_emit_echo(&w, SCT_ICMP4_ECHO_REQUEST, 9, 9, data, sizeof(data)) >
			0);
	len = ip4("10.0.0.9", "10.0.0.1", SCT_IPPROTO_ICMP, l4, w.off, 0, 1, false, 0);
	CU_ASSERT_EQUAL(in(h, len, T0, &rx), 0);
	/* the peer reassembles the reply and sees our ICMP echo reply */
	CU_ASSERT_EQUAL_FATAL(sct_host_create(&peer, &(struct sct_host_limits){0}), -EINVAL);
	peer = mkhost(NULL);
	CU_ASSERT_EQUAL(sct_host_addr_add(peer, &a, 24, true), 0);
	while ((n = pull(h)) > 0) {
		struct sct_ip4 ip;

		CU_ASSERT_EQUAL(sct_ip4_parse(&ip, out, (size_t)n), 0);
		CU_ASSERT(n <= 1500);
		CU_ASSERT(!ip.df);
		frags++;
		memcpy(pkt, out, (size_t)n);
		(void)in(peer, (size_t)n, T0, &rx);
	}
	CU_ASSERT_EQUAL(frags, 3);
	/* the last fragment completed an echo reply: the peer ignores replies */
	CU_ASSERT_EQUAL(sct_host_stats(peer)->icmp[0].InEchoReps, 1);
	CU_ASSERT_EQUAL(sct_host_stats(peer)->ip[0].ReasmOKs, 1);
	(void)m;
	sct_host_destroy(peer);
	sct_host_destroy(h);
}

/* ---- SCTP delivery ---- */

static void rfc9260_sctp_v4_delivered_with_fields(void)
{
	struct sct_host *h = mkhost(NULL);
	struct sct_host_rx rx;
	size_t n = sctp(100);

	CU_ASSERT_EQUAL(in(h, ip4("10.0.0.9", "10.0.0.1", 132, l4, n, 0xb9, 1, false, 0), T0, &rx),
			0);
	CU_ASSERT_EQUAL(rx.kind, SCT_HOST_RX_SCTP);
	CU_ASSERT_EQUAL(rx.af, SCT_AF_INET4);
	CU_ASSERT(sct_addr_eq(&rx.src, &(struct sct_addr){0}) == false);
	CU_ASSERT_EQUAL(sct_get_u32(rx.src.b), 0x0a000009);
	CU_ASSERT_EQUAL(sct_get_u32(rx.dst.b), 0x0a000001);
	CU_ASSERT(rx.dst_endpoint);
	CU_ASSERT_EQUAL(rx.ecn, 1); /* 0xb9 & 3: ECT(1) */
	CU_ASSERT_EQUAL(rx.ttl, 33);
	CU_ASSERT(!rx.reassembled);
	CU_ASSERT_EQUAL_FATAL(rx.len, n);
	CU_ASSERT_PTR_EQUAL(rx.data, pkt + 20);
	SCT_ASSERT_BYTES(rx.data, l4, n);
	CU_ASSERT_EQUAL(sct_host_stats(h)->ip[0].InDelivers, 1);
	/* to a local non-endpoint address: still delivered, flagged */
	CU_ASSERT_EQUAL(in(h, ip4("10.0.0.9", "10.0.0.2", 132, l4, n, 0, 2, false, 0), T0, &rx), 0);
	CU_ASSERT(!rx.dst_endpoint);
	sct_host_destroy(h);
}

static void rfc6437_sctp_v6_delivered_with_flow_label(void)
{
	struct sct_host *h = mkhost(NULL);
	struct sct_host_rx rx;
	size_t n = sctp(64);

	CU_ASSERT_EQUAL(
	    in(h, ip6("2001:db8::9", "2001:db8::1", 132, l4, n, 0x03, 0xabcde, false, 0, false, 0),
	       T0, &rx),
	    0);
	CU_ASSERT_EQUAL(rx.kind, SCT_HOST_RX_SCTP);
	CU_ASSERT_EQUAL(rx.af, SCT_AF_INET6);
	CU_ASSERT_EQUAL(rx.flow, 0xabcde);
	CU_ASSERT_EQUAL(rx.ecn, 3); /* CE */
	CU_ASSERT_EQUAL(rx.ttl, 44);
	CU_ASSERT_EQUAL_FATAL(rx.len, n);
	SCT_ASSERT_BYTES(rx.data, l4, n);
	sct_host_destroy(h);
}

static void rfc791_sctp_v4_through_fragments(void)
{
	struct sct_host *h = mkhost(NULL);
	struct sct_host_rx rx;
	size_t n = sctp(2000);
	static uint8_t keep[2000];

	memcpy(keep, l4, n);
	/* out of order: middle, last, first */
	CU_ASSERT_EQUAL(
	    in(h, ip4("10.0.0.9", "10.0.0.1", 132, keep + 800, 800, 0, 77, true, 800), T0, &rx),
	    SCT_HOST_E_FRAG_HELD);
	CU_ASSERT_EQUAL(
	    in(h, ip4("10.0.0.9", "10.0.0.1", 132, keep + 1600, 400, 0, 77, false, 1600), T0, &rx),
	    SCT_HOST_E_FRAG_HELD);
	CU_ASSERT_NOT_EQUAL(sct_host_next_expiry(h), SCT_TIME_NEVER);
	CU_ASSERT_EQUAL(in(h, ip4("10.0.0.9", "10.0.0.1", 132, keep, 800, 0, 77, true, 0), T0, &rx),
			0);
	CU_ASSERT_EQUAL(rx.kind, SCT_HOST_RX_SCTP);
	CU_ASSERT(rx.reassembled);
	CU_ASSERT_EQUAL_FATAL(rx.len, n);
	SCT_ASSERT_BYTES(rx.data, keep, n);
	CU_ASSERT_EQUAL(sct_host_stats(h)->ip[0].ReasmReqds, 3);
	CU_ASSERT_EQUAL(sct_host_stats(h)->ip[0].ReasmOKs, 1);
	CU_ASSERT_EQUAL(sct_host_stats(h)->ip[0].InDelivers, 1);
	CU_ASSERT_EQUAL(sct_host_next_expiry(h), SCT_TIME_NEVER);
	sct_host_destroy(h);
}

static void rfc8200_4_5_sctp_v6_through_fragments(void)
{
	struct sct_host *h = mkhost(NULL);
	struct sct_host_rx rx;
	size_t n = sctp(3000);
	static uint8_t keep[3000];

	memcpy(keep, l4, n);
	CU_ASSERT_EQUAL(
	    in(h, ip6("2001:db8::9", "2001:db8::1", 132, keep, 1448, 0, 0x11111, true, 5, true, 0),
	       T0, &rx),
	    SCT_HOST_E_FRAG_HELD);
	CU_ASSERT_EQUAL(in(h,
			   ip6("2001:db8::9", "2001:db8::1", 132, keep + 1448, n - 1448, 0, 0x11111,
			       true, 5, false, 1448),
			   T0, &rx),
			0);
	CU_ASSERT_EQUAL(rx.kind, SCT_HOST_RX_SCTP);
	CU_ASSERT(rx.reassembled);
	CU_ASSERT_EQUAL(rx.flow, 0x11111);
	CU_ASSERT_EQUAL_FATAL(rx.len, n);
	SCT_ASSERT_BYTES(rx.data, keep, n);
	sct_host_destroy(h);
}

/* ---- addresses ---- */

static void rfc1122_3_2_1_3_non_local_and_bad_source_dropped(void)
{
	struct sct_host *h = mkhost(NULL);
	struct sct_host_rx rx;
	size_t n = sctp(20);

	CU_ASSERT_EQUAL(in(h, ip4("10.0.0.9", "10.0.0.3", 132, l4, n, 0, 1, false, 0), T0, &rx),
			SCT_HOST_E_NOT_LOCAL);
	CU_ASSERT_EQUAL(
	    in(h, ip6("2001:db8::9", "2001:db8::3", 132, l4, n, 0, 0, false, 0, false, 0), T0, &rx),
	    SCT_HOST_E_NOT_LOCAL);
	CU_ASSERT_EQUAL(sct_host_stats(h)->ip[0].InAddrErrors, 1);
	CU_ASSERT_EQUAL(sct_host_stats(h)->ip[1].InAddrErrors, 1);
	/* sources that are not one host */
	CU_ASSERT_EQUAL(in(h, ip4("224.0.0.5", "10.0.0.1", 132, l4, n, 0, 1, false, 0), T0, &rx),
			SCT_HOST_E_BAD_SRC);
	CU_ASSERT_EQUAL(in(h, ip4("0.0.0.0", "10.0.0.1", 132, l4, n, 0, 1, false, 0), T0, &rx),
			SCT_HOST_E_BAD_SRC);
	CU_ASSERT_EQUAL(in(h, ip4("10.0.0.255", "10.0.0.1", 132, l4, n, 0, 1, false, 0), T0, &rx),
			SCT_HOST_E_BAD_SRC);
	CU_ASSERT_EQUAL(in(h, ip4("127.0.0.1", "10.0.0.1", 132, l4, n, 0, 1, false, 0), T0, &rx),
			SCT_HOST_E_BAD_SRC);
	CU_ASSERT_EQUAL(
	    in(h, ip6("ff02::1", "2001:db8::1", 132, l4, n, 0, 0, false, 0, false, 0), T0, &rx),
	    SCT_HOST_E_BAD_SRC);
	CU_ASSERT_EQUAL(sct_host_stats(h)->ip[0].InHdrErrors, 4);
	CU_ASSERT_EQUAL(sct_host_stats(h)->ip[1].InHdrErrors, 1);
	/* loopback to loopback is fine */
	CU_ASSERT_EQUAL(in(h, ip4("127.0.0.1", "127.0.0.1", 132, l4, n, 0, 1, false, 0), T0, &rx),
			0);
	/* RFC 9260 8.4 (1): SCTP to a broadcast is dropped */
	CU_ASSERT_EQUAL(in(h, ip4("10.0.0.9", "10.0.0.255", 132, l4, n, 0, 1, false, 0), T0, &rx),
			SCT_HOST_E_NON_UNICAST);
	CU_ASSERT_EQUAL(sct_host_stats(h)->ip[0].InDiscards, 1);
	/* a malformed header gets its codec's error */
	n = ip4("10.0.0.9", "10.0.0.1", 132, l4, n, 0, 1, false, 0);
	pkt[10] ^= 1;
	CU_ASSERT_EQUAL(in(h, n, T0, &rx), SCT_WE_IP4_CSUM);
	CU_ASSERT_EQUAL(sct_host_input(h, (const uint8_t *)"\x50", 1, T0, &rx), SCT_HOST_E_VERSION);
	CU_ASSERT_EQUAL(sct_host_queued(h), 0);
	sct_host_destroy(h);
}

static void host_addr_add_del(void)
{
	struct sct_host *h = mkhost(NULL);
	struct sct_addr a = A("10.0.0.1"), m = A("224.0.0.1");
	bool ep;

	CU_ASSERT_EQUAL(sct_host_addr_add(h, &a, 24, true), -EEXIST);
	CU_ASSERT_EQUAL(sct_host_addr_add(h, &m, 24, true), -EINVAL);
	CU_ASSERT_EQUAL(sct_host_addr_add(h, &a, 33, true), -EINVAL);
	CU_ASSERT(sct_host_addr_is_local(h, &a, &ep) && ep);
	CU_ASSERT_EQUAL(sct_host_addr_del(h, &a), 0);
	CU_ASSERT_EQUAL(sct_host_addr_del(h, &a), -ENOENT);
	CU_ASSERT(!sct_host_addr_is_local(h, &a, &ep) && !ep);
	sct_host_destroy(h);
}

/* ---- ICMP errors we send ---- */

static void rfc1122_3_2_2_1_protocol_unreachable_v4_with_quote(void)
{
	struct sct_host *h = mkhost(NULL);
	struct sct_host_rx rx;
	struct sct_ip4 ip;
	struct sct_icmp m;
	size_t n;

	memset(l4, 0x5a, 40);
	n = ip4("10.0.0.9", "10.0.0.1", 6 /* TCP */, l4, 40, 0, 3, false, 0);
	CU_ASSERT_EQUAL(in(h, n, T0, &rx), SCT_HOST_E_PROTO);
	CU_ASSERT_EQUAL(sct_host_stats(h)->ip[0].InUnknownProtos, 1);
	pull_icmp4(h, &ip, &m);
	CU_ASSERT_EQUAL(sct_get_u32(ip.src.b), 0x0a000001);
	CU_ASSERT_EQUAL(sct_get_u32(ip.dst.b), 0x0a000009);
	CU_ASSERT_EQUAL(m.type, SCT_ICMP4_DEST_UNREACH);
	CU_ASSERT_EQUAL(m.code, SCT_ICMP4_PROTO_UNREACH);
	CU_ASSERT_EQUAL_FATAL(m.data_len, n);
	SCT_ASSERT_BYTES(m.data, pkt, n);
	CU_ASSERT_EQUAL(sct_host_stats(h)->icmp[0].OutDestUnreachs, 1);
	/* to the non-endpoint local address too: a host answers for all its addresses */
	n = ip4("10.0.0.9", "10.0.0.2", 6, l4, 40, 0, 3, false, 0);
	CU_ASSERT_EQUAL(in(h, n, T0, &rx), SCT_HOST_E_PROTO);
	CU_ASSERT_EQUAL(sct_host_queued(h), 1);
	sct_host_destroy(h);
}

static void rfc8200_4_param_problem_code1_v6_with_pointer(void)
{
	struct sct_host *h = mkhost(NULL);
	struct sct_host_rx rx;
	struct sct_ip6 ip;
	struct sct_icmp m;
	size_t n;

	memset(l4, 0x5a, 40);
	n = ip6("2001:db8::9", "2001:db8::1", 6, l4, 40, 0, 0, false, 0, false, 0);
	CU_ASSERT_EQUAL(in(h, n, T0, &rx), SCT_HOST_E_PROTO);
	pull_icmp6(h, &ip, &m);
	CU_ASSERT_EQUAL(m.type, SCT_ICMP6_PARAM_PROBLEM);
	CU_ASSERT_EQUAL(m.code, SCT_ICMP6_PARAM_NEXTHDR);
	CU_ASSERT_EQUAL(m.pointer, 6); /* the fixed header's Next Header */
	CU_ASSERT_EQUAL_FATAL(m.data_len, n);
	SCT_ASSERT_BYTES(m.data, pkt, n);
	CU_ASSERT_EQUAL(sct_host_stats(h)->icmp[1].OutParmProbs, 1);
	sct_host_destroy(h);
}

static void rfc1122_4_1_3_1_udp_port_unreachable(void)
{
	struct sct_host *h = mkhost(NULL);
	struct sct_host_rx rx;
	struct sct_wr w = sct_wr_init(l4, sizeof(l4));
	struct sct_addr s = A("10.0.0.9"), d = A("10.0.0.1");
	struct sct_ip4 ip;
	struct sct_icmp m;
	size_t n;

	CU_ASSERT_EQUAL(sct_udp_emit(&w, 1111, 2222, (const uint8_t *)"hi", 2, &s, &d), 0);
	n = ip4("10.0.0.9", "10.0.0.1", SCT_IPPROTO_UDP, l4, w.off, 0, 3, false, 0);
	CU_ASSERT_EQUAL(in(h, n, T0, &rx), SCT_HOST_E_UDP);
	pull_icmp4(h, &ip, &m);
	CU_ASSERT_EQUAL(m.code, SCT_ICMP4_PORT_UNREACH);
	CU_ASSERT_EQUAL(sct_host_stats(h)->icmp[0].UdpNoPorts, 1);
	/* bad checksum: no answer */
	l4[6] ^= 0xff;
	n = ip4("10.0.0.9", "10.0.0.1", SCT_IPPROTO_UDP, l4, w.off, 0, 3, false, 0);
	CU_ASSERT_EQUAL(in(h, n, T0, &rx), SCT_WE_UDP_CSUM);
	CU_ASSERT_EQUAL(sct_host_queued(h), 0);
	sct_host_destroy(h);
}

static void rfc4443_2_4_f_icmp_rate_limit_token_bucket(void)
{
	struct sct_host_limits l;
	struct sct_host *h;
	struct sct_host_rx rx;
	size_t n;
	int i;

	sct_host_limits_default(&l);
	l.icmp_rate = 2;
	l.icmp_burst = 5;
	h = mkhost(&l);
	n = ip4("10.0.0.9", "10.0.0.1", 6, l4, 20, 0, 3, false, 0);
	for (i = 0; i < 8; i++)
		CU_ASSERT_EQUAL(in(h, n, T0, &rx), SCT_HOST_E_PROTO);
	CU_ASSERT_EQUAL(sct_host_queued(h), 5); /* the burst */
	CU_ASSERT_EQUAL(sct_host_stats(h)->icmp[0].OutRateLimited, 3);
	/* 499 ms later: still less than one token */
	CU_ASSERT_EQUAL(in(h, n, T0 + sct_ms(499), &rx), SCT_HOST_E_PROTO);
	CU_ASSERT_EQUAL(sct_host_queued(h), 5);
	/* 500 ms: one token (2 per second) */
	CU_ASSERT_EQUAL(in(h, n, T0 + sct_ms(500), &rx), SCT_HOST_E_PROTO);
	CU_ASSERT_EQUAL(sct_host_queued(h), 6);
	CU_ASSERT_EQUAL(in(h, n, T0 + sct_ms(500), &rx), SCT_HOST_E_PROTO);
	CU_ASSERT_EQUAL(sct_host_queued(h), 6);
	/* an hour later the bucket is full again, not fuller */
	for (i = 0; i < 8; i++)
		(void)in(h, n, T0 + 3600 * SEC, &rx);
	CU_ASSERT_EQUAL(sct_host_queued(h), 11);
	/* v6 shares the bucket */
	n = ip6("2001:db8::9", "2001:db8::1", 6, l4, 20, 0, 0, false, 0, false, 0);
	CU_ASSERT_EQUAL(in(h, n, T0 + 3600 * SEC, &rx), SCT_HOST_E_PROTO);
	CU_ASSERT_EQUAL(sct_host_queued(h), 11);
	sct_host_destroy(h);
}

/* An ICMPv4 error of @type/@code quoting @quote, from 10.0.1.254 to 10.0.0.1. */
static size_t icmp4_err(uint8_t code, uint16_t mtu, const uint8_t *quote, size_t qlen)
{
	struct sct_wr w = sct_wr_init(l4, sizeof(l4));
	static uint8_t q[2000];

	memcpy(q, quote, qlen);
	CU_ASSERT_FATAL(sct_icmp4_emit_unreach(&w, code, mtu, q, qlen) > 0);
	return ip4("10.0.1.254", "10.0.0.1", SCT_IPPROTO_ICMP, l4, w.off, 0, 9, false, 0);
}

static void rfc1122_3_2_2_no_icmp_about_errors_multicast_or_fragments(void)
{
	struct sct_host *h = mkhost(NULL);
	struct sct_host_rx rx;
	static uint8_t q[100];
	size_t n;

	/* an ICMP error (about somebody else's TCP) gets no error back */
	memcpy(q, pkt, ip4("10.0.0.1", "10.0.0.9", 6, l4, 20, 0, 1, false, 0));
	n = icmp4_err(SCT_ICMP4_PORT_UNREACH, 0, q, 48);
	CU_ASSERT_EQUAL(in(h, n, T0, &rx), SCT_HOST_E_ICMP_IGNORED);
	/* unknown protocol to a broadcast, to multicast */
	CU_ASSERT_EQUAL(in(h, ip4("10.0.0.9", "10.0.0.255", 6, l4, 20, 0, 1, false, 0), T0, &rx),
			SCT_HOST_E_PROTO);
	CU_ASSERT_EQUAL(in(h, ip4("10.0.0.9", "224.0.0.1", 6, l4, 20, 0, 1, false, 0), T0, &rx),
			SCT_HOST_E_PROTO);
	CU_ASSERT_EQUAL(
	    in(h, ip6("2001:db8::9", "ff02::1", 6, l4, 20, 0, 0, false, 0, false, 0), T0, &rx),
	    SCT_HOST_E_PROTO);
	/* a non-first fragment of an unknown protocol: held, no answer */
	CU_ASSERT_EQUAL(in(h, ip4("10.0.0.9", "10.0.0.1", 6, l4, 16, 0, 1, true, 64), T0, &rx),
			SCT_HOST_E_FRAG_HELD);
	CU_ASSERT_EQUAL(
	    in(h, ip6("2001:db8::9", "2001:db8::1", 6, l4, 16, 0, 0, true, 3, true, 64), T0, &rx),
	    SCT_HOST_E_FRAG_HELD);
	CU_ASSERT_EQUAL(sct_host_queued(h), 0);
	CU_ASSERT_EQUAL(sct_host_stats(h)->icmp[0].OutMsgs, 0);
	CU_ASSERT_EQUAL(sct_host_stats(h)->icmp[1].OutMsgs, 0);
	sct_host_destroy(h);
}

static void rfc792_reassembly_timeout_time_exceeded(void)
{
	struct sct_host *h = mkhost(NULL);
	struct sct_host_rx rx;
	struct sct_ip4 ip;
	struct sct_icmp m;
	size_t n = sctp(64);
	static uint8_t first[200];
	size_t flen;

	flen = ip4("10.0.0.9", "10.0.0.1", 132, l4, 64, 0, 50, true, 0);
	memcpy(first, pkt, flen);
	CU_ASSERT_EQUAL(in(h, flen, T0, &rx), SCT_HOST_E_FRAG_HELD);
	/* another datagram without its first fragment: silent */
	CU_ASSERT_EQUAL(in(h, ip4("10.0.0.9", "10.0.0.1", 132, l4, n, 0, 51, true, 64), T0, &rx),
			SCT_HOST_E_FRAG_HELD);
	CU_ASSERT_EQUAL(sct_host_next_expiry(h), T0 + SCT_REASM_TIMEOUT_V4_DEFAULT);
	CU_ASSERT_EQUAL(sct_host_advance_time(h, T0 + SCT_REASM_TIMEOUT_V4_DEFAULT - 1), 0);
	CU_ASSERT_EQUAL(sct_host_advance_time(h, T0 + SCT_REASM_TIMEOUT_V4_DEFAULT), 1);
	pull_icmp4(h, &ip, &m);
	CU_ASSERT_EQUAL(m.type, SCT_ICMP4_TIME_EXCEEDED);
	CU_ASSERT_EQUAL(m.code, 1);
	CU_ASSERT_EQUAL(sct_get_u32(ip.dst.b), 0x0a000009);
	CU_ASSERT_EQUAL_FATAL(m.data_len, 28); /* header + 64 bits (RFC 792) */
	SCT_ASSERT_BYTES(m.data, first, 28);
	CU_ASSERT_EQUAL(pull(h), 0);
	CU_ASSERT_EQUAL(sct_host_next_expiry(h), SCT_TIME_NEVER);
	sct_host_destroy(h);
}

/* ---- ICMP errors about our SCTP packets ---- */

/* Our SCTP packet 10.0.0.1 -> 10.0.1.5 as quoted in pkt; returns its length. */
static size_t our4(const char *src, size_t len)
{
	size_t n = sctp(len);

	return ip4(src, "10.0.1.5", 132, l4, n, 0, 1, false, 0);
}

static void rfc9260_10_icmp7_frag_needed_report_and_pmtu(void)
{
	struct sct_host *h = mkhost(NULL);
	struct sct_addr peer = A("10.0.1.5");
	static uint8_t q[1500];
	struct sct_host_rx rx;
	size_t ql;

	ql = our4("10.0.0.1", 1400);
	memcpy(q, pkt, ql);
	CU_ASSERT_EQUAL(sct_host_pmtu(h, &peer, T0), 1500);
	CU_ASSERT_EQUAL(in(h, icmp4_err(SCT_ICMP4_FRAG_NEEDED, 1200, q, 548), T0, &rx), 0);
	CU_ASSERT_EQUAL(rx.kind, SCT_HOST_RX_ICMP);
	CU_ASSERT_EQUAL(rx.icmp.kind, SCT_HOST_ICMP_PTB);
	CU_ASSERT_EQUAL(rx.icmp.type, SCT_ICMP4_DEST_UNREACH);
	CU_ASSERT_EQUAL(rx.icmp.code, SCT_ICMP4_FRAG_NEEDED);
	CU_ASSERT_EQUAL(rx.icmp.mtu, 1200);
	CU_ASSERT_EQUAL(sct_host_pmtu(h, &peer, T0), 1500); /* not applied by input */
	CU_ASSERT_EQUAL(sct_host_pmtu_update(h, &rx.icmp.dst, rx.icmp.mtu, T0), 1);
	CU_ASSERT_EQUAL(sct_get_u32(rx.icmp.src.b), 0x0a000001);
	CU_ASSERT_EQUAL(sct_get_u32(rx.icmp.dst.b), 0x0a000105);
	CU_ASSERT(!rx.icmp.udp);
	CU_ASSERT_EQUAL_FATAL(rx.icmp.sctp_len, 548 - 20);
	SCT_ASSERT_BYTES(rx.icmp.sctp, q + 20, 528); /* the vtag is at offset 4 */
	CU_ASSERT_EQUAL(sct_host_pmtu(h, &peer, T0), 1200);
	/* an increase is ignored (RFC 1191 6.1) */
	CU_ASSERT_EQUAL(in(h, icmp4_err(SCT_ICMP4_FRAG_NEEDED, 1400, q, 548), T0, &rx), 0);
	CU_ASSERT_EQUAL(sct_host_pmtu_update(h, &rx.icmp.dst, rx.icmp.mtu, T0), 0);
	CU_ASSERT_EQUAL(sct_host_pmtu(h, &peer, T0), 1200);
	/* never below 68 (RFC 791) */
	CU_ASSERT_EQUAL(in(h, icmp4_err(SCT_ICMP4_FRAG_NEEDED, 40, q, 548), T0, &rx), 0);
	CU_ASSERT_EQUAL(rx.icmp.mtu, 68);
	CU_ASSERT_EQUAL(sct_host_pmtu_update(h, &rx.icmp.dst, rx.icmp.mtu, T0), 1);
	CU_ASSERT_EQUAL(sct_host_pmtu(h, &peer, T0), 68);
	/* RFC 1191 6.3: forgotten after 10 minutes */
	CU_ASSERT_EQUAL(sct_host_pmtu(h, &peer, T0 + 600 * SEC - 1), 68);
	CU_ASSERT_EQUAL(sct_host_pmtu(h, &peer, T0 + 600 * SEC), 1500);
	CU_ASSERT_EQUAL(sct_host_stats(h)->icmp[0].InReports, 3);
	sct_host_destroy(h);
}

static void rfc1191_5_frag_needed_without_mtu_uses_plateau(void)
{
	struct sct_host *h = mkhost(NULL);
	struct sct_addr peer = A("10.0.1.5");
	static uint8_t q[1500];
	struct sct_host_rx rx;
	size_t ql = our4("10.0.0.1", 1400);

	memcpy(q, pkt, ql); /* Total Length 1420: the plateau below is 1006 */
	CU_ASSERT_EQUAL(in(h, icmp4_err(SCT_ICMP4_FRAG_NEEDED, 0, q, 100), T0, &rx), 0);
	CU_ASSERT_EQUAL(rx.icmp.mtu, 1006);
	CU_ASSERT_EQUAL(sct_host_pmtu(h, &peer, T0), 1500); /* not applied by input */
	CU_ASSERT_EQUAL(sct_host_pmtu_update(h, &rx.icmp.dst, rx.icmp.mtu, T0), 1);
	CU_ASSERT_EQUAL(sct_host_pmtu(h, &peer, T0), 1006);
	CU_ASSERT_EQUAL(sct_pmtu_plateau(1500), 1492);
	CU_ASSERT_EQUAL(sct_pmtu_plateau(68), 68);
	sct_host_destroy(h);
}

/*
 * The cache itself: entries fill the lowest free slot, a lookup finds every
 * live entry wherever expiry left holes, the oldest is evicted when full.
 */
static void pmtu_cache_slots(void)
{
	struct sct_pmtu c;
	struct sct_addr d[5] = {A("10.0.2.1"), A("10.0.2.2"), A("10.0.2.3"), A("10.0.2.4"),
				A("10.0.2.5")};
	int i;

	CU_ASSERT_EQUAL_FATAL(sct_pmtu_init(&c, 4, 100 * SEC), 0);
	CU_ASSERT_EQUAL(sct_pmtu_lookup(&c, &d[0], T0), 0);
	for (i = 0; i < 4; i++) /* entry i expires at T0 + i + 100 s */
		CU_ASSERT_EQUAL(sct_pmtu_update(&c, &d[i], 1400 - i, 1500, T0 + i * SEC), 1);
	CU_ASSERT_EQUAL(sct_pmtu_count(&c), 4);
	for (i = 0; i < 4; i++)
		CU_ASSERT_EQUAL(sct_pmtu_lookup(&c, &d[i], T0 + 4 * SEC), 1400 - (uint32_t)i);
	/* full: the fifth evicts the oldest (d[0]) */
	CU_ASSERT_EQUAL(sct_pmtu_update(&c, &d[4], 1300, 1500, T0 + 5 * SEC), 1);
	CU_ASSERT_EQUAL(sct_pmtu_lookup(&c, &d[0], T0 + 5 * SEC), 0);
	CU_ASSERT_EQUAL(sct_pmtu_lookup(&c, &d[4], T0 + 5 * SEC), 1300);
	CU_ASSERT_EQUAL(sct_pmtu_lookup(&c, &d[3], T0 + 5 * SEC), 1397);
	/* d[1] and d[2] age out; d[3] (slot 3) is still found past the holes */
	CU_ASSERT_EQUAL(sct_pmtu_expire(&c, T0 + 102 * SEC + 1), 2);
	CU_ASSERT_EQUAL(sct_pmtu_count(&c), 2);
	CU_ASSERT_EQUAL(sct_pmtu_lookup(&c, &d[3], T0 + 102 * SEC + 1), 1397);
	CU_ASSERT_EQUAL(sct_pmtu_lookup(&c, &d[4], T0 + 102 * SEC + 1), 1300);
	/* a new one fills a hole, not a live entry */
	CU_ASSERT_EQUAL(sct_pmtu_update(&c, &d[0], 1200, 1500, T0 + 102 * SEC + 2), 1);
	CU_ASSERT_EQUAL(sct_pmtu_count(&c), 3);
	CU_ASSERT_EQUAL(sct_pmtu_lookup(&c, &d[3], T0 + 102 * SEC + 2), 1397);
	/* all gone: empty, and a later entry still works */
	CU_ASSERT_EQUAL(sct_pmtu_expire(&c, T0 + 300 * SEC), 3);
	CU_ASSERT_EQUAL(sct_pmtu_count(&c), 0);
	CU_ASSERT_EQUAL(sct_pmtu_lookup(&c, &d[4], T0 + 300 * SEC), 0);
	CU_ASSERT_EQUAL(sct_pmtu_update(&c, &d[2], 1280, 1500, T0 + 300 * SEC), 1);
	CU_ASSERT_EQUAL(sct_pmtu_lookup(&c, &d[2], T0 + 300 * SEC), 1280);
	sct_pmtu_fini(&c);
}

static void rfc9260_10_icmp_not_about_our_address_ignored(void)
{
	struct sct_host *h = mkhost(NULL);
	struct sct_addr peer = A("10.0.1.5");
	static uint8_t q[200];
	struct sct_host_rx rx;
	size_t ql = our4("10.0.0.77", 100);

	memcpy(q, pkt, ql);
	CU_ASSERT_EQUAL(in(h, icmp4_err(SCT_ICMP4_FRAG_NEEDED, 576, q, ql), T0, &rx),
			SCT_HOST_E_ICMP_IGNORED);
	CU_ASSERT_EQUAL(rx.kind, SCT_HOST_RX_NONE);
	CU_ASSERT_EQUAL(sct_host_pmtu(h, &peer, T0), 1500);
	/* a quote too short for the vtag's common header start: its codec's error */
	ql = our4("10.0.0.1", 100);
	memcpy(q, pkt, ql);
	CU_ASSERT_EQUAL(in(h, icmp4_err(SCT_ICMP4_FRAG_NEEDED, 576, q, 24), T0, &rx),
			SCT_WE_ICMP_QUOTE);
	CU_ASSERT_EQUAL(sct_host_pmtu(h, &peer, T0), 1500);
	sct_host_destroy(h);
}

static void rfc9260_10_icmp8_protocol_unreachable_kinds(void)
{
	struct sct_host *h = mkhost(NULL);
	static uint8_t q[200];
	struct sct_host_rx rx;
	size_t ql = our4("10.0.0.1", 60);

	memcpy(q, pkt, ql);
	CU_ASSERT_EQUAL(in(h, icmp4_err(SCT_ICMP4_PROTO_UNREACH, 0, q, ql), T0, &rx), 0);
	CU_ASSERT_EQUAL(rx.icmp.kind, SCT_HOST_ICMP_PROTO_UNREACH);
	CU_ASSERT_EQUAL(rx.icmp.mtu, 0);
	CU_ASSERT_EQUAL(in(h, icmp4_err(SCT_ICMP4_PORT_UNREACH, 0, q, ql), T0, &rx), 0);
	CU_ASSERT_EQUAL(rx.icmp.kind, SCT_HOST_ICMP_PORT_UNREACH);
	CU_ASSERT_EQUAL(in(h, icmp4_err(SCT_ICMP4_HOST_UNREACH, 0, q, ql), T0, &rx), 0);
	CU_ASSERT_EQUAL(rx.icmp.kind, SCT_HOST_ICMP_UNREACH);
	sct_host_destroy(h);
}

static size_t icmp6_err(uint8_t type, uint8_t code, uint32_t word, const uint8_t *quote,
			size_t qlen)
{
	struct sct_wr w = sct_wr_init(l4, sizeof(l4));
	struct sct_addr s = A("2001:db8:1::fe"), d = A("2001:db8::1");
	static uint8_t q[2000];
	int n;

	memcpy(q, quote, qlen);
	if (type == SCT_ICMP6_PACKET_TOO_BIG)
		n = sct_icmp6_emit_packet_too_big(&w, word, q, qlen, &s, &d);
	else
		n = sct_icmp6_emit_param_problem(&w, code, word, q, qlen, &s, &d);
	CU_ASSERT_FATAL(n > 0);
	return ip6("2001:db8:1::fe", "2001:db8::1", SCT_IPPROTO_ICMPV6, l4, w.off, 0, 0, false, 0,
		   false, 0);
}

static void rfc8201_4_packet_too_big_v6(void)
{
	struct sct_host *h = mkhost(NULL);
	struct sct_addr peer = A("2001:db8:2::5");
	static uint8_t q[1500];
	struct sct_host_rx rx;
	size_t ql =
	    ip6("2001:db8::1", "2001:db8:2::5", 132, l4, sctp(1400), 0, 0, false, 0, false, 0);

	memcpy(q, pkt, ql);
	CU_ASSERT_EQUAL(in(h, icmp6_err(SCT_ICMP6_PACKET_TOO_BIG, 0, 1400, q, 1232), T0, &rx), 0);
	CU_ASSERT_EQUAL(rx.kind, SCT_HOST_RX_ICMP);
	CU_ASSERT_EQUAL(rx.icmp.kind, SCT_HOST_ICMP_PTB);
	CU_ASSERT_EQUAL(rx.icmp.mtu, 1400);
	CU_ASSERT_EQUAL(sct_host_pmtu(h, &peer, T0), 1500); /* not applied by input */
	CU_ASSERT_EQUAL(sct_host_pmtu_update(h, &rx.icmp.dst, rx.icmp.mtu, T0), 1);
	CU_ASSERT_EQUAL(rx.icmp.sctp_len, 1232 - 40);
	CU_ASSERT_EQUAL(sct_get_u32(rx.icmp.sctp + 4), 0x01020304);
	CU_ASSERT_EQUAL(sct_host_pmtu(h, &peer, T0), 1400);
	/* below the IPv6 minimum: "must discard it" */
	CU_ASSERT_EQUAL(in(h, icmp6_err(SCT_ICMP6_PACKET_TOO_BIG, 0, 1000, q, 1232), T0, &rx),
			SCT_HOST_E_ICMP_IGNORED);
	CU_ASSERT_EQUAL(sct_host_pmtu(h, &peer, T0), 1400);
	CU_ASSERT_EQUAL(sct_host_pmtu_update(h, &peer, 1000, T0), 1); /* clamped: 1280 */
	CU_ASSERT_EQUAL(sct_host_pmtu(h, &peer, T0), 1280);
	/* RFC 9260 10 ICMP8: param problem code 1 is a protocol unreachable */
	CU_ASSERT_EQUAL(in(h, icmp6_err(SCT_ICMP6_PARAM_PROBLEM, 1, 6, q, 200), T0, &rx), 0);
	CU_ASSERT_EQUAL(rx.icmp.kind, SCT_HOST_ICMP_PROTO_UNREACH);
	CU_ASSERT_EQUAL(in(h, icmp6_err(SCT_ICMP6_PARAM_PROBLEM, 0, 6, q, 200), T0, &rx), 0);
	CU_ASSERT_EQUAL(rx.icmp.kind, SCT_HOST_ICMP_OTHER);
	CU_ASSERT_EQUAL(sct_host_stats(h)->icmp[1].InPktTooBigs, 2);
	sct_host_destroy(h);
}

static void rfc6951_5_5_icmp_about_udp_encapsulated_sctp(void)
{
	struct sct_host *h = mkhost(NULL);
	struct sct_addr s = A("10.0.0.1"), d = A("10.0.1.5");
	struct sct_wr w = sct_wr_init(out, sizeof(out));
	static uint8_t q[300];
	struct sct_host_rx rx;
	size_t ql, n = sctp(100);

	CU_ASSERT_EQUAL(sct_udp_emit(&w, 9899, 40000, l4, n, &s, &d), 0);
	ql = ip4("10.0.0.1", "10.0.1.5", SCT_IPPROTO_UDP, out, w.off, 0, 1, false, 0);
	memcpy(q, pkt, ql);
	CU_ASSERT_EQUAL(in(h, icmp4_err(SCT_ICMP4_FRAG_NEEDED, 1000, q, ql), T0, &rx), 0);
	CU_ASSERT_EQUAL(rx.kind, SCT_HOST_RX_ICMP);
	CU_ASSERT(rx.icmp.udp);
	CU_ASSERT_EQUAL(rx.icmp.udp_sport, 9899);
	CU_ASSERT_EQUAL(rx.icmp.udp_dport, 40000);
	CU_ASSERT_EQUAL_FATAL(rx.icmp.sctp_len, n);
	SCT_ASSERT_BYTES(rx.icmp.sctp, q + 28, n);
	CU_ASSERT_EQUAL(rx.icmp.mtu, 1000);
	/* UDP on other ports: not ours */
	w = sct_wr_init(out, sizeof(out));
	CU_ASSERT_EQUAL(sct_udp_emit(&w, 53, 40000, l4, n, &s, &d), 0);
	ql = ip4("10.0.0.1", "10.0.1.5", SCT_IPPROTO_UDP, out, w.off, 0, 1, false, 0);
	memcpy(q, pkt, ql);
	CU_ASSERT_EQUAL(in(h, icmp4_err(SCT_ICMP4_FRAG_NEEDED, 1000, q, ql), T0, &rx),
			SCT_HOST_E_ICMP_IGNORED);
	sct_host_destroy(h);
}

/* ---- output ---- */

static struct sct_host_tx txs(const char *src, const char *dst, size_t len)
{
	struct sct_host_tx tx;

	memset(&tx, 0, sizeof(tx));
	if (src)
		tx.src = A(src);
	tx.dst = A(dst);
	tx.data = l4;
	tx.len = sctp(len);
	return tx;
}

static void rfc6724_source_selection(void)
{
	struct sct_host *h = mkhost(NULL);
	struct sct_addr d, s;

	d = A("192.168.5.77");
	CU_ASSERT_EQUAL(sct_host_source(h, &d, &s), 0);
	CU_ASSERT_EQUAL(sct_get_u32(s.b), 0xc0a80501); /* same subnet */
	d = A("10.0.0.66");
	CU_ASSERT_EQUAL(sct_host_source(h, &d, &s), 0);
	CU_ASSERT_EQUAL(sct_get_u32(s.b), 0x0a000001); /* not the non-endpoint 10.0.0.2 */
	d = A("10.9.9.9");
	CU_ASSERT_EQUAL(sct_host_source(h, &d, &s), 0);
	CU_ASSERT_EQUAL(sct_get_u32(s.b), 0x0a000001); /* longest common prefix */
	d = A("127.0.0.1");
	CU_ASSERT_EQUAL(sct_host_source(h, &d, &s), 0);
	CU_ASSERT(sct_addr_is_loopback(&s));
	d = A("2001:db8:5::1");
	CU_ASSERT_EQUAL(sct_host_source(h, &d, &s), 0);
	CU_ASSERT(sct_addr_eq(&s, &(struct sct_addr){0}) == false);
	CU_ASSERT_EQUAL(s.b[15], 1);
	CU_ASSERT(!sct_addr_is_linklocal(&s) && !sct_addr_is_loopback(&s));
	d = A("fe80::99");
	CU_ASSERT_EQUAL(sct_host_source(h, &d, &s), 0);
	CU_ASSERT(sct_addr_is_linklocal(&s));
	d = A("224.0.0.1");
	CU_ASSERT_EQUAL(sct_host_source(h, &d, &s), -EINVAL);
	/* no endpoint address of the family */
	d = A("10.0.0.1");
	CU_ASSERT_EQUAL(sct_host_addr_del(h, &d), 0);
	d = A("192.168.5.1");
	CU_ASSERT_EQUAL(sct_host_addr_del(h, &d), 0);
	d = A("10.0.0.66");
	CU_ASSERT_EQUAL(sct_host_source(h, &d, &s), -EADDRNOTAVAIL);
	{
		struct sct_host_tx tx = txs(NULL, "10.0.0.66", 100);

		CU_ASSERT_EQUAL(sct_host_output_sctp(h, &tx, T0), -EADDRNOTAVAIL);
		CU_ASSERT_EQUAL(sct_host_stats(h)->ip[0].OutNoRoutes, 1);
		tx = txs("10.0.0.77", "10.0.0.66", 100);
		CU_ASSERT_EQUAL(sct_host_output_sctp(h, &tx, T0), -EADDRNOTAVAIL);
	}
	sct_host_destroy(h);
}

static void rfc791_output_v4_df_ttl_ecn(void)
{
	struct sct_host *h = mkhost(NULL);
	struct sct_host_tx tx = txs(NULL, "10.0.1.5", 200);
	struct sct_ip4 ip;
	int n;

	tx.df = true;
	tx.ecn = 2; /* ECT(0) */
	CU_ASSERT_EQUAL(sct_host_output_sctp(h, &tx, T0), 0);
	n = pull(h);
	CU_ASSERT_EQUAL_FATAL(n, 220);
	CU_ASSERT_EQUAL_FATAL(sct_ip4_parse(&ip, out, (size_t)n), 0);
	CU_ASSERT(ip.df);
	CU_ASSERT(!ip.mf);
	CU_ASSERT_EQUAL(ip.ttl, 64);
	CU_ASSERT_EQUAL(ip.tos, 2);
	CU_ASSERT_EQUAL(ip.proto, 132);
	CU_ASSERT_EQUAL(sct_get_u32(ip.src.b), 0x0a000001);
	SCT_ASSERT_BYTES(ip.payload, l4, 200);
	tx.df = false;
	tx.ttl = 7;
	tx.ecn = 0;
	CU_ASSERT_EQUAL(sct_host_output_sctp(h, &tx, T0), 0);
	CU_ASSERT_EQUAL_FATAL(pull(h), 220);
	CU_ASSERT_EQUAL(sct_ip4_parse(&ip, out, 220), 0);
	CU_ASSERT(!ip.df);
	CU_ASSERT_EQUAL(ip.ttl, 7);
	/* DF and bigger than the path: -EMSGSIZE, nothing queued */
	tx = txs(NULL, "10.0.1.5", 1481);
	tx.df = true;
	CU_ASSERT_EQUAL(sct_host_output_sctp(h, &tx, T0), -EMSGSIZE);
	tx = txs(NULL, "10.0.1.5", 1480);
	tx.df = true;
	CU_ASSERT_EQUAL(sct_host_output_sctp(h, &tx, T0), 0);
	CU_ASSERT_EQUAL(sct_host_stats(h)->ip[0].FragFails, 1);
	tx.ecn = 4;
	CU_ASSERT_EQUAL(sct_host_output_sctp(h, &tx, T0), -EINVAL);
	sct_host_destroy(h);
}

static void rfc791_fragmentation_4000_bytes_reassembles(void)
{
	struct sct_host *h = mkhost(NULL), *peer = mkhost(NULL);
	struct sct_host_tx tx = txs(NULL, "10.0.1.5", 3980); /* 4000 with the header */
	struct sct_addr a = A("10.0.1.5");
	static uint8_t keep[4000];
	struct sct_host_rx rx;
	int n, frags = 0, rc = -1;
	size_t total = 0;

	memcpy(keep, l4, 3980);
	CU_ASSERT_EQUAL(sct_host_addr_add(peer, &a, 24, true), 0);
	CU_ASSERT_EQUAL(sct_host_output_sctp(h, &tx, T0), 0);
	while ((n = pull(h)) > 0) {
		struct sct_ip4 ip;

		CU_ASSERT_EQUAL_FATAL(sct_ip4_parse(&ip, out, (size_t)n), 0);
		CU_ASSERT(n <= 1500);
		CU_ASSERT(!ip.df);
		CU_ASSERT_EQUAL(ip.frag_off, total);
		CU_ASSERT_EQUAL(ip.mf, frags < 2);
		total += ip.payload_len;
		frags++;
		memcpy(pkt, out, (size_t)n);
		rc = in(peer, (size_t)n, T0, &rx);
	}
	CU_ASSERT_EQUAL(frags, 3); /* 1480 + 1480 + 1020 */
	CU_ASSERT_EQUAL(total, 3980);
	CU_ASSERT_EQUAL(rc, 0);
	CU_ASSERT_EQUAL(rx.kind, SCT_HOST_RX_SCTP);
	CU_ASSERT_EQUAL_FATAL(rx.len, 3980);
	SCT_ASSERT_BYTES(rx.data, keep, 3980);
	CU_ASSERT_EQUAL(sct_host_stats(h)->ip[0].FragOKs, 1);
	CU_ASSERT_EQUAL(sct_host_stats(h)->ip[0].FragCreates, 3);
	/* a lower interface MTU: more fragments */
	CU_ASSERT_EQUAL(sct_host_set_mtu(h, 576), 0);
	CU_ASSERT_EQUAL(sct_host_set_mtu(h, 67), -EINVAL);
	memcpy(l4, keep, 3980);
	CU_ASSERT_EQUAL(sct_host_output_sctp(h, &tx, T0), 0);
	CU_ASSERT_EQUAL(sct_host_queued(h), 8); /* 552 * 7 = 3864, + 116 */
	sct_host_destroy(peer);
	sct_host_destroy(h);
}

static void rfc6437_output_v6_flow_label_hlim_ecn(void)
{
	struct sct_host *h = mkhost(NULL);
	struct sct_host_tx tx = txs(NULL, "2001:db8:2::5", 100);
	struct sct_ip6 ip;
	uint32_t fl;
	int n;

	tx.ecn = 1;
	CU_ASSERT_EQUAL(sct_host_output_sctp(h, &tx, T0), 0);
	n = pull(h);
	CU_ASSERT_EQUAL_FATAL(n, 140);
	CU_ASSERT_EQUAL_FATAL(sct_ip6_parse(&ip, out, (size_t)n), 0);
	CU_ASSERT_EQUAL(ip.hlim, 64);
	CU_ASSERT_EQUAL(ip.tclass, 1);
	CU_ASSERT_NOT_EQUAL(ip.flow, 0);
	CU_ASSERT_EQUAL(ip.src.b[15], 1);
	fl = ip.flow;
	/* the same flow, the same label */
	CU_ASSERT_EQUAL(sct_host_output_sctp(h, &tx, T0), 0);
	CU_ASSERT_EQUAL(pull(h), 140);
	CU_ASSERT_EQUAL(sct_ip6_parse(&ip, out, 140), 0);
	CU_ASSERT_EQUAL(ip.flow, fl);
	/* another port pair: another label (with this secret) */
	sct_put_u16(l4, 5002);
	tx.ttl = 9;
	CU_ASSERT_EQUAL(sct_host_output_sctp(h, &tx, T0), 0);
	CU_ASSERT_EQUAL(pull(h), 140);
	CU_ASSERT_EQUAL(sct_ip6_parse(&ip, out, 140), 0);
	CU_ASSERT_NOT_EQUAL(ip.flow, fl);
	CU_ASSERT_EQUAL(ip.hlim, 9);
	/* the core's own label is kept */
	tx.flow = 0x12345;
	CU_ASSERT_EQUAL(sct_host_output_sctp(h, &tx, T0), 0);
	CU_ASSERT_EQUAL(pull(h), 140);
	CU_ASSERT_EQUAL(sct_ip6_parse(&ip, out, 140), 0);
	CU_ASSERT_EQUAL(ip.flow, 0x12345);
	tx.flow = 0x100000;
	CU_ASSERT_EQUAL(sct_host_output_sctp(h, &tx, T0), -EINVAL);
	/* IPv6: never fragmented at the source for SCTP */
	tx = txs(NULL, "2001:db8:2::5", 1461);
	CU_ASSERT_EQUAL(sct_host_output_sctp(h, &tx, T0), -EMSGSIZE);
	tx = txs(NULL, "2001:db8:2::5", 1460);
	CU_ASSERT_EQUAL(sct_host_output_sctp(h, &tx, T0), 0);
	sct_host_destroy(h);
}

static void host_output_queue_bound(void)
{
	struct sct_host_limits l;
	struct sct_host *h;
	struct sct_host_tx tx;
	int i;

	sct_host_limits_default(&l);
	l.outq_pkts = 4;
	h = mkhost(&l);
	tx = txs(NULL, "10.0.1.5", 100);
	for (i = 0; i < 4; i++)
		CU_ASSERT_EQUAL(sct_host_output_sctp(h, &tx, T0), 0);
	CU_ASSERT_EQUAL(sct_host_output_sctp(h, &tx, T0), -ENOBUFS);
	CU_ASSERT_EQUAL(sct_host_stats(h)->ip[0].OutDiscards, 1);
	CU_ASSERT_EQUAL(sct_host_check(h), 0);
	CU_ASSERT_EQUAL(sct_host_pull(h, out, 10), -ENOSPC);
	CU_ASSERT_EQUAL(pull(h), 120);
	/* fragments go all or nothing: 3 fragments do not fit in 1 slot */
	tx = txs(NULL, "10.0.1.5", 3980);
	CU_ASSERT_EQUAL(sct_host_output_sctp(h, &tx, T0), -ENOBUFS);
	CU_ASSERT_EQUAL(sct_host_queued(h), 3);
	CU_ASSERT_EQUAL(sct_host_check(h), 0);
	sct_host_destroy(h);
}

/*
 * sct_host_peek() shows the head without taking it (the TUN said EAGAIN: it
 * stays queued, still counted); sct_host_pop() takes it.  Buffers go round
 * (small ones are reused) without mixing up packets of other sizes.
 */
static void host_output_peek_pop(void)
{
	struct sct_host_limits l;
	struct sct_host *h;
	struct sct_host_tx tx;
	const uint8_t *p;
	size_t len = 0, l2 = 0, sizes[] = {100, 1400, 3000, 60, 8000, 1480, 2029};
	int i, round;

	sct_host_limits_default(&l);
	l.mtu = 9000; /* room for packets above the recycled buffers' size */
	h = mkhost(&l);
	CU_ASSERT_PTR_NULL(sct_host_peek(h, &len));
	sct_host_pop(h); /* empty: nothing happens */
	for (round = 0; round < 3; round++) {
		for (i = 0; i < 7; i++) {
			tx = txs(NULL, "10.0.1.5", sizes[i]);
			CU_ASSERT_EQUAL(sct_host_output_sctp(h, &tx, T0), 0);
		}
		CU_ASSERT_EQUAL(sct_host_queued(h), 7);
		CU_ASSERT_EQUAL(sct_host_check(h), 0);
		for (i = 0; i < 7; i++) {
			p = sct_host_peek(h, &len);
			CU_ASSERT_PTR_NOT_NULL_FATAL(p);
			CU_ASSERT_EQUAL(len, 20 + sizes[i]);
			CU_ASSERT_EQUAL(sct_host_peek(h, &l2), p); /* not taken */
			CU_ASSERT_EQUAL(p[9], SCT_IPPROTO_SCTP);
			/* its own header and its own bytes, not a reused buffer's */
			CU_ASSERT_EQUAL(sct_get_u16(p + 2), 20 + sizes[i]);
			CU_ASSERT_EQUAL(p[len - 1], (uint8_t)((sizes[i] - 1) * 31 + 7));
			sct_host_pop(h);
		}
		CU_ASSERT_EQUAL(sct_host_queued(h), 0);
		CU_ASSERT_EQUAL(sct_host_check(h), 0);
	}
	sct_host_destroy(h);
}

static const struct sct_test echo[] = {
    SCT_TEST(rfc792_echo_v4_reply_byte_exact),
    SCT_TEST(rfc4443_4_2_echo_v6_reply_byte_exact),
    SCT_TEST(rfc1122_3_2_2_6_echo_only_for_endpoint_addresses),
    SCT_TEST(rfc791_echo_v4_large_reply_fragmented),
    SCT_TEST_END,
};

static const struct sct_test deliver[] = {
    SCT_TEST(rfc9260_sctp_v4_delivered_with_fields),
    SCT_TEST(rfc6437_sctp_v6_delivered_with_flow_label),
    SCT_TEST(rfc791_sctp_v4_through_fragments),
    SCT_TEST(rfc8200_4_5_sctp_v6_through_fragments),
    SCT_TEST_END,
};

static const struct sct_test addresses[] = {
    SCT_TEST(rfc1122_3_2_1_3_non_local_and_bad_source_dropped),
    SCT_TEST(host_addr_add_del),
    SCT_TEST_END,
};

static const struct sct_test icmp_out[] = {
    SCT_TEST(rfc1122_3_2_2_1_protocol_unreachable_v4_with_quote),
    SCT_TEST(rfc8200_4_param_problem_code1_v6_with_pointer),
    SCT_TEST(rfc1122_4_1_3_1_udp_port_unreachable),
    SCT_TEST(rfc4443_2_4_f_icmp_rate_limit_token_bucket),
    SCT_TEST(rfc1122_3_2_2_no_icmp_about_errors_multicast_or_fragments),
    SCT_TEST(rfc792_reassembly_timeout_time_exceeded),
    SCT_TEST_END,
};

static const struct sct_test icmp_in[] = {
    SCT_TEST(rfc9260_10_icmp7_frag_needed_report_and_pmtu),
    SCT_TEST(pmtu_cache_slots),
    SCT_TEST(rfc1191_5_frag_needed_without_mtu_uses_plateau),
    SCT_TEST(rfc9260_10_icmp_not_about_our_address_ignored),
    SCT_TEST(rfc9260_10_icmp8_protocol_unreachable_kinds),
    SCT_TEST(rfc8201_4_packet_too_big_v6),
    SCT_TEST(rfc6951_5_5_icmp_about_udp_encapsulated_sctp),
    SCT_TEST_END,
};

static const struct sct_test output[] = {
    SCT_TEST(rfc6724_source_selection),
    SCT_TEST(rfc791_output_v4_df_ttl_ecn),
    SCT_TEST(rfc791_fragmentation_4000_bytes_reassembles),
    SCT_TEST(rfc6437_output_v6_flow_label_hlim_ecn),
    SCT_TEST(host_output_queue_bound),
    SCT_TEST(host_output_peek_pop),
    SCT_TEST_END,
};

SCT_TEST_MAIN(echo, deliver, addresses, icmp_out, icmp_in, output)
