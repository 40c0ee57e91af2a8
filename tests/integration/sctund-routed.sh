#!/bin/sh
# SPDX-License-Identifier: MIT
# sctund-routed.sh: sctund in routed mode behind a TUN answers ping, ABORTs an INIT to a
# closed port, and echoes a usrsctp client's messages over IPv4 and IPv6; its capture is clean.
. "${srcdir:-.}/tests/integration/sctund-lib.sh"

two_namespaces
ip netns exec $S sysctl -qw net.ipv4.ip_forward=1 net.ipv6.conf.all.forwarding=1
ip -n $P route add 10.99.2.0/24 via 10.99.1.2
ip -n $P -6 route add fd00:99:2::/64 via fd00:99:1::2
start_sctund $S "$tmp/sctund.log" -i sctun0 --host-addr 10.99.2.1/24 \
	--host-addr fd00:99:2::1/64 -a 10.99.2.2 -a fd00:99:2::2 --echo 7 \
	--pcap "$tmp/routed.pcap" || { bad "sctund starts"; exit 1; }
ok "sctund starts in routed mode (sctun0, 10.99.2.2, fd00:99:2::2, echo on port 7)"

check "ICMP echo to 10.99.2.2 is answered by the host layer" \
	ip netns exec $P python3 "$srcdir/tests/integration/icmp-echo.py" 10.99.2.2
check "ICMPv6 echo to fd00:99:2::2 is answered by the host layer" \
	ip netns exec $P python3 "$srcdir/tests/integration/icmp-echo.py" fd00:99:2::2
check "INIT to closed port 9 gets ABORT, T=0, vtag = Initiate Tag (RFC 9260 8.4)" \
	ip netns exec $P python3 "$srcdir/tests/integration/sctp-init-abort.py" 10.99.2.2 9
check "usrsctp over IPv4: handshake, 5 messages echoed byte for byte, shutdown" \
	peer "$sctvec" client -a 10.99.2.2 -p 7 -n 5 -s 1000 -S 2 -P 51 -t 15
check "usrsctp over IPv6: handshake, 5 messages echoed byte for byte, shutdown" \
	peer "$sctvec" client -6 -a fd00:99:2::2 -p 7 -n 5 -s 3000 -t 15
check "usrsctp over IPv4: one 60000-byte message (fragmented into DATA chunks) echoed" \
	peer "$sctvec" client -a 10.99.2.2 -p 7 -n 1 -s 60000 -t 15

stop_sctund
rc=$?
check "sctund exits 0 on SIGTERM (status $rc)" [ $rc -eq 0 ]
check "the TUN is gone after exit" sh -c "! ip -n $S link show sctun0 >/dev/null 2>&1"
check "the capture passes the tshark check" tshark_ok "$tmp/routed.pcap"
n=$(count "$tmp/routed.pcap" "sctp.chunk_type == 0")
check "the capture holds the DATA chunks ($n frames)" [ "$n" -ge 22 ]
n=$(count "$tmp/routed.pcap" "sctp.chunk_type == 14")
check "the capture holds the SHUTDOWN COMPLETEs ($n)" [ "$n" -ge 3 ]
n=$(count "$tmp/routed.pcap" "icmp.type == 0 || icmpv6.type == 129")
check "the capture holds both echo replies ($n)" [ "$n" -eq 2 ]
[ $fail -eq 0 ] || { echo "--- sctund log"; tail -40 "$tmp/sctund.log"; }
exit $fail
