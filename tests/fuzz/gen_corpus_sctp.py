#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
# gen_corpus_sctp.py: write the seed corpus of fuzz_sctp (real packets, one per chunk type, edge cases).
#
# Usage: tests/fuzz/gen_corpus_sctp.py   (from the top of the source tree)
# The captured packets are read from tests/unit/vectors_sctp_capture.h.
import os
import re

OUT = "tests/fuzz/corpus/sctp"


def crc32c(data):
    crc = 0xFFFFFFFF
    for b in data:
        crc ^= b
        for _ in range(8):
            crc = (crc >> 1) ^ (0x82F63B78 if crc & 1 else 0)
    return crc ^ 0xFFFFFFFF


def packet(chunks_hex, vtag=1, fix_crc=True):
    body = bytes.fromhex("00010002" + "%08x" % vtag + "00000000" + chunks_hex.replace(" ", ""))
    if fix_crc:
        body = body[:8] + crc32c(body).to_bytes(4, "little") + body[12:]
    return body


CHUNKS = {
    "data": "00030015 0000007b 00000001 00000000 6162636465 000000",
    "idata": "40060016 01020304 00070000 00000009 00000033 6162 0000",
    "init": "01000018 00001234 0001a000 000affff deadbeef 80000004",
    "init_ack": "0200001c 00000001 000005dc 00010001 00000000 00070008 01020304",
    "sack": "0300001c 0000000c 00001234 00020001 00020003 00050005 0000000b",
    "heartbeat": "0400000d 00010009 0102030405 000000",
    "heartbeat_ack": "0500000d 00010009 0102030405 000000",
    "abort": "06010008 000c0004",
    "shutdown": "07000008 0000002a",
    "shutdown_ack": "08000004",
    "error": "0900000c 00010008 00050000",
    "cookie_echo": "0a000007 c0ffee00",
    "cookie_ack": "0b000004",
    "ecne": "0c000008 00000064",
    "cwr": "0d000008 00000064",
    "shutdown_complete": "0e010004",
    "auth_data": "0f00001c 00010001" + " aaaaaaaa" * 5 + " 00030015 0000007b 00000001 00000000 6162636465 000000",
    "asconf_ack": "80000010 00000005 c0050008 00000001",
    "reconfig": "82000014 000d0010 00000001 00000000 00000007",
    "pad_sack": "84000008 00000000 03000010 00000005 0001a000 00000000",
    "forward_tsn": "c0000010 00000064 00010005 00020007",
    "asconf": "c1000020 00000001 00050008 c0000201 c0010010 00000001 00050008 c0000202",
    "i_forward_tsn": "c2000018 00000064 00010001 00000005 00020000 00000007",
    "unknown_skip": "ff000008 00000000 0b000004",
    # edge cases: each is rejected somewhere
    "edge_data_empty": "00030010 00000001 00000000 00000000",
    "edge_missing_pad": "0a000005 aa",
    "edge_sack_len": "03000014 00000001 00001000 00010001 00010002",
    "edge_bundled_init": "01000014 00000001 00010000 00010001 00000000 0b000004",
    "edge_hb_padded_len": "04000010 00010009 0102030405 000000",
    "edge_empty": "",
}


def main():
    os.makedirs(OUT, exist_ok=True)
    for name, hexs in CHUNKS.items():
        with open(os.path.join(OUT, name), "wb") as f:
            f.write(packet(hexs))
    with open(os.path.join(OUT, "edge_bad_crc"), "wb") as f:
        f.write(packet(CHUNKS["data"], fix_crc=False))
    src = open("tests/unit/vectors_sctp_capture.h").read()
    for m in re.finditer(r'\{"(\w+)",((?:\s*"[0-9a-f]+")+)\}', src):
        hexs = "".join(re.findall(r'"([0-9a-f]+)"', m.group(2)))
        with open(os.path.join(OUT, "capture_" + m.group(1)), "wb") as f:
            f.write(bytes.fromhex(hexs))


if __name__ == "__main__":
    main()
