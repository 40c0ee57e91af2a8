# SPDX-License-Identifier: MIT
# tests/coverage.mk: make coverage, line and branch coverage of the core (gcc --coverage).
#
# In a ./configure --enable-coverage build, make coverage forgets the old counters (.gcda),
# runs make check's unit tests, fuzz corpus replays and simulator sweep (the same TESTS
# lists, filtered), then scripts/coverage-report merges gcov's counts into a per-file
# table of COVERAGE_DIRS printed and written to coverage.txt, and annotated sources
# (`#####`: never ran) under coverage/.  Exits 1 if a test failed, after the report.
COVERAGE_DIRS = src/sctp src/wire src/ip src/ipc src/common
COVERAGE_TESTS = $(filter tests/unit/test_% tests/fuzz/replay_% tests/sim/%,$(TESTS))

.PHONY: coverage coverage-clean
coverage:
if ENABLE_COVERAGE
	@find . -name '*.gcda' -exec rm -f {} +
	@rm -rf coverage coverage.txt
	@st=0; $(MAKE) $(AM_MAKEFLAGS) check TESTS='$(COVERAGE_TESTS)' || st=1; \
	echo "== coverage of $(COVERAGE_DIRS) (coverage.txt; annotated sources in coverage/)"; \
	python3 $(top_srcdir)/scripts/coverage-report --gcov '$(GCOV)' --srcdir '$(top_srcdir)' \
		--builddir . --out coverage.txt --annotate coverage $(COVERAGE_DIRS) || st=1; \
	test $$st -eq 0 || echo "make coverage: a test failed (see test-suite.log); counts are partial"; \
	exit $$st
else
	@echo "make coverage needs: ./configure --enable-coverage (gcc, in a build of its own)"; exit 1
endif

coverage-clean:
	-rm -rf coverage coverage.txt
	-find . \( -name '*.gcda' -o -name '*.gcno' \) -exec rm -f {} +
clean-local: coverage-clean
