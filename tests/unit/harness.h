/* SPDX-License-Identifier: MIT */
/* harness.h: the small layer every CUnit test program shares. */
#ifndef SCT_TEST_HARNESS_H
#define SCT_TEST_HARNESS_H

#include <CUnit/CUnit.h>
#include <stddef.h>
#include <stdint.h>

struct sct_test {
	const char *name;
	void (*fn)(void);
};

#define SCT_TEST(fn) {#fn, fn}
#define SCT_TEST_END {NULL, NULL}

/**
 * sct_test_main() - register each suite (NULL-terminated arrays of tests,
 * named by @names), run them all verbosely, and return the exit status:
 * 0 when every test passed, 1 otherwise.
 */
int sct_test_run(const char *const *names, const struct sct_test *const *suites, size_t n);

#define SCT_TEST_MAIN(...)                                                                         \
	int main(void)                                                                             \
	{                                                                                          \
		const struct sct_test *const suites[] = {__VA_ARGS__};                             \
		const char *const names[] = {#__VA_ARGS__};                                        \
		return sct_test_run(names, suites, sizeof(suites) / sizeof(suites[0]));            \
	}

/* Hex helpers for test vectors: "45 00 00 1c ..." (spaces, newlines ignored). */
size_t sct_test_unhex(const char *hex, uint8_t *out, size_t cap);

/* Assert two byte ranges are equal, printing the first difference. */
#define SCT_ASSERT_BYTES(a, b, n)                                                                  \
	CU_ASSERT_TRUE_FATAL(sct_test_bytes_eq((a), (b), (n), __FILE__, __LINE__))
int sct_test_bytes_eq(const void *a, const void *b, size_t n, const char *file, int line);

#endif /* SCT_TEST_HARNESS_H */
