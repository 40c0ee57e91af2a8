/* SPDX-License-Identifier: MIT */
/* param_fmt.c: names and one-line log forms of SCTP parameters and error causes. */
#include <stdarg.h>
#include <stdio.h>

#include "wire/cause.h"
#include "wire/param.h"

const char *sct_param_name(uint16_t type)
{
	switch (type) {
	case SCT_PARAM_HEARTBEAT_INFO:
		return "HeartbeatInfo";
	case SCT_PARAM_IPV4:
		return "IPv4";
	case SCT_PARAM_IPV6:
		return "IPv6";
	case SCT_PARAM_STATE_COOKIE:
		return "StateCookie";
	case SCT_PARAM_UNRECOGNIZED:
		return "UnrecognizedParam";
	case SCT_PARAM_COOKIE_PRESERVATIVE:
		return "CookiePreservative";
	case SCT_PARAM_HOST_NAME:
		return "HostName";
	case SCT_PARAM_SUPPORTED_ADDR_TYPES:
		return "SupportedAddrTypes";
	case SCT_PARAM_OUT_SSN_RESET:
		return "OutSSNReset";
	case SCT_PARAM_IN_SSN_RESET:
		return "InSSNReset";
	case SCT_PARAM_SSN_TSN_RESET:
		return "SSNTSNReset";
	case SCT_PARAM_RECONF_RESPONSE:
		return "ReconfResponse";
	case SCT_PARAM_ADD_OUT_STREAMS:
		return "AddOutStreams";
	case SCT_PARAM_ADD_IN_STREAMS:
		return "AddInStreams";
	case SCT_PARAM_ECN_CAPABLE:
		return "ECNCapable";
	case SCT_PARAM_ZERO_CHECKSUM:
		return "ZeroChecksum";
	case SCT_PARAM_RANDOM:
		return "Random";
	case SCT_PARAM_CHUNK_LIST:
		return "ChunkList";
	case SCT_PARAM_HMAC_ALGO:
		return "HMACAlgo";
	case SCT_PARAM_PADDING:
		return "Padding";
	case SCT_PARAM_SUPPORTED_EXT:
		return "SupportedExt";
	case SCT_PARAM_FORWARD_TSN_SUPPORTED:
		return "ForwardTSN";
	case SCT_PARAM_ADD_IP:
		return "AddIP";
	case SCT_PARAM_DEL_IP:
		return "DelIP";
	case SCT_PARAM_ERROR_CAUSE_IND:
		return "ErrorCauseInd";
	case SCT_PARAM_SET_PRIMARY:
		return "SetPrimary";
	case SCT_PARAM_SUCCESS_IND:
		return "SuccessInd";
	case SCT_PARAM_ADAPTATION_IND:
		return "AdaptationInd";
	default:
		return "Unknown";
	}
}

const char *sct_cause_name(uint16_t code)
{
	switch (code) {
	case SCT_CAUSE_INVALID_STREAM:
		return "InvalidStream";
	case SCT_CAUSE_MISSING_PARAM:
		return "MissingParam";
	case SCT_CAUSE_STALE_COOKIE:
		return "StaleCookie";
	case SCT_CAUSE_OUT_OF_RESOURCE:
		return "OutOfResource";
	case SCT_CAUSE_UNRESOLVABLE_ADDR:
		return "UnresolvableAddr";
	case SCT_CAUSE_UNRECOGNIZED_CHUNK:
		return "UnrecognizedChunk";
	case SCT_CAUSE_INVALID_PARAM:
		return "InvalidParam";
	case SCT_CAUSE_UNRECOGNIZED_PARAMS:
		return "UnrecognizedParams";
	case SCT_CAUSE_NO_USER_DATA:
		return "NoUserData";
	case SCT_CAUSE_COOKIE_IN_SHUTDOWN:
		return "CookieInShutdown";
	case SCT_CAUSE_RESTART_NEW_ADDRS:
		return "RestartNewAddrs";
	case SCT_CAUSE_USER_ABORT:
		return "UserAbort";
	case SCT_CAUSE_PROTOCOL_VIOLATION:
		return "ProtocolViolation";
	case SCT_CAUSE_DEL_LAST_ADDR:
		return "DelLastAddr";
	case SCT_CAUSE_RESOURCE_SHORTAGE:
		return "ResourceShortage";
	case SCT_CAUSE_DEL_SOURCE_ADDR:
		return "DelSourceAddr";
	case SCT_CAUSE_ILLEGAL_ASCONF_ACK:
		return "IllegalAsconfAck";
	case SCT_CAUSE_NO_AUTHORIZATION:
		return "NoAuthorization";
	case SCT_CAUSE_UNSUPPORTED_HMAC:
		return "UnsupportedHMAC";
	default:
		return "Unknown";
	}
}

static const char *reconf_result_name(uint32_t r)
{
	static const char *const names[] = {"SuccessNothing", "SuccessPerformed", "Denied",
					    "ErrWrongSSN",    "ErrInProgress",	  "ErrBadSeqNo",
					    "InProgress"};

	return r <= SCT_RECONF_RESULT_MAX ? names[r] : "Unknown";
}

/* snprintf() that appends and keeps counting past the end of the buffer. */
struct line {
	char *buf;
	size_t len;
	size_t need;
};

__attribute__((format(printf, 2, 3))) static void ap(struct line *l, const char *fmt, ...)
{
	size_t at = l->need < l->len ? l->need : l->len;
	va_list va;
	int n;

	va_start(va, fmt);
	n = vsnprintf(l->buf ? l->buf + at : NULL, l->len - at, fmt, va);
	va_end(va);
	if (n > 0)
		l->need += (size_t)n;
}

#define LIST_MAX 16 /* list entries printed before "..." */

static void ap_u16s(struct line *l, const struct sct_u16_list *v)
{
	size_t i;

	for (i = 0; i < v->n && i < LIST_MAX; i++)
		ap(l, "%s%u", i ? "," : "", sct_u16_list_get(v, i));
	if (v->n > LIST_MAX)
		ap(l, ",...");
}

static void ap_u8s(struct line *l, const struct sct_bytes *v)
{
	size_t i;

	for (i = 0; i < v->len && i < LIST_MAX; i++)
		ap(l, "%s%u", i ? "," : "", v->p[i]);
	if (v->len > LIST_MAX)
		ap(l, ",...");
}

static void ap_addr(struct line *l, const struct sct_addr *a)
{
	char s[SCT_ADDR_STRLEN];

	ap(l, "%s", sct_addr_fmt(a, s, sizeof(s)));
}

/* The first TLV of @b as "name(type) len=N". */
static void ap_inner(struct line *l, const struct sct_bytes *b, bool chunk)
{
	if (b->len < 4) {
		ap(l, "len=%zu", b->len);
		return;
	}
	if (chunk)
		ap(l, "chunk=%u len=%u", b->p[0], sct_get_u16(b->p + 2));
	else
		ap(l, "%s(0x%04x) len=%u", sct_param_name(sct_get_u16(b->p)), sct_get_u16(b->p),
		   sct_get_u16(b->p + 2));
}

int sct_param_fmt(const struct sct_param *p, char *buf, size_t len)
{
	struct line l = {.buf = len ? buf : NULL, .len = len, .need = 0};
	const struct sct_param_reconf_resp *rr = &p->u.reconf_resp;
	size_t i;

	if (len)
		buf[0] = 0;
	ap(&l, "%s", sct_param_name(p->type));
	switch (p->type) {
	case SCT_PARAM_IPV4:
	case SCT_PARAM_IPV6:
		ap(&l, " ");
		ap_addr(&l, &p->u.addr);
		break;
	case SCT_PARAM_HOST_NAME:
		ap(&l, " \"");
		for (i = 0; i < p->u.bytes.len && p->u.bytes.p[i] && i < 64; i++) {
			uint8_t c = p->u.bytes.p[i];

			ap(&l, "%c", c >= 0x20 && c < 0x7f && c != '"' ? c : '?');
		}
		ap(&l, "\"");
		break;
	case SCT_PARAM_UNRECOGNIZED:
		ap(&l, " ");
		ap_inner(&l, &p->u.bytes, false);
		break;
	case SCT_PARAM_COOKIE_PRESERVATIVE:
		ap(&l, " +%ums", p->u.cookie_inc_ms);
		break;
	case SCT_PARAM_SUPPORTED_ADDR_TYPES:
		ap(&l, " ");
		ap_u16s(&l, &p->u.addr_types);
		break;
	case SCT_PARAM_HMAC_ALGO:
		ap(&l, " ");
		ap_u16s(&l, &p->u.hmac_ids);
		break;
	case SCT_PARAM_CHUNK_LIST:
	case SCT_PARAM_SUPPORTED_EXT:
		ap(&l, " ");
		ap_u8s(&l, &p->u.chunk_types);
		break;
	case SCT_PARAM_ECN_CAPABLE:
	case SCT_PARAM_FORWARD_TSN_SUPPORTED:
		break;
	case SCT_PARAM_ZERO_CHECKSUM:
		ap(&l, " edmid=%u", p->u.edmid);
		break;
	case SCT_PARAM_ADD_IP:
	case SCT_PARAM_DEL_IP:
	case SCT_PARAM_SET_PRIMARY:
		ap(&l, " cid=0x%08x ", p->u.asconf.cid);
		ap_addr(&l, &p->u.asconf.addr);
		break;
	case SCT_PARAM_ERROR_CAUSE_IND:
		ap(&l, " cid=0x%08x causes=%zu bytes", p->u.cause_ind.cid,
		   p->u.cause_ind.causes.len);
		break;
	case SCT_PARAM_SUCCESS_IND:
		ap(&l, " cid=0x%08x", p->u.success_cid);
		break;
	case SCT_PARAM_ADAPTATION_IND:
		ap(&l, " 0x%08x", p->u.adaptation);
		break;
	case SCT_PARAM_OUT_SSN_RESET:
		ap(&l, " req=%u resp=%u last_tsn=%u streams=", p->u.out_reset.req_seq,
		   p->u.out_reset.resp_seq, p->u.out_reset.last_tsn);
		if (p->u.out_reset.streams.n)
			ap_u16s(&l, &p->u.out_reset.streams);
		else
			ap(&l, "all");
		break;
	case SCT_PARAM_IN_SSN_RESET:
		ap(&l, " req=%u streams=", p->u.in_reset.req_seq);
		if (p->u.in_reset.streams.n)
			ap_u16s(&l, &p->u.in_reset.streams);
		else
			ap(&l, "all");
		break;
	case SCT_PARAM_SSN_TSN_RESET:
		ap(&l, " req=%u", p->u.ssn_tsn_req_seq);
		break;
	case SCT_PARAM_RECONF_RESPONSE:
		ap(&l, " seq=%u result=%s", rr->resp_seq, reconf_result_name(rr->result));
		if (rr->has_tsns)
			ap(&l, " snd_next_tsn=%u rcv_next_tsn=%u", rr->sender_next_tsn,
			   rr->receiver_next_tsn);
		break;
	case SCT_PARAM_ADD_OUT_STREAMS:
	case SCT_PARAM_ADD_IN_STREAMS:
		ap(&l, " req=%u n=%u", p->u.add_streams.req_seq, p->u.add_streams.n_new);
		break;
	default:
		/* HEARTBEAT_INFO, STATE_COOKIE, RANDOM, PADDING, unknown */
		if (!sct_param_known(p->type))
			ap(&l, "(0x%04x)", p->type);
		ap(&l, " len=%zu", p->u.bytes.len);
		break;
	}
	return (int)l.need;
}

int sct_cause_fmt(const struct sct_cause *c, char *buf, size_t len)
{
	struct line l = {.buf = len ? buf : NULL, .len = len, .need = 0};
	size_t i;

	if (len)
		buf[0] = 0;
	ap(&l, "%s", sct_cause_name(c->code));
	switch (c->code) {
	case SCT_CAUSE_INVALID_STREAM:
		ap(&l, " stream=%u", c->u.stream_id);
		break;
	case SCT_CAUSE_MISSING_PARAM:
		ap(&l, " ");
		for (i = 0; i < c->u.missing.n && i < LIST_MAX; i++)
			ap(&l, "%s%s", i ? "," : "",
			   sct_param_name(sct_u16_list_get(&c->u.missing, i)));
		if (c->u.missing.n > LIST_MAX)
			ap(&l, ",...");
		break;
	case SCT_CAUSE_STALE_COOKIE:
		ap(&l, " staleness=%uus", c->u.staleness_us);
		break;
	case SCT_CAUSE_NO_USER_DATA:
		ap(&l, " tsn=%u", c->u.tsn);
		break;
	case SCT_CAUSE_UNSUPPORTED_HMAC:
		ap(&l, " hmac=%u", c->u.hmac_id);
		break;
	case SCT_CAUSE_UNRESOLVABLE_ADDR:
	case SCT_CAUSE_UNRECOGNIZED_PARAMS:
	case SCT_CAUSE_RESTART_NEW_ADDRS:
	case SCT_CAUSE_DEL_LAST_ADDR:
	case SCT_CAUSE_RESOURCE_SHORTAGE:
	case SCT_CAUSE_DEL_SOURCE_ADDR:
	case SCT_CAUSE_NO_AUTHORIZATION:
		ap(&l, " ");
		ap_inner(&l, &c->u.tlvs, false);
		break;
	case SCT_CAUSE_UNRECOGNIZED_CHUNK:
		ap(&l, " ");
		ap_inner(&l, &c->u.tlvs, true);
		break;
	case SCT_CAUSE_OUT_OF_RESOURCE:
	case SCT_CAUSE_INVALID_PARAM:
	case SCT_CAUSE_COOKIE_IN_SHUTDOWN:
	case SCT_CAUSE_ILLEGAL_ASCONF_ACK:
		break;
	default:
		/* USER_ABORT, PROTOCOL_VIOLATION, unknown */
		if (!sct_cause_known(c->code))
			ap(&l, "(0x%04x)", c->code);
		ap(&l, " len=%zu", c->u.bytes.len);
		break;
	}
	return (int)l.need;
}
