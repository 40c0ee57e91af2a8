/* SPDX-License-Identifier: MIT */
/* ipc_notif.c: notifications (RFC 6458 6.1, RFC 6525 6.1.1) as ABI-neutral TLVs. */
#include "ipc/ipc.h"

#include <string.h>

#include "ipc/ipc_buf.h"
#include "ipc/ipc_err.h"

/*
 * One TLV per notification (the header is in ipc.h).  The values, all
 * little-endian, keep the RFC 6458 struct's fields in the RFC's order
 * without its header (type, flags, length, assoc id: the record has those):
 *
 *  ASSOC_CHANGE (6.1.1)       u16 state, u16 error, u16 os, u16 is, info bytes
 *  PEER_ADDR_CHANGE (6.1.2)   address (24), u32 state, u32 error
 *  REMOTE_ERROR (6.1.3)       u16 cause code, u16 zero, cause bytes
 *  SEND_FAILED_EVENT (6.1.11) u32 flags, u32 error, sndinfo (u16 sid,
 *                             u16 flags, u32 ppid, u32 context), u32 length
 *  SHUTDOWN_EVENT (6.1.5)     empty
 *  ADAPTATION_INDICATION (6.1.6) u32 indication
 *  PARTIAL_DELIVERY_EVENT (6.1.7) u32 indication, u16 stream, u16 zero, u32 seq
 *  SENDER_DRY_EVENT (6.1.9)   empty
 *  STREAM_RESET_EVENT (RFC 6525 6.1.1) u16 flags, u16 count, count x u16 stream
 *
 * The unsent data of a SEND_FAILED_EVENT is not carried, only its length
 * (the shim reports ssfe_length without ssfe_data): copying messages back
 * through the daemon would double the memory a failing association holds.
 */

/* Fixed value length per type; -1: variable (checked in the decoder). */
static long notif_fixed_len(uint16_t type)
{
	switch (type) {
	case SCT_IPC_N_PEER_ADDR_CHANGE:
		return SCT_IPC_ADDR_LEN + 8;
	case SCT_IPC_N_SEND_FAILED_EVENT:
		return 24;
	case SCT_IPC_N_SHUTDOWN_EVENT:
	case SCT_IPC_N_SENDER_DRY_EVENT:
		return 0;
	case SCT_IPC_N_ADAPTATION_INDICATION:
		return 4;
	case SCT_IPC_N_PARTIAL_DELIVERY_EVENT:
		return 12;
	default:
		return -1;
	}
}

/* Range checks shared by encoder and decoder. */
static int notif_check(const struct sct_ipc_notif *n)
{
	uint32_t f;

	switch (n->type) {
	case SCT_IPC_N_ASSOC_CHANGE:
		if (n->u.assoc_change.state < SCT_IPC_COMM_UP ||
		    n->u.assoc_change.state > SCT_IPC_CANT_STR_ASSOC)
			return SCT_IPC_E_NOTIF_VALUE;
		if (n->u.assoc_change.info_len > SCT_IPC_NOTIF_MAX_BYTES)
			return SCT_IPC_E_NOTIF_LEN;
		return 0;
	case SCT_IPC_N_PEER_ADDR_CHANGE:
		if (n->u.paddr_change.state < SCT_IPC_ADDR_AVAILABLE ||
		    n->u.paddr_change.state > SCT_IPC_ADDR_POTENTIALLY_FAILED)
			return SCT_IPC_E_NOTIF_VALUE;
		return 0;
	case SCT_IPC_N_REMOTE_ERROR:
		if (n->u.remote_error.data_len > SCT_IPC_NOTIF_MAX_BYTES)
			return SCT_IPC_E_NOTIF_LEN;
		return 0;
	case SCT_IPC_N_SEND_FAILED_EVENT:
		f = n->u.send_failed.flags;
		if (f != SCT_IPC_DATA_UNSENT && f != SCT_IPC_DATA_SENT)
			return SCT_IPC_E_NOTIF_VALUE;
		if (n->u.send_failed.snd_flags & ~(SCT_IPC_F_ALL & ~SCT_IPC_F_NOTIFICATION))
			return SCT_IPC_E_NOTIF_VALUE;
		return 0;
	case SCT_IPC_N_PARTIAL_DELIVERY_EVENT:
		if (n->u.pdapi.indication != SCT_IPC_PARTIAL_DELIVERY_ABORTED)
			return SCT_IPC_E_NOTIF_VALUE;
		return 0;
	case SCT_IPC_N_STREAM_RESET_EVENT:
		if (n->u.stream_reset.flags & ~SCT_IPC_STREAM_RESET_ALL)
			return SCT_IPC_E_NOTIF_VALUE;
		if (n->u.stream_reset.count > SCT_IPC_NOTIF_MAX_STREAMS)
			return SCT_IPC_E_NOTIF_COUNT;
		return 0;
	case SCT_IPC_N_SHUTDOWN_EVENT:
	case SCT_IPC_N_ADAPTATION_INDICATION:
	case SCT_IPC_N_SENDER_DRY_EVENT:
		return 0;
	default:
		return SCT_IPC_E_NOTIF_TYPE;
	}
}

static void addr_put(struct sct_ipc_wr *w, const struct sct_ipc_addr *a)
{
	uint8_t *p = sct_ipc_wr_reserve(w, SCT_IPC_ADDR_LEN);

	if (p && sct_ipc_addr_encode(a, p, SCT_IPC_ADDR_LEN))
		w->err = true;
}

int sct_ipc_notif_encode(const struct sct_ipc_notif *n, void *buf, size_t cap)
{
	struct sct_ipc_wr w = sct_ipc_wr_init(buf, cap);
	uint8_t *len_at;
	size_t i;

	if (notif_check(n))
		return SCT_IPC_E_INVALID;
	if ((n->type == SCT_IPC_N_ASSOC_CHANGE && n->u.assoc_change.info_len &&
	     !n->u.assoc_change.info) ||
	    (n->type == SCT_IPC_N_REMOTE_ERROR && n->u.remote_error.data_len &&
	     !n->u.remote_error.data))
		return SCT_IPC_E_INVALID;
	if (n->type == SCT_IPC_N_PEER_ADDR_CHANGE &&
	    sct_ipc_addr_encode(&n->u.paddr_change.addr, (uint8_t[SCT_IPC_ADDR_LEN]){0},
				SCT_IPC_ADDR_LEN))
		return SCT_IPC_E_INVALID;
	sct_ipc_wr_u16(&w, n->type);
	sct_ipc_wr_u16(&w, 0);
	len_at = sct_ipc_wr_reserve(&w, 4);
	switch (n->type) {
	case SCT_IPC_N_ASSOC_CHANGE:
		sct_ipc_wr_u16(&w, n->u.assoc_change.state);
		sct_ipc_wr_u16(&w, n->u.assoc_change.error);
		sct_ipc_wr_u16(&w, n->u.assoc_change.os);
		sct_ipc_wr_u16(&w, n->u.assoc_change.is);
		sct_ipc_wr_bytes(&w, n->u.assoc_change.info, n->u.assoc_change.info_len);
		break;
	case SCT_IPC_N_PEER_ADDR_CHANGE:
		addr_put(&w, &n->u.paddr_change.addr);
		sct_ipc_wr_u32(&w, n->u.paddr_change.state);
		sct_ipc_wr_u32(&w, n->u.paddr_change.error);
		break;
	case SCT_IPC_N_REMOTE_ERROR:
		sct_ipc_wr_u16(&w, n->u.remote_error.error);
		sct_ipc_wr_u16(&w, 0);
		sct_ipc_wr_bytes(&w, n->u.remote_error.data, n->u.remote_error.data_len);
		break;
	case SCT_IPC_N_SEND_FAILED_EVENT:
		sct_ipc_wr_u32(&w, n->u.send_failed.flags);
		sct_ipc_wr_u32(&w, n->u.send_failed.error);
		sct_ipc_wr_u16(&w, n->u.send_failed.sid);
		sct_ipc_wr_u16(&w, n->u.send_failed.snd_flags);
		sct_ipc_wr_u32(&w, n->u.send_failed.ppid);
		sct_ipc_wr_u32(&w, n->u.send_failed.context);
		sct_ipc_wr_u32(&w, n->u.send_failed.length);
		break;
	case SCT_IPC_N_ADAPTATION_INDICATION:
		sct_ipc_wr_u32(&w, n->u.adaptation.indication);
		break;
	case SCT_IPC_N_PARTIAL_DELIVERY_EVENT:
		sct_ipc_wr_u32(&w, n->u.pdapi.indication);
		sct_ipc_wr_u16(&w, n->u.pdapi.stream);
		sct_ipc_wr_u16(&w, 0);
		sct_ipc_wr_u32(&w, n->u.pdapi.seq);
		break;
	case SCT_IPC_N_STREAM_RESET_EVENT:
		sct_ipc_wr_u16(&w, n->u.stream_reset.flags);
		sct_ipc_wr_u16(&w, n->u.stream_reset.count);
		for (i = 0; i < n->u.stream_reset.count; i++)
			sct_ipc_wr_u16(&w, n->u.stream_reset.streams[i]);
		break;
	default: /* SHUTDOWN_EVENT, SENDER_DRY_EVENT: no value */
		break;
	}
	if (w.err)
		return SCT_IPC_E_NOSPACE;
	sct_ipc_put_u32(len_at, (uint32_t)(w.off - SCT_IPC_NOTIF_HDR_LEN));
	return (int)w.off;
}

int sct_ipc_notif_decode(const void *buf, size_t len, struct sct_ipc_notif *n)
{
	struct sct_ipc_rd r = sct_ipc_rd_init(buf, len);
	uint32_t vlen;
	size_t i;
	long fixed;
	int err;

	memset(n, 0, sizeof(*n));
	if (len < SCT_IPC_NOTIF_HDR_LEN)
		return SCT_IPC_E_TRUNCATED;
	n->type = sct_ipc_rd_u16(&r);
	if (sct_ipc_rd_u16(&r))
		return SCT_IPC_E_RESERVED;
	vlen = sct_ipc_rd_u32(&r);
	if (vlen > sct_ipc_rd_left(&r))
		return SCT_IPC_E_TRUNCATED;
	if (vlen < sct_ipc_rd_left(&r))
		return SCT_IPC_E_TRAILING;
	if (n->type < SCT_IPC_N_ASSOC_CHANGE || n->type > SCT_IPC_N_STREAM_RESET_EVENT)
		return SCT_IPC_E_NOTIF_TYPE;
	fixed = notif_fixed_len(n->type);
	if (fixed >= 0 && vlen != (uint32_t)fixed)
		return SCT_IPC_E_NOTIF_LEN;
	switch (n->type) {
	case SCT_IPC_N_ASSOC_CHANGE:
		if (vlen < 8)
			return SCT_IPC_E_NOTIF_LEN;
		n->u.assoc_change.state = sct_ipc_rd_u16(&r);
		n->u.assoc_change.error = sct_ipc_rd_u16(&r);
		n->u.assoc_change.os = sct_ipc_rd_u16(&r);
		n->u.assoc_change.is = sct_ipc_rd_u16(&r);
		n->u.assoc_change.info_len = vlen - 8;
		n->u.assoc_change.info = sct_ipc_rd_bytes(&r, vlen - 8);
		break;
	case SCT_IPC_N_PEER_ADDR_CHANGE:
		err = sct_ipc_addr_decode(sct_ipc_rd_bytes(&r, SCT_IPC_ADDR_LEN), SCT_IPC_ADDR_LEN,
					  &n->u.paddr_change.addr);
		if (err)
			return err;
		n->u.paddr_change.state = sct_ipc_rd_u32(&r);
		n->u.paddr_change.error = sct_ipc_rd_u32(&r);
		break;
	case SCT_IPC_N_REMOTE_ERROR:
		if (vlen < 4)
			return SCT_IPC_E_NOTIF_LEN;
		n->u.remote_error.error = sct_ipc_rd_u16(&r);
		if (sct_ipc_rd_u16(&r))
			return SCT_IPC_E_RESERVED;
		n->u.remote_error.data_len = vlen - 4;
		n->u.remote_error.data = sct_ipc_rd_bytes(&r, vlen - 4);
		break;
	case SCT_IPC_N_SEND_FAILED_EVENT:
		n->u.send_failed.flags = sct_ipc_rd_u32(&r);
		n->u.send_failed.error = sct_ipc_rd_u32(&r);
		n->u.send_failed.sid = sct_ipc_rd_u16(&r);
		n->u.send_failed.snd_flags = sct_ipc_rd_u16(&r);
		n->u.send_failed.ppid = sct_ipc_rd_u32(&r);
		n->u.send_failed.context = sct_ipc_rd_u32(&r);
		n->u.send_failed.length = sct_ipc_rd_u32(&r);
		break;
	case SCT_IPC_N_ADAPTATION_INDICATION:
		n->u.adaptation.indication = sct_ipc_rd_u32(&r);
		break;
	case SCT_IPC_N_PARTIAL_DELIVERY_EVENT:
		n->u.pdapi.indication = sct_ipc_rd_u32(&r);
		n->u.pdapi.stream = sct_ipc_rd_u16(&r);
		if (sct_ipc_rd_u16(&r))
			return SCT_IPC_E_RESERVED;
		n->u.pdapi.seq = sct_ipc_rd_u32(&r);
		break;
	case SCT_IPC_N_STREAM_RESET_EVENT:
		if (vlen < 4)
			return SCT_IPC_E_NOTIF_LEN;
		n->u.stream_reset.flags = sct_ipc_rd_u16(&r);
		n->u.stream_reset.count = sct_ipc_rd_u16(&r);
		if (n->u.stream_reset.count > SCT_IPC_NOTIF_MAX_STREAMS)
			return SCT_IPC_E_NOTIF_COUNT;
		if (vlen != 4 + 2 * (uint32_t)n->u.stream_reset.count)
			return SCT_IPC_E_NOTIF_LEN;
		for (i = 0; i < n->u.stream_reset.count; i++)
			n->u.stream_reset.streams[i] = sct_ipc_rd_u16(&r);
		break;
	default:
		break;
	}
	if (r.err)
		return SCT_IPC_E_TRUNCATED;
	return notif_check(n);
}

static bool bytes_eq(const uint8_t *a, size_t alen, const uint8_t *b, size_t blen)
{
	return alen == blen && (alen == 0 || memcmp(a, b, alen) == 0);
}

bool sct_ipc_notif_eq(const struct sct_ipc_notif *a, const struct sct_ipc_notif *b)
{
	if (a->type != b->type)
		return false;
	switch (a->type) {
	case SCT_IPC_N_ASSOC_CHANGE:
		return a->u.assoc_change.state == b->u.assoc_change.state &&
		       a->u.assoc_change.error == b->u.assoc_change.error &&
		       a->u.assoc_change.os == b->u.assoc_change.os &&
		       a->u.assoc_change.is == b->u.assoc_change.is &&
		       bytes_eq(a->u.assoc_change.info, a->u.assoc_change.info_len,
				b->u.assoc_change.info, b->u.assoc_change.info_len);
	case SCT_IPC_N_PEER_ADDR_CHANGE:
		return sct_ipc_addr_eq(&a->u.paddr_change.addr, &b->u.paddr_change.addr) &&
		       a->u.paddr_change.state == b->u.paddr_change.state &&
		       a->u.paddr_change.error == b->u.paddr_change.error;
	case SCT_IPC_N_REMOTE_ERROR:
		return a->u.remote_error.error == b->u.remote_error.error &&
		       bytes_eq(a->u.remote_error.data, a->u.remote_error.data_len,
				b->u.remote_error.data, b->u.remote_error.data_len);
	case SCT_IPC_N_SEND_FAILED_EVENT:
		return memcmp(&a->u.send_failed, &b->u.send_failed, sizeof(a->u.send_failed)) == 0;
	case SCT_IPC_N_ADAPTATION_INDICATION:
		return a->u.adaptation.indication == b->u.adaptation.indication;
	case SCT_IPC_N_PARTIAL_DELIVERY_EVENT:
		return a->u.pdapi.indication == b->u.pdapi.indication &&
		       a->u.pdapi.stream == b->u.pdapi.stream && a->u.pdapi.seq == b->u.pdapi.seq;
	case SCT_IPC_N_STREAM_RESET_EVENT:
		return a->u.stream_reset.flags == b->u.stream_reset.flags &&
		       a->u.stream_reset.count == b->u.stream_reset.count &&
		       memcmp(a->u.stream_reset.streams, b->u.stream_reset.streams,
			      a->u.stream_reset.count * sizeof(uint16_t)) == 0;
	default:
		return true;
	}
}
