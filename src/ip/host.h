/* SPDX-License-Identifier: MIT */
/* host.h: the host IP layer: local addresses, input dispatch, ICMP, output, PMTU. */
#ifndef SCT_IP_HOST_H
#define SCT_IP_HOST_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "common/addr.h"
#include "common/time.h"
#include "ip/reasm.h"

/*
 * Sans-I/O: packets come in as bytes with the time, go out through a bounded
 * queue the caller drains with sct_host_pull().  See host.c for the theory of
 * operation.
 */

#define SCT_IPPROTO_SCTP 132

/* Defaults of struct sct_host_limits. */
#define SCT_HOST_ICMP_RATE_DEFAULT  100u /* ICMP errors per second (RFC 4443 2.4 (f)) */
#define SCT_HOST_ICMP_BURST_DEFAULT 50u	 /* and in one burst */
#define SCT_HOST_OUTQ_PKTS_DEFAULT  256u
#define SCT_HOST_OUTQ_BYTES_DEFAULT (1024u * 1024)
#define SCT_HOST_ADDRS_DEFAULT	    64u
#define SCT_HOST_MTU_DEFAULT	    1500u
#define SCT_HOST_TTL_DEFAULT	    64u	 /* RFC 1700 / Linux ip_default_ttl */
#define SCT_HOST_ENCAP_PORT_DEFAULT 9899 /* RFC 6951 5.1: the IANA SCTP-over-UDP port */

/*
 * Why sct_host_input() dropped a packet, when no wire codec already names it
 * (those return their SCT_WE_* code).  Numbers below the wire errors' range.
 */
#define SCT_HOST_ERRORS(X)                                                                         \
	X(NOT_LOCAL, -1200, "destination is not one of the local addresses")                       \
	X(BAD_SRC, -1201, "source is multicast, broadcast, unspecified or loopback")               \
	X(NON_UNICAST, -1202, "SCTP or echo to a broadcast or multicast destination")              \
	X(PROTO, -1203, "protocol not served here (ICMP protocol unreachable)")                    \
	X(UDP, -1204, "UDP not served here (ICMP port unreachable)")                               \
	X(FRAG_HELD, -1205, "fragment held or refused by reassembly")                              \
	X(VERSION, -1206, "neither IPv4 nor IPv6")                                                 \
	X(SCTP_SHORT, -1207, "SCTP packet shorter than its common header")                         \
	X(ICMP_IGNORED, -1208, "ICMP message with nothing to do (not about our SCTP, unknown)")

enum sct_host_err {
#define SCT_HOST_ERR_ENUM(name, val, str) SCT_HOST_E_##name = val,
	SCT_HOST_ERRORS(SCT_HOST_ERR_ENUM)
#undef SCT_HOST_ERR_ENUM
};

/** sct_host_strerror() - text for a SCT_HOST_E_* or SCT_WE_* code. */
const char *sct_host_strerror(int err);

/**
 * struct sct_host_limits - every bound and setting of a host, fixed at creation.
 * @reasm:       the reassembler's limits.
 * @icmp_rate:   ICMP errors per second the token bucket refills (0: none ever).
 * @icmp_burst:  its depth.
 * @pmtu_entries: destinations the PMTU cache holds.
 * @pmtu_expiry: ns until a learnt path MTU is forgotten (RFC 1191 6.3).
 * @outq_pkts:   packets the output queue holds.
 * @outq_bytes:  bytes it holds.
 * @addrs_max:   local addresses.
 * @mtu:         the interface MTU (68..65535; sct_host_set_mtu() changes it).
 * @encap_port:  RFC 6951 local UDP port whose ICMP errors are reported (0: none).
 * @secret:      key of the flow label hash (RFC 6437 3) and start of the IP IDs:
 *               give it a random value.
 */
struct sct_host_limits {
	struct sct_reasm_limits reasm;
	uint32_t icmp_rate;
	uint32_t icmp_burst;
	uint32_t pmtu_entries;
	sct_time_t pmtu_expiry;
	uint32_t outq_pkts;
	size_t outq_bytes;
	uint32_t addrs_max;
	uint32_t mtu;
	uint16_t encap_port;
	uint32_t secret;
};

/* Counters of one IP family, named as in Linux's /proc/net/snmp (RFC 4293 IP-MIB). */
struct sct_host_ip_stats {
	uint64_t InReceives;	  /* packets handed to sct_host_input() */
	uint64_t InHdrErrors;	  /* malformed, or a bad source */
	uint64_t InAddrErrors;	  /* not for a local address */
	uint64_t InUnknownProtos; /* protocol not served */
	uint64_t InDiscards;	  /* valid but dropped (SCTP to broadcast, short SCTP) */
	uint64_t InDelivers;	  /* to SCTP, ICMP or UDP (port unreachable) */
	uint64_t OutRequests;	  /* datagrams built (before fragmentation) */
	uint64_t OutDiscards;	  /* refused: output queue full */
	uint64_t OutNoRoutes;	  /* no source address for the destination */
	uint64_t ReasmReqds;	  /* fragments given to reassembly */
	uint64_t ReasmOKs;	  /* datagrams reassembled */
	uint64_t ReasmFails;	  /* fragments refused, or whose datagram was discarded */
	uint64_t FragOKs;	  /* datagrams fragmented */
	uint64_t FragFails;	  /* too big with DF (or IPv6 SCTP): -EMSGSIZE */
	uint64_t FragCreates;	  /* fragments built */
};

/* ICMP counters of one family (Linux Icmp: / Icmp6:), plus Udp NoPorts/InErrors. */
struct sct_host_icmp_stats {
	uint64_t InMsgs;   /* every ICMP message delivered */
	uint64_t InErrors; /* bad checksum, truncated, unknown type or code */
	uint64_t InDestUnreachs;
	uint64_t InPktTooBigs; /* v6; v4 counts frag-needed in InDestUnreachs */
	uint64_t InTimeExcds;
	uint64_t InParmProbs;
	uint64_t InEchos;
	uint64_t InEchoReps;
	uint64_t InReports; /* errors reported to the caller (about our SCTP) */
	uint64_t OutMsgs;
	uint64_t OutDestUnreachs;
	uint64_t OutTimeExcds;
	uint64_t OutParmProbs;
	uint64_t OutEchoReps;
	uint64_t OutRateLimited; /* errors the token bucket refused */
	uint64_t UdpNoPorts;
	uint64_t UdpInErrors;
};

/*
 * All counters; index [0] IPv4, [1] IPv6.  Every packet ends in exactly one
 * of InHdrErrors, InAddrErrors, InDiscards, InUnknownProtos, InDelivers or
 * ReasmReqds, and each reassembled datagram (ReasmOKs) once more, so
 * InReceives + ReasmOKs is their sum.
 */
struct sct_host_stats {
	uint64_t InBadVersion;	      /* neither 4 nor 6: counted in no family */
	struct sct_reasm_stats reasm; /* the reassembler's own, both families */
	struct sct_host_ip_stats ip[2];
	struct sct_host_icmp_stats icmp[2];
};

/* What sct_host_input() found for the caller. */
enum sct_host_rx_kind {
	SCT_HOST_RX_NONE = 0, /* consumed here (echo answered, fragment held...) */
	SCT_HOST_RX_SCTP,     /* an SCTP packet for the core */
	SCT_HOST_RX_ICMP,     /* an ICMP error about one of our SCTP packets */
};

/* What an ICMP error about our SCTP packet means to the core (RFC 9260 10). */
enum sct_host_icmp_kind {
	SCT_HOST_ICMP_PTB = 1,	     /* v4 frag needed / v6 packet too big (ICMP7); see @mtu */
	SCT_HOST_ICMP_PROTO_UNREACH, /* v4 proto unreachable / v6 param problem code 1 (ICMP8) */
	SCT_HOST_ICMP_PORT_UNREACH,  /* ICMP3 says ignore; reported all the same */
	SCT_HOST_ICMP_UNREACH,	     /* other destination unreachable codes (ICMP9) */
	SCT_HOST_ICMP_OTHER,	     /* time exceeded, other parameter problems, unknown v6 */
};

/**
 * struct sct_host_icmp_report - an ICMP error about a packet we sent.
 * @kind:    what it means (enum sct_host_icmp_kind).
 * @type, @code: the ICMP message's own.
 * @mtu:     for SCT_HOST_ICMP_PTB: the next-hop MTU (clamped to 68 / a plateau
 *           estimate for v4 pre-RFC 1191 routers); otherwise 0.  Not applied:
 *           the caller calls sct_host_pmtu_update() once the core has checked
 *           the quoted verification tag (RFC 9260 10).
 * @src, @dst: the quoted packet's addresses (@src is ours).
 * @udp:     the quoted packet was SCTP over UDP (RFC 6951 5.5).
 * @udp_sport, @udp_dport: its UDP ports.
 * @sctp, @sctp_len: the quoted SCTP bytes (common header on); RFC 9260 10
 *           ICMP5/ICMP6: the core finds the association and checks the tag.
 */
struct sct_host_icmp_report {
	uint8_t kind;
	uint8_t type;
	uint8_t code;
	uint32_t mtu;
	struct sct_addr src;
	struct sct_addr dst;
	bool udp;
	uint16_t udp_sport;
	uint16_t udp_dport;
	const uint8_t *sctp;
	size_t sctp_len;
};

/**
 * struct sct_host_rx - the result of sct_host_input().  Pointers point into the
 * caller's packet or, after reassembly, into the host's own buffer, valid
 * until the next call on the host.
 * @kind:        enum sct_host_rx_kind.
 * @af:          SCT_AF_INET4 or SCT_AF_INET6.
 * @src, @dst:   the packet's addresses.
 * @dst_endpoint: @dst is an endpoint address (sct_host_addr_add()).
 * @ecn:         the ECN bits (RFC 3168 5).
 * @flow:        the IPv6 flow label.
 * @ttl:         TTL / hop limit.
 * @reassembled: it arrived in fragments.
 * @data, @len:  SCTP: the SCTP packet.
 * @icmp:        ICMP: the report.
 */
struct sct_host_rx {
	uint8_t kind;
	uint8_t af;
	struct sct_addr src;
	struct sct_addr dst;
	bool dst_endpoint;
	uint8_t ecn;
	uint32_t flow;
	uint8_t ttl;
	bool reassembled;
	const uint8_t *data;
	size_t len;
	struct sct_host_icmp_report icmp;
};

/**
 * struct sct_host_tx - one SCTP packet for sct_host_output_sctp().
 * @src:  the source; SCT_AF_NONE or unspecified (0.0.0.0 / ::) to let the host
 *        choose (sct_host_source()).
 * @dst:  the destination, a unicast address.
 * @data, @len: the SCTP packet, checksum included.
 * @df:   IPv4: set Don't Fragment (RFC 9260 ch 8 PMTU discovery); ignored for v6.
 * @ecn:  the ECN bits (0..3; RFC 3168 ECT(0) = 2, RFC 9260 appendix A).
 * @flow: the IPv6 flow label (20 bits); 0 lets the host derive one (RFC 6437).
 * @ttl:  TTL / hop limit; 0 means SCT_HOST_TTL_DEFAULT.
 */
struct sct_host_tx {
	struct sct_addr src;
	struct sct_addr dst;
	const uint8_t *data;
	size_t len;
	bool df;
	uint8_t ecn;
	uint32_t flow;
	uint8_t ttl;
};

struct sct_host;

/** sct_host_limits_default() - the *_DEFAULT values and a zero secret. */
void sct_host_limits_default(struct sct_host_limits *l);

/**
 * sct_host_create() - a host with no address.
 * Return: 0; -EINVAL (a limit zero where it cannot be, or @l->mtu outside
 * 68..65535); -ENOMEM.
 */
int sct_host_create(struct sct_host **hp, const struct sct_host_limits *l);

/** sct_host_destroy() - free @h with its queue and reassembler (NULL is fine). */
void sct_host_destroy(struct sct_host *h);

/**
 * sct_host_addr_add() - add a local address.
 * @prefix:   its prefix length (the subnet, for source selection and v4
 *            directed broadcast).
 * @endpoint: sctund serves it (answers echo requests to it, uses it as source).
 * Return: 0; -EEXIST (already there: use del first); -EINVAL (not a unicast
 * IPv4/IPv6 address, or @prefix too long); -ENOSPC (addrs_max reached).
 */
int sct_host_addr_add(struct sct_host *h, const struct sct_addr *a, unsigned prefix, bool endpoint);

/** sct_host_addr_del() - remove a local address.  Return: 0; -ENOENT. */
int sct_host_addr_del(struct sct_host *h, const struct sct_addr *a);

/**
 * sct_host_addr_is_local() - @a is one of the local addresses.
 * @endpoint: if not NULL, receives its endpoint flag.
 */
bool sct_host_addr_is_local(const struct sct_host *h, const struct sct_addr *a, bool *endpoint);

/**
 * sct_host_set_mtu() - the interface MTU changed.
 * Return: 0; -EINVAL (below 68 or above 65535).
 */
int sct_host_set_mtu(struct sct_host *h, uint32_t mtu);

/** sct_host_mtu() - the interface MTU. */
uint32_t sct_host_mtu(const struct sct_host *h);

/**
 * sct_host_pmtu() - the path MTU towards @dst: the cached estimate (RFC 1191,
 * RFC 8201) or else the interface MTU, never more than the interface MTU.
 */
uint32_t sct_host_pmtu(struct sct_host *h, const struct sct_addr *dst, sct_time_t now);

/**
 * sct_host_pmtu_update() - lower the estimate for @dst to @mtu, for a "too
 * big" report (struct sct_host_icmp_report) the SCTP core accepted.
 * Return: 1 lowered; 0 ignored (not lower); -EINVAL (@dst family).
 */
int sct_host_pmtu_update(struct sct_host *h, const struct sct_addr *dst, uint32_t mtu,
			 sct_time_t now);

/**
 * sct_host_source() - choose the source address for @dst: an endpoint
 * address of its family, loopback only for a loopback @dst, preferring one
 * whose subnet holds @dst, then the same IPv6 scope (RFC 6724 rule 2), then
 * the longest common prefix (rule 8 in spirit), then the first added.
 * Return: 0; -EADDRNOTAVAIL (no candidate); -EINVAL (@dst not unicast).
 */
int sct_host_source(const struct sct_host *h, const struct sct_addr *dst, struct sct_addr *src);

/**
 * sct_host_input() - one packet from the link.
 * @pkt, @len: the IP packet (from the version nibble).
 * @now: the current time.
 * @rx:  filled (always: kind SCT_HOST_RX_NONE on a drop).
 *
 * Validates it, reassembles fragments, answers echo requests to endpoint
 * addresses, answers other protocols with ICMP errors (rate limited), and
 * returns SCTP packets and ICMP errors about our SCTP packets in @rx.
 * Replies go to the output queue (sct_host_pull()).
 *
 * Return: 0 (see @rx->kind), or the reason the packet went no further:
 * an SCT_WE_* code from the IPv4, IPv6, ICMP or UDP parser or from
 * reassembly (InHdrErrors, ICMP InErrors, UDP InErrors, reassembly failures);
 * SCT_HOST_E_VERSION; SCT_HOST_E_NOT_LOCAL (InAddrErrors); SCT_HOST_E_BAD_SRC
 * (InHdrErrors); SCT_HOST_E_NON_UNICAST, SCT_HOST_E_SCTP_SHORT (InDiscards);
 * SCT_HOST_E_PROTO (InUnknownProtos); SCT_HOST_E_UDP (port unreachable);
 * SCT_HOST_E_FRAG_HELD (a fragment kept for later); SCT_HOST_E_ICMP_IGNORED.
 * A reply that could not be queued is counted (OutDiscards), not returned.
 */
int sct_host_input(struct sct_host *h, const uint8_t *pkt, size_t len, sct_time_t now,
		   struct sct_host_rx *rx);

/**
 * sct_host_output_sctp() - queue one SCTP packet in one IP datagram, or
 * fragments of it (IPv4 with DF clear only).
 *
 * A packet larger than the path MTU with DF set (IPv4) or over IPv6 is not
 * sent: the core learns the MTU from -EMSGSIZE at once (and may fragment at
 * the SCTP level or clear DF) instead of from an ICMP error we would make
 * ourselves.
 * Return: 0; -EINVAL (@tx fields: families differ, non-unicast @dst, @ecn
 * above 3, @flow above 20 bits, empty or over 65535 with the header);
 * -EADDRNOTAVAIL (@src not local, or no source for @dst: OutNoRoutes);
 * -EMSGSIZE (too big, see above: FragFails); -ENOBUFS (queue full:
 * OutDiscards); -ENOMEM.
 */
int sct_host_output_sctp(struct sct_host *h, const struct sct_host_tx *tx, sct_time_t now);

/**
 * sct_host_flow_label() - the flow label the host gives a flow when the core
 * passes 0: a keyed hash of addresses, SCTP ports and protocol (RFC 6437 3),
 * never 0.
 */
uint32_t sct_host_flow_label(const struct sct_host *h, const struct sct_addr *src,
			     const struct sct_addr *dst, uint16_t sport, uint16_t dport);

/**
 * sct_host_pull() - take the next queued packet.
 * Return: its length (copied to @buf); 0 when the queue is empty; -ENOSPC
 * when @cap is too small (the packet stays queued).
 */
int sct_host_pull(struct sct_host *h, uint8_t *buf, size_t cap);

/**
 * sct_host_peek() - the next queued packet, left in the queue.
 * @len: its length
 * Return: the packet (valid until sct_host_pop() or the next output); NULL
 * when the queue is empty.
 */
const uint8_t *sct_host_peek(const struct sct_host *h, size_t *len);

/** sct_host_pop() - drop the packet sct_host_peek() showed (sent). */
void sct_host_pop(struct sct_host *h);

/** sct_host_queued() - packets waiting in the output queue. */
size_t sct_host_queued(const struct sct_host *h);

/**
 * sct_host_advance_time() - run the timers due at @now: reassembly timeouts
 * (ICMP time exceeded code 1 when the first fragment had come, RFC 792,
 * RFC 4443 3.3, rate limited) and PMTU aging.
 * Return: the number of ICMP messages queued.
 */
int sct_host_advance_time(struct sct_host *h, sct_time_t now);

/** sct_host_next_expiry() - when sct_host_advance_time() has work, or SCT_TIME_NEVER. */
sct_time_t sct_host_next_expiry(const struct sct_host *h);

/** sct_host_stats() - the counters (reassembly ones refreshed). */
const struct sct_host_stats *sct_host_stats(struct sct_host *h);

/**
 * sct_host_check() - recompute the host's bookkeeping (queue length and
 * bytes, reassembler) for tests and fuzzing.  Return: 0; -EFAULT.
 */
int sct_host_check(const struct sct_host *h);

#endif /* SCT_IP_HOST_H */
