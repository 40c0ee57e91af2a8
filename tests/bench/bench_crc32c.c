/* SPDX-License-Identifier: MIT */
/* bench_crc32c.c: CRC32c throughput, instruction vs. slice-by-8, at packet and bulk sizes. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bench.h"
#include "common/crc32c.h"

typedef uint32_t (*crc_fn)(uint32_t, const void *, size_t);

/* Median of 5 runs of ~0.2 s each, in GB/s. */
static double measure(crc_fn fn, const uint8_t *buf, size_t len)
{
	double res[5];
	int r, i;

	for (r = 0; r < 5; r++) {
		size_t iters = 0, bytes = 0;
		double t0 = bench_now(), t;
		uint32_t c = 0;

		do {
			for (i = 0; i < 64; i++)
				c = fn(c, buf, len);
			iters += 64;
			bytes += 64 * len;
			t = bench_now();
		} while (t - t0 < 0.2);
		bench_sink(c);
		res[r] = (double)bytes / (t - t0) / 1e9;
		(void)iters;
	}
	return bench_median(res, 5);
}

int main(void)
{
	static const size_t sizes[] = {64, 1500, 9000, 65536, 1 << 20};
	uint8_t *buf = malloc(1 << 20);
	size_t i;

	if (!buf)
		return 1;
	for (i = 0; i < (1u << 20); i++)
		buf[i] = (uint8_t)(i * 2654435761u >> 24);
	printf("CRC32c throughput (median of 5, GB/s); instruction available: %s\n",
	       sct_crc32c_has_hw() ? "yes" : "no");
	printf("%10s %12s %12s %8s\n", "bytes", "sse4.2", "slice-by-8", "ratio");
	for (i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
		double sw = measure(sct_crc32c_sw, buf, sizes[i]);
		double hw = sct_crc32c_has_hw() ? measure(sct_crc32c_hw, buf, sizes[i]) : 0;

		printf("%10zu %12.2f %12.2f %8.1f\n", sizes[i], hw, sw, sw > 0 ? hw / sw : 0);
	}
	free(buf);
	return 0;
}
