/* SPDX-License-Identifier: MIT */
/* internal.h: the engine's objects (stack, endpoint, association, path), private to src/sctp. */
#ifndef SCT_SCTP_INTERNAL_H
#define SCT_SCTP_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "common/hmap.h"
#include "common/log.h"
#include "sctp/cookie.h"
#include "sctp/datatrack.h"
#include "sctp/rxq.h"
#include "sctp/sctp.h"
#include "sctp/timer.h"
#include "sctp/txq.h"

struct sct_assoc;

/* Largest packet the core builds for association-less replies and setup chunks. */
#define SCT_REPLY_MAX 4096
/* Control chunks waiting for an association's next packet (bytes). */
#define SCT_CTL_MAX 8192
/* The IP header overhead subtracted from a path MTU. */
#define SCT_IP4_HDR 20
#define SCT_IP6_HDR 40
#define SCT_UDP_HDR 8
/* Lowest path MTU we accept (IPv6 minimum; RFC 8899 BASE_PLPMTU for IPv4 too). */
#define SCT_MIN_PMTU 1280
/* Paths per association at most (the peer's addresses we keep, plus its source). */
#define SCT_MAX_PATHS 257
/* T5-shutdown-guard = 5 * RTO.Max (RFC 9260 9.2). */
#define SCT_T5_FACTOR 5

enum sct_timer_kind {
	SCT_T_T1 = 1,	  /* T1-init or T1-cookie, by state */
	SCT_T_T2,	  /* T2-shutdown */
	SCT_T_T5,	  /* T5-shutdown-guard */
	SCT_T_COOKIE_KEY, /* stack: cookie key rotation */
	SCT_T_T3,	  /* T3-rtx, per path */
	SCT_T_SACK,	  /* delayed SACK */
	SCT_T_HB,	  /* heartbeat, per path */
	SCT_T_AUTOCLOSE,  /* RFC 6458 8.1.8 SCTP_AUTOCLOSE */
};

enum sct_path_state {
	SCT_PATH_ACTIVE = 0,
	SCT_PATH_INACTIVE,
	SCT_PATH_PF, /* potentially failed (RFC 7829 3): used only when no path is active */
};

/* HyStart++ state of one path (hystart.c, RFC 9406). */
struct sct_hystart {
	sct_time_t last_min, cur_min, css_base; /* SCT_TIME_NEVER: no sample */
	uint32_t window_end;			/* the round ends when this TSN is acked */
	uint16_t samples;
	uint8_t css_rounds;
	bool started, css;
};

struct sct_path {
	struct sct_assoc *assoc;
	struct sct_hnode tnode; /* stack->transports: (local port, peer addr, peer port) */
	struct sct_addr addr;	/* the peer's address */
	uint16_t encap_port;	/* RFC 6951: the peer's UDP port, 0 for raw IP */
	uint8_t state;		/* enum sct_path_state */
	bool confirmed;		/* RFC 9260 5.4 */
	uint32_t error_count;
	uint32_t pmtu;
	/* RFC 9260 6.3.1 */
	sct_time_t rto, srtt, rttvar;
	bool rtt_valid;
	bool rtt_pending; /* a TSN is being timed (C4, C5) */
	uint32_t rtt_tsn;
	sct_time_t rtt_sent;
	/* RFC 9260 7.2, in bytes */
	uint32_t cwnd, ssthresh, pba, flight;
	struct sct_hystart hs; /* RFC 9406 */
	sct_time_t last_send;  /* DATA or HEARTBEAT: the heartbeat timer's idleness (8.3) */
	sct_time_t last_data;  /* DATA only: the idle cwnd decay of 7.2.1 (0: none yet) */
	struct sct_timer t3;
	/* RFC 9260 8.3, 5.4 */
	struct sct_timer hb;
	uint64_t hb_nonce;
	bool hb_outstanding;
	/* RFC 6458 8.1.12: this path's values, from the association's when it was added */
	uint32_t hb_interval; /* ms */
	uint32_t path_max_retrans;
	uint32_t pf_retrans; /* RFC 7829 PotentiallyFailed.Max.Retrans */
	bool hb_enable;
	bool pmtud; /* false: ->pmtu stays as set, ICMP does not change it */
};

/* A queued association-less packet (INIT ACK, OOTB reply, INIT, final ABORT...). */
struct sct_reply {
	struct sct_pktinfo pi;
	uint16_t len;
	uint8_t *buf; /* SCT_REPLY_MAX bytes, allocated once with the ring */
};

struct sct_event_node {
	struct sct_event_node *next;
	struct sct_event ev;
};

struct sct_ep {
	struct sct_stack *stack;
	struct sct_ep *next_in_port; /* endpoints sharing a port (distinct addresses) */
	struct sct_hnode pnode;	     /* stack->eps_by_port */
	uint16_t port;
	bool listening;
	bool v6only;
	bool v4only;
	bool closing;		/* destroyed: freed when its last association goes */
	struct sct_addr *addrs; /* bound addresses; n_addrs == 0: wildcard */
	size_t n_addrs;
	void *ctx;
	struct sct_assoc *assocs; /* list through assoc->ep_next */
	uint32_t n_assocs;
	bool tuned; /* ->params set: new associations copy it, not the stack's */
	struct sct_params params;
};

struct sct_assoc {
	struct sct_assoc_counters ctr;
	struct sct_stack *stack;
	struct sct_ep *ep;
	struct sct_assoc *ep_next, **ep_pprev;
	struct sct_hnode idnode; /* stack->assocs_by_id */
	sct_assoc_id id;
	enum sct_state state;
	bool released; /* the owner let go: free when closed */
	bool zombie;   /* ended; kept until released */

	uint16_t local_port, peer_port;
	uint32_t my_vtag, peer_vtag;
	uint32_t my_tie_tag, peer_tie_tag; /* RFC 9260 5.2.2 */

	struct sct_path *paths;
	uint32_t n_paths;
	uint32_t primary;	    /* index into paths */
	uint32_t init_path;	    /* rotates over the paths for INIT/COOKIE ECHO retransmits */
	struct sct_addr local_addr; /* source address the association was set up on */

	uint32_t my_itsn, next_tsn;
	uint32_t peer_itsn;
	uint32_t cum_tsn_recv;	  /* highest in-sequence TSN received (part 2 tracks gaps) */
	uint16_t os, is;	  /* negotiated streams (RFC 9260 5.1.1) */
	uint16_t req_os, req_mis; /* what we asked for */
	uint32_t peer_rwnd;
	uint32_t my_rwnd;
	uint32_t flags; /* SCT_COOKIE_F_* negotiated */

	/* setup (RFC 9260 5.1) */
	struct sct_timer t1;
	uint32_t init_retrans;
	uint32_t max_init_retrans;
	sct_time_t t1_rto;
	sct_time_t max_init_timeo;
	uint8_t *init_chunk; /* our INIT, resent as is (and its parameters reused, 5.2.1) */
	size_t init_chunk_len;
	uint8_t *cookie; /* the peer's State Cookie, for COOKIE ECHO retransmits */
	size_t cookie_len;

	/* teardown (RFC 9260 9.2) */
	struct sct_timer t2, t5;
	uint32_t t2_retrans;

	/* data receiver (RFC 9260 6.2) */
	struct sct_datatrack dt;
	struct sct_rxq rxq;
	bool data_ready;    /* streams and tracker set up (ESTABLISHED once) */
	bool sack_needed;   /* a SACK goes in the next packet */
	uint32_t sack_path; /* where the last DATA came from: SACKs go back there (6.4) */
	bool got_first_data;
	uint32_t sack_pkts; /* packets with DATA not yet acknowledged */
	struct sct_timer sack_timer;
	uint32_t rwnd_advertised; /* a_rwnd in our last SACK */
	/* ECN (RFC 4960 appendix A; RFC 9260 reserves the chunks but keeps the procedure out) */
	bool ecne_pending; /* CE seen: send ECNE until a CWR covers it */
	uint32_t ecne_tsn;
	uint32_t last_cwr_tsn; /* sender: cwnd was cut for everything up to here */

	/* data sender (RFC 9260 6.1, 6.2.1, 6.3, 7.2) */
	struct sct_txq txq;
	uint16_t *next_ssn;	 /* per outbound stream */
	uint32_t last_cum_acked; /* the peer's Cumulative TSN Ack Point */
	bool fast_recovery;
	bool fr_packet; /* 7.2.4 step 3: one packet of fast retransmissions may ignore cwnd */
	uint32_t fr_exit;
	uint32_t assoc_errors; /* 8.1 association error counter */
	uint32_t burst;	       /* new-data packets sent since the last input */
	bool writable_blocked; /* the application was refused: tell it when room opens */
	bool nodelay;
	uint32_t send_failed; /* messages dropped (stream gone) */

	/*
	 * Control chunks for the next packets: [u16 len][chunk]..., at most
	 * SCT_CTL_MAX bytes.  Allocated when a chunk is queued and freed when the
	 * queue empties: an idle association holds none (issue 8's memory goal).
	 */
	uint8_t *ctl;
	uint32_t ctl_len, ctl_cap;
	uint32_t ctl_dropped;
	struct sct_assoc *out_next; /* stack->out_list while it has output */
	bool on_out_list;

	/* RFC 6458 8: taken from the endpoint at creation, then changed per association */
	struct sct_params par;
	bool peer_adaptation; /* the peer's INIT or INIT ACK had an Adaptation Layer Indication */
	uint32_t peer_adaptation_ind;
	struct sct_timer autoclose; /* RFC 6458 8.1.8: shut down after par.autoclose_s idle */
	sct_time_t last_use;	    /* DATA sent or received last (the autoclose idleness) */
};

struct sct_stack {
	struct sct_stack_cfg cfg;
	struct sct_rng rng;
	struct sct_timer_heap timers;
	struct sct_cookie_keys keys;
	struct sct_timer key_timer;

	struct sct_addr *addrs; /* local addresses */
	size_t n_addrs, cap_addrs;

	struct sct_hmap eps_by_port;
	struct sct_hmap assocs_by_id;
	struct sct_hmap transports;
	uint32_t n_assocs;
	sct_assoc_id next_id;
	uint16_t next_ephemeral;

	/* association-less replies, a ring */
	struct sct_reply *replies;
	uint32_t rep_head, rep_count;
	uint8_t *rep_mem;

	/* associations with control output waiting */
	struct sct_assoc *out_head, *out_tail;

	/* events */
	struct sct_event_node *ev_head, *ev_tail;
	uint32_t n_events;

	struct sct_stack_counters stats;
	struct sct_ratelimit log_rl;
};

/* ---- stack.c */
uint32_t sct_transport_hash(uint16_t local_port, const struct sct_addr *peer, uint16_t peer_port);
struct sct_path *sct_stack_find_path(struct sct_stack *s, uint16_t local_port,
				     const struct sct_addr *peer, uint16_t peer_port);
struct sct_assoc *sct_stack_find_assoc(struct sct_stack *s, sct_assoc_id id);
struct sct_ep *sct_stack_find_ep(struct sct_stack *s, uint16_t port, const struct sct_addr *local);
bool sct_stack_is_local(const struct sct_stack *s, const struct sct_addr *a);
/* An endpoint is freed: events still queued about its associations lose their ->ep. */
void sct_events_forget_ep(struct sct_stack *s, const struct sct_ep *ep);
/* a slot for an association-less packet; NULL when the ring is full (counted) */
struct sct_reply *sct_reply_slot(struct sct_stack *s);
void sct_event_push(struct sct_stack *s, const struct sct_event *ev, bool optional);
void sct_stack_timer(struct sct_stack *s, struct sct_timer *t, sct_time_t when);

/* ---- endpoint.c */
/* the settings @ep gives its next associations (an INIT ACK's cookie life, a_rwnd...) */
static inline const struct sct_settings *sct_ep_settings(const struct sct_ep *ep)
{
	return ep->tuned ? &ep->params.set : &ep->stack->cfg.settings;
}
/* free an endpoint that was destroyed once it has no association left */
void sct_ep_free_if_unused(struct sct_ep *ep);

/* ---- assoc.c */
struct sct_assoc *sct_assoc_new(struct sct_ep *ep, sct_time_t now);
void sct_assoc_free(struct sct_assoc *a);
int sct_assoc_add_path(struct sct_assoc *a, const struct sct_addr *addr, uint16_t encap_port);
struct sct_path *sct_assoc_path(struct sct_assoc *a, const struct sct_addr *addr);
void sct_assoc_set_state(struct sct_assoc *a, enum sct_state st);
/* end the association: stop timers, leave the lookup tables, queue the final event */
void sct_assoc_close(struct sct_assoc *a, uint16_t how, uint16_t cause, int err,
		     const uint8_t *info, size_t info_len);
void sct_assoc_event(struct sct_assoc *a, uint16_t state, uint16_t cause, int err,
		     const uint8_t *info, size_t info_len);
void sct_assoc_timer(struct sct_assoc *a, struct sct_timer *t, sct_time_t now);
uint32_t sct_assoc_pmtu_payload(const struct sct_assoc *a, const struct sct_path *p);

/* ---- out.c */
/* queue a control chunk built by @emit into the association's next packets */
int sct_ctl_queue(struct sct_assoc *a, const uint8_t *chunk, size_t len);
void sct_ctl_clear(struct sct_assoc *a);
void sct_out_wake(struct sct_assoc *a);
/* build and queue a whole association-less packet: common header + one chunk */
int sct_reply_packet(struct sct_stack *s, const struct sct_pktinfo *pi, uint16_t sport,
		     uint16_t dport, uint32_t vtag, const uint8_t *chunk, size_t chunk_len);
/* a whole packet with one chunk to path @p, built now (heartbeats, replies to a path) */
int sct_send_to_path(struct sct_assoc *a, const struct sct_path *p, uint32_t vtag,
		     const uint8_t *chunk, size_t len);
int sct_out_assoc(struct sct_assoc *a, uint8_t *buf, size_t cap, struct sct_pktinfo *pi,
		  sct_time_t now);

uint32_t sct_assoc_rwnd(const struct sct_assoc *a);
/* bytes of a message's in-order start that make it go up in pieces (data_rx.c) */
size_t sct_assoc_pd_point(const struct sct_assoc *a);
/* a message partly delivered goes with the association: SCT_EV_PARTIAL_DELIVERY (once) */
void sct_assoc_pd_aborted(struct sct_assoc *a);

/* ---- path.c (RFC 9260 6.3, 7.2) */
uint32_t sct_path_pmdcs(const struct sct_assoc *a, const struct sct_path *p);
void sct_path_reset_cc(struct sct_assoc *a, struct sct_path *p);
void sct_path_rtt(struct sct_assoc *a, struct sct_path *p, sct_time_t r);
/* hystart.c: forget the rounds (a new path, a loss) */
void sct_hs_reset(struct sct_hystart *h);
/* an RTT sample from a chunk sent once, acked now */
void sct_hs_sample(struct sct_hystart *h, sct_time_t rtt);
/* per SACK in slow start, after its samples: the divisor of this SACK's cwnd growth */
uint32_t sct_hs_sack(struct sct_assoc *a, struct sct_path *p);
void sct_path_backoff(struct sct_assoc *a, struct sct_path *p);
struct sct_path *sct_assoc_data_path(struct sct_assoc *a);

/* ---- params.c (RFC 6458 8) */
/* DATA went out or came in: the autoclose idle time starts again */
static inline void sct_assoc_used(struct sct_assoc *a, sct_time_t now)
{
	a->last_use = now;
}
/* the association is up (or its autoclose delay changed): arm the autoclose timer */
void sct_autoclose_arm(struct sct_assoc *a, sct_time_t now);
void sct_autoclose_expired(struct sct_assoc *a, sct_time_t now);
/* after COMM_UP: SCT_EV_ADAPTATION when the peer sent its indication (RFC 6458 6.1.6) */
void sct_adaptation_event(struct sct_assoc *a);
/* append our Adaptation Layer Indication parameter (RFC 5061 4.2.6) when @ind is not 0 */
void sct_put_adaptation(struct sct_wr *w, uint32_t ind);
/* a new path takes the association's per-path values */
void sct_path_params_init(struct sct_assoc *a, struct sct_path *p);
/* user bytes one DATA chunk to @p may carry (SCTP_MAXSEG, the PMDCS) */
uint32_t sct_assoc_frag_point(const struct sct_assoc *a, const struct sct_path *p);

/* ---- hb.c (RFC 9260 8.3, 5.4, 8.2) */
void sct_hb_start(struct sct_assoc *a, sct_time_t now);
/* re-arm (or stop) @p's heartbeat timer after its values changed */
void sct_hb_rearm(struct sct_assoc *a, struct sct_path *p, sct_time_t now);
/* one HEARTBEAT to @p now, whatever the timer says (REQUEST HEARTBEAT) */
void sct_hb_send_now(struct sct_assoc *a, struct sct_path *p, sct_time_t now);
void sct_hb_expired(struct sct_assoc *a, struct sct_path *p, sct_time_t now);
/* a transmission to @p went unanswered: count it (8.1, 8.2), maybe making @p PF
 * (RFC 7829 3.2); false when the association was closed because of it */
bool sct_path_error(struct sct_assoc *a, struct sct_path *p, bool count_assoc, sct_time_t now);
/* @p answered: a PF or inactive path is active again (RFC 7829 3.2 steps 7, 10; 8.3) */
void sct_path_up(struct sct_assoc *a, struct sct_path *p);
void sct_paddr_event(struct sct_assoc *a, const struct sct_path *p, uint16_t state);

/* ---- data.c (RFC 9260 6) */
int sct_assoc_data_start(struct sct_assoc *a, sct_time_t now);
void sct_assoc_data_free(struct sct_assoc *a);
/* DATA chunks to add to a packet being built for path @p: returns bytes written */
size_t sct_out_data(struct sct_assoc *a, struct sct_path *p, struct sct_wr *w, size_t limit,
		    sct_time_t now, bool *no_df);
bool sct_out_sack(struct sct_assoc *a, struct sct_wr *w, size_t limit);
bool sct_assoc_has_data_to_send(const struct sct_assoc *a);
/* mark an outstanding chunk for retransmission (out of flight, back into rwnd) */
void sct_mark_rtx(struct sct_assoc *a, struct sct_txchunk *c);
void sct_t3_expired(struct sct_assoc *a, struct sct_path *p, sct_time_t now);
void sct_sack_timer_expired(struct sct_assoc *a, sct_time_t now);
/* the peer's cumulative ack from a SHUTDOWN chunk (9.2) */
void sct_data_cum_ack(struct sct_assoc *a, uint32_t cum, sct_time_t now);
bool sct_assoc_all_acked(const struct sct_assoc *a);

/* ---- sendfail.c (RFC 6458 6.1.11) */
/* the association gives up its data (@cause: the RFC 9260 cause code of its end, or 0):
 * SCT_EV_SEND_FAILED for each outstanding chunk and waiting message, which are freed */
void sct_send_failed_all(struct sct_assoc *a, uint16_t cause);
/* waiting messages at the head of the queue on a stream the peer did not grant go (5.1.1) */
void sct_send_failed_streams(struct sct_assoc *a);

/* ---- sm_init.c (RFC 9260 5) */
struct sct_rx; /* the packet being processed, see input.c */
int sct_send_init(struct sct_assoc *a, sct_time_t now);
void sct_t1_expired(struct sct_assoc *a, sct_time_t now);

/* ---- sm_term.c (RFC 9260 9) */
void sct_send_abort(struct sct_assoc *a, uint16_t cause, const void *data, size_t len);
void sct_t2_expired(struct sct_assoc *a, sct_time_t now);
void sct_t5_expired(struct sct_assoc *a, sct_time_t now);
int sct_start_shutdown(struct sct_assoc *a, sct_time_t now);
/* 9.2: SHUTDOWN-PENDING / SHUTDOWN-RECEIVED move on once everything is acknowledged */
void sct_shutdown_progress(struct sct_assoc *a, sct_time_t now);
void sct_queue_shutdown(struct sct_assoc *a);

#endif /* SCT_SCTP_INTERNAL_H */
