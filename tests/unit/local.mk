# SPDX-License-Identifier: MIT
# tests/unit/local.mk: the CUnit harness shared by every unit test program.
# (Each module's local.mk registers its own test program.)
if HAVE_CUNIT
check_LTLIBRARIES = tests/unit/libharness.la
tests_unit_libharness_la_SOURCES = tests/unit/harness.c tests/unit/harness.h
tests_unit_libharness_la_CFLAGS = $(AM_CFLAGS) $(CUNIT_CFLAGS)
endif
