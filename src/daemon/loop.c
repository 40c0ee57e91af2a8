/* SPDX-License-Identifier: MIT */
/* loop.c: the epoll loop: typed references, one timerfd, a signalfd, one `now` per turn. */
#include "config.h"

#include "daemon/loop.h"

#include <errno.h>
#include <string.h>
#include <sys/signalfd.h>
#include <sys/timerfd.h>
#include <unistd.h>
#include "daemon/seccomp.h"

/* seccomp.c's allow-list, once the loop runs: epoll, the signalfd and the timerfd. */
SECCOMP_CALLS(loop, SC(epoll_wait), SC(epoll_pwait), SC(epoll_ctl), SC(read), SC(timerfd_settime),
	      SC(clock_gettime), SC(close));

/*
 * Theory of operation
 *
 * As in passt, every fd in the epoll set carries a pointer to a small typed
 * reference; a turn waits, reads CLOCK_MONOTONIC once, and hands that `now`
 * to every handler it dispatches, so all the work of one turn agrees on the
 * time.  The loop knows nothing of SCTP: the daemon's hooks (struct
 * loop_ops) run the core's timers when the one timerfd fires and say after
 * every turn when the core next needs to run; the timerfd is then armed
 * absolute on CLOCK_MONOTONIC (the same clock as `now`), and only when that
 * time changed, which saves a system call per turn in steady state.
 * Signals arrive through a signalfd, so a signal is an event of the turn
 * like any other and no code runs in signal context.
 */

sct_time_t loop_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (sct_time_t)ts.tv_sec * SCT_NSEC_PER_SEC + (sct_time_t)ts.tv_nsec;
}

void loop_timer_spec(sct_time_t expiry, struct itimerspec *its)
{
	memset(its, 0, sizeof(*its));
	if (expiry == SCT_TIME_NEVER)
		return;
	if (expiry == 0)
		expiry = 1;
	its->it_value.tv_sec = (time_t)(expiry / SCT_NSEC_PER_SEC);
	its->it_value.tv_nsec = (long)(expiry % SCT_NSEC_PER_SEC);
}

static int arm(struct loop *l, sct_time_t expiry)
{
	struct itimerspec its;

	/*
	 * Armed for no later than needed: keep it.  Data transfer pushes T3-rtx
	 * a little further at every SACK, and re-arming on every turn was one
	 * timerfd_settime() per turn; a timer that fires early costs one wake-up
	 * (on_timer(), then the hooks find nothing due and arm the real expiry).
	 */
	if (l->armed <= expiry)
		return 0;
	loop_timer_spec(expiry, &its);
	if (timerfd_settime(l->tfd, TFD_TIMER_ABSTIME, &its, NULL) < 0)
		return -errno;
	l->armed = expiry;
	return 0;
}

int loop_init(struct loop *l, const struct loop_ops *ops, void *ctx)
{
	struct epoll_event ev = {.events = EPOLLIN};
	sigset_t set;
	int ret;

	memset(l, 0, sizeof(*l));
	l->epfd = l->tfd = l->sfd = -1;
	l->ops = ops;
	l->ctx = ctx;
	l->armed = SCT_TIME_NEVER;

	sigemptyset(&set);
	sigaddset(&set, SIGTERM);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGHUP);
	if (sigprocmask(SIG_BLOCK, &set, NULL) < 0)
		return -errno;
	signal(SIGPIPE, SIG_IGN);

	l->epfd = epoll_create1(EPOLL_CLOEXEC);
	l->tfd = timerfd_create(CLOCK_MONOTONIC, TFD_NONBLOCK | TFD_CLOEXEC);
	l->sfd = signalfd(-1, &set, SFD_NONBLOCK | SFD_CLOEXEC);
	if (l->epfd < 0 || l->tfd < 0 || l->sfd < 0)
		goto fail;

	l->timer_ref = (struct loop_ref){.type = LOOP_REF_TIMER, .fd = l->tfd};
	l->signal_ref = (struct loop_ref){.type = LOOP_REF_SIGNAL, .fd = l->sfd};
	ev.data.ptr = &l->timer_ref;
	if (epoll_ctl(l->epfd, EPOLL_CTL_ADD, l->tfd, &ev) < 0)
		goto fail;
	ev.data.ptr = &l->signal_ref;
	if (epoll_ctl(l->epfd, EPOLL_CTL_ADD, l->sfd, &ev) < 0)
		goto fail;
	return 0;
fail:
	ret = -errno;
	loop_close(l);
	return ret;
}

void loop_set_handler(struct loop *l, enum loop_ref_type type, loop_handler fn)
{
	if (type > LOOP_REF_SIGNAL && type < LOOP_REF_MAX)
		l->handlers[type] = fn;
}

int loop_add(struct loop *l, struct loop_ref *ref, uint32_t events)
{
	struct epoll_event ev = {.events = events, .data.ptr = ref};

	if (ref->type <= LOOP_REF_SIGNAL || ref->type >= LOOP_REF_MAX || !l->handlers[ref->type])
		return -EINVAL;
	if (epoll_ctl(l->epfd, EPOLL_CTL_ADD, ref->fd, &ev) < 0)
		return -errno;
	return 0;
}

int loop_mod(struct loop *l, struct loop_ref *ref, uint32_t events)
{
	struct epoll_event ev = {.events = events, .data.ptr = ref};

	if (epoll_ctl(l->epfd, EPOLL_CTL_MOD, ref->fd, &ev) < 0)
		return -errno;
	return 0;
}

int loop_del(struct loop *l, struct loop_ref *ref)
{
	int i;

	/*
	 * The batch being dispatched may still hold events for @ref, whose owner
	 * is about to free it (a child socket's end frees its parent, a session's
	 * end its sockets): forget them, or their handler runs on freed memory.
	 */
	for (i = l->batch_i + 1; l->batch && i < l->batch_n; i++)
		if (l->batch[i].data.ptr == ref)
			l->batch[i].data.ptr = NULL;
	if (epoll_ctl(l->epfd, EPOLL_CTL_DEL, ref->fd, NULL) < 0)
		return -errno;
	return 0;
}

static void on_timer(struct loop *l, sct_time_t now)
{
	uint64_t n;

	/* Drain the expiration count; the timer is one-shot, so it is disarmed now. */
	if (read(l->tfd, &n, sizeof(n)) < 0) {
		/* EAGAIN: re-armed before we read; nothing to drain */
	}
	l->armed = SCT_TIME_NEVER;
	if (l->ops && l->ops->expiry)
		l->ops->expiry(l->ctx, now);
}

static void on_signal(struct loop *l, sct_time_t now)
{
	struct signalfd_siginfo si[8];
	ssize_t n;
	size_t i;

	while ((n = read(l->sfd, si, sizeof(si))) > 0) {
		for (i = 0; i < (size_t)n / sizeof(si[0]); i++) {
			int signo = (int)si[i].ssi_signo;

			if (l->ops && l->ops->signal)
				l->ops->signal(l->ctx, signo, now);
			else if (signo == SIGTERM || signo == SIGINT)
				loop_stop(l);
		}
	}
}

int loop_turn(struct loop *l, int timeout_ms)
{
	struct epoll_event evs[LOOP_EVENTS];
	sct_time_t now;
	int n, i, ret;

	n = epoll_wait(l->epfd, evs, LOOP_EVENTS, timeout_ms);
	if (n < 0) {
		if (errno != EINTR)
			return -errno;
		n = 0;
	}
	now = loop_now();
	l->turns++;
	l->batch = evs;
	l->batch_n = n;
	for (i = 0; i < n; i++) {
		struct loop_ref *ref = evs[i].data.ptr;

		l->batch_i = i;
		if (!ref)
			continue; /* loop_del()eted by an earlier event of this batch */
		switch (ref->type) {
		case LOOP_REF_TIMER:
			on_timer(l, now);
			break;
		case LOOP_REF_SIGNAL:
			on_signal(l, now);
			break;
		default:
			/* loop_add() accepts only types with a handler */
			l->handlers[ref->type](l, ref, evs[i].events, now);
			break;
		}
	}
	l->batch = NULL;
	if (l->ops && l->ops->turn_end)
		l->ops->turn_end(l->ctx, now);
	if (l->ops && l->ops->next_expiry) {
		ret = arm(l, l->ops->next_expiry(l->ctx, now));
		if (ret)
			return ret;
	}
	return n;
}

int loop_run(struct loop *l)
{
	int ret;

	/* Arm the timer for what setup left due before the first wait. */
	if (l->ops && l->ops->next_expiry) {
		ret = arm(l, l->ops->next_expiry(l->ctx, loop_now()));
		if (ret)
			return ret;
	}
	while (!l->stop) {
		ret = loop_turn(l, -1);
		if (ret < 0)
			return ret;
	}
	return 0;
}

void loop_stop(struct loop *l)
{
	l->stop = true;
}

int loop_after_fork(struct loop *l)
{
	struct epoll_event ev = {.events = EPOLLIN, .data.ptr = &l->signal_ref};

	/*
	 * A signalfd wakes the epoll instances that registered it through the registering
	 * process's signal wait queue, so in a forked child it would never report a signal.
	 */
	if (epoll_ctl(l->epfd, EPOLL_CTL_DEL, l->sfd, NULL) < 0 ||
	    epoll_ctl(l->epfd, EPOLL_CTL_ADD, l->sfd, &ev) < 0)
		return -errno;
	return 0;
}

void loop_close(struct loop *l)
{
	if (l->epfd < 0 && l->tfd < 0 && l->sfd < 0)
		return;
	if (l->epfd >= 0)
		close(l->epfd);
	if (l->tfd >= 0)
		close(l->tfd);
	if (l->sfd >= 0)
		close(l->sfd);
	l->epfd = l->tfd = l->sfd = -1;
}
