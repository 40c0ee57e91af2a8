/* SPDX-License-Identifier: MIT */
/* sim.c: the discrete-event simulator: a seeded, deterministic network for the SCTP core. */

/*
 * Theory of operation
 *
 * The simulator runs the very core the daemon runs (src/sctp), several
 * stacks at once, over simulated one-way links, under a simulated clock.
 * Nothing is real: time is a number that jumps from one event to the next,
 * and every "random" choice -- a link's loss, jitter, duplication,
 * reordering and corruption, the parameters a scenario picks, and the
 * stacks' own verification tags and keys -- comes from one 64-bit seed.  A
 * run is therefore a pure function of (scenario, seed): a failing seed is
 * replayed exactly, with a trace (-v), by `simrun SCENARIO --seed N -v`.
 *
 * Pieces, one file each:
 *
 *  - sim.c (this file): the clock; the event queue, a binary min-heap of
 *    (time, sequence) so that events due at the same nanosecond run in the
 *    order they were scheduled, whatever the heap's shape; and the random
 *    streams.  Each link and node draws from its own xoshiro256** stream
 *    seeded from splitmix64(seed, kind, index), so adding a link or a node
 *    to a scenario does not shift the draws of the others.
 *  - link.c: a one-way link (delay, jitter, rate, queue, loss, bursts,
 *    duplication, reordering, corruption, a schedule of changes).
 *  - node.c: a host: one struct sct_stack, its address, a routing table
 *    (address -> link), its timer kept as one simulator event, its events.
 *  - world.c: the scaffolding scenarios share (nodes, links, parameters
 *    drawn from the seed, invariant helpers).
 *  - scenario_*.c: one scenario each, with its invariants.
 *  - simrun.c: the command line (seeds, sweeps, the replay line).
 *
 * An event is a function, a context, a tag and optionally a packet that the
 * event owns: it is handed to the function when the event runs, or freed
 * with the queue when the simulation ends first.  Events are never
 * cancelled; an owner that changes its mind (a node whose next timer moved)
 * bumps a tag and ignores events that carry an old one.
 */
#include "sim.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void sim_init(struct sim *sim, uint64_t seed, sct_time_t start, int verbose)
{
	memset(sim, 0, sizeof(*sim));
	sim->seed = seed;
	sim->now = start;
	sim->verbose = verbose;
	sim_rng_stream(sim, &sim->rng, "scenario", 0);
}

void sim_free(struct sim *sim)
{
	size_t i;

	for (i = 0; i < sim->n; i++)
		free(sim->heap[i].pkt);
	free(sim->heap);
	sim->heap = NULL;
	sim->n = sim->cap = 0;
}

static bool before(const struct sim_event *a, const struct sim_event *b)
{
	return a->t < b->t || (a->t == b->t && a->seq < b->seq);
}

static void swap(struct sim_event *a, struct sim_event *b)
{
	struct sim_event t = *a;

	*a = *b;
	*b = t;
}

int sim_at(struct sim *sim, sct_time_t t, sim_fn fn, void *ctx, struct sim_pkt *pkt, uint64_t tag)
{
	size_t i;

	if (sim->n == sim->cap) {
		size_t cap = sim->cap ? sim->cap * 2 : 256;
		struct sim_event *h = realloc(sim->heap, cap * sizeof(*h));

		if (!h) {
			free(pkt);
			return -ENOMEM;
		}
		sim->heap = h;
		sim->cap = cap;
	}
	i = sim->n++;
	sim->heap[i] = (struct sim_event){
	    .t = t < sim->now ? sim->now : t,
	    .seq = sim->next_seq++,
	    .fn = fn,
	    .ctx = ctx,
	    .pkt = pkt,
	    .tag = tag,
	};
	while (i > 0 && before(&sim->heap[i], &sim->heap[(i - 1) / 2])) {
		swap(&sim->heap[i], &sim->heap[(i - 1) / 2]);
		i = (i - 1) / 2;
	}
	return 0;
}

static struct sim_event pop(struct sim *sim)
{
	struct sim_event top = sim->heap[0];
	size_t i = 0;

	sim->heap[0] = sim->heap[--sim->n];
	for (;;) {
		size_t l = 2 * i + 1, r = l + 1, m = i;

		if (l < sim->n && before(&sim->heap[l], &sim->heap[m]))
			m = l;
		if (r < sim->n && before(&sim->heap[r], &sim->heap[m]))
			m = r;
		if (m == i)
			break;
		swap(&sim->heap[i], &sim->heap[m]);
		i = m;
	}
	return top;
}

uint64_t sim_run_until(struct sim *sim, sct_time_t end)
{
	uint64_t ran = 0;

	while (sim->n && sim->heap[0].t <= end) {
		struct sim_event ev = pop(sim);

		sim->now = ev.t;
		ev.fn(sim, ev.ctx, ev.pkt, ev.tag);
		ran++;
	}
	if (end > sim->now)
		sim->now = end;
	sim->n_run += ran;
	return ran;
}

struct sim_pkt *sim_pkt_new(struct sim *sim, const uint8_t *buf, size_t len)
{
	struct sim_pkt *p = malloc(sizeof(*p) + len);

	if (!p)
		return NULL;
	memset(p, 0, sizeof(*p));
	p->len = len;
	p->id = ++sim->next_pkt;
	memcpy(p->buf, buf, len);
	return p;
}

/* ---------------------------------------------------------------- randomness */

static uint64_t mix(uint64_t z)
{
	z += 0x9e3779b97f4a7c15ull;
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
	return z ^ (z >> 31);
}

void sim_rng_stream(const struct sim *sim, struct sim_rng *r, const char *kind, uint64_t index)
{
	uint64_t h = mix(sim->seed);
	const char *c;

	/* FNV-1a over the name, folded with the seed and the index */
	for (c = kind; *c; c++)
		h = (h ^ (uint8_t)*c) * 0x100000001b3ull;
	h = mix(h ^ mix(index + 0x51ed2701ull));
	sct_rng_seeded_init(&r->rng, &r->st, h);
}

uint64_t sim_u64(struct sim_rng *r)
{
	return sct_rng_seeded_next(&r->st);
}

double sim_unit(struct sim_rng *r)
{
	return (double)(sim_u64(r) >> 11) * (1.0 / 9007199254740992.0);
}

bool sim_chance(struct sim_rng *r, double p)
{
	/* a draw is taken even when p is 0, so that changing p shifts nothing else */
	double u = sim_unit(r);

	return u < p;
}

uint64_t sim_range(struct sim_rng *r, uint64_t lo, uint64_t hi)
{
	if (hi <= lo)
		return lo;
	return lo + sim_u64(r) % (hi - lo + 1);
}

double sim_normalish(struct sim_rng *r)
{
	double s = 0;
	int i;

	for (i = 0; i < 12; i++)
		s += sim_unit(r);
	return s - 6.0;
}

void sim_log(const struct sim *sim, const char *fmt, ...)
{
	va_list ap;

	if (!sim->verbose)
		return;
	printf("%4llu.%06llu ", (unsigned long long)(sim->now / SCT_NSEC_PER_SEC),
	       (unsigned long long)(sim->now % SCT_NSEC_PER_SEC / 1000));
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
}
