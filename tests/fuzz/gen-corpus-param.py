#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
# gen-corpus-param.py: write the seed corpus of fuzz_param (tests/fuzz/corpus/param/).
#
# Each file is one parameter or error-cause area.  The usrsctp INIT/INIT ACK
# areas are taken from tests/unit/test_wire_param.c (a real capture), the
# rest are the unit-test vectors plus edge cases.
import os
import re

TOP = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
OUT = os.path.join(TOP, "tests", "fuzz", "corpus", "param")
SRC = open(os.path.join(TOP, "tests", "unit", "test_wire_param.c")).read()


def c_string(name):
    m = re.search(r"static const char %s\[\] =((?:\s*\"[^\"]*\")+);" % name, SRC)
    return bytes.fromhex("".join(re.findall(r"\"([^\"]*)\"", m.group(1))).replace(" ", ""))


def h(s):
    return bytes.fromhex(s.replace(" ", ""))


RANDOM32 = "0102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f20"
seeds = {
    "usrsctp-init": c_string("usrsctp_init_area"),
    "usrsctp-init-ack": c_string("usrsctp_init_ack_area"),
    "init-known": h("0005 0008 c0000201 0009 0008 000004b0 000c 0006 0005 0000 8000 0004"
                    "8001 0008 00000001 8002 0024" + RANDOM32 + "8003 0006 80c1 0000"
                    "8004 0006 0001 0000 8005 0008 00000000 8008 0005 82 000000 c000 0004"
                    "c004 0010 00000001 0005 0008 c0000201 c006 0008 00000001"),
    "init-ack-cookie": h("0007 0008 aabbccdd 0008 000a 4123 0006 beef 0000"),
    "unknown-actions": h("0123 0004 4123 0004 8123 0004 c123 0004 0005 0008 c0000201"),
    "stop-then-cookie": h("4123 0004 0005 0008 c0000201 0007 0008 aabbccdd"),
    "host-name": h("000b 0010 6578616d706c652e636f6d00"),
    "asconf": h("0005 0008 c0000202 c001 0010 01023474 0005 0008 c0000201"
                "c002 0010 01023476 0005 0008 c0000201 c004 0010 01023479 0005 0008 c0000201"),
    "asconf-ack": h("c003 001c 01023476 00a0 0014 c002 0010 01023476 0005 0008 c0000201"
                    "c005 0008 01023476"),
    "reconf-out-in": h("000d 0014 00000001 00000000 000003e8 0001 0002"
                       "000e 000a 00000002 0007 0000"),
    "reconf-resp-resp": h("0010 000c 00000001 00000001"
                          "0010 0014 00000004 00000001 00000064 000000c8"),
    "reconf-add": h("0011 000c 00000005 0003 0000 0012 000c 00000006 0004 0000"),
    "reconf-tsn": h("000f 0008 00000003"),
    "ipv6": h("0006 0014 20010db8 00000000 00000000 00000001"),
    "hb-info": h("0001 0009 0102030405 000000"),
    "causes-a": h("0001 0008 0005 0000 0002 000c 00000002 0007 000c 0003 0008 000004b0 0004 0004"),
    "causes-b": h("0005 000c 0005 0008 c0000201 0006 000c 4a00 0008 01020304 0007 0004"),
    "causes-c": h("0008 000c 4123 0006 beef 0000 0009 0008 12345678 000a 0004"),
    "causes-d": h("000b 0014 0005 0008 c0000201 0005 0008 c0000202 000c 0007 627965 00"),
    "causes-e": h("000d 0008 74657374 00a3 0004 0105 0006 0002 0000 0777 0005 01 000000"),
    "causes-5061": h("00a0 0014 c002 0010 01023476 0005 0008 c0000201"
                     "00a1 0014 c001 0010 01023474 0005 0008 c0000201"
                     "00a2 0014 c002 0010 01023476 0005 0008 c0000201"
                     "00a4 0014 c004 0010 01023479 0005 0008 c0000201"),
    "edge-empty": b"",
    "edge-short": h("0005 00"),
    "edge-len3": h("0005 0003 c0000201"),
    "edge-len-past": h("0005 000c c0000201"),
    "edge-partial-pad": h("0001 0005 aa 00 00"),
    "edge-no-final-pad": h("0001 0005 aa 000000 0001 0005 bb"),
    "edge-ipv4-len7": h("0005 0007 c00002 00"),
    "edge-random-short": h("8002 0014 00000000 00000000 00000000 00000000"),
    "edge-hmac-no-sha1": h("8004 0006 0003 0000"),
    "edge-dup-zero-checksum": h("8001 0008 00000001 8001 0008 00000001"),
}

os.makedirs(OUT, exist_ok=True)
for name, data in seeds.items():
    with open(os.path.join(OUT, name), "wb") as f:
        f.write(data)
print("%d files in %s" % (len(seeds), OUT))
