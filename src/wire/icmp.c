/* SPDX-License-Identifier: MIT */
/* icmp.c: ICMPv4/ICMPv6 parse, quoted-packet extraction, echo and error emit. */
#include "wire/icmp.h"

#include "common/csum.h"
#include "wire/ipv4.h"
#include "wire/ipv6.h"
#include "wire/wire_err.h"

/*
 * Theory of operation
 *
 * Both ICMP versions share one header layout (RFC 792, RFC 4443 2.1); they
 * differ in type numbers, in the checksum (ICMPv6 adds the pseudo-header of
 * RFC 4443 2.3) and in the size limit of an error.  Parsing verifies the
 * checksum and decodes the four type-specific bytes; the quoted packet of an
 * error is left to sct_icmp_quote_parse(), which is lenient on purpose: an
 * ICMP error quotes only what the router chose to keep, so only the IP header
 * and the first 8 transport bytes (ports and, for SCTP, the verification
 * tag) are required.
 *
 *     0                   1                   2                   3
 *     0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *    +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *    |     Type      |     Code      |          Checksum             |
 *    +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *    |   Echo: Identifier            |   Echo: Sequence Number       |
 *    |   v4 Frag Needed: unused      |   Next-Hop MTU (RFC 1191 4)   |
 *    |   v4 Param Problem: Pointer | unused                          |
 *    |   v6 Packet Too Big: MTU; v6 Param Problem: Pointer (32 bits) |
 *    |   otherwise: unused (zero)                                    |
 *    +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *    |     Echo data, or as much of the invoking packet as fits ...  |
 *    +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 */

/* Decode the fixed 8 bytes; the checksum is the caller's. */
static void icmp_decode(struct sct_icmp *m, const uint8_t *buf, size_t len)
{
	struct sct_rd r = sct_rd_init(buf, len);

	m->type = sct_rd_u8(&r);
	m->code = sct_rd_u8(&r);
	sct_rd_skip(&r, 2); /* checksum */
	m->id = sct_rd_u16(&r);
	m->seq = sct_rd_u16(&r);
	m->mtu = 0;
	m->pointer = 0;
	m->is_error = false;
	m->data = buf + SCT_ICMP_HDR_LEN;
	m->data_len = len - SCT_ICMP_HDR_LEN;
}

int sct_icmp4_parse(struct sct_icmp *m, const uint8_t *buf, size_t len)
{
	if (len < SCT_ICMP_HDR_LEN)
		return SCT_WE_TRUNCATED;
	if (sct_csum(buf, len) != 0)
		return SCT_WE_ICMP_CSUM;
	icmp_decode(m, buf, len);
	switch (m->type) {
	case SCT_ICMP4_ECHO_REPLY:
	case SCT_ICMP4_ECHO_REQUEST:
		return m->code == 0 ? 0 : SCT_WE_ICMP_TYPE;
	case SCT_ICMP4_DEST_UNREACH:
		m->is_error = true;
		if (m->code == SCT_ICMP4_FRAG_NEEDED)
			m->mtu = m->seq; /* RFC 1191 4: low-order 16 bits */
		return m->code <= SCT_ICMP4_UNREACH_CODE_MAX ? 0 : SCT_WE_ICMP_TYPE;
	case SCT_ICMP4_TIME_EXCEEDED:
		m->is_error = true;
		return m->code <= 1 ? 0 : SCT_WE_ICMP_TYPE;
	case SCT_ICMP4_PARAM_PROBLEM:
		/* RFC 792 code 0; RFC 1122 3.2.2.5 code 1; RFC 1812 5.2.7.3 code 2 */
		m->is_error = true;
		m->pointer = buf[4];
		return m->code <= 2 ? 0 : SCT_WE_ICMP_TYPE;
	case SCT_ICMP4_SOURCE_QUENCH: /* RFC 6633: hosts MUST NOT react */
	default:
		/* RFC 1122 3.2.2: unknown types are silently discarded */
		return SCT_WE_ICMP_TYPE;
	}
}

int sct_icmp6_parse(struct sct_icmp *m, const uint8_t *buf, size_t len, const struct sct_addr *src,
		    const struct sct_addr *dst)
{
	uint32_t sum;

	if (len < SCT_ICMP_HDR_LEN)
		return SCT_WE_TRUNCATED;
	if (src->af != SCT_AF_INET6 || dst->af != SCT_AF_INET6)
		return SCT_WE_BAD_FIELD;
	sum = sct_ip_pseudo_sum(src, dst, SCT_IPPROTO_ICMPV6, (uint32_t)len);
	if (sct_csum_fold(sct_csum_add(sum, buf, len)) != 0)
		return SCT_WE_ICMP_CSUM;
	icmp_decode(m, buf, len);
	m->is_error = m->type < 128; /* RFC 4443 2.1 */
	switch (m->type) {
	case SCT_ICMP6_ECHO_REQUEST:
	case SCT_ICMP6_ECHO_REPLY:
		return m->code == 0 ? 0 : SCT_WE_ICMP_TYPE;
	case SCT_ICMP6_DEST_UNREACH:
		return m->code <= SCT_ICMP6_UNREACH_CODE_MAX ? 0 : SCT_WE_ICMP_TYPE;
	case SCT_ICMP6_PACKET_TOO_BIG:
		/* RFC 4443 3.2: the code is set to 0 and ignored by the receiver */
		m->mtu = sct_get_u32(buf + 4);
		return 0;
	case SCT_ICMP6_TIME_EXCEEDED:
		return m->code <= 1 ? 0 : SCT_WE_ICMP_TYPE;
	case SCT_ICMP6_PARAM_PROBLEM:
		m->pointer = sct_get_u32(buf + 4);
		return m->code <= SCT_ICMP6_PARAM_CODE_MAX ? 0 : SCT_WE_ICMP_TYPE;
	default:
		return SCT_WE_ICMP_TYPE;
	}
}

static int quote_v4(struct sct_icmp_quote *q, const uint8_t *buf, size_t len)
{
	size_t hl;

	if (len < SCT_IP4_HDR_MIN + SCT_ICMP_QUOTE_L4_MIN)
		return SCT_WE_ICMP_QUOTE;
	if ((buf[0] >> 4) != 4)
		return SCT_WE_IP_VERSION;
	hl = (buf[0] & 0x0f) * 4u;
	q->orig_len = sct_get_u16(buf + 2);
	if (hl < SCT_IP4_HDR_MIN || len < hl + SCT_ICMP_QUOTE_L4_MIN ||
	    q->orig_len < hl + SCT_ICMP_QUOTE_L4_MIN)
		return SCT_WE_ICMP_QUOTE;
	/* a non-first fragment carries no transport header to match on */
	if (sct_get_u16(buf + 6) & 0x1fff)
		return SCT_WE_ICMP_QUOTE;
	q->proto = buf[9];
	sct_addr_v4(&q->src, buf + 12);
	sct_addr_v4(&q->dst, buf + 16);
	q->l4 = buf + hl;
	q->l4_len = len - hl;
	if (q->l4_len > q->orig_len - hl)
		q->l4_len = q->orig_len - hl;
	return 0;
}

static int quote_v6(struct sct_icmp_quote *q, const uint8_t *buf, size_t len)
{
	size_t off = SCT_IP6_HDR_LEN, end, total;
	unsigned n;
	uint8_t nh;

	if (len < SCT_IP6_HDR_LEN + SCT_ICMP_QUOTE_L4_MIN)
		return SCT_WE_ICMP_QUOTE;
	if ((buf[0] >> 4) != 6)
		return SCT_WE_IP_VERSION;
	/* the quoted datagram's size (payload length + header) can exceed 16 bits */
	total = (size_t)sct_get_u16(buf + 4) + SCT_IP6_HDR_LEN;
	q->orig_len = (uint16_t)(total > UINT16_MAX ? UINT16_MAX : total);
	end = len;
	if (sct_get_u16(buf + 4) && total < end)
		end = total;
	nh = buf[6];
	sct_addr_v6(&q->src, buf + 8);
	sct_addr_v6(&q->dst, buf + 24);
	for (n = 0; n < SCT_IP6_MAX_EXTHDRS; n++) {
		size_t hlen;

		if (nh != SCT_IP6_NH_HOPOPTS && nh != SCT_IP6_NH_ROUTING &&
		    nh != SCT_IP6_NH_DSTOPTS && nh != SCT_IP6_NH_FRAGMENT)
			break;
		if (end - off < 8)
			return SCT_WE_ICMP_QUOTE;
		if (nh == SCT_IP6_NH_FRAGMENT) {
			if (sct_get_u16(buf + off + 2) & 0xfff8)
				return SCT_WE_ICMP_QUOTE;
			hlen = SCT_IP6_FRAG_LEN;
		} else {
			hlen = (buf[off + 1] + 1u) * 8u;
		}
		if (hlen > end - off)
			return SCT_WE_ICMP_QUOTE;
		nh = buf[off];
		off += hlen;
	}
	if (n == SCT_IP6_MAX_EXTHDRS || end - off < SCT_ICMP_QUOTE_L4_MIN)
		return SCT_WE_ICMP_QUOTE;
	q->proto = nh;
	q->l4 = buf + off;
	q->l4_len = end - off;
	return 0;
}

int sct_icmp_quote_parse(struct sct_icmp_quote *q, int af, const uint8_t *buf, size_t len)
{
	if (af == SCT_AF_INET4)
		return quote_v4(q, buf, len);
	if (af == SCT_AF_INET6)
		return quote_v6(q, buf, len);
	return SCT_WE_BAD_FIELD;
}

/*
 * Append type, code, checksum, @word (the type-specific four bytes) and @len
 * bytes of @data, then store the checksum over them plus @sum (the IPv6
 * pseudo-header, or 0).  Returns the bytes appended.
 */
static int icmp_emit(struct sct_wr *w, uint8_t type, uint8_t code, uint32_t word,
		     const uint8_t *data, size_t len, bool v6, const struct sct_addr *src,
		     const struct sct_addr *dst)
{
	size_t total = SCT_ICMP_HDR_LEN + len;
	uint32_t sum = 0;
	uint8_t *p;

	if (v6) {
		if (src->af != SCT_AF_INET6 || dst->af != SCT_AF_INET6)
			return SCT_WE_BAD_FIELD;
		sum = sct_ip_pseudo_sum(src, dst, SCT_IPPROTO_ICMPV6, (uint32_t)total);
	}
	if (total > 65535 - SCT_IP6_HDR_LEN)
		return SCT_WE_BAD_FIELD;
	p = sct_wr_reserve(w, total);
	if (!p)
		return SCT_WE_NOSPACE;
	p[0] = type;
	p[1] = code;
	sct_put_u16(p + 2, 0);
	sct_put_u32(p + 4, word);
	if (len)
		memcpy(p + SCT_ICMP_HDR_LEN, data, len);
	sct_put_u16(p + 2, sct_csum_fold(sct_csum_add(sum, p, total)));
	return (int)total;
}

static inline size_t icmp_cut(size_t len, size_t max)
{
	return len < max ? len : max;
}

int sct_icmp4_emit_echo(struct sct_wr *w, uint8_t type, uint16_t id, uint16_t seq,
			const uint8_t *data, size_t len)
{
	if (type != SCT_ICMP4_ECHO_REQUEST && type != SCT_ICMP4_ECHO_REPLY)
		return SCT_WE_BAD_FIELD;
	return icmp_emit(w, type, 0, ((uint32_t)id << 16) | seq, data, len, false, NULL, NULL);
}

int sct_icmp4_emit_echo_reply(struct sct_wr *w, const struct sct_icmp *req)
{
	/* RFC 792: the data received in the echo message must be returned */
	return sct_icmp4_emit_echo(w, SCT_ICMP4_ECHO_REPLY, req->id, req->seq, req->data,
				   req->data_len);
}

int sct_icmp6_emit_echo(struct sct_wr *w, uint8_t type, uint16_t id, uint16_t seq,
			const uint8_t *data, size_t len, const struct sct_addr *src,
			const struct sct_addr *dst)
{
	if (type != SCT_ICMP6_ECHO_REQUEST && type != SCT_ICMP6_ECHO_REPLY)
		return SCT_WE_BAD_FIELD;
	return icmp_emit(w, type, 0, ((uint32_t)id << 16) | seq, data, len, true, src, dst);
}

int sct_icmp6_emit_echo_reply(struct sct_wr *w, const struct sct_icmp *req,
			      const struct sct_addr *src, const struct sct_addr *dst)
{
	/* RFC 4443 4.2: identifier, sequence number and data from the request */
	return sct_icmp6_emit_echo(w, SCT_ICMP6_ECHO_REPLY, req->id, req->seq, req->data,
				   req->data_len, src, dst);
}

int sct_icmp4_emit_unreach(struct sct_wr *w, uint8_t code, uint16_t mtu, const uint8_t *pkt,
			   size_t len)
{
	if (code > SCT_ICMP4_UNREACH_CODE_MAX)
		return SCT_WE_BAD_FIELD;
	return icmp_emit(w, SCT_ICMP4_DEST_UNREACH, code, code == SCT_ICMP4_FRAG_NEEDED ? mtu : 0,
			 pkt, icmp_cut(len, SCT_ICMP4_QUOTE_MAX), false, NULL, NULL);
}

int sct_icmp4_emit_time_exceeded(struct sct_wr *w, uint8_t code, const uint8_t *pkt, size_t len)
{
	if (code > 1)
		return SCT_WE_BAD_FIELD;
	return icmp_emit(w, SCT_ICMP4_TIME_EXCEEDED, code, 0, pkt,
			 icmp_cut(len, SCT_ICMP4_QUOTE_MAX), false, NULL, NULL);
}

int sct_icmp4_emit_param_problem(struct sct_wr *w, uint8_t pointer, const uint8_t *pkt, size_t len)
{
	return icmp_emit(w, SCT_ICMP4_PARAM_PROBLEM, 0, (uint32_t)pointer << 24, pkt,
			 icmp_cut(len, SCT_ICMP4_QUOTE_MAX), false, NULL, NULL);
}

int sct_icmp6_emit_unreach(struct sct_wr *w, uint8_t code, const uint8_t *pkt, size_t len,
			   const struct sct_addr *src, const struct sct_addr *dst)
{
	if (code > SCT_ICMP6_UNREACH_CODE_MAX)
		return SCT_WE_BAD_FIELD;
	return icmp_emit(w, SCT_ICMP6_DEST_UNREACH, code, 0, pkt,
			 icmp_cut(len, SCT_ICMP6_QUOTE_MAX), true, src, dst);
}

int sct_icmp6_emit_packet_too_big(struct sct_wr *w, uint32_t mtu, const uint8_t *pkt, size_t len,
				  const struct sct_addr *src, const struct sct_addr *dst)
{
	return icmp_emit(w, SCT_ICMP6_PACKET_TOO_BIG, 0, mtu, pkt,
			 icmp_cut(len, SCT_ICMP6_QUOTE_MAX), true, src, dst);
}

int sct_icmp6_emit_time_exceeded(struct sct_wr *w, uint8_t code, const uint8_t *pkt, size_t len,
				 const struct sct_addr *src, const struct sct_addr *dst)
{
	if (code > 1)
		return SCT_WE_BAD_FIELD;
	return icmp_emit(w, SCT_ICMP6_TIME_EXCEEDED, code, 0, pkt,
			 icmp_cut(len, SCT_ICMP6_QUOTE_MAX), true, src, dst);
}

int sct_icmp6_emit_param_problem(struct sct_wr *w, uint8_t code, uint32_t pointer,
				 const uint8_t *pkt, size_t len, const struct sct_addr *src,
				 const struct sct_addr *dst)
{
	if (code > SCT_ICMP6_PARAM_CODE_MAX)
		return SCT_WE_BAD_FIELD;
	return icmp_emit(w, SCT_ICMP6_PARAM_PROBLEM, code, pointer, pkt,
			 icmp_cut(len, SCT_ICMP6_QUOTE_MAX), true, src, dst);
}
