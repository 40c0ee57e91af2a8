/* SPDX-License-Identifier: MIT */
/* test_ipc.c: the shim-daemon protocol: data records, notifications, control, SCM_RIGHTS. */
#include "harness.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "ipc/ipc.h"
#include "ipc/ipc_ctl.h"
#include "ipc/ipc_err.h"
#include "ipc/ipc_sock.h"

#define ASSERT_ERR(expr, want)                                                                     \
	do {                                                                                       \
		int got_ = (int)(expr);                                                            \
		if (got_ != (want))                                                                \
			fprintf(stderr, "\n%s:%d: got %d (%s), want %s\n", __FILE__, __LINE__,     \
				got_, sct_ipc_errname(got_), sct_ipc_errname(want));               \
		CU_ASSERT_EQUAL(got_, (want));                                                     \
	} while (0)

static uint8_t buf[SCT_IPC_REC_MAX];

/* ---------------------------------------------------------------- addresses */

static struct sct_ipc_addr v4(uint8_t a, uint8_t b, uint8_t c, uint8_t d, uint16_t port)
{
	struct sct_ipc_addr x = {.family = SCT_IPC_AF_INET, .port = port};

	x.addr[0] = a;
	x.addr[1] = b;
	x.addr[2] = c;
	x.addr[3] = d;
	return x;
}

static struct sct_ipc_addr v6_linklocal(uint16_t port, uint32_t scope)
{
	struct sct_ipc_addr x = {.family = SCT_IPC_AF_INET6, .port = port, .scope = scope};

	x.addr[0] = 0xfe;
	x.addr[1] = 0x80;
	x.addr[15] = 0x01;
	return x;
}

static void ipc_addr_layout_and_roundtrip(void)
{
	struct sct_ipc_addr a = v4(192, 0, 2, 1, 5000), b;
	uint8_t want[24];

	sct_test_unhex("0400 8813 00000000 c0000201 000000000000000000000000", want, sizeof(want));
	CU_ASSERT_EQUAL(sct_ipc_addr_encode(&a, buf, sizeof(buf)), 0);
	SCT_ASSERT_BYTES(buf, want, 24);
	CU_ASSERT_EQUAL(sct_ipc_addr_decode(buf, 24, &b), 0);
	CU_ASSERT_TRUE(sct_ipc_addr_eq(&a, &b));
	a = v6_linklocal(9899, 3);
	CU_ASSERT_EQUAL(sct_ipc_addr_encode(&a, buf, sizeof(buf)), 0);
	CU_ASSERT_EQUAL(sct_ipc_addr_decode(buf, 24, &b), 0);
	CU_ASSERT_TRUE(sct_ipc_addr_eq(&a, &b));
	ASSERT_ERR(sct_ipc_addr_encode(&a, buf, 23), SCT_IPC_E_NOSPACE);
}

static void ipc_addr_malformed(void)
{
	struct sct_ipc_addr a = v4(192, 0, 2, 1, 5000), b;

	sct_ipc_addr_encode(&a, buf, sizeof(buf));
	ASSERT_ERR(sct_ipc_addr_decode(buf, 23, &b), SCT_IPC_E_TRUNCATED);
	ASSERT_ERR(sct_ipc_addr_decode(buf, 25, &b), SCT_IPC_E_TRAILING);
	buf[0] = 5; /* family */
	ASSERT_ERR(sct_ipc_addr_decode(buf, 24, &b), SCT_IPC_E_ADDR_FAMILY);
	buf[0] = 4;
	buf[4] = 1; /* scope on inet */
	ASSERT_ERR(sct_ipc_addr_decode(buf, 24, &b), SCT_IPC_E_ADDR_V4_EXTRA);
	buf[4] = 0;
	buf[23] = 1; /* byte past the 4 of inet */
	ASSERT_ERR(sct_ipc_addr_decode(buf, 24, &b), SCT_IPC_E_ADDR_V4_EXTRA);
	a.family = 2; /* the host's AF_INET is not ours */
	ASSERT_ERR(sct_ipc_addr_encode(&a, buf, sizeof(buf)), SCT_IPC_E_ADDR_FAMILY);
}

/* ---------------------------------------------------------------- data records */

static const uint8_t hello_payload[] = "hello, sctp";

static struct sct_ipc_rec rec_data(void)
{
	struct sct_ipc_rec r = {
	    .version = SCT_IPC_VERSION,
	    .type = SCT_IPC_REC_DATA,
	    .flags = SCT_IPC_F_EOR | SCT_IPC_F_UNORDERED,
	    .assoc_id = 7,
	    .sid = 3,
	    .ssn = 0x1234,
	    .ppid = 0x33000000,
	    .tsn_or_context = 0xdeadbeef,
	    .cumtsn_or_ttl = 0xdeadbeee,
	    .payload = hello_payload,
	    .payload_len = 11,
	};
	return r;
}

static bool rec_eq(const struct sct_ipc_rec *a, const struct sct_ipc_rec *b)
{
	return a->version == b->version && a->type == b->type && a->flags == b->flags &&
	       a->assoc_id == b->assoc_id && a->sid == b->sid && a->ssn == b->ssn &&
	       a->ppid == b->ppid && a->tsn_or_context == b->tsn_or_context &&
	       a->cumtsn_or_ttl == b->cumtsn_or_ttl && a->has_addr == b->has_addr &&
	       (!a->has_addr || sct_ipc_addr_eq(&a->addr, &b->addr)) &&
	       a->payload_len == b->payload_len &&
	       (!a->payload_len || memcmp(a->payload, b->payload, a->payload_len) == 0);
}

/* encode -> decode -> same fields; decode -> encode -> same bytes. */
static void rec_roundtrip(const struct sct_ipc_rec *r)
{
	static uint8_t again[SCT_IPC_REC_MAX];
	struct sct_ipc_rec d;
	int n, m;

	n = sct_ipc_rec_encode(r, buf, sizeof(buf));
	CU_ASSERT_TRUE_FATAL(n > 0);
	CU_ASSERT_EQUAL(n, SCT_IPC_REC_HDR_LEN + (r->has_addr ? 24 : 0) + (int)r->payload_len);
	ASSERT_ERR(sct_ipc_rec_decode(buf, (size_t)n, &d), 0);
	CU_ASSERT_TRUE(rec_eq(r, &d));
	m = sct_ipc_rec_encode(&d, again, sizeof(again));
	CU_ASSERT_EQUAL_FATAL(m, n);
	SCT_ASSERT_BYTES(again, buf, (size_t)n);
	/* the header alone is the same bytes, for a send with the payload in an iovec */
	m = sct_ipc_rec_encode_hdr(r, again, SCT_IPC_REC_HDR_MAX);
	CU_ASSERT_EQUAL_FATAL(m, n - (int)r->payload_len);
	SCT_ASSERT_BYTES(again, buf, (size_t)m);
}

static void ipc_rec_data_layout(void)
{
	struct sct_ipc_rec r = rec_data();
	uint8_t want[64];
	size_t wn;

	wn = sct_test_unhex("01 01 0300 07000000 0300 3412 00000033 efbeadde eebeadde"
			    "0000 0000 0b000000 68656c6c6f2c2073637470",
			    want, sizeof(want));
	CU_ASSERT_EQUAL(sct_ipc_rec_encode(&r, buf, sizeof(buf)), (int)wn);
	SCT_ASSERT_BYTES(buf, want, wn);
}

static void ipc_rec_roundtrip_every_type(void)
{
	static uint8_t pad[SCT_IPC_CONNECTING_PAD];
	static uint8_t big[SCT_IPC_MAX_PAYLOAD];
	const uint8_t notif[8] = {5, 0, 0, 0, 0, 0, 0, 0}; /* SHUTDOWN_EVENT */
	struct sct_ipc_rec r = rec_data();

	rec_roundtrip(&r);
	r.has_addr = true;
	r.addr = v4(198, 51, 100, 7, 36412);
	r.flags |= SCT_IPC_F_ADDR_OVER | SCT_IPC_F_SACK_IMMEDIATELY;
	rec_roundtrip(&r);
	r.addr = v6_linklocal(36412, 2);
	r.flags = SCT_IPC_F_ALL & ~SCT_IPC_F_NOTIFICATION; /* every DATA flag at once */
	rec_roundtrip(&r);
	r = rec_data();
	r.payload = big; /* the largest record */
	r.payload_len = sizeof(big);
	rec_roundtrip(&r);
	r.payload_len = 0; /* SCTP_EOF with no data */
	r.flags = SCT_IPC_F_EOF;
	rec_roundtrip(&r);

	memset(&r, 0, sizeof(r));
	r.version = SCT_IPC_VERSION;
	r.assoc_id = 9;
	r.type = SCT_IPC_REC_NOTIFICATION;
	r.flags = SCT_IPC_F_NOTIFICATION | SCT_IPC_F_EOR;
	r.payload = notif;
	r.payload_len = sizeof(notif);
	rec_roundtrip(&r);
	r.type = SCT_IPC_REC_CONNECTING;
	r.flags = 0;
	r.payload = pad;
	r.payload_len = sizeof(pad);
	rec_roundtrip(&r);
	r.type = SCT_IPC_REC_ACCEPTABLE;
	r.payload = NULL;
	r.payload_len = 0;
	rec_roundtrip(&r);
	r.type = SCT_IPC_REC_EOF;
	rec_roundtrip(&r);
}

/* Encode a valid DATA record with an inet address, for patching. */
static size_t rec_base(void)
{
	struct sct_ipc_rec r = rec_data();

	r.has_addr = true;
	r.addr = v4(192, 0, 2, 1, 5000);
	return (size_t)sct_ipc_rec_encode(&r, buf, sizeof(buf));
}

static int rec_try(size_t n)
{
	struct sct_ipc_rec d;

	return sct_ipc_rec_decode(buf, n, &d);
}

static void put32(uint8_t *p, uint32_t v)
{
	p[0] = (uint8_t)v;
	p[1] = (uint8_t)(v >> 8);
	p[2] = (uint8_t)(v >> 16);
	p[3] = (uint8_t)(v >> 24);
}

static void ipc_rec_malformed_lengths(void)
{
	size_t n = rec_base();

	ASSERT_ERR(rec_try(n), 0);
	ASSERT_ERR(rec_try(31), SCT_IPC_E_TRUNCATED);	 /* short header */
	ASSERT_ERR(rec_try(40), SCT_IPC_E_TRUNCATED);	 /* address cut */
	ASSERT_ERR(rec_try(n - 1), SCT_IPC_E_TRUNCATED); /* payload_len says more */
	ASSERT_ERR(rec_try(n + 1), SCT_IPC_E_TRAILING);
	put32(buf + 28, SCT_IPC_MAX_PAYLOAD + 1);
	ASSERT_ERR(rec_try(n), SCT_IPC_E_REC_PAYLOAD_LEN);
	put32(buf + 28, 0xffffffff); /* never trusted */
	ASSERT_ERR(rec_try(n), SCT_IPC_E_REC_PAYLOAD_LEN);
	n = rec_base();
	buf[24] = 16; /* a struct sockaddr_in length is not ours */
	ASSERT_ERR(rec_try(n), SCT_IPC_E_ADDR_LEN);
	buf[24] = 28;
	ASSERT_ERR(rec_try(n), SCT_IPC_E_ADDR_LEN);
}

static void ipc_rec_malformed_header(void)
{
	size_t n = rec_base();

	buf[0] = 0;
	ASSERT_ERR(rec_try(n), SCT_IPC_E_VERSION);
	buf[0] = SCT_IPC_VERSION_MAX + 1;
	ASSERT_ERR(rec_try(n), SCT_IPC_E_VERSION);
	buf[0] = SCT_IPC_VERSION;
	buf[1] = 0;
	ASSERT_ERR(rec_try(n), SCT_IPC_E_REC_TYPE);
	buf[1] = 6;
	ASSERT_ERR(rec_try(n), SCT_IPC_E_REC_TYPE);
	buf[1] = SCT_IPC_REC_DATA;
	buf[3] = 0x02; /* flag bit 9 (bit 8 is DEFAULT) */
	ASSERT_ERR(rec_try(n), SCT_IPC_E_RESERVED);
	buf[3] = 0;
	buf[27] = 1; /* reserved u16 */
	ASSERT_ERR(rec_try(n), SCT_IPC_E_RESERVED);
	buf[27] = 0;
	buf[2] |= SCT_IPC_F_NOTIFICATION; /* on DATA */
	ASSERT_ERR(rec_try(n), SCT_IPC_E_REC_FLAGS);
	buf[2] &= (uint8_t)~SCT_IPC_F_NOTIFICATION;
	buf[32] = 2; /* host AF_INET in our family field */
	ASSERT_ERR(rec_try(n), SCT_IPC_E_ADDR_FAMILY);
	buf[32] = 4;
	buf[36] = 1; /* scope on inet */
	ASSERT_ERR(rec_try(n), SCT_IPC_E_ADDR_V4_EXTRA);
	buf[36] = 0;
	ASSERT_ERR(rec_try(n), 0);
}

static void ipc_rec_malformed_per_type(void)
{
	static uint8_t pad[SCT_IPC_CONNECTING_PAD];
	struct sct_ipc_rec r = {.version = SCT_IPC_VERSION, .type = SCT_IPC_REC_CONNECTING};
	int n;

	r.payload = pad;
	r.payload_len = sizeof(pad);
	n = sct_ipc_rec_encode(&r, buf, sizeof(buf));
	CU_ASSERT_TRUE_FATAL(n > 0);
	buf[32 + 100] = 1; /* the padding must be zero */
	ASSERT_ERR(rec_try((size_t)n), SCT_IPC_E_REC_PAD);
	buf[32 + 100] = 0;
	put32(buf + 28, SCT_IPC_CONNECTING_PAD - 1);
	ASSERT_ERR(rec_try((size_t)n - 1), SCT_IPC_E_REC_PAYLOAD_LEN);
	put32(buf + 28, SCT_IPC_CONNECTING_PAD);
	buf[2] = SCT_IPC_F_EOR; /* no flags on CONNECTING */
	ASSERT_ERR(rec_try((size_t)n), SCT_IPC_E_REC_FLAGS);
	buf[2] = 0;
	buf[8] = 1; /* sid only on DATA */
	ASSERT_ERR(rec_try((size_t)n), SCT_IPC_E_RESERVED);

	r.type = SCT_IPC_REC_EOF;
	r.payload = NULL;
	r.payload_len = 0;
	n = sct_ipc_rec_encode(&r, buf, sizeof(buf));
	CU_ASSERT_EQUAL_FATAL(n, 32);
	buf[28] = 1; /* EOF carries nothing */
	buf[32] = 0;
	ASSERT_ERR(rec_try(33), SCT_IPC_E_REC_PAYLOAD_LEN);
	buf[1] = SCT_IPC_REC_NOTIFICATION; /* needs its flag and a TLV header */
	ASSERT_ERR(rec_try(33), SCT_IPC_E_REC_FLAGS);
	buf[2] = SCT_IPC_F_NOTIFICATION;
	ASSERT_ERR(rec_try(33), SCT_IPC_E_REC_PAYLOAD_LEN);

	r.type = SCT_IPC_REC_ACCEPTABLE; /* no address but on DATA */
	r.has_addr = true;
	r.addr = v4(192, 0, 2, 1, 1);
	ASSERT_ERR(sct_ipc_rec_encode(&r, buf, sizeof(buf)), SCT_IPC_E_INVALID);
	buf[0] = SCT_IPC_VERSION;
	buf[1] = SCT_IPC_REC_ACCEPTABLE;
	buf[2] = 0;
	buf[24] = 24;
	put32(buf + 28, 0);
	sct_ipc_addr_encode(&r.addr, buf + 32, 24);
	ASSERT_ERR(rec_try(56), SCT_IPC_E_ADDR_LEN);
}

static void ipc_rec_encode_refuses(void)
{
	struct sct_ipc_rec r = rec_data();

	ASSERT_ERR(sct_ipc_rec_encode(&r, buf, 42), SCT_IPC_E_NOSPACE);
	ASSERT_ERR(sct_ipc_rec_encode_hdr(&r, buf, 31), SCT_IPC_E_NOSPACE);
	r.type = 9;
	ASSERT_ERR(sct_ipc_rec_encode(&r, buf, sizeof(buf)), SCT_IPC_E_INVALID);
	r = rec_data();
	r.payload_len = SCT_IPC_MAX_PAYLOAD + 1;
	ASSERT_ERR(sct_ipc_rec_encode_hdr(&r, buf, sizeof(buf)), SCT_IPC_E_INVALID);
	r = rec_data();
	r.payload = NULL;
	ASSERT_ERR(sct_ipc_rec_encode(&r, buf, sizeof(buf)), SCT_IPC_E_INVALID);
}

/* ---------------------------------------------------------------- notifications */

static void notif_roundtrip(const struct sct_ipc_notif *n)
{
	static struct sct_ipc_notif d;
	static uint8_t again[8192];
	int len, m;

	len = sct_ipc_notif_encode(n, buf, sizeof(buf));
	CU_ASSERT_TRUE_FATAL(len >= SCT_IPC_NOTIF_HDR_LEN);
	ASSERT_ERR(sct_ipc_notif_decode(buf, (size_t)len, &d), 0);
	CU_ASSERT_TRUE(sct_ipc_notif_eq(n, &d));
	m = sct_ipc_notif_encode(&d, again, sizeof(again));
	CU_ASSERT_EQUAL_FATAL(m, len);
	SCT_ASSERT_BYTES(again, buf, (size_t)len);
}

static void rfc6458_6_1_1_assoc_change_roundtrip(void)
{
	static struct sct_ipc_notif n;
	const uint8_t features[] = {0x80, 0xc1}; /* SCTP_ASSOC_SUPPORTS_PR, _AUTH */
	uint8_t want[64];
	size_t wn;

	memset(&n, 0, sizeof(n));
	n.type = SCT_IPC_N_ASSOC_CHANGE;
	n.u.assoc_change.state = SCT_IPC_COMM_UP;
	n.u.assoc_change.os = 10;
	n.u.assoc_change.is = 65535;
	n.u.assoc_change.info = features;
	n.u.assoc_change.info_len = sizeof(features);
	notif_roundtrip(&n);
	wn = sct_test_unhex("0100 0000 0a000000 0100 0000 0a00 ffff 80c1", want, sizeof(want));
	CU_ASSERT_EQUAL(sct_ipc_notif_encode(&n, buf, sizeof(buf)), (int)wn);
	SCT_ASSERT_BYTES(buf, want, wn);
	n.u.assoc_change.state = SCT_IPC_CANT_STR_ASSOC;
	n.u.assoc_change.error = 1;
	n.u.assoc_change.info_len = 0;
	notif_roundtrip(&n);
}

static void rfc6458_6_1_2_peer_addr_change_roundtrip(void)
{
	static struct sct_ipc_notif n;

	memset(&n, 0, sizeof(n));
	n.type = SCT_IPC_N_PEER_ADDR_CHANGE;
	n.u.paddr_change.addr = v6_linklocal(5000, 4);
	n.u.paddr_change.state = SCT_IPC_ADDR_POTENTIALLY_FAILED;
	n.u.paddr_change.error = 110;
	notif_roundtrip(&n);
	n.u.paddr_change.addr = v4(10, 0, 0, 1, 5000);
	n.u.paddr_change.state = SCT_IPC_ADDR_AVAILABLE;
	notif_roundtrip(&n);
}

static void rfc6458_6_1_3_remote_error_roundtrip(void)
{
	static struct sct_ipc_notif n;
	const uint8_t cause[] = {0x00, 0x01, 0x00, 0x08, 0x00, 0x05, 0x00, 0x00};

	memset(&n, 0, sizeof(n));
	n.type = SCT_IPC_N_REMOTE_ERROR;
	n.u.remote_error.error = 1; /* Invalid Stream Identifier */
	n.u.remote_error.data = cause;
	n.u.remote_error.data_len = sizeof(cause);
	notif_roundtrip(&n);
}

static void rfc6458_6_1_11_send_failed_event_roundtrip(void)
{
	static struct sct_ipc_notif n;

	memset(&n, 0, sizeof(n));
	n.type = SCT_IPC_N_SEND_FAILED_EVENT;
	n.u.send_failed.flags = SCT_IPC_DATA_UNSENT;
	n.u.send_failed.error = 32;
	n.u.send_failed.sid = 2;
	n.u.send_failed.snd_flags = SCT_IPC_F_UNORDERED;
	n.u.send_failed.ppid = 0x12345678;
	n.u.send_failed.context = 99;
	n.u.send_failed.length = 1400;
	notif_roundtrip(&n);
	n.u.send_failed.flags = SCT_IPC_DATA_SENT;
	notif_roundtrip(&n);
}

static void rfc6458_6_1_5_to_9_small_events_roundtrip(void)
{
	static struct sct_ipc_notif n;

	memset(&n, 0, sizeof(n));
	n.type = SCT_IPC_N_SHUTDOWN_EVENT; /* 6.1.5 */
	notif_roundtrip(&n);
	n.type = SCT_IPC_N_SENDER_DRY_EVENT; /* 6.1.9 */
	notif_roundtrip(&n);
	n.type = SCT_IPC_N_ADAPTATION_INDICATION; /* 6.1.6 */
	n.u.adaptation.indication = 0xc0ffee;
	notif_roundtrip(&n);
	memset(&n, 0, sizeof(n));
	n.type = SCT_IPC_N_PARTIAL_DELIVERY_EVENT; /* 6.1.7 */
	n.u.pdapi.indication = SCT_IPC_PARTIAL_DELIVERY_ABORTED;
	n.u.pdapi.stream = 7;
	n.u.pdapi.seq = 0xabcd;
	notif_roundtrip(&n);
}

static void rfc6525_6_1_1_stream_reset_event_roundtrip(void)
{
	static struct sct_ipc_notif n;
	unsigned i;

	memset(&n, 0, sizeof(n));
	n.type = SCT_IPC_N_STREAM_RESET_EVENT;
	n.u.stream_reset.flags = SCT_IPC_STREAM_RESET_OUTGOING | SCT_IPC_STREAM_RESET_DENIED;
	notif_roundtrip(&n); /* no list: every stream */
	n.u.stream_reset.count = SCT_IPC_NOTIF_MAX_STREAMS;
	for (i = 0; i < SCT_IPC_NOTIF_MAX_STREAMS; i++)
		n.u.stream_reset.streams[i] = (uint16_t)(i * 64);
	notif_roundtrip(&n);
}

static int notif_try(size_t len)
{
	static struct sct_ipc_notif d;

	return sct_ipc_notif_decode(buf, len, &d);
}

static void rfc6458_6_1_notification_malformed(void)
{
	static struct sct_ipc_notif n;
	int len;

	memset(&n, 0, sizeof(n));
	n.type = SCT_IPC_N_PARTIAL_DELIVERY_EVENT;
	n.u.pdapi.indication = SCT_IPC_PARTIAL_DELIVERY_ABORTED;
	len = sct_ipc_notif_encode(&n, buf, sizeof(buf));
	CU_ASSERT_EQUAL_FATAL(len, 20);
	ASSERT_ERR(notif_try(7), SCT_IPC_E_TRUNCATED);
	ASSERT_ERR(notif_try(19), SCT_IPC_E_TRUNCATED);
	ASSERT_ERR(notif_try(21), SCT_IPC_E_TRAILING);
	buf[2] = 1;
	ASSERT_ERR(notif_try(20), SCT_IPC_E_RESERVED);
	buf[2] = 0;
	buf[14] = 1; /* reserved after pdapi_stream */
	ASSERT_ERR(notif_try(20), SCT_IPC_E_RESERVED);
	buf[14] = 0;
	buf[8] = 2; /* pdapi_indication */
	ASSERT_ERR(notif_try(20), SCT_IPC_E_NOTIF_VALUE);
	buf[8] = 1;
	buf[0] = 0;
	ASSERT_ERR(notif_try(20), SCT_IPC_E_NOTIF_TYPE);
	buf[0] = 10;
	ASSERT_ERR(notif_try(20), SCT_IPC_E_NOTIF_TYPE);
	buf[0] = SCT_IPC_N_SHUTDOWN_EVENT; /* takes no value */
	ASSERT_ERR(notif_try(20), SCT_IPC_E_NOTIF_LEN);
	buf[0] = SCT_IPC_N_SEND_FAILED_EVENT; /* takes 24 bytes */
	ASSERT_ERR(notif_try(20), SCT_IPC_E_NOTIF_LEN);

	memset(&n, 0, sizeof(n));
	n.type = SCT_IPC_N_ASSOC_CHANGE;
	n.u.assoc_change.state = SCT_IPC_COMM_LOST;
	len = sct_ipc_notif_encode(&n, buf, sizeof(buf));
	buf[8] = 0; /* sac_state */
	ASSERT_ERR(notif_try((size_t)len), SCT_IPC_E_NOTIF_VALUE);
	buf[8] = 6;
	ASSERT_ERR(notif_try((size_t)len), SCT_IPC_E_NOTIF_VALUE);
	buf[4] = 6; /* value shorter than the fixed fields */
	ASSERT_ERR(notif_try(14), SCT_IPC_E_NOTIF_LEN);
	n.u.assoc_change.info = buf; /* bytes above the limit */
	n.u.assoc_change.info_len = SCT_IPC_NOTIF_MAX_BYTES + 1;
	ASSERT_ERR(sct_ipc_notif_encode(&n, buf + 8192, 16384), SCT_IPC_E_INVALID);
	memset(buf, 0, 8 + 8 + SCT_IPC_NOTIF_MAX_BYTES + 1);
	buf[0] = SCT_IPC_N_ASSOC_CHANGE;
	put32(buf + 4, 8 + SCT_IPC_NOTIF_MAX_BYTES + 1);
	buf[8] = SCT_IPC_COMM_UP;
	ASSERT_ERR(notif_try(16 + SCT_IPC_NOTIF_MAX_BYTES + 1), SCT_IPC_E_NOTIF_LEN);

	memset(&n, 0, sizeof(n));
	n.type = SCT_IPC_N_PEER_ADDR_CHANGE;
	n.u.paddr_change.addr = v4(10, 0, 0, 1, 1);
	n.u.paddr_change.state = SCT_IPC_ADDR_MADE_PRIM;
	len = sct_ipc_notif_encode(&n, buf, sizeof(buf));
	buf[32] = 8; /* spc_state */
	ASSERT_ERR(notif_try((size_t)len), SCT_IPC_E_NOTIF_VALUE);
	buf[32] = SCT_IPC_ADDR_MADE_PRIM;
	buf[8] = 10; /* the address family */
	ASSERT_ERR(notif_try((size_t)len), SCT_IPC_E_ADDR_FAMILY);

	memset(&n, 0, sizeof(n));
	n.type = SCT_IPC_N_SEND_FAILED_EVENT;
	n.u.send_failed.flags = SCT_IPC_DATA_UNSENT | SCT_IPC_DATA_SENT;
	ASSERT_ERR(sct_ipc_notif_encode(&n, buf, sizeof(buf)), SCT_IPC_E_INVALID);
	n.u.send_failed.flags = SCT_IPC_DATA_SENT;
	len = sct_ipc_notif_encode(&n, buf, sizeof(buf));
	buf[8] = 3;
	ASSERT_ERR(notif_try((size_t)len), SCT_IPC_E_NOTIF_VALUE);
	buf[8] = 2;
	buf[18] = SCT_IPC_F_NOTIFICATION; /* not a send flag */
	ASSERT_ERR(notif_try((size_t)len), SCT_IPC_E_NOTIF_VALUE);

	memset(&n, 0, sizeof(n));
	n.type = SCT_IPC_N_STREAM_RESET_EVENT;
	n.u.stream_reset.count = 2;
	len = sct_ipc_notif_encode(&n, buf, sizeof(buf));
	CU_ASSERT_EQUAL_FATAL(len, 16);
	buf[8] = 0x10; /* strreset_flags */
	ASSERT_ERR(notif_try(16), SCT_IPC_E_NOTIF_VALUE);
	buf[8] = 0;
	buf[10] = 3; /* count says 3 streams, value holds 2 */
	ASSERT_ERR(notif_try(16), SCT_IPC_E_NOTIF_LEN);
	buf[10] = 0x01;
	buf[11] = 0x04; /* 1025 streams */
	ASSERT_ERR(notif_try(16), SCT_IPC_E_NOTIF_COUNT);
	n.u.stream_reset.count = SCT_IPC_NOTIF_MAX_STREAMS + 1;
	ASSERT_ERR(sct_ipc_notif_encode(&n, buf, sizeof(buf)), SCT_IPC_E_INVALID);
	n.u.stream_reset.count = 2;
	ASSERT_ERR(sct_ipc_notif_encode(&n, buf, 15), SCT_IPC_E_NOSPACE);
}

/* ---------------------------------------------------------------- control */

static const uint8_t optval_nodelay[] = {1, 0, 0, 0};

static void set_addrs(struct sct_ipc_ctl *m, size_t n)
{
	size_t i;

	m->present |= SCT_IPC_BIT(SCT_IPC_A_ADDR);
	m->naddrs = n;
	for (i = 0; i < n; i++)
		m->addrs[i] = i % 2 ? v6_linklocal((uint16_t)(5000 + i), 2)
				    : v4(192, 0, 2, (uint8_t)(i + 1), 5000);
}

/* A valid request for @op with every argument it may take. */
static void make_req(struct sct_ipc_ctl *m, uint16_t op)
{
	memset(m, 0, sizeof(*m));
	m->version = op == SCT_IPC_OP_HELLO ? SCT_IPC_HELLO_VERSION : SCT_IPC_VERSION;
	m->kind = SCT_IPC_REQUEST;
	m->opcode = op;
	m->id = 0x01020304u + op;
	switch (op) {
	case SCT_IPC_OP_HELLO:
		m->present =
		    SCT_IPC_BIT(SCT_IPC_A_VERSION_MIN) | SCT_IPC_BIT(SCT_IPC_A_VERSION_MAX);
		m->version_min = 1;
		m->version_max = 3;
		break;
	case SCT_IPC_OP_SOCKET:
		m->present = SCT_IPC_BIT(SCT_IPC_A_FAMILY) | SCT_IPC_BIT(SCT_IPC_A_SOCKTYPE) |
			     SCT_IPC_BIT(SCT_IPC_A_PROTOCOL) | SCT_IPC_BIT(SCT_IPC_A_SOCKFLAGS);
		m->family = SCT_IPC_AF_INET6;
		m->socktype = SCT_IPC_SOCK_SEQPACKET;
		m->protocol = 132;
		m->sockflags = SCT_IPC_SOCK_NONBLOCK | SCT_IPC_SOCK_CLOEXEC;
		break;
	case SCT_IPC_OP_ADOPT:
		m->nfds = 1;
		break;
	case SCT_IPC_OP_BIND:
	case SCT_IPC_OP_CONNECT:
		set_addrs(m, 1);
		break;
	case SCT_IPC_OP_BINDX_ADD:
	case SCT_IPC_OP_BINDX_REM:
		set_addrs(m, SCT_IPC_MAX_ADDRS);
		break;
	case SCT_IPC_OP_CONNECTX:
		set_addrs(m, 3);
		m->present |= SCT_IPC_BIT(SCT_IPC_A_PORT);
		m->port = 9899;
		break;
	case SCT_IPC_OP_LISTEN:
		m->present = SCT_IPC_BIT(SCT_IPC_A_BACKLOG);
		m->backlog = 0x7fffffff; /* iperf3's listen(INT_MAX) */
		break;
	case SCT_IPC_OP_SHUTDOWN:
		m->present = SCT_IPC_BIT(SCT_IPC_A_HOW) | SCT_IPC_BIT(SCT_IPC_A_ASSOC_ID);
		m->how = SCT_IPC_SHUT_WR;
		m->assoc_id = 3;
		break;
	case SCT_IPC_OP_SETSOCKOPT:
	case SCT_IPC_OP_GETSOCKOPT:
		m->present = SCT_IPC_BIT(SCT_IPC_A_LEVEL) | SCT_IPC_BIT(SCT_IPC_A_OPTNAME) |
			     SCT_IPC_BIT(SCT_IPC_A_OPTVAL) | SCT_IPC_BIT(SCT_IPC_A_ASSOC_ID);
		m->level = SCT_IPC_SOL_SCTP;
		m->optname = SCT_IPC_SCTP_NODELAY;
		m->optval = optval_nodelay;
		m->optval_len = sizeof(optval_nodelay);
		m->assoc_id = 0;
		break;
	case SCT_IPC_OP_PEELOFF:
	case SCT_IPC_OP_GETSOCKNAME:
	case SCT_IPC_OP_GETPEERNAME:
	case SCT_IPC_OP_GETPADDRS:
	case SCT_IPC_OP_GETLADDRS:
	case SCT_IPC_OP_STATUS:
		m->present = SCT_IPC_BIT(SCT_IPC_A_ASSOC_ID);
		m->assoc_id = 42;
		break;
	case SCT_IPC_OP_ADMIN: {
		static const uint8_t cmd[] = "assocs port 3868 -j";

		m->present = SCT_IPC_BIT(SCT_IPC_A_MESSAGE);
		m->message = cmd;
		m->message_len = sizeof(cmd) - 1;
		break;
	}
	default: /* ACCEPT, CLOSE: no arguments */
		break;
	}
}

static void make_status(struct sct_ipc_ctl *m)
{
	unsigned a;

	for (a = SCT_IPC_A_ST_STATE; a <= SCT_IPC_A_ST_CUM_TSN; a++)
		m->present |= SCT_IPC_BIT(a);
	m->present |= SCT_IPC_BIT(SCT_IPC_A_ASSOC_ID);
	m->assoc_id = 42;
	m->st.state = SCT_IPC_STATE_ESTABLISHED;
	m->st.lport = 5000;
	m->st.pport = 5001;
	m->st.my_vtag = 0xa1b2c3d4;
	m->st.peer_vtag = 0x01020304;
	m->st.os = 10;
	m->st.is = 11;
	m->st.peer_rwnd = 106496;
	m->st.primary = v4(192, 0, 2, 2, 5001);
	m->st.n_paths = 2;
	m->st.rto_ms = 3000;
	m->st.srtt_ms = 12;
	m->st.cwnd = 4380;
	m->st.ssthresh = 0xffffffff;
	m->st.flight = 1200;
	m->st.init_rtx = 1;
	m->st.unacked = 3;
	m->st.pending = 800;
	m->st.rwnd = 65536;
	m->st.cum_tsn = 0x10000;
}

/* A successful response to @op with every result it may carry. */
static void make_rsp(struct sct_ipc_ctl *m, uint16_t op)
{
	static const uint8_t msg[] = "no such association";

	memset(m, 0, sizeof(*m));
	m->version = op == SCT_IPC_OP_HELLO ? SCT_IPC_HELLO_VERSION : SCT_IPC_VERSION;
	m->kind = SCT_IPC_RESPONSE;
	m->opcode = op;
	m->id = 0x01020304u + op;
	switch (op) {
	case SCT_IPC_OP_HELLO:
		m->present = SCT_IPC_BIT(SCT_IPC_A_VERSION);
		m->version_picked = 1;
		break;
	case SCT_IPC_OP_SOCKET:
	case SCT_IPC_OP_PEELOFF:
	case SCT_IPC_OP_ADMIN: /* the answer's memfd */
		m->nfds = 1;
		break;
	case SCT_IPC_OP_ADOPT:
		m->present = SCT_IPC_BIT(SCT_IPC_A_FAMILY) | SCT_IPC_BIT(SCT_IPC_A_SOCKTYPE) |
			     SCT_IPC_BIT(SCT_IPC_A_PROTOCOL) | SCT_IPC_BIT(SCT_IPC_A_ASSOC_ID);
		m->family = SCT_IPC_AF_INET;
		m->socktype = SCT_IPC_SOCK_STREAM;
		m->protocol = 132;
		m->assoc_id = 5;
		break;
	case SCT_IPC_OP_CONNECT:
	case SCT_IPC_OP_CONNECTX:
		m->present = SCT_IPC_BIT(SCT_IPC_A_ASSOC_ID);
		m->assoc_id = 77;
		break;
	case SCT_IPC_OP_ACCEPT:
		m->nfds = 1;
		m->present = SCT_IPC_BIT(SCT_IPC_A_ASSOC_ID);
		m->assoc_id = 78;
		set_addrs(m, 2);
		break;
	case SCT_IPC_OP_GETSOCKNAME:
	case SCT_IPC_OP_GETPEERNAME:
		set_addrs(m, 1);
		break;
	case SCT_IPC_OP_GETPADDRS:
	case SCT_IPC_OP_GETLADDRS:
		set_addrs(m, SCT_IPC_MAX_ADDRS);
		break;
	case SCT_IPC_OP_GETSOCKOPT:
		m->present = SCT_IPC_BIT(SCT_IPC_A_OPTVAL);
		m->optval = optval_nodelay;
		m->optval_len = sizeof(optval_nodelay);
		break;
	case SCT_IPC_OP_STATUS:
		make_status(m);
		break;
	case SCT_IPC_OP_ERROR:
		m->status = EPROTO;
		m->present = SCT_IPC_BIT(SCT_IPC_A_MESSAGE);
		m->message = msg;
		m->message_len = sizeof(msg) - 1;
		break;
	default:
		break;
	}
}

static uint8_t cbuf[SCT_IPC_CTL_MAX], cbuf2[SCT_IPC_CTL_MAX];
static struct sct_ipc_ctl cm, cd;

static void ctl_roundtrip(const struct sct_ipc_ctl *m)
{
	int n, n2;

	n = sct_ipc_ctl_encode(m, cbuf, sizeof(cbuf));
	if (n < 0)
		fprintf(stderr, "\n%s %s: %s\n", sct_ipc_op_name(m->opcode),
			m->kind == SCT_IPC_REQUEST ? "request" : "response", sct_ipc_errname(n));
	CU_ASSERT_TRUE_FATAL(n >= SCT_IPC_CTL_HDR_LEN);
	ASSERT_ERR(sct_ipc_ctl_decode(cbuf, (size_t)n, m->nfds, &cd), 0);
	CU_ASSERT_TRUE(sct_ipc_ctl_eq(m, &cd));
	n2 = sct_ipc_ctl_encode(&cd, cbuf2, sizeof(cbuf2));
	CU_ASSERT_EQUAL_FATAL(n2, n);
	SCT_ASSERT_BYTES(cbuf2, cbuf, (size_t)n);
}

static void ipc_ctl_roundtrip_every_opcode(void)
{
	uint16_t op;

	for (op = 1; op < SCT_IPC_OP__COUNT; op++) {
		if (op != SCT_IPC_OP_ERROR) {
			make_req(&cm, op);
			ctl_roundtrip(&cm);
		}
		make_rsp(&cm, op);
		ctl_roundtrip(&cm);
		/* every failure: an errno, no results needed, no fd */
		memset(&cm, 0, sizeof(cm));
		cm.version = op == SCT_IPC_OP_HELLO ? SCT_IPC_HELLO_VERSION : SCT_IPC_VERSION;
		cm.kind = SCT_IPC_RESPONSE;
		cm.opcode = op;
		cm.status = EINVAL;
		ctl_roundtrip(&cm);
	}
}

static void ipc_ctl_layout_hello(void)
{
	uint8_t want[64];
	size_t wn;

	make_req(&cm, SCT_IPC_OP_HELLO);
	wn = sct_test_unhex("01 01 0100 05030201 00000000 00 00 0000"
			    "0100 0200 0100 0200 0200 0300",
			    want, sizeof(want));
	CU_ASSERT_EQUAL(sct_ipc_ctl_encode(&cm, cbuf, sizeof(cbuf)), (int)wn);
	SCT_ASSERT_BYTES(cbuf, want, wn);
}

static void ipc_ctl_connect_einprogress_keeps_assoc_id(void)
{
	memset(&cm, 0, sizeof(cm));
	cm.version = SCT_IPC_VERSION;
	cm.kind = SCT_IPC_RESPONSE;
	cm.opcode = SCT_IPC_OP_CONNECT;
	cm.status = EINPROGRESS;
	cm.present = SCT_IPC_BIT(SCT_IPC_A_ASSOC_ID);
	cm.assoc_id = 12;
	ctl_roundtrip(&cm);
	CU_ASSERT_EQUAL(cd.assoc_id, 12);
	CU_ASSERT_EQUAL(cd.status, EINPROGRESS);
}

static void ipc_ctl_tlvs_in_any_order(void)
{
	uint8_t msg[64];
	size_t n;

	/* LEVEL after OPTVAL and OPTNAME: accepted; re-encoded in type order. */
	n = sct_test_unhex("01 01 0f00 01000000 00000000 00 00 0000"
			   "0f00 0100 01  0e00 0200 0400  0d00 0200 0300",
			   msg, sizeof(msg));
	ASSERT_ERR(sct_ipc_ctl_decode(msg, n, 0, &cm), 0);
	CU_ASSERT_EQUAL(cm.opcode, SCT_IPC_OP_SETSOCKOPT);
	CU_ASSERT_EQUAL(cm.level, SCT_IPC_SOL_SCTP);
	CU_ASSERT_EQUAL(cm.optname, SCT_IPC_SCTP_NODELAY);
	CU_ASSERT_EQUAL(cm.optval_len, 1);
	CU_ASSERT_EQUAL(sct_ipc_ctl_encode(&cm, cbuf, sizeof(cbuf)), (int)n);
}

static int ctl_try(size_t n, unsigned nfds)
{
	return sct_ipc_ctl_decode(cbuf, n, nfds, &cd);
}

static size_t ctl_enc(const struct sct_ipc_ctl *m)
{
	int n = sct_ipc_ctl_encode(m, cbuf, sizeof(cbuf));

	CU_ASSERT_TRUE_FATAL(n > 0);
	return (size_t)n;
}

/* Append one raw TLV to cbuf at @n. */
static size_t add_tlv(size_t n, uint16_t type, uint16_t len, uint8_t fill)
{
	cbuf[n] = (uint8_t)type;
	cbuf[n + 1] = (uint8_t)(type >> 8);
	cbuf[n + 2] = (uint8_t)len;
	cbuf[n + 3] = (uint8_t)(len >> 8);
	memset(cbuf + n + 4, fill, len);
	return n + 4 + len;
}

static void ipc_ctl_malformed_header(void)
{
	size_t n;

	make_req(&cm, SCT_IPC_OP_LISTEN);
	n = ctl_enc(&cm);
	ASSERT_ERR(ctl_try(15, 0), SCT_IPC_E_TRUNCATED);
	cbuf[0] = 0;
	ASSERT_ERR(ctl_try(n, 0), SCT_IPC_E_VERSION);
	cbuf[0] = SCT_IPC_VERSION_MAX + 1;
	ASSERT_ERR(ctl_try(n, 0), SCT_IPC_E_VERSION);
	cbuf[0] = SCT_IPC_VERSION;
	cbuf[1] = 0;
	ASSERT_ERR(ctl_try(n, 0), SCT_IPC_E_CTL_KIND);
	cbuf[1] = 3;
	ASSERT_ERR(ctl_try(n, 0), SCT_IPC_E_CTL_KIND);
	cbuf[1] = SCT_IPC_REQUEST;
	cbuf[2] = 0;
	ASSERT_ERR(ctl_try(n, 0), SCT_IPC_E_CTL_OPCODE);
	cbuf[2] = SCT_IPC_OP__COUNT;
	ASSERT_ERR(ctl_try(n, 0), SCT_IPC_E_CTL_OPCODE);
	cbuf[2] = SCT_IPC_OP_ERROR; /* ERROR is a response only */
	ASSERT_ERR(ctl_try(n, 0), SCT_IPC_E_CTL_KIND);
	cbuf[2] = SCT_IPC_OP_LISTEN;
	cbuf[8] = 1; /* status in a request */
	ASSERT_ERR(ctl_try(n, 0), SCT_IPC_E_CTL_STATUS);
	cbuf[8] = 0;
	cbuf[13] = 1;
	ASSERT_ERR(ctl_try(n, 0), SCT_IPC_E_RESERVED);
	cbuf[13] = 0;
	cbuf[15] = 1;
	ASSERT_ERR(ctl_try(n, 0), SCT_IPC_E_RESERVED);
	cbuf[15] = 0;
	ASSERT_ERR(ctl_try(n, 0), 0);

	make_rsp(&cm, SCT_IPC_OP_LISTEN);
	n = ctl_enc(&cm);
	put32(cbuf + 8, SCT_IPC_MAX_STATUS + 1);
	ASSERT_ERR(ctl_try(n, 0), SCT_IPC_E_CTL_STATUS);
	put32(cbuf + 8, 0);
	cbuf[2] = SCT_IPC_OP_ERROR; /* an ERROR must carry an errno */
	ASSERT_ERR(ctl_try(n, 0), SCT_IPC_E_CTL_STATUS);
}

static void ipc_ctl_versioning(void)
{
	size_t n;

	/* HELLO keeps version byte 1 whatever the versions it offers. */
	make_req(&cm, SCT_IPC_OP_HELLO);
	cm.version_min = 1;
	cm.version_max = 200;
	n = ctl_enc(&cm);
	ASSERT_ERR(ctl_try(n, 0), 0);
	cbuf[0] = 2;
	ASSERT_ERR(ctl_try(n, 0), SCT_IPC_E_VERSION);
	cm.version_min = 3; /* an empty range */
	cm.version_max = 2;
	ASSERT_ERR(sct_ipc_ctl_encode(&cm, cbuf, sizeof(cbuf)), SCT_IPC_E_INVALID);
	cm.version_min = 0;
	ASSERT_ERR(sct_ipc_ctl_encode(&cm, cbuf, sizeof(cbuf)), SCT_IPC_E_INVALID);
	make_rsp(&cm, SCT_IPC_OP_HELLO);
	cm.version_picked = 0;
	ASSERT_ERR(sct_ipc_ctl_encode(&cm, cbuf, sizeof(cbuf)), SCT_IPC_E_INVALID);

	/* the pick: the highest version both speak */
	CU_ASSERT_EQUAL(sct_ipc_hello_pick(1, 1, 1, 1), 1);
	CU_ASSERT_EQUAL(sct_ipc_hello_pick(1, 3, 2, 5), 3);
	CU_ASSERT_EQUAL(sct_ipc_hello_pick(2, 5, 1, 3), 3);
	CU_ASSERT_EQUAL(sct_ipc_hello_pick(1, 9, 4, 4), 4);
	ASSERT_ERR(sct_ipc_hello_pick(1, 2, 3, 4), SCT_IPC_E_VERSION); /* client too old */
	ASSERT_ERR(sct_ipc_hello_pick(3, 4, 1, 2), SCT_IPC_E_VERSION); /* server too old */
	ASSERT_ERR(sct_ipc_hello_pick(0, 1, 1, 1), SCT_IPC_E_VERSION);
	ASSERT_ERR(sct_ipc_hello_pick(2, 1, 1, 2), SCT_IPC_E_VERSION);
	/* the client checks the answer against its own range */
	CU_ASSERT_EQUAL(sct_ipc_hello_pick(SCT_IPC_VERSION_MIN, SCT_IPC_VERSION_MAX, 1, 1), 1);
	ASSERT_ERR(sct_ipc_hello_pick(SCT_IPC_VERSION_MIN, SCT_IPC_VERSION_MAX, 7, 7),
		   SCT_IPC_E_VERSION);
}

static void ipc_ctl_malformed_fds(void)
{
	size_t n;

	make_req(&cm, SCT_IPC_OP_ADOPT);
	n = ctl_enc(&cm);
	ASSERT_ERR(ctl_try(n, 1), 0);
	ASSERT_ERR(ctl_try(n, 0), SCT_IPC_E_CTL_FDS); /* header says 1, none came */
	cbuf[12] = 0;
	ASSERT_ERR(ctl_try(n, 0), SCT_IPC_E_CTL_FDS); /* ADOPT without its fd */
	cbuf[12] = 2;
	ASSERT_ERR(ctl_try(n, 2), SCT_IPC_E_CTL_FDS);
	make_req(&cm, SCT_IPC_OP_CLOSE);
	n = ctl_enc(&cm);
	ASSERT_ERR(ctl_try(n, 1), SCT_IPC_E_CTL_FDS); /* an fd nobody expects */
	make_rsp(&cm, SCT_IPC_OP_SOCKET);
	cm.nfds = 0;
	ASSERT_ERR(sct_ipc_ctl_encode(&cm, cbuf, sizeof(cbuf)), SCT_IPC_E_INVALID);
	cm.status = EMFILE; /* a failed SOCKET has no fd */
	n = ctl_enc(&cm);
	ASSERT_ERR(ctl_try(n, 0), 0);
	cm.nfds = 1;
	ASSERT_ERR(sct_ipc_ctl_encode(&cm, cbuf, sizeof(cbuf)), SCT_IPC_E_INVALID);
}

static void ipc_ctl_malformed_tlvs(void)
{
	size_t n, base;

	make_req(&cm, SCT_IPC_OP_LISTEN);
	base = ctl_enc(&cm);				       /* header + BACKLOG */
	ASSERT_ERR(ctl_try(base - 1, 0), SCT_IPC_E_TRUNCATED); /* value cut */
	ASSERT_ERR(ctl_try(base + 2, 0), SCT_IPC_E_TRUNCATED); /* TLV header cut */
	n = add_tlv(base, SCT_IPC_A_BACKLOG, 4, 0);
	ASSERT_ERR(ctl_try(n, 0), SCT_IPC_E_ATTR_DUP);
	n = add_tlv(base, 0, 0, 0);
	ASSERT_ERR(ctl_try(n, 0), SCT_IPC_E_ATTR_TYPE);
	n = add_tlv(base, SCT_IPC_A__COUNT, 0, 0);
	ASSERT_ERR(ctl_try(n, 0), SCT_IPC_E_ATTR_TYPE);
	n = add_tlv(base, SCT_IPC_A_HOW, 4, 0); /* a u16 given 4 bytes */
	ASSERT_ERR(ctl_try(n, 0), SCT_IPC_E_ATTR_LEN);
	n = add_tlv(base, SCT_IPC_A_HOW, 2, 1); /* LISTEN takes no HOW */
	ASSERT_ERR(ctl_try(n, 0), SCT_IPC_E_ATTR_UNEXPECTED);
	ASSERT_ERR(ctl_try(SCT_IPC_CTL_HDR_LEN, 0), SCT_IPC_E_ATTR_MISSING);
	n = add_tlv(base, SCT_IPC_A_ADDR, 23, 0);
	ASSERT_ERR(ctl_try(n, 0), SCT_IPC_E_ATTR_LEN);

	/* a GETSOCKOPT without a value, turned into a SETSOCKOPT (which needs one) */
	make_req(&cm, SCT_IPC_OP_GETSOCKOPT);
	cm.present &= ~SCT_IPC_BIT(SCT_IPC_A_OPTVAL);
	cm.optval_len = 0;
	base = ctl_enc(&cm);
	cbuf[2] = SCT_IPC_OP_SETSOCKOPT;
	ASSERT_ERR(ctl_try(base, 0), SCT_IPC_E_ATTR_MISSING);
	n = add_tlv(base, SCT_IPC_A_OPTVAL, SCT_IPC_MAX_OPTVAL, 0);
	ASSERT_ERR(ctl_try(n, 0), 0);
	n = add_tlv(base, SCT_IPC_A_OPTVAL, SCT_IPC_MAX_OPTVAL + 1, 0);
	ASSERT_ERR(ctl_try(n, 0), SCT_IPC_E_ATTR_LEN);
	n = add_tlv(base, SCT_IPC_A_OPTVAL, 0, 0); /* empty values are legal */
	ASSERT_ERR(ctl_try(n, 0), 0);
}

static void ipc_ctl_malformed_addresses(void)
{
	size_t n;

	make_req(&cm, SCT_IPC_OP_CONNECT);
	n = ctl_enc(&cm);
	ASSERT_ERR(ctl_try(n, 0), 0);
	memcpy(cbuf + n, cbuf + SCT_IPC_CTL_HDR_LEN, 28); /* a second address */
	ASSERT_ERR(ctl_try(n + 28, 0), SCT_IPC_E_ATTR_COUNT);
	cbuf[SCT_IPC_CTL_HDR_LEN + 4] = 10; /* host AF_INET6 */
	ASSERT_ERR(ctl_try(n, 0), SCT_IPC_E_ADDR_FAMILY);
	cbuf[SCT_IPC_CTL_HDR_LEN + 4] = 4;
	cbuf[SCT_IPC_CTL_HDR_LEN + 4 + 20] = 1;
	ASSERT_ERR(ctl_try(n, 0), SCT_IPC_E_ADDR_V4_EXTRA);

	make_req(&cm, SCT_IPC_OP_BINDX_ADD); /* the limit */
	n = ctl_enc(&cm);
	ASSERT_ERR(ctl_try(n, 0), 0);
	memcpy(cbuf + n, cbuf + SCT_IPC_CTL_HDR_LEN, 28);
	ASSERT_ERR(ctl_try(n + 28, 0), SCT_IPC_E_ATTR_COUNT);
	cm.naddrs = SCT_IPC_MAX_ADDRS + 1;
	ASSERT_ERR(sct_ipc_ctl_encode(&cm, cbuf, sizeof(cbuf)), SCT_IPC_E_INVALID);
	make_req(&cm, SCT_IPC_OP_BIND);
	cm.naddrs = 0; /* present bit without addresses */
	ASSERT_ERR(sct_ipc_ctl_encode(&cm, cbuf, sizeof(cbuf)), SCT_IPC_E_INVALID);
	cm.present = 0;
	ASSERT_ERR(sct_ipc_ctl_encode(&cm, cbuf, sizeof(cbuf)), SCT_IPC_E_INVALID);
	cm.naddrs = 1; /* addresses without the present bit */
	ASSERT_ERR(sct_ipc_ctl_encode(&cm, cbuf, sizeof(cbuf)), SCT_IPC_E_INVALID);
}

static void ipc_ctl_malformed_values(void)
{
	size_t n;

	make_req(&cm, SCT_IPC_OP_SOCKET);
	n = ctl_enc(&cm);
	ASSERT_ERR(ctl_try(n, 0), 0);
	/* FAMILY is the first TLV: value at 16 + 4 */
	cbuf[20] = 10;
	ASSERT_ERR(ctl_try(n, 0), SCT_IPC_E_ATTR_VALUE);
	cbuf[20] = SCT_IPC_AF_INET;
	cbuf[26] = 3; /* SOCKTYPE */
	ASSERT_ERR(ctl_try(n, 0), SCT_IPC_E_ATTR_VALUE);
	cbuf[26] = SCT_IPC_SOCK_STREAM;
	cbuf[32] = 6; /* PROTOCOL: TCP */
	ASSERT_ERR(ctl_try(n, 0), SCT_IPC_E_ATTR_VALUE);
	cbuf[32] = 0;
	cbuf[40] = 4; /* SOCKFLAGS */
	ASSERT_ERR(ctl_try(n, 0), SCT_IPC_E_ATTR_VALUE);

	make_req(&cm, SCT_IPC_OP_SHUTDOWN);
	cm.how = 0;
	ASSERT_ERR(sct_ipc_ctl_encode(&cm, cbuf, sizeof(cbuf)), SCT_IPC_E_INVALID);
	cm.how = 4;
	ASSERT_ERR(sct_ipc_ctl_encode(&cm, cbuf, sizeof(cbuf)), SCT_IPC_E_INVALID);

	make_req(&cm, SCT_IPC_OP_GETSOCKOPT);
	cm.level = SCT_IPC_SOL_IPV6;
	cm.optname = SCT_IPC_IPV6_V6ONLY;
	n = ctl_enc(&cm);
	ASSERT_ERR(ctl_try(n, 0), 0);
	cm.optname = 2;
	ASSERT_ERR(sct_ipc_ctl_encode(&cm, cbuf, sizeof(cbuf)), SCT_IPC_E_INVALID);
	cm.level = 4;
	cm.optname = 1;
	ASSERT_ERR(sct_ipc_ctl_encode(&cm, cbuf, sizeof(cbuf)), SCT_IPC_E_INVALID);
	cm.level = SCT_IPC_SOL_SCTP;
	cm.optname = SCT_IPC_SCTP__COUNT;
	ASSERT_ERR(sct_ipc_ctl_encode(&cm, cbuf, sizeof(cbuf)), SCT_IPC_E_INVALID);

	make_rsp(&cm, SCT_IPC_OP_STATUS);
	n = ctl_enc(&cm);
	ASSERT_ERR(ctl_try(n, 0), 0);
	cm.st.state = 0;
	ASSERT_ERR(sct_ipc_ctl_encode(&cm, cbuf, sizeof(cbuf)), SCT_IPC_E_INVALID);
	cm.st.state = SCT_IPC_STATE_SHUTDOWN_ACK_SENT + 1;
	ASSERT_ERR(sct_ipc_ctl_encode(&cm, cbuf, sizeof(cbuf)), SCT_IPC_E_INVALID);
	make_rsp(&cm, SCT_IPC_OP_STATUS);
	cm.present &= ~SCT_IPC_BIT(SCT_IPC_A_ST_CWND); /* every field is required */
	ASSERT_ERR(sct_ipc_ctl_encode(&cm, cbuf, sizeof(cbuf)), SCT_IPC_E_INVALID);
	ASSERT_ERR(sct_ipc_ctl_encode(&cm, cbuf, 20), SCT_IPC_E_INVALID);
	make_rsp(&cm, SCT_IPC_OP_STATUS);
	ASSERT_ERR(sct_ipc_ctl_encode(&cm, cbuf, 20), SCT_IPC_E_NOSPACE);
}

static void ipc_ctl_names(void)
{
	CU_ASSERT_STRING_EQUAL(sct_ipc_op_name(SCT_IPC_OP_CONNECTX), "CONNECTX");
	CU_ASSERT_STRING_EQUAL(sct_ipc_op_name(0), "UNKNOWN");
	CU_ASSERT_STRING_EQUAL(sct_ipc_errname(SCT_IPC_E_ATTR_DUP), "ATTR_DUP");
	CU_ASSERT_STRING_EQUAL(sct_ipc_strerror(1), "unknown ipc error");
	CU_ASSERT_STRING_EQUAL(sct_ipc_errname(0), "OK");
	CU_ASSERT_STRING_EQUAL(sct_ipc_errname(-EINVAL), "UNKNOWN");
}

/* ---------------------------------------------------------------- sockets */

static void seqpacket_pair(int sv[2])
{
	CU_ASSERT_EQUAL_FATAL(socketpair(AF_UNIX, SOCK_SEQPACKET, 0, sv), 0);
}

/* True when every write end of the pipe whose read end is @rfd is closed. */
static bool pipe_writers_gone(int rfd)
{
	char c;

	fcntl(rfd, F_SETFL, O_NONBLOCK);
	return read(rfd, &c, 1) == 0;
}

static void ipc_sock_passes_fd(void)
{
	struct sct_ipc_rec r = rec_data();
	int sv[2], p[2], fd = -2;
	uint8_t in[256];
	char c = 0;
	ssize_t n;

	seqpacket_pair(sv);
	CU_ASSERT_EQUAL_FATAL(pipe(p), 0);
	n = sct_ipc_rec_encode(&r, buf, sizeof(buf));
	CU_ASSERT_EQUAL(sct_ipc_send(sv[0], buf, (size_t)n, p[1], 0), n);
	close(p[1]);
	CU_ASSERT_EQUAL(sct_ipc_recv(sv[1], in, sizeof(in), &fd, 0), n);
	SCT_ASSERT_BYTES(in, buf, (size_t)n);
	CU_ASSERT_TRUE_FATAL(fd >= 0);
	CU_ASSERT_TRUE(fcntl(fd, F_GETFD) & FD_CLOEXEC);
	/* the fd works: it is the pipe's write end */
	CU_ASSERT_EQUAL(write(fd, "x", 1), 1);
	CU_ASSERT_EQUAL(read(p[0], &c, 1), 1);
	CU_ASSERT_EQUAL(c, 'x');
	close(fd);
	/* no fd: -1; nothing waiting: -EAGAIN; peer gone: 0 and -EPIPE on send */
	CU_ASSERT_EQUAL(sct_ipc_send(sv[0], buf, (size_t)n, -1, 0), n);
	CU_ASSERT_EQUAL(sct_ipc_recv(sv[1], in, sizeof(in), &fd, 0), n);
	CU_ASSERT_EQUAL(fd, -1);
	CU_ASSERT_EQUAL(sct_ipc_recv(sv[1], in, sizeof(in), &fd, MSG_DONTWAIT), -EAGAIN);
	close(sv[0]);
	CU_ASSERT_EQUAL(sct_ipc_recv(sv[1], in, sizeof(in), &fd, 0), 0);
	CU_ASSERT_EQUAL(sct_ipc_send(sv[1], buf, (size_t)n, -1, 0), -EPIPE); /* no SIGPIPE */
	close(sv[1]);
	close(p[0]);
}

static void ipc_sock_sendv_is_one_record(void)
{
	struct sct_ipc_rec r = rec_data(), d;
	uint8_t hdr[SCT_IPC_REC_HDR_MAX], in[256];
	struct iovec iov[2];
	int sv[2], fd, h;

	seqpacket_pair(sv);
	h = sct_ipc_rec_encode_hdr(&r, hdr, sizeof(hdr));
	iov[0].iov_base = hdr;
	iov[0].iov_len = (size_t)h;
	iov[1].iov_base = (void *)hello_payload;
	iov[1].iov_len = r.payload_len;
	CU_ASSERT_EQUAL(sct_ipc_sendv(sv[0], iov, 2, -1, 0), h + (int)r.payload_len);
	CU_ASSERT_EQUAL(sct_ipc_recv(sv[1], in, sizeof(in), &fd, 0), h + (int)r.payload_len);
	ASSERT_ERR(sct_ipc_rec_decode(in, (size_t)h + r.payload_len, &d), 0);
	CU_ASSERT_TRUE(rec_eq(&r, &d));
	CU_ASSERT_EQUAL(sct_ipc_sendv(sv[0], iov, 17, -1, 0), -EINVAL);
	close(sv[0]);
	close(sv[1]);
}

static void ipc_sock_truncated_message_closes_fd(void)
{
	int sv[2], p[2], fd = 5;
	uint8_t in[16];

	seqpacket_pair(sv);
	CU_ASSERT_EQUAL_FATAL(pipe(p), 0);
	memset(buf, 0xab, 100);
	CU_ASSERT_EQUAL(sct_ipc_send(sv[0], buf, 100, p[1], 0), 100);
	close(p[1]);
	ASSERT_ERR(sct_ipc_recv(sv[1], in, sizeof(in), &fd, 0), SCT_IPC_E_MSG_TRUNC);
	CU_ASSERT_EQUAL(fd, -1);
	CU_ASSERT_TRUE(pipe_writers_gone(p[0])); /* the fd that came was closed */
	/* the stream goes on: the next record arrives whole */
	CU_ASSERT_EQUAL(sct_ipc_send(sv[0], buf, 10, -1, 0), 10);
	CU_ASSERT_EQUAL(sct_ipc_recv(sv[1], in, sizeof(in), &fd, 0), 10);
	close(p[0]);
	close(sv[0]);
	close(sv[1]);
}

/* Send @n copies of @fd in one SCM_RIGHTS message. */
static void send_fds(int sock, int fd, int n)
{
	char cbufm[CMSG_SPACE(32 * sizeof(int))];
	struct iovec iov = {.iov_base = buf, .iov_len = 4};
	struct msghdr msg = {.msg_iov = &iov, .msg_iovlen = 1};
	struct cmsghdr *c;
	int i;

	memset(cbufm, 0, sizeof(cbufm));
	msg.msg_control = cbufm;
	msg.msg_controllen = CMSG_SPACE(n * sizeof(int));
	c = CMSG_FIRSTHDR(&msg);
	c->cmsg_level = SOL_SOCKET;
	c->cmsg_type = SCM_RIGHTS;
	c->cmsg_len = CMSG_LEN(n * sizeof(int));
	for (i = 0; i < n; i++)
		memcpy(CMSG_DATA(c) + i * sizeof(int), &fd, sizeof(int));
	CU_ASSERT_EQUAL(sendmsg(sock, &msg, 0), 4);
}

static void ipc_sock_extra_fds_are_closed(void)
{
	int sv[2], p[2], fd = 5;
	uint8_t in[16];

	seqpacket_pair(sv);
	CU_ASSERT_EQUAL_FATAL(pipe(p), 0);
	send_fds(sv[0], p[1], 2); /* two fds: refused, both closed */
	ASSERT_ERR(sct_ipc_recv(sv[1], in, sizeof(in), &fd, 0), SCT_IPC_E_MSG_FDS);
	CU_ASSERT_EQUAL(fd, -1);
	send_fds(sv[0], p[1], 20); /* more than the control buffer holds */
	close(p[1]);
	ASSERT_ERR(sct_ipc_recv(sv[1], in, sizeof(in), &fd, 0), SCT_IPC_E_MSG_CTRUNC);
	CU_ASSERT_EQUAL(fd, -1);
	CU_ASSERT_TRUE(pipe_writers_gone(p[0]));
	close(p[0]);
	close(sv[0]);
	close(sv[1]);
}

static const struct sct_test addr_tests[] = {
    SCT_TEST(ipc_addr_layout_and_roundtrip),
    SCT_TEST(ipc_addr_malformed),
    SCT_TEST_END,
};

static const struct sct_test rec_tests[] = {
    SCT_TEST(ipc_rec_data_layout),
    SCT_TEST(ipc_rec_roundtrip_every_type),
    SCT_TEST(ipc_rec_malformed_lengths),
    SCT_TEST(ipc_rec_malformed_header),
    SCT_TEST(ipc_rec_malformed_per_type),
    SCT_TEST(ipc_rec_encode_refuses),
    SCT_TEST_END,
};

static const struct sct_test notif_tests[] = {
    SCT_TEST(rfc6458_6_1_1_assoc_change_roundtrip),
    SCT_TEST(rfc6458_6_1_2_peer_addr_change_roundtrip),
    SCT_TEST(rfc6458_6_1_3_remote_error_roundtrip),
    SCT_TEST(rfc6458_6_1_11_send_failed_event_roundtrip),
    SCT_TEST(rfc6458_6_1_5_to_9_small_events_roundtrip),
    SCT_TEST(rfc6525_6_1_1_stream_reset_event_roundtrip),
    SCT_TEST(rfc6458_6_1_notification_malformed),
    SCT_TEST_END,
};

static const struct sct_test ctl_tests[] = {
    SCT_TEST(ipc_ctl_roundtrip_every_opcode),
    SCT_TEST(ipc_ctl_layout_hello),
    SCT_TEST(ipc_ctl_connect_einprogress_keeps_assoc_id),
    SCT_TEST(ipc_ctl_tlvs_in_any_order),
    SCT_TEST(ipc_ctl_malformed_header),
    SCT_TEST(ipc_ctl_versioning),
    SCT_TEST(ipc_ctl_malformed_fds),
    SCT_TEST(ipc_ctl_malformed_tlvs),
    SCT_TEST(ipc_ctl_malformed_addresses),
    SCT_TEST(ipc_ctl_malformed_values),
    SCT_TEST(ipc_ctl_names),
    SCT_TEST_END,
};

static const struct sct_test sock_tests[] = {
    SCT_TEST(ipc_sock_passes_fd),
    SCT_TEST(ipc_sock_sendv_is_one_record),
    SCT_TEST(ipc_sock_truncated_message_closes_fd),
    SCT_TEST(ipc_sock_extra_fds_are_closed),
    SCT_TEST_END,
};

SCT_TEST_MAIN(addr_tests, rec_tests, notif_tests, ctl_tests, sock_tests)
