/* SPDX-License-Identifier: MIT */
/* ipv4.h: IPv4 header parse and emit (RFC 791, RFC 1122 3.2.1), pseudo-header sums. */
#ifndef SCT_WIRE_IPV4_H
#define SCT_WIRE_IPV4_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "common/addr.h"
#include "common/cursor.h"

#define SCT_IP4_HDR_MIN	 20    /* IHL 5 */
#define SCT_IP4_HDR_MAX	 60    /* IHL 15 */
#define SCT_IP4_OPTS_MAX 40    /* SCT_IP4_HDR_MAX - SCT_IP4_HDR_MIN */
#define SCT_IP4_MAX_LEN	 65535 /* total length is a 16-bit field */

/* Option types (RFC 791 3.1) the option walk knows without a length byte. */
#define SCT_IP4_OPT_EOL 0
#define SCT_IP4_OPT_NOP 1

/*
 * A validated IPv4 header.  Pointers point into the parsed buffer.  For emit,
 * the fields are the input (hdr_len, tot_len and payload are computed).
 */
struct sct_ip4 {
	uint8_t hdr_len;   /* IHL * 4 */
	uint8_t tos;	   /* DSCP (6 high bits) and ECN (2 low bits), RFC 2474, RFC 3168 */
	uint16_t tot_len;  /* Total Length */
	uint16_t id;	   /* Identification */
	bool df;	   /* Don't Fragment */
	bool mf;	   /* More Fragments */
	uint16_t frag_off; /* fragment offset in bytes (the field times 8) */
	uint8_t ttl;
	uint8_t proto;
	struct sct_addr src;
	struct sct_addr dst;
	const uint8_t *opts; /* options area (NULL when hdr_len is 20) */
	size_t opts_len;
	const uint8_t *payload; /* the tot_len - hdr_len bytes after the header */
	size_t payload_len;
};

static inline uint8_t sct_ip4_dscp(const struct sct_ip4 *h)
{
	return h->tos >> 2;
}

static inline uint8_t sct_ip4_ecn(const struct sct_ip4 *h)
{
	return h->tos & 3;
}

/** sct_ip4_is_fragment() - true for any fragment but a whole datagram (MF or offset). */
static inline bool sct_ip4_is_fragment(const struct sct_ip4 *h)
{
	return h->mf || h->frag_off != 0;
}

/**
 * sct_ip4_parse() - validate an IPv4 header and locate its payload.
 * @h: filled on success (pointers into @buf)
 * @buf: the packet, starting at the version nibble
 * @len: bytes available; bytes past Total Length are ignored (link padding)
 *
 * Return: 0, or
 * SCT_WE_TRUNCATED (under 20 bytes), SCT_WE_IP_VERSION, SCT_WE_IP4_IHL,
 * SCT_WE_IP4_TOTLEN, SCT_WE_IP4_CSUM, SCT_WE_IP4_OPTION, SCT_WE_IP4_FLAGS
 * (reserved flag), SCT_WE_IP4_DF_FRAG (DF on a fragment), SCT_WE_IP4_FRAGOFF
 * (offset + payload past 65535), SCT_WE_FRAG_BAD_LEN (MF set and payload not
 * a multiple of 8).
 */
int sct_ip4_parse(struct sct_ip4 *h, const uint8_t *buf, size_t len);

/**
 * sct_ip4_emit() - append an IPv4 header with its checksum to @w.
 * @h: tos, id, df, mf, frag_off, ttl, proto, src, dst, opts/opts_len are used
 * @payload_len: bytes that will follow the header
 *
 * Options must be padded to a multiple of 4 (RFC 791 3.1) by the caller.
 * Return: 0, SCT_WE_BAD_FIELD (addresses not IPv4, options too long or not
 * padded, offset not a multiple of 8, total length over 65535), or
 * SCT_WE_NOSPACE.
 */
int sct_ip4_emit(struct sct_wr *w, const struct sct_ip4 *h, size_t payload_len);

/**
 * sct_ip_pseudo_sum() - partial Internet checksum of the pseudo-header that
 * UDP (RFC 768), ICMPv6 (RFC 4443 2.3) and others prepend: RFC 768 for IPv4
 * (src, dst, zero, protocol, length), RFC 8200 8.1 for IPv6 (src, dst,
 * 32-bit length, three zero bytes, next header).  Add the upper-layer bytes
 * with sct_csum_add() and fold.  Addresses of different families give 0.
 */
uint32_t sct_ip_pseudo_sum(const struct sct_addr *src, const struct sct_addr *dst, uint8_t proto,
			   uint32_t len);

#endif /* SCT_WIRE_IPV4_H */
