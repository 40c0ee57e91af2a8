/* SPDX-License-Identifier: MIT */
/* pcap.c: the --pcap FILE writer (classic pcap, LINKTYPE_RAW, nanosecond resolution). */
#include "config.h"

#include "daemon/pcap.h"

#include <errno.h>
#include <string.h>

#include "common/cursor.h"
#include "common/log.h"
#include "wire/ipv4.h"
#include "wire/ipv6.h"
#include "wire/udp.h"
#include "daemon/seccomp.h"

/*
 * seccomp.c's allow-list, once the loop runs: writing records; SIGHUP reopens the file and reads
 * its header.
 */
SECCOMP_CALLS(pcap, SC(write), SC(openat), SC(read), SC(lseek), SC(fstat), SC(newfstatat),
	      SC(close));

/*
 * Theory of operation
 *
 * The format is the classic libpcap file (draft-ietf-opsawg-pcap): a 24-byte
 * file header, then per packet a 16-byte record header and the bytes.  We
 * write it big-endian through the cursor (readers detect the byte order from
 * the magic number) with the nanosecond magic 0xa1b23c4d, and link type RAW
 * (101), so a record is exactly the IP packet sctund read from or wrote to
 * the TUN.  Stamps are not read per packet: the loop reads the wall clock once
 * per turn for pcap_sync(), and a record is stamped with the loop's `now`
 * plus that offset: the time the packet was processed with.  The stream is buffered and flushed
 * once per turn; a failed write (disk full) stops recording with one log line instead of hurting
 * the daemon; SIGHUP's pcap_reopen() starts it again.
 */

/*
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |                          Magic Number                         |
 *  |          Major Version        |         Minor Version         |
 *  |                           Reserved1                           |
 *  |                           Reserved2                           |
 *  |                            SnapLen                            |
 *  | FCS |f|0 0 0 0 0 0 0 0 0 0 0 0|         LinkType              |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *                 draft-ietf-opsawg-pcap 4: File Header
 */
static void file_header(uint8_t out[PCAP_FILE_HDR_LEN])
{
	struct sct_wr w = sct_wr_init(out, PCAP_FILE_HDR_LEN);

	sct_wr_u32(&w, PCAP_MAGIC_NSEC);
	sct_wr_u16(&w, 2); /* version 2.4 */
	sct_wr_u16(&w, 4);
	sct_wr_u32(&w, 0);
	sct_wr_u32(&w, 0);
	sct_wr_u32(&w, PCAP_SNAPLEN);
	sct_wr_u32(&w, PCAP_LINKTYPE_RAW);
}

static int write_header(struct pcap *p)
{
	uint8_t hdr[PCAP_FILE_HDR_LEN];

	file_header(hdr);
	if (fwrite(hdr, sizeof(hdr), 1, p->f) != 1 || fflush(p->f))
		return -EIO;
	return 0;
}

int pcap_open(struct pcap *p, const char *path)
{
	int ret;

	p->path = path;
	p->err = false;
	p->records = 0;
	p->f = fopen(path, "we");
	if (!p->f)
		return -errno;
	ret = write_header(p);
	if (ret) {
		fclose(p->f);
		p->f = NULL;
	}
	return ret;
}

int pcap_reopen(struct pcap *p)
{
	uint8_t want[PCAP_FILE_HDR_LEN], got[PCAP_FILE_HDR_LEN];
	size_t n;
	int ret = 0;

	if (!p->path)
		return 0;
	pcap_close(p);
	p->err = false;
	p->f = fopen(p->path, "a+e");
	if (!p->f)
		return -errno;
	/* "a+": reads start at the beginning, writes always append. */
	file_header(want);
	n = fread(got, 1, sizeof(got), p->f);
	if (n == 0)
		ret = write_header(p);
	else if (n != sizeof(got) || memcmp(got, want, sizeof(got)))
		ret = -EPROTO;
	if (ret) {
		fclose(p->f);
		p->f = NULL;
	}
	return ret;
}

void pcap_sync(struct pcap *p, uint64_t now, uint64_t wall_ns)
{
	p->wall_off = (int64_t)(wall_ns - now);
}

static int write_failed(struct pcap *p)
{
	if (!p->err)
		sct_log(SCT_LOG_ERR, "pcap: writing %s failed: recording stopped until SIGHUP",
			p->path);
	p->err = true;
	return -EIO;
}

/*
 *  |                      Timestamp (Seconds)                      |
 *  |            Timestamp (Microseconds or nanoseconds)            |
 *  |                    Captured Packet Length                     |
 *  |                    Original Packet Length                     |
 *                 draft-ietf-opsawg-pcap 5: Packet Record
 */
int pcap_record(struct pcap *p, uint64_t now, const void *pkt, size_t len)
{
	uint64_t ts = now + (uint64_t)p->wall_off;
	uint8_t hdr[PCAP_REC_HDR_LEN];
	struct sct_wr w = sct_wr_init(hdr, sizeof(hdr));
	size_t caplen = len > PCAP_SNAPLEN ? PCAP_SNAPLEN : len;

	if (!p->f || p->err)
		return p->f ? -EIO : 0;
	sct_wr_u32(&w, (uint32_t)(ts / 1000000000u));
	sct_wr_u32(&w, (uint32_t)(ts % 1000000000u));
	sct_wr_u32(&w, (uint32_t)caplen);
	sct_wr_u32(&w, (uint32_t)len);
	if (fwrite(hdr, sizeof(hdr), 1, p->f) != 1 || (caplen && fwrite(pkt, caplen, 1, p->f) != 1))
		return write_failed(p);
	p->records++;
	return 0;
}

int pcap_wrap_udp(uint8_t *buf, size_t cap, const struct sct_addr *src, const struct sct_addr *dst,
		  uint16_t sport, uint16_t dport, const uint8_t *payload, size_t len)
{
	struct sct_wr w = sct_wr_init(buf, cap);
	size_t udp_len = SCT_UDP_HDR_LEN + len;
	int ret;

	if (src->af != dst->af || src->af == SCT_AF_NONE)
		return -EINVAL;
	if (src->af == SCT_AF_INET4) {
		struct sct_ip4 h = {.ttl = 64, .proto = SCT_IPPROTO_UDP, .df = true};

		h.src = *src;
		h.dst = *dst;
		if (udp_len + SCT_IP4_HDR_MIN > SCT_IP4_MAX_LEN)
			return -EMSGSIZE;
		ret = sct_ip4_emit(&w, &h, udp_len);
	} else {
		struct sct_ip6 h = {.hlim = 64, .proto = SCT_IPPROTO_UDP};

		h.src = *src;
		h.dst = *dst;
		if (udp_len > 65535)
			return -EMSGSIZE;
		ret = sct_ip6_emit(&w, &h, udp_len);
	}
	if (!ret)
		ret = sct_udp_emit(&w, sport, dport, payload, len, src, dst);
	if (ret)
		return -EMSGSIZE; /* SCT_WE_NOSPACE: the families and sizes were checked */
	return (int)w.off;
}

int pcap_flush(struct pcap *p)
{
	if (!p->f)
		return 0;
	if (p->err)
		return -EIO;
	if (fflush(p->f))
		return write_failed(p);
	return 0;
}

void pcap_close(struct pcap *p)
{
	if (!p->f)
		return;
	pcap_flush(p);
	fclose(p->f);
	p->f = NULL;
}
