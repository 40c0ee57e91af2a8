/* SPDX-License-Identifier: MIT */
/* usock_io.c: records between an application's data socket and its associations. */
#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "daemon/usock_impl.h"
#include "daemon/usock_opt.h"
#include "ipc/ipc_err.h"

/*
 * Theory of operation
 *
 * app -> core (usock_tx): a record is read and its message queued on the
 * association; a message the association has no room for yet (-EAGAIN) is
 * held, and the data socket is not read until SCT_EV_WRITABLE says the send
 * buffer has room again, so its queue fills and the application's end stops
 * being writable.  (One-to-many records name their association, or an address,
 * which sets one up: RFC 6458 3.1.3's implicit setup; or carry SENDALL,
 * RFC 6458 5.3.4's SCTP_SENDALL: the message is gathered once and queued on
 * each association that is established when it starts, in turn, waiting for
 * room on each as for a single one.)  The core raises
 * SCT_EV_WRITABLE only after refusing a send, which is why the message is
 * tried rather than the room compared first.  End of file on
 * sctund's end comes after the last record, so SCTP's graceful SHUTDOWN
 * (RFC 9260 9.2) starts only once everything written before it was queued.
 *
 * core -> app (usock_rx): messages are read from the core one record at a
 * time and written with MSG_DONTWAIT.  A record the socket cannot take is
 * held and EPOLLOUT resumes; until then nothing more is read from the core,
 * which keeps the data and lowers a_rwnd (RFC 9260 6.2): a slow reader slows
 * the peer and nothing is dropped.  Notifications (RFC 6458 6.1) go the same
 * way, in order with the data; only they can pile up behind a held record,
 * up to USOCK_HELD_MAX.  A one-to-one socket whose peer's data has ended has
 * its end shut down for writing once everything was delivered, so read()
 * returns 0.
 */

/* ------------------------------------------------------------------ watching */

static void watch(struct usock *us, uint32_t events)
{
	struct usrv *u = us->srv;
	int ret;

	if (us->hup && !us->close_pending && !(events & EPOLLOUT)) {
		/*
		 * A hung-up socket reports EPOLLHUP on every turn: out of the
		 * loop with it; what is left to read is read when the core has
		 * room again (SCT_EV_WRITABLE calls usock_tx() directly).
		 */
		if (us->in_loop)
			loop_del(u->loop, &us->ref);
		us->in_loop = false;
		us->watch = 0;
		return;
	}
	if (!us->tx_refused) /* our own SHUT_RD would report it on every turn */
		events |= EPOLLRDHUP;
	/*
	 * No events (a lost association's socket after its SHUT_RD) is still in the loop,
	 * for the hang-up; so in_loop, not watch, says whether loop_del() is due.
	 */
	if (us->in_loop && us->watch == events)
		return;
	ret =
	    us->in_loop ? loop_mod(u->loop, &us->ref, events) : loop_add(u->loop, &us->ref, events);
	if (ret) {
		sct_log(SCT_LOG_WARN, "socket %u: epoll: %s", us->serial, strerror(-ret));
	} else {
		us->watch = events;
		us->in_loop = true;
	}
}

void usock_rewatch(struct usock *us)
{
	uint32_t ev = 0;

	if (us->held)
		ev |= EPOLLOUT;
	if (!us->app_eof && !us->tx_ready &&
	    (usock_one_to_many(us) || us->state == USOCK_CONNECTED))
		ev |= EPOLLIN;
	if (us->lost && !us->tx_refused && !us->hup)
		ev |= EPOLLIN; /* to refuse what the application writes (usock_tx()) */
	watch(us, ev);
}

/* ------------------------------------------------------------------ core -> app */

void usock_eat_connecting(struct usock *us)
{
	uint8_t hdr[SCT_IPC_REC_HDR_LEN];
	ssize_t n = recv(us->fd, hdr, sizeof(hdr), MSG_DONTWAIT | MSG_PEEK | MSG_TRUNC);

	if (n >= (ssize_t)sizeof(hdr) && hdr[1] == SCT_IPC_REC_CONNECTING)
		(void)recv(us->fd, hdr, sizeof(hdr), MSG_DONTWAIT);
}

int usock_send_bare(struct usock *us, uint8_t type, sct_assoc_id id)
{
	struct sct_ipc_rec r = {.version = SCT_IPC_VERSION, .type = type, .assoc_id = id};
	uint8_t rec[SCT_IPC_REC_HDR_LEN];

	if (sct_ipc_rec_encode(&r, rec, sizeof(rec)) < 0) {
		errno = EINVAL;
		return -1;
	}
	return send(us->fd, rec, sizeof(rec), MSG_DONTWAIT | MSG_NOSIGNAL) < 0 ? -1 : 0;
}

/*
 * A list of records (struct urec): @us->held (to the application) and
 * @us->pend (from it).  urec_add() copies a record to the tail; false when
 * out of memory (the record is lost, and said).
 */
static bool urec_add(struct usock *us, struct urec **head, struct urec ***tail, const uint8_t *rec,
		     size_t len)
{
	struct urec *r = malloc(sizeof(*r) + len);

	if (!r) {
		sct_log(SCT_LOG_ERR, "socket %u: out of memory: a record is lost", us->serial);
		return false;
	}
	r->next = NULL;
	r->len = len;
	memcpy(r->b, rec, len);
	if (!*head)
		*tail = head; /* emptied by taking from the head */
	**tail = r;
	*tail = &r->next;
	return true;
}

static void urec_free_all(struct urec **head, struct urec ***tail)
{
	while (*head) {
		struct urec *r = *head;

		*head = r->next;
		free(r);
	}
	*tail = head;
}

void usock_held_free(struct usock *us)
{
	urec_free_all(&us->held, &us->held_tail);
	us->n_held = 0;
}

/* Send one record; false when the socket is full (EAGAIN). */
static bool send_rec(struct usock *us, const uint8_t *rec, size_t len)
{
	ssize_t n;

	/*
	 * Our end is shut for writing (end of file was delivered): a record after
	 * it (SHUTDOWN_COMP's notification) cannot reach the application, and the
	 * EPIPE it would get must not pass for the application having gone: that
	 * freed the socket under a program still holding it (ADOPT: ENOTSOCK).
	 */
	if (!us->rcv_open)
		return true;
	n = send(us->fd, rec, len, MSG_DONTWAIT | MSG_NOSIGNAL);
	if (n >= 0)
		return true;
	if (errno == EAGAIN)
		return false;
	if (errno != EPIPE && errno != ECONNRESET)
		sct_log(SCT_LOG_DEBUG, "socket %u: send: %s", us->serial, strerror(errno));
	/*
	 * The application's end is gone (killed, say): nothing it could read is kept.  It
	 * died with this record unread: data makes its close an ABORT (Linux's sctp_close());
	 * the EPOLLHUP still to come runs usock_close() (unless it ran already), so the data
	 * socket stays watched.
	 */
	if (!us->hup) {
		us->close_pending = true;
		/* before usock_held_free(): @rec may be a held record; notifications do not count
		 */
		us->unread_at_close = rec[1] == SCT_IPC_REC_DATA;
	}
	usock_held_free(us);
	us->hup = true;
	return true;
}

static void hold(struct usock *us, const uint8_t *rec, size_t len)
{
	if (urec_add(us, &us->held, &us->held_tail, rec, len))
		us->n_held++;
}

static bool flush_held(struct usock *us)
{
	while (us->held) {
		struct urec *r = us->held;

		if (!send_rec(us, r->b, r->len))
			return false;
		if (!us->held)
			break; /* the application went away */
		us->held = r->next;
		us->n_held--;
		free(r);
	}
	return true;
}

/* Send a record, or hold it behind those already held.  Return: false when held. */
static bool push_rec(struct usock *us, const uint8_t *rec, size_t len)
{
	if (!us->held && send_rec(us, rec, len))
		return true;
	hold(us, rec, len);
	return false;
}

/*
 * Batched output (usock_rx()): the records of a socket's messages are built in
 * u->out.space and sent with one sendmmsg() when it is full and when
 * usock_rx() ends; one send() per message was a system call and often a
 * wake-up of the application per message.  Nothing else writes to the socket
 * while a batch is open (it never outlives usock_rx()), so order is kept.
 */

/* Room for one more record of up to SCT_IPC_REC_MAX bytes; NULL: flush first. */
static uint8_t *out_slot(struct usrv *u)
{
	if (u->out.n == USRV_OUT_N || u->out.used + SCT_IPC_REC_MAX > USRV_OUT_SPACE)
		return NULL;
	return u->out.space + u->out.used;
}

static void out_commit(struct usrv *u, size_t len)
{
	struct iovec *iov = &u->out.iov[u->out.n];

	iov->iov_base = u->out.space + u->out.used;
	iov->iov_len = len;
	memset(&u->out.m[u->out.n], 0, sizeof(u->out.m[0]));
	u->out.m[u->out.n].msg_hdr.msg_iov = iov;
	u->out.m[u->out.n].msg_hdr.msg_iovlen = 1;
	u->out.n++;
	u->out.used += (len + 15) & ~(size_t)15;
}

/*
 * Send the batch.  Records the socket has no room for are held, in order
 * (EPOLLOUT resumes); an error other than EAGAIN is send_rec()'s to handle,
 * on the record it happened to.  Return: false when the socket is full.
 */
static bool out_flush(struct usock *us)
{
	struct usrv *u = us->srv;
	size_t i = 0;
	bool room = true;

	while (i < u->out.n && us->rcv_open) {
		int k = sendmmsg(us->fd, u->out.m + i, (unsigned)(u->out.n - i),
				 MSG_DONTWAIT | MSG_NOSIGNAL);

		if (k > 0) {
			i += (size_t)k;
			continue;
		}
		if (k < 0 && errno == EINTR)
			continue;
		if (k < 0 && errno == EAGAIN) {
			for (; i < u->out.n; i++)
				hold(us, u->out.iov[i].iov_base, u->out.iov[i].iov_len);
			room = false;
			break;
		}
		/* the application went away: send_rec() sees the error again and acts */
		send_rec(us, u->out.iov[i].iov_base, u->out.iov[i].iov_len);
		i++;
		if (us->hup)
			break; /* nobody to read the rest */
	}
	u->out.n = 0;
	u->out.used = 0;
	return room;
}

/* The messages of one association.  Return: false when the socket is full. */
static bool rx_assoc(struct usock *us, struct uassoc *ua, sct_time_t now)
{
	struct usrv *u = us->srv;
	bool addr = usock_one_to_many(us);
	size_t hl = SCT_IPC_REC_HDR_LEN + (addr ? SCT_IPC_ADDR_LEN : 0);

	while (!us->hup) {
		struct sct_ipc_rec r;
		struct sct_rcvinfo ri;
		uint8_t *rec = out_slot(u);
		int n;

		if (!rec) {
			if (!out_flush(us))
				return false;
			continue;
		}
		n = sct_assoc_recv(u->stack, ua->id, &ri, rec + hl, SCT_IPC_MAX_PAYLOAD, now);
		if (n < 0)
			return true;
		memset(&r, 0, sizeof(r));
		r.version = SCT_IPC_VERSION;
		r.type = SCT_IPC_REC_DATA;
		r.flags = (uint16_t)((ri.eor ? SCT_IPC_F_EOR : 0) |
				     (ri.unordered ? SCT_IPC_F_UNORDERED : 0));
		r.assoc_id = ua->id;
		r.sid = ri.sid;
		r.ssn = ri.ssn;
		r.ppid = ri.ppid;
		r.tsn_or_context = ri.tsn;
		r.cumtsn_or_ttl = ri.cum_tsn;
		r.has_addr = addr;
		r.addr = ua->peer;
		r.payload_len = (size_t)n;
		if (sct_ipc_rec_encode_hdr(&r, rec, hl) != (int)hl)
			return true; /* cannot happen: the header fits and is valid */
		u->st.rx_msgs += ri.eor;
		u->st.rx_bytes += (size_t)n;
		us->rx_partial = ri.eor ? 0 : ua->id;
		out_commit(u, hl + (size_t)n);
	}
	return true;
}

/*
 * A clean end of a one-to-one socket's data (the peer's SHUTDOWN, no error) is
 * announced by an EOF record before the end of file: the shim then returns 0
 * without asking SO_ERROR, a round trip it otherwise needs to tell a clean end
 * from an ABORT or from sctund having died (sctun-ipc(7)).  Best effort: with
 * the socket full the hint is left out, and the shim asks.
 */
static void eof_hint(struct usock *us)
{
	if (!us->so_error && !us->lost)
		(void)usock_send_bare(us, SCT_IPC_REC_EOF, 0);
}

void usock_rx(struct usock *us, sct_time_t now)
{
	struct uassoc *ua, *next;

	if (!flush_held(us))
		goto out;
	ua = us->rx_partial ? uassoc_find(us->srv, us->rx_partial) : NULL;
	if (ua && ua->us == us && !ua->ended) {
		/* the rest of a message partly read first; others wait until it ends */
		if (!rx_assoc(us, ua, now) || us->rx_partial)
			goto out;
	}
	us->rx_partial = 0;
	for (ua = us->assocs; ua; ua = next) {
		next = ua->next;
		if (!rx_assoc(us, ua, now))
			goto out;
		if (us->rx_partial)
			goto out; /* partial delivery in progress: nothing else until it ends */
		if (ua->ended)
			uassoc_del(ua, now); /* everything it held was delivered */
	}
	if (!out_flush(us))
		goto out;
	if (!usock_one_to_many(us) && (us->peer_eof || us->state == USOCK_DONE) && us->rcv_open &&
	    !us->hup) {
		eof_hint(us);
		shutdown(us->fd, SHUT_WR); /* the application's read() returns 0 */
		us->rcv_open = false;
	}
out:
	out_flush(us); /* what the loop built before it stopped */
	usock_rewatch(us);
}

/* ------------------------------------------------------------------ notifications */

/*
 * Bytes of struct sctp_event_subscribe (RFC 6458 6.2.1; Linux's layout, which
 * SCTP_EVENT also sets: byte se_type - SCTP_SN_TYPE_BASE).  A send failure is wanted through the
 * old sctp_send_failure_event (SCTP_SEND_FAILED, byte 3) or through SCTP_EVENT's
 * SCTP_SEND_FAILED_EVENT (byte 13, Linux's sctp_send_failure_event_event); the shim builds the
 * struct the subscription asks for.
 */
#define SUB_SEND_FAILED	      3
#define SUB_SEND_FAILED_EVENT 13

static bool subscribed(const struct usock *us, int k)
{
	return k >= 0 && (size_t)k < us->n_events && us->events[k];
}

/* The byte of struct sctp_event_subscribe (RFC 6458 6.2.1) that turns @type on. */
static int subscription(uint16_t type)
{
	switch (type) {
	case SCT_EV_ASSOC_CHANGE:
		return 1;
	case SCT_EV_PEER_ADDR_CHANGE:
		return 2;
	case SCT_EV_REMOTE_ERROR:
		return 4;
	case SCT_EV_SHUTDOWN:
		return 5;
	case SCT_EV_PARTIAL_DELIVERY:
		return 6;
	case SCT_EV_ADAPTATION:
		return 7;
	case SCT_EV_SENDER_DRY:
		return 9;
	default:
		return -1;
	}
}

static bool notif_from_event(struct sct_ipc_notif *n, const struct sct_event *ev)
{
	memset(n, 0, sizeof(*n));
	switch (ev->type) {
	case SCT_EV_ASSOC_CHANGE:
		n->type = SCT_IPC_N_ASSOC_CHANGE;
		n->u.assoc_change.state = (uint16_t)(ev->u.assoc_change.state + 1);
		n->u.assoc_change.error = ev->u.assoc_change.error;
		n->u.assoc_change.os = ev->u.assoc_change.os;
		n->u.assoc_change.is = ev->u.assoc_change.is;
		if (ev->u.assoc_change.state == SCT_COMM_LOST ||
		    ev->u.assoc_change.state == SCT_CANT_STR_ASSOC) {
			n->u.assoc_change.info = ev->info; /* the ABORT chunk, when one came */
			n->u.assoc_change.info_len = ev->info_len;
		}
		return true;
	case SCT_EV_PEER_ADDR_CHANGE:
		n->type = SCT_IPC_N_PEER_ADDR_CHANGE;
		usock_addr_to_ipc(&n->u.paddr_change.addr, &ev->u.paddr.addr, 0);
		n->u.paddr_change.state = ev->u.paddr.state + 1u;
		n->u.paddr_change.error = (uint32_t)ev->u.paddr.err;
		return true;
	case SCT_EV_REMOTE_ERROR:
		n->type = SCT_IPC_N_REMOTE_ERROR;
		n->u.remote_error.error = ev->u.remote_error.error;
		n->u.remote_error.data = ev->info;
		n->u.remote_error.data_len = ev->info_len;
		return true;
	case SCT_EV_SHUTDOWN:
		n->type = SCT_IPC_N_SHUTDOWN_EVENT;
		return true;
	case SCT_EV_ADAPTATION:
		n->type = SCT_IPC_N_ADAPTATION_INDICATION;
		n->u.adaptation.indication = ev->u.adaptation.indication;
		return true;
	case SCT_EV_SENDER_DRY:
		n->type = SCT_IPC_N_SENDER_DRY_EVENT;
		return true;
	case SCT_EV_SEND_FAILED:
		n->type = SCT_IPC_N_SEND_FAILED_EVENT;
		n->u.send_failed.flags = ev->u.send_failed.flags == SCT_SEND_FAILED_SENT
					     ? SCT_IPC_DATA_SENT
					     : SCT_IPC_DATA_UNSENT;
		n->u.send_failed.error = ev->u.send_failed.error;
		n->u.send_failed.sid = ev->u.send_failed.sid;
		n->u.send_failed.snd_flags =
		    ev->u.send_failed.snd_flags & SCT_SEND_UNORDERED ? SCT_IPC_F_UNORDERED : 0;
		n->u.send_failed.ppid = ev->u.send_failed.ppid;
		n->u.send_failed.context = ev->u.send_failed.context;
		n->u.send_failed.length = ev->u.send_failed.length;
		return true;
	case SCT_EV_PARTIAL_DELIVERY:
		n->type = SCT_IPC_N_PARTIAL_DELIVERY_EVENT;
		n->u.pdapi.indication = SCT_IPC_PARTIAL_DELIVERY_ABORTED;
		n->u.pdapi.stream = ev->u.pdapi.sid;
		n->u.pdapi.seq = ev->u.pdapi.ssn;
		return true;
	default:
		return false;
	}
}

void usock_notify(struct usock *us, const struct sct_event *ev, sct_time_t now)
{
	struct usrv *u = us->srv;
	struct sct_ipc_rec r = {
	    .version = SCT_IPC_VERSION,
	    .type = SCT_IPC_REC_NOTIFICATION,
	    .flags = SCT_IPC_F_NOTIFICATION | SCT_IPC_F_EOR,
	    .assoc_id = ev->assoc,
	};
	struct sct_ipc_notif n;
	int k = subscription(ev->type), len;

	if (ev->type == SCT_EV_SEND_FAILED)
		k = subscribed(us, SUB_SEND_FAILED) ? SUB_SEND_FAILED : SUB_SEND_FAILED_EVENT;
	if (!subscribed(us, k) || us->hup)
		return;
	if (!notif_from_event(&n, ev))
		return;
	len = sct_ipc_notif_encode(&n, u->buf + SCT_IPC_REC_HDR_LEN,
				   sizeof(u->buf) - SCT_IPC_REC_HDR_LEN);
	if (len < 0)
		return;
	if (us->n_held >= USOCK_HELD_MAX) {
		u->st.notifs_dropped++;
		ULOG(u, now, "socket %u: not reading: a notification is dropped", us->serial);
		return;
	}
	r.payload_len = (size_t)len;
	if (sct_ipc_rec_encode_hdr(&r, u->buf, SCT_IPC_REC_HDR_LEN) != SCT_IPC_REC_HDR_LEN)
		return;
	u->st.notifs++;
	push_rec(us, u->buf, SCT_IPC_REC_HDR_LEN + (size_t)len);
	usock_rewatch(us);
}

/* ------------------------------------------------------------------ app -> core */

/* Forget the message being gathered or held (with its SENDALL targets). */
static void tx_reset(struct usock *us)
{
	us->tx_len = 0;
	us->tx_ready = false;
	us->tx_eof = false;
	us->n_tx_all = 0;
	us->tx_all_next = 0;
}

/*
 * A record the shim would never send: the client is broken or hostile.  It is
 * cut off: its associations are aborted, its data socket shut down (it sees
 * end of file, EPIPE, and SO_ERROR EPROTO); nobody else is affected.
 */
static void bad_record(struct usock *us, const char *why, sct_time_t now)
{
	static const char reason[] = "sctund: malformed record from the application";
	struct usrv *u = us->srv;
	struct uassoc *ua;

	u->st.bad_records++;
	ULOG(u, now, "socket %u: bad record (%s): cut off", us->serial, why);
	for (ua = us->assocs; ua; ua = ua->next)
		if (!ua->ended)
			sct_assoc_abort(u->stack, ua->id, reason, sizeof(reason) - 1, now);
	us->app_eof = true;
	tx_reset(us);
	us->so_error = EPROTO;
	if (us->state == USOCK_CONNECTING || us->state == USOCK_CONNECTED)
		us->state = USOCK_DONE;
	shutdown(us->fd, SHUT_RDWR);
	us->rcv_open = false;
}

static void send_failed(struct usock *us, size_t len, int err, sct_time_t now)
{
	struct usrv *u = us->srv;

	u->st.send_errors++;
	ULOG(u, now, "socket %u: message of %zu bytes not sent: %s", us->serial, len,
	     strerror(-err));
}

/* Shut association @id down gracefully (SCTP_EOF on a one-to-many socket). */
static void eof_assoc(struct usock *us, sct_assoc_id id, sct_time_t now)
{
	if (usock_one_to_many(us))
		sct_assoc_shutdown(us->srv->stack, id, now);
	else
		usock_app_eof(us, now);
}

/*
 * SCTP_SENDALL: queue @us->tx on each association left in @us->tx_all, in
 * turn.  One that ended meanwhile is skipped; one without room stops the
 * turn (false), and SCT_EV_WRITABLE resumes it there, so the message is
 * queued once on each.  SCTP_EOF after it shuts each down (Linux's
 * sctp_sendmsg() does the same per association).
 */
static bool tx_flush_all(struct usock *us, sct_time_t now)
{
	struct usrv *u = us->srv;
	int ret;

	while (us->tx_all_next < us->n_tx_all) {
		sct_assoc_id id = us->tx_all[us->tx_all_next];

		ret = us->tx_len ? sct_assoc_send(u->stack, id, &us->tx_si, us->tx, us->tx_len, now)
				 : 0;
		if (ret == -EAGAIN) {
			us->tx_id = id; /* its SCT_EV_WRITABLE brings us back */
			return false;
		}
		if (ret == 0) {
			if (us->tx_len) {
				u->st.tx_msgs++;
				u->st.tx_bytes += us->tx_len;
			}
			if (us->tx_eof)
				sct_assoc_shutdown(u->stack, id, now);
		} else if (ret != -ENOENT && ret != -EPIPE) {
			send_failed(us, us->tx_len, ret, now);
		}
		us->tx_all_next++;
	}
	tx_reset(us);
	return true;
}

/* Queue the held message (@us->tx); false when the association has no room yet. */
static bool tx_flush(struct usock *us, sct_time_t now)
{
	struct usrv *u = us->srv;
	int ret;

	if (us->n_tx_all)
		return tx_flush_all(us, now);
	ret = sct_assoc_send(u->stack, us->tx_id, &us->tx_si, us->tx, us->tx_len, now);
	if (ret == -EAGAIN)
		return false;
	if (ret) {
		send_failed(us, us->tx_len, ret, now);
	} else {
		u->st.tx_msgs++;
		u->st.tx_bytes += us->tx_len;
	}
	us->tx_len = 0;
	us->tx_ready = false;
	if (us->tx_eof) {
		us->tx_eof = false;
		eof_assoc(us, us->tx_id, now);
	}
	return true;
}

/*
 * Established (or past it)?  A one-to-many socket closed while an association
 * it set up implicitly (RFC 6458 3.1.3) is still in COOKIE-WAIT must not end
 * it there: the SHUTDOWN primitive would drop it with the messages queued on
 * it.  Linux avoids that by making the blocking sendmsg() wait for the
 * association; here the SHUTDOWN waits for COMM_UP instead.
 */
static bool assoc_up(struct usrv *u, sct_assoc_id id)
{
	struct sct_assoc_status st;

	return !sct_assoc_status(u->stack, id, &st) && st.state >= SCT_ESTABLISHED;
}

void usock_app_eof(struct usock *us, sct_time_t now)
{
	struct usrv *u = us->srv;
	bool abort = us->hup && ((us->linger_on && us->linger_s == 0) || us->unread_at_close);
	struct uassoc *ua;

	us->app_eof = true;
	tx_reset(us); /* a message without its end is not sent */
	for (ua = us->assocs; ua; ua = ua->next) {
		if (ua->ended || (!usock_one_to_many(us) && us->state != USOCK_CONNECTED))
			continue;
		if (abort)
			sct_assoc_abort(u->stack, ua->id, NULL, 0, now);
		else if (usock_one_to_many(us) && !assoc_up(u, ua->id))
			continue; /* its COMM_UP shuts it down (usock.c), after its messages */
		else
			sct_assoc_shutdown(u->stack, ua->id, now);
	}
}

/* Gather a piece; a message longer than the send buffer could never be sent (EMSGSIZE). */
static bool tx_append(struct usock *us, const struct sct_ipc_rec *r)
{
	size_t need = us->tx_len + r->payload_len;
	struct sct_params par;

	usock_ep_params(us, &par); /* SO_SNDBUF and the RFC 6458 8 values included */
	if (need > par.set.sndbuf)
		return false;
	if (need > us->tx_cap) {
		size_t cap = us->tx_cap ? us->tx_cap : SCT_IPC_MAX_PAYLOAD;
		uint8_t *p;

		while (cap < need)
			cap *= 2;
		p = realloc(us->tx, cap);
		if (!p)
			return false;
		us->tx = p;
		us->tx_cap = cap;
	}
	if (r->payload_len) /* SCTP_SENDALL | SCTP_EOF has none, and @us->tx may be NULL */
		memcpy(us->tx + us->tx_len, r->payload, r->payload_len);
	us->tx_len += r->payload_len;
	return true;
}

/* The association a one-to-many record is for (0: none, dropped). */
static sct_assoc_id target(struct usock *us, const struct sct_ipc_rec *r, sct_time_t now)
{
	struct usrv *u = us->srv;
	struct sct_ipc_addr ia;
	struct sct_addr a;
	sct_assoc_id id;
	int ret;

	if (!usock_one_to_many(us))
		return us->state == USOCK_CONNECTED ? us->assoc : 0;
	if (r->assoc_id)
		return usock_assoc_for(us, r->assoc_id);
	if (!r->has_addr)
		return 0;
	ia = r->addr;
	usock_addr_from_ipc(&a, &ia);
	id = us->ep ? sct_ep_find_assoc(u->stack, us->ep, &a, ia.port) : 0;
	if (id || (r->flags & (SCT_IPC_F_EOF | SCT_IPC_F_ABORT)))
		return id;
	ret = usock_implicit_connect(us, &a, ia.port, now, &id);
	if (ret) {
		send_failed(us, r->payload_len, ret, now);
		return 0;
	}
	return id;
}

/*
 * The send parameters of a message: the record's, or when the application gave
 * none (SCT_IPC_F_DEFAULT) the defaults of association @id, else the socket's
 * (RFC 6458 8.1.31).
 */
static void set_sndinfo(struct usock *us, const struct sct_ipc_rec *r, sct_assoc_id id)
{
	uint16_t flags = r->flags;

	us->tx_si.sid = r->sid;
	us->tx_si.ppid = r->ppid;
	/* RFC 6458 5.3.4 snd_context: kept with the message for its send-failure event */
	us->tx_si.context = r->tsn_or_context;
	if (r->flags & SCT_IPC_F_DEFAULT) {
		struct uassoc *ua = id ? uassoc_find(us->srv, id) : NULL;
		const struct usnd *d = ua && ua->us == us ? &ua->snd : &us->tune.snd;

		us->tx_si.sid = d->sid;
		us->tx_si.ppid = d->ppid;
		us->tx_si.context = d->context;
		flags |= d->flags & SCT_IPC_F_UNORDERED;
	}
	us->tx_si.flags = 0;
	if (flags & SCT_IPC_F_UNORDERED)
		us->tx_si.flags |= SCT_SEND_UNORDERED;
	if (r->flags & SCT_IPC_F_SACK_IMMEDIATELY)
		us->tx_si.flags |= SCT_SEND_SACK_IMMEDIATELY;
}

/*
 * The associations a SENDALL message goes to: those of the socket that are
 * established now (Linux skips the others), into @us->tx_all.
 * Return: how many; 0 when none (or out of memory, logged).
 */
static size_t sendall_targets(struct usock *us, sct_time_t now)
{
	struct usrv *u = us->srv;
	struct sct_assoc_status st;
	struct uassoc *ua;
	size_t n = 0;

	sct_assoc_id *p = realloc(us->tx_all, (us->n_assocs + 1) * sizeof(*p));

	if (!p) {
		send_failed(us, 0, -ENOMEM, now);
		return 0;
	}
	us->tx_all = p;
	for (ua = us->assocs; ua && n < us->n_assocs; ua = ua->next)
		if (!ua->ended && !sct_assoc_status(u->stack, ua->id, &st) &&
		    st.state == SCT_ESTABLISHED)
			us->tx_all[n++] = ua->id;
	return n;
}

/* A record of a SENDALL message (one-to-many): gathered, then fanned out by tx_flush_all(). */
static void sendall_rec(struct usock *us, const struct sct_ipc_rec *r, sct_time_t now)
{
	struct usrv *u = us->srv;
	size_t i, n;

	if (!us->tx_len && !us->n_tx_all) {
		n = sendall_targets(us, now);
		if (r->flags & SCT_IPC_F_ABORT) {
			for (i = 0; i < n; i++)
				sct_assoc_abort(u->stack, us->tx_all[i], r->payload, r->payload_len,
						now);
			return;
		}
		if (!n)
			return; /* nobody to send to: Linux reports success too */
		us->n_tx_all = n;
		us->tx_all_next = 0;
		set_sndinfo(us, r, 0);
	}
	if (!tx_append(us, r)) {
		send_failed(us, us->tx_len + r->payload_len, -EMSGSIZE, now);
		tx_reset(us);
		return;
	}
	if (r->flags & SCT_IPC_F_EOR) {
		us->tx_ready = true;
		us->tx_eof = (r->flags & SCT_IPC_F_EOF) != 0;
		tx_flush(us, now);
	}
}

static void data_rec(struct usock *us, const struct sct_ipc_rec *r, sct_time_t now)
{
	struct usrv *u = us->srv;
	sct_assoc_id id;
	int ret;

	if (usock_one_to_many(us) && ((r->flags & SCT_IPC_F_SENDALL) || us->n_tx_all)) {
		sendall_rec(us, r, now);
		return;
	}
	id = us->tx_len ? us->tx_id : target(us, r, now);
	if (!id) {
		if (!usock_one_to_many(us) || !(r->flags & SCT_IPC_F_EOF))
			send_failed(us, r->payload_len, -ENOTCONN, now);
		return;
	}
	if (r->flags & SCT_IPC_F_ABORT) {
		sct_assoc_abort(u->stack, id, r->payload, r->payload_len, now);
		if (!usock_one_to_many(us))
			us->app_eof = true;
		return;
	}
	if (!r->payload_len && !us->tx_len) {
		if (r->flags & SCT_IPC_F_EOF)
			eof_assoc(us, id, now);
		return;
	}
	if (!us->tx_len && (r->flags & SCT_IPC_F_EOR)) {
		/* the usual case: a whole message in one record, sent from where it lies */
		set_sndinfo(us, r, id);
		ret = sct_assoc_send(u->stack, id, &us->tx_si, r->payload, r->payload_len, now);
		if (ret != -EAGAIN) {
			if (ret) {
				send_failed(us, r->payload_len, ret, now);
			} else {
				u->st.tx_msgs++;
				u->st.tx_bytes += r->payload_len;
			}
			if (r->flags & SCT_IPC_F_EOF)
				eof_assoc(us, id, now);
			return;
		}
	}
	if (!us->tx_len) {
		set_sndinfo(us, r, id);
		us->tx_id = id;
	}
	if (!tx_append(us, r)) {
		send_failed(us, us->tx_len + r->payload_len, -EMSGSIZE, now);
		us->tx_len = 0;
		return;
	}
	if (r->flags & SCT_IPC_F_EOR) {
		us->tx_ready = true;
		us->tx_eof = (r->flags & SCT_IPC_F_EOF) != 0;
		tx_flush(us, now);
	}
}

/*
 * The association of a one-to-one socket was lost and the application writes: as on Linux,
 * send() must fail (EPIPE) rather than block for ever on a data socket nobody reads.  Shut
 * our end for reading and drop what it holds, which also wakes a sender waiting for room.
 */
static void refuse_tx(struct usock *us)
{
	int i;

	shutdown(us->fd, SHUT_RD);
	for (i = 0; i < 4096; i++)
		if (recv(us->fd, NULL, 0, MSG_DONTWAIT | MSG_TRUNC) <= 0)
			break;
	us->tx_refused = true;
	usock_rewatch(us);
}

void usock_pend_free(struct usock *us)
{
	urec_free_all(&us->pend, &us->pend_tail);
}

/* One record from the application; false when the loop must stop (bad or end). */
static bool take_rec(struct usock *us, const uint8_t *rec, size_t n, sct_time_t now)
{
	struct sct_ipc_rec r;
	int ret;

	ret = sct_ipc_rec_decode(rec, n, &r);
	if (ret) {
		bad_record(us, sct_ipc_strerror(ret), now);
		return false;
	}
	if (r.type == SCT_IPC_REC_CONNECTING)
		return true; /* a second connect()'s, after the first completed */
	if (r.type != SCT_IPC_REC_DATA) {
		bad_record(us, "not a record an application sends", now);
		return false;
	}
	data_rec(us, &r, now);
	return true;
}

/*
 * Records are read USRV_IN_N at a time with recvmmsg() (one recvmsg() per
 * message was a system call each); those a turn did not take because the
 * association had no room (tx_ready) are kept, in order, in @us->pend and
 * taken first when SCT_EV_WRITABLE calls usock_tx() again.
 */
void usock_tx(struct usock *us, sct_time_t now)
{
	struct usrv *u = us->srv;
	int i, bi = 0, bn = 0;
	bool drained = false;

	if (us->lost && !us->tx_refused && !us->hup) {
		usock_pend_free(us);
		refuse_tx(us);
		return;
	}

	for (i = 0; i < LOOP_BATCH && !us->app_eof; i++) {
		struct mmsghdr *m;
		int k;

		if (!usock_one_to_many(us) && us->state != USOCK_CONNECTED)
			break;
		if (us->tx_ready && !tx_flush(us, now))
			break; /* SCT_EV_WRITABLE brings us back */
		if (us->pend) {
			struct urec *r = us->pend;
			bool go;

			us->pend = r->next; /* the tail is mended by the next urec_add() */
			go = take_rec(us, r->b, r->len, now);
			free(r);
			if (!go)
				break;
			continue;
		}
		if (bi == bn) {
			/*
			 * A short batch emptied the socket: asking again would only
			 * answer EAGAIN (one system call per wake-up in a ping-pong).
			 * Records that came since keep the descriptor readable (the
			 * loop is level-triggered), so they are read at the next turn.
			 */
			if (drained)
				break;
			/* no more than the turn may take: what is read is taken or kept */
			k = LOOP_BATCH - i < USRV_IN_N ? LOOP_BATCH - i : USRV_IN_N;
			for (bn = 0; bn < k; bn++) {
				u->in.iov[bn].iov_base = u->in.space + (size_t)bn * SCT_IPC_REC_MAX;
				u->in.iov[bn].iov_len = SCT_IPC_REC_MAX;
				memset(&u->in.m[bn], 0, sizeof(u->in.m[bn]));
				u->in.m[bn].msg_hdr.msg_iov = &u->in.iov[bn];
				u->in.m[bn].msg_hdr.msg_iovlen = 1;
			}
			bi = 0;
			bn = recvmmsg(us->fd, u->in.m, (unsigned)k, MSG_DONTWAIT, NULL);
			if (bn < 0 && errno == ECONNRESET) {
				/*
				 * The application closed its end with records it never read
				 * (unix_release_sock() reports it once).  They may be only
				 * notifications (sctp_test closes with its COMM_UP unread),
				 * which must not turn the close into an ABORT as unread data
				 * would with Linux: what it wrote before closing is still
				 * read and sent, then SHUTDOWN.
				 */
				bn = 0;
				continue;
			}
			if (bn <= 0) {
				if (bn < 0 && errno != EAGAIN && errno != EINTR)
					sct_log(SCT_LOG_DEBUG, "socket %u: recv: %s", us->serial,
						strerror(errno));
				bn = 0;
				break;
			}
			drained = bn < k;
		}
		m = &u->in.m[bi++];
		if (m->msg_len == 0) {
			usock_app_eof(us, now); /* what follows an end of file is more of it */
			bi = bn;
			break;
		}
		if (m->msg_hdr.msg_flags & MSG_TRUNC) {
			bad_record(us, "longer than the largest record", now);
			break;
		}
		if (!take_rec(us, m->msg_hdr.msg_iov->iov_base, m->msg_len, now))
			break;
	}
	/* read but not taken: kept for the next turn, unless nothing is taken any more */
	for (; bi < bn && !us->app_eof; bi++)
		if (u->in.m[bi].msg_len)
			urec_add(us, &us->pend, &us->pend_tail, u->in.iov[bi].iov_base,
				 u->in.m[bi].msg_len);
	usock_rewatch(us);
}

void usock_data_handler(struct loop *l, struct loop_ref *ref, uint32_t events, sct_time_t now)
{
	struct usock *us = ref->ptr;

	(void)l;
	if (events & EPOLLOUT)
		usock_rx(us, now);
	if (events & (EPOLLHUP | EPOLLERR)) {
		usock_close(us, now);
		return;
	}
	if (events & (EPOLLIN | EPOLLRDHUP))
		usock_tx(us, now);
}
