/* SPDX-License-Identifier: MIT */
/* shim.h: internals of libsctun's libc interposers: fd table, real calls, control requests. */
#ifndef SCT_SHIM_SHIM_H
#define SCT_SHIM_SHIM_H

#include <errno.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/types.h>
#include <sys/uio.h>
#include <linux/sctp.h> /* after sys/socket.h, which it needs */

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

/**
 * shim_refused() - @err is sctund refusing a control connection for want of
 * resources (out of descriptors: -ENFILE; the user's quota: -EMFILE; -ENOBUFS,
 * -ENOMEM), or the program itself out of descriptors (-EMFILE, -ENFILE): what
 * socket() and accept() say then, never "no SCTP".
 */
static inline bool shim_refused(int err)
{
	return err == -ENFILE || err == -EMFILE || err == -ENOBUFS || err == -ENOMEM;
}

/**
 * shim_fd_room() - whether the program has a descriptor free, probed by duplicating
 * @fd.  A descriptor sctund passes when we have none is dropped by the kernel, and
 * with it, for accept() and sctp_peeloff(), the association: so those ask first.
 * Return: 0; -EMFILE or -ENFILE when there is none.
 */
int shim_fd_room(int fd);

/* ---------------------------------------------------------------- fd table */

enum shim_state {
	SHIM_NEW = 0,
	SHIM_CONNECTING,
	SHIM_CONNECTED,
	SHIM_LISTENING,
};

/* Bytes of struct sctp_event_subscribe the shim keeps (the host's struct, any prefix). */
#define SHIM_EVENTS_LEN 16

/* What the shim knows about one application fd that is an sctun socket. */
struct shim_fd {
	bool used;
	bool eof_done;	    /* read() saw EOF and asked SO_ERROR already */
	bool v6only;	    /* IPV6_V6ONLY was set on */
	bool rcvinfo;	    /* SCTP_RECVRCVINFO: the shim's own, sctund never sees it */
	bool nxtinfo;	    /* SCTP_RECVNXTINFO: likewise */
	bool tcp;	    /* made from a TCP socket() by sctun-run --tcp (tcp.c) */
	bool lost;	    /* sctund went away: the socket is dead (ECONNRESET, EPIPE) */
	int rcv_err;	    /* errno the next receive returns (MSG_WAITALL got bytes first) */
	uint8_t events[SHIM_EVENTS_LEN]; /* what SCTP_EVENTS/SCTP_EVENT subscribed (byte 0: data_io) */
	uint8_t state;	    /* enum shim_state */
	int family;	    /* AF_INET, AF_INET6 */
	int type;	    /* SOCK_STREAM, SOCK_SEQPACKET */
	int protocol;	    /* IPPROTO_SCTP */
	int ctl;	    /* control connection; -1: none in this process yet (ADOPT lazily) */
	int sndbuf;	    /* SO_SNDBUF to restore once connected; 0: none */
	size_t off;	    /* payload bytes of the head record already delivered */
	socklen_t peer_len; /* 0: peer not known */
	struct sockaddr_storage peer;
	uint8_t *cache;	    /* recv.c's peeked copy of the head record; see shim_fd_take_cache() */
	size_t cache_len;
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
/** shim_fd_swap_rcv_err() - set @fd's pending receive error to @err; return the old one. */
int shim_fd_swap_rcv_err(int fd, int err);
/** shim_fd_set_lost() - remember that @fd's sctund is gone (see shim_ctl_get()). */
void shim_fd_set_lost(int fd);
/** shim_fd_set_sndbuf() - remember the SO_SNDBUF to restore after connect (0: none). */
void shim_fd_set_sndbuf(int fd, int sndbuf);
/** shim_fd_set_peer() - cache the peer address of @fd. */
void shim_fd_set_peer(int fd, const struct sockaddr *sa, socklen_t len);
/** shim_fd_set_v6only() - remember IPV6_V6ONLY (one-to-many destinations are checked here). */
void shim_fd_set_v6only(int fd, bool on);
/** shim_fd_set_rcvopts() - set SCTP_RECVRCVINFO (@which 0) or SCTP_RECVNXTINFO (1). */
void shim_fd_set_rcvopt(int fd, int which, bool on);
/** shim_fd_set_events() - replace the first @len subscription bytes with @ev. */
void shim_fd_set_events(int fd, const uint8_t *ev, size_t len);

/**
 * shim_fd_take_cache() - take @fd's cached copy of its head record (recv.c)
 * out of the table, so that no other thread frees it while it is used.
 * Return: the buffer (the caller owns it now) and its length in *@len;
 * NULL when there is none.
 */
uint8_t *shim_fd_take_cache(int fd, size_t *len);

/**
 * shim_fd_give_cache() - make @buf (malloc'd, @len bytes) @fd's cached
 * record; it is freed instead when @fd is not ours any more or already has
 * one.  NULL @buf only drops the one there.
 */
void shim_fd_give_cache(int fd, uint8_t *buf, size_t len);

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
 * shim_ctl_open() - a pooled control connection (shim_ctl_release()), else
 * connect a new one and say HELLO.
 * Return: the control fd; -errno from socket()/connect() (the daemon is not
 * there); SHIM_ELOST when it answered badly.
 */
int shim_ctl_open(void);

/**
 * shim_ctl_release() - the application let go of the socket of control
 * connection @ctl: CLOSE is sent on it (without waiting) and it is kept for a
 * later shim_ctl_open(), or closed when the pool is full.
 */
void shim_ctl_release(int ctl);

/**
 * shim_ctl_pool_drop() - close the pooled control connections: the program is
 * out of descriptors.  Return: how many were closed.
 */
int shim_ctl_pool_drop(void);

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
 * and bound with ADOPT when this process has none yet.  When sctund is
 * gone (the connection cannot be made, or a new sctund does not know the
 * socket) the fd is marked lost, and every later call fails at once.
 * Return: the control fd; -errno (the daemon's answer to ADOPT); SHIM_ELOST.
 */
int shim_ctl_get(int fd);

/**
 * shim_ctl_request() - shim_ctl_get() then shim_ctl_call() without fds.
 * A control connection that fails (sctund died) marks @fd lost; a lost
 * fd's SO_ERROR is answered here: ECONNRESET.
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

/* ---------------------------------------------------------------- TCP mode (tcp.c) */

/**
 * shim_tcp_mode() - whether the process runs under sctun-run --tcp
 * ($SCTUN_TCP is 1 when the library first looks).
 */
bool shim_tcp_mode(void);

/**
 * shim_tcp_setsockopt(), shim_tcp_getsockopt() - setsockopt() and
 * getsockopt() with TCP mode in front: IPPROTO_TCP options of a socket
 * made from a TCP socket() are mapped to SCTP's (TCP_NODELAY, TCP_MAXSEG),
 * answered from SCTP_STATUS (TCP_INFO), accepted and ignored (timing knobs
 * SCTP has its own of) or refused; everything else is shim_setsockopt()
 * and shim_getsockopt().
 * Return: 0 or -1 with errno: as the calls they stand for; ENOPROTOOPT for
 * a TCP option with no SCTP meaning; EINVAL for a short value.
 */
int shim_tcp_setsockopt(int fd, int level, int name, const void *val, socklen_t len);
int shim_tcp_getsockopt(int fd, int level, int name, void *val, socklen_t *len);

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
 * shim_opt_encode() - the OPTVAL bytes of a setsockopt() value (@cap at least 64).
 * Return: the length written into @out; -EINVAL for a bad length, a bad
 * address or NULL; -ENOPROTOOPT for a read-only option.
 */
int shim_opt_encode(uint16_t ilevel, uint16_t iname, const void *val, socklen_t len, uint8_t *out,
		    size_t cap);

/**
 * shim_opt_get_arg() - the OPTVAL a getsockopt() request carries as input:
 * the association id the option's struct starts with, the peer address of
 * SCTP_PEER_ADDR_PARAMS and SCTP_GET_PEER_ADDR_INFO, the room of
 * SCTP_GET_ASSOC_ID_LIST; 0 bytes for the others.
 * Return: the length written into @out; -EINVAL (a buffer too short for that
 * input, an address of an unknown family).
 */
int shim_opt_get_arg(uint16_t ilevel, uint16_t iname, const void *val, socklen_t len, uint8_t *out,
		     size_t cap);

/**
 * shim_path_state() - the spinfo_state (SCTP_ACTIVE, SCTP_PF...) of an
 * enum sct_ipc_path_state; SCTP_UNKNOWN for a value it does not know.
 */
int shim_path_state(uint32_t st);

/**
 * shim_opt_decode() - a getsockopt() value from the OPTVAL bytes in @in,
 * into the caller's @val of *@len bytes; *@len becomes the length written.
 * Return: 0; -EINVAL (the caller's buffer is too short for the option);
 * -EPROTO (sctund's value has the wrong size; turned into an errno later).
 */
int shim_opt_decode(uint16_t ilevel, uint16_t iname, const uint8_t *in, size_t inlen, void *val,
		    socklen_t *len);

/* ---------------------------------------------------------------- lksctp's options (sctpopt.c) */

/**
 * shim_sctpopt_set() - setsockopt(SOL_SCTP, @name) when the shim answers
 * it itself or turns it into a request other than SETSOCKOPT
 * (SCTP_SOCKOPT_BINDX_ADD/REM, SCTP_SOCKOPT_CONNECTX(_OLD), SCTP_EVENT,
 * SCTP_RECVRCVINFO, SCTP_RECVNXTINFO).
 * Return: false when @name is not one of them; else true, with the call's
 * result in *@result: 0, the association id (SCTP_SOCKOPT_CONNECTX), or
 * -errno / SHIM_ELOST.
 */
bool shim_sctpopt_set(int fd, const struct shim_fd *e, int name, const void *val, socklen_t len,
		      int *result);

/**
 * shim_sctpopt_get() - getsockopt(SOL_SCTP, @name) likewise
 * (SCTP_SOCKOPT_CONNECTX3, SCTP_SOCKOPT_PEELOFF(_FLAGS),
 * SCTP_GET_PEER_ADDRS, SCTP_GET_LOCAL_ADDRS, SCTP_EVENT, SCTP_PRIMARY_ADDR,
 * SCTP_RECVRCVINFO, SCTP_RECVNXTINFO).
 * Return: false when @name is not one of them; else true, with 0, -errno
 * or SHIM_ELOST in *@result.
 */
bool shim_sctpopt_get(int fd, const struct shim_fd *e, int name, void *val, socklen_t *len,
		      int *result);

/**
 * shim_packed_addrs() - the IPC addresses of a packed list (sockaddr_in and
 * sockaddr_in6 back to back, @bytes long) for a socket of @family.
 * Return: how many (1 to @max); -EINVAL (empty, cut short, an unknown
 * family, more than @max, IPv6 on an AF_INET socket); -EAFNOSUPPORT.
 */
int shim_packed_addrs(int family, const void *buf, size_t bytes, struct sct_ipc_addr *out,
		      size_t max);

/**
 * shim_bindx_addrs() - BINDX_ADD (@add) or BINDX_REM of @n addresses.
 * Return: 0; -errno (EOPNOTSUPP: sctund adds only before the first bind
 * and never removes); SHIM_ELOST.
 */
int shim_bindx_addrs(int fd, const struct sct_ipc_addr *addrs, size_t n, bool add);

/**
 * shim_peeloff_fd() - move association @id of one-to-many socket @fd to a
 * new one-to-one socket in this process; @flags: SOCK_NONBLOCK, SOCK_CLOEXEC.
 * Return: the new fd; -EINVAL (not one-to-many, unknown association, bad
 * flags); -errno; SHIM_ELOST.
 */
int shim_peeloff_fd(int fd, sctp_assoc_t id, int flags);

/**
 * shim_addrs_packed() - the peer's (@peer) or our own addresses of
 * association @id (0: the socket's), packed into @out, in the socket's
 * family; their number in *@count.
 * Return: bytes written; -ENOMEM when @cap is short; -errno; SHIM_ELOST.
 */
ssize_t shim_addrs_packed(int fd, bool peer, sctp_assoc_t id, uint8_t *out, size_t cap,
			  int *count);

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

/**
 * shim_recv_msg() - recvmsg() on sctun socket @fd: name, flags and the
 * cmsgs the socket's options ask for, plus those in @want
 * (SHIM_WANT_*: sctp_recvmsg() and sctp_recvv() ask for theirs).
 * Return: bytes received; 0 at end of file; -errno.
 */
ssize_t shim_recv_msg(int fd, struct msghdr *msg, int flags, unsigned want);

ssize_t shim_read_chk(int fd, void *buf, size_t len, size_t buflen);
ssize_t shim_recv_chk(int fd, void *buf, size_t len, size_t buflen, int flags);
ssize_t shim_recvfrom_chk(int fd, void *buf, size_t len, size_t buflen, int flags,
			  struct sockaddr *addr, socklen_t *alen);
struct shim_rinfo;
ssize_t shim_recv_core(int fd, const struct iovec *iov, int iovcnt, int flags,
		       struct shim_rinfo *ri);

/* glibc's fortify failure (abort with a message); what the real _chk calls do. */
extern void __chk_fail(void) __attribute__((noreturn));

ssize_t shim_write(int fd, const void *buf, size_t len);
ssize_t shim_writev(int fd, const struct iovec *iov, int iovcnt);
ssize_t shim_send(int fd, const void *buf, size_t len, int flags);
ssize_t shim_sendto(int fd, const void *buf, size_t len, int flags, const struct sockaddr *addr,
		    socklen_t alen);
ssize_t shim_sendmsg(int fd, const struct msghdr *msg, int flags);

/**
 * shim_send_core() - send @iov as one user message with the sid, ppid,
 * flags, context, ttl, association and destination of @tmpl (a one-to-many
 * socket needs an association or a destination; a one-to-one socket
 * ignores both).
 * Return: the payload length; -errno.
 */
ssize_t shim_send_core(int fd, const struct iovec *iov, int iovcnt, int flags,
		       const struct sct_ipc_rec *tmpl);

/**
 * shim_send_msg() - sendmsg() on sctun socket @fd: cmsgs and msg_name
 * (one-to-many: the destination, checked against the socket's family and
 * IPV6_V6ONLY) into a record template, then shim_send_core().
 * Return: the payload length; -errno.
 */
ssize_t shim_send_msg(int fd, const struct msghdr *msg, int flags);

/* ---------------------------------------------------------------- ancillary data, notifications */

/* What one receive delivered besides its bytes, for recvmsg()'s name, flags and cmsgs. */
struct shim_rinfo {
	int mflags;		/* MSG_EOR, MSG_NOTIFICATION */
	bool have;		/* rec is the header of the record delivered from */
	struct sct_ipc_rec rec; /* (its payload pointer is not valid) */
	bool have_next;		/* next is the header of the record queued after it */
	struct sct_ipc_rec next;
};

/* Which receive cmsgs a caller wants (shim_cmsg_build_recv()). */
#define SHIM_WANT_SNDRCV  1u /* SCTP_SNDRCV: data_io_event subscribed */
#define SHIM_WANT_RCVINFO 2u /* SCTP_RCVINFO: SCTP_RECVRCVINFO on */
#define SHIM_WANT_NXTINFO 4u /* SCTP_NXTINFO: SCTP_RECVNXTINFO on */

/**
 * shim_cmsg_parse_send() - the record fields (sid, ppid, flags, context,
 * ttl, assoc_id) and destination (SCTP_DSTADDRV4/V6, port 0) a sendmsg()
 * asks for with its IPPROTO_SCTP cmsgs; other levels are ignored.
 * Return: 0; -EINVAL for a short cmsg, a PR-SCTP policy other than none,
 * SCTP_AUTHINFO or an unknown SCTP cmsg.
 */
int shim_cmsg_parse_send(const struct msghdr *msg, struct sct_ipc_rec *r,
			 struct sockaddr_storage *dst, socklen_t *dst_len);

/**
 * shim_cmsg_build_recv() - write the cmsgs @want asks for about @ri into
 * @msg's control buffer (the kernel's order and layout) and set its
 * msg_controllen; MSG_CTRUNC goes into msg_flags when one does not fit.
 */
void shim_cmsg_build_recv(struct msghdr *msg, const struct shim_rinfo *ri, unsigned want);

/** shim_rec_to_sndrcv() - RFC 6458 5.3.2 struct sctp_sndrcvinfo of a received record. */
void shim_rec_to_sndrcv(const struct sct_ipc_rec *r, struct sctp_sndrcvinfo *s);
/** shim_rec_to_rcvinfo() - RFC 6458 5.3.5 struct sctp_rcvinfo of a received record. */
void shim_rec_to_rcvinfo(const struct sct_ipc_rec *r, struct sctp_rcvinfo *s);
/** shim_rec_to_nxtinfo() - RFC 6458 5.3.6 struct sctp_nxtinfo of the next record. */
void shim_rec_to_nxtinfo(const struct sct_ipc_rec *r, struct sctp_nxtinfo *s);

/* Subscription bytes (struct sctp_event_subscribe, Linux's layout; SCTP_EVENT sets byte
 * se_type - SCTP_SN_TYPE_BASE) of the two send-failure notifications. */
#define SHIM_SUB_SEND_FAILED	   3  /* sctp_send_failure_event: SCTP_SEND_FAILED */
#define SHIM_SUB_SEND_FAILED_EVENT 13 /* SCTP_SEND_FAILED_EVENT */

/**
 * shim_notif_to_host() - the host's RFC 6458 6.1 notification structure
 * (struct sctp_assoc_change...) for decoded TLV @n of association
 * @assoc_id; addresses in @family's sockaddr.  @events (SHIM_EVENTS_LEN
 * subscription bytes of the socket, or NULL) picks the send-failure struct:
 * the old struct sctp_send_failed when only sctp_send_failure_event is on.
 * Return: its length in @out; -ENOBUFS when @cap is short; -EINVAL for an
 * unknown type.
 */
ssize_t shim_notif_to_host(const struct sct_ipc_notif *n, uint32_t assoc_id, int family,
			   const uint8_t *events, uint8_t *out, size_t cap);

/* Room for any notification shim_notif_to_host() builds (sctund caps bytes at 4096). */
#define SHIM_NOTIF_MAX (SCT_IPC_NOTIF_MAX_BYTES + 256)

/**
 * shim_apply_flags() - clear FD_CLOEXEC unless @flags has SOCK_CLOEXEC, and
 * set O_NONBLOCK when it has SOCK_NONBLOCK, on a data fd that arrived
 * close-on-exec.
 * Return: 0; -errno from fcntl().
 */
int shim_apply_flags(int fd, int flags);

/**
 * shim_connect_addrs() - connect() (@x false: CONNECT, one address) or
 * sctp_connectx() (@x true: CONNECTX, up to SCT_IPC_MAX_ADDRS) on sctun
 * socket @fd; the association id goes to *@id (when not NULL).  One-to-one
 * sockets wait (blocking) or answer -EINPROGRESS (non-blocking) with the
 * id set; one-to-many ones return 0 at once, the association comes up
 * later (SCTP_COMM_UP).
 * Return: 0; -errno; SHIM_ELOST.
 */
int shim_connect_addrs(int fd, const struct sct_ipc_addr *addrs, size_t n, bool x,
		       sctp_assoc_t *id);

/**
 * shim_connect_check() - for a CONNECTING @fd whose data socket is writable
 * (the daemon read the CONNECTING record or shut its end): the connect's
 * result, from the socket's readiness when it is not hung up (0), else from
 * SO_ERROR; restore SO_SNDBUF and mark it connected (or NEW on failure).
 * *@done (unless NULL) says whether this call ended the connect.
 * Return: 0 (not connecting, still connecting, or now connected); a
 * positive errno when the connect failed (the socket goes back to NEW).
 */
int shim_connect_check(int fd, bool *done);

/* ---------------------------------------------------------------- RFC 6458 section 9 (rfc6458.c) */

/*
 * The functions libsctun.so exports under their RFC names (export_sctp.c),
 * with lksctp's prototypes and -1/errno results; sctp_freeladdrs and
 * sctp_freepaddrs are both shim_sctp_freeaddrs().
 */
int shim_sctp_bindx(int sd, struct sockaddr *addrs, int addrcnt, int flags);
int shim_sctp_connectx(int sd, struct sockaddr *addrs, int addrcnt, sctp_assoc_t *id);
int shim_sctp_peeloff_flags(int sd, sctp_assoc_t assoc_id, unsigned flags);
int shim_sctp_opt_info(int sd, sctp_assoc_t id, int opt, void *arg, socklen_t *size);
int shim_sctp_getpaddrs(int sd, sctp_assoc_t id, struct sockaddr **addrs);
int shim_sctp_getladdrs(int sd, sctp_assoc_t id, struct sockaddr **addrs);
int shim_sctp_freeaddrs(struct sockaddr *addrs);
int shim_sctp_sendmsg(int s, const void *msg, size_t len, struct sockaddr *to, socklen_t tolen,
		      uint32_t ppid, uint32_t flags, uint16_t stream_no, uint32_t timetolive,
		      uint32_t context);
int shim_sctp_send(int s, const void *msg, size_t len, const struct sctp_sndrcvinfo *sinfo,
		   int flags);
int shim_sctp_recvmsg(int s, void *msg, size_t len, struct sockaddr *from, socklen_t *fromlen,
		      struct sctp_sndrcvinfo *sinfo, int *msg_flags);
int shim_sctp_getaddrlen(sa_family_t family);
int shim_sctp_sendv(int s, const struct iovec *iov, int iovcnt, struct sockaddr *addrs,
		    int addrcnt, void *info, socklen_t infolen, unsigned int infotype, int flags);
int shim_sctp_recvv(int s, const struct iovec *iov, int iovlen, struct sockaddr *from,
		    socklen_t *fromlen, void *info, socklen_t *infolen, unsigned int *infotype,
		    int *flags);

#endif /* SCT_SHIM_SHIM_H */
