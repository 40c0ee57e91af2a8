/* SPDX-License-Identifier: MIT */
/* usock_opt.h: socket options of application sockets (setsockopt/getsockopt over IPC). */
#ifndef SCTUND_USOCK_OPT_H
#define SCTUND_USOCK_OPT_H

#include <stddef.h>
#include <stdint.h>

#include "daemon/usock.h"
#include "ipc/ipc_ctl.h"

/* Room usock_getopt() needs for any value. */
#define USOCK_OPT_MAX SCT_IPC_MAX_OPTVAL

/**
 * usock_setopt() - setsockopt() of @level/@name (enum sct_ipc_level, sct_ipc_opt_*)
 * with the value in the IPC layout (listed in usock_opt.c), at @now.
 * Return: 0; -ENOPROTOOPT (not an option sctund implements, or read-only);
 * -EINVAL (wrong length, a value out of bounds, an association id that is not
 * the socket's, IPV6_V6ONLY after bind); -EOPNOTSUPP (SCTP_AUTOCLOSE on a
 * one-to-one socket); -ENOTCONN (SPP_HB_DEMAND to an association not up).
 */
int usock_setopt(struct usock *us, uint16_t level, uint16_t name, const uint8_t *v, size_t len,
		 sct_time_t now);

/**
 * usock_ep_params() - what @us's next associations start with: its endpoint's values
 * in the core once it exists, the socket's own copy before (RFC 6458 8 options set
 * before bind), else the stack's settings.
 */
void usock_ep_params(struct usock *us, struct sct_params *p);

/**
 * usock_getopt() - getsockopt(): the value into @out (at least USOCK_OPT_MAX bytes);
 * @in (@in_len bytes, may be NULL) is what the request carried (the association
 * id, a peer address, the room of a list).
 * Return: its length; -ENOPROTOOPT; -EINVAL (@cap too small, an association id
 * or address that is not the socket's, a list longer than the room given);
 * -EOPNOTSUPP (SCTP_AUTOCLOSE, SCTP_GET_ASSOC_NUMBER, SCTP_GET_ASSOC_ID_LIST on a
 * one-to-one socket).
 */
int usock_getopt(struct usock *us, uint16_t level, uint16_t name, const uint8_t *in, size_t in_len,
		 uint8_t *out, size_t cap);

#endif /* SCTUND_USOCK_OPT_H */
