#!/bin/sh
# SPDX-License-Identifier: MIT
# sctund-pmtu.sh: path MTU discovery through a real router.  Two sctund (routed mode, each
# behind its TUN) with a router namespace between them whose second link has MTU 1280: the
# router answers sctund's 1500-byte DF packets with ICMP "fragmentation needed", sctund lowers
# the path MTU (RFC 9260 7.3, 10; the quoted verification tag checked) and 1 MiB still arrives
# intact through unmodified socat; sctunctl shows the new PMTU; the captures are clean.
. "${srcdir:-.}/tests/integration/sctund-lib.sh"

run=${top_builddir:-.}/tools/sctun-run
ctl=${top_builddir:-.}/tools/sctunctl
lib=${top_builddir:-.}/src/shim/.libs/libsctun.so
[ -x "$run" ] && [ -x "$ctl" ] && [ -f "$lib" ] || skip "sctun-run, sctunctl or libsctun not built"
command -v socat >/dev/null || skip "needs socat"
SCTUN_LIB=$(cd "$(dirname "$lib")" && pwd)/libsctun.so
export SCTUN_LIB
. "${srcdir:-.}/tests/integration/preload-env.sh"
preload_env=$(asan_preload_env "$SCTUN_LIB")

R=sctun-test-$$-r
mkns $P && mkns $R && mkns $S || skip "cannot create namespaces"
ip link add vp netns $P type veth peer name vr1 netns $R || skip "cannot create a veth"
ip link add vr2 netns $R type veth peer name vs netns $S
ip -n $P addr add 10.99.1.1/24 dev vp
ip -n $R addr add 10.99.1.2/24 dev vr1
ip -n $R addr add 10.99.4.1/24 dev vr2
ip -n $S addr add 10.99.4.2/24 dev vs
ip -n $R link set vr2 mtu 1280
ip -n $S link set vs mtu 1280
for l in "$P vp" "$R vr1" "$R vr2" "$S vs"; do
	set -- $l
	ip -n $1 link set $2 up
done
for ns in $P $R $S; do
	ip netns exec $ns sysctl -qw net.ipv4.ip_forward=1
done
ip -n $P route add 10.99.3.0/24 via 10.99.1.2
ip -n $P route add 10.99.4.0/24 via 10.99.1.2
ip -n $R route add 10.99.2.0/24 via 10.99.1.1
ip -n $R route add 10.99.3.0/24 via 10.99.4.2
ip -n $S route add 10.99.2.0/24 via 10.99.4.1
ip -n $S route add 10.99.1.0/24 via 10.99.4.1

start() { # NS NAME args...
	ns=$1
	name=$2
	shift 2
	ip netns exec "$ns" "$sctund" -f -vv -S "$tmp/$name.sock" --pcap "$tmp/$name.pcap" "$@" \
		>"$tmp/$name.log" 2>&1 &
	pids="$pids $!"
	eval "pid_$name=$!"
	wait_for "$tmp/$name.log" "notice: running$" || { cat "$tmp/$name.log"; return 1; }
}
start $P p -i sctun0 --host-addr 10.99.2.1/24 -a 10.99.2.2 &&
	start $S s -i sctun0 --host-addr 10.99.3.1/24 -a 10.99.3.2 ||
	{ bad "two sctund start"; exit 1; }
ok "p (10.99.2.2) - router (MTU 1500 | 1280) - s (10.99.3.2)"

head -c 1048576 /dev/urandom >"$tmp/in"
ip netns exec $S env $preload_env timeout 30 "$run" -S "$tmp/s.sock" \
	socat -u SCTP-LISTEN:7001,reuseaddr OPEN:"$tmp/out",creat,trunc 2>"$tmp/l.log" &
srv=$!
sleep 0.5
ip netns exec $P env $preload_env timeout 30 "$run" -S "$tmp/p.sock" \
	socat -u OPEN:"$tmp/in",ignoreeof SCTP-CONNECT:10.99.3.2:7001 2>"$tmp/c.log" &
cli=$!
# while it runs: the association's path MTU as sctunctl sees it
pmtu=
i=0
while [ $i -lt 50 ]; do
	pmtu=$(ip netns exec $P "$ctl" -S "$tmp/p.sock" -j assocs port 7001 2>/dev/null |
		python3 -c 'import json, sys
a = json.load(sys.stdin)["associations"]
print(a[0]["paths"][0]["pmtu"] if a else "")' 2>/dev/null)
	[ -n "$pmtu" ] && [ "$pmtu" -lt 1500 ] && break
	i=$((i + 1))
	sleep 0.1
done
# the client never ends by itself (ignoreeof keeps the association up for sctunctl): end it
# once everything arrived
i=0
while [ "$(stat -c %s "$tmp/out" 2>/dev/null || echo 0)" -lt 1048576 ] && [ $i -lt 150 ]; do
	i=$((i + 1))
	sleep 0.1
done
kill $cli 2>/dev/null
wait $cli
wait $srv
check "sctunctl: the path MTU went down to the router's 1280 (got ${pmtu:-none})" \
	[ "${pmtu:-0}" = 1280 ]
check "1 MiB arrives intact over the 1280-byte link" cmp -s "$tmp/in" "$tmp/out"
n=$(count "$tmp/p.pcap" "icmp.type == 3 && icmp.code == 4")
check "p's capture holds the router's ICMP fragmentation-needed ($n)" [ "$n" -ge 1 ]
n=$(count "$tmp/p.pcap" "ip.dst == 10.99.3.2 && ip.len > 1280 && frame.number > 20")
check "after it, no packet to s is over 1280 bytes but the first few ($n late)" [ "$n" -eq 0 ]
for name in p s; do
	eval "sctund_pid=\$pid_$name"
	stop_sctund
	check "sctund $name exits 0 on SIGTERM" [ $? -eq 0 ]
	check "sctund $name's capture passes the tshark check" tshark_ok "$tmp/$name.pcap"
done
[ $fail -eq 0 ] || tail -20 "$tmp/p.log" "$tmp/c.log" "$tmp/l.log"
exit $fail
