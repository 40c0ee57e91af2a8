# SPDX-License-Identifier: MIT
# src/sctp/local.mk: the SCTP engine (sans-I/O).
noinst_LTLIBRARIES += src/sctp/libsctsctp.la
src_sctp_libsctsctp_la_SOURCES = \
	src/sctp/cookie.c src/sctp/cookie.h \
	src/sctp/settings.c src/sctp/settings.h \
	src/sctp/timer.c src/sctp/timer.h
src_sctp_libsctsctp_la_CFLAGS = $(AM_CFLAGS) $(NETTLE_CFLAGS)
src_sctp_libsctsctp_la_LIBADD = src/wire/libsctwire.la src/common/libsctcommon.la $(NETTLE_LIBS)

SCTP_TEST_LDADD = src/sctp/libsctsctp.la $(UNIT_LDADD)
check_PROGRAMS += tests/unit/test_timer tests/unit/test_settings tests/unit/test_cookie
tests_unit_test_timer_LDADD = $(SCTP_TEST_LDADD)
tests_unit_test_settings_LDADD = $(SCTP_TEST_LDADD)
tests_unit_test_cookie_LDADD = $(SCTP_TEST_LDADD)
TESTS += tests/unit/test_timer tests/unit/test_settings tests/unit/test_cookie
