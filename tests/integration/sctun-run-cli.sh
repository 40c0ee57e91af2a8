#!/bin/sh
# SPDX-License-Identifier: MIT
# sctun-run-cli.sh: sctun-run's option parsing ({exit status, argv} table: bad usage exits 2 with
# a clear message), the program-not-found (127) and statically-linked (2) refusals, and that it
# really preloads libsctun and passes the socket path (and --tcp's SCTUN_TCP) on.
. "${srcdir:-.}/tests/integration/solo-lib.sh"
run=${top_builddir:-.}/tools/sctun-run
lib=${top_builddir:-.}/src/shim/.libs/libsctun.so
[ -x "$run" ] && [ -f "$lib" ] || { echo "SKIP: not built"; exit 77; }
SCTUN_LIB=$(cd "$(dirname "$lib")" && pwd)/libsctun.so
export SCTUN_LIB
expect() { expect_tool "$run" "$@"; }
# programs run under an ASan build of libsctun (no sctund here to keep its leak checks)
[ -n "$preload_env" ] && export "$preload_env"
expect 0 "usage: sctun-run" --help
expect 0 "sctun-run (sctun)" --version
expect 2 "unknown option '--bogus'" --bogus
expect 2 "option -S needs a socket path" -S
expect 2 "no program given"
expect 2 "no program given" -S /tmp/x.sock
expect 127 "no-such-program-sctun: command not found" no-such-program-sctun
expect_tool env 2 "not found (install sctun" SCTUN_LIB=/nonexistent/libsctun.so "$run" true
# a statically linked program: LD_PRELOAD cannot reach it
if command -v gcc >/dev/null && printf 'int main(void){return 0;}\n' >"$tmp/s.c" &&
	gcc -static -o "$tmp/static" "$tmp/s.c" 2>/dev/null; then
	expect 2 "is statically linked" "$tmp/static"
else
	echo "note: no static toolchain here; the statically-linked refusal is not checked"
fi
# what the program gets: LD_PRELOAD with libsctun first, SCTUN_SOCKET from -S
expect 0 "" sh -c 'case "$LD_PRELOAD" in *libsctun.so*) ;; *) exit 1 ;; esac'
expect 0 "/tmp/given.sock" -S /tmp/given.sock sh -c 'echo "$SCTUN_SOCKET"'
expect 0 "/tmp/eq.sock" --socket=/tmp/eq.sock sh -c 'echo "$SCTUN_SOCKET"'
# --tcp: SCTUN_TCP=1 for the program (and its children); without it, none
expect 0 "tcp=1." --tcp sh -c 'echo "tcp=$SCTUN_TCP."'
expect 0 "tcp=." sh -c 'echo "tcp=$SCTUN_TCP."'
expect 0 "--tcp" --help
exit $fail
