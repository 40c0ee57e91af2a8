/* SPDX-License-Identifier: MIT */
/* link.c: a simulated one-way link (see link.h). */

/*
 * A packet offered to a link goes through, in this order:
 *
 *  1. the link state: a link that is down loses everything;
 *  2. the queue: packets wait (FIFO) for the transmitter, which serializes
 *     them at rate_bps; a packet that would push the waiting bytes or
 *     packets past the limit is tail-dropped;
 *  3. the wire: loss (independent, or Gilbert-Elliott's two-state bursts),
 *     then propagation delay plus jitter.  Jitter alone never reorders:
 *     an arrival is pushed back to the previous one's.  Only the reordering
 *     probability holds a packet back past its successors;
 *  4. corruption flips one random bit of the delivered copy (the receiver's
 *     CRC32c must catch it), and duplication delivers a second copy a
 *     little later.
 *
 * Every draw is taken whether or not the feature is on, so that turning a
 * feature on in a scenario does not shift which packets the others hit.
 */
#include "link.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "node.h"
#include "wire/print.h"

void link_init(struct link *l, struct sim *sim, const char *name, uint64_t index, struct node *to,
	       const struct link_params *p)
{
	memset(l, 0, sizeof(*l));
	snprintf(l->name, sizeof(l->name), "%s", name);
	l->sim = sim;
	l->to = to;
	l->p = *p;
	sim_rng_stream(sim, &l->rng, "link", index);
}

static void trace(struct link *l, const struct sim_pkt *pkt, const char *fate)
{
	char txt[2048];
	char *nl;

	if (!l->sim->verbose)
		return;
	sct_packet_print(txt, sizeof(txt), pkt->buf, pkt->len);
	/* one line per packet: the chunk lines joined with " |" */
	for (nl = strchr(txt, '\n'); nl; nl = strchr(nl, '\n')) {
		if (nl[1] == '\0') {
			*nl = '\0';
			break;
		}
		*nl = '|';
	}
	sim_log(l->sim, "%-8s #%-5u %-10s %s", l->name, pkt->id, fate, txt);
}

static void arrive(struct sim *sim, void *ctx, struct sim_pkt *pkt, uint64_t tag)
{
	struct link *l = ctx;

	(void)sim;
	(void)tag;
	l->c.delivered++;
	node_deliver(l->to, l, pkt);
}

/* Forget the packets the transmitter has finished with. */
static void queue_drain(struct link *l)
{
	while (l->q_count && l->q_dep[l->q_head] <= l->sim->now) {
		l->q_bytes -= l->q_len[l->q_head];
		l->q_head = (l->q_head + 1) % LINK_QUEUE_MAX;
		l->q_count--;
	}
}

static bool wire_loss(struct link *l)
{
	double u_state = sim_unit(&l->rng);
	double u_loss = sim_unit(&l->rng);

	if (l->p.ge_p_bad > 0) {
		if (l->ge_bad && u_state < l->p.ge_p_good)
			l->ge_bad = false;
		else if (!l->ge_bad && u_state < l->p.ge_p_bad)
			l->ge_bad = true;
		if (l->ge_bad)
			return u_loss < l->p.ge_loss_bad;
	}
	return u_loss < l->p.loss;
}

static sct_time_t jitter(struct link *l)
{
	double u = sim_unit(&l->rng);
	double n = sim_normalish(&l->rng);

	if (!l->p.jitter)
		return 0;
	if (l->p.jitter_normal) {
		double j = (n < 0 ? -n : n) * (double)l->p.jitter / 2;

		return j > (double)(4 * l->p.jitter) ? 4 * l->p.jitter : (sct_time_t)j;
	}
	return (sct_time_t)(u * (double)l->p.jitter);
}

sct_time_t link_busy_now(const struct link *l)
{
	sct_time_t now = l->sim->now;

	/* the queue is served without a gap until busy_until */
	return l->c.busy - (l->busy_until > now ? l->busy_until - now : 0);
}

void link_send(struct link *l, struct sim_pkt *pkt)
{
	struct sim *sim = l->sim;
	sct_time_t start, done, at;
	bool lost, dup, reorder, corrupt;
	sct_time_t j, extra, dup_gap;
	uint64_t bit;

	l->c.sent++;
	/* all draws first, whatever happens to the packet */
	lost = wire_loss(l);
	j = jitter(l);
	reorder = sim_chance(&l->rng, l->p.reorder);
	extra = (sct_time_t)(sim_unit(&l->rng) * (double)l->p.reorder_extra);
	dup = sim_chance(&l->rng, l->p.dup);
	dup_gap = (sct_time_t)sim_range(&l->rng, 0, 1000000); /* up to 1 ms */
	corrupt = sim_chance(&l->rng, l->p.corrupt);
	bit = sim_u64(&l->rng);

	if (l->p.down) {
		l->c.lost_down++;
		trace(l, pkt, "drop(down)");
		free(pkt);
		return;
	}
	queue_drain(l);
	if (l->q_count == LINK_QUEUE_MAX || (l->p.queue_pkts && l->q_count >= l->p.queue_pkts) ||
	    (l->p.queue_bytes && l->q_bytes + pkt->len > l->p.queue_bytes)) {
		l->c.tail_drops++;
		trace(l, pkt, "drop(tail)");
		free(pkt);
		return;
	}
	start = l->busy_until > sim->now ? l->busy_until : sim->now;
	done = start;
	if (l->p.rate_bps)
		done += (sct_time_t)pkt->len * 8 * SCT_NSEC_PER_SEC / l->p.rate_bps;
	l->busy_until = done;
	l->c.busy += done - start;
	l->q_dep[(l->q_head + l->q_count) % LINK_QUEUE_MAX] = done;
	l->q_len[(l->q_head + l->q_count) % LINK_QUEUE_MAX] = (uint32_t)pkt->len;
	l->q_count++;
	l->q_bytes += (uint32_t)pkt->len;

	if (lost) {
		l->c.lost++;
		trace(l, pkt, "drop(loss)");
		free(pkt);
		return;
	}
	at = done + l->p.delay + j;
	if (at < l->last_arrival)
		at = l->last_arrival; /* jitter alone keeps the order */
	if (reorder && l->p.reorder_extra) {
		l->c.reordered++;
		at += extra; /* held back: later packets may overtake it */
	} else {
		l->last_arrival = at;
	}
	if (corrupt && pkt->len) {
		l->c.corrupted++;
		pkt->buf[(bit >> 3) % pkt->len] ^= (uint8_t)(1u << (bit & 7));
		pkt->corrupted = true;
	}
	trace(l, pkt,
	      corrupt			      ? "send(corr)"
	      : reorder && l->p.reorder_extra ? "send(late)"
					      : "send");
	if (dup) {
		struct sim_pkt *copy = sim_pkt_new(sim, pkt->buf, pkt->len);

		if (copy) {
			copy->pi = pkt->pi;
			copy->corrupted = pkt->corrupted;
			l->c.duplicated++;
			trace(l, copy, "send(dup)");
			sim_at(sim, at + dup_gap, arrive, l, copy, 0);
			if (at + dup_gap > l->last_arrival && !(reorder && l->p.reorder_extra))
				l->last_arrival = at + dup_gap;
		}
	}
	sim_at(sim, at, arrive, l, pkt, 0);
}

static void apply_change(struct sim *sim, void *ctx, struct sim_pkt *pkt, uint64_t idx)
{
	struct link *l = ctx;

	(void)pkt;
	l->p = l->changes[idx];
	if (sim->verbose)
		link_params_print(sim, l->name, &l->p);
}

int link_change_at(struct link *l, sct_time_t t, const struct link_params *p)
{
	if (l->n_changes == LINK_MAX_CHANGES)
		return -ENOSPC;
	l->changes[l->n_changes] = *p;
	return sim_at(l->sim, t, apply_change, l, NULL, l->n_changes++);
}

void link_params_print(const struct sim *sim, const char *name, const struct link_params *p)
{
	sim_log(sim,
		"link %s: %s delay=%lluus jitter=%lluus%s rate=%llubps queue=%uB/%upkt loss=%.3f "
		"ge=%.3f/%.3f/%.3f dup=%.3f reorder=%.3f(+%lluus) corrupt=%.3f",
		name, p->down ? "DOWN" : "up", (unsigned long long)(p->delay / 1000),
		(unsigned long long)(p->jitter / 1000), p->jitter_normal ? "(normal)" : "",
		(unsigned long long)p->rate_bps, p->queue_bytes, p->queue_pkts, p->loss,
		p->ge_p_bad, p->ge_p_good, p->ge_loss_bad, p->dup, p->reorder,
		(unsigned long long)(p->reorder_extra / 1000), p->corrupt);
}
