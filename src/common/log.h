/* SPDX-License-Identifier: MIT */
/* log.h: the log sink every layer writes to; the daemon decides where it goes. */
#ifndef SCT_COMMON_LOG_H
#define SCT_COMMON_LOG_H

#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>

#include "common/time.h"

enum sct_log_level {
	SCT_LOG_ERR = 3,
	SCT_LOG_WARN = 4,
	SCT_LOG_NOTICE = 5,
	SCT_LOG_INFO = 6,
	SCT_LOG_DEBUG = 7,
};

typedef void (*sct_log_fn)(void *ctx, int level, const char *msg);

/** sct_log_set_sink() - route messages at or above @max_level to @fn (NULL: discard). */
void sct_log_set_sink(sct_log_fn fn, void *ctx, int max_level);
int sct_log_level(void);

/** sct_log() - format and hand one message to the sink. */
void sct_log(int level, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void sct_vlog(int level, const char *fmt, va_list ap) __attribute__((format(printf, 2, 0)));

/*
 * A token bucket for per-packet diagnostics: at most @burst messages, then one
 * per @interval; suppressed messages are counted and reported with the next
 * one let through.
 */
struct sct_ratelimit {
	sct_time_t interval;
	uint32_t burst;
	uint32_t tokens;
	sct_time_t last;
	uint64_t suppressed;
};

#define SCT_RATELIMIT_INIT(interval_ns, burst_n)                                                   \
	{                                                                                          \
		.interval = (interval_ns), .burst = (burst_n), .tokens = (burst_n), .last = 0,     \
		.suppressed = 0                                                                    \
	}

/** sct_ratelimit_ok() - true when a message may be logged at @now. */
bool sct_ratelimit_ok(struct sct_ratelimit *rl, sct_time_t now);

#endif /* SCT_COMMON_LOG_H */
