# SPDX-License-Identifier: MIT
# src/ipc/local.mk: build rules for src/ipc (included by Makefile.am)
# The shim-daemon protocol codec (libc only: check-layers lets ipc include ipc/ alone).
noinst_LTLIBRARIES += src/ipc/libsctipc.la
src_ipc_libsctipc_la_SOURCES = \
	src/ipc/ipc.h src/ipc/ipc_buf.h src/ipc/ipc_err.c src/ipc/ipc_err.h \
	src/ipc/ipc_data.c src/ipc/ipc_notif.c \
	src/ipc/ipc_ctl.c src/ipc/ipc_ctl.h \
	src/ipc/ipc_sock.c src/ipc/ipc_sock.h
EXTRA_DIST += src/ipc/README.md

check_PROGRAMS += tests/unit/test_ipc
tests_unit_test_ipc_SOURCES = tests/unit/test_ipc.c
tests_unit_test_ipc_LDADD = src/ipc/libsctipc.la $(UNIT_LDADD)
TESTS += tests/unit/test_ipc

SCT_FUZZ_TARGETS += ipc_data ipc_ctl
check_PROGRAMS += tests/fuzz/replay_ipc_data tests/fuzz/replay_ipc_ctl
tests_fuzz_replay_ipc_data_SOURCES = tests/fuzz/fuzz_ipc_data.c tests/fuzz/replay_main.c
tests_fuzz_replay_ipc_data_LDADD = src/ipc/libsctipc.la
tests_fuzz_replay_ipc_ctl_SOURCES = tests/fuzz/fuzz_ipc_ctl.c tests/fuzz/replay_main.c
tests_fuzz_replay_ipc_ctl_LDADD = src/ipc/libsctipc.la
TESTS += tests/fuzz/replay_ipc_data tests/fuzz/replay_ipc_ctl
EXTRA_DIST += tests/fuzz/gen-corpus-ipc.py
if ENABLE_FUZZ
noinst_PROGRAMS += tests/fuzz/fuzz_ipc_data tests/fuzz/fuzz_ipc_ctl
tests_fuzz_fuzz_ipc_data_SOURCES = tests/fuzz/fuzz_ipc_data.c
tests_fuzz_fuzz_ipc_data_LDADD = src/ipc/libsctipc.la
tests_fuzz_fuzz_ipc_data_LDFLAGS = $(AM_LDFLAGS) $(FUZZLDFLAGS)
tests_fuzz_fuzz_ipc_ctl_SOURCES = tests/fuzz/fuzz_ipc_ctl.c
tests_fuzz_fuzz_ipc_ctl_LDADD = src/ipc/libsctipc.la
tests_fuzz_fuzz_ipc_ctl_LDFLAGS = $(AM_LDFLAGS) $(FUZZLDFLAGS)
endif
