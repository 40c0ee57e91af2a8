#!/bin/sh
# SPDX-License-Identifier: MIT
# emit-all-tshark.sh: tshark must decode every packet emit_all builds, with no bad SCTP frame
# and exactly as many SCTP / ICMP / ICMPv6 frames as emit_all says it wrote.
#
# Exit 0 pass, 1 fail, 77 skip (no tshark), as automake's test driver expects.
set -u

TSHARK=${TSHARK:-tshark}
if ! command -v "$TSHARK" >/dev/null 2>&1; then
	echo "SKIP: tshark not found (install the tshark package to run this test)"
	exit 77
fi
builddir=${top_builddir:-.}
prog=$builddir/tests/integration/emit_all
if [ ! -x "$prog" ]; then
	echo "FAIL: $prog not built"
	exit 1
fi

tmp=$(mktemp -d "${TMPDIR:-/tmp}/emit-all.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT
cap=$tmp/emit-all.pcap

"$prog" "$cap" >"$tmp/out" || { cat "$tmp/out"; echo "FAIL: emit_all failed"; exit 1; }
cat "$tmp/out"
"$TSHARK" --version 2>/dev/null | head -n 1

# RFC 6951 5.1: 9899 is SCTP's UDP port, which tshark 4.0 does not decode as SCTP by default.
# Reassembly is on so the second fragment of each fragmented packet shows the SCTP packet.
opts="-n -r $cap -o sctp.checksum:CRC-32C -o ip.defragment:TRUE -o ipv6.defragment:TRUE
	-d udp.port==9899,sctp"

status=0

# (a) The check of /work/shared/SHIM-SURFACE.md: SCTP frames (not the copies quoted in ICMP)
# that are malformed, have a bad CRC32c or carry an error-level expert item.
# shellcheck disable=SC2086
"$TSHARK" $opts -Y 'sctp && !icmp && !icmpv6 && (sctp.checksum.status != 1 ||
	_ws.malformed || _ws.expert.severity >= 0x00800000)' \
	-T fields -e frame.number -e _ws.col.Info >"$tmp/bad" 2>"$tmp/err2"
# tshark warns on stderr when it runs as root; anything else there is a failure.
grep -v 'Running as user "root"' "$tmp/err2" >"$tmp/err"
if [ -s "$tmp/bad" ] || [ -s "$tmp/err" ]; then
	sed 's/^/bad SCTP frame /' "$tmp/bad"
	cat "$tmp/err"
	status=1
fi

# No frame at all, ICMP included, may be malformed.
# shellcheck disable=SC2086
"$TSHARK" $opts -Y '_ws.malformed' -T fields -e frame.number -e _ws.col.Info >"$tmp/mal" 2>/dev/null
if [ -s "$tmp/mal" ]; then
	sed 's/^/malformed frame /' "$tmp/mal"
	status=1
fi

# (b) What tshark dissected, by the protocols of each frame, against what emit_all wrote.
# shellcheck disable=SC2086
"$TSHARK" $opts -T fields -e frame.protocols >"$tmp/protos" 2>/dev/null || status=1
awk '
	/(^|:)icmpv6(:|$)/ { v6++; next }
	/(^|:)icmp(:|$)/ { v4++; next }
	/(^|:)sctp(:|$)/ { s++; next }
	{ o++ }
	END { printf "got frames %d\ngot sctp %d\ngot icmp %d\ngot icmpv6 %d\ngot other %d\n",
		NR, s, v4, v6, o }' "$tmp/protos" >"$tmp/got"
for k in frames sctp icmp icmpv6 other; do
	want=$(awk -v k="$k" '$1 == "expect" && $2 == k { print $3 }' "$tmp/out")
	got=$(awk -v k="$k" '$1 == "got" && $2 == k { print $3 }' "$tmp/got")
	if [ "$want" != "$got" ]; then
		echo "FAIL: emit_all wrote $want $k frame(s), tshark found $got"
		status=1
	else
		echo "ok: $got $k frame(s)"
	fi
done
[ $status -eq 0 ] && echo "PASS: tshark accepts all $(awk '$2 == "frames" { print $3 }' "$tmp/got") frames"
exit $status
