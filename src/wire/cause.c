/* SPDX-License-Identifier: MIT */
/* cause.c: SCTP error causes (RFC 9260 3.3.10, RFC 5061 4.3, RFC 4895 4.1): parse, emit, equality.
 */
#include "wire/cause.h"

#include <string.h>

#include "wire/wire_err.h"

/*
 * RFC 9260 3.3.10: error causes use the parameter TLV format.
 *
 *      0                   1                   2                   3
 *      0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *     +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *     |          Cause Code           |         Cause Length          |
 *     +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *     /                  Cause-Specific Information                   /
 *     \                                                               \
 *     +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 */
int sct_cause_next(struct sct_tlv_iter *it, struct sct_tlv *tlv)
{
	return sct_tlv_next(it, tlv, SCT_WE_CAUSE_LEN, SCT_WE_CAUSE_PAD);
}

enum kind {
	K_OPAQUE, /* u.bytes: free-form or unknown */
	K_NONE,	  /* Cause Length = 4 */
	K_STREAM, /* u.stream_id + reserved */
	K_MISSING,
	K_U32,	  /* u.staleness_us / u.tsn */
	K_ONETLV, /* u.tlvs: exactly one copied TLV */
	K_TLVS,	  /* u.tlvs: one or more copied parameter TLVs */
	K_CHUNK,  /* u.tlvs: one copied chunk */
	K_ADDRS,  /* u.tlvs: address parameter TLVs */
	K_HMAC,
};

static enum kind kind_of(uint16_t code)
{
	switch (code) {
	case SCT_CAUSE_INVALID_STREAM:
		return K_STREAM;
	case SCT_CAUSE_MISSING_PARAM:
		return K_MISSING;
	case SCT_CAUSE_STALE_COOKIE:
	case SCT_CAUSE_NO_USER_DATA:
		return K_U32;
	case SCT_CAUSE_OUT_OF_RESOURCE:
	case SCT_CAUSE_INVALID_PARAM:
	case SCT_CAUSE_COOKIE_IN_SHUTDOWN:
	case SCT_CAUSE_ILLEGAL_ASCONF_ACK:
		return K_NONE;
	case SCT_CAUSE_UNRESOLVABLE_ADDR:
	case SCT_CAUSE_DEL_LAST_ADDR:
	case SCT_CAUSE_RESOURCE_SHORTAGE:
	case SCT_CAUSE_DEL_SOURCE_ADDR:
	case SCT_CAUSE_NO_AUTHORIZATION:
		return K_ONETLV;
	case SCT_CAUSE_UNRECOGNIZED_PARAMS:
		return K_TLVS;
	case SCT_CAUSE_UNRECOGNIZED_CHUNK:
		return K_CHUNK;
	case SCT_CAUSE_RESTART_NEW_ADDRS:
		return K_ADDRS;
	case SCT_CAUSE_UNSUPPORTED_HMAC:
		return K_HMAC;
	default:
		/* USER_ABORT, PROTOCOL_VIOLATION, unknown */
		return K_OPAQUE;
	}
}

bool sct_cause_known(uint16_t code)
{
	return kind_of(code) != K_OPAQUE || code == SCT_CAUSE_USER_ABORT ||
	       code == SCT_CAUSE_PROTOCOL_VIOLATION;
}

static uint32_t *u32_of(struct sct_cause *c)
{
	return c->code == SCT_CAUSE_STALE_COOKIE ? &c->u.staleness_us : &c->u.tsn;
}

/* One or more parameter TLVs; with @addrs_only each an IPv4/IPv6 Address. */
static bool tlvs_ok(const uint8_t *p, size_t n, bool addrs_only)
{
	struct sct_tlv_iter it;
	struct sct_param prm;
	struct sct_tlv t;
	int rc, count = 0;

	sct_tlv_iter_init(&it, p, n);
	while ((rc = sct_param_next(&it, &t)) > 0) {
		if (addrs_only && ((t.type != SCT_PARAM_IPV4 && t.type != SCT_PARAM_IPV6) ||
				   sct_param_parse(&t, &prm)))
			return false;
		count++;
	}
	return rc == 0 && count > 0;
}

/*
 * Cause-specific information by code:
 *
 * 3.3.10.1 Invalid Stream Identifier (1), Length = 8:
 *     |       Stream Identifier       |          (Reserved)           |
 * 3.3.10.2 Missing Mandatory Parameter (2), Length = 8 + N * 2:
 *     |                 Number of missing params = N                  |
 *     |     Missing Param Type #1     |     Missing Param Type #2     |
 * 3.3.10.3 Stale Cookie (3), Length = 8:
 *     |                 Measure of Staleness (usec.)                  |
 * 3.3.10.4 Out of Resource (4), 3.3.10.7 Invalid Mandatory Parameter (7),
 * 3.3.10.10 Cookie Received While Shutting Down (10), RFC 5061 4.3.4
 *     Association Aborted Due to Illegal ASCONF-ACK (0xA3): Length = 4.
 * 3.3.10.5 Unresolvable Address (5): / Unresolvable Address / (one TLV)
 * 3.3.10.6 Unrecognized Chunk Type (6): / Unrecognized Chunk / (whole chunk)
 * 3.3.10.8 Unrecognized Parameters (8): / Unrecognized Parameters / (TLVs)
 * 3.3.10.9 No User Data (9), Length = 8:
 *     |                              TSN                              |
 * 3.3.10.11 Restart of an Association with New Addresses (11):
 *     /                       New Address TLVs                        /
 * 3.3.10.12 User-Initiated Abort (12): / Upper Layer Abort Reason /
 * 3.3.10.13 Protocol Violation (13): / Additional Information /
 * RFC 5061 4.3.1, 4.3.2, 4.3.3, 4.3.5 (0xA0, 0xA1, 0xA2, 0xA4):
 *     \                     TLV-Copied-From-ASCONF                    /
 * RFC 4895 4.1 Unsupported HMAC Identifier (0x0105), Length = 6:
 *     |         HMAC Identifier       |            Padding            |
 */
int sct_cause_parse(const struct sct_tlv *t, struct sct_cause *o)
{
	const uint8_t *v = t->val;
	size_t n = t->val_len;
	uint32_t count;

	memset(o, 0, sizeof(*o));
	o->code = t->type;
	switch (kind_of(t->type)) {
	case K_NONE:
		return n == 0 ? 0 : SCT_WE_CAUSE_VALUE;
	case K_STREAM:
		if (n != 4)
			return SCT_WE_CAUSE_VALUE;
		o->u.stream_id = sct_get_u16(v);
		return 0; /* Reserved: "ignored on receipt" */
	case K_MISSING:
		/* A report of nothing missing is not a report. */
		if (n < 6 || (n - 4) % 2)
			return SCT_WE_CAUSE_VALUE;
		count = sct_get_u32(v);
		if (count != (n - 4) / 2)
			return SCT_WE_CAUSE_VALUE;
		o->u.missing.be = v + 4;
		o->u.missing.n = count;
		return 0;
	case K_U32:
		if (n != 4)
			return SCT_WE_CAUSE_VALUE;
		*u32_of(o) = sct_get_u32(v);
		return 0;
	case K_HMAC:
		if (n != 2)
			return SCT_WE_CAUSE_VALUE;
		o->u.hmac_id = sct_get_u16(v);
		return 0;
	case K_ONETLV:
		o->u.tlvs.p = v;
		o->u.tlvs.len = n;
		return sct_tlv_wrapped_ok(v, n) ? 0 : SCT_WE_CAUSE_VALUE;
	case K_CHUNK:
		/* A chunk header is Type, Flags, Length: the length is at the same place. */
		o->u.tlvs.p = v;
		o->u.tlvs.len = n;
		return sct_tlv_wrapped_ok(v, n) ? 0 : SCT_WE_CAUSE_VALUE;
	case K_TLVS:
	case K_ADDRS:
		o->u.tlvs.p = v;
		o->u.tlvs.len = n;
		return tlvs_ok(v, n, kind_of(t->type) == K_ADDRS) ? 0 : SCT_WE_CAUSE_VALUE;
	case K_OPAQUE:
		break;
	}
	o->u.bytes.p = v;
	o->u.bytes.len = n;
	return 0;
}

static void put_value(struct sct_wr *w, const struct sct_cause *c)
{
	switch (kind_of(c->code)) {
	case K_NONE:
		break;
	case K_STREAM:
		sct_wr_u16(w, c->u.stream_id);
		sct_wr_u16(w, 0);
		break;
	case K_MISSING:
		sct_wr_u32(w, (uint32_t)c->u.missing.n);
		sct_wr_bytes(w, c->u.missing.be, 2 * c->u.missing.n);
		break;
	case K_U32:
		sct_wr_u32(w, *u32_of((struct sct_cause *)c));
		break;
	case K_HMAC:
		sct_wr_u16(w, c->u.hmac_id);
		break;
	case K_ONETLV:
	case K_CHUNK:
	case K_TLVS:
	case K_ADDRS:
		sct_wr_bytes(w, c->u.tlvs.p, c->u.tlvs.len);
		break;
	case K_OPAQUE:
		sct_wr_bytes(w, c->u.bytes.p, c->u.bytes.len);
		break;
	}
}

int sct_cause_emit(struct sct_wr *w, const struct sct_cause *c)
{
	size_t start = w->off;
	struct sct_cause check;
	struct sct_tlv t;
	int rc;

	if (w->err)
		return SCT_WE_NOSPACE;
	sct_wr_reserve(w, 4);
	put_value(w, c);
	rc = sct_tlv_close(w, start, c->code, SCT_WE_CAUSE_LEN, &t);
	if (rc)
		return rc;
	/* Never emit what the parser would refuse: check our own output. */
	rc = sct_cause_parse(&t, &check);
	if (rc) {
		w->off = start;
		return rc;
	}
	return 0;
}

bool sct_cause_eq(const struct sct_cause *a, const struct sct_cause *b)
{
	if (a->code != b->code)
		return false;
	switch (kind_of(a->code)) {
	case K_NONE:
		return true;
	case K_STREAM:
		return a->u.stream_id == b->u.stream_id;
	case K_MISSING:
		return a->u.missing.n == b->u.missing.n &&
		       memcmp(a->u.missing.be, b->u.missing.be, 2 * a->u.missing.n) == 0;
	case K_U32:
		return *u32_of((struct sct_cause *)a) == *u32_of((struct sct_cause *)b);
	case K_HMAC:
		return a->u.hmac_id == b->u.hmac_id;
	case K_ONETLV:
	case K_CHUNK:
	case K_TLVS:
	case K_ADDRS:
		return sct_bytes_eq(&a->u.tlvs, &b->u.tlvs);
	case K_OPAQUE:
		break;
	}
	return sct_bytes_eq(&a->u.bytes, &b->u.bytes);
}
