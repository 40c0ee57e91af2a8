# SPDX-License-Identifier: MIT
# shared2-lib.sh: (sourced after sctund-lib.sh) two namespaces P and S joined by a veth, each
# with an sctund in shared mode serving the namespace's own addresses: 10.99.1.1, 10.99.1.11
# and fd00:99:1::1 in P, 10.99.1.2, 10.99.1.12 and fd00:99:1::2 in S; sockets $tmp/p.sock and
# $tmp/s.sock, captures $tmp/p.pcap and $tmp/s.pcap.  Programs run under sctun-run ($run)
# with $preload_env.
run=${top_builddir:-.}/tools/sctun-run
lib=${top_builddir:-.}/src/shim/.libs/libsctun.so
[ -x "$run" ] && [ -f "$lib" ] || skip "sctun-run or libsctun not built"
SCTUN_LIB=$(cd "$(dirname "$lib")" && pwd)/libsctun.so
export SCTUN_LIB
. "${srcdir:-.}/tests/integration/preload-env.sh"
preload_env=$(asan_preload_env "$SCTUN_LIB")

two_namespaces
ip -n $P addr add 10.99.1.11/24 dev vp
ip -n $S addr add 10.99.1.12/24 dev vs
start_shared() { # NS NAME
	ip netns exec "$1" "$sctund" -f ${shared_v:--v} -S "$tmp/$2.sock" -i sctun0 --shared \
		--pcap "$tmp/$2.pcap" >"$tmp/$2.log" 2>&1 &
	pids="$pids $!"
	eval "pid_$2=$!"
	wait_for "$tmp/$2.log" "notice: running$" || { cat "$tmp/$2.log"; return 1; }
}
start_shared $P p && start_shared $S s || { bad "two sctund start in shared mode"; exit 1; }

# stop_both: both sctund stop on SIGTERM and their captures pass the tshark check
stop_both() {
	for name in p s; do
		eval "sctund_pid=\$pid_$name"
		stop_sctund
		rc=$?
		check "sctund $name exits 0 on SIGTERM ($rc)" [ $rc -eq 0 ]
		check "sctund $name's capture passes the tshark check" tshark_ok "$tmp/$name.pcap"
		if grep -q "ERROR: AddressSanitizer\|runtime error" "$tmp/$name.log"; then
			bad "sanitizer report in sctund $name's log"
		fi
	done
}
