/* SPDX-License-Identifier: MIT */
/* uquota.c: sctund's per-user quota on application sockets and control connections. */
#include "config.h"

#include "daemon/uquota.h"

#include <errno.h>
#include <stdlib.h>

#include "daemon/log.h"

/*
 * Theory of operation
 *
 * Every local user may reach sctund's service socket (mode 0666, as any user
 * may open a kernel SCTP socket), and every socket a program opens costs
 * sctund descriptors.  Without a bound per user, one user's program could take
 * all of them and leave every other user's socket() failing.  The kernel
 * bounds a process with RLIMIT_NOFILE (EMFILE); sctund bounds a user, by the
 * uid SO_PEERCRED gave for the control connection that made the socket: a
 * socket counts against that uid for its whole life, whoever holds it later.
 * One entry per uid holding anything; it goes when the uid holds nothing.
 */

struct uquota_user {
	struct sct_hnode node;
	uid_t uid;
	uint32_t held[UQUOTA__KINDS];
	struct sct_ratelimit rl;
};

static uint32_t uid_hash(uid_t uid)
{
	return (uint32_t)uid * 0x9e3779b1u;
}

static struct uquota_user *find(const struct uquota *q, uid_t uid)
{
	struct sct_hnode *n;

	for (n = sct_hmap_first(&q->by_uid, uid_hash(uid)); n; n = sct_hmap_next(n)) {
		struct uquota_user *e = sct_container_of(n, struct uquota_user, node);

		if (e->uid == uid)
			return e;
	}
	return NULL;
}

int uquota_init(struct uquota *q)
{
	q->max = 0;
	q->refused = 0;
	return sct_hmap_init(&q->by_uid, 16);
}

void uquota_free(struct uquota *q)
{
	uint32_t i;

	if (!q->by_uid.b)
		return;
	for (i = 0; i <= q->by_uid.mask; i++) {
		while (q->by_uid.b[i]) {
			struct uquota_user *e =
			    sct_container_of(q->by_uid.b[i], struct uquota_user, node);

			sct_hmap_remove(&q->by_uid, &e->node);
			free(e);
		}
	}
	sct_hmap_free(&q->by_uid);
}

uint32_t uquota_default(rlim_t nofile)
{
	rlim_t n = nofile == RLIM_INFINITY ? UQUOTA_DEFAULT_MAX : nofile / 4;

	if (n < 1)
		n = 1;
	return n > UQUOTA_DEFAULT_MAX ? UQUOTA_DEFAULT_MAX : (uint32_t)n;
}

int uquota_take(struct uquota *q, uid_t uid, enum uquota_kind kind)
{
	struct uquota_user *e = find(q, uid);

	if (e && uid != 0 && q->max && e->held[kind] >= q->max) {
		q->refused++;
		return -EMFILE;
	}
	if (!e) {
		e = calloc(1, sizeof(*e));
		if (!e)
			return -ENOMEM;
		e->uid = uid;
		e->rl = (struct sct_ratelimit)SCT_RATELIMIT_INIT(UQUOTA_LOG_NS, 1);
		sct_hmap_insert(&q->by_uid, &e->node, uid_hash(uid));
	}
	e->held[kind]++;
	return 0;
}

void uquota_put(struct uquota *q, uid_t uid, enum uquota_kind kind)
{
	struct uquota_user *e = find(q, uid);
	int k;

	if (!e || !e->held[kind])
		return; /* not taken: a bug, but not one to crash on */
	e->held[kind]--;
	for (k = 0; k < UQUOTA__KINDS; k++)
		if (e->held[k])
			return;
	sct_hmap_remove(&q->by_uid, &e->node);
	free(e);
}

uint32_t uquota_held(const struct uquota *q, uid_t uid, enum uquota_kind kind)
{
	const struct uquota_user *e = find(q, uid);

	return e ? e->held[kind] : 0;
}

void uquota_log(struct uquota *q, uid_t uid, const char *what, sct_time_t now)
{
	struct uquota_user *e = find(q, uid);

	if (e)
		log_rl(&e->rl, now, SCT_LOG_WARN,
		       "uid %u holds %u sockets and %u control connections: %s refused "
		       "(max_socks_per_uid=%u)",
		       (unsigned)uid, e->held[UQUOTA_SOCK], e->held[UQUOTA_CONN], what, q->max);
}
