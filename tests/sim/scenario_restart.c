/* SPDX-License-Identifier: MIT */
/* scenario_restart.c: "restart": Z reboots mid-association (RFC 9260 5.2.2, 5.2.4 A, 8.4). */
#include <errno.h>

#include "scenario.h"

/*
 * A and Z set up an association; then Z's host reboots: its stack is gone
 * without a word, a fresh one with the same address takes its place and
 * listens on the same port again.  Then, by the seed, either
 *
 *  - Z reconnects to A from the same port: A's TCB answers the INIT with
 *    tie-tags (5.2.2) and the COOKIE ECHO is a restart (5.2.4 case A): A
 *    must report SCT_RESTART with Z's new tags -- or, under loss, Z gives
 *    up cleanly; or
 *  - A shuts down first: its SHUTDOWN is out of the blue for the new Z,
 *    which answers with ABORT (8.4 rule 8), and A's association must end
 *    (COMM_LOST), never as a SHUTDOWN_COMP.
 *
 * Either way A may have learnt of the reboot first: its HEARTBEAT (8.3) is
 * out of the blue for the new Z too and draws an ABORT, and A's association
 * ends with COMM_LOST before Z reconnects (then Z's INIT meets A's endpoint,
 * which does not listen, and Z gives up) or before A shuts down.
 */
static void reconnect(struct world *w, struct node *a, sct_assoc_id ida, struct node *z,
		      struct sct_ep *ep_z)
{
	struct sct_assoc_status sa, sz;
	sct_assoc_id idz = world_connect(w, z, ep_z, a, 1000);
	int zl;

	if (!idz)
		return;
	world_run(w, SCN_PHASE);
	zl = node_last_change(z, idz);
	if (sct_assoc_status(a->st, ida, &sa) != 0 || sct_assoc_status(z->st, idz, &sz) != 0) {
		world_fail(w, "an association vanished");
		return;
	}
	if (zl == SCT_COMM_UP) {
		/* A does not listen: only its old TCB can have taken Z's INIT */
		if (node_count_events(a, SCT_EV_ASSOC_CHANGE, SCT_RESTART, ida) != 1)
			world_fail(w, "Z reconnected, A reported %zu SCT_RESTART for assoc %u",
				   node_count_events(a, SCT_EV_ASSOC_CHANGE, SCT_RESTART, ida),
				   ida);
		if (sa.state == SCT_CLOSED && node_last_change(a, ida) == SCT_COMM_LOST)
			; /* restarted, then lost (8.1): the half-open check times Z's side */
		else if (sa.state != SCT_ESTABLISHED || sa.my_vtag != sz.peer_vtag ||
			 sa.peer_vtag != sz.my_vtag)
			world_fail(w, "after the restart A is %s with tags %08x/%08x, Z %08x/%08x",
				   sct_state_name(sa.state), sa.my_vtag, sa.peer_vtag, sz.my_vtag,
				   sz.peer_vtag);
		if (world_open_assocs(a) > 1)
			world_fail(w, "A holds %u open associations after the restart",
				   world_open_assocs(a));
	} else if (zl == SCT_CANT_STR_ASSOC) {
		/* A may or may not have seen the restart; it must not be half-way: still
		 * up (the half-open check times it when it is up with Z's new tags, every
		 * COOKIE ACK lost), or ended by an ABORT the reboot drew */
		if (sa.state != SCT_ESTABLISHED &&
		    !(sa.state == SCT_CLOSED && node_last_change(a, ida) == SCT_COMM_LOST))
			world_fail(w, "Z gave up, A is %s (last change %d)",
				   sct_state_name(sa.state), node_last_change(a, ida));
	} else if (zl == SCT_COMM_LOST &&
		   node_count_events(z, SCT_EV_ASSOC_CHANGE, SCT_COMM_UP, idz) == 1) {
		/*
		 * Z's new association came up and was later lost: on these lossy links
		 * Association.Max.Retrans heartbeats in a row can go unanswered (8.1,
		 * 8.3; seed 5071).  A is then closed too, or still up and timed by the
		 * half-open check.
		 */
		if (sa.state != SCT_ESTABLISHED &&
		    !(sa.state == SCT_CLOSED && node_last_change(a, ida) == SCT_COMM_LOST))
			world_fail(w, "Z's new assoc lost, A is %s (last change %d)",
				   sct_state_name(sa.state), node_last_change(a, ida));
	} else {
		world_fail(w, "Z's new assoc %u: last change %d, state %s", idz, zl,
			   sct_state_name(sz.state));
	}
}

static void shutdown_into_void(struct world *w, struct node *a, sct_assoc_id ida)
{
	int rc = sct_assoc_shutdown(a->st, ida, w->sim.now);
	int last;

	if (rc == -ENOENT && node_last_change(a, ida) == SCT_COMM_LOST)
		return; /* a HEARTBEAT told A of the reboot first (8.3, 8.4 rule 8) */
	if (rc != 0) {
		world_fail(w, "A: sct_assoc_shutdown = %d", rc);
		return;
	}
	node_kick(a);
	world_run(w, SCN_PHASE);
	last = node_last_change(a, ida);
	if (last != SCT_COMM_LOST)
		world_fail(w, "A shut down towards a rebooted Z: last change %d, not COMM_LOST",
			   last);
	if (world_open_assocs(a))
		world_fail(w, "A still holds an open association");
}

void scenario_restart(struct world *w)
{
	struct world_limits lim = {.loss_max = 0.2};
	struct node *a, *z;
	struct sct_ep *ep_a, *ep_z;
	sct_assoc_id ida;
	bool a_shuts = sim_chance(&w->sim.rng, 0.3);
	sct_time_t pause;

	lim.zero_loss = sim_chance(&w->sim.rng, 0.2);
	lim.impairments = sim_chance(&w->sim.rng, 0.5);
	pause = sim_range(&w->sim.rng, 1, 30000) * SCT_NSEC_PER_MSEC;
	if (scn_pair(w, &lim, &a, &z, &ep_a, &ep_z) != 0)
		return;
	ida = world_connect(w, a, ep_a, z, 2000);
	if (!ida)
		return;
	world_run(w, SCN_PHASE);
	if (!world_check_setup(w, a, ida, z)) {
		world_settle(w);
		world_finish(w);
		return;
	}
	if (node_restart(z) != 0) {
		world_fail(w, "Z: cannot restart its stack");
		return;
	}
	ep_z = world_endpoint(w, z, 2000, true);
	if (!ep_z)
		return;
	world_run(w, pause);
	if (a_shuts)
		shutdown_into_void(w, a, ida);
	else
		reconnect(w, a, ida, z, ep_z);
	world_settle(w);
	world_finish(w);
}
