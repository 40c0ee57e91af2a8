#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
# notify-server.py: a one-to-one SCTP echo server that subscribes to association events
# (SCTP_EVENTS, RFC 6458 6.2.1) and prints what it is told; run it under sctun-run.
#   notify-server.py PORT   accepts one association, echoes its data, and prints
#   "ASSOC_CHANGE <state>" for each notification (COMM_UP, COMM_LOST, RESTART, SHUTDOWN_COMP,
#   CANT_STR_ASSOC), "data <n>" for each message, then "eof" or "error <ERRNO>" at the end.
import errno
import socket
import struct
import sys

SOL_SCTP, SCTP_EVENTS, MSG_NOTIFICATION = 132, 11, 0x8000
SCTP_ASSOC_CHANGE = 0x8001
STATES = ["COMM_UP", "COMM_LOST", "RESTART", "SHUTDOWN_COMP", "CANT_STR_ASSOC"]
# struct sctp_event_subscribe: data_io, association, address, send_failure, peer_error,
# shutdown, partial_delivery, adaptation_layer, authentication, sender_dry, stream_reset...
EVENTS = bytes([0, 1]) + bytes(12)


def say(msg):
    print(msg, flush=True)


ls = socket.socket(socket.AF_INET, socket.SOCK_STREAM, 132)
ls.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
ls.setsockopt(SOL_SCTP, SCTP_EVENTS, EVENTS)
ls.bind(("0.0.0.0", int(sys.argv[1])))
ls.listen(1)
say("listening")
s, peer = ls.accept()
s.setsockopt(SOL_SCTP, SCTP_EVENTS, EVENTS)
say("accepted %s:%d" % peer)
while True:
    try:
        data, _anc, flags, _addr = s.recvmsg(65536)
    except OSError as e:
        say("error " + errno.errorcode.get(e.errno, str(e.errno)))
        sys.exit(1)
    if flags & MSG_NOTIFICATION:
        ntype, _f, _len, state = struct.unpack("=HHIH", data[:10])
        if ntype == SCTP_ASSOC_CHANGE:
            say("ASSOC_CHANGE " + (STATES[state] if state < len(STATES) else str(state)))
        continue
    if not data:
        say("eof")
        sys.exit(0)
    say("data %d" % len(data))
    try:
        s.sendall(data)
    except OSError as e:
        say("error " + errno.errorcode.get(e.errno, str(e.errno)))
        sys.exit(1)
