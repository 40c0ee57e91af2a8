/* SPDX-License-Identifier: MIT */
/* sctp.c: SCTP common header, CRC32c, chunk iteration and packet-level checks. */
#include "wire/sctp.h"

#include "common/crc32c.h"
#include "wire/sctp_types.h"
#include "wire/wire_err.h"

int sct_sctp_hdr_parse(const uint8_t *pkt, size_t len, struct sct_sctp_hdr *out)
{
	struct sct_rd r = sct_rd_init(pkt, len);

	out->src_port = sct_rd_u16(&r);
	out->dst_port = sct_rd_u16(&r);
	out->vtag = sct_rd_u32(&r);
	out->checksum = sct_rd_u32le(&r);
	if (r.err)
		return SCT_WE_TRUNCATED;
	if (out->src_port == 0 || out->dst_port == 0)
		return SCT_WE_SCTP_PORT;
	return 0;
}

int sct_sctp_hdr_emit(struct sct_wr *w, const struct sct_sctp_hdr *h)
{
	if (h->src_port == 0 || h->dst_port == 0)
		return SCT_WE_SCTP_PORT;
	sct_wr_u16(w, h->src_port);
	sct_wr_u16(w, h->dst_port);
	sct_wr_u32(w, h->vtag);
	sct_wr_u32(w, 0);
	return w->err ? SCT_WE_NOSPACE : 0;
}

int sct_sctp_finish(struct sct_wr *w, size_t start)
{
	if (w->err)
		return SCT_WE_NOSPACE;
	if (start > w->off || w->off - start < SCT_SCTP_HDR_LEN)
		return SCT_WE_TRUNCATED;
	return sct_sctp_crc_set(w->buf + start, w->off - start);
}

/*
 * RFC 9260 appendix B: the CRC is computed over the whole packet with the
 * checksum field set to zero.  Rather than copying the packet we feed the
 * CRC the bytes before the field, four zero bytes, and the bytes after it.
 */
uint32_t sct_sctp_crc(const uint8_t *pkt, size_t len)
{
	static const uint8_t zero[4];
	uint32_t crc;

	if (len < SCT_SCTP_HDR_LEN)
		return 0;
	crc = sct_crc32c(0, pkt, 8);
	crc = sct_crc32c(crc, zero, 4);
	return sct_crc32c(crc, pkt + SCT_SCTP_HDR_LEN, len - SCT_SCTP_HDR_LEN);
}

int sct_sctp_crc_check(const uint8_t *pkt, size_t len)
{
	struct sct_rd r = sct_rd_init(pkt, len);

	if (len < SCT_SCTP_HDR_LEN)
		return SCT_WE_TRUNCATED;
	sct_rd_skip(&r, 8);
	/* The CRC's bytes are sent least significant first (appendix B). */
	return sct_rd_u32le(&r) == sct_sctp_crc(pkt, len) ? 0 : SCT_WE_SCTP_CRC;
}

int sct_sctp_crc_set(uint8_t *pkt, size_t len)
{
	struct sct_wr w = sct_wr_init(pkt, len);

	if (len < SCT_SCTP_HDR_LEN)
		return SCT_WE_TRUNCATED;
	(void)sct_wr_reserve(&w, 8);
	sct_wr_u32le(&w, sct_sctp_crc(pkt, len));
	return 0;
}

int sct_chunk_read(const uint8_t *buf, size_t len, struct sct_chunk *c)
{
	struct sct_rd r = sct_rd_init(buf, len);

	c->type = sct_rd_u8(&r);
	c->flags = sct_rd_u8(&r);
	c->length = sct_rd_u16(&r);
	if (r.err)
		return SCT_WE_TRUNCATED;
	if (c->length < SCT_CHUNK_HDR_LEN || c->length > len)
		return SCT_WE_CHUNK_LEN;
	if (sct_pad4(c->length) > len)
		return SCT_WE_CHUNK_PAD;
	c->hdr = buf;
	c->value = buf + SCT_CHUNK_HDR_LEN;
	c->value_len = (size_t)c->length - SCT_CHUNK_HDR_LEN;
	c->offset = 0;
	return 0;
}

void sct_chunk_iter_init(struct sct_chunk_iter *it, const uint8_t *pkt, size_t len)
{
	it->pkt = pkt;
	it->len = len;
	it->off = SCT_SCTP_HDR_LEN;
	it->err = len < SCT_SCTP_HDR_LEN ? SCT_WE_TRUNCATED : 0;
}

int sct_chunk_next(struct sct_chunk_iter *it, struct sct_chunk *c)
{
	int err;

	if (it->err)
		return it->err;
	if (it->off == it->len)
		return 0;
	err = sct_chunk_read(it->pkt + it->off, it->len - it->off, c);
	if (err) {
		it->err = err;
		return err;
	}
	c->offset = it->off;
	it->off += sct_pad4(c->length);
	return 1;
}

static int must_be_alone(uint8_t type)
{
	return type == SCT_CHUNK_INIT || type == SCT_CHUNK_INIT_ACK ||
	       type == SCT_CHUNK_SHUTDOWN_COMPLETE;
}

int sct_sctp_packet_check(const uint8_t *pkt, size_t len)
{
	struct sct_sctp_hdr h;
	struct sct_chunk_iter it;
	struct sct_chunk c;
	int n = 0, alone = 0, err;

	err = sct_sctp_hdr_parse(pkt, len, &h);
	if (err)
		return err;
	sct_chunk_iter_init(&it, pkt, len);
	while ((err = sct_chunk_next(&it, &c)) > 0) {
		n++;
		alone |= must_be_alone(c.type);
	}
	if (err < 0)
		return err;
	if (n == 0)
		return SCT_WE_CHUNK_EMPTY;
	/* RFC 9260 6.10: INIT, INIT ACK and SHUTDOWN COMPLETE MUST NOT be bundled. */
	if (alone && n > 1)
		return SCT_WE_CHUNK_BUNDLING;
	return n;
}
