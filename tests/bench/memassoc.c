/* SPDX-License-Identifier: MIT */
/* memassoc.c: `make bench`'s idle associations: M x K one-to-many sockets on sctund's loopback. */
#include <errno.h>
#include <netinet/in.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>
#include <linux/sctp.h> /* after sys/socket.h, which it needs */

/*
 * memassoc BASEPORT M K LEVEL... (linked with libsctun, run against one sctund):
 * K one-to-many sockets listen on 127.0.0.1 ports BASEPORT..BASEPORT+K-1, M
 * one-to-many client sockets each connect() to every one of them, so M*K
 * associations take only M+K sockets.  Both ends live in the one sctund, so
 * each association is two of its endpoints.  For each LEVEL (ascending, at
 * most M*K) it brings the count up to LEVEL, waits for every SCTP_COMM_UP
 * (at most 512 set-ups in flight), prints "level LEVEL up U failed F" and
 * waits for a line on stdin before going on; after the last it waits for
 * end of input, then exits (closing every socket ends every association).
 * The harness reads sctund's RSS at each level.
 */

#define WINDOW 512

static int *cli, *srv;
static unsigned long up, failed;

static int one_to_many(void)
{
	int fd = socket(AF_INET, SOCK_SEQPACKET, IPPROTO_SCTP);

	if (fd < 0) {
		perror("memassoc: socket");
		exit(1);
	}
	return fd;
}

/* Read the notifications waiting on client @fd: count COMM_UP and failures. */
static void drain(int fd)
{
	union {
		struct sctp_assoc_change sac;
		char buf[512];
	} u;

	for (;;) {
		struct iovec iov = {.iov_base = u.buf, .iov_len = sizeof(u.buf)};
		struct msghdr m = {.msg_iov = &iov, .msg_iovlen = 1};
		ssize_t n = recvmsg(fd, &m, MSG_DONTWAIT);

		if (n <= 0)
			return;
		if (!(m.msg_flags & MSG_NOTIFICATION) || u.sac.sac_type != SCTP_ASSOC_CHANGE)
			continue;
		if (u.sac.sac_state == SCTP_COMM_UP)
			up++;
		else if (u.sac.sac_state == SCTP_CANT_STR_ASSOC ||
			 u.sac.sac_state == SCTP_COMM_LOST)
			failed++;
	}
}

static void wait_some(struct pollfd *p, int m, int ms)
{
	int i;

	if (poll(p, (nfds_t)m, ms) <= 0)
		return;
	for (i = 0; i < m; i++)
		if (p[i].revents)
			drain(p[i].fd);
}

int main(int argc, char **argv)
{
	struct rlimit rl;
	struct sctp_event ev = {.se_type = SCTP_ASSOC_CHANGE, .se_on = 1};
	struct sockaddr_in a = {.sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
	struct pollfd *p;
	unsigned long started = 0, total, level;
	int base, m, k, i, arg;
	char line[64];

	if (argc < 5) {
		fputs("usage: memassoc BASEPORT M K LEVEL...\n", stderr);
		return 2;
	}
	base = atoi(argv[1]);
	m = atoi(argv[2]);
	k = atoi(argv[3]);
	total = (unsigned long)m * (unsigned long)k;
	if (base < 1 || m < 1 || k < 1 || base + k > 65536)
		return fputs("memassoc: bad arguments\n", stderr), 2;
	/* two descriptors per socket (data and control), for M+K sockets */
	if (getrlimit(RLIMIT_NOFILE, &rl) == 0 && rl.rlim_cur < rl.rlim_max) {
		rl.rlim_cur = rl.rlim_max;
		setrlimit(RLIMIT_NOFILE, &rl);
	}
	cli = calloc((size_t)m, sizeof(*cli));
	srv = calloc((size_t)k, sizeof(*srv));
	p = calloc((size_t)m, sizeof(*p));
	if (!cli || !srv || !p)
		return perror("memassoc"), 1;
	for (i = 0; i < k; i++) {
		srv[i] = one_to_many();
		a.sin_port = htons((uint16_t)(base + i));
		if (bind(srv[i], (struct sockaddr *)&a, sizeof(a)) || listen(srv[i], 128)) {
			fprintf(stderr, "memassoc: port %d: %s\n", base + i, strerror(errno));
			return 1;
		}
	}
	for (i = 0; i < m; i++) {
		cli[i] = one_to_many();
		if (setsockopt(cli[i], IPPROTO_SCTP, SCTP_EVENT, &ev, sizeof(ev)))
			return perror("memassoc: SCTP_EVENT"), 1;
		p[i].fd = cli[i];
		p[i].events = POLLIN;
	}
	setvbuf(stdout, NULL, _IOLBF, 0);
	for (arg = 4; arg < argc; arg++) {
		level = strtoul(argv[arg], NULL, 10);
		if (level > total)
			level = total;
		while (started < level) {
			if (started - up - failed >= WINDOW) {
				wait_some(p, m, 1000);
				continue;
			}
			/* association number @started: client started / K, server started % K */
			a.sin_port = htons((uint16_t)(base + (int)(started % (unsigned long)k)));
			if (connect(cli[started / (unsigned long)k], (struct sockaddr *)&a,
				    sizeof(a))) {
				fprintf(stderr, "memassoc: connect #%lu: %s\n", started,
					strerror(errno));
				failed++;
			}
			started++;
			wait_some(p, m, 0);
		}
		/* the last set-ups: 60 s at most without progress */
		for (i = 0; up + failed < started && i < 60; i++) {
			unsigned long before = up + failed;

			wait_some(p, m, 1000);
			if (up + failed > before)
				i = 0;
		}
		printf("level %lu up %lu failed %lu\n", level, up, failed);
		if (!fgets(line, sizeof(line), stdin))
			break;
	}
	while (fgets(line, sizeof(line), stdin))
		;
	return 0;
}
