/* SPDX-License-Identifier: MIT */
/* emit_all.c: write every packet our wire emitters can build to a pcap, for tshark to judge. */

/*
 * Theory of operation
 *
 * Our own unit tests check the emitters against our own parsers, so a
 * misreading of an RFC shared by both would go unnoticed.  This program
 * hands the emitters' output to an independent dissector instead: it
 * builds, through the emitters of src/wire only (no hand-typed packets),
 * every chunk type, every INIT / INIT ACK / ASCONF / RE-CONFIG parameter,
 * every error cause, bundles, SCTP over UDP (RFC 6951), ICMP and ICMPv6
 * errors quoting our packets, and IPv4/IPv6 fragments, each SCTP packet once
 * over IPv4 and once over IPv6, and writes them to a LINKTYPE_RAW pcap.
 * tests/integration/emit-all-tshark.sh then has tshark check that no SCTP
 * frame is malformed or has a bad CRC32c, and that tshark found as many SCTP,
 * ICMP and ICMPv6 frames as we say we wrote (the "expect" lines on stdout),
 * so that a packet tshark silently fails to recognise fails the test too.
 *
 * Usage: emit_all OUT.pcap.  Exit status 1 when an emitter refuses its input.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/addr.h"
#include "common/cursor.h"
#include "wire/cause.h"
#include "wire/chunk.h"
#include "wire/icmp.h"
#include "wire/ipv4.h"
#include "wire/ipv6.h"
#include "wire/param.h"
#include "wire/sctp.h"
#include "wire/udp.h"
#include "wire/wire_err.h"

#include "../unit/pcapfile.h"

#define PORT_A	       34567
#define PORT_B	       34568
#define UDP_ENCAP_PORT 9899 /* RFC 6951 5.1: the IANA port for SCTP over UDP */
#define IPPROTO_SCTP_  132

/* ------------------------------------------------------------------ bookkeeping */

static struct sct_pcapw pcap;
static uint64_t ts_ns = 1700000000ull * 1000000000ull;
static uint16_t ip_id = 1;

/* What tshark must find: SCTP outside ICMP, ICMP, ICMPv6, and "other" frames (non-last
 * fragments, which show SCTP only in the frame that completes them). */
static unsigned n_frames, n_sctp, n_icmp, n_icmp6, n_frag;

struct kind {
	const char *name;
	unsigned n;
};
static struct kind kinds[256];
static size_t n_kinds;

static void count(const char *name, unsigned n)
{
	size_t i;

	for (i = 0; i < n_kinds; i++)
		if (strcmp(kinds[i].name, name) == 0)
			break;
	if (i == n_kinds) {
		if (n_kinds == sizeof(kinds) / sizeof(kinds[0])) {
			fprintf(stderr, "emit_all: too many kinds\n");
			exit(1);
		}
		kinds[n_kinds++].name = name;
	}
	kinds[i].n += n;
}

static void ck(int rc, const char *what, int line)
{
	if (rc < 0) {
		fprintf(stderr, "emit_all.c:%d: %s: %s (%d)\n", line, what, sct_wire_errname(rc),
			rc);
		exit(1);
	}
}
#define CK(x) ck((x), #x, __LINE__)

static void ck_wr(const struct sct_wr *w, int line)
{
	if (w->err) {
		fprintf(stderr, "emit_all.c:%d: buffer overflow\n", line);
		exit(1);
	}
}
#define CK_WR(w) ck_wr((w), __LINE__)

/* Addresses from the documentation ranges (RFC 5737, RFC 3849). */
static struct sct_addr a4, b4, r4, a6, b6, r6;

static void init_addrs(void)
{
	CK(sct_addr_parse(&a4, "192.0.2.1"));
	CK(sct_addr_parse(&b4, "198.51.100.2"));
	CK(sct_addr_parse(&r4, "203.0.113.254"));
	CK(sct_addr_parse(&a6, "2001:db8::1"));
	CK(sct_addr_parse(&b6, "2001:db8::2"));
	CK(sct_addr_parse(&r6, "2001:db8:ffff::fe"));
}

/* ------------------------------------------------------------------ IP layer */

static void put_frame(const uint8_t *p, size_t len)
{
	CK(sct_pcapw_add(&pcap, p, len, ts_ns));
	ts_ns += 1000000; /* 1 ms apart */
	n_frames++;
}

/*
 * Build an IP packet around @l4 into @out (returns its length); @frag, when
 * not NULL, is the IPv6 fragment header to add, or for IPv4 (present, off,
 * more) the fragment fields.
 */
static size_t ip_build(uint8_t *out, size_t cap, int af, uint8_t proto, const uint8_t *l4,
		       size_t len, const struct sct_addr *src, const struct sct_addr *dst,
		       const struct sct_ip6_frag *frag)
{
	struct sct_wr w = sct_wr_init(out, cap);

	if (af == SCT_AF_INET4) {
		struct sct_ip4 h = {.id = ip_id++, .df = !frag, .ttl = 64, .proto = proto};

		h.src = *src;
		h.dst = *dst;
		if (frag) {
			h.mf = frag->more;
			h.frag_off = frag->off;
			h.id = (uint16_t)frag->id;
		}
		CK(sct_ip4_emit(&w, &h, len));
	} else {
		struct sct_ip6 h = {.tclass = 0, .flow = 0x12345, .hlim = 64, .proto = proto};

		h.src = *src;
		h.dst = *dst;
		if (frag)
			h.frag = *frag;
		CK(sct_ip6_emit(&w, &h, len));
	}
	sct_wr_bytes(&w, l4, len);
	CK_WR(&w);
	return w.off;
}

static void ip_add(int af, uint8_t proto, const uint8_t *l4, size_t len, const struct sct_addr *src,
		   const struct sct_addr *dst)
{
	static uint8_t buf[70000];

	put_frame(buf, ip_build(buf, sizeof(buf), af, proto, l4, len, src, dst, NULL));
}

/* ------------------------------------------------------------------ SCTP packets */

static uint8_t sbuf[8192];
static struct sct_wr sw;

/* Start an SCTP packet in sbuf; emit its chunks into the returned writer. */
static struct sct_wr *sctp_begin(uint32_t vtag)
{
	struct sct_sctp_hdr h = {.src_port = PORT_A, .dst_port = PORT_B, .vtag = vtag};

	sw = sct_wr_init(sbuf, sizeof(sbuf));
	CK(sct_sctp_hdr_emit(&sw, &h));
	return &sw;
}

static void sctp_seal(void)
{
	CK_WR(&sw);
	CK(sct_sctp_finish(&sw, 0));
}

/* Finish the packet and write it over IPv4 and over IPv6. */
static void sctp_end(const char *kind)
{
	sctp_seal();
	ip_add(SCT_AF_INET4, IPPROTO_SCTP_, sbuf, sw.off, &a4, &b4);
	ip_add(SCT_AF_INET6, IPPROTO_SCTP_, sbuf, sw.off, &a6, &b6);
	n_sctp += 2;
	count(kind, 2);
}

/* Finish the packet and write it in UDP (RFC 6951) over IPv4 and over IPv6. */
static void sctp_end_udp(const char *kind)
{
	static uint8_t ubuf[9000];
	int af;

	sctp_seal();
	for (af = SCT_AF_INET4; af <= SCT_AF_INET6; af += 2) {
		struct sct_wr w = sct_wr_init(ubuf, sizeof(ubuf));
		const struct sct_addr *s = af == SCT_AF_INET4 ? &a4 : &a6;
		const struct sct_addr *d = af == SCT_AF_INET4 ? &b4 : &b6;

		CK(sct_udp_emit(&w, UDP_ENCAP_PORT, UDP_ENCAP_PORT, sbuf, sw.off, s, d));
		CK_WR(&w);
		ip_add(af, SCT_IPPROTO_UDP, ubuf, w.off, s, d);
	}
	n_sctp += 2;
	count(kind, 2);
}

/* ------------------------------------------------------------------ TLV scratch buffers */

struct tlvbuf {
	uint8_t b[2048];
	struct sct_wr w;
};

static void tb_init(struct tlvbuf *t)
{
	t->w = sct_wr_init(t->b, sizeof(t->b));
}

static void tb_param(struct tlvbuf *t, const struct sct_param *p)
{
	CK(sct_param_emit(&t->w, p));
}

static void tb_cause(struct tlvbuf *t, const struct sct_cause *c)
{
	CK(sct_cause_emit(&t->w, c));
}

static struct sct_bytes tb_bytes(const struct tlvbuf *t)
{
	struct sct_bytes b = {t->b, t->w.off};

	return b;
}

/* One parameter alone, as a TLV without its padding (the form that gets copied into causes). */
static struct sct_bytes one_param(struct tlvbuf *t, const struct sct_param *p)
{
	struct sct_tlv_iter it;
	struct sct_tlv tlv;
	struct sct_bytes b;

	tb_init(t);
	tb_param(t, p);
	sct_tlv_iter_init(&it, t->b, t->w.off);
	CK(sct_param_next(&it, &tlv));
	b.p = t->b;
	b.len = tlv.len;
	return b;
}

static const uint8_t payload[] = "The quick brown fox jumps over the lazy dog.";
static uint8_t random32[SCT_AUTH_RANDOM_LEN];
static uint8_t cookie[64];
static uint8_t hmac_sha1[20], hmac_sha256[32];

static struct sct_param param_addr(const struct sct_addr *a)
{
	struct sct_param p = {.type = a->af == SCT_AF_INET4 ? SCT_PARAM_IPV4 : SCT_PARAM_IPV6};

	p.u.addr = *a;
	return p;
}

static struct sct_param param_asconf(uint16_t type, uint32_t cid, const struct sct_addr *a)
{
	struct sct_param p = {.type = type};

	p.u.asconf.cid = cid;
	p.u.asconf.addr = *a;
	return p;
}

/* ------------------------------------------------------------------ DATA, I-DATA */

static void data_chunk(struct sct_wr *w, uint8_t flags, uint32_t tsn, uint16_t sid, uint16_t ssn,
		       size_t len)
{
	struct sct_data d = {.flags = flags, .tsn = tsn, .sid = sid, .ssn = ssn, .ppid = 0};

	d.user_data = payload;
	d.user_data_len = len;
	CK(sct_data_emit(w, &d));
}

static void idata_chunk(struct sct_wr *w, uint8_t flags, uint32_t tsn, uint32_t mid, uint32_t fsn,
			size_t len)
{
	struct sct_idata d = {.flags = flags, .tsn = tsn, .sid = 1, .mid = mid};

	d.ppid_fsn = (flags & SCT_DATA_FLAG_B) ? 0 : fsn; /* RFC 8260 2.1: PPID when B is set */
	d.user_data = payload;
	d.user_data_len = len;
	CK(sct_idata_emit(w, &d));
}

static void emit_data(void)
{
	/* RFC 9260 3.3.1: B/E give unfragmented, first, middle and last; U unordered; I of RFC
	 * 7053.  Odd lengths exercise the padding. */
	static const struct {
		uint8_t flags;
		const char *kind;
	} v[] = {
	    {SCT_DATA_FLAG_B | SCT_DATA_FLAG_E, "DATA (B E)"},
	    {SCT_DATA_FLAG_B, "DATA (B, first fragment)"},
	    {0, "DATA (middle fragment)"},
	    {SCT_DATA_FLAG_E, "DATA (E, last fragment)"},
	    {SCT_DATA_FLAG_U | SCT_DATA_FLAG_B | SCT_DATA_FLAG_E, "DATA (U B E)"},
	    {SCT_DATA_FLAG_I | SCT_DATA_FLAG_B | SCT_DATA_FLAG_E, "DATA (I B E, RFC 7053)"},
	};
	size_t i;

	for (i = 0; i < sizeof(v) / sizeof(v[0]); i++) {
		data_chunk(sctp_begin(0x11111111), v[i].flags, 1000 + (uint32_t)i, 1,
			   v[i].flags & SCT_DATA_FLAG_U ? 0 : 7, 13 + i);
		sctp_end(v[i].kind);
	}

	static const struct {
		uint8_t flags;
		const char *kind;
	} iv[] = {
	    {SCT_DATA_FLAG_B | SCT_DATA_FLAG_E, "I-DATA (B E)"},
	    {SCT_DATA_FLAG_B, "I-DATA (B)"},
	    {0, "I-DATA (middle)"},
	    {SCT_DATA_FLAG_E, "I-DATA (E)"},
	    {SCT_DATA_FLAG_U | SCT_DATA_FLAG_B | SCT_DATA_FLAG_E, "I-DATA (U B E)"},
	};
	for (i = 0; i < sizeof(iv) / sizeof(iv[0]); i++) {
		idata_chunk(sctp_begin(0x11111111), iv[i].flags, 2000 + (uint32_t)i, 5, (uint32_t)i,
			    9 + i);
		sctp_end(iv[i].kind);
	}
}

/* ------------------------------------------------------------------ INIT, INIT ACK */

static uint8_t addr_types_be[4], hmac_ids_be[4];

static void init_common(struct tlvbuf *t, bool ack)
{
	static const uint16_t addr_types[] = {SCT_PARAM_IPV4, SCT_PARAM_IPV6};
	static const uint16_t hmac_ids[] = {SCT_HMAC_SHA1, SCT_HMAC_SHA256};
	static const uint8_t ext[] = {SCT_CHUNK_FORWARD_TSN, SCT_CHUNK_ASCONF,
				      SCT_CHUNK_ASCONF_ACK,  SCT_CHUNK_RE_CONFIG,
				      SCT_CHUNK_I_DATA,	     SCT_CHUNK_I_FORWARD_TSN,
				      SCT_CHUNK_PAD,	     SCT_CHUNK_AUTH};
	static const uint8_t auth_chunks[] = {SCT_CHUNK_ASCONF, SCT_CHUNK_ASCONF_ACK};
	struct sct_param p;

	/* RFC 9260 3.3.2 / 3.3.3: address parameters, both families. */
	p = param_addr(&a4);
	tb_param(t, &p);
	p = param_addr(&a6);
	tb_param(t, &p);
	if (!ack) {
		/* RFC 9260 3.3.2.1.3 (INIT only). */
		p = (struct sct_param){.type = SCT_PARAM_COOKIE_PRESERVATIVE};
		p.u.cookie_inc_ms = 2000;
		tb_param(t, &p);
		/* RFC 9260 3.3.2.1.5 (INIT only). */
		p = (struct sct_param){.type = SCT_PARAM_SUPPORTED_ADDR_TYPES};
		p.u.addr_types = sct_u16_list_fill(addr_types_be, addr_types, 2);
		tb_param(t, &p);
	}
	/* RFC 9260 appendix A. */
	p = (struct sct_param){.type = SCT_PARAM_ECN_CAPABLE};
	tb_param(t, &p);
	/* RFC 3758 3.1. */
	p = (struct sct_param){.type = SCT_PARAM_FORWARD_TSN_SUPPORTED};
	tb_param(t, &p);
	/* RFC 5061 4.2.7. */
	p = (struct sct_param){.type = SCT_PARAM_SUPPORTED_EXT};
	p.u.chunk_types.p = ext;
	p.u.chunk_types.len = sizeof(ext);
	tb_param(t, &p);
	/* RFC 4895 3.1-3.3. */
	p = (struct sct_param){.type = SCT_PARAM_RANDOM};
	p.u.bytes.p = random32;
	p.u.bytes.len = sizeof(random32);
	tb_param(t, &p);
	p = (struct sct_param){.type = SCT_PARAM_CHUNK_LIST};
	p.u.chunk_types.p = auth_chunks;
	p.u.chunk_types.len = sizeof(auth_chunks);
	tb_param(t, &p);
	p = (struct sct_param){.type = SCT_PARAM_HMAC_ALGO};
	p.u.hmac_ids = sct_u16_list_fill(hmac_ids_be, hmac_ids, 2);
	tb_param(t, &p);
	/* RFC 5061 4.2.6. */
	p = (struct sct_param){.type = SCT_PARAM_ADAPTATION_IND};
	p.u.adaptation = 0x01020304;
	tb_param(t, &p);
	/* RFC 5061 4.2.4: Set Primary Address is allowed in INIT and INIT ACK. */
	p = param_asconf(SCT_PARAM_SET_PRIMARY, 0, &a4);
	tb_param(t, &p);
	/* RFC 9653 5.1, edmid 1 (DTLS, RFC 9653 8). */
	p = (struct sct_param){.type = SCT_PARAM_ZERO_CHECKSUM};
	p.u.edmid = 1;
	tb_param(t, &p);
}

static void emit_init(void)
{
	static const uint8_t pad[37];
	struct tlvbuf t, u;
	struct sct_param p;
	struct sct_init in = {
	    .itag = 0xa1b2c3d4, .a_rwnd = 106496, .os = 10, .mis = 65535, .itsn = 0x01020304};

	/* INIT with nothing, then with every parameter valid in it. */
	CK(sct_init_emit(sctp_begin(0), &in));
	sctp_end("INIT (no parameters)");

	tb_init(&t);
	init_common(&t, false);
	/* RFC 4820 3: the Padding parameter, INIT only. */
	p = (struct sct_param){.type = SCT_PARAM_PADDING};
	p.u.bytes.p = pad;
	p.u.bytes.len = sizeof(pad);
	tb_param(&t, &p);
	in.params = t.b;
	in.params_len = t.w.off;
	CK(sct_init_emit(sctp_begin(0), &in));
	sctp_end("INIT (every parameter)");

	/* INIT ACK: State Cookie (RFC 9260 3.3.3.1), Unrecognized Parameter wrapping a TLV
	 * of an unknown type with action 11 (3.3.3.1.2), and the rest. */
	tb_init(&t);
	p = (struct sct_param){.type = SCT_PARAM_STATE_COOKIE};
	p.u.bytes.p = cookie;
	p.u.bytes.len = sizeof(cookie);
	tb_param(&t, &p);
	p = (struct sct_param){.type = 0xc0ff};
	p.u.bytes.p = payload;
	p.u.bytes.len = 6;
	p.u.bytes = one_param(&u, &p);
	p.type = SCT_PARAM_UNRECOGNIZED;
	tb_param(&t, &p);
	init_common(&t, true);
	in.itag = 0x55667788;
	in.params = t.b;
	in.params_len = t.w.off;
	CK(sct_init_ack_emit(sctp_begin(0xa1b2c3d4), &in));
	sctp_end("INIT ACK (every parameter)");

	/* The minimum INIT ACK: only the State Cookie. */
	tb_init(&t);
	p = (struct sct_param){.type = SCT_PARAM_STATE_COOKIE};
	p.u.bytes.p = cookie;
	p.u.bytes.len = 5;
	tb_param(&t, &p);
	in.params = t.b;
	in.params_len = t.w.off;
	CK(sct_init_ack_emit(sctp_begin(0xa1b2c3d4), &in));
	sctp_end("INIT ACK (State Cookie only)");
}

/* ------------------------------------------------------------------ SACK, HEARTBEAT */

static void sack_chunk(struct sct_wr *w, int gaps)
{
	static const struct sct_gap_block g[] = {{2, 3}, {5, 5}, {8, 12}, {20, 21}};
	static const uint32_t dups[] = {995, 997, 997};

	CK(sct_sack_emit_blocks(w, 1000, 65536, gaps ? g : NULL, gaps ? 4 : 0, gaps ? dups : NULL,
				gaps ? 3 : 0));
}

static void hb_chunk(struct sct_wr *w, bool ack)
{
	struct sct_heartbeat hb = {.info = payload, .info_len = 21};

	CK(ack ? sct_heartbeat_ack_emit(w, &hb) : sct_heartbeat_emit(w, &hb));
}

/* ------------------------------------------------------------------ error causes */

struct cause_case {
	struct sct_cause c;
	const char *name;
};

static size_t build_causes(struct cause_case *cc)
{
	static struct tlvbuf t_unres, t_unrec, t_restart, t_del, t_add, t_del2, t_add2;
	static uint8_t missing_be[6], chunk[8];
	static const uint16_t missing[] = {SCT_PARAM_STATE_COOKIE};
	struct sct_param p;
	struct sct_wr w;
	size_t n = 0;

#define CASE(code_, nm)                                                                            \
	(cc[n].c = (struct sct_cause){.code = (code_)}, cc[n].name = (nm), &cc[n++].c)

	CASE(SCT_CAUSE_INVALID_STREAM, "Invalid Stream Identifier")->u.stream_id = 42;
	CASE(SCT_CAUSE_MISSING_PARAM, "Missing Mandatory Parameter")->u.missing =
	    sct_u16_list_fill(missing_be, missing, 1);
	CASE(SCT_CAUSE_STALE_COOKIE, "Stale Cookie")->u.staleness_us = 1200000;
	CASE(SCT_CAUSE_OUT_OF_RESOURCE, "Out of Resource");
	p = param_addr(&b4);
	CASE(SCT_CAUSE_UNRESOLVABLE_ADDR, "Unresolvable Address")->u.tlvs = one_param(&t_unres, &p);
	/* RFC 9260 3.3.10.6: the unrecognized chunk, whole; type 0x7f (action 01) by the
	 * cursor since no emitter builds chunks we do not know. */
	w = sct_wr_init(chunk, sizeof(chunk));
	sct_wr_u8(&w, 0x7f);
	sct_wr_u8(&w, 0);
	sct_wr_u16(&w, 8);
	sct_wr_u32(&w, 0xdeadbeef);
	CK_WR(&w);
	CASE(SCT_CAUSE_UNRECOGNIZED_CHUNK, "Unrecognized Chunk Type")->u.tlvs =
	    (struct sct_bytes){chunk, sizeof(chunk)};
	CASE(SCT_CAUSE_INVALID_PARAM, "Invalid Mandatory Parameter");
	p = (struct sct_param){.type = 0x4123};
	p.u.bytes.p = payload;
	p.u.bytes.len = 3;
	CASE(SCT_CAUSE_UNRECOGNIZED_PARAMS, "Unrecognized Parameters")->u.tlvs =
	    one_param(&t_unrec, &p);
	CASE(SCT_CAUSE_NO_USER_DATA, "No User Data")->u.tsn = 0x10203040;
	CASE(SCT_CAUSE_COOKIE_IN_SHUTDOWN, "Cookie Received While Shutting Down");
	tb_init(&t_restart);
	p = param_addr(&r4);
	tb_param(&t_restart, &p);
	p = param_addr(&r6);
	tb_param(&t_restart, &p);
	CASE(SCT_CAUSE_RESTART_NEW_ADDRS, "Restart of an Association with New Addresses")->u.tlvs =
	    tb_bytes(&t_restart);
	CASE(SCT_CAUSE_USER_ABORT, "User-Initiated Abort")->u.bytes =
	    (struct sct_bytes){payload, 10};
	CASE(SCT_CAUSE_PROTOCOL_VIOLATION, "Protocol Violation")->u.bytes =
	    (struct sct_bytes){payload, 17};
	/* RFC 5061 5.1: the causes copy the ASCONF parameter that failed. */
	p = param_asconf(SCT_PARAM_DEL_IP, 7, &a4);
	CASE(SCT_CAUSE_DEL_LAST_ADDR, "Request to Delete Last Remaining IP Address")->u.tlvs =
	    one_param(&t_del, &p);
	p = param_asconf(SCT_PARAM_ADD_IP, 8, &r6);
	CASE(SCT_CAUSE_RESOURCE_SHORTAGE, "Operation Refused Due to Resource Shortage")->u.tlvs =
	    one_param(&t_add, &p);
	p = param_asconf(SCT_PARAM_DEL_IP, 9, &a6);
	CASE(SCT_CAUSE_DEL_SOURCE_ADDR, "Request to Delete Source IP Address")->u.tlvs =
	    one_param(&t_del2, &p);
	CASE(SCT_CAUSE_ILLEGAL_ASCONF_ACK, "Association Aborted Due to Illegal ASCONF-ACK");
	p = param_asconf(SCT_PARAM_ADD_IP, 10, &r4);
	CASE(SCT_CAUSE_NO_AUTHORIZATION, "Request Refused - No Authorization")->u.tlvs =
	    one_param(&t_add2, &p);
	CASE(SCT_CAUSE_UNSUPPORTED_HMAC, "Unsupported HMAC Identifier")->u.hmac_id = 2;
#undef CASE
	return n;
}

static struct cause_case causes[32];
static size_t n_causes;

static const struct sct_cause *cause_of(uint16_t code)
{
	size_t i;

	for (i = 0; i < n_causes; i++)
		if (causes[i].c.code == code)
			return &causes[i].c;
	fprintf(stderr, "emit_all: no cause %u\n", code);
	exit(1);
}

static void emit_abort_error(void)
{
	static char names[2][32][96];
	struct tlvbuf t;
	size_t i;

	for (i = 0; i < n_causes; i++) {
		struct sct_abort ab = {0};
		struct sct_error er = {0};

		tb_init(&t);
		tb_cause(&t, &causes[i].c);
		ab.causes = er.causes = t.b;
		ab.causes_len = er.causes_len = t.w.off;
		CK(sct_abort_emit(sctp_begin(0x22222222), &ab));
		snprintf(names[0][i], sizeof(names[0][i]), "ABORT (%s)", causes[i].name);
		sctp_end(names[0][i]);
		CK(sct_error_emit(sctp_begin(0x22222222), &er));
		snprintf(names[1][i], sizeof(names[1][i]), "ERROR (%s)", causes[i].name);
		sctp_end(names[1][i]);
	}

	/* ABORT without a cause, with the T bit (RFC 9260 3.3.7), and with every cause. */
	{
		struct sct_abort ab = {0};

		CK(sct_abort_emit(sctp_begin(0x22222222), &ab));
		sctp_end("ABORT (no cause)");
		ab.flags = SCT_ABORT_FLAG_T;
		CK(sct_abort_emit(sctp_begin(0x33333333), &ab));
		sctp_end("ABORT (T bit, no cause)");
		tb_init(&t);
		tb_cause(&t, cause_of(SCT_CAUSE_USER_ABORT));
		ab.causes = t.b;
		ab.causes_len = t.w.off;
		CK(sct_abort_emit(sctp_begin(0x33333333), &ab));
		sctp_end("ABORT (T bit, User-Initiated Abort)");
		tb_init(&t);
		for (i = 0; i < n_causes; i++)
			tb_cause(&t, &causes[i].c);
		ab.flags = 0;
		ab.causes = t.b;
		ab.causes_len = t.w.off;
		CK(sct_abort_emit(sctp_begin(0x22222222), &ab));
		sctp_end("ABORT (every cause)");
	}
}

/* ------------------------------------------------------------------ small control chunks */

static void fwd_tsn_chunk(struct sct_wr *w)
{
	static uint8_t s[12];
	struct sct_wr sw2 = sct_wr_init(s, sizeof(s));
	struct sct_fwd_tsn f = {.new_cum_tsn = 1010, .n_streams = 3, .streams = s};

	sct_wr_u16(&sw2, 1);
	sct_wr_u16(&sw2, 7);
	sct_wr_u16(&sw2, 2);
	sct_wr_u16(&sw2, 0);
	sct_wr_u16(&sw2, 9);
	sct_wr_u16(&sw2, 65535);
	CK_WR(&sw2);
	CK(sct_fwd_tsn_emit(w, &f));
}

static void ifwd_tsn_chunk(struct sct_wr *w)
{
	static uint8_t e[16];
	struct sct_wr ew = sct_wr_init(e, sizeof(e));
	struct sct_ifwd_tsn f = {.new_cum_tsn = 2010, .n_entries = 2, .entries = e};

	sct_wr_u16(&ew, 5);
	sct_wr_u16(&ew, 0);
	sct_wr_u32(&ew, 3);
	sct_wr_u16(&ew, 6);
	sct_wr_u16(&ew, SCT_IFWD_FLAG_U);
	sct_wr_u32(&ew, 4);
	CK_WR(&ew);
	CK(sct_ifwd_tsn_emit(w, &f));
}

static void auth_chunk(struct sct_wr *w, uint16_t hmac_id)
{
	struct sct_auth a = {.key_id = 1, .hmac_id = hmac_id};

	a.hmac = hmac_id == SCT_HMAC_SHA1 ? hmac_sha1 : hmac_sha256;
	a.hmac_len = hmac_id == SCT_HMAC_SHA1 ? sizeof(hmac_sha1) : sizeof(hmac_sha256);
	CK(sct_auth_emit(w, &a));
}

static void emit_control(void)
{
	struct sct_chunk_empty e = {0};
	struct sct_shutdown sd = {.cum_tsn_ack = 1234};
	struct sct_cookie_echo ce = {.cookie = cookie, .cookie_len = sizeof(cookie) - 3};
	struct sct_ecn ecn = {.lowest_tsn = 4321};
	struct sct_pad pad = {.pad_len = 200};

	sack_chunk(sctp_begin(0x44444444), 0);
	sctp_end("SACK (no gap, no dup)");
	sack_chunk(sctp_begin(0x44444444), 1);
	sctp_end("SACK (4 gap blocks, 3 dup TSNs)");
	hb_chunk(sctp_begin(0x44444444), false);
	sctp_end("HEARTBEAT");
	hb_chunk(sctp_begin(0x44444444), true);
	sctp_end("HEARTBEAT ACK");
	CK(sct_shutdown_emit(sctp_begin(0x44444444), &sd));
	sctp_end("SHUTDOWN");
	CK(sct_shutdown_ack_emit(sctp_begin(0x44444444), &e));
	sctp_end("SHUTDOWN ACK");
	CK(sct_shutdown_complete_emit(sctp_begin(0x44444444), &e));
	sctp_end("SHUTDOWN COMPLETE");
	e.flags = SCT_SHUTDOWN_COMPLETE_FLAG_T;
	CK(sct_shutdown_complete_emit(sctp_begin(0x55555555), &e));
	sctp_end("SHUTDOWN COMPLETE (T bit)");
	e.flags = 0;
	CK(sct_cookie_echo_emit(sctp_begin(0x44444444), &ce));
	sctp_end("COOKIE ECHO");
	CK(sct_cookie_ack_emit(sctp_begin(0x44444444), &e));
	sctp_end("COOKIE ACK");
	CK(sct_ecne_emit(sctp_begin(0x44444444), &ecn));
	sctp_end("ECNE");
	CK(sct_cwr_emit(sctp_begin(0x44444444), &ecn));
	sctp_end("CWR");
	fwd_tsn_chunk(sctp_begin(0x44444444));
	sctp_end("FORWARD-TSN");
	ifwd_tsn_chunk(sctp_begin(0x44444444));
	sctp_end("I-FORWARD-TSN");
	CK(sct_pad_emit(sctp_begin(0x44444444), &pad));
	sctp_end("PAD");
	auth_chunk(sctp_begin(0x44444444), SCT_HMAC_SHA1);
	sctp_end("AUTH (HMAC-SHA-1)");
	auth_chunk(sctp_begin(0x44444444), SCT_HMAC_SHA256);
	sctp_end("AUTH (HMAC-SHA-256)");
}

/* ------------------------------------------------------------------ ASCONF, ASCONF-ACK */

static void asconf_chunk(struct sct_wr *w, int which)
{
	struct tlvbuf t;
	struct sct_param p;
	struct sct_asconf a = {.serial = 0x01000000 + (uint32_t)which};

	tb_init(&t);
	/* RFC 5061 4.1.1: the Address Parameter comes first. */
	p = param_addr(which == 3 ? &a6 : &a4);
	tb_param(&t, &p);
	if (which == 0 || which == 3) {
		p = param_asconf(SCT_PARAM_ADD_IP, 1, &r4);
		tb_param(&t, &p);
	}
	if (which == 1 || which == 3) {
		p = param_asconf(SCT_PARAM_DEL_IP, 2, &b6);
		tb_param(&t, &p);
	}
	if (which == 2 || which == 3) {
		p = param_asconf(SCT_PARAM_SET_PRIMARY, 3, &r6);
		tb_param(&t, &p);
	}
	a.params = t.b;
	a.params_len = t.w.off;
	CK(sct_asconf_emit(w, &a));
}

static void asconf_ack_chunk(struct sct_wr *w, int which)
{
	struct tlvbuf t, c;
	struct sct_param p;
	struct sct_asconf a = {.serial = 0x01000000 + (uint32_t)which};

	tb_init(&t);
	if (which == 0 || which == 2) {
		p = (struct sct_param){.type = SCT_PARAM_SUCCESS_IND};
		p.u.success_cid = 1;
		tb_param(&t, &p);
	}
	if (which == 1 || which == 2) {
		tb_init(&c);
		tb_cause(&c, cause_of(SCT_CAUSE_DEL_LAST_ADDR));
		p = (struct sct_param){.type = SCT_PARAM_ERROR_CAUSE_IND};
		p.u.cause_ind.cid = 2;
		p.u.cause_ind.causes = tb_bytes(&c);
		tb_param(&t, &p);
	}
	a.params = t.b;
	a.params_len = t.w.off;
	CK(sct_asconf_ack_emit(w, &a));
}

static void emit_asconf(void)
{
	static const char *const req[] = {"ASCONF (Add IP Address)", "ASCONF (Delete IP Address)",
					  "ASCONF (Set Primary Address)",
					  "ASCONF (Add, Delete, Set Primary)"};
	static const char *const resp[] = {"ASCONF-ACK (Success Indication)",
					   "ASCONF-ACK (Error Cause Indication)",
					   "ASCONF-ACK (Success and Error Cause Indication)"};
	int i;

	for (i = 0; i < 4; i++) {
		asconf_chunk(sctp_begin(0x66666666), i);
		sctp_end(req[i]);
	}
	for (i = 0; i < 3; i++) {
		asconf_ack_chunk(sctp_begin(0x66666666), i);
		sctp_end(resp[i]);
	}
	{
		struct sct_asconf a = {.serial = 7};

		CK(sct_asconf_ack_emit(sctp_begin(0x66666666), &a));
		sctp_end("ASCONF-ACK (no parameter)");
	}
}

/* ------------------------------------------------------------------ RE-CONFIG */

static uint8_t streams_be[6];

static struct sct_param rc_param(int kind, bool variant)
{
	static const uint16_t streams[] = {1, 2, 3};
	struct sct_param p = {0};

	switch (kind) {
	case 0: /* RFC 6525 4.1 */
		p.type = SCT_PARAM_OUT_SSN_RESET;
		p.u.out_reset.req_seq = 100;
		p.u.out_reset.resp_seq = 200;
		p.u.out_reset.last_tsn = 999;
		if (!variant)
			p.u.out_reset.streams = sct_u16_list_fill(streams_be, streams, 3);
		break;
	case 1: /* RFC 6525 4.2 */
		p.type = SCT_PARAM_IN_SSN_RESET;
		p.u.in_reset.req_seq = 101;
		if (!variant)
			p.u.in_reset.streams = sct_u16_list_fill(streams_be, streams, 2);
		break;
	case 2: /* RFC 6525 4.3 */
		p.type = SCT_PARAM_SSN_TSN_RESET;
		p.u.ssn_tsn_req_seq = 102;
		break;
	case 3: /* RFC 6525 4.4 */
		p.type = SCT_PARAM_RECONF_RESPONSE;
		p.u.reconf_resp.resp_seq = variant ? 201 : 200;
		p.u.reconf_resp.result = variant ? SCT_RECONF_SUCCESS_PERFORMED : SCT_RECONF_DENIED;
		p.u.reconf_resp.has_tsns = variant;
		p.u.reconf_resp.sender_next_tsn = 5000;
		p.u.reconf_resp.receiver_next_tsn = 6000;
		break;
	case 4: /* RFC 6525 4.5 */
		p.type = SCT_PARAM_ADD_OUT_STREAMS;
		p.u.add_streams.req_seq = 103;
		p.u.add_streams.n_new = 16;
		break;
	default: /* RFC 6525 4.6 */
		p.type = SCT_PARAM_ADD_IN_STREAMS;
		p.u.add_streams.req_seq = 104;
		p.u.add_streams.n_new = 8;
		break;
	}
	return p;
}

static void emit_reconfig(void)
{
	/* RFC 6525 3.1: the ten combinations, plus the variants of the parameters. */
	static const struct {
		int a, b; /* rc_param kinds; b < 0: single */
		bool va, vb;
		const char *kind;
	} v[] = {
	    {0, -1, false, false, "RE-CONFIG (Outgoing SSN Reset)"},
	    {0, -1, true, false, "RE-CONFIG (Outgoing SSN Reset, all streams)"},
	    {1, -1, false, false, "RE-CONFIG (Incoming SSN Reset)"},
	    {1, -1, true, false, "RE-CONFIG (Incoming SSN Reset, all streams)"},
	    {0, 1, false, false, "RE-CONFIG (Outgoing + Incoming SSN Reset)"},
	    {2, -1, false, false, "RE-CONFIG (SSN/TSN Reset)"},
	    {3, -1, false, false, "RE-CONFIG (Response)"},
	    {3, -1, true, false, "RE-CONFIG (Response with TSNs)"},
	    {3, 0, false, false, "RE-CONFIG (Response + Outgoing SSN Reset)"},
	    {3, 3, false, true, "RE-CONFIG (Response + Response)"},
	    {4, -1, false, false, "RE-CONFIG (Add Outgoing Streams)"},
	    {5, -1, false, false, "RE-CONFIG (Add Incoming Streams)"},
	    {4, 5, false, false, "RE-CONFIG (Add Outgoing + Add Incoming Streams)"},
	};
	size_t i;

	for (i = 0; i < sizeof(v) / sizeof(v[0]); i++) {
		struct tlvbuf t;
		struct sct_param p;
		struct sct_reconfig rc = {0};

		tb_init(&t);
		p = rc_param(v[i].a, v[i].va);
		tb_param(&t, &p);
		if (v[i].b >= 0) {
			p = rc_param(v[i].b, v[i].vb);
			tb_param(&t, &p);
		}
		rc.params = t.b;
		rc.params_len = t.w.off;
		CK(sct_reconfig_emit(sctp_begin(0x77777777), &rc));
		sctp_end(v[i].kind);
	}
}

/* ------------------------------------------------------------------ bundles */

static void emit_bundles(void)
{
	struct sct_chunk_empty e = {0};
	struct sct_cookie_echo ce = {.cookie = cookie, .cookie_len = sizeof(cookie)};
	struct sct_ecn ecn = {.lowest_tsn = 77};
	struct sct_pad pad = {.pad_len = 1000};
	struct sct_error er = {0};
	struct tlvbuf t;
	struct sct_wr *w;
	int i;

	w = sctp_begin(0x88888888);
	CK(sct_cookie_echo_emit(w, &ce));
	data_chunk(w, SCT_DATA_FLAG_B | SCT_DATA_FLAG_E, 1, 0, 0, 20);
	sctp_end("bundle COOKIE ECHO + DATA");

	w = sctp_begin(0x88888888);
	CK(sct_cookie_ack_emit(w, &e));
	sack_chunk(w, 0);
	data_chunk(w, SCT_DATA_FLAG_B | SCT_DATA_FLAG_E, 1, 0, 0, 21);
	sctp_end("bundle COOKIE ACK + SACK + DATA");

	w = sctp_begin(0x88888888);
	sack_chunk(w, 1);
	for (i = 0; i < 3; i++)
		data_chunk(w, SCT_DATA_FLAG_B | SCT_DATA_FLAG_E, 10 + (uint32_t)i, (uint16_t)i, 0,
			   30 + (size_t)i);
	sctp_end("bundle SACK + 3 DATA");

	w = sctp_begin(0x88888888);
	hb_chunk(w, true);
	sack_chunk(w, 0);
	sctp_end("bundle HEARTBEAT ACK + SACK");

	w = sctp_begin(0x88888888);
	tb_init(&t);
	tb_cause(&t, cause_of(SCT_CAUSE_INVALID_STREAM));
	er.causes = t.b;
	er.causes_len = t.w.off;
	CK(sct_error_emit(w, &er));
	data_chunk(w, SCT_DATA_FLAG_B | SCT_DATA_FLAG_E, 20, 0, 1, 5);
	sctp_end("bundle ERROR + DATA");

	w = sctp_begin(0x88888888);
	auth_chunk(w, SCT_HMAC_SHA1);
	asconf_chunk(w, 3);
	sctp_end("bundle AUTH + ASCONF");

	w = sctp_begin(0x88888888);
	auth_chunk(w, SCT_HMAC_SHA256);
	data_chunk(w, SCT_DATA_FLAG_B | SCT_DATA_FLAG_E, 21, 0, 2, 40);
	sctp_end("bundle AUTH + DATA");

	w = sctp_begin(0x88888888);
	fwd_tsn_chunk(w);
	sack_chunk(w, 0);
	data_chunk(w, SCT_DATA_FLAG_U | SCT_DATA_FLAG_B | SCT_DATA_FLAG_E, 1011, 3, 0, 8);
	sctp_end("bundle FORWARD-TSN + SACK + DATA");

	w = sctp_begin(0x88888888);
	CK(sct_ecne_emit(w, &ecn));
	sack_chunk(w, 0);
	sctp_end("bundle ECNE + SACK");

	w = sctp_begin(0x88888888);
	CK(sct_cwr_emit(w, &ecn));
	data_chunk(w, SCT_DATA_FLAG_B | SCT_DATA_FLAG_E, 22, 0, 3, 12);
	sctp_end("bundle CWR + DATA");

	w = sctp_begin(0x88888888);
	ifwd_tsn_chunk(w);
	idata_chunk(w, SCT_DATA_FLAG_B, 2011, 9, 0, 30);
	idata_chunk(w, SCT_DATA_FLAG_E, 2012, 9, 1, 31);
	sctp_end("bundle I-FORWARD-TSN + 2 I-DATA");

	/* RFC 4820 3: PAD bundled with a HEARTBEAT to probe the path MTU. */
	w = sctp_begin(0x88888888);
	hb_chunk(w, false);
	CK(sct_pad_emit(w, &pad));
	sctp_end("bundle HEARTBEAT + PAD");

	w = sctp_begin(0x88888888);
	{
		struct sct_param p = rc_param(0, false);
		struct sct_reconfig rc = {0};

		tb_init(&t);
		tb_param(&t, &p);
		rc.params = t.b;
		rc.params_len = t.w.off;
		CK(sct_reconfig_emit(w, &rc));
	}
	data_chunk(w, SCT_DATA_FLAG_B | SCT_DATA_FLAG_E, 23, 4, 0, 16);
	sctp_end("bundle RE-CONFIG + DATA");

	w = sctp_begin(0x88888888);
	CK(sct_shutdown_emit(w, &(struct sct_shutdown){.cum_tsn_ack = 23}));
	sack_chunk(w, 1);
	sctp_end("bundle SHUTDOWN + SACK");
}

/* ------------------------------------------------------------------ SCTP over UDP */

static void emit_udp(void)
{
	struct tlvbuf t;
	struct sct_param p;
	struct sct_init in = {.itag = 0xabcdef01, .a_rwnd = 65536, .os = 1, .mis = 1, .itsn = 1};
	struct sct_abort ab = {.flags = SCT_ABORT_FLAG_T};
	struct sct_wr *w;

	tb_init(&t);
	init_common(&t, false);
	in.params = t.b;
	in.params_len = t.w.off;
	CK(sct_init_emit(sctp_begin(0), &in));
	sctp_end_udp("UDP-encapsulated INIT");

	tb_init(&t);
	p = (struct sct_param){.type = SCT_PARAM_STATE_COOKIE};
	p.u.bytes.p = cookie;
	p.u.bytes.len = sizeof(cookie);
	tb_param(&t, &p);
	in.params = t.b;
	in.params_len = t.w.off;
	CK(sct_init_ack_emit(sctp_begin(0xabcdef01), &in));
	sctp_end_udp("UDP-encapsulated INIT ACK");

	w = sctp_begin(0xabcdef01);
	sack_chunk(w, 1);
	data_chunk(w, SCT_DATA_FLAG_B | SCT_DATA_FLAG_E, 5, 0, 0, 33);
	sctp_end_udp("UDP-encapsulated SACK + DATA");

	CK(sct_abort_emit(sctp_begin(0xabcdef01), &ab));
	sctp_end_udp("UDP-encapsulated ABORT (T bit)");
}

/* ------------------------------------------------------------------ fragments */

/*
 * A 1400-byte SCTP packet cut into two fragments (RFC 791 2.3 / RFC 8200 4.5),
 * for IPv4 and IPv6; tshark reassembles them, so only the second frame
 * shows SCTP.  Also an IPv6 atomic fragment (RFC 6946), dissected alone.
 */
static void emit_fragments(void)
{
	static uint8_t big[1500], frame[1600];
	struct sct_wr *w = sctp_begin(0x99999999);
	struct sct_data d = {.flags = SCT_DATA_FLAG_B | SCT_DATA_FLAG_E, .tsn = 3000, .sid = 2};
	struct sct_ip6_frag f = {.present = true, .id = 0x5eed};
	size_t len, cut = 808;
	int af;

	d.user_data = big;
	d.user_data_len = 1400 - SCT_SCTP_HDR_LEN - SCT_DATA_HDR_LEN;
	CK(sct_data_emit(w, &d));
	sctp_seal();
	len = sw.off;
	for (af = SCT_AF_INET4; af <= SCT_AF_INET6; af += 2) {
		const struct sct_addr *s = af == SCT_AF_INET4 ? &a4 : &a6;
		const struct sct_addr *dst = af == SCT_AF_INET4 ? &b4 : &b6;

		f.off = 0;
		f.more = true;
		put_frame(frame,
			  ip_build(frame, sizeof(frame), af, IPPROTO_SCTP_, sbuf, cut, s, dst, &f));
		f.off = (uint16_t)cut;
		f.more = false;
		put_frame(frame, ip_build(frame, sizeof(frame), af, IPPROTO_SCTP_, sbuf + cut,
					  len - cut, s, dst, &f));
		f.id++;
	}
	n_frag += 2;
	n_sctp += 2;
	count("DATA in 2 IPv4 fragments (frames)", 2);
	count("DATA in 2 IPv6 fragments (frames)", 2);

	/* Atomic fragment: offset 0, M 0. */
	f.off = 0;
	f.more = false;
	hb_chunk(sctp_begin(0x99999999), false);
	sctp_seal();
	put_frame(frame, ip_build(frame, sizeof(frame), SCT_AF_INET6, IPPROTO_SCTP_, sbuf, sw.off,
				  &a6, &b6, &f));
	n_sctp++;
	count("HEARTBEAT in an IPv6 atomic fragment", 1);
}

/* ------------------------------------------------------------------ ICMP, ICMPv6 */

static void icmp_add(int af, const uint8_t *msg, size_t len, const char *kind)
{
	if (af == SCT_AF_INET4) {
		ip_add(af, SCT_IPPROTO_ICMP, msg, len, &r4, &a4);
		n_icmp++;
	} else {
		ip_add(af, SCT_IPPROTO_ICMPV6, msg, len, &r6, &a6);
		n_icmp6++;
	}
	count(kind, 1);
}

static void emit_icmp(void)
{
	static uint8_t q4_small[256], q4_udp[256], q4_big[1600], q6_small[256], q6_udp[256],
	    q6_big[1600], big[1500];
	static uint8_t m[2048], ubuf[512];
	size_t l4s, l4u, l4b, l6s, l6u, l6b;
	struct sct_init in = {.itag = 1, .a_rwnd = 65536, .os = 1, .mis = 1, .itsn = 1};
	struct sct_data d = {
	    .flags = SCT_DATA_FLAG_B | SCT_DATA_FLAG_E, .tsn = 1, .user_data = big};
	struct sct_wr w, uw;
	int rc;

	/* The packets the errors quote: an INIT, the same in UDP, a 1500-byte DATA. */
	CK(sct_init_emit(sctp_begin(0), &in));
	sctp_seal();
	l4s = ip_build(q4_small, sizeof(q4_small), SCT_AF_INET4, IPPROTO_SCTP_, sbuf, sw.off, &a4,
		       &b4, NULL);
	l6s = ip_build(q6_small, sizeof(q6_small), SCT_AF_INET6, IPPROTO_SCTP_, sbuf, sw.off, &a6,
		       &b6, NULL);
	uw = sct_wr_init(ubuf, sizeof(ubuf));
	CK(sct_udp_emit(&uw, UDP_ENCAP_PORT, UDP_ENCAP_PORT, sbuf, sw.off, &a4, &b4));
	l4u = ip_build(q4_udp, sizeof(q4_udp), SCT_AF_INET4, SCT_IPPROTO_UDP, ubuf, uw.off, &a4,
		       &b4, NULL);
	uw = sct_wr_init(ubuf, sizeof(ubuf));
	CK(sct_udp_emit(&uw, UDP_ENCAP_PORT, UDP_ENCAP_PORT, sbuf, sw.off, &a6, &b6));
	l6u = ip_build(q6_udp, sizeof(q6_udp), SCT_AF_INET6, SCT_IPPROTO_UDP, ubuf, uw.off, &a6,
		       &b6, NULL);
	d.user_data_len = 1500 - 20 - SCT_SCTP_HDR_LEN - SCT_DATA_HDR_LEN;
	CK(sct_data_emit(sctp_begin(0x1234), &d));
	sctp_seal();
	l4b = ip_build(q4_big, sizeof(q4_big), SCT_AF_INET4, IPPROTO_SCTP_, sbuf, sw.off, &a4, &b4,
		       NULL);
	d.user_data_len = 1500 - 40 - SCT_SCTP_HDR_LEN - SCT_DATA_HDR_LEN;
	CK(sct_data_emit(sctp_begin(0x1234), &d));
	sctp_seal();
	l6b = ip_build(q6_big, sizeof(q6_big), SCT_AF_INET6, IPPROTO_SCTP_, sbuf, sw.off, &a6, &b6,
		       NULL);

#define M4(call, kind)                                                                             \
	do {                                                                                       \
		w = sct_wr_init(m, sizeof(m));                                                     \
		rc = (call);                                                                       \
		CK(rc);                                                                            \
		icmp_add(SCT_AF_INET4, m, w.off, kind);                                            \
	} while (0)
#define M6(call, kind)                                                                             \
	do {                                                                                       \
		w = sct_wr_init(m, sizeof(m));                                                     \
		rc = (call);                                                                       \
		CK(rc);                                                                            \
		icmp_add(SCT_AF_INET6, m, w.off, kind);                                            \
	} while (0)

	/* ICMPv4: RFC 792, RFC 1191. */
	M4(sct_icmp4_emit_echo(&w, SCT_ICMP4_ECHO_REQUEST, 0x4242, 1, payload, 32),
	   "ICMP echo request");
	M4(sct_icmp4_emit_echo(&w, SCT_ICMP4_ECHO_REPLY, 0x4242, 1, payload, 32),
	   "ICMP echo reply");
	M4(sct_icmp4_emit_unreach(&w, SCT_ICMP4_HOST_UNREACH, 0, q4_small, l4s),
	   "ICMP host unreachable (quotes SCTP)");
	M4(sct_icmp4_emit_unreach(&w, SCT_ICMP4_PROTO_UNREACH, 0, q4_small, l4s),
	   "ICMP protocol unreachable (quotes SCTP)");
	M4(sct_icmp4_emit_unreach(&w, SCT_ICMP4_PORT_UNREACH, 0, q4_udp, l4u),
	   "ICMP port unreachable (quotes UDP-encapsulated SCTP)");
	M4(sct_icmp4_emit_unreach(&w, SCT_ICMP4_FRAG_NEEDED, 1400, q4_big, l4b),
	   "ICMP fragmentation needed (quotes 1500-byte SCTP, cut)");
	M4(sct_icmp4_emit_time_exceeded(&w, 0, q4_small, l4s), "ICMP time exceeded (TTL)");
	M4(sct_icmp4_emit_time_exceeded(&w, 1, q4_small, l4s), "ICMP time exceeded (reassembly)");
	M4(sct_icmp4_emit_param_problem(&w, 8, q4_small, l4s), "ICMP parameter problem");

	/* ICMPv6: RFC 4443. */
	M6(sct_icmp6_emit_echo(&w, SCT_ICMP6_ECHO_REQUEST, 0x4242, 1, payload, 32, &r6, &a6),
	   "ICMPv6 echo request");
	M6(sct_icmp6_emit_echo(&w, SCT_ICMP6_ECHO_REPLY, 0x4242, 1, payload, 32, &r6, &a6),
	   "ICMPv6 echo reply");
	M6(sct_icmp6_emit_unreach(&w, SCT_ICMP6_NO_ROUTE, q6_small, l6s, &r6, &a6),
	   "ICMPv6 no route (quotes SCTP)");
	M6(sct_icmp6_emit_unreach(&w, SCT_ICMP6_ADDR_UNREACH, q6_small, l6s, &r6, &a6),
	   "ICMPv6 address unreachable (quotes SCTP)");
	M6(sct_icmp6_emit_unreach(&w, SCT_ICMP6_PORT_UNREACH, q6_udp, l6u, &r6, &a6),
	   "ICMPv6 port unreachable (quotes UDP-encapsulated SCTP)");
	M6(sct_icmp6_emit_packet_too_big(&w, 1280, q6_big, l6b, &r6, &a6),
	   "ICMPv6 packet too big (quotes 1500-byte SCTP, cut)");
	M6(sct_icmp6_emit_time_exceeded(&w, 0, q6_small, l6s, &r6, &a6),
	   "ICMPv6 time exceeded (hop limit)");
	M6(sct_icmp6_emit_time_exceeded(&w, 1, q6_small, l6s, &r6, &a6),
	   "ICMPv6 time exceeded (reassembly)");
	M6(sct_icmp6_emit_param_problem(&w, SCT_ICMP6_PARAM_HEADER, 4, q6_small, l6s, &r6, &a6),
	   "ICMPv6 parameter problem (header field)");
	M6(sct_icmp6_emit_param_problem(&w, SCT_ICMP6_PARAM_NEXTHDR, 6, q6_small, l6s, &r6, &a6),
	   "ICMPv6 parameter problem (next header)");
#undef M4
#undef M6
}

/* ------------------------------------------------------------------ main */

int main(int argc, char **argv)
{
	FILE *f;
	size_t i;

	if (argc != 2) {
		fprintf(stderr, "usage: %s OUT.pcap\n", argv[0]);
		return 2;
	}
	f = fopen(argv[1], "wb");
	if (!f) {
		perror(argv[1]);
		return 1;
	}
	CK(sct_pcapw_open(&pcap, f));
	for (i = 0; i < sizeof(random32); i++)
		random32[i] = (uint8_t)(i * 37 + 11);
	for (i = 0; i < sizeof(cookie); i++)
		cookie[i] = (uint8_t)(0xc0 + i);
	memset(hmac_sha1, 0xa5, sizeof(hmac_sha1));
	memset(hmac_sha256, 0x5a, sizeof(hmac_sha256));
	init_addrs();
	n_causes = build_causes(causes);

	emit_data();
	emit_init();
	emit_control();
	emit_abort_error();
	emit_asconf();
	emit_reconfig();
	emit_bundles();
	emit_udp();
	emit_fragments();
	emit_icmp();

	CK(sct_pcapw_flush(&pcap));
	if (fclose(f) != 0) {
		perror(argv[1]);
		return 1;
	}
	for (i = 0; i < n_kinds; i++)
		printf("%4u  %s\n", kinds[i].n, kinds[i].name);
	/* Machine-readable totals for emit-all-tshark.sh. */
	printf("expect frames %u\n", n_frames);
	printf("expect sctp %u\n", n_sctp);
	printf("expect icmp %u\n", n_icmp);
	printf("expect icmpv6 %u\n", n_icmp6);
	printf("expect other %u\n", n_frag); /* first fragments: no SCTP until reassembled */
	return 0;
}
