/* SPDX-License-Identifier: MIT */
/* fuzz_ipc_session.c: fuzz sctund's sessions: control requests and data records from clients. */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "common/log.h"
#include "common/rng.h"
#include "daemon/ipc_srv.h"
#include "daemon/loop.h"
#include "daemon/usock.h"
#include "ipc/ipc_ctl.h"

/*
 * What a hostile or broken client can do to sctund, driven by the input: the
 * real ipc_srv and usock code with a real SCTP core whose packets go straight
 * back into it (the loopback path, as in sctund), on real socketpairs.  The
 * input is a list of operations, each an opcode byte then its arguments:
 *
 *   0x0K len16 bytes  control message on connection K (0-3), decoded and handled
 *   0x1J len16 bytes  one datagram written into application socket J (0-7)
 *   0x2J              read (and drop) what application socket J holds
 *   0x3J              close application socket J (the hang-up sctund sees)
 *   0x4K              drop connection K (its sockets live on)
 *   0x5N              N loop turns: ready fds, core events, output fed back in
 *   0x6T              advance the clock by T * 50 ms and run the timers
 *   0x7K J            ADOPT application socket J on connection K
 *
 * Sockets a SOCKET, ACCEPT or PEELOFF response hands over are kept in the
 * first free slot (J).  Everything is torn down after each input; ASan and
 * LeakSanitizer catch the rest.
 */

#define N_CONN 4
#define N_APP 8

static struct {
	struct loop l;
	struct sct_stack *stack;
	struct ipc_srv srv;
	struct ipc_conn conn[N_CONN];
	bool open[N_CONN];
	int app[N_APP];
	sct_time_t now;
	struct sct_rng_seeded rs;
	uint8_t pkt[65536];
} f;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void keep_fd(int fd)
{
	int j;

	for (j = 0; j < N_APP; j++)
		if (f.app[j] < 0) {
			f.app[j] = fd;
			return;
		}
	close(fd);
}

static void conn_open(int k)
{
	memset(&f.conn[k], 0, sizeof(f.conn[k]));
	f.conn[k].srv = &f.srv;
	f.conn[k].ref.fd = -1;
	f.conn[k].uid = (uid_t)(k == 3 ? 0 : 1000);
	f.conn[k].pid = 100 + k;
	f.open[k] = true;
}

static void conn_drop(int k)
{
	if (f.open[k] && f.conn[k].sock)
		usock_put_ctl(f.conn[k].sock, f.now);
	f.conn[k].sock = NULL;
	f.open[k] = false;
}

static void request(int k, const uint8_t *b, size_t len, int fd_in)
{
	int fd_out;

	if (!f.open[k])
		conn_open(k);
	if (sct_ipc_ctl_decode(b, len, fd_in >= 0, &f.srv.req) ||
	    f.srv.req.kind != SCT_IPC_REQUEST) {
		if (fd_in >= 0)
			close(fd_in);
		conn_drop(k); /* sctund cuts a client off for a malformed request */
		return;
	}
	ipc_srv_handle(&f.srv, &f.conn[k], fd_in, &fd_out, f.now);
	if (fd_out >= 0)
		keep_fd(fd_out);
}

/* The loopback path and the event dispatch of sctund's main loop. */
static void settle(void)
{
	int i, n;

	for (i = 0; i < 8; i++) {
		struct sct_pktinfo pi;
		struct sct_event ev;
		bool any = false;

		while (sct_stack_poll_event(f.stack, &ev)) {
			any = true;
			if (!usock_event(&f.srv.socks, &ev, f.now) &&
			    ev.type == SCT_EV_ASSOC_CHANGE && ev.u.assoc_change.state != SCT_COMM_UP &&
			    ev.u.assoc_change.state != SCT_RESTART)
				sct_assoc_release(f.stack, ev.assoc, f.now);
		}
		for (;;) {
			memset(&pi, 0, sizeof(pi));
			n = sct_stack_output(f.stack, f.pkt, sizeof(f.pkt), &pi, f.now);
			if (n <= 0)
				break;
			any = true;
			if (sct_stack_has_addr(f.stack, &pi.dst)) {
				struct sct_pktinfo in = {.dst = pi.dst};

				in.src = pi.src.af == pi.dst.af ? pi.src : pi.dst;
				sct_stack_input(f.stack, &in, f.pkt, (size_t)n, f.now);
			}
		}
		if (!any)
			break;
	}
}

/* FUZZ_SESSION_LOG=1: sctund's debug log on stderr, to see what a corpus input does. */
static void log_stderr(void *ctx, int level, const char *msg)
{
	(void)ctx;
	(void)level;
	fprintf(stderr, "%s\n", msg);
}

static void setup(void)
{
	struct sct_stack_cfg cfg;
	struct sct_addr a;
	static const uint8_t lo6[16] = {[15] = 1};
	int j;

	if (getenv("FUZZ_SESSION_LOG"))
		sct_log_set_sink(log_stderr, NULL, SCT_LOG_DEBUG);
	memset(&f.srv, 0, offsetof(struct ipc_srv, in));
	f.now = SCT_NSEC_PER_SEC;
	if (loop_init(&f.l, NULL, NULL))
		abort();
	sct_stack_cfg_defaults(&cfg);
	sct_rng_seeded_init(&cfg.rng, &f.rs, 1);
	f.stack = sct_stack_new(&cfg, f.now);
	if (!f.stack)
		abort();
	sct_addr_v4u32(&a, 0x7f000001);
	sct_stack_add_addr(f.stack, &a);
	sct_addr_v6(&a, lo6);
	sct_stack_add_addr(f.stack, &a);
	f.srv.loop = &f.l;
	f.srv.lref.fd = -1;
	if (usrv_init(&f.srv.socks, f.stack, &f.l))
		abort();
	for (j = 0; j < N_APP; j++)
		f.app[j] = -1;
	memset(f.open, 0, sizeof(f.open));
}

static void teardown(void)
{
	int k, j;

	for (k = 0; k < N_CONN; k++)
		conn_drop(k);
	for (j = 0; j < N_APP; j++)
		if (f.app[j] >= 0)
			close(f.app[j]);
	usrv_free(&f.srv.socks);
	sct_stack_free(f.stack);
	loop_close(&f.l);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	size_t i = 0;

	setup();
	while (i < size) {
		uint8_t op = data[i] >> 4, arg = data[i] & 0x0f;
		size_t len;

		i++;
		switch (op) {
		case 0:
		case 1:
			if (i + 2 > size)
				goto done;
			len = (size_t)data[i] | (size_t)data[i + 1] << 8;
			i += 2;
			if (len > size - i)
				len = size - i;
			if (op == 0 && arg < N_CONN)
				request(arg, data + i, len, -1);
			else if (op == 1 && arg < N_APP && f.app[arg] >= 0)
				(void)send(f.app[arg], data + i, len, MSG_DONTWAIT | MSG_NOSIGNAL);
			i += len;
			break;
		case 2:
			if (arg < N_APP && f.app[arg] >= 0) {
				int n;

				do
					n = (int)recv(f.app[arg], f.pkt, sizeof(f.pkt), MSG_DONTWAIT);
				while (n > 0);
			}
			break;
		case 3:
			if (arg < N_APP && f.app[arg] >= 0) {
				close(f.app[arg]);
				f.app[arg] = -1;
			}
			break;
		case 4:
			if (arg < N_CONN)
				conn_drop(arg);
			break;
		case 5:
			for (len = 0; len <= arg; len++) {
				loop_turn(&f.l, 0);
				settle();
			}
			break;
		case 6:
			f.now += (sct_time_t)(arg + 1) * 50 * SCT_NSEC_PER_MSEC;
			sct_stack_advance_time(f.stack, f.now);
			settle();
			break;
		case 7:
			if (i < size && arg < N_CONN && data[i] < N_APP && f.app[data[i]] >= 0) {
				static const uint8_t adopt[] = {1, 1, SCT_IPC_OP_ADOPT, 0, 9, 0, 0, 0,
								0, 0, 0, 0, 1, 0, 0, 0};
				int fd = dup(f.app[data[i]]);

				if (fd >= 0)
					request(arg, adopt, sizeof(adopt), fd);
			}
			i++;
			break;
		default:
			break;
		}
	}
done:
	settle();
	teardown();
	return 0;
}
