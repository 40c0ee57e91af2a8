/* SPDX-License-Identifier: MIT */
/* scenario.h: the simulator's scenarios, each a function of a world built from one seed. */
#ifndef SCT_SIM_SCENARIO_H
#define SCT_SIM_SCENARIO_H

#include "world.h"

/* Setup and teardown phases get this much simulated time: Max.Init.Retransmits or
 * Association.Max.Retrans backoffs capped at RTO.Max = 60 s fit with room to spare. */
#define SCN_PHASE (20 * 60 * SCT_NSEC_PER_SEC)

struct scenario {
	const char *name;
	const char *what;
	/* build the world's nodes and links, run, check; failures go to world_fail() */
	void (*run)(struct world *w);
	/* `simrun all` (make soak) runs this scenario for 1 seed in soak_share (0, 1: all) */
	unsigned soak_share;
};

void scenario_setup(struct world *w);
void scenario_setup_teardown(struct world *w);
void scenario_collision(struct world *w);
void scenario_restart(struct world *w);
void scenario_many(struct world *w);
void scenario_bulk(struct world *w);
void scenario_bdp(struct world *w);
void scenario_failover(struct world *w);

/**
 * scn_pair() - nodes "A" (10.0.0.1) and "Z" (10.0.0.2) wired both ways with links drawn
 * within @lim; Z gets a listening endpoint on port 2000, A one on port 1000.
 * Return: 0, or -1 (recorded as a failure).
 */
int scn_pair(struct world *w, const struct world_limits *lim, struct node **a, struct node **z,
	     struct sct_ep **ep_a, struct sct_ep **ep_z);

/**
 * scn_shutdown_check() - after a graceful close of @ida (on @a) / @idz (on @z) started by
 * one of them, both must end with SHUTDOWN_COMP or COMM_LOST, and both with
 * SHUTDOWN_COMP when @clean.
 */
void scn_shutdown_check(struct world *w, struct node *a, sct_assoc_id ida, struct node *z,
			sct_assoc_id idz, bool clean);

#endif /* SCT_SIM_SCENARIO_H */
