/* SPDX-License-Identifier: MIT */
/* ctl.c: the control connection to sctund: finding it, HELLO, requests, lazy ADOPT. */
#include "config.h"

#include "shim/shim.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/un.h>
#include <unistd.h>

#include "ipc/ipc_buf.h"
#include "ipc/ipc_sock.h"

#define SHIM_DEFAULT_SOCKET "/run/sctun/sctund.sock"

/*
 * Requests are synchronous, but two threads of the program may make a
 * request on the same socket at once; a lock per control fd (striped)
 * keeps each request and its response together.  Never the table's lock:
 * a response may take a round trip through sctund.
 */
#define SHIM_CTL_STRIPES 64
static pthread_mutex_t ctl_locks[SHIM_CTL_STRIPES];
static pthread_once_t ctl_locks_once = PTHREAD_ONCE_INIT;
static atomic_uint ctl_next_id;
static atomic_bool warned;

/*
 * Idle control connections, kept for the next socket.  A connection costs
 * the program a socket(), a connect() and the HELLO round trip, and sctund an
 * accept() and a registration: more than half of what socket() plus close()
 * cost.  close() hands the socket's connection back with CLOSE (sctund lets go
 * of the socket, the connection stays: sctun-ipc(7)), sent without waiting
 * for its answer, and the next socket() or ADOPT takes it.  At most
 * SHIM_POOL_MAX, each a descriptor of the program's (above 512, see
 * move_high()) and of sctund's; they belong to the process that pooled them
 * (a fork child closes its copies) and to the service path of that moment.
 * A program out of descriptors gets them back (shim_ctl_pool_drop()).
 */
#define SHIM_POOL_MAX 4
static pthread_mutex_t pool_lock = PTHREAD_MUTEX_INITIALIZER;
static int pool[SHIM_POOL_MAX];
static int pool_n;
static char pool_path[sizeof(((struct sockaddr_un *)0)->sun_path)];

static void ctl_locks_init(void)
{
	size_t i;

	for (i = 0; i < SHIM_CTL_STRIPES; i++)
		pthread_mutex_init(&ctl_locks[i], NULL);
}

void shim_ctl_atfork_child(void)
{
	/* A lock another thread held at fork() stays locked in the child: start afresh. */
	pthread_once(&ctl_locks_once, ctl_locks_init);
	ctl_locks_init();
	atomic_store(&warned, false);
	/* the parent goes on using its pooled connections: the child lets go of its copies */
	pthread_mutex_init(&pool_lock, NULL);
	while (pool_n > 0)
		shim_real.close(pool[--pool_n]);
}

int shim_service_path(char *buf, size_t cap)
{
	const char *env = getenv("SCTUN_SOCKET");
	const char *xdg;
	int n;

	if (env && *env)
		n = snprintf(buf, cap, "%s", env);
	else if (getuid() == 0 || !(xdg = getenv("XDG_RUNTIME_DIR")) || !*xdg)
		n = snprintf(buf, cap, "%s", SHIM_DEFAULT_SOCKET);
	else
		n = snprintf(buf, cap, "%s/sctun/sctund.sock", xdg);
	return n < 0 || (size_t)n >= cap ? -ENAMETOOLONG : 0;
}

void shim_warn_unreachable(int err)
{
	char path[sizeof(((struct sockaddr_un *)0)->sun_path) + 64], line[512];
	int n;

	if (atomic_exchange(&warned, true))
		return;
	if (shim_service_path(path, sizeof(path)))
		snprintf(path, sizeof(path), "(path too long)");
	n = snprintf(line, sizeof(line), "sctun: cannot reach sctund at %s: %s\n", path,
		     err == SHIM_ELOST ? "bad or no answer to HELLO" : strerror(-err));
	if (n > 0)
		(void)!shim_real.write(STDERR_FILENO, line,
				       (size_t)n < sizeof(line) ? (size_t)n : sizeof(line) - 1);
}

void shim_req_init(struct sct_ipc_ctl *req, uint16_t opcode)
{
	memset(req, 0, sizeof(*req));
	req->opcode = opcode;
}

/*
 * sctund refuses a connection it cannot serve (out of descriptors, or the user's quota)
 * with an ERROR of id 0, before any request, and closes it (sctun-ipc(7)).  Depending
 * on when our request went, the kernel reports the close first (send: EPIPE; receive:
 * ECONNRESET, when our request was left unread) and keeps the ERROR queued behind it.
 * Return: the refusal's -errno when @rsp is one (resources only: anything else from a
 * server this broken is SHIM_ELOST); 0 when it is not.
 */
static int refusal(const struct sct_ipc_ctl *rsp)
{
	if (rsp->kind != SCT_IPC_RESPONSE || rsp->opcode != SCT_IPC_OP_ERROR || rsp->id != 0)
		return 0;
	switch (rsp->status) {
	case ENFILE:
	case EMFILE:
	case ENOBUFS:
	case ENOMEM:
		return -(int)rsp->status;
	default:
		return SHIM_ELOST;
	}
}

/* After the connection broke: a refusal still queued, or SHIM_ELOST. */
static int queued_refusal(int ctl, struct sct_ipc_ctl *rsp, uint8_t *buf)
{
	int fd, err;
	ssize_t n = sct_ipc_recv(ctl, buf, SCT_IPC_CTL_MAX, &fd, MSG_DONTWAIT);

	if (fd >= 0)
		shim_real.close(fd);
	if (n <= 0 || sct_ipc_ctl_decode(buf, (size_t)n, fd >= 0, rsp))
		return SHIM_ELOST;
	err = refusal(rsp);
	return err ? err : SHIM_ELOST;
}

/* Fill in @req's version, kind, id and descriptor count, and encode it into @out. */
static ssize_t encode_request(struct sct_ipc_ctl *req, bool with_fd, uint8_t *out)
{
	req->version = req->opcode == SCT_IPC_OP_HELLO ? SCT_IPC_HELLO_VERSION : SCT_IPC_VERSION;
	req->kind = SCT_IPC_REQUEST;
	do /* id 0 is sctund's own (a refusal) */
		req->id = atomic_fetch_add(&ctl_next_id, 1) + 1;
	while (req->id == 0);
	req->nfds = with_fd;
	return sct_ipc_ctl_encode(req, out, SCT_IPC_CTL_MAX);
}

int shim_ctl_call(int ctl, struct sct_ipc_ctl *req, int fd_out, struct sct_ipc_ctl *rsp,
		  uint8_t *buf, int *fd_in)
{
	uint8_t out[SCT_IPC_CTL_MAX];
	pthread_mutex_t *lock;
	ssize_t n;
	int fd, err = 0;

	pthread_once(&ctl_locks_once, ctl_locks_init);
	if (fd_in)
		*fd_in = -1;
	n = encode_request(req, fd_out >= 0, out);
	if (n < 0)
		return SHIM_ELOST;
	lock = &ctl_locks[(unsigned)ctl % SHIM_CTL_STRIPES];
	pthread_mutex_lock(lock);
	if (sct_ipc_send(ctl, out, (size_t)n, fd_out, 0) < 0) {
		err = queued_refusal(ctl, rsp, buf);
		pthread_mutex_unlock(lock);
		return err;
	}
	for (;;) {
		n = sct_ipc_recv(ctl, buf, SCT_IPC_CTL_MAX, &fd, 0);
		if (n == -ECONNRESET) {
			err = queued_refusal(ctl, rsp, buf);
			break;
		}
		if (n <= 0 || sct_ipc_ctl_decode(buf, (size_t)n, fd >= 0, rsp) ||
		    rsp->kind != SCT_IPC_RESPONSE) {
			err = SHIM_ELOST;
			break;
		}
		if (rsp->id == req->id)
			break;
		err = refusal(rsp);
		if (err)
			break;
		/* a response to a request abandoned earlier: not ours */
		if (fd >= 0)
			shim_real.close(fd);
	}
	pthread_mutex_unlock(lock);
	if (!err && rsp->opcode == SCT_IPC_OP_ERROR)
		err = -(int)rsp->status;
	else if (!err && rsp->opcode != req->opcode)
		err = SHIM_ELOST;
	else if (!err && rsp->status)
		err = -(int)rsp->status;
	if (fd >= 0 && (err || !fd_in))
		shim_real.close(fd);
	else if (fd >= 0)
		*fd_in = fd;
	return err;
}

/*
 * Programs count on socket() returning the lowest free descriptor, as the
 * kernel's does (iperf3 closes its TCP listener and keeps using that number
 * for the SCTP one).  A control connection must not take that number from
 * the data socket that follows it, so it moves up, out of the way: to 512,
 * or half the descriptor limit when that is lower.  If it cannot move, it
 * stays where it is.
 */
static int move_high(int fd)
{
	struct rlimit rl;
	rlim_t min = 512;
	int nfd;

	if (getrlimit(RLIMIT_NOFILE, &rl) == 0 && rl.rlim_cur != RLIM_INFINITY &&
	    rl.rlim_cur < 2 * min)
		min = rl.rlim_cur / 2;
	if (min <= (rlim_t)fd)
		return fd;
	nfd = shim_real.fcntl(fd, F_DUPFD_CLOEXEC, (int)min);
	if (nfd < 0)
		return fd;
	shim_real.close(fd);
	shim_fd_forget(nfd);
	return nfd;
}

/* A pooled connection for @path, alive as far as a look at it tells; -1: none. */
static int pool_take(const char *path)
{
	uint8_t buf[SCT_IPC_CTL_MAX];

	for (;;) {
		int ctl = -1, fd;
		ssize_t n;

		pthread_mutex_lock(&pool_lock);
		if (pool_n > 0 && strcmp(path, pool_path) == 0)
			ctl = pool[--pool_n];
		pthread_mutex_unlock(&pool_lock);
		if (ctl < 0)
			return -1;
		/*
		 * CLOSE's answer, if it came, is consumed here; then the connection
		 * must have nothing more to say (EAGAIN): end of file behind the
		 * answer is a sctund that went away since, and the connection is
		 * dropped.
		 */
		do {
			n = sct_ipc_recv(ctl, buf, sizeof(buf), &fd, MSG_DONTWAIT);
			if (fd >= 0)
				shim_real.close(fd);
		} while (n > 0);
		if (n == -EAGAIN)
			return ctl;
		shim_real.close(ctl);
	}
}

void shim_ctl_release(int ctl)
{
	char path[sizeof(pool_path)];
	uint8_t out[SCT_IPC_CTL_MAX];
	struct sct_ipc_ctl req;
	ssize_t n;

	if (ctl < 0)
		return;
	if (shim_service_path(path, sizeof(path)) == 0) {
		shim_req_init(&req, SCT_IPC_OP_CLOSE);
		n = encode_request(&req, false, out);
		if (n > 0 && sct_ipc_send(ctl, out, (size_t)n, -1, MSG_DONTWAIT) == n) {
			pthread_mutex_lock(&pool_lock);
			if (pool_n == 0)
				snprintf(pool_path, sizeof(pool_path), "%s", path);
			if (pool_n < SHIM_POOL_MAX && strcmp(path, pool_path) == 0) {
				pool[pool_n++] = ctl;
				ctl = -1;
			}
			pthread_mutex_unlock(&pool_lock);
		}
	}
	if (ctl >= 0)
		shim_real.close(ctl);
}

int shim_ctl_pool_drop(void)
{
	int n;

	pthread_mutex_lock(&pool_lock);
	n = pool_n;
	while (pool_n > 0)
		shim_real.close(pool[--pool_n]);
	pthread_mutex_unlock(&pool_lock);
	return n;
}

int shim_ctl_open(void)
{
	struct sockaddr_un sun;
	struct sct_ipc_ctl req, rsp;
	uint8_t buf[SCT_IPC_CTL_MAX];
	int fd, err;

	memset(&sun, 0, sizeof(sun));
	sun.sun_family = AF_UNIX;
	err = shim_service_path(sun.sun_path, sizeof(sun.sun_path));
	if (err)
		return err;
	fd = pool_take(sun.sun_path);
	if (fd >= 0)
		return fd;
	fd = shim_real.socket(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0);
	if (fd < 0)
		return -errno;
	/* An entry left by a close() we did not see must not capture our fd. */
	shim_fd_forget(fd);
	fd = move_high(fd);
	if (shim_real.connect(fd, (struct sockaddr *)&sun, sizeof(sun)) < 0) {
		err = -errno;
		shim_real.close(fd);
		return err;
	}
	shim_req_init(&req, SCT_IPC_OP_HELLO);
	req.present = SCT_IPC_BIT(SCT_IPC_A_VERSION_MIN) | SCT_IPC_BIT(SCT_IPC_A_VERSION_MAX);
	req.version_min = SCT_IPC_VERSION_MIN;
	req.version_max = SCT_IPC_VERSION_MAX;
	err = shim_ctl_call(fd, &req, -1, &rsp, buf, NULL);
	if (!err && sct_ipc_hello_pick(SCT_IPC_VERSION_MIN, SCT_IPC_VERSION_MAX, rsp.version_picked,
				       rsp.version_picked) < 0)
		err = SHIM_ELOST;
	if (err) {
		shim_real.close(fd);
		return shim_refused(err) ? err : SHIM_ELOST;
	}
	return fd;
}

/*
 * sctund went away (it was killed, or restarted and does not know the
 * socket): nothing will ever serve this socket again.  It is marked lost
 * so that every later call fails at once, without a new connection to a
 * sctund that never heard of it; its data socket already reads end of
 * file and fails writes with EPIPE (the kernel closed sctund's end).
 */
static bool gone(int err)
{
	return err == SHIM_ELOST || err == -ECONNREFUSED || err == -ENOENT;
}

int shim_ctl_get(int fd)
{
	struct sct_ipc_ctl req, rsp;
	uint8_t buf[SCT_IPC_CTL_MAX];
	struct shim_fd e;
	int ctl, err;

	if (!shim_fd_get(fd, &e))
		return -EBADF;
	if (e.lost)
		return SHIM_ELOST;
	if (e.ctl >= 0)
		return e.ctl;
	ctl = shim_ctl_open();
	if (ctl < 0) {
		if (gone(ctl))
			shim_fd_set_lost(fd);
		return shim_refused(ctl) ? ctl : SHIM_ELOST;
	}
	shim_req_init(&req, SCT_IPC_OP_ADOPT);
	err = shim_ctl_call(ctl, &req, fd, &rsp, buf, NULL);
	if (err) {
		/* ENOTSOCK: a sctund started since does not know the socket */
		if (gone(err) || err == -ENOTSOCK) {
			shim_fd_set_lost(fd);
			err = SHIM_ELOST;
		}
		shim_real.close(ctl);
		return err;
	}
	ctl = shim_fd_set_ctl(fd, ctl);
	return ctl < 0 ? -EBADF : ctl;
}

/* Is @req the question "SO_ERROR?" */
static bool asks_so_error(const struct sct_ipc_ctl *req)
{
	return req->opcode == SCT_IPC_OP_GETSOCKOPT && req->level == SCT_IPC_SOL_SOCKET &&
	       req->optname == SCT_IPC_SO_ERROR;
}

int shim_ctl_request(int fd, struct sct_ipc_ctl *req, struct sct_ipc_ctl *rsp, uint8_t *buf)
{
	int ctl = shim_ctl_get(fd), err;
	struct shim_fd e;

	err = ctl < 0 ? ctl : shim_ctl_call(ctl, req, -1, rsp, buf, NULL);
	if (err != SHIM_ELOST)
		return err;
	if (ctl >= 0) /* the connection broke: sctund died */
		shim_fd_set_lost(fd);
	if (!asks_so_error(req) || !shim_fd_get(fd, &e) || !e.lost)
		return err;
	/* its association went with sctund: the socket's error is ECONNRESET */
	memset(rsp, 0, sizeof(*rsp));
	rsp->opcode = req->opcode;
	rsp->kind = SCT_IPC_RESPONSE;
	sct_ipc_put_u32(buf, ECONNRESET);
	rsp->optval = buf;
	rsp->optval_len = 4;
	rsp->present = SCT_IPC_BIT(SCT_IPC_A_OPTVAL);
	return 0;
}

int shim_so_error(int fd)
{
	struct sct_ipc_ctl req, rsp;
	uint8_t buf[SCT_IPC_CTL_MAX];
	int err;

	shim_req_init(&req, SCT_IPC_OP_GETSOCKOPT);
	req.present = SCT_IPC_BIT(SCT_IPC_A_LEVEL) | SCT_IPC_BIT(SCT_IPC_A_OPTNAME);
	req.level = SCT_IPC_SOL_SOCKET;
	req.optname = SCT_IPC_SO_ERROR;
	err = shim_ctl_request(fd, &req, &rsp, buf);
	if (err)
		return err;
	if (rsp.optval_len != 4)
		return SHIM_ELOST;
	return (int)sct_ipc_get_u32(rsp.optval);
}
