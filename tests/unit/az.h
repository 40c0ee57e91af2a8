/* SPDX-License-Identifier: MIT */
/* az.h: the A/Z harness: two stacks exchanging packets by hand under a fake clock. */
#ifndef SCT_TEST_AZ_H
#define SCT_TEST_AZ_H

/*
 * Endpoint "A" (10.0.0.1, port 1000 unless changed) and endpoint "Z"
 * (10.0.0.2, port 2000) each run a struct sct_stack.  Packets the stacks emit
 * are collected into one "in flight" list; a test delivers, drops, duplicates
 * or reorders them by index, or lets az_run() deliver everything in order until
 * nothing is left.  Time only moves when the test says so (az_advance() jumps
 * to the next timer of either stack).  Events are collected per side.
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "common/cursor.h"
#include "common/rng.h"
#include "sctp/sctp.h"
#include "wire/chunk.h"

#define AZ_A	      0
#define AZ_Z	      1
#define AZ_MAX_FLIGHT 256
#define AZ_MAX_EVENTS 64
#define AZ_PKT_MAX    9000
#define AZ_MAX_EXTRA  4

struct az_pkt {
	int from; /* AZ_A or AZ_Z */
	struct sct_pktinfo pi;
	size_t len;
	uint8_t buf[AZ_PKT_MAX];
};

struct az {
	struct sct_stack *st[2];
	struct sct_rng_seeded rs[2];
	struct sct_ep *ep[2];
	struct sct_addr addr[2];
	uint16_t port[2];
	sct_time_t now;
	struct az_pkt *flight[AZ_MAX_FLIGHT];
	size_t n_flight;
	struct sct_event ev[2][AZ_MAX_EVENTS];
	size_t n_ev[2];
	/* every packet delivered, for assertions: first chunk type per packet, in order */
	uint8_t trace[2][512];
	size_t n_trace[2];
	int last_input_rc;
	/* more addresses per side (az_add_addr) and destinations that lose everything */
	struct sct_addr extra[2][AZ_MAX_EXTRA];
	size_t n_extra[2];
	struct sct_addr down[AZ_MAX_EXTRA * 2 + 2];
	size_t n_down;
	/* when set, changes a side's stack configuration as az_reboot() makes it (bounds) */
	void (*tune)(int side, struct sct_stack_cfg *cfg);
};

/** az_init() - two stacks seeded from @seed, each with one endpoint; Z listens. */
void az_init(struct az *az, uint64_t seed);
void az_free(struct az *az);

/** az_collect() - pull every packet both stacks want to send into the flight list. */
size_t az_collect(struct az *az);
/** az_deliver() - deliver flight packet @i to its destination (and remove it). */
int az_deliver(struct az *az, size_t i);
/** az_drop() - lose flight packet @i. */
void az_drop(struct az *az, size_t i);
/** az_dup() - duplicate flight packet @i (the copy goes at the end). */
void az_dup(struct az *az, size_t i);
/** az_swap() - reorder: exchange flight packets @i and @j. */
void az_swap(struct az *az, size_t i, size_t j);
/** az_run() - collect and deliver in order until nothing is in flight; returns packets delivered.
 */
size_t az_run(struct az *az);
/**
 * az_settle() - az_run(), then keep advancing to the next timer and running,
 * for at most @span of fake time; returns packets delivered.
 */
size_t az_settle(struct az *az, sct_time_t span);
/** az_wait() - az_settle() for @span, then move the clock to exactly @span later. */
void az_wait(struct az *az, sct_time_t span);
/** az_advance() - move time to the next expiry of either stack and run the timers; false if none.
 */
bool az_advance(struct az *az);
/** az_step() - move time forward by @ns and run due timers. */
void az_step(struct az *az, sct_time_t ns);
/** az_poll_events() - move both stacks' events into az->ev. */
void az_poll_events(struct az *az);
/** az_find_event() - the first event of @type (and assoc-change @state, or -1) on @side. */
const struct sct_event *az_find_event(struct az *az, int side, int type, int state);

/** az_connect() - A connects to Z; returns A's association id (0 on error). */
sct_assoc_id az_connect(struct az *az);
/**
 * az_connect_to_cookie_echo() - az_connect(), INIT to Z, INIT ACK back to A;
 * returns A's id, A in COOKIE-ECHOED with its COOKIE ECHO collected, not delivered.
 */
sct_assoc_id az_connect_to_cookie_echo(struct az *az);
/** az_establish() - az_connect() then az_run(); returns A's id when both sides are up. */
sct_assoc_id az_establish(struct az *az, sct_assoc_id *z_id);

/** az_chunk_type() - type of chunk @n (0 = first) of flight packet @i, or -1. */
int az_chunk_type(const struct az *az, size_t i, int n);
/** az_vtag() - verification tag of flight packet @i. */
uint32_t az_vtag(const struct az *az, size_t i);
/** az_state() - state of association @id on @side, or -1 if unknown. */
int az_state(struct az *az, int side, sct_assoc_id id);
/** az_inject() - hand raw SCTP bytes to @side as if from the other side. */
int az_inject(struct az *az, int side, const uint8_t *pkt, size_t len);

/* ---- hand-made packets and closer looks at the flight list */

/* A packet being built: the common header, then chunks written to ->w (sct_<chunk>_emit()). */
struct az_bld {
	uint8_t buf[AZ_PKT_MAX];
	struct sct_wr w;
};

/** az_bld_start() - begin a packet with ports @sport/@dport and verification tag @vtag. */
void az_bld_start(struct az_bld *b, uint16_t sport, uint16_t dport, uint32_t vtag);
/** az_bld_raw_chunk() - append a chunk of any type with @value as is (padded to 4). */
void az_bld_raw_chunk(struct az_bld *b, uint8_t type, uint8_t flags, const void *value, size_t len);
/** az_bld_finish() - set the CRC32c; returns the packet length (0 when it overflowed). */
size_t az_bld_finish(struct az_bld *b);
/** az_send() - finish @b and hand it to @side as if from the other side. */
int az_send(struct az *az, int side, struct az_bld *b);
/** az_inject_chunk() - one raw chunk to @side from the other side's address and port. */
int az_inject_chunk(struct az *az, int side, uint32_t vtag, uint8_t type, uint8_t flags,
		    const void *value, size_t len);
/** az_inject_from() - hand raw SCTP bytes to @side from address @src (to @side's address). */
int az_inject_from(struct az *az, int side, const struct sct_addr *src, const uint8_t *pkt,
		   size_t len);

/** az_chunk_flags() - flags of chunk @n of flight packet @i, or -1. */
int az_chunk_flags(const struct az *az, size_t i, int n);
/** az_cause() - code of the first error cause of chunk @n (ABORT or ERROR) of packet @i, or -1. */
int az_cause(const struct az *az, size_t i, int n);
/** az_take_cookie() - copy the State Cookie of the INIT ACK in flight packet @i; its length or 0.
 */
size_t az_take_cookie(const struct az *az, size_t i, uint8_t *buf, size_t cap);
/** az_itag() - the Initiate Tag of the INIT or INIT ACK in flight packet @i. */
uint32_t az_itag(const struct az *az, size_t i);
/** az_find_chunk() - index of the first flight packet from @from whose first chunk is @type, or -1.
 */
int az_find_chunk(const struct az *az, int from, int type);
/** az_count_chunk() - chunks of @type in the flight packets from @from (-1: either). */
size_t az_count_chunk(const struct az *az, int from, int type);
/** az_drop_all() - lose everything in flight. */
void az_drop_all(struct az *az);
/** az_clear_events() - forget the events collected so far on both sides. */
void az_clear_events(struct az *az);

/** az_connect_from() - @side connects to the other side; returns the association id (0 on error).
 */
sct_assoc_id az_connect_from(struct az *az, int side);
/** az_reboot() - replace @side's stack by a fresh one (same address and port). */
void az_reboot(struct az *az, int side, uint64_t seed, bool listening);

/* ---- data transfer, multi-homing, ECN */

/** az_send_msg() - queue a message of @n bytes on stream @sid (PPID 7) on @side. */
int az_send_msg(struct az *az, int side, sct_assoc_id id, uint16_t sid, const void *d, size_t n);
/** az_recv_msg() - read one whole message on @side; its length or a negative error. */
int az_recv_msg(struct az *az, int side, sct_assoc_id id, uint8_t *buf, size_t cap,
		struct sct_rcvinfo *ri);
/** az_grow_cwnd() - bulk data from A to Z (read by Z) until A's cwnd is well past 4 PMDCS. */
void az_grow_cwnd(struct az *az, sct_assoc_id a, sct_assoc_id z);
/** az_status() - sct_assoc_status() of @id on @side (zeroed when unknown). */
struct sct_assoc_status az_status(struct az *az, int side, sct_assoc_id id);
/** az_chunk() - chunk @n of flight packet @i into @out; 0, or -1 when there is none. */
int az_chunk(const struct az *az, size_t i, int n, struct sct_chunk *out);
/** az_find_in() - index within flight packet @i of its first chunk of @type, or -1. */
int az_find_in(const struct az *az, size_t i, int type);
/** az_sack() - parse the first SACK of flight packet @i; false when it has none. */
bool az_sack(const struct az *az, size_t i, struct sct_sack *s);
/** az_data() - parse DATA chunk number @k (0 = first) of flight packet @i; false if none. */
bool az_data(const struct az *az, size_t i, int k, struct sct_data *d);
/** az_count_data() - DATA chunks in flight packets from @from. */
size_t az_count_data(const struct az *az, int from);
/**
 * az_add_addr() - give @side one more address (@text); its wildcard endpoint
 * offers it in INIT / INIT ACK from then on.  Returns 0 or the stack's error.
 */
int az_add_addr(struct az *az, int side, const char *text);
/** az_set_down() - packets to @dst are lost on delivery (@down) or delivered again. */
void az_set_down(struct az *az, const struct sct_addr *dst, bool down);
/** az_deliver_ecn() - az_deliver() with the IP header's ECN bits replaced by @ecn. */
int az_deliver_ecn(struct az *az, size_t i, uint8_t ecn);
/** az_dst() - destination address of flight packet @i (NULL when none). */
const struct sct_addr *az_dst(const struct az *az, size_t i);

/** az_bld_assoc() - start a packet to @side's association @id, as its peer would (its tag). */
void az_bld_assoc(struct az *az, struct az_bld *b, int side, sct_assoc_id id);
/** az_bld_data() - append a DATA chunk (TSN @tsn, stream @sid / @ssn, @flags, @len bytes). */
void az_bld_data(struct az_bld *b, uint32_t tsn, uint16_t sid, uint16_t ssn, uint8_t flags,
		 const void *d, size_t len);
/** az_bld_sack() - append a SACK with @ng gap blocks ({start, end} pairs) and @nd dups. */
void az_bld_sack(struct az_bld *b, uint32_t cum, uint32_t a_rwnd, const uint16_t *gaps, size_t ng,
		 const uint32_t *dups, size_t nd);

#endif /* SCT_TEST_AZ_H */
