/* SPDX-License-Identifier: MIT */
/* test_sctp_tune.c: A/Z tests of per-endpoint, per-association and per-path tunables (RFC 6458 8).
 */
#include "harness.h"

#include <errno.h>
#include <string.h>

#include "az.h"
#include "wire/sctp_types.h"

/* What the core refuses: the table's bounds, an inverted RTO, a bad fixed MTU. */
static void params_check_bounds(void)
{
	struct az az;
	struct sct_params p;
	struct sct_ep *ep;
	struct sct_ep_cfg cfg = {.port = 3000, .params = &p};

	az_init(&az, 601);
	sct_params_defaults(az.st[AZ_A], &p);
	CU_ASSERT_EQUAL(sct_params_check(&p), 0);
	CU_ASSERT_TRUE(p.hb_enable);
	CU_ASSERT_TRUE(p.pmtud);
	p.set.rto_min = p.set.rto_max + 1;
	CU_ASSERT_EQUAL(sct_params_check(&p), -ERANGE);
	CU_ASSERT_EQUAL(sct_ep_set_params(az.ep[AZ_A], &p), -ERANGE);
	CU_ASSERT_EQUAL(sct_ep_create(az.st[AZ_A], &cfg, &ep), -ERANGE);
	sct_params_defaults(az.st[AZ_A], &p);
	p.set.sack_timeout = 501; /* RFC 9260 6.2: at most 500 ms */
	CU_ASSERT_EQUAL(sct_params_check(&p), -ERANGE);
	sct_params_defaults(az.st[AZ_A], &p);
	p.pmtu = 1000;
	CU_ASSERT_EQUAL(sct_params_check(&p), -EINVAL);
	sct_params_defaults(az.st[AZ_A], &p);
	p.autoclose_s = p.set.max_autoclose + 1;
	CU_ASSERT_EQUAL(sct_params_check(&p), -EINVAL);
	/* an untuned endpoint follows the stack's settings as they change */
	sct_stack_settings(az.st[AZ_A])->rto_initial = 2000;
	sct_ep_params(az.ep[AZ_A], &p);
	CU_ASSERT_EQUAL(p.set.rto_initial, 2000);
	az_free(&az);
}

/*
 * RFC 6458 7.2, 8.1.1: RTO.Initial set on the endpoint is the new
 * association's (RFC 9260 6.3.1 C1: the first T1-init runs that long);
 * changing the endpoint later leaves the existing association alone.
 */
static void rfc6458_8_1_1_rto_initial_from_endpoint(void)
{
	struct az az;
	struct sct_params p;
	sct_assoc_id a;
	sct_time_t t0;

	az_init(&az, 602);
	sct_ep_params(az.ep[AZ_A], &p);
	p.set.rto_min = 500;
	p.set.rto_initial = 2500;
	CU_ASSERT_EQUAL(sct_ep_set_params(az.ep[AZ_A], &p), 0);
	a = az_connect(&az);
	CU_ASSERT_NOT_EQUAL_FATAL(a, 0);
	CU_ASSERT_EQUAL(az_status(&az, AZ_A, a).rto_ms, 2500);
	t0 = az.now;
	az_collect(&az);
	CU_ASSERT_TRUE(az_find_chunk(&az, AZ_A, SCT_CHUNK_INIT) >= 0);
	az_drop_all(&az);
	CU_ASSERT_TRUE(az_advance(&az));
	CU_ASSERT_EQUAL(az.now - t0, sct_ms(2500));
	az_collect(&az);
	CU_ASSERT_TRUE(az_find_chunk(&az, AZ_A, SCT_CHUNK_INIT) >= 0);
	/* the endpoint changes; the association keeps its copy */
	p.set.rto_initial = 700;
	CU_ASSERT_EQUAL(sct_ep_set_params(az.ep[AZ_A], &p), 0);
	CU_ASSERT_EQUAL(sct_assoc_params(az.st[AZ_A], a, &p), 0);
	CU_ASSERT_EQUAL(p.set.rto_initial, 2500);
	az_free(&az);
}

/*
 * RFC 9260 8.1 with a per-association Association.Max.Retrans of 2
 * (SCTP_ASSOCINFO sasoc_asocmaxrxt): the third unanswered retransmission
 * timeout ends the association, COMM_LOST with ETIMEDOUT.
 */
static void rfc9260_8_1_assoc_max_retrans_per_assoc(void)
{
	struct az az;
	struct sct_params p;
	const struct sct_event *ev;
	sct_assoc_id a, z;
	uint8_t msg[100] = {1};
	size_t data = 0;
	int i;

	az_init(&az, 603);
	a = az_establish(&az, &z);
	CU_ASSERT_NOT_EQUAL_FATAL(a, 0);
	CU_ASSERT_EQUAL(sct_assoc_params(az.st[AZ_A], a, &p), 0);
	p.set.association_max_retrans = 2;
	CU_ASSERT_EQUAL(sct_assoc_set_params(az.st[AZ_A], a, &p, az.now), 0);
	CU_ASSERT_EQUAL(az_send_msg(&az, AZ_A, a, 0, msg, sizeof(msg)), 0);
	az_clear_events(&az);
	for (i = 0; i < 20 && az_state(&az, AZ_A, a) == SCT_ESTABLISHED; i++) {
		az_collect(&az);
		data += az_count_data(&az, AZ_A);
		az_drop_all(&az); /* the peer is gone */
		if (!az_advance(&az))
			break;
	}
	az_collect(&az);
	az_poll_events(&az);
	ev = az_find_event(&az, AZ_A, SCT_EV_ASSOC_CHANGE, SCT_COMM_LOST);
	CU_ASSERT_PTR_NOT_NULL_FATAL(ev);
	CU_ASSERT_EQUAL(ev->u.assoc_change.err, ETIMEDOUT);
	/* the first transmission and two retransmissions, then the end (default: 10) */
	CU_ASSERT_EQUAL(data, 3);
	az_free(&az);
}

/* Run (delivering everything) for @span; how many HEARTBEATs A sent meanwhile. */
static size_t hb_from_a(struct az *az, sct_time_t span)
{
	sct_time_t end = az->now + span;
	size_t n = 0;

	while (az->now < end) {
		az_collect(az);
		n += az_count_chunk(az, AZ_A, SCT_CHUNK_HEARTBEAT);
		az_run(az);
		if (!az_advance(az))
			break;
	}
	return n;
}

/*
 * RFC 6458 8.1.12 SPP_HB_DISABLE on one path: no idle HEARTBEATs (RFC 9260
 * 8.3) while it is off; SPP_HB_ENABLE with a new interval brings them back.
 */
static void rfc6458_8_1_12_hb_disable_per_path(void)
{
	struct az az;
	struct sct_path_params pp;
	sct_assoc_id a, z;

	az_init(&az, 604);
	sct_stack_settings(az.st[AZ_A])->hb_interval = 2000;
	a = az_establish(&az, &z);
	CU_ASSERT_NOT_EQUAL_FATAL(a, 0);
	CU_ASSERT_TRUE(hb_from_a(&az, sct_ms(10000)) >= 2);
	CU_ASSERT_EQUAL(sct_assoc_path_params(az.st[AZ_A], a, &az.addr[AZ_Z], &pp), 0);
	CU_ASSERT_EQUAL(pp.hb_interval, 2000);
	CU_ASSERT_TRUE(pp.hb_enable);
	pp.hb_enable = false;
	CU_ASSERT_EQUAL(sct_assoc_set_path_params(az.st[AZ_A], a, &az.addr[AZ_Z], &pp, az.now), 0);
	az_run(&az); /* what the last timer sent before */
	CU_ASSERT_EQUAL(hb_from_a(&az, sct_ms(60000)), 0);
	CU_ASSERT_EQUAL(az_state(&az, AZ_A, a), SCT_ESTABLISHED);
	/* back on, every RTO + 5 s: about 10 in a minute */
	pp.hb_enable = true;
	pp.hb_interval = 5000;
	CU_ASSERT_EQUAL(sct_assoc_set_path_params(az.st[AZ_A], a, &az.addr[AZ_Z], &pp, az.now), 0);
	CU_ASSERT_TRUE(hb_from_a(&az, sct_ms(60000)) >= 6);
	/* on demand, whatever the timer (SPP_HB_DEMAND) */
	CU_ASSERT_EQUAL(sct_assoc_heartbeat(az.st[AZ_A], a, &az.addr[AZ_Z], az.now), 0);
	az_collect(&az);
	CU_ASSERT_EQUAL(az_count_chunk(&az, AZ_A, SCT_CHUNK_HEARTBEAT), 1);
	CU_ASSERT_EQUAL(sct_assoc_heartbeat(az.st[AZ_A], a, &az.addr[AZ_A], az.now),
			-EADDRNOTAVAIL);
	az_free(&az);
}

/*
 * RFC 9260 6.2 with SCTP_DELAYED_SACK per association: Z's SACK for a
 * lone DATA comes after its own sack_timeout (400 ms, not the stack's
 * 200 ms); with sack_freq 1 (delayed SACK off) it comes at once.
 */
static void rfc9260_6_2_delayed_sack_per_assoc(void)
{
	struct az az;
	struct sct_params p;
	sct_assoc_id a, z;
	uint8_t msg[100] = {2}, buf[200];
	struct sct_rcvinfo ri;
	sct_time_t t0;
	int k;

	az_init(&az, 605);
	a = az_establish(&az, &z);
	CU_ASSERT_NOT_EQUAL_FATAL(a, 0);
	/* the first DATA is acknowledged at once (5.1); get past it */
	CU_ASSERT_EQUAL(az_send_msg(&az, AZ_A, a, 0, msg, sizeof(msg)), 0);
	az_run(&az);
	CU_ASSERT_EQUAL(az_recv_msg(&az, AZ_Z, z, buf, sizeof(buf), &ri), (int)sizeof(msg));
	CU_ASSERT_EQUAL(sct_assoc_params(az.st[AZ_Z], z, &p), 0);
	p.set.sack_timeout = 400;
	CU_ASSERT_EQUAL(sct_assoc_set_params(az.st[AZ_Z], z, &p, az.now), 0);

	CU_ASSERT_EQUAL(az_send_msg(&az, AZ_A, a, 0, msg, sizeof(msg)), 0);
	az_collect(&az);
	k = az_find_chunk(&az, AZ_A, SCT_CHUNK_DATA);
	CU_ASSERT_TRUE_FATAL(k >= 0);
	t0 = az.now;
	az_deliver(&az, (size_t)k);
	az_collect(&az);
	CU_ASSERT_EQUAL(az_count_chunk(&az, AZ_Z, SCT_CHUNK_SACK), 0);
	CU_ASSERT_TRUE(az_advance(&az));
	CU_ASSERT_EQUAL(az.now - t0, sct_ms(400));
	az_collect(&az);
	CU_ASSERT_EQUAL(az_count_chunk(&az, AZ_Z, SCT_CHUNK_SACK), 1);
	az_run(&az);

	/* sack_freq 1: every packet with DATA is acknowledged at once */
	p.set.sack_freq = 1;
	CU_ASSERT_EQUAL(sct_assoc_set_params(az.st[AZ_Z], z, &p, az.now), 0);
	CU_ASSERT_EQUAL(az_send_msg(&az, AZ_A, a, 0, msg, sizeof(msg)), 0);
	az_collect(&az);
	k = az_find_chunk(&az, AZ_A, SCT_CHUNK_DATA);
	CU_ASSERT_TRUE_FATAL(k >= 0);
	az_deliver(&az, (size_t)k);
	az_collect(&az);
	CU_ASSERT_EQUAL(az_count_chunk(&az, AZ_Z, SCT_CHUNK_SACK), 1);
	az_free(&az);
}

/* RFC 6458 8.1.8 SCTP_AUTOCLOSE: an association idle that long is shut down gracefully. */
static void rfc6458_8_1_8_autoclose_idle(void)
{
	struct az az;
	struct sct_params p;
	sct_assoc_id a, z;
	uint8_t msg[10] = {3};

	az_init(&az, 606);
	a = az_establish(&az, &z);
	CU_ASSERT_NOT_EQUAL_FATAL(a, 0);
	CU_ASSERT_EQUAL(sct_assoc_params(az.st[AZ_A], a, &p), 0);
	p.autoclose_s = 5;
	CU_ASSERT_EQUAL(sct_assoc_set_params(az.st[AZ_A], a, &p, az.now), 0);
	/* DATA at 3 s restarts the idle period */
	az_wait(&az, sct_ms(3000));
	CU_ASSERT_EQUAL(az_send_msg(&az, AZ_A, a, 0, msg, sizeof(msg)), 0);
	az_wait(&az, sct_ms(4000));
	CU_ASSERT_EQUAL(az_state(&az, AZ_A, a), SCT_ESTABLISHED);
	az_clear_events(&az);
	az_wait(&az, sct_ms(3000));
	az_poll_events(&az);
	CU_ASSERT_PTR_NOT_NULL(az_find_event(&az, AZ_A, SCT_EV_ASSOC_CHANGE, SCT_SHUTDOWN_COMP));
	CU_ASSERT_PTR_NOT_NULL(az_find_event(&az, AZ_Z, SCT_EV_ASSOC_CHANGE, SCT_SHUTDOWN_COMP));
	az_free(&az);
}

/*
 * RFC 9260 10 and RFC 6458 8.1.12 SPP_PMTUD_DISABLE: a fixed path MTU is
 * not lowered by ICMP "fragmentation needed".
 */
static void rfc6458_8_1_12_pmtud_disable(void)
{
	struct az az;
	struct sct_path_params pp;
	struct sct_path_info pi;
	sct_assoc_id a, z;

	az_init(&az, 607);
	a = az_establish(&az, &z);
	CU_ASSERT_NOT_EQUAL_FATAL(a, 0);
	CU_ASSERT_EQUAL(sct_assoc_path_params(az.st[AZ_A], a, &az.addr[AZ_Z], &pp), 0);
	pp.pmtud = false;
	pp.pmtu = 1400;
	CU_ASSERT_EQUAL(sct_assoc_set_path_params(az.st[AZ_A], a, &az.addr[AZ_Z], &pp, az.now), 0);
	CU_ASSERT_EQUAL(sct_assoc_paths(az.st[AZ_A], a, &pi, 1), 1);
	CU_ASSERT_EQUAL(pi.pmtu, 1400);
	pp.pmtu = 1000;
	CU_ASSERT_EQUAL(sct_assoc_set_path_params(az.st[AZ_A], a, &az.addr[AZ_Z], &pp, az.now),
			-EINVAL);
	az_free(&az);
}

/* RFC 9260 10.1 SET PRIMARY: new data goes to the chosen address; MADE_PRIM is reported. */
static void rfc9260_10_1_set_primary(void)
{
	struct az az;
	struct sct_addr second;
	struct sct_assoc_status st;
	sct_assoc_id a, z;
	size_t i, n = 0;

	az_init(&az, 608);
	CU_ASSERT_EQUAL(az_add_addr(&az, AZ_Z, "10.0.0.3"), 0);
	a = az_establish(&az, &z);
	CU_ASSERT_NOT_EQUAL_FATAL(a, 0);
	sct_addr_parse(&second, "10.0.0.3");
	az_clear_events(&az);
	CU_ASSERT_EQUAL(sct_assoc_set_primary(az.st[AZ_A], a, &second), 0);
	st = az_status(&az, AZ_A, a);
	CU_ASSERT_TRUE(sct_addr_eq(&st.primary, &second));
	az_poll_events(&az);
	for (i = 0; i < az.n_ev[AZ_A]; i++)
		n += az.ev[AZ_A][i].type == SCT_EV_PEER_ADDR_CHANGE &&
		     az.ev[AZ_A][i].u.paddr.state == SCT_ADDR_MADE_PRIM;
	CU_ASSERT_EQUAL(n, 1);
	CU_ASSERT_EQUAL(sct_assoc_set_primary(az.st[AZ_A], a, &az.addr[AZ_A]), -EADDRNOTAVAIL);
	CU_ASSERT_EQUAL(sct_assoc_set_primary(az.st[AZ_A], 999, &second), -ENOENT);
	az_free(&az);
}

/*
 * RFC 6458 8.1.10 SCTP_ADAPTATION_LAYER: each side's indication goes in its
 * INIT or INIT ACK (RFC 5061 4.2.6) and the other side reports it after
 * COMM_UP (RFC 6458 6.1.6); with none set, no event.
 */
static void rfc6458_8_1_10_adaptation_layer(void)
{
	struct az az;
	struct sct_params p;
	const struct sct_event *ev;
	sct_assoc_id a, z;

	az_init(&az, 609);
	sct_ep_params(az.ep[AZ_A], &p);
	p.adaptation_ind = 0x01020304;
	CU_ASSERT_EQUAL(sct_ep_set_params(az.ep[AZ_A], &p), 0);
	sct_ep_params(az.ep[AZ_Z], &p);
	p.adaptation_ind = 0x0a0b0c0d;
	CU_ASSERT_EQUAL(sct_ep_set_params(az.ep[AZ_Z], &p), 0);
	a = az_establish(&az, &z);
	CU_ASSERT_NOT_EQUAL_FATAL(a, 0);
	az_poll_events(&az);
	ev = az_find_event(&az, AZ_A, SCT_EV_ADAPTATION, -1);
	CU_ASSERT_PTR_NOT_NULL_FATAL(ev);
	CU_ASSERT_EQUAL(ev->u.adaptation.indication, 0x0a0b0c0d);
	CU_ASSERT_EQUAL(ev->assoc, a);
	ev = az_find_event(&az, AZ_Z, SCT_EV_ADAPTATION, -1);
	CU_ASSERT_PTR_NOT_NULL_FATAL(ev);
	CU_ASSERT_EQUAL(ev->u.adaptation.indication, 0x01020304);
	az_free(&az);

	az_init(&az, 610);
	a = az_establish(&az, &z);
	CU_ASSERT_NOT_EQUAL_FATAL(a, 0);
	az_poll_events(&az);
	CU_ASSERT_PTR_NULL(az_find_event(&az, AZ_A, SCT_EV_ADAPTATION, -1));
	CU_ASSERT_PTR_NULL(az_find_event(&az, AZ_Z, SCT_EV_ADAPTATION, -1));
	az_free(&az);
}

static const struct sct_test tune_tests[] = {
    SCT_TEST(params_check_bounds),
    SCT_TEST(rfc6458_8_1_1_rto_initial_from_endpoint),
    SCT_TEST(rfc9260_8_1_assoc_max_retrans_per_assoc),
    SCT_TEST(rfc6458_8_1_12_hb_disable_per_path),
    SCT_TEST(rfc9260_6_2_delayed_sack_per_assoc),
    SCT_TEST(rfc6458_8_1_8_autoclose_idle),
    SCT_TEST(rfc6458_8_1_12_pmtud_disable),
    SCT_TEST(rfc9260_10_1_set_primary),
    SCT_TEST(rfc6458_8_1_10_adaptation_layer),
    SCT_TEST_END,
};

SCT_TEST_MAIN(tune_tests)
