# SPDX-License-Identifier: MIT
# tools/local.mk: build rules for tools (included by Makefile.am)

# sctun-run(1): a shell script with the install's libdir written in; tests
# point SCTUN_LIB at the build tree's src/shim/.libs/libsctun.so.0 instead.
bin_SCRIPTS = tools/sctun-run
EXTRA_DIST += tools/sctun-run.in
CLEANFILES += tools/sctun-run

tools/sctun-run: $(top_srcdir)/tools/sctun-run.in Makefile
	$(AM_V_GEN)mkdir -p tools && sed -e 's|[@]libdir[@]|$(libdir)|g' -e 's|[@]VERSION[@]|$(VERSION)|g' \
		$(top_srcdir)/tools/sctun-run.in >$@.tmp && chmod +x $@.tmp && mv $@.tmp $@

# sctunctl(8): a thin client of sctund's ADMIN request (the output is made by src/daemon/admin.c).
sbin_PROGRAMS += tools/sctunctl
tools_sctunctl_SOURCES = tools/sctunctl.c
tools_sctunctl_LDADD = src/ipc/libsctipc.la
TESTS += tests/integration/sctunctl-cli.sh tests/integration/shared-iperf3.sh
EXTRA_DIST += tests/integration/sctunctl-cli.sh tests/integration/shared-iperf3.sh

# sctpcat(1): netcat for SCTP, and the example program: plain socket API, linked with libsctun.
bin_PROGRAMS += tools/sctpcat
tools_sctpcat_SOURCES = tools/sctpcat.c
tools_sctpcat_LDADD = src/shim/libsctun.la

# sctpperf(1): SCTP benchmark (throughput, message rate, latency, setup rate), linked the same way.
bin_PROGRAMS += tools/sctpperf
tools_sctpperf_SOURCES = tools/perf/sctpperf.h tools/perf/main.c \
	tools/perf/client.c tools/perf/server.c tools/perf/report.c
tools_sctpperf_LDADD = src/shim/libsctun.la
TESTS += tests/integration/sctpcat.sh tests/integration/sctpperf.sh
EXTRA_DIST += tests/integration/sctpcat.sh tests/integration/sctpperf.sh

# The systemd unit and the tmpfiles.d entry for /run/sctun (make install).
systemdsystemunit_DATA = tools/systemd/sctund.service
tmpfiles_DATA = tools/systemd/sctun.conf
EXTRA_DIST += tools/systemd/sctund.service.in tools/systemd/sctun.conf
CLEANFILES += tools/systemd/sctund.service
tools/systemd/sctund.service: $(top_srcdir)/tools/systemd/sctund.service.in Makefile
	$(AM_V_GEN)mkdir -p tools/systemd && sed -e 's|[@]sbindir[@]|$(sbindir)|g' \
		$(top_srcdir)/tools/systemd/sctund.service.in >$@
