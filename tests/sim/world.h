/* SPDX-License-Identifier: MIT */
/* world.h: what the simulator's scenarios share: nodes, links, drawn parameters, checks. */
#ifndef SCT_SIM_WORLD_H
#define SCT_SIM_WORLD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "link.h"
#include "node.h"
#include "sim.h"

#define WORLD_MAX_NODES 16
#define WORLD_MAX_LINKS 32

/* How wild a scenario lets the drawn links be. */
struct world_limits {
	double loss_max;  /* loss drawn uniformly in [0, loss_max] */
	bool zero_loss;	  /* force a clean network (loss, corruption, queue drops all off) */
	bool impairments; /* also draw duplication, reordering, corruption, bursts, queues */
};

struct world {
	struct sim sim;
	struct node nodes[WORLD_MAX_NODES];
	size_t n_nodes;
	struct link links[WORLD_MAX_LINKS];
	size_t n_links;
	struct sct_settings set; /* drawn once; every node starts with them */
	bool failed;
	char why[512];
	/* outcomes worth counting across seeds */
	uint32_t n_halfopen; /* see world_check_halfopen() */
	char halfopen_why[256];
	char note[256]; /* a result line simrun prints for the seed (goodput...) */
};

/** world_new() - an empty world for @seed with settings drawn from it; NULL on ENOMEM. */
struct world *world_new(uint64_t seed, int verbose);
/** world_free() - free every stack (ASan checks them) and the world. */
void world_free(struct world *w);

/** world_node() - add a host; NULL on failure (recorded with world_fail()). */
struct node *world_node(struct world *w, const char *name, const char *addr);

/**
 * world_draw_link() - link parameters drawn from the scenario's stream within @lim.
 */
void world_draw_link(struct world *w, const struct world_limits *lim, struct link_params *p);

/**
 * world_wire() - two links between @a and @b (one each way) with parameters @ab and @ba,
 * and the routes to use them.  Return: 0, or -ENOSPC past WORLD_MAX_LINKS.
 */
int world_wire(struct world *w, struct node *a, struct node *b, const struct link_params *ab,
	       const struct link_params *ba);

/**
 * world_wire_addrs() - as world_wire(), between address @aa of @a and @bb of @b (one
 * link pair per pair of addresses: multi-homing).
 */
int world_wire_addrs(struct world *w, struct node *a, const struct sct_addr *aa, struct node *b,
		     const struct sct_addr *bb, const struct link_params *ab,
		     const struct link_params *ba);

/** world_fail() - record the first invariant failure (later ones are ignored). */
void world_fail(struct world *w, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/**
 * world_maybe_outage() - by the seed (30%), @l goes down at a moment within @within from
 * now, for 0.1 to 120 s, then comes back with the parameters it had.
 */
void world_maybe_outage(struct world *w, struct link *l, sct_time_t within);

/** world_run() - let @d of simulated time pass. */
void world_run(struct world *w, sct_time_t d);

/**
 * world_endpoint() - bind @port on @n (listening when @listen).
 * Return: the endpoint, or NULL (recorded as a failure).
 */
struct sct_ep *world_endpoint(struct world *w, struct node *n, uint16_t port, bool listen);

/**
 * world_connect() - @ep of @from connects to @to's address and @port.
 * Return: the association id, or 0 (recorded as a failure).
 */
sct_assoc_id world_connect(struct world *w, struct node *from, struct sct_ep *ep, struct node *to,
			   uint16_t port);

/**
 * world_peer_of() - the association of @n whose tags mirror @st (its peer_vtag is
 * st->my_vtag and the other way round), or 0.
 */
sct_assoc_id world_peer_of(struct node *n, const struct sct_assoc_status *st);

/** world_open_assocs() - associations of @n whose state is not CLOSED. */
uint32_t world_open_assocs(struct node *n);

/**
 * world_check_setup() - the setup invariant for association @id of @a towards @z:
 * either it came up (exactly once) and @z holds the mirror association, established,
 * or it reported SCT_CANT_STR_ASSOC; never both, never neither.
 * Return: true when it is up.
 */
bool world_check_setup(struct world *w, struct node *a, sct_assoc_id id, struct node *z);

/**
 * world_detect_bound() - how long an ESTABLISHED association may outlive its peer's
 * (the peer gave up, ended or rebooted): its heartbeats (RFC 9260 8.3) draw an ABORT
 * (8.4 rule 8) or go unanswered Association.Max.Retrans + 1 times (8.1).
 */
sct_time_t world_detect_bound(const struct world *w);

/** world_settle() - run world_detect_bound() (and a second) more: half-opens must end. */
void world_settle(struct world *w);

/**
 * world_check_halfopen() - count (and describe in ->halfopen_why) every ESTABLISHED
 * association whose peer node has held no mirror for longer than world_detect_bound().
 */
void world_check_halfopen(struct world *w);

/**
 * world_finish() - the end-of-scenario checks: no half-open association outlived the
 * detection bound, every corrupted packet was rejected, no packet went unrouted, no
 * protocol timer is left but the cookie-key rotation and the heartbeats of ESTABLISHED
 * associations.
 */
void world_finish(struct world *w);

#endif /* SCT_SIM_WORLD_H */
