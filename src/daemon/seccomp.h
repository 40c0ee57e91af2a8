/* SPDX-License-Identifier: MIT */
/* seccomp.h: sctund's system call allow-list, each entry declared by the module that needs it. */
#ifndef SCTUND_SECCOMP_H
#define SCTUND_SECCOMP_H

#include <seccomp.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/ioctl.h>	/* the constants the tables name: SIOCGIFNAME, */
#include <sys/mman.h>	/* PROT_EXEC, */
#include <sys/socket.h> /* AF_UNIX... */

/*
 * One allowed system call: @nr is SCMP_SYS(name) (negative for a call this
 * architecture lacks, which is then skipped); with @arg >= 0 only when
 * (argument @arg & @mask) == @val.  Several entries for one call add up.
 */
struct seccomp_call {
	int nr;
	int arg;
	uint64_t mask;
	uint64_t val;
};

/* What one module calls once the filter is on: the loop, signals, shutdown. */
struct seccomp_calls {
	const char *module;
	const struct seccomp_call *calls;
	size_t n;
};

/* Any arguments. */
#define SC(name)                                                                                   \
	{                                                                                          \
		SCMP_SYS(name), -1, 0, 0                                                           \
	}
/* Only when argument @i (0-based) equals @v. */
#define SC_ARG(name, i, v)                                                                         \
	{                                                                                          \
		SCMP_SYS(name), (i), ~(uint64_t)0, (uint64_t)(v)                                   \
	}
/* Only when argument @i has none of the bits of @m (PROT_EXEC off, for one). */
#define SC_NONE(name, i, m)                                                                        \
	{                                                                                          \
		SCMP_SYS(name), (i), (uint64_t)(m), 0                                              \
	}

/*
 * SECCOMP_CALLS(module, entries...) - a module's part of the allow-list, placed
 * in its .c file next to the code making the calls; seccomp.c collects every
 * module's (a module missing there is a link error, as it is listed below).
 */
#define SECCOMP_CALLS(mod, ...)                                                                    \
	static const struct seccomp_call seccomp_list_##mod[] = {__VA_ARGS__};                     \
	const struct seccomp_calls seccomp_calls_##mod = {                                         \
	    #mod, seccomp_list_##mod, sizeof(seccomp_list_##mod) / sizeof(seccomp_list_##mod[0])}

extern const struct seccomp_calls seccomp_calls_main, seccomp_calls_loop, seccomp_calls_log,
    seccomp_calls_pcap, seccomp_calls_notify, seccomp_calls_nl, seccomp_calls_netcfg,
    seccomp_calls_datapath, seccomp_calls_udp, seccomp_calls_ipc_srv, seccomp_calls_usock,
    seccomp_calls_admin;

/**
 * seccomp_install() - allow from now on only the calls the modules declared.
 * @err:    why it failed
 * @errlen: size of @err
 *
 * Any other call makes the kernel log it (audit) and raise SIGSYS, whose handler writes
 * the call's number to stderr and lets SIGSYS kill sctund: a call the list forgot must
 * not fail quietly (a capture losing packets, a configuration left behind) but be seen.
 * Needs no_new_privs (isolate_drop()) or CAP_SYS_ADMIN.  Not installed in a sanitizer
 * build (their runtimes make calls of their own, LeakSanitizer even ptrace()s at exit):
 * returns 1 there.
 * Return: 0 (installed); 1 (sanitizer build, nothing done); -ENOMEM; -EINVAL, -EFAULT,
 * -EDOM (libseccomp refused a rule: a bug in a table); -errno of the kernel's seccomp().
 */
int seccomp_install(char *err, size_t errlen);

#endif /* SCTUND_SECCOMP_H */
