// SPDX-License-Identifier: MIT
/*
 * sockspec diff [--markdown] OLD.json NEW.json
 *
 * Compares two --json records (typically the same suite on two kernels)
 * case by case: regressions, fixes, availability changes (run <-> skip),
 * other status changes, new and removed cases.  Exit 1 when anything
 * regressed, so it can gate a kernel upgrade; 2 when a file cannot be read
 * or is not a results record.
 */
#define _GNU_SOURCE
#include "commands.h"
#include "jsonread.h"
#include "ktap.h"
#include "util.h"

#include <errno.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { EXIT_SAME = 0, EXIT_REGRESSED = 1, EXIT_USAGE = 2 };

/* The --json schema this reader understands (json.h's JSON_SCHEMA). */
#define DIFF_SCHEMA 1

/* ---- text helpers shared with coverage --------------------------------------- */

void md_cell(FILE *f, const char *s)
{
	for (const unsigned char *p = (const unsigned char *)(s ? s : ""); *p; p++) {
		if (*p == '\n')
			fputs("<br>", f);
		else if (*p == '<')
			fputs("&lt;", f);
		else if (*p == '>')
			fputs("&gt;", f);
		else if (*p == '&')
			fputs("&amp;", f);
		else if (strchr("\\`*_[]|#~", *p))
			fprintf(f, "\\%c", *p);
		else if (*p >= 0x20 && *p != 0x7f)
			fputc(*p, f);
	}
}

void text_out(FILE *f, const char *s, int indent)
{
	for (const unsigned char *p = (const unsigned char *)(s ? s : ""); *p; p++) {
		if (*p == '\n')
			fprintf(f, "\n%*s", indent, "");
		else if (*p < 0x20 || *p == 0x7f)
			fprintf(f, "\\x%02x", *p);
		else
			fputc(*p, f);
	}
}

const char *rejected_option(char **argv, char buf[8])
{
	const char *a = argv[optind - 1];
	if (strncmp(a, "--", 2) != 0 && optopt > ' ' && optopt < 0x7f) {
		snprintf(buf, 8, "-%c", optopt);
		return buf;
	}
	return a;
}

/* ---- classification ------------------------------------------------------------ */

enum diff_kind diff_classify(enum status old, enum status new)
{
	bool was_bad = status_is_failure(old), bad = status_is_failure(new);
	if (old == new)
		return DIFF_SAME;
	if (new == ST_XPASS)
		return DIFF_CHANGED;	/* a documented misbehaviour went away: look, but no regression */
	if (old == ST_SKIP)
		return bad ? DIFF_REGRESSION : DIFF_AVAILABILITY;	/* now runs, and fails */
	if (new == ST_SKIP)
		return DIFF_AVAILABILITY;
	if (!was_bad && bad)
		return DIFF_REGRESSION;
	if (was_bad && new == ST_PASS)
		return DIFF_FIXED;
	return DIFF_CHANGED;	/* fail->timeout, pass->xfail, fail->xfail... */
}

static int status_from(const char *s)
{
	for (int i = 0; i < ST__COUNT; i++)
		if (strcmp(s, status_name((enum status)i)) == 0)
			return i;
	return -1;
}

/* ---- reading a results file ------------------------------------------------------ */

struct rcase {
	const char *id, *file, *reason;
	enum status status;
	int step_line;			/* 0: no step */
	const char *call, *expected, *actual;
	const struct jv *at;		/* the case object, for error positions */
};

struct rfile {
	const char *path, *errors;
};

struct results {
	const char *path;
	struct jv root;
	const char *release, *machine, *started, *mode;
	const struct jv *totals;
	struct rcase *cases;		/* sorted by id */
	size_t n;
	struct rfile *files;
	size_t nfiles;
};

static int bad_record(const struct results *r, const struct jv *at, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* "PATH:LINE:COL: error: ..." at the value AT (the top when NULL). */
static int bad_record(const struct results *r, const struct jv *at, const char *fmt, ...)
{
	va_list ap;
	fprintf(stderr, "%s:%d:%d: error: ", r->path, at ? at->line : 1, at ? at->col : 1);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	return -1;
}

/*
 * OBJ.KEY as a string into *OUT: NULL when absent or null, which is an
 * error when REQUIRED; any other type is an error.
 */
static int get_string(const struct results *r, const struct jv *obj, const char *key,
		      bool required, const char **out)
{
	const struct jv *v = jv_get(obj, key);
	*out = NULL;
	if (!v || v->type == JV_NULL)
		return required ? bad_record(r, v ? v : obj, "a case needs a string \"%s\"", key) : 0;
	*out = jv_string(v);
	if (!*out && v->type == JV_STRING)
		return bad_record(r, v, "\"%s\" holds a NUL character", key);
	if (!*out)
		return bad_record(r, v, "\"%s\" must be a string%s, not %s", key,
				  required ? "" : " or null", jv_type_name(v->type));
	return 0;
}

static int opt_string(const struct results *r, const struct jv *obj, const char *key,
		      const char **out)
{
	return get_string(r, obj, key, false, out);
}

static int req_string(const struct results *r, const struct jv *obj, const char *key,
		      const char **out)
{
	return get_string(r, obj, key, true, out);
}

/* OBJ.KEY as a line number: 0 when absent or null. */
static int opt_line(const struct results *r, const struct jv *obj, const char *key, int *out)
{
	const struct jv *v = jv_get(obj, key);
	*out = 0;
	if (!v || v->type == JV_NULL)
		return 0;
	if (v->type != JV_NUMBER || v->number < 0 || v->number > 1e9 ||
	    v->number != (double)(int)v->number)
		return bad_record(r, v, "\"%s\" must be a line number", key);
	*out = (int)v->number;
	return 0;
}

static int load_step(const struct results *r, const struct jv *step, struct rcase *c)
{
	if (!step || step->type == JV_NULL)
		return 0;
	if (step->type != JV_OBJECT)
		return bad_record(r, step, "\"step\" must be an object or null");
	if (opt_line(r, step, "line", &c->step_line) < 0 ||
	    opt_string(r, step, "call", &c->call) < 0 ||
	    opt_string(r, step, "expected", &c->expected) < 0 ||
	    opt_string(r, step, "actual", &c->actual) < 0)
		return -1;
	return 0;
}

static int load_case(const struct results *r, const struct jv *v, struct rcase *c)
{
	const char *status;
	memset(c, 0, sizeof(*c));
	c->at = v;
	if (v->type != JV_OBJECT)
		return bad_record(r, v, "a case must be an object, not %s", jv_type_name(v->type));
	if (req_string(r, v, "id", &c->id) < 0 || req_string(r, v, "status", &status) < 0 ||
	    opt_string(r, v, "file", &c->file) < 0 || opt_string(r, v, "reason", &c->reason) < 0 ||
	    load_step(r, jv_get(v, "step"), c) < 0)
		return -1;
	int s = status_from(status);
	if (s < 0)
		return bad_record(r, jv_get(v, "status"), "unknown status \"%s\"", status);
	c->status = (enum status)s;
	return 0;
}

static int by_id(const void *a, const void *b)
{
	const struct rcase *x = a, *y = b;
	int c = strcmp(x->id, y->id);
	if (c)
		return c;
	return x->at->line != y->at->line ? (x->at->line < y->at->line ? -1 : 1)
					  : (x->at->col > y->at->col) - (x->at->col < y->at->col);
}

static int load_cases(struct results *r)
{
	const struct jv *cases = jv_get(&r->root, "cases");
	if (!cases || cases->type != JV_ARRAY)
		return bad_record(r, cases, "a results record needs a \"cases\" array");
	r->cases = xcalloc(cases->n + 1, sizeof(*r->cases));
	for (size_t i = 0; i < cases->n; i++, r->n++)
		if (load_case(r, &cases->items[i], &r->cases[i]) < 0)
			return -1;
	if (r->n > 1)
		qsort(r->cases, r->n, sizeof(*r->cases), by_id);
	for (size_t i = 1; i < r->n; i++)
		if (strcmp(r->cases[i - 1].id, r->cases[i].id) == 0)
			return bad_record(r, r->cases[i].at, "case \"%s\" twice (also at line %d)",
					  r->cases[i].id, r->cases[i - 1].at->line);
	return 0;
}

/* files[]: only to tell a case that vanished because its file stopped parsing. */
static int load_files(struct results *r)
{
	const struct jv *files = jv_get(&r->root, "files");
	if (!files || files->type == JV_NULL)
		return 0;
	if (files->type != JV_ARRAY)
		return bad_record(r, files, "\"files\" must be an array");
	r->files = xcalloc(files->n + 1, sizeof(*r->files));
	for (size_t i = 0; i < files->n; i++) {
		const struct jv *f = &files->items[i];
		if (f->type != JV_OBJECT)
			return bad_record(r, f, "a file must be an object");
		if (opt_string(r, f, "path", &r->files[i].path) < 0 ||
		    opt_string(r, f, "errors", &r->files[i].errors) < 0)
			return -1;
		r->nfiles++;
	}
	return 0;
}

static int load_header(struct results *r)
{
	const struct jv *schema = jv_get(&r->root, "schema"), *k = jv_get(&r->root, "kernel");
	if (r->root.type != JV_OBJECT)
		return bad_record(r, &r->root, "a results record is an object, not %s",
				  jv_type_name(r->root.type));
	if (!schema || schema->type != JV_NUMBER)
		return bad_record(r, schema, "no \"schema\" number: not a sockspec --json record");
	if (schema->number != DIFF_SCHEMA)
		return bad_record(r, schema, "schema %g, but this sockspec reads schema %d",
				  schema->number, DIFF_SCHEMA);
	if (k && k->type != JV_OBJECT && k->type != JV_NULL)
		return bad_record(r, k, "\"kernel\" must be an object");
	if (opt_string(r, k, "release", &r->release) < 0 ||
	    opt_string(r, k, "machine", &r->machine) < 0 ||
	    opt_string(r, &r->root, "started", &r->started) < 0 ||
	    opt_string(r, &r->root, "mode", &r->mode) < 0)
		return -1;
	r->totals = jv_get(&r->root, "totals");
	if (r->totals && r->totals->type != JV_OBJECT)
		r->totals = NULL;	/* shown only; the cases are what is compared */
	return 0;
}

static int load(struct results *r, const char *path)
{
	memset(r, 0, sizeof(*r));
	r->path = path;
	size_t len;
	char *text = read_file(path, &len);
	if (!text) {
		fprintf(stderr, "sockspec diff: %s: %s\n", path, strerror(errno));
		return -1;
	}
	struct jv_error e;
	int rc = jv_parse(text, len, &r->root, &e);
	free(text);
	if (rc < 0) {
		fprintf(stderr, "%s:%d:%d: error: %s\n", path, e.line, e.col, e.msg);
		return -1;
	}
	if (load_header(r) < 0 || load_cases(r) < 0 || load_files(r) < 0)
		return -1;
	return 0;
}

static void results_free(struct results *r)
{
	free(r->cases);
	free(r->files);
	jv_free(&r->root);
}

/* The parse errors NEW recorded for the file at PATH, or NULL. */
static const char *file_errors(const struct results *r, const char *path)
{
	for (size_t i = 0; path && i < r->nfiles; i++)
		if (r->files[i].path && strcmp(r->files[i].path, path) == 0)
			return r->files[i].errors;
	return NULL;
}

/* ---- comparing ----------------------------------------------------------------- */

struct change {
	enum diff_kind kind;
	const char *id;
	const struct rcase *old, *new;	/* either may be NULL */
	enum status os, ns;
	const char *file_error;		/* removed because NEW could not parse its file */
};

struct diff {
	struct results old, new;
	struct change *ch;		/* by id */
	size_t n;
	size_t count[DIFF_REMOVED + 1];
};

/* d->ch has room for every case of both records. */
static void add_change(struct diff *d, struct change c)
{
	d->ch[d->n++] = c;
	d->count[c.kind]++;
}

/*
 * A case only in OLD whose file NEW recorded as not parsing did not go
 * away: it broke.  It is compared as an error, so pass -> error is a
 * regression like any other.
 */
static void compare_removed(struct diff *d, const struct rcase *o)
{
	const char *err = file_errors(&d->new, o->file);
	struct change c = { .kind = DIFF_REMOVED, .id = o->id, .old = o, .os = o->status };
	if (err) {
		c.ns = ST_ERROR;
		c.kind = diff_classify(o->status, ST_ERROR);
		c.file_error = err;
		if (c.kind == DIFF_SAME)
			c.kind = DIFF_CHANGED;	/* error -> error, for another reason */
	}
	add_change(d, c);
}

/* Merge the two id-sorted case lists. */
static void compare(struct diff *d)
{
	size_t i = 0, j = 0;
	d->ch = xcalloc(d->old.n + d->new.n + 1, sizeof(*d->ch));
	while (i < d->old.n || j < d->new.n) {
		const struct rcase *o = i < d->old.n ? &d->old.cases[i] : NULL;
		const struct rcase *n = j < d->new.n ? &d->new.cases[j] : NULL;
		int c = !o ? 1 : !n ? -1 : strcmp(o->id, n->id);
		if (c < 0) {
			compare_removed(d, o);
			i++;
		} else if (c > 0) {
			add_change(d, (struct change){ .kind = DIFF_NEW, .id = n->id, .new = n,
						       .ns = n->status });
			j++;
		} else {
			add_change(d, (struct change){ .kind = diff_classify(o->status, n->status),
						       .id = o->id, .old = o, .new = n,
						       .os = o->status, .ns = n->status });
			i++;
			j++;
		}
	}
}

/* ---- describing a change ---------------------------------------------------------- */

/* Where and how C stopped: "FILE:LINE: CALL", expected, actual, else its reason. */
static void describe_stop(FILE *f, const struct rcase *c)
{
	if (c->step_line) {
		fprintf(f, "%s:%d%s%s\n", c->file ? c->file : "?", c->step_line,
			c->call ? ": " : "", c->call ? c->call : "");
	}
	if (c->expected || c->actual) {
		fprintf(f, "expected: %s\nactual:   %s\n", c->expected ? c->expected : "(none)",
			c->actual ? c->actual : "(none)");
	}
	if (c->reason && (c->status != ST_FAIL || !(c->expected || c->actual)))
		fprintf(f, "%s%s\n", c->status == ST_TIMEOUT ? "TIMEOUT: " : "", c->reason);
}

static void describe(FILE *f, const struct change *c)
{
	const struct rcase *n = c->new, *o = c->old;
	if (c->file_error) {
		fprintf(f, "its file does not parse any more:\n%s", c->file_error);
	} else if (!n) {
		return;	/* removed: its old status says it all */
	} else if (o && n->status == ST_SKIP) {
		fprintf(f, "skip: %s\n", n->reason ? n->reason : "(no reason given)");
	} else if (o && o->status == ST_SKIP) {
		fprintf(f, "was skipped: %s\n", o->reason ? o->reason : "(no reason given)");
		if (status_is_failure(n->status))
			describe_stop(f, n);
	} else if (n->status != ST_PASS && c->kind != DIFF_FIXED) {
		describe_stop(f, n);
	}
}

/* What describe() says, without its final newline ("" when nothing). */
static char *details(const struct change *c)
{
	char *s = NULL;
	size_t len = 0;
	FILE *m = open_memstream(&s, &len);
	if (!m)
		return xstrdup("");
	describe(m, c);
	fclose(m);
	while (len && s[len - 1] == '\n')
		s[--len] = 0;
	return s;
}

/* ---- output --------------------------------------------------------------------- */

static const char *const section_title[] = {
	[DIFF_REGRESSION] = "Regressions", [DIFF_FIXED] = "Fixed",
	[DIFF_AVAILABILITY] = "Availability changed", [DIFF_CHANGED] = "Other changes",
	[DIFF_NEW] = "New cases", [DIFF_REMOVED] = "Removed cases",
};

static const char *const kind_word[] = {
	[DIFF_SAME] = "same", [DIFF_REGRESSION] = "regression", [DIFF_FIXED] = "fixed",
	[DIFF_AVAILABILITY] = "availability", [DIFF_CHANGED] = "changed",
	[DIFF_NEW] = "new", [DIFF_REMOVED] = "removed",
};

static const char *status_or(const struct change *c, bool old)
{
	if (old)
		return c->old ? status_name(c->os) : "-";
	return c->new || c->file_error ? status_name(c->ns) : "-";
}

/* "pass 518, fail 0, ...", from the record's totals (or counted from its cases). */
static char *totals_text(const struct results *r)
{
	static const enum status order[] = { ST_PASS, ST_FAIL, ST_XFAIL, ST_XPASS, ST_SKIP,
					     ST_TIMEOUT, ST_ERROR };
	char *s = NULL;
	size_t len = 0;
	FILE *m = open_memstream(&s, &len);
	if (!m)
		return xstrdup("?");
	for (size_t i = 0; i < ARRAY_SIZE(order); i++) {
		const struct jv *v = jv_get(r->totals, status_name(order[i]));
		double n = 0;
		if (v && v->type == JV_NUMBER)
			n = v->number;
		else
			for (size_t k = 0; !r->totals && k < r->n; k++)
				n += r->cases[k].status == order[i];
		fprintf(m, "%s%s %g", i ? ", " : "", status_name(order[i]), n);
	}
	fclose(m);
	return s;
}

static void text_run(FILE *f, const char *label, const struct results *r)
{
	char *t = totals_text(r);
	fprintf(f, "%s: ", label);
	text_out(f, r->path, 0);
	fputs(": Linux ", f);
	text_out(f, r->release ? r->release : "?", 0);
	fputs(" (", f);
	text_out(f, r->machine ? r->machine : "?", 0);
	fputs("), ", f);
	text_out(f, r->started ? r->started : "?", 0);
	fprintf(f, "\n     %s\n", t);
	free(t);
}

/* "7 cases in both runs, 1 unchanged; 2 regressions, ...; 1 new, 1 removed" */
static void summary(FILE *f, const struct diff *d, bool md)
{
	size_t both = 0, reg = d->count[DIFF_REGRESSION];
	for (size_t i = 0; i < d->n; i++)
		both += d->ch[i].old && d->ch[i].new;
	const char *b = md && reg ? "**" : "";
	fprintf(f, "%zu case%s in both runs, %zu unchanged; %s%zu regression%s%s, %zu fixed, "
		"%zu availability change%s, %zu other change%s; %zu new, %zu removed\n",
		both, both == 1 ? "" : "s", d->count[DIFF_SAME], b, reg, reg == 1 ? "" : "s", b,
		d->count[DIFF_FIXED], d->count[DIFF_AVAILABILITY],
		d->count[DIFF_AVAILABILITY] == 1 ? "" : "s", d->count[DIFF_CHANGED],
		d->count[DIFF_CHANGED] == 1 ? "" : "s", d->count[DIFF_NEW], d->count[DIFF_REMOVED]);
}

static void mode_note(FILE *f, const struct diff *d)
{
	const char *a = d->old.mode ? d->old.mode : "?", *b = d->new.mode ? d->new.mode : "?";
	if (strcmp(a, b) != 0)
		fprintf(f, "note: comparing a '%s' record with a '%s' record\n", a, b);
}

static void text_change(FILE *f, const struct change *c)
{
	char *det = details(c);
	fputs("  ", f);
	text_out(f, c->id, 0);
	if (c->kind == DIFF_NEW)
		fprintf(f, ": %s", status_name(c->ns));
	else if (c->kind == DIFF_REMOVED)
		fprintf(f, ": was %s", status_name(c->os));
	else
		fprintf(f, ": %s -> %s", status_name(c->os), status_name(c->ns));
	if (*det) {
		fputs("\n    ", f);
		text_out(f, det, 4);
	}
	fputc('\n', f);
	free(det);
}

static void text_report(FILE *f, const struct diff *d)
{
	text_run(f, "old", &d->old);
	text_run(f, "new", &d->new);
	mode_note(f, d);
	summary(f, d, false);
	for (int k = DIFF_REGRESSION; k <= DIFF_REMOVED; k++) {
		if (!d->count[k])
			continue;
		fprintf(f, "\n%s (%zu):\n", section_title[k], d->count[k]);
		for (size_t i = 0; i < d->n; i++)
			if (d->ch[i].kind == (enum diff_kind)k)
				text_change(f, &d->ch[i]);
	}
}

static void md_run_cell(FILE *f, const char *s)
{
	fputs(" ", f);
	md_cell(f, s ? s : "?");
	fputs(" |", f);
}

/* The two records side by side. */
static void md_runs(FILE *f, const struct diff *d)
{
	char *ta = totals_text(&d->old), *tb = totals_text(&d->new);
	fputs("| | old | new |\n|---|---|---|\n| record |", f);
	md_run_cell(f, d->old.path);
	md_run_cell(f, d->new.path);
	fputs("\n| kernel |", f);
	md_run_cell(f, d->old.release);
	md_run_cell(f, d->new.release);
	fputs("\n| machine |", f);
	md_run_cell(f, d->old.machine);
	md_run_cell(f, d->new.machine);
	fputs("\n| started |", f);
	md_run_cell(f, d->old.started);
	md_run_cell(f, d->new.started);
	fputs("\n| totals |", f);
	md_run_cell(f, ta);
	md_run_cell(f, tb);
	fputs("\n\n", f);
	free(ta);
	free(tb);
}

static void md_report(FILE *f, const struct diff *d)
{
	fputs("## sockspec diff\n\n", f);
	md_runs(f, d);
	mode_note(f, d);
	summary(f, d, true);
	if (d->count[DIFF_SAME] == d->n)
		return;
	fputs("\n| change | case | old | new | details |\n|---|---|---|---|---|\n", f);
	for (int k = DIFF_REGRESSION; k <= DIFF_REMOVED; k++)
		for (size_t i = 0; i < d->n; i++) {
			const struct change *c = &d->ch[i];
			if (c->kind != (enum diff_kind)k)
				continue;
			char *det = details(c);
			fprintf(f, "| %s | ", kind_word[k]);
			md_cell(f, c->id);
			fprintf(f, " | %s | %s | ", status_or(c, true), status_or(c, false));
			md_cell(f, det);
			fputs(" |\n", f);
			free(det);
		}
}

/* ---- the command ------------------------------------------------------------------ */

static void usage(FILE *f)
{
	fputs("usage: sockspec diff [--markdown] OLD.json NEW.json\n"
	      "Compare two results records written by 'sockspec --json' (e.g. two kernels)\n"
	      "case by case: regressions, fixes, availability changes, other status\n"
	      "changes, new and removed cases.\n\n"
	      "      --markdown   print Markdown tables instead of plain text\n"
	      "  -h, --help       show this help\n\n"
	      "Exit status: 0 no regression, 1 a case regressed (pass, xfail or skip before;\n"
	      "fail, timeout or error now), 2 usage error or a file that is not a results\n"
	      "record.\n", f);
}

static int usage_error(const char *what, const char *arg)
{
	fprintf(stderr, "sockspec diff: %s%s%s%s\nTry 'sockspec diff --help'.\n", what,
		arg ? " '" : "", arg ? arg : "", arg ? "'" : "");
	return EXIT_USAGE;
}

int cmd_diff(int argc, char **argv)
{
	enum { OPT_MARKDOWN = 256 };
	static const struct option longopts[] = {
		{ "markdown", no_argument, NULL, OPT_MARKDOWN },
		{ "help", no_argument, NULL, 'h' },
		{ 0 },
	};
	bool markdown = false;
	int c;
	opterr = 0;
	optind = 1;
	while ((c = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
		if (c == OPT_MARKDOWN)
			markdown = true;
		else if (c == 'h') {
			usage(stdout);
			return EXIT_SAME;
		} else {
			char buf[8];
			return usage_error("invalid option", rejected_option(argv, buf));
		}
	}
	if (argc - optind != 2)
		return usage_error("needs two results files: OLD.json NEW.json", NULL);
	struct diff d = { 0 };
	int rc = EXIT_USAGE;
	/* both are read (and their errors shown) before giving up */
	int lo = load(&d.old, argv[optind]), ln = load(&d.new, argv[optind + 1]);
	if (lo == 0 && ln == 0) {
		compare(&d);
		if (markdown)
			md_report(stdout, &d);
		else
			text_report(stdout, &d);
		rc = d.count[DIFF_REGRESSION] ? EXIT_REGRESSED : EXIT_SAME;
		if (fflush(stdout))
			rc = EXIT_USAGE;
	}
	free(d.ch);
	results_free(&d.old);
	results_free(&d.new);
	return rc;
}
