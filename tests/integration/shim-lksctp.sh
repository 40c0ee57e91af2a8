#!/bin/sh
# SPDX-License-Identifier: MIT
# shim-lksctp.sh: unmodified lksctp-tools programs (sctp_test, sctp_darn) under sctun-run, over
# one sctund's loopback path (no TUN, unprivileged): one-to-many sockets, notifications, SNDRCV.
. "${srcdir:-.}/tests/integration/solo-lib.sh"
run=${top_builddir:-.}/tools/sctun-run
lib=${top_builddir:-.}/src/shim/.libs/libsctun.so
for t in sctp_test sctp_darn stdbuf timeout; do
	command -v $t >/dev/null || { echo "SKIP: needs $t (lksctp-tools, coreutils)"; exit 77; }
done
[ -x "$run" ] && [ -f "$lib" ] || { echo "SKIP: not built"; exit 77; }
SCTUN_LIB=$(cd "$(dirname "$lib")" && pwd)/libsctun.so
export SCTUN_LIB
start_solo -vv
# for the programs (sctund above keeps its own leak checks)
[ -n "$preload_env" ] && export "$preload_env"
port=$solo_port
S="$run -S $tmp/s.sock"

# The servers never end by themselves: they run for a fixed time, line-buffered (stdbuf) so
# that what they printed survives the timeout's signal.
server() { # $1 = seconds, $2 = log, then the command
	t=$1 log=$2
	shift 2
	timeout "$t" stdbuf -oL $S "$@" >"$log" 2>&1 &
	solo_pids="$solo_pids $!"
	sleep 1
}

# $1 = name, $2 = server log, $3 = messages sent, $4 = style (many: notifications expected)
check_test() {
	got=$(grep -c 'recvmsg.*Data [0-9]* bytes' "$2")
	up=$(grep -c 'SCTP_ASSOC_CHANGE(COMMUNICATION_UP)' "$2")
	if [ "$got" -eq "$3" ] && { [ "$4" != many ] || [ "$up" -eq 1 ]; }; then
		echo "ok: $1: $got messages received${4:+, COMM_UP notified}"
	else
		echo "FAIL: $1: $got of $3 messages, $up COMM_UP"
		tail -20 "$2"
		fail=1
	fi
}

# 1. sctp_test, one-to-many server and client: 20 x 10 messages of 32 KiB, each with a
# SCTP_SNDRCV cmsg (sctp_test's own sid/ppid/unordered), the client's implicit setup by
# sendmsg(msg_name); the server sees COMM_UP, every message, then SHUTDOWN_COMP.
p1=$((port + 1))
server 8 "$tmp/t1.log" sctp_test -H 127.0.0.1 -P $p1 -l
timeout 20 $S sctp_test -H 127.0.0.1 -P $((p1 + 1)) -h 127.0.0.1 -p $p1 -s -c 5 -x 20 \
	>"$tmp/t1c.log" 2>&1
rc=$?
sent=$(grep -c '^	sendmsg(sk=3, assoc=0) 32768 bytes' "$tmp/t1c.log")
[ $rc -eq 0 ] && [ "$sent" -eq 200 ] || { echo "FAIL: sctp_test client exit $rc, sent $sent"; fail=1; }
sleep 2
check_test "sctp_test one-to-many" "$tmp/t1.log" 200 many 'COMMUNICATION_UP'
if grep -q 'SCTP_ASSOC_CHANGE(SHUTDOWN_COMPLETE)' "$tmp/t1.log"; then
	echo "ok: sctp_test one-to-many: SHUTDOWN_COMP after the client's close"
else
	echo "FAIL: sctp_test one-to-many: no SHUTDOWN_COMP"
	fail=1
fi

# 2. sctp_test -T: one-to-one sockets (accept, connect), 10 messages.
p2=$((port + 3))
server 6 "$tmp/t2.log" sctp_test -H 127.0.0.1 -P $p2 -l -T
timeout 20 $S sctp_test -H 127.0.0.1 -P $((p2 + 1)) -h 127.0.0.1 -p $p2 -s -c 1 -x 1 -T \
	>"$tmp/t2c.log" 2>&1 || { echo "FAIL: sctp_test -T client exit $?"; fail=1; }
sleep 2
check_test "sctp_test -T" "$tmp/t2.log" 10 "" 'accept(sk=3)'

# 3. sctp_darn: one-to-many; the client sets its association up implicitly and waits for
# COMM_UP; the server prints each SNDRCV and message, and SHUTDOWN_COMP when stdin ends.
p3=$((port + 5))
server 6 "$tmp/d.log" sctp_darn -H 127.0.0.1 -P $p3 -l
printf 'hello darn\nsecond line\n' | timeout 10 $S sctp_darn -H 127.0.0.1 -P $((p3 + 1)) \
	-h 127.0.0.1 -p $p3 -s >"$tmp/dc.log" 2>&1
sleep 2
if grep -q 'Received SCTP_COMM_UP' "$tmp/dc.log" && grep -q 'DATA(12):  hello darn' "$tmp/d.log" &&
	grep -q 'DATA(13):  second line' "$tmp/d.log" &&
	[ "$(grep -c 'sinfo_assoc_id' "$tmp/d.log")" -eq 2 ] &&
	grep -q 'NOTIFICATION: ASSOC_CHANGE - COMM_UP' "$tmp/d.log" &&
	grep -q 'NOTIFICATION: ASSOC_CHANGE - SHUTDOWN_COMP' "$tmp/d.log"; then
	echo "ok: sctp_darn: COMM_UP, two messages with SNDRCV, SHUTDOWN_COMP"
else
	echo "FAIL: sctp_darn"
	cat "$tmp/dc.log" "$tmp/d.log"
	fail=1
fi

stop_solo
if grep -q "ERROR: AddressSanitizer\|runtime error" "$tmp"/*.log; then
	echo "FAIL: sanitizer report in a program's log"
	fail=1
fi
[ $fail -eq 0 ] || tail -30 "$tmp/sctund.log"
exit $fail
