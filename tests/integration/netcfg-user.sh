#!/bin/sh
# SPDX-License-Identifier: MIT
# netcfg-user.sh: without real privileges. An ordinary user in `unshare -Urn` creates and
# configures its own TUN; an ordinary user attaches to a TUN prepared for it with
# `ip tuntap add NAME mode tun user U`, reads its state, and gets a clear error when it
# tries to configure it or to attach to a TUN that is not its own.
. "${top_srcdir:-.}/tests/integration/netcfg-lib.sh"
command -v setpriv >/dev/null || skip "needs setpriv"
command -v unshare >/dev/null || skip "needs unshare"
uid=65534
asuser() { setpriv --reuid $uid --regid $uid --clear-groups "$@"; }
mkdir "$tmp/u"
chown $uid "$tmp/u"
cp "$nltool" "$tmp/nltool"
chmod 755 "$tmp/nltool"
asuser "$tmp/nltool" info lo >/dev/null 2>&1 || skip "uid $uid cannot run the test driver"

tunok=yes
asuser sh -c '[ -r /dev/net/tun ] && [ -w /dev/net/tun ]' ||
	{ tunok=no; echo "note: /dev/net/tun is not open to uid $uid here; TUN-opening checks not run"; }

# 1. unshare -Urn: root in a user namespace owns its network namespace.
if [ $tunok = no ]; then
	:
elif asuser unshare -Urn true 2>/dev/null; then
	asuser unshare -Urn sh -c "
		'$tmp/nltool' routed sctun0 --mtu 1400 --host-addr 10.99.1.1/24 -a 10.99.2.2 >'$tmp/u/u1' 2>&1 &
		p=\$!
		i=0; while ! grep -q ready '$tmp/u/u1' && [ \$i -lt 50 ]; do sleep 0.1; i=\$((i+1)); done
		ip -j addr show sctun0 >'$tmp/u/u1.addr'
		ip -j route >'$tmp/u/u1.route'
		kill \$p; wait \$p"
	check "user namespace: setup and undo succeed" grep -q undone "$tmp/u/u1"
	check "user namespace: address and MTU set" python3 -c "
import json; j = json.load(open('$tmp/u/u1.addr'))
assert j[0]['mtu'] == 1400 and j[0]['addr_info'][0]['local'] == '10.99.1.1'"
	check "user namespace: route added" grep -q '"dst":"10.99.2.2"' "$tmp/u/u1.route"
else
	echo "note: unprivileged user namespaces are disabled here; part 1 not run"
fi

# 2. A TUN prepared by the administrator for the user.
ns=sctun-test-$$-u
mkns $ns
ip -n $ns tuntap add sctun1 mode tun user $uid
ip -n $ns tuntap add sctun2 mode tun user 0
if [ $tunok = yes ]; then
	ip netns exec $ns setpriv --reuid $uid --regid $uid --clear-groups "$tmp/nltool" attach \
		sctun1 >"$tmp/u2" 2>&1
	check "user attaches to its prepared TUN" grep -q "tun sctun1 ifindex" "$tmp/u2"
	ip netns exec $ns setpriv --reuid $uid --regid $uid --clear-groups "$tmp/nltool" attach \
		sctun2 >"$tmp/u5" 2>&1
	check "someone else's TUN: EPERM with a hint" \
		grep -q "Operation not permitted.*ip tuntap add" "$tmp/u5"
fi
ip netns exec $ns setpriv --reuid $uid --regid $uid --clear-groups "$tmp/nltool" info sctun1 \
	>"$tmp/u3" 2>&1
check "user reads the link over netlink" grep -q "link sctun1 ifindex [0-9]* mtu 1500" "$tmp/u3"
ip netns exec $ns setpriv --reuid $uid --regid $uid --clear-groups "$tmp/nltool" routed sctun1 \
	--no-open --mtu 1400 >"$tmp/u4" 2>&1
check "configuring without CAP_NET_ADMIN fails (exit 1)" [ $? -eq 1 ]
check "... with a clear error" grep -q "Operation not permitted" "$tmp/u4"
check "... and changes nothing" js $ns "j[0]['mtu'] == 1500" link show sctun1
ip netns exec $ns setpriv --reuid $uid --regid $uid --clear-groups "$tmp/nltool" attach sctun9 \
	>"$tmp/u6" 2>&1
check "missing TUN: not created, ENODEV with a hint" grep -q "No such device.*ip tuntap add" \
	"$tmp/u6"
exit $fail
