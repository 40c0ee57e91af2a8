/* SPDX-License-Identifier: MIT */
/* link.h: a simulated one-way link: delay, jitter, rate, queue, loss, duplication, reordering,
 * corruption. */
#ifndef SCT_SIM_LINK_H
#define SCT_SIM_LINK_H

#include <stdbool.h>
#include <stdint.h>

#include "sim.h"

struct node;

/* What a link does to the packets that cross it; all of it can change mid-run. */
struct link_params {
	bool down;	   /* everything is lost */
	sct_time_t delay;  /* propagation delay */
	sct_time_t jitter; /* extra delay: uniform in [0, jitter], or |normal| * jitter / 2 */
	bool jitter_normal;
	uint64_t rate_bps;    /* serialization rate; 0 = infinite */
	uint32_t queue_bytes; /* tail drop above this many bytes waiting (0 = no limit) */
	uint32_t queue_pkts;  /* tail drop above this many packets waiting (0 = no limit) */
	double loss;	      /* independent loss probability (the "good" state's, with GE) */
	/* Gilbert-Elliott burst loss: off when ge_p_bad is 0 */
	double ge_p_bad;    /* per packet: good -> bad */
	double ge_p_good;   /* per packet: bad -> good */
	double ge_loss_bad; /* loss probability in the bad state */
	double dup;	    /* probability a packet is delivered twice */
	double reorder;	    /* probability a packet is held back by up to reorder_extra */
	sct_time_t reorder_extra;
	double corrupt; /* probability one random bit is flipped */
};

struct link_counters {
	uint64_t sent;	     /* offered to the link */
	uint64_t delivered;  /* handed to the far node (duplicates included) */
	uint64_t lost;	     /* random loss, burst loss included */
	uint64_t lost_down;  /* sent while the link was down */
	uint64_t tail_drops; /* queue full */
	uint64_t duplicated;
	uint64_t reordered;
	uint64_t corrupted;
	sct_time_t busy; /* serialization time of every packet queued so far */
};

#define LINK_MAX_CHANGES 8
#define LINK_QUEUE_MAX	 4096 /* packets tracked in the serialization queue */

struct link {
	char name[40];
	struct sim *sim;
	struct node *to;
	struct link_params p;
	struct sim_rng rng;
	bool ge_bad;		 /* Gilbert-Elliott state */
	sct_time_t busy_until;	 /* the transmitter is serializing until then */
	sct_time_t last_arrival; /* arrivals never overtake unless reordering says so */
	/* packets waiting or being serialized: (departure time, bytes), a ring */
	sct_time_t q_dep[LINK_QUEUE_MAX];
	uint32_t q_len[LINK_QUEUE_MAX];
	uint32_t q_head, q_count, q_bytes;
	struct link_params changes[LINK_MAX_CHANGES];
	uint32_t n_changes;
	struct link_counters c;
};

/**
 * link_init() - a link named @name towards @to with parameters @p, drawing from the
 * stream ("link", @index) of @sim.
 */
void link_init(struct link *l, struct sim *sim, const char *name, uint64_t index, struct node *to,
	       const struct link_params *p);

/**
 * link_send() - offer a packet to the link; it owns @pkt from here on.  It is delivered
 * to the far node later (maybe twice, maybe with a flipped bit) or dropped and counted.
 */
void link_send(struct link *l, struct sim_pkt *pkt);

/**
 * link_change_at() - at time @t the link takes parameters @p (a link going down and
 * coming back is two changes).
 * Return: 0; -ENOSPC past LINK_MAX_CHANGES; -ENOMEM.
 */
int link_change_at(struct link *l, sct_time_t t, const struct link_params *p);

/**
 * link_busy_now() - how long the transmitter has been serializing until now: packets
 * still waiting in the queue are not counted yet.  The difference of two readings over
 * the time between them is the link's utilization.
 */
sct_time_t link_busy_now(const struct link *l);

/** link_params_print() - one line describing @p, for -v. */
void link_params_print(const struct sim *sim, const char *name, const struct link_params *p);

#endif /* SCT_SIM_LINK_H */
