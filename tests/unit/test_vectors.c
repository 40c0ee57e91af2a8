/* SPDX-License-Identifier: MIT */
/* test_vectors.c: every packet of the committed usrsctp captures through our codecs. */

/*
 * tests/vectors/ holds real traffic between usrsctp peers in two network
 * namespaces (raw IPv4, raw IPv6, UDP encapsulation, an ABORT, a fragmented
 * message, an ICMP "fragmentation needed"), with tshark's dissection beside
 * each file.  Every packet must parse at every layer (IP, UDP, ICMP and its
 * quote, SCTP common header and CRC32c, each chunk, the INIT/INIT ACK
 * parameters, error causes), and every chunk must come out of our emitter
 * byte for byte as usrsctp sent it.
 */
#include "harness.h"

#include <stdio.h>
#include <string.h>

#include "pcapfile.h"
#include "wire/cause.h"
#include "wire/chunk.h"
#include "wire/icmp.h"
#include "wire/ipv4.h"
#include "wire/ipv6.h"
#include "wire/param.h"
#include "wire/sctp.h"
#include "wire/udp.h"

struct tally {
	unsigned pkts, sctp, chunks, reemitted, params, causes, icmp, udp, frags;
	unsigned types[256];
};

/* An SCTP packet: CRC, chunks, parameters; each chunk re-emitted identically. */
static void check_sctp(const uint8_t *p, size_t len, struct tally *t, unsigned frame)
{
	struct sct_chunk_iter it;
	struct sct_chunk c;
	int rc;

	t->sctp++;
	CU_ASSERT_EQUAL(sct_sctp_crc_check(p, len), 0);
	CU_ASSERT_TRUE(sct_sctp_packet_check(p, len) >= 1);
	sct_chunk_iter_init(&it, p, len);
	while ((rc = sct_chunk_next(&it, &c)) == 1) {
		union sct_chunk_any any;
		uint8_t out[2048];
		struct sct_wr w = sct_wr_init(out, sizeof(out));

		t->chunks++;
		t->types[c.type]++;
		if (!sct_chunk_known(c.type))
			continue;
		if (sct_chunk_parse_any(&c, &any) != 0) {
			fprintf(stderr, "frame %u: chunk type %u does not parse\n", frame, c.type);
			CU_FAIL("chunk does not parse");
			continue;
		}
		if (c.type == SCT_CHUNK_INIT || c.type == SCT_CHUNK_INIT_ACK) {
			struct sct_init_params ip;

			CU_ASSERT_EQUAL(sct_init_params_parse(any.init.params, any.init.params_len,
							      c.type == SCT_CHUNK_INIT_ACK, &ip),
					0);
			CU_ASSERT_FALSE(ip.stopped);
			t->params++;
		}
		if (c.type == SCT_CHUNK_ABORT || c.type == SCT_CHUNK_ERROR) {
			struct sct_tlv_iter ti;
			struct sct_tlv tlv;
			const uint8_t *cs =
			    c.type == SCT_CHUNK_ABORT ? any.abort.causes : any.error.causes;
			size_t cl =
			    c.type == SCT_CHUNK_ABORT ? any.abort.causes_len : any.error.causes_len;

			sct_tlv_iter_init(&ti, cs, cl);
			while (sct_cause_next(&ti, &tlv) == 1)
				t->causes++;
			CU_ASSERT_EQUAL(ti.err, 0);
		}
		if (c.length > sizeof(out))
			continue;
		if (sct_chunk_emit_any(&w, c.type, &any) == 0 && w.off >= c.length &&
		    memcmp(out, c.hdr, c.length) == 0)
			t->reemitted++;
		else
			fprintf(stderr, "frame %u: chunk type %u re-emitted differently\n", frame,
				c.type);
	}
	CU_ASSERT_EQUAL(rc, 0);
}

static void check_l4(uint8_t proto, const uint8_t *p, size_t len, const struct sct_addr *src,
		     const struct sct_addr *dst, int af, struct tally *t, unsigned frame)
{
	if (proto == 132) {
		check_sctp(p, len, t, frame);
	} else if (proto == 17) {
		struct sct_udp u;

		/* RFC 6951: SCTP inside UDP port 9899 (checksums were made real for the capture) */
		CU_ASSERT_EQUAL_FATAL(sct_udp_parse(&u, p, len, src, dst), 0);
		t->udp++;
		if (u.sport == 9899 || u.dport == 9899)
			check_sctp(u.payload, u.payload_len, t, frame);
	} else if (proto == 1 || proto == 58) {
		struct sct_icmp m;
		struct sct_icmp_quote q;

		int rc = af == SCT_AF_INET4 ? sct_icmp4_parse(&m, p, len)
					    : sct_icmp6_parse(&m, p, len, src, dst);

		CU_ASSERT_EQUAL_FATAL(rc, 0);
		t->icmp++;
		if (m.is_error) {
			CU_ASSERT_EQUAL(sct_icmp_quote_parse(&q, af, m.data, m.data_len), 0);
			CU_ASSERT_EQUAL(q.proto, 132);
		}
	}
}

static void run_capture(const char *name, struct tally *t)
{
	struct sct_pcap pc;
	struct sct_pcap_pkt pk;
	int rc;

	memset(t, 0, sizeof(*t));
	CU_ASSERT_EQUAL_FATAL(sct_pcap_open_vector(&pc, name), 0);
	while ((rc = sct_pcap_next(&pc, &pk)) == 1) {
		t->pkts++;
		if ((pk.ip[0] >> 4) == 4) {
			struct sct_ip4 h;

			CU_ASSERT_EQUAL_FATAL(sct_ip4_parse(&h, pk.ip, pk.len), 0);
			if (sct_ip4_is_fragment(&h)) {
				t->frags++; /* reassembly has its own tests */
				continue;
			}
			check_l4(h.proto, h.payload, h.payload_len, &h.src, &h.dst, SCT_AF_INET4, t,
				 pk.frame);
		} else {
			struct sct_ip6 h;

			CU_ASSERT_EQUAL_FATAL(sct_ip6_parse(&h, pk.ip, pk.len), 0);
			check_l4(h.proto, h.payload, h.payload_len, &h.src, &h.dst, SCT_AF_INET6, t,
				 pk.frame);
		}
	}
	CU_ASSERT_EQUAL(rc, 0);
	/* every known chunk came back out of the emitter as usrsctp wrote it */
	CU_ASSERT_EQUAL(t->reemitted, t->chunks);
	sct_pcap_close(&pc);
}

static void usrsctp_raw_ipv4_association(void)
{
	struct tally t;

	run_capture("sctp-v4-assoc.pcap", &t);
	CU_ASSERT_EQUAL(t.pkts, 18);
	CU_ASSERT_EQUAL(t.sctp, 18);
	CU_ASSERT_EQUAL(t.types[SCT_CHUNK_INIT], 1);
	CU_ASSERT_EQUAL(t.types[SCT_CHUNK_INIT_ACK], 1);
	CU_ASSERT_EQUAL(t.types[SCT_CHUNK_COOKIE_ECHO], 1);
	CU_ASSERT_EQUAL(t.types[SCT_CHUNK_COOKIE_ACK], 1);
	CU_ASSERT_TRUE(t.types[SCT_CHUNK_DATA] >= 2);
	CU_ASSERT_TRUE(t.types[SCT_CHUNK_SACK] >= 2);
	CU_ASSERT_TRUE(t.types[SCT_CHUNK_HEARTBEAT] >= 1);
	CU_ASSERT_EQUAL(t.types[SCT_CHUNK_SHUTDOWN_COMPLETE], 1);
	CU_ASSERT_EQUAL(t.params, 2);
}

static void usrsctp_raw_ipv6_association(void)
{
	struct tally t;

	run_capture("sctp-v6-assoc.pcap", &t);
	CU_ASSERT_EQUAL(t.sctp, 18);
	CU_ASSERT_EQUAL(t.types[SCT_CHUNK_INIT_ACK], 1);
	CU_ASSERT_EQUAL(t.types[SCT_CHUNK_SHUTDOWN_ACK], 1);
}

static void rfc6951_usrsctp_udp_encapsulation(void)
{
	struct tally t;

	run_capture("sctp-udp-encap.pcap", &t);
	CU_ASSERT_EQUAL(t.udp, 11);
	CU_ASSERT_EQUAL(t.sctp, 11);
	CU_ASSERT_EQUAL(t.types[SCT_CHUNK_COOKIE_ECHO], 1);
}

static void rfc9260_8_4_usrsctp_abort_for_closed_port(void)
{
	struct tally t;

	run_capture("sctp-v4-abort.pcap", &t);
	CU_ASSERT_EQUAL(t.sctp, 2);
	CU_ASSERT_EQUAL(t.types[SCT_CHUNK_ABORT], 1);
}

static void rfc9260_6_9_usrsctp_fragmented_message(void)
{
	struct tally t;

	run_capture("sctp-v4-fragment.pcap", &t);
	CU_ASSERT_TRUE(t.types[SCT_CHUNK_DATA] >= 6); /* 3 fragments each way */
}

static void rfc1191_usrsctp_icmp_frag_needed(void)
{
	struct tally t;

	run_capture("sctp-v4-icmp-frag-needed.pcap", &t);
	CU_ASSERT_EQUAL(t.icmp, 1);
}

static const struct sct_test vector_tests[] = {
    SCT_TEST(usrsctp_raw_ipv4_association),
    SCT_TEST(usrsctp_raw_ipv6_association),
    SCT_TEST(rfc6951_usrsctp_udp_encapsulation),
    SCT_TEST(rfc9260_8_4_usrsctp_abort_for_closed_port),
    SCT_TEST(rfc9260_6_9_usrsctp_fragmented_message),
    SCT_TEST(rfc1191_usrsctp_icmp_frag_needed),
    SCT_TEST_END,
};

SCT_TEST_MAIN(vector_tests)
