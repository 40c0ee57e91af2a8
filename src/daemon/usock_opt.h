/* SPDX-License-Identifier: MIT */
/* usock_opt.h: socket options of application sockets (setsockopt/getsockopt over IPC). */
#ifndef SCTUND_USOCK_OPT_H
#define SCTUND_USOCK_OPT_H

#include <stddef.h>
#include <stdint.h>

#include "daemon/usock.h"
#include "ipc/ipc_ctl.h"

/* Room usock_getopt() needs for any value. */
#define USOCK_OPT_MAX 64

/**
 * usock_setopt() - setsockopt() of @level/@name (enum sct_ipc_level, sct_ipc_opt_*)
 * with the value in the IPC layout.
 * Return: 0; -ENOPROTOOPT (not an option sctund implements, or read-only);
 * -EINVAL (wrong length, or IPV6_V6ONLY after bind).
 */
int usock_setopt(struct usock *us, uint16_t level, uint16_t name, const uint8_t *v, size_t len);

/**
 * usock_getopt() - getsockopt(): the value into @out (at least USOCK_OPT_MAX bytes).
 * Return: its length; -ENOPROTOOPT; -EINVAL when @cap is too small.
 */
int usock_getopt(struct usock *us, uint16_t level, uint16_t name, uint8_t *out, size_t cap);

#endif /* SCTUND_USOCK_OPT_H */
