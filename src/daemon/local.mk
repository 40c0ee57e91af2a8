# SPDX-License-Identifier: MIT
# src/daemon/local.mk: sctund.
sbin_PROGRAMS += src/daemon/sctund
src_daemon_sctund_SOURCES = src/daemon/main.c
src_daemon_sctund_LDADD = src/common/libsctcommon.la

TESTS += tests/integration/sctund-cli.sh
EXTRA_DIST += tests/integration/sctund-cli.sh

# -- netlink, tun, netcfg --
noinst_LTLIBRARIES += src/daemon/libsctund.la
src_daemon_libsctund_la_SOURCES = \
	src/daemon/nl.c src/daemon/nl.h \
	src/daemon/tun.c src/daemon/tun.h \
	src/daemon/netcfg.c src/daemon/netcfg.h
src_daemon_libsctund_la_CFLAGS = $(AM_CFLAGS) $(LIBMNL_CFLAGS)
src_daemon_libsctund_la_LIBADD = src/common/libsctcommon.la $(LIBMNL_LIBS)
check_PROGRAMS += tests/integration/nltool
tests_integration_nltool_SOURCES = tests/integration/nltool.c
tests_integration_nltool_LDADD = src/daemon/libsctund.la
TESTS += tests/integration/netcfg-routed.sh tests/integration/netcfg-shared.sh \
	tests/integration/netcfg-user.sh
EXTRA_DIST += tests/integration/netcfg-lib.sh tests/integration/netcfg-routed.sh \
	tests/integration/netcfg-shared.sh tests/integration/netcfg-user.sh
if HAVE_CUNIT
check_PROGRAMS += tests/unit/test_nl
tests_unit_test_nl_SOURCES = tests/unit/test_nl.c
tests_unit_test_nl_LDADD = src/daemon/libsctund.la $(UNIT_LDADD)
TESTS += tests/unit/test_nl
endif
# -- end netlink, tun, netcfg --
