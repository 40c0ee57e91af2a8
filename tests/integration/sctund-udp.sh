#!/bin/sh
# SPDX-License-Identifier: MIT
# sctund-udp.sh: sctund with RFC 6951 UDP encapsulation only (-u 9899, no TUN) echoes a usrsctp
# client's messages sent over UDP across a veth; its capture shows them as UDP and is clean.
. "${srcdir:-.}/tests/integration/sctund-lib.sh"

two_namespaces
start_sctund $S "$tmp/sctund.log" -u 9899 --echo 7 --pcap "$tmp/udp.pcap" ||
	{ bad "sctund starts"; exit 1; }
ok "sctund starts with UDP encapsulation only (port 9899, echo on port 7)"
check "usrsctp over UDP/IPv4: handshake, 5 messages echoed byte for byte, shutdown" \
	peer "$sctvec" client -a 10.99.1.2 -p 7 -u 9899 -U 9899 -n 5 -s 1200 -S 1 -P 7 -t 15
check "usrsctp over UDP/IPv6: handshake, 3 messages echoed byte for byte, shutdown" \
	peer "$sctvec" client -6 -a fd00:99:1::2 -p 7 -u 9899 -U 9899 -n 3 -s 500 -t 15
stop_sctund
rc=$?
check "sctund exits 0 on SIGTERM (status $rc)" [ $rc -eq 0 ]
check "the capture passes the tshark check (-d udp.port==9899,sctp)" \
	tshark_ok "$tmp/udp.pcap" -d udp.port==9899,sctp
n=$(count "$tmp/udp.pcap" "udp.port == 9899 && sctp.chunk_type == 0" -d udp.port==9899,sctp)
check "the capture shows the DATA chunks inside UDP ($n frames)" [ "$n" -ge 16 ]
n=$(count "$tmp/udp.pcap" "udp && sctp.chunk_type == 14" -d udp.port==9899,sctp)
check "the capture shows both SHUTDOWN COMPLETEs ($n)" [ "$n" -ge 2 ]
[ $fail -eq 0 ] || { echo "--- sctund log"; tail -40 "$tmp/sctund.log"; cat "$tmp/peer.log"; }
exit $fail
