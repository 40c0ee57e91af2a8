/* SPDX-License-Identifier: MIT */
/* fuzz_sctp.c: libFuzzer target for the SCTP header, chunk iterator, chunk codecs and printer. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "wire/chunk.h"
#include "wire/print.h"
#include "wire/sctp.h"
#include "wire/wire_err.h"

/*
 * For every chunk that parses: emit it, and require (1) the emitted
 * bytes to equal the input chunk's except for the length field, within
 * the emitted length (parse kept every field; a sender that counted
 * padding or added ignored bytes may make the input longer), and (2) the
 * emitted chunk to re-parse into something that emits the same bytes
 * again (the codec is a fixed point).  abort() on any difference.
 */
static uint8_t buf1[65536 + 8], buf2[65536 + 8];

static void check_chunk(const struct sct_chunk *c)
{
	union sct_chunk_any a, b;
	struct sct_wr w1 = sct_wr_init(buf1, sizeof(buf1));
	struct sct_wr w2 = sct_wr_init(buf2, sizeof(buf2));
	struct sct_chunk c2;
	char line[512];
	int err;

	sct_chunk_print(line, sizeof(line), c);
	err = sct_chunk_parse_any(c, &a);
	if (err) {
		if (err > -1000 || !sct_wire_errname(err))
			abort();
		return;
	}
	if (sct_chunk_emit_any(&w1, c->type, &a))
		abort();
	if (w1.off % 4 || w1.off > sct_pad4(c->length) || w1.off < 4)
		abort();
	if (sct_chunk_read(buf1, w1.off, &c2) || c2.length > c->length)
		abort();
	/* the same bytes but the length (and a possible tail of padding-like bytes) */
	if (memcmp(buf1, c->hdr, 2) || memcmp(buf1 + 4, c->hdr + 4, c2.length - 4))
		abort();
	if (sct_chunk_parse_any(&c2, &b))
		abort();
	if (sct_chunk_emit_any(&w2, c2.type, &b) || w2.off != w1.off || memcmp(buf1, buf2, w1.off))
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static char text[8192];
	struct sct_sctp_hdr h;
	struct sct_chunk_iter it;
	struct sct_chunk c;
	int n = 0, err;

	(void)sct_sctp_crc_check(data, size); /* a bad CRC does not stop us */
	(void)sct_sctp_hdr_parse(data, size, &h);
	sct_chunk_iter_init(&it, data, size);
	while ((err = sct_chunk_next(&it, &c)) > 0) {
		if (c.offset + sct_pad4(c.length) > size)
			abort();
		check_chunk(&c);
		n++;
	}
	err = sct_sctp_packet_check(data, size);
	if (err > 0 && err != n)
		abort();
	sct_packet_print(text, sizeof(text), data, size);
	if (strlen(text) >= sizeof(text))
		abort();
	return 0;
}
