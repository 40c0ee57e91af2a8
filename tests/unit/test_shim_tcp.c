/* SPDX-License-Identifier: MIT */
/* test_shim_tcp.c: sctun-run --tcp (SCTUN_TCP=1): TCP sockets made SCTP, their options mapped. */
#include "config.h"

#include "harness.h"

#include <errno.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "ipc/ipc_buf.h"
#include "shim/shim.h"
#include "test_shim_fakesrv.h"

static struct fakesrv fs;

/* TCP mode is read once, at the first socket(): every test turns it on before anything. */
static void start(void)
{
	setenv("SCTUN_TCP", "1", 1);
	shim_init();
	CU_ASSERT_EQUAL_FATAL(fakesrv_start(&fs), 0);
}

static unsigned requests(uint16_t op)
{
	unsigned n;

	fakesrv_lock();
	n = fs.n_req[op];
	fakesrv_unlock();
	return n;
}

static void shim_tcp_socket_becomes_sctp_one_to_one(void)
{
	struct shim_fd e;
	socklen_t len = sizeof(int);
	int fd, x;

	start();
	CU_ASSERT_TRUE(shim_tcp_mode());
	fd = shim_socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
	CU_ASSERT_TRUE_FATAL(fd >= 0);
	CU_ASSERT_EQUAL(requests(SCT_IPC_OP_SOCKET), 1);
	CU_ASSERT_TRUE(shim_fd_get(fd, &e));
	CU_ASSERT_TRUE(e.tcp);
	CU_ASSERT_EQUAL(e.type, SOCK_STREAM);
	/* SO_PROTOCOL tells the truth: the program speaks SCTP now */
	CU_ASSERT_EQUAL(shim_tcp_getsockopt(fd, SOL_SOCKET, SO_PROTOCOL, &x, &len), 0);
	CU_ASSERT_EQUAL(x, IPPROTO_SCTP);
	shim_close(fd);
	fd = shim_socket(AF_INET6, SOCK_STREAM | SOCK_NONBLOCK, IPPROTO_TCP);
	CU_ASSERT_TRUE(shim_fd_get(fd, &e) && e.tcp && e.family == AF_INET6);
	shim_close(fd);
	/* an SCTP socket asked for as such is not a TCP one */
	fd = shim_socket(AF_INET, SOCK_STREAM, IPPROTO_SCTP);
	CU_ASSERT_TRUE(shim_fd_get(fd, &e) && !e.tcp);
	shim_close(fd);
	/* untouched: AF_UNIX streams, datagrams, raw sockets */
	fd = shim_socket(AF_UNIX, SOCK_STREAM, 0);
	CU_ASSERT_TRUE(fd >= 0 && !shim_fd_get(fd, &e));
	close(fd);
	fd = shim_socket(AF_INET, SOCK_DGRAM, 0);
	CU_ASSERT_TRUE(fd >= 0 && !shim_fd_get(fd, &e));
	close(fd);
	CU_ASSERT_EQUAL(requests(SCT_IPC_OP_SOCKET), 3);
	fakesrv_stop(&fs);
}

static void shim_tcp_nodelay_and_maxseg_are_sctp_options(void)
{
	socklen_t len;
	int fd, one = 1, mss = 1200, x;

	start();
	fd = shim_socket(AF_INET, SOCK_STREAM, 0);
	CU_ASSERT_TRUE_FATAL(fd >= 0);
	CU_ASSERT_EQUAL(shim_tcp_setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one)), 0);
	fakesrv_lock();
	CU_ASSERT_EQUAL(fs.opt_level, SCT_IPC_SOL_SCTP);
	CU_ASSERT_EQUAL(fs.opt_name, SCT_IPC_SCTP_NODELAY);
	CU_ASSERT_EQUAL(fs.optval_len, 4);
	CU_ASSERT_EQUAL(sct_ipc_get_u32(fs.optval), 1);
	fakesrv_unlock();
	/* the fake answers GETSOCKOPT with the last value set; as Linux, a short buffer gets a
	 * prefix */
	x = 0;
	len = sizeof(x);
	CU_ASSERT_EQUAL(shim_tcp_getsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &x, &len), 0);
	CU_ASSERT_EQUAL(x, 1);
	CU_ASSERT_EQUAL(len, sizeof(int));
	CU_ASSERT_EQUAL(shim_tcp_setsockopt(fd, IPPROTO_TCP, TCP_MAXSEG, &mss, sizeof(mss)), 0);
	fakesrv_lock();
	CU_ASSERT_EQUAL(fs.opt_name, SCT_IPC_SCTP_MAXSEG);
	CU_ASSERT_EQUAL(fs.optval_len, 8); /* assoc_id 0, the value */
	CU_ASSERT_EQUAL(sct_ipc_get_u32(fs.optval + 4), 1200);
	fakesrv_unlock();
	len = sizeof(x);
	CU_ASSERT_EQUAL(shim_tcp_getsockopt(fd, IPPROTO_TCP, TCP_MAXSEG, &x, &len), 0);
	CU_ASSERT_EQUAL(x, 1200);
	/* 0 ("the path MTU decides") reads as what fits a 1500-byte IPv4 packet */
	mss = 0;
	CU_ASSERT_EQUAL(shim_tcp_setsockopt(fd, IPPROTO_TCP, TCP_MAXSEG, &mss, sizeof(mss)), 0);
	len = sizeof(x);
	CU_ASSERT_EQUAL(shim_tcp_getsockopt(fd, IPPROTO_TCP, TCP_MAXSEG, &x, &len), 0);
	CU_ASSERT_EQUAL(x, 1500 - 20 - 12 - 16);
	CU_ASSERT_EQUAL(shim_tcp_setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, 2), -1);
	CU_ASSERT_EQUAL(errno, EINVAL);
	shim_close(fd);
	fakesrv_stop(&fs);
}

static void shim_tcp_timer_knobs_ignored_the_rest_refused(void)
{
	static const int knobs[] = {TCP_KEEPIDLE, TCP_KEEPINTVL,    TCP_KEEPCNT,      TCP_CORK,
				    TCP_QUICKACK, TCP_USER_TIMEOUT, TCP_DEFER_ACCEPT, TCP_FASTOPEN};
	static const int refused[] = {TCP_MD5SIG, TCP_CONGESTION, TCP_ULP, TCP_REPAIR, TCP_INQ};
	socklen_t len = sizeof(int);
	unsigned before;
	int fd, v = 30, x, sfd;
	size_t i;

	start();
	fd = shim_socket(AF_INET, SOCK_STREAM, 0);
	CU_ASSERT_TRUE_FATAL(fd >= 0);
	before = requests(SCT_IPC_OP_SETSOCKOPT);
	for (i = 0; i < sizeof(knobs) / sizeof(knobs[0]); i++) {
		CU_ASSERT_EQUAL(shim_tcp_setsockopt(fd, IPPROTO_TCP, knobs[i], &v, sizeof(v)), 0);
		CU_ASSERT_EQUAL(shim_tcp_getsockopt(fd, IPPROTO_TCP, knobs[i], &x, &len), -1);
		CU_ASSERT_EQUAL(errno, ENOPROTOOPT);
	}
	CU_ASSERT_EQUAL(requests(SCT_IPC_OP_SETSOCKOPT), before); /* nothing reached sctund */
	CU_ASSERT_EQUAL(shim_tcp_setsockopt(fd, IPPROTO_TCP, TCP_KEEPIDLE, &v, 2), -1);
	CU_ASSERT_EQUAL(errno, EINVAL);
	CU_ASSERT_EQUAL(shim_tcp_setsockopt(fd, IPPROTO_TCP, TCP_KEEPIDLE, NULL, sizeof(v)), -1);
	CU_ASSERT_EQUAL(errno, EFAULT);
	for (i = 0; i < sizeof(refused) / sizeof(refused[0]); i++) {
		CU_ASSERT_EQUAL(shim_tcp_setsockopt(fd, IPPROTO_TCP, refused[i], &v, sizeof(v)),
				-1);
		CU_ASSERT_EQUAL(errno, ENOPROTOOPT);
	}
	/* SO_KEEPALIVE: the data socket's own, set and read back (SCTP heartbeats do its job) */
	CU_ASSERT_EQUAL(shim_tcp_setsockopt(fd, SOL_SOCKET, SO_KEEPALIVE, &v, sizeof(v)), 0);
	CU_ASSERT_EQUAL(shim_tcp_getsockopt(fd, SOL_SOCKET, SO_KEEPALIVE, &x, &len), 0);
	CU_ASSERT_EQUAL(x, 1);
	/* an SCTP socket asked for as such keeps Linux's answer to TCP options */
	sfd = shim_socket(AF_INET, SOCK_STREAM, IPPROTO_SCTP);
	CU_ASSERT_EQUAL(shim_tcp_setsockopt(sfd, IPPROTO_TCP, TCP_NODELAY, &v, sizeof(v)), -1);
	CU_ASSERT_EQUAL(errno, ENOPROTOOPT);
	CU_ASSERT_EQUAL(shim_tcp_setsockopt(sfd, IPPROTO_TCP, TCP_KEEPIDLE, &v, sizeof(v)), -1);
	CU_ASSERT_EQUAL(errno, ENOPROTOOPT);
	shim_close(sfd);
	shim_close(fd);
	fakesrv_stop(&fs);
}

static void shim_tcp_info_and_accepted_sockets(void)
{
	struct tcp_info ti;
	struct shim_fd e;
	socklen_t len = sizeof(ti);
	uint8_t small[4];
	int lfd, nfd;

	start();
	lfd = shim_socket(AF_INET, SOCK_STREAM, 0);
	CU_ASSERT_TRUE_FATAL(lfd >= 0);
	CU_ASSERT_EQUAL(shim_listen(lfd, 5), 0);
	memset(&ti, 0xff, sizeof(ti));
	CU_ASSERT_EQUAL(shim_tcp_getsockopt(lfd, IPPROTO_TCP, TCP_INFO, &ti, &len), 0);
	CU_ASSERT_EQUAL(len, sizeof(ti));
	CU_ASSERT_EQUAL(ti.tcpi_state, TCP_LISTEN);
	CU_ASSERT_EQUAL(ti.tcpi_rtt, 0);
	len = sizeof(small); /* as Linux: the first bytes only */
	CU_ASSERT_EQUAL(shim_tcp_getsockopt(lfd, IPPROTO_TCP, TCP_INFO, small, &len), 0);
	CU_ASSERT_EQUAL(len, sizeof(small));
	CU_ASSERT_EQUAL(small[0], TCP_LISTEN);
	/* a socket accepted from a TCP listener is a TCP socket too */
	fakesrv_lock();
	fs.peer.family = SCT_IPC_AF_INET;
	fs.peer.port = 4000;
	fs.peer.addr[0] = 127;
	fs.peer.addr[3] = 1;
	fakesrv_unlock();
	CU_ASSERT_TRUE(fakesrv_put_rec(fs.data_srv, SCT_IPC_REC_ACCEPTABLE, 0, NULL, 0) > 0);
	nfd = shim_accept(lfd, NULL, NULL);
	CU_ASSERT_TRUE_FATAL(nfd >= 0);
	CU_ASSERT_TRUE(shim_fd_get(nfd, &e) && e.tcp);
	shim_close(nfd);
	shim_close(lfd);
	fakesrv_stop(&fs);
}

static void shim_tcp_msg_waitall_fills_the_buffer(void)
{
	struct shim_fd e;
	char b[8];
	int srv, fd;

	start();
	fd = fakesrv_connected_pair(&srv);
	CU_ASSERT_TRUE(fakesrv_put_rec(srv, SCT_IPC_REC_DATA, SCT_IPC_F_EOR, "abc", 3) > 0);
	CU_ASSERT_TRUE(fakesrv_put_rec(srv, SCT_IPC_REC_DATA, SCT_IPC_F_EOR, "defg", 4) > 0);
	/* an SCTP program: one message per call, whatever MSG_WAITALL says */
	CU_ASSERT_EQUAL(shim_recv(fd, b, 6, MSG_WAITALL), 3);
	CU_ASSERT_TRUE(shim_fd_get(fd, &e));
	e.tcp = true;
	CU_ASSERT_EQUAL(shim_fd_put(fd, &e), 0);
	CU_ASSERT_TRUE(fakesrv_put_rec(srv, SCT_IPC_REC_DATA, SCT_IPC_F_EOR, "hij", 3) > 0);
	CU_ASSERT_TRUE(fakesrv_put_rec(srv, SCT_IPC_REC_DATA, SCT_IPC_F_EOR, "kl", 2) > 0);
	/* a TCP program: messages until the buffer is full, the rest of one stays */
	memset(b, 0, sizeof(b));
	CU_ASSERT_EQUAL(shim_recv(fd, b, 6, MSG_WAITALL), 6);
	CU_ASSERT_EQUAL(memcmp(b, "defghi", 6), 0);
	/* end of file first: what there was */
	shutdown(srv, SHUT_WR);
	CU_ASSERT_EQUAL(shim_recv(fd, b, 8, MSG_WAITALL), 3);
	CU_ASSERT_EQUAL(memcmp(b, "jkl", 3), 0);
	CU_ASSERT_EQUAL(shim_recv(fd, b, 8, MSG_WAITALL), 0);
	shim_close(fd);
	close(srv);

	/* an ABORT after some bytes: the bytes, then ECONNRESET with the next call, then 0 */
	fd = fakesrv_connected_pair(&srv);
	CU_ASSERT_TRUE(shim_fd_get(fd, &e));
	e.tcp = true;
	CU_ASSERT_EQUAL(shim_fd_put(fd, &e), 0);
	fakesrv_lock();
	fs.so_error = ECONNRESET;
	fakesrv_unlock();
	CU_ASSERT_TRUE(fakesrv_put_rec(srv, SCT_IPC_REC_DATA, SCT_IPC_F_EOR, "ab", 2) > 0);
	shutdown(srv, SHUT_WR);
	CU_ASSERT_EQUAL(shim_recv(fd, b, 8, MSG_WAITALL), 2);
	CU_ASSERT_EQUAL(shim_recv(fd, b, 8, MSG_WAITALL), -1);
	CU_ASSERT_EQUAL(errno, ECONNRESET);
	CU_ASSERT_EQUAL(shim_recv(fd, b, 8, MSG_WAITALL), 0);
	shim_close(fd);
	close(srv);
	fakesrv_stop(&fs);
}

static const struct sct_test tcp_tests[] = {
    SCT_TEST(shim_tcp_socket_becomes_sctp_one_to_one),
    SCT_TEST(shim_tcp_nodelay_and_maxseg_are_sctp_options),
    SCT_TEST(shim_tcp_timer_knobs_ignored_the_rest_refused),
    SCT_TEST(shim_tcp_info_and_accepted_sockets),
    SCT_TEST(shim_tcp_msg_waitall_fills_the_buffer),
    SCT_TEST_END,
};

SCT_TEST_MAIN(tcp_tests)
