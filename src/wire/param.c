/* SPDX-License-Identifier: MIT */
/* param.c: SCTP parameter TLVs: framing, per-type parse/emit, equality. */
#include "wire/param.h"

#include <string.h>

#include "wire/cause.h"
#include "wire/wire_err.h"

/*
 * RFC 9260 3.2.1 Optional/Variable-Length Parameter Format
 *
 *      0                   1                   2                   3
 *      0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *     +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *     |        Parameter Type         |       Parameter Length        |
 *     +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *     \                                                               \
 *     /                        Parameter Value                        /
 *     \                                                               \
 *     +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *
 * See param.h for the padding rule.
 */
void sct_tlv_iter_init(struct sct_tlv_iter *it, const uint8_t *p, size_t len)
{
	it->p = p;
	it->len = p ? len : 0;
	it->off = 0;
	it->err = 0;
}

int sct_tlv_next(struct sct_tlv_iter *it, struct sct_tlv *tlv, int err_len, int err_pad)
{
	struct sct_rd r;
	size_t left;
	uint16_t type, len;

	if (it->err)
		return it->err;
	left = it->len - it->off;
	if (left == 0)
		return 0;
	r = sct_rd_init(it->p + it->off, left);
	type = sct_rd_u16(&r);
	len = sct_rd_u16(&r);
	if (r.err || len < 4 || len > left) {
		it->err = err_len;
		return err_len;
	}
	/* The last TLV may come without its padding, not with part of it. */
	if (len < left && sct_pad4(len) > left) {
		it->err = err_pad;
		return err_pad;
	}
	tlv->type = type;
	tlv->len = len;
	tlv->raw = it->p + it->off;
	tlv->val = tlv->raw + 4;
	tlv->val_len = (size_t)len - 4;
	it->off += len < left ? sct_pad4(len) : len;
	return 1;
}

int sct_param_next(struct sct_tlv_iter *it, struct sct_tlv *tlv)
{
	return sct_tlv_next(it, tlv, SCT_WE_PARAM_LEN, SCT_WE_PARAM_PAD);
}

bool sct_tlv_wrapped_ok(const uint8_t *p, size_t n)
{
	size_t inner;

	if (n < 4)
		return false;
	inner = sct_get_u16(p + 2);
	return inner >= 4 && inner <= n && n <= sct_pad4(inner);
}

struct sct_u16_list sct_u16_list_fill(uint8_t *buf, const uint16_t *v, size_t n)
{
	struct sct_u16_list l = {.be = buf, .n = n};
	size_t i;

	for (i = 0; i < n; i++)
		sct_put_u16(buf + 2 * i, v[i]);
	return l;
}

/* How the value of each known type is stored, for emit/eq/fmt. */
enum kind {
	K_OPAQUE,   /* u.bytes */
	K_NONE,	    /* no value */
	K_ADDR,	    /* u.addr */
	K_U32,	    /* one 32-bit field, see u32_of() */
	K_U16LIST,  /* u.addr_types / u.hmac_ids */
	K_CHUNKS,   /* u.chunk_types */
	K_ASCONF,   /* u.asconf */
	K_CAUSEIND, /* u.cause_ind */
	K_OUTRESET,
	K_INRESET,
	K_RESP,
	K_ADDSTREAMS,
};

static enum kind kind_of(uint16_t type)
{
	switch (type) {
	case SCT_PARAM_IPV4:
	case SCT_PARAM_IPV6:
		return K_ADDR;
	case SCT_PARAM_COOKIE_PRESERVATIVE:
	case SCT_PARAM_ZERO_CHECKSUM:
	case SCT_PARAM_SUCCESS_IND:
	case SCT_PARAM_ADAPTATION_IND:
	case SCT_PARAM_SSN_TSN_RESET:
		return K_U32;
	case SCT_PARAM_SUPPORTED_ADDR_TYPES:
	case SCT_PARAM_HMAC_ALGO:
		return K_U16LIST;
	case SCT_PARAM_CHUNK_LIST:
	case SCT_PARAM_SUPPORTED_EXT:
		return K_CHUNKS;
	case SCT_PARAM_ECN_CAPABLE:
	case SCT_PARAM_FORWARD_TSN_SUPPORTED:
		return K_NONE;
	case SCT_PARAM_ADD_IP:
	case SCT_PARAM_DEL_IP:
	case SCT_PARAM_SET_PRIMARY:
		return K_ASCONF;
	case SCT_PARAM_ERROR_CAUSE_IND:
		return K_CAUSEIND;
	case SCT_PARAM_OUT_SSN_RESET:
		return K_OUTRESET;
	case SCT_PARAM_IN_SSN_RESET:
		return K_INRESET;
	case SCT_PARAM_RECONF_RESPONSE:
		return K_RESP;
	case SCT_PARAM_ADD_OUT_STREAMS:
	case SCT_PARAM_ADD_IN_STREAMS:
		return K_ADDSTREAMS;
	default:
		/* HEARTBEAT_INFO, STATE_COOKIE, UNRECOGNIZED, HOST_NAME, RANDOM,
		 * PADDING and unknown types */
		return K_OPAQUE;
	}
}

bool sct_param_known(uint16_t type)
{
	switch (type) {
	case SCT_PARAM_HEARTBEAT_INFO:
	case SCT_PARAM_STATE_COOKIE:
	case SCT_PARAM_UNRECOGNIZED:
	case SCT_PARAM_HOST_NAME:
	case SCT_PARAM_RANDOM:
	case SCT_PARAM_PADDING:
		return true;
	default:
		return kind_of(type) != K_OPAQUE;
	}
}

static uint32_t *u32_of(struct sct_param *p)
{
	switch (p->type) {
	case SCT_PARAM_COOKIE_PRESERVATIVE:
		return &p->u.cookie_inc_ms;
	case SCT_PARAM_ZERO_CHECKSUM:
		return &p->u.edmid;
	case SCT_PARAM_SUCCESS_IND:
		return &p->u.success_cid;
	case SCT_PARAM_ADAPTATION_IND:
		return &p->u.adaptation;
	default:
		return &p->u.ssn_tsn_req_seq;
	}
}

static uint32_t u32_get(const struct sct_param *p)
{
	return *u32_of((struct sct_param *)p);
}

static struct sct_u16_list *list_of(struct sct_param *p)
{
	return p->type == SCT_PARAM_HMAC_ALGO ? &p->u.hmac_ids : &p->u.addr_types;
}

/* Parse an IPv4 (5) or IPv6 (6) Address parameter value into @a. */
static int parse_addr(uint16_t type, const uint8_t *v, size_t n, struct sct_addr *a)
{
	if (type == SCT_PARAM_IPV4 && n == 4) {
		sct_addr_v4(a, v);
		return 0;
	}
	if (type == SCT_PARAM_IPV6 && n == 16) {
		sct_addr_v6(a, v);
		return 0;
	}
	return SCT_WE_PARAM_VALUE;
}

/*
 * RFC 9260 3.3.2.1.1 IPv4 Address (5) and 3.3.2.1.2 IPv6 Address (6)
 *
 *     |           Type = 5            |          Length = 8           |
 *     |                         IPv4 Address                          |
 *
 *     |           Type = 6            |          Length = 20          |
 *     |                  IPv6 Address (128 bits)                      |
 */
static void put_addr_tlv(struct sct_wr *w, const struct sct_addr *a)
{
	bool v4 = a->af == SCT_AF_INET4;

	sct_wr_u16(w, v4 ? SCT_PARAM_IPV4 : SCT_PARAM_IPV6);
	sct_wr_u16(w, v4 ? 8 : 20);
	sct_wr_bytes(w, a->b, v4 ? 4 : 16);
}

/*
 * RFC 5061 4.2.1 Add IP Address (0xC001), 4.2.2 Delete IP Address (0xC002),
 * 4.2.4 Set Primary IP Address (0xC004)
 *
 *       |        Type = 0xC001          |    Length = Variable          |
 *       |               ASCONF-Request Correlation ID                   |
 *       |                       Address Parameter                       |
 *
 * "This parameter MUST NOT contain a broadcast or multicast address" (4.2.1,
 * 4.2.2); 0.0.0.0 and ::0 are allowed and mean the packet's source address.
 */
static int parse_asconf_req(const struct sct_tlv *t, struct sct_param_asconf_req *q)
{
	struct sct_rd r = sct_rd_init(t->val, t->val_len);
	uint16_t type, len;
	const uint8_t *v;

	q->cid = sct_rd_u32(&r);
	type = sct_rd_u16(&r);
	len = sct_rd_u16(&r);
	if (r.err || len < 4 || (size_t)len - 4 != sct_rd_left(&r))
		return SCT_WE_PARAM_VALUE;
	v = sct_rd_bytes(&r, len - 4u);
	if (parse_addr(type, v, len - 4u, &q->addr))
		return SCT_WE_PARAM_VALUE;
	if (sct_addr_is_multicast(&q->addr) || sct_addr_is_broadcast(&q->addr))
		return SCT_WE_PARAM_VALUE;
	return 0;
}

/*
 * RFC 5061 4.2.3 Error Cause Indication (0xC003)
 *
 *       |    Type = 0xC003              |      Length = Variable        |
 *       |             ASCONF-Response Correlation ID                    |
 *       |             Error Cause(s) or Success Indication              |
 *
 * "one or more standard Error Causes": each is parsed with cause.c.
 */
static int parse_cause_ind(const struct sct_tlv *t, struct sct_param_cause_ind *ci)
{
	struct sct_tlv_iter it;
	struct sct_tlv c;
	struct sct_cause cause;
	int rc;

	if (t->val_len < 8)
		return SCT_WE_PARAM_VALUE;
	ci->cid = sct_get_u32(t->val);
	ci->causes.p = t->val + 4;
	ci->causes.len = t->val_len - 4;
	sct_tlv_iter_init(&it, ci->causes.p, ci->causes.len);
	while ((rc = sct_cause_next(&it, &c)) > 0) {
		rc = sct_cause_parse(&c, &cause);
		if (rc)
			return rc;
	}
	return rc < 0 ? rc : 0;
}

/*
 * RFC 6525 4.1 Outgoing SSN Reset Request (13)
 *
 *   |     Parameter Type = 13       | Parameter Length = 16 + 2 * N |
 *   |           Re-configuration Request Sequence Number            |
 *   |           Re-configuration Response Sequence Number           |
 *   |                Sender's Last Assigned TSN                     |
 *   |  Stream Number 1 (optional)   |    Stream Number 2 (optional) |
 *   /                            ......                             /
 *
 * RFC 6525 4.2 Incoming SSN Reset Request (14)
 *
 *   |     Parameter Type = 14       |  Parameter Length = 8 + 2 * N |
 *   |          Re-configuration Request Sequence Number             |
 *   |  Stream Number 1 (optional)   |    Stream Number 2 (optional) |
 *   /                            ......                             /
 *
 * RFC 6525 4.3 SSN/TSN Reset Request (15)
 *
 *   |     Parameter Type = 15       |      Parameter Length = 8     |
 *   |         Re-configuration Request Sequence Number              |
 *
 * RFC 6525 4.4 Re-configuration Response (16), Length 12 or 20
 *
 *   |     Parameter Type = 16       |      Parameter Length         |
 *   |         Re-configuration Response Sequence Number             |
 *   |                            Result                             |
 *   |                   Sender's Next TSN (optional)                |
 *   |                  Receiver's Next TSN (optional)               |
 *
 * RFC 6525 4.5 / 4.6 Add Outgoing (17) / Incoming (18) Streams Request
 *
 *   |     Parameter Type = 17       |      Parameter Length = 12    |
 *   |          Re-configuration Request Sequence Number             |
 *   |      Number of new streams    |         Reserved              |
 */
static int parse_reconf(const struct sct_tlv *t, struct sct_param *o)
{
	struct sct_rd r = sct_rd_init(t->val, t->val_len);
	size_t n = t->val_len;

	switch (t->type) {
	case SCT_PARAM_OUT_SSN_RESET:
		if (n < 12 || (n - 12) % 2)
			return SCT_WE_PARAM_VALUE;
		o->u.out_reset.req_seq = sct_rd_u32(&r);
		o->u.out_reset.resp_seq = sct_rd_u32(&r);
		o->u.out_reset.last_tsn = sct_rd_u32(&r);
		o->u.out_reset.streams.n = sct_rd_left(&r) / 2;
		o->u.out_reset.streams.be = sct_rd_ptr(&r);
		return 0;
	case SCT_PARAM_IN_SSN_RESET:
		if (n < 4 || (n - 4) % 2)
			return SCT_WE_PARAM_VALUE;
		o->u.in_reset.req_seq = sct_rd_u32(&r);
		o->u.in_reset.streams.n = sct_rd_left(&r) / 2;
		o->u.in_reset.streams.be = sct_rd_ptr(&r);
		return 0;
	case SCT_PARAM_SSN_TSN_RESET:
		if (n != 4)
			return SCT_WE_PARAM_VALUE;
		o->u.ssn_tsn_req_seq = sct_rd_u32(&r);
		return 0;
	case SCT_PARAM_RECONF_RESPONSE:
		/* "Either both optional fields ... MUST be present, or no field." */
		if (n != 8 && n != 16)
			return SCT_WE_PARAM_VALUE;
		o->u.reconf_resp.resp_seq = sct_rd_u32(&r);
		o->u.reconf_resp.result = sct_rd_u32(&r);
		o->u.reconf_resp.has_tsns = n == 16;
		o->u.reconf_resp.sender_next_tsn = sct_rd_u32(&r);
		o->u.reconf_resp.receiver_next_tsn = sct_rd_u32(&r);
		if (o->u.reconf_resp.result > SCT_RECONF_RESULT_MAX)
			return SCT_WE_PARAM_VALUE;
		return 0;
	default: /* ADD_OUT_STREAMS, ADD_IN_STREAMS */
		if (n != 8)
			return SCT_WE_PARAM_VALUE;
		o->u.add_streams.req_seq = sct_rd_u32(&r);
		o->u.add_streams.n_new = sct_rd_u16(&r);
		return 0; /* Reserved: "ignored by the receiver" */
	}
}

/*
 * Value checks by type.  The diagrams of the simple ones:
 *
 * RFC 9260 3.3.2.1.3 Cookie Preservative (9), Length = 8:
 *     |         Suggested Cookie Life-Span Increment (msec.)          |
 * RFC 9260 3.3.2.1.4 Host Name Address (11): Host Name, "At least one null
 *     terminator is included ... and MUST be included in the length."
 * RFC 9260 3.3.2.1.5 Supported Address Types (12):
 *     |        Address Type #1        |        Address Type #2        |
 * RFC 9260 3.3.3.1.1 State Cookie (7): opaque Cookie with a MAC (never empty).
 * RFC 9260 3.3.3.1.2 Unrecognized Parameter (8): one whole TLV copied.
 * RFC 9260 3.3.5 Heartbeat Info (1): sender-specific, opaque.
 * RFC 9260 appendix A ECN Capable (0x8000), RFC 3758 3.1 Forward-TSN-Supported
 *     (0xC000): Length = 4, no value.
 * Zero Checksum Acceptable (0x8001, draft-ietf-tsvwg-sctp-zero-checksum 4),
 *     Length = 8: | Error Detection Method Identifier (EDMID) |
 * RFC 4895 3.1 RANDOM (0x8002): | Random Number | (32 bytes, RFC 4895 6.1)
 * RFC 4895 3.2 CHUNKS (0x8003): | Chunk Type 1 | Chunk Type 2 | ... (<= 260 bytes)
 * RFC 4895 3.3 HMAC-ALGO (0x8004): | HMAC Identifier 1 | HMAC Identifier 2 | ...
 *     "The HMAC algorithm based on SHA-1 MUST be supported and included" (6.1)
 * RFC 4820 4 PAD (0x8005): | Padding Data |
 * RFC 5061 4.2.7 Supported Extensions (0x8008): | CHUNK TYPE 1 | ... |
 * RFC 5061 4.2.5 Success Indication (0xC005), Length = 8:
 *     |               ASCONF-Response Correlation ID                  |
 * RFC 5061 4.2.6 Adaptation Layer Indication (0xC006), Length = 8:
 *     |                   Adaptation Code point                       |
 */
int sct_param_parse(const struct sct_tlv *t, struct sct_param *o)
{
	const uint8_t *v = t->val;
	size_t n = t->val_len, i;
	bool sha1 = false;

	memset(o, 0, sizeof(*o));
	o->type = t->type;
	switch (kind_of(t->type)) {
	case K_ADDR:
		return parse_addr(t->type, v, n, &o->u.addr);
	case K_NONE:
		return n == 0 ? 0 : SCT_WE_PARAM_VALUE;
	case K_U32:
		if (n != 4)
			return SCT_WE_PARAM_VALUE;
		*u32_of(o) = sct_get_u32(v);
		return 0;
	case K_U16LIST:
		/* An empty or odd-sized list has no meaning (3.3.2.1.5, RFC 4895 3.3). */
		if (n < 2 || n % 2)
			return SCT_WE_PARAM_VALUE;
		list_of(o)->be = v;
		list_of(o)->n = n / 2;
		if (t->type == SCT_PARAM_HMAC_ALGO) {
			for (i = 0; i < n / 2; i++)
				sha1 |= sct_get_u16(v + 2 * i) == SCT_HMAC_SHA1;
			if (!sha1)
				return SCT_WE_PARAM_VALUE;
		}
		return 0;
	case K_CHUNKS:
		if (t->type == SCT_PARAM_CHUNK_LIST && t->len > SCT_AUTH_CHUNK_LIST_MAX_LEN)
			return SCT_WE_PARAM_VALUE;
		o->u.chunk_types.p = v;
		o->u.chunk_types.len = n;
		return 0;
	case K_ASCONF:
		return parse_asconf_req(t, &o->u.asconf);
	case K_CAUSEIND:
		return parse_cause_ind(t, &o->u.cause_ind);
	case K_OUTRESET:
	case K_INRESET:
	case K_RESP:
	case K_ADDSTREAMS:
		return parse_reconf(t, o);
	case K_OPAQUE:
		break;
	}
	o->u.bytes.p = v;
	o->u.bytes.len = n;
	switch (t->type) {
	case SCT_PARAM_STATE_COOKIE:
		return n > 0 ? 0 : SCT_WE_PARAM_VALUE;
	case SCT_PARAM_UNRECOGNIZED:
		return sct_tlv_wrapped_ok(v, n) ? 0 : SCT_WE_PARAM_VALUE;
	case SCT_PARAM_HOST_NAME:
		return n > 0 && memchr(v, 0, n) ? 0 : SCT_WE_PARAM_VALUE;
	case SCT_PARAM_RANDOM:
		return n == SCT_AUTH_RANDOM_LEN ? 0 : SCT_WE_PARAM_VALUE;
	default:
		return 0;
	}
}

static void put_value(struct sct_wr *w, const struct sct_param *p)
{
	const struct sct_u16_list *l;

	switch (kind_of(p->type)) {
	case K_ADDR:
		sct_wr_bytes(w, p->u.addr.b, p->type == SCT_PARAM_IPV4 ? 4 : 16);
		break;
	case K_NONE:
		break;
	case K_U32:
		sct_wr_u32(w, u32_get(p));
		break;
	case K_U16LIST:
		l = list_of((struct sct_param *)p);
		sct_wr_bytes(w, l->be, 2 * l->n);
		break;
	case K_CHUNKS:
		sct_wr_bytes(w, p->u.chunk_types.p, p->u.chunk_types.len);
		break;
	case K_ASCONF:
		sct_wr_u32(w, p->u.asconf.cid);
		put_addr_tlv(w, &p->u.asconf.addr);
		break;
	case K_CAUSEIND:
		sct_wr_u32(w, p->u.cause_ind.cid);
		sct_wr_bytes(w, p->u.cause_ind.causes.p, p->u.cause_ind.causes.len);
		break;
	case K_OUTRESET:
		sct_wr_u32(w, p->u.out_reset.req_seq);
		sct_wr_u32(w, p->u.out_reset.resp_seq);
		sct_wr_u32(w, p->u.out_reset.last_tsn);
		sct_wr_bytes(w, p->u.out_reset.streams.be, 2 * p->u.out_reset.streams.n);
		break;
	case K_INRESET:
		sct_wr_u32(w, p->u.in_reset.req_seq);
		sct_wr_bytes(w, p->u.in_reset.streams.be, 2 * p->u.in_reset.streams.n);
		break;
	case K_RESP:
		sct_wr_u32(w, p->u.reconf_resp.resp_seq);
		sct_wr_u32(w, p->u.reconf_resp.result);
		if (p->u.reconf_resp.has_tsns) {
			sct_wr_u32(w, p->u.reconf_resp.sender_next_tsn);
			sct_wr_u32(w, p->u.reconf_resp.receiver_next_tsn);
		}
		break;
	case K_ADDSTREAMS:
		sct_wr_u32(w, p->u.add_streams.req_seq);
		sct_wr_u16(w, p->u.add_streams.n_new);
		sct_wr_u16(w, 0);
		break;
	case K_OPAQUE:
		sct_wr_bytes(w, p->u.bytes.p, p->u.bytes.len);
		break;
	}
}

/* false when an address-carrying parameter holds an address of the wrong family. */
static bool addr_fits(const struct sct_param *p)
{
	const struct sct_addr *a;

	if (kind_of(p->type) == K_ADDR) {
		a = &p->u.addr;
		return a->af == (p->type == SCT_PARAM_IPV4 ? SCT_AF_INET4 : SCT_AF_INET6);
	}
	if (kind_of(p->type) == K_ASCONF) {
		a = &p->u.asconf.addr;
		return a->af == SCT_AF_INET4 || a->af == SCT_AF_INET6;
	}
	return true;
}

int sct_tlv_close(struct sct_wr *w, size_t start, uint16_t type, int err_len, struct sct_tlv *t)
{
	uint8_t *hdr = w->buf + start;
	size_t len;

	if (w->err)
		return SCT_WE_NOSPACE;
	len = w->off - start;
	if (len > UINT16_MAX) {
		w->off = start;
		return err_len;
	}
	sct_put_u16(hdr, type);
	sct_put_u16(hdr + 2, (uint16_t)len);
	sct_wr_zero(w, sct_pad4(len) - len);
	if (w->err)
		return SCT_WE_NOSPACE;
	t->type = type;
	t->len = (uint16_t)len;
	t->raw = hdr;
	t->val = hdr + 4;
	t->val_len = len - 4;
	return 0;
}

int sct_param_emit(struct sct_wr *w, const struct sct_param *p)
{
	size_t start = w->off;
	struct sct_param check;
	struct sct_tlv t;
	int rc;

	if (w->err)
		return SCT_WE_NOSPACE;
	if (!addr_fits(p))
		return SCT_WE_PARAM_VALUE;
	sct_wr_reserve(w, 4);
	put_value(w, p);
	rc = sct_tlv_close(w, start, p->type, SCT_WE_PARAM_LEN, &t);
	if (rc)
		return rc;
	/* Never emit what the parser would refuse: check our own output. */
	rc = sct_param_parse(&t, &check);
	if (rc) {
		w->off = start;
		return rc;
	}
	return 0;
}

bool sct_bytes_eq(const struct sct_bytes *a, const struct sct_bytes *b)
{
	return a->len == b->len && (a->len == 0 || memcmp(a->p, b->p, a->len) == 0);
}

static bool list_eq(const struct sct_u16_list *a, const struct sct_u16_list *b)
{
	return a->n == b->n && (a->n == 0 || memcmp(a->be, b->be, 2 * a->n) == 0);
}

bool sct_param_eq(const struct sct_param *a, const struct sct_param *b)
{
	const struct sct_param_reconf_resp *ra = &a->u.reconf_resp, *rb = &b->u.reconf_resp;

	if (a->type != b->type)
		return false;
	switch (kind_of(a->type)) {
	case K_ADDR:
		return sct_addr_eq(&a->u.addr, &b->u.addr);
	case K_NONE:
		return true;
	case K_U32:
		return u32_get(a) == u32_get(b);
	case K_U16LIST:
		return list_eq(list_of((struct sct_param *)a), list_of((struct sct_param *)b));
	case K_CHUNKS:
		return sct_bytes_eq(&a->u.chunk_types, &b->u.chunk_types);
	case K_ASCONF:
		return a->u.asconf.cid == b->u.asconf.cid &&
		       sct_addr_eq(&a->u.asconf.addr, &b->u.asconf.addr);
	case K_CAUSEIND:
		return a->u.cause_ind.cid == b->u.cause_ind.cid &&
		       sct_bytes_eq(&a->u.cause_ind.causes, &b->u.cause_ind.causes);
	case K_OUTRESET:
		return a->u.out_reset.req_seq == b->u.out_reset.req_seq &&
		       a->u.out_reset.resp_seq == b->u.out_reset.resp_seq &&
		       a->u.out_reset.last_tsn == b->u.out_reset.last_tsn &&
		       list_eq(&a->u.out_reset.streams, &b->u.out_reset.streams);
	case K_INRESET:
		return a->u.in_reset.req_seq == b->u.in_reset.req_seq &&
		       list_eq(&a->u.in_reset.streams, &b->u.in_reset.streams);
	case K_RESP:
		return ra->resp_seq == rb->resp_seq && ra->result == rb->result &&
		       ra->has_tsns == rb->has_tsns &&
		       (!ra->has_tsns || (ra->sender_next_tsn == rb->sender_next_tsn &&
					  ra->receiver_next_tsn == rb->receiver_next_tsn));
	case K_ADDSTREAMS:
		return a->u.add_streams.req_seq == b->u.add_streams.req_seq &&
		       a->u.add_streams.n_new == b->u.add_streams.n_new;
	case K_OPAQUE:
		break;
	}
	return sct_bytes_eq(&a->u.bytes, &b->u.bytes);
}

bool sct_auth_chunk_listed(const struct sct_bytes *chunk_list, uint8_t type)
{
	/* RFC 4895 3.2: these "MUST be ignored" when received in CHUNKS. */
	if (type == SCT_CHUNK_INIT || type == SCT_CHUNK_INIT_ACK ||
	    type == SCT_CHUNK_SHUTDOWN_COMPLETE || type == SCT_CHUNK_AUTH)
		return false;
	return chunk_list->len && memchr(chunk_list->p, type, chunk_list->len) != NULL;
}
