# SPDX-License-Identifier: MIT
# tests/unit/local.mk: the CUnit harness shared by every unit test program.
# (Each module's local.mk registers its own test program.)
if HAVE_CUNIT
check_LTLIBRARIES += tests/unit/libharness.la
tests_unit_libharness_la_SOURCES = tests/unit/harness.c tests/unit/harness.h
tests_unit_libharness_la_CFLAGS = $(AM_CFLAGS) $(CUNIT_CFLAGS)

# --- vectors: pcap reader/writer for tests, and the committed captures (tests/vectors/).
# pcapfile is in the harness library, so every unit test can read a capture: include
# "pcapfile.h" from a test program in tests/unit/ and call
# sct_pcap_open_vector(). SCT_TOP_SRCDIR finds the vectors when a test runs outside make.
tests_unit_libharness_la_SOURCES += tests/unit/pcapfile.c tests/unit/pcapfile.h
tests_unit_libharness_la_CPPFLAGS = $(AM_CPPFLAGS) -DSCT_TOP_SRCDIR='"$(abs_top_srcdir)"'
check_PROGRAMS += tests/unit/test_pcapfile
tests_unit_test_pcapfile_SOURCES = tests/unit/test_pcapfile.c
tests_unit_test_pcapfile_LDADD = src/common/libsctcommon.la $(UNIT_LDADD)
TESTS += tests/unit/test_pcapfile
# --- end vectors
endif
EXTRA_DIST += tests/vectors

# --- attacks: what a peer's DATA can make the receiver hold (RFC 9260 11.2)
check_PROGRAMS += tests/unit/test_sctp_rxmem
tests_unit_test_sctp_rxmem_LDADD = $(AZ_LDADD)
TESTS += tests/unit/test_sctp_rxmem
# --- end attacks

# --- coverage: A/Z tests of the core's paths make coverage found unexercised
check_PROGRAMS += tests/unit/test_sctp_ep
tests_unit_test_sctp_ep_LDADD = $(AZ_LDADD)
TESTS += tests/unit/test_sctp_ep
check_PROGRAMS += tests/unit/test_sctp_setup_err
tests_unit_test_sctp_setup_err_LDADD = $(AZ_LDADD)
TESTS += tests/unit/test_sctp_setup_err
check_PROGRAMS += tests/unit/test_sctp_gapblocks
tests_unit_test_sctp_gapblocks_LDADD = $(AZ_LDADD)
TESTS += tests/unit/test_sctp_gapblocks
check_PROGRAMS += tests/unit/test_sctp_udp
tests_unit_test_sctp_udp_LDADD = $(AZ_LDADD)
TESTS += tests/unit/test_sctp_udp
check_PROGRAMS += tests/unit/test_sctp_pd
tests_unit_test_sctp_pd_LDADD = $(AZ_LDADD)
TESTS += tests/unit/test_sctp_pd
# --- end coverage
