#!/bin/sh
# SPDX-License-Identifier: MIT
# capture.sh: capture one sctvec run between the test namespaces (see tests/vectors/README).
#
# usage: capture.sh OUT.pcap CAPNS IFACE LINKTYPE -- SERVERNS SERVER-ARGS -- CLIENTNS CLIENT-ARGS
# Runs as root. Starts tshark in CAPNS on IFACE (classic pcap, LINKTYPE as tshark's -y name),
# then the sctvec server in SERVERNS, then the client in CLIENTNS; stops tshark when the
# client has finished and the server has exited (or after the client's own timeout).
set -eu
SCTVEC=${SCTVEC:-/tmp/sctvec}
out=$1 capns=$2 ifc=$3 lt=$4
shift 4
[ "$1" = -- ] && shift
sns=$1
shift
sargs=""
while [ "$1" != -- ]; do sargs="$sargs $1"; shift; done
shift
cns=$1
shift
cargs="$*"

log=$(mktemp)
ip netns exec "$capns" tshark -q -i "$ifc" -y "$lt" -F pcap -w "$out" >"$log" 2>&1 &
tpid=$!
# Wait for tshark to really capture before the first packet leaves.
for _ in $(seq 50); do
	grep -q "Capturing on" "$log" && break
	sleep 0.1
done
sleep 0.5
# shellcheck disable=SC2086
ip netns exec "$sns" "$SCTVEC" server $sargs &
spid=$!
sleep 0.5
# shellcheck disable=SC2086
ip netns exec "$cns" "$SCTVEC" client $cargs || echo "client exited $?" >&2
# The server exits once the association is closed; do not wait forever (ABORT case).
for _ in $(seq 30); do kill -0 $spid 2>/dev/null || break; sleep 0.2; done
kill $spid 2>/dev/null || true
wait $spid 2>/dev/null || true
sleep 0.5
kill -INT $tpid
wait $tpid || true
rm -f "$log"
