/* SPDX-License-Identifier: MIT */
/* usock.c: sctund's application sockets: a data socketpair bridged to SCTP associations. */
#include "config.h"

#include "daemon/usock.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include "common/log.h"
#include "ipc/ipc_ctl.h"
#include "ipc/ipc_err.h"

/*
 * Theory of operation
 *
 * An application socket is a struct usock plus an AF_UNIX SOCK_SEQPACKET
 * socketpair: the application holds one end (its "SCTP socket"), sctund
 * the other.  Every datagram on it is one record of ipc.h, one user message
 * (or a piece of one), so this file only moves whole records between the
 * data socket and the core:
 *
 *   app -> core (usock_tx): records are read only while the association's
 *   send buffer has room for the largest record; otherwise the data socket
 *   is not read, its queue fills, and the application's end stops being
 *   writable.  SCT_EV_WRITABLE resumes.  End of file on sctund's end (the
 *   application called shutdown(SHUT_WR) or closed every copy) comes after
 *   the last record, so SCTP's graceful SHUTDOWN (RFC 9260 9.2) starts only
 *   once everything written before it was queued: no control message could
 *   give that ordering, since control travels on another connection.
 *
 *   core -> app (usock_rx): messages are read from the core one record at a
 *   time and written with MSG_DONTWAIT; a record the socket cannot take is
 *   held (one at most) and EPOLLOUT resumes.  Until then nothing more is read
 *   from the core, which keeps the data and lowers a_rwnd (RFC 9260 6.2): a
 *   slow reader slows the peer and nothing is dropped.  When the peer's data
 *   has ended (SHUTDOWN received, or the association is gone) and everything
 *   was delivered, sctund shuts its end down for writing so read() returns 0.
 *
 * connect() readiness: the application queues a CONNECTING record with a
 * small SO_SNDBUF before asking to connect; it stays unread, and the
 * application's end unwritable, until the association is up (the record is
 * then read and dropped) or failed (dropped too, and sctund's end is shut
 * down, which the application sees as POLLHUP with SO_ERROR set).
 *
 * listen(): each association that comes up on a listening socket is queued
 * and announced by one ACCEPTABLE record, so the listening fd is readable
 * exactly when accept() will not block.  accept() makes a new usock with a
 * new socketpair for the oldest association; it stays on the listener's
 * endpoint, so the listener lives (closed, not listening) until its last
 * accepted association has ended.
 *
 * A socket is freed when the application has closed every copy of its end
 * (hang-up), no control connection refers to it, and its associations have
 * ended and been released.
 */

/* Diagnostics a client or a peer can provoke at will: rate-limited. */
#define ULOG(u, now, ...)                                                                          \
	do {                                                                                       \
		if (sct_ratelimit_ok(&(u)->rl, (now)))                                             \
			sct_log(SCT_LOG_INFO, __VA_ARGS__);                                        \
	} while (0)

static uint32_t ino_hash(ino_t ino)
{
	uint64_t v = (uint64_t)ino * 0x9e3779b97f4a7c15ull;

	return (uint32_t)(v >> 32);
}

static uint32_t assoc_hash(sct_assoc_id id)
{
	return id * 0x9e3779b1u;
}

int usrv_init(struct usrv *u, struct sct_stack *s, struct loop *l)
{
	int ret;

	memset(u, 0, offsetof(struct usrv, buf));
	u->stack = s;
	u->loop = l;
	u->rl = (struct sct_ratelimit)SCT_RATELIMIT_INIT(SCT_NSEC_PER_SEC, 10);
	ret = sct_hmap_init(&u->by_ino, 64);
	if (!ret)
		ret = sct_hmap_init(&u->by_assoc, 64);
	return ret;
}

static void usock_free(struct usock *us)
{
	struct usrv *u = us->srv;

	if (us->watch)
		loop_del(u->loop, &us->ref);
	if (us->fd >= 0)
		close(us->fd);
	sct_hmap_remove(&u->by_ino, &us->by_ino);
	if (us->in_assoc_map)
		sct_hmap_remove(&u->by_assoc, &us->by_assoc);
	if (us->prev)
		us->prev->next = us->next;
	else
		u->all = us->next;
	if (us->next)
		us->next->prev = us->prev;
	u->n--;
	free(us->acceptq);
	free(us->rx);
	free(us->tx);
	free(us);
}

void usrv_free(struct usrv *u)
{
	while (u->all) {
		struct usock *us = u->all;

		us->watch = 0;
		us->ref.fd = -1; /* the loop may be gone: closing the fd is enough */
		usock_free(us);
	}
	sct_hmap_free(&u->by_ino);
	sct_hmap_free(&u->by_assoc);
}

/* ------------------------------------------------------------------ addresses */

void usock_addr_from_ipc(struct sct_addr *a, const struct sct_ipc_addr *ia)
{
	memset(a, 0, sizeof(*a));
	if (ia->family == SCT_IPC_AF_INET) {
		sct_addr_v4(a, ia->addr);
	} else {
		struct sct_addr tmp;

		memset(&tmp, 0, sizeof(tmp));
		sct_addr_v6(&tmp, ia->addr);
		tmp.scope = ia->scope;
		sct_addr_unmap(a, &tmp); /* ::ffff:a.b.c.d is IPv4 to SCTP */
	}
}

void usock_addr_to_ipc(struct sct_ipc_addr *ia, const struct sct_addr *a, uint16_t port)
{
	memset(ia, 0, sizeof(*ia));
	ia->port = port;
	if (a->af == SCT_AF_INET4) {
		ia->family = SCT_IPC_AF_INET;
		memcpy(ia->addr, a->b, 4);
	} else {
		ia->family = SCT_IPC_AF_INET6;
		memcpy(ia->addr, a->b, 16);
		ia->scope = a->scope;
	}
}

/* ------------------------------------------------------------------ watching */

static void data_handler(struct loop *l, struct loop_ref *ref, uint32_t events, sct_time_t now);

/* Watch @events (0: only hang-ups and errors, which epoll always reports). */
static void watch(struct usock *us, uint32_t events)
{
	struct usrv *u = us->srv;
	int ret;

	if (us->hup && !(events & EPOLLOUT)) {
		/*
		 * A hung-up socket would report EPOLLHUP on every turn: take it
		 * out of the loop; what is left to read is read when the core
		 * has room again (usock_event() calls usock_tx() directly).
		 */
		if (us->watch)
			loop_del(u->loop, &us->ref);
		us->watch = 0;
		return;
	}
	events |= EPOLLRDHUP;
	if (us->watch == events)
		return;
	ret = us->watch ? loop_mod(u->loop, &us->ref, events) : loop_add(u->loop, &us->ref, events);
	if (ret)
		sct_log(SCT_LOG_WARN, "socket %u: epoll: %s", us->serial, strerror(-ret));
	else
		us->watch = events;
}

static uint32_t want_events(const struct usock *us)
{
	uint32_t ev = 0;

	if (us->rx_len)
		ev |= EPOLLOUT;
	if (us->state == USOCK_CONNECTED && !us->app_eof && !us->tx_ready)
		ev |= EPOLLIN;
	return ev;
}

/* ------------------------------------------------------------------ lifetime */

struct usock *usock_new(struct usrv *u, uint16_t family, uint16_t type, uid_t uid, int *app_fd)
{
	int sv[2], size = USOCK_DATA_SNDBUF, i;
	struct usock *us;
	struct stat st;

	if (u->n >= USOCK_MAX) {
		errno = EMFILE;
		return NULL;
	}
	us = calloc(1, sizeof(*us));
	if (!us)
		return NULL;
	if (socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_NONBLOCK | SOCK_CLOEXEC, 0, sv) < 0) {
		free(us);
		return NULL;
	}
	/* O_NONBLOCK is per open file: the application's end starts blocking */
	if (fcntl(sv[1], F_SETFL, O_RDWR) < 0 || fstat(sv[1], &st) < 0) {
		i = errno;
		close(sv[0]);
		close(sv[1]);
		free(us);
		errno = i;
		return NULL;
	}
	for (i = 0; i < 2; i++)
		setsockopt(sv[i], SOL_SOCKET, SO_SNDBUF, &size, sizeof(size));
	us->srv = u;
	us->serial = ++u->serial;
	us->uid = uid;
	us->family = family;
	us->type = type;
	us->fd = sv[0];
	us->ref = (struct loop_ref){.type = LOOP_REF_IPC_DATA, .fd = sv[0], .ptr = us};
	us->ino = st.st_ino;
	us->dev = st.st_dev;
	us->rcv_open = true;
	us->init_attempts = 0;
	sct_hmap_insert(&u->by_ino, &us->by_ino, ino_hash(us->ino));
	us->next = u->all;
	if (u->all)
		u->all->prev = us;
	u->all = us;
	u->n++;
	loop_set_handler(u->loop, LOOP_REF_IPC_DATA, data_handler);
	watch(us, 0);
	*app_fd = sv[1];
	return us;
}

struct usock *usock_by_fd(struct usrv *u, int fd)
{
	struct sct_hnode *n;
	struct stat st;

	if (fstat(fd, &st) < 0 || !S_ISSOCK(st.st_mode))
		return NULL;
	for (n = sct_hmap_first(&u->by_ino, ino_hash(st.st_ino)); n; n = sct_hmap_next(n)) {
		struct usock *us = sct_container_of(n, struct usock, by_ino);

		if (us->ino == st.st_ino && us->dev == st.st_dev)
			return us;
	}
	return NULL;
}

static struct usock *by_assoc(struct usrv *u, sct_assoc_id id)
{
	struct sct_hnode *n;

	for (n = sct_hmap_first(&u->by_assoc, assoc_hash(id)); n; n = sct_hmap_next(n)) {
		struct usock *us = sct_container_of(n, struct usock, by_assoc);

		if (us->assoc == id)
			return us;
	}
	return NULL;
}

static void set_assoc(struct usock *us, sct_assoc_id id)
{
	us->assoc = id;
	sct_hmap_insert(&us->srv->by_assoc, &us->by_assoc, assoc_hash(id));
	us->in_assoc_map = true;
}

static void maybe_free(struct usock *us, sct_time_t now)
{
	struct usock *parent = us->parent;

	if (!us->hup || us->ctl_refs || us->assoc || us->n_acceptq || us->children)
		return;
	if (us->ep && !parent)
		sct_ep_destroy(us->ep, false, now); /* no association left on it */
	sct_log(SCT_LOG_DEBUG, "socket %u freed", us->serial);
	usock_free(us);
	if (parent) {
		parent->children--;
		maybe_free(parent, now);
	}
}

void usock_put_ctl(struct usock *us, sct_time_t now)
{
	us->ctl_refs--;
	maybe_free(us, now);
}

/* The association of @us has ended and everything it held was delivered: let it go. */
static void release_assoc(struct usock *us, sct_time_t now)
{
	struct usrv *u = us->srv;

	sct_assoc_release(u->stack, us->assoc, now);
	if (us->in_assoc_map)
		sct_hmap_remove(&u->by_assoc, &us->by_assoc);
	us->in_assoc_map = false;
	us->assoc = 0;
}

/* ------------------------------------------------------------------ core -> app */

/* Drop the CONNECTING record at the head of the queue, if it is there. */
static void eat_connecting(struct usock *us)
{
	uint8_t hdr[SCT_IPC_REC_HDR_LEN];
	ssize_t n = recv(us->fd, hdr, sizeof(hdr), MSG_DONTWAIT | MSG_PEEK);

	if (n == (ssize_t)sizeof(hdr) && hdr[1] == SCT_IPC_REC_CONNECTING)
		(void)recv(us->fd, hdr, sizeof(hdr), MSG_DONTWAIT);
}

/* The application's end went away under a write: nothing it could read is kept. */
static void app_gone(struct usock *us)
{
	free(us->rx);
	us->rx = NULL;
	us->rx_len = 0;
	us->hup = true;
}

/* Send one record; false when the socket is full (EAGAIN) and @rec must be held. */
static bool send_rec(struct usock *us, const uint8_t *rec, size_t len)
{
	ssize_t n = send(us->fd, rec, len, MSG_DONTWAIT | MSG_NOSIGNAL);

	if (n >= 0)
		return true;
	if (errno == EAGAIN)
		return false;
	if (errno != EPIPE && errno != ECONNRESET)
		sct_log(SCT_LOG_DEBUG, "socket %u: send: %s", us->serial, strerror(errno));
	app_gone(us);
	return true;
}

static bool hold_rec(struct usock *us, const uint8_t *rec, size_t len)
{
	us->rx = malloc(len);
	if (!us->rx)
		return false;
	memcpy(us->rx, rec, len);
	us->rx_len = len;
	return true;
}

/* Move what the core holds for @us into the data socket (Theory of operation). */
static void usock_rx(struct usock *us, sct_time_t now)
{
	struct usrv *u = us->srv;

	if (us->rx_len) {
		if (!send_rec(us, us->rx, us->rx_len))
			goto out;
		free(us->rx);
		us->rx = NULL;
		us->rx_len = 0;
	}
	while (us->assoc && !us->hup) {
		struct sct_ipc_rec r;
		struct sct_rcvinfo ri;
		int n, h;

		n = sct_assoc_recv(u->stack, us->assoc, &ri, u->buf + SCT_IPC_REC_HDR_LEN,
				   SCT_IPC_MAX_PAYLOAD, now);
		if (n < 0)
			break;
		memset(&r, 0, sizeof(r));
		r.version = SCT_IPC_VERSION;
		r.type = SCT_IPC_REC_DATA;
		r.flags = (uint16_t)((ri.eor ? SCT_IPC_F_EOR : 0) |
				     (ri.unordered ? SCT_IPC_F_UNORDERED : 0));
		r.assoc_id = us->assoc;
		r.sid = ri.sid;
		r.ssn = ri.ssn;
		r.ppid = ri.ppid;
		r.tsn_or_context = ri.tsn;
		r.cumtsn_or_ttl = ri.cum_tsn;
		r.payload_len = (size_t)n;
		h = sct_ipc_rec_encode_hdr(&r, u->buf, SCT_IPC_REC_HDR_LEN);
		if (h != SCT_IPC_REC_HDR_LEN)
			break; /* cannot happen: the header has no address */
		u->st.rx_msgs += ri.eor;
		u->st.rx_bytes += (size_t)n;
		if (!send_rec(us, u->buf, SCT_IPC_REC_HDR_LEN + (size_t)n)) {
			if (!hold_rec(us, u->buf, SCT_IPC_REC_HDR_LEN + (size_t)n))
				sct_log(SCT_LOG_ERR, "socket %u: out of memory: message lost",
					us->serial);
			goto out;
		}
	}
	if (us->hup && us->assoc && us->state == USOCK_DONE) {
		/* nobody left to read it */
		release_assoc(us, now);
	} else if (us->state == USOCK_DONE && us->assoc) {
		release_assoc(us, now); /* everything was delivered */
	}
	if ((us->peer_eof || us->state == USOCK_DONE) && us->rcv_open && !us->hup) {
		shutdown(us->fd, SHUT_WR); /* the application's read() returns 0 */
		us->rcv_open = false;
	}
out:
	watch(us, want_events(us));
}

/* ------------------------------------------------------------------ app -> core */

static void bad_record(struct usock *us, const char *why, sct_time_t now)
{
	us->srv->st.bad_records++;
	ULOG(us->srv, now, "socket %u: record dropped: %s", us->serial, why);
}

/* Queue the gathered message (@us->tx); false when the core has no room yet. */
static bool tx_flush(struct usock *us, sct_time_t now)
{
	struct usrv *u = us->srv;
	int ret;

	ret = sct_assoc_send(u->stack, us->assoc, &us->tx_si, us->tx, us->tx_len, now);
	if (ret == -EAGAIN)
		return false;
	if (ret) {
		u->st.send_errors++;
		ULOG(u, now, "socket %u: message of %zu bytes not sent: %s",
			   us->serial, us->tx_len, strerror(-ret));
	} else {
		u->st.tx_msgs++;
		u->st.tx_bytes += us->tx_len;
	}
	us->tx_len = 0;
	us->tx_ready = false;
	return true;
}

static void app_eof(struct usock *us, sct_time_t now)
{
	us->app_eof = true;
	us->tx_len = 0; /* a message without its end is not sent */
	us->tx_ready = false;
	if (!us->assoc || us->state != USOCK_CONNECTED)
		return;
	if (us->linger_on && us->linger_s == 0 && us->hup)
		sct_assoc_abort(us->srv->stack, us->assoc, NULL, 0, now);
	else
		sct_assoc_shutdown(us->srv->stack, us->assoc, now);
}

/* Add a piece to the message being gathered.  Return: false when it is too long. */
static bool tx_append(struct usock *us, const struct sct_ipc_rec *r)
{
	size_t need = us->tx_len + r->payload_len;

	if (need > USOCK_MSG_MAX)
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
	memcpy(us->tx + us->tx_len, r->payload, r->payload_len);
	us->tx_len += r->payload_len;
	return true;
}

static void data_rec(struct usock *us, const struct sct_ipc_rec *r, sct_time_t now)
{
	struct usrv *u = us->srv;

	if (r->flags & SCT_IPC_F_ABORT) {
		sct_assoc_abort(u->stack, us->assoc, r->payload, r->payload_len, now);
		us->app_eof = true;
		return;
	}
	if (r->payload_len || us->tx_len) {
		if (!us->tx_len) {
			us->tx_si.sid = r->sid;
			us->tx_si.ppid = r->ppid;
			us->tx_si.flags = 0;
			if (r->flags & SCT_IPC_F_UNORDERED)
				us->tx_si.flags |= SCT_SEND_UNORDERED;
			if (r->flags & SCT_IPC_F_SACK_IMMEDIATELY)
				us->tx_si.flags |= SCT_SEND_SACK_IMMEDIATELY;
		}
		if (!tx_append(us, r)) {
			u->st.send_errors++;
			ULOG(u, now, "socket %u: message over %u bytes dropped",
				   us->serial, USOCK_MSG_MAX);
			us->tx_len = 0;
			return;
		}
		if (r->flags & SCT_IPC_F_EOR) {
			us->tx_ready = true;
			tx_flush(us, now);
		}
	}
	if ((r->flags & SCT_IPC_F_EOF) && !us->tx_ready)
		app_eof(us, now);
}

/* Read records while the association takes them (Theory of operation). */
static void usock_tx(struct usock *us, sct_time_t now)
{
	struct usrv *u = us->srv;
	int i;

	for (i = 0; i < LOOP_BATCH && us->state == USOCK_CONNECTED && !us->app_eof; i++) {
		struct sct_ipc_rec r;
		struct iovec iov = {u->buf, sizeof(u->buf)};
		struct msghdr mh = {.msg_iov = &iov, .msg_iovlen = 1};
		ssize_t n;
		int ret;

		if (us->tx_ready && !tx_flush(us, now))
			break;
		if (sct_assoc_send_room(u->stack, us->assoc) < SCT_IPC_MAX_PAYLOAD)
			break; /* SCT_EV_WRITABLE brings us back */
		n = recvmsg(us->fd, &mh, MSG_DONTWAIT);
		if (n < 0) {
			if (errno != EAGAIN && errno != EINTR)
				sct_log(SCT_LOG_DEBUG, "socket %u: recv: %s", us->serial,
					strerror(errno));
			break;
		}
		if (n == 0) {
			app_eof(us, now);
			break;
		}
		if (mh.msg_flags & MSG_TRUNC) {
			bad_record(us, "longer than the largest record", now);
			continue;
		}
		ret = sct_ipc_rec_decode(u->buf, (size_t)n, &r);
		if (ret) {
			bad_record(us, sct_ipc_strerror(ret), now);
			continue;
		}
		if (r.type == SCT_IPC_REC_CONNECTING)
			continue; /* a second connect()'s, after the first completed */
		if (r.type != SCT_IPC_REC_DATA) {
			bad_record(us, "not a record an application sends", now);
			continue;
		}
		data_rec(us, &r, now);
	}
	watch(us, want_events(us));
}

static void data_handler(struct loop *l, struct loop_ref *ref, uint32_t events, sct_time_t now)
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

/* ------------------------------------------------------------------ socket calls */

int usock_sockerr(struct usock *us)
{
	int e = us->so_error;

	us->so_error = 0;
	return e;
}

static int make_ep(struct usock *us, const struct sct_addr *addrs, size_t n, uint16_t port)
{
	struct sct_ep_cfg cfg = {
	    .port = port,
	    .addrs = n ? addrs : NULL,
	    .n_addrs = n,
	    .v6only = us->family == SCT_IPC_AF_INET6 && us->v6only,
	    .ctx = us,
	};
	size_t i;
	int ret;

	ret = sct_ep_create(us->srv->stack, &cfg, &us->ep);
	if (ret)
		return ret == -EAGAIN ? -EADDRINUSE : ret;
	for (i = 0; i < n; i++)
		us->bound[i] = addrs[i];
	us->n_bound = n;
	us->port = sct_ep_port(us->ep);
	return 0;
}

int usock_bind(struct usock *us, const struct sct_ipc_addr *addrs, size_t n, bool add)
{
	struct sct_addr a[USOCK_BIND_MAX];
	size_t i, k = 0;
	uint16_t port = 0;

	(void)add; /* before the endpoint exists, sctp_bindx() binds like bind() */
	if (us->ep || us->parent || us->state != USOCK_NEW)
		return add ? -EOPNOTSUPP : -EINVAL;
	if (n == 0 || n > USOCK_BIND_MAX)
		return -EINVAL;
	for (i = 0; i < n; i++) {
		if (i && addrs[i].port && port && addrs[i].port != port)
			return -EINVAL;
		if (addrs[i].port)
			port = addrs[i].port;
		usock_addr_from_ipc(&a[k], &addrs[i]);
		if (us->family == SCT_IPC_AF_INET && a[k].af != SCT_AF_INET4)
			return -EINVAL;
		if (sct_addr_is_any(&a[k])) {
			if (n > 1)
				return -EINVAL;
			continue; /* the wildcard: every address of the stack */
		}
		k++;
	}
	if (port && port < 1024 && us->uid != 0)
		return -EACCES; /* as the kernel's ip_unprivileged_port_start */
	return make_ep(us, a, k, port);
}

int usock_listen(struct usock *us, uint32_t backlog)
{
	int ret;

	if (us->state != USOCK_NEW && us->state != USOCK_LISTENING)
		return -EINVAL;
	if (us->parent)
		return -EINVAL;
	if (!us->ep) {
		ret = make_ep(us, NULL, 0, 0);
		if (ret)
			return ret;
	}
	if (backlog == 0)
		backlog = 1;
	us->backlog = backlog > USOCK_BACKLOG_MAX ? USOCK_BACKLOG_MAX : backlog;
	us->state = USOCK_LISTENING;
	sct_ep_listen(us->ep, true);
	return 0;
}

int usock_connect(struct usock *us, const struct sct_ipc_addr *addrs, size_t n, uint16_t port,
		  sct_time_t now, sct_assoc_id *id)
{
	struct sct_addr a[SCT_IPC_MAX_ADDRS];
	struct sct_connect_params p = {0};
	size_t i;
	int ret;

	switch (us->state) {
	case USOCK_CONNECTING:
		return -EALREADY; /* the new CONNECTING record is dropped when it is read */
	case USOCK_CONNECTED:
	case USOCK_DONE:
		ret = -EISCONN;
		goto fail;
	case USOCK_LISTENING:
		ret = -EINVAL;
		goto fail;
	default:
		break;
	}
	if (n == 0 || n > SCT_IPC_MAX_ADDRS) {
		ret = -EINVAL;
		goto fail;
	}
	for (i = 0; i < n; i++) {
		usock_addr_from_ipc(&a[i], &addrs[i]);
		if (us->family == SCT_IPC_AF_INET && a[i].af != SCT_AF_INET4) {
			ret = -EAFNOSUPPORT;
			goto fail;
		}
		if (us->family == SCT_IPC_AF_INET6 && us->v6only && a[i].af == SCT_AF_INET4) {
			ret = -ENETUNREACH;
			goto fail;
		}
		if (addrs[i].port)
			port = addrs[i].port;
	}
	if (port == 0) {
		ret = -EINVAL;
		goto fail;
	}
	if (!us->ep) {
		ret = make_ep(us, NULL, 0, 0);
		if (ret)
			goto fail;
	}
	p.port = port;
	p.addrs = a;
	p.n_addrs = n;
	p.os = us->init_os;
	p.mis = us->init_mis;
	p.max_attempts = us->init_attempts;
	p.max_init_timeo_ms = us->init_timeo;
	ret = sct_ep_connect(us->ep, &p, now, id);
	if (ret)
		goto fail;
	us->state = USOCK_CONNECTING;
	set_assoc(us, *id);
	return -EINPROGRESS;
fail:
	eat_connecting(us);
	return ret;
}

/* The association is up: the socket becomes writable and readable. */
static void connected(struct usock *us, sct_time_t now)
{
	struct usrv *u = us->srv;

	us->state = USOCK_CONNECTED;
	if (us->nodelay)
		sct_assoc_set_nodelay(u->stack, us->assoc, true);
	eat_connecting(us);
	usock_rx(us, now);
	usock_tx(us, now);
}

struct usock *usock_accept(struct usock *us, struct sct_ipc_addr *peer, int *app_fd,
			   sct_time_t now)
{
	struct sct_assoc_status st;
	struct usock *nu;
	sct_assoc_id id;
	int ret;

	if (us->state != USOCK_LISTENING) {
		errno = EINVAL;
		return NULL;
	}
	if (us->n_acceptq == 0) {
		errno = EAGAIN;
		return NULL;
	}
	id = us->acceptq[0];
	ret = sct_assoc_status(us->srv->stack, id, &st);
	if (ret || st.state == SCT_CLOSED) {
		errno = ECONNABORTED;
		return NULL; /* its end event takes it off the queue */
	}
	nu = usock_new(us->srv, us->family, us->type, us->uid, app_fd);
	if (!nu)
		return NULL;
	memmove(us->acceptq, us->acceptq + 1, (us->n_acceptq - 1) * sizeof(*us->acceptq));
	us->n_acceptq--;
	nu->parent = us;
	us->children++;
	nu->nodelay = us->nodelay;
	nu->linger_on = us->linger_on;
	nu->linger_s = us->linger_s;
	memcpy(nu->events, us->events, sizeof(nu->events));
	nu->n_events = us->n_events;
	nu->port = us->port;
	set_assoc(nu, id);
	usock_addr_to_ipc(peer, &st.primary, st.peer_port);
	connected(nu, now);
	return nu;
}

int usock_name(struct usock *us, bool peer, struct sct_ipc_addr *out)
{
	struct sct_assoc_status st;
	const struct usock *owner = us->parent ? us->parent : us;
	struct sct_addr any;

	if (peer) {
		if (!us->assoc || us->state == USOCK_CONNECTING ||
		    sct_assoc_status(us->srv->stack, us->assoc, &st) || st.state == SCT_CLOSED)
			return -ENOTCONN;
		usock_addr_to_ipc(out, &st.primary, st.peer_port);
		return 0;
	}
	if (owner->n_bound) {
		usock_addr_to_ipc(out, &owner->bound[0], owner->port);
		return 0;
	}
	memset(&any, 0, sizeof(any));
	any.af = us->family == SCT_IPC_AF_INET ? SCT_AF_INET4 : SCT_AF_INET6;
	usock_addr_to_ipc(out, &any, owner->port);
	return 0;
}

void usock_close(struct usock *us, sct_time_t now)
{
	struct usrv *u = us->srv;
	size_t i;

	if (us->hup) {
		maybe_free(us, now);
		return;
	}
	us->hup = true;
	switch (us->state) {
	case USOCK_LISTENING:
		sct_ep_listen(us->ep, false);
		/* unaccepted associations are aborted; their end events free them */
		for (i = 0; i < us->n_acceptq; i++)
			sct_assoc_abort(u->stack, us->acceptq[i], NULL, 0, now);
		us->state = USOCK_DONE;
		break;
	case USOCK_CONNECTING:
		sct_assoc_abort(u->stack, us->assoc, NULL, 0, now);
		break;
	case USOCK_CONNECTED:
		/* what was written before close() goes first, then SHUTDOWN (or ABORT) */
		if (!us->app_eof)
			usock_tx(us, now);
		if (!us->app_eof && us->linger_on && us->linger_s == 0)
			app_eof(us, now);
		break;
	default:
		break;
	}
	free(us->rx);
	us->rx = NULL;
	us->rx_len = 0;
	watch(us, 0);
	maybe_free(us, now);
}

/* ------------------------------------------------------------------ events */

/* A new association on a listening socket: queue it for accept(). */
static void incoming(struct usock *ls, sct_assoc_id id, sct_time_t now)
{
	struct usrv *u = ls->srv;
	struct sct_ipc_rec r = {.version = SCT_IPC_VERSION, .type = SCT_IPC_REC_ACCEPTABLE};
	uint8_t rec[SCT_IPC_REC_HDR_LEN];

	if (ls->state != USOCK_LISTENING || ls->hup || ls->n_acceptq >= ls->backlog) {
		ULOG(u, now, "socket %u: association %u refused: %s", ls->serial, id,
			   ls->state != USOCK_LISTENING ? "not listening" : "backlog full");
		sct_assoc_abort(u->stack, id, NULL, 0, now);
		return;
	}
	if (!ls->acceptq) {
		ls->acceptq = calloc(ls->backlog, sizeof(*ls->acceptq));
		if (!ls->acceptq) {
			sct_assoc_abort(u->stack, id, NULL, 0, now);
			return;
		}
	}
	r.assoc_id = id;
	if (sct_ipc_rec_encode(&r, rec, sizeof(rec)) < 0 ||
	    send(ls->fd, rec, sizeof(rec), MSG_DONTWAIT | MSG_NOSIGNAL) < 0) {
		ULOG(u, now, "socket %u: association %u refused: %s", ls->serial, id,
			   strerror(errno));
		sct_assoc_abort(u->stack, id, NULL, 0, now);
		return;
	}
	ls->acceptq[ls->n_acceptq++] = id;
}

/* An association waiting in @ls's accept queue ended: forget it. */
static bool unqueue(struct usock *ls, sct_assoc_id id, sct_time_t now)
{
	size_t i;

	for (i = 0; i < ls->n_acceptq; i++)
		if (ls->acceptq[i] == id) {
			memmove(ls->acceptq + i, ls->acceptq + i + 1,
				(ls->n_acceptq - i - 1) * sizeof(*ls->acceptq));
			ls->n_acceptq--;
			sct_assoc_release(ls->srv->stack, id, now);
			maybe_free(ls, now);
			return true;
		}
	return false;
}

static void assoc_change(struct usock *us, const struct sct_event *ev, sct_time_t now)
{
	switch (ev->u.assoc_change.state) {
	case SCT_COMM_UP:
		if (us->state == USOCK_CONNECTING)
			connected(us, now);
		break;
	case SCT_RESTART:
		break;
	default: /* COMM_LOST, SHUTDOWN_COMP, CANT_STR_ASSOC: it has ended */
		if (us->state == USOCK_CONNECTING) {
			us->so_error = ev->u.assoc_change.err ? ev->u.assoc_change.err : ECONNREFUSED;
			eat_connecting(us);
			shutdown(us->fd, SHUT_RDWR);
			us->rcv_open = false;
		} else if (ev->u.assoc_change.state == SCT_COMM_LOST) {
			us->so_error = ev->u.assoc_change.err ? ev->u.assoc_change.err : ECONNRESET;
		}
		us->state = USOCK_DONE;
		usock_rx(us, now); /* deliver what is left, then end of file */
		maybe_free(us, now);
		break;
	}
}

bool usock_event(struct usrv *u, const struct sct_event *ev, sct_time_t now)
{
	struct usock *us = ev->assoc ? by_assoc(u, ev->assoc) : NULL;

	if (!us) {
		/* An association of a listener, not accepted yet. */
		struct usock *ls = ev->ep ? sct_ep_ctx(ev->ep) : NULL;

		if (!ls || ls->srv != u)
			return false;
		if (ev->type == SCT_EV_ASSOC_CHANGE) {
			if (ev->u.assoc_change.state == SCT_COMM_UP)
				incoming(ls, ev->assoc, now);
			else if (ev->u.assoc_change.state != SCT_RESTART && !unqueue(ls, ev->assoc, now))
				sct_assoc_release(u->stack, ev->assoc, now);
		}
		return true; /* data waits in the core until accept() */
	}
	switch (ev->type) {
	case SCT_EV_ASSOC_CHANGE:
		assoc_change(us, ev, now);
		break;
	case SCT_EV_SHUTDOWN:
		us->peer_eof = true;
		usock_rx(us, now);
		break;
	case SCT_EV_DATA:
		usock_rx(us, now);
		break;
	case SCT_EV_WRITABLE:
		usock_tx(us, now);
		break;
	default:
		break; /* notifications: delivered once a socket subscribes (SCTP_EVENTS) */
	}
	return true;
}
