/* SPDX-License-Identifier: MIT */
/* isolate.h: sctund's self-isolation after setup: user, capabilities, no_new_privs. */
#ifndef SCTUND_ISOLATE_H
#define SCTUND_ISOLATE_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

/**
 * isolate_drop() - give up what setup needed and the loop does not.
 * @user:      switch to this user (NULL: stay), with @uid/@gid and no supplementary groups
 * @net_admin: keep CAP_NET_ADMIN (sctund configured an interface it must restore at exit)
 * @err:       why it failed
 *
 * Sets no_new_privs; drops every capability but CAP_NET_ADMIN (kept only when @net_admin)
 * from the effective, permitted, inheritable and bounding sets; keeps it across the user
 * switch (PR_SET_KEEPCAPS) when one is asked.
 * Return: 0; -EPERM (switching users needs root; or root could be regained); -errno of
 * prctl(), setgroups(), setgid(), setuid(), cap_set_proc().
 */
int isolate_drop(const char *user, uid_t uid, gid_t gid, bool net_admin, char *err,
		 size_t errlen);

#endif /* SCTUND_ISOLATE_H */
