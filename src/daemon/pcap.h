/* SPDX-License-Identifier: MIT */
/* pcap.h: the --pcap FILE writer: every packet in and out, LINKTYPE_RAW, nanosecond stamps. */
#ifndef SCTUND_PCAP_H
#define SCTUND_PCAP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "common/addr.h"

#define PCAP_LINKTYPE_RAW 101	      /* the record is an IPv4 or IPv6 packet */
#define PCAP_MAGIC_NSEC	  0xa1b23c4du /* classic pcap with nanosecond timestamps */
#define PCAP_SNAPLEN	  65535u      /* one IP packet; no record is longer */
#define PCAP_FILE_HDR_LEN 24
#define PCAP_REC_HDR_LEN  16
/* Room pcap_wrap_udp() needs in front of a payload: IPv6 (40) + UDP (8). */
#define PCAP_UDP_HDR_MAX 48

struct pcap {
	FILE *f;	  /* NULL: not recording */
	const char *path; /* kept for pcap_reopen() */
	int64_t wall_off; /* wall clock minus the loop's `now` (pcap_sync()) */
	bool err;	  /* a write failed: recording stopped until the next reopen */
	uint64_t records; /* written since open */
};

/**
 * pcap_open() - start a new capture in @path (truncated), writing the file header.
 * @p:    writer; zero it first, or it was closed
 * @path: file name; kept (not copied) for pcap_reopen()
 *
 * Return: 0; -errno of fopen() (-EACCES, -ENOENT...); -EIO when the header
 * could not be written.
 */
int pcap_open(struct pcap *p, const char *path);

/**
 * pcap_reopen() - close and open @p's file again, for SIGHUP after a rotation.
 * @p: writer opened by pcap_open() (nothing happens when not recording)
 *
 * The file is appended to: a new (or empty) file gets a header; an existing
 * one must start with this writer's header, so records are never appended to
 * a capture in another format.
 *
 * Return: 0; -errno of fopen(); -EPROTO when the file is not an sctund
 * capture; -EIO when writing the header failed.  On error @p stops recording.
 */
int pcap_reopen(struct pcap *p);

/**
 * pcap_sync() - relate the loop's monotonic `now` to the wall clock.
 * @p:       writer
 * @now:     the loop's time (CLOCK_MONOTONIC ns)
 * @wall_ns: CLOCK_REALTIME at about the same moment, ns since the epoch
 *
 * The daemon calls it once per turn, so a record costs no clock read and a
 * step of the wall clock shows in the capture from the next turn on.
 */
void pcap_sync(struct pcap *p, uint64_t now, uint64_t wall_ns);

/**
 * pcap_record() - append one IP packet (in or out; the file does not say which).
 * @p:   writer; when not recording this does nothing
 * @now: the loop's time, stamped as now plus the pcap_sync() offset
 * @pkt: the packet from its IP header
 * @len: its length
 *
 * A packet over PCAP_SNAPLEN is truncated to it (its wire length is kept).
 * Return: 0 (also when not recording); -EIO when the write failed, after
 * which recording stops until pcap_reopen().
 */
int pcap_record(struct pcap *p, uint64_t now, const void *pkt, size_t len);

/**
 * pcap_wrap_udp() - a synthetic IP + UDP packet around an RFC 6951 payload.
 * @buf:     output, at least PCAP_UDP_HDR_MAX + @len bytes
 * @cap:     its size
 * @src:     IP source; @dst must be the same family
 * @dst:     IP destination
 * @sport:   UDP source port
 * @dport:   UDP destination port
 * @payload: the SCTP packet the UDP datagram carried
 * @len:     its length
 *
 * In UDP mode sctund sees datagrams, not IP packets; the capture shows them
 * as the IP packets the kernel sent or received (TTL/hop limit 64, checksums
 * correct), so Wireshark decodes SCTP over UDP.
 * Return: the packet length; -EINVAL for addresses of different or no family;
 * -EMSGSIZE when the packet would not fit @cap or 65535 bytes.
 */
int pcap_wrap_udp(uint8_t *buf, size_t cap, const struct sct_addr *src, const struct sct_addr *dst,
		  uint16_t sport, uint16_t dport, const uint8_t *payload, size_t len);

/**
 * pcap_flush() - hand buffered records to the kernel (the loop does it once per turn).
 * Return: 0; -EIO when a write failed (recording stops).
 */
int pcap_flush(struct pcap *p);

/** pcap_close() - flush and close; @p is then not recording (safe to call twice). */
void pcap_close(struct pcap *p);

#endif /* SCTUND_PCAP_H */
