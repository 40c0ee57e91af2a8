/* SPDX-License-Identifier: MIT */
/* timer.c: binary min-heap of armed timers with O(log n) cancel. */
#include "sctp/timer.h"

#include <errno.h>
#include <stdlib.h>

void sct_timer_heap_init(struct sct_timer_heap *h)
{
	h->v = NULL;
	h->n = h->cap = 0;
}

void sct_timer_heap_free(struct sct_timer_heap *h)
{
	uint32_t i;

	for (i = 0; i < h->n; i++)
		h->v[i]->slot = 0;
	free(h->v);
	sct_timer_heap_init(h);
}

static void place(struct sct_timer_heap *h, uint32_t i, struct sct_timer *t)
{
	h->v[i] = t;
	t->slot = i + 1;
}

static void sift_up(struct sct_timer_heap *h, uint32_t i)
{
	struct sct_timer *t = h->v[i];

	while (i > 0) {
		uint32_t parent = (i - 1) / 2;

		if (h->v[parent]->expiry <= t->expiry)
			break;
		place(h, i, h->v[parent]);
		i = parent;
	}
	place(h, i, t);
}

static void sift_down(struct sct_timer_heap *h, uint32_t i)
{
	struct sct_timer *t = h->v[i];

	for (;;) {
		uint32_t c = 2 * i + 1;

		if (c >= h->n)
			break;
		if (c + 1 < h->n && h->v[c + 1]->expiry < h->v[c]->expiry)
			c++;
		if (t->expiry <= h->v[c]->expiry)
			break;
		place(h, i, h->v[c]);
		i = c;
	}
	place(h, i, t);
}

static void remove_at(struct sct_timer_heap *h, uint32_t i)
{
	struct sct_timer *last;

	h->v[i]->slot = 0;
	h->n--;
	if (i == h->n)
		return;
	last = h->v[h->n];
	place(h, i, last);
	if (i > 0 && h->v[(i - 1) / 2]->expiry > last->expiry)
		sift_up(h, i);
	else
		sift_down(h, i);
}

int sct_timer_start(struct sct_timer_heap *h, struct sct_timer *t, sct_time_t expiry)
{
	if (t->slot) {
		uint32_t i = t->slot - 1;
		sct_time_t old = t->expiry;

		t->expiry = expiry;
		if (expiry < old)
			sift_up(h, i);
		else
			sift_down(h, i);
		return 0;
	}
	if (h->n == h->cap) {
		uint32_t cap = h->cap ? h->cap * 2 : 64;
		struct sct_timer **v = realloc(h->v, cap * sizeof(*v));

		if (!v)
			return -ENOMEM;
		h->v = v;
		h->cap = cap;
	}
	t->expiry = expiry;
	place(h, h->n, t);
	h->n++;
	sift_up(h, h->n - 1);
	return 0;
}

void sct_timer_stop(struct sct_timer_heap *h, struct sct_timer *t)
{
	if (t->slot)
		remove_at(h, t->slot - 1);
}

struct sct_timer *sct_timer_pop_expired(struct sct_timer_heap *h, sct_time_t now)
{
	struct sct_timer *t;

	if (!h->n || h->v[0]->expiry > now)
		return NULL;
	t = h->v[0];
	remove_at(h, 0);
	return t;
}
