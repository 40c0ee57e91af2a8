/* SPDX-License-Identifier: MIT */
/* ipc_ctl.h: the control protocol between libsctun and sctund (see sctun-ipc(7)). */
#ifndef SCT_IPC_IPC_CTL_H
#define SCT_IPC_IPC_CTL_H

/*
 * Theory of operation
 *
 * Each application socket has a private control connection (AF_UNIX
 * SOCK_SEQPACKET to sctund's service socket).  The shim sends requests, one
 * per datagram; sctund answers each with a response carrying the same id.
 * A message is a 16-byte header and TLV arguments, all little-endian:
 *
 *   0               1               2               3
 *  +---------------+---------------+-------------------------------+
 *  |    version    | kind (1 req,  |            opcode             |
 *  |               |  2 response)  |                               |
 *  +---------------+---------------+-------------------------------+
 *  |                          request id                           |
 *  +---------------------------------------------------------------+
 *  |       status (0 in requests; 0 or a positive errno)           |
 *  +---------------+---------------+-------------------------------+
 *  |  fds (0 or 1) |   reserved    |           reserved            |
 *  +---------------+---------------+-------------------------------+
 *  |  TLV: u16 type, u16 length of the value, value ...            |
 *  +---------------------------------------------------------------+
 *
 * "fds" says that one descriptor travels with the datagram as SCM_RIGHTS
 * (ADOPT requests; SOCKET, ACCEPT and PEELOFF responses); the decoder
 * compares it with what recvmsg() delivered.  A non-zero status is the errno
 * the shim returns to the application; such a response needs none of the
 * opcode's results but may carry them (CONNECT's EINPROGRESS with the
 * association id) and a MESSAGE for logs.
 *
 * Versioning: HELLO is the first request on every connection, and its
 * header and arguments keep this layout in every version, with version byte
 * 1, so any two versions can always negotiate.  Every other message carries
 * the version HELLO picked; a decoder refuses versions it does not speak.
 * New arguments or opcodes mean a new version: unknown ones are refused.
 */

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "ipc/ipc.h"

#define SCT_IPC_CTL_HDR_LEN   16
#define SCT_IPC_TLV_HDR_LEN   4
#define SCT_IPC_HELLO_VERSION 1	   /* the version byte of HELLO, forever */
#define SCT_IPC_MAX_ADDRS     32   /* addresses in one message (bindx, connectx, getpaddrs) */
#define SCT_IPC_MAX_OPTVAL    512  /* bytes of one socket option value */
#define SCT_IPC_MAX_MESSAGE   256  /* bytes of an error message */
#define SCT_IPC_MAX_STATUS    4095 /* largest errno a response may carry */
/* A buffer of this size holds any control message (the limits above bound it). */
#define SCT_IPC_CTL_MAX 4096

enum sct_ipc_kind {
	SCT_IPC_REQUEST = 1,
	SCT_IPC_RESPONSE = 2,
};

enum sct_ipc_op {
	SCT_IPC_OP_HELLO = 1,
	SCT_IPC_OP_SOCKET,
	SCT_IPC_OP_ADOPT,
	SCT_IPC_OP_BIND,
	SCT_IPC_OP_BINDX_ADD,
	SCT_IPC_OP_BINDX_REM,
	SCT_IPC_OP_LISTEN,
	SCT_IPC_OP_CONNECT,
	SCT_IPC_OP_CONNECTX,
	SCT_IPC_OP_ACCEPT,
	SCT_IPC_OP_SHUTDOWN,
	SCT_IPC_OP_CLOSE,
	SCT_IPC_OP_GETSOCKNAME,
	SCT_IPC_OP_GETPEERNAME,
	SCT_IPC_OP_SETSOCKOPT,
	SCT_IPC_OP_GETSOCKOPT,
	SCT_IPC_OP_PEELOFF,
	SCT_IPC_OP_GETPADDRS,
	SCT_IPC_OP_GETLADDRS,
	SCT_IPC_OP_STATUS,
	SCT_IPC_OP_ERROR, /* response only: a request that could not be served at all */
	SCT_IPC_OP_ADMIN, /* sctunctl: MESSAGE = a command; the answer's text in a memfd */
	SCT_IPC_OP__COUNT
};

/* TLV argument types; each has a fixed length unless noted. */
enum sct_ipc_attr {
	SCT_IPC_A_VERSION_MIN = 1, /* u16: HELLO request */
	SCT_IPC_A_VERSION_MAX,	   /* u16: HELLO request */
	SCT_IPC_A_VERSION,	   /* u16: HELLO response, the version picked */
	SCT_IPC_A_FAMILY,	   /* u16: enum sct_ipc_af */
	SCT_IPC_A_SOCKTYPE,	   /* u16: enum sct_ipc_socktype */
	SCT_IPC_A_PROTOCOL,	   /* u32: IPPROTO_SCTP (132) or 0 */
	SCT_IPC_A_SOCKFLAGS,	   /* u32: enum sct_ipc_sockflag */
	SCT_IPC_A_ADDR,		   /* 24 bytes, struct sct_ipc_addr; repeatable */
	SCT_IPC_A_BACKLOG,	   /* u32 */
	SCT_IPC_A_PORT,		   /* u16: CONNECTX port for addresses with port 0 */
	SCT_IPC_A_ASSOC_ID,	   /* u32 */
	SCT_IPC_A_HOW,		   /* u16: enum sct_ipc_how */
	SCT_IPC_A_LEVEL,	   /* u16: enum sct_ipc_level */
	SCT_IPC_A_OPTNAME,	   /* u16: enum sct_ipc_opt */
	SCT_IPC_A_OPTVAL,	   /* 0..SCT_IPC_MAX_OPTVAL bytes */
	SCT_IPC_A_MESSAGE,	   /* 0..SCT_IPC_MAX_MESSAGE bytes, UTF-8, not terminated */
	/* STATUS results: struct sct_assoc_status, field by field */
	SCT_IPC_A_ST_STATE,	    /* u16: enum sct_ipc_state */
	SCT_IPC_A_ST_LPORT,	    /* u16 */
	SCT_IPC_A_ST_PPORT,	    /* u16 */
	SCT_IPC_A_ST_MY_VTAG,	    /* u32 */
	SCT_IPC_A_ST_PEER_VTAG,	    /* u32 */
	SCT_IPC_A_ST_OS,	    /* u16 */
	SCT_IPC_A_ST_IS,	    /* u16 */
	SCT_IPC_A_ST_PEER_RWND,	    /* u32 */
	SCT_IPC_A_ST_PRIMARY,	    /* 24 bytes */
	SCT_IPC_A_ST_NPATHS,	    /* u32 */
	SCT_IPC_A_ST_RTO,	    /* u32 ms */
	SCT_IPC_A_ST_SRTT,	    /* u32 ms */
	SCT_IPC_A_ST_CWND,	    /* u32 */
	SCT_IPC_A_ST_SSTHRESH,	    /* u32 */
	SCT_IPC_A_ST_FLIGHT,	    /* u32 */
	SCT_IPC_A_ST_INIT_RTX,	    /* u32 */
	SCT_IPC_A_ST_UNACKED,	    /* u32 */
	SCT_IPC_A_ST_PENDING,	    /* u32 */
	SCT_IPC_A_ST_RWND,	    /* u32 */
	SCT_IPC_A_ST_CUM_TSN,	    /* u32 */
	SCT_IPC_A_ST_PRIMARY_STATE, /* u32: enum sct_ipc_path_state of the primary (optional) */
	SCT_IPC_A__COUNT
};
#define SCT_IPC_BIT(a) (1ull << (a))

enum sct_ipc_socktype {
	SCT_IPC_SOCK_STREAM = 1,    /* one-to-one */
	SCT_IPC_SOCK_SEQPACKET = 2, /* one-to-many */
};

enum sct_ipc_sockflag {
	SCT_IPC_SOCK_NONBLOCK = 1u << 0,
	SCT_IPC_SOCK_CLOEXEC = 1u << 1,
};

enum sct_ipc_how {
	SCT_IPC_SHUT_RD = 1,
	SCT_IPC_SHUT_WR = 2,
	SCT_IPC_SHUT_RDWR = 3,
};

/* SCTP association states (RFC 6458 8.2.1 sstat_state). */
enum sct_ipc_state {
	SCT_IPC_STATE_CLOSED = 1,
	SCT_IPC_STATE_COOKIE_WAIT,
	SCT_IPC_STATE_COOKIE_ECHOED,
	SCT_IPC_STATE_ESTABLISHED,
	SCT_IPC_STATE_SHUTDOWN_PENDING,
	SCT_IPC_STATE_SHUTDOWN_SENT,
	SCT_IPC_STATE_SHUTDOWN_RECEIVED,
	SCT_IPC_STATE_SHUTDOWN_ACK_SENT,
};

/*
 * Socket options.  These are our numbers, not Linux's: the shim translates
 * the host's (level, optname) into these and back, so the daemon never
 * depends on one libc's or kernel's values.  An option's value (OPTVAL) is
 * its RFC 6458 / POSIX struct's fields in order, each integer as a
 * little-endian u32 (u8 and u16 fields keep their size), each address as a
 * 24-byte struct sct_ipc_addr, and no padding; SCTP_EVENTS is its flag
 * bytes, any prefix length, as Linux accepts.  Only the level/name pair is
 * checked here; each option's value is checked where it is applied.
 */
enum sct_ipc_level {
	SCT_IPC_SOL_SOCKET = 1,
	SCT_IPC_SOL_IPV6 = 2,
	SCT_IPC_SOL_SCTP = 3,
};

enum sct_ipc_opt_socket {
	SCT_IPC_SO_REUSEADDR = 1,
	SCT_IPC_SO_REUSEPORT,
	SCT_IPC_SO_ERROR,
	SCT_IPC_SO_SNDBUF,
	SCT_IPC_SO_RCVBUF,
	SCT_IPC_SO_LINGER,
	SCT_IPC_SO_TYPE,
	SCT_IPC_SO_DOMAIN,
	SCT_IPC_SO_PROTOCOL,
	SCT_IPC_SO_ACCEPTCONN,
	SCT_IPC_SO__COUNT
};

enum sct_ipc_opt_ipv6 { SCT_IPC_IPV6_V6ONLY = 1, SCT_IPC_IPV6__COUNT };

enum sct_ipc_opt_sctp {
	SCT_IPC_SCTP_RTOINFO = 1,
	SCT_IPC_SCTP_ASSOCINFO,
	SCT_IPC_SCTP_INITMSG,
	SCT_IPC_SCTP_NODELAY,
	SCT_IPC_SCTP_AUTOCLOSE,
	SCT_IPC_SCTP_SET_PEER_PRIMARY_ADDR,
	SCT_IPC_SCTP_PRIMARY_ADDR,
	SCT_IPC_SCTP_ADAPTATION_LAYER,
	SCT_IPC_SCTP_DISABLE_FRAGMENTS,
	SCT_IPC_SCTP_PEER_ADDR_PARAMS,
	SCT_IPC_SCTP_DEFAULT_SEND_PARAM,
	SCT_IPC_SCTP_EVENTS,
	SCT_IPC_SCTP_I_WANT_MAPPED_V4_ADDR,
	SCT_IPC_SCTP_MAXSEG,
	SCT_IPC_SCTP_GET_PEER_ADDR_INFO,
	SCT_IPC_SCTP_DELAYED_SACK,
	SCT_IPC_SCTP_CONTEXT,
	SCT_IPC_SCTP_FRAGMENT_INTERLEAVE,
	SCT_IPC_SCTP_PARTIAL_DELIVERY_POINT,
	SCT_IPC_SCTP_MAX_BURST,
	SCT_IPC_SCTP_EVENT,
	SCT_IPC_SCTP_RECVRCVINFO,
	SCT_IPC_SCTP_RECVNXTINFO,
	SCT_IPC_SCTP_DEFAULT_SNDINFO,
	SCT_IPC_SCTP_GET_ASSOC_STATS,
	SCT_IPC_SCTP_GET_ASSOC_NUMBER,
	SCT_IPC_SCTP_GET_ASSOC_ID_LIST,
	SCT_IPC_SCTP_PEER_ADDR_THLDS,	 /* RFC 7829 7.2 */
	SCT_IPC_SCTP_PEER_ADDR_THLDS_V2, /* ... with spt_pathcpthld (Linux) */
	SCT_IPC_SCTP_EXPOSE_PF_STATE,	 /* RFC 7829 7.3 */
	SCT_IPC_SCTP__COUNT
};

/*
 * Values inside SCTP option values that are numbers of their own: the
 * spp_flags of SCTP_PEER_ADDR_PARAMS (RFC 6458 8.1.12) and the spinfo_state
 * of SCTP_GET_PEER_ADDR_INFO (8.2.2).  The values of the other SCTP options
 * are listed in usock_opt.c.
 */
enum sct_ipc_spp_flag {
	SCT_IPC_SPP_HB_ENABLE = 1u << 0,
	SCT_IPC_SPP_HB_DISABLE = 1u << 1,
	SCT_IPC_SPP_HB_DEMAND = 1u << 2,
	SCT_IPC_SPP_PMTUD_ENABLE = 1u << 3,
	SCT_IPC_SPP_PMTUD_DISABLE = 1u << 4,
	SCT_IPC_SPP_SACKDELAY_ENABLE = 1u << 5,
	SCT_IPC_SPP_SACKDELAY_DISABLE = 1u << 6,
	SCT_IPC_SPP_HB_TIME_IS_ZERO = 1u << 7,
	SCT_IPC_SPP_IPV6_FLOWLABEL = 1u << 8,
	SCT_IPC_SPP_DSCP = 1u << 9,
};

enum sct_ipc_path_state {
	SCT_IPC_PATH_INACTIVE = 0,
	SCT_IPC_PATH_PF,
	SCT_IPC_PATH_ACTIVE,
	SCT_IPC_PATH_UNCONFIRMED,
};

/* STATUS results, the fields of struct sct_assoc_status. */
struct sct_ipc_status {
	uint16_t state; /* enum sct_ipc_state */
	uint16_t lport, pport;
	uint32_t my_vtag, peer_vtag;
	uint16_t os, is;
	uint32_t peer_rwnd;
	struct sct_ipc_addr primary;
	uint32_t n_paths;
	uint32_t rto_ms, srtt_ms;
	uint32_t cwnd, ssthresh, flight;
	uint32_t init_rtx, unacked, pending, rwnd, cum_tsn;
	uint32_t primary_state; /* enum sct_ipc_path_state */
};

/*
 * One control message.  ->present has SCT_IPC_BIT(attr) set for each
 * argument carried (ADDR: when naddrs > 0); fields of absent arguments are
 * zero after decoding and ignored by the encoder.
 */
struct sct_ipc_ctl {
	uint8_t version;
	uint8_t kind;	 /* enum sct_ipc_kind */
	uint16_t opcode; /* enum sct_ipc_op */
	uint32_t id;
	uint32_t status; /* responses: 0 or a positive errno */
	uint8_t nfds;	 /* 0 or 1: an fd travels as SCM_RIGHTS */
	uint64_t present;
	uint16_t version_min, version_max, version_picked;
	uint16_t family, socktype, port, how, level, optname;
	uint32_t protocol, sockflags, backlog, assoc_id;
	const uint8_t *optval; /* decode: points into the input */
	size_t optval_len;
	const uint8_t *message;
	size_t message_len;
	size_t naddrs;
	struct sct_ipc_addr addrs[SCT_IPC_MAX_ADDRS];
	struct sct_ipc_status st;
};

/**
 * sct_ipc_ctl_encode() - write @m into @buf.
 * Return: bytes written; SCT_IPC_E_NOSPACE; SCT_IPC_E_INVALID when @m would
 * not pass sct_ipc_ctl_decode() (with @m->nfds descriptors).
 */
int sct_ipc_ctl_encode(const struct sct_ipc_ctl *m, void *buf, size_t cap);

/**
 * sct_ipc_ctl_decode() - parse and check one control message that arrived
 * with @nfds_received descriptors; byte arguments point into @buf.
 * Return: 0; SCT_IPC_E_TRUNCATED (header or a TLV cut short);
 * SCT_IPC_E_VERSION; SCT_IPC_E_CTL_KIND (neither request nor response, or
 * an ERROR request); SCT_IPC_E_CTL_OPCODE; SCT_IPC_E_CTL_STATUS;
 * SCT_IPC_E_RESERVED; SCT_IPC_E_CTL_FDS (header count differs from
 * @nfds_received or from what the opcode carries); SCT_IPC_E_ATTR_TYPE;
 * SCT_IPC_E_ATTR_LEN; SCT_IPC_E_ATTR_DUP; SCT_IPC_E_ATTR_MISSING;
 * SCT_IPC_E_ATTR_UNEXPECTED; SCT_IPC_E_ATTR_COUNT (addresses outside the
 * opcode's bounds or above SCT_IPC_MAX_ADDRS); SCT_IPC_E_ATTR_VALUE (family,
 * type, how, level/name, state or version range); SCT_IPC_E_ADDR_FAMILY;
 * SCT_IPC_E_ADDR_V4_EXTRA.
 */
int sct_ipc_ctl_decode(const void *buf, size_t len, unsigned nfds_received, struct sct_ipc_ctl *m);

/** sct_ipc_ctl_eq() - same header and arguments (byte arguments by content). */
bool sct_ipc_ctl_eq(const struct sct_ipc_ctl *a, const struct sct_ipc_ctl *b);

/**
 * sct_ipc_hello_pick() - the version a server answers HELLO with: the
 * highest in both [@cmin, @cmax] (the client's) and [@smin, @smax].  The
 * client calls it too, with the server's answer as both @smin and @smax,
 * to check the answer lies in its own range.
 * Return: the version; SCT_IPC_E_VERSION when the ranges do not meet (the
 * server then answers with status EPROTONOSUPPORT) or a range is empty or
 * starts at 0.
 */
int sct_ipc_hello_pick(uint16_t cmin, uint16_t cmax, uint16_t smin, uint16_t smax);

/** sct_ipc_op_name() - "CONNECTX" etc., "UNKNOWN" otherwise (for logs). */
const char *sct_ipc_op_name(uint16_t opcode);

#endif /* SCT_IPC_IPC_CTL_H */
