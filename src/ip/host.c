/* SPDX-License-Identifier: MIT */
/* host.c: the host IP layer: validate, reassemble, dispatch, answer ICMP, build output. */

/*
 * Theory of operation
 *
 * sctund is an IP host of its own behind a TUN interface, and this file is
 * that host's IP behaviour, without I/O: packets come in as bytes with the
 * time (sct_host_input()), and whatever the host wants to send (echo replies,
 * ICMP errors, the core's SCTP packets) goes into a bounded output queue the
 * daemon drains with sct_host_pull() and writes to the TUN.
 *
 * Input.  A packet is parsed by the wire codecs (IPv4 with its header
 * checksum, IPv6 with its extension-header chain), then judged:
 *  - the source must be a unicast host (RFC 1122 3.2.1.3, RFC 4291 2.5.2):
 *    not unspecified, multicast, broadcast, v4-mapped, nor loopback from
 *    outside;
 *  - the destination must be ours: one of the local addresses, or (v4) the
 *    limited or a local subnet's broadcast, or the all-nodes multicast group.
 *    Only unicast packets are ever answered or passed to SCTP (RFC 9260 8.4
 *    (1) drops non-unicast SCTP).
 * Fragments go to the reassembler (reasm.c).  A completed datagram is rebuilt
 * as a whole IP packet in the host's own buffer and goes through input again,
 * so that the rest of this file sees only whole packets (and IPv6 extension
 * headers inside the fragmentable part are walked like any others), and so
 * that an ICMP error about it can quote it like any packet.
 *
 * Then by protocol: SCTP is returned to the caller for the core.  ICMP echo
 * requests to an endpoint address are answered (RFC 792, RFC 4443 4.2);
 * ICMP errors whose quote is an SCTP packet from one of our addresses (or
 * SCTP over UDP to or from the RFC 6951 port, 5.5) are returned as a report:
 * RFC 9260 10 leaves the verification tag check (ICMP5, ICMP6) and the
 * reaction to the core, this layer only says what the message means and
 * learns the path MTU from "too big" messages (RFC 1191, RFC 8201, ICMP7).
 * UDP gets a port unreachable (sctund's RFC 6951 encapsulation uses a kernel
 * socket, not this layer), any other protocol a protocol unreachable (v4) or
 * a parameter problem code 1 (v6), as a host must (RFC 1122 3.2.2.1, RFC
 * 8200 4).
 *
 * ICMP errors we send obey RFC 1122 3.2.2 and RFC 4443 2.4 (e): never about
 * an ICMP error, a packet to a broadcast or multicast address (except
 * parameter problem code 2 for an option whose type asks for it), a non-first
 * fragment (we only answer whole datagrams) or a packet from a non-unicast
 * source; and they pass a token bucket (2.4 (f)): icmp_rate per second, up to
 * icmp_burst at once.  Echo replies are not rate limited (as Linux's default
 * icmp_ratemask) but are bounded by the output queue.
 *
 * Output.  sct_host_output_sctp() picks a source address when the core has
 * none (sct_host_source()), derives an IPv6 flow label per flow (RFC 6437),
 * sets TTL, DF and ECN, and queues one datagram, or IPv4 fragments (RFC 791
 * 2.3) when DF is clear and it is larger than the path MTU.  A datagram too
 * big for the path with DF set, and any too big IPv6 SCTP packet, is refused
 * with -EMSGSIZE: the core owns SCTP's PMTU (RFC 9260 7.3) and learns it at
 * once.  Our own ICMP messages (an echo reply to a large ping) are fragmented
 * in both families, since nothing else could.  The path MTU is the PMTU
 * cache's estimate (pmtu.c) or the interface MTU, which the daemon updates
 * when the link changes (sct_host_set_mtu()) and after the core accepted an
 * ICMP "too big" report (sct_host_pmtu_update()).
 *
 * Every table is bounded by struct sct_host_limits: addresses, output queue
 * (packets and bytes), reassembly memory, PMTU entries.  The counters follow
 * Linux's /proc/net/snmp names so that an operator can compare.
 */
#include "ip/host_impl.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "common/csum.h"
#include "common/cursor.h"
#include "ip/pmtu.h"
#include "wire/icmp.h"
#include "wire/ipv4.h"
#include "wire/ipv6.h"
#include "wire/udp.h"
#include "wire/wire_err.h"

const char *sct_host_strerror(int err)
{
	switch (err) {
#define SCT_HOST_ERR_STR(name, val, str)                                                           \
	case val:                                                                                  \
		return str;
		SCT_HOST_ERRORS(SCT_HOST_ERR_STR)
#undef SCT_HOST_ERR_STR
	default:
		return sct_wire_strerror(err);
	}
}

void sct_host_limits_default(struct sct_host_limits *l)
{
	memset(l, 0, sizeof(*l));
	sct_reasm_limits_default(&l->reasm);
	l->icmp_rate = SCT_HOST_ICMP_RATE_DEFAULT;
	l->icmp_burst = SCT_HOST_ICMP_BURST_DEFAULT;
	l->pmtu_entries = SCT_PMTU_ENTRIES_DEFAULT;
	l->pmtu_expiry = SCT_PMTU_EXPIRY_DEFAULT;
	l->outq_pkts = SCT_HOST_OUTQ_PKTS_DEFAULT;
	l->outq_bytes = SCT_HOST_OUTQ_BYTES_DEFAULT;
	l->addrs_max = SCT_HOST_ADDRS_DEFAULT;
	l->mtu = SCT_HOST_MTU_DEFAULT;
	l->encap_port = SCT_HOST_ENCAP_PORT_DEFAULT;
}

int sct_host_create(struct sct_host **hp, const struct sct_host_limits *l)
{
	struct sct_host *h;
	int rc;

	*hp = NULL;
	if (!l->outq_pkts || !l->outq_bytes || !l->addrs_max || l->mtu < SCT_PMTU_MIN_V4 ||
	    l->mtu > 65535)
		return -EINVAL;
	h = calloc(1, sizeof(*h));
	if (!h)
		return -ENOMEM;
	h->lim = *l;
	h->mtu = l->mtu;
	h->ip_id = (uint16_t)(l->secret ^ (l->secret >> 16));
	h->frag6_id = l->secret * 2654435761u;
	rc = sct_pmtu_init(&h->pmtu, l->pmtu_entries, l->pmtu_expiry);
	if (rc)
		goto fail;
	rc = sct_reasm_create(&h->reasm, &l->reasm);
	if (rc)
		goto fail;
	rc = -ENOMEM;
	h->addrs = calloc(l->addrs_max, sizeof(*h->addrs));
	h->q = calloc(l->outq_pkts, sizeof(*h->q));
	h->rebuild = malloc(BUF_MAX);
	h->tx = malloc(BUF_MAX);
	if (!h->addrs || !h->q || !h->rebuild || !h->tx)
		goto fail;
	*hp = h;
	return 0;
fail:
	sct_host_destroy(h);
	return rc;
}

void sct_host_destroy(struct sct_host *h)
{
	if (!h)
		return;
	while (h->q && h->qlen) { /* no queue: a create that failed half way */
		free(h->q[h->qhead].buf);
		h->qhead = (h->qhead + 1) % h->lim.outq_pkts;
		h->qlen--;
	}
	while (h->n_spare)
		free(h->spare[--h->n_spare]);
	free(h->q);
	free(h->addrs);
	free(h->rebuild);
	free(h->tx);
	sct_reasm_destroy(h->reasm);
	sct_pmtu_fini(&h->pmtu);
	free(h);
}

int sct_host_addr_add(struct sct_host *h, const struct sct_addr *a, unsigned prefix, bool endpoint)
{
	if ((a->af != SCT_AF_INET4 && a->af != SCT_AF_INET6) || prefix > sct_addr_len(a) * 8 ||
	    sct_addr_is_any(a) || sct_addr_is_multicast(a) || sct_addr_is_broadcast(a))
		return -EINVAL;
	if (addr_find(h, a))
		return -EEXIST;
	if (h->naddrs == h->lim.addrs_max)
		return -ENOSPC;
	h->addrs[h->naddrs].a = *a;
	h->addrs[h->naddrs].prefix = (uint8_t)prefix;
	h->addrs[h->naddrs].endpoint = endpoint;
	h->naddrs++;
	return 0;
}

int sct_host_addr_del(struct sct_host *h, const struct sct_addr *a)
{
	struct host_addr *e = addr_find(h, a);
	size_t i;

	if (!e)
		return -ENOENT;
	/* keep the order: it breaks ties in source selection */
	i = (size_t)(e - h->addrs);
	memmove(e, e + 1, (h->naddrs - i - 1) * sizeof(*e));
	h->naddrs--;
	return 0;
}

bool sct_host_addr_is_local(const struct sct_host *h, const struct sct_addr *a, bool *endpoint)
{
	const struct host_addr *e = addr_find(h, a);

	if (endpoint)
		*endpoint = e && e->endpoint;
	return e != NULL;
}

int sct_host_set_mtu(struct sct_host *h, uint32_t mtu)
{
	if (mtu < SCT_PMTU_MIN_V4 || mtu > 65535)
		return -EINVAL;
	h->mtu = mtu;
	return 0;
}

uint32_t sct_host_mtu(const struct sct_host *h)
{
	return h->mtu;
}

uint32_t sct_host_pmtu(struct sct_host *h, const struct sct_addr *dst, sct_time_t now)
{
	uint32_t m = sct_pmtu_lookup(&h->pmtu, dst, now);

	return m && m < h->mtu ? m : h->mtu;
}

int sct_host_pmtu_update(struct sct_host *h, const struct sct_addr *dst, uint32_t mtu,
			 sct_time_t now)
{
	return sct_pmtu_update(&h->pmtu, dst, mtu, h->mtu, now);
}

/* @a is the directed broadcast address of one of our IPv4 subnets. */
static bool is_subnet_bcast(const struct sct_host *h, const struct sct_addr *a)
{
	size_t i;

	if (a->af != SCT_AF_INET4)
		return false;
	for (i = 0; i < h->naddrs; i++) {
		const struct host_addr *e = &h->addrs[i];
		uint32_t x = sct_get_u32(a->b), mine = sct_get_u32(e->a.b), host;

		if (e->a.af != SCT_AF_INET4 || e->prefix == 0 || e->prefix > 30)
			continue;
		host = 0xffffffffu >> e->prefix;
		if ((x & ~host) == (mine & ~host) && (x & host) == host)
			return true;
	}
	return false;
}

static enum dst_kind dst_kind(const struct sct_host *h, struct sct_addr *dst, bool *endpoint)
{
	static const uint8_t all_nodes[2][16] = {
	    {0xff, 0x01, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1},
	    {0xff, 0x02, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1},
	};
	const struct host_addr *e = addr_find(h, dst);

	*endpoint = false;
	if (e) {
		*endpoint = e->endpoint;
		dst->scope = e->a.scope;
		return DST_UNICAST;
	}
	if (sct_addr_is_broadcast(dst) || is_subnet_bcast(h, dst))
		return DST_BCAST;
	if (dst->af == SCT_AF_INET4 && sct_get_u32(dst->b) == 0xe0000001u) /* 224.0.0.1 */
		return DST_MCAST;
	if (dst->af == SCT_AF_INET6 &&
	    (!memcmp(dst->b, all_nodes[0], 16) || !memcmp(dst->b, all_nodes[1], 16)))
		return DST_MCAST;
	return DST_NOT_LOCAL;
}

/* A source we could answer: a unicast host (RFC 1122 3.2.1.3, RFC 4291 2.5.5.2). */
static bool src_ok(const struct sct_host *h, const struct sct_addr *src, const struct sct_addr *dst)
{
	if (sct_addr_is_any(src) || sct_addr_is_multicast(src) || sct_addr_is_broadcast(src) ||
	    sct_addr_is_v4mapped(src) || is_subnet_bcast(h, src))
		return false;
	/* loopback is martian unless it stays in loopback (RFC 1122 3.2.1.3 (g)) */
	if (sct_addr_is_loopback(src) && !sct_addr_is_loopback(dst))
		return false;
	return true;
}

/* Send the ICMP message in h->tx (@n bytes) from @src to @dst. */
static int icmp_send(struct sct_host *h, uint8_t af, const struct sct_addr *src,
		     const struct sct_addr *dst, uint8_t tos, size_t n, sct_time_t now)
{
	struct out_req o;

	memset(&o, 0, sizeof(o));
	o.af = af;
	o.src = src;
	o.dst = dst;
	o.proto = af == SCT_AF_INET4 ? SCT_IPPROTO_ICMP : SCT_IPPROTO_ICMPV6;
	o.tos = tos;
	o.ttl = SCT_HOST_TTL_DEFAULT;
	o.may_frag = true;
	o.l4 = h->tx;
	o.len = n;
	if (af == SCT_AF_INET6)
		o.flow = sct_host_flow_label(h, src, dst, 0, 0);
	return host_ip_output(h, &o, now);
}

enum icmp_err { ERR_PROTO, ERR_PORT, ERR_PARAM, ERR_OPTION };

/*
 * Answer @pi with an ICMP error, if RFC 1122 3.2.2 / RFC 4443 2.4 (e) allow
 * it and the token bucket has a token.  @ptr: the parameter problem pointer.
 */
static void icmp_error(struct sct_host *h, const struct pkt_info *pi, enum icmp_err what,
		       uint32_t ptr, sct_time_t now)
{
	struct sct_host_icmp_stats *is = &h->st.icmp[pi->fam];
	struct sct_wr w = sct_wr_init(h->tx, BUF_MAX);
	bool v4 = pi->af == SCT_AF_INET4;
	int n;

	/* RFC 4443 2.4 (e.3): option type 10xxxxxx may be answered to multicast */
	if (pi->dk != DST_UNICAST && !(what == ERR_OPTION && pi->dk == DST_MCAST))
		return;
	if (!host_icmp_token(h, now)) {
		is->OutRateLimited++;
		return;
	}
	switch (what) {
	case ERR_PROTO:
		n = v4 ? sct_icmp4_emit_unreach(&w, SCT_ICMP4_PROTO_UNREACH, 0, pi->pkt,
						pi->pkt_len)
		       : sct_icmp6_emit_param_problem(&w, SCT_ICMP6_PARAM_NEXTHDR, ptr, pi->pkt,
						      pi->pkt_len, &pi->dst, &pi->src);
		break;
	case ERR_PORT:
		n = v4 ? sct_icmp4_emit_unreach(&w, SCT_ICMP4_PORT_UNREACH, 0, pi->pkt, pi->pkt_len)
		       : sct_icmp6_emit_unreach(&w, SCT_ICMP6_PORT_UNREACH, pi->pkt, pi->pkt_len,
						&pi->dst, &pi->src);
		break;
	case ERR_PARAM:
	case ERR_OPTION:
	default:
		n = sct_icmp6_emit_param_problem(
		    &w, what == ERR_OPTION ? SCT_ICMP6_PARAM_OPTION : SCT_ICMP6_PARAM_NEXTHDR, ptr,
		    pi->pkt, pi->pkt_len, &pi->dst, &pi->src);
		break;
	}
	if (n < 0 || icmp_send(h, pi->af, &pi->dst, &pi->src, 0, (size_t)n, now))
		return;
	is->OutMsgs++;
	if (!v4 && what != ERR_PORT)
		is->OutParmProbs++;
	else
		is->OutDestUnreachs++;
}

/* RFC 792 echo / RFC 4443 4.2: the same identifier, sequence number and data back. */
static int echo_reply(struct sct_host *h, const struct pkt_info *pi, const struct sct_icmp *m,
		      sct_time_t now)
{
	struct sct_host_icmp_stats *is = &h->st.icmp[pi->fam];
	struct sct_wr w = sct_wr_init(h->tx, BUF_MAX);
	int n;

	if (pi->af == SCT_AF_INET4)
		n = sct_icmp4_emit_echo_reply(&w, m);
	else
		n = sct_icmp6_emit_echo_reply(&w, m, &pi->dst, &pi->src);
	if (n < 0)
		return n;
	/* the DSCP of the request, no ECN codepoint: ICMP is not ECN-capable */
	n = icmp_send(h, pi->af, &pi->dst, &pi->src, pi->tos & 0xfc, (size_t)n, now);
	if (n)
		return n;
	is->OutMsgs++;
	is->OutEchoReps++;
	return 0;
}

/* What an ICMP error means to SCTP (RFC 9260 10). */
static void icmp_classify(const struct sct_icmp *m, bool v4, struct sct_host_icmp_report *r)
{
	r->kind = SCT_HOST_ICMP_OTHER;
	if (v4 && m->type == SCT_ICMP4_DEST_UNREACH) {
		if (m->code == SCT_ICMP4_FRAG_NEEDED)
			r->kind = SCT_HOST_ICMP_PTB;
		else if (m->code == SCT_ICMP4_PROTO_UNREACH)
			r->kind = SCT_HOST_ICMP_PROTO_UNREACH;
		else if (m->code == SCT_ICMP4_PORT_UNREACH)
			r->kind = SCT_HOST_ICMP_PORT_UNREACH;
		else
			r->kind = SCT_HOST_ICMP_UNREACH;
	} else if (!v4 && m->type == SCT_ICMP6_DEST_UNREACH) {
		r->kind = m->code == SCT_ICMP6_PORT_UNREACH ? SCT_HOST_ICMP_PORT_UNREACH
							    : SCT_HOST_ICMP_UNREACH;
	} else if (!v4 && m->type == SCT_ICMP6_PACKET_TOO_BIG) {
		r->kind = SCT_HOST_ICMP_PTB;
	} else if (!v4 && m->type == SCT_ICMP6_PARAM_PROBLEM &&
		   m->code == SCT_ICMP6_PARAM_NEXTHDR) {
		r->kind = SCT_HOST_ICMP_PROTO_UNREACH;
	}
}

static void icmp_count_in(struct sct_host_icmp_stats *is, const struct sct_icmp *m, bool v4)
{
	switch (m->type) {
	case SCT_ICMP4_DEST_UNREACH: /* 3: v4 only */
		if (v4)
			is->InDestUnreachs++;
		else
			is->InTimeExcds++; /* ICMPv6 type 3 */
		break;
	case SCT_ICMP6_DEST_UNREACH: /* 1: v6 only */
		if (!v4)
			is->InDestUnreachs++;
		break;
	case SCT_ICMP6_PACKET_TOO_BIG: /* 2 */
		if (!v4)
			is->InPktTooBigs++;
		break;
	case SCT_ICMP4_TIME_EXCEEDED:
		is->InTimeExcds++;
		break;
	case SCT_ICMP4_PARAM_PROBLEM:
		is->InParmProbs++;
		break;
	case SCT_ICMP6_PARAM_PROBLEM: /* 4: v6; v4 source quench never parses */
		if (!v4)
			is->InParmProbs++;
		break;
	default:
		break;
	}
}

/*
 * An ICMP error: report it when it quotes an SCTP packet (or RFC 6951 SCTP
 * over UDP) that one of our addresses sent.
 */
static int icmp_error_in(struct sct_host *h, const struct pkt_info *pi, const struct sct_icmp *m,
			 sct_time_t now, struct sct_host_rx *rx)
{
	struct sct_host_icmp_report *r = &rx->icmp;
	bool v4 = pi->af == SCT_AF_INET4;
	struct sct_icmp_quote q;
	int rc;

	if (pi->dk != DST_UNICAST)
		return SCT_HOST_E_ICMP_IGNORED;
	rc = sct_icmp_quote_parse(&q, pi->af, m->data, m->data_len);
	if (rc)
		return rc;
	if (!addr_find(h, &q.src))
		return SCT_HOST_E_ICMP_IGNORED;
	memset(r, 0, sizeof(*r));
	if (q.proto == SCT_IPPROTO_SCTP) {
		r->sctp = q.l4;
		r->sctp_len = q.l4_len;
	} else if (q.proto == SCT_IPPROTO_UDP && h->lim.encap_port) {
		/* RFC 6951 5.5: the SCTP packet follows the quoted UDP header */
		uint16_t sport = sct_get_u16(q.l4), dport = sct_get_u16(q.l4 + 2);

		if (sport != h->lim.encap_port && dport != h->lim.encap_port)
			return SCT_HOST_E_ICMP_IGNORED;
		r->udp = true;
		r->udp_sport = sport;
		r->udp_dport = dport;
		r->sctp = q.l4 + SCT_UDP_HDR_LEN;
		r->sctp_len = q.l4_len - SCT_UDP_HDR_LEN;
	} else {
		return SCT_HOST_E_ICMP_IGNORED;
	}
	r->type = m->type;
	r->code = m->code;
	r->src = q.src;
	r->dst = q.dst;
	icmp_classify(m, v4, r);
	if (r->kind == SCT_HOST_ICMP_PTB) {
		uint32_t mtu = m->mtu;

		if (v4 && mtu == 0)
			mtu = sct_pmtu_plateau(q.orig_len); /* RFC 1191 5: an old router */
		if (v4 && mtu < SCT_PMTU_MIN_V4)
			mtu = SCT_PMTU_MIN_V4;
		if (!v4 && mtu < SCT_PMTU_MIN_V6)
			return SCT_HOST_E_ICMP_IGNORED; /* RFC 8201 4: "must discard it" */
		/*
		 * Not applied to the PMTU cache here: anyone can send an ICMP error with a
		 * made-up quote, and only the core can check that the quoted verification
		 * tag is ours (RFC 9260 10 ICMP6).  The caller applies @mtu with
		 * sct_host_pmtu_update() once sct_stack_icmp() accepted the report.
		 */
		r->mtu = mtu;
	}
	h->st.icmp[pi->fam].InReports++;
	rx->kind = SCT_HOST_RX_ICMP;
	return 0;
}

static int icmp_input(struct sct_host *h, const struct pkt_info *pi, sct_time_t now,
		      struct sct_host_rx *rx)
{
	struct sct_host_icmp_stats *is = &h->st.icmp[pi->fam];
	bool v4 = pi->af == SCT_AF_INET4;
	struct sct_icmp m;
	int rc;

	is->InMsgs++;
	if (v4)
		rc = sct_icmp4_parse(&m, pi->l4, pi->l4_len);
	else
		rc = sct_icmp6_parse(&m, pi->l4, pi->l4_len, &pi->src, &pi->dst);
	/* RFC 4443 2.4 (a): an unknown ICMPv6 error goes up like the others */
	if (rc == SCT_WE_ICMP_TYPE && !v4 && m.is_error)
		rc = 0;
	if (rc) {
		is->InErrors++;
		return rc;
	}
	icmp_count_in(is, &m, v4);
	if (m.is_error)
		return icmp_error_in(h, pi, &m, now, rx);
	if (m.type == (v4 ? SCT_ICMP4_ECHO_REQUEST : SCT_ICMP6_ECHO_REQUEST)) {
		is->InEchos++;
		/* only sctund's own addresses; RFC 1122 3.2.2.6: broadcasts MAY be ignored */
		if (pi->dk != DST_UNICAST || !pi->endpoint)
			return SCT_HOST_E_ICMP_IGNORED;
		rc = echo_reply(h, pi, &m, now);
		return rc == -EINVAL || rc == -EMSGSIZE ? SCT_HOST_E_ICMP_IGNORED : 0;
	}
	if (m.type == (v4 ? SCT_ICMP4_ECHO_REPLY : SCT_ICMP6_ECHO_REPLY))
		is->InEchoReps++;
	return SCT_HOST_E_ICMP_IGNORED;
}

/* A whole packet to one of our addresses: hand it to its protocol. */
static int dispatch(struct sct_host *h, const struct pkt_info *pi, sct_time_t now,
		    struct sct_host_rx *rx)
{
	struct sct_host_ip_stats *st = &h->st.ip[pi->fam];
	struct sct_udp u;
	int rc;

	rx->af = pi->af;
	rx->src = pi->src;
	rx->dst = pi->dst;
	if (sct_addr_is_linklocal(&rx->src))
		rx->src.scope = pi->dst.scope; /* it came over the link of @dst */
	rx->dst_endpoint = pi->endpoint;
	rx->ecn = pi->tos & 3;
	rx->flow = pi->flow;
	rx->ttl = pi->ttl;
	rx->reassembled = pi->reassembled;

	if (pi->proto == SCT_IPPROTO_SCTP) {
		/* RFC 9260 8.4 (1): nothing to or from a non-unicast address */
		if (pi->dk != DST_UNICAST) {
			st->InDiscards++;
			return SCT_HOST_E_NON_UNICAST;
		}
		if (pi->l4_len < 12) {
			st->InDiscards++;
			return SCT_HOST_E_SCTP_SHORT;
		}
		st->InDelivers++;
		rx->kind = SCT_HOST_RX_SCTP;
		rx->data = pi->l4;
		rx->len = pi->l4_len;
		return 0;
	}
	if (pi->proto == (pi->af == SCT_AF_INET4 ? SCT_IPPROTO_ICMP : SCT_IPPROTO_ICMPV6)) {
		st->InDelivers++;
		return icmp_input(h, pi, now, rx);
	}
	if (pi->proto == SCT_IPPROTO_UDP) {
		st->InDelivers++;
		/* a datagram with a bad checksum gets no answer (RFC 1122 4.1.3.4) */
		rc = sct_udp_parse(&u, pi->l4, pi->l4_len, &pi->src, &pi->dst);
		if (rc) {
			h->st.icmp[pi->fam].UdpInErrors++;
			return rc;
		}
		h->st.icmp[pi->fam].UdpNoPorts++;
		icmp_error(h, pi, ERR_PORT, 0, now);
		return SCT_HOST_E_UDP;
	}
	/* RFC 1122 3.2.2.1 / RFC 8200 4: protocol unreachable, pointer at Next Header */
	st->InUnknownProtos++;
	icmp_error(h, pi, ERR_PROTO, (uint32_t)pi->nh_off, now);
	return SCT_HOST_E_PROTO;
}

static int input4(struct sct_host *h, const uint8_t *pkt, size_t len, sct_time_t now,
		  struct sct_host_rx *rx, bool reassembled);
static int input6(struct sct_host *h, const uint8_t *pkt, size_t len, sct_time_t now,
		  struct sct_host_rx *rx, bool reassembled);

/*
 * Hand a fragment to reassembly; when it completes its datagram, rebuild the
 * datagram as a whole packet (header without options or per-fragment
 * extension headers) and take it from the top.
 */
static int frag_input(struct sct_host *h, const struct sct_frag *f, const struct pkt_info *pi,
		      sct_time_t now, struct sct_host_rx *rx)
{
	struct sct_host_ip_stats *st = &h->st.ip[pi->fam];
	struct sct_reasm_out out;
	struct sct_wr w;
	int rc;

	st->ReasmReqds++;
	rc = sct_reasm_input(h->reasm, f, now, &out);
	if (rc < 0) {
		st->ReasmFails++;
		return rc;
	}
	if (rc == 0)
		return SCT_HOST_E_FRAG_HELD;
	w = sct_wr_init(h->rebuild, BUF_MAX);
	if (pi->af == SCT_AF_INET4) {
		struct sct_ip4 ip = {
		    .tos = pi->tos,
		    .id = (uint16_t)out.id,
		    .ttl = pi->ttl,
		    .proto = out.proto,
		    .src = out.src,
		    .dst = out.dst,
		};

		rc = sct_ip4_emit(&w, &ip, out.len);
	} else {
		struct sct_ip6 ip = {
		    .tclass = pi->tos,
		    .flow = pi->flow,
		    .hlim = pi->ttl,
		    .proto = out.proto,
		    .src = out.src,
		    .dst = out.dst,
		};

		rc = sct_ip6_emit(&w, &ip, out.len);
	}
	if (rc) {
		st->ReasmFails++;
		return SCT_WE_FRAG_TOO_BIG;
	}
	sct_wr_bytes(&w, out.data, out.len);
	st->ReasmOKs++;
	if (pi->af == SCT_AF_INET4)
		return input4(h, h->rebuild, w.off, now, rx, true);
	return input6(h, h->rebuild, w.off, now, rx, true);
}

static int input4(struct sct_host *h, const uint8_t *pkt, size_t len, sct_time_t now,
		  struct sct_host_rx *rx, bool reassembled)
{
	struct sct_host_ip_stats *st = &h->st.ip[0];
	struct pkt_info pi;
	struct sct_ip4 ip;
	int rc;

	rc = sct_ip4_parse(&ip, pkt, len);
	if (rc) {
		st->InHdrErrors++;
		return rc;
	}
	if (!src_ok(h, &ip.src, &ip.dst)) {
		st->InHdrErrors++;
		return SCT_HOST_E_BAD_SRC;
	}
	memset(&pi, 0, sizeof(pi));
	pi.af = SCT_AF_INET4;
	pi.src = ip.src;
	pi.dst = ip.dst;
	pi.dk = dst_kind(h, &pi.dst, &pi.endpoint);
	if (pi.dk == DST_NOT_LOCAL) {
		st->InAddrErrors++;
		return SCT_HOST_E_NOT_LOCAL;
	}
	pi.proto = ip.proto;
	pi.l4 = ip.payload;
	pi.l4_len = ip.payload_len;
	pi.pkt = pkt;
	pi.pkt_len = ip.tot_len;
	pi.tos = ip.tos;
	pi.ttl = ip.ttl;
	pi.reassembled = reassembled;
	if (sct_ip4_is_fragment(&ip)) {
		struct sct_frag f = {
		    .af = SCT_AF_INET4,
		    .src = ip.src,
		    .dst = ip.dst,
		    .id = ip.id,
		    .proto = ip.proto,
		    .offset = ip.frag_off,
		    .more = ip.mf,
		    .data = ip.payload,
		    .len = ip.payload_len,
		    .hdr = pkt,
		    .hdr_len = ip.hdr_len,
		};

		return frag_input(h, &f, &pi, now, rx);
	}
	return dispatch(h, &pi, now, rx);
}

/*
 * An IPv6 header chain we refuse with an ICMPv6 parameter problem (RFC 8200
 * 4: unrecognized Next Header, code 1; 4.2: an unknown option whose action
 * bits ask for one, code 2).  The fixed header was read, so @ip has the
 * addresses.
 */
static void input6_param_problem(struct sct_host *h, const struct sct_ip6 *ip, const uint8_t *pkt,
				 size_t len, int err, sct_time_t now)
{
	struct pkt_info pi;
	enum icmp_err what;

	if (err == SCT_WE_IP6_UNKNOWN_EXTHDR)
		what = ERR_PARAM;
	else if (ip->opt_action == SCT_IP6_OPT_DISCARD_ICMP ||
		 ip->opt_action == SCT_IP6_OPT_DISCARD_ICMP_UNICAST)
		what = ERR_OPTION;
	else
		return;
	memset(&pi, 0, sizeof(pi));
	pi.af = SCT_AF_INET6;
	pi.fam = 1;
	pi.src = ip->src;
	pi.dst = ip->dst;
	pi.dk = dst_kind(h, &pi.dst, &pi.endpoint);
	if (pi.dk == DST_NOT_LOCAL || !src_ok(h, &pi.src, &pi.dst))
		return;
	/* action 11: not when the destination was multicast (RFC 8200 4.2) */
	if (ip->opt_action == SCT_IP6_OPT_DISCARD_ICMP_UNICAST && pi.dk != DST_UNICAST)
		return;
	pi.pkt = pkt;
	pi.pkt_len =
	    len < SCT_IP6_HDR_LEN + (size_t)ip->plen ? len : SCT_IP6_HDR_LEN + (size_t)ip->plen;
	icmp_error(h, &pi, what, (uint32_t)ip->err_off, now);
}

static int input6(struct sct_host *h, const uint8_t *pkt, size_t len, sct_time_t now,
		  struct sct_host_rx *rx, bool reassembled)
{
	struct sct_host_ip_stats *st = &h->st.ip[1];
	struct pkt_info pi;
	struct sct_ip6 ip;
	int rc;

	memset(&ip, 0, sizeof(ip));
	rc = sct_ip6_parse(&ip, pkt, len);
	if (rc) {
		if (rc == SCT_WE_IP6_UNKNOWN_EXTHDR)
			st->InUnknownProtos++;
		else
			st->InHdrErrors++;
		if (rc == SCT_WE_IP6_UNKNOWN_EXTHDR || rc == SCT_WE_IP6_OPT_UNKNOWN)
			input6_param_problem(h, &ip, pkt, len, rc, now);
		return rc;
	}
	if (!src_ok(h, &ip.src, &ip.dst)) {
		st->InHdrErrors++;
		return SCT_HOST_E_BAD_SRC;
	}
	memset(&pi, 0, sizeof(pi));
	pi.af = SCT_AF_INET6;
	pi.fam = 1;
	pi.src = ip.src;
	pi.dst = ip.dst;
	pi.dk = dst_kind(h, &pi.dst, &pi.endpoint);
	if (pi.dk == DST_NOT_LOCAL) {
		st->InAddrErrors++;
		return SCT_HOST_E_NOT_LOCAL;
	}
	pi.proto = ip.proto;
	pi.l4 = ip.payload;
	pi.l4_len = ip.payload_len;
	pi.pkt = pkt;
	pi.pkt_len = SCT_IP6_HDR_LEN + (size_t)ip.plen;
	pi.nh_off = ip.nh_off;
	pi.tos = ip.tclass;
	pi.flow = ip.flow;
	pi.ttl = ip.hlim;
	pi.reassembled = reassembled;
	if (sct_ip6_is_fragment(&ip)) {
		struct sct_frag f = {
		    .af = SCT_AF_INET6,
		    .src = ip.src,
		    .dst = ip.dst,
		    .id = ip.frag.id,
		    .proto = ip.proto,
		    .offset = ip.frag.off,
		    .more = ip.frag.more,
		    .data = ip.payload,
		    .len = ip.payload_len,
		    .hdr = pkt,
		    .hdr_len = ip.payload_off,
		};

		return frag_input(h, &f, &pi, now, rx);
	}
	return dispatch(h, &pi, now, rx);
}

int sct_host_input(struct sct_host *h, const uint8_t *pkt, size_t len, sct_time_t now,
		   struct sct_host_rx *rx)
{
	memset(rx, 0, sizeof(*rx));
	if (len < 1 || ((pkt[0] >> 4) != 4 && (pkt[0] >> 4) != 6)) {
		h->st.InBadVersion++;
		return SCT_HOST_E_VERSION;
	}
	if ((pkt[0] >> 4) == 4) {
		h->st.ip[0].InReceives++;
		return input4(h, pkt, len, now, rx, false);
	}
	h->st.ip[1].InReceives++;
	return input6(h, pkt, len, now, rx, false);
}

/* RFC 792 / RFC 4443 3.3: time exceeded, code 1, to the source of the first fragment. */
static int reasm_timeout(struct sct_host *h, const struct sct_reasm_expired *x, sct_time_t now)
{
	struct pkt_info pi;
	struct sct_wr w = sct_wr_init(h->tx, BUF_MAX);
	size_t qlen = x->quote_len;
	int n;

	memset(&pi, 0, sizeof(pi));
	pi.af = x->af;
	pi.fam = fam_of(x->af);
	pi.src = x->src;
	pi.dst = x->dst;
	pi.dk = dst_kind(h, &pi.dst, &pi.endpoint);
	if (pi.dk != DST_UNICAST || !src_ok(h, &pi.src, &pi.dst))
		return 0;
	if (!host_icmp_token(h, now)) {
		h->st.icmp[pi.fam].OutRateLimited++;
		return 0;
	}
	if (x->af == SCT_AF_INET4) {
		/* RFC 792: the internet header plus the first 64 bits of data */
		if (qlen > (size_t)x->hdr_len + 8)
			qlen = (size_t)x->hdr_len + 8;
		n = sct_icmp4_emit_time_exceeded(&w, 1, x->quote, qlen);
	} else {
		n = sct_icmp6_emit_time_exceeded(&w, 1, x->quote, qlen, &pi.dst, &pi.src);
	}
	if (n < 0 || icmp_send(h, pi.af, &pi.dst, &pi.src, 0, (size_t)n, now))
		return 0;
	h->st.icmp[pi.fam].OutMsgs++;
	h->st.icmp[pi.fam].OutTimeExcds++;
	return 1;
}

int sct_host_advance_time(struct sct_host *h, sct_time_t now)
{
	struct sct_reasm_expired x[4];
	size_t n, i;
	int sent = 0;

	do {
		n = sct_reasm_expire(h->reasm, now, x, 4);
		for (i = 0; i < n; i++)
			sent += reasm_timeout(h, &x[i], now);
	} while (n == 4);
	sct_pmtu_expire(&h->pmtu, now);
	return sent;
}

sct_time_t sct_host_next_expiry(const struct sct_host *h)
{
	/* PMTU entries age lazily on lookup: no timer of their own */
	return sct_reasm_next_expiry(h->reasm);
}

const struct sct_host_stats *sct_host_stats(struct sct_host *h)
{
	h->st.reasm = *sct_reasm_stats(h->reasm);
	return &h->st;
}

int sct_host_check(const struct sct_host *h)
{
	size_t i, bytes = 0;

	if (h->qlen > h->lim.outq_pkts || h->naddrs > h->lim.addrs_max)
		return -EFAULT;
	for (i = 0; i < h->qlen; i++) {
		const struct outpkt *p = &h->q[(h->qhead + i) % h->lim.outq_pkts];

		if (!p->buf || !p->len)
			return -EFAULT;
		bytes += p->len;
	}
	if (bytes != h->qbytes || bytes > h->lim.outq_bytes)
		return -EFAULT;
	return sct_reasm_check(h->reasm);
}
