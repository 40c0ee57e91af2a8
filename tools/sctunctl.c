/* SPDX-License-Identifier: MIT */
/* sctunctl.c: look inside sctund: associations, paths, sockets, counters, settings. */
#include "config.h"

#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

#include "ipc/ipc_ctl.h"
#include "ipc/ipc_err.h"
#include "ipc/ipc_sock.h"

/*
 * A thin client: it sends the command words to sctund in one ADMIN request
 * (sctun-ipc(7)) and copies the answer, a memfd sctund filled with a table or
 * one JSON document, to standard output.  sctund does the formatting, so the
 * field names of -j are defined in one place (src/daemon/admin.c).
 */

#define CMD_MAX 256

static void usage(FILE *f)
{
	fputs("Usage: sctunctl [OPTION]... [COMMAND [ARGS]]\n"
	      "Show what sctund is doing, or change it.\n\n"
	      "  -S, --socket PATH   sctund's socket (default: $SCTUN_SOCKET, else\n"
	      "                      /run/sctun/sctund.sock for root,\n"
	      "                      $XDG_RUNTIME_DIR/sctun/sctund.sock otherwise)\n"
	      "  -j, --json          one JSON document instead of a table\n"
	      "  -w, --watch SECS    repeat every SECS seconds (1..3600) until interrupted\n"
	      "  -h, --help          show this help and exit\n"
	      "  -V, --version       show the version and exit\n\n"
	      "Commands (default: assocs):\n"
	      "  assocs [port PORT] [peer ADDR]   associations and their paths\n"
	      "  sockets                          application sockets\n"
	      "  stats                            counters (like /proc/net/sctp/snmp)\n"
	      "  settings                         protocol settings\n"
	      "  set NAME=VALUE                   change a setting (root or sctund's user)\n"
	      "  abort ID                         abort an association (root or its owner)\n",
	      f);
}

static int socket_path(const char *opt, char *buf, size_t len)
{
	const char *env = getenv("SCTUN_SOCKET"), *xdg = getenv("XDG_RUNTIME_DIR");
	int n;

	if (opt)
		n = snprintf(buf, len, "%s", opt);
	else if (env && *env)
		n = snprintf(buf, len, "%s", env);
	else if (geteuid() == 0 || !xdg || xdg[0] != '/')
		n = snprintf(buf, len, "/run/sctun/sctund.sock");
	else
		n = snprintf(buf, len, "%s/sctun/sctund.sock", xdg);
	return n < 0 || (size_t)n >= len ? -ENAMETOOLONG : 0;
}

/*
 * sctund refuses a connection it cannot serve (out of descriptors, or our user at its
 * quota) with an ERROR of id 0, then closes it; the close may be reported first
 * (sctun-ipc(7)).  Return: the refusal's -errno, or -ECONNRESET.
 */
static int refusal(int fd, struct sct_ipc_ctl *rsp, uint8_t *buf, int *out_fd)
{
	ssize_t r = sct_ipc_recv(fd, buf, SCT_IPC_CTL_MAX, out_fd, MSG_DONTWAIT);

	if (r > 0 && !sct_ipc_ctl_decode(buf, (size_t)r, *out_fd >= 0, rsp) && rsp->id == 0 &&
	    rsp->opcode == SCT_IPC_OP_ERROR && rsp->status)
		return -(int)rsp->status;
	return -ECONNRESET;
}

/* One request and its response on @fd; *@out_fd gets the descriptor that came with it. */
static int call(int fd, struct sct_ipc_ctl *req, struct sct_ipc_ctl *rsp, uint8_t *buf,
		int *out_fd)
{
	static uint32_t id;
	int n;
	ssize_t r;

	req->id = ++id;
	n = sct_ipc_ctl_encode(req, buf, SCT_IPC_CTL_MAX);
	if (n < 0)
		return -EINVAL;
	r = sct_ipc_send(fd, buf, (size_t)n, -1, 0);
	if (r == -EPIPE || r == -ECONNRESET)
		return refusal(fd, rsp, buf, out_fd);
	if (r < 0)
		return (int)r;
	r = sct_ipc_recv(fd, buf, SCT_IPC_CTL_MAX, out_fd, 0);
	if (r == -ECONNRESET)
		return refusal(fd, rsp, buf, out_fd);
	if (r <= 0)
		return r == 0 ? -ECONNRESET : -EPROTO;
	if (sct_ipc_ctl_decode(buf, (size_t)r, *out_fd >= 0, rsp))
		return -EPROTO;
	if (rsp->id == 0 && rsp->opcode == SCT_IPC_OP_ERROR && rsp->status)
		return -(int)rsp->status;
	return rsp->id == req->id ? 0 : -EPROTO;
}

/* Run @cmd once; its output to stdout.  Return: the exit status. */
static int run(const char *path, const char *cmd)
{
	struct sockaddr_un sun = {.sun_family = AF_UNIX};
	struct sct_ipc_ctl req, rsp;
	uint8_t buf[SCT_IPC_CTL_MAX];
	char out[65536];
	int fd, mfd = -1, ret;
	ssize_t n;

	snprintf(sun.sun_path, sizeof(sun.sun_path), "%s", path);
	fd = socket(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0);
	if (fd < 0 || connect(fd, (struct sockaddr *)&sun, sizeof(sun)) < 0) {
		fprintf(stderr, "sctunctl: cannot reach sctund at %s: %s\n", path, strerror(errno));
		if (fd >= 0)
			close(fd);
		return 1;
	}
	memset(&req, 0, sizeof(req));
	req.version = SCT_IPC_HELLO_VERSION;
	req.kind = SCT_IPC_REQUEST;
	req.opcode = SCT_IPC_OP_HELLO;
	req.present = SCT_IPC_BIT(SCT_IPC_A_VERSION_MIN) | SCT_IPC_BIT(SCT_IPC_A_VERSION_MAX);
	req.version_min = SCT_IPC_VERSION_MIN;
	req.version_max = SCT_IPC_VERSION_MAX;
	ret = call(fd, &req, &rsp, buf, &mfd);
	if (ret == -ENFILE || ret == -EMFILE || ret == -ENOMEM || ret == -ENOBUFS) {
		fprintf(stderr, "sctunctl: sctund at %s refused the connection: %s\n", path,
			strerror(-ret));
		close(fd);
		return 1;
	}
	if (ret || rsp.status) {
		fprintf(stderr, "sctunctl: %s: no common protocol version with sctund\n", path);
		close(fd);
		return 1;
	}
	memset(&req, 0, sizeof(req));
	req.version = (uint8_t)rsp.version_picked;
	req.kind = SCT_IPC_REQUEST;
	req.opcode = SCT_IPC_OP_ADMIN;
	req.present = SCT_IPC_BIT(SCT_IPC_A_MESSAGE);
	req.message = (const uint8_t *)cmd;
	req.message_len = strlen(cmd);
	ret = call(fd, &req, &rsp, buf, &mfd);
	close(fd);
	if (ret) {
		fprintf(stderr, "sctunctl: %s: %s\n", path, strerror(-ret));
		return 1;
	}
	if (rsp.status) {
		if (rsp.message_len)
			fprintf(stderr, "sctunctl: %.*s\n", (int)rsp.message_len,
				(const char *)rsp.message);
		else
			fprintf(stderr, "sctunctl: %s\n", strerror((int)rsp.status));
		return 1;
	}
	while ((n = read(mfd, out, sizeof(out))) > 0)
		if (fwrite(out, 1, (size_t)n, stdout) != (size_t)n)
			break;
	close(mfd);
	return fflush(stdout) ? 1 : 0;
}

int main(int argc, char **argv)
{
	static const struct option longopts[] = {
	    {"socket", required_argument, NULL, 'S'}, {"json", no_argument, NULL, 'j'},
	    {"watch", required_argument, NULL, 'w'},  {"help", no_argument, NULL, 'h'},
	    {"version", no_argument, NULL, 'V'},      {NULL, 0, NULL, 0},
	};
	const char *sock = NULL;
	char path[sizeof(((struct sockaddr_un *)0)->sun_path)], cmd[CMD_MAX] = "";
	long watch = 0;
	bool json = false;
	int c, i, ret;

	while ((c = getopt_long(argc, argv, "+S:jw:hV", longopts, NULL)) != -1) {
		char *end;

		switch (c) {
		case 'S':
			sock = optarg;
			break;
		case 'j':
			json = true;
			break;
		case 'w':
			watch = strtol(optarg, &end, 10);
			if (*end || watch < 1 || watch > 3600) {
				fprintf(stderr, "sctunctl: --watch: '%s' is not 1..3600 seconds\n",
					optarg);
				return 2;
			}
			break;
		case 'h':
			usage(stdout);
			return 0;
		case 'V':
			printf("sctunctl (sctun) %s\n", PACKAGE_VERSION);
			return 0;
		default:
			fputs("Try 'sctunctl --help' for the options.\n", stderr);
			return 2;
		}
	}
	if (socket_path(sock, path, sizeof(path))) {
		fprintf(stderr, "sctunctl: the socket path is too long\n");
		return 2;
	}
	for (i = optind; i < argc; i++) {
		if (strlen(cmd) + strlen(argv[i]) + 2 >= sizeof(cmd) || strchr(argv[i], ' ')) {
			fprintf(stderr, "sctunctl: '%s': command too long or with spaces\n",
				argv[i]);
			return 2;
		}
		if (cmd[0])
			strcat(cmd, " ");
		strcat(cmd, argv[i]);
	}
	if (!cmd[0])
		strcpy(cmd, "assocs");
	if (json)
		strcat(cmd, " -j");
	for (;;) {
		if (watch && !json)
			fputs("\033[H\033[2J", stdout); /* a fresh screen each time */
		ret = run(path, cmd);
		if (!watch || ret)
			return ret;
		fflush(stdout);
		sleep((unsigned)watch);
	}
}
