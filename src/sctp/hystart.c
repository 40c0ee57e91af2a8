/* SPDX-License-Identifier: MIT */
/* hystart.c: HyStart++ (RFC 9406), a slow-start exit on rising delay, per path. */

/*
 * RFC 9260 7.2.1 slow start doubles the window each round trip until a loss.
 * On a path whose bottleneck queue is about one BDP, the round that finds the
 * limit sends up to twice what fits and loses up to a queue's worth of packets
 * at once, more than one SACK can report (its Gap Ack Blocks fit one packet),
 * so recovery waits for T3.  HyStart++ watches the smallest RTT of each round:
 * when it rises by max(4 ms, min(minRTT / 8, 16 ms)) over the previous
 * round's, the queue is filling, and slow start becomes Conservative Slow
 * Start (a quarter of the growth) for at most five rounds, then congestion
 * avoidance (ssthresh = cwnd).  A lower RTT during CSS means the rise was
 * jitter: back to slow start.  This only slows growth down, so it stays
 * within RFC 9260's "at most" rules.  Samples come from chunks sent once
 * (Karn), acknowledged by this SACK; a round ends when the cumulative ack
 * passes the highest TSN sent when it began.
 */
#include "sctp/internal.h"
#include "sctp/tsn.h"

#define HS_MIN_RTT_THRESH  sct_ms(4)
#define HS_MAX_RTT_THRESH  sct_ms(16)
#define HS_MIN_RTT_DIVISOR 8
#define HS_N_RTT_SAMPLE	   8
#define HS_CSS_ROUNDS	   5

void sct_hs_reset(struct sct_hystart *h)
{
	h->started = false;
	h->css = false;
	h->cur_min = h->last_min = h->css_base = SCT_TIME_NEVER;
	h->samples = 0;
	h->css_rounds = 0;
}

void sct_hs_sample(struct sct_hystart *h, sct_time_t rtt)
{
	if (rtt < h->cur_min)
		h->cur_min = rtt;
	if (h->samples < UINT16_MAX)
		h->samples++;
}

static void new_round(struct sct_assoc *a, struct sct_hystart *h)
{
	h->last_min = h->cur_min;
	h->cur_min = SCT_TIME_NEVER;
	h->samples = 0;
	h->window_end = a->next_tsn - 1;
	h->started = true;
}

uint32_t sct_hs_sack(struct sct_assoc *a, struct sct_path *p)
{
	struct sct_hystart *h = &p->hs;

	if (!a->par.set.hystart)
		return 1;
	if (!h->started) {
		new_round(a, h);
		return 1;
	}
	if (h->samples >= HS_N_RTT_SAMPLE && h->cur_min != SCT_TIME_NEVER) {
		if (!h->css && h->last_min != SCT_TIME_NEVER) {
			sct_time_t t = h->last_min / HS_MIN_RTT_DIVISOR;

			if (t > HS_MAX_RTT_THRESH)
				t = HS_MAX_RTT_THRESH;
			if (t < HS_MIN_RTT_THRESH)
				t = HS_MIN_RTT_THRESH;
			if (h->cur_min >= h->last_min + t) {
				h->css = true;
				h->css_base = h->cur_min;
				h->css_rounds = 0;
			}
		} else if (h->css && h->cur_min < h->css_base) {
			h->css = false; /* the rise was jitter */
			h->css_base = SCT_TIME_NEVER;
		}
	}
	if (sct_tsn_ge(a->last_cum_acked, h->window_end)) {
		if (h->css && ++h->css_rounds >= HS_CSS_ROUNDS) {
			p->ssthresh = p->cwnd; /* into congestion avoidance */
			h->css = false;
		}
		new_round(a, h);
	}
	return h->css ? 4 : 1;
}
