/* SPDX-License-Identifier: MIT */
/* udp.c: the RFC 6951 UDP encapsulation sockets (IPv4 and IPv6) on one port. */
#include "config.h"

#include "daemon/udp.h"

#include <errno.h>
#include <netinet/in.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "common/log.h"
#include "daemon/seccomp.h"

/* seccomp.c's allow-list, once the loop runs: RFC 6951 datagrams. */
SECCOMP_CALLS(udp, SC(recvmsg), SC(sendmsg), SC(close));

static int open_one(int family, uint16_t port)
{
	int one = 1, fd;
	union {
		struct sockaddr_in v4;
		struct sockaddr_in6 v6;
	} sa;
	socklen_t salen;

	fd = socket(family, SOCK_DGRAM | SOCK_NONBLOCK | SOCK_CLOEXEC, IPPROTO_UDP);
	if (fd < 0)
		return -errno;
	memset(&sa, 0, sizeof(sa));
	if (family == AF_INET) {
		sa.v4.sin_family = AF_INET;
		sa.v4.sin_port = htons(port);
		salen = sizeof(sa.v4);
		if (setsockopt(fd, IPPROTO_IP, IP_PKTINFO, &one, sizeof(one)) < 0)
			goto fail;
	} else {
		sa.v6.sin6_family = AF_INET6;
		sa.v6.sin6_port = htons(port);
		salen = sizeof(sa.v6);
		if (setsockopt(fd, IPPROTO_IPV6, IPV6_V6ONLY, &one, sizeof(one)) < 0 ||
		    setsockopt(fd, IPPROTO_IPV6, IPV6_RECVPKTINFO, &one, sizeof(one)) < 0)
			goto fail;
	}
	if (bind(fd, (struct sockaddr *)&sa, salen) < 0)
		goto fail;
	return fd;
fail:
	one = -errno;
	close(fd);
	return one;
}

int udp_open(struct udp *u, uint16_t port)
{
	u->port = port;
	u->fd[0] = open_one(AF_INET, port);
	u->fd[1] = open_one(AF_INET6, port);
	if (u->fd[1] < 0) {
		/* A namespace without IPv6 still serves IPv4. */
		sct_log(SCT_LOG_WARN, "UDP port %u over IPv6: %s", port, strerror(-u->fd[1]));
		u->fd[1] = -1;
	}
	if (u->fd[0] < 0) {
		int ret = u->fd[0];

		u->fd[0] = -1;
		if (u->fd[1] < 0)
			return ret;
		sct_log(SCT_LOG_WARN, "UDP port %u over IPv4: %s", port, strerror(-ret));
	}
	return 0;
}

void udp_close(struct udp *u)
{
	int i;

	for (i = 0; i < 2; i++) {
		if (u->fd[i] >= 0)
			close(u->fd[i]);
		u->fd[i] = -1;
	}
}

int udp_recv(int fd, uint8_t *buf, size_t cap, struct sct_addr *src, uint16_t *sport,
	     struct sct_addr *dst)
{
	union {
		struct sockaddr_in v4;
		struct sockaddr_in6 v6;
		struct sockaddr_storage ss;
	} sa;
	union {
		char buf[CMSG_SPACE(sizeof(struct in6_pktinfo))];
		struct cmsghdr align;
	} ctl;
	struct iovec iov = {.iov_base = buf, .iov_len = cap};
	struct msghdr mh = {.msg_name = &sa,
			    .msg_namelen = sizeof(sa),
			    .msg_iov = &iov,
			    .msg_iovlen = 1,
			    .msg_control = ctl.buf,
			    .msg_controllen = sizeof(ctl.buf)};
	struct cmsghdr *c;
	ssize_t n;

	n = recvmsg(fd, &mh, 0);
	if (n < 0)
		return errno == EWOULDBLOCK ? -EAGAIN : -errno;
	if (mh.msg_flags & MSG_TRUNC)
		return -EMSGSIZE;
	memset(dst, 0, sizeof(*dst));
	if (sa.ss.ss_family == AF_INET) {
		sct_addr_v4(src, (const uint8_t *)&sa.v4.sin_addr);
		*sport = ntohs(sa.v4.sin_port);
	} else {
		sct_addr_v6(src, (const uint8_t *)&sa.v6.sin6_addr);
		if (sct_addr_is_linklocal(src))
			src->scope = sa.v6.sin6_scope_id;
		*sport = ntohs(sa.v6.sin6_port);
	}
	for (c = CMSG_FIRSTHDR(&mh); c; c = CMSG_NXTHDR(&mh, c)) {
		if (c->cmsg_level == IPPROTO_IP && c->cmsg_type == IP_PKTINFO) {
			struct in_pktinfo pi;

			memcpy(&pi, CMSG_DATA(c), sizeof(pi));
			sct_addr_v4(dst, (const uint8_t *)&pi.ipi_addr);
		} else if (c->cmsg_level == IPPROTO_IPV6 && c->cmsg_type == IPV6_PKTINFO) {
			struct in6_pktinfo pi;

			memcpy(&pi, CMSG_DATA(c), sizeof(pi));
			sct_addr_v6(dst, (const uint8_t *)&pi.ipi6_addr);
			if (sct_addr_is_linklocal(dst))
				dst->scope = pi.ipi6_ifindex;
		}
	}
	return (int)n;
}

int udp_send(struct udp *u, const struct sct_addr *src, const struct sct_addr *dst, uint16_t dport,
	     const void *buf, size_t len)
{
	union {
		struct sockaddr_in v4;
		struct sockaddr_in6 v6;
	} sa;
	union {
		char buf[CMSG_SPACE(sizeof(struct in6_pktinfo))];
		struct cmsghdr align;
	} ctl;
	struct iovec iov = {.iov_base = (void *)buf, .iov_len = len};
	struct msghdr mh = {.msg_name = &sa, .msg_iov = &iov, .msg_iovlen = 1};
	bool v4 = dst->af == SCT_AF_INET4;
	int fd = u->fd[v4 ? 0 : 1];
	struct cmsghdr *c;

	if (fd < 0 || (dst->af != SCT_AF_INET4 && dst->af != SCT_AF_INET6))
		return -EAFNOSUPPORT;
	memset(&sa, 0, sizeof(sa));
	memset(&ctl, 0, sizeof(ctl));
	if (v4) {
		sa.v4.sin_family = AF_INET;
		sa.v4.sin_port = htons(dport);
		memcpy(&sa.v4.sin_addr, dst->b, 4);
		mh.msg_namelen = sizeof(sa.v4);
	} else {
		sa.v6.sin6_family = AF_INET6;
		sa.v6.sin6_port = htons(dport);
		memcpy(&sa.v6.sin6_addr, dst->b, 16);
		sa.v6.sin6_scope_id = dst->scope;
		mh.msg_namelen = sizeof(sa.v6);
	}
	/* The association's own source address, so the peer sees the address it knows. */
	if (src && src->af == dst->af && !sct_addr_is_any(src)) {
		mh.msg_control = ctl.buf;
		c = (struct cmsghdr *)ctl.buf;
		if (v4) {
			struct in_pktinfo pi = {0};

			memcpy(&pi.ipi_spec_dst, src->b, 4);
			mh.msg_controllen = CMSG_SPACE(sizeof(pi));
			c->cmsg_level = IPPROTO_IP;
			c->cmsg_type = IP_PKTINFO;
			c->cmsg_len = CMSG_LEN(sizeof(pi));
			memcpy(CMSG_DATA(c), &pi, sizeof(pi));
		} else {
			struct in6_pktinfo pi = {0};

			memcpy(&pi.ipi6_addr, src->b, 16);
			mh.msg_controllen = CMSG_SPACE(sizeof(pi));
			c->cmsg_level = IPPROTO_IPV6;
			c->cmsg_type = IPV6_PKTINFO;
			c->cmsg_len = CMSG_LEN(sizeof(pi));
			memcpy(CMSG_DATA(c), &pi, sizeof(pi));
		}
	}
	if (sendmsg(fd, &mh, MSG_DONTWAIT) < 0)
		return errno == EWOULDBLOCK ? -EAGAIN : -errno;
	return 0;
}
