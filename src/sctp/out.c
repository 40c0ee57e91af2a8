/* SPDX-License-Identifier: MIT */
/* out.c: building outgoing packets: association-less replies and association packets. */
#include <errno.h>
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
	if (len > 0xffff || a->ctl_len + 2 + len > sizeof(a->ctl)) {
		a->ctl_dropped++;
		return -ENOBUFS;
	}
	sct_put_u16(a->ctl + a->ctl_len, (uint16_t)len);
	memcpy(a->ctl + a->ctl_len + 2, chunk, len);
	a->ctl_len += 2 + len;
	sct_out_wake(a);
	return 0;
}

/*
 * One packet of the association's queued control chunks, to its current
 * destination: the primary path, or during setup the path INIT rotation is on.
 * RFC 9260 6.10: control chunks first, bundled up to the path MTU.
 */
int sct_out_assoc(struct sct_assoc *a, uint8_t *buf, size_t cap, struct sct_pktinfo *pi)
{
	struct sct_sctp_hdr h;
	struct sct_path *p;
	struct sct_wr w;
	size_t off = 0, limit;

	if (a->zombie || a->ctl_len == 0 || a->n_paths == 0)
		return 0;
	p = &a->paths[a->state == SCT_COOKIE_ECHOED || a->state == SCT_COOKIE_WAIT ? a->init_path
										   : a->primary];
	limit = sct_assoc_pmtu_payload(a, p);
	if (limit > cap)
		limit = cap;
	/* the first chunk always goes, even past the MTU (the IP layer fragments) */
	if ((size_t)SCT_SCTP_HDR_LEN + sct_get_u16(a->ctl) > cap)
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
	memmove(a->ctl, a->ctl + off, a->ctl_len - off);
	a->ctl_len -= off;
	if (w.err || sct_sctp_finish(&w, 0) != 0)
		return -ENOSPC;
	memset(pi, 0, sizeof(*pi));
	pi->dst = p->addr;
	pi->src = a->local_addr;
	pi->encap_dport = p->encap_port;
	pi->flags = SCT_PKT_DF;
	return (int)w.off;
}
