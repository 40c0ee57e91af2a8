/* SPDX-License-Identifier: MIT */
/* test_shim_fakesrv.h: a scripted stand-in for sctund's IPC server, for the shim's tests. */
#ifndef SCT_TEST_SHIM_FAKESRV_H
#define SCT_TEST_SHIM_FAKESRV_H

#include <stdbool.h>
#include <stdint.h>

#include "ipc/ipc.h"
#include "ipc/ipc_ctl.h"

/*
 * One thread serves the service socket at ->path (SCTUN_SOCKET is set to
 * it) and answers each request as the contract says sctund does, from the
 * fields below; the test reads and writes the daemon's ends of the data
 * sockets directly.  Fields are read and written under fakesrv_lock().
 */
struct fakesrv {
	char path[108];
	/* answers */
	int connect_status;    /* CONNECT's status (EINPROGRESS: the normal answer) */
	bool connect_drain;    /* read the CONNECTING record right after answering CONNECT */
	uint32_t so_error;     /* GETSOCKOPT SO_ERROR */
	uint32_t adopt_status; /* ADOPT's status (ENOTSOCK: a socket this sctund never made) */
	struct sct_ipc_addr name, peer; /* GETSOCKNAME, GETPEERNAME and ACCEPT */
	/* what happened */
	unsigned n_req[SCT_IPC_OP__COUNT];
	int data_srv;		      /* daemon end of the last SOCKET's data socket */
	int accepted_srv;	      /* daemon end of the last ACCEPT's data socket */
	uint16_t opt_level, opt_name; /* last SETSOCKOPT */
	uint8_t optval[SCT_IPC_MAX_OPTVAL];
	size_t optval_len;
	uint32_t backlog;
	struct sct_ipc_addr connect_addr, bind_addr;
	int connecting_seen; /* CONNECTING records drained by connect_drain */
};

/** fakesrv_start() - serve on a fresh path and set SCTUN_SOCKET; 0 or -errno. */
int fakesrv_start(struct fakesrv *fs);
/** fakesrv_stop() - end the thread, close every socket, unset SCTUN_SOCKET. */
void fakesrv_stop(struct fakesrv *fs);
void fakesrv_lock(void);
void fakesrv_unlock(void);

/** fakesrv_connected_pair() - an sctun fd the shim believes connected; *@srv: the daemon's end. */
int fakesrv_connected_pair(int *srv);

/** fakesrv_readable(), fakesrv_writable() - poll(2) says so, without waiting. */
bool fakesrv_readable(int fd);
bool fakesrv_writable(int fd);

/**
 * fakesrv_get_rec() - receive one record on the daemon's end @srv into @buf and decode it
 * into @r (payload in @buf).  Return: 0; -errno of recv(); as sct_ipc_rec_decode().
 */
int fakesrv_get_rec(int srv, struct sct_ipc_rec *r, uint8_t *buf, size_t cap);

/** fakesrv_put_rec() - write one record (sct_ipc_rec_encode) to @fd; the byte count or -1. */
int fakesrv_put_rec(int fd, uint8_t type, uint16_t flags, const void *payload, size_t len);

#endif /* SCT_TEST_SHIM_FAKESRV_H */
