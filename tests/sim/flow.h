/* SPDX-License-Identifier: MIT */
/* flow.h: a one-way message transfer between two simulated applications, checked message by
 * message (exactly once, byte-exact, in order where ordered). */
#ifndef SCT_SIM_FLOW_H
#define SCT_SIM_FLOW_H

#include <stdbool.h>
#include <stdint.h>

#include "world.h"

/* One message of the transfer: its payload is flow_byte(index, offset), its PPID its index. */
struct flow_msg {
	uint32_t len;
	uint16_t sid;
	bool unordered;
};

struct flow {
	struct world *w;
	struct node *a, *z; /* sender, receiver */
	sct_assoc_id ida, idz;
	struct flow_msg *m;
	uint32_t n;
	uint32_t next;	   /* next message to send */
	uint8_t *seen;	   /* deliveries per message */
	int64_t *last_ord; /* per stream: index of the last ordered message read (-1) */
	uint16_t n_streams;
	uint8_t *rbuf; /* the message being read */
	size_t rlen;
	uint32_t delivered;
	uint64_t bytes;
	sct_time_t t_start, t_last_rx;
	/* a slow reader reads read_per_tick bytes every read_tick */
	bool slow;
	sct_time_t read_tick;
	uint32_t read_per_tick, budget;
	bool tick_armed;
	/* pacing: message i is not sent before t_start + i * gap */
	sct_time_t gap, wake_at;
	bool shutdown_when_sent;
	bool shut;
	/* bytes delivered from t_mark on, for a steady-state rate */
	sct_time_t t_mark;
	uint64_t bytes_mark;
	const struct link *watch; /* the data's bottleneck, if the caller sets it */
	sct_time_t busy_mark;	  /* its link_busy_now() at t_mark */
	uint64_t total;		  /* bytes of all messages (the caller sets it) */
};

/**
 * flow_init() - a transfer of @n messages from @a's association @ida to @z (whose
 * association is found from its COMM_UP event); the caller fills ->m[] and the knobs,
 * then calls flow_start().  Return: 0; -ENOMEM (recorded as a failure).
 */
int flow_init(struct flow *f, struct world *w, struct node *a, sct_assoc_id ida, struct node *z,
	      uint32_t n, uint16_t n_streams);

/** flow_start() - hook both applications up and send what the buffers take. */
void flow_start(struct flow *f);

/** flow_drain() - the receiver reads everything left, slow or not. */
void flow_drain(struct flow *f);

/** flow_free() - unhook the applications and free the bookkeeping. */
void flow_free(struct flow *f);

/**
 * flow_run() - run until the sender's association ends or @limit passes.
 * Return: the sender's last association change (-1 when none ended).
 */
int flow_run(struct flow *f, sct_time_t limit);

/** flow_check_all() - every message was delivered (exactly once was checked as it came). */
void flow_check_all(struct flow *f);

/** flow_reno_bps() - the Mathis et al. Reno rate MSS / RTT * sqrt(3/2) / sqrt(p), bit/s. */
double flow_reno_bps(uint32_t mss, double rtt_s, double p);

/**
 * flow_pftk_bps() - the Padhye et al. model of TCP Reno with timeouts (SIGCOMM '98):
 * MSS / (RTT sqrt(2bp/3) + T0 min(1, 3 sqrt(3bp/8)) p (1 + 32p^2)), b = 2 packets per
 * acknowledgement, T0 the retransmission timeout.  Unlike Mathis it holds at high loss.
 */
double flow_pftk_bps(uint32_t mss, double rtt_s, double p, double t0_s);

#endif /* SCT_SIM_FLOW_H */
