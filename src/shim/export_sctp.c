/* SPDX-License-Identifier: MIT */
/* export_sctp.c: the RFC 6458 names libsctun.so exports, each a call to its shim_sctp_<name>(). */
#include "config.h"

#include "shim/shim.h"
#include "shim/sctun/sctp.h" /* the installed prototypes: the compiler checks ours match */

#define EXPORT __attribute__((visibility("default")))

/**
 * sctp_bindx() - add (SCTP_BINDX_ADD_ADDR) or remove (SCTP_BINDX_REM_ADDR)
 * @addrcnt packed addresses to or from socket @sd (RFC 6458 9.1).
 * Return: 0; -1 with errno (EOPNOTSUPP: adding after the first bind, removing).
 */
EXPORT int sctp_bindx(int sd, struct sockaddr *addrs, int addrcnt, int flags)
{
	return shim_sctp_bindx(sd, addrs, addrcnt, flags);
}

/**
 * sctp_connectx() - start an association to @addrcnt packed addresses of
 * one peer (RFC 6458 9.9); its id goes to *@id.
 * Return: 0; -1 with errno (EINPROGRESS on a non-blocking socket, with
 * *@id set).
 */
EXPORT int sctp_connectx(int sd, struct sockaddr *addrs, int addrcnt, sctp_assoc_t *id)
{
	return shim_sctp_connectx(sd, addrs, addrcnt, id);
}

/**
 * sctp_peeloff() - move association @assoc_id of one-to-many socket @sd to
 * a new one-to-one socket (RFC 6458 9.2).
 * Return: the new descriptor; -1 with errno.
 */
EXPORT int sctp_peeloff(int sd, sctp_assoc_t assoc_id)
{
	return shim_sctp_peeloff_flags(sd, assoc_id, 0);
}

/**
 * sctp_peeloff_flags() - sctp_peeloff() with SOCK_NONBLOCK / SOCK_CLOEXEC
 * in @flags for the new descriptor (Linux extension).
 * Return: the new descriptor; -1 with errno.
 */
EXPORT int sctp_peeloff_flags(int sd, sctp_assoc_t assoc_id, unsigned flags)
{
	return shim_sctp_peeloff_flags(sd, assoc_id, flags);
}

/**
 * sctp_opt_info() - getsockopt(SOL_SCTP, @opt) of association @id (RFC 6458 9.7).
 * Return: 0; -1 with errno.
 */
EXPORT int sctp_opt_info(int sd, sctp_assoc_t id, int opt, void *arg, socklen_t *size)
{
	return shim_sctp_opt_info(sd, id, opt, arg, size);
}

/**
 * sctp_getpaddrs() - the peer addresses of association @id, packed, in a
 * block for sctp_freepaddrs() (RFC 6458 9.3).
 * Return: how many; 0 (and *@addrs NULL); -1 with errno.
 */
EXPORT int sctp_getpaddrs(int sd, sctp_assoc_t id, struct sockaddr **addrs)
{
	return shim_sctp_getpaddrs(sd, id, addrs);
}

/** sctp_freepaddrs() - free sctp_getpaddrs()'s block (RFC 6458 9.4). Return: 0. */
EXPORT int sctp_freepaddrs(struct sockaddr *addrs)
{
	return shim_sctp_freeaddrs(addrs);
}

/**
 * sctp_getladdrs() - the local addresses of @sd (or of association @id):
 * the bound address, or the wildcard (RFC 6458 9.5).
 * Return: how many; -1 with errno.
 */
EXPORT int sctp_getladdrs(int sd, sctp_assoc_t id, struct sockaddr **addrs)
{
	return shim_sctp_getladdrs(sd, id, addrs);
}

/** sctp_freeladdrs() - free sctp_getladdrs()'s block (RFC 6458 9.6). Return: 0. */
EXPORT int sctp_freeladdrs(struct sockaddr *addrs)
{
	return shim_sctp_freeaddrs(addrs);
}

/**
 * sctp_sendmsg() - send one message with a stream, ppid, flags, time to
 * live and context, to @to on a one-to-many socket (RFC 6458 9.8).
 * Return: the bytes sent; -1 with errno.
 */
EXPORT int sctp_sendmsg(int s, const void *msg, size_t len, struct sockaddr *to, socklen_t tolen,
			uint32_t ppid, uint32_t flags, uint16_t stream_no, uint32_t timetolive,
			uint32_t context)
{
	return shim_sctp_sendmsg(s, msg, len, to, tolen, ppid, flags, stream_no, timetolive,
				 context);
}

/**
 * sctp_send() - send one message with @sinfo (its sinfo_assoc_id names the
 * association on a one-to-many socket) (RFC 6458 9.10).
 * Return: the bytes sent; -1 with errno.
 */
EXPORT int sctp_send(int s, const void *msg, size_t len, const struct sctp_sndrcvinfo *sinfo,
		     int flags)
{
	return shim_sctp_send(s, msg, len, sinfo, flags);
}

/**
 * sctp_recvmsg() - receive one message (or a piece, or a notification) with
 * its struct sctp_sndrcvinfo (RFC 6458 9.11).
 * Return: the bytes received; -1 with errno.
 */
EXPORT int sctp_recvmsg(int s, void *msg, size_t len, struct sockaddr *from, socklen_t *fromlen,
			struct sctp_sndrcvinfo *sinfo, int *msg_flags)
{
	return shim_sctp_recvmsg(s, msg, len, from, fromlen, sinfo, msg_flags);
}

/**
 * sctp_getaddrlen() - the length of a sockaddr of @family (lksctp, not in RFC 6458).
 * Return: 16 (AF_INET), 28 (AF_INET6); -1 with errno EINVAL.
 */
EXPORT int sctp_getaddrlen(sa_family_t family)
{
	return shim_sctp_getaddrlen(family);
}

/**
 * sctp_sendv() - send @iov as one message with SCTP_SENDV_* @info, to the
 * first of @addrcnt addresses on a one-to-many socket (RFC 6458 9.12).
 * Return: the bytes sent; -1 with errno.
 */
EXPORT int sctp_sendv(int s, const struct iovec *iov, int iovcnt, struct sockaddr *addrs,
		      int addrcnt, void *info, socklen_t infolen, unsigned int infotype, int flags)
{
	return shim_sctp_sendv(s, iov, iovcnt, addrs, addrcnt, info, infolen, infotype, flags);
}

/**
 * sctp_recvv() - receive into @iov with the SCTP_RCVINFO / SCTP_NXTINFO the
 * socket asked for, as *@infotype says (RFC 6458 9.13).
 * Return: the bytes received; -1 with errno.
 */
EXPORT int sctp_recvv(int s, const struct iovec *iov, int iovlen, struct sockaddr *from,
		      socklen_t *fromlen, void *info, socklen_t *infolen, unsigned int *infotype,
		      int *flags)
{
	return shim_sctp_recvv(s, iov, iovlen, from, fromlen, info, infolen, infotype, flags);
}
