#!/bin/sh
# SPDX-License-Identifier: MIT
# shim-tcp.sh: unmodified TCP programs under sctun-run --tcp speak SCTP through one sctund (no
# TUN, loopback path): socat (file sink, TCP_NODELAY, and an echo through EXEC:cat), ncat, curl
# against python3 -m http.server, iperf3 (plain, and -N -M); data checked by hash.  sctunctl shows their
# associations while they run and the kernel has no TCP socket for them; the same programs
# without --tcp use kernel TCP and sctund sees nothing.  A Python client checks the option
# mapping and that a child process inherits the mode.
. "${srcdir:-.}/tests/integration/solo-lib.sh"

run=${top_builddir:-.}/tools/sctun-run
ctl=${top_builddir:-.}/tools/sctunctl
lib=${top_builddir:-.}/src/shim/.libs/libsctun.so
[ -x "$run" ] && [ -x "$ctl" ] || { echo "SKIP: sctun-run or sctunctl not built"; exit 77; }
[ -f "$lib" ] || { echo "SKIP: libsctun.so not built"; exit 77; }
for t in socat ncat curl iperf3 python3 sha256sum ss; do
	command -v $t >/dev/null || { echo "SKIP: needs $t"; exit 77; }
done
SCTUN_LIB=$(cd "$(dirname "$lib")" && pwd)/libsctun.so
export SCTUN_LIB

ok() { echo "ok: $*"; }
bad() {
	echo "FAIL: $*"
	fail=1
}
# tcp CMD...: CMD under sctun-run --tcp, at most 60 s; plain CMD...: the same without --tcp
tcp() { env $preload_env timeout 60 "$run" --tcp "$@"; }
plain() { env $preload_env timeout 60 "$run" "$@"; }
# for "... &" only: the subshell execs, so that $! is the program's timeout and solo_cleanup's
# kill reaches the program (a server left behind spun on its dead listener into the next tests)
tcp_bg() { exec env $preload_env timeout 60 "$run" --tcp "$@"; }
plain_bg() { exec env $preload_env timeout 60 "$run" "$@"; }
# wait_port PORT: until sctund has a listening socket on PORT (at most 10 s)
wait_port() {
	i=0
	until "$ctl" -j sockets 2>/dev/null | grep -q "\"state\":\"listening\",\"port\":$1,"; do
		i=$((i + 1))
		[ $i -gt 100 ] && return 1
		sleep 0.1
	done
}
# assoc_up PORT: sctund has an established association with PORT at one end
assoc_up() {
	"$ctl" -j assocs | grep -Eq "\"state\":\"ESTABLISHED\",\"local_port\":$1,|\"peer_port\":$1,"
}
# kernel_tcp PORT: the kernel has a TCP socket on PORT
kernel_tcp() {
	ss -Htan "( sport = :$1 or dport = :$1 )" | grep -q .
}
same() { # WHAT FILE: FILE has the bytes of $tmp/in
	got=$(sha256sum <"$2")
	if [ "$got" = "$want" ]; then ok "$1: $(wc -c <"$2") bytes, same hash"; else bad "$1: hash differs ($(wc -c <"$2") bytes)"; fi
}

start_solo
port=$((30000 + $$ % 10000))
head -c 2097152 /dev/urandom >"$tmp/in"
want=$(sha256sum <"$tmp/in")

# socat: a file into a file sink, TCP_NODELAY on the client (socat stops when setsockopt fails)
tcp_bg socat -u TCP4-LISTEN:$port,reuseaddr CREATE:"$tmp/out1" &
srv=$!
solo_pids="$solo_pids $srv"
wait_port $port || bad "socat TCP4-LISTEN became an SCTP listener in sctund"
tcp socat -u FILE:"$tmp/in" TCP4:127.0.0.1:$port,nodelay || bad "socat client (TCP_NODELAY) exit status $?"
wait $srv || bad "socat server exit status $?"
same "socat TCP4 -> file sink, nodelay" "$tmp/out1"

# socat echo (EXEC:cat) held open: sctund shows the association, the kernel no TCP socket
p=$((port + 1))
tcp_bg socat TCP6-LISTEN:$p,reuseaddr,fork EXEC:cat &
solo_pids="$solo_pids $!"
wait_port $p || bad "socat TCP6-LISTEN,fork became an SCTP listener"
(
	printf 'hello over sctp\n'
	sleep 4
) | tcp socat - TCP6:[::1]:$p >"$tmp/echo.out" &
cli=$!
solo_pids="$solo_pids $cli"
sleep 2
if assoc_up $p; then ok "sctunctl shows the association of the socat echo"; else bad "sctunctl shows no association on port $p: $("$ctl" -j assocs)"; fi
if kernel_tcp $p; then bad "the kernel has a TCP socket on port $p"; else ok "the kernel has no TCP socket on port $p"; fi
wait $cli
grep -qx "hello over sctp" "$tmp/echo.out" && ok "socat EXEC:cat echoed over IPv6" || bad "no echo: $(cat "$tmp/echo.out")"

# ncat: the server sends, the client receives
p=$((port + 2))
tcp_bg ncat -l 127.0.0.1 $p --send-only <"$tmp/in" &
srv=$!
solo_pids="$solo_pids $srv"
wait_port $p || bad "ncat -l became an SCTP listener"
tcp ncat 127.0.0.1 $p --recv-only >"$tmp/out2" || bad "ncat client exit status $?"
wait $srv
same "ncat -l --send-only -> ncat --recv-only" "$tmp/out2"

# python3 -m http.server and curl (TCP_NODELAY, SO_KEEPALIVE, TCP_KEEPIDLE, TCP_KEEPINTVL)
p=$((port + 3))
mkdir "$tmp/www" && cp "$tmp/in" "$tmp/www/file"
tcp_bg python3 -m http.server --bind 127.0.0.1 --directory "$tmp/www" $p >"$tmp/http.log" 2>&1 &
solo_pids="$solo_pids $!"
wait_port $p || bad "http.server became an SCTP listener"
tcp curl -sS --keepalive-time 30 -o "$tmp/out3" http://127.0.0.1:$p/file || bad "curl exit status $?"
same "python3 http.server -> curl" "$tmp/out3"

# iperf3 (TCP_INFO read every interval); its data is not ours to hash, its byte count is
p=$((port + 4))
tcp_bg iperf3 -s -1 -p $p >"$tmp/iperf-s.log" 2>&1 &
srv=$!
solo_pids="$solo_pids $srv"
wait_port $p || bad "iperf3 -s became an SCTP listener"
tcp_bg iperf3 -c 127.0.0.1 -p $p -t 3 -J >"$tmp/iperf-c.json" 2>&1 &
cli=$!
solo_pids="$solo_pids $cli"
sleep 2
if assoc_up $p; then ok "sctunctl shows iperf3's associations"; else bad "sctunctl shows no iperf3 association"; fi
wait $cli || bad "iperf3 client exit status $?"
wait $srv || bad "iperf3 server exit status $?"
bytes=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["end"]["sum_received"]["bytes"])' \
	"$tmp/iperf-c.json" 2>/dev/null)
if [ "${bytes:-0}" -gt 1000000 ]; then ok "iperf3 over SCTP: $bytes bytes received"; else bad "iperf3: ${bytes:-no} bytes"; fi
grep -q "getsockopt" "$tmp/iperf-c.json" "$tmp/iperf-s.log" && bad "iperf3 complained of getsockopt"
# iperf3 -N -M: TCP_NODELAY and TCP_MAXSEG on both sides; the server closes its listener and
# binds a new one to the same port while the control association lives
tcp_bg iperf3 -s -1 -p $p >"$tmp/iperf-s2.log" 2>&1 &
srv=$!
solo_pids="$solo_pids $srv"
wait_port $p || bad "iperf3 -s (again) became an SCTP listener"
tcp iperf3 -c 127.0.0.1 -p $p -t 2 -N -M 1200 -J >"$tmp/iperf-c2.json" 2>&1 || bad "iperf3 -N -M client exit status $?"
wait $srv || bad "iperf3 -s for -N -M exit status $?"
bytes=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["end"]["sum_received"]["bytes"])' \
	"$tmp/iperf-c2.json" 2>/dev/null)
if [ "${bytes:-0}" -gt 1000000 ]; then ok "iperf3 -N -M over SCTP: $bytes bytes received"; else bad "iperf3 -N -M: ${bytes:-no} bytes: $(tail -3 "$tmp/iperf-c2.json")"; fi

# without --tcp, TCP stays kernel TCP: sctund sees nothing, ss sees the connection
p=$((port + 5))
plain_bg socat TCP4-LISTEN:$p,reuseaddr EXEC:cat &
solo_pids="$solo_pids $!"
i=0
until ss -Htln "sport = :$p" | grep -q . || [ $i -gt 100 ]; do
	i=$((i + 1))
	sleep 0.1
done
(
	printf 'hello over tcp\n'
	sleep 3
) | plain socat - TCP4:127.0.0.1:$p >"$tmp/plain.out" &
cli=$!
solo_pids="$solo_pids $cli"
sleep 1.5
kernel_tcp $p && ok "without --tcp the kernel has the TCP connection" || bad "no kernel TCP socket on port $p"
if "$ctl" -j assocs | grep -q "_port\":$p,"; then bad "sctund has an association on port $p"; else ok "without --tcp sctund has no association"; fi
if "$ctl" -j sockets | grep -q "\"port\":$p,"; then bad "sctund has a socket on port $p"; else ok "without --tcp sctund has no socket"; fi
wait $cli
grep -qx "hello over tcp" "$tmp/plain.out" && ok "socat echo over kernel TCP" || bad "no TCP echo"

# the option mapping, seen by a program, and a child process that inherits the mode
p=$((port + 6))
tcp_bg socat TCP4-LISTEN:$p,reuseaddr EXEC:cat &
solo_pids="$solo_pids $!"
wait_port $p || bad "socat listener for the option checks"
tcp python3 - $p <<'EOF' || fail=1
import errno, socket, subprocess, sys
bad = 0
def check(what, good):
    global bad
    print(("ok: " if good else "FAIL: ") + what)
    bad |= not good
def err(f):
    try:
        f()
        return 0
    except OSError as e:
        return e.errno
s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
s.connect(("127.0.0.1", int(sys.argv[1])))
check("SO_PROTOCOL is IPPROTO_SCTP", s.getsockopt(socket.SOL_SOCKET, socket.SO_PROTOCOL) == 132)
s.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
check("TCP_NODELAY set reads back 1", s.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY) == 1)
s.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 0)
check("TCP_NODELAY cleared reads back 0", s.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY) == 0)
check("TCP_MAXSEG reads a segment size", 500 < s.getsockopt(socket.IPPROTO_TCP, socket.TCP_MAXSEG) < 65536)
check("TCP_KEEPIDLE is accepted", err(lambda: s.setsockopt(socket.IPPROTO_TCP, socket.TCP_KEEPIDLE, 30)) == 0)
check("...and not read back", err(lambda: s.getsockopt(socket.IPPROTO_TCP, socket.TCP_KEEPIDLE)) == errno.ENOPROTOOPT)
check("TCP_CONGESTION is refused", err(lambda: s.setsockopt(socket.IPPROTO_TCP, socket.TCP_CONGESTION, b"bbr")) == errno.ENOPROTOOPT)
s.setsockopt(socket.SOL_SOCKET, socket.SO_KEEPALIVE, 1)
check("SO_KEEPALIVE reads back 1", s.getsockopt(socket.SOL_SOCKET, socket.SO_KEEPALIVE) == 1)
info = s.getsockopt(socket.IPPROTO_TCP, socket.TCP_INFO, 104)
check("TCP_INFO says ESTABLISHED", len(info) == 104 and info[0] == 1)
s.sendall(b"ping")
check("echo through the mapped socket", s.recv(100) == b"ping")
u = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
check("AF_UNIX stream sockets are untouched", u.getsockopt(socket.SOL_SOCKET, socket.SO_PROTOCOL) == 0)
d = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
check("UDP sockets are untouched", d.getsockopt(socket.SOL_SOCKET, socket.SO_PROTOCOL) == 17)
child = subprocess.run([sys.executable, "-c", "import socket; print(socket.socket().getsockopt("
                        "socket.SOL_SOCKET, socket.SO_PROTOCOL))"], capture_output=True, text=True)
check("a child process's TCP socket is SCTP too", child.stdout.strip() == "132")
sys.exit(bad)
EOF

stop_solo
exit $fail
