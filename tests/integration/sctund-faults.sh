#!/bin/sh
# SPDX-License-Identifier: MIT
# sctund-faults.sh: faults between two routed sctund (namespaces P and S, a veth between them).
# The peer restarts: sctund in P is killed and started again with the same address, and a new
# client comes back from the same port: sctund in S restarts the association (RFC 9260 5.2.4
# A), its application is told (SCTP_RESTART) and the echo goes on.  The peer disappears (the
# veth goes down): heartbeats notice within the bound the settings give (RFC 9260 8.1, 8.3),
# and the application gets COMM_LOST, then ETIMEDOUT; likewise when the peer's sctund is killed
# and stays away.
. "${srcdir:-.}/tests/integration/sctund-lib.sh"

run=${top_builddir:-.}/tools/sctun-run
ctl=${top_builddir:-.}/tools/sctunctl
lib=${top_builddir:-.}/src/shim/.libs/libsctun.so
[ -x "$run" ] || skip "sctun-run not built"
[ -f "$lib" ] || skip "libsctun.so not built"
command -v socat >/dev/null || skip "needs socat"
SCTUN_LIB=$(cd "$(dirname "$lib")" && pwd)/libsctun.so
export SCTUN_LIB
. "${srcdir:-.}/tests/integration/preload-env.sh"
preload_env=$(asan_preload_env "$SCTUN_LIB")
server=$srcdir/tests/integration/notify-server.py

P=attacks-$$-p
S=attacks-$$-s
two_namespaces
for ns in $P $S; do
	ip netns exec $ns sysctl -qw net.ipv4.ip_forward=1
done
ip -n $P route add 10.99.3.0/24 via 10.99.1.2
ip -n $S route add 10.99.2.0/24 via 10.99.1.1

start() { # NS NAME args...: sctund NAME in NS, socket $tmp/NAME.sock
	ns=$1
	name=$2
	shift 2
	# a restart waits for its own "running": the earlier run's log moves aside, emptied here
	# and not by the redirection below, which runs in the background job: wait_for found
	# the killed run's "running" before it, and the SIGTERM that followed came before the
	# new sctund had blocked it (lost, or the default action: status 124 or 143)
	[ -f "$tmp/$name.log" ] && cat "$tmp/$name.log" >>"$tmp/$name.old.log"
	: >"$tmp/$name.log"
	ip netns exec "$ns" "$sctund" -f -vv -S "$tmp/$name.sock" "$@" >>"$tmp/$name.log" 2>&1 &
	pids="$pids $!"
	eval "pid_$name=$!"
	wait_for "$tmp/$name.log" "notice: running$" || { cat "$tmp/$name.log"; return 1; }
}
start $P p -i sctun0 --host-addr 10.99.2.1/24 -a 10.99.2.2 || { bad "sctund p starts"; exit 1; }
start $S s -i sctun0 --host-addr 10.99.3.1/24 -a 10.99.3.2 || { bad "sctund s starts"; exit 1; }

# serve N PORT: notify-server.py on PORT in S, its output in $tmp/serverN.out
serve() {
	ip netns exec $S env $preload_env timeout 120 "$run" -S "$tmp/s.sock" python3 "$server" \
		"$2" >"$tmp/server$1.out" 2>&1 &
	pids="$pids $!"
	eval "srv$1=$!"
	wait_for "$tmp/server$1.out" listening || bad "server $1 listens"
}
# client N PORT [SPORT]: socat in P to PORT (from SPORT), its stdin the FIFO $tmp/cN.in (which
# the caller holds open), its output in $tmp/clientN.out
client() {
	mkfifo "$tmp/c$1.in"
	ip netns exec $P env $preload_env timeout 120 "$run" -S "$tmp/p.sock" socat - \
		SCTP-CONNECT:10.99.3.2:"$2",shut-none${3:+,sourceport=$3} <"$tmp/c$1.in" \
		>"$tmp/client$1.out" 2>"$tmp/client$1.err" &
	pids="$pids $!"
	eval "cli$1=$!"
}

# -- the peer restarts
serve 1 7400
client 1 7400 40400
exec 4>"$tmp/c1.in"
echo hello-before >&4
check "an echo through the association (client port 40400)" \
	wait_for "$tmp/client1.out" hello-before
kill -9 $pid_p
wait $pid_p 2>/dev/null
kill $cli1 2>/dev/null # its sctund is gone
exec 4>&-
start $P p -i sctun0 --host-addr 10.99.2.1/24 -a 10.99.2.2 || { bad "sctund p restarts"; exit 1; }
ok "sctund p killed with SIGKILL and started again with the same address"
client 2 7400 40400
exec 5>"$tmp/c2.in"
echo hello-after >&5
check "a new client from the same port: its echo comes back through the same server" \
	wait_for "$tmp/client2.out" hello-after 100
check "the server's application is told: ASSOC_CHANGE RESTART (RFC 9260 5.2.4 A)" \
	wait_for "$tmp/server1.out" "ASSOC_CHANGE RESTART"
check "its connection stayed open (no error, no end of file)" \
	sh -c "! grep -q 'error\|eof' '$tmp/server1.out'"
exec 5>&-

# -- the peer disappears: short timers for the new association (Association.Max.Retrans 2,
# HB.interval 1 s, RTO.Max 1 s): lost after 3 unanswered heartbeats, each at most
# HB.interval + RTO + RTO/2 = 2.5 s apart
for n in p s; do
	"$ctl" -S "$tmp/$n.sock" set rto_max=1000 >/dev/null &&
		"$ctl" -S "$tmp/$n.sock" set hb_interval=1000 >/dev/null &&
		"$ctl" -S "$tmp/$n.sock" set path_max_retrans=1 >/dev/null &&
		"$ctl" -S "$tmp/$n.sock" set association_max_retrans=2 >/dev/null ||
		bad "sctunctl set on sctund $n"
done
serve 3 7401
client 3 7401
exec 6>"$tmp/c3.in"
echo hello-3 >&6
check "a second association echoes" wait_for "$tmp/client3.out" hello-3
ip -n $P link set vp down
t0=$(date +%s%N)
if wait_for "$tmp/server3.out" "ASSOC_CHANGE COMM_LOST" 250; then
	ms=$((($(date +%s%N) - t0) / 1000000))
	check "veth down: the server's program gets COMM_LOST after $ms ms (bound 7500 + 5000)" \
		[ $ms -le 12500 ]
else
	bad "with the veth down, the server's application gets COMM_LOST within 25 s"
fi
check "then recv() fails with ETIMEDOUT" wait_for "$tmp/server3.out" "error ETIMEDOUT" 50
wait $cli3
rc=$?
check "the client's socat ends with an error (status $rc: $(tail -1 "$tmp/client3.err"))" \
	[ $rc -ne 0 -a $rc -ne 124 ]
exec 6>&-
ip -n $P link set vp up
ip -n $P route replace 10.99.3.0/24 via 10.99.1.2 # the kernel dropped it with the link

# -- the peer's sctund is killed for good: its TUN and route go, P answers S's heartbeats with
# ICMP "network unreachable" (RFC 9260 10, ICMP9), or they go unanswered
serve 4 7402
client 4 7402
exec 7>"$tmp/c4.in"
echo hello-4 >&7
check "a third association echoes" wait_for "$tmp/client4.out" hello-4
kill -9 $pid_p
wait $pid_p 2>/dev/null
t0=$(date +%s%N)
if wait_for "$tmp/server4.out" "ASSOC_CHANGE COMM_LOST" 250; then
	ms=$((($(date +%s%N) - t0) / 1000000))
	check "sctund p killed: the server's program gets COMM_LOST after $ms ms (bound 12500)" \
		[ $ms -le 12500 ]
else
	bad "sctund p killed: the server's program gets COMM_LOST within 25 s"
fi
check "then recv() fails (ETIMEDOUT or EHOSTUNREACH)" \
	wait_for "$tmp/server4.out" "error E\(TIMEDOUT\|HOSTUNREACH\|NETUNREACH\)" 50
kill $cli4 2>/dev/null # its sctund is gone
exec 7>&-
start $P p -i sctun0 --host-addr 10.99.2.1/24 -a 10.99.2.2 || bad "sctund p starts again"

for n in p s; do
	eval "sctund_pid=\$pid_$n"
	stop_sctund
	rc=$?
	check "sctund $n exits 0 on SIGTERM (status $rc)" [ $rc -eq 0 ]
	if cat "$tmp/$n.log" "$tmp/$n.old.log" 2>/dev/null |
		grep -q "ERROR: AddressSanitizer\|runtime error"; then
		bad "sanitizer report in sctund $n's log"
	fi
done
if [ $fail -ne 0 ]; then
	for f in "$tmp"/server*.out "$tmp"/client*.err "$tmp/s.log" "$tmp/p.log"; do
		echo "--- $f"
		tail -15 "$f"
	done
fi
exit $fail
