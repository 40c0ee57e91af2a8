#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
# gen-corpus-ipc.py: write the seed corpora of fuzz_ipc_data and fuzz_ipc_ctl.
#
# The layouts are those of src/ipc/ipc.h and ipc_ctl.h (sctun-ipc(7)), all
# little-endian.  Valid records and messages of every kind, plus a few edge
# cases (limits, one byte short, unknown type) for the fuzzer to start from.
import os
import struct

TOP = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def addr4(a, port):
    return struct.pack("<HHI", 4, port, 0) + bytes(a) + bytes(12)


def addr6_ll(port, scope):
    return struct.pack("<HHI", 6, port, scope) + bytes([0xFE, 0x80] + [0] * 13 + [1])


def rec(typ, flags=0, assoc=0, sid=0, ssn=0, ppid=0, tsn=0, cum=0, addr=b"", payload=b"",
        version=1):
    return struct.pack("<BBHIHHIIIHHI", version, typ, flags, assoc, sid, ssn, ppid, tsn, cum,
                       len(addr), 0, len(payload)) + addr + payload


def notif(typ, value):
    return struct.pack("<HHI", typ, 0, len(value)) + value


def tlv(typ, value):
    return struct.pack("<HH", typ, len(value)) + value


def u16(v):
    return struct.pack("<H", v)


def u32(v):
    return struct.pack("<I", v)


def ctl(op, kind=1, rid=1, status=0, nfds=0, tlvs=b"", version=1):
    # The first byte is the fd count the fuzzer pretends arrived.
    return bytes([nfds]) + struct.pack("<BBHIIBBH", version, kind, op, rid, status, nfds, 0,
                                       0) + tlvs


# notification values (ipc_notif.c)
NOTIFS = {
    "assoc-change-up": notif(1, struct.pack("<HHHH", 1, 0, 10, 10) + bytes([0x80, 0xC1])),
    "assoc-change-lost": notif(1, struct.pack("<HHHH", 2, 1, 0, 0) + bytes.fromhex("06000008000c0004")),
    "paddr-change": notif(2, addr6_ll(5000, 2) + u32(7) + u32(110)),
    "remote-error": notif(3, u16(1) + u16(0) + bytes.fromhex("0001000800050000")),
    "send-failed": notif(4, u32(1) + u32(32) + u16(2) + u16(2) + u32(0x33) + u32(9) + u32(1400)),
    "shutdown": notif(5, b""),
    "adaptation": notif(6, u32(0xC0FFEE)),
    "pdapi": notif(7, u32(1) + u16(7) + u16(0) + u32(0xABCD)),
    "sender-dry": notif(8, b""),
    "stream-reset": notif(9, u16(3) + u16(3) + u16(0) + u16(1) + u16(65535)),
}

DATA = {
    "data": rec(1, flags=1, assoc=7, sid=3, ssn=0x1234, ppid=0x33000000, tsn=1, cum=2,
                payload=b"hello, sctp"),
    "data-addr4": rec(1, flags=0x11, assoc=7, addr=addr4([192, 0, 2, 1], 5000), payload=b"x" * 64),
    "data-addr6": rec(1, flags=0x7F, addr=addr6_ll(9899, 3), payload=b"\0" * 8),
    "data-empty-eof": rec(1, flags=4),
    "data-abort": rec(1, flags=8 | 1, payload=b"user abort reason"),
    "connecting": rec(3, payload=bytes(3000)),
    "acceptable": rec(4, assoc=12),
    "eof": rec(5, assoc=12),
    "data-short": rec(1, flags=1, payload=b"abc")[:-1],
    "bad-version": rec(1, version=2, payload=b"a"),
    "bad-type": rec(6),
    "data-large": rec(1, flags=1, payload=bytes(range(256)) * 64),
}
for name, v in NOTIFS.items():
    DATA["notif-" + name] = rec(2, flags=0x81, assoc=5, payload=v)
    DATA["raw-" + name] = v

A = {n: i + 1 for i, n in enumerate(
    "VERSION_MIN VERSION_MAX VERSION FAMILY SOCKTYPE PROTOCOL SOCKFLAGS ADDR BACKLOG PORT "
    "ASSOC_ID HOW LEVEL OPTNAME OPTVAL MESSAGE ST_STATE ST_LPORT ST_PPORT ST_MY_VTAG "
    "ST_PEER_VTAG ST_OS ST_IS ST_PEER_RWND ST_PRIMARY ST_NPATHS ST_RTO ST_SRTT ST_CWND "
    "ST_SSTHRESH ST_FLIGHT ST_INIT_RTX ST_UNACKED ST_PENDING ST_RWND ST_CUM_TSN".split())}
OP = {n: i + 1 for i, n in enumerate(
    "HELLO SOCKET ADOPT BIND BINDX_ADD BINDX_REM LISTEN CONNECT CONNECTX ACCEPT SHUTDOWN "
    "CLOSE GETSOCKNAME GETPEERNAME SETSOCKOPT GETSOCKOPT PEELOFF GETPADDRS GETLADDRS STATUS "
    "ERROR".split())}
a1 = tlv(A["ADDR"], addr4([192, 0, 2, 1], 5000))
a2 = tlv(A["ADDR"], addr6_ll(5000, 2))
status = b"".join([
    tlv(A["ASSOC_ID"], u32(42)), tlv(A["ST_STATE"], u16(4)), tlv(A["ST_LPORT"], u16(5000)),
    tlv(A["ST_PPORT"], u16(5001)), tlv(A["ST_MY_VTAG"], u32(1)), tlv(A["ST_PEER_VTAG"], u32(2)),
    tlv(A["ST_OS"], u16(10)), tlv(A["ST_IS"], u16(10)), tlv(A["ST_PEER_RWND"], u32(65536)),
    tlv(A["ST_PRIMARY"], addr4([192, 0, 2, 2], 5001))] +
    [tlv(A[n], u32(i)) for i, n in enumerate(
        "ST_NPATHS ST_RTO ST_SRTT ST_CWND ST_SSTHRESH ST_FLIGHT ST_INIT_RTX ST_UNACKED "
        "ST_PENDING ST_RWND ST_CUM_TSN".split())])
CTL = {
    "hello": ctl(OP["HELLO"], tlvs=tlv(A["VERSION_MIN"], u16(1)) + tlv(A["VERSION_MAX"], u16(3))),
    "hello-rsp": ctl(OP["HELLO"], kind=2, tlvs=tlv(A["VERSION"], u16(1))),
    "hello-none": ctl(OP["HELLO"], kind=2, status=93),
    "socket": ctl(OP["SOCKET"], tlvs=tlv(A["FAMILY"], u16(6)) + tlv(A["SOCKTYPE"], u16(2)) +
                  tlv(A["PROTOCOL"], u32(132)) + tlv(A["SOCKFLAGS"], u32(3))),
    "socket-rsp": ctl(OP["SOCKET"], kind=2, nfds=1),
    "adopt": ctl(OP["ADOPT"], nfds=1),
    "adopt-rsp": ctl(OP["ADOPT"], kind=2, tlvs=tlv(A["FAMILY"], u16(4)) +
                     tlv(A["SOCKTYPE"], u16(1))),
    "bind": ctl(OP["BIND"], tlvs=a1),
    "bindx-add": ctl(OP["BINDX_ADD"], tlvs=a1 + a2 + a1),
    "bindx-rem": ctl(OP["BINDX_REM"], tlvs=a2),
    "listen": ctl(OP["LISTEN"], tlvs=tlv(A["BACKLOG"], u32(0x7FFFFFFF))),
    "connect": ctl(OP["CONNECT"], tlvs=a1),
    "connect-inprogress": ctl(OP["CONNECT"], kind=2, status=115, tlvs=tlv(A["ASSOC_ID"], u32(3))),
    "connectx": ctl(OP["CONNECTX"], tlvs=a1 + a2 + tlv(A["PORT"], u16(9899))),
    "connectx-rsp": ctl(OP["CONNECTX"], kind=2, tlvs=tlv(A["ASSOC_ID"], u32(3))),
    "accept": ctl(OP["ACCEPT"]),
    "accept-rsp": ctl(OP["ACCEPT"], kind=2, nfds=1, tlvs=tlv(A["ASSOC_ID"], u32(4)) + a2 + a1),
    "shutdown": ctl(OP["SHUTDOWN"], tlvs=tlv(A["HOW"], u16(2))),
    "close": ctl(OP["CLOSE"]),
    "getpeername-rsp": ctl(OP["GETPEERNAME"], kind=2, tlvs=a1),
    "setsockopt": ctl(OP["SETSOCKOPT"], tlvs=tlv(A["LEVEL"], u16(3)) + tlv(A["OPTNAME"], u16(4)) +
                      tlv(A["OPTVAL"], u32(1))),
    "getsockopt": ctl(OP["GETSOCKOPT"], tlvs=tlv(A["LEVEL"], u16(1)) + tlv(A["OPTNAME"], u16(3))),
    "getsockopt-rsp": ctl(OP["GETSOCKOPT"], kind=2, tlvs=tlv(A["OPTVAL"], u32(0))),
    "peeloff": ctl(OP["PEELOFF"], tlvs=tlv(A["ASSOC_ID"], u32(9))),
    "peeloff-rsp": ctl(OP["PEELOFF"], kind=2, nfds=1),
    "getpaddrs-rsp": ctl(OP["GETPADDRS"], kind=2, tlvs=(a1 + a2) * 16),
    "status": ctl(OP["STATUS"], tlvs=tlv(A["ASSOC_ID"], u32(42))),
    "status-rsp": ctl(OP["STATUS"], kind=2, tlvs=status),
    "error": ctl(OP["ERROR"], kind=2, status=71, tlvs=tlv(A["MESSAGE"], b"bad request")),
    "dup-backlog": ctl(OP["LISTEN"], tlvs=tlv(A["BACKLOG"], u32(1)) * 2),
    "unknown-attr": ctl(OP["CLOSE"], tlvs=tlv(99, b"")),
}


def write(name, seeds):
    out = os.path.join(TOP, "tests", "fuzz", "corpus", name)
    os.makedirs(out, exist_ok=True)
    for f in os.listdir(out):
        os.unlink(os.path.join(out, f))
    for k, v in seeds.items():
        with open(os.path.join(out, k), "wb") as f:
            f.write(v)
    print("%s: %d seeds" % (name, len(seeds)))


write("ipc_data", DATA)
write("ipc_ctl", CTL)
