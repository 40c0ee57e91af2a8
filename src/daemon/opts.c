/* SPDX-License-Identifier: MIT */
/* opts.c: sctund's command line: getopt_long, validation, --help. */
#include "config.h"

#include "daemon/opts.h"

#include <ctype.h>
#include <errno.h>
#include <getopt.h>
#include <pwd.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "common/crc32c.h"
#include "daemon/uquota.h"

/*
 * Theory of operation
 *
 * Parsing never exits: every complaint is one line in @err naming the option
 * as the user typed it and the value, and the caller exits with status 2.
 * Options that take one value reject being given twice, so a typo in a long
 * command line is not silently overridden.  After getopt_long(), the checks
 * that involve several options run (MTU against IPv6 addresses, options that
 * need a TUN), then --set is applied (see apply_sets()).
 */

/* Long-only options get values above any character. */
enum {
	OPT_HOST_ADDR = 256,
	OPT_MTU,
	OPT_PCAP,
	OPT_SET,
	OPT_VERSION,
	OPT_SHARED,
	OPT_USER,
	OPT_LOG,
	OPT_ECHO,
	OPT_NO_SECCOMP,
};

static const struct option long_opts[] = {
    {"interface", required_argument, NULL, 'i'},
    {"host-addr", required_argument, NULL, OPT_HOST_ADDR},
    {"addr", required_argument, NULL, 'a'},
    {"mtu", required_argument, NULL, OPT_MTU},
    {"udp-port", optional_argument, NULL, 'u'},
    {"socket", required_argument, NULL, 'S'},
    {"pcap", required_argument, NULL, OPT_PCAP},
    {"set", required_argument, NULL, OPT_SET},
    {"foreground", no_argument, NULL, 'f'},
    {"verbose", no_argument, NULL, 'v'},
    {"shared", no_argument, NULL, OPT_SHARED},
    {"user", required_argument, NULL, OPT_USER},
    {"log", required_argument, NULL, OPT_LOG},
    {"echo", required_argument, NULL, OPT_ECHO},
    {"no-seccomp", no_argument, NULL, OPT_NO_SECCOMP},
    {"version", no_argument, NULL, OPT_VERSION},
    {"help", no_argument, NULL, 'h'},
    {NULL, 0, NULL, 0},
};

/* ":" first: a missing argument is reported as ':' rather than '?'. */
static const char short_opts[] = ":i:a:u::S:fvh";

void opts_usage(FILE *f)
{
	fprintf(f,
		"Usage: sctund [OPTION]...\n"
		"Userspace SCTP endpoint on a TUN interface or over UDP (RFC 6951).\n"
		"\n"
		"  -i, --interface NAME    TUN to create, or to attach to when it exists\n"
		"                          (default: " OPTS_IFNAME_DEFAULT "; none with -u alone)\n"
		"      --host-addr A/LEN   kernel-side address put on the TUN, repeatable\n"
		"                          (default: none)\n"
		"  -a, --addr ADDR         IPv4/IPv6 address sctund owns behind the TUN,\n"
		"                          repeatable, several mean multi-homing (default: none)\n"
		"      --mtu N             TUN MTU, %u..%u, at least %u with IPv6\n"
		"                          (default: %u when sctund creates the TUN)\n"
		"  -u, --udp-port[=PORT]   RFC 6951 UDP encapsulation on PORT (default: off;\n"
		"                          %u when given without PORT)\n"
		"  -S, --socket PATH       IPC socket (default: " OPTS_SOCKET_ROOT " for root,\n"
		"                          $XDG_RUNTIME_DIR/" OPTS_SOCKET_USER " otherwise)\n"
		"      --pcap FILE         record every packet in and out (default: off)\n"
		"      --set NAME=VALUE    protocol or daemon setting, repeatable (see sctund(8))\n"
		"  -f, --foreground        stay in the foreground (default: daemonize)\n"
		"  -v, --verbose           log more; twice for debug (default: notice)\n"
		"      --shared            shared address mode (default: routed)\n"
		"      --user USER         run as USER after setup (default: stay)\n"
		"      --log syslog|stderr where logs go (default: stderr with -f, else syslog)\n"
		"      --echo PORT         serve SCTP echo on PORT, repeatable (default: none)\n"
		"      --no-seccomp        no system call filter, for debugging (default: filter)\n"
		"  -h, --help              show this help and exit\n"
		"      --version           show the version and exit\n",
		OPTS_MTU_MIN, OPTS_MTU_MAX, OPTS_MTU_MIN_IPV6, OPTS_MTU_DEFAULT,
		OPTS_UDP_PORT_DEFAULT);
}

static int fail(char *err, size_t errlen, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static int fail(char *err, size_t errlen, const char *fmt, ...)
{
	va_list ap;

	if (errlen) {
		va_start(ap, fmt);
		vsnprintf(err, errlen, fmt, ap);
		va_end(ap);
	}
	return -EINVAL;
}

/* A decimal number in [min, max]: no sign, no spaces, no trailing text. */
static int parse_uint(const char *s, unsigned long min, unsigned long max, unsigned long *v)
{
	char *end;

	if (!isdigit((unsigned char)s[0]))
		return -EINVAL;
	errno = 0;
	*v = strtoul(s, &end, 10);
	if (*end != '\0')
		return -EINVAL;
	if (errno == ERANGE || *v < min || *v > max)
		return -ERANGE;
	return 0;
}

/* Linux's dev_valid_name(): 1..15 bytes, not "." or "..", no '/', ':' or space. */
static bool ifname_ok(const char *s)
{
	size_t n = strlen(s);

	if (n == 0 || n >= IFNAMSIZ || !strcmp(s, ".") || !strcmp(s, ".."))
		return false;
	for (; *s; s++)
		if (*s == '/' || *s == ':' || isspace((unsigned char)*s))
			return false;
	return true;
}

/* An address sctund or the kernel side can own: unicast, specific, no zone. */
static int check_unicast(const char *opt, const char *text, const struct sct_addr *a, char *err,
			 size_t errlen)
{
	if (sct_addr_is_any(a) || sct_addr_is_multicast(a) || sct_addr_is_broadcast(a) ||
	    sct_addr_is_loopback(a))
		return fail(err, errlen,
			    "%s: '%s' is not a usable unicast address (unspecified, loopback, "
			    "multicast or broadcast)",
			    opt, text);
	if (sct_addr_is_v4mapped(a))
		return fail(err, errlen, "%s: '%s': use the plain IPv4 form", opt, text);
	if (a->scope)
		return fail(err, errlen,
			    "%s: '%s': no zone index here (the interface is --interface)", opt,
			    text);
	return 0;
}

/* Where an address was already given, or NULL. */
static const char *addr_seen(const struct sctund_opts *o, const struct sct_addr *a)
{
	unsigned i;

	for (i = 0; i < o->n_addrs; i++)
		if (sct_addr_eq(&o->addrs[i], a))
			return "--addr";
	for (i = 0; i < o->n_host_addrs; i++)
		if (sct_addr_eq(&o->host_addrs[i].addr, a))
			return "--host-addr";
	return NULL;
}

static int add_addr(struct sctund_opts *o, const char *opt, const char *text, char *err,
		    size_t errlen)
{
	struct sct_addr a;
	const char *seen;
	int ret;

	if (sct_addr_parse(&a, text))
		return fail(err, errlen, "%s: '%s' is not an IPv4 or IPv6 address", opt, text);
	ret = check_unicast(opt, text, &a, err, errlen);
	if (ret)
		return ret;
	seen = addr_seen(o, &a);
	if (seen)
		return fail(err, errlen, "%s: '%s' was already given with %s", opt, text, seen);
	if (o->n_addrs == OPTS_MAX_ADDRS)
		return fail(err, errlen, "%s: '%s': too many addresses (at most %u)", opt, text,
			    OPTS_MAX_ADDRS);
	o->addrs[o->n_addrs++] = a;
	return 0;
}

static int add_host_addr(struct sctund_opts *o, const char *opt, const char *text, char *err,
			 size_t errlen)
{
	char buf[SCT_ADDR_STRLEN + 8];
	const char *slash = strchr(text, '/');
	struct opts_prefix p;
	unsigned long len;
	const char *seen;
	size_t n;
	int ret;

	if (!slash)
		return fail(err, errlen, "%s: '%s' needs a prefix length (ADDR/PREFIX)", opt, text);
	n = (size_t)(slash - text);
	if (n >= sizeof(buf))
		return fail(err, errlen, "%s: '%s' is not an IPv4 or IPv6 address", opt, text);
	memcpy(buf, text, n);
	buf[n] = '\0';
	if (sct_addr_parse(&p.addr, buf))
		return fail(err, errlen, "%s: '%s' is not an IPv4 or IPv6 address", opt, text);
	ret = check_unicast(opt, text, &p.addr, err, errlen);
	if (ret)
		return ret;
	ret = parse_uint(slash + 1, 1, p.addr.af == SCT_AF_INET4 ? 32 : 128, &len);
	if (ret)
		return fail(err, errlen, "%s: '%s': prefix length must be 1..%u", opt, text,
			    p.addr.af == SCT_AF_INET4 ? 32 : 128);
	p.len = (uint8_t)len;
	seen = addr_seen(o, &p.addr);
	if (seen)
		return fail(err, errlen, "%s: '%s' was already given with %s", opt, text, seen);
	if (o->n_host_addrs == OPTS_MAX_HOST_ADDRS)
		return fail(err, errlen, "%s: '%s': too many addresses (at most %u)", opt, text,
			    OPTS_MAX_HOST_ADDRS);
	o->host_addrs[o->n_host_addrs++] = p;
	return 0;
}

int opts_default_socket(char *buf, size_t len, uid_t euid, const char *xdg)
{
	int n;

	if (euid == 0)
		n = snprintf(buf, len, "%s", OPTS_SOCKET_ROOT);
	else if (!xdg || xdg[0] != '/')
		return -ENOENT;
	else
		n = snprintf(buf, len, "%s/%s", xdg, OPTS_SOCKET_USER);
	if (n < 0 || (size_t)n >= len)
		return -ENAMETOOLONG;
	return 0;
}

/*
 * sctund's own settings, taken by --set beside the protocol's (src/sctp/settings.h) and
 * listed by sctunctl settings: limits of the daemon, not of SCTP.
 */
static const struct {
	const char *name;
	uint32_t min, max;
	size_t offset; /* of the field in struct sctund_opts */
} daemon_sets[] = {
    {"max_socks_per_uid", 1, UQUOTA_MAX, offsetof(struct sctund_opts, max_socks_per_uid)},
};

/* The daemon setting @name (@len bytes), or -1. */
static int daemon_set(const char *name, size_t len)
{
	size_t i;

	for (i = 0; i < sizeof(daemon_sets) / sizeof(daemon_sets[0]); i++)
		if (strlen(daemon_sets[i].name) == len && !strncmp(daemon_sets[i].name, name, len))
			return (int)i;
	return -1;
}

/* Apply the daemon setting @k from "NAME=VALUE" @set. */
static int apply_daemon_set(struct sctund_opts *o, int k, const char *set, char *err, size_t errlen)
{
	const char *val = strchr(set, '=') + 1;
	unsigned long v;
	int ret = parse_uint(val, daemon_sets[k].min, daemon_sets[k].max, &v);

	if (ret == -EINVAL)
		return fail(err, errlen, "--set: '%s': value is not a decimal number", set);
	if (ret)
		return fail(err, errlen, "--set: '%s': out of range (%u..%u)", set,
			    daemon_sets[k].min, daemon_sets[k].max);
	*(uint32_t *)((char *)o + daemon_sets[k].offset) = (uint32_t)v;
	return 0;
}

/*
 * --set is applied after all options are read, in passes: a setting that
 * fails only because of another's current value (rto_min <= rto_initial <=
 * rto_max) may succeed once the other is applied, so the order on the
 * command line does not matter.  A pass that applies nothing ends it; the
 * first setting still failing is reported.
 */
static int apply_sets(struct sctund_opts *o, const char **sets, unsigned n, char *err,
		      size_t errlen)
{
	bool done[OPTS_MAX_SETS] = {false};
	char name[64];
	unsigned i, j, left = n;
	bool progress = true;

	/* Syntax and names first, and each name only once. */
	for (i = 0; i < n; i++) {
		const char *eq = strchr(sets[i], '=');
		uint32_t v;
		int k;

		if (!eq || eq == sets[i])
			return fail(err, errlen, "--set: '%s' is not NAME=VALUE", sets[i]);
		k = daemon_set(sets[i], (size_t)(eq - sets[i]));
		if (k < 0 && ((size_t)(eq - sets[i]) >= sizeof(name) ||
			      (snprintf(name, sizeof(name), "%.*s", (int)(eq - sets[i]), sets[i]),
			       sct_settings_get(&o->settings, name, &v))))
			return fail(err, errlen, "--set: '%s': unknown setting", sets[i]);
		for (j = 0; j < i; j++)
			if (!strncmp(sets[j], sets[i], (size_t)(eq - sets[i]) + 1))
				return fail(err, errlen, "--set: '%s': %.*s was already set",
					    sets[i], (int)(eq - sets[i]), sets[i]);
		if (k >= 0) {
			int ret = apply_daemon_set(o, k, sets[i], err, errlen);

			if (ret)
				return ret;
			done[i] = true; /* depends on no other setting */
			left--;
		}
	}
	while (left && progress) {
		progress = false;
		for (i = 0; i < n; i++) {
			char *eq = strchr(sets[i], '=');

			if (done[i])
				continue;
			snprintf(name, sizeof(name), "%.*s", (int)(eq - sets[i]), sets[i]);
			if (sct_settings_set(&o->settings, name, eq + 1) == 0) {
				done[i] = progress = true;
				left--;
			}
		}
	}
	for (i = 0; i < n; i++) {
		const struct sct_setting_info *t;
		char *eq = strchr(sets[i], '=');
		size_t nt, k;
		int ret;

		if (done[i])
			continue;
		snprintf(name, sizeof(name), "%.*s", (int)(eq - sets[i]), sets[i]);
		ret = sct_settings_set(&o->settings, name, eq + 1);
		if (ret == -EINVAL)
			return fail(err, errlen, "--set: '%s': value is not a decimal number",
				    sets[i]);
		t = sct_settings_table(&nt);
		for (k = 0; k < nt && strcmp(t[k].name, name); k++)
			;
		if (ret == -ERANGE && k < nt && strtoull(eq + 1, NULL, 10) >= t[k].min &&
		    strtoull(eq + 1, NULL, 10) <= t[k].max)
			return fail(err, errlen,
				    "--set: '%s': breaks rto_min <= rto_initial <= rto_max",
				    sets[i]);
		return fail(err, errlen, "--set: '%s': out of range (%u..%u%s%s)", sets[i],
			    k < nt ? t[k].min : 0, k < nt ? t[k].max : 0,
			    k < nt && t[k].unit[0] ? " " : "", k < nt ? t[k].unit : "");
	}
	return 0;
}

/* Checks that involve more than one option. */
static int check_combination(struct sctund_opts *o, char *err, size_t errlen)
{
	bool v6 = false;
	unsigned i;

	for (i = 0; i < o->n_addrs; i++)
		v6 |= o->addrs[i].af == SCT_AF_INET6;
	for (i = 0; i < o->n_host_addrs; i++)
		v6 |= o->host_addrs[i].addr.af == SCT_AF_INET6;
	if (o->mtu_set && v6 && o->mtu < OPTS_MTU_MIN_IPV6)
		return fail(err, errlen, "--mtu: '%u': IPv6 needs an MTU of at least %u", o->mtu,
			    OPTS_MTU_MIN_IPV6);
	if (!o->tun) {
		if (o->n_host_addrs)
			return fail(err, errlen, "--host-addr: needs a TUN (--interface)");
		if (o->mtu_set)
			return fail(err, errlen, "--mtu: needs a TUN (--interface)");
		if (o->shared)
			return fail(err, errlen, "--shared: needs a TUN (--interface)");
	}
	return 0;
}

int opts_parse(struct sctund_opts *o, int argc, char **argv, char *err, size_t errlen)
{
	const char *sets[OPTS_MAX_SETS];
	unsigned n_sets = 0;
	bool seen_i = false, seen_S = false, seen_log = false;
	unsigned long v;
	int c, ret;

	memset(o, 0, sizeof(*o));
	snprintf(o->ifname, sizeof(o->ifname), "%s", OPTS_IFNAME_DEFAULT);
	o->mtu = OPTS_MTU_DEFAULT;
	o->udp_port = OPTS_UDP_PORT_DEFAULT;
	sct_settings_defaults(&o->settings);
	if (errlen)
		err[0] = '\0';

	optind = 0; /* glibc: start over, re-reading GNU extensions */
	opterr = 0;
	while ((c = getopt_long(argc, argv, short_opts, long_opts, NULL)) != -1) {
		/* The option as typed, for messages. */
		const char *opt = argv[optind - 1];
		char shortname[3] = {'-', (char)c, '\0'};
		char lname[32];
		/* getopt_long() sets optarg for every option that takes one; "" were it not */
		const char *val = optarg ? optarg : "";

		if (optarg && opt == optarg) /* "-i NAME": the option is one further back */
			opt = argv[optind - 2];
		if (!strncmp(opt, "--", 2)) {
			size_t n = strcspn(opt, "=");

			snprintf(lname, sizeof(lname), "%.*s", (int)n, opt);
			opt = lname;
		} else if (c < 256) {
			opt = shortname;
		}

		switch (c) {
		case 'i':
			if (seen_i)
				return fail(err, errlen, "%s: given twice", opt);
			if (!ifname_ok(val))
				return fail(err, errlen,
					    "%s: '%s' is not an interface name (1..%d characters, "
					    "no '/', ':' or spaces)",
					    opt, val, IFNAMSIZ - 1);
			seen_i = true;
			snprintf(o->ifname, sizeof(o->ifname), "%s", val);
			break;
		case OPT_HOST_ADDR:
			ret = add_host_addr(o, opt, val, err, errlen);
			if (ret)
				return ret;
			break;
		case 'a':
			ret = add_addr(o, opt, val, err, errlen);
			if (ret)
				return ret;
			break;
		case OPT_MTU:
			if (o->mtu_set)
				return fail(err, errlen, "%s: given twice", opt);
			if (parse_uint(val, OPTS_MTU_MIN, OPTS_MTU_MAX, &v))
				return fail(err, errlen,
					    "%s: '%s': MTU must be %u..%u (at least %u with IPv6)",
					    opt, val, OPTS_MTU_MIN, OPTS_MTU_MAX,
					    OPTS_MTU_MIN_IPV6);
			o->mtu = (uint32_t)v;
			o->mtu_set = true;
			break;
		case 'u': {
			const char *arg = optarg; /* optional: NULL when none follows */

			if (o->udp)
				return fail(err, errlen, "%s: given twice", opt);
			/* "-u 9899" and "--udp-port 9899": take a number that follows */
			if (!arg && optind < argc && isdigit((unsigned char)argv[optind][0]))
				arg = argv[optind++];
			if (arg && parse_uint(arg, 1, 65535, &v))
				return fail(err, errlen, "%s: '%s': port must be 1..65535", opt,
					    arg);
			o->udp = true;
			if (arg)
				o->udp_port = (uint16_t)v;
			break;
		}
		case 'S':
			if (seen_S)
				return fail(err, errlen, "%s: given twice", opt);
			if (val[0] == '\0' || strlen(val) >= sizeof(o->socket_path))
				return fail(err, errlen, "%s: '%s': path must be 1..%zu bytes", opt,
					    val, sizeof(o->socket_path) - 1);
			seen_S = true;
			snprintf(o->socket_path, sizeof(o->socket_path), "%s", val);
			break;
		case OPT_PCAP:
			if (o->pcap_path)
				return fail(err, errlen, "%s: given twice", opt);
			if (val[0] == '\0')
				return fail(err, errlen, "%s: '': needs a file name", opt);
			o->pcap_path = val;
			break;
		case OPT_SET:
			if (n_sets == OPTS_MAX_SETS)
				return fail(err, errlen, "%s: '%s': too many settings (at most %u)",
					    opt, val, OPTS_MAX_SETS);
			sets[n_sets++] = val;
			break;
		case 'f':
			o->foreground = true;
			break;
		case 'v':
			o->verbose++;
			break;
		case OPT_SHARED:
			o->shared = true;
			break;
		case OPT_NO_SECCOMP:
			o->no_seccomp = true;
			break;
		case OPT_USER: {
			struct passwd *pw;

			if (o->user)
				return fail(err, errlen, "%s: given twice", opt);
			pw = val[0] ? getpwnam(val) : NULL;
			if (!pw)
				return fail(err, errlen, "%s: '%s': no such user", opt, val);
			o->user = val;
			o->uid = pw->pw_uid;
			o->gid = pw->pw_gid;
			break;
		}
		case OPT_LOG:
			if (seen_log)
				return fail(err, errlen, "%s: given twice", opt);
			if (!strcmp(val, "stderr"))
				o->log = OPTS_LOG_STDERR;
			else if (!strcmp(val, "syslog"))
				o->log = OPTS_LOG_SYSLOG;
			else
				return fail(err, errlen, "%s: '%s': must be syslog or stderr", opt,
					    val);
			seen_log = true;
			break;
		case OPT_ECHO: {
			unsigned i;

			if (parse_uint(val, 1, 65535, &v))
				return fail(err, errlen, "%s: '%s': port must be 1..65535", opt,
					    val);
			for (i = 0; i < o->n_echo; i++)
				if (o->echo_ports[i] == v)
					return fail(err, errlen, "%s: '%s': given twice", opt, val);
			if (o->n_echo == OPTS_MAX_ECHO)
				return fail(err, errlen, "%s: at most %u ports", opt,
					    OPTS_MAX_ECHO);
			o->echo_ports[o->n_echo++] = (uint16_t)v;
			break;
		}
		case OPT_VERSION:
			printf("sctund (%s) %s\n", PACKAGE_NAME, PACKAGE_VERSION);
			printf("crc32c: %s\n", sct_crc32c_has_hw() ? "sse4.2" : "slice-by-8");
			return 1;
		case 'h':
			opts_usage(stdout);
			return 1;
		case ':':
			if (!strncmp(argv[optind - 1], "--", 2))
				return fail(err, errlen, "%s: needs an argument", argv[optind - 1]);
			return fail(err, errlen, "-%c: needs an argument", optopt);
		default: /* '?': glibc sets optopt for short options and "--flag=value" */
			if (!strncmp(argv[optind - 1], "--", 2))
				return fail(err, errlen, "%s: unknown option, or it takes no value",
					    argv[optind - 1]);
			return fail(err, errlen, "-%c: unknown option", optopt);
		}
	}
	if (optind < argc)
		return fail(err, errlen, "'%s': unexpected argument (sctund takes only options)",
			    argv[optind]);

	o->tun = seen_i || !o->udp;
	if (!o->tun)
		o->ifname[0] = '\0';
	if (!seen_S) {
		ret = opts_default_socket(o->socket_path, sizeof(o->socket_path), geteuid(),
					  getenv("XDG_RUNTIME_DIR"));
		if (ret == -ENOENT)
			return fail(err, errlen,
				    "--socket: no default without XDG_RUNTIME_DIR: give one");
		if (ret)
			return fail(err, errlen,
				    "--socket: the default path is too long: give one");
	}
	ret = check_combination(o, err, errlen);
	if (ret)
		return ret;
	return apply_sets(o, sets, n_sets, err, errlen);
}
