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

# --- system benchmarks (tests/bench/sctbench.py, run by `make bench`): the peers and helpers.
SCT_BENCH_TOOLS = tests/bench/tunfwd tests/bench/memassoc tests/bench/usrsctp_bench
EXTRA_PROGRAMS += $(SCT_BENCH_TOOLS)
tests_bench_tunfwd_SOURCES = tests/bench/tunfwd.c
tests_bench_tunfwd_CFLAGS = $(AM_CFLAGS) -O2
tests_bench_memassoc_SOURCES = tests/bench/memassoc.c
tests_bench_memassoc_CFLAGS = $(AM_CFLAGS) -O2
tests_bench_memassoc_LDADD = src/shim/libsctun.la
tests_bench_usrsctp_bench_SOURCES = tests/bench/usrsctp_bench.c
tests_bench_usrsctp_bench_CFLAGS = $(AM_CFLAGS) -O2 -pthread
tests_bench_usrsctp_bench_LDADD = -lusrsctp -lpthread
EXTRA_DIST += tests/bench/sctbench.py tests/bench/node-bench.js
CLEANFILES += bench-results.txt bench-results.json
# --- end system benchmarks
