/* SPDX-License-Identifier: MIT */
/* test_sctp_collision.c: duplicate and unexpected setup chunks between A and Z (RFC 9260 5.2). */
#include "harness.h"

#include <errno.h>
#include <string.h>

#include "az.h"
#include "wire/chunk.h"
#include "wire/param.h"
#include "wire/sctp_types.h"

/* Send a COOKIE ECHO from A's address to Z with @vtag. */
static int echo_cookie(struct az *az, uint32_t vtag, const uint8_t *cookie, size_t len)
{
	struct az_bld b;
	struct sct_cookie_echo ce = {.cookie = cookie, .cookie_len = len};

	az_bld_start(&b, az->port[AZ_A], az->port[AZ_Z], vtag);
	sct_cookie_echo_emit(&b.w, &ce);
	return az_send(az, AZ_Z, &b);
}

/* A hand-made INIT from A's address to @side's port with Initiate Tag @itag and one extra address.
 */
static int send_init(struct az *az, int side, uint32_t itag, const char *extra)
{
	struct az_bld b;
	uint8_t params[16];
	struct sct_wr pw = sct_wr_init(params, sizeof(params));
	struct sct_init init = {.itag = itag, .a_rwnd = 65536, .os = 10, .mis = 10, .itsn = 77};
	int from = side == AZ_A ? AZ_Z : AZ_A;

	if (extra) {
		struct sct_param p = {.type = SCT_PARAM_IPV4};

		sct_addr_parse(&p.u.addr, extra);
		sct_param_emit(&pw, &p);
	}
	init.params = params;
	init.params_len = pw.off;
	az_bld_start(&b, az->port[from], az->port[side], 0);
	sct_init_emit(&b.w, &init);
	return az_send(az, side, &b);
}

static size_t count_events(struct az *az, int side, int state)
{
	size_t i, n = 0;

	az_poll_events(az);
	for (i = 0; i < az->n_ev[side]; i++)
		if (az->ev[side][i].type == SCT_EV_ASSOC_CHANGE &&
		    az->ev[side][i].u.assoc_change.state == state)
			n++;
	return n;
}

/*
 * RFC 9260 5.2.1 (ETSI dm-o-4-1), 5.2.4 case D: A and Z connect to each other at once, both
 * listening.  Each INIT meets a TCB in COOKIE-WAIT and is answered with that TCB's own tag;
 * the crossing COOKIE ECHOs match both tags and bring both sides up once, on one association.
 */
static void rfc9260_5_2_1_dm_o_4_1_simultaneous_connect(void)
{
	struct az az;
	sct_assoc_id a, z;
	struct sct_assoc_status sa, sz;

	az_init(&az, 101);
	sct_ep_listen(az.ep[AZ_A], true);
	a = az_connect_from(&az, AZ_A);
	z = az_connect_from(&az, AZ_Z);
	CU_ASSERT_NOT_EQUAL_FATAL(a, 0);
	CU_ASSERT_NOT_EQUAL_FATAL(z, 0);
	az_collect(&az);
	CU_ASSERT_EQUAL_FATAL(az.n_flight, 2);
	CU_ASSERT_EQUAL(az_chunk_type(&az, 0, 0), SCT_CHUNK_INIT);
	CU_ASSERT_EQUAL(az_chunk_type(&az, 1, 0), SCT_CHUNK_INIT);
	az_deliver(&az, 0);
	az_deliver(&az, 0);
	az_collect(&az);
	CU_ASSERT_EQUAL_FATAL(az.n_flight, 2);
	CU_ASSERT_EQUAL(az_chunk_type(&az, 0, 0), SCT_CHUNK_INIT_ACK);
	CU_ASSERT_EQUAL(az_chunk_type(&az, 1, 0), SCT_CHUNK_INIT_ACK);
	/* 5.2.1: the INIT ACK repeats the tag of the INIT the TCB sent */
	CU_ASSERT_EQUAL(sct_assoc_status(az.st[AZ_A], a, &sa), 0);
	CU_ASSERT_EQUAL(sct_assoc_status(az.st[AZ_Z], z, &sz), 0);
	CU_ASSERT_EQUAL(az_itag(&az, az.flight[0]->from == AZ_A ? 0 : 1), sa.my_vtag);
	CU_ASSERT_EQUAL(az_itag(&az, az.flight[0]->from == AZ_Z ? 0 : 1), sz.my_vtag);
	CU_ASSERT_EQUAL(az_state(&az, AZ_A, a), SCT_COOKIE_WAIT);
	CU_ASSERT_EQUAL(az_state(&az, AZ_Z, z), SCT_COOKIE_WAIT);
	az_run(&az);
	CU_ASSERT_EQUAL(az_state(&az, AZ_A, a), SCT_ESTABLISHED);
	CU_ASSERT_EQUAL(az_state(&az, AZ_Z, z), SCT_ESTABLISHED);
	CU_ASSERT_EQUAL(count_events(&az, AZ_A, SCT_COMM_UP), 1);
	CU_ASSERT_EQUAL(count_events(&az, AZ_Z, SCT_COMM_UP), 1);
	CU_ASSERT_EQUAL(sct_assoc_status(az.st[AZ_A], a, &sa), 0);
	CU_ASSERT_EQUAL(sct_assoc_status(az.st[AZ_Z], z, &sz), 0);
	CU_ASSERT_EQUAL(sa.my_vtag, sz.peer_vtag);
	CU_ASSERT_EQUAL(sz.my_vtag, sa.peer_vtag);
	/* the T1 timers are stopped: nothing more goes out */
	az_step(&az, sct_ms(5000));
	CU_ASSERT_EQUAL(az.n_flight, 0);
	az_free(&az);
}

/* RFC 9260 5.2.1: an INIT in COOKIE-WAIT gets an INIT ACK with our INIT's tag; no state change. */
static void rfc9260_5_2_1_init_in_cookie_wait(void)
{
	struct az az;
	sct_assoc_id a;
	struct sct_assoc_status before, after;

	az_init(&az, 102);
	a = az_connect(&az);
	az_collect(&az);
	az_drop_all(&az);
	CU_ASSERT_EQUAL(sct_assoc_status(az.st[AZ_A], a, &before), 0);
	CU_ASSERT_EQUAL(send_init(&az, AZ_A, 0xabcdef01, NULL), 0);
	az_collect(&az);
	CU_ASSERT_EQUAL_FATAL(az.n_flight, 1);
	CU_ASSERT_EQUAL(az_chunk_type(&az, 0, 0), SCT_CHUNK_INIT_ACK);
	CU_ASSERT_EQUAL(az_vtag(&az, 0), 0xabcdef01);
	CU_ASSERT_EQUAL(az_itag(&az, 0), before.my_vtag);
	CU_ASSERT_EQUAL(sct_assoc_status(az.st[AZ_A], a, &after), 0);
	CU_ASSERT_EQUAL(after.state, SCT_COOKIE_WAIT);
	CU_ASSERT_EQUAL(after.my_vtag, before.my_vtag);
	CU_ASSERT_EQUAL(after.peer_vtag, 0);
	az_free(&az);
}

/*
 * RFC 9260 5.2.1 and 5.2.4 case B: an INIT in COOKIE-ECHOED gets an INIT ACK with our tag; the
 * COOKIE ECHO that follows carries a new peer tag, which the TCB takes, and both sides come up.
 */
static void rfc9260_5_2_4_b_init_in_cookie_echoed(void)
{
	struct az az;
	sct_assoc_id a, z;
	struct sct_assoc_status sa, sz;
	uint32_t first_peer_tag;

	az_init(&az, 103);
	sct_ep_listen(az.ep[AZ_A], true);
	a = az_connect(&az);
	az_collect(&az);
	az_deliver(&az, 0); /* INIT */
	az_collect(&az);
	az_deliver(&az, 0); /* INIT ACK */
	CU_ASSERT_EQUAL(az_state(&az, AZ_A, a), SCT_COOKIE_ECHOED);
	CU_ASSERT_EQUAL(sct_assoc_status(az.st[AZ_A], a, &sa), 0);
	first_peer_tag = sa.peer_vtag;
	az_collect(&az);
	az_drop_all(&az); /* the COOKIE ECHO is lost: Z keeps nothing */

	z = az_connect_from(&az, AZ_Z);
	CU_ASSERT_NOT_EQUAL_FATAL(z, 0);
	az_collect(&az);
	CU_ASSERT_EQUAL_FATAL(az.n_flight, 1);
	az_deliver(&az, 0); /* Z's INIT meets A in COOKIE-ECHOED */
	az_collect(&az);
	CU_ASSERT_EQUAL_FATAL(az.n_flight, 1);
	CU_ASSERT_EQUAL(az_chunk_type(&az, 0, 0), SCT_CHUNK_INIT_ACK);
	CU_ASSERT_EQUAL(az_itag(&az, 0), sa.my_vtag);
	CU_ASSERT_EQUAL(az_state(&az, AZ_A, a), SCT_COOKIE_ECHOED);
	az_run(&az);
	CU_ASSERT_EQUAL(az_state(&az, AZ_A, a), SCT_ESTABLISHED);
	CU_ASSERT_EQUAL(az_state(&az, AZ_Z, z), SCT_ESTABLISHED);
	CU_ASSERT_EQUAL(sct_assoc_status(az.st[AZ_A], a, &sa), 0);
	CU_ASSERT_EQUAL(sct_assoc_status(az.st[AZ_Z], z, &sz), 0);
	CU_ASSERT_NOT_EQUAL(sa.peer_vtag, first_peer_tag); /* case B: updated from the cookie */
	CU_ASSERT_EQUAL(sa.peer_vtag, sz.my_vtag);
	CU_ASSERT_EQUAL(sz.peer_vtag, sa.my_vtag);
	CU_ASSERT_EQUAL(count_events(&az, AZ_A, SCT_COMM_UP), 1);
	az_step(&az, sct_ms(5000)); /* T1-cookie stopped */
	CU_ASSERT_EQUAL(az.n_flight, 0);
	az_free(&az);
}

/*
 * RFC 9260 5.2.4 case B with the peer's tag unknown (0): A's INIT is lost, Z's INIT finds A in
 * COOKIE-WAIT, and Z's COOKIE ECHO brings A up straight from COOKIE-WAIT.
 */
static void rfc9260_5_2_4_b_cookie_in_cookie_wait(void)
{
	struct az az;
	sct_assoc_id a, z;
	struct sct_assoc_status sa, sz;

	az_init(&az, 104);
	sct_ep_listen(az.ep[AZ_A], true);
	a = az_connect(&az);
	az_collect(&az);
	az_drop_all(&az);
	z = az_connect_from(&az, AZ_Z);
	az_run(&az);
	CU_ASSERT_EQUAL(az_state(&az, AZ_A, a), SCT_ESTABLISHED);
	CU_ASSERT_EQUAL(az_state(&az, AZ_Z, z), SCT_ESTABLISHED);
	CU_ASSERT_EQUAL(sct_assoc_status(az.st[AZ_A], a, &sa), 0);
	CU_ASSERT_EQUAL(sct_assoc_status(az.st[AZ_Z], z, &sz), 0);
	CU_ASSERT_EQUAL(sa.peer_vtag, sz.my_vtag);
	CU_ASSERT_EQUAL(sz.peer_vtag, sa.my_vtag);
	az_step(&az, sct_ms(5000)); /* A's T1-init was stopped */
	CU_ASSERT_EQUAL(az.n_flight, 0);
	az_free(&az);
}

/*
 * RFC 9260 5.2.2 (ETSI as-o-1-9-1, dm-o-4-2-1): an INIT in ESTABLISHED from a known address
 * gets an INIT ACK with a new Initiate Tag, the INIT's tag as vtag; the TCB does not change.
 */
static void rfc9260_5_2_2_as_o_1_9_1_init_established_known_addrs(void)
{
	struct az az;
	sct_assoc_id a, z = 0;
	struct sct_assoc_status before, after;

	az_init(&az, 105);
	a = az_establish(&az, &z);
	CU_ASSERT_NOT_EQUAL_FATAL(a, 0);
	CU_ASSERT_EQUAL(sct_assoc_status(az.st[AZ_Z], z, &before), 0);
	CU_ASSERT_EQUAL(send_init(&az, AZ_Z, 0x11223344, NULL), 0);
	az_collect(&az);
	CU_ASSERT_EQUAL_FATAL(az.n_flight, 1);
	CU_ASSERT_EQUAL(az_chunk_type(&az, 0, 0), SCT_CHUNK_INIT_ACK);
	CU_ASSERT_EQUAL(az_vtag(&az, 0), 0x11223344);
	CU_ASSERT_NOT_EQUAL(az_itag(&az, 0), before.my_vtag);
	CU_ASSERT_NOT_EQUAL(az_itag(&az, 0), 0);
	CU_ASSERT_EQUAL(sct_assoc_status(az.st[AZ_Z], z, &after), 0);
	CU_ASSERT_EQUAL(after.state, SCT_ESTABLISHED);
	CU_ASSERT_EQUAL(after.my_vtag, before.my_vtag);
	CU_ASSERT_EQUAL(after.peer_vtag, before.peer_vtag);
	CU_ASSERT_EQUAL(after.n_paths, before.n_paths);
	az_free(&az);
}

/*
 * RFC 9260 5.2.1: an INIT in COOKIE-ECHOED that adds an address is discarded
 * with no change to the forming association; an ABORT with "Restart of an
 * Association with New Addresses" answers it, tagged with its Initiate Tag.
 */
static void rfc9260_5_2_1_init_in_cookie_echoed_new_addrs(void)
{
	struct az az;
	sct_assoc_id a;
	struct sct_assoc_status before, after;

	az_init(&az, 108);
	a = az_connect_to_cookie_echo(&az);
	CU_ASSERT_EQUAL_FATAL(az_state(&az, AZ_A, a), SCT_COOKIE_ECHOED);
	az_drop_all(&az); /* the COOKIE ECHO is lost */
	CU_ASSERT_EQUAL(sct_assoc_status(az.st[AZ_A], a, &before), 0);
	CU_ASSERT_EQUAL(send_init(&az, AZ_A, 0x0a0b0c0d, "10.0.0.9"), 0);
	az_collect(&az);
	CU_ASSERT_EQUAL_FATAL(az.n_flight, 1);
	CU_ASSERT_EQUAL(az_chunk_type(&az, 0, 0), SCT_CHUNK_ABORT);
	CU_ASSERT_EQUAL(az_chunk_flags(&az, 0, 0) & 1, 0);
	CU_ASSERT_EQUAL(az_vtag(&az, 0), 0x0a0b0c0d);
	CU_ASSERT_EQUAL(az_cause(&az, 0, 0), SCT_CAUSE_RESTART_NEW_ADDRS);
	CU_ASSERT_EQUAL(sct_assoc_status(az.st[AZ_A], a, &after), 0);
	CU_ASSERT_EQUAL(after.state, SCT_COOKIE_ECHOED);
	CU_ASSERT_EQUAL(after.my_vtag, before.my_vtag);
	CU_ASSERT_EQUAL(after.peer_vtag, before.peer_vtag);
	CU_ASSERT_EQUAL(after.n_paths, before.n_paths);
	az_drop_all(&az);
	/* the handshake still completes: T1-cookie resends the COOKIE ECHO */
	az_settle(&az, sct_ms(5000));
	CU_ASSERT_EQUAL(az_state(&az, AZ_A, a), SCT_ESTABLISHED);
	az_free(&az);
}

/*
 * RFC 9260 5.2.2 (ETSI as-o-1-9-2): an INIT in ESTABLISHED that adds an address is answered with
 * an ABORT carrying "Restart of an Association with New Addresses", vtag = its Initiate Tag; the
 * association is untouched.
 */
static void rfc9260_5_2_2_as_o_1_9_2_init_established_new_addrs(void)
{
	struct az az;
	sct_assoc_id a, z = 0;
	struct sct_assoc_status before, after;

	az_init(&az, 106);
	a = az_establish(&az, &z);
	CU_ASSERT_NOT_EQUAL_FATAL(a, 0);
	CU_ASSERT_EQUAL(sct_assoc_status(az.st[AZ_Z], z, &before), 0);
	CU_ASSERT_EQUAL(send_init(&az, AZ_Z, 0x55667788, "10.0.0.9"), 0);
	az_collect(&az);
	CU_ASSERT_EQUAL_FATAL(az.n_flight, 1);
	CU_ASSERT_EQUAL(az_chunk_type(&az, 0, 0), SCT_CHUNK_ABORT);
	CU_ASSERT_EQUAL(az_chunk_flags(&az, 0, 0) & 1, 0);
	CU_ASSERT_EQUAL(az_vtag(&az, 0), 0x55667788);
	CU_ASSERT_EQUAL(az_cause(&az, 0, 0), SCT_CAUSE_RESTART_NEW_ADDRS);
	CU_ASSERT_EQUAL(sct_assoc_status(az.st[AZ_Z], z, &after), 0);
	CU_ASSERT_EQUAL(after.state, SCT_ESTABLISHED);
	CU_ASSERT_EQUAL(after.my_vtag, before.my_vtag);
	CU_ASSERT_EQUAL(after.n_paths, before.n_paths);
	az_free(&az);
}

/*
 * RFC 9260 5.2.4 case A, 5.2.4.1: A restarts (a fresh stack, same address and port) and connects
 * again: Z finds the tie-tags of its TCB in the cookie, reports SCT_RESTART and takes the new tags.
 */
static void rfc9260_5_2_4_a_peer_restart(void)
{
	struct az az;
	sct_assoc_id a, a2, z = 0;
	struct sct_assoc_status before, after, sa;
	const struct sct_event *e;

	az_init(&az, 107);
	a = az_establish(&az, &z);
	CU_ASSERT_NOT_EQUAL_FATAL(a, 0);
	CU_ASSERT_EQUAL(sct_assoc_status(az.st[AZ_Z], z, &before), 0);
	az_reboot(&az, AZ_A, 9999, false);
	az_clear_events(&az);
	a2 = az_connect(&az);
	CU_ASSERT_NOT_EQUAL_FATAL(a2, 0);
	az_run(&az);
	CU_ASSERT_EQUAL(az_state(&az, AZ_A, a2), SCT_ESTABLISHED);
	e = az_find_event(&az, AZ_Z, SCT_EV_ASSOC_CHANGE, SCT_RESTART);
	CU_ASSERT_PTR_NOT_NULL_FATAL(e);
	CU_ASSERT_EQUAL(e->assoc, z);
	CU_ASSERT_PTR_NULL(az_find_event(&az, AZ_Z, SCT_EV_ASSOC_CHANGE, SCT_COMM_LOST));
	CU_ASSERT_PTR_NULL(az_find_event(&az, AZ_Z, SCT_EV_ASSOC_CHANGE, SCT_COMM_UP));
	CU_ASSERT_EQUAL(sct_assoc_status(az.st[AZ_Z], z, &after), 0);
	CU_ASSERT_EQUAL(sct_assoc_status(az.st[AZ_A], a2, &sa), 0);
	CU_ASSERT_EQUAL(after.state, SCT_ESTABLISHED);
	CU_ASSERT_NOT_EQUAL(after.my_vtag, before.my_vtag);
	CU_ASSERT_NOT_EQUAL(after.peer_vtag, before.peer_vtag);
	CU_ASSERT_EQUAL(after.my_vtag, sa.peer_vtag);
	CU_ASSERT_EQUAL(after.peer_vtag, sa.my_vtag);
	az_free(&az);
}

/*
 * RFC 9260 5.2.4 case A in SHUTDOWN-ACK-SENT: no new association; the SHUTDOWN ACK goes again
 * with an ERROR "Cookie Received While Shutting Down".
 */
static void rfc9260_5_2_4_a_restart_in_shutdown_ack_sent(void)
{
	struct az az;
	sct_assoc_id a, a2, z = 0;
	struct sct_assoc_status sz;
	struct az_bld b;
	struct sct_shutdown sd = {0};
	int i;
	bool ack = false, err = false;

	az_init(&az, 108);
	a = az_establish(&az, &z);
	CU_ASSERT_NOT_EQUAL_FATAL(a, 0);
	CU_ASSERT_EQUAL(sct_assoc_status(az.st[AZ_Z], z, &sz), 0);
	az_reboot(&az, AZ_A, 4242, false);
	a2 = az_connect(&az);
	az_collect(&az);
	az_deliver(&az, 0); /* INIT -> Z (ESTABLISHED): INIT ACK with tie-tags */
	az_collect(&az);
	az_deliver(&az, 0); /* -> A */
	az_collect(&az);
	CU_ASSERT_EQUAL_FATAL(az_chunk_type(&az, 0, 0), SCT_CHUNK_COOKIE_ECHO);
	/* the old A's SHUTDOWN reaches Z before the COOKIE ECHO */
	az_bld_start(&b, az.port[AZ_A], az.port[AZ_Z], sz.my_vtag);
	sd.cum_tsn_ack = 0;
	sct_shutdown_emit(&b.w, &sd);
	az_send(&az, AZ_Z, &b);
	CU_ASSERT_EQUAL(az_state(&az, AZ_Z, z), SCT_SHUTDOWN_ACK_SENT);
	az_collect(&az);
	while (az.n_flight > 1)
		az_drop(&az, 1); /* Z's SHUTDOWN ACK */
	az_deliver(&az, 0);	 /* the COOKIE ECHO */
	az_collect(&az);
	for (i = 0; i < (int)az.n_flight; i++) {
		int n;

		for (n = 0; az_chunk_type(&az, (size_t)i, n) >= 0; n++) {
			ack |= az_chunk_type(&az, (size_t)i, n) == SCT_CHUNK_SHUTDOWN_ACK;
			if (az_chunk_type(&az, (size_t)i, n) == SCT_CHUNK_ERROR)
				err |= az_cause(&az, (size_t)i, n) == SCT_CAUSE_COOKIE_IN_SHUTDOWN;
		}
		CU_ASSERT_NOT_EQUAL(az_chunk_type(&az, (size_t)i, 0), SCT_CHUNK_COOKIE_ACK);
	}
	CU_ASSERT_TRUE(ack);
	CU_ASSERT_TRUE(err);
	CU_ASSERT_EQUAL(az_state(&az, AZ_Z, z), SCT_SHUTDOWN_ACK_SENT);
	CU_ASSERT_PTR_NULL(az_find_event(&az, AZ_Z, SCT_EV_ASSOC_CHANGE, SCT_RESTART));
	(void)a2;
	az_free(&az);
}

/*
 * RFC 9260 5.2.4 case C: our own late cookie (tie-tags 0, peer's tag matches, ours does not)
 * is discarded; nothing changes and nothing is sent.
 */
static void rfc9260_5_2_4_c_late_cookie_discarded(void)
{
	struct az az;
	sct_assoc_id a, z;
	uint8_t c1[1024], c2[1024];
	size_t l1, l2;
	uint32_t t1, t2;
	struct sct_assoc_status before, after;

	az_init(&az, 109);
	a = az_connect(&az);
	az_collect(&az);
	az_dup(&az, 0);
	az_deliver(&az, 0);
	az_deliver(&az, 0); /* the INIT twice: two INIT ACKs with two cookies */
	az_collect(&az);
	CU_ASSERT_EQUAL_FATAL(az.n_flight, 2);
	l1 = az_take_cookie(&az, 0, c1, sizeof(c1));
	l2 = az_take_cookie(&az, 1, c2, sizeof(c2));
	t1 = az_itag(&az, 0);
	t2 = az_itag(&az, 1);
	CU_ASSERT_FATAL(l1 > 0 && l2 > 0);
	CU_ASSERT_NOT_EQUAL(t1, t2);
	az_drop_all(&az);
	/* Z's TCB comes from the second cookie */
	CU_ASSERT_EQUAL(echo_cookie(&az, t2, c2, l2), 0);
	az_poll_events(&az);
	CU_ASSERT_PTR_NOT_NULL_FATAL(az_find_event(&az, AZ_Z, SCT_EV_ASSOC_CHANGE, SCT_COMM_UP));
	z = az_find_event(&az, AZ_Z, SCT_EV_ASSOC_CHANGE, SCT_COMM_UP)->assoc;
	az_collect(&az);
	az_drop_all(&az);
	CU_ASSERT_EQUAL(sct_assoc_status(az.st[AZ_Z], z, &before), 0);
	/* the first one arrives late */
	CU_ASSERT_EQUAL(echo_cookie(&az, t1, c1, l1), 0);
	az_collect(&az);
	CU_ASSERT_EQUAL(az.n_flight, 0);
	CU_ASSERT_EQUAL(sct_assoc_status(az.st[AZ_Z], z, &after), 0);
	CU_ASSERT_EQUAL(after.my_vtag, before.my_vtag);
	CU_ASSERT_EQUAL(after.peer_vtag, before.peer_vtag);
	CU_ASSERT_EQUAL(after.state, SCT_ESTABLISHED);
	CU_ASSERT_PTR_NULL(az_find_event(&az, AZ_Z, SCT_EV_ASSOC_CHANGE, SCT_RESTART));
	(void)a;
	az_free(&az);
}

/*
 * RFC 9260 5.2.4, "any case not shown in Table 12": a valid cookie whose tags both differ and
 * that carries no tie-tags is silently discarded.
 */
static void rfc9260_5_2_4_not_in_table_discarded(void)
{
	struct az az;
	sct_assoc_id a, z = 0;
	uint8_t ck[1024];
	size_t len;
	uint32_t tag;
	struct sct_assoc_status before, after;

	az_init(&az, 110);
	/* a cookie for an INIT of A's address and port, before any TCB exists */
	CU_ASSERT_EQUAL(send_init(&az, AZ_Z, 0x0badcafe, NULL), 0);
	az_collect(&az);
	CU_ASSERT_EQUAL_FATAL(az.n_flight, 1);
	len = az_take_cookie(&az, 0, ck, sizeof(ck));
	tag = az_itag(&az, 0);
	CU_ASSERT_FATAL(len > 0);
	az_drop_all(&az);
	a = az_establish(&az, &z);
	CU_ASSERT_NOT_EQUAL_FATAL(a, 0);
	CU_ASSERT_EQUAL(sct_assoc_status(az.st[AZ_Z], z, &before), 0);
	az_clear_events(&az);
	CU_ASSERT_EQUAL(echo_cookie(&az, tag, ck, len), 0);
	az_collect(&az);
	CU_ASSERT_EQUAL(az.n_flight, 0);
	CU_ASSERT_EQUAL(sct_assoc_status(az.st[AZ_Z], z, &after), 0);
	CU_ASSERT_EQUAL(after.my_vtag, before.my_vtag);
	CU_ASSERT_EQUAL(after.peer_vtag, before.peer_vtag);
	az_poll_events(&az);
	CU_ASSERT_EQUAL(az.n_ev[AZ_Z], 0);
	az_free(&az);
}

/*
 * RFC 9260 5.1.5 step 4, 5.2.6 alternative 3 (ETSI imh-i-3-6, e-o-6-1): a COOKIE ECHO after
 * Valid.Cookie.Life gets a Stale Cookie ERROR; A answers with a new INIT carrying a Cookie
 * Preservative, and the second attempt succeeds.
 */
static void rfc9260_5_2_6_e_o_6_1_stale_cookie(void)
{
	struct az az;
	sct_assoc_id a;
	struct sct_chunk_iter it;
	struct sct_chunk c;
	struct sct_init init;
	struct sct_init_params ip;

	az_init(&az, 111);
	sct_stack_settings(az.st[AZ_Z])->valid_cookie_life = 10;
	a = az_connect_to_cookie_echo(&az);
	CU_ASSERT_EQUAL_FATAL(az_chunk_type(&az, 0, 0), SCT_CHUNK_COOKIE_ECHO);
	az.now += sct_ms(100); /* the cookie ages on the way */
	az_deliver(&az, 0);
	az_collect(&az);
	CU_ASSERT_EQUAL_FATAL(az.n_flight, 1);
	CU_ASSERT_EQUAL(az_chunk_type(&az, 0, 0), SCT_CHUNK_ERROR);
	CU_ASSERT_EQUAL(az_cause(&az, 0, 0), SCT_CAUSE_STALE_COOKIE);
	az_poll_events(&az);
	CU_ASSERT_EQUAL(az.n_ev[AZ_Z], 0); /* no association on Z */
	az_deliver(&az, 0);
	CU_ASSERT_EQUAL(az_state(&az, AZ_A, a), SCT_COOKIE_WAIT);
	az_collect(&az);
	CU_ASSERT_EQUAL_FATAL(az.n_flight, 1);
	CU_ASSERT_EQUAL(az_chunk_type(&az, 0, 0), SCT_CHUNK_INIT);
	sct_chunk_iter_init(&it, az.flight[0]->buf, az.flight[0]->len);
	CU_ASSERT_EQUAL_FATAL(sct_chunk_next(&it, &c), 1);
	CU_ASSERT_EQUAL_FATAL(sct_init_parse(&c, &init), 0);
	CU_ASSERT_EQUAL_FATAL(sct_init_params_parse(init.params, init.params_len, false, &ip), 0);
	CU_ASSERT_TRUE(ip.has_cookie_preservative);
	CU_ASSERT(ip.cookie_inc_ms >= 100);
	az_run(&az);
	CU_ASSERT_EQUAL(az_state(&az, AZ_A, a), SCT_ESTABLISHED);
	CU_ASSERT_PTR_NOT_NULL(az_find_event(&az, AZ_Z, SCT_EV_ASSOC_CHANGE, SCT_COMM_UP));
	az_free(&az);
}

/*
 * RFC 9260 5.2.4 step 3: with a TCB, a COOKIE ECHO past its lifespan is
 * answered with a Stale Cookie ERROR when its tags are not the association's
 * (case C or D), and taken as valid when both tags match (case D: a late
 * duplicate of the cookie that set the association up gets a COOKIE ACK).
 */
static void rfc9260_5_2_4_3_stale_cookie_with_tcb(void)
{
	struct az az;
	sct_assoc_id a, z;
	struct sct_assoc_status before, after;
	const struct sct_event *up;
	uint8_t ck[1024];
	size_t len;
	uint32_t tag;

	az_init(&az, 114);
	sct_stack_settings(az.st[AZ_Z])->valid_cookie_life = 10;
	a = az_connect_to_cookie_echo(&az);
	CU_ASSERT_EQUAL_FATAL(az_chunk_type(&az, 0, 0), SCT_CHUNK_COOKIE_ECHO);
	az_dup(&az, 0);
	az_deliver(&az, 0); /* fresh: Z comes up */
	az.now += sct_ms(100);
	az_deliver(&az, 0); /* the copy, stale now, tags match */
	az_collect(&az);
	CU_ASSERT_EQUAL(az_count_chunk(&az, AZ_Z, SCT_CHUNK_COOKIE_ACK), 2);
	CU_ASSERT_EQUAL(az_count_chunk(&az, AZ_Z, SCT_CHUNK_ERROR), 0);
	az_run(&az);
	CU_ASSERT_EQUAL_FATAL(az_state(&az, AZ_A, a), SCT_ESTABLISHED);
	up = az_find_event(&az, AZ_Z, SCT_EV_ASSOC_CHANGE, SCT_COMM_UP);
	CU_ASSERT_PTR_NOT_NULL_FATAL(up);
	z = up->assoc;
	CU_ASSERT_EQUAL(count_events(&az, AZ_Z, SCT_COMM_UP), 1);

	/* a cookie for other tags: from Z's answer to an unexpected INIT (5.2.2) */
	CU_ASSERT_EQUAL(sct_assoc_status(az.st[AZ_Z], z, &before), 0);
	CU_ASSERT_EQUAL(send_init(&az, AZ_Z, 0x55667788, NULL), 0);
	az_collect(&az);
	CU_ASSERT_EQUAL_FATAL(az_chunk_type(&az, 0, 0), SCT_CHUNK_INIT_ACK);
	len = az_take_cookie(&az, 0, ck, sizeof(ck));
	tag = az_itag(&az, 0);
	CU_ASSERT_FATAL(len > 0);
	az_drop_all(&az);
	az.now += sct_ms(100);
	CU_ASSERT_EQUAL(echo_cookie(&az, tag, ck, len), 0);
	az_collect(&az);
	CU_ASSERT_EQUAL_FATAL(az.n_flight, 1);
	CU_ASSERT_EQUAL(az_chunk_type(&az, 0, 0), SCT_CHUNK_ERROR);
	CU_ASSERT_EQUAL(az_cause(&az, 0, 0), SCT_CAUSE_STALE_COOKIE);
	CU_ASSERT_EQUAL(sct_assoc_status(az.st[AZ_Z], z, &after), 0);
	CU_ASSERT_EQUAL(after.state, SCT_ESTABLISHED);
	CU_ASSERT_EQUAL(after.my_vtag, before.my_vtag);
	CU_ASSERT_EQUAL(after.peer_vtag, before.peer_vtag);
	CU_ASSERT_EQUAL(count_events(&az, AZ_Z, SCT_RESTART), 0);
	az_free(&az);
}

/* RFC 9260 5.2.6 (ETSI e-o-6-2): a Stale Cookie ERROR outside COOKIE-ECHOED is discarded. */
static void rfc9260_5_2_6_e_o_6_2_stale_cookie_when_established(void)
{
	struct az az;
	sct_assoc_id a, z = 0;
	struct sct_assoc_status sa;
	struct az_bld b;
	uint8_t cause[8] = {0, SCT_CAUSE_STALE_COOKIE, 0, 8, 0, 0, 0x10, 0};

	az_init(&az, 112);
	a = az_establish(&az, &z);
	CU_ASSERT_NOT_EQUAL_FATAL(a, 0);
	CU_ASSERT_EQUAL(sct_assoc_status(az.st[AZ_A], a, &sa), 0);
	az_clear_events(&az);
	az_bld_start(&b, az.port[AZ_Z], az.port[AZ_A], sa.my_vtag);
	az_bld_raw_chunk(&b, SCT_CHUNK_ERROR, 0, cause, sizeof(cause));
	CU_ASSERT_EQUAL(az_send(&az, AZ_A, &b), 0);
	az_collect(&az);
	CU_ASSERT_EQUAL(az.n_flight, 0);
	CU_ASSERT_EQUAL(az_state(&az, AZ_A, a), SCT_ESTABLISHED);
	az_poll_events(&az);
	CU_ASSERT_PTR_NULL(az_find_event(&az, AZ_A, SCT_EV_ASSOC_CHANGE, -1));
	az_free(&az);
}

/*
 * RFC 9260 5.2.4 case D, 5.2.5 (ETSI dm-o-4-4): a duplicated COOKIE ECHO is answered with a
 * second COOKIE ACK, which A, now ESTABLISHED, discards.  One COMMUNICATION UP on each side.
 */
static void rfc9260_5_2_5_dm_o_4_4_duplicate_cookie_echo_and_ack(void)
{
	struct az az;
	sct_assoc_id a;

	az_init(&az, 113);
	a = az_connect_to_cookie_echo(&az);
	CU_ASSERT_EQUAL_FATAL(az_chunk_type(&az, 0, 0), SCT_CHUNK_COOKIE_ECHO);
	az_dup(&az, 0);
	az_deliver(&az, 0);
	az_deliver(&az, 0);
	az_collect(&az);
	CU_ASSERT_EQUAL(az_count_chunk(&az, AZ_Z, SCT_CHUNK_COOKIE_ACK), 2);
	az_run(&az);
	CU_ASSERT_EQUAL(az_state(&az, AZ_A, a), SCT_ESTABLISHED);
	CU_ASSERT_EQUAL(count_events(&az, AZ_A, SCT_COMM_UP), 1);
	CU_ASSERT_EQUAL(count_events(&az, AZ_Z, SCT_COMM_UP), 1);
	CU_ASSERT_EQUAL(az.n_flight, 0);
	az_free(&az);
}

/* RFC 9260 5.1 C, 5.1.6 (ETSI as-i-1-2-1): a lost INIT ACK: T1-init sends the INIT again. */
static void rfc9260_5_1_6_as_i_1_2_1_lost_init_ack(void)
{
	struct az az;
	sct_assoc_id a;

	az_init(&az, 114);
	a = az_connect(&az);
	az_collect(&az);
	az_deliver(&az, 0);
	az_collect(&az);
	CU_ASSERT_EQUAL(az_chunk_type(&az, 0, 0), SCT_CHUNK_INIT_ACK);
	az_drop(&az, 0);
	CU_ASSERT_TRUE(az_advance(&az));
	CU_ASSERT_EQUAL_FATAL(az.n_flight, 1);
	CU_ASSERT_EQUAL(az_chunk_type(&az, 0, 0), SCT_CHUNK_INIT);
	az_run(&az);
	CU_ASSERT_EQUAL(az_state(&az, AZ_A, a), SCT_ESTABLISHED);
	az_free(&az);
}

/*
 * RFC 9260 5.1.4, 5.1.6 (ETSI as-i-1-2-2): a lost COOKIE ECHO: T1-cookie sends the same State
 * Cookie again with the same tag, and the timer backs off.
 */
static void rfc9260_5_1_4_as_i_1_2_2_cookie_echo_retransmitted(void)
{
	struct az az;
	sct_assoc_id a;
	uint8_t first[2048];
	size_t len;
	sct_time_t t0;

	az_init(&az, 115);
	a = az_connect_to_cookie_echo(&az);
	CU_ASSERT_EQUAL_FATAL(az_chunk_type(&az, 0, 0), SCT_CHUNK_COOKIE_ECHO);
	len = az.flight[0]->len;
	CU_ASSERT_FATAL(len <= sizeof(first));
	memcpy(first, az.flight[0]->buf, len);
	az_drop(&az, 0);
	t0 = az.now;
	CU_ASSERT_TRUE(az_advance(&az));
	CU_ASSERT_EQUAL(az.now - t0, sct_ms(1000));
	CU_ASSERT_EQUAL_FATAL(az.n_flight, 1);
	CU_ASSERT_EQUAL_FATAL(az.flight[0]->len, len);
	SCT_ASSERT_BYTES(az.flight[0]->buf, first, len);
	az_drop(&az, 0);
	t0 = az.now;
	CU_ASSERT_TRUE(az_advance(&az));
	CU_ASSERT_EQUAL(az.now - t0, sct_ms(2000));
	CU_ASSERT_EQUAL(az_state(&az, AZ_A, a), SCT_COOKIE_ECHOED);
	az_run(&az);
	CU_ASSERT_EQUAL(az_state(&az, AZ_A, a), SCT_ESTABLISHED);
	az_free(&az);
}

/* RFC 9260 5.1.4 (ETSI as-i-1-3-2): after Max.Init.Retransmits COOKIE ECHOs the attempt fails. */
static void rfc9260_5_1_4_as_i_1_3_2_max_cookie_echo_retransmits(void)
{
	struct az az;
	sct_assoc_id a;
	const struct sct_event *e;
	int echoes = 0;

	az_init(&az, 116);
	a = az_connect_to_cookie_echo(&az);
	while (az_state(&az, AZ_A, a) == SCT_COOKIE_ECHOED && az.now < 3600 * SCT_NSEC_PER_SEC) {
		while (az.n_flight) {
			echoes += az_chunk_type(&az, 0, 0) == SCT_CHUNK_COOKIE_ECHO;
			az_drop(&az, 0);
		}
		if (!az_advance(&az))
			break;
	}
	CU_ASSERT_EQUAL(echoes, 9);
	e = az_find_event(&az, AZ_A, SCT_EV_ASSOC_CHANGE, SCT_CANT_STR_ASSOC);
	CU_ASSERT_PTR_NOT_NULL_FATAL(e);
	CU_ASSERT_EQUAL(e->u.assoc_change.err, ETIMEDOUT);
	CU_ASSERT_EQUAL(az_state(&az, AZ_A, a), SCT_CLOSED);
	az_free(&az);
}

/*
 * RFC 9260 5.2.4 case D (lost COOKIE ACK): Z is up, A retransmits its COOKIE ECHO on T1-cookie,
 * Z answers with a COOKIE ACK again and A comes up; Z reports no second COMMUNICATION UP.
 */
static void rfc9260_5_2_4_d_lost_cookie_ack(void)
{
	struct az az;
	sct_assoc_id a;

	az_init(&az, 117);
	a = az_connect_to_cookie_echo(&az);
	az_deliver(&az, 0); /* COOKIE ECHO: Z is up */
	az_collect(&az);
	CU_ASSERT_EQUAL_FATAL(az_chunk_type(&az, 0, 0), SCT_CHUNK_COOKIE_ACK);
	az_drop(&az, 0);
	CU_ASSERT_TRUE(az_advance(&az));
	CU_ASSERT_EQUAL_FATAL(az_chunk_type(&az, 0, 0), SCT_CHUNK_COOKIE_ECHO);
	az_deliver(&az, 0);
	az_collect(&az);
	CU_ASSERT_EQUAL_FATAL(az_chunk_type(&az, 0, 0), SCT_CHUNK_COOKIE_ACK);
	az_deliver(&az, 0);
	CU_ASSERT_EQUAL(az_state(&az, AZ_A, a), SCT_ESTABLISHED);
	CU_ASSERT_EQUAL(count_events(&az, AZ_Z, SCT_COMM_UP), 1);
	CU_ASSERT_EQUAL(count_events(&az, AZ_A, SCT_COMM_UP), 1);
	az_free(&az);
}

/*
 * RFC 9260 5.2.3 (ETSI dm-o-4-3): an INIT ACK in COOKIE-ECHOED (the answer to a duplicated INIT)
 * and one in ESTABLISHED are discarded.
 */
static void rfc9260_5_2_3_dm_o_4_3_unexpected_init_ack(void)
{
	struct az az;
	sct_assoc_id a;
	struct sct_assoc_status before, after;

	az_init(&az, 118);
	a = az_connect(&az);
	az_collect(&az);
	az_dup(&az, 0);
	az_deliver(&az, 0);
	az_deliver(&az, 0);
	az_collect(&az);
	CU_ASSERT_EQUAL_FATAL(az.n_flight, 2);
	az_dup(&az, 1); /* keep a third for ESTABLISHED */
	az_deliver(&az, 0);
	CU_ASSERT_EQUAL(az_state(&az, AZ_A, a), SCT_COOKIE_ECHOED);
	CU_ASSERT_EQUAL(sct_assoc_status(az.st[AZ_A], a, &before), 0);
	az_deliver(&az, 0); /* the second INIT ACK */
	CU_ASSERT_EQUAL(sct_assoc_status(az.st[AZ_A], a, &after), 0);
	CU_ASSERT_EQUAL(after.state, SCT_COOKIE_ECHOED);
	CU_ASSERT_EQUAL(after.peer_vtag, before.peer_vtag);
	az_collect(&az);
	/* only the one COOKIE ECHO */
	CU_ASSERT_EQUAL(az_count_chunk(&az, AZ_A, SCT_CHUNK_COOKIE_ECHO), 1);
	/* hold the third INIT ACK until A is up */
	az_deliver(&az, (size_t)az_find_chunk(&az, AZ_A, SCT_CHUNK_COOKIE_ECHO));
	az_collect(&az);
	az_deliver(&az, (size_t)az_find_chunk(&az, AZ_Z, SCT_CHUNK_COOKIE_ACK));
	CU_ASSERT_EQUAL(az_state(&az, AZ_A, a), SCT_ESTABLISHED);
	CU_ASSERT_EQUAL(sct_assoc_status(az.st[AZ_A], a, &before), 0);
	az_deliver(&az, 0); /* the INIT ACK in ESTABLISHED */
	az_collect(&az);
	CU_ASSERT_EQUAL(az.n_flight, 0);
	CU_ASSERT_EQUAL(sct_assoc_status(az.st[AZ_A], a, &after), 0);
	CU_ASSERT_EQUAL(after.state, SCT_ESTABLISHED);
	CU_ASSERT_EQUAL(after.peer_vtag, before.peer_vtag);
	az_free(&az);
}

static const struct sct_test collision_tests[] = {
    SCT_TEST(rfc9260_5_2_1_dm_o_4_1_simultaneous_connect),
    SCT_TEST(rfc9260_5_2_1_init_in_cookie_wait),
    SCT_TEST(rfc9260_5_2_4_b_init_in_cookie_echoed),
    SCT_TEST(rfc9260_5_2_1_init_in_cookie_echoed_new_addrs),
    SCT_TEST(rfc9260_5_2_4_b_cookie_in_cookie_wait),
    SCT_TEST(rfc9260_5_2_2_as_o_1_9_1_init_established_known_addrs),
    SCT_TEST(rfc9260_5_2_2_as_o_1_9_2_init_established_new_addrs),
    SCT_TEST(rfc9260_5_2_4_a_peer_restart),
    SCT_TEST(rfc9260_5_2_4_a_restart_in_shutdown_ack_sent),
    SCT_TEST(rfc9260_5_2_4_c_late_cookie_discarded),
    SCT_TEST(rfc9260_5_2_4_not_in_table_discarded),
    SCT_TEST(rfc9260_5_2_4_d_lost_cookie_ack),
    SCT_TEST(rfc9260_5_2_3_dm_o_4_3_unexpected_init_ack),
    SCT_TEST(rfc9260_5_2_5_dm_o_4_4_duplicate_cookie_echo_and_ack),
    SCT_TEST_END,
};

static const struct sct_test stale_tests[] = {
    SCT_TEST(rfc9260_5_2_6_e_o_6_1_stale_cookie),
    SCT_TEST(rfc9260_5_2_4_3_stale_cookie_with_tcb),
    SCT_TEST(rfc9260_5_2_6_e_o_6_2_stale_cookie_when_established),
    SCT_TEST_END,
};

static const struct sct_test loss_tests[] = {
    SCT_TEST(rfc9260_5_1_6_as_i_1_2_1_lost_init_ack),
    SCT_TEST(rfc9260_5_1_4_as_i_1_2_2_cookie_echo_retransmitted),
    SCT_TEST(rfc9260_5_1_4_as_i_1_3_2_max_cookie_echo_retransmits),
    SCT_TEST_END,
};

SCT_TEST_MAIN(collision_tests, stale_tests, loss_tests)
