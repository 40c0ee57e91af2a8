/* SPDX-License-Identifier: MIT */
/* fuzz_icmp.c: ICMPv4/v6 parse, quoted-packet parse, and emit -> parse round trips. */
#include <stdlib.h>
#include <string.h>

#include "common/addr.h"
#include "common/csum.h"
#include "common/cursor.h"
#include "wire/icmp.h"
#include "wire/ipv4.h"
#include "wire/wire_err.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const uint8_t a6_src[16] = {0x20, 0x01, 0x0d, 0xb8, [15] = 1};
static const uint8_t a6_dst[16] = {0x20, 0x01, 0x0d, 0xb8, [15] = 2};

static void check_quote(int af, const uint8_t *buf, size_t len)
{
	struct sct_icmp_quote q;

	if (sct_icmp_quote_parse(&q, af, buf, len) != 0)
		return;
	if (q.l4 < buf || q.l4_len < SCT_ICMP_QUOTE_L4_MIN || q.l4 + q.l4_len > buf + len ||
	    q.src.af != af || q.dst.af != af)
		abort();
}

static void same(const struct sct_icmp *a, const struct sct_icmp *b, size_t data_len)
{
	if (a->type != b->type || a->id != b->id || a->seq != b->seq || a->mtu != b->mtu ||
	    a->pointer != b->pointer || a->is_error != b->is_error || b->data_len != data_len ||
	    memcmp(a->data, b->data, data_len) != 0)
		abort();
}

static void v4(const uint8_t *data, size_t size)
{
	static uint8_t out[65536];
	struct sct_icmp a, b;
	struct sct_wr w = sct_wr_init(out, sizeof(out));
	size_t qlen;
	int n;

	if (sct_icmp4_parse(&a, data, size) != 0)
		return;
	qlen = a.data_len < SCT_ICMP4_QUOTE_MAX ? a.data_len : SCT_ICMP4_QUOTE_MAX;
	switch (a.type) {
	case SCT_ICMP4_ECHO_REQUEST:
	case SCT_ICMP4_ECHO_REPLY:
		n = sct_icmp4_emit_echo(&w, a.type, a.id, a.seq, a.data, a.data_len);
		qlen = a.data_len;
		break;
	case SCT_ICMP4_DEST_UNREACH:
		n = sct_icmp4_emit_unreach(&w, a.code, (uint16_t)a.mtu, a.data, a.data_len);
		/* unused bytes are not re-emitted; only the RFC 1191 MTU is */
		a.id = 0;
		if (a.code != SCT_ICMP4_FRAG_NEEDED)
			a.seq = 0;
		break;
	case SCT_ICMP4_TIME_EXCEEDED:
		n = sct_icmp4_emit_time_exceeded(&w, a.code, a.data, a.data_len);
		a.id = a.seq = 0;
		break;
	default:
		if (a.code != 0)
			return;
		n = sct_icmp4_emit_param_problem(&w, (uint8_t)a.pointer, a.data, a.data_len);
		a.id = (uint16_t)(a.pointer << 8);
		a.seq = 0;
		break;
	}
	if (n != (int)(SCT_ICMP_HDR_LEN + qlen) || sct_icmp4_parse(&b, out, (size_t)n) != 0 ||
	    b.code != a.code)
		abort();
	same(&a, &b, qlen);
	if (a.is_error) {
		check_quote(SCT_AF_INET4, a.data, a.data_len);
		check_quote(SCT_AF_INET6, a.data, a.data_len);
	}
}

static void v6(const uint8_t *data, size_t size)
{
	static uint8_t out[65536];
	struct sct_addr src, dst;
	struct sct_icmp a, b;
	struct sct_wr w = sct_wr_init(out, sizeof(out));
	size_t qlen;
	int n;

	sct_addr_v6(&src, a6_src);
	sct_addr_v6(&dst, a6_dst);
	if (sct_icmp6_parse(&a, data, size, &src, &dst) != 0)
		return;
	qlen = a.data_len < SCT_ICMP6_QUOTE_MAX ? a.data_len : SCT_ICMP6_QUOTE_MAX;
	switch (a.type) {
	case SCT_ICMP6_ECHO_REQUEST:
	case SCT_ICMP6_ECHO_REPLY:
		n = sct_icmp6_emit_echo(&w, a.type, a.id, a.seq, a.data, a.data_len, &src, &dst);
		qlen = a.data_len;
		break;
	case SCT_ICMP6_DEST_UNREACH:
		n = sct_icmp6_emit_unreach(&w, a.code, a.data, a.data_len, &src, &dst);
		a.id = a.seq = 0;
		break;
	case SCT_ICMP6_PACKET_TOO_BIG:
		n = sct_icmp6_emit_packet_too_big(&w, a.mtu, a.data, a.data_len, &src, &dst);
		a.code = 0;
		break;
	case SCT_ICMP6_TIME_EXCEEDED:
		n = sct_icmp6_emit_time_exceeded(&w, a.code, a.data, a.data_len, &src, &dst);
		a.id = a.seq = 0;
		break;
	default:
		n = sct_icmp6_emit_param_problem(&w, a.code, a.pointer, a.data, a.data_len, &src,
						 &dst);
		break;
	}
	if (n != (int)(SCT_ICMP_HDR_LEN + qlen) ||
	    sct_icmp6_parse(&b, out, (size_t)n, &src, &dst) != 0 || b.code != a.code)
		abort();
	same(&a, &b, qlen);
	if (a.is_error)
		check_quote(SCT_AF_INET6, a.data, a.data_len);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static uint8_t fixed[65536];
	struct sct_addr src, dst;

	v4(data, size);
	v6(data, size);
	/* again with correct checksums, so the fuzzer gets past them */
	if (size >= SCT_ICMP_HDR_LEN && size <= sizeof(fixed)) {
		memcpy(fixed, data, size);
		sct_put_u16(fixed + 2, 0);
		sct_put_u16(fixed + 2, sct_csum(fixed, size));
		v4(fixed, size);
		sct_addr_v6(&src, a6_src);
		sct_addr_v6(&dst, a6_dst);
		sct_put_u16(fixed + 2, 0);
		sct_put_u16(fixed + 2,
			    sct_csum_fold(sct_csum_add(
				sct_ip_pseudo_sum(&src, &dst, SCT_IPPROTO_ICMPV6, (uint32_t)size),
				fixed, size)));
		v6(fixed, size);
	}
	check_quote(SCT_AF_INET4, data, size);
	check_quote(SCT_AF_INET6, data, size);
	return 0;
}
