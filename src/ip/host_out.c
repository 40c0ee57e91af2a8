/* SPDX-License-Identifier: MIT */
/* host_out.c: the host layer's output: source selection, flow labels, IPv4 fragmentation, the
 * queue. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "common/csum.h"
#include "common/cursor.h"
#include "ip/host_impl.h"
#include "wire/ipv4.h"
#include "wire/ipv6.h"
#include "wire/wire_err.h"

int sct_host_source(const struct sct_host *h, const struct sct_addr *dst, struct sct_addr *src)
{
	const struct host_addr *best = NULL;
	unsigned best_score = 0;
	bool dst_lo = sct_addr_is_loopback(dst);
	size_t i;

	if ((dst->af != SCT_AF_INET4 && dst->af != SCT_AF_INET6) || sct_addr_is_any(dst) ||
	    sct_addr_is_multicast(dst) || sct_addr_is_broadcast(dst))
		return -EINVAL;
	for (i = 0; i < h->naddrs; i++) {
		const struct host_addr *e = &h->addrs[i];
		unsigned bits, score;

		if (e->a.af != dst->af || !e->endpoint)
			continue;
		if (sct_addr_is_loopback(&e->a) != dst_lo)
			continue;
		bits = common_bits(&e->a, dst);
		score = 1 + bits;
		if (bits >= e->prefix)
			score += 1000; /* on-link: same subnet */
		if (sct_addr_is_linklocal(&e->a) == sct_addr_is_linklocal(dst))
			score += 500; /* RFC 6724 rule 2: appropriate scope */
		if (score > best_score) {
			best = e;
			best_score = score;
		}
	}
	if (!best)
		return -EADDRNOTAVAIL;
	*src = best->a;
	return 0;
}

/*
 * The ICMP token bucket (RFC 4443 2.4 (f), RFC 1812 4.3.2.8): full at the
 * start, refilled at icmp_rate per second up to icmp_burst.
 */
bool host_icmp_token(struct sct_host *h, sct_time_t now)
{
	uint64_t cap = (uint64_t)h->lim.icmp_burst * SCT_NSEC_PER_SEC;

	if (!h->lim.icmp_rate || !h->lim.icmp_burst)
		return false;
	if (!h->tb_started) {
		h->tb_started = true;
		h->tokens = cap;
		h->tb_last = now;
	}
	if (now > h->tb_last) {
		/* cap the elapsed time first so that the product cannot overflow */
		uint64_t el = now - h->tb_last, el_max = cap / h->lim.icmp_rate + 1;

		if (el > el_max)
			el = el_max;
		h->tokens += el * h->lim.icmp_rate;
		if (h->tokens > cap)
			h->tokens = cap;
		h->tb_last = now;
	}
	if (h->tokens < SCT_NSEC_PER_SEC)
		return false;
	h->tokens -= SCT_NSEC_PER_SEC;
	return true;
}

/* RFC 6437 3: a keyed hash of the flow's 5-tuple, 20 bits, never zero. */
uint32_t sct_host_flow_label(const struct sct_host *h, const struct sct_addr *src,
			     const struct sct_addr *dst, uint16_t sport, uint16_t dport)
{
	uint32_t x = sct_addr_hash(src, h->lim.secret);

	x = sct_addr_hash(dst, x ^ 0x9e3779b9u);
	x ^= ((uint32_t)sport << 16 | dport) * 0x85ebca6bu;
	x ^= SCT_IPPROTO_SCTP;
	x ^= x >> 15;
	x *= 0xc2b2ae35u;
	x ^= x >> 16;
	x &= 0xfffff;
	return x ? x : 1;
}

static bool queue_room(const struct sct_host *h, size_t pkts, size_t bytes)
{
	return h->qlen + pkts <= h->lim.outq_pkts && h->qbytes + bytes <= h->lim.outq_bytes;
}

static void queue_push(struct sct_host *h, uint8_t *buf, size_t len)
{
	struct outpkt *p = &h->q[(h->qhead + h->qlen) % h->lim.outq_pkts];

	p->buf = buf;
	p->len = len;
	h->qlen++;
	h->qbytes += len;
}

/* A buffer for a packet of @len bytes: a recycled one when it is small. */
static uint8_t *buf_get(struct sct_host *h, size_t len)
{
	if (len > HOST_BUF_SMALL)
		return malloc(len);
	if (h->n_spare)
		return h->spare[--h->n_spare];
	return malloc(HOST_BUF_SMALL);
}

void host_buf_put(struct sct_host *h, uint8_t *buf, size_t len)
{
	if (len <= HOST_BUF_SMALL && h->n_spare < HOST_BUF_SPARE)
		h->spare[h->n_spare++] = buf;
	else
		free(buf);
}

/* One IP packet: header for @o (a fragment at @off when @frag) and @n bytes of @o->l4. */
static int build_one(struct sct_host *h, const struct out_req *o, bool frag, uint32_t id,
		     size_t off, size_t n, bool more)
{
	size_t hl = o->af == SCT_AF_INET4 ? SCT_IP4_HDR_MIN
					  : SCT_IP6_HDR_LEN + (frag ? SCT_IP6_FRAG_LEN : 0);
	uint8_t *buf = buf_get(h, hl + n);
	struct sct_wr w;
	int rc;

	if (!buf)
		return -ENOMEM;
	w = sct_wr_init(buf, hl + n);
	if (o->af == SCT_AF_INET4) {
		struct sct_ip4 ip = {
		    .tos = o->tos,
		    .id = (uint16_t)id,
		    .df = o->df,
		    .mf = more,
		    .frag_off = (uint16_t)off,
		    .ttl = o->ttl,
		    .proto = o->proto,
		    .src = *o->src,
		    .dst = *o->dst,
		};

		rc = sct_ip4_emit(&w, &ip, n);
	} else {
		struct sct_ip6 ip = {
		    .tclass = o->tos,
		    .flow = o->flow,
		    .hlim = o->ttl,
		    .proto = o->proto,
		    .src = *o->src,
		    .dst = *o->dst,
		};

		ip.frag.present = frag;
		ip.frag.off = (uint16_t)off;
		ip.frag.more = more;
		ip.frag.id = id;
		rc = sct_ip6_emit(&w, &ip, n);
	}
	if (rc) {
		host_buf_put(h, buf, hl + n);
		return -EINVAL;
	}
	sct_wr_bytes(&w, o->l4 + off, n);
	queue_push(h, buf, hl + n);
	return 0;
}

/*
 * Queue @o as one datagram or, when it is larger than the path MTU and
 * @o->may_frag, as fragments (RFC 791 2.3 and 3.2 "fragmentation"; RFC 8200
 * 4.5 for IPv6).  Either all of it is queued or none.
 */
int host_ip_output(struct sct_host *h, const struct out_req *o, sct_time_t now)
{
	struct sct_host_ip_stats *st = &h->st.ip[fam_of(o->af)];
	bool v4 = o->af == SCT_AF_INET4;
	size_t hl = v4 ? SCT_IP4_HDR_MIN : SCT_IP6_HDR_LEN;
	uint32_t mtu = sct_host_pmtu(h, o->dst, now);
	size_t chunk, nfrag, off, i;
	uint32_t id;
	int rc;

	st->OutRequests++;
	if (v4 ? hl + o->len > SCT_IP4_MAX_LEN : o->len > 65535)
		return -EINVAL;
	if (hl + o->len <= mtu) {
		if (!queue_room(h, 1, hl + o->len)) {
			st->OutDiscards++;
			return -ENOBUFS;
		}
		return build_one(h, o, false, v4 ? h->ip_id++ : 0, 0, o->len, false);
	}
	if (!o->may_frag) {
		st->FragFails++;
		return -EMSGSIZE;
	}
	if (!v4) {
		if (mtu < SCT_PMTU_MIN_V6)
			mtu = SCT_PMTU_MIN_V6;
		hl += SCT_IP6_FRAG_LEN;
	}
	chunk = (mtu - hl) & ~(size_t)7; /* all but the last a multiple of 8 */
	nfrag = (o->len + chunk - 1) / chunk;
	if (!queue_room(h, nfrag, nfrag * hl + o->len)) {
		st->OutDiscards++;
		return -ENOBUFS;
	}
	id = v4 ? h->ip_id++ : h->frag6_id++;
	for (i = 0, off = 0; i < nfrag; i++, off += chunk) {
		size_t n = o->len - off < chunk ? o->len - off : chunk;

		rc = build_one(h, o, true, id, off, n, i + 1 < nfrag);
		if (rc)
			return rc; /* -ENOMEM: the fragments already queued go anyway */
		st->FragCreates++;
	}
	st->FragOKs++;
	return 0;
}

int sct_host_output_sctp(struct sct_host *h, const struct sct_host_tx *tx, sct_time_t now)
{
	const struct sct_addr *dst = &tx->dst;
	struct out_req o;
	struct sct_addr src;
	int rc;

	if ((dst->af != SCT_AF_INET4 && dst->af != SCT_AF_INET6) || sct_addr_is_any(dst) ||
	    sct_addr_is_multicast(dst) || sct_addr_is_broadcast(dst) || tx->ecn > 3 ||
	    tx->flow > 0xfffff || !tx->data || !tx->len)
		return -EINVAL;
	if (tx->src.af == SCT_AF_NONE || sct_addr_is_any(&tx->src)) {
		rc = sct_host_source(h, dst, &src);
		if (rc) {
			h->st.ip[fam_of(dst->af)].OutNoRoutes++;
			return rc;
		}
	} else {
		if (tx->src.af != dst->af)
			return -EINVAL;
		if (!addr_find(h, &tx->src))
			return -EADDRNOTAVAIL;
		src = tx->src;
	}
	memset(&o, 0, sizeof(o));
	o.af = dst->af;
	o.src = &src;
	o.dst = dst;
	o.proto = SCT_IPPROTO_SCTP;
	o.tos = tx->ecn;
	o.ttl = tx->ttl ? tx->ttl : SCT_HOST_TTL_DEFAULT;
	o.l4 = tx->data;
	o.len = tx->len;
	if (dst->af == SCT_AF_INET4) {
		o.df = tx->df;
		o.may_frag = !tx->df;
	} else {
		o.flow = tx->flow;
		if (!o.flow)
			o.flow = sct_host_flow_label(h, &src, dst,
						     tx->len >= 4 ? sct_get_u16(tx->data) : 0,
						     tx->len >= 4 ? sct_get_u16(tx->data + 2) : 0);
	}
	return host_ip_output(h, &o, now);
}

const uint8_t *sct_host_peek(const struct sct_host *h, size_t *len)
{
	if (!h->qlen)
		return NULL;
	*len = h->q[h->qhead].len;
	return h->q[h->qhead].buf;
}

void sct_host_pop(struct sct_host *h)
{
	struct outpkt *p;

	if (!h->qlen)
		return;
	p = &h->q[h->qhead];
	host_buf_put(h, p->buf, p->len);
	h->qbytes -= p->len;
	p->buf = NULL;
	h->qhead = (h->qhead + 1) % h->lim.outq_pkts;
	h->qlen--;
}

int sct_host_pull(struct sct_host *h, uint8_t *buf, size_t cap)
{
	const uint8_t *p;
	size_t len;

	p = sct_host_peek(h, &len);
	if (!p)
		return 0;
	if (len > cap)
		return -ENOSPC;
	memcpy(buf, p, len);
	sct_host_pop(h);
	return (int)len;
}

size_t sct_host_queued(const struct sct_host *h)
{
	return h->qlen;
}
