# SPDX-License-Identifier: MIT
# tests/integration/local.mk: build rules for tests/integration (included by Makefile.am)
