/* SPDX-License-Identifier: MIT */
/* endpoint.c: binding, listening, connecting and destroying endpoints. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "sctp/internal.h"

/* A wildcard restricted to one family (@v4only, @v6only) takes @a. */
static bool family_ok(bool v4only, bool v6only, const struct sct_addr *a)
{
	return !(v6only && a->af == SCT_AF_INET4) && !(v4only && a->af == SCT_AF_INET6);
}

static bool addrs_overlap(const struct sct_ep *ep, const struct sct_ep_cfg *cfg)
{
	const struct sct_addr *addrs = cfg->addrs;
	size_t i, j, n = cfg->n_addrs;

	if (ep->n_addrs == 0 && n == 0) /* two wildcards: unless of disjoint families */
		return !((ep->v4only && cfg->v6only) || (ep->v6only && cfg->v4only));
	if (ep->n_addrs == 0) {
		for (j = 0; j < n; j++)
			if (family_ok(ep->v4only, ep->v6only, &addrs[j]))
				return true;
		return false;
	}
	if (n == 0) {
		for (i = 0; i < ep->n_addrs; i++)
			if (family_ok(cfg->v4only, cfg->v6only, &ep->addrs[i]))
				return true;
		return false;
	}
	for (i = 0; i < ep->n_addrs; i++)
		for (j = 0; j < n; j++)
			if (sct_addr_eq(&ep->addrs[i], &addrs[j]))
				return true;
	return false;
}

static struct sct_ep *port_head(struct sct_stack *s, uint16_t port)
{
	struct sct_hnode *n;

	for (n = sct_hmap_first(&s->eps_by_port, port); n; n = sct_hmap_next(n)) {
		struct sct_ep *ep = sct_container_of(n, struct sct_ep, pnode);

		if (ep->port == port)
			return ep;
	}
	return NULL;
}

static bool port_free(struct sct_stack *s, uint16_t port, const struct sct_ep_cfg *cfg)
{
	struct sct_ep *ep;

	for (ep = port_head(s, port); ep; ep = ep->next_in_port)
		if (addrs_overlap(ep, cfg))
			return false;
	return true;
}

/* An endpoint that was destroyed goes when its last association goes. */
void sct_ep_free_if_unused(struct sct_ep *ep)
{
	struct sct_stack *s = ep->stack;
	struct sct_hnode *n;

	if (!ep->closing || ep->n_assocs)
		return;
	for (n = sct_hmap_first(&s->eps_by_port, ep->port); n; n = sct_hmap_next(n)) {
		struct sct_ep *head = sct_container_of(n, struct sct_ep, pnode), **pp;

		if (head->port != ep->port)
			continue;
		if (head == ep) {
			sct_hmap_remove(&s->eps_by_port, &ep->pnode);
			if (ep->next_in_port)
				sct_hmap_insert(&s->eps_by_port, &ep->next_in_port->pnode,
						ep->port);
		} else {
			for (pp = &head->next_in_port; *pp; pp = &(*pp)->next_in_port)
				if (*pp == ep) {
					*pp = ep->next_in_port;
					break;
				}
		}
		break;
	}
	sct_events_forget_ep(s, ep);
	free(ep->addrs);
	free(ep);
}

int sct_ep_create(struct sct_stack *s, const struct sct_ep_cfg *cfg, struct sct_ep **out)
{
	struct sct_ep *ep, *head;
	uint16_t port = cfg->port;
	size_t i;

	if (cfg->params) {
		int err = sct_params_check(cfg->params);

		if (err)
			return err;
	}
	for (i = 0; i < cfg->n_addrs; i++)
		if (!sct_stack_is_local(s, &cfg->addrs[i]))
			return -EADDRNOTAVAIL;
	if (port == 0) {
		/* the IANA dynamic range, 49152-65535, starting at a random point */
		uint32_t tries;

		for (tries = 0; tries < 16384; tries++) {
			uint16_t p = s->next_ephemeral;

			s->next_ephemeral = (uint16_t)(p == 65535 ? 49152 : p + 1);
			if (port_free(s, p, cfg)) {
				port = p;
				break;
			}
		}
		if (port == 0)
			return -EAGAIN;
	} else if (!port_free(s, port, cfg)) {
		return -EADDRINUSE;
	}
	ep = calloc(1, sizeof(*ep));
	if (!ep)
		return -ENOMEM;
	if (cfg->n_addrs) {
		ep->addrs = malloc(cfg->n_addrs * sizeof(*ep->addrs));
		if (!ep->addrs) {
			free(ep);
			return -ENOMEM;
		}
		memcpy(ep->addrs, cfg->addrs, cfg->n_addrs * sizeof(*ep->addrs));
		ep->n_addrs = cfg->n_addrs;
	}
	ep->stack = s;
	ep->port = port;
	ep->v6only = cfg->v6only;
	ep->v4only = cfg->v4only;
	ep->ctx = cfg->ctx;
	if (cfg->params) {
		ep->params = *cfg->params;
		ep->tuned = true;
	}
	head = port_head(s, port);
	if (head) {
		ep->next_in_port = head->next_in_port;
		head->next_in_port = ep;
	} else {
		sct_hmap_insert(&s->eps_by_port, &ep->pnode, port);
	}
	*out = ep;
	return 0;
}

void sct_ep_listen(struct sct_ep *ep, bool on)
{
	ep->listening = on;
}

uint16_t sct_ep_port(const struct sct_ep *ep)
{
	return ep->port;
}

sct_assoc_id sct_ep_find_assoc(struct sct_stack *s, struct sct_ep *ep, const struct sct_addr *addr,
			       uint16_t port)
{
	struct sct_path *p = sct_stack_find_path(s, ep->port, addr, port);

	if (!p || p->assoc->ep != ep || p->assoc->zombie)
		return 0;
	return p->assoc->id;
}

void *sct_ep_ctx(const struct sct_ep *ep)
{
	return ep->ctx;
}

void sct_ep_set_ctx(struct sct_ep *ep, void *ctx)
{
	ep->ctx = ctx;
}

void sct_ep_destroy(struct sct_ep *ep, bool graceful, sct_time_t now)
{
	struct sct_stack *s = ep->stack;
	struct sct_assoc *a, *next;

	ep->closing = true;
	ep->listening = false;
	ep->n_assocs++; /* hold the endpoint while its associations go */
	for (a = ep->assocs; a; a = next) {
		next = a->ep_next;
		a->released = true;
		if (a->zombie) {
			if (!a->on_out_list)
				sct_assoc_free(a);
		} else {
			/*
			 * An association not yet established is aborted by
			 * sct_assoc_shutdown() itself, and freed, as it is
			 * released: keep its id, not the pointer.
			 */
			sct_assoc_id id = a->id;

			if (!graceful || sct_assoc_shutdown(s, id, now) != 0)
				sct_assoc_abort(s, id, NULL, 0, now);
		}
	}
	ep->n_assocs--;
	/* with no association left it goes now; otherwise with its last association */
	sct_ep_free_if_unused(ep);
}

/* The endpoint-side of sct_ep_connect(): checks, then the association. */
int sct_ep_connect(struct sct_ep *ep, const struct sct_connect_params *p, sct_time_t now,
		   sct_assoc_id *id)
{
	struct sct_stack *s = ep->stack;
	struct sct_assoc *a;
	size_t i;
	int err;

	if (!p->n_addrs || !p->addrs || p->port == 0 || ep->closing)
		return -EINVAL;
	for (i = 0; i < p->n_addrs; i++) {
		const struct sct_path *known =
		    sct_stack_find_path(s, ep->port, &p->addrs[i], p->port);

		if (!known)
			continue;
		/* as Linux's connect(): EALREADY while that association is still being set up */
		if (known->assoc->state == SCT_COOKIE_WAIT ||
		    known->assoc->state == SCT_COOKIE_ECHOED)
			return -EALREADY;
		return -EISCONN;
	}
	if (s->n_assocs >= s->cfg.settings.max_assocs)
		return -EMFILE;
	a = sct_assoc_new(ep, now);
	if (!a)
		return -ENOMEM;
	a->peer_port = p->port;
	for (i = 0; i < p->n_addrs; i++) {
		if (p->addrs[i].af == SCT_AF_NONE || sct_addr_is_any(&p->addrs[i]) ||
		    sct_addr_is_multicast(&p->addrs[i]) || sct_addr_is_broadcast(&p->addrs[i]))
			continue;
		err = sct_assoc_add_path(a, &p->addrs[i], 0);
		if (err && err != -EEXIST) {
			a->zombie = true;
			sct_assoc_free(a);
			return err;
		}
	}
	if (a->n_paths == 0) {
		a->zombie = true;
		sct_assoc_free(a);
		return -EINVAL;
	}
	/* RFC 9260 5.4: the address the application gave is confirmed */
	a->paths[0].confirmed = true;
	a->req_os = p->os ? p->os : (uint16_t)a->par.set.init_streams;
	a->req_mis = p->mis ? p->mis : (uint16_t)a->par.set.max_instreams;
	a->max_init_retrans =
	    p->max_attempts ? p->max_attempts - 1u : a->par.set.max_init_retransmits;
	a->max_init_timeo =
	    sct_ms(p->max_init_timeo_ms ? p->max_init_timeo_ms : a->par.set.rto_max);
	err = sct_send_init(a, now);
	if (err) {
		a->zombie = true;
		sct_assoc_free(a);
		return err;
	}
	*id = a->id;
	return 0;
}
