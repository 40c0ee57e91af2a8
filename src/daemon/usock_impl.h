/* SPDX-License-Identifier: MIT */
/* usock_impl.h: what usock.c (sockets, calls, events) and usock_io.c (records) share. */
#ifndef SCTUND_USOCK_IMPL_H
#define SCTUND_USOCK_IMPL_H

#include "common/log.h"
#include "daemon/usock.h"
#include "ipc/ipc_ctl.h"

/* Diagnostics a client or a peer can provoke at will: rate-limited. */
#define ULOG(u, now, ...)                                                                          \
	do {                                                                                       \
		if (sct_ratelimit_ok(&(u)->rl, (now)))                                             \
			sct_log(SCT_LOG_INFO, __VA_ARGS__);                                        \
	} while (0)

static inline bool usock_one_to_many(const struct usock *us)
{
	return us->type == SCT_IPC_SOCK_SEQPACKET;
}

/* usock.c */
struct uassoc *uassoc_add(struct usock *us, sct_assoc_id id);
struct uassoc *uassoc_find(struct usrv *u, sct_assoc_id id);
/* Release an association whose data was delivered, and forget it. */
void uassoc_del(struct uassoc *ua, sct_time_t now);
void usock_maybe_free(struct usock *us, sct_time_t now);
/* Start an association for a one-to-many socket's message to @a (implicit setup). */
int usock_implicit_connect(struct usock *us, const struct sct_addr *a, uint16_t port,
			   sct_time_t now, sct_assoc_id *id);

/* usock_io.c */
/* Watch what the socket's state asks for (EPOLLIN, EPOLLOUT, or only hang-ups). */
void usock_rewatch(struct usock *us);
/* Deliver what the core holds for the socket's associations (and end of file). */
void usock_rx(struct usock *us, sct_time_t now);
/* Read the application's records while the associations take them. */
void usock_tx(struct usock *us, sct_time_t now);
/* The application's data ended (end of file, or SCTP_EOF): shut down gracefully. */
void usock_app_eof(struct usock *us, sct_time_t now);
/* A notification for @ev when the socket subscribed to its kind (RFC 6458 6.1). */
void usock_notify(struct usock *us, const struct sct_event *ev, sct_time_t now);
/* Drop the CONNECTING record at the head of the data socket, if it is there. */
void usock_eat_connecting(struct usock *us);
/**
 * usock_send_bare() - send a record without payload of @type (ACCEPTABLE, EOF) for
 * association @id, without waiting.  Return: 0; -1 with errno (EAGAIN: the socket is full).
 */
int usock_send_bare(struct usock *us, uint8_t type, sct_assoc_id id);
void usock_held_free(struct usock *us);
/* usock_pend_free() - drop the records read from the application and not taken. */
void usock_pend_free(struct usock *us);
void usock_data_handler(struct loop *l, struct loop_ref *ref, uint32_t events, sct_time_t now);

#endif /* SCTUND_USOCK_IMPL_H */
