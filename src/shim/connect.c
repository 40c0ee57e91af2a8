/* SPDX-License-Identifier: MIT */
/* connect.c: connect() with exact readiness (the CONNECTING record), accept() and accept4(). */
#include "config.h"

#include "shim/shim.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <string.h>

/*
 * connect() readiness without intercepting poll: with the data socket's
 * SO_SNDBUF at 4096, one unread CONNECTING record (3000 bytes) keeps our
 * end unwritable until sctund reads it, which it does once the association
 * is up; on failure it drops the record and shuts its end down with
 * SO_ERROR set.  So "writable" means "connect finished" for select, poll
 * and epoll alike, and the first call after it (getsockopt SO_ERROR, read,
 * write) asks SO_ERROR and puts SO_SNDBUF back.
 */
#define SHIM_CONNECTING_SNDBUF 4096

static const uint8_t connecting_pad[SCT_IPC_CONNECTING_PAD];

static void restore_sndbuf(int fd, int sndbuf)
{
	if (sndbuf > 0)
		shim_real.setsockopt(fd, SOL_SOCKET, SO_SNDBUF, &sndbuf, sizeof(sndbuf));
}

int shim_connect_check(int fd, bool *done)
{
	struct pollfd pfd = {.fd = fd, .events = POLLOUT | POLLRDHUP};
	struct shim_fd e;
	int err;

	if (done)
		*done = false;
	if (!shim_fd_get(fd, &e) || e.state != SHIM_CONNECTING)
		return 0;
	if (poll(&pfd, 1, 0) <= 0 || !pfd.revents)
		return 0;
	/*
	 * Writable and not hung up: sctund read the CONNECTING record, which it
	 * does only once the association is up; a failed connect is hung up
	 * before the record goes (usock.c assoc_change()).  So the answer is 0
	 * without asking sctund, a round trip per connect saved.
	 */
	if ((pfd.revents & POLLOUT) && !(pfd.revents & (POLLHUP | POLLERR | POLLRDHUP)))
		err = 0;
	else if ((err = shim_so_error(fd)) < 0)
		err = shim_err(err, ECONNREFUSED);
	if (done)
		*done = true;
	restore_sndbuf(fd, e.sndbuf);
	shim_fd_set_sndbuf(fd, 0);
	shim_fd_set_state(fd, err ? SHIM_NEW : SHIM_CONNECTED);
	return err;
}

/* Step 2 of the contract: small SO_SNDBUF, then the CONNECTING record. */
static int send_connecting(int fd, int *saved)
{
	struct sct_ipc_rec r;
	uint8_t hdr[SCT_IPC_REC_HDR_MAX];
	struct iovec iov[2];
	struct msghdr msg;
	socklen_t len = sizeof(*saved);
	int small = SHIM_CONNECTING_SNDBUF, n, err;

	if (shim_real.getsockopt(fd, SOL_SOCKET, SO_SNDBUF, saved, &len) < 0)
		return -errno;
	*saved /= 2; /* Linux reports twice what was set */
	if (shim_real.setsockopt(fd, SOL_SOCKET, SO_SNDBUF, &small, sizeof(small)) < 0)
		return -errno;
	memset(&r, 0, sizeof(r));
	r.version = SCT_IPC_VERSION;
	r.type = SCT_IPC_REC_CONNECTING;
	r.payload_len = SCT_IPC_CONNECTING_PAD;
	n = sct_ipc_rec_encode_hdr(&r, hdr, sizeof(hdr));
	if (n < 0) {
		restore_sndbuf(fd, *saved);
		return -EINVAL;
	}
	iov[0].iov_base = hdr;
	iov[0].iov_len = (size_t)n;
	iov[1].iov_base = (void *)connecting_pad;
	iov[1].iov_len = sizeof(connecting_pad);
	memset(&msg, 0, sizeof(msg));
	msg.msg_iov = iov;
	msg.msg_iovlen = 2;
	if (shim_real.sendmsg(fd, &msg, MSG_DONTWAIT | MSG_NOSIGNAL) < 0) {
		err = errno == EAGAIN ? ENOBUFS : errno;
		restore_sndbuf(fd, *saved);
		return -err;
	}
	return 0;
}

/*
 * One-to-many (RFC 6458 3.1.5, 9.9): sctund answers at once with the
 * association id and sets the association up on its own; it announces
 * itself with SCTP_COMM_UP.  No CONNECTING record: the socket stays
 * writable, for its other associations.  A non-blocking connect() or
 * sctp_connectx() fails with EINPROGRESS at once, the id set, as Linux's.
 */
/*
 * A blocking connect()/sctp_connectx() on a one-to-many socket returns once
 * the association is up, as Linux's __sctp_connect() (sctp_wait_for_connect):
 * a program that sends and closes right after it (sctp_test -C) must not
 * close an association still in COOKIE-WAIT, whose queued messages would go
 * with it.  The data socket carries every association of the socket, so the
 * CONNECTING record cannot tell; the shim asks sctund for the association's
 * state instead, waiting 1 ms, then twice as long each time up to 64 ms.
 * It ends when the association is up, or gone (ECONNREFUSED, as Linux when
 * the INIT is refused or times out), or on a signal (EINTR; the association
 * goes on).
 */
static int wait_many(int fd, sctp_assoc_t id)
{
	struct sctp_status st;
	socklen_t len;
	int ms = 1;

	for (;;) {
		memset(&st, 0, sizeof(st));
		st.sstat_assoc_id = id;
		len = sizeof(st);
		if (shim_getsockopt(fd, SOL_SCTP, SCTP_STATUS, &st, &len) < 0 ||
		    st.sstat_state == SCTP_CLOSED)
			return -ECONNREFUSED;
		if (st.sstat_state >= SCTP_ESTABLISHED)
			return 0;
		if (poll(NULL, 0, ms) < 0 && errno == EINTR)
			return -EINTR;
		if (ms < 64)
			ms *= 2;
	}
}

static int connect_many(int fd, struct sct_ipc_ctl *req, sctp_assoc_t *id)
{
	struct sct_ipc_ctl rsp;
	uint8_t buf[SCT_IPC_CTL_MAX];
	int err;

	err = shim_ctl_request(fd, req, &rsp, buf);
	if (err)
		return err;
	if (id)
		*id = (sctp_assoc_t)rsp.assoc_id;
	/* as Linux's sctp_wait_for_connect() with no time to wait: SCTP_COMM_UP says when */
	if (shim_real.fcntl(fd, F_GETFL) & O_NONBLOCK)
		return -EINPROGRESS;
	return wait_many(fd, (sctp_assoc_t)rsp.assoc_id);
}

/* Everything but the argument checks (one-to-one); -errno or SHIM_ELOST. */
static int connect_one(int fd, const struct shim_fd *e, struct sct_ipc_ctl *req, sctp_assoc_t *id)
{
	struct sct_ipc_ctl rsp;
	uint8_t buf[SCT_IPC_CTL_MAX];
	struct sockaddr_storage peer;
	struct pollfd pfd = {.fd = fd, .events = POLLOUT};
	int saved, ctl, err, n;

	ctl = shim_ctl_get(fd);
	if (ctl < 0)
		return ctl;
	err = send_connecting(fd, &saved);
	if (err)
		return err;
	err = shim_ctl_call(ctl, req, -1, &rsp, buf, NULL);
	if (err && err != -EINPROGRESS) {
		restore_sndbuf(fd, saved);
		return err;
	}
	if (id)
		*id = (sctp_assoc_t)rsp.assoc_id;
	n = shim_addr_to_sockaddr(&req->addrs[0], e->family, &peer);
	if (n > 0)
		shim_fd_set_peer(fd, (struct sockaddr *)&peer, (socklen_t)n);
	shim_fd_set_sndbuf(fd, saved);
	shim_fd_set_eof(fd, false);
	shim_fd_set_state(fd, SHIM_CONNECTING);
	if (shim_real.fcntl(fd, F_GETFL) & O_NONBLOCK)
		return -EINPROGRESS;
	/* As Linux: a signal ends the wait with EINTR and the connect goes on. */
	while (!(n = poll(&pfd, 1, -1)))
		;
	if (n < 0)
		return -errno;
	err = shim_connect_check(fd, NULL);
	return err ? -err : 0;
}

int shim_connect_addrs(int fd, const struct sct_ipc_addr *addrs, size_t n, bool x,
		       sctp_assoc_t *id)
{
	struct sct_ipc_ctl req;
	struct shim_fd e;
	int err;

	if (!shim_fd_get(fd, &e))
		return -EBADF;
	if (n == 0 || n > SCT_IPC_MAX_ADDRS)
		return -EINVAL;
	shim_req_init(&req, x ? SCT_IPC_OP_CONNECTX : SCT_IPC_OP_CONNECT);
	memcpy(req.addrs, addrs, n * sizeof(*addrs));
	req.naddrs = n;
	req.present = SCT_IPC_BIT(SCT_IPC_A_ADDR);
	if (e.type == SOCK_SEQPACKET)
		return connect_many(fd, &req, id);
	if (e.state == SHIM_CONNECTING) {
		err = shim_connect_check(fd, NULL);
		if (err)
			return -err;
		shim_fd_get(fd, &e);
		return e.state == SHIM_CONNECTING ? -EALREADY : -EISCONN;
	}
	if (e.state == SHIM_LISTENING)
		return -EINVAL;
	if (e.state != SHIM_NEW)
		return -EISCONN;
	return connect_one(fd, &e, &req, id);
}

int shim_connect(int fd, const struct sockaddr *addr, socklen_t len)
{
	struct sct_ipc_addr a;
	struct shim_fd e;
	int err;

	shim_init();
	if (!shim_fd_get(fd, &e))
		return shim_real.connect(fd, addr, len);
	err = shim_addr_for_socket(e.family, addr, len, &a);
	if (!err)
		err = shim_connect_addrs(fd, &a, 1, false, NULL);
	if (err) {
		errno = shim_err(err, ECONNREFUSED);
		return -1;
	}
	return 0;
}

/*
 * Take one ACCEPTABLE record: a blocking recv on a blocking socket, so
 * SA_RESTART and SO_RCVTIMEO behave as on a kernel socket.  It is peeked
 * first: with no descriptor free for the new socket, accept() fails with
 * EMFILE (or ENFILE) and leaves it, as Linux leaves the connection queued.
 */
static int take_acceptable(int fd)
{
	uint8_t buf[SCT_IPC_REC_HDR_MAX];
	struct sct_ipc_rec r;
	struct shim_fd e;
	ssize_t n;
	int err;

	for (;;) {
		n = shim_real.recv(fd, buf, sizeof(buf), MSG_PEEK);
		if (n < 0)
			return -errno;
		if (n > 0 && !sct_ipc_rec_decode(buf, (size_t)n, &r) &&
		    r.type == SCT_IPC_REC_ACCEPTABLE) {
			err = shim_fd_room(fd);
			if (err)
				return err;
		}
		if (n > 0) {
			/* ours unless another thread took it meanwhile: then wait again */
			n = shim_real.recv(fd, buf, sizeof(buf), MSG_DONTWAIT);
			if (n > 0 && !sct_ipc_rec_decode(buf, (size_t)n, &r) &&
			    r.type == SCT_IPC_REC_ACCEPTABLE)
				return 0;
			continue;
		}
		/* sctund closed the listener (ECONNABORTED), or died: EINVAL, as on
		 * a socket that is not listening, for servers retry the former */
		if (shim_so_error(fd) < 0 || (shim_fd_get(fd, &e) && e.lost))
			return -EINVAL;
		return -ECONNABORTED;
	}
}

static int accept_ours(int fd, const struct shim_fd *l, struct sockaddr *addr, socklen_t *alen,
		       int flags)
{
	struct sct_ipc_ctl req, rsp;
	uint8_t buf[SCT_IPC_CTL_MAX];
	struct sockaddr_storage peer;
	struct shim_fd e;
	int nfd, ctl, err, n = 0;

	if (addr && !alen)
		return -EFAULT;
	for (;;) {
		err = take_acceptable(fd);
		if (err)
			return err;
		ctl = shim_ctl_get(fd);
		if (ctl < 0)
			return ctl;
		shim_req_init(&req, SCT_IPC_OP_ACCEPT);
		err = shim_ctl_call(ctl, &req, -1, &rsp, buf, &nfd);
		/* the association it announced ended before we asked: a blocking
		 * accept() waits for the next one, as Linux's */
		if (err != -EAGAIN || (shim_real.fcntl(fd, F_GETFL) & O_NONBLOCK))
			break;
	}
	if (!err && nfd < 0)
		err = SHIM_ELOST;
	if (err)
		return err;
	err = shim_apply_flags(nfd, flags);
	memset(&e, 0, sizeof(e));
	e.family = l->family;
	e.type = SOCK_STREAM;
	e.protocol = IPPROTO_SCTP;
	e.state = SHIM_CONNECTED;
	e.tcp = l->tcp; /* accepted from a TCP listener: a TCP socket too (sctun-run --tcp) */
	e.ctl = -1;	/* ADOPT when first needed */
	memcpy(e.events, l->events, sizeof(e.events)); /* inherited, as sctund's copy */
	memset(&peer, 0, sizeof(peer));
	if (rsp.naddrs)
		n = shim_addr_to_sockaddr(&rsp.addrs[0], l->family, &peer);
	if (n > 0) {
		memcpy(&e.peer, &peer, (size_t)n);
		e.peer_len = (socklen_t)n;
	}
	if (!err)
		err = shim_fd_put(nfd, &e) ? -ENFILE : 0;
	if (!err && addr)
		err = shim_addr_copy_out(&peer, n > 0 ? (socklen_t)n : 0, addr, alen);
	if (err) {
		shim_fd_forget(nfd);
		shim_real.close(nfd);
		return err;
	}
	return nfd;
}

int shim_accept4(int fd, struct sockaddr *addr, socklen_t *len, int flags)
{
	struct shim_fd e;
	int r;

	shim_init();
	if (!shim_fd_get(fd, &e))
		return shim_real.accept4(fd, addr, len, flags);
	if (e.type == SOCK_SEQPACKET) {
		errno = EOPNOTSUPP; /* as Linux: one-to-many sockets take associations themselves */
		return -1;
	}
	if ((flags & ~(SOCK_NONBLOCK | SOCK_CLOEXEC)) || e.state != SHIM_LISTENING) {
		errno = EINVAL;
		return -1;
	}
	r = accept_ours(fd, &e, addr, len, flags);
	if (r < 0) {
		errno = shim_err(r, ECONNABORTED);
		return -1;
	}
	return r;
}

int shim_accept(int fd, struct sockaddr *addr, socklen_t *len)
{
	struct shim_fd e;

	shim_init();
	if (!shim_fd_get(fd, &e))
		return shim_real.accept(fd, addr, len);
	return shim_accept4(fd, addr, len, 0);
}
