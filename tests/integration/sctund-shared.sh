#!/bin/sh
# SPDX-License-Identifier: MIT
# sctund-shared.sh: sctund in shared mode serves SCTP on the namespace's own address while TCP
# to that address still reaches the kernel; after SIGTERM the rules, routes and sysctls are
# as before.
. "${srcdir:-.}/tests/integration/sctund-lib.sh"

# state NS: what shared mode changes (rules, non-kernel routes of every table, sysctls)
state() {
	for f in -4 -6; do
		ip -n "$1" -j $f rule
		echo
		ip -n "$1" -j $f route show table all | python3 -c '
import json, sys
for r in json.load(sys.stdin):
    if r.get("protocol") != "kernel" and r.get("type", "unicast") == "unicast":
        print(json.dumps(r, sort_keys=True))'
	done
	ip netns exec "$1" sh -c 'for f in /proc/sys/net/ipv4/conf/*/accept_local /proc/sys/net/ipv4/conf/*/rp_filter /proc/sys/net/ipv4/conf/*/forwarding /proc/sys/net/ipv6/conf/*/forwarding /proc/sys/net/ipv6/conf/*/force_forwarding; do [ -e "$f" ] && echo "$f $(cat $f)"; done' | grep -v tun
}

two_namespaces
state $S >"$tmp/before"
# a TCP service of S's kernel on the same address
ip netns exec $S python3 -c '
import socket
s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
s.bind(("10.99.1.2", 8080)); s.listen(4)
while True:
    c, _ = s.accept(); c.sendall(b"kernel-tcp\n"); c.close()' &
pids="$pids $!"
start_sctund $S "$tmp/sctund.log" -i sctun0 --shared --echo 7 --pcap "$tmp/shared.pcap" ||
	{ bad "sctund starts"; exit 1; }
ok "sctund starts in shared mode (echo on port 7)"
grep -q "serving SCTP on 10.99.1.2" "$tmp/sctund.log"
check "sctund serves the namespace's own address 10.99.1.2" [ $? -eq 0 ]
check "usrsctp to S's own address 10.99.1.2: handshake, 5 messages echoed, shutdown" \
	peer "$sctvec" client -a 10.99.1.2 -p 7 -n 5 -s 800 -t 15
check "usrsctp to S's own address fd00:99:1::2: handshake, 3 messages echoed, shutdown" \
	peer "$sctvec" client -6 -a fd00:99:1::2 -p 7 -n 3 -s 800 -t 15
got=$(ip netns exec $P python3 -c '
import socket
s = socket.create_connection(("10.99.1.2", 8080), timeout=3); print(s.recv(64).decode().strip())' 2>&1)
check "TCP to 10.99.1.2:8080 still reaches S's kernel (got '$got')" [ "$got" = kernel-tcp ]
check "ICMP echo to 10.99.1.2 is still answered" \
	ip netns exec $P python3 "$srcdir/tests/integration/icmp-echo.py" 10.99.1.2
stop_sctund
rc=$?
check "sctund exits 0 on SIGTERM (status $rc)" [ $rc -eq 0 ]
state $S >"$tmp/after"
check "rules, routes and sysctls of S are as before" cmp -s "$tmp/before" "$tmp/after"
cmp -s "$tmp/before" "$tmp/after" || diff "$tmp/before" "$tmp/after"
check "the capture passes the tshark check" tshark_ok "$tmp/shared.pcap"
n=$(count "$tmp/shared.pcap" "sctp.chunk_type == 14")
check "the capture holds both SHUTDOWN COMPLETEs ($n)" [ "$n" -ge 2 ]
[ $fail -eq 0 ] || { echo "--- sctund log"; tail -40 "$tmp/sctund.log"; cat "$tmp/peer.log"; }
exit $fail
