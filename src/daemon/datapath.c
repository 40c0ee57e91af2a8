/* SPDX-License-Identifier: MIT */
/* datapath.c: sctund's packet path: TUN and UDP in, host IP layer, SCTP core, and out. */
#include "config.h"

#include "daemon/datapath.h"

#include <errno.h>
#include <string.h>
#include <unistd.h>

#include "common/log.h"
#include "daemon/seccomp.h"

/* seccomp.c's allow-list, once the loop runs: packets from and to the TUN. */
SECCOMP_CALLS(datapath, SC(read), SC(write), SC(close));

/*
 * Theory of operation
 *
 * In: the TUN handler reads at most LOOP_BATCH IP packets per wake-up (level-
 * triggered epoll calls it again), records each in the capture and hands it
 * to the host layer, which answers pings and ICMP errors itself and returns
 * SCTP packets and ICMP errors about our SCTP.  Those go to the core.  An
 * ICMP "too big" lowers the host's PMTU estimate only after sct_stack_icmp()
 * accepted it: the quoted verification tag is the proof that the report is
 * about a packet we sent (RFC 9260 10, ICMP6), and only the core knows the
 * tags.  The UDP handler does the same for RFC 6951 datagrams, which carry the
 * SCTP packet directly (their UDP ports go to the core in the pktinfo).
 *
 * Out: once per loop turn (datapath_flush()), the core's packets are pulled
 * one at a time.  Those with an encapsulation port leave through the UDP
 * socket, the others are put in IP datagrams by the host layer, whose queue
 * is then written to the TUN straight from that queue.  When the TUN says
 * EAGAIN the packet stays at the queue's head, EPOLLOUT is watched, and no more is pulled from the
 * core (it keeps its packets, and its timers retransmit what is lost) until the TUN drains: nothing
 * blocks, and nothing is dropped to a full queue that waiting could have saved.
 *
 * A packet too big for the path (-EMSGSIZE from the host layer, which does
 * not fragment SCTP with DF) is reported to the core as the ICMP error a
 * router would have sent, quoting the packet, so it learns the MTU at once.
 */

/* Packets pulled from the core before the host's queue is written out. */
#define FLUSH_BATCH 64

void datapath_init(struct datapath *dp, struct loop *l, struct sct_host *h, struct sct_stack *s,
		   struct pcap *p)
{
	memset(dp, 0, offsetof(struct datapath, buf));
	dp->loop = l;
	dp->host = h;
	dp->stack = s;
	dp->pcap = p;
	dp->tun.fd = -1;
	dp->udp.fd[0] = dp->udp.fd[1] = -1;
	dp->udp_ref[0].fd = dp->udp_ref[1].fd = -1;
}

int datapath_sctp_in(struct datapath *dp, const struct sct_pktinfo *pi, const uint8_t *pkt,
		     size_t len, sct_time_t now)
{
	int ret = sct_stack_input(dp->stack, pi, pkt, len, now);

	if (ret && ret != -ENOENT)
		sct_log(SCT_LOG_DEBUG, "SCTP packet of %zu bytes dropped: %s", len,
			sct_host_strerror(ret));
	return ret;
}

static enum sct_icmp_kind icmp_kind(uint8_t host_kind)
{
	switch (host_kind) {
	case SCT_HOST_ICMP_PTB:
		return SCT_ICMP_FRAG_NEEDED;
	case SCT_HOST_ICMP_PROTO_UNREACH:
		return SCT_ICMP_PROTO_UNREACH;
	case SCT_HOST_ICMP_PORT_UNREACH:
		return SCT_ICMP_PORT_UNREACH;
	case SCT_HOST_ICMP_UNREACH:
		return SCT_ICMP_HOST_UNREACH;
	default:
		return SCT_ICMP_OTHER;
	}
}

static int icmp_in(struct datapath *dp, const struct sct_host_icmp_report *hr, sct_time_t now)
{
	struct sct_icmp_report r = {
	    .kind = icmp_kind(hr->kind),
	    .mtu = hr->mtu,
	    .src = hr->src,
	    .dst = hr->dst,
	    .sctp = hr->sctp,
	    .sctp_len = hr->sctp_len,
	};
	int ret;

	dp->st.icmp_reports++;
	ret = sct_stack_icmp(dp->stack, &r, now);
	if (ret) {
		/* Not about one of our associations, or a forged quote: the cache stays. */
		dp->st.icmp_refused++;
		return ret;
	}
	if (hr->kind == SCT_HOST_ICMP_PTB)
		sct_host_pmtu_update(dp->host, &hr->dst, hr->mtu, now);
	return 0;
}

int datapath_ip_in(struct datapath *dp, const uint8_t *pkt, size_t len, sct_time_t now)
{
	struct sct_host_rx rx;
	struct sct_pktinfo pi;
	int ret;

	ret = sct_host_input(dp->host, pkt, len, now, &rx);
	if (ret) {
		dp->st.host_drops++;
		return ret;
	}
	switch (rx.kind) {
	case SCT_HOST_RX_SCTP:
		memset(&pi, 0, sizeof(pi));
		pi.src = rx.src;
		pi.dst = rx.dst;
		pi.ecn = rx.ecn;
		return datapath_sctp_in(dp, &pi, rx.data, rx.len, now);
	case SCT_HOST_RX_ICMP:
		return icmp_in(dp, &rx.icmp, now);
	default:
		return 0; /* answered or held by the host layer */
	}
}

/* ------------------------------------------------------------------ TUN */

static void tun_handler(struct loop *l, struct loop_ref *ref, uint32_t events, sct_time_t now)
{
	struct datapath *dp = ref->ptr;
	int i;

	if ((events & EPOLLOUT) && dp->tun_blocked) {
		dp->tun_blocked = false;
		loop_mod(l, ref, EPOLLIN);
		/* datapath_flush() at the end of the turn writes what is held */
	}
	if (!(events & (EPOLLIN | EPOLLERR | EPOLLHUP)))
		return;
	for (i = 0; i < LOOP_BATCH; i++) {
		ssize_t n = read(ref->fd, dp->buf, sizeof(dp->buf));

		if (n < 0) {
			if (errno != EAGAIN && errno != EINTR)
				sct_log(SCT_LOG_WARN, "TUN read: %s", strerror(errno));
			break;
		}
		if (n == 0)
			break;
		dp->st.tun_in++;
		pcap_record(dp->pcap, now, dp->buf, (size_t)n);
		datapath_ip_in(dp, dp->buf, (size_t)n, now);
	}
}

int datapath_attach_tun(struct datapath *dp, int fd)
{
	dp->tun.type = LOOP_REF_TUN;
	dp->tun.fd = fd;
	dp->tun.ptr = dp;
	loop_set_handler(dp->loop, LOOP_REF_TUN, tun_handler);
	return loop_add(dp->loop, &dp->tun, EPOLLIN);
}

/* Write one packet; false when the TUN is full (the caller holds it). */
static bool tun_write(struct datapath *dp, const uint8_t *pkt, size_t len, sct_time_t now)
{
	ssize_t n = write(dp->tun.fd, pkt, len);

	if (n < 0 && (errno == EAGAIN || errno == ENOBUFS))
		return false;
	if (n < 0) {
		sct_log(SCT_LOG_DEBUG, "TUN write of %zu bytes: %s", len, strerror(errno));
		dp->st.out_errors++;
		return true;
	}
	dp->st.tun_out++;
	pcap_record(dp->pcap, now, pkt, len);
	return true;
}

/* The host's queue to the TUN.  Return: false when the TUN is full. */
static bool tun_push(struct datapath *dp, sct_time_t now)
{
	const uint8_t *pkt;
	size_t len;

	if (dp->tun_blocked)
		return false;
	/* written from the host's queue; one the TUN refuses stays at its head */
	while ((pkt = sct_host_peek(dp->host, &len))) {
		if (!tun_write(dp, pkt, len, now))
			goto blocked;
		sct_host_pop(dp->host);
	}
	return true;
blocked:
	dp->tun_blocked = true;
	loop_mod(dp->loop, &dp->tun, EPOLLIN | EPOLLOUT);
	return false;
}

/* ------------------------------------------------------------------ UDP */

static void udp_handler(struct loop *l, struct loop_ref *ref, uint32_t events, sct_time_t now)
{
	struct datapath *dp = ref->ptr;
	int i;

	for (i = 0; i < LOOP_BATCH; i++) {
		struct sct_pktinfo pi;
		int n, w;

		memset(&pi, 0, sizeof(pi));
		n = udp_recv(ref->fd, dp->buf, sizeof(dp->buf), &pi.src, &pi.encap_sport, &pi.dst);
		if (n == -EAGAIN)
			break;
		if (n < 0) {
			sct_log(SCT_LOG_DEBUG, "UDP receive: %s", strerror(-n));
			continue;
		}
		dp->st.udp_in++;
		pi.encap_dport = dp->udp.port;
		w = pcap_wrap_udp(dp->wrap, sizeof(dp->wrap), &pi.src, &pi.dst, pi.encap_sport,
				  pi.encap_dport, dp->buf, (size_t)n);
		if (w > 0)
			pcap_record(dp->pcap, now, dp->wrap, (size_t)w);
		/* RFC 6951 5.4: a datagram from port 0 is discarded (the core checks too) */
		if (pi.encap_sport == 0)
			continue;
		datapath_sctp_in(dp, &pi, dp->buf, (size_t)n, now);
	}
}

int datapath_attach_udp(struct datapath *dp)
{
	int i, ret;

	loop_set_handler(dp->loop, LOOP_REF_UDP, udp_handler);
	for (i = 0; i < 2; i++) {
		if (dp->udp.fd[i] < 0)
			continue;
		dp->udp_ref[i].type = LOOP_REF_UDP;
		dp->udp_ref[i].fd = dp->udp.fd[i];
		dp->udp_ref[i].ptr = dp;
		ret = loop_add(dp->loop, &dp->udp_ref[i], EPOLLIN);
		if (ret)
			return ret;
	}
	return 0;
}

static void udp_out(struct datapath *dp, const struct sct_pktinfo *pi, const uint8_t *pkt,
		    size_t len, sct_time_t now)
{
	struct sct_addr src = pi->src;
	int ret, w;

	ret = udp_send(&dp->udp, &pi->src, &pi->dst, pi->encap_dport, pkt, len);
	if (ret) {
		/* A full socket buffer loses the packet: the core's timers send it again. */
		sct_log(SCT_LOG_DEBUG, "UDP send of %zu bytes: %s", len, strerror(-ret));
		dp->st.out_errors++;
		return;
	}
	dp->st.udp_out++;
	if (!dp->pcap->f)
		return;
	if (src.af != pi->dst.af) { /* the kernel chose; show the unspecified address */
		memset(&src, 0, sizeof(src));
		src.af = pi->dst.af;
	}
	w = pcap_wrap_udp(dp->wrap, sizeof(dp->wrap), &src, &pi->dst, dp->udp.port, pi->encap_dport,
			  pkt, len);
	if (w > 0)
		pcap_record(dp->pcap, now, dp->wrap, (size_t)w);
}

/* ------------------------------------------------------------------ out */

/* RFC 9260 7.3 via -EMSGSIZE: tell the core the path MTU as an ICMP "too big" would. */
static void too_big(struct datapath *dp, const struct sct_host_tx *tx, sct_time_t now)
{
	struct sct_icmp_report r = {
	    .kind = SCT_ICMP_FRAG_NEEDED,
	    .src = tx->src,
	    .dst = tx->dst,
	    .sctp = tx->data,
	    .sctp_len = tx->len,
	};

	r.mtu = sct_host_pmtu(dp->host, &tx->dst, now);
	if (r.src.af != r.dst.af)
		sct_host_source(dp->host, &r.dst, &r.src);
	sct_stack_icmp(dp->stack, &r, now);
}

static void ip_out(struct datapath *dp, const struct sct_pktinfo *pi, const uint8_t *pkt,
		   size_t len, sct_time_t now)
{
	struct sct_host_tx tx = {
	    .src = pi->src,
	    .dst = pi->dst,
	    .data = pkt,
	    .len = len,
	    .df = pi->flags & SCT_PKT_DF,
	    .ecn = pi->ecn,
	    .flow = pi->flowlabel,
	};
	int ret;

	if (!dp->host && (dp->udp.fd[0] >= 0 || dp->udp.fd[1] >= 0)) {
		/*
		 * UDP only (-u, no TUN): a path the core has no encapsulation
		 * port for, which is one of an association a local program
		 * started, can only go over UDP (RFC 6951 5.1 leaves the remote
		 * port to configuration): the peer's port is taken to be ours,
		 * 9899 (sctp-tunneling) unless -u says otherwise.
		 */
		struct sct_pktinfo upi = *pi;

		upi.encap_dport = dp->udp.port;
		udp_out(dp, &upi, pkt, len, now);
		return;
	}
	if (!dp->host) {
		dp->st.out_errors++;
		return;
	}
	ret = sct_host_output_sctp(dp->host, &tx, now);
	if (ret == -EMSGSIZE) {
		too_big(dp, &tx, now);
	} else if (ret) {
		char a[SCT_ADDR_STRLEN];

		sct_log(SCT_LOG_DEBUG, "SCTP packet to %s not sent: %s",
			sct_addr_fmt(&pi->dst, a, sizeof(a)), strerror(-ret));
		dp->st.out_errors++;
	}
}

/*
 * A packet to one of our own addresses (127.0.0.1, ::1, an -a address): two
 * sockets of this sctund talking.  It goes straight back into the core, which
 * runs the whole of SCTP on it as for any peer (the internal loopback path).
 */
static void loop_back(struct datapath *dp, const struct sct_pktinfo *pi, const uint8_t *pkt,
		      size_t len, sct_time_t now)
{
	struct sct_pktinfo in;

	memset(&in, 0, sizeof(in));
	in.src = pi->src.af == pi->dst.af ? pi->src : pi->dst;
	in.dst = pi->dst;
	dp->st.loopback++;
	datapath_sctp_in(dp, &in, pkt, len, now);
}

void datapath_flush(struct datapath *dp, sct_time_t now)
{
	for (;;) {
		int i, n = 0;

		if (dp->host && !tun_push(dp, now))
			return; /* EPOLLOUT brings us back */
		for (i = 0; i < FLUSH_BATCH; i++) {
			struct sct_pktinfo pi;

			memset(&pi, 0, sizeof(pi));
			n = sct_stack_output(dp->stack, dp->buf, sizeof(dp->buf), &pi, now);
			if (n <= 0)
				break;
			if (pi.encap_dport)
				udp_out(dp, &pi, dp->buf, (size_t)n, now);
			else if (sct_stack_has_addr(dp->stack, &pi.dst))
				loop_back(dp, &pi, dp->buf, (size_t)n, now);
			else
				ip_out(dp, &pi, dp->buf, (size_t)n, now);
		}
		if (n <= 0)
			break;
	}
	if (dp->host)
		tun_push(dp, now);
}

void datapath_timers(struct datapath *dp, sct_time_t now)
{
	if (sct_stack_next_expiry(dp->stack) <= now)
		sct_stack_advance_time(dp->stack, now);
	if (dp->host && sct_host_next_expiry(dp->host) <= now)
		sct_host_advance_time(dp->host, now);
}

sct_time_t datapath_next_expiry(const struct datapath *dp)
{
	sct_time_t a = sct_stack_next_expiry(dp->stack), b = SCT_TIME_NEVER;

	if (dp->host)
		b = sct_host_next_expiry(dp->host);
	return a < b ? a : b;
}

void datapath_close(struct datapath *dp)
{
	int i;

	if (dp->tun.fd >= 0) {
		loop_del(dp->loop, &dp->tun);
		close(dp->tun.fd);
		dp->tun.fd = -1;
	}
	for (i = 0; i < 2; i++)
		if (dp->udp_ref[i].fd >= 0) {
			loop_del(dp->loop, &dp->udp_ref[i]);
			dp->udp_ref[i].fd = -1;
		}
	udp_close(&dp->udp);
}
