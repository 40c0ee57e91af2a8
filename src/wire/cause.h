/* SPDX-License-Identifier: MIT */
/* cause.h: SCTP error causes of ABORT, ERROR and Error Cause Indication (RFC 9260 3.3.10). */
#ifndef SCT_WIRE_CAUSE_H
#define SCT_WIRE_CAUSE_H

/*
 * Error causes use the TLV format of parameters (RFC 9260 3.3.10: "Error
 * causes are defined as variable-length parameters using the format
 * described in Section 3.2.1"), so they share struct sct_tlv_iter and the
 * padding rule described in param.h; only the error codes differ
 * (SCT_WE_CAUSE_*).  An unknown cause code is not an error: it is iterated
 * and kept as opaque bytes.
 */

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "common/cursor.h"
#include "wire/param.h"

/*
 * A parsed error cause; ->code selects the member of ->u.  Causes that copy
 * other TLVs (Unresolvable Address, Unrecognized Chunk Type, Unrecognized
 * Parameters, Restart with New Addresses, the RFC 5061 causes) keep them as
 * ->u.tlvs after checking their framing; causes with free-form content
 * (User-Initiated Abort, Protocol Violation, unknown codes) as ->u.bytes.
 */
struct sct_cause {
	uint16_t code; /* enum sct_cause_code or unknown */
	union {
		uint16_t stream_id;	     /* INVALID_STREAM */
		struct sct_u16_list missing; /* MISSING_PARAM: the missing types */
		uint32_t staleness_us;	     /* STALE_COOKIE: Measure of Staleness */
		struct sct_bytes tlvs;	     /* copied TLV(s) or chunk, see above */
		struct sct_bytes bytes;	     /* USER_ABORT, PROTOCOL_VIOLATION, unknown */
		uint32_t tsn;		     /* NO_USER_DATA */
		uint16_t hmac_id;	     /* UNSUPPORTED_HMAC */
					     /* OUT_OF_RESOURCE, INVALID_PARAM, COOKIE_IN_SHUTDOWN,
					      * ILLEGAL_ASCONF_ACK carry nothing */
	} u;
};

/**
 * sct_cause_next() - the next error cause of an ABORT/ERROR area.
 * Return: 1 with @tlv filled (->type is the Cause Code), 0 at the end,
 * %SCT_WE_CAUSE_LEN (fewer than 4 bytes left, Length < 4 or past the area),
 * %SCT_WE_CAUSE_PAD (the area ends inside the last cause's padding).
 */
int sct_cause_next(struct sct_tlv_iter *it, struct sct_tlv *tlv);

/** sct_cause_known() - true when sct_cause_parse() decodes @code itself. */
bool sct_cause_known(uint16_t code);

/**
 * sct_cause_parse() - decode one cause TLV from sct_cause_next().
 * Return: 0, or %SCT_WE_CAUSE_VALUE: wrong fixed length, Missing Mandatory
 * Parameter whose count is zero or disagrees with its length, a copied TLV or
 * chunk whose own length disagrees with the room it has, a Restart cause
 * listing something other than IPv4/IPv6 Address parameters.
 */
int sct_cause_parse(const struct sct_tlv *tlv, struct sct_cause *out);

/**
 * sct_cause_emit() - write @c as a TLV with its zero padding.
 * Return: 0; %SCT_WE_NOSPACE; %SCT_WE_CAUSE_LEN when it would not fit the
 * 16-bit length; or the error sct_cause_parse() gives for the written bytes
 * (nothing is kept in @w then).
 */
int sct_cause_emit(struct sct_wr *w, const struct sct_cause *c);

/** sct_cause_eq() - equal by value (views compared by content). */
bool sct_cause_eq(const struct sct_cause *a, const struct sct_cause *b);

/** sct_cause_name() - short name of a cause code ("StaleCookie", "Unknown"). */
const char *sct_cause_name(uint16_t code);

/**
 * sct_cause_fmt() - one line for logs, e.g. "StaleCookie staleness=1200us".
 * Return: what snprintf() returns.
 */
int sct_cause_fmt(const struct sct_cause *c, char *buf, size_t len);

#endif /* SCT_WIRE_CAUSE_H */
