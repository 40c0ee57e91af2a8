#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
# gen-host-corpus.py: write the seed corpus of fuzz_host (record format: see fuzz_host.c).
import ipaddress
import os
import struct
import sys

out = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), "corpus", "host")
os.makedirs(out, exist_ok=True)


def a4(s):
    return ipaddress.IPv4Address(s).packed


def a6(s):
    return ipaddress.IPv6Address(s).packed


def ip4(src, dst, proto, payload, ident=1, mf=False, off=0, tos=0):
    flags = (0x2000 if mf else 0) | (off // 8)
    # checksum 0: the record op 1 makes the harness repair it
    return struct.pack("!BBHHHBBH4s4s", 0x45, tos, 20 + len(payload), ident, flags, 64, proto, 0,
                       a4(src), a4(dst)) + payload


def ip6(src, dst, nh, payload, flow=0, frag=None):
    if frag:
        ident, off, more = frag
        payload = struct.pack("!BBHI", nh, 0, off | more, ident) + payload
        nh = 44
    return struct.pack("!IHBB16s16s", (6 << 28) | flow, len(payload), nh, 64, a6(src),
                       a6(dst)) + payload


def sctp(n=32):
    return struct.pack("!HHII", 5000, 5001, 0x01020304, 0) + bytes((i * 7) & 0xff for i in range(n - 12))


def icmp(t, c, word, data):
    return struct.pack("!BBHI", t, c, 0, word) + data


def pkt(p, fix=True):
    return bytes([1 if fix else 0]) + struct.pack("!H", len(p)) + p


def wait(quarters):
    return bytes([2 | (quarters << 2)])


def send(d, n):
    return bytes([3, d]) + struct.pack("!H", n)


seeds = {
    "echo4": pkt(ip4("10.0.0.9", "10.0.0.1", 1, icmp(8, 0, 0x12340001, b"abcdefgh"))),
    "echo4_nonendpoint": pkt(ip4("10.0.0.9", "10.0.0.2", 1, icmp(8, 0, 0x12340001, b"x" * 8))),
    "echo4_bcast": pkt(ip4("10.0.0.9", "10.0.0.255", 1, icmp(8, 0, 1, b""))),
    "echo6": pkt(ip6("2001:db8::9", "2001:db8::1", 58, icmp(128, 0, 0x12340001, b"abcdefgh"))),
    "echo6_ll": pkt(ip6("fe80::9", "fe80::1", 58, icmp(128, 0, 7, b"z" * 40))),
    "sctp4": pkt(ip4("10.0.0.9", "10.0.0.1", 132, sctp(), tos=2)),
    "sctp6": pkt(ip6("2001:db8::9", "2001:db8::1", 132, sctp(), flow=0xabcde)),
    "sctp4_notlocal": pkt(ip4("10.0.0.9", "10.0.0.7", 132, sctp())),
    "sctp4_raw_badcsum": pkt(ip4("10.0.0.9", "10.0.0.1", 132, sctp()), fix=False),
    "tcp4": pkt(ip4("10.0.0.9", "10.0.0.1", 6, b"\0" * 20)) * 8 + wait(4) + pkt(
        ip4("10.0.0.9", "10.0.0.1", 6, b"\0" * 20)),
    "tcp6": pkt(ip6("2001:db8::9", "2001:db8::1", 6, b"\0" * 20)),
    "tcp6_mcast": pkt(ip6("2001:db8::9", "ff02::1", 6, b"\0" * 20)),
    "udp4_nocsum": pkt(ip4("10.0.0.9", "10.0.0.1", 17, struct.pack("!HHHH", 1, 2, 10, 0) + b"hi")),
    "ah6": pkt(ip6("2001:db8::9", "2001:db8::1", 51, b"\x06\x04" + b"\0" * 22)),
    "frag4": b"".join(pkt(ip4("10.0.0.9", "10.0.0.1", 132, sctp(3000)[o:o + 1480], ident=9,
                              mf=o + 1480 < 3000, off=o)) for o in (1480, 0, 2960)),
    "frag4_first_only": pkt(ip4("10.0.0.9", "10.0.0.1", 132, sctp(1000)[:800], ident=3, mf=True)) +
    wait(63) + wait(63),
    "frag4_overlap": pkt(ip4("10.0.0.9", "10.0.0.1", 6, b"a" * 800, ident=4, mf=True)) +
    pkt(ip4("10.0.0.9", "10.0.0.1", 6, b"b" * 800, ident=4, mf=False, off=400)),
    "frag6": b"".join(pkt(ip6("2001:db8::9", "2001:db8::1", 132, sctp(2000)[o:o + 1200],
                              frag=(77, o, 1 if o == 0 else 0))) for o in (0, 1200)),
    "frag6_echo": b"".join(pkt(ip6("2001:db8::9", "2001:db8::1", 58,
                                   icmp(128, 0, 5, b"q" * 1600)[o:o + 1200],
                                   frag=(78, o, 1 if o == 0 else 0)), fix=False) for o in (0, 1200)),
    "icmp4_fragneeded": pkt(ip4("10.0.1.254", "10.0.0.1", 1,
                                icmp(3, 4, 1200, ip4("10.0.0.1", "10.0.1.5", 132, sctp(1400))[:548]))) +
    send(1, 1400) + send(1 | 8, 1400),
    "icmp4_fragneeded_nomtu": pkt(ip4("10.0.1.254", "10.0.0.1", 1,
                                      icmp(3, 4, 0, ip4("10.0.0.1", "10.0.1.5", 132, sctp(1400))[:100]))),
    "icmp4_protounreach": pkt(ip4("10.0.1.254", "10.0.0.1", 1,
                                  icmp(3, 2, 0, ip4("10.0.0.1", "10.0.1.5", 132, sctp(40))))),
    "icmp4_udp_encap": pkt(ip4("10.0.1.254", "10.0.0.1", 1, icmp(
        3, 4, 1000, ip4("10.0.0.1", "10.0.1.5", 17, struct.pack("!HHHH", 9899, 9899, 40, 0) + sctp(32))))),
    "icmp4_notours": pkt(ip4("10.0.1.254", "10.0.0.1", 1,
                             icmp(3, 4, 1000, ip4("10.0.0.66", "10.0.1.5", 132, sctp(40))))),
    "icmp6_ptb": pkt(ip6("2001:db8:1::fe", "2001:db8::1", 58, icmp(
        2, 0, 1400, ip6("2001:db8::1", "2001:db8:5::1", 132, sctp(1400))[:1232]))) + send(5, 1400),
    "icmp6_param1": pkt(ip6("2001:db8:1::fe", "2001:db8::1", 58, icmp(
        4, 1, 6, ip6("2001:db8::1", "2001:db8:5::1", 132, sctp(64))))),
    "out_all": b"".join(send(d, 100) for d in range(8)) + send(0x40 | 4, 3000) + send(0, 4000),
    "out_srcbad": send(0x80 | 1, 100) + send(0x80 | 3, 100),
    "out_queue_full": send(0, 8000) * 4,
    "version_bad": pkt(b"\x50" + b"\0" * 30, fix=False),
    "empty_records": pkt(b"") + wait(0) + pkt(b"\x45", fix=True),
}

for name, data in seeds.items():
    with open(os.path.join(out, name), "wb") as f:
        f.write(data)
print(f"{len(seeds)} seeds in {out}")
