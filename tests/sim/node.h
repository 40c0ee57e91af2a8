/* SPDX-License-Identifier: MIT */
/* node.h: a simulated host: one SCTP stack, its address, its routes, its timer, its events. */
#ifndef SCT_SIM_NODE_H
#define SCT_SIM_NODE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "sctp/sctp.h"
#include "sim.h"

struct link;

#define NODE_MAX_ROUTES 64
#define NODE_PKT_MAX	9000

struct node_event {
	sct_time_t t;
	struct sct_event ev;
	/* the association's ports and tags when the event was polled (ended ones keep them
	 * until released), so that the end of an association can be matched to its peer */
	uint16_t local_port, peer_port;
	uint32_t my_vtag, peer_vtag;
};

struct node_route {
	struct sct_addr dst;
	struct sct_addr src; /* the local address packets on this route leave from */
	struct link *link;
};

#define NODE_MAX_ADDRS 4

struct node_counters {
	uint64_t in;		 /* packets handed to the stack */
	uint64_t in_malformed;	 /* sct_stack_input() said SCT_WE_* (bad CRC included) */
	uint64_t in_ootb;	 /* sct_stack_input() said -ENOENT */
	uint64_t corrupt_in;	 /* delivered with a flipped bit */
	uint64_t corrupt_caught; /* ... and rejected by the stack */
	uint64_t out;		 /* packets the stack emitted */
	uint64_t no_route;	 /* emitted to an address nobody routes */
};

struct node {
	char name[16];
	uint32_t index;
	struct sim *sim;
	struct sct_stack *st;
	struct sct_settings set; /* what each new stack of this node starts with */
	struct sim_rng rng;	 /* the stack's randomness */
	uint32_t generation;	 /* stacks this node has had (restarts) */
	sct_time_t created;	 /* when the current stack was made */
	struct sct_addr addr;	 /* the first of addrs */
	struct sct_addr addrs[NODE_MAX_ADDRS];
	size_t n_addrs;
	struct node_route routes[NODE_MAX_ROUTES];
	size_t n_routes;
	uint64_t timer_tag;  /* only the timer event carrying this tag is live */
	sct_time_t timer_at; /* when that event fires (SCT_TIME_NEVER: none) */
	struct node_event *ev;
	size_t n_ev, cap_ev;
	size_t ev_gen_start; /* first event of the current stack */
	struct node_counters c;
	/* the application: called after each input, timer and kick, to send and read */
	void (*app)(struct node *n, void *ctx);
	void *app_ctx;
	bool in_app;
	uint8_t buf[NODE_PKT_MAX];
};

/**
 * node_init() - a host named @name with address @addr (text) whose stack draws from the
 * stream ("node", @index) and starts with settings @set (NULL: the defaults).
 * Return: 0; -EINVAL for a bad address; -ENOMEM.
 */
int node_init(struct node *n, struct sim *sim, const char *name, uint32_t index, const char *addr,
	      const struct sct_settings *set);

/** node_free() - free the stack (ASan checks it leaves nothing behind) and the events. */
void node_free(struct node *n);

/**
 * node_add_route() - packets to @dst leave through @l.
 * Return: 0; -ENOSPC past NODE_MAX_ROUTES.
 */
int node_add_route(struct node *n, const struct sct_addr *dst, struct link *l);

/**
 * node_add_addr() - a further address of the host (multi-homing); its stack and every
 * later one take it.  Return: 0; -EINVAL; -ENOSPC past NODE_MAX_ADDRS; the stack's error.
 */
int node_add_addr(struct node *n, const char *addr);

/**
 * node_add_route_from() - packets to @dst leave through @l from local address @src.
 * Return: 0; -ENOSPC past NODE_MAX_ROUTES.
 */
int node_add_route_from(struct node *n, const struct sct_addr *dst, const struct sct_addr *src,
			struct link *l);

/** node_deliver() - a packet arrives from link @from (NULL: injected); the node owns @pkt. */
void node_deliver(struct node *n, struct link *from, struct sim_pkt *pkt);

/**
 * node_kick() - after the scenario called into the stack (connect, shutdown...): send what
 * it queued, re-arm its timer, collect its events.  The simulator does it after every
 * input and timer by itself.
 */
void node_kick(struct node *n);

/**
 * node_restart() - the host reboots: its stack is freed without a word to anybody and a
 * fresh one (new randomness, same address, no endpoint) takes its place.
 * Return: 0; -ENOMEM.
 */
int node_restart(struct node *n);

/**
 * node_pending_timers() - armed protocol timers that should have stopped by now: all of
 * them but the stack's cookie-key rotation and the heartbeat timers of ESTABLISHED
 * associations (RFC 9260 8.3).  Nothing else may run on a quiet association: no T3-rtx
 * without outstanding data, no delayed SACK once it was sent, no T1, T2 or T5.
 */
uint32_t node_pending_timers(const struct node *n);

/** node_assocs() - associations the stack holds (closed ones not yet released included). */
uint32_t node_assocs(const struct node *n);

/**
 * node_count_events() - events of the current stack of @type (and, for association
 * changes, @state unless -1) about association @id (0: any).
 */
size_t node_count_events(const struct node *n, int type, int state, sct_assoc_id id);

/**
 * node_last_change() - the last association-change state reported for @id by the
 * current stack, or -1 when none was.
 */
int node_last_change(const struct node *n, sct_assoc_id id);

#endif /* SCT_SIM_NODE_H */
