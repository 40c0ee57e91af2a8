/* SPDX-License-Identifier: MIT */
/* fdtab.c: the table of application fds that are sctun sockets, guarded by one mutex. */
#include "shim/shim.h"

#include <errno.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

/*
 * An array indexed by fd, grown on demand up to SHIM_FD_MAX.  Callers get
 * copies (shim_fd_get()) and change fields with the setters, so no pointer
 * into the array outlives the mutex and the array may move when it grows.
 * shim_nfds lets every call on a non-sctun fd skip the mutex while the
 * process has no sctun socket at all (the common case for most programs).
 */
static pthread_mutex_t tab_lock = PTHREAD_MUTEX_INITIALIZER;
static struct shim_fd *tab;
static size_t tab_cap;
static atomic_uint shim_nfds;

unsigned shim_fd_count(void)
{
	return atomic_load_explicit(&shim_nfds, memory_order_acquire);
}

/* The entry of @fd, or NULL; with tab_lock held. */
static struct shim_fd *slot(int fd)
{
	if (fd < 0 || (size_t)fd >= tab_cap || !tab[fd].used)
		return NULL;
	return &tab[fd];
}

bool shim_fd_get(int fd, struct shim_fd *out)
{
	struct shim_fd *e;

	if (fd < 0 || shim_fd_count() == 0)
		return false;
	pthread_mutex_lock(&tab_lock);
	e = slot(fd);
	if (e)
		*out = *e;
	pthread_mutex_unlock(&tab_lock);
	return e != NULL;
}

static int grow(size_t need)
{
	size_t cap = tab_cap ? tab_cap : 64;
	struct shim_fd *n;

	while (cap < need)
		cap *= 2;
	if (cap > SHIM_FD_MAX)
		cap = SHIM_FD_MAX;
	n = realloc(tab, cap * sizeof(*n));
	if (!n)
		return -ENOMEM;
	memset(n + tab_cap, 0, (cap - tab_cap) * sizeof(*n));
	tab = n;
	tab_cap = cap;
	return 0;
}

int shim_fd_put(int fd, const struct shim_fd *in)
{
	uint8_t *old_cache = NULL;
	int old_ctl = -1, err = 0;

	if (fd < 0 || fd >= SHIM_FD_MAX)
		return -EMFILE;
	pthread_mutex_lock(&tab_lock);
	if ((size_t)fd >= tab_cap)
		err = grow((size_t)fd + 1);
	if (!err) {
		if (tab[fd].used) {
			old_ctl = tab[fd].ctl;
			old_cache = tab[fd].cache;
		} else {
			atomic_fetch_add(&shim_nfds, 1);
		}
		tab[fd] = *in;
		tab[fd].used = true;
	}
	pthread_mutex_unlock(&tab_lock);
	if (old_ctl >= 0 && old_ctl != in->ctl)
		shim_real.close(old_ctl);
	if (old_cache != in->cache)
		free(old_cache);
	return err;
}

int shim_fd_forget(int fd)
{
	struct shim_fd *e;
	uint8_t *cache = NULL;
	int ctl = -1;

	if (fd < 0 || shim_fd_count() == 0)
		return -1;
	pthread_mutex_lock(&tab_lock);
	e = slot(fd);
	if (e) {
		ctl = e->ctl;
		cache = e->cache;
		memset(e, 0, sizeof(*e));
		atomic_fetch_sub(&shim_nfds, 1);
	}
	pthread_mutex_unlock(&tab_lock);
	free(cache);
	return ctl;
}

/* Run @body on the entry of fd (named e) under the lock, when there is one. */
#define WITH_SLOT(fd, body)                                                                        \
	do {                                                                                       \
		struct shim_fd *e;                                                                 \
		pthread_mutex_lock(&tab_lock);                                                     \
		e = slot(fd);                                                                      \
		if (e) {                                                                           \
			body;                                                                      \
		}                                                                                  \
		pthread_mutex_unlock(&tab_lock);                                                   \
	} while (0)

void shim_fd_set_state(int fd, enum shim_state st)
{
	WITH_SLOT(fd, e->state = (uint8_t)st);
}

void shim_fd_set_off(int fd, size_t off)
{
	WITH_SLOT(fd, e->off = off);
}

void shim_fd_set_eof(int fd, bool done)
{
	WITH_SLOT(fd, e->eof_done = done);
}

int shim_fd_swap_rcv_err(int fd, int err)
{
	int old = 0;

	WITH_SLOT(fd, {
		old = e->rcv_err;
		e->rcv_err = err;
	});
	return old;
}

void shim_fd_set_lost(int fd)
{
	WITH_SLOT(fd, e->lost = true);
}

void shim_fd_set_sndbuf(int fd, int sndbuf)
{
	WITH_SLOT(fd, e->sndbuf = sndbuf);
}

void shim_fd_set_peer(int fd, const struct sockaddr *sa, socklen_t len)
{
	if (len > (socklen_t)sizeof(struct sockaddr_storage))
		return;
	WITH_SLOT(fd, {
		memcpy(&e->peer, sa, len);
		e->peer_len = len;
	});
}

void shim_fd_set_v6only(int fd, bool on)
{
	WITH_SLOT(fd, e->v6only = on);
}

void shim_fd_set_rcvopt(int fd, int which, bool on)
{
	WITH_SLOT(fd, {
		if (which)
			e->nxtinfo = on;
		else
			e->rcvinfo = on;
	});
}

void shim_fd_set_events(int fd, const uint8_t *ev, size_t len)
{
	if (len > SHIM_EVENTS_LEN)
		len = SHIM_EVENTS_LEN;
	WITH_SLOT(fd, memcpy(e->events, ev, len));
}

uint8_t *shim_fd_take_cache(int fd, size_t *len)
{
	uint8_t *buf = NULL;

	*len = 0;
	WITH_SLOT(fd, {
		buf = e->cache;
		*len = e->cache_len;
		e->cache = NULL;
		e->cache_len = 0;
	});
	return buf;
}

void shim_fd_give_cache(int fd, uint8_t *buf, size_t len)
{
	uint8_t *drop = buf;

	WITH_SLOT(fd, {
		if (!buf) {
			drop = e->cache;
			e->cache = NULL;
			e->cache_len = 0;
		} else if (!e->cache) {
			e->cache = buf;
			e->cache_len = len;
			drop = NULL;
		}
	});
	free(drop);
}

int shim_fd_set_ctl(int fd, int ctl)
{
	int use = -1;

	WITH_SLOT(fd, {
		if (e->ctl < 0)
			e->ctl = ctl;
		use = e->ctl;
	});
	if (use != ctl)
		shim_real.close(ctl);
	return use;
}

/*
 * fork(): hold the lock across it so the child's copy of the table is
 * consistent; the child then closes every inherited control connection
 * (the parent keeps using them) and will ADOPT again when it needs one.
 */
void shim_fd_atfork_prepare(void)
{
	pthread_mutex_lock(&tab_lock);
}

void shim_fd_atfork_parent(void)
{
	pthread_mutex_unlock(&tab_lock);
}

void shim_fd_atfork_child(void)
{
	size_t i;

	for (i = 0; i < tab_cap; i++) {
		if (tab[i].used && tab[i].ctl >= 0) {
			shim_real.close(tab[i].ctl);
			tab[i].ctl = -1;
		}
	}
	pthread_mutex_unlock(&tab_lock);
}
