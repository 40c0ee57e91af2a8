/* SPDX-License-Identifier: MIT */
/* ipc_sock.c: sendmsg/recvmsg wrappers for IPC datagrams with an optional SCM_RIGHTS fd. */
#include "ipc/ipc_sock.h"

#include <errno.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "ipc/ipc_err.h"

#define SCT_IPC_MAX_IOV 16
/*
 * Room for the one fd we accept plus a few more, so that a peer sending
 * several is seen (and every one of them closed) rather than cut off with
 * MSG_CTRUNC, which would leave no way to know how many were dropped.
 */
#define SCT_IPC_CMSG_FDS 8

ssize_t sct_ipc_sendv(int sock, const struct iovec *iov, size_t iovcnt, int fd, int flags)
{
	union {
		struct cmsghdr hdr;
		char buf[CMSG_SPACE(sizeof(int))];
	} cm;
	struct msghdr msg;
	struct cmsghdr *c;
	ssize_t n;

	if (iovcnt > SCT_IPC_MAX_IOV)
		return -EINVAL;
	memset(&msg, 0, sizeof(msg));
	msg.msg_iov = (struct iovec *)iov;
	msg.msg_iovlen = iovcnt;
	if (fd >= 0) {
		memset(&cm, 0, sizeof(cm));
		msg.msg_control = cm.buf;
		msg.msg_controllen = sizeof(cm.buf);
		c = CMSG_FIRSTHDR(&msg);
		c->cmsg_level = SOL_SOCKET;
		c->cmsg_type = SCM_RIGHTS;
		c->cmsg_len = CMSG_LEN(sizeof(int));
		memcpy(CMSG_DATA(c), &fd, sizeof(int));
	}
	do
		n = sendmsg(sock, &msg, flags | MSG_NOSIGNAL);
	while (n < 0 && errno == EINTR);
	return n < 0 ? -errno : n;
}

ssize_t sct_ipc_send(int sock, const void *buf, size_t len, int fd, int flags)
{
	struct iovec iov = {.iov_base = (void *)buf, .iov_len = len};

	return sct_ipc_sendv(sock, &iov, 1, fd, flags);
}

/* Close every fd in @c; return how many there were. */
static size_t close_fds(struct cmsghdr *c, int *first)
{
	size_t i, n = (c->cmsg_len - CMSG_LEN(0)) / sizeof(int);
	int fd;

	for (i = 0; i < n; i++) {
		memcpy(&fd, CMSG_DATA(c) + i * sizeof(int), sizeof(int));
		if (i == 0 && first)
			*first = fd;
		else
			close(fd);
	}
	return n;
}

ssize_t sct_ipc_recv(int sock, void *buf, size_t cap, int *fd, int flags)
{
	union {
		struct cmsghdr hdr;
		char buf[CMSG_SPACE(SCT_IPC_CMSG_FDS * sizeof(int))];
	} cm;
	struct iovec iov = {.iov_base = buf, .iov_len = cap};
	struct msghdr msg;
	struct cmsghdr *c;
	int got = -1, err = 0;
	size_t nfds = 0;
	ssize_t n;

	*fd = -1;
	memset(&msg, 0, sizeof(msg));
	msg.msg_iov = &iov;
	msg.msg_iovlen = 1;
	msg.msg_control = cm.buf;
	msg.msg_controllen = sizeof(cm.buf);
	do
		n = recvmsg(sock, &msg, flags | MSG_CMSG_CLOEXEC);
	while (n < 0 && errno == EINTR);
	if (n < 0)
		return -errno;
	/* Take every fd first, so that each error path below can close them all. */
	for (c = CMSG_FIRSTHDR(&msg); c; c = CMSG_NXTHDR(&msg, c)) {
		if (c->cmsg_level == SOL_SOCKET && c->cmsg_type == SCM_RIGHTS)
			nfds += close_fds(c, got < 0 ? &got : NULL);
		else
			err = SCT_IPC_E_MSG_FDS;
	}
	if (msg.msg_flags & MSG_TRUNC)
		err = SCT_IPC_E_MSG_TRUNC;
	else if (msg.msg_flags & MSG_CTRUNC)
		err = SCT_IPC_E_MSG_CTRUNC;
	else if (nfds > 1 && !err)
		err = SCT_IPC_E_MSG_FDS;
	if (err) {
		if (got >= 0)
			close(got);
		return err;
	}
	*fd = got;
	return n;
}
