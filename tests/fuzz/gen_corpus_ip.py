#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
# gen_corpus_ip.py: write the seed corpora of fuzz_ipv4, fuzz_ipv6 and fuzz_icmp.
# Run from the top of the tree: python3 tests/fuzz/gen_corpus_ip.py
import os
import struct

# loopback captures (tshark -i lo), as in tests/unit/test_wire_ip.c
CAP4_ECHO = "450000376f0a40004001cdb97f0000017f00000108004cc412340001736374756e2d70696e672d30313233343536373839616263646566"
CAP4_UDP = "4500002d7b8d40004011c1307f0000017f000001e84300090019fe2c68656c6c6f2d636c6f7365642d706f7274"
CAP4_UNREACH = "45c000496f42000040010cb07f0000017f00000103038943000000004500002d7b8d40004011c1307f0000017f000001e84300090019fe2c68656c6c6f2d636c6f7365642d706f7274"
CAP6_ECHO = "6002b49200233a4000000000000000000000000000000001000000000000000000000000000000018000d46412340001736374756e2d70696e672d30313233343536373839616263646566"
CAP6_UDP = "600cd2a5001911400000000000000000000000000000000100000000000000000000000000000001a5dd00090019002c68656c6c6f2d636c6f7365642d706f7274"

SRC6 = bytes.fromhex("20010db8" + "00" * 11 + "01")  # fixed addresses of fuzz_icmp
DST6 = bytes.fromhex("20010db8" + "00" * 11 + "02")


def csum(b):
    if len(b) % 2:
        b += b"\0"
    s = sum(struct.unpack("!%dH" % (len(b) // 2), b))
    while s >> 16:
        s = (s & 0xFFFF) + (s >> 16)
    return (~s) & 0xFFFF


def ip4(payload, proto=1, flags=0x4000, opts=b"", tos=0, ident=7, ttl=64, totlen=None):
    hl = 20 + len(opts)
    tl = hl + len(payload) if totlen is None else totlen
    h = struct.pack("!BBHHHBBH4s4s", 0x40 | (hl // 4), tos, tl, ident, flags, ttl, proto, 0,
                    bytes([192, 0, 2, 1]), bytes([198, 51, 100, 2])) + opts
    h = h[:10] + struct.pack("!H", csum(h)) + h[12:]
    return h + payload


def ip6(payload, nh=58, plen=None):
    pl = len(payload) if plen is None else plen
    return struct.pack("!IHBB", 0x60012345, pl, nh, 64) + SRC6 + DST6 + payload


def icmp4(t, c, word, data):
    m = struct.pack("!BBHI", t, c, 0, word) + data
    return m[:2] + struct.pack("!H", csum(m)) + m[4:]


def icmp6(t, c, word, data):
    m = struct.pack("!BBHI", t, c, 0, word) + data
    ph = SRC6 + DST6 + struct.pack("!IxxxB", len(m), 58)
    return m[:2] + struct.pack("!H", csum(ph + m)) + m[4:]


def write(name, files):
    d = os.path.join("tests", "fuzz", "corpus", name)
    os.makedirs(d, exist_ok=True)
    for i, (label, data) in enumerate(files):
        with open(os.path.join(d, "%02d-%s" % (i, label)), "wb") as f:
            f.write(data)


h = bytes.fromhex
sctp = struct.pack("!HHII", 5000, 5001, 0xCAFEF00D, 0) + b"\x01\x00\x00\x04"
write("ipv4", [
    ("cap-echo", h(CAP4_ECHO)),
    ("cap-udp", h(CAP4_UDP)),
    ("cap-unreach", h(CAP4_UNREACH)),
    ("padded", h(CAP4_ECHO) + b"\0" * 6),
    ("opts-rr", ip4(b"x" * 8, opts=b"\x01\x07\x07\x04\0\0\0\0\0\xff\xff\xff")),
    ("opts-ra", ip4(b"y" * 8, opts=b"\x94\x04\0\0")),
    ("opt-bad-len", ip4(b"", opts=b"\x01\x44\x01\x00")),
    ("frag-first", ip4(b"a" * 16, proto=132, flags=0x2000)),
    ("frag-last", ip4(b"b" * 5, proto=132, flags=0x0003)),
    ("frag-max", ip4(b"c" * 7, proto=132, flags=0x1FFF)),
    ("df-mf", ip4(b"d" * 8, flags=0x6000)),
    ("reserved", ip4(b"e", flags=0x8000)),
    ("sctp", ip4(sctp, proto=132, tos=0x02)),
    ("short-totlen", ip4(b"abc", totlen=19)),
    ("hdr-only", ip4(b"")),
    ("ihl4", h("44" + CAP4_ECHO[2:])),
])

hbh_pad = b"\x3a\x00\x00\x01\x02\x00\x00\x00"
dst = b"\x3a\x00\x01\x04\x00\x00\x00\x00"
echo6 = icmp6(128, 0, 0x12340001, b"ping")
write("ipv6", [
    ("cap-echo", h(CAP6_ECHO)),
    ("cap-udp", h(CAP6_UDP)),
    ("hbh-pad", ip6(hbh_pad + echo6, nh=0)),
    ("dst", ip6(dst + echo6, nh=60)),
    ("hbh-second", ip6(b"\x00" + dst[1:] + hbh_pad + echo6, nh=60)),
    ("routing-sl0", ip6(b"\x3a\x00\x00\x00\x00\x00\x00\x00" + echo6, nh=43)),
    ("routing-sl1", ip6(b"\x3a\x00\x04\x01\x00\x00\x00\x00" + echo6, nh=43)),
    ("frag-first", ip6(b"\x84\x00\x00\x01\x00\x00\x00\x2a" + sctp[:8], nh=44)),
    ("frag-last", ip6(b"\x84\x00\x05\xa8\x00\x00\x00\x2a" + sctp, nh=44)),
    ("frag-atomic", ip6(b"\x3c\x00\x00\x00\x00\x00\x00\x09" + dst + echo6, nh=44)),
    ("opt-unknown-skip", ip6(b"\x3a\x00\x1e\x04\x00\x00\x00\x00" + echo6, nh=0)),
    ("opt-unknown-icmp", ip6(b"\x3a\x00\x9e\x04\x00\x00\x00\x00" + echo6, nh=0)),
    ("ah", ip6(b"\0" * 16, nh=51)),
    ("jumbo", ip6(b"\x3a\x00\xc2\x04\x00\x01\x00\x08" + echo6, nh=0, plen=0)),
    ("no-next", ip6(b"", nh=59)),
    ("chain8", ip6(b"".join(bytes([60 if i < 7 else 58]) + dst[1:] for i in range(8)) + echo6,
                   nh=60)),
])

q4 = ip4(struct.pack("!HHHH", 9899, 9899, 24, 0) + sctp, proto=17)
q6 = ip6(sctp, nh=132)
write("icmp", [
    ("cap4-echo", h(CAP4_ECHO)[20:]),
    ("cap4-unreach", h(CAP4_UNREACH)[20:]),
    ("v4-frag-needed", icmp4(3, 4, 1400, q4[:28])),
    ("v4-proto-unreach", icmp4(3, 2, 0, q4)),
    ("v4-time-exceeded", icmp4(11, 0, 0, q4)),
    ("v4-param", icmp4(12, 0, 9 << 24, q4)),
    ("v4-source-quench", icmp4(4, 0, 0, q4)),
    ("v4-echo-reply", icmp4(0, 0, 0x00010002, b"abcdefgh")),
    ("v6-echo", icmp6(128, 0, 0x12340001, b"sctun")),
    ("v6-unreach", icmp6(1, 4, 0, q6)),
    ("v6-ptb", icmp6(2, 0, 1280, q6)),
    ("v6-time-exceeded", icmp6(3, 1, 0, q6)),
    ("v6-param", icmp6(4, 1, 6, q6)),
    ("v6-unknown-error", icmp6(5, 0, 0, q6)),
    ("v6-frag-quote", icmp6(1, 4, 0, ip6(b"\x84\x00\x00\x01\x00\x00\x00\x2a" + sctp, nh=44))),
    ("quote4-bare", q4[:28]),
    ("quote6-bare", q6[:48]),
])
