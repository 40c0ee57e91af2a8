/* SPDX-License-Identifier: MIT */
/* test_sctp_pd.c: partial delivery of a large message, and what may not overtake it. */
#include "harness.h"

#include <errno.h>
#include <string.h>

#include "az.h"
#include "wire/sctp_types.h"

/* A DATA chunk from "A" (built by hand, Z's tag) to Z's association @z; Z's answers dropped. */
static void data_to_z(struct az *az, sct_assoc_id z, uint32_t tsn, uint16_t sid, uint16_t ssn,
		      uint8_t flags, uint8_t fill, size_t len)
{
	static uint8_t buf[2000];
	struct az_bld b;

	memset(buf, fill, len);
	az_bld_assoc(az, &b, AZ_Z, z);
	az_bld_data(&b, tsn, sid, ssn, flags, buf, len);
	az_send(az, AZ_Z, &b);
	az_collect(az);
	az_drop_all(az);
}

/*
 * RFC 6458 8.1.21 (SCTP_PARTIAL_DELIVERY_POINT): once the buffered part of an incomplete message
 * passes the partial delivery point, its first fragments are readable (eor clear).  Its
 * fragments have consecutive TSNs (RFC 9260 6.9); when the last one is lost, whole messages
 * with later TSNs (on another stream, or unordered) are not handed out in the middle of it
 * (no interleaving, RFC 6458 8.1.20 level 0) but right after its last fragment arrives.
 */
static void rfc6458_8_1_21_partial_delivery_not_overtaken(void)
{
	struct sct_rcvinfo ri;
	struct sct_params p;
	uint8_t buf[4000];
	struct az az;
	sct_assoc_id a, z = 0;
	uint32_t t;
	size_t got = 0;
	int n, k;

	az_init(&az, 800);
	a = az_establish(&az, &z);
	CU_ASSERT_NOT_EQUAL_FATAL(a, 0);
	CU_ASSERT_EQUAL_FATAL(sct_assoc_params(az.st[AZ_Z], z, &p), 0);
	p.pd_point = 2000;
	CU_ASSERT_EQUAL_FATAL(sct_assoc_set_params(az.st[AZ_Z], z, &p, az.now), 0);
	t = az_status(&az, AZ_A, a).cum_tsn_acked + 1; /* A's first TSN, as Z expects it */

	data_to_z(&az, z, t, 0, 0, SCT_DATA_FLAG_B, 0xa0, 1500);
	CU_ASSERT_FALSE(sct_assoc_readable(az.st[AZ_Z], z)); /* below the point: held */
	data_to_z(&az, z, t + 1, 0, 0, 0, 0xa1, 1500);
	CU_ASSERT_TRUE_FATAL(sct_assoc_readable(az.st[AZ_Z], z));
	/* t + 2, the last fragment, is lost; a whole message on stream 1 and an unordered one
	 * on stream 2 arrive */
	data_to_z(&az, z, t + 3, 1, 0, SCT_DATA_FLAG_B | SCT_DATA_FLAG_E, 0xb0, 100);
	data_to_z(&az, z, t + 4, 2, 0, SCT_DATA_FLAG_B | SCT_DATA_FLAG_E | SCT_DATA_FLAG_U, 0xc0,
		  50);
	for (k = 0; k < 10; k++) {
		n = sct_assoc_recv(az.st[AZ_Z], z, &ri, buf, sizeof(buf), az.now);
		if (n < 0)
			break;
		CU_ASSERT_EQUAL(ri.sid, 0);
		CU_ASSERT_FALSE(ri.eor);
		CU_ASSERT_EQUAL(buf[0], got < 1500 ? 0xa0 : 0xa1);
		got += (size_t)n;
	}
	CU_ASSERT_EQUAL(n, -EAGAIN);
	CU_ASSERT_EQUAL(got, 3000);
	/* the last fragment, retransmitted */
	data_to_z(&az, z, t + 2, 0, 0, SCT_DATA_FLAG_E, 0xa2, 700);
	n = sct_assoc_recv(az.st[AZ_Z], z, &ri, buf, sizeof(buf), az.now);
	CU_ASSERT_EQUAL(n, 700);
	CU_ASSERT_EQUAL(ri.sid, 0);
	CU_ASSERT_TRUE(ri.eor);
	CU_ASSERT_EQUAL(buf[0], 0xa2);
	/* then the two that waited */
	for (k = 0; k < 2; k++) {
		n = sct_assoc_recv(az.st[AZ_Z], z, &ri, buf, sizeof(buf), az.now);
		CU_ASSERT_TRUE(ri.eor);
		if (ri.sid == 1) {
			CU_ASSERT_EQUAL(n, 100);
			CU_ASSERT_EQUAL(buf[0], 0xb0);
		} else {
			CU_ASSERT_EQUAL(ri.sid, 2);
			CU_ASSERT_TRUE(ri.unordered);
			CU_ASSERT_EQUAL(n, 50);
			CU_ASSERT_EQUAL(buf[0], 0xc0);
		}
	}
	CU_ASSERT_EQUAL(sct_assoc_recv(az.st[AZ_Z], z, &ri, buf, sizeof(buf), az.now), -EAGAIN);
	az_free(&az);
}

static const struct sct_test pd_tests[] = {
    SCT_TEST(rfc6458_8_1_21_partial_delivery_not_overtaken),
    SCT_TEST_END,
};

SCT_TEST_MAIN(pd_tests)
