# SPDX-License-Identifier: MIT
# src/sctp/local.mk: the SCTP engine (sans-I/O).
noinst_LTLIBRARIES += src/sctp/libsctsctp.la
src_sctp_libsctsctp_la_SOURCES = \
	src/sctp/sctp.h src/sctp/internal.h src/sctp/rx.h \
	src/sctp/assoc.c \
	src/sctp/cookie.c src/sctp/cookie.h \
	src/sctp/data_rx.c src/sctp/data_tx.c \
	src/sctp/datatrack.c src/sctp/datatrack.h \
	src/sctp/endpoint.c \
	src/sctp/hb.c \
	src/sctp/hystart.c \
	src/sctp/icmp.c \
	src/sctp/input.c \
	src/sctp/out.c \
	src/sctp/params.c \
	src/sctp/sendfail.c \
	src/sctp/path.c \
	src/sctp/rxq.c src/sctp/rxq.h \
	src/sctp/settings.c src/sctp/settings.h \
	src/sctp/sm_init.c \
	src/sctp/sm_term.c \
	src/sctp/stack.c \
	src/sctp/timer.c src/sctp/timer.h \
	src/sctp/txq.c src/sctp/txq.h \
	src/sctp/tsn.h
src_sctp_libsctsctp_la_CFLAGS = $(AM_CFLAGS) $(NETTLE_CFLAGS)
src_sctp_libsctsctp_la_LIBADD = src/wire/libsctwire.la src/common/libsctcommon.la $(NETTLE_LIBS)

SCTP_TEST_LDADD = src/sctp/libsctsctp.la $(UNIT_LDADD)
check_PROGRAMS += tests/unit/test_timer tests/unit/test_settings tests/unit/test_cookie \
	tests/unit/test_datatrack tests/unit/test_rxq
tests_unit_test_datatrack_LDADD = $(SCTP_TEST_LDADD)
tests_unit_test_rxq_LDADD = $(SCTP_TEST_LDADD)
tests_unit_test_timer_LDADD = $(SCTP_TEST_LDADD)
tests_unit_test_settings_LDADD = $(SCTP_TEST_LDADD)
tests_unit_test_cookie_LDADD = $(SCTP_TEST_LDADD)
TESTS += tests/unit/test_timer tests/unit/test_settings tests/unit/test_cookie \
	tests/unit/test_datatrack tests/unit/test_rxq

# The A/Z harness: two stacks stepped by hand under a fake clock.
if HAVE_CUNIT
check_LTLIBRARIES += tests/unit/libaz.la
tests_unit_libaz_la_SOURCES = tests/unit/az.c tests/unit/az.h
endif
AZ_LDADD = tests/unit/libaz.la $(SCTP_TEST_LDADD)
check_PROGRAMS += tests/unit/test_sctp_setup
tests_unit_test_sctp_setup_LDADD = $(AZ_LDADD)
TESTS += tests/unit/test_sctp_setup
check_PROGRAMS += tests/unit/test_sctp_data
tests_unit_test_sctp_data_LDADD = $(AZ_LDADD)
TESTS += tests/unit/test_sctp_data
# A/Z conformance tests of RFC 9260 5, 8.4, 8.5 and 9 (see tests/unit/CONFORMANCE.md).
check_PROGRAMS += tests/unit/test_sctp_collision
tests_unit_test_sctp_collision_LDADD = $(AZ_LDADD)
TESTS += tests/unit/test_sctp_collision
check_PROGRAMS += tests/unit/test_sctp_term
tests_unit_test_sctp_term_LDADD = $(AZ_LDADD)
TESTS += tests/unit/test_sctp_term
check_PROGRAMS += tests/unit/test_sctp_ootb
tests_unit_test_sctp_ootb_LDADD = $(AZ_LDADD)
TESTS += tests/unit/test_sctp_ootb
check_PROGRAMS += tests/unit/test_sctp_params
tests_unit_test_sctp_params_LDADD = $(AZ_LDADD)
TESTS += tests/unit/test_sctp_params

# -- fuzz_assoc: whole associations between two stacks driven by a program --
SCT_FUZZ_TARGETS += assoc
check_PROGRAMS += tests/fuzz/replay_assoc
tests_fuzz_replay_assoc_SOURCES = tests/fuzz/fuzz_assoc.c tests/unit/az.c tests/unit/az.h \
	tests/fuzz/replay_main.c
# own CFLAGS: az.c is also built by libtool for libaz.la (one object each)
tests_fuzz_replay_assoc_CFLAGS = $(AM_CFLAGS)
tests_fuzz_replay_assoc_LDADD = src/sctp/libsctsctp.la
TESTS += tests/fuzz/replay_assoc
EXTRA_DIST += tests/fuzz/gen-corpus-assoc.py
if ENABLE_FUZZ
noinst_PROGRAMS += tests/fuzz/fuzz_assoc
tests_fuzz_fuzz_assoc_SOURCES = tests/fuzz/fuzz_assoc.c tests/unit/az.c tests/unit/az.h
tests_fuzz_fuzz_assoc_CFLAGS = $(AM_CFLAGS)
tests_fuzz_fuzz_assoc_LDADD = src/sctp/libsctsctp.la
tests_fuzz_fuzz_assoc_LDFLAGS = $(AM_LDFLAGS) $(FUZZLDFLAGS)
endif
# A/Z conformance tests of RFC 9260 6, 7, 8.1-8.3, 10 and ECN (see tests/unit/CONFORMANCE.md).
check_PROGRAMS += tests/unit/test_sctp_sack
tests_unit_test_sctp_sack_LDADD = $(AZ_LDADD)
TESTS += tests/unit/test_sctp_sack
check_PROGRAMS += tests/unit/test_sctp_rtx
tests_unit_test_sctp_rtx_LDADD = $(AZ_LDADD)
TESTS += tests/unit/test_sctp_rtx
check_PROGRAMS += tests/unit/test_sctp_cc
tests_unit_test_sctp_cc_LDADD = $(AZ_LDADD)
TESTS += tests/unit/test_sctp_cc
check_PROGRAMS += tests/unit/test_sctp_path
tests_unit_test_sctp_path_LDADD = $(AZ_LDADD)
TESTS += tests/unit/test_sctp_path
# RFC 7829 SCTP-PF: the Potentially Failed path state
check_PROGRAMS += tests/unit/test_sctp_pf
tests_unit_test_sctp_pf_LDADD = $(AZ_LDADD)
TESTS += tests/unit/test_sctp_pf
check_PROGRAMS += tests/unit/test_sctp_icmp tests/unit/test_sctp_ecn
tests_unit_test_sctp_icmp_LDADD = $(AZ_LDADD)
tests_unit_test_sctp_ecn_LDADD = $(AZ_LDADD)
TESTS += tests/unit/test_sctp_icmp tests/unit/test_sctp_ecn
check_PROGRAMS += tests/unit/test_sctp_shutdata
tests_unit_test_sctp_shutdata_LDADD = $(AZ_LDADD)
TESTS += tests/unit/test_sctp_shutdata
# A/Z tests of per-endpoint, per-association and per-path tunables (RFC 6458 section 8).
check_PROGRAMS += tests/unit/test_sctp_tune
tests_unit_test_sctp_tune_LDADD = $(AZ_LDADD)
TESTS += tests/unit/test_sctp_tune
# A/Z tests of RFC 6458 6.1.11 send-failure events.
check_PROGRAMS += tests/unit/test_sctp_sendfail
tests_unit_test_sctp_sendfail_LDADD = $(AZ_LDADD)
TESTS += tests/unit/test_sctp_sendfail
