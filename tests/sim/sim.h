/* SPDX-License-Identifier: MIT */
/* sim.h: the discrete-event simulator's core: clock, event queue, seeded random streams. */
#ifndef SCT_SIM_SIM_H
#define SCT_SIM_SIM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "common/rng.h"
#include "common/time.h"
#include "sctp/sctp.h"

struct sim;
struct sim_pkt;

/* What an event does when its time comes; @pkt is the event's packet (or NULL). */
typedef void (*sim_fn)(struct sim *sim, void *ctx, struct sim_pkt *pkt, uint64_t tag);

/* A packet in flight: owned by the event that carries it. */
struct sim_pkt {
	size_t len;
	bool corrupted;	       /* a bit was flipped on the way */
	uint32_t id;	       /* per-simulation sequence, for traces */
	struct sct_pktinfo pi; /* source and destination */
	uint8_t buf[];
};

struct sim_event {
	sct_time_t t;
	uint64_t seq; /* insertion order: ties at equal t run first-in, first-out */
	sim_fn fn;
	void *ctx;
	struct sim_pkt *pkt; /* freed with the event when it never runs */
	uint64_t tag;
};

/* A random stream: one per link and per node, derived from the seed and a name. */
struct sim_rng {
	struct sct_rng rng; /* for the stacks: sct_rng backed by st */
	struct sct_rng_seeded st;
};

struct sim {
	sct_time_t now;
	uint64_t seed;
	uint64_t next_seq;
	struct sim_event *heap;
	size_t n, cap;
	uint64_t n_run; /* events run, for the summary */
	uint32_t next_pkt;
	int verbose;
	struct sim_rng rng; /* the scenario's own choices (parameters, timings) */
};

/** sim_init() - an empty simulation at time @start whose randomness all derives from @seed. */
void sim_init(struct sim *sim, uint64_t seed, sct_time_t start, int verbose);

/** sim_free() - drop every pending event (and the packets they carry). */
void sim_free(struct sim *sim);

/**
 * sim_at() - schedule @fn(@ctx, @pkt, @tag) at time @t (never before now).
 * The event owns @pkt from here on.
 * Return: 0, or -ENOMEM (then @pkt is freed).
 */
int sim_at(struct sim *sim, sct_time_t t, sim_fn fn, void *ctx, struct sim_pkt *pkt, uint64_t tag);

/**
 * sim_run_until() - run events in (time, insertion) order until none is due at or before @end;
 * the clock then reads @end.
 * Return: the number of events run.
 */
uint64_t sim_run_until(struct sim *sim, sct_time_t end);

/** sim_pkt_new() - a packet of @len bytes copied from @buf; NULL when out of memory. */
struct sim_pkt *sim_pkt_new(struct sim *sim, const uint8_t *buf, size_t len);

/**
 * sim_rng_stream() - seed @r from the simulation's seed and (@kind, @index), so that
 * each link and node draws from its own stream: adding a link changes no other draw.
 */
void sim_rng_stream(const struct sim *sim, struct sim_rng *r, const char *kind, uint64_t index);

/** sim_u64() - the next 64 random bits of @r. */
uint64_t sim_u64(struct sim_rng *r);
/** sim_unit() - uniform in [0, 1). */
double sim_unit(struct sim_rng *r);
/** sim_chance() - true with probability @p. */
bool sim_chance(struct sim_rng *r, double p);
/** sim_range() - uniform integer in [@lo, @hi]. */
uint64_t sim_range(struct sim_rng *r, uint64_t lo, uint64_t hi);
/** sim_normalish() - mean 0, standard deviation 1 (Irwin-Hall, sum of 12 uniforms). */
double sim_normalish(struct sim_rng *r);

/** sim_log() - a trace line prefixed with the time, printed when verbose. */
void sim_log(const struct sim *sim, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

#endif /* SCT_SIM_SIM_H */
