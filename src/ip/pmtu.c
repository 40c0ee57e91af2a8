/* SPDX-License-Identifier: MIT */
/* pmtu.c: the path MTU cache (RFC 1191, RFC 8201). */
#include "ip/pmtu.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

int sct_pmtu_init(struct sct_pmtu *c, size_t n, sct_time_t expiry)
{
	memset(c, 0, sizeof(*c));
	if (!n || !expiry)
		return -EINVAL;
	c->e = calloc(n, sizeof(*c->e));
	if (!c->e)
		return -ENOMEM;
	c->n = n;
	c->expiry = expiry;
	return 0;
}

void sct_pmtu_fini(struct sct_pmtu *c)
{
	free(c->e);
	c->e = NULL;
	c->n = 0;
	c->hi = 0;
}

static struct sct_pmtu_entry *pmtu_find(struct sct_pmtu *c, const struct sct_addr *dst,
					sct_time_t now)
{
	size_t i;

	for (i = 0; i < c->hi; i++) {
		struct sct_pmtu_entry *e = &c->e[i];

		if (e->dst.af == SCT_AF_NONE || !sct_addr_eq(&e->dst, dst))
			continue;
		if (now >= e->expires) {
			memset(e, 0, sizeof(*e));
			return NULL;
		}
		return e;
	}
	return NULL;
}

uint32_t sct_pmtu_lookup(struct sct_pmtu *c, const struct sct_addr *dst, sct_time_t now)
{
	struct sct_pmtu_entry *e = pmtu_find(c, dst, now);

	return e ? e->mtu : 0;
}

int sct_pmtu_update(struct sct_pmtu *c, const struct sct_addr *dst, uint32_t mtu, uint32_t ceiling,
		    sct_time_t now)
{
	struct sct_pmtu_entry *e, *victim = NULL;
	uint32_t min;
	size_t i;

	if (dst->af == SCT_AF_INET4)
		min = SCT_PMTU_MIN_V4;
	else if (dst->af == SCT_AF_INET6)
		min = SCT_PMTU_MIN_V6;
	else
		return -EINVAL;
	if (mtu < min)
		mtu = min;
	if (mtu >= ceiling)
		return 0;
	e = pmtu_find(c, dst, now);
	if (e) {
		if (mtu >= e->mtu)
			return 0;
		e->mtu = mtu;
		e->expires = now + c->expiry;
		return 1;
	}
	for (i = 0; i < c->n; i++) {
		e = &c->e[i];
		if (e->dst.af == SCT_AF_NONE || now >= e->expires) {
			victim = e;
			break;
		}
		if (!victim || e->expires < victim->expires)
			victim = e;
	}
	if (!victim)
		return 0; /* no slot: c->n is never 0 after init */
	victim->dst = *dst;
	victim->mtu = mtu;
	victim->expires = now + c->expiry;
	if ((size_t)(victim - c->e) >= c->hi)
		c->hi = (size_t)(victim - c->e) + 1;
	return 1;
}

size_t sct_pmtu_expire(struct sct_pmtu *c, sct_time_t now)
{
	size_t i, n = 0;

	for (i = 0; i < c->hi; i++) {
		if (c->e[i].dst.af != SCT_AF_NONE && now >= c->e[i].expires) {
			memset(&c->e[i], 0, sizeof(c->e[i]));
			n++;
		}
	}
	while (c->hi && c->e[c->hi - 1].dst.af == SCT_AF_NONE)
		c->hi--;
	return n;
}

size_t sct_pmtu_count(const struct sct_pmtu *c)
{
	size_t i, n = 0;

	for (i = 0; i < c->hi; i++)
		n += c->e[i].dst.af != SCT_AF_NONE;
	return n;
}

uint32_t sct_pmtu_plateau(uint32_t tot_len)
{
	/* RFC 1191 7, table 7-1, the plateaus */
	static const uint32_t plateau[] = {65535, 32000, 17914, 8166, 4352, 2002,
					   1492,  1006,	 508,	296,  68};
	size_t i;

	for (i = 0; i < sizeof(plateau) / sizeof(plateau[0]); i++)
		if (plateau[i] < tot_len)
			return plateau[i];
	return SCT_PMTU_MIN_V4;
}
