#!/bin/sh
# SPDX-License-Identifier: MIT
# shim-iperf3-maxseg.sh: iperf3 --sctp -M 1000 under sctun-run between two namespaces (sctund in
# shared mode): SCTP_MAXSEG (RFC 6458 8.1.16) must bound the DATA chunks on the wire to 1000
# bytes of user data, and the data must arrive.  A chunk above the size fails (1); any other
# failure is a hard error (99).
. "${srcdir:-.}/tests/integration/sctund-lib.sh"
. "${srcdir:-.}/tests/integration/iperf3-lib.sh"

iperf_run maxseg 5307 "" "-c 10.99.1.2 -M 1000" || hard=1
sizes=$(tshark -n -r "$tmp/p.pcap" -Y 'sctp.chunk_type == 0 && sctp.dstport == 5307' \
	-T fields -e sctp.chunk_length 2>/dev/null | tr ',' '\n' | sort -n | uniq -c)
n=$(echo "$sizes" | awk '{n += $1} END {print n + 0}')
big=$(echo "$sizes" | awk '$2 - 16 > 1000 {n += $1} END {print n + 0}')
[ "$n" -gt 1000 ] || { bad "too few DATA chunks in the capture ($n)"; hard=1; }
stop_both
[ $fail -eq 0 ] || hard=1
if [ -n "$hard" ]; then
	tail -n 20 "$tmp/p.log" "$tmp/s.log"
	exit 99
fi
if [ "$big" -eq 0 ]; then
	ok "-M 1000: none of the $n DATA chunks carries more than 1000 bytes"
	exit 0
fi
echo "FAIL: -M 1000 (SCTP_MAXSEG): $big of $n DATA chunks carry more than 1000 bytes; sizes:"
echo "$sizes" | sort -rn | head -5
exit 1
