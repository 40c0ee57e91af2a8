/* SPDX-License-Identifier: MIT */
/* icmp.c: ICMP errors about our packets (RFC 9260 10, ICMP1-ICMP9), and the path MTU. */
#include <errno.h>
#include <string.h>

#include "sctp/internal.h"
#include "wire/chunk.h"
#include "wire/sctp.h"

/* The lowest path MTU an ICMP report may set (RFC 8201 for IPv6; IPv4 keeps 576, RFC 791). */
#define PMTU_FLOOR_V4 576
#define PMTU_FLOOR_V6 1280

/* ICMP7: lower the path MTU; what was sent too big is sent again (7.3, RFC 8201). */
static void frag_needed(struct sct_assoc *a, struct sct_path *p, uint32_t mtu)
{
	uint32_t floor = p->addr.af == SCT_AF_INET6 ? PMTU_FLOOR_V6 : PMTU_FLOOR_V4;
	uint32_t room;
	struct sct_txchunk *c;

	if (mtu == 0 || mtu >= p->pmtu || !p->pmtud)
		return; /* RFC 1191: never raise the PMTU from an ICMP; SPP_PMTUD_DISABLE: fixed */
	if (mtu < floor)
		mtu = floor;
	p->pmtu = mtu;
	room = sct_path_pmdcs(a, p);
	/* chunks in flight on that path that no longer fit were probably dropped */
	for (c = a->txq.out; c; c = c->next)
		if (c->path == (uint32_t)(p - a->paths) && c->in_flight && c->len > room)
			sct_mark_rtx(a, c);
	if (a->txq.n_rtx)
		sct_out_wake(a);
}

int sct_stack_icmp(struct sct_stack *s, const struct sct_icmp_report *r, sct_time_t now)
{
	struct sct_sctp_hdr h;
	struct sct_path *p;
	struct sct_assoc *a;

	/* ICMP5: the quoted packet (ours) names the association */
	if (r->sctp_len < 8)
		return -ENOENT;
	h.src_port = sct_get_u16(r->sctp);
	h.dst_port = sct_get_u16(r->sctp + 2);
	h.vtag = sct_get_u32(r->sctp + 4);
	p = sct_stack_find_path(s, h.src_port, &r->dst, h.dst_port);
	if (!p)
		return -ENOENT;
	a = p->assoc;
	/*
	 * ICMP6: the quoted tag must be the peer's; a tag of 0 only for an INIT
	 * whose Initiate Tag is ours, which needs the chunk header and the tag.
	 */
	if (h.vtag == 0) {
		if (r->sctp_len < 12 + 8 || r->sctp[12] != SCT_CHUNK_INIT ||
		    sct_get_u32(r->sctp + 16) != a->my_vtag)
			return -EPERM;
	} else if (h.vtag != a->peer_vtag) {
		return -EPERM;
	}
	switch (r->kind) {
	case SCT_ICMP_FRAG_NEEDED:
		frag_needed(a, p, r->mtu);
		return 0;
	case SCT_ICMP_PROTO_UNREACH:
		/* ICMP8: as an ABORT, for an INIT only in COOKIE-WAIT */
		if (h.vtag == 0 && a->state != SCT_COOKIE_WAIT)
			return 0;
		sct_assoc_close(a,
				a->state == SCT_COOKIE_WAIT || a->state == SCT_COOKIE_ECHOED
				    ? SCT_CANT_STR_ASSOC
				    : SCT_COMM_LOST,
				0, ECONNREFUSED, NULL, 0);
		return 0;
	case SCT_ICMP_PORT_UNREACH:
		return 0; /* ICMP3: ignored */
	case SCT_ICMP_HOST_UNREACH:
		/* ICMP9: count it against the path */
		if (a->state != SCT_COOKIE_WAIT && a->state != SCT_COOKIE_ECHOED)
			sct_path_error(a, p, false, now);
		return 0;
	default:
		return 0; /* ICMP1, ICMP2, ICMP4 */
	}
}
