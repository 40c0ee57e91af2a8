#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
# sctp-init-abort.py: send a hand-made INIT to ADDR:PORT over a raw IPv4 socket and check the
# answer is an ABORT with the T bit clear and the INIT's Initiate Tag as its verification tag
# (RFC 9260 8.4 item 3, 8.5.1 B).  usage: sctp-init-abort.py ADDR PORT
import os
import socket
import struct
import sys

def crc32c(data):
    crc = 0xFFFFFFFF
    for b in data:
        crc ^= b
        for _ in range(8):
            crc = (crc >> 1) ^ (0x82F63B78 if crc & 1 else 0)
    return crc ^ 0xFFFFFFFF

def packet(sport, dport, vtag, chunks):
    hdr = struct.pack("!HHII", sport, dport, vtag, 0)
    pkt = hdr + chunks
    return hdr[:8] + struct.pack("<I", crc32c(pkt)) + chunks

dst, dport = sys.argv[1], int(sys.argv[2])
itag = struct.unpack("!I", os.urandom(4))[0] | 1
sport = 40000 + os.getpid() % 20000
# INIT (RFC 9260 3.3.2): tag, a_rwnd, OS, MIS, initial TSN
init = struct.pack("!BBHIIHHI", 1, 0, 20, itag, 65536, 10, 10, 1)
s = socket.socket(socket.AF_INET, socket.SOCK_RAW, 132)
s.settimeout(3)
s.sendto(packet(sport, dport, 0, init), (dst, 0))
while True:
    try:
        data, _ = s.recvfrom(65535)
    except socket.timeout:
        print("no answer to the INIT")
        sys.exit(1)
    ihl = (data[0] & 15) * 4
    sctp = data[ihl:]
    if len(sctp) < 16:
        continue
    p_sport, p_dport, vtag = struct.unpack("!HHI", sctp[:8])
    if p_sport != dport or p_dport != sport:
        continue
    ctype, cflags = sctp[12], sctp[13]
    good_crc = struct.unpack("<I", sctp[8:12])[0] == crc32c(sctp[:8] + b"\0\0\0\0" + sctp[12:])
    print("answer: chunk type %d flags %#x vtag %#x (INIT tag %#x) crc %s"
          % (ctype, cflags, vtag, itag, "ok" if good_crc else "BAD"))
    sys.exit(0 if ctype == 6 and cflags & 1 == 0 and vtag == itag and good_crc else 1)
