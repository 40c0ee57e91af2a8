/* SPDX-License-Identifier: MIT */
/* sctp_api.c: the RFC 6458 API of libsctun (linked, not preloaded) against a running sctund. */
#include "config.h"

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stddef.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sctun/sctp.h>

/*
 * Usage: sctp_api PORT (sctund found through SCTUN_SOCKET; ports PORT to
 * PORT+2 on 127.0.0.1, over sctund's loopback path).  Every step checks
 * what it got; the first wrong answer ends the run with exit status 1 and
 * the step's name.  Each receive waits at most five seconds.
 */

static int failed;

static void check(int ok, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	printf("%s: ", ok ? "ok" : "FAIL");
	vprintf(fmt, ap);
	printf("\n");
	va_end(ap);
	fflush(stdout);
	if (!ok) {
		failed = 1;
		exit(1);
	}
}

static struct sockaddr_in addr4(uint16_t port)
{
	struct sockaddr_in a;

	memset(&a, 0, sizeof(a));
	a.sin_family = AF_INET;
	a.sin_port = htons(port);
	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	return a;
}

static int wait_in(int fd)
{
	struct pollfd p = {.fd = fd, .events = POLLIN};

	return poll(&p, 1, 5000) == 1 && (p.revents & POLLIN);
}

static int one_to_many(void)
{
	int fd = socket(AF_INET, SOCK_SEQPACKET, IPPROTO_SCTP);

	check(fd >= 0, "socket(AF_INET, SOCK_SEQPACKET, IPPROTO_SCTP): %d (%s)", fd,
	      fd < 0 ? strerror(errno) : "");
	return fd;
}

/* Receive until a notification; data before it fails the test. */
static void expect_assoc_change(int fd, uint16_t state, sctp_assoc_t *id, const char *who)
{
	union {
		struct sctp_assoc_change sac;
		uint8_t b[512];
	} u;
	struct sctp_sndrcvinfo si;
	int flags = 0, n;

	check(wait_in(fd), "%s: readable for SCTP_ASSOC_CHANGE", who);
	n = sctp_recvmsg(fd, u.b, sizeof(u.b), NULL, NULL, &si, &flags);
	check(n >= (int)sizeof(u.sac) && (flags & MSG_NOTIFICATION) && (flags & MSG_EOR),
	      "%s: a whole notification (%d bytes, flags %#x)", who, n, flags);
	check(u.sac.sac_type == SCTP_ASSOC_CHANGE && u.sac.sac_state == state &&
		  u.sac.sac_length == (uint32_t)n,
	      "%s: SCTP_ASSOC_CHANGE state %u (got type %#x state %u)", who, state, u.sac.sac_type,
	      u.sac.sac_state);
	if (state == SCTP_COMM_UP)
		check(u.sac.sac_outbound_streams > 0 && u.sac.sac_inbound_streams > 0,
		      "%s: COMM_UP with streams %u/%u", who, u.sac.sac_outbound_streams,
		      u.sac.sac_inbound_streams);
	if (*id)
		check(u.sac.sac_assoc_id == *id, "%s: association %d", who, *id);
	*id = u.sac.sac_assoc_id;
}

/* One message: its bytes, sid, ppid, flags and source. */
static void expect_msg(int fd, const char *text, uint16_t sid, uint32_t ppid, uint16_t uflags,
		       sctp_assoc_t id, uint16_t from_port, const char *who)
{
	struct sockaddr_in from;
	socklen_t fl = sizeof(from);
	struct sctp_sndrcvinfo si;
	char buf[256];
	int flags = 0, n;

	check(wait_in(fd), "%s: readable", who);
	n = sctp_recvmsg(fd, buf, sizeof(buf), (struct sockaddr *)&from, &fl, &si, &flags);
	check(n == (int)strlen(text) && !memcmp(buf, text, (size_t)n), "%s: \"%s\" (%d bytes)", who,
	      text, n);
	check((flags & MSG_EOR) && !(flags & MSG_NOTIFICATION), "%s: MSG_EOR, no notification",
	      who);
	check(si.sinfo_stream == sid && si.sinfo_ppid == ppid &&
		  (si.sinfo_flags & SCTP_UNORDERED) == uflags,
	      "%s: sid %u ppid %#x flags %#x (got %u %#x %#x)", who, sid, ppid, uflags,
	      si.sinfo_stream, si.sinfo_ppid, si.sinfo_flags);
	if (id)
		check(si.sinfo_assoc_id == id, "%s: association %d", who, id);
	if (from_port)
		check(fl == sizeof(from) && from.sin_family == AF_INET &&
			  ntohs(from.sin_port) == from_port &&
			  from.sin_addr.s_addr == htonl(INADDR_LOOPBACK),
		      "%s: from 127.0.0.1:%u", who, from_port);
}

static void addresses(int c, sctp_assoc_t id, uint16_t sport, uint16_t cport)
{
	struct sockaddr *addrs;
	struct sockaddr_in a;
	struct sctp_status st;
	socklen_t len = sizeof(st);
	int n;

	n = sctp_getpaddrs(c, id, &addrs);
	check(n == 1, "sctp_getpaddrs: 1 address (%d)", n);
	memcpy(&a, addrs, sizeof(a));
	check(a.sin_family == AF_INET && ntohs(a.sin_port) == sport &&
		  a.sin_addr.s_addr == htonl(INADDR_LOOPBACK),
	      "sctp_getpaddrs: 127.0.0.1:%u", sport);
	sctp_freepaddrs(addrs);
	n = sctp_getladdrs(c, id, &addrs);
	check(n == 1, "sctp_getladdrs: 1 address (%d)", n);
	memcpy(&a, addrs, sizeof(a));
	check(a.sin_family == AF_INET && ntohs(a.sin_port) == cport, "sctp_getladdrs: port %u (%u)",
	      cport, ntohs(a.sin_port));
	sctp_freeladdrs(addrs);
	memset(&st, 0, sizeof(st));
	check(sctp_opt_info(c, id, SCTP_STATUS, &st, &len) == 0, "sctp_opt_info(SCTP_STATUS)");
	memcpy(&a, &st.sstat_primary.spinfo_address, sizeof(a));
	check(st.sstat_assoc_id == id && st.sstat_state == SCTP_ESTABLISHED &&
		  st.sstat_outstrms > 0 && ntohs(a.sin_port) == sport,
	      "SCTP_STATUS: association %d established, primary port %u", id, sport);
	check(sctp_getaddrlen(AF_INET) == sizeof(struct sockaddr_in) &&
		  sctp_getaddrlen(AF_INET6) == sizeof(struct sockaddr_in6) &&
		  sctp_getaddrlen(AF_UNIX) == -1,
	      "sctp_getaddrlen");
}

/* sctp_sendv with SCTP_SNDINFO; sctp_recvv with SCTP_RCVINFO, then with SCTP_NXTINFO too. */
static void sendv_recvv(int c, int s, sctp_assoc_t cid, sctp_assoc_t sid)
{
	struct sctp_sndinfo snd = {.snd_sid = 2, .snd_ppid = 9, .snd_assoc_id = cid};
	struct sctp_recvv_rn rn;
	struct iovec iov[2];
	char b1[4] = "abc", b2[4] = "def", buf[64];
	socklen_t il;
	unsigned type;
	int on = 1, flags, n;

	check(setsockopt(s, IPPROTO_SCTP, SCTP_RECVRCVINFO, &on, sizeof(on)) == 0,
	      "setsockopt(SCTP_RECVRCVINFO)");
	iov[0].iov_base = b1;
	iov[0].iov_len = 3;
	iov[1].iov_base = b2;
	iov[1].iov_len = 3;
	n = sctp_sendv(c, iov, 2, NULL, 0, &snd, sizeof(snd), SCTP_SENDV_SNDINFO, 0);
	check(n == 6, "sctp_sendv: 6 bytes (%d)", n);
	iov[0].iov_base = buf;
	iov[0].iov_len = sizeof(buf);
	check(wait_in(s), "sctp_recvv: readable");
	il = sizeof(rn);
	flags = 0;
	n = sctp_recvv(s, iov, 1, NULL, NULL, &rn, &il, &type, &flags);
	check(n == 6 && !memcmp(buf, "abcdef", 6) && (flags & MSG_EOR), "sctp_recvv: \"abcdef\"");
	check(type == SCTP_RECVV_RCVINFO && il == sizeof(struct sctp_rcvinfo) &&
		  rn.recvv_rcvinfo.rcv_sid == 2 && rn.recvv_rcvinfo.rcv_ppid == 9 &&
		  rn.recvv_rcvinfo.rcv_assoc_id == sid,
	      "sctp_recvv: SCTP_RCVINFO sid 2 ppid 9 association %d (type %u)", sid, type);
	/* two messages queued: the first comes with the second's SCTP_NXTINFO */
	check(setsockopt(s, IPPROTO_SCTP, SCTP_RECVNXTINFO, &on, sizeof(on)) == 0,
	      "setsockopt(SCTP_RECVNXTINFO)");
	snd.snd_sid = 4;
	snd.snd_ppid = 44;
	iov[0].iov_base = b1;
	iov[0].iov_len = 3;
	check(sctp_sendv(c, iov, 1, NULL, 0, &snd, sizeof(snd), SCTP_SENDV_SNDINFO, 0) == 3 &&
		  sctp_sendv(c, iov, 1, NULL, 0, &snd, sizeof(snd), SCTP_SENDV_SNDINFO, 0) == 3,
	      "sctp_sendv twice");
	check(wait_in(s), "readable");
	usleep(300 * 1000); /* the second message reaches the socket too */
	iov[0].iov_base = buf;
	iov[0].iov_len = sizeof(buf);
	il = sizeof(rn);
	flags = 0;
	n = sctp_recvv(s, iov, 1, NULL, NULL, &rn, &il, &type, &flags);
	check(n == 3 && type == SCTP_RECVV_RN && rn.recvv_nxtinfo.nxt_sid == 4 &&
		  rn.recvv_nxtinfo.nxt_ppid == 44 && rn.recvv_nxtinfo.nxt_length == 3 &&
		  rn.recvv_nxtinfo.nxt_assoc_id == sid,
	      "sctp_recvv: SCTP_RECVV_RN, next: sid 4 ppid 44, 3 bytes (type %u)", type);
	il = sizeof(rn);
	n = sctp_recvv(s, iov, 1, NULL, NULL, &rn, &il, &type, &flags);
	check(n == 3 && type == SCTP_RECVV_RCVINFO, "sctp_recvv: the last one has no next (%u)",
	      type);
	on = 0;
	setsockopt(s, IPPROTO_SCTP, SCTP_RECVRCVINFO, &on, sizeof(on));
	setsockopt(s, IPPROTO_SCTP, SCTP_RECVNXTINFO, &on, sizeof(on));
}

static void subscribe(int fd, const char *who)
{
	struct sctp_event ev;

	memset(&ev, 0, sizeof(ev));
	ev.se_type = SCTP_ASSOC_CHANGE;
	ev.se_on = 1;
	check(setsockopt(fd, IPPROTO_SCTP, SCTP_EVENT, &ev, sizeof(ev)) == 0,
	      "%s: SCTP_EVENT association on", who);
	ev.se_type = SCTP_DATA_IO_EVENT;
	check(setsockopt(fd, IPPROTO_SCTP, SCTP_EVENT, &ev, sizeof(ev)) == 0,
	      "%s: SCTP_EVENT data_io on", who);
}

/* A new one-to-many socket sends to the listener with no connect (RFC 6458 3.1.3). */
static void implicit_setup(int s, uint16_t sport)
{
	struct sockaddr_in to = addr4(sport);
	struct msghdr mh;
	char x[] = "x";
	struct iovec iov = {.iov_base = x, .iov_len = 1};
	sctp_assoc_t cid = 0, sid = 0;
	int c = one_to_many(), n;

	subscribe(c, "implicit");
	memset(&mh, 0, sizeof(mh));
	mh.msg_iov = &iov;
	mh.msg_iovlen = 1;
	n = (int)sendmsg(c, &mh, 0);
	check(n == -1 && errno == EINVAL, "sendmsg with no address or association: EINVAL");
	n = sctp_sendmsg(c, "implicit", 8, (struct sockaddr *)&to, sizeof(to), 77, 0, 1, 0, 0);
	check(n == 8, "sctp_sendmsg to 127.0.0.1:%u with no association: 8 bytes", sport);
	expect_assoc_change(c, SCTP_COMM_UP, &cid, "implicit client");
	expect_assoc_change(s, SCTP_COMM_UP, &sid, "server, implicit association");
	expect_msg(s, "implicit", 1, 77, 0, sid, 0, "server, implicit association");
	n = sctp_sendmsg(c, NULL, 0, NULL, 0, 0, SCTP_EOF, 0, 0, 0);
	check(n == -1 && errno == EINVAL, "SCTP_EOF with no association: EINVAL");
	{
		struct sctp_sndrcvinfo si = {.sinfo_flags = SCTP_EOF, .sinfo_assoc_id = cid};

		check(sctp_send(c, NULL, 0, &si, 0) == 0, "sctp_send(SCTP_EOF) on association %d",
		      cid);
	}
	expect_assoc_change(c, SCTP_SHUTDOWN_COMP, &cid, "implicit client");
	expect_assoc_change(s, SCTP_SHUTDOWN_COMP, &sid, "server, implicit association");
	close(c);
}

/* RFC 6458 section 8, set before the association exists: SCTP_FUTURE_ASSOC (0). */
static void tune_future(int c)
{
	int r;
	struct sctp_rtoinfo rt = {
	    .srto_assoc_id = 0, .srto_initial = 1500, .srto_max = 8000, .srto_min = 800};
	struct sctp_assocparams ap;
	struct sctp_sack_info si = {.sack_assoc_id = 0, .sack_delay = 120, .sack_freq = 2};
	socklen_t len;

	check(setsockopt(c, IPPROTO_SCTP, SCTP_RTOINFO, &rt, sizeof(rt)) == 0,
	      "SCTP_RTOINFO for future associations");
	check(setsockopt(c, IPPROTO_SCTP, SCTP_RTOINFO, &rt, 8) == -1 && errno == EINVAL,
	      "SCTP_RTOINFO of the wrong length: EINVAL");
	rt.srto_assoc_id = 12345;
	check(setsockopt(c, IPPROTO_SCTP, SCTP_RTOINFO, &rt, sizeof(rt)) == -1 && errno == EINVAL,
	      "SCTP_RTOINFO for an association the socket does not have: EINVAL");
	memset(&ap, 0, sizeof(ap));
	ap.sasoc_asocmaxrxt = 5;
	check(setsockopt(c, IPPROTO_SCTP, SCTP_ASSOCINFO, &ap, sizeof(ap)) == 0,
	      "SCTP_ASSOCINFO asocmaxrxt 5 for future associations");
	check(setsockopt(c, IPPROTO_SCTP, SCTP_DELAYED_SACK, &si, sizeof(si)) == 0,
	      "SCTP_DELAYED_SACK 120 ms for future associations");
	memset(&si, 0, sizeof(si));
	len = sizeof(si);
	r = getsockopt(c, IPPROTO_SCTP, SCTP_DELAYED_SACK, &si, &len);
	check(r == 0 && si.sack_delay == 120 && si.sack_freq == 2,
	      "SCTP_DELAYED_SACK reads back (%u, %u)", si.sack_delay, si.sack_freq);
}

/* RFC 6458 section 8 on the association @cid of the one-to-many socket @c. */
static void tune_assoc(int c, int s, sctp_assoc_t cid, sctp_assoc_t sid, uint16_t sport)
{
	int r;
	struct sockaddr_in sa = addr4(sport);
	struct sctp_rtoinfo rt = {.srto_assoc_id = cid};
	struct sctp_assocparams ap = {.sasoc_assoc_id = cid};
	struct sctp_paddrinfo pi;
	struct sctp_paddrparams pp;
	struct sctp_sack_info si = {.sack_assoc_id = cid};
	struct sctp_assoc_value av = {.assoc_id = cid}, old;
	struct sctp_assoc_stats st;
	uint8_t idbuf[sizeof(struct sctp_assoc_ids) + 8 * sizeof(sctp_assoc_t)];
	struct sctp_assoc_ids *ids = (struct sctp_assoc_ids *)idbuf;
	socklen_t len = sizeof(rt);
	uint32_t n;
	int x;

	r = sctp_opt_info(c, cid, SCTP_RTOINFO, &rt, &len);
	check(r == 0 && rt.srto_initial == 1500 && rt.srto_min == 800 && rt.srto_max == 8000,
	      "the association took the socket's SCTP_RTOINFO (%u %u %u)", rt.srto_initial,
	      rt.srto_min, rt.srto_max);
	len = sizeof(ap);
	r = getsockopt(c, IPPROTO_SCTP, SCTP_ASSOCINFO, &ap, &len);
	check(r == 0 && ap.sasoc_asocmaxrxt == 5 && ap.sasoc_number_peer_destinations == 1 &&
		  ap.sasoc_peer_rwnd > 0,
	      "SCTP_ASSOCINFO: asocmaxrxt %u, %u destination", ap.sasoc_asocmaxrxt,
	      ap.sasoc_number_peer_destinations);
	/* RTO.Min 800 shows in the path's RTO: 800 once measured on loopback, else 1500 */
	memset(&pi, 0, sizeof(pi));
	pi.spinfo_assoc_id = cid;
	memcpy(&pi.spinfo_address, &sa, sizeof(sa));
	len = sizeof(pi);
	r = getsockopt(c, IPPROTO_SCTP, SCTP_GET_PEER_ADDR_INFO, &pi, &len);
	check(r == 0 && (pi.spinfo_rto == 800 || pi.spinfo_rto == 1500) &&
		  pi.spinfo_state == SCTP_ACTIVE,
	      "SCTP_GET_PEER_ADDR_INFO: rto %u, state %d", pi.spinfo_rto, pi.spinfo_state);
	/* one path: heartbeats every 4 s, read back through the older, shorter struct */
	memset(&pp, 0, sizeof(pp));
	pp.spp_assoc_id = cid;
	memcpy(&pp.spp_address, &sa, sizeof(sa));
	pp.spp_hbinterval = 4000;
	pp.spp_pathmaxrxt = 3;
	pp.spp_flags = SPP_HB_ENABLE;
	check(setsockopt(c, IPPROTO_SCTP, SCTP_PEER_ADDR_PARAMS, &pp, sizeof(pp)) == 0,
	      "SCTP_PEER_ADDR_PARAMS for one address");
	pp.spp_flags = SPP_HB_ENABLE | SPP_HB_DISABLE;
	check(setsockopt(c, IPPROTO_SCTP, SCTP_PEER_ADDR_PARAMS, &pp, sizeof(pp)) == -1 &&
		  errno == EINVAL,
	      "SCTP_PEER_ADDR_PARAMS with SPP_HB_ENABLE and SPP_HB_DISABLE: EINVAL");
	memset(&pp, 0, sizeof(pp));
	pp.spp_assoc_id = cid;
	memcpy(&pp.spp_address, &sa, sizeof(sa));
	len = (socklen_t)((offsetof(struct sctp_paddrparams, spp_ipv6_flowlabel) + 3) & ~3u);
	r = getsockopt(c, IPPROTO_SCTP, SCTP_PEER_ADDR_PARAMS, &pp, &len);
	check(r == 0 && pp.spp_hbinterval == 4000 && pp.spp_pathmaxrxt == 3 &&
		  (pp.spp_flags & SPP_HB_ENABLE),
	      "SCTP_PEER_ADDR_PARAMS reads back (old size %u): hb %u, pathmaxrxt %u", len,
	      pp.spp_hbinterval, pp.spp_pathmaxrxt);
	/* delayed SACK: inherited, then per association; the old struct form */
	len = sizeof(si);
	r = getsockopt(c, IPPROTO_SCTP, SCTP_DELAYED_SACK, &si, &len);
	check(r == 0 && si.sack_delay == 120, "the association took SCTP_DELAYED_SACK (%u)",
	      si.sack_delay);
	old.assoc_id = cid;
	old.assoc_value = 0;
	check(setsockopt(c, IPPROTO_SCTP, SCTP_DELAYED_SACK, &old, sizeof(old)) == 0,
	      "SCTP_DELAYED_SACK, old form, 0: no delayed SACK");
	si.sack_assoc_id = cid;
	len = sizeof(si);
	r = getsockopt(c, IPPROTO_SCTP, SCTP_DELAYED_SACK, &si, &len);
	check(r == 0 && si.sack_freq == 1, "... reads as sack_freq 1");
	/* max burst, maxseg, context */
	av.assoc_value = 2;
	check(setsockopt(c, IPPROTO_SCTP, SCTP_MAX_BURST, &av, sizeof(av)) == 0,
	      "SCTP_MAX_BURST 2");
	av.assoc_value = 0;
	len = sizeof(av);
	r = getsockopt(c, IPPROTO_SCTP, SCTP_MAX_BURST, &av, &len);
	check(r == 0 && av.assoc_value == 2, "SCTP_MAX_BURST reads back");
	av.assoc_value = 77;
	check(setsockopt(c, IPPROTO_SCTP, SCTP_CONTEXT, &av, sizeof(av)) == 0, "SCTP_CONTEXT 77");
	av.assoc_value = 0;
	len = sizeof(av);
	r = getsockopt(c, IPPROTO_SCTP, SCTP_CONTEXT, &av, &len);
	check(r == 0 && av.assoc_value == 77, "SCTP_CONTEXT reads back");
	/* statistics count what was sent */
	memset(&st, 0, sizeof(st));
	st.sas_assoc_id = cid;
	len = sizeof(st);
	r = getsockopt(c, IPPROTO_SCTP, SCTP_GET_ASSOC_STATS, &st, &len);
	check(r == 0 && st.sas_oodchunks >= 3 && st.sas_opackets >= 3 && st.sas_ipackets >= 3,
	      "SCTP_GET_ASSOC_STATS: %llu DATA chunks out, %llu packets out",
	      (unsigned long long)st.sas_oodchunks, (unsigned long long)st.sas_opackets);
	check(setsockopt(c, IPPROTO_SCTP, SCTP_GET_ASSOC_STATS, &st, sizeof(st)) == -1 &&
		  errno == ENOPROTOOPT,
	      "SCTP_GET_ASSOC_STATS is read only: ENOPROTOOPT");
	/* the server's associations */
	len = sizeof(n);
	r = getsockopt(s, IPPROTO_SCTP, SCTP_GET_ASSOC_NUMBER, &n, &len);
	check(r == 0 && n == 1, "SCTP_GET_ASSOC_NUMBER: %u", n);
	len = sizeof(idbuf);
	r = getsockopt(s, IPPROTO_SCTP, SCTP_GET_ASSOC_ID_LIST, idbuf, &len);
	check(r == 0 && ids->gaids_number_of_ids == 1 && ids->gaids_assoc_id[0] == sid,
	      "SCTP_GET_ASSOC_ID_LIST: [%d]", ids->gaids_assoc_id[0]);
	len = sizeof(struct sctp_assoc_ids);
	check(getsockopt(s, IPPROTO_SCTP, SCTP_GET_ASSOC_ID_LIST, idbuf, &len) == -1 &&
		  errno == EINVAL,
	      "SCTP_GET_ASSOC_ID_LIST with no room: EINVAL");
	x = 60;
	check(setsockopt(s, IPPROTO_SCTP, SCTP_AUTOCLOSE, &x, sizeof(x)) == 0,
	      "SCTP_AUTOCLOSE 60 on a one-to-many socket");
	x = 0;
	len = sizeof(x);
	r = getsockopt(s, IPPROTO_SCTP, SCTP_AUTOCLOSE, &x, &len);
	check(r == 0 && x == 60, "SCTP_AUTOCLOSE reads back");
	x = 0;
	check(setsockopt(s, IPPROTO_SCTP, SCTP_AUTOCLOSE, &x, sizeof(x)) == 0, "SCTP_AUTOCLOSE 0");
	{
		struct sctp_setadaptation ad = {.ssb_adaptation_ind = 0x1234};

		check(setsockopt(s, IPPROTO_SCTP, SCTP_ADAPTATION_LAYER, &ad, sizeof(ad)) == 0,
		      "SCTP_ADAPTATION_LAYER 0x1234");
		ad.ssb_adaptation_ind = 0;
		len = sizeof(ad);
		r = getsockopt(s, IPPROTO_SCTP, SCTP_ADAPTATION_LAYER, &ad, &len);
		check(r == 0 && ad.ssb_adaptation_ind == 0x1234,
		      "SCTP_ADAPTATION_LAYER reads back");
	}
}

/* DATA chunks @c has sent on association @cid so far (SCTP_GET_ASSOC_STATS). */
static unsigned long long data_out(int c, sctp_assoc_t cid)
{
	struct sctp_assoc_stats st;
	socklen_t len = sizeof(st);
	int r;

	memset(&st, 0, sizeof(st));
	st.sas_assoc_id = cid;
	r = getsockopt(c, IPPROTO_SCTP, SCTP_GET_ASSOC_STATS, &st, &len);
	check(r == 0, "SCTP_GET_ASSOC_STATS of %d", cid);
	return (unsigned long long)st.sas_oodchunks;
}

/*
 * SCTP_MAXSEG on the association: a 3000-byte message leaves as six DATA
 * chunks of 500 bytes (counted by SCTP_GET_ASSOC_STATS) and arrives whole.
 */
static void maxseg_effect(int c, int s, sctp_assoc_t cid, uint16_t sport)
{
	struct sockaddr_in sa = addr4(sport);
	struct sctp_assoc_value av = {.assoc_id = cid, .assoc_value = 500};
	struct sctp_sndrcvinfo si;
	static char msg[3000], got[4000];
	unsigned long long before;
	int flags = 0, n, r;
	size_t i;

	for (i = 0; i < sizeof(msg); i++)
		msg[i] = (char)(i * 7 + 1);
	r = setsockopt(c, IPPROTO_SCTP, SCTP_MAXSEG, &av, sizeof(av));
	check(r == 0, "SCTP_MAXSEG 500 on association %d", cid);
	before = data_out(c, cid);
	n = sctp_sendmsg(c, msg, sizeof(msg), (struct sockaddr *)&sa, sizeof(sa), 0, 0, 0, 0, 0);
	check(n == (int)sizeof(msg), "sctp_sendmsg of 3000 bytes (%d)", n);
	check(wait_in(s), "server: readable for the 3000 bytes");
	n = sctp_recvmsg(s, got, sizeof(got), NULL, NULL, &si, &flags);
	check(n == (int)sizeof(msg) && (flags & MSG_EOR) && !memcmp(got, msg, sizeof(msg)),
	      "server: the 3000 bytes, whole and equal (%d)", n);
	n = (int)(data_out(c, cid) - before);
	check(n == 6, "SCTP_MAXSEG 500: 6 DATA chunks for 3000 bytes (%d)", n);
	av.assoc_value = 0;
	r = setsockopt(c, IPPROTO_SCTP, SCTP_MAXSEG, &av, sizeof(av));
	check(r == 0, "SCTP_MAXSEG 0: the path MTU decides again");
}

/*
 * RFC 6458 8.1.31 / 8.1.10 / 8.1.32: default send parameters apply to a send
 * without SCTP_SNDRCV/SNDINFO (sendto), the association's before the
 * socket's; what was set reads back; flags Linux refuses and PR-SCTP policies
 * (not implemented) fail with EINVAL.
 */
static void default_send(int c, int s, sctp_assoc_t cid, sctp_assoc_t sid, uint16_t sport)
{
	struct sockaddr_in sa = addr4(sport);
	struct sctp_sndinfo si = {.snd_sid = 2,
				  .snd_flags = SCTP_UNORDERED,
				  .snd_ppid = 0xabcd,
				  .snd_context = 77,
				  .snd_assoc_id = cid};
	struct sctp_sndrcvinfo sr = {.sinfo_stream = 1, .sinfo_ppid = 0x99, .sinfo_assoc_id = 0};
	struct sctp_default_prinfo pr = {.pr_assoc_id = cid, .pr_policy = SCTP_PR_SCTP_TTL};
	socklen_t len;
	int r;

	check(setsockopt(c, IPPROTO_SCTP, SCTP_DEFAULT_SNDINFO, &si, sizeof(si)) == 0,
	      "SCTP_DEFAULT_SNDINFO on association %d", cid);
	check(setsockopt(c, IPPROTO_SCTP, SCTP_DEFAULT_SEND_PARAM, &sr, sizeof(sr)) == 0,
	      "SCTP_DEFAULT_SEND_PARAM for future associations");
	check(sendto(c, "dflt", 4, 0, (struct sockaddr *)&sa, sizeof(sa)) == 4,
	      "sendto without send info");
	expect_msg(s, "dflt", 2, 0xabcd, SCTP_UNORDERED, sid, 0, "server, association's defaults");
	memset(&si, 0, sizeof(si));
	si.snd_assoc_id = cid;
	len = sizeof(si);
	r = getsockopt(c, IPPROTO_SCTP, SCTP_DEFAULT_SNDINFO, &si, &len);
	check(r == 0 && len == sizeof(si) && si.snd_sid == 2 && si.snd_ppid == 0xabcd &&
		  si.snd_flags == SCTP_UNORDERED && si.snd_context == 77,
	      "SCTP_DEFAULT_SNDINFO reads back (sid %u ppid %#x flags %#x context %u)", si.snd_sid,
	      si.snd_ppid, si.snd_flags, si.snd_context);
	memset(&sr, 0, sizeof(sr));
	len = sizeof(sr);
	r = getsockopt(c, IPPROTO_SCTP, SCTP_DEFAULT_SEND_PARAM, &sr, &len);
	check(r == 0 && sr.sinfo_stream == 1 && sr.sinfo_ppid == 0x99,
	      "SCTP_DEFAULT_SEND_PARAM of the socket reads back (sid %u ppid %#x)", sr.sinfo_stream,
	      sr.sinfo_ppid);
	si.snd_flags = SCTP_SACK_IMMEDIATELY;
	check(setsockopt(c, IPPROTO_SCTP, SCTP_DEFAULT_SNDINFO, &si, sizeof(si)) == -1 &&
		  errno == EINVAL,
	      "SCTP_DEFAULT_SNDINFO with SCTP_SACK_IMMEDIATELY: EINVAL, as Linux");
	check(setsockopt(c, IPPROTO_SCTP, SCTP_DEFAULT_PRINFO, &pr, sizeof(pr)) == -1 &&
		  errno == EINVAL,
	      "SCTP_DEFAULT_PRINFO with a PR-SCTP policy: EINVAL (not implemented)");
	pr.pr_policy = SCTP_PR_SCTP_NONE;
	check(setsockopt(c, IPPROTO_SCTP, SCTP_DEFAULT_PRINFO, &pr, sizeof(pr)) == 0,
	      "SCTP_DEFAULT_PRINFO with policy NONE");
	/* back to plain defaults, so what follows sends on stream 0 */
	memset(&si, 0, sizeof(si));
	si.snd_assoc_id = cid;
	check(setsockopt(c, IPPROTO_SCTP, SCTP_DEFAULT_SNDINFO, &si, sizeof(si)) == 0,
	      "SCTP_DEFAULT_SNDINFO cleared");
}

/*
 * A message larger than sctund's default send buffer (212992) once SO_SNDBUF
 * makes room for it, and larger than the server's receive buffer too: partial
 * delivery (RFC 6458 8.1.21) hands it up in pieces, MSG_EOR on the last only.
 */
static void big_message(int c, int s, sctp_assoc_t cid, uint16_t sport)
{
	struct sockaddr_in sa = addr4(sport);
	static char msg[400000], got[400000];
	struct sctp_sndrcvinfo si;
	int sb = 300000, n, flags, eors = 0, pieces = 0;
	size_t i, have = 0;

	(void)cid;
	for (i = 0; i < sizeof(msg); i++)
		msg[i] = (char)(i * 31 + i / 977);
	check(setsockopt(c, SOL_SOCKET, SO_SNDBUF, &sb, sizeof(sb)) == 0, "SO_SNDBUF 300000");
	n = sctp_sendmsg(c, msg, sizeof(msg), (struct sockaddr *)&sa, sizeof(sa), 0, 0, 0, 0, 0);
	check(n == (int)sizeof(msg), "sctp_sendmsg of 400000 bytes after SO_SNDBUF (%d)", n);
	while (have < sizeof(msg) && wait_in(s)) {
		flags = 0;
		n = sctp_recvmsg(s, got + have, sizeof(got) - have, NULL, NULL, &si, &flags);
		if (n <= 0 || (flags & MSG_NOTIFICATION))
			continue;
		have += (size_t)n;
		pieces++;
		eors += (flags & MSG_EOR) != 0;
	}
	check(have == sizeof(msg) && !memcmp(got, msg, sizeof(msg)),
	      "server: the 400000 bytes in order (%zu, %d pieces)", have, pieces);
	check(eors == 1 && pieces > 1, "server: MSG_EOR once, on the last of %d pieces", pieces);
}

/* The same options on a one-to-one socket (the peeled-off one): its association, whatever id. */
static void tune_one_to_one(int p, sctp_assoc_t sid)
{
	int r;
	struct sctp_rtoinfo rt = {.srto_assoc_id = 0};
	socklen_t len = sizeof(rt);
	uint32_t n;
	int x = 5;

	r = getsockopt(p, IPPROTO_SCTP, SCTP_RTOINFO, &rt, &len);
	check(r == 0 && rt.srto_assoc_id == sid,
	      "one-to-one: SCTP_RTOINFO is the association's (%d)", rt.srto_assoc_id);
	check(setsockopt(p, IPPROTO_SCTP, SCTP_AUTOCLOSE, &x, sizeof(x)) == -1 &&
		  errno == EOPNOTSUPP,
	      "one-to-one: SCTP_AUTOCLOSE: EOPNOTSUPP");
	len = sizeof(n);
	check(getsockopt(p, IPPROTO_SCTP, SCTP_GET_ASSOC_NUMBER, &n, &len) == -1 &&
		  errno == EOPNOTSUPP,
	      "one-to-one: SCTP_GET_ASSOC_NUMBER: EOPNOTSUPP");
}

/*
 * A non-blocking connect() or sctp_connectx() on a one-to-many socket fails with EINPROGRESS
 * at once (the id set by sctp_connectx()), as Linux's; SCTP_COMM_UP comes when the
 * association is up, and the socket is writable.  A listener of its own on @port.
 */
static void nonblocking_connect(uint16_t port)
{
	struct sockaddr_in sa = addr4(port);
	struct pollfd pw;
	sctp_assoc_t id = 0, cid = 0, sid = 0;
	int s = one_to_many(), c = one_to_many(), x = one_to_many(), n;

	check(bind(s, (struct sockaddr *)&sa, sizeof(sa)) == 0 && listen(s, 8) == 0,
	      "listener on 127.0.0.1:%u", port);
	subscribe(s, "listener");
	subscribe(c, "non-blocking connect()");
	subscribe(x, "non-blocking sctp_connectx()");
	check(fcntl(c, F_SETFL, fcntl(c, F_GETFL) | O_NONBLOCK) == 0 &&
		  fcntl(x, F_SETFL, fcntl(x, F_GETFL) | O_NONBLOCK) == 0,
	      "O_NONBLOCK");
	n = connect(c, (struct sockaddr *)&sa, sizeof(sa));
	check(n == -1 && errno == EINPROGRESS, "non-blocking connect(): EINPROGRESS (%d, %s)", n,
	      n ? strerror(errno) : "");
	expect_assoc_change(c, SCTP_COMM_UP, &cid, "non-blocking connect()");
	pw = (struct pollfd){.fd = c, .events = POLLOUT};
	check(poll(&pw, 1, 5000) == 1 && (pw.revents & POLLOUT), "then writable");
	n = sctp_connectx(x, (struct sockaddr *)&sa, 1, &id);
	check(n == -1 && errno == EINPROGRESS && id != 0,
	      "non-blocking sctp_connectx(): EINPROGRESS, association %d", id);
	expect_assoc_change(x, SCTP_COMM_UP, &id, "non-blocking sctp_connectx()");
	expect_assoc_change(s, SCTP_COMM_UP, &sid, "listener, first");
	sid = 0;
	expect_assoc_change(s, SCTP_COMM_UP, &sid, "listener, second");
	n = sctp_sendmsg(c, "nb", 2, NULL, 0, 0, 0, 0, 0, 0);
	check(n == -1 && errno == EINVAL, "no address and no association: EINVAL");
	{
		struct sctp_sndrcvinfo si = {.sinfo_assoc_id = cid};

		check(sctp_send(c, "nb", 2, &si, 0) == 2, "send on the association");
	}
	expect_msg(s, "nb", 0, 0, 0, 0, 0, "listener");
	close(c);
	close(x);
	close(s);
}

int main(int argc, char **argv)
{
	uint16_t sport, cport;
	struct sockaddr_in sa, ca;
	sctp_assoc_t cid = 0, sid = 0;
	char buf[64];
	int s, c, p, n, type;
	socklen_t tl = sizeof(type);

	if (argc != 2 || !getenv("SCTUN_SOCKET")) {
		fprintf(stderr, "usage: SCTUN_SOCKET=PATH %s PORT\n", argv[0]);
		return 2;
	}
	sport = (uint16_t)atoi(argv[1]);
	cport = (uint16_t)(sport + 1);
	sa = addr4(sport);
	ca = addr4(cport);
	s = one_to_many();
	check(sctp_bindx(s, (struct sockaddr *)&sa, 1, SCTP_BINDX_ADD_ADDR) == 0,
	      "sctp_bindx(127.0.0.1:%u) before bind binds", sport);
	{
		struct sctp_event_subscribe ev;

		memset(&ev, 0, sizeof(ev));
		ev.sctp_data_io_event = 1;
		ev.sctp_association_event = 1;
		check(setsockopt(s, IPPROTO_SCTP, SCTP_EVENTS, &ev, sizeof(ev)) == 0,
		      "server: SCTP_EVENTS");
	}
	check(listen(s, 8) == 0, "server: listen");
	check(accept(s, NULL, NULL) == -1 && errno == EOPNOTSUPP,
	      "accept on one-to-many: EOPNOTSUPP");
	c = one_to_many();
	check(bind(c, (struct sockaddr *)&ca, sizeof(ca)) == 0, "client: bind 127.0.0.1:%u", cport);
	subscribe(c, "client");
	tune_future(c);
	n = sctp_connectx(c, (struct sockaddr *)&sa, 1, &cid);
	check(n == 0 && cid != 0, "sctp_connectx: 0, association %d", cid);
	expect_assoc_change(c, SCTP_COMM_UP, &cid, "client");
	expect_assoc_change(s, SCTP_COMM_UP, &sid, "server");

	n = sctp_sendmsg(c, "hello", 5, (struct sockaddr *)&sa, sizeof(sa), 0x11223344, 0, 3, 0, 7);
	check(n == 5, "sctp_sendmsg: 5 bytes (%d)", n);
	expect_msg(s, "hello", 3, 0x11223344, 0, sid, cport, "server");
	{
		struct sctp_sndrcvinfo si = {.sinfo_stream = 1,
					     .sinfo_ppid = 5,
					     .sinfo_flags = SCTP_UNORDERED,
					     .sinfo_assoc_id = sid};

		check(sctp_send(s, "reply", 5, &si, 0) == 5, "sctp_send on association %d", sid);
	}
	expect_msg(c, "reply", 1, 5, SCTP_UNORDERED, cid, sport, "client");
	addresses(c, cid, sport, cport);
	sendv_recvv(c, s, cid, sid);
	tune_assoc(c, s, cid, sid, sport);
	maxseg_effect(c, s, cid, sport);
	default_send(c, s, cid, sid, sport);
	big_message(c, s, cid, sport);

	p = sctp_peeloff(s, sid);
	check(p >= 0, "sctp_peeloff(%d): %d", sid, p);
	check(getsockopt(p, SOL_SOCKET, SO_TYPE, &type, &tl) == 0 && type == SOCK_STREAM,
	      "the peeled-off socket is SOCK_STREAM");
	tune_one_to_one(p, sid);
	check(sctp_sendmsg(c, "peeled", 6, NULL, 0, 0, 0, 0, 0, 0) == -1 && errno == EINVAL,
	      "sctp_sendmsg with no address or association: EINVAL");
	{
		struct sctp_sndrcvinfo si = {.sinfo_assoc_id = cid};

		check(sctp_send(c, "peeled", 6, &si, 0) == 6, "client sends after peeloff");
	}
	check(wait_in(p), "peeled-off socket readable");
	n = (int)read(p, buf, sizeof(buf));
	check(n == 6 && !memcmp(buf, "peeled", 6), "read on the peeled-off socket: \"peeled\"");
	check(write(p, "back", 4) == 4, "write on the peeled-off socket");
	expect_msg(c, "back", 0, 0, 0, cid, sport, "client, from the peeled-off socket");
	check(sctp_peeloff(s, sid) == -1 && errno == EINVAL,
	      "sctp_peeloff of an association already peeled off: EINVAL");
	{
		struct sctp_sndrcvinfo si = {.sinfo_flags = SCTP_EOF, .sinfo_assoc_id = cid};

		check(sctp_send(c, NULL, 0, &si, 0) == 0, "client: SCTP_EOF");
	}
	expect_assoc_change(c, SCTP_SHUTDOWN_COMP, &cid, "client");
	check(wait_in(p) && read(p, buf, sizeof(buf)) == 0, "peeled-off socket: end of file");
	close(p);

	implicit_setup(s, sport);
	close(c);
	close(s);
	nonblocking_connect((uint16_t)(sport + 2));
	printf("all passed\n");
	return failed;
}
