/* SPDX-License-Identifier: MIT */
/* ipc_err.h: one named error per class of malformed IPC record or control message. */
#ifndef SCT_IPC_IPC_ERR_H
#define SCT_IPC_IPC_ERR_H

/*
 * Decoders return 0 or one of these negative codes.  They sit at -2000 and
 * below, apart from the -errno range and from the wire codes (-1000..), so a
 * daemon log line can name what a client sent wrong.  sct_ipc_send() and
 * sct_ipc_recv() also return plain -errno values from the system calls.
 */
#define SCT_IPC_ERRORS(X)                                                                          \
	/* generic */                                                                              \
	X(TRUNCATED, -2001, "shorter than its header or declared length")                          \
	X(NOSPACE, -2002, "encode: output buffer too small")                                       \
	X(VERSION, -2003, "protocol version not supported")                                        \
	X(RESERVED, -2004, "reserved field or bit not zero")                                       \
	X(TRAILING, -2005, "bytes after the end of the declared content")                          \
	X(INVALID, -2006, "encode: caller's structure is not valid")                               \
	/* data records */                                                                         \
	X(REC_TYPE, -2010, "unknown data record type")                                             \
	X(REC_FLAGS, -2011, "flags not allowed on this record type")                               \
	X(REC_PAYLOAD_LEN, -2012, "payload length wrong for the type or above the limit")          \
	X(REC_PAD, -2013, "CONNECTING padding not zero")                                           \
	X(ADDR_LEN, -2014, "address length neither 0 nor the fixed address size")                  \
	X(ADDR_FAMILY, -2015, "address family neither inet nor inet6")                             \
	X(ADDR_V4_EXTRA, -2016, "inet address with scope or bytes past the 4 address bytes")       \
	/* notifications */                                                                        \
	X(NOTIF_TYPE, -2020, "unknown notification type")                                          \
	X(NOTIF_LEN, -2021, "notification length wrong for its type or above the limit")           \
	X(NOTIF_VALUE, -2022, "notification field out of range")                                   \
	X(NOTIF_COUNT, -2023, "stream list longer than the limit")                                 \
	/* control messages */                                                                     \
	X(CTL_KIND, -2030, "control message neither request nor response")                         \
	X(CTL_OPCODE, -2031, "unknown control opcode")                                             \
	X(CTL_STATUS, -2032, "status not 0 in a request, or not an errno in a response")           \
	X(CTL_FDS, -2033, "attached fd count wrong for this message")                              \
	X(ATTR_TYPE, -2034, "unknown TLV argument type")                                           \
	X(ATTR_LEN, -2035, "TLV argument length wrong for its type or above the limit")            \
	X(ATTR_DUP, -2036, "TLV argument repeated where it must appear once")                      \
	X(ATTR_MISSING, -2037, "TLV argument the opcode requires is missing")                      \
	X(ATTR_UNEXPECTED, -2038, "TLV argument the opcode does not take")                         \
	X(ATTR_COUNT, -2039, "address count outside the opcode's bounds")                          \
	X(ATTR_VALUE, -2040, "TLV argument value out of range")                                    \
	/* sockets */                                                                              \
	X(MSG_TRUNC, -2050, "record longer than the receive buffer (MSG_TRUNC)")                   \
	X(MSG_CTRUNC, -2051, "ancillary data truncated (MSG_CTRUNC)")                              \
	X(MSG_FDS, -2052, "more than one fd, or ancillary data that is not SCM_RIGHTS")

enum sct_ipc_err {
#define SCT_IPC_ERR_ENUM(name, val, str) SCT_IPC_E_##name = val,
	SCT_IPC_ERRORS(SCT_IPC_ERR_ENUM)
#undef SCT_IPC_ERR_ENUM
};

/** sct_ipc_strerror() - text for 0 or an SCT_IPC_E_* code ("unknown ipc error" otherwise). */
const char *sct_ipc_strerror(int err);

/** sct_ipc_errname() - the name without prefix ("REC_TYPE", "OK" for 0), "UNKNOWN" otherwise. */
const char *sct_ipc_errname(int err);

#endif /* SCT_IPC_IPC_ERR_H */
