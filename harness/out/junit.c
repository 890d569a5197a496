// SPDX-License-Identifier: MIT
/*
 * --junit FILE: the run as JUnit XML (see junit.h for the mapping).  Case
 * files, reasons and expected/actual renderings may hold any bytes, and XML
 * 1.0 cannot carry some characters even as references, so every piece of
 * text goes through xml_escape(); the result is well-formed whatever the
 * cases contain.
 */
#define _GNU_SOURCE
#include "out/junit.h"
#include "out/case_text.h"
#include "util/jsonread.h"
#include "util/util.h"
#include "core/version.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define REPLACEMENT "\xef\xbf\xbd"	/* U+FFFD */

/* ---- escaping ---------------------------------------------------------------- */

/* One byte below 0x80: its escaped form, or NULL to copy it as it is. */
static const char *ascii_escape(unsigned char c, bool attr)
{
	switch (c) {
	case '&': return "&amp;";
	case '<': return "&lt;";
	case '>': return "&gt;";	/* so "]]>" never appears */
	case '"': return attr ? "&quot;" : NULL;
	case '\t': return attr ? "&#9;" : NULL;
	case '\n': return attr ? "&#10;" : NULL;
	case '\r': return "&#13;";	/* a raw CR would be read as a line end */
	default: return c < 0x20 ? REPLACEMENT : NULL;	/* not an XML 1.0 Char */
	}
}

void xml_escape(FILE *f, const char *s, bool attr)
{
	const unsigned char *p = (const unsigned char *)(s ? s : "");
	while (*p) {
		if (*p < 0x80) {
			const char *e = ascii_escape(*p, attr);
			if (e)
				fputs(e, f);
			else
				fputc(*p, f);
			p++;
			continue;
		}
		size_t n = utf8_valid_len(p, strnlen((const char *)p, 4));
		/* U+FFFE and U+FFFF are valid UTF-8 but not XML characters */
		bool nonchar = n == 3 && p[0] == 0xef && p[1] == 0xbf && p[2] >= 0xbe;
		if (n && !nonchar)
			fwrite(p, 1, n, f);
		else
			fputs(REPLACEMENT, f);
		p += n ? n : 1;
	}
}

static void attr(FILE *f, const char *name, const char *value)
{
	fprintf(f, " %s=\"", name);
	xml_escape(f, value, true);
	fputc('"', f);
}

/* <failure>, <error> or <skipped> for R, or nothing for a pass. */
static void case_outcome(FILE *f, const struct tcase *tc, const struct case_result *r)
{
	const char *elem = NULL, *type = status_name(r->status);
	switch (r->status) {
	case ST_FAIL: case ST_XPASS: elem = "failure"; break;
	case ST_TIMEOUT: case ST_ERROR: elem = "error"; break;
	case ST_SKIP: case ST_XFAIL: elem = "skipped"; break;
	default: return;
	}
	char *msg = case_text_summary(r), *body = case_text_body(tc, r);
	fprintf(f, "      <%s", elem);
	attr(f, "type", type);
	attr(f, "message", msg);
	if (*body) {
		fputc('>', f);
		xml_escape(f, body, false);
		fprintf(f, "</%s>\n", elem);
	} else {
		fputs("/>\n", f);
	}
	free(msg);
	free(body);
}

static void write_case(FILE *f, const struct tcase *tc, const struct case_result *r)
{
	fputs("    <testcase", f);
	attr(f, "classname", tc->file->name);
	attr(f, "name", tc->id);
	fprintf(f, " time=\"%.6f\"", r->duration);
	bool empty = r->status == ST_PASS && !r->trace;
	if (empty) {
		fputs("/>\n", f);
		return;
	}
	fputs(">\n", f);
	case_outcome(f, tc, r);
	if (r->trace) {	/* -v: the step trace */
		fputs("      <system-out>", f);
		xml_escape(f, r->trace, false);
		fputs("</system-out>\n", f);
	}
	fputs("    </testcase>\n", f);
}

/* ---- suites ------------------------------------------------------------------- */

/* A suite's counts: core/status.h's buckets, and the summed case times. */
struct counts {
	struct totals t;
	double time;
};

static void count(struct counts *c, const struct case_result *r)
{
	totals_add(&c->t, r->status);
	c->time += r->duration;
}

/* <testsuites> takes no skipped count in junit-10.xsd; <testsuite> does. */
static void count_attrs(FILE *f, const struct counts *c, bool with_skipped)
{
	int tests = 0;
	for (int s = 0; s < ST__COUNT; s++)
		tests += c->t.n[s];
	fprintf(f, " tests=\"%d\" failures=\"%d\" errors=\"%d\"", tests,
		totals_failures(&c->t), totals_errors(&c->t));
	if (with_skipped)
		fprintf(f, " skipped=\"%d\"", totals_skipped(&c->t));
	fprintf(f, " time=\"%.6f\"", c->time);
}

static void property(FILE *f, const char *name, const char *value)
{
	fputs("      <property", f);
	attr(f, "name", name);
	attr(f, "value", value ? value : "");
	fputs("/>\n", f);
}

static void properties(FILE *f, const struct run_meta *m)
{
	fputs("    <properties>\n", f);
	property(f, "sockspec_version", SOCKSPEC_VERSION);
	property(f, "sockspec_commit", SOCKSPEC_COMMIT);
	property(f, "mode", m->mode);
	property(f, "kernel.release", m->ki->release);
	property(f, "kernel.version", m->ki->version);
	property(f, "kernel.machine", m->ki->machine);
	property(f, "kernel.config_source", m->ki->config_source);
	property(f, "privileged", m->host_root ? "true" : "false");
	fputs("    </properties>\n", f);
}

/* JUnit timestamps are local-less ISO 8601 without a zone; ours is UTC. */
static void timestamp(FILE *f, const struct run_meta *m)
{
	fprintf(f, " timestamp=\"%.*s\"", (int)strcspn(m->started, "Z"), m->started);
}

/*
 * The Ant/Jenkins JUnit schema requires a hostname on each suite; the
 * machine's name (a VM guest's is the host's, read from /etc/hostname).
 */
static void hostname_attr(FILE *f)
{
	char host[256] = "localhost";
	if (gethostname(host, sizeof(host) - 1) < 0 || !host[0])
		strcpy(host, "localhost");
	host[sizeof(host) - 1] = 0;
	attr(f, "hostname", host);
}

/* A file that did not parse: one suite with one erroring "case", the file. */
static void broken_suite(FILE *f, const struct run_meta *m, const struct casefile *cf)
{
	fputs("  <testsuite", f);
	attr(f, "name", cf->name);
	attr(f, "file", cf->path);
	struct counts c = { 0 };
	totals_add(&c.t, ST_ERROR);
	count_attrs(f, &c, true);
	timestamp(f, m);
	hostname_attr(f);
	fputs(">\n", f);
	properties(f, m);
	fputs("    <testcase", f);
	attr(f, "classname", cf->name);
	attr(f, "name", cf->name);
	fputs(" time=\"0\">\n      <error type=\"parse\" message=\"the case file does not parse\">", f);
	xml_escape(f, cf->errors, false);
	fputs("</error>\n    </testcase>\n  </testsuite>\n", f);
}

static void suite(FILE *f, const struct run_meta *m, const struct casefile *cf,
		  const struct case_entry *cases, size_t ncases)
{
	struct counts c = { 0 };
	for (size_t i = 0; i < ncases; i++)
		if (cases[i].tc->file == cf)
			count(&c, cases[i].res);
	fputs("  <testsuite", f);
	attr(f, "name", cf->name);
	attr(f, "file", cf->path);
	count_attrs(f, &c, true);
	timestamp(f, m);
	hostname_attr(f);
	fputs(">\n", f);
	properties(f, m);
	for (size_t i = 0; i < ncases; i++)
		if (cases[i].tc->file == cf)
			write_case(f, cases[i].tc, cases[i].res);
	fputs("  </testsuite>\n", f);
}

int junit_write(FILE *f, const struct run_report *r)
{
	const struct run_meta *m = r->m;
	struct casefile *const *files = r->files;
	size_t nfiles = r->nfiles, ncases = r->ncases;
	const struct case_entry *cases = r->cases;
	/* the run's own totals, as KTAP and JSON give them; the wall time of
	 * the run, not the sum of the cases: they ran in parallel */
	struct counts all = { m->totals, m->duration };
	fputs("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"sockspec\"", f);
	count_attrs(f, &all, false);	/* nor a timestamp: each suite has its own */
	fputs(">\n", f);
	for (size_t i = 0; i < nfiles; i++) {
		if (files[i]->errors)
			broken_suite(f, m, files[i]);
		else
			suite(f, m, files[i], cases, ncases);
	}
	fputs("</testsuites>\n", f);
	return ferror(f) ? -1 : 0;
}

const struct sink_format sink_junit = { "JUnit", "--junit", junit_write };
