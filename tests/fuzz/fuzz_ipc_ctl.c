/* SPDX-License-Identifier: MIT */
/* fuzz_ipc_ctl.c: fuzz the IPC control-message decoder. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "ipc/ipc_ctl.h"
#include "ipc/ipc_err.h"

/*
 * The first input byte is the number of fds that "arrived" (its low bit),
 * the rest one control message.  A message that decodes is encoded again;
 * the encoder writes arguments in type order, so the bytes may be a
 * permutation of the input's TLVs but never longer or shorter; decoding them
 * must give the same message, and encoding that must give the same bytes
 * (abort() otherwise).
 */

static uint8_t out1[SCT_IPC_CTL_MAX], out2[SCT_IPC_CTL_MAX];
static struct sct_ipc_ctl m1, m2;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	unsigned nfds;
	int l1, l2;

	if (size < 1)
		return 0;
	nfds = data[0] & 1;
	if (sct_ipc_ctl_decode(data + 1, size - 1, nfds, &m1))
		return 0;
	l1 = sct_ipc_ctl_encode(&m1, out1, sizeof(out1));
	if (l1 < 0 || (size_t)l1 != size - 1)
		abort();
	if (sct_ipc_ctl_decode(out1, (size_t)l1, nfds, &m2) || !sct_ipc_ctl_eq(&m1, &m2))
		abort();
	l2 = sct_ipc_ctl_encode(&m2, out2, sizeof(out2));
	if (l2 != l1 || memcmp(out1, out2, (size_t)l1))
		abort();
	return 0;
}
