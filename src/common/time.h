/* SPDX-License-Identifier: MIT */
/* time.h: sctun time: uint64_t nanoseconds on a monotonic clock the caller reads. */
#ifndef SCT_COMMON_TIME_H
#define SCT_COMMON_TIME_H

#include <stdint.h>

/* Time below src/daemon is always an argument, never read from a clock. */
typedef uint64_t sct_time_t;

#define SCT_NSEC_PER_USEC 1000ull
#define SCT_NSEC_PER_MSEC 1000000ull
#define SCT_NSEC_PER_SEC 1000000000ull
/* "no timer pending" */
#define SCT_TIME_NEVER UINT64_MAX

static inline sct_time_t sct_ms(uint64_t ms)
{
	return ms * SCT_NSEC_PER_MSEC;
}

static inline uint64_t sct_to_ms(sct_time_t t)
{
	return t / SCT_NSEC_PER_MSEC;
}

#endif /* SCT_COMMON_TIME_H */
