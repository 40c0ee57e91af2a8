/* SPDX-License-Identifier: MIT */
/* simrun.c: run a simulator scenario for one seed or a sweep of seeds; print how to replay a
 * failure. */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "scenario.h"

static const struct scenario scenarios[] = {
    {"setup", "A connects to Z under 0-30% loss", scenario_setup},
    {"setup_teardown", "setup, then a graceful shutdown by either side", scenario_setup_teardown},
    {"collision", "A and Z connect to each other at once", scenario_collision},
    {"restart", "Z reboots mid-association and reconnects (or A shuts down)", scenario_restart},
    {"many", "50 associations from 5 hosts to one under 10% loss and worse", scenario_many},
    {"bulk", "messages of 1 B to 64 KiB under 0-30% loss, checked exactly once", scenario_bulk},
    /* seconds per seed (megabytes over a 200 ms path): "all" runs 1 seed in 100 */
    {"bdp", "goodput on a 200 ms RTT path against the Reno model", scenario_bdp, 100},
    {"failover", "a multi-homed transfer whose primary path dies and comes back",
     scenario_failover},
};
#define N_SCENARIOS (sizeof(scenarios) / sizeof(scenarios[0]))

static void usage(FILE *f)
{
	size_t i;

	fprintf(f, "usage: simrun SCENARIO|all --seed N [--seeds COUNT] [--strict] [-v]\n"
		   "  runs SCENARIO for seeds N .. N+COUNT-1 (COUNT defaults to 1)\n"
		   "  --strict: a half-open association that outlives the heartbeat failure\n"
		   "            detection bound fails (else it is only counted)\n"
		   "scenarios:\n");
	for (i = 0; i < N_SCENARIOS; i++)
		fprintf(f, "  %-16s %s\n", scenarios[i].name, scenarios[i].what);
}

/* One seed: 0 when every invariant held. */
static int run_one(const struct scenario *sc, uint64_t seed, int verbose, bool strict,
		   uint32_t *halfopen)
{
	struct world *w;
	int failed;

	if (verbose)
		printf("== scenario=%s seed=%llu\n", sc->name, (unsigned long long)seed);
	w = world_new(seed, verbose);
	if (!w) {
		printf("FAIL scenario=%s seed=%llu: out of memory\n", sc->name,
		       (unsigned long long)seed);
		return 1;
	}
	sc->run(w);
	if (strict && w->n_halfopen)
		world_fail(w, "%u half-open association(s); %s", w->n_halfopen, w->halfopen_why);
	failed = w->failed;
	if (w->note[0])
		printf("%s seed=%llu: %s\n", sc->name, (unsigned long long)seed, w->note);
	*halfopen += w->n_halfopen;
	if (failed) {
		printf("FAIL scenario=%s seed=%llu: %s\n", sc->name, (unsigned long long)seed,
		       w->why);
		printf("replay: tests/sim/simrun %s --seed %llu%s -v\n", sc->name,
		       (unsigned long long)seed, strict ? " --strict" : "");
	} else if (verbose) {
		printf("ok scenario=%s seed=%llu (%llu events, %.1f s simulated)\n", sc->name,
		       (unsigned long long)seed, (unsigned long long)w->sim.n_run,
		       (double)w->sim.now / 1e9);
	}
	world_free(w);
	return failed;
}

int main(int argc, char **argv)
{
	const char *name = NULL;
	uint64_t seed = 1, count = 1, s;
	bool strict = false;
	int verbose = 0, i, failures = 0, seeds_run = 0;
	uint32_t halfopen = 0;
	size_t k;
	clock_t c0 = clock();

	for (i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--seed") && i + 1 < argc)
			seed = strtoull(argv[++i], NULL, 0);
		else if (!strcmp(argv[i], "--seeds") && i + 1 < argc)
			count = strtoull(argv[++i], NULL, 0);
		else if (!strcmp(argv[i], "--strict"))
			strict = true;
		else if (!strcmp(argv[i], "-v"))
			verbose = 1;
		else if (!strcmp(argv[i], "-h") || !strcmp(argv[i], "--help")) {
			usage(stdout);
			return 0;
		} else if (!name && argv[i][0] != '-')
			name = argv[i];
		else {
			usage(stderr);
			return 2;
		}
	}
	if (!name) {
		usage(stderr);
		return 2;
	}
	for (k = 0; k < N_SCENARIOS; k++) {
		uint64_t n = count;

		if (strcmp(name, "all") && strcmp(name, scenarios[k].name))
			continue;
		if (!strcmp(name, "all") && scenarios[k].soak_share > 1)
			n = (count + scenarios[k].soak_share - 1) / scenarios[k].soak_share;
		for (s = seed; s < seed + n; s++) {
			failures += run_one(&scenarios[k], s, verbose, strict, &halfopen);
			seeds_run++;
		}
	}
	if (!seeds_run) {
		fprintf(stderr, "simrun: no scenario named %s\n", name);
		usage(stderr);
		return 2;
	}
	printf("simrun %s: %d seeds, %d failures, %u half-open, %.2f s\n", name, seeds_run,
	       failures, halfopen, (double)(clock() - c0) / CLOCKS_PER_SEC);
	if (!strcmp(name, "all"))
		printf("soak: %d seeds, %d failures, %.0f s\n", seeds_run, failures,
		       (double)(clock() - c0) / CLOCKS_PER_SEC);
	return failures ? 1 : 0;
}
