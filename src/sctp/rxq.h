/* SPDX-License-Identifier: MIT */
/* rxq.h: the receive side above the TSN tracker: reassembly and per-stream ordering. */
#ifndef SCT_SCTP_RXQ_H
#define SCT_SCTP_RXQ_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/*
 * Theory of operation
 *
 * Accepted DATA chunks (new TSNs, RFC 9260 6.2) come here.  Fragments of one
 * user message carry consecutive TSNs from the B chunk to the E chunk (6.9);
 * ordered messages of a stream are handed up in Stream Sequence Number order
 * (6.5, 6.6), unordered ones as soon as they are whole (6.6).
 *
 * Each stream keeps its waiting chunks in a list sorted by TSN; unordered
 * chunks share one list.  A message that becomes whole and deliverable is
 * copied into one contiguous buffer and appended to the ready queue, which the
 * owner reads with sct_rxq_peek()/sct_rxq_consume() (possibly in pieces).
 * Every byte held, waiting or ready, is counted in ->held: the association
 * turns its receive buffer minus ->held into the a_rwnd it advertises (6.2)
 * and refuses new DATA once ->held reaches that buffer, which is what bounds
 * this queue.
 *
 * Partial delivery (RFC 9260 6.9, RFC 6458 8.1.21): a message larger than
 * the buffer could never become whole, so once the in-order start of the next
 * deliverable message reaches the owner's partial delivery point
 * (sct_rxq_pd_check()), its fragments go up as they come, one ready piece per
 * chunk (->more set on all but the last).  Until its E fragment has gone
 * up, no other message is made ready (RFC 6458 8.1.20 level 0: no
 * interleaving of messages on one association).
 *
 * Data bytes alone do not bound memory: a peer sending 1-byte DATA chunks
 * (fragments of a message it never ends, or messages behind an SSN it never
 * sends) would make us keep a header and an allocation for each byte, some
 * 50 times the buffer (RFC 9260 11.2 asks that resources stay bounded).  So
 * the chunks and messages held are counted too, and limited to one per
 * SCT_RXQ_BYTES_PER_CHUNK bytes of the receive buffer (at least
 * SCT_RXQ_MIN_CHUNKS): the headers then cost at most a quarter of the buffer
 * more, while ordinary messages never reach the limit before the bytes do.
 */

/* The receive buffer allows one held chunk or message per this many bytes... */
#define SCT_RXQ_BYTES_PER_CHUNK 256
/* ...and at least this many. */
#define SCT_RXQ_MIN_CHUNKS 64

struct sct_rxq_chunk {
	struct sct_rxq_chunk *next;
	uint32_t tsn;
	uint16_t sid;
	uint16_t ssn;
	uint8_t flags; /* SCT_DATA_FLAG_B/E/U */
	uint32_t ppid;
	uint32_t len;
	uint8_t data[];
};

struct sct_rxq_msg {
	struct sct_rxq_msg *next;
	uint16_t sid;
	uint16_t ssn;
	uint32_t ppid;
	uint32_t tsn; /* of its first fragment */
	bool unordered;
	bool more; /* a piece of a partially delivered message; more of it follows */
	size_t len;
	size_t off; /* bytes already consumed */
	uint8_t data[];
};

/* Chunks sorted by TSN; the tail makes the usual in-order arrival O(1). */
struct sct_rxq_list {
	struct sct_rxq_chunk *head, *tail;
};

struct sct_rxq_stream {
	uint16_t next_ssn;
	struct sct_rxq_list waiting;
};

struct sct_rxq {
	struct sct_rxq_stream *streams;
	uint16_t n_streams;
	struct sct_rxq_list unordered;
	struct {
		bool active;
		bool started; /* a piece went up: no further B fragment */
		bool unordered;
		uint16_t sid, ssn;
		uint32_t next_tsn; /* of its next fragment to go up */
	} pd;
	struct sct_rxq_msg *ready, *ready_tail;
	size_t held; /* bytes of user data waiting or ready */
	size_t ready_msgs;
	size_t n_chunks; /* chunks waiting for reassembly or their turn */
};

/** sct_rxq_max_chunks() - the chunks and messages a buffer of @rcvbuf bytes allows. */
static inline size_t sct_rxq_max_chunks(size_t rcvbuf)
{
	size_t max = rcvbuf / SCT_RXQ_BYTES_PER_CHUNK;

	return max > SCT_RXQ_MIN_CHUNKS ? max : SCT_RXQ_MIN_CHUNKS;
}

/** sct_rxq_too_many() - true when @q holds all the chunks a buffer of @rcvbuf bytes allows. */
static inline bool sct_rxq_too_many(const struct sct_rxq *q, size_t rcvbuf)
{
	return q->n_chunks + q->ready_msgs >= sct_rxq_max_chunks(rcvbuf);
}

/** sct_rxq_init() - @n_streams inbound streams; -ENOMEM. */
int sct_rxq_init(struct sct_rxq *q, uint16_t n_streams);
void sct_rxq_free(struct sct_rxq *q);

/**
 * sct_rxq_add() - take the user data of one accepted DATA chunk.
 * Return: the number of messages that became ready (>= 0); -EINVAL for a
 * stream id outside the inbound streams (RFC 9260 6.5: the caller reports
 * "Invalid Stream Identifier"); -EPROTO for an ordered chunk whose SSN was
 * already delivered (the peer broke 6.5); -ENOMEM.
 */
int sct_rxq_add(struct sct_rxq *q, uint32_t tsn, uint16_t sid, uint16_t ssn, uint8_t flags,
		uint32_t ppid, const uint8_t *data, size_t len);

/** sct_rxq_peek() - the oldest ready message, or NULL. */
static inline const struct sct_rxq_msg *sct_rxq_peek(const struct sct_rxq *q)
{
	return q->ready;
}

/**
 * sct_rxq_consume() - the reader took @n bytes of the oldest ready message;
 * the message goes when all of it is taken.  Return: bytes freed from ->held.
 */
size_t sct_rxq_consume(struct sct_rxq *q, size_t n);

/**
 * sct_rxq_pd_check() - after sct_rxq_add() of a chunk of stream @sid (@unordered):
 * start partially delivering the message it belongs to when that message is the
 * next to go up and its fragments from B on, without a hole, hold @point bytes
 * or more (0: never), or number @max_frags or more (0: no limit; tiny fragments
 * would hit the chunk limit of sct_rxq_too_many() before the byte point).
 * Return: pieces made ready (>= 0); -ENOMEM.
 */
int sct_rxq_pd_check(struct sct_rxq *q, uint16_t sid, bool unordered, size_t point,
		     size_t max_frags);

/**
 * sct_rxq_pd_abort() - the association ends or restarts with a message partly
 * delivered: forget it.  Return: true (and its stream and SSN) when there was one.
 */
bool sct_rxq_pd_abort(struct sct_rxq *q, uint16_t *sid, uint16_t *ssn);

/**
 * sct_rxq_skip_ssn() - forget what waits on stream @sid up to SSN @ssn and
 * move the stream past it (FORWARD-TSN, RFC 3758 3.6).  Return: bytes freed.
 */
size_t sct_rxq_skip_ssn(struct sct_rxq *q, uint16_t sid, uint16_t ssn);

#endif /* SCT_SCTP_RXQ_H */
