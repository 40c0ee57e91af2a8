/* SPDX-License-Identifier: MIT */
/* ipc_srv.h: sctund's service socket and the control connections of libsctun. */
#ifndef SCTUND_IPC_SRV_H
#define SCTUND_IPC_SRV_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "common/log.h"
#include "daemon/admin.h"
#include "daemon/loop.h"
#include "daemon/usock.h"
#include "ipc/ipc_ctl.h"

/* Control connections open at once (each costs a socket and ~100 bytes). */
#define IPC_CONN_MAX 65536

struct ipc_conn {
	struct loop_ref ref;
	struct ipc_srv *srv;
	struct ipc_conn *next, *prev;
	struct usock *sock; /* after SOCKET or ADOPT */
	uint16_t version;   /* 0 until HELLO */
	uid_t uid;
	pid_t pid;
};

/**
 * struct ipc_srv - the service socket (-S PATH) and everything behind it
 * @socks: the application sockets
 * @path: where the service socket is bound (unlinked by ipc_srv_close())
 */
struct ipc_srv {
	struct usrv socks;
	const struct admin *admin; /* sctunctl's commands (NULL: refused) */
	struct loop *loop;
	struct loop_ref lref;
	struct ipc_conn *conns;
	size_t n_conns;
	int spare_fd; /* held in reserve: freed to accept and refuse when out of fds */
	struct sct_ratelimit rl_accept;
	char path[108];
	struct {
		uint64_t conns, requests, bad_requests, refused_conns;
	} st;
	uint8_t in[SCT_IPC_CTL_MAX], out[SCT_IPC_CTL_MAX];
	struct sct_ipc_ctl req, rsp;
	char errmsg[SCT_IPC_MAX_MESSAGE];
};

/**
 * ipc_srv_open() - create the directory of @path if needed (0755), bind and listen on
 * @path (mode 0666: any local user may use SCTP, as with the kernel's), watch it.
 * A socket file left by a daemon that is gone is replaced; one that answers is not.
 * Return: 0; -EADDRINUSE (another sctund answers there); -ENAMETOOLONG; -errno of
 * mkdir(), socket(), bind(), listen(); as usrv_init().
 */
int ipc_srv_open(struct ipc_srv *s, const char *path, struct loop *l, struct sct_stack *stack);

/** ipc_srv_close() - close every connection and socket, unlink the service socket. */
void ipc_srv_close(struct ipc_srv *s);

/**
 * ipc_srv_handle() - one decoded request on @c: the response into s->rsp.
 * @fd_in: the descriptor that came with it (ADOPT), or -1; consumed
 * @fd_out: set to a descriptor to send with the response (closed by the caller), or -1
 * Exposed for tests.
 */
void ipc_srv_handle(struct ipc_srv *s, struct ipc_conn *c, int fd_in, int *fd_out, sct_time_t now);

#endif /* SCTUND_IPC_SRV_H */
