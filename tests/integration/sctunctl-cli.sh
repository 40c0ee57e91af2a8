#!/bin/sh
# SPDX-License-Identifier: MIT
# sctunctl-cli.sh: sctunctl's option parsing ({exit status, argv} table: bad options exit 2),
# and each command against a live sctund (-u, no TUN, unprivileged): output, JSON validity,
# errors from sctund (exit 1 with its message), a setting changed at run time.
. "${srcdir:-.}/tests/integration/solo-lib.sh"
ctl=${top_builddir:-.}/tools/sctunctl
[ -x "$ctl" ] || { echo "SKIP: sctunctl not built"; exit 77; }
command -v python3 >/dev/null || { echo "SKIP: needs python3"; exit 77; }
expect() { expect_tool "$ctl" "$@"; }
expect 0 "Usage: sctunctl" --help
expect 0 "sctunctl (sctun)" --version
expect 2 "unrecognized option" --bogus
expect 2 "not 1..3600" -w 0
expect 2 "not 1..3600" --watch=abc
expect 2 "requires an argument" -S
expect 1 "cannot reach sctund" -S "$tmp/none.sock" assocs

start_solo
S="-S $tmp/s.sock"
expect 0 "STATE" $S
expect 0 "PEERRWND" $S assocs port 5000 peer 127.0.0.1
expect 0 "SOCKET" $S sockets
expect 0 "SctpActiveEstabs" $S stats
expect 0 "rto_initial" $S settings
expect 1 "unknown command 'bogus'" $S bogus
expect 1 "not 1..65535" $S assocs port 0
expect 1 "not an address" $S assocs peer nowhere
expect 1 "no association 12345" $S abort 12345
expect 1 "abort takes one association id" $S abort x
expect 1 "no such setting" $S set nosuch=1
expect 1 "out of range" $S set rto_min=0
expect 0 "rto_min=500" $S set rto_min=500
for cmd in assocs sockets stats settings; do
	if "$ctl" $S -j $cmd | python3 -c 'import json, sys; json.load(sys.stdin)'; then
		echo "ok: sctunctl -j $cmd is one JSON document"
	else
		echo "FAIL: sctunctl -j $cmd is not JSON"
		fail=1
	fi
done
v=$("$ctl" $S -j settings | python3 -c 'import json, sys; print(json.load(sys.stdin)["rto_min"])')
if [ "$v" = 500 ]; then
	echo "ok: the setting changed at run time reads back (rto_min $v)"
else
	echo "FAIL: rto_min reads back '$v' after set rto_min=500"
	fail=1
fi
stop_solo
exit $fail
