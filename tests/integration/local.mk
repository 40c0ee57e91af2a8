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

# --- attacks: sctund against hostile peers, hostile local clients and faults (issue 9)
check_PROGRAMS += tests/integration/initflood
tests_integration_initflood_SOURCES = tests/integration/initflood.c
tests_integration_initflood_LDADD = src/common/libsctcommon.la
TESTS += tests/integration/sctund-initflood.sh tests/integration/sctund-clients.sh \
	tests/integration/sctund-faults.sh
EXTRA_DIST += tests/integration/sctund-initflood.sh tests/integration/sctund-clients.sh \
	tests/integration/fdhog.py tests/integration/fdexhaust.py tests/integration/uquota.py tests/integration/sctund-faults.sh \
	tests/integration/notify-server.py
TESTS += tests/integration/sctund-attacks.sh
EXTRA_DIST += tests/integration/sctund-attacks.sh tests/integration/sctp-attack.py
# --- end attacks

# --- apptests: RFC 6458 programs and unmodified SCTP programs through libsctun (and sctun-run).
# tests/shim/lksctp_compat: one source, here linked with libsctun; lksctp-compat.sh builds it
# again against lksctp's <netinet/sctp.h> and libsctp.a (so it needs no configure check).
check_PROGRAMS += tests/shim/lksctp_compat
tests_shim_lksctp_compat_SOURCES = tests/shim/lksctp_compat.c
tests_shim_lksctp_compat_CPPFLAGS = $(AM_CPPFLAGS) -I$(top_srcdir)/src/shim
tests_shim_lksctp_compat_LDADD = src/shim/libsctun.la -ldl
dist_check_SCRIPTS += tests/shim/lksctp-compat.sh
TESTS += tests/shim/lksctp-compat.sh
# iperf3 --sctp options between two namespaces; iperf3-lib.sh sets them up.  -M (SCTP_MAXSEG)
# is checked on the wire: no DATA chunk above the size.
TESTS += tests/integration/shim-iperf3-opts.sh tests/integration/shim-iperf3-maxseg.sh
EXTRA_DIST += tests/integration/shim-iperf3-opts.sh tests/integration/shim-iperf3-maxseg.sh \
	tests/integration/iperf3-lib.sh tests/integration/shared2-lib.sh
# sctp_test -B / -C, one-to-many and one-to-one, between the same two namespaces
TESTS += tests/integration/shim-lksctp-multi.sh
EXTRA_DIST += tests/integration/shim-lksctp-multi.sh
# socat, sctp_test and tsctp with usrsctp's example programs, over raw IP and over UDP
TESTS += tests/integration/shim-usrsctp.sh
EXTRA_DIST += tests/integration/shim-usrsctp.sh
# --- end apptests

# sctun-run --tcp and the death of sctund (shim-tcp.sh, shim-daemon-death.sh)
TESTS += tests/integration/shim-tcp.sh tests/integration/shim-daemon-death.sh
EXTRA_DIST += tests/integration/shim-tcp.sh tests/integration/shim-daemon-death.sh \
	tests/integration/death-client.py

# --- sendfailed: RFC 6458 6.1.11 send-failure notifications to a real program (sctun-run)
TESTS += tests/integration/shim-sendfailed.sh
EXTRA_DIST += tests/integration/shim-sendfailed.sh tests/integration/sendfailed.py
# --- end sendfailed
