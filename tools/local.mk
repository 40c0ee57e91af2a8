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
