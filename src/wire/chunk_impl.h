/* SPDX-License-Identifier: MIT */
/* chunk_impl.h: helpers shared by the chunk codecs (not exported). */
#ifndef SCT_WIRE_CHUNK_IMPL_H
#define SCT_WIRE_CHUNK_IMPL_H

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

#endif /* SCT_WIRE_CHUNK_IMPL_H */
