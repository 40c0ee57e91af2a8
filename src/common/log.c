/* SPDX-License-Identifier: MIT */
/* log.c: the log sink and the rate limiter for per-packet diagnostics. */
#include "common/log.h"

#include <stdio.h>

static sct_log_fn sink_fn;
static void *sink_ctx;
static int sink_level = SCT_LOG_NOTICE;

void sct_log_set_sink(sct_log_fn fn, void *ctx, int max_level)
{
	sink_fn = fn;
	sink_ctx = ctx;
	sink_level = max_level;
}

int sct_log_level(void)
{
	return sink_fn ? sink_level : -1;
}

void sct_vlog(int level, const char *fmt, va_list ap)
{
	char msg[512];

	if (!sink_fn || level > sink_level)
		return;
	vsnprintf(msg, sizeof(msg), fmt, ap);
	sink_fn(sink_ctx, level, msg);
}

void sct_log(int level, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	sct_vlog(level, fmt, ap);
	va_end(ap);
}

bool sct_ratelimit_ok(struct sct_ratelimit *rl, sct_time_t now)
{
	if (rl->interval && now >= rl->last + rl->interval) {
		uint64_t refill = (now - rl->last) / rl->interval;

		rl->tokens = refill >= rl->burst ? rl->burst : rl->tokens + (uint32_t)refill;
		if (rl->tokens > rl->burst)
			rl->tokens = rl->burst;
		rl->last = now;
	}
	if (rl->tokens == 0) {
		rl->suppressed++;
		return false;
	}
	rl->tokens--;
	return true;
}
