/* SPDX-License-Identifier: MIT */
/* socket.c: socket, bind, listen, names, shutdown, close, dup and fcntl on sctun sockets. */
#include "config.h"

#include "shim/shim.h"

#include <errno.h>
#include <fcntl.h>
#include <stdatomic.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

/* Apply SOCK_CLOEXEC / SOCK_NONBLOCK to a data fd that arrived close-on-exec. */
int shim_apply_flags(int fd, int flags)
{
	int fl;

	if (!(flags & SOCK_CLOEXEC) && shim_real.fcntl(fd, F_SETFD, 0) < 0)
		return -errno;
	if (flags & SOCK_NONBLOCK) {
		fl = shim_real.fcntl(fd, F_GETFL);
		if (fl < 0 || shim_real.fcntl(fd, F_SETFL, fl | O_NONBLOCK) < 0)
			return -errno;
	}
	return 0;
}

/* Has the program a descriptor free?  0; -EMFILE, -ENFILE. */
static int probe_room(int fd)
{
	int probe = shim_real.fcntl(fd, F_DUPFD_CLOEXEC, 0);

	if (probe >= 0) {
		shim_real.close(probe);
		return 0;
	}
	return errno == EMFILE || errno == ENFILE ? -errno : 0;
}

int shim_fd_room(int fd)
{
	int err = probe_room(fd);

	/* the control connections kept for later (ctl.c) go first */
	if (err == -EMFILE && shim_ctl_pool_drop() > 0)
		err = probe_room(fd);
	return err;
}

#define SHIM_RETRY (-100001) /* shim_socket(): try once more */

int shim_socket(int domain, int type, int protocol)
{
	int base = type & ~(SOCK_NONBLOCK | SOCK_CLOEXEC);
	struct sct_ipc_ctl req, rsp;
	uint8_t buf[SCT_IPC_CTL_MAX];
	struct shim_fd e;
	int ctl, fd, err;
	bool tcp, retried = false;

	shim_init();
	if (domain != AF_INET && domain != AF_INET6)
		return shim_real.socket(domain, type, protocol);
	/* sctun-run --tcp: a TCP socket becomes an SCTP one-to-one socket (tcp.c) */
	tcp = base == SOCK_STREAM && (protocol == 0 || protocol == IPPROTO_TCP) && shim_tcp_mode();
	if (!tcp && (protocol != IPPROTO_SCTP || (base != SOCK_STREAM && base != SOCK_SEQPACKET)))
		return shim_real.socket(domain, type, protocol);
again:
	ctl = shim_ctl_open();
	if (shim_refused(ctl)) {
		/* the program, or sctund, is out of descriptors (or the user at its quota) */
		errno = -ctl;
		return -1;
	}
	if (ctl < 0) {
		/* what a kernel without SCTP says for each style */
		shim_warn_unreachable(ctl);
		errno = base == SOCK_SEQPACKET ? ESOCKTNOSUPPORT : EPROTONOSUPPORT;
		return -1;
	}
	shim_req_init(&req, SCT_IPC_OP_SOCKET);
	req.present = SCT_IPC_BIT(SCT_IPC_A_FAMILY) | SCT_IPC_BIT(SCT_IPC_A_SOCKTYPE) |
		      SCT_IPC_BIT(SCT_IPC_A_PROTOCOL) | SCT_IPC_BIT(SCT_IPC_A_SOCKFLAGS);
	req.family = domain == AF_INET6 ? SCT_IPC_AF_INET6 : SCT_IPC_AF_INET;
	req.socktype = base == SOCK_SEQPACKET ? SCT_IPC_SOCK_SEQPACKET : SCT_IPC_SOCK_STREAM;
	req.protocol = IPPROTO_SCTP;
	req.sockflags = (type & SOCK_NONBLOCK ? SCT_IPC_SOCK_NONBLOCK : 0) |
			(type & SOCK_CLOEXEC ? SCT_IPC_SOCK_CLOEXEC : 0);
	err = shim_ctl_call(ctl, &req, -1, &rsp, buf, &fd);
	if (!err && fd < 0)
		err = SHIM_ELOST;
	if (err == SHIM_ELOST) {
		/* the kernel drops a passed descriptor (MSG_CTRUNC) when we have no slot for it */
		int room = probe_room(ctl);

		if (room == -EMFILE && !retried && shim_ctl_pool_drop() > 0)
			err = SHIM_RETRY; /* the kept control connections made room: again */
		else if (room)
			err = room;
	}
	if (!err)
		err = shim_apply_flags(fd, type);
	if (!err) {
		memset(&e, 0, sizeof(e));
		e.family = domain;
		e.type = base;
		e.protocol = IPPROTO_SCTP;
		e.state = SHIM_NEW;
		e.tcp = tcp;
		e.ctl = ctl;
		err = shim_fd_put(fd, &e);
		if (err)
			err = -ENFILE;
	}
	if (err) {
		if (err == SHIM_ELOST)
			shim_warn_unreachable(err);
		if (fd >= 0)
			shim_real.close(fd);
		shim_real.close(ctl);
		if (err == SHIM_RETRY) {
			retried = true;
			fd = -1;
			goto again;
		}
		errno = shim_err(err, base == SOCK_SEQPACKET ? ESOCKTNOSUPPORT : EPROTONOSUPPORT);
		return -1;
	}
	return fd;
}

int shim_socketpair(int domain, int type, int protocol, int sv[2])
{
	shim_init();
	if (protocol == IPPROTO_SCTP && (domain == AF_INET || domain == AF_INET6)) {
		errno = EOPNOTSUPP;
		return -1;
	}
	return shim_real.socketpair(domain, type, protocol, sv);
}

/*
 * A program may close its listening socket and bind a new one to the same
 * port at once (iperf3 does, to set options on a fresh socket).  On a
 * kernel socket the port is free when close() returns; sctund learns of
 * the close from the data socket, maybe a moment after the new BIND
 * arrives on another connection.  So a BIND refused with EADDRINUSE
 * within a while of this process closing a listener is tried again, for
 * at most BIND_RETRY_MAX * BIND_RETRY_NS: long enough for a loaded sctund,
 * short enough that a port really taken fails soon.
 */
#define BIND_RETRY_NS	  (10 * 1000 * 1000L)
#define BIND_RETRY_MAX	  100
#define BIND_RETRY_WITHIN (2 * 1000 * 1000 * 1000LL)
static _Atomic long long listener_closed; /* CLOCK_MONOTONIC ns of the last close; 0: none */

static long long mono_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

static bool listener_closed_lately(void)
{
	long long t = atomic_load(&listener_closed);

	return t && mono_ns() - t < BIND_RETRY_WITHIN;
}

int shim_bind(int fd, const struct sockaddr *addr, socklen_t len)
{
	const struct timespec pause = {.tv_nsec = BIND_RETRY_NS};
	struct sct_ipc_ctl req, rsp;
	uint8_t buf[SCT_IPC_CTL_MAX];
	struct shim_fd e;
	int err, tries = 0;

	shim_init();
	if (!shim_fd_get(fd, &e))
		return shim_real.bind(fd, addr, len);
	shim_req_init(&req, SCT_IPC_OP_BIND);
	err = shim_addr_for_socket(e.family, addr, len, &req.addrs[0]);
	while (!err) {
		req.present = SCT_IPC_BIT(SCT_IPC_A_ADDR);
		req.naddrs = 1;
		err = shim_ctl_request(fd, &req, &rsp, buf);
		if (err != -EADDRINUSE || ++tries > BIND_RETRY_MAX || !listener_closed_lately())
			break;
		nanosleep(&pause, NULL);
		err = 0;
	}
	if (err) {
		errno = shim_err(err, EADDRNOTAVAIL);
		return -1;
	}
	return 0;
}

int shim_listen(int fd, int backlog)
{
	struct sct_ipc_ctl req, rsp;
	uint8_t buf[SCT_IPC_CTL_MAX];
	struct shim_fd e;
	int err;

	shim_init();
	if (!shim_fd_get(fd, &e))
		return shim_real.listen(fd, backlog);
	if (e.state == SHIM_CONNECTING || e.state == SHIM_CONNECTED) {
		errno = EINVAL;
		return -1;
	}
	shim_req_init(&req, SCT_IPC_OP_LISTEN);
	req.present = SCT_IPC_BIT(SCT_IPC_A_BACKLOG);
	req.backlog = backlog < 0 ? 0 : (uint32_t)backlog;
	err = shim_ctl_request(fd, &req, &rsp, buf);
	if (err) {
		errno = shim_err(err, EADDRINUSE);
		return -1;
	}
	shim_fd_set_state(fd, SHIM_LISTENING);
	return 0;
}

/* GETSOCKNAME / GETPEERNAME: the first address, in the socket's family. */
static int get_name(int fd, const struct shim_fd *e, uint16_t op, struct sockaddr *addr,
		    socklen_t *len)
{
	struct sct_ipc_ctl req, rsp;
	uint8_t buf[SCT_IPC_CTL_MAX];
	struct sockaddr_storage ss;
	int n, err;

	if (!addr || !len)
		return -EFAULT;
	shim_req_init(&req, op);
	err = shim_ctl_request(fd, &req, &rsp, buf);
	if (err)
		return err;
	if (rsp.naddrs == 0)
		return op == SCT_IPC_OP_GETPEERNAME ? -ENOTCONN : SHIM_ELOST;
	n = shim_addr_to_sockaddr(&rsp.addrs[0], e->family, &ss);
	if (n < 0)
		return SHIM_ELOST;
	if (op == SCT_IPC_OP_GETPEERNAME)
		shim_fd_set_peer(fd, (struct sockaddr *)&ss, (socklen_t)n);
	return shim_addr_copy_out(&ss, (socklen_t)n, addr, len);
}

/* getsockname() and getpeername(): @real for fds that are not ours. */
static int name_call(int fd, uint16_t op, struct sockaddr *addr, socklen_t *len,
		     int (*real)(int, struct sockaddr *, socklen_t *))
{
	struct shim_fd e;
	int err;

	if (!shim_fd_get(fd, &e))
		return real(fd, addr, len);
	err = get_name(fd, &e, op, addr, len);
	if (err) {
		errno = shim_err(err, ENOBUFS);
		return -1;
	}
	return 0;
}

int shim_getsockname(int fd, struct sockaddr *addr, socklen_t *len)
{
	shim_init();
	return name_call(fd, SCT_IPC_OP_GETSOCKNAME, addr, len, shim_real.getsockname);
}

int shim_getpeername(int fd, struct sockaddr *addr, socklen_t *len)
{
	shim_init();
	return name_call(fd, SCT_IPC_OP_GETPEERNAME, addr, len, shim_real.getpeername);
}

int shim_shutdown(int fd, int how)
{
	struct shim_fd e;

	shim_init();
	if (!shim_fd_get(fd, &e))
		return shim_real.shutdown(fd, how);
	if (how != SHUT_RD && how != SHUT_WR && how != SHUT_RDWR) {
		errno = EINVAL;
		return -1;
	}
	if (e.type == SOCK_SEQPACKET) {
		/* RFC 6458 3.1: one-to-many sockets end associations with SCTP_EOF */
		errno = EOPNOTSUPP;
		return -1;
	}
	if (e.state == SHIM_NEW) {
		errno = ENOTCONN;
		return -1;
	}
	/* sctund sees end-of-file after the last record and shuts the association down */
	return shim_real.shutdown(fd, how);
}

int shim_close(int fd)
{
	struct shim_fd e;
	int ctl;

	shim_init();
	if (shim_fd_get(fd, &e) && e.state == SHIM_LISTENING)
		atomic_store(&listener_closed, mono_ns());
	ctl = shim_fd_forget(fd);
	shim_ctl_release(ctl);
	return shim_real.close(fd);
}

/* @to is now a copy of @from: the same socket, no control connection of its own yet. */
static void dup_entry(int from, int to)
{
	struct shim_fd e;
	int ctl;

	if (to < 0)
		return;
	if (!shim_fd_get(from, &e)) {
		/* dup2 over an sctun fd: that copy is gone */
		ctl = shim_fd_forget(to);
		if (ctl >= 0)
			shim_real.close(ctl);
		return;
	}
	e.ctl = -1;
	e.cache = NULL; /* the copy peeks for itself */
	e.cache_len = 0;
	if (shim_fd_put(to, &e))
		shim_fd_forget(to);
}

int shim_dup(int fd)
{
	int r;

	shim_init();
	r = shim_real.dup(fd);
	if (r >= 0 && shim_fd_count())
		dup_entry(fd, r);
	return r;
}

int shim_dup2(int fd, int fd2)
{
	int r;

	shim_init();
	r = shim_real.dup2(fd, fd2);
	if (r >= 0 && r != fd && shim_fd_count())
		dup_entry(fd, r);
	return r;
}

int shim_dup3(int fd, int fd2, int flags)
{
	int r;

	shim_init();
	r = shim_real.dup3(fd, fd2, flags);
	if (r >= 0 && shim_fd_count())
		dup_entry(fd, r);
	return r;
}

int shim_fcntl(int fd, int cmd, void *arg, bool is64)
{
	int r;

	shim_init();
	r = (is64 ? shim_real.fcntl64 : shim_real.fcntl)(fd, cmd, arg);
	if (r >= 0 && (cmd == F_DUPFD || cmd == F_DUPFD_CLOEXEC) && shim_fd_count())
		dup_entry(fd, r);
	return r;
}
