#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
# fdexhaust.py: what a program sees when sctund runs out of descriptors, for sctund-clients.sh.
# Run it under sctun-run, as root: it sets up a queued association on a listener, one on a
# one-to-many socket and a bare control connection, lowers sctund's RLIMIT_NOFILE to a few above
# what it holds, then checks that socket() (new connection, and SOCKET on a connection already
# open), accept() and sctp_peeloff() fail with ENFILE (not EPROTONOSUPPORT, not EMFILE), that
# neither association is lost, and that everything works again once descriptors are free; then
# the same with the program itself at its descriptor limit (EMFILE).
# Usage: fdexhaust.py SCTUND_PID SERVICE_SOCKET PORT (uses PORT and PORT + 1).
# Prints "ok: ..." or "FAIL: ..." lines; exits 1 when any check failed.
import ctypes
import errno
import importlib.util
import os
import resource
import select
import socket
import struct
import sys
import time

SCTP = 132
pid, path, port = int(sys.argv[1]), sys.argv[2], int(sys.argv[3])
failed = False


def check(what, cond):
    global failed
    print(("ok: " if cond else "FAIL: ") + what, flush=True)
    failed = failed or not cond


def errname(e):
    return errno.errorcode.get(e, str(e))


# the byte-level IPC client (Ctl: HELLO on connect, req() for one request); no __pycache__
sys.dont_write_bytecode = True
spec = importlib.util.spec_from_file_location(
    "ipc_client", os.path.join(os.path.dirname(os.path.abspath(__file__)), "ipc-client.py"))
ipc = importlib.util.module_from_spec(spec)
spec.loader.exec_module(ipc)

libc = ctypes.CDLL(None, use_errno=True)  # libsctun.so is preloaded: its sctp_* come first


class SndRcvInfo(ctypes.Structure):  # struct sctp_sndrcvinfo (RFC 6458 5.3.2)
    _fields_ = [("stream", ctypes.c_uint16), ("ssn", ctypes.c_uint16),
                ("flags", ctypes.c_uint16), ("ppid", ctypes.c_uint32),
                ("context", ctypes.c_uint32), ("timetolive", ctypes.c_uint32),
                ("tsn", ctypes.c_uint32), ("cumtsn", ctypes.c_uint32),
                ("assoc_id", ctypes.c_int32)]


def recv_assoc(fd):
    """One message on a one-to-many socket: (bytes, its association id)."""
    buf = ctypes.create_string_buffer(256)
    info = SndRcvInfo()
    flags = ctypes.c_int(0)
    n = libc.sctp_recvmsg(fd, buf, 256, None, None, ctypes.byref(info), ctypes.byref(flags))
    if n < 0:
        raise OSError(ctypes.get_errno(), "sctp_recvmsg")
    return buf.raw[:n], info.assoc_id


def peeloff(fd, assoc):
    r = libc.sctp_peeloff(fd, ctypes.c_int32(assoc))
    return r, (ctypes.get_errno() if r < 0 else 0)


def nfds(p):
    return len(os.listdir("/proc/%d/fd" % p))


# -- set up while sctund has descriptors
lst = socket.socket(socket.AF_INET, socket.SOCK_STREAM, SCTP)
lst.bind(("127.0.0.1", port))
lst.listen(5)
cli = socket.socket(socket.AF_INET, socket.SOCK_STREAM, SCTP)
cli.settimeout(10)
cli.connect(("127.0.0.1", port))  # up, and waiting in lst's accept queue
many = socket.socket(socket.AF_INET, socket.SOCK_SEQPACKET, SCTP)
many.bind(("127.0.0.1", port + 1))
many.listen(5)
peer = socket.socket(socket.AF_INET, socket.SOCK_SEQPACKET, SCTP)
peer.sendto(b"first", ("127.0.0.1", port + 1))
r, _, _ = select.select([many], [], [], 10)
msg, assoc = recv_assoc(many.fileno()) if r else (b"", 0)
check("one-to-many: a message from a new association (id %d)" % assoc, msg == b"first" and assoc)
session = ipc.Ctl(path)  # a control connection that will ask for a socket later

# -- sctund out of descriptors: a few more than it holds now
soft, hard = resource.prlimit(pid, resource.RLIMIT_NOFILE)
resource.prlimit(pid, resource.RLIMIT_NOFILE, (nfds(pid) + 6, hard))
hog, err = [], 0
while len(hog) < 1000:
    try:
        hog.append(socket.socket(socket.AF_INET, socket.SOCK_STREAM, SCTP))
    except OSError as e:
        err = e.errno
        break
check("socket() on an exhausted sctund fails with ENFILE after %d sockets (got %s)" %
      (len(hog), errname(err)), err == errno.ENFILE)
errs = set()
for _ in range(6):  # the connection refused, or SOCKET refused on it: ENFILE both
    try:
        hog.append(socket.socket(socket.AF_INET, socket.SOCK_SEQPACKET, SCTP))
    except OSError as e:
        errs.add(errname(e.errno))
check("and again, one-to-many too: %s" % sorted(errs), errs == {"ENFILE"})
# bare connections take what sctund has left: a new one is refused before any request
bare = []
for _ in range(3):
    b = socket.socket(socket.AF_UNIX, socket.SOCK_SEQPACKET)
    b.connect(path)
    bare.append(b)
time.sleep(0.5)
try:
    hog.append(socket.socket(socket.AF_INET, socket.SOCK_STREAM, SCTP))
    err = 0
except OSError as e:
    err = e.errno
check("not even a connection left: socket() fails with ENFILE (%s)" % errname(err),
      err == errno.ENFILE)
st, _a, fd = session.req("SOCKET", [(ipc.A["FAMILY"], 4), (ipc.A["SOCKTYPE"], 1),
                                    (ipc.A["PROTOCOL"], SCTP)])
check("SOCKET on a control connection already open: status %s, no descriptor" % errname(st),
      st == errno.ENFILE and fd is None)
lst.setblocking(False)
try:
    a = lst.accept()[0]
    aerr = 0
except OSError as e:
    aerr = e.errno
check("accept() fails with ENFILE (got %s)" % errname(aerr), aerr == errno.ENFILE)
r, _, _ = select.select([lst], [], [], 0)
check("the listener stays readable: the association is still queued", bool(r))
pfd, perr = peeloff(many.fileno(), assoc)
check("sctp_peeloff() fails with ENFILE (got %s)" % errname(perr), pfd < 0 and perr == errno.ENFILE)

# -- descriptors free again
for s in hog + bare:
    s.close()
resource.prlimit(pid, resource.RLIMIT_NOFILE, (soft, hard))
acc = None
for _ in range(100):
    try:
        acc = lst.accept()[0]
        break
    except BlockingIOError:
        break
    except OSError as e:
        if e.errno != errno.ENFILE:
            raise
        time.sleep(0.1)
check("once sctund has descriptors again, accept() returns the queued association",
      acc is not None)
if acc:
    acc.setblocking(True)
    acc.settimeout(10)
    cli.send(b"ping")
    check("and it carries data", acc.recv(100) == b"ping")
pfd, perr = peeloff(many.fileno(), assoc)
check("sctp_peeloff() of the association kept (%s)" % errname(perr), pfd >= 0)
if pfd >= 0:
    peer.sendto(b"second", ("127.0.0.1", port + 1))
    r, _, _ = select.select([pfd], [], [], 10)
    check("and the peeled-off socket gets its messages",
          bool(r) and os.read(pfd, 100) == b"second")
st, _a, fd = session.req("SOCKET", [(ipc.A["FAMILY"], 4), (ipc.A["SOCKTYPE"], 1),
                                    (ipc.A["PROTOCOL"], SCTP)])
check("SOCKET on the open control connection works again (status %d)" % st,
      st == 0 and fd is not None)
try:
    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM, SCTP)
    s.close()
    serr = 0
except OSError as e:
    serr = e.errno
check("and socket() (%s)" % errname(serr), serr == 0)

# -- the program itself out of descriptors: EMFILE, and again nothing is lost
cli2 = socket.socket(socket.AF_INET, socket.SOCK_STREAM, SCTP)
cli2.settimeout(10)
cli2.connect(("127.0.0.1", port))
peer2 = socket.socket(socket.AF_INET, socket.SOCK_SEQPACKET, SCTP)
peer2.sendto(b"third", ("127.0.0.1", port + 1))  # a new association on the one-to-many socket
r, _, _ = select.select([many], [], [], 10)
msg2, assoc2 = recv_assoc(many.fileno()) if r else (b"", 0)
check("a second association on the one-to-many socket (%d)" % assoc2, msg2 == b"third")
own = resource.getrlimit(resource.RLIMIT_NOFILE)
resource.setrlimit(resource.RLIMIT_NOFILE, (max(int(f) for f in os.listdir("/proc/self/fd")) + 1,
                                            own[1]))
fill = []
while True:  # every slot below the limit taken
    try:
        fill.append(os.open("/dev/null", os.O_RDONLY))
    except OSError:
        break
try:
    lst.accept()
    aerr = 0
except OSError as e:
    aerr = e.errno
check("at its own descriptor limit, accept() fails with EMFILE (%s)" % errname(aerr),
      aerr == errno.EMFILE)
pfd, perr = peeloff(many.fileno(), assoc2)
check("and sctp_peeloff() (%s)" % errname(perr), pfd < 0 and perr == errno.EMFILE)
for f in fill:
    os.close(f)
resource.setrlimit(resource.RLIMIT_NOFILE, own)
try:
    acc2 = lst.accept()[0]
    acc2.setblocking(True)
    acc2.settimeout(10)
    cli2.send(b"pong")
    got = acc2.recv(100)
except OSError as e:
    got = errname(e.errno).encode()
check("with a descriptor free, accept() returns the association, which carries data (%r)" % got,
      got == b"pong")
pfd, perr = peeloff(many.fileno(), assoc2)
check("and sctp_peeloff() takes the second association (%s)" % errname(perr), pfd >= 0)
sys.exit(1 if failed else 0)
