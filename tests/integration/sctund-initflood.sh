#!/bin/sh
# SPDX-License-Identifier: MIT
# sctund-initflood.sh: INITs with random ports and tags flood a routed sctund from the peer's
# namespace (initflood.c); sctund answers them without keeping state (RFC 9260 5.1.3): its RSS
# stays within a small bound, no association is left behind, and a real association (usrsctp)
# set up during the flood echoes its messages.  INITFLOOD_COUNT INITs (20000; make check-long
# sends 1000000) at INITFLOOD_RATE a second (10000; check-long 50000).
. "${srcdir:-.}/tests/integration/sctund-lib.sh"

flood=${top_builddir:-.}/tests/integration/initflood
ctl=${top_builddir:-.}/tools/sctunctl
[ -x "$flood" ] || skip "initflood not built"
[ -x "$ctl" ] || skip "sctunctl not built"
count=${INITFLOOD_COUNT:-20000}
rate=${INITFLOOD_RATE:-10000}
# RSS bound: 4 MiB over what sctund held after one ordinary association (8 with ASan, whose
# allocator keeps more aside)
bound_kb=4096
ldd "$sctund" 2>/dev/null | grep -q libasan && bound_kb=8192

P=attacks-$$-p
S=attacks-$$-s
two_namespaces
ip netns exec $S sysctl -qw net.ipv4.ip_forward=1
ip -n $P route add 10.99.2.0/24 via 10.99.1.2
# ASan keeps freed memory in a quarantine (256 MB by default): not what this test measures
ASAN_OPTIONS=${ASAN_OPTIONS:+$ASAN_OPTIONS:}quarantine_size_mb=1
export ASAN_OPTIONS
start_sctund $S "$tmp/sctund.log" -i sctun0 --host-addr 10.99.2.1/24 -a 10.99.2.2 --echo 7 ||
	{ bad "sctund starts"; exit 1; }

rss() { awk '/^VmRSS:/ {print $2}' "/proc/$sctund_pid/status"; }
stat() { "$ctl" -S "$tmp/sctund.sock" stats | awk -v k="$1" '$1 == k {print $2}'; }

check "an association before the flood echoes 5 messages" \
	peer "$sctvec" client -a 10.99.2.2 -p 7 -n 5 -s 1000 -t 15
# a first 2000 INITs warm the allocator's caches up: the bound is for what grows after
ip netns exec $P timeout 60 "$flood" 10.99.2.2 7 2000 10000 >/dev/null
sleep 0.5
rss0=$(rss)
in0=$(stat SctpInSCTPPacks)

ip netns exec $P timeout 600 "$flood" 10.99.2.2 7 "$count" "$rate" >"$tmp/flood.log" 2>&1 &
flood_pid=$!
pids="$pids $flood_pid"
sleep 0.5
# the legitimate association, while the INITs pour in (its own INIT may be dropped with them:
# usrsctp retransmits it)
peer "$sctvec" client -a 10.99.2.2 -p 7 -n 20 -s 1000 -t 60 &
legit=$!
max=$rss0
while kill -0 $flood_pid 2>/dev/null; do
	r=$(rss)
	[ "$r" -gt "$max" ] && max=$r
	sleep 0.2
done
wait $flood_pid
frc=$?
wait $legit
lrc=$?
cat "$tmp/flood.log"
check "initflood sent its $count INITs (status $frc)" [ $frc -eq 0 ]
check "usrsctp set up an association during the flood and echoed 20 messages (status $lrc)" \
	[ $lrc -eq 0 ]
r=$(rss)
[ "$r" -gt "$max" ] && max=$r
in1=$(stat SctpInSCTPPacks)
got=$((in1 - in0))
check "sctund read $got SCTP packets during the flood (at least a quarter of the INITs)" \
	[ "$got" -ge $((count / 4)) ]
check "sctund's RSS: $rss0 kB before, at most $max kB during the flood (bound + $bound_kb kB)" \
	[ $((max - rss0)) -le $bound_kb ]
check "no association is left from the INITs (SctpCurrEstab $(stat SctpCurrEstab))" \
	[ "$(stat SctpCurrEstab)" = 0 ]
check "an association after the flood echoes 5 messages" \
	peer "$sctvec" client -a 10.99.2.2 -p 7 -n 5 -s 1000 -t 15

stop_sctund
rc=$?
check "sctund exits 0 on SIGTERM (status $rc)" [ $rc -eq 0 ]
if grep -q "ERROR: AddressSanitizer\|runtime error" "$tmp/sctund.log"; then
	bad "sanitizer report in sctund's log"
fi
[ $fail -eq 0 ] || { echo "--- sctund log"; tail -20 "$tmp/sctund.log"; tail "$tmp/peer.log"; }
exit $fail
