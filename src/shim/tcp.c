/* SPDX-License-Identifier: MIT */
/* tcp.c: sctun-run --tcp: a program's TCP sockets as SCTP one-to-one sockets, and their options. */
#include "config.h"

#include "shim/shim.h"

#include <errno.h>
#include <netinet/tcp.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

/*
 * Theory of operation
 *
 * With SCTUN_TCP=1 in the environment (sctun-run --tcp sets it, and exec
 * keeps it for child processes), socket.c turns socket(AF_INET or
 * AF_INET6, SOCK_STREAM, 0 or IPPROTO_TCP) into an SCTP one-to-one socket,
 * flagged tcp; sockets accepted from it are flagged too.  Everything else
 * about them is an ordinary sctun socket: SO_PROTOCOL says IPPROTO_SCTP,
 * because that is what the program is speaking.
 *
 * Linux answers any IPPROTO_TCP option on an SCTP socket with ENOPROTOOPT,
 * which is why lksctp's withsctp breaks programs that tune their sockets:
 * most of them treat a failed setsockopt() as fatal.  Here the options of
 * a tcp-flagged socket go three ways:
 *
 *   - mapped: TCP_NODELAY is SCTP_NODELAY and TCP_MAXSEG is SCTP_MAXSEG
 *     (RFC 6458 8.1.5, 8.1.16), set and read through the ordinary SCTP
 *     option path; TCP_INFO is read from SCTP_STATUS (RFC 6458 8.2.1);
 *   - accepted and ignored: the knobs of TCP's own timers and buffering
 *     (keepalive times, SYN retries, FIN-WAIT-2, delayed ACKs, corking,
 *     Fast Open, the window clamp, the user timeout).  SCTP has its own
 *     mechanisms for each (RFC 9260 8.3 heartbeats find a dead peer
 *     whatever TCP_KEEPIDLE says; 8.1 and 8.2 bound the retransmissions),
 *     so honouring the request is impossible and refusing it only kills a
 *     program whose data would flow fine.  Reading one back fails with
 *     ENOPROTOOPT: there is no value to report;
 *   - refused with ENOPROTOOPT, as Linux: everything that changes what
 *     the program sees or what it is protected by (TCP_MD5SIG, TCP_ULP for
 *     kernel TLS, TCP_REPAIR*, TCP_CONGESTION, TCP_INQ, TCP_SAVE_SYN,
 *     TCP_ZEROCOPY_RECEIVE...): pretending would be a lie the program acts on.
 *
 * SO_KEEPALIVE is a SOL_SOCKET option and already lands on the data socket
 * (opt.c), so it succeeds and reads back; SCTP's heartbeats do its job.
 */

static pthread_once_t mode_once = PTHREAD_ONCE_INIT;
static bool mode;

static void mode_read(void)
{
	const char *v = getenv("SCTUN_TCP");

	mode = v && !strcmp(v, "1");
}

bool shim_tcp_mode(void)
{
	pthread_once(&mode_once, mode_read);
	return mode;
}

/* The TCP options that only tune TCP's timers and buffering (see above). */
static bool ignored(int name)
{
	switch (name) {
	case TCP_CORK:
	case TCP_KEEPIDLE:
	case TCP_KEEPINTVL:
	case TCP_KEEPCNT:
	case TCP_SYNCNT:
	case TCP_LINGER2:
	case TCP_DEFER_ACCEPT:
	case TCP_WINDOW_CLAMP:
	case TCP_QUICKACK:
	case TCP_THIN_LINEAR_TIMEOUTS:
	case TCP_THIN_DUPACK:
	case TCP_USER_TIMEOUT:
	case TCP_FASTOPEN:
	case TCP_NOTSENT_LOWAT:
	case TCP_FASTOPEN_CONNECT:
		return true;
	default:
		return false;
	}
}

/* The SCTP option TCP option @name stands for; 0: none. */
static int mapped(int name)
{
	if (name == TCP_NODELAY)
		return SCTP_NODELAY;
	if (name == TCP_MAXSEG)
		return SCTP_MAXSEG;
	return 0;
}

static int fail(int err)
{
	errno = err;
	return -1;
}

/* Is @fd a socket TCP mode made (only its IPPROTO_TCP options are ours)? */
static bool tcp_socket(int fd, int level, struct shim_fd *e)
{
	return level == IPPROTO_TCP && shim_fd_get(fd, e) && e->tcp;
}

int shim_tcp_setsockopt(int fd, int level, int name, const void *val, socklen_t len)
{
	struct shim_fd e;
	int sname;

	shim_init();
	if (!tcp_socket(fd, level, &e))
		return shim_setsockopt(fd, level, name, val, len);
	sname = mapped(name);
	if (!sname && !ignored(name))
		return fail(ENOPROTOOPT);
	if (len < sizeof(int))
		return fail(EINVAL);
	if (!val)
		return fail(EFAULT);
	if (!sname)
		return 0;
	/* an int: SCTP_MAXSEG's deprecated int form, the socket's own value */
	return shim_setsockopt(fd, SOL_SCTP, sname, val, sizeof(int));
}

/*
 * SCTP_MAXSEG 0 means "no limit of the socket's own: the path MTU
 * decides" (RFC 6458 8.1.16), which TCP programs take for nonsense (iperf3
 * warns); report what one DATA chunk carries in a 1500-byte packet
 * (RFC 9260 3, 3.3.1: a 12-byte common header and a 16-byte chunk header).
 */
static int default_mss(const struct shim_fd *e)
{
	return 1500 - (e->family == AF_INET6 ? 40 : 20) - 12 - 16;
}

/* TCP's state for an association in SCTP state @st (RFC 9260 4). */
static uint8_t tcp_state(int st)
{
	switch (st) {
	case SCTP_COOKIE_WAIT:
	case SCTP_COOKIE_ECHOED:
		return TCP_SYN_SENT;
	case SCTP_ESTABLISHED:
		return TCP_ESTABLISHED;
	case SCTP_SHUTDOWN_PENDING:
	case SCTP_SHUTDOWN_SENT:
		return TCP_FIN_WAIT1;
	case SCTP_SHUTDOWN_RECEIVED:
		return TCP_CLOSE_WAIT;
	case SCTP_SHUTDOWN_ACK_SENT:
		return TCP_LAST_ACK;
	default:
		return TCP_CLOSE;
	}
}

/*
 * TCP_INFO from SCTP_STATUS: state, RTO, smoothed RTT, unacknowledged
 * messages and the congestion window (in SCTP_MAXSEG segments), the rest
 * zero; programs such as iperf3 read it every interval and complain when
 * it fails.  As Linux, at most *@len bytes are written.
 */
static int tcp_info(int fd, const struct shim_fd *e, void *val, socklen_t *len)
{
	struct tcp_info ti;
	struct sctp_status st;
	socklen_t sl = sizeof(st), ml = sizeof(int), n;
	int mss = 0, saved = errno;

	if ((int)*len < 0)
		return fail(EINVAL);
	memset(&ti, 0, sizeof(ti));
	memset(&st, 0, sizeof(st));
	ti.tcpi_state = e->state == SHIM_LISTENING ? TCP_LISTEN : TCP_CLOSE;
	if (e->state != SHIM_LISTENING && !e->lost &&
	    shim_getsockopt(fd, SOL_SCTP, SCTP_STATUS, &st, &sl) == 0) {
		ti.tcpi_state = tcp_state(st.sstat_state);
		ti.tcpi_rto = st.sstat_primary.spinfo_rto * 1000u; /* ms -> us */
		ti.tcpi_rtt = st.sstat_primary.spinfo_srtt * 1000u;
		ti.tcpi_unacked = st.sstat_unackdata;
		if (shim_getsockopt(fd, SOL_SCTP, SCTP_MAXSEG, &mss, &ml) || mss <= 0)
			mss = default_mss(e);
		ti.tcpi_snd_mss = ti.tcpi_rcv_mss = (uint32_t)mss;
		ti.tcpi_snd_cwnd = st.sstat_primary.spinfo_cwnd / (uint32_t)mss;
	}
	errno = saved;
	n = *len < sizeof(ti) ? *len : (socklen_t)sizeof(ti);
	memcpy(val, &ti, n);
	*len = n;
	return 0;
}

int shim_tcp_getsockopt(int fd, int level, int name, void *val, socklen_t *len)
{
	socklen_t il = sizeof(int);
	struct shim_fd e;
	int sname, x;

	shim_init();
	if (!tcp_socket(fd, level, &e))
		return shim_getsockopt(fd, level, name, val, len);
	if (!val || !len)
		return fail(EFAULT);
	if (name == TCP_INFO)
		return tcp_info(fd, &e, val, len);
	sname = mapped(name);
	if (!sname)
		return fail(ENOPROTOOPT);
	if ((int)*len < 0)
		return fail(EINVAL);
	if (shim_getsockopt(fd, SOL_SCTP, sname, &x, &il) < 0)
		return -1;
	if (name == TCP_MAXSEG && x <= 0)
		x = default_mss(&e);
	/* as Linux's int options: as many bytes of it as asked for */
	if (*len > sizeof(int))
		*len = sizeof(int);
	memcpy(val, &x, *len);
	return 0;
}
