/* SPDX-License-Identifier: MIT */
/* replay_main.c: run a fuzz target over its committed corpus (no libFuzzer needed). */

/*
 * A replay program is built from fuzz_NAME.c plus this file and is named
 * replay_NAME.  With no arguments it replays $top_srcdir/tests/fuzz/corpus/NAME;
 * with arguments, each file or directory named.  An empty or missing corpus is
 * an error, so that a lost corpus cannot pass unnoticed.
 */
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static long run_file(const char *path)
{
	FILE *f = fopen(path, "rb");
	uint8_t *buf;
	long n;

	if (!f) {
		perror(path);
		return -1;
	}
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	fseek(f, 0, SEEK_SET);
	buf = malloc(n > 0 ? (size_t)n : 1);
	if (!buf || (n > 0 && fread(buf, 1, (size_t)n, f) != (size_t)n)) {
		fclose(f);
		free(buf);
		return -1;
	}
	fclose(f);
	LLVMFuzzerTestOneInput(buf, (size_t)n);
	free(buf);
	return 1;
}

static long run_path(const char *path)
{
	struct stat st;
	DIR *d;
	struct dirent *e;
	long count = 0;

	if (stat(path, &st) != 0) {
		perror(path);
		return -1;
	}
	if (!S_ISDIR(st.st_mode))
		return run_file(path);
	d = opendir(path);
	if (!d)
		return -1;
	while ((e = readdir(d))) {
		char p[4096];
		long r;

		if (e->d_name[0] == '.')
			continue;
		snprintf(p, sizeof(p), "%s/%s", path, e->d_name);
		r = run_file(p);
		if (r < 0) {
			closedir(d);
			return -1;
		}
		count += r;
	}
	closedir(d);
	return count;
}

int main(int argc, char **argv)
{
	long total = 0;
	int i;

	if (argc > 1) {
		for (i = 1; i < argc; i++) {
			long r = run_path(argv[i]);

			if (r < 0)
				return 1;
			total += r;
		}
	} else {
		const char *top = getenv("top_srcdir");
		const char *base = strrchr(argv[0], '/');
		char dir[4096];
		long r;

		base = base ? base + 1 : argv[0];
		if (strncmp(base, "replay_", 7) == 0)
			base += 7;
		/* libtool wrappers run the real binary as lt-replay_NAME */
		if (strncmp(base, "lt-replay_", 10) == 0)
			base += 10;
		snprintf(dir, sizeof(dir), "%s/tests/fuzz/corpus/%s", top ? top : ".", base);
		r = run_path(dir);
		if (r < 0)
			return 1;
		total = r;
	}
	printf("replayed %ld inputs\n", total);
	if (total == 0) {
		fprintf(stderr, "no corpus inputs found\n");
		return 1;
	}
	return 0;
}
