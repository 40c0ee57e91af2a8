/* SPDX-License-Identifier: MIT */
/* test_shim_many.c: one-to-many records, notifications, SCTP cmsgs and the shim's record cache. */
#include "config.h"

#include "harness.h"

#include <arpa/inet.h>
#include <errno.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "shim/shim.h"

static uint8_t big[SCT_IPC_REC_MAX];

/* A one-to-many sctun fd (no control connection) and the daemon's end of it. */
static int many_pair(int family, int *srv)
{
	struct shim_fd e;
	int sv[2];

	shim_init();
	CU_ASSERT_EQUAL_FATAL(socketpair(AF_UNIX, SOCK_SEQPACKET, 0, sv), 0);
	memset(&e, 0, sizeof(e));
	e.family = family;
	e.type = SOCK_SEQPACKET;
	e.protocol = IPPROTO_SCTP;
	e.ctl = -1;
	CU_ASSERT_EQUAL_FATAL(shim_fd_put(sv[0], &e), 0);
	*srv = sv[1];
	return sv[0];
}

static void put(int srv, const struct sct_ipc_rec *r)
{
	int n = sct_ipc_rec_encode(r, big, sizeof(big));

	CU_ASSERT_FATAL(n > 0);
	CU_ASSERT_EQUAL_FATAL(send(srv, big, (size_t)n, 0), n);
}

static struct sct_ipc_rec data_rec(const void *p, size_t len)
{
	struct sct_ipc_rec r;

	memset(&r, 0, sizeof(r));
	r.version = SCT_IPC_VERSION;
	r.type = SCT_IPC_REC_DATA;
	r.flags = SCT_IPC_F_EOR;
	r.payload = p;
	r.payload_len = len;
	return r;
}

/* Encode @n, decode it back (as the shim gets it), then build the host struct. */
static ssize_t to_host(const struct sct_ipc_notif *n, int family, uint8_t *out, size_t cap)
{
	uint8_t tlv[SHIM_NOTIF_MAX];
	struct sct_ipc_notif d;
	int len = sct_ipc_notif_encode(n, tlv, sizeof(tlv));

	CU_ASSERT_FATAL(len > 0);
	CU_ASSERT_EQUAL_FATAL(sct_ipc_notif_decode(tlv, (size_t)len, &d), 0);
	return shim_notif_to_host(&d, 9, family, NULL, out, cap);
}

static void rfc6458_6_1_1_assoc_change_with_the_abort_cause(void)
{
	static const uint8_t cause[] = {0x00, 0x0c, 0x00, 0x04}; /* User-Initiated Abort */
	struct sct_ipc_notif n = {.type = SCT_IPC_N_ASSOC_CHANGE};
	struct sctp_assoc_change sac;
	uint8_t out[SHIM_NOTIF_MAX];

	n.u.assoc_change.state = SCT_IPC_COMM_LOST;
	n.u.assoc_change.error = 12;
	n.u.assoc_change.os = 3;
	n.u.assoc_change.is = 4;
	n.u.assoc_change.info = cause;
	n.u.assoc_change.info_len = sizeof(cause);
	CU_ASSERT_EQUAL(to_host(&n, AF_INET, out, sizeof(out)), sizeof(sac) + 4);
	memcpy(&sac, out, sizeof(sac));
	CU_ASSERT_EQUAL(sac.sac_type, SCTP_ASSOC_CHANGE);
	CU_ASSERT_EQUAL(sac.sac_state, SCTP_COMM_LOST);
	CU_ASSERT_EQUAL(sac.sac_length, sizeof(sac) + 4);
	CU_ASSERT_EQUAL(sac.sac_error, 12);
	CU_ASSERT_EQUAL(sac.sac_outbound_streams, 3);
	CU_ASSERT_EQUAL(sac.sac_inbound_streams, 4);
	CU_ASSERT_EQUAL(sac.sac_assoc_id, 9);
	SCT_ASSERT_BYTES(out + sizeof(sac), cause, 4);
	CU_ASSERT_EQUAL(to_host(&n, AF_INET, out, sizeof(sac) + 3), -ENOBUFS);
	n.u.assoc_change.state = SCT_IPC_COMM_UP;
	n.u.assoc_change.info_len = 0;
	CU_ASSERT_EQUAL(to_host(&n, AF_INET, out, sizeof(out)), sizeof(sac));
	memcpy(&sac, out, sizeof(sac));
	CU_ASSERT_EQUAL(sac.sac_state, SCTP_COMM_UP);
}

/*
 * RFC 6458 6.1.11 SCTP_SEND_FAILED_EVENT, and 6.1.4's deprecated SCTP_SEND_FAILED (struct
 * sctp_send_failed) when only the old sctp_send_failure_event is subscribed, as Linux delivers
 * each: the cause code in network order (Linux's), UNORDERED in the host's flag, the context,
 * and no data after the structure (sctund does not return it).
 */
static void rfc6458_6_1_11_send_failed_event_or_old_struct(void)
{
	struct sct_ipc_notif n = {.type = SCT_IPC_N_SEND_FAILED_EVENT}, d;
	struct sctp_send_failed_event sfe;
	struct sctp_send_failed sf;
	uint8_t tlv[SHIM_NOTIF_MAX], out[SHIM_NOTIF_MAX], ev[SHIM_EVENTS_LEN];
	int len;

	n.u.send_failed.flags = SCT_IPC_DATA_SENT;
	n.u.send_failed.error = 12;
	n.u.send_failed.sid = 4;
	n.u.send_failed.snd_flags = SCT_IPC_F_UNORDERED;
	n.u.send_failed.ppid = 0x01020304;
	n.u.send_failed.context = 77;
	n.u.send_failed.length = 1000;
	len = sct_ipc_notif_encode(&n, tlv, sizeof(tlv));
	CU_ASSERT_FATAL(len > 0);
	CU_ASSERT_EQUAL_FATAL(sct_ipc_notif_decode(tlv, (size_t)len, &d), 0);
	memset(ev, 0, sizeof(ev));
	ev[SHIM_SUB_SEND_FAILED_EVENT] = 1;
	CU_ASSERT_EQUAL(shim_notif_to_host(&d, 9, AF_INET, ev, out, sizeof(out)), sizeof(sfe));
	memcpy(&sfe, out, sizeof(sfe));
	CU_ASSERT_EQUAL(sfe.ssf_type, SCTP_SEND_FAILED_EVENT);
	CU_ASSERT_EQUAL(sfe.ssf_flags, SCTP_DATA_SENT);
	CU_ASSERT_EQUAL(sfe.ssf_length, sizeof(sfe));
	CU_ASSERT_EQUAL(sfe.ssf_error, htons(12));
	CU_ASSERT_EQUAL(sfe.ssfe_info.snd_sid, 4);
	CU_ASSERT_EQUAL(sfe.ssfe_info.snd_flags, SCTP_UNORDERED);
	CU_ASSERT_EQUAL(sfe.ssfe_info.snd_ppid, 0x01020304);
	CU_ASSERT_EQUAL(sfe.ssfe_info.snd_context, 77);
	CU_ASSERT_EQUAL(sfe.ssfe_info.snd_assoc_id, 9);
	CU_ASSERT_EQUAL(sfe.ssf_assoc_id, 9);
	/* both subscribed: the RFC 6458 structure (Linux would queue both) */
	ev[SHIM_SUB_SEND_FAILED] = 1;
	CU_ASSERT_EQUAL(shim_notif_to_host(&d, 9, AF_INET, ev, out, sizeof(out)), sizeof(sfe));
	memcpy(&sfe, out, sizeof(sfe));
	CU_ASSERT_EQUAL(sfe.ssf_type, SCTP_SEND_FAILED_EVENT);
	/* the old subscription alone: struct sctp_send_failed */
	ev[SHIM_SUB_SEND_FAILED_EVENT] = 0;
	d.u.send_failed.flags = SCT_IPC_DATA_UNSENT;
	CU_ASSERT_EQUAL(shim_notif_to_host(&d, 9, AF_INET, ev, out, sizeof(out)), sizeof(sf));
	memcpy(&sf, out, sizeof(sf));
	CU_ASSERT_EQUAL(sf.ssf_type, SCTP_SEND_FAILED);
	CU_ASSERT_EQUAL(sf.ssf_flags, SCTP_DATA_UNSENT);
	CU_ASSERT_EQUAL(sf.ssf_length, sizeof(sf));
	CU_ASSERT_EQUAL(sf.ssf_error, htons(12));
	CU_ASSERT_EQUAL(sf.ssf_info.sinfo_stream, 4);
	CU_ASSERT_EQUAL(sf.ssf_info.sinfo_flags, SCTP_UNORDERED);
	CU_ASSERT_EQUAL(sf.ssf_info.sinfo_ppid, 0x01020304);
	CU_ASSERT_EQUAL(sf.ssf_info.sinfo_context, 77);
	CU_ASSERT_EQUAL(sf.ssf_info.sinfo_assoc_id, 9);
	CU_ASSERT_EQUAL(sf.ssf_assoc_id, 9);
	CU_ASSERT_EQUAL(shim_notif_to_host(&d, 9, AF_INET, ev, out, sizeof(sf) - 1), -ENOBUFS);
}

static void rfc6458_6_1_2_paddr_change_in_the_socket_family(void)
{
	struct sct_ipc_notif n = {.type = SCT_IPC_N_PEER_ADDR_CHANGE};
	struct sctp_paddr_change spc;
	struct sockaddr_in6 sin6;
	struct sockaddr_in sin;
	uint8_t out[SHIM_NOTIF_MAX];

	n.u.paddr_change.addr.family = SCT_IPC_AF_INET;
	n.u.paddr_change.addr.port = 5000;
	memcpy(n.u.paddr_change.addr.addr, "\x0a\x00\x00\x01", 4);
	n.u.paddr_change.state = SCT_IPC_ADDR_UNREACHABLE;
	n.u.paddr_change.error = 110;
	CU_ASSERT_EQUAL(to_host(&n, AF_INET, out, sizeof(out)), sizeof(spc));
	memcpy(&spc, out, sizeof(spc));
	memcpy(&sin, &spc.spc_aaddr, sizeof(sin));
	CU_ASSERT_EQUAL(spc.spc_type, SCTP_PEER_ADDR_CHANGE);
	CU_ASSERT_EQUAL(spc.spc_state, SCTP_ADDR_UNREACHABLE);
	CU_ASSERT_EQUAL(spc.spc_error, 110);
	CU_ASSERT_EQUAL(spc.spc_assoc_id, 9);
	CU_ASSERT_EQUAL(sin.sin_family, AF_INET);
	CU_ASSERT_EQUAL(ntohs(sin.sin_port), 5000);
	CU_ASSERT_EQUAL(sin.sin_addr.s_addr, htonl(0x0a000001));
	/* on an AF_INET6 socket: v4-mapped */
	CU_ASSERT_EQUAL(to_host(&n, AF_INET6, out, sizeof(out)), sizeof(spc));
	memcpy(&spc, out, sizeof(spc));
	memcpy(&sin6, &spc.spc_aaddr, sizeof(sin6));
	CU_ASSERT_EQUAL(sin6.sin6_family, AF_INET6);
	CU_ASSERT_TRUE(IN6_IS_ADDR_V4MAPPED(&sin6.sin6_addr));
}

static void rfc6458_6_1_remote_error_shutdown_adaptation_dry(void)
{
	static const uint8_t data[] = {1, 2, 3};
	struct sct_ipc_notif n = {.type = SCT_IPC_N_REMOTE_ERROR};
	struct sctp_remote_error sre;
	struct sctp_shutdown_event sse;
	struct sctp_adaptation_event sai;
	struct sctp_sender_dry_event sde;
	uint8_t out[SHIM_NOTIF_MAX];

	n.u.remote_error.error = 1; /* Invalid Stream Identifier */
	n.u.remote_error.data = data;
	n.u.remote_error.data_len = sizeof(data);
	CU_ASSERT_EQUAL(to_host(&n, AF_INET, out, sizeof(out)), sizeof(sre) + 3);
	memcpy(&sre, out, sizeof(sre));
	CU_ASSERT_EQUAL(sre.sre_type, SCTP_REMOTE_ERROR);
	CU_ASSERT_EQUAL(sre.sre_error, htons(1)); /* as Linux: as on the wire */
	CU_ASSERT_EQUAL(sre.sre_length, sizeof(sre) + 3);
	SCT_ASSERT_BYTES(out + sizeof(sre), data, 3);
	memset(&n, 0, sizeof(n));
	n.type = SCT_IPC_N_SHUTDOWN_EVENT;
	CU_ASSERT_EQUAL(to_host(&n, AF_INET, out, sizeof(out)), sizeof(sse));
	memcpy(&sse, out, sizeof(sse));
	CU_ASSERT_EQUAL(sse.sse_type, SCTP_SHUTDOWN_EVENT);
	CU_ASSERT_EQUAL(sse.sse_assoc_id, 9);
	n.type = SCT_IPC_N_ADAPTATION_INDICATION;
	n.u.adaptation.indication = 0x01020304;
	CU_ASSERT_EQUAL(to_host(&n, AF_INET, out, sizeof(out)), sizeof(sai));
	memcpy(&sai, out, sizeof(sai));
	CU_ASSERT_EQUAL(sai.sai_type, SCTP_ADAPTATION_INDICATION);
	CU_ASSERT_EQUAL(sai.sai_adaptation_ind, 0x01020304);
	memset(&n, 0, sizeof(n));
	n.type = SCT_IPC_N_SENDER_DRY_EVENT;
	CU_ASSERT_EQUAL(to_host(&n, AF_INET, out, sizeof(out)), sizeof(sde));
	memcpy(&sde, out, sizeof(sde));
	CU_ASSERT_EQUAL(sde.sender_dry_type, SCTP_SENDER_DRY_EVENT);
	CU_ASSERT_EQUAL(sde.sender_dry_assoc_id, 9);
}

/* A msghdr whose control buffer holds one cmsg of @type with @data. */
static void one_cmsg(struct msghdr *mh, uint8_t *buf, size_t cap, int type, const void *data,
		     size_t len)
{
	struct cmsghdr *c;

	memset(mh, 0, sizeof(*mh));
	memset(buf, 0, cap);
	mh->msg_control = buf;
	mh->msg_controllen = CMSG_SPACE(len);
	c = CMSG_FIRSTHDR(mh);
	c->cmsg_level = IPPROTO_SCTP;
	c->cmsg_type = type;
	c->cmsg_len = CMSG_LEN(len);
	memcpy(CMSG_DATA(c), data, len);
}

static void rfc6458_5_3_send_cmsgs(void)
{
	union {
		struct cmsghdr a;
		uint8_t b[256];
	} cm;
	struct sctp_sndinfo si = {.snd_sid = 7,
				  .snd_flags = SCTP_UNORDERED | SCTP_EOF,
				  .snd_ppid = 0x1234,
				  .snd_context = 5,
				  .snd_assoc_id = 42};
	struct sctp_prinfo pr = {.pr_policy = SCTP_PR_SCTP_NONE};
	struct sctp_authinfo au = {.auth_keynumber = 1};
	struct in_addr dst = {.s_addr = htonl(0x7f000001)};
	struct sockaddr_storage ss;
	struct sct_ipc_rec r;
	struct msghdr mh;
	socklen_t sl;

	one_cmsg(&mh, cm.b, sizeof(cm.b), SCTP_SNDINFO, &si, sizeof(si));
	CU_ASSERT_EQUAL(shim_cmsg_parse_send(&mh, &r, &ss, &sl), 0);
	CU_ASSERT_EQUAL(r.sid, 7);
	CU_ASSERT_EQUAL(r.ppid, 0x1234);
	CU_ASSERT_EQUAL(r.tsn_or_context, 5);
	CU_ASSERT_EQUAL(r.assoc_id, 42);
	CU_ASSERT_EQUAL(r.flags, SCT_IPC_F_UNORDERED | SCT_IPC_F_EOF);
	CU_ASSERT_EQUAL(sl, 0);
	/* SCTP_SENDALL (RFC 6458 5.3.4) is the record flag SENDALL: sctund fans it out */
	si.snd_flags = SCTP_SENDALL;
	one_cmsg(&mh, cm.b, sizeof(cm.b), SCTP_SNDINFO, &si, sizeof(si));
	CU_ASSERT_EQUAL(shim_cmsg_parse_send(&mh, &r, &ss, &sl), 0);
	CU_ASSERT_EQUAL(r.flags, SCT_IPC_F_SENDALL);
	one_cmsg(&mh, cm.b, sizeof(cm.b), SCTP_PRINFO, &pr, sizeof(pr));
	CU_ASSERT_EQUAL(shim_cmsg_parse_send(&mh, &r, &ss, &sl), 0);
	pr.pr_policy = SCTP_PR_SCTP_TTL;
	one_cmsg(&mh, cm.b, sizeof(cm.b), SCTP_PRINFO, &pr, sizeof(pr));
	CU_ASSERT_EQUAL(shim_cmsg_parse_send(&mh, &r, &ss, &sl), -EINVAL);
	one_cmsg(&mh, cm.b, sizeof(cm.b), SCTP_AUTHINFO, &au, sizeof(au));
	CU_ASSERT_EQUAL(shim_cmsg_parse_send(&mh, &r, &ss, &sl), -EINVAL);
	one_cmsg(&mh, cm.b, sizeof(cm.b), SCTP_SNDINFO, &si, sizeof(si) - 1);
	CU_ASSERT_EQUAL(shim_cmsg_parse_send(&mh, &r, &ss, &sl), -EINVAL);
	one_cmsg(&mh, cm.b, sizeof(cm.b), SCTP_DSTADDRV4, &dst, sizeof(dst));
	CU_ASSERT_EQUAL(shim_cmsg_parse_send(&mh, &r, &ss, &sl), 0);
	CU_ASSERT_EQUAL(sl, sizeof(struct sockaddr_in));
	CU_ASSERT_EQUAL(ss.ss_family, AF_INET);
}

static void rfc6458_5_3_recv_cmsgs_in_the_kernel_order(void)
{
	union {
		struct cmsghdr a;
		uint8_t b[512];
	} cm;
	struct shim_rinfo ri;
	struct sctp_sndrcvinfo sr;
	struct sctp_rcvinfo rc;
	struct sctp_nxtinfo nx;
	struct cmsghdr *c;
	struct msghdr mh;

	memset(&ri, 0, sizeof(ri));
	ri.have = true;
	ri.rec = data_rec(NULL, 0);
	ri.rec.sid = 5;
	ri.rec.ssn = 6;
	ri.rec.ppid = 7;
	ri.rec.tsn_or_context = 8;
	ri.rec.assoc_id = 3;
	ri.rec.flags |= SCT_IPC_F_UNORDERED;
	ri.have_next = true;
	ri.next.type = SCT_IPC_REC_NOTIFICATION;
	ri.next.assoc_id = 3;
	ri.next.payload_len = 20;
	memset(&mh, 0, sizeof(mh));
	mh.msg_control = cm.b;
	mh.msg_controllen = sizeof(cm.b);
	shim_cmsg_build_recv(&mh, &ri, SHIM_WANT_SNDRCV | SHIM_WANT_RCVINFO | SHIM_WANT_NXTINFO);
	CU_ASSERT_EQUAL(mh.msg_controllen, CMSG_SPACE(sizeof(nx)) + CMSG_SPACE(sizeof(rc)) +
					       CMSG_SPACE(sizeof(sr)));
	CU_ASSERT_FALSE(mh.msg_flags & MSG_CTRUNC);
	c = CMSG_FIRSTHDR(&mh);
	if (!(c && c->cmsg_type == SCTP_NXTINFO)) {
		CU_FAIL("cmsg order");
		return;
	}
	memcpy(&nx, CMSG_DATA(c), sizeof(nx));
	CU_ASSERT_EQUAL(nx.nxt_flags, SCTP_NOTIFICATION);
	CU_ASSERT_EQUAL(nx.nxt_length, 20);
	c = CMSG_NXTHDR(&mh, c);
	if (!(c && c->cmsg_type == SCTP_RCVINFO)) {
		CU_FAIL("cmsg order");
		return;
	}
	memcpy(&rc, CMSG_DATA(c), sizeof(rc));
	CU_ASSERT_TRUE(rc.rcv_sid == 5 && rc.rcv_ssn == 6 && rc.rcv_ppid == 7 &&
		       rc.rcv_tsn == 8 && rc.rcv_assoc_id == 3 && rc.rcv_flags == SCTP_UNORDERED);
	c = CMSG_NXTHDR(&mh, c);
	if (!(c && c->cmsg_type == SCTP_SNDRCV && c->cmsg_level == IPPROTO_SCTP)) {
		CU_FAIL("cmsg order");
		return;
	}
	memcpy(&sr, CMSG_DATA(c), sizeof(sr));
	CU_ASSERT_TRUE(sr.sinfo_stream == 5 && sr.sinfo_ppid == 7 && sr.sinfo_assoc_id == 3 &&
		       sr.sinfo_flags == SCTP_UNORDERED);
	/* room for one: the rest is cut, MSG_CTRUNC */
	mh.msg_controllen = CMSG_SPACE(sizeof(nx));
	mh.msg_flags = 0;
	shim_cmsg_build_recv(&mh, &ri, SHIM_WANT_SNDRCV | SHIM_WANT_NXTINFO);
	CU_ASSERT_TRUE(mh.msg_flags & MSG_CTRUNC);
	CU_ASSERT_EQUAL(mh.msg_controllen, CMSG_SPACE(sizeof(nx)));
}

static void shim_recvmsg_one_to_many_name_sndrcv_and_notification(void)
{
	union {
		struct cmsghdr a;
		uint8_t b[256];
	} cm;
	struct sct_ipc_notif n = {.type = SCT_IPC_N_SHUTDOWN_EVENT};
	struct sctp_shutdown_event sse;
	struct sockaddr_in from;
	struct sctp_sndrcvinfo sr;
	struct sct_ipc_rec r = data_rec("hi", 2);
	uint8_t tlv[64], buf[64];
	struct iovec iov = {.iov_base = buf, .iov_len = sizeof(buf)};
	struct msghdr mh;
	uint8_t on = 1;
	int srv, fd = many_pair(AF_INET, &srv), len;

	r.assoc_id = 3;
	r.sid = 2;
	r.has_addr = true;
	r.addr.family = SCT_IPC_AF_INET;
	r.addr.port = 5001;
	memcpy(r.addr.addr, "\x7f\x00\x00\x01", 4);
	put(srv, &r);
	shim_fd_set_events(fd, &on, 1); /* data_io_event */
	memset(&mh, 0, sizeof(mh));
	mh.msg_name = &from;
	mh.msg_namelen = sizeof(from);
	mh.msg_iov = &iov;
	mh.msg_iovlen = 1;
	mh.msg_control = cm.b;
	mh.msg_controllen = sizeof(cm.b);
	CU_ASSERT_EQUAL(shim_recvmsg(fd, &mh, 0), 2);
	CU_ASSERT_EQUAL(mh.msg_flags, MSG_EOR);
	CU_ASSERT_EQUAL(mh.msg_namelen, sizeof(from));
	CU_ASSERT_TRUE(from.sin_family == AF_INET && ntohs(from.sin_port) == 5001 &&
		       from.sin_addr.s_addr == htonl(INADDR_LOOPBACK));
	if (mh.msg_controllen != CMSG_SPACE(sizeof(sr)) || !CMSG_FIRSTHDR(&mh)) {
		CU_FAIL("no SCTP_SNDRCV cmsg");
		return;
	}
	memcpy(&sr, CMSG_DATA(CMSG_FIRSTHDR(&mh)), sizeof(sr));
	CU_ASSERT_TRUE(sr.sinfo_assoc_id == 3 && sr.sinfo_stream == 2);
	/* a notification: MSG_NOTIFICATION, the host struct, no SNDRCV */
	len = sct_ipc_notif_encode(&n, tlv, sizeof(tlv));
	memset(&r, 0, sizeof(r));
	r.version = SCT_IPC_VERSION;
	r.type = SCT_IPC_REC_NOTIFICATION;
	r.flags = SCT_IPC_F_NOTIFICATION | SCT_IPC_F_EOR;
	r.assoc_id = 3;
	r.payload = tlv;
	r.payload_len = (size_t)len;
	put(srv, &r);
	mh.msg_name = NULL;
	mh.msg_namelen = 0;
	mh.msg_controllen = sizeof(cm.b);
	CU_ASSERT_EQUAL(shim_recvmsg(fd, &mh, 0), sizeof(sse));
	CU_ASSERT_EQUAL(mh.msg_flags, MSG_EOR | MSG_NOTIFICATION);
	CU_ASSERT_EQUAL(mh.msg_controllen, 0);
	memcpy(&sse, buf, sizeof(sse));
	CU_ASSERT_TRUE(sse.sse_type == SCTP_SHUTDOWN_EVENT && sse.sse_assoc_id == 3);
	shim_close(fd);
	close(srv);
}

static void shim_send_one_to_many_needs_a_destination(void)
{
	struct sockaddr_in to = {.sin_family = AF_INET, .sin_port = htons(5002)};
	struct sct_ipc_rec r;
	ssize_t n;
	int srv, fd = many_pair(AF_INET6, &srv), on = 1;

	to.sin_addr.s_addr = htonl(0x7f000001);
	CU_ASSERT_EQUAL(shim_write(fd, "x", 1), -1);
	CU_ASSERT_EQUAL(errno, EINVAL);
	CU_ASSERT_EQUAL(shim_sendto(fd, "abc", 3, 0, (struct sockaddr *)&to, sizeof(to)), 3);
	n = recv(srv, big, sizeof(big), MSG_DONTWAIT);
	CU_ASSERT_FATAL(n > 0);
	CU_ASSERT_EQUAL_FATAL(sct_ipc_rec_decode(big, (size_t)n, &r), 0);
	CU_ASSERT_TRUE(r.has_addr && r.addr.family == SCT_IPC_AF_INET && r.addr.port == 5002 &&
		       r.assoc_id == 0 && (r.flags & SCT_IPC_F_EOR) && r.payload_len == 3);
	/* IPV6_V6ONLY: no IPv4 destinations (the setter the setsockopt path uses) */
	shim_fd_set_v6only(fd, on);
	CU_ASSERT_EQUAL(shim_sendto(fd, "abc", 3, 0, (struct sockaddr *)&to, sizeof(to)), -1);
	CU_ASSERT_EQUAL(errno, EINVAL);
	to.sin_port = 0;
	shim_fd_set_v6only(fd, false);
	CU_ASSERT_EQUAL(shim_sendto(fd, "abc", 3, 0, (struct sockaddr *)&to, sizeof(to)), -1);
	CU_ASSERT_EQUAL(errno, EINVAL);
	shim_close(fd);
	close(srv);
}

static bool has_cache(int fd)
{
	struct shim_fd e;

	return shim_fd_get(fd, &e) && e.cache != NULL;
}

static void shim_read_in_pieces_serves_from_the_cache(void)
{
	static uint8_t a[3000], b[2000];
	struct sct_ipc_rec r;
	struct pollfd p;
	uint8_t buf[1000];
	int srv, fd = many_pair(AF_INET, &srv);

	memset(a, 'a', sizeof(a));
	memset(b, 'b', sizeof(b));
	a[2999] = 'z';
	r = data_rec(a, sizeof(a));
	r.assoc_id = 1;
	put(srv, &r);
	CU_ASSERT_EQUAL(shim_read(fd, buf, sizeof(buf)), 1000);
	CU_ASSERT_TRUE(has_cache(fd));
	CU_ASSERT_EQUAL(shim_read(fd, buf, sizeof(buf)), 1000);
	CU_ASSERT_TRUE(has_cache(fd));
	CU_ASSERT_EQUAL(shim_read(fd, buf, sizeof(buf)), 1000);
	CU_ASSERT_EQUAL(buf[999], 'z');
	CU_ASSERT_FALSE(has_cache(fd)); /* consumed with its last byte */
	p.fd = fd;
	p.events = POLLIN;
	CU_ASSERT_EQUAL(poll(&p, 1, 0), 0);
	/* another process consumes the record between two pieces: the cache is stale */
	put(srv, &r);
	CU_ASSERT_EQUAL(shim_read(fd, buf, sizeof(buf)), 1000);
	CU_ASSERT_EQUAL(recv(fd, big, sizeof(big), 0), 32 + 3000); /* "the other process" */
	r = data_rec(b, sizeof(b));
	r.assoc_id = 1;
	put(srv, &r);
	CU_ASSERT_EQUAL(shim_read(fd, buf, sizeof(buf)), 1000);
	CU_ASSERT_EQUAL(buf[0], 'b'); /* from the start of the new record */
	CU_ASSERT_EQUAL(shim_read(fd, buf, sizeof(buf)), 1000);
	CU_ASSERT_EQUAL(buf[999], 'b');
	CU_ASSERT_FALSE(has_cache(fd));
	shim_close(fd);
	close(srv);
}

static void rfc6458_9_packed_addresses(void)
{
	uint8_t buf[sizeof(struct sockaddr_in) + sizeof(struct sockaddr_in6)];
	struct sockaddr_in sin = {.sin_family = AF_INET, .sin_port = htons(7)};
	struct sockaddr_in6 sin6 = {.sin6_family = AF_INET6, .sin6_port = htons(8)};
	struct sct_ipc_addr a[4];

	memcpy(buf, &sin, sizeof(sin));
	memcpy(buf + sizeof(sin), &sin6, sizeof(sin6));
	CU_ASSERT_EQUAL(shim_packed_addrs(AF_INET6, buf, sizeof(buf), a, 4), 2);
	CU_ASSERT_TRUE(a[0].family == SCT_IPC_AF_INET && a[0].port == 7);
	CU_ASSERT_TRUE(a[1].family == SCT_IPC_AF_INET6 && a[1].port == 8);
	CU_ASSERT_EQUAL(shim_packed_addrs(AF_INET6, buf, sizeof(buf) - 1, a, 4), -EINVAL);
	CU_ASSERT_EQUAL(shim_packed_addrs(AF_INET6, buf, sizeof(buf), a, 1), -EINVAL);
	CU_ASSERT_EQUAL(shim_packed_addrs(AF_INET, buf, sizeof(buf), a, 4), -EINVAL);
	CU_ASSERT_EQUAL(shim_packed_addrs(AF_INET, buf, 0, a, 4), -EINVAL);
	CU_ASSERT_EQUAL(shim_sctp_getaddrlen(AF_INET6), (int)sizeof(sin6));
}

static const struct sct_test notif_tests[] = {
    SCT_TEST(rfc6458_6_1_1_assoc_change_with_the_abort_cause),
    SCT_TEST(rfc6458_6_1_2_paddr_change_in_the_socket_family),
    SCT_TEST(rfc6458_6_1_11_send_failed_event_or_old_struct),
    SCT_TEST(rfc6458_6_1_remote_error_shutdown_adaptation_dry),
    SCT_TEST_END,
};

static const struct sct_test cmsg_tests[] = {
    SCT_TEST(rfc6458_5_3_send_cmsgs),
    SCT_TEST(rfc6458_5_3_recv_cmsgs_in_the_kernel_order),
    SCT_TEST(rfc6458_9_packed_addresses),
    SCT_TEST_END,
};

static const struct sct_test many_tests[] = {
    SCT_TEST(shim_recvmsg_one_to_many_name_sndrcv_and_notification),
    SCT_TEST(shim_send_one_to_many_needs_a_destination),
    SCT_TEST(shim_read_in_pieces_serves_from_the_cache),
    SCT_TEST_END,
};

SCT_TEST_MAIN(notif_tests, cmsg_tests, many_tests)
