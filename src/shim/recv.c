/* SPDX-License-Identifier: MIT */
/* recv.c: read, readv, recv, recvfrom, recvmsg (and fortify's _chk forms) on sctun sockets. */
#include "config.h"

#include "shim/shim.h"

#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

/*
 * Every datagram on the data socket is one record; we strip its header and
 * hand its payload over, one record (one message, or one piece of a long
 * one) per call, as a kernel SCTP socket does.  When the payload is larger
 * than the caller's buffer, the record stays queued in the kernel: we peek
 * it (MSG_PEEK), copy from the per-fd offset, and consume it only with the
 * piece that delivers its last byte.  So poll() keeps reporting "readable"
 * exactly while something is left.  Two processes reading one socket at
 * once see undefined splits (sctun-run(1), LIMITATIONS).
 *
 * Records arrive up to SCT_IPC_REC_MAX (64 KiB and a header); the common
 * small ones are peeked into a buffer on the stack, large ones into one
 * from malloc() for the duration of the call.
 */
#define SHIM_PEEK_STACK 8192
#define PEEK_RETRY	(-200001) /* another process took the record: start over */
#define PEEK_JUNK	(-200002) /* a datagram too long to be a record */

/* Total bytes of @iov, or -EINVAL when it does not fit an ssize_t. */
static ssize_t iov_total(const struct iovec *iov, int iovcnt)
{
	size_t total = 0;
	int i;

	if (iovcnt < 0 || iovcnt > IOV_MAX || (iovcnt && !iov))
		return -EINVAL;
	for (i = 0; i < iovcnt; i++) {
		if (iov[i].iov_len > (size_t)SSIZE_MAX - total)
			return -EINVAL;
		total += iov[i].iov_len;
	}
	return (ssize_t)total;
}

static void copy_to_iov(const struct iovec *iov, int iovcnt, const uint8_t *src, size_t n)
{
	size_t k;
	int i;

	for (i = 0; i < iovcnt && n; i++) {
		k = iov[i].iov_len < n ? iov[i].iov_len : n;
		memcpy(iov[i].iov_base, src, k);
		src += k;
		n -= k;
	}
}

/* Drop the head record (we have peeked it whole). */
static void consume(int fd)
{
	uint8_t c;

	(void)!shim_real.recv(fd, &c, 1, MSG_DONTWAIT);
}

/* End of the peer's data: 0, or the association's error (SO_ERROR) once. */
static ssize_t at_eof(int fd, const struct shim_fd *e)
{
	int err;

	if (e->eof_done)
		return 0;
	shim_fd_set_eof(fd, true);
	err = shim_so_error(fd);
	return err > 0 ? -err : 0;
}

/* Peek the head record whole into *@rb (the stack buffer or malloc'd). */
static ssize_t peek_record(int fd, uint8_t *stack, uint8_t **rb, int flags)
{
	ssize_t n, m;

	*rb = stack;
	n = shim_real.recv(fd, stack, SHIM_PEEK_STACK,
			   MSG_PEEK | MSG_TRUNC | (flags & MSG_DONTWAIT));
	if (n < 0)
		return -errno;
	if (n <= SHIM_PEEK_STACK)
		return n;
	if (n > SCT_IPC_REC_MAX)
		return PEEK_JUNK;
	*rb = malloc((size_t)n);
	if (!*rb) {
		*rb = stack;
		return -ENOMEM;
	}
	m = shim_real.recv(fd, *rb, (size_t)n, MSG_PEEK | MSG_TRUNC | MSG_DONTWAIT);
	if (m < 0 || m > n) { /* another process took it: start over */
		free(*rb);
		*rb = stack;
		return m < 0 ? -errno : PEEK_RETRY;
	}
	return m;
}

/**
 * shim_recv_core() - receive one record's payload (or the next piece of it)
 * into @iov; MSG_EOR goes into *@mflags with the piece that ends a message.
 * @flags: the caller's; MSG_PEEK and MSG_DONTWAIT are honoured, MSG_WAITALL
 * ignored (SCTP delivers messages, not a byte stream).
 * Return: bytes delivered; 0 at end of file; -errno.
 */
ssize_t shim_recv_core(int fd, const struct iovec *iov, int iovcnt, int flags, int *mflags)
{
	uint8_t stack[SHIM_PEEK_STACK], *rb;
	struct sct_ipc_rec r;
	struct shim_fd e;
	ssize_t cap, n;
	size_t off, k;
	int err;

	*mflags = 0;
	if (!shim_fd_get(fd, &e))
		return -EBADF;
	if (flags & (MSG_OOB | MSG_ERRQUEUE))
		return -EOPNOTSUPP;
	if (e.state == SHIM_LISTENING)
		return -ENOTCONN;
	if (e.state == SHIM_CONNECTING) {
		err = shim_connect_check(fd);
		if (err)
			return -err;
	} else if (e.state == SHIM_NEW) {
		return -ENOTCONN;
	}
	cap = iov_total(iov, iovcnt);
	if (cap <= 0)
		return cap;
	for (;;) {
		n = peek_record(fd, stack, &rb, flags);
		if (n == PEEK_RETRY)
			continue;
		if (n == PEEK_JUNK) {
			consume(fd);
			return -EIO;
		}
		if (n < 0)
			return n;
		if (n == 0)
			return at_eof(fd, &e);
		err = sct_ipc_rec_decode(rb, (size_t)n, &r);
		if (!err && r.type == SCT_IPC_REC_DATA && r.payload_len)
			break;
		if (rb != stack)
			free(rb);
		/* never handed over: CONNECTING, ACCEPTABLE, empty DATA, and (for
		 * now) notifications, which one-to-one sockets get only when they
		 * subscribed; a malformed record is an I/O error */
		consume(fd);
		if (err)
			return -EIO;
		if (r.type == SCT_IPC_REC_EOF)
			return at_eof(fd, &e);
	}
	if (!shim_fd_get(fd, &e)) /* closed meanwhile by another thread */
		e.off = 0;
	off = e.off < r.payload_len ? e.off : 0;
	k = r.payload_len - off < (size_t)cap ? r.payload_len - off : (size_t)cap;
	copy_to_iov(iov, iovcnt, r.payload + off, k);
	if (off + k == r.payload_len && (r.flags & SCT_IPC_F_EOR))
		*mflags |= MSG_EOR;
	if (!(flags & MSG_PEEK)) {
		if (off + k == r.payload_len) {
			consume(fd);
			shim_fd_set_off(fd, 0);
		} else {
			shim_fd_set_off(fd, off + k);
		}
	}
	if (rb != stack)
		free(rb);
	return (ssize_t)k;
}

static ssize_t ret(ssize_t n)
{
	if (n < 0) {
		errno = (int)-n;
		return -1;
	}
	return n;
}

ssize_t shim_read(int fd, void *buf, size_t len)
{
	struct iovec iov = {.iov_base = buf, .iov_len = len};
	struct shim_fd e;
	int mf;

	shim_init();
	if (!shim_fd_get(fd, &e))
		return shim_real.read(fd, buf, len);
	return ret(shim_recv_core(fd, &iov, 1, 0, &mf));
}

ssize_t shim_readv(int fd, const struct iovec *iov, int iovcnt)
{
	struct shim_fd e;
	int mf;

	shim_init();
	if (!shim_fd_get(fd, &e))
		return shim_real.readv(fd, iov, iovcnt);
	return ret(shim_recv_core(fd, iov, iovcnt, 0, &mf));
}

ssize_t shim_recv(int fd, void *buf, size_t len, int flags)
{
	struct iovec iov = {.iov_base = buf, .iov_len = len};
	struct shim_fd e;
	int mf;

	shim_init();
	if (!shim_fd_get(fd, &e))
		return shim_real.recv(fd, buf, len, flags);
	return ret(shim_recv_core(fd, &iov, 1, flags, &mf));
}

/* One-to-one records carry no address: the source is the peer. */
static void fill_name(int fd, void *name, socklen_t *namelen)
{
	struct sockaddr_storage ss;
	socklen_t l = sizeof(ss);
	struct shim_fd e;

	if (!name || !namelen)
		return;
	if (!shim_fd_get(fd, &e))
		return;
	if (!e.peer_len && shim_getpeername(fd, (struct sockaddr *)&ss, &l) == 0)
		shim_fd_get(fd, &e);
	shim_addr_copy_out(&e.peer, e.peer_len, name, namelen);
}

ssize_t shim_recvfrom(int fd, void *buf, size_t len, int flags, struct sockaddr *addr,
		      socklen_t *alen)
{
	struct iovec iov = {.iov_base = buf, .iov_len = len};
	struct shim_fd e;
	ssize_t n;
	int mf, saved;

	shim_init();
	if (!shim_fd_get(fd, &e))
		return shim_real.recvfrom(fd, buf, len, flags, addr, alen);
	n = shim_recv_core(fd, &iov, 1, flags, &mf);
	if (n > 0) {
		saved = errno;
		fill_name(fd, addr, alen);
		errno = saved;
	}
	return ret(n);
}

ssize_t shim_recvmsg(int fd, struct msghdr *msg, int flags)
{
	struct shim_fd e;
	ssize_t n;
	int mf, saved;

	shim_init();
	if (!shim_fd_get(fd, &e))
		return shim_real.recvmsg(fd, msg, flags);
	if (!msg) {
		errno = EFAULT;
		return -1;
	}
	if (msg->msg_iovlen > (size_t)IOV_MAX) {
		errno = EMSGSIZE;
		return -1;
	}
	n = shim_recv_core(fd, msg->msg_iov, (int)msg->msg_iovlen, flags, &mf);
	if (n < 0)
		return ret(n);
	saved = errno;
	if (n > 0)
		fill_name(fd, msg->msg_name, &msg->msg_namelen);
	else
		msg->msg_namelen = 0;
	errno = saved;
	msg->msg_controllen = 0; /* no SCTP_RCVINFO / SCTP_SNDRCV cmsgs yet */
	msg->msg_flags = mf;
	return n;
}

ssize_t shim_read_chk(int fd, void *buf, size_t len, size_t buflen)
{
	shim_init();
	if (len > buflen)
		__chk_fail();
	return shim_read(fd, buf, len);
}

ssize_t shim_recv_chk(int fd, void *buf, size_t len, size_t buflen, int flags)
{
	shim_init();
	if (len > buflen)
		__chk_fail();
	return shim_recv(fd, buf, len, flags);
}

ssize_t shim_recvfrom_chk(int fd, void *buf, size_t len, size_t buflen, int flags,
			  struct sockaddr *addr, socklen_t *alen)
{
	shim_init();
	if (len > buflen)
		__chk_fail();
	return shim_recvfrom(fd, buf, len, flags, addr, alen);
}
