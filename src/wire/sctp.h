/* SPDX-License-Identifier: MIT */
/* sctp.h: SCTP common header, CRC32c, chunk iteration and packet-level checks. */
#ifndef SCT_WIRE_SCTP_H
#define SCT_WIRE_SCTP_H

#include <stddef.h>
#include <stdint.h>

#include "common/cursor.h"

#define SCT_SCTP_HDR_LEN  12 /* RFC 9260 3.1 */
#define SCT_CHUNK_HDR_LEN 4  /* RFC 9260 3.2 */
#define SCT_CHUNK_MAX_LEN 65535

/*
 * RFC 9260 3.1, SCTP Common Header Format:
 *
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |     Source Port Number        |     Destination Port Number   |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |                      Verification Tag                         |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |                           Checksum                            |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 */
struct sct_sctp_hdr {
	uint16_t src_port;
	uint16_t dst_port;
	uint32_t vtag;
	uint32_t
	    checksum; /* as sct_crc32c() returns it (the wire bytes are its little-endian form) */
};

/*
 * RFC 9260 3.2, one chunk as the iterator found it:
 *
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |   Chunk Type  | Chunk  Flags  |        Chunk Length           |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  \                                                               \
 *  /                          Chunk Value                          /
 *  \                                                               \
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *
 * Invariant (kept by sct_chunk_read()): value_len == length - 4 and the
 * value plus its padding lie inside the buffer the chunk was read from.
 */
struct sct_chunk {
	uint8_t type;
	uint8_t flags;
	uint16_t length;      /* Chunk Length: header + value, no padding */
	const uint8_t *hdr;   /* first byte of the chunk (its type) */
	const uint8_t *value; /* first byte after the 4-byte header */
	size_t value_len;     /* length - 4 */
	size_t offset;	      /* of hdr from the start of the packet (0 from sct_chunk_read) */
};

/* Chunk iterator over the chunks of one SCTP packet. */
struct sct_chunk_iter {
	const uint8_t *pkt;
	size_t len;
	size_t off; /* next chunk */
	int err;    /* sticky: once an error is returned it is returned again */
};

/**
 * sct_sctp_hdr_parse() - read the common header of an SCTP packet.
 * @pkt: the SCTP packet (common header first), @len its length.
 * @out: the header, filled even when the ports are zero.
 *
 * Return: 0; SCT_WE_TRUNCATED when @len < 12; SCT_WE_SCTP_PORT when the
 * source or destination port is 0 (RFC 9260 3.1: port 0 MUST NOT be used).
 */
int sct_sctp_hdr_parse(const uint8_t *pkt, size_t len, struct sct_sctp_hdr *out);

/**
 * sct_sctp_hdr_emit() - start a packet: write the common header with a zero checksum.
 *
 * Append chunks to @w after it (sct_<chunk>_emit()), then call
 * sct_sctp_finish() with the offset this call started at.
 *
 * Return: 0; SCT_WE_NOSPACE when the header does not fit (or @w has failed);
 * SCT_WE_SCTP_PORT when a port is 0.
 */
int sct_sctp_hdr_emit(struct sct_wr *w, const struct sct_sctp_hdr *h);

/**
 * sct_sctp_finish() - store the CRC32c of the packet that starts at @start in @w.
 *
 * Return: 0; SCT_WE_NOSPACE when @w has overflowed (the packet is
 * incomplete); SCT_WE_TRUNCATED when fewer than 12 bytes follow @start.
 */
int sct_sctp_finish(struct sct_wr *w, size_t start);

/**
 * sct_sctp_crc() - the CRC32c of a packet, computed with its checksum field taken as zero.
 *
 * RFC 9260 appendix B.  @len must be at least 12 (else 0 is returned).
 */
uint32_t sct_sctp_crc(const uint8_t *pkt, size_t len);

/**
 * sct_sctp_crc_check() - verify the checksum of a received packet.
 *
 * Return: 0 when the stored checksum matches; SCT_WE_TRUNCATED when
 * @len < 12; SCT_WE_SCTP_CRC otherwise.
 */
int sct_sctp_crc_check(const uint8_t *pkt, size_t len);

/**
 * sct_sctp_crc_set() - compute the CRC32c of a packet in place and store it.
 *
 * Return: 0; SCT_WE_TRUNCATED when @len < 12.
 */
int sct_sctp_crc_set(uint8_t *pkt, size_t len);

/**
 * sct_chunk_read() - read one chunk header at @buf and validate its bounds.
 * @buf: first byte of the chunk; @len: bytes available from there (to the end of the packet).
 * @c: the chunk; ->offset is set to 0.
 *
 * RFC 9260 3.2: the Chunk Length counts header and value but not the
 * padding, which the sender MUST add up to a multiple of 4.  We require
 * the padding to be present (a missing pad, even on the last chunk, is
 * SCT_WE_CHUNK_PAD: the RFC makes the pad a sender MUST and grants no
 * exception for the last chunk; Linux flags such a chunk for discard
 * too), but we never look at its contents ("The receiver MUST ignore the
 * padding bytes").
 *
 * Return: 0; SCT_WE_TRUNCATED when fewer than 4 bytes are left;
 * SCT_WE_CHUNK_LEN when the Chunk Length is below 4 or runs past @len;
 * SCT_WE_CHUNK_PAD when the padding runs past @len.
 */
int sct_chunk_read(const uint8_t *buf, size_t len, struct sct_chunk *c);

/** sct_chunk_iter_init() - iterate the chunks of the packet @pkt (common header included). */
void sct_chunk_iter_init(struct sct_chunk_iter *it, const uint8_t *pkt, size_t len);

/**
 * sct_chunk_next() - the next chunk of the packet.
 *
 * Return: 1 and @c filled (->offset from the packet start); 0 at the end
 * of the packet; or a negative error, which every later call returns
 * again: SCT_WE_TRUNCATED (packet shorter than the common header, or 1-3
 * bytes left after the last chunk), SCT_WE_CHUNK_LEN, SCT_WE_CHUNK_PAD
 * (see sct_chunk_read()).
 */
int sct_chunk_next(struct sct_chunk_iter *it, struct sct_chunk *c);

/**
 * sct_sctp_packet_check() - the packet-level rules that need all chunks.
 *
 * Parses the common header and walks every chunk.  It does not verify
 * the checksum (sct_sctp_crc_check(), which a caller may skip under RFC
 * 9653) nor parse the chunks' values.
 *
 * Return: the number of chunks (> 0); SCT_WE_TRUNCATED, SCT_WE_SCTP_PORT
 * (header); SCT_WE_CHUNK_LEN, SCT_WE_CHUNK_PAD (walk); SCT_WE_CHUNK_EMPTY
 * when the packet holds no chunk; SCT_WE_CHUNK_BUNDLING when an INIT,
 * INIT ACK or SHUTDOWN COMPLETE shares the packet with another chunk
 * (RFC 9260 6.10).
 */
int sct_sctp_packet_check(const uint8_t *pkt, size_t len);

#endif /* SCT_WIRE_SCTP_H */
