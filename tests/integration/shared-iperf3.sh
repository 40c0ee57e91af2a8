#!/bin/sh
# SPDX-License-Identifier: MIT
# shared-iperf3.sh: two namespaces joined by a veth, each with an sctund in shared mode: an
# unmodified iperf3 --sctp under sctun-run reaches the other namespace's own address (its TCP
# control connection through the kernels, its SCTP data through the two sctund), and
# sctunctl -j during the transfer shows the association with cwnd, SRTT and counters.
. "${srcdir:-.}/tests/integration/sctund-lib.sh"

run=${top_builddir:-.}/tools/sctun-run
ctl=${top_builddir:-.}/tools/sctunctl
lib=${top_builddir:-.}/src/shim/.libs/libsctun.so
[ -x "$run" ] && [ -x "$ctl" ] && [ -f "$lib" ] || skip "sctun-run, sctunctl or libsctun not built"
command -v iperf3 >/dev/null || skip "needs iperf3"
SCTUN_LIB=$(cd "$(dirname "$lib")" && pwd)/libsctun.so
export SCTUN_LIB
. "${srcdir:-.}/tests/integration/preload-env.sh"
preload_env=$(asan_preload_env "$SCTUN_LIB")

two_namespaces
start() { # NS NAME
	ip netns exec "$1" "$sctund" -f -v -S "$tmp/$2.sock" -i sctun0 --shared \
		--pcap "$tmp/$2.pcap" >"$tmp/$2.log" 2>&1 &
	pids="$pids $!"
	eval "pid_$2=$!"
	wait_for "$tmp/$2.log" "notice: running$" || { cat "$tmp/$2.log"; return 1; }
}
start $P p && start $S s || { bad "two sctund start in shared mode"; exit 1; }
ok "two sctund in shared mode (10.99.1.1 and 10.99.1.2)"

ip netns exec $S env $preload_env timeout 30 "$run" -S "$tmp/s.sock" iperf3 -s -1 \
	>"$tmp/server.log" 2>&1 &
srv=$!
sleep 0.5
ip netns exec $P env $preload_env timeout 30 "$run" -S "$tmp/p.sock" iperf3 -c 10.99.1.2 \
	--sctp -t 3 -J >"$tmp/client.json" 2>"$tmp/client.err" &
cli=$!
sleep 1.5
ip netns exec $P "$ctl" -S "$tmp/p.sock" -j assocs port 5201 >"$tmp/ctl.json"
crc=0
wait $cli || crc=$?
wait $srv
check "iperf3 --sctp client exits 0 ($crc)" [ $crc -eq 0 ]
mbit=$(python3 -c 'import json,sys
print(int(json.load(open(sys.argv[1]))["end"]["sum_received"]["bits_per_second"] / 1e6))' \
	"$tmp/client.json" 2>/dev/null)
check "iperf3 --sctp to the other namespace's own address: ${mbit:-?} Mbit/s" [ "${mbit:-0}" -gt 0 ]
check "sctunctl -j during the transfer: ESTABLISHED, cwnd, SRTT and counters not zero" \
	python3 -c 'import json, sys
j = json.load(open(sys.argv[1]))
a = [x for x in j["associations"] if x["peer_port"] == 5201]
assert len(a) == 1, a
a = a[0]
p = a["paths"][0]
assert a["state"] == "ESTABLISHED" and p["primary"] and p["addr"] == "10.99.1.2", a
assert p["cwnd"] > 0 and p["srtt_us"] > 0 and p["pmtu"] > 0, p
c = a["counters"]
assert c["out_data"] > 0 and c["in_sacks"] > 0 and c["out_packets"] > 0, c
print("  cwnd %d srtt %d us out_data %d" % (p["cwnd"], p["srtt_us"], c["out_data"]))' \
	"$tmp/ctl.json"
for name in p s; do
	eval "sctund_pid=\$pid_$name"
	stop_sctund
	rc=$?
	check "sctund $name exits 0 on SIGTERM ($rc)" [ $rc -eq 0 ]
	check "sctund $name's capture passes the tshark check" tshark_ok "$tmp/$name.pcap"
done
[ $fail -eq 0 ] || tail -20 "$tmp/p.log" "$tmp/s.log" "$tmp/client.err" "$tmp/server.log"
exit $fail
