/* SPDX-License-Identifier: MIT */
/* csum.c: the Internet checksum: 64-bit accumulation, RFC 1624 updates. */
#include "common/csum.h"

#include <string.h>

uint32_t sct_csum_add(uint32_t sum, const void *buf, size_t len)
{
	const uint8_t *p = buf;
	uint64_t acc = sum;

	/*
	 * Sum 32-bit big-endian words into 64 bits: carries cannot overflow
	 * for any buffer under 2^32 words, and the fold below absorbs them.
	 */
	while (len >= 4) {
		acc += ((uint32_t)p[0] << 24) | ((uint32_t)p[1] << 16) | ((uint32_t)p[2] << 8) |
		       p[3];
		p += 4;
		len -= 4;
	}
	if (len >= 2) {
		acc += ((uint32_t)p[0] << 8) | p[1];
		p += 2;
		len -= 2;
	}
	if (len)
		acc += (uint32_t)p[0] << 8;
	/* fold 64 -> 32 keeping the one's-complement sum */
	acc = (acc & 0xffffffffu) + (acc >> 32);
	acc = (acc & 0xffffffffu) + (acc >> 32);
	return (uint32_t)acc;
}

uint16_t sct_csum_update16(uint16_t check, uint16_t old, uint16_t new_)
{
	/* HC' = ~(~HC + ~m + m') */
	uint32_t sum = (uint16_t)~check;

	sum += (uint16_t)~old;
	sum += new_;
	return sct_csum_fold(sum);
}

uint16_t sct_csum_update32(uint16_t check, uint32_t old, uint32_t new_)
{
	check = sct_csum_update16(check, (uint16_t)(old >> 16), (uint16_t)(new_ >> 16));
	return sct_csum_update16(check, (uint16_t)old, (uint16_t)new_);
}
