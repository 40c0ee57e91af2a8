/* SPDX-License-Identifier: MIT */
/* node.c: a simulated host around one struct sct_stack (see node.h). */

/*
 * The node is the stack's caller, as the daemon is: it hands the stack
 * each packet a link delivers (sct_stack_input), then drains everything the
 * stack wants to send (sct_stack_output) into the link its routing table
 * names for the destination, collects the stack's events, and keeps one
 * simulator event armed at sct_stack_next_expiry() that calls
 * sct_stack_advance_time().  When the expiry moves, a new event is
 * scheduled with a new tag; the old one fires and is ignored.
 */
#include "node.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "link.h"
#include "sctp/internal.h" /* node_pending_timers(): the stack's timer heap */

static int new_stack(struct node *n)
{
	struct sct_stack_cfg cfg;
	size_t i;

	sct_stack_cfg_defaults(&cfg);
	cfg.settings = n->set;
	/* each stack a node ever has gets its own stream */
	sim_rng_stream(n->sim, &n->rng, "node", (uint64_t)n->index << 16 | n->generation);
	cfg.rng = n->rng.rng;
	n->created = n->sim->now;
	n->st = sct_stack_new(&cfg, n->sim->now);
	if (!n->st)
		return -ENOMEM;
	n->ev_gen_start = n->n_ev;
	for (i = 0; i < n->n_addrs; i++) {
		int rc = sct_stack_add_addr(n->st, &n->addrs[i]);

		if (rc)
			return rc;
	}
	return 0;
}

int node_init(struct node *n, struct sim *sim, const char *name, uint32_t index, const char *addr,
	      const struct sct_settings *set)
{
	memset(n, 0, sizeof(*n));
	snprintf(n->name, sizeof(n->name), "%s", name);
	n->sim = sim;
	n->index = index;
	n->timer_at = SCT_TIME_NEVER;
	if (set)
		n->set = *set;
	else
		sct_settings_defaults(&n->set);
	if (sct_addr_parse(&n->addr, addr) != 0)
		return -EINVAL;
	n->addrs[0] = n->addr;
	n->n_addrs = 1;
	return new_stack(n);
}

void node_free(struct node *n)
{
	sct_stack_free(n->st);
	n->st = NULL;
	free(n->ev);
	n->ev = NULL;
	n->n_ev = n->cap_ev = 0;
}

int node_add_addr(struct node *n, const char *addr)
{
	struct sct_addr a;

	if (sct_addr_parse(&a, addr) != 0)
		return -EINVAL;
	if (n->n_addrs == NODE_MAX_ADDRS)
		return -ENOSPC;
	n->addrs[n->n_addrs++] = a;
	return sct_stack_add_addr(n->st, &a);
}

int node_add_route_from(struct node *n, const struct sct_addr *dst, const struct sct_addr *src,
			struct link *l)
{
	if (n->n_routes == NODE_MAX_ROUTES)
		return -ENOSPC;
	n->routes[n->n_routes].dst = *dst;
	n->routes[n->n_routes].src = *src;
	n->routes[n->n_routes].link = l;
	n->n_routes++;
	return 0;
}

int node_add_route(struct node *n, const struct sct_addr *dst, struct link *l)
{
	return node_add_route_from(n, dst, &n->addr, l);
}

static const struct node_route *route(const struct node *n, const struct sct_addr *dst)
{
	size_t i;

	for (i = 0; i < n->n_routes; i++)
		if (sct_addr_eq(&n->routes[i].dst, dst))
			return &n->routes[i];
	return NULL;
}

static bool is_mine(const struct node *n, const struct sct_addr *a)
{
	size_t i;

	for (i = 0; i < n->n_addrs; i++)
		if (sct_addr_eq(&n->addrs[i], a))
			return true;
	return false;
}

static void drain_output(struct node *n)
{
	for (;;) {
		const struct node_route *rt;
		struct sct_pktinfo pi;
		struct sim_pkt *p;
		int len;

		memset(&pi, 0, sizeof(pi));
		len = sct_stack_output(n->st, n->buf, sizeof(n->buf), &pi, n->sim->now);
		if (len <= 0)
			break;
		n->c.out++;
		rt = route(n, &pi.dst);
		/*
		 * The IP layer's choice: the source address of the route.  It also
		 * overrides the core's, which names the address the association was
		 * set up on whatever the path (a multi-homed host sends from the
		 * interface the route takes, as Linux's SCTP does).
		 */
		if (pi.src.af == SCT_AF_NONE || (rt && !sct_addr_eq(&pi.src, &rt->src)))
			pi.src = rt ? rt->src : n->addr;
		if (!rt) {
			char a[64];

			n->c.no_route++;
			sim_log(n->sim, "%-8s no route to %s", n->name,
				sct_addr_fmt(&pi.dst, a, sizeof(a)));
			continue;
		}
		p = sim_pkt_new(n->sim, n->buf, (size_t)len);
		if (!p)
			continue;
		p->pi = pi;
		link_send(rt->link, p);
	}
}

static void poll_events(struct node *n)
{
	struct sct_assoc_status ps;
	struct sct_event ev;

	while (sct_stack_poll_event(n->st, &ev)) {
		if (n->n_ev == n->cap_ev) {
			size_t cap = n->cap_ev ? n->cap_ev * 2 : 16;
			struct node_event *v = realloc(n->ev, cap * sizeof(*v));

			if (!v)
				return;
			n->ev = v;
			n->cap_ev = cap;
		}
		memset(&n->ev[n->n_ev], 0, sizeof(n->ev[n->n_ev]));
		n->ev[n->n_ev].t = n->sim->now;
		n->ev[n->n_ev].ev = ev;
		if (sct_assoc_status(n->st, ev.assoc, &ps) == 0) {
			n->ev[n->n_ev].local_port = ps.local_port;
			n->ev[n->n_ev].peer_port = ps.peer_port;
			n->ev[n->n_ev].my_vtag = ps.my_vtag;
			n->ev[n->n_ev].peer_vtag = ps.peer_vtag;
		}
		n->n_ev++;
		if (ev.type == SCT_EV_ASSOC_CHANGE)
			sim_log(n->sim, "%-8s event assoc %u change %u (error %u, errno %d)",
				n->name, ev.assoc, ev.u.assoc_change.state, ev.u.assoc_change.error,
				ev.u.assoc_change.err);
		else
			sim_log(n->sim, "%-8s event type %u assoc %u", n->name, ev.type, ev.assoc);
	}
}

static void timer_fired(struct sim *sim, void *ctx, struct sim_pkt *pkt, uint64_t tag)
{
	struct node *n = ctx;

	(void)pkt;
	if (tag != n->timer_tag || !n->st)
		return; /* superseded */
	n->timer_at = SCT_TIME_NEVER;
	sct_stack_advance_time(n->st, sim->now);
	node_kick(n);
}

static void arm_timer(struct node *n)
{
	sct_time_t next = sct_stack_next_expiry(n->st);

	if (next == n->timer_at)
		return;
	n->timer_tag++;
	n->timer_at = next;
	if (next != SCT_TIME_NEVER)
		sim_at(n->sim, next, timer_fired, n, NULL, n->timer_tag);
}

void node_kick(struct node *n)
{
	drain_output(n);
	poll_events(n);
	if (n->app && !n->in_app) {
		/* the application acts on what just happened; what it queues goes now */
		n->in_app = true;
		n->app(n, n->app_ctx);
		n->in_app = false;
		drain_output(n);
		poll_events(n);
	}
	arm_timer(n);
}

void node_deliver(struct node *n, struct link *from, struct sim_pkt *pkt)
{
	struct sct_pktinfo in;
	int rc;

	(void)from;
	if (!n->st || !is_mine(n, &pkt->pi.dst)) {
		free(pkt);
		return;
	}
	memset(&in, 0, sizeof(in));
	in.src = pkt->pi.src;
	in.dst = pkt->pi.dst;
	n->c.in++;
	rc = sct_stack_input(n->st, &in, pkt->buf, pkt->len, n->sim->now);
	if (rc == -ENOENT)
		n->c.in_ootb++;
	else if (rc < 0)
		n->c.in_malformed++;
	if (pkt->corrupted) {
		n->c.corrupt_in++;
		if (rc < 0 && rc != -ENOENT)
			n->c.corrupt_caught++;
	}
	if (rc < 0)
		sim_log(n->sim, "%-8s #%-5u input rc=%d", n->name, pkt->id, rc);
	free(pkt);
	node_kick(n);
}

int node_restart(struct node *n)
{
	sct_stack_free(n->st);
	n->st = NULL;
	n->generation++;
	sim_log(n->sim, "%-8s reboots (stack generation %u)", n->name, n->generation);
	if (new_stack(n) != 0)
		return -ENOMEM;
	node_kick(n);
	return 0;
}

uint32_t node_pending_timers(const struct node *n)
{
	const struct sct_timer_heap *h = &n->st->timers;
	uint32_t i, k = 0;

	for (i = 0; i < h->n; i++) {
		const struct sct_timer *t = h->v[i];

		if (t == &n->st->key_timer)
			continue;
		/* RFC 9260 8.3: an established association probes its idle paths for ever */
		if (t->kind == SCT_T_HB &&
		    ((const struct sct_assoc *)t->owner)->state == SCT_ESTABLISHED)
			continue;
		k++;
	}
	return k;
}

uint32_t node_assocs(const struct node *n)
{
	return n->st->n_assocs;
}

size_t node_count_events(const struct node *n, int type, int state, sct_assoc_id id)
{
	size_t i, k = 0;

	for (i = n->ev_gen_start; i < n->n_ev; i++) {
		const struct sct_event *e = &n->ev[i].ev;

		if (e->type != type || (id && e->assoc != id))
			continue;
		if (type == SCT_EV_ASSOC_CHANGE && state >= 0 && e->u.assoc_change.state != state)
			continue;
		k++;
	}
	return k;
}

int node_last_change(const struct node *n, sct_assoc_id id)
{
	size_t i;
	int last = -1;

	for (i = n->ev_gen_start; i < n->n_ev; i++)
		if (n->ev[i].ev.type == SCT_EV_ASSOC_CHANGE && n->ev[i].ev.assoc == id)
			last = n->ev[i].ev.u.assoc_change.state;
	return last;
}
