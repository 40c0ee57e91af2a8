/* SPDX-License-Identifier: MIT */
/* sendfail.c: RFC 6458 6.1.11 send-failure events for the data an association gives up. */
#include <stdlib.h>
#include <string.h>

#include "sctp/internal.h"
#include "wire/chunk.h"
#include "wire/sctp_types.h"

/*
 * Theory of operation
 *
 * An association that ends other than by a completed graceful shutdown (an
 * ABORT either way, too many retransmissions, a failed setup) or that
 * restarts (RFC 9260 5.2.4 A: the peer's old TCB is gone) drops what it
 * still holds to send; a message queued for a stream the peer did not grant
 * (5.1.1) can never be sent.  Each such piece of data becomes one
 * SCT_EV_SEND_FAILED, queued before the COMM_LOST / CANT_STR_ASSOC /
 * RESTART that explains it: after that event the owner forgets the
 * association (sctund ends the socket's stream), so later events would have
 * nowhere to go.  Linux queues them after the ASSOC_CHANGE.
 *
 * Granularity follows Linux: it reports every DATA chunk of a failed
 * message (sctp_datamsg_destroy()), SCTP_DATA_SENT when the chunk had a TSN
 * and SCTP_DATA_UNSENT when not, with the chunk's bytes.  Our outstanding
 * chunks are reported the same way, one event each, acknowledged by a Gap
 * Ack Block or not (such a chunk may still be reneged on, 6.2.1, so it was
 * not delivered as far as the sender knows).  A waiting message is not cut
 * into chunks until it goes out (txq.h), so its uncut rest is one UNSENT
 * event with the rest's bytes: fragment sizes that were never decided would
 * be invented.  Fragments already acknowledged cumulatively are gone from
 * our queues and are not reported (Linux keeps and reports them).
 *
 * The events are optional ones (sct_event_push()): a queue of many small
 * messages must not grow the event queue past the stack's max_events.
 */

static void push(struct sct_assoc *a, uint16_t flags, uint16_t cause, uint16_t sid, bool unordered,
		 uint32_t ppid, uint32_t context, size_t len)
{
	struct sct_event ev;

	memset(&ev, 0, sizeof(ev));
	ev.type = SCT_EV_SEND_FAILED;
	ev.assoc = a->id;
	ev.ep = a->ep;
	ev.u.send_failed.flags = flags;
	ev.u.send_failed.error = cause;
	ev.u.send_failed.sid = sid;
	ev.u.send_failed.snd_flags = unordered ? SCT_SEND_UNORDERED : 0;
	ev.u.send_failed.ppid = ppid;
	ev.u.send_failed.context = context;
	ev.u.send_failed.length = (uint32_t)len;
	sct_event_push(a->stack, &ev, true);
}

static void msg_failed(struct sct_assoc *a, const struct sct_txmsg *m, uint16_t cause)
{
	push(a, SCT_SEND_FAILED_UNSENT, cause, m->sid, m->unordered, m->ppid, m->context,
	     m->len - m->off);
}

void sct_send_failed_all(struct sct_assoc *a, uint16_t cause)
{
	const struct sct_txchunk *c;
	const struct sct_txmsg *m;

	/*
	 * Reported, not freed: the caller may be in the middle of walking these
	 * lists (a SACK or a T3 expiry that ends the association); they go with
	 * the association.  It ends (or restarts) once, so they are reported once.
	 */
	for (c = a->txq.out; c; c = c->next)
		push(a, SCT_SEND_FAILED_SENT, cause, c->sid, (c->flags & SCT_DATA_FLAG_U) != 0,
		     c->ppid, c->context, c->len);
	for (m = a->txq.msgs; m; m = m->next)
		msg_failed(a, m, cause);
}

void sct_send_failed_streams(struct sct_assoc *a)
{
	struct sct_txmsg *m;

	while (a->txq.msgs && a->txq.msgs->sid >= a->os) {
		/* RFC 9260 5.1.1: the stream does not exist in this association; Linux
		 * fails such a message with the Invalid Stream Identifier cause */
		m = sct_txq_shift(&a->txq);
		msg_failed(a, m, SCT_CAUSE_INVALID_STREAM);
		a->send_failed++;
		free(m);
	}
}
