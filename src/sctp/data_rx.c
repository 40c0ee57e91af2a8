/* SPDX-License-Identifier: MIT */
/* data_rx.c: receiving DATA, acknowledging it (RFC 9260 6.2), and the application's reads. */

/*
 * Theory of operation
 *
 * A DATA chunk passes the TSN tracker (new, duplicate or refused), then the
 * receive queue (reassembly, stream order).  Acknowledgement follows 6.2: a
 * SACK at least every sack_freq packets carrying DATA and within sack_timeout
 * of the first unacknowledged one, and at once for the first DATA of the
 * association, for gaps, duplicates, the I bit, a refused chunk, or while we
 * are in SHUTDOWN-SENT.  The SACK itself is built when the next packet is
 * (out.c), so it rides along with whatever else goes (6.1: bundle a pending
 * SACK with outbound DATA).
 *
 * Our a_rwnd is the receive buffer less every byte held for the application
 * (waiting for reassembly or ready to read).  New DATA is refused when it
 * would overrun the buffer (6.2: "drop any new incoming DATA chunk with a TSN
 * larger than the largest TSN received so far"), which bounds memory no
 * matter what the peer sends.  When the application reads and the window
 * opens by a quarter of the buffer, a window update SACK goes out (6.2, SWS).
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "sctp/rx.h"
#include "sctp/tsn.h"
#include "wire/cause.h"

/*
 * Where partial delivery starts (RFC 6458 8.1.21 SCTP_PARTIAL_DELIVERY_POINT):
 * the socket's point, but never above half the receive buffer.  A message that
 * cannot fit the buffer must start going up before the window closes on it,
 * and a DATA chunk is refused once it would overrun the buffer, so the
 * in-order start of a message can always reach half the buffer (a chunk is
 * at most a PMTU, far below the smallest buffer allowed, 4096).
 */
size_t sct_assoc_pd_point(const struct sct_assoc *a)
{
	size_t half = a->par.set.rcvbuf / 2;

	return a->par.pd_point && a->par.pd_point < half ? a->par.pd_point : half;
}

/* RFC 6458 6.1.7: a message was partly delivered when the association ended or restarted. */
void sct_assoc_pd_aborted(struct sct_assoc *a)
{
	struct sct_event ev;
	uint16_t sid, ssn;

	if (!a->data_ready || !sct_rxq_pd_abort(&a->rxq, &sid, &ssn))
		return;
	memset(&ev, 0, sizeof(ev));
	ev.type = SCT_EV_PARTIAL_DELIVERY;
	ev.assoc = a->id;
	ev.ep = a->ep;
	ev.u.pdapi.sid = sid;
	ev.u.pdapi.ssn = ssn;
	sct_event_push(a->stack, &ev, false);
}

uint32_t sct_assoc_rwnd(const struct sct_assoc *a)
{
	size_t buf = a->par.set.rcvbuf;

	/* a peer of many tiny chunks is told the window is shut, as it is (rxq.h) */
	if (a->rxq.held >= buf || sct_rxq_too_many(&a->rxq, buf))
		return 0;
	return (uint32_t)(buf - a->rxq.held);
}

int sct_assoc_data_start(struct sct_assoc *a, sct_time_t now)
{
	uint32_t i;

	if (a->data_ready)
		return 0;
	sct_dt_init(&a->dt, a->peer_itsn, 0);
	a->last_cwr_tsn = a->my_itsn - 1;
	if (sct_rxq_init(&a->rxq, a->is) != 0)
		return -ENOMEM;
	a->next_ssn = calloc(a->os ? a->os : 1, sizeof(*a->next_ssn));
	if (!a->next_ssn) {
		sct_rxq_free(&a->rxq);
		return -ENOMEM;
	}
	a->last_cum_acked = a->my_itsn - 1;
	for (i = 0; i < a->n_paths; i++)
		sct_path_reset_cc(a, &a->paths[i]);
	a->rwnd_advertised = sct_assoc_rwnd(a);
	a->data_ready = true;
	sct_hb_start(a, now);
	sct_assoc_used(a, now);
	sct_autoclose_arm(a, now);
	return 0;
}

void sct_assoc_data_free(struct sct_assoc *a)
{
	uint32_t i;

	sct_assoc_pd_aborted(a);
	if (a->data_ready) {
		sct_rxq_free(&a->rxq);
		sct_dt_free(&a->dt);
	}
	sct_txq_free(&a->txq);
	free(a->next_ssn);
	a->next_ssn = NULL;
	a->data_ready = false;
	a->sack_needed = false;
	a->got_first_data = false;
	a->sack_pkts = 0;
	a->fast_recovery = false;
	sct_timer_stop(&a->stack->timers, &a->sack_timer);
	for (i = 0; i < a->n_paths; i++) {
		sct_timer_stop(&a->stack->timers, &a->paths[i].t3);
		sct_timer_stop(&a->stack->timers, &a->paths[i].hb);
		a->paths[i].flight = 0;
	}
}

static void data_event(struct sct_assoc *a)
{
	struct sct_event ev;

	memset(&ev, 0, sizeof(ev));
	ev.type = SCT_EV_DATA;
	ev.assoc = a->id;
	ev.ep = a->ep;
	sct_event_push(a->stack, &ev, false);
}

static void sack_soon(struct sct_assoc *a, bool now_, sct_time_t now)
{
	if (now_ || a->sack_pkts >= a->par.set.sack_freq) {
		a->sack_needed = true;
		sct_timer_stop(&a->stack->timers, &a->sack_timer);
		sct_out_wake(a);
	} else if (!sct_timer_armed(&a->sack_timer)) {
		sct_stack_timer(a->stack, &a->sack_timer, now + sct_ms(a->par.set.sack_timeout));
	}
}

void sct_sack_timer_expired(struct sct_assoc *a, sct_time_t now)
{
	(void)now;
	a->sack_needed = true;
	sct_out_wake(a);
}

/* 6.5: report a DATA chunk for a stream that does not exist. */
static void invalid_stream(struct sct_assoc *a, uint16_t sid)
{
	struct sct_cause cause;
	uint8_t chunk[16];
	struct sct_wr w = sct_wr_init(chunk, sizeof(chunk));

	memset(&cause, 0, sizeof(cause));
	cause.code = SCT_CAUSE_INVALID_STREAM;
	cause.u.stream_id = sid;
	if (sct_build_cause_chunk(&w, SCT_CHUNK_ERROR, 0, &cause) == 0)
		sct_ctl_queue(a, chunk, w.off);
}

/*
 * Would @len more bytes pass @times the receive buffer (in bytes or in chunks, rxq.h)?  A TSN
 * below the highest received fills a hole and may go past the buffer: the chunks above it
 * were taken while they fitted, so a peer that keeps to our window never needs more (and
 * refusing it could leave the window full of data that waits for it).  Twice the buffer is the
 * end, or a peer that sent one far-ahead TSN could fill every TSN below it (RFC 9260 11.2).
 */
static bool over_buffer(const struct sct_assoc *a, size_t len, size_t times)
{
	size_t buf = (size_t)a->par.set.rcvbuf * times;

	return a->rxq.held + len > buf || sct_rxq_too_many(&a->rxq, buf);
}

/* RFC 9260 6.2: one DATA chunk of a received packet. */
static void data_chunk(struct sct_rx *rx, const struct sct_data *d, bool *sack_now)
{
	struct sct_assoc *a = rx->a;
	bool was_empty = sct_rxq_peek(&a->rxq) == NULL;
	enum sct_dt_result r;
	int n;

	rx->s->stats.in_data_chunks++;
	a->ctr.idata++;
	if (d->flags & SCT_DATA_FLAG_I)
		*sack_now = true;
	/* the window: refuse new data that does not fit (and tell the peer at once) */
	if (sct_tsn_gt(d->tsn, a->dt.cum) &&
	    ((over_buffer(a, d->user_data_len, 1) && sct_tsn_gt(d->tsn, sct_dt_highest(&a->dt))) ||
	     over_buffer(a, d->user_data_len, 2))) {
		rx->s->stats.data_dropped_rwnd++;
		*sack_now = true;
		return;
	}
	r = sct_dt_rx(&a->dt, d->tsn);
	if (r != SCT_DT_NEW) {
		*sack_now = true; /* duplicates and refusals: SACK without delay */
		return;
	}
	if (sct_dt_has_gaps(&a->dt))
		*sack_now = true; /* 7.2.4: a hole: SACK every packet until filled */
	n = sct_rxq_add(&a->rxq, d->tsn, d->sid, d->ssn, d->flags, d->ppid, d->user_data,
			d->user_data_len);
	if (n >= 0) {
		int p = sct_rxq_pd_check(&a->rxq, d->sid, d->flags & SCT_DATA_FLAG_U,
					 sct_assoc_pd_point(a),
					 sct_rxq_max_chunks(a->par.set.rcvbuf) / 2);

		n = p < 0 ? p : n + p;
	}
	if (n == -EINVAL) {
		invalid_stream(a, d->sid);
		*sack_now = true;
	} else if (n == -ENOMEM) {
		struct sct_cause cause;

		memset(&cause, 0, sizeof(cause));
		cause.code = SCT_CAUSE_OUT_OF_RESOURCE;
		sct_abort_assoc(a, SCT_COMM_LOST, ENOMEM, &cause);
		rx->stop = true;
	} else if (n > 0 && was_empty) {
		data_event(a);
	}
}

void sct_sf_6_2_data(struct sct_rx *rx, const struct sct_chunk *c)
{
	struct sct_assoc *a = rx->a;
	struct sct_data d;
	bool sack_now = false;
	int rc;

	switch (a->state) {
	case SCT_ESTABLISHED:
	case SCT_SHUTDOWN_PENDING:
	case SCT_SHUTDOWN_SENT:
		break;
	default:
		/* 9.2: after its SHUTDOWN the peer has nothing new to send; setup states neither */
		return;
	}
	rc = sct_data_parse(c, &d);
	if (rc == SCT_WE_DATA_EMPTY) {
		/* 6.2: a DATA chunk without user data: ABORT with "No User Data" */
		struct sct_cause cause;

		memset(&cause, 0, sizeof(cause));
		cause.code = SCT_CAUSE_NO_USER_DATA;
		cause.u.tsn = d.tsn;
		sct_abort_assoc(a, SCT_COMM_LOST, ECONNRESET, &cause);
		rx->stop = true;
		return;
	}
	if (rc != 0 || !a->data_ready)
		return;
	sct_assoc_used(a, rx->now);
	data_chunk(rx, &d, &sack_now);
	if (rx->stop || a->zombie)
		return;
	if (!rx->got_data) {
		rx->got_data = true;
		rx->first_tsn = d.tsn;
		/* 6.4: the SACK goes back where the DATA came from (5.4: if confirmed) */
		a->sack_path =
		    rx->path && rx->path->confirmed ? (uint32_t)(rx->path - a->paths) : a->primary;
		a->sack_pkts++;
		/* ECN: a CE mark on a packet with DATA is echoed until the sender's CWR */
		if ((a->flags & SCT_COOKIE_F_ECN) && (rx->pi->ecn & 3) == 3) {
			if (!a->ecne_pending || sct_tsn_lt(d.tsn, a->ecne_tsn))
				a->ecne_tsn = d.tsn;
			a->ecne_pending = true;
			sack_now = true;
		}
		if (a->state == SCT_SHUTDOWN_SENT) {
			/* 9.2: answer each packet with DATA with a SHUTDOWN, restart T2
			 * and clear its count (the peer is still sending its data) */
			a->t2_retrans = 0;
			sct_queue_shutdown(a);
			sct_stack_timer(rx->s, &a->t2, rx->now + a->paths[a->primary].rto);
		}
	}
	if (!a->got_first_data) {
		a->got_first_data = true; /* 5.1: SACK the first DATA at once */
		sack_now = true;
	}
	if (a->state == SCT_SHUTDOWN_SENT)
		sack_now = true;
	sack_soon(a, sack_now, rx->now);
}

/* Build our SACK (3.3.4) into @w if one is due and fits in @limit. */
bool sct_out_sack(struct sct_assoc *a, struct sct_wr *w, size_t limit)
{
	struct sct_gap_block gaps[SCT_DT_MAX_RUNS];
	uint32_t dups[SCT_DT_MAX_DUPS];
	size_t ng, nd, room;
	uint32_t rwnd;

	if (!a->sack_needed || !a->data_ready)
		return false;
	if (a->ecne_pending && w->off + 8 + 16 <= limit) {
		struct sct_ecn e = {.lowest_tsn = a->ecne_tsn};

		sct_ecne_emit(w, &e);
	}
	if (w->off + 16 > limit)
		return false;
	room = limit - w->off - 16;
	/* as many gap blocks as fit (6.2), then duplicates */
	ng = sct_dt_gaps(&a->dt, gaps, room / 4 < SCT_DT_MAX_RUNS ? room / 4 : SCT_DT_MAX_RUNS);
	room -= ng * 4;
	nd =
	    sct_dt_take_dups(&a->dt, dups, room / 4 < SCT_DT_MAX_DUPS ? room / 4 : SCT_DT_MAX_DUPS);
	rwnd = sct_assoc_rwnd(a);
	if (sct_sack_emit_blocks(w, a->dt.cum, rwnd, gaps, (uint16_t)ng, dups, (uint16_t)nd) != 0)
		return false;
	a->rwnd_advertised = rwnd;
	a->sack_needed = false;
	a->sack_pkts = 0;
	sct_timer_stop(&a->stack->timers, &a->sack_timer);
	a->stack->stats.out_sacks++;
	a->ctr.osacks++;
	return true;
}

/* ---------------------------------------------------------------- the application reads */

bool sct_assoc_readable(struct sct_stack *s, sct_assoc_id id)
{
	struct sct_assoc *a = sct_stack_find_assoc(s, id);

	return a && a->data_ready && sct_rxq_peek(&a->rxq) != NULL;
}

int sct_assoc_recv(struct sct_stack *s, sct_assoc_id id, struct sct_rcvinfo *ri, void *buf,
		   size_t cap, sct_time_t now)
{
	struct sct_assoc *a = sct_stack_find_assoc(s, id);
	const struct sct_rxq_msg *m;
	size_t n, left;
	uint32_t before;

	(void)now;
	if (!a)
		return -ENOENT;
	if (!a->data_ready || !(m = sct_rxq_peek(&a->rxq)))
		return -EAGAIN;
	left = m->len - m->off;
	n = left < cap ? left : cap;
	if (ri) {
		memset(ri, 0, sizeof(*ri));
		ri->sid = m->sid;
		ri->ssn = m->ssn;
		ri->ppid = m->ppid;
		ri->tsn = m->tsn;
		ri->cum_tsn = a->dt.cum;
		ri->unordered = m->unordered;
		ri->eor = n == left && !m->more;
	}
	memcpy(buf, m->data + m->off, n);
	before = sct_assoc_rwnd(a);
	sct_rxq_consume(&a->rxq, n);
	/* 6.2: a window update once the window opened by a quarter of the buffer */
	if (!a->zombie && sct_assoc_rwnd(a) >= a->rwnd_advertised + a->par.set.rcvbuf / 4 &&
	    before < a->rwnd_advertised + a->par.set.rcvbuf / 4) {
		a->sack_needed = true;
		sct_out_wake(a);
	}
	return (int)n;
}
