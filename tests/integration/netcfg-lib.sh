# SPDX-License-Identifier: MIT
# netcfg-lib.sh: shared helpers for the netcfg-*.sh tests (sourced, not run).
nltool=${top_builddir:-.}/tests/integration/nltool
fail=0
skip() { echo "SKIP: $*"; exit 77; }
ok() { echo "ok: $*"; }
bad() { echo "FAIL: $*"; fail=1; }
check() { # description command...: the command must succeed
	what=$1
	shift
	if "$@"; then ok "$what"; else bad "$what"; fi
}
[ "$(id -u)" -eq 0 ] || skip "needs root (network namespaces)"
command -v ip >/dev/null || skip "needs iproute2"
command -v python3 >/dev/null || skip "needs python3"
[ -x "$nltool" ] || skip "nltool not built"
[ -c /dev/net/tun ] || skip "no /dev/net/tun"
ip netns add sctun-probe-$$ 2>/dev/null || skip "cannot create network namespaces"
ip netns del sctun-probe-$$
tmp=$(mktemp -d /tmp/sctun-netcfg.XXXXXX)
chmod 755 "$tmp"
namespaces=
pids=
cleanup() {
	for p in $pids; do kill "$p" 2>/dev/null; done
	for n in $namespaces; do ip netns del "$n" 2>/dev/null; done
	rm -rf "$tmp"
}
trap cleanup EXIT INT TERM
mkns() { ip netns add "$1" && namespaces="$namespaces $1" && ip -n "$1" link set lo up; }

# wait_for FILE WORD: up to 5 s for WORD to appear in FILE
# stop_pid PID: SIGTERM, up to 10 s to exit, then SIGKILL (a hung helper must not
# hang the suite); returns the process's exit status (137 after SIGKILL).
stop_pid() {
	kill -TERM "$1" 2>/dev/null
	i=0
	while kill -0 "$1" 2>/dev/null; do
		i=$((i + 1))
		if [ $i -gt 100 ]; then
			echo "warning: pid $1 ignored SIGTERM for 10 s; killed"
			kill -KILL "$1" 2>/dev/null
			break
		fi
		sleep 0.1
	done
	wait "$1"
}

wait_for() {
	i=0
	while ! grep -q "$2" "$1" 2>/dev/null; do
		i=$((i + 1))
		[ $i -gt 50 ] && return 1
		sleep 0.1
	done
}

# js NS PYTHON-EXPR ip-args...: evaluate a python expression over `ip -j ARGS` (as j)
js() {
	ns=$1
	expr=$2
	shift 2
	ip -n "$ns" -j "$@" | python3 -c "import json,sys; j=json.load(sys.stdin); sys.exit(0 if ($expr) else 1)"
}

# state NS: the things netcfg may change, to compare before/after
state() {
	for f in -4 -6; do
		ip -n "$1" $f rule
		ip -n "$1" $f route show table all | grep -v "proto kernel\|^local\|^broadcast\|^multicast\|^anycast"
	done
	ip netns exec "$1" sh -c 'for f in /proc/sys/net/ipv4/conf/*/accept_local /proc/sys/net/ipv4/conf/*/rp_filter /proc/sys/net/ipv4/conf/*/forwarding /proc/sys/net/ipv6/conf/*/forwarding /proc/sys/net/ipv6/conf/*/force_forwarding; do [ -e "$f" ] && echo "$f $(cat $f)"; done' | grep -v tun
}
