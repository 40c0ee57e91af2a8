/* SPDX-License-Identifier: MIT */
/* test_usock.c: application sockets: address conversion, socket options, bind rules, lifetime. */
#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

#include "common/rng.h"
#include "daemon/loop.h"
#include "daemon/usock.h"
#include "daemon/usock_impl.h"
#include "daemon/usock_opt.h"
#include "harness.h"

static struct loop l;
static struct sct_stack *stack;
static struct usrv srv;
static struct sct_rng rng;
static struct sct_rng_seeded rng_st;

static void setup(void)
{
	struct sct_stack_cfg cfg;
	struct sct_addr lo;

	CU_ASSERT_EQUAL_FATAL(loop_init(&l, NULL, NULL), 0);
	sct_rng_seeded_init(&rng, &rng_st, 7);
	sct_stack_cfg_defaults(&cfg);
	cfg.rng = rng;
	stack = sct_stack_new(&cfg, 0);
	CU_ASSERT_PTR_NOT_NULL_FATAL(stack);
	sct_addr_v4u32(&lo, 0x7f000001);
	CU_ASSERT_EQUAL(sct_stack_add_addr(stack, &lo), 0);
	CU_ASSERT_EQUAL_FATAL(usrv_init(&srv, stack, &l), 0);
}

static void teardown(void)
{
	usrv_free(&srv);
	sct_stack_free(stack);
	loop_close(&l);
}

static struct usock *new_sock(uint16_t family, uint16_t type, uid_t uid, int *app)
{
	struct usock *us = usock_new(&srv, family, type, uid, app);

	CU_ASSERT_PTR_NOT_NULL_FATAL(us);
	return us;
}

static struct sct_ipc_addr v4(uint32_t host, uint16_t port)
{
	struct sct_ipc_addr a = {.family = SCT_IPC_AF_INET, .port = port};

	a.addr[0] = (uint8_t)(host >> 24);
	a.addr[1] = (uint8_t)(host >> 16);
	a.addr[2] = (uint8_t)(host >> 8);
	a.addr[3] = (uint8_t)host;
	return a;
}

/* ::ffff:a.b.c.d from the shim is IPv4 to SCTP; the way back keeps the family. */
static void addr_conversion(void)
{
	struct sct_ipc_addr m = {.family = SCT_IPC_AF_INET6, .port = 9}, back;
	struct sct_addr a;

	m.addr[10] = m.addr[11] = 0xff;
	m.addr[12] = 192;
	m.addr[15] = 1;
	usock_addr_from_ipc(&a, &m);
	CU_ASSERT_EQUAL(a.af, SCT_AF_INET4);
	CU_ASSERT_EQUAL(a.b[0], 192);
	CU_ASSERT_EQUAL(a.b[3], 1);
	usock_addr_to_ipc(&back, &a, 9);
	CU_ASSERT_EQUAL(back.family, SCT_IPC_AF_INET);
	CU_ASSERT_EQUAL(back.port, 9);
	CU_ASSERT_EQUAL(back.addr[0], 192);
	CU_ASSERT_EQUAL(back.addr[4], 0);
}

static void opts_roundtrip(void)
{
	uint8_t v[USOCK_OPT_MAX], one[4] = {1, 0, 0, 0}, init[8] = {5, 0, 7, 0, 3, 0, 0, 0};
	uint8_t linger[8] = {1, 0, 0, 0, 0, 0, 0, 0}, ev[3] = {0, 1, 1};
	struct usock *us;
	int app;

	setup();
	us = new_sock(SCT_IPC_AF_INET6, SCT_IPC_SOCK_STREAM, 1000, &app);
	CU_ASSERT_EQUAL(usock_setopt(us, SCT_IPC_SOL_SCTP, SCT_IPC_SCTP_NODELAY, one, 4, 0), 0);
	CU_ASSERT_EQUAL(
	    usock_getopt(us, SCT_IPC_SOL_SCTP, SCT_IPC_SCTP_NODELAY, NULL, 0, v, sizeof(v)), 4);
	CU_ASSERT_EQUAL(v[0], 1);
	/* RFC 6458 8.1.3: zero fields keep the defaults */
	CU_ASSERT_EQUAL(usock_setopt(us, SCT_IPC_SOL_SCTP, SCT_IPC_SCTP_INITMSG, init, 8, 0), 0);
	CU_ASSERT_EQUAL(
	    usock_getopt(us, SCT_IPC_SOL_SCTP, SCT_IPC_SCTP_INITMSG, NULL, 0, v, sizeof(v)), 8);
	CU_ASSERT_EQUAL(v[0], 5);
	CU_ASSERT_EQUAL(v[2], 7);
	CU_ASSERT_EQUAL(v[4], 3);
	CU_ASSERT_EQUAL(v[6] | v[7] << 8, 60000); /* rto_max, the default */
	CU_ASSERT_EQUAL(usock_setopt(us, SCT_IPC_SOL_SCTP, SCT_IPC_SCTP_INITMSG, init, 7, 0),
			-EINVAL);
	/* SCTP_EVENTS: any prefix, as Linux */
	CU_ASSERT_EQUAL(usock_setopt(us, SCT_IPC_SOL_SCTP, SCT_IPC_SCTP_EVENTS, ev, 3, 0), 0);
	CU_ASSERT_EQUAL(
	    usock_getopt(us, SCT_IPC_SOL_SCTP, SCT_IPC_SCTP_EVENTS, NULL, 0, v, sizeof(v)), 16);
	CU_ASSERT_EQUAL(v[1], 1);
	CU_ASSERT_EQUAL(v[2], 1);
	CU_ASSERT_EQUAL(v[3], 0);
	CU_ASSERT_EQUAL(usock_setopt(us, SCT_IPC_SOL_SOCKET, SCT_IPC_SO_LINGER, linger, 8, 0), 0);
	CU_ASSERT_TRUE(us->linger_on);
	CU_ASSERT_EQUAL(us->linger_s, 0);
	CU_ASSERT_EQUAL(usock_setopt(us, SCT_IPC_SOL_SOCKET, SCT_IPC_SO_REUSEADDR, one, 2, 0),
			-EINVAL);
	/* read-only, unknown, and not for this family */
	CU_ASSERT_EQUAL(usock_setopt(us, SCT_IPC_SOL_SOCKET, SCT_IPC_SO_ERROR, one, 4, 0),
			-ENOPROTOOPT);
	CU_ASSERT_EQUAL(usock_setopt(us, SCT_IPC_SOL_SCTP, SCT_IPC_SCTP_GET_ASSOC_STATS, one, 4, 0),
			-ENOPROTOOPT);
	/* RFC 6458 8.1.8: one-to-many only, EOPNOTSUPP as Linux */
	CU_ASSERT_EQUAL(usock_setopt(us, SCT_IPC_SOL_SCTP, SCT_IPC_SCTP_AUTOCLOSE, one, 4, 0),
			-EOPNOTSUPP);
	CU_ASSERT_EQUAL(
	    usock_getopt(us, SCT_IPC_SOL_SOCKET, SCT_IPC_SO_TYPE, NULL, 0, v, sizeof(v)), 4);
	CU_ASSERT_EQUAL(v[0], SCT_IPC_SOCK_STREAM);
	CU_ASSERT_EQUAL(
	    usock_getopt(us, SCT_IPC_SOL_SOCKET, SCT_IPC_SO_PROTOCOL, NULL, 0, v, sizeof(v)), 4);
	CU_ASSERT_EQUAL(v[0], 132);
	CU_ASSERT_EQUAL(usock_getopt(us, SCT_IPC_SOL_SCTP, SCT_IPC_SCTP_NODELAY, NULL, 0, v, 8),
			-EINVAL);
	close(app);
	teardown();
}

/* IPV6_V6ONLY only on inet6 sockets, only before bind (Linux). */
static void v6only_before_bind(void)
{
	uint8_t one[4] = {1, 0, 0, 0};
	struct sct_ipc_addr any = {.family = SCT_IPC_AF_INET6};
	struct usock *us4, *us6;
	int a4, a6;

	setup();
	us4 = new_sock(SCT_IPC_AF_INET, SCT_IPC_SOCK_STREAM, 0, &a4);
	us6 = new_sock(SCT_IPC_AF_INET6, SCT_IPC_SOCK_STREAM, 0, &a6);
	CU_ASSERT_EQUAL(usock_setopt(us4, SCT_IPC_SOL_IPV6, SCT_IPC_IPV6_V6ONLY, one, 4, 0),
			-ENOPROTOOPT);
	CU_ASSERT_EQUAL(usock_setopt(us6, SCT_IPC_SOL_IPV6, SCT_IPC_IPV6_V6ONLY, one, 4, 0), 0);
	CU_ASSERT_EQUAL(usock_bind(us6, &any, 1, false), 0);
	CU_ASSERT_EQUAL(usock_setopt(us6, SCT_IPC_SOL_IPV6, SCT_IPC_IPV6_V6ONLY, one, 4, 0),
			-EINVAL);
	close(a4);
	close(a6);
	teardown();
}

static void bind_rules(void)
{
	struct sct_ipc_addr lo = v4(0x7f000001, 5000), lo2 = v4(0x7f000001, 5001),
			    other = v4(0x0a000001, 5000), six = {.family = SCT_IPC_AF_INET6},
			    low = v4(0x7f000001, 80), pair[2];
	struct sct_ipc_addr name;
	struct usock *a, *b, *c;
	int fa, fb, fc;

	setup();
	a = new_sock(SCT_IPC_AF_INET, SCT_IPC_SOCK_STREAM, 1000, &fa);
	b = new_sock(SCT_IPC_AF_INET, SCT_IPC_SOCK_STREAM, 1000, &fb);
	c = new_sock(SCT_IPC_AF_INET, SCT_IPC_SOCK_STREAM, 0, &fc);
	CU_ASSERT_EQUAL(usock_bind(a, &six, 1, false), -EINVAL); /* inet socket, inet6 address */
	CU_ASSERT_EQUAL(usock_bind(a, &low, 1, false), -EACCES); /* port < 1024, not root */
	CU_ASSERT_EQUAL(usock_bind(a, &other, 1, false), -EADDRNOTAVAIL); /* not ours */
	pair[0] = lo;
	pair[1] = lo2;
	CU_ASSERT_EQUAL(usock_bind(a, pair, 2, false), -EINVAL); /* two ports */
	CU_ASSERT_EQUAL(usock_bind(a, &lo, 1, false), 0);
	CU_ASSERT_EQUAL(usock_bind(a, &lo2, 1, false), -EINVAL);    /* bound already */
	CU_ASSERT_EQUAL(usock_bind(a, &lo2, 1, true), -EOPNOTSUPP); /* bindx after bind */
	CU_ASSERT_EQUAL(usock_bind(b, &lo, 1, false), -EADDRINUSE);
	CU_ASSERT_EQUAL(usock_bind(c, &low, 1, false), 0); /* root may */
	CU_ASSERT_EQUAL(usock_name(a, 0, false, &name), 0);
	CU_ASSERT_EQUAL(name.port, 5000);
	CU_ASSERT_EQUAL(name.addr[0], 127);
	CU_ASSERT_EQUAL(usock_name(a, 0, true, &name), -ENOTCONN);
	/* listen picks an ephemeral port for an unbound socket */
	CU_ASSERT_EQUAL(usock_listen(b, 10), 0);
	CU_ASSERT_EQUAL(usock_name(b, 0, false, &name), 0);
	CU_ASSERT_NOT_EQUAL(name.port, 0);
	CU_ASSERT_EQUAL(name.family, SCT_IPC_AF_INET);
	close(fa);
	close(fb);
	close(fc);
	teardown();
}

/* sctp_bindx(SCTP_BINDX_ADD_ADDR) after bind(), before any association (sctp_test -B). */
static void bindx_add_after_bind(void)
{
	struct sct_ipc_addr lo = v4(0x7f000001, 5000), lo2 = v4(0x7f000002, 0),
			    lo2p = v4(0x7f000002, 5001), lo3 = v4(0x7f000003, 0);
	struct sct_addr two;
	struct usock *a, *b;
	int fa, fb;

	setup();
	sct_addr_v4u32(&two, 0x7f000002);
	CU_ASSERT_EQUAL(sct_stack_add_addr(stack, &two), 0);
	a = new_sock(SCT_IPC_AF_INET, SCT_IPC_SOCK_STREAM, 1000, &fa);
	b = new_sock(SCT_IPC_AF_INET, SCT_IPC_SOCK_STREAM, 1000, &fb);
	CU_ASSERT_EQUAL(usock_bind(a, &lo, 1, false), 0);
	CU_ASSERT_EQUAL(usock_bindx_add(a, &lo2p, 1, 0), -EINVAL); /* another port */
	CU_ASSERT_EQUAL(usock_bindx_add(a, &lo3, 1, 0), -EADDRNOTAVAIL);
	CU_ASSERT_EQUAL(a->n_bound, 1); /* ... and the first binding is kept */
	CU_ASSERT_EQUAL(usock_bindx_add(a, &lo2, 1, 0), 0);
	CU_ASSERT_EQUAL(a->n_bound, 2);
	CU_ASSERT_EQUAL(a->port, 5000);
	CU_ASSERT_PTR_NOT_NULL(a->ep);
	CU_ASSERT_EQUAL(usock_bindx_add(a, &lo2, 1, 0), -EINVAL); /* bound already */
	/* the port is still a's: 127.0.0.2:5000 is taken */
	lo2.port = 5000;
	CU_ASSERT_EQUAL(usock_bind(b, &lo2, 1, false), -EADDRINUSE);
	CU_ASSERT_EQUAL(usock_listen(a, 4), 0);
	lo3.addr[3] = 1;
	CU_ASSERT_EQUAL(usock_bindx_add(a, &lo3, 1, 0), -EOPNOTSUPP); /* listening */
	close(fa);
	close(fb);
	teardown();
}

/* ncat listens on :: (IPV6_V6ONLY) and 0.0.0.0, same port: disjoint families coexist. */
static void wildcards_by_family(void)
{
	struct sct_ipc_addr any6 = {.family = SCT_IPC_AF_INET6, .port = 7004},
			    any4 = {.family = SCT_IPC_AF_INET, .port = 7004};
	uint8_t one[4] = {1, 0, 0, 0};
	struct usock *s6, *s4, *both;
	int f6, f4, fb;

	setup();
	s6 = new_sock(SCT_IPC_AF_INET6, SCT_IPC_SOCK_STREAM, 0, &f6);
	s4 = new_sock(SCT_IPC_AF_INET, SCT_IPC_SOCK_STREAM, 0, &f4);
	both = new_sock(SCT_IPC_AF_INET6, SCT_IPC_SOCK_STREAM, 0, &fb);
	CU_ASSERT_EQUAL(usock_setopt(s6, SCT_IPC_SOL_IPV6, SCT_IPC_IPV6_V6ONLY, one, 4, 0), 0);
	CU_ASSERT_EQUAL(usock_bind(s6, &any6, 1, false), 0);
	CU_ASSERT_EQUAL(usock_bind(s4, &any4, 1, false), 0);
	/* an inet6 socket without V6ONLY takes IPv4 too: the port is taken */
	CU_ASSERT_EQUAL(usock_bind(both, &any6, 1, false), -EADDRINUSE);
	close(f6);
	close(f4);
	close(fb);
	teardown();
}

/* A socket goes when its data end hangs up and no control connection holds it. */
static void freed_on_hangup(void)
{
	struct usock *us;
	int app;

	setup();
	us = new_sock(SCT_IPC_AF_INET, SCT_IPC_SOCK_STREAM, 0, &app);
	us->ctl_refs = 1;
	CU_ASSERT_PTR_EQUAL(usock_by_fd(&srv, app), us);
	CU_ASSERT_PTR_NULL(usock_by_fd(&srv, us->fd)); /* sctund's own end is not it */
	close(app);
	usock_close(us, 0);
	CU_ASSERT_EQUAL(srv.n, 1); /* the control connection still holds it */
	usock_put_ctl(us, 0);
	CU_ASSERT_EQUAL(srv.n, 0);
	teardown();
}

/*
 * A listener closed while a socket accepted from it lives keeps its endpoint;
 * a new socket of the same user with SO_REUSEADDR binding the same port takes
 * it over, with the accepted socket (iperf3 -s recreates its listener so).
 */
static void closed_listener_port_taken_over(void)
{
	struct sct_ipc_addr lo = v4(0x7f000001, 5002);
	uint8_t one[4] = {1, 0, 0, 0};
	struct usock *a, *kid, *plain, *other, *b;
	int fa, fk, fp, fo, fb;
	unsigned n;

	setup();
	a = new_sock(SCT_IPC_AF_INET, SCT_IPC_SOCK_STREAM, 1000, &fa);
	CU_ASSERT_EQUAL(usock_bind(a, &lo, 1, false), 0);
	CU_ASSERT_EQUAL(usock_listen(a, 5), 0);
	/* what usock_accept() makes: a child on a's endpoint */
	kid = new_sock(SCT_IPC_AF_INET, SCT_IPC_SOCK_STREAM, 1000, &fk);
	kid->parent = a;
	a->children++;
	close(fa);
	usock_close(a, 0);
	n = srv.n;
	CU_ASSERT_EQUAL(n, 2); /* a waits for its child */
	plain = new_sock(SCT_IPC_AF_INET, SCT_IPC_SOCK_STREAM, 1000, &fp);
	other = new_sock(SCT_IPC_AF_INET, SCT_IPC_SOCK_STREAM, 1001, &fo);
	b = new_sock(SCT_IPC_AF_INET, SCT_IPC_SOCK_STREAM, 1000, &fb);
	CU_ASSERT_EQUAL(usock_setopt(other, SCT_IPC_SOL_SOCKET, SCT_IPC_SO_REUSEADDR, one, 4, 0),
			0);
	CU_ASSERT_EQUAL(usock_setopt(b, SCT_IPC_SOL_SOCKET, SCT_IPC_SO_REUSEADDR, one, 4, 0), 0);
	CU_ASSERT_EQUAL(usock_bind(plain, &lo, 1, false), -EADDRINUSE); /* no SO_REUSEADDR */
	CU_ASSERT_EQUAL(usock_bind(other, &lo, 1, false), -EADDRINUSE); /* another user */
	CU_ASSERT_EQUAL(usock_bind(b, &lo, 1, false), 0);
	CU_ASSERT_EQUAL(srv.n, n + 2); /* a is gone, the three new ones are there */
	CU_ASSERT_PTR_EQUAL(kid->parent, b);
	CU_ASSERT_EQUAL(b->children, 1);
	CU_ASSERT_EQUAL(usock_listen(b, 5), 0);
	close(fk);
	close(fp);
	close(fo);
	close(fb);
	teardown();
}

/* max_socks_per_uid: EMFILE for the user at it, not for others nor root; closing frees. */
static void quota_per_uid(void)
{
	struct usock *us[4];
	int app[4], fd, other, i;

	setup();
	srv.quota.max = 3;
	for (i = 0; i < 3; i++)
		us[i] = new_sock(SCT_IPC_AF_INET, SCT_IPC_SOCK_STREAM, 1000, &app[i]);
	errno = 0;
	CU_ASSERT_PTR_NULL(usock_new(&srv, SCT_IPC_AF_INET, SCT_IPC_SOCK_STREAM, 1000, &fd));
	CU_ASSERT_EQUAL(errno, EMFILE);
	CU_ASSERT_EQUAL(srv.quota.refused, 1);
	CU_ASSERT_EQUAL(uquota_held(&srv.quota, 1000, UQUOTA_SOCK), 3);
	us[3] = new_sock(SCT_IPC_AF_INET, SCT_IPC_SOCK_SEQPACKET, 1001, &other);
	for (i = 0; i < 5; i++) { /* root: counted, never refused */
		CU_ASSERT_PTR_NOT_NULL(
		    usock_new(&srv, SCT_IPC_AF_INET, SCT_IPC_SOCK_STREAM, 0, &fd));
		close(fd);
	}
	/* connections count apart from sockets */
	CU_ASSERT_EQUAL(uquota_take(&srv.quota, 1000, UQUOTA_CONN), 0);
	uquota_put(&srv.quota, 1000, UQUOTA_CONN);
	/* a socket goes (hang-up, no control connection): its user may make one again */
	close(app[0]);
	usock_close(us[0], 0);
	CU_ASSERT_EQUAL(uquota_held(&srv.quota, 1000, UQUOTA_SOCK), 2);
	CU_ASSERT_PTR_NOT_NULL(usock_new(&srv, SCT_IPC_AF_INET, SCT_IPC_SOCK_STREAM, 1000, &fd));
	close(fd);
	close(app[1]);
	close(app[2]);
	close(other);
	teardown();
	CU_ASSERT_EQUAL(uquota_default(20000), 5000);
	CU_ASSERT_EQUAL(uquota_default(1048576), UQUOTA_DEFAULT_MAX);
	CU_ASSERT_EQUAL(uquota_default(RLIM_INFINITY), UQUOTA_DEFAULT_MAX);
	CU_ASSERT_EQUAL(uquota_default(2), 1);
}

/* sctund out of descriptors: ENFILE (usock_new() says why), and no quota left taken. */
static void out_of_descriptors_is_enfile(void)
{
	struct rlimit old, low;
	const char *pre = getenv("LD_PRELOAD");
	int fd, n;

	/*
	 * Under valgrind (make check-valgrind) the descriptor limit is valgrind's own
	 * emulation, and a socketpair() beyond it fails with EBADF: what is tested here is
	 * the kernel's EMFILE, which make check and the ASan run see.
	 */
	if (pre && strstr(pre, "vgpreload"))
		return;
	setup();
	CU_ASSERT_EQUAL_FATAL(getrlimit(RLIMIT_NOFILE, &old), 0);
	fd = dup(0);
	CU_ASSERT_TRUE_FATAL(fd >= 0);
	close(fd);
	low = old;
	low.rlim_cur = (rlim_t)fd + 1; /* room for one descriptor, a socketpair needs two */
	CU_ASSERT_EQUAL_FATAL(setrlimit(RLIMIT_NOFILE, &low), 0);
	errno = 0;
	CU_ASSERT_PTR_NULL(usock_new(&srv, SCT_IPC_AF_INET, SCT_IPC_SOCK_STREAM, 1000, &fd));
	n = errno;
	CU_ASSERT_EQUAL(setrlimit(RLIMIT_NOFILE, &old), 0);
	CU_ASSERT_EQUAL(n, ENFILE);
	CU_ASSERT_EQUAL(uquota_held(&srv.quota, 1000, UQUOTA_SOCK), 0);
	CU_ASSERT_EQUAL(srv.n, 0);
	teardown();
}

/*
 * A socket waiting for no events (tx_refused: its association lost, our SHUT_RD) stays in
 * the loop for its hang-up, and is taken out when freed: an EPOLLHUP left in the batch
 * being dispatched must not reach it once freed (seen under ASan: the sender's process
 * gone, its control connection's end freeing the socket in the same batch).
 */
static void no_events_still_in_the_loop_until_freed(void)
{
	struct epoll_event ev = {.events = EPOLLHUP};
	struct usock *us;
	int app;

	setup();
	us = new_sock(SCT_IPC_AF_INET, SCT_IPC_SOCK_STREAM, 1000, &app);
	us->ctl_refs = 1;
	CU_ASSERT_TRUE(us->in_loop);
	us->tx_refused = true; /* no EPOLLRDHUP, nothing else to wait for */
	usock_rewatch(us);
	CU_ASSERT_EQUAL(us->watch, 0);
	CU_ASSERT_TRUE(us->in_loop);
	/* registered still: MOD works, ADD says it exists */
	ev.data.ptr = &us->ref;
	CU_ASSERT_EQUAL(epoll_ctl(l.epfd, EPOLL_CTL_ADD, us->fd, &ev), -1);
	CU_ASSERT_EQUAL(errno, EEXIST);
	/* freed by the end of its control connection, while its hang-up waits in a batch */
	close(app);
	us->hup = true;
	l.batch = &ev;
	l.batch_n = 1;
	l.batch_i = -1;
	usock_put_ctl(us, 0);
	CU_ASSERT_EQUAL(srv.n, 0);
	CU_ASSERT_PTR_NULL(ev.data.ptr); /* loop_del() forgot it */
	l.batch = NULL;
	teardown();
}

static const struct sct_test usock_tests[] = {
    SCT_TEST(addr_conversion),
    SCT_TEST(opts_roundtrip),
    SCT_TEST(v6only_before_bind),
    SCT_TEST(bind_rules),
    SCT_TEST(bindx_add_after_bind),
    SCT_TEST(wildcards_by_family),
    SCT_TEST(freed_on_hangup),
    SCT_TEST(closed_listener_port_taken_over),
    SCT_TEST(quota_per_uid),
    SCT_TEST(out_of_descriptors_is_enfile),
    SCT_TEST(no_events_still_in_the_loop_until_freed),
    SCT_TEST_END,
};

SCT_TEST_MAIN(usock_tests)
