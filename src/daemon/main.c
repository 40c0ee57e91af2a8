/* SPDX-License-Identifier: MIT */
/* main.c: sctund entry point: options, logging, capture, setup, then the event loop. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <linux/if_addr.h>
#include <net/if.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

#include "common/log.h"
#include "daemon/log.h"
#include "daemon/loop.h"
#include "daemon/notify.h"
#include "daemon/opts.h"
#include "daemon/datapath.h"
#include "daemon/echo.h"
#include "daemon/ipc_srv.h"
#include "daemon/isolate.h"
#include "daemon/netcfg.h"
#include "daemon/nl.h"
#include "daemon/pcap.h"
#include "daemon/tun.h"
#include "daemon/udp.h"
#include "daemon/seccomp.h"

/*
 * seccomp.c's allow-list, once the loop runs: the process itself: memory (never executable),
 * exit, randomness for the core, abort()/raise().
 */
SECCOMP_CALLS(main, SC(exit_group), SC(exit), SC(rt_sigreturn), SC(restart_syscall),
	      SC(rt_sigprocmask), SC(rt_sigaction), SC(getpid), SC(gettid), SC(tgkill), SC(brk),
	      SC_NONE(mmap, 2, PROT_EXEC), SC_NONE(mprotect, 2, PROT_EXEC), SC(munmap), SC(mremap),
	      SC(madvise), SC(futex), SC(getrandom), SC(clock_gettime), SC(close));

/*
 * Theory of operation
 *
 * Setup happens in order, each step allowed to die() since the loop has not
 * started: options, logging, the capture file, the event loop, the SCTP core
 * (settings from --set, randomness from getrandom(2)), the TUN with its
 * interface configuration (routed: --host-addr on the TUN, routes to the -a
 * addresses; shared: policy rules steering SCTP to the namespace's own
 * addresses into the TUN), the host IP layer, the local addresses, the UDP
 * sockets, the echo service, dropping to --user, leaving the terminal, the
 * seccomp filter, and the readiness notification.  The addresses sctund
 * serves are the -a ones in routed mode and the namespace's own ones in
 * shared mode; with -u the namespace's addresses are also the core's (UDP
 * arrives at the kernel's addresses).  Those read from the namespace follow its netlink events.
 *
 * The packet path is datapath.c; a loop turn reads input, runs the timers
 * that are due, lets the echo service answer the core's events and flushes
 * what the core and the host layer want to send.
 *
 * After setup nothing exits the process except the shutdown sequence:
 * SIGTERM or SIGINT asks every association to shut down (RFC 9260 9.2) and
 * gives them SHUTDOWN_DEADLINE to finish; what is left then is aborted.  A
 * second SIGTERM/SIGINT aborts at once.  Then the interface configuration is
 * undone.  SIGHUP reopens the log and the capture, for log rotation.
 *
 * Local programs attach through the service socket (-S, ipc_srv.c); each of
 * their sockets is a usock (usock.c) bridging a data socketpair to the core.
 */

/* How long associations get to shut down gracefully after SIGTERM. */
#define SHUTDOWN_DEADLINE (5 * SCT_NSEC_PER_SEC)
/* Rounds of events and output per loop turn (then the next turn goes on). */
#define TURN_ROUNDS 16
/* Associations acted on at once by the shutdown sequence (more: several passes). */
#define SHUTDOWN_BATCH 256

struct daemon {
	struct sctund_opts opts;
	struct loop loop;
	struct pcap pcap;
	struct nl nl;	 /* requests */
	struct nl nl_ev; /* events */
	struct loop_ref nl_ref;
	struct netcfg nc;
	bool nc_active;	    /* nc holds changes to undo */
	int tun_ifindex;    /* 0 without a TUN */
	bool ns_addrs;	    /* the core follows the namespace's addresses (shared, -u) */
	bool ns_addrs_host; /* ...and so does the host layer (shared) */
	struct sct_host *host;
	struct sct_stack *stack;
	struct sct_rng rng;
	struct datapath dp;
	struct echo echo;
	struct ipc_srv ipc;
	struct admin admin;
	bool ipc_open;
	bool stopping;
	sct_time_t deadline; /* of the graceful shutdown, when stopping */
};

static uint64_t wall_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	return (uint64_t)ts.tv_sec * SCT_NSEC_PER_SEC + (uint64_t)ts.tv_nsec;
}

/* The kernel's CSPRNG: @len bytes into @buf. */
static void getrandom_all(uint8_t *p, size_t len)
{
	while (len) {
		ssize_t n = getrandom(p, len, 0);

		if (n < 0) {
			if (errno == EINTR)
				continue;
			/* No fallback: predictable tags would let anyone blind-inject. */
			die("getrandom: %s", strerror(errno));
		}
		p += n;
		len -= (size_t)n;
	}
}

/*
 * The core's randomness (vtags, TSNs, heartbeat nonces, cookie keys): the
 * kernel's CSPRNG, read RNG_BUF bytes at a time (a setup takes three or four
 * small draws; a getrandom() each was a system call each).  Every byte is
 * handed out once; the buffer lives in sctund's memory only.
 */
#define RNG_BUF 512
static uint8_t rng_buf[RNG_BUF];
static size_t rng_left;

static void rng_fill(void *ctx, void *buf, size_t len)
{
	uint8_t *p = buf;

	(void)ctx;
	if (len > RNG_BUF / 2) {
		getrandom_all(p, len);
		return;
	}
	while (len) {
		size_t k;

		if (rng_left == 0) {
			getrandom_all(rng_buf, RNG_BUF);
			rng_left = RNG_BUF;
		}
		k = len < rng_left ? len : rng_left;
		memcpy(p, rng_buf + RNG_BUF - rng_left, k);
		memset(rng_buf + RNG_BUF - rng_left, 0, k);
		rng_left -= k;
		p += k;
		len -= k;
	}
}

/* A setup step after the interface configuration failed: restore it on the way out. */
static struct daemon *undo_daemon;

static void undo_on_die(void)
{
	if (undo_daemon && undo_daemon->nc_active && netcfg_undo(&undo_daemon->nc))
		sct_log(SCT_LOG_WARN, "undoing the interface configuration: %s",
			undo_daemon->nl.errmsg);
}

/* ------------------------------------------------------------ addresses */

/* The prefix an -a address gets in the host layer: that of a --host-addr holding it. */
static unsigned ep_prefix(const struct sctund_opts *o, const struct sct_addr *a)
{
	unsigned i;

	for (i = 0; i < o->n_host_addrs; i++) {
		struct netcfg_prefix p = {o->host_addrs[i].addr, o->host_addrs[i].len};

		if (netcfg_prefix_contains(&p, a))
			return p.prefix;
	}
	return (unsigned)sct_addr_len(a) * 8;
}

static void addr_add(struct daemon *d, const struct sct_addr *a, unsigned prefix, bool host)
{
	char buf[SCT_ADDR_STRLEN];
	int ret;

	sct_addr_fmt(a, buf, sizeof(buf));
	if (host && d->host) {
		ret = sct_host_addr_add(d->host, a, prefix, true);
		if (ret && ret != -EEXIST)
			sct_log(SCT_LOG_WARN, "address %s: host layer: %s", buf, strerror(-ret));
	}
	ret = sct_stack_add_addr(d->stack, a);
	if (ret && ret != -EEXIST)
		sct_log(SCT_LOG_WARN, "address %s: SCTP: %s", buf, strerror(-ret));
	else if (!ret)
		sct_log(SCT_LOG_INFO, "serving SCTP on %s", buf);
}

static void addr_del(struct daemon *d, const struct sct_addr *a)
{
	char buf[SCT_ADDR_STRLEN];

	if (d->host && d->ns_addrs_host)
		sct_host_addr_del(d->host, a);
	if (sct_stack_del_addr(d->stack, a) == 0)
		sct_log(SCT_LOG_INFO, "no longer serving SCTP on %s",
			sct_addr_fmt(a, buf, sizeof(buf)));
}

/* The namespace's addresses sctund takes (as netcfg's shared mode steers them). */
static bool ns_addr_wanted(const struct daemon *d, const struct nl_ifaddr *a)
{
	return a->ifindex != d->tun_ifindex && !sct_addr_is_loopback(&a->addr) &&
	       !sct_addr_is_linklocal(&a->addr) && !(a->flags & IFA_F_TENTATIVE);
}

static int ns_addr_cb(const struct nl_ifaddr *a, void *data)
{
	struct daemon *d = data;

	if (ns_addr_wanted(d, a))
		addr_add(d, &a->addr, a->prefix, d->ns_addrs_host);
	return 0;
}

static int ns_addrs_read(struct daemon *d)
{
	return nl_addr_dump(&d->nl, 0, ns_addr_cb, d);
}

static void nl_event(struct daemon *d, const struct nl_event *ev)
{
	int ret;

	switch (ev->type) {
	case NL_EV_LINK:
		if (ev->link.ifindex != d->tun_ifindex)
			break;
		if (d->host && ev->link.mtu && ev->link.mtu != sct_host_mtu(d->host)) {
			sct_log(SCT_LOG_NOTICE, "%s: MTU now %u", ev->link.name, ev->link.mtu);
			if (sct_host_set_mtu(d->host, ev->link.mtu))
				sct_log(SCT_LOG_WARN, "%s: MTU %u not usable", ev->link.name,
					ev->link.mtu);
		}
		break;
	case NL_EV_LINK_DEL:
		if (ev->link.ifindex == d->tun_ifindex)
			sct_log(SCT_LOG_ERR, "%s: the TUN was deleted", ev->link.name);
		break;
	case NL_EV_ADDR_ADD:
	case NL_EV_ADDR_DEL:
		if (d->nc_active && d->nc.shared) {
			ret = netcfg_shared_event(&d->nc, ev);
			if (ret)
				sct_log(SCT_LOG_WARN, "shared mode: following an address: %s%s%s",
					strerror(-ret), d->nl.errmsg[0] ? ": " : "", d->nl.errmsg);
		}
		if (!d->ns_addrs || !ns_addr_wanted(d, &ev->addr))
			break;
		if (ev->type == NL_EV_ADDR_ADD)
			addr_add(d, &ev->addr.addr, ev->addr.prefix, d->ns_addrs_host);
		else
			addr_del(d, &ev->addr.addr);
		break;
	}
}

static void nl_handler(struct loop *l, struct loop_ref *ref, uint32_t events, sct_time_t now)
{
	struct daemon *d = ref->ptr;
	struct nl_event evs[16];
	int i, n, rounds;

	for (rounds = 0; rounds < LOOP_BATCH; rounds++) {
		n = nl_event_read(&d->nl_ev, evs, 16);
		if (n == -EAGAIN)
			break;
		if (n == -ENOBUFS) {
			/* Notifications were lost: read the addresses again (new ones only). */
			sct_log(SCT_LOG_WARN, "netlink events overran: reading addresses again");
			if (d->ns_addrs)
				ns_addrs_read(d);
			continue;
		}
		if (n < 0) {
			sct_log(SCT_LOG_WARN, "netlink events: %s", strerror(-n));
			break;
		}
		for (i = 0; i < n; i++)
			nl_event(d, &evs[i]);
	}
}

/* ------------------------------------------------------------ setup steps */

static void setup_stack(struct daemon *d)
{
	struct sct_stack_cfg cfg;

	d->rng.fill = rng_fill;
	d->rng.ctx = NULL;
	sct_stack_cfg_defaults(&cfg);
	cfg.rng = d->rng;
	cfg.settings = d->opts.settings;
	cfg.mtu = d->opts.tun ? d->opts.mtu : OPTS_MTU_DEFAULT;
	d->stack = sct_stack_new(&cfg, loop_now());
	if (!d->stack)
		die("SCTP stack: out of memory");
}

static void setup_tun(struct daemon *d)
{
	struct sctund_opts *o = &d->opts;
	struct netcfg_prefix host[OPTS_MAX_HOST_ADDRS];
	struct sct_host_limits lim;
	struct nl_link link;
	char name[IF_NAMESIZE];
	unsigned i;
	int fd, ret;

	if (!o->tun)
		return;
	fd = tun_open(o->ifname, true, name, &d->tun_ifindex);
	if (fd < 0)
		die("TUN %s: %s%s%s", o->ifname, strerror(-fd), tun_hint(fd)[0] ? ". " : "",
		    tun_hint(fd));
	ret = netcfg_init(&d->nc, &d->nl, name);
	if (ret)
		die("TUN %s: %s", name, strerror(-ret));
	d->nc_active = true;
	undo_daemon = d;
	die_set_hook(undo_on_die);
	for (i = 0; i < o->n_host_addrs; i++) {
		host[i].addr = o->host_addrs[i].addr;
		host[i].prefix = o->host_addrs[i].len;
	}
	if (o->shared)
		ret = netcfg_shared_setup(&d->nc, o->mtu_set ? o->mtu : 0);
	else
		ret = netcfg_routed_setup(&d->nc, o->mtu_set ? o->mtu : 0, host, o->n_host_addrs,
					  o->addrs, o->n_addrs);
	if (ret) {
		sct_log(SCT_LOG_ERR, "%s: %s mode setup: %s%s%s", name,
			o->shared ? "shared" : "routed", strerror(-ret),
			d->nl.errmsg[0] ? ": " : "", d->nl.errmsg);
		die("setup failed"); /* undo_on_die() restores what was done */
	}
	ret = nl_link_get(&d->nl, name, &link);
	if (ret)
		die("TUN %s: %s", name, strerror(-ret));

	sct_host_limits_default(&lim);
	rng_fill(NULL, &lim.secret, sizeof(lim.secret));
	lim.mtu = link.mtu;
	lim.encap_port = o->udp ? o->udp_port : 0;
	ret = sct_host_create(&d->host, &lim);
	if (ret)
		die("host IP layer: %s", strerror(-ret));
	d->dp.host = d->host;
	ret = datapath_attach_tun(&d->dp, fd);
	if (ret)
		die("TUN %s: event loop: %s", name, strerror(-ret));
	sct_log(SCT_LOG_NOTICE, "%s: %s mode, MTU %u", name, o->shared ? "shared" : "routed",
		link.mtu);
}

static void setup_addrs(struct daemon *d)
{
	static const uint8_t lo6[16] = {[15] = 1};
	struct sct_addr lo;
	unsigned i;
	int ret;

	/* 127.0.0.1 and ::1: sockets of this sctund reach each other (loopback path) */
	sct_addr_v4u32(&lo, 0x7f000001);
	addr_add(d, &lo, 8, false);
	sct_addr_v6(&lo, lo6);
	addr_add(d, &lo, 128, false);
	if (d->opts.tun && !d->opts.shared)
		for (i = 0; i < d->opts.n_addrs; i++)
			addr_add(d, &d->opts.addrs[i], ep_prefix(&d->opts, &d->opts.addrs[i]),
				 true);
	d->ns_addrs = d->opts.shared || d->opts.udp;
	d->ns_addrs_host = d->opts.shared;
	if (d->opts.udp && !d->opts.tun)
		for (i = 0; i < d->opts.n_addrs; i++)
			addr_add(d, &d->opts.addrs[i], 0, false);
	if (d->ns_addrs) {
		ret = ns_addrs_read(d);
		if (ret)
			die("reading the namespace's addresses: %s", strerror(-ret));
	}
	d->nl_ref.type = LOOP_REF_NL;
	d->nl_ref.fd = nl_fd(&d->nl_ev);
	d->nl_ref.ptr = d;
	loop_set_handler(&d->loop, LOOP_REF_NL, nl_handler);
	ret = loop_add(&d->loop, &d->nl_ref, EPOLLIN);
	if (ret)
		die("netlink events: %s", strerror(-ret));
}

static void setup_udp(struct daemon *d)
{
	int ret;

	if (!d->opts.udp)
		return;
	ret = udp_open(&d->dp.udp, d->opts.udp_port);
	if (ret)
		die("UDP port %u: %s", d->opts.udp_port, strerror(-ret));
	ret = datapath_attach_udp(&d->dp);
	if (ret)
		die("UDP port %u: event loop: %s", d->opts.udp_port, strerror(-ret));
	sct_log(SCT_LOG_NOTICE, "RFC 6951 UDP encapsulation on port %u", d->opts.udp_port);
}

/* To be wired: the IPC server (src/ipc) listening on opts.socket_path. */
/* The service socket local programs reach us on (libsctun, sctun-ipc(7)). */
static void setup_ipc(struct daemon *d)
{
	struct rlimit rl;
	int ret;

	/* two descriptors per application socket: take all the hard limit allows */
	if (getrlimit(RLIMIT_NOFILE, &rl) == 0 && rl.rlim_cur < rl.rlim_max) {
		rl.rlim_cur = rl.rlim_max;
		if (setrlimit(RLIMIT_NOFILE, &rl) < 0)
			sct_log(SCT_LOG_WARN, "RLIMIT_NOFILE: %s", strerror(errno));
	}
	ret = ipc_srv_open(&d->ipc, d->opts.socket_path, &d->loop, d->stack);

	if (ret == -EADDRINUSE)
		die("-S %s: another sctund answers there", d->opts.socket_path);
	if (ret)
		die("-S %s: %s", d->opts.socket_path, strerror(-ret));
	d->ipc_open = true;
	/* one user must not take every descriptor from the others (uquota.h) */
	d->ipc.socks.quota.max = d->opts.max_socks_per_uid;
	if (!d->ipc.socks.quota.max)
		d->ipc.socks.quota.max =
		    uquota_default(getrlimit(RLIMIT_NOFILE, &rl) == 0 ? rl.rlim_cur : 1024);
	sct_log(SCT_LOG_INFO, "at most %u sockets per user (max_socks_per_uid; root: no limit)",
		d->ipc.socks.quota.max);
	d->admin = (struct admin){.stack = d->stack, .socks = &d->ipc.socks, .dp = &d->dp,
				  .daemon_uid = d->opts.user ? d->opts.uid : geteuid()};
	d->ipc.admin = &d->admin;
	sct_log(SCT_LOG_INFO, "serving programs on %s", d->opts.socket_path);
}

/* ------------------------------------------------------------ associations */

static unsigned daemon_assocs_open(struct daemon *d)
{
	return (unsigned)sct_stack_assoc_ids(d->stack, NULL, 0);
}

/* Start SHUTDOWN (RFC 9260 9.2) on every association. */
static void daemon_shutdown_assocs(struct daemon *d, sct_time_t now)
{
	sct_assoc_id ids[SHUTDOWN_BATCH];
	size_t i, n = sct_stack_assoc_ids(d->stack, ids, SHUTDOWN_BATCH);

	echo_stop_listening(&d->echo);
	if (n > SHUTDOWN_BATCH)
		n = SHUTDOWN_BATCH; /* the rest are aborted at the deadline */
	for (i = 0; i < n; i++)
		sct_assoc_shutdown(d->stack, ids[i], now);
}

/* ABORT (RFC 9260 9.1) every association left, and send the ABORTs. */
static void daemon_abort_assocs(struct daemon *d, sct_time_t now)
{
	static const char reason[] = "sctund stopping";
	sct_assoc_id ids[SHUTDOWN_BATCH];
	size_t i, n;

	while ((n = sct_stack_assoc_ids(d->stack, ids, SHUTDOWN_BATCH)) > 0) {
		if (n > SHUTDOWN_BATCH)
			n = SHUTDOWN_BATCH;
		for (i = 0; i < n; i++)
			sct_assoc_abort(d->stack, ids[i], reason, sizeof(reason) - 1, now);
		datapath_flush(&d->dp, now);
	}
}

/* ------------------------------------------------------------ setup */

/* The effective configuration, for -vv. */
static void log_config(const struct sctund_opts *o)
{
	char a[SCT_ADDR_STRLEN];
	unsigned i;

	if (sct_log_level() < SCT_LOG_DEBUG)
		return;
	sct_log(SCT_LOG_DEBUG, "config: tun %s, mtu %u%s, udp %s %u, %s mode, socket %s, pcap %s",
		o->tun ? o->ifname : "(none)", o->mtu, o->mtu_set ? "" : " (default)",
		o->udp ? "on" : "off", o->udp_port, o->shared ? "shared" : "routed", o->socket_path,
		o->pcap_path ? o->pcap_path : "(none)");
	for (i = 0; i < o->n_host_addrs; i++)
		sct_log(SCT_LOG_DEBUG, "config: host-addr %s/%u",
			sct_addr_fmt(&o->host_addrs[i].addr, a, sizeof(a)), o->host_addrs[i].len);
	for (i = 0; i < o->n_addrs; i++)
		sct_log(SCT_LOG_DEBUG, "config: addr %s", sct_addr_fmt(&o->addrs[i], a, sizeof(a)));
	sct_log(SCT_LOG_DEBUG,
		"settings: rto_initial=%u rto_min=%u rto_max=%u hb_interval=%u sack_timeout=%u "
		"max_burst=%u association_max_retrans=%u path_max_retrans=%u",
		o->settings.rto_initial, o->settings.rto_min, o->settings.rto_max,
		o->settings.hb_interval, o->settings.sack_timeout, o->settings.max_burst,
		o->settings.association_max_retrans, o->settings.path_max_retrans);
}

/*
 * After setup: no_new_privs, --user, and only CAP_NET_ADMIN left, kept when the
 * interface configuration must be undone at exit (isolate.c).
 */
static void drop_privileges(struct daemon *d)
{
	const struct sctund_opts *o = &d->opts;
	char err[160];

	if (isolate_drop(o->user, o->uid, o->gid, d->nc_active || d->opts.shared, err,
			 sizeof(err)))
		die("%s", err);
	if (o->user)
		sct_log(SCT_LOG_INFO, "running as %s (uid %u, gid %u)", o->user, (unsigned)o->uid,
			(unsigned)o->gid);
}

/*
 * Last: from here on only the system calls the modules declared are allowed
 * (seccomp.c); after daemonize(), whose fork() the loop never needs.
 */
static void confine(const struct daemon *d)
{
	char err[160];
	int ret;

	if (d->opts.no_seccomp) {
		sct_log(SCT_LOG_NOTICE, "--no-seccomp: no system call filter");
		return;
	}
	ret = seccomp_install(err, sizeof(err));
	if (ret < 0)
		die("%s", err);
	if (ret > 0)
		sct_log(SCT_LOG_NOTICE, "%s", err);
	else
		sct_log(SCT_LOG_INFO, "seccomp: system call filter on");
}

/* Leave the terminal: the parent exits 0, the child goes on without stdio. */
static void daemonize(void)
{
	pid_t pid = fork();
	int fd;

	if (pid < 0)
		die("fork: %s", strerror(errno));
	if (pid > 0)
		_exit(0);
	if (setsid() < 0)
		die("setsid: %s", strerror(errno));
	fd = open("/dev/null", O_RDWR | O_CLOEXEC);
	if (fd < 0)
		die("/dev/null: %s", strerror(errno));
	dup2(fd, STDIN_FILENO);
	dup2(fd, STDOUT_FILENO);
	dup2(fd, STDERR_FILENO);
	if (fd > STDERR_FILENO)
		close(fd);
	if (chdir("/") < 0)
		die("chdir /: %s", strerror(errno));
}

/* ------------------------------------------------------------ loop hooks */

static void on_expiry(void *ctx, sct_time_t now)
{
	struct daemon *d = ctx;

	datapath_timers(&d->dp, now);
	if (d->stopping && now >= d->deadline) {
		sct_log(SCT_LOG_NOTICE, "shutdown deadline passed: aborting %u association(s)",
			daemon_assocs_open(d));
		daemon_abort_assocs(d, now);
		loop_stop(&d->loop);
	}
}

static sct_time_t next_expiry(void *ctx, sct_time_t now)
{
	struct daemon *d = ctx;
	sct_time_t next = datapath_next_expiry(&d->dp);

	if (sct_stack_has_event(d->stack))
		return now; /* turn_end() stopped with events left */
	if (d->stopping && d->deadline < next)
		next = d->deadline;
	return next;
}

static void on_signal(void *ctx, int signo, sct_time_t now)
{
	struct daemon *d = ctx;
	int ret;

	if (signo == SIGHUP) {
		log_reopen();
		if (d->opts.pcap_path) {
			ret = pcap_reopen(&d->pcap);
			if (ret)
				sct_log(SCT_LOG_ERR, "--pcap: reopening %s: %s: not recording",
					d->opts.pcap_path,
					ret == -EPROTO ? "not an sctund capture" : strerror(-ret));
		}
		sct_log(SCT_LOG_INFO, "SIGHUP: log and capture reopened");
		return;
	}
	if (d->stopping) {
		sct_log(SCT_LOG_NOTICE, "%s again: aborting %u association(s)", strsignal(signo),
			daemon_assocs_open(d));
		daemon_abort_assocs(d, now);
		loop_stop(&d->loop);
		return;
	}
	d->stopping = true;
	d->deadline = now + SHUTDOWN_DEADLINE;
	notify_send("STOPPING=1");
	sct_log(SCT_LOG_NOTICE, "%s: shutting down %u association(s)", strsignal(signo),
		daemon_assocs_open(d));
	daemon_shutdown_assocs(d, now);
}

/* The core's events: the echo service's, the application sockets', a log line for the rest. */
static void poll_events(struct daemon *d, sct_time_t now)
{
	struct sct_event ev;

	while (sct_stack_poll_event(d->stack, &ev)) {
		if (echo_event(&d->echo, &ev, now))
			continue;
		if (d->ipc_open && usock_event(&d->ipc.socks, &ev, now))
			continue;
		sct_log(SCT_LOG_DEBUG, "event %u on association %u", ev.type, ev.assoc);
		if (ev.type == SCT_EV_ASSOC_CHANGE && ev.u.assoc_change.state != SCT_COMM_UP &&
		    ev.u.assoc_change.state != SCT_RESTART)
			sct_assoc_release(d->stack, ev.assoc, now); /* nobody to read it */
	}
}

static void turn_end(void *ctx, sct_time_t now)
{
	struct daemon *d = ctx;
	int i;

	/*
	 * Events make output (echoes, data read from sockets) and output makes
	 * events (the loopback path feeds the core at once): rounds until none is
	 * left, at most TURN_ROUNDS; what is left then makes next_expiry() due now.
	 */
	for (i = 0; i < TURN_ROUNDS; i++) {
		poll_events(d, now);
		datapath_flush(&d->dp, now);
		if (!sct_stack_has_event(d->stack))
			break;
	}
	if (d->pcap.f) {
		pcap_flush(&d->pcap);
		pcap_sync(&d->pcap, now, wall_now());
	}
	if (d->stopping && daemon_assocs_open(d) == 0)
		loop_stop(&d->loop);
}

static const struct loop_ops daemon_loop_ops = {
    .expiry = on_expiry,
    .next_expiry = next_expiry,
    .signal = on_signal,
    .turn_end = turn_end,
};

int main(int argc, char **argv)
{
	static struct daemon d;
	char err[256];
	int ret;

	ret = opts_parse(&d.opts, argc, argv, err, sizeof(err));
	if (ret == 1)
		return 0;
	if (ret < 0) {
		fprintf(stderr, "sctund: %s\nTry 'sctund --help' for the options.\n", err);
		return 2;
	}

	if (d.opts.log == OPTS_LOG_SYSLOG || (d.opts.log == OPTS_LOG_DEFAULT && !d.opts.foreground))
		log_open(LOG_TARGET_SYSLOG, log_level_for(d.opts.verbose));
	else
		log_open(LOG_TARGET_STDERR, log_level_for(d.opts.verbose));
	sct_log(SCT_LOG_INFO, "sctund %s starting", PACKAGE_VERSION);
	log_config(&d.opts);

	if (d.opts.pcap_path) {
		ret = pcap_open(&d.pcap, d.opts.pcap_path);
		if (ret)
			die("--pcap: %s: %s", d.opts.pcap_path, strerror(-ret));
		pcap_sync(&d.pcap, loop_now(), wall_now());
	}
	ret = loop_init(&d.loop, &daemon_loop_ops, &d);
	if (ret)
		die("event loop: %s", strerror(-ret));
	ret = nl_open(&d.nl, 0);
	if (!ret)
		ret = nl_open(&d.nl_ev, NL_GROUPS_EVENTS);
	if (ret)
		die("netlink: %s", strerror(-ret));
	setup_stack(&d);
	datapath_init(&d.dp, &d.loop, NULL, d.stack, &d.pcap);
	setup_tun(&d);
	setup_addrs(&d);
	setup_udp(&d);
	ret = echo_start(&d.echo, d.stack, d.opts.echo_ports, d.opts.n_echo);
	if (ret)
		die("--echo: %s", strerror(-ret));
	setup_ipc(&d);
	drop_privileges(&d);
	if (!d.opts.foreground) {
		daemonize();
		ret = loop_after_fork(&d.loop);
		if (ret)
			die("event loop: %s", strerror(-ret));
	}
	confine(&d);

	ret = notify_send("READY=1");
	if (ret < 0)
		sct_log(SCT_LOG_WARN, "NOTIFY_SOCKET: %s", strerror(-ret));
	sct_log(SCT_LOG_NOTICE, "running");

	ret = loop_run(&d.loop);
	if (ret)
		sct_log(SCT_LOG_ERR, "event loop: %s", strerror(-ret));
	if (d.ipc_open)
		ipc_srv_close(&d.ipc);
	datapath_close(&d.dp);
	if (d.nc_active && netcfg_undo(&d.nc))
		sct_log(SCT_LOG_WARN, "undoing the interface configuration: %s", d.nl.errmsg);
	sct_stack_free(d.stack);
	sct_host_destroy(d.host);
	nl_close(&d.nl_ev);
	nl_close(&d.nl);
	pcap_close(&d.pcap);
	loop_close(&d.loop);
	sct_log(SCT_LOG_NOTICE, "stopped");
	log_close();
	return ret ? 1 : 0;
}
