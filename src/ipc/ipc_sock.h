/* SPDX-License-Identifier: MIT */
/* ipc_sock.h: send and receive one IPC datagram, with at most one fd as SCM_RIGHTS. */
#ifndef SCT_IPC_IPC_SOCK_H
#define SCT_IPC_IPC_SOCK_H

#include <stddef.h>
#include <sys/types.h>
#include <sys/uio.h>

/**
 * sct_ipc_sendv() - send @iov as one datagram on the SOCK_SEQPACKET @sock,
 * with @fd attached as SCM_RIGHTS unless it is -1.  MSG_NOSIGNAL is always
 * added to @flags: a shim inside someone else's program must never raise
 * SIGPIPE when sctund goes away.
 * Return: bytes sent (the whole datagram: SOCK_SEQPACKET is atomic);
 * -EINVAL for more than 16 iovecs; -errno from sendmsg() (-EAGAIN with
 * MSG_DONTWAIT, -EPIPE, -EMSGSIZE...).
 */
ssize_t sct_ipc_sendv(int sock, const struct iovec *iov, size_t iovcnt, int fd, int flags);

/** sct_ipc_send() - sct_ipc_sendv() of one buffer. */
ssize_t sct_ipc_send(int sock, const void *buf, size_t len, int fd, int flags);

/**
 * sct_ipc_recv() - receive one datagram into @buf and at most one fd into
 * *@fd (-1 when none came), close-on-exec (MSG_CMSG_CLOEXEC: the program we
 * live in may fork and exec at any time).  A datagram that does not fit, or
 * whose ancillary data does not, is an error and any fd that came with it
 * is closed, so a bad message never leaks a descriptor into the program.
 * Return: bytes received (0: the peer closed); SCT_IPC_E_MSG_TRUNC;
 * SCT_IPC_E_MSG_CTRUNC; SCT_IPC_E_MSG_FDS (two or more fds, or ancillary
 * data other than SCM_RIGHTS); -errno from recvmsg() (-EAGAIN...).
 */
ssize_t sct_ipc_recv(int sock, void *buf, size_t cap, int *fd, int flags);

#endif /* SCT_IPC_IPC_SOCK_H */
