/* SPDX-License-Identifier: MIT */
/* shim.c: libsctun's start-up: the real libc calls, fork handling, the theory of operation. */
#include "shim/shim.h"

#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>

/*
 * Theory of operation
 *
 * libsctun.so is loaded with LD_PRELOAD (sctun-run(1)) into a program that
 * knows nothing of sctun.  It interposes the libc socket calls and turns a
 * socket(AF_INET or AF_INET6, SOCK_STREAM, IPPROTO_SCTP) into an sctun
 * socket (and, under sctun-run --tcp, a TCP one: tcp.c); every other
 * descriptor, and every call on one, passes straight through to libc
 * untouched (the lookup is one atomic load while the
 * process holds no sctun socket).
 *
 * An sctun socket is two descriptors (sctun-ipc(7), /work/ipc-contract.md):
 *
 *   - the data socket, an AF_UNIX SOCK_SEQPACKET socket made by sctund and
 *     passed to us with SCM_RIGHTS.  It IS the application's fd: poll,
 *     select, epoll, fork, dup and fcntl(O_NONBLOCK) work on it natively,
 *     and sctund keeps its readiness exact (readable: a message or an
 *     association to accept; writable: the association takes more).  Each
 *     datagram is one record (a header, then a user message or a piece of
 *     one); we add headers on write and strip them on read.  A record
 *     larger than the caller's buffer is delivered over several reads while
 *     it stays queued in the kernel (MSG_PEEK plus a per-fd offset), so
 *     readiness never lies about what is left.
 *
 *   - a private control connection to sctund's service socket, one per
 *     socket per process, for synchronous requests (bind, listen, connect,
 *     accept, options, names).  After fork, accept or dup we know the data
 *     fd but have no control connection for it: the first request opens
 *     one and binds it with ADOPT (sctund finds the socket by inode).  The
 *     fork child handler closes inherited control fds, so a control
 *     connection is never shared by two processes.
 *
 * Files: one per libc family, each with testable shim_<name>() functions
 * (socket.c, connect.c, recv.c, send.c, opt.c, tcp.c); fdtab.c is the fd table,
 * ctl.c the control connection, addr.c the address conversion; export.c
 * holds the exported three-line wrappers and goes only into libsctun.so, so
 * that the unit tests link everything else (libshimcore) without preloading.
 *
 * When sctund dies, the kernel ends every data socket as sctund would after
 * an orderly end; the control connection tells the two apart (ctl.c marks
 * the fd lost), and a lost socket fails as after an ABORT.
 *
 * Rules kept everywhere: never exit() or print more than the one line of
 * shim_warn_unreachable() inside the host program; errno is always a value
 * the interposed call may return; the fd table's mutex is never held across
 * a call that can block.
 */

struct shim_real shim_real;

static pthread_once_t shim_once = PTHREAD_ONCE_INIT;

#define REAL(name)	    shim_real.name = (__typeof__(shim_real.name))dlsym(RTLD_NEXT, #name)
#define REAL_AS(field, sym) shim_real.field = (__typeof__(shim_real.field))dlsym(RTLD_NEXT, sym)

static void shim_atfork_child(void)
{
	shim_fd_atfork_child();
	shim_ctl_atfork_child();
}

static void shim_init_once(void)
{
	REAL(socket);
	REAL(socketpair);
	REAL(bind);
	REAL(listen);
	REAL(accept);
	REAL(accept4);
	REAL(connect);
	REAL(getsockname);
	REAL(getpeername);
	REAL(shutdown);
	REAL(close);
	REAL(setsockopt);
	REAL(getsockopt);
	REAL(read);
	REAL(readv);
	REAL(recv);
	REAL(recvfrom);
	REAL(recvmsg);
	REAL(write);
	REAL(writev);
	REAL(send);
	REAL(sendto);
	REAL(sendmsg);
	REAL(dup);
	REAL(dup2);
	REAL(dup3);
	REAL(fcntl);
	REAL(fcntl64);
	if (!shim_real.fcntl64)
		shim_real.fcntl64 = shim_real.fcntl;
	REAL_AS(read_chk, "__read_chk");
	REAL_AS(recv_chk, "__recv_chk");
	REAL_AS(recvfrom_chk, "__recvfrom_chk");
	pthread_atfork(shim_fd_atfork_prepare, shim_fd_atfork_parent, shim_atfork_child);
}

void shim_init(void)
{
	pthread_once(&shim_once, shim_init_once);
}
