/* SPDX-License-Identifier: MIT */
/* test_sctp_setup_err.c: refused and discarded setups, peer addresses and paths (RFC 9260 5, 8.2). */
#include "harness.h"

#include <errno.h>
#include <string.h>

#include "az.h"
#include "wire/cause.h"
#include "wire/param.h"
#include "wire/sctp_types.h"

/* A's INIT reaches Z; returns A's id with Z's INIT ACK's cookie in @ck (*@len) and tag in @tag. */
static sct_assoc_id to_init_ack(struct az *az, uint8_t *ck, size_t cap, size_t *len, uint32_t *tag)
{
	sct_assoc_id a = az_connect(az);

	az_collect(az);
	az_deliver(az, 0);
	az_collect(az);
	*len = az_take_cookie(az, 0, ck, cap);
	*tag = az_itag(az, 0);
	return a;
}

/* A COOKIE ECHO with @ck, ports @sport -> @dport and tag @vtag, to Z. */
static void send_cookie(struct az *az, const uint8_t *ck, size_t len, uint16_t sport,
			uint16_t dport, uint32_t vtag)
{
	struct sct_cookie_echo ce;
	struct az_bld b;

	memset(&ce, 0, sizeof(ce));
	ce.cookie = ck;
	ce.cookie_len = len;
	az_bld_start(&b, sport, dport, vtag);
	sct_cookie_echo_emit(&b.w, &ce);
	az_send(az, AZ_Z, &b);
}

/*
 * RFC 9260 5.1.5 step 3: the ports of the packet carrying a COOKIE ECHO must be the cookie's,
 * else it is silently discarded -- even when the cookie is authentic and another endpoint of
 * the same stack (whose secret made it) listens on the port it was sent to.
 */
static void rfc9260_5_1_5_3_cookie_ports_must_match(void)
{
	struct sct_ep_cfg ec;
	struct sct_ep *other;
	struct az az;
	sct_assoc_id ids[2];
	uint8_t ck[2048];
	size_t len;
	uint32_t tag;

	az_init(&az, 500);
	memset(&ec, 0, sizeof(ec));
	ec.port = 3000;
	CU_ASSERT_EQUAL_FATAL(sct_ep_create(az.st[AZ_Z], &ec, &other), 0);
	sct_ep_listen(other, true);
	to_init_ack(&az, ck, sizeof(ck), &len, &tag);
	CU_ASSERT_FATAL(len > 0);
	az_drop_all(&az);
	send_cookie(&az, ck, len, az.port[AZ_A], 3000, tag); /* to the other endpoint */
	send_cookie(&az, ck, len, 1001, az.port[AZ_Z], tag); /* from another port of A */
	az_collect(&az);
	CU_ASSERT_EQUAL(az.n_flight, 0);
	CU_ASSERT_EQUAL(sct_stack_assoc_ids(az.st[AZ_Z], ids, 2), 0);
	az_poll_events(&az);
	CU_ASSERT_PTR_NULL(az_find_event(&az, AZ_Z, SCT_EV_ASSOC_CHANGE, SCT_COMM_UP));
	/* the same cookie with the right ports is accepted: the ports were the reason */
	send_cookie(&az, ck, len, az.port[AZ_A], az.port[AZ_Z], tag);
	az_collect(&az);
	CU_ASSERT_EQUAL(az.n_flight, 1);
	CU_ASSERT_EQUAL(az_chunk_type(&az, 0, 0), SCT_CHUNK_COOKIE_ACK);
	CU_ASSERT_EQUAL(sct_stack_assoc_ids(az.st[AZ_Z], ids, 2), 1);
	az_free(&az);
}

/*
 * RFC 9260 5.2.4 (Table 12) with a TCB: a COOKIE ECHO whose packet tag is neither the cookie's
 * tag nor the association's is discarded; the association is left alone.  With the right tag
 * it is case D (our COOKIE ACK was lost): a COOKIE ACK again.
 */
static void rfc9260_5_2_4_cookie_echo_foreign_tag_discarded(void)
{
	struct sct_assoc_status before, after;
	struct az az;
	sct_assoc_id a, z;
	uint8_t ck[2048];
	size_t len;
	uint32_t tag;

	az_init(&az, 510);
	a = to_init_ack(&az, ck, sizeof(ck), &len, &tag);
	CU_ASSERT_FATAL(len > 0);
	az_run(&az);
	CU_ASSERT_EQUAL_FATAL(az_state(&az, AZ_A, a), SCT_ESTABLISHED);
	CU_ASSERT_PTR_NOT_NULL_FATAL(az_find_event(&az, AZ_Z, SCT_EV_ASSOC_CHANGE, SCT_COMM_UP));
	z = az_find_event(&az, AZ_Z, SCT_EV_ASSOC_CHANGE, SCT_COMM_UP)->assoc;
	before = az_status(&az, AZ_Z, z);
	CU_ASSERT_EQUAL(before.my_vtag, tag);
	az_clear_events(&az);
	send_cookie(&az, ck, len, az.port[AZ_A], az.port[AZ_Z], tag ^ 0x5a5a5a5a);
	az_collect(&az);
	CU_ASSERT_EQUAL(az.n_flight, 0);
	after = az_status(&az, AZ_Z, z);
	CU_ASSERT_EQUAL(after.state, SCT_ESTABLISHED);
	CU_ASSERT_EQUAL(after.my_vtag, before.my_vtag);
	CU_ASSERT_EQUAL(after.peer_vtag, before.peer_vtag);
	az_poll_events(&az);
	CU_ASSERT_EQUAL(az.n_ev[AZ_Z], 0);
	send_cookie(&az, ck, len, az.port[AZ_A], az.port[AZ_Z], tag);
	az_collect(&az);
	CU_ASSERT_EQUAL(az.n_flight, 1);
	CU_ASSERT_EQUAL(az_chunk_type(&az, 0, 0), SCT_CHUNK_COOKIE_ACK);
	CU_ASSERT_EQUAL(az_status(&az, AZ_Z, z).state, SCT_ESTABLISHED);
	az_free(&az);
}

/*
 * A valid COOKIE ECHO when the stack holds max_assocs associations: the new one cannot be made,
 * so Z answers with an ABORT carrying an Out of Resource cause (RFC 9260 3.3.10.4) under the
 * peer's tag (the cookie's, 5.1.5: no TCB, T bit clear); the existing association is untouched.
 */
static void rfc9260_3_3_10_4_cookie_at_max_assocs_out_of_resource(void)
{
	struct sct_connect_params p;
	struct sct_ep_cfg ec;
	struct sct_ep *a2ep;
	struct az az;
	sct_assoc_id a, z = 0, a2 = 0, ids[2];
	int i, k = -1;

	az_init(&az, 520);
	a = az_establish(&az, &z);
	CU_ASSERT_NOT_EQUAL_FATAL(a, 0);
	sct_stack_settings(az.st[AZ_Z])->max_assocs = 1;
	memset(&ec, 0, sizeof(ec));
	ec.port = 1001;
	CU_ASSERT_EQUAL_FATAL(sct_ep_create(az.st[AZ_A], &ec, &a2ep), 0);
	memset(&p, 0, sizeof(p));
	p.port = az.port[AZ_Z];
	p.addrs = &az.addr[AZ_Z];
	p.n_addrs = 1;
	CU_ASSERT_EQUAL_FATAL(sct_ep_connect(a2ep, &p, az.now, &a2), 0);
	for (i = 0; i < 6 && k < 0; i++) {
		az_collect(&az);
		k = az_find_chunk(&az, AZ_Z, SCT_CHUNK_ABORT);
		if (k < 0)
			while (az.n_flight)
				az_deliver(&az, 0);
	}
	CU_ASSERT_FATAL(k >= 0);
	CU_ASSERT_EQUAL(az_cause(&az, (size_t)k, 0), SCT_CAUSE_OUT_OF_RESOURCE);
	CU_ASSERT_EQUAL(az_chunk_flags(&az, (size_t)k, 0) & SCT_ABORT_FLAG_T, 0);
	CU_ASSERT_EQUAL(az_vtag(&az, (size_t)k), az_status(&az, AZ_A, a2).my_vtag);
	az_run(&az);
	/* A's second association learns it failed; the first one and Z's are as they were */
	CU_ASSERT_PTR_NOT_NULL(az_find_event(&az, AZ_A, SCT_EV_ASSOC_CHANGE, SCT_CANT_STR_ASSOC));
	CU_ASSERT_EQUAL(sct_stack_assoc_ids(az.st[AZ_Z], ids, 2), 1);
	CU_ASSERT_EQUAL(ids[0], z);
	CU_ASSERT_EQUAL(az_state(&az, AZ_Z, z), SCT_ESTABLISHED);
	CU_ASSERT_EQUAL(az_state(&az, AZ_A, a), SCT_ESTABLISHED);
	az_free(&az);
}

/* The fixed part of an INIT (RFC 9260 3.3.2): tag 0x11223344, a_rwnd 65536, OS 4, MIS 4. */
static size_t init_value(uint8_t *v, size_t cap, const uint8_t *params, size_t plen)
{
	static const uint8_t fixed[16] = {0x11, 0x22, 0x33, 0x44, 0, 1, 0, 0,
					  0,	4,    0,    4,	  0, 0, 0, 1};

	if (16 + plen > cap)
		return 0;
	memcpy(v, fixed, 16);
	memcpy(v + 16, params, plen);
	return 16 + plen;
}

/*
 * An INIT whose parameters do not parse (an IPv4 Address parameter of length 6, RFC 9260
 * 3.3.2.1 says 8) is answered with an ABORT with a Protocol Violation cause (3.3.10.13) under
 * the INIT's Initiate Tag (no TCB: the tag the INIT asked for, T bit clear).
 */
static void rfc9260_3_3_10_13_init_malformed_param_aborted(void)
{
	static const uint8_t bad[8] = {0, 5, 0, 6, 10, 0, 0, 0};
	uint8_t v[64];
	struct az az;
	size_t n;

	az_init(&az, 530);
	n = init_value(v, sizeof(v), bad, sizeof(bad));
	az_inject_chunk(&az, AZ_Z, 0, SCT_CHUNK_INIT, 0, v, n);
	az_collect(&az);
	CU_ASSERT_EQUAL_FATAL(az.n_flight, 1);
	CU_ASSERT_EQUAL(az_chunk_type(&az, 0, 0), SCT_CHUNK_ABORT);
	CU_ASSERT_EQUAL(az_cause(&az, 0, 0), SCT_CAUSE_PROTOCOL_VIOLATION);
	CU_ASSERT_EQUAL(az_vtag(&az, 0), 0x11223344);
	CU_ASSERT_EQUAL(az_chunk_flags(&az, 0, 0) & SCT_ABORT_FLAG_T, 0);
	az_free(&az);
}

/*
 * An INIT with more parameters than a State Cookie can carry (SCT_COOKIE_MAX_PEER_PARAMS,
 * 2048 bytes) is refused with an Out of Resource ABORT rather than answered with a cookie
 * that would lose some of them; a smaller one with the same unknown parameter is answered.
 */
static void init_params_beyond_cookie_out_of_resource(void)
{
	/* type 0x8abc: unrecognized, "skip and continue" (RFC 9260 3.2.1) */
	static uint8_t big[4 + 2100];
	static uint8_t v[16 + sizeof(big)];
	struct az az;
	size_t n;

	memset(big, 0, sizeof(big));
	big[0] = 0x8a;
	big[1] = 0xbc;
	big[2] = (uint8_t)(sizeof(big) >> 8);
	big[3] = (uint8_t)sizeof(big);
	az_init(&az, 540);
	n = init_value(v, sizeof(v), big, sizeof(big));
	az_inject_chunk(&az, AZ_Z, 0, SCT_CHUNK_INIT, 0, v, n);
	az_collect(&az);
	CU_ASSERT_EQUAL_FATAL(az.n_flight, 1);
	CU_ASSERT_EQUAL(az_chunk_type(&az, 0, 0), SCT_CHUNK_ABORT);
	CU_ASSERT_EQUAL(az_cause(&az, 0, 0), SCT_CAUSE_OUT_OF_RESOURCE);
	CU_ASSERT_EQUAL(az_vtag(&az, 0), 0x11223344);
	az_drop_all(&az);
	big[2] = 0;
	big[3] = 104;
	n = init_value(v, sizeof(v), big, 104);
	az_inject_chunk(&az, AZ_Z, 0, SCT_CHUNK_INIT, 0, v, n);
	az_collect(&az);
	CU_ASSERT_EQUAL_FATAL(az.n_flight, 1);
	CU_ASSERT_EQUAL(az_chunk_type(&az, 0, 0), SCT_CHUNK_INIT_ACK);
	az_free(&az);
}

/*
 * RFC 9260 5.1.1: after setup the valid outbound streams are 0 to min(local OS, remote MIS) - 1.
 * A message queued in COOKIE-WAIT on a stream the peer then does not grant never goes out (no
 * DATA chunk with that stream id), its bytes are given back to the send buffer, the messages
 * on granted streams arrive, and sending on the missing stream is refused from then on.
 */
static void rfc9260_5_1_1_queued_beyond_peer_mis_dropped(void)
{
	static const uint8_t m5[100] = {5}, m1[200] = {1};
	struct sct_assoc_status st;
	struct sct_rcvinfo ri;
	uint8_t buf[512];
	struct az az;
	sct_assoc_id a;
	size_t room, i;
	int k, n;

	az_init(&az, 550);
	sct_stack_settings(az.st[AZ_Z])->max_instreams = 2;
	a = az_connect(&az);
	CU_ASSERT_NOT_EQUAL_FATAL(a, 0);
	room = sct_assoc_send_room(az.st[AZ_A], a);
	CU_ASSERT_EQUAL(az_send_msg(&az, AZ_A, a, 5, m5, sizeof(m5)), 0);
	CU_ASSERT_EQUAL(az_send_msg(&az, AZ_A, a, 1, m1, sizeof(m1)), 0);
	CU_ASSERT_EQUAL(sct_assoc_send_room(az.st[AZ_A], a), room - 300);
	for (i = 0; i < 40; i++) {
		if (!az_collect(&az) && !az_advance(&az))
			break;
		while (az.n_flight) {
			struct sct_data d;

			for (k = 0; az_data(&az, 0, k, &d); k++)
				CU_ASSERT(d.sid < 2);
			az_deliver(&az, 0);
		}
	}
	st = az_status(&az, AZ_A, a);
	CU_ASSERT_EQUAL(st.state, SCT_ESTABLISHED);
	CU_ASSERT_EQUAL(st.os, 2);
	CU_ASSERT_EQUAL(st.pending, 0);
	CU_ASSERT_EQUAL(st.unacked, 0);
	CU_ASSERT_EQUAL(sct_assoc_send_room(az.st[AZ_A], a), room);
	CU_ASSERT_PTR_NOT_NULL_FATAL(az_find_event(&az, AZ_Z, SCT_EV_ASSOC_CHANGE, SCT_COMM_UP));
	{
		sct_assoc_id z = az_find_event(&az, AZ_Z, SCT_EV_ASSOC_CHANGE, SCT_COMM_UP)->assoc;

		n = az_recv_msg(&az, AZ_Z, z, buf, sizeof(buf), &ri);
		CU_ASSERT_EQUAL(n, (int)sizeof(m1));
		CU_ASSERT_EQUAL(ri.sid, 1);
		CU_ASSERT_EQUAL(buf[0], 1);
		CU_ASSERT(az_recv_msg(&az, AZ_Z, z, buf, sizeof(buf), &ri) < 0);
	}
	CU_ASSERT_EQUAL(az_send_msg(&az, AZ_A, a, 2, m1, sizeof(m1)), -EINVAL);
	CU_ASSERT_EQUAL(az_send_msg(&az, AZ_A, a, 1, m1, sizeof(m1)), 0);
	az_free(&az);
}

/*
 * RFC 9260 5.4: an address the peer listed in its INIT ACK is UNCONFIRMED until a HEARTBEAT
 * to it is answered; the primary (the one the user gave) is confirmed from the start.  Both are
 * reported, primary first (RFC 6458 SCTP_GET_PEER_ADDR_INFO).
 */
static void rfc9260_5_4_listed_address_unconfirmed_until_heartbeat_ack(void)
{
	struct sct_path_info pi[4];
	struct sct_addr extra;
	struct az az;
	sct_assoc_id a, z = 0;
	int n;

	az_init(&az, 560);
	CU_ASSERT_EQUAL_FATAL(az_add_addr(&az, AZ_Z, "10.0.0.3"), 0);
	sct_addr_parse(&extra, "10.0.0.3");
	az_set_down(&az, &extra, true); /* its HEARTBEATs are lost for now */
	a = az_establish(&az, &z);
	CU_ASSERT_NOT_EQUAL_FATAL(a, 0);
	n = sct_assoc_paths(az.st[AZ_A], a, pi, 4);
	CU_ASSERT_EQUAL_FATAL(n, 2);
	CU_ASSERT_TRUE(pi[0].primary);
	CU_ASSERT_TRUE(sct_addr_eq(&pi[0].addr, &az.addr[AZ_Z]));
	CU_ASSERT_EQUAL(pi[0].state, SCT_PI_ACTIVE);
	CU_ASSERT_FALSE(pi[1].primary);
	CU_ASSERT_TRUE(sct_addr_eq(&pi[1].addr, &extra));
	CU_ASSERT_EQUAL(pi[1].state, SCT_PI_UNCONFIRMED);
	/* @max limits what is copied, not what is counted */
	CU_ASSERT_EQUAL(sct_assoc_paths(az.st[AZ_A], a, pi, 1), 2);
	az_settle(&az, 3 * SCT_NSEC_PER_SEC);
	CU_ASSERT_EQUAL(sct_assoc_paths(az.st[AZ_A], a, pi, 4), 2);
	CU_ASSERT_EQUAL(pi[1].state, SCT_PI_UNCONFIRMED);
	az_set_down(&az, &extra, false);
	az_settle(&az, 60 * SCT_NSEC_PER_SEC);
	CU_ASSERT_EQUAL(sct_assoc_paths(az.st[AZ_A], a, pi, 4), 2);
	CU_ASSERT_EQUAL(pi[1].state, SCT_PI_ACTIVE);
	CU_ASSERT_EQUAL(sct_assoc_paths(az.st[AZ_A], 999999, pi, 4), -ENOENT);
	az_free(&az);
}

/* The state sct_assoc_paths() reports for @addr on A's association @a (-1: not found). */
static int path_state(struct az *az, sct_assoc_id a, const struct sct_addr *addr)
{
	struct sct_path_info pi[4];
	int n = sct_assoc_paths(az->st[AZ_A], a, pi, 4), i;

	for (i = 0; i < n && i < 4; i++)
		if (sct_addr_eq(&pi[i].addr, addr))
			return pi[i].state;
	return -1;
}

/*
 * RFC 9260 8.2: a confirmed secondary address whose HEARTBEATs go unanswered becomes inactive
 * once its error count passes Path.Max.Retrans (2 here), which is reported as an address event
 * (RFC 6458 6.1.2) and by sct_assoc_paths(); the primary stays active and the association up;
 * one answered HEARTBEAT makes it active again (8.3: "clear the error counter of the destination
 * transport address ... mark the destination transport address as active").
 */
static void rfc9260_8_2_secondary_path_inactive_then_back(void)
{
	struct sct_addr extra;
	const struct sct_event *ev;
	struct az az;
	sct_assoc_id a, z = 0;
	size_t k;
	bool unreach = false, avail = false;

	az_init(&az, 570);
	sct_stack_settings(az.st[AZ_A])->path_max_retrans = 2;
	sct_stack_settings(az.st[AZ_A])->hb_interval = 1000;
	/* RFC 9260 alone: no Potentially Failed step on the way (RFC 7829, test_sctp_pf.c) */
	sct_stack_settings(az.st[AZ_A])->pf_enable = 0;
	CU_ASSERT_EQUAL_FATAL(az_add_addr(&az, AZ_Z, "10.0.0.3"), 0);
	sct_addr_parse(&extra, "10.0.0.3");
	a = az_establish(&az, &z);
	CU_ASSERT_NOT_EQUAL_FATAL(a, 0);
	az_wait(&az, 5 * SCT_NSEC_PER_SEC);
	CU_ASSERT_EQUAL_FATAL(path_state(&az, a, &extra), SCT_PI_ACTIVE);
	az_clear_events(&az);
	az_set_down(&az, &extra, true);
	for (k = 0; k < 120 && path_state(&az, a, &extra) == SCT_PI_ACTIVE; k++)
		az_wait(&az, SCT_NSEC_PER_SEC);
	/* three unanswered HEARTBEATs (1 + 2 + 4 s of backed-off RTO) at least */
	CU_ASSERT(k >= 7);
	CU_ASSERT_EQUAL(path_state(&az, a, &extra), SCT_PI_INACTIVE);
	CU_ASSERT_EQUAL(path_state(&az, a, &az.addr[AZ_Z]), SCT_PI_ACTIVE);
	CU_ASSERT_EQUAL(az_state(&az, AZ_A, a), SCT_ESTABLISHED);
	for (k = 0; k < az.n_ev[AZ_A]; k++) {
		ev = &az.ev[AZ_A][k];
		if (ev->type != SCT_EV_PEER_ADDR_CHANGE || !sct_addr_eq(&ev->u.paddr.addr, &extra))
			continue;
		unreach |= ev->u.paddr.state == SCT_ADDR_UNREACHABLE;
	}
	CU_ASSERT_TRUE(unreach);
	az_clear_events(&az);
	az_set_down(&az, &extra, false);
	for (k = 0; k < 120 && path_state(&az, a, &extra) != SCT_PI_ACTIVE; k++)
		az_wait(&az, SCT_NSEC_PER_SEC);
	CU_ASSERT_EQUAL(path_state(&az, a, &extra), SCT_PI_ACTIVE);
	for (k = 0; k < az.n_ev[AZ_A]; k++) {
		ev = &az.ev[AZ_A][k];
		if (ev->type == SCT_EV_PEER_ADDR_CHANGE && sct_addr_eq(&ev->u.paddr.addr, &extra) &&
		    ev->u.paddr.state == SCT_ADDR_AVAILABLE)
			avail = true;
	}
	CU_ASSERT_TRUE(avail);
	az_free(&az);
}

/*
 * RFC 9260 5.2.2: an unexpected INIT for an established association that does not parse is
 * refused like any malformed INIT (ABORT, Protocol Violation, under the INIT's own tag), and the
 * association it named stays established under its tags: a forged INIT cannot end it.
 */
static void rfc9260_5_2_2_malformed_init_leaves_association(void)
{
	static const uint8_t bad[8] = {0, 5, 0, 6, 10, 0, 0, 0};
	struct sct_assoc_status before, after;
	uint8_t v[64];
	struct az az;
	sct_assoc_id a, z = 0;
	size_t n;

	az_init(&az, 590);
	a = az_establish(&az, &z);
	CU_ASSERT_NOT_EQUAL_FATAL(a, 0);
	before = az_status(&az, AZ_Z, z);
	n = init_value(v, sizeof(v), bad, sizeof(bad));
	az_inject_chunk(&az, AZ_Z, 0, SCT_CHUNK_INIT, 0, v, n);
	az_collect(&az);
	CU_ASSERT_EQUAL_FATAL(az.n_flight, 1);
	CU_ASSERT_EQUAL(az_chunk_type(&az, 0, 0), SCT_CHUNK_ABORT);
	CU_ASSERT_EQUAL(az_cause(&az, 0, 0), SCT_CAUSE_PROTOCOL_VIOLATION);
	CU_ASSERT_EQUAL(az_vtag(&az, 0), 0x11223344);
	az_drop_all(&az);
	after = az_status(&az, AZ_Z, z);
	CU_ASSERT_EQUAL(after.state, SCT_ESTABLISHED);
	CU_ASSERT_EQUAL(after.my_vtag, before.my_vtag);
	CU_ASSERT_EQUAL(after.peer_vtag, before.peer_vtag);
	/* and it still carries data */
	{
		static const uint8_t m[64] = {9};
		uint8_t buf[128];
		struct sct_rcvinfo ri;

		CU_ASSERT_EQUAL(az_send_msg(&az, AZ_A, a, 0, m, sizeof(m)), 0);
		az_run(&az);
		CU_ASSERT_EQUAL(az_recv_msg(&az, AZ_Z, z, buf, sizeof(buf), &ri), (int)sizeof(m));
	}
	az_free(&az);
}

/* An INIT chunk with value @v (@n bytes) from A's address and port to Z's port @port, tag 0. */
static void init_to_port(struct az *az, uint16_t port, size_t n, const uint8_t *v)
{
	struct az_bld b;

	az_bld_start(&b, az->port[AZ_A], port, 0);
	az_bld_raw_chunk(&b, SCT_CHUNK_INIT, 0, v, n);
	az_send(az, AZ_Z, &b);
}

/*
 * RFC 9260 5.1.2: the addresses an INIT lists become paths only when this endpoint can use them.
 * Z's endpoint is IPv4-only (an AF_INET socket): its INIT ACK lists no IPv6 address of Z's,
 * and the association it makes from the peer's INIT ignores the peer's IPv6 address and the
 * loopback address listed by a peer that is not on loopback; the other IPv4 address is taken.
 */
static void rfc9260_5_1_2_listed_addresses_the_endpoint_cannot_use(void)
{
	static const char *const listed[] = {"127.0.0.1", "10.0.0.5", "fd00::1"};
	static struct sct_init_params ip;
	uint8_t params[256], v[300], ck[2048];
	struct sct_wr w = sct_wr_init(params, sizeof(params));
	struct sct_addr got[8], want;
	struct sct_ep_cfg ec;
	struct sct_ep *ep4;
	struct sct_chunk c;
	struct sct_init ack;
	struct az az;
	sct_assoc_id ids[2];
	size_t k, n, len;
	uint32_t tag;
	int np;

	az_init(&az, 580);
	CU_ASSERT_EQUAL_FATAL(az_add_addr(&az, AZ_Z, "10.0.0.3"), 0);
	CU_ASSERT_EQUAL_FATAL(az_add_addr(&az, AZ_Z, "fd00::2"), 0);
	memset(&ec, 0, sizeof(ec));
	ec.port = 3000;
	ec.v4only = true;
	CU_ASSERT_EQUAL_FATAL(sct_ep_create(az.st[AZ_Z], &ec, &ep4), 0);
	sct_ep_listen(ep4, true);
	for (k = 0; k < 3; k++) {
		struct sct_param p;

		memset(&p, 0, sizeof(p));
		sct_addr_parse(&p.u.addr, listed[k]);
		p.type = p.u.addr.af == SCT_AF_INET4 ? SCT_PARAM_IPV4 : SCT_PARAM_IPV6;
		CU_ASSERT_EQUAL_FATAL(sct_param_emit(&w, &p), 0);
	}
	n = init_value(v, sizeof(v), params, w.off);
	init_to_port(&az, 3000, n, v);
	az_collect(&az);
	CU_ASSERT_EQUAL_FATAL(az.n_flight, 1);
	CU_ASSERT_EQUAL_FATAL(az_chunk(&az, 0, 0, &c), 0);
	CU_ASSERT_EQUAL_FATAL(c.type, SCT_CHUNK_INIT_ACK);
	CU_ASSERT_EQUAL_FATAL(sct_init_ack_parse(&c, &ack), 0);
	CU_ASSERT_EQUAL_FATAL(sct_init_params_parse(ack.params, ack.params_len, true, &ip), 0);
	CU_ASSERT_EQUAL(ip.n_addrs, 2); /* 10.0.0.2 and 10.0.0.3 */
	for (k = 0; k < ip.n_addrs; k++)
		CU_ASSERT_EQUAL(ip.addrs[k].af, SCT_AF_INET4);
	len = az_take_cookie(&az, 0, ck, sizeof(ck));
	tag = az_itag(&az, 0);
	CU_ASSERT_FATAL(len > 0);
	az_drop_all(&az);
	send_cookie(&az, ck, len, az.port[AZ_A], 3000, tag);
	az_collect(&az);
	CU_ASSERT_EQUAL(az_chunk_type(&az, 0, 0), SCT_CHUNK_COOKIE_ACK);
	CU_ASSERT_EQUAL_FATAL(sct_stack_assoc_ids(az.st[AZ_Z], ids, 2), 1);
	np = sct_assoc_paddrs(az.st[AZ_Z], ids[0], got, 8);
	CU_ASSERT_EQUAL(np, 2);
	CU_ASSERT_TRUE(np >= 1 && sct_addr_eq(&got[0], &az.addr[AZ_A]));
	sct_addr_parse(&want, "10.0.0.5");
	CU_ASSERT_TRUE(np >= 2 && sct_addr_eq(&got[1], &want));
	az_free(&az);
}

static const struct sct_test cookie_tests[] = {
    SCT_TEST(rfc9260_5_1_5_3_cookie_ports_must_match),
    SCT_TEST(rfc9260_5_2_4_cookie_echo_foreign_tag_discarded),
    SCT_TEST(rfc9260_3_3_10_4_cookie_at_max_assocs_out_of_resource),
    SCT_TEST_END,
};

static const struct sct_test init_tests[] = {
    SCT_TEST(rfc9260_3_3_10_13_init_malformed_param_aborted),
    SCT_TEST(init_params_beyond_cookie_out_of_resource),
    SCT_TEST(rfc9260_5_1_1_queued_beyond_peer_mis_dropped),
    SCT_TEST(rfc9260_5_4_listed_address_unconfirmed_until_heartbeat_ack),
    SCT_TEST(rfc9260_8_2_secondary_path_inactive_then_back),
    SCT_TEST(rfc9260_5_1_2_listed_addresses_the_endpoint_cannot_use),
    SCT_TEST(rfc9260_5_2_2_malformed_init_leaves_association),
    SCT_TEST_END,
};

SCT_TEST_MAIN(cookie_tests, init_tests)
