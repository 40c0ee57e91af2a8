/* SPDX-License-Identifier: MIT */
/* isolate.c: sctund's self-isolation after setup: user, capabilities, no_new_privs. */
#include "config.h"

#include "daemon/isolate.h"

#include <errno.h>
#include <grp.h>
#include <stdio.h>
#include <string.h>
#include <sys/capability.h>
#include <sys/prctl.h>
#include <unistd.h>

/*
 * Theory of operation (passt's isolation.c is the model)
 *
 * Setup needs privileges: creating and configuring the TUN (CAP_NET_ADMIN),
 * binding the service socket in /run.  The event loop needs almost none:
 * its descriptors are open.  What it still needs is CAP_NET_ADMIN when sctund
 * changed the interface configuration, to restore it at exit (and to follow
 * address changes in shared mode).  So after setup sctund sets
 * no_new_privs, switches to --user if asked (keeping capabilities across the
 * switch with PR_SET_KEEPCAPS), and drops every capability but that one from
 * every set, including the bounding set, so nothing it runs later (it runs
 * nothing) could get them back.  Run by an ordinary user it has none to drop
 * and only sets no_new_privs.  The last step, once sctund left the terminal,
 * is the seccomp allow-list (seccomp.c), which no_new_privs makes possible
 * without CAP_SYS_ADMIN.
 */

static int fail(char *err, size_t errlen, const char *what, int e)
{
	snprintf(err, errlen, "%s: %s", what, strerror(e));
	return -e;
}

int isolate_drop(const char *user, uid_t uid, gid_t gid, bool net_admin, char *err,
		 size_t errlen)
{
	cap_value_t keep[] = {CAP_NET_ADMIN};
	cap_t caps;
	int c, ret;

	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) < 0)
		return fail(err, errlen, "no_new_privs", errno);
	/* the bounding set, while CAP_SETPCAP is still ours (nothing to do otherwise) */
	for (c = 0; c <= CAP_LAST_CAP; c++)
		if (c != CAP_NET_ADMIN || !net_admin)
			prctl(PR_CAPBSET_DROP, c, 0, 0, 0);
	if (user) {
		if (geteuid() != 0)
			return fail(err, errlen, "--user: only root can switch users", EPERM);
		if (net_admin && prctl(PR_SET_KEEPCAPS, 1, 0, 0, 0) < 0)
			return fail(err, errlen, "keepcaps", errno);
		if (setgroups(0, NULL) < 0 || setgid(gid) < 0 || setuid(uid) < 0)
			return fail(err, errlen, "--user: cannot switch", errno);
		if (uid != 0 && setuid(0) == 0)
			return fail(err, errlen, "--user: root privileges could be regained", EPERM);
	}
	caps = cap_init(); /* all clear */
	if (!caps)
		return fail(err, errlen, "capabilities", errno);
	if (net_admin) {
		cap_set_flag(caps, CAP_PERMITTED, 1, keep, CAP_SET);
		cap_set_flag(caps, CAP_EFFECTIVE, 1, keep, CAP_SET);
	}
	ret = cap_set_proc(caps);
	if (ret < 0 && net_admin) {
		/* we never had it (an attached TUN, run by its user): drop everything */
		cap_clear(caps);
		ret = cap_set_proc(caps);
	}
	c = errno;
	cap_free(caps);
	if (ret < 0)
		return fail(err, errlen, "capabilities", c);
	if (user)
		prctl(PR_SET_KEEPCAPS, 0, 0, 0, 0);
	return 0;
}
