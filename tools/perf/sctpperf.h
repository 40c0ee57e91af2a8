/* SPDX-License-Identifier: MIT */
/* sctpperf.h: what the parts of sctpperf(1) share: options, the test header, clocks, reports. */
#ifndef SCTPPERF_H
#define SCTPPERF_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/socket.h>

#ifndef SOL_SCTP
#define SOL_SCTP 132
#endif

#define PERF_PORT	 "5210"
#define PERF_VERSION	 1
#define PERF_MAX_LEN	 65536	 /* -l bound: one message the server buffers whole */
#define PERF_MAX_ASSOCS	 128	 /* -P bound */
#define PERF_MAX_CONNS	 1024	 /* associations one server serves at once */
#define PERF_MAX_SAMPLES 1000000 /* latency samples kept (reservoir sampling past it) */
#define PERF_HDR_LEN	 16
#define PERF_RESULT_LEN	 25
#define PERF_END_LEN	 9

/* The first byte of every message names what it is (see main.c). */
enum perf_tag {
	PERF_TAG_HEADER = 'H',
	PERF_TAG_DATA = 'D',
	PERF_TAG_END = 'E',
	PERF_TAG_PING = 'P',
	PERF_TAG_RESULT = 'R',
};

enum perf_mode { PERF_THROUGHPUT, PERF_RATE, PERF_LATENCY, PERF_SETUP, PERF_NMODES };

struct perf_opts {
	const char *host, *port;
	enum perf_mode mode;
	double secs, interval;
	uint32_t len, assocs, streams;
	bool json;
};

/* The header: the first message on every association, client to server. */
struct perf_hdr {
	uint8_t version;
	uint8_t mode;
	uint32_t len;
	uint32_t streams;
};

/* What the server saw of a throughput or rate test, sent back after PERF_TAG_END. */
struct perf_result {
	uint64_t bytes, messages, nsecs;
};

extern const char *const perf_mode_names[PERF_NMODES];
extern volatile int perf_stop; /* set by SIGINT and SIGTERM */

uint64_t perf_now(void);
void perf_hdr_encode(const struct perf_hdr *h, uint8_t out[PERF_HDR_LEN]);
/* Return: 0, or -1 when @buf is not a header of our version. */
int perf_hdr_decode(const uint8_t *buf, size_t len, struct perf_hdr *h);
/* The end marker: the tag, then how many data messages the client sent. */
void perf_end_encode(uint64_t messages, uint8_t out[PERF_END_LEN]);
uint64_t perf_end_decode(const uint8_t buf[PERF_END_LEN]);
void perf_result_encode(const struct perf_result *r, uint8_t out[PERF_RESULT_LEN]);
int perf_result_decode(const uint8_t *buf, size_t len, struct perf_result *r);
/* "ADDR port N" of @sa into @buf. */
const char *perf_addr_str(const struct sockaddr *sa, char *buf, size_t len);

/* server.c: serve clients until SIGINT or SIGTERM.  Return: the exit status. */
int perf_server(const struct perf_opts *o);
/* client.c: run one test and report it.  Return: the exit status. */
int perf_client(const struct perf_opts *o);

/* report.c: the interval lines and the summary, as text or as one JSON document. */
struct perf_interval {
	double start, end;
	uint64_t bytes, messages; /* messages: also pings and associations */
	uint64_t min_ns, max_ns, sum_ns;
};

struct perf_report {
	const struct perf_opts *o;
	struct perf_interval *iv;
	size_t niv, cap;
	uint64_t *samples; /* latency, nanoseconds */
	size_t nsamples;
	uint64_t seen, rng;
	struct perf_interval total;
	struct perf_result sent, received;
};

void perf_report_init(struct perf_report *r, const struct perf_opts *o);
void perf_report_sample(struct perf_report *r, struct perf_interval *cur, uint64_t ns);
/* Close interval @cur (its start and end set): print it, keep it for JSON.  Return: 0 or -ENOMEM.
 */
int perf_report_interval(struct perf_report *r, const struct perf_interval *cur);
void perf_report_header(const struct perf_report *r, const char *peer);
void perf_report_end(struct perf_report *r);
void perf_report_free(struct perf_report *r);

#endif
