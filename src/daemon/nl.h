/* SPDX-License-Identifier: MIT */
/* nl.h: the one small rtnetlink wrapper over libmnl (requests, dumps, events). */
#ifndef SCTUND_NL_H
#define SCTUND_NL_H

#include <linux/netlink.h>
#include <net/if.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "common/addr.h"

struct mnl_socket;

/* Longest kernel extended-ACK message kept for the logs (longer ones are cut). */
#define NL_ERRMSG_MAX 128

/* Receive buffer: one netlink datagram; the kernel caps dump parts at 32 KiB. */
#define NL_BUF_SIZE 32768

/**
 * struct nl - one rtnetlink socket
 * @sk:     the libmnl socket
 * @portid: our netlink port id
 * @seq:    sequence number of the last request
 * @errmsg: the kernel's extended-ACK message for the last failed request ("" if none)
 * @buf:    receive buffer
 */
struct nl {
	struct mnl_socket *sk;
	uint32_t portid;
	uint32_t seq;
	char errmsg[NL_ERRMSG_MAX];
	uint8_t buf[NL_BUF_SIZE];
};

/* Multicast groups for nl_open(): the ones the event loop follows. */
#define NL_GROUPS_EVENTS 1u

/**
 * nl_open() - open and bind an rtnetlink socket with extended ACKs and strict checking
 * @nl:     socket to fill
 * @groups: 0 for a request socket; NL_GROUPS_EVENTS for an event socket (non-blocking,
 *          subscribed to RTNLGRP_LINK, RTNLGRP_IPV4_IFADDR and RTNLGRP_IPV6_IFADDR)
 *
 * Strict checking (NETLINK_GET_STRICT_CHK) makes the kernel filter dumps by the header
 * fields we set and reject what it does not understand instead of ignoring it.
 *
 * Return: 0, or -errno of socket(2)/bind(2)/setsockopt(2) (-EPROTONOSUPPORT, -EMFILE,
 * -ENOBUFS, -ENOMEM...).
 */
int nl_open(struct nl *nl, unsigned int groups);

/** nl_close() - close the socket; safe on a closed or never-opened (zeroed) one. */
void nl_close(struct nl *nl);

/** nl_fd() - the descriptor to poll, or -1 when closed. */
int nl_fd(const struct nl *nl);

/**
 * nl_msg_new() - start a message in @buf (room for the header and its attributes)
 * @type:  RTM_* type
 * @flags: NLM_F_* flags besides NLM_F_REQUEST (which is always set)
 * @hdr:   family header to copy after the netlink header (ifinfomsg, ifaddrmsg...)
 * @hlen:  its length
 * Return: the message, to which the caller adds attributes with mnl_attr_put*().
 */
struct nlmsghdr *nl_msg_new(void *buf, uint16_t type, uint16_t flags, const void *hdr, size_t hlen);

/**
 * nl_ack_parse() - decode an NLMSG_ERROR message (pure: no socket)
 * @nlh:    the message (its nlmsg_len must fit in @len)
 * @len:    bytes available at @nlh
 * @msg:    where to copy the extended-ACK message (NUL-terminated, may be cut); may be NULL
 * @msglen: size of @msg
 *
 * Return: 0 for an ACK, the request's -errno for an error, -EBADMSG when the message is not
 * a well-formed NLMSG_ERROR.
 */
int nl_ack_parse(const struct nlmsghdr *nlh, size_t len, char *msg, size_t msglen);

/**
 * nl_request() - send a request with NLM_F_ACK and wait for the kernel's answer
 * @nl:  request socket
 * @nlh: message from nl_msg_new(); its sequence number is set here
 *
 * On failure the kernel's extended-ACK message, if any, is in @nl->errmsg for the logs.
 * Return: 0, the kernel's -errno (-EPERM without CAP_NET_ADMIN, -EEXIST, -ENODEV,
 * -EADDRNOTAVAIL, -ESRCH, -EINVAL...), or -errno of send/recv (-EINTR, -ENOBUFS),
 * -EBADMSG for a malformed answer.
 */
int nl_request(struct nl *nl, struct nlmsghdr *nlh);

/*
 * Called by nl_dump() for each message; return 0 to go on, a negative error to stop. A callback
 * must not send on the same socket: the rest of the dump is still to be read from it.
 */
typedef int (*nl_msg_cb)(const struct nlmsghdr *nlh, void *data);

/**
 * nl_dump() - send a dump request (NLM_F_DUMP is set here) and call @cb per message
 * Return: 0, the first negative value @cb returned, the kernel's -errno (with @nl->errmsg),
 * -errno of send/recv, or -EBADMSG.
 */
int nl_dump(struct nl *nl, struct nlmsghdr *nlh, nl_msg_cb cb, void *data);

/* ------------------------------------------------------------------ objects */

/** struct nl_link - what we use of an RTM_NEWLINK message */
struct nl_link {
	int ifindex;
	char name[IF_NAMESIZE];
	uint32_t mtu;
	uint32_t flags; /* IFF_UP, IFF_RUNNING, IFF_LOWER_UP... */
};

/** struct nl_ifaddr - an interface address (RTM_NEWADDR/RTM_DELADDR) */
struct nl_ifaddr {
	int ifindex;
	struct sct_addr addr; /* IFA_LOCAL for IPv4 (IFA_ADDRESS is the peer on p-t-p) */
	uint8_t prefix;
	uint32_t flags; /* IFA_F_* (IFA_FLAGS when present) */
	uint8_t scope;
};

/** struct nl_route - a unicast route to @dst/@prefix through @oif in @table */
struct nl_route {
	struct sct_addr dst; /* family comes from here */
	uint8_t prefix;
	uint32_t table;
	int oif;
};

/**
 * struct nl_rule - a policy routing rule (RTM_NEWRULE)
 * @family:  AF_INET or AF_INET6
 * @pref:    FRA_PRIORITY
 * @action:  FR_ACT_TO_TBL (lookup), FR_ACT_GOTO, FR_ACT_BLACKHOLE...
 * @table:   table for FR_ACT_TO_TBL
 * @target:  rule preference for FR_ACT_GOTO
 * @ipproto: FRA_IP_PROTO, 0 for any
 * @iif:     FRA_IIFNAME, "" for any
 */
struct nl_rule {
	uint8_t family;
	uint8_t action;
	uint8_t ipproto;
	uint32_t pref;
	uint32_t table;
	uint32_t target;
	char iif[IF_NAMESIZE];
};

/**
 * nl_parse_link() - RTM_NEWLINK/RTM_DELLINK into @l (pure)
 * Return: 0, -EBADMSG for a short or malformed message or attribute, -ENOMSG for another type.
 */
int nl_parse_link(const struct nlmsghdr *nlh, struct nl_link *l);
/**
 * nl_parse_addr() - RTM_NEWADDR/RTM_DELADDR into @a (pure)
 * Return: 0, -EBADMSG (short, malformed, or no address), -EAFNOSUPPORT (not IPv4/IPv6),
 * -ENOMSG for another type.
 */
int nl_parse_addr(const struct nlmsghdr *nlh, struct nl_ifaddr *a);
/**
 * nl_parse_rule() - RTM_NEWRULE into @r (pure)
 * Return: 0, -EBADMSG, -ENOMSG for another type.
 */
int nl_parse_rule(const struct nlmsghdr *nlh, struct nl_rule *r);

/* ------------------------------------------------------------------ helpers */

/**
 * nl_link_get() - look a link up by name
 * Return: 0, -ENODEV when there is no such link, -EINVAL for a name too long, or as
 * nl_request().
 */
int nl_link_get(struct nl *nl, const char *name, struct nl_link *l);
/** nl_link_set_mtu() - set the MTU. Return: 0 or as nl_request() (-EPERM, -EINVAL). */
int nl_link_set_mtu(struct nl *nl, int ifindex, uint32_t mtu);
/** nl_link_set_up() - set IFF_UP or clear it. Return: 0 or as nl_request() (-EPERM). */
int nl_link_set_up(struct nl *nl, int ifindex, bool up);
/**
 * nl_addr_add() - add @a (IPv6 ones with IFA_F_NODAD: the TUN has no neighbours to ask)
 * Return: 0, -EAFNOSUPPORT, or as nl_request() (-EEXIST, -EPERM, -EINVAL).
 */
int nl_addr_add(struct nl *nl, const struct nl_ifaddr *a);
/** nl_addr_del() - delete @a. Return: 0, -EAFNOSUPPORT, or as nl_request() (-EADDRNOTAVAIL). */
int nl_addr_del(struct nl *nl, const struct nl_ifaddr *a);

/* Called per address by nl_addr_dump(); return 0 to go on or a negative error to stop. */
typedef int (*nl_addr_cb)(const struct nl_ifaddr *a, void *data);
/**
 * nl_addr_dump() - every IPv4 and IPv6 address of @ifindex (0: of every link)
 * Return: 0 or as nl_dump().
 */
int nl_addr_dump(struct nl *nl, int ifindex, nl_addr_cb cb, void *data);

/** nl_route_add() - add @r. Return: 0, -EAFNOSUPPORT, or as nl_request() (-EEXIST). */
int nl_route_add(struct nl *nl, const struct nl_route *r);
/** nl_route_del() - delete @r. Return: 0, -EAFNOSUPPORT, or as nl_request() (-ESRCH). */
int nl_route_del(struct nl *nl, const struct nl_route *r);

/** nl_rule_add() - add @r. Return: 0, -EAFNOSUPPORT, or as nl_request() (-EEXIST). */
int nl_rule_add(struct nl *nl, const struct nl_rule *r);
/** nl_rule_del() - delete the rule matching @r. Return: 0 or as nl_request() (-ENOENT). */
int nl_rule_del(struct nl *nl, const struct nl_rule *r);
typedef int (*nl_rule_cb)(const struct nl_rule *r, void *data);
/** nl_rule_dump() - every rule of @family. Return: 0 or as nl_dump(). */
int nl_rule_dump(struct nl *nl, uint8_t family, nl_rule_cb cb, void *data);

/* ------------------------------------------------------------------ events */

enum nl_event_type {
	NL_EV_LINK = 1, /* link changed: flags and mtu are current */
	NL_EV_LINK_DEL,
	NL_EV_ADDR_ADD,
	NL_EV_ADDR_DEL,
};

/** struct nl_event - one netlink notification, parsed */
struct nl_event {
	enum nl_event_type type;
	struct nl_link link;   /* NL_EV_LINK, NL_EV_LINK_DEL */
	struct nl_ifaddr addr; /* NL_EV_ADDR_* */
};

/**
 * nl_event_parse() - one notification message into @ev (pure)
 * Return: 0, -ENOMSG for a message type we do not follow, or as nl_parse_link()/_addr().
 */
int nl_event_parse(const struct nlmsghdr *nlh, struct nl_event *ev);

/**
 * nl_event_read() - read one datagram from an event socket and parse what it holds
 * @evs: room for @max events; messages past @max are dropped (and counted in the return
 *       value only up to @max), unparseable ones are skipped
 *
 * Return: the number of events (0 when the datagram held none we follow), -EAGAIN when
 * nothing is queued, -ENOBUFS when the kernel dropped notifications (the caller must
 * re-read the state with nl_link_get() and nl_addr_dump()), or -errno of recv.
 */
int nl_event_read(struct nl *nl, struct nl_event *evs, size_t max);

#endif /* SCTUND_NL_H */
