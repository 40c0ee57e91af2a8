#!/bin/sh
# SPDX-License-Identifier: MIT
# sctund-clients.sh: hostile local clients against one sctund (no TUN; its programs meet on its
# loopback path): a client that opens sockets until its descriptor limit gets EMFILE while
# another is served; a client that takes every descriptor sctund has neither kills sctund nor
# makes it spin, and sctund serves again once it is gone; a reader that stops reading blocks
# its sender (socat) without sctund's memory growing, and nothing is lost when it reads again;
# a reader killed with SIGKILL mid-transfer ends its association (the sender gets an error)
# while another transfer carries on intact; programs of an sctund out of descriptors see ENFILE
# from socket(), accept() and sctp_peeloff(), and lose no association (fdexhaust.py); a user at
# max_socks_per_uid gets EMFILE from socket() and accept() while other users are served, and
# gets its quota back as it closes sockets (uquota.py).
. "${srcdir:-.}/tests/integration/solo-lib.sh"

run=${top_builddir:-.}/tools/sctun-run
ctl=${top_builddir:-.}/tools/sctunctl
lib=${top_builddir:-.}/src/shim/.libs/libsctun.so
hog=$srcdir/tests/integration/fdhog.py
skip() { echo "SKIP: $*"; exit 77; }
[ -x "$run" ] || skip "sctun-run not built"
[ -f "$lib" ] || skip "libsctun.so not built"
for t in socat python3 prlimit sha256sum setpriv; do
	command -v $t >/dev/null || skip "needs $t"
done
SCTUN_LIB=$(cd "$(dirname "$lib")" && pwd)/libsctun.so
export SCTUN_LIB
ok() { echo "ok: $*"; }
bad() { echo "FAIL: $*"; fail=1; }
check() {
	what=$1
	shift
	if "$@"; then ok "$what"; else bad "$what"; fi
}
# ASan keeps freed memory in a quarantine (256 MB by default): not what the RSS checks measure
ASAN_OPTIONS=${ASAN_OPTIONS:+$ASAN_OPTIONS:}quarantine_size_mb=1
export ASAN_OPTIONS
start_solo -v
app() { env $preload_env "$run" "$@"; } # a program under sctun-run
stat() { "$ctl" stats | awk -v k="$1" '$1 == k {print $2}'; }
rss() { awk '/^VmRSS:/ {print $2}' "/proc/$solo_pid/status"; }
cpu() { awk '{print $14 + $15}' "/proc/$solo_pid/stat"; } # clock ticks, user + system

# echo_ok PORT: a fresh socat echo server and client carry 100000 bytes there and back
head -c 100000 /dev/urandom >"$tmp/small"
echo_ok() {
	app timeout 20 socat SCTP-LISTEN:"$1",reuseaddr EXEC:cat 2>>"$tmp/echo.log" &
	srv=$!
	solo_pids="$solo_pids $srv"
	sleep 0.5
	app timeout 20 socat -t 3 - SCTP-CONNECT:127.0.0.1:"$1",shut-none <"$tmp/small" \
		>"$tmp/echoed" 2>>"$tmp/echo.log"
	wait $srv
	cmp -s "$tmp/small" "$tmp/echoed"
}

# SCENARIOS="1 3": only those (for debugging)
want() { case " ${SCENARIOS:-1 2 3 4 5 6} " in *" $1 "*) return 0 ;; esac; return 1; }

# -- 1. a client at its own descriptor limit
if want 1; then
mkfifo "$tmp/a.in"
prlimit --nofile=64:64 env $preload_env "$run" python3 "$hog" sockets 100000 \
	<"$tmp/a.in" >"$tmp/a.out" 2>&1 &
pid_a=$!
solo_pids="$solo_pids $pid_a"
exec 7>"$tmp/a.in"
i=0
while ! grep -q opened "$tmp/a.out" && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
check "a client limited to 64 descriptors: socket() fails with EMFILE ($(cat "$tmp/a.out"))" \
	grep -q "opened [1-9][0-9]*, then EMFILE" "$tmp/a.out"
check "while it holds its sockets, another client's echo works" echo_ok 7301
exec 7>&-
wait $pid_a
i=0
while [ "$(stat Sockets)" != 0 ] && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
check "its sockets are gone from sctund once it exits ($(stat Sockets) left)" \
	[ "$(stat Sockets)" = 0 ]

fi

# -- 2. sctund out of descriptors: 64 at most from now on
if want 2; then
base=$(ls /proc/$solo_pid/fd | wc -l)
soft=$(prlimit --pid $solo_pid --nofile --noheadings --raw -o SOFT)
prlimit --pid $solo_pid --nofile=64:
mkfifo "$tmp/b.in" "$tmp/c.in"
env $preload_env "$run" python3 "$hog" sockets 100000 <"$tmp/b.in" >"$tmp/b.out" 2>&1 &
pid_b=$!
exec 8>"$tmp/b.in"
solo_pids="$solo_pids $pid_b"
i=0
while ! grep -q opened "$tmp/b.out" && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
check "sctund limited to 64 descriptors ($base in use): a client's socket() fails with ENFILE ($(
	grep opened "$tmp/b.out"))" grep -q "opened [1-9][0-9]*, then ENFILE" "$tmp/b.out"
python3 "$hog" connect "$tmp/s.sock" 300 <"$tmp/c.in" >"$tmp/c.out" 2>&1 &
pid_c=$!
exec 9>"$tmp/c.in"
solo_pids="$solo_pids $pid_c"
i=0
while ! grep -q opened "$tmp/c.out" && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
echo "bare IPC connections: $(cat "$tmp/c.out")"
lines0=$(wc -l <"$tmp/sctund.log")
cpu0=$(cpu)
sleep 3
cpu1=$(cpu)
lines1=$(wc -l <"$tmp/sctund.log")
check "sctund out of descriptors does not spin: $((cpu1 - cpu0)) ticks of CPU in 3 s" \
	[ $((cpu1 - cpu0)) -lt 60 ]
check "nor floods its log: $((lines1 - lines0)) lines in 3 s" [ $((lines1 - lines0)) -lt 30 ]
check "sctund is still running" kill -0 $solo_pid
check "it says why it refuses" grep -q "IPC connection refused: Too many open files" \
	"$tmp/sctund.log"
exec 8>&- 9>&-
wait $pid_b $pid_c
i=0
while [ "$(stat Sockets)" != 0 ] && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
check "once the hoarders are gone, a new client's echo works" echo_ok 7302
prlimit --pid $solo_pid --nofile="$soft":
fi

# -- 3. a reader that stops reading: socat writes into a pipe nobody reads for 6 s
head -c 16000000 /dev/urandom >"$tmp/in"
if want 3; then
want=$(sha256sum <"$tmp/in")
rss0=$(rss)
app timeout 60 socat -u SCTP-LISTEN:7303,reuseaddr STDOUT 2>"$tmp/r3.log" |
	{
		sleep 6
		sha256sum
	} >"$tmp/r3.sum" &
pipe3=$!
solo_pids="$solo_pids $pipe3"
sleep 0.5
app timeout 60 socat -u OPEN:"$tmp/in" SCTP-CONNECT:127.0.0.1:7303 2>"$tmp/s3.log" &
snd3=$!
solo_pids="$solo_pids $snd3"
sleep 4
rss1=$(rss)
check "the sender is blocked while its reader does not read" kill -0 $snd3
check "sctund's RSS: $rss0 kB before, $rss1 kB while 16 MB wait to be sent (bound + 4096 kB)" \
	[ $((rss1 - rss0)) -le 4096 ]
wait $snd3
src=$?
wait $pipe3
check "once the reader reads again, the sender finishes (status $src)" [ $src -eq 0 ]
check "and the 16 MB arrive intact" [ "$(cat "$tmp/r3.sum")" = "$want" ]
fi

# -- 4. a reader killed with SIGKILL mid-transfer, another transfer beside it
if want 4; then
head -c 4000000 "$tmp/in" >"$tmp/in4"
want4=$(sha256sum <"$tmp/in4")
mkfifo "$tmp/r4.pipe"
# reader A: socat into a FIFO nobody reads, so data waits unread in its socket
env $preload_env "$run" socat -u SCTP-LISTEN:7304,reuseaddr OPEN:"$tmp/r4.pipe" 2>"$tmp/r4.log" &
rdr_a=$!
solo_pids="$solo_pids $rdr_a"
exec 6<>"$tmp/r4.pipe" # opens the FIFO for socat, never read
# reader B: reads after 3 s
app timeout 60 socat -u SCTP-LISTEN:7305,reuseaddr STDOUT 2>"$tmp/r5.log" |
	{
		sleep 3
		cat
	} >"$tmp/out5" &
pipe5=$!
solo_pids="$solo_pids $pipe5"
sleep 0.5
app timeout 60 socat -u OPEN:"$tmp/in" SCTP-CONNECT:127.0.0.1:7304 2>"$tmp/s4.log" &
snd_a=$!
app timeout 60 socat -u OPEN:"$tmp/in4" SCTP-CONNECT:127.0.0.1:7305 2>"$tmp/s5.log" &
snd_b=$!
solo_pids="$solo_pids $snd_a $snd_b"
sleep 1.5
kill -9 $rdr_a
wait $rdr_a 2>/dev/null
i=0
while kill -0 $snd_a 2>/dev/null && [ $i -lt 150 ]; do sleep 0.1; i=$((i + 1)); done
kill $snd_a 2>/dev/null # still blocked: fails below (status 143)
wait $snd_a
sa=$?
check "reader A killed: its sender gets an error in 15 s (status $sa: $(tail -1 "$tmp/s4.log"))" \
	[ $sa -ne 0 -a $sa -ne 124 -a $sa -ne 143 ]
exec 6>&-
wait $snd_b
sb=$?
wait $pipe5
check "transfer B beside it completes (status $sb) intact" \
	[ $sb -eq 0 -a "$(sha256sum <"$tmp/out5")" = "$want4" ]
i=0
while [ "$("$ctl" assocs port 7304 | wc -l)" -gt 1 ] && [ $i -lt 50 ]; do
	sleep 0.1
	i=$((i + 1))
done
check "no association is left on A's port" [ "$("$ctl" assocs port 7304 | wc -l)" -le 1 ]
fi

# -- 5. sctund out of descriptors: socket(), accept(), sctp_peeloff() fail with ENFILE
if want 5; then
if app timeout 60 python3 "$srcdir/tests/integration/fdexhaust.py" $solo_pid "$tmp/s.sock" \
	7306 >"$tmp/x.out" 2>&1; then
	ok "fdexhaust.py: every check passed"
else
	bad "fdexhaust.py"
fi
cat "$tmp/x.out"
check "sctund is still running after fdexhaust.py" kill -0 $solo_pid
check "and serves a new client's echo" echo_ok 7308
fi

# -- 6. max_socks_per_uid: two users other than root (uids 64001, 64002: no account needed)
if want 6; then
hard=$(prlimit --pid $solo_pid --nofile --noheadings --raw -o HARD)
dflt=$((hard / 4))
[ $dflt -le 16384 ] || dflt=16384
check "the default max_socks_per_uid is a quarter of sctund's descriptor limit $hard: $dflt" \
	[ "$("$ctl" settings | awk '$1 == "max_socks_per_uid" {print $2}')" = $dflt ]
check "sctunctl set max_socks_per_uid=16" "$ctl" set max_socks_per_uid=16
chmod 711 "$tmp" # the users reach the service socket in it (mode 0666)
as() { # as UID CMD...: CMD under sctun-run as UID
	u=$1
	shift
	setpriv --reuid=$u --regid=$u --clear-groups env $preload_env "$run" "$@"
}
mkfifo "$tmp/q.in"
as 64001 timeout 60 python3 "$srcdir/tests/integration/uquota.py" 16 7310 <"$tmp/q.in" \
	>"$tmp/q.out" 2>&1 &
pid_q=$!
solo_pids="$solo_pids $pid_q"
exec 5>"$tmp/q.in"
i=0
while ! grep -q "AT QUOTA" "$tmp/q.out" && kill -0 $pid_q 2>/dev/null && [ $i -lt 200 ]; do
	sleep 0.1
	i=$((i + 1))
done
check "uid 64001 reaches its quota" grep -q "AT QUOTA" "$tmp/q.out"
: | as 64001 timeout 20 python3 "$hog" sockets 5 >"$tmp/q1.out" 2>&1
check "another process of uid 64001 gets EMFILE at once ($(cat "$tmp/q1.out"))" \
	grep -q "opened 0, then EMFILE" "$tmp/q1.out"
: | as 64002 timeout 20 python3 "$hog" sockets 15 >"$tmp/q2.out" 2>&1
check "meanwhile uid 64002 opens 15 sockets ($(cat "$tmp/q2.out"))" \
	grep -q "opened 15, then none" "$tmp/q2.out"
: | as 0 timeout 20 python3 "$hog" sockets 40 >"$tmp/q3.out" 2>&1
check "and root, exempt, 40 ($(cat "$tmp/q3.out"))" grep -q "opened 40, then none" "$tmp/q3.out"
setpriv --reuid=64001 --regid=64001 --clear-groups "$ctl" stats >"$tmp/q4.out" 2>&1
check "sctunctl as uid 64001 says why: $(cat "$tmp/q4.out")" \
	grep -q "refused the connection: Too many open files" "$tmp/q4.out"
check "the refusals are counted ($(stat QuotaRefusals))" [ "$(stat QuotaRefusals)" -ge 4 ]
n=$(grep -c "uid 64001 holds 16 sockets and 16 control connections" "$tmp/sctund.log")
check "and logged once in the rate-limit window ($n lines)" [ "$n" -eq 1 ]
exec 5>&-
wait $pid_q
st=$?
cat "$tmp/q.out"
check "uid 64001: uquota.py passed (status $st)" [ $st -eq 0 ]
"$ctl" set max_socks_per_uid=$dflt >/dev/null
fi

stop_solo
[ $fail -eq 0 ] || {
	tail -30 "$tmp/sctund.log"
	sed -n '/ERROR: AddressSanitizer/,/SUMMARY/p' "$tmp/sctund.log" | grep -v "^  0x"
}
exit $fail
