/* SPDX-License-Identifier: MIT */
/* sctp_types.h: SCTP chunk, parameter and error-cause type numbers (IANA). */
#ifndef SCT_WIRE_SCTP_TYPES_H
#define SCT_WIRE_SCTP_TYPES_H

#include <stdint.h>

/* Chunk types: RFC 9260 3.2, RFC 3758, 4820, 4895, 5061, 6525, 8260. */
enum sct_chunk_type {
	SCT_CHUNK_DATA = 0,
	SCT_CHUNK_INIT = 1,
	SCT_CHUNK_INIT_ACK = 2,
	SCT_CHUNK_SACK = 3,
	SCT_CHUNK_HEARTBEAT = 4,
	SCT_CHUNK_HEARTBEAT_ACK = 5,
	SCT_CHUNK_ABORT = 6,
	SCT_CHUNK_SHUTDOWN = 7,
	SCT_CHUNK_SHUTDOWN_ACK = 8,
	SCT_CHUNK_ERROR = 9,
	SCT_CHUNK_COOKIE_ECHO = 10,
	SCT_CHUNK_COOKIE_ACK = 11,
	SCT_CHUNK_ECNE = 12,
	SCT_CHUNK_CWR = 13,
	SCT_CHUNK_SHUTDOWN_COMPLETE = 14,
	SCT_CHUNK_AUTH = 15,          /* RFC 4895 */
	SCT_CHUNK_I_DATA = 64,        /* RFC 8260 */
	SCT_CHUNK_ASCONF_ACK = 128,   /* RFC 5061 */
	SCT_CHUNK_RE_CONFIG = 130,    /* RFC 6525 */
	SCT_CHUNK_PAD = 132,          /* RFC 4820 */
	SCT_CHUNK_FORWARD_TSN = 192,  /* RFC 3758 */
	SCT_CHUNK_ASCONF = 193,       /* RFC 5061 */
	SCT_CHUNK_I_FORWARD_TSN = 194 /* RFC 8260 */
};

/* Parameter types: RFC 9260 3.3.2, 3.3.3; RFC 4820, 4895, 5061, 6525, 3758, zero checksum. */
enum sct_param_type {
	SCT_PARAM_HEARTBEAT_INFO = 1,
	SCT_PARAM_IPV4 = 5,
	SCT_PARAM_IPV6 = 6,
	SCT_PARAM_STATE_COOKIE = 7,
	SCT_PARAM_UNRECOGNIZED = 8,
	SCT_PARAM_COOKIE_PRESERVATIVE = 9,
	SCT_PARAM_HOST_NAME = 11,
	SCT_PARAM_SUPPORTED_ADDR_TYPES = 12,
	SCT_PARAM_OUT_SSN_RESET = 13,     /* RFC 6525 4.1 */
	SCT_PARAM_IN_SSN_RESET = 14,      /* RFC 6525 4.2 */
	SCT_PARAM_SSN_TSN_RESET = 15,     /* RFC 6525 4.3 */
	SCT_PARAM_RECONF_RESPONSE = 16,   /* RFC 6525 4.4 */
	SCT_PARAM_ADD_OUT_STREAMS = 17,   /* RFC 6525 4.5 */
	SCT_PARAM_ADD_IN_STREAMS = 18,    /* RFC 6525 4.6 */
	SCT_PARAM_ECN_CAPABLE = 0x8000,   /* RFC 9260 appendix A */
	SCT_PARAM_ZERO_CHECKSUM = 0x8001, /* zero checksum acceptable (RFC 9653) */
	SCT_PARAM_RANDOM = 0x8002,        /* RFC 4895 3.1 */
	SCT_PARAM_CHUNK_LIST = 0x8003,    /* RFC 4895 3.2 */
	SCT_PARAM_HMAC_ALGO = 0x8004,     /* RFC 4895 3.3 */
	SCT_PARAM_PADDING = 0x8005,       /* RFC 4820 3 */
	SCT_PARAM_SUPPORTED_EXT = 0x8008, /* RFC 5061 4.2.7 */
	SCT_PARAM_FORWARD_TSN_SUPPORTED = 0xc000, /* RFC 3758 3.1 */
	SCT_PARAM_ADD_IP = 0xc001,        /* RFC 5061 4.2.1 */
	SCT_PARAM_DEL_IP = 0xc002,        /* RFC 5061 4.2.2 */
	SCT_PARAM_ERROR_CAUSE_IND = 0xc003, /* RFC 5061 4.2.3 */
	SCT_PARAM_SET_PRIMARY = 0xc004,   /* RFC 5061 4.2.4 */
	SCT_PARAM_SUCCESS_IND = 0xc005,   /* RFC 5061 4.2.5 */
	SCT_PARAM_ADAPTATION_IND = 0xc006 /* RFC 5061 4.2.6 */
};

/* Error cause codes: RFC 9260 3.3.10; RFC 5061 5.1; RFC 4895 6.1. */
enum sct_cause_code {
	SCT_CAUSE_INVALID_STREAM = 1,
	SCT_CAUSE_MISSING_PARAM = 2,
	SCT_CAUSE_STALE_COOKIE = 3,
	SCT_CAUSE_OUT_OF_RESOURCE = 4,
	SCT_CAUSE_UNRESOLVABLE_ADDR = 5,
	SCT_CAUSE_UNRECOGNIZED_CHUNK = 6,
	SCT_CAUSE_INVALID_PARAM = 7,
	SCT_CAUSE_UNRECOGNIZED_PARAMS = 8,
	SCT_CAUSE_NO_USER_DATA = 9,
	SCT_CAUSE_COOKIE_IN_SHUTDOWN = 10,
	SCT_CAUSE_RESTART_NEW_ADDRS = 11,
	SCT_CAUSE_USER_ABORT = 12,
	SCT_CAUSE_PROTOCOL_VIOLATION = 13,
	SCT_CAUSE_DEL_LAST_ADDR = 0x00a0,     /* RFC 5061 */
	SCT_CAUSE_RESOURCE_SHORTAGE = 0x00a1, /* RFC 5061 */
	SCT_CAUSE_DEL_SOURCE_ADDR = 0x00a2,   /* RFC 5061 */
	SCT_CAUSE_ILLEGAL_ASCONF_ACK = 0x00a3, /* RFC 5061 */
	SCT_CAUSE_NO_AUTHORIZATION = 0x00a4,  /* RFC 5061 */
	SCT_CAUSE_UNSUPPORTED_HMAC = 0x0105   /* RFC 4895 */
};

/*
 * RFC 9260 3.2 (chunks) and 3.2.1 (parameters): what a receiver does with a
 * type it does not recognize is encoded in the type's two highest bits.
 */
enum sct_unknown_action {
	SCT_UNK_STOP = 0,        /* 00: stop processing, discard, do not report */
	SCT_UNK_STOP_REPORT = 1, /* 01: stop processing, discard, report */
	SCT_UNK_SKIP = 2,        /* 10: skip it, continue processing */
	SCT_UNK_SKIP_REPORT = 3  /* 11: skip it, continue processing, report */
};

static inline enum sct_unknown_action sct_chunk_unknown_action(uint8_t type)
{
	return (enum sct_unknown_action)(type >> 6);
}

static inline enum sct_unknown_action sct_param_unknown_action(uint16_t type)
{
	return (enum sct_unknown_action)(type >> 14);
}

#endif /* SCT_WIRE_SCTP_TYPES_H */
