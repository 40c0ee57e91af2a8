#!/bin/sh
# SPDX-License-Identifier: MIT
# sctpcat.sh: sctpcat's option parsing ({exit status, argv} table: bad options exit 2), then its
# flows against one sctund (-u, loopback path, unprivileged): a file client to server, the same
# file through an echo server, IPv6 with --sid/--ppid/--unordered, one-to-many, -b, and -w.
. "${srcdir:-.}/tests/integration/solo-lib.sh"
cat=${top_builddir:-.}/tools/sctpcat
[ -x "$cat" ] || { echo "SKIP: sctpcat not built"; exit 77; }
expect() { expect_tool "$cat" "$@"; }
expect 0 "Usage: sctpcat" --help
expect 0 "sctpcat (sctun)" --version
expect 2 "unrecognized option" --bogus
expect 2 "requires an argument" --sid
expect 2 "expected 'HOST PORT'"
expect 2 "expected 'HOST PORT'" 127.0.0.1
expect 2 "expected 'HOST PORT'" 127.0.0.1 1 2
expect 2 "expected '[PORT]'" -l 1 2
expect 2 "listening needs a port 1..65535, not 'none'" -l
expect 2 "listening needs a port 1..65535, not 'x'" -l x
expect 2 "not a port 1..65535: '0'" 127.0.0.1 0
expect 2 "not a port 1..65535: '65536'" 127.0.0.1 65536
expect 2 "--port: not 1..65535: '0'" -p 0 127.0.0.1 1
expect 2 "--sid: not 0..65535: '65536'" --sid 65536 127.0.0.1 1
expect 2 "--sid: not 0..65535: '-1'" --sid -1 127.0.0.1 1
expect 2 "--ppid: not 0..4294967295: '4294967296'" --ppid 4294967296 127.0.0.1 1
expect 2 "--wait: not 0..86400 seconds: '1s'" -w 1s 127.0.0.1 1
expect 2 "--bind: more than 8 addresses" -b a -b a -b a -b a -b a -b a -b a -b a -b a 127.0.0.1 1
SCTUN_SOCKET=$tmp/none.sock expect 1 "sctpcat: socket" 127.0.0.1 1

start_solo
port=$solo_port
p=$((port + 1))
expect 1 "Connection refused" 127.0.0.1 $p

# client ARGS...: run a client with stdin $tmp/in into $tmp/got, retried while the listener
# started just before is not listening yet (exit 1, refused).  Sets $rc.
client() {
	n=0
	while :; do
		timeout 20 "$cat" "$@" <"$tmp/in" >"$tmp/got" 2>"$tmp/client.err"
		rc=$?
		[ $rc -eq 1 ] && grep -q refused "$tmp/client.err" && [ $n -lt 50 ] || break
		n=$((n + 1))
		sleep 0.1
	done
}
# check NAME SERVER_PID FILE WANT: the server exits 0 and FILE has the bytes of WANT
check() {
	wait "$2"
	src=$?
	if [ $rc -eq 0 ] && [ $src -eq 0 ] && cmp -s "$3" "$4"; then
		echo "ok: $1 ($(wc -c <"$4") bytes)"
	else
		echo "FAIL: $1: client exit $rc, server exit $src, $(wc -c <"$3") of $(wc -c <"$4") bytes"
		cat "$tmp/client.err" "$tmp/server.err"
		fail=1
	fi
}

head -c 3000000 /dev/urandom >"$tmp/in"
p=$((p + 1))
timeout 30 "$cat" -l -w 10 $p </dev/null >"$tmp/recv" 2>"$tmp/server.err" &
srv=$!
client 127.0.0.1 $p
check "3 MB file client to server" $srv "$tmp/recv" "$tmp/in"

p=$((p + 1))
timeout 30 "$cat" -l -e -p $p </dev/null >"$tmp/recv" 2>"$tmp/server.err" &
srv=$!
client -w 2 127.0.0.1 $p
check "3 MB file through an echo server" $srv "$tmp/got" "$tmp/in"
if [ -s "$tmp/recv" ]; then
	echo "FAIL: the echo server wrote to its standard output"
	fail=1
fi

# The echo goes back on the stream, PPID and ordering it came with (SCTP_RCVINFO): the
# peer is python3 under sctun-run, which sees both ends' cmsgs.
run=${top_builddir:-.}/tools/sctun-run
lib=${top_builddir:-.}/src/shim/.libs/libsctun.so
if command -v python3 >/dev/null && [ -x "$run" ] && [ -f "$lib" ]; then
	SCTUN_LIB=$(cd "$(dirname "$lib")" && pwd)/libsctun.so
	export SCTUN_LIB
	preload_env=
	if ldd "$SCTUN_LIB" 2>/dev/null | grep -q libasan; then
		preload_env="ASAN_OPTIONS=${ASAN_OPTIONS:+$ASAN_OPTIONS:}verify_asan_link_order=0:detect_leaks=0"
	fi
	p=$((p + 1))
	timeout 30 "$cat" -l -e $p </dev/null >/dev/null 2>"$tmp/server.err" &
	srv=$!
	sleep 0.5
	got=$(env $preload_env timeout 20 "$run" -S "$SCTUN_SOCKET" python3 - $p <<-'EOF' 2>&1
		import socket, struct, sys
		SOL_SCTP, SCTP_RECVRCVINFO, SCTP_SNDINFO, SCTP_RCVINFO, SCTP_UNORDERED = 132, 32, 2, 3, 1
		s = socket.socket(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_SCTP)
		s.setsockopt(SOL_SCTP, SCTP_RECVRCVINFO, 1)
		s.connect(("127.0.0.1", int(sys.argv[1])))
		# struct sctp_sndinfo: snd_sid, snd_flags, snd_ppid, snd_context, snd_assoc_id
		si = struct.pack("=HHIIi", 7, SCTP_UNORDERED, socket.htonl(46), 0, 0)
		s.sendmsg([b"ping"], [(SOL_SCTP, SCTP_SNDINFO, si)])
		data, anc, flags, addr = s.recvmsg(100, socket.CMSG_SPACE(28))
		for lvl, typ, d in anc:
		    if lvl == SOL_SCTP and typ == SCTP_RCVINFO:
		        # struct sctp_rcvinfo: rcv_sid, rcv_ssn, rcv_flags, (pad), rcv_ppid, ...
		        sid, ssn, fl, ppid = struct.unpack_from("=HHHxxI", d)
		        print(data.decode(), sid, fl & SCTP_UNORDERED, socket.ntohl(ppid))
		EOF
	)
	wait $srv
	if [ "$got" = "ping 7 1 46" ]; then
		echo "ok: -e answers on stream 7, unordered, PPID 46, as the message came"
	else
		echo "FAIL: -e answered '$got' (want 'ping 7 1 46': data, stream, unordered, PPID)"
		fail=1
	fi
else
	echo "skip: the stream and PPID of echoes (needs python3 and sctun-run)"
fi

printf 'hello over IPv6, stream 12, PPID 46, unordered\n' >"$tmp/in"
p=$((p + 1))
timeout 30 "$cat" -l -6 -w 10 $p </dev/null >"$tmp/recv" 2>"$tmp/server.err" &
srv=$!
client -6 --sid 12 --ppid 46 --unordered ::1 $p
check "IPv6, --sid 12 --ppid 46 --unordered" $srv "$tmp/recv" "$tmp/in"

printf 'one-to-many to one-to-many\n' >"$tmp/in"
p=$((p + 1))
timeout 30 "$cat" -l --seqpacket -w 10 $p </dev/null >"$tmp/recv" 2>"$tmp/server.err" &
srv=$!
sleep 0.5 # a one-to-many client is never refused: its message would be lost
client --seqpacket 127.0.0.1 $p
check "--seqpacket both ends (the listener exits on SHUTDOWN_COMP)" $srv "$tmp/recv" "$tmp/in"

printf 'one-to-many through an echo server\n' >"$tmp/in"
p=$((p + 1))
timeout 30 "$cat" -l -e $p </dev/null >"$tmp/recv" 2>"$tmp/server.err" &
srv=$!
sleep 0.5
client --seqpacket -w 1 127.0.0.1 $p
check "--seqpacket client, echo" $srv "$tmp/got" "$tmp/in"

printf 'from a bound local address\n' >"$tmp/in"
p=$((p + 1))
timeout 30 "$cat" -l -b 127.0.0.1 -w 10 $p </dev/null >"$tmp/recv" 2>"$tmp/server.err" &
srv=$!
client -b 127.0.0.1 -p $((p + 100)) 127.0.0.1 $p
check "-b 127.0.0.1 on both ends, -p on the client" $srv "$tmp/recv" "$tmp/in"

# Multi-homing: both ends bound to ::1 and 127.0.0.1 (sctp_bindx, one IPv6 socket), so the
# association has two paths, which sctunctl lists, and the data still arrives.
printf 'over a multi-homed association\n' >"$tmp/in"
p=$((p + 1))
timeout 30 "$cat" -l -b ::1 -b ::ffff:127.0.0.1 -w 10 $p </dev/null >"$tmp/recv" \
	2>"$tmp/server.err" &
srv=$!
sleep 0.5
(cat "$tmp/in"; sleep 1) | timeout 20 "$cat" -b ::1 -b ::ffff:127.0.0.1 ::1 $p \
	>/dev/null 2>"$tmp/client.err" &
cli=$!
sleep 0.5
paths=$(${top_builddir:-.}/tools/sctunctl assocs port $p | grep -c "^ .* 127\.0\.0\.1 ")
wait $cli
rc=$?
check "multi-homed (-b ::1 -b ::ffff:127.0.0.1 on both ends)" $srv "$tmp/recv" "$tmp/in"
if [ "$paths" -eq 2 ]; then
	echo "ok: both ends of the association have a second path, 127.0.0.1"
else
	echo "FAIL: $paths associations have a 127.0.0.1 path, want 2:"
	${top_builddir:-.}/tools/sctunctl assocs port $p
	fail=1
fi

# -w: a receiver with nothing on stdin stops after -w seconds of quiet, although the sender
# keeps the association open for 6 s.
p=$((p + 1))
timeout 30 "$cat" -l -w 1 $p </dev/null >"$tmp/recv" 2>"$tmp/server.err" &
srv=$!
sleep 0.5
(echo early; sleep 6) | timeout 20 "$cat" 127.0.0.1 $p >/dev/null 2>&1 &
cli=$!
solo_pids="$solo_pids $cli"
t0=$(date +%s)
wait $srv
src=$?
t1=$(date +%s)
if [ $src -eq 0 ] && [ $((t1 - t0)) -lt 5 ] && [ "$(cat "$tmp/recv")" = early ]; then
	echo "ok: -w 1 ends a quiet receiver after $((t1 - t0)) s, with the data"
else
	echo "FAIL: -w 1: server exit $src after $((t1 - t0)) s, got '$(cat "$tmp/recv")'"
	fail=1
fi
kill $cli 2>/dev/null

stop_solo
exit $fail
