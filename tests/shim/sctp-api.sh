#!/bin/sh
# SPDX-License-Identifier: MIT
# sctp-api.sh: runs tests/shim/sctp_api (libsctun linked, not preloaded) against one sctund over
# its loopback path: no TUN, no privileges needed.
. "${srcdir:-.}/tests/integration/solo-lib.sh"
prog=${top_builddir:-.}/tests/shim/sctp_api
[ -x "$prog" ] || { echo "SKIP: sctp_api not built"; exit 77; }
start_solo -vv
timeout 60 "$prog" $((solo_port + 1)) || fail=1
stop_solo
[ $fail -eq 0 ] || tail -30 "$tmp/sctund.log"
exit $fail
