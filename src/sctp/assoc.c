/* SPDX-License-Identifier: MIT */
/* assoc.c: association objects: creation, paths, state, closing, timer dispatch. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "sctp/internal.h"

/* RFC 6458 7.2: ids 0-2 are SCTP_FUTURE_ASSOC, SCTP_CURRENT_ASSOC and SCTP_ALL_ASSOC */
#define SCT_FIRST_ASSOC_ID 3

static sct_assoc_id alloc_id(struct sct_stack *s)
{
	for (;;) {
		sct_assoc_id id = s->next_id++;

		if (s->next_id < SCT_FIRST_ASSOC_ID)
			s->next_id = SCT_FIRST_ASSOC_ID;
		if (id >= SCT_FIRST_ASSOC_ID && !sct_stack_find_assoc(s, id))
			return id;
	}
}

struct sct_assoc *sct_assoc_new(struct sct_ep *ep, sct_time_t now)
{
	struct sct_stack *s = ep->stack;
	struct sct_assoc *a;

	(void)now;
	if (s->n_assocs >= s->cfg.settings.max_assocs)
		return NULL;
	a = calloc(1, sizeof(*a));
	if (!a)
		return NULL;
	a->stack = s;
	a->ep = ep;
	/* RFC 6458 7.2: what the endpoint holds for its future associations */
	sct_ep_params(ep, &a->par);
	a->id = alloc_id(s);
	a->local_port = ep->port;
	a->state = SCT_CLOSED;
	a->my_rwnd = a->par.set.rcvbuf;
	sct_timer_init(&a->t1, SCT_T_T1, a);
	sct_timer_init(&a->t2, SCT_T_T2, a);
	sct_timer_init(&a->t5, SCT_T_T5, a);
	sct_timer_init(&a->sack_timer, SCT_T_SACK, a);
	sct_timer_init(&a->autoclose, SCT_T_AUTOCLOSE, a);
	sct_txq_init(&a->txq);
	a->nodelay = false;
	sct_hmap_insert(&s->assocs_by_id, &a->idnode, a->id * 2654435761u);
	s->n_assocs++;
	/* link into the endpoint */
	a->ep_next = ep->assocs;
	if (ep->assocs)
		ep->assocs->ep_pprev = &a->ep_next;
	ep->assocs = a;
	a->ep_pprev = &ep->assocs;
	ep->n_assocs++;
	return a;
}

static void unlink_paths(struct sct_assoc *a)
{
	uint32_t i;

	/* paths are in the transport table exactly while the association is not a zombie */
	for (i = 0; i < a->n_paths; i++)
		sct_hmap_remove(&a->stack->transports, &a->paths[i].tnode);
}

static void stop_timers(struct sct_assoc *a)
{
	uint32_t i;

	sct_timer_stop(&a->stack->timers, &a->t1);
	sct_timer_stop(&a->stack->timers, &a->t2);
	sct_timer_stop(&a->stack->timers, &a->t5);
	sct_timer_stop(&a->stack->timers, &a->sack_timer);
	sct_timer_stop(&a->stack->timers, &a->autoclose);
	for (i = 0; i < a->n_paths; i++) {
		sct_timer_stop(&a->stack->timers, &a->paths[i].t3);
		sct_timer_stop(&a->stack->timers, &a->paths[i].hb);
	}
}

void sct_assoc_free(struct sct_assoc *a)
{
	struct sct_stack *s = a->stack;
	struct sct_ep *ep = a->ep;

	stop_timers(a);
	if (!a->zombie)
		unlink_paths(a);
	sct_hmap_remove(&s->assocs_by_id, &a->idnode);
	s->n_assocs--;
	if (a->on_out_list) {
		struct sct_assoc **pp = &s->out_head, *prev = NULL;

		while (*pp && *pp != a) {
			prev = *pp;
			pp = &(*pp)->out_next;
		}
		if (*pp) {
			*pp = a->out_next;
			if (s->out_tail == a)
				s->out_tail = prev;
		}
	}
	*a->ep_pprev = a->ep_next;
	if (a->ep_next)
		a->ep_next->ep_pprev = a->ep_pprev;
	ep->n_assocs--;
	sct_assoc_data_free(a);
	free(a->paths);
	free(a->init_chunk);
	free(a->cookie);
	free(a->ctl);
	free(a);
	sct_ep_free_if_unused(ep);
}

int sct_assoc_add_path(struct sct_assoc *a, const struct sct_addr *addr, uint16_t encap_port)
{
	struct sct_path *p, *np;
	sct_time_t t3_at[SCT_MAX_PATHS], hb_at[SCT_MAX_PATHS];
	uint32_t i, cap;

	if (sct_assoc_path(a, addr))
		return -EEXIST;
	if (a->n_paths >= a->par.set.max_init_addrs + 1 || a->n_paths >= SCT_MAX_PATHS)
		return -ENOSPC;
	if (a->n_paths && !a->paths)
		return -EINVAL; /* cannot be; said for the analyzer, which cannot know */
	cap = a->n_paths + 1;
	/* the heap and the transport table point into the array: take them out while it moves */
	for (i = 0; i < a->n_paths; i++) {
		sct_hmap_remove(&a->stack->transports, &a->paths[i].tnode);
		t3_at[i] = sct_timer_armed(&a->paths[i].t3) ? a->paths[i].t3.expiry : 0;
		hb_at[i] = sct_timer_armed(&a->paths[i].hb) ? a->paths[i].hb.expiry : 0;
		sct_timer_stop(&a->stack->timers, &a->paths[i].t3);
		sct_timer_stop(&a->stack->timers, &a->paths[i].hb);
	}
	np = realloc(a->paths, cap * sizeof(*np));
	if (np)
		a->paths = np;
	for (i = 0; i < a->n_paths; i++) {
		sct_hmap_insert(&a->stack->transports, &a->paths[i].tnode,
				sct_transport_hash(a->local_port, &a->paths[i].addr, a->peer_port));
		if (t3_at[i])
			sct_stack_timer(a->stack, &a->paths[i].t3, t3_at[i]);
		if (hb_at[i])
			sct_stack_timer(a->stack, &a->paths[i].hb, hb_at[i]);
	}
	if (!np)
		return -ENOMEM;
	p = &a->paths[a->n_paths++];
	memset(p, 0, sizeof(*p));
	p->assoc = a;
	p->addr = *addr;
	p->encap_port = encap_port;
	p->state = SCT_PATH_ACTIVE;
	p->rto = sct_ms(a->par.set.rto_initial);
	sct_path_params_init(a, p);
	sct_timer_init(&p->t3, SCT_T_T3, a);
	sct_timer_init(&p->hb, SCT_T_HB, a);
	if (a->data_ready)
		sct_path_reset_cc(a, p);
	sct_hmap_insert(&a->stack->transports, &p->tnode,
			sct_transport_hash(a->local_port, &p->addr, a->peer_port));
	return 0;
}

struct sct_path *sct_assoc_path(struct sct_assoc *a, const struct sct_addr *addr)
{
	uint32_t i;

	for (i = 0; i < a->n_paths; i++)
		if (sct_addr_eq(&a->paths[i].addr, addr))
			return &a->paths[i];
	return NULL;
}

void sct_assoc_set_state(struct sct_assoc *a, enum sct_state st)
{
	if (a->state != st)
		sct_log(SCT_LOG_DEBUG, "assoc %u: %s -> %s", a->id, sct_state_name(a->state),
			sct_state_name(st));
	a->state = st;
}

void sct_assoc_event(struct sct_assoc *a, uint16_t state, uint16_t cause, int err,
		     const uint8_t *info, size_t info_len)
{
	struct sct_event ev;

	/* RFC 6458 6.1.7 before 6.1.1's COMM_LOST, as Linux orders them */
	if (state == SCT_COMM_LOST)
		sct_assoc_pd_aborted(a);
	/* 6.1.11: the data it gives up, before the event that ends it (sendfail.c) */
	if (state == SCT_COMM_LOST || state == SCT_CANT_STR_ASSOC)
		sct_send_failed_all(a, cause);
	memset(&ev, 0, sizeof(ev));
	ev.type = SCT_EV_ASSOC_CHANGE;
	ev.assoc = a->id;
	ev.ep = a->ep;
	ev.u.assoc_change.state = state;
	ev.u.assoc_change.error = cause;
	ev.u.assoc_change.err = err;
	ev.u.assoc_change.os = a->os;
	ev.u.assoc_change.is = a->is;
	if (info_len > SCT_EVENT_INFO_MAX)
		info_len = SCT_EVENT_INFO_MAX;
	if (info && info_len)
		memcpy(ev.info, info, info_len);
	ev.info_len = (uint16_t)info_len;
	sct_event_push(a->stack, &ev, false);
}

void sct_assoc_close(struct sct_assoc *a, uint16_t how, uint16_t cause, int err,
		     const uint8_t *info, size_t info_len)
{
	if (a->zombie)
		return;
	stop_timers(a);
	unlink_paths(a);
	sct_ctl_clear(a);
	sct_assoc_set_state(a, SCT_CLOSED);
	a->zombie = true;
	sct_assoc_event(a, how, cause, err, info, info_len);
	if (a->released && !a->on_out_list)
		sct_assoc_free(a);
}

uint32_t sct_assoc_pmtu_payload(const struct sct_assoc *a, const struct sct_path *p)
{
	uint32_t over = p->addr.af == SCT_AF_INET6 ? SCT_IP6_HDR : SCT_IP4_HDR;

	if (p->encap_port)
		over += SCT_UDP_HDR;
	(void)a;
	return p->pmtu > over ? p->pmtu - over : 0;
}

void sct_assoc_timer(struct sct_assoc *a, struct sct_timer *t, sct_time_t now)
{
	switch (t->kind) {
	case SCT_T_T1:
		sct_t1_expired(a, now);
		break;
	case SCT_T_T2:
		sct_t2_expired(a, now);
		break;
	case SCT_T_T5:
		sct_t5_expired(a, now);
		break;
	case SCT_T_T3:
		a->burst = 0;
		sct_t3_expired(a, sct_container_of(t, struct sct_path, t3), now);
		break;
	case SCT_T_SACK:
		sct_sack_timer_expired(a, now);
		break;
	case SCT_T_HB:
		sct_hb_expired(a, sct_container_of(t, struct sct_path, hb), now);
		break;
	case SCT_T_AUTOCLOSE:
		sct_autoclose_expired(a, now);
		break;
	default:
		break;
	}
}

/* ---------------------------------------------------------------- public calls */

static uint8_t pi_state(const struct sct_path *p)
{
	if (!p->confirmed)
		return SCT_PI_UNCONFIRMED;
	if (p->state == SCT_PATH_INACTIVE)
		return SCT_PI_INACTIVE;
	return p->state == SCT_PATH_PF ? SCT_PI_PF : SCT_PI_ACTIVE;
}

int sct_assoc_status(struct sct_stack *s, sct_assoc_id id, struct sct_assoc_status *st)
{
	struct sct_assoc *a = sct_stack_find_assoc(s, id);

	if (!a)
		return -ENOENT;
	memset(st, 0, sizeof(*st));
	st->state = a->state;
	st->id = a->id;
	st->local_port = a->local_port;
	st->peer_port = a->peer_port;
	st->my_vtag = a->my_vtag;
	st->peer_vtag = a->peer_vtag;
	st->os = a->os;
	st->is = a->is;
	st->peer_rwnd = a->peer_rwnd;
	st->n_paths = a->n_paths;
	st->init_retransmits = a->init_retrans;
	if (a->n_paths) {
		const struct sct_path *p = &a->paths[a->primary];
		uint32_t i;

		st->primary = p->addr;
		st->primary_state = pi_state(p);
		st->rto_ms = (uint32_t)sct_to_ms(p->rto);
		st->srtt_ms = p->rtt_valid ? (uint32_t)sct_to_ms(p->srtt) : 0;
		st->cwnd = p->cwnd;
		st->ssthresh = p->ssthresh;
		for (i = 0; i < a->n_paths; i++)
			st->flight += a->paths[i].flight;
	}
	st->unacked = (uint32_t)a->txq.n_out;
	st->pending = (uint32_t)a->txq.msgs_bytes;
	st->rwnd = a->data_ready ? sct_assoc_rwnd(a) : a->my_rwnd;
	st->cum_tsn_acked = a->last_cum_acked;
	st->ctr = a->ctr;
	return 0;
}

static void path_info(const struct sct_assoc *a, uint32_t i, struct sct_path_info *o)
{
	const struct sct_path *p = &a->paths[i];

	memset(o, 0, sizeof(*o));
	o->addr = p->addr;
	o->encap_port = p->encap_port;
	o->primary = i == a->primary;
	o->state = pi_state(p);
	o->rto_ms = (uint32_t)sct_to_ms(p->rto);
	if (p->rtt_valid) {
		o->srtt_us = (uint32_t)(p->srtt / 1000);
		o->rttvar_us = (uint32_t)(p->rttvar / 1000);
	}
	o->cwnd = p->cwnd;
	o->ssthresh = p->ssthresh;
	o->flight = p->flight;
	o->pmtu = p->pmtu;
	o->error_count = p->error_count;
}

int sct_assoc_paths(struct sct_stack *s, sct_assoc_id id, struct sct_path_info *out, size_t max)
{
	struct sct_assoc *a = sct_stack_find_assoc(s, id);
	size_t i, k = 0;

	if (!a)
		return -ENOENT;
	if (max && a->n_paths)
		path_info(a, a->primary, &out[k++]);
	for (i = 0; i < a->n_paths && k < max; i++)
		if (i != a->primary)
			path_info(a, (uint32_t)i, &out[k++]);
	return (int)a->n_paths;
}

int sct_assoc_paddrs(struct sct_stack *s, sct_assoc_id id, struct sct_addr *out, size_t max)
{
	struct sct_assoc *a = sct_stack_find_assoc(s, id);
	size_t i, k = 0;

	if (!a)
		return -ENOENT;
	if (max && a->n_paths)
		out[k++] = a->paths[a->primary].addr;
	for (i = 0; i < a->n_paths && k < max; i++)
		if (i != a->primary)
			out[k++] = a->paths[i].addr;
	return (int)a->n_paths;
}

int sct_assoc_set_nodelay(struct sct_stack *s, sct_assoc_id id, bool on)
{
	struct sct_assoc *a = sct_stack_find_assoc(s, id);

	if (!a)
		return -ENOENT;
	a->nodelay = on;
	return 0;
}

void sct_assoc_release(struct sct_stack *s, sct_assoc_id id, sct_time_t now)
{
	struct sct_assoc *a = sct_stack_find_assoc(s, id);

	if (!a)
		return;
	/*
	 * Released first: an association that is still alive is then freed by
	 * sct_assoc_close() as it is aborted (or by the output path once its
	 * last packet is out), and must not be touched after the abort.
	 */
	a->released = true;
	if (!a->zombie) {
		sct_assoc_abort(s, id, NULL, 0, now);
		return;
	}
	if (!a->on_out_list)
		sct_assoc_free(a);
}
