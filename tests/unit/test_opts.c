/* SPDX-License-Identifier: MIT */
/* test_opts.c: sctund's command line: defaults, every option, and each class of bad value. */
#include "config.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "daemon/opts.h"
#include "harness.h"

static struct sctund_opts o;
static char err[256];

/* Parse a NULL-terminated argument list (argv[0] is added). */
static int parse(const char *first, ...)
{
	char *argv[64];
	int argc = 0;
	const char *a;
	va_list ap;

	argv[argc++] = (char *)"sctund";
	va_start(ap, first);
	for (a = first; a && argc < 63; a = va_arg(ap, const char *))
		argv[argc++] = (char *)a;
	va_end(ap);
	argv[argc] = NULL;
	/* The default socket needs XDG_RUNTIME_DIR when not root. */
	setenv("XDG_RUNTIME_DIR", "/run/user/1000", 1);
	return opts_parse(&o, argc, argv, err, sizeof(err));
}

/* Expect -EINVAL and a message containing each of the given fragments. */
static void bad(const char *opt, const char *val, int ret)
{
	CU_ASSERT_EQUAL(ret, -EINVAL);
	if (!strstr(err, opt) || (val && !strstr(err, val)))
		printf("\n  message '%s' lacks '%s' or '%s'\n", err, opt, val ? val : "");
	CU_ASSERT_PTR_NOT_NULL(strstr(err, opt));
	if (val)
		CU_ASSERT_PTR_NOT_NULL(strstr(err, val));
}

static void defaults(void)
{
	CU_ASSERT_EQUAL(parse(NULL), 0);
	CU_ASSERT_STRING_EQUAL(o.ifname, "sctun0");
	CU_ASSERT_TRUE(o.tun);
	CU_ASSERT_FALSE(o.udp);
	CU_ASSERT_EQUAL(o.udp_port, 9899);
	CU_ASSERT_EQUAL(o.mtu, 1500);
	CU_ASSERT_FALSE(o.mtu_set);
	CU_ASSERT_EQUAL(o.n_addrs, 0);
	CU_ASSERT_EQUAL(o.n_host_addrs, 0);
	CU_ASSERT_PTR_NULL(o.pcap_path);
	CU_ASSERT_FALSE(o.foreground);
	CU_ASSERT_EQUAL(o.verbose, 0);
	CU_ASSERT_FALSE(o.shared);
	CU_ASSERT_PTR_NULL(o.user);
	CU_ASSERT_EQUAL(o.log, OPTS_LOG_DEFAULT);
	CU_ASSERT_EQUAL(o.settings.rto_initial, 1000);
	if (geteuid() == 0) {
		CU_ASSERT_STRING_EQUAL(o.socket_path, "/run/sctun/sctund.sock");
	} else {
		CU_ASSERT_STRING_EQUAL(o.socket_path, "/run/user/1000/sctun/sctund.sock");
	}
}

static void default_socket(void)
{
	char buf[108];

	CU_ASSERT_EQUAL(opts_default_socket(buf, sizeof(buf), 0, NULL), 0);
	CU_ASSERT_STRING_EQUAL(buf, "/run/sctun/sctund.sock");
	CU_ASSERT_EQUAL(opts_default_socket(buf, sizeof(buf), 1000, "/run/user/1000"), 0);
	CU_ASSERT_STRING_EQUAL(buf, "/run/user/1000/sctun/sctund.sock");
	CU_ASSERT_EQUAL(opts_default_socket(buf, sizeof(buf), 1000, NULL), -ENOENT);
	CU_ASSERT_EQUAL(opts_default_socket(buf, sizeof(buf), 1000, ""), -ENOENT);
	CU_ASSERT_EQUAL(opts_default_socket(buf, sizeof(buf), 1000, "relative"), -ENOENT);
	CU_ASSERT_EQUAL(opts_default_socket(buf, 10, 1000, "/run/user/1000"), -ENAMETOOLONG);
	/* Not root and no XDG_RUNTIME_DIR: the parser asks for -S. */
	if (geteuid() != 0) {
		char *argv[] = {(char *)"sctund", NULL};

		unsetenv("XDG_RUNTIME_DIR");
		bad("--socket", "XDG_RUNTIME_DIR", opts_parse(&o, 1, argv, err, sizeof(err)));
	}
}

static void every_option(void)
{
	CU_ASSERT_EQUAL(parse("-i", "tun7", "--host-addr", "10.99.0.1/24", "--host-addr",
			      "fd00:99::1/64", "-a", "10.99.0.2", "--addr=fd00:99::2", "-a",
			      "10.99.1.2", "--mtu", "9000", "-u", "--socket", "/tmp/x.sock",
			      "--pcap", "/tmp/x.pcap", "--set", "rto_min=500", "-f", "-vv",
			      "--shared", "--user", "root", "--log", "stderr", NULL),
			0);
	CU_ASSERT_STRING_EQUAL(o.ifname, "tun7");
	CU_ASSERT_TRUE(o.tun);
	CU_ASSERT_EQUAL(o.n_host_addrs, 2);
	CU_ASSERT_EQUAL(o.host_addrs[0].len, 24);
	CU_ASSERT_EQUAL(o.host_addrs[0].addr.af, SCT_AF_INET4);
	CU_ASSERT_EQUAL(o.host_addrs[1].len, 64);
	CU_ASSERT_EQUAL(o.host_addrs[1].addr.af, SCT_AF_INET6);
	CU_ASSERT_EQUAL(o.n_addrs, 3);
	CU_ASSERT_EQUAL(o.addrs[1].af, SCT_AF_INET6);
	CU_ASSERT_EQUAL(o.mtu, 9000);
	CU_ASSERT_TRUE(o.mtu_set);
	CU_ASSERT_TRUE(o.udp);
	CU_ASSERT_EQUAL(o.udp_port, 9899);
	CU_ASSERT_STRING_EQUAL(o.socket_path, "/tmp/x.sock");
	CU_ASSERT_STRING_EQUAL(o.pcap_path, "/tmp/x.pcap");
	CU_ASSERT_EQUAL(o.settings.rto_min, 500);
	CU_ASSERT_TRUE(o.foreground);
	CU_ASSERT_EQUAL(o.verbose, 2);
	CU_ASSERT_TRUE(o.shared);
	CU_ASSERT_STRING_EQUAL(o.user, "root");
	CU_ASSERT_EQUAL(o.uid, 0);
	CU_ASSERT_EQUAL(o.log, OPTS_LOG_STDERR);

	CU_ASSERT_EQUAL(
	    parse("--interface=eth-x", "--foreground", "--verbose", "--log=syslog", NULL), 0);
	CU_ASSERT_STRING_EQUAL(o.ifname, "eth-x");
	CU_ASSERT_EQUAL(o.verbose, 1);
	CU_ASSERT_EQUAL(o.log, OPTS_LOG_SYSLOG);
}

/* RFC 6951 5.1: port 9899 by default; a port may follow -u in any of its forms. */
static void rfc6951_udp_port_forms(void)
{
	CU_ASSERT_EQUAL(parse("-u", NULL), 0);
	CU_ASSERT_TRUE(o.udp);
	CU_ASSERT_FALSE(o.tun); /* UDP alone: no TUN */
	CU_ASSERT_STRING_EQUAL(o.ifname, "");
	CU_ASSERT_EQUAL(o.udp_port, 9899);
	CU_ASSERT_EQUAL(parse("-u", "5000", NULL), 0);
	CU_ASSERT_EQUAL(o.udp_port, 5000);
	CU_ASSERT_EQUAL(parse("-u5001", NULL), 0);
	CU_ASSERT_EQUAL(o.udp_port, 5001);
	CU_ASSERT_EQUAL(parse("--udp-port=5002", NULL), 0);
	CU_ASSERT_EQUAL(o.udp_port, 5002);
	CU_ASSERT_EQUAL(parse("--udp-port", "5003", "-f", NULL), 0);
	CU_ASSERT_EQUAL(o.udp_port, 5003);
	CU_ASSERT_TRUE(o.foreground);
	/* with a TUN too */
	CU_ASSERT_EQUAL(parse("-u", "-i", "tun0", NULL), 0);
	CU_ASSERT_TRUE(o.tun);
	CU_ASSERT_TRUE(o.udp);
	/* -a with UDP alone: the addresses to bind */
	CU_ASSERT_EQUAL(parse("-u", "-a", "192.0.2.1", NULL), 0);
	bad("-u", "0", parse("-u", "0", NULL));
	bad("--udp-port", "65536", parse("--udp-port=65536", NULL));
	bad("--udp-port", "x", parse("--udp-port=x", NULL));
	bad("-u", "given twice", parse("-u", "-u", NULL));
}

static void bad_addresses(void)
{
	bad("-a", "10.0.0.256", parse("-a", "10.0.0.256", NULL));
	bad("--addr", "nonsense", parse("--addr", "nonsense", NULL));
	bad("-a", "0.0.0.0", parse("-a", "0.0.0.0", NULL));
	bad("-a", "::", parse("-a", "::", NULL));
	bad("-a", "224.0.0.1", parse("-a", "224.0.0.1", NULL));
	bad("-a", "ff02::1", parse("-a", "ff02::1", NULL));
	bad("-a", "127.0.0.1", parse("-a", "127.0.0.1", NULL));
	bad("-a", "255.255.255.255", parse("-a", "255.255.255.255", NULL));
	bad("-a", "::ffff:10.0.0.1", parse("-a", "::ffff:10.0.0.1", NULL));
	bad("-a", "fe80::1%1", parse("-a", "fe80::1%1", NULL));
	bad("--host-addr", "10.0.0.1", parse("--host-addr", "10.0.0.1", NULL));
	bad("--host-addr", "bogus/24", parse("--host-addr", "bogus/24", NULL));
	bad("--host-addr", "224.0.0.1/4", parse("--host-addr", "224.0.0.1/4", NULL));
}

static void bad_prefix(void)
{
	bad("--host-addr", "10.0.0.1/33", parse("--host-addr", "10.0.0.1/33", NULL));
	bad("--host-addr", "10.0.0.1/0", parse("--host-addr", "10.0.0.1/0", NULL));
	bad("--host-addr", "fd00::1/129", parse("--host-addr", "fd00::1/129", NULL));
	bad("--host-addr", "10.0.0.1/", parse("--host-addr", "10.0.0.1/", NULL));
	bad("--host-addr", "10.0.0.1/2x", parse("--host-addr", "10.0.0.1/2x", NULL));
	bad("--host-addr", "10.0.0.1/-1", parse("--host-addr", "10.0.0.1/-1", NULL));
	CU_ASSERT_EQUAL(parse("--host-addr", "10.0.0.1/32", "--host-addr", "fd00::1/128", NULL), 0);
}

static void duplicate_addresses(void)
{
	bad("-a", "10.0.0.2", parse("-a", "10.0.0.2", "-a", "10.0.0.2", NULL));
	/* the same address in another spelling */
	bad("-a", "fd00::0:2", parse("-a", "fd00::2", "-a", "fd00::0:2", NULL));
	bad("-a", "--host-addr", parse("--host-addr", "10.0.0.1/24", "-a", "10.0.0.1", NULL));
	bad("--host-addr", "--addr", parse("-a", "10.0.0.1", "--host-addr", "10.0.0.1/24", NULL));
	bad("--host-addr", "10.0.0.1/16",
	    parse("--host-addr", "10.0.0.1/24", "--host-addr", "10.0.0.1/16", NULL));
}

static void too_many_addresses(void)
{
	char *argv[2 + 2 * (OPTS_MAX_ADDRS + 1)];
	char text[OPTS_MAX_ADDRS + 1][20];
	int argc = 0, i;

	argv[argc++] = (char *)"sctund";
	for (i = 0; i <= OPTS_MAX_ADDRS; i++) {
		snprintf(text[i], sizeof(text[i]), "10.99.0.%d", i + 1);
		argv[argc++] = (char *)"-a";
		argv[argc++] = text[i];
	}
	argv[argc] = NULL;
	CU_ASSERT_EQUAL(opts_parse(&o, argc, argv, err, sizeof(err)), -EINVAL);
	CU_ASSERT_PTR_NOT_NULL(strstr(err, "too many"));
	CU_ASSERT_EQUAL(opts_parse(&o, argc - 2, argv, err, sizeof(err)), 0);
	CU_ASSERT_EQUAL(o.n_addrs, OPTS_MAX_ADDRS);
}

/* RFC 8200 5: IPv6 needs a link MTU of at least 1280. */
static void rfc8200_5_mtu_range(void)
{
	CU_ASSERT_EQUAL(parse("--mtu", "576", NULL), 0);
	CU_ASSERT_EQUAL(o.mtu, 576);
	CU_ASSERT_EQUAL(parse("--mtu", "65535", NULL), 0);
	CU_ASSERT_EQUAL(parse("--mtu", "576", "-a", "10.0.0.2", NULL), 0);
	CU_ASSERT_EQUAL(parse("--mtu", "1280", "-a", "fd00::2", NULL), 0);
	bad("--mtu", "575", parse("--mtu", "575", NULL));
	bad("--mtu", "65536", parse("--mtu=65536", NULL));
	bad("--mtu", "99999999999999999999", parse("--mtu", "99999999999999999999", NULL));
	bad("--mtu", "1500x", parse("--mtu", "1500x", NULL));
	bad("--mtu", "+1500", parse("--mtu", "+1500", NULL));
	bad("--mtu", "1279", parse("--mtu", "1279", "-a", "fd00::2", NULL));
	bad("--mtu", "1279", parse("--host-addr", "fd00::1/64", "--mtu", "1279", NULL));
	bad("--mtu", "given twice", parse("--mtu", "1500", "--mtu", "1400", NULL));
}

static void settings(void)
{
	CU_ASSERT_EQUAL(parse("--set", "sack_timeout=100", "--set", "hb_interval=0", NULL), 0);
	CU_ASSERT_EQUAL(o.settings.sack_timeout, 100);
	CU_ASSERT_EQUAL(o.settings.hb_interval, 0);
	/* order does not matter for rto_min <= rto_initial <= rto_max */
	CU_ASSERT_EQUAL(parse("--set", "rto_min=2000", "--set", "rto_initial=3000", NULL), 0);
	CU_ASSERT_EQUAL(o.settings.rto_min, 2000);
	CU_ASSERT_EQUAL(o.settings.rto_initial, 3000);
	bad("--set", "no_such=1", parse("--set", "no_such=1", NULL));
	bad("--set", "sack_timeout", parse("--set", "sack_timeout", NULL));
	bad("--set", "=5", parse("--set", "=5", NULL));
	bad("--set", "sack_timeout=abc", parse("--set", "sack_timeout=abc", NULL));
	bad("--set", "sack_timeout=501", parse("--set", "sack_timeout=501", NULL));
	CU_ASSERT_PTR_NOT_NULL(strstr(err, "1..500"));
	bad("--set", "rto_min=5000", parse("--set", "rto_min=5000", NULL));
	CU_ASSERT_PTR_NOT_NULL(strstr(err, "rto_min <= rto_initial"));
	bad("--set", "already", parse("--set", "max_burst=1", "--set", "max_burst=2", NULL));
	/* the daemon's own: 0 is "the default", chosen at start-up from RLIMIT_NOFILE */
	CU_ASSERT_EQUAL(parse(NULL), 0);
	CU_ASSERT_EQUAL(o.max_socks_per_uid, 0);
	CU_ASSERT_EQUAL(parse("--set", "max_socks_per_uid=64", "--set", "rto_min=200", NULL), 0);
	CU_ASSERT_EQUAL(o.max_socks_per_uid, 64);
	CU_ASSERT_EQUAL(o.settings.rto_min, 200);
	CU_ASSERT_EQUAL(parse("--set", "max_socks_per_uid=65536", NULL), 0);
	CU_ASSERT_EQUAL(o.max_socks_per_uid, 65536);
	bad("--set", "1..65536", parse("--set", "max_socks_per_uid=0", NULL));
	bad("--set", "1..65536", parse("--set", "max_socks_per_uid=65537", NULL));
	bad("--set", "not a decimal", parse("--set", "max_socks_per_uid=-1", NULL));
	bad("--set", "max_socks_per_uid was already set",
	    parse("--set", "max_socks_per_uid=1", "--set", "max_socks_per_uid=2", NULL));
	bad("--set", "unknown", parse("--set", "max_socks_per=1", NULL));
}

static void missing_argument_and_unknown(void)
{
	bad("-i", "argument", parse("-i", NULL));
	bad("--interface", "argument", parse("--interface", NULL));
	bad("--mtu", "argument", parse("--mtu", NULL));
	bad("--host-addr", "argument", parse("--host-addr", NULL));
	bad("-a", "argument", parse("-a", NULL));
	bad("-S", "argument", parse("-S", NULL));
	bad("--pcap", "argument", parse("--pcap", NULL));
	bad("--set", "argument", parse("--set", NULL));
	bad("--user", "argument", parse("--user", NULL));
	bad("--log", "argument", parse("--log", NULL));
	bad("--no-such", "unknown", parse("--no-such", NULL));
	bad("-x", "unknown", parse("-x", NULL));
	bad("--foreground=1", "no value", parse("--foreground=1", NULL));
	bad("stray", "unexpected", parse("-f", "stray", NULL));
}

static void other_bad_values(void)
{
	bad("-i", "a/b", parse("-i", "a/b", NULL));
	bad("-i", "0123456789abcdef", parse("-i", "0123456789abcdef", NULL));
	bad("--interface", "''", parse("--interface=", NULL));
	bad("-i", "given twice", parse("-i", "a", "-i", "b", NULL));
	CU_ASSERT_EQUAL(parse("-i", "0123456789abcde", NULL), 0);
	bad("--log", "journal", parse("--log", "journal", NULL));
	bad("--user", "no-such-user-sctun", parse("--user", "no-such-user-sctun", NULL));
	bad("--pcap", "file name", parse("--pcap=", NULL));
	bad("-S", "path", parse("-S", "", NULL));
	{
		char longp[200];

		memset(longp, 'x', sizeof(longp) - 1);
		longp[0] = '/';
		longp[sizeof(longp) - 1] = '\0';
		bad("-S", "path", parse("-S", longp, NULL));
	}
	/* options that need a TUN, with UDP alone */
	bad("--host-addr", "TUN", parse("-u", "--host-addr", "10.0.0.1/24", NULL));
	bad("--mtu", "TUN", parse("-u", "--mtu", "1400", NULL));
	bad("--shared", "TUN", parse("-u", "--shared", NULL));
}

/* --echo PORT: repeatable, each port once, 1..65535, at most OPTS_MAX_ECHO. */
static void echo_ports(void)
{
	CU_ASSERT_EQUAL(parse(NULL), 0);
	CU_ASSERT_EQUAL(o.n_echo, 0);
	CU_ASSERT_EQUAL(parse("--echo", "7", "--echo=9", NULL), 0);
	CU_ASSERT_EQUAL(o.n_echo, 2);
	CU_ASSERT_EQUAL(o.echo_ports[0], 7);
	CU_ASSERT_EQUAL(o.echo_ports[1], 9);
	bad("--echo", "'0'", parse("--echo", "0", NULL));
	bad("--echo", "'65536'", parse("--echo", "65536", NULL));
	bad("--echo", "given twice", parse("--echo", "7", "--echo", "7", NULL));
	bad("--echo", "at most", parse("--echo", "1", "--echo", "2", "--echo", "3", "--echo", "4",
				       "--echo", "5", "--echo", "6", "--echo", "7", "--echo", "8",
				       "--echo", "9", NULL));
}

static void help_and_version(void)
{
	CU_ASSERT_EQUAL(parse("--help", NULL), 1);
	CU_ASSERT_EQUAL(parse("-h", NULL), 1);
	CU_ASSERT_EQUAL(parse("--version", NULL), 1);
}

/* --help names every long option with a default. */
static void help_lists_every_option(void)
{
	static const char *const names[] = {"--interface",  "--host-addr", "--addr",   "--mtu",
					    "--udp-port",   "--socket",	   "--pcap",   "--set",
					    "--foreground", "--verbose",   "--shared", "--user",
					    "--log",	    "--help",	   "--version", "--echo"};
	char *text = NULL;
	size_t len = 0, i;
	FILE *f = open_memstream(&text, &len);

	CU_ASSERT_PTR_NOT_NULL_FATAL(f);
	opts_usage(f);
	fclose(f);
	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		if (!strstr(text, names[i]))
			printf("\n  --help lacks %s\n", names[i]);
		CU_ASSERT_PTR_NOT_NULL(strstr(text, names[i]));
	}
	CU_ASSERT_PTR_NOT_NULL(strstr(text, "9899"));
	CU_ASSERT_PTR_NOT_NULL(strstr(text, "1500"));
	CU_ASSERT_PTR_NOT_NULL(strstr(text, "/run/sctun/sctund.sock"));
	free(text);
}

static const struct sct_test opts_tests[] = {
    SCT_TEST(defaults),
    SCT_TEST(default_socket),
    SCT_TEST(every_option),
    SCT_TEST(rfc6951_udp_port_forms),
    SCT_TEST(bad_addresses),
    SCT_TEST(bad_prefix),
    SCT_TEST(duplicate_addresses),
    SCT_TEST(too_many_addresses),
    SCT_TEST(rfc8200_5_mtu_range),
    SCT_TEST(settings),
    SCT_TEST(missing_argument_and_unknown),
    SCT_TEST(other_bad_values),
    SCT_TEST(echo_ports),
    SCT_TEST(help_and_version),
    SCT_TEST(help_lists_every_option),
    SCT_TEST_END,
};

SCT_TEST_MAIN(opts_tests)
