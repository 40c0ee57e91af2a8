/* SPDX-License-Identifier: MIT */
/* test_common.c: cursor, addresses, CRC32c and the Internet checksum. */
#include "harness.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "common/addr.h"
#include "common/crc32c.h"
#include "common/csum.h"
#include "common/hmap.h"
#include "common/cursor.h"
#include "common/log.h"
#include "common/rng.h"

/* ---------------------------------------------------------------- cursor */

static void cursor_reads_network_order(void)
{
	const uint8_t b[] = {0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08, 0x09};
	struct sct_rd r = sct_rd_init(b, sizeof(b));

	CU_ASSERT_EQUAL(sct_rd_u8(&r), 0x01);
	CU_ASSERT_EQUAL(sct_rd_u16(&r), 0x0203);
	CU_ASSERT_EQUAL(sct_rd_u32(&r), 0x04050607);
	CU_ASSERT_EQUAL(sct_rd_left(&r), 2);
	CU_ASSERT_FALSE(r.err);
}

static void cursor_overrun_is_sticky_and_returns_zero(void)
{
	const uint8_t b[] = {0xff, 0xff, 0xff};
	struct sct_rd r = sct_rd_init(b, sizeof(b));

	CU_ASSERT_EQUAL(sct_rd_u32(&r), 0);
	CU_ASSERT_TRUE(r.err);
	/* after an error even an in-bounds read fails */
	CU_ASSERT_EQUAL(sct_rd_u8(&r), 0);
	CU_ASSERT_TRUE(r.err);
	CU_ASSERT_PTR_NULL(sct_rd_bytes(&r, 1));
}

static void cursor_sub_reader_is_bounded(void)
{
	const uint8_t b[] = {1, 2, 3, 4, 5, 6};
	struct sct_rd r = sct_rd_init(b, sizeof(b));
	struct sct_rd s = sct_rd_sub(&r, 4);

	CU_ASSERT_EQUAL(sct_rd_u32(&s), 0x01020304);
	CU_ASSERT_EQUAL(sct_rd_u8(&s), 0);
	CU_ASSERT_TRUE(s.err);
	CU_ASSERT_FALSE(r.err);
	CU_ASSERT_EQUAL(sct_rd_u16(&r), 0x0506);
	s = sct_rd_sub(&r, 1);
	CU_ASSERT_TRUE(s.err);
	CU_ASSERT_TRUE(r.err);
}

static void cursor_writer_refuses_overflow(void)
{
	uint8_t b[7] = {0};
	struct sct_wr w = sct_wr_init(b, sizeof(b));

	sct_wr_u16(&w, 0xabcd);
	sct_wr_u32(&w, 0x11223344);
	CU_ASSERT_FALSE(w.err);
	sct_wr_u16(&w, 0x5566); /* one byte of room: nothing written */
	CU_ASSERT_TRUE(w.err);
	CU_ASSERT_EQUAL(w.off, 6);
	CU_ASSERT_EQUAL(b[6], 0);
	CU_ASSERT_EQUAL(b[0], 0xab);
	CU_ASSERT_EQUAL(b[5], 0x44);
}

static void cursor_pad4(void)
{
	uint8_t b[8];
	struct sct_wr w = sct_wr_init(b, sizeof(b));

	memset(b, 0xee, sizeof(b));
	sct_wr_u8(&w, 1);
	sct_wr_pad4(&w);
	CU_ASSERT_EQUAL(w.off, 4);
	CU_ASSERT_EQUAL(b[1] | b[2] | b[3], 0);
	sct_wr_pad4(&w);
	CU_ASSERT_EQUAL(w.off, 4);
	CU_ASSERT_EQUAL(sct_pad4(5), 8);
	CU_ASSERT_EQUAL(sct_pad4(8), 8);
}

static const struct sct_test cursor_tests[] = {
	SCT_TEST(cursor_reads_network_order),
	SCT_TEST(cursor_overrun_is_sticky_and_returns_zero),
	SCT_TEST(cursor_sub_reader_is_bounded),
	SCT_TEST(cursor_writer_refuses_overflow),
	SCT_TEST(cursor_pad4),
	SCT_TEST_END,
};

/* ---------------------------------------------------------------- addresses */

static void addr_parse_and_format(void)
{
	struct sct_addr a;
	char buf[SCT_ADDR_STRLEN];

	CU_ASSERT_EQUAL(sct_addr_parse(&a, "192.0.2.1"), 0);
	CU_ASSERT_EQUAL(a.af, SCT_AF_INET4);
	CU_ASSERT_EQUAL(sct_addr_len(&a), 4);
	CU_ASSERT_STRING_EQUAL(sct_addr_fmt(&a, buf, sizeof(buf)), "192.0.2.1");
	CU_ASSERT_EQUAL(sct_addr_parse(&a, "2001:db8::1"), 0);
	CU_ASSERT_EQUAL(a.af, SCT_AF_INET6);
	CU_ASSERT_STRING_EQUAL(sct_addr_fmt(&a, buf, sizeof(buf)), "2001:db8::1");
	CU_ASSERT_EQUAL(sct_addr_parse(&a, "fe80::1%7"), 0);
	CU_ASSERT_EQUAL(a.scope, 7);
	CU_ASSERT_TRUE(sct_addr_is_linklocal(&a));
	CU_ASSERT_STRING_EQUAL(sct_addr_fmt(&a, buf, sizeof(buf)), "fe80::1%7");
	CU_ASSERT_EQUAL(sct_addr_parse(&a, "300.1.1.1"), -EINVAL);
	CU_ASSERT_EQUAL(sct_addr_parse(&a, "fe80::1%"), -EINVAL);
	CU_ASSERT_EQUAL(sct_addr_parse(&a, "fe80::1%nosuchif0"), -EINVAL);
	CU_ASSERT_EQUAL(sct_addr_parse(&a, ""), -EINVAL);
}

static void addr_compare_and_hash(void)
{
	struct sct_addr a, b, c;

	sct_addr_parse(&a, "10.0.0.1");
	sct_addr_v4u32(&b, 0x0a000001);
	sct_addr_parse(&c, "10.0.0.2");
	CU_ASSERT_TRUE(sct_addr_eq(&a, &b));
	CU_ASSERT_EQUAL(sct_addr_hash(&a, 5), sct_addr_hash(&b, 5));
	CU_ASSERT_FALSE(sct_addr_eq(&a, &c));
	CU_ASSERT_EQUAL(sct_addr_cmp(&a, &c), -1);
	CU_ASSERT_EQUAL(sct_addr_cmp(&c, &a), 1);
	CU_ASSERT_NOT_EQUAL(sct_addr_hash(&a, 5), sct_addr_hash(&c, 5));
	sct_addr_parse(&c, "::ffff:10.0.0.1");
	CU_ASSERT_FALSE(sct_addr_eq(&a, &c));
	CU_ASSERT_EQUAL(sct_addr_cmp(&a, &c), -1); /* v4 sorts before v6 */
}

static void addr_classify_and_map(void)
{
	struct sct_addr a, m;

	sct_addr_parse(&a, "127.0.0.5");
	CU_ASSERT_TRUE(sct_addr_is_loopback(&a));
	sct_addr_map(&m, &a);
	CU_ASSERT_TRUE(sct_addr_is_v4mapped(&m));
	CU_ASSERT_TRUE(sct_addr_is_loopback(&m));
	sct_addr_unmap(&m, &m);
	CU_ASSERT_TRUE(sct_addr_eq(&m, &a));
	sct_addr_parse(&a, "::1");
	CU_ASSERT_TRUE(sct_addr_is_loopback(&a));
	sct_addr_parse(&a, "224.0.0.1");
	CU_ASSERT_TRUE(sct_addr_is_multicast(&a));
	sct_addr_parse(&a, "ff02::1");
	CU_ASSERT_TRUE(sct_addr_is_multicast(&a));
	sct_addr_parse(&a, "255.255.255.255");
	CU_ASSERT_TRUE(sct_addr_is_broadcast(&a));
	sct_addr_parse(&a, "0.0.0.0");
	CU_ASSERT_TRUE(sct_addr_is_any(&a));
	sct_addr_parse(&a, "::");
	CU_ASSERT_TRUE(sct_addr_is_any(&a));
	sct_addr_parse(&a, "2001:db8::1");
	CU_ASSERT_FALSE(sct_addr_is_any(&a) || sct_addr_is_loopback(&a) ||
			sct_addr_is_multicast(&a) || sct_addr_is_linklocal(&a));
}

static const struct sct_test addr_tests[] = {
	SCT_TEST(addr_parse_and_format),
	SCT_TEST(addr_compare_and_hash),
	SCT_TEST(addr_classify_and_map),
	SCT_TEST_END,
};

/* ---------------------------------------------------------------- CRC32c */

/* RFC 3720 appendix B.4 vectors, plus the standard check value. */
static void crc32c_rfc3720_b4_vectors(void)
{
	uint8_t buf[32];
	int i;

	memset(buf, 0, sizeof(buf));
	CU_ASSERT_EQUAL(sct_crc32c(0, buf, 32), 0x8a9136aau);
	memset(buf, 0xff, sizeof(buf));
	CU_ASSERT_EQUAL(sct_crc32c(0, buf, 32), 0x62a8ab43u);
	for (i = 0; i < 32; i++)
		buf[i] = (uint8_t)i;
	CU_ASSERT_EQUAL(sct_crc32c(0, buf, 32), 0x46dd794eu);
	for (i = 0; i < 32; i++)
		buf[i] = (uint8_t)(31 - i);
	CU_ASSERT_EQUAL(sct_crc32c(0, buf, 32), 0x113fdb5cu);
	CU_ASSERT_EQUAL(sct_crc32c(0, "123456789", 9), 0xe3069283u);
	CU_ASSERT_EQUAL(sct_crc32c_sw(0, "123456789", 9), 0xe3069283u);
}

/* Every length and alignment through the 3-way interleaved blocks agrees with the table code. */
static void crc32c_hw_equals_sw_all_lengths(void)
{
	size_t cap = 3 * 8192 * 2 + 3 * 256 * 3 + 64, len, off;
	uint8_t *buf = malloc(cap);
	struct sct_rng rng;
	struct sct_rng_seeded st;
	static const size_t lens[] = {0, 1, 7, 8, 9, 63, 255, 256, 767, 768, 769, 1500, 9000,
				      24575, 24576, 24577, 49152, 50000};

	CU_ASSERT_PTR_NOT_NULL_FATAL(buf);
	sct_rng_seeded_init(&rng, &st, 1);
	rng.fill(rng.ctx, buf, cap);
	for (off = 0; off < 8; off++)
		for (len = 0; len < sizeof(lens) / sizeof(lens[0]); len++) {
			size_t n = lens[len];
			uint32_t sw = sct_crc32c_sw(0, buf + off, n);

			if (n + off > cap)
				continue;
			CU_ASSERT_EQUAL(sct_crc32c(0, buf + off, n), sw);
			if (sct_crc32c_has_hw())
				CU_ASSERT_EQUAL(sct_crc32c_hw(0, buf + off, n), sw);
		}
	free(buf);
}

static void crc32c_chains(void)
{
	const char *s = "The quick brown fox jumps over the lazy dog";
	size_t n = strlen(s), k;

	for (k = 0; k <= n; k++)
		CU_ASSERT_EQUAL(sct_crc32c(sct_crc32c(0, s, k), s + k, n - k), sct_crc32c(0, s, n));
	CU_ASSERT_EQUAL(sct_crc32c(0, s, n), 0x22620404u);
}

static const struct sct_test crc_tests[] = {
	SCT_TEST(crc32c_rfc3720_b4_vectors),
	SCT_TEST(crc32c_hw_equals_sw_all_lengths),
	SCT_TEST(crc32c_chains),
	SCT_TEST_END,
};

/* ---------------------------------------------------------------- Internet checksum */

/* RFC 1071 section 3 example: the words 0001 f203 f4f5 f6f7 sum to ddf2. */
static void csum_rfc1071_example(void)
{
	const uint8_t b[] = {0x00, 0x01, 0xf2, 0x03, 0xf4, 0xf5, 0xf6, 0xf7};

	CU_ASSERT_EQUAL(sct_csum(b, sizeof(b)), (uint16_t)~0xddf2);
	/* odd length pads with a zero byte */
	CU_ASSERT_EQUAL(sct_csum(b, 7), sct_csum_fold(sct_csum_add(0, b, 6) + 0xf600));
}

/* An IPv4 header from a real capture (ping 127.0.0.1) verifies to zero. */
static void csum_ipv4_header_verifies(void)
{
	uint8_t h[20];

	sct_test_unhex("45 00 00 54 a4 3d 40 00 40 01 98 69 7f 00 00 01 7f 00 00 01", h, 20);
	CU_ASSERT_EQUAL(sct_csum(h, 20), 0);
	h[10] = h[11] = 0;
	CU_ASSERT_EQUAL(sct_csum(h, 20), 0x9869);
}

/* RFC 1624: updating for a changed field equals recomputing. */
static void csum_incremental_update(void)
{
	uint8_t h[20];
	uint16_t c, oldttl;
	uint32_t olda;
	struct sct_rng rng;
	struct sct_rng_seeded st;
	int i;

	sct_rng_seeded_init(&rng, &st, 7);
	for (i = 0; i < 1000; i++) {
		rng.fill(rng.ctx, h, sizeof(h));
		h[10] = h[11] = 0;
		c = sct_csum(h, 20);
		oldttl = sct_get_u16(h + 8);
		h[8]--;
		c = sct_csum_update16(c, oldttl, sct_get_u16(h + 8));
		olda = sct_get_u32(h + 12);
		sct_put_u32(h + 12, sct_rng_u32(&rng));
		c = sct_csum_update32(c, olda, sct_get_u32(h + 12));
		sct_put_u16(h + 10, c);
		CU_ASSERT_EQUAL(sct_csum(h, 20), 0);
	}
}

static const struct sct_test csum_tests[] = {
	SCT_TEST(csum_rfc1071_example),
	SCT_TEST(csum_ipv4_header_verifies),
	SCT_TEST(csum_incremental_update),
	SCT_TEST_END,
};

/* ---------------------------------------------------------------- log, rng */

static void ratelimit_burst_then_interval(void)
{
	struct sct_ratelimit rl = SCT_RATELIMIT_INIT(1000, 3);
	int ok = 0, i;

	for (i = 0; i < 10; i++)
		ok += sct_ratelimit_ok(&rl, 10);
	CU_ASSERT_EQUAL(ok, 3);
	CU_ASSERT_EQUAL(rl.suppressed, 7);
	CU_ASSERT_TRUE(sct_ratelimit_ok(&rl, 1010));
	CU_ASSERT_FALSE(sct_ratelimit_ok(&rl, 1011));
}

static void rng_seeded_is_reproducible(void)
{
	struct sct_rng r1, r2;
	struct sct_rng_seeded s1, s2;
	int i, same = 1;

	sct_rng_seeded_init(&r1, &s1, 42);
	sct_rng_seeded_init(&r2, &s2, 42);
	for (i = 0; i < 100; i++)
		same &= sct_rng_u32(&r1) == sct_rng_u32(&r2);
	CU_ASSERT_TRUE(same);
	sct_rng_seeded_init(&r2, &s2, 43);
	CU_ASSERT_NOT_EQUAL(sct_rng_u32(&r1), sct_rng_u32(&r2));
	CU_ASSERT_NOT_EQUAL(sct_rng_nonzero_u32(&r1), 0);
}

/* ---------------------------------------------------------------- hash map */

struct item {
	struct sct_hnode node;
	uint32_t key;
};

static struct item *find(struct sct_hmap *h, uint32_t key)
{
	struct sct_hnode *n;

	for (n = sct_hmap_first(h, key * 2654435761u); n; n = sct_hmap_next(n)) {
		struct item *it = sct_container_of(n, struct item, node);

		if (it->key == key)
			return it;
	}
	return NULL;
}

static void hmap_insert_find_remove_grow(void)
{
	enum { N = 5000 };
	struct sct_hmap h;
	struct item *items = calloc(N, sizeof(*items));
	uint32_t i, found = 0;

	CU_ASSERT_PTR_NOT_NULL_FATAL(items);
	CU_ASSERT_EQUAL_FATAL(sct_hmap_init(&h, 4), 0);
	for (i = 0; i < N; i++) {
		items[i].key = i;
		sct_hmap_insert(&h, &items[i].node, i * 2654435761u);
	}
	CU_ASSERT_EQUAL(h.n, N);
	CU_ASSERT_TRUE(h.mask + 1 >= N); /* grew */
	for (i = 0; i < N; i++)
		found += find(&h, i) == &items[i];
	CU_ASSERT_EQUAL(found, N);
	CU_ASSERT_PTR_NULL(find(&h, N + 1));
	for (i = 0; i < N; i += 2)
		CU_ASSERT_TRUE(sct_hmap_remove(&h, &items[i].node));
	CU_ASSERT_FALSE(sct_hmap_remove(&h, &items[0].node));
	CU_ASSERT_EQUAL(h.n, N / 2);
	CU_ASSERT_PTR_NULL(find(&h, 10));
	CU_ASSERT_PTR_EQUAL(find(&h, 11), &items[11]);
	sct_hmap_free(&h);
	free(items);
}

/* Colliding hashes share a chain; lookups still find each by key. */
static void hmap_same_hash_chain(void)
{
	struct sct_hmap h;
	struct item a = {.key = 1}, b = {.key = 2};
	struct sct_hnode *n;
	int count = 0;

	CU_ASSERT_EQUAL_FATAL(sct_hmap_init(&h, 8), 0);
	sct_hmap_insert(&h, &a.node, 77);
	sct_hmap_insert(&h, &b.node, 77);
	for (n = sct_hmap_first(&h, 77); n; n = sct_hmap_next(n))
		count++;
	CU_ASSERT_EQUAL(count, 2);
	CU_ASSERT_PTR_NULL(sct_hmap_first(&h, 78));
	sct_hmap_free(&h);
}

static const struct sct_test hmap_tests[] = {
	SCT_TEST(hmap_insert_find_remove_grow),
	SCT_TEST(hmap_same_hash_chain),
	SCT_TEST_END,
};

static const struct sct_test misc_tests[] = {
	SCT_TEST(ratelimit_burst_then_interval),
	SCT_TEST(rng_seeded_is_reproducible),
	SCT_TEST_END,
};

SCT_TEST_MAIN(cursor_tests, addr_tests, crc_tests, csum_tests, hmap_tests, misc_tests)
