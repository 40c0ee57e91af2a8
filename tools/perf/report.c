/* SPDX-License-Identifier: MIT */
/* report.c: sctpperf's interval lines, summary and JSON document; latency percentiles. */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sctpperf.h"

/*
 * Text goes out as the test runs; with --json nothing is printed until the
 * end, when one document holds the test, every interval and the summary.
 * Its field names are an interface: add fields, never rename them.
 */

void perf_report_init(struct perf_report *r, const struct perf_opts *o)
{
	memset(r, 0, sizeof(*r));
	r->o = o;
	r->rng = perf_now() | 1;
}

/* xorshift64: enough to pick which latency samples a full reservoir keeps. */
static uint64_t rnd(struct perf_report *r)
{
	r->rng ^= r->rng << 13;
	r->rng ^= r->rng >> 7;
	r->rng ^= r->rng << 17;
	return r->rng;
}

void perf_report_sample(struct perf_report *r, struct perf_interval *cur, uint64_t ns)
{
	uint64_t *p, j;

	cur->messages++;
	cur->sum_ns += ns;
	if (!cur->min_ns || ns < cur->min_ns)
		cur->min_ns = ns;
	if (ns > cur->max_ns)
		cur->max_ns = ns;
	r->seen++;
	if (r->nsamples < PERF_MAX_SAMPLES) {
		if (r->nsamples % 4096 == 0) {
			p = realloc(r->samples, (r->nsamples + 4096) * sizeof(*p));
			if (!p)
				return; /* the percentiles come from fewer samples */
			r->samples = p;
		}
		r->samples[r->nsamples++] = ns;
		return;
	}
	j = rnd(r) % r->seen; /* reservoir sampling: each sample kept with equal chance */
	if (j < PERF_MAX_SAMPLES)
		r->samples[j] = ns;
}

static double rate(uint64_t n, double secs)
{
	return secs > 0 ? (double)n / secs : 0;
}

/* Bytes as iperf3 writes them: binary prefixes. */
static const char *bytes_str(uint64_t b, char *buf, size_t len)
{
	static const char *const unit[] = {"Bytes", "KBytes", "MBytes", "GBytes", "TBytes"};
	double v = (double)b;
	int u = 0;

	while (v >= 1024 && u < 4) {
		v /= 1024;
		u++;
	}
	snprintf(buf, len, "%.*f %s", u ? 2 : 0, v, unit[u]);
	return buf;
}

static const char *bits_str(double bps, char *buf, size_t len)
{
	static const char *const unit[] = {"bit/s", "Kbit/s", "Mbit/s", "Gbit/s", "Tbit/s"};
	int u = 0;

	while (bps >= 1000 && u < 4) {
		bps /= 1000;
		u++;
	}
	snprintf(buf, len, "%.2f %s", bps, unit[u]);
	return buf;
}

static void print_interval(const struct perf_report *r, const struct perf_interval *v)
{
	double s = v->end - v->start;
	char b[32], bps[32];

	printf("%7.2f-%-7.2f s  ", v->start, v->end);
	switch (r->o->mode) {
	case PERF_THROUGHPUT:
	case PERF_RATE:
		printf("%12s  %14s  %10llu msgs  %10.0f msg/s\n", bytes_str(v->bytes, b, sizeof(b)),
		       bits_str(rate(v->bytes * 8, s), bps, sizeof(bps)),
		       (unsigned long long)v->messages, rate(v->messages, s));
		break;
	case PERF_LATENCY:
		printf("%10llu pings  min %.1f  mean %.1f  max %.1f us\n",
		       (unsigned long long)v->messages, (double)v->min_ns / 1e3,
		       v->messages ? (double)v->sum_ns / (double)v->messages / 1e3 : 0,
		       (double)v->max_ns / 1e3);
		break;
	default:
		printf("%10llu associations  %10.1f /s\n", (unsigned long long)v->messages,
		       rate(v->messages, s));
	}
	fflush(stdout);
}

int perf_report_interval(struct perf_report *r, const struct perf_interval *cur)
{
	struct perf_interval *p;

	if (!r->o->json) {
		print_interval(r, cur);
		return 0;
	}
	if (r->niv == r->cap) {
		p = realloc(r->iv, (r->cap + 64) * sizeof(*p));
		if (!p)
			return fputs("sctpperf: out of memory\n", stderr), -ENOMEM;
		r->iv = p;
		r->cap += 64;
	}
	r->iv[r->niv++] = *cur;
	return 0;
}

void perf_report_header(const struct perf_report *r, const char *peer)
{
	const struct perf_opts *o = r->o;

	if (o->json)
		return;
	if (o->mode == PERF_SETUP)
		printf("sctpperf: setup test to %s: %u at a time, %.1f s\n", peer, o->assocs,
		       o->secs);
	else
		printf("sctpperf: %s test to %s: %u association%s, %u stream%s, %u-byte messages, "
		       "%.1f s\n",
		       perf_mode_names[o->mode], peer, o->assocs, o->assocs > 1 ? "s" : "",
		       o->streams, o->streams > 1 ? "s" : "", o->len, o->secs);
	fflush(stdout);
}

static int cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return x < y ? -1 : x > y;
}

/* The @p-th percentile (nearest rank) of the sorted samples, in microseconds. */
static double pct(const struct perf_report *r, unsigned p)
{
	size_t k = (r->nsamples * p + 99) / 100;

	return r->nsamples && r->samples ? (double)r->samples[k ? k - 1 : 0] / 1e3 : 0;
}

/* A JSON string: the host comes from the command line. */
static void json_str(const char *s)
{
	putchar('"');
	for (; *s; s++) {
		if (*s == '"' || *s == '\\')
			printf("\\%c", *s);
		else if ((unsigned char)*s < 0x20)
			printf("\\u%04x", (unsigned char)*s);
		else
			putchar(*s);
	}
	putchar('"');
}

static void json_flood(const char *name, const struct perf_result *x, const char *sep)
{
	double s = (double)x->nsecs / 1e9;

	printf("    \"%s\": {\"seconds\": %.6f, \"bytes\": %llu, \"messages\": %llu, "
	       "\"bits_per_second\": %.0f, \"messages_per_second\": %.1f}%s\n",
	       name, s, (unsigned long long)x->bytes, (unsigned long long)x->messages,
	       rate(x->bytes * 8, s), rate(x->messages, s), sep);
}

static void json_interval(const struct perf_report *r, const struct perf_interval *v,
			  const char *sep)
{
	double s = v->end - v->start;

	printf("    {\"start\": %.6f, \"end\": %.6f, ", v->start, v->end);
	if (r->o->mode <= PERF_RATE)
		printf("\"bytes\": %llu, \"messages\": %llu, \"bits_per_second\": %.0f, "
		       "\"messages_per_second\": %.1f}%s\n",
		       (unsigned long long)v->bytes, (unsigned long long)v->messages,
		       rate(v->bytes * 8, s), rate(v->messages, s), sep);
	else if (r->o->mode == PERF_LATENCY)
		printf(
		    "\"pings\": %llu, \"min_us\": %.3f, \"mean_us\": %.3f, \"max_us\": %.3f}%s\n",
		    (unsigned long long)v->messages, (double)v->min_ns / 1e3,
		    v->messages ? (double)v->sum_ns / (double)v->messages / 1e3 : 0,
		    (double)v->max_ns / 1e3, sep);
	else
		printf("\"associations\": %llu, \"per_second\": %.1f}%s\n",
		       (unsigned long long)v->messages, rate(v->messages, s), sep);
}

static void json_end(const struct perf_report *r)
{
	const struct perf_opts *o = r->o;
	const struct perf_interval *t = &r->total;
	double s = (double)r->sent.nsecs / 1e9;
	size_t i;

	printf("{\n  \"tool\": \"sctpperf\",\n  \"version\": \"%s\",\n", PACKAGE_VERSION);
	printf("  \"test\": {\"mode\": \"%s\", \"host\": ", perf_mode_names[o->mode]);
	json_str(o->host);
	printf(", \"port\": %s, \"seconds\": %.3f, \"length\": %u, \"associations\": %u, "
	       "\"streams\": %u, \"interval\": %.3f},\n",
	       o->port, o->secs, o->len, o->assocs, o->streams, o->interval);
	printf("  \"intervals\": [\n");
	for (i = 0; i < r->niv; i++)
		json_interval(r, &r->iv[i], i + 1 < r->niv ? "," : "");
	printf("  ],\n  \"end\": {\n");
	if (o->mode <= PERF_RATE) {
		json_flood("sender", &r->sent, ",");
		json_flood("receiver", &r->received, "");
	} else if (o->mode == PERF_LATENCY) {
		printf("    \"latency\": {\"seconds\": %.6f, \"pings\": %llu, "
		       "\"pings_per_second\": %.1f, \"min_us\": %.3f, \"mean_us\": %.3f, "
		       "\"p50_us\": %.3f, \"p90_us\": %.3f, \"p99_us\": %.3f, \"max_us\": %.3f}\n",
		       s, (unsigned long long)t->messages, rate(t->messages, s),
		       (double)t->min_ns / 1e3,
		       t->messages ? (double)t->sum_ns / (double)t->messages / 1e3 : 0, pct(r, 50),
		       pct(r, 90), pct(r, 99), (double)t->max_ns / 1e3);
	} else {
		printf("    \"setup\": {\"seconds\": %.6f, \"associations\": %llu, "
		       "\"per_second\": %.1f}\n",
		       s, (unsigned long long)t->messages, rate(t->messages, s));
	}
	printf("  }\n}\n");
}

static void text_flood(const char *name, const struct perf_result *x)
{
	struct perf_interval v = {
	    .end = (double)x->nsecs / 1e9, .bytes = x->bytes, .messages = x->messages};
	char b[32], bps[32];

	printf("%7.2f-%-7.2f s  %12s  %14s  %10llu msgs  %10.0f msg/s  %s\n", v.start, v.end,
	       bytes_str(v.bytes, b, sizeof(b)),
	       bits_str(rate(v.bytes * 8, v.end), bps, sizeof(bps)), (unsigned long long)v.messages,
	       rate(v.messages, v.end), name);
}

void perf_report_end(struct perf_report *r)
{
	const struct perf_interval *t = &r->total;
	double s = (double)r->sent.nsecs / 1e9;

	if (r->samples)
		qsort(r->samples, r->nsamples, sizeof(*r->samples), cmp_u64);
	if (r->o->json) {
		json_end(r);
		fflush(stdout);
		return;
	}
	puts("- - - - - - - - - - - - - - - - - - - - - - - - -");
	if (r->o->mode <= PERF_RATE) {
		text_flood("sender", &r->sent);
		text_flood("receiver", &r->received);
	} else if (r->o->mode == PERF_LATENCY) {
		printf(
		    "%7.2f-%-7.2f s  %10llu pings  %.1f/s\n"
		    "latency (us): min %.1f  p50 %.1f  p90 %.1f  p99 %.1f  max %.1f  mean %.1f\n",
		    0.0, s, (unsigned long long)t->messages, rate(t->messages, s),
		    (double)t->min_ns / 1e3, pct(r, 50), pct(r, 90), pct(r, 99),
		    (double)t->max_ns / 1e3,
		    t->messages ? (double)t->sum_ns / (double)t->messages / 1e3 : 0);
	} else {
		printf("%7.2f-%-7.2f s  %10llu associations  %10.1f /s  set up and ended\n", 0.0, s,
		       (unsigned long long)t->messages, rate(t->messages, s));
	}
	fflush(stdout);
}

void perf_report_free(struct perf_report *r)
{
	free(r->iv);
	free(r->samples);
}
