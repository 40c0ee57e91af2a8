/* SPDX-License-Identifier: MIT */
/* reasm.h: IPv4 and IPv6 fragment reassembly, sans-I/O and bounded. */
#ifndef SCT_IP_REASM_H
#define SCT_IP_REASM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "common/addr.h"
#include "common/time.h"

/*
 * The caller parses the IP header (and for IPv6 the extension headers up to
 * the Fragment header), then hands the fragment over as a struct sct_frag.
 * Time is an argument; the module never reads a clock.  Everything it holds is
 * bounded by struct sct_reasm_limits.  See reasm.c for the theory of operation.
 */

/* Defaults, after Linux's net.ipv4.ipfrag_high_thresh and ipfrag_time. */
#define SCT_REASM_MEM_MAX_DEFAULT	(4u * 1024 * 1024) /* bytes held for all datagrams */
#define SCT_REASM_DATAGRAMS_MAX_DEFAULT 2048u		   /* datagrams pending at once */
#define SCT_REASM_FRAGS_MAX_DEFAULT	64u		   /* fragments held per datagram */
#define SCT_REASM_TIMEOUT_V4_DEFAULT                                                               \
	(30 * SCT_NSEC_PER_SEC)				     /* RFC 791 suggests 15 s; Linux 30 s  \
							      */
#define SCT_REASM_TIMEOUT_V6_DEFAULT (60 * SCT_NSEC_PER_SEC) /* RFC 8200 4.5: 60 s */

/*
 * Bytes kept from the offset-zero fragment (its headers, then its data) for
 * the ICMP Time Exceeded quote.  It covers the longest IPv4 header plus the 64
 * bits of data RFC 792 asks for (60 + 8), and an IPv6 header, Fragment header
 * and the start of the upper-layer header; RFC 4443 lets a quote be shorter
 * than the invoking packet.
 */
#define SCT_REASM_QUOTE_MAX 128

/**
 * struct sct_reasm_limits - every bound of a reassembler, fixed at creation.
 * @mem_max:       bytes for all pending datagrams: fragment data plus the
 *                 per-fragment and per-datagram bookkeeping (sizeof of the
 *                 internal structs).  The hash table (sized from
 *                 @datagrams_max) and one output buffer of at most 65535
 *                 bytes are outside it.  Default SCT_REASM_MEM_MAX_DEFAULT.
 * @datagrams_max: datagrams pending at once, including discarded ones kept
 *                 until their timeout to drop their late fragments.
 * @frags_max:     fragments held for one datagram.
 * @timeout_v4:    ns from the first-arriving fragment until an IPv4 datagram
 *                 is abandoned.
 * @timeout_v6:    the same for IPv6.
 * @hash_seed:     secret seed of the lookup hash; give it a random value so
 *                 that a flood cannot aim all its datagrams at one bucket.
 */
struct sct_reasm_limits {
	size_t mem_max;
	uint32_t datagrams_max;
	uint32_t frags_max;
	sct_time_t timeout_v4;
	sct_time_t timeout_v6;
	uint32_t hash_seed;
};

/**
 * struct sct_frag - one received fragment, as described by the IP layer.
 * @af:     SCT_AF_INET4 or SCT_AF_INET6.
 * @src:    source address.
 * @dst:    destination address.
 * @id:     Identification (16 bits for IPv4, 32 for IPv6).
 * @proto:  IPv4 Protocol; IPv6 Next Header of the Fragment header (only the
 *          offset-zero fragment's value is used, RFC 8200 4.5).
 * @offset: Fragment Offset in bytes (the field times 8).
 * @more:   the MF (IPv4) / M (IPv6) flag.
 * @data:   the fragment: the IPv4 payload, or the IPv6 bytes after the
 *          Fragment header.
 * @len:    length of @data.
 * @hdr:    optional (NULL): the headers of this fragment packet as received,
 *          the IPv4 header with options, or for IPv6 the fixed header, the
 *          per-fragment extension headers and the Fragment header.  Used to
 *          quote the offset-zero fragment in a Time Exceeded message and to
 *          size the reassembled packet (IPv4 header; IPv6 per-fragment
 *          headers) against the 65535 limit.
 * @hdr_len: length of @hdr.
 */
struct sct_frag {
	uint8_t af;
	struct sct_addr src;
	struct sct_addr dst;
	uint32_t id;
	uint8_t proto;
	uint32_t offset;
	bool more;
	const uint8_t *data;
	size_t len;
	const uint8_t *hdr;
	size_t hdr_len;
};

/**
 * struct sct_reasm_out - a reassembled datagram.
 * @af, @src, @dst, @id: its key.
 * @proto:  IPv4 Protocol / IPv6 Next Header of the offset-zero fragment.
 * @atomic: it was an atomic fragment (RFC 6946), not queued.
 * @data:   the whole Fragmentable Part (IPv4 payload / IPv6 bytes after the
 *          Fragment header).  Owned by the module and valid until the next
 *          call to sct_reasm_input() or sct_reasm_destroy(); for an atomic
 *          fragment it points into the caller's own fragment data.
 * @len:    its length: the end of the last fragment.
 */
struct sct_reasm_out {
	uint8_t af;
	struct sct_addr src;
	struct sct_addr dst;
	uint32_t id;
	uint8_t proto;
	bool atomic;
	const uint8_t *data;
	size_t len;
};

/**
 * struct sct_reasm_expired - a datagram abandoned at its timeout whose first
 * fragment (offset zero) had arrived, so that the caller may send an ICMP Time
 * Exceeded, code 1 "fragment reassembly time exceeded" (RFC 792, RFC 4443 3.3,
 * RFC 8200 4.5) to @src.
 * @quote:     the first fragment's @hdr followed by its data, cut at
 *             SCT_REASM_QUOTE_MAX bytes.  IPv4 should quote @hdr_len + 8
 *             bytes of it (RFC 792); IPv6 may quote all of it.
 * @quote_len: bytes in @quote.
 * @hdr_len:   how many of them were the fragment's headers (the struct
 *             sct_frag hdr_len, perhaps more than @quote_len).
 */
struct sct_reasm_expired {
	uint8_t af;
	struct sct_addr src;
	struct sct_addr dst;
	uint32_t id;
	uint8_t proto;
	uint16_t quote_len;
	uint16_t hdr_len;
	uint8_t quote[SCT_REASM_QUOTE_MAX];
};

/**
 * struct sct_reasm_stats - counters, named after the IP-MIB (RFC 4293) and
 * Linux's /proc/net/snmp and netstat.
 * @reqds:        ReasmReqds: fragments received (atomic ones included).
 * @oks:          ReasmOKs: datagrams reassembled (atomic ones included).
 * @fails:        ReasmFails: datagrams abandoned (timeout, overlap, too big,
 *                inconsistent, limit) plus single fragments refused (bad
 *                length, empty, limit, late fragment of a discarded datagram).
 * @timeouts:     ReasmTimeout: datagrams abandoned at their timeout.
 * @overlaps:     ReasmOverlaps: datagrams discarded for an overlap (RFC 5722).
 * @duplicates:   exact duplicate fragments dropped (RFC 8200 4.5).
 * @atomic:       atomic fragments passed through (RFC 6946).
 * @too_big:      datagrams discarded for exceeding 65535 bytes.
 * @inconsistent: datagrams discarded for a contradictory end.
 * @bad_len:      fragments refused: non-final length not a multiple of 8.
 * @empty:        fragments refused: no data.
 * @limit:        fragments refused (or datagrams discarded) at a limit.
 * @discarded:    late fragments of a discarded datagram silently dropped.
 */
struct sct_reasm_stats {
	uint64_t reqds;
	uint64_t oks;
	uint64_t fails;
	uint64_t timeouts;
	uint64_t overlaps;
	uint64_t duplicates;
	uint64_t atomic;
	uint64_t too_big;
	uint64_t inconsistent;
	uint64_t bad_len;
	uint64_t empty;
	uint64_t limit;
	uint64_t discarded;
};

struct sct_reasm;

/** sct_reasm_limits_default() - fill @l with the SCT_REASM_*_DEFAULT values, seed 0. */
void sct_reasm_limits_default(struct sct_reasm_limits *l);

/**
 * sct_reasm_create() - a new, empty reassembler bounded by @l (copied).
 * @rp: receives the reassembler.
 * @l:  its limits.
 *
 * Return: 0; -EINVAL when a limit is zero; -ENOMEM.
 */
int sct_reasm_create(struct sct_reasm **rp, const struct sct_reasm_limits *l);

/** sct_reasm_destroy() - free @r and every datagram it holds (NULL is fine). */
void sct_reasm_destroy(struct sct_reasm *r);

/**
 * sct_reasm_input() - queue one fragment; maybe complete its datagram.
 * @r:   the reassembler.
 * @f:   the fragment; its data is copied, the caller keeps ownership.
 * @now: the current time.
 * @out: filled when 1 is returned.
 *
 * An atomic fragment (offset 0, more clear; RFC 6946, RFC 8200 4.5) comes back
 * complete at once and never touches a pending datagram with the same key.
 * When a datagram is discarded (overlap, too big, inconsistent, fragment
 * limit, memory), its later fragments are dropped with -SCT_WE_FRAG_DISCARDED
 * until its timeout, as RFC 5722 section 4 asks for overlaps.
 *
 * Return: 1 complete (see @out); 0 held, or an exact duplicate dropped;
 * SCT_WE_FRAG_BAD_LEN (non-final length not a multiple of 8, fragment dropped);
 * SCT_WE_FRAG_EMPTY (no data, fragment dropped);
 * SCT_WE_FRAG_OVERLAP (datagram discarded);
 * SCT_WE_FRAG_TOO_BIG (over 65535 bytes: datagram discarded);
 * SCT_WE_FRAG_INCONSISTENT (a second, different end, or data past the end:
 * datagram discarded);
 * SCT_WE_FRAG_LIMIT (a new datagram over the datagram or memory limit: fragment
 * dropped; a datagram's fragment limit or memory reached: datagram discarded);
 * SCT_WE_FRAG_DISCARDED (late fragment of a discarded datagram);
 * -EINVAL (@f->af unknown or @f->offset not a multiple of 8: a caller bug);
 * -ENOMEM (malloc failed: the fragment, or the datagram it completed, dropped).
 */
int sct_reasm_input(struct sct_reasm *r, const struct sct_frag *f, sct_time_t now,
		    struct sct_reasm_out *out);

/**
 * sct_reasm_expire() - abandon the datagrams whose timeout has come.
 * @r:   the reassembler.
 * @now: the current time.
 * @exp: array for the datagrams to report, or NULL to report none.
 * @n:   its length (0 reports none, like NULL).
 *
 * Datagrams whose offset-zero fragment had arrived are reported in @exp (RFC
 * 792, RFC 8200 4.5); the others, and discarded datagrams, go silently (no
 * ICMP after an overlap, RFC 8200 4.5).  It stops when @exp is full, leaving
 * the rest for the next call: call again while it returns @n.
 *
 * Return: the number of entries written to @exp (0 to @n).
 */
size_t sct_reasm_expire(struct sct_reasm *r, sct_time_t now, struct sct_reasm_expired *exp,
			size_t n);

/**
 * sct_reasm_next_expiry() - when sct_reasm_expire() next has work.
 * Return: that time, or SCT_TIME_NEVER when nothing is pending.
 */
sct_time_t sct_reasm_next_expiry(const struct sct_reasm *r);

/** sct_reasm_stats() - the counters since creation. */
const struct sct_reasm_stats *sct_reasm_stats(const struct sct_reasm *r);

/** sct_reasm_mem() - bytes currently charged against the memory limit. */
size_t sct_reasm_mem(const struct sct_reasm *r);

/** sct_reasm_pending() - datagrams currently held (discarded ones included). */
size_t sct_reasm_pending(const struct sct_reasm *r);

/**
 * sct_reasm_check() - walk every structure and recompute what @r believes
 * (memory, counts, hash chains, timer order, fragment order); for tests and
 * fuzzing.
 * Return: 0 when consistent, -EFAULT at the first disagreement.
 */
int sct_reasm_check(const struct sct_reasm *r);

#endif /* SCT_IP_REASM_H */
