#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
# gen-corpus-ipc-session.py: seed inputs for fuzz_ipc_session (see its header for the format):
# whole client sessions that set associations up over the loopback path and move data.
# usage: gen-corpus-ipc-session.py OUTDIR
import os
import struct
import sys

OP = dict(HELLO=1, SOCKET=2, BIND=4, LISTEN=7, CONNECT=8, ACCEPT=10, SHUTDOWN=11, CLOSE=12,
          GETSOCKNAME=13, GETPEERNAME=14, SETSOCKOPT=15, GETSOCKOPT=16, PEELOFF=17,
          GETPADDRS=18, STATUS=20)
U16 = {1, 2, 3, 4, 5, 10, 12, 13, 14}


def ctl(op, args=(), rid=1):
    body = b""
    for t, v in args:
        val = v if isinstance(v, bytes) else struct.pack("<H" if t in U16 else "<I", v)
        body += struct.pack("<HH", t, len(val)) + val
    return struct.pack("<BBHIIBBH", 1, 1, OP[op], rid, 0, 0, 0, 0) + body


def addr(port, ip=(127, 0, 0, 1)):
    return struct.pack("<HHI", 4, port, 0) + bytes(ip) + bytes(12)


def rec(rtype, payload=b"", flags=0, assoc=0, a=None):
    a = a or b""
    return struct.pack("<BBHIHHIIIHHI", 1, rtype, flags, assoc, 0, 0, 0, 0, 0, len(a), 0,
                       len(payload)) + a + payload


def c(k, m):  # control message on connection k
    return bytes([k]) + struct.pack("<H", len(m)) + m


def d(j, m):  # datagram into application socket j
    return bytes([0x10 | j]) + struct.pack("<H", len(m)) + m


def hello(k):
    return c(k, ctl("HELLO", [(1, 1), (2, 1)]))


def sock(k, stype=1):
    return c(k, ctl("SOCKET", [(4, 4), (5, stype), (6, 132)]))


seeds = {}
# one-to-one: listen on app 0, connect app 1, accept into app 2, data both ways, shutdown
s = hello(0) + sock(0) + c(0, ctl("BIND", [(8, addr(5000))])) + c(0, ctl("LISTEN", [(9, 4)]))
s += hello(1) + sock(1) + d(1, rec(3, bytes(3000))) + c(1, ctl("CONNECT", [(8, addr(5000))]))
s += bytes([0x53]) + bytes([0x20]) + c(0, ctl("ACCEPT"))
s += d(1, rec(1, b"hello", 1)) + d(2, rec(1, b"x" * 3000, 1)) + bytes([0x53, 0x21, 0x22])
s += c(1, ctl("STATUS")) + c(1, ctl("GETPEERNAME")) + bytes([0x31, 0x55, 0x6f, 0x55])
seeds["one-to-one"] = s
# one-to-many: implicit setup by a record with an address, notifications, peeloff, EOF
s = hello(0) + sock(0, 2) + c(0, ctl("SETSOCKOPT", [(13, 3), (14, 12), (15, bytes([0, 1]))]))
s += c(0, ctl("BIND", [(8, addr(6000))])) + c(0, ctl("LISTEN", [(9, 4)]))
s += hello(1) + sock(1, 2) + d(1, rec(1, b"ping", 1, a=addr(6000))) + bytes([0x54])
s += bytes([0x20, 0x21]) + c(0, ctl("PEELOFF", [(11, 2)])) + c(0, ctl("GETPADDRS", [(11, 2)]))
s += d(1, rec(1, b"", 4, assoc=1)) + bytes([0x55, 0x22, 0x30, 0x31, 0x32])
seeds["one-to-many"] = s
# a broken client: garbage records on a connected socket, bad requests, ADOPT
s = seeds["one-to-one"][:-6] + d(1, b"\x07" + bytes(40)) + d(2, rec(4)) + bytes([0x53])
s += c(2, b"\x01\x01\x63\x00" + bytes(12)) + hello(3) + bytes([0x73, 0x02]) + c(3, ctl("STATUS"))
seeds["garbage"] = s
# a refused connect and a timer-driven end
s = hello(0) + sock(0) + d(0, rec(3, bytes(3000))) + c(0, ctl("CONNECT", [(8, addr(5999))]))
s += bytes([0x53, 0x6f, 0x6f, 0x20]) + c(0, ctl("GETSOCKOPT", [(13, 1), (14, 3)]))
seeds["refused"] = s

out = sys.argv[1]
os.makedirs(out, exist_ok=True)
for name, b in seeds.items():
    with open(os.path.join(out, name), "wb") as fh:
        fh.write(b)
