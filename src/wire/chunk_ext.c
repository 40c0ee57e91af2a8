/* SPDX-License-Identifier: MIT */
/* chunk_ext.c: codecs of the extension chunks: PAD, AUTH, ASCONF, ASCONF-ACK, RE-CONFIG. */
#include "wire/chunk_impl.h"

/*
 * RFC 4820 3, Padding Chunk (PAD) (132): "The receiver of the PAD chunk
 * MUST discard this chunk and continue processing the rest of the chunks
 * in the packet"; its bytes carry no meaning.
 *
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  | Type = 0x84   |   Flags=0     |             Length            |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  \                         Padding Data                          /
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 */
int sct_pad_parse(const struct sct_chunk *c, struct sct_pad *out)
{
	struct sct_rd r;
	int err = chunk_open(c, SCT_CHUNK_PAD, 4, &r);

	if (err)
		return err;
	out->flags = c->flags;
	out->pad = c->value;
	out->pad_len = c->value_len;
	return 0;
}

int sct_pad_emit(struct sct_wr *w, const struct sct_pad *in)
{
	return chunk_emit_area(w, SCT_CHUNK_PAD, in->flags, in->pad, in->pad_len);
}

/*
 * RFC 4895 4.1, Authentication Chunk (AUTH) (15):
 *
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  | Type = 0x0F   |   Flags=0     |             Length            |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |     Shared Key Identifier     |   HMAC Identifier             |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  \                             HMAC                              /
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *
 * The HMAC's expected length depends on the HMAC Identifier and on what
 * was negotiated; checking it belongs to the AUTH module (RFC 4895 6.3).
 */
int sct_auth_parse(const struct sct_chunk *c, struct sct_auth *out)
{
	struct sct_rd r;
	int err = chunk_open(c, SCT_CHUNK_AUTH, SCT_AUTH_HDR_LEN, &r);

	if (err)
		return err;
	out->flags = c->flags;
	out->key_id = sct_rd_u16(&r);
	out->hmac_id = sct_rd_u16(&r);
	out->hmac_len = sct_rd_left(&r);
	out->hmac = sct_rd_ptr(&r);
	return 0;
}

int sct_auth_emit(struct sct_wr *w, const struct sct_auth *in)
{
	size_t start = chunk_begin(w, SCT_CHUNK_AUTH, in->flags);

	sct_wr_u16(w, in->key_id);
	sct_wr_u16(w, in->hmac_id);
	if (in->hmac)
		sct_wr_bytes(w, in->hmac, in->hmac_len);
	else
		sct_wr_zero(w, in->hmac_len);
	return chunk_end(w, start);
}

/*
 * RFC 5061 4.1.1, Address Configuration Change Chunk (ASCONF) (0xC1) and
 * 4.1.2, ASCONF-ACK (0x80):
 *
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  | Type = 0xC1   |  Chunk Flags  |      Chunk Length             |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |                       Sequence Number                         |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |                    Address Parameter                          |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |                     ASCONF Parameter #1                       |
 *  \                              ...                              \
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *
 * ASCONF-ACK has the serial followed by zero or more responses (no
 * Address Parameter).  We only check that ASCONF's first parameter is an
 * address of the right size; the rest is wire/param.h's.
 */
int sct_asconf_parse(const struct sct_chunk *c, struct sct_asconf *out)
{
	struct sct_rd r;
	uint16_t ptype, plen;
	int err = chunk_open(c, SCT_CHUNK_ASCONF, 8, &r);

	if (err)
		return err;
	out->flags = c->flags;
	out->serial = sct_rd_u32(&r);
	out->params_len = sct_rd_left(&r);
	out->params = sct_rd_ptr(&r);
	ptype = sct_rd_u16(&r);
	plen = sct_rd_u16(&r);
	if (r.err || (ptype != SCT_PARAM_IPV4 && ptype != SCT_PARAM_IPV6))
		return SCT_WE_PARAM_MISSING;
	if (plen != (ptype == SCT_PARAM_IPV4 ? 8 : 20) || plen > out->params_len)
		return SCT_WE_PARAM_LEN;
	return 0;
}

static int asconf_emit(struct sct_wr *w, uint8_t type, const struct sct_asconf *in)
{
	size_t start = chunk_begin(w, type, in->flags);

	sct_wr_u32(w, in->serial);
	sct_wr_bytes(w, in->params, in->params_len);
	return chunk_end_tlvs(w, start, start + 8);
}

int sct_asconf_emit(struct sct_wr *w, const struct sct_asconf *in)
{
	return asconf_emit(w, SCT_CHUNK_ASCONF, in);
}

int sct_asconf_ack_parse(const struct sct_chunk *c, struct sct_asconf *out)
{
	struct sct_rd r;
	int err = chunk_open(c, SCT_CHUNK_ASCONF_ACK, 8, &r);

	if (err)
		return err;
	out->flags = c->flags;
	out->serial = sct_rd_u32(&r);
	out->params_len = sct_rd_left(&r);
	out->params = sct_rd_ptr(&r);
	return 0;
}

int sct_asconf_ack_emit(struct sct_wr *w, const struct sct_asconf *in)
{
	return asconf_emit(w, SCT_CHUNK_ASCONF_ACK, in);
}

/*
 * RFC 6525 3.1, Re-configuration Chunk (RE-CONFIG) (130): "one or two
 * parameters", so at least one parameter header (4 + 4 bytes).
 *
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  | Type = 130    |  Chunk Flags  |      Chunk Length             |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  \                  Re-configuration Parameter                   \
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  \             Re-configuration Parameter (optional)             \
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 */
int sct_reconfig_parse(const struct sct_chunk *c, struct sct_reconfig *out)
{
	struct sct_rd r;
	int err = chunk_open(c, SCT_CHUNK_RE_CONFIG, 8, &r);

	if (err)
		return err;
	out->flags = c->flags;
	out->params = c->value;
	out->params_len = c->value_len;
	return 0;
}

int sct_reconfig_emit(struct sct_wr *w, const struct sct_reconfig *in)
{
	if (in->params_len < 4)
		return SCT_WE_BAD_FIELD;
	return chunk_emit_tlvs(w, SCT_CHUNK_RE_CONFIG, in->flags, in->params, in->params_len);
}
