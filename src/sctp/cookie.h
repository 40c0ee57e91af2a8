/* SPDX-License-Identifier: MIT */
/* cookie.h: the State Cookie (RFC 9260 5.1.3, 5.1.5): contents, HMAC, key rotation. */
#ifndef SCT_SCTP_COOKIE_H
#define SCT_SCTP_COOKIE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "common/addr.h"
#include "common/cursor.h"
#include "common/rng.h"
#include "common/time.h"

#define SCT_COOKIE_KEY_LEN 32
#define SCT_COOKIE_MAC_LEN 32 /* HMAC-SHA256 */
/* The peer's INIT parameters are carried in the cookie up to this size. */
#define SCT_COOKIE_MAX_PEER_PARAMS 2048
/* Largest cookie sct_cookie_write() produces. */
#define SCT_COOKIE_MAX_LEN (96 + 2 * 24 + SCT_COOKIE_MAX_PEER_PARAMS + SCT_COOKIE_MAC_LEN)

/*
 * Everything an endpoint needs to create the association when the COOKIE ECHO
 * comes back, so that an INIT leaves no state behind (RFC 9260 5.1.3).
 */
struct sct_cookie {
	sct_time_t created;   /* when the INIT ACK was built */
	uint32_t lifespan_ms; /* Valid.Cookie.Life, plus any preservative granted */
	uint32_t my_vtag;     /* the Initiate Tag of our INIT ACK */
	uint32_t peer_vtag;   /* the Initiate Tag of the peer's INIT */
	uint32_t my_itsn;     /* our Initial TSN */
	uint32_t peer_itsn;   /* the peer's Initial TSN */
	uint32_t my_tie_tag;  /* RFC 9260 5.2.2: tie-tags, 0 when no association existed */
	uint32_t peer_tie_tag;
	uint32_t peer_rwnd; /* a_rwnd of the INIT */
	uint16_t local_port, peer_port;
	uint16_t peer_os, peer_mis; /* from the INIT */
	uint16_t my_os, my_mis;	    /* what our INIT ACK announced */
	uint32_t flags;		    /* SCT_COOKIE_F_* negotiated extensions */
	struct sct_addr local_addr; /* the INIT's destination address */
	struct sct_addr peer_addr;  /* the INIT's source address */
	uint16_t udp_port;	    /* RFC 6951: peer's UDP source port, 0 for raw IP */
	const uint8_t *peer_params; /* the INIT's parameters (points into the cookie on read) */
	size_t peer_params_len;
};

#define SCT_COOKIE_F_ECN       0x01
#define SCT_COOKIE_F_PRSCTP    0x02
#define SCT_COOKIE_F_RECONF    0x04
#define SCT_COOKIE_F_IDATA     0x08
#define SCT_COOKIE_F_ZERO_CSUM 0x10

/* Current and previous HMAC key; a key lives for one cookie lifetime. */
struct sct_cookie_keys {
	uint8_t cur[SCT_COOKIE_KEY_LEN];
	uint8_t prev[SCT_COOKIE_KEY_LEN];
	uint8_t cur_id, prev_id;
	bool have_prev;
	sct_time_t cur_since;
};

/** sct_cookie_keys_init() - draw the first key from @rng. */
void sct_cookie_keys_init(struct sct_cookie_keys *k, const struct sct_rng *rng, sct_time_t now);

/**
 * sct_cookie_keys_rotate() - replace the key once it has served @lifetime;
 * the previous key stays valid for one more lifetime, so that every cookie
 * issued under it can still come back before it expires.
 * Return: true when a new key was drawn.
 */
bool sct_cookie_keys_rotate(struct sct_cookie_keys *k, const struct sct_rng *rng, sct_time_t now,
			    sct_time_t lifetime);

/**
 * sct_cookie_write() - serialize @c, MAC it with the current key, append to @w.
 * Return: bytes written; -E2BIG when the peer parameters exceed
 * SCT_COOKIE_MAX_PEER_PARAMS; -ENOSPC when @w is too small.
 */
int sct_cookie_write(struct sct_wr *w, const struct sct_cookie_keys *k, const struct sct_cookie *c);

/**
 * sct_cookie_read() - authenticate and decode a State Cookie (RFC 9260 5.1.5 steps 1-3).
 * @staleness_us: set when the cookie expired: how long ago, in microseconds.
 *
 * The MAC is checked first, with the key the cookie names (current or
 * previous), in constant time; only then is its lifetime checked.
 *
 * Return: 0; -EBADMSG when malformed or the MAC does not match (discard
 * silently); -ESTALE when authentic but expired (answer "Stale Cookie").
 */
int sct_cookie_read(const uint8_t *p, size_t len, const struct sct_cookie_keys *k, sct_time_t now,
		    struct sct_cookie *c, uint64_t *staleness_us);

#endif /* SCT_SCTP_COOKIE_H */
