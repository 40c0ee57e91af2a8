/* SPDX-License-Identifier: MIT */
/* txq.h: the send side's queues: user messages waiting, DATA chunks outstanding. */
#ifndef SCT_SCTP_TXQ_H
#define SCT_SCTP_TXQ_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "common/time.h"

/*
 * Theory of operation
 *
 * A message the application sends waits whole in the send queue (first come,
 * first served across streams, the default stream scheduler of RFC 8260 3.1)
 * until the output routine cuts its next fragment: fragments are cut only
 * when they are about to be sent, so their size follows the path MTU of the
 * moment (RFC 9260 6.9).  Each fragment becomes a DATA chunk with the next
 * TSN and moves to the outstanding list, sorted by TSN (new TSNs are always
 * the highest, so it is appended), where it stays until the peer's
 * Cumulative TSN Ack passes it (6.2.1): a chunk acknowledged only by a Gap
 * Ack Block may still be reneged on.
 *
 * Both queues charge their bytes to ->bytes, which the association bounds by
 * its send buffer: that is the backpressure the application sees.
 */

struct sct_txmsg {
	struct sct_txmsg *next;
	uint16_t sid;
	uint32_t ppid;
	uint32_t context; /* RFC 6458 snd_context, for a send-failure event */
	bool unordered;
	bool sack_immediately; /* RFC 7053: set the I bit on the last fragment */
	bool started;	       /* a fragment was cut: the SSN is fixed */
	uint16_t ssn;
	size_t len;
	size_t off; /* bytes already cut into chunks */
	uint8_t data[];
};

struct sct_txchunk {
	struct sct_txchunk *next;
	uint32_t tsn;
	uint16_t sid;
	uint16_t ssn;
	uint32_t ppid;
	uint32_t context; /* its message's, for a send-failure event */
	uint8_t flags;	  /* SCT_DATA_FLAG_* */
	uint8_t tx_count; /* transmissions so far */
	uint8_t misses;	  /* 7.2.4 miss indications */
	bool acked;	  /* by a Gap Ack Block (not yet by the cumulative ack) */
	bool in_flight;	  /* counted in its path's flight size */
	bool rtx;	  /* marked for retransmission */
	bool fast_rtx;	  /* fast retransmitted once: not eligible again (7.2.4 5) */
	uint32_t path;	  /* index of the path it was last sent to */
	sct_time_t sent;
	uint32_t len;
	uint8_t data[];
};

struct sct_txq {
	struct sct_txmsg *msgs, *msgs_tail; /* waiting messages */
	size_t msgs_bytes;		    /* user bytes not yet cut */
	struct sct_txchunk *out, *out_tail; /* outstanding DATA, by TSN */
	size_t n_out;
	size_t out_bytes; /* user bytes outstanding */
	uint32_t n_rtx;	  /* chunks marked for retransmission */
	/* chunks of out acked by Gap Ack Blocks, and their bytes: a SACK's work is
	 * then bounded by what it reports, not by everything outstanding */
	size_t n_acked;
	size_t acked_bytes;
};

void sct_txq_init(struct sct_txq *q);
void sct_txq_free(struct sct_txq *q);

/** sct_txq_bytes() - everything charged to the send buffer. */
static inline size_t sct_txq_bytes(const struct sct_txq *q)
{
	return q->msgs_bytes + q->out_bytes;
}

/** sct_txq_push() - queue a copy of a user message; -ENOMEM. */
int sct_txq_push(struct sct_txq *q, uint16_t sid, uint32_t ppid, uint32_t context, bool unordered,
		 bool sack_imm, const void *data, size_t len);

/**
 * sct_txq_cut() - cut the next fragment, at most @max bytes, of the oldest
 * waiting message into a DATA chunk with TSN @tsn, appended to the
 * outstanding list.  @next_ssn is the per-stream SSN array (indexed by sid,
 * @n_streams long); a message on a stream outside it is dropped and counted
 * in *@dropped.  Return: the chunk, or NULL when nothing waits (or no memory).
 */
struct sct_txchunk *sct_txq_cut(struct sct_txq *q, uint32_t tsn, size_t max, uint16_t *next_ssn,
				uint16_t n_streams, uint32_t *dropped);

/** sct_txq_next_len() - user bytes of the next fragment if cut at @max, 0 when none waits. */
size_t sct_txq_next_len(const struct sct_txq *q, size_t max);

/** sct_txq_pop_acked() - remove outstanding chunks up to @cum; returns the first removed list. */
struct sct_txchunk *sct_txq_pop_acked(struct sct_txq *q, uint32_t cum);

/**
 * sct_txq_shift() - take the oldest waiting message out of the queue (its uncut
 * bytes no longer charged); the caller reports and free()s it.  NULL when none waits.
 */
struct sct_txmsg *sct_txq_shift(struct sct_txq *q);

/** sct_txq_drop_msgs() - forget every waiting message; returns how many. */
size_t sct_txq_drop_msgs(struct sct_txq *q);

#endif /* SCT_SCTP_TXQ_H */
