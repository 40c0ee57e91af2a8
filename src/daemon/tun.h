/* SPDX-License-Identifier: MIT */
/* tun.h: open a TUN interface: create it, or attach to a persistent one. */
#ifndef SCTUND_TUN_H
#define SCTUND_TUN_H

#include <net/if.h>
#include <stdbool.h>

/**
 * tun_open() - open the TUN interface @name (IFF_TUN | IFF_NO_PI) for raw IP packets
 * @name:      interface name; "" lets the kernel pick tunN
 * @create_ok: false: only attach to an interface that exists (an administrator's
 *             `ip tuntap add NAME mode tun user U`), never create one
 * @out_name:  the interface's name (IF_NAMESIZE bytes), may be NULL
 * @ifindex:   its index, may be NULL
 *
 * TUNSETIFF attaches when @name is an existing persistent TUN (allowed for its owner user
 * or group, or with CAP_NET_ADMIN) and creates it otherwise (needs CAP_NET_ADMIN in the
 * network namespace's user namespace, so `unshare -Urn` is enough).
 *
 * Return: a non-blocking, close-on-exec descriptor, or
 * -ENODEV    @create_ok is false and there is no such interface,
 * -EPERM     not the TUN's owner and no CAP_NET_ADMIN (see tun_hint()),
 * -EBUSY     another process holds it (single-queue TUN),
 * -EINVAL    @name is too long or is not a TUN (a TAP, or another kind of link),
 * -ENOENT    no /dev/net/tun (the tun module is missing),
 * -EACCES    /dev/net/tun is not open to this user,
 * or another -errno of open(2)/ioctl(2).
 */
int tun_open(const char *name, bool create_ok, char *out_name, int *ifindex);

/** tun_hint() - a sentence for the user about tun_open()'s error @err ("" if none). */
const char *tun_hint(int err);

#endif /* SCTUND_TUN_H */
