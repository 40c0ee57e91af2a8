/* SPDX-License-Identifier: MIT */
/* udp.h: the RFC 6951 UDP encapsulation sockets (IPv4 and IPv6) on one port. */
#ifndef SCTUND_UDP_H
#define SCTUND_UDP_H

#include <stddef.h>
#include <stdint.h>

#include "common/addr.h"

/*
 * Two sockets rather than one dual-stack socket: IPv4-mapped addresses would
 * reach the core as IPv6 ones, and a namespace may have IPv6 disabled (the
 * IPv6 socket is then simply missing).
 */
struct udp {
	int fd[2]; /* [0] IPv4, [1] IPv6; -1 when not open */
	uint16_t port;
};

/**
 * udp_open() - bind the wildcard addresses of both families to @port, non-blocking, with
 * IP_PKTINFO / IPV6_RECVPKTINFO so each datagram says which local address it came to
 * (the core needs it as the packet's destination).
 *
 * Return: 0 when at least the IPv4 socket or the IPv6 socket is bound; -errno of the IPv4
 * socket(2)/bind(2) otherwise (-EADDRINUSE, -EACCES...).
 */
int udp_open(struct udp *u, uint16_t port);

/** udp_close() - close both sockets (safe on a closed or zeroed-then-opened struct). */
void udp_close(struct udp *u);

/**
 * udp_recv() - read one datagram from @fd (one of @u->fd).
 * @src, @sport: where it came from
 * @dst:         the local address it was sent to
 *
 * Return: its length; -EAGAIN when nothing is queued; -EMSGSIZE for a datagram larger
 * than @cap (dropped); or another -errno of recvmsg(2).
 */
int udp_recv(int fd, uint8_t *buf, size_t cap, struct sct_addr *src, uint16_t *sport,
	     struct sct_addr *dst);

/**
 * udp_send() - send @len bytes from local @src (AF_NONE: the kernel chooses) to @dst:@dport.
 * Return: 0; -EAFNOSUPPORT when the socket of @dst's family is not open; -errno of
 * sendmsg(2) (-EAGAIN when the socket buffer is full, -EMSGSIZE, -ENETUNREACH...).
 */
int udp_send(struct udp *u, const struct sct_addr *src, const struct sct_addr *dst, uint16_t dport,
	     const void *buf, size_t len);

#endif /* SCTUND_UDP_H */
