/* SPDX-License-Identifier: MIT */
/* uquota.h: sctund's per-user quota on application sockets and control connections. */
#ifndef SCTUND_UQUOTA_H
#define SCTUND_UQUOTA_H

#include <stdint.h>
#include <sys/resource.h>
#include <sys/types.h>

#include "common/hmap.h"
#include "common/log.h"
#include "common/time.h"

/*
 * Each application socket costs sctund one descriptor (its end of the data
 * socketpair) and each control connection one more: a user at the quota
 * holds 2 * max of them.  The default, a quarter of sctund's descriptor limit,
 * leaves at least half of them to the other users whatever one user does;
 * it is at most UQUOTA_DEFAULT_MAX, a quarter of the socket table (USOCK_MAX).
 */
#define UQUOTA_DEFAULT_MAX 16384u
#define UQUOTA_MAX	   65536u /* largest max_socks_per_uid: USOCK_MAX, the whole table */
#define UQUOTA_LOG_NS	   (10 * SCT_NSEC_PER_SEC) /* one line per user per 10 s */

enum uquota_kind {
	UQUOTA_SOCK, /* an application socket (usock) */
	UQUOTA_CONN, /* a control connection (ipc_conn) */
	UQUOTA__KINDS,
};

/**
 * struct uquota - what each uid holds
 * @max: sockets and, separately, control connections one uid may hold; 0: no limit
 * @refused: requests refused for the quota, for sctunctl stats
 *
 * uid 0 is counted but never refused: root can raise sctund's limits, or stop it, anyway.
 */
struct uquota {
	struct sct_hmap by_uid;
	uint32_t max;
	uint64_t refused;
};

/** uquota_init() - nothing held, no limit yet.  Return: 0; -ENOMEM. */
int uquota_init(struct uquota *q);

/** uquota_free() - forget every user (at exit). */
void uquota_free(struct uquota *q);

/**
 * uquota_default() - the default max for a descriptor limit of @nofile (after sctund
 * raised its soft limit): @nofile / 4, at least 1, at most UQUOTA_DEFAULT_MAX.
 */
uint32_t uquota_default(rlim_t nofile);

/**
 * uquota_take() - @uid takes one more of @kind.
 * Return: 0; -EMFILE when @uid already holds @q->max of them (not for uid 0; counted in
 * @q->refused), as a process at its RLIMIT_NOFILE; -ENOMEM.
 */
int uquota_take(struct uquota *q, uid_t uid, enum uquota_kind kind);

/** uquota_put() - @uid gives one of @kind back (taken with uquota_take()). */
void uquota_put(struct uquota *q, uid_t uid, enum uquota_kind kind);

/** uquota_held() - how many of @kind @uid holds. */
uint32_t uquota_held(const struct uquota *q, uid_t uid, enum uquota_kind kind);

/**
 * uquota_log() - log (warning) that @uid was refused @what for the quota, at most
 * once per UQUOTA_LOG_NS for each user, so one user's flood neither fills the log
 * nor hides another user's refusals.
 */
void uquota_log(struct uquota *q, uid_t uid, const char *what, sct_time_t now);

#endif /* SCTUND_UQUOTA_H */
