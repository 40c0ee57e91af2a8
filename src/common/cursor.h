/* SPDX-License-Identifier: MIT */
/* cursor.h: bounds-checked byte reader and writer (network byte order). */
#ifndef SCT_COMMON_CURSOR_H
#define SCT_COMMON_CURSOR_H

/*
 * Theory of operation
 *
 * Every byte sctun parses goes through a struct sct_rd, every byte it emits
 * through a struct sct_wr.  Both carry a sticky error flag: a read past the
 * end returns zeros and sets ->err, a write past the capacity writes nothing
 * and sets ->err.  A codec reads or writes a whole structure and checks the
 * flag once at the end, which keeps the codecs as flat as the RFC diagrams
 * they follow while making an out-of-bounds access impossible.
 *
 * Multi-byte integers are big-endian (network order) unless the name says
 * otherwise.  Packets are never cast to structs.
 */

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

struct sct_rd {
	const uint8_t *buf; /* first byte of the window */
	size_t len;         /* bytes in the window */
	size_t off;         /* next byte to read */
	bool err;           /* a read went past the end */
};

struct sct_wr {
	uint8_t *buf; /* caller's buffer */
	size_t cap;   /* its size */
	size_t off;   /* bytes written so far */
	bool err;     /* a write did not fit */
};

static inline struct sct_rd sct_rd_init(const void *buf, size_t len)
{
	struct sct_rd r = {.buf = (const uint8_t *)buf, .len = len, .off = 0, .err = false};
	return r;
}

static inline size_t sct_rd_left(const struct sct_rd *r)
{
	return r->off <= r->len ? r->len - r->off : 0;
}

static inline const uint8_t *sct_rd_ptr(const struct sct_rd *r)
{
	return r->buf + r->off;
}

/* sct_rd_need() - true when @n more bytes can be read; sets ->err otherwise. */
static inline bool sct_rd_need(struct sct_rd *r, size_t n)
{
	if (r->err || sct_rd_left(r) < n) {
		r->err = true;
		return false;
	}
	return true;
}

static inline uint8_t sct_rd_u8(struct sct_rd *r)
{
	if (!sct_rd_need(r, 1))
		return 0;
	return r->buf[r->off++];
}

static inline uint16_t sct_rd_u16(struct sct_rd *r)
{
	const uint8_t *p;

	if (!sct_rd_need(r, 2))
		return 0;
	p = r->buf + r->off;
	r->off += 2;
	return (uint16_t)((p[0] << 8) | p[1]);
}

static inline uint32_t sct_rd_u32(struct sct_rd *r)
{
	const uint8_t *p;

	if (!sct_rd_need(r, 4))
		return 0;
	p = r->buf + r->off;
	r->off += 4;
	return ((uint32_t)p[0] << 24) | ((uint32_t)p[1] << 16) | ((uint32_t)p[2] << 8) | p[3];
}

static inline uint64_t sct_rd_u64(struct sct_rd *r)
{
	uint64_t hi = sct_rd_u32(r);

	return (hi << 32) | sct_rd_u32(r);
}

/* sct_rd_u32le() - little-endian 32 bits (the SCTP checksum field is stored so). */
static inline uint32_t sct_rd_u32le(struct sct_rd *r)
{
	const uint8_t *p;

	if (!sct_rd_need(r, 4))
		return 0;
	p = r->buf + r->off;
	r->off += 4;
	return ((uint32_t)p[3] << 24) | ((uint32_t)p[2] << 16) | ((uint32_t)p[1] << 8) | p[0];
}

/* sct_rd_bytes() - point at the next @n bytes and skip them; NULL on overrun. */
static inline const uint8_t *sct_rd_bytes(struct sct_rd *r, size_t n)
{
	const uint8_t *p;

	if (!sct_rd_need(r, n))
		return NULL;
	p = r->buf + r->off;
	r->off += n;
	return p;
}

/* sct_rd_copy() - copy the next @n bytes to @dst (zeros on overrun). */
static inline void sct_rd_copy(struct sct_rd *r, void *dst, size_t n)
{
	const uint8_t *p = sct_rd_bytes(r, n);

	if (p)
		memcpy(dst, p, n);
	else
		memset(dst, 0, n);
}

static inline void sct_rd_skip(struct sct_rd *r, size_t n)
{
	(void)sct_rd_bytes(r, n);
}

/*
 * sct_rd_sub() - split off the next @n bytes as a reader of their own and
 * skip them in @r.  On overrun the sub-reader is empty and has ->err set.
 */
static inline struct sct_rd sct_rd_sub(struct sct_rd *r, size_t n)
{
	const uint8_t *p = sct_rd_bytes(r, n);
	struct sct_rd s = sct_rd_init(p, p ? n : 0);

	s.err = (p == NULL);
	return s;
}

static inline struct sct_wr sct_wr_init(void *buf, size_t cap)
{
	struct sct_wr w = {.buf = (uint8_t *)buf, .cap = cap, .off = 0, .err = false};
	return w;
}

static inline size_t sct_wr_room(const struct sct_wr *w)
{
	return w->off <= w->cap ? w->cap - w->off : 0;
}

/* sct_wr_reserve() - pointer to the next @n bytes, advanced over; NULL if they do not fit. */
static inline uint8_t *sct_wr_reserve(struct sct_wr *w, size_t n)
{
	uint8_t *p;

	if (w->err || sct_wr_room(w) < n) {
		w->err = true;
		return NULL;
	}
	p = w->buf + w->off;
	w->off += n;
	return p;
}

static inline void sct_wr_u8(struct sct_wr *w, uint8_t v)
{
	uint8_t *p = sct_wr_reserve(w, 1);

	if (p)
		p[0] = v;
}

static inline void sct_put_u16(uint8_t *p, uint16_t v)
{
	p[0] = (uint8_t)(v >> 8);
	p[1] = (uint8_t)v;
}

static inline void sct_put_u32(uint8_t *p, uint32_t v)
{
	p[0] = (uint8_t)(v >> 24);
	p[1] = (uint8_t)(v >> 16);
	p[2] = (uint8_t)(v >> 8);
	p[3] = (uint8_t)v;
}

static inline uint16_t sct_get_u16(const uint8_t *p)
{
	return (uint16_t)((p[0] << 8) | p[1]);
}

static inline uint32_t sct_get_u32(const uint8_t *p)
{
	return ((uint32_t)p[0] << 24) | ((uint32_t)p[1] << 16) | ((uint32_t)p[2] << 8) | p[3];
}

static inline void sct_wr_u16(struct sct_wr *w, uint16_t v)
{
	uint8_t *p = sct_wr_reserve(w, 2);

	if (p)
		sct_put_u16(p, v);
}

static inline void sct_wr_u32(struct sct_wr *w, uint32_t v)
{
	uint8_t *p = sct_wr_reserve(w, 4);

	if (p)
		sct_put_u32(p, v);
}

static inline void sct_wr_u64(struct sct_wr *w, uint64_t v)
{
	sct_wr_u32(w, (uint32_t)(v >> 32));
	sct_wr_u32(w, (uint32_t)v);
}

static inline void sct_wr_u32le(struct sct_wr *w, uint32_t v)
{
	uint8_t *p = sct_wr_reserve(w, 4);

	if (p) {
		p[0] = (uint8_t)v;
		p[1] = (uint8_t)(v >> 8);
		p[2] = (uint8_t)(v >> 16);
		p[3] = (uint8_t)(v >> 24);
	}
}

static inline void sct_wr_bytes(struct sct_wr *w, const void *src, size_t n)
{
	uint8_t *p = sct_wr_reserve(w, n);

	if (p && n)
		memcpy(p, src, n);
}

static inline void sct_wr_zero(struct sct_wr *w, size_t n)
{
	uint8_t *p = sct_wr_reserve(w, n);

	if (p && n)
		memset(p, 0, n);
}

/* sct_wr_pad4() - zero-pad to the next multiple of 4 from the buffer start. */
static inline void sct_wr_pad4(struct sct_wr *w)
{
	sct_wr_zero(w, (4 - (w->off & 3)) & 3);
}

/* sct_pad4() - @n rounded up to a multiple of four. */
static inline size_t sct_pad4(size_t n)
{
	return (n + 3) & ~(size_t)3;
}

#endif /* SCT_COMMON_CURSOR_H */
