/* SPDX-License-Identifier: MIT */
/* stack.c: the stack object: addresses, lookup tables, reply ring, events, time. */

/*
 * Theory of operation
 *
 * Three hash tables find things: endpoints by local port (a chain of
 * endpoints bound to distinct addresses hangs off each), associations by id,
 * and paths ("transports") by (local port, peer address, peer port), which is
 * how a received packet finds its association (RFC 9260 5.1, implementation
 * note).  All three grow with what they hold, which is bounded by max_assocs.
 *
 * Output has two sources.  Association-less packets (INIT ACK, replies to out
 * of the blue packets, and the last packet of an association that is being
 * torn down) are built at once into a fixed ring of SCT_REPLY_MAX-byte slots:
 * when the ring is full new replies are dropped and counted, so a flood costs
 * no memory.  Associations with chunks waiting sit on out_list and build
 * their packets when sct_stack_output() asks, so that what is bundled is
 * decided as late as possible.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "sctp/internal.h"

void sct_stack_cfg_defaults(struct sct_stack_cfg *cfg)
{
	memset(cfg, 0, sizeof(*cfg));
	sct_settings_defaults(&cfg->settings);
	cfg->max_replies = 64;
	cfg->max_events = 65536;
	cfg->mtu = 1500;
}

/*
 * How long a cookie key signs new cookies (and, as the previous key, how long
 * it is kept after that).  A cookie must stay verifiable while its peer may
 * still retransmit the COOKIE ECHO: up to Max.Init.Retransmits T1-cookie
 * expiries of at most RTO.Max (RFC 9260 5.1 C), and 5.2.4 case D answers
 * such a COOKIE ECHO with a COOKIE ACK even when the cookie has expired
 * (step 3 only discards expired cookies whose tags do not match).  A key
 * that lives only Valid.Cookie.Life loses those retransmissions and leaves
 * the peer half-open.  Our own settings stand in for the peer's.
 */
static sct_time_t key_period(const struct sct_settings *set)
{
	sct_time_t life = sct_ms((uint64_t)set->valid_cookie_life + set->max_cookie_preserve);
	sct_time_t t1 = sct_ms((uint64_t)(set->max_init_retransmits + 1) * set->rto_max);

	return life > t1 ? life : t1;
}

struct sct_stack *sct_stack_new(const struct sct_stack_cfg *cfg, sct_time_t now)
{
	struct sct_stack *s;
	uint32_t i;

	if (!cfg->rng.fill || cfg->max_replies == 0)
		return NULL;
	s = calloc(1, sizeof(*s));
	if (!s)
		return NULL;
	s->cfg = *cfg;
	if (s->cfg.mtu < SCT_MIN_PMTU)
		s->cfg.mtu = SCT_MIN_PMTU;
	s->rng = cfg->rng;
	sct_timer_heap_init(&s->timers);
	if (sct_hmap_init(&s->eps_by_port, 64) || sct_hmap_init(&s->assocs_by_id, 256) ||
	    sct_hmap_init(&s->transports, 256))
		goto fail;
	s->replies = calloc(cfg->max_replies, sizeof(*s->replies));
	s->rep_mem = malloc((size_t)cfg->max_replies * SCT_REPLY_MAX);
	if (!s->replies || !s->rep_mem)
		goto fail;
	for (i = 0; i < cfg->max_replies; i++)
		s->replies[i].buf = s->rep_mem + (size_t)i * SCT_REPLY_MAX;
	sct_cookie_keys_init(&s->keys, &s->rng, now);
	sct_timer_init(&s->key_timer, SCT_T_COOKIE_KEY, NULL);
	sct_stack_timer(s, &s->key_timer, now + key_period(&s->cfg.settings));
	s->next_id = 1;
	s->next_ephemeral = (uint16_t)(49152 + sct_rng_u32(&s->rng) % 16384);
	s->log_rl = (struct sct_ratelimit)SCT_RATELIMIT_INIT(SCT_NSEC_PER_SEC, 10);
	return s;
fail:
	sct_stack_free(s);
	return NULL;
}

void sct_stack_free(struct sct_stack *s)
{
	uint32_t i;

	if (!s)
		return;
	/* associations first (they reference endpoints), then endpoints */
	if (s->assocs_by_id.b) {
		for (i = 0; i <= s->assocs_by_id.mask; i++)
			while (s->assocs_by_id.b[i]) {
				struct sct_assoc *a = sct_container_of(s->assocs_by_id.b[i],
								       struct sct_assoc, idnode);
				sct_assoc_free(a);
			}
	}
	if (s->eps_by_port.b) {
		for (i = 0; i <= s->eps_by_port.mask; i++)
			while (s->eps_by_port.b[i]) {
				struct sct_ep *ep =
				    sct_container_of(s->eps_by_port.b[i], struct sct_ep, pnode);
				struct sct_ep *n;

				sct_hmap_remove(&s->eps_by_port, &ep->pnode);
				for (; ep; ep = n) {
					n = ep->next_in_port;
					free(ep->addrs);
					free(ep);
				}
			}
	}
	while (s->ev_head) {
		struct sct_event_node *n = s->ev_head;

		s->ev_head = n->next;
		free(n);
	}
	sct_hmap_free(&s->eps_by_port);
	sct_hmap_free(&s->assocs_by_id);
	sct_hmap_free(&s->transports);
	sct_timer_heap_free(&s->timers);
	free(s->replies);
	free(s->rep_mem);
	free(s->addrs);
	free(s);
}

struct sct_settings *sct_stack_settings(struct sct_stack *s)
{
	return &s->cfg.settings;
}

/* ---------------------------------------------------------------- local addresses */

bool sct_stack_is_local(const struct sct_stack *s, const struct sct_addr *a)
{
	size_t i;

	for (i = 0; i < s->n_addrs; i++)
		if (sct_addr_eq(&s->addrs[i], a))
			return true;
	return false;
}

bool sct_stack_has_addr(const struct sct_stack *s, const struct sct_addr *a)
{
	return sct_stack_is_local(s, a);
}

int sct_stack_add_addr(struct sct_stack *s, const struct sct_addr *a)
{
	if (a->af == SCT_AF_NONE || sct_addr_is_any(a) || sct_addr_is_multicast(a))
		return -EINVAL;
	if (sct_stack_is_local(s, a))
		return -EEXIST;
	if (s->n_addrs == s->cap_addrs) {
		size_t cap = s->cap_addrs ? s->cap_addrs * 2 : 8;
		struct sct_addr *n = realloc(s->addrs, cap * sizeof(*n));

		if (!n)
			return -ENOMEM;
		s->addrs = n;
		s->cap_addrs = cap;
	}
	s->addrs[s->n_addrs++] = *a;
	return 0;
}

int sct_stack_del_addr(struct sct_stack *s, const struct sct_addr *a)
{
	size_t i;

	for (i = 0; i < s->n_addrs; i++)
		if (sct_addr_eq(&s->addrs[i], a)) {
			s->addrs[i] = s->addrs[--s->n_addrs];
			return 0;
		}
	return -ENOENT;
}

/* ---------------------------------------------------------------- lookups */

uint32_t sct_transport_hash(uint16_t local_port, const struct sct_addr *peer, uint16_t peer_port)
{
	return sct_addr_hash(peer, ((uint32_t)local_port << 16) | peer_port);
}

struct sct_path *sct_stack_find_path(struct sct_stack *s, uint16_t local_port,
				     const struct sct_addr *peer, uint16_t peer_port)
{
	uint32_t h = sct_transport_hash(local_port, peer, peer_port);
	struct sct_hnode *n;

	for (n = sct_hmap_first(&s->transports, h); n; n = sct_hmap_next(n)) {
		struct sct_path *p = sct_container_of(n, struct sct_path, tnode);

		if (p->assoc->local_port == local_port && p->assoc->peer_port == peer_port &&
		    sct_addr_eq(&p->addr, peer))
			return p;
	}
	return NULL;
}

size_t sct_stack_assoc_ids(struct sct_stack *s, sct_assoc_id *out, size_t max)
{
	size_t n = 0;
	uint32_t i;

	for (i = 0; i <= s->assocs_by_id.mask; i++) {
		struct sct_hnode *node;

		for (node = s->assocs_by_id.b[i]; node; node = node->next) {
			struct sct_assoc *a = sct_container_of(node, struct sct_assoc, idnode);

			if (a->zombie || a->state == SCT_CLOSED)
				continue;
			if (n < max)
				out[n] = a->id;
			n++;
		}
	}
	return n;
}

struct sct_assoc *sct_stack_find_assoc(struct sct_stack *s, sct_assoc_id id)
{
	struct sct_hnode *n;

	for (n = sct_hmap_first(&s->assocs_by_id, id * 2654435761u); n; n = sct_hmap_next(n)) {
		struct sct_assoc *a = sct_container_of(n, struct sct_assoc, idnode);

		if (a->id == id)
			return a;
	}
	return NULL;
}

static bool ep_has_addr(const struct sct_ep *ep, const struct sct_addr *a)
{
	size_t i;

	if (ep->n_addrs == 0)
		return !(ep->v6only && a->af == SCT_AF_INET4) && !(ep->v4only && a->af == SCT_AF_INET6);
	for (i = 0; i < ep->n_addrs; i++)
		if (sct_addr_eq(&ep->addrs[i], a))
			return true;
	return false;
}

struct sct_ep *sct_stack_find_ep(struct sct_stack *s, uint16_t port, const struct sct_addr *local)
{
	struct sct_hnode *n;
	struct sct_ep *ep, *wild = NULL;

	for (n = sct_hmap_first(&s->eps_by_port, port); n; n = sct_hmap_next(n)) {
		ep = sct_container_of(n, struct sct_ep, pnode);
		if (ep->port != port)
			continue;
		for (; ep; ep = ep->next_in_port) {
			if (ep->closing)
				continue;
			/* a specific binding wins over a wildcard one */
			if (ep->n_addrs && ep_has_addr(ep, local))
				return ep;
			if (!ep->n_addrs && ep_has_addr(ep, local))
				wild = ep;
		}
	}
	return wild;
}

/* ---------------------------------------------------------------- replies and events */

struct sct_reply *sct_reply_slot(struct sct_stack *s)
{
	struct sct_reply *r;

	if (s->rep_count == s->cfg.max_replies) {
		s->stats.replies_dropped++;
		return NULL;
	}
	r = &s->replies[(s->rep_head + s->rep_count) % s->cfg.max_replies];
	s->rep_count++;
	memset(&r->pi, 0, sizeof(r->pi));
	r->len = 0;
	return r;
}

void sct_event_push(struct sct_stack *s, const struct sct_event *ev, bool optional)
{
	struct sct_event_node *n;

	/* optional events (errors a peer can make us generate at will) are bounded */
	if (optional && s->n_events >= s->cfg.max_events) {
		s->stats.events_dropped++;
		return;
	}
	n = malloc(sizeof(*n));
	if (!n) {
		s->stats.events_dropped++;
		return;
	}
	n->ev = *ev;
	n->next = NULL;
	if (s->ev_tail)
		s->ev_tail->next = n;
	else
		s->ev_head = n;
	s->ev_tail = n;
	s->n_events++;
}

void sct_stack_counters(const struct sct_stack *s, struct sct_stack_counters *out)
{
	*out = s->stats;
}

void sct_events_forget_ep(struct sct_stack *s, const struct sct_ep *ep)
{
	struct sct_event_node *n;

	for (n = s->ev_head; n; n = n->next)
		if (n->ev.ep == ep)
			n->ev.ep = NULL;
}

bool sct_stack_has_event(const struct sct_stack *s)
{
	return s->ev_head != NULL;
}

bool sct_stack_poll_event(struct sct_stack *s, struct sct_event *ev)
{
	struct sct_event_node *n = s->ev_head;

	if (!n)
		return false;
	s->ev_head = n->next;
	if (!s->ev_head)
		s->ev_tail = NULL;
	s->n_events--;
	*ev = n->ev;
	free(n);
	return true;
}

/* ---------------------------------------------------------------- output */

int sct_stack_output(struct sct_stack *s, uint8_t *buf, size_t cap, struct sct_pktinfo *pi,
		     sct_time_t now)
{
	while (s->rep_count) {
		struct sct_reply *r = &s->replies[s->rep_head];

		if (r->len > cap)
			return -ENOSPC;
		memcpy(buf, r->buf, r->len);
		*pi = r->pi;
		s->rep_head = (s->rep_head + 1) % s->cfg.max_replies;
		s->rep_count--;
		s->stats.out_pkts++;
		return r->len;
	}
	while (s->out_head) {
		struct sct_assoc *a = s->out_head;
		int n = sct_out_assoc(a, buf, cap, pi, now);

		if (n == -ENOSPC)
			return n;
		if (n > 0) {
			s->stats.out_pkts++;
			a->ctr.opackets++;
			return n;
		}
		/* nothing left for this association */
		s->out_head = a->out_next;
		if (!s->out_head)
			s->out_tail = NULL;
		a->out_next = NULL;
		a->on_out_list = false;
		if (a->zombie && a->released)
			sct_assoc_free(a);
	}
	return 0;
}

/* ---------------------------------------------------------------- time */

void sct_stack_timer(struct sct_stack *s, struct sct_timer *t, sct_time_t when)
{
	/* the heap only fails to grow when memory is gone; retry on the next start */
	(void)sct_timer_start(&s->timers, t, when);
}

sct_time_t sct_stack_next_expiry(const struct sct_stack *s)
{
	return sct_timer_next(&s->timers);
}

void sct_stack_advance_time(struct sct_stack *s, sct_time_t now)
{
	struct sct_timer *t;

	while ((t = sct_timer_pop_expired(&s->timers, now))) {
		if (t->kind == SCT_T_COOKIE_KEY) {
			sct_time_t life = key_period(&s->cfg.settings);

			sct_cookie_keys_rotate(&s->keys, &s->rng, now, life);
			sct_stack_timer(s, &s->key_timer, now + life);
			continue;
		}
		sct_assoc_timer(t->owner, t, now);
	}
}

const char *sct_state_name(enum sct_state st)
{
	static const char *const names[] = {
	    "CLOSED",		"COOKIE-WAIT",	 "COOKIE-ECHOED",     "ESTABLISHED",
	    "SHUTDOWN-PENDING", "SHUTDOWN-SENT", "SHUTDOWN-RECEIVED", "SHUTDOWN-ACK-SENT",
	};

	return (unsigned)st < sizeof(names) / sizeof(names[0]) ? names[st] : "?";
}
