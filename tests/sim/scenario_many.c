/* SPDX-License-Identifier: MIT */
/* scenario_many.c: "many": 50 associations from 5 hosts to one, set up and shut down under loss. */
#include <stdio.h>

#include "scenario.h"

#define MANY_HOSTS    5
#define MANY_PER_HOST 10

/*
 * Five hosts A0..A4 open ten associations each (from ten ports) to Z's one
 * listening port, at random moments within the first second, over links
 * with 10% loss, jitter, reordering, duplication and corruption (drawn per
 * link).  All must converge (come up with mirrored tags on Z, or fail
 * cleanly); then each is shut down by one side or the other, and all must end.
 */
void scenario_many(struct world *w)
{
	struct world_limits lim = {.loss_max = 0.1, .impairments = true};
	struct node *hosts[MANY_HOSTS], *z;
	struct sct_ep *ep_z, *eps[MANY_HOSTS][MANY_PER_HOST];
	sct_assoc_id ids[MANY_HOSTS][MANY_PER_HOST], zids[MANY_HOSTS][MANY_PER_HOST];
	sct_time_t at[MANY_HOSTS][MANY_PER_HOST], t0;
	int h, k, up = 0;

	z = world_node(w, "Z", "10.0.0.2");
	if (!z || !(ep_z = world_endpoint(w, z, 2000, true)))
		return;
	for (h = 0; h < MANY_HOSTS; h++) {
		struct link_params ab, ba;
		char name[8], addr[24];

		snprintf(name, sizeof(name), "A%d", h);
		snprintf(addr, sizeof(addr), "10.0.1.%d", h + 1);
		hosts[h] = world_node(w, name, addr);
		if (!hosts[h])
			return;
		world_draw_link(w, &lim, &ab);
		world_draw_link(w, &lim, &ba);
		ab.loss = ba.loss = lim.loss_max; /* the 10% */
		if (world_wire(w, hosts[h], z, &ab, &ba) != 0) {
			world_fail(w, "cannot wire %s", name);
			return;
		}
		for (k = 0; k < MANY_PER_HOST; k++) {
			eps[h][k] = world_endpoint(w, hosts[h], (uint16_t)(1000 + k), false);
			if (!eps[h][k])
				return;
			at[h][k] = sim_range(&w->sim.rng, 0, SCT_NSEC_PER_SEC);
		}
	}
	/* connect in time order: the sim runs forward only */
	t0 = w->sim.now;
	for (;;) {
		int bh = -1, bk = -1;

		for (h = 0; h < MANY_HOSTS; h++)
			for (k = 0; k < MANY_PER_HOST; k++)
				if (at[h][k] != SCT_TIME_NEVER &&
				    (bh < 0 || at[h][k] < at[bh][bk])) {
					bh = h;
					bk = k;
				}
		if (bh < 0)
			break;
		sim_run_until(&w->sim, t0 + at[bh][bk]);
		at[bh][bk] = SCT_TIME_NEVER;
		ids[bh][bk] = world_connect(w, hosts[bh], eps[bh][bk], z, 2000);
		if (!ids[bh][bk])
			return;
	}
	world_run(w, SCN_PHASE);
	for (h = 0; h < MANY_HOSTS; h++)
		for (k = 0; k < MANY_PER_HOST; k++) {
			struct sct_assoc_status st;

			zids[h][k] = 0;
			if (!world_check_setup(w, hosts[h], ids[h][k], z))
				continue;
			sct_assoc_status(hosts[h]->st, ids[h][k], &st);
			zids[h][k] = world_peer_of(z, &st);
			up++;
		}
	/*
	 * Each association converged: up on both sides, given up on with
	 * SCT_CANT_STR_ASSOC, or up and lost since (world_check_setup() failed
	 * anything else).  Z may keep what A gave up on or lost for a while: its
	 * heartbeats tell it (world_finish() times it); never more than one
	 * association per A port.
	 */
	if (world_open_assocs(z) < (uint32_t)up ||
	    world_open_assocs(z) > MANY_HOSTS * MANY_PER_HOST)
		world_fail(w, "Z holds %u open associations for %d up of %d", world_open_assocs(z),
			   up, MANY_HOSTS * MANY_PER_HOST);

	/* graceful close of each, by a side the seed picks */
	for (h = 0; h < MANY_HOSTS; h++)
		for (k = 0; k < MANY_PER_HOST; k++) {
			bool by_z = sim_chance(&w->sim.rng, 0.5);

			if (!zids[h][k])
				continue;
			if (by_z)
				sct_assoc_shutdown(z->st, zids[h][k], w->sim.now);
			else
				sct_assoc_shutdown(hosts[h]->st, ids[h][k], w->sim.now);
			node_kick(by_z ? z : hosts[h]);
		}
	world_run(w, SCN_PHASE);
	for (h = 0; h < MANY_HOSTS; h++)
		for (k = 0; k < MANY_PER_HOST; k++)
			if (zids[h][k])
				scn_shutdown_check(w, hosts[h], ids[h][k], z, zids[h][k], false);
	world_settle(w);
	world_finish(w);
}
