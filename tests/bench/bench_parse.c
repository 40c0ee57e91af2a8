/* SPDX-License-Identifier: MIT */
/* bench_parse.c: receive-path parse rate of full-size IPv4 SCTP packets (SACK + DATA). */

/*
 * Two 1500-byte IPv4 packets, built with the emitters: one SACK with four gap
 * blocks and two duplicate TSNs bundled with one DATA chunk that fills the
 * packet (1412 bytes of user data), and the same SACK with ten DATA chunks of
 * 116-128 bytes.  Each is put through the receive path one stage more at a
 * time (IPv4 parse with header checksum, CRC32c check, chunk iteration,
 * per-chunk parse), so each row shows what the stage adds.  Every figure is
 * the median of 5 runs of about 0.2 s each.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bench.h"
#include "common/crc32c.h"
#include "wire/chunk.h"
#include "wire/ipv4.h"
#include "wire/sctp.h"

#define PKT_LEN 1500

enum stage { ST_IP, ST_CRC, ST_ITER, ST_PARSE, ST_N };

static const char *const stage_name[ST_N] = {
    "IPv4 parse",
    "+ CRC32c check",
    "+ chunk iteration",
    "+ per-chunk parse",
};

static void die(const char *what, int rc)
{
	fprintf(stderr, "bench_parse: %s failed (%d)\n", what, rc);
	exit(1);
}

/* Build a 1500-byte IPv4/SCTP packet: SACK, then DATA chunks of the given user data sizes. */
static size_t build(uint8_t *pkt, const size_t *sizes, size_t n)
{
	static const struct sct_gap_block gaps[] = {{2, 3}, {5, 9}, {12, 12}, {20, 30}};
	static const uint32_t dups[] = {990, 991};
	static uint8_t sctp[PKT_LEN], user[PKT_LEN];
	struct sct_wr w = sct_wr_init(sctp, sizeof(sctp));
	struct sct_sctp_hdr h = {.src_port = 5000, .dst_port = 5001, .vtag = 0x12345678};
	struct sct_ip4 ip = {.df = true, .ttl = 64, .proto = 132};
	size_t i;
	int rc;

	memset(user, 0x5a, sizeof(user));
	if ((rc = sct_sctp_hdr_emit(&w, &h)) < 0)
		die("sctp header", rc);
	if ((rc = sct_sack_emit_blocks(&w, 1000, 1 << 20, gaps, 4, dups, 2)) < 0)
		die("SACK", rc);
	for (i = 0; i < n; i++) {
		struct sct_data d = {.flags = SCT_DATA_FLAG_B | SCT_DATA_FLAG_E,
				     .tsn = 2000 + (uint32_t)i,
				     .sid = (uint16_t)i,
				     .ssn = 1,
				     .ppid = 0,
				     .user_data = user,
				     .user_data_len = sizes[i]};

		if ((rc = sct_data_emit(&w, &d)) < 0)
			die("DATA", rc);
	}
	if ((rc = sct_sctp_finish(&w, 0)) < 0)
		die("finish", rc);
	sct_addr_v4u32(&ip.src, 0xc0000201);
	sct_addr_v4u32(&ip.dst, 0xc6336402);
	{
		struct sct_wr o = sct_wr_init(pkt, PKT_LEN);

		if ((rc = sct_ip4_emit(&o, &ip, w.off)) < 0)
			die("IPv4", rc);
		sct_wr_bytes(&o, sctp, w.off);
		if (o.err)
			die("IPv4 payload", -1);
		return o.off;
	}
}

/* Run the receive path up to @st on @pkt; returns a value that depends on all the work. */
static uint64_t rx(const uint8_t *pkt, size_t len, enum stage st)
{
	struct sct_ip4 ip;
	struct sct_chunk_iter it;
	struct sct_chunk c;
	union sct_chunk_any a;
	uint64_t acc;

	if (sct_ip4_parse(&ip, pkt, len))
		abort();
	acc = ip.payload_len;
	if (st == ST_IP)
		return acc;
	if (sct_sctp_crc_check(ip.payload, ip.payload_len))
		abort();
	if (st == ST_CRC)
		return acc;
	sct_chunk_iter_init(&it, ip.payload, ip.payload_len);
	while (sct_chunk_next(&it, &c) == 1) {
		acc += c.length;
		if (st == ST_ITER)
			continue;
		if (sct_chunk_parse_any(&c, &a))
			abort();
		if (c.type == SCT_CHUNK_SACK) {
			size_t i;

			/* What a sender does next: read each gap block and duplicate TSN. */
			for (i = 0; i < a.sack.n_gaps; i++)
				acc += sct_sack_gap(&a.sack, i).end;
			for (i = 0; i < a.sack.n_dups; i++)
				acc += sct_sack_dup(&a.sack, i);
		} else {
			acc += a.data.tsn + a.data.user_data_len;
		}
	}
	if (it.err)
		abort();
	return acc;
}

/* Median of 5 runs of ~0.2 s, in ns per packet. */
static double measure(const uint8_t *pkt, size_t len, enum stage st)
{
	double res[5];
	int r, i;

	for (r = 0; r < 5; r++) {
		uint64_t n = 0, acc = 0;
		double t0 = bench_now(), t;

		do {
			for (i = 0; i < 256; i++)
				acc += rx(pkt, len, st);
			n += 256;
			t = bench_now();
		} while (t - t0 < 0.2);
		bench_sink(acc);
		res[r] = (t - t0) * 1e9 / (double)n;
	}
	return bench_median(res, 5);
}

int main(void)
{
	static const size_t one[] = {1412};
	static const size_t ten[] = {128, 128, 128, 128, 128, 128, 128, 128, 128, 116};
	static uint8_t p1[PKT_LEN], p10[PKT_LEN];
	size_t l1 = build(p1, one, 1), l10 = build(p10, ten, 10);
	int st;

	if (l1 != PKT_LEN || l10 != PKT_LEN) {
		fprintf(stderr, "bench_parse: packets of %zu and %zu bytes, not %d\n", l1, l10,
			PKT_LEN);
		return 1;
	}
	printf("Receive-path parse rate, 1500-byte IPv4 packets (median of 5); CRC32c "
	       "instruction: %s\n",
	       sct_crc32c_has_hw() ? "yes" : "no");
	printf("  A: SACK (4 gaps, 2 dups) + 1 DATA (1412 B)\n");
	printf("  B: SACK (4 gaps, 2 dups) + 10 DATA (116-128 B)\n");
	printf("%-20s %10s %10s %10s %10s\n", "stage (cumulative)", "A ns/pkt", "A Mpkt/s",
	       "B ns/pkt", "B Mpkt/s");
	for (st = 0; st < ST_N; st++) {
		double a = measure(p1, l1, (enum stage)st);
		double b = measure(p10, l10, (enum stage)st);

		printf("%-20s %10.1f %10.2f %10.1f %10.2f\n", stage_name[st], a, 1e3 / a, b,
		       1e3 / b);
	}
	return 0;
}
