#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
# uquota.py: one user at sctund's max_socks_per_uid, for sctund-clients.sh.  Run it under
# sctun-run as a user other than root: it opens a listener and a client whose association
# waits in the accept queue, then sockets until socket() fails, which must be EMFILE after
# MAX sockets in all; accept() must fail with EMFILE too and keep the association queued.  It
# then prints "AT QUOTA" and waits for a line on standard input (the caller checks that other
# users are served meanwhile); then it closes one socket, and accept() must return the queued
# association, which carries data; once it closed everything, MAX sockets open again.
# Usage: uquota.py MAX PORT.  Prints "ok: ..." or "FAIL: ..." lines; exits 1 when any failed.
import errno
import select
import socket
import sys
import time

SCTP = 132
limit, port = int(sys.argv[1]), int(sys.argv[2])
failed = False


def check(what, cond):
    global failed
    print(("ok: " if cond else "FAIL: ") + what, flush=True)
    failed = failed or not cond


def errname(e):
    return errno.errorcode.get(e, str(e))


def hoard(n):
    """Sockets until socket() fails or n: (the sockets, the errno or 0)."""
    held = []
    while len(held) < n:
        try:
            held.append(socket.socket(socket.AF_INET, socket.SOCK_STREAM, SCTP))
        except OSError as e:
            return held, e.errno
    return held, 0


lst = socket.socket(socket.AF_INET, socket.SOCK_STREAM, SCTP)
lst.bind(("127.0.0.1", port))
lst.listen(5)
cli = socket.socket(socket.AF_INET, socket.SOCK_STREAM, SCTP)
cli.settimeout(10)
cli.connect(("127.0.0.1", port))  # up, and waiting in lst's accept queue
hog, err = hoard(10 * limit)
check("socket() fails with EMFILE at the quota: %d sockets in all, then %s" %
      (len(hog) + 2, errname(err)), err == errno.EMFILE and len(hog) + 2 == limit)
_more, err2 = hoard(1)
check("and again (%s)" % errname(err2), err2 == errno.EMFILE and not _more)
lst.setblocking(False)
try:
    lst.accept()
    aerr = 0
except OSError as e:
    aerr = e.errno
check("accept() at the quota fails with EMFILE (%s)" % errname(aerr), aerr == errno.EMFILE)
r, _, _ = select.select([lst], [], [], 0)
check("the listener stays readable: the association is still queued", bool(r))
print("AT QUOTA", flush=True)
sys.stdin.readline()

hog.pop().close()
acc = None
for _ in range(100):  # sctund frees the socket once it sees the hang-up
    try:
        acc = lst.accept()[0]
        break
    except BlockingIOError:
        break
    except OSError as e:
        if e.errno != errno.EMFILE:
            raise
        time.sleep(0.1)
check("one socket closed: accept() returns the queued association", acc is not None)
if acc:
    acc.setblocking(True)
    acc.settimeout(10)
    cli.send(b"ping")
    check("and it carries data", acc.recv(100) == b"ping")
    acc.close()
for s in hog + [lst, cli]:
    s.close()
again = []
for _ in range(100):
    again, err = hoard(limit)
    if len(again) == limit:
        break
    for s in again:
        s.close()
    time.sleep(0.1)
check("all closed: %d sockets open again (%s)" % (len(again), errname(err)),
      len(again) == limit)
sys.exit(1 if failed else 0)
