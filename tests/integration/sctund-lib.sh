# SPDX-License-Identifier: MIT
# sctund-lib.sh: helpers for the sctund-*.sh tests (sourced, not run): namespaces P (peer) and
# S (sctund) joined by a veth, a usrsctp client built from tests/vectors/gen/sctvec.c, tshark.
sctund=${top_builddir:-.}/src/daemon/sctund
srcdir=${srcdir:-.}
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
for t in ip python3 gcc tshark timeout; do
	command -v $t >/dev/null || skip "needs $t"
done
[ -x "$sctund" ] || skip "sctund not built"
[ -c /dev/net/tun ] || skip "no /dev/net/tun"
[ -f /usr/include/usrsctp.h ] || skip "needs libusrsctp-dev"
ip netns add sctun-probe-$$ 2>/dev/null || skip "cannot create network namespaces"
ip netns del sctun-probe-$$
tmp=$(mktemp -d /tmp/sctun-sctund.XXXXXX)
chmod 755 "$tmp"
namespaces=
pids=
cleanup() {
	for p in $pids; do kill -TERM "$p" 2>/dev/null; done
	sleep 0.3
	for p in $pids; do kill -9 "$p" 2>/dev/null; done
	for n in $namespaces; do ip netns del "$n" 2>/dev/null; done
	rm -rf "$tmp"
}
trap cleanup EXIT INT TERM
mkns() { ip netns add "$1" && namespaces="$namespaces $1" && ip -n "$1" link set lo up; }

# The usrsctp client (verifies every echo byte for byte, exits 0 after a clean shutdown).
sctvec=$tmp/sctvec
gcc -O1 -o "$sctvec" "$srcdir/tests/vectors/gen/sctvec.c" -lusrsctp -lpthread 2>"$tmp/gcc.log" ||
	skip "cannot build sctvec against usrsctp: $(head -1 "$tmp/gcc.log")"

# P=sctun-test-$$-p and S=sctun-test-$$-s, veth vp (P) / vs (S) with 10.99.1.1-2/24 and
# fd00:99:1::1-2/64, forwarding on in S.
P=sctun-test-$$-p
S=sctun-test-$$-s
two_namespaces() {
	mkns $P && mkns $S || skip "cannot create namespaces"
	ip link add vp netns $P type veth peer name vs netns $S || skip "cannot create a veth"
	ip -n $P addr add 10.99.1.1/24 dev vp
	ip -n $S addr add 10.99.1.2/24 dev vs
	ip -n $P addr add fd00:99:1::1/64 dev vp nodad
	ip -n $S addr add fd00:99:1::2/64 dev vs nodad
	ip -n $P link set vp up
	ip -n $S link set vs up
}

# wait_for FILE WORD [TENTHS]: up to 5 s (or TENTHS/10 s) for WORD to appear in FILE
wait_for() {
	i=0
	while ! grep -q "$2" "$1" 2>/dev/null; do
		i=$((i + 1))
		[ $i -gt "${3:-50}" ] && return 1
		sleep 0.1
	done
}

# peer CMD...: run CMD in P (at most 20 s), its output to $tmp/peer.log
peer() {
	echo "--- $*" >>"$tmp/peer.log"
	ip netns exec $P timeout 20 "$@" >>"$tmp/peer.log" 2>&1
}

# start_sctund NS LOG args...: run sctund in the foreground in NS, wait for "running"
start_sctund() {
	ns=$1
	log=$2
	shift 2
	# emptied here, not by a redirection of the background job: wait_for could find an
	# earlier run's "running" in a reused log before the job got to truncate it
	: >"$log"
	ip netns exec "$ns" "$sctund" -f -vv -S "$tmp/sctund.sock" "$@" >>"$log" 2>&1 &
	sctund_pid=$!
	pids="$pids $sctund_pid"
	wait_for "$log" "notice: running$" || { cat "$log"; return 1; }
}

# stop_sctund: SIGTERM, wait up to 8 s; returns sctund's exit status (124: still running)
stop_sctund() {
	kill -TERM "$sctund_pid"
	i=0
	while kill -0 "$sctund_pid" 2>/dev/null; do
		i=$((i + 1))
		[ $i -gt 80 ] && return 124
		sleep 0.1
	done
	wait "$sctund_pid"
}

# tshark_ok PCAP [EXTRA tshark args]: no bad SCTP frame (/work/shared/SHIM-SURFACE.md)
tshark_ok() {
	cap=$1
	shift
	[ -s "$cap" ] || return 1
	tshark -n -r "$cap" -o sctp.checksum:CRC-32C "$@" \
		-Y 'sctp && !icmp && !icmpv6 && (sctp.checksum.status != 1 || _ws.malformed || _ws.expert.severity >= 0x00800000)' \
		-T fields -e frame.number 2>/dev/null | awk '{print "bad SCTP frame " $0} END{exit NR>0}'
}

# count PCAP FILTER [EXTRA tshark args]: frames matching FILTER
count() {
	cap=$1
	filter=$2
	shift 2
	tshark -n -r "$cap" "$@" -Y "$filter" 2>/dev/null | wc -l
}
