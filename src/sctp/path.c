/* SPDX-License-Identifier: MIT */
/* path.c: per-destination RTO (RFC 9260 6.3.1) and congestion window (7.2). */
#include "sctp/internal.h"

#include "wire/chunk.h"

/* Clock granularity G of 6.3.1 G1: our clock is in nanoseconds; use 1 ms. */
#define RTT_G SCT_NSEC_PER_MSEC

/*
 * PMDCS (RFC 9260 7.2): the largest DATA chunk payload a packet to this path
 * can carry, i.e. the path MTU less IP, SCTP common and DATA chunk headers.
 */
uint32_t sct_path_pmdcs(const struct sct_assoc *a, const struct sct_path *p)
{
	uint32_t room = sct_assoc_pmtu_payload(a, p);

	return room > 12 + SCT_DATA_HDR_LEN ? room - 12 - SCT_DATA_HDR_LEN : 1;
}

/* 7.2.1: the initial cwnd and ssthresh (also after a restart, 5.2.4 A). */
void sct_path_reset_cc(struct sct_assoc *a, struct sct_path *p)
{
	uint32_t m = sct_path_pmdcs(a, p);
	uint32_t floor = p->addr.af == SCT_AF_INET6 ? 4344 : 4404;
	uint32_t two = 2 * m > floor ? 2 * m : floor;

	p->cwnd = 4 * m < two ? 4 * m : two;
	p->ssthresh = a->peer_rwnd ? a->peer_rwnd : UINT32_MAX;
	p->pba = 0;
	sct_hs_reset(&p->hs);
}

static sct_time_t clamp_rto(const struct sct_assoc *a, sct_time_t rto)
{
	sct_time_t lo = sct_ms(a->par.set.rto_min), hi = sct_ms(a->par.set.rto_max);

	if (rto < lo) /* C6 */
		rto = lo;
	if (rto > hi) /* C7 */
		rto = hi;
	return rto;
}

/* 6.3.1 C2, C3: a new RTT measurement @r. */
void sct_path_rtt(struct sct_assoc *a, struct sct_path *p, sct_time_t r)
{
	unsigned alpha = a->par.set.rto_alpha_exp_divisor, beta = a->par.set.rto_beta_exp_divisor;

	if (!p->rtt_valid) {
		p->srtt = r;
		p->rttvar = r / 2;
		p->rtt_valid = true;
	} else {
		sct_time_t diff = p->srtt > r ? p->srtt - r : r - p->srtt;

		/* RTTVAR first, with the old SRTT */
		p->rttvar = p->rttvar - (p->rttvar >> beta) + (diff >> beta);
		p->srtt = p->srtt - (p->srtt >> alpha) + (r >> alpha);
	}
	if (p->rttvar == 0) /* G1 */
		p->rttvar = RTT_G;
	p->rto = clamp_rto(a, p->srtt + 4 * p->rttvar);
}

/* 6.3.3 E2: back off the timer. */
void sct_path_backoff(struct sct_assoc *a, struct sct_path *p)
{
	p->rto = clamp_rto(a, p->rto * 2);
}

/*
 * The destination for new data: the primary path while it is active,
 * otherwise the first active one (6.4.1).  RFC 7829 3.2 step 3: a PF path
 * is no choice while another is active; step 4: when none is, the PF path
 * with the fewest errors (the primary on a tie).  Otherwise any confirmed
 * path, otherwise the primary anyway.  Choosing never changes a path's state
 * or error count (3.2 steps 3, 4).
 */
struct sct_path *sct_assoc_data_path(struct sct_assoc *a)
{
	struct sct_path *pf = NULL;
	uint32_t i;

	if (!a->n_paths)
		return NULL;
	/* 5.4: nothing but heartbeats to an UNCONFIRMED address */
	if (a->paths[a->primary].state == SCT_PATH_ACTIVE && a->paths[a->primary].confirmed)
		return &a->paths[a->primary];
	for (i = 0; i < a->n_paths; i++)
		if (a->paths[i].state == SCT_PATH_ACTIVE && a->paths[i].confirmed)
			return &a->paths[i];
	if (a->paths[a->primary].state == SCT_PATH_PF)
		pf = &a->paths[a->primary];
	for (i = 0; i < a->n_paths; i++) {
		struct sct_path *p = &a->paths[i];

		if (p->state == SCT_PATH_PF && (!pf || p->error_count < pf->error_count))
			pf = p;
	}
	if (pf)
		return pf;
	for (i = 0; i < a->n_paths; i++)
		if (a->paths[i].confirmed)
			return &a->paths[i];
	return &a->paths[a->primary];
}
