# SPDX-License-Identifier: MIT
# iperf3-lib.sh: (sourced after sctund-lib.sh) shared2-lib.sh's two namespaces and iperf_run,
# which runs an unmodified iperf3 --sctp pair under sctun-run and checks the bytes it moved.
command -v iperf3 >/dev/null || skip "needs iperf3"
. "${srcdir:-.}/tests/integration/shared2-lib.sh"

# iperf_run NAME PORT "SERVER ARGS" "CLIENT ARGS": iperf3 -s -1 in S, iperf3 -c --sctp -t 2
# -b 100M -J in P (the rate keeps the captures small; CLIENT ARGS may give -b again).  Passes
# when both exit 0 and the client's JSON has receiver bytes > 1 MB, no more than the sender's,
# and short of them by at most what the path holds when iperf3's server stops counting (it
# stops reading at the TEST_END that the client's TCP control connection sends after its last
# write): the data sockets (USOCK_DATA_SNDBUF, 256 KiB, at each of the four ends), a send
# buffer and a receive window (208 KiB each): less than 2 MiB.  A lost or duplicated block
# would show.  The JSON is left in $tmp/NAME.json.
iperf_run() {
	ir_name=$1
	ir_port=$2
	ip netns exec $S env $preload_env timeout 40 "$run" -S "$tmp/s.sock" iperf3 -s -1 \
		-p "$ir_port" $3 >"$tmp/$ir_name-server.log" 2>&1 &
	ir_srv=$!
	pids="$pids $ir_srv"
	sleep 0.7
	ip netns exec $P env $preload_env timeout 30 "$run" -S "$tmp/p.sock" iperf3 --sctp -t 2 \
		-b 100M -J -p "$ir_port" $4 >"$tmp/$ir_name.json" 2>"$tmp/$ir_name-client.err"
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

