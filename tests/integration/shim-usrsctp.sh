#!/bin/sh
# SPDX-License-Identifier: MIT
# shim-usrsctp.sh: unmodified programs under sctun-run (sctund in namespace S) against usrsctp's
# example programs in namespace P (/usr/lib/usrsctp, libusrsctp-examples), over raw IP (this
# kernel has no SCTP, so usrsctp's raw sockets see the packets) and over RFC 6951 UDP:
#   socat -> echo_server: the echo comes back byte for byte;
#   socat, sctp_test -> discard_server: the server counts every byte;
#   tsctp (client) -> socat SCTP-LISTEN, and socat -> tsctp (server): message and byte counts.
. "${srcdir:-.}/tests/integration/sctund-lib.sh"
ex=/usr/lib/usrsctp
for t in echo_server discard_server tsctp; do
	[ -x $ex/$t ] || skip "needs $ex/$t (libusrsctp-examples)"
done
for t in socat sctp_test stdbuf; do
	command -v $t >/dev/null || skip "needs $t"
done
run=${top_builddir:-.}/tools/sctun-run
lib=${top_builddir:-.}/src/shim/.libs/libsctun.so
[ -x "$run" ] && [ -f "$lib" ] || skip "sctun-run or libsctun not built"
SCTUN_LIB=$(cd "$(dirname "$lib")" && pwd)/libsctun.so
export SCTUN_LIB
. "${srcdir:-.}/tests/integration/preload-env.sh"
preload_env=$(asan_preload_env "$SCTUN_LIB")

two_namespaces
head -c 200000 /dev/urandom >"$tmp/in"

# in_s CMD...: CMD under sctun-run in S, at most 30 s
in_s() {
	ip netns exec $S env $preload_env timeout 30 "$run" -S "$tmp/sctund.sock" "$@"
}
# usr NAME SECONDS CMD...: a usrsctp program in P for at most SECONDS, line-buffered output in
# $tmp/NAME.log (it runs until killed); sets $usr_pid
usr() {
	name=$1
	t=$2
	shift 2
	ip netns exec $P timeout "$t" stdbuf -oL "$@" >"$tmp/$name.log" 2>&1 &
	usr_pid=$!
	pids="$pids $usr_pid"
	sleep 1
}
usr_stop() {
	kill -TERM $usr_pid 2>/dev/null
	wait $usr_pid 2>/dev/null
}
# msgs LOG: "count bytes" of the "Msg of length N received" lines of echo/discard_server (not
# always at the start of a line: usrsctp's debug output on stderr may precede one unterminated)
msgs() {
	sed -n 's/.*Msg of length \([0-9]*\) received.*/\1/p' "$1" |
		awk '{n++; b += $1} END {print n + 0, b + 0}'
}
# wait_bytes LOG BYTES: until LOG's messages add up to BYTES, at most 15 s (the last ones may
# still be on their way when the sender exits, on a loaded machine after a retransmission)
wait_bytes() {
	i=0
	while [ $i -lt 150 ]; do
		got=$(msgs "$1")
		[ "${got#* }" = "$2" ] && return 0
		sleep 0.1
		i=$((i + 1))
	done
	return 1
}

# $1 = mode (raw or udp), $2 = extra usrsctp arguments (UDP ports), $3 = tsctp's, $4 = the
# address of sctund's side
round() {
	mode=$1
	me=$4
	# socat -> echo_server (port 7): 8192-byte messages (socat's buffer) below echo_server's
	# 10240; the client waits (-t) for the echo after its input ends, without SHUTDOWN
	usr echo-$mode 40 $ex/echo_server $2
	in_s socat -b 8192 -t 5 - SCTP-CONNECT:10.99.1.1:7,shut-none <"$tmp/in" \
		>"$tmp/echo-$mode.out" 2>"$tmp/socat-echo-$mode.log"
	usr_stop
	check "$mode: socat -> usrsctp echo_server: 200000 bytes echoed unchanged" \
		cmp -s "$tmp/in" "$tmp/echo-$mode.out"

	# socat -> discard_server (port 9), then sctp_test (one-to-many, 10 messages, -c 4:
	# 1 to 32768 bytes, 113769 in all)
	usr discard-$mode 40 $ex/discard_server $2
	in_s socat -u OPEN:"$tmp/in" SCTP-CONNECT:10.99.1.1:9 2>"$tmp/socat-discard-$mode.log"
	crc=$?
	wait_bytes "$tmp/discard-$mode.log" 200000
	got=$(msgs "$tmp/discard-$mode.log")
	check "$mode: socat -> usrsctp discard_server: 200000 bytes counted ($got; exit $crc)" \
		[ "${got#* }" = 200000 -a $crc -eq 0 ]
	in_s sctp_test -H $me -P 7100 -h 10.99.1.1 -p 9 -s -c 4 -x 1 \
		>"$tmp/sctp_test-$mode.log" 2>&1
	crc=$?
	wait_bytes "$tmp/discard-$mode.log" $((200000 + 113769))
	usr_stop
	got=$(msgs "$tmp/discard-$mode.log")
	check "$mode: sctp_test -> usrsctp discard_server: 113769 bytes more ($got; exit $crc)" \
		[ "${got#* }" = $((200000 + 113769)) -a $crc -eq 0 ]

	# tsctp client (usrsctp) -> socat SCTP-LISTEN (shim): 500 messages of 1000 bytes
	in_s socat -u SCTP-LISTEN:7101,reuseaddr OPEN:"$tmp/tsctp-$mode.out",creat,trunc \
		2>"$tmp/socat-listen-$mode.log" &
	srv=$!
	pids="$pids $srv"
	sleep 1
	ip netns exec $P timeout 30 $ex/tsctp $3 -n 500 -l 1000 -p 7101 $me \
		>"$tmp/tsctp-c-$mode.log" 2>&1
	crc=$?
	wait $srv
	n=$(wc -c <"$tmp/tsctp-$mode.out")
	check "$mode: usrsctp tsctp -> socat SCTP-LISTEN: 500000 bytes arrive ($n; tsctp exit $crc)" \
		[ "$n" -eq 500000 -a $crc -eq 0 ]

	# socat (shim) -> tsctp server (usrsctp): 300 messages of 1000 bytes (-b 1000)
	head -c 300000 /dev/urandom >"$tmp/in300"
	usr tsctp-s-$mode 40 $ex/tsctp $3 -n 300 -p 7102
	in_s socat -u -b 1000 OPEN:"$tmp/in300" SCTP-CONNECT:10.99.1.1:7102 \
		2>"$tmp/socat-tsctp-$mode.log"
	sleep 2
	usr_stop
	# its report: first message length, messages, recv calls, bytes, seconds...
	check "$mode: socat -> usrsctp tsctp server: 300 messages, 300000 bytes" \
		grep -Eq "^1000, 300, [0-9]+, 300000, " "$tmp/tsctp-s-$mode.log"
}

# --- raw IP: sctund (routed) owns 10.99.2.2 behind its TUN; P reaches it via S
ip netns exec $S sysctl -qw net.ipv4.ip_forward=1
ip -n $P route add 10.99.2.0/24 via 10.99.1.2
start_sctund $S "$tmp/sctund-raw.log" -i sctun0 --host-addr 10.99.2.1/24 -a 10.99.2.2 \
	--pcap "$tmp/raw.pcap" || { bad "sctund starts (routed)"; exit 1; }
ok "raw IP: sctund in S (routed, 10.99.2.2); usrsctp in P (10.99.1.1) on raw sockets"
round raw "0" "-E 0" 10.99.2.2
stop_sctund
check "raw IP: sctund exits 0 on SIGTERM" [ $? -eq 0 ]
check "raw IP: the capture passes the tshark check" tshark_ok "$tmp/raw.pcap"

# --- UDP: sctund -u 9899 (no TUN) and usrsctp with local and remote encapsulation port 9899
start_sctund $S "$tmp/sctund-udp.log" -u 9899 --pcap "$tmp/udp.pcap" ||
	{ bad "sctund starts (UDP)"; exit 1; }
ok "UDP: sctund -u 9899 in S (10.99.1.2); usrsctp in P over UDP port 9899"
round udp "9899 9899" "-E 9899 -U 9899" 10.99.1.2
stop_sctund
check "UDP: sctund exits 0 on SIGTERM" [ $? -eq 0 ]
check "UDP: the capture passes the tshark check" tshark_ok "$tmp/udp.pcap" -d udp.port==9899,sctp

if grep -q "ERROR: AddressSanitizer\|runtime error" "$tmp"/*.log; then
	bad "sanitizer report in a log"
fi
[ $fail -eq 0 ] || for f in "$tmp"/*.log; do
	echo "--- $f"
	tail -n 8 "$f"
done
exit $fail
