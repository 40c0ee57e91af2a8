/* SPDX-License-Identifier: MIT */
/* test_shim_sock.c: the shim's socket calls, dup, fork and refusals, against a fake sctund. */
#include "config.h"

#include "harness.h"

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <sys/socket.h> /* before linux/sctp.h, which needs it */
#include <linux/sctp.h>
#include <poll.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

#include "ipc/ipc_err.h"
#include "ipc/ipc_sock.h"
#include "shim/shim.h"
#include "test_shim_fakesrv.h"

static struct fakesrv fs;
static uint8_t big[SCT_IPC_REC_MAX];

static void start(void)
{
	shim_init();
	CU_ASSERT_EQUAL_FATAL(fakesrv_start(&fs), 0);
}

/* Receive one record on the daemon's end and decode it into @r (payload in big[]). */
static int get_rec(int srv, struct sct_ipc_rec *r)
{
	return fakesrv_get_rec(srv, r, big, sizeof(big));
}

static void shim_socket_passes_through_what_is_not_sctp(void)
{
	struct shim_fd e;
	int fd, sv[2];

	shim_init();
	fd = shim_socket(AF_INET, SOCK_STREAM, 0);
	CU_ASSERT_TRUE_FATAL(fd >= 0);
	CU_ASSERT_FALSE(shim_fd_get(fd, &e));
	CU_ASSERT_EQUAL(shim_close(fd), 0);
	fd = shim_socket(AF_UNIX, SOCK_STREAM, 0);
	CU_ASSERT_TRUE(fd >= 0);
	shim_close(fd);
	CU_ASSERT_EQUAL(shim_socketpair(AF_INET, SOCK_STREAM, IPPROTO_SCTP, sv), -1);
	CU_ASSERT_EQUAL(errno, EOPNOTSUPP);
	CU_ASSERT_EQUAL(shim_socket(AF_INET, SOCK_SEQPACKET, IPPROTO_SCTP), -1);
	CU_ASSERT_EQUAL(errno, ESOCKTNOSUPPORT);
	/* without sctund: what a kernel without SCTP says */
	setenv("SCTUN_SOCKET", "/nonexistent/sctund.sock", 1);
	CU_ASSERT_EQUAL(shim_socket(AF_INET6, SOCK_STREAM, IPPROTO_SCTP), -1);
	CU_ASSERT_EQUAL(errno, EPROTONOSUPPORT);
	unsetenv("SCTUN_SOCKET");
}

static void shim_socket_gets_its_fd_from_sctund(void)
{
	struct shim_fd e;
	socklen_t len = sizeof(int);
	int fd, fd2, x;

	start();
	fd = shim_socket(AF_INET, SOCK_STREAM, IPPROTO_SCTP);
	CU_ASSERT_TRUE_FATAL(fd >= 0);
	CU_ASSERT_TRUE(shim_fd_get(fd, &e));
	CU_ASSERT_TRUE(e.ctl >= 0);
	CU_ASSERT_EQUAL(e.state, SHIM_NEW);
	CU_ASSERT_FALSE(fcntl(fd, F_GETFD) & FD_CLOEXEC);
	CU_ASSERT_FALSE(fcntl(fd, F_GETFL) & O_NONBLOCK);
	CU_ASSERT_EQUAL(shim_getsockopt(fd, SOL_SOCKET, SO_TYPE, &x, &len), 0);
	CU_ASSERT_EQUAL(x, SOCK_STREAM);
	CU_ASSERT_EQUAL(shim_getsockopt(fd, SOL_SOCKET, SO_PROTOCOL, &x, &len), 0);
	CU_ASSERT_EQUAL(x, IPPROTO_SCTP);
	CU_ASSERT_EQUAL(shim_getsockopt(fd, SOL_SOCKET, SO_DOMAIN, &x, &len), 0);
	CU_ASSERT_EQUAL(x, AF_INET);
	/* reading or writing before connect */
	CU_ASSERT_EQUAL(shim_read(fd, &x, 1), -1);
	CU_ASSERT_EQUAL(errno, ENOTCONN);
	CU_ASSERT_EQUAL(shim_write(fd, &x, 1), -1);
	CU_ASSERT_EQUAL(errno, ENOTCONN);
	fd2 = shim_socket(AF_INET6, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, IPPROTO_SCTP);
	CU_ASSERT_TRUE_FATAL(fd2 >= 0);
	CU_ASSERT_TRUE(fcntl(fd2, F_GETFD) & FD_CLOEXEC);
	CU_ASSERT_TRUE(fcntl(fd2, F_GETFL) & O_NONBLOCK);
	fakesrv_lock();
	CU_ASSERT_EQUAL(fs.n_req[SCT_IPC_OP_HELLO], 2);
	CU_ASSERT_EQUAL(fs.n_req[SCT_IPC_OP_SOCKET], 2);
	fakesrv_unlock();
	CU_ASSERT_EQUAL(shim_close(fd), 0);
	CU_ASSERT_FALSE(shim_fd_get(fd, &e));
	shim_close(fd2);
	fakesrv_stop(&fs);
}

static void shim_names_bind_listen_and_options_reach_sctund(void)
{
	struct sockaddr_in6 s6, got6;
	struct sockaddr_in s4;
	socklen_t len;
	int fd, one = 1, x;

	start();
	fd = shim_socket(AF_INET6, SOCK_STREAM, IPPROTO_SCTP);
	CU_ASSERT_TRUE_FATAL(fd >= 0);
	memset(&s4, 0, sizeof(s4));
	s4.sin_family = AF_INET;
	s4.sin_port = htons(5001);
	CU_ASSERT_EQUAL(shim_bind(fd, (struct sockaddr *)&s4, sizeof(s4)), 0);
	CU_ASSERT_EQUAL(shim_bind(fd, (struct sockaddr *)&s4, 3), -1);
	CU_ASSERT_EQUAL(errno, EINVAL);
	CU_ASSERT_EQUAL(shim_setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one)), 0);
	CU_ASSERT_EQUAL(shim_setsockopt(fd, IPPROTO_IP, IP_TOS, &one, sizeof(one)), -1);
	CU_ASSERT_EQUAL(errno, ENOPROTOOPT);
	CU_ASSERT_EQUAL(shim_listen(fd, 0x7fffffff), 0);
	len = sizeof(x);
	CU_ASSERT_EQUAL(shim_getsockopt(fd, SOL_SOCKET, SO_ACCEPTCONN, &x, &len), 0);
	CU_ASSERT_EQUAL(x, 1);
	/* the fake answers GETSOCKOPT with the last SETSOCKOPT's bytes */
	len = sizeof(x);
	CU_ASSERT_EQUAL(shim_getsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &x, &len), 0);
	CU_ASSERT_EQUAL(x, 1);
	fakesrv_lock();
	CU_ASSERT_EQUAL(fs.bind_addr.family, SCT_IPC_AF_INET);
	CU_ASSERT_EQUAL(fs.bind_addr.port, 5001);
	CU_ASSERT_EQUAL(fs.backlog, 0x7fffffff);
	CU_ASSERT_EQUAL(fs.opt_level, SCT_IPC_SOL_SOCKET);
	CU_ASSERT_EQUAL(fs.opt_name, SCT_IPC_SO_REUSEADDR);
	fs.name.family = SCT_IPC_AF_INET;
	fs.name.port = 5001;
	fs.name.addr[0] = 10;
	fs.name.addr[3] = 1;
	fakesrv_unlock();
	/* an IPv4 address on an AF_INET6 socket comes back v4-mapped */
	len = sizeof(got6);
	CU_ASSERT_EQUAL(shim_getsockname(fd, (struct sockaddr *)&got6, &len), 0);
	CU_ASSERT_EQUAL(len, sizeof(s6));
	CU_ASSERT_EQUAL(got6.sin6_family, AF_INET6);
	CU_ASSERT_EQUAL(ntohs(got6.sin6_port), 5001);
	CU_ASSERT_TRUE(IN6_IS_ADDR_V4MAPPED(&got6.sin6_addr));
	CU_ASSERT_EQUAL(got6.sin6_addr.s6_addr[12], 10);
	/* SO_RCVTIMEO belongs to the data socket itself */
	{
		struct timeval tv = {.tv_sec = 3}, back;

		len = sizeof(back);
		CU_ASSERT_EQUAL(shim_setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv)), 0);
		CU_ASSERT_EQUAL(getsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &back, &len), 0);
		CU_ASSERT_EQUAL(back.tv_sec, 3);
	}
	shim_close(fd);
	fakesrv_stop(&fs);
}

static int sndbuf_of(int fd)
{
	socklen_t len = sizeof(int);
	int x = -1;

	getsockopt(fd, SOL_SOCKET, SO_SNDBUF, &x, &len);
	return x;
}

static struct sockaddr_in peer4(void)
{
	struct sockaddr_in s;

	memset(&s, 0, sizeof(s));
	s.sin_family = AF_INET;
	s.sin_port = htons(2905);
	inet_pton(AF_INET, "192.0.2.7", &s.sin_addr);
	return s;
}

static void shim_connect_blocking_waits_for_the_connecting_record(void)
{
	struct sockaddr_in s = peer4();
	struct shim_fd e;
	int fd, before, i, seen;

	start();
	fd = shim_socket(AF_INET, SOCK_STREAM, IPPROTO_SCTP);
	CU_ASSERT_TRUE_FATAL(fd >= 0);
	before = sndbuf_of(fd);
	CU_ASSERT_EQUAL(shim_connect(fd, (struct sockaddr *)&s, sizeof(s)), 0);
	CU_ASSERT_TRUE(shim_fd_get(fd, &e));
	CU_ASSERT_EQUAL(e.state, SHIM_CONNECTED);
	CU_ASSERT_EQUAL(sndbuf_of(fd), before); /* SO_SNDBUF put back */
	/* connect() returns once the record is read; the fake sctund counts it just after */
	for (i = 0; i < 1000; i++) {
		fakesrv_lock();
		seen = fs.connecting_seen;
		fakesrv_unlock();
		if (seen >= 1)
			break;
		usleep(1000);
	}
	fakesrv_lock();
	CU_ASSERT_EQUAL(fs.connecting_seen, 1);
	CU_ASSERT_EQUAL(fs.connect_addr.family, SCT_IPC_AF_INET);
	CU_ASSERT_EQUAL(fs.connect_addr.port, 2905);
	CU_ASSERT_EQUAL(fs.connect_addr.addr[0], 192);
	fakesrv_unlock();
	CU_ASSERT_EQUAL(shim_connect(fd, (struct sockaddr *)&s, sizeof(s)), -1);
	CU_ASSERT_EQUAL(errno, EISCONN);
	shim_close(fd);
	fakesrv_stop(&fs);
}

static void shim_connect_nonblocking_einprogress_then_writable(void)
{
	struct sockaddr_in s = peer4();
	struct sct_ipc_rec r;
	struct shim_fd e;
	socklen_t len = sizeof(int);
	int fd, err = -1, before;
	unsigned asked;

	start();
	fakesrv_lock();
	fs.connect_drain = false;
	fakesrv_unlock();
	fd = shim_socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, IPPROTO_SCTP);
	CU_ASSERT_TRUE_FATAL(fd >= 0);
	before = sndbuf_of(fd);
	CU_ASSERT_EQUAL(shim_connect(fd, (struct sockaddr *)&s, sizeof(s)), -1);
	CU_ASSERT_EQUAL(errno, EINPROGRESS);
	/* the unread CONNECTING record keeps the fd unwritable: select/poll wait */
	CU_ASSERT_FALSE(fakesrv_writable(fd));
	CU_ASSERT_EQUAL(shim_connect(fd, (struct sockaddr *)&s, sizeof(s)), -1);
	CU_ASSERT_EQUAL(errno, EALREADY);
	CU_ASSERT_EQUAL(shim_getsockopt(fd, SOL_SOCKET, SO_ERROR, &err, &len), 0);
	CU_ASSERT_EQUAL(err, 0);
	CU_ASSERT_TRUE(shim_fd_get(fd, &e));
	CU_ASSERT_EQUAL(e.state, SHIM_CONNECTING);
	/* the association is up: sctund reads the record */
	CU_ASSERT_EQUAL_FATAL(get_rec(fs.data_srv, &r), 0);
	CU_ASSERT_EQUAL(r.type, SCT_IPC_REC_CONNECTING);
	CU_ASSERT_EQUAL(r.payload_len, SCT_IPC_CONNECTING_PAD);
	CU_ASSERT_TRUE(fakesrv_writable(fd));
	err = -1;
	asked = fs.n_req[SCT_IPC_OP_GETSOCKOPT];
	CU_ASSERT_EQUAL(shim_getsockopt(fd, SOL_SOCKET, SO_ERROR, &err, &len), 0);
	CU_ASSERT_EQUAL(err, 0);
	/* writable and not hung up: the connect's answer needs no round trip */
	CU_ASSERT_EQUAL(fs.n_req[SCT_IPC_OP_GETSOCKOPT], asked);
	CU_ASSERT_TRUE(shim_fd_get(fd, &e));
	CU_ASSERT_EQUAL(e.state, SHIM_CONNECTED);
	CU_ASSERT_EQUAL(sndbuf_of(fd), before);
	CU_ASSERT_EQUAL(shim_send(fd, "go", 2, 0), 2);
	CU_ASSERT_EQUAL_FATAL(get_rec(fs.data_srv, &r), 0);
	CU_ASSERT_EQUAL(r.type, SCT_IPC_REC_DATA);
	shim_close(fd);
	fakesrv_stop(&fs);
}

static void shim_connect_failures(void)
{
	struct sockaddr_in s = peer4();
	struct sockaddr_in6 s6;
	struct shim_fd e;
	socklen_t len = sizeof(int);
	int fd, err = -1, before;
	unsigned asked;
	char b[4];

	start();
	fakesrv_lock();
	fs.connect_drain = false;
	fakesrv_unlock();
	/* refused after EINPROGRESS: sctund drops the record and shuts its end */
	fd = shim_socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, IPPROTO_SCTP);
	CU_ASSERT_TRUE_FATAL(fd >= 0);
	CU_ASSERT_EQUAL(shim_connect(fd, (struct sockaddr *)&s, sizeof(s)), -1);
	CU_ASSERT_EQUAL(errno, EINPROGRESS);
	fakesrv_lock();
	fs.so_error = ECONNREFUSED;
	fakesrv_unlock();
	CU_ASSERT_TRUE(recv(fs.data_srv, big, sizeof(big), 0) > 0);
	shutdown(fs.data_srv, SHUT_RDWR);
	CU_ASSERT_TRUE(fakesrv_writable(fd));
	asked = fs.n_req[SCT_IPC_OP_GETSOCKOPT];
	CU_ASSERT_EQUAL(shim_getsockopt(fd, SOL_SOCKET, SO_ERROR, &err, &len), 0);
	CU_ASSERT_EQUAL(err, ECONNREFUSED);
	CU_ASSERT_EQUAL(fs.n_req[SCT_IPC_OP_GETSOCKOPT], asked + 1); /* hung up: asked, once */
	CU_ASSERT_TRUE(shim_fd_get(fd, &e));
	CU_ASSERT_NOT_EQUAL(e.state, SHIM_CONNECTED);
	CU_ASSERT_EQUAL(shim_read(fd, b, sizeof(b)), -1);
	CU_ASSERT_EQUAL(errno, ENOTCONN);
	shim_close(fd);
	close(fs.data_srv);
	fs.data_srv = -1;

	/* refused at once: the errno, and SO_SNDBUF put back */
	fakesrv_lock();
	fs.connect_status = ENETUNREACH;
	fakesrv_unlock();
	fd = shim_socket(AF_INET, SOCK_STREAM, IPPROTO_SCTP);
	CU_ASSERT_TRUE_FATAL(fd >= 0);
	before = sndbuf_of(fd);
	CU_ASSERT_EQUAL(shim_connect(fd, (struct sockaddr *)&s, sizeof(s)), -1);
	CU_ASSERT_EQUAL(errno, ENETUNREACH);
	CU_ASSERT_EQUAL(sndbuf_of(fd), before);
	CU_ASSERT_TRUE(shim_fd_get(fd, &e));
	CU_ASSERT_EQUAL(e.state, SHIM_NEW);
	/* an IPv6 address on an AF_INET socket never reaches sctund */
	memset(&s6, 0, sizeof(s6));
	s6.sin6_family = AF_INET6;
	s6.sin6_addr.s6_addr[15] = 1;
	CU_ASSERT_EQUAL(shim_connect(fd, (struct sockaddr *)&s6, sizeof(s6)), -1);
	CU_ASSERT_EQUAL(errno, EINVAL);
	fakesrv_lock();
	CU_ASSERT_EQUAL(fs.n_req[SCT_IPC_OP_CONNECT], 2);
	fakesrv_unlock();
	shim_close(fd);
	fakesrv_stop(&fs);
}

static void shim_accept_takes_an_acceptable_record(void)
{
	struct sockaddr_in6 got;
	struct sct_ipc_rec r;
	struct shim_fd e;
	socklen_t len = sizeof(got);
	int lfd, nfd, one = 1, x;
	char b[4];

	start();
	lfd = shim_socket(AF_INET6, SOCK_STREAM | SOCK_NONBLOCK, IPPROTO_SCTP);
	CU_ASSERT_TRUE_FATAL(lfd >= 0);
	CU_ASSERT_EQUAL(shim_accept(lfd, NULL, NULL), -1);
	CU_ASSERT_EQUAL(errno, EINVAL); /* not listening */
	CU_ASSERT_EQUAL(shim_listen(lfd, 5), 0);
	CU_ASSERT_EQUAL(shim_accept(lfd, NULL, NULL), -1);
	CU_ASSERT_EQUAL(errno, EAGAIN);
	CU_ASSERT_EQUAL(shim_read(lfd, b, sizeof(b)), -1);
	CU_ASSERT_EQUAL(errno, ENOTCONN);
	fakesrv_lock();
	fs.peer.family = SCT_IPC_AF_INET;
	fs.peer.port = 4000;
	fs.peer.addr[0] = 192;
	fs.peer.addr[1] = 0;
	fs.peer.addr[2] = 2;
	fs.peer.addr[3] = 7;
	fakesrv_unlock();
	CU_ASSERT_TRUE(fakesrv_put_rec(fs.data_srv, SCT_IPC_REC_ACCEPTABLE, 0, NULL, 0) > 0);
	CU_ASSERT_TRUE(fakesrv_readable(lfd));
	nfd = shim_accept4(lfd, (struct sockaddr *)&got, &len, SOCK_CLOEXEC);
	CU_ASSERT_TRUE_FATAL(nfd >= 0);
	CU_ASSERT_FALSE(fakesrv_readable(lfd));
	CU_ASSERT_EQUAL(len, sizeof(got));
	CU_ASSERT_EQUAL(got.sin6_family, AF_INET6);
	CU_ASSERT_TRUE(IN6_IS_ADDR_V4MAPPED(&got.sin6_addr));
	CU_ASSERT_EQUAL(got.sin6_addr.s6_addr[15], 7);
	CU_ASSERT_EQUAL(ntohs(got.sin6_port), 4000);
	CU_ASSERT_TRUE(fcntl(nfd, F_GETFD) & FD_CLOEXEC);
	CU_ASSERT_FALSE(fcntl(nfd, F_GETFL) & O_NONBLOCK);
	CU_ASSERT_TRUE(shim_fd_get(nfd, &e));
	CU_ASSERT_EQUAL(e.state, SHIM_CONNECTED);
	CU_ASSERT_EQUAL(e.ctl, -1);
	CU_ASSERT_EQUAL(e.family, AF_INET6);
	CU_ASSERT_EQUAL(shim_write(nfd, "hi", 2), 2);
	CU_ASSERT_EQUAL_FATAL(get_rec(fs.accepted_srv, &r), 0);
	CU_ASSERT_EQUAL(r.payload_len, 2);
	/* the first request on the accepted fd adopts it */
	CU_ASSERT_EQUAL(shim_setsockopt(nfd, SOL_SCTP, SCTP_NODELAY, &one, sizeof(one)), 0);
	CU_ASSERT_TRUE(shim_fd_get(nfd, &e));
	CU_ASSERT_TRUE(e.ctl >= 0);
	len = sizeof(x);
	CU_ASSERT_EQUAL(shim_getsockopt(nfd, SOL_SCTP, SCTP_NODELAY, &x, &len), 0);
	CU_ASSERT_EQUAL(x, 1);
	fakesrv_lock();
	CU_ASSERT_EQUAL(fs.n_req[SCT_IPC_OP_ADOPT], 1);
	CU_ASSERT_EQUAL(fs.n_req[SCT_IPC_OP_ACCEPT], 1);
	fakesrv_unlock();
	shim_close(nfd);
	shim_close(lfd);
	fakesrv_stop(&fs);
}

static void shim_dup_and_fcntl_dupfd_register_the_copy(void)
{
	struct sct_ipc_rec r;
	struct shim_fd e;
	int srv, fd, d, d2, plain;

	start();
	fd = fakesrv_connected_pair(&srv);
	d = shim_dup(fd);
	CU_ASSERT_TRUE_FATAL(d >= 0);
	CU_ASSERT_TRUE(shim_fd_get(d, &e));
	CU_ASSERT_EQUAL(e.ctl, -1);
	CU_ASSERT_EQUAL(shim_write(d, "d", 1), 1);
	CU_ASSERT_EQUAL_FATAL(get_rec(srv, &r), 0);
	CU_ASSERT_EQUAL(r.payload_len, 1);
	d2 = shim_fcntl(fd, F_DUPFD_CLOEXEC, (void *)(intptr_t)200, false);
	CU_ASSERT_TRUE(d2 >= 200);
	CU_ASSERT_TRUE(shim_fd_get(d2, &e));
	/* dup2 of a plain fd over an sctun copy: that copy is forgotten */
	plain = open("/dev/null", O_RDONLY);
	CU_ASSERT_EQUAL(shim_dup2(plain, d2), d2);
	CU_ASSERT_FALSE(shim_fd_get(d2, &e));
	CU_ASSERT_EQUAL(shim_dup3(fd, d2, O_CLOEXEC), d2);
	CU_ASSERT_TRUE(shim_fd_get(d2, &e));
	shim_close(d2);
	CU_ASSERT_FALSE(shim_fd_get(d2, &e));
	CU_ASSERT_TRUE(shim_fd_get(fd, &e)); /* the original stays */
	shim_close(d);
	shim_close(plain);
	shim_close(fd);
	close(srv);
	fakesrv_stop(&fs);
}

static void shim_fork_child_has_no_control_connections(void)
{
	struct shim_fd e;
	int fd, status = -1;
	pid_t pid;

	start();
	fd = shim_socket(AF_INET, SOCK_STREAM, IPPROTO_SCTP);
	CU_ASSERT_TRUE_FATAL(fd >= 0);
	pid = fork();
	CU_ASSERT_TRUE_FATAL(pid >= 0);
	if (pid == 0)
		_exit(shim_fd_get(fd, &e) && e.ctl == -1 ? 0 : 1);
	CU_ASSERT_EQUAL(waitpid(pid, &status, 0), pid);
	CU_ASSERT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	CU_ASSERT_TRUE(shim_fd_get(fd, &e));
	CU_ASSERT_TRUE(e.ctl >= 0 && fcntl(e.ctl, F_GETFD) >= 0); /* the parent's is intact */
	shim_close(fd);
	fakesrv_stop(&fs);
}

/* What the fake sctund has counted of @op, once it has seen at least @min of them (<= 1 s). */
static unsigned n_req_after(uint16_t op, unsigned min)
{
	unsigned n = 0;
	int i;

	for (i = 0; i < 1000; i++) {
		fakesrv_lock();
		n = fs.n_req[op];
		fakesrv_unlock();
		if (n >= min)
			break;
		usleep(1000);
	}
	return n;
}

/*
 * close() hands the socket's control connection back with CLOSE and keeps it: the next
 * socket() takes it (no new connection, no HELLO); a fork child never takes the parent's
 * (its socket() connects afresh); a sctund that went away leaves nothing reusable (the
 * pooled connection reads end of file and a new one is made).
 */
static void shim_close_keeps_the_control_connection_for_the_next_socket(void)
{
	struct shim_fd e;
	int fd, ctl, status = -1;
	pid_t pid;

	start();
	fd = shim_socket(AF_INET, SOCK_STREAM, IPPROTO_SCTP);
	CU_ASSERT_TRUE_FATAL(fd >= 0);
	CU_ASSERT_TRUE_FATAL(shim_fd_get(fd, &e));
	ctl = e.ctl;
	CU_ASSERT_EQUAL(shim_close(fd), 0);
	CU_ASSERT_EQUAL(n_req_after(SCT_IPC_OP_CLOSE, 1), 1);
	CU_ASSERT_TRUE(fcntl(ctl, F_GETFD) >= 0); /* kept open */
	fd = shim_socket(AF_INET6, SOCK_SEQPACKET, IPPROTO_SCTP);
	CU_ASSERT_TRUE_FATAL(fd >= 0);
	CU_ASSERT_TRUE(shim_fd_get(fd, &e));
	CU_ASSERT_EQUAL(e.ctl, ctl);
	CU_ASSERT_EQUAL(n_req_after(SCT_IPC_OP_SOCKET, 2), 2);
	CU_ASSERT_EQUAL(fs.n_req[SCT_IPC_OP_HELLO], 1);
	CU_ASSERT_EQUAL(shim_close(fd), 0);
	CU_ASSERT_EQUAL(n_req_after(SCT_IPC_OP_CLOSE, 2), 2);
	pid = fork();
	CU_ASSERT_TRUE_FATAL(pid >= 0);
	if (pid == 0) {
		int c = shim_socket(AF_INET, SOCK_STREAM, IPPROTO_SCTP);

		_exit(c >= 0 ? 0 : 1);
	}
	CU_ASSERT_EQUAL(waitpid(pid, &status, 0), pid);
	CU_ASSERT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	CU_ASSERT_EQUAL(n_req_after(SCT_IPC_OP_HELLO, 2), 2); /* the child's own connection */
	fd = shim_socket(AF_INET, SOCK_STREAM, IPPROTO_SCTP);
	CU_ASSERT_TRUE_FATAL(fd >= 0);
	CU_ASSERT_TRUE(shim_fd_get(fd, &e));
	CU_ASSERT_EQUAL(e.ctl, ctl); /* the parent's pooled one */
	CU_ASSERT_EQUAL(n_req_after(SCT_IPC_OP_SOCKET, 4), 4);
	CU_ASSERT_EQUAL(fs.n_req[SCT_IPC_OP_HELLO], 2);
	CU_ASSERT_EQUAL(shim_close(fd), 0);
	CU_ASSERT_EQUAL(n_req_after(SCT_IPC_OP_CLOSE, 3), 3);
	/* sctund restarts on the same path: the pooled connection is dead, a new one serves */
	fakesrv_stop(&fs);
	start();
	fd = shim_socket(AF_INET, SOCK_STREAM, IPPROTO_SCTP);
	CU_ASSERT_TRUE_FATAL(fd >= 0);
	CU_ASSERT_EQUAL(n_req_after(SCT_IPC_OP_HELLO, 1), 1);
	CU_ASSERT_EQUAL(fs.n_req[SCT_IPC_OP_SOCKET], 1);
	shim_close(fd);
	fakesrv_stop(&fs);
}

/*
 * A program at its descriptor limit whose kept control connections hold some: socket()
 * lets them go and succeeds (the kernel dropped the data socket sctund passed, for want
 * of a slot; the second try has room).  In a child: the fake sctund's thread needs
 * descriptors of its own.
 */
static int exhausted_child(void)
{
	struct rlimit rl = {.rlim_cur = 600, .rlim_max = 600};
	int fds[4], i, fd;

	if (getrlimit(RLIMIT_NOFILE, &rl) || rl.rlim_max < 600)
		return 2;
	rl.rlim_cur = 600;
	if (setrlimit(RLIMIT_NOFILE, &rl))
		return 2;
	for (i = 0; i < 4; i++)
		if ((fds[i] = shim_socket(AF_INET, SOCK_STREAM, IPPROTO_SCTP)) < 0)
			return 3;
	for (i = 0; i < 4; i++)
		shim_close(fds[i]); /* four control connections kept, above 300 */
	while (dup(0) >= 0)
		;
	if (errno != EMFILE)
		return 4;
	fd = shim_socket(AF_INET, SOCK_STREAM, IPPROTO_SCTP);
	return fd >= 0 ? 0 : errno == EMFILE ? 5 : 6;
}

static void shim_socket_at_the_fd_limit_lets_kept_connections_go(void)
{
	int status = -1;
	pid_t pid;

	start();
	pid = fork();
	CU_ASSERT_TRUE_FATAL(pid >= 0);
	if (pid == 0)
		_exit(exhausted_child());
	CU_ASSERT_EQUAL(waitpid(pid, &status, 0), pid);
	CU_ASSERT_TRUE(WIFEXITED(status));
	CU_ASSERT_EQUAL(WEXITSTATUS(status), 0);
	fakesrv_stop(&fs);
}

/* What refuse_main() does with the one connection it takes. */
struct refuser {
	int listen_fd;
	uint32_t status;   /* the refusal's */
	bool wait_request; /* refuse only once the HELLO is there (it is left unread) */
};

/* sctund refusing a connection (ipc_srv.c refuse()): ERROR, id 0, @status; then close. */
static void *refuse_main(void *arg)
{
	struct refuser *r = arg;
	struct sct_ipc_ctl m;
	uint8_t out[SCT_IPC_CTL_MAX];
	struct pollfd p;
	int fd = accept4(r->listen_fd, NULL, NULL, SOCK_CLOEXEC), n;

	if (fd < 0)
		return NULL;
	p = (struct pollfd){.fd = fd, .events = POLLIN};
	if (r->wait_request)
		poll(&p, 1, 5000);
	memset(&m, 0, sizeof(m));
	m.version = SCT_IPC_HELLO_VERSION;
	m.kind = SCT_IPC_RESPONSE;
	m.opcode = SCT_IPC_OP_ERROR;
	m.status = r->status;
	n = sct_ipc_ctl_encode(&m, out, sizeof(out));
	if (n > 0)
		sct_ipc_send(fd, out, (size_t)n, -1, 0);
	close(fd);
	return NULL;
}

/*
 * sctund out of descriptors (ENFILE) or the user at its quota (EMFILE) refuses the
 * connection with an ERROR of id 0: socket() fails with that, not EPROTONOSUPPORT, whether
 * the kernel reports the close before the queued ERROR (the HELLO left unread: ECONNRESET)
 * or after; a refusal for another reason is "no sctund".
 */
static void shim_socket_refused_by_sctund(void)
{
	static const struct {
		uint32_t status;
		bool wait;
		int type, want;
	} cases[] = {
	    {ENFILE, true, SOCK_STREAM, ENFILE},	   {ENFILE, false, SOCK_STREAM, ENFILE},
	    {EMFILE, true, SOCK_SEQPACKET, EMFILE},	   {EMFILE, false, SOCK_STREAM, EMFILE},
	    {EBADMSG, true, SOCK_STREAM, EPROTONOSUPPORT},
	};
	struct sockaddr_un sun = {.sun_family = AF_UNIX};
	struct refuser r;
	pthread_t t;
	size_t i;

	shim_init();
	snprintf(sun.sun_path, sizeof(sun.sun_path), "/tmp/sctun-refuse-%d.sock", (int)getpid());
	unlink(sun.sun_path);
	r.listen_fd = socket(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0);
	CU_ASSERT_TRUE_FATAL(r.listen_fd >= 0);
	CU_ASSERT_EQUAL_FATAL(bind(r.listen_fd, (struct sockaddr *)&sun, sizeof(sun)), 0);
	CU_ASSERT_EQUAL_FATAL(listen(r.listen_fd, 4), 0);
	setenv("SCTUN_SOCKET", sun.sun_path, 1);
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		r.status = cases[i].status;
		r.wait_request = cases[i].wait;
		CU_ASSERT_EQUAL_FATAL(pthread_create(&t, NULL, refuse_main, &r), 0);
		errno = 0;
		CU_ASSERT_EQUAL(shim_socket(AF_INET, cases[i].type, IPPROTO_SCTP), -1);
		CU_ASSERT_EQUAL(errno, cases[i].want);
		pthread_join(t, NULL);
	}
	unsetenv("SCTUN_SOCKET");
	close(r.listen_fd);
	unlink(sun.sun_path);
}

static const struct sct_test sock_tests[] = {
    SCT_TEST(shim_socket_passes_through_what_is_not_sctp),
    SCT_TEST(shim_socket_gets_its_fd_from_sctund),
    SCT_TEST(shim_names_bind_listen_and_options_reach_sctund),
    SCT_TEST(shim_connect_blocking_waits_for_the_connecting_record),
    SCT_TEST(shim_connect_nonblocking_einprogress_then_writable),
    SCT_TEST(shim_connect_failures),
    SCT_TEST(shim_accept_takes_an_acceptable_record),
    SCT_TEST(shim_dup_and_fcntl_dupfd_register_the_copy),
    SCT_TEST(shim_fork_child_has_no_control_connections),
    SCT_TEST(shim_close_keeps_the_control_connection_for_the_next_socket),
    SCT_TEST(shim_socket_at_the_fd_limit_lets_kept_connections_go),
    SCT_TEST(shim_socket_refused_by_sctund),
    SCT_TEST_END,
};

SCT_TEST_MAIN(sock_tests)
