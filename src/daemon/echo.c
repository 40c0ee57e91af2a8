/* SPDX-License-Identifier: MIT */
/* echo.c: sctund's built-in echo service (--echo PORT), on top of the SCTP core's API. */
#include "config.h"

#include "daemon/echo.h"

#include <errno.h>
#include <string.h>

#include "common/log.h"

/*
 * The echo service of the SCTP test tools (usrsctp's echo server, the ETSI
 * conformance test's "echo" upper layer): every message goes back on the
 * stream it came on, with its PPID.  It is an application of the core like any
 * other: it only uses the public API, which is what makes it a useful check of
 * the whole daemon before local programs can attach over IPC.
 *
 * Back-pressure: a message is read only when the association's send buffer
 * has room for the largest one, so nothing read is ever lost to -EAGAIN; the
 * rest stays in the core (and its receive window closes, RFC 9260 6.2) until
 * SCT_EV_WRITABLE.
 */

int echo_start(struct echo *e, struct sct_stack *s, const uint16_t *ports, size_t n_ports)
{
	size_t i;
	int ret;

	e->s = s;
	if (n_ports > ECHO_PORTS_MAX)
		return -ENOSPC;
	for (i = 0; i < n_ports; i++) {
		struct sct_ep_cfg cfg = {.port = ports[i], .ctx = e};

		ret = sct_ep_create(s, &cfg, &e->ep[e->n_ep]);
		if (ret)
			return ret;
		sct_ep_listen(e->ep[e->n_ep], true);
		e->n_ep++;
		sct_log(SCT_LOG_INFO, "echo service on SCTP port %u", ports[i]);
	}
	return 0;
}

void echo_stop_listening(struct echo *e)
{
	size_t i;

	for (i = 0; i < e->n_ep; i++)
		sct_ep_listen(e->ep[i], false);
}

/* The slot of @id in the skip list, or -1. */
static int skip_slot(const struct echo *e, sct_assoc_id id)
{
	size_t i;

	for (i = 0; i < e->n_skip; i++)
		if (e->skip[i] == id)
			return (int)i;
	return -1;
}

static void skip_end(struct echo *e, int i)
{
	e->skip[i] = e->skip[--e->n_skip];
}

/*
 * Echo whole messages while the send buffer could take the largest one.  A
 * message whose pieces run out before its end is being partly delivered: it
 * is dropped and its association skips the rest when it comes (a list of
 * ECHO_SKIP_MAX; past that the association is aborted, this is a test service).
 */
static void echo_drain(struct echo *e, sct_assoc_id id, sct_time_t now)
{
	while (sct_assoc_send_room(e->s, id) >= ECHO_MSG_MAX) {
		struct sct_rcvinfo ri;
		struct sct_sndinfo si;
		size_t len = 0;
		bool too_long = false, partial;
		int n, ret, slot = skip_slot(e, id);

		for (;;) {
			n = sct_assoc_recv(e->s, id, &ri, e->buf + len, sizeof(e->buf) - len, now);
			if (n < 0)
				break;
			len += (size_t)n;
			if (ri.eor)
				break;
			if (len == sizeof(e->buf) || slot >= 0) {
				too_long = slot < 0; /* read on to the end, keeping nothing */
				len = 0;
			}
		}
		partial = n == -EAGAIN && (len || too_long);
		if (slot >= 0) {
			if (n >= 0)
				skip_end(e, slot); /* its end came */
			if (n < 0)
				return;
			continue;
		}
		if (n == -EAGAIN && !partial)
			return; /* nothing ready */
		if (partial) {
			e->dropped++;
			sct_log(SCT_LOG_INFO, "echo: assoc %u: a message in pieces dropped", id);
			if (e->n_skip < ECHO_SKIP_MAX)
				e->skip[e->n_skip++] = id;
			else
				sct_assoc_abort(e->s, id, NULL, 0, now);
			return;
		}
		if (n < 0) {
			sct_log(SCT_LOG_DEBUG, "echo: assoc %u: recv: %s", id, strerror(-n));
			return;
		}
		if (too_long) {
			e->dropped++;
			sct_log(SCT_LOG_INFO, "echo: assoc %u: message over %u bytes dropped", id,
				ECHO_MSG_MAX);
			continue;
		}
		si.sid = ri.sid;
		si.ppid = ri.ppid;
		si.flags = ri.unordered ? SCT_SEND_UNORDERED : 0;
		si.context = 0;
		ret = sct_assoc_send(e->s, id, &si, e->buf, len, now);
		if (ret) {
			e->dropped++;
			sct_log(SCT_LOG_INFO, "echo: assoc %u: send of %zu bytes: %s", id, len,
				strerror(-ret));
			continue;
		}
		e->msgs++;
		e->bytes += len;
	}
}

bool echo_event(struct echo *e, const struct sct_event *ev, sct_time_t now)
{
	if (!ev->ep || sct_ep_ctx(ev->ep) != e)
		return false;
	switch (ev->type) {
	case SCT_EV_DATA:
	case SCT_EV_WRITABLE:
		echo_drain(e, ev->assoc, now);
		break;
	case SCT_EV_ASSOC_CHANGE:
		switch (ev->u.assoc_change.state) {
		case SCT_COMM_UP:
		case SCT_RESTART:
			/* a restart ended any message in pieces (SCTP_PARTIAL_DELIVERY_EVENT) */
			if (skip_slot(e, ev->assoc) >= 0)
				skip_end(e, skip_slot(e, ev->assoc));
			sct_log(SCT_LOG_INFO, "echo: assoc %u on port %u up (%u/%u streams)",
				ev->assoc, sct_ep_port(ev->ep), ev->u.assoc_change.os,
				ev->u.assoc_change.is);
			break;
		default:
			/* Ended: echo keeps nothing to read back, let it go. */
			if (skip_slot(e, ev->assoc) >= 0)
				skip_end(e, skip_slot(e, ev->assoc));
			sct_log(SCT_LOG_INFO, "echo: assoc %u ended (state %u)", ev->assoc,
				ev->u.assoc_change.state);
			sct_assoc_release(e->s, ev->assoc, now);
			break;
		}
		break;
	default:
		break;
	}
	return true;
}
