# SPDX-License-Identifier: MIT
# src/ip/local.mk: the host IP layer (reassembly, dispatch, ICMP, PMTU).
noinst_LTLIBRARIES += src/ip/libsctip.la
src_ip_libsctip_la_SOURCES =

# -- reassembly (ip-reasm) --
src_ip_libsctip_la_SOURCES += src/ip/reasm.c src/ip/reasm.h

check_PROGRAMS += tests/unit/test_reasm
tests_unit_test_reasm_SOURCES = tests/unit/test_reasm.c
tests_unit_test_reasm_LDADD = src/ip/libsctip.la src/wire/libsctwire.la \
	src/common/libsctcommon.la $(UNIT_LDADD)
TESTS += tests/unit/test_reasm

SCT_FUZZ_TARGETS += reasm
check_PROGRAMS += tests/fuzz/replay_reasm
tests_fuzz_replay_reasm_SOURCES = tests/fuzz/fuzz_reasm.c tests/fuzz/replay_main.c
tests_fuzz_replay_reasm_LDADD = src/ip/libsctip.la src/wire/libsctwire.la \
	src/common/libsctcommon.la
TESTS += tests/fuzz/replay_reasm
EXTRA_DIST += tests/fuzz/gen-reasm-corpus.py
if ENABLE_FUZZ
noinst_PROGRAMS += tests/fuzz/fuzz_reasm
tests_fuzz_fuzz_reasm_SOURCES = tests/fuzz/fuzz_reasm.c
tests_fuzz_fuzz_reasm_LDADD = src/ip/libsctip.la src/wire/libsctwire.la \
	src/common/libsctcommon.la
tests_fuzz_fuzz_reasm_LDFLAGS = $(AM_LDFLAGS) $(FUZZLDFLAGS)
endif
# -- end reassembly --

# -- host layer --
src_ip_libsctip_la_SOURCES += src/ip/host.c src/ip/host.h src/ip/host_impl.h src/ip/host_out.c src/ip/pmtu.c src/ip/pmtu.h

check_PROGRAMS += tests/unit/test_host
tests_unit_test_host_SOURCES = tests/unit/test_host.c
tests_unit_test_host_LDADD = src/ip/libsctip.la src/wire/libsctwire.la \
	src/common/libsctcommon.la $(UNIT_LDADD)
TESTS += tests/unit/test_host

SCT_FUZZ_TARGETS += host
check_PROGRAMS += tests/fuzz/replay_host
tests_fuzz_replay_host_SOURCES = tests/fuzz/fuzz_host.c tests/fuzz/replay_main.c
tests_fuzz_replay_host_LDADD = src/ip/libsctip.la src/wire/libsctwire.la \
	src/common/libsctcommon.la
TESTS += tests/fuzz/replay_host
EXTRA_DIST += tests/fuzz/gen-host-corpus.py
if ENABLE_FUZZ
noinst_PROGRAMS += tests/fuzz/fuzz_host
tests_fuzz_fuzz_host_SOURCES = tests/fuzz/fuzz_host.c
tests_fuzz_fuzz_host_LDADD = src/ip/libsctip.la src/wire/libsctwire.la \
	src/common/libsctcommon.la
tests_fuzz_fuzz_host_LDFLAGS = $(AM_LDFLAGS) $(FUZZLDFLAGS)
endif
# -- end host layer --
