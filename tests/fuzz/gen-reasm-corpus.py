#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
# gen-reasm-corpus.py: write the seed corpus of fuzz_reasm (record format in fuzz_reasm.c).
import os
import random
import sys

V6, MORE, PERTURB, HDR, SRC2, RAW = 4, 8, 16, 32, 64, 128
TCP132 = 4  # byte 1 bit 2: protocol 132 (else 17)


def frag(off8, len8, more=False, v6=False, ident=0, flags=0, b1=TCP132, op=0):
    b0 = op | (V6 if v6 else 0) | (MORE if more else 0) | flags
    return bytes([b0, b1 | (ident & 3), off8 & 0xff, len8 & 0xff])


def tick(units50ms):
    return bytes([3, 0, units50ms & 0xff, 0])


def raw(off8, nbytes, more=False, v6=False, ident=0, flags=0):
    return frag(off8, nbytes, more, v6, ident, flags | RAW)


seeds = {
    "v4-in-order": frag(0, 3, True) + frag(3, 3, True) + raw(6, 5),
    "v6-reverse": raw(6, 5, v6=True) + frag(3, 3, True, True) + frag(0, 3, True, True),
    "duplicates": frag(0, 2, True) + frag(0, 2, True) + raw(2, 3) + raw(2, 3) + frag(0, 2, True),
    "overlap-front": frag(2, 2, True) + frag(1, 2, True) + frag(0, 1, True) + raw(4, 1),
    "overlap-back": frag(2, 2, True, True) + frag(3, 2, True, True) + frag(0, 2, True, True),
    "overlap-contained": frag(0, 4, True) + frag(1, 1, True) + raw(4, 2),
    "overlap-containing": frag(1, 1, True, True) + frag(0, 4, True, True) + raw(4, 2, v6=True),
    "dup-other-bytes": frag(0, 2, True) + frag(0, 2, True, flags=PERTURB) + raw(2, 1),
    "bad-len": frag(0, 1, True) + raw(1, 12, True) + raw(1, 12),
    "empty": raw(1, 0, True) + raw(1, 0) + frag(0, 1, True),
    "too-big-v4": frag(0, 1, True, op=2) + frag(255, 127, op=2) + frag(1, 1, op=2),
    "too-big-v6-hdr": frag(200, 80, False, True, op=2) + frag(0, 100, True, True, flags=HDR, b1=TCP132 | 0x30, op=2),
    "inconsistent": raw(2, 3) + raw(4, 3) + frag(0, 2, True) + frag(5, 1, True, True) + raw(2, 2, v6=True),
    "atomic-vs-queue": raw(1, 3, v6=True) + raw(0, 20, v6=True) + frag(0, 1, True, True) + raw(0, 9),
    "timeout-first": frag(0, 2, True, flags=HDR) + tick(61) + frag(2, 1),
    "timeout-no-first": frag(2, 1, True, True) + tick(100) + tick(30) + frag(0, 2, True, True),
    "late-after-deadline": frag(0, 1, True) + tick(60) + raw(1, 1) + tick(60),
    "mem-cap": b"".join(frag(0, 120, True, bool(i & 1), i, SRC2 if i & 4 else 0) for i in range(8)),
    "count-cap": b"".join(frag(1, 1, True, bool(i & 1), i, SRC2 if i & 2 else 0) for i in range(10)),
    "frag-cap": b"".join(frag(i, 1, True) for i in range(9)) + raw(9, 1),
    "keys-proto": frag(0, 1, True, b1=0) + raw(1, 1, ident=0) + frag(0, 1, True) + raw(1, 1, v6=True, flags=0) + frag(0, 1, True, True, b1=0),
    "interleaved": frag(0, 2, True, False, 1) + frag(0, 2, True, True, 1) + raw(2, 5, False, 1) + raw(2, 3, True, 2) + raw(2, 5, True, 1) + frag(0, 2, True, True, 2),
    "headers": frag(0, 20, True, flags=HDR, b1=TCP132 | 0x10) + raw(20, 4) + frag(0, 20, True, True, flags=HDR, b1=TCP132 | 0x20) + raw(20, 7, v6=True),
}

rng = random.Random(20240601)
for n in range(5):
    recs = []
    for _ in range(rng.randrange(20, 80)):
        if rng.random() < 0.1:
            recs.append(tick(rng.randrange(0, 40)))
            continue
        off = rng.randrange(0, 8)
        recs.append(frag(off, rng.randrange(1, 4), rng.random() < 0.6, rng.random() < 0.5,
                         rng.randrange(4), HDR if off == 0 and rng.random() < 0.5 else 0))
    seeds["random-%d" % n] = b"".join(recs)

out = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), "corpus", "reasm")
os.makedirs(out, exist_ok=True)
for name, blob in seeds.items():
    with open(os.path.join(out, name), "wb") as f:
        f.write(blob)
print("wrote %d files to %s" % (len(seeds), out))
