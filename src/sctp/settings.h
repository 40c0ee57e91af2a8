/* SPDX-License-Identifier: MIT */
/* settings.h: the tunable protocol parameters, named as Linux's net.sctp sysctls. */
#ifndef SCT_SCTP_SETTINGS_H
#define SCT_SCTP_SETTINGS_H

#include <stddef.h>
#include <stdint.h>

/*
 * One table drives the defaults, the bounds, the names that `sctund --set`
 * and sctunctl accept, and the documentation.  Defaults are the values RFC
 * 9260 section 16 recommends where it gives one (so rto_initial is 1 s, not
 * Linux's 3 s) and Linux's otherwise.  Times are in milliseconds.
 *
 * X(name, default, min, max, unit, description)
 */
#define SCT_SETTINGS(X)                                                                            \
	X(rto_initial, 1000, 1, 86400000, "ms", "RTO.Initial (RFC 9260 6.3.1 C1)")                 \
	X(rto_min, 1000, 1, 86400000, "ms", "RTO.Min")                                             \
	X(rto_max, 60000, 1, 86400000, "ms", "RTO.Max")                                            \
	X(rto_alpha_exp_divisor, 3, 0, 10, "", "RTO.Alpha = 1/2^n (1/8)")                          \
	X(rto_beta_exp_divisor, 2, 0, 10, "", "RTO.Beta = 1/2^n (1/4)")                            \
	X(max_burst, 4, 0, 65535, "packets", "Max.Burst (RFC 9260 7.2.4, 0 = unlimited)")          \
	X(hystart, 1, 0, 1, "", "HyStart++ slow-start exit on rising delay (RFC 9406)")            \
	X(valid_cookie_life, 60000, 1, 3600000, "ms", "Valid.Cookie.Life")                         \
	X(cookie_preserve_enable, 1, 0, 1, "", "honour a peer's Cookie Preservative")              \
	X(max_cookie_preserve, 60000, 0, 3600000, "ms", "largest lifetime increment granted")      \
	X(association_max_retrans, 10, 1, 65535, "", "Association.Max.Retrans")                    \
	X(path_max_retrans, 5, 1, 65535, "", "Path.Max.Retrans")                                   \
	X(pf_retrans, 0, 0, 65535, "", "PotentiallyFailed.Max.Retrans (RFC 7829 3.2)")             \
	X(pf_enable, 1, 0, 1, "", "the potentially-failed path state (RFC 7829)")                  \
	X(pf_expose, 0, 0, 2, "", "PF state to applications: 0 unset, 1 hidden, 2 notified")       \
	X(max_init_retransmits, 8, 1, 65535, "", "Max.Init.Retransmits")                           \
	X(hb_interval, 30000, 0, 86400000, "ms", "HB.interval (0 = no heartbeats)")                \
	X(sack_timeout, 200, 1, 500, "ms", "delayed SACK timer (RFC 9260 6.2: at most 500 ms)")    \
	X(sack_freq, 2, 1, 65535, "packets", "SACK at least every n-th packet")                    \
	X(sndbuf, 212992, 4096, 1073741824, "bytes", "send buffer per association")                \
	X(rcvbuf, 212992, 4096, 1073741824, "bytes",                                               \
	  "receive buffer per association (a_rwnd; data, and one chunk per 256 bytes)")            \
	X(max_autoclose, 2147483, 0, 2147483, "s", "largest SCTP_AUTOCLOSE a socket may set")      \
	X(ecn_enable, 1, 0, 1, "", "offer and accept ECN (RFC 9260 appendix A)")                   \
	X(prsctp_enable, 1, 0, 1, "", "offer Forward-TSN (RFC 3758)")                              \
	X(reconf_enable, 0, 0, 1, "", "offer stream reconfiguration (RFC 6525)")                   \
	X(intl_enable, 0, 0, 1, "", "offer I-DATA interleaving (RFC 8260)")                        \
	X(max_assocs, 131072, 1, 16777216, "", "associations in the whole stack")                  \
	X(max_init_addrs, 32, 1, 256, "", "peer addresses taken from an INIT or INIT ACK")         \
	X(init_streams, 10, 1, 65535, "", "outbound streams requested (OS)")                       \
	X(max_instreams, 65535, 1, 65535, "", "inbound streams accepted (MIS)")

struct sct_settings {
#define SCT_SETTING_FIELD(name, def, min, max, unit, desc) uint32_t name;
	SCT_SETTINGS(SCT_SETTING_FIELD)
#undef SCT_SETTING_FIELD
};

/* Describes one setting, for listing and documentation. */
struct sct_setting_info {
	const char *name;
	uint32_t def, min, max;
	const char *unit;
	const char *desc;
	size_t offset; /* of the field in struct sct_settings */
};

/** sct_settings_defaults() - fill @s with the defaults of the table. */
void sct_settings_defaults(struct sct_settings *s);

/**
 * sct_settings_set() - set one setting by name from its text value.
 *
 * Return: 0; -ENOENT for an unknown name; -EINVAL when @value is not a
 * decimal number; -ERANGE when it is outside the setting's bounds, or when it
 * would break rto_min <= rto_initial <= rto_max.
 */
int sct_settings_set(struct sct_settings *s, const char *name, const char *value);

/**
 * sct_settings_check() - every value of @s within its bounds in the table, and
 * rto_min <= rto_initial <= rto_max.
 * Return: 0; -ERANGE.
 */
int sct_settings_check(const struct sct_settings *s);

/** sct_settings_get() - value of a setting by name; -ENOENT when unknown. */
int sct_settings_get(const struct sct_settings *s, const char *name, uint32_t *value);

/** sct_settings_table() - the table, and its length in @n. */
const struct sct_setting_info *sct_settings_table(size_t *n);

#endif /* SCT_SCTP_SETTINGS_H */
