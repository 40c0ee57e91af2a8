/* SPDX-License-Identifier: MIT */
/* ipv4.c: IPv4 header parse and emit (RFC 791, RFC 1122 3.2.1). */
#include "wire/ipv4.h"

#include "common/csum.h"
#include "wire/wire_err.h"

/*
 * RFC 791 3.1, Internet Header Format:
 *
 *     0                   1                   2                   3
 *     0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *    +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *    |Version|  IHL  |Type of Service|          Total Length         |
 *    +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *    |         Identification        |Flags|      Fragment Offset    |
 *    +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *    |  Time to Live |    Protocol   |         Header Checksum       |
 *    +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *    |                       Source Address                          |
 *    +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *    |                    Destination Address                        |
 *    +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *    |                    Options                    |    Padding    |
 *    +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *
 * Flags: bit 0 reserved (must be zero), bit 1 DF, bit 2 MF.
 */
#define IP4_FLAG_RESERVED 0x8000
#define IP4_FLAG_DF	  0x4000
#define IP4_FLAG_MF	  0x2000
#define IP4_FRAGOFF_MASK  0x1fff

/*
 * RFC 791 3.1 options: EOL and NOP are single bytes; every other option is
 * type, length (counting type and length, so at least 2), data.  RFC 1122
 * 3.2.1.8 asks hosts to ignore options they do not know, so only the
 * lengths are checked: a length that cannot be walked leaves the rest of the
 * header unparseable.
 */
static int ip4_walk_options(const uint8_t *opts, size_t len)
{
	struct sct_rd r = sct_rd_init(opts, len);

	while (sct_rd_left(&r)) {
		uint8_t type = sct_rd_u8(&r);
		uint8_t olen;

		if (type == SCT_IP4_OPT_EOL)
			break;
		if (type == SCT_IP4_OPT_NOP)
			continue;
		if (!sct_rd_left(&r))
			return SCT_WE_IP4_OPTION;
		olen = sct_rd_u8(&r);
		if (olen < 2 || olen - 2u > sct_rd_left(&r))
			return SCT_WE_IP4_OPTION;
		sct_rd_skip(&r, olen - 2u);
	}
	return 0;
}

int sct_ip4_parse(struct sct_ip4 *h, const uint8_t *buf, size_t len)
{
	struct sct_rd r = sct_rd_init(buf, len);
	uint8_t vihl, ihl;
	uint16_t frag;
	int err;

	if (len < SCT_IP4_HDR_MIN)
		return SCT_WE_TRUNCATED;
	vihl = sct_rd_u8(&r);
	if ((vihl >> 4) != 4)
		return SCT_WE_IP_VERSION;
	ihl = vihl & 0x0f;
	if (ihl < 5 || ihl * 4u > len)
		return SCT_WE_IP4_IHL;
	h->hdr_len = (uint8_t)(ihl * 4);
	h->tos = sct_rd_u8(&r);
	h->tot_len = sct_rd_u16(&r);
	/* RFC 1122 3.2.1.1 ff.: ignore link padding past Total Length, never trust more */
	if (h->tot_len < h->hdr_len || h->tot_len > len)
		return SCT_WE_IP4_TOTLEN;
	/* RFC 1122 3.2.1.2: verify the checksum, silently discard on failure */
	if (sct_csum(buf, h->hdr_len) != 0)
		return SCT_WE_IP4_CSUM;
	h->id = sct_rd_u16(&r);
	frag = sct_rd_u16(&r);
	h->ttl = sct_rd_u8(&r);
	h->proto = sct_rd_u8(&r);
	sct_rd_skip(&r, 2); /* checksum, verified above */
	sct_addr_v4(&h->src, sct_rd_bytes(&r, 4));
	sct_addr_v4(&h->dst, sct_rd_bytes(&r, 4));
	h->opts_len = h->hdr_len - SCT_IP4_HDR_MIN;
	h->opts = h->opts_len ? sct_rd_bytes(&r, h->opts_len) : NULL;
	h->payload = buf + h->hdr_len;
	h->payload_len = h->tot_len - h->hdr_len;
	if (h->opts_len && !h->opts) /* cannot be: ihl * 4 <= len was checked */
		return SCT_WE_IP4_IHL;

	err = ip4_walk_options(h->opts, h->opts_len);
	if (err)
		return err;
	if (frag & IP4_FLAG_RESERVED)
		return SCT_WE_IP4_FLAGS;
	h->df = (frag & IP4_FLAG_DF) != 0;
	h->mf = (frag & IP4_FLAG_MF) != 0;
	h->frag_off = (uint16_t)((frag & IP4_FRAGOFF_MASK) * 8u);
	/* a datagram that may not be fragmented cannot be a fragment */
	if (h->df && sct_ip4_is_fragment(h))
		return SCT_WE_IP4_DF_FRAG;
	/* RFC 791 3.2: the reassembled datagram still has a 16-bit total length */
	if ((size_t)h->frag_off + h->payload_len > SCT_IP4_MAX_LEN)
		return SCT_WE_IP4_FRAGOFF;
	/* RFC 791 3.2: every fragment but the last carries a multiple of 8 bytes */
	if (h->mf && (h->payload_len % 8) != 0)
		return SCT_WE_FRAG_BAD_LEN;
	return 0;
}

int sct_ip4_emit(struct sct_wr *w, const struct sct_ip4 *h, size_t payload_len)
{
	size_t hdr_len = SCT_IP4_HDR_MIN + h->opts_len;
	uint16_t frag;
	uint8_t *p;
	struct sct_wr hw;

	if (h->src.af != SCT_AF_INET4 || h->dst.af != SCT_AF_INET4 ||
	    h->opts_len > SCT_IP4_OPTS_MAX || (h->opts_len & 3) || (h->opts_len && !h->opts) ||
	    (h->frag_off & 7) || hdr_len + payload_len > SCT_IP4_MAX_LEN)
		return SCT_WE_BAD_FIELD;
	p = sct_wr_reserve(w, hdr_len);
	if (!p)
		return SCT_WE_NOSPACE;
	frag = (uint16_t)(h->frag_off / 8u);
	if (h->df)
		frag |= IP4_FLAG_DF;
	if (h->mf)
		frag |= IP4_FLAG_MF;
	hw = sct_wr_init(p, hdr_len);
	sct_wr_u8(&hw, (uint8_t)(0x40 | (hdr_len / 4)));
	sct_wr_u8(&hw, h->tos);
	sct_wr_u16(&hw, (uint16_t)(hdr_len + payload_len));
	sct_wr_u16(&hw, h->id);
	sct_wr_u16(&hw, frag);
	sct_wr_u8(&hw, h->ttl);
	sct_wr_u8(&hw, h->proto);
	sct_wr_u16(&hw, 0);
	sct_wr_bytes(&hw, h->src.b, 4);
	sct_wr_bytes(&hw, h->dst.b, 4);
	sct_wr_bytes(&hw, h->opts, h->opts_len);
	sct_put_u16(p + 10, sct_csum(p, hdr_len));
	return 0;
}

uint32_t sct_ip_pseudo_sum(const struct sct_addr *src, const struct sct_addr *dst, uint8_t proto,
			   uint32_t len)
{
	uint32_t sum;

	if (src->af != dst->af)
		return 0;
	if (src->af == SCT_AF_INET4) {
		/* RFC 768: src, dst, zero, protocol, UDP length (16 bits) */
		sum = sct_csum_add(0, src->b, 4);
		sum = sct_csum_add(sum, dst->b, 4);
		sum = sct_csum_add16(sum, proto);
		return sct_csum_add16(sum, (uint16_t)len);
	}
	if (src->af == SCT_AF_INET6) {
		/* RFC 8200 8.1: src, dst, 32-bit length, 3 zero bytes, next header */
		sum = sct_csum_add(0, src->b, 16);
		sum = sct_csum_add(sum, dst->b, 16);
		sum = sct_csum_add16(sum, (uint16_t)(len >> 16));
		sum = sct_csum_add16(sum, (uint16_t)len);
		return sct_csum_add16(sum, proto);
	}
	return 0;
}
