/* SPDX-License-Identifier: MIT */
/* fuzz_ipv4.c: sct_ip4_parse() and a parse -> emit -> parse round trip. */
#include <stdlib.h>
#include <string.h>

#include "common/addr.h"
#include "common/csum.h"
#include "common/cursor.h"
#include "wire/ipv4.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void one(const uint8_t *data, size_t size)
{
	static uint8_t out[SCT_IP4_MAX_LEN];
	struct sct_ip4 a, b;
	struct sct_wr w;

	if (sct_ip4_parse(&a, data, size) != 0)
		return;
	if (a.payload < data || a.payload + a.payload_len > data + size ||
	    a.hdr_len + a.payload_len != a.tot_len)
		abort();
	w = sct_wr_init(out, sizeof(out));
	if (sct_ip4_emit(&w, &a, a.payload_len) != 0 || w.off != a.hdr_len)
		abort();
	sct_wr_bytes(&w, a.payload, a.payload_len);
	if (w.err || sct_ip4_parse(&b, out, w.off) != 0)
		abort();
	/* the same header except perhaps the checksum's 0x0000/0xffff twin */
	if (memcmp(out, data, 10) != 0 || memcmp(out + 12, data + 12, a.hdr_len - 12u) != 0)
		abort();
	if (a.hdr_len != b.hdr_len || a.tos != b.tos || a.tot_len != b.tot_len || a.id != b.id ||
	    a.df != b.df || a.mf != b.mf || a.frag_off != b.frag_off || a.ttl != b.ttl ||
	    a.proto != b.proto || !sct_addr_eq(&a.src, &b.src) || !sct_addr_eq(&a.dst, &b.dst) ||
	    a.opts_len != b.opts_len || a.payload_len != b.payload_len ||
	    sct_ip4_is_fragment(&a) != sct_ip4_is_fragment(&b) ||
	    memcmp(a.payload, b.payload, a.payload_len) != 0)
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static uint8_t fixed[SCT_IP4_MAX_LEN + 1];
	size_t ihl;

	one(data, size);
	/* again with a correct header checksum, so the fuzzer gets past it */
	if (size < SCT_IP4_HDR_MIN || size > sizeof(fixed))
		return 0;
	memcpy(fixed, data, size);
	ihl = (fixed[0] & 0x0fu) * 4u;
	if (ihl < SCT_IP4_HDR_MIN || ihl > size)
		return 0;
	sct_put_u16(fixed + 10, 0);
	sct_put_u16(fixed + 10, sct_csum(fixed, ihl));
	one(fixed, size);
	return 0;
}
