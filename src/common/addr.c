/* SPDX-License-Identifier: MIT */
/* addr.c: IPv4/IPv6 address values: parse, format, compare, hash, classify. */
#include "common/addr.h"

#include <arpa/inet.h>
#include <errno.h>
#include <net/if.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const uint8_t v4mapped_prefix[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};

void sct_addr_v4(struct sct_addr *a, const uint8_t b[4])
{
	memset(a, 0, sizeof(*a));
	a->af = SCT_AF_INET4;
	memcpy(a->b, b, 4);
}

void sct_addr_v6(struct sct_addr *a, const uint8_t b[16])
{
	memset(a, 0, sizeof(*a));
	a->af = SCT_AF_INET6;
	memcpy(a->b, b, 16);
}

void sct_addr_v4u32(struct sct_addr *a, uint32_t v)
{
	uint8_t b[4] = {(uint8_t)(v >> 24), (uint8_t)(v >> 16), (uint8_t)(v >> 8), (uint8_t)v};

	sct_addr_v4(a, b);
}

int sct_addr_parse(struct sct_addr *a, const char *s)
{
	char tmp[INET6_ADDRSTRLEN + IF_NAMESIZE + 2];
	const char *pct;
	uint8_t b[16];

	if (!s)
		return -EINVAL;
	if (inet_pton(AF_INET, s, b) == 1) {
		sct_addr_v4(a, b);
		return 0;
	}
	pct = strchr(s, '%');
	if (pct) {
		size_t n = (size_t)(pct - s);
		char *end;
		unsigned long scope;

		if (n >= INET6_ADDRSTRLEN || pct[1] == '\0')
			return -EINVAL;
		memcpy(tmp, s, n);
		tmp[n] = '\0';
		if (inet_pton(AF_INET6, tmp, b) != 1)
			return -EINVAL;
		scope = strtoul(pct + 1, &end, 10);
		if (*end != '\0') {
			/* an interface name; numeric indices are the portable form */
			scope = if_nametoindex(pct + 1);
			if (scope == 0)
				return -EINVAL;
		}
		if (scope > UINT32_MAX)
			return -EINVAL;
		sct_addr_v6(a, b);
		a->scope = (uint32_t)scope;
		return 0;
	}
	if (inet_pton(AF_INET6, s, b) == 1) {
		sct_addr_v6(a, b);
		return 0;
	}
	return -EINVAL;
}

const char *sct_addr_fmt(const struct sct_addr *a, char *buf, size_t len)
{
	char tmp[INET6_ADDRSTRLEN];

	if (len == 0)
		return buf;
	switch (a->af) {
	case SCT_AF_INET4:
		inet_ntop(AF_INET, a->b, tmp, sizeof(tmp));
		snprintf(buf, len, "%s", tmp);
		break;
	case SCT_AF_INET6:
		inet_ntop(AF_INET6, a->b, tmp, sizeof(tmp));
		if (a->scope)
			snprintf(buf, len, "%s%%%u", tmp, a->scope);
		else
			snprintf(buf, len, "%s", tmp);
		break;
	default:
		snprintf(buf, len, "-");
		break;
	}
	return buf;
}

size_t sct_addr_len(const struct sct_addr *a)
{
	return a->af == SCT_AF_INET4 ? 4 : a->af == SCT_AF_INET6 ? 16 : 0;
}

bool sct_addr_eq(const struct sct_addr *a, const struct sct_addr *b)
{
	return a->af == b->af && a->scope == b->scope &&
	       memcmp(a->b, b->b, sct_addr_len(a)) == 0;
}

int sct_addr_cmp(const struct sct_addr *a, const struct sct_addr *b)
{
	int c;

	if (a->af != b->af)
		return a->af < b->af ? -1 : 1;
	c = memcmp(a->b, b->b, sct_addr_len(a));
	if (c)
		return c < 0 ? -1 : 1;
	if (a->scope != b->scope)
		return a->scope < b->scope ? -1 : 1;
	return 0;
}

uint32_t sct_addr_hash(const struct sct_addr *a, uint32_t seed)
{
	/* FNV-1a over family, bytes and scope, then a final avalanche. */
	uint32_t h = 2166136261u ^ seed;
	size_t i, n = sct_addr_len(a);

	h = (h ^ a->af) * 16777619u;
	for (i = 0; i < n; i++)
		h = (h ^ a->b[i]) * 16777619u;
	h = (h ^ a->scope) * 16777619u;
	h ^= h >> 16;
	h *= 0x85ebca6bu;
	h ^= h >> 13;
	return h;
}

bool sct_addr_is_any(const struct sct_addr *a)
{
	static const uint8_t zero[16];

	return a->af != SCT_AF_NONE && memcmp(a->b, zero, sct_addr_len(a)) == 0;
}

bool sct_addr_is_loopback(const struct sct_addr *a)
{
	static const uint8_t lo6[16] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1};

	if (a->af == SCT_AF_INET4)
		return a->b[0] == 127;
	if (a->af == SCT_AF_INET6)
		return memcmp(a->b, lo6, 16) == 0 ||
		       (sct_addr_is_v4mapped(a) && a->b[12] == 127);
	return false;
}

bool sct_addr_is_multicast(const struct sct_addr *a)
{
	if (a->af == SCT_AF_INET4)
		return (a->b[0] & 0xf0) == 0xe0;
	if (a->af == SCT_AF_INET6)
		return a->b[0] == 0xff;
	return false;
}

bool sct_addr_is_broadcast(const struct sct_addr *a)
{
	return a->af == SCT_AF_INET4 && a->b[0] == 0xff && a->b[1] == 0xff &&
	       a->b[2] == 0xff && a->b[3] == 0xff;
}

bool sct_addr_is_linklocal(const struct sct_addr *a)
{
	if (a->af == SCT_AF_INET4)
		return a->b[0] == 169 && a->b[1] == 254;
	if (a->af == SCT_AF_INET6)
		return a->b[0] == 0xfe && (a->b[1] & 0xc0) == 0x80;
	return false;
}

bool sct_addr_is_v4mapped(const struct sct_addr *a)
{
	return a->af == SCT_AF_INET6 && memcmp(a->b, v4mapped_prefix, 12) == 0;
}

void sct_addr_unmap(struct sct_addr *dst, const struct sct_addr *src)
{
	if (sct_addr_is_v4mapped(src)) {
		uint8_t b[4];

		memcpy(b, src->b + 12, 4);
		sct_addr_v4(dst, b);
	} else if (dst != src) {
		*dst = *src;
	}
}

void sct_addr_map(struct sct_addr *dst, const struct sct_addr *src)
{
	if (src->af == SCT_AF_INET4) {
		uint8_t b[16];

		memcpy(b, v4mapped_prefix, 12);
		memcpy(b + 12, src->b, 4);
		sct_addr_v6(dst, b);
	} else if (dst != src) {
		*dst = *src;
	}
}
