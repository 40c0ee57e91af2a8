/* SPDX-License-Identifier: MIT */
/* chunk.c: chunk names and the by-type dispatch to the chunk codecs. */
#include "wire/chunk.h"

#include "wire/wire_err.h"

struct chunk_codec {
	const char *name;
	int (*parse)(const struct sct_chunk *c, union sct_chunk_any *out);
	int (*emit)(struct sct_wr *w, const union sct_chunk_any *in);
};

/* Adapters from the typed codecs to the union, one pair per chunk type. */
#define CODEC(fn, member)                                                                          \
	static int parse_##fn(const struct sct_chunk *c, union sct_chunk_any *out)                 \
	{                                                                                          \
		return sct_##fn##_parse(c, &out->member);                                          \
	}                                                                                          \
	static int emit_##fn(struct sct_wr *w, const union sct_chunk_any *in)                      \
	{                                                                                          \
		return sct_##fn##_emit(w, &in->member);                                            \
	}

CODEC(data, data)
CODEC(idata, idata)
CODEC(init, init)
CODEC(init_ack, init)
CODEC(sack, sack)
CODEC(heartbeat, hb)
CODEC(heartbeat_ack, hb)
CODEC(abort, abort)
CODEC(error, error)
CODEC(shutdown, shutdown)
CODEC(shutdown_ack, empty)
CODEC(shutdown_complete, empty)
CODEC(cookie_echo, cookie_echo)
CODEC(cookie_ack, empty)
CODEC(ecne, ecn)
CODEC(cwr, ecn)
CODEC(fwd_tsn, fwd_tsn)
CODEC(ifwd_tsn, ifwd_tsn)
CODEC(pad, pad)
CODEC(auth, auth)
CODEC(asconf, asconf)
CODEC(asconf_ack, asconf)
CODEC(reconfig, reconfig)

#define ENTRY(type, nm, fn) [type] = {nm, parse_##fn, emit_##fn}

static const struct chunk_codec codecs[256] = {
    ENTRY(SCT_CHUNK_DATA, "DATA", data),
    ENTRY(SCT_CHUNK_INIT, "INIT", init),
    ENTRY(SCT_CHUNK_INIT_ACK, "INIT_ACK", init_ack),
    ENTRY(SCT_CHUNK_SACK, "SACK", sack),
    ENTRY(SCT_CHUNK_HEARTBEAT, "HEARTBEAT", heartbeat),
    ENTRY(SCT_CHUNK_HEARTBEAT_ACK, "HEARTBEAT_ACK", heartbeat_ack),
    ENTRY(SCT_CHUNK_ABORT, "ABORT", abort),
    ENTRY(SCT_CHUNK_SHUTDOWN, "SHUTDOWN", shutdown),
    ENTRY(SCT_CHUNK_SHUTDOWN_ACK, "SHUTDOWN_ACK", shutdown_ack),
    ENTRY(SCT_CHUNK_ERROR, "ERROR", error),
    ENTRY(SCT_CHUNK_COOKIE_ECHO, "COOKIE_ECHO", cookie_echo),
    ENTRY(SCT_CHUNK_COOKIE_ACK, "COOKIE_ACK", cookie_ack),
    ENTRY(SCT_CHUNK_ECNE, "ECNE", ecne),
    ENTRY(SCT_CHUNK_CWR, "CWR", cwr),
    ENTRY(SCT_CHUNK_SHUTDOWN_COMPLETE, "SHUTDOWN_COMPLETE", shutdown_complete),
    ENTRY(SCT_CHUNK_AUTH, "AUTH", auth),
    ENTRY(SCT_CHUNK_I_DATA, "I_DATA", idata),
    ENTRY(SCT_CHUNK_ASCONF_ACK, "ASCONF_ACK", asconf_ack),
    ENTRY(SCT_CHUNK_RE_CONFIG, "RE_CONFIG", reconfig),
    ENTRY(SCT_CHUNK_PAD, "PAD", pad),
    ENTRY(SCT_CHUNK_FORWARD_TSN, "FORWARD_TSN", fwd_tsn),
    ENTRY(SCT_CHUNK_ASCONF, "ASCONF", asconf),
    ENTRY(SCT_CHUNK_I_FORWARD_TSN, "I_FORWARD_TSN", ifwd_tsn),
};

int sct_chunk_known(uint8_t type)
{
	return codecs[type].parse != NULL;
}

const char *sct_chunk_name(uint8_t type)
{
	return codecs[type].name;
}

int sct_chunk_parse_any(const struct sct_chunk *c, union sct_chunk_any *out)
{
	if (!codecs[c->type].parse)
		return SCT_WE_CHUNK_TYPE;
	return codecs[c->type].parse(c, out);
}

int sct_chunk_emit_any(struct sct_wr *w, uint8_t type, const union sct_chunk_any *in)
{
	if (!codecs[type].emit)
		return SCT_WE_CHUNK_TYPE;
	return codecs[type].emit(w, in);
}
