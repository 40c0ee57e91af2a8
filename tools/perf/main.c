/* SPDX-License-Identifier: MIT */
/* main.c: sctpperf(1), an SCTP benchmark: options, the wire format, the theory of operation. */
#include "config.h"

#include <arpa/inet.h>
#include <getopt.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "sctpperf.h"

/*
 * Theory of operation
 *
 * A server (-s) and a client (-c HOST) talk SCTP only: no side channel.
 * The client opens -P one-to-one associations; the first message on each is
 * a 16-byte header naming the test (mode, message length, streams).  Every
 * message after it starts with a one-byte tag, so the server needs nothing
 * but message boundaries (MSG_EOR) to follow the test, not the stream or
 * PPID of what it receives:
 *
 *   throughput, rate   client: D D D ... E(n)    server: R (bytes, messages,
 *                                                 nanoseconds it saw), once
 *                                                 it has the n messages sent
 *   latency            client: P    server: P (the same message back), ...
 *   setup              client: the header only   server: closes at once
 *
 * Throughput and rate are the same flood (rate defaults to small messages
 * and is read in messages per second); the data goes client to server only.
 * The client sends the -l-byte messages round-robin over --streams streams
 * (an SCTP_SNDINFO cmsg on each) for -t seconds, then E; the server answers
 * with what it counted, so the summary has a sender and a receiver line, as
 * iperf3's has.  Latency is ping-pong: one message in flight per
 * association, the round trip timed with CLOCK_MONOTONIC, the percentiles
 * taken over every sample (or a uniform sample of 10^6 of them).  Setup
 * counts associations per second, each connected, carrying its header, and
 * ended by the server, in -P parallel slots.
 *
 * Each side is one thread and one poll() loop over non-blocking sends and
 * receives (MSG_DONTWAIT), so -P associations progress together.  Files:
 * main.c options and wire format, client.c the tests, server.c the server,
 * report.c the interval lines, the summary and the JSON document.
 */

const char *const perf_mode_names[PERF_NMODES] = {"throughput", "rate", "latency", "setup"};
volatile int perf_stop;

uint64_t perf_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

static void put32(uint8_t *p, uint32_t v)
{
	v = htonl(v);
	memcpy(p, &v, 4);
}

static uint32_t get32(const uint8_t *p)
{
	uint32_t v;

	memcpy(&v, p, 4);
	return ntohl(v);
}

static void put64(uint8_t *p, uint64_t v)
{
	put32(p, (uint32_t)(v >> 32));
	put32(p + 4, (uint32_t)v);
}

static uint64_t get64(const uint8_t *p)
{
	return (uint64_t)get32(p) << 32 | get32(p + 4);
}

/*
 * The header:  0      1        2     3       4          8          12
 *              | 'H' | version | mode | 0   | length   | streams  | "SPRF" |
 */
void perf_hdr_encode(const struct perf_hdr *h, uint8_t out[PERF_HDR_LEN])
{
	memset(out, 0, PERF_HDR_LEN);
	out[0] = PERF_TAG_HEADER;
	out[1] = h->version;
	out[2] = h->mode;
	put32(out + 4, h->len);
	put32(out + 8, h->streams);
	memcpy(out + 12, "SPRF", 4);
}

int perf_hdr_decode(const uint8_t *buf, size_t len, struct perf_hdr *h)
{
	if (len != PERF_HDR_LEN || buf[0] != PERF_TAG_HEADER || buf[1] != PERF_VERSION ||
	    buf[2] >= PERF_NMODES || memcmp(buf + 12, "SPRF", 4))
		return -1;
	h->version = buf[1];
	h->mode = buf[2];
	h->len = get32(buf + 4);
	h->streams = get32(buf + 8);
	return h->len && h->len <= PERF_MAX_LEN ? 0 : -1;
}

/* The end marker:  | 'E' | data messages sent (8) | */
void perf_end_encode(uint64_t messages, uint8_t out[PERF_END_LEN])
{
	out[0] = PERF_TAG_END;
	put64(out + 1, messages);
}

uint64_t perf_end_decode(const uint8_t buf[PERF_END_LEN])
{
	return get64(buf + 1);
}

/* The result:  | 'R' | bytes (8) | messages (8) | nanoseconds (8) | */
void perf_result_encode(const struct perf_result *r, uint8_t out[PERF_RESULT_LEN])
{
	out[0] = PERF_TAG_RESULT;
	put64(out + 1, r->bytes);
	put64(out + 9, r->messages);
	put64(out + 17, r->nsecs);
}

int perf_result_decode(const uint8_t *buf, size_t len, struct perf_result *r)
{
	if (len != PERF_RESULT_LEN || buf[0] != PERF_TAG_RESULT)
		return -1;
	r->bytes = get64(buf + 1);
	r->messages = get64(buf + 9);
	r->nsecs = get64(buf + 17);
	return 0;
}

const char *perf_addr_str(const struct sockaddr *sa, char *buf, size_t len)
{
	char a[INET6_ADDRSTRLEN] = "?";
	unsigned port = 0;

	if (sa->sa_family == AF_INET) {
		const struct sockaddr_in *s = (const struct sockaddr_in *)(const void *)sa;

		inet_ntop(AF_INET, &s->sin_addr, a, sizeof(a));
		port = ntohs(s->sin_port);
	} else if (sa->sa_family == AF_INET6) {
		const struct sockaddr_in6 *s = (const struct sockaddr_in6 *)(const void *)sa;

		inet_ntop(AF_INET6, &s->sin6_addr, a, sizeof(a));
		port = ntohs(s->sin6_port);
	}
	snprintf(buf, len, "%s port %u", a, port);
	return buf;
}

static void usage(FILE *f)
{
	fputs("Usage: sctpperf -s [-p PORT]\n"
	      "       sctpperf -c HOST [OPTION]...\n"
	      "Measure SCTP: throughput, message rate, latency, association setup rate.\n\n"
	      "  -s, --server          serve clients until interrupted\n"
	      "  -c, --client HOST     run a test against the server on HOST\n"
	      "  -p, --port PORT       server port (default: " PERF_PORT ")\n"
	      "  -m, --mode MODE       throughput, rate, latency or setup (default: throughput)\n"
	      "  -t, --time SECS       test length, 0.1..3600 (default: 10)\n"
	      "  -l, --length LEN      message size, 1..65536 bytes (default: 65536 for\n"
	      "                        throughput, 64 for rate and latency)\n"
	      "  -P, --parallel N      associations at once, 1..128 (default: 1)\n"
	      "      --streams M       outbound streams per association, used round-robin,\n"
	      "                        1..65535 (default: 1)\n"
	      "  -i, --interval SECS   seconds between interval lines, 0 (none) or\n"
	      "                        0.1..60 (default: 1)\n"
	      "  -J, --json            one JSON document at the end instead of text\n"
	      "  -h, --help            show this help and exit\n"
	      "  -V, --version         show the version and exit\n",
	      f);
}

static int bad(const char *what, const char *arg)
{
	fprintf(stderr, "sctpperf: %s '%s'\nTry 'sctpperf --help' for the options.\n", what, arg);
	return 2;
}

static bool number(const char *s, double min, double max, double *v)
{
	char *end;

	*v = strtod(s, &end);
	return *s && !*end && *v >= min && *v <= max;
}

static void on_signal(int sig)
{
	perf_stop = sig;
}

int main(int argc, char **argv)
{
	static const struct option lo[] = {
	    {"server", no_argument, NULL, 's'},
	    {"client", required_argument, NULL, 'c'},
	    {"port", required_argument, NULL, 'p'},
	    {"mode", required_argument, NULL, 'm'},
	    {"time", required_argument, NULL, 't'},
	    {"length", required_argument, NULL, 'l'},
	    {"parallel", required_argument, NULL, 'P'},
	    {"streams", required_argument, NULL, 'S'},
	    {"interval", required_argument, NULL, 'i'},
	    {"json", no_argument, NULL, 'J'},
	    {"help", no_argument, NULL, 'h'},
	    {"version", no_argument, NULL, 'V'},
	    {NULL, 0, NULL, 0},
	};
	struct perf_opts o = {.port = PERF_PORT,
			      .mode = PERF_THROUGHPUT,
			      .secs = 10,
			      .interval = 1,
			      .assocs = 1,
			      .streams = 1};
	struct sigaction sa = {.sa_handler = on_signal};
	int client_opt = 0;
	bool server = false;
	double v;
	int c, m;

	while ((c = getopt_long(argc, argv, "sc:p:m:t:l:P:i:JhV", lo, NULL)) != -1) {
		if (c > 0 && strchr("mtlPSiJ", c))
			client_opt = c;
		switch (c) {
		case 's':
			server = true;
			break;
		case 'c':
			o.host = optarg;
			break;
		case 'p':
			if (!number(optarg, 1, 65535, &v) || v != (int)v)
				return bad("--port: not 1..65535:", optarg);
			o.port = optarg;
			break;
		case 'm':
			for (m = 0; m < PERF_NMODES && strcmp(optarg, perf_mode_names[m]); m++)
				;
			if (m == PERF_NMODES)
				return bad("--mode: not throughput, rate, latency or setup:",
					   optarg);
			o.mode = (enum perf_mode)m;
			break;
		case 't':
			if (!number(optarg, 0.1, 3600, &o.secs))
				return bad("--time: not 0.1..3600 seconds:", optarg);
			break;
		case 'l':
			if (!number(optarg, 1, PERF_MAX_LEN, &v) || v != (int)v)
				return bad("--length: not 1..65536 bytes:", optarg);
			o.len = (uint32_t)v;
			break;
		case 'P':
			if (!number(optarg, 1, PERF_MAX_ASSOCS, &v) || v != (int)v)
				return bad("--parallel: not 1..128:", optarg);
			o.assocs = (uint32_t)v;
			break;
		case 'S':
			if (!number(optarg, 1, 65535, &v) || v != (int)v)
				return bad("--streams: not 1..65535:", optarg);
			o.streams = (uint32_t)v;
			break;
		case 'i':
			if (!number(optarg, 0, 60, &o.interval) || (o.interval && o.interval < 0.1))
				return bad("--interval: not 0 or 0.1..60 seconds:", optarg);
			break;
		case 'J':
			o.json = true;
			break;
		case 'h':
			usage(stdout);
			return 0;
		case 'V':
			printf("sctpperf (sctun) %s\n", PACKAGE_VERSION);
			return 0;
		default:
			fputs("Try 'sctpperf --help' for the options.\n", stderr);
			return 2;
		}
	}
	if (optind < argc)
		return bad("unexpected operand", argv[optind]);
	if (server == !!o.host)
		return bad("give one of -s (server) and -c HOST (client), not",
			   server ? "both" : "none");
	for (m = 0; server && client_opt && lo[m].val != client_opt; m++)
		;
	if (server && client_opt)
		return bad("a client option given with -s:", lo[m].name);
	if (!o.len)
		o.len = o.mode == PERF_THROUGHPUT ? PERF_MAX_LEN : 64;
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	signal(SIGPIPE, SIG_IGN);
	return server ? perf_server(&o) : perf_client(&o);
}
