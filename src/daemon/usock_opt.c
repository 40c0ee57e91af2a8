/* SPDX-License-Identifier: MIT */
/* usock_opt.c: socket options of application sockets (setsockopt/getsockopt over IPC). */
#include "config.h"

#include "daemon/usock_opt.h"

#include <errno.h>
#include <string.h>

#include "ipc/ipc_buf.h"

/*
 * Values travel in the IPC's own layout (ipc_ctl.h): each integer a
 * little-endian u32, u16 fields two bytes, no padding.  Option numbers are
 * sctun's (enum sct_ipc_opt_*); the shim translates the host's.  An option
 * sctund does not implement is refused with ENOPROTOOPT, never accepted and
 * ignored: a program must be able to tell.
 */

/* An int option: exactly 4 bytes. */
static int int_val(const uint8_t *v, size_t len, uint32_t *out)
{
	if (len != 4)
		return -EINVAL;
	*out = sct_ipc_get_u32(v);
	return 0;
}

static int set_socket(struct usock *us, uint16_t name, const uint8_t *v, size_t len)
{
	uint32_t x;

	if (name == SCT_IPC_SO_LINGER) {
		if (len != 8)
			return -EINVAL;
		us->linger_on = sct_ipc_get_u32(v) != 0;
		us->linger_s = sct_ipc_get_u32(v + 4);
		return 0;
	}
	if (int_val(v, len, &x))
		return -EINVAL;
	switch (name) {
	case SCT_IPC_SO_REUSEADDR:
		us->reuseaddr = x != 0;
		return 0;
	case SCT_IPC_SO_REUSEPORT:
		us->reuseport = x != 0;
		return 0;
	case SCT_IPC_SO_SNDBUF:
		us->sndbuf = x;
		return 0;
	case SCT_IPC_SO_RCVBUF:
		us->rcvbuf = x;
		return 0;
	default:
		return -ENOPROTOOPT; /* read-only ones included, as Linux */
	}
}

static int set_sctp(struct usock *us, uint16_t name, const uint8_t *v, size_t len)
{
	uint32_t x;

	switch (name) {
	case SCT_IPC_SCTP_NODELAY:
		if (int_val(v, len, &x))
			return -EINVAL;
		us->nodelay = x != 0;
		if (us->assoc)
			sct_assoc_set_nodelay(us->srv->stack, us->assoc, us->nodelay);
		return 0;
	case SCT_IPC_SCTP_INITMSG:
		/* RFC 6458 8.1.3: four u16; a zero leaves that default alone */
		if (len != 8)
			return -EINVAL;
		if (sct_ipc_get_u16(v))
			us->init_os = sct_ipc_get_u16(v);
		if (sct_ipc_get_u16(v + 2))
			us->init_mis = sct_ipc_get_u16(v + 2);
		if (sct_ipc_get_u16(v + 4))
			us->init_attempts = sct_ipc_get_u16(v + 4);
		if (sct_ipc_get_u16(v + 6))
			us->init_timeo = sct_ipc_get_u16(v + 6);
		return 0;
	case SCT_IPC_SCTP_EVENTS:
		/* any prefix of struct sctp_event_subscribe, as Linux accepts */
		if (len > sizeof(us->events))
			len = sizeof(us->events);
		memcpy(us->events, v, len);
		if (len > us->n_events)
			us->n_events = len;
		return 0;
	case SCT_IPC_SCTP_DISABLE_FRAGMENTS:
		if (int_val(v, len, &x))
			return -EINVAL;
		us->disable_frags = x != 0;
		return 0;
	case SCT_IPC_SCTP_MAXSEG:
		/* struct sctp_assoc_value: assoc_id, value (RFC 6458 8.1.16) */
		if (len != 8)
			return -EINVAL;
		us->maxseg = sct_ipc_get_u32(v + 4);
		return 0;
	default:
		return -ENOPROTOOPT;
	}
}

int usock_setopt(struct usock *us, uint16_t level, uint16_t name, const uint8_t *v, size_t len)
{
	uint32_t x;

	switch (level) {
	case SCT_IPC_SOL_SOCKET:
		return set_socket(us, name, v, len);
	case SCT_IPC_SOL_IPV6:
		if (name != SCT_IPC_IPV6_V6ONLY || us->family != SCT_IPC_AF_INET6)
			return -ENOPROTOOPT;
		if (int_val(v, len, &x))
			return -EINVAL;
		if (us->ep)
			return -EINVAL; /* as Linux: only before bind */
		us->v6only = x != 0;
		return 0;
	case SCT_IPC_SOL_SCTP:
		return set_sctp(us, name, v, len);
	default:
		return -ENOPROTOOPT;
	}
}

static int get_socket(struct usock *us, uint16_t name, uint8_t *out)
{
	uint32_t x;

	switch (name) {
	case SCT_IPC_SO_REUSEADDR:
		x = us->reuseaddr;
		break;
	case SCT_IPC_SO_REUSEPORT:
		x = us->reuseport;
		break;
	case SCT_IPC_SO_ERROR:
		x = (uint32_t)usock_sockerr(us);
		break;
	case SCT_IPC_SO_SNDBUF:
		x = us->sndbuf ? us->sndbuf * 2 : USOCK_DATA_SNDBUF; /* Linux doubles what was set */
		break;
	case SCT_IPC_SO_RCVBUF:
		x = us->rcvbuf ? us->rcvbuf * 2 : USOCK_DATA_SNDBUF;
		break;
	case SCT_IPC_SO_LINGER:
		sct_ipc_put_u32(out, us->linger_on);
		sct_ipc_put_u32(out + 4, us->linger_s);
		return 8;
	case SCT_IPC_SO_TYPE:
		x = us->type;
		break;
	case SCT_IPC_SO_DOMAIN:
		x = us->family;
		break;
	case SCT_IPC_SO_PROTOCOL:
		x = 132; /* IPPROTO_SCTP */
		break;
	case SCT_IPC_SO_ACCEPTCONN:
		x = us->state == USOCK_LISTENING;
		break;
	default:
		return -ENOPROTOOPT;
	}
	sct_ipc_put_u32(out, x);
	return 4;
}

static int get_sctp(struct usock *us, uint16_t name, uint8_t *out)
{
	switch (name) {
	case SCT_IPC_SCTP_NODELAY:
		sct_ipc_put_u32(out, us->nodelay);
		return 4;
	case SCT_IPC_SCTP_INITMSG: {
		const struct sct_settings *set = sct_stack_settings(us->srv->stack);

		sct_ipc_put_u16(out, us->init_os ? us->init_os : (uint16_t)set->init_streams);
		sct_ipc_put_u16(out + 2, us->init_mis ? us->init_mis : (uint16_t)set->max_instreams);
		sct_ipc_put_u16(out + 4, us->init_attempts ? us->init_attempts
						   : (uint16_t)(set->max_init_retransmits + 1));
		sct_ipc_put_u16(out + 6, us->init_timeo ? us->init_timeo : (uint16_t)set->rto_max);
		return 8;
	}
	case SCT_IPC_SCTP_EVENTS:
		memcpy(out, us->events, sizeof(us->events));
		return (int)sizeof(us->events);
	case SCT_IPC_SCTP_DISABLE_FRAGMENTS:
		sct_ipc_put_u32(out, us->disable_frags);
		return 4;
	case SCT_IPC_SCTP_MAXSEG:
		sct_ipc_put_u32(out, us->assoc);
		sct_ipc_put_u32(out + 4, us->maxseg);
		return 8;
	default:
		return -ENOPROTOOPT;
	}
}

int usock_getopt(struct usock *us, uint16_t level, uint16_t name, uint8_t *out, size_t cap)
{
	if (cap < USOCK_OPT_MAX)
		return -EINVAL;
	switch (level) {
	case SCT_IPC_SOL_SOCKET:
		return get_socket(us, name, out);
	case SCT_IPC_SOL_IPV6:
		if (name != SCT_IPC_IPV6_V6ONLY || us->family != SCT_IPC_AF_INET6)
			return -ENOPROTOOPT;
		sct_ipc_put_u32(out, us->v6only);
		return 4;
	case SCT_IPC_SOL_SCTP:
		return get_sctp(us, name, out);
	default:
		return -ENOPROTOOPT;
	}
}
