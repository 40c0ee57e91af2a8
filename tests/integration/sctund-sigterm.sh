#!/bin/sh
# SPDX-License-Identifier: MIT
# sctund-sigterm.sh: SIGTERM with an association up: sctund shuts it down gracefully (the peer
# sees SHUTDOWN, RFC 9260 9.2, no ABORT) and exits 0 within its 5-second deadline.
. "${srcdir:-.}/tests/integration/sctund-lib.sh"

two_namespaces
ip netns exec $S sysctl -qw net.ipv4.ip_forward=1
ip -n $P route add 10.99.2.0/24 via 10.99.1.2
start_sctund $S "$tmp/sctund.log" -i sctun0 --host-addr 10.99.2.1/24 -a 10.99.2.2 --echo 7 \
	--pcap "$tmp/sigterm.pcap" || { bad "sctund starts"; exit 1; }
# one echo, then idle for 15 s with the association up
peer "$sctvec" client -a 10.99.2.2 -p 7 -n 1 -s 100 -i 15000 -t 19 &
client=$!
pids="$pids $client"
wait_for "$tmp/peer.log" "client: echo 100 bytes" || bad "the client got its echo"
t0=$(date +%s%N)
stop_sctund
rc=$?
t1=$(date +%s%N)
ms=$(((t1 - t0) / 1000000))
check "sctund exits 0 on SIGTERM with an association up (status $rc)" [ $rc -eq 0 ]
check "...within the 5 s shutdown deadline (${ms} ms)" [ $ms -lt 5500 ]
grep -q "shutting down 1 association" "$tmp/sctund.log"
check "sctund said it was shutting down 1 association" [ $? -eq 0 ]
n=$(count "$tmp/sigterm.pcap" "ip.src == 10.99.2.2 && sctp.chunk_type == 7")
check "sctund sent SHUTDOWN ($n)" [ "$n" -ge 1 ]
n=$(count "$tmp/sigterm.pcap" "ip.src == 10.99.1.1 && sctp.chunk_type == 8")
check "the peer answered SHUTDOWN ACK ($n)" [ "$n" -ge 1 ]
n=$(count "$tmp/sigterm.pcap" "ip.src == 10.99.2.2 && sctp.chunk_type == 14")
check "sctund sent SHUTDOWN COMPLETE ($n)" [ "$n" -ge 1 ]
n=$(count "$tmp/sigterm.pcap" "sctp.chunk_type == 6")
check "no ABORT ($n)" [ "$n" -eq 0 ]
check "the capture passes the tshark check" tshark_ok "$tmp/sigterm.pcap"
kill $client 2>/dev/null
[ $fail -eq 0 ] || { echo "--- sctund log"; tail -40 "$tmp/sctund.log"; cat "$tmp/peer.log"; }
exit $fail
