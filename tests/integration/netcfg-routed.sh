#!/bin/sh
# SPDX-License-Identifier: MIT
# netcfg-routed.sh: routed mode on a TUN in a fresh namespace: MTU, host addresses, routes to
# the -a addresses outside the host prefix, link up; kernel errors with their ext-ack text;
# everything undone on exit.
. "${top_srcdir:-.}/tests/integration/netcfg-lib.sh"
ns=sctun-test-$$-r
mkns $ns
state $ns >"$tmp/before"

ip netns exec $ns "$nltool" routed sctun0 --mtu 1400 --host-addr 10.99.1.1/24 \
	--host-addr fd00:99:1::1/64 -a 10.99.1.2 -a 10.99.2.2 -a fd00:99:2::2 >"$tmp/out" 2>&1 &
pid=$!
pids=$pid
wait_for "$tmp/out" ready || { cat "$tmp/out"; bad "routed setup"; exit 1; }
check "MTU 1400 and link up" js $ns "j[0]['mtu'] == 1400 and 'UP' in j[0]['flags']" link show sctun0
check "host addresses on the TUN" js $ns \
	"sorted((a['local'], a['prefixlen']) for a in j[0]['addr_info'] if a['scope'] == 'global') == [('10.99.1.1', 24), ('fd00:99:1::1', 64)]" \
	addr show sctun0
check "host route to an -a address outside the prefix" js $ns \
	"any(r['dst'] == '10.99.2.2' and r['dev'] == 'sctun0' for r in j)" -4 route
check "no extra route to an -a address inside the prefix" js $ns \
	"not any(r['dst'] == '10.99.1.2' for r in j)" -4 route
check "IPv6 host route" js $ns "any(r['dst'] == 'fd00:99:2::2' and r['dev'] == 'sctun0' for r in j)" \
	-6 route
check "link state read back over netlink" sh -c \
	"ip netns exec $ns '$nltool' info sctun0 | grep -q 'link sctun0 ifindex [0-9]* mtu 1400 up'"
check "addresses read back over netlink" sh -c \
	"ip netns exec $ns '$nltool' info sctun0 | grep -q '^addr fd00:99:1::1/64'"
stop_pid $pid
check "driver exits 0 after undo" [ $? -eq 0 ]
state $ns >"$tmp/after"
check "namespace as before" cmp -s "$tmp/before" "$tmp/after"
check "TUN gone with its descriptor" sh -c "! ip -n $ns link show sctun0 2>/dev/null"

# Each run writes its own file: the shell truncates a reused one only after the fork, so
# wait_for could find the previous run's "ready" and signal a process not yet started.
# A persistent TUN stays, so undo must take back the MTU, addresses, routes and link state.
ip -n $ns tuntap add sctun1 mode tun
ip netns exec $ns "$nltool" routed sctun1 --mtu 1300 --host-addr 10.99.3.1/24 -a 10.99.4.4 \
	>"$tmp/out2" 2>&1 &
pid=$!
pids=$pid
wait_for "$tmp/out2" ready || { cat "$tmp/out2"; bad "routed setup on a persistent TUN"; }
stop_pid $pid
check "persistent TUN: MTU and link state restored" js $ns \
	"j[0]['mtu'] == 1500 and 'UP' not in j[0]['flags']" link show sctun1
check "persistent TUN: address removed" js $ns "not j[0]['addr_info']" addr show sctun1
check "persistent TUN: route removed" js $ns "not any(r['dst'] == '10.99.4.4' for r in j)" -4 route

# The kernel's extended ACK reaches the user: a /33 IPv4 prefix.
ip netns exec $ns "$nltool" routed sctun2 --host-addr 10.99.1.1/33 >"$tmp/out3" 2>&1
check "bad prefix refused (exit 1)" [ $? -eq 1 ]
check "kernel's message shown" grep -q "Invalid prefix length" "$tmp/out3"
check "nothing left after a failed setup" sh -c "! ip -n $ns link show sctun2 2>/dev/null"
exit $fail
