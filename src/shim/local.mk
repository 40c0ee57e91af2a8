# SPDX-License-Identifier: MIT
# src/shim/local.mk: build rules for src/shim (included by Makefile.am)
# libsctun.so, the LD_PRELOAD shim (sctun-run(1)): libshimcore.la holds all of
# its logic so the unit tests link it without preloading; export.c (the
# interposed libc names) goes into the shared library alone.
noinst_LTLIBRARIES += src/shim/libshimcore.la
src_shim_libshimcore_la_SOURCES = \
	src/shim/shim.h src/shim/shim.c src/shim/fdtab.c src/shim/ctl.c \
	src/shim/addr.c src/shim/opt.c src/shim/sockopt.c src/shim/socket.c \
	src/shim/connect.c src/shim/recv.c src/shim/send.c src/shim/notif.c src/shim/cmsg.c \
	src/shim/sctpopt.c src/shim/rfc6458.c src/shim/sctun/sctp.h \
	src/shim/tcp.c
src_shim_libshimcore_la_CFLAGS = $(AM_CFLAGS) -pthread
src_shim_libshimcore_la_LIBADD = src/ipc/libsctipc.la $(DL_LIBS)

lib_LTLIBRARIES += src/shim/libsctun.la
src_shim_libsctun_la_SOURCES = src/shim/export.c src/shim/export_sctp.c
src_shim_libsctun_la_CFLAGS = $(AM_CFLAGS) -pthread
src_shim_libsctun_la_LIBADD = src/shim/libshimcore.la $(DL_LIBS)
src_shim_libsctun_la_LDFLAGS = $(AM_LDFLAGS) -pthread -version-info 0:0:0 -no-undefined \
	-Wl,--version-script=$(top_srcdir)/src/shim/libsctun.sym
EXTRA_src_shim_libsctun_la_DEPENDENCIES = src/shim/libsctun.sym
EXTRA_DIST += src/shim/libsctun.sym

# <sctun/sctp.h> and pkg-config, for programs that link libsctun (libsctun(3))
sctunincludedir = $(includedir)/sctun
sctuninclude_HEADERS = src/shim/sctun/sctp.h
pkgconfigdir = $(libdir)/pkgconfig
pkgconfig_DATA = src/shim/libsctun.pc
EXTRA_DIST += src/shim/libsctun.pc.in
CLEANFILES += src/shim/libsctun.pc
src/shim/libsctun.pc: $(top_srcdir)/src/shim/libsctun.pc.in Makefile
	$(AM_V_GEN)mkdir -p src/shim && sed -e 's|[@]prefix[@]|$(prefix)|g' \
		-e 's|[@]exec_prefix[@]|$(exec_prefix)|g' -e 's|[@]libdir[@]|$(libdir)|g' \
		-e 's|[@]includedir[@]|$(includedir)|g' -e 's|[@]VERSION[@]|$(VERSION)|g' $< >$@

if HAVE_CUNIT
SHIM_TEST_LDADD = src/shim/libshimcore.la $(UNIT_LDADD) -lpthread
check_PROGRAMS += tests/unit/test_shim_addr tests/unit/test_shim_opt tests/unit/test_shim_io \
	tests/unit/test_shim_sock tests/unit/test_shim_many tests/unit/test_shim_tcp
tests_unit_test_shim_addr_SOURCES = tests/unit/test_shim_addr.c
tests_unit_test_shim_addr_LDADD = $(SHIM_TEST_LDADD)
tests_unit_test_shim_opt_SOURCES = tests/unit/test_shim_opt.c
tests_unit_test_shim_opt_LDADD = $(SHIM_TEST_LDADD)
tests_unit_test_shim_io_SOURCES = tests/unit/test_shim_io.c tests/unit/test_shim_fakesrv.c \
	tests/unit/test_shim_fakesrv.h
tests_unit_test_shim_io_LDADD = $(SHIM_TEST_LDADD)
tests_unit_test_shim_sock_SOURCES = tests/unit/test_shim_sock.c tests/unit/test_shim_fakesrv.c \
	tests/unit/test_shim_fakesrv.h
tests_unit_test_shim_sock_LDADD = $(SHIM_TEST_LDADD)
tests_unit_test_shim_many_SOURCES = tests/unit/test_shim_many.c
tests_unit_test_shim_many_LDADD = $(SHIM_TEST_LDADD)
tests_unit_test_shim_tcp_SOURCES = tests/unit/test_shim_tcp.c tests/unit/test_shim_fakesrv.c \
	tests/unit/test_shim_fakesrv.h
tests_unit_test_shim_tcp_LDADD = $(SHIM_TEST_LDADD)
TESTS += tests/unit/test_shim_addr tests/unit/test_shim_opt tests/unit/test_shim_io \
	tests/unit/test_shim_sock tests/unit/test_shim_many tests/unit/test_shim_tcp
endif

# tests/shim: C programs linked with libsctun (not preloaded) against a real sctund
check_PROGRAMS += tests/shim/sctp_api
tests_shim_sctp_api_SOURCES = tests/shim/sctp_api.c
tests_shim_sctp_api_CPPFLAGS = $(AM_CPPFLAGS) -I$(top_srcdir)/src/shim
tests_shim_sctp_api_LDADD = src/shim/libsctun.la
dist_check_SCRIPTS += tests/shim/sctp-api.sh
TESTS += tests/shim/sctp-api.sh
