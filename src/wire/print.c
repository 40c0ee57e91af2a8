/* SPDX-License-Identifier: MIT */
/* print.c: one-line-per-chunk text form of SCTP packets, for logs and tests. */
#include "wire/print.h"

#include <stdarg.h>
#include <stdio.h>

#include "wire/chunk.h"
#include "wire/sctp_types.h"
#include "wire/wire_err.h"

/* The output buffer: appends stop quietly once it is full. */
struct out {
	char *buf;
	size_t cap;
	size_t len;
};

static void put(struct out *o, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void put(struct out *o, const char *fmt, ...)
{
	va_list ap;
	int n;

	if (o->cap == 0 || o->len + 1 >= o->cap)
		return;
	va_start(ap, fmt);
	n = vsnprintf(o->buf + o->len, o->cap - o->len, fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	o->len += (size_t)n;
	if (o->len >= o->cap)
		o->len = o->cap - 1;
}

static void put_data_flags(struct out *o, uint8_t flags)
{
	if (flags & (SCT_DATA_FLAG_I | SCT_DATA_FLAG_U | SCT_DATA_FLAG_B | SCT_DATA_FLAG_E))
		put(o, " %s%s%s%s", flags & SCT_DATA_FLAG_I ? "I" : "",
		    flags & SCT_DATA_FLAG_U ? "U" : "", flags & SCT_DATA_FLAG_B ? "B" : "",
		    flags & SCT_DATA_FLAG_E ? "E" : "");
}

static void put_sack(struct out *o, const struct sct_sack *s)
{
	size_t i;

	put(o, " cum=%u a_rwnd=%u gaps=[", s->cum_tsn_ack, s->a_rwnd);
	for (i = 0; i < s->n_gaps; i++) {
		struct sct_gap_block b = sct_sack_gap(s, i);

		put(o, "%s%u-%u", i ? "," : "", b.start, b.end);
	}
	put(o, "] dups=[");
	for (i = 0; i < s->n_dups; i++)
		put(o, "%s%u", i ? "," : "", sct_sack_dup(s, i));
	put(o, "]");
}

static void put_fwd(struct out *o, const union sct_chunk_any *a, uint8_t type)
{
	size_t i;

	if (type == SCT_CHUNK_FORWARD_TSN) {
		put(o, " new_cum=%u streams=[", a->fwd_tsn.new_cum_tsn);
		for (i = 0; i < a->fwd_tsn.n_streams; i++) {
			struct sct_fwd_tsn_entry e = sct_fwd_tsn_stream(&a->fwd_tsn, i);

			put(o, "%s%u:%u", i ? "," : "", e.sid, e.ssn);
		}
	} else {
		put(o, " new_cum=%u entries=[", a->ifwd_tsn.new_cum_tsn);
		for (i = 0; i < a->ifwd_tsn.n_entries; i++) {
			struct sct_ifwd_tsn_entry e = sct_ifwd_tsn_entry(&a->ifwd_tsn, i);

			put(o, "%s%u:%u%s", i ? "," : "", e.sid, e.mid,
			    e.flags & SCT_IFWD_FLAG_U ? "U" : "");
		}
	}
	put(o, "]");
}

static const char *const action_names[] = {"stop", "stop-report", "skip", "skip-report"};

static void put_chunk(struct out *o, const struct sct_chunk *c)
{
	union sct_chunk_any a;
	const char *name = sct_chunk_name(c->type);
	int err;

	if (!name) {
		put(o, "UNKNOWN(0x%02x) flags=0x%02x len=%u action=%s", c->type, c->flags,
		    c->length, action_names[sct_chunk_unknown_action(c->type)]);
		return;
	}
	put(o, "%s", name);
	err = sct_chunk_parse_any(c, &a);
	if (err) {
		put(o, " malformed(%s) len=%u", sct_wire_errname(err), c->length);
		return;
	}
	switch (c->type) {
	case SCT_CHUNK_DATA:
		put(o, " tsn=%u sid=%u ssn=%u ppid=%u len=%zu", a.data.tsn, a.data.sid, a.data.ssn,
		    a.data.ppid, a.data.user_data_len);
		put_data_flags(o, a.data.flags);
		break;
	case SCT_CHUNK_I_DATA:
		put(o, " tsn=%u sid=%u mid=%u %s=%u len=%zu", a.idata.tsn, a.idata.sid, a.idata.mid,
		    a.idata.flags & SCT_DATA_FLAG_B ? "ppid" : "fsn", a.idata.ppid_fsn,
		    a.idata.user_data_len);
		put_data_flags(o, a.idata.flags);
		break;
	case SCT_CHUNK_INIT:
	case SCT_CHUNK_INIT_ACK:
		put(o, " itag=0x%08x a_rwnd=%u os=%u mis=%u itsn=%u params=%zuB", a.init.itag,
		    a.init.a_rwnd, a.init.os, a.init.mis, a.init.itsn, a.init.params_len);
		break;
	case SCT_CHUNK_SACK:
		put_sack(o, &a.sack);
		break;
	case SCT_CHUNK_HEARTBEAT:
	case SCT_CHUNK_HEARTBEAT_ACK:
		put(o, " info=%zuB", a.hb.info_len);
		break;
	case SCT_CHUNK_ABORT:
		put(o, " T=%d causes=%zuB", !!(a.abort.flags & SCT_ABORT_FLAG_T),
		    a.abort.causes_len);
		break;
	case SCT_CHUNK_ERROR:
		put(o, " causes=%zuB", a.error.causes_len);
		break;
	case SCT_CHUNK_SHUTDOWN:
		put(o, " cum=%u", a.shutdown.cum_tsn_ack);
		break;
	case SCT_CHUNK_SHUTDOWN_COMPLETE:
		put(o, " T=%d", !!(a.empty.flags & SCT_SHUTDOWN_COMPLETE_FLAG_T));
		break;
	case SCT_CHUNK_COOKIE_ECHO:
		put(o, " cookie=%zuB", a.cookie_echo.cookie_len);
		break;
	case SCT_CHUNK_ECNE:
	case SCT_CHUNK_CWR:
		put(o, " lowest_tsn=%u", a.ecn.lowest_tsn);
		break;
	case SCT_CHUNK_FORWARD_TSN:
	case SCT_CHUNK_I_FORWARD_TSN:
		put_fwd(o, &a, c->type);
		break;
	case SCT_CHUNK_PAD:
		put(o, " pad=%zuB", a.pad.pad_len);
		break;
	case SCT_CHUNK_AUTH:
		put(o, " key=%u hmac_id=%u hmac=%zuB", a.auth.key_id, a.auth.hmac_id,
		    a.auth.hmac_len);
		break;
	case SCT_CHUNK_ASCONF:
	case SCT_CHUNK_ASCONF_ACK:
		put(o, " serial=%u params=%zuB", a.asconf.serial, a.asconf.params_len);
		break;
	case SCT_CHUNK_RE_CONFIG:
		put(o, " params=%zuB", a.reconfig.params_len);
		break;
	default: /* SHUTDOWN ACK, COOKIE ACK: nothing but the name */
		break;
	}
}

size_t sct_chunk_print(char *buf, size_t len, const struct sct_chunk *c)
{
	struct out o = {buf, len, 0};

	if (len)
		buf[0] = '\0';
	put_chunk(&o, c);
	return o.len;
}

size_t sct_packet_print(char *buf, size_t len, const uint8_t *pkt, size_t pkt_len)
{
	struct out o = {buf, len, 0};
	struct sct_sctp_hdr h;
	struct sct_chunk_iter it;
	struct sct_chunk c;
	int err;

	if (len)
		buf[0] = '\0';
	err = sct_sctp_hdr_parse(pkt, pkt_len, &h);
	if (err == SCT_WE_TRUNCATED) {
		put(&o, "SCTP error(%s)\n", sct_wire_errname(err));
		return o.len;
	}
	put(&o, "SCTP %u>%u vtag=0x%08x crc=%s\n", h.src_port, h.dst_port, h.vtag,
	    sct_sctp_crc_check(pkt, pkt_len) ? "bad" : "ok");
	if (err) {
		put(&o, "  error(%s)\n", sct_wire_errname(err));
		return o.len;
	}
	sct_chunk_iter_init(&it, pkt, pkt_len);
	while ((err = sct_chunk_next(&it, &c)) > 0) {
		put(&o, "  ");
		put_chunk(&o, &c);
		put(&o, "\n");
	}
	if (err < 0)
		put(&o, "  error(%s)\n", sct_wire_errname(err));
	return o.len;
}
