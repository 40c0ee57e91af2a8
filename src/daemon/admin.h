/* SPDX-License-Identifier: MIT */
/* admin.h: sctunctl's commands inside sctund: associations, paths, counters, settings. */
#ifndef SCTUND_ADMIN_H
#define SCTUND_ADMIN_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "common/time.h"
#include "daemon/datapath.h"
#include "daemon/usock.h"
#include "sctp/sctp.h"

/* What the commands look at (not owned). */
struct admin {
	struct sct_stack *stack;
	struct usrv *socks;
	const struct datapath *dp;
	uid_t daemon_uid; /* may change settings, as root may */
};

/* Longest command line sctunctl may send (the IPC MESSAGE argument's limit). */
#define ADMIN_CMD_MAX 256

/**
 * admin_run() - run one command for a client with uid @uid; its output (a table, or
 * one JSON document with -j) goes into a new memfd, rewound.
 * @cmd, @len: the command words, separated by spaces (not NUL-terminated):
 *   assocs [-j] [port PORT] [peer ADDR] | sockets [-j] | stats [-j] | settings [-j]
 *   | set NAME=VALUE | abort ID
 * @err: a message for the client on failure
 *
 * Return: the memfd; -EINVAL (bad command, @err says why); -EPERM (set by someone other
 * than root or sctund's user; abort of another user's association); -ENOENT (no such
 * association or setting); -ERANGE (a value out of bounds); -errno of memfd_create().
 */
int admin_run(const struct admin *ad, uid_t uid, const char *cmd, size_t len, char *err,
	      size_t errlen, sct_time_t now);

#endif /* SCTUND_ADMIN_H */
