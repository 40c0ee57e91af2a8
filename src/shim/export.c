/* SPDX-License-Identifier: MIT */
/* export.c: the libc names libsctun.so exports, each a three-line call to its shim_<name>(). */

/*
 * No config.h here, and no _GNU_SOURCE: with it glibc declares the socket
 * calls with a transparent union for the address argument, which our plain
 * struct sockaddr definitions would not match.  The GNU-only names are
 * declared below as glibc declares them.  This file goes into libsctun.so
 * only; the unit tests link everything else (libshimcore) and call the
 * shim_<name>() functions directly.
 */
#undef _GNU_SOURCE
#include <stdarg.h>
#include <stdint.h>
#include <sys/socket.h>
#include <sys/types.h>
#include <sys/uio.h>
#include <unistd.h>

#include "shim/shim.h"

#define EXPORT __attribute__((visibility("default")))

int accept4(int fd, struct sockaddr *addr, socklen_t *len, int flags);
int dup3(int fd, int fd2, int flags);
int fcntl(int fd, int cmd, ...);
int fcntl64(int fd, int cmd, ...);
ssize_t __read_chk(int fd, void *buf, size_t len, size_t buflen);
ssize_t __recv_chk(int fd, void *buf, size_t len, size_t buflen, int flags);
ssize_t __recvfrom_chk(int fd, void *buf, size_t len, size_t buflen, int flags,
		       struct sockaddr *addr, socklen_t *alen);

/* The library's constructor: resolve libc before the program's main() runs. */
__attribute__((constructor)) static void libsctun_init(void)
{
	shim_init();
}

EXPORT int socket(int domain, int type, int protocol)
{
	return shim_socket(domain, type, protocol);
}

EXPORT int socketpair(int domain, int type, int protocol, int sv[2])
{
	return shim_socketpair(domain, type, protocol, sv);
}

EXPORT int bind(int fd, const struct sockaddr *addr, socklen_t len)
{
	return shim_bind(fd, addr, len);
}

EXPORT int listen(int fd, int backlog)
{
	return shim_listen(fd, backlog);
}

EXPORT int accept(int fd, struct sockaddr *addr, socklen_t *len)
{
	return shim_accept(fd, addr, len);
}

EXPORT int accept4(int fd, struct sockaddr *addr, socklen_t *len, int flags)
{
	return shim_accept4(fd, addr, len, flags);
}

EXPORT int connect(int fd, const struct sockaddr *addr, socklen_t len)
{
	return shim_connect(fd, addr, len);
}

EXPORT int getsockname(int fd, struct sockaddr *addr, socklen_t *len)
{
	return shim_getsockname(fd, addr, len);
}

EXPORT int getpeername(int fd, struct sockaddr *addr, socklen_t *len)
{
	return shim_getpeername(fd, addr, len);
}

EXPORT int shutdown(int fd, int how)
{
	return shim_shutdown(fd, how);
}

EXPORT int close(int fd)
{
	return shim_close(fd);
}

EXPORT int setsockopt(int fd, int level, int name, const void *val, socklen_t len)
{
	return shim_tcp_setsockopt(fd, level, name, val, len);
}

EXPORT int getsockopt(int fd, int level, int name, void *val, socklen_t *len)
{
	return shim_tcp_getsockopt(fd, level, name, val, len);
}

EXPORT ssize_t read(int fd, void *buf, size_t len)
{
	return shim_read(fd, buf, len);
}

EXPORT ssize_t readv(int fd, const struct iovec *iov, int iovcnt)
{
	return shim_readv(fd, iov, iovcnt);
}

EXPORT ssize_t recv(int fd, void *buf, size_t len, int flags)
{
	return shim_recv(fd, buf, len, flags);
}

EXPORT ssize_t recvfrom(int fd, void *buf, size_t len, int flags, struct sockaddr *addr,
			socklen_t *alen)
{
	return shim_recvfrom(fd, buf, len, flags, addr, alen);
}

EXPORT ssize_t recvmsg(int fd, struct msghdr *msg, int flags)
{
	return shim_recvmsg(fd, msg, flags);
}

EXPORT ssize_t write(int fd, const void *buf, size_t len)
{
	return shim_write(fd, buf, len);
}

EXPORT ssize_t writev(int fd, const struct iovec *iov, int iovcnt)
{
	return shim_writev(fd, iov, iovcnt);
}

EXPORT ssize_t send(int fd, const void *buf, size_t len, int flags)
{
	return shim_send(fd, buf, len, flags);
}

EXPORT ssize_t sendto(int fd, const void *buf, size_t len, int flags, const struct sockaddr *addr,
		      socklen_t alen)
{
	return shim_sendto(fd, buf, len, flags, addr, alen);
}

EXPORT ssize_t sendmsg(int fd, const struct msghdr *msg, int flags)
{
	return shim_sendmsg(fd, msg, flags);
}

EXPORT int dup(int fd)
{
	return shim_dup(fd);
}

EXPORT int dup2(int fd, int fd2)
{
	return shim_dup2(fd, fd2);
}

EXPORT int dup3(int fd, int fd2, int flags)
{
	return shim_dup3(fd, fd2, flags);
}

EXPORT ssize_t __read_chk(int fd, void *buf, size_t len, size_t buflen)
{
	return shim_read_chk(fd, buf, len, buflen);
}

EXPORT ssize_t __recv_chk(int fd, void *buf, size_t len, size_t buflen, int flags)
{
	return shim_recv_chk(fd, buf, len, buflen, flags);
}

EXPORT ssize_t __recvfrom_chk(int fd, void *buf, size_t len, size_t buflen, int flags,
			      struct sockaddr *addr, socklen_t *alen)
{
	return shim_recvfrom_chk(fd, buf, len, buflen, flags, addr, alen);
}

/*
 * fcntl's third argument is an int or a pointer depending on the command;
 * like glibc, take it as a pointer (same register or stack slot) and pass
 * it on unchanged.
 */
EXPORT int fcntl(int fd, int cmd, ...)
{
	va_list ap;
	void *arg;

	va_start(ap, cmd);
	arg = va_arg(ap, void *);
	va_end(ap);
	return shim_fcntl(fd, cmd, arg, false);
}

EXPORT int fcntl64(int fd, int cmd, ...)
{
	va_list ap;
	void *arg;

	va_start(ap, cmd);
	arg = va_arg(ap, void *);
	va_end(ap);
	return shim_fcntl(fd, cmd, arg, true);
}
