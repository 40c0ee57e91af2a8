/* SPDX-License-Identifier: MIT */
/* client.c: sctpperf -c: the throughput, rate, latency and setup tests over -P associations. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
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
 * Every association is a state machine stepped by the poll() loop in
 * perf_client(): A_SEND waits for room (flood: as many messages as fit;
 * setup: the connect's end, then the header), A_WAIT for a message (latency:
 * the pong; setup: the server's close).  Interval lines come from the loop
 * too, between steps, so they cost the test nothing while it runs.
 */

enum assoc_state { A_SEND, A_WAIT, A_DONE };

struct assoc {
	int fd;
	enum assoc_state state;
	uint64_t t0;   /* latency: the ping left */
	size_t fill;   /* latency: bytes of the pong so far */
	uint32_t sid;  /* next stream, round-robin */
	uint64_t sent; /* flood: data messages */
	uint8_t *in;   /* latency: the pong */
};

struct client {
	const struct perf_opts *o;
	struct sockaddr_storage peer;
	socklen_t peerlen;
	struct assoc a[PERF_MAX_ASSOCS];
	struct perf_report rep;
	struct perf_interval cur;
	uint64_t t_end;
	uint8_t out[PERF_MAX_LEN]; /* the message we send: a tag, then zeros */
};

static int resolve(struct client *c)
{
	struct addrinfo hints = {.ai_socktype = SOCK_STREAM, .ai_flags = AI_NUMERICSERV}, *ai;
	int err = getaddrinfo(c->o->host, c->o->port, &hints, &ai);

	if (err) {
		fprintf(stderr, "sctpperf: %s: %s\n", c->o->host, gai_strerror(err));
		return -1;
	}
	memcpy(&c->peer, ai->ai_addr, ai->ai_addrlen);
	c->peerlen = ai->ai_addrlen;
	freeaddrinfo(ai);
	return 0;
}

/* One message on stream @sid (an SCTP_SNDINFO cmsg).  Return: as sendmsg(). */
static ssize_t send_msg(int fd, const void *buf, size_t len, uint32_t sid, int flags)
{
	union {
		char buf[CMSG_SPACE(sizeof(struct sctp_sndinfo))];
		struct cmsghdr align;
	} cm;
	struct iovec iov = {.iov_base = (void *)buf, .iov_len = len};
	struct msghdr m = {.msg_iov = &iov,
			   .msg_iovlen = 1,
			   .msg_control = cm.buf,
			   .msg_controllen = sizeof(cm.buf)};
	struct cmsghdr *h = CMSG_FIRSTHDR(&m);
	struct sctp_sndinfo si = {.snd_sid = (uint16_t)sid};

	memset(&cm, 0, sizeof(cm));
	h->cmsg_level = IPPROTO_SCTP;
	h->cmsg_type = SCTP_SNDINFO;
	h->cmsg_len = CMSG_LEN(sizeof(si));
	memcpy(CMSG_DATA(h), &si, sizeof(si));
	return sendmsg(fd, &m, flags | MSG_NOSIGNAL);
}

/* A new association in @a: blocking and with its header sent, or (setup) connecting. */
static int assoc_open(struct client *c, struct assoc *a)
{
	const struct perf_opts *o = c->o;
	struct sctp_initmsg im = {.sinit_num_ostreams = (uint16_t)o->streams};
	struct perf_hdr h = {.version = PERF_VERSION,
			     .mode = (uint8_t)o->mode,
			     .len = o->len,
			     .streams = o->streams};
	uint8_t hdr[PERF_HDR_LEN];
	int one = 1;

	a->fd = socket(c->peer.ss_family, SOCK_STREAM, IPPROTO_SCTP);
	if (a->fd < 0)
		return perror("sctpperf: socket"), -1;
	if (o->streams > 10 && setsockopt(a->fd, SOL_SCTP, SCTP_INITMSG, &im, sizeof(im)))
		return perror("sctpperf: SCTP_INITMSG"), -1;
	if (o->mode >= PERF_LATENCY && setsockopt(a->fd, SOL_SCTP, SCTP_NODELAY, &one, sizeof(one)))
		return perror("sctpperf: SCTP_NODELAY"), -1;
	a->state = A_SEND;
	if (o->mode == PERF_SETUP) {
		if (fcntl(a->fd, F_SETFL, O_NONBLOCK) ||
		    (connect(a->fd, (struct sockaddr *)&c->peer, c->peerlen) &&
		     errno != EINPROGRESS))
			return perror("sctpperf: connect"), -1;
		return 0;
	}
	if (connect(a->fd, (struct sockaddr *)&c->peer, c->peerlen)) {
		fprintf(stderr, "sctpperf: connect to %s port %s: %s\n", o->host, o->port,
			strerror(errno));
		return -1;
	}
	perf_hdr_encode(&h, hdr);
	if (send_msg(a->fd, hdr, sizeof(hdr), 0, 0) < 0)
		return perror("sctpperf: send"), -1;
	return 0;
}

static int send_ping(struct client *c, struct assoc *a)
{
	c->out[0] = PERF_TAG_PING;
	a->t0 = perf_now();
	a->state = A_WAIT;
	if (send_msg(a->fd, c->out, c->o->len, a->sid, 0) < 0)
		return perror("sctpperf: send"), -1;
	a->sid = (a->sid + 1) % c->o->streams;
	return 0;
}

/* Throughput and rate: as many messages as the association takes, up to 64 at a time. */
static int flood(struct client *c, struct assoc *a)
{
	int i;

	c->out[0] = PERF_TAG_DATA;
	for (i = 0; i < 64; i++) {
		if (send_msg(a->fd, c->out, c->o->len, a->sid, MSG_DONTWAIT) < 0)
			return errno == EAGAIN ? 0 : (perror("sctpperf: send"), -1);
		c->cur.bytes += c->o->len;
		c->cur.messages++;
		a->sent++;
		a->sid = (a->sid + 1) % c->o->streams;
	}
	return 0;
}

/* Setup: the connect ended; send the header (the one message) and wait for the close. */
static int setup_send(struct client *c, struct assoc *a)
{
	struct perf_hdr h = {.version = PERF_VERSION, .mode = PERF_SETUP, .len = 1, .streams = 1};
	uint8_t hdr[PERF_HDR_LEN];
	socklen_t len = sizeof(int);
	int err = 0;

	if (getsockopt(a->fd, SOL_SOCKET, SO_ERROR, &err, &len) || err) {
		fprintf(stderr, "sctpperf: connect to %s port %s: %s\n", c->o->host, c->o->port,
			strerror(err ? err : errno));
		return -1;
	}
	perf_hdr_encode(&h, hdr);
	if (send_msg(a->fd, hdr, sizeof(hdr), 0, MSG_DONTWAIT) < 0)
		return errno == EAGAIN ? 0 : (perror("sctpperf: send"), -1);
	a->state = A_WAIT;
	return 0;
}

/* A message (latency) or the end (setup) arrived on @a. */
static int receive(struct client *c, struct assoc *a)
{
	uint8_t none[1];
	struct iovec iov = {.iov_base = a->in ? a->in + a->fill : none,
			    .iov_len = a->in ? c->o->len - a->fill : sizeof(none)};
	struct msghdr m = {.msg_iov = &iov, .msg_iovlen = 1};
	ssize_t n = recvmsg(a->fd, &m, MSG_DONTWAIT);

	if (n < 0 && (errno == EAGAIN || errno == EINTR))
		return 0;
	if (n < 0)
		return perror("sctpperf: receive"), -1;
	if (c->o->mode == PERF_SETUP) {
		if (n > 0)
			return fputs("sctpperf: the server sent data in a setup test\n", stderr),
			       -1;
		close(a->fd);
		a->fd = -1;
		c->cur.messages++;
		a->state = A_DONE;
		return perf_now() < c->t_end && !perf_stop ? assoc_open(c, a) : 0;
	}
	if (n == 0)
		return fputs("sctpperf: the server ended the association\n", stderr), -1;
	a->fill += (size_t)n;
	if (!(m.msg_flags & MSG_EOR))
		return a->fill < c->o->len ? 0 : (fputs("sctpperf: pong too long\n", stderr), -1);
	if (!a->in || a->fill != c->o->len || a->in[0] != PERF_TAG_PING)
		return fputs("sctpperf: the pong is not the ping\n", stderr), -1;
	perf_report_sample(&c->rep, &c->cur, perf_now() - a->t0);
	a->fill = 0;
	a->state = A_DONE;
	return perf_now() < c->t_end && !perf_stop ? send_ping(c, a) : 0;
}

/* Throughput and rate: the end marker on each association, then the server's counts. */
static int flood_end(struct client *c)
{
	uint8_t end[PERF_END_LEN], buf[PERF_RESULT_LEN + 1];
	struct perf_result r;
	struct pollfd p;
	uint32_t i;
	ssize_t n;

	for (i = 0; i < c->o->assocs; i++) {
		perf_end_encode(c->a[i].sent, end);
		if (send_msg(c->a[i].fd, end, sizeof(end), 0, 0) < 0)
			return perror("sctpperf: send"), -1;
	}
	for (i = 0; i < c->o->assocs; i++) {
		p.fd = c->a[i].fd;
		p.events = POLLIN;
		if (poll(&p, 1, 30000) < 1)
			return fputs("sctpperf: no result from the server in 30 s\n", stderr), -1;
		n = recv(c->a[i].fd, buf, sizeof(buf), 0);
		if (n < 0 || perf_result_decode(buf, (size_t)n, &r))
			return fputs("sctpperf: no result from the server\n", stderr), -1;
		c->rep.received.bytes += r.bytes;
		c->rep.received.messages += r.messages;
		if (r.nsecs > c->rep.received.nsecs)
			c->rep.received.nsecs = r.nsecs;
	}
	return 0;
}

static int step(struct client *c, struct assoc *a, short revents)
{
	if (a->state == A_SEND && revents & (POLLOUT | POLLERR | POLLHUP))
		return c->o->mode == PERF_SETUP ? setup_send(c, a) : flood(c, a);
	if (a->state == A_WAIT && revents & (POLLIN | POLLERR | POLLHUP))
		return receive(c, a);
	return 0;
}

/* Close the interval at @now: add it to the totals, print it, start the next. */
static int interval(struct client *c, uint64_t t_start, uint64_t now)
{
	struct perf_interval *t = &c->rep.total;
	int err;

	c->cur.end = (double)(now - t_start) / 1e9;
	t->bytes += c->cur.bytes;
	t->messages += c->cur.messages;
	t->sum_ns += c->cur.sum_ns;
	if (c->cur.messages && (!t->min_ns || c->cur.min_ns < t->min_ns))
		t->min_ns = c->cur.min_ns;
	if (c->cur.max_ns > t->max_ns)
		t->max_ns = c->cur.max_ns;
	err = c->o->interval ? perf_report_interval(&c->rep, &c->cur) : 0;
	memset(&c->cur, 0, sizeof(c->cur));
	c->cur.start = (double)(now - t_start) / 1e9;
	return err;
}

static int run(struct client *c)
{
	const struct perf_opts *o = c->o;
	struct pollfd p[PERF_MAX_ASSOCS];
	uint64_t t_start, now, tick, deadline, step_ns = (uint64_t)(o->interval * 1e9);
	uint32_t i;
	int n;

	for (i = 0; i < o->assocs; i++)
		if (assoc_open(c, &c->a[i]) ||
		    (o->mode == PERF_LATENCY && !(c->a[i].in = malloc(o->len))))
			return 1;
	now = t_start = perf_now();
	c->t_end = t_start + (uint64_t)(o->secs * 1e9);
	tick = step_ns ? t_start + step_ns : c->t_end;
	for (i = 0; o->mode == PERF_LATENCY && i < o->assocs; i++)
		if (send_ping(c, &c->a[i]))
			return 1;
	while (now < c->t_end && !perf_stop) {
		for (i = 0; i < o->assocs; i++) {
			p[i].fd = c->a[i].state == A_DONE ? -1 : c->a[i].fd;
			p[i].events = c->a[i].state == A_SEND ? POLLOUT : POLLIN;
		}
		deadline = tick < c->t_end ? tick : c->t_end;
		now = perf_now();
		n = poll(p, o->assocs,
			 deadline > now ? (int)((deadline - now + 999999) / 1000000) : 0);
		if (n < 0 && errno != EINTR)
			return perror("sctpperf: poll"), 1;
		for (i = 0; n > 0 && i < o->assocs; i++)
			if (p[i].revents && step(c, &c->a[i], p[i].revents))
				return 1;
		now = perf_now();
		if (now >= tick && tick < c->t_end) {
			if (interval(c, t_start, now))
				return 1;
			tick += step_ns;
		}
	}
	c->rep.sent.nsecs = now - t_start;
	if (interval(c, t_start, now))
		return 1;
	c->rep.sent.bytes = c->rep.total.bytes;
	c->rep.sent.messages = c->rep.total.messages;
	return o->mode <= PERF_RATE && flood_end(c) ? 1 : 0;
}

int perf_client(const struct perf_opts *o)
{
	static struct client c;
	char name[INET6_ADDRSTRLEN + 16];
	uint32_t i;
	int ret;

	c.o = o;
	if (resolve(&c))
		return 1;
	for (i = 0; i < o->assocs; i++)
		c.a[i].fd = -1;
	perf_report_init(&c.rep, o);
	perf_report_header(&c.rep, perf_addr_str((struct sockaddr *)&c.peer, name, sizeof(name)));
	ret = run(&c);
	if (!ret)
		perf_report_end(&c.rep);
	for (i = 0; i < o->assocs; i++) {
		if (c.a[i].fd >= 0)
			close(c.a[i].fd);
		free(c.a[i].in);
	}
	perf_report_free(&c.rep);
	return ret;
}
