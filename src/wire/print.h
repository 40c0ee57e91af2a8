/* SPDX-License-Identifier: MIT */
/* print.h: one-line-per-chunk text form of SCTP packets, for logs and tests. */
#ifndef SCT_WIRE_PRINT_H
#define SCT_WIRE_PRINT_H

#include <stddef.h>
#include <stdint.h>

#include "wire/sctp.h"

/**
 * sct_chunk_print() - one line (no newline) describing @c.
 *
 * Examples: "DATA tsn=123 sid=0 ssn=1 ppid=0 len=100 BE",
 * "SACK cum=5 a_rwnd=106496 gaps=[7-9] dups=[]",
 * "INIT itag=0x1234 a_rwnd=131072 os=10 mis=65535 itsn=7 params=52B",
 * "UNKNOWN(0x3f) flags=0x00 len=8 action=stop",
 * "SACK malformed(SACK_LEN) len=20".
 *
 * The text is cut to fit @len bytes and always NUL-terminated (when @len > 0).
 * Return: the length of the text written (excluding the NUL).
 */
size_t sct_chunk_print(char *buf, size_t len, const struct sct_chunk *c);

/**
 * sct_packet_print() - a header line, then one line per chunk indented by two spaces.
 *
 * "SCTP 53378>7 vtag=0x00000000 crc=ok\n  INIT itag=...\n".  A malformed
 * header or chunk walk ends the text with "  error(NAME)\n".
 * Return: as sct_chunk_print().
 */
size_t sct_packet_print(char *buf, size_t len, const uint8_t *pkt, size_t pkt_len);

#endif /* SCT_WIRE_PRINT_H */
