# SPDX-License-Identifier: MIT
# src/common/local.mk: byte cursor, addresses, checksums, log, RNG, time.
noinst_LTLIBRARIES += src/common/libsctcommon.la
src_common_libsctcommon_la_SOURCES = \
	src/common/cursor.h \
	src/common/addr.c src/common/addr.h \
	src/common/crc32c.c src/common/crc32c.h \
	src/common/csum.c src/common/csum.h \
	src/common/hmap.c src/common/hmap.h \
	src/common/log.c src/common/log.h \
	src/common/rng.c src/common/rng.h \
	src/common/time.h

check_PROGRAMS += tests/unit/test_common
tests_unit_test_common_SOURCES = tests/unit/test_common.c
tests_unit_test_common_LDADD = src/common/libsctcommon.la $(UNIT_LDADD)
TESTS += tests/unit/test_common
