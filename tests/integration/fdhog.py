#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
# fdhog.py: a local client that hoards descriptors, for sctund-clients.sh.
#   fdhog.py sockets N      SCTP sockets (run it under sctun-run) until socket() fails or N
#   fdhog.py connect PATH N bare connections to sctund's IPC socket PATH that never say a word
# Prints "opened COUNT, then ERRNO-NAME" ("none" when N were opened), then holds everything
# until its standard input ends.
import errno
import socket
import sys

held = []
err = "none"
n = int(sys.argv[-1])
while len(held) < n:
    try:
        if sys.argv[1] == "sockets":
            s = socket.socket(socket.AF_INET, socket.SOCK_STREAM, 132)
        else:
            s = socket.socket(socket.AF_UNIX, socket.SOCK_SEQPACKET)
            s.settimeout(1)  # a full backlog blocks connect(): that is the end too
            s.connect(sys.argv[2])
        held.append(s)
    except socket.timeout:
        err = "timeout"
        break
    except OSError as e:
        err = errno.errorcode.get(e.errno, str(e.errno))
        break
print("opened %d, then %s" % (len(held), err), flush=True)
sys.stdin.read()
