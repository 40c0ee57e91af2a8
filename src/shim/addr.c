/* SPDX-License-Identifier: MIT */
/* addr.c: sockaddr_in / sockaddr_in6 <-> struct sct_ipc_addr, and kernel-style copy-out. */
#include "shim/shim.h"

#include <errno.h>
#include <netinet/in.h>
#include <string.h>

static const uint8_t v4mapped_prefix[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};

int shim_addr_from_sockaddr(const struct sockaddr *sa, socklen_t len, struct sct_ipc_addr *out)
{
	struct sockaddr_in sin;
	struct sockaddr_in6 sin6;
	sa_family_t fam;

	if (!sa || len < (socklen_t)sizeof(sa_family_t))
		return -EINVAL;
	memcpy(&fam, sa, sizeof(fam)); /* the caller's buffer may be unaligned */
	memset(out, 0, sizeof(*out));
	switch (fam) {
	case AF_INET:
		if (len < (socklen_t)sizeof(sin))
			return -EINVAL;
		memcpy(&sin, sa, sizeof(sin));
		out->family = SCT_IPC_AF_INET;
		out->port = ntohs(sin.sin_port);
		memcpy(out->addr, &sin.sin_addr, 4);
		return 0;
	case AF_INET6:
		if (len < (socklen_t)sizeof(sin6))
			return -EINVAL;
		memcpy(&sin6, sa, sizeof(sin6));
		out->port = ntohs(sin6.sin6_port);
		if (!memcmp(sin6.sin6_addr.s6_addr, v4mapped_prefix, 12)) {
			out->family = SCT_IPC_AF_INET;
			memcpy(out->addr, sin6.sin6_addr.s6_addr + 12, 4);
			return 0;
		}
		out->family = SCT_IPC_AF_INET6;
		out->scope = sin6.sin6_scope_id;
		memcpy(out->addr, sin6.sin6_addr.s6_addr, 16);
		return 0;
	default:
		return -EAFNOSUPPORT;
	}
}

int shim_addr_for_socket(int family, const struct sockaddr *sa, socklen_t len,
			 struct sct_ipc_addr *out)
{
	sa_family_t fam;

	if (!sa || len < (socklen_t)sizeof(sa_family_t))
		return -EINVAL;
	memcpy(&fam, sa, sizeof(fam));
	if (family == AF_INET && fam == AF_INET6)
		return -EINVAL;
	return shim_addr_from_sockaddr(sa, len, out);
}

int shim_addr_to_sockaddr(const struct sct_ipc_addr *a, int family, struct sockaddr_storage *out)
{
	struct sockaddr_in sin;
	struct sockaddr_in6 sin6;

	memset(out, 0, sizeof(*out));
	if (a->family == SCT_IPC_AF_INET && family != AF_INET6) {
		memset(&sin, 0, sizeof(sin));
		sin.sin_family = AF_INET;
		sin.sin_port = htons(a->port);
		memcpy(&sin.sin_addr, a->addr, 4);
		memcpy(out, &sin, sizeof(sin));
		return (int)sizeof(sin);
	}
	if (a->family != SCT_IPC_AF_INET && a->family != SCT_IPC_AF_INET6)
		return -EAFNOSUPPORT;
	memset(&sin6, 0, sizeof(sin6));
	sin6.sin6_family = AF_INET6;
	sin6.sin6_port = htons(a->port);
	if (a->family == SCT_IPC_AF_INET) {
		memcpy(sin6.sin6_addr.s6_addr, v4mapped_prefix, 12);
		memcpy(sin6.sin6_addr.s6_addr + 12, a->addr, 4);
	} else {
		memcpy(sin6.sin6_addr.s6_addr, a->addr, 16);
		sin6.sin6_scope_id = a->scope;
	}
	memcpy(out, &sin6, sizeof(sin6));
	return (int)sizeof(sin6);
}

int shim_addr_copy_out(const struct sockaddr_storage *ss, socklen_t len, struct sockaddr *addr,
		       socklen_t *addrlen)
{
	socklen_t n;

	if (!addr || !addrlen)
		return 0;
	if ((int)*addrlen < 0)
		return -EINVAL;
	n = *addrlen < len ? *addrlen : len;
	memcpy(addr, ss, n);
	*addrlen = len;
	return 0;
}
