// SPDX-License-Identifier: MIT
/* --kcidb FILE: KCIDB I/O v5.3 tests, one per case (see kcidb.h). */
#define _GNU_SOURCE
#include "out/kcidb.h"
#include "out/case_text.h"
#include "out/json.h"
#include "core/version.h"
#include "util/util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* KCIDB's log_excerpt holds at most this many characters. */
#define EXCERPT_MAX 16384

bool kcidb_origin_ok(const char *origin)
{
	if (!origin || !*origin)
		return false;
	for (const char *p = origin; *p; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '_'))
			return false;
	return true;
}

bool kcidb_id_ok(const char *id)
{
	const char *colon = id ? strchr(id, ':') : NULL;
	if (!colon)
		return false;
	char *origin = xstrndup(id, (size_t)(colon - id));
	bool ok = kcidb_origin_ok(origin);
	free(origin);
	return ok;
}

static const char *kcidb_status(enum status s)
{
	switch (s) {
	case ST_PASS: case ST_XFAIL: return "PASS";
	case ST_FAIL: case ST_XPASS: return "FAIL";
	case ST_SKIP: return "SKIP";
	case ST_TIMEOUT: case ST_ERROR: return "ERROR";
	default: return "ERROR";
	}
}

/*
 * "sockspec." and ID with '/' as the separator of a node: KCIDB's path
 * nodes are [a-zA-Z0-9_-]+ between dots; any other byte becomes '_', and
 * an empty node "_", so every id gives a valid path.
 */
static char *test_path(const char *id)
{
	size_t n = strlen(id);
	char *p = xmalloc(sizeof("sockspec.") + 2 * n + 1), *o = p;
	o = stpcpy(o, "sockspec");
	bool node_empty = true;
	*o++ = '.';
	for (const char *s = id; *s; s++) {
		char c = *s;
		if (c == '/' || c == '.') {
			if (node_empty)
				*o++ = '_';
			*o++ = '.';
			node_empty = true;
			continue;
		}
		bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
			  (c >= '0' && c <= '9') || c == '_' || c == '-';
		*o++ = ok ? c : '_';
		node_empty = false;
	}
	if (node_empty)
		*o++ = '_';
	*o = 0;
	return p;
}

/* At most EXCERPT_MAX bytes (so characters) of S, cut before a UTF-8 continuation byte. */
static char *excerpt(const char *s)
{
	size_t n = strlen(s);
	if (n <= EXCERPT_MAX)
		return xstrdup(s);
	n = EXCERPT_MAX;
	while (n > 0 && ((unsigned char)s[n] & 0xc0) == 0x80)
		n--;
	return xstrndup(s, n);
}

static void kv(FILE *f, const char *key, const char *value, bool comma)
{
	json_string(f, key);
	fputs(": ", f);
	json_string(f, value);
	if (comma)
		fputs(", ", f);
}

struct ids {
	const char *origin, *build_id;
	char run[64];	/* this run: its start time and pid */
};

static void environment(FILE *f, const struct run_meta *m)
{
	char host[256] = "";
	if (gethostname(host, sizeof(host) - 1) < 0)
		host[0] = 0;
	host[sizeof(host) - 1] = 0;
	char *comment = xasprintf("Linux %s %s", m->ki->release, m->ki->machine);
	fputs("\"environment\": {", f);
	kv(f, "comment", comment, true);
	fputs("\"misc\": {", f);
	kv(f, "kernel_release", m->ki->release, true);
	kv(f, "kernel_version", m->ki->version, true);
	kv(f, "kernel_machine", m->ki->machine, true);
	kv(f, "hostname", host, true);
	fprintf(f, "\"privileged\": %s}}, ", m->host_root ? "true" : "false");
	free(comment);
}

/* The fields every test of this run has: id, build, origin, path, environment, start. */
static void test_head(FILE *f, const struct run_meta *m, const struct ids *ids, const char *id)
{
	char *tid = xasprintf("%s:sockspec.%s.%s", ids->origin, ids->run, id);
	char *path = test_path(id);
	fputs("    {", f);
	kv(f, "id", tid, true);
	kv(f, "build_id", ids->build_id, true);
	kv(f, "origin", ids->origin, true);
	kv(f, "path", path, true);
	kv(f, "start_time", m->started, true);
	environment(f, m);
	free(tid);
	free(path);
}

static void provenance(FILE *f)
{
	kv(f, "sockspec_version", SOCKSPEC_VERSION, true);
	kv(f, "sockspec_commit", SOCKSPEC_COMMIT, true);
}

static void case_test(FILE *f, const struct run_meta *m, const struct ids *ids,
		      const struct case_entry *e)
{
	const struct tcase *tc = e->tc;
	const struct case_result *r = e->res;
	test_head(f, m, ids, tc->id);
	kv(f, "status", kcidb_status(r->status), true);
	fprintf(f, "\"duration\": %.6f, ", r->duration);
	char *comment = xasprintf("%s: %s", tc->id, tc->what ? tc->what : "");
	kv(f, "comment", comment, true);
	free(comment);
	char *body = case_text_body(tc, r);
	if (*body) {
		char *ex = excerpt(body);
		kv(f, "log_excerpt", ex, true);
		free(ex);
	}
	free(body);
	fputs("\"misc\": {", f);
	provenance(f);
	kv(f, "case_id", tc->id, true);
	kv(f, "sockspec_status", status_name(r->status), true);
	kv(f, "file", tc->file->path, true);
	fprintf(f, "\"line\": %d, ", tc->line);
	kv(f, "doc", tc->doc, true);
	kv(f, "reason", r->reason, true);
	kv(f, "xfail", tc->xfail, false);
	fputs("}}", f);
}

static void broken_file_test(FILE *f, const struct run_meta *m, const struct ids *ids,
			     const struct casefile *cf)
{
	test_head(f, m, ids, cf->name);
	kv(f, "status", "ERROR", true);
	kv(f, "comment", "the case file does not parse", true);
	char *ex = excerpt(cf->errors);
	kv(f, "log_excerpt", ex, true);
	free(ex);
	fputs("\"misc\": {", f);
	provenance(f);
	kv(f, "file", cf->path, false);
	fputs("}}", f);
}

int kcidb_write(FILE *f, const struct run_report *r)
{
	const struct run_meta *m = r->m;
	struct ids ids = { .origin = m->kcidb_origin, .build_id = m->kcidb_build_id };
	/* 2026-12-07T23:18:06Z -> 20261207T231806Z-PID */
	size_t k = 0;
	for (const char *p = m->started; *p && k + 1 < sizeof(ids.run); p++)
		if (*p != '-' && *p != ':')
			ids.run[k++] = *p;
	snprintf(ids.run + k, sizeof(ids.run) - k, "-%d", (int)getpid());
	char *build = NULL;
	if (!ids.build_id)
		ids.build_id = build = xasprintf("%s:%s", ids.origin, m->ki->release);
	fprintf(f, "{\n  \"version\": {\"major\": %d, \"minor\": %d},\n  \"tests\": [\n",
		KCIDB_MAJOR, KCIDB_MINOR);
	bool first = true;
	for (size_t i = 0; i < r->nfiles; i++) {
		if (!r->files[i]->errors)
			continue;
		fputs(first ? "" : ",\n", f);
		broken_file_test(f, m, &ids, r->files[i]);
		first = false;
	}
	for (size_t i = 0; i < r->ncases; i++) {
		fputs(first ? "" : ",\n", f);
		case_test(f, m, &ids, &r->cases[i]);
		first = false;
	}
	fputs("\n  ]\n}\n", f);
	free(build);
	return ferror(f) ? -1 : 0;
}

const struct sink_format sink_kcidb = { "KCIDB", "--kcidb", kcidb_write };
