#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
# rawip.py IN.pcap OUT.pcap [FRAME...]: turn an Ethernet pcap into a LINKTYPE_RAW (101) one:
# strip the 14-byte Ethernet header and set both record lengths to the IP packet's length
# (editcap -C would leave the original wire length in place). Keeps only FRAMEs (1-based) if given.
import struct
import sys

src, dst, keep = sys.argv[1], sys.argv[2], {int(a) for a in sys.argv[3:]}
data = open(src, "rb").read()
magic, vmaj, vmin, zone, sigfigs, snap, link = struct.unpack("<IHHiIII", data[:24])
assert magic in (0xA1B2C3D4, 0xA1B23C4D) and link == 1, "little-endian Ethernet pcap expected"
out = [struct.pack("<IHHiIII", magic, vmaj, vmin, zone, sigfigs, snap, 101)]
off, n = 24, 0
while off < len(data):
    sec, frac, incl, orig = struct.unpack("<IIII", data[off:off + 16])
    pkt = data[off + 16:off + 16 + incl]
    off += 16 + incl
    n += 1
    if keep and n not in keep:
        continue
    assert incl == orig and pkt[12:14] in (b"\x08\x00", b"\x86\xdd"), "whole IP frames only"
    ip = pkt[14:]
    out.append(struct.pack("<IIII", sec, frac, len(ip), len(ip)) + ip)
open(dst, "wb").write(b"".join(out))
