# SPDX-License-Identifier: MIT
# src/wire/local.mk: pure parse/emit codecs for IPv4, IPv6, ICMP and SCTP.
noinst_LTLIBRARIES += src/wire/libsctwire.la
src_wire_libsctwire_la_SOURCES = \
	src/wire/wire_err.c src/wire/wire_err.h src/wire/sctp_types.h
# -- ip codecs (ipv4, ipv6, icmp) --
src_wire_libsctwire_la_SOURCES += \
	src/wire/ipv4.c src/wire/ipv4.h \
	src/wire/ipv6.c src/wire/ipv6.h \
	src/wire/udp.c src/wire/udp.h \
	src/wire/icmp.c src/wire/icmp.h
# -- sctp codecs (common header, chunks) --
src_wire_libsctwire_la_SOURCES += \
	src/wire/sctp.c src/wire/sctp.h \
	src/wire/chunk.c src/wire/chunk.h src/wire/chunk_impl.h \
	src/wire/chunk_data.c src/wire/chunk_ctrl.c src/wire/chunk_ext.c
# -- sctp parameters and error causes --
src_wire_libsctwire_la_SOURCES += \
	src/wire/param.c src/wire/param.h src/wire/param_walk.c src/wire/param_fmt.c \
	src/wire/cause.c src/wire/cause.h
# -- pretty printer --
src_wire_libsctwire_la_SOURCES += src/wire/print.c src/wire/print.h

# -- unit tests --
check_PROGRAMS += tests/unit/test_wire_chunk
tests_unit_test_wire_chunk_SOURCES = tests/unit/test_wire_chunk.c tests/unit/vectors_sctp_capture.h
tests_unit_test_wire_chunk_LDADD = src/wire/libsctwire.la src/common/libsctcommon.la $(UNIT_LDADD)
TESTS += tests/unit/test_wire_chunk

SCT_FUZZ_TARGETS += sctp
check_PROGRAMS += tests/fuzz/replay_sctp
tests_fuzz_replay_sctp_SOURCES = tests/fuzz/fuzz_sctp.c tests/fuzz/replay_main.c
tests_fuzz_replay_sctp_LDADD = src/wire/libsctwire.la src/common/libsctcommon.la
TESTS += tests/fuzz/replay_sctp
EXTRA_DIST += tests/fuzz/gen_corpus_sctp.py
if ENABLE_FUZZ
noinst_PROGRAMS += tests/fuzz/fuzz_sctp
tests_fuzz_fuzz_sctp_SOURCES = tests/fuzz/fuzz_sctp.c
tests_fuzz_fuzz_sctp_LDADD = src/wire/libsctwire.la src/common/libsctcommon.la
tests_fuzz_fuzz_sctp_LDFLAGS = $(AM_LDFLAGS) $(FUZZLDFLAGS)
endif

check_PROGRAMS += tests/unit/test_wire_param
tests_unit_test_wire_param_SOURCES = tests/unit/test_wire_param.c
tests_unit_test_wire_param_LDADD = src/wire/libsctwire.la src/common/libsctcommon.la $(UNIT_LDADD)
TESTS += tests/unit/test_wire_param
SCT_FUZZ_TARGETS += param
check_PROGRAMS += tests/fuzz/replay_param
tests_fuzz_replay_param_SOURCES = tests/fuzz/fuzz_param.c tests/fuzz/replay_main.c
tests_fuzz_replay_param_LDADD = src/wire/libsctwire.la src/common/libsctcommon.la
TESTS += tests/fuzz/replay_param
if ENABLE_FUZZ
noinst_PROGRAMS += tests/fuzz/fuzz_param
tests_fuzz_fuzz_param_SOURCES = tests/fuzz/fuzz_param.c
tests_fuzz_fuzz_param_LDADD = src/wire/libsctwire.la src/common/libsctcommon.la
tests_fuzz_fuzz_param_LDFLAGS = $(AM_LDFLAGS) $(FUZZLDFLAGS)
endif
EXTRA_DIST += tests/fuzz/gen-corpus-param.py

check_PROGRAMS += tests/unit/test_wire_ip
tests_unit_test_wire_ip_SOURCES = tests/unit/test_wire_ip.c
tests_unit_test_wire_ip_LDADD = src/wire/libsctwire.la src/common/libsctcommon.la $(UNIT_LDADD)
TESTS += tests/unit/test_wire_ip

SCT_WIRE_IP_LIBS = src/wire/libsctwire.la src/common/libsctcommon.la
SCT_FUZZ_TARGETS += ipv4 ipv6 icmp
check_PROGRAMS += tests/fuzz/replay_ipv4 tests/fuzz/replay_ipv6 tests/fuzz/replay_icmp
tests_fuzz_replay_ipv4_SOURCES = tests/fuzz/fuzz_ipv4.c tests/fuzz/replay_main.c
tests_fuzz_replay_ipv4_LDADD = $(SCT_WIRE_IP_LIBS)
tests_fuzz_replay_ipv6_SOURCES = tests/fuzz/fuzz_ipv6.c tests/fuzz/replay_main.c
tests_fuzz_replay_ipv6_LDADD = $(SCT_WIRE_IP_LIBS)
tests_fuzz_replay_icmp_SOURCES = tests/fuzz/fuzz_icmp.c tests/fuzz/replay_main.c
tests_fuzz_replay_icmp_LDADD = $(SCT_WIRE_IP_LIBS)
TESTS += tests/fuzz/replay_ipv4 tests/fuzz/replay_ipv6 tests/fuzz/replay_icmp
if ENABLE_FUZZ
noinst_PROGRAMS += tests/fuzz/fuzz_ipv4 tests/fuzz/fuzz_ipv6 tests/fuzz/fuzz_icmp
tests_fuzz_fuzz_ipv4_SOURCES = tests/fuzz/fuzz_ipv4.c
tests_fuzz_fuzz_ipv4_LDADD = $(SCT_WIRE_IP_LIBS)
tests_fuzz_fuzz_ipv4_LDFLAGS = $(AM_LDFLAGS) $(FUZZLDFLAGS)
tests_fuzz_fuzz_ipv6_SOURCES = tests/fuzz/fuzz_ipv6.c
tests_fuzz_fuzz_ipv6_LDADD = $(SCT_WIRE_IP_LIBS)
tests_fuzz_fuzz_ipv6_LDFLAGS = $(AM_LDFLAGS) $(FUZZLDFLAGS)
tests_fuzz_fuzz_icmp_SOURCES = tests/fuzz/fuzz_icmp.c
tests_fuzz_fuzz_icmp_LDADD = $(SCT_WIRE_IP_LIBS)
tests_fuzz_fuzz_icmp_LDFLAGS = $(AM_LDFLAGS) $(FUZZLDFLAGS)
endif

# -- real captures through every codec --
check_PROGRAMS += tests/unit/test_vectors
tests_unit_test_vectors_LDADD = src/wire/libsctwire.la src/common/libsctcommon.la $(UNIT_LDADD)
TESTS += tests/unit/test_vectors
