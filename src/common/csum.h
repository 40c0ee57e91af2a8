/* SPDX-License-Identifier: MIT */
/* csum.h: the Internet checksum (RFC 1071) with incremental update (RFC 1624). */
#ifndef SCT_COMMON_CSUM_H
#define SCT_COMMON_CSUM_H

#include <stddef.h>
#include <stdint.h>

/*
 * A checksum is accumulated as a 32-bit partial sum of big-endian 16-bit
 * words (sct_csum_add), then folded and complemented (sct_csum_fold).  Partial
 * sums of byte runs that start at even offsets may simply be added.
 */

/** sct_csum_add() - add @len bytes at @buf to the partial sum @sum. */
uint32_t sct_csum_add(uint32_t sum, const void *buf, size_t len);

/** sct_csum_add16() - add one 16-bit value. */
static inline uint32_t sct_csum_add16(uint32_t sum, uint16_t v)
{
	uint64_t s = (uint64_t)sum + v;

	return (uint32_t)((s & 0xffffffffu) + (s >> 32));
}

/** sct_csum_fold() - fold the partial sum to 16 bits and complement it. */
static inline uint16_t sct_csum_fold(uint32_t sum)
{
	sum = (sum & 0xffff) + (sum >> 16);
	sum = (sum & 0xffff) + (sum >> 16);
	return (uint16_t)~sum;
}

/** sct_csum() - checksum of a buffer: the value to store in a header. */
static inline uint16_t sct_csum(const void *buf, size_t len)
{
	return sct_csum_fold(sct_csum_add(0, buf, len));
}

/**
 * sct_csum_update16() - RFC 1624 eqn. 3: the new checksum after a 16-bit
 * field changed from @old to @new, given the stored checksum @check.
 */
uint16_t sct_csum_update16(uint16_t check, uint16_t old, uint16_t new_);

/** sct_csum_update32() - the same for a 32-bit field (two 16-bit words). */
uint16_t sct_csum_update32(uint16_t check, uint32_t old, uint32_t new_);

#endif /* SCT_COMMON_CSUM_H */
