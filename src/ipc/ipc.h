/* SPDX-License-Identifier: MIT */
/* ipc.h: data records and notifications between libsctun and sctund (see sctun-ipc(7)). */
#ifndef SCT_IPC_IPC_H
#define SCT_IPC_IPC_H

/*
 * Theory of operation
 *
 * Each application socket is backed by a data socket (an AF_UNIX
 * SOCK_SEQPACKET pair made by sctund) on which every datagram is one record:
 * a fixed header, an optional address and a payload.  One record carries one
 * user message, or one piece of it (partial delivery: EOR on the last piece),
 * so SCTP message boundaries survive the local hop.  The header is
 * little-endian and laid out by these functions byte by byte; nothing is
 * ever cast to a struct, and no struct sockaddr crosses the socket (the shim
 * and the daemon may be built for different ABIs, e.g. a 32-bit program).
 *
 *   0               1               2               3
 *   0 1 2 3 4 5 6 7 0 1 2 3 4 5 6 7 0 1 2 3 4 5 6 7 0 1 2 3 4 5 6 7
 *  +---------------+---------------+-------------------------------+
 *  |    version    |     type      |             flags             |
 *  +---------------+---------------+-------------------------------+
 *  |                           assoc_id                            |
 *  +-------------------------------+-------------------------------+
 *  |              sid              |              ssn              |
 *  +-------------------------------+-------------------------------+
 *  |                  ppid (as the application gave it)            |
 *  +---------------------------------------------------------------+
 *  |                 tsn (receive) / context (send)                |
 *  +---------------------------------------------------------------+
 *  |               cumtsn (receive) / ttl in ms (send)             |
 *  +-------------------------------+-------------------------------+
 *  |            addr_len           |        reserved (zero)        |
 *  +-------------------------------+-------------------------------+
 *  |                          payload_len                          |
 *  +---------------------------------------------------------------+
 *  |            address (addr_len = 0 or 24 bytes, below)          |
 *  +---------------------------------------------------------------+
 *  |                       payload_len bytes                       |
 *  +---------------------------------------------------------------+
 *
 * payload_len repeats what the datagram length implies: a record cut short
 * anywhere (a bug, a too-small buffer that slipped past MSG_TRUNC) is caught
 * by the decoder instead of being delivered as a shorter message.
 *
 * The address (struct sct_ipc_addr) is our own fixed 24-byte layout:
 * family u16 (SCT_IPC_AF_INET/INET6, not the host's AF_ values), port u16
 * (host value), scope u32 (sin6_scope_id; 0 for inet), 16 address bytes in
 * network order (inet: 4 bytes then 12 zero bytes).  The shim converts
 * to and from sockaddr_in (16 bytes) / sockaddr_in6 (28 bytes); sin6_flowinfo
 * is not carried (SCTP has no use for it).
 */

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Protocol versions this build speaks; HELLO picks one (ipc_ctl.h). */
#define SCT_IPC_VERSION_MIN 1
#define SCT_IPC_VERSION_MAX 1
#define SCT_IPC_VERSION	    SCT_IPC_VERSION_MAX

#define SCT_IPC_REC_HDR_LEN 32 /* fixed header, without the address */
#define SCT_IPC_ADDR_LEN    24 /* struct sct_ipc_addr on the wire */
#define SCT_IPC_REC_HDR_MAX (SCT_IPC_REC_HDR_LEN + SCT_IPC_ADDR_LEN)
/*
 * Largest payload of one record.  Bigger user messages travel as several
 * records, all but the last without EOR (the daemon rejoins them on send;
 * on receive they are partial deliveries).  It bounds the shim's and the
 * daemon's record buffers.
 */
#define SCT_IPC_MAX_PAYLOAD 65536
#define SCT_IPC_REC_MAX	    (SCT_IPC_REC_HDR_MAX + SCT_IPC_MAX_PAYLOAD)

/*
 * Payload of a CONNECTING record.  With the data socket's SO_SNDBUF at 4096,
 * one unread record of this size (plus the ~770 bytes the kernel charges per
 * queued skb) makes the application's end unwritable until sctund reads it,
 * which sctund does only once the association is up, so poll/select/epoll
 * report connect completion exactly with no interception (DESIGN.md, "Data
 * path and flow control").  Smaller and the socket would stay writable;
 * 3000 leaves room below 4096 for the header and the kernel's overhead.
 */
#define SCT_IPC_CONNECTING_PAD 3000

enum sct_ipc_rec_type {
	SCT_IPC_REC_DATA = 1,	      /* a user message (or a piece of one) */
	SCT_IPC_REC_NOTIFICATION = 2, /* payload: one notification TLV (below) */
	SCT_IPC_REC_CONNECTING = 3,   /* app -> daemon: SCT_IPC_CONNECTING_PAD zero bytes */
	SCT_IPC_REC_ACCEPTABLE = 4,   /* daemon -> app: an association waits for accept() */
	SCT_IPC_REC_EOF = 5,	      /* daemon -> app: the peer shut down */
};

/* Record flags (RFC 6458 5.3.4 sinfo_flags / 5.3.5 rcv_flags, our own bit values). */
enum sct_ipc_rec_flag {
	SCT_IPC_F_EOR = 1u << 0,	      /* last piece of the message */
	SCT_IPC_F_UNORDERED = 1u << 1,	      /* SCTP_UNORDERED */
	SCT_IPC_F_EOF = 1u << 2,	      /* SCTP_EOF: graceful shutdown after this */
	SCT_IPC_F_ABORT = 1u << 3,	      /* SCTP_ABORT: payload is the abort reason */
	SCT_IPC_F_ADDR_OVER = 1u << 4,	      /* SCTP_ADDR_OVER: send to the address given */
	SCT_IPC_F_SENDALL = 1u << 5,	      /* SCTP_SENDALL: to every association */
	SCT_IPC_F_SACK_IMMEDIATELY = 1u << 6, /* SCTP_SACK_IMMEDIATELY (RFC 7053) */
	SCT_IPC_F_NOTIFICATION = 1u << 7,     /* MSG_NOTIFICATION: on NOTIFICATION records */
	/* DATA to send that came without SCTP_SNDRCV/SNDINFO: sid, ppid and the UNORDERED
	 * flag are the socket's or association's defaults (RFC 6458 8.1.31), not the record's */
	SCT_IPC_F_DEFAULT = 1u << 8,
};
#define SCT_IPC_F_ALL 0x01ffu

enum sct_ipc_af {
	SCT_IPC_AF_INET = 4,
	SCT_IPC_AF_INET6 = 6,
};

struct sct_ipc_addr {
	uint16_t family;  /* enum sct_ipc_af */
	uint16_t port;	  /* host order */
	uint32_t scope;	  /* IPv6 scope id; 0 for inet */
	uint8_t addr[16]; /* network order; inet: 4 bytes, then zeros */
};

struct sct_ipc_rec {
	uint8_t version;
	uint8_t type;	/* enum sct_ipc_rec_type */
	uint16_t flags; /* enum sct_ipc_rec_flag */
	uint32_t assoc_id;
	uint16_t sid, ssn;
	uint32_t ppid;
	uint32_t tsn_or_context;
	uint32_t cumtsn_or_ttl;
	bool has_addr;
	struct sct_ipc_addr addr;
	const uint8_t *payload; /* decode: points into the input */
	size_t payload_len;
};

/**
 * sct_ipc_addr_encode() - write @a as its 24 bytes into @buf.
 * Return: 0; SCT_IPC_E_NOSPACE when @cap < 24; SCT_IPC_E_ADDR_FAMILY,
 * SCT_IPC_E_ADDR_V4_EXTRA when @a would not decode.
 */
int sct_ipc_addr_encode(const struct sct_ipc_addr *a, void *buf, size_t cap);

/**
 * sct_ipc_addr_decode() - read and check one 24-byte address.
 * Return: 0; SCT_IPC_E_TRUNCATED when @len < 24; SCT_IPC_E_TRAILING when
 * longer; SCT_IPC_E_ADDR_FAMILY for an unknown family; SCT_IPC_E_ADDR_V4_EXTRA
 * for an inet address with a scope or non-zero bytes past its 4.
 */
int sct_ipc_addr_decode(const void *buf, size_t len, struct sct_ipc_addr *a);

/** sct_ipc_addr_eq() - same family, port, scope and address. */
bool sct_ipc_addr_eq(const struct sct_ipc_addr *a, const struct sct_ipc_addr *b);

/**
 * sct_ipc_rec_encode_hdr() - write the header (and address) of @r, whose
 * payload the caller sends separately (an iovec): payload_len is taken from
 * @r->payload_len and @r->payload is not read.
 * Return: bytes written (32 or 56); SCT_IPC_E_NOSPACE; SCT_IPC_E_INVALID
 * when @r would not decode (any of the checks of sct_ipc_rec_decode()).
 */
int sct_ipc_rec_encode_hdr(const struct sct_ipc_rec *r, void *buf, size_t cap);

/**
 * sct_ipc_rec_encode() - write the whole record @r (header, address, payload).
 * Return: bytes written; SCT_IPC_E_NOSPACE; SCT_IPC_E_INVALID.
 */
int sct_ipc_rec_encode(const struct sct_ipc_rec *r, void *buf, size_t cap);

/**
 * sct_ipc_rec_decode() - parse and check one record; @r->payload points
 * into @buf.
 * Return: 0; SCT_IPC_E_TRUNCATED (shorter than the header or its lengths
 * say); SCT_IPC_E_TRAILING (longer); SCT_IPC_E_VERSION; SCT_IPC_E_REC_TYPE;
 * SCT_IPC_E_RESERVED (reserved field or flag bits set); SCT_IPC_E_REC_FLAGS
 * (a flag the type does not take); SCT_IPC_E_REC_PAYLOAD_LEN (above
 * SCT_IPC_MAX_PAYLOAD, or not the fixed size of CONNECTING/ACCEPTABLE/EOF);
 * SCT_IPC_E_REC_PAD; SCT_IPC_E_ADDR_LEN; SCT_IPC_E_ADDR_FAMILY;
 * SCT_IPC_E_ADDR_V4_EXTRA.
 */
int sct_ipc_rec_decode(const void *buf, size_t len, struct sct_ipc_rec *r);

/**
 * sct_ipc_rec_decode_head() - sct_ipc_rec_decode() of a record received in two
 * parts: @buf holds its first @len bytes (at least the header and address),
 * @total is the length of the whole datagram.  The payload, which is not
 * looked at (@r->payload stays NULL), starts at the returned offset.
 * Return: the header's length (32 or 56); the errors of sct_ipc_rec_decode().
 */
int sct_ipc_rec_decode_head(const void *buf, size_t len, size_t total, struct sct_ipc_rec *r);

/*
 * Notifications (RFC 6458 6.1) travel as the payload of a NOTIFICATION
 * record: exactly one TLV, little-endian,
 *
 *  +-------------------------------+-------------------------------+
 *  |             type              |        reserved (zero)        |
 *  +-------------------------------+-------------------------------+
 *  |                  length of the value in bytes                 |
 *  +---------------------------------------------------------------+
 *  |                   value (fields of the type)                  |
 *  +---------------------------------------------------------------+
 *
 * The association is the record header's assoc_id.  The shim builds the
 * RFC 6458 struct (sctp_assoc_change...) of the host ABI from the fields.
 */
#define SCT_IPC_NOTIF_HDR_LEN	  8
#define SCT_IPC_NOTIF_MAX_BYTES	  4096 /* info / cause bytes carried (the daemon truncates) */
#define SCT_IPC_NOTIF_MAX_STREAMS 1024 /* streams in one stream reset event */

enum sct_ipc_notif_type {
	SCT_IPC_N_ASSOC_CHANGE = 1,	      /* 6.1.1 */
	SCT_IPC_N_PEER_ADDR_CHANGE = 2,	      /* 6.1.2 */
	SCT_IPC_N_REMOTE_ERROR = 3,	      /* 6.1.3 */
	SCT_IPC_N_SEND_FAILED_EVENT = 4,      /* 6.1.11 */
	SCT_IPC_N_SHUTDOWN_EVENT = 5,	      /* 6.1.5 */
	SCT_IPC_N_ADAPTATION_INDICATION = 6,  /* 6.1.6 */
	SCT_IPC_N_PARTIAL_DELIVERY_EVENT = 7, /* 6.1.7 */
	SCT_IPC_N_SENDER_DRY_EVENT = 8,	      /* 6.1.9 */
	SCT_IPC_N_STREAM_RESET_EVENT = 9,     /* RFC 6525 6.1.1 */
};

/* sac_state (RFC 6458 6.1.1) */
enum sct_ipc_assoc_state {
	SCT_IPC_COMM_UP = 1,
	SCT_IPC_COMM_LOST = 2,
	SCT_IPC_RESTART = 3,
	SCT_IPC_SHUTDOWN_COMP = 4,
	SCT_IPC_CANT_STR_ASSOC = 5,
};

/* spc_state (RFC 6458 6.1.2; POTENTIALLY_FAILED from RFC 7829) */
enum sct_ipc_paddr_state {
	SCT_IPC_ADDR_AVAILABLE = 1,
	SCT_IPC_ADDR_UNREACHABLE = 2,
	SCT_IPC_ADDR_REMOVED = 3,
	SCT_IPC_ADDR_ADDED = 4,
	SCT_IPC_ADDR_MADE_PRIM = 5,
	SCT_IPC_ADDR_CONFIRMED = 6,
	SCT_IPC_ADDR_POTENTIALLY_FAILED = 7,
};

/* ssfe_flags (RFC 6458 6.1.11) */
#define SCT_IPC_DATA_UNSENT 1u
#define SCT_IPC_DATA_SENT   2u

/* pdapi_indication (RFC 6458 6.1.7) */
#define SCT_IPC_PARTIAL_DELIVERY_ABORTED 1u

/* strreset_flags (RFC 6525 6.1.1) */
enum sct_ipc_strreset_flag {
	SCT_IPC_STREAM_RESET_INCOMING = 1u << 0,
	SCT_IPC_STREAM_RESET_OUTGOING = 1u << 1,
	SCT_IPC_STREAM_RESET_DENIED = 1u << 2,
	SCT_IPC_STREAM_RESET_FAILED = 1u << 3,
};
#define SCT_IPC_STREAM_RESET_ALL 0x000fu

struct sct_ipc_notif {
	uint16_t type; /* enum sct_ipc_notif_type */
	union {
		struct {
			uint16_t state; /* enum sct_ipc_assoc_state */
			uint16_t error;
			uint16_t os, is;
			const uint8_t *info; /* sac_info: features or the ABORT chunk */
			size_t info_len;
		} assoc_change;
		struct {
			struct sct_ipc_addr addr;
			uint32_t state; /* enum sct_ipc_paddr_state */
			uint32_t error;
		} paddr_change;
		struct {
			uint16_t error; /* cause code */
			const uint8_t *data;
			size_t data_len;
		} remote_error;
		struct {
			uint32_t flags;		 /* SCT_IPC_DATA_UNSENT / _SENT */
			uint32_t error;		 /* RFC 9260 cause code (host value); 0: none */
			uint16_t sid, snd_flags; /* the message's sctp_sndinfo; record flags */
			uint32_t ppid, context;
			uint32_t length; /* bytes of the message not delivered */
		} send_failed;
		struct {
			uint32_t indication;
		} adaptation;
		struct {
			uint32_t indication; /* SCT_IPC_PARTIAL_DELIVERY_ABORTED */
			uint16_t stream;
			uint32_t seq;
		} pdapi;
		struct {
			uint16_t flags; /* enum sct_ipc_strreset_flag */
			uint16_t count;
			uint16_t streams[SCT_IPC_NOTIF_MAX_STREAMS];
		} stream_reset;
	} u;
};

/**
 * sct_ipc_notif_encode() - write @n as one TLV (a NOTIFICATION record's payload).
 * Return: bytes written; SCT_IPC_E_NOSPACE; SCT_IPC_E_INVALID when @n would
 * not decode (unknown type, value out of range, bytes or count above limits).
 */
int sct_ipc_notif_encode(const struct sct_ipc_notif *n, void *buf, size_t cap);

/**
 * sct_ipc_notif_decode() - parse and check one notification TLV that fills
 * @len exactly; byte fields point into @buf.
 * Return: 0; SCT_IPC_E_TRUNCATED; SCT_IPC_E_TRAILING; SCT_IPC_E_RESERVED;
 * SCT_IPC_E_NOTIF_TYPE; SCT_IPC_E_NOTIF_LEN (value length not the type's,
 * or bytes above SCT_IPC_NOTIF_MAX_BYTES); SCT_IPC_E_NOTIF_VALUE (state,
 * flags or indication out of range); SCT_IPC_E_NOTIF_COUNT (more than
 * SCT_IPC_NOTIF_MAX_STREAMS); SCT_IPC_E_ADDR_FAMILY, SCT_IPC_E_ADDR_V4_EXTRA.
 */
int sct_ipc_notif_decode(const void *buf, size_t len, struct sct_ipc_notif *n);

/** sct_ipc_notif_eq() - same type and fields (byte fields compared by content). */
bool sct_ipc_notif_eq(const struct sct_ipc_notif *a, const struct sct_ipc_notif *b);

#endif /* SCT_IPC_IPC_H */
