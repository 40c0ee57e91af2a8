#!/bin/sh
# SPDX-License-Identifier: MIT
# dissect.sh F.pcap...: write F.txt beside each capture: the SHIM-SURFACE check, tshark's
# one-line summary, then the IP/UDP/ICMP/SCTP details of every packet.
set -eu
for f in "$@"; do
	t=${f%.pcap}.txt
	{
		echo "# $(basename "$f"): tshark $(tshark --version | sed -n '1s/.*(Wireshark) \([^ ]*\).*/\1/p') dissection"
		echo "# check: CRC32c good, nothing malformed (ICMP-quoted copies excluded):"
		if tshark -n -r "$f" -o sctp.checksum:CRC-32C \
			-Y 'sctp && !icmp && !icmpv6 && (sctp.checksum.status != 1 || _ws.malformed || _ws.expert.severity >= 0x00800000)' \
			-T fields -e frame.number 2>/dev/null |
			awk '{print "bad SCTP frame " $0} END{exit NR>0}'; then
			echo "#   good"
		else
			echo "#   BAD"
		fi
		echo
		echo "## Summary"
		tshark -n -r "$f" -o sctp.checksum:CRC-32C 2>/dev/null
		echo
		echo "## Details"
		tshark -n -r "$f" -o sctp.checksum:CRC-32C -o ip.check_checksum:TRUE \
			-o udp.check_checksum:TRUE -O ip,ipv6,udp,icmp,icmpv6,sctp 2>/dev/null |
			grep -v '^\s*\[\(Time since\|Timestamps\|Stream index\|Association index\)'
	} >"$t"
done
