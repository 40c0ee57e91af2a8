/* SPDX-License-Identifier: MIT */
/* rfc6458.c: the RFC 6458 section 9 functions (sctp_bindx, sctp_sendv...), on the shim's calls. */
#include "config.h"

#include "shim/shim.h"
#include "shim/sctun/sctp.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

/*
 * Each function is what lksctp's libsctp does, over the shim's own calls
 * (shim_setsockopt(), shim_send_msg()...) rather than libc's, so that they
 * work in the unit tests (no preload) and on descriptors that are not
 * sctun's (they pass through to the kernel, which may have SCTP).  Errors
 * are -1 and errno, as RFC 6458 and libsctp have them.  export.c's twin
 * (export_sctp.c) gives them their RFC names.
 */

static int fail(int err)
{
	errno = err;
	return -1;
}

/* Bytes of @cnt packed addresses (RFC 6458 9.1: each as long as its family). */
static int packed_size(const struct sockaddr *addrs, int cnt, size_t *size)
{
	const uint8_t *p = (const uint8_t *)addrs;
	sa_family_t fam;
	int i, len;

	*size = 0;
	if (!addrs || cnt <= 0)
		return -EINVAL;
	for (i = 0; i < cnt; i++) {
		memcpy(&fam, p + *size, sizeof(fam));
		len = shim_sctp_getaddrlen(fam);
		if (len < 0)
			return -EINVAL;
		*size += (size_t)len;
	}
	return 0;
}

int shim_sctp_getaddrlen(sa_family_t family)
{
	if (family == AF_INET)
		return (int)sizeof(struct sockaddr_in);
	if (family == AF_INET6)
		return (int)sizeof(struct sockaddr_in6);
	return fail(EINVAL);
}

int shim_sctp_bindx(int sd, struct sockaddr *addrs, int addrcnt, int flags)
{
	size_t size;

	if (flags != SCTP_BINDX_ADD_ADDR && flags != SCTP_BINDX_REM_ADDR)
		return fail(EINVAL);
	if (packed_size(addrs, addrcnt, &size))
		return fail(EINVAL);
	return shim_setsockopt(sd, SOL_SCTP,
			       flags == SCTP_BINDX_ADD_ADDR ? SCTP_SOCKOPT_BINDX_ADD
							    : SCTP_SOCKOPT_BINDX_REM,
			       addrs, (socklen_t)size);
}

int shim_sctp_connectx(int sd, struct sockaddr *addrs, int addrcnt, sctp_assoc_t *id)
{
	struct sctp_getaddrs_old p;
	socklen_t len = sizeof(p);
	size_t size;
	int r;

	if (packed_size(addrs, addrcnt, &size))
		return fail(EINVAL);
	memset(&p, 0, sizeof(p));
	p.addr_num = (int)size;
	p.addrs = addrs;
	r = shim_getsockopt(sd, SOL_SCTP, SCTP_SOCKOPT_CONNECTX3, &p, &len);
	if ((r == 0 || errno == EINPROGRESS) && id)
		*id = p.assoc_id;
	return r;
}

int shim_sctp_peeloff_flags(int sd, sctp_assoc_t assoc_id, unsigned flags)
{
	sctp_peeloff_flags_arg_t a;
	socklen_t len;
	int name = flags ? SCTP_SOCKOPT_PEELOFF_FLAGS : SCTP_SOCKOPT_PEELOFF;

	memset(&a, 0, sizeof(a));
	a.p_arg.associd = assoc_id;
	a.flags = flags;
	len = flags ? sizeof(a) : sizeof(a.p_arg);
	if (shim_getsockopt(sd, SOL_SCTP, name, &a, &len) < 0)
		return -1;
	return a.p_arg.sd;
}

int shim_sctp_opt_info(int sd, sctp_assoc_t id, int opt, void *arg, socklen_t *size)
{
	if (!arg || !size)
		return fail(EINVAL);
	switch (opt) {
	/* RFC 6458 9.7: the options whose structure starts with an association id */
	case SCTP_RTOINFO:
	case SCTP_ASSOCINFO:
	case SCTP_STATUS:
	case SCTP_GET_PEER_ADDR_INFO:
	case SCTP_PEER_ADDR_PARAMS:
	case SCTP_PRIMARY_ADDR:
	case SCTP_MAXSEG:
	case SCTP_DELAYED_SACK:
	case SCTP_CONTEXT:
	case SCTP_MAX_BURST:
	case SCTP_GET_ASSOC_STATS:
	case SCTP_EVENT:
	/* RFC 7829 7 */
	case SCTP_PEER_ADDR_THLDS:
	case SCTP_PEER_ADDR_THLDS_V2:
	case SCTP_EXPOSE_POTENTIALLY_FAILED_STATE:
		if (*size < sizeof(sctp_assoc_t))
			return fail(EINVAL);
		memcpy(arg, &id, sizeof(id));
		break;
	case SCTP_DEFAULT_SEND_PARAM: {
		struct sctp_sndrcvinfo s;

		if (*size < sizeof(s))
			return fail(EINVAL);
		memcpy(&s, arg, sizeof(s));
		s.sinfo_assoc_id = id;
		memcpy(arg, &s, sizeof(s));
		break;
	}
	default:
		break; /* socket-wide ones (SCTP_NODELAY, SCTP_INITMSG...) */
	}
	return shim_getsockopt(sd, SOL_SCTP, opt, arg, size);
}

/* SCTP_GET_PEER_ADDRS / SCTP_GET_LOCAL_ADDRS into a malloc'd packed list. */
static int get_addrs(int sd, sctp_assoc_t id, int name, struct sockaddr **addrs)
{
	size_t cap = sizeof(struct sctp_getaddrs) + SCT_IPC_MAX_ADDRS * sizeof(struct sockaddr_in6);
	struct sctp_getaddrs *ga;
	socklen_t len;
	int n;

	if (!addrs)
		return fail(EINVAL);
	*addrs = NULL;
	for (;;) {
		ga = malloc(cap);
		if (!ga)
			return fail(ENOMEM);
		memset(ga, 0, sizeof(*ga));
		ga->assoc_id = id;
		len = (socklen_t)cap;
		if (shim_getsockopt(sd, SOL_SCTP, name, ga, &len) == 0)
			break;
		free(ga);
		if (errno != ENOMEM || cap >= 65536) /* the kernel's list may be longer */
			return -1;
		cap *= 2;
	}
	n = (int)ga->addr_num;
	if (n == 0) {
		free(ga);
		return 0;
	}
	/* the list moves to the front, so sctp_freepaddrs() frees the block itself */
	memmove(ga, ga->addrs, len - sizeof(*ga));
	*addrs = (struct sockaddr *)ga;
	return n;
}

int shim_sctp_getpaddrs(int sd, sctp_assoc_t id, struct sockaddr **addrs)
{
	return get_addrs(sd, id, SCTP_GET_PEER_ADDRS, addrs);
}

int shim_sctp_getladdrs(int sd, sctp_assoc_t id, struct sockaddr **addrs)
{
	return get_addrs(sd, id, SCTP_GET_LOCAL_ADDRS, addrs);
}

int shim_sctp_freeaddrs(struct sockaddr *addrs)
{
	free(addrs);
	return 0;
}

/* sendmsg() with one cmsg of @type (@data, @len bytes) and @to as msg_name. */
static int send_with(int s, const struct iovec *iov, int iovcnt, const struct sockaddr *to,
		     socklen_t tolen, const void *cm, size_t cmlen, int flags)
{
	struct msghdr mh;
	ssize_t n;

	memset(&mh, 0, sizeof(mh));
	mh.msg_name = (void *)to;
	mh.msg_namelen = to ? tolen : 0;
	mh.msg_iov = (struct iovec *)iov;
	mh.msg_iovlen = (size_t)iovcnt;
	mh.msg_control = cmlen ? (void *)cm : NULL;
	mh.msg_controllen = cmlen;
	n = shim_sendmsg(s, &mh, flags);
	return n > INT32_MAX ? INT32_MAX : (int)n;
}

/* Append cmsg (IPPROTO_SCTP, @type) to @buf at *@used. */
static void add_cmsg(uint8_t *buf, size_t *used, int type, const void *data, size_t len)
{
	struct cmsghdr h;

	memset(&h, 0, sizeof(h));
	h.cmsg_level = IPPROTO_SCTP;
	h.cmsg_type = type;
	h.cmsg_len = CMSG_LEN(len);
	memset(buf + *used, 0, CMSG_SPACE(len));
	memcpy(buf + *used, &h, sizeof(h));
	memcpy(buf + *used + CMSG_LEN(0), data, len);
	*used += CMSG_SPACE(len);
}

int shim_sctp_sendmsg(int s, const void *msg, size_t len, struct sockaddr *to, socklen_t tolen,
		      uint32_t ppid, uint32_t flags, uint16_t stream_no, uint32_t timetolive,
		      uint32_t context)
{
	union {
		struct cmsghdr align;
		uint8_t b[CMSG_SPACE(sizeof(struct sctp_sndrcvinfo))];
	} cm;
	struct iovec iov = {.iov_base = (void *)msg, .iov_len = len};
	struct sctp_sndrcvinfo si;
	size_t used = 0;

	memset(&si, 0, sizeof(si));
	si.sinfo_ppid = ppid;
	si.sinfo_flags = (uint16_t)flags;
	si.sinfo_stream = stream_no;
	si.sinfo_timetolive = timetolive;
	si.sinfo_context = context;
	add_cmsg(cm.b, &used, SCTP_SNDRCV, &si, sizeof(si));
	return send_with(s, &iov, 1, to, tolen, cm.b, used, 0);
}

int shim_sctp_send(int s, const void *msg, size_t len, const struct sctp_sndrcvinfo *sinfo,
		   int flags)
{
	union {
		struct cmsghdr align;
		uint8_t b[CMSG_SPACE(sizeof(struct sctp_sndrcvinfo))];
	} cm;
	struct iovec iov = {.iov_base = (void *)msg, .iov_len = len};
	size_t used = 0;

	if (sinfo)
		add_cmsg(cm.b, &used, SCTP_SNDRCV, sinfo, sizeof(*sinfo));
	return send_with(s, &iov, 1, NULL, 0, cm.b, used, flags);
}

/* The cmsgs of sctp_sendv()'s @info (RFC 6458 9.12). */
static int sendv_cmsgs(const void *info, socklen_t infolen, unsigned infotype, uint8_t *buf,
		       size_t *used)
{
	struct sctp_sendv_spa spa;

	switch (infotype) {
	case SCTP_SENDV_NOINFO:
		return info && infolen ? -EINVAL : 0;
	case SCTP_SENDV_SNDINFO:
		if (!info || infolen < sizeof(struct sctp_sndinfo))
			return -EINVAL;
		add_cmsg(buf, used, SCTP_SNDINFO, info, sizeof(struct sctp_sndinfo));
		return 0;
	case SCTP_SENDV_PRINFO:
		if (!info || infolen < sizeof(struct sctp_prinfo))
			return -EINVAL;
		add_cmsg(buf, used, SCTP_PRINFO, info, sizeof(struct sctp_prinfo));
		return 0;
	case SCTP_SENDV_AUTHINFO:
		return -EINVAL; /* no AUTH in sctun */
	case SCTP_SENDV_SPA:
		if (!info || infolen < sizeof(spa))
			return -EINVAL;
		memcpy(&spa, info, sizeof(spa));
		if (spa.sendv_flags & SCTP_SEND_AUTHINFO_VALID)
			return -EINVAL;
		if (spa.sendv_flags & SCTP_SEND_SNDINFO_VALID)
			add_cmsg(buf, used, SCTP_SNDINFO, &spa.sendv_sndinfo,
				 sizeof(spa.sendv_sndinfo));
		if (spa.sendv_flags & SCTP_SEND_PRINFO_VALID)
			add_cmsg(buf, used, SCTP_PRINFO, &spa.sendv_prinfo,
				 sizeof(spa.sendv_prinfo));
		return 0;
	default:
		return -EINVAL;
	}
}

int shim_sctp_sendv(int s, const struct iovec *iov, int iovcnt, struct sockaddr *addrs,
		    int addrcnt, void *info, socklen_t infolen, unsigned int infotype, int flags)
{
	union {
		struct cmsghdr align;
		uint8_t b[CMSG_SPACE(sizeof(struct sctp_sndinfo)) +
			  CMSG_SPACE(sizeof(struct sctp_prinfo))];
	} cm;
	size_t used = 0, size = 0;
	int err;

	if (addrcnt < 0 || (addrcnt && !addrs) || (!addrcnt && addrs))
		return fail(EINVAL);
	if (addrcnt && packed_size(addrs, 1, &size))
		return fail(EINVAL);
	err = sendv_cmsgs(info, infolen, infotype, cm.b, &used);
	if (err)
		return fail(-err);
	/* one-to-many implicit setup takes one address: the first (libsctun(3)) */
	return send_with(s, iov, iovcnt, addrs, (socklen_t)size, cm.b, used, flags);
}

/* The cmsg of @type in @mh, copied into @out; false when absent. */
static bool find_cmsg(struct msghdr *mh, int type, void *out, size_t len)
{
	struct cmsghdr *c;

	for (c = CMSG_FIRSTHDR(mh); c; c = CMSG_NXTHDR(mh, c)) {
		if (c->cmsg_level == IPPROTO_SCTP && c->cmsg_type == type &&
		    c->cmsg_len >= CMSG_LEN(len)) {
			memcpy(out, CMSG_DATA(c), len);
			return true;
		}
	}
	return false;
}

/* recvmsg() on @s: sctun's with @want cmsgs added, another socket's as it is. */
static ssize_t recv_with(int s, struct msghdr *mh, int flags, unsigned want)
{
	struct shim_fd e;
	ssize_t n;

	shim_init();
	if (!shim_fd_get(s, &e))
		return shim_real.recvmsg(s, mh, flags);
	n = shim_recv_msg(s, mh, flags, want);
	if (n < 0) {
		errno = (int)-n;
		return -1;
	}
	return n;
}

int shim_sctp_recvmsg(int s, void *msg, size_t len, struct sockaddr *from, socklen_t *fromlen,
		      struct sctp_sndrcvinfo *sinfo, int *msg_flags)
{
	union {
		struct cmsghdr align;
		uint8_t b[CMSG_SPACE(sizeof(struct sctp_sndrcvinfo)) +
			  CMSG_SPACE(sizeof(struct sctp_rcvinfo)) +
			  CMSG_SPACE(sizeof(struct sctp_nxtinfo))];
	} cm;
	struct iovec iov = {.iov_base = msg, .iov_len = len};
	struct msghdr mh;
	ssize_t n;

	memset(&mh, 0, sizeof(mh));
	mh.msg_name = from;
	mh.msg_namelen = from && fromlen ? *fromlen : 0;
	mh.msg_iov = &iov;
	mh.msg_iovlen = 1;
	mh.msg_control = cm.b;
	mh.msg_controllen = sizeof(cm.b);
	/* unlike libsctp, *sinfo is filled whether or not data_io_event is on */
	n = recv_with(s, &mh, msg_flags ? *msg_flags : 0, SHIM_WANT_SNDRCV);
	if (n < 0)
		return -1;
	if (fromlen)
		*fromlen = mh.msg_namelen;
	if (msg_flags)
		*msg_flags = mh.msg_flags;
	if (sinfo && !find_cmsg(&mh, SCTP_SNDRCV, sinfo, sizeof(*sinfo)))
		memset(sinfo, 0, sizeof(*sinfo));
	return n > INT32_MAX ? INT32_MAX : (int)n;
}

int shim_sctp_recvv(int s, const struct iovec *iov, int iovlen, struct sockaddr *from,
		    socklen_t *fromlen, void *info, socklen_t *infolen, unsigned int *infotype,
		    int *flags)
{
	union {
		struct cmsghdr align;
		uint8_t b[CMSG_SPACE(sizeof(struct sctp_rcvinfo)) +
			  CMSG_SPACE(sizeof(struct sctp_nxtinfo)) +
			  CMSG_SPACE(sizeof(struct sctp_sndrcvinfo))];
	} cm;
	struct sctp_recvv_rn rn;
	struct msghdr mh;
	bool rcv, nxt;
	ssize_t n;

	if (iovlen < 0 || !infotype || (info && !infolen))
		return fail(EINVAL);
	memset(&mh, 0, sizeof(mh));
	mh.msg_name = from;
	mh.msg_namelen = from && fromlen ? *fromlen : 0;
	mh.msg_iov = (struct iovec *)iov;
	mh.msg_iovlen = (size_t)iovlen;
	mh.msg_control = cm.b;
	mh.msg_controllen = sizeof(cm.b);
	/* RFC 6458 9.13: what SCTP_RECVRCVINFO / SCTP_RECVNXTINFO turned on */
	n = recv_with(s, &mh, flags ? *flags : 0, 0);
	if (n < 0)
		return -1;
	if (fromlen)
		*fromlen = mh.msg_namelen;
	if (flags)
		*flags = mh.msg_flags;
	memset(&rn, 0, sizeof(rn));
	rcv = find_cmsg(&mh, SCTP_RCVINFO, &rn.recvv_rcvinfo, sizeof(rn.recvv_rcvinfo));
	nxt = find_cmsg(&mh, SCTP_NXTINFO, &rn.recvv_nxtinfo, sizeof(rn.recvv_nxtinfo));
	*infotype = SCTP_RECVV_NOINFO;
	if (info && rcv && nxt && *infolen >= sizeof(rn)) {
		memcpy(info, &rn, sizeof(rn));
		*infolen = sizeof(rn);
		*infotype = SCTP_RECVV_RN;
	} else if (info && rcv && *infolen >= sizeof(rn.recvv_rcvinfo)) {
		memcpy(info, &rn.recvv_rcvinfo, sizeof(rn.recvv_rcvinfo));
		*infolen = sizeof(rn.recvv_rcvinfo);
		*infotype = SCTP_RECVV_RCVINFO;
	} else if (info && nxt && *infolen >= sizeof(rn.recvv_nxtinfo)) {
		memcpy(info, &rn.recvv_nxtinfo, sizeof(rn.recvv_nxtinfo));
		*infolen = sizeof(rn.recvv_nxtinfo);
		*infotype = SCTP_RECVV_NXTINFO;
	} else if (infolen) {
		*infolen = 0;
	}
	return n > INT32_MAX ? INT32_MAX : (int)n;
}
