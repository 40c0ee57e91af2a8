/* SPDX-License-Identifier: MIT */
/* test_reasm.c: IPv4/IPv6 fragment reassembly (RFC 791, RFC 8200 4.5, RFC 5722, RFC 6946). */
#include "harness.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "common/addr.h"
#include "common/rng.h"
#include "common/time.h"
#include "ip/reasm.h"
#include "wire/wire_err.h"

#define SEC    SCT_NSEC_PER_SEC
#define MAXLEN 65536

/* The datagram a test sends: byte i of datagram (id) is pat(id, i). */
static uint8_t pat(uint32_t id, size_t i)
{
	return (uint8_t)(i * 7 + id * 13 + (i >> 8));
}

static uint8_t payload[MAXLEN];
static uint8_t hdr[64];

static void fill(uint32_t id, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++)
		payload[i] = pat(id, i);
}

static struct sct_frag mkfrag(uint8_t af, uint32_t id, uint8_t proto, uint32_t off, size_t len,
			      bool more)
{
	struct sct_frag f;

	memset(&f, 0, sizeof(f));
	f.af = af;
	if (af == SCT_AF_INET4) {
		sct_addr_v4u32(&f.src, 0xc0000201); /* 192.0.2.1 */
		sct_addr_v4u32(&f.dst, 0xc0000202);
	} else {
		sct_addr_parse(&f.src, "2001:db8::1");
		sct_addr_parse(&f.dst, "2001:db8::2");
	}
	f.id = id;
	f.proto = proto;
	f.offset = off;
	f.more = more;
	f.data = payload + off;
	f.len = len;
	return f;
}

static struct sct_reasm *mk(const struct sct_reasm_limits *lim)
{
	struct sct_reasm_limits l;
	struct sct_reasm *r;

	if (!lim) {
		sct_reasm_limits_default(&l);
		l.hash_seed = 0x12345678;
		lim = &l;
	}
	CU_ASSERT_EQUAL_FATAL(sct_reasm_create(&r, lim), 0);
	return r;
}

/* Feed the fragment [off, off+len) of datagram id, filled with its pattern. */
static int feed(struct sct_reasm *r, uint8_t af, uint32_t id, uint8_t proto, uint32_t off,
		size_t len, bool more, sct_time_t now, struct sct_reasm_out *out)
{
	struct sct_frag f;
	int rc;

	fill(id, off + len);
	f = mkfrag(af, id, proto, off, len, more);
	rc = sct_reasm_input(r, &f, now, out);
	CU_ASSERT_EQUAL(sct_reasm_check(r), 0);
	return rc;
}

static void assert_datagram(const struct sct_reasm_out *o, uint32_t id, size_t len)
{
	size_t i, bad = 0;

	CU_ASSERT_EQUAL_FATAL(o->len, len);
	for (i = 0; i < len; i++)
		bad += o->data[i] != pat(id, i);
	CU_ASSERT_EQUAL(bad, 0);
}

/* ---------------------------------------------------------------- order */

static void rfc791_in_order_v4(void)
{
	struct sct_reasm *r = mk(NULL);
	struct sct_reasm_out o;

	CU_ASSERT_EQUAL(feed(r, SCT_AF_INET4, 7, 132, 0, 24, true, 0, &o), 0);
	CU_ASSERT_EQUAL(feed(r, SCT_AF_INET4, 7, 132, 24, 24, true, 1, &o), 0);
	CU_ASSERT_EQUAL(sct_reasm_pending(r), 1);
	CU_ASSERT_EQUAL(feed(r, SCT_AF_INET4, 7, 132, 48, 10, false, 2, &o), 1);
	assert_datagram(&o, 7, 58);
	CU_ASSERT_EQUAL(o.af, SCT_AF_INET4);
	CU_ASSERT_EQUAL(o.proto, 132);
	CU_ASSERT_EQUAL(o.id, 7);
	CU_ASSERT_FALSE(o.atomic);
	CU_ASSERT_EQUAL(sct_reasm_stats(r)->reqds, 3);
	CU_ASSERT_EQUAL(sct_reasm_stats(r)->oks, 1);
	CU_ASSERT_EQUAL(sct_reasm_stats(r)->fails, 0);
	CU_ASSERT_EQUAL(sct_reasm_pending(r), 0);
	CU_ASSERT_EQUAL(sct_reasm_mem(r), 0);
	CU_ASSERT_EQUAL(sct_reasm_next_expiry(r), SCT_TIME_NEVER);
	sct_reasm_destroy(r);
}

static void rfc8200_4_5_reverse_order_v6(void)
{
	struct sct_reasm *r = mk(NULL);
	struct sct_reasm_out o;
	uint32_t id = 0xdeadbeef;

	CU_ASSERT_EQUAL(feed(r, SCT_AF_INET6, id, 132, 2400, 100, false, 0, &o), 0);
	CU_ASSERT_EQUAL(feed(r, SCT_AF_INET6, id, 132, 1200, 1200, true, 0, &o), 0);
	CU_ASSERT_EQUAL(feed(r, SCT_AF_INET6, id, 132, 0, 1200, true, 0, &o), 1);
	assert_datagram(&o, id, 2500);
	CU_ASSERT_EQUAL(o.af, SCT_AF_INET6);
	CU_ASSERT_EQUAL(o.proto, 132);
	CU_ASSERT_EQUAL(sct_reasm_mem(r), 0);
	sct_reasm_destroy(r);
}

/* Random sizes, random cuts, random order: the content must come back whole. */
static void rfc8200_4_5_random_order_seeded(void)
{
	struct sct_rng rng;
	struct sct_rng_seeded st;
	uint64_t seed;

	for (seed = 1; seed <= 200; seed++) {
		struct sct_reasm *r = mk(NULL);
		struct sct_reasm_out o;
		uint32_t offs[64], lens[64];
		size_t total, n = 0, i, pos = 0;
		uint8_t af = seed & 1 ? SCT_AF_INET4 : SCT_AF_INET6;
		int rc = 0;

		sct_rng_seeded_init(&rng, &st, seed);
		total = 9 + sct_rng_seeded_next(&st) % 20000;
		while (pos < total) {
			size_t len = 8 * (1 + sct_rng_seeded_next(&st) % 200);

			if (n == 63 || pos + len >= total)
				len = total - pos;
			offs[n] = (uint32_t)pos;
			lens[n] = (uint32_t)len;
			pos += len;
			n++;
		}
		/* Fisher-Yates */
		for (i = n - 1; i > 0; i--) {
			size_t j = sct_rng_seeded_next(&st) % (i + 1);
			uint32_t t = offs[i];

			offs[i] = offs[j];
			offs[j] = t;
			t = lens[i];
			lens[i] = lens[j];
			lens[j] = t;
		}
		for (i = 0; i < n; i++) {
			bool last = offs[i] + lens[i] == total;

			if (n == 1)
				break;
			rc = feed(r, af, (uint32_t)seed, 17, offs[i], lens[i], !last, 0, &o);
			CU_ASSERT_EQUAL(rc, i + 1 == n ? 1 : 0);
		}
		if (n > 1)
			assert_datagram(&o, (uint32_t)seed, total);
		CU_ASSERT_EQUAL(sct_reasm_mem(r), 0);
		sct_reasm_destroy(r);
	}
}

/* Several datagrams, both families, fragments interleaved. */
static void rfc791_interleaved_datagrams(void)
{
	struct sct_reasm *r = mk(NULL);
	struct sct_reasm_out o;

	CU_ASSERT_EQUAL(feed(r, SCT_AF_INET4, 1, 132, 0, 16, true, 0, &o), 0);
	CU_ASSERT_EQUAL(feed(r, SCT_AF_INET6, 1, 132, 16, 5, false, 0, &o), 0);
	CU_ASSERT_EQUAL(feed(r, SCT_AF_INET4, 2, 132, 16, 3, false, 0, &o), 0);
	CU_ASSERT_EQUAL(feed(r, SCT_AF_INET6, 2, 132, 0, 8, true, 0, &o), 0);
	CU_ASSERT_EQUAL(sct_reasm_pending(r), 4);
	CU_ASSERT_EQUAL(feed(r, SCT_AF_INET4, 2, 132, 0, 16, true, 0, &o), 1);
	assert_datagram(&o, 2, 19);
	CU_ASSERT_EQUAL(feed(r, SCT_AF_INET6, 1, 132, 0, 16, true, 0, &o), 1);
	assert_datagram(&o, 1, 21);
	CU_ASSERT_EQUAL(o.af, SCT_AF_INET6);
	CU_ASSERT_EQUAL(feed(r, SCT_AF_INET6, 2, 132, 8, 8, false, 0, &o), 1);
	assert_datagram(&o, 2, 16);
	CU_ASSERT_EQUAL(feed(r, SCT_AF_INET4, 1, 132, 16, 1, false, 0, &o), 1);
	assert_datagram(&o, 1, 17);
	CU_ASSERT_EQUAL(o.af, SCT_AF_INET4);
	CU_ASSERT_EQUAL(sct_reasm_pending(r), 0);
	CU_ASSERT_EQUAL(sct_reasm_stats(r)->oks, 4);
	sct_reasm_destroy(r);
}

/* ---------------------------------------------------------------- keys */

/* RFC 791 3.2: the key includes the protocol; RFC 8200 4.5: for IPv6 it does
 * not, and only the offset-zero fragment's Next Header counts. */
static void rfc791_v4_key_has_proto_v6_does_not(void)
{
	struct sct_reasm *r = mk(NULL);
	struct sct_reasm_out o;
	struct sct_frag f;

	CU_ASSERT_EQUAL(feed(r, SCT_AF_INET4, 9, 132, 0, 8, true, 0, &o), 0);
	CU_ASSERT_EQUAL(feed(r, SCT_AF_INET4, 9, 17, 8, 8, false, 0, &o), 0);
	CU_ASSERT_EQUAL(sct_reasm_pending(r), 2);
	CU_ASSERT_EQUAL(feed(r, SCT_AF_INET4, 9, 132, 8, 8, false, 0, &o), 1);
	CU_ASSERT_EQUAL(o.proto, 132);
	CU_ASSERT_EQUAL(feed(r, SCT_AF_INET4, 9, 17, 0, 8, true, 0, &o), 1);
	CU_ASSERT_EQUAL(o.proto, 17);

	/* IPv6: different Next Header values, one datagram */
	CU_ASSERT_EQUAL(feed(r, SCT_AF_INET6, 9, 17, 8, 8, false, 0, &o), 0);
	CU_ASSERT_EQUAL(feed(r, SCT_AF_INET6, 9, 132, 0, 8, true, 0, &o), 1);
	CU_ASSERT_EQUAL(o.proto, 132);

	/* same id, other source: another datagram */
	CU_ASSERT_EQUAL(feed(r, SCT_AF_INET6, 10, 132, 0, 8, true, 0, &o), 0);
	fill(10, 16);
	f = mkfrag(SCT_AF_INET6, 10, 132, 8, 8, false);
	sct_addr_parse(&f.src, "2001:db8::99");
	CU_ASSERT_EQUAL(sct_reasm_input(r, &f, 0, &o), 0);
	CU_ASSERT_EQUAL(sct_reasm_pending(r), 2);
	/* and the v4 datagram with the same id is not the v6 one */
	CU_ASSERT_EQUAL(feed(r, SCT_AF_INET4, 10, 132, 8, 8, false, 0, &o), 0);
	CU_ASSERT_EQUAL(sct_reasm_pending(r), 3);
	CU_ASSERT_EQUAL(feed(r, SCT_AF_INET6, 10, 132, 8, 8, false, 0, &o), 1);
	CU_ASSERT_EQUAL(o.af, SCT_AF_INET6);
	CU_ASSERT_EQUAL(sct_reasm_check(r), 0);
	sct_reasm_destroy(r); /* two pending datagrams freed */
}

/* ---------------------------------------------------------------- duplicates, overlaps */

/* RFC 8200 4.5: exact duplicates may be dropped while the datagram is kept. */
static void rfc8200_4_5_exact_duplicate_dropped(void)
{
	struct sct_reasm *r = mk(NULL);
	struct sct_reasm_out o;
	size_t mem;

	CU_ASSERT_EQUAL(feed(r, SCT_AF_INET6, 3, 132, 0, 16, true, 0, &o), 0);
	CU_ASSERT_EQUAL(feed(r, SCT_AF_INET6, 3, 132, 32, 4, false, 0, &o), 0);
	mem = sct_reasm_mem(r);
	CU_ASSERT_EQUAL(feed(r, SCT_AF_INET6, 3, 132, 0, 16, true, 0, &o), 0);
	CU_ASSERT_EQUAL(feed(r, SCT_AF_INET6, 3, 132, 32, 4, false, 0, &o), 0);
	CU_ASSERT_EQUAL(sct_reasm_mem(r), mem);
	CU_ASSERT_EQUAL(sct_reasm_stats(r)->duplicates, 2);
	CU_ASSERT_EQUAL(feed(r, SCT_AF_INET6, 3, 132, 16, 16, true, 0, &o), 1);
	assert_datagram(&o, 3, 36);
	CU_ASSERT_EQUAL(sct_reasm_stats(r)->overlaps, 0);
	CU_ASSERT_EQUAL(sct_reasm_stats(r)->fails, 0);
	sct_reasm_destroy(r);
}

/* A "duplicate" whose bytes differ rewrites data: it is an overlap (RFC 5722). */
static void rfc5722_4_duplicate_with_other_bytes_is_overlap(void)
{
	struct sct_reasm *r = mk(NULL);
	struct sct_reasm_out o;
	struct sct_frag f;

	CU_ASSERT_EQUAL(feed(r, SCT_AF_INET4, 3, 6, 0, 16, true, 0, &o), 0);
	fill(3, 16);
	payload[5] ^= 0xff;
	f = mkfrag(SCT_AF_INET4, 3, 6, 0, 16, true);
	CU_ASSERT_EQUAL(sct_reasm_input(r, &f, 0, &o), SCT_WE_FRAG_OVERLAP);
	/* same range, M flag differs: not a duplicate either */
	CU_ASSERT_EQUAL(feed(r, SCT_AF_INET4, 4, 6, 0, 16, true, 0, &o), 0);
	CU_ASSERT_EQUAL(feed(r, SCT_AF_INET4, 4, 6, 8, 8, false, 0, &o), SCT_WE_FRAG_OVERLAP);
	CU_ASSERT_EQUAL(sct_reasm_stats(r)->overlaps, 2);
	sct_reasm_destroy(r);
}

/*
 * Every overlap shape discards the whole datagram, and its fragments not yet
 * received are silently dropped too (RFC 5722 section 4), in both families.
 * Held: [16, 32).  New fragment:
 */
static void rfc5722_4_every_overlap_shape_discards_datagram(void)
{
	static const struct {
		uint32_t off, len;
	} shapes[] = {
	    {8, 16},  /* partial front: [8, 24) */
	    {24, 16}, /* partial back: [24, 40) */
	    {16, 8},  /* contained, same start */
	    {24, 8},  /* contained, same end */
	    {0, 48},  /* containing */
	    {16, 24}, /* same start, longer */
	    {8, 24},  /* same end, longer */
	};
	size_t i;
	int a;

	for (a = 0; a < 2; a++) {
		uint8_t af = a ? SCT_AF_INET6 : SCT_AF_INET4;

		for (i = 0; i < sizeof(shapes) / sizeof(shapes[0]); i++) {
			struct sct_reasm *r = mk(NULL);
			struct sct_reasm_out o;
			struct sct_reasm_expired e[2];
			size_t base;

			CU_ASSERT_EQUAL(feed(r, af, 5, 132, 16, 16, true, 0, &o), 0);
			base = sct_reasm_mem(r);
			CU_ASSERT_EQUAL(feed(r, af, 5, 132, 0, 8, true, 0, &o), 0);
			CU_ASSERT_EQUAL(
			    feed(r, af, 5, 132, shapes[i].off, shapes[i].len, true, 1, &o),
			    SCT_WE_FRAG_OVERLAP);
			CU_ASSERT_EQUAL(sct_reasm_stats(r)->overlaps, 1);
			CU_ASSERT_EQUAL(sct_reasm_stats(r)->fails, 1);
			/* fragments freed, the datagram's record remains */
			CU_ASSERT(sct_reasm_mem(r) < base);
			CU_ASSERT_EQUAL(sct_reasm_pending(r), 1);
			/* the fragments that would have completed it: dropped */
			CU_ASSERT_EQUAL(feed(r, af, 5, 132, 8, 8, true, 2, &o),
					SCT_WE_FRAG_DISCARDED);
			CU_ASSERT_EQUAL(feed(r, af, 5, 132, 32, 8, false, 2, &o),
					SCT_WE_FRAG_DISCARDED);
			CU_ASSERT_EQUAL(sct_reasm_stats(r)->discarded, 2);
			CU_ASSERT_EQUAL(sct_reasm_stats(r)->oks, 0);
			/* no ICMP after an overlap (RFC 8200 4.5), and then the key is free */
			CU_ASSERT_EQUAL(sct_reasm_expire(r, 100 * SEC, e, 2), 0);
			CU_ASSERT_EQUAL(sct_reasm_stats(r)->timeouts, 0);
			CU_ASSERT_EQUAL(sct_reasm_pending(r), 0);
			CU_ASSERT_EQUAL(sct_reasm_mem(r), 0);
			CU_ASSERT_EQUAL(feed(r, af, 5, 132, 0, 8, true, 100 * SEC, &o), 0);
			CU_ASSERT_EQUAL(feed(r, af, 5, 132, 8, 8, false, 100 * SEC, &o), 1);
			sct_reasm_destroy(r);
		}
	}
}

/* Adjacent fragments touch but do not overlap. */
static void rfc5722_4_adjacent_is_not_overlap(void)
{
	struct sct_reasm *r = mk(NULL);
	struct sct_reasm_out o;

	CU_ASSERT_EQUAL(feed(r, SCT_AF_INET6, 5, 132, 8, 8, true, 0, &o), 0);
	CU_ASSERT_EQUAL(feed(r, SCT_AF_INET6, 5, 132, 24, 8, false, 0, &o), 0);
	CU_ASSERT_EQUAL(feed(r, SCT_AF_INET6, 5, 132, 16, 8, true, 0, &o), 0);
	CU_ASSERT_EQUAL(feed(r, SCT_AF_INET6, 5, 132, 0, 8, true, 0, &o), 1);
	assert_datagram(&o, 5, 32);
	sct_reasm_destroy(r);
}

/* ---------------------------------------------------------------- malformed */

/* RFC 8200 4.5: a fragment with M set and a length not a multiple of 8 is
 * discarded; the datagram is not. */
static void rfc8200_4_5_middle_fragment_not_multiple_of_8(void)
{
	struct sct_reasm *r = mk(NULL);
	struct sct_reasm_out o;

	CU_ASSERT_EQUAL(feed(r, SCT_AF_INET6, 8, 132, 0, 8, true, 0, &o), 0);
	CU_ASSERT_EQUAL(feed(r, SCT_AF_INET6, 8, 132, 8, 12, true, 0, &o), SCT_WE_FRAG_BAD_LEN);
	CU_ASSERT_EQUAL(feed(r, SCT_AF_INET4, 8, 132, 8, 7, true, 0, &o), SCT_WE_FRAG_BAD_LEN);
	CU_ASSERT_EQUAL(sct_reasm_stats(r)->bad_len, 2);
	CU_ASSERT_EQUAL(sct_reasm_pending(r), 1);
	CU_ASSERT_EQUAL(feed(r, SCT_AF_INET6, 8, 132, 8, 12, false, 0, &o), 1);
	assert_datagram(&o, 8, 20);
	sct_reasm_destroy(r);
}

static void rfc791_empty_fragment_refused(void)
{
	struct sct_reasm *r = mk(NULL);
	struct sct_reasm_out o;

	CU_ASSERT_EQUAL(feed(r, SCT_AF_INET4, 8, 132, 8, 0, true, 0, &o), SCT_WE_FRAG_EMPTY);
	CU_ASSERT_EQUAL(feed(r, SCT_AF_INET4, 8, 132, 8, 0, false, 0, &o), SCT_WE_FRAG_EMPTY);
	CU_ASSERT_EQUAL(sct_reasm_pending(r), 0);
	CU_ASSERT_EQUAL(sct_reasm_stats(r)->empty, 2);
	sct_reasm_destroy(r);
}

static void caller_bugs_are_einval(void)
{
	struct sct_reasm *r = mk(NULL);
	struct sct_reasm_out o;
	struct sct_frag f = mkfrag(SCT_AF_INET4, 1, 1, 4, 8, true);

	CU_ASSERT_EQUAL(sct_reasm_input(r, &f, 0, &o), -EINVAL);
	f = mkfrag(SCT_AF_INET4, 1, 1, 8, 8, true);
	f.af = SCT_AF_NONE;
	CU_ASSERT_EQUAL(sct_reasm_input(r, &f, 0, &o), -EINVAL);
	CU_ASSERT_EQUAL(sct_reasm_stats(r)->reqds, 0);
	sct_reasm_destroy(r);
}

/* RFC 791: Total Length (header included) at most 65535; RFC 8200 4.5: the
 * Payload Length (per-fragment headers included) at most 65535. */
static void rfc8200_4_5_too_big(void)
{
	struct sct_reasm *r = mk(NULL);
	struct sct_reasm_out o;
	struct sct_frag f;

	/* IPv4 with a 20-byte header: 65515 bytes of payload fit exactly */
	CU_ASSERT_EQUAL(feed(r, SCT_AF_INET4, 1, 132, 0, 65512, true, 0, &o), 0);
	CU_ASSERT_EQUAL(feed(r, SCT_AF_INET4, 1, 132, 65512, 3, false, 0, &o), 1);
	assert_datagram(&o, 1, 65515);
	/* one byte more: refused at once, no datagram started */
	CU_ASSERT_EQUAL(feed(r, SCT_AF_INET4, 2, 132, 65512, 4, false, 0, &o), SCT_WE_FRAG_TOO_BIG);
	CU_ASSERT_EQUAL(sct_reasm_pending(r), 0);
	/* a fragment past the limit discards the datagram it joins */
	CU_ASSERT_EQUAL(feed(r, SCT_AF_INET4, 3, 132, 0, 8, true, 0, &o), 0);
	CU_ASSERT_EQUAL(feed(r, SCT_AF_INET4, 3, 132, 65528, 8, false, 0, &o), SCT_WE_FRAG_TOO_BIG);
	CU_ASSERT_EQUAL(feed(r, SCT_AF_INET4, 3, 132, 8, 8, false, 0, &o), SCT_WE_FRAG_DISCARDED);
	/* the first fragment's 24-byte header (options) makes 65515 too big */
	CU_ASSERT_EQUAL(feed(r, SCT_AF_INET4, 4, 132, 65512, 3, false, 0, &o), 0);
	fill(4, 65512);
	f = mkfrag(SCT_AF_INET4, 4, 132, 0, 65512, true);
	memset(hdr, 0x45, sizeof(hdr));
	f.hdr = hdr;
	f.hdr_len = 24;
	CU_ASSERT_EQUAL(sct_reasm_input(r, &f, 0, &o), SCT_WE_FRAG_TOO_BIG);

	/* IPv6 without extension headers: 65535 bytes of fragmentable part */
	CU_ASSERT_EQUAL(feed(r, SCT_AF_INET6, 1, 132, 0, 65528, true, 0, &o), 0);
	CU_ASSERT_EQUAL(feed(r, SCT_AF_INET6, 1, 132, 65528, 7, false, 0, &o), 1);
	assert_datagram(&o, 1, 65535);
	CU_ASSERT_EQUAL(feed(r, SCT_AF_INET6, 2, 132, 65528, 8, false, 0, &o), SCT_WE_FRAG_TOO_BIG);
	/* with an 8-byte per-fragment header (40 + 8 + 8 before the fragment) */
	CU_ASSERT_EQUAL(feed(r, SCT_AF_INET6, 3, 132, 65528, 7, false, 0, &o), 0);
	fill(3, 65528);
	f = mkfrag(SCT_AF_INET6, 3, 132, 0, 65528, true);
	f.hdr = hdr;
	f.hdr_len = 56;
	CU_ASSERT_EQUAL(sct_reasm_input(r, &f, 0, &o), SCT_WE_FRAG_TOO_BIG);
	/* an absurd offset from a buggy parser does not wrap */
	CU_ASSERT_EQUAL(feed(r, SCT_AF_INET6, 4, 132, 0, 8, true, 0, &o), 0);
	f = mkfrag(SCT_AF_INET6, 4, 132, 0xfffffff8u, 16, false);
	f.data = payload;
	CU_ASSERT_EQUAL(sct_reasm_input(r, &f, 0, &o), SCT_WE_FRAG_TOO_BIG);
	CU_ASSERT_EQUAL(sct_reasm_stats(r)->too_big, 6);
	CU_ASSERT_EQUAL(sct_reasm_check(r), 0);
	sct_reasm_destroy(r);
}

/* A second last fragment with another end, or data past a known end. */
static void rfc791_inconsistent_end(void)
{
	struct sct_reasm *r = mk(NULL);
	struct sct_reasm_out o;

	/* two different ends */
	CU_ASSERT_EQUAL(feed(r, SCT_AF_INET4, 1, 132, 16, 8, false, 0, &o), 0);
	CU_ASSERT_EQUAL(feed(r, SCT_AF_INET4, 1, 132, 32, 8, false, 0, &o),
			SCT_WE_FRAG_INCONSISTENT);
	CU_ASSERT_EQUAL(feed(r, SCT_AF_INET4, 1, 132, 0, 16, true, 0, &o), SCT_WE_FRAG_DISCARDED);
	/* data past the known end */
	CU_ASSERT_EQUAL(feed(r, SCT_AF_INET6, 1, 132, 16, 8, false, 0, &o), 0);
	CU_ASSERT_EQUAL(feed(r, SCT_AF_INET6, 1, 132, 40, 8, true, 0, &o),
			SCT_WE_FRAG_INCONSISTENT);
	/* a last fragment that ends before data already held */
	CU_ASSERT_EQUAL(feed(r, SCT_AF_INET6, 2, 132, 40, 8, true, 0, &o), 0);
	CU_ASSERT_EQUAL(feed(r, SCT_AF_INET6, 2, 132, 16, 8, false, 0, &o),
			SCT_WE_FRAG_INCONSISTENT);
	/* "more follows" ending exactly at the known end */
	CU_ASSERT_EQUAL(feed(r, SCT_AF_INET6, 3, 132, 16, 8, false, 0, &o), 0);
	CU_ASSERT_EQUAL(feed(r, SCT_AF_INET6, 3, 132, 8, 16, true, 0, &o),
			SCT_WE_FRAG_INCONSISTENT);
	CU_ASSERT_EQUAL(sct_reasm_stats(r)->inconsistent, 4);
	CU_ASSERT_EQUAL(sct_reasm_stats(r)->oks, 0);
	sct_reasm_destroy(r);
}

/* ---------------------------------------------------------------- atomic */

/* RFC 6946 4 / RFC 8200 4.5: an atomic fragment is processed in isolation. */
static void rfc6946_atomic_fragment_not_mixed_with_queue(void)
{
	struct sct_reasm *r = mk(NULL);
	struct sct_reasm_out o;
	struct sct_frag f;
	int a;

	for (a = 0; a < 2; a++) {
		uint8_t af = a ? SCT_AF_INET6 : SCT_AF_INET4;

		CU_ASSERT_EQUAL(feed(r, af, 77, 132, 8, 8, false, 0, &o), 0);
		/* same key, offset 0, M clear: would overlap nothing, yet must not join */
		fill(1000, 40);
		f = mkfrag(af, 77, 132, 0, 40, false);
		CU_ASSERT_EQUAL(sct_reasm_input(r, &f, 0, &o), 1);
		CU_ASSERT_TRUE(o.atomic);
		CU_ASSERT_PTR_EQUAL(o.data, payload);
		CU_ASSERT_EQUAL(o.len, 40);
		CU_ASSERT_EQUAL(o.id, 77);
		CU_ASSERT_EQUAL(sct_reasm_pending(r), 1);
		/* the queue completes with its own bytes */
		CU_ASSERT_EQUAL(feed(r, af, 77, 132, 0, 8, true, 0, &o), 1);
		CU_ASSERT_FALSE(o.atomic);
		assert_datagram(&o, 77, 16);
	}
	CU_ASSERT_EQUAL(sct_reasm_stats(r)->atomic, 2);
	CU_ASSERT_EQUAL(sct_reasm_stats(r)->oks, 4);
	/* an atomic fragment even with a discarded datagram of its key */
	CU_ASSERT_EQUAL(feed(r, SCT_AF_INET6, 78, 132, 8, 8, true, 0, &o), 0);
	CU_ASSERT_EQUAL(feed(r, SCT_AF_INET6, 78, 132, 8, 16, true, 0, &o), SCT_WE_FRAG_OVERLAP);
	CU_ASSERT_EQUAL(feed(r, SCT_AF_INET6, 78, 132, 0, 3, false, 0, &o), 1);
	CU_ASSERT_TRUE(o.atomic);
	sct_reasm_destroy(r);
}

/* ---------------------------------------------------------------- timeouts */

/* RFC 792 / RFC 8200 4.5: time exceeded, reported only if offset 0 arrived. */
static void rfc8200_4_5_timeout_with_first_fragment(void)
{
	struct sct_reasm *r = mk(NULL);
	struct sct_reasm_out o;
	struct sct_reasm_expired e[4];
	struct sct_frag f;
	size_t i;

	for (i = 0; i < sizeof(hdr); i++)
		hdr[i] = (uint8_t)(0xa0 + i);
	fill(11, 200);
	f = mkfrag(SCT_AF_INET4, 11, 132, 0, 200, true);
	f.hdr = hdr;
	f.hdr_len = 20;
	CU_ASSERT_EQUAL(sct_reasm_input(r, &f, 5 * SEC, &o), 0);
	CU_ASSERT_EQUAL(sct_reasm_next_expiry(r), 35 * SEC);
	CU_ASSERT_EQUAL(sct_reasm_expire(r, 35 * SEC - 1, e, 4), 0);
	CU_ASSERT_EQUAL(sct_reasm_pending(r), 1);
	CU_ASSERT_EQUAL(sct_reasm_expire(r, 35 * SEC, e, 4), 1);
	CU_ASSERT_EQUAL(e[0].af, SCT_AF_INET4);
	CU_ASSERT_EQUAL(e[0].id, 11);
	CU_ASSERT_EQUAL(e[0].proto, 132);
	CU_ASSERT_TRUE(sct_addr_eq(&e[0].src, &f.src));
	CU_ASSERT_TRUE(sct_addr_eq(&e[0].dst, &f.dst));
	CU_ASSERT_EQUAL(e[0].hdr_len, 20);
	CU_ASSERT_EQUAL(e[0].quote_len, SCT_REASM_QUOTE_MAX);
	SCT_ASSERT_BYTES(e[0].quote, hdr, 20);
	SCT_ASSERT_BYTES(e[0].quote + 20, payload, SCT_REASM_QUOTE_MAX - 20);
	CU_ASSERT_EQUAL(sct_reasm_stats(r)->timeouts, 1);
	CU_ASSERT_EQUAL(sct_reasm_stats(r)->fails, 1);
	CU_ASSERT_EQUAL(sct_reasm_pending(r), 0);
	CU_ASSERT_EQUAL(sct_reasm_mem(r), 0);
	CU_ASSERT_EQUAL(sct_reasm_next_expiry(r), SCT_TIME_NEVER);

	/* IPv6: 60 s, a short first fragment gives a short quote */
	fill(12, 8);
	f = mkfrag(SCT_AF_INET6, 12, 132, 0, 8, true);
	f.hdr = hdr;
	f.hdr_len = 48;
	CU_ASSERT_EQUAL(sct_reasm_input(r, &f, 100 * SEC, &o), 0);
	CU_ASSERT_EQUAL(sct_reasm_next_expiry(r), 160 * SEC);
	CU_ASSERT_EQUAL(sct_reasm_expire(r, 159 * SEC, e, 4), 0);
	CU_ASSERT_EQUAL(sct_reasm_expire(r, 161 * SEC, e, 4), 1);
	CU_ASSERT_EQUAL(e[0].af, SCT_AF_INET6);
	CU_ASSERT_EQUAL(e[0].quote_len, 56);
	SCT_ASSERT_BYTES(e[0].quote, hdr, 48);
	SCT_ASSERT_BYTES(e[0].quote + 48, payload, 8);
	sct_reasm_destroy(r);
}

static void rfc8200_4_5_timeout_without_first_fragment(void)
{
	struct sct_reasm *r = mk(NULL);
	struct sct_reasm_out o;
	struct sct_reasm_expired e[4];

	CU_ASSERT_EQUAL(feed(r, SCT_AF_INET6, 12, 132, 8, 8, true, 0, &o), 0);
	CU_ASSERT_EQUAL(feed(r, SCT_AF_INET6, 12, 132, 24, 8, false, 0, &o), 0);
	CU_ASSERT_EQUAL(sct_reasm_expire(r, 60 * SEC, e, 4), 0);
	CU_ASSERT_EQUAL(sct_reasm_stats(r)->timeouts, 1);
	CU_ASSERT_EQUAL(sct_reasm_pending(r), 0);
	CU_ASSERT_EQUAL(sct_reasm_mem(r), 0);
	sct_reasm_destroy(r);
}

/* A late fragment never completes an abandoned datagram, even when the caller
 * has not yet run the expiry; the abandoned one is still reported. */
static void rfc8200_4_5_late_fragment_after_deadline(void)
{
	struct sct_reasm *r = mk(NULL);
	struct sct_reasm_out o;
	struct sct_reasm_expired e[4];

	CU_ASSERT_EQUAL(feed(r, SCT_AF_INET4, 13, 132, 0, 8, true, 0, &o), 0);
	CU_ASSERT_EQUAL(feed(r, SCT_AF_INET4, 13, 132, 8, 8, false, 30 * SEC, &o), 0);
	CU_ASSERT_EQUAL(sct_reasm_pending(r), 2);
	CU_ASSERT_EQUAL(sct_reasm_expire(r, 30 * SEC, e, 4), 1);
	CU_ASSERT_EQUAL(e[0].id, 13);
	CU_ASSERT_EQUAL(sct_reasm_pending(r), 1);
	CU_ASSERT_EQUAL(sct_reasm_next_expiry(r), 60 * SEC);
	sct_reasm_destroy(r);
}

/* Expiry follows deadlines across families, and a full array leaves the rest. */
static void rfc8200_4_5_expiry_order_and_partial_report(void)
{
	struct sct_reasm *r = mk(NULL);
	struct sct_reasm_out o;
	struct sct_reasm_expired e[1];

	CU_ASSERT_EQUAL(feed(r, SCT_AF_INET6, 1, 132, 0, 8, true, 0, &o), 0);	     /* 60 s */
	CU_ASSERT_EQUAL(feed(r, SCT_AF_INET4, 2, 132, 0, 8, true, 10 * SEC, &o), 0); /* 40 s */
	CU_ASSERT_EQUAL(feed(r, SCT_AF_INET4, 3, 132, 0, 8, true, 20 * SEC, &o), 0); /* 50 s */
	/* time going backwards is clamped: this one still expires at 50 s */
	CU_ASSERT_EQUAL(feed(r, SCT_AF_INET4, 4, 132, 0, 8, true, 1 * SEC, &o), 0);
	CU_ASSERT_EQUAL(sct_reasm_next_expiry(r), 40 * SEC);
	CU_ASSERT_EQUAL(sct_reasm_expire(r, 100 * SEC, e, 1), 1);
	CU_ASSERT_EQUAL(e[0].id, 2);
	CU_ASSERT_EQUAL(sct_reasm_next_expiry(r), 50 * SEC);
	CU_ASSERT_EQUAL(sct_reasm_expire(r, 100 * SEC, e, 1), 1);
	CU_ASSERT_EQUAL(e[0].id, 3);
	CU_ASSERT_EQUAL(sct_reasm_expire(r, 100 * SEC, e, 1), 1);
	CU_ASSERT_EQUAL(e[0].id, 4);
	CU_ASSERT_EQUAL(sct_reasm_expire(r, 100 * SEC, e, 1), 1);
	CU_ASSERT_EQUAL(e[0].id, 1);
	CU_ASSERT_EQUAL(sct_reasm_expire(r, 100 * SEC, e, 1), 0);
	/* NULL array: drop without reporting */
	CU_ASSERT_EQUAL(feed(r, SCT_AF_INET4, 5, 132, 0, 8, true, 100 * SEC, &o), 0);
	CU_ASSERT_EQUAL(sct_reasm_expire(r, 150 * SEC, NULL, 0), 0);
	CU_ASSERT_EQUAL(sct_reasm_pending(r), 0);
	/* and so does a zero-length array */
	CU_ASSERT_EQUAL(feed(r, SCT_AF_INET6, 5, 132, 0, 8, true, 150 * SEC, &o), 0);
	CU_ASSERT_EQUAL(sct_reasm_expire(r, 250 * SEC, e, 0), 0);
	CU_ASSERT_EQUAL(sct_reasm_pending(r), 0);
	CU_ASSERT_EQUAL(sct_reasm_stats(r)->timeouts, 6);
	/* an IPv6 datagram can expire before a younger IPv4 one */
	CU_ASSERT_EQUAL(feed(r, SCT_AF_INET6, 6, 132, 0, 8, true, 300 * SEC, &o), 0); /* 360 s */
	CU_ASSERT_EQUAL(feed(r, SCT_AF_INET4, 7, 132, 0, 8, true, 340 * SEC, &o), 0); /* 370 s */
	CU_ASSERT_EQUAL(sct_reasm_next_expiry(r), 360 * SEC);
	CU_ASSERT_EQUAL(sct_reasm_expire(r, 365 * SEC, e, 1), 1);
	CU_ASSERT_EQUAL(e[0].id, 6);
	CU_ASSERT_EQUAL(e[0].af, SCT_AF_INET6);
	CU_ASSERT_EQUAL(sct_reasm_next_expiry(r), 370 * SEC);
	sct_reasm_destroy(r);
}

/* ---------------------------------------------------------------- limits */

static void limits_memory_cap(void)
{
	struct sct_reasm_limits l;
	struct sct_reasm *r;
	struct sct_reasm_out o;
	uint32_t id;
	size_t one, before;
	int rc = 0;

	sct_reasm_limits_default(&l);
	l.mem_max = 8192;
	r = mk(&l);
	for (id = 0; id < 100; id++) {
		rc = feed(r, SCT_AF_INET4, id, 132, 0, 1000, true, 0, &o);
		CU_ASSERT(sct_reasm_mem(r) <= l.mem_max);
		if (rc)
			break;
	}
	CU_ASSERT_EQUAL(rc, SCT_WE_FRAG_LIMIT);
	CU_ASSERT(id > 2 && id < 9);
	CU_ASSERT_EQUAL(sct_reasm_pending(r), id);
	one = sct_reasm_mem(r) / id;
	CU_ASSERT(sct_reasm_mem(r) + one > l.mem_max);
	/* a fragment of a held datagram that does not fit discards that datagram */
	before = sct_reasm_mem(r);
	CU_ASSERT_EQUAL(feed(r, SCT_AF_INET4, 0, 132, 1000, 1000, true, 0, &o), SCT_WE_FRAG_LIMIT);
	CU_ASSERT(sct_reasm_mem(r) < before);
	CU_ASSERT_EQUAL(feed(r, SCT_AF_INET4, 0, 132, 2000, 8, false, 0, &o),
			SCT_WE_FRAG_DISCARDED);
	/* the memory it freed lets a held datagram complete, and a new one start */
	CU_ASSERT_EQUAL(feed(r, SCT_AF_INET4, 1, 132, 1000, 500, false, 0, &o), 1);
	assert_datagram(&o, 1, 1500);
	CU_ASSERT_EQUAL(feed(r, SCT_AF_INET4, 500, 132, 0, 1000, true, 0, &o), 0);
	CU_ASSERT(sct_reasm_stats(r)->limit >= 2);
	sct_reasm_destroy(r);
}

static void limits_datagram_count_cap(void)
{
	struct sct_reasm_limits l;
	struct sct_reasm *r;
	struct sct_reasm_out o;
	uint32_t id;

	sct_reasm_limits_default(&l);
	l.datagrams_max = 4;
	r = mk(&l);
	for (id = 0; id < 4; id++)
		CU_ASSERT_EQUAL(feed(r, SCT_AF_INET6, id, 132, 8, 8, false, 0, &o), 0);
	CU_ASSERT_EQUAL(feed(r, SCT_AF_INET6, 4, 132, 8, 8, false, 0, &o), SCT_WE_FRAG_LIMIT);
	CU_ASSERT_EQUAL(feed(r, SCT_AF_INET4, 4, 132, 8, 8, false, 0, &o), SCT_WE_FRAG_LIMIT);
	CU_ASSERT_EQUAL(sct_reasm_pending(r), 4);
	/* held datagrams still take fragments and complete */
	CU_ASSERT_EQUAL(feed(r, SCT_AF_INET6, 2, 132, 0, 8, true, 0, &o), 1);
	assert_datagram(&o, 2, 16);
	/* which frees a slot */
	CU_ASSERT_EQUAL(feed(r, SCT_AF_INET6, 4, 132, 8, 8, false, 0, &o), 0);
	CU_ASSERT_EQUAL(feed(r, SCT_AF_INET6, 5, 132, 8, 8, false, 0, &o), SCT_WE_FRAG_LIMIT);
	CU_ASSERT_EQUAL(sct_reasm_stats(r)->limit, 3);
	sct_reasm_destroy(r);
}

static void limits_fragment_count_cap(void)
{
	struct sct_reasm_limits l;
	struct sct_reasm *r;
	struct sct_reasm_out o;
	uint32_t i;

	sct_reasm_limits_default(&l);
	l.frags_max = 4;
	r = mk(&l);
	/* exactly frags_max fragments complete */
	for (i = 0; i < 3; i++)
		CU_ASSERT_EQUAL(feed(r, SCT_AF_INET4, 1, 132, 8 * i, 8, true, 0, &o), 0);
	CU_ASSERT_EQUAL(feed(r, SCT_AF_INET4, 1, 132, 24, 8, false, 0, &o), 1);
	assert_datagram(&o, 1, 32);
	/* one more than that discards the datagram */
	for (i = 0; i < 4; i++)
		CU_ASSERT_EQUAL(feed(r, SCT_AF_INET6, 2, 132, 8 * i, 8, true, 0, &o), 0);
	CU_ASSERT_EQUAL(feed(r, SCT_AF_INET6, 2, 132, 32, 8, false, 0, &o), SCT_WE_FRAG_LIMIT);
	CU_ASSERT_EQUAL(feed(r, SCT_AF_INET6, 2, 132, 32, 8, false, 0, &o), SCT_WE_FRAG_DISCARDED);
	CU_ASSERT_EQUAL(sct_reasm_stats(r)->limit, 1);
	sct_reasm_destroy(r);
}

static void limits_invalid_refused(void)
{
	struct sct_reasm_limits l;
	struct sct_reasm *r = (struct sct_reasm *)&l;

	sct_reasm_limits_default(&l);
	CU_ASSERT_EQUAL(l.mem_max, 4u * 1024 * 1024);
	CU_ASSERT_EQUAL(l.timeout_v4, 30 * SEC);
	CU_ASSERT_EQUAL(l.timeout_v6, 60 * SEC);
	CU_ASSERT_EQUAL(l.frags_max, 64);
	l.frags_max = 0;
	CU_ASSERT_EQUAL(sct_reasm_create(&r, &l), -EINVAL);
	CU_ASSERT_PTR_NULL(r);
	sct_reasm_destroy(NULL);
}

/* A flood of single fragments with distinct ids: held within the caps, and
 * everything freed by destroy (ASan/valgrind check the latter). */
static void limits_flood_then_destroy(void)
{
	struct sct_reasm_limits l;
	struct sct_reasm *r;
	struct sct_reasm_out o;
	uint32_t id;

	sct_reasm_limits_default(&l);
	l.mem_max = 256 * 1024;
	l.datagrams_max = 256;
	r = mk(&l);
	for (id = 0; id < 5000; id++) {
		feed(r, id & 1 ? SCT_AF_INET6 : SCT_AF_INET4, id, 132, 8, 8, true, id, &o);
		CU_ASSERT(sct_reasm_mem(r) <= l.mem_max);
		CU_ASSERT(sct_reasm_pending(r) <= l.datagrams_max);
	}
	CU_ASSERT_EQUAL(sct_reasm_pending(r), 256);
	CU_ASSERT_EQUAL(sct_reasm_stats(r)->limit, 5000 - 256);
	sct_reasm_destroy(r);
}

static const struct sct_test order[] = {
    SCT_TEST(rfc791_in_order_v4),
    SCT_TEST(rfc8200_4_5_reverse_order_v6),
    SCT_TEST(rfc8200_4_5_random_order_seeded),
    SCT_TEST(rfc791_interleaved_datagrams),
    SCT_TEST(rfc791_v4_key_has_proto_v6_does_not),
    SCT_TEST_END,
};

static const struct sct_test overlap[] = {
    SCT_TEST(rfc8200_4_5_exact_duplicate_dropped),
    SCT_TEST(rfc5722_4_duplicate_with_other_bytes_is_overlap),
    SCT_TEST(rfc5722_4_every_overlap_shape_discards_datagram),
    SCT_TEST(rfc5722_4_adjacent_is_not_overlap),
    SCT_TEST_END,
};

static const struct sct_test malformed[] = {
    SCT_TEST(rfc8200_4_5_middle_fragment_not_multiple_of_8),
    SCT_TEST(rfc791_empty_fragment_refused),
    SCT_TEST(caller_bugs_are_einval),
    SCT_TEST(rfc8200_4_5_too_big),
    SCT_TEST(rfc791_inconsistent_end),
    SCT_TEST(rfc6946_atomic_fragment_not_mixed_with_queue),
    SCT_TEST_END,
};

static const struct sct_test timeout[] = {
    SCT_TEST(rfc8200_4_5_timeout_with_first_fragment),
    SCT_TEST(rfc8200_4_5_timeout_without_first_fragment),
    SCT_TEST(rfc8200_4_5_late_fragment_after_deadline),
    SCT_TEST(rfc8200_4_5_expiry_order_and_partial_report),
    SCT_TEST_END,
};

static const struct sct_test limits[] = {
    SCT_TEST(limits_memory_cap),	 SCT_TEST(limits_datagram_count_cap),
    SCT_TEST(limits_fragment_count_cap), SCT_TEST(limits_invalid_refused),
    SCT_TEST(limits_flood_then_destroy), SCT_TEST_END,
};

SCT_TEST_MAIN(order, overlap, malformed, timeout, limits)
