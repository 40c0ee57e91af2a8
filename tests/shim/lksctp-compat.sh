#!/bin/sh
# SPDX-License-Identifier: MIT
# lksctp-compat.sh: tests/shim/lksctp_compat.c twice against one sctund (loopback path): linked
# with libsctun, and built here against lksctp's <netinet/sctp.h> with libsctp.a, run under
# sctun-run.  Both must pass the same checks (RFC 6458 calls, notifications, SCTP_SENDALL).
. "${srcdir:-.}/tests/integration/solo-lib.sh"
prog=${top_builddir:-.}/tests/shim/lksctp_compat
run=${top_builddir:-.}/tools/sctun-run
lib=${top_builddir:-.}/src/shim/.libs/libsctun.so
[ -x "$prog" ] && [ -x "$run" ] && [ -f "$lib" ] || { echo "SKIP: not built"; exit 77; }
command -v gcc >/dev/null || { echo "SKIP: needs gcc"; exit 77; }
[ -f /usr/include/netinet/sctp.h ] || { echo "SKIP: needs libsctp-dev"; exit 77; }
libsctp_a=$(gcc -print-file-name=libsctp.a)
[ -f "$libsctp_a" ] || { echo "SKIP: needs libsctp.a (libsctp-dev)"; exit 77; }
# libsctp statically: linked dynamically, its sctp_*() would be the preloaded libsctun's
lk=$tmp/lksctp_compat_libsctp
gcc -O1 -Wall -DCOMPAT_LKSCTP -I"${top_builddir:-.}" -o "$lk" \
	"${srcdir:-.}/tests/shim/lksctp_compat.c" "$libsctp_a" -ldl 2>"$tmp/gcc.log" || {
	cat "$tmp/gcc.log"
	echo "FAIL: cannot build lksctp_compat against libsctp"
	exit 1
}
if nm "$lk" | grep -q ' T sctp_bindx$'; then
	echo "ok: lksctp_compat_libsctp carries libsctp's sctp_bindx"
else
	echo "FAIL: lksctp_compat_libsctp does not define sctp_bindx"
	fail=1
fi
SCTUN_LIB=$(cd "$(dirname "$lib")" && pwd)/libsctun.so
export SCTUN_LIB
start_solo -vv
port=$((solo_port + 1))

echo "--- linked with libsctun"
timeout 60 "$prog" $port >"$tmp/sctun.out" 2>&1
rc=$?
cat "$tmp/sctun.out"
[ $rc -eq 0 ] && grep -q "all passed" "$tmp/sctun.out" || { echo "FAIL: libsctun build: exit $rc"; fail=1; }

echo "--- libsctp under sctun-run"
env $preload_env timeout 60 "$run" "$lk" $((port + 10)) >"$tmp/lksctp.out" 2>&1
rc=$?
cat "$tmp/lksctp.out"
[ $rc -eq 0 ] && grep -q "all passed" "$tmp/lksctp.out" || { echo "FAIL: libsctp build: exit $rc"; fail=1; }

# the same checks passed, in the same order (only the provider line differs)
if [ $fail -eq 0 ] && [ "$(grep -c '^ok:' "$tmp/sctun.out")" -eq "$(grep -c '^ok:' "$tmp/lksctp.out")" ]; then
	echo "ok: both builds passed the same $(grep -c '^ok:' "$tmp/sctun.out") checks"
else
	echo "FAIL: the two builds differ"
	fail=1
fi
stop_solo
[ $fail -eq 0 ] || tail -30 "$tmp/sctund.log"
exit $fail
