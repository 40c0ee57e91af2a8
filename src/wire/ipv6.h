/* SPDX-License-Identifier: MIT */
/* ipv6.h: IPv6 header and extension-header chain parse, header emit (RFC 8200 3, 4). */
#ifndef SCT_WIRE_IPV6_H
#define SCT_WIRE_IPV6_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "common/addr.h"
#include "common/cursor.h"

#define SCT_IP6_HDR_LEN	 40
#define SCT_IP6_FRAG_LEN 8 /* the fragment header (RFC 8200 4.5) */

/*
 * The longest extension-header chain sct_ip6_parse() walks.  RFC 8200 4.1
 * recommends at most one of each (destination options twice): hop-by-hop,
 * destination options, routing, fragment, destination options makes 5; 8
 * leaves room without letting a peer make us walk hundreds of headers.
 */
#define SCT_IP6_MAX_EXTHDRS 8

/* Next Header values (IANA "Assigned Internet Protocol Numbers"). */
enum sct_ip6_nh {
	SCT_IP6_NH_HOPOPTS = 0,	  /* RFC 8200 4.3 */
	SCT_IP6_NH_ROUTING = 43,  /* RFC 8200 4.4 */
	SCT_IP6_NH_FRAGMENT = 44, /* RFC 8200 4.5 */
	SCT_IP6_NH_ESP = 50,	  /* RFC 4303 */
	SCT_IP6_NH_AH = 51,	  /* RFC 4302 */
	SCT_IP6_NH_ICMPV6 = 58,
	SCT_IP6_NH_NONE = 59,	   /* RFC 8200 4.7 */
	SCT_IP6_NH_DSTOPTS = 60,   /* RFC 8200 4.6 */
	SCT_IP6_NH_MOBILITY = 135, /* RFC 6275 */
	SCT_IP6_NH_HIP = 139,	   /* RFC 7401 */
	SCT_IP6_NH_SHIM6 = 140,	   /* RFC 5533 */
	SCT_IP6_NH_EXP1 = 253,	   /* RFC 3692 experiments */
	SCT_IP6_NH_EXP2 = 254,
};

/* Option types RFC 8200 4.2 defines itself. */
#define SCT_IP6_OPT_PAD1 0
#define SCT_IP6_OPT_PADN 1

/* The two high bits of an unknown option's type (RFC 8200 4.2). */
enum sct_ip6_opt_action {
	SCT_IP6_OPT_SKIP = 0,		      /* skip over the option */
	SCT_IP6_OPT_DISCARD = 1,	      /* discard the packet silently */
	SCT_IP6_OPT_DISCARD_ICMP = 2,	      /* discard, send Parameter Problem code 2 */
	SCT_IP6_OPT_DISCARD_ICMP_UNICAST = 3, /* the same unless dst is multicast */
};

/* What the fragment header said (RFC 8200 4.5), if there was one. */
struct sct_ip6_frag {
	bool present;
	bool more;	/* M flag */
	bool atomic;	/* offset 0 and M 0 (RFC 6946): processed in isolation */
	uint16_t off;	/* fragment offset in bytes */
	uint32_t id;	/* Identification */
	size_t hdr_off; /* offset of the fragment header in the packet */
};

/*
 * A validated IPv6 packet.  For a fragment (not atomic) the walk stops at the
 * fragment header: proto is the fragment header's Next Header, payload is the
 * fragment data, and nh_off is the Next Header field that named the fragment
 * header, which reassembly rewrites to proto when it removes that header.  An
 * atomic fragment is walked through, since RFC 6946 4 says to process it in
 * isolation.
 */
struct sct_ip6 {
	uint8_t tclass; /* Traffic Class: DSCP (6 high bits), ECN (2 low bits) */
	uint32_t flow;	/* Flow Label (20 bits, RFC 6437) */
	uint16_t plen;	/* Payload Length */
	uint8_t nh;	/* Next Header of the fixed header */
	uint8_t hlim;	/* Hop Limit */
	struct sct_addr src;
	struct sct_addr dst;

	uint8_t proto;	    /* upper-layer protocol (or fragment's next header) */
	size_t payload_off; /* from the start of the packet */
	size_t payload_len;
	const uint8_t *payload; /* buf + payload_off */
	size_t nh_off;		/* offset of the Next Header byte preceding the payload */
	unsigned n_exthdrs;	/* extension headers walked */
	struct sct_ip6_frag frag;

	/*
	 * Where the problem is, for an ICMPv6 Parameter Problem (RFC 4443 3.4):
	 * set on SCT_WE_IP6_UNKNOWN_EXTHDR (the Next Header field naming it),
	 * SCT_WE_IP6_EXTORDER (likewise), SCT_WE_IP6_OPT_UNKNOWN and
	 * SCT_WE_IP6_OPTION (the option's type byte), SCT_WE_IP6_ROUTING (the
	 * Routing Type), SCT_WE_IP6_FRAG (the Fragment Offset) and
	 * SCT_WE_FRAG_BAD_LEN (the Payload Length).
	 */
	size_t err_off;
	uint8_t opt_action; /* on SCT_WE_IP6_OPT_UNKNOWN: enum sct_ip6_opt_action */
};

static inline uint8_t sct_ip6_dscp(const struct sct_ip6 *h)
{
	return h->tclass >> 2;
}

static inline uint8_t sct_ip6_ecn(const struct sct_ip6 *h)
{
	return h->tclass & 3;
}

/** sct_ip6_is_fragment() - a fragment that needs reassembly (not an atomic one). */
static inline bool sct_ip6_is_fragment(const struct sct_ip6 *h)
{
	return h->frag.present && !h->frag.atomic;
}

/**
 * sct_ip6_parse() - validate the fixed header and walk the extension headers.
 * @h: filled on success; err_off/opt_action also on the errors listed there
 * @buf: the packet
 * @len: bytes available; bytes past 40 + Payload Length are ignored
 *
 * Return: 0, or
 * SCT_WE_TRUNCATED (under 40 bytes), SCT_WE_IP_VERSION, SCT_WE_IP6_JUMBO
 * (payload length 0, RFC 2675 not supported), SCT_WE_IP6_PAYLEN,
 * SCT_WE_IP6_EXTHDR (header runs past the payload), SCT_WE_IP6_EXTORDER
 * (hop-by-hop not first), SCT_WE_IP6_OPTION (option length),
 * SCT_WE_IP6_OPT_UNKNOWN (unknown option with a discard action),
 * SCT_WE_IP6_ROUTING, SCT_WE_IP6_FRAG (offset + length past 65535, or a
 * second fragment header), SCT_WE_FRAG_BAD_LEN (M set, length not a
 * multiple of 8), SCT_WE_IP6_UNKNOWN_EXTHDR (an extension header we do not
 * process: AH, ESP, Mobility, HIP, Shim6, experimental 253/254),
 * SCT_WE_IP6_TOO_MANY_EXTHDRS (more than SCT_IP6_MAX_EXTHDRS).
 */
int sct_ip6_parse(struct sct_ip6 *h, const uint8_t *buf, size_t len);

/**
 * sct_ip6_emit() - append the fixed header, and a fragment header when
 * @h->frag.present, to @w.
 * @h: tclass, flow, hlim, src, dst, proto and frag (off, more, id) are used
 * @payload_len: bytes that follow the header(s)
 *
 * Return: 0, SCT_WE_BAD_FIELD (addresses not IPv6, flow label over 20 bits,
 * fragment offset not a multiple of 8, payload over 65535), SCT_WE_NOSPACE.
 */
int sct_ip6_emit(struct sct_wr *w, const struct sct_ip6 *h, size_t payload_len);

#endif /* SCT_WIRE_IPV6_H */
