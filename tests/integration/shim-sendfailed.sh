#!/bin/sh
# SPDX-License-Identifier: MIT
# shim-sendfailed.sh: RFC 6458 6.1.11 send-failure notifications through libsctun and sctund
# to a real program (sendfailed.py under sctun-run): a message queued for a stream the peer
# did not grant (RFC 9260 5.1.1) comes back as SCTP_SEND_FAILED_EVENT to an SCTP_EVENT
# subscription and as the old struct sctp_send_failed to an SCTP_EVENTS one, with its flags,
# cause (Invalid Stream Identifier, network order as Linux), stream, PPID, context and the
# association id of the socket's COMM_UP, while the next message arrives intact.
. "${srcdir:-.}/tests/integration/solo-lib.sh"

run=${top_builddir:-.}/tools/sctun-run
lib=${top_builddir:-.}/src/shim/.libs/libsctun.so
prog=$srcdir/tests/integration/sendfailed.py
skip() { echo "SKIP: $*"; exit 77; }
[ -x "$run" ] || skip "sctun-run not built"
[ -f "$lib" ] || skip "libsctun.so not built"
command -v python3 >/dev/null || skip "needs python3"
SCTUN_LIB=$(cd "$(dirname "$lib")" && pwd)/libsctun.so
export SCTUN_LIB
start_solo -v --set max_instreams=2

# the cause code 1 as Linux gives it: in network order, read as a host integer
inv=$(python3 -c 'import socket; print(socket.htons(1))')
port=$((30000 + $$ % 20000))
for mode in event old; do
	port=$((port + 1))
	if [ $mode = event ]; then
		name=SEND_FAILED_EVENT len=32
	else
		name=SEND_FAILED len=48
	fi
	want="$name flags 0 length $len bytes $len error $inv sid 5 sflags 0 ppid 0xa0b0c0d context 0x5eed assoc same"
	timeout 30 env $preload_env "$run" python3 "$prog" $port $mode >"$tmp/$mode.out" 2>&1
	rc=$?
	if [ $rc -eq 0 ] && grep -qxF "$want" "$tmp/$mode.out" &&
		grep -qx "delivered: stream 0 message intact" "$tmp/$mode.out" &&
		grep -qx "ASSOC_CHANGE state 0 os 2" "$tmp/$mode.out"; then
		echo "ok: $mode subscription: $want"
	else
		echo "FAIL: $mode subscription (exit $rc), want '$want':"
		sed 's/^/    /' "$tmp/$mode.out"
		fail=1
	fi
done
stop_solo
[ $fail -eq 0 ] || tail -30 "$tmp/sctund.log"
exit $fail
