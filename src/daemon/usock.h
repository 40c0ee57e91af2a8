/* SPDX-License-Identifier: MIT */
/* usock.h: sctund's application sockets: a data socketpair bridged to SCTP associations. */
#ifndef SCTUND_USOCK_H
#define SCTUND_USOCK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/socket.h>
#include <sys/types.h>

#include "common/hmap.h"
#include "common/log.h"
#include "common/time.h"
#include "daemon/loop.h"
#include "daemon/uquota.h"
#include "ipc/ipc.h"
#include "sctp/sctp.h"

/*
 * Limits of the IPC side (SECURITY in sctund(8)): sockets in the whole
 * daemon, and the accept queue of one listening socket (listen()'s backlog
 * is clamped to it).
 */
#define USOCK_MAX	  65536
#define USOCK_BACKLOG_MAX 4096
#define USOCK_BIND_MAX	  8	       /* addresses one socket binds (bind + sctp_bindx) */
#define USOCK_DATA_SNDBUF (256 * 1024) /* asked for each end of a data socket */

enum usock_state {
	USOCK_NEW = 0,	  /* created, maybe bound */
	USOCK_LISTENING,  /* one-to-one listen()ed */
	USOCK_CONNECTING, /* connect() sent INIT */
	USOCK_CONNECTED,  /* association up (or accepted) */
	USOCK_DONE,	  /* the association ended or failed */
};

struct usrv;
struct usock;

/* Default send parameters (RFC 6458 8.1.31 SCTP_DEFAULT_SNDINFO, 8.1.10 DEFAULT_SEND_PARAM). */
struct usnd {
	uint16_t sid;
	uint16_t flags; /* record flags (SCT_IPC_F_UNORDERED...) */
	uint32_t ppid, context, ttl;
};

/* One association of a socket (the one of a one-to-one socket, any of a one-to-many). */
struct uassoc {
	struct sct_hnode node; /* usrv.by_assoc */
	struct usock *us;
	struct uassoc *next; /* in us->assocs */
	sct_assoc_id id;
	uint32_t context;	  /* RFC 6458 8.1.25 SCTP_CONTEXT */
	struct usnd snd;	  /* its default send parameters */
	bool ended;		  /* its final event came: released once its data is delivered */
	struct sct_ipc_addr peer; /* primary peer address: the source of received records */
};

/* An association waiting for accept(); it may end before (RFC 9260 9.2 is quick). */
struct uaccept {
	sct_assoc_id id;
	bool ended; /* accept() still returns it: its data, then end of file */
	int err;    /* ... and this SO_ERROR (ECONNRESET after an ABORT) */
};

/* A record waiting for room in the data socket. */
struct urec {
	struct urec *next;
	size_t len;
	uint8_t b[];
};

/**
 * struct usock - one application socket
 * @ino, @dev: the application end's inode (ADOPT finds the socket by it)
 * @fd, @ref: sctund's end of the data socketpair, in the loop while @in_loop, for the
 *   events @watch (0: hang-up only, which epoll always reports)
 * @ep: the SCTP endpoint (NULL until bound, listened or connected)
 * @parent: an accepted socket's listener, whose endpoint carries the association
 * @children: accepted sockets still using this listener's endpoint
 * @acceptq: associations that are up and wait for accept() (one ACCEPTABLE record each)
 * @hup: every copy of the application's end is closed
 * @app_eof: the application shut its end down for writing (SHUTDOWN sent or queued)
 * @peer_eof: the peer's data ended; sctund shut its end down for writing
 * @assocs: its associations (one-to-one: at most one, also in @assoc)
 * @held: records the data socket had no room for, oldest first (EPOLLOUT resumes)
 * @tx: a user message being gathered from several records, or held for send room
 */
struct usock {
	struct sct_hnode by_ino;
	struct usrv *srv;
	struct usock *next, *prev;
	uint32_t serial; /* for logs */
	uid_t uid;
	uint16_t family, type; /* enum sct_ipc_af, enum sct_ipc_socktype */
	enum usock_state state;
	ino_t ino;
	dev_t dev;
	int fd;
	struct loop_ref ref;
	uint32_t watch;
	bool in_loop;
	unsigned ctl_refs; /* control connections bound to it */
	struct sct_ep *ep;
	struct usock *parent;
	unsigned children;
	sct_assoc_id assoc;
	struct uassoc *assocs;
	/* a message went up in part (partial delivery): the rest before any other association's
	 * records (RFC 6458 8.1.20 level 0, Linux's default) */
	sct_assoc_id rx_partial;
	size_t n_assocs;
	struct uaccept *acceptq;
	size_t n_acceptq, backlog;
	int so_error;
	bool hup, app_eof, peer_eof, rcv_open;
	bool unread_at_close;  /* closed with data still in the core: ABORT, as Linux */
	bool close_pending;    /* a send found the application's end gone: usock_close() to run */
	bool lost, tx_refused; /* one-to-one, association lost: writes refused (EPIPE) once seen */
	/* options */
	bool reuseaddr, reuseport, v6only, nodelay;
	bool linger_on;
	uint32_t linger_s, sndbuf, rcvbuf;
	uint16_t init_os, init_mis, init_attempts, init_timeo;
	uint8_t events[16];
	size_t n_events;
	/* RFC 6458 8 values an endpoint not yet created (and accepted sockets) take */
	struct usock_tune {
		struct sct_params par; /* valid when ->set */
		bool set;
		uint32_t context, pd_point;
		bool frag_interleave;
		struct usnd snd; /* default send parameters of new associations */
	} tune;
	/* binding */
	uint16_t port;
	struct sct_addr bound[USOCK_BIND_MAX];
	size_t n_bound;
	/* data held */
	struct urec *held, **held_tail;
	size_t n_held;
	/* records read in a batch but not taken yet (the association had no room) */
	struct urec *pend, **pend_tail;
	uint8_t *tx;
	size_t tx_len, tx_cap;
	bool tx_ready; /* @tx is a whole message waiting for send room */
	bool tx_eof;   /* ... and SCTP_EOF follows it */
	sct_assoc_id tx_id;
	struct sct_sndinfo tx_si;
	/* SCTP_SENDALL: the associations @tx goes to, @tx_all_next the next (usock_io.c) */
	sct_assoc_id *tx_all;
	size_t n_tx_all, tx_all_next;
};

/* Notifications held for a socket that does not read (more are dropped, counted). */
#define USOCK_HELD_MAX 1024

/* Records usock_rx() sends to an application in one sendmmsg(), and their space. */
#define USRV_OUT_N     32
#define USRV_OUT_SPACE (4 * SCT_IPC_REC_MAX)
/* Records usock_tx() reads from an application with one recvmmsg(). */
#define USRV_IN_N 16

/**
 * struct usrv - every application socket of the daemon
 * @stack: the SCTP core the sockets use
 * @loop: where data sockets are watched
 * @out: records for one socket built by usock_rx(), sent together at its end
 * @in: records of one socket read together by usock_tx()
 * @buf: one record being moved (both directions; never held across calls)
 */
struct usrv {
	struct sct_stack *stack;
	struct loop *loop;
	struct sct_hmap by_ino, by_assoc;
	struct usock *all;
	size_t n;
	uint32_t serial;
	struct sct_ratelimit rl;
	struct uquota quota; /* per-uid sockets (here) and control connections (ipc_srv.c) */
	struct {
		uint64_t rx_msgs, rx_bytes, tx_msgs, tx_bytes;
		uint64_t bad_records, send_errors, notifs, notifs_dropped;
	} st;
	struct {
		size_t n, used;
		struct mmsghdr m[USRV_OUT_N];
		struct iovec iov[USRV_OUT_N];
		uint8_t *space; /* USRV_OUT_SPACE bytes */
	} out;
	struct {
		struct mmsghdr m[USRV_IN_N];
		struct iovec iov[USRV_IN_N];
		uint8_t *space; /* USRV_IN_N records of SCT_IPC_REC_MAX bytes */
	} in;
	uint8_t buf[SCT_IPC_REC_MAX];
};

/** usrv_init() - no sockets yet, no quota (u->quota.max = 0).  Return: 0; -ENOMEM. */
int usrv_init(struct usrv *u, struct sct_stack *s, struct loop *l);

/** usrv_free() - close every socket's data end and free them (at exit; sends nothing). */
void usrv_free(struct usrv *u);

/**
 * usock_new() - a new socket and its data socketpair, counted against @uid's quota.
 * @app_fd: receives the application's end (the caller sends it and closes it)
 *
 * sctund out of descriptors is ENFILE, never EMFILE: the program that asked is
 * not at its own limit, and a daemon-wide table being full is what ENFILE says
 * of the kernel's (socket(2), accept(2)).  EMFILE is the per-user quota, which
 * plays the part of the per-process limit.
 *
 * Return: the socket, or NULL with errno: ENFILE at USOCK_MAX or when sctund is
 * out of descriptors; EMFILE when @uid holds u->quota.max sockets; ENOMEM; or
 * another error of socketpair().
 */
struct usock *usock_new(struct usrv *u, uint16_t family, uint16_t type, uid_t uid, int *app_fd);

/** usock_by_fd() - the socket whose application end @fd is (ADOPT), or NULL. */
struct usock *usock_by_fd(struct usrv *u, int fd);

/** usock_put_ctl() - a control connection let go of @us (it may be freed now). */
void usock_put_ctl(struct usock *us, sct_time_t now);

/**
 * usock_bind() - bind to @addrs (one wildcard or up to USOCK_BIND_MAX addresses,
 * one port); with @add, sctp_bindx(SCTP_BINDX_ADD_ADDR) before the endpoint exists.
 * Return: 0; -EINVAL (already bound, mixed ports, wrong family); -EADDRINUSE;
 * -EADDRNOTAVAIL; -ENOMEM.
 */
int usock_bind(struct usock *us, const struct sct_ipc_addr *addrs, size_t n, bool add);

/**
 * usock_bindx_add() - sctp_bindx(SCTP_BINDX_ADD_ADDR): binds like usock_bind() before
 * the endpoint exists, adds @addrs to a bound socket that has no association yet.
 * Return: as usock_bind(); also -EINVAL for an address bound already or added to a
 * wildcard; -ENOBUFS (more than USOCK_BIND_MAX in all); -EOPNOTSUPP (adding once
 * associations exist or the socket listens).
 */
int usock_bindx_add(struct usock *us, const struct sct_ipc_addr *addrs, size_t n, sct_time_t now);

/** usock_listen() - listen (one-to-one).  Return: 0; -EINVAL when connected; as usock_bind(). */
int usock_listen(struct usock *us, uint32_t backlog);

/**
 * usock_connect() - start an association to @addrs:@port (first = primary).  The
 * application queued one CONNECTING record; it is read when the association is up
 * (which makes the application's end writable) or failed (the end is shut down).
 * Return: -EINPROGRESS (started) and *@id; -EISCONN, -EALREADY; -EINVAL; as
 * sct_ep_connect() and usock_bind().  On an error other than -EINPROGRESS the
 * CONNECTING record was discarded.
 */
int usock_connect(struct usock *us, const struct sct_ipc_addr *addrs, size_t n, uint16_t port,
		  sct_time_t now, sct_assoc_id *id);

/**
 * usock_peeloff() - move association @id of the one-to-many socket @us to a new
 * one-to-one socket (sctp_peeloff()).
 * Return: the new socket and *@app_fd; NULL with errno EINVAL (not one-to-many, or
 * not its association), or as usock_new() (ENFILE, EMFILE...: the association stays
 * on @us).
 */
struct usock *usock_peeloff(struct usock *us, sct_assoc_id id, int *app_fd, sct_time_t now);

/**
 * usock_accept() - take the oldest association waiting on the listener @us.
 * @peer: its primary peer address
 * Return: the accepted socket and *@app_fd (its application end); NULL with errno
 * EINVAL (not listening), EAGAIN (nothing waiting), ECONNABORTED (the association
 * ended before accept), or as usock_new() (ENFILE, EMFILE...: the association stays
 * first in the queue and is announced again with an ACCEPTABLE record).
 */
struct usock *usock_accept(struct usock *us, struct sct_ipc_addr *peer, int *app_fd,
			   sct_time_t now);

/**
 * usock_name() - getsockname (@peer false) or getpeername (@peer true) of association
 * @id (0: the one of a one-to-one socket).
 * Return: 0; -ENOTCONN (getpeername without an association); -EINVAL (not its association).
 */
int usock_name(struct usock *us, sct_assoc_id id, bool peer, struct sct_ipc_addr *out);

/**
 * usock_paddrs() - the peer addresses of association @id (0: the one of a one-to-one socket).
 * Return: how many were written to @out; -ENOTCONN; -EINVAL.
 */
int usock_paddrs(struct usock *us, sct_assoc_id id, struct sct_ipc_addr *out, size_t max);

/**
 * usock_assoc_for() - the association a request about @id means: @id itself when it is one
 * of @us's, the one of a one-to-one socket when @id is 0.  Return: the id, or 0.
 */
sct_assoc_id usock_assoc_for(struct usock *us, sct_assoc_id id);

/**
 * usock_shutdown() - graceful shutdown (SCTP_EOF) of association @id of a one-to-many
 * socket.  Return: 0; -EINVAL (not its association); -ENOTCONN.
 */
int usock_shutdown(struct usock *us, sct_assoc_id id, sct_time_t now);

/** usock_close() - the application closed the socket (CLOSE, or the data end hung up). */
void usock_close(struct usock *us, sct_time_t now);

/**
 * usock_event() - act on an event of the core when it belongs to an application socket.
 * Return: true when it did.
 */
bool usock_event(struct usrv *u, const struct sct_event *ev, sct_time_t now);

/** usock_sockerr() - the pending socket error, cleared (SO_ERROR). */
int usock_sockerr(struct usock *us);

/* Conversions between the IPC's address and the core's. */
void usock_addr_from_ipc(struct sct_addr *a, const struct sct_ipc_addr *ia);
void usock_addr_to_ipc(struct sct_ipc_addr *ia, const struct sct_addr *a, uint16_t port);

#endif /* SCTUND_USOCK_H */
