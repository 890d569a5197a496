// SPDX-License-Identifier: MIT
/*
 * Output sinks (out/sink.h): a path that cannot take the report is refused
 * when the sink is opened, before a run; the report reaches its path only
 * whole, by rename; a discarded sink leaves the target as it was.
 */
#define _GNU_SOURCE
#include "out/run.h"
#include "out/sink.h"
#include "tap.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static int write_hello(FILE *f, const struct run_report *r)
{
	(void)r;
	return fputs("hello\n", f) < 0 ? -1 : 0;
}

static int write_fails(FILE *f, const struct run_report *r)
{
	(void)r;
	fputs("half", f);
	return -1;
}

static const struct sink_format fmt_hello = { "test", "--test", write_hello };
static const struct sink_format fmt_fails = { "test", "--test", write_fails };

static char dir[] = "/tmp/sockspec-sink-XXXXXX";

static char *slurp(const char *path)
{
	FILE *f = fopen(path, "r");
	if (!f)
		return NULL;
	char *buf = calloc(1, 256);
	size_t n = fread(buf, 1, 255, f);
	buf[n] = 0;
	fclose(f);
	return buf;
}

/* Entries of DIR other than . and .. (temporary files left behind show here). */
static int entries(void)
{
	DIR *d = opendir(dir);
	int n = 0;
	for (struct dirent *e; d && (e = readdir(d));)
		n += strcmp(e->d_name, ".") && strcmp(e->d_name, "..");
	if (d)
		closedir(d);
	return n;
}

static void refused(const char *path, const char *want, const char *what)
{
	struct sink s;
	char *err = NULL;
	int rc = sink_open(&s, &fmt_hello, path, &err);
	ok(rc == -1 && err && strstr(err, want), "%s is refused on open", what);
	if (!(err && strstr(err, want)))
		printf("#   error: %s\n#   want:  %s\n", err ? err : "(none)", want);
	free(err);
}

int main(void)
{
	if (!mkdtemp(dir))
		return 1;
	char *target = NULL, *sub = NULL, *ro = NULL;
	if (asprintf(&target, "%s/r.json", dir) < 0 || asprintf(&sub, "%s/sub", dir) < 0 ||
	    asprintf(&ro, "%s/ro.json", dir) < 0)
		return 1;

	refused("/nonexistent-dir/x.json", "--test /nonexistent-dir/x.json: cannot write in "
		"/nonexistent-dir", "a path in a missing folder");
	mkdir(sub, 0755);
	refused(sub, "is a folder", "a folder");
	rmdir(sub);
	refused("", "--test wants a file name", "an empty path");
	FILE *f = fopen(ro, "w");
	fputs("keep\n", f);
	fclose(f);
	chmod(ro, 0444);
	refused(ro, "Permission denied", "a read-only file (also for root)");
	unlink(ro);

	/* a good sink: nothing at the target until the commit */
	struct sink s;
	char *err = NULL;
	ok(sink_open(&s, &fmt_hello, target, &err) == 0, "a writable path opens");
	ok(access(target, F_OK) != 0, "nothing at the target before the commit");
	ok(entries() == 1, "one temporary file beside it");
	ok(sink_commit(&s, NULL, &err) == 0, "the commit succeeds");
	char *t = slurp(target);
	is_str(t, "hello\n", "the target holds the whole report");
	free(t);
	ok(entries() == 1, "no temporary file is left");

	/* a failing writer and a discard: the old file stays as it was */
	ok(sink_open(&s, &fmt_fails, target, &err) == 0, "the target can be opened again");
	ok(sink_commit(&s, NULL, &err) == -1 && err && strstr(err, "left as it was"),
	   "a failed write is an error that says the file was kept");
	free(err);
	err = NULL;
	t = slurp(target);
	is_str(t, "hello\n", "after a failed write the target is the old report");
	free(t);
	ok(sink_open(&s, &fmt_hello, target, &err) == 0, "and once more");
	sink_discard(&s);
	t = slurp(target);
	is_str(t, "hello\n", "a discarded sink leaves the target as it was");
	free(t);
	ok(entries() == 1, "and no temporary file");

	/* what a signal handler removes */
	ok(sink_open(&s, &fmt_hello, target, &err) == 0, "open for the signal case");
	sink_discard_all_unsafe();
	ok(entries() == 1, "sink_discard_all_unsafe() removes the temporary file");
	sink_discard(&s);

	unlink(target);
	rmdir(dir);
	free(target);
	free(sub);
	free(ro);
	return tap_done();
}
