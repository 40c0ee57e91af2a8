/* SPDX-License-Identifier: MIT */
/* loop.h: sctund's event loop: epoll with typed references, one timerfd, a signalfd. */
#ifndef SCTUND_LOOP_H
#define SCTUND_LOOP_H

#include <stdbool.h>
#include <signal.h>
#include <stdint.h>
#include <sys/epoll.h>
#include <time.h>

#include "common/time.h"

/*
 * What an epoll reference points at.  The loop owns LOOP_REF_TIMER and
 * LOOP_REF_SIGNAL; the others are dispatched to the handler registered for
 * their type with loop_set_handler().
 */
enum loop_ref_type {
	LOOP_REF_NONE = 0,
	LOOP_REF_TIMER,	     /* the timerfd (the core's next expiry) */
	LOOP_REF_SIGNAL,     /* the signalfd */
	LOOP_REF_TUN,	     /* the TUN fd */
	LOOP_REF_UDP,	     /* an RFC 6951 UDP socket */
	LOOP_REF_NL,	     /* netlink events */
	LOOP_REF_IPC_LISTEN, /* the IPC listening socket */
	LOOP_REF_IPC_CONN,   /* one IPC control connection */
	LOOP_REF_IPC_DATA,   /* sctund's end of an application socket's data socketpair */
	LOOP_REF_TEST,	     /* for tests */
	LOOP_REF_MAX,
};

/* What epoll_event.data.ptr points at (passt's epoll_ref, as a struct). */
struct loop_ref {
	enum loop_ref_type type;
	int fd;
	void *ptr; /* the handler's object (a session, the TUN state...) */
};

struct loop;

/*
 * A handler for one ready fd.  Handlers must not block: fds are non-blocking
 * and a handler reads at most a batch (LOOP_BATCH packets) per call, so one
 * busy fd cannot starve the others; level-triggered epoll calls it again.
 */
typedef void (*loop_handler)(struct loop *l, struct loop_ref *ref, uint32_t events, sct_time_t now);

/* Packets a handler reads from one fd per wake-up. */
#define LOOP_BATCH 64
/* epoll events taken per turn. */
#define LOOP_EVENTS 32

/* What the daemon plugs into the loop (any may be NULL). */
struct loop_ops {
	/* The timerfd fired: run the core's timers. */
	void (*expiry)(void *ctx, sct_time_t now);
	/* The next time expiry() is due, or SCT_TIME_NEVER; asked after every turn. */
	sct_time_t (*next_expiry)(void *ctx, sct_time_t now);
	/* SIGTERM, SIGINT or SIGHUP arrived.  Without it, SIGTERM and SIGINT stop the loop. */
	void (*signal)(void *ctx, int signo, sct_time_t now);
	/* Once per turn, after the handlers (flush the pcap...). */
	void (*turn_end)(void *ctx, sct_time_t now);
};

struct loop {
	int epfd, tfd, sfd;
	struct loop_ref timer_ref, signal_ref;
	loop_handler handlers[LOOP_REF_MAX];
	const struct loop_ops *ops;
	void *ctx;
	sct_time_t armed; /* what the timerfd is set to; SCT_TIME_NEVER: disarmed */
	bool stop;
	uint64_t turns;
	/* the batch loop_turn() is dispatching: loop_del() forgets its rest */
	struct epoll_event *batch;
	int batch_i, batch_n;
};

/**
 * loop_init() - create the epoll fd, the timerfd and the signalfd.
 * @l:   loop to initialise
 * @ops: the daemon's hooks (kept, not copied)
 * @ctx: passed to them
 *
 * SIGTERM, SIGINT and SIGHUP are blocked in the calling thread and read from
 * the signalfd instead; SIGPIPE is ignored (a client that went away is an
 * EPIPE to handle, not a death).
 * Return: 0; -errno of epoll_create1(), timerfd_create(), signalfd() or
 * sigprocmask().
 */
int loop_init(struct loop *l, const struct loop_ops *ops, void *ctx);

/** loop_set_handler() - the handler for refs of @type (not TIMER or SIGNAL). */
void loop_set_handler(struct loop *l, enum loop_ref_type type, loop_handler fn);

/**
 * loop_add() - watch @ref->fd for @events (EPOLLIN...).
 * Return: 0; -EINVAL for a type without a handler; -errno of epoll_ctl().
 */
int loop_add(struct loop *l, struct loop_ref *ref, uint32_t events);

/** loop_mod() - change the events watched.  Return: 0, -errno of epoll_ctl(). */
int loop_mod(struct loop *l, struct loop_ref *ref, uint32_t events);

/** loop_del() - stop watching @ref->fd (call before closing it).  Return: 0, -errno. */
int loop_del(struct loop *l, struct loop_ref *ref);

/**
 * loop_turn() - one turn: wait, read `now` once, dispatch, re-arm the timer.
 * @l:          loop
 * @timeout_ms: epoll_wait() timeout (-1: until something happens)
 *
 * Return: events handled (0 on a timeout or EINTR); -errno of epoll_wait().
 */
int loop_turn(struct loop *l, int timeout_ms);

/**
 * loop_run() - turn until loop_stop().
 * Return: 0; -errno when epoll_wait() failed.
 */
int loop_run(struct loop *l);

/** loop_stop() - end loop_run() after the current turn. */
void loop_stop(struct loop *l);

/**
 * loop_after_fork() - register the signalfd again in a child made by fork(2) after
 * loop_init() (daemonizing): the registration made by the parent never wakes the child.
 * Return: 0; -errno of epoll_ctl().
 */
int loop_after_fork(struct loop *l);

/*
 * loop_close() - close the loop's fds (safe twice, after loop_init()).  The
 * signals stay blocked: unblocking would let one that arrived since the last
 * turn kill the process on its way out.
 */
void loop_close(struct loop *l);

/** loop_now() - CLOCK_MONOTONIC in nanoseconds: the one clock read of a turn. */
sct_time_t loop_now(void);

/**
 * loop_timer_spec() - the absolute CLOCK_MONOTONIC itimerspec for @expiry.
 * @expiry: nanoseconds, or SCT_TIME_NEVER to disarm
 * @its:    filled; it_interval is always zero (one-shot)
 *
 * An all-zero it_value disarms a timerfd, so an expiry of 0 (already due) is
 * set to 1 ns, which has passed and fires at once.
 */
void loop_timer_spec(sct_time_t expiry, struct itimerspec *its);

#endif /* SCTUND_LOOP_H */
