#!/bin/sh
# SPDX-License-Identifier: MIT
# valgrind-sctund.sh: sctund under valgrind memcheck (run by make check-valgrind, not by make
# check): a routed sctund behind a TUN in a namespace and a TUN-less one each carry 1 MiB from
# unmodified socat under sctun-run (hash compared), answer sctunctl, reopen on SIGHUP and stop
# on SIGTERM with no memcheck error and no definite leak (valgrind's exit status 3 otherwise).
. "${srcdir:-.}/tests/integration/sctund-lib.sh"

command -v valgrind >/dev/null || skip "needs valgrind"
command -v socat >/dev/null || skip "needs socat"
run=${top_builddir:-.}/tools/sctun-run
ctl=${top_builddir:-.}/tools/sctunctl
lib=${top_builddir:-.}/src/shim/.libs/libsctun.so
[ -x "$run" ] && [ -x "$ctl" ] && [ -f "$lib" ] || skip "sctun-run, sctunctl or libsctun.so not built"
ldd "$sctund" | grep -q libasan && skip "an ASan build: valgrind cannot run it"
SCTUN_LIB=$(cd "$(dirname "$lib")" && pwd)/libsctun.so
export SCTUN_LIB
real=$(cd "$(dirname "$sctund")" && pwd)/sctund

mkns $S || skip "cannot create a namespace"
# seccomp would filter valgrind's own calls: --no-seccomp (sctund(8))
vg() { # NAME LOG args...: sctund under memcheck in $S, pid in $vpid, up to 60 s to start
	name=$1
	log=$2
	shift 2
	ip netns exec $S valgrind --quiet --error-exitcode=3 --leak-check=full \
		--errors-for-leak-kinds=definite --show-leak-kinds=definite \
		--log-file="$tmp/vg-$name.log" "$real" -f -v --no-seccomp "$@" >"$log" 2>&1 &
	vpid=$!
	pids="$pids $vpid"
	wait_for "$log" running 600 || { cat "$log"; return 1; }
}
# vg_stop NAME: SIGTERM, up to 60 s; memcheck's verdict is the exit status
vg_stop() {
	kill -TERM $vpid
	i=0
	while kill -0 $vpid 2>/dev/null && [ $i -lt 600 ]; do
		i=$((i + 1))
		sleep 0.1
	done
	wait $vpid
	st=$?
	check "$1: exits 0 under memcheck: no error, no definite leak ($st)" [ $st -eq 0 ]
	[ $st -eq 0 ] || cat "$tmp/vg-$1.log"
}
head -c 1048576 /dev/urandom >"$tmp/in"
want=$(sha256sum <"$tmp/in")
socat_1m() { # DESC SOCK ADDR PORT
	rm -f "$tmp/out"
	ip netns exec $S timeout 60 "$run" -S "$2" \
		socat -u SCTP-LISTEN:$4,reuseaddr OPEN:"$tmp/out",creat,trunc 2>"$tmp/socat-l.log" &
	srv=$!
	sleep 1
	ip netns exec $S timeout 60 "$run" -S "$2" socat -u OPEN:"$tmp/in" SCTP-CONNECT:$3:$4 \
		2>"$tmp/socat-c.log"
	crc=$?
	wait $srv
	src=$?
	check "$1: socat: 1 MiB intact (client $crc, server $src)" \
		sh -c "[ $crc -eq 0 ] && [ $src -eq 0 ] && [ \"\$(sha256sum <'$tmp/out')\" = '$want' ]"
}

vg routed "$tmp/routed.log" -S "$tmp/r.sock" -i sctun0 --host-addr 10.99.2.1/24 -a 10.99.2.2 \
	--pcap "$tmp/r.pcap" --echo 7 || bad "routed sctund starts under valgrind"
socat_1m routed "$tmp/r.sock" 10.99.2.2 7001
check "routed: sctunctl sockets answers" "$ctl" -S "$tmp/r.sock" sockets
kill -HUP $vpid
check "routed: SIGHUP reopens the capture" wait_for "$tmp/routed.log" "SIGHUP" 300
vg_stop routed
check "routed: the TUN is gone after exit" sh -c "! ip -n $S link show sctun0 2>/dev/null"

vg udp "$tmp/udp.log" -S "$tmp/u.sock" -u 9899 || bad "TUN-less sctund starts under valgrind"
socat_1m "TUN-less" "$tmp/u.sock" 127.0.0.1 7002
check "TUN-less: sctunctl assocs answers" "$ctl" -S "$tmp/u.sock" assocs
vg_stop udp
exit $fail
