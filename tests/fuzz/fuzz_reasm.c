/* SPDX-License-Identifier: MIT */
/* fuzz_reasm.c: feed fragment sequences to one small reassembler and check its invariants. */

/*
 * The input is a sequence of 4-byte records:
 *
 *   byte 0  bits 0-1 op: 0, 1 fragment; 2 fragment with "big" offset and length
 *                    scales; 3 advance time by byte 2 * 50 ms, then expire
 *           bit 2    IPv6 (else IPv4)
 *           bit 3    M flag (more fragments)
 *           bit 4    perturb the data (not the datagram's canonical bytes)
 *           bit 5    pass headers (hdr/hdr_len), length from byte 1 bits 4-5
 *           bit 6    second source address
 *           bit 7    raw length (byte 3 bits 0-6 as bytes, not 8-byte units)
 *   byte 1  bits 0-1 id; bit 2 protocol (17 or 132); bits 4-5 header options
 *   byte 2  offset in 8-byte units (times 32 for op 2)
 *   byte 3  length in 8-byte units (times 64 for op 2), or raw (bit 7 above)
 *
 * Every byte of a datagram is a function of its key and offset, so a
 * completed datagram whose fragments all carried canonical bytes must come
 * back equal to it, and its length must be the end of the last final
 * fragment that was accepted for that key.  After every call the module's
 * own structures are re-walked (sct_reasm_check), and the memory charge must
 * stay under the cap.  At the end everything must expire to zero, and
 * destroy must free it all (LeakSanitizer).
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "common/addr.h"
#include "common/time.h"
#include "ip/reasm.h"
#include "wire/wire_err.h"

#define NKEYS  32
#define MAXLEN 70000

struct shadow {
	uint32_t last_end; /* end of the last accepted final fragment */
	bool tainted;	   /* a perturbed fragment was accepted since the last completion */
};

/* canon[key][i]: byte i of every datagram with that key */
static uint8_t canon[NKEYS][MAXLEN];

static void canon_init(void)
{
	static bool done;
	size_t k, i;

	if (done)
		return;
	for (k = 0; k < NKEYS; k++)
		for (i = 0; i < MAXLEN; i++)
			canon[k][i] = (uint8_t)(i * 31 + k * 7 + (i >> 8));
	done = true;
}

static void check(bool ok)
{
	if (!ok)
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static uint8_t buf[MAXLEN];
	static uint8_t hdr[128];
	struct shadow sh[NKEYS];
	struct sct_reasm_limits lim;
	struct sct_reasm *r;
	struct sct_reasm_expired exp[2];
	struct sct_addr src[2], dst4, dst6, src6[2];
	sct_time_t now = 0;
	uint64_t calls = 0;
	size_t i;

	canon_init();
	memset(sh, 0, sizeof(sh));
	memset(hdr, 0x45, sizeof(hdr));
	sct_reasm_limits_default(&lim);
	lim.mem_max = 16 * 1024;
	lim.datagrams_max = 8;
	lim.frags_max = 8;
	lim.timeout_v4 = 3 * SCT_NSEC_PER_SEC;
	lim.timeout_v6 = 6 * SCT_NSEC_PER_SEC;
	lim.hash_seed = 0x5eed;
	if (sct_reasm_create(&r, &lim))
		abort();
	sct_addr_v4u32(&src[0], 0xc0000201);
	sct_addr_v4u32(&src[1], 0xc0000203);
	sct_addr_v4u32(&dst4, 0xc0000202);
	sct_addr_parse(&src6[0], "2001:db8::1");
	sct_addr_parse(&src6[1], "2001:db8::3");
	sct_addr_parse(&dst6, "2001:db8::2");

	for (; size >= 4; data += 4, size -= 4) {
		uint8_t b0 = data[0], b1 = data[1], op = b0 & 3;
		bool v6 = b0 & 4, more = b0 & 8, perturb = b0 & 16, s2 = b0 & 64;
		uint8_t proto = b1 & 4 ? 132 : 17;
		/* IPv6 keys ignore the protocol (RFC 8200 4.5) */
		unsigned key = (v6 ? 16u : 0u) | (s2 ? 8u : 0u) | (b1 & 3u) << 1 |
			       (!v6 && proto == 132 ? 1u : 0u);
		struct sct_frag f;
		struct sct_reasm_out out;
		int rc;

		if (op == 3) {
			size_t n, k;

			now += (sct_time_t)data[2] * 50 * SCT_NSEC_PER_MSEC;
			do {
				n = sct_reasm_expire(r, now, exp, 2);
				check(n <= 2);
				for (k = 0; k < n; k++)
					check(exp[k].quote_len <= SCT_REASM_QUOTE_MAX &&
					      exp[k].quote_len > 0 && exp[k].id < 4);
			} while (n == 2);
			check(sct_reasm_next_expiry(r) > now);
			check(sct_reasm_check(r) == 0);
			continue;
		}

		memset(&f, 0, sizeof(f));
		f.af = v6 ? SCT_AF_INET6 : SCT_AF_INET4;
		f.src = v6 ? src6[s2] : src[s2];
		f.dst = v6 ? dst6 : dst4;
		f.id = b1 & 3;
		f.proto = proto;
		f.more = more;
		f.offset = 8u * data[2] * (op == 2 ? 32u : 1u);
		if (b0 & 128)
			f.len = data[3] & 0x7f;
		else
			f.len = 8u * (data[3] & 0x7f) * (op == 2 ? 64u : 1u);
		if (f.offset + f.len > MAXLEN)
			f.len = MAXLEN - f.offset;
		memcpy(buf + f.offset, &canon[key][f.offset], f.len);
		if (perturb)
			for (i = 0; i < f.len; i++)
				buf[f.offset + i] ^= 0x5a;
		f.data = buf + f.offset;
		if (b0 & 32) {
			f.hdr = hdr;
			f.hdr_len = (v6 ? 48u : 20u) + 8u * ((b1 >> 4) & 3);
		}

		rc = sct_reasm_input(r, &f, now, &out);
		calls++;
		check(sct_reasm_stats(r)->reqds == calls);
		check(sct_reasm_check(r) == 0);
		check(sct_reasm_mem(r) <= lim.mem_max);
		check(sct_reasm_pending(r) <= lim.datagrams_max);

		switch (rc) {
		case 1:
			check(out.af == f.af && out.id == f.id && sct_addr_eq(&out.src, &f.src));
			if (out.atomic) {
				check(f.offset == 0 && !f.more);
				check(out.data == f.data && out.len == f.len);
				break;
			}
			if (!f.more)
				sh[key].last_end = f.offset + (uint32_t)f.len;
			check(out.len == sh[key].last_end);
			check(out.len <= 65535);
			if (!v6)
				check(out.proto == f.proto);
			if (!sh[key].tainted && !perturb)
				check(memcmp(out.data, canon[key], out.len) == 0);
			sh[key].tainted = false;
			break;
		case 0:
			check(f.offset != 0 || f.more);
			if (!f.more)
				sh[key].last_end = f.offset + (uint32_t)f.len;
			if (perturb)
				sh[key].tainted = true;
			break;
		case SCT_WE_FRAG_BAD_LEN:
			check(f.more && f.len % 8);
			break;
		case SCT_WE_FRAG_EMPTY:
			check(f.len == 0);
			break;
		case SCT_WE_FRAG_TOO_BIG:
		case SCT_WE_FRAG_OVERLAP:
		case SCT_WE_FRAG_INCONSISTENT:
		case SCT_WE_FRAG_LIMIT:
		case SCT_WE_FRAG_DISCARDED:
			break;
		default:
			abort();
		}
	}

	/* everything expires, and then nothing is charged */
	sct_reasm_expire(r, now + 3600 * SCT_NSEC_PER_SEC, NULL, 0);
	check(sct_reasm_pending(r) == 0 && sct_reasm_mem(r) == 0);
	check(sct_reasm_next_expiry(r) == SCT_TIME_NEVER);
	check(sct_reasm_check(r) == 0);
	sct_reasm_destroy(r);
	return 0;
}
