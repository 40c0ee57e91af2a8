/* SPDX-License-Identifier: MIT */
/* log.h: sctund's log sink for common/log.h: stderr with time and level, or syslog(3). */
#ifndef SCTUND_LOG_H
#define SCTUND_LOG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "common/log.h"
#include "common/time.h"

enum log_target {
	LOG_TARGET_STDERR,
	LOG_TARGET_SYSLOG,
};

/* Longest line log_format() produces, message included, with its NUL. */
#define LOG_LINE_MAX 600

/**
 * log_level_for() - the log level -v given @verbose times selects.
 * @verbose: number of -v; 0 gives SCT_LOG_NOTICE, 1 SCT_LOG_INFO, 2 or more SCT_LOG_DEBUG
 */
int log_level_for(int verbose);

/**
 * log_open() - route common/log.h messages to @target from now on.
 * @target: stderr or syslog (ident "sctund", facility daemon, with the pid)
 * @level:  the most verbose level let through (SCT_LOG_*)
 */
void log_open(enum log_target target, int level);

/** log_reopen() - reconnect to syslog (SIGHUP); nothing for stderr, which is not ours. */
void log_reopen(void);

/** log_close() - stop logging to the target (messages are discarded afterwards). */
void log_close(void);

/**
 * log_format() - the stderr form of one message, "2026-11-26T10:00:00.123Z warning: msg\n".
 * @buf:     output; always NUL-terminated, truncated to @len
 * @len:     its size
 * @wall_ns: wall-clock time, nanoseconds since the epoch (shown in UTC, milliseconds)
 * @level:   SCT_LOG_*; unknown levels print as "log"
 * @msg:     the message, without a newline
 *
 * Return: the length written (without the NUL), at most @len - 1.
 */
size_t log_format(char *buf, size_t len, uint64_t wall_ns, int level, const char *msg);

/** log_level_name() - "error", "warning", "notice", "info", "debug", or "log". */
const char *log_level_name(int level);

/**
 * log_rl() - log a per-packet diagnostic at most as often as @rl allows.
 * @rl:    the diagnostic's own rate limiter
 * @now:   the loop's time
 * @level: SCT_LOG_*
 * @fmt:   printf format
 *
 * When messages were suppressed since the last one let through, their count
 * is appended, so a flood shows up as one line with a number.
 */
void log_rl(struct sct_ratelimit *rl, sct_time_t now, int level, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

/**
 * die_set_hook() - @hook runs once in die() before the exit (sctund: undo the interface
 * configuration that setup made before it failed).  NULL removes it.
 */
void die_set_hook(void (*hook)(void));

/** die() - log at SCT_LOG_ERR (and to stderr if logging is not set up) and exit(1). */
void die(const char *fmt, ...) __attribute__((format(printf, 1, 2), noreturn));

#endif /* SCTUND_LOG_H */
