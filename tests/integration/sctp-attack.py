#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
# sctp-attack.py: an off-path attacker and a minimal SCTP peer on raw sockets, against sctund.
#
# usage: sctp-attack.py ME ALT SERVER MAIN_PORT ECHO_PORT SCTUND_PID SCTUNCTL SOCKET
#
# Runs in the peer namespace.  It sets up a real association (the "main" one) with an unmodified
# program served by sctund on MAIN_PORT (socat echoing through cat), then sends the attacks of
# RFC 9260 section 11 and RFC 5062 with the main association's addresses and ports, as a blind
# attacker spoofing the peer would, checking after each one that the main association still
# echoes a message byte for byte.  Short-lived associations with sctund's built-in echo service
# on ECHO_PORT serve the cookie and memory cases.  ALT is a second address of this namespace
# (the hijacking INIT comes from it).  sctund must run with --set valid_cookie_life=2000,
# max_instreams=100 and rcvbuf=65536 (the memory bound assumes it); SCTUND_PID is read in /proc
# for its memory, SCTUNCTL and SOCKET show its paths.  Prints "ok:"/"FAIL:" lines; the exit
# status is the number of failures.
import json
import os
import select
import socket
import struct
import subprocess
import sys
import time

ME, ALT, SERVER = sys.argv[1], sys.argv[2], sys.argv[3]
MAIN_PORT, ECHO_PORT, PID = int(sys.argv[4]), int(sys.argv[5]), int(sys.argv[6])
SCTUNCTL, SOCK = sys.argv[7], sys.argv[8]
fails = 0


def ok(msg):
    print("ok: " + msg, flush=True)


def bad(msg):
    global fails
    fails += 1
    print("FAIL: " + msg, flush=True)


def check(what, cond):
    (ok if cond else bad)(what)
    return cond


# ----------------------------------------------------------------- packets (RFC 9260 3)

def _table():
    t = []
    for i in range(256):
        c = i
        for _ in range(8):
            c = (c >> 1) ^ (0x82F63B78 if c & 1 else 0)
        t.append(c)
    return t


CRC_TABLE = _table()


def crc32c(data):
    crc = 0xFFFFFFFF
    t = CRC_TABLE
    for b in data:
        crc = t[(crc ^ b) & 0xFF] ^ (crc >> 8)
    return crc ^ 0xFFFFFFFF


def chunk(ctype, flags, body):
    c = struct.pack("!BBH", ctype, flags, 4 + len(body)) + body
    return c + b"\0" * (-len(c) % 4)


def packet(sport, dport, vtag, chunks):
    hdr = struct.pack("!HHII", sport, dport, vtag, 0)
    return hdr[:8] + struct.pack("<I", crc32c(hdr + chunks)) + chunks


def param(ptype, body):
    p = struct.pack("!HH", ptype, 4 + len(body)) + body
    return p + b"\0" * (-len(p) % 4)


def parse_chunks(b):
    out = []
    while len(b) >= 4:
        t, f, ln = struct.unpack("!BBH", b[:4])
        if ln < 4:
            break
        out.append((t, f, b[4:ln]))
        b = b[(ln + 3) & ~3:]
    return out


def parse_params(b):
    out = []
    while len(b) >= 4:
        t, ln = struct.unpack("!HH", b[:4])
        if ln < 4:
            break
        out.append((t, b[4:ln]))
        b = b[(ln + 3) & ~3:]
    return out


def rand32():
    return struct.unpack("!I", os.urandom(4))[0] | 1


INIT, INIT_ACK, SACK, HB, HB_ACK, ABORT, SHUTDOWN, SHUTDOWN_ACK = 1, 2, 3, 4, 5, 6, 7, 8
ERROR, COOKIE_ECHO, COOKIE_ACK, SHUTDOWN_COMPLETE, DATA = 9, 10, 11, 14, 0

raw = socket.socket(socket.AF_INET, socket.SOCK_RAW, 132)
raw.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4 << 20)
icmp = socket.socket(socket.AF_INET, socket.SOCK_RAW, socket.IPPROTO_ICMP)
# the attacker speaks from the peer's address: IP_HDRINCL lets the INIT come from ALT too
hdrincl = socket.socket(socket.AF_INET, socket.SOCK_RAW, socket.IPPROTO_RAW)


def send_from(src, sctp):
    ip = struct.pack("!BBHHHBBH4s4s", 0x45, 0, 20 + len(sctp), 0, 0x4000, 64, 132, 0,
                     socket.inet_aton(src), socket.inet_aton(SERVER))
    hdrincl.sendto(ip + sctp, (SERVER, 0))


def send(sctp):
    raw.sendto(sctp, (SERVER, 0))


backlog = []  # packets read but not yet wanted: (sport, dport, vtag, chunks)


def read_one(deadline):
    while True:
        left = deadline - time.monotonic()
        if left <= 0:
            return None
        r, _, _ = select.select([raw], [], [], left)
        if not r:
            return None
        data = raw.recv(65535)
        s = data[(data[0] & 15) * 4:]
        if len(s) < 12:
            continue
        if struct.unpack("<I", s[8:12])[0] != crc32c(s[:8] + b"\0\0\0\0" + s[12:]):
            bad("sctund sent a packet with a bad CRC32c")
            continue
        sport, dport, vtag = struct.unpack("!HHI", s[:8])
        return (sport, dport, vtag, parse_chunks(s[12:]), len(data))


def wait_pkt(ports, timeout, want=None):
    """The next packet for the (local, remote) port pair whose chunk types meet want()."""
    deadline = time.monotonic() + timeout
    for i, p in enumerate(backlog):
        if (p[1], p[0]) == ports and (want is None or want(p)):
            return backlog.pop(i)
    while True:
        p = read_one(deadline)
        if p is None:
            return None
        if (p[1], p[0]) == ports and (want is None or want(p)):
            return p
        if (p[1], p[0]) in assocs:
            assocs[(p[1], p[0])].handle(p)
        elif len(backlog) < 1000:
            backlog.append(p)


def silence(ports, secs):
    """Every packet for @ports within secs (answers the main association's heartbeats)."""
    got = []
    deadline = time.monotonic() + secs
    while True:
        p = read_one(deadline)
        if p is None:
            return got
        if (p[1], p[0]) == ports:
            got.append(p)
        elif (p[1], p[0]) in assocs:
            assocs[(p[1], p[0])].handle(p)


def types(p):
    return [c[0] for c in p[3]]


assocs = {}


class Assoc:
    """A minimal SCTP endpoint: one path, stream 0, whole messages."""

    def __init__(self, dport, mis=10, os_=10):
        self.sport = 20000 + rand32() % 40000
        self.dport = dport
        self.tag = rand32()  # ours: sctund sends with it
        self.tsn = rand32()
        self.ssn = 0
        self.peer_tag = 0
        self.peer_cum = None  # last TSN of sctund's we acknowledge
        self.rx = b""
        self.rx_chunks = []
        self.aborted = False
        self.mis, self.os = mis, os_

    @property
    def ports(self):
        return (self.sport, self.dport)

    def init_chunk(self, tag=None, extra=b""):
        return chunk(INIT, 0, struct.pack("!IIHHI", tag or self.tag, 1 << 20, self.os, self.mis,
                                          self.tsn) + extra)

    def get_cookie(self):
        """INIT, INIT ACK: the State Cookie and the INIT ACK's body, or None."""
        send(packet(self.sport, self.dport, 0, self.init_chunk()))
        p = wait_pkt(self.ports, 5, lambda p: INIT_ACK in types(p))
        if p is None:
            return None
        body = [c for c in p[3] if c[0] == INIT_ACK][0][2]
        self.peer_tag, _, self.peer_os, self.peer_mis, itsn = struct.unpack("!IIHHI", body[:16])
        self.peer_cum = (itsn - 1) & 0xFFFFFFFF
        cookie = [v for t, v in parse_params(body[16:]) if t == 7]
        return cookie[0] if cookie else None

    def connect(self):
        cookie = self.get_cookie()
        if cookie is None:
            return None
        self.cookie = cookie
        send(packet(self.sport, self.dport, self.peer_tag, chunk(COOKIE_ECHO, 0, cookie)))
        if wait_pkt(self.ports, 5, lambda p: COOKIE_ACK in types(p)) is None:
            return None
        assocs[self.ports] = self
        return self

    def pkt(self, chunks, vtag=None):
        return packet(self.sport, self.dport, self.peer_tag if vtag is None else vtag, chunks)

    def sack_chunk(self):
        return chunk(SACK, 0, struct.pack("!IIHH", self.peer_cum, 1 << 20, 0, 0))

    def data_chunk(self, payload, sid=0, flags=3, ssn=None, tsn=None):
        c = chunk(DATA, flags, struct.pack("!IHHI", self.tsn if tsn is None else tsn, sid,
                                           self.ssn if ssn is None else ssn, 0) + payload)
        if tsn is None:
            self.tsn = (self.tsn + 1) & 0xFFFFFFFF
        return c

    def handle(self, p):
        """What sctund sends: DATA acknowledged, HEARTBEAT answered, ABORT noted."""
        out = b""
        for t, f, body in p[3]:
            if t == DATA and len(body) >= 12:
                tsn = struct.unpack("!I", body[:4])[0]
                if tsn == (self.peer_cum + 1) & 0xFFFFFFFF:
                    self.peer_cum = tsn
                    self.rx += body[12:]
                    self.rx_chunks.append((f, len(body) - 12, p[4]))
                out = self.sack_chunk()
            elif t == HB:
                out += chunk(HB_ACK, 0, body)
            elif t == ABORT:
                self.aborted = True
                assocs.pop(self.ports, None)
        if out:
            send(self.pkt(out))

    def echo(self, payload, timeout=10):
        """One message to socat/echo and its way back: True when the same bytes return."""
        self.rx, self.rx_chunks = b"", []
        send(self.pkt(self.data_chunk(payload)))
        self.ssn += 1
        deadline = time.monotonic() + timeout
        while len(self.rx) < len(payload) and not self.aborted:
            p = read_one(deadline)
            if p is None:
                break
            if (p[1], p[0]) in assocs:
                assocs[(p[1], p[0])].handle(p)
        return self.rx == payload and not self.aborted

    def abort(self):
        send(self.pkt(chunk(ABORT, 0, b"")))
        assocs.pop(self.ports, None)


def rss_kb():
    with open("/proc/%d/status" % PID) as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0


def paths(port):
    """The main association's status from sctunctl (JSON), found by its peer @port."""
    out = subprocess.run([SCTUNCTL, "-S", SOCK, "-j", "assocs", "port", str(MAIN_PORT)],
                         capture_output=True, text=True, timeout=10).stdout
    try:
        found = [a for a in json.loads(out)["associations"] if a["peer_port"] == port]
    except (ValueError, KeyError, TypeError):
        print("sctunctl said: " + out)
        return None
    return found[0] if found else None


def icmp_unreach(code, mtu, quoted_vtag, m):
    """ICMP destination unreachable from the peer quoting a packet sctund sent to m (RFC 792)."""
    ip = struct.pack("!BBHHHBBH4s4s", 0x45, 0, 20 + 48, 0, 0x4000, 63, 132, 0,
                     socket.inet_aton(SERVER), socket.inet_aton(ME))
    quote = ip + struct.pack("!HHII", m.dport, m.sport, quoted_vtag, 0) + b"\0" * 36
    hdr = struct.pack("!BBHHH", 3, code, 0, 0, mtu) + quote
    s = 0
    for i in range(0, len(hdr), 2):
        s += (hdr[i] << 8) + hdr[i + 1]
    while s >> 16:
        s = (s & 0xFFFF) + (s >> 16)
    hdr = hdr[:2] + struct.pack("!H", ~s & 0xFFFF) + hdr[4:]
    icmp.sendto(hdr, (SERVER, 0))


# ----------------------------------------------------------------- the scenarios

main = Assoc(MAIN_PORT).connect()
if not check("main association with socat (through sctun-run) set up", main is not None):
    sys.exit(1)
n_echo = 0


def alive(after):
    global n_echo
    n_echo += 1
    msg = (b"%d after %s " % (n_echo, after.encode())) * 20
    check("the main association echoes a message after: " + after, main.echo(msg))


alive("set-up")

# -- RFC 9260 5.1.5 1-2: a COOKIE ECHO whose MAC does not verify is discarded without a word
b = Assoc(ECHO_PORT)
cookie = b.get_cookie()
check("INIT to the echo port answered with an INIT ACK carrying a State Cookie",
      cookie is not None)
forged = bytearray(cookie or b"x" * 64)
forged[len(forged) // 2] ^= 0x40
send(b.pkt(chunk(COOKIE_ECHO, 0, bytes(forged))))
check("COOKIE ECHO with a bad MAC (one bit flipped): silently discarded (RFC 9260 5.1.5)",
      silence(b.ports, 1.5) == [])
send(b.pkt(chunk(COOKIE_ECHO, 0, os.urandom(300))))
check("COOKIE ECHO with 300 random bytes: silently discarded", silence(b.ports, 1) == [])
alive("forged cookies")

# -- a cookie kept for later: RFC 9260 5.2.6 Stale Cookie (valid_cookie_life = 2000 ms)
late = Assoc(ECHO_PORT)
late_cookie = late.get_cookie()
ended = Assoc(ECHO_PORT).connect()
check("a second association with the echo service set up", ended is not None)
if ended:
    check("it echoes", ended.echo(b"short-lived" * 10))
    ended.abort()
t0 = time.monotonic()

# -- RFC 9260 8.5, 8.5.1: wrong verification tags and T bits, on the main association's ports
wrong = rand32()
cases = [
    ("ABORT, T=0, random tag", chunk(ABORT, 0, b""), wrong),
    ("ABORT, T=1, random tag", chunk(ABORT, 1, b""), wrong),
    ("ABORT, T=1 with sctund's own tag (8.5.1 B wants the peer's)", chunk(ABORT, 1, b""),
     main.peer_tag),
    ("ABORT, T=0 with the peer's tag (8.5.1 B wants sctund's)", chunk(ABORT, 0, b""), main.tag),
    ("SHUTDOWN, random tag", chunk(SHUTDOWN, 0, struct.pack("!I", main.peer_cum)), wrong),
    ("SHUTDOWN COMPLETE, T=0, random tag", chunk(SHUTDOWN_COMPLETE, 0, b""), wrong),
    ("SHUTDOWN COMPLETE, T=1 with sctund's own tag", chunk(SHUTDOWN_COMPLETE, 1, b""),
     main.peer_tag),
    ("SHUTDOWN COMPLETE with the right tag in ESTABLISHED (8.5.1 C)",
     chunk(SHUTDOWN_COMPLETE, 0, b""), main.peer_tag),
    ("HEARTBEAT ACK, random tag", chunk(HB_ACK, 0, param(1, os.urandom(40))), wrong),
    ("SACK acknowledging 1000 unsent TSNs, random tag",
     chunk(SACK, 0, struct.pack("!IIHH", (main.tsn + 1000) & 0xFFFFFFFF, 0, 0, 0)), wrong),
    ("SHUTDOWN ACK, random tag", chunk(SHUTDOWN_ACK, 0, b""), wrong),
]
for what, c, vtag in cases:
    send(main.pkt(c, vtag))
    got = [t for p in silence(main.ports, 0.4) for t in types(p) if t not in (SACK, HB)]
    check(what + ": ignored, no answer (%s)" % got, got == [])
    if main.aborted:
        break
alive("wrong-tag ABORT, SHUTDOWN, SHUTDOWN COMPLETE, HEARTBEAT ACK, SACK")

# DATA with a wrong tag and the next TSN: were it taken, socat would echo it, and the next real
# DATA (same TSN) would be a duplicate
silence(main.ports, 0.5)  # the delayed SACK of the last echo
send(main.pkt(main.data_chunk(b"EVIL" * 50, tsn=main.tsn), rand32()))
got = silence(main.ports, 0.5)
acked = [struct.unpack("!I", c[2][:4])[0] for p in got for c in p[3] if c[0] == SACK]
check("DATA with a wrong tag: not acknowledged, not delivered (%s)" % [types(p) for p in got],
      all(DATA not in types(p) for p in got) and main.tsn not in acked)
alive("wrong-tag DATA")

# -- RFC 9260 5.2.1/5.2.2: an INIT for the main association's ports listing a new address
hijack = rand32()
init = chunk(INIT, 0, struct.pack("!IIHHI", hijack, 1 << 20, 10, 10, rand32()) +
             param(5, socket.inet_aton(ALT)))
send(packet(main.sport, main.dport, 0, init))
p = wait_pkt(main.ports, 3, lambda p: ABORT in types(p) or INIT_ACK in types(p))
cause = None
if p and ABORT in types(p):
    body = [c for c in p[3] if c[0] == ABORT][0]
    cause = struct.unpack("!H", body[2][:2])[0] if len(body[2]) >= 4 else None
check("INIT with a new address for the main association's ports: ABORT, cause 11 "
      "(Restart of an Association with New Addresses), vtag = its Initiate Tag, T=0 (%s)"
      % str(None if p is None else (types(p), hex(p[2]), cause)),
      p is not None and ABORT in types(p) and p[2] == hijack and cause == 11 and
      [c for c in p[3] if c[0] == ABORT][0][1] & 1 == 0)
# from the new address, naming the association's address (5.1.2 D makes it the same one)
hijack = rand32()
send_from(ALT, packet(main.sport, main.dport, 0, chunk(INIT, 0, struct.pack(
    "!IIHHI", hijack, 1 << 20, 10, 10, rand32()) + param(5, socket.inet_aton(ME)))))
p = wait_pkt(main.ports, 3, lambda p: ABORT in types(p) or INIT_ACK in types(p))
check("INIT from a new address naming the association's address: ABORT, not an INIT ACK (%s)"
      % str(p and (types(p), hex(p[2]))), p is not None and ABORT in types(p) and p[2] == hijack)
alive("INITs with new addresses")
# the same INIT without new addresses: an INIT ACK (5.2.2), nothing changes until a COOKIE ECHO
send(packet(main.sport, main.dport, 0, chunk(INIT, 0, struct.pack(
    "!IIHHI", rand32(), 1 << 20, 10, 10, rand32()))))
p = wait_pkt(main.ports, 3, lambda p: INIT_ACK in types(p) or ABORT in types(p))
check("INIT from the same address and ports: INIT ACK, association kept (RFC 9260 5.2.2)",
      p is not None and INIT_ACK in types(p))
alive("an unexpected INIT")

# -- RFC 9260 section 10 ICMP6: an ICMP error whose quoted tag is not the peer's is ignored
for _ in range(3):
    icmp_unreach(4, 576, rand32(), main)
big = os.urandom(1400)
ok_echo = main.echo(big)
sizes = [c[1] for c in main.rx_chunks]
check("after 'fragmentation needed, MTU 576' quoting a wrong tag: 1400 bytes come back in one "
      "DATA chunk (%s), no PMTU drop" % sizes, ok_echo and max(sizes or [0]) >= 1400)
for _ in range(40):
    icmp_unreach(1, 0, rand32(), main)
time.sleep(0.3)
alive("40 'host unreachable' quoting a wrong tag")
a = paths(main.sport)
check("its path is still active, no error counted (%s)"
      % (a and [(x["state"], x["errors"], x["pmtu"]) for x in a["paths"]]),
      a is not None and all(x["state"] == "active" and x["errors"] == 0 and x["pmtu"] >= 1500
                            for x in a["paths"]))
# the control: the right tag lowers the PMTU, so the ICMP above was well formed
icmp_unreach(4, 1200, main.tag, main)
ok_echo = main.echo(big)
sizes = [c[1] for c in main.rx_chunks]
check("control: the same ICMP with the right tag and MTU 1200 lowers the PMTU: the message comes "
      "back in smaller chunks (%s)" % sizes, ok_echo and 0 < max(sizes or [0]) <= 1200 - 48)

# -- RFC 9260 5.2.6: the cookies kept above are now older than Valid.Cookie.Life
while time.monotonic() - t0 < 2.5:
    silence(main.ports, 0.2)
if late_cookie:
    send(late.pkt(chunk(COOKIE_ECHO, 0, late_cookie)))
    p = wait_pkt(late.ports, 3)
    e = [c for c in (p[3] if p else []) if c[0] == ERROR]
    check("expired COOKIE ECHO: ERROR with a Stale Cookie cause (3), vtag = our Initiate Tag (%s)"
          % str(p and (types(p), hex(p[2]))),
          p is not None and e != [] and struct.unpack("!H", e[0][2][:2])[0] == 3 and
          p[2] == late.tag)
if ended:
    send(ended.pkt(chunk(COOKIE_ECHO, 0, ended.cookie)))
    p = wait_pkt(ended.ports, 3)
    e = [c for c in (p[3] if p else []) if c[0] == ERROR]
    check("replayed COOKIE ECHO of an ended association: Stale Cookie, no new association (%s)"
          % str(p and types(p)), p is not None and e != [] and
          struct.unpack("!H", e[0][2][:2])[0] == 3 and COOKIE_ACK not in types(p))
send(main.pkt(chunk(COOKIE_ECHO, 0, main.cookie)))
got = [t for p in silence(main.ports, 0.5) for t in types(p)]
check("the main association's own cookie replayed: no ABORT (%s)" % got, ABORT not in got)
alive("replayed cookies")

# -- resources a peer can make sctund hold (RFC 9260 section 11.2, RFC 5062 2.x)
streams = Assoc(ECHO_PORT, mis=65535, os_=65535).connect()
if check("an association asking for 65535 streams each way set up", streams is not None):
    check("sctund grants max_instreams (100), not 65535 (MIS %d)" % streams.peer_mis,
          streams.peer_mis <= 100 and streams.peer_mis > 0)
    send(streams.pkt(streams.data_chunk(b"x" * 8, sid=5000)))
    p = wait_pkt(streams.ports, 3, lambda p: ERROR in types(p))
    e = [c for c in (p[3] if p else []) if c[0] == ERROR]
    check("DATA on stream 5000: ERROR Invalid Stream Identifier (1)",
          e != [] and struct.unpack("!H", e[0][2][:2])[0] == 1)
    streams.abort()


def flood(m, make, packets, per=60):
    """@packets packets of @per DATA chunks built by make(i)."""
    for i in range(packets):
        send(m.pkt(b"".join(make(i * per + k) for k in range(per))))
        if i % 20 == 0:
            silence(m.ports, 0.002)
    time.sleep(0.5)
    silence(m.ports, 0.5)


before = rss_kb()
# endless fragments: one message begun (B) and never ended, 1-byte middle pieces
frag = Assoc(ECHO_PORT).connect()
if check("association for the endless message set up", frag is not None):
    flood(frag, lambda i: frag.data_chunk(b"F", flags=2 if i == 0 else 0), 3000)
# never-completed order: whole messages from SSN 1 on, SSN 0 never comes
order = Assoc(ECHO_PORT).connect()
if check("association for the held-back messages set up", order is not None):
    flood(order, lambda i: order.data_chunk(b"O", ssn=1 + i % 65000), 3000)
# one TSN far ahead, then every TSN below it, 1200-byte messages held behind SSN 0
ahead = Assoc(ECHO_PORT).connect()
if check("association for the far-ahead TSN set up", ahead is not None):
    send(ahead.pkt(ahead.data_chunk(b"A", ssn=1, tsn=(ahead.tsn + 100000) & 0xFFFFFFFF)))
    chunk1200 = b"H" * 1200
    flood(ahead, lambda i: ahead.data_chunk(chunk1200, ssn=2 + i % 65000), 4000, per=1)
# huge gap reports: SACKs with 300 Gap Ack Blocks spanning 2^16 TSNs each
gap = Assoc(ECHO_PORT).connect()
if check("association for the gap reports set up", gap is not None):
    blocks = b"".join(struct.pack("!HH", 1 + 200 * i, 100 + 200 * i) for i in range(300))
    for i in range(200):
        send(gap.pkt(chunk(SACK, 0, struct.pack("!IIHH", (gap.tsn - 1) & 0xFFFFFFFF, 1 << 20,
                                                  300, 0) + blocks)))
    silence(gap.ports, 0.5)
after = rss_kb()
# Under ASan the allocator keeps freed blocks per size class, and partial delivery frees and
# allocates one piece per tiny fragment of the endless message (180,000): measured +4 MB there
# against +0.2 MB with glibc.  Unbounded growth (the bug this guards against) is far above both.
asan = os.environ.get("ATTACK_ASAN") == "1"
bound = 3 * 5 * 65536 // 2 // 1024 + 2048 + (6144 if asan else 0)
check("sctund's memory after 180000 tiny fragments and messages, 4.8 MB below a far-ahead TSN "
      "and 200 huge SACKs: RSS %d kB -> %d kB (bound: 2.5 x rcvbuf per association + 2 MB%s)"
      % (before, after, " + 6 MB under ASan" if asan else ""), after - before < bound)
for m in (frag, order, ahead, gap):
    if m and not m.aborted:
        m.abort()
alive("the memory attacks")
sys.exit(fails)
