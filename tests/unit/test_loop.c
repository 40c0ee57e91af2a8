/* SPDX-License-Identifier: MIT */
/* test_loop.c: the epoll loop: timer arming, one `now` per turn, typed dispatch, signals. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/timerfd.h>
#include <unistd.h>

#include "daemon/loop.h"
#include "harness.h"

static void timer_spec_math(void)
{
	struct itimerspec its;

	loop_timer_spec(SCT_TIME_NEVER, &its);
	CU_ASSERT_EQUAL(its.it_value.tv_sec, 0);
	CU_ASSERT_EQUAL(its.it_value.tv_nsec, 0); /* disarms */
	loop_timer_spec(0, &its);
	CU_ASSERT_EQUAL(its.it_value.tv_sec, 0);
	CU_ASSERT_EQUAL(its.it_value.tv_nsec, 1); /* due now, and not "disarm" */
	loop_timer_spec(1500 * SCT_NSEC_PER_MSEC, &its);
	CU_ASSERT_EQUAL(its.it_value.tv_sec, 1);
	CU_ASSERT_EQUAL(its.it_value.tv_nsec, 500000000);
	loop_timer_spec(86400 * SCT_NSEC_PER_SEC + 999999999, &its);
	CU_ASSERT_EQUAL(its.it_value.tv_sec, 86400);
	CU_ASSERT_EQUAL(its.it_value.tv_nsec, 999999999);
	CU_ASSERT_EQUAL(its.it_interval.tv_sec, 0);
	CU_ASSERT_EQUAL(its.it_interval.tv_nsec, 0);
}

/* A fake daemon: records what the loop did. */
struct fake {
	struct loop *l;
	sct_time_t due;	  /* next expiry it reports */
	int expiries;	  /* expiry() calls with something due */
	int early;	  /* expiry() calls before it */
	sct_time_t fired; /* `now` of the last expiry() */
	int signals[8];	  /* signal() calls */
	int n_signals;
	int handled;	    /* fd handler calls */
	sct_time_t seen[4]; /* `now` of each handler call of a turn */
	sct_time_t turn_now;
	int pipe_w; /* write end of the pipe the handler drains */
};

static void f_expiry(void *ctx, sct_time_t now)
{
	struct fake *f = ctx;

	if (now < f->due) {
		f->early++; /* the timer was left armed earlier: nothing due */
		return;
	}
	f->expiries++;
	f->fired = now;
	f->due = SCT_TIME_NEVER;
}

static sct_time_t f_next(void *ctx, sct_time_t now)
{
	return ((struct fake *)ctx)->due;
}

static void f_signal(void *ctx, int signo, sct_time_t now)
{
	struct fake *f = ctx;

	if (f->n_signals < 8)
		f->signals[f->n_signals++] = signo;
	if (signo == SIGTERM)
		loop_stop(f->l);
}

static void f_turn_end(void *ctx, sct_time_t now)
{
	((struct fake *)ctx)->turn_now = now;
}

static const struct loop_ops fake_ops = {
    .expiry = f_expiry,
    .next_expiry = f_next,
    .signal = f_signal,
    .turn_end = f_turn_end,
};

static struct fake *fake_of(struct loop *l)
{
	return l->ctx;
}

static void drain(struct loop *l, struct loop_ref *ref, uint32_t events, sct_time_t now)
{
	struct fake *f = fake_of(l);
	char buf[64];

	if (f->handled < 4)
		f->seen[f->handled] = now;
	f->handled++;
	while (read(ref->fd, buf, sizeof(buf)) > 0)
		;
}

/* The timerfd fires at the absolute time the hooks asked for, not before. */
static void timer_fires_at_next_expiry(void)
{
	struct fake f = {0};
	struct loop l;
	sct_time_t start;
	int i;

	CU_ASSERT_EQUAL_FATAL(loop_init(&l, &fake_ops, &f), 0);
	f.l = &l;
	start = loop_now();
	f.due = start + 20 * SCT_NSEC_PER_MSEC;
	/* one turn that times out arms the timer */
	CU_ASSERT_EQUAL(loop_turn(&l, 0), 0);
	CU_ASSERT_EQUAL(l.armed, f.due);
	for (i = 0; i < 50 && !f.expiries; i++)
		CU_ASSERT_TRUE(loop_turn(&l, 1000) >= 0);
	CU_ASSERT_EQUAL(f.expiries, 1);
	CU_ASSERT_TRUE(f.fired >= start + 20 * SCT_NSEC_PER_MSEC);
	CU_ASSERT_TRUE(f.fired < start + 2 * SCT_NSEC_PER_SEC);
	CU_ASSERT_EQUAL(l.armed, SCT_TIME_NEVER);
	/* an expiry already past fires on the next turn */
	f.due = 0;
	CU_ASSERT_EQUAL(loop_turn(&l, 0), 0);
	for (i = 0; i < 5 && f.expiries < 2; i++)
		loop_turn(&l, 1000);
	CU_ASSERT_EQUAL(f.expiries, 2);
	loop_close(&l);
	loop_close(&l);
}

/*
 * A later expiry does not re-arm a timer armed earlier (one syscall per turn
 * saved): the early one fires, finds nothing due, and the later one is armed;
 * an earlier expiry re-arms at once.
 */
static void timer_later_expiry_kept(void)
{
	struct fake f = {0};
	struct loop l;
	sct_time_t start, first;
	int i;

	CU_ASSERT_EQUAL_FATAL(loop_init(&l, &fake_ops, &f), 0);
	f.l = &l;
	start = loop_now();
	first = f.due = start + 300 * SCT_NSEC_PER_MSEC; /* margins for a loaded machine */
	CU_ASSERT_EQUAL(loop_turn(&l, 0), 0);
	CU_ASSERT_EQUAL(l.armed, first);
	f.due = start + 600 * SCT_NSEC_PER_MSEC; /* pushed back, as T3-rtx at a SACK */
	CU_ASSERT_EQUAL(loop_turn(&l, 0), 0);
	CU_ASSERT_EQUAL(l.armed, first); /* kept */
	/* the early fire: the hook runs (fake_ops counts it) and the real expiry is armed */
	for (i = 0; i < 50 && l.armed == first; i++)
		loop_turn(&l, 1000);
	CU_ASSERT_EQUAL(l.armed, start + 600 * SCT_NSEC_PER_MSEC);
	CU_ASSERT_EQUAL(f.early, 1);
	CU_ASSERT_EQUAL(f.expiries, 0);
	CU_ASSERT_TRUE(loop_now() >= first);
	/* the real one fires at its time, not before */
	for (i = 0; i < 50 && !f.expiries; i++)
		loop_turn(&l, 1000);
	CU_ASSERT_TRUE(f.fired >= start + 600 * SCT_NSEC_PER_MSEC);
	/* an earlier expiry re-arms */
	f.due = loop_now() + SCT_NSEC_PER_SEC;
	CU_ASSERT_EQUAL(loop_turn(&l, 0), 0);
	CU_ASSERT_EQUAL(l.armed, f.due);
	f.due -= SCT_NSEC_PER_SEC / 2;
	CU_ASSERT_EQUAL(loop_turn(&l, 0), 0);
	CU_ASSERT_EQUAL(l.armed, f.due);
	loop_close(&l);
}

/* Every handler of a turn, and turn_end, see the same `now`. */
static void one_now_per_turn(void)
{
	struct fake f = {0};
	struct loop l;
	int p1[2], p2[2];
	struct loop_ref r1, r2;

	f.due = SCT_TIME_NEVER;
	CU_ASSERT_EQUAL_FATAL(loop_init(&l, &fake_ops, &f), 0);
	f.l = &l;
	CU_ASSERT_EQUAL_FATAL(pipe2(p1, O_NONBLOCK), 0);
	CU_ASSERT_EQUAL_FATAL(pipe2(p2, O_NONBLOCK), 0);
	r1 = (struct loop_ref){.type = LOOP_REF_TEST, .fd = p1[0]};
	r2 = (struct loop_ref){.type = LOOP_REF_TEST, .fd = p2[0]};
	CU_ASSERT_EQUAL(loop_add(&l, &r1, EPOLLIN), -EINVAL); /* no handler yet */
	loop_set_handler(&l, LOOP_REF_TEST, drain);
	CU_ASSERT_EQUAL(loop_add(&l, &r1, EPOLLIN), 0);
	CU_ASSERT_EQUAL(loop_add(&l, &r2, EPOLLIN), 0);
	CU_ASSERT_EQUAL(write(p1[1], "a", 1), 1);
	CU_ASSERT_EQUAL(write(p2[1], "b", 1), 1);
	CU_ASSERT_EQUAL(loop_turn(&l, 1000), 2);
	CU_ASSERT_EQUAL(f.handled, 2);
	CU_ASSERT_EQUAL(f.seen[0], f.seen[1]);
	CU_ASSERT_EQUAL(f.turn_now, f.seen[0]);
	/* drained: nothing more */
	CU_ASSERT_EQUAL(loop_turn(&l, 0), 0);
	CU_ASSERT_EQUAL(f.handled, 2);
	CU_ASSERT_EQUAL(loop_del(&l, &r1), 0);
	CU_ASSERT_EQUAL(write(p1[1], "a", 1), 1);
	CU_ASSERT_EQUAL(loop_turn(&l, 0), 0);
	CU_ASSERT_EQUAL(f.handled, 2);
	close(p1[0]);
	close(p1[1]);
	close(p2[0]);
	close(p2[1]);
	loop_close(&l);
}

/*
 * A handler that loop_del()s and frees another reference of the same batch
 * (a child socket's end frees its parent): that reference's pending event is
 * not dispatched.  Each handler kills the other, so whichever runs first, the
 * second must not run; ASan sees the freed one touched otherwise.
 */
struct victim {
	struct loop_ref ref;
	struct victim **other;
	int *calls;
};

static void kill_other(struct loop *l, struct loop_ref *ref, uint32_t events, sct_time_t now)
{
	struct victim *v = ref->ptr;
	struct victim *o = *v->other;

	(*v->calls)++;
	if (o) {
		CU_ASSERT_EQUAL(loop_del(l, &o->ref), 0);
		*v->other = NULL;
		free(o);
	}
}

static void del_in_batch(void)
{
	struct fake f = {0};
	struct loop l;
	struct victim *a, *b, *pa, *pb;
	int pipe_a[2], pipe_b[2], calls = 0;

	f.due = SCT_TIME_NEVER;
	CU_ASSERT_EQUAL_FATAL(loop_init(&l, &fake_ops, &f), 0);
	loop_set_handler(&l, LOOP_REF_TEST, kill_other);
	CU_ASSERT_EQUAL_FATAL(pipe2(pipe_a, O_NONBLOCK), 0);
	CU_ASSERT_EQUAL_FATAL(pipe2(pipe_b, O_NONBLOCK), 0);
	a = calloc(1, sizeof(*a));
	b = calloc(1, sizeof(*b));
	CU_ASSERT_FATAL(a && b);
	pa = a;
	pb = b;
	a->ref = (struct loop_ref){.type = LOOP_REF_TEST, .fd = pipe_a[0], .ptr = a};
	b->ref = (struct loop_ref){.type = LOOP_REF_TEST, .fd = pipe_b[0], .ptr = b};
	a->other = &pb; /* a's handler frees b */
	b->other = &pa;
	a->calls = b->calls = &calls;
	CU_ASSERT_EQUAL(loop_add(&l, &a->ref, EPOLLIN), 0);
	CU_ASSERT_EQUAL(loop_add(&l, &b->ref, EPOLLIN), 0);
	CU_ASSERT_EQUAL(write(pipe_a[1], "a", 1), 1);
	CU_ASSERT_EQUAL(write(pipe_b[1], "b", 1), 1);
	CU_ASSERT_EQUAL(loop_turn(&l, 1000), 2); /* both were ready */
	CU_ASSERT_EQUAL(calls, 1);		 /* the freed one was not called */
	CU_ASSERT_TRUE((pa == NULL) != (pb == NULL));
	free(pa);
	free(pb);
	close(pipe_a[0]);
	close(pipe_a[1]);
	close(pipe_b[0]);
	close(pipe_b[1]);
	loop_close(&l);
}

/* Signals arrive through the signalfd and are dispatched by number. */
static void signal_dispatch(void)
{
	struct fake f = {0};
	struct loop l;

	f.due = SCT_TIME_NEVER;
	CU_ASSERT_EQUAL_FATAL(loop_init(&l, &fake_ops, &f), 0);
	f.l = &l;
	CU_ASSERT_EQUAL(raise(SIGHUP), 0); /* blocked: pending for the signalfd */
	CU_ASSERT_EQUAL(loop_turn(&l, 1000), 1);
	CU_ASSERT_EQUAL(f.n_signals, 1);
	CU_ASSERT_EQUAL(f.signals[0], SIGHUP);
	CU_ASSERT_FALSE(l.stop);
	CU_ASSERT_EQUAL(raise(SIGINT), 0);
	CU_ASSERT_EQUAL(loop_turn(&l, 1000), 1);
	CU_ASSERT_EQUAL(f.signals[1], SIGINT);
	CU_ASSERT_FALSE(l.stop); /* the daemon's hook decides */
	loop_close(&l);
}

/* Without a signal hook, SIGTERM and SIGINT stop the loop and SIGHUP does not. */
static void default_signal_action(void)
{
	static const struct loop_ops none = {0};
	struct loop l;

	CU_ASSERT_EQUAL_FATAL(loop_init(&l, &none, NULL), 0);
	CU_ASSERT_EQUAL(raise(SIGHUP), 0);
	CU_ASSERT_EQUAL(loop_turn(&l, 1000), 1);
	CU_ASSERT_FALSE(l.stop);
	CU_ASSERT_EQUAL(raise(SIGTERM), 0);
	CU_ASSERT_EQUAL(loop_run(&l), 0); /* returns: stopped */
	CU_ASSERT_TRUE(l.stop);
	loop_close(&l);
}

/*
 * Integration: loop_run() with a timer, a pipe and self-sent signals.  The
 * timer sends SIGHUP; the SIGHUP writes to the pipe; the pipe's handler sends
 * SIGTERM; the SIGTERM stops the loop.
 */
static void chain_expiry(void *ctx, sct_time_t now)
{
	f_expiry(ctx, now);
	kill(getpid(), SIGHUP);
}

static void chain_signal(void *ctx, int signo, sct_time_t now)
{
	struct fake *f = ctx;

	f_signal(ctx, signo, now);
	if (signo == SIGHUP && write(f->pipe_w, "x", 1) != 1)
		loop_stop(f->l);
}

static void chain_pipe(struct loop *l, struct loop_ref *ref, uint32_t events, sct_time_t now)
{
	drain(l, ref, events, now);
	kill(getpid(), SIGTERM);
}

static void run_timer_pipe_signals(void)
{
	static const struct loop_ops chain_ops = {
	    .expiry = chain_expiry,
	    .next_expiry = f_next,
	    .signal = chain_signal,
	    .turn_end = f_turn_end,
	};
	struct fake f = {0};
	struct loop l;
	struct loop_ref r;
	int p[2];

	CU_ASSERT_EQUAL_FATAL(loop_init(&l, &chain_ops, &f), 0);
	f.l = &l;
	CU_ASSERT_EQUAL_FATAL(pipe2(p, O_NONBLOCK), 0);
	f.pipe_w = p[1];
	r = (struct loop_ref){.type = LOOP_REF_TEST, .fd = p[0]};
	loop_set_handler(&l, LOOP_REF_TEST, chain_pipe);
	CU_ASSERT_EQUAL(loop_add(&l, &r, EPOLLIN), 0);
	f.due = loop_now() + 10 * SCT_NSEC_PER_MSEC;
	alarm(10); /* a hang fails the test instead of the suite hanging */
	CU_ASSERT_EQUAL(loop_run(&l), 0);
	alarm(0);
	CU_ASSERT_EQUAL(f.expiries, 1);
	CU_ASSERT_EQUAL(f.n_signals, 2);
	CU_ASSERT_EQUAL(f.signals[0], SIGHUP);
	CU_ASSERT_EQUAL(f.signals[1], SIGTERM);
	CU_ASSERT_EQUAL(f.handled, 1);
	CU_ASSERT_TRUE(l.turns >= 3);
	close(p[0]);
	close(p[1]);
	loop_close(&l);
}

static const struct sct_test loop_tests[] = {
    SCT_TEST(timer_spec_math),
    SCT_TEST(timer_fires_at_next_expiry),
    SCT_TEST(timer_later_expiry_kept),
    SCT_TEST(one_now_per_turn),
    SCT_TEST(del_in_batch),
    SCT_TEST(signal_dispatch),
    SCT_TEST(default_signal_action),
    SCT_TEST(run_timer_pipe_signals),
    SCT_TEST_END,
};

SCT_TEST_MAIN(loop_tests)
