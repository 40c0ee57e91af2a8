#!/bin/sh
# SPDX-License-Identifier: MIT
# sctpperf.sh: sctpperf's option parsing ({exit status, argv} table: bad options exit 2), then
# each test mode against a server through one sctund (-u, loopback path, unprivileged): the text
# report, and the --json document parsed and checked (non-zero rates, receiver == sender,
# ordered percentiles).
. "${srcdir:-.}/tests/integration/solo-lib.sh"
perf=${top_builddir:-.}/tools/sctpperf
[ -x "$perf" ] || { echo "SKIP: sctpperf not built"; exit 77; }
command -v python3 >/dev/null || { echo "SKIP: needs python3"; exit 77; }
expect_timeout=30
expect() { expect_tool "$perf" "$@"; }
expect 0 "Usage: sctpperf" --help
expect 0 "sctpperf (sctun)" --version
expect 2 "unrecognized option" --bogus
expect 2 "requires an argument" -c
expect 2 "give one of -s (server) and -c HOST (client), not 'none'"
expect 2 "give one of -s (server) and -c HOST (client), not 'both'" -s -c 127.0.0.1
expect 2 "a client option given with -s: 'time'" -s -t 5
expect 2 "a client option given with -s: 'streams'" -s --streams 2
expect 2 "unexpected operand 'extra'" -c 127.0.0.1 extra
expect 2 "--port: not 1..65535: '0'" -c 127.0.0.1 -p 0
expect 2 "--mode: not throughput, rate, latency or setup: 'speed'" -c 127.0.0.1 -m speed
expect 2 "--time: not 0.1..3600 seconds: '0'" -c 127.0.0.1 -t 0
expect 2 "--time: not 0.1..3600 seconds: '3601'" -c 127.0.0.1 -t 3601
expect 2 "--length: not 1..65536 bytes: '0'" -c 127.0.0.1 -l 0
expect 2 "--length: not 1..65536 bytes: '65537'" -c 127.0.0.1 -l 65537
expect 2 "--length: not 1..65536 bytes: '1.5'" -c 127.0.0.1 -l 1.5
expect 2 "--parallel: not 1..128: '0'" -c 127.0.0.1 -P 0
expect 2 "--parallel: not 1..128: '129'" -c 127.0.0.1 -P 129
expect 2 "--streams: not 1..65535: '0'" -c 127.0.0.1 --streams 0
expect 2 "--interval: not 0 or 0.1..60 seconds: '0.05'" -c 127.0.0.1 -i 0.05

start_solo
port=$solo_port
p=$((port + 1))
expect 1 "Connection refused" -c 127.0.0.1 -p $p -t 1
expect 1 "Connection refused" -c 127.0.0.1 -p $p -t 1 -m setup

"$perf" -s -p $p >"$tmp/server.log" 2>&1 &
srv=$!
solo_pids="$solo_pids $srv"
i=0
until grep -q listening "$tmp/server.log" 2>/dev/null; do
	i=$((i + 1))
	[ $i -gt 50 ] && { cat "$tmp/server.log"; echo "FAIL: the server did not start"; exit 1; }
	sleep 0.1
done
C="-c 127.0.0.1 -p $p -t 1 -i 0.5"

# Text: two interval lines, then the summary.
expect 0 " receiver" $C
expect 0 " receiver" $C -m rate -P 2 --streams 12
expect 0 "latency (us): min" $C -m latency
expect 0 "associations" $C -m setup -P 4
# two intervals of about 0.5 s (a loaded machine starts the second a little late)
n1=$(grep -c "^ *0\.00-0\.[45][0-9] *s" "$tmp/expect.out")
n2=$(grep -c "^ *0\.[45][0-9]-1\.0[0-9] *s" "$tmp/expect.out")
if [ "$n1" -eq 1 ] && [ "$n2" -eq 1 ]; then
	echo "ok: interval lines every 0.5 s"
else
	echo "FAIL: not two interval lines of about 0.5 s:"
	cat "$tmp/expect.out"
	fail=1
fi

# json NAME CHECK ARGS...: run with --json; python3 CHECK (on d, the document) must hold.
json() {
	name=$1
	check=$2
	shift 2
	if timeout 30 "$perf" "$@" -J >"$tmp/j" 2>"$tmp/err" &&
		python3 - "$tmp/j" "$check" <<-'EOF'; then
		import json, sys
		d = json.load(open(sys.argv[1]))
		t = d["test"]
		assert d["tool"] == "sctpperf" and t["mode"] in ("throughput", "rate", "latency", "setup")
		for k in ("host", "port", "seconds", "length", "associations", "streams", "interval"):
		    assert k in t, k
		assert len(d["intervals"]) >= 2, d["intervals"]
		for i in d["intervals"]:
		    assert i["end"] > i["start"], i
		e = d["end"]
		assert eval(sys.argv[2]), sys.argv[2]
		print("   ", json.dumps(e))
		EOF
		echo "ok: --json $name"
	else
		echo "FAIL: --json $name: $check does not hold:"
		cat "$tmp/j" "$tmp/err"
		fail=1
	fi
}
flood='e["receiver"]["bytes"] > 0 and e["receiver"]["bytes"] == e["sender"]["bytes"] and e["receiver"]["messages"] == e["sender"]["messages"] and e["receiver"]["bits_per_second"] > 0 and e["receiver"]["messages_per_second"] > 0 and all(k in i for i in d["intervals"] for k in ("bytes", "messages", "bits_per_second", "messages_per_second"))'
json throughput "$flood" $C
json "throughput -P 3 --streams 20" "$flood and t[\"associations\"] == 3" $C -P 3 --streams 20
json rate "$flood and e[\"sender\"][\"bytes\"] == 64 * e[\"sender\"][\"messages\"]" $C -m rate
json latency 'e["latency"]["pings"] > 0 and 0 < e["latency"]["min_us"] <= e["latency"]["p50_us"] <= e["latency"]["p90_us"] <= e["latency"]["p99_us"] <= e["latency"]["max_us"] and all("pings" in i and "mean_us" in i for i in d["intervals"])' $C -m latency -l 200
json "latency -P 2 --streams 3" 'e["latency"]["pings"] > 0 and e["latency"]["p99_us"] > 0' $C -m latency -P 2 --streams 3
json setup 'e["setup"]["associations"] > 0 and e["setup"]["per_second"] > 0 and sum(i["associations"] for i in d["intervals"]) == e["setup"]["associations"]' $C -m setup -P 2

if grep -q "throughput, 65536-byte messages: [1-9][0-9]* bytes" "$tmp/server.log"; then
	echo "ok: the server reports what it received"
else
	echo "FAIL: no throughput line in the server's output:"
	cat "$tmp/server.log"
	fail=1
fi
kill -TERM $srv
wait $srv || { echo "FAIL: the server exited $? on SIGTERM"; fail=1; }

# A server whose sctund stops exits 1 ("hung up"), not spin on its dead listening socket.
"$perf" -s -p $((p + 1)) >"$tmp/server2.log" 2>&1 &
srv2=$!
solo_pids="$solo_pids $srv2"
i=0
until grep -q listening "$tmp/server2.log" 2>/dev/null || [ $i -gt 50 ]; do
	i=$((i + 1))
	sleep 0.1
done
stop_solo
i=0
while kill -0 $srv2 2>/dev/null && [ $i -lt 100 ]; do
	i=$((i + 1))
	sleep 0.1
done
if kill -0 $srv2 2>/dev/null; then
	echo "FAIL: the server still runs 10 s after its sctund stopped"
	fail=1
else
	wait $srv2
	rc=$?
	if [ $rc -eq 1 ] && grep -q "hung up" "$tmp/server2.log"; then
		echo "ok: the server exits 1 when its sctund stops"
	else
		echo "FAIL: the server exited $rc when its sctund stopped:"
		cat "$tmp/server2.log"
		fail=1
	fi
fi
exit $fail
