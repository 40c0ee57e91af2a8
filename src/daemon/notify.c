/* SPDX-License-Identifier: MIT */
/* notify.c: sd_notify(3) in a dozen lines: one datagram to $NOTIFY_SOCKET. */
#include "config.h"

#include "daemon/notify.h"

#include <errno.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>
#include "daemon/seccomp.h"

/* seccomp.c's allow-list, once the loop runs: STOPPING=1 to $NOTIFY_SOCKET at SIGTERM. */
SECCOMP_CALLS(notify, SC_ARG(socket, 0, AF_UNIX), SC(sendto), SC(close));

int notify_send(const char *state)
{
	const char *path = getenv("NOTIFY_SOCKET");
	struct sockaddr_un sa = {.sun_family = AF_UNIX};
	size_t n;
	int fd, ret = 1;

	if (!path || !path[0])
		return 0;
	if (path[0] != '/' && path[0] != '@')
		return -EAFNOSUPPORT;
	n = strlen(path);
	if (n > sizeof(sa.sun_path))
		return -ENAMETOOLONG;
	memcpy(sa.sun_path, path, n);
	if (path[0] == '@') /* abstract namespace: a leading NUL, no terminator */
		sa.sun_path[0] = '\0';
	fd = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	if (fd < 0)
		return -errno;
	if (sendto(fd, state, strlen(state), MSG_NOSIGNAL, (struct sockaddr *)&sa,
		   (socklen_t)(offsetof(struct sockaddr_un, sun_path) + n)) < 0)
		ret = -errno;
	close(fd);
	return ret;
}
