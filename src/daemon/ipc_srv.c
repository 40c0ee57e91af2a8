/* SPDX-License-Identifier: MIT */
/* ipc_srv.c: sctund's service socket and the control connections of libsctun. */
#include "config.h"

#include "daemon/ipc_srv.h"

#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include "common/log.h"
#include "daemon/log.h"
#include "daemon/usock_opt.h"
#include "ipc/ipc_err.h"
#include "ipc/ipc_sock.h"
#include "daemon/seccomp.h"

/*
 * seccomp.c's allow-list, once the loop runs: the service socket, SO_PEERCRED, and ipc_sock.c's
 * records with descriptors.
 */
SECCOMP_CALLS(ipc_srv, SC(accept4), SC(getsockopt), SC(sendmsg), SC(recvmsg), SC(close), SC(unlink),
	      SC(unlinkat));

/*
 * Theory of operation
 *
 * Programs linked with libsctun (or running under sctun-run) connect to the
 * service socket once per application socket: that connection is the
 * socket's private control channel (sctun-ipc(7)).  It starts with HELLO,
 * then SOCKET (sctund makes the socket and its data socketpair and hands the
 * application's end back with SCM_RIGHTS) or ADOPT (the program already
 * holds a data socket, inherited or accepted, and shows it).  Every later
 * request is about that socket and is answered at once: nothing here waits,
 * so one program cannot hold up another.  Requests are decoded by the
 * codec, which refuses anything malformed; such a request gets an ERROR
 * response and the connection is closed: the client is broken, and it is
 * cut off.  So is a client that does not read its responses (the socket is
 * full).  Its sockets live on, since their data ends are what the
 * application holds; the shim can ADOPT them on a new connection.
 */

static void conn_free(struct ipc_srv *s, struct ipc_conn *c, sct_time_t now)
{
	loop_del(s->loop, &c->ref);
	close(c->ref.fd);
	if (c->prev)
		c->prev->next = c->next;
	else
		s->conns = c->next;
	if (c->next)
		c->next->prev = c->prev;
	s->n_conns--;
	uquota_put(&s->socks.quota, c->uid, UQUOTA_CONN);
	if (c->sock)
		usock_put_ctl(c->sock, now);
	free(c);
}

/* ------------------------------------------------------------------ requests */

static void do_hello(struct ipc_srv *s, struct ipc_conn *c)
{
	int v = sct_ipc_hello_pick(s->req.version_min, s->req.version_max, SCT_IPC_VERSION_MIN,
				   SCT_IPC_VERSION_MAX);

	if (v < 0) {
		s->rsp.status = EPROTONOSUPPORT;
		return;
	}
	c->version = (uint16_t)v;
	s->rsp.version_picked = (uint16_t)v;
	s->rsp.present |= SCT_IPC_BIT(SCT_IPC_A_VERSION);
}

/* A request refused for @uid's quota: say so, at a rate limit (uquota.c). */
static void quota_log(struct ipc_srv *s, uid_t uid, int err, const char *what, sct_time_t now)
{
	if (err == EMFILE)
		uquota_log(&s->socks.quota, uid, what, now);
}

static void do_socket(struct ipc_srv *s, struct ipc_conn *c, int *fd_out, sct_time_t now)
{
	const struct sct_ipc_ctl *q = &s->req;
	struct usock *us;

	if (c->sock) {
		s->rsp.status = EISCONN;
		return;
	}
	if (q->protocol != 0 && q->protocol != 132) {
		s->rsp.status = EPROTONOSUPPORT;
		return;
	}
	us = usock_new(&s->socks, q->family, q->socktype, c->uid, fd_out);
	if (!us) {
		s->rsp.status = (uint32_t)errno;
		quota_log(s, c->uid, errno, "socket()", now);
		return;
	}
	us->ctl_refs++;
	c->sock = us;
	s->rsp.nfds = 1;
	sct_log(SCT_LOG_DEBUG, "socket %u created for pid %d", us->serial, (int)c->pid);
}

static void do_adopt(struct ipc_srv *s, struct ipc_conn *c, int fd_in)
{
	struct usock *us = usock_by_fd(&s->socks, fd_in);

	if (c->sock) {
		s->rsp.status = EISCONN;
		return;
	}
	if (!us) {
		s->rsp.status = ENOTSOCK;
		return;
	}
	us->ctl_refs++;
	c->sock = us;
	s->rsp.family = us->family;
	s->rsp.socktype = us->type;
	s->rsp.protocol = 132;
	s->rsp.present |= SCT_IPC_BIT(SCT_IPC_A_FAMILY) | SCT_IPC_BIT(SCT_IPC_A_SOCKTYPE) |
			  SCT_IPC_BIT(SCT_IPC_A_PROTOCOL);
	if (us->assoc) {
		s->rsp.assoc_id = us->assoc;
		s->rsp.present |= SCT_IPC_BIT(SCT_IPC_A_ASSOC_ID);
	}
}

static void one_addr(struct ipc_srv *s, const struct sct_ipc_addr *a)
{
	s->rsp.addrs[0] = *a;
	s->rsp.naddrs = 1;
	s->rsp.present |= SCT_IPC_BIT(SCT_IPC_A_ADDR);
}

static void do_status(struct ipc_srv *s, struct usock *us)
{
	struct sct_ipc_status *o = &s->rsp.st;
	sct_assoc_id id = usock_assoc_for(us, s->req.assoc_id);
	struct sct_assoc_status st;

	if (!id || sct_assoc_status(s->socks.stack, id, &st)) {
		s->rsp.status = EINVAL;
		return;
	}
	o->state = (uint16_t)(st.state + 1); /* enum sct_state + 1 = enum sct_ipc_state */
	o->lport = st.local_port;
	o->pport = st.peer_port;
	o->my_vtag = st.my_vtag;
	o->peer_vtag = st.peer_vtag;
	o->os = st.os;
	o->is = st.is;
	o->peer_rwnd = st.peer_rwnd;
	usock_addr_to_ipc(&o->primary, &st.primary, st.peer_port);
	o->n_paths = st.n_paths;
	o->rto_ms = st.rto_ms;
	o->srtt_ms = st.srtt_ms;
	o->cwnd = st.cwnd;
	o->ssthresh = st.ssthresh;
	o->flight = st.flight;
	o->init_rtx = st.init_retransmits;
	o->unacked = st.unacked;
	o->pending = st.pending;
	o->rwnd = st.rwnd;
	o->cum_tsn = st.cum_tsn_acked;
	s->rsp.assoc_id = id;
	s->rsp.present |= SCT_IPC_BIT(SCT_IPC_A_ASSOC_ID);
	/* SCTP_STATUS tells the primary's state as it is, PF included (as Linux) */
	o->primary_state = st.primary_state == SCT_PI_INACTIVE	    ? SCT_IPC_PATH_INACTIVE
			   : st.primary_state == SCT_PI_PF	    ? SCT_IPC_PATH_PF
			   : st.primary_state == SCT_PI_UNCONFIRMED ? SCT_IPC_PATH_UNCONFIRMED
								    : SCT_IPC_PATH_ACTIVE;
	for (unsigned a = SCT_IPC_A_ST_STATE; a <= SCT_IPC_A_ST_CUM_TSN; a++)
		s->rsp.present |= SCT_IPC_BIT(a);
	s->rsp.present |= SCT_IPC_BIT(SCT_IPC_A_ST_PRIMARY_STATE);
}

/* sctunctl: run the command, hand its output over as a memfd (admin.c). */
static void do_admin(struct ipc_srv *s, struct ipc_conn *c, int *fd_out, sct_time_t now)
{
	int fd;

	if (!s->admin) {
		s->rsp.status = EOPNOTSUPP;
		return;
	}
	fd = admin_run(s->admin, c->uid, (const char *)s->req.message, s->req.message_len,
		       s->errmsg, sizeof(s->errmsg), now);
	if (fd < 0) {
		s->rsp.status = (uint32_t)-fd;
		if (s->errmsg[0]) {
			s->rsp.message = (const uint8_t *)s->errmsg;
			s->rsp.message_len = strlen(s->errmsg);
			s->rsp.present |= SCT_IPC_BIT(SCT_IPC_A_MESSAGE);
		}
		return;
	}
	*fd_out = fd;
	s->rsp.nfds = 1;
}

/* Requests about the connection's socket. */
static int do_sock_op(struct ipc_srv *s, struct ipc_conn *c, int *fd_out, sct_time_t now)
{
	const struct sct_ipc_ctl *q = &s->req;
	struct usock *us = c->sock, *nu;
	struct sct_ipc_addr a;
	sct_assoc_id id = 0;
	int ret;

	if (!us)
		return -EBADF;
	switch (q->opcode) {
	case SCT_IPC_OP_BIND:
		return usock_bind(us, q->addrs, q->naddrs, false);
	case SCT_IPC_OP_BINDX_ADD:
		return usock_bindx_add(us, q->addrs, q->naddrs, now);
	case SCT_IPC_OP_LISTEN:
		return usock_listen(us, q->backlog);
	case SCT_IPC_OP_CONNECT:
	case SCT_IPC_OP_CONNECTX:
		ret = usock_connect(us, q->addrs, q->naddrs, q->port, now, &id);
		if (id) {
			s->rsp.assoc_id = id;
			s->rsp.present |= SCT_IPC_BIT(SCT_IPC_A_ASSOC_ID);
		}
		return ret;
	case SCT_IPC_OP_ACCEPT:
		nu = usock_accept(us, &a, fd_out, now);
		if (!nu) {
			ret = errno;
			quota_log(s, us->uid, ret, "accept()", now);
			return -ret;
		}
		s->rsp.assoc_id = nu->assoc;
		s->rsp.present |= SCT_IPC_BIT(SCT_IPC_A_ASSOC_ID);
		one_addr(s, &a);
		s->rsp.nfds = 1;
		return 0;
	case SCT_IPC_OP_CLOSE:
		/* this connection lets go of the socket; the data end decides its life */
		c->sock = NULL;
		usock_put_ctl(us, now);
		return 0;
	case SCT_IPC_OP_PEELOFF:
		nu = usock_peeloff(us, q->assoc_id, fd_out, now);
		if (!nu) {
			ret = errno;
			quota_log(s, us->uid, ret, "sctp_peeloff()", now);
			return -ret;
		}
		s->rsp.nfds = 1;
		return 0;
	case SCT_IPC_OP_SHUTDOWN:
		/* one-to-one: the shim shuts the data socket down instead (in band) */
		if (us->type != SCT_IPC_SOCK_SEQPACKET)
			return -EOPNOTSUPP;
		return usock_shutdown(us, q->assoc_id, now);
	case SCT_IPC_OP_GETSOCKNAME:
	case SCT_IPC_OP_GETPEERNAME:
	case SCT_IPC_OP_GETLADDRS:
		ret = usock_name(us, q->assoc_id, q->opcode == SCT_IPC_OP_GETPEERNAME, &a);
		if (!ret)
			one_addr(s, &a);
		return ret;
	case SCT_IPC_OP_GETPADDRS:
		ret = usock_paddrs(us, q->assoc_id, s->rsp.addrs, SCT_IPC_MAX_ADDRS);
		if (ret < 0)
			return ret;
		s->rsp.naddrs = (size_t)ret;
		if (ret)
			s->rsp.present |= SCT_IPC_BIT(SCT_IPC_A_ADDR);
		return 0;
	case SCT_IPC_OP_SETSOCKOPT:
		return usock_setopt(us, q->level, q->optname, q->optval, q->optval_len, now);
	case SCT_IPC_OP_GETSOCKOPT: {
		static uint8_t val[USOCK_OPT_MAX];

		ret = usock_getopt(us, q->level, q->optname, q->optval, q->optval_len, val,
				   sizeof(val));
		if (ret < 0)
			return ret;
		s->rsp.optval = val;
		s->rsp.optval_len = (size_t)ret;
		s->rsp.present |= SCT_IPC_BIT(SCT_IPC_A_OPTVAL);
		return 0;
	}
	case SCT_IPC_OP_STATUS:
		do_status(s, us);
		return -(int)s->rsp.status;
	case SCT_IPC_OP_BINDX_REM:
	default:
		return -EOPNOTSUPP;
	}
}

void ipc_srv_handle(struct ipc_srv *s, struct ipc_conn *c, int fd_in, int *fd_out, sct_time_t now)
{
	const struct sct_ipc_ctl *q = &s->req;
	int ret;

	memset(&s->rsp, 0, sizeof(s->rsp));
	s->rsp.version = c->version ? (uint8_t)c->version : SCT_IPC_HELLO_VERSION;
	s->rsp.kind = SCT_IPC_RESPONSE;
	s->rsp.opcode = q->opcode;
	s->rsp.id = q->id;
	*fd_out = -1;
	s->st.requests++;
	if (q->opcode == SCT_IPC_OP_HELLO) {
		do_hello(s, c);
	} else if (!c->version) {
		s->rsp.status = EPROTO; /* HELLO first */
	} else if (q->opcode == SCT_IPC_OP_SOCKET) {
		do_socket(s, c, fd_out, now);
	} else if (q->opcode == SCT_IPC_OP_ADOPT) {
		do_adopt(s, c, fd_in);
	} else if (q->opcode == SCT_IPC_OP_ADMIN) {
		do_admin(s, c, fd_out, now);
	} else {
		ret = do_sock_op(s, c, fd_out, now);
		if (ret < 0)
			s->rsp.status = (uint32_t)-ret;
	}
	if (fd_in >= 0)
		close(fd_in);
	if (s->rsp.status) {
		/* a failed request hands no descriptor over */
		if (*fd_out >= 0)
			close(*fd_out);
		*fd_out = -1;
		s->rsp.nfds = 0;
	}
}

/* ------------------------------------------------------------------ connections */

/* Answer a request that could not be decoded (id taken from the header if it is there). */
static int send_error(struct ipc_srv *s, struct ipc_conn *c, const void *in, size_t len, int err)
{
	const uint8_t *p = in;
	const char *why = sct_ipc_strerror(err);
	int n;

	memset(&s->rsp, 0, sizeof(s->rsp));
	s->rsp.version = c->version ? (uint8_t)c->version : SCT_IPC_HELLO_VERSION;
	s->rsp.kind = SCT_IPC_RESPONSE;
	s->rsp.opcode = SCT_IPC_OP_ERROR;
	if (len >= 8)
		s->rsp.id = (uint32_t)p[4] | (uint32_t)p[5] << 8 | (uint32_t)p[6] << 16 |
			    (uint32_t)p[7] << 24;
	s->rsp.status = EBADMSG;
	s->rsp.message = (const uint8_t *)why;
	s->rsp.message_len = strlen(why);
	s->rsp.present = SCT_IPC_BIT(SCT_IPC_A_MESSAGE);
	n = sct_ipc_ctl_encode(&s->rsp, s->out, sizeof(s->out));
	if (n < 0)
		return n;
	return (int)sct_ipc_send(c->ref.fd, s->out, (size_t)n, -1, MSG_DONTWAIT);
}

/* One request: decode, act, answer.  Return: false when the connection must go. */
static bool conn_request(struct ipc_srv *s, struct ipc_conn *c, size_t len, int fd_in,
			 sct_time_t now)
{
	int ret, fd_out, n;
	ssize_t w;

	ret = sct_ipc_ctl_decode(s->in, len, fd_in >= 0, &s->req);
	if (!ret && s->req.kind != SCT_IPC_REQUEST)
		ret = SCT_IPC_E_CTL_KIND;
	if (!ret && c->version && s->req.opcode != SCT_IPC_OP_HELLO && s->req.version != c->version)
		ret = SCT_IPC_E_VERSION;
	if (ret) {
		if (fd_in >= 0)
			close(fd_in);
		s->st.bad_requests++;
		sct_log(SCT_LOG_INFO, "pid %d: bad request (%s): disconnected", (int)c->pid,
			sct_ipc_strerror(ret));
		send_error(s, c, s->in, len, ret);
		return false; /* a broken client is cut off; its sockets live on */
	}
	ipc_srv_handle(s, c, fd_in, &fd_out, now);
	n = sct_ipc_ctl_encode(&s->rsp, s->out, sizeof(s->out));
	if (n < 0) {
		sct_log(SCT_LOG_ERR, "%s response does not encode: %s",
			sct_ipc_op_name(s->req.opcode), sct_ipc_strerror(n));
		if (fd_out >= 0)
			close(fd_out);
		return false;
	}
	w = sct_ipc_send(c->ref.fd, s->out, (size_t)n, fd_out, MSG_DONTWAIT);
	if (fd_out >= 0)
		close(fd_out);
	if (w < 0) {
		sct_log(SCT_LOG_INFO, "pid %d: response not sent (%s): disconnected", (int)c->pid,
			strerror((int)-w));
		return false;
	}
	return true;
}

/*
 * One request per readiness: the shim waits for each response before its next
 * request, so a second recv() would nearly always answer EAGAIN (a system call
 * per request).  A request that is there after all keeps the connection
 * readable (the loop is level-triggered) and is read at the next turn.
 */
static void conn_handler(struct loop *l, struct loop_ref *ref, uint32_t events, sct_time_t now)
{
	struct ipc_conn *c = ref->ptr;
	struct ipc_srv *s = c->srv;
	int fd_in = -1;
	ssize_t n = sct_ipc_recv(c->ref.fd, s->in, sizeof(s->in), &fd_in, MSG_DONTWAIT);

	(void)l;
	(void)events;
	if (n == -EAGAIN || n == -EINTR)
		return;
	if (n == 0 || n == -ECONNRESET) {
		conn_free(s, c, now);
		return;
	}
	if (n < 0) {
		/* cut short, or with stray descriptors (already closed): refuse it */
		s->st.bad_requests++;
		sct_log(SCT_LOG_INFO, "pid %d: bad request (%s): disconnected", (int)c->pid,
			n > -4096 ? strerror((int)-n) : sct_ipc_strerror((int)n));
		send_error(s, c, NULL, 0, (int)n);
		conn_free(s, c, now);
		return;
	}
	if (!conn_request(s, c, (size_t)n, fd_in, now))
		conn_free(s, c, now);
}

/*
 * Refuse a connection sctund took: before any request, an ERROR with id 0 and @err as
 * its status (what the program's socket() then fails with: sctun-ipc(7)), then close it.
 */
static void refuse(struct ipc_srv *s, int fd, int err)
{
	int n;

	memset(&s->rsp, 0, sizeof(s->rsp));
	s->rsp.version = SCT_IPC_HELLO_VERSION;
	s->rsp.kind = SCT_IPC_RESPONSE;
	s->rsp.opcode = SCT_IPC_OP_ERROR;
	s->rsp.status = (uint32_t)err;
	n = sct_ipc_ctl_encode(&s->rsp, s->out, sizeof(s->out));
	if (n > 0)
		(void)sct_ipc_send(fd, s->out, (size_t)n, -1, MSG_DONTWAIT);
	close(fd);
	s->st.refused_conns++;
}

static void listen_handler(struct loop *l, struct loop_ref *ref, uint32_t events, sct_time_t now)
{
	struct ipc_srv *s = ref->ptr;
	int i, ret;

	(void)events;
	for (i = 0; i < LOOP_BATCH; i++) {
		struct ucred cred;
		socklen_t clen = sizeof(cred);
		struct ipc_conn *c;
		int fd = accept4(ref->fd, NULL, NULL, SOCK_NONBLOCK | SOCK_CLOEXEC);

		if (fd < 0 && (errno == EMFILE || errno == ENFILE) && s->spare_fd >= 0) {
			/*
			 * Out of descriptors.  The connection would stay in the backlog and
			 * the listening socket readable: epoll would call us again at once,
			 * forever.  Free the spare to take it and refuse it (the program's
			 * socket() fails with ENFILE: usock_new() says why not EMFILE), then
			 * hold a spare again.
			 */
			int err = errno;

			close(s->spare_fd);
			fd = accept4(ref->fd, NULL, NULL, SOCK_CLOEXEC);
			if (fd >= 0)
				refuse(s, fd, ENFILE);
			s->spare_fd = fcntl(ref->fd, F_DUPFD_CLOEXEC, 0);
			log_rl(&s->rl_accept, now, SCT_LOG_WARN, "IPC connection refused: %s",
			       strerror(err));
			if (fd >= 0)
				continue;
		}
		if (fd < 0) {
			if (errno != EAGAIN && errno != EINTR)
				log_rl(&s->rl_accept, now, SCT_LOG_WARN, "IPC accept: %s",
				       strerror(errno));
			return;
		}
		if (getsockopt(fd, SOL_SOCKET, SO_PEERCRED, &cred, &clen) < 0) {
			log_rl(&s->rl_accept, now, SCT_LOG_WARN,
			       "IPC connection refused: SO_PEERCRED: %s", strerror(errno));
			refuse(s, fd, ENOBUFS);
			continue;
		}
		if (s->n_conns >= IPC_CONN_MAX) {
			log_rl(&s->rl_accept, now, SCT_LOG_WARN,
			       "IPC connection refused: too many connections");
			refuse(s, fd, ENFILE);
			continue;
		}
		ret = uquota_take(&s->socks.quota, cred.uid, UQUOTA_CONN);
		if (ret) {
			if (ret == -EMFILE)
				uquota_log(&s->socks.quota, cred.uid, "control connection", now);
			refuse(s, fd, -ret);
			continue;
		}
		c = calloc(1, sizeof(*c));
		if (!c) {
			uquota_put(&s->socks.quota, cred.uid, UQUOTA_CONN);
			refuse(s, fd, ENOMEM);
			continue;
		}
		c->srv = s;
		c->uid = cred.uid;
		c->pid = cred.pid;
		c->ref = (struct loop_ref){.type = LOOP_REF_IPC_CONN, .fd = fd, .ptr = c};
		if (loop_add(l, &c->ref, EPOLLIN)) {
			uquota_put(&s->socks.quota, cred.uid, UQUOTA_CONN);
			free(c);
			refuse(s, fd, ENOMEM);
			continue;
		}
		c->next = s->conns;
		if (s->conns)
			s->conns->prev = c;
		s->conns = c;
		s->n_conns++;
		s->st.conns++;
	}
}

/* ------------------------------------------------------------------ service socket */

/* A socket file at @path: replace it only when nobody answers there. */
static int clear_stale(const char *path)
{
	struct sockaddr_un sun = {.sun_family = AF_UNIX};
	struct stat st;
	int fd, ret;

	if (lstat(path, &st) < 0)
		return errno == ENOENT ? 0 : -errno;
	if (!S_ISSOCK(st.st_mode))
		return -EEXIST;
	fd = socket(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0);
	if (fd < 0)
		return -errno;
	snprintf(sun.sun_path, sizeof(sun.sun_path), "%s", path);
	ret = connect(fd, (struct sockaddr *)&sun, sizeof(sun));
	close(fd);
	if (ret == 0)
		return -EADDRINUSE;
	return unlink(path) < 0 ? -errno : 0;
}

int ipc_srv_open(struct ipc_srv *s, const char *path, struct loop *l, struct sct_stack *stack)
{
	struct sockaddr_un sun = {.sun_family = AF_UNIX};
	char dir[sizeof(sun.sun_path)];
	int fd, ret;

	memset(s, 0, offsetof(struct ipc_srv, in));
	s->loop = l;
	s->lref.fd = -1;
	s->spare_fd = -1;
	s->rl_accept = (struct sct_ratelimit)SCT_RATELIMIT_INIT(SCT_NSEC_PER_SEC, 5);
	if (strlen(path) >= sizeof(sun.sun_path) || strlen(path) >= sizeof(s->path))
		return -ENAMETOOLONG;
	snprintf(dir, sizeof(dir), "%s", path);
	if (mkdir(dirname(dir), 0755) < 0 && errno != EEXIST)
		return -errno;
	ret = clear_stale(path);
	if (ret)
		return ret;
	ret = usrv_init(&s->socks, stack, l);
	if (ret)
		return ret;
	fd = socket(AF_UNIX, SOCK_SEQPACKET | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
	if (fd < 0)
		return -errno;
	snprintf(sun.sun_path, sizeof(sun.sun_path), "%s", path);
	if (bind(fd, (struct sockaddr *)&sun, sizeof(sun)) < 0 || chmod(path, 0666) < 0 ||
	    listen(fd, 128) < 0) {
		ret = -errno;
		close(fd);
		unlink(path);
		return ret;
	}
	snprintf(s->path, sizeof(s->path), "%s", path);
	s->spare_fd = fcntl(fd, F_DUPFD_CLOEXEC, 0);
	s->lref = (struct loop_ref){.type = LOOP_REF_IPC_LISTEN, .fd = fd, .ptr = s};
	loop_set_handler(l, LOOP_REF_IPC_LISTEN, listen_handler);
	loop_set_handler(l, LOOP_REF_IPC_CONN, conn_handler);
	ret = loop_add(l, &s->lref, EPOLLIN);
	if (ret) {
		close(fd);
		unlink(path);
		s->lref.fd = -1;
		if (s->spare_fd >= 0)
			close(s->spare_fd);
		s->spare_fd = -1;
	}
	return ret;
}

void ipc_srv_close(struct ipc_srv *s)
{
	struct ipc_conn *c, *next;

	/* walked with a saved next: each conn_free() unlinks the head */
	for (c = s->conns; c; c = next) {
		next = c->next;
		c->sock = NULL; /* the sockets go with usrv_free() */
		conn_free(s, c, 0);
	}
	usrv_free(&s->socks);
	if (s->lref.fd >= 0) {
		loop_del(s->loop, &s->lref);
		close(s->lref.fd);
		unlink(s->path);
		s->lref.fd = -1;
	}
	if (s->spare_fd >= 0) {
		close(s->spare_fd);
		s->spare_fd = -1;
	}
}
