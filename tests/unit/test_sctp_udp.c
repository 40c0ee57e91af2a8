/* SPDX-License-Identifier: MIT */
/* test_sctp_udp.c: the core's side of UDP encapsulation (RFC 6951 5.3, 5.4, 5.6) between A and Z.
 */
#include "harness.h"

#include <errno.h>
#include <string.h>

#include "az.h"
#include "wire/sctp_types.h"

#define Z_UDP 9899 /* Z's local encapsulation port (RFC 6951 5.1): the daemon's, not the core's */

/* What Z sent while pump() ran. */
struct z_seen {
	size_t max_data_len; /* longest packet with DATA */
	size_t n_pkts;
	uint16_t dport;	  /* UDP destination port of Z's last packet (0: raw IP) */
	bool dport_mixed; /* not all of them had that port */
};

/*
 * Deliver everything in flight, and what the stacks send in reply, for at most @span of fake
 * time: A's packets reach Z inside UDP from A's port @a_sport (0: raw IP); Z's reach A as they
 * are (A's side of the encapsulation is not under test).
 */
static void pump(struct az *az, uint16_t a_sport, sct_time_t span, struct z_seen *seen)
{
	sct_time_t end = az->now + span;
	size_t guard;

	memset(seen, 0, sizeof(*seen));
	for (guard = 0; guard < 10000; guard++) {
		az_collect(az);
		if (az->n_flight == 0) {
			if (sct_stack_next_expiry(az->st[AZ_A]) > end &&
			    sct_stack_next_expiry(az->st[AZ_Z]) > end)
				break;
			if (!az_advance(az) || az->now > end)
				break;
			continue;
		}
		if (az->flight[0]->from == AZ_A) {
			struct az_pkt *p = az->flight[0];
			struct sct_pktinfo in;

			memset(&in, 0, sizeof(in));
			in.src = az->addr[AZ_A];
			in.dst = p->pi.dst;
			in.encap_sport = a_sport;
			in.encap_dport = a_sport ? Z_UDP : 0;
			sct_stack_input(az->st[AZ_Z], &in, p->buf, p->len, az->now);
			az_drop(az, 0);
		} else {
			struct az_pkt *p = az->flight[0];

			if (seen->n_pkts && p->pi.encap_dport != seen->dport)
				seen->dport_mixed = true;
			seen->dport = p->pi.encap_dport;
			seen->n_pkts++;
			if (az_find_in(az, 0, SCT_CHUNK_DATA) >= 0 && p->len > seen->max_data_len)
				seen->max_data_len = p->len;
			az_deliver(az, 0);
		}
	}
}

static uint16_t z_path_port(struct az *az, sct_assoc_id z)
{
	struct sct_path_info pi[2];

	if (sct_assoc_paths(az->st[AZ_Z], z, pi, 2) < 1)
		return 0xffff;
	return pi[0].encap_port;
}

/* Z sends a message big enough to fill whole packets; A reads it. */
static void z_bulk(struct az *az, sct_assoc_id a, sct_assoc_id z, uint16_t a_sport,
		   struct z_seen *seen)
{
	static uint8_t big[6000], buf[6000];
	struct sct_rcvinfo ri;

	CU_ASSERT_EQUAL(az_send_msg(az, AZ_Z, z, 0, big, sizeof(big)), 0);
	pump(az, a_sport, 2 * SCT_NSEC_PER_SEC, seen);
	CU_ASSERT_EQUAL(az_recv_msg(az, AZ_A, a, buf, sizeof(buf), &ri), (int)sizeof(big));
}

/* A sends Z one small message (so that Z hears from it), over @a_sport. */
static void a_ping(struct az *az, sct_assoc_id a, sct_assoc_id z, uint16_t a_sport,
		   struct z_seen *seen)
{
	static const uint8_t m[10] = {1};
	uint8_t buf[16];
	struct sct_rcvinfo ri;

	CU_ASSERT_EQUAL(az_send_msg(az, AZ_A, a, 0, m, sizeof(m)), 0);
	pump(az, a_sport, SCT_NSEC_PER_SEC, seen);
	CU_ASSERT_EQUAL(az_recv_msg(az, AZ_Z, z, buf, sizeof(buf), &ri), (int)sizeof(m));
}

/*
 * RFC 6951 5.3, 5.4 and 5.6 on Z, whose peer A talks to it over UDP:
 * - Z answers to the UDP port A's packets came from (5.3), from the INIT ACK on;
 * - the port of the path follows the peer's packets (5.4: "the UDP source port MUST be stored
 *   as the encapsulation port"), and a non-encapsulated packet turns encapsulation off for
 *   the path (5.4: "MUST be disabled");
 * - encapsulated packets are 8 bytes (the UDP header) shorter than raw ones (5.6);
 * - a packet under a wrong tag changes nothing (it did not pass the association's checks).
 */
static void rfc6951_5_4_encapsulation_port_follows_the_peer(void)
{
	struct z_seen s_udp, s, s_raw;
	struct sct_assoc_status st;
	struct az_bld b;
	struct az az;
	sct_assoc_id a, z;
	int k;

	az_init(&az, 700);
	a = az_connect(&az);
	CU_ASSERT_NOT_EQUAL_FATAL(a, 0);
	/* INIT over UDP from port 5000: the INIT ACK goes back to 5000 */
	az_collect(&az);
	CU_ASSERT_EQUAL_FATAL(az.n_flight, 1);
	pump(&az, 5000, SCT_NSEC_PER_SEC, &s);
	CU_ASSERT_EQUAL(az_state(&az, AZ_A, a), SCT_ESTABLISHED);
	CU_ASSERT(s.n_pkts >= 2); /* INIT ACK, COOKIE ACK */
	CU_ASSERT_EQUAL(s.dport, 5000);
	CU_ASSERT_FALSE(s.dport_mixed);
	CU_ASSERT_PTR_NOT_NULL_FATAL(az_find_event(&az, AZ_Z, SCT_EV_ASSOC_CHANGE, SCT_COMM_UP));
	z = az_find_event(&az, AZ_Z, SCT_EV_ASSOC_CHANGE, SCT_COMM_UP)->assoc;
	CU_ASSERT_EQUAL(z_path_port(&az, z), 5000);

	z_bulk(&az, a, z, 5000, &s_udp);
	CU_ASSERT_EQUAL(s_udp.dport, 5000);
	CU_ASSERT_FALSE(s_udp.dport_mixed);
	CU_ASSERT(s_udp.max_data_len > 1000);

	/* a NAT in between picked a new port: Z follows it */
	a_ping(&az, a, z, 5001, &s);
	CU_ASSERT_EQUAL(z_path_port(&az, z), 5001);
	CU_ASSERT_EQUAL(s.dport, 5001);

	/* a forged packet (not Z's tag) from yet another port changes nothing */
	CU_ASSERT_EQUAL_FATAL(sct_assoc_status(az.st[AZ_Z], z, &st), 0);
	for (k = 0; k < 2; k++) {
		struct sct_pktinfo in;
		size_t n;
		static const uint8_t hb[8] = {0, 1, 0, 8, 1, 2, 3, 4};

		az_bld_start(&b, az.port[AZ_A], az.port[AZ_Z], st.my_vtag ^ 0x01010101);
		az_bld_raw_chunk(&b, SCT_CHUNK_HEARTBEAT, 0, hb, sizeof(hb));
		n = az_bld_finish(&b);
		memset(&in, 0, sizeof(in));
		in.src = az.addr[AZ_A];
		in.dst = az.addr[AZ_Z];
		in.encap_sport = k ? 0 : 6666; /* neither to a new port nor to raw IP */
		in.encap_dport = k ? 0 : Z_UDP;
		sct_stack_input(az.st[AZ_Z], &in, b.buf, n, az.now);
		CU_ASSERT_EQUAL(z_path_port(&az, z), 5001);
	}
	az_collect(&az);
	CU_ASSERT_EQUAL(az.n_flight, 0);

	/* A drops the encapsulation: so does Z, and its packets grow by the UDP header */
	a_ping(&az, a, z, 0, &s);
	CU_ASSERT_EQUAL(z_path_port(&az, z), 0);
	z_bulk(&az, a, z, 0, &s_raw);
	CU_ASSERT_EQUAL(s_raw.dport, 0);
	CU_ASSERT_FALSE(s_raw.dport_mixed);
	CU_ASSERT_EQUAL(s_raw.max_data_len, s_udp.max_data_len + 8);
	CU_ASSERT_EQUAL(az_state(&az, AZ_Z, z), SCT_ESTABLISHED);
	az_free(&az);
}

static const struct sct_test udp_tests[] = {
    SCT_TEST(rfc6951_5_4_encapsulation_port_follows_the_peer),
    SCT_TEST_END,
};

SCT_TEST_MAIN(udp_tests)
