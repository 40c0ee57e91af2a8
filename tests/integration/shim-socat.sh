#!/bin/sh
# SPDX-License-Identifier: MIT
# shim-socat.sh: unmodified socat and ncat --sctp under sctun-run carry bytes between two
# sctund instances (each behind its own TUN, in its own namespace, routed over a veth), and
# between two sockets of one sctund (loopback path); the captures are clean SCTP.
. "${srcdir:-.}/tests/integration/sctund-lib.sh"

run=${top_builddir:-.}/tools/sctun-run
lib=${top_builddir:-.}/src/shim/.libs/libsctun.so
[ -x "$run" ] || skip "sctun-run not built"
[ -f "$lib" ] || skip "libsctun.so not built"
command -v socat >/dev/null || skip "needs socat"
command -v ncat >/dev/null || skip "needs ncat"
command -v sha256sum >/dev/null || skip "needs sha256sum"
SCTUN_LIB=$(cd "$(dirname "$lib")" && pwd)/libsctun.so
export SCTUN_LIB

# P: sctund "p" owns 10.99.2.2 behind sctun0; S: sctund "s" owns 10.99.3.2 behind sctun0.
two_namespaces
for ns in $P $S; do
	ip netns exec $ns sysctl -qw net.ipv4.ip_forward=1 net.ipv6.conf.all.forwarding=1
done
ip -n $P route add 10.99.3.0/24 via 10.99.1.2
ip -n $S route add 10.99.2.0/24 via 10.99.1.1
ip -n $P -6 route add fd00:99:3::/64 via fd00:99:1::2
ip -n $S -6 route add fd00:99:2::/64 via fd00:99:1::1

start() { # NS NAME args...: sctund NAME in NS, socket $tmp/NAME.sock
	ns=$1
	name=$2
	shift 2
	ip netns exec "$ns" "$sctund" -f -vv -S "$tmp/$name.sock" --pcap "$tmp/$name.pcap" "$@" \
		>"$tmp/$name.log" 2>&1 &
	pids="$pids $!"
	eval "pid_$name=$!"
	wait_for "$tmp/$name.log" "notice: running$" || { cat "$tmp/$name.log"; return 1; }
}
start $P p -i sctun0 --host-addr 10.99.2.1/24 --host-addr fd00:99:2::1/64 \
	-a 10.99.2.2 -a fd00:99:2::2 || { bad "sctund p starts"; exit 1; }
start $S s -i sctun0 --host-addr 10.99.3.1/24 --host-addr fd00:99:3::1/64 \
	-a 10.99.3.2 -a fd00:99:3::2 || { bad "sctund s starts"; exit 1; }
ok "two sctund: p (10.99.2.2, fd00:99:2::2) and s (10.99.3.2, fd00:99:3::2), routed via a veth"

# An ASan build of libsctun.so preloaded into programs built without it: the runtime cannot
# come first in their library list, and their own leaks are not ours.
. "${srcdir:-.}/tests/integration/preload-env.sh"
preload_env=$(asan_preload_env "$SCTUN_LIB")

# in_ns NS NAME CMD...: CMD under sctun-run with sctund NAME, at most 30 s
in_ns() {
	ns=$1
	name=$2
	shift 2
	ip netns exec "$ns" env $preload_env timeout 30 "$run" -S "$tmp/$name.sock" "$@"
}

head -c 1048576 /dev/urandom >"$tmp/in"
want=$(sha256sum <"$tmp/in")

# socat, one way, 1 MiB, IPv4: SCTP-LISTEN (accept) in S, SCTP-CONNECT in P
in_ns $S s socat -u SCTP-LISTEN:7001,reuseaddr OPEN:"$tmp/out4",creat,trunc 2>"$tmp/socat-l4.log" &
srv=$!
sleep 0.5
in_ns $P p socat -u OPEN:"$tmp/in" SCTP-CONNECT:10.99.3.2:7001 2>"$tmp/socat-c4.log"
crc=$?
wait $srv
src=$?
check "socat IPv4: client exits 0 ($crc), server exits 0 ($src)" [ $crc -eq 0 -a $src -eq 0 ]
check "socat IPv4: 1 MiB arrives intact" [ "$(sha256sum <"$tmp/out4")" = "$want" ]

# socat, IPv6
in_ns $S s socat -u SCTP6-LISTEN:7002,reuseaddr OPEN:"$tmp/out6",creat,trunc 2>"$tmp/socat-l6.log" &
srv=$!
sleep 0.5
in_ns $P p socat -u OPEN:"$tmp/in" SCTP6-CONNECT:[fd00:99:3::2]:7002 2>"$tmp/socat-c6.log"
crc=$?
wait $srv
check "socat IPv6: 1 MiB arrives intact (client $crc, server $?)" \
	[ "$(sha256sum <"$tmp/out6")" = "$want" ]

# socat both ways: the server echoes through cat, the client checks the echo.  SCTP has no
# half-close (after SHUTDOWN no new data, RFC 9260 9.2): the client must not shut down at the
# end of its file (shut-none) but wait (-t) for the echo, then close.
in_ns $S s socat SCTP-LISTEN:7003,reuseaddr EXEC:cat 2>"$tmp/socat-le.log" &
srv=$!
sleep 0.5
head -c 200000 "$tmp/in" >"$tmp/in-small"
in_ns $P p socat -t 3 - SCTP-CONNECT:10.99.3.2:7003,shut-none <"$tmp/in-small" \
	>"$tmp/echoed" 2>"$tmp/socat-ce.log"
wait $srv
check "socat echo: 200000 bytes come back unchanged" cmp -s "$tmp/in-small" "$tmp/echoed"

# ncat --sctp: non-blocking connect, select, SO_ERROR.  The listener's stdin stays open (a
# FIFO held by this shell): ncat -l ends the connection when its stdin ends.
mkfifo "$tmp/ncat-in"
in_ns $S s ncat --sctp -l --recv-only 7004 <"$tmp/ncat-in" >"$tmp/ncat-out" \
	2>"$tmp/ncat-l.log" &
srv=$!
exec 3>"$tmp/ncat-in"
sleep 0.5
in_ns $P p ncat --sctp --send-only 10.99.3.2 7004 <"$tmp/in-small" 2>"$tmp/ncat-c.log"
crc=$?
wait $srv
exec 3>&-
check "ncat --sctp: 200000 bytes arrive (client exits $crc)" cmp -s "$tmp/in-small" "$tmp/ncat-out"

# a refused connect: nobody listens on 7009
in_ns $P p socat -u OPEN:/dev/null SCTP-CONNECT:10.99.3.2:7009 2>"$tmp/socat-refused.log"
check "socat to a closed port fails with 'Connection refused'" \
	grep -q "Connection refused" "$tmp/socat-refused.log"

# loopback: two sockets of sctund s, no packet on the TUN
in_ns $S s socat -u SCTP-LISTEN:7005,reuseaddr OPEN:"$tmp/outlo",creat,trunc \
	2>"$tmp/socat-llo.log" &
srv=$!
sleep 0.5
in_ns $S s socat -u OPEN:"$tmp/in" SCTP-CONNECT:127.0.0.1:7005 2>"$tmp/socat-clo.log"
wait $srv
check "socat over 127.0.0.1 (loopback path): 1 MiB arrives intact" \
	[ "$(sha256sum <"$tmp/outlo")" = "$want" ]

# sctpperf (linked with libsctun, no sctun-run) between the two sctund: throughput, message
# rate and latency, each reported non-zero in its --json document
perf=${top_builddir:-.}/tools/sctpperf
if [ -x "$perf" ]; then
	ip netns exec $S env $preload_env SCTUN_SOCKET="$tmp/s.sock" timeout 60 "$perf" -s -p 7010 \
		>"$tmp/perf-s.log" 2>&1 &
	perf_srv=$!
	sleep 0.5
	for mode in throughput rate latency; do
		ip netns exec $P env $preload_env SCTUN_SOCKET="$tmp/p.sock" timeout 30 "$perf" \
			-c 10.99.3.2 -p 7010 -m $mode -t 1 -i 0 --json >"$tmp/perf-$mode.json" \
			2>"$tmp/perf-$mode.err"
		got=$(python3 -c 'import json, sys
j = json.load(open(sys.argv[1]))
def find(o, k):
    if isinstance(o, dict):
        for a, b in o.items():
            if a == k:
                return b
            r = find(b, k)
            if r is not None:
                return r
    if isinstance(o, list):
        for b in o:
            r = find(b, k)
            if r is not None:
                return r
key = {"throughput": "bits_per_second", "rate": "messages_per_second", "latency": "p50_us"}
print(find(j, key[sys.argv[2]]))' "$tmp/perf-$mode.json" $mode 2>/dev/null)
		check "sctpperf $mode between the two sctund: ${got:-nothing}" \
			python3 -c "import sys; sys.exit(0 if float('${got:-0}') > 0 else 1)"
	done
	kill $perf_srv 2>/dev/null
	wait $perf_srv 2>/dev/null
fi

for name in p s; do
	eval "sctund_pid=\$pid_$name"
	stop_sctund
	rc=$?
	check "sctund $name exits 0 on SIGTERM (status $rc)" [ $rc -eq 0 ]
	check "sctund $name's capture passes the tshark check" tshark_ok "$tmp/$name.pcap"
	if grep -q "ERROR: AddressSanitizer\|runtime error" "$tmp/$name.log"; then
		bad "sanitizer report in sctund $name's log"
	fi
done
n=$(count "$tmp/s.pcap" "sctp.chunk_type == 0")
check "sctund s's capture holds DATA chunks ($n frames)" [ "$n" -ge 700 ]
if [ $fail -ne 0 ]; then
	for f in "$tmp"/*.log; do
		echo "--- $f"
		tail -15 "$f"
	done
fi
exit $fail
