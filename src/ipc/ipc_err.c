/* SPDX-License-Identifier: MIT */
/* ipc_err.c: names and texts of the IPC error codes. */
#include "ipc/ipc_err.h"

const char *sct_ipc_strerror(int err)
{
	switch (err) {
	case 0:
		return "success";
#define SCT_IPC_ERR_STR(name, val, str)                                                            \
	case val:                                                                                  \
		return str;
		SCT_IPC_ERRORS(SCT_IPC_ERR_STR)
#undef SCT_IPC_ERR_STR
	default:
		return "unknown ipc error";
	}
}

const char *sct_ipc_errname(int err)
{
	switch (err) {
	case 0:
		return "OK";
#define SCT_IPC_ERR_NAME(name, val, str)                                                           \
	case val:                                                                                  \
		return #name;
		SCT_IPC_ERRORS(SCT_IPC_ERR_NAME)
#undef SCT_IPC_ERR_NAME
	default:
		return "UNKNOWN";
	}
}
