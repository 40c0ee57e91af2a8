/* SPDX-License-Identifier: MIT */
/* udp.c: UDP header parse and emit (RFC 768). */
#include "wire/udp.h"

#include "common/csum.h"
#include "wire/ipv4.h"
#include "wire/wire_err.h"

/*
 * RFC 768, User Datagram Header Format:
 *
 *     0      7 8     15 16    23 24    31
 *    +--------+--------+--------+--------+
 *    |     Source      |   Destination   |
 *    |      Port       |      Port       |
 *    +--------+--------+--------+--------+
 *    |                 |                 |
 *    |     Length      |    Checksum     |
 *    +--------+--------+--------+--------+
 *    |
 *    |          data octets ...
 *    +---------------- ...
 */

int sct_udp_parse(struct sct_udp *u, const uint8_t *buf, size_t len, const struct sct_addr *src,
		  const struct sct_addr *dst)
{
	struct sct_rd r = sct_rd_init(buf, len);
	uint32_t sum;

	if (len < SCT_UDP_HDR_LEN)
		return SCT_WE_TRUNCATED;
	u->sport = sct_rd_u16(&r);
	u->dport = sct_rd_u16(&r);
	u->len = sct_rd_u16(&r);
	u->csum = sct_rd_u16(&r);
	if (u->len < SCT_UDP_HDR_LEN || u->len > len)
		return SCT_WE_UDP_LEN;
	u->payload = buf + SCT_UDP_HDR_LEN;
	u->payload_len = u->len - SCT_UDP_HDR_LEN;
	if (!src || !dst)
		return 0;
	if (u->csum == 0)
		return src->af == SCT_AF_INET6 ? SCT_WE_UDP_CSUM_ZERO : 0;
	sum = sct_ip_pseudo_sum(src, dst, SCT_IPPROTO_UDP, u->len);
	if (sct_csum_fold(sct_csum_add(sum, buf, u->len)) != 0)
		return SCT_WE_UDP_CSUM;
	return 0;
}

int sct_udp_emit(struct sct_wr *w, uint16_t sport, uint16_t dport, const uint8_t *payload,
		 size_t len, const struct sct_addr *src, const struct sct_addr *dst)
{
	size_t total = SCT_UDP_HDR_LEN + len;
	uint16_t csum;
	uint8_t *p;

	if (total > 65535 || src->af != dst->af || src->af == SCT_AF_NONE)
		return SCT_WE_BAD_FIELD;
	p = sct_wr_reserve(w, total);
	if (!p)
		return SCT_WE_NOSPACE;
	sct_put_u16(p, sport);
	sct_put_u16(p + 2, dport);
	sct_put_u16(p + 4, (uint16_t)total);
	sct_put_u16(p + 6, 0);
	if (len)
		memcpy(p + SCT_UDP_HDR_LEN, payload, len);
	csum = sct_csum_fold(
	    sct_csum_add(sct_ip_pseudo_sum(src, dst, SCT_IPPROTO_UDP, (uint32_t)total), p, total));
	sct_put_u16(p + 6, csum ? csum : 0xffff);
	return 0;
}
