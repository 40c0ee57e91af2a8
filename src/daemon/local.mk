# SPDX-License-Identifier: MIT
# src/daemon/local.mk: build rules for src/daemon (included by Makefile.am)
