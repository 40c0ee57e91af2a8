/* SPDX-License-Identifier: MIT */
/* crc32c.c: CRC32c with the SSE4.2 instruction or portable slice-by-8. */

/*
 * Theory of operation
 *
 * The CRC register is kept "raw" inside (no pre- or post-inversion); the
 * public functions invert on the way in and out, so that calls chain.
 *
 * Software: the classic slice-by-8 tables, built once at load time from the
 * reflected Castagnoli polynomial 0x82f63b78.
 *
 * Hardware: the crc32 instruction has a latency of three cycles but can start
 * one per cycle, so a single dependency chain uses a third of the unit.  Long
 * buffers are cut into three equal blocks whose CRCs run side by side; the
 * three results are then joined by "shifting" the earlier ones over the bytes
 * that follow them: appending n zero bytes to a raw register is a linear map
 * over GF(2), which we precompute as a 4x256 lookup table for each block size
 * used (LONG and SHORT).
 */
#include "common/crc32c.h"

#include <string.h>

#if defined(__x86_64__)
#include <nmmintrin.h>
#define SCT_HAVE_X86 1
#else
#define SCT_HAVE_X86 0
#endif

#define POLY 0x82f63b78u

#define LONG_BLOCK 8192u
#define SHORT_BLOCK 256u

static uint32_t sw_table[8][256];
static uint32_t long_shift[4][256];
static uint32_t short_shift[4][256];
static int have_hw;

/* multiply the 32x32 GF(2) matrix @mat by the vector @vec */
static uint32_t gf2_times(const uint32_t *mat, uint32_t vec)
{
	uint32_t sum = 0;

	while (vec) {
		if (vec & 1)
			sum ^= *mat;
		vec >>= 1;
		mat++;
	}
	return sum;
}

/* @sq = @mat * @mat */
static void gf2_square(uint32_t *sq, const uint32_t *mat)
{
	int n;

	for (n = 0; n < 32; n++)
		sq[n] = gf2_times(mat, mat[n]);
}

/* Build the operator that appends @len zero bytes to a raw register, tabulated per byte. */
static void build_shift_table(uint32_t tab[4][256], size_t len)
{
	uint32_t even[32], odd[32], op[32];
	int n, k, first = 1;

	/* odd: the operator for one zero bit */
	odd[0] = POLY;
	for (n = 1; n < 32; n++)
		odd[n] = 1u << (n - 1);
	gf2_square(even, odd); /* 2 bits */
	gf2_square(odd, even); /* 4 bits */
	/* now square to one byte and walk the bits of @len */
	for (n = 0; n < 32; n++)
		op[n] = 1u << n; /* identity */
	do {
		gf2_square(even, odd); /* first pass: 8 bits = 1 byte */
		if (len & 1) {
			uint32_t tmp[32];

			for (n = 0; n < 32; n++)
				tmp[n] = first ? even[n] : gf2_times(even, op[n]);
			memcpy(op, tmp, sizeof(op));
			first = 0;
		}
		len >>= 1;
		if (!len)
			break;
		gf2_square(odd, even);
		if (len & 1) {
			uint32_t tmp[32];

			for (n = 0; n < 32; n++)
				tmp[n] = first ? odd[n] : gf2_times(odd, op[n]);
			memcpy(op, tmp, sizeof(op));
			first = 0;
		}
		len >>= 1;
	} while (len);

	for (k = 0; k < 4; k++)
		for (n = 0; n < 256; n++)
			tab[k][n] = gf2_times(op, (uint32_t)n << (8 * k));
}

static uint32_t shift(uint32_t tab[4][256], uint32_t crc)
{
	return tab[0][crc & 0xff] ^ tab[1][(crc >> 8) & 0xff] ^ tab[2][(crc >> 16) & 0xff] ^
	       tab[3][crc >> 24];
}

__attribute__((constructor)) static void crc32c_init(void)
{
	uint32_t n, crc, k;

	for (n = 0; n < 256; n++) {
		crc = n;
		for (k = 0; k < 8; k++)
			crc = crc & 1 ? (crc >> 1) ^ POLY : crc >> 1;
		sw_table[0][n] = crc;
	}
	for (n = 0; n < 256; n++) {
		crc = sw_table[0][n];
		for (k = 1; k < 8; k++) {
			crc = sw_table[0][crc & 0xff] ^ (crc >> 8);
			sw_table[k][n] = crc;
		}
	}
	build_shift_table(long_shift, LONG_BLOCK);
	build_shift_table(short_shift, SHORT_BLOCK);
#if SCT_HAVE_X86
	__builtin_cpu_init();
	have_hw = __builtin_cpu_supports("sse4.2");
#endif
}

static inline uint64_t load64le(const uint8_t *p)
{
	uint64_t v;

	memcpy(&v, p, 8);
#if __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
	v = __builtin_bswap64(v);
#endif
	return v;
}

uint32_t sct_crc32c_sw(uint32_t crc, const void *buf, size_t len)
{
	const uint8_t *p = buf;

	crc = ~crc;
	while (len && ((uintptr_t)p & 7)) {
		crc = sw_table[0][(crc ^ *p++) & 0xff] ^ (crc >> 8);
		len--;
	}
	while (len >= 8) {
		uint64_t w = load64le(p) ^ crc;

		crc = sw_table[7][w & 0xff] ^ sw_table[6][(w >> 8) & 0xff] ^
		      sw_table[5][(w >> 16) & 0xff] ^ sw_table[4][(w >> 24) & 0xff] ^
		      sw_table[3][(w >> 32) & 0xff] ^ sw_table[2][(w >> 40) & 0xff] ^
		      sw_table[1][(w >> 48) & 0xff] ^ sw_table[0][w >> 56];
		p += 8;
		len -= 8;
	}
	while (len--)
		crc = sw_table[0][(crc ^ *p++) & 0xff] ^ (crc >> 8);
	return ~crc;
}

#if SCT_HAVE_X86
__attribute__((target("sse4.2"))) static uint64_t hw_blocks(uint64_t crc0, const uint8_t **pp,
							     size_t *lenp, size_t block,
							     uint32_t tab[4][256])
{
	const uint8_t *p = *pp;
	size_t len = *lenp;

	while (len >= 3 * block) {
		uint64_t crc1 = 0, crc2 = 0;
		const uint8_t *end = p + block;

		do {
			crc0 = _mm_crc32_u64(crc0, load64le(p));
			crc1 = _mm_crc32_u64(crc1, load64le(p + block));
			crc2 = _mm_crc32_u64(crc2, load64le(p + 2 * block));
			p += 8;
		} while (p < end);
		crc0 = shift(tab, (uint32_t)crc0) ^ crc1;
		crc0 = shift(tab, (uint32_t)crc0) ^ crc2;
		p += 2 * block;
		len -= 3 * block;
	}
	*pp = p;
	*lenp = len;
	return crc0;
}

__attribute__((target("sse4.2"))) uint32_t sct_crc32c_hw(uint32_t crc, const void *buf,
							   size_t len)
{
	const uint8_t *p = buf;
	uint64_t c = ~crc;

	while (len && ((uintptr_t)p & 7)) {
		c = _mm_crc32_u8((uint32_t)c, *p++);
		len--;
	}
	c = hw_blocks(c, &p, &len, LONG_BLOCK, long_shift);
	c = hw_blocks(c, &p, &len, SHORT_BLOCK, short_shift);
	while (len >= 8) {
		c = _mm_crc32_u64(c, load64le(p));
		p += 8;
		len -= 8;
	}
	while (len--)
		c = _mm_crc32_u8((uint32_t)c, *p++);
	return ~(uint32_t)c;
}
#else
uint32_t sct_crc32c_hw(uint32_t crc, const void *buf, size_t len)
{
	return sct_crc32c_sw(crc, buf, len);
}
#endif

int sct_crc32c_has_hw(void)
{
	return have_hw;
}

uint32_t sct_crc32c(uint32_t crc, const void *buf, size_t len)
{
	if (have_hw)
		return sct_crc32c_hw(crc, buf, len);
	return sct_crc32c_sw(crc, buf, len);
}
