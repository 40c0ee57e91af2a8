/* SPDX-License-Identifier: MIT */
/* test_timer.c: the timer heap: ordering, re-arming, cancelling, many timers. */
#include "harness.h"

#include <stdlib.h>

#include "common/rng.h"
#include "sctp/timer.h"

static void timer_fires_in_expiry_order(void)
{
	struct sct_timer_heap h;
	struct sct_timer t[5];
	static const sct_time_t when[5] = {50, 10, 40, 20, 30};
	struct sct_timer *f;
	sct_time_t last = 0;
	int i, n = 0;

	sct_timer_heap_init(&h);
	for (i = 0; i < 5; i++) {
		sct_timer_init(&t[i], (uint8_t)i, NULL);
		CU_ASSERT_EQUAL(sct_timer_start(&h, &t[i], when[i]), 0);
	}
	CU_ASSERT_EQUAL(sct_timer_next(&h), 10);
	CU_ASSERT_PTR_NULL(sct_timer_pop_expired(&h, 9));
	while ((f = sct_timer_pop_expired(&h, 100))) {
		CU_ASSERT_TRUE(f->expiry >= last);
		CU_ASSERT_FALSE(sct_timer_armed(f));
		last = f->expiry;
		n++;
	}
	CU_ASSERT_EQUAL(n, 5);
	CU_ASSERT_EQUAL(sct_timer_next(&h), SCT_TIME_NEVER);
	sct_timer_heap_free(&h);
}

static void timer_restart_and_stop(void)
{
	struct sct_timer_heap h;
	struct sct_timer a, b;

	sct_timer_heap_init(&h);
	sct_timer_init(&a, 1, NULL);
	sct_timer_init(&b, 2, NULL);
	sct_timer_start(&h, &a, 100);
	sct_timer_start(&h, &b, 200);
	sct_timer_start(&h, &a, 300); /* re-arm later: b is now first */
	CU_ASSERT_EQUAL(sct_timer_next(&h), 200);
	sct_timer_stop(&h, &b);
	CU_ASSERT_FALSE(sct_timer_armed(&b));
	CU_ASSERT_EQUAL(sct_timer_next(&h), 300);
	sct_timer_stop(&h, &b); /* stopping twice is harmless */
	CU_ASSERT_EQUAL(h.n, 1);
	sct_timer_start(&h, &a, 5);
	CU_ASSERT_EQUAL(sct_timer_next(&h), 5);
	CU_ASSERT_PTR_EQUAL(sct_timer_pop_expired(&h, 5), &a);
	sct_timer_heap_free(&h);
}

/* Random start/stop/restart against a brute-force model. */
static void timer_random_against_model(void)
{
	enum { N = 500 };
	struct sct_timer_heap h;
	struct sct_timer *t = calloc(N, sizeof(*t));
	struct sct_rng rng;
	struct sct_rng_seeded st;
	int i, step;

	CU_ASSERT_PTR_NOT_NULL_FATAL(t);
	sct_rng_seeded_init(&rng, &st, 99);
	sct_timer_heap_init(&h);
	for (i = 0; i < N; i++)
		sct_timer_init(&t[i], 0, NULL);
	for (step = 0; step < 20000; step++) {
		uint32_t r = sct_rng_u32(&rng);
		struct sct_timer *x = &t[r % N];
		sct_time_t min = SCT_TIME_NEVER;

		if ((r >> 16) % 3 == 0)
			sct_timer_stop(&h, x);
		else
			sct_timer_start(&h, x, sct_rng_u32(&rng) % 100000);
		for (i = 0; i < N; i++)
			if (sct_timer_armed(&t[i]) && t[i].expiry < min)
				min = t[i].expiry;
		if (sct_timer_next(&h) != min) {
			CU_FAIL("heap minimum differs from the model");
			break;
		}
	}
	sct_timer_heap_free(&h);
	free(t);
}

static const struct sct_test timer_tests[] = {
	SCT_TEST(timer_fires_in_expiry_order),
	SCT_TEST(timer_restart_and_stop),
	SCT_TEST(timer_random_against_model),
	SCT_TEST_END,
};

SCT_TEST_MAIN(timer_tests)
