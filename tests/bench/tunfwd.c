/* SPDX-License-Identifier: MIT */
/* tunfwd.c: `make bench`'s null forwarder: moves packets between two TUNs and does nothing else. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <linux/if.h>
#include <linux/if_tun.h>
#include <poll.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

/*
 * tunfwd NETNS_A IF_A NETNS_B IF_B creates TUN IF_A in network namespace
 * NETNS_A (a name under /run/netns, as `ip netns` makes) and IF_B in NETNS_B,
 * then copies every packet read from one to the other, in one thread and one
 * poll() loop, up to 64 packets per wakeup: the least a userspace program
 * between a TUN and the wire can do.  Kernel TCP between the two namespaces
 * through this pair (tests/bench/sctbench.py) is the "TUN ceiling": the cost
 * of the TUN reads and writes alone, against which sctund's own work shows.
 * It stops on SIGTERM or SIGINT.
 */

static volatile sig_atomic_t stop;

static void on_signal(int sig)
{
	(void)sig;
	stop = 1;
}

/* A TUN named @name in namespace @ns.  Return: its descriptor (exits on failure). */
static int tun_in(const char *ns, const char *name)
{
	char path[256];
	struct ifreq ifr;
	int nsfd, fd;

	snprintf(path, sizeof(path), "/run/netns/%s", ns);
	nsfd = open(path, O_RDONLY | O_CLOEXEC);
	if (nsfd < 0 || setns(nsfd, CLONE_NEWNET)) {
		fprintf(stderr, "tunfwd: namespace %s: %s\n", ns, strerror(errno));
		exit(1);
	}
	close(nsfd);
	fd = open("/dev/net/tun", O_RDWR | O_NONBLOCK | O_CLOEXEC);
	memset(&ifr, 0, sizeof(ifr));
	ifr.ifr_flags = IFF_TUN | IFF_NO_PI;
	snprintf(ifr.ifr_name, sizeof(ifr.ifr_name), "%s", name);
	if (fd < 0 || ioctl(fd, TUNSETIFF, &ifr)) {
		fprintf(stderr, "tunfwd: TUN %s: %s\n", name, strerror(errno));
		exit(1);
	}
	return fd;
}

int main(int argc, char **argv)
{
	static unsigned char pkt[65536];
	struct pollfd p[2];
	unsigned long long moved = 0;
	int i, k;

	if (argc != 5) {
		fputs("usage: tunfwd NETNS_A IF_A NETNS_B IF_B\n", stderr);
		return 2;
	}
	p[0].fd = tun_in(argv[1], argv[2]);
	p[1].fd = tun_in(argv[3], argv[4]);
	p[0].events = p[1].events = POLLIN;
	signal(SIGTERM, on_signal);
	signal(SIGINT, on_signal);
	printf("running\n");
	fflush(stdout);
	while (!stop) {
		if (poll(p, 2, -1) < 0) {
			if (errno == EINTR)
				continue;
			perror("tunfwd: poll");
			return 1;
		}
		for (i = 0; i < 2; i++) {
			if (!(p[i].revents & POLLIN))
				continue;
			for (k = 0; k < 64; k++) {
				ssize_t n = read(p[i].fd, pkt, sizeof(pkt));

				if (n <= 0)
					break;
				/* A full TUN queue drops, as a full device queue would. */
				if (write(p[!i].fd, pkt, (size_t)n) == n)
					moved++;
			}
		}
	}
	fprintf(stderr, "tunfwd: %llu packets moved\n", moved);
	return 0;
}
