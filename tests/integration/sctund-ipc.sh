#!/bin/sh
# SPDX-License-Identifier: MIT
# sctund-ipc.sh: sctund's IPC server and application sockets, driven by ipc-client.py (which
# plays libsctun byte by byte) over the internal loopback path: no TUN, no privileges needed.
sctund=${top_builddir:-.}/src/daemon/sctund
srcdir=${srcdir:-.}
command -v python3 >/dev/null || { echo "SKIP: needs python3"; exit 77; }
[ -x "$sctund" ] || { echo "SKIP: sctund not built"; exit 77; }
tmp=$(mktemp -d /tmp/sctun-ipc.XXXXXX)
pid=
cleanup() {
	[ -n "$pid" ] && kill -9 "$pid" 2>/dev/null
	rm -rf "$tmp"
}
trap cleanup EXIT INT TERM
# -u on a free port: no TUN; the sockets talk through the loopback path
port=$((20000 + $$ % 20000))
"$sctund" -f -vv -u $port -S "$tmp/s.sock" >"$tmp/sctund.log" 2>&1 &
pid=$!
i=0
until grep -q running "$tmp/sctund.log" 2>/dev/null; do
	i=$((i + 1))
	if [ $i -gt 50 ] || ! kill -0 $pid 2>/dev/null; then
		cat "$tmp/sctund.log"
		echo "FAIL: sctund did not start"
		exit 1
	fi
	sleep 0.1
done
fail=0
timeout 60 python3 "$srcdir/tests/integration/ipc-client.py" "$tmp/s.sock" 5001 || fail=1
kill -TERM $pid
wait $pid
rc=$?
if [ $rc -ne 0 ]; then
	echo "FAIL: sctund exited $rc on SIGTERM"
	fail=1
else
	echo "ok: sctund exits 0 on SIGTERM"
fi
if [ -e "$tmp/s.sock" ]; then
	echo "FAIL: the service socket is left behind"
	fail=1
else
	echo "ok: the service socket is removed on exit"
fi
if grep -q "ERROR: AddressSanitizer\|runtime error" "$tmp/sctund.log"; then
	echo "FAIL: sanitizer report in the sctund log"
	fail=1
fi
[ $fail -eq 0 ] || tail -30 "$tmp/sctund.log"
exit $fail
