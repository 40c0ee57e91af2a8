#!/bin/sh
# SPDX-License-Identifier: MIT
# check.sh: make check's simulator sweep: every scenario over a bounded number of seeds,
# plus the fixed seeds that once found core bugs (regressions).
sim=${top_builddir:-.}/tests/sim/simrun
fail=0
run() {
	"$sim" "$@" || fail=1
}
run setup --seed 1 --seeds 2000
run setup_teardown --seed 1 --seeds 1000
run collision --seed 1 --seeds 1000
run restart --seed 1 --seeds 1000
run many --seed 1 --seeds 200
# regression seeds (core bugs the simulator found), one line each:
# cookie key outlived by COOKIE ECHO retransmissions (RFC 9260 5.2.4 D): Z up, A gave up
run setup --seed 35 --strict
exit $fail
