/* SPDX-License-Identifier: MIT */
/* sctp.h: the SCTP engine's public API: a sans-I/O stack driven by its caller. */
#ifndef SCT_SCTP_SCTP_H
#define SCT_SCTP_SCTP_H

/*
 * Theory of operation
 *
 * A struct sct_stack holds endpoints (bound ports, like sockets) and the
 * associations between them and their peers.  It never reads a clock, opens
 * a file descriptor or draws a random number of its own: its caller
 *
 *  - hands it every SCTP packet that arrived, with the time: sct_stack_input();
 *  - hands it ICMP errors about packets it sent: sct_stack_icmp();
 *  - pulls the packets it wants to send into its own buffers, one per call:
 *    sct_stack_output(), until it returns 0;
 *  - asks when the next timer is due (sct_stack_next_expiry()) and calls
 *    sct_stack_advance_time() at or after that moment;
 *  - pulls events (association up/down, peer address changes, errors, data
 *    ready) with sct_stack_poll_event();
 *  - and acts for the application with calls that only change state
 *    (sct_ep_create, sct_ep_connect, sct_assoc_shutdown, sct_assoc_abort, ...):
 *    their packets come out of the next sct_stack_output() calls.
 *
 * Nothing calls back into the caller.  Randomness (verification tags, initial
 * TSNs, the cookie key, heartbeat jitter) comes from the struct sct_rng given
 * at creation, so that a simulator replays a run from a seed.
 *
 * Associations are named by a nonzero sct_assoc_id, as the socket API names
 * them.  An association that ended (its final SCT_EV_ASSOC_CHANGE event was
 * queued) keeps its id until its owner calls sct_assoc_release(), so that
 * status and late data stay readable.
 */

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "common/addr.h"
#include "common/rng.h"
#include "common/time.h"
#include "sctp/settings.h"

struct sct_stack;
struct sct_ep;
struct sct_params;
typedef uint32_t sct_assoc_id;

/* ---------------------------------------------------------------- the stack */

struct sct_stack_cfg {
	struct sct_rng rng;	      /* required */
	struct sct_settings settings; /* sct_settings_defaults() unless changed */
	uint32_t max_replies;	      /* association-less replies queued (INIT ACK, OOTB ABORT) */
	uint32_t max_events;	      /* events queued before the oldest optional ones drop */
	uint32_t mtu;		      /* initial path MTU for new paths (bytes of IP packet) */
};

/** sct_stack_cfg_defaults() - defaults for everything but ->rng. */
void sct_stack_cfg_defaults(struct sct_stack_cfg *cfg);

/**
 * sct_stack_new() - create a stack.
 * Return: the stack, or NULL when out of memory or @cfg has no rng.
 */
struct sct_stack *sct_stack_new(const struct sct_stack_cfg *cfg, sct_time_t now);

/** sct_stack_free() - free the stack and everything in it, sending nothing. */
void sct_stack_free(struct sct_stack *s);

/**
 * sct_stack_settings() - the settings new associations take, unless their endpoint has its own
 * (sct_ep_set_params()); changeable at any time.
 */
struct sct_settings *sct_stack_settings(struct sct_stack *s);

/**
 * sct_stack_add_addr() - an address this host owns (wildcard endpoints use all of them).
 * Return: 0; -EEXIST; -EINVAL for an unspecified or multicast address; -ENOMEM.
 */
int sct_stack_add_addr(struct sct_stack *s, const struct sct_addr *a);
/** sct_stack_del_addr() - forget a local address; -ENOENT when unknown. */
int sct_stack_del_addr(struct sct_stack *s, const struct sct_addr *a);

/** sct_stack_has_addr() - @a is one of the stack's addresses (sct_stack_add_addr()). */
bool sct_stack_has_addr(const struct sct_stack *s, const struct sct_addr *a);

/* Addressing of one packet, in and out. */
struct sct_pktinfo {
	struct sct_addr src; /* out: AF_NONE lets the IP layer choose */
	struct sct_addr dst;
	uint16_t encap_sport; /* RFC 6951 UDP source port; 0 for raw IP */
	uint16_t encap_dport; /* RFC 6951 UDP destination port; 0 for raw IP */
	uint8_t ecn;	      /* in: ECN bits of the IP header; out: bits to send */
	uint8_t flags;	      /* out: SCT_PKT_* */
	uint32_t flowlabel;   /* out: IPv6 flow label (0 lets the IP layer choose) */
};

#define SCT_PKT_DF 0x01 /* out: set DF (IPv4) / do not fragment */

/**
 * sct_stack_input() - process one received SCTP packet (common header first).
 * @pi: its source and destination (and UDP ports when encapsulated).
 *
 * Return: 0 when the packet was processed (which may mean silently
 * discarded as the RFC asks); a negative SCT_WE_* code when it was malformed
 * (bad CRC, bad chunk lengths...); -ENOENT when no endpoint or association
 * took it and it was answered (or not) as out of the blue.  Either way
 * nothing else is needed from the caller; the code is for its counters.
 */
int sct_stack_input(struct sct_stack *s, const struct sct_pktinfo *pi, const uint8_t *pkt,
		    size_t len, sct_time_t now);

/* What an ICMP or ICMPv6 error said about a packet we sent (RFC 9260 10). */
enum sct_icmp_kind {
	SCT_ICMP_FRAG_NEEDED = 1, /* v4 fragmentation needed / v6 packet too big */
	SCT_ICMP_PROTO_UNREACH,	  /* v4 protocol unreachable / v6 unrecognized next header */
	SCT_ICMP_PORT_UNREACH,
	SCT_ICMP_HOST_UNREACH, /* other destination unreachable codes */
	SCT_ICMP_OTHER,
};

struct sct_icmp_report {
	enum sct_icmp_kind kind;
	uint32_t mtu;	     /* SCT_ICMP_FRAG_NEEDED: next-hop MTU (0 when unknown) */
	struct sct_addr src; /* of the quoted packet: our address */
	struct sct_addr dst; /* of the quoted packet: the peer's */
	const uint8_t *sctp; /* the quoted SCTP packet (may be cut short) */
	size_t sctp_len;
};

/**
 * sct_stack_icmp() - act on an ICMP error about one of our packets (RFC 9260 10,
 * appendix C): locate the association, check the quoted verification tag.
 * Return: 0 when acted on; -ENOENT when no association matched; -EPERM when
 * the quoted tag did not match (ignored).
 */
int sct_stack_icmp(struct sct_stack *s, const struct sct_icmp_report *r, sct_time_t now);

/**
 * sct_stack_output() - write the next packet to send into @buf.
 * Return: its length; 0 when nothing is waiting; -ENOSPC when @cap is smaller
 * than the next packet (it stays queued).
 */
int sct_stack_output(struct sct_stack *s, uint8_t *buf, size_t cap, struct sct_pktinfo *pi,
		     sct_time_t now);

/** sct_stack_next_expiry() - when sct_stack_advance_time() is next due (SCT_TIME_NEVER). */
sct_time_t sct_stack_next_expiry(const struct sct_stack *s);

/** sct_stack_advance_time() - run every timer due at @now. */
void sct_stack_advance_time(struct sct_stack *s, sct_time_t now);

/* The stack's counters, named like Linux's /proc/net/sctp/snmp where one exists. */
struct sct_stack_counters {
	uint64_t in_pkts, out_pkts;
	uint64_t in_data_chunks, out_data_chunks; /* SctpInDataChunks... */
	uint64_t in_sacks, out_sacks;
	uint64_t retrans_chunks; /* SctpRetransChunks */
	uint64_t fast_retrans;	 /* SctpFastRetransChunks */
	uint64_t t3_expired;	 /* SctpT3RtxExpireds */
	uint64_t data_dropped_rwnd;
	uint64_t in_bad_crc; /* SctpChecksumErrors */
	uint64_t in_malformed;
	uint64_t ootb; /* SctpOutOfBlues */
	uint64_t bad_vtag;
	uint64_t replies_dropped;
	uint64_t events_dropped;
	uint64_t active_estabs;	 /* SctpActiveEstabs */
	uint64_t passive_estabs; /* SctpPassiveEstabs */
	uint64_t aborteds;	 /* SctpAborteds */
	uint64_t shutdowns;	 /* SctpShutdowns */
	uint64_t stale_cookies;
	uint64_t bad_cookies;
	uint64_t t1_expired; /* SctpT1InitExpireds + T1CookieExpireds */
	uint64_t t2_expired;
};

/** sct_stack_counters() - a copy of the stack's counters. */
void sct_stack_counters(const struct sct_stack *s, struct sct_stack_counters *out);

/**
 * sct_stack_assoc_ids() - the associations that have not ended, for a caller
 * that must act on all of them (sctund shutting every one down on SIGTERM).
 * @out: receives up to @max ids, in no particular order (may be NULL when @max is 0)
 * @max: room in @out
 *
 * Ended associations kept for their owner (see sct_assoc_release()) are not listed.
 * Return: how many associations have not ended, which may be more than @max.
 */
size_t sct_stack_assoc_ids(struct sct_stack *s, sct_assoc_id *out, size_t max);

/* ---------------------------------------------------------------- events */

enum sct_event_type {
	SCT_EV_ASSOC_CHANGE = 1, /* RFC 6458 6.1.1 */
	SCT_EV_PEER_ADDR_CHANGE, /* 6.1.2 */
	SCT_EV_REMOTE_ERROR,	 /* 6.1.3 */
	SCT_EV_SEND_FAILED,	 /* 6.1.11: data given up (optional: bounded by max_events) */
	SCT_EV_SHUTDOWN,	 /* 6.1.5: the peer sent SHUTDOWN */
	SCT_EV_ADAPTATION,	 /* 6.1.6 */
	SCT_EV_PARTIAL_DELIVERY, /* 6.1.7 */
	SCT_EV_SENDER_DRY,	 /* 6.1.9 */
	SCT_EV_STREAM_RESET,	 /* 6.1.10 */
	SCT_EV_DATA,		 /* a message (or part) is ready: sct_assoc_recv() */
	SCT_EV_WRITABLE,	 /* room opened in the send buffer */
};

/* RFC 6458 6.1.1 sac_state values */
enum sct_assoc_change {
	SCT_COMM_UP = 0,
	SCT_COMM_LOST = 1,
	SCT_RESTART = 2,
	SCT_SHUTDOWN_COMP = 3,
	SCT_CANT_STR_ASSOC = 4,
};

/* RFC 6458 6.1.2 spc_state values */
enum sct_paddr_state {
	SCT_ADDR_AVAILABLE = 0,
	SCT_ADDR_UNREACHABLE = 1,
	SCT_ADDR_REMOVED = 2,
	SCT_ADDR_ADDED = 3,
	SCT_ADDR_MADE_PRIM = 4,
	SCT_ADDR_CONFIRMED = 5,
	SCT_ADDR_POTENTIALLY_FAILED = 6,
};

/* the pf_expose setting (RFC 7829 7.3; Linux's net.sctp.pf_expose values) */
enum sct_pf_expose {
	SCT_PF_EXPOSE_UNSET = 0,   /* the state is visible, its transitions are not notified */
	SCT_PF_EXPOSE_DISABLE = 1, /* hidden: SCTP_GET_PEER_ADDR_INFO on a PF path fails */
	SCT_PF_EXPOSE_ENABLE = 2,  /* visible and notified (SCT_ADDR_POTENTIALLY_FAILED) */
};

#define SCT_EVENT_INFO_MAX 256

/* RFC 6458 6.1.11 ssfe_flags: the data never went out, or went out and was not acknowledged */
#define SCT_SEND_FAILED_UNSENT 1
#define SCT_SEND_FAILED_SENT   2

struct sct_event {
	uint16_t type; /* enum sct_event_type */
	sct_assoc_id assoc;
	struct sct_ep *ep; /* the endpoint the association belongs to (NULL once it is freed) */
	union {
		struct {
			uint16_t state;	 /* enum sct_assoc_change */
			uint16_t error;	 /* RFC 9260 error cause code, when one applies */
			int err;	 /* errno the socket API reports (ETIMEDOUT...) */
			uint16_t os, is; /* streams */
		} assoc_change;
		struct {
			struct sct_addr addr;
			uint16_t state; /* enum sct_paddr_state */
			int err;
		} paddr;
		struct {
			uint16_t error; /* cause code of the first cause */
		} remote_error;
		struct {
			uint32_t indication;
		} adaptation;
		struct {
			uint16_t sid, ssn; /* of the message partly delivered (aborted) */
		} pdapi;
		struct {
			uint16_t flags;	    /* SCT_SEND_FAILED_UNSENT or SCT_SEND_FAILED_SENT */
			uint16_t error;	    /* RFC 9260 3.3.10 cause code; 0: none given */
			uint16_t sid;	    /* the message's sct_sndinfo */
			uint16_t snd_flags; /* SCT_SEND_UNORDERED */
			uint32_t ppid, context;
			uint32_t length; /* user bytes not delivered (see sendfail.c) */
		} send_failed;
	} u;
	/* raw bytes that go with it: the ABORT or ERROR chunk (truncated) */
	uint16_t info_len;
	uint8_t info[SCT_EVENT_INFO_MAX];
};

/** sct_stack_has_event() - an event is waiting for sct_stack_poll_event(). */
bool sct_stack_has_event(const struct sct_stack *s);
/** sct_stack_poll_event() - take the oldest event; false when there is none. */
bool sct_stack_poll_event(struct sct_stack *s, struct sct_event *ev);

/* ---------------------------------------------------------------- endpoints */

struct sct_ep_cfg {
	uint16_t port;		      /* 0 picks a free ephemeral port */
	const struct sct_addr *addrs; /* bound addresses; none = every address of the stack */
	size_t n_addrs;
	bool v6only; /* a wildcard endpoint ignores IPv4 (IPV6_V6ONLY) */
	bool v4only; /* a wildcard endpoint ignores IPv6 (an AF_INET socket) */
	void *ctx;   /* the caller's, returned by sct_ep_ctx() */
	/* what its associations start with (sct_params_check()ed); NULL: the stack's settings
	 * at the time each association is created */
	const struct sct_params *params;
};

/**
 * sct_ep_create() - bind an endpoint.
 * Return: 0 and *@out; -ERANGE or -EINVAL when ->params fails sct_params_check(); -EADDRINUSE when
 * the port is taken on an overlapping address; -EADDRNOTAVAIL when an address is not the stack's;
 * -EAGAIN when no ephemeral port is free; -ENOMEM.
 */
int sct_ep_create(struct sct_stack *s, const struct sct_ep_cfg *cfg, struct sct_ep **out);

/** sct_ep_listen() - accept (true) or refuse (false) incoming associations. */
void sct_ep_listen(struct sct_ep *ep, bool on);

/**
 * sct_ep_destroy() - unbind.  Its associations are aborted (@graceful false)
 * or shut down gracefully and freed when they end (@graceful true).
 */
void sct_ep_destroy(struct sct_ep *ep, bool graceful, sct_time_t now);

uint16_t sct_ep_port(const struct sct_ep *ep);

/**
 * sct_ep_find_assoc() - the association of @ep that has a path to @addr:@port and has
 * not ended (one-to-many sockets sending to an address).  Return: its id, or 0.
 */
sct_assoc_id sct_ep_find_assoc(struct sct_stack *s, struct sct_ep *ep, const struct sct_addr *addr,
			       uint16_t port);
void *sct_ep_ctx(const struct sct_ep *ep);
/** sct_ep_set_ctx() - hand @ep to a new owner: sct_ep_ctx() returns @ctx from now on. */
void sct_ep_set_ctx(struct sct_ep *ep, void *ctx);

/* ---------------------------------------------------------------- associations */

enum sct_state {
	SCT_CLOSED = 0,
	SCT_COOKIE_WAIT,
	SCT_COOKIE_ECHOED,
	SCT_ESTABLISHED,
	SCT_SHUTDOWN_PENDING,
	SCT_SHUTDOWN_SENT,
	SCT_SHUTDOWN_RECEIVED,
	SCT_SHUTDOWN_ACK_SENT,
};

const char *sct_state_name(enum sct_state st);

struct sct_connect_params {
	uint16_t port;		      /* the peer's port */
	const struct sct_addr *addrs; /* the peer's addresses (first = primary) */
	size_t n_addrs;
	uint16_t os, mis;	    /* 0 = the settings' init_streams / max_instreams */
	uint16_t max_attempts;	    /* 0 = max_init_retransmits + 1 */
	uint32_t max_init_timeo_ms; /* cap of the T1 backoff; 0 = rto_max */
};

/**
 * sct_ep_connect() - start an association (RFC 9260 5.1 A): INIT goes out next.
 * Return: 0 and *@id; -EINVAL without a peer address or port; -EADDRNOTAVAIL
 * when no local address can reach the peer's family; -EISCONN when an
 * association to that peer already exists; -EMFILE at max_assocs; -ENOMEM.
 */
int sct_ep_connect(struct sct_ep *ep, const struct sct_connect_params *p, sct_time_t now,
		   sct_assoc_id *id);

/**
 * sct_assoc_shutdown() - graceful close (RFC 9260 9.2).
 * Return: 0; -ENOENT for an unknown id; -ENOTCONN when it is not established
 * (an association still being set up is aborted instead, as Linux does).
 */
int sct_assoc_shutdown(struct sct_stack *s, sct_assoc_id id, sct_time_t now);

/**
 * sct_assoc_abort() - abortive close (RFC 9260 9.1) with a User-Initiated
 * Abort cause carrying @reason (may be NULL).  Return: 0; -ENOENT.
 */
int sct_assoc_abort(struct sct_stack *s, sct_assoc_id id, const void *reason, size_t len,
		    sct_time_t now);

/** sct_assoc_release() - forget an association that has ended (or abort and forget one that has
 * not). */
void sct_assoc_release(struct sct_stack *s, sct_assoc_id id, sct_time_t now);

/* ---------------------------------------------------------------- user data */

#define SCT_SEND_UNORDERED	  0x01 /* RFC 6458 SCTP_UNORDERED */
#define SCT_SEND_SACK_IMMEDIATELY 0x02 /* RFC 7053 I bit on the last fragment */

struct sct_sndinfo {
	uint16_t sid;
	uint16_t flags;	  /* SCT_SEND_* */
	uint32_t ppid;	  /* passed through untouched (network order is the caller's business) */
	uint32_t context; /* RFC 6458 snd_context: never sent, returned in SCT_EV_SEND_FAILED */
};

/**
 * sct_assoc_send() - queue one user message (RFC 9260 6.1).  It may be sent
 * while the association is still being set up; it goes once it is up.
 * Return: 0; -ENOENT; -EINVAL for an empty message or a stream outside the
 * outbound streams; -EMSGSIZE when larger than the send buffer; -EAGAIN when
 * the send buffer has no room now (SCT_EV_WRITABLE follows when it has);
 * -EPIPE once a shutdown started (9.2); -ENOMEM.
 */
int sct_assoc_send(struct sct_stack *s, sct_assoc_id id, const struct sct_sndinfo *si,
		   const void *data, size_t len, sct_time_t now);

/** sct_assoc_send_room() - bytes the send buffer takes now (0 for an unknown id). */
size_t sct_assoc_send_room(struct sct_stack *s, sct_assoc_id id);

struct sct_rcvinfo {
	uint16_t sid, ssn;
	uint32_t ppid;
	uint32_t tsn;	  /* of the message's first fragment */
	uint32_t cum_tsn; /* our Cumulative TSN Ack Point when read */
	bool unordered;
	bool eor; /* this read ends the message */
};

/**
 * sct_assoc_recv() - read (part of) the oldest whole message.  A message
 * longer than @cap is read in several calls; ->eor marks the last.
 * Return: bytes read; -EAGAIN when nothing is ready; -ENOENT.
 */
int sct_assoc_recv(struct sct_stack *s, sct_assoc_id id, struct sct_rcvinfo *ri, void *buf,
		   size_t cap, sct_time_t now);

/** sct_assoc_readable() - a message (or its rest) waits for sct_assoc_recv(). */
bool sct_assoc_readable(struct sct_stack *s, sct_assoc_id id);

/** sct_assoc_set_nodelay() - turn Nagle-style bundling delays off (SCTP_NODELAY). */
int sct_assoc_set_nodelay(struct sct_stack *s, sct_assoc_id id, bool on);

/* Per-association counters (RFC 6458 8.2.x SCTP_GET_ASSOC_STATS-like). */
struct sct_assoc_counters {
	uint64_t ipackets, opackets; /* SCTP packets in and out */
	uint64_t idata, odata;	     /* DATA chunks (odata: first transmissions) */
	uint64_t isacks, osacks;
	uint64_t rtx_chunks; /* DATA chunks retransmitted */
	uint64_t fast_rtx;   /* ... of which fast retransmits */
	uint64_t t3_expired; /* T3-rtx expiries */
	uint64_t pf_entered; /* paths that became Potentially Failed (RFC 7829) */
};

struct sct_assoc_status {
	enum sct_state state;
	sct_assoc_id id;
	uint16_t local_port, peer_port;
	uint32_t my_vtag, peer_vtag;
	uint16_t os, is; /* negotiated outbound / inbound streams */
	uint32_t peer_rwnd;
	struct sct_addr primary; /* primary peer address */
	uint8_t primary_state;	 /* enum sct_path_info_state of the primary */
	uint32_t n_paths;
	uint32_t rto_ms;	 /* of the primary path */
	uint32_t srtt_ms;	 /* of the primary path (0 before a measurement) */
	uint32_t cwnd, ssthresh; /* of the primary path */
	uint32_t flight;	 /* bytes in flight, all paths */
	uint32_t init_retransmits;
	uint32_t unacked;	/* DATA chunks outstanding */
	uint32_t pending;	/* bytes queued, not yet sent */
	uint32_t rwnd;		/* our receive window */
	uint32_t cum_tsn_acked; /* the peer's cumulative ack of our data */
	struct sct_assoc_counters ctr;
};

/**
 * sct_assoc_paddrs() - the peer's addresses (primary first) into @out.
 * Return: how many the association has (may be more than @max); -ENOENT.
 */
int sct_assoc_paddrs(struct sct_stack *s, sct_assoc_id id, struct sct_addr *out, size_t max);

/* One path of an association (sctunctl, RFC 6458 SCTP_GET_PEER_ADDR_INFO). */
enum sct_path_info_state {
	SCT_PI_ACTIVE = 0,
	SCT_PI_INACTIVE,
	SCT_PI_PF,	    /* potentially failed (RFC 7829) */
	SCT_PI_UNCONFIRMED, /* RFC 9260 5.4: not confirmed yet */
};

struct sct_path_info {
	struct sct_addr addr;
	uint16_t encap_port; /* RFC 6951 UDP port, 0 for raw IP */
	uint8_t state;	     /* enum sct_path_info_state */
	bool primary;
	uint32_t rto_ms;
	uint32_t srtt_us, rttvar_us; /* 0 before a measurement */
	uint32_t cwnd, ssthresh, flight, pmtu;
	uint32_t error_count;
};

/**
 * sct_assoc_paths() - the association's paths (primary first) into @out.
 * Return: how many it has (may be more than @max); -ENOENT.
 */
int sct_assoc_paths(struct sct_stack *s, sct_assoc_id id, struct sct_path_info *out, size_t max);

/** sct_assoc_status() - a snapshot; -ENOENT for an unknown id. */
int sct_assoc_status(struct sct_stack *s, sct_assoc_id id, struct sct_assoc_status *st);

/* ---------------------------------------------------------------- per-association tuning */

/*
 * RFC 6458 section 8 tunes each association on its own: every association
 * keeps a struct sct_params, copied from its endpoint's when it is created
 * (RFC 6458 7.2: a value set for SCTP_FUTURE_ASSOC is what new associations
 * get), and the core reads only that copy (RTO, retransmission limits,
 * heartbeats, delayed SACK, Max.Burst, buffers).  An endpoint nobody tuned
 * follows the stack's settings, which may change at run time.  Per path,
 * the heartbeat and path-failure values of RFC 9260 8.2 and 8.3 (RFC 6458
 * 8.1.12) start as the association's and may then differ.
 */
struct sct_params {
	struct sct_settings set; /* within the table's bounds (sct_settings_check()) */
	bool hb_enable;		 /* RFC 9260 8.3 heartbeats on idle confirmed paths */
	bool pmtud;		 /* path MTU follows ICMP (RFC 9260 10); false: ->pmtu fixed */
	uint32_t pmtu;		 /* bytes of IP packet while !pmtud; 0: the stack's MTU */
	uint32_t maxseg;	 /* user bytes per DATA chunk at most (SCTP_MAXSEG); 0: PMTU's */
	bool no_frag;		 /* refuse messages that need more than one DATA chunk */
	uint32_t autoclose_s;	 /* seconds idle before a graceful shutdown; 0: never */
	uint32_t adaptation_ind; /* RFC 5061 4.2.6 Adaptation Layer Indication to send; 0: none */
	uint32_t pd_point;	 /* bytes: partial delivery starts (RFC 6458 8.1.21); 0: rcvbuf/2 */
};

/* Per-path values (RFC 6458 8.1.12 SCTP_PEER_ADDR_PARAMS for one address). */
struct sct_path_params {
	uint32_t hb_interval;	   /* ms: HB.interval */
	uint32_t path_max_retrans; /* Path.Max.Retrans */
	uint32_t pf_retrans;	   /* RFC 7829 PotentiallyFailed.Max.Retrans */
	uint32_t pmtu;		   /* bytes of IP packet */
	bool hb_enable;
	bool pmtud;
};

/** sct_params_defaults() - what an untuned endpoint gives its associations now. */
void sct_params_defaults(const struct sct_stack *s, struct sct_params *p);

/**
 * sct_params_check() - @p is usable: settings within the table's bounds with
 * rto_min <= rto_initial <= rto_max; a fixed ->pmtu (when not 0) within
 * [1280, 65535]; ->maxseg at most 65535; ->autoclose_s at most the
 * settings' max_autoclose.
 * Return: 0; -ERANGE (a setting); -EINVAL (pmtu, maxseg, autoclose_s).
 */
int sct_params_check(const struct sct_params *p);

/** sct_ep_params() - what @ep's next associations start with. */
void sct_ep_params(const struct sct_ep *ep, struct sct_params *out);

/**
 * sct_ep_set_params() - change what @ep's next associations start with
 * (its existing associations keep theirs).
 * Return: 0; as sct_params_check().
 */
int sct_ep_set_params(struct sct_ep *ep, const struct sct_params *p);

/** sct_assoc_params() - association @id's values; 0 or -ENOENT. */
int sct_assoc_params(struct sct_stack *s, sct_assoc_id id, struct sct_params *out);

/**
 * sct_assoc_set_params() - change association @id's values, effective at
 * once: paths' RTOs are clamped to the new [RTO.Min, RTO.Max] (RFC 9260
 * 6.3.1 C6, C7) and, before their first measurement, take the new
 * RTO.Initial; heartbeat and path values that changed go to every path,
 * whose heartbeat timers restart; a new autoclose delay counts from now.
 * Return: 0; -ENOENT (unknown or ended); as sct_params_check().
 */
int sct_assoc_set_params(struct sct_stack *s, sct_assoc_id id, const struct sct_params *p,
			 sct_time_t now);

/**
 * sct_assoc_path_params() - the values of @id's path to peer address @addr.
 * Return: 0; -ENOENT (unknown association); -EADDRNOTAVAIL (no such path).
 */
int sct_assoc_path_params(struct sct_stack *s, sct_assoc_id id, const struct sct_addr *addr,
			  struct sct_path_params *out);

/**
 * sct_assoc_set_path_params() - change one path's values; its heartbeat
 * timer restarts with them.
 * Return: 0; -ENOENT; -EADDRNOTAVAIL; -ERANGE (path_max_retrans, pf_retrans or
 * hb_interval outside the settings' bounds); -EINVAL (pmtu outside [1280, 65535]).
 */
int sct_assoc_set_path_params(struct sct_stack *s, sct_assoc_id id, const struct sct_addr *addr,
			      const struct sct_path_params *pp, sct_time_t now);

/**
 * sct_assoc_heartbeat() - send a HEARTBEAT to @addr now (RFC 9260 10.1
 * REQUEST HEARTBEAT; SPP_HB_DEMAND), whether or not heartbeats are enabled.
 * Return: 0; -ENOENT; -EADDRNOTAVAIL; -ENOTCONN (not established).
 */
int sct_assoc_heartbeat(struct sct_stack *s, sct_assoc_id id, const struct sct_addr *addr,
			sct_time_t now);

/**
 * sct_assoc_set_primary() - make @addr the primary path (RFC 9260 10.1 SET
 * PRIMARY); an SCT_ADDR_MADE_PRIM event follows, as Linux sends.
 * Return: 0; -ENOENT; -EADDRNOTAVAIL.
 */
int sct_assoc_set_primary(struct sct_stack *s, sct_assoc_id id, const struct sct_addr *addr);

#endif /* SCT_SCTP_SCTP_H */
