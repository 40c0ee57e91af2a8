#!/bin/sh
# SPDX-License-Identifier: MIT
# sctund-cli.sh: sctund's command line as a table of {expected exit status, argv}: every
# option with good and bad values (bad ones exit 2 naming the option), then a daemon run
# stopped by SIGTERM, with SIGHUP and a capture file on the way.
sctund=${top_builddir:-.}/src/daemon/sctund
out=/tmp/sctund-cli.$$
dir=/tmp/sctund-cli-dir.$$
mkdir -p "$dir"
trap 'rm -rf "$out" "$dir"' EXIT INT TERM
fail=0
# Not root: the default socket is under XDG_RUNTIME_DIR.
XDG_RUNTIME_DIR=$dir
export XDG_RUNTIME_DIR

# check STATUS NEEDLE ARGS...: run sctund ARGS (bad command lines exit before running);
# a non-empty NEEDLE must appear in what it printed.
check() {
	want=$1
	needle=$2
	shift 2
	"$sctund" "$@" >"$out" 2>&1
	got=$?
	if [ "$got" -ne "$want" ]; then
		echo "FAIL: sctund $*: exit $got, want $want"
		sed 's/^/    /' "$out"
		fail=1
	elif [ -n "$needle" ] && ! grep -qF -- "$needle" "$out"; then
		echo "FAIL: sctund $*: output lacks '$needle':"
		sed 's/^/    /' "$out"
		fail=1
	else
		echo "ok: [$want] sctund $*"
	fi
}

# {status, text, argv}: help, version, and every option with bad values
while IFS='|' read -r want needle args; do
	case $want in '' | '#'*) continue ;; esac
	# shellcheck disable=SC2086 # the table's argv is split on purpose
	check "$want" "$needle" $args
done <<'TABLE'
0|Usage: sctund|--help
0|Usage: sctund|-h
0|sctund (sctun) |--version
# unknown options and stray arguments
2|--no-such-option|--no-such-option
2|-x: unknown option|-x
2|unexpected argument|stray
2|--foreground=yes|--foreground=yes
# -i, --interface
2|-i: needs an argument|-i
2|--interface: needs an argument|--interface
2|-i: 'a/b'|-i a/b
2|'0123456789abcdef'|-i 0123456789abcdef
2|-i: given twice|-i tun1 -i tun2
# --host-addr
2|--host-addr: needs an argument|--host-addr
2|--host-addr: '10.99.0.1' needs a prefix|--host-addr 10.99.0.1
2|--host-addr: '10.99.0.1/33'|--host-addr 10.99.0.1/33
2|--host-addr: 'fd00:99::1/129'|--host-addr fd00:99::1/129
2|--host-addr: '10.99.0.1/0'|--host-addr 10.99.0.1/0
2|--host-addr: 'nonsense/24'|--host-addr nonsense/24
2|--host-addr: '10.99.0.1/16' was already given|--host-addr 10.99.0.1/24 --host-addr 10.99.0.1/16
2|--host-addr: needs a TUN|-u --host-addr 10.99.0.1/24
# -a, --addr
2|-a: needs an argument|-a
2|-a: '10.99.0.300'|-a 10.99.0.300
2|--addr: 'fd00::99::1'|--addr fd00::99::1
2|-a: '0.0.0.0'|-a 0.0.0.0
2|-a: '127.0.0.1'|-a 127.0.0.1
2|-a: 'ff02::1'|-a ff02::1
2|-a: '10.99.0.2' was already given|-a 10.99.0.2 -a 10.99.0.2
2|-a: '10.99.0.1' was already given with --host-addr|--host-addr 10.99.0.1/24 -a 10.99.0.1
# --mtu
2|--mtu: needs an argument|--mtu
2|--mtu: '575'|--mtu 575
2|--mtu: '65536'|--mtu=65536
2|--mtu: 'big'|--mtu big
2|--mtu: '1279': IPv6|--mtu 1279 -a fd00:99::2
2|--mtu: needs a TUN|-u --mtu 1400
2|--mtu: given twice|--mtu 1400 --mtu 1500
# -u, --udp-port
2|-u: '0'|-u 0
2|--udp-port: '65536'|--udp-port=65536
2|--udp-port: 'x'|--udp-port=x
2|-u: given twice|-u -u
# -S, --socket
2|-S: needs an argument|-S
2|--socket: ''|--socket=
2|-S: given twice|-S /tmp/a.sock -S /tmp/b.sock
# --pcap
2|--pcap: needs an argument|--pcap
2|--pcap: ''|--pcap=
# --set
2|--set: needs an argument|--set
2|--set: 'nosuch=1': unknown setting|--set nosuch=1
2|--set: 'rto_min' is not NAME=VALUE|--set rto_min
2|--set: 'sack_timeout=501': out of range (1..500 ms)|--set sack_timeout=501
2|--set: 'rto_min=abc': value is not a decimal number|--set rto_min=abc
2|--set: 'rto_min=90000': breaks|--set rto_min=90000
2|--set: 'max_burst=2': max_burst was already set|--set max_burst=1 --set max_burst=2
# --shared, --user, --log
2|--shared: needs a TUN|-u --shared
2|--user: needs an argument|--user
2|--user: 'no-such-user-sctun': no such user|--user no-such-user-sctun
2|--log: needs an argument|--log
2|--log: 'journal': must be syslog or stderr|--log journal
2|--log: given twice|--log stderr --log syslog
# --echo
2|--echo: '0': port must be 1..65535|--echo 0
2|--echo: '7': given twice|--echo 7 --echo 7
TABLE

# Good values: the daemon starts, and SIGTERM after a moment stops it with status 0.
# sctund now really creates and configures its TUN and binds its UDP port: every run is in a
# network namespace of its own (unshare -n as root, with a user namespace otherwise), so it
# never meets the machine's interfaces or another sctund.
if [ "$(id -u)" -eq 0 ]; then
	inns="unshare -n"
else
	inns="unshare -rn"
fi
if ! $inns true 2>/dev/null; then
	echo "SKIP: daemon runs: cannot create a network namespace ($inns)"
	exit $fail
fi
sctund_bin=$sctund
sctund="$inns $sctund_bin"
run() { # NEEDLE ARGS... (-f -S is added unless ARGS has --socket=)
	needle=$1
	shift
	case "$*" in
	*--socket=*) set -- "$@" ;;
	*) set -- -f -S "$dir/s.sock" "$@" ;;
	esac
	$sctund "$@" >"$out" 2>&1 &
	pid=$!
	sleep 0.3
	kill -TERM "$pid" 2>/dev/null
	wait "$pid"
	got=$?
	if [ "$got" -ne 0 ] || { [ -n "$needle" ] && ! grep -qF -- "$needle" "$out"; }; then
		echo "FAIL: sctund $*: exit $got (want 0), output should have '$needle':"
		sed 's/^/    /' "$out"
		fail=1
	else
		echo "ok: [0 after SIGTERM] sctund $*"
	fi
}

run "stopped"
run "shared mode" -i tun-cli0 --host-addr 10.99.0.1/24 --host-addr fd00:99::1/64 \
	-a 10.99.0.2 --addr fd00:99::2 --mtu 1280 --shared
run "port 5000" -u 5000
run "port 9899" --udp-port -a 10.99.0.2 -a 10.99.1.2
run "port 7" -u7 -i tun-cli0 --mtu=576 -a 10.99.0.2
run "debug: settings: rto_initial=3000 rto_min=2000" -vv --set rto_min=2000 --set rto_initial=3000 --set hb_interval=0 --pcap "$dir/c.pcap"
run "info: sctund" --foreground --verbose --log=stderr --socket="$dir/t.sock"
run "" --log syslog
[ -s "$dir/c.pcap" ] || { echo "FAIL: --pcap did not create the capture"; fail=1; }
if [ "$(id -u)" -eq 0 ]; then
	run "running as nobody" -v --user nobody
fi

# SIGHUP reopens the capture (after a rotation: a new file), then SIGTERM; status 0.
$sctund -f -v --log stderr -S "$dir/s.sock" --pcap "$dir/h.pcap" >"$out" 2>&1 &
pid=$!
sleep 0.3
mv "$dir/h.pcap" "$dir/h.pcap.1"
kill -HUP "$pid"
sleep 0.3
kill -TERM "$pid"
wait "$pid"
got=$?
if [ "$got" -ne 0 ] || ! grep -q "SIGHUP: log and capture reopened" "$out" ||
	[ ! -s "$dir/h.pcap" ]; then
	echo "FAIL: SIGHUP then SIGTERM: exit $got, or no reopened capture:"
	sed 's/^/    /' "$out"
	fail=1
else
	echo "ok: SIGHUP reopens the capture, SIGTERM exits 0"
fi

# sd_notify: READY=1 then STOPPING=1 on a datagram socket (python3 plays systemd).
if command -v python3 >/dev/null 2>&1; then
	python3 - "$sctund_bin" "$dir" $inns <<'EOF2' || fail=1
import os, signal, socket, subprocess, sys
sctund, d, inns = sys.argv[1], sys.argv[2], sys.argv[3:]
s = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
s.bind(d + "/notify")
s.settimeout(5)
env = dict(os.environ, NOTIFY_SOCKET=d + "/notify")
p = subprocess.Popen(inns + [sctund, "-f", "--log", "stderr", "-S", d + "/n.sock"], env=env,
                     stderr=subprocess.DEVNULL)
ready = s.recv(64)
p.send_signal(signal.SIGTERM)
stopping = s.recv(64)
rc = p.wait(5)
ok = ready == b"READY=1" and stopping == b"STOPPING=1" and rc == 0
print(("ok" if ok else "FAIL") + ": sd_notify: %r %r, exit %d" % (ready, stopping, rc))
sys.exit(0 if ok else 1)
EOF2
fi

# Without -f sctund leaves the terminal: the command returns at once with status 0.
if ! command -v pgrep >/dev/null 2>&1; then
	echo "skipped: daemonize check (no pgrep)"
	exit $fail
fi
$sctund --log stderr -S "$dir/d.sock" >"$out" 2>&1
got=$?
pid=$(pgrep -n -f "sctund --log stderr -S $dir/d.sock")
if [ "$got" -ne 0 ] || [ -z "$pid" ]; then
	echo "FAIL: daemonize: exit $got, pid '$pid'"
	fail=1
else
	kill -TERM "$pid"
	# the daemon (a forked child) must still see SIGTERM through its signalfd
	i=0
	while kill -0 "$pid" 2>/dev/null && [ $i -lt 50 ]; do
		sleep 0.1
		i=$((i + 1))
	done
	if kill -0 "$pid" 2>/dev/null; then
		echo "FAIL: the daemonized sctund ignored SIGTERM"
		kill -9 "$pid"
		fail=1
	else
		echo "ok: daemonizes without -f, and the daemon stops on SIGTERM"
	fi
fi
exit $fail
