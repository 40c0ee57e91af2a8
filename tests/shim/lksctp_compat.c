/* SPDX-License-Identifier: MIT */
/* lksctp_compat.c: one RFC 6458 program, built against libsctun and against lksctp's libsctp. */
#include "config.h"

#include <arpa/inet.h>
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#ifdef COMPAT_LKSCTP
#include <netinet/sctp.h>
#else
#include <sctun/sctp.h>
#endif

/*
 * Usage: lksctp_compat PORT (sctund through SCTUN_SOCKET; ports PORT to
 * PORT+4 on 127.0.0.1, over sctund's loopback path).
 *
 * The same source is built twice: with <sctun/sctp.h> and -lsctun, and with
 * lksctp's <netinet/sctp.h> and libsctp linked in statically, which runs
 * under sctun-run: libsctp's own sctp_bindx(), sctp_connectx(),
 * sctp_getpaddrs()... then make the setsockopt/getsockopt/sendmsg calls
 * that the preloaded shim serves.  (Linked dynamically, libsctp's functions
 * would be shadowed by the preloaded libsctun's, which export the same
 * names.)  Both must pass the same checks: one one-to-many server, three
 * one-to-many clients with an association each, then
 *   sctp_bindx, sctp_connectx (blocking: the association is up when it
 *   returns), SCTP_EVENT notifications (RFC 6458 6.1.1),
 *   sctp_sendmsg / sctp_recvmsg with their sctp_sndrcvinfo (9.7, 9.8),
 *   sctp_sendv / sctp_recvv with SCTP_SNDINFO / SCTP_RCVINFO (9.12, 9.13),
 *   sctp_getpaddrs / sctp_getladdrs (9.4, 9.5), sctp_opt_info (9.11),
 *   SCTP_SENDALL (5.3.4): one send on the server reaches all three clients,
 *   also when the fan-out must wait for room (1.2 MB to each, non-blocking),
 *   a message sent by implicit setup (3.1.3) on a socket closed at once,
 *   SCTP_SENDALL | SCTP_EOF: all three associations shut down.
 * The first wrong answer ends the run with exit status 1.
 */

#define N_CLIENTS 3

static void check(int ok, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	printf("%s: ", ok ? "ok" : "FAIL");
	vprintf(fmt, ap);
	printf("\n");
	va_end(ap);
	fflush(stdout);
	if (!ok)
		exit(1);
}

static struct sockaddr_in addr4(uint16_t port)
{
	struct sockaddr_in a;

	memset(&a, 0, sizeof(a));
	a.sin_family = AF_INET;
	a.sin_port = htons(port);
	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	return a;
}

static int wait_in(int fd)
{
	struct pollfd p = {.fd = fd, .events = POLLIN};

	return poll(&p, 1, 10000) == 1 && (p.revents & POLLIN);
}

/* A one-to-many socket bound with sctp_bindx, told of association changes. */
static int endpoint(uint16_t port, const char *who)
{
	struct sockaddr_in a = addr4(port);
	struct sctp_event ev;
	int fd = socket(AF_INET, SOCK_SEQPACKET, IPPROTO_SCTP);

	check(fd >= 0, "%s: socket(AF_INET, SOCK_SEQPACKET, IPPROTO_SCTP) (%s)", who,
	      fd < 0 ? strerror(errno) : "");
	check(sctp_bindx(fd, (struct sockaddr *)&a, 1, SCTP_BINDX_ADD_ADDR) == 0,
	      "%s: sctp_bindx(127.0.0.1:%u)", who, port);
	memset(&ev, 0, sizeof(ev));
	ev.se_type = SCTP_ASSOC_CHANGE;
	ev.se_on = 1;
	check(setsockopt(fd, IPPROTO_SCTP, SCTP_EVENT, &ev, sizeof(ev)) == 0,
	      "%s: SCTP_EVENT(SCTP_ASSOC_CHANGE)", who);
	/* with lksctp, sctp_recvmsg() fills its sctp_sndrcvinfo only with this (6.2.1) */
	ev.se_type = SCTP_DATA_IO_EVENT;
	check(setsockopt(fd, IPPROTO_SCTP, SCTP_EVENT, &ev, sizeof(ev)) == 0,
	      "%s: SCTP_EVENT(SCTP_DATA_IO_EVENT)", who);
	return fd;
}

/* The next message must be an SCTP_ASSOC_CHANGE of @state; its association. */
static sctp_assoc_t expect_change(int fd, uint16_t state, const char *who)
{
	union {
		struct sctp_assoc_change sac;
		char b[512];
	} u;
	struct sctp_sndrcvinfo si;
	int flags = 0, n;

	check(wait_in(fd), "%s: readable for SCTP_ASSOC_CHANGE", who);
	n = sctp_recvmsg(fd, u.b, sizeof(u.b), NULL, NULL, &si, &flags);
	check(n >= (int)sizeof(u.sac) && (flags & MSG_NOTIFICATION) &&
		  u.sac.sac_type == SCTP_ASSOC_CHANGE && u.sac.sac_state == state,
	      "%s: SCTP_ASSOC_CHANGE state %u (%d bytes, flags %#x, type %#x, state %u)", who,
	      state, n, flags, n > 0 ? u.sac.sac_type : 0, n > 0 ? u.sac.sac_state : 0);
	return u.sac.sac_assoc_id;
}

/* One message, @text, through sctp_recvmsg: its stream, ppid, association and source port. */
static void expect_msg(int fd, const char *text, uint16_t sid, uint32_t ppid, sctp_assoc_t id,
		       uint16_t from_port, const char *who)
{
	struct sockaddr_in from;
	socklen_t fl = sizeof(from);
	struct sctp_sndrcvinfo si;
	char buf[256];
	int flags = 0, n;

	memset(&si, 0, sizeof(si));
	check(wait_in(fd), "%s: readable", who);
	n = sctp_recvmsg(fd, buf, sizeof(buf), (struct sockaddr *)&from, &fl, &si, &flags);
	check(n == (int)strlen(text) && !memcmp(buf, text, (size_t)n) && (flags & MSG_EOR) &&
		  !(flags & MSG_NOTIFICATION),
	      "%s: sctp_recvmsg \"%s\" (%d bytes, flags %#x)", who, text, n, flags);
	check(si.sinfo_stream == sid && si.sinfo_ppid == ppid && si.sinfo_assoc_id == id,
	      "%s: sid %u ppid %#x association %d (got %u %#x %d)", who, sid, ppid, id,
	      si.sinfo_stream, si.sinfo_ppid, si.sinfo_assoc_id);
	check(fl == sizeof(from) && from.sin_family == AF_INET &&
		  from.sin_addr.s_addr == htonl(INADDR_LOOPBACK) &&
		  ntohs(from.sin_port) == from_port,
	      "%s: from 127.0.0.1:%u", who, from_port);
}

/* sctp_getpaddrs, sctp_getladdrs and sctp_opt_info(SCTP_STATUS) of association @id. */
static void addresses(int fd, sctp_assoc_t id, uint16_t peer, uint16_t local, const char *who)
{
	struct sockaddr *addrs;
	struct sockaddr_in a;
	struct sctp_status st;
	socklen_t len = sizeof(st);
	int n;

	n = sctp_getpaddrs(fd, id, &addrs);
	check(n == 1, "%s: sctp_getpaddrs: 1 address (%d)", who, n);
	memcpy(&a, addrs, sizeof(a));
	check(a.sin_family == AF_INET && a.sin_addr.s_addr == htonl(INADDR_LOOPBACK) &&
		  ntohs(a.sin_port) == peer,
	      "%s: sctp_getpaddrs: 127.0.0.1:%u", who, peer);
	sctp_freepaddrs(addrs);
	n = sctp_getladdrs(fd, id, &addrs);
	check(n >= 1, "%s: sctp_getladdrs: %d address(es)", who, n);
	memcpy(&a, addrs, sizeof(a));
	check(a.sin_family == AF_INET && ntohs(a.sin_port) == local,
	      "%s: sctp_getladdrs: port %u (%u)", who, local, ntohs(a.sin_port));
	sctp_freeladdrs(addrs);
	memset(&st, 0, sizeof(st));
	check(sctp_opt_info(fd, id, SCTP_STATUS, &st, &len) == 0 && st.sstat_assoc_id == id &&
		  st.sstat_state == SCTP_ESTABLISHED && st.sstat_outstrms > 0,
	      "%s: sctp_opt_info(SCTP_STATUS): association %d established", who, id);
}

/* sctp_sendv(SCTP_SENDV_SNDINFO) of two pieces, sctp_recvv with SCTP_RCVINFO. */
static void sendv_recvv(int c, sctp_assoc_t cid, int s, sctp_assoc_t sid)
{
	struct sctp_sndinfo snd;
	struct sctp_rcvinfo rcv;
	struct iovec iov[2];
	char b1[] = "sendv-", b2[] = "recvv", buf[64];
	socklen_t il = sizeof(rcv);
	unsigned type = 0;
	int on = 1, flags = 0, n;

	memset(&snd, 0, sizeof(snd));
	snd.snd_sid = 2;
	snd.snd_ppid = htonl(9);
	snd.snd_assoc_id = cid;
	check(setsockopt(s, IPPROTO_SCTP, SCTP_RECVRCVINFO, &on, sizeof(on)) == 0,
	      "server: SCTP_RECVRCVINFO on");
	iov[0].iov_base = b1;
	iov[0].iov_len = strlen(b1);
	iov[1].iov_base = b2;
	iov[1].iov_len = strlen(b2);
	n = (int)sctp_sendv(c, iov, 2, NULL, 0, &snd, sizeof(snd), SCTP_SENDV_SNDINFO, 0);
	check(n == 11, "sctp_sendv(SCTP_SENDV_SNDINFO): 11 bytes (%d)", n);
	iov[0].iov_base = buf;
	iov[0].iov_len = sizeof(buf);
	check(wait_in(s), "server: readable for sctp_recvv");
	memset(&rcv, 0, sizeof(rcv));
	n = (int)sctp_recvv(s, iov, 1, NULL, NULL, &rcv, &il, &type, &flags);
	check(n == 11 && !memcmp(buf, "sendv-recvv", 11) && (flags & MSG_EOR),
	      "sctp_recvv: \"sendv-recvv\" (%d bytes)", n);
	check(type == SCTP_RECVV_RCVINFO && il == sizeof(rcv) && rcv.rcv_sid == 2 &&
		  rcv.rcv_ppid == htonl(9) && rcv.rcv_assoc_id == sid,
	      "sctp_recvv: SCTP_RCVINFO sid 2 ppid 9 association %d (type %u, sid %u, assoc %d)",
	      sid, type, rcv.rcv_sid, rcv.rcv_assoc_id);
	on = 0;
	check(setsockopt(s, IPPROTO_SCTP, SCTP_RECVRCVINFO, &on, sizeof(on)) == 0,
	      "server: SCTP_RECVRCVINFO off");
}

/*
 * SCTP_SENDALL of more than the associations can hold (send buffer, receive
 * window, data sockets: about 700 kB each): the sender is non-blocking and
 * reads the clients whenever a send would block, so sctund has to wait for
 * room on one association in the middle of a fan-out and resume it there.
 * Every client gets every message once, whole and in order.
 */
#define BULK_N	 40
#define BULK_LEN 30000

static void sendall_bulk(int s, const int *c)
{
	static char msg[BULK_LEN], buf[BULK_LEN + 1];
	struct sctp_sndrcvinfo si;
	int sent = 0, got[N_CLIENTS] = {0}, i, n, flags, rounds = 0, blocked = 0;
	int fl = fcntl(s, F_GETFL);

	check(fcntl(s, F_SETFL, fl | O_NONBLOCK) == 0, "server: O_NONBLOCK");
	while (rounds++ < 100000) {
		int done = sent == BULK_N;

		for (i = 0; i < N_CLIENTS; i++)
			done = done && got[i] == BULK_N;
		if (done)
			break;
		memset(&si, 0, sizeof(si));
		si.sinfo_flags = SCTP_SENDALL;
		si.sinfo_ppid = htonl(100 + sent);
		memset(msg, 'a' + sent % 26, sizeof(msg));
		if (sent < BULK_N && sctp_send(s, msg, sizeof(msg), &si, 0) == (int)sizeof(msg)) {
			sent++;
			continue;
		}
		if (sent < BULK_N) {
			if (errno != EAGAIN) /* (no "ok" line per EAGAIN: their number varies) */
				check(0, "server: sctp_send(SCTP_SENDALL) %d: %s", sent,
				      strerror(errno));
			blocked++;
		}
		for (i = 0; i < N_CLIENTS; i++) {
			struct pollfd p = {.fd = c[i], .events = POLLIN};

			if (poll(&p, 1, got[i] < sent ? 10 : 0) != 1)
				continue;
			flags = 0;
			memset(&si, 0, sizeof(si));
			n = sctp_recvmsg(c[i], buf, sizeof(buf), NULL, NULL, &si, &flags);
			check(n == BULK_LEN && (flags & MSG_EOR) &&
				  si.sinfo_ppid == htonl(100 + got[i]) &&
				  buf[0] == 'a' + got[i] % 26 && buf[BULK_LEN - 1] == buf[0] &&
				  !memcmp(buf, buf + 1, BULK_LEN - 1),
			      "client %d: SCTP_SENDALL message %d, %d bytes, whole and in order", i,
			      got[i], n);
			got[i]++;
		}
	}
	for (i = 0; i < N_CLIENTS; i++)
		check(got[i] == BULK_N, "client %d: all %d SCTP_SENDALL messages of %d bytes (%d)",
		      i, BULK_N, BULK_LEN, got[i]);
	check(blocked > 0, "server: the SCTP_SENDALL sends had to wait for room (%d EAGAIN)",
	      blocked);
	check(fcntl(s, F_SETFL, fl) == 0, "server: blocking again");
}

/* Where sctp_bindx() comes from: this program (libsctp linked in) or libsctun. */
static void provider(void)
{
	Dl_info di;
	const char *f;

	check(dladdr((void *)(uintptr_t)&sctp_bindx, &di) && di.dli_fname, "dladdr(sctp_bindx)");
	f = di.dli_fname;
#ifdef COMPAT_LKSCTP
	check(!strstr(f, "libsctun"), "sctp_bindx is libsctp's, linked in (%s)", f);
#else
	check(strstr(f, "libsctun") != NULL, "sctp_bindx is libsctun's (%s)", f);
#endif
}

int main(int argc, char **argv)
{
	sctp_assoc_t cid[N_CLIENTS], sid[N_CLIENTS], id;
	int c[N_CLIENTS], s, i, j, n;
	struct sockaddr_in sa;
	struct sctp_sndrcvinfo si;
	struct sctp_sndinfo snd;
	struct iovec iov;
	char name[32], all2[] = "to all, sendv";
	uint16_t sport;

	if (argc != 2) {
		fprintf(stderr, "usage: %s PORT\n", argv[0]);
		return 2;
	}
	provider();
	sport = (uint16_t)atoi(argv[1]);
	sa = addr4(sport);
	s = endpoint(sport, "server");
	check(listen(s, 8) == 0, "server: listen");

	for (i = 0; i < N_CLIENTS; i++) {
		snprintf(name, sizeof(name), "client %d", i);
		c[i] = endpoint((uint16_t)(sport + 1 + i), name);
		cid[i] = 0;
		n = sctp_connectx(c[i], (struct sockaddr *)&sa, 1, &cid[i]);
		check(n == 0 && cid[i] != 0, "%s: sctp_connectx: 0, association %d", name, cid[i]);
		/* a blocking sctp_connectx() returns once the association is up (Linux's
		 * sctp_wait_for_connect()) */
		{
			struct sctp_status st;
			socklen_t sl = sizeof(st);

			memset(&st, 0, sizeof(st));
			check(sctp_opt_info(c[i], cid[i], SCTP_STATUS, &st, &sl) == 0 &&
				  st.sstat_state == SCTP_ESTABLISHED,
			      "%s: established when sctp_connectx returns (state %d)", name,
			      st.sstat_state);
		}
		id = expect_change(c[i], SCTP_COMM_UP, name);
		check(id == cid[i], "%s: COMM_UP for association %d (%d)", name, cid[i], id);
		sid[i] = expect_change(s, SCTP_COMM_UP, "server");
		for (j = 0; j < i; j++)
			check(sid[j] != sid[i], "server: a new association id (%d)", sid[i]);
	}

	/* each client says hello; the server answers on each association with sctp_send */
	for (i = 0; i < N_CLIENTS; i++) {
		snprintf(name, sizeof(name), "hello %d", i);
		n = sctp_sendmsg(c[i], name, strlen(name), (struct sockaddr *)&sa, sizeof(sa),
				 htonl(0x1000 + i), 0, (uint16_t)i, 0, 0);
		check(n == (int)strlen(name), "client %d: sctp_sendmsg %d bytes", i, n);
		expect_msg(s, name, (uint16_t)i, htonl(0x1000 + i), sid[i], sport + 1 + i,
			   "server");
		memset(&si, 0, sizeof(si));
		si.sinfo_stream = 1;
		si.sinfo_ppid = htonl(7);
		si.sinfo_assoc_id = sid[i];
		check(sctp_send(s, "reply", 5, &si, 0) == 5, "server: sctp_send to association %d",
		      sid[i]);
		snprintf(name, sizeof(name), "client %d", i);
		expect_msg(c[i], "reply", 1, htonl(7), cid[i], sport, name);
		addresses(c[i], cid[i], sport, sport + 1 + i, name);
		addresses(s, sid[i], sport + 1 + i, sport, "server");
	}
	sendv_recvv(c[0], cid[0], s, sid[0]);

	/* SCTP_SENDALL through SCTP_SNDRCV (sctp_send): every association gets it */
	memset(&si, 0, sizeof(si));
	si.sinfo_flags = SCTP_SENDALL;
	si.sinfo_stream = 3;
	si.sinfo_ppid = htonl(42);
	n = sctp_send(s, "to all", 6, &si, 0);
	check(n == 6, "server: sctp_send(SCTP_SENDALL): 6 bytes (%d)", n);
	for (i = 0; i < N_CLIENTS; i++) {
		snprintf(name, sizeof(name), "client %d, SCTP_SENDALL", i);
		expect_msg(c[i], "to all", 3, htonl(42), cid[i], sport, name);
	}
	/* ... and through SCTP_SNDINFO (sctp_sendv), with no address and no association */
	memset(&snd, 0, sizeof(snd));
	snd.snd_flags = SCTP_SENDALL;
	snd.snd_sid = 4;
	snd.snd_ppid = htonl(43);
	iov.iov_base = all2;
	iov.iov_len = strlen(all2);
	n = (int)sctp_sendv(s, &iov, 1, NULL, 0, &snd, sizeof(snd), SCTP_SENDV_SNDINFO, 0);
	check(n == (int)strlen(all2), "server: sctp_sendv(SCTP_SENDALL): %d bytes", n);
	for (i = 0; i < N_CLIENTS; i++) {
		snprintf(name, sizeof(name), "client %d, sendv SCTP_SENDALL", i);
		expect_msg(c[i], all2, 4, htonl(43), cid[i], sport, name);
	}
	/* nothing came twice */
	usleep(300 * 1000);
	for (i = 0; i < N_CLIENTS; i++) {
		struct pollfd p = {.fd = c[i], .events = POLLIN};

		check(poll(&p, 1, 0) == 0, "client %d: nothing more to read", i);
	}

	sendall_bulk(s, c);

	/* a new socket sends to the server with no association (implicit setup, RFC 6458
	 * 3.1.3) and closes at once: the message still arrives, then the SHUTDOWN */
	{
		int q = endpoint((uint16_t)(sport + 1 + N_CLIENTS), "implicit client");

		n = sctp_sendmsg(q, "implicit", 8, (struct sockaddr *)&sa, sizeof(sa), htonl(5), 0,
				 0, 0, 0);
		check(n == 8, "implicit client: sctp_sendmsg with no association: 8 bytes (%d)", n);
		close(q);
		id = expect_change(s, SCTP_COMM_UP, "server, implicit association");
		expect_msg(s, "implicit", 0, htonl(5), id, sport + 1 + N_CLIENTS,
			   "server, from a client closed at once");
		check(expect_change(s, SCTP_SHUTDOWN_COMP, "server, implicit association") == id,
		      "server: the implicit association shut down");
	}

	/* SCTP_SENDALL | SCTP_EOF with no data: every association shuts down gracefully */
	memset(&si, 0, sizeof(si));
	si.sinfo_flags = SCTP_SENDALL | SCTP_EOF;
	n = sctp_send(s, NULL, 0, &si, 0);
	check(n == 0, "server: sctp_send(SCTP_SENDALL | SCTP_EOF): 0 (%d)", n);
	for (i = 0; i < N_CLIENTS; i++) {
		snprintf(name, sizeof(name), "client %d", i);
		id = expect_change(c[i], SCTP_SHUTDOWN_COMP, name);
		check(id == cid[i], "%s: SHUTDOWN_COMP for association %d", name, cid[i]);
		id = expect_change(s, SCTP_SHUTDOWN_COMP, "server");
		close(c[i]);
	}
	close(s);
	printf("all passed\n");
	return 0;
}
