/* SPDX-License-Identifier: MIT */
/* usock_opt.c: socket options of application sockets (setsockopt/getsockopt over IPC). */
#include "config.h"

#include "daemon/usock_opt.h"

#include <errno.h>
#include <string.h>

#include "daemon/usock_impl.h"
#include "ipc/ipc_buf.h"

/*
 * Theory of operation
 *
 * Values travel in the IPC's own layout (ipc_ctl.h): each integer a
 * little-endian u32 (u64 counters: eight bytes), u16 and u8 fields their own
 * size, each address a 24-byte struct sct_ipc_addr (family 0: none), no
 * padding.  Option numbers are sctun's (enum sct_ipc_opt_*); the shim
 * translates the host's.  An option sctund does not implement is refused
 * with ENOPROTOOPT, never accepted and ignored: a program must be able to
 * tell.  The SOL_SCTP values, RFC 6458 section 8's structs field by field:
 *
 *   RTOINFO            u32 assoc, initial, max, min (ms)                    16
 *   ASSOCINFO          u32 assoc, u16 asocmaxrxt, u16 destinations,
 *                      u32 peer_rwnd, local_rwnd, cookie_life (ms)          20
 *   INITMSG            u16 ostreams, instreams, attempts, init_timeo          8
 *   PEER_ADDR_PARAMS   u32 assoc, addr, u32 hbinterval, u16 pathmaxrxt,
 *                      u32 pathmtu, sackdelay, flags (SCT_IPC_SPP_*),
 *                      u32 flowlabel, u8 dscp                               51
 *   GET_PEER_ADDR_INFO u32 assoc, addr, u32 state (SCT_IPC_PATH_*), cwnd,
 *                      srtt, rto (ms), mtu; asked with assoc, addr      48 (28)
 *   DELAYED_SACK       u32 assoc, delay (ms), freq                          12
 *   MAXSEG, MAX_BURST, CONTEXT   u32 assoc, value                            8
 *   PRIMARY_ADDR       u32 assoc, addr                                      28
 *   PEER_ADDR_THLDS(_V2) u32 assoc, addr, u16 pathmaxrxt, pathpfthld,
 *                      pathcpthld (0xffff from V1); asked with assoc, addr 34 (28)
 *   EXPOSE_PF_STATE    u32 assoc, value (RFC 7829 7.3)                       8
 *   GET_ASSOC_STATS    u32 assoc, addr (where the max RTO was seen), then
 *                      u64 maxrto, isacks, osacks, opackets, ipackets,
 *                      rtxchunks, outofseqtsns, idupchunks, gapcnt,
 *                      ouodchunks, iuodchunks, oodchunks, iodchunks,
 *                      octrlchunks, ictrlchunks; asked with assoc        148 (4)
 *   GET_ASSOC_ID_LIST  u32 count, u32 ids...; asked with the room (ids)
 *   the others         one u32 (ADAPTATION_LAYER: struct sctp_setadaptation)
 *
 * Which association an option means follows RFC 6458 7.2 and Linux: on a
 * one-to-one socket the socket's association once it has one (whatever id
 * was given), the endpoint before; on a one-to-many socket SCTP_FUTURE_ASSOC
 * (0) means the endpoint (what future associations start with),
 * SCTP_CURRENT_ASSOC (1) every current association and SCTP_ALL_ASSOC (2)
 * both, where Linux takes them, and any other id must be one of the
 * socket's associations (else EINVAL).
 */

#define FUTURE_ASSOC  0
#define CURRENT_ASSOC 1
#define ALL_ASSOC     2

#define ADDR_LEN 24 /* struct sct_ipc_addr in a value */

/* RFC 9260 6.2: the delayed SACK timer is at most 500 ms (sack_timeout's bound too). */
#define SACK_DELAY_MAX 500

/* ---------------------------------------------------------------- value helpers */

/* An int option: exactly 4 bytes. */
static int int_val(const uint8_t *v, size_t len, uint32_t *out)
{
	if (len != 4)
		return -EINVAL;
	*out = sct_ipc_get_u32(v);
	return 0;
}

static void put_u64(uint8_t *p, uint64_t v)
{
	sct_ipc_put_u32(p, (uint32_t)v);
	sct_ipc_put_u32(p + 4, (uint32_t)(v >> 32));
}

static void get_addr(const uint8_t *p, struct sct_ipc_addr *a)
{
	a->family = sct_ipc_get_u16(p);
	a->port = sct_ipc_get_u16(p + 2);
	a->scope = sct_ipc_get_u32(p + 4);
	memcpy(a->addr, p + 8, 16);
}

static void put_addr(uint8_t *p, const struct sct_addr *a, uint16_t port)
{
	struct sct_ipc_addr ia;

	memset(p, 0, ADDR_LEN);
	if (!a || a->af == SCT_AF_NONE)
		return;
	usock_addr_to_ipc(&ia, a, port);
	sct_ipc_put_u16(p, ia.family);
	sct_ipc_put_u16(p + 2, ia.port);
	sct_ipc_put_u32(p + 4, ia.scope);
	memcpy(p + 8, ia.addr, 16);
}

/* ---------------------------------------------------------------- which association */

/* The association of a one-to-one socket while it has one the core knows. */
static sct_assoc_id own_assoc(struct usock *us)
{
	struct sct_params p;

	if (usock_one_to_many(us) || !us->assoc)
		return 0;
	if (us->state != USOCK_CONNECTING && us->state != USOCK_CONNECTED)
		return 0;
	return sct_assoc_params(us->srv->stack, us->assoc, &p) == 0 ? us->assoc : 0;
}

/* What an option's assoc id names (see the top of the file). */
struct target {
	bool ep;	 /* the endpoint's values for future associations */
	bool current;	 /* every current association */
	sct_assoc_id id; /* one association */
};

static int target(struct usock *us, uint32_t id, bool multi, struct target *t)
{
	memset(t, 0, sizeof(*t));
	if (!usock_one_to_many(us)) {
		t->id = own_assoc(us);
		t->ep = t->id == 0;
		return 0;
	}
	if (id == FUTURE_ASSOC) {
		t->ep = true;
		return 0;
	}
	if (multi && (id == CURRENT_ASSOC || id == ALL_ASSOC)) {
		t->current = true;
		t->ep = id == ALL_ASSOC;
		return 0;
	}
	t->id = usock_assoc_for(us, id);
	return t->id ? 0 : -EINVAL;
}

void usock_ep_params(struct usock *us, struct sct_params *p)
{
	if (us->ep && !us->parent)
		sct_ep_params(us->ep, p);
	else if (us->tune.set)
		*p = us->tune.par;
	else
		sct_params_defaults(us->srv->stack, p);
}

static int ep_set_params(struct usock *us, const struct sct_params *p)
{
	int err = sct_params_check(p);

	if (err)
		return err;
	/* an accepted socket's endpoint is its listener's: keep the values for itself */
	if (us->ep && !us->parent)
		sct_ep_set_params(us->ep, p);
	us->tune.par = *p;
	us->tune.set = true;
	return 0;
}

/* One change to a struct sct_params, applied to each target in turn. */
typedef int (*edit_fn)(struct sct_params *p, const void *arg);

static int edit_assoc(struct usock *us, sct_assoc_id id, edit_fn f, const void *arg, sct_time_t now)
{
	struct sct_params p;
	int err;

	if (sct_assoc_params(us->srv->stack, id, &p))
		return -EINVAL;
	err = f(&p, arg);
	if (!err)
		err = sct_assoc_set_params(us->srv->stack, id, &p, now);
	return err == -ENOENT ? -EINVAL : err;
}

static int apply(struct usock *us, const struct target *t, edit_fn f, const void *arg,
		 sct_time_t now)
{
	struct sct_params p;
	struct uassoc *ua;
	int err = 0;

	if (t->ep) {
		usock_ep_params(us, &p);
		err = f(&p, arg);
		if (!err)
			err = ep_set_params(us, &p);
	}
	if (!err && t->id)
		err = edit_assoc(us, t->id, f, arg, now);
	for (ua = us->assocs; !err && t->current && ua; ua = ua->next)
		if (!ua->ended)
			err = edit_assoc(us, ua->id, f, arg, now);
	return err == -ERANGE ? -EINVAL : err; /* out of the settings' bounds */
}

/* The values a get reads: the association's or the endpoint's. */
static int read_params(struct usock *us, const struct target *t, struct sct_params *p)
{
	if (t->id)
		return sct_assoc_params(us->srv->stack, t->id, p) ? -EINVAL : 0;
	usock_ep_params(us, p);
	return 0;
}

/* ---------------------------------------------------------------- SOL_SOCKET */

static int edit_sndbuf(struct sct_params *p, const void *arg)
{
	p->set.sndbuf = *(const uint32_t *)arg;
	return 0;
}

static int edit_rcvbuf(struct sct_params *p, const void *arg)
{
	p->set.rcvbuf = *(const uint32_t *)arg;
	return 0;
}

/* Linux doubles what SO_SNDBUF/SO_RCVBUF set; the setting's bounds (settings.h) clamp it. */
static uint32_t buf_size(const char *setting, uint32_t x)
{
	size_t n, i;
	const struct sct_setting_info *t = sct_settings_table(&n);
	uint64_t v = (uint64_t)x * 2;

	for (i = 0; i < n; i++)
		if (strcmp(t[i].name, setting) == 0)
			return v < t[i].min ? t[i].min : v > t[i].max ? t[i].max : (uint32_t)v;
	return (uint32_t)v;
}

static int set_socket(struct usock *us, uint16_t name, const uint8_t *v, size_t len, sct_time_t now)
{
	struct target t;
	uint32_t x;

	if (name == SCT_IPC_SO_LINGER) {
		if (len != 8)
			return -EINVAL;
		us->linger_on = sct_ipc_get_u32(v) != 0;
		us->linger_s = sct_ipc_get_u32(v + 4);
		return 0;
	}
	if (int_val(v, len, &x))
		return -EINVAL;
	switch (name) {
	case SCT_IPC_SO_REUSEADDR:
		us->reuseaddr = x != 0;
		return 0;
	case SCT_IPC_SO_REUSEPORT:
		us->reuseport = x != 0;
		return 0;
	case SCT_IPC_SO_SNDBUF:
	case SCT_IPC_SO_RCVBUF:
		/* the socket's buffers are its associations' (and future ones') */
		if (name == SCT_IPC_SO_SNDBUF)
			us->sndbuf = x;
		else
			us->rcvbuf = x;
		x = buf_size(name == SCT_IPC_SO_SNDBUF ? "sndbuf" : "rcvbuf", x);
		target(us, ALL_ASSOC, true, &t);
		return apply(us, &t, name == SCT_IPC_SO_SNDBUF ? edit_sndbuf : edit_rcvbuf, &x,
			     now);
	default:
		return -ENOPROTOOPT; /* read-only ones included, as Linux */
	}
}

/* ---------------------------------------------------------------- SOL_SCTP: set */

/* RFC 6458 8.1.1 SCTP_RTOINFO: a zero leaves that value alone. */
static int edit_rtoinfo(struct sct_params *p, const void *arg)
{
	const uint8_t *v = arg;

	if (sct_ipc_get_u32(v + 4))
		p->set.rto_initial = sct_ipc_get_u32(v + 4);
	if (sct_ipc_get_u32(v + 8))
		p->set.rto_max = sct_ipc_get_u32(v + 8);
	if (sct_ipc_get_u32(v + 12))
		p->set.rto_min = sct_ipc_get_u32(v + 12);
	return sct_settings_check(&p->set) ? -EINVAL : 0;
}

/* RFC 6458 8.1.2 SCTP_ASSOCINFO: Association.Max.Retrans and the cookie's lifetime. */
static int edit_associnfo(struct sct_params *p, const void *arg)
{
	const uint8_t *v = arg;

	if (sct_ipc_get_u16(v + 4))
		p->set.association_max_retrans = sct_ipc_get_u16(v + 4);
	if (sct_ipc_get_u32(v + 16))
		p->set.valid_cookie_life = sct_ipc_get_u32(v + 16);
	return sct_settings_check(&p->set) ? -EINVAL : 0;
}

/*
 * Linux: with several paths, Association.Max.Retrans may not exceed the sum
 * of their Path.Max.Retrans (RFC 9260 8.2, note: otherwise every path may be
 * inactive while the peer still counts as reachable).
 */
static bool maxrxt_fits(struct usock *us, sct_assoc_id id, uint32_t maxrxt)
{
	struct sct_addr paths[SCT_IPC_MAX_ADDRS];
	struct sct_path_params pp;
	uint32_t sum = 0;
	int i, n = sct_assoc_paddrs(us->srv->stack, id, paths, SCT_IPC_MAX_ADDRS);

	if (!maxrxt || n <= 1)
		return true;
	for (i = 0; i < n && i < SCT_IPC_MAX_ADDRS; i++)
		if (sct_assoc_path_params(us->srv->stack, id, &paths[i], &pp) == 0)
			sum += pp.path_max_retrans;
	return maxrxt <= sum;
}

/* SCTP_PEER_ADDR_PARAMS, decoded. */
struct spp {
	uint32_t assoc;
	struct sct_ipc_addr addr;
	uint32_t hbinterval, pathmaxrxt, pathmtu, sackdelay, flags;
};

static int spp_decode(const uint8_t *v, size_t len, struct spp *s)
{
	if (len != 51)
		return -EINVAL;
	s->assoc = sct_ipc_get_u32(v);
	get_addr(v + 4, &s->addr);
	s->hbinterval = sct_ipc_get_u32(v + 28);
	s->pathmaxrxt = sct_ipc_get_u16(v + 32);
	s->pathmtu = sct_ipc_get_u32(v + 34);
	s->sackdelay = sct_ipc_get_u32(v + 38);
	s->flags = sct_ipc_get_u32(v + 42);
	/* RFC 6458 8.1.12: enable and disable of one thing at once is an error */
	if ((s->flags & SCT_IPC_SPP_HB_ENABLE) && (s->flags & SCT_IPC_SPP_HB_DISABLE))
		return -EINVAL;
	if ((s->flags & SCT_IPC_SPP_PMTUD_ENABLE) && (s->flags & SCT_IPC_SPP_PMTUD_DISABLE))
		return -EINVAL;
	if ((s->flags & SCT_IPC_SPP_SACKDELAY_ENABLE) && (s->flags & SCT_IPC_SPP_SACKDELAY_DISABLE))
		return -EINVAL;
	if (s->sackdelay > SACK_DELAY_MAX)
		return -EINVAL;
	/* sctund chooses no flow label or DSCP per socket: refuse rather than ignore */
	if (s->flags & (SCT_IPC_SPP_IPV6_FLOWLABEL | SCT_IPC_SPP_DSCP))
		return -EINVAL;
	return 0;
}

/* What SCTP_PEER_ADDR_PARAMS changes in the per-path values (zero: unchanged). */
static void spp_path(const struct spp *s, struct sct_path_params *pp)
{
	/* RFC 6458 8.1.12: spp_hbinterval counts only with SPP_HB_ENABLE */
	if (s->flags & SCT_IPC_SPP_HB_ENABLE) {
		pp->hb_enable = true;
		if (s->hbinterval || (s->flags & SCT_IPC_SPP_HB_TIME_IS_ZERO))
			pp->hb_interval =
			    (s->flags & SCT_IPC_SPP_HB_TIME_IS_ZERO) ? 0 : s->hbinterval;
	}
	if (s->flags & SCT_IPC_SPP_HB_DISABLE)
		pp->hb_enable = false;
	if (s->pathmaxrxt)
		pp->path_max_retrans = s->pathmaxrxt;
	if (s->flags & SCT_IPC_SPP_PMTUD_ENABLE)
		pp->pmtud = true;
	if (s->flags & SCT_IPC_SPP_PMTUD_DISABLE) {
		pp->pmtud = false;
		if (s->pathmtu)
			pp->pmtu = s->pathmtu;
	}
}

static int edit_spp(struct sct_params *p, const void *arg)
{
	const struct spp *s = arg;
	struct sct_path_params pp = {
	    .hb_interval = p->set.hb_interval,
	    .path_max_retrans = p->set.path_max_retrans,
	    .pmtu = p->pmtu,
	    .hb_enable = p->hb_enable,
	    .pmtud = p->pmtud,
	};

	spp_path(s, &pp);
	p->set.hb_interval = pp.hb_interval;
	p->set.path_max_retrans = pp.path_max_retrans;
	p->hb_enable = pp.hb_enable;
	p->pmtud = pp.pmtud;
	p->pmtu = pp.pmtud ? 0 : pp.pmtu;
	/* ... and spp_sackdelay only with SPP_SACKDELAY_ENABLE */
	if ((s->flags & SCT_IPC_SPP_SACKDELAY_ENABLE) && s->sackdelay)
		p->set.sack_timeout = s->sackdelay;
	/* delayed SACK off is a SACK for every packet with DATA (RFC 9260 6.2) */
	if (s->flags & SCT_IPC_SPP_SACKDELAY_DISABLE)
		p->set.sack_freq = 1;
	if ((s->flags & SCT_IPC_SPP_SACKDELAY_ENABLE) && p->set.sack_freq == 1)
		p->set.sack_freq = 2;
	return 0;
}

/* The association a peer address names: @id's, or on a one-to-many socket with id 0 the
 * one that has a path to it (Linux's sctp_addr_id2transport). */
static int addr_assoc(struct usock *us, uint32_t id, const struct sct_ipc_addr *ia,
		      struct sct_addr *a, sct_assoc_id *out)
{
	struct target t;
	int err;

	usock_addr_from_ipc(a, ia);
	if (usock_one_to_many(us) && id == FUTURE_ASSOC) {
		*out = us->ep ? sct_ep_find_assoc(us->srv->stack, us->ep, a, ia->port) : 0;
		return *out && usock_assoc_for(us, *out) ? 0 : -EINVAL;
	}
	err = target(us, id, false, &t);
	if (err || !t.id)
		return -EINVAL;
	/* the address is the peer's transport address: its port too, when given */
	if (ia->port) {
		struct sct_assoc_status st;

		if (sct_assoc_status(us->srv->stack, t.id, &st) || st.peer_port != ia->port)
			return -EINVAL;
	}
	*out = t.id;
	return 0;
}

/* SPP_HB_DEMAND for an association without an address: a HEARTBEAT to each path. */
static void demand_all(struct usock *us, sct_assoc_id id, sct_time_t now)
{
	struct sct_addr paths[SCT_IPC_MAX_ADDRS];
	int i, n = sct_assoc_paddrs(us->srv->stack, id, paths, SCT_IPC_MAX_ADDRS);

	for (i = 0; i < n && i < SCT_IPC_MAX_ADDRS; i++)
		sct_assoc_heartbeat(us->srv->stack, id, &paths[i], now);
}

static int set_spp(struct usock *us, const uint8_t *v, size_t len, sct_time_t now)
{
	struct sct_path_params pp;
	struct sct_addr a;
	struct target t;
	struct spp s;
	sct_assoc_id id;
	int err = spp_decode(v, len, &s);

	if (err)
		return err;
	if (s.addr.family) {
		/* one path (RFC 6458 8.1.12 spp_address) */
		if (addr_assoc(us, s.assoc, &s.addr, &a, &id))
			return -EINVAL;
		if (sct_assoc_path_params(us->srv->stack, id, &a, &pp))
			return -EINVAL;
		spp_path(&s, &pp);
		err = sct_assoc_set_path_params(us->srv->stack, id, &a, &pp, now);
		if (err)
			return -EINVAL;
		if (s.flags & SCT_IPC_SPP_HB_DEMAND) {
			err = sct_assoc_heartbeat(us->srv->stack, id, &a, now);
			if (err)
				return err == -ENOTCONN ? -ENOTCONN : -EINVAL;
		}
		/* the association-wide part: the delayed SACK */
		if (s.flags & (SCT_IPC_SPP_SACKDELAY_ENABLE | SCT_IPC_SPP_SACKDELAY_DISABLE)) {
			s.hbinterval = s.pathmaxrxt = 0;
			s.flags &= SCT_IPC_SPP_SACKDELAY_ENABLE | SCT_IPC_SPP_SACKDELAY_DISABLE;
			t = (struct target){.id = id};
			return apply(us, &t, edit_spp, &s, now);
		}
		return 0;
	}
	err = target(us, s.assoc, true, &t);
	if (err)
		return err;
	/* a heartbeat on demand needs an association (Linux: EINVAL on the endpoint) */
	if ((s.flags & SCT_IPC_SPP_HB_DEMAND) && !t.id && !t.current)
		return -EINVAL;
	err = apply(us, &t, edit_spp, &s, now);
	if (!err && (s.flags & SCT_IPC_SPP_HB_DEMAND) && t.id)
		demand_all(us, t.id, now);
	return err;
}

/* RFC 6458 8.1.19 SCTP_DELAYED_SACK (struct sctp_sack_info). */
static int edit_sack(struct sct_params *p, const void *arg)
{
	const uint8_t *v = arg;
	uint32_t delay = sct_ipc_get_u32(v + 4), freq = sct_ipc_get_u32(v + 8);

	if (delay)
		p->set.sack_timeout = delay;
	if (freq)
		p->set.sack_freq = freq; /* 1: delayed SACK off */
	return sct_settings_check(&p->set) ? -EINVAL : 0;
}

static int edit_max_burst(struct sct_params *p, const void *arg)
{
	p->set.max_burst = *(const uint32_t *)arg; /* 0: no limit (RFC 6458 8.1.24) */
	return sct_settings_check(&p->set) ? -EINVAL : 0;
}

static int edit_maxseg(struct sct_params *p, const void *arg)
{
	p->maxseg = *(const uint32_t *)arg; /* 0: the path MTU decides */
	return p->maxseg > 65535 ? -EINVAL : 0;
}

static int edit_no_frag(struct sct_params *p, const void *arg)
{
	p->no_frag = *(const uint32_t *)arg != 0;
	return 0;
}

static int edit_adaptation(struct sct_params *p, const void *arg)
{
	p->adaptation_ind = *(const uint32_t *)arg; /* 0: none, as Linux */
	return 0;
}

static int edit_pd_point(struct sct_params *p, const void *arg)
{
	p->pd_point = *(const uint32_t *)arg; /* 0: the core's default, half the buffer */
	return 0;
}

static int edit_autoclose(struct sct_params *p, const void *arg)
{
	uint32_t x = *(const uint32_t *)arg;

	/* Linux clamps to net.sctp.max_autoclose rather than refuse */
	p->autoclose_s = x > p->set.max_autoclose ? p->set.max_autoclose : x;
	return 0;
}

static int edit_pf_expose(struct sct_params *p, const void *arg)
{
	uint32_t x = *(const uint32_t *)arg;

	if (x > SCT_PF_EXPOSE_ENABLE) /* Linux: 0 unset, 1 disable, 2 enable */
		return -EINVAL;
	p->set.pf_expose = x;
	return 0;
}

/* SCTP_PEER_ADDR_THLDS without an address: the association's (or endpoint's) thresholds. */
static int edit_thlds(struct sct_params *p, const void *arg)
{
	const uint8_t *v = arg;

	/* a zero Path.Max.Retrans leaves it alone; a zero PF threshold is the RFC's default */
	if (sct_ipc_get_u16(v + 28))
		p->set.path_max_retrans = sct_ipc_get_u16(v + 28);
	p->set.pf_retrans = sct_ipc_get_u16(v + 30);
	return sct_settings_check(&p->set) ? -EINVAL : 0;
}

/*
 * RFC 7829 7.2 SCTP_PEER_ADDR_THLDS: Path.Max.Retrans and the PF threshold of one path
 * (spt_address) or of every path of the association (the wildcard), as Linux.  sctund
 * has no Primary Path Switchover (RFC 7829 5): spt_pathcpthld must be 0xffff (7.2).
 */
static int set_thlds(struct usock *us, const uint8_t *v, size_t len, sct_time_t now)
{
	struct sct_path_params pp;
	struct sct_ipc_addr ia;
	struct sct_addr a;
	struct target t;
	sct_assoc_id id;
	int err;

	if (len != 34 || sct_ipc_get_u16(v + 32) != 0xffff)
		return -EINVAL;
	get_addr(v + 4, &ia);
	if (!ia.family) {
		err = target(us, sct_ipc_get_u32(v), false, &t);
		if (err)
			return err;
		return apply(us, &t, edit_thlds, v, now);
	}
	if (addr_assoc(us, sct_ipc_get_u32(v), &ia, &a, &id) ||
	    sct_assoc_path_params(us->srv->stack, id, &a, &pp))
		return -EINVAL;
	if (sct_ipc_get_u16(v + 28))
		pp.path_max_retrans = sct_ipc_get_u16(v + 28);
	pp.pf_retrans = sct_ipc_get_u16(v + 30);
	return sct_assoc_set_path_params(us->srv->stack, id, &a, &pp, now) ? -EINVAL : 0;
}

/* sctp_assoc_value options (SCTP_MAX_BURST, SCTP_MAXSEG): the target, then the edit. */
static int set_assoc_value(struct usock *us, const uint8_t *v, size_t len, bool multi, edit_fn f,
			   sct_time_t now)
{
	struct target t;
	uint32_t x;
	int err;

	if (len != 8)
		return -EINVAL;
	err = target(us, sct_ipc_get_u32(v), multi, &t);
	if (err)
		return err;
	x = sct_ipc_get_u32(v + 4);
	return apply(us, &t, f, &x, now);
}

static int set_context(struct usock *us, const uint8_t *v, size_t len)
{
	struct target t;
	struct uassoc *ua;
	uint32_t x;
	int err;

	if (len != 8)
		return -EINVAL;
	err = target(us, sct_ipc_get_u32(v), true, &t);
	if (err)
		return err;
	x = sct_ipc_get_u32(v + 4);
	if (t.ep)
		us->tune.context = x;
	for (ua = us->assocs; ua; ua = ua->next)
		if ((t.current && !ua->ended) || ua->id == t.id)
			ua->context = x;
	return 0;
}

/*
 * SCTP_DEFAULT_SNDINFO / SCTP_DEFAULT_SEND_PARAM (RFC 6458 8.1.31, 8.1.10):
 * assoc id, sid (2), record flags (2), ppid, context, time to live.  Linux
 * takes the flags UNORDERED, ADDR_OVER, ABORT and EOF; only UNORDERED changes
 * what is sent (sctun(7)), the others are kept and read back.
 */
#define SNDINFO_LEN   20
#define SNDINFO_FLAGS (SCT_IPC_F_UNORDERED | SCT_IPC_F_ADDR_OVER | SCT_IPC_F_ABORT | SCT_IPC_F_EOF)

static int set_sndinfo_opt(struct usock *us, const uint8_t *v, size_t len)
{
	struct target t;
	struct uassoc *ua;
	struct usnd d;
	int err;

	if (len != SNDINFO_LEN)
		return -EINVAL;
	err = target(us, sct_ipc_get_u32(v), true, &t);
	if (err)
		return err;
	d.sid = sct_ipc_get_u16(v + 4);
	d.flags = sct_ipc_get_u16(v + 6);
	d.ppid = sct_ipc_get_u32(v + 8);
	d.context = sct_ipc_get_u32(v + 12);
	d.ttl = sct_ipc_get_u32(v + 16);
	if (d.flags & ~SNDINFO_FLAGS)
		return -EINVAL;
	if (t.ep)
		us->tune.snd = d;
	for (ua = us->assocs; ua; ua = ua->next)
		if ((t.current && !ua->ended) || ua->id == t.id)
			ua->snd = d;
	return 0;
}

static uint32_t in_assoc(const uint8_t *in, size_t in_len);

static int get_sndinfo_opt(struct usock *us, const uint8_t *in, size_t in_len, uint8_t *out)
{
	const struct usnd *d = &us->tune.snd;
	struct target t;
	struct uassoc *ua;
	int err = target(us, in_assoc(in, in_len), false, &t);

	if (err)
		return err;
	for (ua = us->assocs; ua && t.id; ua = ua->next)
		if (ua->id == t.id)
			d = &ua->snd;
	sct_ipc_put_u32(out, t.id);
	sct_ipc_put_u16(out + 4, d->sid);
	sct_ipc_put_u16(out + 6, d->flags);
	sct_ipc_put_u32(out + 8, d->ppid);
	sct_ipc_put_u32(out + 12, d->context);
	sct_ipc_put_u32(out + 16, d->ttl);
	return SNDINFO_LEN;
}

static int set_primary(struct usock *us, const uint8_t *v, size_t len)
{
	struct sct_ipc_addr ia;
	struct sct_addr a;
	sct_assoc_id id;

	if (len != 4 + ADDR_LEN)
		return -EINVAL;
	get_addr(v + 4, &ia);
	if (addr_assoc(us, sct_ipc_get_u32(v), &ia, &a, &id))
		return -EINVAL;
	return sct_assoc_set_primary(us->srv->stack, id, &a) ? -EINVAL : 0;
}

static int set_sctp(struct usock *us, uint16_t name, const uint8_t *v, size_t len, sct_time_t now)
{
	struct target t;
	uint32_t x;
	int err;

	switch (name) {
	case SCT_IPC_SCTP_NODELAY:
		if (int_val(v, len, &x))
			return -EINVAL;
		us->nodelay = x != 0;
		if (us->assoc)
			sct_assoc_set_nodelay(us->srv->stack, us->assoc, us->nodelay);
		return 0;
	case SCT_IPC_SCTP_INITMSG:
		/* RFC 6458 8.1.3: four u16; a zero leaves that default alone */
		if (len != 8)
			return -EINVAL;
		if (sct_ipc_get_u16(v) || sct_ipc_get_u16(v + 2)) {
			/*
			 * The stream counts are also what the socket's endpoint answers
			 * an INIT with (its INIT ACK), as on Linux, where a listening
			 * socket's SCTP_INITMSG sets up the associations it accepts.
			 */
			struct sct_params p;
			int rc;

			usock_ep_params(us, &p);
			if (sct_ipc_get_u16(v))
				p.set.init_streams = sct_ipc_get_u16(v);
			if (sct_ipc_get_u16(v + 2))
				p.set.max_instreams = sct_ipc_get_u16(v + 2);
			rc = ep_set_params(us, &p);
			if (rc)
				return rc;
		}
		if (sct_ipc_get_u16(v))
			us->init_os = sct_ipc_get_u16(v);
		if (sct_ipc_get_u16(v + 2))
			us->init_mis = sct_ipc_get_u16(v + 2);
		if (sct_ipc_get_u16(v + 4))
			us->init_attempts = sct_ipc_get_u16(v + 4);
		if (sct_ipc_get_u16(v + 6))
			us->init_timeo = sct_ipc_get_u16(v + 6);
		return 0;
	case SCT_IPC_SCTP_EVENTS:
		/* any prefix of struct sctp_event_subscribe, as Linux accepts */
		if (len > sizeof(us->events))
			len = sizeof(us->events);
		if (len) /* v may be NULL then: memcpy() must not see it */
			memcpy(us->events, v, len);
		if (len > us->n_events)
			us->n_events = len;
		return 0;
	case SCT_IPC_SCTP_RTOINFO:
	case SCT_IPC_SCTP_ASSOCINFO:
		/* Linux: SCTP_FUTURE_ASSOC or one association, not CURRENT/ALL */
		if (len != (name == SCT_IPC_SCTP_RTOINFO ? 16u : 20u))
			return -EINVAL;
		err = target(us, sct_ipc_get_u32(v), false, &t);
		if (err)
			return err;
		if (name == SCT_IPC_SCTP_ASSOCINFO && t.id &&
		    !maxrxt_fits(us, t.id, sct_ipc_get_u16(v + 4)))
			return -EINVAL;
		return apply(us, &t, name == SCT_IPC_SCTP_RTOINFO ? edit_rtoinfo : edit_associnfo,
			     v, now);
	case SCT_IPC_SCTP_PEER_ADDR_PARAMS:
		return set_spp(us, v, len, now);
	case SCT_IPC_SCTP_DELAYED_SACK:
		if (len != 12)
			return -EINVAL;
		if (sct_ipc_get_u32(v + 4) > SACK_DELAY_MAX)
			return -EINVAL;
		err = target(us, sct_ipc_get_u32(v), true, &t);
		if (err)
			return err;
		return apply(us, &t, edit_sack, v, now);
	case SCT_IPC_SCTP_MAX_BURST:
		return set_assoc_value(us, v, len, true, edit_max_burst, now);
	case SCT_IPC_SCTP_MAXSEG:
		/* RFC 6458 8.1.16 struct sctp_assoc_value */
		return set_assoc_value(us, v, len, false, edit_maxseg, now);
	case SCT_IPC_SCTP_EXPOSE_PF_STATE:
		return set_assoc_value(us, v, len, false, edit_pf_expose, now);
	case SCT_IPC_SCTP_PEER_ADDR_THLDS:
	case SCT_IPC_SCTP_PEER_ADDR_THLDS_V2:
		return set_thlds(us, v, len, now);
	case SCT_IPC_SCTP_DISABLE_FRAGMENTS:
		/* a socket-wide switch in Linux: every association, now and later */
		if (int_val(v, len, &x))
			return -EINVAL;
		target(us, ALL_ASSOC, true, &t);
		return apply(us, &t, edit_no_frag, &x, now);
	case SCT_IPC_SCTP_AUTOCLOSE:
		/* RFC 6458 8.1.8: one-to-many only (Linux: EOPNOTSUPP) */
		if (!usock_one_to_many(us))
			return -EOPNOTSUPP;
		if (int_val(v, len, &x))
			return -EINVAL;
		target(us, ALL_ASSOC, true, &t);
		return apply(us, &t, edit_autoclose, &x, now);
	case SCT_IPC_SCTP_ADAPTATION_LAYER:
		/* RFC 6458 8.1.10: the socket's, for the INIT and INIT ACK of future associations
		 */
		if (int_val(v, len, &x))
			return -EINVAL;
		t = (struct target){.ep = true};
		return apply(us, &t, edit_adaptation, &x, now);
	case SCT_IPC_SCTP_CONTEXT:
		return set_context(us, v, len);
	case SCT_IPC_SCTP_PRIMARY_ADDR:
		return set_primary(us, v, len);
	case SCT_IPC_SCTP_DEFAULT_SEND_PARAM:
	case SCT_IPC_SCTP_DEFAULT_SNDINFO:
		return set_sndinfo_opt(us, v, len);
	case SCT_IPC_SCTP_PARTIAL_DELIVERY_POINT: {
		struct sct_params p;

		if (int_val(v, len, &x))
			return -EINVAL;
		/* Linux: at most half the receive buffer */
		usock_ep_params(us, &p);
		if (x > p.set.rcvbuf / 2)
			return -EINVAL;
		/* a socket-wide value: its endpoint's and every association's */
		t = (struct target){.ep = true, .current = true, .id = own_assoc(us)};
		err = apply(us, &t, edit_pd_point, &x, now);
		if (!err)
			us->tune.pd_point = x;
		return err;
	}
	case SCT_IPC_SCTP_FRAGMENT_INTERLEAVE:
		if (int_val(v, len, &x))
			return -EINVAL;
		us->tune.frag_interleave = x != 0;
		return 0;
	default:
		return -ENOPROTOOPT; /* read-only ones (STATUS, GET_*) included, as Linux */
	}
}

int usock_setopt(struct usock *us, uint16_t level, uint16_t name, const uint8_t *v, size_t len,
		 sct_time_t now)
{
	uint32_t x;

	if (!v && len)
		return -EINVAL;
	switch (level) {
	case SCT_IPC_SOL_SOCKET:
		return set_socket(us, name, v, len, now);
	case SCT_IPC_SOL_IPV6:
		if (name != SCT_IPC_IPV6_V6ONLY || us->family != SCT_IPC_AF_INET6)
			return -ENOPROTOOPT;
		if (int_val(v, len, &x))
			return -EINVAL;
		if (us->ep)
			return -EINVAL; /* as Linux: only before bind */
		us->v6only = x != 0;
		return 0;
	case SCT_IPC_SOL_SCTP:
		return set_sctp(us, name, v, len, now);
	default:
		return -ENOPROTOOPT;
	}
}

/* ---------------------------------------------------------------- SOL_SOCKET: get */

static int get_socket(struct usock *us, uint16_t name, uint8_t *out)
{
	uint32_t x;

	switch (name) {
	case SCT_IPC_SO_REUSEADDR:
		x = us->reuseaddr;
		break;
	case SCT_IPC_SO_REUSEPORT:
		x = us->reuseport;
		break;
	case SCT_IPC_SO_ERROR:
		x = (uint32_t)usock_sockerr(us);
		break;
	case SCT_IPC_SO_SNDBUF:
		x = us->sndbuf ? us->sndbuf * 2
			       : USOCK_DATA_SNDBUF; /* Linux doubles what was set */
		break;
	case SCT_IPC_SO_RCVBUF:
		x = us->rcvbuf ? us->rcvbuf * 2 : USOCK_DATA_SNDBUF;
		break;
	case SCT_IPC_SO_LINGER:
		sct_ipc_put_u32(out, us->linger_on);
		sct_ipc_put_u32(out + 4, us->linger_s);
		return 8;
	case SCT_IPC_SO_TYPE:
		x = us->type;
		break;
	case SCT_IPC_SO_DOMAIN:
		x = us->family;
		break;
	case SCT_IPC_SO_PROTOCOL:
		x = 132; /* IPPROTO_SCTP */
		break;
	case SCT_IPC_SO_ACCEPTCONN:
		x = us->state == USOCK_LISTENING;
		break;
	default:
		return -ENOPROTOOPT;
	}
	sct_ipc_put_u32(out, x);
	return 4;
}

/* ---------------------------------------------------------------- SOL_SCTP: get */

/* The assoc id a get request carries (0 when it carries none). */
static uint32_t in_assoc(const uint8_t *in, size_t in_len)
{
	return in && in_len >= 4 ? sct_ipc_get_u32(in) : 0;
}

static int get_target(struct usock *us, const uint8_t *in, size_t in_len, struct target *t,
		      struct sct_params *p)
{
	int err = target(us, in_assoc(in, in_len), false, t);

	return err ? err : read_params(us, t, p);
}

static int get_spp(struct usock *us, const uint8_t *in, size_t in_len, uint8_t *out)
{
	struct sct_path_params pp;
	struct sct_params p;
	struct sct_addr a;
	struct target t;
	struct spp s;
	sct_assoc_id id = 0;
	uint32_t flags;
	int err;

	memset(&s, 0, sizeof(s));
	if (in && in_len >= 4 + ADDR_LEN) {
		s.assoc = sct_ipc_get_u32(in);
		get_addr(in + 4, &s.addr);
	}
	if (s.addr.family) {
		if (addr_assoc(us, s.assoc, &s.addr, &a, &id) ||
		    sct_assoc_path_params(us->srv->stack, id, &a, &pp) ||
		    sct_assoc_params(us->srv->stack, id, &p))
			return -EINVAL;
	} else {
		err = get_target(us, in, in_len, &t, &p);
		if (err)
			return err;
		id = t.id;
		pp.hb_interval = p.set.hb_interval;
		pp.path_max_retrans = p.set.path_max_retrans;
		pp.hb_enable = p.hb_enable;
		pp.pmtud = p.pmtud;
		pp.pmtu = p.pmtu;
		if (id) {
			struct sct_path_info pi;

			/* an association's MTU is its primary path's (Linux) */
			if (sct_assoc_paths(us->srv->stack, id, &pi, 1) > 0)
				pp.pmtu = pi.pmtu;
		}
	}
	flags =
	    (pp.hb_enable ? SCT_IPC_SPP_HB_ENABLE : SCT_IPC_SPP_HB_DISABLE) |
	    (pp.pmtud ? SCT_IPC_SPP_PMTUD_ENABLE : SCT_IPC_SPP_PMTUD_DISABLE) |
	    (p.set.sack_freq == 1 ? SCT_IPC_SPP_SACKDELAY_DISABLE : SCT_IPC_SPP_SACKDELAY_ENABLE);
	memset(out, 0, 51);
	sct_ipc_put_u32(out, id);
	if (s.addr.family)
		memcpy(out + 4, in + 4, ADDR_LEN);
	sct_ipc_put_u32(out + 28, pp.hb_interval);
	sct_ipc_put_u16(out + 32, (uint16_t)pp.path_max_retrans);
	sct_ipc_put_u32(out + 34, pp.pmtu);
	sct_ipc_put_u32(out + 38, p.set.sack_timeout);
	sct_ipc_put_u32(out + 42, flags);
	return 51;
}

static uint32_t path_state(const struct sct_path_info *pi)
{
	switch (pi->state) {
	case SCT_PI_INACTIVE:
		return SCT_IPC_PATH_INACTIVE;
	case SCT_PI_PF:
		return SCT_IPC_PATH_PF;
	case SCT_PI_UNCONFIRMED:
		return SCT_IPC_PATH_UNCONFIRMED;
	default:
		return SCT_IPC_PATH_ACTIVE;
	}
}

/* RFC 7829 7.2 SCTP_PEER_ADDR_THLDS: one path's thresholds, or the association's. */
static int get_thlds(struct usock *us, const uint8_t *in, size_t in_len, uint8_t *out)
{
	struct sct_path_params pp;
	struct sct_ipc_addr ia;
	struct sct_params p;
	struct sct_addr a;
	struct target t;
	sct_assoc_id id;
	int err;

	if (!in || in_len < 4 + ADDR_LEN)
		return -EINVAL;
	get_addr(in + 4, &ia);
	memset(out, 0, 34);
	if (ia.family) {
		if (addr_assoc(us, sct_ipc_get_u32(in), &ia, &a, &id) ||
		    sct_assoc_path_params(us->srv->stack, id, &a, &pp))
			return -EINVAL;
		memcpy(out + 4, in + 4, ADDR_LEN);
	} else {
		err = get_target(us, in, 4, &t, &p);
		if (err)
			return err;
		id = t.id;
		pp.path_max_retrans = p.set.path_max_retrans;
		pp.pf_retrans = p.set.pf_retrans;
	}
	sct_ipc_put_u32(out, id);
	sct_ipc_put_u16(out + 28, (uint16_t)pp.path_max_retrans);
	sct_ipc_put_u16(out + 30, (uint16_t)pp.pf_retrans);
	sct_ipc_put_u16(out + 32, 0xffff); /* no Primary Path Switchover */
	return 34;
}

/* RFC 6458 8.2.2 SCTP_GET_PEER_ADDR_INFO. */
static int get_paddrinfo(struct usock *us, const uint8_t *in, size_t in_len, uint8_t *out)
{
	struct sct_path_info pi[SCT_IPC_MAX_ADDRS];
	struct sct_params par;
	struct sct_ipc_addr ia;
	struct sct_addr a;
	sct_assoc_id id;
	int i, n;

	if (!in || in_len < 4 + ADDR_LEN)
		return -EINVAL;
	get_addr(in + 4, &ia);
	if (addr_assoc(us, sct_ipc_get_u32(in), &ia, &a, &id))
		return -EINVAL;
	n = sct_assoc_paths(us->srv->stack, id, pi, SCT_IPC_MAX_ADDRS);
	for (i = 0; i < n && i < SCT_IPC_MAX_ADDRS; i++)
		if (sct_addr_eq(&pi[i].addr, &a))
			break;
	if (n < 0 || i >= n || i >= SCT_IPC_MAX_ADDRS)
		return -EINVAL;
	/* RFC 7829 7.3, as Linux: a PF path's state is not told when its exposure is off */
	if (pi[i].state == SCT_PI_PF && sct_assoc_params(us->srv->stack, id, &par) == 0 &&
	    par.set.pf_expose == SCT_PF_EXPOSE_DISABLE)
		return -EACCES;
	sct_ipc_put_u32(out, id);
	memcpy(out + 4, in + 4, ADDR_LEN);
	sct_ipc_put_u32(out + 28, path_state(&pi[i]));
	sct_ipc_put_u32(out + 32, pi[i].cwnd);
	sct_ipc_put_u32(out + 36, pi[i].srtt_us / 1000);
	sct_ipc_put_u32(out + 40, pi[i].rto_ms);
	sct_ipc_put_u32(out + 44, pi[i].pmtu);
	return 48;
}

/* SCTP_GET_ASSOC_STATS (Linux's struct sctp_assoc_stats) from the core's counters. */
static int get_stats(struct usock *us, const uint8_t *in, size_t in_len, uint8_t *out)
{
	struct sct_path_info pi[SCT_IPC_MAX_ADDRS];
	struct sct_assoc_status st;
	struct target t;
	uint32_t maxrto = 0;
	int i, n, at = -1, err;

	err = target(us, in_assoc(in, in_len), false, &t);
	if (err || !t.id || sct_assoc_status(us->srv->stack, t.id, &st))
		return -EINVAL; /* statistics are an association's */
	n = sct_assoc_paths(us->srv->stack, t.id, pi, SCT_IPC_MAX_ADDRS);
	for (i = 0; i < n && i < SCT_IPC_MAX_ADDRS; i++)
		if (pi[i].rto_ms > maxrto) {
			maxrto = pi[i].rto_ms;
			at = i;
		}
	memset(out, 0, 148);
	sct_ipc_put_u32(out, t.id);
	if (at >= 0)
		put_addr(out + 4, &pi[at].addr, st.peer_port);
	put_u64(out + 28, maxrto);
	put_u64(out + 36, st.ctr.isacks);
	put_u64(out + 44, st.ctr.osacks);
	put_u64(out + 52, st.ctr.opackets);
	put_u64(out + 60, st.ctr.ipackets);
	put_u64(out + 68, st.ctr.rtx_chunks);
	/* outofseqtsns, idupchunks, gapcnt, ouod, iuod: not counted (zero) */
	put_u64(out + 116, st.ctr.odata); /* oodchunks: every DATA chunk, ordered or not */
	put_u64(out + 124, st.ctr.idata);
	/* octrlchunks, ictrlchunks: not counted (zero) */
	return 148;
}

static int get_assoc_list(struct usock *us, bool list, const uint8_t *in, size_t in_len,
			  uint8_t *out, size_t cap)
{
	struct uassoc *ua;
	uint32_t n = 0, room;

	/* Linux: one-to-many only, EOPNOTSUPP on one-to-one */
	if (!usock_one_to_many(us))
		return -EOPNOTSUPP;
	for (ua = us->assocs; ua; ua = ua->next)
		if (!ua->ended)
			n++;
	sct_ipc_put_u32(out, n);
	if (!list)
		return 4;
	room = in && in_len >= 4 ? sct_ipc_get_u32(in) : 0;
	if (n > room || 4 + (size_t)n * 4 > cap)
		return -EINVAL; /* as Linux, for a buffer too short */
	n = 0;
	for (ua = us->assocs; ua; ua = ua->next)
		if (!ua->ended)
			sct_ipc_put_u32(out + 4 + 4 * n++, ua->id);
	return (int)(4 + 4 * n);
}

static int get_sctp(struct usock *us, uint16_t name, const uint8_t *in, size_t in_len, uint8_t *out,
		    size_t cap)
{
	struct sct_params p;
	struct target t;
	struct uassoc *ua;
	int err;

	switch (name) {
	case SCT_IPC_SCTP_NODELAY:
		sct_ipc_put_u32(out, us->nodelay);
		return 4;
	case SCT_IPC_SCTP_INITMSG: {
		const struct sct_settings *set = sct_stack_settings(us->srv->stack);

		sct_ipc_put_u16(out, us->init_os ? us->init_os : (uint16_t)set->init_streams);
		sct_ipc_put_u16(out + 2,
				us->init_mis ? us->init_mis : (uint16_t)set->max_instreams);
		sct_ipc_put_u16(out + 4, us->init_attempts
					     ? us->init_attempts
					     : (uint16_t)(set->max_init_retransmits + 1));
		sct_ipc_put_u16(out + 6, us->init_timeo ? us->init_timeo : (uint16_t)set->rto_max);
		return 8;
	}
	case SCT_IPC_SCTP_EVENTS:
		memcpy(out, us->events, sizeof(us->events));
		return (int)sizeof(us->events);
	case SCT_IPC_SCTP_RTOINFO:
		err = get_target(us, in, in_len, &t, &p);
		if (err)
			return err;
		sct_ipc_put_u32(out, t.id);
		sct_ipc_put_u32(out + 4, p.set.rto_initial);
		sct_ipc_put_u32(out + 8, p.set.rto_max);
		sct_ipc_put_u32(out + 12, p.set.rto_min);
		return 16;
	case SCT_IPC_SCTP_ASSOCINFO: {
		struct sct_assoc_status st;

		err = get_target(us, in, in_len, &t, &p);
		if (err)
			return err;
		memset(&st, 0, sizeof(st));
		if (t.id)
			sct_assoc_status(us->srv->stack, t.id, &st);
		sct_ipc_put_u32(out, t.id);
		sct_ipc_put_u16(out + 4, (uint16_t)p.set.association_max_retrans);
		sct_ipc_put_u16(out + 6, (uint16_t)st.n_paths);
		sct_ipc_put_u32(out + 8, st.peer_rwnd);
		sct_ipc_put_u32(out + 12, st.rwnd);
		sct_ipc_put_u32(out + 16, p.set.valid_cookie_life);
		return 20;
	}
	case SCT_IPC_SCTP_PEER_ADDR_PARAMS:
		return get_spp(us, in, in_len, out);
	case SCT_IPC_SCTP_GET_PEER_ADDR_INFO:
		return get_paddrinfo(us, in, in_len, out);
	case SCT_IPC_SCTP_DELAYED_SACK:
		err = get_target(us, in, in_len, &t, &p);
		if (err)
			return err;
		sct_ipc_put_u32(out, t.id);
		sct_ipc_put_u32(out + 4, p.set.sack_timeout);
		sct_ipc_put_u32(out + 8, p.set.sack_freq);
		return 12;
	case SCT_IPC_SCTP_MAX_BURST:
	case SCT_IPC_SCTP_MAXSEG:
		err = get_target(us, in, in_len, &t, &p);
		if (err)
			return err;
		sct_ipc_put_u32(out, t.id);
		sct_ipc_put_u32(out + 4, name == SCT_IPC_SCTP_MAXSEG ? p.maxseg : p.set.max_burst);
		return 8;
	case SCT_IPC_SCTP_EXPOSE_PF_STATE:
		err = get_target(us, in, in_len, &t, &p);
		if (err)
			return err;
		sct_ipc_put_u32(out, t.id);
		sct_ipc_put_u32(out + 4, p.set.pf_expose);
		return 8;
	case SCT_IPC_SCTP_PEER_ADDR_THLDS:
	case SCT_IPC_SCTP_PEER_ADDR_THLDS_V2:
		return get_thlds(us, in, in_len, out);
	case SCT_IPC_SCTP_CONTEXT:
		err = target(us, in_assoc(in, in_len), false, &t);
		if (err)
			return err;
		sct_ipc_put_u32(out, t.id);
		sct_ipc_put_u32(out + 4, us->tune.context);
		for (ua = us->assocs; ua && t.id; ua = ua->next)
			if (ua->id == t.id)
				sct_ipc_put_u32(out + 4, ua->context);
		return 8;
	case SCT_IPC_SCTP_DEFAULT_SEND_PARAM:
	case SCT_IPC_SCTP_DEFAULT_SNDINFO:
		return get_sndinfo_opt(us, in, in_len, out);
	case SCT_IPC_SCTP_DISABLE_FRAGMENTS:
		usock_ep_params(us, &p);
		sct_ipc_put_u32(out, p.no_frag);
		return 4;
	case SCT_IPC_SCTP_AUTOCLOSE:
		if (!usock_one_to_many(us))
			return -EOPNOTSUPP;
		usock_ep_params(us, &p);
		sct_ipc_put_u32(out, p.autoclose_s);
		return 4;
	case SCT_IPC_SCTP_ADAPTATION_LAYER:
		usock_ep_params(us, &p);
		sct_ipc_put_u32(out, p.adaptation_ind);
		return 4;
	case SCT_IPC_SCTP_PARTIAL_DELIVERY_POINT:
		sct_ipc_put_u32(out, us->tune.pd_point);
		return 4;
	case SCT_IPC_SCTP_FRAGMENT_INTERLEAVE:
		sct_ipc_put_u32(out, us->tune.frag_interleave);
		return 4;
	case SCT_IPC_SCTP_GET_ASSOC_STATS:
		return get_stats(us, in, in_len, out);
	case SCT_IPC_SCTP_GET_ASSOC_NUMBER:
	case SCT_IPC_SCTP_GET_ASSOC_ID_LIST:
		return get_assoc_list(us, name == SCT_IPC_SCTP_GET_ASSOC_ID_LIST, in, in_len, out,
				      cap);
	default:
		return -ENOPROTOOPT;
	}
}

int usock_getopt(struct usock *us, uint16_t level, uint16_t name, const uint8_t *in, size_t in_len,
		 uint8_t *out, size_t cap)
{
	if (cap < USOCK_OPT_MAX)
		return -EINVAL;
	switch (level) {
	case SCT_IPC_SOL_SOCKET:
		return get_socket(us, name, out);
	case SCT_IPC_SOL_IPV6:
		if (name != SCT_IPC_IPV6_V6ONLY || us->family != SCT_IPC_AF_INET6)
			return -ENOPROTOOPT;
		sct_ipc_put_u32(out, us->v6only);
		return 4;
	case SCT_IPC_SOL_SCTP:
		return get_sctp(us, name, in, in_len, out, cap);
	default:
		return -ENOPROTOOPT;
	}
}
