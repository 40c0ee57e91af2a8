#!/bin/sh
# SPDX-License-Identifier: MIT
# sctund-attacks.sh: a routed sctund serving an unmodified socat (echo through cat, under
# sctun-run) withstands the attacks of RFC 9260 section 11 and RFC 5062 from the peer's
# namespace (sctp-attack.py: forged, expired and replayed cookies, wrong verification tags and T
# bits, an INIT with new addresses, ICMP errors quoting a wrong tag, held fragments and messages,
# huge gap reports): the association carries data after each one, sctund's memory stays
# bounded, and a real SCTP stack (usrsctp) still gets served afterwards.
. "${srcdir:-.}/tests/integration/sctund-lib.sh"

run=${top_builddir:-.}/tools/sctun-run
ctl=${top_builddir:-.}/tools/sctunctl
lib=${top_builddir:-.}/src/shim/.libs/libsctun.so
[ -x "$run" ] || skip "sctun-run not built"
[ -x "$ctl" ] || skip "sctunctl not built"
[ -f "$lib" ] || skip "libsctun.so not built"
command -v socat >/dev/null || skip "needs socat"
SCTUN_LIB=$(cd "$(dirname "$lib")" && pwd)/libsctun.so
export SCTUN_LIB
. "${srcdir:-.}/tests/integration/preload-env.sh"
preload_env=$(asan_preload_env "$SCTUN_LIB")

P=attacks-$$-p
S=attacks-$$-s
two_namespaces
ip -n $P addr add 10.99.1.3/24 dev vp
ip netns exec $S sysctl -qw net.ipv4.ip_forward=1
ip -n $P route add 10.99.2.0/24 via 10.99.1.2
# ASan keeps freed memory in a quarantine (256 MB by default): not what the RSS check measures
ASAN_OPTIONS=${ASAN_OPTIONS:+$ASAN_OPTIONS:}quarantine_size_mb=1
export ASAN_OPTIONS
# rcvbuf 65536 keeps the memory bound tight; the cookie life short enough to wait for
start_sctund $S "$tmp/sctund.log" -i sctun0 --host-addr 10.99.2.1/24 -a 10.99.2.2 --echo 7 \
	--set valid_cookie_life=2000 --set max_instreams=100 --set rcvbuf=65536 ||
	{ bad "sctund starts"; exit 1; }
ok "sctund in routed mode (10.99.2.2, echo on port 7, Valid.Cookie.Life 2 s, MIS 100)"

ip netns exec $S env $preload_env timeout 120 "$run" -S "$tmp/sctund.sock" \
	socat SCTP-LISTEN:7100,reuseaddr EXEC:cat 2>"$tmp/socat.log" &
socat_pid=$!
pids="$pids $socat_pid"
i=0
until "$ctl" -S "$tmp/sctund.sock" sockets 2>/dev/null | grep -q 7100; do
	i=$((i + 1))
	[ $i -gt 100 ] && { bad "socat listens on 7100"; exit 1; }
	sleep 0.1
done

# an ASan build's allocator keeps freed blocks per size class: its RSS bound is looser
ATTACK_ASAN=0
ldd "$sctund" 2>/dev/null | grep -q libasan && ATTACK_ASAN=1
export ATTACK_ASAN
ip netns exec $P timeout 150 python3 "$srcdir/tests/integration/sctp-attack.py" 10.99.1.1 \
	10.99.1.3 10.99.2.2 7100 7 "$sctund_pid" "$ctl" "$tmp/sctund.sock" >"$tmp/attack.log" 2>&1
rc=$?
cat "$tmp/attack.log"
check "sctp-attack.py: every case passed (exit status $rc)" [ $rc -eq 0 ]
check "sctund is still running" kill -0 "$sctund_pid"
check "socat is still serving its association" kill -0 "$socat_pid"

check "afterwards usrsctp sets up a new association, echoes 5 messages, shuts down" \
	peer "$sctvec" client -a 10.99.2.2 -p 7 -n 5 -s 1000 -t 15

stop_sctund
rc=$?
check "sctund exits 0 on SIGTERM (status $rc)" [ $rc -eq 0 ]
if grep -q "ERROR: AddressSanitizer\|runtime error" "$tmp/sctund.log"; then
	bad "sanitizer report in sctund's log"
fi
[ $fail -eq 0 ] || { echo "--- sctund log"; tail -40 "$tmp/sctund.log"; cat "$tmp/socat.log"; }
exit $fail
