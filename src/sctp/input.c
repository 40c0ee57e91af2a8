/* SPDX-License-Identifier: MIT */
/* input.c: a received packet: checks, association lookup, verification tag, dispatch. */

/*
 * Theory of operation
 *
 * sct_stack_input() takes one SCTP packet through these steps:
 *
 *  1. the common header, the CRC32c (RFC 9260 6.8) and the chunk framing
 *     (lengths, padding, INIT/INIT ACK/SHUTDOWN COMPLETE alone, 6.10): any
 *     failure drops the packet and is counted;
 *  2. packets to or from a non-unicast address are dropped (8.4 step 1);
 *  3. the association is found by (local port, peer address, peer port); an
 *     INIT that matches none is also looked up by the addresses it lists
 *     (5.1.2 D);
 *  4. without an association, only an INIT or a leading COOKIE ECHO to a
 *     listening endpoint is processed (5.1); everything else is out of the
 *     blue (8.4);
 *  5. with one, each chunk is checked against the verification tag rules
 *     (8.5, 8.5.1) and handed to the handler named after the RFC section it
 *     implements.  A handler may stop the packet (rx->stop).
 *
 * Unrecognized chunk types follow the action of their two upper bits (3.2);
 * those to be reported are gathered into one ERROR chunk per packet.
 */
#include <errno.h>
#include <string.h>

#include "sctp/rx.h"
#include "wire/cause.h"
#include "wire/wire_err.h"

static bool unicast(const struct sct_addr *a)
{
	return a->af != SCT_AF_NONE && !sct_addr_is_any(a) && !sct_addr_is_multicast(a) &&
	       !sct_addr_is_broadcast(a);
}

int sct_rx_reply(struct sct_rx *rx, uint32_t vtag, const uint8_t *chunk, size_t len)
{
	struct sct_pktinfo pi;

	memset(&pi, 0, sizeof(pi));
	pi.src = rx->pi->dst;
	pi.dst = rx->pi->src;
	pi.encap_sport = rx->pi->encap_dport;
	pi.encap_dport = rx->pi->encap_sport;
	return sct_reply_packet(rx->s, &pi, rx->hdr.dst_port, rx->hdr.src_port, vtag, chunk, len);
}

int sct_build_cause_chunk(struct sct_wr *w, uint8_t type, uint8_t flags,
			  const struct sct_cause *cause)
{
	uint8_t causes[SCT_RX_ERR_MAX];
	struct sct_wr cw = sct_wr_init(causes, sizeof(causes));

	if (cause && sct_cause_emit(&cw, cause) != 0)
		cw.off = 0; /* too big or malformed: send the chunk without it */
	if (type == SCT_CHUNK_ERROR) {
		struct sct_error e = {.flags = flags, .causes = causes, .causes_len = cw.off};

		return sct_error_emit(w, &e);
	}
	struct sct_abort ab = {.flags = flags, .causes = causes, .causes_len = cw.off};

	return sct_abort_emit(w, &ab);
}

void sct_rx_reply_abort(struct sct_rx *rx, uint32_t vtag, bool t_bit, const struct sct_cause *cause)
{
	uint8_t chunk[SCT_RX_ERR_MAX + 16];
	struct sct_wr w = sct_wr_init(chunk, sizeof(chunk));

	if (sct_build_cause_chunk(&w, SCT_CHUNK_ABORT, t_bit ? SCT_ABORT_FLAG_T : 0, cause) == 0)
		sct_rx_reply(rx, vtag, chunk, w.off);
}

/* RFC 9260 8.4: a packet no association and no endpoint takes. */
static int ootb(struct sct_rx *rx)
{
	struct sct_chunk_iter it;
	struct sct_chunk c;
	bool stale_or_cookie_ack = false, shutdown_ack = false;

	rx->s->stats.ootb++;
	sct_chunk_iter_init(&it, rx->pkt, rx->len);
	/* 8.5.1 A: tag 0 only goes with an INIT; anything else is silently discarded */
	if (rx->hdr.vtag == 0 && (sct_chunk_next(&it, &c) != 1 || c.type != SCT_CHUNK_INIT))
		return -ENOENT;
	sct_chunk_iter_init(&it, rx->pkt, rx->len);
	while (sct_chunk_next(&it, &c) == 1) {
		switch (c.type) {
		case SCT_CHUNK_ABORT: /* step 2 */
			return -ENOENT;
		case SCT_CHUNK_INIT: { /* step 3 (no endpoint takes it) */
			struct sct_init init;

			if (rx->hdr.vtag != 0)
				return -ENOENT; /* 8.5.1 A */
			sct_init_parse(&c, &init);
			if (init.itag)
				sct_rx_reply_abort(rx, init.itag, false, NULL);
			return -ENOENT;
		}
		case SCT_CHUNK_SHUTDOWN_COMPLETE: /* step 6 */
			return -ENOENT;
		case SCT_CHUNK_SHUTDOWN_ACK:
			shutdown_ack = true;
			break;
		case SCT_CHUNK_COOKIE_ACK:
			stale_or_cookie_ack = true;
			break;
		case SCT_CHUNK_ERROR: {
			struct sct_error e;
			struct sct_tlv_iter ti;
			struct sct_tlv t;

			if (sct_error_parse(&c, &e) != 0)
				break;
			sct_tlv_iter_init(&ti, e.causes, e.causes_len);
			while (sct_cause_next(&ti, &t) == 1)
				if (t.type == SCT_CAUSE_STALE_COOKIE)
					stale_or_cookie_ack = true;
			break;
		}
		default:
			break;
		}
	}
	if (shutdown_ack) { /* step 5 */
		uint8_t chunk[4];
		struct sct_wr w = sct_wr_init(chunk, sizeof(chunk));
		struct sct_chunk_empty sc = {.flags = SCT_SHUTDOWN_COMPLETE_FLAG_T};

		if (sct_shutdown_complete_emit(&w, &sc) == 0)
			sct_rx_reply(rx, rx->hdr.vtag, chunk, w.off);
		return -ENOENT;
	}
	if (stale_or_cookie_ack) /* step 7 */
		return -ENOENT;
	/* step 8 */
	sct_rx_reply_abort(rx, rx->hdr.vtag, true, NULL);
	return -ENOENT;
}

/* RFC 9260 5.1.2 D: an INIT naming any address of an existing association belongs to it. */
static struct sct_assoc *find_by_init_addrs(struct sct_rx *rx, const struct sct_chunk *c)
{
	struct sct_init init;
	struct sct_init_params ip;
	size_t i;

	if (sct_init_parse(c, &init) != 0)
		return NULL;
	if (sct_init_params_parse(init.params, init.params_len, false, &ip) != 0)
		return NULL;
	for (i = 0; i < ip.n_addrs; i++) {
		struct sct_path *p =
		    sct_stack_find_path(rx->s, rx->hdr.dst_port, &ip.addrs[i], rx->hdr.src_port);
		if (p)
			return p->assoc;
	}
	return NULL;
}

/* RFC 9260 3.2: what to do with a chunk type we do not process. */
static void unrecognized(struct sct_rx *rx, const struct sct_chunk *c)
{
	enum sct_unknown_action act = sct_chunk_unknown_action(c->type);

	if ((act == SCT_UNK_STOP_REPORT || act == SCT_UNK_SKIP_REPORT) && rx->a) {
		/* Unrecognized Chunk Type: the whole chunk, as far as it fits */
		struct sct_cause cause = {.code = SCT_CAUSE_UNRECOGNIZED_CHUNK};
		struct sct_wr w = sct_wr_init(rx->err + rx->err_len, sizeof(rx->err) - rx->err_len);

		cause.u.tlvs.p = c->hdr;
		cause.u.tlvs.len = c->length;
		if (sct_cause_emit(&w, &cause) == 0)
			rx->err_len += w.off;
	}
	if (act == SCT_UNK_STOP || act == SCT_UNK_STOP_REPORT)
		rx->stop = true;
}

/* RFC 9260 8.5, 8.5.1: may this chunk be processed under the packet's tag? */
static bool vtag_ok(struct sct_rx *rx, const struct sct_chunk *c)
{
	struct sct_assoc *a = rx->a;
	uint32_t v = rx->hdr.vtag;

	switch (c->type) {
	case SCT_CHUNK_INIT:
		return v == 0;
	case SCT_CHUNK_ABORT:
	case SCT_CHUNK_SHUTDOWN_COMPLETE:
		if (c->flags & 0x01) /* the T bit: the sender had no TCB and reflected our tag */
			return a->peer_vtag != 0 && v == a->peer_vtag;
		return v == a->my_vtag;
	case SCT_CHUNK_COOKIE_ECHO:
		return true; /* checked against the cookie (5.1.5 step 3, 5.2.4) */
	default:
		return v == a->my_vtag;
	}
}

static void dispatch(struct sct_rx *rx, const struct sct_chunk *c, bool first)
{
	struct sct_assoc *a = rx->a;

	switch (c->type) {
	case SCT_CHUNK_INIT:
		sct_sf_5_2_init_existing(rx, c);
		break;
	case SCT_CHUNK_INIT_ACK:
		if (a->state == SCT_COOKIE_WAIT)
			sct_sf_5_1_c_init_ack(rx, c);
		/* else 5.2.3: discard */
		break;
	case SCT_CHUNK_COOKIE_ECHO:
		if (first)
			sct_sf_5_1_5_cookie_echo(rx, c);
		break;
	case SCT_CHUNK_COOKIE_ACK:
		if (a->state == SCT_COOKIE_ECHOED)
			sct_sf_5_1_e_cookie_ack(rx, c);
		/* else 5.2.5: discard */
		break;
	case SCT_CHUNK_ABORT:
		sct_sf_9_1_abort(rx, c);
		break;
	case SCT_CHUNK_SHUTDOWN:
		sct_sf_9_2_shutdown(rx, c);
		break;
	case SCT_CHUNK_SHUTDOWN_ACK:
		sct_sf_9_2_shutdown_ack(rx, c);
		break;
	case SCT_CHUNK_SHUTDOWN_COMPLETE:
		sct_sf_9_2_shutdown_complete(rx, c);
		break;
	case SCT_CHUNK_ERROR:
		sct_sf_3_3_10_error(rx, c);
		break;
	case SCT_CHUNK_HEARTBEAT:
		sct_sf_8_3_heartbeat(rx, c);
		break;
	case SCT_CHUNK_DATA:
		sct_sf_6_2_data(rx, c);
		break;
	case SCT_CHUNK_SACK:
		sct_sf_6_2_1_sack(rx, c);
		break;
	case SCT_CHUNK_ECNE:
		sct_sf_ecne(rx, c);
		break;
	case SCT_CHUNK_CWR:
		sct_sf_cwr(rx, c);
		break;
	case SCT_CHUNK_HEARTBEAT_ACK:
		sct_sf_8_3_heartbeat_ack(rx, c);
		break;
	default:
		unrecognized(rx, c);
		break;
	}
}

/* ERROR chunk with the causes gathered while processing the packet. */
static void flush_errors(struct sct_rx *rx)
{
	uint8_t chunk[SCT_RX_ERR_MAX + 8];
	struct sct_wr w = sct_wr_init(chunk, sizeof(chunk));
	struct sct_error e = {.causes = rx->err, .causes_len = rx->err_len};

	if (!rx->err_len || !rx->a || rx->a->zombie || rx->a->state == SCT_COOKIE_WAIT)
		return;
	if (sct_error_emit(&w, &e) == 0)
		sct_ctl_queue(rx->a, chunk, w.off);
}

int sct_stack_input(struct sct_stack *s, const struct sct_pktinfo *pi, const uint8_t *pkt,
		    size_t len, sct_time_t now)
{
	struct sct_rx rx;
	struct sct_chunk_iter it;
	struct sct_chunk c;
	struct sct_path *p;
	int rc, n;
	bool first = true;

	s->stats.in_pkts++;
	memset(&rx, 0, sizeof(rx));
	rx.s = s;
	rx.pi = pi;
	rx.pkt = pkt;
	rx.len = len;
	rx.now = now;
	rc = sct_sctp_hdr_parse(pkt, len, &rx.hdr);
	if (rc) {
		s->stats.in_malformed++;
		return rc;
	}
	rc = sct_sctp_crc_check(pkt, len);
	if (rc) {
		s->stats.in_bad_crc++;
		return rc;
	}
	n = sct_sctp_packet_check(pkt, len);
	if (n < 0) {
		s->stats.in_malformed++;
		return n;
	}
	if (!unicast(&pi->src) || !unicast(&pi->dst))
		return 0; /* 8.4 step 1 (and never answer such a source) */

	sct_chunk_iter_init(&it, pkt, len);
	if (sct_chunk_next(&it, &c) != 1)
		return SCT_WE_CHUNK_EMPTY;

	p = sct_stack_find_path(s, rx.hdr.dst_port, &pi->src, rx.hdr.src_port);
	if (p) {
		rx.a = p->assoc;
		rx.path = p;
	} else if (c.type == SCT_CHUNK_INIT) {
		rx.a = find_by_init_addrs(&rx, &c);
	}
	if (rx.a)
		rx.a->ctr.ipackets++;

	if (!rx.a) {
		rx.ep = sct_stack_find_ep(s, rx.hdr.dst_port, &pi->dst);
		if (!rx.ep || !rx.ep->listening)
			return ootb(&rx);
		if (c.type == SCT_CHUNK_INIT) {
			if (rx.hdr.vtag != 0)
				return 0; /* 8.5.1 A */
			sct_sf_5_1_b_init(&rx, &c);
			return 0;
		}
		if (c.type != SCT_CHUNK_COOKIE_ECHO)
			return ootb(&rx);
		sct_sf_5_1_5_cookie_echo(&rx, &c);
		if (!rx.a || rx.stop)
			return 0;
		/* the new association takes the rest of the packet */
		first = false;
		if (sct_chunk_next(&it, &c) != 1)
			goto out;
	}

	/* 8.5.1 E: a SHUTDOWN ACK while we are still setting up is out of the blue */
	if (c.type == SCT_CHUNK_SHUTDOWN_ACK &&
	    (rx.a->state == SCT_COOKIE_WAIT || rx.a->state == SCT_COOKIE_ECHOED))
		return ootb(&rx);

	rx.a->burst = 0; /* 6.1 D: Max.Burst counts per received packet */

	/*
	 * 9.2 says any packet from the peer "(i.e., as the peer sends all of its
	 * queued DATA chunks)" restarts T2: only packets with DATA do here (see
	 * sct_sf_6_2_data), as in Linux.  Restarting it for every packet let the
	 * peer's heartbeats hold back the retransmission of a lost SHUTDOWN until
	 * T5 aborted the association (simulator failover seed 7992).
	 */

	do {
		if (!vtag_ok(&rx, &c)) {
			s->stats.bad_vtag++;
			break; /* the whole rest of the packet is discarded */
		}
		/*
		 * RFC 6951 5.4: a packet that passed the association's checks gives its path
		 * the UDP source port it came from, and one without UDP turns encapsulation off
		 * (5.6: the payload room follows, sct_assoc_pmtu_payload()).  Only under our own
		 * tag: the tag 0 of an INIT or a reflected T-bit tag proves nothing.
		 */
		if (rx.path && rx.hdr.vtag == rx.a->my_vtag)
			rx.path->encap_port = pi->encap_sport;
		dispatch(&rx, &c, first);
		first = false;
		if (rx.stop || !rx.a || rx.a->zombie)
			break;
	} while (sct_chunk_next(&it, &c) == 1);
out:
	flush_errors(&rx);
	return 0;
}
