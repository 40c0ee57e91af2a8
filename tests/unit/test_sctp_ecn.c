/* SPDX-License-Identifier: MIT */
/* test_sctp_ecn.c: A/Z tests of ECN (RFC 4960 appendix A, RFC 3168). */
#include "harness.h"

#include <errno.h>
#include <string.h>

#include "az.h"
#include "common/cursor.h"
#include "wire/sctp_types.h"

#define PMDCS_V4 (1500 - 20 - 12 - 16)

/* ECN bits of the first DATA packet from @from in flight (-1 when none). */
static int data_ecn(const struct az *az, int from)
{
	size_t i;

	for (i = 0; i < az->n_flight; i++)
		if (az->flight[i]->from == from && az_find_in(az, i, SCT_CHUNK_DATA) >= 0)
			return az->flight[i]->pi.ecn;
	return -1;
}

static int ecn_pair(uint64_t seed, bool a_on, bool z_on, int *ecn_a, int *ecn_z, int *ecn_ctl)
{
	struct az az;
	sct_assoc_id a, z;
	int k;

	az_init(&az, seed);
	sct_stack_settings(az.st[AZ_A])->ecn_enable = a_on;
	sct_stack_settings(az.st[AZ_Z])->ecn_enable = z_on;
	a = az_establish(&az, &z);
	if (!a)
		return -1;
	sct_assoc_set_nodelay(az.st[AZ_A], a, true);
	az_send_msg(&az, AZ_A, a, 0, "a", 1);
	az_send_msg(&az, AZ_Z, z, 0, "z", 1);
	az_collect(&az);
	*ecn_a = data_ecn(&az, AZ_A);
	*ecn_z = data_ecn(&az, AZ_Z);
	az_drop_all(&az);
	/* a packet without DATA (a SACK) is not ECN-capable */
	az_send_msg(&az, AZ_A, a, 0, "b", 1);
	az_collect(&az);
	az_deliver(&az, 0);
	az_collect(&az);
	k = az_find_chunk(&az, AZ_Z, SCT_CHUNK_SACK);
	*ecn_ctl = k >= 0 ? az.flight[k]->pi.ecn : -1;
	az_free(&az);
	return 0;
}

/* RFC 4960 A: ECN Capable in INIT and INIT ACK; ECT(0) on DATA packets only when both offered. */
static void rfc4960_a_ecn_negotiation(void)
{
	int ea, ez, ec;

	CU_ASSERT_EQUAL_FATAL(ecn_pair(601, true, true, &ea, &ez, &ec), 0);
	CU_ASSERT_EQUAL(ea, 2);
	CU_ASSERT_EQUAL(ez, 2);
	CU_ASSERT_EQUAL(ec, 0);
	CU_ASSERT_EQUAL_FATAL(ecn_pair(602, true, false, &ea, &ez, &ec), 0);
	CU_ASSERT_EQUAL(ea, 0);
	CU_ASSERT_EQUAL(ez, 0);
	CU_ASSERT_EQUAL_FATAL(ecn_pair(603, false, true, &ea, &ez, &ec), 0);
	CU_ASSERT_EQUAL(ea, 0);
	CU_ASSERT_EQUAL(ez, 0);
}

/* RFC 4960 A: a CE mark makes the receiver send ECNE with every SACK until a CWR covers it. */
static void rfc4960_a_ecne_until_cwr(void)
{
	struct az az;
	sct_assoc_id a, z;
	int k, i;

	az_init(&az, 604);
	sct_stack_settings(az.st[AZ_Z])->sack_freq = 1;
	a = az_establish(&az, &z);
	CU_ASSERT_NOT_EQUAL_FATAL(a, 0);
	sct_assoc_set_nodelay(az.st[AZ_A], a, true);
	az_send_msg(&az, AZ_A, a, 0, "1", 1);
	az_collect(&az);
	az_deliver_ecn(&az, 0, 3); /* CE */
	az_collect(&az);
	k = az_find_chunk(&az, AZ_Z, SCT_CHUNK_ECNE);
	CU_ASSERT_TRUE_FATAL(k >= 0);
	CU_ASSERT_TRUE(az_find_in(&az, (size_t)k, SCT_CHUNK_SACK) > 0); /* bundled with the SACK */
	az_drop_all(&az);						/* lost: no CWR yet */
	for (i = 0; i < 2; i++) {
		az_send_msg(&az, AZ_A, a, 0, "2", 1);
		az_collect(&az);
		az_deliver(&az, 0); /* not marked, but the echo goes on */
		az_collect(&az);
		CU_ASSERT_TRUE(az_count_chunk(&az, AZ_Z, SCT_CHUNK_ECNE) == 1);
		if (i == 0)
			az_drop_all(&az);
	}
	/* A answers with a CWR */
	az_deliver(&az, 0);
	az_collect(&az);
	CU_ASSERT_EQUAL(az_count_chunk(&az, AZ_A, SCT_CHUNK_CWR), 1);
	az_run(&az);
	az_send_msg(&az, AZ_A, a, 0, "3", 1);
	az_collect(&az);
	az_deliver(&az, 0);
	az_collect(&az);
	CU_ASSERT_EQUAL(az_count_chunk(&az, AZ_Z, SCT_CHUNK_SACK), 1);
	CU_ASSERT_EQUAL(az_count_chunk(&az, AZ_Z, SCT_CHUNK_ECNE), 0);
	az_free(&az);
}

static void inject_ecne(struct az *az, sct_assoc_id a, uint32_t tsn)
{
	uint8_t v[4];

	sct_put_u32(v, tsn);
	az_inject_chunk(az, AZ_A, az_status(az, AZ_A, a).my_vtag, SCT_CHUNK_ECNE, 0, v, 4);
}

/* RFC 4960 A: the sender cuts cwnd once per window of data, however many ECNEs come. */
static void rfc4960_a_one_cut_per_window(void)
{
	struct az az;
	sct_assoc_id a, z;
	static uint8_t big[30000], buf[64];
	struct sct_rcvinfo ri;
	struct sct_data d;
	uint32_t c0, c1, first;
	int i;

	az_init(&az, 605);
	sct_stack_settings(az.st[AZ_Z])->sack_freq = 1;
	a = az_establish(&az, &z);
	CU_ASSERT_NOT_EQUAL_FATAL(a, 0);
	sct_assoc_set_nodelay(az.st[AZ_A], a, true);
	for (i = 0; i < 8; i++) {
		az_send_msg(&az, AZ_A, a, 0, big, sizeof(big));
		az_settle(&az, sct_ms(400));
		while (sct_assoc_recv(az.st[AZ_Z], z, &ri, buf, sizeof(buf), az.now) > 0)
			;
		az_settle(&az, sct_ms(400));
	}
	c0 = az_status(&az, AZ_A, a).cwnd;
	CU_ASSERT_TRUE_FATAL(c0 >= 16 * PMDCS_V4);
	for (i = 0; i < 4; i++)
		az_send_msg(&az, AZ_A, a, 0, "w", 1);
	az_collect(&az);
	CU_ASSERT_TRUE_FATAL(az_data(&az, 0, 0, &d));
	first = d.tsn;
	inject_ecne(&az, a, first);
	c1 = az_status(&az, AZ_A, a).cwnd;
	CU_ASSERT_EQUAL(c1, c0 / 2);
	inject_ecne(&az, a, first + 1); /* same window */
	CU_ASSERT_EQUAL(az_status(&az, AZ_A, a).cwnd, c1);
	az_collect(&az);
	CU_ASSERT_TRUE(az_count_chunk(&az, AZ_A, SCT_CHUNK_CWR) >= 1);
	az_run(&az);
	/* new data beyond that window: a new cut */
	az_send_msg(&az, AZ_A, a, 0, "n", 1);
	az_collect(&az);
	CU_ASSERT_TRUE_FATAL(az_data(&az, 0, 0, &d));
	c1 = az_status(&az, AZ_A, a).cwnd;
	inject_ecne(&az, a, d.tsn);
	CU_ASSERT_EQUAL(az_status(&az, AZ_A, a).cwnd,
			c1 / 2 > 4 * PMDCS_V4 ? c1 / 2 : 4 * PMDCS_V4);
	az_free(&az);
}

static const struct sct_test ecn_tests[] = {
    SCT_TEST(rfc4960_a_ecn_negotiation),
    SCT_TEST(rfc4960_a_ecne_until_cwr),
    SCT_TEST(rfc4960_a_one_cut_per_window),
    SCT_TEST_END,
};

SCT_TEST_MAIN(ecn_tests)
