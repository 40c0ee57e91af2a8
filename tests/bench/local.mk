# SPDX-License-Identifier: MIT
# tests/bench/local.mk: micro-benchmarks, built and run only by `make bench`.
EXTRA_PROGRAMS = tests/bench/bench_crc32c
SCT_BENCHES += tests/bench/bench_crc32c
tests_bench_bench_crc32c_SOURCES = tests/bench/bench_crc32c.c tests/bench/bench.h
tests_bench_bench_crc32c_CFLAGS = $(AM_CFLAGS) -O2
tests_bench_bench_crc32c_LDADD = src/common/libsctcommon.la
CLEANFILES += $(EXTRA_PROGRAMS)
