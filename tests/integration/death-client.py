#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
# death-client.py: an SCTP client (run under sctun-run) that talks to sctund's echo service
# until sctund is killed, checks what a socket whose sctund died does, then, once told sctund
# is back, reconnects from the same process and checks the echo by hash.
#
# usage: death-client.py one|many PORT FLAGFILE
#   prints "up" once echoing; after the kill, one line per check ("ok: ..." / "FAIL: ...");
#   waits (at most 30 s) for FLAGFILE, which the test creates once sctund runs again.
#   Exit status 0 when every check passed.
import errno
import hashlib
import os
import select
import signal
import socket
import sys
import time

IPPROTO_SCTP = 132
mode, port, flag = sys.argv[1], int(sys.argv[2]), sys.argv[3]
dest = ("127.0.0.1", port)
many = mode == "many"
failed = False


def check(what, good, detail=""):
    global failed
    print(("ok: " if good else "FAIL: ") + what + (f" ({detail})" if detail else ""), flush=True)
    failed |= not good


def name(e):
    return errno.errorcode.get(e, str(e))


def new_socket():
    return socket.socket(socket.AF_INET, socket.SOCK_SEQPACKET if many else socket.SOCK_STREAM,
                         IPPROTO_SCTP)


def echo(s, data, flags=0):
    """Send @data as messages of at most 4000 bytes and read the echoes back."""
    got = bytearray()
    for i in range(0, len(data), 4000):
        piece = data[i:i + 4000]
        if many:
            s.sendto(piece, flags, dest)
        else:
            s.send(piece, flags)
        n = 0
        while n < len(piece):
            b = s.recv(65536)
            if not b:
                raise ConnectionError("end of file")
            got += b
            n += len(b)
    return bytes(got)


s = new_socket()
if not many:
    s.connect(dest)
blob = os.urandom(4000)
check("echo before the kill", echo(s, blob) == blob)
print("up", flush=True)

# talk until sctund is gone: the first failure shows how the socket learns of it
first = None
deadline = time.monotonic() + 30
while time.monotonic() < deadline:
    try:
        echo(s, blob, socket.MSG_NOSIGNAL)
    except OSError as e:
        first = name(e.errno)
        break
    except ConnectionError:
        first = "0 (end of file)"
        break
check("the transfer fails when sctund dies", first is not None and first != "0 (end of file)",
      f"first failure: {first}")

# poll: an error or a hang-up, at once (not only "readable")
p = select.poll()
p.register(s, select.POLLIN | select.POLLOUT)
ev = p.poll(2000)
rev = ev[0][1] if ev else 0
check("poll reports POLLHUP or POLLERR", rev & (select.POLLHUP | select.POLLERR) != 0,
      f"revents {rev:#x}")

# what was delivered before the kill is still read, then ECONNRESET, never 0
delivered, err = 0, None
for _ in range(1000):
    try:
        b = s.recv(65536, socket.MSG_DONTWAIT)
    except OSError as e:
        err = name(e.errno)
        break
    if not b:
        err = "0 (end of file)"
        break
    delivered += len(b)
check("recv fails with ECONNRESET after the data already there", err == "ECONNRESET",
      f"{delivered} bytes, then {err}")
try:
    s.recv(100)
    err = "no error"
except OSError as e:
    err = name(e.errno)
check("...and again on the next recv", err == "ECONNRESET", err)
so = s.getsockopt(socket.SOL_SOCKET, socket.SO_ERROR)
check("SO_ERROR says ECONNRESET", so == errno.ECONNRESET, name(so))

# send: EPIPE, and SIGPIPE unless MSG_NOSIGNAL
pipes = []
signal.signal(signal.SIGPIPE, lambda sig, frm: pipes.append(sig))
for flags, want_sig in ((socket.MSG_NOSIGNAL, False), (0, True)):
    pipes.clear()
    try:
        if many:
            s.sendto(b"x", flags, dest)
        else:
            s.send(b"x", flags)
        err = "no error"
    except OSError as e:
        err = name(e.errno)
    time.sleep(0.05)  # Python runs the handler between bytecodes
    check(f"send with flags {flags:#x} fails with EPIPE", err == "EPIPE", err)
    check(f"...{'with' if want_sig else 'without'} SIGPIPE", bool(pipes) == want_sig)
signal.signal(signal.SIGPIPE, signal.SIG_IGN)

# a typical event loop for the rest of the measured time: it must end, not spin
zeros, errs, t_end = 0, 0, time.monotonic() + 3
while time.monotonic() < t_end:
    if not p.poll(500):
        continue
    try:
        if not s.recv(65536):
            zeros += 1  # one-to-many: an empty message; one-to-one: end of file
            if not many:
                break
            continue
    except BlockingIOError:
        continue
    except OSError:
        errs += 1
        break
check("an event loop on the dead socket ends", errs == 1 and zeros == 0,
      f"{errs} errors, {zeros} zero-length reads")
s.close()

# while sctund is down, socket() fails as without kernel SCTP
try:
    new_socket().close()
    err = "no error"
except OSError as e:
    err = name(e.errno)
want = "ESOCKTNOSUPPORT" if many else "EPROTONOSUPPORT"
check(f"socket() fails with {want} while sctund is down", err == want, err)
print("down-checked", flush=True)

# sctund is back: a new socket in this process carries data again
deadline = time.monotonic() + 30
while not os.path.exists(flag) and time.monotonic() < deadline:
    time.sleep(0.1)
data = os.urandom(256 * 1024)
try:
    s = new_socket()
    if not many:
        s.connect(dest)
    back = echo(s, data)
    s.close()
except OSError as e:
    back = name(e.errno).encode()
check("after the restart a new socket carries 256 KiB", hashlib.sha256(back).digest() ==
      hashlib.sha256(data).digest(), f"{len(back)} bytes back")
sys.exit(1 if failed else 0)
