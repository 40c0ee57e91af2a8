/* SPDX-License-Identifier: MIT */
/* main.c: sctund entry point: command line, then the daemon. */
#include "config.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>

#include "common/crc32c.h"

static void usage(FILE *f)
{
	fprintf(f, "Usage: sctund [OPTION]...\n"
		   "Userspace SCTP endpoint on a TUN interface.\n"
		   "\n"
		   "  -h, --help       show this help and exit\n"
		   "      --version    show the version and exit\n"
		   "\n"
		   "This build is the foundation only: the TUN, netlink and SCTP\n"
		   "association parts of sctund are not in it yet (see sctund(8)).\n");
}

int main(int argc, char **argv)
{
	static const struct option opts[] = {
	    {"help", no_argument, NULL, 'h'},
	    {"version", no_argument, NULL, 'V'},
	    {NULL, 0, NULL, 0},
	};
	int c;

	while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		switch (c) {
		case 'h':
			usage(stdout);
			return 0;
		case 'V':
			printf("sctund (%s) %s\n", PACKAGE_NAME, PACKAGE_VERSION);
			printf("crc32c: %s\n", sct_crc32c_has_hw() ? "sse4.2" : "slice-by-8");
			return 0;
		default:
			usage(stderr);
			return 2;
		}
	}
	if (optind < argc) {
		fprintf(stderr, "sctund: unexpected argument '%s'\n", argv[optind]);
		usage(stderr);
		return 2;
	}
	fprintf(stderr, "sctund: the daemon is not implemented in this build yet\n");
	return 1;
}
