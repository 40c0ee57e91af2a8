/* SPDX-License-Identifier: MIT */
/* sockopt.c: the setsockopt/getsockopt interposers (the translation is in opt.c). */
#include "config.h"

#include "shim/shim.h"

#include <errno.h>
#include <linux/sctp.h>
#include <string.h>

int shim_setsockopt(int fd, int level, int name, const void *val, socklen_t len)
{
	struct sct_ipc_ctl req, rsp;
	uint8_t buf[SCT_IPC_CTL_MAX], ov[SCT_IPC_MAX_OPTVAL];
	uint16_t ilevel, iname;
	struct shim_fd e;
	int route, n, err;

	shim_init();
	if (!shim_fd_get(fd, &e))
		return shim_real.setsockopt(fd, level, name, val, len);
	if (level == SOL_SCTP && shim_sctpopt_set(fd, &e, name, val, len, &err)) {
		if (err < 0) {
			errno = shim_err(err, ENOPROTOOPT);
			return -1;
		}
		return err; /* SCTP_SOCKOPT_CONNECTX: the association id */
	}
	route = shim_opt_map(level, name, &ilevel, &iname);
	if (route == SHIM_OPT_REAL)
		return shim_real.setsockopt(fd, level, name, val, len);
	if (route != SHIM_OPT_DAEMON) {
		errno = ENOPROTOOPT;
		return -1;
	}
	n = shim_opt_encode(ilevel, iname, val, len, ov, sizeof(ov));
	if (n < 0) {
		errno = -n;
		return -1;
	}
	shim_req_init(&req, SCT_IPC_OP_SETSOCKOPT);
	req.present = SCT_IPC_BIT(SCT_IPC_A_LEVEL) | SCT_IPC_BIT(SCT_IPC_A_OPTNAME) |
		      SCT_IPC_BIT(SCT_IPC_A_OPTVAL);
	req.level = ilevel;
	req.optname = iname;
	req.optval = ov;
	req.optval_len = (size_t)n;
	err = shim_ctl_request(fd, &req, &rsp, buf);
	if (err) {
		errno = shim_err(err, ENOPROTOOPT);
		return -1;
	}
	/* what the shim itself needs to know of sctund's copy */
	if (ilevel == SCT_IPC_SOL_SCTP && iname == SCT_IPC_SCTP_EVENTS)
		shim_fd_set_events(fd, val, len);
	else if (ilevel == SCT_IPC_SOL_IPV6 && iname == SCT_IPC_IPV6_V6ONLY)
		shim_fd_set_v6only(fd, ov[0] || ov[1] || ov[2] || ov[3]);
	return 0;
}

/* RFC 6458 8.2.1 SCTP_STATUS from the STATUS request's results. */
static int get_status(int fd, const struct shim_fd *e, void *val, socklen_t *len)
{
	struct sct_ipc_ctl req, rsp;
	uint8_t buf[SCT_IPC_CTL_MAX];
	struct sockaddr_storage ss;
	struct sctp_status st;
	int err, n;

	if (*len < sizeof(st))
		return -EINVAL;
	memcpy(&st, val, sizeof(st));
	shim_req_init(&req, SCT_IPC_OP_STATUS);
	if (st.sstat_assoc_id) {
		req.present = SCT_IPC_BIT(SCT_IPC_A_ASSOC_ID);
		req.assoc_id = (uint32_t)st.sstat_assoc_id;
	}
	err = shim_ctl_request(fd, &req, &rsp, buf);
	if (err)
		return err;
	memset(&st, 0, sizeof(st));
	st.sstat_assoc_id = (sctp_assoc_t)rsp.assoc_id;
	st.sstat_state = rsp.st.state; /* sctun numbers the states as Linux does */
	st.sstat_rwnd = rsp.st.peer_rwnd;
	st.sstat_unackdata = (uint16_t)rsp.st.unacked;
	st.sstat_penddata = (uint16_t)rsp.st.pending;
	st.sstat_instrms = rsp.st.is;
	st.sstat_outstrms = rsp.st.os;
	st.sstat_primary.spinfo_assoc_id = st.sstat_assoc_id;
	n = shim_addr_to_sockaddr(&rsp.st.primary, e->family, &ss);
	if (n > 0)
		memcpy(&st.sstat_primary.spinfo_address, &ss, (size_t)n);
	st.sstat_primary.spinfo_state = SCTP_ACTIVE;
	if (rsp.present & SCT_IPC_BIT(SCT_IPC_A_ST_PRIMARY_STATE))
		st.sstat_primary.spinfo_state = shim_path_state(rsp.st.primary_state);
	st.sstat_primary.spinfo_cwnd = rsp.st.cwnd;
	st.sstat_primary.spinfo_srtt = rsp.st.srtt_ms;
	st.sstat_primary.spinfo_rto = rsp.st.rto_ms;
	memcpy(val, &st, sizeof(st));
	*len = sizeof(st);
	return 0;
}

/* SO_TYPE, SO_DOMAIN, SO_PROTOCOL, SO_ACCEPTCONN: the table knows them. */
static bool get_local(const struct shim_fd *e, uint16_t iname, int *x)
{
	switch (iname) {
	case SCT_IPC_SO_TYPE:
		*x = e->type;
		return true;
	case SCT_IPC_SO_DOMAIN:
		*x = e->family;
		return true;
	case SCT_IPC_SO_PROTOCOL:
		*x = IPPROTO_SCTP;
		return true;
	case SCT_IPC_SO_ACCEPTCONN:
		*x = e->state == SHIM_LISTENING;
		return true;
	default:
		return false;
	}
}

static int getsockopt_ours(int fd, const struct shim_fd *e, uint16_t ilevel, uint16_t iname,
			   void *val, socklen_t *len)
{
	struct sct_ipc_ctl req, rsp;
	uint8_t buf[SCT_IPC_CTL_MAX], ov[SCT_IPC_MAX_OPTVAL];
	bool done = false;
	int n, x, err;

	/* SO_ERROR right as a connect ends: that connect's answer, 0 included */
	if (ilevel == SCT_IPC_SOL_SOCKET &&
	    (get_local(e, iname, &x) ||
	     (iname == SCT_IPC_SO_ERROR && ((x = shim_connect_check(fd, &done)) || done)))) {
		if (*len < sizeof(int))
			return -EINVAL;
		memcpy(val, &x, sizeof(x));
		*len = sizeof(int);
		return 0;
	}
	n = shim_opt_get_arg(ilevel, iname, val, *len, ov, sizeof(ov));
	if (n < 0)
		return n;
	shim_req_init(&req, SCT_IPC_OP_GETSOCKOPT);
	req.present = SCT_IPC_BIT(SCT_IPC_A_LEVEL) | SCT_IPC_BIT(SCT_IPC_A_OPTNAME);
	req.level = ilevel;
	req.optname = iname;
	if (n > 0) {
		req.present |= SCT_IPC_BIT(SCT_IPC_A_OPTVAL);
		req.optval = ov;
		req.optval_len = (size_t)n;
	}
	err = shim_ctl_request(fd, &req, &rsp, buf);
	if (err)
		return err;
	err = shim_opt_decode(ilevel, iname, rsp.optval, rsp.optval_len, val, len);
	return err == -EPROTO ? SHIM_ELOST : err;
}

int shim_getsockopt(int fd, int level, int name, void *val, socklen_t *len)
{
	uint16_t ilevel, iname;
	struct shim_fd e;
	int route, err;

	shim_init();
	if (!shim_fd_get(fd, &e))
		return shim_real.getsockopt(fd, level, name, val, len);
	route = shim_opt_map(level, name, &ilevel, &iname);
	if (route == SHIM_OPT_REAL)
		return shim_real.getsockopt(fd, level, name, val, len);
	if (!val || !len) {
		errno = EFAULT;
		return -1;
	}
	if ((int)*len < 0) {
		errno = EINVAL;
		return -1;
	}
	if (level == SOL_SCTP && shim_sctpopt_get(fd, &e, name, val, len, &err))
		; /* lksctp's own options and the shim's (sctpopt.c) */
	else if (route == SHIM_OPT_STATUS)
		err = get_status(fd, &e, val, len);
	else if (route == SHIM_OPT_DAEMON)
		err = getsockopt_ours(fd, &e, ilevel, iname, val, len);
	else
		err = route;
	if (err) {
		errno = shim_err(err, ENOPROTOOPT);
		return -1;
	}
	return 0;
}
