# SPDX-License-Identifier: MIT
# tests/fuzz/local.mk: libFuzzer targets and their corpus replay.
#
# A target NAME is tests/fuzz/fuzz_NAME.c (defining LLVMFuzzerTestOneInput)
# with a committed seed corpus in tests/fuzz/corpus/NAME/.  For each, the
# module that owns the code under test adds to its local.mk:
#
#   SCT_FUZZ_TARGETS += NAME
#   check_PROGRAMS += tests/fuzz/replay_NAME
#   tests_fuzz_replay_NAME_SOURCES = tests/fuzz/fuzz_NAME.c tests/fuzz/replay_main.c
#   tests_fuzz_replay_NAME_LDADD = <libraries>
#   TESTS += tests/fuzz/replay_NAME
#   if ENABLE_FUZZ
#   noinst_PROGRAMS += tests/fuzz/fuzz_NAME
#   tests_fuzz_fuzz_NAME_SOURCES = tests/fuzz/fuzz_NAME.c
#   tests_fuzz_fuzz_NAME_LDADD = <libraries>
#   tests_fuzz_fuzz_NAME_LDFLAGS = $(AM_LDFLAGS) $(FUZZLDFLAGS)
#   endif
#
# make check replays every corpus (whatever the compiler); make fuzz runs
# each fuzzer for FUZZ_TIME seconds (configure --enable-fuzz CC=clang).
EXTRA_DIST += tests/fuzz/corpus

FUZZ_TIME ?= 60
FUZZ_JOBS ?= 1

.PHONY: fuzz
fuzz:
if ENABLE_FUZZ
	@set -e; for t in $(SCT_FUZZ_TARGETS); do \
	  $(MAKE) $(AM_MAKEFLAGS) tests/fuzz/fuzz_$$t; \
	  mkdir -p fuzz-work/$$t; \
	  echo "== fuzz $$t for $(FUZZ_TIME)s"; \
	  ./tests/fuzz/fuzz_$$t -max_total_time=$(FUZZ_TIME) -print_final_stats=1 \
	    -jobs=$(FUZZ_JOBS) -workers=$(FUZZ_JOBS) \
	    fuzz-work/$$t $(abs_top_srcdir)/tests/fuzz/corpus/$$t 2>&1 | tail -n 20; \
	done
else
	@echo "make fuzz needs: ./configure --enable-fuzz CC=clang"; exit 1
endif
