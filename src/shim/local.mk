# SPDX-License-Identifier: MIT
# src/shim/local.mk: build rules for src/shim (included by Makefile.am)
# libsctun.so, the LD_PRELOAD shim (sctun-run(1)): libshimcore.la holds all of
# its logic so the unit tests link it without preloading; export.c (the
# interposed libc names) goes into the shared library alone.
noinst_LTLIBRARIES += src/shim/libshimcore.la
src_shim_libshimcore_la_SOURCES = \
	src/shim/shim.h src/shim/shim.c src/shim/fdtab.c src/shim/ctl.c \
	src/shim/addr.c src/shim/opt.c src/shim/sockopt.c src/shim/socket.c \
	src/shim/connect.c src/shim/recv.c src/shim/send.c
src_shim_libshimcore_la_CFLAGS = $(AM_CFLAGS) -pthread
src_shim_libshimcore_la_LIBADD = src/ipc/libsctipc.la $(DL_LIBS)

lib_LTLIBRARIES += src/shim/libsctun.la
src_shim_libsctun_la_SOURCES = src/shim/export.c
src_shim_libsctun_la_CFLAGS = $(AM_CFLAGS) -pthread
src_shim_libsctun_la_LIBADD = src/shim/libshimcore.la $(DL_LIBS)
src_shim_libsctun_la_LDFLAGS = $(AM_LDFLAGS) -pthread -version-info 0:0:0 -no-undefined \
	-Wl,--version-script=$(top_srcdir)/src/shim/libsctun.sym
EXTRA_src_shim_libsctun_la_DEPENDENCIES = src/shim/libsctun.sym
EXTRA_DIST += src/shim/libsctun.sym

if HAVE_CUNIT
SHIM_TEST_LDADD = src/shim/libshimcore.la $(UNIT_LDADD) -lpthread
check_PROGRAMS += tests/unit/test_shim_addr tests/unit/test_shim_opt tests/unit/test_shim_io
tests_unit_test_shim_addr_SOURCES = tests/unit/test_shim_addr.c
tests_unit_test_shim_addr_LDADD = $(SHIM_TEST_LDADD)
tests_unit_test_shim_opt_SOURCES = tests/unit/test_shim_opt.c
tests_unit_test_shim_opt_LDADD = $(SHIM_TEST_LDADD)
tests_unit_test_shim_io_SOURCES = tests/unit/test_shim_io.c tests/unit/test_shim_fakesrv.c \
	tests/unit/test_shim_fakesrv.h
tests_unit_test_shim_io_LDADD = $(SHIM_TEST_LDADD)
TESTS += tests/unit/test_shim_addr tests/unit/test_shim_opt tests/unit/test_shim_io
endif
