#!/bin/sh
# SPDX-License-Identifier: MIT
# netcfg-shared.sh: shared mode end to end at the IP level, IPv4 and IPv6. Namespace A (peer)
# and B (host) joined by a veth; nltool sets up shared mode on a TUN in B. An SCTP packet
# from A to B's own address must come out of the TUN; TCP to the same address must still
# reach B's kernel; a packet written into the TUN with B's address as source must reach A;
# addresses added later are followed; undo leaves B as it was.
. "${top_srcdir:-.}/tests/integration/netcfg-lib.sh"
a=sctun-test-$$-a
b=sctun-test-$$-b
mkns $a
mkns $b
ip link add va netns $a type veth peer name vb netns $b
ip -n $a addr add 10.99.0.1/24 dev va
ip -n $a addr add fd00:99::1/64 dev va nodad
ip -n $b addr add 10.99.0.2/24 dev vb
ip -n $b addr add fd00:99::2/64 dev vb nodad
ip -n $a link set va up
ip -n $b link set vb up
ip -n $b tuntap add sctun0 mode tun
state $b >"$tmp/before"

cat >"$tmp/ipt.py" <<'PY'
# ipt.py: tun-read IF SECS | tun-write IF SRC DST | raw-send DST | raw-recv SECS FAMILY |
#         tcp-listen ADDR | tcp-connect ADDR
import fcntl, os, select, socket, struct, sys
def tun(name):
    fd = os.open("/dev/net/tun", os.O_RDWR)
    fcntl.ioctl(fd, 0x400454ca, struct.pack("16sH", name.encode(), 0x1001))  # TUNSETIFF, TUN|NO_PI
    return fd
def fam(a):
    return socket.AF_INET6 if ":" in a else socket.AF_INET
cmd = sys.argv[1]
if cmd == "tun-read":
    fd = tun(sys.argv[2]); print("listening", flush=True)
    while select.select([fd], [], [], float(sys.argv[3]))[0]:
        p = os.read(fd, 2000)
        if p[0] >> 4 == 4 and p[9] == 132:
            print("sctp4", socket.inet_ntop(socket.AF_INET, p[12:16]), socket.inet_ntop(socket.AF_INET, p[16:20]), flush=True)
        if p[0] >> 4 == 6 and p[6] == 132:
            print("sctp6", socket.inet_ntop(socket.AF_INET6, p[8:24]), socket.inet_ntop(socket.AF_INET6, p[24:40]), flush=True)
elif cmd == "tun-write":
    fd = tun(sys.argv[2]); src, dst = sys.argv[3], sys.argv[4]; pl = b"\x00" * 12
    if fam(src) == socket.AF_INET6:
        p = struct.pack("!IHBB", 6 << 28, len(pl), 132, 64) + socket.inet_pton(socket.AF_INET6, src) + socket.inet_pton(socket.AF_INET6, dst) + pl
    else:
        h = struct.pack("!BBHHHBBH4s4s", 0x45, 0, 20 + len(pl), 1, 0, 64, 132, 0, socket.inet_aton(src), socket.inet_aton(dst))
        c = sum(struct.unpack("!10H", h)); c = (c & 0xffff) + (c >> 16); c = (c & 0xffff) + (c >> 16)
        p = h[:10] + struct.pack("!H", ~c & 0xffff) + h[12:] + pl
    os.write(fd, p)
elif cmd == "raw-send":
    socket.socket(fam(sys.argv[2]), socket.SOCK_RAW, 132).sendto(b"\x00" * 24, (sys.argv[2], 0))
elif cmd == "raw-recv":
    s = socket.socket(fam(sys.argv[3]), socket.SOCK_RAW, 132); print("listening", flush=True)
    if select.select([s], [], [], float(sys.argv[2]))[0]:
        print("from", s.recvfrom(2000)[1][0], flush=True)
elif cmd == "tcp-listen":
    s = socket.socket(fam(sys.argv[2])); s.bind((sys.argv[2], 5555)); s.listen(1); s.settimeout(5)
    print("listening", flush=True); c, _ = s.accept(); print("tcp", c.recv(10).decode(), flush=True)
elif cmd == "tcp-connect":
    socket.create_connection((sys.argv[2], 5555), timeout=3).send(b"hello")
PY
py() { ns=$1; shift; ip netns exec "$ns" python3 "$tmp/ipt.py" "$@"; }

ip netns exec $b "$nltool" shared sctun0 --no-open --mtu 1400 >"$tmp/nl" 2>&1 &
nlpid=$!
pids=$nlpid
wait_for "$tmp/nl" ready || { cat "$tmp/nl"; bad "shared setup"; exit 1; }
for f in -4 -6; do
	check "rules $f: iif TUN goto local, ipproto sctp lookup 132, local moved, blackhole" \
		js $b "[(r['priority'], r.get('iif'), r.get('ipproto'), r.get('table'), r.get('goto'), r.get('action')) for r in j][:4] == \
[(10, 'sctun0', None, None, 100, None), (11, None, 'sctp', '132', None, None), (100, None, None, 'local', None, None), (101, 'vb', None, None, None, 'blackhole')] \
and not any(r['priority'] == 0 for r in j)" $f rule
done
check "table 132 holds B's addresses" js $b "sorted(r['dst'] for r in j) == ['10.99.0.2']" -4 route show table 132
check "table 132 holds B's IPv6 addresses" js $b "sorted(r['dst'] for r in j) == ['fd00:99::2']" -6 route show table 132
check "accept_local on the TUN" [ "$(ip netns exec $b cat /proc/sys/net/ipv4/conf/sctun0/accept_local)" = 1 ]

for v in 4 6; do
	if [ $v = 4 ]; then pa=10.99.0.1 pb=10.99.0.2; else pa=fd00:99::1 pb=fd00:99::2; fi
	py $b tun-read sctun0 2 >"$tmp/tun$v" &
	p=$!
	wait_for "$tmp/tun$v" listening
	py $a raw-send $pb
	wait $p
	check "IPv$v: SCTP from A to B's address came out of the TUN" grep -q "sctp$v $pa $pb" "$tmp/tun$v"
	py $b tcp-listen $pb >"$tmp/tcp$v" &
	p=$!
	wait_for "$tmp/tcp$v" listening
	py $a tcp-connect $pb
	wait $p
	check "IPv$v: TCP to the same address still reaches B's kernel" grep -q "tcp hello" "$tmp/tcp$v"
	py $a raw-recv 3 $pa >"$tmp/raw$v" &
	p=$!
	wait_for "$tmp/raw$v" listening
	py $b tun-write sctun0 $pb $pa
	wait $p
	check "IPv$v: SCTP written into the TUN from B's address reached A" grep -q "from $pb" "$tmp/raw$v"
done

ip -n $b addr add 10.99.5.5/24 dev vb
sleep 0.3
check "an address added later gets its route" js $b "'10.99.5.5' in [r['dst'] for r in j]" route show table 132
ip -n $b addr del 10.99.5.5/24 dev vb
sleep 0.3
check "a removed address loses its route" js $b "'10.99.5.5' not in [r['dst'] for r in j]" route show table 132

stop_pid $nlpid
check "driver exits 0 after undo" [ $? -eq 0 ]
state $b >"$tmp/after"
check "rules, routes and sysctls as before" cmp -s "$tmp/before" "$tmp/after"
cmp -s "$tmp/before" "$tmp/after" || diff "$tmp/before" "$tmp/after"
check "table 132 empty" sh -c "[ -z \"\$(ip -n $b route show table 132)\" ]"
exit $fail
