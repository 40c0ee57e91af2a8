# SPDX-License-Identifier: MIT
# src/daemon/local.mk: sctund, and libsctund.la (everything but main.c) for the tests.
noinst_LTLIBRARIES += src/daemon/libsctund.la
src_daemon_libsctund_la_SOURCES =
src_daemon_libsctund_la_LIBADD = src/sctp/libsctsctp.la src/wire/libsctwire.la \
	src/common/libsctcommon.la
sbin_PROGRAMS += src/daemon/sctund
src_daemon_sctund_SOURCES = src/daemon/main.c
src_daemon_sctund_LDADD = src/daemon/libsctund.la
src_daemon_sctund_CPPFLAGS = $(AM_CPPFLAGS) $(LIBSECCOMP_CFLAGS)

# -- opts, log, pcap, loop --
src_daemon_libsctund_la_SOURCES += \
	src/daemon/opts.c src/daemon/opts.h \
	src/daemon/log.c src/daemon/log.h \
	src/daemon/notify.c src/daemon/notify.h \
	src/daemon/pcap.c src/daemon/pcap.h \
	src/daemon/loop.c src/daemon/loop.h
DAEMON_TEST_LDADD = src/daemon/libsctund.la $(UNIT_LDADD)
check_PROGRAMS += tests/unit/test_opts tests/unit/test_dlog tests/unit/test_pcap \
	tests/unit/test_loop
tests_unit_test_opts_LDADD = $(DAEMON_TEST_LDADD)
tests_unit_test_dlog_LDADD = $(DAEMON_TEST_LDADD)
tests_unit_test_pcap_LDADD = $(DAEMON_TEST_LDADD)
tests_unit_test_loop_LDADD = $(DAEMON_TEST_LDADD)
TESTS += tests/unit/test_opts tests/unit/test_dlog tests/unit/test_pcap tests/unit/test_loop
TESTS += tests/integration/sctund-cli.sh
EXTRA_DIST += tests/integration/sctund-cli.sh
# -- end opts, log, pcap, loop --

# -- netlink, tun, netcfg --
src_daemon_libsctund_la_SOURCES += \
	src/daemon/nl.c src/daemon/nl.h \
	src/daemon/tun.c src/daemon/tun.h \
	src/daemon/netcfg.c src/daemon/netcfg.h
src_daemon_libsctund_la_CFLAGS = $(AM_CFLAGS) $(LIBMNL_CFLAGS) $(LIBSECCOMP_CFLAGS)
src_daemon_libsctund_la_LIBADD += $(LIBMNL_LIBS)
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

# -- glue: datapath, udp, echo --
src_daemon_libsctund_la_SOURCES += \
	src/daemon/datapath.c src/daemon/datapath.h \
	src/daemon/udp.c src/daemon/udp.h \
	src/daemon/echo.c src/daemon/echo.h \
	src/daemon/usock.c src/daemon/usock.h src/daemon/usock_impl.h src/daemon/usock_io.c \
	src/daemon/usock_opt.c src/daemon/usock_opt.h \
	src/daemon/ipc_srv.c src/daemon/ipc_srv.h \
	src/daemon/uquota.c src/daemon/uquota.h \
	src/daemon/admin.c src/daemon/admin.h \
	src/daemon/isolate.c src/daemon/isolate.h \
	src/daemon/seccomp.c src/daemon/seccomp.h
src_daemon_libsctund_la_LIBADD += src/ipc/libsctipc.la $(LIBCAP_LIBS) $(LIBSECCOMP_LIBS)
src_daemon_libsctund_la_LIBADD += src/ip/libsctip.la
TESTS += tests/integration/sctund-routed.sh tests/integration/sctund-udp.sh \
	tests/integration/sctund-shared.sh tests/integration/sctund-sigterm.sh
EXTRA_DIST += tests/integration/sctund-lib.sh tests/integration/sctund-routed.sh \
	tests/integration/sctund-udp.sh tests/integration/sctund-shared.sh \
	tests/integration/sctund-sigterm.sh tests/integration/sctp-init-abort.py \
	tests/integration/icmp-echo.py
TESTS += tests/integration/sctund-ipc.sh tests/integration/sctund-node.sh \
	tests/integration/sctund-isolate.sh tests/integration/sctund-pmtu.sh \
	tests/integration/sctund-unshare.sh
EXTRA_DIST += tests/integration/sctund-isolate.sh tests/integration/sctund-pmtu.sh \
	tests/integration/sctund-unshare.sh
EXTRA_DIST += tests/integration/sctund-node.sh tests/integration/node-sctp-client.js
SCT_FUZZ_TARGETS += ipc_session
check_PROGRAMS += tests/fuzz/replay_ipc_session
tests_fuzz_replay_ipc_session_SOURCES = tests/fuzz/fuzz_ipc_session.c tests/fuzz/replay_main.c
tests_fuzz_replay_ipc_session_LDADD = src/daemon/libsctund.la
TESTS += tests/fuzz/replay_ipc_session
EXTRA_DIST += tests/fuzz/gen-corpus-ipc-session.py
if ENABLE_FUZZ
noinst_PROGRAMS += tests/fuzz/fuzz_ipc_session
tests_fuzz_fuzz_ipc_session_SOURCES = tests/fuzz/fuzz_ipc_session.c
tests_fuzz_fuzz_ipc_session_LDADD = src/daemon/libsctund.la
tests_fuzz_fuzz_ipc_session_LDFLAGS = $(AM_LDFLAGS) $(FUZZLDFLAGS)
endif
check_PROGRAMS += tests/unit/test_usock
tests_unit_test_usock_LDADD = $(DAEMON_TEST_LDADD)
TESTS += tests/unit/test_usock
check_PROGRAMS += tests/unit/test_usock_opt
tests_unit_test_usock_opt_LDADD = $(DAEMON_TEST_LDADD)
TESTS += tests/unit/test_usock_opt
EXTRA_DIST += tests/integration/sctund-ipc.sh tests/integration/ipc-client.py \
	tests/integration/solo-lib.sh tests/integration/preload-env.sh
# -- end glue --
