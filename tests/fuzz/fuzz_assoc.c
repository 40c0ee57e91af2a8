/* SPDX-License-Identifier: MIT */
/* fuzz_assoc.c: libFuzzer target driving two whole stacks, A and Z, with a program of actions. */

/*
 * Theory of operation
 *
 * The input is a program for the A/Z harness (tests/unit/az.h).  Its first
 * byte holds flags (bit 0: collect every packet the stacks want to send
 * after each step; otherwise only the COLLECT and RUN steps do); then come
 * up to MAX_OPS steps, each an opcode byte (taken modulo OP_COUNT) followed
 * by that opcode's argument bytes (missing bytes read as 0):
 *
 *   CONNECT_A  cfg              A connects to Z (cfg: os, mis, attempts)
 *   CONNECT_Z  cfg              Z connects to A
 *   COLLECT                     pull every packet both stacks have queued
 *   DELIVER    k                deliver flight packet k % n
 *   RUN                         collect and deliver in order until quiet (bounded)
 *   DROP       k                lose flight packet k
 *   DUP        k                duplicate flight packet k
 *   SWAP       k j              exchange flight packets k and j
 *   MUTATE     k kind pos16 val fix
 *                               flip a bit, overwrite a byte, truncate, change
 *                               the vtag, a chunk's type/flags/length, or append
 *                               a chunk; when fix is odd the CRC32c is set
 *                               right so that the change reaches the state machine
 *   INJECT     dst tagsel n {type flags len bytes[len]}*n
 *                               a crafted packet (right ports unless dst says
 *                               otherwise, tag chosen from the live associations,
 *                               0, or the input) with 1-3 chunks; CRC good
 *   REPLAY     h                deliver again a copy of an earlier delivered packet
 *   ADVANCE    amt16            time moves by a chosen amount (ms to minutes)
 *   EXPIRE                      time moves to the next expiry of either stack
 *   SHUTDOWN   side idx         sct_assoc_shutdown of a known association
 *   ABORT      side idx len bytes[len]
 *   RELEASE    side idx
 *   EP_DESTROY side graceful    destroy that side's endpoint
 *   EP_CREATE  side             re-create it (same port; Z listens)
 *   LISTEN     side on
 *   RESTART_Z                   replace Z's stack by a fresh one (a restarted host)
 *
 * After every step the invariants below are checked and a violation
 * abort()s, so that the fuzzer finds state machine bugs and not only crashes:
 *
 *  - every packet a stack emits parses: sct_sctp_packet_check() >= 1, good
 *    CRC32c, every chunk of a known type parses with its codec;
 *  - its verification tag is 0 only for INIT (and for a T-bit ABORT or
 *    SHUTDOWN COMPLETE, which reflects the tag of the packet it answers,
 *    RFC 9260 8.4 steps 5 and 8, and that tag may have been 0), and an INIT
 *    always has tag 0 (8.5.1 A);
 *  - sct_assoc_status() reports a valid state for every association known;
 *    one that has ended is CLOSED;
 *  - an association that reported its final SCT_EV_ASSOC_CHANGE
 *    (COMM_LOST, SHUTDOWN_COMP, CANT_STR_ASSOC) reports no other event;
 *  - no event names an association the stack does not know, unless its
 *    final event is in the same batch (it was just closed and freed);
 *  - an association we did not release does not vanish without its final event;
 *  - sct_stack_next_expiry() is never before now.
 *
 * At the end both stacks are freed (LeakSanitizer checks the rest).
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/cursor.h"
#include "sctp/sctp.h"
#include "wire/chunk.h"
#include "wire/sctp.h"

#include "../unit/az.h"

#define MAX_OPS	    200
#define MAX_TRACK   64
#define MAX_HIST    16
#define MAX_RUN	    200
#define MAX_ELAPSED (30ull * 24 * 3600 * SCT_NSEC_PER_SEC)
#define MAX_BATCH   1024
#define INJECT_MAX  1024

enum op {
	OP_CONNECT_A,
	OP_CONNECT_Z,
	OP_COLLECT,
	OP_DELIVER,
	OP_RUN,
	OP_DROP,
	OP_DUP,
	OP_SWAP,
	OP_MUTATE,
	OP_INJECT,
	OP_REPLAY,
	OP_ADVANCE,
	OP_EXPIRE,
	OP_SHUTDOWN,
	OP_ABORT,
	OP_RELEASE,
	OP_EP_DESTROY,
	OP_EP_CREATE,
	OP_LISTEN,
	OP_RESTART_Z,
	OP_COUNT
};

/* an association id one side has shown us, and what we know of its life */
struct track {
	sct_assoc_id id;
	bool final;    /* its final SCT_EV_ASSOC_CHANGE was seen */
	bool released; /* we let go of it (release, endpoint destroyed) */
};

struct prog {
	const uint8_t *p;
	size_t len, off;
};

static struct az az;
static struct track tracks[2][MAX_TRACK];
static size_t n_tracks[2];
static struct az_pkt hist[MAX_HIST];
static size_t n_hist;
static sct_time_t t_start;
static uint64_t restarts;
static struct sct_event batch[MAX_BATCH];
static int verbose; /* FUZZ_ASSOC_VERBOSE=1: trace steps, packets and events on stderr */

static uint8_t rd8(struct prog *pr)
{
	return pr->off < pr->len ? pr->p[pr->off++] : 0;
}

static uint16_t rd16(struct prog *pr)
{
	uint16_t hi = rd8(pr);

	return (uint16_t)(hi << 8 | rd8(pr));
}

static struct track *track_find(int side, sct_assoc_id id)
{
	size_t i;

	for (i = 0; i < n_tracks[side]; i++)
		if (tracks[side][i].id == id)
			return &tracks[side][i];
	return NULL;
}

static struct track *track_add(int side, sct_assoc_id id)
{
	struct track *t = track_find(side, id);

	if (t || n_tracks[side] == MAX_TRACK)
		return t;
	t = &tracks[side][n_tracks[side]++];
	memset(t, 0, sizeof(*t));
	t->id = id;
	return t;
}

/* a known id of @side chosen by @idx; sometimes one that never existed */
static sct_assoc_id track_pick(int side, uint8_t idx)
{
	if (n_tracks[side] == 0 || idx >= 0xf0)
		return idx & 0x0f;
	return tracks[side][idx % n_tracks[side]].id;
}

/* ---------------------------------------------------------------- invariants */

static bool final_change(const struct sct_event *ev)
{
	return ev->type == SCT_EV_ASSOC_CHANGE && (ev->u.assoc_change.state == SCT_COMM_LOST ||
						   ev->u.assoc_change.state == SCT_SHUTDOWN_COMP ||
						   ev->u.assoc_change.state == SCT_CANT_STR_ASSOC);
}

static void check_packet(const struct az_pkt *p)
{
	struct sct_chunk_iter it;
	struct sct_chunk c, first = {0};
	union sct_chunk_any any;
	uint32_t vtag;
	int n, k = 0;

	if (p->len < SCT_SCTP_HDR_LEN + SCT_CHUNK_HDR_LEN)
		abort();
	n = sct_sctp_packet_check(p->buf, p->len);
	if (n < 1)
		abort();
	if (sct_sctp_crc_check(p->buf, p->len) != 0)
		abort();
	sct_chunk_iter_init(&it, p->buf, p->len);
	while (sct_chunk_next(&it, &c) == 1) {
		if (k == 0)
			first = c;
		if (sct_chunk_known(c.type) && sct_chunk_parse_any(&c, &any) != 0)
			abort();
		k++;
	}
	if (k != n)
		abort();
	vtag = sct_get_u32(p->buf + 4);
	if (first.type == SCT_CHUNK_INIT && vtag != 0)
		abort(); /* RFC 9260 8.5.1 A */
	if (vtag == 0 && first.type != SCT_CHUNK_INIT &&
	    !((first.type == SCT_CHUNK_ABORT || first.type == SCT_CHUNK_SHUTDOWN_COMPLETE) &&
	      (first.flags & 0x01)))
		abort();
}

/* collect and check every new packet */
static void collect(void)
{
	size_t from = az.n_flight, i;

	az_collect(&az);
	for (i = from; i < az.n_flight; i++) {
		if (verbose)
			fprintf(stderr, "  out %c: %zu bytes, vtag %08x, chunk %d\n",
				az.flight[i]->from ? 'Z' : 'A', az.flight[i]->len,
				sct_get_u32(az.flight[i]->buf + 4), az.flight[i]->buf[12]);
		check_packet(az.flight[i]);
	}
}

static void check_events(int side)
{
	size_t n = 0, i, j;
	struct sct_event ev;
	struct sct_assoc_status st;

	while (sct_stack_poll_event(az.st[side], &ev)) {
		if (n < MAX_BATCH)
			batch[n++] = ev;
	}
	for (i = 0; i < n; i++) {
		const struct sct_event *e = &batch[i];
		struct track *t = track_find(side, e->assoc);

		if (verbose)
			fprintf(stderr, "  event %c: type %u assoc %u state %u\n", side ? 'Z' : 'A',
				e->type, e->assoc, e->u.assoc_change.state);

		if (e->type < SCT_EV_ASSOC_CHANGE || e->type > SCT_EV_WRITABLE)
			abort();
		if (e->type == SCT_EV_ASSOC_CHANGE && e->u.assoc_change.state > SCT_CANT_STR_ASSOC)
			abort();
		if (e->assoc == 0)
			abort();
		if (t && t->final)
			abort(); /* an event after the final one */
		if (sct_assoc_status(az.st[side], e->assoc, &st) != 0) {
			/* gone: only if it was just closed, its final event in this batch */
			for (j = i; j < n; j++)
				if (batch[j].assoc == e->assoc && final_change(&batch[j]))
					break;
			if (j == n)
				abort();
		}
		if (!t)
			t = track_add(side, e->assoc);
		if (t && final_change(e))
			t->final = true;
	}
}

static void check_assocs(int side)
{
	struct sct_assoc_status st;
	size_t i;

	for (i = 0; i < n_tracks[side]; i++) {
		struct track *t = &tracks[side][i];

		if (sct_assoc_status(az.st[side], t->id, &st) != 0) {
			if (!t->final && !t->released)
				abort(); /* vanished without its final event */
			continue;
		}
		if (st.id != t->id || (unsigned)st.state > SCT_SHUTDOWN_ACK_SENT)
			abort();
		if (t->final && st.state != SCT_CLOSED)
			abort();
	}
}

static void check_all(void)
{
	int side;

	for (side = 0; side < 2; side++) {
		check_events(side);
		check_assocs(side);
		if (sct_stack_next_expiry(az.st[side]) < az.now)
			abort();
	}
}

/* ---------------------------------------------------------------- actions */

static void set_time(sct_time_t t)
{
	if (t < az.now)
		return;
	if (t - t_start > MAX_ELAPSED)
		t = t_start + MAX_ELAPSED;
	if (t < az.now)
		return;
	az.now = t;
	sct_stack_advance_time(az.st[AZ_A], az.now);
	sct_stack_advance_time(az.st[AZ_Z], az.now);
}

static void do_connect(int side, uint8_t cfg)
{
	struct sct_connect_params p;
	int other = side ^ 1;
	sct_assoc_id id = 0;

	if (!az.ep[side])
		return;
	memset(&p, 0, sizeof(p));
	p.port = az.port[other];
	p.addrs = &az.addr[other];
	p.n_addrs = 1;
	p.os = cfg & 7;
	p.mis = (cfg >> 3) & 7;
	p.max_attempts = cfg >> 6;
	if (sct_ep_connect(az.ep[side], &p, az.now, &id) == 0) {
		if (id == 0)
			abort();
		track_add(side, id);
	}
}

static void remember(const struct az_pkt *p)
{
	hist[n_hist % MAX_HIST] = *p;
	n_hist++;
}

static void deliver(size_t i)
{
	if (i >= az.n_flight)
		return;
	remember(az.flight[i]);
	az_deliver(&az, i);
}

static void do_run(void)
{
	size_t n = 0;

	collect();
	while (az.n_flight && n < MAX_RUN) {
		deliver(0);
		n++;
		collect();
	}
}

/* the @n-th chunk header offset of @p, or 0 */
static size_t chunk_off(const struct az_pkt *p, unsigned n)
{
	size_t off = SCT_SCTP_HDR_LEN;
	unsigned k;

	for (k = 0; off + 4 <= p->len; k++) {
		size_t l = sct_get_u16(p->buf + off + 2);

		if (k == n)
			return off;
		if (l < 4)
			break;
		off += (l + 3) & ~(size_t)3;
	}
	return 0;
}

static void do_mutate(struct prog *pr)
{
	uint8_t k = rd8(pr), kind = rd8(pr);
	uint16_t pos = rd16(pr);
	uint8_t val = rd8(pr), fix = rd8(pr);
	struct az_pkt *p;
	size_t off;

	if (!az.n_flight)
		return;
	p = az.flight[k % az.n_flight];
	switch (kind % 8) {
	case 0: /* flip a bit */
		if (p->len)
			p->buf[(pos / 8) % p->len] ^= (uint8_t)(1u << (pos % 8));
		break;
	case 1: /* overwrite a byte */
		if (p->len)
			p->buf[pos % p->len] = val;
		break;
	case 2: /* truncate */
		if (p->len)
			p->len = pos % p->len;
		break;
	case 3: /* the verification tag */
		if (p->len >= 8) {
			uint32_t v = sct_get_u32(p->buf + 4);

			switch (val % 4) {
			case 0:
				v = 0;
				break;
			case 1:
				v ^= 1u << (pos % 32);
				break;
			case 2:
				v = (uint32_t)pos << 16 | val;
				break;
			default:
				v = ~v;
				break;
			}
			sct_put_u32(p->buf + 4, v);
		}
		break;
	case 4: /* a chunk's type */
		off = chunk_off(p, pos % 4);
		if (off)
			p->buf[off] = val;
		break;
	case 5: /* a chunk's flags */
		off = chunk_off(p, pos % 4);
		if (off)
			p->buf[off + 1] = val;
		break;
	case 6: /* a chunk's length */
		off = chunk_off(p, pos % 4);
		if (off) {
			uint16_t l = sct_get_u16(p->buf + off + 2);

			sct_put_u16(p->buf + off + 2, (pos & 0x8000) ? (uint16_t)(l + (int8_t)val)
								     : (uint16_t)(pos & 0x7fff));
		}
		break;
	default: /* append a chunk of type @val with (pos % 64) zero bytes of value */
		if (p->len >= SCT_SCTP_HDR_LEN) {
			size_t vl = pos % 64, l = 4 + vl, pl = (l + 3) & ~(size_t)3;

			if (p->len + pl <= sizeof(p->buf)) {
				memset(p->buf + p->len, 0, pl);
				p->buf[p->len] = val;
				p->buf[p->len + 1] = (uint8_t)(pos >> 8);
				sct_put_u16(p->buf + p->len + 2, (uint16_t)l);
				p->len += pl;
			}
		}
		break;
	}
	if ((fix & 1) && p->len >= SCT_SCTP_HDR_LEN)
		sct_sctp_crc_set(p->buf, p->len);
}

/* a verification tag worth trying on a packet to @side */
static uint32_t pick_tag(struct prog *pr, int side, uint8_t sel)
{
	struct sct_assoc_status st;
	sct_assoc_id id;

	switch (sel % 6) {
	case 0:
		return 0;
	case 1:
	case 2:
	case 5:
		id = track_pick(side, (uint8_t)(sel >> 3));
		if (sct_assoc_status(az.st[side], id, &st) != 0)
			return 0;
		if (sel % 6 == 2)
			return st.peer_vtag; /* what a T-bit reply carries */
		return sel % 6 == 1 ? st.my_vtag : st.my_vtag ^ 1;
	case 3: {
		uint32_t hi = rd16(pr);

		return hi << 16 | rd16(pr);
	}
	default:
		if (n_hist) {
			const struct az_pkt *h = &hist[(n_hist - 1) % MAX_HIST];

			if (h->len >= 8)
				return sct_get_u32(h->buf + 4);
		}
		return 0;
	}
}

static void do_inject(struct prog *pr)
{
	static uint8_t pkt[INJECT_MAX];
	uint8_t dst = rd8(pr), tagsel = rd8(pr), nch = rd8(pr);
	int side = dst & 1, other = side ^ 1;
	struct sct_wr w = sct_wr_init(pkt, sizeof(pkt));
	uint16_t sport = az.port[other], dport = az.port[side];
	unsigned i, n = nch % 3 + 1;

	if (dst & 2) /* ports swapped: a packet that fits nothing */
		sport = az.port[side], dport = az.port[other];
	if (dst & 4)
		sport = (uint16_t)(sport + 1);
	sct_put_u16(pkt, sport);
	sct_put_u16(pkt + 2, dport);
	sct_put_u32(pkt + 4, pick_tag(pr, side, tagsel));
	sct_put_u32(pkt + 8, 0);
	w.off = SCT_SCTP_HDR_LEN;
	for (i = 0; i < n; i++) {
		uint8_t type = rd8(pr), flags = rd8(pr), vl = rd8(pr);
		size_t l = 4u + vl, pl = (l + 3) & ~(size_t)3, j;

		if (w.off + pl > sizeof(pkt))
			break;
		pkt[w.off] = type;
		pkt[w.off + 1] = flags;
		sct_put_u16(pkt + w.off + 2, (uint16_t)l);
		for (j = 0; j < vl; j++)
			pkt[w.off + 4 + j] = rd8(pr);
		memset(pkt + w.off + l, 0, pl - l);
		w.off += pl;
	}
	sct_sctp_crc_set(pkt, w.off);
	{
		struct az_pkt copy;

		copy.from = other;
		memset(&copy.pi, 0, sizeof(copy.pi));
		copy.pi.src = az.addr[other];
		copy.pi.dst = az.addr[side];
		copy.len = w.off;
		memcpy(copy.buf, pkt, w.off);
		remember(&copy);
	}
	az_inject(&az, side, pkt, w.off);
}

static void do_replay(uint8_t h)
{
	struct az_pkt *p;

	if (!n_hist || az.n_flight == AZ_MAX_FLIGHT)
		return;
	p = malloc(sizeof(*p));
	if (!p)
		return;
	*p = hist[(n_hist < MAX_HIST ? h % n_hist : h % MAX_HIST)];
	az.flight[az.n_flight++] = p;
	az_deliver(&az, az.n_flight - 1);
}

static void do_advance(uint16_t amt)
{
	static const sct_time_t unit[4] = {
	    SCT_NSEC_PER_SEC / 1000,
	    SCT_NSEC_PER_SEC / 100,
	    SCT_NSEC_PER_SEC,
	    60 * SCT_NSEC_PER_SEC,
	};

	set_time(az.now + (sct_time_t)(amt & 0x3fff) * unit[amt >> 14]);
}

static void do_expire(void)
{
	sct_time_t a = sct_stack_next_expiry(az.st[AZ_A]);
	sct_time_t z = sct_stack_next_expiry(az.st[AZ_Z]);
	sct_time_t t = a < z ? a : z;

	if (t != SCT_TIME_NEVER)
		set_time(t);
}

static void ep_create(int side)
{
	struct sct_ep_cfg ec;

	if (az.ep[side])
		return;
	memset(&ec, 0, sizeof(ec));
	ec.port = az.port[side];
	if (sct_ep_create(az.st[side], &ec, &az.ep[side]) != 0) {
		az.ep[side] = NULL;
		return;
	}
	if (side == AZ_Z)
		sct_ep_listen(az.ep[side], true);
}

static void ep_destroy(int side, bool graceful)
{
	size_t i;

	if (!az.ep[side])
		return;
	sct_ep_destroy(az.ep[side], graceful, az.now);
	az.ep[side] = NULL;
	/* every association of the side belonged to it; they are released */
	for (i = 0; i < n_tracks[side]; i++)
		tracks[side][i].released = true;
}

static void restart_z(void)
{
	struct sct_stack_cfg cfg;

	/* events of the old stack were checked; the new one starts blank */
	sct_stack_free(az.st[AZ_Z]);
	az.ep[AZ_Z] = NULL;
	n_tracks[AZ_Z] = 0;
	sct_stack_cfg_defaults(&cfg);
	sct_rng_seeded_init(&cfg.rng, &az.rs[AZ_Z], 1000 + ++restarts);
	az.st[AZ_Z] = sct_stack_new(&cfg, az.now);
	if (!az.st[AZ_Z])
		abort();
	sct_stack_add_addr(az.st[AZ_Z], &az.addr[AZ_Z]);
	ep_create(AZ_Z);
}

static void step(struct prog *pr)
{
	uint8_t op = rd8(pr) % OP_COUNT, a, b;
	struct sct_assoc_status st;
	sct_assoc_id id;
	uint8_t reason[32];
	size_t i;

	if (verbose)
		fprintf(stderr, "op %u (t=%llu ms, %zu in flight)\n", op,
			(unsigned long long)((az.now - t_start) / 1000000), az.n_flight);

	switch ((enum op)op) {
	case OP_CONNECT_A:
		do_connect(AZ_A, rd8(pr));
		break;
	case OP_CONNECT_Z:
		do_connect(AZ_Z, rd8(pr));
		break;
	case OP_COLLECT:
		collect();
		break;
	case OP_DELIVER:
		a = rd8(pr);
		if (az.n_flight)
			deliver(a % az.n_flight);
		break;
	case OP_RUN:
		do_run();
		break;
	case OP_DROP:
		a = rd8(pr);
		if (az.n_flight)
			az_drop(&az, a % az.n_flight);
		break;
	case OP_DUP:
		a = rd8(pr);
		if (az.n_flight)
			az_dup(&az, a % az.n_flight);
		break;
	case OP_SWAP:
		a = rd8(pr);
		b = rd8(pr);
		if (az.n_flight)
			az_swap(&az, a % az.n_flight, b % az.n_flight);
		break;
	case OP_MUTATE:
		do_mutate(pr);
		break;
	case OP_INJECT:
		do_inject(pr);
		break;
	case OP_REPLAY:
		do_replay(rd8(pr));
		break;
	case OP_ADVANCE:
		do_advance(rd16(pr));
		break;
	case OP_EXPIRE:
		do_expire();
		break;
	case OP_SHUTDOWN:
		a = rd8(pr) & 1;
		id = track_pick(a, rd8(pr));
		sct_assoc_shutdown(az.st[a], id, az.now);
		break;
	case OP_ABORT:
		a = rd8(pr) & 1;
		id = track_pick(a, rd8(pr));
		b = rd8(pr) % sizeof(reason);
		for (i = 0; i < b; i++)
			reason[i] = rd8(pr);
		sct_assoc_abort(az.st[a], id, b ? reason : NULL, b, az.now);
		break;
	case OP_RELEASE: {
		struct track *t;

		a = rd8(pr) & 1;
		id = track_pick(a, rd8(pr));
		t = track_find(a, id);
		/* releasing an unknown id must be harmless too */
		if (!t && sct_assoc_status(az.st[a], id, &st) == 0)
			t = track_add(a, id);
		sct_assoc_release(az.st[a], id, az.now);
		if (t)
			t->released = true;
		break;
	}
	case OP_EP_DESTROY:
		a = rd8(pr) & 1;
		ep_destroy(a, rd8(pr) & 1);
		break;
	case OP_EP_CREATE:
		ep_create(rd8(pr) & 1);
		break;
	case OP_LISTEN:
		a = rd8(pr) & 1;
		b = rd8(pr) & 1;
		if (az.ep[a])
			sct_ep_listen(az.ep[a], b);
		break;
	case OP_RESTART_Z:
		restart_z();
		break;
	default:
		break;
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct prog pr = {.p = data, .len = size};
	uint8_t flags = rd8(&pr);
	int ops;

	verbose = getenv("FUZZ_ASSOC_VERBOSE") != NULL;

	az_init(&az, 1);
	memset(tracks, 0, sizeof(tracks));
	n_tracks[0] = n_tracks[1] = 0;
	n_hist = 0;
	restarts = 0;
	t_start = az.now;
	for (ops = 0; ops < MAX_OPS && pr.off < pr.len; ops++) {
		step(&pr);
		if (flags & 1)
			collect();
		check_all();
	}
	/* what is still queued must be well formed too */
	collect();
	check_all();
	az_free(&az);
	return 0;
}
