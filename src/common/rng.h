/* SPDX-License-Identifier: MIT */
/* rng.h: the injected randomness source (vtags, TSNs, keys, jitter). */
#ifndef SCT_COMMON_RNG_H
#define SCT_COMMON_RNG_H

#include <stddef.h>
#include <stdint.h>

/*
 * The daemon backs this with getrandom(2); tests and the simulator with a
 * seeded generator (sct_rng_seeded) so that a run replays from its seed.
 */
struct sct_rng {
	void (*fill)(void *ctx, void *buf, size_t len);
	void *ctx;
};

/* A small deterministic generator (xoshiro256**) for tests and the simulator. */
struct sct_rng_seeded {
	uint64_t s[4];
};

/** sct_rng_seeded_init() - seed @st from @seed and point @rng at it. */
void sct_rng_seeded_init(struct sct_rng *rng, struct sct_rng_seeded *st, uint64_t seed);
uint64_t sct_rng_seeded_next(struct sct_rng_seeded *st);

static inline uint32_t sct_rng_u32(const struct sct_rng *rng)
{
	uint32_t v;

	rng->fill(rng->ctx, &v, sizeof(v));
	return v;
}

/** sct_rng_nonzero_u32() - a random value that is never 0 (verification tags). */
static inline uint32_t sct_rng_nonzero_u32(const struct sct_rng *rng)
{
	uint32_t v;

	do
		v = sct_rng_u32(rng);
	while (v == 0);
	return v;
}

#endif /* SCT_COMMON_RNG_H */
