/* SPDX-License-Identifier: MIT */
/* opt.c: setsockopt/getsockopt: host (level, name, value) <-> sctun's IPC option layout. */
#include "config.h"

#include "shim/shim.h"

#include <errno.h>
#include <linux/sctp.h>
#include <netinet/in.h>
#include <string.h>

#include "ipc/ipc_buf.h"

/*
 * The daemon never sees the host's option numbers or structs: each value
 * travels as its fields in order, integers as u32 little-endian, u16
 * fields as two bytes, no padding (ipc_ctl.h).  SOL_SOCKET options that
 * are not about SCTP (SO_RCVTIMEO, SO_KEEPALIVE...) belong to the data
 * socket itself and go to it untouched; its timeouts then apply to our
 * blocking reads and writes, as they would on a kernel socket.
 */

static const struct {
	int level, name;
	uint16_t ilevel, iname;
} opt_map[] = {
    {SOL_SOCKET, SO_REUSEADDR, SCT_IPC_SOL_SOCKET, SCT_IPC_SO_REUSEADDR},
    {SOL_SOCKET, SO_REUSEPORT, SCT_IPC_SOL_SOCKET, SCT_IPC_SO_REUSEPORT},
    {SOL_SOCKET, SO_ERROR, SCT_IPC_SOL_SOCKET, SCT_IPC_SO_ERROR},
    {SOL_SOCKET, SO_SNDBUF, SCT_IPC_SOL_SOCKET, SCT_IPC_SO_SNDBUF},
    {SOL_SOCKET, SO_RCVBUF, SCT_IPC_SOL_SOCKET, SCT_IPC_SO_RCVBUF},
    {SOL_SOCKET, SO_LINGER, SCT_IPC_SOL_SOCKET, SCT_IPC_SO_LINGER},
    {SOL_SOCKET, SO_TYPE, SCT_IPC_SOL_SOCKET, SCT_IPC_SO_TYPE},
    {SOL_SOCKET, SO_DOMAIN, SCT_IPC_SOL_SOCKET, SCT_IPC_SO_DOMAIN},
    {SOL_SOCKET, SO_PROTOCOL, SCT_IPC_SOL_SOCKET, SCT_IPC_SO_PROTOCOL},
    {SOL_SOCKET, SO_ACCEPTCONN, SCT_IPC_SOL_SOCKET, SCT_IPC_SO_ACCEPTCONN},
    {IPPROTO_IPV6, IPV6_V6ONLY, SCT_IPC_SOL_IPV6, SCT_IPC_IPV6_V6ONLY},
    {SOL_SCTP, SCTP_NODELAY, SCT_IPC_SOL_SCTP, SCT_IPC_SCTP_NODELAY},
    {SOL_SCTP, SCTP_INITMSG, SCT_IPC_SOL_SCTP, SCT_IPC_SCTP_INITMSG},
    {SOL_SCTP, SCTP_EVENTS, SCT_IPC_SOL_SCTP, SCT_IPC_SCTP_EVENTS},
    {SOL_SCTP, SCTP_MAXSEG, SCT_IPC_SOL_SCTP, SCT_IPC_SCTP_MAXSEG},
    {SOL_SCTP, SCTP_DISABLE_FRAGMENTS, SCT_IPC_SOL_SCTP, SCT_IPC_SCTP_DISABLE_FRAGMENTS},
};

int shim_opt_map(int level, int name, uint16_t *ilevel, uint16_t *iname)
{
	size_t i;

	for (i = 0; i < sizeof(opt_map) / sizeof(opt_map[0]); i++) {
		if (opt_map[i].level == level && opt_map[i].name == name) {
			*ilevel = opt_map[i].ilevel;
			*iname = opt_map[i].iname;
			return SHIM_OPT_DAEMON;
		}
	}
	if (level == SOL_SOCKET)
		return SHIM_OPT_REAL;
	if (level == SOL_SCTP && name == SCTP_STATUS)
		return SHIM_OPT_STATUS;
	return -ENOPROTOOPT;
}

/* The value is a struct of fixed layout; every other option is one int. */
static bool is_int_opt(uint16_t ilevel, uint16_t iname)
{
	if (ilevel == SCT_IPC_SOL_SOCKET)
		return iname != SCT_IPC_SO_LINGER;
	if (ilevel == SCT_IPC_SOL_SCTP)
		return iname == SCT_IPC_SCTP_NODELAY || iname == SCT_IPC_SCTP_DISABLE_FRAGMENTS;
	return ilevel == SCT_IPC_SOL_IPV6;
}

int shim_opt_encode(uint16_t ilevel, uint16_t iname, const void *val, socklen_t len, uint8_t *out,
		    size_t cap)
{
	struct sctp_initmsg im;
	struct sctp_assoc_value av;
	struct linger lg;
	int x;

	if (!val || cap < 8 || (int)len < 0)
		return -EINVAL;
	if (is_int_opt(ilevel, iname)) {
		if (len < sizeof(int))
			return -EINVAL;
		memcpy(&x, val, sizeof(x));
		sct_ipc_put_u32(out, (uint32_t)x);
		return 4;
	}
	if (ilevel == SCT_IPC_SOL_SOCKET) { /* SO_LINGER */
		if (len < sizeof(lg))
			return -EINVAL;
		memcpy(&lg, val, sizeof(lg));
		sct_ipc_put_u32(out, (uint32_t)lg.l_onoff);
		sct_ipc_put_u32(out + 4, (uint32_t)lg.l_linger);
		return 8;
	}
	switch (iname) {
	case SCT_IPC_SCTP_INITMSG:
		if (len < sizeof(im))
			return -EINVAL;
		memcpy(&im, val, sizeof(im));
		sct_ipc_put_u16(out, im.sinit_num_ostreams);
		sct_ipc_put_u16(out + 2, im.sinit_max_instreams);
		sct_ipc_put_u16(out + 4, im.sinit_max_attempts);
		sct_ipc_put_u16(out + 6, im.sinit_max_init_timeo);
		return 8;
	case SCT_IPC_SCTP_EVENTS:
		/* any prefix of the struct, as Linux accepts (lksctp 1.0.19 passes 14 bytes) */
		if (len > sizeof(struct sctp_event_subscribe) || len > cap)
			return -EINVAL;
		memcpy(out, val, len);
		return (int)len;
	case SCT_IPC_SCTP_MAXSEG:
		/* an int means the value for assoc_id 0 (the deprecated form iperf3 uses) */
		if (len == sizeof(int)) {
			memcpy(&x, val, sizeof(x));
			sct_ipc_put_u32(out, 0);
			sct_ipc_put_u32(out + 4, (uint32_t)x);
			return 8;
		}
		if (len < sizeof(av))
			return -EINVAL;
		memcpy(&av, val, sizeof(av));
		sct_ipc_put_u32(out, (uint32_t)av.assoc_id);
		sct_ipc_put_u32(out + 4, av.assoc_value);
		return 8;
	default:
		return -EINVAL;
	}
}

int shim_opt_get_arg(uint16_t ilevel, uint16_t iname, const void *val, socklen_t len, uint8_t *out,
		     size_t cap)
{
	struct sctp_assoc_value av;

	if (ilevel != SCT_IPC_SOL_SCTP || iname != SCT_IPC_SCTP_MAXSEG || len < sizeof(av))
		return 0;
	if (!val || cap < 8)
		return -EINVAL;
	memcpy(&av, val, sizeof(av));
	sct_ipc_put_u32(out, (uint32_t)av.assoc_id);
	sct_ipc_put_u32(out + 4, av.assoc_value);
	return 8;
}

/* SO_TYPE and SO_DOMAIN come back in sctun's numbering. */
static int host_int(uint16_t ilevel, uint16_t iname, uint32_t v)
{
	if (ilevel == SCT_IPC_SOL_SOCKET && iname == SCT_IPC_SO_TYPE)
		return v == SCT_IPC_SOCK_SEQPACKET ? SOCK_SEQPACKET : SOCK_STREAM;
	if (ilevel == SCT_IPC_SOL_SOCKET && iname == SCT_IPC_SO_DOMAIN)
		return v == SCT_IPC_AF_INET6 ? AF_INET6 : AF_INET;
	return (int)v;
}

int shim_opt_decode(uint16_t ilevel, uint16_t iname, const uint8_t *in, size_t inlen, void *val,
		    socklen_t *len)
{
	struct sctp_initmsg im;
	struct sctp_assoc_value av;
	struct linger lg;
	size_t n;
	int x;

	if (!val || !len || (int)*len < 0)
		return -EINVAL;
	if (is_int_opt(ilevel, iname)) {
		if (inlen != 4)
			return -EPROTO;
		if (*len < sizeof(int))
			return -EINVAL;
		x = host_int(ilevel, iname, sct_ipc_get_u32(in));
		memcpy(val, &x, sizeof(x));
		*len = sizeof(int);
		return 0;
	}
	if (ilevel == SCT_IPC_SOL_SOCKET) { /* SO_LINGER */
		if (inlen != 8)
			return -EPROTO;
		if (*len < sizeof(lg))
			return -EINVAL;
		lg.l_onoff = (int)sct_ipc_get_u32(in);
		lg.l_linger = (int)sct_ipc_get_u32(in + 4);
		memcpy(val, &lg, sizeof(lg));
		*len = sizeof(lg);
		return 0;
	}
	switch (iname) {
	case SCT_IPC_SCTP_INITMSG:
		if (inlen != 8)
			return -EPROTO;
		if (*len < sizeof(im))
			return -EINVAL;
		im.sinit_num_ostreams = sct_ipc_get_u16(in);
		im.sinit_max_instreams = sct_ipc_get_u16(in + 2);
		im.sinit_max_attempts = sct_ipc_get_u16(in + 4);
		im.sinit_max_init_timeo = sct_ipc_get_u16(in + 6);
		memcpy(val, &im, sizeof(im));
		*len = sizeof(im);
		return 0;
	case SCT_IPC_SCTP_EVENTS:
		/* sctund keeps 16 bytes, for types this host's struct may not have yet */
		if (inlen > SCT_IPC_MAX_OPTVAL)
			return -EPROTO;
		if (*len == 0)
			return -EINVAL;
		n = *len < sizeof(struct sctp_event_subscribe)
			? *len
			: sizeof(struct sctp_event_subscribe);
		memset(val, 0, n);
		memcpy(val, in, inlen < n ? inlen : n);
		*len = (socklen_t)n;
		return 0;
	case SCT_IPC_SCTP_MAXSEG:
		if (inlen != 8)
			return -EPROTO;
		if (*len == sizeof(int)) {
			x = (int)sct_ipc_get_u32(in + 4);
			memcpy(val, &x, sizeof(x));
			return 0;
		}
		if (*len < sizeof(av))
			return -EINVAL;
		av.assoc_id = (sctp_assoc_t)sct_ipc_get_u32(in);
		av.assoc_value = sct_ipc_get_u32(in + 4);
		memcpy(val, &av, sizeof(av));
		*len = sizeof(av);
		return 0;
	default:
		return -EINVAL;
	}
}
