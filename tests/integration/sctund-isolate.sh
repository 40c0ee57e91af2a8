#!/bin/sh
# SPDX-License-Identifier: MIT
# sctund-isolate.sh: after setup sctund holds only CAP_NET_ADMIN (to restore the interface
# configuration at exit), no_new_privs is set, --user switches users, and the configuration
# is still undone at exit: no route or TUN left, with --user too.
. "${srcdir:-.}/tests/integration/sctund-lib.sh"

mkns $S || skip "cannot create a namespace"
# field NAME PID: a line of /proc/PID/status
field() { awk -v k="$1:" '$1 == k { print $2 }' "/proc/$2/status"; }
net_admin=0000000000001000

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
	check "$desc: the route to 10.99.2.0/24 is on sctun0" sh -c "ip -n $S route | grep -q '10.99.2.0/24 dev sctun0'"
	stop_sctund
	check "$desc: exits 0 on SIGTERM" [ $? -eq 0 ]
	check "$desc: the TUN is gone after exit" sh -c "! ip -n $S link show sctun0 2>/dev/null"
	check "$desc: no route to 10.99.2.0/24 is left" sh -c "! ip -n $S route | grep -q 10.99.2"
	grep -q "undoing the interface configuration" "$tmp/iso.log" &&
		bad "$desc: the undo failed: $(grep undoing "$tmp/iso.log")"
done
# shared mode with --user: its policy rules are removed at exit with the CAP_NET_ADMIN kept
ip -n $S link add vs type dummy && ip -n $S addr add 10.99.3.1/24 dev vs && ip -n $S link set vs up
start_sctund $S "$tmp/shared.log" -i sctun0 --shared --user nobody ||
	bad "sctund --shared --user nobody starts"
check "--shared --user nobody: the SCTP policy rule is there" \
	sh -c "ip -n $S rule | grep -q 'ipproto sctp'"
stop_sctund
check "--shared --user nobody: exits 0 on SIGTERM" [ $? -eq 0 ]
check "--shared --user nobody: no SCTP policy rule is left" \
	sh -c "! ip -n $S rule | grep -q 'ipproto sctp'"
check "--shared --user nobody: the local rule is back at priority 0" \
	sh -c "ip -n $S rule | grep -q '^0:.*lookup local'"

# UDP only, no TUN: nothing to restore, nothing kept; then a shared-mode sctund whose last
# setup step fails (its -S socket is this one's) restores the rules it had already added
ip netns exec $S "$sctund" -f -u 9899 -S "$tmp/u.sock" >"$tmp/u.log" 2>&1 &
upid=$!
pids="$pids $upid"
wait_for "$tmp/u.log" running || bad "sctund -u starts"
ip netns exec $S "$sctund" -f -i sctun1 --shared -S "$tmp/u.sock" >"$tmp/late.log" 2>&1
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
kill -TERM $upid
wait $upid
[ $fail -eq 0 ] || cat "$tmp/iso.log"
exit $fail
