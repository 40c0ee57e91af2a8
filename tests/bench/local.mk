# SPDX-License-Identifier: MIT
# tests/bench/local.mk: build rules for tests/bench (included by Makefile.am)
