# SPDX-License-Identifier: MIT
# tools/local.mk: build rules for tools (included by Makefile.am)
