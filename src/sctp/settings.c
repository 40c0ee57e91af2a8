/* SPDX-License-Identifier: MIT */
/* settings.c: defaults, bounds and by-name access for the protocol settings. */
#include "sctp/settings.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

static const struct sct_setting_info table[] = {
#define SCT_SETTING_INFO(name, def, min, max, unit, desc)                                          \
	{#name, def, min, max, unit, desc, offsetof(struct sct_settings, name)},
    SCT_SETTINGS(SCT_SETTING_INFO)
#undef SCT_SETTING_INFO
};

static uint32_t *field(struct sct_settings *s, const struct sct_setting_info *i)
{
	return (uint32_t *)((char *)s + i->offset);
}

static const struct sct_setting_info *lookup(const char *name)
{
	size_t i;

	for (i = 0; i < sizeof(table) / sizeof(table[0]); i++)
		if (strcmp(table[i].name, name) == 0)
			return &table[i];
	return NULL;
}

void sct_settings_defaults(struct sct_settings *s)
{
	size_t i;

	for (i = 0; i < sizeof(table) / sizeof(table[0]); i++)
		*field(s, &table[i]) = table[i].def;
}

int sct_settings_check(const struct sct_settings *s)
{
	size_t i;

	for (i = 0; i < sizeof(table) / sizeof(table[0]); i++) {
		uint32_t v = *field((struct sct_settings *)s, &table[i]);

		if (v < table[i].min || v > table[i].max)
			return -ERANGE;
	}
	/* RFC 9260 6.3.1: the RTO stays within [RTO.Min, RTO.Max]; refuse settings that invert it
	 */
	if (s->rto_min > s->rto_max || s->rto_initial < s->rto_min || s->rto_initial > s->rto_max)
		return -ERANGE;
	return 0;
}

int sct_settings_set(struct sct_settings *s, const char *name, const char *value)
{
	const struct sct_setting_info *i = lookup(name);
	struct sct_settings n;
	unsigned long long v;
	char *end;

	if (!i)
		return -ENOENT;
	if (!value || *value < '0' || *value > '9')
		return -EINVAL;
	errno = 0;
	v = strtoull(value, &end, 10);
	if (*end != '\0')
		return -EINVAL;
	if (errno == ERANGE || v < i->min || v > i->max)
		return -ERANGE;
	n = *s;
	*field(&n, i) = (uint32_t)v;
	if (sct_settings_check(&n))
		return -ERANGE;
	*s = n;
	return 0;
}

int sct_settings_get(const struct sct_settings *s, const char *name, uint32_t *value)
{
	const struct sct_setting_info *i = lookup(name);

	if (!i)
		return -ENOENT;
	*value = *field((struct sct_settings *)s, i);
	return 0;
}

const struct sct_setting_info *sct_settings_table(size_t *n)
{
	*n = sizeof(table) / sizeof(table[0]);
	return table;
}
