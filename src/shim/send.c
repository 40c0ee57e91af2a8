/* SPDX-License-Identifier: MIT */
/* send.c: write, writev, send, sendto, sendmsg on sctun sockets: one DATA record per message. */
#include "config.h"

#include "shim/shim.h"

#include <errno.h>
#include <limits.h>
#include <linux/sctp.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>

/*
 * A message goes out as one DATA record: our header in the first iovec,
 * the caller's iovecs after it, in one sendmsg() so the kernel keeps the
 * record whole.  A message above SCT_IPC_MAX_PAYLOAD goes as several
 * records, EOR on the last; once the first is out, the rest follow even on
 * a non-blocking socket (we wait for room with poll): sctund must never be
 * left holding half a message.
 */
#define SHIM_IOV_STACK 32

/* Point @out (room for @cnt + 1) at bytes [@off, @off + @len) of @iov, after @out[0]. */
static int iov_slice(const struct iovec *iov, int cnt, size_t off, size_t len, struct iovec *out)
{
	int i, n = 1;
	size_t k;

	for (i = 0; i < cnt && len; i++) {
		if (off >= iov[i].iov_len) {
			off -= iov[i].iov_len;
			continue;
		}
		k = iov[i].iov_len - off < len ? iov[i].iov_len - off : len;
		out[n].iov_base = (uint8_t *)iov[i].iov_base + off;
		out[n].iov_len = k;
		n++;
		len -= k;
		off = 0;
	}
	return n;
}

static int send_piece(int fd, struct iovec *v, int n, int flags)
{
	struct msghdr msg;

	memset(&msg, 0, sizeof(msg));
	msg.msg_iov = v;
	msg.msg_iovlen = (size_t)n;
	return shim_real.sendmsg(fd, &msg, flags) < 0 ? -errno : 0;
}

ssize_t shim_send_core(int fd, const struct iovec *iov, int iovcnt, int flags,
		       const struct sct_ipc_rec *tmpl)
{
	struct iovec stackv[SHIM_IOV_STACK], *v = stackv;
	uint8_t hdr[SCT_IPC_REC_HDR_MAX];
	struct pollfd pfd = {.fd = fd, .events = POLLOUT};
	struct sct_ipc_rec r;
	struct shim_fd e;
	size_t total = 0, off = 0, piece;
	int i, n, err = 0;

	if (!shim_fd_get(fd, &e))
		return -EBADF;
	if (iovcnt < 0 || iovcnt > IOV_MAX || (iovcnt && !iov))
		return -EINVAL;
	for (i = 0; i < iovcnt; i++) {
		if (iov[i].iov_len > (size_t)SSIZE_MAX - total)
			return -EINVAL;
		total += iov[i].iov_len;
	}
	if (e.type == SOCK_SEQPACKET) {
		/* one-to-many: errors after this point are sctund's to log (asynchronous) */
		if (!tmpl->assoc_id && !tmpl->has_addr && !(tmpl->flags & SCT_IPC_F_SENDALL))
			return -EINVAL;
	} else if (e.state == SHIM_CONNECTING) {
		err = shim_connect_check(fd, NULL);
		if (err)
			return -err;
	} else if (e.state != SHIM_CONNECTED) {
		return -ENOTCONN;
	}
	if (!total && !(tmpl->flags & (SCT_IPC_F_EOF | SCT_IPC_F_ABORT)))
		return -EINVAL;
	if (iovcnt + 1 > SHIM_IOV_STACK) {
		v = malloc(((size_t)iovcnt + 1) * sizeof(*v));
		if (!v)
			return -ENOBUFS;
	}
	flags &= MSG_DONTWAIT | MSG_NOSIGNAL;
	do {
		piece = total - off < SCT_IPC_MAX_PAYLOAD ? total - off : SCT_IPC_MAX_PAYLOAD;
		r = *tmpl;
		r.version = SCT_IPC_VERSION;
		r.type = SCT_IPC_REC_DATA;
		r.payload_len = piece;
		if (e.type != SOCK_SEQPACKET) {
			r.assoc_id = 0; /* one-to-one: the socket's association */
			r.has_addr = false;
			/* as Linux: SCTP_SENDALL means nothing on a one-to-one socket */
			r.flags &= (uint16_t)~SCT_IPC_F_SENDALL;
		} else if (r.flags & SCT_IPC_F_SENDALL) {
			/* every association (RFC 6458 5.3.4): no address, no assoc_id */
			r.assoc_id = 0;
			r.has_addr = false;
		} else if (r.assoc_id) {
			r.has_addr = false;
		}
		r.flags &= (uint16_t) ~(SCT_IPC_F_EOR | SCT_IPC_F_EOF | SCT_IPC_F_ABORT);
		if (off + piece == total)
			r.flags |=
			    SCT_IPC_F_EOR | (tmpl->flags & (SCT_IPC_F_EOF | SCT_IPC_F_ABORT));
		n = sct_ipc_rec_encode_hdr(&r, hdr, sizeof(hdr));
		if (n < 0) {
			err = -EINVAL;
			break;
		}
		v[0].iov_base = hdr;
		v[0].iov_len = (size_t)n;
		n = iov_slice(iov, iovcnt, off, piece, v);
		for (;;) {
			err = send_piece(fd, v, n, off ? flags & ~MSG_DONTWAIT : flags);
			if (!off || (err != -EAGAIN && err != -EINTR))
				break;
			/* never half a message: wait for room for the rest */
			poll(&pfd, 1, -1);
		}
		if (err)
			break;
		off += piece;
	} while (off < total);
	if (v != stackv)
		free(v);
	/*
	 * A hung-up SOCK_SEQPACKET socket fails with EPIPE without the signal a
	 * stream socket raises (sctund died, or shut down a socket it cut off):
	 * raise it, to the calling thread as the kernel does, unless asked not to.
	 */
	if (err == -EPIPE && !(flags & MSG_NOSIGNAL))
		raise(SIGPIPE);
	return err ? err : (ssize_t)total;
}

static ssize_t ret(ssize_t n)
{
	if (n < 0) {
		errno = (int)-n;
		return -1;
	}
	return n;
}

/* no send info given: sctund applies the socket's defaults (RFC 6458 8.1.31) */
static const struct sct_ipc_rec plain = {.flags = SCT_IPC_F_DEFAULT};

ssize_t shim_write(int fd, const void *buf, size_t len)
{
	struct iovec iov = {.iov_base = (void *)buf, .iov_len = len};
	struct shim_fd e;

	shim_init();
	if (!shim_fd_get(fd, &e))
		return shim_real.write(fd, buf, len);
	return ret(shim_send_core(fd, &iov, 1, 0, &plain));
}

ssize_t shim_writev(int fd, const struct iovec *iov, int iovcnt)
{
	struct shim_fd e;

	shim_init();
	if (!shim_fd_get(fd, &e))
		return shim_real.writev(fd, iov, iovcnt);
	return ret(shim_send_core(fd, iov, iovcnt, 0, &plain));
}

ssize_t shim_send(int fd, const void *buf, size_t len, int flags)
{
	struct iovec iov = {.iov_base = (void *)buf, .iov_len = len};
	struct shim_fd e;

	shim_init();
	if (!shim_fd_get(fd, &e))
		return shim_real.send(fd, buf, len, flags);
	return ret(shim_send_core(fd, &iov, 1, flags, &plain));
}

/*
 * The destination of a one-to-many send as an IPC address: v4-mapped IPv6
 * is IPv4; an IPv6 address on an AF_INET socket, or an IPv4 one on an
 * IPV6_V6ONLY socket, is refused (EINVAL, as Linux's sctp_sendmsg()).
 */
static int dest(const struct shim_fd *e, const struct sockaddr *sa, socklen_t len,
		struct sct_ipc_rec *r)
{
	int err = shim_addr_for_socket(e->family, sa, len, &r->addr);

	if (err)
		return err;
	if (e->v6only && r->addr.family == SCT_IPC_AF_INET)
		return -EINVAL;
	if (!r->addr.port)
		return -EINVAL;
	r->has_addr = true;
	return 0;
}

ssize_t shim_sendto(int fd, const void *buf, size_t len, int flags, const struct sockaddr *addr,
		    socklen_t alen)
{
	struct iovec iov = {.iov_base = (void *)buf, .iov_len = len};
	struct sct_ipc_rec r = plain;
	struct shim_fd e;
	int err;

	shim_init();
	if (!shim_fd_get(fd, &e))
		return shim_real.sendto(fd, buf, len, flags, addr, alen);
	/* one-to-one: the address is ignored, as Linux does on a connected socket */
	if (e.type == SOCK_SEQPACKET && addr) {
		err = dest(&e, addr, alen, &r);
		if (err)
			return ret(err);
	}
	return ret(shim_send_core(fd, &iov, 1, flags, &r));
}

ssize_t shim_send_msg(int fd, const struct msghdr *msg, int flags)
{
	struct sockaddr_storage dst;
	socklen_t dst_len;
	struct sct_ipc_rec r;
	struct shim_fd e;
	int err;

	if (!shim_fd_get(fd, &e))
		return -EBADF;
	if (!msg)
		return -EFAULT;
	if (msg->msg_iovlen > (size_t)IOV_MAX)
		return -EMSGSIZE;
	err = shim_cmsg_parse_send(msg, &r, &dst, &dst_len);
	if (err)
		return err;
	if (e.type != SOCK_SEQPACKET)
		return shim_send_core(fd, msg->msg_iov, (int)msg->msg_iovlen, flags, &r);
	if (msg->msg_name && msg->msg_namelen) {
		err = dest(&e, msg->msg_name, msg->msg_namelen, &r);
	} else if (dst_len && !r.assoc_id) {
		/* SCTP_DSTADDRV4/V6 as msg_name: it has no port, so only with an association */
		err = dest(&e, (struct sockaddr *)&dst, dst_len, &r);
	}
	if (err)
		return err;
	return shim_send_core(fd, msg->msg_iov, (int)msg->msg_iovlen, flags, &r);
}

ssize_t shim_sendmsg(int fd, const struct msghdr *msg, int flags)
{
	struct shim_fd e;

	shim_init();
	if (!shim_fd_get(fd, &e))
		return shim_real.sendmsg(fd, msg, flags);
	return ret(shim_send_msg(fd, msg, flags));
}
