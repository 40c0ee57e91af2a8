/* SPDX-License-Identifier: MIT */
/* cmsg.c: SCTP ancillary data (RFC 6458 5.3): what sendmsg() asks for, what recvmsg() gets. */
#include "config.h"

#include "shim/shim.h"

#include <errno.h>
#include <string.h>

/*
 * Send side: SCTP_SNDRCV (5.3.2), SCTP_SNDINFO (5.3.4), SCTP_PRINFO (5.3.7),
 * SCTP_AUTHINFO (5.3.8), SCTP_DSTADDRV4/V6 (5.3.9, 5.3.10) and SCTP_INIT
 * (5.3.1) become the fields of a DATA record and a destination.  What sctund
 * cannot do is refused here, since the errors of a one-to-many send are
 * otherwise only in sctund's log: PR-SCTP policies other than none, AUTH
 * keys.  SCTP_SENDALL (5.3.2, 5.3.4) is the record flag SENDALL: sctund
 * sends the message on every association of the socket.
 *
 * Receive side: SCTP_SNDRCV (when data_io_event is subscribed), SCTP_RCVINFO
 * and SCTP_NXTINFO (SCTP_RECVRCVINFO / SCTP_RECVNXTINFO, which the shim
 * keeps itself) from the record headers, as the kernel's put_cmsg() lays
 * them out: MSG_CTRUNC when the caller's buffer is short.
 */

static uint16_t rec_flags(unsigned f)
{
	return (uint16_t)((f & SCTP_UNORDERED ? SCT_IPC_F_UNORDERED : 0) |
			  (f & SCTP_EOF ? SCT_IPC_F_EOF : 0) |
			  (f & SCTP_ABORT ? SCT_IPC_F_ABORT : 0) |
			  (f & SCTP_ADDR_OVER ? SCT_IPC_F_ADDR_OVER : 0) |
			  (f & SCTP_SENDALL ? SCT_IPC_F_SENDALL : 0) |
			  (f & SCTP_SACK_IMMEDIATELY ? SCT_IPC_F_SACK_IMMEDIATELY : 0));
}

/* Copy a cmsg's data into @out (@len bytes); -EINVAL when it is shorter. */
static int take(const struct cmsghdr *c, void *out, size_t len)
{
	if (c->cmsg_len < CMSG_LEN(len))
		return -EINVAL;
	memcpy(out, CMSG_DATA(c), len);
	return 0;
}

static int one_send_cmsg(const struct cmsghdr *c, struct sct_ipc_rec *r,
			 struct sockaddr_storage *dst, socklen_t *dst_len)
{
	struct sctp_sndrcvinfo sr;
	struct sctp_sndinfo si;
	struct sctp_prinfo pr;
	struct sctp_initmsg im;
	struct sockaddr_in sin;
	struct sockaddr_in6 sin6;

	switch (c->cmsg_type) {
	case SCTP_SNDRCV:
		if (take(c, &sr, sizeof(sr)))
			return -EINVAL;
		r->sid = sr.sinfo_stream;
		r->ppid = sr.sinfo_ppid;
		r->flags = rec_flags(sr.sinfo_flags);
		r->tsn_or_context = sr.sinfo_context;
		r->cumtsn_or_ttl = sr.sinfo_timetolive;
		r->assoc_id = (uint32_t)sr.sinfo_assoc_id;
		return 0;
	case SCTP_SNDINFO:
		if (take(c, &si, sizeof(si)))
			return -EINVAL;
		r->sid = si.snd_sid;
		r->ppid = si.snd_ppid;
		r->flags = rec_flags(si.snd_flags);
		r->tsn_or_context = si.snd_context;
		r->cumtsn_or_ttl = 0;
		r->assoc_id = (uint32_t)si.snd_assoc_id;
		return 0;
	case SCTP_PRINFO:
		if (take(c, &pr, sizeof(pr)) || pr.pr_policy != SCTP_PR_SCTP_NONE)
			return -EINVAL; /* PR-SCTP is not implemented */
		return 0;
	case SCTP_INIT:
		return take(c, &im, sizeof(im)); /* accepted; the socket's SCTP_INITMSG applies */
	case SCTP_DSTADDRV4:
		if (take(c, &sin.sin_addr, sizeof(sin.sin_addr)))
			return -EINVAL;
		memset(dst, 0, sizeof(*dst));
		sin.sin_family = AF_INET;
		sin.sin_port = 0; /* the caller's msg_name or association gives the port */
		memcpy(dst, &sin, sizeof(sin));
		*dst_len = sizeof(sin);
		return 0;
	case SCTP_DSTADDRV6:
		memset(&sin6, 0, sizeof(sin6));
		if (take(c, &sin6.sin6_addr, sizeof(sin6.sin6_addr)))
			return -EINVAL;
		sin6.sin6_family = AF_INET6;
		memset(dst, 0, sizeof(*dst));
		memcpy(dst, &sin6, sizeof(sin6));
		*dst_len = sizeof(sin6);
		return 0;
	case SCTP_AUTHINFO: /* no AUTH (RFC 4895) in sctun */
	default:
		return -EINVAL;
	}
}

int shim_cmsg_parse_send(const struct msghdr *msg, struct sct_ipc_rec *r,
			 struct sockaddr_storage *dst, socklen_t *dst_len)
{
	struct cmsghdr *c;
	int err;

	memset(r, 0, sizeof(*r));
	r->flags = SCT_IPC_F_DEFAULT; /* until an SCTP_SNDRCV or SCTP_SNDINFO says otherwise */
	*dst_len = 0;
	if (!msg->msg_control || msg->msg_controllen < sizeof(struct cmsghdr))
		return 0;
	for (c = CMSG_FIRSTHDR((struct msghdr *)msg); c; c = CMSG_NXTHDR((struct msghdr *)msg, c)) {
		if (c->cmsg_level != IPPROTO_SCTP)
			continue;
		err = one_send_cmsg(c, r, dst, dst_len);
		if (err)
			return err;
	}
	return 0;
}

/* Append one cmsg as put_cmsg() does; false (and MSG_CTRUNC) when it does not fit. */
static bool put(struct msghdr *msg, size_t *used, int type, const void *data, size_t len)
{
	struct cmsghdr h;
	uint8_t *p;

	if (*used > msg->msg_controllen || msg->msg_controllen - *used < CMSG_LEN(len)) {
		msg->msg_flags |= MSG_CTRUNC;
		return false;
	}
	p = (uint8_t *)msg->msg_control + *used;
	memset(&h, 0, sizeof(h));
	h.cmsg_level = IPPROTO_SCTP;
	h.cmsg_type = type;
	h.cmsg_len = CMSG_LEN(len);
	memcpy(p, &h, sizeof(h));
	memcpy(p + ((uint8_t *)CMSG_DATA(&h) - (uint8_t *)&h), data, len);
	*used += CMSG_SPACE(len) < msg->msg_controllen - *used ? CMSG_SPACE(len)
							       : msg->msg_controllen - *used;
	return true;
}

static uint16_t host_rcv_flags(const struct sct_ipc_rec *r)
{
	return r->flags & SCT_IPC_F_UNORDERED ? SCTP_UNORDERED : 0;
}

void shim_rec_to_sndrcv(const struct sct_ipc_rec *r, struct sctp_sndrcvinfo *s)
{
	memset(s, 0, sizeof(*s));
	s->sinfo_stream = r->sid;
	s->sinfo_ssn = r->ssn;
	s->sinfo_flags = host_rcv_flags(r);
	s->sinfo_ppid = r->ppid;
	s->sinfo_tsn = r->tsn_or_context;
	s->sinfo_cumtsn = r->cumtsn_or_ttl;
	s->sinfo_assoc_id = (sctp_assoc_t)r->assoc_id;
}

void shim_rec_to_rcvinfo(const struct sct_ipc_rec *r, struct sctp_rcvinfo *s)
{
	memset(s, 0, sizeof(*s));
	s->rcv_sid = r->sid;
	s->rcv_ssn = r->ssn;
	s->rcv_flags = host_rcv_flags(r);
	s->rcv_ppid = r->ppid;
	s->rcv_tsn = r->tsn_or_context;
	s->rcv_cumtsn = r->cumtsn_or_ttl;
	s->rcv_assoc_id = (sctp_assoc_t)r->assoc_id;
}

void shim_rec_to_nxtinfo(const struct sct_ipc_rec *r, struct sctp_nxtinfo *s)
{
	memset(s, 0, sizeof(*s));
	s->nxt_sid = r->sid;
	s->nxt_flags = host_rcv_flags(r);
	/* no SCTP_COMPLETE: Linux defines none (its nxt_flags are those below) */
	if (r->type == SCT_IPC_REC_NOTIFICATION)
		s->nxt_flags |= SCTP_NOTIFICATION;
	s->nxt_ppid = r->ppid;
	s->nxt_length = (uint32_t)r->payload_len;
	s->nxt_assoc_id = (sctp_assoc_t)r->assoc_id;
}

void shim_cmsg_build_recv(struct msghdr *msg, const struct shim_rinfo *ri, unsigned want)
{
	struct sctp_sndrcvinfo sr;
	struct sctp_rcvinfo rc;
	struct sctp_nxtinfo nx;
	size_t used = 0;
	bool data = ri->have && ri->rec.type == SCT_IPC_REC_DATA;

	if (!msg->msg_control || !msg->msg_controllen) {
		if ((data && (want & (SHIM_WANT_SNDRCV | SHIM_WANT_RCVINFO))) ||
		    (ri->have_next && (want & SHIM_WANT_NXTINFO)))
			msg->msg_flags |= MSG_CTRUNC;
		msg->msg_controllen = 0;
		return;
	}
	/* the kernel's order: next, receive, then the old sndrcv */
	if (ri->have_next && (want & SHIM_WANT_NXTINFO)) {
		shim_rec_to_nxtinfo(&ri->next, &nx);
		put(msg, &used, SCTP_NXTINFO, &nx, sizeof(nx));
	}
	if (data && (want & SHIM_WANT_RCVINFO)) {
		shim_rec_to_rcvinfo(&ri->rec, &rc);
		put(msg, &used, SCTP_RCVINFO, &rc, sizeof(rc));
	}
	if (data && (want & SHIM_WANT_SNDRCV)) {
		shim_rec_to_sndrcv(&ri->rec, &sr);
		put(msg, &used, SCTP_SNDRCV, &sr, sizeof(sr));
	}
	msg->msg_controllen = used;
}
