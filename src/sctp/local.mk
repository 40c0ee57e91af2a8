# SPDX-License-Identifier: MIT
# src/sctp/local.mk: build rules for src/sctp (included by Makefile.am)
