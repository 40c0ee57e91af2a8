/* SPDX-License-Identifier: MIT */
/* log.c: sctund's log sink: stderr lines with a UTC timestamp and level, or syslog(3). */
#include "config.h"

#include "daemon/log.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <syslog.h>
#include <time.h>
#include <unistd.h>
#include "daemon/seccomp.h"

/*
 * seccomp.c's allow-list, once the loop runs: stderr; syslog(), which reconnects to /dev/log when
 * it lost it.
 */
SECCOMP_CALLS(log, SC(write), SC(writev), SC_ARG(socket, 0, AF_UNIX), SC(connect), SC(sendto),
	      SC(close), SC(getpid), SC(clock_gettime));

static enum log_target log_target = LOG_TARGET_STDERR;
static bool log_is_open;

int log_level_for(int verbose)
{
	if (verbose <= 0)
		return SCT_LOG_NOTICE;
	if (verbose == 1)
		return SCT_LOG_INFO;
	return SCT_LOG_DEBUG;
}

const char *log_level_name(int level)
{
	switch (level) {
	case SCT_LOG_ERR:
		return "error";
	case SCT_LOG_WARN:
		return "warning";
	case SCT_LOG_NOTICE:
		return "notice";
	case SCT_LOG_INFO:
		return "info";
	case SCT_LOG_DEBUG:
		return "debug";
	default:
		return "log";
	}
}

size_t log_format(char *buf, size_t len, uint64_t wall_ns, int level, const char *msg)
{
	time_t secs = (time_t)(wall_ns / SCT_NSEC_PER_SEC);
	unsigned ms = (unsigned)(wall_ns % SCT_NSEC_PER_SEC / SCT_NSEC_PER_MSEC);
	struct tm tm;
	int n;

	if (!len)
		return 0;
	gmtime_r(&secs, &tm);
	n = snprintf(buf, len, "%04d-%02d-%02dT%02d:%02d:%02d.%03uZ %s: %s\n", tm.tm_year + 1900,
		     tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, ms,
		     log_level_name(level), msg);
	if (n < 0) {
		buf[0] = '\0';
		return 0;
	}
	if ((size_t)n >= len) {
		/* Truncated: keep the line a line. */
		if (len >= 2)
			buf[len - 2] = '\n';
		return len - 1;
	}
	return (size_t)n;
}

static void sink_stderr(void *ctx, int level, const char *msg)
{
	char line[LOG_LINE_MAX];
	struct timespec ts;
	size_t n;

	/* A log line's own clock read: it is for humans, not for the protocol. */
	clock_gettime(CLOCK_REALTIME, &ts);
	n = log_format(line, sizeof(line),
		       (uint64_t)ts.tv_sec * SCT_NSEC_PER_SEC + (uint64_t)ts.tv_nsec, level, msg);
	/* One write per line, so lines from a crash or another writer do not interleave. */
	if (write(STDERR_FILENO, line, n) < 0) {
		/* nowhere left to report it */
	}
}

static void sink_syslog(void *ctx, int level, const char *msg)
{
	/* SCT_LOG_* are syslog's LOG_* values. */
	syslog(level, "%s", msg);
}

void log_open(enum log_target target, int level)
{
	log_close();
	log_target = target;
	if (target == LOG_TARGET_SYSLOG) {
		openlog("sctund", LOG_PID | LOG_NDELAY, LOG_DAEMON);
		sct_log_set_sink(sink_syslog, NULL, level);
	} else {
		sct_log_set_sink(sink_stderr, NULL, level);
	}
	log_is_open = true;
}

void log_reopen(void)
{
	if (log_is_open && log_target == LOG_TARGET_SYSLOG) {
		closelog();
		openlog("sctund", LOG_PID | LOG_NDELAY, LOG_DAEMON);
	}
}

void log_close(void)
{
	if (!log_is_open)
		return;
	if (log_target == LOG_TARGET_SYSLOG)
		closelog();
	sct_log_set_sink(NULL, NULL, SCT_LOG_NOTICE);
	log_is_open = false;
}

void log_rl(struct sct_ratelimit *rl, sct_time_t now, int level, const char *fmt, ...)
{
	char msg[LOG_LINE_MAX - 100];
	uint64_t suppressed;
	va_list ap;

	if (level > sct_log_level())
		return;
	suppressed = rl->suppressed;
	if (!sct_ratelimit_ok(rl, now))
		return;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	if (suppressed) {
		rl->suppressed = 0;
		sct_log(level, "%s (%llu like it suppressed)", msg, (unsigned long long)suppressed);
	} else {
		sct_log(level, "%s", msg);
	}
}

static void (*die_hook)(void);

void die_set_hook(void (*hook)(void))
{
	die_hook = hook;
}

void die(const char *fmt, ...)
{
	void (*hook)(void) = die_hook;
	va_list ap;

	va_start(ap, fmt);
	if (log_is_open) {
		sct_vlog(SCT_LOG_ERR, fmt, ap);
	} else {
		fputs("sctund: ", stderr);
		vfprintf(stderr, fmt, ap);
		fputc('\n', stderr);
	}
	va_end(ap);
	die_hook = NULL; /* a die() inside the hook must not loop */
	if (hook)
		hook();
	exit(EXIT_FAILURE);
}
