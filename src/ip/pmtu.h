/* SPDX-License-Identifier: MIT */
/* pmtu.h: the path MTU cache (RFC 1191, RFC 8201): bounded, aged, decreases only. */
#ifndef SCT_IP_PMTU_H
#define SCT_IP_PMTU_H

#include <stddef.h>
#include <stdint.h>

#include "common/addr.h"
#include "common/time.h"

/* The smallest path MTU each family may have: RFC 791 (68) and RFC 8200 5 (1280). */
#define SCT_PMTU_MIN_V4 68u
#define SCT_PMTU_MIN_V6 1280u

/* RFC 1191 6.3 and RFC 8201 5.3: try a larger MTU again after 10 minutes. */
#define SCT_PMTU_EXPIRY_DEFAULT	 (600 * SCT_NSEC_PER_SEC)
#define SCT_PMTU_ENTRIES_DEFAULT 256u

/**
 * struct sct_pmtu_entry - what one ICMP "too big" taught about one destination.
 * @dst:     the destination (SCT_AF_NONE: a free slot).
 * @mtu:     its path MTU.
 * @expires: when to forget it and go back to the interface MTU.
 */
struct sct_pmtu_entry {
	struct sct_addr dst;
	uint32_t mtu;
	sct_time_t expires;
};

/*
 * A fixed array searched linearly: a few hundred destinations at most (the
 * ones whose path is narrower than the link), each lookup a short scan.  When
 * it is full a new entry replaces the one that would expire first.
 */
struct sct_pmtu {
	struct sct_pmtu_entry *e;
	size_t n;
	/*
	 * Entries at and above @hi are empty: a new entry takes the lowest free
	 * slot, so a lookup (one per packet sent) scans only the entries ever
	 * filled, usually none, instead of all @n.
	 */
	size_t hi;
	sct_time_t expiry;
};

/**
 * sct_pmtu_init() - an empty cache of @n entries aging after @expiry ns.
 * Return: 0; -EINVAL (@n or @expiry zero); -ENOMEM.
 */
int sct_pmtu_init(struct sct_pmtu *c, size_t n, sct_time_t expiry);

/** sct_pmtu_fini() - free the cache's memory. */
void sct_pmtu_fini(struct sct_pmtu *c);

/**
 * sct_pmtu_lookup() - the cached path MTU towards @dst, 0 when none (or
 * expired: the entry is freed, RFC 1191 6.3).
 */
uint32_t sct_pmtu_lookup(struct sct_pmtu *c, const struct sct_addr *dst, sct_time_t now);

/**
 * sct_pmtu_update() - learn that the path to @dst carries at most @mtu bytes.
 *
 * Only decreases are taken (RFC 1191 6.1, RFC 8201 4: an increase is learnt by
 * aging, never from a message); @mtu is raised to the family's minimum.
 * Return: 1 the estimate went down (entry added or lowered); 0 ignored (not
 * lower than the current estimate or than @ceiling, the interface MTU);
 * -EINVAL (@dst neither IPv4 nor IPv6).
 */
int sct_pmtu_update(struct sct_pmtu *c, const struct sct_addr *dst, uint32_t mtu, uint32_t ceiling,
		    sct_time_t now);

/** sct_pmtu_expire() - free every entry whose time has come; returns how many. */
size_t sct_pmtu_expire(struct sct_pmtu *c, sct_time_t now);

/** sct_pmtu_count() - entries in use. */
size_t sct_pmtu_count(const struct sct_pmtu *c);

/**
 * sct_pmtu_plateau() - RFC 1191 5: the estimate when a router's "fragmentation
 * needed" carries no MTU: the greatest plateau of table 7-1 below the quoted
 * Total Length @tot_len (68 at least).
 */
uint32_t sct_pmtu_plateau(uint32_t tot_len);

#endif /* SCT_IP_PMTU_H */
