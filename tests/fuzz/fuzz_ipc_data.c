/* SPDX-License-Identifier: MIT */
/* fuzz_ipc_data.c: fuzz the IPC data-record and notification decoders. */
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "ipc/ipc.h"
#include "ipc/ipc_err.h"

/*
 * The input is one data record.  A record that decodes is encoded again:
 * the encoding is canonical, so the bytes must equal the input; decoding
 * them again must give the same fields (abort() otherwise).  The payload of
 * a NOTIFICATION record, and the whole input as well, go through the
 * notification decoder with the same decode, encode, compare, decode again.
 */

static uint8_t out[SCT_IPC_REC_MAX];
static struct sct_ipc_notif n1, n2;

static void check_notif(const uint8_t *data, size_t size)
{
	int len;

	if (sct_ipc_notif_decode(data, size, &n1))
		return;
	len = sct_ipc_notif_encode(&n1, out, sizeof(out));
	if (len < 0 || (size_t)len != size || memcmp(out, data, size))
		abort();
	if (sct_ipc_notif_decode(out, (size_t)len, &n2) || !sct_ipc_notif_eq(&n1, &n2))
		abort();
}

static bool rec_eq(const struct sct_ipc_rec *a, const struct sct_ipc_rec *b)
{
	return a->version == b->version && a->type == b->type && a->flags == b->flags &&
	       a->assoc_id == b->assoc_id && a->sid == b->sid && a->ssn == b->ssn &&
	       a->ppid == b->ppid && a->tsn_or_context == b->tsn_or_context &&
	       a->cumtsn_or_ttl == b->cumtsn_or_ttl && a->has_addr == b->has_addr &&
	       (!a->has_addr || sct_ipc_addr_eq(&a->addr, &b->addr)) &&
	       a->payload_len == b->payload_len &&
	       (!a->payload_len || memcmp(a->payload, b->payload, a->payload_len) == 0);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct sct_ipc_rec r1, r2;
	uint8_t hdr[SCT_IPC_REC_HDR_MAX];
	int len, hlen;

	check_notif(data, size);
	if (sct_ipc_rec_decode(data, size, &r1))
		return 0;
	len = sct_ipc_rec_encode(&r1, out, sizeof(out));
	if (len < 0 || (size_t)len != size || memcmp(out, data, size))
		abort();
	/* The header alone (for an iovec send) is the same bytes. */
	hlen = sct_ipc_rec_encode_hdr(&r1, hdr, sizeof(hdr));
	if (hlen < 0 || (size_t)hlen + r1.payload_len != size || memcmp(hdr, data, (size_t)hlen))
		abort();
	if (sct_ipc_rec_decode(out, (size_t)len, &r2) || !rec_eq(&r1, &r2))
		abort();
	if (r1.type == SCT_IPC_REC_NOTIFICATION)
		check_notif(r1.payload, r1.payload_len);
	return 0;
}
