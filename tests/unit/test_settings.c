/* SPDX-License-Identifier: MIT */
/* test_settings.c: protocol settings: RFC 9260 section 16 defaults, bounds, names. */
#include "harness.h"

#include <errno.h>

#include "sctp/settings.h"

static void rfc9260_16_recommended_defaults(void)
{
	struct sct_settings s;

	sct_settings_defaults(&s);
	CU_ASSERT_EQUAL(s.rto_initial, 1000);
	CU_ASSERT_EQUAL(s.rto_min, 1000);
	CU_ASSERT_EQUAL(s.rto_max, 60000);
	CU_ASSERT_EQUAL(s.max_burst, 4);
	CU_ASSERT_EQUAL(s.rto_alpha_exp_divisor, 3);
	CU_ASSERT_EQUAL(s.rto_beta_exp_divisor, 2);
	CU_ASSERT_EQUAL(s.valid_cookie_life, 60000);
	CU_ASSERT_EQUAL(s.association_max_retrans, 10);
	CU_ASSERT_EQUAL(s.path_max_retrans, 5);
	CU_ASSERT_EQUAL(s.max_init_retransmits, 8);
	CU_ASSERT_EQUAL(s.hb_interval, 30000);
	CU_ASSERT_EQUAL(s.sack_timeout, 200);
}

static void settings_set_by_name_checks_bounds(void)
{
	struct sct_settings s;
	uint32_t v;

	sct_settings_defaults(&s);
	CU_ASSERT_EQUAL(sct_settings_set(&s, "hb_interval", "5000"), 0);
	CU_ASSERT_EQUAL(sct_settings_get(&s, "hb_interval", &v), 0);
	CU_ASSERT_EQUAL(v, 5000);
	CU_ASSERT_EQUAL(sct_settings_set(&s, "no_such", "1"), -ENOENT);
	CU_ASSERT_EQUAL(sct_settings_get(&s, "no_such", &v), -ENOENT);
	CU_ASSERT_EQUAL(sct_settings_set(&s, "hb_interval", "5s"), -EINVAL);
	CU_ASSERT_EQUAL(sct_settings_set(&s, "hb_interval", "-1"), -EINVAL);
	CU_ASSERT_EQUAL(sct_settings_set(&s, "hb_interval", ""), -EINVAL);
	/* RFC 9260 6.2: the SACK delay MUST NOT exceed 500 ms */
	CU_ASSERT_EQUAL(sct_settings_set(&s, "sack_timeout", "501"), -ERANGE);
	CU_ASSERT_EQUAL(sct_settings_set(&s, "sack_timeout", "99999999999999999999"), -ERANGE);
	CU_ASSERT_EQUAL(s.sack_timeout, 200);
}

static void settings_keep_rto_min_initial_max_ordered(void)
{
	struct sct_settings s;

	sct_settings_defaults(&s);
	CU_ASSERT_EQUAL(sct_settings_set(&s, "rto_min", "2000"), -ERANGE); /* > rto_initial */
	CU_ASSERT_EQUAL(sct_settings_set(&s, "rto_max", "500"), -ERANGE);
	CU_ASSERT_EQUAL(sct_settings_set(&s, "rto_min", "100"), 0);
	CU_ASSERT_EQUAL(sct_settings_set(&s, "rto_initial", "300"), 0);
	CU_ASSERT_EQUAL(s.rto_min, 100);
	CU_ASSERT_EQUAL(s.rto_initial, 300);
}

static void settings_table_lists_every_field(void)
{
	size_t n, i;
	const struct sct_setting_info *t = sct_settings_table(&n);

	CU_ASSERT_EQUAL(n * sizeof(uint32_t), sizeof(struct sct_settings));
	for (i = 0; i < n; i++) {
		CU_ASSERT_TRUE(t[i].min <= t[i].def && t[i].def <= t[i].max);
		CU_ASSERT_PTR_NOT_NULL(t[i].desc);
	}
}

static const struct sct_test settings_tests[] = {
	SCT_TEST(rfc9260_16_recommended_defaults),
	SCT_TEST(settings_set_by_name_checks_bounds),
	SCT_TEST(settings_keep_rto_min_initial_max_ordered),
	SCT_TEST(settings_table_lists_every_field),
	SCT_TEST_END,
};

SCT_TEST_MAIN(settings_tests)
