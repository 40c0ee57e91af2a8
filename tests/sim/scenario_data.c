/* SPDX-License-Identifier: MIT */
/* scenario_data.c: data transfer scenarios: "bulk" under loss, "bdp" on a long fat path,
 * "failover" of a multi-homed association (RFC 9260 6, 7, 8). */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "flow.h"
#include "scenario.h"

/* A transfer may take this long at most (30% loss, 64 kbit/s, RTO.Max backoffs). */
#define DATA_LIMIT (4 * 3600 * SCT_NSEC_PER_SEC)

static const double bulk_loss[] = {0, 0.01, 0.05, 0.10, 0.30};

/* Message sizes from 1 B to 64 KiB, log-uniform: many small ones, some that fragment. */
static uint32_t draw_size(struct sim_rng *r)
{
	double u = sim_unit(r);

	if (sim_chance(r, 0.02))
		return 65536;
	return (uint32_t)exp(u * log(65536.0));
}

/*
 * The end of a transfer: the sender shut down once everything was queued.  A
 * SHUTDOWN_COMP means every message was acknowledged (9.2), so every one must
 * have been read; a COMM_LOST is legitimate only on a lossy network (8.1:
 * Association.Max.Retrans timeouts in a row), and then what was read must
 * still be a subset read exactly once.
 */
static void transfer_end(struct world *w, struct flow *f, int last, bool lossy)
{
	sct_assoc_id idz = f->idz;

	flow_drain(f);
	if (last == SCT_SHUTDOWN_COMP) {
		flow_check_all(f);
	} else if (last == SCT_COMM_LOST || last == SCT_CANT_STR_ASSOC) {
		if (!lossy)
			world_fail(w, "association lost on a loss-free network");
		sim_log(&w->sim, "association lost after %u of %u messages", f->delivered, f->n);
	} else {
		world_fail(w, "transfer did not end (%u of %u read, %u queued)", f->delivered, f->n,
			   f->next);
	}
	flow_free(f);
	world_run(w, SCN_PHASE);
	/* A gave up the setup: Z's side, if up, is left to the half-open check */
	if (idz && last != SCT_CANT_STR_ASSOC)
		scn_shutdown_check(w, f->a, f->ida, f->z, idz, !lossy && last == SCT_SHUTDOWN_COMP);
	world_settle(w);
}

/*
 * "bulk": A sends 1 B .. 64 KiB messages, ordered on several streams and
 * unordered, to Z over links with 0, 1, 5, 10 or 30% loss (by the seed) and
 * duplication, reordering and corruption; Z reads as they come or, one seed
 * in four, slowly (its window closes: zero window probes, 6.1 rule A).
 */
void scenario_bulk(struct world *w)
{
	struct world_limits lim = {.impairments = true};
	struct sim_rng *r = &w->sim.rng;
	double loss = bulk_loss[sim_range(r, 0, 4)];
	struct link_params ab, ba;
	struct node *a, *z;
	struct sct_ep *ep_a, *ep_z;
	struct flow f;
	sct_assoc_id ida;
	uint32_t n = (uint32_t)sim_range(r, 1, 60), i;
	uint16_t streams = (uint16_t)sim_range(r, 1, 8);
	double unordered = sim_chance(r, 0.5) ? sim_unit(r) : 0;
	int last;

	lim.zero_loss = loss == 0;
	a = world_node(w, "A", "10.0.0.1");
	z = world_node(w, "Z", "10.0.0.2");
	if (!a || !z)
		return;
	world_draw_link(w, &lim, &ab);
	world_draw_link(w, &lim, &ba);
	/* exactly the drawn rate of random loss, no bursts; queue drops only on top */
	ab.loss = ba.loss = loss;
	ab.ge_p_bad = ba.ge_p_bad = 0;
	if (world_wire(w, a, z, &ab, &ba) != 0)
		return;
	ep_a = world_endpoint(w, a, 1000, false);
	ep_z = world_endpoint(w, z, 2000, true);
	if (!ep_a || !ep_z)
		return;
	ida = world_connect(w, a, ep_a, z, 2000);
	if (!ida || flow_init(&f, w, a, ida, z, n, streams) != 0)
		return;
	for (i = 0; i < n; i++) {
		f.m[i].len = draw_size(r);
		f.m[i].sid = (uint16_t)sim_range(r, 0, streams - 1);
		f.m[i].unordered = sim_chance(r, unordered);
		f.total += f.m[i].len;
	}
	f.shutdown_when_sent = true;
	if (sim_chance(r, 0.25)) {
		f.slow = true;
		f.read_tick = sim_range(r, 10, 500) * SCT_NSEC_PER_MSEC;
		f.read_per_tick = (uint32_t)sim_range(r, 1000, 65536);
	}
	sim_log(&w->sim, "bulk: %u messages, %llu bytes, %u streams, loss %.2f%s", n,
		(unsigned long long)f.total, streams, loss, f.slow ? ", slow reader" : "");
	flow_start(&f);
	last = flow_run(&f, DATA_LIMIT);
	if (f.t_last_rx > f.t_start) {
		/*
		 * Against TCP Reno with timeouts (flow_pftk_bps; T0 = RTO.Min, the
		 * floor of every timeout) at this RTT and loss, capped by the link:
		 * printed, not asserted, since 1-60 messages are mostly slow start and
		 * the model is for a long transfer (bdp asserts Mathis's at 1%).
		 */
		double gp = (double)f.bytes * 8 / ((double)(f.t_last_rx - f.t_start) / 1e9);
		double rtt = (double)(ab.delay + ba.delay) / 1e9;
		double model = 0;

		if (loss > 0 && rtt > 0)
			model = flow_pftk_bps(1452, rtt, loss, w->set.rto_min / 1e3);
		if (ab.rate_bps && (model == 0 || model > (double)ab.rate_bps))
			model = (double)ab.rate_bps;
		if (model > 0)
			snprintf(w->note, sizeof(w->note),
				 "loss=%.0f%% rtt=%.0fms messages=%u bytes=%llu goodput=%.3fMbit/s "
				 "reno(pftk)=%.3fMbit/s ratio=%.2f",
				 loss * 100, rtt * 1e3, f.delivered, (unsigned long long)f.bytes,
				 gp / 1e6, model / 1e6, gp / model);
		else /* no loss, no rate limit: no model bounds it */
			snprintf(w->note, sizeof(w->note),
				 "loss=0%% rtt=%.0fms messages=%u bytes=%llu goodput=%.3fMbit/s "
				 "(unlimited link)",
				 rtt * 1e3, f.delivered, (unsigned long long)f.bytes, gp / 1e6);
	}
	/*
	 * Reordering counts as lossy for the ending: a SACK overtaken by the
	 * SHUTDOWN COMPLETE reaches A after A closed, A answers it as out of the
	 * blue with an ABORT (RFC 9260 8.4 step 8), and Z, still in
	 * SHUTDOWN-ACK-SENT, ends with COMM_LOST: correct, if not pretty (seed 1688).
	 */
	transfer_end(w, &f, last,
		     loss > 0 || ab.queue_pkts || ba.queue_pkts || ab.reorder > 0 ||
			 ba.reorder > 0);
	world_finish(w);
}

/*
 * "bdp": a 200 ms RTT path at 100 or 10 Mbit/s with 0 or 1% loss (seed % 4),
 * a bottleneck queue of one BDP, send and receive buffers of four.  The
 * goodput (bytes read / time from the first send to the last read) is
 * printed with the Mathis et al. model of TCP Reno, MSS / RTT * sqrt(3/2) /
 * sqrt(p); at p = 0 the link rate bounds it.
 */
void scenario_bdp(struct world *w)
{
	static const uint64_t rates[] = {100000000, 10000000};
	uint64_t rate = rates[w->sim.seed % 2];
	double loss = (w->sim.seed / 2) % 2 ? 0.01 : 0;
	uint64_t bdp = rate / 8 / 5; /* 200 ms */
	uint64_t total = loss > 0 ? 4u << 20 : (rate >= 100000000 ? 32u << 20 : 8u << 20);
	const uint32_t msg = 16384, mss = 1500 - 20 - 12 - 16;
	struct link_params p;
	struct node *a, *z;
	struct sct_ep *ep_a, *ep_z;
	struct sct_settings *s = &w->set;
	struct flow f;
	sct_assoc_id ida;
	uint32_t n = (uint32_t)(total / msg), i;
	double secs, gp, steady, model, line, busy_s, win_s, util;
	int last;

	/* RFC 9260 16 timers; buffers for the BDP */
	s->rto_initial = 1000;
	s->rto_min = 1000;
	s->rto_max = 60000;
	s->hb_interval = 30000;
	s->rcvbuf = s->sndbuf = (uint32_t)(4 * bdp);
	a = world_node(w, "A", "10.0.0.1");
	z = world_node(w, "Z", "10.0.0.2");
	if (!a || !z)
		return;
	memset(&p, 0, sizeof(p));
	p.delay = 100 * SCT_NSEC_PER_MSEC;
	p.rate_bps = rate;
	p.queue_bytes = (uint32_t)bdp;
	p.loss = loss;
	if (world_wire(w, a, z, &p, &p) != 0)
		return;
	ep_a = world_endpoint(w, a, 1000, false);
	ep_z = world_endpoint(w, z, 2000, true);
	if (!ep_a || !ep_z)
		return;
	ida = world_connect(w, a, ep_a, z, 2000);
	if (!ida || flow_init(&f, w, a, ida, z, n, 1) != 0)
		return;
	for (i = 0; i < n; i++)
		f.m[i].len = msg;
	f.total = (uint64_t)n * msg;
	f.shutdown_when_sent = true;
	f.watch = &w->links[0]; /* A>Z */
	flow_start(&f);
	last = flow_run(&f, DATA_LIMIT);
	secs = (double)(f.t_last_rx - f.t_start) / 1e9;
	/* the A>Z link's busy share from t_mark until the last DATA left it */
	busy_s = (double)(w->links[0].c.busy - f.busy_mark) / 1e9;
	win_s = (double)(f.t_last_rx - p.delay - f.t_mark) / 1e9;
	util = f.t_mark && win_s > 0 ? busy_s / win_s : 0;
	gp = secs > 0 ? (double)f.bytes * 8 / secs : 0;
	steady = f.t_last_rx > f.t_mark && f.t_mark ? (double)(f.bytes - f.bytes_mark) * 8 /
							  ((double)(f.t_last_rx - f.t_mark) / 1e9)
						    : 0;
	line = (double)rate * mss / 1500;
	model = loss > 0 ? flow_reno_bps(mss, 0.2, loss) : line;
	if (model > line)
		model = line;
	snprintf(w->note, sizeof(w->note),
		 "loss=%.0f%% rtt=200ms rate=%lluMbit/s bytes=%llu time=%.2fs goodput=%.2fMbit/s "
		 "(second half %.2f, link busy %.0f%%) reno=%.2fMbit/s ratio=%.2f",
		 loss * 100, (unsigned long long)(rate / 1000000), (unsigned long long)f.bytes,
		 secs, gp / 1e6, steady / 1e6, util * 100, model / 1e6, model > 0 ? gp / model : 0);
	/*
	 * Issue 4's bounds: with loss, within 2x of the Reno model; without, the link is
	 * the limit once slow start is over (busy at least 95% of the second half).
	 */
	if (last == SCT_SHUTDOWN_COMP && loss > 0 && gp < model / 2)
		world_fail(w, "goodput %.2f Mbit/s below half the Reno model's %.2f", gp / 1e6,
			   model / 1e6);
	if (last == SCT_SHUTDOWN_COMP && loss == 0 && util < 0.95)
		world_fail(w, "link busy only %.0f%% of the second half at 0%% loss", util * 100);
	transfer_end(w, &f, last, loss > 0);
	world_finish(w);
}

/* Messages A sent on each of its two paths to Z: the A>Z link of each pair. */
static uint64_t sent_on(const struct world *w, int pair)
{
	return w->links[2 * pair].c.sent;
}

static bool paddr_seen(const struct node *n, sct_assoc_id id, const struct sct_addr *addr,
		       int state, size_t from, size_t *at)
{
	size_t i;

	for (i = from; i < n->n_ev; i++) {
		const struct sct_event *e = &n->ev[i].ev;

		if (e->type == SCT_EV_PEER_ADDR_CHANGE && e->assoc == id &&
		    e->u.paddr.state == state && sct_addr_eq(&e->u.paddr.addr, addr)) {
			*at = i;
			return true;
		}
	}
	return false;
}

/*
 * "failover": A (10.0.0.1, 10.1.0.1) and Z (10.0.0.2, 10.1.0.2) over two
 * disjoint link pairs.  A sends a paced stream of messages; mid-transfer
 * both links of the primary pair go down for longer than the path failure
 * detection (Path.Max.Retrans, 8.2), then come back.  The transfer must
 * carry on over the other path (6.4.1, 8.2), A must report the primary
 * UNREACHABLE then AVAILABLE (its heartbeats find it again, 8.3), and data
 * must go back to the primary once it is (6.4).
 */
void scenario_failover(struct world *w)
{
	struct world_limits lim = {.loss_max = 0.01};
	struct sim_rng *r = &w->sim.rng;
	struct link_params p[4];
	struct node *a, *z;
	struct sct_ep *ep_a, *ep_z;
	struct sct_connect_params cp;
	struct sct_settings *s = &w->set;
	struct flow f;
	sct_assoc_id ida = 0;
	sct_time_t down_at, down_for, detect;
	uint32_t n, i;
	size_t ev_down = 0, ev_up = 0;
	uint64_t back0 = 0, back1 = 0, end0 = 0, end1 = 0;
	bool back = false;
	int last, k;

	sct_time_t rtt = 0;

	for (k = 0; k < 4; k++)
		world_draw_link(w, &lim, &p[k]);
	/* the worst round trip of either pair, jitter included */
	for (k = 0; k < 4; k += 2) {
		sct_time_t t = p[k].delay + p[k].jitter + p[k + 1].delay + p[k + 1].jitter;

		if (t > rtt)
			rtt = t;
	}
	/*
	 * Failure detection within tens of seconds: 6 timeouts of at most RTO.Max.
	 * RTO.Min stays above the round trip: with an RTO below it every timer
	 * expiry is spurious, retransmissions ping-pong between the paths (6.4)
	 * and the acknowledgement of the first copy clears the error counter of
	 * the dead path the second copy went to (8.3), so it is never declared
	 * failed (seed 10).  No real configuration has RTO.Max under the RTT.
	 */
	s->rto_min = (uint32_t)sim_range(r, 50, 500);
	if (s->rto_min < 2 * sct_to_ms(rtt))
		s->rto_min = (uint32_t)(2 * sct_to_ms(rtt));
	s->rto_initial = (uint32_t)sim_range(r, s->rto_min, s->rto_min + 1000);
	s->rto_max = (uint32_t)sim_range(r, s->rto_initial, s->rto_initial + 3000);
	s->hb_interval = (uint32_t)sim_range(r, 200, 5000);
	detect = (sct_time_t)(s->path_max_retrans + 2) * sct_ms(s->rto_max);
	a = world_node(w, "A", "10.0.0.1");
	z = world_node(w, "Z", "10.0.0.2");
	if (!a || !z || node_add_addr(a, "10.1.0.1") || node_add_addr(z, "10.1.0.2")) {
		world_fail(w, "cannot build the hosts");
		return;
	}
	if (world_wire_addrs(w, a, &a->addrs[0], z, &z->addrs[0], &p[0], &p[1]) ||
	    world_wire_addrs(w, a, &a->addrs[1], z, &z->addrs[1], &p[2], &p[3])) {
		world_fail(w, "cannot wire");
		return;
	}
	ep_a = world_endpoint(w, a, 1000, false);
	ep_z = world_endpoint(w, z, 2000, true);
	if (!ep_a || !ep_z)
		return;
	memset(&cp, 0, sizeof(cp));
	cp.port = 2000;
	cp.addrs = z->addrs;
	cp.n_addrs = 2;
	if (sct_ep_connect(ep_a, &cp, w->sim.now, &ida) != 0) {
		world_fail(w, "connect failed");
		return;
	}
	node_kick(a);
	down_at = sim_range(r, 2000, 5000) * SCT_NSEC_PER_MSEC;
	down_for = detect + sim_range(r, 5000, 30000) * SCT_NSEC_PER_MSEC;
	/* send through the outage and 30 s past it */
	n = (uint32_t)((down_at + down_for + 30 * SCT_NSEC_PER_SEC) / (50 * SCT_NSEC_PER_MSEC));
	if (flow_init(&f, w, a, ida, z, n, 2) != 0)
		return;
	for (i = 0; i < n; i++) {
		f.m[i].len = (uint32_t)sim_range(r, 1, 4000);
		f.m[i].sid = (uint16_t)(i % 2);
		f.total += f.m[i].len;
	}
	f.gap = 50 * SCT_NSEC_PER_MSEC;
	f.shutdown_when_sent = true;
	for (k = 0; k < 2; k++) {
		struct link_params q = w->links[k].p;

		q.down = true;
		link_change_at(&w->links[k], w->sim.now + down_at, &q);
		q.down = false;
		link_change_at(&w->links[k], w->sim.now + down_at + down_for, &q);
	}
	sim_log(&w->sim, "failover: %u messages; primary pair down at +%.1f s for %.1f s", n,
		(double)down_at / 1e9, (double)down_for / 1e9);
	flow_start(&f);
	last = -1;
	while (!w->failed && w->sim.now < DATA_LIMIT) {
		world_run(w, 100 * SCT_NSEC_PER_MSEC);
		if (!back &&
		    paddr_seen(a, ida, &z->addrs[0], SCT_ADDR_UNREACHABLE, a->ev_gen_start,
			       &ev_down) &&
		    paddr_seen(a, ida, &z->addrs[0], SCT_ADDR_AVAILABLE, ev_down, &ev_up) &&
		    w->sim.now >= a->ev[ev_up].t + 2 * SCT_NSEC_PER_SEC) {
			/* what was retransmitted around the change has gone by now */
			back = true;
			back0 = sent_on(w, 0);
			back1 = sent_on(w, 1);
		}
		if (f.next < f.n) {
			end0 = sent_on(w, 0);
			end1 = sent_on(w, 1);
		}
		last = node_last_change(a, ida);
		if (last == SCT_SHUTDOWN_COMP || last == SCT_COMM_LOST ||
		    last == SCT_CANT_STR_ASSOC)
			break;
	}
	if (!paddr_seen(a, ida, &z->addrs[0], SCT_ADDR_UNREACHABLE, a->ev_gen_start, &ev_down))
		world_fail(w, "A never reported its primary UNREACHABLE");
	else if (!paddr_seen(a, ida, &z->addrs[0], SCT_ADDR_AVAILABLE, ev_down, &ev_up))
		world_fail(w, "A never reported its primary AVAILABLE again");
	else if (!back)
		world_fail(w, "the transfer ended within 2 s of the primary's return");
	else if (end0 - back0 <= end1 - back1)
		/* 6.4: the primary, active and confirmed again, carries the data */
		world_fail(w,
			   "after the primary came back A sent %llu packets on it, %llu on the "
			   "alternate",
			   (unsigned long long)(end0 - back0), (unsigned long long)(end1 - back1));
	sim_log(&w->sim,
		"failover: down at event %zu, up at %zu; since: %llu on primary, %llu on alternate",
		ev_down, ev_up, (unsigned long long)(end0 - back0),
		(unsigned long long)(end1 - back1));
	transfer_end(w, &f, last, true);
	if (last == SCT_COMM_LOST)
		world_fail(w, "association lost though the second path stayed up");
	world_finish(w);
}
