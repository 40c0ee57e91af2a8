/* SPDX-License-Identifier: MIT */
/* az.c: the A/Z harness (see az.h). */
#include "az.h"

#include <stdlib.h>
#include <string.h>

#include "common/cursor.h"
#include "wire/cause.h"
#include "wire/chunk.h"
#include "wire/param.h"
#include "wire/sctp.h"

static void new_side(struct az *az, int i, uint64_t seed)
{
	struct sct_stack_cfg cfg;
	struct sct_ep_cfg ec;
	size_t k;

	sct_stack_cfg_defaults(&cfg);
	sct_rng_seeded_init(&cfg.rng, &az->rs[i], seed);
	if (az->tune)
		az->tune(i, &cfg);
	az->st[i] = sct_stack_new(&cfg, az->now);
	sct_stack_add_addr(az->st[i], &az->addr[i]);
	for (k = 0; k < az->n_extra[i]; k++)
		sct_stack_add_addr(az->st[i], &az->extra[i][k]);
	memset(&ec, 0, sizeof(ec));
	ec.port = az->port[i];
	sct_ep_create(az->st[i], &ec, &az->ep[i]);
}

void az_init(struct az *az, uint64_t seed)
{
	int i;

	memset(az, 0, sizeof(*az));
	sct_addr_parse(&az->addr[AZ_A], "10.0.0.1");
	sct_addr_parse(&az->addr[AZ_Z], "10.0.0.2");
	az->port[AZ_A] = 1000;
	az->port[AZ_Z] = 2000;
	az->now = 1 * SCT_NSEC_PER_SEC;
	for (i = 0; i < 2; i++)
		new_side(az, i, seed * 2 + (uint64_t)i);
	sct_ep_listen(az->ep[AZ_Z], true);
}

void az_free(struct az *az)
{
	size_t i;

	for (i = 0; i < az->n_flight; i++)
		free(az->flight[i]);
	sct_stack_free(az->st[0]);
	sct_stack_free(az->st[1]);
	memset(az, 0, sizeof(*az));
}

size_t az_collect(struct az *az)
{
	size_t got = 0;
	int side;

	for (side = 0; side < 2; side++) {
		for (;;) {
			struct az_pkt *p;
			int n;

			if (az->n_flight == AZ_MAX_FLIGHT)
				return got;
			p = malloc(sizeof(*p));
			if (!p)
				return got;
			n = sct_stack_output(az->st[side], p->buf, sizeof(p->buf), &p->pi, az->now);
			if (n <= 0) {
				free(p);
				break;
			}
			p->len = (size_t)n;
			p->from = side;
			az->flight[az->n_flight++] = p;
			got++;
		}
	}
	return got;
}

static void remove_at(struct az *az, size_t i)
{
	memmove(&az->flight[i], &az->flight[i + 1], (az->n_flight - i - 1) * sizeof(az->flight[0]));
	az->n_flight--;
}

static bool owns(const struct az *az, int side, const struct sct_addr *a)
{
	size_t k;

	if (sct_addr_eq(a, &az->addr[side]))
		return true;
	for (k = 0; k < az->n_extra[side]; k++)
		if (sct_addr_eq(a, &az->extra[side][k]))
			return true;
	return false;
}

static bool is_down(const struct az *az, const struct sct_addr *a)
{
	size_t k;

	for (k = 0; k < az->n_down; k++)
		if (sct_addr_eq(a, &az->down[k]))
			return true;
	return false;
}

static int deliver(struct az *az, size_t i, int ecn)
{
	struct az_pkt *p;
	struct sct_pktinfo in;
	int to;

	if (i >= az->n_flight)
		return -1;
	p = az->flight[i];
	remove_at(az, i);
	to = p->from == AZ_A ? AZ_Z : AZ_A;
	memset(&in, 0, sizeof(in));
	in.src = p->pi.src.af ? p->pi.src : az->addr[p->from];
	in.dst = p->pi.dst;
	in.ecn = ecn >= 0 ? (uint8_t)ecn : p->pi.ecn;
	if (!owns(az, to, &in.dst) || is_down(az, &in.dst)) {
		free(p); /* addressed to nobody we simulate, or lost on the way */
		return -1;
	}
	if (az->n_trace[to] < sizeof(az->trace[to]) && p->len > 12)
		az->trace[to][az->n_trace[to]++] = p->buf[12];
	az->last_input_rc = sct_stack_input(az->st[to], &in, p->buf, p->len, az->now);
	free(p);
	return az->last_input_rc;
}

int az_deliver(struct az *az, size_t i)
{
	return deliver(az, i, -1);
}

int az_deliver_ecn(struct az *az, size_t i, uint8_t ecn)
{
	return deliver(az, i, ecn);
}

void az_drop(struct az *az, size_t i)
{
	if (i < az->n_flight) {
		free(az->flight[i]);
		remove_at(az, i);
	}
}

void az_dup(struct az *az, size_t i)
{
	struct az_pkt *p;

	if (i >= az->n_flight || az->n_flight == AZ_MAX_FLIGHT)
		return;
	p = malloc(sizeof(*p));
	if (!p)
		return;
	memcpy(p, az->flight[i], sizeof(*p));
	az->flight[az->n_flight++] = p;
}

void az_swap(struct az *az, size_t i, size_t j)
{
	struct az_pkt *t;

	if (i >= az->n_flight || j >= az->n_flight)
		return;
	t = az->flight[i];
	az->flight[i] = az->flight[j];
	az->flight[j] = t;
}

size_t az_run(struct az *az)
{
	size_t n = 0;

	az_collect(az);
	while (az->n_flight && n < 10000) {
		az_deliver(az, 0);
		n++;
		az_collect(az);
	}
	az_poll_events(az);
	return n;
}

size_t az_settle(struct az *az, sct_time_t span)
{
	sct_time_t end = az->now + span;
	size_t n = az_run(az);

	for (;;) {
		sct_time_t a = sct_stack_next_expiry(az->st[0]);
		sct_time_t z = sct_stack_next_expiry(az->st[1]);

		if ((a < z ? a : z) > end)
			break;
		if (!az_advance(az))
			break;
		n += az_run(az);
	}
	az_poll_events(az);
	return n;
}

void az_wait(struct az *az, sct_time_t span)
{
	sct_time_t end = az->now + span;

	az_settle(az, span);
	if (az->now < end) {
		az->now = end;
		sct_stack_advance_time(az->st[0], az->now);
		sct_stack_advance_time(az->st[1], az->now);
		az_run(az);
	}
}

bool az_advance(struct az *az)
{
	sct_time_t a = sct_stack_next_expiry(az->st[0]);
	sct_time_t z = sct_stack_next_expiry(az->st[1]);
	sct_time_t t = a < z ? a : z;

	if (t == SCT_TIME_NEVER)
		return false;
	if (t > az->now)
		az->now = t;
	sct_stack_advance_time(az->st[0], az->now);
	sct_stack_advance_time(az->st[1], az->now);
	az_collect(az);
	az_poll_events(az);
	return true;
}

void az_step(struct az *az, sct_time_t ns)
{
	az->now += ns;
	sct_stack_advance_time(az->st[0], az->now);
	sct_stack_advance_time(az->st[1], az->now);
	az_collect(az);
	az_poll_events(az);
}

void az_poll_events(struct az *az)
{
	int side;

	for (side = 0; side < 2; side++) {
		struct sct_event ev;

		while (sct_stack_poll_event(az->st[side], &ev))
			if (az->n_ev[side] < AZ_MAX_EVENTS)
				az->ev[side][az->n_ev[side]++] = ev;
	}
}

const struct sct_event *az_find_event(struct az *az, int side, int type, int state)
{
	size_t i;

	az_poll_events(az);
	for (i = 0; i < az->n_ev[side]; i++) {
		const struct sct_event *e = &az->ev[side][i];

		if (e->type != type)
			continue;
		if (type == SCT_EV_ASSOC_CHANGE && state >= 0 && e->u.assoc_change.state != state)
			continue;
		return e;
	}
	return NULL;
}

sct_assoc_id az_connect(struct az *az)
{
	struct sct_connect_params p;
	sct_assoc_id id = 0;

	memset(&p, 0, sizeof(p));
	p.port = az->port[AZ_Z];
	p.addrs = &az->addr[AZ_Z];
	p.n_addrs = 1;
	if (sct_ep_connect(az->ep[AZ_A], &p, az->now, &id) != 0)
		return 0;
	return id;
}

sct_assoc_id az_connect_to_cookie_echo(struct az *az)
{
	sct_assoc_id id = az_connect(az);

	az_collect(az);
	az_deliver(az, 0); /* INIT */
	az_collect(az);
	az_deliver(az, 0); /* INIT ACK */
	az_collect(az);
	return id;
}

sct_assoc_id az_establish(struct az *az, sct_assoc_id *z_id)
{
	sct_assoc_id id = az_connect(az);
	const struct sct_event *up_a, *up_z;

	if (!id)
		return 0;
	az_run(az);
	up_a = az_find_event(az, AZ_A, SCT_EV_ASSOC_CHANGE, SCT_COMM_UP);
	up_z = az_find_event(az, AZ_Z, SCT_EV_ASSOC_CHANGE, SCT_COMM_UP);
	if (!up_a || !up_z)
		return 0;
	if (z_id)
		*z_id = up_z->assoc;
	return id;
}

int az_chunk_type(const struct az *az, size_t i, int n)
{
	struct sct_chunk_iter it;
	struct sct_chunk c;
	int k = 0;

	if (i >= az->n_flight)
		return -1;
	sct_chunk_iter_init(&it, az->flight[i]->buf, az->flight[i]->len);
	while (sct_chunk_next(&it, &c) == 1) {
		if (k++ == n)
			return c.type;
	}
	return -1;
}

uint32_t az_vtag(const struct az *az, size_t i)
{
	if (i >= az->n_flight || az->flight[i]->len < 12)
		return 0;
	return sct_get_u32(az->flight[i]->buf + 4);
}

int az_state(struct az *az, int side, sct_assoc_id id)
{
	struct sct_assoc_status st;

	if (sct_assoc_status(az->st[side], id, &st) != 0)
		return -1;
	return (int)st.state;
}

int az_inject(struct az *az, int side, const uint8_t *pkt, size_t len)
{
	struct sct_pktinfo in;

	memset(&in, 0, sizeof(in));
	in.src = az->addr[side == AZ_A ? AZ_Z : AZ_A];
	in.dst = az->addr[side];
	return sct_stack_input(az->st[side], &in, pkt, len, az->now);
}

void az_bld_start(struct az_bld *b, uint16_t sport, uint16_t dport, uint32_t vtag)
{
	struct sct_sctp_hdr h = {.src_port = sport, .dst_port = dport, .vtag = vtag};

	b->w = sct_wr_init(b->buf, sizeof(b->buf));
	sct_sctp_hdr_emit(&b->w, &h);
}

void az_bld_raw_chunk(struct az_bld *b, uint8_t type, uint8_t flags, const void *value, size_t len)
{
	sct_wr_u8(&b->w, type);
	sct_wr_u8(&b->w, flags);
	sct_wr_u16(&b->w, (uint16_t)(4 + len));
	if (len)
		sct_wr_bytes(&b->w, value, len);
	sct_wr_pad4(&b->w);
}

size_t az_bld_finish(struct az_bld *b)
{
	if (sct_sctp_finish(&b->w, 0) != 0)
		return 0;
	return b->w.off;
}

int az_send(struct az *az, int side, struct az_bld *b)
{
	size_t n = az_bld_finish(b);

	return az_inject(az, side, b->buf, n);
}

int az_inject_chunk(struct az *az, int side, uint32_t vtag, uint8_t type, uint8_t flags,
		    const void *value, size_t len)
{
	struct az_bld b;
	int from = side == AZ_A ? AZ_Z : AZ_A;

	az_bld_start(&b, az->port[from], az->port[side], vtag);
	az_bld_raw_chunk(&b, type, flags, value, len);
	return az_send(az, side, &b);
}

int az_inject_from(struct az *az, int side, const struct sct_addr *src, const uint8_t *pkt,
		   size_t len)
{
	struct sct_pktinfo in;

	memset(&in, 0, sizeof(in));
	in.src = *src;
	in.dst = az->addr[side];
	return sct_stack_input(az->st[side], &in, pkt, len, az->now);
}

static int nth_chunk(const struct az *az, size_t i, int n, struct sct_chunk *out)
{
	struct sct_chunk_iter it;
	int k = 0;

	if (i >= az->n_flight)
		return -1;
	sct_chunk_iter_init(&it, az->flight[i]->buf, az->flight[i]->len);
	while (sct_chunk_next(&it, out) == 1)
		if (k++ == n)
			return 0;
	return -1;
}

int az_chunk_flags(const struct az *az, size_t i, int n)
{
	struct sct_chunk c;

	return nth_chunk(az, i, n, &c) ? -1 : c.flags;
}

int az_cause(const struct az *az, size_t i, int n)
{
	struct sct_chunk c;
	struct sct_tlv_iter ti;
	struct sct_tlv t;

	if (nth_chunk(az, i, n, &c) || c.value_len < 4)
		return -1;
	if (c.type != SCT_CHUNK_ABORT && c.type != SCT_CHUNK_ERROR)
		return -1;
	sct_tlv_iter_init(&ti, c.value, c.value_len);
	if (sct_cause_next(&ti, &t) != 1)
		return -1;
	return t.type;
}

int az_find_chunk(const struct az *az, int from, int type)
{
	size_t i;

	for (i = 0; i < az->n_flight; i++)
		if (az->flight[i]->from == from && az_chunk_type(az, i, 0) == type)
			return (int)i;
	return -1;
}

size_t az_count_chunk(const struct az *az, int from, int type)
{
	size_t i, n = 0;
	int k;

	for (i = 0; i < az->n_flight; i++)
		for (k = 0;
		     (from < 0 || az->flight[i]->from == from) && az_chunk_type(az, i, k) >= 0; k++)
			n += az_chunk_type(az, i, k) == type;
	return n;
}

void az_drop_all(struct az *az)
{
	while (az->n_flight)
		az_drop(az, az->n_flight - 1);
}

void az_clear_events(struct az *az)
{
	az_poll_events(az);
	az->n_ev[0] = az->n_ev[1] = 0;
}

sct_assoc_id az_connect_from(struct az *az, int side)
{
	struct sct_connect_params p;
	sct_assoc_id id = 0;
	int other = side == AZ_A ? AZ_Z : AZ_A;

	memset(&p, 0, sizeof(p));
	p.port = az->port[other];
	p.addrs = &az->addr[other];
	p.n_addrs = 1;
	if (sct_ep_connect(az->ep[side], &p, az->now, &id) != 0)
		return 0;
	return id;
}

void az_reboot(struct az *az, int side, uint64_t seed, bool listening)
{
	sct_stack_free(az->st[side]);
	new_side(az, side, seed);
	if (listening)
		sct_ep_listen(az->ep[side], true);
}

size_t az_take_cookie(const struct az *az, size_t i, uint8_t *buf, size_t cap)
{
	struct sct_chunk c;
	struct sct_init ack;
	static struct sct_init_params ip; /* large: kept off the stack */

	if (nth_chunk(az, i, 0, &c) || c.type != SCT_CHUNK_INIT_ACK)
		return 0;
	if (sct_init_ack_parse(&c, &ack) != 0)
		return 0;
	if (sct_init_params_parse(ack.params, ack.params_len, true, &ip) != 0)
		return 0;
	if (ip.state_cookie.len > cap)
		return 0;
	memcpy(buf, ip.state_cookie.p, ip.state_cookie.len);
	return ip.state_cookie.len;
}

uint32_t az_itag(const struct az *az, size_t i)
{
	if (i >= az->n_flight || az->flight[i]->len < 20)
		return 0;
	return sct_get_u32(az->flight[i]->buf + 16);
}

int az_send_msg(struct az *az, int side, sct_assoc_id id, uint16_t sid, const void *d, size_t n)
{
	struct sct_sndinfo si = {.sid = sid, .ppid = 7};

	return sct_assoc_send(az->st[side], id, &si, d, n, az->now);
}

void az_grow_cwnd(struct az *az, sct_assoc_id a, sct_assoc_id z)
{
	static uint8_t big[30000];
	struct sct_rcvinfo ri;
	uint8_t buf[64];
	int i;

	for (i = 0; i < 8; i++) {
		az_send_msg(az, AZ_A, a, 0, big, sizeof(big));
		az_settle(az, sct_ms(400));
		while (sct_assoc_recv(az->st[AZ_Z], z, &ri, buf, sizeof(buf), az->now) > 0)
			;
		az_settle(az, sct_ms(400));
	}
}

int az_recv_msg(struct az *az, int side, sct_assoc_id id, uint8_t *buf, size_t cap,
		struct sct_rcvinfo *ri)
{
	size_t got = 0;

	for (;;) {
		int n = sct_assoc_recv(az->st[side], id, ri, buf + got, cap - got, az->now);

		if (n < 0)
			return got ? (int)got : n;
		got += (size_t)n;
		if (ri->eor || got == cap)
			return (int)got;
	}
}

struct sct_assoc_status az_status(struct az *az, int side, sct_assoc_id id)
{
	struct sct_assoc_status st;

	if (sct_assoc_status(az->st[side], id, &st) != 0)
		memset(&st, 0, sizeof(st));
	return st;
}

int az_chunk(const struct az *az, size_t i, int n, struct sct_chunk *out)
{
	return nth_chunk(az, i, n, out);
}

int az_find_in(const struct az *az, size_t i, int type)
{
	int k, t;

	for (k = 0; (t = az_chunk_type(az, i, k)) >= 0; k++)
		if (t == type)
			return k;
	return -1;
}

bool az_sack(const struct az *az, size_t i, struct sct_sack *s)
{
	struct sct_chunk c;
	int k = az_find_in(az, i, SCT_CHUNK_SACK);

	return k >= 0 && nth_chunk(az, i, k, &c) == 0 && sct_sack_parse(&c, s) == 0;
}

bool az_data(const struct az *az, size_t i, int k, struct sct_data *d)
{
	struct sct_chunk c;
	int n, seen = 0;

	for (n = 0; nth_chunk(az, i, n, &c) == 0; n++) {
		if (c.type != SCT_CHUNK_DATA)
			continue;
		if (seen++ == k)
			return sct_data_parse(&c, d) == 0;
	}
	return false;
}

size_t az_count_data(const struct az *az, int from)
{
	return az_count_chunk(az, from, SCT_CHUNK_DATA);
}

int az_add_addr(struct az *az, int side, const char *text)
{
	struct sct_addr a;
	int rc;

	if (az->n_extra[side] == AZ_MAX_EXTRA || sct_addr_parse(&a, text) != 0)
		return -1;
	rc = sct_stack_add_addr(az->st[side], &a);
	if (rc == 0)
		az->extra[side][az->n_extra[side]++] = a;
	return rc;
}

void az_set_down(struct az *az, const struct sct_addr *dst, bool down)
{
	size_t k;

	for (k = 0; k < az->n_down; k++) {
		if (!sct_addr_eq(dst, &az->down[k]))
			continue;
		if (!down)
			az->down[k] = az->down[--az->n_down];
		return;
	}
	if (down && az->n_down < sizeof(az->down) / sizeof(az->down[0]))
		az->down[az->n_down++] = *dst;
}

const struct sct_addr *az_dst(const struct az *az, size_t i)
{
	return i < az->n_flight ? &az->flight[i]->pi.dst : NULL;
}

void az_bld_assoc(struct az *az, struct az_bld *b, int side, sct_assoc_id id)
{
	struct sct_assoc_status st = az_status(az, side, id);

	az_bld_start(b, st.peer_port, st.local_port, st.my_vtag);
}

void az_bld_data(struct az_bld *b, uint32_t tsn, uint16_t sid, uint16_t ssn, uint8_t flags,
		 const void *d, size_t len)
{
	struct sct_data dc = {.flags = flags,
			      .tsn = tsn,
			      .sid = sid,
			      .ssn = ssn,
			      .ppid = 7,
			      .user_data = d,
			      .user_data_len = len};

	sct_data_emit(&b->w, &dc);
}

void az_bld_sack(struct az_bld *b, uint32_t cum, uint32_t a_rwnd, const uint16_t *gaps, size_t ng,
		 const uint32_t *dups, size_t nd)
{
	struct sct_gap_block g[32];
	size_t k;

	for (k = 0; k < ng && k < 32; k++) {
		g[k].start = gaps[2 * k];
		g[k].end = gaps[2 * k + 1];
	}
	sct_sack_emit_blocks(&b->w, cum, a_rwnd, g, (uint16_t)k, dups, (uint16_t)nd);
}
