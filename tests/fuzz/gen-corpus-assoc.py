#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
# gen-corpus-assoc.py: write the seed programs of fuzz_assoc (tests/fuzz/corpus/assoc/).
#
# Each program is the flags byte and a list of steps in the encoding that
# tests/fuzz/fuzz_assoc.c documents at its top; keep the opcode numbers here
# in step with its enum op.  Usage: gen-corpus-assoc.py [outdir]
import os
import struct
import sys

(CONNECT_A, CONNECT_Z, COLLECT, DELIVER, RUN, DROP, DUP, SWAP, MUTATE, INJECT, REPLAY,
 ADVANCE, EXPIRE, SHUTDOWN, ABORT, RELEASE, EP_DESTROY, EP_CREATE, LISTEN,
 RESTART_Z) = range(20)

A, Z = 0, 1
AUTO = 1  # flags: collect after every step

# chunk types (RFC 9260 3.2)
DATA, INIT, INIT_ACK, SACK, HB, HB_ACK, ABORT_C, SHUT, SHUT_ACK, ERROR, CECHO, CACK = range(12)
SHUT_COMP = 14

# INJECT tag selectors (fuzz_assoc.c pick_tag): 0 zero, 1 my_vtag, 2 peer_vtag
# 3: four bytes of tag follow the chunk count
TAG0, TAG_MINE, TAG_PEER, TAG_INPUT = 0, 1, 2, 3


def adv(ms=0, s=0, minutes=0):
    if minutes:
        return [ADVANCE] + list(struct.pack(">H", 0xC000 | minutes))
    if s:
        return [ADVANCE] + list(struct.pack(">H", 0x8000 | s))
    return [ADVANCE] + list(struct.pack(">H", ms))


def chunk(ctype, flags=0, value=b""):
    assert len(value) < 256
    return [ctype, flags, len(value)] + list(value)


def inject(side, tagsel, chunks, portsel=0, tag=0x01020304):
    out = [INJECT, side | portsel, tagsel, len(chunks) - 1]
    if tagsel % 6 == TAG_INPUT:
        out += list(struct.pack(">I", tag))
    for c in chunks:
        out += c
    return out


def mutate(k, kind, pos, val, fix):
    return [MUTATE, k, kind] + list(struct.pack(">H", pos)) + [val, fix]


def init_value(itag=0x11223344, a_rwnd=65536, os_=10, mis=10, itsn=1):
    return struct.pack(">IIHHI", itag, a_rwnd, os_, mis, itsn)


def hb_value():
    # Heartbeat Info parameter (type 1) with 4 bytes of sender data
    return struct.pack(">HH", 1, 8) + b"\x01\x02\x03\x04"


def stale_cause():
    # Stale Cookie Error (cause 3) with a measure of staleness
    return struct.pack(">HHI", 3, 8, 1000)


SETUP = [CONNECT_A, 0, RUN]
SETUP_STEP = [CONNECT_A, 0, COLLECT, DELIVER, 0, COLLECT, DELIVER, 0, COLLECT, DELIVER, 0,
              COLLECT, DELIVER, 0]

PROGS = {
    "setup": [0] + SETUP,
    "setup-step": [0] + SETUP_STEP,
    "setup-shutdown": [0] + SETUP + [SHUTDOWN, A, 0, RUN],
    "shutdown-both": [0] + SETUP + [SHUTDOWN, A, 0, SHUTDOWN, Z, 0, RUN],
    "setup-abort": [0] + SETUP + [ABORT, A, 0, 4, 0x62, 0x79, 0x65, 0x21, RUN],
    "setup-release": [0] + SETUP + [RELEASE, Z, 0, RUN, RELEASE, A, 0, RUN],
    "connect-z-to-a": [AUTO, LISTEN, A, 1, CONNECT_Z, 0, RUN],
    "collision": [0, LISTEN, A, 1, CONNECT_A, 0, CONNECT_Z, 0, COLLECT, RUN],
    "collision-crossed": [0, LISTEN, A, 1, CONNECT_A, 0, CONNECT_Z, 0, COLLECT,
                          SWAP, 0, 1, DELIVER, 0, DELIVER, 0, COLLECT, RUN],
    "collision-late": [0, LISTEN, A, 1, CONNECT_A, 0, COLLECT, DELIVER, 0, CONNECT_Z, 0,
                       COLLECT, SWAP, 0, 1, RUN],
    "restart": [0, LISTEN, A, 1] + SETUP + [RESTART_Z, CONNECT_Z, 0, RUN],
    "restart-ootb": [0] + SETUP + [RESTART_Z, SHUTDOWN, A, 0, RUN],
    "restart-timeout": [AUTO] + SETUP + [RESTART_Z, SHUTDOWN, A, 0] + [DROP, 0, EXPIRE] * 10,
    "stale-cookie": [0, CONNECT_A, 0, COLLECT, DELIVER, 0, COLLECT, DELIVER, 0, COLLECT]
    + adv(s=70) + [DELIVER, 0, COLLECT, RUN],
    "cookie-dup": [0, CONNECT_A, 0, COLLECT, DELIVER, 0, COLLECT, DELIVER, 0, COLLECT,
                   DUP, 0, RUN],
    "init-lost": [0, CONNECT_A, 0, COLLECT, DROP, 0, EXPIRE, COLLECT, RUN],
    "init-exhaust": [AUTO, CONNECT_A, 0x40, DROP, 0, EXPIRE, DROP, 0, EXPIRE, DROP, 0],
    "cookie-lost": [0, CONNECT_A, 0, COLLECT, DELIVER, 0, COLLECT, DELIVER, 0, COLLECT,
                    DROP, 0, EXPIRE, COLLECT, RUN],
    "shutdown-lost": [AUTO] + SETUP + [SHUTDOWN, A, 0] + [DROP, 0, EXPIRE] * 9,
    "shutdown-ack-lost": [AUTO] + SETUP + [SHUTDOWN, A, 0, DELIVER, 0, DROP, 0, EXPIRE, RUN],
    "init-dup-established": [0] + SETUP + [REPLAY, 0, RUN],
    "ootb-abort": [AUTO] + inject(Z, TAG0, [chunk(ABORT_C)]),
    "ootb-init-no-listener": [AUTO] + inject(A, TAG0, [chunk(INIT, 0, init_value())]) + [RUN],
    "ootb-init-bad-tag": [AUTO] + inject(Z, TAG_INPUT, [chunk(INIT, 0, init_value())]),
    "ootb-shutdown-ack": [AUTO] + inject(Z, TAG_INPUT, [chunk(SHUT_ACK)]) + [RUN],
    # 8.4 steps 6 and 7: discarded silently
    "ootb-shutdown-complete-cookie-ack": [AUTO] + inject(Z, TAG_INPUT, [chunk(SHUT_COMP)])
    + inject(Z, TAG_INPUT, [chunk(CACK)]),
    "ootb-stale-error": [AUTO] + inject(Z, TAG_INPUT, [chunk(ERROR, 0, stale_cause())]),
    "ootb-heartbeat": [AUTO] + inject(Z, TAG_INPUT, [chunk(HB, 0, hb_value())]) + [RUN],
    "ootb-no-port": [AUTO] + inject(Z, TAG0, [chunk(INIT, 0, init_value())], portsel=2) + [RUN],
    # a T-bit ABORT under our own tag is discarded, under the peer's it ends the association
    "abort-t-bit": [AUTO] + SETUP + inject(A, TAG_MINE, [chunk(ABORT_C, 1)])
    + inject(A, TAG_PEER, [chunk(ABORT_C, 1)]) + [RUN],
    "abort-in-setup": [0, CONNECT_A, 0, COLLECT, DELIVER, 0, COLLECT]
    + inject(A, TAG_MINE, [chunk(ABORT_C)]) + [RUN],
    "unknown-chunks": [AUTO] + SETUP
    + inject(Z, TAG_MINE, [chunk(0xBF, 0, b"ab"), chunk(0xFF, 0, b"cdef"), chunk(HB, 0, hb_value())])
    + inject(Z, TAG_MINE, [chunk(0x7F, 0, b"x"), chunk(HB, 0, hb_value())])
    + inject(Z, TAG_MINE, [chunk(0x3F), chunk(HB, 0, hb_value())]) + [RUN],
    "error-remote": [AUTO] + SETUP
    + inject(A, TAG_MINE, [chunk(ERROR, 0, struct.pack(">HH", 6, 4))]) + [RUN],
    "mutate-init-ack": [0, CONNECT_A, 0, COLLECT, DELIVER, 0, COLLECT]
    + mutate(0, 1, 40, 0xFF, 1) + [RUN],
    "mutate-cookie-vtag": [0, CONNECT_A, 0, COLLECT, DELIVER, 0, COLLECT, DELIVER, 0, COLLECT]
    + mutate(0, 3, 0, 0, 1) + [RUN, EXPIRE, RUN],
    "ep-destroy-graceful": [AUTO] + SETUP + [EP_DESTROY, Z, 1, RUN, EP_CREATE, Z, CONNECT_A, 0,
                                             RUN],
    "ep-destroy-abort": [AUTO] + SETUP + [EP_DESTROY, A, 0, RUN, EP_CREATE, A, CONNECT_A, 0, RUN],
    # found by the fuzzer: sct_ep_destroy(graceful) of an endpoint whose
    # association is still in COOKIE-WAIT used the association after freeing it
    "regress-ep-destroy-graceful-setup": [AUTO, CONNECT_A, 0, EP_DESTROY, A, 1, RUN],
    # found by the fuzzer: sct_assoc_release() of an association whose
    # endpoint was destroyed gracefully read it after its abort freed it
    "regress-release-after-ep-destroy": [AUTO, CONNECT_A, 0, RUN, EP_DESTROY, A, 1, RELEASE, A, 0],
    "long-idle": [AUTO] + SETUP + adv(minutes=90) + [EXPIRE, EXPIRE, RUN],
}


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else os.path.join(
        os.path.dirname(os.path.abspath(__file__)), "corpus", "assoc")
    os.makedirs(out, exist_ok=True)
    for name, prog in PROGS.items():
        with open(os.path.join(out, name), "wb") as f:
            f.write(bytes(prog))


if __name__ == "__main__":
    main()
