/* SPDX-License-Identifier: MIT */
/* shim.h: internals of libsctun's libc interposers: fd table, real calls, control requests. */
#ifndef SCT_SHIM_SHIM_H
#define SCT_SHIM_SHIM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/types.h>
#include <sys/uio.h>

#include "ipc/ipc.h"
#include "ipc/ipc_ctl.h"

#ifndef SOL_SCTP
#define SOL_SCTP 132
#endif

/*
 * A control connection failed (sctund went away, or answered nonsense).
 * Negative and outside the errno range; each caller turns it into an errno
 * its call may return (shim_err()).
 */
#define SHIM_ELOST (-100000)

/* ---------------------------------------------------------------- real libc calls */

/*
 * The functions we interpose, as the next object in the lookup order
 * (libc) defines them: resolved once with dlsym(RTLD_NEXT) by shim_init().
 */
struct shim_real {
	int (*socket)(int, int, int);
	int (*socketpair)(int, int, int, int[2]);
	int (*bind)(int, const struct sockaddr *, socklen_t);
	int (*listen)(int, int);
	int (*accept)(int, struct sockaddr *, socklen_t *);
	int (*accept4)(int, struct sockaddr *, socklen_t *, int);
	int (*connect)(int, const struct sockaddr *, socklen_t);
	int (*getsockname)(int, struct sockaddr *, socklen_t *);
	int (*getpeername)(int, struct sockaddr *, socklen_t *);
	int (*shutdown)(int, int);
	int (*close)(int);
	int (*setsockopt)(int, int, int, const void *, socklen_t);
	int (*getsockopt)(int, int, int, void *, socklen_t *);
	ssize_t (*read)(int, void *, size_t);
	ssize_t (*readv)(int, const struct iovec *, int);
	ssize_t (*recv)(int, void *, size_t, int);
	ssize_t (*recvfrom)(int, void *, size_t, int, struct sockaddr *, socklen_t *);
	ssize_t (*recvmsg)(int, struct msghdr *, int);
	ssize_t (*write)(int, const void *, size_t);
	ssize_t (*writev)(int, const struct iovec *, int);
	ssize_t (*send)(int, const void *, size_t, int);
	ssize_t (*sendto)(int, const void *, size_t, int, const struct sockaddr *, socklen_t);
	ssize_t (*sendmsg)(int, const struct msghdr *, int);
	int (*dup)(int);
	int (*dup2)(int, int);
	int (*dup3)(int, int, int);
	int (*fcntl)(int, int, ...);
	int (*fcntl64)(int, int, ...);
	ssize_t (*read_chk)(int, void *, size_t, size_t);
	ssize_t (*recv_chk)(int, void *, size_t, size_t, int);
	ssize_t (*recvfrom_chk)(int, void *, size_t, size_t, int, struct sockaddr *, socklen_t *);
};

extern struct shim_real shim_real;

/**
 * shim_init() - resolve the real calls and register the fork handlers, once
 * per process (pthread_once); every entry point calls it first, because
 * another library's constructor may call us before our own ran.
 */
void shim_init(void);

/** shim_err() - the errno for -@err, with @lost standing for SHIM_ELOST. */
static inline int shim_err(int err, int lost)
{
	return err == SHIM_ELOST ? lost : -err;
}

/* ---------------------------------------------------------------- fd table */

enum shim_state {
	SHIM_NEW = 0,
	SHIM_CONNECTING,
	SHIM_CONNECTED,
	SHIM_LISTENING,
};

/* What the shim knows about one application fd that is an sctun socket. */
struct shim_fd {
	bool used;
	bool eof_done;	    /* read() saw EOF and asked SO_ERROR already */
	uint8_t state;	    /* enum shim_state */
	int family;	    /* AF_INET, AF_INET6 */
	int type;	    /* SOCK_STREAM, SOCK_SEQPACKET */
	int protocol;	    /* IPPROTO_SCTP */
	int ctl;	    /* control connection; -1: none in this process yet (ADOPT lazily) */
	int sndbuf;	    /* SO_SNDBUF to restore once connected; 0: none */
	size_t off;	    /* payload bytes of the head record already delivered */
	socklen_t peer_len; /* 0: peer not known */
	struct sockaddr_storage peer;
};

/* Largest fd the table tracks (bounds its memory: about 200 bytes an fd). */
#define SHIM_FD_MAX (1 << 20)

/** shim_fd_get() - copy the entry of @fd into @out; false when @fd is not ours. */
bool shim_fd_get(int fd, struct shim_fd *out);

/**
 * shim_fd_put() - make @in the entry of @fd, replacing any (stale) entry;
 * the old entry's control connection, if any, is closed.
 * Return: 0; -ENOMEM; -EMFILE when @fd >= SHIM_FD_MAX.
 */
int shim_fd_put(int fd, const struct shim_fd *in);

/** shim_fd_forget() - drop the entry of @fd; return its control fd (or -1) for closing. */
int shim_fd_forget(int fd);

/** shim_fd_set_state() - set the state of @fd (no-op when not ours). */
void shim_fd_set_state(int fd, enum shim_state st);
/** shim_fd_set_off() - set the read offset of @fd. */
void shim_fd_set_off(int fd, size_t off);
/** shim_fd_set_eof() - remember that @fd's EOF was seen and its SO_ERROR asked. */
void shim_fd_set_eof(int fd, bool done);
/** shim_fd_set_sndbuf() - remember the SO_SNDBUF to restore after connect (0: none). */
void shim_fd_set_sndbuf(int fd, int sndbuf);
/** shim_fd_set_peer() - cache the peer address of @fd. */
void shim_fd_set_peer(int fd, const struct sockaddr *sa, socklen_t len);

/**
 * shim_fd_set_ctl() - install @ctl as @fd's control connection unless
 * another thread installed one first.
 * Return: the control fd now in use (@ctl, or the other thread's, in
 * which case @ctl is closed); -1 when @fd is no longer ours (@ctl closed).
 */
int shim_fd_set_ctl(int fd, int ctl);

/** shim_fd_count() - number of fds in the table (0: every call passes straight through). */
unsigned shim_fd_count(void);

/* Fork handling (pthread_atfork). */
void shim_fd_atfork_prepare(void);
void shim_fd_atfork_parent(void);
void shim_fd_atfork_child(void);

/* ---------------------------------------------------------------- addresses */

/**
 * shim_addr_from_sockaddr() - convert a sockaddr_in/sockaddr_in6 into the
 * IPC address; a v4-mapped IPv6 address becomes inet.
 * Return: 0; -EINVAL for a NULL address or a length short of the family's
 * struct; -EAFNOSUPPORT for another family.
 */
int shim_addr_from_sockaddr(const struct sockaddr *sa, socklen_t len, struct sct_ipc_addr *out);

/**
 * shim_addr_to_sockaddr() - convert @a into a sockaddr for a socket of
 * @family: inet on an AF_INET6 socket becomes v4-mapped ::ffff:a.b.c.d.
 * Return: the sockaddr's length; -EAFNOSUPPORT when @a's family is unknown.
 */
int shim_addr_to_sockaddr(const struct sct_ipc_addr *a, int family, struct sockaddr_storage *out);

/**
 * shim_addr_for_socket() - shim_addr_from_sockaddr() of an address given to
 * bind() or connect() on a socket of @family: an AF_INET6 sockaddr on an
 * AF_INET socket is refused, an AF_INET one on an AF_INET6 socket is fine.
 * Return: 0; -EINVAL; -EAFNOSUPPORT.
 */
int shim_addr_for_socket(int family, const struct sockaddr *sa, socklen_t len,
			 struct sct_ipc_addr *out);

/**
 * shim_addr_copy_out() - copy @len bytes of @ss into the caller's @addr,
 * truncated to *@addrlen, and store the full length in *@addrlen (as the
 * kernel does).  Nothing happens when @addr or @addrlen is NULL.
 * Return: 0; -EINVAL when *@addrlen is negative.
 */
int shim_addr_copy_out(const struct sockaddr_storage *ss, socklen_t len, struct sockaddr *addr,
		       socklen_t *addrlen);

/* ---------------------------------------------------------------- control connection */

/**
 * shim_service_path() - the service socket path per the contract:
 * $SCTUN_SOCKET, else /run/sctun/sctund.sock for root, else
 * $XDG_RUNTIME_DIR/sctun/sctund.sock.
 * Return: 0; -ENAMETOOLONG.
 */
int shim_service_path(char *buf, size_t cap);

/**
 * shim_ctl_open() - connect a new control connection and say HELLO.
 * Return: the control fd; -errno from socket()/connect() (the daemon is not
 * there); SHIM_ELOST when it answered badly.
 */
int shim_ctl_open(void);

/**
 * shim_ctl_call() - send request @req (id and version filled in here) with
 * @fd_out attached unless -1, and wait for its response into @rsp, whose
 * byte fields point into @buf (SCT_IPC_CTL_MAX bytes).  An fd that came
 * with the response goes to *@fd_in (when @fd_in is not NULL; else closed).
 * Return: 0; -status of the response (the daemon's errno); SHIM_ELOST.
 */
int shim_ctl_call(int ctl, struct sct_ipc_ctl *req, int fd_out, struct sct_ipc_ctl *rsp,
		  uint8_t *buf, int *fd_in);

/**
 * shim_ctl_get() - the control connection for application fd @fd, opened
 * and bound with ADOPT when this process has none yet.
 * Return: the control fd; -errno (the daemon's answer to ADOPT); SHIM_ELOST.
 */
int shim_ctl_get(int fd);

/**
 * shim_ctl_request() - shim_ctl_get() then shim_ctl_call() without fds.
 * Return: as shim_ctl_call().
 */
int shim_ctl_request(int fd, struct sct_ipc_ctl *req, struct sct_ipc_ctl *rsp, uint8_t *buf);

/** shim_req_init() - a zeroed request with @opcode. */
void shim_req_init(struct sct_ipc_ctl *req, uint16_t opcode);

/**
 * shim_so_error() - ask sctund for @fd's SO_ERROR.
 * Return: the error (0 or a positive errno); negative: the request failed.
 */
int shim_so_error(int fd);

/** shim_warn_unreachable() - the one line per process when sctund cannot be reached. */
void shim_warn_unreachable(int err);
/** shim_ctl_atfork_child() - fork child: reset request locks and the one-line warning. */
void shim_ctl_atfork_child(void);

/* ---------------------------------------------------------------- options */

/* Where an option goes. */
enum shim_opt_route {
	SHIM_OPT_DAEMON = 1, /* translated and sent to sctund */
	SHIM_OPT_REAL,	     /* SOL_SOCKET options of the data socket itself */
	SHIM_OPT_STATUS,     /* SCTP_STATUS: the STATUS request */
};

/**
 * shim_opt_map() - where host option (@level, @name) goes, and its IPC
 * level and name for SHIM_OPT_DAEMON.
 * Return: enum shim_opt_route; -ENOPROTOOPT.
 */
int shim_opt_map(int level, int name, uint16_t *ilevel, uint16_t *iname);

/**
 * shim_opt_encode() - the OPTVAL bytes of a setsockopt() value.
 * Return: the length written into @out; -EINVAL for a bad length or NULL.
 */
int shim_opt_encode(uint16_t ilevel, uint16_t iname, const void *val, socklen_t len, uint8_t *out,
		    size_t cap);

/**
 * shim_opt_get_arg() - the OPTVAL a getsockopt() request carries as input
 * (SCTP_MAXSEG's assoc_id); 0 bytes for the others.
 * Return: the length written into @out; -EINVAL.
 */
int shim_opt_get_arg(uint16_t ilevel, uint16_t iname, const void *val, socklen_t len, uint8_t *out,
		     size_t cap);

/**
 * shim_opt_decode() - a getsockopt() value from the OPTVAL bytes in @in,
 * into the caller's @val of *@len bytes; *@len becomes the length written.
 * Return: 0; -EINVAL (the caller's buffer is too short for the option);
 * -EPROTO (sctund's value has the wrong size; turned into an errno later).
 */
int shim_opt_decode(uint16_t ilevel, uint16_t iname, const uint8_t *in, size_t inlen, void *val,
		    socklen_t *len);

/* ---------------------------------------------------------------- the calls */

int shim_socket(int domain, int type, int protocol);
int shim_socketpair(int domain, int type, int protocol, int sv[2]);
int shim_bind(int fd, const struct sockaddr *addr, socklen_t len);
int shim_listen(int fd, int backlog);
int shim_accept4(int fd, struct sockaddr *addr, socklen_t *len, int flags);
int shim_accept(int fd, struct sockaddr *addr, socklen_t *len);
int shim_connect(int fd, const struct sockaddr *addr, socklen_t len);
int shim_getsockname(int fd, struct sockaddr *addr, socklen_t *len);
int shim_getpeername(int fd, struct sockaddr *addr, socklen_t *len);
int shim_shutdown(int fd, int how);
int shim_close(int fd);
int shim_setsockopt(int fd, int level, int name, const void *val, socklen_t len);
int shim_getsockopt(int fd, int level, int name, void *val, socklen_t *len);
int shim_dup(int fd);
int shim_dup2(int fd, int fd2);
int shim_dup3(int fd, int fd2, int flags);
int shim_fcntl(int fd, int cmd, void *arg, bool is64);

ssize_t shim_read(int fd, void *buf, size_t len);
ssize_t shim_readv(int fd, const struct iovec *iov, int iovcnt);
ssize_t shim_recv(int fd, void *buf, size_t len, int flags);
ssize_t shim_recvfrom(int fd, void *buf, size_t len, int flags, struct sockaddr *addr,
		      socklen_t *alen);
ssize_t shim_recvmsg(int fd, struct msghdr *msg, int flags);

ssize_t shim_read_chk(int fd, void *buf, size_t len, size_t buflen);
ssize_t shim_recv_chk(int fd, void *buf, size_t len, size_t buflen, int flags);
ssize_t shim_recvfrom_chk(int fd, void *buf, size_t len, size_t buflen, int flags,
			  struct sockaddr *addr, socklen_t *alen);
ssize_t shim_recv_core(int fd, const struct iovec *iov, int iovcnt, int flags, int *mflags);

/* glibc's fortify failure (abort with a message); what the real _chk calls do. */
extern void __chk_fail(void) __attribute__((noreturn));

ssize_t shim_write(int fd, const void *buf, size_t len);
ssize_t shim_writev(int fd, const struct iovec *iov, int iovcnt);
ssize_t shim_send(int fd, const void *buf, size_t len, int flags);
ssize_t shim_sendto(int fd, const void *buf, size_t len, int flags, const struct sockaddr *addr,
		    socklen_t alen);
ssize_t shim_sendmsg(int fd, const struct msghdr *msg, int flags);

ssize_t shim_send_core(int fd, const struct iovec *iov, int iovcnt, int flags,
		       const struct sct_ipc_rec *tmpl);
int shim_sndinfo_from_cmsg(const struct msghdr *msg, struct sct_ipc_rec *r);

/**
 * shim_apply_flags() - clear FD_CLOEXEC unless @flags has SOCK_CLOEXEC, and
 * set O_NONBLOCK when it has SOCK_NONBLOCK, on a data fd that arrived
 * close-on-exec.
 * Return: 0; -errno from fcntl().
 */
int shim_apply_flags(int fd, int flags);

/**
 * shim_connect_check() - for a CONNECTING @fd whose data socket is writable
 * (the daemon read the CONNECTING record or shut its end), ask SO_ERROR;
 * when 0, restore SO_SNDBUF and mark it connected.
 * Return: 0 (not connecting, still connecting, or now connected); a
 * positive errno when the connect failed (the socket goes back to NEW).
 */
int shim_connect_check(int fd);

#endif /* SCT_SHIM_SHIM_H */
