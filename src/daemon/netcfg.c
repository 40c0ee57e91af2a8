/* SPDX-License-Identifier: MIT */
/* netcfg.c: configure the TUN and the namespace for routed or shared mode, and undo it. */

/*
 * Theory of operation
 *
 * Every change goes into an undo list as it is made, so netcfg_undo() (on exit, or after a
 * failed setup) puts the namespace back the way it was: routes, rules and addresses
 * deleted, the local rule back at its preference, sysctls back to their old values.
 *
 * Routed mode: the host gets --host-addr on the TUN, sctund's -a addresses live behind
 * it. An -a address inside a host prefix is reached through the prefix route the kernel
 * adds with the address; any other gets a /32 or /128 route through the TUN.
 *
 * Shared mode: sctund answers SCTP on the namespace's own addresses. Per family:
 *
 *   pref 10   iif TUN goto 100          packets sctund writes skip the steering
 *   pref 11   ipproto 132 lookup 132    SCTP from anywhere else: table 132
 *   pref 100  lookup local              moved from 0, so SCTP to a local address is not
 *                                       delivered to the kernel before rule 11 sees it
 *   pref 101  iif IF blackhole          per interface we turned forwarding on for
 *   table 132: ADDR/32 (or /128) dev TUN, one per address of the namespace
 *
 * Why not one "not iif TUN ipproto 132" rule: `not` inverts the whole selector, so that
 * rule matches "anything but SCTP from the TUN", which steered ARP's and TCP's lookups into
 * the TUN (tried on 6.18: ARP replies stopped). Why not a rule per interface: interfaces
 * come and go; "goto" needs one rule for all. Why host routes, not a default route, in
 * table 132: on a namespace that routes, transit SCTP must keep being forwarded, and only
 * the namespace's own addresses are ours; the routes follow the addresses (events).
 *
 * A packet to a local address routed into the TUN is, for the kernel, forwarded: the
 * ingress interface needs forwarding (IPv4 conf/IF/forwarding, IPv6 conf/IF/force_forwarding
 * since 6.17, conf/all/forwarding before) and so does the TUN for the answers going out.
 * Turning forwarding on would also make the namespace route everything else arriving on
 * that interface, so where it was off we add "iif IF blackhole" after the local rule: what
 * is not local and not steered is dropped, as before. The TUN gets accept_local (answers
 * carry a local source address) and loose rp_filter.
 */
#include "config.h"

#include "daemon/netcfg.h"

#include <errno.h>
#include <fcntl.h>
#include <linux/fib_rules.h>
#include <linux/rtnetlink.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "common/log.h"
#include "daemon/seccomp.h"

/*
 * seccomp.c's allow-list, once the loop runs: shared mode: forwarding sysctls and
 * if_indextoname() (a socket and SIOCGIFNAME; glibc tries AF_INET/AF_INET6 when AF_UNIX fails).
 */
SECCOMP_CALLS(netcfg, SC(openat), SC(read), SC(write), SC(close), SC_ARG(socket, 0, AF_UNIX),
	      SC_ARG(socket, 0, AF_INET), SC_ARG(socket, 0, AF_INET6),
	      SC_ARG(ioctl, 1, SIOCGIFNAME));

#define IPPROTO_SCTP_NUM 132

int netcfg_sysctl_read(const char *path, char *buf, size_t len)
{
	ssize_t n;
	int fd = open(path, O_RDONLY | O_CLOEXEC);

	if (fd < 0)
		return -errno;
	n = read(fd, buf, len);
	close(fd);
	if (n < 0)
		return -errno;
	if ((size_t)n >= len)
		return -EOVERFLOW;
	buf[n] = '\0';
	buf[strcspn(buf, "\n")] = '\0';
	return 0;
}

int netcfg_sysctl_write(const char *path, const char *val)
{
	size_t len = strlen(val);
	ssize_t n;
	int fd = open(path, O_WRONLY | O_CLOEXEC);

	if (fd < 0)
		return -errno;
	n = write(fd, val, len);
	if (n < 0) {
		int err = -errno;

		close(fd);
		return err;
	}
	close(fd);
	return (size_t)n == len ? 0 : -EIO;
}

bool netcfg_prefix_contains(const struct netcfg_prefix *p, const struct sct_addr *a)
{
	unsigned int bits = p->prefix, i;

	if (p->addr.af != a->af || bits > sct_addr_len(a) * 8)
		return false;
	for (i = 0; i < bits / 8; i++)
		if (p->addr.b[i] != a->b[i])
			return false;
	if (bits % 8) {
		uint8_t mask = (uint8_t)(0xff << (8 - bits % 8));

		if ((p->addr.b[i] & mask) != (a->b[i] & mask))
			return false;
	}
	return true;
}

/*
 * The next undo record. Callers check for room before they change anything, so the list
 * never overflows; the clamp only keeps a future mistake inside the array.
 */
static struct netcfg_undo *undo_push(struct netcfg *nc, enum netcfg_undo_op op)
{
	size_t i = nc->n_undo < NETCFG_UNDO_MAX ? nc->n_undo++ : NETCFG_UNDO_MAX - 1;
	struct netcfg_undo *u = &nc->undo[i];

	memset(u, 0, sizeof(*u));
	u->op = op;
	return u;
}

int netcfg_init(struct netcfg *nc, struct nl *nl, const char *ifname)
{
	struct nl_link l;
	int ret;

	memset(nc, 0, sizeof(*nc));
	nc->nl = nl;
	ret = nl_link_get(nl, ifname, &l);
	if (ret)
		return ret;
	nc->ifindex = l.ifindex;
	snprintf(nc->ifname, sizeof(nc->ifname), "%s", l.name);
	return 0;
}

/* Set a sysctl to @val, remembering the old value; missing files return -ENOENT. */
static int sysctl_set(struct netcfg *nc, const char *path, const char *val)
{
	char old[NETCFG_SYSCTL_VAL];
	struct netcfg_undo *u;
	int ret = netcfg_sysctl_read(path, old, sizeof(old));

	if (ret)
		return ret;
	if (!strcmp(old, val))
		return 0;
	if (nc->n_undo == NETCFG_UNDO_MAX)
		return -ENOSPC;
	ret = netcfg_sysctl_write(path, val);
	if (ret)
		return ret;
	u = undo_push(nc, NC_UNDO_SYSCTL);
	snprintf(u->u.sysctl.path, sizeof(u->u.sysctl.path), "%s", path);
	snprintf(u->u.sysctl.old, sizeof(u->u.sysctl.old), "%s", old);
	return 0;
}

static int link_prepare(struct netcfg *nc, uint32_t mtu)
{
	struct netcfg_undo *u;
	struct nl_link l;
	int ret = nl_link_get(nc->nl, nc->ifname, &l);

	if (ret)
		return ret;
	if (mtu && mtu != l.mtu) {
		if (nc->n_undo == NETCFG_UNDO_MAX)
			return -ENOSPC;
		ret = nl_link_set_mtu(nc->nl, nc->ifindex, mtu);
		if (ret)
			return ret;
		u = undo_push(nc, NC_UNDO_MTU);
		u->u.link.ifindex = nc->ifindex;
		u->u.link.mtu = l.mtu;
	}
	if (!(l.flags & IFF_UP)) {
		if (nc->n_undo == NETCFG_UNDO_MAX)
			return -ENOSPC;
		ret = nl_link_set_up(nc->nl, nc->ifindex, true);
		if (ret)
			return ret;
		u = undo_push(nc, NC_UNDO_LINK_DOWN);
		u->u.link.ifindex = nc->ifindex;
	}
	return 0;
}

static int route_add(struct netcfg *nc, const struct nl_route *r, bool record)
{
	int ret;

	if (record && nc->n_undo == NETCFG_UNDO_MAX)
		return -ENOSPC;
	ret = nl_route_add(nc->nl, r);
	if (ret == -EEXIST)
		return 0; /* someone else's: leave it in place */
	if (ret)
		return ret;
	if (record)
		undo_push(nc, NC_UNDO_ROUTE_DEL)->u.route = *r;
	return 0;
}

static int rule_add(struct netcfg *nc, const struct nl_rule *r)
{
	int ret;

	if (nc->n_undo == NETCFG_UNDO_MAX)
		return -ENOSPC;
	ret = nl_rule_add(nc->nl, r);
	if (ret)
		return ret;
	undo_push(nc, NC_UNDO_RULE_DEL)->u.rule = *r;
	return 0;
}

int netcfg_routed_setup(struct netcfg *nc, uint32_t mtu, const struct netcfg_prefix *host,
			size_t n_host, const struct sct_addr *ep, size_t n_ep)
{
	size_t i, j;
	int ret = link_prepare(nc, mtu);

	if (ret)
		return ret;
	for (i = 0; i < n_host; i++) {
		struct nl_ifaddr a = {
		    .ifindex = nc->ifindex, .addr = host[i].addr, .prefix = host[i].prefix};

		if (nc->n_undo == NETCFG_UNDO_MAX)
			return -ENOSPC;
		ret = nl_addr_add(nc->nl, &a);
		if (ret == -EEXIST)
			continue;
		if (ret)
			return ret;
		undo_push(nc, NC_UNDO_ADDR_DEL)->u.addr = a;
	}
	for (i = 0; i < n_ep; i++) {
		struct nl_route r = {.dst = ep[i], .table = RT_TABLE_MAIN, .oif = nc->ifindex};
		bool covered = false;

		for (j = 0; j < n_host; j++)
			covered |= netcfg_prefix_contains(&host[j], &ep[i]);
		if (covered)
			continue;
		r.prefix = (uint8_t)(sct_addr_len(&ep[i]) * 8);
		ret = route_add(nc, &r, true);
		if (ret)
			return ret;
	}
	return 0;
}

/* ------------------------------------------------------------------ shared mode */

static const char *fam_dir(uint8_t family)
{
	return family == AF_INET ? "ipv4" : "ipv6";
}

/* Forwarding on one interface for @family; returns true in *@was_off when we turned it on. */
static int forwarding_on(struct netcfg *nc, uint8_t family, const char *ifname, bool *was_off)
{
	char path[NETCFG_SYSCTL_PATH], old[NETCFG_SYSCTL_VAL];
	const char *knob = family == AF_INET ? "forwarding" : "force_forwarding";
	int ret;

	snprintf(path, sizeof(path), "/proc/sys/net/%s/conf/%s/%s", fam_dir(family), ifname, knob);
	ret = netcfg_sysctl_read(path, old, sizeof(old));
	if (ret == -ENOENT && family == AF_INET6) {
		/* Before 6.17 IPv6 forwarding is only global. */
		snprintf(path, sizeof(path), "/proc/sys/net/ipv6/conf/all/forwarding");
		ret = netcfg_sysctl_read(path, old, sizeof(old));
	}
	if (ret)
		return ret;
	*was_off = strcmp(old, "0") == 0;
	return sysctl_set(nc, path, "1");
}

/* An interface carries host addresses: let SCTP to them be forwarded into the TUN. */
static int shared_iface(struct netcfg *nc, int ifindex)
{
	static const uint8_t fams[] = {AF_INET, AF_INET6};
	char name[IF_NAMESIZE];
	size_t i;
	int ret;

	if (ifindex == nc->ifindex)
		return 0;
	for (i = 0; i < nc->n_fwd_ifs; i++)
		if (nc->fwd_ifs[i] == ifindex)
			return 0;
	if (nc->n_fwd_ifs == NETCFG_SHARED_ADDRS_MAX)
		return -ENOSPC;
	if (!if_indextoname((unsigned int)ifindex, name))
		return -ENODEV;
	if (!strcmp(name, "lo"))
		return 0;
	for (i = 0; i < sizeof(fams); i++) {
		struct nl_rule r = {
		    .family = fams[i], .action = FR_ACT_BLACKHOLE, .pref = NETCFG_LOCAL_PREF + 1};
		bool was_off = false;

		ret = forwarding_on(nc, fams[i], name, &was_off);
		if (ret)
			return ret;
		if (!was_off)
			continue; /* the administrator routes: keep routing */
		snprintf(r.iif, sizeof(r.iif), "%s", name);
		ret = rule_add(nc, &r);
		if (ret)
			return ret;
	}
	nc->fwd_ifs[nc->n_fwd_ifs++] = ifindex;
	return 0;
}

static bool shared_addr_wanted(const struct netcfg *nc, const struct nl_ifaddr *a)
{
	return a->ifindex != nc->ifindex && !sct_addr_is_loopback(&a->addr) &&
	       !sct_addr_is_linklocal(&a->addr);
}

static int shared_addr_add(struct netcfg *nc, const struct nl_ifaddr *a)
{
	struct nl_route r = {.dst = a->addr, .table = NETCFG_SHARED_TABLE, .oif = nc->ifindex};
	size_t i;
	int ret;

	if (!shared_addr_wanted(nc, a))
		return 0;
	r.dst.scope = 0;
	r.prefix = (uint8_t)(sct_addr_len(&r.dst) * 8);
	for (i = 0; i < nc->n_routes; i++)
		if (sct_addr_eq(&nc->routes[i].dst, &r.dst))
			return 0;
	if (nc->n_routes == NETCFG_SHARED_ADDRS_MAX)
		return -ENOSPC;
	ret = shared_iface(nc, a->ifindex);
	if (ret)
		return ret;
	ret = nl_route_add(nc->nl, &r);
	if (ret && ret != -EEXIST)
		return ret;
	nc->routes[nc->n_routes++] = r;
	return 0;
}

static int shared_addr_del(struct netcfg *nc, const struct nl_ifaddr *a)
{
	struct sct_addr dst = a->addr;
	size_t i;

	dst.scope = 0;
	for (i = 0; i < nc->n_routes; i++) {
		if (!sct_addr_eq(&nc->routes[i].dst, &dst))
			continue;
		nl_route_del(nc->nl, &nc->routes[i]);
		nc->routes[i] = nc->routes[--nc->n_routes];
		return 0;
	}
	return 0;
}

struct addr_list {
	size_t n;
	struct nl_ifaddr a[NETCFG_SHARED_ADDRS_MAX];
};

/* Collect only: a dump callback must not send on the socket whose answer it is reading. */
static int addr_collect_cb(const struct nl_ifaddr *a, void *data)
{
	struct addr_list *l = data;

	if (l->n == NETCFG_SHARED_ADDRS_MAX)
		return -ENOSPC;
	l->a[l->n++] = *a;
	return 0;
}

struct local_rule_find {
	uint32_t pref;
	bool found;
};

static int local_rule_cb(const struct nl_rule *r, void *data)
{
	struct local_rule_find *f = data;

	if (r->action == FR_ACT_TO_TBL && r->table == RT_TABLE_LOCAL && !r->iif[0] && !r->ipproto &&
	    !f->found) {
		f->found = true;
		f->pref = r->pref;
	}
	return 0;
}

static int shared_rules(struct netcfg *nc, uint8_t family)
{
	struct nl_rule goto_local = {.family = family,
				     .action = FR_ACT_GOTO,
				     .pref = NETCFG_SHARED_PREF,
				     .target = NETCFG_LOCAL_PREF};
	struct nl_rule steer = {.family = family,
				.action = FR_ACT_TO_TBL,
				.pref = NETCFG_SHARED_PREF + 1,
				.table = NETCFG_SHARED_TABLE,
				.ipproto = IPPROTO_SCTP_NUM};
	struct nl_rule local = {.family = family,
				.action = FR_ACT_TO_TBL,
				.pref = NETCFG_LOCAL_PREF,
				.table = RT_TABLE_LOCAL};
	struct local_rule_find f = {0, false};
	int ret;

	snprintf(goto_local.iif, sizeof(goto_local.iif), "%s", nc->ifname);
	ret = nl_rule_dump(nc->nl, family, local_rule_cb, &f);
	if (ret)
		return ret;
	if (!f.found || f.pref != NETCFG_LOCAL_PREF) {
		ret = rule_add(nc, &local);
		if (ret)
			return ret;
	}
	ret = rule_add(nc, &goto_local);
	if (ret)
		return ret;
	ret = rule_add(nc, &steer);
	if (ret)
		return ret;
	if (f.found && f.pref < NETCFG_LOCAL_PREF) {
		struct nl_rule old = local;

		old.pref = f.pref;
		if (nc->n_undo == NETCFG_UNDO_MAX)
			return -ENOSPC;
		ret = nl_rule_del(nc->nl, &old);
		if (ret)
			return ret;
		undo_push(nc, NC_UNDO_RULE_ADD)->u.rule = old;
	}
	return 0;
}

int netcfg_shared_setup(struct netcfg *nc, uint32_t mtu)
{
	static struct addr_list list; /* 1 KiB+; sctund is single-threaded */
	char path[NETCFG_SYSCTL_PATH];
	size_t i;
	bool was_off;
	int ret = link_prepare(nc, mtu);

	list.n = 0;
	if (ret)
		return ret;
	/* Answers leave the TUN with a local source address and are forwarded out. */
	snprintf(path, sizeof(path), "/proc/sys/net/ipv4/conf/%s/accept_local", nc->ifname);
	ret = sysctl_set(nc, path, "1");
	snprintf(path, sizeof(path), "/proc/sys/net/ipv4/conf/%s/rp_filter", nc->ifname);
	if (!ret)
		ret = sysctl_set(nc, path, "2");
	if (!ret)
		ret = forwarding_on(nc, AF_INET, nc->ifname, &was_off);
	if (!ret)
		ret = forwarding_on(nc, AF_INET6, nc->ifname, &was_off);
	if (ret)
		return ret;
	nc->shared = true;
	ret = nl_addr_dump(nc->nl, 0, addr_collect_cb, &list);
	for (i = 0; !ret && i < list.n; i++)
		ret = shared_addr_add(nc, &list.a[i]);
	if (!ret)
		ret = shared_rules(nc, AF_INET);
	if (!ret)
		ret = shared_rules(nc, AF_INET6);
	return ret;
}

int netcfg_shared_event(struct netcfg *nc, const struct nl_event *ev)
{
	if (!nc->shared)
		return 0;
	switch (ev->type) {
	case NL_EV_ADDR_ADD:
		return shared_addr_add(nc, &ev->addr);
	case NL_EV_ADDR_DEL:
		return shared_addr_del(nc, &ev->addr);
	default:
		return 0;
	}
}

/* ------------------------------------------------------------------ undo */

static int undo_one(struct netcfg *nc, const struct netcfg_undo *u)
{
	switch (u->op) {
	case NC_UNDO_ADDR_DEL:
		return nl_addr_del(nc->nl, &u->u.addr);
	case NC_UNDO_ROUTE_DEL:
		return nl_route_del(nc->nl, &u->u.route);
	case NC_UNDO_RULE_DEL:
		return nl_rule_del(nc->nl, &u->u.rule);
	case NC_UNDO_RULE_ADD:
		return nl_rule_add(nc->nl, &u->u.rule);
	case NC_UNDO_SYSCTL:
		return netcfg_sysctl_write(u->u.sysctl.path, u->u.sysctl.old);
	case NC_UNDO_LINK_DOWN:
		return nl_link_set_up(nc->nl, u->u.link.ifindex, false);
	case NC_UNDO_MTU:
		return nl_link_set_mtu(nc->nl, u->u.link.ifindex, u->u.link.mtu);
	}
	return -EINVAL;
}

int netcfg_undo(struct netcfg *nc)
{
	int first = 0, ret;

	/* Table routes die with the TUN anyway; delete them for a TUN that stays. */
	while (nc->n_routes) {
		ret = nl_route_del(nc->nl, &nc->routes[--nc->n_routes]);
		if (ret && ret != -ESRCH && ret != -ENODEV && !first)
			first = ret;
	}
	while (nc->n_undo) {
		const struct netcfg_undo *u = &nc->undo[--nc->n_undo];

		ret = undo_one(nc, u);
		/* Gone already: the TUN's routes and addresses vanish with a closed TUN. */
		if (ret == -ESRCH || ret == -ENODEV || ret == -EADDRNOTAVAIL || ret == -ENOENT)
			continue;
		if (ret) {
			sct_log(SCT_LOG_WARN, "netcfg: undo step %d failed: %s%s%s", (int)u->op,
				strerror(-ret), nc->nl->errmsg[0] ? ": " : "", nc->nl->errmsg);
			if (!first)
				first = ret;
		}
	}
	nc->n_fwd_ifs = 0;
	nc->shared = false;
	return first;
}
