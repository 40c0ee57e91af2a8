/* SPDX-License-Identifier: MIT */
/* test_shim_io.c: the shim's reads and writes against a socketpair and a fake sctund (the contract). */
#include "config.h"

#include "harness.h"

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <sys/socket.h> /* before linux/sctp.h, which needs it */
#include <linux/sctp.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "ipc/ipc_err.h"
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

static void shim_read_delivers_pieces_and_keeps_the_rest_queued(void)
{
	char b[8];
	int srv, fd;

	start();
	fd = fakesrv_connected_pair(&srv);
	CU_ASSERT_TRUE(fakesrv_put_rec(srv, SCT_IPC_REC_DATA, SCT_IPC_F_EOR, "hello world", 11) >
		       0);
	CU_ASSERT_TRUE(fakesrv_put_rec(srv, SCT_IPC_REC_DATA, SCT_IPC_F_EOR, "xy", 2) > 0);
	CU_ASSERT_EQUAL(shim_read(fd, b, 4), 4);
	CU_ASSERT_EQUAL(memcmp(b, "hell", 4), 0);
	CU_ASSERT_TRUE(fakesrv_readable(fd)); /* the rest is still in the kernel socket */
	CU_ASSERT_EQUAL(shim_recv(fd, b, 4, MSG_PEEK), 4);
	CU_ASSERT_EQUAL(memcmp(b, "o wo", 4), 0);
	CU_ASSERT_EQUAL(shim_read(fd, b, 4), 4);
	CU_ASSERT_EQUAL(memcmp(b, "o wo", 4), 0);
	/* one message per call: the next record is not joined to this one */
	CU_ASSERT_EQUAL(shim_read(fd, b, sizeof(b)), 3);
	CU_ASSERT_EQUAL(memcmp(b, "rld", 3), 0);
	CU_ASSERT_EQUAL(shim_read(fd, b, sizeof(b)), 2);
	CU_ASSERT_EQUAL(memcmp(b, "xy", 2), 0);
	CU_ASSERT_FALSE(fakesrv_readable(fd));
	CU_ASSERT_EQUAL(shim_recv(fd, b, sizeof(b), MSG_DONTWAIT), -1);
	CU_ASSERT_EQUAL(errno, EAGAIN);
	CU_ASSERT_EQUAL(shim_read(fd, b, 0), 0);
	shim_close(fd);
	close(srv);
	fakesrv_stop(&fs);
}

static void shim_recvmsg_sets_msg_eor_on_the_last_piece_only(void)
{
	char b1[3], b2[100];
	struct iovec iov[2] = {{b1, sizeof(b1)}, {b2, 2}};
	struct msghdr msg;
	int srv, fd;

	start();
	fd = fakesrv_connected_pair(&srv);
	/* one message in two records (a long message's pieces): EOR on the second */
	CU_ASSERT_TRUE(fakesrv_put_rec(srv, SCT_IPC_REC_DATA, 0, "abcdefg", 7) > 0);
	CU_ASSERT_TRUE(fakesrv_put_rec(srv, SCT_IPC_REC_DATA, SCT_IPC_F_EOR, "hij", 3) > 0);
	memset(&msg, 0, sizeof(msg));
	msg.msg_iov = iov;
	msg.msg_iovlen = 2;
	CU_ASSERT_EQUAL(shim_recvmsg(fd, &msg, 0), 5);
	CU_ASSERT_EQUAL(memcmp(b1, "abc", 3), 0);
	CU_ASSERT_EQUAL(memcmp(b2, "de", 2), 0);
	CU_ASSERT_FALSE(msg.msg_flags & MSG_EOR);
	CU_ASSERT_EQUAL(shim_recvmsg(fd, &msg, 0), 2); /* end of the record, not of the message */
	CU_ASSERT_EQUAL(memcmp(b1, "fg", 2), 0);
	CU_ASSERT_FALSE(msg.msg_flags & MSG_EOR);
	CU_ASSERT_EQUAL(shim_recvmsg(fd, &msg, 0), 3);
	CU_ASSERT_EQUAL(memcmp(b1, "hij", 3), 0);
	CU_ASSERT_TRUE(msg.msg_flags & MSG_EOR);
	CU_ASSERT_EQUAL(msg.msg_controllen, 0);
	shim_close(fd);
	close(srv);
	fakesrv_stop(&fs);
}

static void shim_read_large_record_in_pieces(void)
{
	static uint8_t payload[20000], got[20000];
	struct iovec iov[3];
	size_t i, off = 0;
	ssize_t n;
	int srv, fd;

	start();
	fd = fakesrv_connected_pair(&srv);
	for (i = 0; i < sizeof(payload); i++)
		payload[i] = (uint8_t)(i * 7);
	CU_ASSERT_TRUE(
	    fakesrv_put_rec(srv, SCT_IPC_REC_DATA, SCT_IPC_F_EOR, payload, sizeof(payload)) > 0);
	while (off < sizeof(got)) {
		/* readv with three buffers of 1000 + 2000 + 4000 bytes */
		iov[0] = (struct iovec){got + off, 1000};
		iov[1] = (struct iovec){got + off + 1000, 2000};
		iov[2] = (struct iovec){got + off + 3000, 4000};
		if (off + 7000 > sizeof(got))
			iov[2].iov_len = sizeof(got) - off - 3000;
		n = shim_readv(fd, iov, 3);
		CU_ASSERT_TRUE_FATAL(n > 0);
		off += (size_t)n;
		CU_ASSERT_EQUAL(fakesrv_readable(fd), off < sizeof(got));
	}
	CU_ASSERT_EQUAL(off, sizeof(payload));
	CU_ASSERT_EQUAL(memcmp(got, payload, sizeof(payload)), 0);
	shim_close(fd);
	close(srv);
	fakesrv_stop(&fs);
}

static void shim_read_skips_records_never_handed_over(void)
{
	uint8_t junk[40] = {9, 9, 9};
	char b[16];
	int srv, fd;

	start();
	fd = fakesrv_connected_pair(&srv);
	CU_ASSERT_TRUE(fakesrv_put_rec(srv, SCT_IPC_REC_ACCEPTABLE, 0, NULL, 0) > 0);
	CU_ASSERT_TRUE(fakesrv_put_rec(srv, SCT_IPC_REC_DATA, SCT_IPC_F_EOR, "", 0) > 0);
	CU_ASSERT_TRUE(fakesrv_put_rec(srv, SCT_IPC_REC_DATA, SCT_IPC_F_EOR, "ok", 2) > 0);
	CU_ASSERT_EQUAL(shim_read(fd, b, sizeof(b)), 2);
	CU_ASSERT_EQUAL(memcmp(b, "ok", 2), 0);
	/* a malformed record is an I/O error, and it is gone afterwards */
	CU_ASSERT_EQUAL(send(srv, junk, sizeof(junk), 0), (ssize_t)sizeof(junk));
	CU_ASSERT_TRUE(fakesrv_put_rec(srv, SCT_IPC_REC_DATA, SCT_IPC_F_EOR, "next", 4) > 0);
	CU_ASSERT_EQUAL(shim_read(fd, b, sizeof(b)), -1);
	CU_ASSERT_EQUAL(errno, EIO);
	CU_ASSERT_EQUAL(shim_read(fd, b, sizeof(b)), 4);
	shim_close(fd);
	close(srv);
	fakesrv_stop(&fs);
}

/* recv() and recvmsg() calls the shim makes on data sockets, counted by the wrappers below. */
static unsigned n_recv_calls;
static ssize_t (*orig_recv)(int, void *, size_t, int);
static ssize_t (*orig_recvmsg)(int, struct msghdr *, int);

static ssize_t counting_recv(int fd, void *buf, size_t len, int flags)
{
	n_recv_calls++;
	return orig_recv(fd, buf, len, flags);
}

static ssize_t counting_recvmsg(int fd, struct msghdr *m, int flags)
{
	n_recv_calls++;
	return orig_recvmsg(fd, m, flags);
}

/* Put record @r (type, flags, payload, address set by the caller) on @srv. */
static void put_raw(int srv, struct sct_ipc_rec *r)
{
	int n;

	r->version = SCT_IPC_VERSION;
	n = sct_ipc_rec_encode(r, big, sizeof(big));
	CU_ASSERT_TRUE_FATAL(n > 0);
	CU_ASSERT_EQUAL(send(srv, big, (size_t)n, 0), n);
}

/*
 * A caller whose one buffer takes any record (64 KiB and an address: sctpperf, servers
 * reading 64 KiB) gets each message with one system call, not a peek and a consume: data
 * (with its address moved out of the way, the largest payload too), a notification in the
 * host's layout, records never handed over skipped, a malformed one an I/O error; readiness
 * stays exact.  A smaller buffer still peeks (two calls).
 */
static void shim_read_whole_records_into_a_64k_buffer(void)
{
	static uint8_t b[SCT_IPC_MAX_PAYLOAD + SCT_IPC_ADDR_LEN], payload[SCT_IPC_MAX_PAYLOAD];
	uint8_t junk[40] = {9, 9, 9}, tlv[64], small[16];
	/* one-to-one: 64 KiB takes any record (no address on them) */
	struct iovec iov = {.iov_base = b, .iov_len = SCT_IPC_MAX_PAYLOAD};
	union sctp_notification *sn = (union sctp_notification *)b;
	struct sct_ipc_notif nt;
	struct sct_ipc_rec r;
	struct msghdr m;
	size_t i;
	int srv, fd, n;

	start();
	fd = fakesrv_connected_pair(&srv);
	orig_recv = shim_real.recv;
	orig_recvmsg = shim_real.recvmsg;
	shim_real.recv = counting_recv;
	shim_real.recvmsg = counting_recvmsg;
	CU_ASSERT_TRUE(fakesrv_put_rec(srv, SCT_IPC_REC_DATA, SCT_IPC_F_EOR, "one", 3) > 0);
	CU_ASSERT_TRUE(fakesrv_put_rec(srv, SCT_IPC_REC_ACCEPTABLE, 0, NULL, 0) > 0);
	CU_ASSERT_TRUE(fakesrv_put_rec(srv, SCT_IPC_REC_DATA, SCT_IPC_F_EOR, "", 0) > 0);
	memset(&r, 0, sizeof(r));
	r.type = SCT_IPC_REC_DATA;
	r.flags = SCT_IPC_F_EOR;
	r.has_addr = true;
	r.addr.family = SCT_IPC_AF_INET;
	r.addr.port = 5000;
	r.addr.addr[0] = 10;
	r.payload = (const uint8_t *)"addressed";
	r.payload_len = 9;
	put_raw(srv, &r);
	memset(&nt, 0, sizeof(nt));
	nt.type = SCT_IPC_N_SHUTDOWN_EVENT;
	n = sct_ipc_notif_encode(&nt, tlv, sizeof(tlv));
	CU_ASSERT_TRUE_FATAL(n > 0);
	CU_ASSERT_TRUE(fakesrv_put_rec(srv, SCT_IPC_REC_NOTIFICATION,
				       SCT_IPC_F_NOTIFICATION | SCT_IPC_F_EOR, tlv, (size_t)n) > 0);
	for (i = 0; i < sizeof(payload); i++)
		payload[i] = (uint8_t)(i * 7);
	CU_ASSERT_TRUE(fakesrv_put_rec(srv, SCT_IPC_REC_DATA, 0, payload, sizeof(payload)) > 0);
	CU_ASSERT_EQUAL(send(srv, junk, sizeof(junk), 0), (ssize_t)sizeof(junk));
	CU_ASSERT_TRUE(fakesrv_put_rec(srv, SCT_IPC_REC_DATA, SCT_IPC_F_EOR, "small", 5) > 0);

	n_recv_calls = 0;
	memset(&m, 0, sizeof(m));
	m.msg_iov = &iov;
	m.msg_iovlen = 1;
	CU_ASSERT_EQUAL(shim_recvmsg(fd, &m, 0), 3);
	CU_ASSERT_EQUAL(memcmp(b, "one", 3), 0);
	CU_ASSERT_TRUE(m.msg_flags & MSG_EOR);
	CU_ASSERT_EQUAL(n_recv_calls, 1);
	CU_ASSERT_TRUE(fakesrv_readable(fd));
	m.msg_flags = 0;
	CU_ASSERT_EQUAL(shim_recvmsg(fd, &m, 0), 9); /* ACCEPTABLE and the empty one skipped */
	CU_ASSERT_EQUAL(memcmp(b, "addressed", 9), 0);
	CU_ASSERT_EQUAL(n_recv_calls, 4);
	m.msg_flags = 0;
	n = (int)shim_recvmsg(fd, &m, 0);
	CU_ASSERT_TRUE_FATAL(n >= (int)sizeof(struct sctp_shutdown_event));
	CU_ASSERT_TRUE(m.msg_flags & MSG_NOTIFICATION);
	CU_ASSERT_EQUAL(sn->sn_header.sn_type, SCTP_SHUTDOWN_EVENT);
	m.msg_flags = 0;
	CU_ASSERT_EQUAL(shim_recvmsg(fd, &m, 0), (ssize_t)sizeof(payload));
	CU_ASSERT_EQUAL(memcmp(b, payload, sizeof(payload)), 0);
	CU_ASSERT_FALSE(m.msg_flags & MSG_EOR);
	CU_ASSERT_EQUAL(shim_read(fd, b, sizeof(b)), -1);
	CU_ASSERT_EQUAL(errno, EIO);
	CU_ASSERT_EQUAL(n_recv_calls, 7);
	/* a buffer that may not take the next record whole: peek, then consume */
	CU_ASSERT_EQUAL(shim_read(fd, small, sizeof(small)), 5);
	CU_ASSERT_EQUAL(memcmp(small, "small", 5), 0);
	CU_ASSERT_EQUAL(n_recv_calls, 9);
	CU_ASSERT_FALSE(fakesrv_readable(fd));
	shim_real.recv = orig_recv;
	shim_real.recvmsg = orig_recvmsg;
	shim_close(fd);
	close(srv);
	fakesrv_stop(&fs);
}

static void shim_read_eof_asks_so_error_once(void)
{
	char b[8];
	int srv, fd;

	start();
	fd = fakesrv_connected_pair(&srv);
	CU_ASSERT_TRUE(fakesrv_put_rec(srv, SCT_IPC_REC_DATA, SCT_IPC_F_EOR, "last", 4) > 0);
	shutdown(srv, SHUT_WR);
	CU_ASSERT_EQUAL(shim_read(fd, b, sizeof(b)), 4);
	CU_ASSERT_EQUAL(shim_read(fd, b, sizeof(b)), 0);
	CU_ASSERT_EQUAL(shim_read(fd, b, sizeof(b)), 0);
	fakesrv_lock();
	/* no control connection in this process: ADOPT, then one SO_ERROR question */
	CU_ASSERT_EQUAL(fs.n_req[SCT_IPC_OP_ADOPT], 1);
	CU_ASSERT_EQUAL(fs.n_req[SCT_IPC_OP_GETSOCKOPT], 1);
	fakesrv_unlock();
	shim_close(fd);
	close(srv);

	/* after an ABORT (no EOF record, sctund only shuts its end): ECONNRESET once, then plain
	 * end of file */
	fd = fakesrv_connected_pair(&srv);
	fakesrv_lock();
	fs.so_error = ECONNRESET;
	fakesrv_unlock();
	shutdown(srv, SHUT_WR);
	CU_ASSERT_EQUAL(shim_read(fd, b, sizeof(b)), -1);
	CU_ASSERT_EQUAL(errno, ECONNRESET);
	CU_ASSERT_EQUAL(shim_read(fd, b, sizeof(b)), 0);
	shim_close(fd);
	close(srv);

	/* a clean end announced by an EOF record: 0 at once, no question; still 0 after */
	fd = fakesrv_connected_pair(&srv);
	fakesrv_lock();
	fs.n_req[SCT_IPC_OP_GETSOCKOPT] = 0;
	fakesrv_unlock();
	CU_ASSERT_TRUE(fakesrv_put_rec(srv, SCT_IPC_REC_DATA, SCT_IPC_F_EOR, "bye", 3) > 0);
	CU_ASSERT_TRUE(fakesrv_put_rec(srv, SCT_IPC_REC_EOF, 0, NULL, 0) > 0);
	shutdown(srv, SHUT_WR);
	CU_ASSERT_EQUAL(shim_read(fd, b, sizeof(b)), 3);
	CU_ASSERT_EQUAL(shim_read(fd, b, sizeof(b)), 0);
	CU_ASSERT_EQUAL(shim_read(fd, b, sizeof(b)), 0);
	fakesrv_lock();
	CU_ASSERT_EQUAL(fs.n_req[SCT_IPC_OP_GETSOCKOPT], 0);
	fakesrv_unlock();
	shim_close(fd);
	close(srv);
	fakesrv_stop(&fs);
}

static void shim_write_sends_one_data_record(void)
{
	struct sct_ipc_rec r;
	int srv, fd;

	start();
	fd = fakesrv_connected_pair(&srv);
	CU_ASSERT_EQUAL(shim_write(fd, "abc", 3), 3);
	CU_ASSERT_EQUAL_FATAL(get_rec(srv, &r), 0);
	CU_ASSERT_EQUAL(r.type, SCT_IPC_REC_DATA);
	/* no send info: sctund applies the socket's defaults (RFC 6458 8.1.31) */
	CU_ASSERT_EQUAL(r.flags, SCT_IPC_F_EOR | SCT_IPC_F_DEFAULT);
	CU_ASSERT_EQUAL(r.sid, 0);
	CU_ASSERT_EQUAL(r.ppid, 0);
	CU_ASSERT_FALSE(r.has_addr);
	CU_ASSERT_EQUAL(r.payload_len, 3);
	CU_ASSERT_EQUAL(memcmp(r.payload, "abc", 3), 0);
	CU_ASSERT_EQUAL(shim_sendto(fd, "de", 2, MSG_NOSIGNAL, NULL, 0), 2);
	CU_ASSERT_EQUAL_FATAL(get_rec(srv, &r), 0);
	CU_ASSERT_EQUAL(r.payload_len, 2);
	/* zero bytes without SCTP_EOF or SCTP_ABORT */
	CU_ASSERT_EQUAL(shim_write(fd, "", 0), -1);
	CU_ASSERT_EQUAL(errno, EINVAL);
	CU_ASSERT_EQUAL(get_rec(srv, &r), -EAGAIN);
	shim_close(fd);
	close(srv);
	fakesrv_stop(&fs);
}

static void shim_writev_splits_a_message_above_max_payload(void)
{
	static uint8_t a[40000], b[30000];
	struct iovec iov[2] = {{a, sizeof(a)}, {b, sizeof(b)}};
	struct sct_ipc_rec r;
	int srv, fd, rcv = 1 << 20;

	start();
	fd = fakesrv_connected_pair(&srv);
	setsockopt(srv, SOL_SOCKET, SO_RCVBUF, &rcv, sizeof(rcv));
	memset(a, 'a', sizeof(a));
	memset(b, 'b', sizeof(b));
	CU_ASSERT_EQUAL(shim_writev(fd, iov, 2), 70000);
	CU_ASSERT_EQUAL_FATAL(get_rec(srv, &r), 0);
	CU_ASSERT_EQUAL(r.payload_len, SCT_IPC_MAX_PAYLOAD);
	CU_ASSERT_EQUAL(r.flags, SCT_IPC_F_DEFAULT);
	CU_ASSERT_EQUAL(r.payload[39999], 'a');
	CU_ASSERT_EQUAL(r.payload[40000], 'b');
	CU_ASSERT_EQUAL_FATAL(get_rec(srv, &r), 0);
	CU_ASSERT_EQUAL(r.payload_len, 70000 - SCT_IPC_MAX_PAYLOAD);
	CU_ASSERT_EQUAL(r.flags, SCT_IPC_F_EOR | SCT_IPC_F_DEFAULT);
	shim_close(fd);
	close(srv);
	fakesrv_stop(&fs);
}

/* RFC 6458 5.3.2: SCTP_SNDRCV's stream, ppid, flags, context and ttl reach the record. */
static void rfc6458_5_3_2_sendmsg_sndrcv_cmsg(void)
{
	union {
		struct cmsghdr h;
		char b[CMSG_SPACE(sizeof(struct sctp_sndrcvinfo))];
	} cm;
	struct sctp_sndrcvinfo si;
	struct iovec iov = {(void *)"m", 1};
	struct msghdr msg;
	struct cmsghdr *c;
	struct sct_ipc_rec r;
	int srv, fd;

	start();
	fd = fakesrv_connected_pair(&srv);
	memset(&cm, 0, sizeof(cm));
	memset(&msg, 0, sizeof(msg));
	msg.msg_iov = &iov;
	msg.msg_iovlen = 1;
	msg.msg_control = cm.b;
	msg.msg_controllen = sizeof(cm.b);
	c = CMSG_FIRSTHDR(&msg);
	c->cmsg_level = IPPROTO_SCTP;
	c->cmsg_type = SCTP_SNDRCV;
	c->cmsg_len = CMSG_LEN(sizeof(si));
	memset(&si, 0, sizeof(si));
	si.sinfo_stream = 3;
	si.sinfo_ppid = htonl(46);
	si.sinfo_flags = SCTP_UNORDERED;
	si.sinfo_context = 77;
	si.sinfo_timetolive = 500;
	memcpy(CMSG_DATA(c), &si, sizeof(si));
	CU_ASSERT_EQUAL(shim_sendmsg(fd, &msg, MSG_WAITALL), 1); /* MSG_WAITALL ignored */
	CU_ASSERT_EQUAL_FATAL(get_rec(srv, &r), 0);
	CU_ASSERT_EQUAL(r.sid, 3);
	CU_ASSERT_EQUAL(r.ppid, htonl(46)); /* as the application gave it */
	CU_ASSERT_EQUAL(r.flags, SCT_IPC_F_UNORDERED | SCT_IPC_F_EOR);
	CU_ASSERT_EQUAL(r.tsn_or_context, 77);
	CU_ASSERT_EQUAL(r.cumtsn_or_ttl, 500);
	/* SCTP_EOF with no data is allowed */
	iov.iov_len = 0;
	si.sinfo_flags = SCTP_EOF;
	memcpy(CMSG_DATA(c), &si, sizeof(si));
	CU_ASSERT_EQUAL(shim_sendmsg(fd, &msg, 0), 0);
	CU_ASSERT_EQUAL_FATAL(get_rec(srv, &r), 0);
	CU_ASSERT_EQUAL(r.flags, SCT_IPC_F_EOF | SCT_IPC_F_EOR);
	CU_ASSERT_EQUAL(r.payload_len, 0);
	/* a cmsg too short for its type */
	c->cmsg_len = CMSG_LEN(4);
	CU_ASSERT_EQUAL(shim_sendmsg(fd, &msg, 0), -1);
	CU_ASSERT_EQUAL(errno, EINVAL);
	shim_close(fd);
	close(srv);
	fakesrv_stop(&fs);
}

/* sctund dies: its ends of the data socket and of every control connection close. */
static void daemon_dies(int srv)
{
	close(srv);
	fakesrv_stop(&fs);
}

static void shim_daemon_death_is_econnreset_not_eof(void)
{
	struct pollfd p;
	struct shim_fd e;
	sigset_t set, old;
	socklen_t len = sizeof(int);
	int srv, fd, x = 0;
	char b[8];

	start();
	fd = fakesrv_connected_pair(&srv);
	CU_ASSERT_EQUAL(shim_getsockopt(fd, SOL_SOCKET, SO_ERROR, &x, &len), 0); /* ADOPT now */
	CU_ASSERT_EQUAL(x, 0);
	CU_ASSERT_TRUE(fakesrv_put_rec(srv, SCT_IPC_REC_DATA, SCT_IPC_F_EOR, "last", 4) > 0);
	daemon_dies(srv);
	p.fd = fd;
	p.events = POLLIN;
	CU_ASSERT_EQUAL(poll(&p, 1, 0), 1);
	CU_ASSERT_TRUE(p.revents & POLLHUP);
	/* what was delivered before is read first */
	CU_ASSERT_EQUAL(shim_read(fd, b, sizeof(b)), 4);
	CU_ASSERT_EQUAL(shim_read(fd, b, sizeof(b)), -1);
	CU_ASSERT_EQUAL(errno, ECONNRESET);
	CU_ASSERT_EQUAL(shim_recv(fd, b, sizeof(b), MSG_DONTWAIT), -1);
	CU_ASSERT_EQUAL(errno, ECONNRESET);
	CU_ASSERT_TRUE(shim_fd_get(fd, &e) && e.lost);
	x = 0;
	CU_ASSERT_EQUAL(shim_getsockopt(fd, SOL_SOCKET, SO_ERROR, &x, &len), 0);
	CU_ASSERT_EQUAL(x, ECONNRESET);
	/* EPIPE; SIGPIPE (held pending here) unless MSG_NOSIGNAL */
	sigemptyset(&set);
	sigaddset(&set, SIGPIPE);
	pthread_sigmask(SIG_BLOCK, &set, &old);
	CU_ASSERT_EQUAL(shim_send(fd, "x", 1, MSG_NOSIGNAL), -1);
	CU_ASSERT_EQUAL(errno, EPIPE);
	sigpending(&set);
	CU_ASSERT_FALSE(sigismember(&set, SIGPIPE));
	CU_ASSERT_EQUAL(shim_write(fd, "x", 1), -1);
	CU_ASSERT_EQUAL(errno, EPIPE);
	sigpending(&set);
	CU_ASSERT_TRUE(sigismember(&set, SIGPIPE));
	sigemptyset(&set);
	sigaddset(&set, SIGPIPE);
	sigwait(&set, &x);
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	shim_close(fd);
}

static void shim_daemon_death_without_a_control_connection(void)
{
	struct shim_fd e;
	int srv, fd;
	char b[8];

	/* an accepted or inherited fd that never asked anything: nobody answers at all */
	start();
	fd = fakesrv_connected_pair(&srv);
	daemon_dies(srv);
	CU_ASSERT_EQUAL(shim_read(fd, b, sizeof(b)), -1);
	CU_ASSERT_EQUAL(errno, ECONNRESET);
	CU_ASSERT_TRUE(shim_fd_get(fd, &e) && e.lost);
	shim_close(fd);

	/* a sctund started since does not know the socket (ENOTSOCK): lost, asked only once */
	start();
	fakesrv_lock();
	fs.adopt_status = ENOTSOCK;
	fakesrv_unlock();
	fd = fakesrv_connected_pair(&srv);
	close(srv);
	CU_ASSERT_EQUAL(shim_read(fd, b, sizeof(b)), -1);
	CU_ASSERT_EQUAL(errno, ECONNRESET);
	CU_ASSERT_EQUAL(shim_read(fd, b, sizeof(b)), -1);
	CU_ASSERT_EQUAL(errno, ECONNRESET);
	fakesrv_lock();
	CU_ASSERT_EQUAL(fs.n_req[SCT_IPC_OP_ADOPT], 1);
	fakesrv_unlock();
	shim_close(fd);
	fakesrv_stop(&fs);
}

static void shim_accept_on_a_dead_listener_is_einval(void)
{
	int lfd;

	/* ECONNABORTED would be retried by servers, on a listener that stays readable */
	start();
	lfd = shim_socket(AF_INET, SOCK_STREAM, IPPROTO_SCTP);
	CU_ASSERT_TRUE_FATAL(lfd >= 0);
	CU_ASSERT_EQUAL(shim_listen(lfd, 5), 0);
	fakesrv_stop(&fs);
	CU_ASSERT_TRUE(fakesrv_readable(lfd));
	CU_ASSERT_EQUAL(shim_accept(lfd, NULL, NULL), -1);
	CU_ASSERT_EQUAL(errno, EINVAL);
	CU_ASSERT_EQUAL(shim_accept(lfd, NULL, NULL), -1);
	CU_ASSERT_EQUAL(errno, EINVAL);
	shim_close(lfd);
}

static void shim_socket_fails_while_sctund_is_down_and_works_after(void)
{
	int fd;

	start();
	fakesrv_stop(&fs);
	setenv("SCTUN_SOCKET", fs.path, 1); /* where it was: nothing listens now */
	CU_ASSERT_EQUAL(shim_socket(AF_INET, SOCK_STREAM, IPPROTO_SCTP), -1);
	CU_ASSERT_EQUAL(errno, EPROTONOSUPPORT);
	CU_ASSERT_EQUAL(shim_socket(AF_INET6, SOCK_SEQPACKET, IPPROTO_SCTP), -1);
	CU_ASSERT_EQUAL(errno, ESOCKTNOSUPPORT);
	start(); /* the same path again */
	fd = shim_socket(AF_INET, SOCK_STREAM, IPPROTO_SCTP);
	CU_ASSERT_TRUE(fd >= 0);
	shim_close(fd);
	fakesrv_stop(&fs);
}

static void shim_one_to_many_eof_is_never_a_clean_end(void)
{
	char b[8];
	int fd;

	start();
	fd = shim_socket(AF_INET, SOCK_SEQPACKET, IPPROTO_SCTP);
	CU_ASSERT_TRUE_FATAL(fd >= 0);
	/* sctund alive (SO_ERROR 0) but the data socket ended: an error, not an empty message */
	fakesrv_lock();
	close(fs.data_srv);
	fs.data_srv = -1;
	fakesrv_unlock();
	CU_ASSERT_EQUAL(shim_recv(fd, b, sizeof(b), 0), -1);
	CU_ASSERT_EQUAL(errno, ECONNRESET);
	CU_ASSERT_EQUAL(shim_recv(fd, b, sizeof(b), 0), -1);
	CU_ASSERT_EQUAL(errno, ECONNRESET);
	shim_close(fd);
	fakesrv_stop(&fs);
}

static const struct sct_test read_tests[] = {
    SCT_TEST(shim_read_delivers_pieces_and_keeps_the_rest_queued),
    SCT_TEST(shim_recvmsg_sets_msg_eor_on_the_last_piece_only),
    SCT_TEST(shim_read_large_record_in_pieces),
    SCT_TEST(shim_read_skips_records_never_handed_over),
    SCT_TEST(shim_read_eof_asks_so_error_once),
    SCT_TEST(shim_read_whole_records_into_a_64k_buffer),
    SCT_TEST_END,
};

static const struct sct_test write_tests[] = {
    SCT_TEST(shim_write_sends_one_data_record),
    SCT_TEST(shim_writev_splits_a_message_above_max_payload),
    SCT_TEST(rfc6458_5_3_2_sendmsg_sndrcv_cmsg),
    SCT_TEST_END,
};

static const struct sct_test death_tests[] = {
    SCT_TEST(shim_daemon_death_is_econnreset_not_eof),
    SCT_TEST(shim_daemon_death_without_a_control_connection),
    SCT_TEST(shim_accept_on_a_dead_listener_is_einval),
    SCT_TEST(shim_socket_fails_while_sctund_is_down_and_works_after),
    SCT_TEST(shim_one_to_many_eof_is_never_a_clean_end),
    SCT_TEST_END,
};

SCT_TEST_MAIN(read_tests, write_tests, death_tests)
