/* SPDX-License-Identifier: MIT */
/* chunk_data.c: codecs of the data-path chunks: DATA, I-DATA, SACK, FORWARD-TSN, I-FORWARD-TSN. */
#include "wire/chunk_impl.h"

/*
 * RFC 9260 3.3.1, Payload Data (DATA) (0):
 *
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |   Type = 0    |  Res  |I|U|B|E|            Length             |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |                              TSN                              |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |      Stream Identifier S      |   Stream Sequence Number n    |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |                  Payload Protocol Identifier                  |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  \                 User Data (seq n of Stream S)                 \
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *
 * "A DATA chunk with one byte of user data will have the Length field set
 * to 17"; a receiver of a DATA chunk with no user data MUST abort with a
 * "No User Data" cause (RFC 9260 6.2), hence SCT_WE_DATA_EMPTY, distinct
 * from a chunk too short for its header (SCT_WE_CHUNK_LEN).  The I bit is
 * RFC 7053; the reserved bits are ignored.
 */
int sct_data_parse(const struct sct_chunk *c, struct sct_data *out)
{
	struct sct_rd r;
	int err = chunk_open(c, SCT_CHUNK_DATA, SCT_DATA_HDR_LEN, &r);

	if (err)
		return err;
	out->flags = c->flags;
	out->tsn = sct_rd_u32(&r);
	out->sid = sct_rd_u16(&r);
	out->ssn = sct_rd_u16(&r);
	out->ppid = sct_rd_u32(&r);
	out->user_data_len = sct_rd_left(&r);
	out->user_data = sct_rd_ptr(&r);
	return out->user_data_len ? 0 : SCT_WE_DATA_EMPTY;
}

int sct_data_emit(struct sct_wr *w, const struct sct_data *in)
{
	size_t start;

	if (!in->user_data_len)
		return SCT_WE_DATA_EMPTY;
	start = chunk_begin(w, SCT_CHUNK_DATA, in->flags);
	sct_wr_u32(w, in->tsn);
	sct_wr_u16(w, in->sid);
	sct_wr_u16(w, in->ssn);
	sct_wr_u32(w, in->ppid);
	sct_wr_bytes(w, in->user_data, in->user_data_len);
	return chunk_end(w, start);
}

/*
 * RFC 8260 2.1, I-DATA (64):
 *
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |   Type = 64   |  Res  |I|U|B|E|       Length = Variable       |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |                              TSN                              |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |        Stream Identifier      |           Reserved            |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |                      Message Identifier                       |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |    Payload Protocol Identifier / Fragment Sequence Number     |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  \                           User Data                           \
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *
 * The last word is the PPID when B is set (the first fragment has FSN 0
 * implicitly) and the FSN otherwise.
 */
int sct_idata_parse(const struct sct_chunk *c, struct sct_idata *out)
{
	struct sct_rd r;
	int err = chunk_open(c, SCT_CHUNK_I_DATA, SCT_IDATA_HDR_LEN, &r);

	if (err)
		return err;
	out->flags = c->flags;
	out->tsn = sct_rd_u32(&r);
	out->sid = sct_rd_u16(&r);
	out->reserved = sct_rd_u16(&r);
	out->mid = sct_rd_u32(&r);
	out->ppid_fsn = sct_rd_u32(&r);
	out->user_data_len = sct_rd_left(&r);
	out->user_data = sct_rd_ptr(&r);
	return out->user_data_len ? 0 : SCT_WE_DATA_EMPTY;
}

int sct_idata_emit(struct sct_wr *w, const struct sct_idata *in)
{
	size_t start;

	if (!in->user_data_len)
		return SCT_WE_DATA_EMPTY;
	start = chunk_begin(w, SCT_CHUNK_I_DATA, in->flags);
	sct_wr_u32(w, in->tsn);
	sct_wr_u16(w, in->sid);
	sct_wr_u16(w, in->reserved);
	sct_wr_u32(w, in->mid);
	sct_wr_u32(w, in->ppid_fsn);
	sct_wr_bytes(w, in->user_data, in->user_data_len);
	return chunk_end(w, start);
}

/*
 * RFC 9260 3.3.4, Selective Acknowledgement (SACK) (3):
 *
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |   Type = 3    |  Chunk Flags  |         Chunk Length          |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |                      Cumulative TSN Ack                       |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |          Advertised Receiver Window Credit (a_rwnd)           |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  | Number of Gap Ack Blocks = N  |  Number of Duplicate TSNs = M |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |    Gap Ack Block #1 Start     |     Gap Ack Block #1 End      |
 *  /                              ...                              /
 *  |                        Duplicate TSN 1                        |
 *  /                              ...                              /
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *
 * The counts fix the length: anything else is SCT_WE_SACK_LEN, as a
 * SACK whose counts overrun the chunk cannot be trusted for any of its
 * blocks.  Block contents (start <= end, ordering) are the data tracker's
 * business, not the codec's: RFC 9260 only says the blocks SHOULD be
 * isolated.
 */
int sct_sack_parse(const struct sct_chunk *c, struct sct_sack *out)
{
	struct sct_rd r;
	int err = chunk_open(c, SCT_CHUNK_SACK, SCT_SACK_HDR_LEN, &r);

	if (err)
		return err;
	out->flags = c->flags;
	out->cum_tsn_ack = sct_rd_u32(&r);
	out->a_rwnd = sct_rd_u32(&r);
	out->n_gaps = sct_rd_u16(&r);
	out->n_dups = sct_rd_u16(&r);
	if (sct_rd_left(&r) != 4 * (size_t)out->n_gaps + 4 * (size_t)out->n_dups)
		return SCT_WE_SACK_LEN;
	out->gaps = sct_rd_bytes(&r, 4 * (size_t)out->n_gaps);
	out->dups = sct_rd_bytes(&r, 4 * (size_t)out->n_dups);
	return 0;
}

int sct_sack_emit(struct sct_wr *w, const struct sct_sack *in)
{
	size_t start = chunk_begin(w, SCT_CHUNK_SACK, in->flags);

	sct_wr_u32(w, in->cum_tsn_ack);
	sct_wr_u32(w, in->a_rwnd);
	sct_wr_u16(w, in->n_gaps);
	sct_wr_u16(w, in->n_dups);
	sct_wr_bytes(w, in->gaps, 4 * (size_t)in->n_gaps);
	sct_wr_bytes(w, in->dups, 4 * (size_t)in->n_dups);
	return chunk_end(w, start);
}

int sct_sack_emit_blocks(struct sct_wr *w, uint32_t cum_tsn_ack, uint32_t a_rwnd,
			 const struct sct_gap_block *gaps, uint16_t n_gaps, const uint32_t *dups,
			 uint16_t n_dups)
{
	size_t start = chunk_begin(w, SCT_CHUNK_SACK, 0);
	size_t i;

	sct_wr_u32(w, cum_tsn_ack);
	sct_wr_u32(w, a_rwnd);
	sct_wr_u16(w, n_gaps);
	sct_wr_u16(w, n_dups);
	for (i = 0; i < n_gaps; i++) {
		sct_wr_u16(w, gaps[i].start);
		sct_wr_u16(w, gaps[i].end);
	}
	for (i = 0; i < n_dups; i++)
		sct_wr_u32(w, dups[i]);
	return chunk_end(w, start);
}

/*
 * RFC 3758 3.2, Forward Cumulative TSN (FORWARD TSN) (192):
 *
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |   Type = 192  |  Flags = 0x00 |        Length = Variable      |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |                      New Cumulative TSN                       |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |         Stream-1              |       Stream Sequence-1       |
 *  \                                                               /
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |         Stream-N              |       Stream Sequence-N       |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 */
int sct_fwd_tsn_parse(const struct sct_chunk *c, struct sct_fwd_tsn *out)
{
	struct sct_rd r;
	int err = chunk_open(c, SCT_CHUNK_FORWARD_TSN, 8, &r);

	if (err)
		return err;
	out->flags = c->flags;
	out->new_cum_tsn = sct_rd_u32(&r);
	if (sct_rd_left(&r) % 4)
		return SCT_WE_CHUNK_LEN;
	out->n_streams = sct_rd_left(&r) / 4;
	out->streams = sct_rd_ptr(&r);
	return 0;
}

int sct_fwd_tsn_emit(struct sct_wr *w, const struct sct_fwd_tsn *in)
{
	size_t start = chunk_begin(w, SCT_CHUNK_FORWARD_TSN, in->flags);

	sct_wr_u32(w, in->new_cum_tsn);
	if (in->n_streams > SCT_CHUNK_MAX_LEN / 4)
		return SCT_WE_BAD_FIELD;
	sct_wr_bytes(w, in->streams, 4 * in->n_streams);
	return chunk_end(w, start);
}

/*
 * RFC 8260 2.3.1, I-FORWARD-TSN (194):
 *
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |   Type = 194  | Flags = 0x00  |      Length = Variable        |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |                       New Cumulative TSN                      |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |       Stream Identifier       |          Reserved           |U|
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |                       Message Identifier                      |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  \                              ...                              /
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 */
int sct_ifwd_tsn_parse(const struct sct_chunk *c, struct sct_ifwd_tsn *out)
{
	struct sct_rd r;
	int err = chunk_open(c, SCT_CHUNK_I_FORWARD_TSN, 8, &r);

	if (err)
		return err;
	out->flags = c->flags;
	out->new_cum_tsn = sct_rd_u32(&r);
	if (sct_rd_left(&r) % 8)
		return SCT_WE_CHUNK_LEN;
	out->n_entries = sct_rd_left(&r) / 8;
	out->entries = sct_rd_ptr(&r);
	return 0;
}

int sct_ifwd_tsn_emit(struct sct_wr *w, const struct sct_ifwd_tsn *in)
{
	size_t start = chunk_begin(w, SCT_CHUNK_I_FORWARD_TSN, in->flags);

	sct_wr_u32(w, in->new_cum_tsn);
	if (in->n_entries > SCT_CHUNK_MAX_LEN / 8)
		return SCT_WE_BAD_FIELD;
	sct_wr_bytes(w, in->entries, 8 * in->n_entries);
	return chunk_end(w, start);
}
