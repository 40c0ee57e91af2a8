/* SPDX-License-Identifier: MIT */
/* reasm.c: IPv4 (RFC 791) and IPv6 (RFC 8200 4.5) fragment reassembly. */

/*
 * Theory of operation
 *
 * A datagram being reassembled is a struct dgram, found through a hash table
 * keyed by (src, dst, id, proto) for IPv4 (RFC 791 3.2) and (src, dst, id) for
 * IPv6 (RFC 8200 4.5).  The table has a fixed number of buckets (a power of two
 * at least as large as datagrams_max) and a secret seed, so a lookup is O(1)
 * even when a flood fills it.  Each datagram keeps its fragments as copies in
 * a list sorted by offset; with at most frags_max of them a walk is cheap, and
 * keeping them whole (not merged) lets an exact duplicate be recognised.
 *
 * Overlaps.  RFC 5722 section 4: when a fragment overlaps another of the same
 * datagram, the whole datagram and "any constituent fragments, including those
 * not yet received" are silently discarded.  RFC 8200 4.5 later allows exact
 * duplicates (fragments duplicated by the network) to be dropped alone while
 * the datagram is kept; we do that, and call a fragment an exact duplicate only
 * when offset, length, M flag and every byte match, since a "duplicate" whose
 * bytes differ is exactly the rewrite that RFC 5722 forbids.  IPv4 gets the
 * same rule: RFC 791 allows overlaps, but overlapping IPv4 fragments are the
 * teardrop / firewall-evasion class of attack (RFC 1858, RFC 3128) and modern
 * stacks (Linux since 4.19) discard such datagrams too; no sender that follows
 * RFC 791's own fragmentation procedure produces them.
 *
 * Discarded datagrams.  A datagram discarded for an overlap, a size over 65535,
 * a contradictory end, or a limit keeps its struct (its fragments are freed)
 * until its timeout, marked dead, so that its late fragments are dropped
 * (SCT_WE_FRAG_DISCARDED) instead of starting a new datagram that could never
 * complete and would hold memory until the timeout anyway.
 *
 * Timeouts.  A datagram's deadline is the arrival of its first fragment plus
 * the timeout of its family (RFC 8200 4.5 counts from "the first-arriving
 * fragment").  Since the timeout is constant per family and time never goes
 * backwards (we clamp it), the deadlines in each family are in creation
 * order: two FIFO lists, one per family, give the next expiry and the expired
 * datagrams in O(1) each, without a heap.  A lookup ignores a datagram whose
 * deadline has passed, so a late fragment never completes an abandoned
 * datagram even if the caller runs sct_reasm_expire() late; the expired one
 * stays until sct_reasm_expire() reports it.
 *
 * Limits.  When a new datagram would exceed datagrams_max or mem_max, its
 * fragment is dropped (SCT_WE_FRAG_LIMIT); we do not evict older datagrams.
 * Linux did evict (an evictor worker between low and high thresholds) but
 * since 4.17 drops new fragments above ipfrag_high_thresh instead, after
 * FragmentSmack (CVE-2018-5391) showed that evicting costs work per attacker
 * packet and lets cheap junk fragments flush every legitimate datagram in
 * progress.  Dropping makes the work per fragment O(1) and the table
 * recovers by timeouts.  When a fragment of an existing datagram meets
 * frags_max or mem_max, the datagram is discarded: it can no longer complete
 * (fragments never overlap, so it needs more fragments than the limit, and IP
 * does not retransmit the one we refused), and freeing it returns memory.
 *
 * Memory accounting charges each fragment sizeof(struct frag) plus its data,
 * and each datagram (dead or alive) sizeof(struct dgram), which includes the
 * quote kept for ICMP.  The charge never exceeds mem_max: every check happens
 * before the allocation it pays for.
 */
#include "ip/reasm.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "wire/wire_err.h"

/* Largest IPv4 Total Length / IPv6 Payload Length (RFC 791, RFC 8200 4.5). */
#define REASM_IP_MAX 65535u
#define IPV4_HDR_MIN 20u
/* IPv6 fixed header + Fragment header: not part of the Payload Length limit. */
#define IPV6_FIXED_AND_FRAG 48u

struct frag {
	struct frag *next; /* sorted by offset */
	uint32_t off;
	uint32_t len;
	bool more;
	uint8_t data[];
};

struct dgram {
	struct dgram *hnext; /* hash chain */
	struct dgram **hpprev;
	struct dgram *tnext; /* timer FIFO of its family */
	struct dgram *tprev;
	/* key */
	struct sct_addr src;
	struct sct_addr dst;
	uint32_t id;
	uint8_t af;
	uint8_t key_proto; /* IPv4 Protocol; 0 for IPv6 (not in its key) */
	/* state */
	uint8_t proto; /* of the offset-zero fragment */
	bool dead;     /* discarded: drop late fragments until the deadline */
	bool has_first;
	bool has_last;
	sct_time_t deadline;
	uint32_t end;	   /* valid when has_last */
	uint32_t max_end;  /* largest offset + len held */
	uint32_t received; /* bytes held; no overlaps, so end == received means done */
	uint32_t nfrags;
	uint32_t ovh; /* header bytes that count against 65535 (see frag_ovh) */
	struct frag *frags;
	uint16_t quote_len;
	uint16_t hdr_len;
	uint8_t quote[SCT_REASM_QUOTE_MAX];
};

struct fifo {
	struct dgram *head;
	struct dgram *tail;
};

struct sct_reasm {
	struct sct_reasm_limits lim;
	struct dgram **buckets;
	uint32_t mask; /* buckets - 1 */
	size_t mem;
	size_t count;
	struct fifo timers[2]; /* [0] IPv4, [1] IPv6 */
	sct_time_t now;	       /* latest time seen: time never goes backwards */
	uint8_t *out_buf;
	size_t out_cap;
	struct sct_reasm_stats st;
};

static size_t frag_cost(size_t len)
{
	return sizeof(struct frag) + len;
}

static int fam(uint8_t af)
{
	return af == SCT_AF_INET6;
}

/* Header bytes the reassembled packet will carry that count toward 65535:
 * the IPv4 header (Total Length includes it, RFC 791), or the IPv6
 * per-fragment extension headers (Payload Length includes them, RFC 8200 4.5
 * "PL.orig = PL.first - FL.first - 8 + ..."). */
static uint32_t min_ovh(uint8_t af)
{
	return af == SCT_AF_INET4 ? IPV4_HDR_MIN : 0;
}

static uint32_t frag_ovh(const struct sct_frag *f)
{
	if (!f->hdr)
		return min_ovh(f->af);
	if (f->af == SCT_AF_INET4)
		return f->hdr_len > IPV4_HDR_MIN ? (uint32_t)f->hdr_len : IPV4_HDR_MIN;
	return f->hdr_len > IPV6_FIXED_AND_FRAG ? (uint32_t)(f->hdr_len - IPV6_FIXED_AND_FRAG) : 0;
}

static uint32_t fmix32(uint32_t h)
{
	h ^= h >> 16;
	h *= 0x85ebca6bu;
	h ^= h >> 13;
	h *= 0xc2b2ae35u;
	h ^= h >> 16;
	return h;
}

static uint32_t key_hash(const struct sct_reasm *r, uint8_t af, const struct sct_addr *src,
			 const struct sct_addr *dst, uint32_t id, uint8_t key_proto)
{
	uint32_t seed = r->lim.hash_seed;
	uint32_t h = sct_addr_hash(src, seed);

	h = fmix32(h ^ sct_addr_hash(dst, seed ^ 0x9e3779b9u));
	h = fmix32(h ^ id);
	h = fmix32(h ^ ((uint32_t)af << 8 | key_proto) ^ seed);
	return h;
}

static struct dgram **bucket_of(struct sct_reasm *r, uint8_t af, const struct sct_addr *src,
				const struct sct_addr *dst, uint32_t id, uint8_t key_proto)
{
	return &r->buckets[key_hash(r, af, src, dst, id, key_proto) & r->mask];
}

/* The live (deadline not passed) datagram of this key, dead ones included. */
static struct dgram *lookup(struct sct_reasm *r, const struct sct_frag *f, uint8_t key_proto)
{
	struct dgram *d = *bucket_of(r, f->af, &f->src, &f->dst, f->id, key_proto);

	for (; d; d = d->hnext)
		if (d->id == f->id && d->af == f->af && d->key_proto == key_proto &&
		    d->deadline > r->now && sct_addr_eq(&d->src, &f->src) &&
		    sct_addr_eq(&d->dst, &f->dst))
			return d;
	return NULL;
}

static void free_frags(struct sct_reasm *r, struct dgram *d)
{
	struct frag *fr = d->frags, *next;

	for (; fr; fr = next) {
		next = fr->next;
		r->mem -= frag_cost(fr->len);
		free(fr);
	}
	d->frags = NULL;
	d->nfrags = 0;
	d->received = 0;
}

/* Unlink and free a datagram. */
static void dgram_free(struct sct_reasm *r, struct dgram *d)
{
	struct fifo *q = &r->timers[fam(d->af)];

	*d->hpprev = d->hnext;
	if (d->hnext)
		d->hnext->hpprev = d->hpprev;
	if (d->tprev)
		d->tprev->tnext = d->tnext;
	else
		q->head = d->tnext;
	if (d->tnext)
		d->tnext->tprev = d->tprev;
	else
		q->tail = d->tprev;
	free_frags(r, d);
	r->mem -= sizeof(*d);
	r->count--;
	free(d);
}

/* Discard a datagram but keep it, dead, until its deadline (RFC 5722 4). */
static int dgram_kill(struct sct_reasm *r, struct dgram *d, int err)
{
	free_frags(r, d);
	d->dead = true;
	r->st.fails++;
	return err;
}

static int refuse(struct sct_reasm *r, uint64_t *counter, int err)
{
	(*counter)++;
	r->st.fails++;
	return err;
}

static struct dgram *dgram_new(struct sct_reasm *r, const struct sct_frag *f, uint8_t key_proto)
{
	struct dgram *d = calloc(1, sizeof(*d));
	struct dgram **b;
	struct fifo *q;

	if (!d)
		return NULL;
	d->src = f->src;
	d->dst = f->dst;
	d->id = f->id;
	d->af = f->af;
	d->key_proto = key_proto;
	d->proto = f->proto;
	d->ovh = min_ovh(f->af);
	d->deadline = r->now + (f->af == SCT_AF_INET4 ? r->lim.timeout_v4 : r->lim.timeout_v6);
	if (d->deadline < r->now)
		d->deadline = SCT_TIME_NEVER - 1;

	b = bucket_of(r, f->af, &f->src, &f->dst, f->id, key_proto);
	d->hnext = *b;
	if (*b)
		(*b)->hpprev = &d->hnext;
	d->hpprev = b;
	*b = d;

	q = &r->timers[fam(f->af)];
	d->tprev = q->tail;
	if (q->tail)
		q->tail->tnext = d;
	else
		q->head = d;
	q->tail = d;

	r->mem += sizeof(*d);
	r->count++;
	return d;
}

void sct_reasm_limits_default(struct sct_reasm_limits *l)
{
	memset(l, 0, sizeof(*l));
	l->mem_max = SCT_REASM_MEM_MAX_DEFAULT;
	l->datagrams_max = SCT_REASM_DATAGRAMS_MAX_DEFAULT;
	l->frags_max = SCT_REASM_FRAGS_MAX_DEFAULT;
	l->timeout_v4 = SCT_REASM_TIMEOUT_V4_DEFAULT;
	l->timeout_v6 = SCT_REASM_TIMEOUT_V6_DEFAULT;
}

int sct_reasm_create(struct sct_reasm **rp, const struct sct_reasm_limits *l)
{
	struct sct_reasm *r;
	uint32_t n = 16;

	*rp = NULL;
	if (!l->mem_max || !l->datagrams_max || !l->frags_max || !l->timeout_v4 || !l->timeout_v6 ||
	    l->datagrams_max > (1u << 24))
		return -EINVAL;
	while (n < l->datagrams_max)
		n <<= 1;
	r = calloc(1, sizeof(*r));
	if (!r)
		return -ENOMEM;
	r->buckets = calloc(n, sizeof(*r->buckets));
	if (!r->buckets) {
		free(r);
		return -ENOMEM;
	}
	r->lim = *l;
	r->mask = n - 1;
	*rp = r;
	return 0;
}

void sct_reasm_destroy(struct sct_reasm *r)
{
	int i;

	if (!r)
		return;
	for (i = 0; i < 2; i++)
		while (r->timers[i].head)
			dgram_free(r, r->timers[i].head);
	free(r->buckets);
	free(r->out_buf);
	free(r);
}

/* Copy the datagram out, in offset order, and free it. */
static int dgram_complete(struct sct_reasm *r, struct dgram *d, struct sct_reasm_out *out)
{
	struct frag *fr;
	size_t pos = 0;

	if (r->out_cap < d->end) {
		uint8_t *b = realloc(r->out_buf, d->end);

		if (!b) {
			dgram_free(r, d);
			r->st.fails++;
			return -ENOMEM;
		}
		r->out_buf = b;
		r->out_cap = d->end;
	}
	for (fr = d->frags; fr; fr = fr->next) {
		memcpy(r->out_buf + pos, fr->data, fr->len);
		pos += fr->len;
	}
	memset(out, 0, sizeof(*out));
	out->af = d->af;
	out->src = d->src;
	out->dst = d->dst;
	out->id = d->id;
	out->proto = d->proto;
	out->data = r->out_buf;
	out->len = d->end;
	dgram_free(r, d);
	r->st.oks++;
	return 1;
}

/* RFC 6946 / RFC 8200 4.5: offset 0 and M clear is a whole datagram, processed
 * on its own and never mixed with a queue of the same key. */
static int atomic_fragment(struct sct_reasm *r, const struct sct_frag *f, struct sct_reasm_out *out)
{
	memset(out, 0, sizeof(*out));
	out->af = f->af;
	out->src = f->src;
	out->dst = f->dst;
	out->id = f->id;
	out->proto = f->proto;
	out->atomic = true;
	out->data = f->data;
	out->len = f->len;
	r->st.atomic++;
	r->st.oks++;
	return 1;
}

/*
 * Checks of a fragment against a datagram that already has fragments
 * (RFC 8200 4.5 error conditions, RFC 5722 4).  On failure the datagram is
 * discarded.  Returns 1 for an exact duplicate, 0 to insert after *prevp.
 */
static int check_fit(struct sct_reasm *r, struct dgram *d, const struct sct_frag *f, uint32_t end,
		     struct frag **prevp)
{
	uint32_t ovh = f->offset == 0 ? frag_ovh(f) : d->ovh;
	struct frag *h, *prev = NULL;

	if (!f->more) {
		/* a second last fragment with another end, or data already past it */
		if ((d->has_last && end != d->end) || end < d->max_end) {
			r->st.inconsistent++;
			return dgram_kill(r, d, SCT_WE_FRAG_INCONSISTENT);
		}
	} else if (d->has_last && end >= d->end) {
		/* "more follows" but the datagram already ends here */
		r->st.inconsistent++;
		return dgram_kill(r, d, SCT_WE_FRAG_INCONSISTENT);
	}
	if ((uint64_t)(end > d->max_end ? end : d->max_end) + ovh > REASM_IP_MAX) {
		r->st.too_big++;
		return dgram_kill(r, d, SCT_WE_FRAG_TOO_BIG);
	}
	for (h = d->frags; h; h = h->next) {
		if (h->off == f->offset && h->len == f->len) {
			if (h->more == f->more && memcmp(h->data, f->data, f->len) == 0)
				return 1;
		} else if (!(h->off < end && f->offset < h->off + h->len)) {
			if (h->off < f->offset)
				prev = h;
			continue;
		}
		r->st.overlaps++;
		return dgram_kill(r, d, SCT_WE_FRAG_OVERLAP);
	}
	if (d->nfrags >= r->lim.frags_max || r->mem + frag_cost(f->len) > r->lim.mem_max) {
		r->st.limit++;
		return dgram_kill(r, d, SCT_WE_FRAG_LIMIT);
	}
	*prevp = prev;
	return 0;
}

int sct_reasm_input(struct sct_reasm *r, const struct sct_frag *f, sct_time_t now,
		    struct sct_reasm_out *out)
{
	uint8_t key_proto;
	struct dgram *d;
	struct frag *fr, *prev = NULL;
	uint64_t end64;
	uint32_t end;
	int rc;

	if ((f->af != SCT_AF_INET4 && f->af != SCT_AF_INET6) || f->offset % 8)
		return -EINVAL;
	if (now > r->now)
		r->now = now;
	r->st.reqds++;
	if (f->offset == 0 && !f->more)
		return atomic_fragment(r, f, out);
	if (f->len == 0)
		return refuse(r, &r->st.empty, SCT_WE_FRAG_EMPTY);
	/* RFC 8200 4.5: "not a multiple of 8 octets and the M flag ... is 1" */
	if (f->more && f->len % 8)
		return refuse(r, &r->st.bad_len, SCT_WE_FRAG_BAD_LEN);

	end64 = (uint64_t)f->offset + f->len;
	key_proto = f->af == SCT_AF_INET4 ? f->proto : 0;
	d = lookup(r, f, key_proto);
	if (d && d->dead)
		return refuse(r, &r->st.discarded, SCT_WE_FRAG_DISCARDED);
	if (!d) {
		uint32_t ovh = f->offset == 0 ? frag_ovh(f) : min_ovh(f->af);

		if (end64 + ovh > REASM_IP_MAX)
			return refuse(r, &r->st.too_big, SCT_WE_FRAG_TOO_BIG);
		if (r->count >= r->lim.datagrams_max ||
		    r->mem + sizeof(*d) + frag_cost(f->len) > r->lim.mem_max)
			return refuse(r, &r->st.limit, SCT_WE_FRAG_LIMIT);
		d = dgram_new(r, f, key_proto);
		if (!d)
			return -ENOMEM;
	}
	/* clamped: anything past 65535 fails check_fit's size test */
	end = end64 > REASM_IP_MAX ? REASM_IP_MAX + 1 : (uint32_t)end64;
	if (d->nfrags) {
		rc = check_fit(r, d, f, end, &prev);
		if (rc == 1) {
			r->st.duplicates++;
			return 0;
		}
		if (rc < 0)
			return rc;
	}

	fr = malloc(sizeof(*fr) + f->len);
	if (!fr) {
		if (!d->nfrags)
			dgram_free(r, d);
		return -ENOMEM;
	}
	fr->off = f->offset;
	fr->len = (uint32_t)f->len;
	fr->more = f->more;
	memcpy(fr->data, f->data, f->len);
	if (prev) {
		fr->next = prev->next;
		prev->next = fr;
	} else {
		fr->next = d->frags;
		d->frags = fr;
	}
	d->nfrags++;
	d->received += fr->len;
	r->mem += frag_cost(fr->len);
	if (end > d->max_end)
		d->max_end = end;

	if (f->offset == 0) {
		size_t h = f->hdr ? f->hdr_len : 0, q = 0;

		d->has_first = true;
		d->ovh = frag_ovh(f);
		d->proto = f->proto;
		d->hdr_len = h > UINT16_MAX ? UINT16_MAX : (uint16_t)h;
		if (h) {
			q = h < SCT_REASM_QUOTE_MAX ? h : SCT_REASM_QUOTE_MAX;
			memcpy(d->quote, f->hdr, q);
		}
		if (q < SCT_REASM_QUOTE_MAX) {
			size_t n =
			    SCT_REASM_QUOTE_MAX - q < f->len ? SCT_REASM_QUOTE_MAX - q : f->len;

			memcpy(d->quote + q, f->data, n);
			q += n;
		}
		d->quote_len = (uint16_t)q;
	}
	if (!f->more) {
		d->has_last = true;
		d->end = end;
	}
	if (d->has_last && d->received == d->end)
		return dgram_complete(r, d, out);
	return 0;
}

/*
 * The pending datagram with the earliest deadline (dead ones included).
 * clang-analyzer cannot follow that dgram_free() unlinks a datagram from the
 * timer list of its family (d->af), the one it was the head of, and reports
 * the next call in sct_reasm_expire()'s loop as a use after free.
 */
// NOLINTBEGIN(clang-analyzer-unix.Malloc)
static struct dgram *earliest(const struct sct_reasm *r)
{
	struct dgram *a = r->timers[0].head, *b = r->timers[1].head;

	if (!a)
		return b;
	if (!b)
		return a;
	return a->deadline <= b->deadline ? a : b;
}
// NOLINTEND(clang-analyzer-unix.Malloc)

size_t sct_reasm_expire(struct sct_reasm *r, sct_time_t now, struct sct_reasm_expired *exp,
			size_t n)
{
	struct dgram *d;
	size_t k = 0;

	if (now > r->now)
		r->now = now;
	if (!n)
		exp = NULL;
	while ((d = earliest(r)) && d->deadline <= r->now) {
		if (!d->dead && d->has_first && exp) {
			struct sct_reasm_expired *e = &exp[k];

			if (k == n)
				break;
			memset(e, 0, sizeof(*e));
			e->af = d->af;
			e->src = d->src;
			e->dst = d->dst;
			e->id = d->id;
			e->proto = d->proto;
			e->quote_len = d->quote_len;
			e->hdr_len = d->hdr_len;
			memcpy(e->quote, d->quote, d->quote_len);
			k++;
		}
		if (!d->dead) {
			r->st.timeouts++;
			r->st.fails++;
		}
		dgram_free(r, d);
	}
	return k;
}

sct_time_t sct_reasm_next_expiry(const struct sct_reasm *r)
{
	const struct dgram *d = earliest(r);

	return d ? d->deadline : SCT_TIME_NEVER;
}

const struct sct_reasm_stats *sct_reasm_stats(const struct sct_reasm *r)
{
	return &r->st;
}

size_t sct_reasm_mem(const struct sct_reasm *r)
{
	return r->mem;
}

size_t sct_reasm_pending(const struct sct_reasm *r)
{
	return r->count;
}

static int check_dgram(const struct sct_reasm *r, const struct dgram *d, size_t *mem)
{
	const struct frag *fr;
	uint32_t n = 0, rec = 0, max_end = 0, prev_end = 0;

	*mem += sizeof(*d);
	if (d->dead && d->frags)
		return -EFAULT;
	for (fr = d->frags; fr; fr = fr->next) {
		if (fr->off < prev_end || fr->len == 0 || (fr->more && fr->len % 8))
			return -EFAULT;
		prev_end = fr->off + fr->len;
		if (prev_end > max_end)
			max_end = prev_end;
		if (d->has_last && prev_end > d->end)
			return -EFAULT;
		if ((uint64_t)prev_end + d->ovh > REASM_IP_MAX)
			return -EFAULT;
		rec += fr->len;
		n++;
		*mem += frag_cost(fr->len);
	}
	if (n != d->nfrags || rec != d->received || (!d->dead && max_end != d->max_end) ||
	    n > r->lim.frags_max)
		return -EFAULT;
	if (d->has_last && d->received >= d->end && !d->dead)
		return -EFAULT; /* a complete datagram must not stay pending */
	return 0;
}

int sct_reasm_check(const struct sct_reasm *r)
{
	size_t mem = 0, count = 0, hashed = 0;
	uint32_t i;
	int q;

	for (q = 0; q < 2; q++) {
		const struct dgram *d, *prev = NULL;

		for (d = r->timers[q].head; d; prev = d, d = d->tnext) {
			if (d->tprev != prev || fam(d->af) != q)
				return -EFAULT;
			if (prev && prev->deadline > d->deadline)
				return -EFAULT;
			if (*d->hpprev != d)
				return -EFAULT;
			if (check_dgram(r, d, &mem))
				return -EFAULT;
			count++;
		}
		if (r->timers[q].tail != prev)
			return -EFAULT;
	}
	for (i = 0; i <= r->mask; i++) {
		const struct dgram *d;

		for (d = r->buckets[i]; d; d = d->hnext) {
			if ((key_hash(r, d->af, &d->src, &d->dst, d->id, d->key_proto) & r->mask) !=
			    i)
				return -EFAULT;
			hashed++;
		}
	}
	if (mem != r->mem || count != r->count || hashed != count)
		return -EFAULT;
	if (r->mem > r->lim.mem_max || r->count > r->lim.datagrams_max)
		return -EFAULT;
	return 0;
}
