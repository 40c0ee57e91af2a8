/* SPDX-License-Identifier: MIT */
/* sctun/sctp.h: the RFC 6458 functions of libsctun, prototypes as lksctp's <netinet/sctp.h>. */
#ifndef SCTUN_SCTP_H
#define SCTUN_SCTP_H

/*
 * Constants and structures are the kernel's (<linux/sctp.h>), hence
 * lksctp's: a program written for lksctp builds against this header and
 * links with -lsctun instead of -lsctp (pkg-config libsctun).  Including
 * <netinet/sctp.h> as well is fine: the definitions below step aside.
 * See libsctun(3).
 */
#include <stdint.h>
#include <sys/types.h>
#include <sys/socket.h>
#include <sys/uio.h>
#include <linux/sctp.h>

#ifdef __cplusplus
extern "C" {
#endif

#ifndef SOL_SCTP
#define SOL_SCTP 132
#endif
#ifndef IPPROTO_SCTP
#define IPPROTO_SCTP 132
#endif

#ifndef __linux_sctp_h__ /* lksctp's <netinet/sctp.h> defines these too */
#define HAVE_SCTP_SENDV 1

/* sctp_sendv() infotype (RFC 6458 9.12) */
enum {
	SCTP_SENDV_NOINFO,
	SCTP_SENDV_SNDINFO,
	SCTP_SENDV_PRINFO,
	SCTP_SENDV_AUTHINFO,
	SCTP_SENDV_SPA
};

#define SCTP_SEND_SNDINFO_VALID	 0x1
#define SCTP_SEND_PRINFO_VALID	 0x2
#define SCTP_SEND_AUTHINFO_VALID 0x4

struct sctp_sendv_spa {
	uint32_t sendv_flags;
	struct sctp_sndinfo sendv_sndinfo;
	struct sctp_prinfo sendv_prinfo;
	struct sctp_authinfo sendv_authinfo;
};

/* sctp_recvv() infotype (RFC 6458 9.13) */
enum {
	SCTP_RECVV_NOINFO,
	SCTP_RECVV_RCVINFO,
	SCTP_RECVV_NXTINFO,
	SCTP_RECVV_RN
};

struct sctp_recvv_rn {
	struct sctp_rcvinfo recvv_rcvinfo;
	struct sctp_nxtinfo recvv_nxtinfo;
};
#endif /* __linux_sctp_h__ */

int sctp_bindx(int sd, struct sockaddr *addrs, int addrcnt, int flags);
int sctp_connectx(int sd, struct sockaddr *addrs, int addrcnt, sctp_assoc_t *id);
int sctp_peeloff(int sd, sctp_assoc_t assoc_id);
int sctp_peeloff_flags(int sd, sctp_assoc_t assoc_id, unsigned flags);
int sctp_opt_info(int sd, sctp_assoc_t id, int opt, void *arg, socklen_t *size);
int sctp_getpaddrs(int sd, sctp_assoc_t id, struct sockaddr **addrs);
int sctp_freepaddrs(struct sockaddr *addrs);
int sctp_getladdrs(int sd, sctp_assoc_t id, struct sockaddr **addrs);
int sctp_freeladdrs(struct sockaddr *addrs);
int sctp_sendmsg(int s, const void *msg, size_t len, struct sockaddr *to, socklen_t tolen,
		 uint32_t ppid, uint32_t flags, uint16_t stream_no, uint32_t timetolive,
		 uint32_t context);
int sctp_send(int s, const void *msg, size_t len, const struct sctp_sndrcvinfo *sinfo, int flags);
int sctp_recvmsg(int s, void *msg, size_t len, struct sockaddr *from, socklen_t *fromlen,
		 struct sctp_sndrcvinfo *sinfo, int *msg_flags);
int sctp_getaddrlen(sa_family_t family);
int sctp_sendv(int s, const struct iovec *iov, int iovcnt, struct sockaddr *addrs, int addrcnt,
	       void *info, socklen_t infolen, unsigned int infotype, int flags);
int sctp_recvv(int s, const struct iovec *iov, int iovlen, struct sockaddr *from,
	       socklen_t *fromlen, void *info, socklen_t *infolen, unsigned int *infotype,
	       int *flags);

#ifdef __cplusplus
}
#endif

#endif /* SCTUN_SCTP_H */
