#!/bin/sh
# SPDX-License-Identifier: MIT
# sctund-cli.sh: sctund's command line: --version, --help, and exit 2 on bad options.
sctund=${top_builddir:-.}/src/daemon/sctund
fail=0

check() { # expected-status description command...
	want=$1
	shift
	what=$1
	shift
	"$@" >/tmp/sctund-cli.$$ 2>&1
	got=$?
	if [ "$got" -ne "$want" ]; then
		echo "FAIL: $what: exit $got, want $want"
		cat /tmp/sctund-cli.$$
		fail=1
	else
		echo "ok: $what"
	fi
}

check 0 "--version" "$sctund" --version
grep -q "^sctund (sctun) [0-9]" /tmp/sctund-cli.$$ || { echo "FAIL: version text"; fail=1; }
check 0 "--help" "$sctund" --help
grep -q "^Usage: sctund" /tmp/sctund-cli.$$ || { echo "FAIL: help text"; fail=1; }
check 2 "unknown option" "$sctund" --no-such-option
check 2 "stray argument" "$sctund" stray
rm -f /tmp/sctund-cli.$$
exit $fail
