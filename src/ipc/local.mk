# SPDX-License-Identifier: MIT
# src/ipc/local.mk: build rules for src/ipc (included by Makefile.am)
