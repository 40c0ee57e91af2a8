# SPDX-License-Identifier: MIT
# src/ip/local.mk: the host IP layer (reassembly, dispatch, ICMP, PMTU).
