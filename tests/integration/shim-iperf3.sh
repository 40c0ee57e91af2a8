#!/bin/sh
# SPDX-License-Identifier: MIT
# shim-iperf3.sh: unmodified iperf3 --sctp under sctun-run: its TCP control connection goes
# through the kernel, its SCTP data through one sctund's loopback path (no TUN, unprivileged).
# The server is iperf3's default AF_INET6 socket with IPV6_V6ONLY off (a v4-mapped peer).
. "${srcdir:-.}/tests/integration/solo-lib.sh"
run=${top_builddir:-.}/tools/sctun-run
lib=${top_builddir:-.}/src/shim/.libs/libsctun.so
for t in iperf3 python3; do
	command -v $t >/dev/null || { echo "SKIP: needs $t"; exit 77; }
done
[ -x "$run" ] && [ -f "$lib" ] || { echo "SKIP: not built"; exit 77; }
SCTUN_LIB=$(cd "$(dirname "$lib")" && pwd)/libsctun.so
export SCTUN_LIB
start_solo
port=$solo_port
iperf_port=$((port + 1))
# size: iperf3's default SCTP block (64 KiB) and 1000-byte messages
for len in "" 1000; do
	env $preload_env timeout 30 "$run" -S "$tmp/s.sock" iperf3 -s -1 -p $iperf_port \
		>"$tmp/server.log" 2>&1 &
	srv=$!
	solo_pids="$solo_pids $srv"
	sleep 0.5
	env $preload_env timeout 30 "$run" -S "$tmp/s.sock" iperf3 -c 127.0.0.1 -p $iperf_port \
		--sctp -t 2 -J ${len:+-l $len} >"$tmp/client.json" 2>"$tmp/client.err"
	rc=$?
	wait $srv
	got=$(python3 -c 'import json,sys
j = json.load(open(sys.argv[1]))
e = j["end"]
print(int(e["sum_received"]["bytes"]), int(e["sum_received"]["bits_per_second"] / 1e6))' \
		"$tmp/client.json" 2>/dev/null)
	bytes=${got% *}
	mbit=${got#* }
	if [ $rc -eq 0 ] && [ -n "$bytes" ] && [ "$bytes" -gt 1000000 ]; then
		echo "ok: iperf3 --sctp${len:+ -l $len}: $bytes bytes received in 2 s ($mbit Mbit/s)"
	else
		echo "FAIL: iperf3 --sctp ${len:+-l $len} (exit $rc, received '${bytes}')"
		cat "$tmp/client.err" "$tmp/server.log"
		fail=1
	fi
	iperf_port=$((iperf_port + 1))
done
stop_solo
exit $fail
