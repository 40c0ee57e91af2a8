/* SPDX-License-Identifier: MIT */
/* test_pcapfile.c: the pcap reader/writer, checked against the committed captures. */
#include "harness.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "common/crc32c.h"
#include "common/csum.h"
#include "common/cursor.h"
#include "pcapfile.h"

/*
 * What each committed capture holds (tests/vectors/README). If the link header were stripped
 * wrongly, the IP length, IPv4 header checksum and SCTP CRC32c checks below would fail.
 */
struct vector {
	const char *name;
	uint32_t linktype;
	int packets;   /* IP packets in the file (all records: non-IP frames were trimmed) */
	int version;   /* 4 or 6 */
	int sctp;      /* packets whose whole SCTP packet is there (CRC32c checked) */
	int udp_encap; /* of those, inside UDP on port 9899 (RFC 6951) */
};

static const struct vector vectors[] = {
    {"sctp-v4-assoc.pcap", SCT_PCAP_LINK_ETHERNET, 18, 4, 18, 0},
    {"sctp-v6-assoc.pcap", SCT_PCAP_LINK_LINUX_SLL, 18, 6, 18, 0},
    {"sctp-udp-encap.pcap", SCT_PCAP_LINK_LINUX_SLL2, 11, 4, 11, 11},
    {"sctp-v4-abort.pcap", SCT_PCAP_LINK_RAW, 2, 4, 2, 0},
    {"sctp-v4-fragment.pcap", SCT_PCAP_LINK_RAW, 17, 4, 17, 0},
    /* 11 = 9 SCTP packets + 1 ICMP + the first IP fragment of a retransmission, whose
     * last fragment carries only the tail of the SCTP packet: 8 whole ones. */
    {"sctp-v4-icmp-frag-needed.pcap", SCT_PCAP_LINK_ETHERNET, 11, 4, 8, 0},
};

/* RFC 9260 section 6.8: CRC32c over the packet with the checksum field zeroed. */
static bool sctp_crc_ok(const uint8_t *sctp, size_t len)
{
	uint8_t *copy;
	struct sct_rd r;
	uint32_t want, got;

	if (len < 12)
		return false;
	copy = malloc(len);
	CU_ASSERT_PTR_NOT_NULL_FATAL(copy);
	memcpy(copy, sctp, len);
	r = sct_rd_init(copy + 8, 4);
	want = sct_rd_u32le(&r);
	memset(copy + 8, 0, 4);
	got = sct_crc32c(0, copy, len);
	free(copy);
	return got == want;
}

/* Checks one IP packet; returns 1 when a whole SCTP packet was found (and checked). */
static int check_ip(const struct vector *v, const struct sct_pcap_pkt *pkt)
{
	struct sct_rd r = sct_rd_init(pkt->ip, pkt->len);
	uint8_t vihl = sct_rd_u8(&r);
	size_t hl;
	uint8_t proto;

	CU_ASSERT_EQUAL(pkt->len, pkt->wire_len); /* captured whole */
	CU_ASSERT_EQUAL_FATAL(vihl >> 4, v->version);
	if (v->version == 4) {
		uint16_t frag;

		hl = (size_t)(vihl & 0x0f) * 4;
		sct_rd_skip(&r, 1);
		CU_ASSERT_EQUAL(sct_rd_u16(&r), pkt->len); /* RFC 791 total length */
		sct_rd_skip(&r, 2);
		frag = sct_rd_u16(&r);
		sct_rd_skip(&r, 1);
		proto = sct_rd_u8(&r);
		CU_ASSERT_FALSE_FATAL(r.err);
		CU_ASSERT_TRUE_FATAL(hl >= 20 && hl <= pkt->len);
		CU_ASSERT_EQUAL(sct_csum(pkt->ip, hl), 0); /* RFC 791 header checksum */
		if (frag & 0x3fff)			   /* MF or an offset: not whole */
			return 0;
	} else {
		sct_rd_skip(&r, 3);
		CU_ASSERT_EQUAL(sct_rd_u16(&r) + 40u, pkt->len); /* RFC 8200 payload length */
		proto = sct_rd_u8(&r);
		CU_ASSERT_FALSE_FATAL(r.err);
		hl = 40;
	}
	if (proto == 17) {
		struct sct_rd u = sct_rd_init(pkt->ip + hl, pkt->len - hl);
		uint16_t sport = sct_rd_u16(&u), dport = sct_rd_u16(&u);

		CU_ASSERT_TRUE(v->udp_encap > 0);
		CU_ASSERT_TRUE(sport == 9899 || dport == 9899); /* RFC 6951 section 5.1 */
		CU_ASSERT_EQUAL(sct_rd_u16(&u), pkt->len - hl);
		hl += 8;
		CU_ASSERT_TRUE(sctp_crc_ok(pkt->ip + hl, pkt->len - hl));
		return 1;
	}
	if (proto == 132) {
		CU_ASSERT_TRUE(sctp_crc_ok(pkt->ip + hl, pkt->len - hl));
		return 1;
	}
	CU_ASSERT_EQUAL(proto, v->version == 4 ? 1 : 58); /* only ICMP besides SCTP */
	return 0;
}

/* Every committed capture: link type, packet count, IP framing, CRC32c of each SCTP packet. */
static void pcap_reads_every_committed_capture(void)
{
	for (size_t i = 0; i < sizeof(vectors) / sizeof(vectors[0]); i++) {
		const struct vector *v = &vectors[i];
		struct sct_pcap p;
		struct sct_pcap_pkt pkt;
		int n = 0, sctp = 0, ret;
		uint64_t last = 0;

		ret = sct_pcap_open_vector(&p, v->name);
		if (ret < 0)
			fprintf(stderr, "%s: %s\n", v->name, strerror(-ret));
		CU_ASSERT_EQUAL_FATAL(ret, 0);
		CU_ASSERT_EQUAL(p.linktype, v->linktype);
		CU_ASSERT_EQUAL(sct_pcap_count(&p), v->packets);
		while ((ret = sct_pcap_next(&p, &pkt)) == 1) {
			CU_ASSERT_EQUAL(pkt.frame, (unsigned)n + 1);
			CU_ASSERT_TRUE(pkt.ts_ns >= last); /* stamps in µs: real, ordered */
			last = pkt.ts_ns;
			sctp += check_ip(v, &pkt);
			n++;
		}
		CU_ASSERT_EQUAL(ret, 0);
		CU_ASSERT_EQUAL(n, v->packets);
		CU_ASSERT_EQUAL(sctp, v->sctp);
		CU_ASSERT_EQUAL(p.skipped, 0);
		CU_ASSERT_EQUAL(sct_pcap_count(&p), 0);
		sct_pcap_close(&p);
	}
}

/* The ICMP capture: frame 6 is the router's "fragmentation needed" (RFC 1191 section 4). */
static void pcap_icmp_frag_needed_quotes_the_sctp_packet(void)
{
	struct sct_pcap p;
	struct sct_pcap_pkt pkt;
	struct sct_rd r;

	CU_ASSERT_EQUAL_FATAL(sct_pcap_open_vector(&p, "sctp-v4-icmp-frag-needed.pcap"), 0);
	for (int i = 0; i < 6; i++)
		CU_ASSERT_EQUAL_FATAL(sct_pcap_next(&p, &pkt), 1);
	CU_ASSERT_EQUAL(pkt.frame, 6);
	CU_ASSERT_EQUAL(pkt.ip[9], 1);
	r = sct_rd_init(pkt.ip + 20, pkt.len - 20);
	CU_ASSERT_EQUAL(sct_rd_u8(&r), 3); /* destination unreachable */
	CU_ASSERT_EQUAL(sct_rd_u8(&r), 4); /* fragmentation needed and DF set */
	sct_rd_skip(&r, 4);
	CU_ASSERT_EQUAL(sct_rd_u16(&r), 1280); /* next-hop MTU */
	CU_ASSERT_EQUAL(sct_rd_u8(&r), 0x45);  /* the quoted IPv4 header... */
	sct_rd_skip(&r, 8);
	CU_ASSERT_EQUAL(sct_rd_u8(&r), 132); /* ...of an SCTP packet */
	CU_ASSERT_FALSE(r.err);
	sct_pcap_close(&p);
}

/* Writer: every committed capture re-written as LINKTYPE_RAW reads back byte for byte. */
static void pcap_write_then_read_gives_same_bytes(void)
{
	for (size_t i = 0; i < sizeof(vectors) / sizeof(vectors[0]); i++) {
		struct sct_pcap in, back;
		struct sct_pcap_pkt a, b;
		struct sct_pcapw w;
		char *mem = NULL;
		size_t memlen = 0;
		FILE *f = open_memstream(&mem, &memlen);
		int ret;

		CU_ASSERT_PTR_NOT_NULL_FATAL(f);
		CU_ASSERT_EQUAL_FATAL(sct_pcap_open_vector(&in, vectors[i].name), 0);
		CU_ASSERT_EQUAL_FATAL(sct_pcapw_open(&w, f), 0);
		while (sct_pcap_next(&in, &a) == 1)
			CU_ASSERT_EQUAL(sct_pcapw_add(&w, a.ip, a.len, a.ts_ns), 0);
		CU_ASSERT_EQUAL(sct_pcapw_flush(&w), 0);
		fclose(f);

		sct_pcap_close(&in);
		CU_ASSERT_EQUAL_FATAL(sct_pcap_open_vector(&in, vectors[i].name), 0);
		CU_ASSERT_EQUAL_FATAL(sct_pcap_open_mem(&back, mem, memlen), 0);
		CU_ASSERT_EQUAL(back.linktype, SCT_PCAP_LINK_RAW);
		CU_ASSERT_TRUE(back.big);
		CU_ASSERT_TRUE(back.nsec);
		while ((ret = sct_pcap_next(&in, &a)) == 1) {
			CU_ASSERT_EQUAL_FATAL(sct_pcap_next(&back, &b), 1);
			CU_ASSERT_EQUAL_FATAL(a.len, b.len);
			SCT_ASSERT_BYTES(a.ip, b.ip, a.len);
			CU_ASSERT_EQUAL(a.ts_ns, b.ts_ns);
		}
		CU_ASSERT_EQUAL(ret, 0);
		CU_ASSERT_EQUAL(sct_pcap_next(&back, &b), 0);
		sct_pcap_close(&in);
		sct_pcap_close(&back);
		free(mem);
	}
}

/* ---------------------------------------------------------------- hand-made files */

/* A file header in either byte order. */
static void put_hdr(struct sct_wr *w, bool big, uint32_t magic, uint32_t linktype)
{
	uint32_t f[] = {magic, 0x00040002u, 0, 0, 65535, linktype}; /* version 2.4 */

	for (size_t i = 0; i < 6; i++) {
		uint32_t v = f[i];

		if (i == 1 && big)
			v = 0x00020004u; /* major then minor, as two u16s */
		if (big)
			sct_wr_u32(w, v);
		else
			sct_wr_u32le(w, v);
	}
}

static void put_rec(struct sct_wr *w, bool big, uint32_t sec, uint32_t frac, uint32_t incl,
		    uint32_t orig, const void *data, size_t n)
{
	uint32_t f[] = {sec, frac, incl, orig};

	for (size_t i = 0; i < 4; i++) {
		if (big)
			sct_wr_u32(w, f[i]);
		else
			sct_wr_u32le(w, f[i]);
	}
	sct_wr_bytes(w, data, n);
}

static const uint8_t ip4[20] = {0x45, 0, 0,  20, 0, 0, 0,  0, 64, 132,
				0,    0, 10, 0,	 0, 1, 10, 0, 0,  2};

static void pcap_rejects_bad_file_headers(void)
{
	uint8_t buf[64];
	struct sct_wr w = sct_wr_init(buf, sizeof(buf));
	struct sct_pcap p;

	put_hdr(&w, false, 0x0a0d0d0au, 1); /* a pcapng section header block */
	CU_ASSERT_EQUAL(sct_pcap_open_mem(&p, buf, w.off), -EINVAL);
	w = sct_wr_init(buf, sizeof(buf));
	put_hdr(&w, false, 0xa1b2c3d4u, 1);
	CU_ASSERT_EQUAL(sct_pcap_open_mem(&p, buf, 23), -EINVAL); /* short */
	w = sct_wr_init(buf, sizeof(buf));
	put_hdr(&w, false, 0xa1b2c3d4u, 105); /* IEEE 802.11 */
	CU_ASSERT_EQUAL(sct_pcap_open_mem(&p, buf, w.off), -EPROTONOSUPPORT);
	CU_ASSERT_EQUAL(sct_pcap_open(&p, "/nonexistent/x.pcap"), -ENOENT);
	CU_ASSERT_EQUAL(sct_pcap_open_vector(&p, "no-such-capture.pcap"), -ENOENT);
	sct_pcap_close(&p);
}

static void pcap_rejects_bad_records(void)
{
	uint8_t buf[128];
	struct sct_wr w = sct_wr_init(buf, sizeof(buf));
	struct sct_pcap p;
	struct sct_pcap_pkt pkt;
	size_t hdr;

	put_hdr(&w, false, 0xa1b2c3d4u, SCT_PCAP_LINK_RAW);
	hdr = w.off;
	put_rec(&w, false, 1, 2, 20, 20, ip4, 20);
	/* a record header cut short */
	CU_ASSERT_EQUAL_FATAL(sct_pcap_open_mem(&p, buf, hdr + 10), 0);
	CU_ASSERT_EQUAL(sct_pcap_next(&p, &pkt), -EBADMSG);
	/* a record's data cut short */
	CU_ASSERT_EQUAL_FATAL(sct_pcap_open_mem(&p, buf, w.off - 1), 0);
	CU_ASSERT_EQUAL(sct_pcap_count(&p), -EBADMSG);
	CU_ASSERT_EQUAL(sct_pcap_next(&p, &pkt), -EBADMSG);
	/* captured longer than on the wire */
	w.off = hdr;
	put_rec(&w, false, 1, 2, 20, 19, ip4, 20);
	CU_ASSERT_EQUAL_FATAL(sct_pcap_open_mem(&p, buf, w.off), 0);
	CU_ASSERT_EQUAL(sct_pcap_next(&p, &pkt), -EMSGSIZE);
	/* larger than any record we accept */
	w.off = hdr;
	put_rec(&w, false, 1, 2, SCT_PCAP_MAX_RECORD + 1, SCT_PCAP_MAX_RECORD + 1, ip4, 20);
	CU_ASSERT_EQUAL_FATAL(sct_pcap_open_mem(&p, buf, w.off), 0);
	CU_ASSERT_EQUAL(sct_pcap_next(&p, &pkt), -EMSGSIZE);
	/* a cooked-v1 frame shorter than its 16-byte header */
	w = sct_wr_init(buf, sizeof(buf));
	put_hdr(&w, false, 0xa1b2c3d4u, SCT_PCAP_LINK_LINUX_SLL);
	put_rec(&w, false, 1, 2, 15, 15, ip4, 15);
	CU_ASSERT_EQUAL_FATAL(sct_pcap_open_mem(&p, buf, w.off), 0);
	CU_ASSERT_EQUAL(sct_pcap_next(&p, &pkt), -EBADMSG);
}

/* Big-endian, nanosecond file; Ethernet with an 802.1Q tag; an ARP frame is skipped. */
static void pcap_big_endian_vlan_and_non_ip(void)
{
	uint8_t buf[256], frame[64];
	struct sct_wr w = sct_wr_init(buf, sizeof(buf));
	struct sct_pcap p;
	struct sct_pcap_pkt pkt;

	put_hdr(&w, true, 0xa1b23c4du, SCT_PCAP_LINK_ETHERNET);
	/* ARP: ethertype 0x0806, then 28 bytes */
	memset(frame, 0xee, sizeof(frame));
	frame[12] = 0x08, frame[13] = 0x06;
	put_rec(&w, true, 5, 6, 42, 42, frame, 42);
	/* 802.1Q tag, then IPv4 */
	frame[12] = 0x81, frame[13] = 0x00, frame[14] = 0x00, frame[15] = 0x07;
	frame[16] = 0x08, frame[17] = 0x00;
	memcpy(frame + 18, ip4, 20);
	put_rec(&w, true, 7, 999999999, 38, 60, frame, 38);
	CU_ASSERT_FALSE_FATAL(w.err);

	CU_ASSERT_EQUAL_FATAL(sct_pcap_open_mem(&p, buf, w.off), 0);
	CU_ASSERT_TRUE(p.big);
	CU_ASSERT_TRUE(p.nsec);
	CU_ASSERT_EQUAL(sct_pcap_count(&p), 1);
	CU_ASSERT_EQUAL_FATAL(sct_pcap_next(&p, &pkt), 1);
	CU_ASSERT_EQUAL(pkt.frame, 2);
	CU_ASSERT_EQUAL(p.skipped, 1);
	CU_ASSERT_EQUAL(pkt.len, 20);
	CU_ASSERT_EQUAL(pkt.wire_len, 60 - 18);
	CU_ASSERT_EQUAL(pkt.ts_ns, 7999999999ull);
	SCT_ASSERT_BYTES(pkt.ip, ip4, 20);
	CU_ASSERT_EQUAL(sct_pcap_next(&p, &pkt), 0);
}

/* Little-endian microseconds, cooked v2: protocol at byte 0, IP at byte 20. */
static void pcap_sll2_and_microseconds(void)
{
	uint8_t buf[256], frame[40] = {0x86, 0xdd};
	uint8_t ip6[40] = {0x60};
	struct sct_wr w = sct_wr_init(buf, sizeof(buf));
	struct sct_pcap p;
	struct sct_pcap_pkt pkt;

	memcpy(frame + 20, ip6, 20);
	put_hdr(&w, false, 0xa1b2c3d4u, SCT_PCAP_LINK_LINUX_SLL2 | 0x10000000u); /* FCS flag */
	put_rec(&w, false, 3, 250000, 40, 40, frame, 40);
	CU_ASSERT_EQUAL_FATAL(sct_pcap_open_mem(&p, buf, w.off), 0);
	CU_ASSERT_EQUAL(p.linktype, SCT_PCAP_LINK_LINUX_SLL2);
	CU_ASSERT_FALSE(p.nsec);
	CU_ASSERT_EQUAL_FATAL(sct_pcap_next(&p, &pkt), 1);
	CU_ASSERT_EQUAL(pkt.ip, buf + 24 + 16 + 20);
	CU_ASSERT_EQUAL(pkt.len, 20);
	CU_ASSERT_EQUAL(pkt.ts_ns, 3250000000ull);
}

static void pcapw_reports_errors(void)
{
	struct sct_pcapw w;
	FILE *f = fopen("/dev/full", "w");
	static uint8_t big[SCT_PCAP_MAX_RECORD + 1];
	char path[16];

	CU_ASSERT_EQUAL(sct_vector_path(path, sizeof(path), "sctp-v4-assoc.pcap"), -ENAMETOOLONG);
	if (!f)
		return; /* no /dev/full here: the rest cannot be checked */
	setvbuf(f, NULL, _IONBF, 0);
	CU_ASSERT_EQUAL(sct_pcapw_open(&w, f), -EIO);
	CU_ASSERT_EQUAL(sct_pcapw_add(&w, ip4, sizeof(ip4), 0), -EIO);
	CU_ASSERT_EQUAL(sct_pcapw_flush(&w), -EIO);
	w.err = false;
	CU_ASSERT_EQUAL(sct_pcapw_add(&w, big, sizeof(big), 0), -EMSGSIZE);
	fclose(f);
}

static const struct sct_test vector_tests[] = {
    SCT_TEST(pcap_reads_every_committed_capture),
    SCT_TEST(pcap_icmp_frag_needed_quotes_the_sctp_packet),
    SCT_TEST(pcap_write_then_read_gives_same_bytes),
    SCT_TEST_END,
};

static const struct sct_test format_tests[] = {
    SCT_TEST(pcap_rejects_bad_file_headers),
    SCT_TEST(pcap_rejects_bad_records),
    SCT_TEST(pcap_big_endian_vlan_and_non_ip),
    SCT_TEST(pcap_sll2_and_microseconds),
    SCT_TEST(pcapw_reports_errors),
    SCT_TEST_END,
};

SCT_TEST_MAIN(vector_tests, format_tests)
