/* SPDX-License-Identifier: MIT */
/* txq.c: queued user messages, cutting fragments, the outstanding DATA list. */
#include "sctp/txq.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "sctp/tsn.h"
#include "wire/chunk.h"

void sct_txq_init(struct sct_txq *q)
{
	memset(q, 0, sizeof(*q));
}

void sct_txq_free(struct sct_txq *q)
{
	sct_txq_drop_msgs(q);
	while (q->out) {
		struct sct_txchunk *c = q->out;

		q->out = c->next;
		free(c);
	}
	memset(q, 0, sizeof(*q));
}

int sct_txq_push(struct sct_txq *q, uint16_t sid, uint32_t ppid, uint32_t context, bool unordered,
		 bool sack_imm, const void *data, size_t len)
{
	struct sct_txmsg *m = malloc(sizeof(*m) + len);

	if (!m)
		return -ENOMEM;
	memset(m, 0, sizeof(*m));
	m->sid = sid;
	m->ppid = ppid;
	m->context = context;
	m->unordered = unordered;
	m->sack_immediately = sack_imm;
	m->len = len;
	memcpy(m->data, data, len);
	if (q->msgs_tail)
		q->msgs_tail->next = m;
	else
		q->msgs = m;
	q->msgs_tail = m;
	q->msgs_bytes += len;
	return 0;
}

size_t sct_txq_next_len(const struct sct_txq *q, size_t max)
{
	size_t left;

	if (!q->msgs)
		return 0;
	left = q->msgs->len - q->msgs->off;
	return left < max ? left : max;
}

static void pop_msg(struct sct_txq *q)
{
	struct sct_txmsg *m = q->msgs;

	q->msgs = m->next;
	if (!q->msgs)
		q->msgs_tail = NULL;
	free(m);
}

struct sct_txchunk *sct_txq_cut(struct sct_txq *q, uint32_t tsn, size_t max, uint16_t *next_ssn,
				uint16_t n_streams, uint32_t *dropped)
{
	struct sct_txmsg *m;
	struct sct_txchunk *c;
	size_t n;

	while ((m = q->msgs) && m->sid >= n_streams) {
		/* RFC 9260 5.1.1: the stream does not exist in this association */
		q->msgs_bytes -= m->len - m->off;
		pop_msg(q);
		if (dropped)
			(*dropped)++;
	}
	if (!m || max == 0)
		return NULL;
	n = m->len - m->off;
	if (n > max)
		n = max;
	c = malloc(sizeof(*c) + n);
	if (!c)
		return NULL;
	memset(c, 0, sizeof(*c));
	if (!m->started) {
		m->started = true;
		/* 6.6: unordered messages carry no meaningful SSN */
		m->ssn = m->unordered ? 0 : next_ssn[m->sid]++;
	}
	c->tsn = tsn;
	c->sid = m->sid;
	c->ssn = m->ssn;
	c->ppid = m->ppid;
	c->context = m->context;
	c->flags = (uint8_t)((m->off == 0 ? SCT_DATA_FLAG_B : 0) |
			     (m->off + n == m->len ? SCT_DATA_FLAG_E : 0) |
			     (m->unordered ? SCT_DATA_FLAG_U : 0));
	if ((c->flags & SCT_DATA_FLAG_E) && m->sack_immediately)
		c->flags |= SCT_DATA_FLAG_I;
	c->len = (uint32_t)n;
	memcpy(c->data, m->data + m->off, n);
	m->off += n;
	q->msgs_bytes -= n;
	if (m->off == m->len)
		pop_msg(q);
	if (q->out_tail)
		q->out_tail->next = c;
	else
		q->out = c;
	q->out_tail = c;
	q->n_out++;
	q->out_bytes += n;
	return c;
}

struct sct_txchunk *sct_txq_pop_acked(struct sct_txq *q, uint32_t cum)
{
	struct sct_txchunk *first = q->out, *last = NULL, *c;

	for (c = q->out; c && sct_tsn_le(c->tsn, cum); c = c->next) {
		last = c;
		q->n_out--;
		q->out_bytes -= c->len;
		if (c->rtx)
			q->n_rtx--;
		if (c->acked) {
			q->n_acked--;
			q->acked_bytes -= c->len;
		}
	}
	if (!last)
		return NULL;
	q->out = last->next;
	if (!q->out)
		q->out_tail = NULL;
	last->next = NULL;
	return first;
}

struct sct_txmsg *sct_txq_shift(struct sct_txq *q)
{
	struct sct_txmsg *m = q->msgs;

	if (!m)
		return NULL;
	q->msgs = m->next;
	if (!q->msgs)
		q->msgs_tail = NULL;
	q->msgs_bytes -= m->len - m->off;
	m->next = NULL;
	return m;
}

size_t sct_txq_drop_msgs(struct sct_txq *q)
{
	size_t n = 0;

	while (q->msgs) {
		q->msgs_bytes -= q->msgs->len - q->msgs->off;
		pop_msg(q);
		n++;
	}
	return n;
}
