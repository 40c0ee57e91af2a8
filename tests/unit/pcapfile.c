/* SPDX-License-Identifier: MIT */
/* pcapfile.c: a tiny classic-pcap reader and writer for tests (see pcapfile.h). */
#include "pcapfile.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "common/cursor.h"

/*
 * File header (draft-ietf-opsawg-pcap section 4), 24 bytes, in the writer's byte order:
 *   magic (4) | major (2) | minor (2) | reserved1 (4) | reserved2 (4) | snaplen (4) | linktype (4)
 * Record header (section 5), 16 bytes:
 *   seconds (4) | microseconds or nanoseconds (4) | captured length (4) | original length (4)
 */
#define PCAP_MAGIC_USEC 0xa1b2c3d4u
#define PCAP_MAGIC_NSEC 0xa1b23c4du
#define PCAP_FILE_HDR	24
#define PCAP_REC_HDR	16
#define PCAP_MAX_FILE	(16u << 20)

#define ETHERTYPE_IPV4 0x0800
#define ETHERTYPE_IPV6 0x86dd
#define ETHERTYPE_VLAN 0x8100 /* IEEE 802.1Q */
#define ETHERTYPE_QINQ 0x88a8 /* IEEE 802.1ad */

/* 32 bits in the file's byte order: big-endian when the magic read big-endian. */
static uint32_t rd_u32(struct sct_rd *r, bool big)
{
	return big ? sct_rd_u32(r) : sct_rd_u32le(r);
}

static uint16_t rd_u16(struct sct_rd *r, bool big)
{
	uint16_t v = sct_rd_u16(r);

	return big ? v : (uint16_t)((v >> 8) | (v << 8));
}

int sct_pcap_open_mem(struct sct_pcap *p, const void *buf, size_t len)
{
	struct sct_rd r = sct_rd_init(buf, len);
	uint32_t magic;
	bool big;

	memset(p, 0, sizeof(*p));
	magic = sct_rd_u32(&r);
	if (magic == PCAP_MAGIC_USEC || magic == PCAP_MAGIC_NSEC) {
		big = true;
	} else {
		r = sct_rd_init(buf, len);
		magic = sct_rd_u32le(&r);
		big = false;
		if (magic != PCAP_MAGIC_USEC && magic != PCAP_MAGIC_NSEC)
			return -EINVAL;
	}
	(void)rd_u16(&r, big); /* version 2.4; older ones only differ in what we ignore */
	(void)rd_u16(&r, big);
	sct_rd_skip(&r, 8);
	p->snaplen = rd_u32(&r, big);
	/* The upper bits of the link type field carry FCS and class flags (section 4). */
	p->linktype = rd_u32(&r, big) & 0x0fffffffu;
	if (r.err)
		return -EINVAL;
	switch (p->linktype) {
	case SCT_PCAP_LINK_ETHERNET:
	case SCT_PCAP_LINK_RAW:
	case SCT_PCAP_LINK_LINUX_SLL:
	case SCT_PCAP_LINK_LINUX_SLL2:
		break;
	default:
		return -EPROTONOSUPPORT;
	}
	p->buf = (uint8_t *)buf;
	p->len = len;
	p->off = PCAP_FILE_HDR;
	/* "swapped" is relative to this host, as libpcap says it. */
	p->swapped = big != (__BYTE_ORDER__ == __ORDER_BIG_ENDIAN__);
	p->nsec = magic == PCAP_MAGIC_NSEC;
	p->big = big;
	return 0;
}

int sct_pcap_open(struct sct_pcap *p, const char *path)
{
	FILE *f = fopen(path, "rb");
	uint8_t *buf = NULL;
	size_t len = 0;
	int ret;

	memset(p, 0, sizeof(*p));
	if (!f)
		return -errno;
	for (;;) {
		uint8_t *nb;
		size_t n;

		if (len >= PCAP_MAX_FILE) {
			ret = -EFBIG;
			goto fail;
		}
		nb = realloc(buf, len + 65536);
		if (!nb) {
			ret = -ENOMEM;
			goto fail;
		}
		buf = nb;
		n = fread(buf + len, 1, 65536, f);
		len += n;
		if (n < 65536)
			break;
	}
	if (ferror(f)) {
		ret = -EIO;
		goto fail;
	}
	fclose(f);
	ret = sct_pcap_open_mem(p, buf, len);
	if (ret < 0) {
		free(buf);
		return ret;
	}
	p->owned = true;
	return 0;
fail:
	fclose(f);
	free(buf);
	return ret;
}

/*
 * The link header in front of the IP packet, and what it says is behind it:
 * Ethernet (IEEE 802.3, with any 802.1Q/802.1ad tags), Linux cooked v1
 * (https://www.tcpdump.org/linktypes/LINKTYPE_LINUX_SLL.html: protocol at byte 14 of 16) and
 * v2 (LINKTYPE_LINUX_SLL2.html: protocol at byte 0 of 20). RAW has none.
 * Returns the header length, or -EBADMSG when the frame is shorter than its header.
 */
static int link_header(uint32_t linktype, struct sct_rd r, uint16_t *ethertype)
{
	uint16_t et;

	switch (linktype) {
	case SCT_PCAP_LINK_RAW:
		*ethertype = 0;
		return 0;
	case SCT_PCAP_LINK_LINUX_SLL:
		sct_rd_skip(&r, 14);
		*ethertype = sct_rd_u16(&r);
		return r.err ? -EBADMSG : 16;
	case SCT_PCAP_LINK_LINUX_SLL2:
		*ethertype = sct_rd_u16(&r);
		sct_rd_skip(&r, 18);
		return r.err ? -EBADMSG : 20;
	default: /* SCT_PCAP_LINK_ETHERNET */
		sct_rd_skip(&r, 12);
		et = sct_rd_u16(&r);
		while (et == ETHERTYPE_VLAN || et == ETHERTYPE_QINQ) {
			sct_rd_skip(&r, 2);
			et = sct_rd_u16(&r);
		}
		*ethertype = et;
		return r.err ? -EBADMSG : (int)r.off;
	}
}

/* Whether the frame carries IP: by its link header's protocol, or, for RAW, by assumption. */
static bool carries_ip(uint32_t linktype, uint16_t ethertype)
{
	return linktype == SCT_PCAP_LINK_RAW || ethertype == ETHERTYPE_IPV4 ||
	       ethertype == ETHERTYPE_IPV6;
}

/* The next record of any kind from offset *off; 1, 0 at the end, or an error. */
static int next_record(const struct sct_pcap *p, size_t *off, struct sct_pcap_pkt *pkt, bool *is_ip)
{
	struct sct_rd r;
	uint32_t sec, frac, incl, orig;
	const uint8_t *frame;
	uint16_t ethertype;
	int hl;

	if (*off >= p->len)
		return 0;
	r = sct_rd_init(p->buf + *off, p->len - *off);
	sec = rd_u32(&r, p->big);
	frac = rd_u32(&r, p->big);
	incl = rd_u32(&r, p->big);
	orig = rd_u32(&r, p->big);
	if (r.err)
		return -EBADMSG;
	if (incl > SCT_PCAP_MAX_RECORD || incl > orig)
		return -EMSGSIZE;
	frame = sct_rd_bytes(&r, incl);
	if (!frame)
		return -EBADMSG;
	hl = link_header(p->linktype, sct_rd_init(frame, incl), &ethertype);
	if (hl < 0)
		return hl;
	*off += r.off;
	*is_ip = carries_ip(p->linktype, ethertype);
	pkt->ip = frame + hl;
	pkt->len = incl - (size_t)hl;
	pkt->wire_len = orig - (size_t)hl;
	pkt->ts_ns = (uint64_t)sec * 1000000000u + (p->nsec ? frac : (uint64_t)frac * 1000u);
	return 1;
}

int sct_pcap_next(struct sct_pcap *p, struct sct_pcap_pkt *pkt)
{
	for (;;) {
		bool is_ip = false;
		int ret = next_record(p, &p->off, pkt, &is_ip);

		if (ret <= 0)
			return ret;
		pkt->frame = ++p->frames;
		if (is_ip)
			return 1;
		p->skipped++;
	}
}

int sct_pcap_count(const struct sct_pcap *p)
{
	struct sct_pcap_pkt pkt;
	size_t off = p->off;
	int n = 0;

	for (;;) {
		bool is_ip = false;
		int ret = next_record(p, &off, &pkt, &is_ip);

		if (ret <= 0)
			return ret < 0 ? ret : n;
		n += is_ip;
	}
}

void sct_pcap_close(struct sct_pcap *p)
{
	if (p->owned)
		free(p->buf);
	memset(p, 0, sizeof(*p));
}

static void put(struct sct_pcapw *w, const void *b, size_t n)
{
	if (!w->err && n && fwrite(b, 1, n, w->f) != n)
		w->err = true;
}

int sct_pcapw_open(struct sct_pcapw *w, FILE *f)
{
	uint8_t hdr[PCAP_FILE_HDR];
	struct sct_wr o = sct_wr_init(hdr, sizeof(hdr));

	w->f = f;
	w->err = false;
	sct_wr_u32(&o, PCAP_MAGIC_NSEC);
	sct_wr_u16(&o, 2);
	sct_wr_u16(&o, 4);
	sct_wr_u32(&o, 0);
	sct_wr_u32(&o, 0);
	sct_wr_u32(&o, SCT_PCAP_MAX_RECORD);
	sct_wr_u32(&o, SCT_PCAP_LINK_RAW);
	put(w, hdr, o.off);
	return w->err ? -EIO : 0;
}

int sct_pcapw_add(struct sct_pcapw *w, const void *ip, size_t len, uint64_t ts_ns)
{
	uint8_t hdr[PCAP_REC_HDR];
	struct sct_wr o = sct_wr_init(hdr, sizeof(hdr));

	if (len > SCT_PCAP_MAX_RECORD)
		return -EMSGSIZE;
	sct_wr_u32(&o, (uint32_t)(ts_ns / 1000000000u));
	sct_wr_u32(&o, (uint32_t)(ts_ns % 1000000000u));
	sct_wr_u32(&o, (uint32_t)len);
	sct_wr_u32(&o, (uint32_t)len);
	put(w, hdr, o.off);
	put(w, ip, len);
	return w->err ? -EIO : 0;
}

int sct_pcapw_flush(struct sct_pcapw *w)
{
	if (!w->err && fflush(w->f) != 0)
		w->err = true;
	return w->err ? -EIO : 0;
}

#ifndef SCT_TOP_SRCDIR
#define SCT_TOP_SRCDIR "."
#endif

int sct_vector_path(char *buf, size_t cap, const char *name)
{
	const char *top = getenv("top_srcdir");
	int n;

	if (!top || !*top)
		top = SCT_TOP_SRCDIR;
	n = snprintf(buf, cap, "%s/tests/vectors/%s", top, name);
	if (n < 0 || (size_t)n >= cap)
		return -ENAMETOOLONG;
	return 0;
}

int sct_pcap_open_vector(struct sct_pcap *p, const char *name)
{
	char path[4096];
	int ret = sct_vector_path(path, sizeof(path), name);

	if (ret < 0) {
		memset(p, 0, sizeof(*p));
		return ret;
	}
	return sct_pcap_open(p, path);
}
