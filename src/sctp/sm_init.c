/* SPDX-License-Identifier: MIT */
/* sm_init.c: association setup, RFC 9260 section 5: INIT, INIT ACK, COOKIE ECHO, COOKIE ACK. */

/*
 * Theory of operation
 *
 * The passive side keeps nothing for an INIT (5.1 B): everything it needs
 * goes into the State Cookie (cookie.c) of its INIT ACK, which leaves through
 * the association-less reply ring.  The association is built only from a
 * COOKIE ECHO whose MAC verifies (5.1.5).
 *
 * The active side keeps its INIT chunk as sent, because every retransmission
 * (and every INIT ACK it gives in a collision, 5.2.1) repeats it unchanged,
 * and the peer's State Cookie, for COOKIE ECHO retransmissions.  T1 backs
 * off exponentially up to max_init_timeo and rotates over the peer's
 * addresses (5.1, "SHOULD use all addresses of the peer").
 *
 * Duplicate and unexpected setup chunks (5.2) are resolved with the tie-tags:
 * random nonzero values that a TCB draws the first time it answers an INIT
 * with an INIT ACK and that its State Cookies carry back.  Table 12 of 5.2.4
 * is sf_5_2_4_cookie_with_tcb().
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "sctp/rx.h"
#include "wire/cause.h"

/* Room for our INIT/INIT ACK parameters (addresses and the rest), cookie aside. */
#define PARAMS_MAX 1024

/* ---------------------------------------------------------------- helpers */

static bool usable_peer_addr(const struct sct_addr *a)
{
	return a->af != SCT_AF_NONE && !sct_addr_is_any(a) && !sct_addr_is_multicast(a) &&
	       !sct_addr_is_broadcast(a);
}

/*
 * 5.1.2: addresses of a type this endpoint cannot use are ignored: a family its
 * socket excludes (an AF_INET socket, IPV6_V6ONLY), or one it has no address of
 * to send from.  A path it could not use would only draw heartbeats from an
 * address the peer does not know, which it answers with an ABORT (8.4).
 */
static bool ep_can_use(const struct sct_ep *ep, const struct sct_addr *peer)
{
	const struct sct_addr *list = ep->n_addrs ? ep->addrs : ep->stack->addrs;
	size_t n = ep->n_addrs ? ep->n_addrs : ep->stack->n_addrs, i;

	if ((ep->v4only && peer->af == SCT_AF_INET6) || (ep->v6only && peer->af == SCT_AF_INET4))
		return false;
	for (i = 0; i < n; i++)
		if (list[i].af == peer->af)
			return true;
	return false;
}

int sct_assoc_take_addrs(struct sct_assoc *a, const struct sct_addr *src, uint16_t encap_port,
			 const struct sct_init_params *ip)
{
	size_t i;
	int err;

	/* 5.1.2 C: the source address always, then every listed address */
	err = sct_assoc_add_path(a, src, encap_port);
	if (err && err != -EEXIST)
		return err;
	for (i = 0; ip && i < ip->n_addrs; i++) {
		if (!usable_peer_addr(&ip->addrs[i]))
			continue;
		/* a peer cannot list loopback addresses to reach us from elsewhere */
		if (sct_addr_is_loopback(&ip->addrs[i]) != sct_addr_is_loopback(src))
			continue;
		if (!ep_can_use(a->ep, &ip->addrs[i]))
			continue;
		err = sct_assoc_add_path(a, &ip->addrs[i], encap_port);
		if (err == -ENOSPC)
			break;
	}
	return 0;
}

/* Our addresses for an INIT or INIT ACK: listed only when there is more than one to offer. */
static void put_local_addrs(struct sct_wr *w, const struct sct_ep *ep, const struct sct_addr *peer)
{
	const struct sct_stack *s = ep->stack;
	const struct sct_addr *list = ep->n_addrs ? ep->addrs : s->addrs;
	size_t n = ep->n_addrs ? ep->n_addrs : s->n_addrs, i, usable = 0;
	bool lo = sct_addr_is_loopback(peer);

	for (i = 0; i < n; i++)
		if (sct_addr_is_loopback(&list[i]) == lo && !sct_addr_is_linklocal(&list[i]) &&
		    !(ep->v6only && list[i].af == SCT_AF_INET4) &&
		    !(ep->v4only && list[i].af == SCT_AF_INET6))
			usable++;
	if (usable < 2)
		return; /* 5.1.2 A: the source address says it all */
	for (i = 0; i < n; i++) {
		struct sct_param p;

		if (sct_addr_is_loopback(&list[i]) != lo || sct_addr_is_linklocal(&list[i]) ||
		    (ep->v6only && list[i].af == SCT_AF_INET4) ||
		    (ep->v4only && list[i].af == SCT_AF_INET6))
			continue;
		memset(&p, 0, sizeof(p));
		p.type = list[i].af == SCT_AF_INET4 ? SCT_PARAM_IPV4 : SCT_PARAM_IPV6;
		p.u.addr = list[i];
		p.u.addr.scope = 0;
		sct_param_emit(w, &p);
	}
}

/* Supported Address Types (RFC 9260 3.3.2.1): the families we can take. */
static void put_addr_types(struct sct_wr *w, const struct sct_ep *ep)
{
	uint16_t types[2];
	uint8_t buf[4];
	size_t n = 0;
	struct sct_param p;

	if (!ep->v6only)
		types[n++] = SCT_PARAM_IPV4;
	if (!ep->v4only)
		types[n++] = SCT_PARAM_IPV6;
	memset(&p, 0, sizeof(p));
	p.type = SCT_PARAM_SUPPORTED_ADDR_TYPES;
	p.u.addr_types = sct_u16_list_fill(buf, types, n);
	sct_param_emit(w, &p);
}

/* A parameter with no value (ECN Capable, Forward-TSN Supported). */
static void put_flag_param(struct sct_wr *w, uint16_t type)
{
	struct sct_param p;

	memset(&p, 0, sizeof(p));
	p.type = type;
	sct_param_emit(w, &p);
}

static uint32_t random_nonzero(struct sct_stack *s)
{
	return sct_rng_nonzero_u32(&s->rng);
}

/* 5.2.2: the tie-tags a TCB hands out; drawn once, then stable. */
static void ensure_tie_tags(struct sct_assoc *a)
{
	if (!a->my_tie_tag)
		a->my_tie_tag = random_nonzero(a->stack);
	if (!a->peer_tie_tag)
		a->peer_tie_tag = random_nonzero(a->stack);
}

static void abort_cause_init(struct sct_rx *rx, uint32_t itag, uint16_t code)
{
	struct sct_cause c;

	memset(&c, 0, sizeof(c));
	c.code = code;
	sct_rx_reply_abort(rx, itag, false, &c);
}

/* RFC 9260 3.3.2 / 3.3.3: the fixed fields of an INIT or INIT ACK that force an ABORT. */
static int check_init(struct sct_rx *rx, const struct sct_chunk *c, struct sct_init *init, bool ack)
{
	int rc = ack ? sct_init_ack_parse(c, init) : sct_init_parse(c, init);

	switch (rc) {
	case 0:
		return 0;
	case SCT_WE_INIT_STREAMS: /* OS or MIS zero: discard, SHOULD abort */
	case SCT_WE_INIT_RWND:	  /* a_rwnd below 1500: likewise */
		if (init->itag)
			abort_cause_init(rx, init->itag, SCT_CAUSE_INVALID_PARAM);
		return rc;
	default: /* Initiate Tag zero (silently discard) or malformed */
		return rc;
	}
}

/* The parameters of a peer's INIT/INIT ACK, with the aborts 5.1.2 B and 3.2.1 ask for. */
static int check_params(struct sct_rx *rx, const struct sct_init *init, bool ack,
			struct sct_init_params *ip)
{
	struct sct_cause cause;
	uint8_t missing[2];
	uint16_t cookie_type = SCT_PARAM_STATE_COOKIE;
	int rc;

	memset(&cause, 0, sizeof(cause));
	rc = sct_init_params_parse(init->params, init->params_len, ack, ip);
	/* an INIT ACK without State Cookie is answered below: 5.1 asks for the missing type */
	if (rc != 0 && !(rc == SCT_WE_PARAM_MISSING && ack)) {
		static const char why[] = "malformed parameter";

		cause.code = SCT_CAUSE_PROTOCOL_VIOLATION;
		cause.u.bytes.p = (const uint8_t *)why;
		cause.u.bytes.len = sizeof(why) - 1;
		sct_rx_reply_abort(rx, init->itag, false, &cause);
		return -EINVAL;
	}
	if (ip->has_host_name) {
		/* 5.1.2 B: we resolve no names */
		cause.code = SCT_CAUSE_UNRESOLVABLE_ADDR;
		cause.u.tlvs = ip->host_name_tlv;
		sct_rx_reply_abort(rx, init->itag, false, &cause);
		return -EINVAL;
	}
	if (ack && !ip->has_state_cookie) {
		cause.code = SCT_CAUSE_MISSING_PARAM;
		cause.u.missing = sct_u16_list_fill(missing, &cookie_type, 1);
		sct_rx_reply_abort(rx, init->itag, false, &cause);
		return -EINVAL;
	}
	return 0;
}

/* ---------------------------------------------------------------- INIT ACK (passive side) */

struct init_ack_args {
	const struct sct_ep *ep;
	uint32_t my_vtag, my_itsn;
	uint16_t my_os, my_mis;
	uint32_t my_tie, peer_tie;
};

/*
 * Build the State Cookie and the INIT ACK for the INIT @init and queue it to the
 * INIT's source (5.1 B: "MUST send the INIT ACK to the IP address from which it
 * received the INIT").
 */
static void send_init_ack(struct sct_rx *rx, const struct sct_init *init,
			  const struct sct_init_params *ip, const struct init_ack_args *args)
{
	struct sct_stack *s = rx->s;
	/* RFC 6458 8.1.2 sasoc_cookie_life, SO_RCVBUF: the listening endpoint's values */
	const struct sct_settings *eset = sct_ep_settings(args->ep);
	uint8_t params[PARAMS_MAX + SCT_COOKIE_MAX_LEN + 8], chunk[SCT_REPLY_MAX];
	struct sct_wr pw = sct_wr_init(params, sizeof(params));
	struct sct_wr cw = sct_wr_init(chunk, sizeof(chunk));
	struct sct_cookie ck;
	struct sct_init ack;
	uint8_t *len_field;
	size_t start, i;
	int n;

	if (init->params_len > SCT_COOKIE_MAX_PEER_PARAMS) {
		/* its parameters would not fit in a cookie: refuse with a reason */
		abort_cause_init(rx, init->itag, SCT_CAUSE_OUT_OF_RESOURCE);
		return;
	}
	put_local_addrs(&pw, args->ep, &rx->pi->src);

	memset(&ck, 0, sizeof(ck));
	ck.created = rx->now;
	ck.lifespan_ms = eset->valid_cookie_life;
	if (ip->has_cookie_preservative && s->cfg.settings.cookie_preserve_enable) {
		uint32_t inc = ip->cookie_inc_ms;

		if (inc > s->cfg.settings.max_cookie_preserve)
			inc = s->cfg.settings.max_cookie_preserve;
		ck.lifespan_ms += inc;
	}
	ck.my_vtag = args->my_vtag;
	ck.peer_vtag = init->itag;
	ck.my_itsn = args->my_itsn;
	ck.peer_itsn = init->itsn;
	ck.my_tie_tag = args->my_tie;
	ck.peer_tie_tag = args->peer_tie;
	ck.peer_rwnd = init->a_rwnd;
	ck.local_port = rx->hdr.dst_port;
	ck.peer_port = rx->hdr.src_port;
	ck.peer_os = init->os;
	ck.peer_mis = init->mis;
	ck.my_os = args->my_os;
	ck.my_mis = args->my_mis;
	ck.local_addr = rx->pi->dst;
	ck.peer_addr = rx->pi->src;
	ck.udp_port = rx->pi->encap_sport;
	if (ip->ecn_capable && s->cfg.settings.ecn_enable)
		ck.flags |= SCT_COOKIE_F_ECN;
	ck.peer_params = init->params;
	ck.peer_params_len = init->params_len;

	/* State Cookie parameter: header, then the cookie written in place */
	start = pw.off;
	sct_wr_u16(&pw, SCT_PARAM_STATE_COOKIE);
	len_field = sct_wr_reserve(&pw, 2);
	n = sct_cookie_write(&pw, &s->keys, &ck);
	if (n < 0 || !len_field)
		return;
	sct_put_u16(len_field, (uint16_t)(pw.off - start));
	sct_wr_pad4(&pw);

	/* 3.2.1: the INIT's unrecognized parameters with a report action */
	for (i = 0; i < ip->n_report; i++) {
		struct sct_param p;
		size_t before = pw.off;

		memset(&p, 0, sizeof(p));
		p.type = SCT_PARAM_UNRECOGNIZED;
		p.u.bytes = ip->report[i];
		if (sct_param_emit(&pw, &p) != 0 ||
		    pw.off + SCT_INIT_HDR_LEN + 12 > SCT_REPLY_MAX) {
			pw.off = before; /* skip what does not fit */
			pw.err = false;
		}
	}
	/* no Supported Address Types here: 3.3.3 lists it for the INIT only, and a
	 * peer stops at it (type 12: upper bits 00), losing what follows (ECN) */
	if (ip->ecn_capable && s->cfg.settings.ecn_enable)
		put_flag_param(&pw, SCT_PARAM_ECN_CAPABLE);
	/* RFC 6458 8.1.10: the listening socket's indication */
	if (args->ep->tuned)
		sct_put_adaptation(&pw, args->ep->params.adaptation_ind);
	if (pw.err)
		return;

	memset(&ack, 0, sizeof(ack));
	ack.itag = args->my_vtag;
	ack.a_rwnd = eset->rcvbuf;
	ack.os = args->my_os;
	ack.mis = args->my_mis;
	ack.itsn = args->my_itsn;
	ack.params = params;
	ack.params_len = pw.off;
	if (sct_init_ack_emit(&cw, &ack) != 0)
		return;
	sct_rx_reply(rx, init->itag, chunk, cw.off);
}

/* RFC 9260 5.1 B: an INIT to a listening endpoint with no association. */
void sct_sf_5_1_b_init(struct sct_rx *rx, const struct sct_chunk *c)
{
	struct sct_init init;
	struct sct_init_params ip;
	struct init_ack_args args;
	const struct sct_settings *set = sct_ep_settings(rx->ep);

	if (check_init(rx, c, &init, false) != 0)
		return;
	if (check_params(rx, &init, false, &ip) != 0)
		return;
	memset(&args, 0, sizeof(args));
	args.ep = rx->ep;
	args.my_vtag = random_nonzero(rx->s);
	args.my_itsn = sct_rng_u32(&rx->s->rng);
	args.my_os = (uint16_t)set->init_streams;
	args.my_mis = (uint16_t)set->max_instreams;
	send_init_ack(rx, &init, &ip, &args); /* tie-tags 0: no TCB existed (5.2.2) */
}

/* ---------------------------------------------------------------- INIT with a TCB (5.2) */

/* Addresses the INIT brings that the association does not have (5.2.1, 5.2.2). */
static size_t new_addrs(const struct sct_assoc *a, const struct sct_addr *src,
			const struct sct_init_params *ip, uint8_t *tlvs, size_t cap,
			size_t *tlv_len)
{
	struct sct_wr w = sct_wr_init(tlvs, cap);
	size_t i, n = 0;

	for (i = 0; i <= ip->n_addrs; i++) {
		const struct sct_addr *x = i == 0 ? src : &ip->addrs[i - 1];
		struct sct_param p;

		if (i > 0 && !usable_peer_addr(x))
			continue;
		if (sct_assoc_path((struct sct_assoc *)a, x))
			continue;
		n++;
		memset(&p, 0, sizeof(p));
		p.type = x->af == SCT_AF_INET4 ? SCT_PARAM_IPV4 : SCT_PARAM_IPV6;
		p.u.addr = *x;
		p.u.addr.scope = 0;
		sct_param_emit(&w, &p);
	}
	*tlv_len = w.err ? 0 : w.off;
	return n;
}

static void resend_shutdown_ack(struct sct_assoc *a);

void sct_sf_5_2_init_existing(struct sct_rx *rx, const struct sct_chunk *c)
{
	struct sct_assoc *a = rx->a;
	struct sct_init init;
	struct sct_init_params ip;
	struct init_ack_args args;
	uint8_t tlvs[512];
	size_t tlv_len;

	rx->stop = true; /* an INIT is alone in its packet */
	if (check_init(rx, c, &init, false) != 0)
		return;
	if (a->state == SCT_SHUTDOWN_ACK_SENT) {
		/* 9.2: the SHUTDOWN COMPLETE was probably lost */
		resend_shutdown_ack(a);
		return;
	}
	if (check_params(rx, &init, false, &ip) != 0)
		return;
	memset(&args, 0, sizeof(args));
	args.ep = a->ep;
	if (a->state == SCT_COOKIE_WAIT) {
		/* 5.2.1: answer with our INIT's parameters; rules 1 and 2 of 5.2.1 */
		if (!sct_assoc_path(a, &rx->pi->src))
			return;
		args.my_vtag = a->my_vtag;
		args.my_itsn = a->my_itsn;
		args.my_os = a->req_os;
		args.my_mis = a->req_mis;
		send_init_ack(rx, &init, &ip, &args);
		return;
	}
	if (new_addrs(a, &rx->pi->src, &ip, tlvs, sizeof(tlvs), &tlv_len) > 0) {
		/* 5.2.1 (COOKIE-ECHOED) and 5.2.2: a restart may not add addresses */
		struct sct_cause cause;

		memset(&cause, 0, sizeof(cause));
		cause.code = SCT_CAUSE_RESTART_NEW_ADDRS;
		cause.u.tlvs.p = tlvs;
		cause.u.tlvs.len = tlv_len;
		sct_rx_reply_abort(rx, init.itag, false, &cause);
		return;
	}
	ensure_tie_tags(a);
	args.my_tie = a->my_tie_tag;
	args.peer_tie = a->peer_tie_tag;
	if (a->state == SCT_COOKIE_ECHOED) {
		/* 5.2.1: same parameters as our INIT, tie-tags populated */
		args.my_vtag = a->my_vtag;
		args.my_itsn = a->my_itsn;
		args.my_os = a->req_os;
		args.my_mis = a->req_mis;
	} else {
		/* 5.2.2: a new Initiate Tag; the rest from the association */
		args.my_vtag = random_nonzero(rx->s);
		args.my_itsn = sct_rng_u32(&rx->s->rng);
		args.my_os = a->req_os;
		args.my_mis = a->req_mis;
	}
	send_init_ack(rx, &init, &ip, &args);
}

/* ---------------------------------------------------------------- INIT (active side) */

static void queue_init(struct sct_assoc *a)
{
	struct sct_path *p = &a->paths[a->init_path];
	struct sct_pktinfo pi;

	memset(&pi, 0, sizeof(pi));
	pi.dst = p->addr;
	pi.encap_dport = p->encap_port;
	/* 8.5.1 A: the packet carrying INIT has verification tag 0 */
	sct_reply_packet(a->stack, &pi, a->local_port, a->peer_port, 0, a->init_chunk,
			 a->init_chunk_len);
}

/* Build (or rebuild, with a Cookie Preservative) our INIT chunk. */
static int build_init(struct sct_assoc *a, uint32_t preserve_ms)
{
	uint8_t params[PARAMS_MAX], chunk[PARAMS_MAX + 64];
	struct sct_wr pw = sct_wr_init(params, sizeof(params));
	struct sct_wr cw = sct_wr_init(chunk, sizeof(chunk));
	struct sct_init init;
	uint8_t *copy;

	put_local_addrs(&pw, a->ep, &a->paths[0].addr);
	if (preserve_ms) {
		struct sct_param p;

		memset(&p, 0, sizeof(p));
		p.type = SCT_PARAM_COOKIE_PRESERVATIVE;
		p.u.cookie_inc_ms = preserve_ms;
		sct_param_emit(&pw, &p);
	}
	put_addr_types(&pw, a->ep);
	if (a->par.set.ecn_enable)
		put_flag_param(&pw, SCT_PARAM_ECN_CAPABLE);
	sct_put_adaptation(&pw, a->par.adaptation_ind); /* RFC 6458 8.1.10 */
	if (pw.err)
		return -EMSGSIZE;
	memset(&init, 0, sizeof(init));
	init.itag = a->my_vtag;
	init.a_rwnd = a->my_rwnd;
	init.os = a->req_os;
	init.mis = a->req_mis;
	init.itsn = a->my_itsn;
	init.params = params;
	init.params_len = pw.off;
	if (sct_init_emit(&cw, &init) != 0)
		return -EMSGSIZE;
	copy = malloc(cw.off);
	if (!copy)
		return -ENOMEM;
	memcpy(copy, chunk, cw.off);
	free(a->init_chunk);
	a->init_chunk = copy;
	a->init_chunk_len = cw.off;
	return 0;
}

int sct_send_init(struct sct_assoc *a, sct_time_t now)
{
	int err;

	/* 5.3.1: a fresh random tag and initial TSN per association */
	a->my_vtag = random_nonzero(a->stack);
	a->my_itsn = sct_rng_u32(&a->stack->rng);
	a->next_tsn = a->my_itsn;
	err = build_init(a, 0);
	if (err)
		return err;
	a->init_path = 0;
	a->init_retrans = 0;
	a->t1_rto = sct_ms(a->par.set.rto_initial);
	sct_assoc_set_state(a, SCT_COOKIE_WAIT);
	queue_init(a);
	sct_stack_timer(a->stack, &a->t1, now + a->t1_rto);
	return 0;
}

static void queue_cookie_echo(struct sct_assoc *a)
{
	uint8_t chunk[SCT_REPLY_MAX];
	struct sct_wr w = sct_wr_init(chunk, sizeof(chunk));
	struct sct_cookie_echo ce = {.cookie = a->cookie, .cookie_len = a->cookie_len};

	if (sct_cookie_echo_emit(&w, &ce) == 0)
		sct_ctl_queue(a, chunk, w.off);
}

/* T1-init / T1-cookie expired (5.1 C, 5.1.4, 5.1.6). */
void sct_t1_expired(struct sct_assoc *a, sct_time_t now)
{
	a->stack->stats.t1_expired++;
	if (++a->init_retrans > a->max_init_retrans) {
		sct_assoc_close(a, SCT_CANT_STR_ASSOC, 0, ETIMEDOUT, NULL, 0);
		return;
	}
	a->t1_rto *= 2;
	if (a->t1_rto > a->max_init_timeo)
		a->t1_rto = a->max_init_timeo;
	a->init_path = (a->init_path + 1) % a->n_paths;
	if (a->state == SCT_COOKIE_WAIT) {
		queue_init(a);
	} else if (a->state == SCT_COOKIE_ECHOED) {
		sct_ctl_clear(a); /* nothing but the COOKIE ECHO may go out now */
		queue_cookie_echo(a);
	}
	sct_stack_timer(a->stack, &a->t1, now + a->t1_rto);
}

/* RFC 9260 5.1 C and 5.1.4: the INIT ACK in COOKIE-WAIT. */
void sct_sf_5_1_c_init_ack(struct sct_rx *rx, const struct sct_chunk *c)
{
	struct sct_assoc *a = rx->a;
	struct sct_init init;
	struct sct_init_params ip;
	uint8_t *cookie;
	int rc;

	rx->stop = true;
	rc = check_init(rx, c, &init, true);
	if (rc == SCT_WE_INIT_STREAMS || rc == SCT_WE_INIT_RWND || rc == SCT_WE_INIT_TAG_ZERO) {
		/* 3.3.3: such an INIT ACK destroys the association */
		sct_assoc_close(a, SCT_CANT_STR_ASSOC, SCT_CAUSE_INVALID_PARAM, ECONNREFUSED,
				c->hdr, c->length);
		return;
	}
	if (rc)
		return;
	if (check_params(rx, &init, true, &ip) != 0) {
		sct_assoc_close(a, SCT_CANT_STR_ASSOC, SCT_CAUSE_INVALID_PARAM, ECONNREFUSED, NULL,
				0);
		return;
	}
	cookie = malloc(ip.state_cookie.len ? ip.state_cookie.len : 1);
	if (!cookie)
		return; /* T1 will resend the INIT */
	memcpy(cookie, ip.state_cookie.p, ip.state_cookie.len);
	free(a->cookie);
	a->cookie = cookie;
	a->cookie_len = ip.state_cookie.len;

	a->peer_vtag = init.itag;
	a->peer_itsn = init.itsn;
	if (ip.ecn_capable && a->par.set.ecn_enable)
		a->flags |= SCT_COOKIE_F_ECN;
	a->cum_tsn_recv = init.itsn - 1;
	a->peer_adaptation = ip.has_adaptation;
	a->peer_adaptation_ind = ip.adaptation;
	a->peer_rwnd = init.a_rwnd;
	/* 5.1.1 */
	a->os = a->req_os < init.mis ? a->req_os : init.mis;
	a->is = init.os < a->req_mis ? init.os : a->req_mis;
	sct_assoc_take_addrs(a, &rx->pi->src, rx->pi->encap_sport, &ip);
	rx->path = sct_assoc_path(a, &rx->pi->src); /* new paths may have moved the array */
	if (!sct_addr_eq(&a->local_addr, &rx->pi->dst) && a->local_addr.af == SCT_AF_NONE)
		a->local_addr = rx->pi->dst;
	if (rx->path)
		rx->path->confirmed = true; /* 5.4: it answered our INIT */

	sct_timer_stop(&rx->s->timers, &a->t1);
	a->init_retrans = 0;
	a->t1_rto = rx->path ? rx->path->rto : sct_ms(a->par.set.rto_initial);
	if (rx->path)
		a->init_path = (uint32_t)(rx->path - a->paths);
	sct_assoc_set_state(a, SCT_COOKIE_ECHOED);
	queue_cookie_echo(a);
	if (ip.n_report) {
		/* 3.2.1: report its unrecognized parameters after the COOKIE ECHO */
		struct sct_cause cause;
		uint8_t chunk[SCT_RX_ERR_MAX + 16];
		struct sct_wr w = sct_wr_init(chunk, sizeof(chunk));

		memset(&cause, 0, sizeof(cause));
		cause.code = SCT_CAUSE_UNRECOGNIZED_PARAMS;
		cause.u.tlvs = ip.report[0];
		if (sct_build_cause_chunk(&w, SCT_CHUNK_ERROR, 0, &cause) == 0)
			sct_ctl_queue(a, chunk, w.off);
	}
	sct_stack_timer(rx->s, &a->t1, rx->now + a->t1_rto);
}

/* ---------------------------------------------------------------- COOKIE ECHO */

/* Make @a the association the cookie describes (new, or restarted in place). */
static int assoc_from_cookie(struct sct_assoc *a, const struct sct_cookie *ck,
			     const struct sct_init_params *ip)
{
	a->my_vtag = ck->my_vtag;
	a->peer_vtag = ck->peer_vtag;
	a->my_itsn = ck->my_itsn;
	a->next_tsn = ck->my_itsn;
	a->peer_itsn = ck->peer_itsn;
	a->cum_tsn_recv = ck->peer_itsn - 1;
	a->peer_rwnd = ck->peer_rwnd;
	a->peer_port = ck->peer_port;
	a->req_os = ck->my_os;
	a->req_mis = ck->my_mis;
	a->os = ck->my_os < ck->peer_mis ? ck->my_os : ck->peer_mis;
	a->is = ck->peer_os < ck->my_mis ? ck->peer_os : ck->my_mis;
	a->flags = ck->flags;
	a->local_addr = ck->local_addr;
	a->primary = 0;
	return sct_assoc_take_addrs(a, &ck->peer_addr, ck->udp_port, ip);
}

/*
 * COOKIE ACK, first in the next packet (5.1 D); back to where the COOKIE ECHO
 * came from (6.4) when that is not the primary: it may be the only way left.
 */
static void queue_cookie_ack(struct sct_assoc *a, const struct sct_path *from)
{
	uint8_t chunk[4];
	struct sct_wr w = sct_wr_init(chunk, sizeof(chunk));
	struct sct_chunk_empty e = {0};

	if (sct_cookie_ack_emit(&w, &e) != 0)
		return;
	if (from && from != &a->paths[a->primary])
		sct_send_to_path(a, from, a->peer_vtag, chunk, w.off);
	else
		sct_ctl_queue(a, chunk, w.off);
}

static void send_stale_cookie(struct sct_rx *rx, uint32_t vtag, uint64_t staleness_us)
{
	struct sct_cause cause;
	uint8_t chunk[32];
	struct sct_wr w = sct_wr_init(chunk, sizeof(chunk));

	rx->s->stats.stale_cookies++;
	memset(&cause, 0, sizeof(cause));
	cause.code = SCT_CAUSE_STALE_COOKIE;
	cause.u.staleness_us = staleness_us > UINT32_MAX ? UINT32_MAX : (uint32_t)staleness_us;
	if (sct_build_cause_chunk(&w, SCT_CHUNK_ERROR, 0, &cause) == 0)
		sct_rx_reply(rx, vtag, chunk, w.off);
}

static void established(struct sct_assoc *a, uint16_t how, sct_time_t now)
{
	sct_timer_stop(&a->stack->timers, &a->t1);
	free(a->cookie);
	a->cookie = NULL;
	a->cookie_len = 0;
	a->init_retrans = 0;
	if (sct_assoc_data_start(a, now) != 0) {
		struct sct_cause cause;

		memset(&cause, 0, sizeof(cause));
		cause.code = SCT_CAUSE_OUT_OF_RESOURCE;
		sct_abort_assoc(a, SCT_CANT_STR_ASSOC, ENOMEM, &cause);
		return;
	}
	sct_assoc_set_state(a, SCT_ESTABLISHED);
	sct_assoc_event(a, how, 0, 0, NULL, 0);
	sct_adaptation_event(a);
	if (sct_assoc_has_data_to_send(a))
		sct_out_wake(a); /* what the application queued while we set up */
}

/* RFC 9260 5.2.4: a COOKIE ECHO for an existing association, Table 12. */
static void sf_5_2_4_cookie_with_tcb(struct sct_rx *rx, const struct sct_cookie *ck, bool expired,
				     uint64_t staleness_us)
{
	struct sct_assoc *a = rx->a;
	bool local_m = ck->my_vtag == a->my_vtag;
	bool peer_m = ck->peer_vtag == a->peer_vtag;
	bool peer_0 = a->peer_vtag == 0;
	bool ties_m = ck->my_tie_tag && ck->my_tie_tag == a->my_tie_tag &&
		      ck->peer_tie_tag == a->peer_tie_tag;
	bool ties_0 = ck->my_tie_tag == 0 && ck->peer_tie_tag == 0;
	struct sct_init_params ip;

	/* step 3: an expired cookie is only good when both tags match (case E) */
	if (expired && !(local_m && peer_m)) {
		send_stale_cookie(rx, ck->peer_vtag, staleness_us);
		rx->stop = true;
		return;
	}
	if (sct_init_params_parse(ck->peer_params, ck->peer_params_len, false, &ip) != 0)
		memset(&ip, 0, sizeof(ip));

	if (!local_m && !peer_m && ties_m) {
		/* (A) the peer restarted */
		if (a->state == SCT_SHUTDOWN_ACK_SENT) {
			struct sct_cause cause;
			uint8_t chunk[16];
			struct sct_wr w = sct_wr_init(chunk, sizeof(chunk));

			resend_shutdown_ack(a);
			memset(&cause, 0, sizeof(cause));
			cause.code = SCT_CAUSE_COOKIE_IN_SHUTDOWN;
			if (sct_build_cause_chunk(&w, SCT_CHUNK_ERROR, 0, &cause) == 0)
				sct_ctl_queue(a, chunk, w.off);
			rx->stop = true;
			return;
		}
		{
			uint32_t i;

			/* as if an ABORT then a new COOKIE ECHO: fresh paths and state; the
			 * data queued for the old peer is lost (Linux purges its outqueue
			 * and reports it, RFC 6458 6.1.11) */
			sct_send_failed_all(a, 0);
			sct_assoc_data_free(a);
			sct_txq_init(&a->txq);
			for (i = 0; i < a->n_paths; i++)
				sct_hmap_remove(&rx->s->transports, &a->paths[i].tnode);
			free(a->paths);
			a->paths = NULL;
			a->n_paths = 0;
			sct_timer_stop(&rx->s->timers, &a->t2);
			sct_timer_stop(&rx->s->timers, &a->t5);
			sct_ctl_clear(a);
			a->my_tie_tag = a->peer_tie_tag = 0;
			/* a new association starts with no error counted against it (8.1):
			 * the heartbeats the old peer left unanswered are not the new one's */
			a->assoc_errors = 0;
		}
		if (assoc_from_cookie(a, ck, &ip) != 0 || a->n_paths == 0) {
			sct_assoc_close(a, SCT_COMM_LOST, SCT_CAUSE_OUT_OF_RESOURCE, ECONNRESET,
					NULL, 0);
			rx->stop = true;
			return;
		}
		rx->path = sct_assoc_path(a, &rx->pi->src);
		if (rx->path)
			rx->path->confirmed = true;
		queue_cookie_ack(a, rx->path);
		established(a, SCT_RESTART, rx->now);
		return;
	}
	if (local_m && (!peer_m || peer_0)) {
		/* (B) a collision: the peer's tag changed; take it */
		a->peer_vtag = ck->peer_vtag;
		a->peer_itsn = ck->peer_itsn;
		a->cum_tsn_recv = ck->peer_itsn - 1;
		a->peer_rwnd = ck->peer_rwnd;
		a->os = ck->my_os < ck->peer_mis ? ck->my_os : ck->peer_mis;
		a->is = ck->peer_os < ck->my_mis ? ck->peer_os : ck->my_mis;
		sct_assoc_take_addrs(a, &ck->peer_addr, ck->udp_port, &ip);
		rx->path = sct_assoc_path(a, &rx->pi->src);
		queue_cookie_ack(a, rx->path);
		if (a->state == SCT_COOKIE_WAIT || a->state == SCT_COOKIE_ECHOED) {
			rx->s->stats.passive_estabs++;
			established(a, SCT_COMM_UP, rx->now);
		}
		return;
	}
	if (!local_m && peer_m && ties_0) {
		/* (C) our own cookie arrived late: discard, change nothing */
		rx->stop = true;
		return;
	}
	if (local_m && peer_m) {
		/* (D) a retransmitted COOKIE ECHO: our COOKIE ACK was lost */
		queue_cookie_ack(a, rx->path);
		if (a->state == SCT_COOKIE_ECHOED) {
			rx->s->stats.passive_estabs++;
			established(a, SCT_COMM_UP, rx->now);
		}
		return;
	}
	rx->stop = true; /* not in Table 12: silently discard */
}

void sct_sf_5_1_5_cookie_echo(struct sct_rx *rx, const struct sct_chunk *c)
{
	struct sct_stack *s = rx->s;
	struct sct_cookie_echo ce;
	struct sct_cookie ck;
	struct sct_init_params ip;
	struct sct_assoc *a;
	uint64_t staleness = 0;
	int rc;

	if (sct_cookie_echo_parse(c, &ce) != 0) {
		rx->stop = true;
		return;
	}
	/* steps 1 and 2: authenticate, or silently discard the whole packet */
	rc = sct_cookie_read(ce.cookie, ce.cookie_len, &s->keys, rx->now, &ck, &staleness);
	if (rc == -EBADMSG) {
		s->stats.bad_cookies++;
		rx->stop = true;
		return;
	}
	/* step 3: the ports and the tag of the packet must be the cookie's */
	if (ck.local_port != rx->hdr.dst_port || ck.peer_port != rx->hdr.src_port) {
		rx->stop = true;
		return;
	}
	if (rx->a) {
		if (rx->hdr.vtag != ck.my_vtag && rx->hdr.vtag != rx->a->my_vtag) {
			rx->stop = true;
			return;
		}
		sf_5_2_4_cookie_with_tcb(rx, &ck, rc == -ESTALE, staleness);
		return;
	}
	if (rx->hdr.vtag != ck.my_vtag) {
		rx->stop = true;
		return;
	}
	if (rc == -ESTALE) {
		/* step 4 */
		send_stale_cookie(rx, ck.peer_vtag, staleness);
		rx->stop = true;
		return;
	}
	/* step 5: the association, from the cookie alone */
	a = sct_assoc_new(rx->ep, rx->now);
	if (!a) {
		struct sct_cause cause;

		memset(&cause, 0, sizeof(cause));
		cause.code = SCT_CAUSE_OUT_OF_RESOURCE;
		sct_rx_reply_abort(rx, ck.peer_vtag, false, &cause);
		rx->stop = true;
		return;
	}
	if (sct_init_params_parse(ck.peer_params, ck.peer_params_len, false, &ip) != 0)
		memset(&ip, 0, sizeof(ip));
	if (assoc_from_cookie(a, &ck, &ip) != 0 || a->n_paths == 0) {
		a->zombie = true;
		sct_assoc_free(a);
		rx->stop = true;
		return;
	}
	a->paths[0].confirmed = true; /* the INIT's source: it answered with our cookie */
	a->peer_adaptation = ip.has_adaptation;
	a->peer_adaptation_ind = ip.adaptation;
	rx->a = a;
	rx->path = sct_assoc_path(a, &rx->pi->src);
	if (rx->path)
		rx->path->confirmed = true;
	if (sct_assoc_data_start(a, rx->now) != 0) {
		a->zombie = true;
		sct_assoc_free(a);
		rx->a = NULL;
		rx->stop = true;
		return;
	}
	/* step 6: COOKIE ACK first in the next packet */
	queue_cookie_ack(a, rx->path);
	s->stats.passive_estabs++;
	sct_assoc_set_state(a, SCT_ESTABLISHED);
	sct_assoc_event(a, SCT_COMM_UP, 0, 0, NULL, 0);
	sct_adaptation_event(a);
}

/* RFC 9260 5.1 E */
void sct_sf_5_1_e_cookie_ack(struct sct_rx *rx, const struct sct_chunk *c)
{
	(void)c;
	rx->s->stats.active_estabs++;
	established(rx->a, SCT_COMM_UP, rx->now);
}

/* RFC 9260 5.2.6, alternative 3: a new INIT asking for a longer cookie life. */
void sct_sf_5_2_6_stale_cookie(struct sct_rx *rx, uint32_t staleness_us)
{
	struct sct_assoc *a = rx->a;
	uint32_t inc_ms;

	if (a->state != SCT_COOKIE_ECHOED)
		return;
	if (++a->init_retrans > a->max_init_retrans) {
		sct_assoc_close(a, SCT_CANT_STR_ASSOC, SCT_CAUSE_STALE_COOKIE, ETIMEDOUT, NULL, 0);
		return;
	}
	/*
	 * The RFC asks for the measured RTT plus at most one second; the staleness
	 * tells how late the cookie came back, so ask for twice that, at least 1 ms,
	 * at most one second more than the path's RTO.
	 */
	inc_ms = staleness_us / 500;
	if (inc_ms == 0)
		inc_ms = 1;
	if (inc_ms > sct_to_ms(a->t1_rto) + 1000)
		inc_ms = (uint32_t)sct_to_ms(a->t1_rto) + 1000;
	free(a->cookie);
	a->cookie = NULL;
	a->cookie_len = 0;
	sct_ctl_clear(a);
	a->peer_vtag = 0;
	/*
	 * "Reattempt the setup procedure" with a fresh tag: if the peer already
	 * set up an association from one of our earlier cookies, our new tag makes
	 * its answer a restart (Table 12 case A) it can resolve; with the old tag
	 * the cookie would match X/M/M/M, which Table 12 discards.
	 */
	a->my_vtag = random_nonzero(a->stack);
	a->my_itsn = sct_rng_u32(&a->stack->rng);
	a->next_tsn = a->my_itsn;
	if (build_init(a, inc_ms) != 0)
		return;
	sct_assoc_set_state(a, SCT_COOKIE_WAIT);
	queue_init(a);
	sct_stack_timer(rx->s, &a->t1, rx->now + a->t1_rto);
}

/* ---------------------------------------------------------------- shared with sm_term.c */

static void resend_shutdown_ack(struct sct_assoc *a)
{
	uint8_t chunk[4];
	struct sct_wr w = sct_wr_init(chunk, sizeof(chunk));
	struct sct_chunk_empty e = {0};

	if (sct_shutdown_ack_emit(&w, &e) == 0)
		sct_ctl_queue(a, chunk, w.off);
}
