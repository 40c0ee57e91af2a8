/* SPDX-License-Identifier: MIT */
/* ipv6.c: IPv6 fixed header, extension-header walk, header emit (RFC 8200 3, 4). */
#include "wire/ipv6.h"

#include "wire/wire_err.h"

/*
 * Theory of operation
 *
 * sct_ip6_parse() reads the fixed header, then follows Next Header values
 * through the extension headers RFC 8200 4 asks every node to process
 * (hop-by-hop, routing, fragment, destination options) until it meets one
 * that is not an extension header: that is the upper-layer protocol.  Each
 * header is bounds-checked against the Payload Length before it is read, the
 * number of headers is bounded by SCT_IP6_MAX_EXTHDRS, and every rejection
 * that RFC 8200 answers with an ICMPv6 Parameter Problem leaves the offset
 * the ICMP pointer needs in ->err_off, so the ip layer never has to re-walk
 * the packet.
 *
 * Extension headers that RFC 8200 4.1 and IANA's "IPv6 Extension Header
 * Types" list but that sctun does not implement (ESP, AH, Mobility, HIP,
 * Shim6, 253, 254) cannot be skipped as if they were the upper layer: they
 * are reported as SCT_WE_IP6_UNKNOWN_EXTHDR, the case RFC 8200 4 answers with
 * Parameter Problem code 1 pointing at the Next Header field.
 */

/*
 * RFC 8200 3, IPv6 Header Format:
 *
 *    +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *    |Version| Traffic Class |           Flow Label                  |
 *    +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *    |         Payload Length        |  Next Header  |   Hop Limit   |
 *    +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *    |                                                               |
 *    +                         Source Address                        +
 *    |                          (128 bits)                           |
 *    +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *    |                                                               |
 *    +                      Destination Address                      +
 *    |                          (128 bits)                           |
 *    +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *
 * RFC 8200 4.3/4.6, Hop-by-Hop and Destination Options headers (and, with
 * Routing Type and Segments Left as its first two data bytes, the 4.4
 * Routing header):
 *
 *    +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *    |  Next Header  |  Hdr Ext Len  |                               |
 *    +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+                               +
 *    .            Options (Hdr Ext Len * 8 + 6 bytes)                .
 *    +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *
 * RFC 8200 4.5, Fragment header:
 *
 *    +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *    |  Next Header  |   Reserved    |      Fragment Offset    |Res|M|
 *    +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *    |                         Identification                        |
 *    +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 */

static bool ip6_is_unprocessed_exthdr(uint8_t nh)
{
	switch (nh) {
	case SCT_IP6_NH_ESP:
	case SCT_IP6_NH_AH:
	case SCT_IP6_NH_MOBILITY:
	case SCT_IP6_NH_HIP:
	case SCT_IP6_NH_SHIM6:
	case SCT_IP6_NH_EXP1:
	case SCT_IP6_NH_EXP2:
		return true;
	default:
		return false;
	}
}

/*
 * RFC 8200 4.2: options are TLVs (Pad1 is a lone zero byte).  An unknown
 * option is skipped or answered as its two high type bits say; the first
 * non-skip one ends the walk.  @base is the option area's offset in the
 * packet, for ->err_off.
 */
static int ip6_walk_options(struct sct_ip6 *h, const uint8_t *opts, size_t len, size_t base)
{
	struct sct_rd r = sct_rd_init(opts, len);

	while (sct_rd_left(&r)) {
		size_t at = base + r.off;
		uint8_t type = sct_rd_u8(&r);
		uint8_t olen;

		if (type == SCT_IP6_OPT_PAD1)
			continue;
		if (!sct_rd_left(&r)) {
			h->err_off = at;
			return SCT_WE_IP6_OPTION;
		}
		olen = sct_rd_u8(&r);
		if (olen > sct_rd_left(&r)) {
			h->err_off = at;
			return SCT_WE_IP6_OPTION;
		}
		sct_rd_skip(&r, olen);
		if (type == SCT_IP6_OPT_PADN)
			continue;
		/* no other option is implemented: every one is unknown */
		if ((type >> 6) != SCT_IP6_OPT_SKIP) {
			h->err_off = at;
			h->opt_action = (uint8_t)(type >> 6);
			return SCT_WE_IP6_OPT_UNKNOWN;
		}
	}
	return 0;
}

/* The fragment header at @off (RFC 8200 4.5); @end is 40 + Payload Length. */
static int ip6_fragment(struct sct_ip6 *h, const uint8_t *buf, size_t off, size_t end)
{
	struct sct_rd r;
	uint16_t offm;
	size_t data_len;

	if (end - off < SCT_IP6_FRAG_LEN)
		return SCT_WE_IP6_EXTHDR;
	if (h->frag.present) {
		/* RFC 8200 4.1: at most once; two would make reassembly ambiguous */
		h->err_off = h->nh_off;
		return SCT_WE_IP6_FRAG;
	}
	r = sct_rd_init(buf + off, SCT_IP6_FRAG_LEN);
	sct_rd_skip(&r, 2);
	offm = sct_rd_u16(&r);
	h->frag.present = true;
	h->frag.hdr_off = off;
	h->frag.off = offm & 0xfff8;
	h->frag.more = (offm & 1) != 0;
	h->frag.id = sct_rd_u32(&r);
	h->frag.atomic = h->frag.off == 0 && !h->frag.more;
	data_len = end - off - SCT_IP6_FRAG_LEN;
	if (h->frag.more && (data_len % 8) != 0) {
		h->err_off = 4; /* RFC 8200 4.5: pointing to the Payload Length field */
		return SCT_WE_FRAG_BAD_LEN;
	}
	if ((off - SCT_IP6_HDR_LEN) + h->frag.off + data_len > 65535) {
		h->err_off = off + 2; /* RFC 8200 4.5: pointing to the Fragment Offset field */
		return SCT_WE_IP6_FRAG;
	}
	return 0;
}

int sct_ip6_parse(struct sct_ip6 *h, const uint8_t *buf, size_t len)
{
	struct sct_rd r = sct_rd_init(buf, len);
	uint32_t vtf;
	size_t off, end;
	uint8_t nh;
	int err;

	if (len < SCT_IP6_HDR_LEN)
		return SCT_WE_TRUNCATED;
	vtf = sct_rd_u32(&r);
	if ((vtf >> 28) != 6)
		return SCT_WE_IP_VERSION;
	h->tclass = (uint8_t)(vtf >> 20);
	h->flow = vtf & 0xfffff;
	h->plen = sct_rd_u16(&r);
	h->nh = sct_rd_u8(&r);
	h->hlim = sct_rd_u8(&r);
	sct_addr_v6(&h->src, sct_rd_bytes(&r, 16));
	sct_addr_v6(&h->dst, sct_rd_bytes(&r, 16));
	h->n_exthdrs = 0;
	h->frag = (struct sct_ip6_frag){0};
	h->err_off = 0;
	h->opt_action = 0;
	/* RFC 8200 3: zero is only valid with a Jumbo Payload option (RFC 2675) */
	if (h->plen == 0 && h->nh == SCT_IP6_NH_HOPOPTS)
		return SCT_WE_IP6_JUMBO;
	if ((size_t)h->plen > len - SCT_IP6_HDR_LEN)
		return SCT_WE_IP6_PAYLEN;

	end = SCT_IP6_HDR_LEN + h->plen;
	off = SCT_IP6_HDR_LEN;
	nh = h->nh;
	h->nh_off = 6;
	for (;;) {
		size_t hlen;

		if (nh != SCT_IP6_NH_HOPOPTS && nh != SCT_IP6_NH_ROUTING &&
		    nh != SCT_IP6_NH_FRAGMENT && nh != SCT_IP6_NH_DSTOPTS) {
			if (ip6_is_unprocessed_exthdr(nh)) {
				h->err_off = h->nh_off;
				return SCT_WE_IP6_UNKNOWN_EXTHDR;
			}
			break; /* upper layer, or No Next Header (59) */
		}
		if (h->n_exthdrs == SCT_IP6_MAX_EXTHDRS)
			return SCT_WE_IP6_TOO_MANY_EXTHDRS;
		/* RFC 8200 4.1: hop-by-hop only immediately after the IPv6 header */
		if (nh == SCT_IP6_NH_HOPOPTS && h->n_exthdrs != 0) {
			h->err_off = h->nh_off;
			return SCT_WE_IP6_EXTORDER;
		}
		if (end - off < 2)
			return SCT_WE_IP6_EXTHDR;
		if (nh == SCT_IP6_NH_FRAGMENT) {
			err = ip6_fragment(h, buf, off, end);
			if (err)
				return err;
			h->n_exthdrs++;
			if (!h->frag.atomic) {
				/* the rest is fragment data, reassembled later */
				h->proto = buf[off];
				h->payload_off = off + SCT_IP6_FRAG_LEN;
				h->payload_len = end - h->payload_off;
				h->payload = buf + h->payload_off;
				return 0;
			}
			h->nh_off = off;
			nh = buf[off];
			off += SCT_IP6_FRAG_LEN;
			continue;
		}
		hlen = (buf[off + 1] + 1u) * 8u;
		if (hlen > end - off)
			return SCT_WE_IP6_EXTHDR;
		if (nh == SCT_IP6_NH_ROUTING) {
			/* RFC 8200 4.4: no routing type is implemented here */
			if (buf[off + 3] != 0) {
				h->err_off = off + 2;
				return SCT_WE_IP6_ROUTING;
			}
		} else {
			err = ip6_walk_options(h, buf + off + 2, hlen - 2, off + 2);
			if (err)
				return err;
		}
		h->n_exthdrs++;
		h->nh_off = off;
		nh = buf[off];
		off += hlen;
	}
	h->proto = nh;
	h->payload_off = off;
	h->payload_len = end - off;
	h->payload = buf + off;
	return 0;
}

int sct_ip6_emit(struct sct_wr *w, const struct sct_ip6 *h, size_t payload_len)
{
	size_t plen = payload_len + (h->frag.present ? SCT_IP6_FRAG_LEN : 0);

	if (h->src.af != SCT_AF_INET6 || h->dst.af != SCT_AF_INET6 || h->flow > 0xfffff ||
	    (h->frag.off & 7) || plen > 65535)
		return SCT_WE_BAD_FIELD;
	if (sct_wr_room(w) < SCT_IP6_HDR_LEN + (plen - payload_len))
		return SCT_WE_NOSPACE;
	sct_wr_u32(w, (6u << 28) | ((uint32_t)h->tclass << 20) | h->flow);
	sct_wr_u16(w, (uint16_t)plen);
	sct_wr_u8(w, h->frag.present ? SCT_IP6_NH_FRAGMENT : h->proto);
	sct_wr_u8(w, h->hlim);
	sct_wr_bytes(w, h->src.b, 16);
	sct_wr_bytes(w, h->dst.b, 16);
	if (h->frag.present) {
		sct_wr_u8(w, h->proto);
		sct_wr_u8(w, 0);
		sct_wr_u16(w, (uint16_t)(h->frag.off | (h->frag.more ? 1 : 0)));
		sct_wr_u32(w, h->frag.id);
	}
	return w->err ? SCT_WE_NOSPACE : 0;
}
