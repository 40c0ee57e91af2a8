# SPDX-License-Identifier: MIT
# src/wire/local.mk: pure parse/emit codecs for IPv4, IPv6, ICMP and SCTP.
noinst_LTLIBRARIES += src/wire/libsctwire.la
src_wire_libsctwire_la_SOURCES = \
	src/wire/wire_err.c src/wire/wire_err.h src/wire/sctp_types.h
# -- ip codecs (ipv4, ipv6, icmp) --
# -- sctp codecs (common header, chunks) --
# -- sctp parameters and error causes --
# -- pretty printer --

# -- unit tests --
