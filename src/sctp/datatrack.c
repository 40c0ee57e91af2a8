/* SPDX-License-Identifier: MIT */
/* datatrack.c: received-TSN bookkeeping for SACKs (RFC 9260 6.2, 3.3.4). */
#include "sctp/datatrack.h"

#include <stdlib.h>
#include <string.h>

#include "sctp/tsn.h"

void sct_dt_free(struct sct_datatrack *dt)
{
	free(dt->runs);
	dt->runs = NULL;
	dt->n_runs = dt->cap_runs = 0;
}

void sct_dt_init(struct sct_datatrack *dt, uint32_t peer_itsn, uint32_t max_span)
{
	memset(dt, 0, sizeof(*dt));
	dt->cum = peer_itsn - 1;
	dt->max_span = max_span ? max_span : 1u << 20;
}

static void add_dup(struct sct_datatrack *dt, uint32_t tsn)
{
	if (dt->n_dups < SCT_DT_MAX_DUPS)
		dt->dups[dt->n_dups++] = tsn;
	else
		dt->dups_dropped++;
}

/* The first run now touches cum: fold it in. */
static void absorb(struct sct_datatrack *dt)
{
	while (dt->n_runs && dt->runs[0].start == dt->cum + 1) {
		dt->cum = dt->runs[0].end;
		memmove(&dt->runs[0], &dt->runs[1], (dt->n_runs - 1) * sizeof(dt->runs[0]));
		dt->n_runs--;
	}
}

enum sct_dt_result sct_dt_rx(struct sct_datatrack *dt, uint32_t tsn)
{
	uint16_t i;

	if (sct_tsn_le(tsn, dt->cum)) {
		add_dup(dt, tsn);
		return SCT_DT_DUP;
	}
	if (tsn - dt->cum > dt->max_span)
		return SCT_DT_REFUSED;
	if (tsn == dt->cum + 1) {
		dt->cum = tsn;
		absorb(dt);
		return SCT_DT_NEW;
	}
	/* find the first run that ends at or after tsn - 1 */
	for (i = 0; i < dt->n_runs; i++) {
		struct sct_dt_run *r = &dt->runs[i];

		if (sct_tsn_ge(tsn, r->start) && sct_tsn_le(tsn, r->end)) {
			add_dup(dt, tsn);
			return SCT_DT_DUP;
		}
		if (tsn == r->end + 1) {
			r->end = tsn;
			/* it may now touch the next run */
			if (i + 1 < dt->n_runs && dt->runs[i + 1].start == tsn + 1) {
				r->end = dt->runs[i + 1].end;
				memmove(&dt->runs[i + 1], &dt->runs[i + 2],
					(dt->n_runs - i - 2) * sizeof(dt->runs[0]));
				dt->n_runs--;
			}
			return SCT_DT_NEW;
		}
		if (tsn + 1 == r->start) {
			r->start = tsn;
			return SCT_DT_NEW;
		}
		if (sct_tsn_lt(tsn, r->start))
			break; /* a new run goes before run i */
	}
	if (dt->n_runs == dt->cap_runs) {
		uint32_t cap = dt->cap_runs ? 2u * dt->cap_runs : 8u;
		struct sct_dt_run *nr;

		if (cap > SCT_DT_MAX_RUNS)
			cap = SCT_DT_MAX_RUNS;
		if (cap == dt->cap_runs)
			return SCT_DT_REFUSED;
		nr = realloc(dt->runs, cap * sizeof(*nr));
		if (!nr)
			return SCT_DT_REFUSED; /* as if full: the peer retransmits */
		dt->runs = nr;
		dt->cap_runs = (uint16_t)cap;
	}
	memmove(&dt->runs[i + 1], &dt->runs[i], (dt->n_runs - i) * sizeof(dt->runs[0]));
	dt->runs[i].start = dt->runs[i].end = tsn;
	dt->n_runs++;
	return SCT_DT_NEW;
}

uint32_t sct_dt_highest(const struct sct_datatrack *dt)
{
	return dt->n_runs ? dt->runs[dt->n_runs - 1].end : dt->cum;
}

void sct_dt_forward(struct sct_datatrack *dt, uint32_t new_cum)
{
	if (!sct_tsn_gt(new_cum, dt->cum))
		return;
	dt->cum = new_cum;
	while (dt->n_runs && sct_tsn_le(dt->runs[0].start, new_cum)) {
		if (sct_tsn_gt(dt->runs[0].end, new_cum)) {
			dt->runs[0].start = new_cum + 1;
			break;
		}
		memmove(&dt->runs[0], &dt->runs[1], (dt->n_runs - 1) * sizeof(dt->runs[0]));
		dt->n_runs--;
	}
	absorb(dt);
}

size_t sct_dt_gaps(const struct sct_datatrack *dt, struct sct_gap_block *out, size_t max)
{
	size_t n = 0;
	uint16_t i;

	for (i = 0; i < dt->n_runs && n < max; i++) {
		uint32_t s = dt->runs[i].start - dt->cum, e = dt->runs[i].end - dt->cum;

		/* offsets are 16 bits: runs further out wait for the cum to advance */
		if (e > 0xffff)
			break;
		out[n].start = (uint16_t)s;
		out[n].end = (uint16_t)e;
		n++;
	}
	return n;
}

size_t sct_dt_take_dups(struct sct_datatrack *dt, uint32_t *out, size_t max)
{
	size_t n = dt->n_dups < max ? dt->n_dups : max;

	memcpy(out, dt->dups, n * sizeof(*out));
	memmove(dt->dups, dt->dups + n, (dt->n_dups - n) * sizeof(*out));
	dt->n_dups = (uint16_t)(dt->n_dups - n);
	return n;
}
