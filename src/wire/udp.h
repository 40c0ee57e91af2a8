/* SPDX-License-Identifier: MIT */
/* udp.h: UDP header parse and emit (RFC 768), for RFC 6951 encapsulation and ICMP quotes. */
#ifndef SCT_WIRE_UDP_H
#define SCT_WIRE_UDP_H

#include <stddef.h>
#include <stdint.h>

#include "common/addr.h"
#include "common/cursor.h"

#define SCT_UDP_HDR_LEN 8
#define SCT_IPPROTO_UDP 17

struct sct_udp {
	uint16_t sport;
	uint16_t dport;
	uint16_t len;  /* Length: header plus data */
	uint16_t csum; /* as received (0: none, IPv4 only) */
	const uint8_t *payload;
	size_t payload_len; /* len - 8 */
};

/**
 * sct_udp_parse() - validate a UDP datagram.
 * @u: filled on success
 * @buf: the IP payload, starting at the UDP header
 * @len: its length; bytes past the Length field are ignored, as Linux does
 * @src: IP source for the pseudo-header, or NULL to skip the checksum
 * @dst: IP destination
 *
 * The checksum is verified when present; over IPv6 a zero checksum is an
 * error (RFC 8200 8.1; RFC 6935 exceptions do not apply to RFC 6951).
 * Return: 0, SCT_WE_TRUNCATED (under 8 bytes), SCT_WE_UDP_LEN (Length below
 * 8 or beyond @len), SCT_WE_UDP_CSUM, SCT_WE_UDP_CSUM_ZERO.
 */
int sct_udp_parse(struct sct_udp *u, const uint8_t *buf, size_t len, const struct sct_addr *src,
		  const struct sct_addr *dst);

/**
 * sct_udp_emit() - append a UDP header and @len bytes of @payload to @w,
 * with the checksum over the pseudo-header of @src and @dst (RFC 768: a sum
 * of zero is sent as 0xffff).
 * Return: 0, SCT_WE_BAD_FIELD (datagram over 65535, address families
 * differ), SCT_WE_NOSPACE.
 */
int sct_udp_emit(struct sct_wr *w, uint16_t sport, uint16_t dport, const uint8_t *payload,
		 size_t len, const struct sct_addr *src, const struct sct_addr *dst);

#endif /* SCT_WIRE_UDP_H */
