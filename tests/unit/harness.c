/* SPDX-License-Identifier: MIT */
/* harness.c: CUnit registration, verbose run, exit status, hex helpers. */
#include "harness.h"

#include <CUnit/Basic.h>
#include <ctype.h>
#include <stdio.h>
#include <string.h>

int sct_test_run(const char *const *names, const struct sct_test *const *suites, size_t n)
{
	unsigned failed;
	size_t i;
	/* names[0] is the stringified argument list "a_tests, b_tests, ..." */
	const char *list = names[0];

	if (CU_initialize_registry() != CUE_SUCCESS)
		return 99;
	for (i = 0; i < n; i++) {
		char name[64];
		CU_pSuite s;
		const struct sct_test *t;
		size_t k = 0;

		while (*list == ',' || *list == ' ')
			list++;
		while (*list && *list != ',' && k < sizeof(name) - 1)
			name[k++] = *list++;
		name[k] = '\0';
		if (k == 0)
			snprintf(name, sizeof(name), "suite%zu", i + 1);
		s = CU_add_suite(name, NULL, NULL);
		if (!s)
			return 99;
		for (t = suites[i]; t->name; t++)
			if (!CU_add_test(s, t->name, t->fn))
				return 99;
	}
	CU_basic_set_mode(CU_BRM_VERBOSE);
	CU_basic_run_tests();
	failed = CU_get_number_of_failures() + CU_get_number_of_tests_failed();
	failed += CU_get_number_of_suites_failed();
	CU_cleanup_registry();
	return failed ? 1 : 0;
}

size_t sct_test_unhex(const char *hex, uint8_t *out, size_t cap)
{
	size_t n = 0;
	int hi = -1;

	for (; *hex; hex++) {
		int v;

		if (isspace((unsigned char)*hex) || *hex == ':')
			continue;
		if (!isxdigit((unsigned char)*hex))
			break;
		v = isdigit((unsigned char)*hex) ? *hex - '0' : (tolower((unsigned char)*hex) - 'a' + 10);
		if (hi < 0) {
			hi = v;
		} else {
			if (n < cap)
				out[n] = (uint8_t)(hi << 4 | v);
			n++;
			hi = -1;
		}
	}
	return n;
}

int sct_test_bytes_eq(const void *a, const void *b, size_t n, const char *file, int line)
{
	const uint8_t *x = a, *y = b;
	size_t i;

	for (i = 0; i < n; i++)
		if (x[i] != y[i]) {
			fprintf(stderr, "%s:%d: bytes differ at %zu: %02x != %02x\n", file, line, i,
				x[i], y[i]);
			return 0;
		}
	return 1;
}
