/* SPDX-License-Identifier: MIT */
/* opts.h: sctund's command line, parsed and validated into struct sctund_opts. */
#ifndef SCTUND_OPTS_H
#define SCTUND_OPTS_H

#include <net/if.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/types.h>
#include <sys/un.h>

#include "common/addr.h"
#include "sctp/settings.h"

/* Bounds on the repeatable options (STYLE.md 8: every table has a limit). */
#define OPTS_MAX_ADDRS	    16 /* -a: SCTP multi-homing rarely uses more than a handful */
#define OPTS_MAX_HOST_ADDRS 16 /* --host-addr */
#define OPTS_MAX_SETS	    64 /* --set */
#define OPTS_MAX_ECHO	    8  /* --echo: a test service, a few ports are plenty */

#define OPTS_IFNAME_DEFAULT   "sctun0"
#define OPTS_MTU_DEFAULT      1500u
#define OPTS_MTU_MIN	      576u  /* RFC 791: every IPv4 host accepts 576-byte datagrams */
#define OPTS_MTU_MIN_IPV6     1280u /* RFC 8200 5: the IPv6 minimum link MTU */
#define OPTS_MTU_MAX	      65535u
#define OPTS_UDP_PORT_DEFAULT 9899u /* RFC 6951 5.1: the IANA-registered sctp-tunneling port */
#define OPTS_SOCKET_ROOT      "/run/sctun/sctund.sock"
#define OPTS_SOCKET_USER      "sctun/sctund.sock" /* under $XDG_RUNTIME_DIR */

enum opts_log {
	OPTS_LOG_DEFAULT = 0, /* stderr with -f, syslog otherwise */
	OPTS_LOG_STDERR,
	OPTS_LOG_SYSLOG,
};

/* An address with its prefix length, as --host-addr takes it. */
struct opts_prefix {
	struct sct_addr addr;
	uint8_t len;
};

struct sctund_opts {
	char ifname[IFNAMSIZ]; /* -i; OPTS_IFNAME_DEFAULT unless UDP-only */
	bool tun;	       /* use a TUN: -i given, or -u not given */
	struct opts_prefix host_addrs[OPTS_MAX_HOST_ADDRS]; /* --host-addr */
	unsigned n_host_addrs;
	struct sct_addr addrs[OPTS_MAX_ADDRS]; /* -a */
	unsigned n_addrs;
	uint32_t mtu;	   /* --mtu; OPTS_MTU_DEFAULT */
	bool mtu_set;	   /* --mtu was given (attaching leaves the MTU alone otherwise) */
	bool udp;	   /* -u: RFC 6951 UDP encapsulation */
	uint16_t udp_port; /* its port; OPTS_UDP_PORT_DEFAULT */
	char socket_path[sizeof(((struct sockaddr_un *)0)->sun_path)]; /* -S */
	const char *pcap_path;					       /* --pcap, or NULL */
	struct sct_settings settings;				       /* --set */
	bool foreground;					       /* -f */
	int verbose;						       /* -v, repeatable */
	bool shared;						       /* --shared */
	const char *user;					       /* --user, or NULL */
	uid_t uid;						       /* ...resolved */
	gid_t gid;
	enum opts_log log;		    /* --log */
	uint16_t echo_ports[OPTS_MAX_ECHO]; /* --echo: built-in echo service ports */
	unsigned n_echo;
	bool no_seccomp; /* --no-seccomp: no system call filter (debugging) */
	/* --set max_socks_per_uid: sctund's own setting (uquota.h); 0: the default */
	uint32_t max_socks_per_uid;
};

/**
 * opts_parse() - parse and validate sctund's command line.
 * @o:      filled with the defaults, then the options
 * @argc:   argument count, as main() got it
 * @argv:   arguments; @o keeps pointers into them (--pcap, --user)
 * @err:    on -EINVAL, one line (no newline) naming the option and the value
 * @errlen: size of @err
 *
 * --help and --version print to stdout.  Uses getopt_long(), resetting it
 * first, so it may be called more than once (tests do).
 *
 * Return: 0 when the daemon should run; 1 when --help or --version was
 * printed (exit 0); -EINVAL for a bad command line (exit 2).
 */
int opts_parse(struct sctund_opts *o, int argc, char **argv, char *err, size_t errlen);

/**
 * opts_default_socket() - the default IPC socket path for a user.
 * @buf:  output
 * @len:  its size
 * @euid: effective user; 0 gives OPTS_SOCKET_ROOT
 * @xdg:  $XDG_RUNTIME_DIR, or NULL when unset
 *
 * Return: 0; -ENOENT when @euid is not 0 and @xdg is unset, empty or not
 * absolute; -ENAMETOOLONG when the path does not fit in @buf.
 */
int opts_default_socket(char *buf, size_t len, uid_t euid, const char *xdg);

/** opts_usage() - the --help text, listing every option with its default. */
void opts_usage(FILE *f);

#endif /* SCTUND_OPTS_H */
