#!/bin/sh
# SPDX-License-Identifier: MIT
# sctund-unshare.sh: an ordinary user (uid 65534) runs `unshare -Urn` and sctund inside it:
# sctund creates and configures its own TUN with no real privilege, the namespace's kernel
# pings the endpoint address through the TUN, and an unmodified socat under sctun-run gets
# its message echoed by sctund's echo service.  /dev/net/tun must be open to the user (it is
# 0666 on most systems); when it is not, the test opens it for the run and restores its mode.
top_builddir=${top_builddir:-.}
srcdir=${srcdir:-.}
skip() { echo "SKIP: $*"; exit 77; }
[ "$(id -u)" -eq 0 ] || skip "needs root (to run as another user)"
for t in setpriv unshare python3 socat; do
	command -v $t >/dev/null || skip "needs $t"
done
[ -c /dev/net/tun ] || skip "no /dev/net/tun"
uid=65534
asuser() { setpriv --reuid $uid --regid $uid --clear-groups "$@"; }
asuser unshare -Urn true 2>/dev/null || skip "unprivileged user namespaces are disabled"
tmp=$(mktemp -d /tmp/sctun-unshare.XXXXXX)
chmod 755 "$tmp"
mode=$(stat -c %a /dev/net/tun)
cleanup() {
	chmod "$mode" /dev/net/tun
	rm -rf "$tmp"
}
trap cleanup EXIT INT TERM
chmod 0666 /dev/net/tun
mkdir "$tmp/u"
chown $uid "$tmp/u"
abs() { (cd "$(dirname "$1")" && echo "$PWD/$(basename "$1")"); }
sctund=$(abs "$top_builddir/src/daemon/sctund")
run=$(abs "$top_builddir/tools/sctun-run")
lib=$(abs "$top_builddir/src/shim/.libs/libsctun.so")
echo_py=$(abs "$srcdir/tests/integration/icmp-echo.py")
. "${srcdir:-.}/tests/integration/preload-env.sh"
preload_env=$(asan_preload_env "$lib")
# everything below runs as uid 65534, root only inside its own user namespace
asuser env SCTUN_LIB="$lib" unshare -Urn sh -c "
	cd '$tmp/u'
	ip link set lo up
	'$sctund' -f -i sctun0 --host-addr 10.99.2.1/24 -a 10.99.2.2 --echo 7 -S s.sock \
		>sctund.log 2>&1 &
	p=\$!
	i=0
	while ! grep -q running sctund.log && [ \$i -lt 50 ]; do sleep 0.1; i=\$((i + 1)); done
	python3 '$echo_py' 10.99.2.2 >ping.log 2>&1 && echo ping-ok >>result
	echo hello-sctun | env $preload_env timeout 10 '$run' -S s.sock \
		socat - SCTP-CONNECT:10.99.2.2:7,shut-none >echo.out 2>echo.err
	grep -q hello-sctun echo.out && echo echo-ok >>result
	kill -TERM \$p
	wait \$p && echo exit-ok >>result
" 2>"$tmp/unshare.err"
fail=0
for r in ping-ok echo-ok exit-ok; do
	if grep -q "^$r\$" "$tmp/u/result" 2>/dev/null; then
		echo "ok: unshare -Urn as uid $uid: $r"
	else
		echo "FAIL: unshare -Urn as uid $uid: no $r"
		fail=1
	fi
done
[ $fail -eq 0 ] || cat "$tmp/unshare.err" "$tmp/u/sctund.log" "$tmp/u/echo.err" 2>/dev/null
exit $fail
