/* SPDX-License-Identifier: MIT */
/* timer.h: the stack's timers: one min-heap, one "next expiry" for the caller. */
#ifndef SCT_SCTP_TIMER_H
#define SCT_SCTP_TIMER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "common/time.h"

/*
 * Every protocol timer (T1-init, T1-cookie, T2-shutdown, T3-rtx, T5, heartbeat,
 * delayed SACK, ...) is a struct sct_timer embedded in the object it belongs to.
 * Armed timers sit in one binary min-heap ordered by expiry, so that the next
 * expiry is O(1) and start/stop/restart are O(log n) whatever the number of
 * associations.  A timer knows its heap slot, which makes stopping it cheap.
 *
 * The heap stores pointers only: its size is bounded by the number of timers
 * that exist, which is bounded by the association limit.
 */
struct sct_timer {
	sct_time_t expiry; /* valid while armed */
	uint32_t slot;	   /* index in the heap + 1; 0 = not armed */
	uint8_t kind;	   /* what fired: the owner's enum */
	uint8_t pad[3];
	void *owner; /* the association, path... */
};

struct sct_timer_heap {
	struct sct_timer **v;
	uint32_t n, cap;
};

void sct_timer_heap_init(struct sct_timer_heap *h);
void sct_timer_heap_free(struct sct_timer_heap *h);

static inline void sct_timer_init(struct sct_timer *t, uint8_t kind, void *owner)
{
	t->expiry = 0;
	t->slot = 0;
	t->kind = kind;
	t->owner = owner;
}

static inline bool sct_timer_armed(const struct sct_timer *t)
{
	return t->slot != 0;
}

/**
 * sct_timer_start() - arm (or re-arm) @t to fire at @expiry.
 * Return: 0, or -ENOMEM when the heap could not grow (the timer is then not armed).
 */
int sct_timer_start(struct sct_timer_heap *h, struct sct_timer *t, sct_time_t expiry);

/** sct_timer_stop() - disarm @t; harmless when it is not armed. */
void sct_timer_stop(struct sct_timer_heap *h, struct sct_timer *t);

/** sct_timer_next() - the earliest expiry, or SCT_TIME_NEVER. */
static inline sct_time_t sct_timer_next(const struct sct_timer_heap *h)
{
	return h->n ? h->v[0]->expiry : SCT_TIME_NEVER;
}

/**
 * sct_timer_pop_expired() - disarm and return one timer whose expiry is <= @now,
 * the earliest first; NULL when none is due.
 */
struct sct_timer *sct_timer_pop_expired(struct sct_timer_heap *h, sct_time_t now);

#endif /* SCT_SCTP_TIMER_H */
