/* SPDX-License-Identifier: MIT */
/* opt.c: setsockopt/getsockopt: host (level, name, value) <-> sctun's IPC option layout. */
#include "config.h"

#include "shim/shim.h"

#include <errno.h>
#include <linux/sctp.h>
#include <netinet/in.h>
#include <stddef.h>
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
    /* RFC 6458 section 8 (SCTP_PRIMARY_ADDR's get is sctpopt.c's) */
    {SOL_SCTP, SCTP_RTOINFO, SCT_IPC_SOL_SCTP, SCT_IPC_SCTP_RTOINFO},
    {SOL_SCTP, SCTP_ASSOCINFO, SCT_IPC_SOL_SCTP, SCT_IPC_SCTP_ASSOCINFO},
    {SOL_SCTP, SCTP_PEER_ADDR_PARAMS, SCT_IPC_SOL_SCTP, SCT_IPC_SCTP_PEER_ADDR_PARAMS},
    {SOL_SCTP, SCTP_GET_PEER_ADDR_INFO, SCT_IPC_SOL_SCTP, SCT_IPC_SCTP_GET_PEER_ADDR_INFO},
    {SOL_SCTP, SCTP_DELAYED_SACK, SCT_IPC_SOL_SCTP, SCT_IPC_SCTP_DELAYED_SACK},
    {SOL_SCTP, SCTP_MAX_BURST, SCT_IPC_SOL_SCTP, SCT_IPC_SCTP_MAX_BURST},
    {SOL_SCTP, SCTP_AUTOCLOSE, SCT_IPC_SOL_SCTP, SCT_IPC_SCTP_AUTOCLOSE},
    {SOL_SCTP, SCTP_CONTEXT, SCT_IPC_SOL_SCTP, SCT_IPC_SCTP_CONTEXT},
    {SOL_SCTP, SCTP_PRIMARY_ADDR, SCT_IPC_SOL_SCTP, SCT_IPC_SCTP_PRIMARY_ADDR},
    {SOL_SCTP, SCTP_PARTIAL_DELIVERY_POINT, SCT_IPC_SOL_SCTP, SCT_IPC_SCTP_PARTIAL_DELIVERY_POINT},
    {SOL_SCTP, SCTP_FRAGMENT_INTERLEAVE, SCT_IPC_SOL_SCTP, SCT_IPC_SCTP_FRAGMENT_INTERLEAVE},
    {SOL_SCTP, SCTP_GET_ASSOC_STATS, SCT_IPC_SOL_SCTP, SCT_IPC_SCTP_GET_ASSOC_STATS},
    {SOL_SCTP, SCTP_GET_ASSOC_NUMBER, SCT_IPC_SOL_SCTP, SCT_IPC_SCTP_GET_ASSOC_NUMBER},
    {SOL_SCTP, SCTP_GET_ASSOC_ID_LIST, SCT_IPC_SOL_SCTP, SCT_IPC_SCTP_GET_ASSOC_ID_LIST},
    {SOL_SCTP, SCTP_ADAPTATION_LAYER, SCT_IPC_SOL_SCTP, SCT_IPC_SCTP_ADAPTATION_LAYER},
    {SOL_SCTP, SCTP_DEFAULT_SEND_PARAM, SCT_IPC_SOL_SCTP, SCT_IPC_SCTP_DEFAULT_SEND_PARAM},
    {SOL_SCTP, SCTP_DEFAULT_SNDINFO, SCT_IPC_SOL_SCTP, SCT_IPC_SCTP_DEFAULT_SNDINFO},
    /* RFC 7829 7.2, 7.3 (SCTP-PF) */
    {SOL_SCTP, SCTP_PEER_ADDR_THLDS, SCT_IPC_SOL_SCTP, SCT_IPC_SCTP_PEER_ADDR_THLDS},
    {SOL_SCTP, SCTP_PEER_ADDR_THLDS_V2, SCT_IPC_SOL_SCTP, SCT_IPC_SCTP_PEER_ADDR_THLDS_V2},
    {SOL_SCTP, SCTP_EXPOSE_POTENTIALLY_FAILED_STATE, SCT_IPC_SOL_SCTP,
     SCT_IPC_SCTP_EXPOSE_PF_STATE},
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
		return iname == SCT_IPC_SCTP_NODELAY || iname == SCT_IPC_SCTP_DISABLE_FRAGMENTS ||
		       iname == SCT_IPC_SCTP_AUTOCLOSE ||
		       iname == SCT_IPC_SCTP_FRAGMENT_INTERLEAVE ||
		       iname == SCT_IPC_SCTP_PARTIAL_DELIVERY_POINT ||
		       iname == SCT_IPC_SCTP_GET_ASSOC_NUMBER ||
		       iname == SCT_IPC_SCTP_ADAPTATION_LAYER; /* struct sctp_setadaptation */
	return ilevel == SCT_IPC_SOL_IPV6;
}

/* ---------------------------------------------------------------- RFC 6458 8 structs */

/* struct sctp_paddrparams before spp_ipv6_flowlabel and spp_dscp: older binaries pass it */
#define SPP_OLD_LEN ((offsetof(struct sctp_paddrparams, spp_ipv6_flowlabel) + 3) & ~(size_t)3)

static const struct {
	uint32_t host, ipc;
} spp_flags[] = {
    {SPP_HB_ENABLE, SCT_IPC_SPP_HB_ENABLE},
    {SPP_HB_DISABLE, SCT_IPC_SPP_HB_DISABLE},
    {SPP_HB_DEMAND, SCT_IPC_SPP_HB_DEMAND},
    {SPP_PMTUD_ENABLE, SCT_IPC_SPP_PMTUD_ENABLE},
    {SPP_PMTUD_DISABLE, SCT_IPC_SPP_PMTUD_DISABLE},
    {SPP_SACKDELAY_ENABLE, SCT_IPC_SPP_SACKDELAY_ENABLE},
    {SPP_SACKDELAY_DISABLE, SCT_IPC_SPP_SACKDELAY_DISABLE},
    {SPP_HB_TIME_IS_ZERO, SCT_IPC_SPP_HB_TIME_IS_ZERO},
    {SPP_IPV6_FLOWLABEL, SCT_IPC_SPP_IPV6_FLOWLABEL},
    {SPP_DSCP, SCT_IPC_SPP_DSCP},
};

static uint32_t flags_conv(uint32_t f, bool to_ipc)
{
	uint32_t out = 0;
	size_t i;

	for (i = 0; i < sizeof(spp_flags) / sizeof(spp_flags[0]); i++)
		if (f & (to_ipc ? spp_flags[i].host : spp_flags[i].ipc))
			out |= to_ipc ? spp_flags[i].ipc : spp_flags[i].host;
	return out;
}

/*
 * A peer address in an option: 24 bytes, all zero for "none" (an unspecified
 * family or a wildcard address, as RFC 6458 8.1.12 spp_address allows).
 */
static int put_addr(uint8_t *out, const void *addr)
{
	static const uint8_t zero[16];
	struct sockaddr_storage ss;
	struct sct_ipc_addr a;
	int err;

	memcpy(&ss, addr, sizeof(ss)); /* it sits packed inside the option's struct */
	memset(out, 0, 24);
	if (ss.ss_family == AF_UNSPEC)
		return 0;
	err = shim_addr_from_sockaddr((const struct sockaddr *)&ss, sizeof(ss), &a);
	if (err)
		return -EINVAL;
	if (memcmp(a.addr, zero, 16) == 0)
		return 0;
	sct_ipc_put_u16(out, a.family);
	sct_ipc_put_u16(out + 2, a.port);
	sct_ipc_put_u32(out + 4, a.scope);
	memcpy(out + 8, a.addr, 16);
	return 0;
}

static void get_addr(const uint8_t *in, struct sockaddr_storage *ss)
{
	struct sct_ipc_addr a;

	memset(ss, 0, sizeof(*ss));
	a.family = sct_ipc_get_u16(in);
	a.port = sct_ipc_get_u16(in + 2);
	a.scope = sct_ipc_get_u32(in + 4);
	memcpy(a.addr, in + 8, 16);
	if (a.family)
		shim_addr_to_sockaddr(&a, a.family == SCT_IPC_AF_INET6 ? AF_INET6 : AF_INET, ss);
}

/* struct sctp_assoc_value, or the deprecated int when @int_ok (assoc id 0). */
static int enc_assoc_value(const void *val, socklen_t len, bool int_ok, uint8_t *out)
{
	struct sctp_assoc_value av;
	int x;

	if (int_ok && len == sizeof(int)) {
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
}

static int enc_spp(const void *val, socklen_t len, uint8_t *out)
{
	struct sctp_paddrparams p;

	/* Linux takes the full struct or the one before spp_ipv6_flowlabel, nothing else */
	if (len != sizeof(p) && len != SPP_OLD_LEN)
		return -EINVAL;
	memset(&p, 0, sizeof(p));
	memcpy(&p, val, len);
	if (len == SPP_OLD_LEN && (p.spp_flags & (SPP_IPV6_FLOWLABEL | SPP_DSCP)))
		return -EINVAL;
	sct_ipc_put_u32(out, (uint32_t)p.spp_assoc_id);
	if (put_addr(out + 4, (const uint8_t *)&p + offsetof(struct sctp_paddrparams, spp_address)))
		return -EINVAL;
	sct_ipc_put_u32(out + 28, p.spp_hbinterval);
	sct_ipc_put_u16(out + 32, p.spp_pathmaxrxt);
	sct_ipc_put_u32(out + 34, p.spp_pathmtu);
	sct_ipc_put_u32(out + 38, p.spp_sackdelay);
	sct_ipc_put_u32(out + 42, flags_conv(p.spp_flags, true));
	sct_ipc_put_u32(out + 46, p.spp_ipv6_flowlabel);
	out[50] = p.spp_dscp;
	return 51;
}

/*
 * RFC 7829 7.2 struct sctp_paddrthlds, or Linux's _v2 with spt_pathcpthld (V1: 0xffff,
 * no Primary Path Switchover).  V1 is a prefix of V2.
 */
static int enc_thlds(uint16_t iname, const void *val, socklen_t len, uint8_t *out)
{
	struct sctp_paddrthlds_v2 t;
	size_t n = iname == SCT_IPC_SCTP_PEER_ADDR_THLDS_V2 ? sizeof(struct sctp_paddrthlds_v2)
							    : sizeof(struct sctp_paddrthlds);

	if (len < n)
		return -EINVAL;
	memset(&t, 0, sizeof(t));
	memcpy(&t, val, n);
	if (iname == SCT_IPC_SCTP_PEER_ADDR_THLDS)
		t.spt_pathcpthld = 0xffff;
	sct_ipc_put_u32(out, (uint32_t)t.spt_assoc_id);
	if (put_addr(out + 4,
		     (const uint8_t *)&t + offsetof(struct sctp_paddrthlds_v2, spt_address)))
		return -EINVAL;
	sct_ipc_put_u16(out + 28, t.spt_pathmaxrxt);
	sct_ipc_put_u16(out + 30, t.spt_pathpfthld);
	sct_ipc_put_u16(out + 32, t.spt_pathcpthld);
	return 34;
}

static int give(void *val, socklen_t *len, const void *src, size_t n);

static int dec_thlds(uint16_t iname, const uint8_t *in, size_t inlen, void *val, socklen_t *len)
{
	struct sctp_paddrthlds_v2 t;
	size_t n = iname == SCT_IPC_SCTP_PEER_ADDR_THLDS_V2 ? sizeof(struct sctp_paddrthlds_v2)
							    : sizeof(struct sctp_paddrthlds);

	if (inlen != 34)
		return -EPROTO;
	if (*len < n)
		return -EINVAL;
	memset(&t, 0, sizeof(t));
	memcpy(&t, val, n); /* the caller's address stays as it asked */
	t.spt_assoc_id = (sctp_assoc_t)sct_ipc_get_u32(in);
	t.spt_pathmaxrxt = sct_ipc_get_u16(in + 28);
	t.spt_pathpfthld = sct_ipc_get_u16(in + 30);
	t.spt_pathcpthld = sct_ipc_get_u16(in + 32);
	return give(val, len, &t, n);
}

/* RFC 6458 send flags a default may hold (Linux's check), as record flags. */
static int snd_flags(uint32_t f, uint8_t *out)
{
	if (f & ~(uint32_t)(SCTP_UNORDERED | SCTP_ADDR_OVER | SCTP_ABORT | SCTP_EOF))
		return -EINVAL;
	sct_ipc_put_u16(out, (uint16_t)((f & SCTP_UNORDERED ? SCT_IPC_F_UNORDERED : 0) |
					(f & SCTP_ADDR_OVER ? SCT_IPC_F_ADDR_OVER : 0) |
					(f & SCTP_ABORT ? SCT_IPC_F_ABORT : 0) |
					(f & SCTP_EOF ? SCT_IPC_F_EOF : 0)));
	return 0;
}

static uint16_t host_snd_flags(uint16_t f)
{
	return (uint16_t)((f & SCT_IPC_F_UNORDERED ? SCTP_UNORDERED : 0) |
			  (f & SCT_IPC_F_ADDR_OVER ? SCTP_ADDR_OVER : 0) |
			  (f & SCT_IPC_F_ABORT ? SCTP_ABORT : 0) |
			  (f & SCT_IPC_F_EOF ? SCTP_EOF : 0));
}

/*
 * SCTP_DEFAULT_SEND_PARAM (struct sctp_sndrcvinfo) and SCTP_DEFAULT_SNDINFO
 * (struct sctp_sndinfo) share one layout: assoc id, sid, flags, ppid,
 * context, time to live (usock_opt.c).
 */
static int enc_sndinfo(uint16_t iname, const void *val, socklen_t len, uint8_t *out)
{
	struct sctp_sndrcvinfo sr;
	struct sctp_sndinfo si;

	if (iname == SCT_IPC_SCTP_DEFAULT_SEND_PARAM) {
		if (len != sizeof(sr))
			return -EINVAL;
		memcpy(&sr, val, sizeof(sr));
		si.snd_assoc_id = sr.sinfo_assoc_id;
		si.snd_sid = sr.sinfo_stream;
		si.snd_flags = sr.sinfo_flags;
		si.snd_ppid = sr.sinfo_ppid;
		si.snd_context = sr.sinfo_context;
	} else {
		if (len != sizeof(si))
			return -EINVAL;
		memcpy(&si, val, sizeof(si));
		sr.sinfo_timetolive = 0;
	}
	sct_ipc_put_u32(out, (uint32_t)si.snd_assoc_id);
	sct_ipc_put_u16(out + 4, si.snd_sid);
	if (snd_flags(si.snd_flags, out + 6))
		return -EINVAL;
	sct_ipc_put_u32(out + 8, si.snd_ppid);
	sct_ipc_put_u32(out + 12, si.snd_context);
	sct_ipc_put_u32(out + 16, sr.sinfo_timetolive);
	return 20;
}

static int dec_sndinfo(uint16_t iname, const uint8_t *in, size_t inlen, void *val, socklen_t *len)
{
	struct sctp_sndrcvinfo sr;
	struct sctp_sndinfo si;

	if (inlen != 20)
		return -EPROTO;
	if (iname == SCT_IPC_SCTP_DEFAULT_SEND_PARAM) {
		if (*len < sizeof(sr))
			return -EINVAL;
		memset(&sr, 0, sizeof(sr));
		sr.sinfo_assoc_id = (sctp_assoc_t)sct_ipc_get_u32(in);
		sr.sinfo_stream = sct_ipc_get_u16(in + 4);
		sr.sinfo_flags = host_snd_flags(sct_ipc_get_u16(in + 6));
		sr.sinfo_ppid = sct_ipc_get_u32(in + 8);
		sr.sinfo_context = sct_ipc_get_u32(in + 12);
		sr.sinfo_timetolive = sct_ipc_get_u32(in + 16);
		return give(val, len, &sr, sizeof(sr));
	}
	if (*len < sizeof(si))
		return -EINVAL;
	memset(&si, 0, sizeof(si));
	si.snd_assoc_id = (sctp_assoc_t)sct_ipc_get_u32(in);
	si.snd_sid = sct_ipc_get_u16(in + 4);
	si.snd_flags = host_snd_flags(sct_ipc_get_u16(in + 6));
	si.snd_ppid = sct_ipc_get_u32(in + 8);
	si.snd_context = sct_ipc_get_u32(in + 12);
	return give(val, len, &si, sizeof(si));
}

/* SOL_SCTP values other than int options. */
static int enc_sctp(uint16_t iname, const void *val, socklen_t len, uint8_t *out, size_t cap)
{
	struct sctp_initmsg im;
	struct sctp_rtoinfo rt;
	struct sctp_assocparams ap;
	struct sctp_sack_info si;
	struct sctp_prim pr;

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
	case SCT_IPC_SCTP_MAX_BURST:
		/* an int means the value for assoc_id 0 (the deprecated form iperf3 uses) */
		return enc_assoc_value(val, len, true, out);
	case SCT_IPC_SCTP_CONTEXT:
	case SCT_IPC_SCTP_EXPOSE_PF_STATE:
		return len == sizeof(struct sctp_assoc_value)
			   ? enc_assoc_value(val, len, false, out)
			   : -EINVAL;
	case SCT_IPC_SCTP_PEER_ADDR_THLDS:
	case SCT_IPC_SCTP_PEER_ADDR_THLDS_V2:
		return enc_thlds(iname, val, len, out);
	case SCT_IPC_SCTP_RTOINFO:
		if (len != sizeof(rt))
			return -EINVAL;
		memcpy(&rt, val, sizeof(rt));
		sct_ipc_put_u32(out, (uint32_t)rt.srto_assoc_id);
		sct_ipc_put_u32(out + 4, rt.srto_initial);
		sct_ipc_put_u32(out + 8, rt.srto_max);
		sct_ipc_put_u32(out + 12, rt.srto_min);
		return 16;
	case SCT_IPC_SCTP_ASSOCINFO:
		if (len != sizeof(ap))
			return -EINVAL;
		memcpy(&ap, val, sizeof(ap));
		sct_ipc_put_u32(out, (uint32_t)ap.sasoc_assoc_id);
		sct_ipc_put_u16(out + 4, ap.sasoc_asocmaxrxt);
		sct_ipc_put_u16(out + 6, ap.sasoc_number_peer_destinations);
		sct_ipc_put_u32(out + 8, ap.sasoc_peer_rwnd);
		sct_ipc_put_u32(out + 12, ap.sasoc_local_rwnd);
		sct_ipc_put_u32(out + 16, ap.sasoc_cookie_life);
		return 20;
	case SCT_IPC_SCTP_PEER_ADDR_PARAMS:
		return enc_spp(val, len, out);
	case SCT_IPC_SCTP_DEFAULT_SEND_PARAM:
	case SCT_IPC_SCTP_DEFAULT_SNDINFO:
		return enc_sndinfo(iname, val, len, out);
	case SCT_IPC_SCTP_DELAYED_SACK:
		if (len == sizeof(struct sctp_assoc_value)) {
			/* the old form: a delay, 0 meaning no delayed SACK (frequency 1) */
			struct sctp_assoc_value av;

			memcpy(&av, val, sizeof(av));
			si.sack_assoc_id = av.assoc_id;
			si.sack_delay = av.assoc_value;
			si.sack_freq = av.assoc_value ? 0 : 1;
		} else if (len == sizeof(si)) {
			memcpy(&si, val, sizeof(si));
		} else {
			return -EINVAL;
		}
		sct_ipc_put_u32(out, (uint32_t)si.sack_assoc_id);
		sct_ipc_put_u32(out + 4, si.sack_delay);
		sct_ipc_put_u32(out + 8, si.sack_freq);
		return 12;
	case SCT_IPC_SCTP_PRIMARY_ADDR:
		if (len != sizeof(pr))
			return -EINVAL;
		memcpy(&pr, val, sizeof(pr));
		sct_ipc_put_u32(out, (uint32_t)pr.ssp_assoc_id);
		return put_addr(out + 4,
				(const uint8_t *)&pr + offsetof(struct sctp_prim, ssp_addr))
			   ? -EINVAL
			   : 28;
	default:
		/* read-only (GET_*): Linux's setsockopt() does not know them */
		return -ENOPROTOOPT;
	}
}

int shim_opt_encode(uint16_t ilevel, uint16_t iname, const void *val, socklen_t len, uint8_t *out,
		    size_t cap)
{
	struct linger lg;
	int x;

	if (!val || cap < 64 || (int)len < 0)
		return -EINVAL;
	if (is_int_opt(ilevel, iname)) {
		if (ilevel == SCT_IPC_SOL_SCTP && iname == SCT_IPC_SCTP_GET_ASSOC_NUMBER)
			return -ENOPROTOOPT;
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
	return enc_sctp(iname, val, len, out, cap);
}

/* The room of an SCTP_GET_ASSOC_ID_LIST buffer, in ids. */
static size_t id_room(socklen_t len)
{
	size_t hdr = sizeof(struct sctp_assoc_ids);

	return len > hdr ? (len - hdr) / sizeof(sctp_assoc_t) : 0;
}

int shim_opt_get_arg(uint16_t ilevel, uint16_t iname, const void *val, socklen_t len, uint8_t *out,
		     size_t cap)
{
	struct sctp_paddrinfo pi;
	sctp_assoc_t id;

	if (ilevel != SCT_IPC_SOL_SCTP)
		return 0;
	if (!val || cap < 28 + 24)
		return -EINVAL;
	switch (iname) {
	case SCT_IPC_SCTP_MAXSEG:
	case SCT_IPC_SCTP_MAX_BURST:
		if (len == sizeof(int))
			return 0; /* the deprecated form: the socket's (assoc id 0) */
				  /* fall through */
	case SCT_IPC_SCTP_RTOINFO:
	case SCT_IPC_SCTP_ASSOCINFO:
	case SCT_IPC_SCTP_DELAYED_SACK:
	case SCT_IPC_SCTP_CONTEXT:
	case SCT_IPC_SCTP_GET_ASSOC_STATS:
	case SCT_IPC_SCTP_EXPOSE_PF_STATE:
		/* each of these structs starts with the association id */
		if (len < sizeof(id))
			return -EINVAL;
		memcpy(&id, val, sizeof(id));
		sct_ipc_put_u32(out, (uint32_t)id);
		return 4;
	case SCT_IPC_SCTP_PEER_ADDR_PARAMS:
	case SCT_IPC_SCTP_GET_PEER_ADDR_INFO:
		/* assoc id and address sit at the same place in both structs */
		if (len < SPP_OLD_LEN)
			return -EINVAL;
		memcpy(&pi, val, sizeof(pi.spinfo_assoc_id) + sizeof(pi.spinfo_address));
		sct_ipc_put_u32(out, (uint32_t)pi.spinfo_assoc_id);
		return put_addr(out + 4, (const uint8_t *)&pi +
					     offsetof(struct sctp_paddrinfo, spinfo_address))
			   ? -EINVAL
			   : 28;
	case SCT_IPC_SCTP_GET_ASSOC_ID_LIST:
		sct_ipc_put_u32(out, (uint32_t)id_room(len));
		return 4;
	case SCT_IPC_SCTP_PEER_ADDR_THLDS:
	case SCT_IPC_SCTP_PEER_ADDR_THLDS_V2: {
		struct sctp_paddrthlds t;

		if (len < sizeof(t))
			return -EINVAL;
		memcpy(&t, val, sizeof(t));
		sct_ipc_put_u32(out, (uint32_t)t.spt_assoc_id);
		return put_addr(out + 4,
				(const uint8_t *)&t + offsetof(struct sctp_paddrthlds, spt_address))
			   ? -EINVAL
			   : 28;
	}
	case SCT_IPC_SCTP_DEFAULT_SEND_PARAM: {
		struct sctp_sndrcvinfo sr;

		if (len < sizeof(sr))
			return -EINVAL;
		memcpy(&sr, val, sizeof(sr));
		sct_ipc_put_u32(out, (uint32_t)sr.sinfo_assoc_id);
		return 4;
	}
	case SCT_IPC_SCTP_DEFAULT_SNDINFO: {
		struct sctp_sndinfo si;

		if (len < sizeof(si))
			return -EINVAL;
		memcpy(&si, val, sizeof(si));
		sct_ipc_put_u32(out, (uint32_t)si.snd_assoc_id);
		return 4;
	}
	default:
		return 0;
	}
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

static uint64_t get_u64(const uint8_t *p)
{
	return sct_ipc_get_u32(p) | (uint64_t)sct_ipc_get_u32(p + 4) << 32;
}

/* Copy @n bytes of @src into @val and say so in *@len. */
static int give(void *val, socklen_t *len, const void *src, size_t n)
{
	memcpy(val, src, n);
	*len = (socklen_t)n;
	return 0;
}

static int dec_assoc_value(const uint8_t *in, size_t inlen, bool int_ok, void *val, socklen_t *len)
{
	struct sctp_assoc_value av;
	int x;

	if (inlen != 8)
		return -EPROTO;
	if (int_ok && *len == sizeof(int)) {
		x = (int)sct_ipc_get_u32(in + 4);
		return give(val, len, &x, sizeof(x));
	}
	if (*len < sizeof(av))
		return -EINVAL;
	av.assoc_id = (sctp_assoc_t)sct_ipc_get_u32(in);
	av.assoc_value = sct_ipc_get_u32(in + 4);
	return give(val, len, &av, sizeof(av));
}

static int dec_spp(const uint8_t *in, size_t inlen, void *val, socklen_t *len)
{
	struct sctp_paddrparams p;
	size_t n = *len >= sizeof(p) ? sizeof(p) : SPP_OLD_LEN;

	if (inlen != 51)
		return -EPROTO;
	if (*len < SPP_OLD_LEN)
		return -EINVAL;
	memset(&p, 0, sizeof(p));
	memcpy(&p, val, n); /* the caller's address stays as it asked */
	p.spp_assoc_id = (sctp_assoc_t)sct_ipc_get_u32(in);
	p.spp_hbinterval = sct_ipc_get_u32(in + 28);
	p.spp_pathmaxrxt = sct_ipc_get_u16(in + 32);
	p.spp_pathmtu = sct_ipc_get_u32(in + 34);
	p.spp_sackdelay = sct_ipc_get_u32(in + 38);
	p.spp_flags = flags_conv(sct_ipc_get_u32(in + 42), false);
	p.spp_ipv6_flowlabel = sct_ipc_get_u32(in + 46);
	p.spp_dscp = in[50];
	return give(val, len, &p, n);
}

int shim_path_state(uint32_t st)
{
	static const int32_t state[] = {SCTP_INACTIVE, SCTP_PF, SCTP_ACTIVE, SCTP_UNCONFIRMED};

	return st < 4 ? state[st] : SCTP_UNKNOWN;
}

static int dec_paddrinfo(const uint8_t *in, size_t inlen, void *val, socklen_t *len)
{
	struct sctp_paddrinfo pi;

	if (inlen != 48)
		return -EPROTO;
	if (*len < sizeof(pi))
		return -EINVAL;
	memcpy(&pi, val, sizeof(pi));
	pi.spinfo_assoc_id = (sctp_assoc_t)sct_ipc_get_u32(in);
	pi.spinfo_state = shim_path_state(sct_ipc_get_u32(in + 28));
	pi.spinfo_cwnd = sct_ipc_get_u32(in + 32);
	pi.spinfo_srtt = sct_ipc_get_u32(in + 36);
	pi.spinfo_rto = sct_ipc_get_u32(in + 40);
	pi.spinfo_mtu = sct_ipc_get_u32(in + 44);
	return give(val, len, &pi, sizeof(pi));
}

static int dec_stats(const uint8_t *in, size_t inlen, void *val, socklen_t *len)
{
	struct sctp_assoc_stats st;
	struct sockaddr_storage ss;
	uint64_t v;
	size_t i;

	if (inlen != 148)
		return -EPROTO;
	if (*len < sizeof(sctp_assoc_t))
		return -EINVAL;
	memset(&st, 0, sizeof(st));
	st.sas_assoc_id = (sctp_assoc_t)sct_ipc_get_u32(in);
	get_addr(in + 4, &ss);
	memcpy(&st.sas_obs_rto_ipaddr, &ss, sizeof(ss));
	/* sas_maxrto .. sas_ictrlchunks: fifteen u64 in the struct's order */
	for (i = 0; i < 15; i++) {
		v = get_u64(in + 28 + 8 * i);
		memcpy((uint8_t *)&st + offsetof(struct sctp_assoc_stats, sas_maxrto) + 8 * i, &v,
		       sizeof(v));
	}
	/* Linux copies as much as the caller has room for */
	return give(val, len, &st, *len < sizeof(st) ? *len : sizeof(st));
}

static int dec_id_list(const uint8_t *in, size_t inlen, void *val, socklen_t *len)
{
	struct sctp_assoc_ids ids;
	uint32_t n, i;
	sctp_assoc_t id;

	if (inlen < 4)
		return -EPROTO;
	n = sct_ipc_get_u32(in);
	if (inlen != 4 + (size_t)n * 4)
		return -EPROTO;
	if (n > id_room(*len) || *len < sizeof(ids))
		return -EINVAL;
	ids.gaids_number_of_ids = n;
	memcpy(val, &ids, sizeof(ids));
	for (i = 0; i < n; i++) {
		id = (sctp_assoc_t)sct_ipc_get_u32(in + 4 + 4 * i);
		memcpy((uint8_t *)val + sizeof(ids) + i * sizeof(id), &id, sizeof(id));
	}
	*len = (socklen_t)(sizeof(ids) + n * sizeof(id));
	return 0;
}

static int dec_sctp(uint16_t iname, const uint8_t *in, size_t inlen, void *val, socklen_t *len)
{
	struct sctp_initmsg im;
	struct sctp_rtoinfo rt;
	struct sctp_assocparams ap;
	struct sctp_sack_info si;
	size_t n;

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
		return give(val, len, &im, sizeof(im));
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
	case SCT_IPC_SCTP_MAX_BURST:
		return dec_assoc_value(in, inlen, true, val, len);
	case SCT_IPC_SCTP_CONTEXT:
	case SCT_IPC_SCTP_EXPOSE_PF_STATE:
		return dec_assoc_value(in, inlen, false, val, len);
	case SCT_IPC_SCTP_PEER_ADDR_THLDS:
	case SCT_IPC_SCTP_PEER_ADDR_THLDS_V2:
		return dec_thlds(iname, in, inlen, val, len);
	case SCT_IPC_SCTP_RTOINFO:
		if (inlen != 16)
			return -EPROTO;
		if (*len < sizeof(rt))
			return -EINVAL;
		rt.srto_assoc_id = (sctp_assoc_t)sct_ipc_get_u32(in);
		rt.srto_initial = sct_ipc_get_u32(in + 4);
		rt.srto_max = sct_ipc_get_u32(in + 8);
		rt.srto_min = sct_ipc_get_u32(in + 12);
		return give(val, len, &rt, sizeof(rt));
	case SCT_IPC_SCTP_ASSOCINFO:
		if (inlen != 20)
			return -EPROTO;
		if (*len < sizeof(ap))
			return -EINVAL;
		ap.sasoc_assoc_id = (sctp_assoc_t)sct_ipc_get_u32(in);
		ap.sasoc_asocmaxrxt = sct_ipc_get_u16(in + 4);
		ap.sasoc_number_peer_destinations = sct_ipc_get_u16(in + 6);
		ap.sasoc_peer_rwnd = sct_ipc_get_u32(in + 8);
		ap.sasoc_local_rwnd = sct_ipc_get_u32(in + 12);
		ap.sasoc_cookie_life = sct_ipc_get_u32(in + 16);
		return give(val, len, &ap, sizeof(ap));
	case SCT_IPC_SCTP_PEER_ADDR_PARAMS:
		return dec_spp(in, inlen, val, len);
	case SCT_IPC_SCTP_GET_PEER_ADDR_INFO:
		return dec_paddrinfo(in, inlen, val, len);
	case SCT_IPC_SCTP_DELAYED_SACK:
		if (inlen != 12)
			return -EPROTO;
		si.sack_assoc_id = (sctp_assoc_t)sct_ipc_get_u32(in);
		si.sack_delay = sct_ipc_get_u32(in + 4);
		si.sack_freq = sct_ipc_get_u32(in + 8);
		if (*len == sizeof(struct sctp_assoc_value)) {
			/* the old form: the delay, 0 when SACKs are not delayed */
			struct sctp_assoc_value av = {si.sack_assoc_id,
						      si.sack_freq == 1 ? 0 : si.sack_delay};

			return give(val, len, &av, sizeof(av));
		}
		if (*len < sizeof(si))
			return -EINVAL;
		return give(val, len, &si, sizeof(si));
	case SCT_IPC_SCTP_GET_ASSOC_STATS:
		return dec_stats(in, inlen, val, len);
	case SCT_IPC_SCTP_GET_ASSOC_ID_LIST:
		return dec_id_list(in, inlen, val, len);
	case SCT_IPC_SCTP_DEFAULT_SEND_PARAM:
	case SCT_IPC_SCTP_DEFAULT_SNDINFO:
		return dec_sndinfo(iname, in, inlen, val, len);
	default:
		return -EINVAL;
	}
}

int shim_opt_decode(uint16_t ilevel, uint16_t iname, const uint8_t *in, size_t inlen, void *val,
		    socklen_t *len)
{
	struct linger lg;
	int x;

	if (!val || !len || (int)*len < 0)
		return -EINVAL;
	if (is_int_opt(ilevel, iname)) {
		if (inlen != 4)
			return -EPROTO;
		if (*len < sizeof(int))
			return -EINVAL;
		x = host_int(ilevel, iname, sct_ipc_get_u32(in));
		return give(val, len, &x, sizeof(x));
	}
	if (ilevel == SCT_IPC_SOL_SOCKET) { /* SO_LINGER */
		if (inlen != 8)
			return -EPROTO;
		if (*len < sizeof(lg))
			return -EINVAL;
		lg.l_onoff = (int)sct_ipc_get_u32(in);
		lg.l_linger = (int)sct_ipc_get_u32(in + 4);
		return give(val, len, &lg, sizeof(lg));
	}
	return dec_sctp(iname, in, inlen, val, len);
}
