# SPDX-License-Identifier: MIT
# tests/integration/local.mk: build rules for tests/integration (included by Makefile.am)

# --- emit-all: every packet our emitters build, judged by tshark (tests/integration/emit_all.c).
# pcapfile.c is compiled in directly: libharness.la carries it but needs CUnit.
check_PROGRAMS += tests/integration/emit_all
tests_integration_emit_all_SOURCES = tests/integration/emit_all.c \
	tests/unit/pcapfile.c tests/unit/pcapfile.h
tests_integration_emit_all_LDADD = src/wire/libsctwire.la src/common/libsctcommon.la
dist_check_SCRIPTS += tests/integration/emit-all-tshark.sh
TESTS += tests/integration/emit-all-tshark.sh
# --- end emit-all

# --- unmodified programs through libsctun: socat and ncat between two sctund (and loopback)
TESTS += tests/integration/shim-socat.sh
EXTRA_DIST += tests/integration/shim-socat.sh
TESTS += tests/integration/shim-iperf3.sh
EXTRA_DIST += tests/integration/shim-iperf3.sh
TESTS += tests/integration/shim-lksctp.sh
EXTRA_DIST += tests/integration/shim-lksctp.sh
TESTS += tests/integration/sctun-run-cli.sh
EXTRA_DIST += tests/integration/sctun-run-cli.sh

# sctun-run --tcp and the death of sctund (shim-tcp.sh, shim-daemon-death.sh)
TESTS += tests/integration/shim-tcp.sh tests/integration/shim-daemon-death.sh
EXTRA_DIST += tests/integration/shim-tcp.sh tests/integration/shim-daemon-death.sh \
	tests/integration/death-client.py
