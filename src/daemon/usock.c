/* SPDX-License-Identifier: MIT */
/* usock.c: sctund's application sockets: lifetime, socket calls, the core's events. */
#include "config.h"

#include "daemon/usock.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include "daemon/usock_impl.h"
#include "ipc/ipc_ctl.h"
#include "daemon/seccomp.h"

/*
 * seccomp.c's allow-list, once the loop runs: usock.c and usock_io.c: each socket's socketpair
 * and its data.
 */
SECCOMP_CALLS(usock, SC_ARG(socketpair, 0, AF_UNIX), SC(fcntl), SC(fstat), SC(newfstatat),
	      SC(setsockopt), SC(shutdown), SC(sendto), SC(sendmmsg), SC(recvfrom), SC(recvmsg),
	      SC(recvmmsg), SC(read), SC(close));

/*
 * Theory of operation
 *
 * An application socket is a struct usock plus an AF_UNIX SOCK_SEQPACKET
 * socketpair: the application holds one end (its "SCTP socket"), sctund
 * the other.  Every datagram on it is one record of ipc.h: one user message
 * (or a piece of one) or one notification, so message boundaries survive
 * the local hop.  usock_io.c moves the records; this file keeps the sockets,
 * their associations (struct uassoc, found by id through usrv.by_assoc),
 * answers the socket calls the control connections relay, and turns the
 * core's events into what the application sees.
 *
 * One-to-one sockets (SOCK_STREAM) have at most one association:
 *
 *   connect(): the application queues a CONNECTING record with a small
 *   SO_SNDBUF before asking; it stays unread, and the application's end
 *   unwritable, until the association is up (the record is then read and
 *   dropped) or failed (dropped too, and sctund's end shut down, which the
 *   application sees as POLLHUP with SO_ERROR set).
 *
 *   listen(): each association that comes up is queued and announced by one
 *   ACCEPTABLE record, so the listening fd is readable exactly when accept()
 *   will not block.  accept() makes a new usock with a new socketpair for the
 *   oldest one; it stays on the listener's endpoint, so a closed listener
 *   lives on (not listening) until its last accepted association has ended.
 *
 * One-to-many sockets (SOCK_SEQPACKET) take every association that comes up
 * on their endpoint and set one up when the application sends to a new
 * address (RFC 6458 3.1.3); their records carry the association id and the
 * peer's address.  sctp_peeloff() moves one association to a new one-to-one
 * socket.
 *
 * A socket is freed when the application has closed every copy of its end
 * (hang-up), no control connection refers to it, and its associations have
 * ended and been released.
 */

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
	u->out.space = malloc(USRV_OUT_SPACE);
	u->in.space = malloc((size_t)USRV_IN_N * SCT_IPC_REC_MAX);
	if (!u->out.space || !u->in.space) {
		free(u->out.space);
		free(u->in.space);
		return -ENOMEM;
	}
	ret = sct_hmap_init(&u->by_ino, 64);
	if (!ret)
		ret = sct_hmap_init(&u->by_assoc, 64);
	if (!ret)
		ret = uquota_init(&u->quota);
	return ret;
}

static void usock_free(struct usock *us)
{
	struct usrv *u = us->srv;

	while (us->assocs) {
		struct uassoc *ua = us->assocs;

		us->assocs = ua->next;
		sct_hmap_remove(&u->by_assoc, &ua->node);
		free(ua);
	}
	if (us->in_loop)
		loop_del(u->loop, &us->ref); /* its events left in the batch go too */
	if (us->fd >= 0)
		close(us->fd);
	sct_hmap_remove(&u->by_ino, &us->by_ino);
	if (us->prev)
		us->prev->next = us->next;
	else
		u->all = us->next;
	if (us->next)
		us->next->prev = us->prev;
	u->n--;
	uquota_put(&u->quota, us->uid, UQUOTA_SOCK);
	usock_held_free(us);
	usock_pend_free(us);
	free(us->acceptq);
	free(us->tx);
	free(us->tx_all);
	free(us);
}

void usrv_free(struct usrv *u)
{
	struct usock *us, *next;

	/* walked with a saved next: each usock_free() unlinks the head */
	for (us = u->all; us; us = next) {
		next = us->next;
		us->in_loop = false; /* the loop may be gone: closing the fd is enough */
		usock_free(us);
	}
	sct_hmap_free(&u->by_ino);
	sct_hmap_free(&u->by_assoc);
	free(u->out.space);
	free(u->in.space);
	u->out.space = u->in.space = NULL;
	uquota_free(&u->quota);
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

/* ------------------------------------------------------------------ lifetime */

/* An error of a call that made descriptors, as the program's socket() or accept() says it. */
static int fd_errno(int err)
{
	return err == EMFILE || err == ENFILE ? ENFILE : err;
}

struct usock *usock_new(struct usrv *u, uint16_t family, uint16_t type, uid_t uid, int *app_fd)
{
	int sv[2], size = USOCK_DATA_SNDBUF, i;
	struct usock *us;
	struct stat st;

	if (u->n >= USOCK_MAX) {
		errno = ENFILE;
		return NULL;
	}
	i = uquota_take(&u->quota, uid, UQUOTA_SOCK);
	if (i) {
		errno = -i;
		return NULL;
	}
	us = calloc(1, sizeof(*us));
	if (!us) {
		i = ENOMEM;
		goto fail;
	}
	if (socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_NONBLOCK | SOCK_CLOEXEC, 0, sv) < 0) {
		i = fd_errno(errno);
		free(us);
		goto fail;
	}
	/* O_NONBLOCK is per open file: the application's end starts blocking */
	if (fcntl(sv[1], F_SETFL, O_RDWR) < 0 || fstat(sv[1], &st) < 0) {
		i = errno;
		close(sv[0]);
		close(sv[1]);
		free(us);
		goto fail;
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
	us->held_tail = &us->held;
	us->pend_tail = &us->pend;
	sct_hmap_insert(&u->by_ino, &us->by_ino, ino_hash(us->ino));
	us->next = u->all;
	if (u->all)
		u->all->prev = us;
	u->all = us;
	u->n++;
	loop_set_handler(u->loop, LOOP_REF_IPC_DATA, usock_data_handler);
	usock_rewatch(us);
	*app_fd = sv[1];
	return us;
fail:
	uquota_put(&u->quota, uid, UQUOTA_SOCK);
	errno = i;
	return NULL;
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

struct uassoc *uassoc_find(struct usrv *u, sct_assoc_id id)
{
	struct sct_hnode *n;

	for (n = sct_hmap_first(&u->by_assoc, assoc_hash(id)); n; n = sct_hmap_next(n)) {
		struct uassoc *ua = sct_container_of(n, struct uassoc, node);

		if (ua->id == id)
			return ua;
	}
	return NULL;
}

/* Where received records say they come from: the primary path (RFC 6458 5.3.5). */
static void uassoc_peer(struct uassoc *ua)
{
	struct sct_assoc_status st;

	if (sct_assoc_status(ua->us->srv->stack, ua->id, &st) == 0)
		usock_addr_to_ipc(&ua->peer, &st.primary, st.peer_port);
}

static void uassoc_link(struct usock *us, struct uassoc *ua)
{
	ua->us = us;
	ua->next = us->assocs;
	us->assocs = ua;
	us->n_assocs++;
	if (!usock_one_to_many(us))
		us->assoc = ua->id;
}

static void uassoc_unlink(struct uassoc *ua)
{
	struct usock *us = ua->us;
	struct uassoc **pp;

	for (pp = &us->assocs; *pp; pp = &(*pp)->next)
		if (*pp == ua) {
			*pp = ua->next;
			break;
		}
	us->n_assocs--;
	if (us->assoc == ua->id)
		us->assoc = 0;
}

struct uassoc *uassoc_add(struct usock *us, sct_assoc_id id)
{
	struct uassoc *ua = calloc(1, sizeof(*ua));

	if (!ua)
		return NULL;
	ua->id = id;
	ua->context = us->tune.context; /* RFC 6458 8.1.25: the socket's default */
	ua->snd = us->tune.snd;		/* RFC 6458 8.1.31: likewise */
	sct_hmap_insert(&us->srv->by_assoc, &ua->node, assoc_hash(id));
	uassoc_link(us, ua);
	uassoc_peer(ua);
	return ua;
}

void uassoc_del(struct uassoc *ua, sct_time_t now)
{
	struct usrv *u = ua->us->srv;

	sct_assoc_release(u->stack, ua->id, now);
	sct_hmap_remove(&u->by_assoc, &ua->node);
	uassoc_unlink(ua);
	free(ua);
}

void usock_maybe_free(struct usock *us, sct_time_t now)
{
	struct usock *parent = us->parent;

	/* close_pending: its data socket is watched until usock_close() has run */
	if (!us->hup || us->close_pending || us->ctl_refs || us->assocs || us->n_acceptq ||
	    us->children)
		return;
	if (us->ep && !parent)
		sct_ep_destroy(us->ep, false, now); /* no association left on it */
	sct_log(SCT_LOG_DEBUG, "socket %u freed", us->serial);
	usock_free(us);
	if (parent) {
		parent->children--;
		usock_maybe_free(parent, now);
	}
}

void usock_put_ctl(struct usock *us, sct_time_t now)
{
	us->ctl_refs--;
	usock_maybe_free(us, now);
}

sct_assoc_id usock_assoc_for(struct usock *us, sct_assoc_id id)
{
	struct uassoc *ua;

	if (id == 0)
		return usock_one_to_many(us) ? 0 : us->assoc;
	ua = uassoc_find(us->srv, id);
	return ua && ua->us == us && !ua->ended ? id : 0;
}

/* ------------------------------------------------------------------ socket calls */

int usock_sockerr(struct usock *us)
{
	int e = us->so_error;

	us->so_error = 0;
	return e;
}

/*
 * A program closed its listening socket and binds a new one to the same port
 * while associations it accepted from the first still live (iperf3 -s does,
 * to set options on a fresh listener).  On Linux the port is free once the
 * listener is closed: with SO_REUSEADDR the established connections do not
 * hold it.  Here they hold the closed listener's endpoint; the new socket of
 * the same user, family, addresses and port takes that endpoint over, with
 * the accepted sockets as its children, so the endpoint lives on until the
 * last of them is gone.  Return: 0; -EADDRINUSE when there is no such listener.
 */
static int take_over(struct usock *us, const struct sct_addr *addrs, size_t n, uint16_t port)
{
	struct usrv *u = us->srv;
	struct usock *old, *c;
	size_t i;

	if (!port || !us->reuseaddr || usock_one_to_many(us))
		return -EADDRINUSE;
	for (old = u->all; old; old = old->next) {
		if (old == us || !old->ep || old->parent || !old->hup || old->state != USOCK_DONE ||
		    usock_one_to_many(old) || old->port != port || old->n_acceptq ||
		    old->uid != us->uid || old->family != us->family || old->v6only != us->v6only ||
		    old->n_bound != n)
			continue;
		for (i = 0; i < n && sct_addr_eq(&old->bound[i], &addrs[i]); i++)
			;
		if (i == n)
			break;
	}
	if (!old)
		return -EADDRINUSE;
	us->ep = old->ep;
	old->ep = NULL;
	sct_ep_set_ctx(us->ep, us);
	sct_ep_listen(us->ep, false);
	for (c = u->all; c; c = c->next) {
		if (c->parent == old) {
			c->parent = us;
			us->children++;
		}
	}
	old->children = 0;
	sct_log(SCT_LOG_DEBUG, "socket %u takes port %u over from closed listener %u", us->serial,
		port, old->serial);
	/* no endpoint, no parent, no children: freeing it needs no time */
	usock_maybe_free(old, 0);
	return 0;
}

static int make_ep(struct usock *us, const struct sct_addr *addrs, size_t n, uint16_t port)
{
	struct sct_ep_cfg cfg = {
	    .port = port,
	    .addrs = n ? addrs : NULL,
	    .n_addrs = n,
	    .v6only = us->family == SCT_IPC_AF_INET6 && us->v6only,
	    .v4only = us->family == SCT_IPC_AF_INET,
	    .ctx = us,
	    .params = us->tune.set ? &us->tune.par : NULL, /* RFC 6458 8 set before bind */
	};
	size_t i;
	int ret;

	ret = sct_ep_create(us->srv->stack, &cfg, &us->ep);
	if (ret == -EADDRINUSE && !take_over(us, addrs, n, port))
		ret = 0;
	if (ret)
		return ret == -EAGAIN ? -EADDRINUSE : ret; /* EAGAIN: no ephemeral port left */
	for (i = 0; i < n; i++)
		us->bound[i] = addrs[i];
	us->n_bound = n;
	us->port = sct_ep_port(us->ep);
	if (usock_one_to_many(us))
		sct_ep_listen(us->ep, us->state == USOCK_LISTENING);
	return 0;
}

/*
 * The addresses of a bind() or sctp_bindx() as the core's, into @a: one to
 * USOCK_BIND_MAX, one port among them (0 where none is given: *@port), IPv4
 * only on an AF_INET socket.  Return: 0; -EINVAL.
 */
static int bind_addrs(const struct usock *us, const struct sct_ipc_addr *addrs, size_t n,
		      struct sct_addr *a, uint16_t *port)
{
	size_t i;

	if (n == 0 || n > USOCK_BIND_MAX)
		return -EINVAL;
	*port = 0;
	for (i = 0; i < n; i++) {
		if (addrs[i].port && *port && addrs[i].port != *port)
			return -EINVAL;
		if (addrs[i].port)
			*port = addrs[i].port;
		usock_addr_from_ipc(&a[i], &addrs[i]);
		if (us->family == SCT_IPC_AF_INET && a[i].af != SCT_AF_INET4)
			return -EINVAL;
	}
	return 0;
}

/*
 * sctp_bindx(SCTP_BINDX_ADD_ADDR) on a bound socket that has no association
 * yet (RFC 6458 9.1: sctp_test -B, iperf3 -X on its client bind() first):
 * the endpoint is made again on the union of the addresses, same port.
 * Once associations exist, adding an address is ASCONF's (RFC 5061), which
 * sctun does not do.
 */
static int bind_add(struct usock *us, const struct sct_addr *a, size_t n, uint16_t port,
		    sct_time_t now)
{
	struct sct_addr all[USOCK_BIND_MAX], old[USOCK_BIND_MAX];
	const size_t n_old = us->n_bound;
	size_t i, j, k = n_old;
	uint16_t old_port = us->port;
	int ret;

	if (us->assocs || us->n_acceptq || us->children || us->state != USOCK_NEW)
		return -EOPNOTSUPP;
	if (!us->n_bound || !n || (port && port != us->port))
		return -EINVAL; /* a wildcard holds every address already; one port per socket */
	memcpy(all, us->bound, k * sizeof(all[0]));
	memcpy(old, us->bound, k * sizeof(old[0]));
	for (i = 0; i < n; i++) {
		for (j = 0; j < k; j++)
			if (sct_addr_eq(&all[j], &a[i]))
				return -EINVAL; /* bound already (Linux: EINVAL too) */
		if (k == USOCK_BIND_MAX)
			return -ENOBUFS;
		all[k++] = a[i];
	}
	sct_ep_destroy(us->ep, false, now); /* no association on it */
	us->ep = NULL;
	ret = make_ep(us, all, k, old_port);
	if (ret && make_ep(us, old, n_old, old_port))
		sct_log(SCT_LOG_WARN, "socket %u: sctp_bindx: lost its binding", us->serial);
	return ret;
}

int usock_bindx_add(struct usock *us, const struct sct_ipc_addr *addrs, size_t n, sct_time_t now)
{
	struct sct_addr a[USOCK_BIND_MAX];
	uint16_t port = 0;
	size_t i;

	if (!us->ep || us->parent)
		return usock_bind(us, addrs, n, true); /* not bound yet: binds like bind() */
	if (bind_addrs(us, addrs, n, a, &port))
		return -EINVAL;
	for (i = 0; i < n; i++)
		if (sct_addr_is_any(&a[i]))
			return -EINVAL;
	return bind_add(us, a, n, port, now);
}

int usock_bind(struct usock *us, const struct sct_ipc_addr *addrs, size_t n, bool add)
{
	struct sct_addr a[USOCK_BIND_MAX];
	size_t k;
	uint16_t port = 0;

	/* before the endpoint exists, sctp_bindx() binds like bind() */
	if (us->ep || us->parent || (us->state != USOCK_NEW && us->state != USOCK_LISTENING))
		return add ? -EOPNOTSUPP : -EINVAL;
	if (bind_addrs(us, addrs, n, a, &port))
		return -EINVAL;
	if (n == 1 && sct_addr_is_any(&a[0]))
		k = 0; /* the wildcard: every address of the stack */
	else
		for (k = 0; k < n; k++)
			if (sct_addr_is_any(&a[k]))
				return -EINVAL; /* only alone */
	if (port && port < 1024 && us->uid != 0)
		return -EACCES; /* as the kernel's ip_unprivileged_port_start */
	return make_ep(us, a, k, port);
}

int usock_listen(struct usock *us, uint32_t backlog)
{
	int ret;

	if (us->parent || (us->state != USOCK_NEW && us->state != USOCK_LISTENING))
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

/* Start an association from @us's endpoint (made, unbound, if needed). */
static int start_assoc(struct usock *us, const struct sct_addr *a, size_t n, uint16_t port,
		       sct_time_t now, sct_assoc_id *id)
{
	struct sct_connect_params p = {0};
	int ret;

	if (!us->ep) {
		ret = make_ep(us, NULL, 0, 0);
		if (ret)
			return ret;
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
		return ret;
	if (!uassoc_add(us, *id)) {
		sct_assoc_abort(us->srv->stack, *id, NULL, 0, now);
		return -ENOMEM;
	}
	if (us->nodelay)
		sct_assoc_set_nodelay(us->srv->stack, *id, true);
	return 0;
}

int usock_implicit_connect(struct usock *us, const struct sct_addr *a, uint16_t port,
			   sct_time_t now, sct_assoc_id *id)
{
	if (us->family == SCT_IPC_AF_INET && a->af != SCT_AF_INET4)
		return -EAFNOSUPPORT;
	if (port == 0)
		return -EINVAL;
	return start_assoc(us, a, 1, port, now, id);
}

int usock_connect(struct usock *us, const struct sct_ipc_addr *addrs, size_t n, uint16_t port,
		  sct_time_t now, sct_assoc_id *id)
{
	struct sct_addr a[SCT_IPC_MAX_ADDRS];
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
		if (!usock_one_to_many(us)) {
			ret = -EINVAL;
			goto fail;
		}
		break;
	default:
		break;
	}
	ret = -EINVAL;
	if (n == 0 || n > SCT_IPC_MAX_ADDRS || us->parent)
		goto fail;
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
	if (port == 0)
		goto fail;
	ret = start_assoc(us, a, n, port, now, id);
	if (ret)
		goto fail;
	if (usock_one_to_many(us))
		return 0; /* RFC 6458 3.1.5: the association comes up on its own */
	us->state = USOCK_CONNECTING;
	return -EINPROGRESS;
fail:
	if (!usock_one_to_many(us))
		usock_eat_connecting(us);
	return ret;
}

/* The association of a one-to-one socket is up: it becomes writable and readable. */
static void connected(struct usock *us, sct_time_t now)
{
	us->state = USOCK_CONNECTED;
	if (us->nodelay)
		sct_assoc_set_nodelay(us->srv->stack, us->assoc, true);
	usock_eat_connecting(us);
	usock_rx(us, now);
	usock_tx(us, now);
}

/* One ACCEPTABLE record for association @id on listener @ls.  Return: 0; -1 (errno). */
static int announce(struct usock *ls, sct_assoc_id id)
{
	return usock_send_bare(ls, SCT_IPC_REC_ACCEPTABLE, id);
}

/* A new one-to-one socket on @from's endpoint, taking its options. */
static struct usock *child(struct usock *from, int *app_fd)
{
	struct usock *nu =
	    usock_new(from->srv, from->family, SCT_IPC_SOCK_STREAM, from->uid, app_fd);

	if (!nu)
		return NULL;
	nu->parent = from;
	from->children++;
	nu->nodelay = from->nodelay;
	nu->linger_on = from->linger_on;
	nu->linger_s = from->linger_s;
	memcpy(nu->events, from->events, sizeof(nu->events));
	nu->n_events = from->n_events;
	nu->tune = from->tune;
	nu->port = from->port;
	return nu;
}

struct usock *usock_accept(struct usock *us, struct sct_ipc_addr *peer, int *app_fd, sct_time_t now)
{
	struct sct_assoc_status st;
	struct uaccept e;
	struct usock *nu;
	struct uassoc *ua;
	sct_assoc_id id;

	if (usock_one_to_many(us)) {
		errno = EOPNOTSUPP;
		return NULL;
	}
	if (us->state != USOCK_LISTENING) {
		errno = EINVAL;
		return NULL;
	}
	if (us->n_acceptq == 0) {
		errno = EAGAIN;
		return NULL;
	}
	e = us->acceptq[0];
	id = e.id;
	if (sct_assoc_status(us->srv->stack, id, &st)) {
		memmove(us->acceptq, us->acceptq + 1, (us->n_acceptq - 1) * sizeof(*us->acceptq));
		us->n_acceptq--;
		errno = ECONNABORTED;
		return NULL;
	}
	nu = child(us, app_fd);
	ua = nu ? uassoc_add(nu, id) : NULL;
	if (!ua) {
		int err = nu ? ENOMEM : errno;

		if (nu) {
			close(*app_fd);
			nu->hup = true;
			usock_maybe_free(nu, now);
		}
		/*
		 * As Linux's accept() out of descriptors (EMFILE, ENFILE): the association
		 * stays first in the queue.  The shim took its ACCEPTABLE record to ask;
		 * announce it again, so the listener stays readable while it waits.
		 */
		if (announce(us, id))
			ULOG(us->srv, now, "socket %u: association %u not announced again: %s",
			     us->serial, id, strerror(errno));
		errno = err;
		return NULL;
	}
	memmove(us->acceptq, us->acceptq + 1, (us->n_acceptq - 1) * sizeof(*us->acceptq));
	us->n_acceptq--;
	*peer = ua->peer;
	if (e.ended) {
		/* it ended before accept(), as Linux still returns it: data, then EOF */
		ua->ended = true;
		nu->state = USOCK_DONE;
		nu->so_error = e.err;
		usock_rx(nu, now);
		return nu;
	}
	connected(nu, now);
	return nu;
}

struct usock *usock_peeloff(struct usock *us, sct_assoc_id id, int *app_fd, sct_time_t now)
{
	struct uassoc *ua = uassoc_find(us->srv, id);
	struct usock *nu;

	if (!usock_one_to_many(us) || !ua || ua->us != us || ua->ended) {
		errno = EINVAL;
		return NULL;
	}
	nu = child(us, app_fd);
	if (!nu)
		return NULL;
	uassoc_unlink(ua);
	uassoc_link(nu, ua);
	nu->state = USOCK_CONNECTED;
	usock_rx(nu, now);
	usock_tx(nu, now);
	return nu;
}

int usock_name(struct usock *us, sct_assoc_id id, bool peer, struct sct_ipc_addr *out)
{
	const struct usock *owner = us->parent ? us->parent : us;
	struct uassoc *ua;
	struct sct_addr any;

	if (peer) {
		id = usock_assoc_for(us, id);
		ua = id ? uassoc_find(us->srv, id) : NULL;
		if (!ua || us->state == USOCK_CONNECTING)
			return -ENOTCONN;
		uassoc_peer(ua); /* the primary may have changed */
		*out = ua->peer;
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

int usock_paddrs(struct usock *us, sct_assoc_id id, struct sct_ipc_addr *out, size_t max)
{
	struct sct_addr a[SCT_IPC_MAX_ADDRS];
	struct uassoc *ua;
	int n, i;

	id = usock_assoc_for(us, id);
	ua = id ? uassoc_find(us->srv, id) : NULL;
	if (!ua)
		return usock_one_to_many(us) ? -EINVAL : -ENOTCONN;
	if (max > SCT_IPC_MAX_ADDRS)
		max = SCT_IPC_MAX_ADDRS;
	n = sct_assoc_paddrs(us->srv->stack, id, a, max);
	if (n < 0)
		return -ENOTCONN;
	if ((size_t)n > max)
		n = (int)max;
	for (i = 0; i < n; i++)
		usock_addr_to_ipc(&out[i], &a[i], ua->peer.port);
	return n;
}

int usock_shutdown(struct usock *us, sct_assoc_id id, sct_time_t now)
{
	id = usock_assoc_for(us, id);
	if (!id)
		return -EINVAL;
	return sct_assoc_shutdown(us->srv->stack, id, now) ? -ENOTCONN : 0;
}

void usock_close(struct usock *us, sct_time_t now)
{
	struct usrv *u = us->srv;
	size_t i;

	if (us->hup && !us->close_pending) {
		usock_maybe_free(us, now);
		return;
	}
	us->hup = true;
	us->close_pending = false;
	/*
	 * Linux's sctp_close(): data the application never read makes it an ABORT.  Here
	 * that is data still in the core, or a record the application died before taking
	 * (send_rec()); records already in the data socket or held here may be
	 * notifications only, which must not.
	 */
	us->unread_at_close =
	    us->unread_at_close || (us->assoc && sct_assoc_readable(u->stack, us->assoc));
	usock_held_free(us);
	if (us->state == USOCK_LISTENING && !usock_one_to_many(us)) {
		size_t k = 0;

		sct_ep_listen(us->ep, false);
		/* unaccepted associations: ended ones released, the others aborted (their end
		 * events take them off the queue) */
		for (i = 0; i < us->n_acceptq; i++) {
			if (us->acceptq[i].ended)
				sct_assoc_release(u->stack, us->acceptq[i].id, now);
			else
				us->acceptq[k++] = us->acceptq[i];
		}
		us->n_acceptq = k;
		for (i = 0; i < k; i++)
			sct_assoc_abort(u->stack, us->acceptq[i].id, NULL, 0, now);
		us->state = USOCK_DONE;
	} else if (us->state == USOCK_CONNECTING) {
		sct_assoc_abort(u->stack, us->assoc, NULL, 0, now);
	} else if (!us->app_eof) {
		if (usock_one_to_many(us) && us->ep)
			sct_ep_listen(us->ep, false);
		/* what was written before close() goes first, then SHUTDOWN (or ABORT) */
		usock_tx(us, now);
		if (!us->app_eof && ((us->linger_on && us->linger_s == 0) || us->unread_at_close))
			usock_app_eof(us, now);
	}
	usock_rewatch(us);
	usock_maybe_free(us, now);
}

/* ------------------------------------------------------------------ events */

/* A new association on a one-to-one listening socket: queue it for accept(). */
static void incoming(struct usock *ls, sct_assoc_id id, sct_time_t now)
{
	struct usrv *u = ls->srv;

	if (ls->state != USOCK_LISTENING || ls->hup || ls->n_acceptq >= ls->backlog) {
		ULOG(u, now, "socket %u: association %u refused: %s", ls->serial, id,
		     ls->state != USOCK_LISTENING ? "not listening" : "backlog full");
		sct_assoc_abort(u->stack, id, NULL, 0, now);
		return;
	}
	if (!ls->acceptq) {
		ls->acceptq = calloc(USOCK_BACKLOG_MAX, sizeof(*ls->acceptq));
		if (!ls->acceptq) {
			sct_assoc_abort(u->stack, id, NULL, 0, now);
			return;
		}
	}
	if (announce(ls, id)) {
		ULOG(u, now, "socket %u: association %u refused: %s", ls->serial, id,
		     strerror(errno));
		sct_assoc_abort(u->stack, id, NULL, 0, now);
		return;
	}
	ls->acceptq[ls->n_acceptq++] = (struct uaccept){.id = id};
}

/*
 * An association waiting in @ls's accept queue ended.  accept() still returns it (its
 * data, then end of file, or ECONNRESET after an ABORT) unless the listener is closing.
 */
static bool unqueue(struct usock *ls, const struct sct_event *ev, sct_time_t now)
{
	size_t i;

	for (i = 0; i < ls->n_acceptq; i++) {
		if (ls->acceptq[i].id != ev->assoc)
			continue;
		if (!ls->hup && ls->state == USOCK_LISTENING) {
			ls->acceptq[i].ended = true;
			ls->acceptq[i].err =
			    ev->u.assoc_change.state == SCT_COMM_LOST
				? (ev->u.assoc_change.err ? ev->u.assoc_change.err : ECONNRESET)
				: 0;
			return true;
		}
		memmove(ls->acceptq + i, ls->acceptq + i + 1,
			(ls->n_acceptq - i - 1) * sizeof(*ls->acceptq));
		ls->n_acceptq--;
		sct_assoc_release(ls->srv->stack, ev->assoc, now);
		usock_maybe_free(ls, now);
		return true;
	}
	return false;
}

/* An event about an association no socket has taken yet: a listener's. */
static bool unowned(struct usrv *u, const struct sct_event *ev, sct_time_t now)
{
	struct usock *ls = ev->ep ? sct_ep_ctx(ev->ep) : NULL;
	bool up;

	if (!ls || ls->srv != u)
		return false;
	if (ev->type != SCT_EV_ASSOC_CHANGE)
		return true; /* data waits in the core until accept() */
	up = ev->u.assoc_change.state == SCT_COMM_UP;
	if (usock_one_to_many(ls)) {
		if (up && !ls->hup && uassoc_add(ls, ev->assoc))
			usock_notify(ls, ev, now);
		else
			sct_assoc_release(u->stack, ev->assoc, now);
	} else if (up) {
		incoming(ls, ev->assoc, now);
	} else if (ev->u.assoc_change.state != SCT_RESTART && !unqueue(ls, ev, now)) {
		sct_assoc_release(u->stack, ev->assoc, now);
	}
	return true;
}

static void assoc_change(struct uassoc *ua, const struct sct_event *ev, sct_time_t now)
{
	struct usock *us = ua->us;
	int err = ev->u.assoc_change.err;

	switch (ev->u.assoc_change.state) {
	case SCT_COMM_UP:
		uassoc_peer(ua);
		usock_notify(us, ev, now);
		if (us->state == USOCK_CONNECTING)
			connected(us, now);
		/* a one-to-many socket closed while this one was being set up: its queued
		 * messages go, then SHUTDOWN (usock_app_eof()) */
		if (usock_one_to_many(us) && us->app_eof)
			sct_assoc_shutdown(us->srv->stack, ua->id, now);
		break;
	case SCT_RESTART:
		usock_notify(us, ev, now);
		break;
	default: /* COMM_LOST, SHUTDOWN_COMP, CANT_STR_ASSOC: it has ended */
		if (us->state == USOCK_CONNECTING) {
			us->so_error = err ? err : ECONNREFUSED;
			/* hang up first: writable must never come without the error */
			shutdown(us->fd, SHUT_RDWR);
			usock_eat_connecting(us);
			us->rcv_open = false;
		} else if (ev->u.assoc_change.state == SCT_COMM_LOST && !usock_one_to_many(us)) {
			if (!us->so_error)
				us->so_error = err ? err : ECONNRESET;
			us->lost = true; /* what it writes from now on is refused (usock_tx()) */
		}
		usock_rx(us, now); /* its data first, then the notification */
		usock_notify(us, ev, now);
		ua->ended = true;
		if (!usock_one_to_many(us))
			us->state = USOCK_DONE;
		usock_rx(us, now); /* releases it once delivered; end of file */
		usock_maybe_free(us, now);
		break;
	}
}

bool usock_event(struct usrv *u, const struct sct_event *ev, sct_time_t now)
{
	struct uassoc *ua = ev->assoc ? uassoc_find(u, ev->assoc) : NULL;
	struct usock *us;

	if (!ua)
		return unowned(u, ev, now);
	us = ua->us;
	switch (ev->type) {
	case SCT_EV_ASSOC_CHANGE:
		assoc_change(ua, ev, now);
		break;
	case SCT_EV_SHUTDOWN:
		usock_notify(us, ev, now);
		if (!usock_one_to_many(us)) {
			us->peer_eof = true;
			usock_rx(us, now);
		}
		break;
	case SCT_EV_DATA:
		usock_rx(us, now);
		break;
	case SCT_EV_WRITABLE:
		usock_tx(us, now);
		break;
	default:
		usock_notify(us, ev, now);
		break;
	}
	return true;
}
