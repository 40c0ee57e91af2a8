/* SPDX-License-Identifier: MIT */
/* netcfg.h: configure the TUN and the namespace for routed or shared mode, and undo it. */
#ifndef SCTUND_NETCFG_H
#define SCTUND_NETCFG_H

#include <net/if.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "common/addr.h"
#include "daemon/nl.h"

/* Changes one netcfg can remember (each is one undo step); past it setup fails. */
#define NETCFG_UNDO_MAX 96
/* Host addresses shared mode steers SCTP for at once (one table route each). */
#define NETCFG_SHARED_ADDRS_MAX 32
/* Shared mode: routing table whose routes lead into the TUN (132 = IPPROTO_SCTP). */
#define NETCFG_SHARED_TABLE 132
/* Shared mode rule preferences: PREF "iif TUN goto LOCAL", PREF+1 "ipproto sctp lookup 132",
 * LOCAL "lookup local" (moved from 0), LOCAL+1 "iif IF blackhole" per interface. */
#define NETCFG_SHARED_PREF 10
#define NETCFG_LOCAL_PREF  100
/* Longest sysctl path and value we save. */
#define NETCFG_SYSCTL_PATH 96
#define NETCFG_SYSCTL_VAL  16

/** struct netcfg_prefix - an address with its prefix length (--host-addr ADDR/PREFIX) */
struct netcfg_prefix {
	struct sct_addr addr;
	uint8_t prefix;
};

enum netcfg_undo_op {
	NC_UNDO_ADDR_DEL = 1,
	NC_UNDO_ROUTE_DEL,
	NC_UNDO_RULE_DEL,
	NC_UNDO_RULE_ADD,
	NC_UNDO_SYSCTL,
	NC_UNDO_LINK_DOWN,
	NC_UNDO_MTU,
};

/** struct netcfg_undo - one change to take back */
struct netcfg_undo {
	enum netcfg_undo_op op;
	union {
		struct nl_ifaddr addr;
		struct nl_route route;
		struct nl_rule rule;
		struct {
			char path[NETCFG_SYSCTL_PATH];
			char old[NETCFG_SYSCTL_VAL];
		} sysctl;
		struct {
			int ifindex;
			uint32_t mtu;
		} link;
	} u;
};

/**
 * struct netcfg - what sctund changed in its network namespace
 * @nl:       request socket (not owned)
 * @ifname:   the TUN
 * @ifindex:  its index
 * @shared:   shared mode was set up (netcfg_shared_event() has work to do)
 * @undo:     changes, undone last to first
 * @routes:   shared mode: table routes per host address (changed by events)
 * @fwd_ifs:  shared mode: interfaces whose forwarding we already handled
 */
struct netcfg {
	struct nl *nl;
	char ifname[IF_NAMESIZE];
	int ifindex;
	bool shared;
	size_t n_undo;
	struct netcfg_undo undo[NETCFG_UNDO_MAX];
	size_t n_routes;
	struct nl_route routes[NETCFG_SHARED_ADDRS_MAX];
	size_t n_fwd_ifs;
	int fwd_ifs[NETCFG_SHARED_ADDRS_MAX];
};

/**
 * netcfg_init() - start with nothing changed, for the link @ifname
 * Return: 0, or as nl_link_get() (-ENODEV, -EINVAL...).
 */
int netcfg_init(struct netcfg *nc, struct nl *nl, const char *ifname);

/**
 * netcfg_routed_setup() - routed mode: sctund owns @ep behind the TUN
 * @mtu:   MTU to set, 0 to keep the link's
 * @host:  addresses for the host side of the TUN (IPv6 ones without DAD)
 * @ep:    sctund's own addresses (-a); each one outside every @host prefix of its family
 *         gets a host route through the TUN in the main table
 *
 * Sets the MTU, adds the addresses, brings the link up, adds the routes, recording each
 * change. Addresses and routes that already exist are kept and not recorded.
 * On failure the caller logs nc->nl->errmsg and calls netcfg_undo().
 *
 * Return: 0, -ENOSPC when NETCFG_UNDO_MAX is reached, or as nl_request() (-EPERM without
 * CAP_NET_ADMIN, -EINVAL for a bad MTU or prefix...).
 */
int netcfg_routed_setup(struct netcfg *nc, uint32_t mtu, const struct netcfg_prefix *host,
			size_t n_host, const struct sct_addr *ep, size_t n_ep);

/**
 * netcfg_shared_setup() - shared mode: SCTP to the namespace's own addresses goes to the
 * TUN, TCP and UDP stay with the kernel (see the theory of operation in netcfg.c)
 * @mtu: MTU to set, 0 to keep the link's
 *
 * Return: 0, -ENOSPC, -EEXIST when rules already sit at the preferences we use, -errno of
 * a sysctl file (-ENOENT, -EACCES), or as nl_request() (-EPERM...).
 */
int netcfg_shared_setup(struct netcfg *nc, uint32_t mtu);

/**
 * netcfg_shared_event() - follow the namespace's addresses in shared mode: a new address
 * gets its table route (and its interface forwarding), a removed one loses its route
 * Return: 0 (also for events that change nothing), -ENOSPC past NETCFG_SHARED_ADDRS_MAX, or
 * as nl_request().
 */
int netcfg_shared_event(struct netcfg *nc, const struct nl_event *ev);

/**
 * netcfg_undo() - take back every recorded change, last first; errors are logged and the
 * rest still undone (an interface that vanished took its routes with it).
 * Return: 0, or the first error met.
 */
int netcfg_undo(struct netcfg *nc);

/**
 * netcfg_sysctl_read() - read a /proc/sys file's first line into @buf (no newline)
 * Return: 0, -ENAMETOOLONG/-EOVERFLOW for a value too long, or -errno of open/read.
 */
int netcfg_sysctl_read(const char *path, char *buf, size_t len);
/** netcfg_sysctl_write() - write @val. Return: 0 or -errno of open/write (-EACCES, -EROFS). */
int netcfg_sysctl_write(const char *path, const char *val);

/** netcfg_prefix_contains() - true when @a is inside @p (same family, first p->prefix bits). */
bool netcfg_prefix_contains(const struct netcfg_prefix *p, const struct sct_addr *a);

#endif /* SCTUND_NETCFG_H */
