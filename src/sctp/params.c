/* SPDX-License-Identifier: MIT */
/* params.c: per-endpoint, per-association and per-path tunables (RFC 6458 section 8). */

/*
 * Theory of operation
 *
 * The stack's settings (settings.h) are only where values start.  An
 * endpoint either follows them (untuned: each new association copies the
 * stack's settings of that moment, so `sctunctl set` still reaches it) or
 * holds its own struct sct_params (tuned: RFC 6458 7.2, an option set with
 * SCTP_FUTURE_ASSOC).  Each association copies its endpoint's values when it
 * is created and the core reads nothing else afterwards: RTO bounds and
 * RTO.Initial (RFC 9260 6.3.1), Association.Max.Retrans (8.1), the delayed
 * SACK timer and frequency (6.2), Max.Burst (7.2.4, 6.1 D), the buffers,
 * the cookie lifetime of an INIT ACK (5.1.3).  The per-path values of RFC
 * 9260 8.2 and 8.3 (HB.interval, Path.Max.Retrans, whether idle paths are
 * probed) and the path MTU policy are copied once more into each path, where
 * SCTP_PEER_ADDR_PARAMS for one address changes them alone.
 */
#include <errno.h>
#include <string.h>

#include "sctp/internal.h"
#include "wire/param.h"

/* A fixed path MTU: IPv6's minimum up to the largest IP packet. */
#define PMTU_FIXED_MIN 1280
#define PMTU_FIXED_MAX 65535

void sct_params_defaults(const struct sct_stack *s, struct sct_params *p)
{
	memset(p, 0, sizeof(*p));
	p->set = s->cfg.settings;
	p->hb_enable = p->set.hb_interval != 0; /* the table's "0 = no heartbeats" */
	p->pmtud = true;
}

static bool pmtu_ok(uint32_t pmtu)
{
	return pmtu == 0 || (pmtu >= PMTU_FIXED_MIN && pmtu <= PMTU_FIXED_MAX);
}

int sct_params_check(const struct sct_params *p)
{
	if (sct_settings_check(&p->set))
		return -ERANGE;
	if (!pmtu_ok(p->pmtu) || p->maxseg > 65535 || p->autoclose_s > p->set.max_autoclose)
		return -EINVAL;
	return 0;
}

void sct_ep_params(const struct sct_ep *ep, struct sct_params *out)
{
	if (ep->tuned)
		*out = ep->params;
	else
		sct_params_defaults(ep->stack, out);
}

int sct_ep_set_params(struct sct_ep *ep, const struct sct_params *p)
{
	int err = sct_params_check(p);

	if (err)
		return err;
	ep->params = *p;
	ep->tuned = true;
	return 0;
}

void sct_path_params_init(struct sct_assoc *a, struct sct_path *p)
{
	p->hb_interval = a->par.set.hb_interval;
	p->path_max_retrans = a->par.set.path_max_retrans;
	p->pf_retrans = a->par.set.pf_retrans;
	p->hb_enable = a->par.hb_enable;
	p->pmtud = a->par.pmtud;
	p->pmtu = !a->par.pmtud && a->par.pmtu ? a->par.pmtu : a->stack->cfg.mtu;
}

uint32_t sct_assoc_frag_point(const struct sct_assoc *a, const struct sct_path *p)
{
	uint32_t pm = sct_path_pmdcs(a, p);

	return a->par.maxseg && a->par.maxseg < pm ? a->par.maxseg : pm;
}

/* ---------------------------------------------------------------- autoclose (RFC 6458 8.1.8) */

static sct_time_t autoclose_span(const struct sct_assoc *a)
{
	return (sct_time_t)a->par.autoclose_s * SCT_NSEC_PER_SEC;
}

void sct_autoclose_arm(struct sct_assoc *a, sct_time_t now)
{
	sct_time_t at = a->last_use + autoclose_span(a);

	if (!a->par.autoclose_s || a->state != SCT_ESTABLISHED || a->zombie) {
		sct_timer_stop(&a->stack->timers, &a->autoclose);
		return;
	}
	sct_stack_timer(a->stack, &a->autoclose, at > now ? at : now);
}

void sct_autoclose_expired(struct sct_assoc *a, sct_time_t now)
{
	if (!a->par.autoclose_s || a->state != SCT_ESTABLISHED)
		return;
	/* DATA moved since the timer was armed: wait for the rest of the idle period */
	if (now - a->last_use < autoclose_span(a)) {
		sct_autoclose_arm(a, now);
		return;
	}
	/* RFC 6458 8.1.8: the association is shut down gracefully, as by the user (9.2) */
	sct_assoc_shutdown(a->stack, a->id, now);
}

/* ---------------------------------------------------------------- adaptation (RFC 5061 4.2.6) */

void sct_put_adaptation(struct sct_wr *w, uint32_t ind)
{
	struct sct_param p;

	if (!ind)
		return;
	memset(&p, 0, sizeof(p));
	p.type = SCT_PARAM_ADAPTATION_IND;
	p.u.adaptation = ind;
	sct_param_emit(w, &p);
}

void sct_adaptation_event(struct sct_assoc *a)
{
	struct sct_event ev;

	if (!a->peer_adaptation || a->zombie)
		return;
	memset(&ev, 0, sizeof(ev));
	ev.type = SCT_EV_ADAPTATION;
	ev.assoc = a->id;
	ev.ep = a->ep;
	ev.u.adaptation.indication = a->peer_adaptation_ind;
	sct_event_push(a->stack, &ev, false);
}

/* ---------------------------------------------------------------- association and paths */

static struct sct_assoc *live(struct sct_stack *s, sct_assoc_id id)
{
	struct sct_assoc *a = sct_stack_find_assoc(s, id);

	return a && !a->zombie ? a : NULL;
}

int sct_assoc_params(struct sct_stack *s, sct_assoc_id id, struct sct_params *out)
{
	struct sct_assoc *a = sct_stack_find_assoc(s, id);

	if (!a)
		return -ENOENT;
	*out = a->par;
	return 0;
}

/* 6.3.1 C6, C7 for new bounds; RTO.Initial for a path never measured nor backed off. */
static void path_rto(struct sct_assoc *a, struct sct_path *p, const struct sct_settings *old)
{
	sct_time_t lo = sct_ms(a->par.set.rto_min), hi = sct_ms(a->par.set.rto_max);

	if (!p->rtt_valid && p->rto == sct_ms(old->rto_initial))
		p->rto = sct_ms(a->par.set.rto_initial);
	if (p->rto < lo)
		p->rto = lo;
	if (p->rto > hi)
		p->rto = hi;
}

int sct_assoc_set_params(struct sct_stack *s, sct_assoc_id id, const struct sct_params *np,
			 sct_time_t now)
{
	struct sct_assoc *a = live(s, id);
	struct sct_params old;
	bool hb, mtu;
	uint32_t i;
	int err;

	if (!a)
		return -ENOENT;
	err = sct_params_check(np);
	if (err)
		return err;
	old = a->par;
	a->par = *np;
	hb = old.set.hb_interval != np->set.hb_interval || old.hb_enable != np->hb_enable;
	mtu = old.pmtud != np->pmtud || old.pmtu != np->pmtu;
	for (i = 0; i < a->n_paths; i++) {
		struct sct_path *p = &a->paths[i];

		path_rto(a, p, &old.set);
		/* only what changed: a path tuned on its own keeps the rest */
		if (old.set.hb_interval != np->set.hb_interval)
			p->hb_interval = np->set.hb_interval;
		if (old.hb_enable != np->hb_enable)
			p->hb_enable = np->hb_enable;
		if (old.set.path_max_retrans != np->set.path_max_retrans)
			p->path_max_retrans = np->set.path_max_retrans;
		if (old.set.pf_retrans != np->set.pf_retrans)
			p->pf_retrans = np->set.pf_retrans;
		if (mtu) {
			p->pmtud = np->pmtud;
			if (!np->pmtud && np->pmtu)
				p->pmtu = np->pmtu;
		}
		if (hb)
			sct_hb_rearm(a, p, now);
	}
	if (old.autoclose_s != np->autoclose_s) {
		a->last_use = now; /* a new delay counts from when it was set */
		sct_autoclose_arm(a, now);
	}
	if (np->set.sndbuf > old.set.sndbuf || np->set.max_burst != old.set.max_burst)
		sct_out_wake(a);
	return 0;
}

static int find_path(struct sct_stack *s, sct_assoc_id id, const struct sct_addr *addr,
		     struct sct_assoc **ap, struct sct_path **pp)
{
	*ap = live(s, id);
	if (!*ap)
		return -ENOENT;
	*pp = sct_assoc_path(*ap, addr);
	return *pp ? 0 : -EADDRNOTAVAIL;
}

int sct_assoc_path_params(struct sct_stack *s, sct_assoc_id id, const struct sct_addr *addr,
			  struct sct_path_params *out)
{
	struct sct_assoc *a;
	struct sct_path *p;
	int err = find_path(s, id, addr, &a, &p);

	if (err)
		return err;
	out->hb_interval = p->hb_interval;
	out->path_max_retrans = p->path_max_retrans;
	out->pf_retrans = p->pf_retrans;
	out->pmtu = p->pmtu;
	out->hb_enable = p->hb_enable;
	out->pmtud = p->pmtud;
	return 0;
}

int sct_assoc_set_path_params(struct sct_stack *s, sct_assoc_id id, const struct sct_addr *addr,
			      const struct sct_path_params *pp, sct_time_t now)
{
	struct sct_settings t;
	struct sct_assoc *a;
	struct sct_path *p;
	int err = find_path(s, id, addr, &a, &p);

	if (err)
		return err;
	/* the table's bounds hold per path as they do per stack */
	t = a->par.set;
	t.hb_interval = pp->hb_interval;
	t.path_max_retrans = pp->path_max_retrans;
	t.pf_retrans = pp->pf_retrans;
	if (sct_settings_check(&t))
		return -ERANGE;
	if (!pp->pmtud && !pmtu_ok(pp->pmtu))
		return -EINVAL;
	p->hb_interval = pp->hb_interval;
	p->path_max_retrans = pp->path_max_retrans;
	p->pf_retrans = pp->pf_retrans;
	p->hb_enable = pp->hb_enable;
	p->pmtud = pp->pmtud;
	if (!pp->pmtud && pp->pmtu)
		p->pmtu = pp->pmtu;
	sct_hb_rearm(a, p, now);
	return 0;
}

int sct_assoc_heartbeat(struct sct_stack *s, sct_assoc_id id, const struct sct_addr *addr,
			sct_time_t now)
{
	struct sct_assoc *a;
	struct sct_path *p;
	int err = find_path(s, id, addr, &a, &p);

	if (err)
		return err;
	/* 8.3: heartbeats only while the association may carry data */
	if (a->state != SCT_ESTABLISHED && a->state != SCT_SHUTDOWN_PENDING &&
	    a->state != SCT_SHUTDOWN_RECEIVED)
		return -ENOTCONN;
	sct_hb_send_now(a, p, now);
	return 0;
}

int sct_assoc_set_primary(struct sct_stack *s, sct_assoc_id id, const struct sct_addr *addr)
{
	struct sct_assoc *a;
	struct sct_path *p;
	int err = find_path(s, id, addr, &a, &p);

	if (err)
		return err;
	/* RFC 9260 10.1 SET PRIMARY: new data goes there from now on (6.4) */
	a->primary = (uint32_t)(p - a->paths);
	sct_paddr_event(a, p, SCT_ADDR_MADE_PRIM);
	if (sct_assoc_has_data_to_send(a))
		sct_out_wake(a);
	return 0;
}
