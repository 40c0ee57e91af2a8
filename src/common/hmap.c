/* SPDX-License-Identifier: MIT */
/* hmap.c: intrusive chained hash table. */
#include "common/hmap.h"

#include <errno.h>
#include <stdlib.h>

int sct_hmap_init(struct sct_hmap *h, uint32_t buckets)
{
	if (buckets == 0 || (buckets & (buckets - 1)))
		buckets = 64;
	h->b = calloc(buckets, sizeof(*h->b));
	if (!h->b)
		return -ENOMEM;
	h->mask = buckets - 1;
	h->n = 0;
	return 0;
}

void sct_hmap_free(struct sct_hmap *h)
{
	free(h->b);
	h->b = NULL;
	h->mask = 0;
	h->n = 0;
}

static void grow(struct sct_hmap *h)
{
	uint32_t nb = (h->mask + 1) * 2, i;
	struct sct_hnode **b;

	if (nb == 0)
		return;
	b = calloc(nb, sizeof(*b));
	if (!b)
		return; /* keep working with longer chains */
	for (i = 0; i <= h->mask; i++) {
		struct sct_hnode *n = h->b[i], *next;

		for (; n; n = next) {
			next = n->next;
			n->next = b[n->hash & (nb - 1)];
			b[n->hash & (nb - 1)] = n;
		}
	}
	free(h->b);
	h->b = b;
	h->mask = nb - 1;
}

void sct_hmap_insert(struct sct_hmap *h, struct sct_hnode *node, uint32_t hash)
{
	struct sct_hnode **slot;

	if (h->n > h->mask)
		grow(h);
	node->hash = hash;
	slot = &h->b[hash & h->mask];
	node->next = *slot;
	*slot = node;
	h->n++;
}

bool sct_hmap_remove(struct sct_hmap *h, struct sct_hnode *node)
{
	struct sct_hnode **p = &h->b[node->hash & h->mask];

	for (; *p; p = &(*p)->next)
		if (*p == node) {
			*p = node->next;
			node->next = NULL;
			h->n--;
			return true;
		}
	return false;
}
