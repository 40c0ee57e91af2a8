/* SPDX-License-Identifier: MIT */
/* seccomp.c: sctund's seccomp allow-list, collected from the tables of the modules. */
#include "config.h"

#include "daemon/seccomp.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

/*
 * Theory of operation (passt's seccomp.sh and isolation.c are the model)
 *
 * Once setup is over (isolate.c dropped users and capabilities, the process
 * left the terminal), sctund only turns its event loop and, at exit, undoes the
 * interface configuration over netlink.  The calls that needs are few, and each
 * module lists its own with SECCOMP_CALLS() next to the code that makes them;
 * this file joins the lists into one filter, built by libseccomp for the
 * architecture it runs on.  A call in no list is a bug in a list, and the
 * answer chosen is to stop: SECCOMP_RET_TRAP raises SIGSYS, the handler below
 * writes the call's number to stderr (the kernel's audit log has it too, the
 * filter asks it to log), and SIGSYS, back at its default action, kills
 * sctund with a core dump.  Failing the call with EPERM instead would let
 * sctund run on with a capture that lost packets, a socket that vanished, a
 * configuration it could not restore: a dead daemon is seen (systemd restarts
 * it, peers see their associations end), a quietly wrong one is not.
 * Calls of another ABI on the same machine (i386 on x86-64) kill at once.
 *
 * Arguments are checked where that is cheap and means something: no memory
 * is mapped or made executable, no socket of an unexpected family made, and
 * ioctl() only asks an interface's name (if_indextoname() in shared mode).
 */

static const struct seccomp_calls *const modules[] = {
    &seccomp_calls_main,   &seccomp_calls_loop,	   &seccomp_calls_log,	  &seccomp_calls_pcap,
    &seccomp_calls_notify, &seccomp_calls_nl,	   &seccomp_calls_netcfg, &seccomp_calls_datapath,
    &seccomp_calls_udp,	   &seccomp_calls_ipc_srv, &seccomp_calls_usock,  &seccomp_calls_admin,
};

/* Async-signal-safe: the number by hand, one write(). */
static void sigsys(int sig, siginfo_t *si, void *uctx)
{
	static const char head[] = "sctund: seccomp: system call ";
	static const char tail[] = " is not allowed: stopping (a bug; --no-seccomp avoids it)\n";
	char buf[sizeof(head) + 12 + sizeof(tail)], num[12];
	unsigned v = (unsigned)si->si_syscall;
	size_t n = 0, k = 0;
	ssize_t w;

	do
		num[k++] = (char)('0' + v % 10);
	while ((v /= 10) && k < sizeof(num));
	memcpy(buf, head, sizeof(head) - 1);
	n = sizeof(head) - 1;
	while (k)
		buf[n++] = num[--k];
	memcpy(buf + n, tail, sizeof(tail) - 1);
	n += sizeof(tail) - 1;
	w = write(STDERR_FILENO, buf, n);
	(void)w;
	/* SA_RESETHAND put the default action back, SA_NODEFER lets it through now */
	raise(SIGSYS);
}

static int fail(char *err, size_t errlen, const char *what, int ret)
{
	snprintf(err, errlen, "seccomp: %s: %s", what, strerror(-ret));
	return ret;
}

int seccomp_install(char *err, size_t errlen)
{
#if SCTUN_SANITIZE
	(void)modules;
	(void)sigsys;
	(void)fail;
	snprintf(err, errlen, "seccomp: not installed in a sanitizer build");
	return 1;
#else
	struct sigaction sa = {.sa_sigaction = sigsys,
			       .sa_flags = SA_SIGINFO | SA_RESETHAND | SA_NODEFER};
	scmp_filter_ctx ctx;
	size_t m, i;
	int ret = 0;

	sigemptyset(&sa.sa_mask);
	if (sigaction(SIGSYS, &sa, NULL) < 0)
		return fail(err, errlen, "SIGSYS handler", -errno);
	ctx = seccomp_init(SCMP_ACT_TRAP);
	if (!ctx)
		return fail(err, errlen, "libseccomp", -ENOMEM);
	/* the kernel logs what the filter refuses; older kernels cannot: not fatal */
	seccomp_attr_set(ctx, SCMP_FLTATR_CTL_LOG, 1);
	ret = seccomp_attr_set(ctx, SCMP_FLTATR_ACT_BADARCH, SCMP_ACT_KILL_PROCESS);
	for (m = 0; !ret && m < sizeof(modules) / sizeof(modules[0]); m++) {
		const struct seccomp_calls *t = modules[m];

		for (i = 0; !ret && i < t->n; i++) {
			const struct seccomp_call *c = &t->calls[i];

			if (c->nr < 0)
				continue; /* not a call of this architecture */
			if (c->arg < 0)
				ret = seccomp_rule_add(ctx, SCMP_ACT_ALLOW, c->nr, 0);
			else
				ret =
				    seccomp_rule_add(ctx, SCMP_ACT_ALLOW, c->nr, 1,
						     SCMP_CMP((unsigned)c->arg, SCMP_CMP_MASKED_EQ,
							      c->mask, c->val));
			if (ret)
				snprintf(err, errlen, "seccomp: %s's entry %zu (call %d): %s",
					 t->module, i, c->nr, strerror(-ret));
		}
	}
	if (!ret) {
		ret = seccomp_load(ctx);
		if (ret)
			fail(err, errlen, "loading the filter", ret);
	}
	seccomp_release(ctx);
	return ret;
#endif
}
