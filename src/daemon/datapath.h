/* SPDX-License-Identifier: MIT */
/* datapath.h: sctund's packet path: TUN and UDP in, host IP layer, SCTP core, and out. */
#ifndef SCTUND_DATAPATH_H
#define SCTUND_DATAPATH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "common/time.h"
#include "daemon/loop.h"
#include "daemon/pcap.h"
#include "daemon/udp.h"
#include "ip/host.h"
#include "sctp/sctp.h"

/* Largest packet in either direction: one IP datagram. */
#define DATAPATH_PKT_MAX 65535

/**
 * struct datapath - what the packet path moves packets between
 * @host:    the host IP layer (NULL without a TUN)
 * @stack:   the SCTP core
 * @pcap:    the capture (not recording when its f is NULL)
 * @loop:    the loop the TUN is registered with
 * @tun:     the TUN's loop reference (fd -1 without a TUN)
 * @udp:     the RFC 6951 sockets (fds -1 without -u)
 * @tun_blocked: a write got EAGAIN: the host's queue waits for EPOLLOUT
 */
struct datapath {
	struct sct_host *host;
	struct sct_stack *stack;
	struct pcap *pcap;
	struct loop *loop;
	struct loop_ref tun;
	struct loop_ref udp_ref[2];
	struct udp udp;
	bool tun_blocked;
	struct {
		uint64_t tun_in, tun_out, udp_in, udp_out;
		uint64_t host_drops; /* sct_host_input() went no further */
		uint64_t out_errors; /* a packet of the core that could not leave */
		uint64_t icmp_reports, icmp_refused;
		uint64_t loopback; /* packets between two sockets of this sctund */
	} st;
	uint8_t buf[DATAPATH_PKT_MAX];
	uint8_t wrap[DATAPATH_PKT_MAX + PCAP_UDP_HDR_MAX];
};

/** datapath_init() - nothing attached: no TUN, no UDP, no capture. */
void datapath_init(struct datapath *dp, struct loop *l, struct sct_host *h, struct sct_stack *s,
		   struct pcap *p);

/**
 * datapath_attach_tun() - read and write @fd (non-blocking) through the loop.
 * Return: 0, or as loop_add().
 */
int datapath_attach_tun(struct datapath *dp, int fd);

/**
 * datapath_attach_udp() - the sockets of @dp->udp (already open) through the loop.
 * Return: 0, or as loop_add().
 */
int datapath_attach_udp(struct datapath *dp);

/**
 * datapath_flush() - move what the core wants to send to the host or the UDP socket, then
 * what the host queued to the TUN, until both are empty or the TUN is full (then EPOLLOUT
 * resumes it).  Called once per loop turn, after input and timers.
 */
void datapath_flush(struct datapath *dp, sct_time_t now);

/** datapath_timers() - run the core's and the host's timers due at @now. */
void datapath_timers(struct datapath *dp, sct_time_t now);

/** datapath_next_expiry() - the earlier of the core's and the host's next timer. */
sct_time_t datapath_next_expiry(const struct datapath *dp);

/**
 * datapath_sctp_in() - one SCTP packet, from the host layer or a UDP datagram, to the core
 * (exposed for tests).  Return: as sct_stack_input().
 */
int datapath_sctp_in(struct datapath *dp, const struct sct_pktinfo *pi, const uint8_t *pkt,
		     size_t len, sct_time_t now);

/**
 * datapath_ip_in() - one IP packet from the TUN through the host layer to the core:
 * SCTP to sct_stack_input(), an ICMP error about our SCTP to sct_stack_icmp() and only
 * when the core accepted it (the quoted verification tag was ours, RFC 9260 10) a "too
 * big" to the host's PMTU cache.  Return: 0, or the reason it went no further (as
 * sct_host_input(), sct_stack_input() or sct_stack_icmp()).
 */
int datapath_ip_in(struct datapath *dp, const uint8_t *pkt, size_t len, sct_time_t now);

/** datapath_close() - stop watching and close the TUN and the UDP sockets. */
void datapath_close(struct datapath *dp);

#endif /* SCTUND_DATAPATH_H */
