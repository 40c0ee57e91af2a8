#!/bin/sh
# SPDX-License-Identifier: MIT
# sctund-ipc.sh: sctund's IPC server and application sockets, driven by ipc-client.py (which
# plays libsctun byte by byte) over the internal loopback path: no TUN, no privileges needed.
. "${srcdir:-.}/tests/integration/solo-lib.sh"
command -v python3 >/dev/null || { echo "SKIP: needs python3"; exit 77; }
start_solo -vv
timeout 60 python3 "$srcdir/tests/integration/ipc-client.py" "$tmp/s.sock" 5001 || fail=1
stop_solo
if [ -e "$tmp/s.sock" ]; then
	echo "FAIL: the service socket is left behind"
	fail=1
else
	echo "ok: the service socket is removed on exit"
fi
[ $fail -eq 0 ] || tail -30 "$tmp/sctund.log"
exit $fail
