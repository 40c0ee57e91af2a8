/* SPDX-License-Identifier: MIT */
/* main.c: sctund entry point: options, logging, capture, setup, then the event loop. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "common/log.h"
#include "daemon/log.h"
#include "daemon/loop.h"
#include "daemon/notify.h"
#include "daemon/opts.h"
#include "daemon/pcap.h"

/*
 * Theory of operation
 *
 * Setup happens in order, each step allowed to die() since the loop has not
 * started: options, logging, the capture file, the transports (TUN, UDP),
 * the IPC socket, dropping to --user, leaving the terminal, and finally the
 * readiness notification.  After that nothing exits the process except the
 * shutdown sequence: SIGTERM or SIGINT asks every association to shut down
 * (RFC 9260 9.2) and gives them SHUTDOWN_DEADLINE to finish; what is left
 * then is aborted.  A second SIGTERM/SIGINT aborts at once.  SIGHUP reopens
 * the log and the capture, for log rotation.
 *
 * The transports, the IPC server and the SCTP core are built on other
 * branches; the daemon_*() hooks below are where they are to be wired in.
 * Until then they say at start-up that the part is missing, and sctund runs
 * with signal handling only.
 */

/* How long associations get to shut down gracefully after SIGTERM. */
#define SHUTDOWN_DEADLINE (5 * SCT_NSEC_PER_SEC)

struct daemon {
	struct sctund_opts opts;
	struct loop loop;
	struct pcap pcap;
	bool stopping;
	sct_time_t deadline; /* of the graceful shutdown, when stopping */
};

static uint64_t wall_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	return (uint64_t)ts.tv_sec * SCT_NSEC_PER_SEC + (uint64_t)ts.tv_nsec;
}

/* ------------------------------------------------------------ hook points */

/*
 * To be wired: tun_open() (create, or attach to an existing persistent TUN)
 * and netcfg (MTU, --host-addr, link up, routes; --shared policy rules) from
 * the nl branch, then loop_add() the TUN fd as LOOP_REF_TUN.
 */
static int daemon_setup_tun(struct daemon *d)
{
	if (!d->opts.tun)
		return 0;
	sct_log(SCT_LOG_WARN, "TUN support is not implemented yet: %s is not opened",
		d->opts.ifname);
	return 0;
}

/* To be wired: the RFC 6951 UDP socket on opts.udp_port, as LOOP_REF_UDP. */
static int daemon_setup_udp(struct daemon *d)
{
	if (!d->opts.udp)
		return 0;
	sct_log(SCT_LOG_WARN, "UDP encapsulation is not implemented yet: port %u is not opened",
		d->opts.udp_port);
	return 0;
}

/* To be wired: the IPC server (src/ipc) listening on opts.socket_path. */
static int daemon_setup_ipc(struct daemon *d)
{
	sct_log(SCT_LOG_WARN, "the IPC server is not implemented yet: %s is not created",
		d->opts.socket_path);
	return 0;
}

/* To be wired: the SCTP core's count of associations not yet closed. */
static unsigned daemon_assocs_open(struct daemon *d)
{
	return 0;
}

/* To be wired: start SHUTDOWN (RFC 9260 9.2) on every association. */
static void daemon_shutdown_assocs(struct daemon *d, sct_time_t now)
{
}

/* To be wired: ABORT (RFC 9260 9.1) every association left. */
static void daemon_abort_assocs(struct daemon *d, sct_time_t now)
{
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

/* --user: drop to that user's uid and gid, with no supplementary groups. */
static void drop_privileges(const struct sctund_opts *o)
{
	if (!o->user)
		return;
	if (geteuid() != 0)
		die("--user: '%s': only root can switch users", o->user);
	if (setgroups(0, NULL) < 0 || setgid(o->gid) < 0 || setuid(o->uid) < 0)
		die("--user: '%s': cannot switch: %s", o->user, strerror(errno));
	/* Make sure it cannot be undone. */
	if (setuid(0) == 0 && o->uid != 0)
		die("--user: '%s': root privileges could be regained", o->user);
	sct_log(SCT_LOG_INFO, "running as %s (uid %u, gid %u)", o->user, (unsigned)o->uid,
		(unsigned)o->gid);
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

	/* To be wired: the core's timers (its handle-expiry entry point). */
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
	sct_time_t next = SCT_TIME_NEVER; /* to be wired: the core's next expiry */

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

static void turn_end(void *ctx, sct_time_t now)
{
	struct daemon *d = ctx;

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
	if (daemon_setup_tun(&d) || daemon_setup_udp(&d) || daemon_setup_ipc(&d))
		die("setup failed");
	drop_privileges(&d.opts);
	if (!d.opts.foreground)
		daemonize();

	ret = loop_init(&d.loop, &daemon_loop_ops, &d);
	if (ret)
		die("event loop: %s", strerror(-ret));
	ret = notify_send("READY=1");
	if (ret < 0)
		sct_log(SCT_LOG_WARN, "NOTIFY_SOCKET: %s", strerror(-ret));
	sct_log(SCT_LOG_NOTICE, "running");

	ret = loop_run(&d.loop);
	if (ret)
		sct_log(SCT_LOG_ERR, "event loop: %s", strerror(-ret));
	pcap_close(&d.pcap);
	loop_close(&d.loop);
	sct_log(SCT_LOG_NOTICE, "stopped");
	log_close();
	return ret ? 1 : 0;
}
