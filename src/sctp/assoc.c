/* SPDX-License-Identifier: MIT */
/* assoc.c: association objects: creation, paths, state, closing, timer dispatch. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "sctp/internal.h"

static sct_assoc_id alloc_id(struct sct_stack *s)
{
	for (;;) {
		sct_assoc_id id = s->next_id++;

		if (s->next_id == 0)
			s->next_id = 1;
		if (id != 0 && !sct_stack_find_assoc(s, id))
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
	a->set = s->cfg.settings;
	a->id = alloc_id(s);
	a->local_port = ep->port;
	a->state = SCT_CLOSED;
	a->my_rwnd = a->set.rcvbuf;
	sct_timer_init(&a->t1, SCT_T_T1, a);
	sct_timer_init(&a->t2, SCT_T_T2, a);
	sct_timer_init(&a->t5, SCT_T_T5, a);
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
	sct_timer_stop(&a->stack->timers, &a->t1);
	sct_timer_stop(&a->stack->timers, &a->t2);
	sct_timer_stop(&a->stack->timers, &a->t5);
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
	free(a->paths);
	free(a->init_chunk);
	free(a->cookie);
	free(a);
	sct_ep_free_if_unused(ep);
}

int sct_assoc_add_path(struct sct_assoc *a, const struct sct_addr *addr, uint16_t encap_port)
{
	struct sct_path *p, *np;
	uint32_t i, cap;

	if (sct_assoc_path(a, addr))
		return -EEXIST;
	if (a->n_paths >= a->set.max_init_addrs + 1)
		return -ENOSPC;
	/* paths are few and are re-linked into the transport table when the array moves */
	cap = a->n_paths + 1;
	for (i = 0; i < a->n_paths; i++)
		sct_hmap_remove(&a->stack->transports, &a->paths[i].tnode);
	np = realloc(a->paths, cap * sizeof(*np));
	if (!np) {
		for (i = 0; i < a->n_paths; i++)
			sct_hmap_insert(&a->stack->transports, &a->paths[i].tnode,
					sct_transport_hash(a->local_port, &a->paths[i].addr,
							   a->peer_port));
		return -ENOMEM;
	}
	a->paths = np;
	p = &a->paths[a->n_paths++];
	memset(p, 0, sizeof(*p));
	p->assoc = a;
	p->addr = *addr;
	p->encap_port = encap_port;
	p->state = SCT_PATH_ACTIVE;
	p->rto = sct_ms(a->set.rto_initial);
	p->pmtu = a->stack->cfg.mtu;
	for (i = 0; i < a->n_paths; i++)
		sct_hmap_insert(&a->stack->transports, &a->paths[i].tnode,
				sct_transport_hash(a->local_port, &a->paths[i].addr, a->peer_port));
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
	a->ctl_len = 0;
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
	default:
		break;
	}
}

/* ---------------------------------------------------------------- public calls */

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
		st->primary = a->paths[a->primary].addr;
		st->rto_ms = (uint32_t)sct_to_ms(a->paths[a->primary].rto);
	}
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
