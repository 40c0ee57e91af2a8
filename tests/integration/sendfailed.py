#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
# sendfailed.py: RFC 6458 6.1.11 send-failure notifications seen by a real program; run it
# under sctun-run, with an sctund that grants 2 inbound streams (--set max_instreams=2).
# sendfailed.py PORT MODE: a one-to-many server listens on 127.0.0.1:PORT; a one-to-many
# client asks for 10 outbound streams (SCTP_INITMSG), subscribes (MODE "event": SCTP_EVENT with
# SCTP_SEND_FAILED_EVENT; MODE "old": SCTP_EVENTS with sctp_send_failure_event) and sends, with
# SCTP_SNDINFO, a message on stream 5 then one on stream 0 before the association is up.  The
# stream-5 message cannot be sent (RFC 9260 5.1.1): the client prints the notification's
# fields; the server checks the stream-0 message arrived intact.  Exits 0 when all went.
import os
import select
import socket
import struct
import sys

SOL_SCTP = 132
SCTP_INITMSG, SCTP_EVENTS, SCTP_EVENT = 2, 11, 127
SCTP_SNDINFO = 2  # cmsg type
MSG_NOTIFICATION = 0x8000
SN_BASE = 1 << 15
SCTP_ASSOC_CHANGE, SCTP_SEND_FAILED, SCTP_SEND_FAILED_EVENT = SN_BASE + 1, SN_BASE + 3, SN_BASE + 13

port, mode = int(sys.argv[1]), sys.argv[2]


def fail(why):
    print("FAIL: " + why, flush=True)
    sys.exit(1)


def wait_readable(s, secs=20):
    if not select.select([s], [], [], secs)[0]:
        fail("nothing to read after %d s" % secs)


srv = socket.socket(socket.AF_INET, socket.SOCK_SEQPACKET, 132)
srv.bind(("127.0.0.1", port))
srv.listen(5)

cli = socket.socket(socket.AF_INET, socket.SOCK_SEQPACKET, 132)
cli.setsockopt(SOL_SCTP, SCTP_INITMSG, struct.pack("=HHHH", 10, 10, 0, 0))
if mode == "event":
    for t in (SCTP_ASSOC_CHANGE, SCTP_SEND_FAILED_EVENT):
        cli.setsockopt(SOL_SCTP, SCTP_EVENT, struct.pack("=iHBx", 0, t, 1))
else:
    # struct sctp_event_subscribe: data_io, association, address, send_failure...
    cli.setsockopt(SOL_SCTP, SCTP_EVENTS, bytes([0, 1, 0, 1]) + bytes(10))

bad = os.urandom(1000)
good = os.urandom(3000)
dst = ("127.0.0.1", port)
cli.sendmsg([bad], [(SOL_SCTP, SCTP_SNDINFO, struct.pack("=HHIIi", 5, 0, 0x0a0b0c0d, 0x5eed, 0))],
            0, dst)
cli.sendmsg([good], [(SOL_SCTP, SCTP_SNDINFO, struct.pack("=HHIIi", 0, 0, 7, 8, 0))], 0, dst)

# the server gets the stream-0 message, byte for byte
got = b""
while True:
    wait_readable(srv)
    data, _anc, flags, _addr = srv.recvmsg(65536)
    if flags & MSG_NOTIFICATION:
        continue
    got += data
    if flags & socket.MSG_EOR:
        break
if got != good:
    fail("the server got %d bytes, not the 3000 sent" % len(got))
print("delivered: stream 0 message intact", flush=True)

assoc = None
while True:
    wait_readable(cli)
    data, _anc, flags, _addr = cli.recvmsg(65536)
    if not flags & MSG_NOTIFICATION:
        fail("data on the client")
    ntype, nflags, nlen = struct.unpack_from("=HHI", data)
    if ntype == SCTP_ASSOC_CHANGE:
        # struct sctp_assoc_change: type, flags, length, state, error, os, is, assoc_id
        state, _err, os_, _is, assoc = struct.unpack_from("=HHHHi", data, 8)
        print("ASSOC_CHANGE state %d os %d" % (state, os_), flush=True)
        continue
    if ntype == SCTP_SEND_FAILED_EVENT:
        # type, flags, length, error, sctp_sndinfo (sid, flags, ppid, context, assoc), assoc
        (error, sid, sflags, ppid, ctx, sassoc, aid) = struct.unpack_from("=IHHIIii", data, 8)
        name = "SEND_FAILED_EVENT"
    elif ntype == SCTP_SEND_FAILED:
        # type, flags, length, error, sctp_sndrcvinfo (stream, ssn, flags, ppid, context,
        # ttl, tsn, cumtsn, assoc), assoc: natural alignment
        (error, sid, _ssn, sflags, ppid, ctx, _ttl, _tsn, _cum, sassoc,
         aid) = struct.unpack_from("@IHHHIIIIIii", data, 8)
        name = "SEND_FAILED"
    else:
        fail("notification type %#x" % ntype)
    if assoc is None:
        fail("a send failure before COMM_UP")
    print("%s flags %d length %d bytes %d error %d sid %d sflags %d ppid %#x context %#x "
          "assoc %s" % (name, nflags, nlen, len(data), error, sid, sflags, ppid, ctx,
                        "same" if aid == assoc and sassoc == assoc else "%d/%d" % (aid, sassoc)),
          flush=True)
    break
cli.close()
srv.close()
