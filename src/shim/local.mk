# SPDX-License-Identifier: MIT
# src/shim/local.mk: build rules for src/shim (included by Makefile.am)
