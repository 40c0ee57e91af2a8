/* SPDX-License-Identifier: MIT */
/* datatrack.h: the data receiver's TSN record: cumulative ack point, gaps, duplicates. */
#ifndef SCT_SCTP_DATATRACK_H
#define SCT_SCTP_DATATRACK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "wire/chunk.h"

/*
 * Theory of operation
 *
 * The receiver of DATA (RFC 9260 6.2) must know, for every TSN, whether it
 * has arrived: all TSNs up to the Cumulative TSN Ack Point have; above it,
 * the TSNs that arrived out of order form runs that a SACK reports as Gap Ack
 * Blocks (3.3.4, as offsets from the cumulative ack).  We keep those runs as a
 * small sorted array of [start, end] TSN ranges: arrivals mostly extend the
 * last run or close the first gap.  The array starts small and doubles up to
 * SCT_DT_MAX_RUNS, so an idle association costs nothing and a peer cannot make
 * us hold an unbounded gap list, while a high-BDP path with a burst of losses
 * (hundreds of holes) still has every arrival recorded and acknowledged.  A TSN that
 * would need a run beyond the bound, or that lies further ahead of the
 * cumulative point than the window allows, is refused: the peer will
 * retransmit it, and a SACK never reports what was refused (6.2).
 *
 * Duplicates are remembered until the next SACK reports them (bounded too).
 */

/* Gap runs kept at most; a SACK reports as many as fit in the PMTU (6.2). */
#define SCT_DT_MAX_RUNS 1024
/* Duplicate TSNs remembered for the next SACK. */
#define SCT_DT_MAX_DUPS 32

struct sct_dt_run {
	uint32_t start, end; /* inclusive TSNs, both above cum */
};

struct sct_datatrack {
	uint32_t cum;	   /* Cumulative TSN Ack Point */
	uint32_t max_span; /* refuse TSNs more than this far above cum */
	struct sct_dt_run *runs; /* sorted, n_runs used of cap_runs allocated */
	uint16_t n_runs, cap_runs;
	uint32_t dups[SCT_DT_MAX_DUPS];
	uint16_t n_dups;
	uint32_t dups_dropped; /* duplicates not reported for lack of room */
};

enum sct_dt_result {
	SCT_DT_NEW = 0,	   /* first arrival: process the chunk */
	SCT_DT_DUP = 1,	   /* already received: report as duplicate, drop */
	SCT_DT_REFUSED = 2 /* too far ahead or too fragmented: drop, not acked */
};

/** sct_dt_init() - start with the peer's Initial TSN (cum = itsn - 1, 5.1); allocates nothing. */
void sct_dt_init(struct sct_datatrack *dt, uint32_t peer_itsn, uint32_t max_span);
/** sct_dt_free() - release the gap runs (the tracker may be initialized again). */
void sct_dt_free(struct sct_datatrack *dt);

/** sct_dt_rx() - record the arrival of @tsn. */
enum sct_dt_result sct_dt_rx(struct sct_datatrack *dt, uint32_t tsn);

/** sct_dt_has_gaps() - true when TSNs above cum have arrived (a gap exists). */
static inline bool sct_dt_has_gaps(const struct sct_datatrack *dt)
{
	return dt->n_runs != 0;
}

/** sct_dt_highest() - the highest TSN received so far. */
uint32_t sct_dt_highest(const struct sct_datatrack *dt);

/**
 * sct_dt_forward() - move cum to @new_cum (FORWARD-TSN, RFC 3758 3.6); runs
 * and TSNs at or below it are forgotten.  Ignored when @new_cum is not ahead.
 */
void sct_dt_forward(struct sct_datatrack *dt, uint32_t new_cum);

/**
 * sct_dt_gaps() - the Gap Ack Blocks for a SACK, at most @max of them, as
 * offsets from cum (RFC 9260 3.3.4).  Return: the number written.
 */
size_t sct_dt_gaps(const struct sct_datatrack *dt, struct sct_gap_block *out, size_t max);

/**
 * sct_dt_take_dups() - copy up to @max duplicate TSNs for a SACK and forget
 * them.  Return: the number written.
 */
size_t sct_dt_take_dups(struct sct_datatrack *dt, uint32_t *out, size_t max);

#endif /* SCT_SCTP_DATATRACK_H */
