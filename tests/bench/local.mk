# SPDX-License-Identifier: MIT
# tests/bench/local.mk: micro-benchmarks, built and run only by `make bench`.
EXTRA_PROGRAMS = tests/bench/bench_crc32c
SCT_BENCHES += tests/bench/bench_crc32c
tests_bench_bench_crc32c_SOURCES = tests/bench/bench_crc32c.c tests/bench/bench.h
tests_bench_bench_crc32c_CFLAGS = $(AM_CFLAGS) -O2
tests_bench_bench_crc32c_LDADD = src/common/libsctcommon.la
CLEANFILES += $(EXTRA_PROGRAMS)

# --- bench_parse: receive-path parse rate of full-size SACK + DATA packets.
EXTRA_PROGRAMS += tests/bench/bench_parse
SCT_BENCHES += tests/bench/bench_parse
tests_bench_bench_parse_SOURCES = tests/bench/bench_parse.c tests/bench/bench.h
tests_bench_bench_parse_CFLAGS = $(AM_CFLAGS) -O2
tests_bench_bench_parse_LDADD = src/wire/libsctwire.la src/common/libsctcommon.la
# --- end bench_parse
