/* SPDX-License-Identifier: MIT */
/* tsn.h: serial number arithmetic for TSNs (32 bits) and SSNs/MIDs (RFC 9260 1.6). */
#ifndef SCT_SCTP_TSN_H
#define SCT_SCTP_TSN_H

#include <stdbool.h>
#include <stdint.h>

/*
 * RFC 9260 1.6: TSNs compare with serial number arithmetic (RFC 1982) over
 * 2^32; s1 < s2 when (s1 < s2 and s2 - s1 < 2^31) or (s1 > s2 and s1 - s2 >
 * 2^31).  The difference taken as a signed 32-bit number gives exactly that.
 */
static inline bool sct_tsn_lt(uint32_t a, uint32_t b)
{
	return (int32_t)(a - b) < 0;
}

static inline bool sct_tsn_le(uint32_t a, uint32_t b)
{
	return (int32_t)(a - b) <= 0;
}

static inline bool sct_tsn_gt(uint32_t a, uint32_t b)
{
	return (int32_t)(a - b) > 0;
}

static inline bool sct_tsn_ge(uint32_t a, uint32_t b)
{
	return (int32_t)(a - b) >= 0;
}

/* 16-bit SSNs (RFC 9260 1.6, over 2^16) */
static inline bool sct_ssn_lt(uint16_t a, uint16_t b)
{
	return (int16_t)(uint16_t)(a - b) < 0;
}

#endif /* SCT_SCTP_TSN_H */
