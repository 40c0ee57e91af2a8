/* SPDX-License-Identifier: MIT */
/* wire_err.c: names and texts of the wire error codes. */
#include "wire/wire_err.h"

#include <stddef.h>

const char *sct_wire_strerror(int err)
{
	switch (err) {
#define SCT_WIRE_ERR_STR(name, val, str)                                                           \
	case val:                                                                                  \
		return str;
		SCT_WIRE_ERRORS(SCT_WIRE_ERR_STR)
#undef SCT_WIRE_ERR_STR
	default:
		return "unknown wire error";
	}
}

const char *sct_wire_errname(int err)
{
	switch (err) {
#define SCT_WIRE_ERR_NAME(name, val, str)                                                          \
	case val:                                                                                  \
		return #name;
		SCT_WIRE_ERRORS(SCT_WIRE_ERR_NAME)
#undef SCT_WIRE_ERR_NAME
	default:
		return "UNKNOWN";
	}
}
