/* SPDX-License-Identifier: MIT */
/* addr.h: an IPv4-or-IPv6 address value, without a port. */
#ifndef SCT_COMMON_ADDR_H
#define SCT_COMMON_ADDR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum sct_af {
	SCT_AF_NONE = 0,
	SCT_AF_INET4 = 4,
	SCT_AF_INET6 = 6,
};

/* An address, compared and hashed by value; unused bytes are always zero. */
struct sct_addr {
	uint8_t af; /* enum sct_af */
	uint8_t pad[3];
	uint32_t scope; /* IPv6 scope (interface index) for link-local, else 0 */
	uint8_t b[16];  /* v4 in b[0..3], v6 in b[0..15] */
};

/* Longest text form sct_addr_fmt() writes, with its NUL. */
#define SCT_ADDR_STRLEN 48

void sct_addr_v4(struct sct_addr *a, const uint8_t b[4]);
void sct_addr_v6(struct sct_addr *a, const uint8_t b[16]);
/** sct_addr_v4u32() - IPv4 address from a host-order integer (0x7f000001 = 127.0.0.1). */
void sct_addr_v4u32(struct sct_addr *a, uint32_t host_order);

/**
 * sct_addr_parse() - parse "192.0.2.1", "2001:db8::1" or "fe80::1%3".
 * Return: 0, or -EINVAL when @s is not an address.
 */
int sct_addr_parse(struct sct_addr *a, const char *s);

/** sct_addr_fmt() - text form into @buf (SCT_ADDR_STRLEN bytes); returns @buf. */
const char *sct_addr_fmt(const struct sct_addr *a, char *buf, size_t len);

bool sct_addr_eq(const struct sct_addr *a, const struct sct_addr *b);
/** sct_addr_cmp() - total order: family, then bytes, then scope. */
int sct_addr_cmp(const struct sct_addr *a, const struct sct_addr *b);
uint32_t sct_addr_hash(const struct sct_addr *a, uint32_t seed);
/** sct_addr_len() - 4, 16, or 0 for SCT_AF_NONE. */
size_t sct_addr_len(const struct sct_addr *a);

bool sct_addr_is_any(const struct sct_addr *a);
bool sct_addr_is_loopback(const struct sct_addr *a);
bool sct_addr_is_multicast(const struct sct_addr *a);
/** sct_addr_is_broadcast() - 255.255.255.255 (subnet broadcasts need the prefix). */
bool sct_addr_is_broadcast(const struct sct_addr *a);
bool sct_addr_is_linklocal(const struct sct_addr *a);
/** sct_addr_is_v4mapped() - ::ffff:a.b.c.d */
bool sct_addr_is_v4mapped(const struct sct_addr *a);
/** sct_addr_unmap() - ::ffff:a.b.c.d becomes a.b.c.d; others are copied. */
void sct_addr_unmap(struct sct_addr *dst, const struct sct_addr *src);
/** sct_addr_map() - a.b.c.d becomes ::ffff:a.b.c.d; others are copied. */
void sct_addr_map(struct sct_addr *dst, const struct sct_addr *src);

#endif /* SCT_COMMON_ADDR_H */
