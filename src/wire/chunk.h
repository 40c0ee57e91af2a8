/* SPDX-License-Identifier: MIT */
/* chunk.h: parsed forms and parse/emit functions of every SCTP chunk. */
#ifndef SCT_WIRE_CHUNK_H
#define SCT_WIRE_CHUNK_H

/*
 * Theory of operation
 *
 * Each chunk type has a plain struct and a pair of functions:
 *
 *   int sct_<chunk>_parse(const struct sct_chunk *c, struct sct_<chunk> *out);
 *   int sct_<chunk>_emit(struct sct_wr *w, const struct sct_<chunk> *in);
 *
 * parse() takes a chunk found by sct_chunk_next() (or sct_chunk_read()),
 * checks its type, its minimum length and every rule the RFC states for
 * its fields, and fills @out with values and with pointers into the packet
 * (zero copy).  Variable-length areas (parameters, error causes, cookie,
 * user data) are exposed as pointer + length; parameters and causes are
 * walked by wire/param.h and wire/cause.h.
 *
 * emit() writes header, value and the zero padding to a multiple of four
 * (RFC 9260 3.2) and computes the Chunk Length itself.  On error the
 * writer's sticky flag may be set and its offset is not rolled back.
 *
 * Every struct keeps the whole Chunk Flags byte (and the reserved fields
 * that the RFCs tell receivers to ignore) so that parse -> emit gives the
 * same bytes back; the named bits are the SCT_*_FLAG_* constants.
 * Reserved bits are never a reason to reject a chunk (RFC 9260 3.2:
 * "set to 0 on transmit and ignored on receipt").
 *
 * Fixed-size chunks check a minimum length only (bytes past the fixed
 * fields are ignored, as Linux does); chunks whose length is defined by
 * counts (SACK) or by entries (FORWARD-TSN, I-FORWARD-TSN) must match
 * exactly.
 *
 * Common errors, listed once here and not repeated on every function:
 *   parse: SCT_WE_CHUNK_TYPE when @c is not of the function's type,
 *          SCT_WE_CHUNK_LEN when the chunk is shorter than its minimum;
 *   emit:  SCT_WE_NOSPACE when @w is too small (or had failed before),
 *          SCT_WE_BAD_FIELD when the chunk would exceed 65535 bytes.
 */

#include <stddef.h>
#include <stdint.h>

#include "common/cursor.h"
#include "wire/sctp.h"
#include "wire/sctp_types.h"

/* ---------------------------------------------------------------- DATA (RFC 9260 3.3.1) */

#define SCT_DATA_FLAG_E 0x01 /* ending fragment */
#define SCT_DATA_FLAG_B 0x02 /* beginning fragment */
#define SCT_DATA_FLAG_U 0x04 /* unordered */
#define SCT_DATA_FLAG_I 0x08 /* immediately (RFC 7053) */

#define SCT_DATA_HDR_LEN 16

struct sct_data {
	uint8_t flags; /* SCT_DATA_FLAG_* */
	uint32_t tsn;
	uint16_t sid;
	uint16_t ssn;
	uint32_t ppid;
	const uint8_t *user_data;
	size_t user_data_len;
};

/** sct_data_parse() - DATA.  Also SCT_WE_DATA_EMPTY when it carries no user data. */
int sct_data_parse(const struct sct_chunk *c, struct sct_data *out);
/** sct_data_emit() - DATA.  Also SCT_WE_DATA_EMPTY when @in has no user data. */
int sct_data_emit(struct sct_wr *w, const struct sct_data *in);

/* ---------------------------------------------------------------- I-DATA (RFC 8260 2.1) */

#define SCT_IDATA_HDR_LEN 20

struct sct_idata {
	uint8_t flags; /* SCT_DATA_FLAG_* (same bits as DATA) */
	uint32_t tsn;
	uint16_t sid;
	uint16_t reserved; /* ignored on receipt, kept for round trips */
	uint32_t mid;
	uint32_t ppid_fsn; /* PPID when the B bit is set, FSN otherwise */
	const uint8_t *user_data;
	size_t user_data_len;
};

/** sct_idata_parse() - I-DATA.  Also SCT_WE_DATA_EMPTY. */
int sct_idata_parse(const struct sct_chunk *c, struct sct_idata *out);
/** sct_idata_emit() - I-DATA.  Also SCT_WE_DATA_EMPTY. */
int sct_idata_emit(struct sct_wr *w, const struct sct_idata *in);

/* ---------------------------------------------------------------- INIT / INIT ACK (RFC
 * 9260 3.3.2, 3.3.3) */

#define SCT_INIT_HDR_LEN  20
#define SCT_INIT_MIN_RWND 1500

struct sct_init {
	uint8_t flags; /* reserved */
	uint32_t itag; /* Initiate Tag */
	uint32_t a_rwnd;
	uint16_t os;   /* Number of Outbound Streams */
	uint16_t mis;  /* Number of Inbound Streams */
	uint32_t itsn; /* Initial TSN */
	const uint8_t *params;
	size_t params_len;
};

/**
 * sct_init_parse() - INIT.
 *
 * On SCT_WE_INIT_TAG_ZERO, SCT_WE_INIT_STREAMS and SCT_WE_INIT_RWND @out
 * is still filled in full: RFC 9260 3.3.2 asks the receiver to answer
 * the last two with an ABORT carrying the Initiate Tag as vtag.
 *
 * Return: 0; SCT_WE_INIT_TAG_ZERO (Initiate Tag 0: discard silently),
 * SCT_WE_INIT_STREAMS (OS or MIS 0), SCT_WE_INIT_RWND (a_rwnd < 1500).
 */
int sct_init_parse(const struct sct_chunk *c, struct sct_init *out);
/** sct_init_ack_parse() - INIT ACK; the same rules and errors as sct_init_parse(). */
int sct_init_ack_parse(const struct sct_chunk *c, struct sct_init *out);
/** sct_init_emit() - INIT.  Refuses what sct_init_parse() rejects (same errors). */
int sct_init_emit(struct sct_wr *w, const struct sct_init *in);
/** sct_init_ack_emit() - INIT ACK.  Same errors as sct_init_emit(). */
int sct_init_ack_emit(struct sct_wr *w, const struct sct_init *in);

/* ---------------------------------------------------------------- SACK (RFC 9260 3.3.4) */

#define SCT_SACK_HDR_LEN 16

struct sct_sack {
	uint8_t flags; /* reserved */
	uint32_t cum_tsn_ack;
	uint32_t a_rwnd;
	uint16_t n_gaps;
	uint16_t n_dups;
	const uint8_t *gaps; /* n_gaps * 4 bytes, wire form: sct_sack_gap() */
	const uint8_t *dups; /* n_dups * 4 bytes, wire form: sct_sack_dup() */
};

/** struct sct_gap_block - one Gap Ack Block, offsets from the Cumulative TSN Ack. */
struct sct_gap_block {
	uint16_t start;
	uint16_t end;
};

/** sct_sack_parse() - SACK.  Also SCT_WE_SACK_LEN when the length is not 16 + 4N + 4M. */
int sct_sack_parse(const struct sct_chunk *c, struct sct_sack *out);
/** sct_sack_emit() - SACK from a parsed form (gaps and dups in wire form). */
int sct_sack_emit(struct sct_wr *w, const struct sct_sack *in);
/**
 * sct_sack_emit_blocks() - SACK from host arrays (what a receiver builds).
 * @gaps/@n_gaps and @dups/@n_dups may be NULL/0.
 */
int sct_sack_emit_blocks(struct sct_wr *w, uint32_t cum_tsn_ack, uint32_t a_rwnd,
			 const struct sct_gap_block *gaps, uint16_t n_gaps, const uint32_t *dups,
			 uint16_t n_dups);

/** sct_sack_gap() - Gap Ack Block @i (< n_gaps) of a parsed SACK. */
static inline struct sct_gap_block sct_sack_gap(const struct sct_sack *s, size_t i)
{
	struct sct_gap_block b = {sct_get_u16(s->gaps + 4 * i), sct_get_u16(s->gaps + 4 * i + 2)};
	return b;
}

/** sct_sack_dup() - Duplicate TSN @i (< n_dups) of a parsed SACK. */
static inline uint32_t sct_sack_dup(const struct sct_sack *s, size_t i)
{
	return sct_get_u32(s->dups + 4 * i);
}

/* ---------------------------------------------------------------- HEARTBEAT / HEARTBEAT ACK (RFC
 * 9260 3.3.5, 3.3.6) */

struct sct_heartbeat {
	uint8_t flags;	     /* reserved */
	const uint8_t *info; /* Sender-Specific Heartbeat Info (the TLV's value) */
	size_t info_len;
};

/**
 * sct_heartbeat_parse() - HEARTBEAT.
 *
 * Return: 0; SCT_WE_HB_INFO when the value is not one Heartbeat Info
 * parameter (type 1) whose length (>= 4) fits the chunk; SCT_WE_TRAILING
 * when bytes follow that parameter and its padding.
 */
int sct_heartbeat_parse(const struct sct_chunk *c, struct sct_heartbeat *out);
/** sct_heartbeat_ack_parse() - HEARTBEAT ACK; errors as sct_heartbeat_parse(). */
int sct_heartbeat_ack_parse(const struct sct_chunk *c, struct sct_heartbeat *out);
/** sct_heartbeat_emit() - HEARTBEAT (wraps @in->info in a Heartbeat Info TLV). */
int sct_heartbeat_emit(struct sct_wr *w, const struct sct_heartbeat *in);
/** sct_heartbeat_ack_emit() - HEARTBEAT ACK. */
int sct_heartbeat_ack_emit(struct sct_wr *w, const struct sct_heartbeat *in);

/* ---------------------------------------------------------------- ABORT / ERROR (RFC
 * 9260 3.3.7, 3.3.10) */

#define SCT_ABORT_FLAG_T 0x01 /* the vtag is reflected (RFC 9260 3.3.7) */

struct sct_abort {
	uint8_t flags; /* SCT_ABORT_FLAG_T */
	const uint8_t *causes;
	size_t causes_len;
};

struct sct_error {
	uint8_t flags;	       /* reserved */
	const uint8_t *causes; /* one or more (RFC 9260 3.3.10) */
	size_t causes_len;
};

/** sct_abort_parse() - ABORT (zero or more error causes). */
int sct_abort_parse(const struct sct_chunk *c, struct sct_abort *out);
/** sct_abort_emit() - ABORT. */
int sct_abort_emit(struct sct_wr *w, const struct sct_abort *in);
/** sct_error_parse() - ERROR; SCT_WE_CHUNK_LEN also when it has no room for one cause. */
int sct_error_parse(const struct sct_chunk *c, struct sct_error *out);
/** sct_error_emit() - ERROR; SCT_WE_BAD_FIELD also when @in->causes_len < 4. */
int sct_error_emit(struct sct_wr *w, const struct sct_error *in);

/* ---------------------------------------------------------------- SHUTDOWN family (RFC
 * 9260 3.3.8, 3.3.9, 3.3.13) */

#define SCT_SHUTDOWN_COMPLETE_FLAG_T 0x01

struct sct_shutdown {
	uint8_t flags; /* reserved */
	uint32_t cum_tsn_ack;
};

/* SHUTDOWN ACK, COOKIE ACK and SHUTDOWN COMPLETE have nothing but flags. */
struct sct_chunk_empty {
	uint8_t flags; /* SCT_SHUTDOWN_COMPLETE_FLAG_T for SHUTDOWN COMPLETE, else reserved */
};

/** sct_shutdown_parse() - SHUTDOWN. */
int sct_shutdown_parse(const struct sct_chunk *c, struct sct_shutdown *out);
/** sct_shutdown_emit() - SHUTDOWN. */
int sct_shutdown_emit(struct sct_wr *w, const struct sct_shutdown *in);
/** sct_shutdown_ack_parse() - SHUTDOWN ACK. */
int sct_shutdown_ack_parse(const struct sct_chunk *c, struct sct_chunk_empty *out);
/** sct_shutdown_ack_emit() - SHUTDOWN ACK. */
int sct_shutdown_ack_emit(struct sct_wr *w, const struct sct_chunk_empty *in);
/** sct_shutdown_complete_parse() - SHUTDOWN COMPLETE (T flag). */
int sct_shutdown_complete_parse(const struct sct_chunk *c, struct sct_chunk_empty *out);
/** sct_shutdown_complete_emit() - SHUTDOWN COMPLETE. */
int sct_shutdown_complete_emit(struct sct_wr *w, const struct sct_chunk_empty *in);

/* ---------------------------------------------------------------- COOKIE ECHO / COOKIE ACK (RFC
 * 9260 3.3.11, 3.3.12) */

struct sct_cookie_echo {
	uint8_t flags; /* reserved */
	const uint8_t *cookie;
	size_t cookie_len;
};

/** sct_cookie_echo_parse() - COOKIE ECHO. */
int sct_cookie_echo_parse(const struct sct_chunk *c, struct sct_cookie_echo *out);
/** sct_cookie_echo_emit() - COOKIE ECHO. */
int sct_cookie_echo_emit(struct sct_wr *w, const struct sct_cookie_echo *in);
/** sct_cookie_ack_parse() - COOKIE ACK. */
int sct_cookie_ack_parse(const struct sct_chunk *c, struct sct_chunk_empty *out);
/** sct_cookie_ack_emit() - COOKIE ACK. */
int sct_cookie_ack_emit(struct sct_wr *w, const struct sct_chunk_empty *in);

/* ---------------------------------------------------------------- ECNE / CWR (RFC 9260 appendix A,
 * RFC 4960 appendix A layout) */

struct sct_ecn {
	uint8_t flags; /* reserved */
	uint32_t lowest_tsn;
};

/** sct_ecne_parse() - ECN-Echo. */
int sct_ecne_parse(const struct sct_chunk *c, struct sct_ecn *out);
/** sct_ecne_emit() - ECN-Echo. */
int sct_ecne_emit(struct sct_wr *w, const struct sct_ecn *in);
/** sct_cwr_parse() - CWR. */
int sct_cwr_parse(const struct sct_chunk *c, struct sct_ecn *out);
/** sct_cwr_emit() - CWR. */
int sct_cwr_emit(struct sct_wr *w, const struct sct_ecn *in);

/* ---------------------------------------------------------------- FORWARD-TSN (RFC 3758 3.2) */

struct sct_fwd_tsn {
	uint8_t flags; /* reserved */
	uint32_t new_cum_tsn;
	size_t n_streams;
	const uint8_t *streams; /* n_streams * 4 bytes: sct_fwd_tsn_stream() */
};

/** struct sct_fwd_tsn_entry - one (Stream, Stream Sequence) pair of a FORWARD-TSN. */
struct sct_fwd_tsn_entry {
	uint16_t sid;
	uint16_t ssn;
};

/** sct_fwd_tsn_parse() - FORWARD-TSN.  SCT_WE_CHUNK_LEN also when the entries are not whole. */
int sct_fwd_tsn_parse(const struct sct_chunk *c, struct sct_fwd_tsn *out);
/** sct_fwd_tsn_emit() - FORWARD-TSN from a parsed form. */
int sct_fwd_tsn_emit(struct sct_wr *w, const struct sct_fwd_tsn *in);

static inline struct sct_fwd_tsn_entry sct_fwd_tsn_stream(const struct sct_fwd_tsn *f, size_t i)
{
	struct sct_fwd_tsn_entry e = {sct_get_u16(f->streams + 4 * i),
				      sct_get_u16(f->streams + 4 * i + 2)};
	return e;
}

/* ---------------------------------------------------------------- I-FORWARD-TSN (RFC 8260 2.3.1)
 */

#define SCT_IFWD_FLAG_U 0x0001 /* in the 16-bit entry flags: the MID is unordered */

struct sct_ifwd_tsn {
	uint8_t flags; /* reserved */
	uint32_t new_cum_tsn;
	size_t n_entries;
	const uint8_t *entries; /* n_entries * 8 bytes: sct_ifwd_tsn_entry() */
};

struct sct_ifwd_tsn_entry {
	uint16_t sid;
	uint16_t flags; /* 15 reserved bits and SCT_IFWD_FLAG_U */
	uint32_t mid;
};

/** sct_ifwd_tsn_parse() - I-FORWARD-TSN.  SCT_WE_CHUNK_LEN also when entries are not whole. */
int sct_ifwd_tsn_parse(const struct sct_chunk *c, struct sct_ifwd_tsn *out);
/** sct_ifwd_tsn_emit() - I-FORWARD-TSN from a parsed form. */
int sct_ifwd_tsn_emit(struct sct_wr *w, const struct sct_ifwd_tsn *in);

static inline struct sct_ifwd_tsn_entry sct_ifwd_tsn_entry(const struct sct_ifwd_tsn *f, size_t i)
{
	struct sct_ifwd_tsn_entry e = {sct_get_u16(f->entries + 8 * i),
				       sct_get_u16(f->entries + 8 * i + 2),
				       sct_get_u32(f->entries + 8 * i + 4)};
	return e;
}

/* ---------------------------------------------------------------- PAD (RFC 4820 3) */

struct sct_pad {
	uint8_t flags;	    /* reserved */
	const uint8_t *pad; /* contents ignored by the receiver */
	size_t pad_len;
};

/** sct_pad_parse() - PAD. */
int sct_pad_parse(const struct sct_chunk *c, struct sct_pad *out);
/** sct_pad_emit() - PAD; writes @in->pad, or zeros when it is NULL. */
int sct_pad_emit(struct sct_wr *w, const struct sct_pad *in);

/* ---------------------------------------------------------------- AUTH (RFC 4895 4.1) */

#define SCT_AUTH_HDR_LEN 8

struct sct_auth {
	uint8_t flags;	 /* reserved */
	uint16_t key_id; /* Shared Key Identifier */
	uint16_t hmac_id;
	const uint8_t *hmac;
	size_t hmac_len;
};

/** sct_auth_parse() - AUTH (the HMAC's length is checked against hmac_id by the caller). */
int sct_auth_parse(const struct sct_chunk *c, struct sct_auth *out);
/** sct_auth_emit() - AUTH; writes @in->hmac, or zeros when it is NULL (to be filled later). */
int sct_auth_emit(struct sct_wr *w, const struct sct_auth *in);
/**
 * sct_auth_hmac_offset() - where the HMAC of an AUTH chunk starts in its packet.
 *
 * RFC 4895 6.2: the HMAC is computed over the AUTH chunk (with the HMAC
 * field zeroed) and every chunk after it; the caller copies the packet,
 * zeros hmac_len bytes at this offset and computes the HMAC over the copy
 * from @c->offset.  @c must come from sct_chunk_next().
 */
static inline size_t sct_auth_hmac_offset(const struct sct_chunk *c)
{
	return c->offset + SCT_AUTH_HDR_LEN;
}

/* ---------------------------------------------------------------- ASCONF / ASCONF-ACK (RFC
 * 5061 4.1.1, 4.1.2) */

struct sct_asconf {
	uint8_t flags; /* reserved */
	uint32_t serial;
	const uint8_t *params; /* Address Parameter first, then ASCONF parameters */
	size_t params_len;
};

/**
 * sct_asconf_parse() - ASCONF.
 *
 * Return: 0; SCT_WE_PARAM_MISSING when the first parameter is not an
 * IPv4 or IPv6 Address Parameter (RFC 5061 4.1.1 makes it mandatory);
 * SCT_WE_PARAM_LEN when that parameter's length is wrong for its type or
 * runs past the chunk.
 */
int sct_asconf_parse(const struct sct_chunk *c, struct sct_asconf *out);
/** sct_asconf_emit() - ASCONF (parameters copied as they are). */
int sct_asconf_emit(struct sct_wr *w, const struct sct_asconf *in);
/** sct_asconf_ack_parse() - ASCONF-ACK (serial, then zero or more responses). */
int sct_asconf_ack_parse(const struct sct_chunk *c, struct sct_asconf *out);
/** sct_asconf_ack_emit() - ASCONF-ACK. */
int sct_asconf_ack_emit(struct sct_wr *w, const struct sct_asconf *in);

/* ---------------------------------------------------------------- RE-CONFIG (RFC 6525 3.1) */

struct sct_reconfig {
	uint8_t flags;	       /* reserved */
	const uint8_t *params; /* one or two parameters */
	size_t params_len;
};

/** sct_reconfig_parse() - RE-CONFIG; SCT_WE_CHUNK_LEN also when no parameter fits. */
int sct_reconfig_parse(const struct sct_chunk *c, struct sct_reconfig *out);
/** sct_reconfig_emit() - RE-CONFIG; SCT_WE_BAD_FIELD also when @in->params_len < 4. */
int sct_reconfig_emit(struct sct_wr *w, const struct sct_reconfig *in);

/* ---------------------------------------------------------------- any chunk */

/** union sct_chunk_any - the parsed form of any known chunk, selected by its type. */
union sct_chunk_any {
	struct sct_data data;
	struct sct_idata idata;
	struct sct_init init; /* INIT and INIT ACK */
	struct sct_sack sack;
	struct sct_heartbeat hb; /* HEARTBEAT and HEARTBEAT ACK */
	struct sct_abort abort;
	struct sct_error error;
	struct sct_shutdown shutdown;
	struct sct_chunk_empty empty; /* SHUTDOWN ACK, COOKIE ACK, SHUTDOWN COMPLETE */
	struct sct_cookie_echo cookie_echo;
	struct sct_ecn ecn; /* ECNE and CWR */
	struct sct_fwd_tsn fwd_tsn;
	struct sct_ifwd_tsn ifwd_tsn;
	struct sct_pad pad;
	struct sct_auth auth;
	struct sct_asconf asconf; /* ASCONF and ASCONF-ACK */
	struct sct_reconfig reconfig;
};

/** sct_chunk_known() - true when this module has a codec for chunk type @type. */
int sct_chunk_known(uint8_t type);

/**
 * sct_chunk_parse_any() - parse @c with the codec of its type.
 *
 * Return: what that codec returns; SCT_WE_CHUNK_TYPE for an unknown type
 * (the caller applies sct_chunk_unknown_action()).
 */
int sct_chunk_parse_any(const struct sct_chunk *c, union sct_chunk_any *out);

/** sct_chunk_emit_any() - emit @in as a chunk of type @type; errors as the type's emitter. */
int sct_chunk_emit_any(struct sct_wr *w, uint8_t type, const union sct_chunk_any *in);

/** sct_chunk_name() - "DATA", "INIT_ACK"... (Wireshark's spelling); NULL for an unknown type. */
const char *sct_chunk_name(uint8_t type);

#endif /* SCT_WIRE_CHUNK_H */
