#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
# ipc-client.py: plays libsctun against a running sctund (sctun-ipc(7), byte by byte, written
# independently of the C codec) over the loopback path: socket/bind/listen/connect/accept,
# connect readiness, messages both ways, end of file, a refused connect, ADOPT, bad requests.
# Usage: ipc-client.py SOCKET_PATH PORT; prints "ok: ..." lines, exits 1 on the first failure.
import array
import errno
import os
import select
import socket
import struct
import sys
import time

OP = dict(HELLO=1, SOCKET=2, ADOPT=3, BIND=4, BINDX_ADD=5, BINDX_REM=6, LISTEN=7, CONNECT=8,
          CONNECTX=9, ACCEPT=10, SHUTDOWN=11, CLOSE=12, GETSOCKNAME=13, GETPEERNAME=14,
          SETSOCKOPT=15, GETSOCKOPT=16, PEELOFF=17, GETPADDRS=18, GETLADDRS=19, STATUS=20,
          ERROR=21)
A = dict(VERSION_MIN=1, VERSION_MAX=2, VERSION=3, FAMILY=4, SOCKTYPE=5, PROTOCOL=6,
         SOCKFLAGS=7, ADDR=8, BACKLOG=9, PORT=10, ASSOC_ID=11, HOW=12, LEVEL=13, OPTNAME=14,
         OPTVAL=15, MESSAGE=16)
U16 = {A[k] for k in ("VERSION_MIN", "VERSION_MAX", "VERSION", "FAMILY", "SOCKTYPE", "PORT",
                      "HOW", "LEVEL", "OPTNAME")}
REC_DATA, REC_NOTIF, REC_CONNECTING, REC_ACCEPTABLE, REC_EOF = 1, 2, 3, 4, 5
F_EOR = 1
SOL_SOCKET_, SO_ERROR_, SO_TYPE_ = 1, 3, 7
SOL_SCTP_, SCTP_NODELAY_ = 3, 4


def fail(msg):
    print("FAIL: " + msg)
    sys.exit(1)


def ok(msg):
    print("ok: " + msg)


def ipc_addr(ip, port):
    if ":" in ip:
        return struct.pack("<HHI", 6, port, 0) + socket.inet_pton(socket.AF_INET6, ip)
    return struct.pack("<HHI", 4, port, 0) + socket.inet_aton(ip) + bytes(12)


def parse_addr(b):
    fam, port, _scope = struct.unpack_from("<HHI", b)
    if fam == 4:
        return socket.inet_ntoa(b[8:12]), port
    return socket.inet_ntop(socket.AF_INET6, b[8:24]), port


class Ctl:
    """One control connection."""

    def __init__(self, path):
        self.s = socket.socket(socket.AF_UNIX, socket.SOCK_SEQPACKET)
        self.s.connect(path)
        self.id = 0
        self.version = 1
        st, attrs, _ = self.req("HELLO", [(A["VERSION_MIN"], 1), (A["VERSION_MAX"], 1)])
        if st != 0 or attrs[A["VERSION"]][0] != 1:
            fail("HELLO: status %d" % st)

    def encode(self, op, args, fds=0, raw_id=None):
        self.id += 1
        body = b""
        for t, v in args:
            if isinstance(v, bytes):
                val = v
            elif t in U16:
                val = struct.pack("<H", v)
            else:
                val = struct.pack("<I", v)
            body += struct.pack("<HH", t, len(val)) + val
        hdr = struct.pack("<BBHIIBBH", self.version, 1, OP[op], self.id if raw_id is None else raw_id,
                          0, fds, 0, 0)
        return hdr + body

    def req(self, op, args=(), fd=None):
        msg = self.encode(op, args, 1 if fd is not None else 0)
        if fd is not None:
            socket.send_fds(self.s, [msg], [fd])
        else:
            self.s.send(msg)
        return self.response()

    def response(self):
        data, fds, _flags, _ = socket.recv_fds(self.s, 4096, 1)
        ver, kind, op, rid, status, nfds, _r1, _r2 = struct.unpack_from("<BBHIIBBH", data)
        if kind != 2 or rid != self.id and op != OP["ERROR"]:
            fail("response kind %d id %d for request %d" % (kind, rid, self.id))
        if nfds != len(fds):
            fail("response says %d fds, %d came" % (nfds, len(fds)))
        attrs, off = {}, 16
        while off < len(data):
            t, ln = struct.unpack_from("<HH", data, off)
            v = data[off + 4:off + 4 + ln]
            off += 4 + ln
            if t in U16 and ln == 2:
                v = struct.unpack("<H", v)[0]
            elif ln == 4 and t not in (A["OPTVAL"], A["MESSAGE"]):
                v = struct.unpack("<I", v)[0]
            attrs.setdefault(t, []).append(v)
        return status, attrs, fds[0] if fds else None


def new_socket(path, family=4):
    c = Ctl(path)
    st, _a, fd = c.req("SOCKET", [(A["FAMILY"], family), (A["SOCKTYPE"], 1), (A["PROTOCOL"], 132)])
    if st or fd is None:
        fail("SOCKET: status %d" % st)
    return c, socket.socket(fileno=fd)


def rec(rtype, payload=b"", flags=0, sid=0, ppid=0, assoc=0, addr=None):
    a = addr or b""
    return struct.pack("<BBHIHHIIIHHI", 1, rtype, flags, assoc, sid, 0, ppid, 0, 0, len(a), 0,
                       len(payload)) + a + payload


def read_rec(sock, timeout=5.0):
    r, _, _ = select.select([sock], [], [], timeout)
    if not r:
        fail("no record within %.0f s" % timeout)
    data = sock.recv(70000)
    if not data:
        return None
    v, t, flags, assoc, sid, ssn, ppid, tsn, cum, alen, _res, plen = struct.unpack_from(
        "<BBHIHHIIIHHI", data)
    payload = data[32 + alen:]
    if len(payload) != plen:
        fail("record payload_len %d, %d bytes came" % (plen, len(payload)))
    return dict(type=t, flags=flags, assoc=assoc, sid=sid, ppid=ppid, payload=payload,
                addr=parse_addr(data[32:56]) if alen else None)


def at_end(sock, clean=True):
    """End of file next; a clean end (no error) first says so with an EOF record."""
    r = read_rec(sock)
    if clean:
        if r is None or r["type"] != REC_EOF or r["payload"] or r["flags"]:
            return False
        r = read_rec(sock)
    return r is None


def read_assoc_change(sock):
    """The next record must be an ASSOC_CHANGE notification: its state and association."""
    r = read_rec(sock)
    if r is None or r["type"] != REC_NOTIF:
        fail("expected a notification, got %r" % (r,))
    ntype, _z, ln = struct.unpack_from("<HHI", r["payload"])
    if ntype != 1 or ln < 8:
        fail("expected ASSOC_CHANGE, got notification type %d" % ntype)
    state = struct.unpack_from("<H", r["payload"], 8)[0]
    return state, r["assoc"]


def read_msg(sock):
    parts = b""
    while True:
        r = read_rec(sock)
        if r is None or r["type"] != REC_DATA:
            fail("expected DATA, got %r" % (r,))
        parts += r["payload"]
        if r["flags"] & F_EOR:
            return parts, r


def connect(c, sock, ip, port):
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_SNDBUF, 4096)
    sock.send(rec(REC_CONNECTING, bytes(3000)))
    st, attrs, _ = c.req("CONNECT", [(A["ADDR"], ipc_addr(ip, port))])
    return st, attrs


def so_error(c):
    st, attrs, _ = c.req("GETSOCKOPT", [(A["LEVEL"], SOL_SOCKET_), (A["OPTNAME"], SO_ERROR_)])
    if st:
        fail("GETSOCKOPT SO_ERROR: status %d" % st)
    return struct.unpack("<I", attrs[A["OPTVAL"]][0])[0]


def main():
    path, port = sys.argv[1], int(sys.argv[2])

    # listener
    lc, ls = new_socket(path)
    st, _, _ = lc.req("BIND", [(A["ADDR"], ipc_addr("127.0.0.1", port))])
    if st:
        fail("BIND 127.0.0.1:%d: status %d" % (port, st))
    st, _, _ = lc.req("LISTEN", [(A["BACKLOG"], 5)])
    if st:
        fail("LISTEN: status %d" % st)
    st, a, _ = lc.req("GETSOCKNAME")
    if st or parse_addr(a[A["ADDR"]][0]) != ("127.0.0.1", port):
        fail("GETSOCKNAME of the listener: %d %r" % (st, a))
    ok("socket, bind 127.0.0.1:%d, listen, getsockname" % port)
    st, _, _ = lc.req("BIND", [(A["ADDR"], ipc_addr("127.0.0.1", port + 1))])
    if st != errno.EINVAL:
        fail("a second BIND: status %d, expected EINVAL" % st)
    ok("a second bind is refused with EINVAL")

    # connect readiness: unwritable until the association is up
    cc, cs = new_socket(path)
    st, attrs = connect(cc, cs, "127.0.0.1", port)
    if st != errno.EINPROGRESS or A["ASSOC_ID"] not in attrs:
        fail("CONNECT: status %d, expected EINPROGRESS with an association id" % st)
    p = select.poll()
    p.register(cs, select.POLLOUT)
    t0 = time.time()
    ev = p.poll(5000)
    if not ev or ev[0][1] & (select.POLLHUP | select.POLLERR):
        fail("the connecting socket did not become writable (%r)" % ev)
    if so_error(cc) != 0:
        fail("SO_ERROR after connect is not 0")
    ok("connect: EINPROGRESS, writable after %.1f ms, SO_ERROR 0" % ((time.time() - t0) * 1000))
    st, _, _ = cc.req("CONNECT", [(A["ADDR"], ipc_addr("127.0.0.1", port))])
    if st != errno.EISCONN:
        fail("a second CONNECT: status %d, expected EISCONN" % st)
    ok("a second connect gets EISCONN")

    # accept
    r = read_rec(ls)
    if r is None or r["type"] != REC_ACCEPTABLE:
        fail("the listener got %r, expected ACCEPTABLE" % (r,))
    st, a, afd = lc.req("ACCEPT")
    if st or afd is None:
        fail("ACCEPT: status %d" % st)
    asock = socket.socket(fileno=afd)
    peer = parse_addr(a[A["ADDR"]][0])
    if peer[0] != "127.0.0.1" or peer[1] == port or peer[1] == 0:
        fail("ACCEPT peer %r" % (peer,))
    st, _, _ = lc.req("ACCEPT")
    if st != errno.EAGAIN:
        fail("ACCEPT with nothing waiting: status %d, expected EAGAIN" % st)
    ok("accept: association %d from %s:%d; a second accept gets EAGAIN"
       % (a[A["ASSOC_ID"]][0], peer[0], peer[1]))

    # ADOPT the accepted socket on a new control connection
    ac = Ctl(path)
    st, a2, _ = ac.req("ADOPT", fd=asock.fileno())
    if st or a2[A["FAMILY"]][0] != 4 or a2[A["SOCKTYPE"]][0] != 1:
        fail("ADOPT: status %d %r" % (st, a2))
    st, a3, _ = ac.req("GETPEERNAME")
    if st or parse_addr(a3[A["ADDR"]][0]) != peer:
        fail("GETPEERNAME of the accepted socket: %d %r" % (st, a3))
    ok("ADOPT of the accepted socket, then GETPEERNAME on it")
    st, _, _ = ac.req("SETSOCKOPT", [(A["LEVEL"], SOL_SCTP_), (A["OPTNAME"], SCTP_NODELAY_),
                                     (A["OPTVAL"], struct.pack("<I", 1))])
    st2, a4, _ = ac.req("GETSOCKOPT", [(A["LEVEL"], SOL_SCTP_), (A["OPTNAME"], SCTP_NODELAY_)])
    if st or st2 or struct.unpack("<I", a4[A["OPTVAL"]][0])[0] != 1:
        fail("SCTP_NODELAY set/get: %d %d" % (st, st2))
    ok("SCTP_NODELAY set to 1 reads back 1")

    # messages both ways, stream and ppid kept, a message larger than one record
    cs.setsockopt(socket.SOL_SOCKET, socket.SO_SNDBUF, 212992)
    cs.send(rec(REC_DATA, b"hello, sctp", F_EOR, sid=3, ppid=0x33000000))
    msg, r = read_msg(asock)
    if msg != b"hello, sctp" or r["sid"] != 3 or r["ppid"] != 0x33000000:
        fail("first message: %r sid %d ppid %#x" % (msg, r["sid"], r["ppid"]))
    big = bytes((i * 7) & 0xff for i in range(150000))
    asock.send(rec(REC_DATA, big[:65536]))
    asock.send(rec(REC_DATA, big[65536:131072]))
    asock.send(rec(REC_DATA, big[131072:], F_EOR))
    msg, r = read_msg(cs)
    if msg != big:
        fail("150000-byte message came back as %d bytes" % len(msg))
    for i in range(200):
        cs.send(rec(REC_DATA, struct.pack("<I", i) * 100, F_EOR))
    for i in range(200):
        msg, r = read_msg(asock)
        if msg != struct.pack("<I", i) * 100:
            fail("message %d of 200 differs" % i)
    ok("messages: 11 bytes (sid 3, ppid kept), 150000 bytes in 3 records, 200 x 400 bytes in order")

    st, a5, _ = cc.req("STATUS")
    if st or a5.get(A["ASSOC_ID"]) is None:
        fail("STATUS: status %d" % st)
    ok("STATUS answers for the association")

    # graceful end: client shuts down for writing; the server reads end of file
    cs.shutdown(socket.SHUT_WR)
    if not at_end(asock):
        fail("the server side did not get EOF, end of file after the client's shutdown")
    asock.close()
    if not at_end(cs):
        fail("the client side did not get EOF, end of file after the server closed")
    if so_error(cc) != 0:
        fail("SO_ERROR after a graceful end is not 0")
    ok("shutdown(SHUT_WR) -> EOF, end of file on the other side; close -> the same back; "
       "SO_ERROR 0")

    # closed with records it never read: what it wrote before is still sent, then SHUTDOWN
    # (the kernel cannot tell sctund whether the unread records were data or notifications)
    cc2, cs2 = new_socket(path)
    connect(cc2, cs2, "127.0.0.1", port)
    select.select([], [cs2], [], 5)
    read_rec(ls)
    st, _a, afd2 = lc.req("ACCEPT")
    as2 = socket.socket(fileno=afd2)
    cs2.setsockopt(socket.SOL_SOCKET, socket.SO_SNDBUF, 212992)
    cs2.send(rec(REC_DATA, b"never read", F_EOR))
    time.sleep(0.2)
    as2.setsockopt(socket.SOL_SOCKET, socket.SO_SNDBUF, 212992)
    as2.send(rec(REC_DATA, b"written before close", F_EOR))
    as2.close()
    msg, _r = read_msg(cs2)
    if msg != b"written before close":
        fail("a socket closed with unread records lost what it wrote before (%r)" % msg)
    if not at_end(cs2):
        fail("the peer of a socket closed with unread records did not get EOF, end of file")
    if so_error(cc2) != 0:
        fail("closed with unread records: the peer's SO_ERROR is not 0 (an ABORT?)")
    ok("close with records unread: what it wrote before still arrives, then a clean end")
    cs2.close()

    # an association that ends before accept() (the client sent and shut down at once):
    # accept() still returns it, with its data and then end of file, as Linux does
    cc3, cs3 = new_socket(path)
    connect(cc3, cs3, "127.0.0.1", port)
    select.select([], [cs3], [], 5)
    cs3.setsockopt(socket.SOL_SOCKET, socket.SO_SNDBUF, 212992)
    cs3.send(rec(REC_DATA, b"sent before accept", F_EOR))
    cs3.shutdown(socket.SHUT_WR)
    if not at_end(cs3):
        fail("the client's association did not end cleanly")
    r = read_rec(ls)
    if r is None or r["type"] != REC_ACCEPTABLE:
        fail("no ACCEPTABLE for the association that ended")
    st, _a, afd3 = lc.req("ACCEPT")
    if st or afd3 is None:
        fail("ACCEPT of an association that ended: status %d" % st)
    as3 = socket.socket(fileno=afd3)
    msg, _r = read_msg(as3)
    if msg != b"sent before accept" or not at_end(as3):
        fail("the association that ended before accept: %r, then no end of file" % msg)
    ok("an association that ended before accept(): accept returns it, its data, then EOF")
    for x in (cs3, as3):
        x.close()

    # refused: nobody listens on port+1
    rc, rs = new_socket(path)
    st, _ = connect(rc, rs, "127.0.0.1", port + 1)
    if st != errno.EINPROGRESS:
        fail("CONNECT to a closed port: status %d" % st)
    p = select.poll()
    p.register(rs, select.POLLOUT)
    ev = p.poll(5000)
    if not ev or not ev[0][1] & select.POLLHUP:
        fail("a refused connect did not hang up (%r)" % ev)
    e = so_error(rc)
    if e != errno.ECONNREFUSED:
        fail("SO_ERROR after ABORT is %d, expected ECONNREFUSED" % e)
    ok("connect to a closed port: POLLHUP, SO_ERROR ECONNREFUSED")

    one_to_many(path, port + 2)
    garbage_record(path, port + 3)

    # bad requests are answered with ERROR and the connection stays usable
    bad = Ctl(path)
    bad.s.send(b"\x01\x01\x63\x00" + struct.pack("<I", 77) + bytes(8))  # opcode 99
    st, _a, _ = bad.response()
    if st != errno.EBADMSG:
        fail("unknown opcode: status %d, expected EBADMSG" % st)
    if bad.s.recv(100) != b"":
        fail("the connection that sent an unknown opcode is still open")
    bad = Ctl(path)
    st, _a, _ = bad.req("LISTEN", [(A["BACKLOG"], 1)])
    if st != errno.EBADF:
        fail("LISTEN without a socket: status %d, expected EBADF" % st)
    st, _a, _ = bad.req("ADOPT", fd=os.open("/dev/null", os.O_RDONLY))
    if st != errno.ENOTSOCK:
        fail("ADOPT of /dev/null: status %d, expected ENOTSOCK" % st)
    ok("unknown opcode -> EBADMSG and disconnected, LISTEN before SOCKET -> EBADF, "
       "ADOPT of a non-socket -> ENOTSOCK")
    return 0


def garbage_record(path, port):
    """A malformed record on a connected data socket: that client is cut off, its peer told."""
    lc, ls = new_socket(path)
    lc.req("BIND", [(A["ADDR"], ipc_addr("127.0.0.1", port))])
    lc.req("LISTEN", [(A["BACKLOG"], 5)])
    cc, cs = new_socket(path)
    connect(cc, cs, "127.0.0.1", port)
    select.select([], [cs], [], 5)
    read_rec(ls)
    st, _a, afd = lc.req("ACCEPT")
    asock = socket.socket(fileno=afd)
    cs.send(b"\x07" + bytes(40))  # version 7: not a record
    if not at_end(cs, clean=False):
        fail("the client that sent garbage was not shut down (without EOF record)")
    if so_error(cc) != errno.EPROTO:
        fail("SO_ERROR after a bad record is not EPROTO")
    if not at_end(asock, clean=False):
        fail("the peer of the broken client did not get end of file (without EOF record)")
    ac = Ctl(path)
    ac.req("ADOPT", fd=asock.fileno())
    if so_error(ac) != errno.ECONNRESET:
        fail("the peer of the broken client: SO_ERROR is not ECONNRESET")
    ok("a malformed record: its sender is cut off (EOF, EPROTO), its peer gets ABORT (ECONNRESET)")
    for s in (ls, cs, asock):
        s.close()


def one_to_many(path, port):
    """SOCK_SEQPACKET: implicit setup by sending to an address, notifications, peeloff."""
    comm_up, shutdown_comp = 1, 4
    events = bytes([0, 1])  # struct sctp_event_subscribe: association events on
    sc, ss = Ctl(path), None
    st, _a, fd = sc.req("SOCKET", [(A["FAMILY"], 4), (A["SOCKTYPE"], 2), (A["PROTOCOL"], 132)])
    if st or fd is None:
        fail("SOCKET one-to-many: status %d" % st)
    ss = socket.socket(fileno=fd)
    for c in (sc,):
        c.req("SETSOCKOPT", [(A["LEVEL"], SOL_SCTP_), (A["OPTNAME"], 12), (A["OPTVAL"], events)])
    st1, _, _ = sc.req("BIND", [(A["ADDR"], ipc_addr("127.0.0.1", port))])
    st2, _, _ = sc.req("LISTEN", [(A["BACKLOG"], 5)])
    if st1 or st2:
        fail("one-to-many bind/listen: %d %d" % (st1, st2))
    cc = Ctl(path)
    st, _a, fd = cc.req("SOCKET", [(A["FAMILY"], 4), (A["SOCKTYPE"], 2), (A["PROTOCOL"], 132)])
    cs = socket.socket(fileno=fd)
    st, _, _ = cc.req("SETSOCKOPT", [(A["LEVEL"], SOL_SCTP_), (A["OPTNAME"], 12),
                                     (A["OPTVAL"], events)])
    if st:
        fail("SCTP_EVENTS: status %d" % st)
    # no connect: the first message to the address sets the association up
    cs.send(rec(REC_DATA, b"ping", F_EOR, sid=1, addr=ipc_addr("127.0.0.1", port)))
    state, c_assoc = read_assoc_change(cs)
    if state != comm_up:
        fail("client: ASSOC_CHANGE state %d, expected COMM_UP" % state)
    state, s_assoc = read_assoc_change(ss)
    if state != comm_up:
        fail("server: ASSOC_CHANGE state %d, expected COMM_UP" % state)
    r = read_rec(ss)
    if r["type"] != REC_DATA or r["payload"] != b"ping" or r["assoc"] != s_assoc or \
            r["sid"] != 1 or r["addr"] is None or r["addr"][0] != "127.0.0.1":
        fail("server: expected ping on association %d, got %r" % (s_assoc, r))
    ok("one-to-many: sendmsg to an address sets the association up; COMM_UP on both sides, "
       "then the message with its association and source address")
    ss.send(rec(REC_DATA, b"pong", F_EOR, assoc=s_assoc))
    r = read_rec(cs)
    if r["type"] != REC_DATA or r["payload"] != b"pong" or r["assoc"] != c_assoc:
        fail("client: expected pong on association %d, got %r" % (c_assoc, r))
    ok("one-to-many: reply by association id")
    st, a, pfd = sc.req("PEELOFF", [(A["ASSOC_ID"], s_assoc)])
    if st or pfd is None:
        fail("PEELOFF: status %d" % st)
    ps = socket.socket(fileno=pfd)
    cs.send(rec(REC_DATA, b"after peeloff", F_EOR, assoc=c_assoc))
    msg, r = read_msg(ps)
    if msg != b"after peeloff" or r["addr"] is not None:
        fail("peeled-off socket got %r" % (r,))
    ok("sctp_peeloff: the association's next message arrives on the new socket")
    cs.send(rec(REC_DATA, b"", 4, assoc=c_assoc))  # SCTP_EOF
    state, a2 = read_assoc_change(cs)
    if state != shutdown_comp or a2 != c_assoc:
        fail("client: ASSOC_CHANGE state %d, expected SHUTDOWN_COMP" % state)
    if not at_end(ps):
        fail("the peeled-off socket did not get EOF, end of file")
    ok("SCTP_EOF: SHUTDOWN_COMP on the client, end of file on the peeled-off socket")
    for s in (ss, cs, ps):
        s.close()


if __name__ == "__main__":
    sys.exit(main())
