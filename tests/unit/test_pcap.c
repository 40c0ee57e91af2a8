/* SPDX-License-Identifier: MIT */
/* test_pcap.c: the --pcap writer, read back with the tests' own pcap reader. */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "common/addr.h"
#include "daemon/pcap.h"
#include "harness.h"
#include "pcapfile.h"
#include "wire/ipv4.h"
#include "wire/ipv6.h"
#include "wire/udp.h"

static char path[64];

static void tmp_path(void)
{
	snprintf(path, sizeof(path), "/tmp/sctund-pcap-%d.pcap", (int)getpid());
	unlink(path);
}

/* A small IPv4 packet (header only, checksum irrelevant to the writer). */
static const uint8_t pkt_a[] = {0x45, 0, 0,  20, 0, 1, 0,  0,  64, 132,
				0,    0, 10, 99, 0, 1, 10, 99, 0,  2};
static const uint8_t pkt_b[] = {0x60, 0, 0, 0, 0, 0, 59, 64, 0xfd, 0, 0,    0x99, 0, 0,
				0,    0, 0, 0, 0, 0, 0,	 0,  0,	   1, 0xfd, 0,	  0, 0x99,
				0,    0, 0, 0, 0, 0, 0,	 0,  0,	   0, 0,    2};

/* draft-ietf-opsawg-pcap 4: nanosecond magic, version 2.4, LINKTYPE_RAW; records read back. */
static void pcap_file_header_and_records(void)
{
	struct pcap p = {0};
	struct sct_pcap r;
	struct sct_pcap_pkt k;
	uint64_t wall = 1700000000ull * 1000000000ull + 5;

	tmp_path();
	CU_ASSERT_EQUAL_FATAL(pcap_open(&p, path), 0);
	pcap_sync(&p, 1000, wall);
	CU_ASSERT_EQUAL(pcap_record(&p, 1000, pkt_a, sizeof(pkt_a)), 0);
	CU_ASSERT_EQUAL(pcap_record(&p, 1000 + 123456789, pkt_b, sizeof(pkt_b)), 0);
	CU_ASSERT_EQUAL(pcap_flush(&p), 0);
	CU_ASSERT_EQUAL(p.records, 2);
	pcap_close(&p);
	pcap_close(&p); /* twice is safe */

	CU_ASSERT_EQUAL_FATAL(sct_pcap_open(&r, path), 0);
	CU_ASSERT_TRUE(r.nsec);
	CU_ASSERT_EQUAL(r.linktype, SCT_PCAP_LINK_RAW);
	CU_ASSERT_EQUAL(r.snaplen, PCAP_SNAPLEN);
	CU_ASSERT_EQUAL(sct_pcap_next(&r, &k), 1);
	CU_ASSERT_EQUAL(k.len, sizeof(pkt_a));
	CU_ASSERT_EQUAL(k.wire_len, sizeof(pkt_a));
	CU_ASSERT_EQUAL(k.ts_ns, wall);
	SCT_ASSERT_BYTES(k.ip, pkt_a, sizeof(pkt_a));
	CU_ASSERT_EQUAL(sct_pcap_next(&r, &k), 1);
	CU_ASSERT_EQUAL(k.ts_ns, wall + 123456789);
	SCT_ASSERT_BYTES(k.ip, pkt_b, sizeof(pkt_b));
	CU_ASSERT_EQUAL(sct_pcap_next(&r, &k), 0);
	sct_pcap_close(&r);
	unlink(path);
}

/* The first 24 bytes, byte for byte (big-endian, magic a1b23c4d). */
static void pcap_header_bytes(void)
{
	static const uint8_t want[] = {0xa1, 0xb2, 0x3c, 0x4d, 0, 2, 0,	   4,	 0, 0, 0, 0,
				       0,    0,	   0,	 0,    0, 0, 0xff, 0xff, 0, 0, 0, 101};
	struct pcap p = {0};
	uint8_t got[32];
	FILE *f;

	tmp_path();
	CU_ASSERT_EQUAL_FATAL(pcap_open(&p, path), 0);
	pcap_close(&p);
	f = fopen(path, "rb");
	CU_ASSERT_PTR_NOT_NULL_FATAL(f);
	CU_ASSERT_EQUAL(fread(got, 1, sizeof(got), f), sizeof(want));
	fclose(f);
	SCT_ASSERT_BYTES(got, want, sizeof(want));
	unlink(path);
}

/* SIGHUP: reopen appends to our own capture, starts a rotated one, refuses a foreign file. */
static void pcap_reopen_append_rotate_refuse(void)
{
	struct pcap p = {0};
	struct sct_pcap r;
	char moved[80];
	FILE *f;

	tmp_path();
	snprintf(moved, sizeof(moved), "%s.1", path);
	CU_ASSERT_EQUAL_FATAL(pcap_open(&p, path), 0);
	CU_ASSERT_EQUAL(pcap_record(&p, 0, pkt_a, sizeof(pkt_a)), 0);
	CU_ASSERT_EQUAL(pcap_reopen(&p), 0); /* same file: appended */
	CU_ASSERT_EQUAL(pcap_record(&p, 0, pkt_b, sizeof(pkt_b)), 0);
	pcap_flush(&p);
	CU_ASSERT_EQUAL_FATAL(sct_pcap_open(&r, path), 0);
	CU_ASSERT_EQUAL(sct_pcap_count(&r), 2);
	sct_pcap_close(&r);

	CU_ASSERT_EQUAL(rename(path, moved), 0); /* logrotate */
	CU_ASSERT_EQUAL(pcap_reopen(&p), 0);
	CU_ASSERT_EQUAL(pcap_record(&p, 0, pkt_a, sizeof(pkt_a)), 0);
	pcap_close(&p);
	CU_ASSERT_EQUAL_FATAL(sct_pcap_open(&r, path), 0);
	CU_ASSERT_EQUAL(sct_pcap_count(&r), 1);
	sct_pcap_close(&r);

	f = fopen(path, "w");
	CU_ASSERT_PTR_NOT_NULL_FATAL(f);
	fputs("not a capture at all, not at all", f);
	fclose(f);
	CU_ASSERT_EQUAL(pcap_reopen(&p), -EPROTO);
	CU_ASSERT_PTR_NULL(p.f);
	CU_ASSERT_EQUAL(pcap_record(&p, 0, pkt_a, sizeof(pkt_a)), 0); /* not recording */
	unlink(path);
	unlink(moved);
}

static void pcap_errors(void)
{
	struct pcap p = {0};

	CU_ASSERT_EQUAL(pcap_open(&p, "/nonexistent-dir/x.pcap"), -ENOENT);
	CU_ASSERT_PTR_NULL(p.f);
	/* a writer that is not recording accepts and drops */
	CU_ASSERT_EQUAL(pcap_record(&p, 0, pkt_a, sizeof(pkt_a)), 0);
	CU_ASSERT_EQUAL(pcap_flush(&p), 0);
	/* a full disk: the write error stops recording, sticky */
	if (access("/dev/full", W_OK) == 0) {
		static uint8_t big[8192];

		CU_ASSERT_EQUAL(pcap_open(&p, "/dev/full"), -EIO);
		p.f = fopen("/dev/full", "w");
		CU_ASSERT_PTR_NOT_NULL_FATAL(p.f);
		p.path = "/dev/full";
		pcap_record(&p, 0, big, sizeof(big));
		CU_ASSERT_EQUAL(pcap_flush(&p), -EIO);
		CU_ASSERT_TRUE(p.err);
		CU_ASSERT_EQUAL(pcap_record(&p, 0, pkt_a, sizeof(pkt_a)), -EIO);
		pcap_close(&p);
	}
}

/* RFC 6951 over IPv4: the synthetic packet parses as IPv4 + UDP with correct checksums. */
static void rfc6951_wrap_udp_v4(void)
{
	static const uint8_t sctp[] = {0x13, 0x88, 0x13, 0x88, 0, 0, 0, 0, 1, 2, 3, 4};
	uint8_t buf[128];
	struct sct_addr s, d;
	struct sct_ip4 h;
	struct sct_udp u;
	int n;

	sct_addr_parse(&s, "10.99.0.1");
	sct_addr_parse(&d, "10.99.0.2");
	n = pcap_wrap_udp(buf, sizeof(buf), &s, &d, 9899, 9900, sctp, sizeof(sctp));
	CU_ASSERT_EQUAL_FATAL(n, 20 + 8 + (int)sizeof(sctp));
	CU_ASSERT_EQUAL_FATAL(sct_ip4_parse(&h, buf, (size_t)n), 0); /* header checksum too */
	CU_ASSERT_EQUAL(h.proto, SCT_IPPROTO_UDP);
	CU_ASSERT_TRUE(sct_addr_eq(&h.src, &s));
	CU_ASSERT_TRUE(sct_addr_eq(&h.dst, &d));
	CU_ASSERT_EQUAL_FATAL(sct_udp_parse(&u, h.payload, h.payload_len, &h.src, &h.dst), 0);
	CU_ASSERT_EQUAL(u.sport, 9899);
	CU_ASSERT_EQUAL(u.dport, 9900);
	CU_ASSERT_EQUAL(u.payload_len, sizeof(sctp));
	SCT_ASSERT_BYTES(u.payload, sctp, sizeof(sctp));
}

/* RFC 6951 over IPv6 (RFC 8200 8.1: the UDP checksum is mandatory and checked). */
static void rfc6951_wrap_udp_v6(void)
{
	static const uint8_t sctp[] = {0x13, 0x88, 0x13, 0x88, 0, 0, 0, 0};
	uint8_t buf[128];
	struct sct_addr s, d, v4;
	struct sct_ip6 h;
	struct sct_udp u;
	int n;

	sct_addr_parse(&s, "fd00:99::1");
	sct_addr_parse(&d, "fd00:99::2");
	sct_addr_parse(&v4, "10.0.0.1");
	n = pcap_wrap_udp(buf, sizeof(buf), &s, &d, 9899, 9899, sctp, sizeof(sctp));
	CU_ASSERT_EQUAL_FATAL(n, 40 + 8 + (int)sizeof(sctp));
	CU_ASSERT_EQUAL_FATAL(sct_ip6_parse(&h, buf, (size_t)n), 0);
	CU_ASSERT_EQUAL(h.proto, SCT_IPPROTO_UDP);
	CU_ASSERT_EQUAL(h.hlim, 64);
	CU_ASSERT_EQUAL_FATAL(sct_udp_parse(&u, h.payload, h.payload_len, &h.src, &h.dst), 0);
	SCT_ASSERT_BYTES(u.payload, sctp, sizeof(sctp));

	CU_ASSERT_EQUAL(pcap_wrap_udp(buf, sizeof(buf), &s, &v4, 1, 1, sctp, sizeof(sctp)),
			-EINVAL);
	CU_ASSERT_EQUAL(pcap_wrap_udp(buf, 50, &s, &d, 1, 1, sctp, sizeof(sctp)), -EMSGSIZE);
}

static const struct sct_test pcap_tests[] = {
    SCT_TEST(pcap_file_header_and_records),
    SCT_TEST(pcap_header_bytes),
    SCT_TEST(pcap_reopen_append_rotate_refuse),
    SCT_TEST(pcap_errors),
    SCT_TEST(rfc6951_wrap_udp_v4),
    SCT_TEST(rfc6951_wrap_udp_v6),
    SCT_TEST_END,
};

SCT_TEST_MAIN(pcap_tests)
