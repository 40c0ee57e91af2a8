# SPDX-License-Identifier: MIT
# src/daemon/local.mk: sctund.
sbin_PROGRAMS += src/daemon/sctund
src_daemon_sctund_SOURCES = src/daemon/main.c
src_daemon_sctund_LDADD = src/common/libsctcommon.la

TESTS += tests/integration/sctund-cli.sh
EXTRA_DIST += tests/integration/sctund-cli.sh
