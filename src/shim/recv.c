/* SPDX-License-Identifier: MIT */
/* recv.c: read, readv, recv, recvfrom, recvmsg (and fortify's _chk forms) on sctun sockets. */
#include "config.h"

#include "shim/shim.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "ipc/ipc_buf.h"

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
 * from malloc().  A record delivered in several pieces (iperf3 reads 8 KiB
 * of 64 KiB records) is peeked whole once: its copy stays with the fd
 * (shim_fd_take_cache()), and each later piece peeks only the header and
 * address to check the head of the queue is still that record (same length
 * and header bytes: the TSN is in them), then copies from the cache.
 *
 * NOTIFICATION records become the host's RFC 6458 structure (notif.c),
 * flagged MSG_NOTIFICATION; read() gets them as bytes, as on Linux.
 */
#define SHIM_PEEK_STACK	 8192
#define SHIM_WAITALL_IOV 64	   /* iovecs MSG_WAITALL fills at once; the rest on a later turn */
#define PEEK_RETRY	 (-200001) /* another process took the record: start over */
#define PEEK_JUNK	 (-200002) /* a datagram too long to be a record */

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

/*
 * End of file on the data socket.  sctund shuts its end of a one-to-one
 * socket down once the peer's data has ended (SHUTDOWN, or ABORT with
 * SO_ERROR set); it never ends a one-to-many one but for a client it cuts
 * off (SO_ERROR EPROTO).  When sctund dies the kernel ends both kinds the
 * same way, and only the control connection tells: SO_ERROR cannot be
 * asked, or is answered ECONNRESET for a socket already known lost.  So:
 * 0 for a clean end (once SO_ERROR was asked); the error for an ABORT
 * (once, as Linux); ECONNRESET on every read of a socket whose sctund
 * went away, so no program mistakes it for a clean end, and for a
 * one-to-many socket, whose end of file never is one (a 0 there would
 * look like an empty message to a receive loop, which would spin).
 */
static ssize_t at_eof(int fd, const struct shim_fd *e)
{
	struct shim_fd cur;
	int err;

	if (e->lost)
		return -ECONNRESET;
	if (e->eof_done)
		return e->type == SOCK_SEQPACKET ? -ECONNRESET : 0;
	shim_fd_set_eof(fd, true);
	err = shim_so_error(fd);
	if (err > 0)
		return -err;
	if (err < 0 || e->type == SOCK_SEQPACKET || (shim_fd_get(fd, &cur) && cur.lost))
		return -ECONNRESET;
	return 0;
}

/*
 * An EOF record: sctund says the peer's data ended cleanly (it sends one only
 * without an error, right before it shuts its end: sctun-ipc(7)).  0 without
 * asking SO_ERROR; later reads find the end of file and return 0 as well.
 */
static ssize_t clean_eof(int fd, const struct shim_fd *e)
{
	if (e->lost)
		return -ECONNRESET;
	if (e->type == SOCK_SEQPACKET)
		return at_eof(fd, e); /* never a clean end there */
	shim_fd_set_eof(fd, true);
	return 0;
}

/*
 * The header of the record now at the head of the queue, for SCTP_NXTINFO,
 * without peeking its payload: the fixed fields ipc.h lays out.
 */
static bool peek_next(int fd, struct sct_ipc_rec *r)
{
	uint8_t h[SCT_IPC_REC_HDR_LEN];
	ssize_t n = shim_real.recv(fd, h, sizeof(h), MSG_PEEK | MSG_DONTWAIT);

	if (n != (ssize_t)sizeof(h) || h[0] != SCT_IPC_VERSION ||
	    (h[1] != SCT_IPC_REC_DATA && h[1] != SCT_IPC_REC_NOTIFICATION))
		return false;
	memset(r, 0, sizeof(*r));
	r->version = h[0];
	r->type = h[1];
	r->flags = (uint16_t)(h[2] | h[3] << 8);
	r->assoc_id = sct_ipc_get_u32(h + 4);
	r->sid = (uint16_t)(h[8] | h[9] << 8);
	r->ssn = (uint16_t)(h[10] | h[11] << 8);
	r->ppid = sct_ipc_get_u32(h + 12);
	r->payload_len = sct_ipc_get_u32(h + 28);
	return true;
}

/* The cached copy of the head record when it still is the head (*@stale: it was not). */
static uint8_t *from_cache(int fd, int flags, ssize_t *len, bool *stale)
{
	uint8_t hdr[SCT_IPC_REC_HDR_MAX], *c;
	size_t clen;
	ssize_t n;

	*stale = false;
	c = shim_fd_take_cache(fd, &clen);
	if (!c)
		return NULL;
	n = shim_real.recv(fd, hdr, sizeof(hdr), MSG_PEEK | MSG_TRUNC | (flags & MSG_DONTWAIT));
	if (n < 0) {
		*len = -errno;
		shim_fd_give_cache(fd, c, clen); /* EAGAIN, EINTR: still ours to use */
		return NULL;
	}
	if ((size_t)n == clen &&
	    !memcmp(hdr, c, (size_t)n < sizeof(hdr) ? (size_t)n : sizeof(hdr))) {
		*len = n;
		return c;
	}
	free(c); /* another process consumed it */
	*stale = true;
	return NULL;
}

/* Peek the head record whole into *@rb (the stack buffer, the cache, or malloc'd). */
static ssize_t peek_record(int fd, uint8_t *stack, uint8_t **rb, int flags, bool *stale)
{
	ssize_t n = 0, m;

	*rb = from_cache(fd, flags, &n, stale);
	if (*rb || n < 0) {
		if (!*rb)
			*rb = stack;
		return n;
	}
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

/* Keep the peeked record @rb (@n bytes) with the fd for its next piece. */
static void keep(int fd, uint8_t *stack, uint8_t *rb, ssize_t n)
{
	uint8_t *c = rb;

	if (rb == stack) {
		c = malloc((size_t)n);
		if (!c)
			return; /* the next piece peeks it again */
		memcpy(c, rb, (size_t)n);
	}
	shim_fd_give_cache(fd, c, (size_t)n);
}

/* Only sockets that may hold records: one-to-many ones always. */
static ssize_t check_state(int fd, const struct shim_fd *e)
{
	int err;

	if (e->type == SOCK_SEQPACKET)
		return 0;
	if (e->state == SHIM_LISTENING || e->state == SHIM_NEW)
		return -ENOTCONN;
	if (e->state == SHIM_CONNECTING) {
		err = shim_connect_check(fd, NULL);
		if (err)
			return -err;
	}
	return 0;
}

/* Peek until a record the application gets is at the head; its length, 0 (EOF) or -errno. */
/* Is @r handed to the program?  DATA with bytes, and notifications; not CONNECTING,
 * ACCEPTABLE, EOF or empty DATA. */
static bool handed_over(const struct sct_ipc_rec *r)
{
	return (r->type == SCT_IPC_REC_DATA && r->payload_len) ||
	       r->type == SCT_IPC_REC_NOTIFICATION;
}

/* NOTIFICATION record @r, whose payload is at @payload, as the host's RFC 6458 structure in
 * @nbuf (SHIM_NOTIF_MAX bytes).  Return: its length; -EIO. */
static ssize_t notif_to_host(const struct shim_fd *e, const struct sct_ipc_rec *r,
			     const uint8_t *payload, uint8_t *nbuf)
{
	struct sct_ipc_notif nt;
	ssize_t n;

	if (sct_ipc_notif_decode(payload, r->payload_len, &nt))
		return -EIO;
	n = shim_notif_to_host(&nt, r->assoc_id, e->family, e->events, nbuf, SHIM_NOTIF_MAX);
	return n < 0 ? -EIO : n;
}

static ssize_t next_record(int fd, const struct shim_fd *e, uint8_t *stack, uint8_t **rb, int flags,
			   struct sct_ipc_rec *r, bool *stale)
{
	bool st;
	ssize_t n;
	int err;

	*stale = false;
	for (;;) {
		n = peek_record(fd, stack, rb, flags, &st);
		*stale |= st;
		if (n == PEEK_RETRY)
			continue;
		if (n == PEEK_JUNK) {
			consume(fd);
			return -EIO;
		}
		if (n < 0)
			return n;
		if (n == 0)
			return at_eof(fd, e);
		err = sct_ipc_rec_decode(*rb, (size_t)n, r);
		if (!err && handed_over(r))
			return n;
		if (*rb != stack)
			free(*rb);
		*rb = stack;
		/* never handed over: CONNECTING, ACCEPTABLE, empty DATA; a
		 * malformed record is an I/O error */
		consume(fd);
		if (err)
			return -EIO;
		if (r->type == SCT_IPC_REC_EOF)
			return clean_eof(fd, e);
	}
}

static ssize_t recv_one(int fd, const struct iovec *iov, int iovcnt, int flags,
			struct shim_rinfo *ri);

/*
 * MSG_WAITALL on a TCP program's socket (sctun-run --tcp): the program
 * counts on a full buffer unless the stream ends, fails or a signal comes,
 * so messages are read until it is full, as TCP would.  Not with
 * MSG_PEEK, or on a non-blocking socket (Linux returns what is there).
 */
static ssize_t wait_all(int fd, const struct iovec *iov, int iovcnt, int flags,
			struct shim_rinfo *ri)
{
	struct iovec v[SHIM_WAITALL_IOV];
	ssize_t got = 0, n;
	int i, k;

	for (;;) {
		/* the part of @iov after the @got bytes already filled */
		size_t skip = (size_t)got;

		for (i = 0, k = 0; i < iovcnt && k < SHIM_WAITALL_IOV; i++) {
			if (skip >= iov[i].iov_len) {
				skip -= iov[i].iov_len;
				continue;
			}
			v[k].iov_base = (uint8_t *)iov[i].iov_base + skip;
			v[k++].iov_len = iov[i].iov_len - skip;
			skip = 0;
		}
		if (!k)
			return got;
		n = recv_one(fd, v, k, flags & ~MSG_WAITALL, ri);
		if (n < 0 && got && n != -EINTR)
			shim_fd_swap_rcv_err(fd, (int)-n); /* for the next call, as TCP's */
		if (n <= 0)
			return got ? got : n;
		got += n;
	}
}

/**
 * shim_recv_core() - receive one record's payload (or the next piece of it)
 * into @iov; @ri gets MSG_EOR with the piece that ends a message,
 * MSG_NOTIFICATION, the record's header and (when ri->have_next was asked
 * for by setting it true) the header of the record after it.
 * @flags: the caller's; MSG_PEEK and MSG_DONTWAIT are honoured, MSG_WAITALL
 * ignored (SCTP delivers messages, not a byte stream) but on a socket of
 * sctun-run --tcp (wait_all()).
 * Return: bytes delivered; 0 at end of file; -errno.
 */
ssize_t shim_recv_core(int fd, const struct iovec *iov, int iovcnt, int flags,
		       struct shim_rinfo *ri)
{
	struct shim_fd e;
	int err;

	if (shim_fd_get(fd, &e) && e.rcv_err && !(flags & MSG_PEEK) &&
	    (err = shim_fd_swap_rcv_err(fd, 0)))
		return -err;
	if ((flags & MSG_WAITALL) && !(flags & (MSG_PEEK | MSG_DONTWAIT)) && shim_fd_get(fd, &e) &&
	    e.tcp && !(shim_real.fcntl(fd, F_GETFL) & O_NONBLOCK))
		return wait_all(fd, iov, iovcnt, flags, ri);
	return recv_one(fd, iov, iovcnt, flags, ri);
}

/*
 * The whole head record in one call, when the caller's one buffer takes any
 * record's payload and address (64 KiB, and 24 bytes more on a one-to-many
 * socket: sctpperf's, and servers that read 64 KiB at a time): the fixed
 * header lands in @h, the rest in the caller's buffer, and the record is
 * consumed as it is delivered, so readiness stays exact without the peek
 * (peek, then consume, was two calls per message).  Records never handed
 * over are consumed and the next one read, as next_record() does; one cut
 * short (an address where none belongs) is an I/O error.
 */
static ssize_t direct(int fd, const struct shim_fd *e, const struct iovec *iov, int flags,
		      struct shim_rinfo *ri)
{
	uint8_t h[SCT_IPC_REC_HDR_MAX], nbuf[SHIM_NOTIF_MAX];
	uint8_t *u = iov[0].iov_base;
	struct sct_ipc_rec r;
	ssize_t n, blen;
	size_t hl;
	int head;

	for (;;) {
		struct iovec v[2] = {{.iov_base = h, .iov_len = SCT_IPC_REC_HDR_LEN}, iov[0]};
		struct msghdr m = {.msg_iov = v, .msg_iovlen = 2};

		n = shim_real.recvmsg(fd, &m, flags & MSG_DONTWAIT);
		if (n < 0)
			return -errno;
		if (n == 0)
			return at_eof(fd, e);
		hl = (size_t)n < SCT_IPC_REC_HDR_LEN ? (size_t)n : SCT_IPC_REC_HDR_LEN;
		/* an address (addr_len 24 at byte 24) came first, in the caller's buffer */
		if (hl == SCT_IPC_REC_HDR_LEN && h[24] == SCT_IPC_ADDR_LEN && h[25] == 0 &&
		    (size_t)n >= SCT_IPC_REC_HDR_MAX) {
			memcpy(h + hl, u, SCT_IPC_ADDR_LEN);
			hl += SCT_IPC_ADDR_LEN;
		}
		/* a malformed record is consumed, as next_record() does */
		head = m.msg_flags & MSG_TRUNC ? -1 : sct_ipc_rec_decode_head(h, hl, (size_t)n, &r);
		if (head < 0)
			return -EIO;
		if (r.type == SCT_IPC_REC_EOF)
			return clean_eof(fd, e);
		if (!handed_over(&r))
			continue; /* consumed, as next_record() does */
		if (r.type == SCT_IPC_REC_NOTIFICATION) {
			blen = notif_to_host(e, &r, u, nbuf);
			if (blen < 0)
				return blen;
			memcpy(u, nbuf, (size_t)blen);
			ri->mflags |= MSG_NOTIFICATION;
		} else {
			if (r.has_addr)
				memmove(u, u + SCT_IPC_ADDR_LEN, r.payload_len);
			blen = (ssize_t)r.payload_len;
		}
		if (r.flags & SCT_IPC_F_EOR)
			ri->mflags |= MSG_EOR;
		ri->have = true;
		ri->rec = r;
		return blen;
	}
}

static ssize_t recv_one(int fd, const struct iovec *iov, int iovcnt, int flags,
			struct shim_rinfo *ri)
{
	uint8_t stack[SHIM_PEEK_STACK], nbuf[SHIM_NOTIF_MAX], *rb;
	bool want_next = ri->have_next, stale;
	const uint8_t *body;
	struct sct_ipc_rec r = {0}; /* set by next_record() when it returns > 0 */
	struct shim_fd e;
	ssize_t cap, n, blen;
	size_t off, k, whole;

	memset(ri, 0, sizeof(*ri));
	if (!shim_fd_get(fd, &e))
		return -EBADF;
	if (flags & (MSG_OOB | MSG_ERRQUEUE))
		return -EOPNOTSUPP;
	n = check_state(fd, &e);
	if (n)
		return n;
	cap = iov_total(iov, iovcnt);
	if (cap <= 0)
		return cap;
	/* one-to-one records carry no address (sctun-ipc(7)): 64 KiB is enough there */
	whole = SCT_IPC_MAX_PAYLOAD + (e.type == SOCK_SEQPACKET ? SCT_IPC_ADDR_LEN : 0);
	if (!(flags & MSG_PEEK) && iovcnt == 1 && !e.cache && !e.off && (size_t)cap >= whole) {
		n = direct(fd, &e, iov, flags, ri);
		if (n > 0 && want_next)
			ri->have_next = peek_next(fd, &ri->next);
		return n;
	}
	n = next_record(fd, &e, stack, &rb, flags, &r, &stale);
	if (n <= 0)
		return n;
	body = r.payload;
	blen = (ssize_t)r.payload_len;
	if (r.type == SCT_IPC_REC_NOTIFICATION) {
		blen = notif_to_host(&e, &r, r.payload, nbuf);
		if (blen < 0) {
			if (rb != stack)
				free(rb);
			consume(fd);
			return -EIO;
		}
		body = nbuf;
		ri->mflags |= MSG_NOTIFICATION;
	}
	if (!shim_fd_get(fd, &e)) /* closed meanwhile by another thread */
		e.off = 0;
	off = !stale && e.off < (size_t)blen ? e.off : 0;
	k = (size_t)blen - off < (size_t)cap ? (size_t)blen - off : (size_t)cap;
	copy_to_iov(iov, iovcnt, body + off, k);
	if (off + k == (size_t)blen && (r.flags & SCT_IPC_F_EOR))
		ri->mflags |= MSG_EOR;
	ri->have = true;
	ri->rec = r;
	ri->rec.payload = NULL;
	if (!(flags & MSG_PEEK) && off + k == (size_t)blen) {
		consume(fd);
		shim_fd_set_off(fd, 0);
		if (rb != stack)
			free(rb);
		if (want_next)
			ri->have_next = peek_next(fd, &ri->next);
		return (ssize_t)k;
	}
	if (!(flags & MSG_PEEK))
		shim_fd_set_off(fd, off + k);
	keep(fd, stack, rb, n);
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
	struct shim_rinfo ri = {0};
	struct shim_fd e;

	shim_init();
	if (!shim_fd_get(fd, &e))
		return shim_real.read(fd, buf, len);
	return ret(shim_recv_core(fd, &iov, 1, 0, &ri));
}

ssize_t shim_readv(int fd, const struct iovec *iov, int iovcnt)
{
	struct shim_rinfo ri = {0};
	struct shim_fd e;

	shim_init();
	if (!shim_fd_get(fd, &e))
		return shim_real.readv(fd, iov, iovcnt);
	return ret(shim_recv_core(fd, iov, iovcnt, 0, &ri));
}

ssize_t shim_recv(int fd, void *buf, size_t len, int flags)
{
	struct iovec iov = {.iov_base = buf, .iov_len = len};
	struct shim_rinfo ri = {0};
	struct shim_fd e;

	shim_init();
	if (!shim_fd_get(fd, &e))
		return shim_real.recv(fd, buf, len, flags);
	return ret(shim_recv_core(fd, &iov, 1, flags, &ri));
}

/*
 * The source of what was received.  One-to-one records carry no address:
 * the source is the peer.  One-to-many DATA records carry the peer's
 * primary address; a notification's is its association's peer, when it
 * still has one (as Linux, which gives the primary path's address).
 */
static void fill_name(int fd, const struct shim_fd *e, const struct shim_rinfo *ri, void *name,
		      socklen_t *namelen)
{
	struct sct_ipc_ctl req, rsp;
	uint8_t buf[SCT_IPC_CTL_MAX];
	struct sockaddr_storage ss;
	socklen_t l = sizeof(ss);
	struct shim_fd cur;
	int n = -1;

	if (!name || !namelen)
		return;
	if (e->type == SOCK_SEQPACKET) {
		if (ri->rec.has_addr) {
			n = shim_addr_to_sockaddr(&ri->rec.addr, e->family, &ss);
		} else if (ri->rec.assoc_id) {
			shim_req_init(&req, SCT_IPC_OP_GETPEERNAME);
			req.present = SCT_IPC_BIT(SCT_IPC_A_ASSOC_ID);
			req.assoc_id = ri->rec.assoc_id;
			if (!shim_ctl_request(fd, &req, &rsp, buf) && rsp.naddrs)
				n = shim_addr_to_sockaddr(&rsp.addrs[0], e->family, &ss);
		}
		if (n > 0)
			shim_addr_copy_out(&ss, (socklen_t)n, name, namelen);
		else
			*namelen = 0;
		return;
	}
	if (!shim_fd_get(fd, &cur))
		return;
	if (!cur.peer_len && shim_getpeername(fd, (struct sockaddr *)&ss, &l) == 0)
		shim_fd_get(fd, &cur);
	shim_addr_copy_out(&cur.peer, cur.peer_len, name, namelen);
}

ssize_t shim_recvfrom(int fd, void *buf, size_t len, int flags, struct sockaddr *addr,
		      socklen_t *alen)
{
	struct iovec iov = {.iov_base = buf, .iov_len = len};
	struct shim_rinfo ri = {0};
	struct shim_fd e;
	ssize_t n;
	int saved;

	shim_init();
	if (!shim_fd_get(fd, &e))
		return shim_real.recvfrom(fd, buf, len, flags, addr, alen);
	n = shim_recv_core(fd, &iov, 1, flags, &ri);
	if (n > 0) {
		saved = errno;
		fill_name(fd, &e, &ri, addr, alen);
		errno = saved;
	}
	return ret(n);
}

ssize_t shim_recv_msg(int fd, struct msghdr *msg, int flags, unsigned want)
{
	struct shim_rinfo ri = {0};
	struct shim_fd e;
	ssize_t n;

	if (!shim_fd_get(fd, &e))
		return -EBADF;
	if (!msg)
		return -EFAULT;
	if (msg->msg_iovlen > (size_t)IOV_MAX)
		return -EMSGSIZE;
	want |= (e.events[0] ? SHIM_WANT_SNDRCV : 0) | (e.rcvinfo ? SHIM_WANT_RCVINFO : 0) |
		(e.nxtinfo ? SHIM_WANT_NXTINFO : 0);
	ri.have_next = (want & SHIM_WANT_NXTINFO) != 0;
	n = shim_recv_core(fd, msg->msg_iov, (int)msg->msg_iovlen, flags, &ri);
	if (n < 0)
		return n;
	if (n > 0 || ri.have)
		fill_name(fd, &e, &ri, msg->msg_name, &msg->msg_namelen);
	else
		msg->msg_namelen = 0;
	msg->msg_flags = ri.mflags;
	shim_cmsg_build_recv(msg, &ri, want);
	return n;
}

ssize_t shim_recvmsg(int fd, struct msghdr *msg, int flags)
{
	struct shim_fd e;
	ssize_t n;
	int saved;

	shim_init();
	if (!shim_fd_get(fd, &e))
		return shim_real.recvmsg(fd, msg, flags);
	saved = errno;
	n = shim_recv_msg(fd, msg, flags, 0);
	if (n >= 0)
		errno = saved;
	return ret(n);
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
