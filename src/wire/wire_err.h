/* SPDX-License-Identifier: MIT */
/* wire_err.h: one named error per class of malformed packet. */
#ifndef SCT_WIRE_ERR_H
#define SCT_WIRE_ERR_H

/*
 * Parsers return 0 or one of these negative codes.  They sit below -1000 so
 * that they never collide with a -errno.  Each name says what was wrong in the
 * bytes, so that a drop counter or a log line can say it too.
 *
 * Add new codes in the section of the codec that raises them, keep the
 * numbers unique, and give each a string in wire_err.c.
 */
#define SCT_WIRE_ERRORS(X)                                                                         \
	/* generic */                                                                              \
	X(TRUNCATED, -1001, "truncated: shorter than its header or declared length")               \
	X(NOSPACE, -1002, "emit: output buffer too small")                                          \
	X(BAD_FIELD, -1003, "field value out of range")                                             \
	X(BAD_PADDING, -1004, "padding missing or not zero")                                        \
	X(TRAILING, -1005, "bytes after the end of the declared length")                           \
	/* IPv4 (RFC 791) */                                                                       \
	X(IP_VERSION, -1010, "IP version field does not match")                                    \
	X(IP4_IHL, -1011, "IPv4 header length below 5 words or past the packet")                   \
	X(IP4_TOTLEN, -1012, "IPv4 total length smaller than header or larger than packet")         \
	X(IP4_CSUM, -1013, "IPv4 header checksum wrong")                                            \
	X(IP4_OPTION, -1014, "IPv4 option length malformed")                                        \
	X(IP4_FLAGS, -1015, "IPv4 reserved flag set")                                               \
	X(IP4_FRAGOFF, -1016, "IPv4 fragment extends beyond 65535 bytes")                           \
	X(IP4_SRC, -1017, "IPv4 source address not usable (multicast/broadcast/zero)")             \
	X(IP4_DF_FRAG, -1018, "IPv4 DF set on a fragment (MF set or nonzero offset)")               \
	/* IPv6 (RFC 8200) */                                                                      \
	X(IP6_PAYLEN, -1020, "IPv6 payload length larger than the packet")                          \
	X(IP6_JUMBO, -1021, "IPv6 jumbogram (payload length 0) not supported")                      \
	X(IP6_EXTHDR, -1022, "IPv6 extension header length runs past the payload")                 \
	X(IP6_EXTORDER, -1023, "IPv6 hop-by-hop header not first")                                 \
	X(IP6_UNKNOWN_EXTHDR, -1024, "IPv6 unknown next header in the chain")                       \
	X(IP6_OPTION, -1025, "IPv6 option length runs past its header")                             \
	X(IP6_FRAG, -1026, "IPv6 fragment header malformed")                                        \
	X(IP6_TOO_MANY_EXTHDRS, -1027, "IPv6 extension-header chain longer than the limit")         \
	X(IP6_SRC, -1028, "IPv6 source address not usable (multicast)")                            \
	X(IP6_OPT_UNKNOWN, -1029, "IPv6 unknown option whose action bits say discard")              \
	X(IP6_ROUTING, -1030, "IPv6 routing header of an unsupported type with segments left")      \
	/* ICMPv4 (RFC 792) / ICMPv6 (RFC 4443) */                                                  \
	X(ICMP_CSUM, -1040, "ICMP checksum wrong")                                                  \
	X(ICMP_TYPE, -1041, "ICMP type or code not handled")                                        \
	X(ICMP_QUOTE, -1042, "ICMP error quotes too little of the offending packet")                \
	/* UDP (RFC 768) */                                                                        \
	X(UDP_LEN, -1050, "UDP length below 8 or larger than the datagram")                        \
	X(UDP_CSUM, -1051, "UDP checksum wrong")                                                    \
	X(UDP_CSUM_ZERO, -1052, "UDP over IPv6 with a zero checksum (RFC 8200 8.1)")                \
	/* SCTP common header and chunks (RFC 9260 3.1, 3.2) */                                    \
	X(SCTP_CRC, -1060, "SCTP CRC32c wrong")                                                     \
	X(SCTP_PORT, -1061, "SCTP port zero")                                                       \
	X(CHUNK_LEN, -1062, "chunk length below its minimum or past the packet")                   \
	X(CHUNK_PAD, -1063, "chunk not padded to a multiple of 4 bytes")                            \
	X(CHUNK_FLAGS, -1064, "chunk flags invalid")                                                \
	X(CHUNK_EMPTY, -1065, "packet carries no chunk")                                            \
	X(CHUNK_TYPE, -1066, "chunk type not the one expected")                                     \
	X(DATA_EMPTY, -1067, "DATA/I-DATA chunk with no user data")                                 \
	X(INIT_TAG_ZERO, -1068, "INIT/INIT ACK initiate tag is zero")                               \
	X(INIT_STREAMS, -1069, "INIT/INIT ACK with zero inbound or outbound streams")               \
	X(INIT_RWND, -1070, "INIT/INIT ACK a_rwnd below 1500")                                      \
	X(SACK_LEN, -1071, "SACK length does not match its gap and duplicate counts")              \
	X(CHUNK_BUNDLING, -1072, "chunk must be alone in its packet")                               \
	X(HB_INFO, -1073, "HEARTBEAT (ACK) without a well-formed Heartbeat Info parameter")        \
	/* parameters and error causes (RFC 9260 3.2.1, 3.3.10) */                                 \
	X(PARAM_LEN, -1080, "parameter length below its minimum or past the chunk")                \
	X(PARAM_PAD, -1081, "parameter not padded to a multiple of 4 bytes")                        \
	X(PARAM_VALUE, -1082, "parameter value malformed")                                         \
	X(PARAM_MISSING, -1083, "mandatory parameter missing")                                     \
	X(PARAM_DUP, -1084, "parameter present more than once")                                   \
	X(RECONF_COMBO, -1085, "RE-CONFIG parameters not a combination of RFC 6525 3.1")           \
	X(CAUSE_LEN, -1090, "error cause length below its minimum or past the chunk")              \
	X(CAUSE_VALUE, -1091, "error cause value malformed")                                       \
	X(CAUSE_PAD, -1092, "error cause area ends inside the padding of its last cause")         \
	/* IP fragment reassembly (RFC 791, RFC 8200 4.5, RFC 5722) */                             \
	X(FRAG_OVERLAP, -1100, "overlapping fragment: whole datagram dropped (RFC 5722)")          \
	X(FRAG_TOO_BIG, -1101, "reassembled datagram would exceed 65535 bytes")                    \
	X(FRAG_LIMIT, -1102, "reassembly limit reached (memory, datagrams or fragments)")          \
	X(FRAG_BAD_LEN, -1103, "non-final fragment not a multiple of 8 bytes")                     \
	X(FRAG_INCONSISTENT, -1104, "fragment disagrees with the datagram's known end")             \
	X(FRAG_DISCARDED, -1105, "fragment of a datagram already discarded: dropped (RFC 5722)")   \
	X(FRAG_EMPTY, -1106, "fragment carries no data")

enum sct_wire_err {
#define SCT_WIRE_ERR_ENUM(name, val, str) SCT_WE_##name = val,
	SCT_WIRE_ERRORS(SCT_WIRE_ERR_ENUM)
#undef SCT_WIRE_ERR_ENUM
};

/** sct_wire_strerror() - text for a wire error code (or "unknown wire error"). */
const char *sct_wire_strerror(int err);
/** sct_wire_errname() - the short name ("TRUNCATED") for counters and JSON. */
const char *sct_wire_errname(int err);

#endif /* SCT_WIRE_ERR_H */
