/* SPDX-License-Identifier: MIT */
/* test_dlog.c: sctund's log sink (format, levels, rate-limited diagnostics) and sd_notify. */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include "daemon/log.h"
#include "daemon/notify.h"
#include "harness.h"

static void format_line(void)
{
	char buf[LOG_LINE_MAX];
	/* 2021-01-01T00:00:00Z is 1609459200; plus 123.456789 ms */
	uint64_t t = 1609459200ull * SCT_NSEC_PER_SEC + 123456789ull;
	size_t n;

	n = log_format(buf, sizeof(buf), t, SCT_LOG_WARN, "disk on fire");
	CU_ASSERT_STRING_EQUAL(buf, "2021-01-01T00:00:00.123Z warning: disk on fire\n");
	CU_ASSERT_EQUAL(n, strlen(buf));
	log_format(buf, sizeof(buf), 0, SCT_LOG_ERR, "x");
	CU_ASSERT_STRING_EQUAL(buf, "1970-01-01T00:00:00.000Z error: x\n");
	log_format(buf, sizeof(buf), 0, 42, "x");
	CU_ASSERT_STRING_EQUAL(buf, "1970-01-01T00:00:00.000Z log: x\n");
}

static void format_truncates_to_a_line(void)
{
	char buf[20];
	size_t n = log_format(buf, sizeof(buf), 0, SCT_LOG_INFO, "a long message indeed");

	CU_ASSERT_EQUAL(n, sizeof(buf) - 1);
	CU_ASSERT_EQUAL(strlen(buf), sizeof(buf) - 1);
	CU_ASSERT_EQUAL(buf[n - 1], '\n');
}

static void levels(void)
{
	CU_ASSERT_EQUAL(log_level_for(0), SCT_LOG_NOTICE);
	CU_ASSERT_EQUAL(log_level_for(1), SCT_LOG_INFO);
	CU_ASSERT_EQUAL(log_level_for(2), SCT_LOG_DEBUG);
	CU_ASSERT_EQUAL(log_level_for(5), SCT_LOG_DEBUG);
	CU_ASSERT_STRING_EQUAL(log_level_name(SCT_LOG_NOTICE), "notice");
	CU_ASSERT_STRING_EQUAL(log_level_name(SCT_LOG_DEBUG), "debug");
	CU_ASSERT_STRING_EQUAL(log_level_name(SCT_LOG_INFO), "info");
}

/* Capture what reaches stderr while @fn runs. */
static char captured[4096];

static void capture_stderr(void (*fn)(void))
{
	int pfd[2], saved;
	ssize_t n;

	CU_ASSERT_EQUAL_FATAL(pipe(pfd), 0);
	fflush(stderr);
	saved = dup(STDERR_FILENO);
	dup2(pfd[1], STDERR_FILENO);
	close(pfd[1]);
	fn();
	dup2(saved, STDERR_FILENO);
	close(saved);
	n = read(pfd[0], captured, sizeof(captured) - 1);
	captured[n > 0 ? n : 0] = '\0';
	close(pfd[0]);
}

static void emit_levels(void)
{
	log_open(LOG_TARGET_STDERR, SCT_LOG_INFO);
	sct_log(SCT_LOG_INFO, "shown %d", 1);
	sct_log(SCT_LOG_DEBUG, "hidden");
	log_close();
	sct_log(SCT_LOG_ERR, "after close");
}

static void stderr_sink_filters_levels(void)
{
	capture_stderr(emit_levels);
	CU_ASSERT_PTR_NOT_NULL(strstr(captured, "Z info: shown 1\n"));
	CU_ASSERT_PTR_NULL(strstr(captured, "hidden"));
	CU_ASSERT_PTR_NULL(strstr(captured, "after close"));
}

static void emit_flood(void)
{
	struct sct_ratelimit rl = SCT_RATELIMIT_INIT(SCT_NSEC_PER_SEC, 2);
	int i;

	log_open(LOG_TARGET_STDERR, SCT_LOG_DEBUG);
	for (i = 0; i < 10; i++)
		log_rl(&rl, 5 * SCT_NSEC_PER_SEC, SCT_LOG_WARN, "bad packet %d", i);
	log_rl(&rl, 6 * SCT_NSEC_PER_SEC, SCT_LOG_WARN, "bad packet %d", 10);
	log_close();
}

/* Two let through, eight suppressed and counted on the next one a second later. */
static void ratelimited_diagnostics(void)
{
	capture_stderr(emit_flood);
	CU_ASSERT_PTR_NOT_NULL(strstr(captured, "bad packet 0\n"));
	CU_ASSERT_PTR_NOT_NULL(strstr(captured, "bad packet 1\n"));
	CU_ASSERT_PTR_NULL(strstr(captured, "bad packet 2"));
	CU_ASSERT_PTR_NULL(strstr(captured, "bad packet 9"));
	CU_ASSERT_PTR_NOT_NULL(strstr(captured, "bad packet 10 (8 like it suppressed)\n"));
}

/* sd_notify(3): one datagram with the state, to a path or an abstract '@' name. */
static void notify_path_and_abstract(void)
{
	struct sockaddr_un sa = {.sun_family = AF_UNIX};
	char name[64], buf[64];
	ssize_t n;
	int fd;

	unsetenv("NOTIFY_SOCKET");
	CU_ASSERT_EQUAL(notify_send("READY=1"), 0);
	setenv("NOTIFY_SOCKET", "", 1);
	CU_ASSERT_EQUAL(notify_send("READY=1"), 0);
	setenv("NOTIFY_SOCKET", "relative/path", 1);
	CU_ASSERT_EQUAL(notify_send("READY=1"), -EAFNOSUPPORT);

	/* a path */
	snprintf(name, sizeof(name), "/tmp/sctund-notify-%d", (int)getpid());
	unlink(name);
	fd = socket(AF_UNIX, SOCK_DGRAM, 0);
	CU_ASSERT_FATAL(fd >= 0);
	snprintf(sa.sun_path, sizeof(sa.sun_path), "%s", name);
	CU_ASSERT_EQUAL_FATAL(bind(fd, (struct sockaddr *)&sa, sizeof(sa)), 0);
	setenv("NOTIFY_SOCKET", name, 1);
	CU_ASSERT_EQUAL(notify_send("READY=1"), 1);
	n = recv(fd, buf, sizeof(buf), MSG_DONTWAIT);
	CU_ASSERT_EQUAL(n, 7);
	CU_ASSERT_TRUE(n == 7 && !memcmp(buf, "READY=1", 7));
	close(fd);
	unlink(name);
	/* the listener is gone */
	CU_ASSERT_EQUAL(notify_send("STOPPING=1"), -ENOENT);

	/* an abstract name */
	snprintf(name, sizeof(name), "@sctund-notify-%d", (int)getpid());
	fd = socket(AF_UNIX, SOCK_DGRAM, 0);
	CU_ASSERT_FATAL(fd >= 0);
	memset(sa.sun_path, 0, sizeof(sa.sun_path));
	memcpy(sa.sun_path + 1, name + 1, strlen(name) - 1);
	CU_ASSERT_EQUAL_FATAL(
	    bind(fd, (struct sockaddr *)&sa,
		 (socklen_t)(offsetof(struct sockaddr_un, sun_path) + strlen(name))),
	    0);
	setenv("NOTIFY_SOCKET", name, 1);
	CU_ASSERT_EQUAL(notify_send("STOPPING=1"), 1);
	n = recv(fd, buf, sizeof(buf), MSG_DONTWAIT);
	CU_ASSERT_EQUAL(n, 10);
	CU_ASSERT_TRUE(n == 10 && !memcmp(buf, "STOPPING=1", 10));
	close(fd);
	unsetenv("NOTIFY_SOCKET");
}

static const struct sct_test dlog_tests[] = {
    SCT_TEST(format_line),
    SCT_TEST(format_truncates_to_a_line),
    SCT_TEST(levels),
    SCT_TEST(stderr_sink_filters_levels),
    SCT_TEST(ratelimited_diagnostics),
    SCT_TEST_END,
};

static const struct sct_test notify_tests[] = {
    SCT_TEST(notify_path_and_abstract),
    SCT_TEST_END,
};

SCT_TEST_MAIN(dlog_tests, notify_tests)
