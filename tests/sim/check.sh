#!/bin/sh
# SPDX-License-Identifier: MIT
# check.sh: make check's simulator sweep: every scenario over a bounded number of seeds,
# plus the fixed seeds that once found core bugs (regressions).  --strict: with heartbeats
# (RFC 9260 8.3) a half-open association must end within the failure detection bound.
sim=${top_builddir:-.}/tests/sim/simrun
fail=0
run() {
	"$sim" "$@" --strict || fail=1
}
run setup --seed 1 --seeds 2000
run setup_teardown --seed 1 --seeds 1000
run collision --seed 1 --seeds 1000
run restart --seed 1 --seeds 1000
run many --seed 1 --seeds 200
run bulk --seed 1 --seeds 500
# 200 ms RTT at 10 and 100 Mbit/s, 0 and 1% loss (seed % 4): within 2x of the Reno model
# with loss, the link busy at least 95% of the second half without (scenario_bdp)
run bdp --seed 1 --seeds 8
# regression seeds (core bugs the simulator found), one line each:
# cookie key outlived by COOKIE ECHO retransmissions (RFC 9260 5.2.4 D): Z up, A gave up
run setup --seed 35
# 5.2.4 A: a restart kept the old association's error count, lost seconds after SCT_RESTART
run restart --seed 312
# regressions: 6.4 SACK and source address per path; RFC 9260 8.1 heartbeat errors
run failover --seed 1 --seeds 100
run restart --seed 5071
run bulk --seed 1688
exit $fail
