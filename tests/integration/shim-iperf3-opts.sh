#!/bin/sh
# SPDX-License-Identifier: MIT
# shim-iperf3-opts.sh: unmodified iperf3 --sctp under sctun-run between two namespaces (sctund
# in shared mode in each) with its SCTP options: -N (SCTP_NODELAY), --nstreams (SCTP_INITMSG),
# -X (sctp_bindx of extra addresses), and the server's default IPv6 socket reached over IPv4
# (v4-mapped) and over IPv6.  Each run: sender bytes == receiver bytes; the captures show what
# the option asks for on the wire.  (-M, SCTP_MAXSEG, is shim-iperf3-maxseg.sh.)
. "${srcdir:-.}/tests/integration/sctund-lib.sh"
. "${srcdir:-.}/tests/integration/iperf3-lib.sh"
ok "two sctund in shared mode (P: 10.99.1.1, .11, fd00:99:1::1; S: 10.99.1.2, .12, fd00:99:1::2)"

# The server's default socket is AF_INET6 on :: (IPV6_V6ONLY off): an IPv4 client is v4-mapped.
iperf_run v4-mapped 5301 "" "-c 10.99.1.2"
iperf_run ipv6 5302 "" "-c fd00:99:1::2"
check "the IPv6 run's INIT went to fd00:99:1::2" \
	[ "$(count "$tmp/p.pcap" 'sctp.chunk_type == 1 && ipv6.dst == fd00:99:1::2 && sctp.dstport == 5302')" -ge 1 ]

# -N: SCTP_NODELAY on both ends
iperf_run nodelay 5303 "" "-c 10.99.1.2 -N"
# -N with 1000-byte messages: each goes as its own DATA chunk, nothing waits to be bundled
iperf_run nodelay-small 5304 "" "-c 10.99.1.2 -N -l 1000"

# --nstreams 7: SCTP_INITMSG asks for 7 outbound streams; the client's INIT says so.  (iperf3's
# option parser falls through from --nstreams into -b, which then reads "7": a bitrate of 7 bit/s,
# one block in 2 s; the -b after it sets the rate again.)
iperf_run nstreams 5305 "" "-c 10.99.1.2 --nstreams 7 -b 100M"
os=$(tshark -n -r "$tmp/p.pcap" -Y 'sctp.chunk_type == 1 && sctp.dstport == 5305' \
	-T fields -e sctp.init_nr_out_streams 2>/dev/null | head -1)
check "--nstreams 7: the client's INIT asks for 7 outbound streams (${os:-none})" [ "$os" = 7 ]

# -X: both ends bind two of their addresses with sctp_bindx; each INIT and INIT ACK lists the
# other address as an IPv4 address parameter (RFC 9260 3.3.2.1), and the data moves
# (-4: iperf3 resolves -X names for AF_INET6 unless told the family.)  The client bind()s its
# first address and adds the second with sctp_bindx; the server binds both with sctp_bindx.
iperf_run xbind 5306 "-4 -X 10.99.1.2 -X 10.99.1.12" "-4 -c 10.99.1.2 -X 10.99.1.1 -X 10.99.1.11"
init=$(tshark -n -r "$tmp/p.pcap" -Y 'sctp.chunk_type == 1 && sctp.dstport == 5306' \
	-T fields -e ip.src -e sctp.parameter_ipv4_address 2>/dev/null | head -1)
ack=$(tshark -n -r "$tmp/p.pcap" -Y 'sctp.chunk_type == 2 && sctp.srcport == 5306' \
	-T fields -e ip.src -e sctp.parameter_ipv4_address 2>/dev/null | head -1)
check "-X: the client's INIT carries its two addresses ($init)" \
	sh -c "echo '$init' | grep -q '10.99.1.1' && echo '$init' | grep -q '10.99.1.11'"
check "-X: the server's INIT ACK carries its two addresses ($ack)" \
	sh -c "echo '$ack' | grep -q '10.99.1.2' && echo '$ack' | grep -q '10.99.1.12'"
check "-X: no other address is offered" \
	sh -c "! echo '$init $ack' | tr '\t,' '  ' | tr ' ' '\n' | grep -v '^$' |
		grep -qvE '^10\.99\.1\.(1|11|2|12)$'"

stop_both
[ $fail -eq 0 ] || tail -n 20 "$tmp/p.log" "$tmp/s.log"
exit $fail
