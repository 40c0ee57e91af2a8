/* SPDX-License-Identifier: MIT */
/* notif.c: a NOTIFICATION record's TLV -> the host's RFC 6458 notification structure. */
#include "config.h"

#include "shim/shim.h"

#include <arpa/inet.h>
#include <errno.h>
#include <string.h>

/*
 * sctund sends each notification as the fields of its RFC 6458 structure
 * (ipc.h); the application wants the structure of the host it runs on, with
 * the host's constants, which <linux/sctp.h> gives: the same layout as
 * Linux's kernel SCTP and lksctp.  Each builder writes the fixed part into
 * a local struct (no unaligned stores into the caller's buffer), then the
 * variable bytes after it.  The IPC numbers its states from 1 (0 is
 * "missing" to its decoder); RFC 6458 and Linux from 0.
 */

/* Copy the fixed struct @hdr (@hlen bytes) and @tail (@tlen) into @out. */
static ssize_t emit(uint8_t *out, size_t cap, const void *hdr, size_t hlen, const void *tail,
		    size_t tlen)
{
	if (cap < hlen + tlen)
		return -ENOBUFS;
	memcpy(out, hdr, hlen);
	if (tlen)
		memcpy(out + hlen, tail, tlen);
	return (ssize_t)(hlen + tlen);
}

static ssize_t assoc_change(const struct sct_ipc_notif *n, sctp_assoc_t id, uint8_t *out,
			    size_t cap)
{
	struct sctp_assoc_change s;

	memset(&s, 0, sizeof(s));
	s.sac_type = SCTP_ASSOC_CHANGE;
	s.sac_length = (uint32_t)(sizeof(s) + n->u.assoc_change.info_len);
	s.sac_state = (uint16_t)(n->u.assoc_change.state - 1); /* SCTP_COMM_UP is 0 */
	s.sac_error = n->u.assoc_change.error;
	s.sac_outbound_streams = n->u.assoc_change.os;
	s.sac_inbound_streams = n->u.assoc_change.is;
	s.sac_assoc_id = id;
	return emit(out, cap, &s, sizeof(s), n->u.assoc_change.info, n->u.assoc_change.info_len);
}

static ssize_t paddr_change(const struct sct_ipc_notif *n, sctp_assoc_t id, int family,
			    uint8_t *out, size_t cap)
{
	struct sctp_paddr_change s;
	struct sockaddr_storage ss;
	int len;

	memset(&s, 0, sizeof(s));
	s.spc_type = SCTP_PEER_ADDR_CHANGE;
	s.spc_length = sizeof(s);
	len = shim_addr_to_sockaddr(&n->u.paddr_change.addr, family, &ss);
	if (len > 0)
		memcpy(&s.spc_aaddr, &ss, (size_t)len);
	s.spc_state = (int)n->u.paddr_change.state - 1; /* SCTP_ADDR_AVAILABLE is 0 */
	s.spc_error = (int)n->u.paddr_change.error;
	s.spc_assoc_id = id;
	return emit(out, cap, &s, sizeof(s), NULL, 0);
}

static ssize_t remote_error(const struct sct_ipc_notif *n, sctp_assoc_t id, uint8_t *out,
			    size_t cap)
{
	struct sctp_remote_error s;

	memset(&s, 0, sizeof(s));
	s.sre_type = SCTP_REMOTE_ERROR;
	s.sre_length = (uint32_t)(sizeof(s) + n->u.remote_error.data_len);
	s.sre_error = htons(n->u.remote_error.error); /* as Linux: the cause code as sent */
	s.sre_assoc_id = id;
	return emit(out, cap, &s, sizeof(s), n->u.remote_error.data, n->u.remote_error.data_len);
}

/*
 * RFC 6458 6.1.11 SCTP_SEND_FAILED_EVENT, or with @old the deprecated
 * SCTP_SEND_FAILED (struct sctp_send_failed, RFC 6458 6.1.4) that Linux
 * delivers to the old SCTP_EVENTS subscription sctp_send_failure_event.
 * ssf_error is the RFC 9260 cause code in network byte order, as Linux puts
 * it there.  sctund does not return the undelivered bytes (sctun-ipc(7)), so
 * ssf_length covers the structure alone and no data follows it.
 */
static ssize_t send_failed(const struct sct_ipc_notif *n, sctp_assoc_t id, bool old, uint8_t *out,
			   size_t cap)
{
	uint16_t flags =
	    n->u.send_failed.flags & SCT_IPC_DATA_SENT ? SCTP_DATA_SENT : SCTP_DATA_UNSENT;
	uint16_t snd_flags = n->u.send_failed.snd_flags & SCT_IPC_F_UNORDERED ? SCTP_UNORDERED : 0;
	uint32_t error = htons((uint16_t)n->u.send_failed.error);
	struct sctp_send_failed_event s;
	struct sctp_send_failed o;

	if (old) {
		memset(&o, 0, sizeof(o));
		o.ssf_type = SCTP_SEND_FAILED;
		o.ssf_flags = flags;
		o.ssf_length = sizeof(o);
		o.ssf_error = error;
		o.ssf_info.sinfo_stream = n->u.send_failed.sid;
		o.ssf_info.sinfo_flags = snd_flags;
		o.ssf_info.sinfo_ppid = n->u.send_failed.ppid;
		o.ssf_info.sinfo_context = n->u.send_failed.context;
		o.ssf_info.sinfo_assoc_id = id;
		o.ssf_assoc_id = id;
		return emit(out, cap, &o, sizeof(o), NULL, 0);
	}
	memset(&s, 0, sizeof(s));
	s.ssf_type = SCTP_SEND_FAILED_EVENT;
	s.ssf_flags = flags;
	s.ssf_length = sizeof(s);
	s.ssf_error = error;
	s.ssfe_info.snd_sid = n->u.send_failed.sid;
	s.ssfe_info.snd_flags = snd_flags;
	s.ssfe_info.snd_ppid = n->u.send_failed.ppid;
	s.ssfe_info.snd_context = n->u.send_failed.context;
	s.ssfe_info.snd_assoc_id = id;
	s.ssf_assoc_id = id;
	return emit(out, cap, &s, sizeof(s), NULL, 0);
}

static ssize_t stream_reset(const struct sct_ipc_notif *n, sctp_assoc_t id, uint8_t *out,
			    size_t cap)
{
	struct sctp_stream_reset_event s;
	size_t tl = n->u.stream_reset.count * sizeof(uint16_t);

	memset(&s, 0, sizeof(s));
	s.strreset_type = SCTP_STREAM_RESET_EVENT;
	s.strreset_flags = n->u.stream_reset.flags; /* the same bits as Linux's */
	s.strreset_length = (uint32_t)(sizeof(s) + tl);
	s.strreset_assoc_id = id;
	return emit(out, cap, &s, sizeof(s), n->u.stream_reset.streams, tl);
}

ssize_t shim_notif_to_host(const struct sct_ipc_notif *n, uint32_t assoc_id, int family,
			   const uint8_t *events, uint8_t *out, size_t cap)
{
	sctp_assoc_t id = (sctp_assoc_t)assoc_id;

	switch (n->type) {
	case SCT_IPC_N_ASSOC_CHANGE:
		return assoc_change(n, id, out, cap);
	case SCT_IPC_N_PEER_ADDR_CHANGE:
		return paddr_change(n, id, family, out, cap);
	case SCT_IPC_N_REMOTE_ERROR:
		return remote_error(n, id, out, cap);
	case SCT_IPC_N_SEND_FAILED_EVENT:
		/* sctund sends one record for either subscription: the old struct only when
		 * the new one is not asked for (Linux would deliver both) */
		return send_failed(n, id,
				   events && events[SHIM_SUB_SEND_FAILED] &&
				       !events[SHIM_SUB_SEND_FAILED_EVENT],
				   out, cap);
	case SCT_IPC_N_SHUTDOWN_EVENT: {
		struct sctp_shutdown_event s = {.sse_type = SCTP_SHUTDOWN_EVENT,
						.sse_length = sizeof(s),
						.sse_assoc_id = id};

		return emit(out, cap, &s, sizeof(s), NULL, 0);
	}
	case SCT_IPC_N_ADAPTATION_INDICATION: {
		struct sctp_adaptation_event s = {.sai_type = SCTP_ADAPTATION_INDICATION,
						  .sai_length = sizeof(s),
						  .sai_adaptation_ind = n->u.adaptation.indication,
						  .sai_assoc_id = id};

		return emit(out, cap, &s, sizeof(s), NULL, 0);
	}
	case SCT_IPC_N_PARTIAL_DELIVERY_EVENT: {
		struct sctp_pdapi_event s = {.pdapi_type = SCTP_PARTIAL_DELIVERY_EVENT,
					     .pdapi_length = sizeof(s),
					     .pdapi_indication = SCTP_PARTIAL_DELIVERY_ABORTED,
					     .pdapi_assoc_id = id,
					     .pdapi_stream = n->u.pdapi.stream,
					     .pdapi_seq = n->u.pdapi.seq};

		return emit(out, cap, &s, sizeof(s), NULL, 0);
	}
	case SCT_IPC_N_SENDER_DRY_EVENT: {
		struct sctp_sender_dry_event s = {.sender_dry_type = SCTP_SENDER_DRY_EVENT,
						  .sender_dry_length = sizeof(s),
						  .sender_dry_assoc_id = id};

		return emit(out, cap, &s, sizeof(s), NULL, 0);
	}
	case SCT_IPC_N_STREAM_RESET_EVENT:
		return stream_reset(n, id, out, cap);
	default:
		return -EINVAL;
	}
}
