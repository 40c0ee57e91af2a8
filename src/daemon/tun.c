/* SPDX-License-Identifier: MIT */
/* tun.c: open a TUN interface: create it, or attach to a persistent one. */
#include "config.h"

#include "daemon/tun.h"

#include <errno.h>
#include <fcntl.h>
#include <linux/if_tun.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

int tun_open(const char *name, bool create_ok, char *out_name, int *ifindex)
{
	struct ifreq ifr;
	int fd, err;

	if (strlen(name) >= IF_NAMESIZE)
		return -EINVAL;
	/* Without this check TUNSETIFF would create the interface as soon as we may. */
	if (!create_ok && (!name[0] || !if_nametoindex(name)))
		return -ENODEV;
	fd = open("/dev/net/tun", O_RDWR | O_NONBLOCK | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	memset(&ifr, 0, sizeof(ifr));
	ifr.ifr_flags = IFF_TUN | IFF_NO_PI;
	memcpy(ifr.ifr_name, name, strlen(name));
	if (ioctl(fd, TUNSETIFF, &ifr) < 0) {
		err = -errno;
		close(fd);
		return err;
	}
	if (out_name) {
		memcpy(out_name, ifr.ifr_name, IF_NAMESIZE);
		out_name[IF_NAMESIZE - 1] = '\0';
	}
	if (ifindex) {
		*ifindex = (int)if_nametoindex(ifr.ifr_name);
		if (!*ifindex) {
			err = -errno;
			close(fd);
			return err;
		}
	}
	return fd;
}

const char *tun_hint(int err)
{
	switch (err) {
	case -EPERM:
		return "creating a TUN needs CAP_NET_ADMIN (run as root, or in `unshare -Urn`); "
		       "to run as a user, have an administrator prepare one with "
		       "`ip tuntap add NAME mode tun user USER`";
	case -EACCES:
		return "/dev/net/tun is not readable and writable for this user (usually mode "
		       "0666)";
	case -ENODEV:
		return "no such interface: prepare it with `ip tuntap add NAME mode tun user USER`";
	case -EBUSY:
		return "another process has this TUN open";
	case -EINVAL:
		return "the name is too long, or the interface is not a TUN (a TAP?)";
	case -ENOENT:
		return "/dev/net/tun is missing: load the tun module (modprobe tun)";
	default:
		return "";
	}
}
