/* SPDX-License-Identifier: MIT */
/* test_shim_fakesrv.c: a scripted stand-in for sctund's IPC server, for the shim's tests. */
#include "config.h"

#include "test_shim_fakesrv.h"

#include <errno.h>
#include <netinet/in.h>
#include <poll.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include "ipc/ipc_sock.h"
#include "shim/shim.h"
#include "harness.h"

#define MAX_CONNS 32

static pthread_mutex_t fs_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_t fs_thread;
static int fs_listen = -1, fs_stop[2] = {-1, -1};
static int conns[MAX_CONNS];
static size_t nconns;

void fakesrv_lock(void)
{
	pthread_mutex_lock(&fs_lock);
}

void fakesrv_unlock(void)
{
	pthread_mutex_unlock(&fs_lock);
}

int fakesrv_put_rec(int fd, uint8_t type, uint16_t flags, const void *payload, size_t len)
{
	static uint8_t buf[SCT_IPC_REC_MAX];
	struct sct_ipc_rec r;
	int n;

	memset(&r, 0, sizeof(r));
	r.version = SCT_IPC_VERSION;
	r.type = type;
	r.flags = flags;
	r.payload = payload;
	r.payload_len = len;
	n = sct_ipc_rec_encode(&r, buf, sizeof(buf));
	if (n < 0)
		return -1;
	return (int)send(fd, buf, (size_t)n, MSG_NOSIGNAL);
}

static void put_u32(uint8_t *p, uint32_t v)
{
	p[0] = (uint8_t)v;
	p[1] = (uint8_t)(v >> 8);
	p[2] = (uint8_t)(v >> 16);
	p[3] = (uint8_t)(v >> 24);
}

/* Answer one request @q on @c, per the contract. */
static void serve(struct fakesrv *fs, int c, const struct sct_ipc_ctl *q, int qfd)
{
	struct sct_ipc_ctl a;
	uint8_t out[SCT_IPC_CTL_MAX], ov[8], junk[SCT_IPC_REC_MAX];
	int sv[2] = {-1, -1}, give = -1, n;
	bool drain = false;

	memset(&a, 0, sizeof(a));
	a.version = q->version;
	a.kind = SCT_IPC_RESPONSE;
	a.opcode = q->opcode;
	a.id = q->id;
	fakesrv_lock();
	fs->n_req[q->opcode]++;
	switch (q->opcode) {
	case SCT_IPC_OP_HELLO:
		a.present = SCT_IPC_BIT(SCT_IPC_A_VERSION);
		a.version_picked = 1;
		break;
	case SCT_IPC_OP_SOCKET:
	case SCT_IPC_OP_ACCEPT:
		socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, sv);
		give = sv[0];
		a.nfds = 1;
		if (q->opcode == SCT_IPC_OP_SOCKET) {
			fs->data_srv = sv[1];
		} else {
			fs->accepted_srv = sv[1];
			a.present = SCT_IPC_BIT(SCT_IPC_A_ASSOC_ID) | SCT_IPC_BIT(SCT_IPC_A_ADDR);
			a.assoc_id = 7;
			a.naddrs = 1;
			a.addrs[0] = fs->peer;
		}
		break;
	case SCT_IPC_OP_ADOPT:
		a.status = fs->adopt_status;
		a.present = SCT_IPC_BIT(SCT_IPC_A_FAMILY) | SCT_IPC_BIT(SCT_IPC_A_SOCKTYPE);
		a.family = SCT_IPC_AF_INET;
		a.socktype = SCT_IPC_SOCK_STREAM;
		break;
	case SCT_IPC_OP_BIND:
		fs->bind_addr = q->addrs[0];
		break;
	case SCT_IPC_OP_LISTEN:
		fs->backlog = q->backlog;
		break;
	case SCT_IPC_OP_CONNECT:
		fs->connect_addr = q->addrs[0];
		a.status = (uint32_t)fs->connect_status;
		a.present = SCT_IPC_BIT(SCT_IPC_A_ASSOC_ID);
		a.assoc_id = 5;
		drain = fs->connect_drain;
		break;
	case SCT_IPC_OP_GETSOCKNAME:
	case SCT_IPC_OP_GETPEERNAME:
		a.present = SCT_IPC_BIT(SCT_IPC_A_ADDR);
		a.naddrs = 1;
		a.addrs[0] = q->opcode == SCT_IPC_OP_GETSOCKNAME ? fs->name : fs->peer;
		break;
	case SCT_IPC_OP_SETSOCKOPT:
		fs->opt_level = q->level;
		fs->opt_name = q->optname;
		fs->optval_len = q->optval_len;
		memcpy(fs->optval, q->optval, q->optval_len);
		break;
	case SCT_IPC_OP_GETSOCKOPT:
		a.present = SCT_IPC_BIT(SCT_IPC_A_OPTVAL);
		if (q->level == SCT_IPC_SOL_SOCKET && q->optname == SCT_IPC_SO_ERROR) {
			put_u32(ov, fs->so_error);
			fs->so_error = 0; /* reading SO_ERROR clears it */
			a.optval = ov;
			a.optval_len = 4;
		} else {
			a.optval = fs->optval; /* what the last SETSOCKOPT stored */
			a.optval_len = fs->optval_len;
		}
		break;
	case SCT_IPC_OP_CLOSE:
		break; /* the connection lets go of its socket (and may serve a new one) */
	default:
		a.status = EOPNOTSUPP;
		break;
	}
	fakesrv_unlock();
	if (a.status)
		a.present &= SCT_IPC_BIT(SCT_IPC_A_ASSOC_ID);
	n = sct_ipc_ctl_encode(&a, out, sizeof(out));
	if (n > 0)
		sct_ipc_send(c, out, (size_t)n, give, 0);
	if (give >= 0)
		close(give);
	if (qfd >= 0)
		close(qfd);
	if (drain && recv(fs->data_srv, junk, sizeof(junk), 0) > 0) {
		fakesrv_lock();
		fs->connecting_seen++;
		fakesrv_unlock();
	}
}

static void *fs_main(void *arg)
{
	struct fakesrv *fs = arg;
	struct pollfd p[MAX_CONNS + 2];
	uint8_t buf[SCT_IPC_CTL_MAX];
	struct sct_ipc_ctl q;
	size_t i, n;
	ssize_t got;
	int fd;

	for (;;) {
		p[0].fd = fs_stop[0];
		p[1].fd = fs_listen;
		for (i = 0; i < nconns; i++)
			p[i + 2].fd = conns[i];
		n = nconns + 2;
		for (i = 0; i < n; i++)
			p[i].events = POLLIN;
		if (poll(p, n, -1) < 0)
			continue;
		if (p[0].revents)
			return NULL;
		for (i = 2; i < n; i++) {
			if (!p[i].revents)
				continue;
			got = sct_ipc_recv(p[i].fd, buf, sizeof(buf), &fd, 0);
			if (got <= 0 || sct_ipc_ctl_decode(buf, (size_t)got, fd >= 0, &q)) {
				if (fd >= 0)
					close(fd);
				close(p[i].fd);
				p[i].fd = -1;
				continue;
			}
			serve(fs, p[i].fd, &q, fd);
		}
		/* forget closed connections */
		for (i = 2, nconns = 0; i < n; i++)
			if (p[i].fd >= 0)
				conns[nconns++] = p[i].fd;
		if ((p[1].revents & POLLIN) && nconns < MAX_CONNS) {
			fd = accept4(fs_listen, NULL, NULL, SOCK_CLOEXEC);
			if (fd >= 0)
				conns[nconns++] = fd;
		}
	}
}

int fakesrv_start(struct fakesrv *fs)
{
	struct sockaddr_un sun;

	memset(fs, 0, sizeof(*fs));
	fs->connect_status = EINPROGRESS;
	fs->connect_drain = true;
	fs->data_srv = fs->accepted_srv = -1;
	snprintf(fs->path, sizeof(fs->path), "/tmp/sctun-test-%d.sock", (int)getpid());
	unlink(fs->path);
	memset(&sun, 0, sizeof(sun));
	sun.sun_family = AF_UNIX;
	memcpy(sun.sun_path, fs->path, strlen(fs->path));
	fs_listen = socket(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0);
	if (fs_listen < 0 || bind(fs_listen, (struct sockaddr *)&sun, sizeof(sun)) ||
	    listen(fs_listen, 16) || pipe(fs_stop))
		return -errno;
	nconns = 0;
	setenv("SCTUN_SOCKET", fs->path, 1);
	return -pthread_create(&fs_thread, NULL, fs_main, fs);
}

void fakesrv_stop(struct fakesrv *fs)
{
	size_t i;

	(void)!write(fs_stop[1], "x", 1);
	pthread_join(fs_thread, NULL);
	for (i = 0; i < nconns; i++)
		close(conns[i]);
	close(fs_listen);
	close(fs_stop[0]);
	close(fs_stop[1]);
	if (fs->data_srv >= 0)
		close(fs->data_srv);
	if (fs->accepted_srv >= 0)
		close(fs->accepted_srv);
	unlink(fs->path);
	unsetenv("SCTUN_SOCKET");
}

int fakesrv_connected_pair(int *srv)
{
	struct shim_fd e;
	int sv[2];

	CU_ASSERT_EQUAL_FATAL(socketpair(AF_UNIX, SOCK_SEQPACKET, 0, sv), 0);
	memset(&e, 0, sizeof(e));
	e.family = AF_INET;
	e.type = SOCK_STREAM;
	e.protocol = IPPROTO_SCTP;
	e.state = SHIM_CONNECTED;
	e.ctl = -1;
	CU_ASSERT_EQUAL_FATAL(shim_fd_put(sv[0], &e), 0);
	*srv = sv[1];
	return sv[0];
}

static bool poll_now(int fd, short what)
{
	struct pollfd p = {.fd = fd, .events = what};

	return poll(&p, 1, 0) == 1 && (p.revents & what);
}

bool fakesrv_readable(int fd)
{
	return poll_now(fd, POLLIN);
}

bool fakesrv_writable(int fd)
{
	return poll_now(fd, POLLOUT);
}

int fakesrv_get_rec(int srv, struct sct_ipc_rec *r, uint8_t *buf, size_t cap)
{
	ssize_t n = recv(srv, buf, cap, MSG_DONTWAIT);

	if (n < 0)
		return -errno;
	return sct_ipc_rec_decode(buf, (size_t)n, r);
}
