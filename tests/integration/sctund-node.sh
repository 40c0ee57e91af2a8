#!/bin/sh
# SPDX-License-Identifier: MIT
# sctund-node.sh: the Node.js sctp module (npm, UDP mode) talks to sctund's echo service over
# RFC 6951 UDP encapsulation on loopback; the capture passes the tshark check.  Unprivileged.
. "${srcdir:-.}/tests/integration/solo-lib.sh"
NODE_PATH=${SCTUN_NODE_PATH:-/usr/local/lib/sctun-node/node_modules}
export NODE_PATH
command -v node >/dev/null || { echo "SKIP: needs node (nodejs)"; exit 77; }
[ -f "$NODE_PATH/sctp/package.json" ] || {
	echo "SKIP: needs the npm sctp module in $NODE_PATH (scripts/install-deps)"
	exit 77
}
command -v tshark >/dev/null || { echo "SKIP: needs tshark"; exit 77; }
start_solo -vv --echo 7 --pcap "$tmp/node.pcap"
port=$solo_port
timeout 30 node "$srcdir/tests/integration/node-sctp-client.js" $port 7 20 || fail=1
stop_solo
bad=$(tshark -n -r "$tmp/node.pcap" -o sctp.checksum:CRC-32C -d udp.port==$port,sctp \
	-Y 'sctp && (sctp.checksum.status != 1 || _ws.malformed || _ws.expert.severity >= 0x00800000)' \
	-T fields -e frame.number 2>/dev/null | wc -l)
data=$(tshark -n -r "$tmp/node.pcap" -d udp.port==$port,sctp -Y 'sctp.chunk_type == 0' \
	2>/dev/null | wc -l)
if [ "$bad" -eq 0 ] && [ "$data" -ge 20 ]; then
	echo "ok: the capture is clean ($data frames with DATA, none bad)"
else
	echo "FAIL: capture: $bad bad frames, $data with DATA"
	fail=1
fi
[ $fail -eq 0 ] || tail -30 "$tmp/sctund.log"
exit $fail
