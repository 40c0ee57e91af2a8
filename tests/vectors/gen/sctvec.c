/* SPDX-License-Identifier: MIT */
/* sctvec: a tiny usrsctp client/server that makes the traffic for the committed captures. */

/*
 * Theory of operation
 *
 * Not part of the build: tests/vectors/README says how to compile it and how it was run.
 * The server accepts one association and echoes every user message back on the same stream
 * with the same PPID until the peer shuts down, then closes (SHUTDOWN ACK). The client
 * connects, sends its messages one at a time and waits for each echo, stays idle for a while
 * (so HEARTBEATs appear when the heartbeat interval is short), then shuts down (SHUTDOWN) and
 * waits for the association to end. Everything blocks; usrsctp runs its own threads.
 *
 * usage: sctvec server|client [-6] [-a ADDR] [-p PORT] [-u LOCAL_UDP] [-U REMOTE_UDP]
 *                             [-n COUNT] [-s SIZE] [-S SID] [-P PPID] [-h HB_MS] [-i IDLE_MS]
 *                             [-t TIMEOUT_S] [-m PATH_MTU]
 * -u gives usrsctp's local UDP encapsulation port (RFC 6951; 0 = raw IP only), -U makes the
 * client send to that remote UDP port. -t bounds the whole run (the ABORT capture connects to a
 * port nobody listens on). -m fixes the client's path MTU and turns its PMTU discovery off.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>
#include <usrsctp.h>

static void dbg(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
}

static void die(const char *what)
{
	fprintf(stderr, "sctvec: %s: %s\n", what, strerror(errno));
	exit(1);
}

struct opts {
	int server, v6, count, size, hb_ms, idle_ms, timeout_s, mtu;
	const char *addr;
	uint16_t port, udp, rudp, sid;
	uint32_t ppid;
};

static socklen_t mkaddr(const struct opts *o, const char *addr, struct sockaddr_storage *ss)
{
	memset(ss, 0, sizeof(*ss));
	if (o->v6) {
		struct sockaddr_in6 *s6 = (struct sockaddr_in6 *)ss;

		s6->sin6_family = AF_INET6;
		s6->sin6_port = htons(o->port);
		if (addr && inet_pton(AF_INET6, addr, &s6->sin6_addr) != 1)
			die("bad IPv6 address");
		return sizeof(*s6);
	}
	struct sockaddr_in *s4 = (struct sockaddr_in *)ss;

	s4->sin_family = AF_INET;
	s4->sin_port = htons(o->port);
	if (addr && inet_pton(AF_INET, addr, &s4->sin_addr) != 1)
		die("bad IPv4 address");
	return sizeof(*s4);
}

static ssize_t recv_msg(struct socket *s, char *buf, size_t len, struct sctp_rcvinfo *ri)
{
	socklen_t ilen = sizeof(*ri);
	unsigned int itype = 0;
	int flags = 0;
	size_t got = 0;

	/* A message larger than one read comes in pieces; stop at MSG_EOR. */
	for (;;) {
		ssize_t n =
		    usrsctp_recvv(s, buf + got, len - got, NULL, NULL, ri, &ilen, &itype, &flags);
		if (n <= 0)
			return got ? (ssize_t)got : n;
		got += (size_t)n;
		if ((flags & MSG_EOR) || got == len)
			return (ssize_t)got;
	}
}

static void send_msg(struct socket *s, const char *buf, size_t len, uint16_t sid, uint32_t ppid)
{
	struct sctp_sndinfo si = {.snd_sid = sid, .snd_ppid = htonl(ppid)};

	if (usrsctp_sendv(s, buf, len, NULL, 0, &si, sizeof(si), SCTP_SENDV_SNDINFO, 0) < 0)
		die("usrsctp_sendv");
}

static void run_server(const struct opts *o)
{
	struct sockaddr_storage ss;
	socklen_t sl = mkaddr(o, o->addr, &ss);
	struct socket *l, *c;
	static char buf[1 << 17];
	const int on = 1;

	l = usrsctp_socket(o->v6 ? AF_INET6 : AF_INET, SOCK_STREAM, IPPROTO_SCTP, NULL, NULL, 0,
			   NULL);
	if (!l)
		die("usrsctp_socket");
	if (usrsctp_setsockopt(l, IPPROTO_SCTP, SCTP_RECVRCVINFO, &on, sizeof(on)) < 0)
		die("SCTP_RECVRCVINFO");
	if (usrsctp_bind(l, (struct sockaddr *)&ss, sl) < 0)
		die("usrsctp_bind");
	if (usrsctp_listen(l, 1) < 0)
		die("usrsctp_listen");
	c = usrsctp_accept(l, NULL, NULL);
	if (!c)
		die("usrsctp_accept");
	usrsctp_close(l);
	for (;;) {
		struct sctp_rcvinfo ri = {0};
		ssize_t n = recv_msg(c, buf, sizeof(buf), &ri);

		if (n <= 0)
			break;
		fprintf(stderr, "server: %zd bytes sid %u ppid %u\n", n, ri.rcv_sid,
			ntohl(ri.rcv_ppid));
		send_msg(c, buf, (size_t)n, ri.rcv_sid, ntohl(ri.rcv_ppid));
	}
	usrsctp_close(c);
}

static void run_client(const struct opts *o)
{
	struct sockaddr_storage ss;
	socklen_t sl = mkaddr(o, o->addr, &ss);
	struct socket *s;
	static char buf[1 << 17], back[1 << 17];
	const int on = 1;

	s = usrsctp_socket(o->v6 ? AF_INET6 : AF_INET, SOCK_STREAM, IPPROTO_SCTP, NULL, NULL, 0,
			   NULL);
	if (!s)
		die("usrsctp_socket");
	if (usrsctp_setsockopt(s, IPPROTO_SCTP, SCTP_RECVRCVINFO, &on, sizeof(on)) < 0)
		die("SCTP_RECVRCVINFO");
	if (o->rudp) {
		struct sctp_udpencaps ue = {.sue_port = htons(o->rudp)};

		mkaddr(o, o->addr, &ue.sue_address);
		if (usrsctp_setsockopt(s, IPPROTO_SCTP, SCTP_REMOTE_UDP_ENCAPS_PORT, &ue,
				       sizeof(ue)) < 0)
			die("SCTP_REMOTE_UDP_ENCAPS_PORT");
	}
	if (usrsctp_connect(s, (struct sockaddr *)&ss, sl) < 0)
		die("usrsctp_connect");
	if (o->mtu) {
		/* A fixed path MTU larger than the path's, to make a router answer with ICMP. */
		struct sctp_paddrparams pp = {.spp_pathmtu = (uint32_t)o->mtu,
					      .spp_flags = SPP_PMTUD_DISABLE};

		memcpy(&pp.spp_address, &ss, sizeof(ss));

		if (usrsctp_setsockopt(s, IPPROTO_SCTP, SCTP_PEER_ADDR_PARAMS, &pp, sizeof(pp)) < 0)
			die("SCTP_PEER_ADDR_PARAMS");
	}
	for (int i = 0; i < o->count; i++) {
		struct sctp_rcvinfo ri = {0};
		size_t len = (size_t)o->size;

		/* Printable, position-dependent payload: easy to read in a hex dump. */
		for (size_t k = 0; k < len; k++)
			buf[k] = (char)('a' + (k + (size_t)i) % 26);
		if (len >= 8)
			memcpy(buf, "sctvec#", 7), buf[7] = (char)('0' + i % 10);
		send_msg(s, buf, len, o->sid, o->ppid);
		if (recv_msg(s, back, sizeof(back), &ri) != (ssize_t)len || memcmp(buf, back, len))
			die("echo mismatch");
		fprintf(stderr, "client: echo %zu bytes sid %u ppid %u\n", len, ri.rcv_sid,
			ntohl(ri.rcv_ppid));
	}
	if (o->idle_ms)
		usleep((useconds_t)o->idle_ms * 1000);
	if (usrsctp_shutdown(s, SHUT_WR) < 0)
		die("usrsctp_shutdown");
	while (recv_msg(s, back, sizeof(back), &(struct sctp_rcvinfo){0}) > 0)
		;
	usrsctp_close(s);
}

int main(int argc, char **argv)
{
	struct opts o = {.port = 5001, .count = 1, .size = 16, .timeout_s = 20};
	int c;

	if (argc < 2 || (strcmp(argv[1], "server") && strcmp(argv[1], "client"))) {
		fprintf(stderr, "usage: sctvec server|client [options] (see the source)\n");
		return 2;
	}
	o.server = !strcmp(argv[1], "server");
	optind = 2;
	while ((c = getopt(argc, argv, "6a:p:u:U:n:s:S:P:h:i:t:m:")) != -1) {
		switch (c) {
		case '6':
			o.v6 = 1;
			break;
		case 'a':
			o.addr = optarg;
			break;
		case 'p':
			o.port = (uint16_t)atoi(optarg);
			break;
		case 'u':
			o.udp = (uint16_t)atoi(optarg);
			break;
		case 'U':
			o.rudp = (uint16_t)atoi(optarg);
			break;
		case 'n':
			o.count = atoi(optarg);
			break;
		case 's':
			o.size = atoi(optarg);
			break;
		case 'S':
			o.sid = (uint16_t)atoi(optarg);
			break;
		case 'P':
			o.ppid = (uint32_t)strtoul(optarg, NULL, 0);
			break;
		case 'h':
			o.hb_ms = atoi(optarg);
			break;
		case 'i':
			o.idle_ms = atoi(optarg);
			break;
		case 't':
			o.timeout_s = atoi(optarg);
			break;
		case 'm':
			o.mtu = atoi(optarg);
			break;
		default:
			return 2;
		}
	}
	if (o.size < 1 || o.size > (1 << 17) || (!o.server && !o.addr)) {
		fprintf(stderr, "sctvec: bad size or missing -a for the client\n");
		return 2;
	}
	alarm((unsigned)o.timeout_s);
	usrsctp_init(o.udp, NULL, getenv("SCTVEC_DEBUG") ? dbg : NULL);
#ifdef SCTP_DEBUG
	if (getenv("SCTVEC_DEBUG"))
		usrsctp_sysctl_set_sctp_debug_on(SCTP_DEBUG_ALL);
#endif
	if (o.hb_ms)
		usrsctp_sysctl_set_sctp_heartbeat_interval_default((uint32_t)o.hb_ms);
	if (o.server)
		run_server(&o);
	else
		run_client(&o);
	while (usrsctp_finish() != 0)
		sleep(1);
	return 0;
}
