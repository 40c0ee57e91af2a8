/* SPDX-License-Identifier: MIT */
/* crc32c.h: CRC32c (Castagnoli), the SCTP checksum (RFC 9260 appendix B). */
#ifndef SCT_COMMON_CRC32C_H
#define SCT_COMMON_CRC32C_H

#include <stddef.h>
#include <stdint.h>

/**
 * sct_crc32c() - extend a CRC32c over @len bytes.
 * @crc: 0 to start, or the value a previous call returned to continue.
 *
 * Uses the SSE4.2 crc32 instruction (three interleaved streams) when the CPU
 * has it, chosen once at load time, and a portable slice-by-8 otherwise.
 * sct_crc32c(0, "123456789", 9) == 0xe3069283.
 */
uint32_t sct_crc32c(uint32_t crc, const void *buf, size_t len);

/** sct_crc32c_sw() - the portable slice-by-8 implementation, always. */
uint32_t sct_crc32c_sw(uint32_t crc, const void *buf, size_t len);

/** sct_crc32c_hw() - the crc32-instruction implementation; only when sct_crc32c_has_hw(). */
uint32_t sct_crc32c_hw(uint32_t crc, const void *buf, size_t len);

/** sct_crc32c_has_hw() - nonzero when the CPU has the crc32 instruction. */
int sct_crc32c_has_hw(void);

#endif /* SCT_COMMON_CRC32C_H */
