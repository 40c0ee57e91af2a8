/* SPDX-License-Identifier: MIT */
/* chunk_impl.h: helpers shared by the chunk codecs (not exported). */
#ifndef SCT_WIRE_CHUNK_IMPL_H
#define SCT_WIRE_CHUNK_IMPL_H

#include <string.h>

#include "common/cursor.h"
#include "wire/chunk.h"
#include "wire/wire_err.h"

/*
 * chunk_open() - the checks every parser starts with: the type, then the
 * minimum Chunk Length; on success @r reads the chunk value.
 */
static inline int chunk_open(const struct sct_chunk *c, uint8_t type, size_t min_len,
			     struct sct_rd *r)
{
	if (c->type != type)
		return SCT_WE_CHUNK_TYPE;
	if ((size_t)c->length < min_len || c->value_len + SCT_CHUNK_HDR_LEN < min_len)
		return SCT_WE_CHUNK_LEN;
	*r = sct_rd_init(c->value, c->value_len);
	return 0;
}

/* chunk_begin() - write the chunk header with a length to patch; returns where it starts. */
static inline size_t chunk_begin(struct sct_wr *w, uint8_t type, uint8_t flags)
{
	size_t start = w->off;

	sct_wr_u8(w, type);
	sct_wr_u8(w, flags);
	sct_wr_u16(w, 0);
	return start;
}

/*
 * chunk_end() - patch the Chunk Length (which excludes the padding, RFC
 * 9260 3.2) and append the zero padding.
 */
static inline int chunk_end(struct sct_wr *w, size_t start)
{
	size_t len;

	if (w->err)
		return SCT_WE_NOSPACE;
	len = w->off - start;
	if (len > SCT_CHUNK_MAX_LEN)
		return SCT_WE_BAD_FIELD;
	sct_put_u16(w->buf + start + 2, (uint16_t)len);
	sct_wr_zero(w, sct_pad4(len) - len);
	return w->err ? SCT_WE_NOSPACE : 0;
}

/*
 * chunk_end_tlvs() - chunk_end() for a chunk whose value ends in a list of
 * TLVs (parameters or error causes) written from @tlv_start on.
 *
 * RFC 9260 3.2: the Chunk Length "does include any padding of variable-length
 * parameters other than the last parameter in the chunk": the padding of the
 * last TLV is the chunk's padding, outside the Chunk Length.  Callers hand us
 * areas whose last TLV is padded (what sct_param_emit() and sct_cause_emit()
 * write), so we walk the TLVs by their Length fields to find where the last
 * one really ends.  An area that does not walk to its exact end (a caller's
 * opaque or malformed bytes) is kept as it is, padded like any value.
 */
static inline int chunk_end_tlvs(struct sct_wr *w, size_t start, size_t tlv_start)
{
	size_t off = tlv_start, last_end = 0, len;

	if (w->err)
		return SCT_WE_NOSPACE;
	while (off + 4 <= w->off) {
		size_t l = sct_get_u16(w->buf + off + 2);

		if (l < 4 || off + l > w->off)
			break;
		last_end = off + l;
		off += sct_pad4(l);
	}
	if (off != w->off || last_end == 0)
		return chunk_end(w, start);
	len = last_end - start;
	if (len > SCT_CHUNK_MAX_LEN)
		return SCT_WE_BAD_FIELD;
	/* The bytes after last_end become the chunk's padding, which MUST be zero (a parsed
	 * area may have carried other bytes there). */
	sct_put_u16(w->buf + start + 2, (uint16_t)len);
	memset(w->buf + last_end, 0, w->off - last_end);
	return 0;
}

/* chunk_emit_area() - a chunk that is header plus one opaque area (ABORT, PAD, COOKIE ECHO...). */
static inline int chunk_emit_area(struct sct_wr *w, uint8_t type, uint8_t flags,
				  const uint8_t *area, size_t len)
{
	size_t start = chunk_begin(w, type, flags);

	if (area)
		sct_wr_bytes(w, area, len);
	else
		sct_wr_zero(w, len);
	return chunk_end(w, start);
}

/* chunk_emit_tlvs() - a chunk that is header plus a TLV list (ABORT, ERROR, RE-CONFIG). */
static inline int chunk_emit_tlvs(struct sct_wr *w, uint8_t type, uint8_t flags,
				  const uint8_t *area, size_t len)
{
	size_t start = chunk_begin(w, type, flags);

	sct_wr_bytes(w, area, len);
	return chunk_end_tlvs(w, start, start + SCT_CHUNK_HDR_LEN);
}

#endif /* SCT_WIRE_CHUNK_IMPL_H */
