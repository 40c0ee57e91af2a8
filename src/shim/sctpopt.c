/* SPDX-License-Identifier: MIT */
/* sctpopt.c: the SOL_SCTP options lksctp builds its calls on (bindx, connectx, peeloff...). */
#include "config.h"

#include "shim/shim.h"

#include <errno.h>
#include <string.h>

/*
 * libsctp's sctp_bindx(), sctp_connectx(), sctp_peeloff(), sctp_getpaddrs()
 * and friends are thin wrappers over Linux-only socket options
 * (SCTP_SOCKOPT_BINDX_ADD, SCTP_SOCKOPT_CONNECTX3...) with the host's
 * numbers and structs; programs built against lksctp reach us through them.
 * Each becomes one request (BINDX_ADD, CONNECTX, PEELOFF, GETPADDRS...).
 * Address lists are "packed": sockaddr_in and sockaddr_in6 back to back,
 * each as long as its family says.  A few options are the shim's alone:
 * SCTP_RECVRCVINFO / SCTP_RECVNXTINFO (recv.c makes their cmsgs) and
 * SCTP_EVENT, which becomes the subscription bytes of SCTP_EVENTS.
 */

int shim_packed_addrs(int family, const void *buf, size_t bytes, struct sct_ipc_addr *out,
		      size_t max)
{
	const uint8_t *p = buf;
	size_t off = 0, n = 0, len;
	sa_family_t fam;
	int err;

	if (!buf || !bytes)
		return -EINVAL;
	while (off < bytes) {
		if (bytes - off < sizeof(fam) || n == max)
			return -EINVAL;
		memcpy(&fam, p + off, sizeof(fam));
		if (fam == AF_INET)
			len = sizeof(struct sockaddr_in);
		else if (fam == AF_INET6)
			len = sizeof(struct sockaddr_in6);
		else
			return -EINVAL;
		if (bytes - off < len)
			return -EINVAL;
		err = shim_addr_for_socket(family, (const struct sockaddr *)(p + off),
					   (socklen_t)len, &out[n]);
		if (err)
			return err;
		n++;
		off += len;
	}
	return (int)n;
}

int shim_bindx_addrs(int fd, const struct sct_ipc_addr *addrs, size_t n, bool add)
{
	struct sct_ipc_ctl req, rsp;
	uint8_t buf[SCT_IPC_CTL_MAX];

	if (n == 0 || n > SCT_IPC_MAX_ADDRS)
		return -EINVAL;
	shim_req_init(&req, add ? SCT_IPC_OP_BINDX_ADD : SCT_IPC_OP_BINDX_REM);
	memcpy(req.addrs, addrs, n * sizeof(*addrs));
	req.naddrs = n;
	req.present = SCT_IPC_BIT(SCT_IPC_A_ADDR);
	return shim_ctl_request(fd, &req, &rsp, buf);
}

int shim_peeloff_fd(int fd, sctp_assoc_t id, int flags)
{
	struct sct_ipc_ctl req, rsp;
	uint8_t buf[SCT_IPC_CTL_MAX];
	struct shim_fd e, n;
	int ctl, nfd, err;

	if (!shim_fd_get(fd, &e))
		return -EBADF;
	if (e.type != SOCK_SEQPACKET)
		return -EINVAL;
	if (flags & ~(SOCK_NONBLOCK | SOCK_CLOEXEC))
		return -EINVAL;
	ctl = shim_ctl_get(fd);
	if (ctl < 0)
		return ctl;
	/* no descriptor free: the association would be lost with the one sctund passes */
	err = shim_fd_room(fd);
	if (err)
		return err;
	shim_req_init(&req, SCT_IPC_OP_PEELOFF);
	req.present = SCT_IPC_BIT(SCT_IPC_A_ASSOC_ID);
	req.assoc_id = (uint32_t)id;
	err = shim_ctl_call(ctl, &req, -1, &rsp, buf, &nfd);
	if (!err && nfd < 0)
		err = SHIM_ELOST;
	if (err)
		return err;
	err = shim_apply_flags(nfd, flags);
	memset(&n, 0, sizeof(n));
	n.family = e.family;
	n.type = SOCK_STREAM;
	n.protocol = IPPROTO_SCTP;
	n.state = SHIM_CONNECTED;
	n.ctl = -1; /* ADOPT when first needed */
	n.v6only = e.v6only;
	n.rcvinfo = e.rcvinfo;
	n.nxtinfo = e.nxtinfo;
	memcpy(n.events, e.events, sizeof(n.events)); /* sctund copies its own */
	if (!err && shim_fd_put(nfd, &n))
		err = -ENFILE;
	if (err) {
		shim_fd_forget(nfd);
		shim_real.close(nfd);
		return err;
	}
	return nfd;
}

ssize_t shim_addrs_packed(int fd, bool peer, sctp_assoc_t id, uint8_t *out, size_t cap, int *count)
{
	struct sct_ipc_ctl req, rsp;
	uint8_t buf[SCT_IPC_CTL_MAX];
	struct sockaddr_storage ss;
	struct shim_fd e;
	size_t i, off = 0;
	int n, err;

	*count = 0;
	if (!shim_fd_get(fd, &e))
		return -EBADF;
	shim_req_init(&req, peer ? SCT_IPC_OP_GETPADDRS : SCT_IPC_OP_GETLADDRS);
	if (id) {
		req.present = SCT_IPC_BIT(SCT_IPC_A_ASSOC_ID);
		req.assoc_id = (uint32_t)id;
	}
	err = shim_ctl_request(fd, &req, &rsp, buf);
	if (err)
		return err;
	for (i = 0; i < rsp.naddrs; i++) {
		n = shim_addr_to_sockaddr(&rsp.addrs[i], e.family, &ss);
		if (n < 0)
			return SHIM_ELOST;
		if (cap - off < (size_t)n)
			return -ENOMEM; /* as Linux, for a buffer too short */
		memcpy(out + off, &ss, (size_t)n);
		off += (size_t)n;
	}
	*count = (int)rsp.naddrs;
	return (ssize_t)off;
}

/* RFC 6458 6.2.2 SCTP_EVENT: one type on or off, as a byte of SCTP_EVENTS. */
static int set_event(int fd, const void *val, socklen_t len)
{
	struct sctp_event_subscribe sub;
	struct sctp_event ev;
	socklen_t sl = sizeof(sub);
	unsigned k;

	if (!val || len < sizeof(ev))
		return -EINVAL;
	memcpy(&ev, val, sizeof(ev));
	k = (unsigned)ev.se_type - SCTP_SN_TYPE_BASE;
	if (ev.se_type < SCTP_SN_TYPE_BASE || k >= sizeof(sub))
		return -EINVAL;
	if (shim_getsockopt(fd, SOL_SCTP, SCTP_EVENTS, &sub, &sl) < 0)
		return -errno;
	((uint8_t *)&sub)[k] = ev.se_on != 0;
	if (shim_setsockopt(fd, SOL_SCTP, SCTP_EVENTS, &sub, sl) < 0)
		return -errno;
	return 0;
}

static int get_event(int fd, void *val, socklen_t *len)
{
	struct sctp_event_subscribe sub;
	struct sctp_event ev;
	socklen_t sl = sizeof(sub);
	unsigned k;

	if (*len < sizeof(ev))
		return -EINVAL;
	memcpy(&ev, val, sizeof(ev));
	k = (unsigned)ev.se_type - SCTP_SN_TYPE_BASE;
	if (ev.se_type < SCTP_SN_TYPE_BASE || k >= sizeof(sub))
		return -EINVAL;
	if (shim_getsockopt(fd, SOL_SCTP, SCTP_EVENTS, &sub, &sl) < 0)
		return -errno;
	ev.se_on = k < sl && ((uint8_t *)&sub)[k];
	memcpy(val, &ev, sizeof(ev));
	*len = sizeof(ev);
	return 0;
}

static int bindx_opt(int fd, const struct shim_fd *e, const void *val, socklen_t len, bool add)
{
	struct sct_ipc_addr a[SCT_IPC_MAX_ADDRS];
	int n = shim_packed_addrs(e->family, val, len, a, SCT_IPC_MAX_ADDRS);

	return n < 0 ? n : shim_bindx_addrs(fd, a, (size_t)n, add);
}

static int connectx_opt(int fd, const struct shim_fd *e, const void *val, socklen_t len,
			sctp_assoc_t *id)
{
	struct sct_ipc_addr a[SCT_IPC_MAX_ADDRS];
	int n = shim_packed_addrs(e->family, val, len, a, SCT_IPC_MAX_ADDRS);

	return n < 0 ? n : shim_connect_addrs(fd, a, (size_t)n, true, id);
}

/*
 * SCTP_DEFAULT_PRINFO (RFC 6458 8.1.32): PR-SCTP is not implemented, so the
 * only default is policy NONE (as the SCTP_PRINFO cmsg of cmsg.c): other
 * policies are refused rather than accepted and not applied.
 */
static int set_prinfo(const void *val, socklen_t len)
{
	struct sctp_default_prinfo p;

	if (!val || len != sizeof(p))
		return -EINVAL;
	memcpy(&p, val, sizeof(p));
	return p.pr_policy == SCTP_PR_SCTP_NONE ? 0 : -EINVAL;
}

static int get_prinfo(void *val, socklen_t *len)
{
	struct sctp_default_prinfo p;

	if (!val || *len < sizeof(p))
		return -EINVAL;
	memcpy(&p, val, sizeof(p)); /* the association id asked about stays */
	p.pr_policy = SCTP_PR_SCTP_NONE;
	p.pr_value = 0;
	memcpy(val, &p, sizeof(p));
	*len = sizeof(p);
	return 0;
}

bool shim_sctpopt_set(int fd, const struct shim_fd *e, int name, const void *val, socklen_t len,
		      int *result)
{
	sctp_assoc_t id = 0;
	int x, err;

	switch (name) {
	case SCTP_SOCKOPT_BINDX_ADD:
	case SCTP_SOCKOPT_BINDX_REM:
		err = bindx_opt(fd, e, val, len, name == SCTP_SOCKOPT_BINDX_ADD);
		break;
	case SCTP_SOCKOPT_CONNECTX_OLD:
	case SCTP_SOCKOPT_CONNECTX:
		/* the newer one returns the association id as setsockopt()'s result */
		err = connectx_opt(fd, e, val, len, &id);
		if (!err && name == SCTP_SOCKOPT_CONNECTX)
			err = (int)id;
		break;
	case SCTP_EVENT:
		err = set_event(fd, val, len);
		break;
	case SCTP_DEFAULT_PRINFO:
		err = set_prinfo(val, len);
		break;
	case SCTP_RECVRCVINFO:
	case SCTP_RECVNXTINFO:
		if (!val || len < sizeof(int)) {
			err = -EINVAL;
			break;
		}
		memcpy(&x, val, sizeof(x));
		shim_fd_set_rcvopt(fd, name == SCTP_RECVNXTINFO, x != 0);
		err = 0;
		break;
	default:
		return false;
	}
	*result = err;
	return true;
}

/* SCTP_SOCKOPT_CONNECTX3: lksctp's sctp_connectx() tries it first. */
static int connectx3(int fd, const struct shim_fd *e, void *val, socklen_t *len)
{
	struct sctp_getaddrs_old p;
	sctp_assoc_t id = 0;
	int err;

	if (*len < sizeof(p))
		return -EINVAL;
	memcpy(&p, val, sizeof(p));
	if (p.addr_num <= 0 || !p.addrs)
		return -EINVAL;
	/* addr_num is the byte count of the packed addresses, as Linux reads it */
	err = connectx_opt(fd, e, p.addrs, (socklen_t)p.addr_num, &id);
	if (!err || err == -EINPROGRESS) {
		memcpy(val, &id, sizeof(id));
		*len = sizeof(id);
	}
	return err;
}

static int peeloff_opt(int fd, int name, void *val, socklen_t *len)
{
	sctp_peeloff_flags_arg_t pf;
	size_t need = name == SCTP_SOCKOPT_PEELOFF ? sizeof(pf.p_arg) : sizeof(pf);
	int nfd;

	if (*len < need)
		return -EINVAL;
	memset(&pf, 0, sizeof(pf));
	memcpy(&pf, val, need);
	nfd = shim_peeloff_fd(fd, pf.p_arg.associd, (int)pf.flags);
	if (nfd < 0)
		return nfd;
	pf.p_arg.sd = nfd;
	memcpy(val, &pf, need);
	*len = (socklen_t)need;
	return 0;
}

/* SCTP_GET_PEER_ADDRS / SCTP_GET_LOCAL_ADDRS: struct sctp_getaddrs and the packed list. */
static int getaddrs_opt(int fd, bool peer, void *val, socklen_t *len)
{
	struct sctp_getaddrs ga;
	ssize_t n;
	int count;

	if (*len < sizeof(ga))
		return -EINVAL;
	memcpy(&ga, val, sizeof(ga));
	n = shim_addrs_packed(fd, peer, ga.assoc_id, (uint8_t *)val + sizeof(ga), *len - sizeof(ga),
			      &count);
	if (n < 0)
		return (int)n;
	ga.addr_num = (uint32_t)count;
	memcpy(val, &ga, sizeof(ga));
	*len = (socklen_t)(sizeof(ga) + (size_t)n);
	return 0;
}

/* SCTP_PRIMARY_ADDR (RFC 6458 8.1.10), read only: the STATUS request's primary path. */
static int primary_opt(int fd, void *val, socklen_t *len)
{
	struct sctp_status st;
	struct sctp_prim pr;
	socklen_t sl = sizeof(st);

	if (*len < sizeof(pr))
		return -EINVAL;
	memcpy(&pr, val, sizeof(pr));
	memset(&st, 0, sizeof(st));
	st.sstat_assoc_id = pr.ssp_assoc_id;
	if (shim_getsockopt(fd, SOL_SCTP, SCTP_STATUS, &st, &sl) < 0)
		return -errno;
	memcpy(&pr.ssp_addr, &st.sstat_primary.spinfo_address, sizeof(pr.ssp_addr));
	pr.ssp_assoc_id = st.sstat_assoc_id;
	memcpy(val, &pr, sizeof(pr));
	*len = sizeof(pr);
	return 0;
}

bool shim_sctpopt_get(int fd, const struct shim_fd *e, int name, void *val, socklen_t *len,
		      int *result)
{
	int x;

	switch (name) {
	case SCTP_SOCKOPT_CONNECTX3:
		*result = connectx3(fd, e, val, len);
		return true;
	case SCTP_SOCKOPT_PEELOFF:
	case SCTP_SOCKOPT_PEELOFF_FLAGS:
		*result = peeloff_opt(fd, name, val, len);
		return true;
	case SCTP_GET_PEER_ADDRS:
	case SCTP_GET_LOCAL_ADDRS:
		*result = getaddrs_opt(fd, name == SCTP_GET_PEER_ADDRS, val, len);
		return true;
	case SCTP_EVENT:
		*result = get_event(fd, val, len);
		return true;
	case SCTP_PRIMARY_ADDR:
		*result = primary_opt(fd, val, len);
		return true;
	case SCTP_DEFAULT_PRINFO:
		*result = get_prinfo(val, len);
		return true;
	case SCTP_RECVRCVINFO:
	case SCTP_RECVNXTINFO:
		if (*len < sizeof(int)) {
			*result = -EINVAL;
			return true;
		}
		x = name == SCTP_RECVRCVINFO ? e->rcvinfo : e->nxtinfo;
		memcpy(val, &x, sizeof(x));
		*len = sizeof(x);
		*result = 0;
		return true;
	default:
		return false;
	}
}
