/* SPDX-License-Identifier: MIT */
/* sm_term.c: teardown, RFC 9260 section 9 (ABORT, SHUTDOWN...), ERROR and HEARTBEAT replies. */
#include <errno.h>
#include <string.h>

#include "sctp/rx.h"
#include "wire/cause.h"

/* ---------------------------------------------------------------- sending */

/* A whole packet with one chunk for the association's peer, built now (the association may go). */
static void send_now(struct sct_assoc *a, uint32_t vtag, const uint8_t *chunk, size_t len)
{
	if (!a->n_paths)
		return;
	sct_send_to_path(a,
			 &a->paths[a->state == SCT_COOKIE_WAIT || a->state == SCT_COOKIE_ECHOED
					   ? a->init_path
					   : a->primary],
			 vtag, chunk, len);
}

void sct_abort_assoc(struct sct_assoc *a, uint16_t how, int err, const struct sct_cause *cause)
{
	uint8_t chunk[SCT_RX_ERR_MAX + 16];
	struct sct_wr w = sct_wr_init(chunk, sizeof(chunk));

	/*
	 * 9.1: the peer's tag.  In COOKIE-WAIT the peer has no TCB and its tag is
	 * unknown: there is nobody to tell.
	 */
	if (a->peer_vtag && sct_build_cause_chunk(&w, SCT_CHUNK_ABORT, 0, cause) == 0)
		send_now(a, a->peer_vtag, chunk, w.off);
	a->stack->stats.aborteds++;
	sct_assoc_close(a, how, cause ? cause->code : 0, err, w.err ? NULL : chunk,
			w.err ? 0 : w.off);
}

static void queue_empty_chunk(struct sct_assoc *a,
			      int (*emit)(struct sct_wr *, const struct sct_chunk_empty *))
{
	uint8_t chunk[4];
	struct sct_wr w = sct_wr_init(chunk, sizeof(chunk));
	struct sct_chunk_empty e = {0};

	if (emit(&w, &e) == 0)
		sct_ctl_queue(a, chunk, w.off);
}

void sct_queue_shutdown(struct sct_assoc *a)
{
	uint8_t chunk[8];
	struct sct_wr w = sct_wr_init(chunk, sizeof(chunk));
	/* 9.2: the last sequential TSN received from the peer */
	struct sct_shutdown sd = {.cum_tsn_ack = a->data_ready ? a->dt.cum : a->cum_tsn_recv};

	if (sct_shutdown_emit(&w, &sd) == 0)
		sct_ctl_queue(a, chunk, w.off);
}

static sct_time_t path_rto(const struct sct_assoc *a)
{
	return a->n_paths ? a->paths[a->primary].rto : sct_ms(a->par.set.rto_initial);
}

/* 6.3.3 E2 applied to T2: back off the RTO of the destination, up to RTO.Max. */
static void backoff(struct sct_assoc *a)
{
	struct sct_path *p;

	if (!a->n_paths)
		return;
	p = &a->paths[a->primary];
	p->rto *= 2;
	if (p->rto > sct_ms(a->par.set.rto_max))
		p->rto = sct_ms(a->par.set.rto_max);
}

/* 9.2: all our data is acknowledged: SHUTDOWN, T2 and the overall T5 guard. */
static void send_shutdown(struct sct_assoc *a, sct_time_t now)
{
	sct_queue_shutdown(a);
	sct_assoc_set_state(a, SCT_SHUTDOWN_SENT);
	a->t2_retrans = 0;
	sct_stack_timer(a->stack, &a->t2, now + path_rto(a));
	if (!sct_timer_armed(&a->t5))
		sct_stack_timer(a->stack, &a->t5, now + SCT_T5_FACTOR * sct_ms(a->par.set.rto_max));
}

static void send_shutdown_ack(struct sct_assoc *a, sct_time_t now)
{
	queue_empty_chunk(a, sct_shutdown_ack_emit);
	sct_assoc_set_state(a, SCT_SHUTDOWN_ACK_SENT);
	a->t2_retrans = 0;
	sct_stack_timer(a->stack, &a->t2, now + path_rto(a));
}

/* ---------------------------------------------------------------- user calls */

void sct_shutdown_progress(struct sct_assoc *a, sct_time_t now)
{
	if (a->zombie || !sct_assoc_all_acked(a))
		return;
	if (a->state == SCT_SHUTDOWN_PENDING)
		send_shutdown(a, now);
	else if (a->state == SCT_SHUTDOWN_RECEIVED)
		send_shutdown_ack(a, now);
}

int sct_start_shutdown(struct sct_assoc *a, sct_time_t now)
{
	switch (a->state) {
	case SCT_ESTABLISHED:
		/* 9.2: SHUTDOWN-PENDING until all outstanding data is acknowledged */
		sct_assoc_set_state(a, SCT_SHUTDOWN_PENDING);
		sct_shutdown_progress(a, now);
		return 0;
	case SCT_SHUTDOWN_PENDING:
	case SCT_SHUTDOWN_SENT:
	case SCT_SHUTDOWN_RECEIVED: /* 9.2: ignore ULP shutdown requests */
	case SCT_SHUTDOWN_ACK_SENT:
		return 0;
	default:
		return -ENOTCONN;
	}
}

int sct_assoc_shutdown(struct sct_stack *s, sct_assoc_id id, sct_time_t now)
{
	struct sct_assoc *a = sct_stack_find_assoc(s, id);
	int rc;

	if (!a || a->zombie)
		return -ENOENT;
	rc = sct_start_shutdown(a, now);
	if (rc == -ENOTCONN) {
		/* not established yet: give up the attempt, as Linux does */
		sct_abort_assoc(a, SCT_CANT_STR_ASSOC, ECONNABORTED, NULL);
	}
	return rc;
}

int sct_assoc_abort(struct sct_stack *s, sct_assoc_id id, const void *reason, size_t len,
		    sct_time_t now)
{
	struct sct_assoc *a = sct_stack_find_assoc(s, id);
	struct sct_cause cause;

	(void)now;
	if (!a || a->zombie)
		return -ENOENT;
	memset(&cause, 0, sizeof(cause));
	cause.code = SCT_CAUSE_USER_ABORT; /* 9.1: SHOULD be present */
	cause.u.bytes.p = reason;
	cause.u.bytes.len = reason ? len : 0;
	sct_abort_assoc(a,
			a->state == SCT_COOKIE_WAIT || a->state == SCT_COOKIE_ECHOED
			    ? SCT_CANT_STR_ASSOC
			    : SCT_COMM_LOST,
			ECONNABORTED, &cause);
	return 0;
}

/* ---------------------------------------------------------------- timers */

void sct_t2_expired(struct sct_assoc *a, sct_time_t now)
{
	a->stack->stats.t2_expired++;
	/* 9.2: at most Association.Max.Retrans retransmissions, then give up */
	if (++a->t2_retrans > a->par.set.association_max_retrans) {
		sct_assoc_close(a, SCT_COMM_LOST, 0, ETIMEDOUT, NULL, 0);
		return;
	}
	backoff(a);
	if (a->state == SCT_SHUTDOWN_SENT)
		sct_queue_shutdown(a);
	else if (a->state == SCT_SHUTDOWN_ACK_SENT)
		queue_empty_chunk(a, sct_shutdown_ack_emit);
	else
		return;
	sct_stack_timer(a->stack, &a->t2, now + path_rto(a));
}

void sct_t5_expired(struct sct_assoc *a, sct_time_t now)
{
	(void)now;
	/* 9.2: T5-shutdown-guard: the shutdown took too long */
	sct_abort_assoc(a, SCT_COMM_LOST, ETIMEDOUT, NULL);
}

/* ---------------------------------------------------------------- received chunks */

/* RFC 9260 9.1: ABORT (its tag already checked by the 8.5.1 B rule). */
void sct_sf_9_1_abort(struct sct_rx *rx, const struct sct_chunk *c)
{
	struct sct_assoc *a = rx->a;
	struct sct_abort ab;
	struct sct_tlv_iter it;
	struct sct_tlv t;
	uint16_t code = 0;
	bool setup = a->state == SCT_COOKIE_WAIT || a->state == SCT_COOKIE_ECHOED;

	rx->stop = true;
	if (sct_abort_parse(c, &ab) != 0)
		return;
	sct_tlv_iter_init(&it, ab.causes, ab.causes_len);
	if (sct_cause_next(&it, &t) == 1)
		code = t.type;
	rx->s->stats.aborteds++;
	/* the application learns why: ECONNREFUSED while setting up, ECONNRESET after */
	sct_assoc_close(a, setup ? SCT_CANT_STR_ASSOC : SCT_COMM_LOST, code,
			setup ? ECONNREFUSED : ECONNRESET, c->hdr, c->length);
}

/* RFC 9260 9.2: SHUTDOWN. */
void sct_sf_9_2_shutdown(struct sct_rx *rx, const struct sct_chunk *c)
{
	struct sct_assoc *a = rx->a;
	struct sct_shutdown sd;
	struct sct_event ev;

	if (sct_shutdown_parse(c, &sd) != 0)
		return;
	switch (a->state) {
	case SCT_ESTABLISHED:
	case SCT_SHUTDOWN_PENDING:
		/* the peer stops sending; tell the application (RFC 6458 6.1.5) */
		memset(&ev, 0, sizeof(ev));
		ev.type = SCT_EV_SHUTDOWN;
		ev.assoc = a->id;
		ev.ep = a->ep;
		sct_event_push(rx->s, &ev, false);
		sct_assoc_set_state(a, SCT_SHUTDOWN_RECEIVED);
		sct_timer_stop(&rx->s->timers, &a->t2);
		/* its Cumulative TSN Ack acknowledges our data; when all is, SHUTDOWN ACK */
		sct_data_cum_ack(a, sd.cum_tsn_ack, rx->now);
		sct_shutdown_progress(a, rx->now);
		break;
	case SCT_SHUTDOWN_SENT:
		/* 9.2: both sides shut down at once */
		sct_data_cum_ack(a, sd.cum_tsn_ack, rx->now);
		send_shutdown_ack(a, rx->now);
		break;
	case SCT_SHUTDOWN_RECEIVED:
		/* a retransmission: it may acknowledge more of our data */
		sct_data_cum_ack(a, sd.cum_tsn_ack, rx->now);
		break;
	case SCT_SHUTDOWN_ACK_SENT:
		/* a retransmitted SHUTDOWN: our SHUTDOWN ACK was lost */
		queue_empty_chunk(a, sct_shutdown_ack_emit);
		break;
	default:
		/* 9.2: in COOKIE-WAIT or COOKIE-ECHOED, silently discard */
		break;
	}
}

static void send_shutdown_complete_and_close(struct sct_rx *rx)
{
	struct sct_assoc *a = rx->a;
	uint8_t chunk[4];
	struct sct_wr w = sct_wr_init(chunk, sizeof(chunk));
	struct sct_chunk_empty e = {0};

	/* 8.5.1 C: we have a TCB: the peer's tag, T bit clear */
	if (sct_shutdown_complete_emit(&w, &e) == 0)
		send_now(a, a->peer_vtag, chunk, w.off);
	rx->s->stats.shutdowns++;
	sct_assoc_close(a, SCT_SHUTDOWN_COMP, 0, 0, NULL, 0);
	rx->stop = true;
}

/* RFC 9260 9.2: SHUTDOWN ACK (in COOKIE states it was treated as OOTB before). */
void sct_sf_9_2_shutdown_ack(struct sct_rx *rx, const struct sct_chunk *c)
{
	(void)c;
	switch (rx->a->state) {
	case SCT_SHUTDOWN_SENT:
	case SCT_SHUTDOWN_ACK_SENT:
		send_shutdown_complete_and_close(rx);
		break;
	default:
		break; /* unexpected: discard */
	}
}

/* RFC 9260 9.2 and 8.5.1 C: SHUTDOWN COMPLETE. */
void sct_sf_9_2_shutdown_complete(struct sct_rx *rx, const struct sct_chunk *c)
{
	struct sct_assoc *a = rx->a;

	(void)c;
	rx->stop = true;
	if (a->state != SCT_SHUTDOWN_ACK_SENT)
		return;
	rx->s->stats.shutdowns++;
	sct_assoc_close(a, SCT_SHUTDOWN_COMP, 0, 0, NULL, 0);
}

/* RFC 9260 3.3.10 and 5.2.6: ERROR. */
void sct_sf_3_3_10_error(struct sct_rx *rx, const struct sct_chunk *c)
{
	struct sct_assoc *a = rx->a;
	struct sct_error e;
	struct sct_tlv_iter it;
	struct sct_tlv t;
	struct sct_event ev;
	bool first = true;

	if (sct_error_parse(c, &e) != 0)
		return;
	memset(&ev, 0, sizeof(ev));
	ev.type = SCT_EV_REMOTE_ERROR;
	ev.assoc = a->id;
	ev.ep = a->ep;
	sct_tlv_iter_init(&it, e.causes, e.causes_len);
	while (sct_cause_next(&it, &t) == 1) {
		if (first) {
			ev.u.remote_error.error = t.type;
			first = false;
		}
		if (t.type == SCT_CAUSE_STALE_COOKIE) {
			struct sct_cause sc;

			if (sct_cause_parse(&t, &sc) == 0) {
				sct_sf_5_2_6_stale_cookie(rx, sc.u.staleness_us);
				rx->stop = true;
				return;
			}
		}
	}
	if (first)
		return;
	ev.info_len = (uint16_t)(c->length < SCT_EVENT_INFO_MAX ? c->length : SCT_EVENT_INFO_MAX);
	memcpy(ev.info, c->hdr, ev.info_len);
	sct_event_push(rx->s, &ev, true);
}

/* RFC 9260 8.3: answer a HEARTBEAT with its info, unchanged. */
void sct_sf_8_3_heartbeat(struct sct_rx *rx, const struct sct_chunk *c)
{
	struct sct_assoc *a = rx->a;
	struct sct_heartbeat hb;
	uint8_t chunk[SCT_REPLY_MAX];
	struct sct_wr w = sct_wr_init(chunk, sizeof(chunk));

	if (a->state == SCT_COOKIE_WAIT || sct_heartbeat_parse(c, &hb) != 0)
		return;
	/* 6.4: reply chunks go back to where the HEARTBEAT came from */
	if (sct_heartbeat_ack_emit(&w, &hb) != 0)
		return;
	if (rx->path)
		sct_send_to_path(a, rx->path, a->peer_vtag, chunk, w.off);
	else
		sct_ctl_queue(a, chunk, w.off);
}
