/* SPDX-License-Identifier: MIT */
/* test_sctp_icmp.c: A/Z tests of ICMP handling and the path MTU (RFC 9260 10, 7.3). */
#include "harness.h"

#include <errno.h>
#include <string.h>

#include "az.h"
#include "common/cursor.h"
#include "wire/sctp_types.h"

static uint8_t quoted[AZ_PKT_MAX];

/* An ICMP report on A about flight packet @i (A's), of @kind. */
static int icmp_about(struct az *az, size_t i, enum sct_icmp_kind kind, uint32_t mtu)
{
	struct sct_icmp_report r;

	memset(&r, 0, sizeof(r));
	r.kind = kind;
	r.mtu = mtu;
	r.src = az->addr[AZ_A];
	r.dst = az->flight[i]->pi.dst;
	memcpy(quoted, az->flight[i]->buf, az->flight[i]->len);
	r.sctp = quoted;
	r.sctp_len = az->flight[i]->len;
	return sct_stack_icmp(az->st[AZ_A], &r, az->now);
}

static size_t largest_from_a(const struct az *az)
{
	size_t i, m = 0;

	for (i = 0; i < az->n_flight; i++)
		if (az->flight[i]->from == AZ_A && az->flight[i]->len > m)
			m = az->flight[i]->len;
	return m;
}

/*
 * 10 ICMP7 / 7.3: "fragmentation needed" lowers the PMTU; a chunk sent too
 * big goes again alone without DF; new data is cut for the new PMTU.
 */
static void rfc9260_10_icmp7_pmtu_decrease(void)
{
	struct az az;
	sct_assoc_id a, z;
	static uint8_t m[1452], big[6000];
	struct sct_data d, d2;

	az_init(&az, 501);
	a = az_establish(&az, &z);
	CU_ASSERT_NOT_EQUAL_FATAL(a, 0);
	az_send_msg(&az, AZ_A, a, 0, m, sizeof(m));
	az_collect(&az);
	CU_ASSERT_EQUAL_FATAL(az.n_flight, 1);
	CU_ASSERT_EQUAL(az.flight[0]->len, 1500 - 20);
	CU_ASSERT_TRUE(az.flight[0]->pi.flags & SCT_PKT_DF);
	CU_ASSERT_TRUE_FATAL(az_data(&az, 0, 0, &d));
	CU_ASSERT_EQUAL(icmp_about(&az, 0, SCT_ICMP_FRAG_NEEDED, 1280), 0);
	az_drop_all(&az);
	az_collect(&az);
	CU_ASSERT_EQUAL_FATAL(az.n_flight, 1);
	CU_ASSERT_TRUE_FATAL(az_data(&az, 0, 0, &d2));
	CU_ASSERT_EQUAL(d2.tsn, d.tsn);
	CU_ASSERT_FALSE(az.flight[0]->pi.flags & SCT_PKT_DF);
	az_run(&az);
	az_send_msg(&az, AZ_A, a, 0, big, sizeof(big));
	az_collect(&az);
	CU_ASSERT_TRUE(largest_from_a(&az) <= 1280 - 20);
	CU_ASSERT_TRUE(largest_from_a(&az) > 1200);
	az_free(&az);
}

/* RFC 1191 / 8201 (10 ICMP7): an ICMP never raises the PMTU; reports below the floor are floored.
 */
static void rfc9260_10_icmp7_never_increase_and_floor(void)
{
	struct az az;
	sct_assoc_id a, z;
	static uint8_t big[6000];

	az_init(&az, 502);
	a = az_establish(&az, &z);
	CU_ASSERT_NOT_EQUAL_FATAL(a, 0);
	az_send_msg(&az, AZ_A, a, 0, big, 100);
	az_collect(&az);
	CU_ASSERT_EQUAL(icmp_about(&az, 0, SCT_ICMP_FRAG_NEEDED, 9000), 0);
	az_run(&az);
	az_send_msg(&az, AZ_A, a, 0, big, sizeof(big));
	az_collect(&az);
	CU_ASSERT_EQUAL(largest_from_a(&az), 1500 - 20);
	CU_ASSERT_EQUAL(icmp_about(&az, 0, SCT_ICMP_FRAG_NEEDED, 100), 0);
	az_settle(&az, sct_ms(5000));
	az_send_msg(&az, AZ_A, a, 0, big, sizeof(big));
	az_collect(&az);
	CU_ASSERT_EQUAL(largest_from_a(&az), 576 - 20); /* the IPv4 floor */
	az_free(&az);
}

/* RFC 8201 (10 ICMP7) over IPv6: a Packet Too Big below 1280 is floored at 1280. */
static void rfc9260_10_icmp7_ipv6_floor(void)
{
	struct az az;
	sct_assoc_id a, z;
	static uint8_t big[6000];

	az_init(&az, 503);
	sct_addr_parse(&az.addr[AZ_A], "2001:db8::1");
	sct_addr_parse(&az.addr[AZ_Z], "2001:db8::2");
	az_reboot(&az, AZ_A, 710, false);
	az_reboot(&az, AZ_Z, 711, true);
	a = az_establish(&az, &z);
	CU_ASSERT_NOT_EQUAL_FATAL(a, 0);
	az_send_msg(&az, AZ_A, a, 0, big, sizeof(big));
	az_collect(&az);
	CU_ASSERT_EQUAL(largest_from_a(&az), 1500 - 40);
	CU_ASSERT_EQUAL(icmp_about(&az, 0, SCT_ICMP_FRAG_NEEDED, 1000), 0);
	az_settle(&az, sct_ms(5000));
	CU_ASSERT_EQUAL(az_status(&az, AZ_A, a).unacked, 0);
	az_send_msg(&az, AZ_A, a, 0, big, sizeof(big));
	az_collect(&az);
	CU_ASSERT_EQUAL(largest_from_a(&az), 1280 - 40); /* the IPv6 minimum MTU */
	az_free(&az);
}

/* 10 ICMP5, ICMP6: the quoted verification tag must be the peer's; otherwise ignored. */
static void rfc9260_10_icmp6_vtag_check(void)
{
	struct az az;
	sct_assoc_id a, z;
	static uint8_t big[3000];

	az_init(&az, 503);
	a = az_establish(&az, &z);
	CU_ASSERT_NOT_EQUAL_FATAL(a, 0);
	az_send_msg(&az, AZ_A, a, 0, big, sizeof(big));
	az_collect(&az);
	az.flight[0]->buf[4] ^= 1; /* a tag that is not the peer's */
	CU_ASSERT_EQUAL(icmp_about(&az, 0, SCT_ICMP_FRAG_NEEDED, 1280), -EPERM);
	CU_ASSERT_EQUAL(icmp_about(&az, 0, SCT_ICMP_PROTO_UNREACH, 0), -EPERM);
	CU_ASSERT_EQUAL(az_state(&az, AZ_A, a), SCT_ESTABLISHED);
	az_drop_all(&az);
	az_settle(&az, sct_ms(5000));
	az_send_msg(&az, AZ_A, a, 0, big, sizeof(big));
	az_collect(&az);
	CU_ASSERT_EQUAL(largest_from_a(&az), 1500 - 20);
	az_free(&az);
}

/* 10 ICMP6 for an INIT: tag 0 quoted, accepted only when the Initiate Tag is ours. */
static void rfc9260_10_icmp6_init_case(void)
{
	struct az az;
	sct_assoc_id a;

	az_init(&az, 504);
	a = az_connect(&az);
	CU_ASSERT_NOT_EQUAL_FATAL(a, 0);
	az_collect(&az);
	CU_ASSERT_EQUAL_FATAL(az_chunk_type(&az, 0, 0), SCT_CHUNK_INIT);
	az.flight[0]->buf[16] ^= 1; /* not our Initiate Tag */
	CU_ASSERT_EQUAL(icmp_about(&az, 0, SCT_ICMP_PROTO_UNREACH, 0), -EPERM);
	CU_ASSERT_EQUAL(az_state(&az, AZ_A, a), SCT_COOKIE_WAIT);
	az.flight[0]->buf[16] ^= 1;
	/* ICMP8: protocol unreachable acts as an ABORT */
	CU_ASSERT_EQUAL(icmp_about(&az, 0, SCT_ICMP_PROTO_UNREACH, 0), 0);
	CU_ASSERT_PTR_NOT_NULL(az_find_event(&az, AZ_A, SCT_EV_ASSOC_CHANGE, SCT_CANT_STR_ASSOC));
	az_free(&az);
}

/* 10 ICMP1-4, 8, 9: port unreachable and others ignored; protocol unreachable ends; host
 * unreachable counts. */
static void rfc9260_10_icmp_kinds(void)
{
	struct az az;
	sct_assoc_id a, z;
	const struct sct_event *ev;

	az_init(&az, 505);
	sct_stack_settings(az.st[AZ_A])->path_max_retrans = 1;
	a = az_establish(&az, &z);
	CU_ASSERT_NOT_EQUAL_FATAL(a, 0);
	az_send_msg(&az, AZ_A, a, 0, "x", 1);
	az_collect(&az);
	CU_ASSERT_EQUAL(icmp_about(&az, 0, SCT_ICMP_PORT_UNREACH, 0), 0);
	CU_ASSERT_EQUAL(icmp_about(&az, 0, SCT_ICMP_OTHER, 0), 0);
	CU_ASSERT_EQUAL(az_state(&az, AZ_A, a), SCT_ESTABLISHED);
	/* ICMP9: host unreachable counts against the path: two past Path.Max.Retrans 1 */
	CU_ASSERT_EQUAL(icmp_about(&az, 0, SCT_ICMP_HOST_UNREACH, 0), 0);
	CU_ASSERT_PTR_NULL(az_find_event(&az, AZ_A, SCT_EV_PEER_ADDR_CHANGE, -1));
	CU_ASSERT_EQUAL(icmp_about(&az, 0, SCT_ICMP_HOST_UNREACH, 0), 0);
	ev = az_find_event(&az, AZ_A, SCT_EV_PEER_ADDR_CHANGE, -1);
	CU_ASSERT_PTR_NOT_NULL_FATAL(ev);
	CU_ASSERT_EQUAL(ev->u.paddr.state, SCT_ADDR_UNREACHABLE);
	/* ICMP8 */
	CU_ASSERT_EQUAL(icmp_about(&az, 0, SCT_ICMP_PROTO_UNREACH, 0), 0);
	ev = az_find_event(&az, AZ_A, SCT_EV_ASSOC_CHANGE, SCT_COMM_LOST);
	CU_ASSERT_PTR_NOT_NULL(ev);
	/* ICMP5: nothing matches any more */
	CU_ASSERT_EQUAL(icmp_about(&az, 0, SCT_ICMP_FRAG_NEEDED, 1280), -ENOENT);
	az_free(&az);
}

static const struct sct_test icmp_tests[] = {
    SCT_TEST(rfc9260_10_icmp7_pmtu_decrease),
    SCT_TEST(rfc9260_10_icmp7_never_increase_and_floor),
    SCT_TEST(rfc9260_10_icmp7_ipv6_floor),
    SCT_TEST(rfc9260_10_icmp6_vtag_check),
    SCT_TEST(rfc9260_10_icmp6_init_case),
    SCT_TEST(rfc9260_10_icmp_kinds),
    SCT_TEST_END,
};

SCT_TEST_MAIN(icmp_tests)
