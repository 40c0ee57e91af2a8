/* SPDX-License-Identifier: MIT */
/* ipc_buf.h: bounds-checked little-endian reader and writer for the IPC codecs. */
#ifndef SCT_IPC_IPC_BUF_H
#define SCT_IPC_IPC_BUF_H

/*
 * src/ipc may include only ipc/ (it is shared by sctund and the preloaded
 * shim, which must not drag the stack in), so it cannot use common/cursor.h.
 * This is the same idea in little-endian: a reader and a writer with a sticky
 * error flag, so a codec reads a whole record and checks once.  The IPC is
 * host-local, but the byte order is fixed anyway so that the codec never
 * depends on the host and records can be captured and replayed.
 */

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

struct sct_ipc_rd {
	const uint8_t *buf;
	size_t len;
	size_t off;
	bool err;
};

struct sct_ipc_wr {
	uint8_t *buf;
	size_t cap;
	size_t off;
	bool err;
};

static inline struct sct_ipc_rd sct_ipc_rd_init(const void *buf, size_t len)
{
	struct sct_ipc_rd r = {.buf = (const uint8_t *)buf, .len = buf ? len : 0, .off = 0};
	return r;
}

static inline size_t sct_ipc_rd_left(const struct sct_ipc_rd *r)
{
	return r->off <= r->len ? r->len - r->off : 0;
}

/* sct_ipc_rd_bytes() - point at the next @n bytes and skip them; NULL (and ->err) on overrun. */
static inline const uint8_t *sct_ipc_rd_bytes(struct sct_ipc_rd *r, size_t n)
{
	const uint8_t *p;

	if (r->err || sct_ipc_rd_left(r) < n) {
		r->err = true;
		return NULL;
	}
	p = r->buf + r->off;
	r->off += n;
	return p;
}

static inline uint8_t sct_ipc_rd_u8(struct sct_ipc_rd *r)
{
	const uint8_t *p = sct_ipc_rd_bytes(r, 1);

	return p ? p[0] : 0;
}

/* A little-endian value at @p (the caller checked the length). */
static inline uint16_t sct_ipc_get_u16(const uint8_t *p)
{
	return (uint16_t)(p[0] | (p[1] << 8));
}

static inline uint32_t sct_ipc_get_u32(const uint8_t *p)
{
	return (uint32_t)p[0] | ((uint32_t)p[1] << 8) | ((uint32_t)p[2] << 16) |
	       ((uint32_t)p[3] << 24);
}

static inline uint16_t sct_ipc_rd_u16(struct sct_ipc_rd *r)
{
	const uint8_t *p = sct_ipc_rd_bytes(r, 2);

	return p ? sct_ipc_get_u16(p) : 0;
}

static inline uint32_t sct_ipc_rd_u32(struct sct_ipc_rd *r)
{
	const uint8_t *p = sct_ipc_rd_bytes(r, 4);

	return p ? sct_ipc_get_u32(p) : 0;
}

static inline struct sct_ipc_wr sct_ipc_wr_init(void *buf, size_t cap)
{
	struct sct_ipc_wr w = {.buf = (uint8_t *)buf, .cap = buf ? cap : 0, .off = 0};
	return w;
}

/* sct_ipc_wr_reserve() - the next @n bytes, advanced over; NULL (and ->err) if they do not fit. */
static inline uint8_t *sct_ipc_wr_reserve(struct sct_ipc_wr *w, size_t n)
{
	uint8_t *p;

	if (w->err || w->off > w->cap || w->cap - w->off < n) {
		w->err = true;
		return NULL;
	}
	p = w->buf + w->off;
	w->off += n;
	return p;
}

static inline void sct_ipc_wr_u8(struct sct_ipc_wr *w, uint8_t v)
{
	uint8_t *p = sct_ipc_wr_reserve(w, 1);

	if (p)
		p[0] = v;
}

static inline void sct_ipc_put_u16(uint8_t *p, uint16_t v)
{
	p[0] = (uint8_t)v;
	p[1] = (uint8_t)(v >> 8);
}

static inline void sct_ipc_wr_u16(struct sct_ipc_wr *w, uint16_t v)
{
	uint8_t *p = sct_ipc_wr_reserve(w, 2);

	if (p)
		sct_ipc_put_u16(p, v);
}

static inline void sct_ipc_put_u32(uint8_t *p, uint32_t v)
{
	p[0] = (uint8_t)v;
	p[1] = (uint8_t)(v >> 8);
	p[2] = (uint8_t)(v >> 16);
	p[3] = (uint8_t)(v >> 24);
}

static inline void sct_ipc_wr_u32(struct sct_ipc_wr *w, uint32_t v)
{
	uint8_t *p = sct_ipc_wr_reserve(w, 4);

	if (p)
		sct_ipc_put_u32(p, v);
}

static inline void sct_ipc_wr_bytes(struct sct_ipc_wr *w, const void *src, size_t n)
{
	uint8_t *p = sct_ipc_wr_reserve(w, n);

	if (p && n)
		memcpy(p, src, n);
}

static inline void sct_ipc_wr_zero(struct sct_ipc_wr *w, size_t n)
{
	uint8_t *p = sct_ipc_wr_reserve(w, n);

	if (p && n)
		memset(p, 0, n);
}

#endif /* SCT_IPC_IPC_BUF_H */
