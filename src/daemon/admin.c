/* SPDX-License-Identifier: MIT */
/* admin.c: sctunctl's commands inside sctund: associations, paths, counters, settings. */
#include "config.h"

#include "daemon/admin.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "common/log.h"
#include "daemon/usock_impl.h"
#include "daemon/seccomp.h"

/*
 * seccomp.c's allow-list, once the loop runs: sctunctl's answers, written to a memfd through
 * stdio.
 */
SECCOMP_CALLS(admin, SC(memfd_create), SC(dup), SC(fcntl), SC(fstat), SC(newfstatat), SC(write),
	      SC(lseek), SC(close));

/*
 * Theory of operation
 *
 * sctunctl sends one ADMIN request whose MESSAGE is a command line; sctund
 * answers with a memfd holding the whole output, so a listing of many
 * associations never has to fit a control message and sctund never blocks
 * on a slow reader.  The output is either a table for people or one JSON
 * document (-j) with stable field names for programs; both are made here, so
 * sctunctl stays a thin client.  Reading is open to every local user, as
 * /proc/net/sctp is; changing settings needs root or sctund's own user, and
 * aborting an association root or the user whose socket holds it.
 */

#define MAX_WORDS 8
#define MAX_PATHS 32

struct cmd {
	char buf[ADMIN_CMD_MAX + 1];
	char *w[MAX_WORDS];
	int n;
	bool json;
};

static int split(struct cmd *c, const char *s, size_t len)
{
	char *p, *save = NULL;

	if (len > ADMIN_CMD_MAX)
		return -EINVAL;
	memcpy(c->buf, s, len);
	c->buf[len] = '\0';
	c->n = 0;
	c->json = false;
	for (p = strtok_r(c->buf, " \t", &save); p; p = strtok_r(NULL, " \t", &save)) {
		if (strcmp(p, "-j") == 0) {
			c->json = true;
			continue;
		}
		if (c->n == MAX_WORDS)
			return -EINVAL;
		c->w[c->n++] = p;
	}
	return 0;
}

static const char *path_state(uint8_t st)
{
	static const char *const names[] = {"active", "inactive", "potentially-failed",
					    "unconfirmed"};

	return st < 4 ? names[st] : "?";
}

/* The socket holding association @id, or NULL (echo, or waiting for accept()). */
static const struct usock *owner(const struct admin *ad, sct_assoc_id id)
{
	struct uassoc *ua = uassoc_find(ad->socks, id);

	return ua ? ua->us : NULL;
}

/* ------------------------------------------------------------------ assocs */

struct filter {
	int port;		/* -1: any */
	bool has_peer;
	struct sct_addr peer;
};

static bool matches(const struct filter *f, const struct sct_assoc_status *st,
		    const struct sct_path_info *pi, int np)
{
	int i;

	if (f->port >= 0 && st->local_port != f->port && st->peer_port != f->port)
		return false;
	if (!f->has_peer)
		return true;
	for (i = 0; i < np && i < MAX_PATHS; i++)
		if (sct_addr_eq(&pi[i].addr, &f->peer))
			return true;
	return false;
}

static void json_assoc(FILE *o, const struct sct_assoc_status *st,
		       const struct sct_path_info *pi, int np, const struct usock *us)
{
	const struct sct_assoc_counters *c = &st->ctr;
	char a[SCT_ADDR_STRLEN];
	int i;

	fprintf(o,
		"{\"id\":%u,\"state\":\"%s\",\"local_port\":%u,\"peer_port\":%u,"
		"\"primary\":\"%s\",\"streams_out\":%u,\"streams_in\":%u,\"rwnd\":%u,"
		"\"peer_rwnd\":%u,\"flight\":%u,\"unacked\":%u,\"pending\":%u,"
		"\"init_retransmits\":%u,\"uid\":%d,\"socket\":%u,",
		st->id, sct_state_name(st->state), st->local_port, st->peer_port,
		sct_addr_fmt(&st->primary, a, sizeof(a)), st->os, st->is, st->rwnd, st->peer_rwnd,
		st->flight, st->unacked, st->pending, st->init_retransmits,
		us ? (int)us->uid : -1, us ? us->serial : 0);
	fprintf(o,
		"\"counters\":{\"in_packets\":%llu,\"out_packets\":%llu,\"in_data\":%llu,"
		"\"out_data\":%llu,\"in_sacks\":%llu,\"out_sacks\":%llu,\"rtx_chunks\":%llu,"
		"\"fast_rtx\":%llu,\"t3_expired\":%llu,\"pf_entered\":%llu},\"paths\":[",
		(unsigned long long)c->ipackets, (unsigned long long)c->opackets,
		(unsigned long long)c->idata, (unsigned long long)c->odata,
		(unsigned long long)c->isacks, (unsigned long long)c->osacks,
		(unsigned long long)c->rtx_chunks, (unsigned long long)c->fast_rtx,
		(unsigned long long)c->t3_expired, (unsigned long long)c->pf_entered);
	for (i = 0; i < np && i < MAX_PATHS; i++)
		fprintf(o,
			"%s{\"addr\":\"%s\",\"udp_port\":%u,\"state\":\"%s\",\"primary\":%s,"
			"\"rto_ms\":%u,\"srtt_us\":%u,\"rttvar_us\":%u,\"cwnd\":%u,"
			"\"ssthresh\":%u,\"flight\":%u,\"pmtu\":%u,\"errors\":%u}",
			i ? "," : "", sct_addr_fmt(&pi[i].addr, a, sizeof(a)), pi[i].encap_port,
			path_state(pi[i].state), pi[i].primary ? "true" : "false", pi[i].rto_ms,
			pi[i].srtt_us, pi[i].rttvar_us, pi[i].cwnd, pi[i].ssthresh, pi[i].flight,
			pi[i].pmtu, pi[i].error_count);
	fputs("]}", o);
}

static void table_assoc(FILE *o, const struct sct_assoc_status *st,
			const struct sct_path_info *pi, int np, const struct usock *us)
{
	char a[SCT_ADDR_STRLEN + 8], owner_s[24];
	int i;

	snprintf(owner_s, sizeof(owner_s), us ? "%d/%u" : "-", us ? (int)us->uid : 0,
		 us ? us->serial : 0);
	sct_addr_fmt(&st->primary, a, sizeof(a));
	fprintf(o, "%-6u %-17s %5u %-28s %5u %4u/%-4u %8u %8u %8u %8u %7llu %-9s\n", st->id,
		sct_state_name(st->state), st->local_port, a, st->peer_port, st->os, st->is,
		st->rwnd, st->peer_rwnd, st->flight, st->pending,
		(unsigned long long)st->ctr.rtx_chunks, owner_s);
	for (i = 0; i < np && i < MAX_PATHS; i++)
		fprintf(o,
			"  %s %-28s %-12s rto %ums srtt %uus rttvar %uus cwnd %u ssthresh %u "
			"flight %u pmtu %u errors %u\n",
			pi[i].primary ? "*" : " ", sct_addr_fmt(&pi[i].addr, a, sizeof(a)),
			path_state(pi[i].state), pi[i].rto_ms, pi[i].srtt_us, pi[i].rttvar_us,
			pi[i].cwnd, pi[i].ssthresh, pi[i].flight, pi[i].pmtu, pi[i].error_count);
}

static int cmd_assocs(const struct admin *ad, const struct cmd *c, FILE *o, char *err,
		      size_t errlen)
{
	struct sct_path_info pi[MAX_PATHS];
	struct filter f = {.port = -1};
	sct_assoc_id *ids;
	size_t n, i, shown = 0;
	int k;

	for (k = 1; k + 1 < c->n; k += 2) {
		if (strcmp(c->w[k], "port") == 0) {
			char *end;
			long v = strtol(c->w[k + 1], &end, 10);

			if (*end || v < 1 || v > 65535) {
				snprintf(err, errlen, "port: '%s' is not 1..65535", c->w[k + 1]);
				return -EINVAL;
			}
			f.port = (int)v;
		} else if (strcmp(c->w[k], "peer") == 0) {
			if (sct_addr_parse(&f.peer, c->w[k + 1])) {
				snprintf(err, errlen, "peer: '%s' is not an address", c->w[k + 1]);
				return -EINVAL;
			}
			f.has_peer = true;
		} else {
			break;
		}
	}
	if (k != c->n) {
		snprintf(err, errlen, "assocs takes: [port PORT] [peer ADDR]");
		return -EINVAL;
	}
	n = sct_stack_assoc_ids(ad->stack, NULL, 0);
	ids = calloc(n ? n : 1, sizeof(*ids));
	if (!ids)
		return -ENOMEM;
	n = sct_stack_assoc_ids(ad->stack, ids, n);
	if (c->json)
		fputs("{\"associations\":[", o);
	else
		fprintf(o, "%-6s %-17s %5s %-28s %5s %9s %8s %8s %8s %8s %7s %-9s\n", "ID", "STATE",
			"LPORT", "PEER", "PPORT", "OS/IS", "RWND", "PEERRWND", "FLIGHT", "PENDING",
			"RTX", "UID/SOCK");
	for (i = 0; i < n; i++) {
		struct sct_assoc_status st;
		int np;

		if (sct_assoc_status(ad->stack, ids[i], &st))
			continue;
		np = sct_assoc_paths(ad->stack, ids[i], pi, MAX_PATHS);
		if (np < 0 || !matches(&f, &st, pi, np))
			continue;
		if (c->json) {
			if (shown)
				fputc(',', o);
			json_assoc(o, &st, pi, np, owner(ad, ids[i]));
		} else {
			table_assoc(o, &st, pi, np, owner(ad, ids[i]));
		}
		shown++;
	}
	if (c->json)
		fputs("]}\n", o);
	free(ids);
	return 0;
}

/* ------------------------------------------------------------------ the rest */

static int cmd_sockets(const struct admin *ad, const struct cmd *c, FILE *o)
{
	static const char *const states[] = {"new", "listening", "connecting", "connected",
					     "done"};
	const struct usock *us;
	bool first = true;

	if (c->json)
		fputs("{\"sockets\":[", o);
	else
		fprintf(o, "%-6s %-6s %-9s %-4s %-11s %5s %6s\n", "SOCKET", "UID", "TYPE", "FAM",
			"STATE", "PORT", "ASSOCS");
	for (us = ad->socks->all; us; us = us->next) {
		const char *type = usock_one_to_many(us) ? "seqpacket" : "stream";
		int fam = us->family == SCT_IPC_AF_INET ? 4 : 6;

		if (c->json)
			fprintf(o,
				"%s{\"socket\":%u,\"uid\":%u,\"type\":\"%s\",\"family\":%d,"
				"\"state\":\"%s\",\"port\":%u,\"associations\":%zu,\"hup\":%s}",
				first ? "" : ",", us->serial, (unsigned)us->uid, type, fam,
				states[us->state], us->port, us->n_assocs,
				us->hup ? "true" : "false");
		else
			fprintf(o, "%-6u %-6u %-9s %-4d %-11s %5u %6zu\n", us->serial,
				(unsigned)us->uid, type, fam, states[us->state], us->port,
				us->n_assocs);
		first = false;
	}
	if (c->json)
		fputs("]}\n", o);
	return 0;
}

static void counter(FILE *o, bool json, bool *first, const char *name, uint64_t v)
{
	if (json)
		fprintf(o, "%s\"%s\":%llu", *first ? "" : ",", name, (unsigned long long)v);
	else
		fprintf(o, "%-28s %llu\n", name, (unsigned long long)v);
	*first = false;
}

static int cmd_stats(const struct admin *ad, const struct cmd *c, FILE *o)
{
	struct sct_stack_counters s;
	bool first = true, j = c->json;

	sct_stack_counters(ad->stack, &s);
	if (j)
		fputs("{\"sctp\":{", o);
	counter(o, j, &first, "SctpCurrEstab", sct_stack_assoc_ids(ad->stack, NULL, 0));
	counter(o, j, &first, "SctpActiveEstabs", s.active_estabs);
	counter(o, j, &first, "SctpPassiveEstabs", s.passive_estabs);
	counter(o, j, &first, "SctpAborteds", s.aborteds);
	counter(o, j, &first, "SctpShutdowns", s.shutdowns);
	counter(o, j, &first, "SctpOutOfBlues", s.ootb);
	counter(o, j, &first, "SctpChecksumErrors", s.in_bad_crc);
	counter(o, j, &first, "SctpOutCtrlChunks", s.out_sacks);
	counter(o, j, &first, "SctpInDataChunks", s.in_data_chunks);
	counter(o, j, &first, "SctpOutDataChunks", s.out_data_chunks);
	counter(o, j, &first, "SctpRetransChunks", s.retrans_chunks);
	counter(o, j, &first, "SctpFastRetransChunks", s.fast_retrans);
	counter(o, j, &first, "SctpT3RtxExpireds", s.t3_expired);
	counter(o, j, &first, "SctpT1Expireds", s.t1_expired);
	counter(o, j, &first, "SctpT2ShutdownExpireds", s.t2_expired);
	counter(o, j, &first, "SctpInSCTPPacks", s.in_pkts);
	counter(o, j, &first, "SctpOutSCTPPacks", s.out_pkts);
	counter(o, j, &first, "SctpInSacks", s.in_sacks);
	counter(o, j, &first, "InMalformed", s.in_malformed);
	counter(o, j, &first, "InBadVtag", s.bad_vtag);
	counter(o, j, &first, "StaleCookies", s.stale_cookies);
	counter(o, j, &first, "BadCookies", s.bad_cookies);
	counter(o, j, &first, "DataDroppedRwnd", s.data_dropped_rwnd);
	counter(o, j, &first, "EventsDropped", s.events_dropped);
	if (j)
		fputs("},\"daemon\":{", o);
	first = true;
	counter(o, j, &first, "TunIn", ad->dp->st.tun_in);
	counter(o, j, &first, "TunOut", ad->dp->st.tun_out);
	counter(o, j, &first, "UdpIn", ad->dp->st.udp_in);
	counter(o, j, &first, "UdpOut", ad->dp->st.udp_out);
	counter(o, j, &first, "Loopback", ad->dp->st.loopback);
	counter(o, j, &first, "HostDrops", ad->dp->st.host_drops);
	counter(o, j, &first, "OutErrors", ad->dp->st.out_errors);
	counter(o, j, &first, "Sockets", ad->socks->n);
	counter(o, j, &first, "QuotaRefusals", ad->socks->quota.refused);
	counter(o, j, &first, "AppMsgsIn", ad->socks->st.rx_msgs);
	counter(o, j, &first, "AppMsgsOut", ad->socks->st.tx_msgs);
	counter(o, j, &first, "AppBadRecords", ad->socks->st.bad_records);
	counter(o, j, &first, "AppSendErrors", ad->socks->st.send_errors);
	counter(o, j, &first, "Notifications", ad->socks->st.notifs);
	counter(o, j, &first, "NotificationsDropped", ad->socks->st.notifs_dropped);
	if (j)
		fputs("}}\n", o);
	return 0;
}

static int cmd_settings(const struct admin *ad, const struct cmd *c, FILE *o)
{
	const struct sct_setting_info *t;
	size_t n, i;

	t = sct_settings_table(&n);
	if (c->json)
		fputc('{', o);
	for (i = 0; i < n; i++) {
		uint32_t v = 0;

		sct_settings_get(sct_stack_settings(ad->stack), t[i].name, &v);
		if (c->json)
			fprintf(o, "%s\"%s\":%u", i ? "," : "", t[i].name, v);
		else
			fprintf(o, "%-24s %10u %-8s %s\n", t[i].name, v, t[i].unit, t[i].desc);
	}
	/* sctund's own (uquota.h) */
	if (c->json)
		fprintf(o, "%s\"max_socks_per_uid\":%u", n ? "," : "", ad->socks->quota.max);
	else
		fprintf(o, "%-24s %10u %-8s %s\n", "max_socks_per_uid", ad->socks->quota.max,
			"sockets", "per user but root, and as many control connections");
	if (c->json)
		fputs("}\n", o);
	return 0;
}

/* set max_socks_per_uid=N: sockets and connections held already stay; new ones count. */
static int set_quota(const struct admin *ad, uid_t uid, const char *val, FILE *o, char *err,
		     size_t errlen)
{
	char *end;
	unsigned long v = strtoul(val, &end, 10);

	if (!isdigit((unsigned char)val[0]) || *end || v < 1 || v > UQUOTA_MAX) {
		snprintf(err, errlen, "max_socks_per_uid=%s: out of range (1..%u) or not a number",
			 val, UQUOTA_MAX);
		return -ERANGE;
	}
	ad->socks->quota.max = (uint32_t)v;
	sct_log(SCT_LOG_NOTICE, "setting max_socks_per_uid=%lu (uid %u)", v, (unsigned)uid);
	fprintf(o, "max_socks_per_uid=%lu\n", v);
	return 0;
}

static int cmd_set(const struct admin *ad, uid_t uid, const struct cmd *c, FILE *o, char *err,
		   size_t errlen)
{
	char *eq = c->n == 2 ? strchr(c->w[1], '=') : NULL;
	int ret;

	if (!eq) {
		snprintf(err, errlen, "set takes one NAME=VALUE");
		return -EINVAL;
	}
	if (uid != 0 && uid != ad->daemon_uid) {
		snprintf(err, errlen, "only root or sctund's user may change settings");
		return -EPERM;
	}
	*eq = '\0';
	if (!strcmp(c->w[1], "max_socks_per_uid"))
		return set_quota(ad, uid, eq + 1, o, err, errlen);
	ret = sct_settings_set(sct_stack_settings(ad->stack), c->w[1], eq + 1);
	if (ret) {
		snprintf(err, errlen, "%s=%s: %s", c->w[1], eq + 1,
			 ret == -ENOENT ? "no such setting" : "out of range or not a number");
		return ret;
	}
	sct_log(SCT_LOG_NOTICE, "setting %s=%s (uid %u): for new associations", c->w[1], eq + 1,
		(unsigned)uid);
	fprintf(o, "%s=%s\n", c->w[1], eq + 1);
	return 0;
}

static int cmd_abort(const struct admin *ad, uid_t uid, const struct cmd *c, FILE *o,
		     sct_time_t now, char *err, size_t errlen)
{
	static const char reason[] = "aborted by sctunctl";
	const struct usock *us;
	char *end;
	unsigned long id;

	if (c->n != 2 || (id = strtoul(c->w[1], &end, 10)) == 0 || *end || id > UINT32_MAX) {
		snprintf(err, errlen, "abort takes one association id");
		return -EINVAL;
	}
	us = owner(ad, (sct_assoc_id)id);
	if (uid != 0 && (!us || us->uid != uid)) {
		snprintf(err, errlen, "association %lu is not yours", id);
		return -EPERM;
	}
	if (sct_assoc_abort(ad->stack, (sct_assoc_id)id, reason, sizeof(reason) - 1, now)) {
		snprintf(err, errlen, "no association %lu", id);
		return -ENOENT;
	}
	sct_log(SCT_LOG_NOTICE, "association %lu aborted by sctunctl (uid %u)", id, (unsigned)uid);
	fprintf(o, "association %lu aborted\n", id);
	return 0;
}

int admin_run(const struct admin *ad, uid_t uid, const char *cmd, size_t len, char *err,
	      size_t errlen, sct_time_t now)
{
	struct cmd c;
	FILE *o;
	int fd, dupfd, ret;

	err[0] = '\0';
	if (split(&c, cmd, len) || c.n == 0) {
		snprintf(err, errlen, "no command");
		return -EINVAL;
	}
	fd = memfd_create("sctunctl", MFD_CLOEXEC);
	if (fd < 0)
		return -errno;
	dupfd = dup(fd);
	o = dupfd >= 0 ? fdopen(dupfd, "w") : NULL;
	if (!o) {
		ret = -errno;
		if (dupfd >= 0)
			close(dupfd);
		close(fd);
		return ret;
	}
	if (strcmp(c.w[0], "assocs") == 0)
		ret = cmd_assocs(ad, &c, o, err, errlen);
	else if (strcmp(c.w[0], "sockets") == 0 && c.n == 1)
		ret = cmd_sockets(ad, &c, o);
	else if (strcmp(c.w[0], "stats") == 0 && c.n == 1)
		ret = cmd_stats(ad, &c, o);
	else if (strcmp(c.w[0], "settings") == 0 && c.n == 1)
		ret = cmd_settings(ad, &c, o);
	else if (strcmp(c.w[0], "set") == 0)
		ret = cmd_set(ad, uid, &c, o, err, errlen);
	else if (strcmp(c.w[0], "abort") == 0)
		ret = cmd_abort(ad, uid, &c, o, now, err, errlen);
	else {
		snprintf(err, errlen, "unknown command '%s'", c.w[0]);
		ret = -EINVAL;
	}
	if (fclose(o) && !ret)
		ret = -EIO;
	if (!ret && lseek(fd, 0, SEEK_SET) < 0)
		ret = -errno;
	if (ret) {
		close(fd);
		return ret;
	}
	return fd;
}
