/* SPDX-License-Identifier: MIT */
/* test_sctp_sendfail.c: RFC 6458 6.1.11 send-failure events for the data an association drops. */
#include "harness.h"

#include <errno.h>
#include <string.h>

#include "az.h"
#include "wire/sctp_types.h"

/* Queue @len bytes on @side's association @id with every sct_sndinfo field chosen. */
static int send_ctx(struct az *az, int side, sct_assoc_id id, uint16_t sid, uint16_t flags,
		    uint32_t ppid, uint32_t ctx, size_t len)
{
	static uint8_t buf[20000];
	struct sct_sndinfo si = {.sid = sid, .flags = flags, .ppid = ppid, .context = ctx};

	return sct_assoc_send(az->st[side], id, &si, buf, len, az->now);
}

/*
 * The send-failure events of @side (into @out, at most @max) and the position among all
 * its collected events of the first ASSOC_CHANGE with @state (-1: none).  Returns how many.
 */
static size_t failures(struct az *az, int side, const struct sct_event **out, size_t max, int state,
		       long *state_at)
{
	size_t i, n = 0;

	az_poll_events(az);
	*state_at = -1;
	for (i = 0; i < az->n_ev[side]; i++) {
		const struct sct_event *e = &az->ev[side][i];

		if (e->type == SCT_EV_SEND_FAILED && n < max)
			out[n++] = e;
		if (e->type == SCT_EV_ASSOC_CHANGE && e->u.assoc_change.state == state &&
		    *state_at < 0)
			*state_at = (long)i;
	}
	return n;
}

/* Position of event @e among @side's collected events. */
static long pos(struct az *az, int side, const struct sct_event *e)
{
	return (long)(e - az->ev[side]);
}

/*
 * RFC 6458 6.1.11, RFC 9260 9.1: A aborts with one message sent and unacknowledged (its packet
 * lost) and one still queued.  Each is reported, SENT and UNSENT, with its stream, unordered
 * flag, PPID, context and length, and the User-Initiated Abort cause, before the COMM_LOST.  Z,
 * with a message of its own on the way, reports it with the cause of the ABORT it got.
 */
static void rfc6458_6_1_11_abort_reports_sent_and_unsent(void)
{
	const struct sct_event *f[8];
	struct az az;
	sct_assoc_id a, z = 0;
	long lost;
	size_t n;

	az_init(&az, 6111);
	a = az_establish(&az, &z);
	CU_ASSERT_NOT_EQUAL_FATAL(a, 0);
	az_clear_events(&az);
	CU_ASSERT_EQUAL(send_ctx(&az, AZ_A, a, 1, SCT_SEND_UNORDERED, 0x11, 0x1001, 100), 0);
	az_collect(&az);
	CU_ASSERT_EQUAL(az_count_data(&az, AZ_A), 1);
	az_drop_all(&az); /* sent, never acknowledged */
	CU_ASSERT_EQUAL(send_ctx(&az, AZ_A, a, 0, 0, 0x22, 0x2002, 200), 0); /* not sent yet */
	CU_ASSERT_EQUAL(send_ctx(&az, AZ_Z, z, 3, 0, 0x33, 0x3003, 300), 0);
	CU_ASSERT_EQUAL(sct_assoc_abort(az.st[AZ_A], a, NULL, 0, az.now), 0);
	az_run(&az);

	n = failures(&az, AZ_A, f, 8, SCT_COMM_LOST, &lost);
	CU_ASSERT_EQUAL_FATAL(n, 2);
	CU_ASSERT_TRUE(lost >= 0);
	CU_ASSERT_TRUE(pos(&az, AZ_A, f[1]) < lost);
	CU_ASSERT_EQUAL(f[0]->assoc, a);
	CU_ASSERT_EQUAL(f[0]->u.send_failed.flags, SCT_SEND_FAILED_SENT);
	CU_ASSERT_EQUAL(f[0]->u.send_failed.error, SCT_CAUSE_USER_ABORT);
	CU_ASSERT_EQUAL(f[0]->u.send_failed.sid, 1);
	CU_ASSERT_EQUAL(f[0]->u.send_failed.snd_flags, SCT_SEND_UNORDERED);
	CU_ASSERT_EQUAL(f[0]->u.send_failed.ppid, 0x11);
	CU_ASSERT_EQUAL(f[0]->u.send_failed.context, 0x1001);
	CU_ASSERT_EQUAL(f[0]->u.send_failed.length, 100);
	CU_ASSERT_EQUAL(f[1]->assoc, a);
	CU_ASSERT_EQUAL(f[1]->u.send_failed.flags, SCT_SEND_FAILED_UNSENT);
	CU_ASSERT_EQUAL(f[1]->u.send_failed.error, SCT_CAUSE_USER_ABORT);
	CU_ASSERT_EQUAL(f[1]->u.send_failed.sid, 0);
	CU_ASSERT_EQUAL(f[1]->u.send_failed.snd_flags, 0);
	CU_ASSERT_EQUAL(f[1]->u.send_failed.ppid, 0x22);
	CU_ASSERT_EQUAL(f[1]->u.send_failed.context, 0x2002);
	CU_ASSERT_EQUAL(f[1]->u.send_failed.length, 200);

	n = failures(&az, AZ_Z, f, 8, SCT_COMM_LOST, &lost);
	CU_ASSERT_EQUAL_FATAL(n, 1);
	CU_ASSERT_TRUE(lost >= 0 && pos(&az, AZ_Z, f[0]) < lost);
	CU_ASSERT_EQUAL(f[0]->assoc, z);
	/* SENT: az_run() pulled Z's DATA out before it delivered A's ABORT */
	CU_ASSERT_EQUAL(f[0]->u.send_failed.flags, SCT_SEND_FAILED_SENT);
	CU_ASSERT_EQUAL(f[0]->u.send_failed.error, SCT_CAUSE_USER_ABORT); /* the ABORT's cause */
	CU_ASSERT_EQUAL(f[0]->u.send_failed.sid, 3);
	CU_ASSERT_EQUAL(f[0]->u.send_failed.ppid, 0x33);
	CU_ASSERT_EQUAL(f[0]->u.send_failed.context, 0x3003);
	CU_ASSERT_EQUAL(f[0]->u.send_failed.length, 300);
	az_free(&az);
}

/*
 * Linux reports a failed message per DATA chunk (SENT when it had a TSN).  A message larger
 * than the congestion window is partly cut into chunks when the association is aborted: one
 * SENT event per chunk in flight, then one UNSENT for the rest; the lengths add up to the
 * message.  A graceful shutdown after everything was acknowledged reports nothing.
 */
static void rfc6458_6_1_11_per_chunk_then_rest(void)
{
	const struct sct_event *f[32];
	struct az az;
	sct_assoc_id a, z = 0;
	size_t n, i, sent = 0, total = 0;
	long lost;

	az_init(&az, 6112);
	a = az_establish(&az, &z);
	CU_ASSERT_NOT_EQUAL_FATAL(a, 0);
	az_clear_events(&az);
	CU_ASSERT_EQUAL(send_ctx(&az, AZ_A, a, 2, 0, 0x44, 0x4004, 20000), 0);
	az_collect(&az);
	CU_ASSERT_TRUE(az_count_data(&az, AZ_A) >= 2);
	az_drop_all(&az);
	CU_ASSERT_EQUAL(sct_assoc_abort(az.st[AZ_A], a, NULL, 0, az.now), 0);
	az_run(&az);
	n = failures(&az, AZ_A, f, 32, SCT_COMM_LOST, &lost);
	CU_ASSERT_FATAL(n >= 3);
	for (i = 0; i < n; i++) {
		CU_ASSERT_EQUAL(f[i]->u.send_failed.sid, 2);
		CU_ASSERT_EQUAL(f[i]->u.send_failed.ppid, 0x44);
		CU_ASSERT_EQUAL(f[i]->u.send_failed.context, 0x4004);
		CU_ASSERT_TRUE(f[i]->u.send_failed.length > 0);
		total += f[i]->u.send_failed.length;
		if (f[i]->u.send_failed.flags == SCT_SEND_FAILED_SENT) {
			CU_ASSERT_EQUAL(sent, i); /* every SENT before the UNSENT rest */
			CU_ASSERT_TRUE(f[i]->u.send_failed.length <= 1500);
			sent++;
		}
	}
	CU_ASSERT_EQUAL(sent, n - 1);
	CU_ASSERT_EQUAL(f[n - 1]->u.send_failed.flags, SCT_SEND_FAILED_UNSENT);
	CU_ASSERT_EQUAL(total, 20000);
	CU_ASSERT_TRUE(lost > pos(&az, AZ_A, f[n - 1]));
	az_free(&az);

	/* all acknowledged, then SHUTDOWN: nothing failed */
	az_init(&az, 6113);
	a = az_establish(&az, &z);
	CU_ASSERT_NOT_EQUAL_FATAL(a, 0);
	CU_ASSERT_EQUAL(send_ctx(&az, AZ_A, a, 0, 0, 1, 1, 5000), 0);
	az_settle(&az, sct_ms(1000));
	CU_ASSERT_EQUAL(sct_assoc_shutdown(az.st[AZ_A], a, az.now), 0);
	az_settle(&az, sct_ms(1000));
	CU_ASSERT_EQUAL(failures(&az, AZ_A, f, 32, SCT_SHUTDOWN_COMP, &lost), 0);
	CU_ASSERT_TRUE(lost >= 0);
	az_free(&az);
}

/*
 * RFC 9260 6.3.3 E / 8.1: the peer stops answering; after Association.Max.Retrans the
 * association is lost with no cause (Linux: SCTP_ERROR_NO_ERROR) and the retransmitted
 * message is reported SENT.
 */
static void rfc6458_6_1_11_comm_lost_after_retransmissions(void)
{
	const struct sct_event *f[8];
	struct az az;
	sct_assoc_id a, z = 0;
	long lost;
	int i;

	az_init(&az, 6114);
	a = az_establish(&az, &z);
	CU_ASSERT_NOT_EQUAL_FATAL(a, 0);
	az_clear_events(&az);
	az_set_down(&az, &az.addr[AZ_Z], true);
	CU_ASSERT_EQUAL(send_ctx(&az, AZ_A, a, 1, 0, 0x55, 0x5005, 700), 0);
	for (i = 0; i < 200 && az_state(&az, AZ_A, a) == SCT_ESTABLISHED; i++)
		az_settle(&az, sct_ms(60000));
	CU_ASSERT_NOT_EQUAL_FATAL(az_state(&az, AZ_A, a), SCT_ESTABLISHED);
	CU_ASSERT_EQUAL_FATAL(failures(&az, AZ_A, f, 8, SCT_COMM_LOST, &lost), 1);
	CU_ASSERT_TRUE(lost > pos(&az, AZ_A, f[0]));
	CU_ASSERT_EQUAL(f[0]->u.send_failed.flags, SCT_SEND_FAILED_SENT);
	CU_ASSERT_EQUAL(f[0]->u.send_failed.error, 0);
	CU_ASSERT_EQUAL(f[0]->u.send_failed.sid, 1);
	CU_ASSERT_EQUAL(f[0]->u.send_failed.ppid, 0x55);
	CU_ASSERT_EQUAL(f[0]->u.send_failed.context, 0x5005);
	CU_ASSERT_EQUAL(f[0]->u.send_failed.length, 700);
	az_free(&az);
}

/*
 * RFC 9260 5.1.1, 6.5: A queues messages while setting up, for 10 outbound streams; Z accepts 2
 * inbound.  The message on stream 5 cannot be sent: it is reported UNSENT with Invalid Stream
 * Identifier (as Linux's sctp_stream_outq_migrate()); those on streams 0 and 1 arrive.
 */
static void rfc9260_5_1_1_stream_not_granted(void)
{
	const struct sct_event *f[8];
	struct sct_connect_params cp;
	struct sct_params par;
	struct sct_rcvinfo ri;
	uint8_t buf[1000];
	struct az az;
	sct_assoc_id a = 0, z;
	long up;

	az_init(&az, 6115);
	sct_ep_params(az.ep[AZ_Z], &par);
	par.set.max_instreams = 2;
	CU_ASSERT_EQUAL_FATAL(sct_ep_set_params(az.ep[AZ_Z], &par), 0);
	memset(&cp, 0, sizeof(cp));
	cp.port = az.port[AZ_Z];
	cp.addrs = &az.addr[AZ_Z];
	cp.n_addrs = 1;
	cp.os = 10;
	CU_ASSERT_EQUAL_FATAL(sct_ep_connect(az.ep[AZ_A], &cp, az.now, &a), 0);
	CU_ASSERT_EQUAL(send_ctx(&az, AZ_A, a, 0, 0, 0x60, 0x6000, 10), 0);
	CU_ASSERT_EQUAL(send_ctx(&az, AZ_A, a, 5, SCT_SEND_UNORDERED, 0x65, 0x6005, 50), 0);
	CU_ASSERT_EQUAL(send_ctx(&az, AZ_A, a, 1, 0, 0x61, 0x6001, 11), 0);
	CU_ASSERT_EQUAL(send_ctx(&az, AZ_A, a, 10, 0, 0, 0, 1), -EINVAL); /* never accepted */
	az_settle(&az, sct_ms(2000));
	CU_ASSERT_EQUAL_FATAL(az_state(&az, AZ_A, a), SCT_ESTABLISHED);
	CU_ASSERT_EQUAL(az_status(&az, AZ_A, a).os, 2);
	CU_ASSERT_EQUAL_FATAL(failures(&az, AZ_A, f, 8, SCT_COMM_UP, &up), 1);
	CU_ASSERT_EQUAL(f[0]->assoc, a);
	CU_ASSERT_EQUAL(f[0]->u.send_failed.flags, SCT_SEND_FAILED_UNSENT);
	CU_ASSERT_EQUAL(f[0]->u.send_failed.error, SCT_CAUSE_INVALID_STREAM);
	CU_ASSERT_EQUAL(f[0]->u.send_failed.sid, 5);
	CU_ASSERT_EQUAL(f[0]->u.send_failed.snd_flags, SCT_SEND_UNORDERED);
	CU_ASSERT_EQUAL(f[0]->u.send_failed.ppid, 0x65);
	CU_ASSERT_EQUAL(f[0]->u.send_failed.context, 0x6005);
	CU_ASSERT_EQUAL(f[0]->u.send_failed.length, 50);
	z = az_find_event(&az, AZ_Z, SCT_EV_ASSOC_CHANGE, SCT_COMM_UP)->assoc;
	CU_ASSERT_EQUAL(az_recv_msg(&az, AZ_Z, z, buf, sizeof(buf), &ri), 10);
	CU_ASSERT_EQUAL(ri.sid, 0);
	CU_ASSERT_EQUAL(az_recv_msg(&az, AZ_Z, z, buf, sizeof(buf), &ri), 11);
	CU_ASSERT_EQUAL(ri.sid, 1);
	CU_ASSERT_EQUAL(az_recv_msg(&az, AZ_Z, z, buf, sizeof(buf), &ri), -EAGAIN);
	az_free(&az);
}

/*
 * RFC 9260 5.2.4 A: the peer restarts.  The data Z had outstanding for the old peer is gone
 * with the old TCB (Linux purges its outqueue and reports it): SENT, no cause, before RESTART.
 */
static void rfc6458_6_1_11_restart_drops_outstanding(void)
{
	const struct sct_event *f[8];
	struct az az;
	sct_assoc_id a, z = 0;
	long restart;

	az_init(&az, 6116);
	a = az_establish(&az, &z);
	CU_ASSERT_NOT_EQUAL_FATAL(a, 0);
	CU_ASSERT_EQUAL(send_ctx(&az, AZ_Z, z, 0, 0, 0x70, 0x7007, 400), 0);
	az_collect(&az);
	az_drop_all(&az);
	az_reboot(&az, AZ_A, 6117, false);
	az_clear_events(&az);
	CU_ASSERT_NOT_EQUAL_FATAL(az_connect(&az), 0);
	az_run(&az);
	CU_ASSERT_EQUAL_FATAL(failures(&az, AZ_Z, f, 8, SCT_RESTART, &restart), 1);
	CU_ASSERT_TRUE(restart > pos(&az, AZ_Z, f[0]));
	CU_ASSERT_EQUAL(f[0]->assoc, z);
	CU_ASSERT_EQUAL(f[0]->u.send_failed.flags, SCT_SEND_FAILED_SENT);
	CU_ASSERT_EQUAL(f[0]->u.send_failed.error, 0);
	CU_ASSERT_EQUAL(f[0]->u.send_failed.context, 0x7007);
	CU_ASSERT_EQUAL(f[0]->u.send_failed.length, 400);
	az_free(&az);
}

/* max_events 6 on A: the failures are optional events, bounded and counted; COMM_LOST is not. */
static void tune_few_events(int side, struct sct_stack_cfg *cfg)
{
	if (side == AZ_A)
		cfg->max_events = 6;
}

static void stack_send_failed_bounded(void)
{
	const struct sct_event *f[32];
	struct sct_stack_counters ctr;
	struct az az;
	sct_assoc_id a, z = 0;
	size_t i;
	long lost;

	az_init(&az, 6118);
	az.tune = tune_few_events;
	az_reboot(&az, AZ_A, 6118, false);
	a = az_establish(&az, &z);
	CU_ASSERT_NOT_EQUAL_FATAL(a, 0);
	az_clear_events(&az);
	for (i = 0; i < 20; i++)
		CU_ASSERT_EQUAL(send_ctx(&az, AZ_A, a, 0, 0, 1, (uint32_t)i, 10), 0);
	CU_ASSERT_EQUAL(sct_assoc_abort(az.st[AZ_A], a, NULL, 0, az.now), 0);
	CU_ASSERT_EQUAL_FATAL(failures(&az, AZ_A, f, 32, SCT_COMM_LOST, &lost), 6);
	CU_ASSERT_EQUAL(lost, 6);
	for (i = 0; i < 6; i++)
		CU_ASSERT_EQUAL(f[i]->u.send_failed.context, i); /* the oldest first */
	sct_stack_counters(az.st[AZ_A], &ctr);
	CU_ASSERT_EQUAL(ctr.events_dropped, 14);
	az_free(&az);
}

static const struct sct_test sendfail_tests[] = {
    SCT_TEST(rfc6458_6_1_11_abort_reports_sent_and_unsent),
    SCT_TEST(rfc6458_6_1_11_per_chunk_then_rest),
    SCT_TEST(rfc6458_6_1_11_comm_lost_after_retransmissions),
    SCT_TEST(rfc9260_5_1_1_stream_not_granted),
    SCT_TEST(rfc6458_6_1_11_restart_drops_outstanding),
    SCT_TEST(stack_send_failed_bounded),
    SCT_TEST_END,
};

SCT_TEST_MAIN(sendfail_tests)
