/* SPDX-License-Identifier: MIT */
/* pcapfile.h: a tiny classic-pcap reader and writer for tests (IP packets in, IP packets out). */
#ifndef SCT_TEST_PCAPFILE_H
#define SCT_TEST_PCAPFILE_H

/*
 * Theory of operation
 *
 * Tests feed real captures (tests/vectors/, see its README) to the codecs, and dump what they
 * produce for tshark to judge. Both need IP packets, not frames: the reader strips the link
 * header of the four link types our captures use and hands out the IP bytes, pointing into
 * the file it read whole into memory; frames that carry no IPv4/IPv6 (ARP, say) are skipped
 * and counted. The writer always writes LINKTYPE_RAW, so its output needs no link header; it
 * writes big-endian (network order, through the cursor) with nanosecond stamps, which every
 * pcap reader accepts, and which exercises the byte-swapped path of our own reader, since the
 * committed captures are little-endian.
 *
 * Format: classic libpcap files (draft-ietf-opsawg-pcap), either byte order, microsecond
 * (0xa1b2c3d4) or nanosecond (0xa1b23c4d) timestamps. Not pcapng: convert with
 * `editcap -F pcap` or capture with `tshark -F pcap`.
 */

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/* Link types (https://www.tcpdump.org/linktypes.html). */
#define SCT_PCAP_LINK_ETHERNET	 1
#define SCT_PCAP_LINK_RAW	 101
#define SCT_PCAP_LINK_LINUX_SLL	 113
#define SCT_PCAP_LINK_LINUX_SLL2 276

/* Largest record the reader accepts (and the snaplen the writer declares). */
#define SCT_PCAP_MAX_RECORD 262144u

struct sct_pcap {
	uint8_t *buf;	   /* the whole file (owned when read by sct_pcap_open()) */
	size_t len;	   /* its length */
	size_t off;	   /* next record header */
	bool owned;	   /* buf is ours to free */
	bool big;	   /* the file is big-endian */
	bool swapped;	   /* ...which is not this host's byte order */
	bool nsec;	   /* timestamps are in nanoseconds */
	uint32_t linktype; /* one of SCT_PCAP_LINK_* */
	uint32_t snaplen;  /* as declared in the file header */
	unsigned frames;   /* records read so far, IP or not */
	unsigned skipped;  /* records skipped because they carry no IP packet */
};

struct sct_pcap_pkt {
	const uint8_t *ip; /* the IP header and what follows, inside the reader's buffer */
	size_t len;	   /* captured bytes from @ip on */
	size_t wire_len;   /* the packet's length on the wire, less the link header */
	uint64_t ts_ns;	   /* capture time, nanoseconds since the epoch */
	unsigned frame;	   /* 1-based record number in the file (as tshark numbers frames) */
};

struct sct_pcapw {
	FILE *f;  /* caller's stream, not closed by the writer */
	bool err; /* a write failed; sticky */
};

/**
 * sct_pcap_open_mem() - read a capture held in memory (not copied; keep it alive).
 * @p:   reader to initialise
 * @buf: the file's bytes
 * @len: their count
 *
 * Return: 0; -EINVAL for a bad magic number or a short file header; -EPROTONOSUPPORT for a
 * link type other than SCT_PCAP_LINK_*.
 */
int sct_pcap_open_mem(struct sct_pcap *p, const void *buf, size_t len);

/**
 * sct_pcap_open() - read a capture file whole into memory.
 * @p:    reader to initialise; release it with sct_pcap_close()
 * @path: file name
 *
 * Return: 0; -errno from fopen()/fread() (-ENOENT...); -ENOMEM; -EFBIG for a file over
 * 16 MiB; or an error of sct_pcap_open_mem().
 */
int sct_pcap_open(struct sct_pcap *p, const char *path);

/**
 * sct_pcap_next() - the next record that carries an IPv4 or IPv6 packet.
 * @p:   reader
 * @pkt: filled on success
 *
 * Non-IP frames are skipped (and counted in @p->skipped). The IP version nibble is not
 * checked for LINKTYPE_RAW: that is the caller's to judge.
 *
 * Return: 1 when @pkt was filled; 0 at the end of the file; -EBADMSG when a record or its link
 * header is truncated; -EMSGSIZE when a record is larger than SCT_PCAP_MAX_RECORD or its
 * captured length exceeds its wire length.
 */
int sct_pcap_next(struct sct_pcap *p, struct sct_pcap_pkt *pkt);

/**
 * sct_pcap_count() - the number of IP packets left, without consuming them.
 * @p: reader
 *
 * Return: the count (>= 0), or the first error sct_pcap_next() would return.
 */
int sct_pcap_count(const struct sct_pcap *p);

/* sct_pcap_close() - free what sct_pcap_open() allocated; safe on a zeroed reader. */
void sct_pcap_close(struct sct_pcap *p);

/**
 * sct_pcapw_open() - start a LINKTYPE_RAW capture on @f (big-endian, nanosecond stamps).
 * @w: writer to initialise
 * @f: an open stream (a file, tmpfile(), open_memstream()...); the writer never closes it
 *
 * Return: 0; -EIO when the file header could not be written.
 */
int sct_pcapw_open(struct sct_pcapw *w, FILE *f);

/**
 * sct_pcapw_add() - append one IP packet.
 * @w:     writer
 * @ip:    the packet, starting at its IP header
 * @len:   its length
 * @ts_ns: timestamp, nanoseconds since the epoch
 *
 * Return: 0; -EMSGSIZE when @len exceeds SCT_PCAP_MAX_RECORD; -EIO when a write failed (now
 * or before).
 */
int sct_pcapw_add(struct sct_pcapw *w, const void *ip, size_t len, uint64_t ts_ns);

/**
 * sct_pcapw_flush() - flush the stream.
 * @w: writer
 *
 * Return: 0; -EIO when this or any earlier write failed.
 */
int sct_pcapw_flush(struct sct_pcapw *w);

/**
 * sct_vector_path() - the path of a committed capture, tests/vectors/@name.
 * @buf:  output
 * @cap:  its size
 * @name: file name inside tests/vectors/
 *
 * The source tree is found from the environment variable top_srcdir (set by make check), or
 * else from the source directory this file was compiled in, so a test also runs by hand.
 *
 * Return: 0; -ENAMETOOLONG when the path does not fit in @buf.
 */
int sct_vector_path(char *buf, size_t cap, const char *name);

/**
 * sct_pcap_open_vector() - sct_pcap_open() on tests/vectors/@name.
 * @p:    reader to initialise
 * @name: file name inside tests/vectors/
 *
 * Return: as sct_vector_path() and sct_pcap_open().
 */
int sct_pcap_open_vector(struct sct_pcap *p, const char *name);

#endif /* SCT_TEST_PCAPFILE_H */
