/* SPDX-License-Identifier: MIT */
/* scenario_setup.c: the "setup" and "setup_teardown" scenarios (RFC 9260 5.1, 9.2) under loss. */
#include <stdio.h>
#include <string.h>

#include "scenario.h"

int scn_pair(struct world *w, const struct world_limits *lim, struct node **a, struct node **z,
	     struct sct_ep **ep_a, struct sct_ep **ep_z)
{
	struct link_params ab, ba;

	*a = world_node(w, "A", "10.0.0.1");
	*z = world_node(w, "Z", "10.0.0.2");
	if (!*a || !*z)
		return -1;
	world_draw_link(w, lim, &ab);
	world_draw_link(w, lim, &ba);
	if (world_wire(w, *a, *z, &ab, &ba) != 0) {
		world_fail(w, "cannot wire A and Z");
		return -1;
	}
	*ep_a = world_endpoint(w, *a, 1000, false);
	*ep_z = world_endpoint(w, *z, 2000, true);
	return *ep_a && *ep_z ? 0 : -1;
}

/* Loss from 0 to 30%; one seed in eight gets a clean network, where setup must succeed. */
static bool draw_limits(struct world *w, struct world_limits *lim)
{
	memset(lim, 0, sizeof(*lim));
	lim->loss_max = 0.3;
	lim->zero_loss = sim_chance(&w->sim.rng, 0.125);
	lim->impairments = sim_chance(&w->sim.rng, 0.5);
	return lim->zero_loss;
}

/* A connects to Z and both wait: returns A's association when both are up. */
static sct_assoc_id setup_phase(struct world *w, struct node *a, struct sct_ep *ep_a,
				struct node *z, bool clean, sct_assoc_id *zid)
{
	struct sct_assoc_status st;
	sct_assoc_id id;

	if (!clean) {
		world_maybe_outage(w, &w->links[0], 10 * SCT_NSEC_PER_SEC);
		world_maybe_outage(w, &w->links[1], 10 * SCT_NSEC_PER_SEC);
	}
	id = world_connect(w, a, ep_a, z, 2000);

	if (!id)
		return 0;
	world_run(w, SCN_PHASE);
	if (!world_check_setup(w, a, id, z)) {
		if (clean)
			world_fail(w, "setup failed on a clean network");
		return 0;
	}
	sct_assoc_status(a->st, id, &st);
	*zid = world_peer_of(z, &st);
	if (node_count_events(z, SCT_EV_ASSOC_CHANGE, SCT_COMM_UP, 0) != 1)
		world_fail(w, "Z reported %zu COMM_UP for one association",
			   node_count_events(z, SCT_EV_ASSOC_CHANGE, SCT_COMM_UP, 0));
	if (world_open_assocs(z) != 1)
		world_fail(w, "Z holds %u open associations, expected 1", world_open_assocs(z));
	return id;
}

void scenario_setup(struct world *w)
{
	struct world_limits lim;
	struct node *a, *z;
	struct sct_ep *ep_a, *ep_z;
	sct_assoc_id zid = 0;
	bool clean = draw_limits(w, &lim);

	if (scn_pair(w, &lim, &a, &z, &ep_a, &ep_z) != 0)
		return;
	setup_phase(w, a, ep_a, z, clean, &zid);
	world_settle(w);
	world_finish(w);
}

void scn_shutdown_check(struct world *w, struct node *a, sct_assoc_id ida, struct node *z,
			sct_assoc_id idz, bool clean)
{
	struct node *n[2] = {a, z};
	sct_assoc_id id[2] = {ida, idz};
	int i;

	for (i = 0; i < 2; i++) {
		struct sct_assoc_status st;
		int last = node_last_change(n[i], id[i]);
		int other = node_last_change(n[1 - i], id[1 - i]);

		if (sct_assoc_status(n[i]->st, id[i], &st) != 0) {
			world_fail(w, "%s: assoc %u vanished before its release", n[i]->name,
				   id[i]);
			continue;
		}
		if (st.state == SCT_ESTABLISHED && other == SCT_COMM_LOST && !clean) {
			/* every SHUTDOWN and the final ABORT lost: its heartbeats will tell
			 * (world_check_halfopen() times it); not released, which would abort */
			continue;
		} else if (st.state != SCT_CLOSED)
			world_fail(w, "%s: assoc %u still %s after shutdown", n[i]->name, id[i],
				   sct_state_name(st.state));
		else if (last != SCT_SHUTDOWN_COMP && last != SCT_COMM_LOST)
			world_fail(w, "%s: assoc %u ended with change %d", n[i]->name, id[i], last);
		else if (clean && last != SCT_SHUTDOWN_COMP)
			world_fail(w, "%s: assoc %u: COMM_LOST on a clean network", n[i]->name,
				   id[i]);
		if (node_count_events(n[i], SCT_EV_ASSOC_CHANGE, SCT_SHUTDOWN_COMP, id[i]) +
			node_count_events(n[i], SCT_EV_ASSOC_CHANGE, SCT_COMM_LOST, id[i]) >
		    1)
			world_fail(w, "%s: assoc %u ended twice", n[i]->name, id[i]);
		sct_assoc_release(n[i]->st, id[i], w->sim.now);
		node_kick(n[i]);
	}
}

void scenario_setup_teardown(struct world *w)
{
	struct world_limits lim;
	struct node *a, *z, *closer;
	struct sct_ep *ep_a, *ep_z;
	sct_assoc_id ida, idz = 0;
	bool clean = draw_limits(w, &lim);
	bool a_closes = sim_chance(&w->sim.rng, 0.5);
	int rc;

	if (scn_pair(w, &lim, &a, &z, &ep_a, &ep_z) != 0)
		return;
	ida = setup_phase(w, a, ep_a, z, clean, &idz);
	if (ida && idz) {
		closer = a_closes ? a : z;
		sim_log(&w->sim, "%-8s shuts down", closer->name);
		if (!clean)
			world_maybe_outage(w, &w->links[a_closes ? 1 : 0], 5 * SCT_NSEC_PER_SEC);
		rc = sct_assoc_shutdown(closer->st, a_closes ? ida : idz, w->sim.now);
		if (rc != 0)
			world_fail(w, "%s: sct_assoc_shutdown = %d", closer->name, rc);
		node_kick(closer);
		world_run(w, SCN_PHASE);
		scn_shutdown_check(w, a, ida, z, idz, clean);
		world_settle(w);
		world_check_halfopen(w);
		/* what outlived its peer has ended by now: release it */
		sct_assoc_release(a->st, ida, w->sim.now);
		sct_assoc_release(z->st, idz, w->sim.now);
		node_kick(a);
		node_kick(z);
		world_run(w, SCN_PHASE);
		if (!w->n_halfopen && node_assocs(a) + node_assocs(z))
			world_fail(w, "%u associations left after release",
				   node_assocs(a) + node_assocs(z));
	}
	world_finish(w);
}
