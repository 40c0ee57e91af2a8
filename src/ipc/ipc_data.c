/* SPDX-License-Identifier: MIT */
/* ipc_data.c: the data-record header and the fixed address layout (sctun-ipc(7)). */
#include "ipc/ipc.h"

#include <string.h>

#include "ipc/ipc_buf.h"
#include "ipc/ipc_err.h"

/*
 * Address, 24 bytes:
 *  +-------------------------------+-------------------------------+
 *  |     family (4 or 6)           |        port (host value)      |
 *  +-------------------------------+-------------------------------+
 *  |                   scope id (0 for inet)                       |
 *  +---------------------------------------------------------------+
 *  |           16 address bytes, network order (inet: 4 + 12 zero) |
 *  +---------------------------------------------------------------+
 */
static int addr_check(const struct sct_ipc_addr *a)
{
	size_t i;

	if (a->family == SCT_IPC_AF_INET6)
		return 0;
	if (a->family != SCT_IPC_AF_INET)
		return SCT_IPC_E_ADDR_FAMILY;
	if (a->scope)
		return SCT_IPC_E_ADDR_V4_EXTRA;
	for (i = 4; i < sizeof(a->addr); i++)
		if (a->addr[i])
			return SCT_IPC_E_ADDR_V4_EXTRA;
	return 0;
}

static void addr_put(struct sct_ipc_wr *w, const struct sct_ipc_addr *a)
{
	sct_ipc_wr_u16(w, a->family);
	sct_ipc_wr_u16(w, a->port);
	sct_ipc_wr_u32(w, a->scope);
	sct_ipc_wr_bytes(w, a->addr, sizeof(a->addr));
}

static int addr_get(struct sct_ipc_rd *r, struct sct_ipc_addr *a)
{
	const uint8_t *p;

	a->family = sct_ipc_rd_u16(r);
	a->port = sct_ipc_rd_u16(r);
	a->scope = sct_ipc_rd_u32(r);
	p = sct_ipc_rd_bytes(r, sizeof(a->addr));
	if (!p)
		return SCT_IPC_E_TRUNCATED;
	memcpy(a->addr, p, sizeof(a->addr));
	return addr_check(a);
}

int sct_ipc_addr_encode(const struct sct_ipc_addr *a, void *buf, size_t cap)
{
	struct sct_ipc_wr w = sct_ipc_wr_init(buf, cap);
	int err = addr_check(a);

	if (err)
		return err;
	addr_put(&w, a);
	return w.err ? SCT_IPC_E_NOSPACE : 0;
}

int sct_ipc_addr_decode(const void *buf, size_t len, struct sct_ipc_addr *a)
{
	struct sct_ipc_rd r = sct_ipc_rd_init(buf, len);
	int err;

	memset(a, 0, sizeof(*a));
	if (len < SCT_IPC_ADDR_LEN)
		return SCT_IPC_E_TRUNCATED;
	if (len > SCT_IPC_ADDR_LEN)
		return SCT_IPC_E_TRAILING;
	err = addr_get(&r, a);
	return err;
}

bool sct_ipc_addr_eq(const struct sct_ipc_addr *a, const struct sct_ipc_addr *b)
{
	return a->family == b->family && a->port == b->port && a->scope == b->scope &&
	       memcmp(a->addr, b->addr, sizeof(a->addr)) == 0;
}

/* Flags each record type may carry; NOTIFICATION must carry its own flag. */
static uint16_t rec_allowed_flags(uint8_t type)
{
	switch (type) {
	case SCT_IPC_REC_DATA:
		return SCT_IPC_F_ALL & ~SCT_IPC_F_NOTIFICATION;
	case SCT_IPC_REC_NOTIFICATION:
		return SCT_IPC_F_NOTIFICATION | SCT_IPC_F_EOR;
	default:
		return 0;
	}
}

/*
 * The checks shared by the encoders (so that nothing we send fails to
 * decode) and the decoder.  @pad: the payload bytes are there to check.
 */
static int rec_check(const struct sct_ipc_rec *r, bool pad)
{
	size_t i;
	int err;

	if (r->version < SCT_IPC_VERSION_MIN || r->version > SCT_IPC_VERSION_MAX)
		return SCT_IPC_E_VERSION;
	if (r->type < SCT_IPC_REC_DATA || r->type > SCT_IPC_REC_EOF)
		return SCT_IPC_E_REC_TYPE;
	if (r->flags & ~SCT_IPC_F_ALL)
		return SCT_IPC_E_RESERVED;
	if (r->flags & ~rec_allowed_flags(r->type))
		return SCT_IPC_E_REC_FLAGS;
	if (r->type == SCT_IPC_REC_NOTIFICATION && !(r->flags & SCT_IPC_F_NOTIFICATION))
		return SCT_IPC_E_REC_FLAGS;
	if (r->payload_len > SCT_IPC_MAX_PAYLOAD)
		return SCT_IPC_E_REC_PAYLOAD_LEN;
	if (r->type != SCT_IPC_REC_DATA) {
		/* Only DATA has stream, ppid, TSN fields or an address. */
		if (r->sid || r->ssn || r->ppid || r->tsn_or_context || r->cumtsn_or_ttl)
			return SCT_IPC_E_RESERVED;
		if (r->has_addr)
			return SCT_IPC_E_ADDR_LEN;
	}
	/* A NOTIFICATION carries at least a notification TLV header. */
	if (r->type == SCT_IPC_REC_NOTIFICATION && r->payload_len < SCT_IPC_NOTIF_HDR_LEN)
		return SCT_IPC_E_REC_PAYLOAD_LEN;
	if (r->type == SCT_IPC_REC_CONNECTING) {
		if (r->payload_len != SCT_IPC_CONNECTING_PAD)
			return SCT_IPC_E_REC_PAYLOAD_LEN;
		for (i = 0; pad && i < r->payload_len; i++)
			if (r->payload[i])
				return SCT_IPC_E_REC_PAD;
	}
	if ((r->type == SCT_IPC_REC_ACCEPTABLE || r->type == SCT_IPC_REC_EOF) && r->payload_len)
		return SCT_IPC_E_REC_PAYLOAD_LEN;
	if (r->has_addr) {
		err = addr_check(&r->addr);
		if (err)
			return err;
	}
	return 0;
}

static void hdr_put(struct sct_ipc_wr *w, const struct sct_ipc_rec *r)
{
	sct_ipc_wr_u8(w, r->version);
	sct_ipc_wr_u8(w, r->type);
	sct_ipc_wr_u16(w, r->flags);
	sct_ipc_wr_u32(w, r->assoc_id);
	sct_ipc_wr_u16(w, r->sid);
	sct_ipc_wr_u16(w, r->ssn);
	sct_ipc_wr_u32(w, r->ppid);
	sct_ipc_wr_u32(w, r->tsn_or_context);
	sct_ipc_wr_u32(w, r->cumtsn_or_ttl);
	sct_ipc_wr_u16(w, r->has_addr ? SCT_IPC_ADDR_LEN : 0);
	sct_ipc_wr_u16(w, 0);
	sct_ipc_wr_u32(w, (uint32_t)r->payload_len);
	if (r->has_addr)
		addr_put(w, &r->addr);
}

int sct_ipc_rec_encode_hdr(const struct sct_ipc_rec *r, void *buf, size_t cap)
{
	struct sct_ipc_wr w = sct_ipc_wr_init(buf, cap);

	if (rec_check(r, false))
		return SCT_IPC_E_INVALID;
	hdr_put(&w, r);
	return w.err ? SCT_IPC_E_NOSPACE : (int)w.off;
}

int sct_ipc_rec_encode(const struct sct_ipc_rec *r, void *buf, size_t cap)
{
	struct sct_ipc_wr w = sct_ipc_wr_init(buf, cap);

	if ((r->payload_len && !r->payload) || rec_check(r, true))
		return SCT_IPC_E_INVALID;
	hdr_put(&w, r);
	sct_ipc_wr_bytes(&w, r->payload, r->payload_len);
	return w.err ? SCT_IPC_E_NOSPACE : (int)w.off;
}

int sct_ipc_rec_decode_head(const void *buf, size_t len, size_t total, struct sct_ipc_rec *r)
{
	struct sct_ipc_rd rd = sct_ipc_rd_init(buf, len);
	uint16_t addr_len, reserved;
	uint32_t payload_len;
	size_t head;
	int err;

	memset(r, 0, sizeof(*r));
	if (len < SCT_IPC_REC_HDR_LEN || total < SCT_IPC_REC_HDR_LEN)
		return SCT_IPC_E_TRUNCATED;
	r->version = sct_ipc_rd_u8(&rd);
	/* The version first: a later version may lay out the rest differently. */
	if (r->version < SCT_IPC_VERSION_MIN || r->version > SCT_IPC_VERSION_MAX)
		return SCT_IPC_E_VERSION;
	r->type = sct_ipc_rd_u8(&rd);
	r->flags = sct_ipc_rd_u16(&rd);
	r->assoc_id = sct_ipc_rd_u32(&rd);
	r->sid = sct_ipc_rd_u16(&rd);
	r->ssn = sct_ipc_rd_u16(&rd);
	r->ppid = sct_ipc_rd_u32(&rd);
	r->tsn_or_context = sct_ipc_rd_u32(&rd);
	r->cumtsn_or_ttl = sct_ipc_rd_u32(&rd);
	addr_len = sct_ipc_rd_u16(&rd);
	reserved = sct_ipc_rd_u16(&rd);
	payload_len = sct_ipc_rd_u32(&rd);
	if (reserved)
		return SCT_IPC_E_RESERVED;
	if (addr_len != 0 && addr_len != SCT_IPC_ADDR_LEN)
		return SCT_IPC_E_ADDR_LEN;
	head = SCT_IPC_REC_HDR_LEN + addr_len;
	if (len < head || total < head)
		return SCT_IPC_E_TRUNCATED;
	if (addr_len) {
		r->has_addr = true;
		err = addr_get(&rd, &r->addr);
		if (err)
			return err;
	}
	/* Never trust payload_len: compare it with what actually arrived. */
	if (payload_len > SCT_IPC_MAX_PAYLOAD)
		return SCT_IPC_E_REC_PAYLOAD_LEN;
	if (total - head < payload_len)
		return SCT_IPC_E_TRUNCATED;
	if (total - head > payload_len)
		return SCT_IPC_E_TRAILING;
	r->payload_len = payload_len;
	err = rec_check(r, false);
	return err ? err : (int)head;
}

int sct_ipc_rec_decode(const void *buf, size_t len, struct sct_ipc_rec *r)
{
	int head = sct_ipc_rec_decode_head(buf, len, len, r);

	if (head < 0)
		return head;
	r->payload = (const uint8_t *)buf + head;
	return rec_check(r, true);
}
