/* SPDX-License-Identifier: MIT */
/* test_sctp_gapblocks.c: SACKs with unordered Gap Ack Blocks; association-wide PMTU and RTO. */
#include "harness.h"

#include <errno.h>
#include <string.h>

#include "az.h"
#include "wire/sctp_types.h"

struct gap_run {
	uint32_t flight_before, flight_after;
	uint32_t rtx_mask; /* bit k: TSN first+k retransmitted */
	uint32_t cum_after;
};

/* Three SACKs' Gap Ack Blocks: @gaps[k] holds @ng[k] {start, end} pairs (offsets from cum). */
struct gap_steps {
	const uint16_t *gaps[3];
	size_t ng[3];
};

/*
 * A sends five 100-byte messages (TSN t..t+4), which are all lost; then Z's three SACKs say
 * cum = t-1 with the blocks of @st; what A did with them.
 */
static struct gap_run gap_scenario(uint64_t seed, const struct gap_steps *st)
{
	static const uint8_t msg[100];
	struct gap_run r;
	struct az az;
	struct az_bld b;
	struct sct_data d;
	sct_assoc_id a, z = 0;
	uint32_t first = 0;
	size_t i, k;
	int j;

	memset(&r, 0, sizeof(r));
	az_init(&az, seed);
	a = az_establish(&az, &z);
	CU_ASSERT_NOT_EQUAL_FATAL(a, 0);
	sct_assoc_set_nodelay(az.st[AZ_A], a, true);
	for (k = 0; k < 5; k++)
		CU_ASSERT_EQUAL(az_send_msg(&az, AZ_A, a, 0, msg, sizeof(msg)), 0);
	az_collect(&az);
	CU_ASSERT_FATAL(az.n_flight > 0);
	CU_ASSERT_FATAL(az_data(&az, 0, 0, &d));
	first = d.tsn;
	CU_ASSERT_EQUAL(az_count_data(&az, AZ_A), 5);
	az_drop_all(&az);
	r.flight_before = az_status(&az, AZ_A, a).flight;
	for (k = 0; k < 3; k++) {
		az_bld_assoc(&az, &b, AZ_A, a);
		az_bld_sack(&b, first - 1, 65536, st->gaps[k], st->ng[k], NULL, 0);
		az_send(&az, AZ_A, &b);
		if (k == 1)
			r.flight_after = az_status(&az, AZ_A, a).flight;
	}
	az_collect(&az);
	for (i = 0; i < az.n_flight; i++)
		for (j = 0; az_data(&az, i, j, &d); j++)
			if (d.tsn - first < 32)
				r.rtx_mask |= 1u << (d.tsn - first);
	r.cum_after = az_status(&az, AZ_A, a).cum_tsn_acked - (first - 1);
	az_free(&az);
	return r;
}

/*
 * RFC 9260 3.3.4 describes Gap Ack Blocks as offsets from the Cumulative TSN Ack; nothing
 * makes a peer send them in order.  Blocks out of order, with an inverted one among them, ack
 * exactly what the same blocks in order ack.  The SACKs ack t+1, then also t+3, then also t+4:
 * after the second, t+1 and t+3 have left the flight; with HTNA (7.2.4) t has then had three
 * miss indications and t+2 two, so fast retransmit resends t alone.
 */
static void rfc9260_3_3_4_gap_blocks_out_of_order(void)
{
	static const uint16_t g1[] = {2, 2};
	static const uint16_t s2[] = {2, 2, 4, 4}, s3[] = {2, 2, 4, 5};
	static const uint16_t u2[] = {4, 4, 2, 2};
	static const uint16_t u3[] = {4, 5, 9, 7 /* start > end: ignored */, 2, 2};
	static const struct gap_steps sorted = {{g1, s2, s3}, {1, 2, 2}};
	static const struct gap_steps unsorted = {{g1, u2, u3}, {1, 2, 3}};
	struct gap_run s = gap_scenario(600, &sorted);
	struct gap_run u = gap_scenario(600, &unsorted);

	CU_ASSERT(s.flight_before > 0);
	/* five equal chunks, two acked: three fifths stay in flight */
	CU_ASSERT_EQUAL(s.flight_after * 5, s.flight_before * 3);
	CU_ASSERT_EQUAL(u.flight_before, s.flight_before);
	CU_ASSERT_EQUAL(u.flight_after, s.flight_after);
	CU_ASSERT_EQUAL(s.rtx_mask, 0x01);
	CU_ASSERT_EQUAL(u.rtx_mask, s.rtx_mask);
	CU_ASSERT_EQUAL(u.cum_after, 0);
}

/*
 * Association-wide values (RFC 6458 8.1.12 spp_pathmtu with PMTUD off, 8.1.1 RTO bounds):
 * a fixed PMTU of 1280 caps every packet A sends at 1280 bytes of IP packet, and raising
 * RTO.Min above a path's RTO lifts the RTO to it (RFC 9260 6.3.1 C6); lowering RTO.Max below
 * clamps it (C7).
 */
static void rfc6458_8_1_12_fixed_pmtu_and_rto_bounds(void)
{
	static uint8_t big[4000];
	struct sct_path_info pi[2];
	struct sct_params p;
	struct az az;
	sct_assoc_id a, z = 0;
	size_t total = 0, got;
	int n;

	az_init(&az, 610);
	a = az_establish(&az, &z);
	CU_ASSERT_NOT_EQUAL_FATAL(a, 0);
	CU_ASSERT_EQUAL_FATAL(sct_assoc_params(az.st[AZ_A], a, &p), 0);
	p.pmtud = false;
	p.pmtu = 1280;
	CU_ASSERT_EQUAL(sct_assoc_set_params(az.st[AZ_A], a, &p, az.now), 0);
	n = sct_assoc_paths(az.st[AZ_A], a, pi, 2);
	CU_ASSERT_EQUAL_FATAL(n, 1);
	CU_ASSERT_EQUAL(pi[0].pmtu, 1280);
	sct_assoc_set_nodelay(az.st[AZ_A], a, true);
	CU_ASSERT_EQUAL(az_send_msg(&az, AZ_A, a, 0, big, sizeof(big)), 0);
	for (got = 0; got < 40; got++) {
		if (!az_collect(&az))
			break;
		while (az.n_flight) {
			if (az.flight[0]->from == AZ_A) {
				/* 20 bytes of IPv4 header on top of the SCTP packet */
				CU_ASSERT(az.flight[0]->len + 20 <= 1280);
				total += az_count_data(&az, AZ_A) ? 1 : 0;
			}
			az_deliver(&az, 0);
		}
	}
	CU_ASSERT(total >= 4); /* 4000 bytes cannot go in fewer than four 1280-byte packets */
	{
		uint8_t buf[4096];
		struct sct_rcvinfo ri;

		CU_ASSERT_EQUAL(az_recv_msg(&az, AZ_Z, z, buf, sizeof(buf), &ri), (int)sizeof(big));
	}

	CU_ASSERT_EQUAL_FATAL(sct_assoc_params(az.st[AZ_A], a, &p), 0);
	CU_ASSERT_EQUAL_FATAL(sct_assoc_paths(az.st[AZ_A], a, pi, 2), 1);
	CU_ASSERT(pi[0].rto_ms < 5000);
	p.set.rto_min = 5000;
	if (p.set.rto_max < 5000)
		p.set.rto_max = 5000;
	if (p.set.rto_initial < 5000)
		p.set.rto_initial = 5000;
	CU_ASSERT_EQUAL(sct_assoc_set_params(az.st[AZ_A], a, &p, az.now), 0);
	sct_assoc_paths(az.st[AZ_A], a, pi, 2);
	CU_ASSERT_EQUAL(pi[0].rto_ms, 5000);
	p.set.rto_min = 100;
	p.set.rto_initial = 150;
	p.set.rto_max = 200;
	CU_ASSERT_EQUAL(sct_assoc_set_params(az.st[AZ_A], a, &p, az.now), 0);
	sct_assoc_paths(az.st[AZ_A], a, pi, 2);
	CU_ASSERT_EQUAL(pi[0].rto_ms, 200);
	CU_ASSERT_EQUAL(sct_assoc_set_params(az.st[AZ_A], 424242, &p, az.now), -ENOENT);
	az_free(&az);
}

static const struct sct_test gap_tests[] = {
    SCT_TEST(rfc9260_3_3_4_gap_blocks_out_of_order),
    SCT_TEST(rfc6458_8_1_12_fixed_pmtu_and_rto_bounds),
    SCT_TEST_END,
};

SCT_TEST_MAIN(gap_tests)
