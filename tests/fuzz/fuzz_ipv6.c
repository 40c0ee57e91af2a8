/* SPDX-License-Identifier: MIT */
/* fuzz_ipv6.c: sct_ip6_parse() (extension-header walk) and an emit -> parse round trip. */
#include <stdlib.h>
#include <string.h>

#include "common/addr.h"
#include "common/cursor.h"
#include "wire/ipv6.h"
#include "wire/wire_err.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static uint8_t out[SCT_IP6_HDR_LEN + 65535];
	struct sct_ip6 a, b;
	struct sct_wr w;
	int err;

	err = sct_ip6_parse(&a, data, size);
	if (err == SCT_WE_IP6_UNKNOWN_EXTHDR || err == SCT_WE_IP6_EXTORDER ||
	    err == SCT_WE_IP6_OPT_UNKNOWN || err == SCT_WE_IP6_OPTION ||
	    err == SCT_WE_IP6_ROUTING || err == SCT_WE_IP6_FRAG) {
		/* the ICMP pointer must point inside the packet */
		if (a.err_off >= size)
			abort();
	}
	if (err)
		return 0;
	if (a.payload != data + a.payload_off || a.payload_off + a.payload_len > size ||
	    a.payload_off + a.payload_len != SCT_IP6_HDR_LEN + (size_t)a.plen ||
	    a.nh_off >= a.payload_off || a.n_exthdrs > SCT_IP6_MAX_EXTHDRS)
		abort();
	if (a.frag.present && !a.frag.atomic && data[a.nh_off] != SCT_IP6_NH_FRAGMENT)
		abort();
	if (!sct_ip6_is_fragment(&a) && data[a.nh_off] != a.proto)
		abort();
	/* re-emit as fixed header (+ fragment header) + payload */
	w = sct_wr_init(out, sizeof(out));
	if (sct_ip6_emit(&w, &a, a.payload_len) != 0)
		abort();
	sct_wr_bytes(&w, a.payload, a.payload_len);
	if (w.err || sct_ip6_parse(&b, out, w.off) != 0)
		abort();
	if (a.tclass != b.tclass || a.flow != b.flow || a.hlim != b.hlim ||
	    !sct_addr_eq(&a.src, &b.src) || !sct_addr_eq(&a.dst, &b.dst) || a.proto != b.proto ||
	    a.payload_len != b.payload_len || a.frag.present != b.frag.present ||
	    a.frag.off != b.frag.off || a.frag.more != b.frag.more || a.frag.id != b.frag.id ||
	    a.frag.atomic != b.frag.atomic || memcmp(a.payload, b.payload, a.payload_len) != 0)
		abort();
	return 0;
}
