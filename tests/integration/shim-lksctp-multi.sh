#!/bin/sh
# SPDX-License-Identifier: MIT
# shim-lksctp-multi.sh: unmodified sctp_test (lksctp-tools) under sctun-run between two
# namespaces (an sctund in shared mode in each), one-to-many and -T one-to-one, each end with a
# second address: -B (bind(), then sctp_bindx(SCTP_BINDX_ADD_ADDR)) and -C (sctp_connectx() to
# both of the server's addresses).  Every byte sent is received; INIT and INIT ACK offer both
# addresses of their end (RFC 9260 3.3.2.1).
. "${srcdir:-.}/tests/integration/sctund-lib.sh"
for t in sctp_test stdbuf; do
	command -v $t >/dev/null || skip "needs $t (lksctp-tools, coreutils)"
done
. "${srcdir:-.}/tests/integration/shared2-lib.sh"
ok "two sctund in shared mode (P: 10.99.1.1, .11; S: 10.99.1.2, .12)"

# sctp_test_pair NAME PORT [-T]: the server in S on 10.99.1.2 + 10.99.1.12 (it runs 8 s, its
# output line-buffered so that it survives the timeout), the client in P on 10.99.1.1 +
# 10.99.1.11 connecting to both: 2 x 10 messages of 1452 to 4356 bytes (-c 1), 55176 bytes.
sctp_test_pair() {
	name=$1
	port=$2
	shift 2
	ip netns exec $S env $preload_env timeout 8 stdbuf -oL "$run" -S "$tmp/s.sock" \
		sctp_test -H 10.99.1.2 -P $port -B 10.99.1.12 -l "$@" >"$tmp/$name-s.log" 2>&1 &
	srv=$!
	pids="$pids $srv"
	sleep 1
	ip netns exec $P env $preload_env timeout 20 "$run" -S "$tmp/p.sock" \
		sctp_test -H 10.99.1.1 -P $((port + 1)) -B 10.99.1.11 -C 10.99.1.2 -C 10.99.1.12 \
		-p $port -s -c 1 -x 2 "$@" >"$tmp/$name-c.log" 2>&1
	crc=$?
	wait $srv
	sent=$(sed -n 's/^	sendmsg(sk=[0-9]*, assoc=[0-9]*) *\([0-9]*\) bytes\./\1/p' "$tmp/$name-c.log" |
		awk '{n++; b += $1} END {print n + 0, b + 0}')
	got=$(sed -n 's/.*recvmsg(sk=[0-9]*) Data \([0-9]*\) bytes\..*/\1/p' "$tmp/$name-s.log" |
		awk '{n++; b += $1} END {print n + 0, b + 0}')
	if [ $crc -eq 0 ] && [ "$sent" = "20 55176" ] && [ "$got" = "$sent" ]; then
		ok "sctp_test $name: 20 messages, 55176 bytes sent and received"
	else
		bad "sctp_test $name: client exit $crc, sent (messages bytes) '$sent', received '$got'"
		tail -n 15 "$tmp/$name-c.log" "$tmp/$name-s.log"
	fi
	# the addresses each end offers: its bind() address and the one sctp_bindx added
	for chunk in 1 2; do
		if [ $chunk = 1 ]; then
			want="10.99.1.1 10.99.1.11" f="sctp.dstport == $port"
		else
			want="10.99.1.12 10.99.1.2" f="sctp.srcport == $port"
		fi
		offered=$(tshark -n -r "$tmp/p.pcap" -Y "sctp.chunk_type == $chunk && $f" -T fields \
			-e ip.src -e sctp.parameter_ipv4_address 2>/dev/null | head -1 | tr '\t,' '\n\n' |
			sort -u | tr '\n' ' ')
		check "sctp_test $name: the $([ $chunk = 1 ] && echo INIT || echo 'INIT ACK') offers $want ($offered)" \
			[ "$offered" = "$want " ]
	done
}

# one-to-many: sendmsg() with the first -C address as msg_name after sctp_connectx()
sctp_test_pair one-to-many 6001
check "sctp_test one-to-many: the server is told COMM_UP" \
	grep -q 'SCTP_ASSOC_CHANGE(COMMUNICATION_UP)' "$tmp/one-to-many-s.log"
# -T: one-to-one sockets; sctp_connectx() instead of connect(), accept() on the server
sctp_test_pair one-to-one 6003 -T
check "sctp_test -T: the server accepted" grep -q 'accept(sk=3)' "$tmp/one-to-one-s.log"

stop_both
[ $fail -eq 0 ] || tail -n 20 "$tmp/p.log" "$tmp/s.log"
exit $fail
