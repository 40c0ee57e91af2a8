# SPDX-License-Identifier: MIT
# man/local.mk: man pages (.in files with @VERSION@) and their lint check.
man_MANS = man/sctund.8 man/sctun-ipc.7 man/sctun-run.1 man/libsctun.3 man/sctunctl.8 man/sctpcat.1 man/sctpperf.1
EXTRA_DIST += man/sctund.8.in man/sctun-ipc.7.in man/sctun-run.1.in man/libsctun.3.in man/sctunctl.8.in \
	man/sctpcat.1.in man/sctpperf.1.in
man_MANS += man/sctun.7
EXTRA_DIST += man/sctun.7.in
CLEANFILES += $(man_MANS)

man/%: $(top_srcdir)/man/%.in Makefile
	$(AM_V_GEN)mkdir -p man && sed -e 's|[@]VERSION[@]|$(VERSION)|g' $< >$@

TESTS += tests/check-man.sh
EXTRA_DIST += tests/check-man.sh
AM_TESTS_ENVIRONMENT += MANDOC='$(MANDOC)'; export MANDOC; MAN_PAGES='$(man_MANS)'; export MAN_PAGES;
check_DATA = $(man_MANS)
