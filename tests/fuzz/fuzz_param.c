/* SPDX-License-Identifier: MIT */
/* fuzz_param.c: fuzz the parameter and error-cause codecs with a parameter/cause area. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "wire/cause.h"
#include "wire/param.h"
#include "wire/wire_err.h"

/*
 * The input is one area.  It goes through the INIT and INIT ACK walkers, the
 * ASCONF and RE-CONFIG walkers, then the iterator: every parameter that
 * parses is emitted, re-parsed and compared (abort() on any difference), and
 * the emitted bytes must equal the input TLV except for padding content.
 * Then the same bytes are walked as an error-cause area in the same way.
 */

static uint8_t out[65536 + 8];
static char line[512];

static void check_param(const struct sct_tlv *t)
{
	struct sct_wr w = sct_wr_init(out, sizeof(out));
	struct sct_tlv_iter it;
	struct sct_param p, q;
	struct sct_tlv u;

	if (sct_param_parse(t, &p))
		return;
	sct_param_fmt(&p, line, sizeof(line));
	if (sct_param_emit(&w, &p) != 0)
		abort();
	/* Same header and value: only reserved fields and padding may differ. */
	if (w.off != sct_pad4(t->len) || sct_get_u16(out + 2) != t->len)
		abort();
	sct_tlv_iter_init(&it, out, w.off);
	if (sct_param_next(&it, &u) != 1 || sct_param_parse(&u, &q) != 0)
		abort();
	if (!sct_param_eq(&p, &q))
		abort();
}

static void check_cause(const struct sct_tlv *t)
{
	struct sct_wr w = sct_wr_init(out, sizeof(out));
	struct sct_tlv_iter it;
	struct sct_cause c, d;
	struct sct_tlv u;

	if (sct_cause_parse(t, &c))
		return;
	sct_cause_fmt(&c, line, sizeof(line));
	if (sct_cause_emit(&w, &c) != 0)
		abort();
	if (w.off != sct_pad4(t->len) || sct_get_u16(out + 2) != t->len)
		abort();
	sct_tlv_iter_init(&it, out, w.off);
	if (sct_cause_next(&it, &u) != 1 || sct_cause_parse(&u, &d) != 0)
		abort();
	if (!sct_cause_eq(&c, &d))
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct sct_init_params ip;
	struct sct_asconf_params ap;
	struct sct_reconf_params rp;
	struct sct_tlv_iter it;
	struct sct_tlv t;
	size_t i, n_ok = 0;
	int rc, rc_init;

	if (size > 65535)
		return 0;
	rc_init = sct_init_params_parse(data, size, false, &ip);
	if (rc_init == 0) {
		if (ip.n_addrs > SCT_INIT_MAX_ADDRS || ip.n_report > SCT_INIT_MAX_REPORT)
			abort();
		for (i = 0; i < ip.n_report; i++)
			if (ip.report[i].p < data ||
			    ip.report[i].p + ip.report[i].len > data + size)
				abort();
	}
	rc = sct_init_params_parse(data, size, true, &ip);
	if (rc == 0 && (!ip.has_state_cookie || ip.state_cookie.len == 0))
		abort();
	(void)sct_asconf_params_parse(data, size, &ap);
	if (sct_reconf_params_parse(data, size, &rp) == 0 && (rp.n < 1 || rp.n > 2))
		abort();

	sct_tlv_iter_init(&it, data, size);
	while ((rc = sct_param_next(&it, &t)) > 0) {
		if (t.raw < data || t.val + t.val_len > data + size)
			abort();
		check_param(&t);
		n_ok++;
	}
	/* A framing error in the area must fail the INIT walker too. */
	if (rc < 0 && rc_init == 0)
		abort();

	sct_tlv_iter_init(&it, data, size);
	while ((rc = sct_cause_next(&it, &t)) > 0) {
		check_cause(&t);
		n_ok--;
	}
	/* Parameters and causes share their framing. */
	if (rc == 0 && n_ok != 0)
		abort();
	return 0;
}
