/* SPDX-License-Identifier: MIT */
/* test_datatrack.c: received-TSN bookkeeping: RFC 9260 3.3.4 examples, bounds, wrap. */
#include "harness.h"

#include <stdlib.h>

#include "common/rng.h"
#include "sctp/datatrack.h"
#include "sctp/tsn.h"

/* every test starts from a zeroed tracker, so sct_dt_free() is always safe */

/* RFC 9260 3.3.4: TSNs 10, 11, 12, 14, 15, 17 give cum 12 and blocks 2-3, 5-5. */
static void rfc9260_3_3_4_gap_block_example(void)
{
	struct sct_datatrack dt = {0};
	struct sct_gap_block g[8];
	static const uint32_t tsns[] = {17, 15, 14, 12, 11, 10};
	size_t i;

	sct_dt_free(&dt);
	sct_dt_init(&dt, 10, 0);
	for (i = 0; i < sizeof(tsns) / sizeof(tsns[0]); i++)
		CU_ASSERT_EQUAL(sct_dt_rx(&dt, tsns[i]), SCT_DT_NEW);
	CU_ASSERT_EQUAL(dt.cum, 12);
	CU_ASSERT_EQUAL(sct_dt_gaps(&dt, g, 8), 2);
	CU_ASSERT_EQUAL(g[0].start, 2);
	CU_ASSERT_EQUAL(g[0].end, 3);
	CU_ASSERT_EQUAL(g[1].start, 5);
	CU_ASSERT_EQUAL(g[1].end, 5);
	CU_ASSERT_EQUAL(sct_dt_highest(&dt), 17);
	/* filling both holes folds everything into cum */
	CU_ASSERT_EQUAL(sct_dt_rx(&dt, 16), SCT_DT_NEW);
	CU_ASSERT_EQUAL(sct_dt_gaps(&dt, g, 8), 1); /* 14-17 joined: only 13 missing */
	CU_ASSERT_EQUAL(g[0].start, 2);
	CU_ASSERT_EQUAL(g[0].end, 5);
	CU_ASSERT_EQUAL(sct_dt_rx(&dt, 13), SCT_DT_NEW);
	CU_ASSERT_EQUAL(dt.cum, 17);
	CU_ASSERT_FALSE(sct_dt_has_gaps(&dt));
	sct_dt_free(&dt);
}

/* RFC 9260 3.3.4: TSN 19 received three times is listed twice; the list resets per SACK. */
static void rfc9260_3_3_4_duplicate_tsns(void)
{
	struct sct_datatrack dt = {0};
	uint32_t d[8];

	sct_dt_free(&dt);
	sct_dt_init(&dt, 19, 0);
	CU_ASSERT_EQUAL(sct_dt_rx(&dt, 19), SCT_DT_NEW);
	CU_ASSERT_EQUAL(sct_dt_rx(&dt, 19), SCT_DT_DUP);
	CU_ASSERT_EQUAL(sct_dt_rx(&dt, 19), SCT_DT_DUP);
	CU_ASSERT_EQUAL(sct_dt_take_dups(&dt, d, 8), 2);
	CU_ASSERT_EQUAL(d[0], 19);
	CU_ASSERT_EQUAL(d[1], 19);
	CU_ASSERT_EQUAL(sct_dt_rx(&dt, 19), SCT_DT_DUP);
	CU_ASSERT_EQUAL(sct_dt_take_dups(&dt, d, 8), 1);
	CU_ASSERT_EQUAL(sct_dt_take_dups(&dt, d, 8), 0);
	/* a duplicate inside a gap run counts too */
	sct_dt_rx(&dt, 22);
	CU_ASSERT_EQUAL(sct_dt_rx(&dt, 22), SCT_DT_DUP);
	sct_dt_free(&dt);
}

/* RFC 9260 1.6: serial arithmetic across the 2^32 wrap. */
static void rfc9260_1_6_tsn_wraps(void)
{
	struct sct_datatrack dt = {0};
	struct sct_gap_block g[4];

	CU_ASSERT_TRUE(sct_tsn_lt(0xfffffffeu, 1));
	CU_ASSERT_TRUE(sct_tsn_gt(1, 0xfffffffeu));
	CU_ASSERT_TRUE(sct_ssn_lt(65535, 0));
	sct_dt_free(&dt);
	sct_dt_init(&dt, 0xfffffffeu, 0);
	CU_ASSERT_EQUAL(sct_dt_rx(&dt, 0xfffffffeu), SCT_DT_NEW);
	CU_ASSERT_EQUAL(sct_dt_rx(&dt, 1), SCT_DT_NEW);
	CU_ASSERT_EQUAL(sct_dt_gaps(&dt, g, 4), 1);
	CU_ASSERT_EQUAL(g[0].start, 3);
	CU_ASSERT_EQUAL(sct_dt_rx(&dt, 0xffffffffu), SCT_DT_NEW);
	CU_ASSERT_EQUAL(sct_dt_rx(&dt, 0), SCT_DT_NEW);
	CU_ASSERT_EQUAL(dt.cum, 1);
	CU_ASSERT_EQUAL(sct_dt_rx(&dt, 0xfffffffeu), SCT_DT_DUP);
	sct_dt_free(&dt);
}

/* A peer cannot make us keep unbounded state: span and run count are limited. */
static void datatrack_bounds_refuse(void)
{
	struct sct_datatrack dt = {0};
	uint32_t i;

	sct_dt_free(&dt);
	sct_dt_init(&dt, 1000, 5000);
	CU_ASSERT_EQUAL(sct_dt_rx(&dt, 1000 + 5000), SCT_DT_REFUSED);
	CU_ASSERT_EQUAL(sct_dt_rx(&dt, 999 + 5000), SCT_DT_NEW);
	sct_dt_free(&dt);
	sct_dt_init(&dt, 1, 0);
	for (i = 0; i < SCT_DT_MAX_RUNS; i++)
		CU_ASSERT_EQUAL(sct_dt_rx(&dt, 10 + 2 * i), SCT_DT_NEW);
	CU_ASSERT_EQUAL(dt.n_runs, SCT_DT_MAX_RUNS);
	CU_ASSERT_EQUAL(sct_dt_rx(&dt, 5), SCT_DT_REFUSED); /* needs a new run */
	CU_ASSERT_EQUAL(sct_dt_rx(&dt, 11), SCT_DT_NEW);    /* joins two runs */
	CU_ASSERT_EQUAL(dt.n_runs, SCT_DT_MAX_RUNS - 1);
	CU_ASSERT_EQUAL(sct_dt_rx(&dt, 5), SCT_DT_NEW);
	/* gap offsets past 16 bits are not reported until the cum moves */
	sct_dt_free(&dt);
	sct_dt_init(&dt, 1, 1u << 20);
	sct_dt_rx(&dt, 100);
	sct_dt_rx(&dt, 70000);
	{
		struct sct_gap_block g[4];

		CU_ASSERT_EQUAL(sct_dt_gaps(&dt, g, 4), 1);
	}
	sct_dt_free(&dt);
}

/* FORWARD-TSN moves cum over missing TSNs and folds runs (RFC 3758 3.6). */
static void rfc3758_3_6_forward_cum(void)
{
	struct sct_datatrack dt = {0};

	sct_dt_free(&dt);
	sct_dt_init(&dt, 100, 0);
	sct_dt_rx(&dt, 100);
	sct_dt_rx(&dt, 103);
	sct_dt_rx(&dt, 104);
	sct_dt_rx(&dt, 108);
	sct_dt_forward(&dt, 102);
	CU_ASSERT_EQUAL(dt.cum, 104);
	CU_ASSERT_EQUAL(dt.n_runs, 1);
	sct_dt_forward(&dt, 50); /* behind: ignored */
	CU_ASSERT_EQUAL(dt.cum, 104);
	sct_dt_forward(&dt, 110);
	CU_ASSERT_EQUAL(dt.cum, 110);
	CU_ASSERT_FALSE(sct_dt_has_gaps(&dt));
	sct_dt_free(&dt);
}

/* Random arrival orders against a bitmap model. */
static void datatrack_random_against_model(void)
{
	enum { N = 2000 };
	struct sct_datatrack dt = {0};
	struct sct_rng rng;
	struct sct_rng_seeded st;
	uint8_t *seen = calloc(N, 1);
	uint32_t base = 0xffffff00u, k;
	int bad = 0;

	CU_ASSERT_PTR_NOT_NULL_FATAL(seen);
	sct_rng_seeded_init(&rng, &st, 11);
	sct_dt_free(&dt);
	sct_dt_init(&dt, base, 0);
	for (k = 0; k < 20000 && !bad; k++) {
		uint32_t off = sct_rng_u32(&rng) % 300 + (dt.cum + 1 - base);
		enum sct_dt_result r;
		uint32_t cum_model = 0;
		struct sct_gap_block g[SCT_DT_MAX_RUNS];
		size_t n, i;

		if (off >= N)
			continue;
		r = sct_dt_rx(&dt, base + off);
		if (r == SCT_DT_NEW) {
			if (seen[off])
				bad = 1;
			seen[off] = 1;
		} else if (r == SCT_DT_DUP && !seen[off]) {
			bad = 2;
		}
		while (cum_model < N && seen[cum_model])
			cum_model++;
		if (dt.cum != base + cum_model - 1)
			bad = 3;
		n = sct_dt_gaps(&dt, g, SCT_DT_MAX_RUNS);
		for (i = 0; i < n; i++) {
			uint32_t t;

			for (t = g[i].start; t <= g[i].end; t++)
				if (!seen[dt.cum + t - base])
					bad = 4;
		}
	}
	CU_ASSERT_EQUAL(bad, 0);
	free(seen);
	sct_dt_free(&dt);
}

static const struct sct_test dt_tests[] = {
    SCT_TEST(rfc9260_3_3_4_gap_block_example),
    SCT_TEST(rfc9260_3_3_4_duplicate_tsns),
    SCT_TEST(rfc9260_1_6_tsn_wraps),
    SCT_TEST(datatrack_bounds_refuse),
    SCT_TEST(rfc3758_3_6_forward_cum),
    SCT_TEST(datatrack_random_against_model),
    SCT_TEST_END,
};

SCT_TEST_MAIN(dt_tests)
