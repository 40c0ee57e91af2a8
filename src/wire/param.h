/* SPDX-License-Identifier: MIT */
/* param.h: SCTP parameter (TLV) iterator, per-type codecs and the INIT/ASCONF/RE-CONFIG walkers. */
#ifndef SCT_WIRE_PARAM_H
#define SCT_WIRE_PARAM_H

/*
 * Theory of operation
 *
 * A chunk codec hands us its parameter area as a byte pointer and length.
 * struct sct_tlv_iter walks that area and checks only the framing of RFC 9260
 * 3.2.1 (length >= 4, inside the area, padding); sct_param_parse() then turns
 * one TLV into a struct sct_param whose pointers point into the input
 * (zero-copy), checking the value against the RFC section of that type.
 * sct_param_emit() is the inverse; it re-parses what it wrote, so it can
 * never produce bytes that sct_param_parse() would reject.
 *
 * On top of that sit three walkers for whole areas: INIT/INIT ACK
 * (sct_init_params_parse, which applies the unknown-type rule of the upper
 * two bits), ASCONF (sct_asconf_params_parse) and RE-CONFIG
 * (sct_reconf_params_parse, which enforces the combinations of RFC 6525 3.1).
 *
 * Padding rule (RFC 9260 3.2 and 3.2.1).  Every parameter but the last is
 * followed by 0-3 padding bytes that bring it to a multiple of 4.  The Chunk
 * Length "does include any padding of variable-length parameters other than
 * the last parameter", and "a robust implementation is expected to accept the
 * chunk whether or not the final padding has been included", so the area may
 * end either right after the last parameter's value or after its padding.
 * An area that ends inside padding (1 or 2 of the 3 bytes present) is
 * SCT_WE_PARAM_PAD.  The content of padding bytes is not checked: "The
 * receiver MUST ignore the padding bytes."  Emitters always write padding,
 * zero-filled, including after the last parameter.
 */

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "common/addr.h"
#include "common/cursor.h"
#include "wire/sctp_types.h"

/* A view of bytes inside the input (parse) or supplied by the caller (emit). */
struct sct_bytes {
	const uint8_t *p;
	size_t len;
};

/* A list of 16-bit big-endian values inside the input; read with sct_u16_list_get(). */
struct sct_u16_list {
	const uint8_t *be; /* 2 * n bytes, network order */
	size_t n;
};

static inline uint16_t sct_u16_list_get(const struct sct_u16_list *l, size_t i)
{
	return sct_get_u16(l->be + 2 * i);
}

/**
 * sct_u16_list_fill() - build a list view from host-order values for emitting.
 * @buf: 2 * @n bytes of storage that must outlive the view.
 */
struct sct_u16_list sct_u16_list_fill(uint8_t *buf, const uint16_t *v, size_t n);

/* One TLV (parameter or error cause) as the iterator hands it out. */
struct sct_tlv {
	uint16_t type;	    /* Parameter Type / Cause Code */
	uint16_t len;	    /* its Length field: header + value, no padding */
	const uint8_t *raw; /* first byte of the TLV (the type field) */
	const uint8_t *val; /* the value: len - 4 bytes */
	size_t val_len;
};

struct sct_tlv_iter {
	const uint8_t *p;
	size_t len;
	size_t off;
	int err; /* sticky: once an error is returned it is returned again */
};

/** sct_tlv_iter_init() - iterate over the TLVs in @p[0..@len). */
void sct_tlv_iter_init(struct sct_tlv_iter *it, const uint8_t *p, size_t len);

/**
 * sct_param_next() - the next parameter of the area (RFC 9260 3.2.1).
 * Return: 1 with @tlv filled, 0 at the end of the area, or
 * %SCT_WE_PARAM_LEN (fewer than 4 bytes left, Length < 4 or past the area),
 * %SCT_WE_PARAM_PAD (the area ends inside the padding of the last parameter).
 * Errors are sticky.
 */
int sct_param_next(struct sct_tlv_iter *it, struct sct_tlv *tlv);

/*
 * sct_tlv_next() - the framing shared by parameters and error causes: return
 * 1/0 like sct_param_next(), or @err_len / @err_pad.  (Used by cause.c.)
 */
int sct_tlv_next(struct sct_tlv_iter *it, struct sct_tlv *tlv, int err_len, int err_pad);

/*
 * sct_tlv_wrapped_ok() - true when @p[0..@n) is exactly one TLV, optionally
 * followed by its padding: the form in which RFC 9260 3.3.3.1.2, 3.3.10.5
 * and RFC 5061 4.3 copy a parameter into another one.
 */
bool sct_tlv_wrapped_ok(const uint8_t *p, size_t n);

/* Result codes of the Re-configuration Response Parameter (RFC 6525 4.4, table 3). */
enum sct_reconf_result {
	SCT_RECONF_SUCCESS_NOTHING = 0,
	SCT_RECONF_SUCCESS_PERFORMED = 1,
	SCT_RECONF_DENIED = 2,
	SCT_RECONF_ERR_WRONG_SSN = 3,
	SCT_RECONF_ERR_IN_PROGRESS = 4,
	SCT_RECONF_ERR_BAD_SEQNO = 5,
	SCT_RECONF_IN_PROGRESS = 6,
};
#define SCT_RECONF_RESULT_MAX SCT_RECONF_IN_PROGRESS

/* HMAC identifiers (RFC 4895 3.3, table 2). */
#define SCT_HMAC_SHA1	1
#define SCT_HMAC_SHA256 3

/* RFC 4895 6.1: "The RANDOM parameter MUST contain a 32-byte Random Number." */
#define SCT_AUTH_RANDOM_LEN 32
/* RFC 4895 3.2: the CHUNKS parameter's "maximum length is 260 bytes". */
#define SCT_AUTH_CHUNK_LIST_MAX_LEN 260

/* Add IP / Delete IP / Set Primary (RFC 5061 4.2.1, 4.2.2, 4.2.4). */
struct sct_param_asconf_req {
	uint32_t cid; /* ASCONF-Request Correlation ID */
	struct sct_addr addr;
};

/* Error Cause Indication (RFC 5061 4.2.3). */
struct sct_param_cause_ind {
	uint32_t cid;		 /* ASCONF-Response Correlation ID */
	struct sct_bytes causes; /* one or more error causes (see cause.h) */
};

/* Outgoing SSN Reset Request (RFC 6525 4.1). */
struct sct_param_out_reset {
	uint32_t req_seq;
	uint32_t resp_seq;
	uint32_t last_tsn;	     /* Sender's Last Assigned TSN */
	struct sct_u16_list streams; /* empty: all streams */
};

/* Incoming SSN Reset Request (RFC 6525 4.2). */
struct sct_param_in_reset {
	uint32_t req_seq;
	struct sct_u16_list streams; /* empty: all streams */
};

/* Re-configuration Response (RFC 6525 4.4). */
struct sct_param_reconf_resp {
	uint32_t resp_seq;
	uint32_t result; /* enum sct_reconf_result */
	bool has_tsns;	 /* both optional fields present (length 20) */
	uint32_t sender_next_tsn;
	uint32_t receiver_next_tsn;
};

/* Add Outgoing / Incoming Streams (RFC 6525 4.5, 4.6). */
struct sct_param_add_streams {
	uint32_t req_seq;
	uint16_t n_new; /* Number of new streams */
};

/*
 * A parsed parameter.  ->type selects the member of ->u; a type this file
 * does not know is kept as ->u.bytes (its value), so it still round-trips.
 */
struct sct_param {
	uint16_t type; /* enum sct_param_type or unknown */
	union {
		/* IPV4, IPV6 */
		struct sct_addr addr;
		/* HEARTBEAT_INFO, STATE_COOKIE, HOST_NAME (with its NUL), RANDOM,
		 * PADDING, UNRECOGNIZED (the wrapped TLV), unknown types */
		struct sct_bytes bytes;
		/* COOKIE_PRESERVATIVE: Suggested Cookie Life-Span Increment */
		uint32_t cookie_inc_ms;
		/* SUPPORTED_ADDR_TYPES */
		struct sct_u16_list addr_types;
		/* ZERO_CHECKSUM: Error Detection Method Identifier */
		uint32_t edmid;
		/* CHUNK_LIST, SUPPORTED_EXT: one chunk type per byte */
		struct sct_bytes chunk_types;
		/* HMAC_ALGO */
		struct sct_u16_list hmac_ids;
		/* ADD_IP, DEL_IP, SET_PRIMARY */
		struct sct_param_asconf_req asconf;
		/* ERROR_CAUSE_IND */
		struct sct_param_cause_ind cause_ind;
		/* SUCCESS_IND: ASCONF-Response Correlation ID */
		uint32_t success_cid;
		/* ADAPTATION_IND: Adaptation Code point */
		uint32_t adaptation;
		/* OUT_SSN_RESET */
		struct sct_param_out_reset out_reset;
		/* IN_SSN_RESET */
		struct sct_param_in_reset in_reset;
		/* SSN_TSN_RESET: Re-configuration Request Sequence Number */
		uint32_t ssn_tsn_req_seq;
		/* RECONF_RESPONSE */
		struct sct_param_reconf_resp reconf_resp;
		/* ADD_OUT_STREAMS, ADD_IN_STREAMS */
		struct sct_param_add_streams add_streams;
		/* ECN_CAPABLE, FORWARD_TSN_SUPPORTED carry nothing */
	} u;
};

/**
 * sct_param_known() - true when sct_param_parse() decodes @type itself
 * (false: it keeps the value as opaque bytes).
 */
bool sct_param_known(uint16_t type);

/**
 * sct_param_parse() - decode one parameter TLV from sct_param_next().
 * Return: 0, or %SCT_WE_PARAM_VALUE when the value does not fit the type
 * (wrong fixed length, empty or odd-sized list where the RFC forbids it, a
 * wrapped TLV whose length disagrees, a Random that is not 32 bytes, an
 * HMAC-ALGO without SHA-1, an unknown RE-CONFIG result, a Host Name without
 * NUL, a multicast/broadcast address in an ASCONF request), or an error of
 * sct_cause_next() for the causes inside an Error Cause Indication.
 */
int sct_param_parse(const struct sct_tlv *tlv, struct sct_param *out);

/**
 * sct_param_emit() - write @p as a TLV with its zero padding.
 * Return: 0; %SCT_WE_NOSPACE when @w is too small (w->err is set);
 * %SCT_WE_PARAM_LEN when the value would not fit the 16-bit length; or the
 * error sct_param_parse() gives for the written bytes (nothing is kept in
 * @w then).  %SCT_WE_PARAM_VALUE also for an address of the wrong family.
 */
int sct_param_emit(struct sct_wr *w, const struct sct_param *p);

/**
 * sct_tlv_close() - finish a TLV whose 4-byte header was reserved at @start and
 * whose value follows: write type and length, zero-pad to 4, and describe it in
 * @t for a re-parse.  Shared by the parameter and error-cause emitters.
 * Return: 0; SCT_WE_NOSPACE when @w overflowed; @err_len when the TLV is longer
 * than 65535 bytes (nothing is kept in @w then).
 */
int sct_tlv_close(struct sct_wr *w, size_t start, uint16_t type, int err_len, struct sct_tlv *t);

/** sct_bytes_eq() - two byte views hold the same bytes. */
bool sct_bytes_eq(const struct sct_bytes *a, const struct sct_bytes *b);

/** sct_param_eq() - equal by value (views compared by content, not address). */
bool sct_param_eq(const struct sct_param *a, const struct sct_param *b);

/** sct_param_name() - short name of a parameter type ("IPv4", "StateCookie", "Unknown"). */
const char *sct_param_name(uint16_t type);

/**
 * sct_param_fmt() - one line for logs, e.g. "IPv4 192.0.2.1".
 * Return: what snprintf() returns (the length the full line needs).
 */
int sct_param_fmt(const struct sct_param *p, char *buf, size_t len);

/** sct_auth_chunk_listed() - @type in a CHUNKS list, ignoring the types RFC 4895 3.2 says to
 * ignore. */
bool sct_auth_chunk_listed(const struct sct_bytes *chunk_list, uint8_t type);

/* ------------------------------------------------------------ INIT / INIT ACK */

/* Limits of struct sct_init_params: what does not fit is counted, not stored. */
#define SCT_INIT_MAX_ADDRS	32 /* IPv4/IPv6 Address parameters kept */
#define SCT_INIT_MAX_REPORT	16 /* unrecognized parameters kept for reporting */
#define SCT_INIT_MAX_PEER_UNREC 8  /* Unrecognized Parameter (8) entries of an INIT ACK */

/* Supported Address Types as a mask (RFC 9260 3.3.2.1.5). */
#define SCT_ADDRTYPE_V4 0x1
#define SCT_ADDRTYPE_V6 0x2

struct sct_init_params {
	struct sct_addr addrs[SCT_INIT_MAX_ADDRS];
	size_t n_addrs;
	size_t n_addrs_dropped; /* valid addresses beyond SCT_INIT_MAX_ADDRS */

	bool has_cookie_preservative;
	uint32_t cookie_inc_ms;

	/* RFC 9260 3.3.2.1.4: the receiver MUST send an ABORT, MAY with an
	 * Unresolvable Address cause carrying this TLV. */
	bool has_host_name;
	struct sct_bytes host_name_tlv;

	bool has_addr_types;
	uint8_t addr_types; /* SCT_ADDRTYPE_* (Host Name is ignored on receipt) */

	bool has_state_cookie; /* INIT ACK only */
	struct sct_bytes state_cookie;

	bool ecn_capable;
	bool forward_tsn;

	bool has_adaptation;
	uint32_t adaptation;

	bool has_set_primary; /* RFC 5061 4.2.4 allows it in INIT / INIT ACK */
	struct sct_addr set_primary;

	bool has_supported_ext;
	struct sct_bytes supported_ext;

	bool has_random;
	struct sct_bytes random;
	bool has_chunk_list;
	struct sct_bytes chunk_list;
	bool has_hmac_algo;
	struct sct_u16_list hmac_ids;

	bool has_zero_checksum;
	uint32_t edmid;

	/* INIT ACK: the peer's report of our INIT's unrecognized parameters. */
	struct sct_bytes peer_unrec[SCT_INIT_MAX_PEER_UNREC]; /* the wrapped TLVs */
	size_t n_peer_unrec;
	size_t n_peer_unrec_dropped;

	/* Unknown (or not valid in this chunk) parameters with action 01/11. */
	struct sct_bytes report[SCT_INIT_MAX_REPORT]; /* whole TLVs, without padding */
	size_t n_report;
	size_t n_report_dropped;

	/* Action 00/01 met: parameters after it were not processed. */
	bool stopped;
	uint16_t stop_type;
};

/**
 * sct_init_params_parse() - walk the parameters of an INIT or INIT ACK.
 * @p, @len: the area after the fixed fields of the chunk.
 * @is_init_ack: which chunk; decides which parameter types are valid.
 * @out: zeroed and filled; views point into @p.
 *
 * A type not known, or known but not valid in this chunk (RFC 5061 4.2: "If
 * the receiver chooses NOT to abort, the parameter MUST be ignored"), gets
 * the rule of its upper two bits (RFC 9260 3.2.1): 01/11 are recorded in
 * ->report, 00/01 set ->stopped and no later parameter is processed.  The
 * framing of the whole area is still checked after a stop, and in an INIT ACK
 * the State Cookie is still looked for: RFC 9260 3.2.1 says a COOKIE ECHO is
 * sent "in all four cases", which needs it.
 *
 * Return: 0; an error of sct_param_next() or sct_param_parse();
 * %SCT_WE_PARAM_DUP when a parameter that must appear at most once repeats;
 * %SCT_WE_PARAM_MISSING when an INIT ACK has no State Cookie.
 */
int sct_init_params_parse(const uint8_t *p, size_t len, bool is_init_ack,
			  struct sct_init_params *out);

/* ------------------------------------------------------------------ ASCONF */

/* The parameter area of an ASCONF chunk after its Sequence Number (RFC 5061 4.1.1). */
struct sct_asconf_params {
	struct sct_addr addr;	   /* the mandatory Address Parameter */
	struct sct_bytes requests; /* the ASCONF Parameters, walk with sct_param_next() */
	size_t n_requests;	   /* Add IP, Delete IP, Set Primary found */
	struct sct_bytes report[SCT_INIT_MAX_REPORT]; /* unknown, action 01/11 */
	size_t n_report;
	size_t n_report_dropped;
	bool stopped; /* an unknown type with action 00/01 */
	uint16_t stop_type;
};

/**
 * sct_asconf_params_parse() - check an ASCONF parameter area.
 * Request parameters must be Add IP, Delete IP or Set Primary (RFC 5061 4.2,
 * table 3); other types get the upper-two-bit rule.
 * Return: 0; %SCT_WE_PARAM_MISSING when the area does not start with an IPv4
 * or IPv6 Address parameter; errors of sct_param_next()/sct_param_parse().
 */
int sct_asconf_params_parse(const uint8_t *p, size_t len, struct sct_asconf_params *out);

/* --------------------------------------------------------------- RE-CONFIG */

struct sct_reconf_params {
	struct sct_param param[2];
	size_t n; /* 1 or 2 */
};

/**
 * sct_reconf_params_parse() - parse the one or two parameters of a RE-CONFIG
 * chunk and check that they form one of the ten combinations of RFC 6525 3.1
 * (pairs are accepted in either order; the RFC lists them without requiring one).
 * Return: 0; %SCT_WE_PARAM_MISSING for an empty area; %SCT_WE_RECONF_COMBO
 * for more than two parameters, a type that is not a RE-CONFIG parameter, or
 * a pair the RFC does not list; errors of sct_param_next()/sct_param_parse().
 */
int sct_reconf_params_parse(const uint8_t *p, size_t len, struct sct_reconf_params *out);

#endif /* SCT_WIRE_PARAM_H */
