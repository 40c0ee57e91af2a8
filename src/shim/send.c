/* SPDX-License-Identifier: MIT */
/* send.c: write, writev, send, sendto, sendmsg on sctun sockets: one DATA record per message. */
#include "config.h"

#include "shim/shim.h"

#include <errno.h>
#include <limits.h>
#include <linux/sctp.h>
#include <poll.h>
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

/**
 * shim_send_core() - send @iov as one user message with the sid, ppid,
 * flags, context and ttl of @tmpl.
 * Return: the payload length; -errno.
 */
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
	if (e.state == SHIM_CONNECTING) {
		err = shim_connect_check(fd);
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

static const struct sct_ipc_rec plain; /* sid 0, ppid 0, no flags */

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

ssize_t shim_sendto(int fd, const void *buf, size_t len, int flags, const struct sockaddr *addr,
		    socklen_t alen)
{
	struct iovec iov = {.iov_base = (void *)buf, .iov_len = len};
	struct shim_fd e;

	shim_init();
	if (!shim_fd_get(fd, &e))
		return shim_real.sendto(fd, buf, len, flags, addr, alen);
	/* one-to-one: the address is ignored, as Linux does on a connected socket */
	return ret(shim_send_core(fd, &iov, 1, flags, &plain));
}

static uint16_t rec_flags(unsigned f)
{
	return (uint16_t)((f & SCTP_UNORDERED ? SCT_IPC_F_UNORDERED : 0) |
			  (f & SCTP_EOF ? SCT_IPC_F_EOF : 0) |
			  (f & SCTP_ABORT ? SCT_IPC_F_ABORT : 0) |
			  (f & SCTP_ADDR_OVER ? SCT_IPC_F_ADDR_OVER : 0) |
			  (f & SCTP_SENDALL ? SCT_IPC_F_SENDALL : 0) |
			  (f & SCTP_SACK_IMMEDIATELY ? SCT_IPC_F_SACK_IMMEDIATELY : 0));
}

/**
 * shim_sndinfo_from_cmsg() - the record fields a sendmsg() asks for with an
 * SCTP_SNDRCV (RFC 6458 5.3.2) or SCTP_SNDINFO (5.3.4) cmsg; other cmsgs
 * are ignored.
 * Return: 0; -EINVAL for a cmsg of the wrong size.
 */
int shim_sndinfo_from_cmsg(const struct msghdr *msg, struct sct_ipc_rec *r)
{
	struct sctp_sndrcvinfo sr;
	struct sctp_sndinfo si;
	struct cmsghdr *c;

	memset(r, 0, sizeof(*r));
	if (!msg->msg_control || msg->msg_controllen < sizeof(struct cmsghdr))
		return 0;
	for (c = CMSG_FIRSTHDR((struct msghdr *)msg); c; c = CMSG_NXTHDR((struct msghdr *)msg, c)) {
		if (c->cmsg_level != IPPROTO_SCTP)
			continue;
		if (c->cmsg_type == SCTP_SNDRCV) {
			if (c->cmsg_len < CMSG_LEN(sizeof(sr)))
				return -EINVAL;
			memcpy(&sr, CMSG_DATA(c), sizeof(sr));
			r->sid = sr.sinfo_stream;
			r->ppid = sr.sinfo_ppid;
			r->flags = rec_flags(sr.sinfo_flags);
			r->tsn_or_context = sr.sinfo_context;
			r->cumtsn_or_ttl = sr.sinfo_timetolive;
		} else if (c->cmsg_type == SCTP_SNDINFO) {
			if (c->cmsg_len < CMSG_LEN(sizeof(si)))
				return -EINVAL;
			memcpy(&si, CMSG_DATA(c), sizeof(si));
			r->sid = si.snd_sid;
			r->ppid = si.snd_ppid;
			r->flags = rec_flags(si.snd_flags);
			r->tsn_or_context = si.snd_context;
			r->cumtsn_or_ttl = 0;
		}
	}
	return 0;
}

ssize_t shim_sendmsg(int fd, const struct msghdr *msg, int flags)
{
	struct sct_ipc_rec r;
	struct shim_fd e;
	int err;

	shim_init();
	if (!shim_fd_get(fd, &e))
		return shim_real.sendmsg(fd, msg, flags);
	if (!msg) {
		errno = EFAULT;
		return -1;
	}
	if (msg->msg_iovlen > (size_t)IOV_MAX) {
		errno = EMSGSIZE;
		return -1;
	}
	err = shim_sndinfo_from_cmsg(msg, &r);
	if (err) {
		errno = -err;
		return -1;
	}
	return ret(shim_send_core(fd, msg->msg_iov, (int)msg->msg_iovlen, flags, &r));
}
