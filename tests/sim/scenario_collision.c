/* SPDX-License-Identifier: MIT */
/* scenario_collision.c: "collision": both ends connect at once (RFC 9260 5.2.1, 5.2.4). */
#include "scenario.h"

/*
 * A and Z both listen on their ports and both call connect at nearly the
 * same time (within a few one-way delays).  Each INIT meets a TCB in
 * COOKIE-WAIT on the other side, which answers from that TCB (5.2.1); the
 * COOKIE ECHOs then resolve through Table 12 (5.2.4).  Whatever the
 * interleaving and the losses: each side ends with at most one open
 * association, and when either is up, both are, with mirrored tags.
 */
void scenario_collision(struct world *w)
{
	struct world_limits lim = {.loss_max = 0.2};
	struct node *a, *z;
	struct sct_ep *ep_a, *ep_z;
	sct_assoc_id ida, idz;
	sct_time_t offset;
	struct sct_assoc_status sa, sz;
	int ua, uz;

	lim.zero_loss = sim_chance(&w->sim.rng, 0.2);
	lim.impairments = sim_chance(&w->sim.rng, 0.5);
	if (scn_pair(w, &lim, &a, &z, &ep_a, &ep_z) != 0)
		return;
	sct_ep_listen(ep_a, true);
	if (!lim.zero_loss)
		world_maybe_outage(w, &w->links[sim_chance(&w->sim.rng, 0.5)], SCT_NSEC_PER_SEC);
	offset = sim_range(&w->sim.rng, 0, w->links[0].p.delay * 2);
	ida = world_connect(w, a, ep_a, z, 2000);
	world_run(w, offset);
	idz = world_connect(w, z, ep_z, a, 1000);
	if (!ida || !idz)
		return;
	world_run(w, SCN_PHASE);

	if (world_open_assocs(a) > 1 || world_open_assocs(z) > 1)
		world_fail(w, "open associations: A %u, Z %u (at most one each)",
			   world_open_assocs(a), world_open_assocs(z));
	if (sct_assoc_status(a->st, ida, &sa) != 0 || sct_assoc_status(z->st, idz, &sz) != 0) {
		world_fail(w, "a connecting association vanished");
		return;
	}
	ua = sa.state == SCT_ESTABLISHED;
	uz = sz.state == SCT_ESTABLISHED;
	if (ua && uz) {
		if (sa.my_vtag != sz.peer_vtag || sa.peer_vtag != sz.my_vtag)
			world_fail(w, "tags differ: A %08x/%08x, Z %08x/%08x", sa.my_vtag,
				   sa.peer_vtag, sz.my_vtag, sz.peer_vtag);
	} else if (ua || uz) {
		struct node *down = ua ? z : a;
		sct_assoc_id did = ua ? idz : ida;

		/* the side that is not up must have given up, or come up and lost it
		 * since (8.1): else it hangs half-way.  The side that is up must learn
		 * it in time: world_finish() checks */
		int last = node_last_change(down, did);

		if (last != SCT_CANT_STR_ASSOC && last != SCT_COMM_LOST)
			world_fail(w, "%s up, %s assoc %u neither up nor failed (%s)",
				   ua ? "A" : "Z", down->name, did,
				   sct_state_name(ua ? sz.state : sa.state));
	} else if (lim.zero_loss) {
		world_fail(w, "no association on a clean network (A %s, Z %s)",
			   sct_state_name(sa.state), sct_state_name(sz.state));
	}
	if (lim.zero_loss && (node_count_events(a, SCT_EV_ASSOC_CHANGE, SCT_COMM_UP, 0) != 1 ||
			      node_count_events(z, SCT_EV_ASSOC_CHANGE, SCT_COMM_UP, 0) != 1))
		world_fail(w, "COMM_UP: A %zu, Z %zu (one each)",
			   node_count_events(a, SCT_EV_ASSOC_CHANGE, SCT_COMM_UP, 0),
			   node_count_events(z, SCT_EV_ASSOC_CHANGE, SCT_COMM_UP, 0));
	world_settle(w);
	world_finish(w);
}
