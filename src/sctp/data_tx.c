/* SPDX-License-Identifier: MIT */
/* data_tx.c: sending DATA: the send call, SACK processing, retransmission (RFC 9260 6, 7). */

/*
 * Theory of operation
 *
 * The application's messages wait in the send queue (txq.c); the output
 * routine (sct_out_data, called while a packet is being built) first resends
 * chunks marked for retransmission, then cuts new fragments, as rules A-E of
 * 6.1 allow: the peer's rwnd (with zero window probing), the destination's
 * cwnd (one packet of overbooking) and Max.Burst, applied as a limit on the
 * new-data packets sent per received packet or timer, so cwnd itself is never
 * lowered by it (6.1 D, second option; it does not choke long fat paths).
 *
 * A SACK (6.2.1) moves the Cumulative TSN Ack Point, marks Gap-acked chunks,
 * counts miss indications with the HTNA rule and starts Fast Retransmit and
 * Fast Recovery on the third (7.2.4), feeds RTT samples (6.3.1, Karn's rule by
 * timing only chunks sent once), grows cwnd (7.2.1, 7.2.2) and manages T3-rtx
 * (6.3.2).  T3-rtx expiry (6.3.3) collapses cwnd, backs off the RTO, counts
 * errors against the path and the association (8.1, 8.2) and marks the
 * path's outstanding chunks for retransmission, preferably on another path.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "sctp/rx.h"
#include "sctp/tsn.h"
#include "wire/cause.h"

/* 7.2: cwnd arithmetic counts the chunk with its header and padding. */
static uint32_t chunk_size(uint32_t len)
{
	return (uint32_t)sct_pad4(SCT_DATA_HDR_LEN + len);
}

static void flight_sub(struct sct_assoc *a, struct sct_txchunk *c)
{
	if (c->in_flight) {
		struct sct_path *p = &a->paths[c->path];
		uint32_t sz = chunk_size(c->len);

		p->flight = p->flight > sz ? p->flight - sz : 0;
		c->in_flight = false;
	}
}

static uint32_t total_flight(const struct sct_assoc *a)
{
	uint32_t i, f = 0;

	for (i = 0; i < a->n_paths; i++)
		f += a->paths[i].flight;
	return f;
}

bool sct_assoc_all_acked(const struct sct_assoc *a)
{
	return a->txq.out == NULL && a->txq.msgs == NULL;
}

bool sct_assoc_has_data_to_send(const struct sct_assoc *a)
{
	return a->txq.n_rtx || a->txq.msgs;
}

/* ---------------------------------------------------------------- the application sends */

int sct_assoc_send(struct sct_stack *s, sct_assoc_id id, const struct sct_sndinfo *si,
		   const void *data, size_t len, sct_time_t now)
{
	struct sct_assoc *a = sct_stack_find_assoc(s, id);
	uint16_t streams;
	int rc;

	if (!a || a->zombie)
		return -ENOENT;
	switch (a->state) {
	case SCT_COOKIE_WAIT:
	case SCT_COOKIE_ECHOED:
		streams = a->req_os; /* checked again against the negotiated count when cut */
		break;
	case SCT_ESTABLISHED:
		streams = a->os;
		break;
	default:
		/* 9.2: no new data once a shutdown started, on either side */
		return -EPIPE;
	}
	if (len == 0)
		return -EINVAL; /* 6.2: "SHOULD NOT send a DATA chunk with no user data" */
	if (si->sid >= streams)
		return -EINVAL;
	if (len > a->par.set.sndbuf)
		return -EMSGSIZE;
	/* RFC 6458 8.1.15 SCTP_DISABLE_FRAGMENTS: one DATA chunk or nothing */
	if (a->par.no_frag && a->n_paths && len > sct_assoc_frag_point(a, &a->paths[a->primary]))
		return -EMSGSIZE;
	if (sct_txq_bytes(&a->txq) + len > a->par.set.sndbuf) {
		a->writable_blocked = true;
		return -EAGAIN;
	}
	rc = sct_txq_push(&a->txq, si->sid, si->ppid, si->context, si->flags & SCT_SEND_UNORDERED,
			  si->flags & SCT_SEND_SACK_IMMEDIATELY, data, len);
	if (rc)
		return rc;
	sct_assoc_used(a, now);
	if (a->state == SCT_ESTABLISHED) {
		a->burst = 0; /* 6.1 D: a send is a new transmission opportunity */
		sct_out_wake(a);
	}
	return 0;
}

size_t sct_assoc_send_room(struct sct_stack *s, sct_assoc_id id)
{
	struct sct_assoc *a = sct_stack_find_assoc(s, id);
	size_t used;

	if (!a || a->zombie)
		return 0;
	used = sct_txq_bytes(&a->txq);
	return used >= a->par.set.sndbuf ? 0 : a->par.set.sndbuf - used;
}

static void maybe_writable(struct sct_assoc *a)
{
	struct sct_event ev;

	if (!a->writable_blocked || sct_txq_bytes(&a->txq) > a->par.set.sndbuf / 2)
		return;
	a->writable_blocked = false;
	memset(&ev, 0, sizeof(ev));
	ev.type = SCT_EV_WRITABLE;
	ev.assoc = a->id;
	ev.ep = a->ep;
	sct_event_push(a->stack, &ev, false);
}

/* ---------------------------------------------------------------- output */

/* 6.4: retransmit to another active path when there is one. */
static struct sct_path *rtx_path(struct sct_assoc *a, const struct sct_txchunk *c)
{
	uint32_t i, n = a->n_paths;

	for (i = 1; i < n; i++) {
		struct sct_path *p = &a->paths[(c->path + i) % n];

		if (p->state == SCT_PATH_ACTIVE)
			return p;
	}
	return sct_assoc_data_path(a);
}

static void put_chunk(struct sct_assoc *a, struct sct_path *p, struct sct_txchunk *c,
		      struct sct_wr *w, sct_time_t now)
{
	struct sct_data d = {.flags = c->flags,
			     .tsn = c->tsn,
			     .sid = c->sid,
			     .ssn = c->ssn,
			     .ppid = c->ppid,
			     .user_data = c->data,
			     .user_data_len = c->len};
	uint32_t pi = (uint32_t)(p - a->paths);

	if (sct_data_emit(w, &d) != 0)
		return;
	if (c->rtx) {
		c->rtx = false;
		a->txq.n_rtx--;
		a->stack->stats.retrans_chunks++;
		a->ctr.rtx_chunks++;
		/* C5: no RTT from anything at or below a retransmitted TSN */
		if (p->rtt_pending && sct_tsn_le(c->tsn, p->rtt_tsn))
			p->rtt_pending = false;
		if (a->paths[c->path].rtt_pending && sct_tsn_le(c->tsn, a->paths[c->path].rtt_tsn))
			a->paths[c->path].rtt_pending = false;
	} else if (!p->rtt_pending && c->tx_count == 0) {
		p->rtt_pending = true; /* C4: one measurement per round trip */
		p->rtt_tsn = c->tsn;
		p->rtt_sent = now;
	}
	c->tx_count++;
	c->path = pi;
	c->sent = now;
	c->in_flight = true;
	p->flight += chunk_size(c->len);
	/* 6.2.1 B: what is sent comes off the peer's rwnd */
	a->peer_rwnd = a->peer_rwnd > c->len ? a->peer_rwnd - c->len : 0;
	p->last_send = now;
	p->last_data = now;
	a->stack->stats.out_data_chunks++;
	a->ctr.odata++;
	/* R1: T3 runs whenever data is outstanding to the path */
	if (!sct_timer_armed(&p->t3))
		sct_stack_timer(a->stack, &p->t3, now + p->rto);
}

/*
 * 7.2.1: "While the endpoint does not transmit data on a given transport
 * address, the cwnd ... SHOULD be adjusted to max(cwnd / 2, 4 * PMDCS) once per
 * RTO.  Before the first cwnd adjustment, the ssthresh ... SHOULD be set to the
 * cwnd."  Applied lazily when new data is about to go to an idle path (nothing
 * in flight), just before the first chunk is cut: one halving per whole RTO
 * since the last DATA sent to it.  So a window grown long ago is not dumped at
 * once onto a network that may have changed, while ssthresh remembers it for
 * a quick slow start back.
 */
static void idle_decay(struct sct_assoc *a, struct sct_path *p, sct_time_t now)
{
	uint32_t floor = 4 * sct_path_pmdcs(a, p);
	sct_time_t idle, rto = p->rto ? p->rto : 1;

	if (p->flight || !p->last_data || p->cwnd <= floor)
		return;
	idle = now - p->last_data;
	if (idle < rto)
		return;
	p->ssthresh = p->cwnd;
	p->pba = 0;
	sct_hs_reset(&p->hs); /* the last rounds' RTTs are old news */
	for (; idle >= rto && p->cwnd > floor; idle -= rto)
		p->cwnd = p->cwnd / 2 > floor ? p->cwnd / 2 : floor;
	p->last_data = now - idle; /* the periods counted are not counted again */
}

/*
 * DATA chunks for a packet to @p: retransmissions first (6.1 C), then new
 * fragments (6.1 A, B, D, E).  Returns the bytes added.
 */
size_t sct_out_data(struct sct_assoc *a, struct sct_path *p, struct sct_wr *w, size_t limit,
		    sct_time_t now, bool *no_df)
{
	size_t start = w->off;
	struct sct_txchunk *c;
	uint32_t pm = sct_path_pmdcs(a, p);
	bool any_new = false;

	if (!a->data_ready)
		return 0;
	switch (a->state) {
	case SCT_ESTABLISHED:
	case SCT_SHUTDOWN_PENDING:
	case SCT_SHUTDOWN_RECEIVED:
		break;
	default:
		return 0;
	}
	/* C: chunks marked for retransmission, lowest TSN first, within cwnd */
	for (c = a->txq.out; c && a->txq.n_rtx; c = c->next) {
		if (!c->rtx)
			continue;
		if (rtx_path(a, c) != p)
			continue;
		/* 7.2.4 step 3: only the first packet of a Fast Retransmit ignores cwnd */
		if (p->flight >= p->cwnd && !(c->fast_rtx && a->fr_packet))
			break;
		if (w->off + chunk_size(c->len) > limit) {
			/*
			 * A chunk cut for a larger PMTU than the path has now (7.3):
			 * alone in its packet, and let the IP layer fragment it.
			 */
			if (w->off != SCT_SCTP_HDR_LEN || w->off + chunk_size(c->len) > w->cap)
				break;
			*no_df = true;
			put_chunk(a, p, c, w, now);
			break;
		}
		put_chunk(a, p, c, w, now);
	}
	if (w->off > start)
		a->fr_packet = false;
	if (a->txq.n_rtx && w->off > start)
		return w->off - start; /* retransmissions fill this packet first */
	/* D: Max.Burst new-data packets per event */
	if (a->par.set.max_burst && a->burst >= a->par.set.max_burst)
		return w->off - start;
	/* new data goes to the primary (or the path that replaced it, 6.4.1) only */
	if (p != sct_assoc_data_path(a))
		return w->off - start;
	for (;;) {
		size_t room, n;

		sct_send_failed_streams(a);
		if (w->off + SCT_DATA_HDR_LEN + 4 > limit)
			break;
		room = limit - w->off - SCT_DATA_HDR_LEN;
		if (a->par.maxseg && a->txq.msgs) {
			/*
			 * RFC 6458 8.1.16 SCTP_MAXSEG: fragments of maxseg bytes (the
			 * last one shorter), not cut smaller to fill a packet's tail
			 */
			size_t left = a->txq.msgs->len - a->txq.msgs->off;

			if (room > a->par.maxseg)
				room = a->par.maxseg;
			else if (left > room && w->off > start)
				break;
		}
		n = sct_txq_next_len(&a->txq, room);
		if (n == 0 || !a->txq.msgs) /* n > 0 comes from the head message */
			break;
		/* do not cut a sliver off a large message: wait for the next packet */
		if (n < a->txq.msgs->len - a->txq.msgs->off && n < pm / 4 && w->off > start)
			break;
		/* B: the cwnd, overbooked by at most one packet */
		if (p->flight >= p->cwnd)
			break;
		/* A: the peer's window, except one zero window probe with nothing in flight */
		if (n > a->peer_rwnd && !(total_flight(a) == 0 && a->txq.out == NULL))
			break;
		/* Nagle-style bundling: hold a small tail while data is in flight */
		if (!a->nodelay && total_flight(a) > 0 && !any_new && w->off == start &&
		    a->txq.msgs_bytes < pm && a->txq.msgs->off == 0 && a->txq.msgs->next == NULL)
			break;
		if (!any_new)
			idle_decay(a, p, now);
		c = sct_txq_cut(&a->txq, a->next_tsn, n, a->next_ssn, a->os, &a->send_failed);
		if (!c)
			break;
		a->next_tsn++;
		put_chunk(a, p, c, w, now);
		any_new = true;
	}
	if (any_new)
		a->burst++;
	return w->off - start;
}

/* ---------------------------------------------------------------- SACK processing */

static void ack_chunk_path(struct sct_assoc *a, struct sct_txchunk *c, uint32_t *acked_bytes,
			   sct_time_t now)
{
	struct sct_path *p = &a->paths[c->path];

	acked_bytes[c->path] += chunk_size(c->len);
	/* 6.3.1 C5: only chunks sent once give an RTT */
	if (p->rtt_pending && c->tsn == p->rtt_tsn) {
		p->rtt_pending = false;
		if (c->tx_count == 1)
			sct_path_rtt(a, p, now - p->rtt_sent);
	}
	/*
	 * 8.1, 8.2: an acknowledgement clears the error counters.  The path's
	 * only when the chunk went out once: after a retransmission to another
	 * path, the copy that arrived may not be the last one sent (Karn's
	 * ambiguity, as for RTT in 6.3.1 C5), and crediting the path it was last
	 * sent to kept a dead primary from ever being declared failed.
	 */
	if (c->tx_count == 1) {
		p->error_count = 0;
		/* RFC 7829 3.2 step 10: sent to this path only, so this path works */
		if (p->state == SCT_PATH_PF)
			sct_path_up(a, p);
		if (p->cwnd <= p->ssthresh)
			sct_hs_sample(&p->hs, now - c->sent);
	}
	a->assoc_errors = 0;
	flight_sub(a, c);
}

static void free_acked(struct sct_assoc *a, uint32_t cum, uint32_t *acked, sct_time_t now)
{
	struct sct_txchunk *c = sct_txq_pop_acked(&a->txq, cum);

	while (c) {
		struct sct_txchunk *n = c->next;

		if (!c->acked)
			ack_chunk_path(a, c, acked, now);
		free(c);
		c = n;
	}
}

/* 7.2.1, 7.2.2: grow cwnd for what this SACK acknowledged. */
static void grow_cwnd(struct sct_assoc *a, const uint32_t *acked, const uint32_t *flight_before,
		      bool cum_moved)
{
	uint32_t i;

	for (i = 0; i < a->n_paths; i++) {
		struct sct_path *p = &a->paths[i];
		uint32_t pm = sct_path_pmdcs(a, p);

		if (!acked[i])
			continue;
		if (p->cwnd <= p->ssthresh) {
			/* slow start: only with a full window, not in Fast Recovery;
			 * HyStart++ may divide the growth (CSS) */
			uint32_t div = sct_hs_sack(a, p);

			if (cum_moved && !a->fast_recovery && flight_before[i] >= p->cwnd)
				p->cwnd += (acked[i] < pm ? acked[i] : pm) / div;
		} else {
			p->pba += acked[i];
			if (p->pba >= p->cwnd && flight_before[i] >= p->cwnd) {
				p->pba -= p->cwnd;
				p->cwnd += pm;
			} else if (p->pba > p->cwnd) {
				p->pba = p->cwnd;
			}
		}
		if (p->flight == 0)
			p->pba = 0;
	}
}

/* 7.2.3 on loss: halve cwnd (once per Fast Recovery). */
static void loss_cwnd(struct sct_assoc *a, struct sct_path *p)
{
	uint32_t pm = sct_path_pmdcs(a, p);

	p->ssthresh = p->cwnd / 2 > 4 * pm ? p->cwnd / 2 : 4 * pm;
	p->cwnd = p->ssthresh;
	sct_hs_reset(&p->hs);
	p->pba = 0;
}

void sct_mark_rtx(struct sct_assoc *a, struct sct_txchunk *c)
{
	if (c->rtx || c->acked)
		return;
	flight_sub(a, c);
	c->rtx = true;
	a->txq.n_rtx++;
	/* 6.2.1 C: marked chunks give their bytes back to rwnd */
	a->peer_rwnd += c->len;
}

static void protocol_violation(struct sct_assoc *a, const char *why)
{
	struct sct_cause cause;

	memset(&cause, 0, sizeof(cause));
	cause.code = SCT_CAUSE_PROTOCOL_VIOLATION;
	cause.u.bytes.p = (const uint8_t *)why;
	cause.u.bytes.len = strlen(why);
	sct_abort_assoc(a, SCT_COMM_LOST, ECONNRESET, &cause);
}

static void after_ack(struct sct_assoc *a, sct_time_t now)
{
	uint32_t i;

	/* R2, R3: T3 follows what is still outstanding per path */
	for (i = 0; i < a->n_paths; i++) {
		struct sct_path *p = &a->paths[i];

		if (p->flight == 0)
			sct_timer_stop(&a->stack->timers, &p->t3);
	}
	maybe_writable(a);
	sct_shutdown_progress(a, now);
	if (!a->zombie && sct_assoc_has_data_to_send(a))
		sct_out_wake(a);
}

void sct_data_cum_ack(struct sct_assoc *a, uint32_t cum, sct_time_t now)
{
	uint32_t acked[SCT_MAX_PATHS] = {0};

	if (!a->data_ready || sct_tsn_le(cum, a->last_cum_acked))
		return;
	if (sct_tsn_ge(cum, a->next_tsn))
		return; /* acknowledges what we never sent: ignore in a SHUTDOWN */
	free_acked(a, cum, acked, now);
	a->last_cum_acked = cum;
	after_ack(a, now);
}

/*
 * Gap Ack Block search for the chunk @off TSNs above the cumulative ack.
 * Blocks in ascending order without overlap (as 3.3.4 has them and every
 * sane peer sends them) are walked once with the cursor @gi across the
 * chunks, which come in TSN order; any other order is searched in full.
 */
static bool in_gap(const struct sct_sack *s, uint32_t off, bool sorted, size_t *gi)
{
	struct sct_gap_block b;
	size_t g;

	if (off > UINT16_MAX)
		return false;
	if (sorted) {
		while (*gi < s->n_gaps && sct_sack_gap(s, *gi).end < off)
			(*gi)++;
		return *gi < s->n_gaps && sct_sack_gap(s, *gi).start <= off;
	}
	for (g = 0; g < s->n_gaps; g++) {
		b = sct_sack_gap(s, g);
		if (b.start <= b.end && b.start <= off && off <= b.end)
			return true;
	}
	return false;
}

/* Whether the blocks are in order (in_gap()), and the highest offset any of them covers. */
static bool gaps_sorted(const struct sct_sack *s, uint32_t *top)
{
	bool sorted = true;
	uint32_t prev_end = 0;
	size_t g;

	*top = 0;
	for (g = 0; g < s->n_gaps; g++) {
		struct sct_gap_block b = sct_sack_gap(s, g);

		if (b.start > b.end || b.start == 0 || (g && b.start <= prev_end))
			sorted = false;
		if (b.start <= b.end && b.end > *top)
			*top = b.end;
		prev_end = b.end;
	}
	return sorted;
}

/* RFC 9260 6.2.1: a SACK. */
void sct_sf_6_2_1_sack(struct sct_rx *rx, const struct sct_chunk *c)
{
	struct sct_assoc *a = rx->a;
	uint32_t acked[SCT_MAX_PATHS] = {0}, flight_before[SCT_MAX_PATHS] = {0};
	bool cum_acked[SCT_MAX_PATHS] = {false};
	struct sct_sack s;
	struct sct_txchunk *ch;
	uint32_t htna = 0, i, outstanding, highest_gap = 0, top;
	bool cum_moved, any_new_ack = false, have_gap = false, sorted;
	size_t gi = 0, acked_left;

	if (sct_sack_parse(c, &s) != 0 || !a->data_ready)
		return;
	rx->s->stats.in_sacks++;
	a->ctr.isacks++;
	switch (a->state) {
	case SCT_ESTABLISHED:
	case SCT_SHUTDOWN_PENDING:
	case SCT_SHUTDOWN_RECEIVED:
	case SCT_SHUTDOWN_SENT:
		break;
	default:
		return;
	}
	/* D i: an outdated SACK */
	if (sct_tsn_lt(s.cum_tsn_ack, a->last_cum_acked))
		return;
	if (sct_tsn_ge(s.cum_tsn_ack, a->next_tsn)) {
		protocol_violation(a, "SACK acknowledges a TSN not sent");
		rx->stop = true;
		return;
	}
	for (i = 0; i < a->n_paths && i < SCT_MAX_PATHS; i++)
		flight_before[i] = a->paths[i].flight;
	cum_moved = sct_tsn_gt(s.cum_tsn_ack, a->last_cum_acked);
	if (cum_moved) {
		/* the highest newly acked TSN so far: the new cumulative point */
		for (ch = a->txq.out; ch && sct_tsn_le(ch->tsn, s.cum_tsn_ack); ch = ch->next)
			if (!ch->acked)
				htna = ch->tsn, any_new_ack = true;
		free_acked(a, s.cum_tsn_ack, acked, rx->now);
		/* chunks leave by the cumulative ack in TSN order: each path that lost
		 * some lost its earliest outstanding one (R3) */
		for (i = 0; i < a->n_paths && i < SCT_MAX_PATHS; i++)
			cum_acked[i] = acked[i] != 0;
		a->last_cum_acked = s.cum_tsn_ack;
	}
	/*
	 * Gap Ack Blocks: newly acked, and reneged (D iii).  Past the highest
	 * block, only chunks acked before can change (renege): once none is
	 * left the walk stops, so a SACK costs what it reports, not the whole
	 * outstanding queue of a long fat path.
	 */
	sorted = gaps_sorted(&s, &top);
	acked_left = a->txq.n_acked;
	for (ch = a->txq.out; ch; ch = ch->next) {
		uint32_t off = ch->tsn - s.cum_tsn_ack;

		if (off > top && acked_left == 0)
			break;
		if (ch->acked)
			acked_left--;
		if (in_gap(&s, off, sorted, &gi)) {
			have_gap = true;
			highest_gap = ch->tsn;
			if (!ch->acked) {
				if (ch->rtx) {
					ch->rtx = false;
					a->txq.n_rtx--;
				}
				ack_chunk_path(a, ch, acked, rx->now);
				ch->acked = true;
				a->txq.n_acked++;
				a->txq.acked_bytes += ch->len;
				htna = ch->tsn;
				any_new_ack = true;
			}
		} else if (ch->acked) {
			/* reneged: outstanding again, one miss, T3 on its path (R4);
			 * back in flight, or after_ack() would stop that T3 at once */
			ch->acked = false;
			a->txq.n_acked--;
			a->txq.acked_bytes -= ch->len;
			ch->misses++;
			if (!ch->in_flight && !ch->rtx) {
				ch->in_flight = true;
				a->paths[ch->path].flight += chunk_size(ch->len);
			}
			if (!sct_timer_armed(&a->paths[ch->path].t3))
				sct_stack_timer(rx->s, &a->paths[ch->path].t3,
						rx->now + a->paths[ch->path].rto);
		}
	}
	/* 7.2.1/7.2.2 before any Fast Retransmit adjustment (7.2.4 note) */
	grow_cwnd(a, acked, flight_before, cum_moved);
	/* 6.2.1 D iv */
	if (a->fast_recovery && sct_tsn_ge(s.cum_tsn_ack, a->fr_exit))
		a->fast_recovery = false;
	/* 7.2.4: miss indications below the HTNA (all reported missing in Fast Recovery) */
	{
		bool use = false, entered = false;
		uint32_t limit = 0;

		if (a->fast_recovery && cum_moved) {
			use = have_gap;
			limit = highest_gap;
		} else if (any_new_ack) {
			use = true;
			limit = htna;
		}
		for (ch = a->txq.out; use && ch; ch = ch->next) {
			if (!sct_tsn_lt(ch->tsn, limit))
				break;
			if (ch->acked || ch->rtx || ch->fast_rtx)
				continue;
			if (++ch->misses < 3)
				continue;
			if (!a->fast_recovery) {
				loss_cwnd(a, &a->paths[ch->path]);
				entered = true;
			}
			sct_mark_rtx(a, ch);
			ch->fast_rtx = true;
			rx->s->stats.fast_retrans++;
			a->ctr.fast_rtx++;
		}
		if (entered) {
			a->fast_recovery = true;
			a->fr_exit = a->next_tsn - 1;
			a->fr_packet = true;
		}
	}
	/* D ii: rwnd = a_rwnd less what is still outstanding */
	outstanding = (uint32_t)(a->txq.out_bytes - a->txq.acked_bytes);
	a->peer_rwnd = s.a_rwnd > outstanding ? s.a_rwnd - outstanding : 0;
	/*
	 * R3: restart T3 only where the earliest outstanding chunk was acknowledged.
	 * Gap acks alone must not push it back, or a lost retransmission (never
	 * fast-retransmitted twice, 7.2.4) would wait behind them forever.
	 */
	for (i = 0; i < a->n_paths && i < SCT_MAX_PATHS; i++)
		if (cum_acked[i] && a->paths[i].flight)
			sct_stack_timer(rx->s, &a->paths[i].t3, rx->now + a->paths[i].rto);
	after_ack(a, rx->now);
}

/* ---------------------------------------------------------------- ECN */

/* ECNE: the peer saw a CE mark; cut cwnd once per window of data, answer with CWR. */
void sct_sf_ecne(struct sct_rx *rx, const struct sct_chunk *c)
{
	struct sct_assoc *a = rx->a;
	struct sct_ecn e;
	uint8_t chunk[8];
	struct sct_wr w = sct_wr_init(chunk, sizeof(chunk));

	if (!(a->flags & SCT_COOKIE_F_ECN) || !a->data_ready || sct_ecne_parse(c, &e) != 0)
		return;
	if (sct_tsn_gt(e.lowest_tsn, a->last_cwr_tsn)) {
		struct sct_path *p = sct_assoc_data_path(a);
		struct sct_txchunk *ch;

		for (ch = a->txq.out; ch; ch = ch->next)
			if (ch->tsn == e.lowest_tsn) {
				p = &a->paths[ch->path];
				break;
			}
		if (p)
			loss_cwnd(a, p); /* as for a loss (7.2.3) */
		a->last_cwr_tsn = a->next_tsn - 1;
	}
	e.flags = 0;
	if (sct_cwr_emit(&w, &e) == 0)
		sct_ctl_queue(a, chunk, w.off);
}

/* CWR: the sender reacted; stop echoing once it covers what we reported. */
void sct_sf_cwr(struct sct_rx *rx, const struct sct_chunk *c)
{
	struct sct_assoc *a = rx->a;
	struct sct_ecn e;

	if (sct_cwr_parse(c, &e) != 0)
		return;
	if (a->ecne_pending && sct_tsn_ge(e.lowest_tsn, a->ecne_tsn))
		a->ecne_pending = false;
}

/* ---------------------------------------------------------------- T3-rtx */

void sct_t3_expired(struct sct_assoc *a, struct sct_path *p, sct_time_t now)
{
	uint32_t pi = (uint32_t)(p - a->paths), pm = sct_path_pmdcs(a, p);
	struct sct_txchunk *c;
	bool any = false;

	a->stack->stats.t3_expired++;
	a->ctr.t3_expired++;
	for (c = a->txq.out; c; c = c->next)
		if (c->path == pi && !c->acked && (c->in_flight || c->rtx))
			any = true;
	if (!any)
		return;
	/* E1, E2 */
	p->ssthresh = p->cwnd / 2 > 4 * pm ? p->cwnd / 2 : 4 * pm;
	p->cwnd = pm;
	sct_hs_reset(&p->hs);
	p->pba = 0;
	sct_path_backoff(a, p);
	p->rtt_pending = false;
	a->fast_recovery = false;
	/* 8.1, 8.2: count the failure against the path and the association */
	if (!sct_path_error(a, p, true, now))
		return;
	/* E3: everything outstanding on the path is to be resent, the earliest first */
	for (c = a->txq.out; c; c = c->next)
		if (c->path == pi)
			sct_mark_rtx(a, c);
	a->burst = 0;
	sct_out_wake(a);
}
