/* SPDX-License-Identifier: MIT */
/* test_rxq.c: reassembly and ordered/unordered delivery (RFC 9260 6.5, 6.6, 6.9). */
#include "harness.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "common/rng.h"
#include "sctp/rxq.h"
#include "wire/chunk.h"

#define B SCT_DATA_FLAG_B
#define E SCT_DATA_FLAG_E
#define U SCT_DATA_FLAG_U

static int add(struct sct_rxq *q, uint32_t tsn, uint16_t sid, uint16_t ssn, uint8_t fl,
	       const char *s)
{
	return sct_rxq_add(q, tsn, sid, ssn, fl, 42, (const uint8_t *)s, strlen(s));
}

/* Take the oldest ready piece: its text, and whether more of its message follows. */
static const char *take_piece(struct sct_rxq *q, char *buf, size_t cap, bool *more, uint16_t *sid)
{
	const struct sct_rxq_msg *m = sct_rxq_peek(q);

	if (!m || m->len >= cap)
		return NULL;
	memcpy(buf, m->data, m->len);
	buf[m->len] = '\0';
	*more = m->more;
	if (sid)
		*sid = m->sid;
	sct_rxq_consume(q, m->len);
	return buf;
}

/* Read the oldest ready message into a string. */
static const char *take(struct sct_rxq *q, char *buf, size_t cap, uint16_t *sid)
{
	bool more;

	return take_piece(q, buf, cap, &more, sid);
}

/* RFC 9260 6.9: a message fragmented into B, middle, E chunks is joined once whole. */
static void rfc9260_6_9_reassembly_any_order(void)
{
	struct sct_rxq q;
	char buf[64];

	CU_ASSERT_EQUAL_FATAL(sct_rxq_init(&q, 2), 0);
	CU_ASSERT_EQUAL(add(&q, 12, 0, 0, E, "ghi"), 0);
	CU_ASSERT_EQUAL(add(&q, 10, 0, 0, B, "abc"), 0);
	CU_ASSERT_EQUAL(q.held, 6);
	CU_ASSERT_PTR_NULL(sct_rxq_peek(&q));
	CU_ASSERT_EQUAL(add(&q, 11, 0, 0, 0, "def"), 1);
	CU_ASSERT_STRING_EQUAL(take(&q, buf, sizeof(buf), NULL), "abcdefghi");
	CU_ASSERT_EQUAL(q.held, 0);
	sct_rxq_free(&q);
}

/* RFC 9260 6.5/6.6: ordered messages wait for the SSNs before them; streams are independent. */
static void rfc9260_6_6_ordered_per_stream(void)
{
	struct sct_rxq q;
	char buf[64];
	uint16_t sid;

	CU_ASSERT_EQUAL_FATAL(sct_rxq_init(&q, 3), 0);
	CU_ASSERT_EQUAL(add(&q, 2, 1, 1, B | E, "s1-1"), 0); /* waits for SSN 0 of stream 1 */
	CU_ASSERT_EQUAL(add(&q, 3, 2, 0, B | E, "s2-0"), 1); /* stream 2 is not blocked */
	CU_ASSERT_STRING_EQUAL(take(&q, buf, sizeof(buf), &sid), "s2-0");
	CU_ASSERT_EQUAL(sid, 2);
	CU_ASSERT_EQUAL(add(&q, 1, 1, 0, B | E, "s1-0"), 2);
	CU_ASSERT_STRING_EQUAL(take(&q, buf, sizeof(buf), NULL), "s1-0");
	CU_ASSERT_STRING_EQUAL(take(&q, buf, sizeof(buf), NULL), "s1-1");
	CU_ASSERT_PTR_NULL(take(&q, buf, sizeof(buf), NULL));
	sct_rxq_free(&q);
}

/* RFC 9260 6.6: unordered messages bypass the SSN order. */
static void rfc9260_6_6_unordered_immediately(void)
{
	struct sct_rxq q;
	char buf[64];

	CU_ASSERT_EQUAL_FATAL(sct_rxq_init(&q, 1), 0);
	CU_ASSERT_EQUAL(add(&q, 5, 0, 1, B | E, "ordered-1"), 0);
	CU_ASSERT_EQUAL(add(&q, 7, 0, 0, U | E, "-tail"), 0);
	CU_ASSERT_EQUAL(add(&q, 6, 0, 0, U | B, "unord"), 1);
	CU_ASSERT_STRING_EQUAL(take(&q, buf, sizeof(buf), NULL), "unord-tail");
	CU_ASSERT_EQUAL(add(&q, 4, 0, 0, B | E, "ordered-0"), 2);
	CU_ASSERT_STRING_EQUAL(take(&q, buf, sizeof(buf), NULL), "ordered-0");
	CU_ASSERT_STRING_EQUAL(take(&q, buf, sizeof(buf), NULL), "ordered-1");
	sct_rxq_free(&q);
}

/* RFC 9260 6.5: a stream outside the inbound streams is refused for the caller to report. */
static void rfc9260_6_5_invalid_stream_and_old_ssn(void)
{
	struct sct_rxq q;
	char buf[16];

	CU_ASSERT_EQUAL_FATAL(sct_rxq_init(&q, 2), 0);
	CU_ASSERT_EQUAL(add(&q, 1, 2, 0, B | E, "x"), -EINVAL);
	CU_ASSERT_EQUAL(add(&q, 1, 0, 0, B | E, "x"), 1);
	take(&q, buf, sizeof(buf), NULL);
	CU_ASSERT_EQUAL(add(&q, 2, 0, 0, B | E, "again"), -EPROTO);
	CU_ASSERT_EQUAL(q.held, 0);
	sct_rxq_free(&q);
}

/* A message is consumed in pieces; ->held falls as the reader takes bytes (a_rwnd opens). */
static void rxq_partial_reads(void)
{
	struct sct_rxq q;

	CU_ASSERT_EQUAL_FATAL(sct_rxq_init(&q, 1), 0);
	CU_ASSERT_EQUAL(add(&q, 1, 0, 0, B | E, "0123456789"), 1);
	CU_ASSERT_EQUAL(sct_rxq_consume(&q, 4), 4);
	CU_ASSERT_EQUAL(q.held, 6);
	CU_ASSERT_EQUAL(sct_rxq_peek(&q)->off, 4);
	CU_ASSERT_EQUAL(sct_rxq_consume(&q, 100), 6);
	CU_ASSERT_PTR_NULL(sct_rxq_peek(&q));
	CU_ASSERT_EQUAL(sct_rxq_consume(&q, 1), 0);
	sct_rxq_free(&q);
}

/* RFC 3758 3.6: skipping SSNs frees what waits and unblocks later messages. */
static void rfc3758_3_6_skip_ssn(void)
{
	struct sct_rxq q;
	char buf[32];

	CU_ASSERT_EQUAL_FATAL(sct_rxq_init(&q, 1), 0);
	CU_ASSERT_EQUAL(add(&q, 10, 0, 0, B, "lost-head"), 0);
	CU_ASSERT_EQUAL(add(&q, 20, 0, 1, B | E, "next"), 0);
	CU_ASSERT_EQUAL(sct_rxq_skip_ssn(&q, 0, 0), 9);
	CU_ASSERT_STRING_EQUAL(take(&q, buf, sizeof(buf), NULL), "next");
	CU_ASSERT_EQUAL(q.held, 0);
	sct_rxq_free(&q);
}

/* Random fragmentation and arrival order: every message arrives whole, in SSN order. */
static void rxq_random_order_model(void)
{
	enum { MSGS = 200, MAXF = 5 };
	struct sct_rxq q;
	struct sct_rng rng;
	struct sct_rng_seeded st;
	struct frag {
		uint32_t tsn;
		uint16_t ssn;
		uint8_t fl;
		char s[8];
	} *f = calloc(MSGS * MAXF, sizeof(*f));
	size_t nf = 0, i, got = 0;
	uint32_t tsn = 1000;
	int bad = 0;

	CU_ASSERT_PTR_NOT_NULL_FATAL(f);
	sct_rng_seeded_init(&rng, &st, 5);
	CU_ASSERT_EQUAL_FATAL(sct_rxq_init(&q, 1), 0);
	for (i = 0; i < MSGS; i++) {
		unsigned k, n = 1 + sct_rng_u32(&rng) % MAXF;

		for (k = 0; k < n; k++) {
			f[nf].tsn = tsn++;
			f[nf].ssn = (uint16_t)i;
			f[nf].fl = (uint8_t)((k == 0 ? B : 0) | (k == n - 1 ? E : 0));
			f[nf].s[0] = (char)('a' + i % 26);
			nf++;
		}
	}
	for (i = nf - 1; i > 0; i--) { /* shuffle */
		size_t j = sct_rng_u32(&rng) % (i + 1);
		struct frag t = f[i];

		f[i] = f[j];
		f[j] = t;
	}
	for (i = 0; i < nf; i++) {
		const struct sct_rxq_msg *m;

		sct_rxq_add(&q, f[i].tsn, 0, f[i].ssn, f[i].fl, 0, (const uint8_t *)f[i].s, 1);
		while ((m = sct_rxq_peek(&q))) {
			size_t k;

			if (m->ssn != got)
				bad = 1;
			for (k = 0; k < m->len; k++)
				if (m->data[k] != (char)('a' + got % 26))
					bad = 2;
			sct_rxq_consume(&q, m->len);
			got++;
		}
	}
	CU_ASSERT_EQUAL(bad, 0);
	CU_ASSERT_EQUAL(got, MSGS);
	CU_ASSERT_EQUAL(q.held, 0);
	sct_rxq_free(&q);
	free(f);
}

/*
 * RFC 6458 8.1.21 / RFC 9260 6.9: once the in-order start of the next message
 * reaches the point, its fragments go up as pieces, the missing one included
 * when it comes; a whole message of another stream waits until the partly
 * delivered one ends (8.1.20, level 0: no interleaving).
 */
static void rfc6458_8_1_21_partial_delivery_ordered(void)
{
	struct sct_rxq q;
	char buf[16];
	bool more;
	uint16_t sid;

	CU_ASSERT_EQUAL_FATAL(sct_rxq_init(&q, 2), 0);
	CU_ASSERT_EQUAL(add(&q, 11, 0, 0, 0, "bb"), 0);
	CU_ASSERT_EQUAL(sct_rxq_pd_check(&q, 0, false, 4, 0), 0); /* no B yet */
	CU_ASSERT_EQUAL(add(&q, 10, 0, 0, B, "aa"), 0);
	CU_ASSERT_EQUAL(sct_rxq_pd_check(&q, 0, false, 5, 0), 0); /* 4 bytes < 5 */
	CU_ASSERT_EQUAL(sct_rxq_pd_check(&q, 0, false, 4, 0), 2);
	CU_ASSERT_TRUE(q.pd.active);
	CU_ASSERT_EQUAL(add(&q, 13, 0, 0, E, "dd"), 0);	    /* 12 is missing */
	CU_ASSERT_EQUAL(add(&q, 14, 1, 0, B | E, "zz"), 0); /* whole, but must wait */
	CU_ASSERT_STRING_EQUAL(take_piece(&q, buf, sizeof(buf), &more, NULL), "aa");
	CU_ASSERT_TRUE(more);
	CU_ASSERT_STRING_EQUAL(take_piece(&q, buf, sizeof(buf), &more, NULL), "bb");
	CU_ASSERT_TRUE(more);
	CU_ASSERT_PTR_NULL(sct_rxq_peek(&q));
	CU_ASSERT_EQUAL(add(&q, 12, 0, 0, 0, "cc"), 3); /* cc, dd, then zz */
	CU_ASSERT_FALSE(q.pd.active);
	CU_ASSERT_STRING_EQUAL(take_piece(&q, buf, sizeof(buf), &more, &sid), "cc");
	CU_ASSERT_TRUE(more);
	CU_ASSERT_STRING_EQUAL(take_piece(&q, buf, sizeof(buf), &more, &sid), "dd");
	CU_ASSERT_FALSE(more);
	CU_ASSERT_STRING_EQUAL(take_piece(&q, buf, sizeof(buf), &more, &sid), "zz");
	CU_ASSERT_FALSE(more);
	CU_ASSERT_EQUAL(sid, 1);
	/* the stream moved past the message: its next SSN is 1 */
	CU_ASSERT_EQUAL(add(&q, 15, 0, 1, B | E, "ee"), 1);
	CU_ASSERT_EQUAL(q.held, 2);
	sct_rxq_free(&q);
}

/* Unordered partial delivery, and its end when the association goes (RFC 6458 6.1.7). */
static void rfc6458_6_1_7_partial_delivery_unordered_aborted(void)
{
	struct sct_rxq q;
	char buf[16];
	bool more;
	uint16_t sid = 9, ssn = 9;

	CU_ASSERT_EQUAL_FATAL(sct_rxq_init(&q, 3), 0);
	CU_ASSERT_FALSE(sct_rxq_pd_abort(&q, &sid, &ssn));
	CU_ASSERT_EQUAL(add(&q, 20, 2, 0, B | U, "xx"), 0);
	CU_ASSERT_EQUAL(add(&q, 21, 2, 0, U, "yy"), 0);
	CU_ASSERT_EQUAL(sct_rxq_pd_check(&q, 2, true, 0, 0), 0); /* point 0: never */
	CU_ASSERT_EQUAL(sct_rxq_pd_check(&q, 2, true, 3, 0), 2);
	CU_ASSERT_STRING_EQUAL(take_piece(&q, buf, sizeof(buf), &more, &sid), "xx");
	CU_ASSERT_TRUE(more);
	CU_ASSERT_EQUAL(sid, 2);
	/* a chunk with the next TSN that is not this message's (a B flag) is not taken */
	CU_ASSERT_EQUAL(add(&q, 22, 2, 0, B | U, "qq"), 0);
	CU_ASSERT_TRUE(sct_rxq_pd_abort(&q, &sid, &ssn));
	CU_ASSERT_EQUAL(sid, 2);
	CU_ASSERT_FALSE(sct_rxq_pd_abort(&q, &sid, &ssn)); /* told once */
	sct_rxq_free(&q);
}

/* Tiny fragments reach the chunk limit before the byte point: the fragment count starts it. */
static void rxq_partial_delivery_by_fragment_count(void)
{
	struct sct_rxq q;

	CU_ASSERT_EQUAL_FATAL(sct_rxq_init(&q, 1), 0);
	CU_ASSERT_EQUAL(add(&q, 1, 0, 0, B, "a"), 0);
	CU_ASSERT_EQUAL(add(&q, 2, 0, 0, 0, "b"), 0);
	CU_ASSERT_EQUAL(sct_rxq_pd_check(&q, 0, false, 1000, 3), 0);
	CU_ASSERT_EQUAL(q.n_chunks, 2);
	CU_ASSERT_EQUAL(add(&q, 3, 0, 0, 0, "c"), 0);
	CU_ASSERT_EQUAL(sct_rxq_pd_check(&q, 0, false, 1000, 3), 3);
	CU_ASSERT_EQUAL(q.n_chunks, 0); /* now counted as ready pieces */
	CU_ASSERT_EQUAL(q.ready_msgs, 3);
	sct_rxq_free(&q);
}

/* Random arrival order with a tiny point: the pieces, joined, are every message in order. */
static void rxq_partial_delivery_random_model(void)
{
	enum { MSGS = 300, MAXF = 9 };
	struct frag {
		uint32_t tsn;
		uint16_t ssn;
		uint8_t fl;
		char s[1];
	} *f = calloc(MSGS * MAXF, sizeof(*f));
	struct sct_rng_seeded st;
	struct sct_rng rng;
	struct sct_rxq q;
	size_t nf = 0, i, got = 0, pieces = 0;
	uint32_t tsn = 70000;
	int bad = 0;

	CU_ASSERT_PTR_NOT_NULL_FATAL(f);
	sct_rng_seeded_init(&rng, &st, 11);
	CU_ASSERT_EQUAL_FATAL(sct_rxq_init(&q, 1), 0);
	for (i = 0; i < MSGS; i++) {
		unsigned k, n = 1 + sct_rng_u32(&rng) % MAXF;

		for (k = 0; k < n; k++) {
			f[nf].tsn = tsn++;
			f[nf].ssn = (uint16_t)i;
			f[nf].fl = (uint8_t)((k == 0 ? B : 0) | (k == n - 1 ? E : 0));
			f[nf].s[0] = (char)('a' + i % 26);
			nf++;
		}
	}
	for (i = nf - 1; i > 0; i--) { /* shuffle within a window of 20, as a network would */
		size_t j = i - sct_rng_u32(&rng) % (i < 20 ? i + 1 : 20);
		struct frag t = f[i];

		f[i] = f[j];
		f[j] = t;
	}
	for (i = 0; i < nf; i++) {
		const struct sct_rxq_msg *m;

		if (sct_rxq_add(&q, f[i].tsn, 0, f[i].ssn, f[i].fl, 0, (const uint8_t *)f[i].s, 1) <
			0 ||
		    sct_rxq_pd_check(&q, 0, false, 3, 0) < 0)
			bad = 3;
		while ((m = sct_rxq_peek(&q))) {
			size_t k;

			if (m->ssn != got)
				bad = 1;
			for (k = 0; k < m->len; k++)
				if (m->data[k] != (char)('a' + got % 26))
					bad = 2;
			pieces += m->more;
			got += !m->more;
			sct_rxq_consume(&q, m->len);
		}
	}
	CU_ASSERT_EQUAL(bad, 0);
	CU_ASSERT_EQUAL(got, MSGS);
	CU_ASSERT_TRUE(pieces > 0); /* some went up in pieces */
	CU_ASSERT_FALSE(q.pd.active);
	CU_ASSERT_EQUAL(q.held, 0);
	sct_rxq_free(&q);
	free(f);
}

static const struct sct_test rxq_tests[] = {
    SCT_TEST(rfc6458_8_1_21_partial_delivery_ordered),
    SCT_TEST(rfc6458_6_1_7_partial_delivery_unordered_aborted),
    SCT_TEST(rxq_partial_delivery_by_fragment_count),
    SCT_TEST(rxq_partial_delivery_random_model),
    SCT_TEST(rfc9260_6_9_reassembly_any_order),
    SCT_TEST(rfc9260_6_6_ordered_per_stream),
    SCT_TEST(rfc9260_6_6_unordered_immediately),
    SCT_TEST(rfc9260_6_5_invalid_stream_and_old_ssn),
    SCT_TEST(rxq_partial_reads),
    SCT_TEST(rfc3758_3_6_skip_ssn),
    SCT_TEST(rxq_random_order_model),
    SCT_TEST_END,
};

SCT_TEST_MAIN(rxq_tests)
