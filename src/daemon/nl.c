/* SPDX-License-Identifier: MIT */
/* nl.c: the one small rtnetlink wrapper over libmnl (requests, dumps, events). */

/*
 * Theory of operation
 *
 * Everything sctund says to the kernel about interfaces, addresses, routes and rules goes
 * through nl_request() (one request, one ACK) or nl_dump() (one request, many answers).
 * Both use nl_talk(): send, then read datagrams until the NLMSG_ERROR or NLMSG_DONE that
 * carries our sequence number, handing every other answer to a callback. Extended ACKs
 * are on, so a failure comes back as -errno plus the kernel's own sentence ("ipv4:
 * Invalid prefix length"), kept in nl->errmsg for the caller's log line; acks are capped
 * (NETLINK_CAP_ACK) so the kernel does not echo our request back.
 *
 * Strict checking (NETLINK_GET_STRICT_CHK) makes the kernel honour the filters we put in
 * dump headers (an ifindex for RTM_GETADDR) and refuse attributes it does not know, so a
 * typo is an error, not a silently different request.
 *
 * Every attribute we read is validated by type and length into a tb[] table first
 * (parse_attrs()); the parse functions then only look at tb[]. They are pure, so the unit
 * tests feed them messages captured from a kernel.
 *
 * The event socket is a second, non-blocking socket subscribed to link and address
 * groups; nl_event_read() turns one datagram into small struct nl_event values for the
 * loop. When the kernel drops notifications (ENOBUFS) the caller re-reads the state.
 */
#include "config.h"

#include "daemon/nl.h"

#include <errno.h>
#include <libmnl/libmnl.h>
#include <linux/fib_rules.h>
#include <linux/if_addr.h>
#include <linux/if_link.h>
#include <linux/rtnetlink.h>
#include <string.h>
#include <sys/socket.h>
#include "daemon/seccomp.h"

/*
 * seccomp.c's allow-list, once the loop runs: requests and events (the undo at exit, shared mode
 * following addresses).
 */
SECCOMP_CALLS(nl, SC(sendto), SC(recvfrom), SC(recvmsg), SC(close));

#ifndef NETLINK_EXT_ACK
#define NETLINK_EXT_ACK 11
#endif
#ifndef NETLINK_GET_STRICT_CHK
#define NETLINK_GET_STRICT_CHK 12
#endif

/*
 * Request messages we build are small: headers and a handful of attributes.
 * Their buffers start zeroed: libmnl 1.0.4 does not clear an attribute's
 * alignment padding (an interface name of 7 bytes and its 1 byte of pad), and
 * stack bytes should not go to the kernel (valgrind memcheck saw them).
 */
#define NL_REQ_SIZE 512

int nl_open(struct nl *nl, unsigned int groups)
{
	static unsigned int ev_groups[] = {RTNLGRP_LINK, RTNLGRP_IPV4_IFADDR, RTNLGRP_IPV6_IFADDR};
	int one = 1, err;
	size_t i;

	memset(nl->errmsg, 0, sizeof(nl->errmsg));
	nl->seq = 0;
	nl->sk = mnl_socket_open2(NETLINK_ROUTE, SOCK_CLOEXEC | (groups ? SOCK_NONBLOCK : 0));
	if (!nl->sk)
		return -errno;
	if (mnl_socket_bind(nl->sk, 0, MNL_SOCKET_AUTOPID) < 0)
		goto fail;
	/* Best effort: old kernels lack these and still work, with fewer details. */
	mnl_socket_setsockopt(nl->sk, NETLINK_EXT_ACK, &one, sizeof(one));
	mnl_socket_setsockopt(nl->sk, NETLINK_CAP_ACK, &one, sizeof(one));
	mnl_socket_setsockopt(nl->sk, NETLINK_GET_STRICT_CHK, &one, sizeof(one));
	if (groups & NL_GROUPS_EVENTS) {
		for (i = 0; i < sizeof(ev_groups) / sizeof(ev_groups[0]); i++) {
			if (mnl_socket_setsockopt(nl->sk, NETLINK_ADD_MEMBERSHIP, &ev_groups[i],
						  sizeof(ev_groups[i])) < 0)
				goto fail;
		}
	}
	nl->portid = mnl_socket_get_portid(nl->sk);
	return 0;
fail:
	err = -errno;
	mnl_socket_close(nl->sk);
	nl->sk = NULL;
	return err;
}

void nl_close(struct nl *nl)
{
	if (nl->sk)
		mnl_socket_close(nl->sk);
	nl->sk = NULL;
}

int nl_fd(const struct nl *nl)
{
	return nl->sk ? mnl_socket_get_fd(nl->sk) : -1;
}

struct nlmsghdr *nl_msg_new(void *buf, uint16_t type, uint16_t flags, const void *hdr, size_t hlen)
{
	struct nlmsghdr *nlh = mnl_nlmsg_put_header(buf);
	void *extra;

	nlh->nlmsg_type = type;
	nlh->nlmsg_flags = NLM_F_REQUEST | flags;
	if (hlen) {
		extra = mnl_nlmsg_put_extra_header(nlh, hlen);
		memcpy(extra, hdr, hlen);
	}
	return nlh;
}

/* ------------------------------------------------------------------ attributes */

/* A tb[] table with the type each attribute must have (MNL_TYPE_UNSPEC: any length). */
struct tb_ctx {
	const struct nlattr **tb;
	const uint8_t *policy; /* enum mnl_attr_data_type per attribute type */
	unsigned int max;
};

static int tb_cb(const struct nlattr *a, void *data)
{
	const struct tb_ctx *c = data;
	unsigned int type = mnl_attr_get_type(a);

	if (type > c->max)
		return MNL_CB_OK; /* newer kernel, newer attribute: not ours */
	if (c->policy[type] != MNL_TYPE_UNSPEC &&
	    mnl_attr_validate(a, (enum mnl_attr_data_type)c->policy[type]) < 0)
		return MNL_CB_ERROR;
	c->tb[type] = a;
	return MNL_CB_OK;
}

/* Validate the attributes after the family header (@hlen bytes) into @tb[0..max]. */
static int parse_attrs(const struct nlmsghdr *nlh, size_t hlen, const struct nlattr **tb,
		       const uint8_t *policy, unsigned int max)
{
	struct tb_ctx c = {tb, policy, max};

	memset(tb, 0, (max + 1) * sizeof(*tb));
	if (nlh->nlmsg_len < NLMSG_HDRLEN + NLMSG_ALIGN(hlen))
		return -EBADMSG;
	if (mnl_attr_parse(nlh, hlen, tb_cb, &c) != MNL_CB_OK)
		return -EBADMSG;
	return 0;
}

/* An address attribute of exactly the family's length. */
static int attr_addr(const struct nlattr *a, uint8_t family, struct sct_addr *out)
{
	size_t want = family == AF_INET ? 4 : 16;

	if (!a || mnl_attr_get_payload_len(a) != want)
		return -EBADMSG;
	if (family == AF_INET)
		sct_addr_v4(out, mnl_attr_get_payload(a));
	else
		sct_addr_v6(out, mnl_attr_get_payload(a));
	return 0;
}

static void attr_str(const struct nlattr *a, char *dst, size_t len)
{
	size_t n = strnlen(mnl_attr_get_str(a), mnl_attr_get_payload_len(a));

	if (n >= len)
		n = len - 1;
	memcpy(dst, mnl_attr_get_str(a), n);
	dst[n] = '\0';
}

/* ------------------------------------------------------------------ acks */

static const uint8_t err_policy[NLMSGERR_ATTR_MAX + 1] = {
    [NLMSGERR_ATTR_MSG] = MNL_TYPE_NUL_STRING,
    [NLMSGERR_ATTR_OFFS] = MNL_TYPE_U32,
};

int nl_ack_parse(const struct nlmsghdr *nlh, size_t len, char *msg, size_t msglen)
{
	const struct nlattr *tb[NLMSGERR_ATTR_MAX + 1];
	const struct nlmsgerr *e;
	size_t hlen = sizeof(*e);

	if (msg && msglen)
		msg[0] = '\0';
	if (len < NLMSG_HDRLEN || nlh->nlmsg_len > len || nlh->nlmsg_type != NLMSG_ERROR ||
	    nlh->nlmsg_len < NLMSG_HDRLEN + sizeof(*e))
		return -EBADMSG;
	e = mnl_nlmsg_get_payload(nlh);
	if (e->error > 0 || e->error < -4095)
		return -EBADMSG;
	if (!(nlh->nlmsg_flags & NLM_F_ACK_TLVS) || !msg || !msglen)
		return e->error;
	/* Without NLM_F_CAPPED the kernel echoed our request before the TLVs. */
	if (!(nlh->nlmsg_flags & NLM_F_CAPPED)) {
		if (e->msg.nlmsg_len < NLMSG_HDRLEN)
			return -EBADMSG;
		hlen += e->msg.nlmsg_len - NLMSG_HDRLEN;
	}
	if (parse_attrs(nlh, hlen, tb, err_policy, NLMSGERR_ATTR_MAX) == 0 && tb[NLMSGERR_ATTR_MSG])
		attr_str(tb[NLMSGERR_ATTR_MSG], msg, msglen);
	return e->error;
}

/* ------------------------------------------------------------------ talking */

/*
 * Send @nlh and read until the answer to it is complete: an NLMSG_ERROR (ack or error),
 * or NLMSG_DONE for a dump. Other messages with our sequence number go to @cb.
 */
static int nl_talk(struct nl *nl, struct nlmsghdr *nlh, nl_msg_cb cb, void *data)
{
	int ret = 0, cbret;
	ssize_t n;

	nl->errmsg[0] = '\0';
	nlh->nlmsg_seq = ++nl->seq;
	nlh->nlmsg_pid = 0;
	if (mnl_socket_sendto(nl->sk, nlh, nlh->nlmsg_len) < 0)
		return -errno;
	for (;;) {
		const struct nlmsghdr *m;
		int left;

		n = mnl_socket_recvfrom(nl->sk, nl->buf, sizeof(nl->buf));
		if (n < 0) {
			if (errno == EINTR)
				continue;
			return -errno;
		}
		left = (int)n;
		for (m = (const struct nlmsghdr *)nl->buf; mnl_nlmsg_ok(m, left);
		     m = mnl_nlmsg_next(m, &left)) {
			if (m->nlmsg_seq != nl->seq || m->nlmsg_pid != nl->portid)
				continue; /* a late answer to an earlier request */
			if (m->nlmsg_type == NLMSG_ERROR) {
				int e =
				    nl_ack_parse(m, (size_t)left, nl->errmsg, sizeof(nl->errmsg));
				return ret ? ret : e;
			}
			if (m->nlmsg_type == NLMSG_DONE) {
				if (m->nlmsg_len >= NLMSG_HDRLEN + sizeof(int)) {
					int e;

					memcpy(&e, mnl_nlmsg_get_payload(m), sizeof(e));
					if (e < 0 && !ret)
						ret = e;
				}
				return ret;
			}
			if (m->nlmsg_type < NLMSG_MIN_TYPE)
				continue; /* NLMSG_NOOP, NLMSG_OVERRUN */
			if (cb && !ret) {
				cbret = cb(m, data);
				if (cbret < 0)
					ret = cbret; /* keep reading to drain the answer */
			}
		}
		if (left > 0)
			return -EBADMSG;
	}
}

int nl_request(struct nl *nl, struct nlmsghdr *nlh)
{
	nlh->nlmsg_flags |= NLM_F_REQUEST | NLM_F_ACK;
	return nl_talk(nl, nlh, NULL, NULL);
}

int nl_dump(struct nl *nl, struct nlmsghdr *nlh, nl_msg_cb cb, void *data)
{
	nlh->nlmsg_flags |= NLM_F_REQUEST | NLM_F_DUMP;
	return nl_talk(nl, nlh, cb, data);
}

/* ------------------------------------------------------------------ parsing */

static const uint8_t link_policy[IFLA_MAX + 1] = {
    [IFLA_IFNAME] = MNL_TYPE_NUL_STRING,
    [IFLA_MTU] = MNL_TYPE_U32,
};

int nl_parse_link(const struct nlmsghdr *nlh, struct nl_link *l)
{
	const struct nlattr *tb[IFLA_MAX + 1];
	const struct ifinfomsg *ifi;

	if (nlh->nlmsg_type != RTM_NEWLINK && nlh->nlmsg_type != RTM_DELLINK)
		return -ENOMSG;
	if (parse_attrs(nlh, sizeof(*ifi), tb, link_policy, IFLA_MAX))
		return -EBADMSG;
	ifi = mnl_nlmsg_get_payload(nlh);
	memset(l, 0, sizeof(*l));
	l->ifindex = ifi->ifi_index;
	l->flags = ifi->ifi_flags;
	if (tb[IFLA_MTU])
		l->mtu = mnl_attr_get_u32(tb[IFLA_MTU]);
	if (tb[IFLA_IFNAME])
		attr_str(tb[IFLA_IFNAME], l->name, sizeof(l->name));
	return 0;
}

static const uint8_t addr_policy[IFA_MAX + 1] = {
    [IFA_FLAGS] = MNL_TYPE_U32,
    [IFA_LABEL] = MNL_TYPE_NUL_STRING,
};

int nl_parse_addr(const struct nlmsghdr *nlh, struct nl_ifaddr *a)
{
	const struct nlattr *tb[IFA_MAX + 1];
	const struct ifaddrmsg *ifa;
	const struct nlattr *at;

	if (nlh->nlmsg_type != RTM_NEWADDR && nlh->nlmsg_type != RTM_DELADDR)
		return -ENOMSG;
	if (parse_attrs(nlh, sizeof(*ifa), tb, addr_policy, IFA_MAX))
		return -EBADMSG;
	ifa = mnl_nlmsg_get_payload(nlh);
	if (ifa->ifa_family != AF_INET && ifa->ifa_family != AF_INET6)
		return -EAFNOSUPPORT;
	if (ifa->ifa_prefixlen > (ifa->ifa_family == AF_INET ? 32 : 128))
		return -EBADMSG;
	memset(a, 0, sizeof(*a));
	/* IFA_LOCAL is our own address; IFA_ADDRESS is the peer's on point-to-point links. */
	at = tb[IFA_LOCAL] ? tb[IFA_LOCAL] : tb[IFA_ADDRESS];
	if (attr_addr(at, ifa->ifa_family, &a->addr))
		return -EBADMSG;
	a->ifindex = (int)ifa->ifa_index;
	a->prefix = ifa->ifa_prefixlen;
	a->scope = ifa->ifa_scope;
	a->flags = tb[IFA_FLAGS] ? mnl_attr_get_u32(tb[IFA_FLAGS]) : ifa->ifa_flags;
	if (ifa->ifa_family == AF_INET6 && sct_addr_is_linklocal(&a->addr))
		a->addr.scope = (uint32_t)a->ifindex;
	return 0;
}

static const uint8_t rule_policy[FRA_MAX + 1] = {
    [FRA_PRIORITY] = MNL_TYPE_U32, [FRA_TABLE] = MNL_TYPE_U32,		[FRA_GOTO] = MNL_TYPE_U32,
    [FRA_IP_PROTO] = MNL_TYPE_U8,  [FRA_IIFNAME] = MNL_TYPE_NUL_STRING,
};

int nl_parse_rule(const struct nlmsghdr *nlh, struct nl_rule *r)
{
	const struct nlattr *tb[FRA_MAX + 1];
	const struct fib_rule_hdr *frh;

	if (nlh->nlmsg_type != RTM_NEWRULE && nlh->nlmsg_type != RTM_DELRULE)
		return -ENOMSG;
	if (parse_attrs(nlh, sizeof(*frh), tb, rule_policy, FRA_MAX))
		return -EBADMSG;
	frh = mnl_nlmsg_get_payload(nlh);
	memset(r, 0, sizeof(*r));
	r->family = frh->family;
	r->action = frh->action;
	r->table = tb[FRA_TABLE] ? mnl_attr_get_u32(tb[FRA_TABLE]) : frh->table;
	if (tb[FRA_PRIORITY])
		r->pref = mnl_attr_get_u32(tb[FRA_PRIORITY]);
	if (tb[FRA_GOTO])
		r->target = mnl_attr_get_u32(tb[FRA_GOTO]);
	if (tb[FRA_IP_PROTO])
		r->ipproto = mnl_attr_get_u8(tb[FRA_IP_PROTO]);
	if (tb[FRA_IIFNAME])
		attr_str(tb[FRA_IIFNAME], r->iif, sizeof(r->iif));
	return 0;
}

/* ------------------------------------------------------------------ links */

static int link_cb(const struct nlmsghdr *nlh, void *data)
{
	return nl_parse_link(nlh, data) == 0 ? 0 : -EBADMSG;
}

int nl_link_get(struct nl *nl, const char *name, struct nl_link *l)
{
	uint8_t buf[NL_REQ_SIZE] = {0};
	struct ifinfomsg ifi = {.ifi_family = AF_UNSPEC};
	struct nlmsghdr *nlh;
	int ret;

	if (strlen(name) >= IF_NAMESIZE)
		return -EINVAL;
	nlh = nl_msg_new(buf, RTM_GETLINK, NLM_F_ACK, &ifi, sizeof(ifi));
	mnl_attr_put_strz(nlh, IFLA_IFNAME, name);
	memset(l, 0, sizeof(*l));
	l->ifindex = -1;
	ret = nl_talk(nl, nlh, link_cb, l);
	if (ret == 0 && l->ifindex <= 0)
		ret = -ENODEV;
	return ret;
}

static int link_change(struct nl *nl, int ifindex, uint32_t mtu, uint32_t flags, uint32_t change)
{
	uint8_t buf[NL_REQ_SIZE] = {0};
	struct ifinfomsg ifi = {.ifi_family = AF_UNSPEC,
				.ifi_index = ifindex,
				.ifi_flags = flags,
				.ifi_change = change};
	struct nlmsghdr *nlh = nl_msg_new(buf, RTM_NEWLINK, 0, &ifi, sizeof(ifi));

	if (mtu)
		mnl_attr_put_u32(nlh, IFLA_MTU, mtu);
	return nl_request(nl, nlh);
}

int nl_link_set_mtu(struct nl *nl, int ifindex, uint32_t mtu)
{
	if (!mtu)
		return -EINVAL;
	return link_change(nl, ifindex, mtu, 0, 0);
}

int nl_link_set_up(struct nl *nl, int ifindex, bool up)
{
	return link_change(nl, ifindex, 0, up ? IFF_UP : 0, IFF_UP);
}

/* ------------------------------------------------------------------ addresses */

static int af_of(const struct sct_addr *a)
{
	return a->af == SCT_AF_INET4 ? AF_INET : a->af == SCT_AF_INET6 ? AF_INET6 : -1;
}

static int addr_change(struct nl *nl, uint16_t type, uint16_t flags, const struct nl_ifaddr *a)
{
	uint8_t buf[NL_REQ_SIZE] = {0};
	int af = af_of(&a->addr);
	struct ifaddrmsg ifa = {.ifa_prefixlen = a->prefix, .ifa_index = (uint32_t)a->ifindex};
	struct nlmsghdr *nlh;

	if (af < 0)
		return -EAFNOSUPPORT;
	ifa.ifa_family = (uint8_t)af;
	nlh = nl_msg_new(buf, type, flags, &ifa, sizeof(ifa));
	mnl_attr_put(nlh, IFA_LOCAL, sct_addr_len(&a->addr), a->addr.b);
	mnl_attr_put(nlh, IFA_ADDRESS, sct_addr_len(&a->addr), a->addr.b);
	if (type == RTM_NEWADDR && af == AF_INET6)
		mnl_attr_put_u32(nlh, IFA_FLAGS, IFA_F_NODAD | a->flags);
	return nl_request(nl, nlh);
}

int nl_addr_add(struct nl *nl, const struct nl_ifaddr *a)
{
	return addr_change(nl, RTM_NEWADDR, NLM_F_CREATE | NLM_F_EXCL, a);
}

int nl_addr_del(struct nl *nl, const struct nl_ifaddr *a)
{
	return addr_change(nl, RTM_DELADDR, 0, a);
}

struct addr_dump_ctx {
	int ifindex;
	nl_addr_cb cb;
	void *data;
};

static int addr_dump_cb(const struct nlmsghdr *nlh, void *data)
{
	const struct addr_dump_ctx *c = data;
	struct nl_ifaddr a;
	int ret = nl_parse_addr(nlh, &a);

	if (ret == -EAFNOSUPPORT)
		return 0;
	if (ret)
		return ret;
	if (c->ifindex && a.ifindex != c->ifindex)
		return 0; /* strict checking filters; this is for kernels without it */
	return c->cb(&a, c->data);
}

int nl_addr_dump(struct nl *nl, int ifindex, nl_addr_cb cb, void *data)
{
	struct addr_dump_ctx c = {ifindex, cb, data};
	uint8_t buf[NL_REQ_SIZE] = {0};
	struct ifaddrmsg ifa = {.ifa_family = AF_UNSPEC, .ifa_index = (uint32_t)ifindex};
	struct nlmsghdr *nlh = nl_msg_new(buf, RTM_GETADDR, 0, &ifa, sizeof(ifa));

	return nl_dump(nl, nlh, addr_dump_cb, &c);
}

/* ------------------------------------------------------------------ routes */

static int route_change(struct nl *nl, uint16_t type, uint16_t flags, const struct nl_route *r)
{
	uint8_t buf[NL_REQ_SIZE] = {0};
	int af = af_of(&r->dst);
	struct rtmsg rtm = {.rtm_dst_len = r->prefix,
			    .rtm_protocol = RTPROT_STATIC,
			    .rtm_scope = RT_SCOPE_LINK,
			    .rtm_type = RTN_UNICAST};
	struct nlmsghdr *nlh;

	if (af < 0)
		return -EAFNOSUPPORT;
	rtm.rtm_family = (uint8_t)af;
	rtm.rtm_table = r->table < 256 ? (uint8_t)r->table : RT_TABLE_UNSPEC;
	if (type == RTM_DELROUTE) {
		rtm.rtm_protocol = 0;
		rtm.rtm_scope = RT_SCOPE_NOWHERE;
	}
	nlh = nl_msg_new(buf, type, flags, &rtm, sizeof(rtm));
	mnl_attr_put(nlh, RTA_DST, sct_addr_len(&r->dst), r->dst.b);
	mnl_attr_put_u32(nlh, RTA_TABLE, r->table);
	if (r->oif)
		mnl_attr_put_u32(nlh, RTA_OIF, (uint32_t)r->oif);
	return nl_request(nl, nlh);
}

int nl_route_add(struct nl *nl, const struct nl_route *r)
{
	return route_change(nl, RTM_NEWROUTE, NLM_F_CREATE | NLM_F_EXCL, r);
}

int nl_route_del(struct nl *nl, const struct nl_route *r)
{
	return route_change(nl, RTM_DELROUTE, 0, r);
}

/* ------------------------------------------------------------------ rules */

static int rule_change(struct nl *nl, uint16_t type, uint16_t flags, const struct nl_rule *r)
{
	uint8_t buf[NL_REQ_SIZE] = {0};
	struct fib_rule_hdr frh = {.family = r->family, .action = r->action};
	struct nlmsghdr *nlh;

	if (r->family != AF_INET && r->family != AF_INET6)
		return -EAFNOSUPPORT;
	frh.table = r->table < 256 ? (uint8_t)r->table : RT_TABLE_UNSPEC;
	nlh = nl_msg_new(buf, type, flags, &frh, sizeof(frh));
	mnl_attr_put_u32(nlh, FRA_PRIORITY, r->pref);
	if (r->action == FR_ACT_TO_TBL)
		mnl_attr_put_u32(nlh, FRA_TABLE, r->table);
	if (r->action == FR_ACT_GOTO)
		mnl_attr_put_u32(nlh, FRA_GOTO, r->target);
	if (r->ipproto)
		mnl_attr_put_u8(nlh, FRA_IP_PROTO, r->ipproto);
	if (r->iif[0])
		mnl_attr_put_strz(nlh, FRA_IIFNAME, r->iif);
	return nl_request(nl, nlh);
}

int nl_rule_add(struct nl *nl, const struct nl_rule *r)
{
	return rule_change(nl, RTM_NEWRULE, NLM_F_CREATE | NLM_F_EXCL, r);
}

int nl_rule_del(struct nl *nl, const struct nl_rule *r)
{
	return rule_change(nl, RTM_DELRULE, 0, r);
}

struct rule_dump_ctx {
	nl_rule_cb cb;
	void *data;
};

static int rule_dump_cb(const struct nlmsghdr *nlh, void *data)
{
	const struct rule_dump_ctx *c = data;
	struct nl_rule r;
	int ret = nl_parse_rule(nlh, &r);

	return ret ? ret : c->cb(&r, c->data);
}

int nl_rule_dump(struct nl *nl, uint8_t family, nl_rule_cb cb, void *data)
{
	struct rule_dump_ctx c = {cb, data};
	uint8_t buf[NL_REQ_SIZE] = {0};
	struct fib_rule_hdr frh = {.family = family};
	struct nlmsghdr *nlh = nl_msg_new(buf, RTM_GETRULE, 0, &frh, sizeof(frh));

	return nl_dump(nl, nlh, rule_dump_cb, &c);
}

/* ------------------------------------------------------------------ events */

int nl_event_parse(const struct nlmsghdr *nlh, struct nl_event *ev)
{
	memset(ev, 0, sizeof(*ev));
	switch (nlh->nlmsg_type) {
	case RTM_NEWLINK:
	case RTM_DELLINK:
		ev->type = nlh->nlmsg_type == RTM_NEWLINK ? NL_EV_LINK : NL_EV_LINK_DEL;
		return nl_parse_link(nlh, &ev->link);
	case RTM_NEWADDR:
	case RTM_DELADDR:
		ev->type = nlh->nlmsg_type == RTM_NEWADDR ? NL_EV_ADDR_ADD : NL_EV_ADDR_DEL;
		return nl_parse_addr(nlh, &ev->addr);
	default:
		return -ENOMSG;
	}
}

int nl_event_read(struct nl *nl, struct nl_event *evs, size_t max)
{
	const struct nlmsghdr *m;
	size_t count = 0;
	ssize_t n;
	int left;

	do
		n = recv(nl_fd(nl), nl->buf, sizeof(nl->buf), MSG_DONTWAIT);
	while (n < 0 && errno == EINTR);
	if (n < 0)
		return errno == EWOULDBLOCK ? -EAGAIN : -errno;
	left = (int)n;
	for (m = (const struct nlmsghdr *)nl->buf; mnl_nlmsg_ok(m, left);
	     m = mnl_nlmsg_next(m, &left)) {
		if (count == max)
			break;
		if (nl_event_parse(m, &evs[count]) == 0)
			count++;
	}
	return (int)count;
}
