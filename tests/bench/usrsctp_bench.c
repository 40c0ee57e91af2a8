/* SPDX-License-Identifier: MIT */
/* usrsctp_bench.c: the usrsctp peer of `make bench`: flood, ping-pong and setup tests. */
#include <errno.h>
#include <arpa/inet.h>
#include <netdb.h>
#include <netinet/in.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <usrsctp.h>

/*
 * The same three tests as sctpperf(1), with the same measurement points, so
 * tests/bench/sctbench.py can put the two side by side:
 *
 *   flood    client: 'F' then LEN-byte messages ('D'...) for SECS, then 'E';
 *            the server times from the first data message to 'E' and answers
 *            'R' bytes messages nanoseconds (the receiver's view, as sctpperf)
 *   latency  client: 'L' then one LEN-byte message at a time, echoed back
 *   setup    client: connect to port + 1, 'S', shutdown, wait for the end, for SECS
 *
 * The server serves one association at a time (the harness runs one client
 * at a time).  One JSON line on stdout is the client's result.  With -U the
 * packets go over UDP encapsulation (RFC 6951) on that local port, to the
 * peer's -R port; without it over raw IP (root).
 */

#define MAX_LEN	    65536
#define MAX_SAMPLES 4000000

static uint64_t now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

static void die(const char *what)
{
	fprintf(stderr, "usrsctp_bench: %s: %s\n", what, strerror(errno));
	exit(1);
}

static struct socket *new_socket(uint16_t remote_udp)
{
	struct socket *so = usrsctp_socket(AF_INET, SOCK_STREAM, IPPROTO_SCTP, NULL, NULL, 0, NULL);
	struct sctp_udpencaps enc;

	if (!so)
		die("socket");
	if (remote_udp) {
		memset(&enc, 0, sizeof(enc));
		enc.sue_address.ss_family = AF_INET;
		enc.sue_port = htons(remote_udp);
		if (usrsctp_setsockopt(so, IPPROTO_SCTP, SCTP_REMOTE_UDP_ENCAPS_PORT, &enc,
				       sizeof(enc)))
			die("SCTP_REMOTE_UDP_ENCAPS_PORT");
	}
	return so;
}

static void nodelay(struct socket *so)
{
	int one = 1;

	if (usrsctp_setsockopt(so, IPPROTO_SCTP, SCTP_NODELAY, &one, sizeof(one)))
		die("SCTP_NODELAY");
}

/* One whole message into @buf.  Return: its length, 0 at the end, -1 on error. */
static ssize_t recv_msg(struct socket *so, uint8_t *buf, size_t cap)
{
	size_t fill = 0;

	for (;;) {
		struct sockaddr_storage from;
		socklen_t fromlen = sizeof(from), infolen = 0;
		unsigned int infotype = 0;
		int flags = 0;
		ssize_t n = usrsctp_recvv(so, buf + fill, cap - fill, (struct sockaddr *)&from,
					  &fromlen, NULL, &infolen, &infotype, &flags);

		if (n <= 0)
			return n;
		fill += (size_t)n;
		if (flags & MSG_EOR)
			return (ssize_t)fill;
		if (fill == cap)
			return -1;
	}
}

static int send_msg(struct socket *so, const void *buf, size_t len)
{
	return usrsctp_sendv(so, buf, len, NULL, 0, NULL, 0, SCTP_SENDV_NOINFO, 0) == (ssize_t)len
		   ? 0
		   : -1;
}

static uint8_t buf[MAX_LEN];

static void serve_one(struct socket *c)
{
	uint64_t bytes = 0, msgs = 0, t_first = 0, out[3];
	uint8_t reply[1 + sizeof(out)];
	ssize_t n = recv_msg(c, buf, sizeof(buf));

	if (n != 1)
		goto out;
	nodelay(c);
	switch (buf[0]) {
	case 'F':
		while ((n = recv_msg(c, buf, sizeof(buf))) > 0) {
			if (buf[0] == 'E' && n == 1) {
				out[0] = bytes;
				out[1] = msgs;
				out[2] = msgs ? now_ns() - t_first : 0;
				reply[0] = 'R';
				memcpy(reply + 1, out, sizeof(out));
				send_msg(c, reply, sizeof(reply));
				break; /* our close ends the association gracefully */
			}
			if (!msgs)
				t_first = now_ns();
			bytes += (uint64_t)n;
			msgs++;
		}
		break;
	case 'L':
		while ((n = recv_msg(c, buf, sizeof(buf))) > 1) /* 1 byte: the end */
			if (send_msg(c, buf, (size_t)n))
				break;
		break;
	default:
		break;
	}
out:
	usrsctp_close(c);
}

/* The setup tests' server: one one-to-many socket on port + 1 that only reads.  usrsctp 0.9.5
 * corrupts its heap when a server closes an accepted socket soon after the association came up
 * (seen on Debian 12, both with the server's and the client's SHUTDOWN); a one-to-many socket has
 * no socket per association to close. */
static void *setup_server(void *arg)
{
	static uint8_t sbuf[MAX_LEN];
	struct socket *ls = arg;

	for (;;) {
		struct sockaddr_storage from;
		socklen_t fromlen = sizeof(from), infolen = 0;
		unsigned int infotype = 0;
		int flags = 0;

		if (usrsctp_recvv(ls, sbuf, sizeof(sbuf), (struct sockaddr *)&from, &fromlen, NULL,
				  &infolen, &infotype, &flags) < 0 &&
		    errno != EINTR && errno != EAGAIN)
			die("setup server: recv");
	}
	return NULL;
}

static struct socket *listen_on(int type, uint16_t port, uint16_t remote_udp)
{
	struct socket *ls = usrsctp_socket(AF_INET, type, IPPROTO_SCTP, NULL, NULL, 0, NULL);
	struct sockaddr_in a = {.sin_family = AF_INET, .sin_port = htons(port)};

	(void)remote_udp;
	if (!ls || usrsctp_bind(ls, (struct sockaddr *)&a, sizeof(a)) || usrsctp_listen(ls, 16))
		die("bind/listen");
	return ls;
}

static _Noreturn void server(uint16_t port, uint16_t remote_udp)
{
	struct socket *ls = listen_on(SOCK_STREAM, port, remote_udp);
	pthread_t t;

	if (pthread_create(&t, NULL, setup_server,
			   listen_on(SOCK_SEQPACKET, (uint16_t)(port + 1), remote_udp)))
		die("pthread_create");
	printf("listening\n");
	fflush(stdout);
	for (;;) {
		struct socket *c = usrsctp_accept(ls, NULL, NULL);

		if (c)
			serve_one(c);
	}
}

static struct socket *connect_to(struct sockaddr_in *peer, uint16_t remote_udp)
{
	struct socket *so = new_socket(remote_udp);

	if (usrsctp_connect(so, (struct sockaddr *)peer, sizeof(*peer)))
		die("connect");
	return so;
}

/* Wait for the server's close (its SHUTDOWN), then close: nothing is left half-done when the
 * process exits, so the server is free for the next client. */
static void close_wait(struct socket *so)
{
	while (recv_msg(so, buf, sizeof(buf)) > 0)
		;
	usrsctp_close(so);
}

static int cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return x < y ? -1 : x > y;
}

static int client(struct sockaddr_in *peer, uint16_t remote_udp, char mode, size_t len, double secs)
{
	uint64_t t0 = now_ns(), t_end = t0 + (uint64_t)(secs * 1e9), n = 0, r[3];
	struct socket *so;
	uint64_t *s;

	if (mode == 'S') {
		peer->sin_port = htons((uint16_t)(ntohs(peer->sin_port) + 1)); /* setup_server() */
		while (now_ns() < t_end) {
			so = connect_to(peer, remote_udp);
			nodelay(so);
			/* The client ends it (see setup_server()). */
			if (send_msg(so, "S", 1) || usrsctp_shutdown(so, SHUT_WR))
				die("send");
			close_wait(so);
			n++;
		}
		printf("{\"mode\": \"setup\", \"associations\": %llu, \"seconds\": %.6f}\n",
		       (unsigned long long)n, (double)(now_ns() - t0) / 1e9);
		return 0;
	}
	so = connect_to(peer, remote_udp);
	if (mode == 'L')
		nodelay(so);
	if (send_msg(so, mode == 'L' ? "L" : "F", 1))
		die("send");
	memset(buf, 0, len);
	if (mode == 'F') {
		buf[0] = 'D';
		for (t0 = now_ns(), t_end = t0 + (uint64_t)(secs * 1e9); now_ns() < t_end;)
			if (send_msg(so, buf, len))
				die("send");
		if (send_msg(so, "E", 1) || recv_msg(so, buf, sizeof(buf)) != 1 + sizeof(r) ||
		    buf[0] != 'R')
			die("the result");
		memcpy(r, buf + 1, sizeof(r));
		close_wait(so);
		printf(
		    "{\"mode\": \"flood\", \"length\": %zu, \"bytes\": %llu, \"messages\": %llu, "
		    "\"seconds\": %.6f}\n",
		    len, (unsigned long long)r[0], (unsigned long long)r[1], (double)r[2] / 1e9);
		return 0;
	}
	s = malloc(MAX_SAMPLES * sizeof(*s));
	if (!s)
		die("malloc");
	buf[0] = 'P';
	for (t0 = now_ns(), t_end = t0 + (uint64_t)(secs * 1e9);
	     now_ns() < t_end && n < MAX_SAMPLES; n++) {
		uint64_t t = now_ns();

		if (send_msg(so, buf, len) || recv_msg(so, buf, sizeof(buf)) != (ssize_t)len)
			die("ping");
		s[n] = now_ns() - t;
	}
	qsort(s, n, sizeof(*s), cmp_u64);
	printf("{\"mode\": \"latency\", \"pings\": %llu, \"p50_us\": %.3f, \"p99_us\": %.3f}\n",
	       (unsigned long long)n, n ? (double)s[n / 2] / 1e3 : 0,
	       n ? (double)s[n * 99 / 100] / 1e3 : 0);
	free(s);
	if (send_msg(so, "E", 1))
		die("send");
	close_wait(so);
	return 0;
}

static void usage(void)
{
	fputs("usage: usrsctp_bench -s [-p PORT] [-U LOCAL_UDP]\n"
	      "       usrsctp_bench -c IPV4 [-p PORT] [-U LOCAL_UDP -R PEER_UDP] -m F|L|S "
	      "[-l LEN] [-t SECS]\n",
	      stderr);
	exit(2);
}

int main(int argc, char **argv)
{
	struct sockaddr_in peer = {.sin_family = AF_INET};
	uint16_t port = 5210, local_udp = 0, remote_udp = 0;
	const char *host = NULL;
	int opt, srv = 0;
	char mode = 'F';
	size_t len = 1000;
	double secs = 2;

	while ((opt = getopt(argc, argv, "sc:p:U:R:m:l:t:")) != -1) {
		switch (opt) {
		case 's':
			srv = 1;
			break;
		case 'c':
			host = optarg;
			break;
		case 'p':
			port = (uint16_t)atoi(optarg);
			break;
		case 'U':
			local_udp = (uint16_t)atoi(optarg);
			break;
		case 'R':
			remote_udp = (uint16_t)atoi(optarg);
			break;
		case 'm':
			mode = optarg[0];
			break;
		case 'l':
			len = (size_t)atol(optarg);
			break;
		case 't':
			secs = atof(optarg);
			break;
		default:
			usage();
		}
	}
	if (srv == !!host || len < 1 || len > MAX_LEN || secs <= 0 || !strchr("FLS", mode) ||
	    (host && inet_pton(AF_INET, host, &peer.sin_addr) != 1))
		usage();
	peer.sin_port = htons(port);
	usrsctp_init(local_udp, NULL, NULL);
	/* The harness ends the server with SIGTERM; usrsctp's threads die with the process. */
	if (srv)
		server(port, remote_udp);
	return client(&peer, remote_udp, mode, len, secs);
}
