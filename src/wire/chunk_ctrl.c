/* SPDX-License-Identifier: MIT */
/* chunk_ctrl.c: codecs of the RFC 9260 control chunks (INIT ... SHUTDOWN COMPLETE, ECNE, CWR). */
#include "wire/chunk_impl.h"

/*
 * RFC 9260 3.3.2 (INIT, 1) and 3.3.3 (INIT ACK, 2) share one layout:
 *
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |   Type = 1    |  Chunk Flags  |      Chunk Length             |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |                         Initiate Tag                          |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |          Advertised Receiver Window Credit (a_rwnd)           |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |  Number of Outbound Streams   |   Number of Inbound Streams   |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |                          Initial TSN                          |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  \              Optional/Variable-Length Parameters              \
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *
 * What RFC 9260 tells the receiver to refuse, in the order it matters:
 * Initiate Tag 0 ("MUST silently discard"), OS or MIS 0 and a_rwnd below
 * 1500 ("MUST discard ... SHOULD send ... ABORT").  The struct is filled
 * before the checks so that the caller has the tag for that ABORT.
 * "OS MUST NOT be greater than the MIS value sent in the INIT" needs the
 * association and is checked there.
 */
static int init_parse(const struct sct_chunk *c, uint8_t type, struct sct_init *out)
{
	struct sct_rd r;
	int err = chunk_open(c, type, SCT_INIT_HDR_LEN, &r);

	if (err)
		return err;
	out->flags = c->flags;
	out->itag = sct_rd_u32(&r);
	out->a_rwnd = sct_rd_u32(&r);
	out->os = sct_rd_u16(&r);
	out->mis = sct_rd_u16(&r);
	out->itsn = sct_rd_u32(&r);
	out->params_len = sct_rd_left(&r);
	out->params = sct_rd_ptr(&r);
	if (out->itag == 0)
		return SCT_WE_INIT_TAG_ZERO;
	if (out->os == 0 || out->mis == 0)
		return SCT_WE_INIT_STREAMS;
	if (out->a_rwnd < SCT_INIT_MIN_RWND)
		return SCT_WE_INIT_RWND;
	return 0;
}

static int init_emit(struct sct_wr *w, uint8_t type, const struct sct_init *in)
{
	size_t start;

	if (in->itag == 0)
		return SCT_WE_INIT_TAG_ZERO;
	if (in->os == 0 || in->mis == 0)
		return SCT_WE_INIT_STREAMS;
	if (in->a_rwnd < SCT_INIT_MIN_RWND)
		return SCT_WE_INIT_RWND;
	start = chunk_begin(w, type, in->flags);
	sct_wr_u32(w, in->itag);
	sct_wr_u32(w, in->a_rwnd);
	sct_wr_u16(w, in->os);
	sct_wr_u16(w, in->mis);
	sct_wr_u32(w, in->itsn);
	sct_wr_bytes(w, in->params, in->params_len);
	return chunk_end_tlvs(w, start, start + SCT_INIT_HDR_LEN);
}

int sct_init_parse(const struct sct_chunk *c, struct sct_init *out)
{
	return init_parse(c, SCT_CHUNK_INIT, out);
}

int sct_init_ack_parse(const struct sct_chunk *c, struct sct_init *out)
{
	return init_parse(c, SCT_CHUNK_INIT_ACK, out);
}

int sct_init_emit(struct sct_wr *w, const struct sct_init *in)
{
	return init_emit(w, SCT_CHUNK_INIT, in);
}

int sct_init_ack_emit(struct sct_wr *w, const struct sct_init *in)
{
	return init_emit(w, SCT_CHUNK_INIT_ACK, in);
}

/*
 * RFC 9260 3.3.5 (HEARTBEAT, 4) and 3.3.6 (HEARTBEAT ACK, 5):
 *
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |   Type = 4    | Chunk  Flags  |      Heartbeat Length         |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  \            Heartbeat Information TLV (Variable-Length)        \
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *
 *  Heartbeat Info:
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |    Heartbeat Info Type = 1    |         HB Info Length        |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  /                  Sender-Specific Heartbeat Info               /
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *
 * The Chunk Length may or may not count the parameter's own padding
 * (RFC 9260 3.2: "accept the chunk whether or not the final padding has
 * been included"); more than that is SCT_WE_TRAILING.
 */
static int hb_parse(const struct sct_chunk *c, uint8_t type, struct sct_heartbeat *out)
{
	struct sct_rd r;
	uint16_t ptype, plen;
	int err = chunk_open(c, type, 8, &r);

	if (err)
		return err;
	out->flags = c->flags;
	ptype = sct_rd_u16(&r);
	plen = sct_rd_u16(&r);
	if (ptype != SCT_PARAM_HEARTBEAT_INFO || plen < 4 || plen > c->value_len)
		return SCT_WE_HB_INFO;
	out->info = sct_rd_ptr(&r);
	out->info_len = (size_t)plen - 4;
	if (c->value_len > sct_pad4(plen))
		return SCT_WE_TRAILING;
	return 0;
}

static int hb_emit(struct sct_wr *w, uint8_t type, const struct sct_heartbeat *in)
{
	size_t start = chunk_begin(w, type, in->flags);

	if (in->info_len > SCT_CHUNK_MAX_LEN - 8)
		return SCT_WE_BAD_FIELD;
	sct_wr_u16(w, SCT_PARAM_HEARTBEAT_INFO);
	sct_wr_u16(w, (uint16_t)(in->info_len + 4));
	sct_wr_bytes(w, in->info, in->info_len);
	return chunk_end(w, start);
}

int sct_heartbeat_parse(const struct sct_chunk *c, struct sct_heartbeat *out)
{
	return hb_parse(c, SCT_CHUNK_HEARTBEAT, out);
}

int sct_heartbeat_ack_parse(const struct sct_chunk *c, struct sct_heartbeat *out)
{
	return hb_parse(c, SCT_CHUNK_HEARTBEAT_ACK, out);
}

int sct_heartbeat_emit(struct sct_wr *w, const struct sct_heartbeat *in)
{
	return hb_emit(w, SCT_CHUNK_HEARTBEAT, in);
}

int sct_heartbeat_ack_emit(struct sct_wr *w, const struct sct_heartbeat *in)
{
	return hb_emit(w, SCT_CHUNK_HEARTBEAT_ACK, in);
}

/*
 * RFC 9260 3.3.7, Abort Association (ABORT) (6):
 *
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |   Type = 6    |  Reserved   |T|            Length             |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  \                   zero or more Error Causes                   \
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 */
int sct_abort_parse(const struct sct_chunk *c, struct sct_abort *out)
{
	struct sct_rd r;
	int err = chunk_open(c, SCT_CHUNK_ABORT, 4, &r);

	if (err)
		return err;
	out->flags = c->flags;
	out->causes = c->value;
	out->causes_len = c->value_len;
	return 0;
}

int sct_abort_emit(struct sct_wr *w, const struct sct_abort *in)
{
	return chunk_emit_tlvs(w, SCT_CHUNK_ABORT, in->flags, in->causes, in->causes_len);
}

/*
 * RFC 9260 3.3.10, Operation Error (ERROR) (9): "It contains one or more
 * error causes", so the minimum length is 4 + 4.
 *
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |   Type = 9    | Chunk  Flags  |           Length              |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  \                    one or more Error Causes                   \
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 */
int sct_error_parse(const struct sct_chunk *c, struct sct_error *out)
{
	struct sct_rd r;
	int err = chunk_open(c, SCT_CHUNK_ERROR, 8, &r);

	if (err)
		return err;
	out->flags = c->flags;
	out->causes = c->value;
	out->causes_len = c->value_len;
	return 0;
}

int sct_error_emit(struct sct_wr *w, const struct sct_error *in)
{
	if (in->causes_len < 4)
		return SCT_WE_BAD_FIELD;
	return chunk_emit_tlvs(w, SCT_CHUNK_ERROR, in->flags, in->causes, in->causes_len);
}

/*
 * RFC 9260 3.3.8, Shutdown Association (SHUTDOWN) (7):
 *
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |   Type = 7    | Chunk  Flags  |          Length = 8           |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |                      Cumulative TSN Ack                       |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 */
int sct_shutdown_parse(const struct sct_chunk *c, struct sct_shutdown *out)
{
	struct sct_rd r;
	int err = chunk_open(c, SCT_CHUNK_SHUTDOWN, 8, &r);

	if (err)
		return err;
	out->flags = c->flags;
	out->cum_tsn_ack = sct_rd_u32(&r);
	return 0;
}

int sct_shutdown_emit(struct sct_wr *w, const struct sct_shutdown *in)
{
	size_t start = chunk_begin(w, SCT_CHUNK_SHUTDOWN, in->flags);

	sct_wr_u32(w, in->cum_tsn_ack);
	return chunk_end(w, start);
}

/*
 * RFC 9260 3.3.9 (SHUTDOWN ACK, 8), 3.3.12 (COOKIE ACK, 11) and 3.3.13
 * (SHUTDOWN COMPLETE, 14): a bare header, Length = 4.
 *
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |   Type = 14   |  Reserved   |T|          Length = 4           |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 */
static int empty_parse(const struct sct_chunk *c, uint8_t type, struct sct_chunk_empty *out)
{
	struct sct_rd r;
	int err = chunk_open(c, type, 4, &r);

	if (err)
		return err;
	out->flags = c->flags;
	return 0;
}

int sct_shutdown_ack_parse(const struct sct_chunk *c, struct sct_chunk_empty *out)
{
	return empty_parse(c, SCT_CHUNK_SHUTDOWN_ACK, out);
}

int sct_shutdown_ack_emit(struct sct_wr *w, const struct sct_chunk_empty *in)
{
	return chunk_emit_area(w, SCT_CHUNK_SHUTDOWN_ACK, in->flags, NULL, 0);
}

int sct_shutdown_complete_parse(const struct sct_chunk *c, struct sct_chunk_empty *out)
{
	return empty_parse(c, SCT_CHUNK_SHUTDOWN_COMPLETE, out);
}

int sct_shutdown_complete_emit(struct sct_wr *w, const struct sct_chunk_empty *in)
{
	return chunk_emit_area(w, SCT_CHUNK_SHUTDOWN_COMPLETE, in->flags, NULL, 0);
}

int sct_cookie_ack_parse(const struct sct_chunk *c, struct sct_chunk_empty *out)
{
	return empty_parse(c, SCT_CHUNK_COOKIE_ACK, out);
}

int sct_cookie_ack_emit(struct sct_wr *w, const struct sct_chunk_empty *in)
{
	return chunk_emit_area(w, SCT_CHUNK_COOKIE_ACK, in->flags, NULL, 0);
}

/*
 * RFC 9260 3.3.11, Cookie Echo (COOKIE ECHO) (10): the cookie is opaque
 * here; its length and MAC are checked by the cookie module.
 *
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |   Type = 10   | Chunk  Flags  |            Length             |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  /                            Cookie                             /
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 */
int sct_cookie_echo_parse(const struct sct_chunk *c, struct sct_cookie_echo *out)
{
	struct sct_rd r;
	int err = chunk_open(c, SCT_CHUNK_COOKIE_ECHO, 4, &r);

	if (err)
		return err;
	out->flags = c->flags;
	out->cookie = c->value;
	out->cookie_len = c->value_len;
	return 0;
}

int sct_cookie_echo_emit(struct sct_wr *w, const struct sct_cookie_echo *in)
{
	return chunk_emit_area(w, SCT_CHUNK_COOKIE_ECHO, in->flags, in->cookie, in->cookie_len);
}

/*
 * ECN-Echo (12) and CWR (13), reserved for ECN in RFC 9260 appendix A;
 * the layout is RFC 4960 appendix A's:
 *
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  | Chunk Type=12 | Flags=00000000|    Chunk Length = 8           |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |                      Lowest TSN Number                        |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 */
static int ecn_parse(const struct sct_chunk *c, uint8_t type, struct sct_ecn *out)
{
	struct sct_rd r;
	int err = chunk_open(c, type, 8, &r);

	if (err)
		return err;
	out->flags = c->flags;
	out->lowest_tsn = sct_rd_u32(&r);
	return 0;
}

static int ecn_emit(struct sct_wr *w, uint8_t type, const struct sct_ecn *in)
{
	size_t start = chunk_begin(w, type, in->flags);

	sct_wr_u32(w, in->lowest_tsn);
	return chunk_end(w, start);
}

int sct_ecne_parse(const struct sct_chunk *c, struct sct_ecn *out)
{
	return ecn_parse(c, SCT_CHUNK_ECNE, out);
}

int sct_ecne_emit(struct sct_wr *w, const struct sct_ecn *in)
{
	return ecn_emit(w, SCT_CHUNK_ECNE, in);
}

int sct_cwr_parse(const struct sct_chunk *c, struct sct_ecn *out)
{
	return ecn_parse(c, SCT_CHUNK_CWR, out);
}

int sct_cwr_emit(struct sct_wr *w, const struct sct_ecn *in)
{
	return ecn_emit(w, SCT_CHUNK_CWR, in);
}
