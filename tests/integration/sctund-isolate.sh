#!/bin/sh
# SPDX-License-Identifier: MIT
# sctund-isolate.sh: after setup sctund holds only CAP_NET_ADMIN (to restore the interface
# configuration at exit), no_new_privs is set, --user switches users, a seccomp filter is on,
# and the configuration is still undone at exit: no route or TUN left, with --user too.  Under
# the filter, unmodified socat under sctun-run moves 1 MiB intact through a routed sctund and
# a TUN-less one, shared mode follows a new address, and SIGTERM stops sctund with status 0.
. "${srcdir:-.}/tests/integration/sctund-lib.sh"

run=${top_builddir:-.}/tools/sctun-run
lib=${top_builddir:-.}/src/shim/.libs/libsctun.so
[ -x "$run" ] || skip "sctun-run not built"
[ -f "$lib" ] || skip "libsctun.so not built"
command -v socat >/dev/null || skip "needs socat"
SCTUN_LIB=$(cd "$(dirname "$lib")" && pwd)/libsctun.so
export SCTUN_LIB
. "${srcdir:-.}/tests/integration/preload-env.sh"
preload_env=$(asan_preload_env "$SCTUN_LIB")

mkns $S || skip "cannot create a namespace"
# field NAME PID: a line of /proc/PID/status
field() { awk -v k="$1:" '$1 == k { print $2 }' "/proc/$2/status"; }
net_admin=0000000000001000

# A sanitizer build installs no filter (sctund(8), SECURITY) and says so.
sanitize=0
grep -q '^#define SCTUN_SANITIZE 1' "${top_builddir:-.}/config.h" && sanitize=1
# filter_on DESC PID LOG: the seccomp filter is on (mode 2, at least one filter)
filter_on() {
	if [ $sanitize -eq 1 ]; then
		check "$1: sanitizer build: no seccomp filter, and the log says so" \
			sh -c "[ \"$(field Seccomp $2)\" = 0 ] && grep -q 'not installed in a sanitizer build' '$3'"
		return
	fi
	check "$1: seccomp filter mode (Seccomp: 2)" [ "$(field Seccomp $2)" = 2 ]
	check "$1: at least one seccomp filter" [ "$(field Seccomp_filters $2)" -ge 1 ]
}
# socat_1m DESC SOCK ADDR PORT: socat under sctun-run, 1 MiB from one socket of the sctund
# at SOCK to another, through ADDR; compared by hash
head -c 1048576 /dev/urandom >"$tmp/in"
want=$(sha256sum <"$tmp/in")
socat_1m() {
	rm -f "$tmp/out"
	ip netns exec $S env $preload_env timeout 30 "$run" -S "$2" \
		socat -u SCTP-LISTEN:$4,reuseaddr OPEN:"$tmp/out",creat,trunc 2>"$tmp/socat-l.log" &
	srv=$!
	sleep 0.5
	ip netns exec $S env $preload_env timeout 30 "$run" -S "$2" \
		socat -u OPEN:"$tmp/in" SCTP-CONNECT:$3:$4 2>"$tmp/socat-c.log"
	crc=$?
	wait $srv
	src=$?
	check "$1: socat through sctun-run: 1 MiB intact (client $crc, server $src)" \
		sh -c "[ $crc -eq 0 ] && [ $src -eq 0 ] && [ \"\$(sha256sum <'$tmp/out')\" = '$want' ]"
}
# no_sigsys DESC LOG: the filter killed nothing (sctund's SIGSYS handler writes this line)
no_sigsys() { check "$1: no system call refused" sh -c "! grep -q 'seccomp: system call .* is not allowed' '$2'"; }

for user in "" nobody; do
	desc="sctund${user:+ --user $user}"
	start_sctund $S "$tmp/iso.log" -i sctun0 --host-addr 10.99.2.1/24 -a 10.99.2.2 \
		${user:+--user $user} || { bad "$desc starts"; continue; }
	check "$desc: no_new_privs" [ "$(field NoNewPrivs $sctund_pid)" = 1 ]
	check "$desc: effective capabilities: CAP_NET_ADMIN only" \
		[ "$(field CapEff $sctund_pid)" = $net_admin ]
	check "$desc: permitted: CAP_NET_ADMIN only" [ "$(field CapPrm $sctund_pid)" = $net_admin ]
	check "$desc: bounding set: CAP_NET_ADMIN only" [ "$(field CapBnd $sctund_pid)" = $net_admin ]
	if [ -n "$user" ]; then
		check "$desc: runs as uid 65534" [ "$(field Uid $sctund_pid | cut -f1)" = 65534 ]
	fi
	filter_on "$desc" $sctund_pid "$tmp/iso.log"
	# the routed -a address: the peer's packets go through the host layer's loopback path
	socat_1m "$desc: to 10.99.2.2" "$tmp/sctund.sock" 10.99.2.2 7001
	check "$desc: the route to 10.99.2.0/24 is on sctun0" sh -c "ip -n $S route | grep -q '10.99.2.0/24 dev sctun0'"
	stop_sctund
	check "$desc: exits 0 on SIGTERM" [ $? -eq 0 ]
	check "$desc: the TUN is gone after exit" sh -c "! ip -n $S link show sctun0 2>/dev/null"
	check "$desc: no route to 10.99.2.0/24 is left" sh -c "! ip -n $S route | grep -q 10.99.2"
	grep -q "undoing the interface configuration" "$tmp/iso.log" &&
		bad "$desc: the undo failed: $(grep undoing "$tmp/iso.log")"
	no_sigsys "$desc" "$tmp/iso.log"
done
# shared mode with --user: its policy rules are removed at exit with the CAP_NET_ADMIN kept
# (a veth: this kernel may lack the dummy driver)
ip -n $S link add vs type veth peer name vsp && ip -n $S addr add 10.99.3.1/24 dev vs &&
	ip -n $S link set vs up && ip -n $S link set vsp up || bad "a veth with 10.99.3.1 in $S"
start_sctund $S "$tmp/shared.log" -i sctun0 --shared --user nobody ||
	bad "sctund --shared --user nobody starts"
check "--shared --user nobody: the SCTP policy rule is there" \
	sh -c "ip -n $S rule | grep -q 'ipproto sctp'"
check "--shared: the namespace's address 10.99.3.1 is served" \
	grep -q "serving SCTP on 10.99.3.1" "$tmp/shared.log"
filter_on "--shared --user nobody" $sctund_pid "$tmp/shared.log"
# an address that appears now: followed under the filter (if_indextoname(), sysctls, netlink)
ip -n $S link add vs2 type veth peer name vs2p && ip -n $S addr add 10.99.4.1/24 dev vs2 &&
	ip -n $S link set vs2 up && ip -n $S link set vs2p up || bad "a veth with 10.99.4.1 in $S"
check "--shared under the filter: a new address is served" \
	wait_for "$tmp/shared.log" "serving SCTP on 10.99.4.1" 100
check "--shared under the filter: its interface's SCTP is steered (iif vs2 rule)" \
	sh -c "ip -n $S rule | grep -q 'iif vs2'"
check "--shared under the filter: sctund is still running" kill -0 $sctund_pid
stop_sctund
check "--shared --user nobody: exits 0 on SIGTERM" [ $? -eq 0 ]
check "--shared --user nobody: no SCTP policy rule is left" \
	sh -c "! ip -n $S rule | grep -q 'ipproto sctp'"
check "--shared --user nobody: the local rule is back at priority 0" \
	sh -c "ip -n $S rule | grep -q '^0:.*lookup local'"
no_sigsys "--shared --user nobody" "$tmp/shared.log"

# UDP only, no TUN: nothing to restore, nothing kept; then a shared-mode sctund whose last
# setup step fails (its -S socket is this one's) restores the rules it had already added
ip netns exec $S "$sctund" -f -u 9899 -S "$tmp/u.sock" >"$tmp/u.log" 2>&1 &
upid=$!
pids="$pids $upid"
wait_for "$tmp/u.log" running || bad "sctund -u starts"
# bounded: should the first one not be there, this one would serve for ever (status 124)
ip netns exec $S timeout 20 "$sctund" -f -i sctun1 --shared -S "$tmp/u.sock" >"$tmp/late.log" 2>&1
check "a setup failure after the interface configuration: exit 1" [ $? -eq 1 ]
check "... it says why" grep -q "another sctund answers there" "$tmp/late.log"
check "... and no SCTP policy rule is left" sh -c "! ip -n $S rule | grep -q 'ipproto sctp'"
kill -TERM $upid
wait $upid
rm -f "$tmp/u.log"
ip netns exec $S "$sctund" -f -u 9899 -S "$tmp/u2.sock" >"$tmp/u.log" 2>&1 &
upid=$!
pids="$pids $upid"
wait_for "$tmp/u.log" running || bad "sctund -u starts again"
check "sctund -u (no TUN): no capability left" [ "$(field CapEff $upid)" = 0000000000000000 ]
check "sctund -u: bounding set empty" [ "$(field CapBnd $upid)" = 0000000000000000 ]
check "sctund -u: no_new_privs" [ "$(field NoNewPrivs $upid)" = 1 ]
filter_on "sctund -u" $upid "$tmp/u.log"
socat_1m "sctund -u (no TUN): to 127.0.0.1" "$tmp/u2.sock" 127.0.0.1 7002
kill -TERM $upid
wait $upid
check "sctund -u: exits 0 on SIGTERM under the filter" [ $? -eq 0 ]
no_sigsys "sctund -u" "$tmp/u.log"

# --no-seccomp: no filter, everything else as before
ip netns exec $S "$sctund" -f -u 9899 -S "$tmp/u3.sock" --no-seccomp >"$tmp/n.log" 2>&1 &
upid=$!
pids="$pids $upid"
wait_for "$tmp/n.log" running || bad "sctund --no-seccomp starts"
check "--no-seccomp: no filter (Seccomp: 0)" [ "$(field Seccomp $upid)" = 0 ]
check "--no-seccomp: still no_new_privs" [ "$(field NoNewPrivs $upid)" = 1 ]
check "--no-seccomp: the log says so" grep -q -- "--no-seccomp: no system call filter" "$tmp/n.log"
kill -TERM $upid
wait $upid
[ $fail -eq 0 ] || tail -n 20 "$tmp/iso.log" "$tmp/shared.log" "$tmp/u.log"
exit $fail
