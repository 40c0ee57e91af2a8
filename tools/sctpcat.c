/* SPDX-License-Identifier: MIT */
/* sctpcat.c: netcat for SCTP: standard input to an association, and back to standard output. */
#include "config.h"

#include <arpa/inet.h>
#include <errno.h>
#include <getopt.h>
#include <netdb.h>
#include <netinet/in.h>
#include <poll.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>
#include <linux/sctp.h> /* after sys/socket.h, which it needs */

/*
 * Plain C against the kernel's SCTP socket API (RFC 6458): linked with
 * libsctun the calls go to sctund, built without it they go to the kernel.
 *
 * One socket and one poll() loop.  Each read from standard input becomes one
 * SCTP message, sent with an SCTP_SNDINFO cmsg (stream, PPID, unordered) and
 * MSG_DONTWAIT: while the association takes no more, the message waits in
 * buf[] and we stop reading standard input but keep reading the socket, so
 * two peers that both send cannot block each other.  SCTP has no half-close,
 * so standard input's end cannot be passed on: after it we keep receiving
 * for -w seconds of quiet (default: none), then close, which sends every
 * queued message before the association shuts down.
 */

#define BUF_LEN	 65536
#define MAX_BIND 8

#ifndef SOL_SCTP
#define SOL_SCTP 132
#endif

/* RFC 6458 9.1, from libsctun (or lksctp's libsctp); weak: without it we bind one address. */
int sctp_bindx(int fd, struct sockaddr *addrs, int count, int flags) __attribute__((weak));

static struct {
	bool listen, seqpacket, unordered, echo;
	int family, nbind;
	const char *port, *bind[MAX_BIND];
	unsigned long sid, ppid, wait;
} opt = {.family = AF_UNSPEC};

static void usage(FILE *f)
{
	fputs("Usage: sctpcat [OPTION]... HOST PORT     connect\n"
	      "       sctpcat -l [OPTION]... [PORT]     listen (or -p PORT)\n"
	      "Standard input to an SCTP association, the association to standard output.\n\n"
	      "  -l, --listen        wait for one association instead of connecting\n"
	      "  -p, --port PORT     local port (default: any when connecting)\n"
	      "  -b, --bind ADDR     local address, repeat for multi-homing (default: all)\n"
	      "  -4, -6              IPv4 or IPv6 only (default: from the addresses;\n"
	      "                      a listener takes both)\n"
	      "      --seqpacket     a one-to-many socket (default: one-to-one)\n"
	      "      --sid N         stream to send on, 0..65535 (default: 0)\n"
	      "      --ppid N        payload protocol identifier (default: 0)\n"
	      "      --unordered     send unordered messages\n"
	      "  -e, --echo          send every message back instead of using stdin/stdout\n"
	      "  -w, --wait SECS     after the end of standard input, receive until SECS\n"
	      "                      seconds pass without data (default: 0, close at once)\n"
	      "  -h, --help          show this help and exit\n"
	      "  -V, --version       show the version and exit\n",
	      f);
}

static bool number(const char *s, unsigned long max, unsigned long *v)
{
	char *end;

	errno = 0;
	*v = strtoul(s, &end, 0);
	return *s && *s != '-' && !*end && !errno && *v <= max;
}

static int bad(const char *what, const char *arg)
{
	fprintf(stderr, "sctpcat: %s '%s'\nTry 'sctpcat --help' for the options.\n", what, arg);
	return 2;
}

/* Parse argv into opt and the operands.  Return: -1 to go on, else an exit status. */
static int parse(int argc, char **argv, const char **host, const char **port)
{
	static const struct option lo[] = {
	    {"listen", no_argument, NULL, 'l'},	    {"port", required_argument, NULL, 'p'},
	    {"bind", required_argument, NULL, 'b'}, {"echo", no_argument, NULL, 'e'},
	    {"wait", required_argument, NULL, 'w'}, {"seqpacket", no_argument, NULL, 'S'},
	    {"sid", required_argument, NULL, 's'},  {"ppid", required_argument, NULL, 'P'},
	    {"unordered", no_argument, NULL, 'U'},  {"help", no_argument, NULL, 'h'},
	    {"version", no_argument, NULL, 'V'},    {NULL, 0, NULL, 0},
	};
	unsigned long v;
	int c;

	while ((c = getopt_long(argc, argv, "lp:b:ew:46hV", lo, NULL)) != -1) {
		switch (c) {
		case 'l':
			opt.listen = true;
			break;
		case 'e':
			opt.echo = true;
			break;
		case 'S':
			opt.seqpacket = true;
			break;
		case 'U':
			opt.unordered = true;
			break;
		case '4':
		case '6':
			opt.family = c == '4' ? AF_INET : AF_INET6;
			break;
		case 'p':
			if (!number(optarg, 65535, &v) || !v)
				return bad("--port: not 1..65535:", optarg);
			opt.port = optarg;
			break;
		case 'b':
			if (opt.nbind == MAX_BIND)
				return bad("--bind: more than 8 addresses at", optarg);
			opt.bind[opt.nbind++] = optarg;
			break;
		case 'w':
			if (!number(optarg, 86400, &opt.wait))
				return bad("--wait: not 0..86400 seconds:", optarg);
			break;
		case 's':
			if (!number(optarg, 65535, &opt.sid))
				return bad("--sid: not 0..65535:", optarg);
			break;
		case 'P':
			if (!number(optarg, 0xffffffff, &opt.ppid))
				return bad("--ppid: not 0..4294967295:", optarg);
			break;
		case 'h':
			usage(stdout);
			return 0;
		case 'V':
			printf("sctpcat (sctun) %s\n", PACKAGE_VERSION);
			return 0;
		default:
			fputs("Try 'sctpcat --help' for the options.\n", stderr);
			return 2;
		}
	}
	argc -= optind;
	argv += optind;
	if (opt.listen && argc == 1 && !opt.port)
		opt.port = argv[0];
	else if (opt.listen ? argc != 0 : argc != 2)
		return bad("expected", opt.listen ? "[PORT]" : "HOST PORT");
	if (opt.listen && (!opt.port || !number(opt.port, 65535, &v) || !v))
		return bad("listening needs a port 1..65535, not", opt.port ? opt.port : "none");
	if (!opt.listen && (!number(argv[1], 65535, &v) || !v))
		return bad("not a port 1..65535:", argv[1]);
	*host = opt.listen ? NULL : argv[0];
	*port = opt.listen ? NULL : argv[1];
	return -1;
}

/* The first address of @host (NULL: the wildcard) and @port in @family (AF_UNSPEC: any). */
static int resolve(const char *host, const char *port, int family, struct sockaddr_storage *ss,
		   socklen_t *len)
{
	struct addrinfo hints = {.ai_family = family,
				 .ai_socktype = SOCK_STREAM,
				 .ai_flags = AI_NUMERICSERV | AI_PASSIVE},
			*ai;
	int err = getaddrinfo(host, port ? port : "0", &hints, &ai);

	if (err) {
		fprintf(stderr, "sctpcat: %s: %s\n", host ? host : "*", gai_strerror(err));
		return -1;
	}
	memcpy(ss, ai->ai_addr, ai->ai_addrlen);
	*len = ai->ai_addrlen;
	freeaddrinfo(ai);
	return 0;
}

/* Bind to -b/-p (several addresses: sctp_bindx), then listen and accept, or connect. */
static int open_socket(const char *host, const char *port, struct sockaddr_storage *peer,
		       socklen_t *peerlen)
{
	static uint8_t packed[MAX_BIND * sizeof(struct sockaddr_in6)];
	struct sctp_initmsg im = {.sinit_num_ostreams = (uint16_t)(opt.sid + 1)};
	struct sctp_event_subscribe ev = {.sctp_association_event = 1};
	struct sockaddr_storage a;
	int family = opt.family, fd, c, i;
	size_t used = 0;
	socklen_t len;

	*peerlen = 0;
	if (host && resolve(host, port, family, peer, peerlen))
		return -1;
	if (host)
		family = peer->ss_family;
	if (!opt.nbind && (opt.listen || opt.port))
		opt.bind[opt.nbind++] = NULL; /* the wildcard address */
	for (i = 0; i < opt.nbind; i++) {
		if (family == AF_UNSPEC && !opt.bind[i])
			family = AF_INET6; /* and IPv4 through mapped addresses */
		if (resolve(opt.bind[i], opt.port, family, &a, &len))
			return -1;
		family = a.ss_family;
		memcpy(packed + used, &a, len);
		used += len;
	}
	fd = socket(family, opt.seqpacket ? SOCK_SEQPACKET : SOCK_STREAM, IPPROTO_SCTP);
	if (fd < 0) {
		perror("sctpcat: socket");
		return -1;
	}
	/* More outbound streams than the default (10) only when --sid needs them. */
	if (opt.sid >= 10 && setsockopt(fd, SOL_SCTP, SCTP_INITMSG, &im, sizeof(im)))
		perror("sctpcat: SCTP_INITMSG");
	/* One-to-many sockets learn that the association ended from a notification. */
	if (opt.seqpacket && setsockopt(fd, SOL_SCTP, SCTP_EVENTS, &ev, sizeof(ev)))
		perror("sctpcat: SCTP_EVENTS");
	if (opt.nbind > 1 && sctp_bindx) {
		if (sctp_bindx(fd, (struct sockaddr *)packed, opt.nbind, SCTP_BINDX_ADD_ADDR))
			return perror("sctpcat: sctp_bindx"), -1;
	} else if (opt.nbind) {
		if (opt.nbind > 1)
			fputs(
			    "sctpcat: no sctp_bindx in this libsctun: binding the first -b only\n",
			    stderr);
		memcpy(&a, packed, sizeof(struct sockaddr_in6));
		if (bind(fd, (struct sockaddr *)&a,
			 a.ss_family == AF_INET6 ? sizeof(struct sockaddr_in6)
						 : sizeof(struct sockaddr_in)))
			return perror("sctpcat: bind"), -1;
	}
	if (opt.listen) {
		if (listen(fd, 1))
			return perror("sctpcat: listen"), -1;
		if (opt.seqpacket)
			return fd;
		c = accept(fd, NULL, NULL);
		if (c < 0)
			perror("sctpcat: accept");
		close(fd);
		return c;
	}
	if (!opt.seqpacket && connect(fd, (struct sockaddr *)peer, *peerlen)) {
		fprintf(stderr, "sctpcat: connect to %s port %s: %s\n", host, port,
			strerror(errno));
		return -1;
	}
	return fd;
}

/* One message to the association (one-to-many: to @to), not waiting for room. */
static ssize_t send_msg(int fd, const void *buf, size_t len, struct sockaddr_storage *to,
			socklen_t tolen, const struct sctp_sndinfo *si)
{
	union {
		char buf[CMSG_SPACE(sizeof(*si))];
		struct cmsghdr align;
	} cm;
	struct iovec iov = {.iov_base = (void *)buf, .iov_len = len};
	struct msghdr m = {.msg_name = to,
			   .msg_namelen = to ? tolen : 0,
			   .msg_iov = &iov,
			   .msg_iovlen = 1,
			   .msg_control = cm.buf,
			   .msg_controllen = sizeof(cm.buf)};
	struct cmsghdr *c = CMSG_FIRSTHDR(&m);

	memset(&cm, 0, sizeof(cm));
	c->cmsg_level = IPPROTO_SCTP;
	c->cmsg_type = SCTP_SNDINFO;
	c->cmsg_len = CMSG_LEN(sizeof(*si));
	memcpy(CMSG_DATA(c), si, sizeof(*si));
	return sendmsg(fd, &m, MSG_DONTWAIT | MSG_NOSIGNAL);
}

/* The state an SCTP_ASSOC_CHANGE notification reports (RFC 6458 6.1.1), or -1. */
static int assoc_change(const union sctp_notification *n, size_t len)
{
	if (len < sizeof(n->sn_assoc_change) || n->sn_header.sn_type != SCTP_ASSOC_CHANGE)
		return -1;
	if (n->sn_assoc_change.sac_state == SCTP_COMM_LOST)
		fputs("sctpcat: association aborted\n", stderr);
	if (n->sn_assoc_change.sac_state == SCTP_CANT_STR_ASSOC)
		fputs("sctpcat: cannot set up the association\n", stderr);
	return n->sn_assoc_change.sac_state;
}

/* Copy until the peer ends, or standard input ends and -w passes.  Return: the exit status. */
static int run(int fd, struct sockaddr_storage *peer, socklen_t peerlen)
{
	static uint8_t buf[BUF_LEN], in[BUF_LEN];
	union {
		char buf[CMSG_SPACE(sizeof(struct sctp_rcvinfo))];
		struct cmsghdr align;
	} cm;
	struct sctp_sndinfo si = {.snd_sid = (uint16_t)opt.sid,
				  .snd_ppid = htonl((uint32_t)opt.ppid),
				  .snd_flags = opt.unordered ? SCTP_UNORDERED : 0};
	struct sctp_rcvinfo ri;
	struct iovec iov = {.iov_base = in, .iov_len = sizeof(in)};
	struct pollfd p[2] = {{.fd = fd}, {.events = POLLIN}};
	struct msghdr m;
	struct cmsghdr *c;
	size_t pending = 0; /* bytes in buf[] waiting for room in the association */
	/*
	 * A one-to-many socket sets its association up with the first message,
	 * and closing it before then would drop that message: wait for COMM_UP.
	 */
	bool in_done = opt.echo, up = !opt.seqpacket || opt.listen, can_send;
	ssize_t n;
	int r;

	for (;;) {
		can_send = pending && (peerlen || !opt.seqpacket);
		if (can_send) {
			n = send_msg(fd, buf, pending, opt.seqpacket ? peer : NULL, peerlen, &si);
			if (n < 0 && errno != EAGAIN)
				return perror("sctpcat: send"), 1;
			pending = n < 0 ? pending : 0;
			can_send = pending;
		}
		p[0].events =
		    (short)((can_send ? POLLOUT : 0) | (opt.echo && pending ? 0 : POLLIN));
		p[1].fd = in_done || pending ? -1 : 0; /* standard input */
		r = poll(p, 2, in_done && opt.wait ? (int)opt.wait * 1000 : -1);
		if (r < 0 && errno != EINTR)
			return perror("sctpcat: poll"), 1;
		if (r == 0)
			return 0; /* -w seconds without data */
		if (p[1].revents) {
			n = read(0, buf, sizeof(buf));
			if (n <= 0 && !opt.wait && up)
				return 0;
			in_done = n <= 0;
			pending = n > 0 ? (size_t)n : 0;
			continue;
		}
		if (!(p[0].revents & (POLLIN | POLLHUP | POLLERR)))
			continue;
		m = (struct msghdr){.msg_name = opt.seqpacket ? peer : NULL,
				    .msg_namelen = opt.seqpacket ? sizeof(*peer) : 0,
				    .msg_iov = &iov,
				    .msg_iovlen = 1,
				    .msg_control = cm.buf,
				    .msg_controllen = sizeof(cm.buf)};
		n = recvmsg(fd, &m, MSG_DONTWAIT);
		if (n < 0 && (errno == EAGAIN || errno == EINTR))
			continue;
		if (n < 0)
			return perror("sctpcat: receive"), 1;
		if (n == 0)
			return 0; /* the peer closed the association */
		if (m.msg_flags & MSG_NOTIFICATION) {
			r = assoc_change((const union sctp_notification *)in, (size_t)n);
			if (r == SCTP_SHUTDOWN_COMP)
				return 0;
			if (r == SCTP_COMM_LOST || r == SCTP_CANT_STR_ASSOC)
				return 1;
			up |= r == SCTP_COMM_UP;
			if (up && in_done && !opt.wait && !opt.echo)
				return 0;
			continue;
		}
		if (opt.seqpacket)
			peerlen = m.msg_namelen; /* answer whoever spoke last */
		if (!opt.echo) {
			if (fwrite(in, 1, (size_t)n, stdout) != (size_t)n || fflush(stdout))
				return perror("sctpcat: stdout"), 1;
			continue;
		}
		/* Echo: back on the stream, with the PPID and ordering, it came with. */
		for (c = CMSG_FIRSTHDR(&m); c; c = CMSG_NXTHDR(&m, c)) {
			if (c->cmsg_level != IPPROTO_SCTP || c->cmsg_type != SCTP_RCVINFO)
				continue;
			memcpy(&ri, CMSG_DATA(c), sizeof(ri));
			si.snd_sid = ri.rcv_sid;
			si.snd_ppid = ri.rcv_ppid;
			si.snd_flags = ri.rcv_flags & SCTP_UNORDERED;
		}
		memcpy(buf, in, (size_t)n);
		pending = (size_t)n;
	}
}

int main(int argc, char **argv)
{
	struct sockaddr_storage peer;
	const char *host, *port;
	socklen_t peerlen;
	int fd, ret, one = 1;

	ret = parse(argc, argv, &host, &port);
	if (ret >= 0)
		return ret;
	fd = open_socket(host, port, &peer, &peerlen);
	if (fd < 0)
		return 1;
	/* The stream and PPID of what we receive, to echo on them (ignored if not supported). */
	if (opt.echo)
		(void)setsockopt(fd, SOL_SCTP, SCTP_RECVRCVINFO, &one, sizeof(one));
	ret = run(fd, &peer, peerlen);
	if (close(fd) && !ret)
		return perror("sctpcat: close"), 1;
	return ret;
}
