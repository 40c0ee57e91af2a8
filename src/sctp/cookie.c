/* SPDX-License-Identifier: MIT */
/* cookie.c: State Cookie encoding and HMAC-SHA256 authentication (nettle). */
#include "sctp/cookie.h"

#include <errno.h>
#include <nettle/hmac.h>
#include <nettle/memops.h>
#include <string.h>

/* Layout version, first byte of every cookie; bump when the layout changes. */
#define COOKIE_VERSION 1

void sct_cookie_keys_init(struct sct_cookie_keys *k, const struct sct_rng *rng, sct_time_t now)
{
	memset(k, 0, sizeof(*k));
	rng->fill(rng->ctx, k->cur, sizeof(k->cur));
	k->cur_id = 1;
	k->cur_since = now;
}

bool sct_cookie_keys_rotate(struct sct_cookie_keys *k, const struct sct_rng *rng, sct_time_t now,
			    sct_time_t lifetime)
{
	if (now - k->cur_since < lifetime)
		return false;
	memcpy(k->prev, k->cur, sizeof(k->prev));
	k->prev_id = k->cur_id;
	k->have_prev = true;
	rng->fill(rng->ctx, k->cur, sizeof(k->cur));
	k->cur_id = (uint8_t)(k->cur_id + 1);
	if (k->cur_id == 0)
		k->cur_id = 1;
	k->cur_since = now;
	return true;
}

static void mac(const uint8_t *key, const uint8_t *p, size_t len, uint8_t out[SCT_COOKIE_MAC_LEN])
{
	struct hmac_sha256_ctx ctx;

	hmac_sha256_set_key(&ctx, SCT_COOKIE_KEY_LEN, key);
	hmac_sha256_update(&ctx, len, p);
	hmac_sha256_digest(&ctx, SCT_COOKIE_MAC_LEN, out);
}

static void write_addr(struct sct_wr *w, const struct sct_addr *a)
{
	sct_wr_u8(w, a->af);
	sct_wr_u32(w, a->scope);
	sct_wr_bytes(w, a->b, 16);
}

static void read_addr(struct sct_rd *r, struct sct_addr *a)
{
	uint8_t af = sct_rd_u8(r);
	uint32_t scope = sct_rd_u32(r);
	uint8_t b[16];

	sct_rd_copy(r, b, 16);
	if (af == SCT_AF_INET4)
		sct_addr_v4(a, b);
	else if (af == SCT_AF_INET6)
		sct_addr_v6(a, b);
	else
		r->err = true;
	a->scope = scope;
}

int sct_cookie_write(struct sct_wr *w, const struct sct_cookie_keys *k, const struct sct_cookie *c)
{
	size_t start = w->off;
	uint8_t *m;

	if (c->peer_params_len > SCT_COOKIE_MAX_PEER_PARAMS)
		return -E2BIG;
	sct_wr_u8(w, COOKIE_VERSION);
	sct_wr_u8(w, k->cur_id);
	sct_wr_u64(w, c->created);
	sct_wr_u32(w, c->lifespan_ms);
	sct_wr_u32(w, c->my_vtag);
	sct_wr_u32(w, c->peer_vtag);
	sct_wr_u32(w, c->my_itsn);
	sct_wr_u32(w, c->peer_itsn);
	sct_wr_u32(w, c->my_tie_tag);
	sct_wr_u32(w, c->peer_tie_tag);
	sct_wr_u32(w, c->peer_rwnd);
	sct_wr_u16(w, c->local_port);
	sct_wr_u16(w, c->peer_port);
	sct_wr_u16(w, c->peer_os);
	sct_wr_u16(w, c->peer_mis);
	sct_wr_u16(w, c->my_os);
	sct_wr_u16(w, c->my_mis);
	sct_wr_u32(w, c->flags);
	write_addr(w, &c->local_addr);
	write_addr(w, &c->peer_addr);
	sct_wr_u16(w, c->udp_port);
	sct_wr_u16(w, (uint16_t)c->peer_params_len);
	sct_wr_bytes(w, c->peer_params, c->peer_params_len);
	m = sct_wr_reserve(w, SCT_COOKIE_MAC_LEN);
	if (w->err || !m)
		return -ENOSPC;
	mac(k->cur, w->buf + start, (size_t)(m - (w->buf + start)), m);
	return (int)(w->off - start);
}

int sct_cookie_read(const uint8_t *p, size_t len, const struct sct_cookie_keys *k, sct_time_t now,
		    struct sct_cookie *c, uint64_t *staleness_us)
{
	uint8_t want[SCT_COOKIE_MAC_LEN];
	const uint8_t *key;
	struct sct_rd r;
	uint8_t id;
	uint16_t plen;
	sct_time_t expires;

	if (len < 2 + SCT_COOKIE_MAC_LEN || p[0] != COOKIE_VERSION)
		return -EBADMSG;
	/* RFC 9260 5.1.5 step 1: authenticate before believing anything in it */
	id = p[1];
	if (id == k->cur_id)
		key = k->cur;
	else if (k->have_prev && id == k->prev_id)
		key = k->prev;
	else
		return -EBADMSG;
	mac(key, p, len - SCT_COOKIE_MAC_LEN, want);
	if (!memeql_sec(want, p + len - SCT_COOKIE_MAC_LEN, SCT_COOKIE_MAC_LEN))
		return -EBADMSG;

	r = sct_rd_init(p, len - SCT_COOKIE_MAC_LEN);
	sct_rd_skip(&r, 2);
	memset(c, 0, sizeof(*c));
	c->created = sct_rd_u64(&r);
	c->lifespan_ms = sct_rd_u32(&r);
	c->my_vtag = sct_rd_u32(&r);
	c->peer_vtag = sct_rd_u32(&r);
	c->my_itsn = sct_rd_u32(&r);
	c->peer_itsn = sct_rd_u32(&r);
	c->my_tie_tag = sct_rd_u32(&r);
	c->peer_tie_tag = sct_rd_u32(&r);
	c->peer_rwnd = sct_rd_u32(&r);
	c->local_port = sct_rd_u16(&r);
	c->peer_port = sct_rd_u16(&r);
	c->peer_os = sct_rd_u16(&r);
	c->peer_mis = sct_rd_u16(&r);
	c->my_os = sct_rd_u16(&r);
	c->my_mis = sct_rd_u16(&r);
	c->flags = sct_rd_u32(&r);
	read_addr(&r, &c->local_addr);
	read_addr(&r, &c->peer_addr);
	c->udp_port = sct_rd_u16(&r);
	plen = sct_rd_u16(&r);
	c->peer_params = sct_rd_bytes(&r, plen);
	c->peer_params_len = plen;
	if (r.err || sct_rd_left(&r) != 0)
		return -EBADMSG;

	/* step 3: the lifespan, measured from creation */
	expires = c->created + (sct_time_t)c->lifespan_ms * SCT_NSEC_PER_MSEC;
	if (now > expires) {
		if (staleness_us)
			*staleness_us = (now - expires) / SCT_NSEC_PER_USEC;
		return -ESTALE;
	}
	return 0;
}
