# SPDX-License-Identifier: MIT
# solo-lib.sh: helpers for the tests that need one unprivileged sctund without a TUN (sourced,
# not run): it runs with -u on a free UDP port, and its programs reach each other through its
# loopback path (127.0.0.1, ::1).  Sets $tmp (removed at exit) and $fail.
sctund=${top_builddir:-.}/src/daemon/sctund
srcdir=${srcdir:-.}
[ -x "$sctund" ] || { echo "SKIP: sctund not built"; exit 77; }
tmp=$(mktemp -d /tmp/sctun-solo.XXXXXX)
fail=0
solo_pids=
# TERM first: a "timeout CMD" in the list passes it on to CMD (KILL would orphan CMD, which
# may then spin on a socket whose sctund is gone), then KILL what is left
solo_cleanup() {
	for p in $solo_pids; do kill -TERM "$p" 2>/dev/null; done
	sleep 0.3
	for p in $solo_pids; do kill -9 "$p" 2>/dev/null; done
	rm -rf "$tmp"
}
trap solo_cleanup EXIT INT TERM

# For programs under an ASan build of libsctun (preload-env.sh).  Use as: env $preload_env
. "$srcdir/tests/integration/preload-env.sh"
preload_env=$(asan_preload_env "${top_builddir:-.}/src/shim/.libs/libsctun.so")

# start_solo [ARGS...]: sctund -f -u PORT -S $tmp/s.sock ARGS, log in $tmp/sctund.log; waits
# for "running".  Sets $solo_pid, $solo_port and exports SCTUN_SOCKET.
start_solo() {
	solo_port=$((20000 + $$ % 20000))
	"$sctund" -f -u $solo_port -S "$tmp/s.sock" "$@" >"$tmp/sctund.log" 2>&1 &
	solo_pid=$!
	solo_pids="$solo_pids $solo_pid"
	solo_i=0
	until grep -q "notice: running$" "$tmp/sctund.log" 2>/dev/null; do
		solo_i=$((solo_i + 1))
		if [ $solo_i -gt 50 ] || ! kill -0 $solo_pid 2>/dev/null; then
			cat "$tmp/sctund.log"
			echo "FAIL: sctund did not start"
			exit 1
		fi
		sleep 0.1
	done
	SCTUN_SOCKET=$tmp/s.sock
	export SCTUN_SOCKET
}

# stop_solo: SIGTERM, then checks it exited 0 and its log has no sanitizer report
stop_solo() {
	kill -TERM $solo_pid
	if wait $solo_pid; then
		echo "ok: sctund exits 0 on SIGTERM"
	else
		echo "FAIL: sctund exited $? on SIGTERM"
		fail=1
	fi
	if grep -q "ERROR: AddressSanitizer\|runtime error" "$tmp/sctund.log"; then
		echo "FAIL: sanitizer report in the sctund log"
		fail=1
	fi
}

# expect_tool TOOL STATUS NEEDLE ARGS...: TOOL ARGS (stdin /dev/null, at most $expect_timeout
# seconds, 10 unless set) exits STATUS with NEEDLE (may be empty) in its output
expect_tool() {
	et_tool=$1
	et_want=$2
	et_needle=$3
	shift 3
	timeout "${expect_timeout:-10}" "$et_tool" "$@" >"$tmp/expect.out" 2>&1 </dev/null
	et_got=$?
	if [ $et_got -ne "$et_want" ] ||
		{ [ -n "$et_needle" ] && ! grep -qF -- "$et_needle" "$tmp/expect.out"; }; then
		echo "FAIL: $(basename "$et_tool") $*: exit $et_got (want $et_want), output should have '$et_needle':"
		sed 's/^/    /' "$tmp/expect.out"
		fail=1
	else
		echo "ok: [$et_want] $(basename "$et_tool") $*"
	fi
}
