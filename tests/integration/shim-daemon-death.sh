#!/bin/sh
# SPDX-License-Identifier: MIT
# shim-daemon-death.sh: kill -9 of sctund in the middle of a transfer, seen by a one-to-one and a
# one-to-many client under sctun-run (death-client.py against sctund's echo service): their
# sockets fail with ECONNRESET / EPIPE (never a clean end of file), poll reports the hang-up,
# neither client burns CPU afterwards (utime+stime from /proc), socket() fails while sctund is
# down, and once sctund runs again on the same socket path the same processes reconnect and
# carry data (checked by hash).
. "${srcdir:-.}/tests/integration/solo-lib.sh"

run=${top_builddir:-.}/tools/sctun-run
lib=${top_builddir:-.}/src/shim/.libs/libsctun.so
client=$srcdir/tests/integration/death-client.py
[ -x "$run" ] || { echo "SKIP: sctun-run not built"; exit 77; }
[ -f "$lib" ] || { echo "SKIP: libsctun.so not built"; exit 77; }
command -v python3 >/dev/null || { echo "SKIP: needs python3"; exit 77; }
SCTUN_LIB=$(cd "$(dirname "$lib")" && pwd)/libsctun.so
export SCTUN_LIB
tck=$(getconf CLK_TCK)

# wait_line FILE TEXT: up to 20 s for a line TEXT in FILE
wait_line() {
	i=0
	until grep -qx "$2" "$1" 2>/dev/null; do
		i=$((i + 1))
		[ $i -gt 200 ] && return 1
		sleep 0.1
	done
}

# cpu PID: its utime + stime so far, in clock ticks (fields 14 and 15 of /proc/PID/stat; the
# command name in field 2 has no spaces here)
cpu() {
	awk '{ print $14 + $15 }' "/proc/$1/stat" 2>/dev/null || echo 0
}

start_solo --echo 7
for mode in one many; do
	env $preload_env timeout 90 "$run" python3 "$client" $mode 7 "$tmp/restarted" \
		>"$tmp/$mode.out" 2>&1 &
	eval "pid_$mode=$!"
	solo_pids="$solo_pids $!"
done
for mode in one many; do
	wait_line "$tmp/$mode.out" up || { echo "FAIL: the $mode client is up"; cat "$tmp/$mode.out"; exit 1; }
done
echo "ok: both clients echo through sctund"
sleep 0.5 # mid-transfer
kill -9 $solo_pid
wait $solo_pid 2>/dev/null
echo "ok: sctund killed with SIGKILL in the middle of both transfers"

# the python processes are the children of timeout and sctun-run's exec
sleep 0.5
for mode in one many; do
	eval "p=\$pid_$mode"
	c=$(pgrep -P "$p" -f death-client | head -1)
	eval "child_$mode=\${c:-0}"
	eval "t0_$mode=$(cpu "${c:-0}")"
done
sleep 3
for mode in one many; do
	eval "c=\$child_$mode t0=\$t0_$mode"
	t1=$(cpu "$c")
	used=$((t1 - t0))
	# a client spinning on its dead socket would use about 3 s (3 * tck ticks)
	if [ "$c" != 0 ] && [ $used -lt $((tck / 2)) ]; then
		echo "ok: the $mode client used $used ticks of CPU in the 3 s after the kill"
	else
		echo "FAIL: the $mode client (pid $c) used $used ticks of CPU in the 3 s after the kill"
		fail=1
	fi
	wait_line "$tmp/$mode.out" down-checked || { echo "FAIL: the $mode client checked the dead socket"; fail=1; }
done

start_solo --echo 7
touch "$tmp/restarted"
echo "ok: sctund runs again on the same socket path"
for mode in one many; do
	eval "wait \$pid_$mode"
	rc=$?
	sed "s/^/    $mode: /" "$tmp/$mode.out"
	if [ $rc -eq 0 ]; then
		echo "ok: the $mode client passed its checks"
	else
		echo "FAIL: the $mode client exited $rc"
		fail=1
	fi
done
stop_solo
exit $fail
