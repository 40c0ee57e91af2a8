/* SPDX-License-Identifier: MIT */
/* server.c: sctpperf -s: accept associations, follow each one's test, answer floods and pings. */
#include "config.h"

#include <errno.h>
#include <netdb.h>
#include <netinet/in.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <linux/sctp.h> /* after sys/socket.h, which it needs */

#include "sctpperf.h"

/*
 * One poll() loop over the listening socket and up to PERF_MAX_CONNS
 * associations; each association is a small state machine fed by its
 * messages (main.c has the exchange).  A client that breaks the exchange
 * loses its association, never the server.
 */

enum conn_state { C_HEADER, C_FLOOD, C_PING, C_DRAIN };

struct conn {
	int fd;
	enum conn_state state;
	struct perf_hdr hdr;
	bool at_start; /* the next read begins a message */
	uint8_t *ping; /* latency: the message being received, hdr.len bytes */
	size_t fill;
	uint64_t t_first;
	uint64_t expect; /* messages the client sent, from its end marker */
	bool end_seen;
	struct perf_result res;
	char peer[INET6_ADDRSTRLEN + 16];
};

static struct conn conns[PERF_MAX_CONNS];
static struct pollfd pfds[PERF_MAX_CONNS + 1];
static size_t nconns;
static uint8_t scratch[PERF_MAX_LEN];

static int listen_on(const char *port)
{
	struct addrinfo hints = {.ai_socktype = SOCK_STREAM,
				 .ai_flags = AI_PASSIVE | AI_NUMERICSERV},
			*ai;
	int family, fd = -1, err;

	/* IPv6 first: its wildcard takes IPv4 peers too, as IPv4-mapped addresses. */
	for (family = AF_INET6; fd < 0 && family; family = family == AF_INET6 ? AF_INET : 0) {
		hints.ai_family = family;
		err = getaddrinfo(NULL, port, &hints, &ai);
		if (err)
			continue;
		fd = socket(family, SOCK_STREAM, IPPROTO_SCTP);
		if (fd >= 0 && (bind(fd, ai->ai_addr, ai->ai_addrlen) || listen(fd, 128))) {
			fprintf(stderr, "sctpperf: port %s: %s\n", port, strerror(errno));
			close(fd);
			freeaddrinfo(ai);
			return -1;
		}
		freeaddrinfo(ai);
	}
	if (fd < 0)
		perror("sctpperf: socket");
	return fd;
}

/* Wait up to a second for room, then send: a client that does not read loses its association. */
static int send_wait(int fd, const void *buf, size_t len)
{
	struct pollfd p = {.fd = fd, .events = POLLOUT};

	if (poll(&p, 1, 1000) < 1)
		return -1;
	return send(fd, buf, len, MSG_DONTWAIT | MSG_NOSIGNAL) == (ssize_t)len ? 0 : -1;
}

static void accept_one(int lfd)
{
	struct sockaddr_storage ss;
	socklen_t len = sizeof(ss);
	struct conn *c;
	int one = 1, fd = accept(lfd, (struct sockaddr *)&ss, &len);

	if (fd < 0)
		return;
	if (nconns == PERF_MAX_CONNS) {
		fprintf(stderr, "sctpperf: %d associations already: refusing one\n",
			PERF_MAX_CONNS);
		close(fd);
		return;
	}
	/* Pongs go out at once, not held back for bundling (Nagle). */
	if (setsockopt(fd, SOL_SCTP, SCTP_NODELAY, &one, sizeof(one)))
		perror("sctpperf: SCTP_NODELAY");
	c = &conns[nconns++];
	memset(c, 0, sizeof(*c));
	c->fd = fd;
	c->at_start = true;
	perf_addr_str((struct sockaddr *)&ss, c->peer, sizeof(c->peer));
}

static void conn_close(size_t i)
{
	struct conn *c = &conns[i];

	if (c->state == C_PING)
		printf("%s: latency, %u-byte messages: %llu pings answered\n", c->peer, c->hdr.len,
		       (unsigned long long)c->res.messages);
	else if (c->state == C_FLOOD)
		printf("%s: %s test ended before its end marker\n", c->peer,
		       perf_mode_names[c->hdr.mode]);
	close(c->fd);
	free(c->ping);
	conns[i] = conns[--nconns];
}

static int flood_end(struct conn *c)
{
	uint8_t out[PERF_RESULT_LEN];
	double s;

	c->res.nsecs = c->res.messages ? perf_now() - c->t_first : 0;
	perf_result_encode(&c->res, out);
	s = (double)c->res.nsecs / 1e9;
	printf("%s: %s, %u-byte messages: %llu bytes, %llu messages in %.2f s: %.2f Mbit/s, "
	       "%.0f messages/s\n",
	       c->peer, perf_mode_names[c->hdr.mode], c->hdr.len, (unsigned long long)c->res.bytes,
	       (unsigned long long)c->res.messages, s,
	       s > 0 ? (double)c->res.bytes * 8 / s / 1e6 : 0,
	       s > 0 ? (double)c->res.messages / s : 0);
	c->state = C_DRAIN;
	return send_wait(c->fd, out, sizeof(out));
}

/* Read one message (or piece) and act on it.  Return: 1 when one was read, 0 when nothing was
 * there, -1 when the association is to go. */
static int conn_read(struct conn *c)
{
	bool start = c->at_start;
	uint8_t *buf = c->state == C_PING ? c->ping + c->fill : scratch;
	struct iovec iov = {.iov_base = buf,
			    .iov_len = c->state == C_PING ? c->hdr.len - c->fill : sizeof(scratch)};
	struct msghdr m = {.msg_iov = &iov, .msg_iovlen = 1};
	ssize_t n = recvmsg(c->fd, &m, MSG_DONTWAIT);

	if (n < 0)
		return errno == EAGAIN || errno == EINTR ? 0 : -1;
	if (n == 0 || m.msg_flags & MSG_NOTIFICATION)
		return n ? 1 : -1;
	c->at_start = m.msg_flags & MSG_EOR;
	switch (c->state) {
	case C_HEADER:
		if (!start || !c->at_start || perf_hdr_decode(buf, (size_t)n, &c->hdr)) {
			fprintf(stderr, "sctpperf: %s: not an sctpperf client\n", c->peer);
			return -1;
		}
		if (c->hdr.mode == PERF_SETUP)
			return -1; /* the test is the association's set-up and end */
		c->state = c->hdr.mode == PERF_LATENCY ? C_PING : C_FLOOD;
		if (c->state == C_PING && !(c->ping = malloc(c->hdr.len)))
			return -1;
		return 1;
	case C_FLOOD:
		if (start && buf[0] == PERF_TAG_END) {
			if (n != PERF_END_LEN || !c->at_start)
				return -1;
			c->expect = perf_end_decode(buf);
			c->end_seen = true;
		} else {
			if (start && !c->res.messages)
				c->t_first = perf_now();
			c->res.bytes += (uint64_t)n;
			c->res.messages += c->at_start;
		}
		/* The end marker can pass messages of other streams: wait for all of them. */
		if (c->end_seen && c->res.messages >= c->expect)
			return flood_end(c) ? -1 : 1;
		return 1;
	case C_PING:
		c->fill += (size_t)n;
		if (!c->at_start)
			return c->fill < c->hdr.len ? 1 : -1; /* longer than the header said */
		c->res.messages++;
		n = (ssize_t)c->fill;
		c->fill = 0;
		return send_wait(c->fd, c->ping, (size_t)n) ? -1 : 1;
	case C_DRAIN:
		return 1;
	}
	return -1;
}

/*
 * Read what is there: during a flood up to 64 messages per wakeup, so small messages cost one
 * poll() per batch rather than one per message (the message rate test measured sctpperf's
 * server as much as the stack); one message otherwise (a ping: the next read would only say
 * EAGAIN).  Return: 0, or -1 when the association is to go.
 */
static int conn_input(struct conn *c)
{
	int i, r;

	for (i = 0; i < 64; i++) {
		r = conn_read(c);
		if (r <= 0)
			return r;
		if (c->state != C_FLOOD)
			return 0;
	}
	return 0;
}

int perf_server(const struct perf_opts *o)
{
	int lfd = listen_on(o->port), n;
	size_t i, polled;

	if (lfd < 0)
		return 1;
	setvbuf(stdout, NULL, _IOLBF, 0);
	printf("sctpperf: listening on port %s\n", o->port);
	while (!perf_stop) {
		pfds[0].fd = lfd;
		pfds[0].events = POLLIN;
		for (i = 0; i < nconns; i++) {
			pfds[i + 1].fd = conns[i].fd;
			pfds[i + 1].events = POLLIN;
		}
		polled = nconns;
		n = poll(pfds, polled + 1, -1);
		if (n < 0 && errno != EINTR) {
			perror("sctpperf: poll");
			break;
		}
		if (n <= 0)
			continue;
		/* Backwards: conn_close() moves the last association into the hole. */
		for (i = polled; i-- > 0;)
			if (pfds[i + 1].revents && conn_input(&conns[i]))
				conn_close(i);
		/* A listening socket hangs up only when its stack is gone (sctund stopped): without
		 * this check every poll() would return at once, for ever. */
		if (pfds[0].revents & (POLLHUP | POLLERR | POLLNVAL)) {
			fputs("sctpperf: the listening socket hung up (sctund stopped?)\n", stderr);
			break;
		}
		if (pfds[0].revents & POLLIN)
			accept_one(lfd);
	}
	while (nconns)
		conn_close(nconns - 1);
	close(lfd);
	return perf_stop ? 0 : 1;
}
