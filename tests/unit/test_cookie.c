/* SPDX-License-Identifier: MIT */
/* test_cookie.c: State Cookie: HMAC, tampering, staleness, key rotation (RFC 9260 5.1.3, 5.1.5). */
#include "harness.h"

#include <errno.h>
#include <string.h>

#include "common/rng.h"
#include "sctp/cookie.h"

static struct sct_rng rng;
static struct sct_rng_seeded rng_state;

static void sample(struct sct_cookie *c, const uint8_t *params, size_t plen)
{
	memset(c, 0, sizeof(*c));
	c->created = 5 * SCT_NSEC_PER_SEC;
	c->lifespan_ms = 60000;
	c->my_vtag = 0x11111111;
	c->peer_vtag = 0x22222222;
	c->my_itsn = 100;
	c->peer_itsn = 200;
	c->peer_rwnd = 65536;
	c->local_port = 5000;
	c->peer_port = 6000;
	c->peer_os = 10;
	c->peer_mis = 20;
	c->my_os = 30;
	c->my_mis = 40;
	c->flags = SCT_COOKIE_F_ECN;
	sct_addr_parse(&c->local_addr, "10.0.0.1");
	sct_addr_parse(&c->peer_addr, "2001:db8::2");
	c->peer_params = params;
	c->peer_params_len = plen;
}

static void cookie_round_trip(void)
{
	struct sct_cookie_keys k;
	struct sct_cookie c, d;
	uint8_t params[8] = {0, 5, 0, 8, 10, 0, 0, 1}, buf[SCT_COOKIE_MAX_LEN];
	struct sct_wr w = sct_wr_init(buf, sizeof(buf));
	int n;

	sct_rng_seeded_init(&rng, &rng_state, 1);
	sct_cookie_keys_init(&k, &rng, 0);
	sample(&c, params, sizeof(params));
	n = sct_cookie_write(&w, &k, &c);
	CU_ASSERT_TRUE_FATAL(n > 0);
	CU_ASSERT_EQUAL(sct_cookie_read(buf, (size_t)n, &k, c.created + 1, &d, NULL), 0);
	CU_ASSERT_EQUAL(d.my_vtag, c.my_vtag);
	CU_ASSERT_EQUAL(d.peer_vtag, c.peer_vtag);
	CU_ASSERT_EQUAL(d.my_itsn, 100);
	CU_ASSERT_EQUAL(d.peer_itsn, 200);
	CU_ASSERT_EQUAL(d.peer_port, 6000);
	CU_ASSERT_EQUAL(d.my_mis, 40);
	CU_ASSERT_EQUAL(d.flags, SCT_COOKIE_F_ECN);
	CU_ASSERT_TRUE(sct_addr_eq(&d.local_addr, &c.local_addr));
	CU_ASSERT_TRUE(sct_addr_eq(&d.peer_addr, &c.peer_addr));
	CU_ASSERT_EQUAL(d.peer_params_len, sizeof(params));
	SCT_ASSERT_BYTES(d.peer_params, params, sizeof(params));
}

/* RFC 9260 5.1.5 step 1: any changed byte makes the MAC fail. */
static void rfc9260_5_1_5_tampered_cookie_refused(void)
{
	struct sct_cookie_keys k;
	struct sct_cookie c, d;
	uint8_t buf[SCT_COOKIE_MAX_LEN];
	struct sct_wr w = sct_wr_init(buf, sizeof(buf));
	int n, i, refused = 0;

	sct_rng_seeded_init(&rng, &rng_state, 2);
	sct_cookie_keys_init(&k, &rng, 0);
	sample(&c, NULL, 0);
	n = sct_cookie_write(&w, &k, &c);
	CU_ASSERT_TRUE_FATAL(n > 0);
	for (i = 0; i < n; i++) {
		buf[i] ^= 0x40;
		refused += sct_cookie_read(buf, (size_t)n, &k, c.created, &d, NULL) == -EBADMSG;
		buf[i] ^= 0x40;
	}
	CU_ASSERT_EQUAL(refused, n);
	CU_ASSERT_EQUAL(sct_cookie_read(buf, (size_t)n - 1, &k, c.created, &d, NULL), -EBADMSG);
	CU_ASSERT_EQUAL(sct_cookie_read(buf, 3, &k, c.created, &d, NULL), -EBADMSG);
	/* a different key (another daemon, or forged) */
	sct_cookie_keys_init(&k, &rng, 0);
	CU_ASSERT_EQUAL(sct_cookie_read(buf, (size_t)n, &k, c.created, &d, NULL), -EBADMSG);
}

/* RFC 9260 5.1.5 step 3 and 3.3.10.3: expired cookies report their staleness in usec. */
static void rfc9260_5_1_5_stale_cookie_staleness(void)
{
	struct sct_cookie_keys k;
	struct sct_cookie c, d;
	uint8_t buf[SCT_COOKIE_MAX_LEN];
	struct sct_wr w = sct_wr_init(buf, sizeof(buf));
	uint64_t stale = 0;
	int n;

	sct_rng_seeded_init(&rng, &rng_state, 3);
	sct_cookie_keys_init(&k, &rng, 0);
	sample(&c, NULL, 0);
	n = sct_cookie_write(&w, &k, &c);
	CU_ASSERT_TRUE_FATAL(n > 0);
	CU_ASSERT_EQUAL(sct_cookie_read(buf, (size_t)n, &k, c.created + sct_ms(60000), &d, &stale),
			0);
	CU_ASSERT_EQUAL(sct_cookie_read(buf, (size_t)n, &k,
					c.created + sct_ms(60000) + 1500 * SCT_NSEC_PER_USEC, &d,
					&stale),
			-ESTALE);
	CU_ASSERT_EQUAL(stale, 1500);
}

/* A rotated key still accepts cookies of the previous key for one more lifetime. */
static void cookie_key_rotation_keeps_previous(void)
{
	struct sct_cookie_keys k;
	struct sct_cookie c, d;
	uint8_t buf[SCT_COOKIE_MAX_LEN];
	struct sct_wr w = sct_wr_init(buf, sizeof(buf));
	sct_time_t life = sct_ms(60000);
	int n;

	sct_rng_seeded_init(&rng, &rng_state, 4);
	sct_cookie_keys_init(&k, &rng, 0);
	CU_ASSERT_FALSE(sct_cookie_keys_rotate(&k, &rng, life - 1, life));
	sample(&c, NULL, 0);
	c.created = life - 1;
	n = sct_cookie_write(&w, &k, &c);
	CU_ASSERT_TRUE_FATAL(n > 0);
	CU_ASSERT_TRUE(sct_cookie_keys_rotate(&k, &rng, life, life));
	CU_ASSERT_EQUAL(sct_cookie_read(buf, (size_t)n, &k, life + 1, &d, NULL), 0);
	CU_ASSERT_TRUE(sct_cookie_keys_rotate(&k, &rng, 2 * life, life));
	/* two rotations later the key is gone: the cookie is no longer authentic */
	CU_ASSERT_EQUAL(sct_cookie_read(buf, (size_t)n, &k, 2 * life, &d, NULL), -EBADMSG);
}

static void cookie_params_bounded(void)
{
	static uint8_t big[SCT_COOKIE_MAX_PEER_PARAMS + 4];
	struct sct_cookie_keys k;
	struct sct_cookie c;
	uint8_t buf[SCT_COOKIE_MAX_LEN + 64];
	struct sct_wr w = sct_wr_init(buf, sizeof(buf));

	sct_rng_seeded_init(&rng, &rng_state, 5);
	sct_cookie_keys_init(&k, &rng, 0);
	sample(&c, big, sizeof(big));
	CU_ASSERT_EQUAL(sct_cookie_write(&w, &k, &c), -E2BIG);
	sample(&c, big, SCT_COOKIE_MAX_PEER_PARAMS);
	CU_ASSERT_TRUE(sct_cookie_write(&w, &k, &c) > 0);
	CU_ASSERT_TRUE(w.off <= SCT_COOKIE_MAX_LEN);
	w = sct_wr_init(buf, 40);
	CU_ASSERT_EQUAL(sct_cookie_write(&w, &k, &c), -ENOSPC);
}

static const struct sct_test cookie_tests[] = {
	SCT_TEST(cookie_round_trip),
	SCT_TEST(rfc9260_5_1_5_tampered_cookie_refused),
	SCT_TEST(rfc9260_5_1_5_stale_cookie_staleness),
	SCT_TEST(cookie_key_rotation_keeps_previous),
	SCT_TEST(cookie_params_bounded),
	SCT_TEST_END,
};

SCT_TEST_MAIN(cookie_tests)
