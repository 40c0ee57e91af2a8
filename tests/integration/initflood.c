/* SPDX-License-Identifier: MIT */
/* initflood.c: send many SCTP INITs (random ports and tags) at an address, for the INIT flood test.
 */

/*
 * Theory of operation
 *
 * An INIT costs its sender one packet and, by RFC 9260 5.1.3, should cost the
 * receiver nothing it keeps: the answer is an INIT ACK whose State Cookie
 * carries everything, and no TCB exists before a valid COOKIE ECHO.  This tool
 * checks that against sctund from the peer's namespace: COUNT INITs from the
 * raw socket's own address (so every packet stays inside the test's
 * namespaces), each with a random source port, Initiate Tag and initial TSN,
 * in batches of sendmmsg(), at most RATE a second.  The answers are not read:
 * the raw socket only keeps the kernel from sending protocol-unreachable for
 * them, and drops them once its small receive buffer is full.
 *
 * Usage: initflood ADDR PORT COUNT [RATE]   (RATE 0 or absent: as fast as it
 * can).  Prints the number sent and the time it took; exit status 1 on error.
 */
#define _GNU_SOURCE /* sendmmsg() */
#include <arpa/inet.h>
#include <errno.h>
#include <inttypes.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/types.h>
#include <time.h>
#include <unistd.h>

#include "common/crc32c.h"

#define BATCH	 64
#define INIT_LEN (12 + 20) /* common header + INIT without parameters (RFC 9260 3.3.2) */

static uint64_t now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

/* xorshift64: fast, and good enough for ports and tags nobody must guess */
static uint64_t rnd(uint64_t *s)
{
	*s ^= *s << 13;
	*s ^= *s >> 7;
	*s ^= *s << 17;
	return *s;
}

static void put16(uint8_t *p, uint16_t v)
{
	p[0] = (uint8_t)(v >> 8);
	p[1] = (uint8_t)v;
}

static void put32(uint8_t *p, uint32_t v)
{
	put16(p, (uint16_t)(v >> 16));
	put16(p + 2, (uint16_t)v);
}

static void build_init(uint8_t *p, uint16_t dport, uint64_t *seed)
{
	uint64_t r = rnd(seed);
	uint32_t tag = (uint32_t)r | 1, crc;

	memset(p, 0, INIT_LEN);
	put16(p, (uint16_t)(1024 + (r >> 32) % 64000)); /* source port */
	put16(p + 2, dport);
	/* verification tag 0 (8.5.1 A), checksum below */
	p[12] = 1; /* INIT */
	put16(p + 14, 20);
	put32(p + 16, tag);		    /* Initiate Tag */
	put32(p + 20, 65536);		    /* a_rwnd */
	put16(p + 24, 10);		    /* OS */
	put16(p + 26, 10);		    /* MIS */
	put32(p + 28, (uint32_t)rnd(seed)); /* initial TSN */
	crc = sct_crc32c(0, p, INIT_LEN);
	memcpy(p + 8, &crc, 4); /* CRC32c goes out in little-endian order (appendix B) */
}

int main(int argc, char **argv)
{
	static uint8_t pkts[BATCH][INIT_LEN];
	struct mmsghdr msgs[BATCH];
	struct iovec iov[BATCH];
	struct sockaddr_storage dst;
	socklen_t dlen;
	uint64_t count, rate, sent = 0, seed, t0;
	int fd, fam, rcv = 4096, i;

	if (argc < 4) {
		fprintf(stderr, "usage: initflood ADDR PORT COUNT [RATE]\n");
		return 2;
	}
	memset(&dst, 0, sizeof(dst));
	if (inet_pton(AF_INET, argv[1], &((struct sockaddr_in *)&dst)->sin_addr) == 1) {
		fam = AF_INET;
		dlen = sizeof(struct sockaddr_in);
	} else if (inet_pton(AF_INET6, argv[1], &((struct sockaddr_in6 *)&dst)->sin6_addr) == 1) {
		fam = AF_INET6;
		dlen = sizeof(struct sockaddr_in6);
	} else {
		fprintf(stderr, "initflood: bad address %s\n", argv[1]);
		return 2;
	}
	dst.ss_family = (sa_family_t)fam;
	count = strtoull(argv[3], NULL, 10);
	rate = argc > 4 ? strtoull(argv[4], NULL, 10) : 0;
	fd = socket(fam, SOCK_RAW, IPPROTO_SCTP);
	if (fd < 0) {
		perror("initflood: raw socket");
		return 1;
	}
	setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &rcv, sizeof(rcv));
	seed = now_ns() ^ ((uint64_t)getpid() << 32);
	memset(msgs, 0, sizeof(msgs));
	for (i = 0; i < BATCH; i++) {
		iov[i].iov_base = pkts[i];
		iov[i].iov_len = INIT_LEN;
		msgs[i].msg_hdr.msg_iov = &iov[i];
		msgs[i].msg_hdr.msg_iovlen = 1;
		msgs[i].msg_hdr.msg_name = &dst;
		msgs[i].msg_hdr.msg_namelen = dlen;
	}
	t0 = now_ns();
	while (sent < count) {
		int n = (int)(count - sent < BATCH ? count - sent : BATCH), k;

		for (i = 0; i < n; i++)
			build_init(pkts[i], (uint16_t)atoi(argv[2]), &seed);
		k = sendmmsg(fd, msgs, (unsigned)n, 0);
		if (k < 0) {
			if (errno == ENOBUFS || errno == EAGAIN || errno == EINTR) {
				usleep(100);
				continue;
			}
			perror("initflood: sendmmsg");
			return 1;
		}
		sent += (uint64_t)k;
		/* keep to RATE: sleep while ahead of schedule */
		while (rate && sent * 1000000000u / rate > now_ns() - t0)
			usleep(200);
	}
	printf("sent %" PRIu64 " INITs in %.2f s\n", sent, (double)(now_ns() - t0) / 1e9);
	close(fd);
	return 0;
}
