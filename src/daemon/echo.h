/* SPDX-License-Identifier: MIT */
/* echo.h: sctund's built-in echo service (--echo PORT), on top of the SCTP core's API. */
#ifndef SCTUND_ECHO_H
#define SCTUND_ECHO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "common/time.h"
#include "sctp/sctp.h"

#define ECHO_PORTS_MAX 8
/* Largest message echoed; longer ones are read to their end and dropped (counted). */
#define ECHO_MSG_MAX 65536
/* associations at once whose partly delivered message is being skipped */
#define ECHO_SKIP_MAX 64

struct echo {
	struct sct_stack *s;
	struct sct_ep *ep[ECHO_PORTS_MAX];
	size_t n_ep;
	uint64_t msgs, bytes; /* echoed */
	uint64_t dropped;     /* too long, or the association refused it */
	/* a message that goes up in pieces (partial delivery, RFC 6458 8.1.21: larger than
	 * half the receive buffer) is dropped; these associations read on to its end */
	sct_assoc_id skip[ECHO_SKIP_MAX];
	size_t n_skip;
	uint8_t buf[ECHO_MSG_MAX]; /* the message being read */
};

/**
 * echo_start() - listen on each of @ports (every local address of @s) and echo.
 * Return: 0; -ENOSPC for more than ECHO_PORTS_MAX ports; as sct_ep_create() (-EADDRINUSE,
 * -ENOMEM).  On error the endpoints already created stay (sct_stack_free() frees them).
 */
int echo_start(struct echo *e, struct sct_stack *s, const uint16_t *ports, size_t n_ports);

/**
 * echo_event() - act on an event of the stack when it belongs to an echo endpoint:
 * SCT_EV_DATA and SCT_EV_WRITABLE send back every whole message read (same stream, same
 * PPID, unordered when it was), an association that ended is released.
 * Return: true when @ev was an echo endpoint's.
 */
bool echo_event(struct echo *e, const struct sct_event *ev, sct_time_t now);

/** echo_stop_listening() - refuse new associations (on SIGTERM); the current ones go on. */
void echo_stop_listening(struct echo *e);

#endif /* SCTUND_ECHO_H */
