/* SPDX-License-Identifier: MIT */
/* out.c: building outgoing packets: association-less replies and association packets. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "sctp/internal.h"
#include "wire/sctp.h"

int sct_reply_packet(struct sct_stack *s, const struct sct_pktinfo *pi, uint16_t sport,
		     uint16_t dport, uint32_t vtag, const uint8_t *chunk, size_t chunk_len)
{
	struct sct_sctp_hdr h = {.src_port = sport, .dst_port = dport, .vtag = vtag};
	struct sct_reply *r;
	struct sct_wr w;

	if (SCT_SCTP_HDR_LEN + chunk_len > SCT_REPLY_MAX)
		return -EMSGSIZE;
	r = sct_reply_slot(s);
	if (!r)
		return -ENOBUFS;
	w = sct_wr_init(r->buf, SCT_REPLY_MAX);
	sct_sctp_hdr_emit(&w, &h);
	sct_wr_bytes(&w, chunk, chunk_len);
	if (w.err || sct_sctp_finish(&w, 0) != 0) {
		/* give the slot back: it was the last one taken */
		s->rep_count--;
		return -EMSGSIZE;
	}
	r->len = (uint16_t)w.off;
	r->pi = *pi;
	return 0;
}

/*
 * The source address of a packet to @p.  An endpoint bound to one address
 * sends from it; otherwise the IP layer picks the address that routes to the
 * destination, so that each path of a multi-homed association leaves from
 * its own local address (6.4) and the peer's replies come back the same way.
 */
static struct sct_addr source_for(const struct sct_assoc *a)
{
	struct sct_addr none;

	if (a->ep->n_addrs == 1)
		return a->ep->addrs[0];
	memset(&none, 0, sizeof(none));
	return none;
}

int sct_send_to_path(struct sct_assoc *a, const struct sct_path *p, uint32_t vtag,
		     const uint8_t *chunk, size_t len)
{
	struct sct_pktinfo pi;

	memset(&pi, 0, sizeof(pi));
	pi.dst = p->addr;
	pi.src = source_for(a);
	pi.encap_dport = p->encap_port;
	pi.flags = SCT_PKT_DF;
	return sct_reply_packet(a->stack, &pi, a->local_port, a->peer_port, vtag, chunk, len);
}

void sct_out_wake(struct sct_assoc *a)
{
	struct sct_stack *s = a->stack;

	if (a->on_out_list)
		return;
	a->on_out_list = true;
	a->out_next = NULL;
	if (s->out_tail)
		s->out_tail->out_next = a;
	else
		s->out_head = a;
	s->out_tail = a;
}

int sct_ctl_queue(struct sct_assoc *a, const uint8_t *chunk, size_t len)
{
	size_t need = a->ctl_len + 2 + len;

	if (len > 0xffff || need > SCT_CTL_MAX) {
		a->ctl_dropped++;
		return -ENOBUFS;
	}
	if (need > a->ctl_cap) {
		size_t cap = a->ctl_cap ? a->ctl_cap : 256;
		uint8_t *n;

		while (cap < need)
			cap *= 2;
		if (cap > SCT_CTL_MAX)
			cap = SCT_CTL_MAX;
		n = realloc(a->ctl, cap);
		if (!n) {
			a->ctl_dropped++;
			return -ENOMEM;
		}
		a->ctl = n;
		a->ctl_cap = (uint32_t)cap;
	}
	sct_put_u16(a->ctl + a->ctl_len, (uint16_t)len);
	memcpy(a->ctl + a->ctl_len + 2, chunk, len);
	a->ctl_len += 2 + len;
	sct_out_wake(a);
	return 0;
}

/* Drop the queued control chunks and their buffer. */
void sct_ctl_clear(struct sct_assoc *a)
{
	free(a->ctl);
	a->ctl = NULL;
	a->ctl_len = a->ctl_cap = 0;
}

/*
 * The destination of the association's next packet: during setup the path
 * INIT rotation is on; then the path the earliest chunk marked for
 * retransmission goes to (6.4: preferably another active path), else the
 * path for new data.
 */
static struct sct_path *next_dest(struct sct_assoc *a)
{
	const struct sct_txchunk *c;

	if (a->state == SCT_COOKIE_WAIT || a->state == SCT_COOKIE_ECHOED)
		return &a->paths[a->init_path];
	if (a->ctl_len == 0 && a->txq.n_rtx) {
		uint32_t i, n = a->n_paths;

		for (c = a->txq.out; c; c = c->next)
			if (c->rtx)
				break;
		for (i = 1; c && i < n; i++) {
			struct sct_path *p = &a->paths[(c->path + i) % n];

			if (p->state == SCT_PATH_ACTIVE)
				return p;
		}
	}
	if (a->sack_needed && a->sack_path < a->n_paths)
		return &a->paths[a->sack_path];
	return sct_assoc_data_path(a);
}

/*
 * One packet for the association: its queued control chunks, then a SACK if
 * one is due, then DATA (RFC 9260 6.10: control chunks first; 6.1: bundle a
 * pending SACK with outbound DATA), up to the path MTU.  Until the COOKIE ACK
 * arrives, nothing but the control queue (the COOKIE ECHO) goes (5.1 C).
 */
int sct_out_assoc(struct sct_assoc *a, uint8_t *buf, size_t cap, struct sct_pktinfo *pi,
		  sct_time_t now)
{
	struct sct_sctp_hdr h;
	struct sct_path *p;
	struct sct_wr w;
	size_t off = 0, limit;
	bool setup = a->state == SCT_COOKIE_WAIT || a->state == SCT_COOKIE_ECHOED;
	bool no_df = false, has_data = false;

	if (a->zombie || a->n_paths == 0)
		return 0;
	if (a->ctl_len == 0 && (setup || (!a->sack_needed && !sct_assoc_has_data_to_send(a))))
		return 0;
	p = next_dest(a);
	limit = sct_assoc_pmtu_payload(a, p);
	if (limit > cap)
		limit = cap;
	/* the first control chunk always goes, even past the MTU (the IP layer fragments) */
	if (a->ctl_len && (size_t)SCT_SCTP_HDR_LEN + sct_get_u16(a->ctl) > cap)
		return -ENOSPC;
	if (limit < SCT_SCTP_HDR_LEN + 4)
		return -ENOSPC;
	h.src_port = a->local_port;
	h.dst_port = a->peer_port;
	h.vtag = a->peer_vtag;
	h.checksum = 0;
	w = sct_wr_init(buf, cap);
	sct_sctp_hdr_emit(&w, &h);
	while (off < a->ctl_len) {
		size_t n = sct_get_u16(a->ctl + off);

		if (off > 0 && w.off + n > limit)
			break;
		sct_wr_bytes(&w, a->ctl + off + 2, n);
		off += 2 + n;
	}
	if (off == a->ctl_len) {
		sct_ctl_clear(a);
	} else {
		memmove(a->ctl, a->ctl + off, a->ctl_len - off);
		a->ctl_len -= (uint32_t)off;
	}
	if (!setup && w.off <= limit) {
		sct_out_sack(a, &w, limit);
		has_data = sct_out_data(a, p, &w, limit, now, &no_df) > 0;
	}
	if (w.off == SCT_SCTP_HDR_LEN)
		return 0; /* nothing could go (window or cwnd closed) */
	if (w.err || sct_sctp_finish(&w, 0) != 0)
		return -ENOSPC;
	memset(pi, 0, sizeof(*pi));
	pi->dst = p->addr;
	pi->src = source_for(a);
	pi->encap_dport = p->encap_port;
	pi->flags = no_df ? 0 : SCT_PKT_DF;
	/* ECN-capable transport, ECT(0), on packets with DATA once both sides agreed */
	if (has_data && (a->flags & SCT_COOKIE_F_ECN))
		pi->ecn = 2;
	return (int)w.off;
}
