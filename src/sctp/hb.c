/* SPDX-License-Identifier: MIT */
/* hb.c: heartbeats, path confirmation and path failure (RFC 9260 8.3, 5.4, 8.1, 8.2). */

/*
 * Theory of operation
 *
 * Each path has a heartbeat timer from the moment the association is
 * ESTABLISHED until a SHUTDOWN or SHUTDOWN ACK is sent (8.3).  An UNCONFIRMED
 * path (5.4) is probed once per RTO until a HEARTBEAT ACK carrying the nonce
 * we sent to it comes back; a confirmed one is probed every RTO + HB.interval
 * (with +/- 50% RTO jitter from the injected RNG) when it has been idle, that
 * is, when no DATA went to it in that period.  HB.interval, Path.Max.Retrans
 * and whether idle probes happen at all are the path's own (RFC 6458 8.1.12).
 *
 * Our Heartbeat Information is private: a version byte, the path's address,
 * a 64-bit random nonce and the send time.  The HEARTBEAT ACK is matched on
 * address and nonce, gives an RTT sample (6.3.1), clears the path's and the
 * association's error counters, confirms the path and brings an inactive path
 * back.  An unanswered HEARTBEAT counts one error against its path (and,
 * unless the path is unconfirmed, against the association), backs the RTO
 * off, and past Path.Max.Retrans makes the path inactive, past
 * Association.Max.Retrans ends the association (8.1, 8.2).
 *
 * SCTP-PF (RFC 7829 3): a confirmed active path whose error count exceeds
 * PotentiallyFailed.Max.Retrans (the pf_retrans setting) while it is still
 * within Path.Max.Retrans becomes Potentially Failed.  New data and
 * retransmissions leave it while another path is active (path.c, data_tx.c,
 * out.c); it is probed once per RTO, idle or not, whatever HB.interval says
 * (3.2 steps 5, 6), unless heartbeats are off for it; a HEARTBEAT ACK, or a
 * SACK of DATA sent to it only once, makes it active again (steps 7, 10);
 * its errors go on counting to Path.Max.Retrans, where it becomes inactive
 * (step 8).  As Linux, the state is off when pf_enable is 0 or pf_retrans
 * is not below the path's Path.Max.Retrans (3.2 step 1: it would be inactive
 * first), and the application hears of PF transitions only when pf_expose
 * is 2 (3.2 step 12, 7.3: the default keeps the RFC 9260 model of events).
 */
#include <errno.h>
#include <string.h>

#include "sctp/rx.h"

#define HB_INFO_VERSION 1
#define HB_INFO_LEN	(1 + 1 + 4 + 16 + 8 + 8)

void sct_paddr_event(struct sct_assoc *a, const struct sct_path *p, uint16_t state)
{
	struct sct_event ev;

	memset(&ev, 0, sizeof(ev));
	ev.type = SCT_EV_PEER_ADDR_CHANGE;
	ev.assoc = a->id;
	ev.ep = a->ep;
	ev.u.paddr.addr = p->addr;
	ev.u.paddr.state = state;
	sct_event_push(a->stack, &ev, false);
}

static bool hb_allowed(const struct sct_assoc *a)
{
	return a->state == SCT_ESTABLISHED || a->state == SCT_SHUTDOWN_PENDING ||
	       a->state == SCT_SHUTDOWN_RECEIVED;
}

static sct_time_t interval(struct sct_assoc *a, const struct sct_path *p)
{
	sct_time_t rto = p->rto, jitter;

	if (!p->confirmed)
		return rto; /* 5.4: one probe per RTO */
	/* 8.3: RTO + HB.interval, jittered by +/- 50% of the RTO */
	jitter = rto ? (sct_time_t)(sct_rng_u32(&a->stack->rng) % (rto + 1)) : 0;
	/* RFC 7829 3.2 step 5: HB.interval is ignored for a PF path, one probe per RTO */
	if (p->state == SCT_PATH_PF)
		return rto / 2 + jitter;
	return rto / 2 + jitter + sct_ms(p->hb_interval);
}

static void arm(struct sct_assoc *a, struct sct_path *p, sct_time_t now);

/* RFC 7829 3.2 step 1: PF is off when the path would be inactive before it could be PF. */
static bool pf_on(const struct sct_assoc *a, const struct sct_path *p)
{
	return a->par.set.pf_enable && p->pf_retrans < p->path_max_retrans;
}

bool sct_path_error(struct sct_assoc *a, struct sct_path *p, bool count_assoc, sct_time_t now)
{
	/* 8.3: once inactive, keep probing but stop counting */
	if (p->state != SCT_PATH_INACTIVE)
		p->error_count++;
	if (count_assoc && ++a->assoc_errors > a->par.set.association_max_retrans) {
		sct_abort_assoc(a, SCT_COMM_LOST, ETIMEDOUT, NULL);
		return false;
	}
	if (p->error_count > p->path_max_retrans && p->state != SCT_PATH_INACTIVE) {
		/* RFC 7829 3.2 step 8: a PF path goes on to inactive the same way */
		p->state = SCT_PATH_INACTIVE;
		sct_paddr_event(a, p, SCT_ADDR_UNREACHABLE);
	} else if (p->state == SCT_PATH_ACTIVE && p->confirmed && pf_on(a, p) &&
		   p->error_count > p->pf_retrans) {
		/* RFC 7829 3.2 step 2 */
		p->state = SCT_PATH_PF;
		a->ctr.pf_entered++;
		if (a->par.set.pf_expose == SCT_PF_EXPOSE_ENABLE)
			sct_paddr_event(a, p, SCT_ADDR_POTENTIALLY_FAILED);
		/* step 6: heartbeats from now on, one per RTO */
		if (hb_allowed(a))
			arm(a, p, now);
	}
	return true;
}

void sct_path_up(struct sct_assoc *a, struct sct_path *p)
{
	uint8_t was = p->state;

	if (was == SCT_PATH_ACTIVE)
		return;
	p->state = SCT_PATH_ACTIVE;
	/* RFC 7829 3.2 step 12, 7.3: PF -> active is news only when PF is exposed */
	if (was == SCT_PATH_INACTIVE || a->par.set.pf_expose == SCT_PF_EXPOSE_ENABLE)
		sct_paddr_event(a, p, SCT_ADDR_AVAILABLE);
	if (sct_assoc_has_data_to_send(a))
		sct_out_wake(a);
}

static void arm(struct sct_assoc *a, struct sct_path *p, sct_time_t now)
{
	/* RFC 6458 8.1.12: SPP_HB_DISABLE stops the idle probes, not path confirmation */
	if (!p->confirmed || p->hb_enable)
		sct_stack_timer(a->stack, &p->hb, now + interval(a, p));
	else
		sct_timer_stop(&a->stack->timers, &p->hb);
}

static void send_hb(struct sct_assoc *a, struct sct_path *p, sct_time_t now)
{
	uint8_t info[HB_INFO_LEN], chunk[HB_INFO_LEN + 16];
	struct sct_wr iw = sct_wr_init(info, sizeof(info));
	struct sct_wr w = sct_wr_init(chunk, sizeof(chunk));
	struct sct_heartbeat hb = {.info = info, .info_len = sizeof(info)};

	p->hb_nonce = ((uint64_t)sct_rng_u32(&a->stack->rng) << 32) | sct_rng_u32(&a->stack->rng);
	sct_wr_u8(&iw, HB_INFO_VERSION);
	sct_wr_u8(&iw, p->addr.af);
	sct_wr_u32(&iw, p->addr.scope);
	sct_wr_bytes(&iw, p->addr.b, 16);
	sct_wr_u64(&iw, p->hb_nonce);
	sct_wr_u64(&iw, now);
	if (sct_heartbeat_emit(&w, &hb) != 0)
		return;
	if (sct_send_to_path(a, p, a->peer_vtag, chunk, w.off) == 0) {
		p->hb_outstanding = true;
		p->last_send = now;
	}
}

void sct_hb_start(struct sct_assoc *a, sct_time_t now)
{
	uint32_t i;

	for (i = 0; i < a->n_paths; i++)
		arm(a, &a->paths[i], now);
}

void sct_hb_rearm(struct sct_assoc *a, struct sct_path *p, sct_time_t now)
{
	if (hb_allowed(a))
		arm(a, p, now);
}

void sct_hb_send_now(struct sct_assoc *a, struct sct_path *p, sct_time_t now)
{
	/* an earlier probe still unanswered keeps counting from its timer; this one replaces
	 * its nonce, so only the newest HEARTBEAT ACK confirms (5.4) */
	send_hb(a, p, now);
	if (!sct_timer_armed(&p->hb))
		sct_stack_timer(a->stack, &p->hb, now + interval(a, p));
}

void sct_hb_expired(struct sct_assoc *a, struct sct_path *p, sct_time_t now)
{
	if (!hb_allowed(a))
		return;
	if (p->hb_outstanding) {
		p->hb_outstanding = false;
		/*
		 * 8.3: an unanswered HEARTBEAT is an error.  8.1: the association counts
		 * those of the path in use for data only; 5.4: none while confirming a
		 * path.  RFC 7829 3.2 step 6: the timeout of a HEARTBEAT to a PF path may
		 * be ignored while data is outstanding there: T3-rtx counts that loss
		 * already, and counting both would make the association fail faster than
		 * without PF (RFC 7829 4).
		 */
		if (p->state != SCT_PATH_PF || p->flight == 0) {
			if (!sct_path_error(a, p, p->confirmed && p == sct_assoc_data_path(a), now))
				return;
			sct_path_backoff(a, p);
		}
	}
	/*
	 * Only idle paths (no DATA sent in the period) need a heartbeat, and none at all on a
	 * confirmed path whose heartbeats are off (RFC 6458 8.1.12 SPP_HB_DISABLE): the timer
	 * an on-demand HEARTBEAT (RFC 9260 10.1) armed only times that one out.
	 */
	if (!p->confirmed || (p->hb_enable && (now - p->last_send >= sct_ms(p->hb_interval) ||
					       p->state != SCT_PATH_ACTIVE)))
		send_hb(a, p, now); /* RFC 7829 3.2 step 5: a PF path whether idle or not */
	arm(a, p, now);
}

/* RFC 9260 8.3: a HEARTBEAT ACK. */
void sct_sf_8_3_heartbeat_ack(struct sct_rx *rx, const struct sct_chunk *c)
{
	struct sct_assoc *a = rx->a;
	struct sct_heartbeat hb;
	struct sct_rd r;
	struct sct_addr addr;
	struct sct_path *p;
	uint8_t af, b[16];
	uint32_t scope;
	uint64_t nonce;
	sct_time_t sent;

	if (sct_heartbeat_ack_parse(c, &hb) != 0 || hb.info_len != HB_INFO_LEN)
		return;
	r = sct_rd_init(hb.info, hb.info_len);
	if (sct_rd_u8(&r) != HB_INFO_VERSION)
		return;
	af = sct_rd_u8(&r);
	scope = sct_rd_u32(&r);
	sct_rd_copy(&r, b, 16);
	nonce = sct_rd_u64(&r);
	sent = sct_rd_u64(&r);
	if (r.err || (af != SCT_AF_INET4 && af != SCT_AF_INET6))
		return;
	if (af == SCT_AF_INET4)
		sct_addr_v4(&addr, b);
	else
		sct_addr_v6(&addr, b);
	addr.scope = scope;
	p = sct_assoc_path(a, &addr);
	/* 5.4: the nonce must be the one sent to that address */
	if (!p || !p->hb_outstanding || nonce != p->hb_nonce || sent > rx->now)
		return;
	p->hb_outstanding = false;
	sct_path_rtt(a, p, rx->now - sent);
	p->error_count = 0;
	a->assoc_errors = 0;
	if (!p->confirmed) {
		p->confirmed = true;
		sct_paddr_event(a, p, SCT_ADDR_CONFIRMED);
		arm(a, p, rx->now);
	}
	/* RFC 7829 3.2 step 7: a PF path is active again; so is an inactive one (8.3) */
	if (p->state != SCT_PATH_ACTIVE) {
		sct_path_up(a, p);
		if (hb_allowed(a))
			arm(a, p, rx->now); /* back to HB.interval */
	}
}
