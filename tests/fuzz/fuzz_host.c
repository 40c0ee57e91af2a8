/* SPDX-License-Identifier: MIT */
/* fuzz_host.c: packet sequences into one small host; every output must parse, counters add up. */

/*
 * The input is a sequence of records, each starting with an op byte:
 *
 *   op & 3 == 0  a packet: 2-byte length L (big-endian, cut to what is left),
 *                then L bytes, fed as they are
 *   op & 3 == 1  the same, but the harness first repairs the IPv4 header
 *                checksum and the ICMP / ICMPv6 checksum (when the IPv6
 *                header is followed directly by ICMPv6), so that the fuzzer
 *                gets past them
 *   op & 3 == 2  advance time by (op >> 2) * 250 ms and run the timers
 *   op & 3 == 3  an SCTP packet from the core: next byte d (bits 0-2 the
 *                destination, bit 3 DF, bits 4-5 ECN, bit 6 a flow label, bit
 *                7 explicit source), then a 2-byte length (up to 9000)
 *
 * The host has small limits so that queues, the PMTU cache, the rate limit
 * and reassembly fill up.  After each record: every queued packet must parse
 * as IPv4 or IPv6 with a correct header checksum, and an unfragmented ICMP
 * message must parse with a correct checksum; sct_host_check() must pass;
 * each family's counters must add up (host.h).  The host is destroyed at the
 * end (LeakSanitizer finds what it leaks).
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "common/addr.h"
#include "common/csum.h"
#include "common/cursor.h"
#include "ip/host.h"
#include "wire/icmp.h"
#include "wire/ipv4.h"
#include "wire/ipv6.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static uint8_t buf[70000];
static uint8_t out[70000];
static uint8_t sctp[9000];

static void add(struct sct_host *h, const char *s, unsigned prefix, bool ep)
{
	struct sct_addr a;

	if (sct_addr_parse(&a, s) || sct_host_addr_add(h, &a, prefix, ep))
		abort();
}

static void fix_checksums(uint8_t *p, size_t len)
{
	if (len >= 20 && (p[0] >> 4) == 4) {
		size_t hl = (p[0] & 15u) * 4u, tot = sct_get_u16(p + 2);

		if (hl < 20 || hl > len)
			return;
		sct_put_u16(p + 10, 0);
		sct_put_u16(p + 10, sct_csum(p, hl));
		if (tot > len)
			tot = len;
		if (p[9] == SCT_IPPROTO_ICMP && tot >= hl + 8 && !(sct_get_u16(p + 6) & 0x3fff)) {
			sct_put_u16(p + hl + 2, 0);
			sct_put_u16(p + hl + 2, sct_csum(p + hl, tot - hl));
		}
	} else if (len >= 48 && (p[0] >> 4) == 6 && p[6] == SCT_IPPROTO_ICMPV6) {
		struct sct_addr s, d;
		size_t plen = sct_get_u16(p + 4);

		if (plen > len - 40)
			plen = len - 40;
		if (plen < 8)
			return;
		sct_addr_v6(&s, p + 8);
		sct_addr_v6(&d, p + 24);
		sct_put_u16(p + 42, 0);
		sct_put_u16(p + 42,
			    sct_csum_fold(sct_csum_add(
				sct_ip_pseudo_sum(&s, &d, SCT_IPPROTO_ICMPV6, (uint32_t)plen),
				p + 40, plen)));
	}
}

static void check_output(struct sct_host *h)
{
	int n;

	while ((n = sct_host_pull(h, out, sizeof(out))) > 0) {
		struct sct_icmp m;

		if ((out[0] >> 4) == 4) {
			struct sct_ip4 ip;

			if (sct_ip4_parse(&ip, out, (size_t)n) || ip.tot_len != (size_t)n)
				abort();
			if (ip.proto == SCT_IPPROTO_ICMP && !sct_ip4_is_fragment(&ip) &&
			    sct_icmp4_parse(&m, ip.payload, ip.payload_len))
				abort();
			if (!sct_host_addr_is_local(h, &ip.src, NULL) && ip.proto == 132)
				abort();
		} else {
			struct sct_ip6 ip;

			if (sct_ip6_parse(&ip, out, (size_t)n) || 40u + ip.plen != (size_t)n)
				abort();
			if (ip.proto == SCT_IPPROTO_ICMPV6 && !sct_ip6_is_fragment(&ip) &&
			    sct_icmp6_parse(&m, ip.payload, ip.payload_len, &ip.src, &ip.dst))
				abort();
		}
	}
	if (n < 0 || sct_host_queued(h))
		abort();
}

static void check_counters(struct sct_host *h)
{
	const struct sct_host_stats *st = sct_host_stats(h);
	int f;

	if (sct_host_check(h))
		abort();
	for (f = 0; f < 2; f++) {
		const struct sct_host_ip_stats *s = &st->ip[f];
		const struct sct_host_icmp_stats *i = &st->icmp[f];

		if (s->InReceives + s->ReasmOKs != s->InHdrErrors + s->InAddrErrors +
						       s->InDiscards + s->InUnknownProtos +
						       s->InDelivers + s->ReasmReqds)
			abort();
		if (i->OutMsgs !=
		    i->OutDestUnreachs + i->OutTimeExcds + i->OutParmProbs + i->OutEchoReps)
			abort();
		if (i->InEchos + i->InEchoReps + i->InErrors + i->InReports > i->InMsgs)
			abort();
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const dsts[8] = {"10.0.0.9",	 "10.0.1.5",	"192.168.5.7",
					    "127.0.0.1", "2001:db8::9", "2001:db8:5::1",
					    "fe80::9",	 "::1"};
	struct sct_rd r = sct_rd_init(data, size);
	struct sct_host_limits l;
	struct sct_host *h;
	sct_time_t now = 1000 * SCT_NSEC_PER_SEC;
	size_t i;

	sct_host_limits_default(&l);
	l.reasm.mem_max = 64 * 1024;
	l.reasm.datagrams_max = 8;
	l.reasm.frags_max = 16;
	l.reasm.hash_seed = 1;
	l.icmp_rate = 10;
	l.icmp_burst = 5;
	l.pmtu_entries = 4;
	l.outq_pkts = 16;
	l.outq_bytes = 64 * 1024;
	l.addrs_max = 8;
	l.mtu = 1500;
	l.secret = 42;
	if (sct_host_create(&h, &l))
		abort();
	add(h, "10.0.0.1", 24, true);
	add(h, "10.0.0.2", 24, false);
	add(h, "192.168.5.1", 24, true);
	add(h, "127.0.0.1", 8, true);
	add(h, "2001:db8::1", 64, true);
	add(h, "2001:db8::2", 64, false);
	add(h, "fe80::1", 64, true);
	add(h, "::1", 128, true);
	for (i = 0; i < sizeof(sctp); i++)
		sctp[i] = (uint8_t)(i * 13);

	while (sct_rd_left(&r) && !r.err) {
		uint8_t op = sct_rd_u8(&r);
		struct sct_host_rx rx;

		switch (op & 3) {
		case 0:
		case 1: {
			size_t len = sct_rd_u16(&r);

			if (len > sct_rd_left(&r))
				len = sct_rd_left(&r);
			if (len)
				memcpy(buf, sct_rd_bytes(&r, len), len);
			if (op & 1)
				fix_checksums(buf, len);
			(void)sct_host_input(h, buf, len, now, &rx);
			if (rx.kind == SCT_HOST_RX_SCTP && (!rx.data || rx.len < 12))
				abort();
			if (rx.kind == SCT_HOST_RX_ICMP &&
			    (!sct_host_addr_is_local(h, &rx.icmp.src, NULL) ||
			     (rx.icmp.kind == SCT_HOST_ICMP_PTB && rx.icmp.mtu < 68)))
				abort();
			break;
		}
		case 2:
			now += (op >> 2) * 250 * SCT_NSEC_PER_MSEC;
			(void)sct_host_advance_time(h, now);
			if (sct_host_next_expiry(h) <= now)
				abort();
			break;
		default: {
			uint8_t d = sct_rd_u8(&r);
			size_t len = sct_rd_u16(&r) % sizeof(sctp);
			struct sct_host_tx tx;
			int rc;

			memset(&tx, 0, sizeof(tx));
			if (sct_addr_parse(&tx.dst, dsts[d & 7]))
				abort();
			if (d & 0x80)
				tx.src = tx.dst; /* not local: must be refused */
			tx.df = d & 8;
			tx.ecn = (d >> 4) & 3;
			tx.flow = d & 0x40 ? 0xfedcb : 0;
			tx.data = sctp;
			tx.len = len;
			rc = sct_host_output_sctp(h, &tx, now);
			if ((d & 0x80) && !sct_host_addr_is_local(h, &tx.dst, NULL) && rc == 0)
				abort();
			if (rc == 0 && len + 20 <= 1500 && !(d & 0x80) && sct_host_queued(h) == 0)
				abort();
			break;
		}
		}
		check_output(h);
		check_counters(h);
	}
	sct_host_destroy(h);
	return 0;
}
