/* SPDX-License-Identifier: MIT */
/* rng.c: seeded xoshiro256** generator used by tests and the simulator. */
#include "common/rng.h"

#include <string.h>

static uint64_t rotl(uint64_t x, int k)
{
	return (x << k) | (x >> (64 - k));
}

static uint64_t splitmix64(uint64_t *x)
{
	uint64_t z = (*x += 0x9e3779b97f4a7c15ull);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
	return z ^ (z >> 31);
}

uint64_t sct_rng_seeded_next(struct sct_rng_seeded *st)
{
	uint64_t *s = st->s;
	uint64_t result = rotl(s[1] * 5, 7) * 9;
	uint64_t t = s[1] << 17;

	s[2] ^= s[0];
	s[3] ^= s[1];
	s[1] ^= s[2];
	s[0] ^= s[3];
	s[2] ^= t;
	s[3] = rotl(s[3], 45);
	return result;
}

static void seeded_fill(void *ctx, void *buf, size_t len)
{
	struct sct_rng_seeded *st = ctx;
	uint8_t *p = buf;

	while (len) {
		uint64_t v = sct_rng_seeded_next(st);
		size_t n = len < 8 ? len : 8;

		memcpy(p, &v, n);
		p += n;
		len -= n;
	}
}

void sct_rng_seeded_init(struct sct_rng *rng, struct sct_rng_seeded *st, uint64_t seed)
{
	int i;

	for (i = 0; i < 4; i++)
		st->s[i] = splitmix64(&seed);
	rng->fill = seeded_fill;
	rng->ctx = st;
}
