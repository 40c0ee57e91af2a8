#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
# icmp-echo.py: one ICMP/ICMPv6 echo request to ADDR; exit 0 when the matching reply comes
# (ping(8) without iputils).  usage: icmp-echo.py ADDR
import os
import socket
import struct
import sys
import time

def csum(b):
    if len(b) % 2:
        b += b"\0"
    s = sum(struct.unpack("!%dH" % (len(b) // 2), b))
    while s >> 16:
        s = (s & 0xFFFF) + (s >> 16)
    return ~s & 0xFFFF

addr = sys.argv[1]
v6 = ":" in addr
ident, seq = os.getpid() & 0xFFFF, 1
payload = b"sctun-echo-test" * 4
if v6:
    s = socket.socket(socket.AF_INET6, socket.SOCK_RAW, socket.IPPROTO_ICMPV6)
    req = struct.pack("!BBHHH", 128, 0, 0, ident, seq) + payload  # the kernel sums ICMPv6
else:
    s = socket.socket(socket.AF_INET, socket.SOCK_RAW, socket.IPPROTO_ICMP)
    req = struct.pack("!BBHHH", 8, 0, 0, ident, seq) + payload
    req = req[:2] + struct.pack("!H", csum(req)) + req[4:]
s.settimeout(2)
s.sendto(req, (addr, 0))
end = time.time() + 2
while time.time() < end:
    try:
        data, src = s.recvfrom(65535)
    except socket.timeout:
        break
    if not v6:
        data = data[(data[0] & 15) * 4:]
    t, _, _, rid, rseq = struct.unpack("!BBHHH", data[:8])
    if t == (129 if v6 else 0) and rid == ident and rseq == seq and data[8:] == payload:
        print("echo reply from %s" % src[0])
        sys.exit(0)
print("no echo reply from %s" % addr)
sys.exit(1)
