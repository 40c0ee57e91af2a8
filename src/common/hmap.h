/* SPDX-License-Identifier: MIT */
/* hmap.h: an intrusive chained hash table that grows by doubling. */
#ifndef SCT_COMMON_HMAP_H
#define SCT_COMMON_HMAP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/*
 * Objects embed a struct sct_hnode and carry their own key; the table only
 * stores the node, its hash and the chain link.  The caller computes hashes
 * and compares keys, so one table type serves every lookup in sctun.  Lookups
 * walk one chain: sct_hmap_first(h, hash) then sct_hmap_next(node) while
 * node->hash differs or the key does not match.
 *
 * The table doubles when it holds more nodes than buckets, so chains stay
 * short; it never shrinks (its size follows the configured object limits).
 */
struct sct_hnode {
	struct sct_hnode *next;
	uint32_t hash;
};

struct sct_hmap {
	struct sct_hnode **b;
	uint32_t mask; /* buckets - 1 */
	uint32_t n;
};

/** sct_hmap_init() - empty table with @buckets (a power of two) buckets; -ENOMEM. */
int sct_hmap_init(struct sct_hmap *h, uint32_t buckets);
void sct_hmap_free(struct sct_hmap *h);

/** sct_hmap_insert() - add @node under @hash (duplicates allowed; the caller checks). */
void sct_hmap_insert(struct sct_hmap *h, struct sct_hnode *node, uint32_t hash);
/** sct_hmap_remove() - remove @node; true when it was in the table. */
bool sct_hmap_remove(struct sct_hmap *h, struct sct_hnode *node);

static inline struct sct_hnode *sct_hmap_first(const struct sct_hmap *h, uint32_t hash)
{
	struct sct_hnode *n = h->b[hash & h->mask];

	while (n && n->hash != hash)
		n = n->next;
	return n;
}

static inline struct sct_hnode *sct_hmap_next(const struct sct_hnode *node)
{
	struct sct_hnode *n = node->next;

	while (n && n->hash != node->hash)
		n = n->next;
	return n;
}

/* container_of for embedded nodes */
#define sct_container_of(ptr, type, member) ((type *)((char *)(ptr)-offsetof(type, member)))

#endif /* SCT_COMMON_HMAP_H */
