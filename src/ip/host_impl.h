/* SPDX-License-Identifier: MIT */
/* host_impl.h: the host layer's internal state, shared by host.c (input) and host_out.c (output).
 */
#ifndef SCT_IP_HOST_IMPL_H
#define SCT_IP_HOST_IMPL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "ip/host.h"
#include "ip/pmtu.h"
#include "ip/reasm.h"

#define BUF_MAX (65535 + SCT_IP6_HDR_LEN) /* the largest IPv6 packet, headers included */

struct host_addr {
	struct sct_addr a;
	uint8_t prefix;
	bool endpoint;
};

/* Packets up to this size (IP header included) live in recycled buffers. */
#define HOST_BUF_SMALL 2048
#define HOST_BUF_SPARE 64

struct outpkt {
	uint8_t *buf;
	size_t len;
};

struct sct_host {
	struct sct_host_limits lim;
	uint32_t mtu;
	struct host_addr *addrs;
	size_t naddrs;
	struct sct_reasm *reasm;
	struct sct_pmtu pmtu;

	struct outpkt *q; /* ring of lim.outq_pkts */
	size_t qhead;
	size_t qlen;
	size_t qbytes;
	/*
	 * Buffers of HOST_BUF_SMALL bytes that left the queue, kept for the next
	 * packets: one malloc() and free() per packet sent was 6% of a sender's
	 * CPU.  At most HOST_BUF_SPARE are kept.
	 */
	uint8_t *spare[HOST_BUF_SPARE];
	size_t n_spare;

	uint64_t tokens; /* ICMP token bucket, in token-nanoseconds: a message costs 1 s */
	sct_time_t tb_last;
	bool tb_started;

	uint16_t ip_id; /* IPv4 Identification */
	uint32_t frag6_id;

	uint8_t *rebuild; /* a reassembled datagram as a whole packet */
	uint8_t *tx;	  /* the upper-layer message being built */
	struct sct_host_stats st;
};

/* Where a packet is going, as far as this host is concerned. */
enum dst_kind { DST_NOT_LOCAL, DST_UNICAST, DST_BCAST, DST_MCAST };

/* A whole (not fragment) packet being dispatched. */
struct pkt_info {
	uint8_t af;
	int fam; /* stats index */
	struct sct_addr src;
	struct sct_addr dst;
	enum dst_kind dk;
	bool endpoint;
	uint8_t proto;
	const uint8_t *l4;
	size_t l4_len;
	const uint8_t *pkt; /* the whole packet, for quotes */
	size_t pkt_len;
	size_t nh_off; /* v6: the Next Header byte naming proto */
	uint8_t tos;
	uint32_t flow;
	uint8_t ttl;
	bool reassembled;
};

/* A datagram to send. */
struct out_req {
	uint8_t af;
	const struct sct_addr *src;
	const struct sct_addr *dst;
	uint8_t proto;
	uint8_t tos;
	uint32_t flow;
	uint8_t ttl;
	bool df;
	bool may_frag;
	const uint8_t *l4;
	size_t len;
};

static inline int fam_of(uint8_t af)
{
	return af == SCT_AF_INET6;
}

/* The same address, whatever the scope: packets carry none, local addresses may. */
static inline bool addr_same(const struct sct_addr *a, const struct sct_addr *b)
{
	return a->af == b->af && memcmp(a->b, b->b, sct_addr_len(a)) == 0;
}

/* Leading bits @a and @b have in common (same family). */
static inline unsigned common_bits(const struct sct_addr *a, const struct sct_addr *b)
{
	size_t i, n = sct_addr_len(a);
	unsigned bits = 0;

	for (i = 0; i < n; i++) {
		uint8_t x = a->b[i] ^ b->b[i];

		if (!x) {
			bits += 8;
			continue;
		}
		while (!(x & 0x80)) {
			bits++;
			x <<= 1;
		}
		break;
	}
	return bits;
}

static inline struct host_addr *addr_find(const struct sct_host *h, const struct sct_addr *a)
{
	size_t i;

	for (i = 0; i < h->naddrs; i++)
		if (addr_same(&h->addrs[i].a, a))
			return &h->addrs[i];
	return NULL;
}

/* host_out.c */
bool host_icmp_token(struct sct_host *h, sct_time_t now);
int host_ip_output(struct sct_host *h, const struct out_req *o, sct_time_t now);
/* host_buf_put() - give back a packet buffer of @len bytes (kept for reuse or freed). */
void host_buf_put(struct sct_host *h, uint8_t *buf, size_t len);

#endif /* SCT_IP_HOST_IMPL_H */
