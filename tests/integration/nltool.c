/* SPDX-License-Identifier: MIT */
/* nltool.c: drive nl, tun and netcfg from the command line for the integration tests. */
#include "config.h"

#include <errno.h>
#include <getopt.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/signalfd.h>
#include <unistd.h>

#include "common/log.h"
#include "daemon/netcfg.h"
#include "daemon/nl.h"
#include "daemon/tun.h"

#define MAX_ADDRS 8

static void usage(void)
{
	fprintf(stderr,
		"usage: nltool routed IF [--mtu N] [--host-addr A/P]... [-a A]... [--no-open]\n"
		"       nltool shared IF [--mtu N] [--no-open]\n"
		"       nltool attach IF      attach to an existing TUN (never create)\n"
		"       nltool info IF        print the link and its addresses\n"
		"       nltool events SECS    print link and address events\n"
		"routed/shared print \"ready\", follow events until SIGTERM, then undo.\n");
	exit(2);
}

static void log_stderr(void *ctx, int level, const char *msg)
{
	fprintf(stderr, "nltool: %s\n", msg);
}

static void fail(const char *what, int err, const struct nl *nl)
{
	fprintf(stderr, "nltool: %s: %s", what, strerror(-err));
	if (nl && nl->errmsg[0])
		fprintf(stderr, " (kernel: %s)", nl->errmsg);
	fprintf(stderr, "\n");
	exit(1);
}

static void print_event(const struct nl_event *ev)
{
	char buf[SCT_ADDR_STRLEN];

	switch (ev->type) {
	case NL_EV_LINK:
	case NL_EV_LINK_DEL:
		printf("event %s %s mtu %u %s\n", ev->type == NL_EV_LINK ? "link" : "linkdel",
		       ev->link.name, ev->link.mtu, (ev->link.flags & IFF_UP) ? "up" : "down");
		break;
	case NL_EV_ADDR_ADD:
	case NL_EV_ADDR_DEL:
		printf("event %s %d %s/%u\n", ev->type == NL_EV_ADDR_ADD ? "addradd" : "addrdel",
		       ev->addr.ifindex, sct_addr_fmt(&ev->addr.addr, buf, sizeof(buf)),
		       ev->addr.prefix);
		break;
	}
	fflush(stdout);
}

/* Follow events until a signal (or @secs seconds when > 0). */
static void follow(struct netcfg *nc, int secs)
{
	struct nl ev;
	struct pollfd pfd[2];
	sigset_t set;
	int ret;

	sigemptyset(&set);
	sigaddset(&set, SIGTERM);
	sigaddset(&set, SIGINT);
	sigprocmask(SIG_BLOCK, &set, NULL);
	ret = nl_open(&ev, NL_GROUPS_EVENTS);
	if (ret)
		fail("event socket", ret, NULL);
	pfd[0].fd = signalfd(-1, &set, SFD_CLOEXEC);
	pfd[0].events = POLLIN;
	pfd[1].fd = nl_fd(&ev);
	pfd[1].events = POLLIN;
	printf("ready\n");
	fflush(stdout);
	for (;;) {
		struct nl_event evs[16];
		int i, n;

		n = poll(pfd, 2, secs > 0 ? secs * 1000 : -1);
		if (n == 0 || (pfd[0].revents & POLLIN))
			break;
		if (!(pfd[1].revents & POLLIN))
			continue;
		while ((n = nl_event_read(&ev, evs, 16)) >= 0) {
			for (i = 0; i < n; i++) {
				print_event(&evs[i]);
				if (nc && (ret = netcfg_shared_event(nc, &evs[i])))
					fprintf(stderr, "nltool: shared event: %s\n",
						strerror(-ret));
			}
		}
		if (n == -ENOBUFS)
			printf("event overrun\n");
	}
	nl_close(&ev);
}

static int print_addr(const struct nl_ifaddr *a, void *data)
{
	char buf[SCT_ADDR_STRLEN];

	printf("addr %s/%u\n", sct_addr_fmt(&a->addr, buf, sizeof(buf)), a->prefix);
	return 0;
}

int main(int argc, char **argv)
{
	static const struct option lopts[] = {
	    {"mtu", required_argument, NULL, 'm'},
	    {"host-addr", required_argument, NULL, 'H'},
	    {"no-open", no_argument, NULL, 'n'},
	    {NULL, 0, NULL, 0},
	};
	struct netcfg_prefix host[MAX_ADDRS];
	struct sct_addr ep[MAX_ADDRS];
	size_t n_host = 0, n_ep = 0;
	bool no_open = false;
	static struct netcfg nc;
	static struct nl nl;
	const char *cmd, *ifname;
	uint32_t mtu = 0;
	int c, ret, fd = -1;

	sct_log_set_sink(log_stderr, NULL, SCT_LOG_DEBUG);
	if (argc < 3)
		usage();
	cmd = argv[1];
	ifname = argv[2];
	optind = 3;
	while ((c = getopt_long(argc, argv, "a:", lopts, NULL)) != -1) {
		char *slash;

		switch (c) {
		case 'm':
			mtu = (uint32_t)strtoul(optarg, NULL, 10);
			break;
		case 'H':
			slash = strchr(optarg, '/');
			if (n_host == MAX_ADDRS || !slash)
				usage();
			*slash = '\0';
			if (sct_addr_parse(&host[n_host].addr, optarg))
				usage();
			host[n_host++].prefix = (uint8_t)atoi(slash + 1);
			break;
		case 'a':
			if (n_ep == MAX_ADDRS || sct_addr_parse(&ep[n_ep++], optarg))
				usage();
			break;
		case 'n':
			no_open = true;
			break;
		default:
			usage();
		}
	}

	if (!strcmp(cmd, "events")) {
		follow(NULL, atoi(ifname));
		return 0;
	}
	if (!strcmp(cmd, "attach") ||
	    ((!strcmp(cmd, "routed") || !strcmp(cmd, "shared")) && !no_open)) {
		char name[IF_NAMESIZE];
		int ifindex;

		fd = tun_open(ifname, strcmp(cmd, "attach") != 0, name, &ifindex);
		if (fd < 0) {
			fprintf(stderr, "nltool: %s: %s; %s\n", ifname, strerror(-fd),
				tun_hint(fd));
			return 1;
		}
		printf("tun %s ifindex %d\n", name, ifindex);
		fflush(stdout);
		if (!strcmp(cmd, "attach"))
			return 0;
	}
	ret = nl_open(&nl, 0);
	if (ret)
		fail("netlink", ret, NULL);
	if (!strcmp(cmd, "info")) {
		struct nl_link l;

		ret = nl_link_get(&nl, ifname, &l);
		if (ret)
			fail(ifname, ret, &nl);
		printf("link %s ifindex %d mtu %u %s\n", l.name, l.ifindex, l.mtu,
		       (l.flags & IFF_UP) ? "up" : "down");
		ret = nl_addr_dump(&nl, l.ifindex, print_addr, NULL);
		if (ret)
			fail("address dump", ret, &nl);
		return 0;
	}
	ret = netcfg_init(&nc, &nl, ifname);
	if (ret)
		fail(ifname, ret, &nl);
	if (!strcmp(cmd, "routed"))
		ret = netcfg_routed_setup(&nc, mtu, host, n_host, ep, n_ep);
	else if (!strcmp(cmd, "shared"))
		ret = netcfg_shared_setup(&nc, mtu);
	else
		usage();
	if (ret) {
		fprintf(stderr, "nltool: %s setup: %s%s%s\n", cmd, strerror(-ret),
			nl.errmsg[0] ? ": " : "", nl.errmsg);
		netcfg_undo(&nc);
		return 1;
	}
	follow(&nc, 0);
	ret = netcfg_undo(&nc);
	if (fd >= 0)
		close(fd);
	nl_close(&nl);
	printf("undone\n");
	return ret ? 3 : 0;
}
