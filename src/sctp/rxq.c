/* SPDX-License-Identifier: MIT */
/* rxq.c: reassembly of fragmented user messages and ordered delivery per stream. */
#include "sctp/rxq.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "sctp/tsn.h"
#include "wire/chunk.h"

int sct_rxq_init(struct sct_rxq *q, uint16_t n_streams)
{
	memset(q, 0, sizeof(*q));
	q->streams = calloc(n_streams ? n_streams : 1, sizeof(*q->streams));
	if (!q->streams)
		return -ENOMEM;
	q->n_streams = n_streams;
	return 0;
}

static void free_chunks(struct sct_rxq_chunk *c)
{
	while (c) {
		struct sct_rxq_chunk *n = c->next;

		free(c);
		c = n;
	}
}

void sct_rxq_free(struct sct_rxq *q)
{
	uint32_t i;

	for (i = 0; q->streams && i < q->n_streams; i++)
		free_chunks(q->streams[i].waiting.head);
	free_chunks(q->unordered.head);
	while (q->ready) {
		struct sct_rxq_msg *m = q->ready;

		q->ready = m->next;
		free(m);
	}
	free(q->streams);
	memset(q, 0, sizeof(*q));
}

static void insert_sorted(struct sct_rxq_list *l, struct sct_rxq_chunk *c)
{
	struct sct_rxq_chunk **pp = &l->head;

	/* in order, the common case: after the tail */
	if (l->tail && sct_tsn_lt(l->tail->tsn, c->tsn))
		pp = &l->tail->next;
	while (*pp && sct_tsn_lt((*pp)->tsn, c->tsn))
		pp = &(*pp)->next;
	c->next = *pp;
	*pp = c;
	if (!c->next)
		l->tail = c;
}

/* The chunk whose ->next is @pp, or NULL when @pp is the list's head. */
static struct sct_rxq_chunk *owner_of(struct sct_rxq_list *l, struct sct_rxq_chunk **pp)
{
	if (pp == &l->head)
		return NULL;
	return (struct sct_rxq_chunk *)((char *)pp - offsetof(struct sct_rxq_chunk, next));
}

static void push_ready(struct sct_rxq *q, struct sct_rxq_msg *m)
{
	m->next = NULL;
	if (q->ready_tail)
		q->ready_tail->next = m;
	else
		q->ready = m;
	q->ready_tail = m;
	q->ready_msgs++;
}

/*
 * If the chunks from *@startp form a whole message (B, consecutive TSNs, E,
 * and for ordered ones the same SSN), unlink them, join them into a ready
 * message and return 1; 0 when not whole; -ENOMEM.
 */
static int take_whole(struct sct_rxq *q, struct sct_rxq_list *l, struct sct_rxq_chunk **startp)
{
	struct sct_rxq_chunk *first = *startp, *c = first, *end;
	struct sct_rxq_msg *m;
	size_t len = 0, off = 0;

	if (!first || !(first->flags & SCT_DATA_FLAG_B))
		return 0;
	for (;;) {
		len += c->len;
		if (c->flags & SCT_DATA_FLAG_E)
			break;
		/* 6.9: fragments of one message have consecutive TSNs, one stream and SSN */
		if (!c->next || c->next->tsn != c->tsn + 1 || (c->next->flags & SCT_DATA_FLAG_B) ||
		    c->next->sid != first->sid ||
		    (!(first->flags & SCT_DATA_FLAG_U) && c->next->ssn != first->ssn))
			return 0;
		c = c->next;
	}
	end = c;
	m = malloc(sizeof(*m) + len);
	if (!m)
		return -ENOMEM;
	m->sid = first->sid;
	m->ssn = first->ssn;
	m->ppid = first->ppid;
	m->tsn = first->tsn;
	m->unordered = (first->flags & SCT_DATA_FLAG_U) != 0;
	m->more = false;
	m->len = len;
	m->off = 0;
	*startp = end->next;
	if (l->tail == end)
		l->tail = owner_of(l, startp);
	end->next = NULL;
	for (c = first; c;) {
		struct sct_rxq_chunk *n = c->next;

		memcpy(m->data + off, c->data, c->len);
		off += c->len;
		q->n_chunks--;
		free(c);
		c = n;
	}
	push_ready(q, m);
	return 1;
}

/* Ordered: hand up every whole message whose SSN is next, in order (6.6). */
static int deliver_stream(struct sct_rxq *q, uint16_t sid)
{
	struct sct_rxq_stream *st = &q->streams[sid];
	int n = 0;

	if (q->pd.active)
		return 0; /* no message overtakes a partly delivered one */
	for (;;) {
		struct sct_rxq_chunk **pp = &st->waiting.head;
		int r;

		/* the next message's first chunk is the lowest TSN with that SSN */
		while (*pp && (*pp)->ssn != st->next_ssn)
			pp = &(*pp)->next;
		r = take_whole(q, &st->waiting, pp);
		if (r <= 0)
			return r < 0 ? r : n;
		st->next_ssn++;
		n++;
	}
}

/* Unordered: any whole B..E run goes at once. */
static int deliver_unordered(struct sct_rxq *q)
{
	struct sct_rxq_chunk **pp = &q->unordered.head;
	int n = 0;

	if (q->pd.active)
		return 0;
	while (*pp) {
		int r = take_whole(q, &q->unordered, pp);

		if (r < 0)
			return r;
		if (r == 0)
			pp = &(*pp)->next;
		else
			n++;
	}
	return n;
}

/* Everything that waited while a message was partly delivered, now in order. */
static int deliver_all(struct sct_rxq *q)
{
	int n = 0, r;
	uint32_t i;

	for (i = 0; i < q->n_streams; i++) {
		if (!q->streams[i].waiting.head)
			continue;
		r = deliver_stream(q, (uint16_t)i);
		if (r < 0)
			return r;
		n += r;
	}
	r = deliver_unordered(q);
	return r < 0 ? r : n + r;
}

/*
 * Partial delivery: the fragments of the message being delivered that come
 * next in TSN order go up, one piece each.  A chunk with the next TSN that is
 * not a fragment of this message (another stream, SSN, a B flag) breaks 6.9;
 * it stays where it is and the message with it, bounded by the buffer.
 */
static int pd_push(struct sct_rxq *q, struct sct_rxq_list *l)
{
	struct sct_rxq_chunk **pp = &l->head;
	int n = 0;

	while (q->pd.active) {
		struct sct_rxq_chunk *c;
		struct sct_rxq_msg *m;
		int r;

		while (*pp && (*pp)->tsn != q->pd.next_tsn)
			pp = &(*pp)->next;
		c = *pp;
		if (!c || c->sid != q->pd.sid ||
		    !(c->flags & SCT_DATA_FLAG_U) != !q->pd.unordered ||
		    (!q->pd.unordered && c->ssn != q->pd.ssn) ||
		    ((c->flags & SCT_DATA_FLAG_B) && q->pd.started))
			break;
		m = malloc(sizeof(*m) + c->len);
		if (!m)
			return -ENOMEM;
		*pp = c->next;
		if (l->tail == c)
			l->tail = owner_of(l, pp);
		q->n_chunks--;
		m->sid = c->sid;
		m->ssn = c->ssn;
		m->ppid = c->ppid;
		m->tsn = c->tsn;
		m->unordered = q->pd.unordered;
		m->more = !(c->flags & SCT_DATA_FLAG_E);
		m->len = c->len;
		m->off = 0;
		memcpy(m->data, c->data, c->len);
		free(c);
		push_ready(q, m);
		n++;
		q->pd.started = true;
		q->pd.next_tsn++;
		if (m->more)
			continue;
		q->pd.active = false;
		if (!m->unordered)
			q->streams[m->sid].next_ssn++;
		r = deliver_all(q);
		return r < 0 ? r : n + r;
	}
	return n;
}

int sct_rxq_pd_check(struct sct_rxq *q, uint16_t sid, bool unordered, size_t point,
		     size_t max_frags)
{
	struct sct_rxq_list *l;
	struct sct_rxq_chunk *first, *c;
	size_t have, frags;

	/* the message's bytes and chunks are part of ->held, ->n_chunks: below both, no need */
	if (q->pd.active || point == 0 || sid >= q->n_streams ||
	    (q->held < point && (!max_frags || q->n_chunks < max_frags)))
		return 0;
	l = unordered ? &q->unordered : &q->streams[sid].waiting;
	for (first = l->head; first; first = first->next) {
		if (!(first->flags & SCT_DATA_FLAG_B))
			continue;
		if (!unordered && first->ssn != q->streams[sid].next_ssn)
			continue;
		have = 0;
		frags = 0;
		for (c = first;; c = c->next) {
			have += c->len;
			frags++;
			if ((c->flags & SCT_DATA_FLAG_E) || !c->next ||
			    c->next->tsn != c->tsn + 1 || (c->next->flags & SCT_DATA_FLAG_B) ||
			    c->next->sid != first->sid ||
			    (!unordered && c->next->ssn != first->ssn))
				break;
		}
		if (!(c->flags & SCT_DATA_FLAG_E) &&
		    (have >= point || (max_frags && frags >= max_frags))) {
			q->pd.active = true;
			q->pd.started = false;
			q->pd.unordered = unordered;
			q->pd.sid = first->sid;
			q->pd.ssn = first->ssn;
			q->pd.next_tsn = first->tsn;
			return pd_push(q, l);
		}
		if (!unordered)
			break; /* only the stream's next message may go up */
	}
	return 0;
}

bool sct_rxq_pd_abort(struct sct_rxq *q, uint16_t *sid, uint16_t *ssn)
{
	if (!q->pd.active)
		return false;
	*sid = q->pd.sid;
	*ssn = q->pd.ssn;
	q->pd.active = false;
	return true;
}

int sct_rxq_add(struct sct_rxq *q, uint32_t tsn, uint16_t sid, uint16_t ssn, uint8_t flags,
		uint32_t ppid, const uint8_t *data, size_t len)
{
	struct sct_rxq_chunk *c;

	if (sid >= q->n_streams)
		return -EINVAL;
	if (len > UINT32_MAX)
		return -EINVAL;
	/* an old SSN on an ordered stream (already delivered) is a protocol error */
	if (!(flags & SCT_DATA_FLAG_U) && sct_ssn_lt(ssn, q->streams[sid].next_ssn))
		return -EPROTO;
	c = malloc(sizeof(*c) + len);
	if (!c)
		return -ENOMEM;
	c->tsn = tsn;
	c->sid = sid;
	c->ssn = ssn;
	c->flags = flags;
	c->ppid = ppid;
	c->len = (uint32_t)len;
	memcpy(c->data, data, len);
	q->held += len;
	q->n_chunks++;
	if (flags & SCT_DATA_FLAG_U) {
		insert_sorted(&q->unordered, c);
		if (q->pd.active)
			return tsn == q->pd.next_tsn ? pd_push(q, &q->unordered) : 0;
		return deliver_unordered(q);
	}
	insert_sorted(&q->streams[sid].waiting, c);
	if (q->pd.active)
		return tsn == q->pd.next_tsn ? pd_push(q, &q->streams[sid].waiting) : 0;
	return deliver_stream(q, sid);
}

size_t sct_rxq_consume(struct sct_rxq *q, size_t n)
{
	struct sct_rxq_msg *m = q->ready;
	size_t left;

	if (!m)
		return 0;
	left = m->len - m->off;
	if (n > left)
		n = left;
	m->off += n;
	q->held -= n;
	if (m->off == m->len) {
		q->ready = m->next;
		if (!q->ready)
			q->ready_tail = NULL;
		q->ready_msgs--;
		free(m);
	}
	return n;
}

size_t sct_rxq_skip_ssn(struct sct_rxq *q, uint16_t sid, uint16_t ssn)
{
	struct sct_rxq_stream *st;
	struct sct_rxq_chunk **pp;
	size_t freed = 0;

	if (sid >= q->n_streams)
		return 0;
	st = &q->streams[sid];
	pp = &st->waiting.head;
	st->waiting.tail = NULL;
	while (*pp) {
		if (!sct_ssn_lt(ssn, (*pp)->ssn)) { /* ssn >= chunk ssn: abandoned */
			struct sct_rxq_chunk *c = *pp;

			*pp = c->next;
			freed += c->len;
			q->n_chunks--;
			free(c);
		} else {
			st->waiting.tail = *pp;
			pp = &(*pp)->next;
		}
	}
	q->held -= freed;
	if (!sct_ssn_lt(ssn, st->next_ssn))
		st->next_ssn = (uint16_t)(ssn + 1);
	deliver_stream(q, sid);
	return freed;
}
