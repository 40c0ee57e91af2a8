# SPDX-License-Identifier: MIT
# iperf3-lib.sh: (sourced after sctund-lib.sh) two namespaces P and S joined by a veth, each with
# an sctund in shared mode (the namespace's own addresses: 10.99.1.1/.11 and fd00:99:1::1 in P,
# 10.99.1.2/.12 and fd00:99:1::2 in S), and iperf_run, which runs an unmodified iperf3 --sctp
# pair under sctun-run and checks that the bytes the client sent are the bytes the server got.
run=${top_builddir:-.}/tools/sctun-run
lib=${top_builddir:-.}/src/shim/.libs/libsctun.so
[ -x "$run" ] && [ -f "$lib" ] || skip "sctun-run or libsctun not built"
command -v iperf3 >/dev/null || skip "needs iperf3"
SCTUN_LIB=$(cd "$(dirname "$lib")" && pwd)/libsctun.so
export SCTUN_LIB
. "${srcdir:-.}/tests/integration/preload-env.sh"
preload_env=$(asan_preload_env "$SCTUN_LIB")

two_namespaces
ip -n $P addr add 10.99.1.11/24 dev vp
ip -n $S addr add 10.99.1.12/24 dev vs
start_shared() { # NS NAME
	ip netns exec "$1" "$sctund" -f -v -S "$tmp/$2.sock" -i sctun0 --shared \
		--pcap "$tmp/$2.pcap" >"$tmp/$2.log" 2>&1 &
	pids="$pids $!"
	eval "pid_$2=$!"
	wait_for "$tmp/$2.log" "running" || { cat "$tmp/$2.log"; return 1; }
}
start_shared $P p && start_shared $S s || { bad "two sctund start in shared mode"; exit 1; }

# iperf_run NAME PORT "SERVER ARGS" "CLIENT ARGS": iperf3 -s -1 in S, iperf3 -c --sctp -t 2 -J
# in P; passes when both exit 0 and the client's JSON has receiver bytes > 1 MB, no more than
# the sender's, and short of them by at most what the path holds when iperf3's server stops
# counting (it stops reading at the TEST_END that the client's TCP control connection sends
# after its last write): the data sockets (USOCK_DATA_SNDBUF, 256 KiB, at each of the four
# ends), a send buffer and a receive window (208 KiB each): less than 2 MiB.  A lost or
# duplicated block would show.  The JSON is left in $tmp/NAME.json.
iperf_run() {
	ir_name=$1
	ir_port=$2
	ip netns exec $S env $preload_env timeout 40 "$run" -S "$tmp/s.sock" iperf3 -s -1 \
		-p "$ir_port" $3 >"$tmp/$ir_name-server.log" 2>&1 &
	ir_srv=$!
	pids="$pids $ir_srv"
	sleep 0.7
	ip netns exec $P env $preload_env timeout 30 "$run" -S "$tmp/p.sock" iperf3 --sctp -t 2 \
		-J -p "$ir_port" $4 >"$tmp/$ir_name.json" 2>"$tmp/$ir_name-client.err"
	ir_crc=$?
	wait $ir_srv
	ir_src=$?
	ir_got=$(python3 -c 'import json, sys
e = json.load(open(sys.argv[1]))["end"]
print(int(e["sum_sent"]["bytes"]), int(e["sum_received"]["bytes"]),
      int(e["sum_received"]["bits_per_second"] / 1e6))' "$tmp/$ir_name.json" 2>/dev/null)
	set -- $ir_got
	if [ $ir_crc -eq 0 ] && [ $ir_src -eq 0 ] && [ -n "$2" ] && [ "$2" -gt 1000000 ] &&
		[ "$2" -le "$1" ] && [ $(($1 - $2)) -lt 2097152 ]; then
		ok "iperf3 --sctp $ir_name: sent $1 bytes, received $2 ($3 Mbit/s)"
		return 0
	fi
	bad "iperf3 --sctp $ir_name: client exit $ir_crc, server exit $ir_src, sent/received '${ir_got}'"
	tail -n 5 "$tmp/$ir_name-client.err" "$tmp/$ir_name-server.log" "$tmp/$ir_name.json"
	return 1
}

# stop_both: both sctund stop on SIGTERM and their captures pass the tshark check
stop_both() {
	for name in p s; do
		eval "sctund_pid=\$pid_$name"
		stop_sctund
		rc=$?
		check "sctund $name exits 0 on SIGTERM ($rc)" [ $rc -eq 0 ]
		check "sctund $name's capture passes the tshark check" tshark_ok "$tmp/$name.pcap"
		if grep -q "ERROR: AddressSanitizer\|runtime error" "$tmp/$name.log"; then
			bad "sanitizer report in sctund $name's log"
		fi
	done
}
