/* SPDX-License-Identifier: MIT */
/* param_walk.c: whole parameter areas of INIT/INIT ACK, ASCONF and RE-CONFIG chunks. */
#include <string.h>

#include "wire/param.h"
#include "wire/wire_err.h"

/* Record a TLV to report (action 01/11), bounded. */
static void add_report(struct sct_bytes *arr, size_t *n, size_t *dropped, const struct sct_tlv *t)
{
	if (*n < SCT_INIT_MAX_REPORT) {
		arr[*n].p = t->raw;
		arr[*n].len = t->len;
		(*n)++;
	} else {
		(*dropped)++;
	}
}

/*
 * RFC 9260 3.2.1, table 3: apply the upper two bits of an unknown type.
 * Returns true when processing must stop (00, 01).
 */
static bool unknown_param(const struct sct_tlv *t, struct sct_bytes *arr, size_t *n,
			  size_t *dropped)
{
	enum sct_unknown_action act = sct_param_unknown_action(t->type);

	if (act == SCT_UNK_STOP_REPORT || act == SCT_UNK_SKIP_REPORT)
		add_report(arr, n, dropped, t);
	return act == SCT_UNK_STOP || act == SCT_UNK_STOP_REPORT;
}

/*
 * Which known types an INIT (RFC 9260 3.3.2.1) or INIT ACK (3.3.3.1) may carry,
 * with the extensions that add to them: RFC 3758 3.1 (Forward-TSN), RFC 4820 4
 * (PAD: INIT only), RFC 4895 3 (RANDOM, CHUNKS, HMAC-ALGO), RFC 5061 4.2 table 2
 * (Set Primary, Adaptation, Supported Extensions), zero checksum draft 4.
 */
static bool valid_in_init(uint16_t type, bool is_init_ack)
{
	switch (type) {
	case SCT_PARAM_IPV4:
	case SCT_PARAM_IPV6:
	case SCT_PARAM_HOST_NAME:
	case SCT_PARAM_ECN_CAPABLE:
	case SCT_PARAM_ZERO_CHECKSUM:
	case SCT_PARAM_RANDOM:
	case SCT_PARAM_CHUNK_LIST:
	case SCT_PARAM_HMAC_ALGO:
	case SCT_PARAM_SUPPORTED_EXT:
	case SCT_PARAM_FORWARD_TSN_SUPPORTED:
	case SCT_PARAM_SET_PRIMARY:
	case SCT_PARAM_ADAPTATION_IND:
		return true;
	case SCT_PARAM_COOKIE_PRESERVATIVE:
	case SCT_PARAM_SUPPORTED_ADDR_TYPES:
	case SCT_PARAM_PADDING:
		return !is_init_ack;
	case SCT_PARAM_STATE_COOKIE:
	case SCT_PARAM_UNRECOGNIZED:
		return is_init_ack;
	default:
		return false;
	}
}

/* Set *@seen, or fail with PARAM_DUP if it already was. */
static int once(bool *seen)
{
	if (*seen)
		return SCT_WE_PARAM_DUP;
	*seen = true;
	return 0;
}

static int init_take(struct sct_init_params *o, const struct sct_tlv *t, const struct sct_param *p)
{
	size_t i;

	switch (p->type) {
	case SCT_PARAM_IPV4:
	case SCT_PARAM_IPV6:
		if (o->n_addrs < SCT_INIT_MAX_ADDRS)
			o->addrs[o->n_addrs++] = p->u.addr;
		else
			o->n_addrs_dropped++;
		return 0;
	case SCT_PARAM_HOST_NAME:
		if (!o->has_host_name) {
			o->host_name_tlv.p = t->raw;
			o->host_name_tlv.len = t->len;
		}
		o->has_host_name = true;
		return 0;
	case SCT_PARAM_ECN_CAPABLE:
		o->ecn_capable = true;
		return 0;
	case SCT_PARAM_FORWARD_TSN_SUPPORTED:
		o->forward_tsn = true;
		return 0;
	case SCT_PARAM_PADDING:
		return 0; /* RFC 4820 4: "MUST silently discard this parameter" */
	case SCT_PARAM_UNRECOGNIZED:
		if (o->n_peer_unrec < SCT_INIT_MAX_PEER_UNREC)
			o->peer_unrec[o->n_peer_unrec++] = p->u.bytes;
		else
			o->n_peer_unrec_dropped++;
		return 0;
	case SCT_PARAM_COOKIE_PRESERVATIVE:
		o->cookie_inc_ms = p->u.cookie_inc_ms;
		return once(&o->has_cookie_preservative);
	case SCT_PARAM_SUPPORTED_ADDR_TYPES:
		/* Host Name "MUST be ignored when receiving", unknown types too. */
		for (i = 0; i < p->u.addr_types.n; i++) {
			uint16_t at = sct_u16_list_get(&p->u.addr_types, i);

			if (at == SCT_PARAM_IPV4)
				o->addr_types |= SCT_ADDRTYPE_V4;
			else if (at == SCT_PARAM_IPV6)
				o->addr_types |= SCT_ADDRTYPE_V6;
		}
		return once(&o->has_addr_types);
	case SCT_PARAM_STATE_COOKIE:
		o->state_cookie = p->u.bytes;
		return once(&o->has_state_cookie);
	case SCT_PARAM_ADAPTATION_IND:
		o->adaptation = p->u.adaptation;
		return once(&o->has_adaptation);
	case SCT_PARAM_SET_PRIMARY:
		o->set_primary = p->u.asconf.addr;
		return once(&o->has_set_primary);
	case SCT_PARAM_SUPPORTED_EXT:
		/* RFC 5061 4.2.7: "MUST NOT include multiple" */
		o->supported_ext = p->u.chunk_types;
		return once(&o->has_supported_ext);
	case SCT_PARAM_RANDOM:
		/* RFC 4895 3.1-3.3: each "MUST be included once" */
		o->random = p->u.bytes;
		return once(&o->has_random);
	case SCT_PARAM_CHUNK_LIST:
		o->chunk_list = p->u.chunk_types;
		return once(&o->has_chunk_list);
	case SCT_PARAM_HMAC_ALGO:
		o->hmac_ids = p->u.hmac_ids;
		return once(&o->has_hmac_algo);
	case SCT_PARAM_ZERO_CHECKSUM:
		/* zero checksum draft 4: "MUST NOT appear more than once" */
		o->edmid = p->u.edmid;
		return once(&o->has_zero_checksum);
	default:
		return 0;
	}
}

int sct_init_params_parse(const uint8_t *p, size_t len, bool is_init_ack,
			  struct sct_init_params *out)
{
	struct sct_tlv_iter it;
	struct sct_param prm;
	struct sct_tlv t;
	int rc;

	memset(out, 0, sizeof(*out));
	sct_tlv_iter_init(&it, p, len);
	while ((rc = sct_param_next(&it, &t)) > 0) {
		if (out->stopped) {
			/* Only the cookie still matters (see param.h); the first wins. */
			if (is_init_ack && t.type == SCT_PARAM_STATE_COOKIE &&
			    !out->has_state_cookie) {
				rc = sct_param_parse(&t, &prm);
				if (rc)
					return rc;
				rc = init_take(out, &t, &prm);
				if (rc)
					return rc;
			}
			continue;
		}
		if (!valid_in_init(t.type, is_init_ack)) {
			if (unknown_param(&t, out->report, &out->n_report,
					  &out->n_report_dropped)) {
				out->stopped = true;
				out->stop_type = t.type;
			}
			continue;
		}
		rc = sct_param_parse(&t, &prm);
		if (rc)
			return rc;
		rc = init_take(out, &t, &prm);
		if (rc)
			return rc;
	}
	if (rc < 0)
		return rc;
	if (is_init_ack && !out->has_state_cookie)
		return SCT_WE_PARAM_MISSING; /* RFC 9260 3.3.3: State Cookie is mandatory */
	return 0;
}

/*
 * RFC 5061 4.1.1: after the Sequence Number an ASCONF carries
 *
 *       |                    Address Parameter                          |
 *       |                     ASCONF Parameter #1                       |
 *       \                             ....                              \
 *       |                     ASCONF Parameter #N                       |
 *
 * "This parameter MUST be present in every ASCONF message" (the address);
 * the requests are Add IP, Delete IP and Set Primary (4.2, table 3).
 */
int sct_asconf_params_parse(const uint8_t *p, size_t len, struct sct_asconf_params *out)
{
	struct sct_tlv_iter it;
	struct sct_param prm;
	struct sct_tlv t;
	int rc;

	memset(out, 0, sizeof(*out));
	sct_tlv_iter_init(&it, p, len);
	rc = sct_param_next(&it, &t);
	if (rc < 0)
		return rc;
	if (rc == 0 || (t.type != SCT_PARAM_IPV4 && t.type != SCT_PARAM_IPV6))
		return SCT_WE_PARAM_MISSING;
	rc = sct_param_parse(&t, &prm);
	if (rc)
		return rc;
	out->addr = prm.u.addr;
	out->requests.p = p + it.off;
	out->requests.len = len - it.off;
	while ((rc = sct_param_next(&it, &t)) > 0) {
		if (out->stopped)
			continue;
		if (t.type == SCT_PARAM_ADD_IP || t.type == SCT_PARAM_DEL_IP ||
		    t.type == SCT_PARAM_SET_PRIMARY) {
			rc = sct_param_parse(&t, &prm);
			if (rc)
				return rc;
			out->n_requests++;
			continue;
		}
		if (unknown_param(&t, out->report, &out->n_report, &out->n_report_dropped)) {
			out->stopped = true;
			out->stop_type = t.type;
		}
	}
	return rc < 0 ? rc : 0;
}

static bool is_reconf_type(uint16_t type)
{
	return type >= SCT_PARAM_OUT_SSN_RESET && type <= SCT_PARAM_ADD_IN_STREAMS;
}

/*
 * RFC 6525 3.1: "each RE-CONFIG chunk holds at least one parameter and at
 * most two parameters.  Only the following combinations are allowed:" any one
 * of the six parameters alone (1, 2, 4, 5, 6, 8), or the pairs Outgoing +
 * Incoming SSN Reset (3), Add Outgoing + Add Incoming Streams (7), Response +
 * Outgoing SSN Reset (9), Response + Response (10).
 */
static bool reconf_pair_ok(uint16_t a, uint16_t b)
{
	uint16_t lo = a < b ? a : b, hi = a < b ? b : a;

	return (lo == SCT_PARAM_OUT_SSN_RESET && hi == SCT_PARAM_IN_SSN_RESET) ||
	       (lo == SCT_PARAM_ADD_OUT_STREAMS && hi == SCT_PARAM_ADD_IN_STREAMS) ||
	       (lo == SCT_PARAM_OUT_SSN_RESET && hi == SCT_PARAM_RECONF_RESPONSE) ||
	       (lo == SCT_PARAM_RECONF_RESPONSE && hi == SCT_PARAM_RECONF_RESPONSE);
}

int sct_reconf_params_parse(const uint8_t *p, size_t len, struct sct_reconf_params *out)
{
	struct sct_tlv_iter it;
	struct sct_tlv t;
	int rc;

	memset(out, 0, sizeof(*out));
	sct_tlv_iter_init(&it, p, len);
	while ((rc = sct_param_next(&it, &t)) > 0) {
		if (out->n == 2 || !is_reconf_type(t.type))
			return SCT_WE_RECONF_COMBO;
		rc = sct_param_parse(&t, &out->param[out->n]);
		if (rc)
			return rc;
		out->n++;
	}
	if (rc < 0)
		return rc;
	if (out->n == 0)
		return SCT_WE_PARAM_MISSING;
	if (out->n == 2 && !reconf_pair_ok(out->param[0].type, out->param[1].type))
		return SCT_WE_RECONF_COMBO;
	return 0;
}
