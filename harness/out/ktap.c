// SPDX-License-Identifier: MIT
#include "out/ktap.h"
#include "util/util.h"

#include <stdlib.h>
#include <string.h>

static void pad(FILE *f, int indent)
{
	for (int i = 0; i < indent; i++)
		fputs("  ", f);
}

void ktap_header(FILE *f, int indent, const char *subtest, size_t plan)
{
	pad(f, indent);
	fputs("KTAP version 1\n", f);
	if (subtest) {
		pad(f, indent);
		fprintf(f, "# Subtest: %s\n", subtest);
	}
	pad(f, indent);
	fprintf(f, "1..%zu\n", plan);
}

void ktap_diag(FILE *f, int indent, const char *text)
{
	if (!text)
		return;
	const char *s = text;
	while (*s) {
		const char *nl = strchr(s, '\n');
		size_t n = nl ? (size_t)(nl - s) : strlen(s);
		pad(f, indent);
		fprintf(f, "# %.*s\n", (int)n, s);
		s += n + (nl ? 1 : 0);
	}
}

/* '#' would start a directive inside a test name; KTAP names avoid it */
static void put_name(FILE *f, const char *name)
{
	for (const char *p = name; *p; p++)
		fputc(*p == '#' ? '_' : *p, f);
}

void ktap_result(FILE *f, int indent, bool ok, size_t n, const char *name,
		 const char *directive)
{
	pad(f, indent);
	fprintf(f, "%sok %zu ", ok ? "" : "not ", n);
	put_name(f, name);
	if (directive && *directive)
		fprintf(f, " # %s", directive);
	fputc('\n', f);
}

/* Reasons may hold newlines (parse errors); directives must be one line. */
static char *one_line(const char *s)
{
	char *c = xstrdup(s ? s : "");
	for (char *p = c; *p; p++)
		if (*p == '\n' || *p == '#')
			*p = *p == '#' ? '_' : ' ';
	return c;
}

void ktap_case(FILE *f, int indent, size_t n, const struct tcase *tc,
	       const struct case_result *r, bool verbose)
{
	const char *path = tc->file->path;
	if (r->modules) {
		/* loading a module changes the kernel for every later case: say so */
		char *t = xasprintf("loaded module%s: %s", strchr(r->modules, ' ') ? "s" : "",
				    r->modules);
		ktap_diag(f, indent, t);
		free(t);
	}
	if (verbose && r->trace)
		ktap_diag(f, indent, r->trace);
	char *dir = NULL;
	switch (r->status) {
	case ST_PASS:
		break;
	case ST_SKIP:
		dir = xasprintf("SKIP %s", r->reason ? r->reason : "");
		break;
	case ST_XFAIL:
		if (r->expected) {
			char *t = xasprintf("%s:%d: expected to fail: %s\nexpected: %s\nactual:   %s",
					    path, r->step_line, r->step_text ? r->step_text : "",
					    r->expected, r->actual ? r->actual : "");
			ktap_diag(f, indent, t);
			free(t);
		}
		dir = xasprintf("XFAIL %s", r->reason ? r->reason : "");
		break;
	case ST_FAIL: {
		if (!r->expected) {
			/* a verdict about the case itself (--mutate): the reason says it all */
			ktap_diag(f, indent, r->reason);
			break;
		}
		char *t = xasprintf("%s:%d: %s\nexpected: %s\nactual:   %s", path, r->step_line,
				    r->step_text ? r->step_text : "", r->expected ? r->expected : "",
				    r->actual ? r->actual : "");
		ktap_diag(f, indent, t);
		free(t);
		break;
	}
	case ST_XPASS:
		ktap_diag(f, indent, r->reason);
		break;
	case ST_TIMEOUT:
	case ST_ERROR: {
		ktap_diag(f, indent, r->reason);
		if (r->step_line) {
			char *t = xasprintf("%s:%d: in step %s", path, r->step_line,
					    r->step_text ? r->step_text : "");
			ktap_diag(f, indent, t);
			free(t);
		}
		if (r->status == ST_TIMEOUT)
			dir = xasprintf("TIMEOUT %gs", r->duration);
		break;
	}
	case ST__COUNT:
		break;
	}
	char *d = dir ? one_line(dir) : NULL;
	bool ok = !status_is_failure(r->status);
	ktap_result(f, indent, ok, n, tc->id, d);
	free(d);
	free(dir);
}

void ktap_totals(FILE *f, const struct totals *t)
{
	const int *n = t->n;
	/* kselftest's counters; a timeout is an error, as in JUnit (core/status.h) */
	fprintf(f, "# Totals: pass:%d fail:%d xfail:%d xpass:%d skip:%d error:%d\n", n[ST_PASS],
		n[ST_FAIL], n[ST_XFAIL], n[ST_XPASS], n[ST_SKIP], totals_errors(t));
	fprintf(f, "%d passed, %d failed, %d skipped\n", n[ST_PASS] + n[ST_XFAIL],
		totals_failed(t), n[ST_SKIP]);
}
