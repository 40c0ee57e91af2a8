/* SPDX-License-Identifier: MIT */
/* world.c: scaffolding the simulator's scenarios share (see world.h). */
#include "world.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct world *world_new(uint64_t seed, int verbose)
{
	struct world *w = calloc(1, sizeof(*w));
	struct sct_settings *s;
	struct sim_rng r;

	if (!w)
		return NULL;
	sim_init(&w->sim, seed, 1 * SCT_NSEC_PER_SEC, verbose);
	s = &w->set;
	sct_settings_defaults(s);
	/* RFC 9260 15 defaults, or shorter timers so that a sweep covers more ground */
	if (sim_chance(&w->sim.rng, 0.5)) {
		s->rto_initial = (uint32_t)sim_range(&w->sim.rng, 50, 3000);
		s->rto_min = (uint32_t)sim_range(&w->sim.rng, 10, s->rto_initial);
		s->rto_max = (uint32_t)sim_range(&w->sim.rng, s->rto_initial, 60000);
		s->valid_cookie_life = (uint32_t)sim_range(&w->sim.rng, 5000, 60000);
	}
	/*
	 * HB.interval from a stream of its own, so that the draws above (and every seed
	 * that found a bug before heartbeats existed) stay what they were: the default
	 * 30 s half the time, else anything from 100 ms, so that failure detection and
	 * half-open cleanup happen many times within a run.
	 */
	sim_rng_stream(&w->sim, &r, "hb", 0);
	if (sim_chance(&r, 0.5))
		s->hb_interval = (uint32_t)sim_range(&r, 100, 30000);
	sim_log(&w->sim,
		"settings: rto_initial=%u rto_min=%u rto_max=%u cookie_life=%u "
		"max_init_retransmits=%u assoc_max_retrans=%u hb_interval=%u",
		s->rto_initial, s->rto_min, s->rto_max, s->valid_cookie_life,
		s->max_init_retransmits, s->association_max_retrans, s->hb_interval);
	return w;
}

void world_free(struct world *w)
{
	size_t i;

	if (!w)
		return;
	for (i = 0; i < w->n_nodes; i++)
		node_free(&w->nodes[i]);
	sim_free(&w->sim);
	free(w);
}

void world_fail(struct world *w, const char *fmt, ...)
{
	va_list ap;

	if (w->failed)
		return;
	w->failed = true;
	va_start(ap, fmt);
	vsnprintf(w->why, sizeof(w->why), fmt, ap);
	va_end(ap);
	sim_log(&w->sim, "FAILED: %s", w->why);
}

struct node *world_node(struct world *w, const char *name, const char *addr)
{
	struct node *n;

	if (w->n_nodes == WORLD_MAX_NODES) {
		world_fail(w, "too many nodes");
		return NULL;
	}
	n = &w->nodes[w->n_nodes];
	if (node_init(n, &w->sim, name, (uint32_t)w->n_nodes, addr, &w->set) != 0) {
		node_free(n);
		world_fail(w, "node %s: cannot create its stack", name);
		return NULL;
	}
	w->n_nodes++;
	return n;
}

void world_draw_link(struct world *w, const struct world_limits *lim, struct link_params *p)
{
	struct sim_rng *r = &w->sim.rng;

	memset(p, 0, sizeof(*p));
	p->delay = sim_range(r, 100, 200000) * SCT_NSEC_PER_USEC;
	p->jitter = sim_chance(r, 0.5) ? sim_range(r, 0, p->delay / 2) : 0;
	p->jitter_normal = sim_chance(r, 0.5);
	p->rate_bps = sim_chance(r, 0.5) ? sim_range(r, 64000, 100000000) : 0;
	p->loss = sim_unit(r) * lim->loss_max;
	if (lim->impairments) {
		if (sim_chance(r, 0.3)) {
			p->ge_p_bad = 0.01 + sim_unit(r) * 0.1;
			p->ge_p_good = 0.2 + sim_unit(r) * 0.5;
			p->ge_loss_bad = 0.3 + sim_unit(r) * 0.7;
		}
		p->queue_pkts = sim_chance(r, 0.3) ? (uint32_t)sim_range(r, 4, 64) : 0;
		p->dup = sim_unit(r) * 0.05;
		p->reorder = sim_unit(r) * 0.1;
		p->reorder_extra = sim_range(r, 1, 2 * p->delay / 1000 + 1) * 1000;
		p->corrupt = sim_unit(r) * 0.05;
		/* sometimes a packet is held for seconds: late and stale setup chunks */
		if (sim_chance(r, 0.2))
			p->reorder_extra = sim_range(r, 1000, 90000) * SCT_NSEC_PER_MSEC;
	}
	if (lim->zero_loss) {
		p->loss = 0;
		p->ge_p_bad = 0;
		p->queue_pkts = 0;
		p->corrupt = 0;
	}
}

int world_wire_addrs(struct world *w, struct node *a, const struct sct_addr *aa, struct node *b,
		     const struct sct_addr *ba_addr, const struct link_params *ab,
		     const struct link_params *ba)
{
	char name[40];
	struct link *l;
	const char *sfx;

	if (w->n_links + 2 > WORLD_MAX_LINKS)
		return -ENOSPC;
	/* a second pair between the same hosts is told apart by its number */
	sfx = sct_addr_eq(aa, &a->addr) ? "" : "'";

	l = &w->links[w->n_links];
	snprintf(name, sizeof(name), "%s>%s%s", a->name, b->name, sfx);
	link_init(l, &w->sim, name, w->n_links, b, ab);
	node_add_route_from(a, ba_addr, aa, l);
	link_params_print(&w->sim, name, ab);
	l = &w->links[w->n_links + 1];
	snprintf(name, sizeof(name), "%s>%s%s", b->name, a->name, sfx);
	link_init(l, &w->sim, name, w->n_links + 1, a, ba);
	node_add_route_from(b, aa, ba_addr, l);
	link_params_print(&w->sim, name, ba);
	w->n_links += 2;
	return 0;
}

int world_wire(struct world *w, struct node *a, struct node *b, const struct link_params *ab,
	       const struct link_params *ba)
{
	return world_wire_addrs(w, a, &a->addr, b, &b->addr, ab, ba);
}

void world_maybe_outage(struct world *w, struct link *l, sct_time_t within)
{
	struct sim_rng *r = &w->sim.rng;
	bool on = sim_chance(r, 0.3);
	sct_time_t from = w->sim.now + sim_range(r, 0, within);
	sct_time_t len = sim_range(r, 100, 120000) * SCT_NSEC_PER_MSEC;
	struct link_params p = l->p;

	if (!on)
		return;
	p.down = true;
	link_change_at(l, from, &p);
	p.down = false;
	link_change_at(l, from + len, &p);
}

void world_run(struct world *w, sct_time_t d)
{
	sim_run_until(&w->sim, w->sim.now + d);
}

struct sct_ep *world_endpoint(struct world *w, struct node *n, uint16_t port, bool listen)
{
	struct sct_ep_cfg ec;
	struct sct_ep *ep = NULL;
	int rc;

	memset(&ec, 0, sizeof(ec));
	ec.port = port;
	rc = sct_ep_create(n->st, &ec, &ep);
	if (rc != 0) {
		world_fail(w, "%s: sct_ep_create(%u) = %d", n->name, port, rc);
		return NULL;
	}
	sct_ep_listen(ep, listen);
	return ep;
}

sct_assoc_id world_connect(struct world *w, struct node *from, struct sct_ep *ep, struct node *to,
			   uint16_t port)
{
	struct sct_connect_params p;
	sct_assoc_id id = 0;
	int rc;

	memset(&p, 0, sizeof(p));
	p.port = port;
	p.addrs = &to->addr;
	p.n_addrs = 1;
	rc = sct_ep_connect(ep, &p, w->sim.now, &id);
	if (rc != 0) {
		world_fail(w, "%s: sct_ep_connect = %d", from->name, rc);
		return 0;
	}
	sim_log(&w->sim, "%-8s connect: assoc %u to %s port %u", from->name, id, to->name, port);
	node_kick(from);
	return id;
}

static sct_assoc_id peer_of(struct node *n, const struct sct_assoc_status *st, bool loose)
{
	size_t i;

	/* every association a stack has announced itself through an event */
	for (i = n->ev_gen_start; i < n->n_ev; i++) {
		struct sct_assoc_status ps;
		sct_assoc_id id = n->ev[i].ev.assoc;

		if (n->ev[i].ev.type != SCT_EV_ASSOC_CHANGE)
			continue;
		if (sct_assoc_status(n->st, id, &ps) != 0 || ps.state == SCT_CLOSED)
			continue;
		if (ps.peer_vtag == st->my_vtag && (loose || ps.my_vtag == st->peer_vtag) &&
		    ps.local_port == st->peer_port && ps.peer_port == st->local_port)
			return id;
	}
	return 0;
}

sct_assoc_id world_peer_of(struct node *n, const struct sct_assoc_status *st)
{
	return peer_of(n, st, false);
}

uint32_t world_open_assocs(struct node *n)
{
	uint32_t k = 0;
	sct_assoc_id seen[256];
	size_t n_seen = 0, i, j;

	for (i = n->ev_gen_start; i < n->n_ev; i++) {
		struct sct_assoc_status ps;
		sct_assoc_id id = n->ev[i].ev.assoc;

		for (j = 0; j < n_seen && seen[j] != id; j++)
			;
		if (j < n_seen || n->ev[i].ev.type != SCT_EV_ASSOC_CHANGE)
			continue;
		if (n_seen < sizeof(seen) / sizeof(seen[0]))
			seen[n_seen++] = id;
		if (sct_assoc_status(n->st, id, &ps) == 0 && ps.state != SCT_CLOSED)
			k++;
	}
	return k;
}

bool world_check_setup(struct world *w, struct node *a, sct_assoc_id id, struct node *z)
{
	size_t up = node_count_events(a, SCT_EV_ASSOC_CHANGE, SCT_COMM_UP, id);
	size_t cant = node_count_events(a, SCT_EV_ASSOC_CHANGE, SCT_CANT_STR_ASSOC, id);
	struct sct_assoc_status st;
	sct_assoc_id zid;

	if (sct_assoc_status(a->st, id, &st) != 0) {
		world_fail(w, "%s: assoc %u vanished", a->name, id);
		return false;
	}
	if (up + cant != 1) {
		world_fail(w, "%s: assoc %u: %zu COMM_UP and %zu CANT_STR_ASSOC (state %s)",
			   a->name, id, up, cant, sct_state_name(st.state));
		return false;
	}
	if (cant) {
		/* Z may hold what A gave up on (every COOKIE ACK lost): Z's heartbeats
		 * draw an ABORT, or go unanswered; world_finish() times it */
		if (st.state != SCT_CLOSED)
			world_fail(w, "%s: assoc %u failed but is %s", a->name, id,
				   sct_state_name(st.state));
		return false;
	}
	if (st.state == SCT_CLOSED) {
		/*
		 * Up, then lost: Association.Max.Retrans heartbeats in a row unanswered
		 * (8.1, 8.3; an outage or a loss burst longer than the failure detection
		 * time), or an ABORT.  Never a graceful end nobody asked for.
		 */
		if (node_last_change(a, id) != SCT_COMM_LOST)
			world_fail(w, "%s: assoc %u came up, now CLOSED with change %d", a->name,
				   id, node_last_change(a, id));
		return false;
	}
	if (st.state != SCT_ESTABLISHED) {
		world_fail(w, "%s: assoc %u came up but is %s", a->name, id,
			   sct_state_name(st.state));
		return false;
	}
	zid = peer_of(z, &st, false);
	if (!zid)
		return false; /* Z lost it (or never had it): world_finish() times it */
	if (sct_assoc_status(z->st, zid, &st) != 0 || st.state != SCT_ESTABLISHED) {
		world_fail(w, "%s: assoc %u is %s, its peer is ESTABLISHED", z->name, zid,
			   sct_state_name(st.state));
		return false;
	}
	return true;
}

sct_time_t world_detect_bound(const struct world *w)
{
	const struct sct_settings *s = &w->set;
	sct_time_t per = sct_ms(s->rto_max) * 3 / 2 + sct_ms(s->hb_interval);

	/* RFC 9260 8.3: one HEARTBEAT per RTO + HB.interval (+ RTO / 2 jitter), the RTO
	 * backed off to at most RTO.Max; the association is lost after
	 * Association.Max.Retrans + 1 of them unanswered (8.1); one more period for the
	 * probe that was already scheduled */
	return (sct_time_t)(s->association_max_retrans + 2) * per;
}

static struct node *node_at(struct world *w, const struct sct_addr *a)
{
	size_t i, k;

	for (i = 0; i < w->n_nodes; i++)
		for (k = 0; k < w->nodes[i].n_addrs; k++)
			if (sct_addr_eq(&w->nodes[i].addrs[k], a))
				return &w->nodes[i];
	return NULL;
}

/*
 * When the peer stopped holding the association @st describes: the latest end (or
 * setup failure) event of one with the mirrored ports, or the peer's reboot.
 */
static sct_time_t peer_gone_since(const struct node *m, const struct sct_assoc_status *st)
{
	sct_time_t t = m->generation ? m->created : 0;
	size_t i;

	for (i = m->ev_gen_start; i < m->n_ev; i++) {
		const struct node_event *e = &m->ev[i];

		if (e->ev.type != SCT_EV_ASSOC_CHANGE || e->local_port != st->peer_port ||
		    e->peer_port != st->local_port)
			continue;
		if (e->ev.u.assoc_change.state == SCT_COMM_LOST ||
		    e->ev.u.assoc_change.state == SCT_CANT_STR_ASSOC ||
		    e->ev.u.assoc_change.state == SCT_SHUTDOWN_COMP)
			t = e->t > t ? e->t : t;
	}
	return t;
}

void world_check_halfopen(struct world *w)
{
	sct_time_t bound = world_detect_bound(w);
	size_t i, j;

	for (i = 0; i < w->n_nodes; i++) {
		struct node *n = &w->nodes[i];
		sct_assoc_id seen[512];
		size_t n_seen = 0;

		for (j = n->ev_gen_start; j < n->n_ev; j++) {
			struct sct_assoc_status st, ps;
			sct_assoc_id id = n->ev[j].ev.assoc, pid;
			struct node *m;
			sct_time_t gone;
			size_t k;

			for (k = 0; k < n_seen && seen[k] != id; k++)
				;
			if (k < n_seen || n->ev[j].ev.type != SCT_EV_ASSOC_CHANGE)
				continue;
			if (n_seen < sizeof(seen) / sizeof(seen[0]))
				seen[n_seen++] = id;
			if (sct_assoc_status(n->st, id, &st) != 0 || st.state != SCT_ESTABLISHED)
				continue;
			m = node_at(w, &st.primary);
			if (!m)
				continue;
			pid = peer_of(m, &st, false);
			if (pid && sct_assoc_status(m->st, pid, &ps) == 0 && ps.state != SCT_CLOSED)
				continue;
			gone = peer_gone_since(m, &st);
			if (w->sim.now - gone <= bound) {
				sim_log(&w->sim,
					"%-8s assoc %u: peer %s gone %.1f s ago, not yet "
					"detected (bound %.1f s)",
					n->name, id, m->name, (double)(w->sim.now - gone) / 1e9,
					(double)bound / 1e9);
				continue;
			}
			w->n_halfopen++;
			if (w->halfopen_why[0])
				continue;
			snprintf(w->halfopen_why, sizeof(w->halfopen_why),
				 "half-open: %s assoc %u ESTABLISHED (tags %08x/%08x), %s has "
				 "had no match for %.1f s (detection bound %.1f s)",
				 n->name, id, st.my_vtag, st.peer_vtag, m->name,
				 (double)(w->sim.now - gone) / 1e9, (double)bound / 1e9);
			sim_log(&w->sim, "%s", w->halfopen_why);
		}
	}
}

void world_settle(struct world *w)
{
	world_run(w, world_detect_bound(w) + SCT_NSEC_PER_SEC);
}

void world_finish(struct world *w)
{
	size_t i;

	world_check_halfopen(w);
	for (i = 0; i < w->n_nodes; i++) {
		struct node *n = &w->nodes[i];
		uint32_t t = node_pending_timers(n);

		if (n->c.corrupt_in != n->c.corrupt_caught)
			world_fail(w, "%s: %llu corrupted packets in, only %llu rejected", n->name,
				   (unsigned long long)n->c.corrupt_in,
				   (unsigned long long)n->c.corrupt_caught);
		if (n->c.no_route)
			world_fail(w, "%s: %llu packets to unknown addresses", n->name,
				   (unsigned long long)n->c.no_route);
		if (t)
			world_fail(w, "%s: %u protocol timers still armed at the end", n->name, t);
	}
	for (i = 0; i < w->n_links; i++) {
		const struct link_counters *c = &w->links[i].c;

		sim_log(&w->sim,
			"link %-8s sent=%llu delivered=%llu lost=%llu down=%llu tail=%llu dup=%llu "
			"reordered=%llu corrupted=%llu",
			w->links[i].name, (unsigned long long)c->sent,
			(unsigned long long)c->delivered, (unsigned long long)c->lost,
			(unsigned long long)c->lost_down, (unsigned long long)c->tail_drops,
			(unsigned long long)c->duplicated, (unsigned long long)c->reordered,
			(unsigned long long)c->corrupted);
	}
}
