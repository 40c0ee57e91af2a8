/* SPDX-License-Identifier: MIT */
/* test_sctp_rxmem.c: A/Z tests of what a peer's DATA can make a receiver hold (RFC 9260 6.2, 11.2).
 */
#include "harness.h"

#include <string.h>

#include "az.h"
#include "sctp/rxq.h"
#include "wire/sctp_types.h"

/* An established pair whose Z has a 65536-byte receive buffer; *tsn: A's next TSN. */
static sct_assoc_id setup(struct az *az, uint64_t seed, sct_assoc_id *z, uint32_t *tsn)
{
	sct_assoc_id a;

	az_init(az, seed);
	sct_stack_settings(az->st[AZ_Z])->rcvbuf = 65536;
	a = az_establish(az, z);
	*tsn = a ? az_status(az, AZ_A, a).cum_tsn_acked + 1 : 0;
	return a;
}

static uint64_t dropped(struct az *az)
{
	struct sct_stack_counters c;

	sct_stack_counters(az->st[AZ_Z], &c);
	return c.data_dropped_rwnd;
}

/*
 * 11.2: a peer sending 1-byte pieces of a message it never ends would have us
 * keep a header per byte; the chunks held are bounded by the buffer too (one per
 * SCT_RXQ_BYTES_PER_CHUNK bytes), and a_rwnd says 0 once they are.
 */
static void rfc9260_11_2_tiny_fragments_bounded(void)
{
	struct az az;
	sct_assoc_id a, z;
	struct az_bld b;
	uint32_t tsn, first;
	int i, k;

	a = setup(&az, 901, &z, &first);
	CU_ASSERT_NOT_EQUAL_FATAL(a, 0);
	tsn = first;
	for (i = 0; i < 20; i++) {
		az_bld_assoc(&az, &b, AZ_Z, z);
		for (k = 0; k < 50; k++, tsn++)
			az_bld_data(&b, tsn, 0, 0, tsn == first ? SCT_DATA_FLAG_B : 0, "x", 1);
		az_send(&az, AZ_Z, &b);
	}
	/* 65536 / 256 = 256 chunks taken, the other 744 refused */
	CU_ASSERT_EQUAL(dropped(&az), 1000 - 65536 / SCT_RXQ_BYTES_PER_CHUNK);
	CU_ASSERT_EQUAL(az_status(&az, AZ_Z, z).rwnd, 0);
	az_free(&az);
}

/* Messages held behind an SSN that never comes, @n of 1000 bytes from @tsn: how many refused. */
static uint64_t held_back(struct az *az, sct_assoc_id z, uint32_t tsn, int n)
{
	static uint8_t kb[1000];
	struct az_bld b;
	int i;

	for (i = 0; i < n; i++) {
		az_bld_assoc(az, &b, AZ_Z, z);
		az_bld_data(&b, tsn + (uint32_t)i, 0, (uint16_t)(2 + i),
			    SCT_DATA_FLAG_B | SCT_DATA_FLAG_E, kb, sizeof(kb));
		az_send(az, AZ_Z, &b);
	}
	return dropped(az);
}

/*
 * 6.2, 11.2: new DATA beyond the buffer is refused; DATA filling a hole below
 * what already arrived may go past it (the peer kept to our window when it
 * sent the rest), but not past twice the buffer: one TSN sent far ahead must
 * not make every TSN below it a hole to fill.
 */
static void rfc9260_11_2_far_ahead_tsn_bounded(void)
{
	struct az az;
	sct_assoc_id a, z;
	struct az_bld b;
	uint32_t tsn;

	/* the control: in order, 65 of 1000 bytes fit in 65536 */
	a = setup(&az, 902, &z, &tsn);
	CU_ASSERT_NOT_EQUAL_FATAL(a, 0);
	CU_ASSERT_EQUAL(held_back(&az, z, tsn, 300), 300 - 65);
	az_free(&az);

	/* one byte 100000 TSNs ahead: the 300 below are hole fills, 131 fit in twice 65536 */
	a = setup(&az, 903, &z, &tsn);
	CU_ASSERT_NOT_EQUAL_FATAL(a, 0);
	az_bld_assoc(&az, &b, AZ_Z, z);
	az_bld_data(&b, tsn + 100000, 0, 1, SCT_DATA_FLAG_B | SCT_DATA_FLAG_E, "a", 1);
	az_send(&az, AZ_Z, &b);
	CU_ASSERT_EQUAL(dropped(&az), 0);
	CU_ASSERT_EQUAL(held_back(&az, z, tsn, 300), 300 - 131);
	az_free(&az);
}

static const struct sct_test rxmem_tests[] = {
    SCT_TEST(rfc9260_11_2_tiny_fragments_bounded),
    SCT_TEST(rfc9260_11_2_far_ahead_tsn_bounded),
    SCT_TEST_END,
};

SCT_TEST_MAIN(rxmem_tests)
