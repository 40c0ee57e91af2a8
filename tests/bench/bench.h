/* SPDX-License-Identifier: MIT */
/* bench.h: timing helpers shared by the micro-benchmarks (not tests). */
#ifndef SCT_BENCH_H
#define SCT_BENCH_H

#include <stdint.h>
#include <time.h>

static inline double bench_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Keep the compiler from discarding a result. */
static inline void bench_sink(uint64_t v)
{
	__asm__ volatile("" : : "r"(v) : "memory");
}

/* The median of @n (at most 16) results; sorts them in place. */
static inline double bench_median(double *v, int n)
{
	int i, j;

	for (i = 0; i < n; i++)
		for (j = i + 1; j < n; j++)
			if (v[j] < v[i]) {
				double x = v[i];

				v[i] = v[j];
				v[j] = x;
			}
	return v[n / 2];
}

#endif /* SCT_BENCH_H */
