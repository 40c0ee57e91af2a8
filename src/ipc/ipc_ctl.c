/* SPDX-License-Identifier: MIT */
/* ipc_ctl.c: encode and strictly decode control requests and responses (sctun-ipc(7)). */
#include "ipc/ipc_ctl.h"

#include <stddef.h>
#include <string.h>

#include "ipc/ipc_buf.h"
#include "ipc/ipc_err.h"

#define B(x) SCT_IPC_BIT(SCT_IPC_A_##x)
#define ST_ALL                                                                                     \
	(B(ST_STATE) | B(ST_LPORT) | B(ST_PPORT) | B(ST_MY_VTAG) | B(ST_PEER_VTAG) | B(ST_OS) |    \
	 B(ST_IS) | B(ST_PEER_RWND) | B(ST_PRIMARY) | B(ST_NPATHS) | B(ST_RTO) | B(ST_SRTT) |      \
	 B(ST_CWND) | B(ST_SSTHRESH) | B(ST_FLIGHT) | B(ST_INIT_RTX) | B(ST_UNACKED) |             \
	 B(ST_PENDING) | B(ST_RWND) | B(ST_CUM_TSN))
#define IPPROTO_SCTP_NUM 132

/*
 * What each opcode takes and gives: required and allowed arguments, the fd
 * count, and (requests) the bounds on the address list.  A response with a
 * non-zero status needs nothing, may carry any of the results, and never an
 * fd.
 */
struct op_spec {
	const char *name;
	uint64_t req_need, req_allow;
	uint8_t req_fds, amin, amax;
	uint64_t rsp_need, rsp_allow;
	uint8_t rsp_fds;
};

static const struct op_spec op_specs[SCT_IPC_OP__COUNT] = {
    [SCT_IPC_OP_HELLO] = {"HELLO", B(VERSION_MIN) | B(VERSION_MAX), 0, 0, 0, 0, B(VERSION), 0, 0},
    [SCT_IPC_OP_SOCKET] = {"SOCKET", B(FAMILY) | B(SOCKTYPE) | B(PROTOCOL), B(SOCKFLAGS), 0, 0, 0,
			   0, 0, 1},
    [SCT_IPC_OP_ADOPT] = {"ADOPT", 0, 0, 1, 0, 0, B(FAMILY) | B(SOCKTYPE),
			  B(PROTOCOL) | B(ASSOC_ID), 0},
    [SCT_IPC_OP_BIND] = {"BIND", B(ADDR), 0, 0, 1, SCT_IPC_MAX_ADDRS, 0, 0, 0},
    [SCT_IPC_OP_BINDX_ADD] = {"BINDX_ADD", B(ADDR), 0, 0, 1, SCT_IPC_MAX_ADDRS, 0, 0, 0},
    [SCT_IPC_OP_BINDX_REM] = {"BINDX_REM", B(ADDR), 0, 0, 1, SCT_IPC_MAX_ADDRS, 0, 0, 0},
    [SCT_IPC_OP_LISTEN] = {"LISTEN", B(BACKLOG), 0, 0, 0, 0, 0, 0, 0},
    [SCT_IPC_OP_CONNECT] = {"CONNECT", B(ADDR), 0, 0, 1, 1, B(ASSOC_ID), 0, 0},
    [SCT_IPC_OP_CONNECTX] = {"CONNECTX", B(ADDR), B(PORT), 0, 1, SCT_IPC_MAX_ADDRS, B(ASSOC_ID), 0,
			     0},
    [SCT_IPC_OP_ACCEPT] = {"ACCEPT", 0, 0, 0, 0, 0, B(ASSOC_ID), B(ADDR), 1},
    [SCT_IPC_OP_SHUTDOWN] = {"SHUTDOWN", B(HOW), B(ASSOC_ID), 0, 0, 0, 0, 0, 0},
    [SCT_IPC_OP_CLOSE] = {"CLOSE", 0, 0, 0, 0, 0, 0, 0, 0},
    [SCT_IPC_OP_GETSOCKNAME] = {"GETSOCKNAME", 0, B(ASSOC_ID), 0, 0, 0, 0, B(ADDR), 0},
    [SCT_IPC_OP_GETPEERNAME] = {"GETPEERNAME", 0, B(ASSOC_ID), 0, 0, 0, 0, B(ADDR), 0},
    [SCT_IPC_OP_SETSOCKOPT] = {"SETSOCKOPT", B(LEVEL) | B(OPTNAME) | B(OPTVAL), B(ASSOC_ID), 0, 0,
			       0, 0, 0, 0},
    [SCT_IPC_OP_GETSOCKOPT] = {"GETSOCKOPT", B(LEVEL) | B(OPTNAME), B(OPTVAL) | B(ASSOC_ID), 0, 0,
			       0, B(OPTVAL), 0, 0},
    [SCT_IPC_OP_PEELOFF] = {"PEELOFF", B(ASSOC_ID), 0, 0, 0, 0, 0, 0, 1},
    [SCT_IPC_OP_GETPADDRS] = {"GETPADDRS", 0, B(ASSOC_ID), 0, 0, 0, 0, B(ADDR), 0},
    [SCT_IPC_OP_GETLADDRS] = {"GETLADDRS", 0, B(ASSOC_ID), 0, 0, 0, 0, B(ADDR), 0},
    [SCT_IPC_OP_STATUS] = {"STATUS", 0, B(ASSOC_ID), 0, 0, 0, ST_ALL | B(ASSOC_ID),
			   B(ST_PRIMARY_STATE), 0},
    [SCT_IPC_OP_ERROR] = {"ERROR", 0, 0, 0, 0, 0, 0, 0, 0},
    [SCT_IPC_OP_ADMIN] = {"ADMIN", B(MESSAGE), 0, 0, 0, 0, 0, 0, 1},
};

const char *sct_ipc_op_name(uint16_t opcode)
{
	if (opcode == 0 || opcode >= SCT_IPC_OP__COUNT)
		return "UNKNOWN";
	return op_specs[opcode].name;
}

/* Value length of each argument; -1: variable, up to attr_max(). */
static int attr_len(unsigned a)
{
	switch (a) {
	case SCT_IPC_A_VERSION_MIN:
	case SCT_IPC_A_VERSION_MAX:
	case SCT_IPC_A_VERSION:
	case SCT_IPC_A_FAMILY:
	case SCT_IPC_A_SOCKTYPE:
	case SCT_IPC_A_PORT:
	case SCT_IPC_A_HOW:
	case SCT_IPC_A_LEVEL:
	case SCT_IPC_A_OPTNAME:
	case SCT_IPC_A_ST_STATE:
	case SCT_IPC_A_ST_LPORT:
	case SCT_IPC_A_ST_PPORT:
	case SCT_IPC_A_ST_OS:
	case SCT_IPC_A_ST_IS:
		return 2;
	case SCT_IPC_A_ADDR:
	case SCT_IPC_A_ST_PRIMARY:
		return SCT_IPC_ADDR_LEN;
	case SCT_IPC_A_OPTVAL:
	case SCT_IPC_A_MESSAGE:
		return -1;
	default:
		return 4;
	}
}

static size_t attr_max(unsigned a)
{
	return a == SCT_IPC_A_OPTVAL ? SCT_IPC_MAX_OPTVAL : SCT_IPC_MAX_MESSAGE;
}

/*
 * Where each fixed-size integer argument lives in struct sct_ipc_ctl, so that
 * one table drives the encoder, the decoder and the comparison.  0: not a
 * plain integer (ADDR, ST_PRIMARY, OPTVAL, MESSAGE are handled by name).
 */
#define OFF(f) offsetof(struct sct_ipc_ctl, f)
static const size_t attr_off[SCT_IPC_A__COUNT] = {
    [SCT_IPC_A_VERSION_MIN] = OFF(version_min),
    [SCT_IPC_A_VERSION_MAX] = OFF(version_max),
    [SCT_IPC_A_VERSION] = OFF(version_picked),
    [SCT_IPC_A_FAMILY] = OFF(family),
    [SCT_IPC_A_SOCKTYPE] = OFF(socktype),
    [SCT_IPC_A_PROTOCOL] = OFF(protocol),
    [SCT_IPC_A_SOCKFLAGS] = OFF(sockflags),
    [SCT_IPC_A_BACKLOG] = OFF(backlog),
    [SCT_IPC_A_PORT] = OFF(port),
    [SCT_IPC_A_ASSOC_ID] = OFF(assoc_id),
    [SCT_IPC_A_HOW] = OFF(how),
    [SCT_IPC_A_LEVEL] = OFF(level),
    [SCT_IPC_A_OPTNAME] = OFF(optname),
    [SCT_IPC_A_ST_STATE] = OFF(st.state),
    [SCT_IPC_A_ST_LPORT] = OFF(st.lport),
    [SCT_IPC_A_ST_PPORT] = OFF(st.pport),
    [SCT_IPC_A_ST_MY_VTAG] = OFF(st.my_vtag),
    [SCT_IPC_A_ST_PEER_VTAG] = OFF(st.peer_vtag),
    [SCT_IPC_A_ST_OS] = OFF(st.os),
    [SCT_IPC_A_ST_IS] = OFF(st.is),
    [SCT_IPC_A_ST_PEER_RWND] = OFF(st.peer_rwnd),
    [SCT_IPC_A_ST_NPATHS] = OFF(st.n_paths),
    [SCT_IPC_A_ST_RTO] = OFF(st.rto_ms),
    [SCT_IPC_A_ST_SRTT] = OFF(st.srtt_ms),
    [SCT_IPC_A_ST_CWND] = OFF(st.cwnd),
    [SCT_IPC_A_ST_SSTHRESH] = OFF(st.ssthresh),
    [SCT_IPC_A_ST_FLIGHT] = OFF(st.flight),
    [SCT_IPC_A_ST_INIT_RTX] = OFF(st.init_rtx),
    [SCT_IPC_A_ST_UNACKED] = OFF(st.unacked),
    [SCT_IPC_A_ST_PENDING] = OFF(st.pending),
    [SCT_IPC_A_ST_RWND] = OFF(st.rwnd),
    [SCT_IPC_A_ST_CUM_TSN] = OFF(st.cum_tsn),
    [SCT_IPC_A_ST_PRIMARY_STATE] = OFF(st.primary_state),
};
#undef OFF

/* The value of integer argument @a (2 or 4 bytes, per attr_len()). */
static uint32_t attr_get(const struct sct_ipc_ctl *m, unsigned a)
{
	const uint8_t *p = (const uint8_t *)m + attr_off[a];
	uint16_t v16;
	uint32_t v32;

	if (attr_len(a) == 2) {
		memcpy(&v16, p, sizeof(v16));
		return v16;
	}
	memcpy(&v32, p, sizeof(v32));
	return v32;
}

static void attr_set(struct sct_ipc_ctl *m, unsigned a, uint32_t v)
{
	uint8_t *p = (uint8_t *)m + attr_off[a];
	uint16_t v16 = (uint16_t)v;

	if (attr_len(a) == 2)
		memcpy(p, &v16, sizeof(v16));
	else
		memcpy(p, &v, sizeof(v));
}

static bool optname_known(uint16_t level, uint16_t name)
{
	switch (level) {
	case SCT_IPC_SOL_SOCKET:
		return name >= 1 && name < SCT_IPC_SO__COUNT;
	case SCT_IPC_SOL_IPV6:
		return name >= 1 && name < SCT_IPC_IPV6__COUNT;
	case SCT_IPC_SOL_SCTP:
		return name >= 1 && name < SCT_IPC_SCTP__COUNT;
	default:
		return false;
	}
}

/* Argument values in range (only those present). */
static int values_check(const struct sct_ipc_ctl *m)
{
	uint8_t tmp[SCT_IPC_ADDR_LEN];
	uint64_t p = m->present;
	size_t i;
	int err;

	if ((p & B(VERSION_MIN)) && m->version_min < 1)
		return SCT_IPC_E_ATTR_VALUE;
	if ((p & B(VERSION_MAX)) && (m->version_max < 1 || m->version_max < m->version_min))
		return SCT_IPC_E_ATTR_VALUE;
	if ((p & B(VERSION)) && m->version_picked < 1)
		return SCT_IPC_E_ATTR_VALUE;
	if ((p & B(FAMILY)) && m->family != SCT_IPC_AF_INET && m->family != SCT_IPC_AF_INET6)
		return SCT_IPC_E_ATTR_VALUE;
	if ((p & B(SOCKTYPE)) && m->socktype != SCT_IPC_SOCK_STREAM &&
	    m->socktype != SCT_IPC_SOCK_SEQPACKET)
		return SCT_IPC_E_ATTR_VALUE;
	if ((p & B(PROTOCOL)) && m->protocol != 0 && m->protocol != IPPROTO_SCTP_NUM)
		return SCT_IPC_E_ATTR_VALUE;
	if ((p & B(SOCKFLAGS)) && (m->sockflags & ~(SCT_IPC_SOCK_NONBLOCK | SCT_IPC_SOCK_CLOEXEC)))
		return SCT_IPC_E_ATTR_VALUE;
	if ((p & B(HOW)) && (m->how < SCT_IPC_SHUT_RD || m->how > SCT_IPC_SHUT_RDWR))
		return SCT_IPC_E_ATTR_VALUE;
	if ((p & B(LEVEL)) && (p & B(OPTNAME)) && !optname_known(m->level, m->optname))
		return SCT_IPC_E_ATTR_VALUE;
	if ((p & B(ST_STATE)) &&
	    (m->st.state < SCT_IPC_STATE_CLOSED || m->st.state > SCT_IPC_STATE_SHUTDOWN_ACK_SENT))
		return SCT_IPC_E_ATTR_VALUE;
	if ((p & B(OPTVAL)) &&
	    (m->optval_len > SCT_IPC_MAX_OPTVAL || (m->optval_len && !m->optval)))
		return SCT_IPC_E_ATTR_LEN;
	if ((p & B(MESSAGE)) &&
	    (m->message_len > SCT_IPC_MAX_MESSAGE || (m->message_len && !m->message)))
		return SCT_IPC_E_ATTR_LEN;
	if (p & B(ST_PRIMARY)) {
		err = sct_ipc_addr_encode(&m->st.primary, tmp, sizeof(tmp));
		if (err)
			return err;
	}
	for (i = 0; i < m->naddrs && i < SCT_IPC_MAX_ADDRS; i++) {
		err = sct_ipc_addr_encode(&m->addrs[i], tmp, sizeof(tmp));
		if (err)
			return err;
	}
	return 0;
}

/* Everything but the TLV syntax: shared by the encoder and the decoder. */
static int ctl_check(const struct sct_ipc_ctl *m, unsigned nfds_received)
{
	const struct op_spec *s;
	uint64_t need, allow;
	unsigned fds;

	if (m->opcode == SCT_IPC_OP_HELLO
		? m->version != SCT_IPC_HELLO_VERSION
		: (m->version < SCT_IPC_VERSION_MIN || m->version > SCT_IPC_VERSION_MAX))
		return SCT_IPC_E_VERSION;
	if (m->kind != SCT_IPC_REQUEST && m->kind != SCT_IPC_RESPONSE)
		return SCT_IPC_E_CTL_KIND;
	if (m->opcode == 0 || m->opcode >= SCT_IPC_OP__COUNT)
		return SCT_IPC_E_CTL_OPCODE;
	if (m->opcode == SCT_IPC_OP_ERROR && m->kind == SCT_IPC_REQUEST)
		return SCT_IPC_E_CTL_KIND;
	s = &op_specs[m->opcode];
	if (m->kind == SCT_IPC_REQUEST) {
		if (m->status)
			return SCT_IPC_E_CTL_STATUS;
		need = s->req_need;
		allow = s->req_need | s->req_allow;
		fds = s->req_fds;
	} else {
		if (m->status > SCT_IPC_MAX_STATUS)
			return SCT_IPC_E_CTL_STATUS;
		if (m->opcode == SCT_IPC_OP_ERROR && m->status == 0)
			return SCT_IPC_E_CTL_STATUS;
		need = m->status ? 0 : s->rsp_need;
		allow = s->rsp_need | s->rsp_allow | B(MESSAGE);
		fds = m->status ? 0 : s->rsp_fds;
	}
	if (m->nfds != fds || nfds_received != fds)
		return SCT_IPC_E_CTL_FDS;
	if (m->present & ~allow)
		return SCT_IPC_E_ATTR_UNEXPECTED;
	if (need & ~m->present)
		return SCT_IPC_E_ATTR_MISSING;
	if (m->naddrs > SCT_IPC_MAX_ADDRS)
		return SCT_IPC_E_ATTR_COUNT;
	if (m->kind == SCT_IPC_REQUEST && (allow & B(ADDR)) &&
	    (m->naddrs < s->amin || m->naddrs > s->amax))
		return SCT_IPC_E_ATTR_COUNT;
	return values_check(m);
}

static void tlv_addr(struct sct_ipc_wr *w, unsigned a, const struct sct_ipc_addr *addr)
{
	uint8_t *p;

	sct_ipc_wr_u16(w, (uint16_t)a);
	sct_ipc_wr_u16(w, SCT_IPC_ADDR_LEN);
	p = sct_ipc_wr_reserve(w, SCT_IPC_ADDR_LEN);
	if (p && sct_ipc_addr_encode(addr, p, SCT_IPC_ADDR_LEN))
		w->err = true;
}

int sct_ipc_ctl_encode(const struct sct_ipc_ctl *m, void *buf, size_t cap)
{
	struct sct_ipc_wr w = sct_ipc_wr_init(buf, cap);
	const uint8_t *bytes;
	size_t i, n;
	unsigned a;

	/* ADDR is present exactly when there are addresses. */
	if (!!(m->present & B(ADDR)) != (m->naddrs > 0) || (m->present >> SCT_IPC_A__COUNT) ||
	    (m->present & 1) || ctl_check(m, m->nfds))
		return SCT_IPC_E_INVALID;
	sct_ipc_wr_u8(&w, m->version);
	sct_ipc_wr_u8(&w, m->kind);
	sct_ipc_wr_u16(&w, m->opcode);
	sct_ipc_wr_u32(&w, m->id);
	sct_ipc_wr_u32(&w, m->status);
	sct_ipc_wr_u8(&w, m->nfds);
	sct_ipc_wr_u8(&w, 0);
	sct_ipc_wr_u16(&w, 0);
	for (a = 1; a < SCT_IPC_A__COUNT; a++) {
		if (!(m->present & SCT_IPC_BIT(a)))
			continue;
		if (a == SCT_IPC_A_ADDR) {
			for (i = 0; i < m->naddrs; i++)
				tlv_addr(&w, a, &m->addrs[i]);
		} else if (a == SCT_IPC_A_ST_PRIMARY) {
			tlv_addr(&w, a, &m->st.primary);
		} else if (attr_len(a) == 2) {
			sct_ipc_wr_u16(&w, (uint16_t)a);
			sct_ipc_wr_u16(&w, 2);
			sct_ipc_wr_u16(&w, (uint16_t)attr_get(m, a));
		} else if (attr_len(a) == 4) {
			sct_ipc_wr_u16(&w, (uint16_t)a);
			sct_ipc_wr_u16(&w, 4);
			sct_ipc_wr_u32(&w, attr_get(m, a));
		} else {
			bytes = a == SCT_IPC_A_OPTVAL ? m->optval : m->message;
			n = a == SCT_IPC_A_OPTVAL ? m->optval_len : m->message_len;
			sct_ipc_wr_u16(&w, (uint16_t)a);
			sct_ipc_wr_u16(&w, (uint16_t)n);
			sct_ipc_wr_bytes(&w, bytes, n);
		}
	}
	return w.err ? SCT_IPC_E_NOSPACE : (int)w.off;
}

/* One TLV into @m; the length already checked against the type. */
static int tlv_get(struct sct_ipc_ctl *m, unsigned a, const uint8_t *v, size_t len)
{
	struct sct_ipc_rd r = sct_ipc_rd_init(v, len);
	int err;

	if (a == SCT_IPC_A_ADDR) {
		if (m->naddrs >= SCT_IPC_MAX_ADDRS)
			return SCT_IPC_E_ATTR_COUNT;
		err = sct_ipc_addr_decode(v, len, &m->addrs[m->naddrs]);
		if (err)
			return err;
		m->naddrs++;
	} else if (a == SCT_IPC_A_ST_PRIMARY) {
		return sct_ipc_addr_decode(v, len, &m->st.primary);
	} else if (a == SCT_IPC_A_OPTVAL) {
		m->optval = v;
		m->optval_len = len;
	} else if (a == SCT_IPC_A_MESSAGE) {
		m->message = v;
		m->message_len = len;
	} else {
		attr_set(m, a, len == 2 ? sct_ipc_rd_u16(&r) : sct_ipc_rd_u32(&r));
	}
	return 0;
}

int sct_ipc_ctl_decode(const void *buf, size_t len, unsigned nfds_received, struct sct_ipc_ctl *m)
{
	struct sct_ipc_rd r = sct_ipc_rd_init(buf, len);
	const uint8_t *v;
	uint16_t a, vlen;
	int fixed, err;

	memset(m, 0, sizeof(*m));
	if (len < SCT_IPC_CTL_HDR_LEN)
		return SCT_IPC_E_TRUNCATED;
	m->version = sct_ipc_rd_u8(&r);
	m->kind = sct_ipc_rd_u8(&r);
	m->opcode = sct_ipc_rd_u16(&r);
	m->id = sct_ipc_rd_u32(&r);
	m->status = sct_ipc_rd_u32(&r);
	m->nfds = sct_ipc_rd_u8(&r);
	/* Header errors first: a later version may lay out the TLVs differently. */
	if (m->opcode == SCT_IPC_OP_HELLO
		? m->version != SCT_IPC_HELLO_VERSION
		: (m->version < SCT_IPC_VERSION_MIN || m->version > SCT_IPC_VERSION_MAX))
		return SCT_IPC_E_VERSION;
	if (sct_ipc_rd_u8(&r) || sct_ipc_rd_u16(&r))
		return SCT_IPC_E_RESERVED;
	while (sct_ipc_rd_left(&r)) {
		if (sct_ipc_rd_left(&r) < SCT_IPC_TLV_HDR_LEN)
			return SCT_IPC_E_TRUNCATED;
		a = sct_ipc_rd_u16(&r);
		vlen = sct_ipc_rd_u16(&r);
		v = sct_ipc_rd_bytes(&r, vlen);
		if (!v)
			return SCT_IPC_E_TRUNCATED;
		if (a == 0 || a >= SCT_IPC_A__COUNT)
			return SCT_IPC_E_ATTR_TYPE;
		fixed = attr_len(a);
		if (fixed >= 0 ? vlen != fixed : vlen > attr_max(a))
			return SCT_IPC_E_ATTR_LEN;
		if (a != SCT_IPC_A_ADDR && (m->present & SCT_IPC_BIT(a)))
			return SCT_IPC_E_ATTR_DUP;
		m->present |= SCT_IPC_BIT(a);
		err = tlv_get(m, a, v, vlen);
		if (err)
			return err;
	}
	return ctl_check(m, nfds_received);
}

static bool bytes_eq(const uint8_t *a, size_t alen, const uint8_t *b, size_t blen)
{
	return alen == blen && (alen == 0 || memcmp(a, b, alen) == 0);
}

bool sct_ipc_ctl_eq(const struct sct_ipc_ctl *a, const struct sct_ipc_ctl *b)
{
	unsigned i;

	if (a->version != b->version || a->kind != b->kind || a->opcode != b->opcode ||
	    a->id != b->id || a->status != b->status || a->nfds != b->nfds ||
	    a->present != b->present || a->naddrs != b->naddrs)
		return false;
	for (i = 0; i < a->naddrs && i < SCT_IPC_MAX_ADDRS; i++)
		if (!sct_ipc_addr_eq(&a->addrs[i], &b->addrs[i]))
			return false;
	for (i = 1; i < SCT_IPC_A__COUNT; i++) {
		if (!(a->present & SCT_IPC_BIT(i)))
			continue;
		if (i == SCT_IPC_A_ADDR)
			continue;
		if (i == SCT_IPC_A_ST_PRIMARY) {
			if (!sct_ipc_addr_eq(&a->st.primary, &b->st.primary))
				return false;
		} else if (i == SCT_IPC_A_OPTVAL) {
			if (!bytes_eq(a->optval, a->optval_len, b->optval, b->optval_len))
				return false;
		} else if (i == SCT_IPC_A_MESSAGE) {
			if (!bytes_eq(a->message, a->message_len, b->message, b->message_len))
				return false;
		} else if (attr_get(a, i) != attr_get(b, i)) {
			return false;
		}
	}
	return true;
}

int sct_ipc_hello_pick(uint16_t cmin, uint16_t cmax, uint16_t smin, uint16_t smax)
{
	uint16_t v = cmax < smax ? cmax : smax;

	if (cmin < 1 || smin < 1 || cmin > cmax || smin > smax)
		return SCT_IPC_E_VERSION;
	if (v < cmin || v < smin)
		return SCT_IPC_E_VERSION;
	return v;
}
