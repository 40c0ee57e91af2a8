/* SPDX-License-Identifier: MIT */
/* icmp.h: ICMPv4 (RFC 792, RFC 1191) and ICMPv6 (RFC 4443) messages a host needs. */
#ifndef SCT_WIRE_ICMP_H
#define SCT_WIRE_ICMP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "common/addr.h"
#include "common/cursor.h"

#define SCT_ICMP_HDR_LEN 8 /* type, code, checksum, 4 type-specific bytes */

/*
 * Size limits of an ICMP error packet, IP header included: RFC 1122
 * 3.2.2 (576 for IPv4) and RFC 4443 2.4 (c) (the IPv6 minimum MTU, 1280).
 * The emitters assume an IP header without options (20 / 40 bytes).
 */
#define SCT_ICMP4_ERR_MAX   576
#define SCT_ICMP6_ERR_MAX   1280
#define SCT_ICMP4_QUOTE_MAX (SCT_ICMP4_ERR_MAX - 20 - SCT_ICMP_HDR_LEN) /* 548 */
#define SCT_ICMP6_QUOTE_MAX (SCT_ICMP6_ERR_MAX - 40 - SCT_ICMP_HDR_LEN) /* 1232 */

/* A quote must hold the IP header and at least 8 bytes beyond (RFC 792, RFC 1122 3.2.2). */
#define SCT_ICMP_QUOTE_L4_MIN 8

#define SCT_IPPROTO_ICMP   1
#define SCT_IPPROTO_ICMPV6 58

/* ICMPv4 types and codes (RFC 792, RFC 1122 3.2.2.1, RFC 1191, RFC 1812 5.2.7.1). */
enum sct_icmp4_type {
	SCT_ICMP4_ECHO_REPLY = 0,
	SCT_ICMP4_DEST_UNREACH = 3,
	SCT_ICMP4_SOURCE_QUENCH = 4, /* deprecated by RFC 6633: not handled */
	SCT_ICMP4_ECHO_REQUEST = 8,
	SCT_ICMP4_TIME_EXCEEDED = 11,
	SCT_ICMP4_PARAM_PROBLEM = 12,
};

enum sct_icmp4_unreach_code {
	SCT_ICMP4_NET_UNREACH = 0,
	SCT_ICMP4_HOST_UNREACH = 1,
	SCT_ICMP4_PROTO_UNREACH = 2,
	SCT_ICMP4_PORT_UNREACH = 3,
	SCT_ICMP4_FRAG_NEEDED = 4, /* carries the next-hop MTU (RFC 1191 4) */
	SCT_ICMP4_SRC_ROUTE_FAILED = 5,
	/* 6..12: RFC 1122 3.2.2.1; 13..15: RFC 1812 5.2.7.1 */
	SCT_ICMP4_UNREACH_CODE_MAX = 15,
};

/* ICMPv6 types and codes (RFC 4443 2.1, 3, 4). */
enum sct_icmp6_type {
	SCT_ICMP6_DEST_UNREACH = 1,
	SCT_ICMP6_PACKET_TOO_BIG = 2,
	SCT_ICMP6_TIME_EXCEEDED = 3,
	SCT_ICMP6_PARAM_PROBLEM = 4,
	SCT_ICMP6_ECHO_REQUEST = 128,
	SCT_ICMP6_ECHO_REPLY = 129,
};

enum sct_icmp6_unreach_code {
	SCT_ICMP6_NO_ROUTE = 0,
	SCT_ICMP6_ADMIN_PROHIBITED = 1,
	SCT_ICMP6_BEYOND_SCOPE = 2,
	SCT_ICMP6_ADDR_UNREACH = 3,
	SCT_ICMP6_PORT_UNREACH = 4,
	SCT_ICMP6_SRC_POLICY = 5,
	SCT_ICMP6_REJECT_ROUTE = 6,
	SCT_ICMP6_SRC_ROUTING_HDR = 7, /* IANA: error in source routing header */
	SCT_ICMP6_UNREACH_CODE_MAX = 7,
};

enum sct_icmp6_param_code {
	SCT_ICMP6_PARAM_HEADER = 0,	/* erroneous header field */
	SCT_ICMP6_PARAM_NEXTHDR = 1,	/* unrecognized Next Header type */
	SCT_ICMP6_PARAM_OPTION = 2,	/* unrecognized IPv6 option */
	SCT_ICMP6_PARAM_FIRST_FRAG = 3, /* incomplete header chain (RFC 7112) */
	SCT_ICMP6_PARAM_CODE_MAX = 3,
};

/*
 * A checksum-verified ICMP message.  @data is the echo data (echo) or the
 * quoted packet (errors); pass the latter to sct_icmp_quote_parse().
 */
struct sct_icmp {
	uint8_t type;
	uint8_t code;
	bool is_error; /* an error message (quotes a packet) */
	uint16_t id;   /* echo: Identifier */
	uint16_t seq;  /* echo: Sequence Number */
	uint32_t mtu;  /* v4 frag needed: next-hop MTU (0 if the router is pre-RFC 1191); v6 PTB */
	uint32_t pointer; /* parameter problem: v4 8-bit, v6 32-bit */
	const uint8_t *data;
	size_t data_len;
};

/**
 * sct_icmp4_parse() - verify and decode an ICMPv4 message.
 * @m: filled on success, and also (checksum verified) on SCT_WE_ICMP_TYPE
 *
 * Handled: echo request/reply, destination unreachable (codes 0-15),
 * time exceeded (0-1), parameter problem (0-2).
 * Return: 0, SCT_WE_TRUNCATED (under 8 bytes), SCT_WE_ICMP_CSUM,
 * SCT_WE_ICMP_TYPE (any other type, source quench included, or code).
 */
int sct_icmp4_parse(struct sct_icmp *m, const uint8_t *buf, size_t len);

/**
 * sct_icmp6_parse() - verify (over the RFC 4443 2.3 pseudo-header of @src and
 * @dst) and decode an ICMPv6 message.
 * @m: filled on success, and also on SCT_WE_ICMP_TYPE: RFC 4443 2.4 (a)
 * wants unknown error types (below 128) passed up, unknown informational
 * ones dropped; m->is_error says which.
 *
 * Handled: destination unreachable (0-7), packet too big, time exceeded
 * (0-1), parameter problem (0-3), echo request/reply.
 * Return: 0, SCT_WE_TRUNCATED, SCT_WE_ICMP_CSUM, SCT_WE_ICMP_TYPE.
 */
int sct_icmp6_parse(struct sct_icmp *m, const uint8_t *buf, size_t len, const struct sct_addr *src,
		    const struct sct_addr *dst);

/* What an ICMP error says about the packet that caused it. */
struct sct_icmp_quote {
	struct sct_addr src; /* the quoted packet's source: one of our addresses */
	struct sct_addr dst;
	uint8_t proto;	   /* transport protocol of the quoted packet */
	const uint8_t *l4; /* its transport header and what follows, as quoted */
	size_t l4_len;	   /* at least SCT_ICMP_QUOTE_L4_MIN */
	uint16_t orig_len; /* v4 Total Length / v6 40 + Payload Length as quoted */
};

/**
 * sct_icmp_quote_parse() - read the packet quoted in an ICMP error, leniently.
 * @af: SCT_AF_INET4 for ICMPv4, SCT_AF_INET6 for ICMPv6
 *
 * The quote may stop anywhere after the IP header and 8 transport bytes, its
 * length fields may claim more than is quoted, and its checksum is not
 * checked (routers may have rewritten it).  IPv6 extension headers
 * (hop-by-hop, routing, destination options, fragment) are skipped.
 * Return: 0, SCT_WE_IP_VERSION, SCT_WE_ICMP_QUOTE (too short for the IP
 * header plus 8 bytes, header lengths inconsistent, or a non-first fragment
 * that carries no transport header), SCT_WE_BAD_FIELD (@af).
 */
int sct_icmp_quote_parse(struct sct_icmp_quote *q, int af, const uint8_t *buf, size_t len);

/**
 * sct_icmp4_emit_echo() - append an echo request or reply (RFC 792).
 * @type: SCT_ICMP4_ECHO_REQUEST or SCT_ICMP4_ECHO_REPLY
 * Return: bytes appended, SCT_WE_BAD_FIELD (@type, message over 65495
 * bytes), SCT_WE_NOSPACE.
 */
int sct_icmp4_emit_echo(struct sct_wr *w, uint8_t type, uint16_t id, uint16_t seq,
			const uint8_t *data, size_t len);

/**
 * sct_icmp4_emit_echo_reply() - the reply to a parsed echo request: same id,
 * seq and data (RFC 792).  Return: as sct_icmp4_emit_echo().
 */
int sct_icmp4_emit_echo_reply(struct sct_wr *w, const struct sct_icmp *req);

/**
 * sct_icmp6_emit_echo() - append an ICMPv6 echo request or reply (RFC 4443 4).
 * @src, @dst: the addresses of the IPv6 packet that will carry it
 * Return: bytes appended, SCT_WE_BAD_FIELD (@type, addresses not IPv6,
 * message over 65495 bytes), SCT_WE_NOSPACE.
 */
int sct_icmp6_emit_echo(struct sct_wr *w, uint8_t type, uint16_t id, uint16_t seq,
			const uint8_t *data, size_t len, const struct sct_addr *src,
			const struct sct_addr *dst);

/**
 * sct_icmp6_emit_echo_reply() - the reply to a parsed echo request (RFC 4443
 * 4.2).  Return: as sct_icmp6_emit_echo().
 */
int sct_icmp6_emit_echo_reply(struct sct_wr *w, const struct sct_icmp *req,
			      const struct sct_addr *src, const struct sct_addr *dst);

/*
 * Error emitters.  Each appends an ICMP error quoting @pkt (the offending IP
 * packet, from its IP header), cut to SCT_ICMP4_QUOTE_MAX /
 * SCT_ICMP6_QUOTE_MAX so the whole ICMP packet fits 576 / 1280 bytes.  They
 * return the number of bytes appended, or SCT_WE_BAD_FIELD (a code out of
 * range, addresses not IPv6) or SCT_WE_NOSPACE.
 */

/**
 * sct_icmp4_emit_unreach() - destination unreachable (RFC 792), e.g.
 * SCT_ICMP4_PROTO_UNREACH, SCT_ICMP4_PORT_UNREACH, or SCT_ICMP4_FRAG_NEEDED
 * with the next-hop @mtu (RFC 1191 4; ignored for other codes).
 */
int sct_icmp4_emit_unreach(struct sct_wr *w, uint8_t code, uint16_t mtu, const uint8_t *pkt,
			   size_t len);
/** sct_icmp4_emit_time_exceeded() - code 0 (TTL) or 1 (reassembly), RFC 792. */
int sct_icmp4_emit_time_exceeded(struct sct_wr *w, uint8_t code, const uint8_t *pkt, size_t len);
/** sct_icmp4_emit_param_problem() - @pointer: the offending byte of @pkt (RFC 792). */
int sct_icmp4_emit_param_problem(struct sct_wr *w, uint8_t pointer, const uint8_t *pkt, size_t len);
/** sct_icmp6_emit_unreach() - destination unreachable (RFC 4443 3.1), e.g. port unreachable. */
int sct_icmp6_emit_unreach(struct sct_wr *w, uint8_t code, const uint8_t *pkt, size_t len,
			   const struct sct_addr *src, const struct sct_addr *dst);
/** sct_icmp6_emit_packet_too_big() - RFC 4443 3.2, with the next-hop @mtu. */
int sct_icmp6_emit_packet_too_big(struct sct_wr *w, uint32_t mtu, const uint8_t *pkt, size_t len,
				  const struct sct_addr *src, const struct sct_addr *dst);
/** sct_icmp6_emit_time_exceeded() - RFC 4443 3.3: code 0 (hop limit) or 1 (reassembly). */
int sct_icmp6_emit_time_exceeded(struct sct_wr *w, uint8_t code, const uint8_t *pkt, size_t len,
				 const struct sct_addr *src, const struct sct_addr *dst);
/** sct_icmp6_emit_param_problem() - RFC 4443 3.4: @code and the offending byte @pointer. */
int sct_icmp6_emit_param_problem(struct sct_wr *w, uint8_t code, uint32_t pointer,
				 const uint8_t *pkt, size_t len, const struct sct_addr *src,
				 const struct sct_addr *dst);

#endif /* SCT_WIRE_ICMP_H */
