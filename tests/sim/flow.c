/* SPDX-License-Identifier: MIT */
/* flow.c: a checked one-way message transfer between two simulated applications (see flow.h). */

/*
 * The sender's application is called after everything that happens on its
 * node (node->app): it queues the next messages with sct_assoc_send() until
 * the send buffer refuses (-EAGAIN), pacing them when asked, and shuts the
 * association down gracefully once the last one is queued (RFC 9260 9.2:
 * SHUTDOWN waits for the outstanding data).  Each message carries its index
 * as PPID and a payload derived from (index, offset), so that the receiver
 * checks it without a copy of what was sent: length, stream, ordered flag,
 * every byte; a second delivery, or an ordered message read before an
 * earlier ordered one of its stream (6.6), fails at once.
 *
 * The receiver's application reads as it goes, or, as a slow reader, a few
 * kilobytes per tick, so that its window closes and reopens (6.2, 6.1 zero
 * window probing).
 */
#include "flow.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#define FLOW_MSG_MAX 65536

static uint8_t flow_byte(uint32_t idx, uint32_t off)
{
	uint32_t x = idx * 0x9e3779b1u + off * 0x85ebca6bu;

	return (uint8_t)(x >> 24 ^ x >> 11 ^ off);
}

int flow_init(struct flow *f, struct world *w, struct node *a, sct_assoc_id ida, struct node *z,
	      uint32_t n, uint16_t n_streams)
{
	uint16_t i;

	memset(f, 0, sizeof(*f));
	f->w = w;
	f->a = a;
	f->z = z;
	f->ida = ida;
	f->n = n;
	f->n_streams = n_streams;
	f->m = calloc(n, sizeof(*f->m));
	f->seen = calloc(n, 1);
	f->last_ord = calloc(n_streams, sizeof(*f->last_ord));
	f->rbuf = malloc(FLOW_MSG_MAX);
	if (!f->m || !f->seen || !f->last_ord || !f->rbuf) {
		world_fail(w, "flow: out of memory");
		return -ENOMEM;
	}
	for (i = 0; i < n_streams; i++)
		f->last_ord[i] = -1;
	return 0;
}

void flow_free(struct flow *f)
{
	f->a->app = NULL;
	f->z->app = NULL;
	free(f->m);
	free(f->seen);
	free(f->last_ord);
	free(f->rbuf);
	f->m = NULL;
}

static void wake(struct sim *sim, void *ctx, struct sim_pkt *pkt, uint64_t tag)
{
	struct node *n = ctx;

	(void)sim;
	(void)pkt;
	(void)tag;
	node_kick(n);
}

static void sender(struct node *n, void *ctx)
{
	struct flow *f = ctx;
	sct_time_t now = f->w->sim.now;
	static uint8_t out[FLOW_MSG_MAX];

	while (f->next < f->n) {
		const struct flow_msg *m = &f->m[f->next];
		struct sct_sndinfo si;
		uint32_t k;
		int rc;

		if (f->gap && now < f->t_start + (sct_time_t)f->next * f->gap) {
			sct_time_t at = f->t_start + (sct_time_t)f->next * f->gap;

			if (f->wake_at != at) {
				f->wake_at = at;
				sim_at(&f->w->sim, at, wake, n, NULL, 0);
			}
			return;
		}
		for (k = 0; k < m->len; k++)
			out[k] = flow_byte(f->next, k);
		memset(&si, 0, sizeof(si));
		si.sid = m->sid;
		si.flags = m->unordered ? SCT_SEND_UNORDERED : 0;
		si.ppid = f->next;
		rc = sct_assoc_send(n->st, f->ida, &si, out, m->len, now);
		if (rc == -EAGAIN)
			return; /* SCT_EV_WRITABLE (any event) calls us again */
		if (rc == -ENOENT || rc == -EPIPE)
			return; /* the association ended: the checks tell whether it may */
		if (rc != 0) {
			world_fail(f->w, "sender: sct_assoc_send(message %u, %u bytes) = %d",
				   f->next, m->len, rc);
			return;
		}
		f->next++;
	}
	/* sct_assoc_shutdown() aborts an association still being set up: wait for it */
	if (f->shutdown_when_sent && !f->shut &&
	    node_count_events(n, SCT_EV_ASSOC_CHANGE, SCT_COMM_UP, f->ida)) {
		f->shut = true;
		sim_log(&f->w->sim, "%-8s all %u messages queued: shuts down", n->name, f->n);
		sct_assoc_shutdown(n->st, f->ida, now);
	}
}

static void got_message(struct flow *f, const struct sct_rcvinfo *ri)
{
	uint32_t idx = ri->ppid, k;
	const struct flow_msg *m;

	if (idx >= f->n || idx >= f->next) {
		world_fail(f->w, "receiver: message with PPID %u never sent", idx);
		return;
	}
	m = &f->m[idx];
	if (f->seen[idx]++) {
		world_fail(f->w, "receiver: message %u delivered twice", idx);
		return;
	}
	if (ri->sid != m->sid || ri->unordered != m->unordered || f->rlen != m->len) {
		world_fail(f->w,
			   "receiver: message %u: stream %u unordered %d length %zu, sent on %u "
			   "unordered %d length %u",
			   idx, ri->sid, ri->unordered, f->rlen, m->sid, m->unordered, m->len);
		return;
	}
	for (k = 0; k < m->len; k++)
		if (f->rbuf[k] != flow_byte(idx, k)) {
			world_fail(f->w, "receiver: message %u: byte %u differs", idx, k);
			return;
		}
	if (!m->unordered) {
		/* RFC 9260 6.6: ordered messages of a stream in the order they were sent */
		if ((int64_t)idx < f->last_ord[m->sid]) {
			world_fail(f->w,
				   "receiver: stream %u: ordered message %u after message %lld",
				   m->sid, idx, (long long)f->last_ord[m->sid]);
			return;
		}
		f->last_ord[m->sid] = idx;
	}
	f->delivered++;
	f->bytes += m->len;
	f->t_last_rx = f->w->sim.now;
}

static void read_tick(struct sim *sim, void *ctx, struct sim_pkt *pkt, uint64_t tag);

static void receiver(struct node *n, void *ctx)
{
	struct flow *f = ctx;
	size_t i;

	if (!f->idz) {
		for (i = n->ev_gen_start; i < n->n_ev; i++)
			if (n->ev[i].ev.type == SCT_EV_ASSOC_CHANGE &&
			    n->ev[i].ev.u.assoc_change.state == SCT_COMM_UP) {
				f->idz = n->ev[i].ev.assoc;
				break;
			}
		if (!f->idz)
			return;
	}
	if (f->slow && !f->tick_armed) {
		f->tick_armed = true;
		sim_at(&f->w->sim, f->w->sim.now + f->read_tick, read_tick, f, NULL, 0);
	}
	for (;;) {
		struct sct_rcvinfo ri;
		size_t cap = FLOW_MSG_MAX - f->rlen;
		int rc;

		if (f->slow && cap > f->budget)
			cap = f->budget;
		if (!cap) {
			if (f->rlen == FLOW_MSG_MAX)
				world_fail(f->w, "receiver: a message longer than %u bytes",
					   FLOW_MSG_MAX);
			return;
		}
		rc = sct_assoc_recv(n->st, f->idz, &ri, f->rbuf + f->rlen, cap, f->w->sim.now);
		if (rc < 0)
			return;
		f->rlen += (size_t)rc;
		if (f->slow)
			f->budget -= (uint32_t)rc;
		if (ri.eor) {
			got_message(f, &ri);
			f->rlen = 0;
		}
	}
}

static void read_tick(struct sim *sim, void *ctx, struct sim_pkt *pkt, uint64_t tag)
{
	struct flow *f = ctx;

	(void)sim;
	(void)pkt;
	(void)tag;
	f->tick_armed = false;
	if (!f->slow || !f->m)
		return;
	f->budget = f->read_per_tick;
	node_kick(f->z); /* calls receiver(), which re-arms the tick */
}

void flow_start(struct flow *f)
{
	f->t_start = f->w->sim.now;
	f->a->app = sender;
	f->a->app_ctx = f;
	f->z->app = receiver;
	f->z->app_ctx = f;
	node_kick(f->a);
	node_kick(f->z);
}

void flow_drain(struct flow *f)
{
	f->slow = false;
	if (f->m)
		receiver(f->z, f);
}

int flow_run(struct flow *f, sct_time_t limit)
{
	sct_time_t end = f->w->sim.now + limit;
	int last;

	while (f->w->sim.now < end && !f->w->failed) {
		world_run(f->w, 100 * SCT_NSEC_PER_MSEC);
		if (!f->t_mark && f->bytes * 2 >= f->total) {
			/* the second half of the bytes: past slow start, for a steady rate */
			f->t_mark = f->w->sim.now;
			f->bytes_mark = f->bytes;
			if (f->watch)
				f->busy_mark = link_busy_now(f->watch);
		}
		last = node_last_change(f->a, f->ida);
		if (last == SCT_SHUTDOWN_COMP || last == SCT_COMM_LOST ||
		    last == SCT_CANT_STR_ASSOC)
			return last;
	}
	return -1;
}

void flow_check_all(struct flow *f)
{
	uint32_t i;

	if (f->delivered == f->n)
		return;
	for (i = 0; i < f->n && f->seen[i]; i++)
		;
	world_fail(f->w, "receiver: %u of %u messages delivered (first missing: %u of %u sent)",
		   f->delivered, f->n, i, f->next);
}

double flow_reno_bps(uint32_t mss, double rtt_s, double p)
{
	return (double)mss * 8 / rtt_s * sqrt(1.5) / sqrt(p);
}

double flow_pftk_bps(uint32_t mss, double rtt_s, double p, double t0_s)
{
	const double b = 2;
	double to = 3 * sqrt(3 * b * p / 8);

	if (to > 1)
		to = 1;
	return (double)mss * 8 / (rtt_s * sqrt(2 * b * p / 3) + t0_s * to * p * (1 + 32 * p * p));
}
