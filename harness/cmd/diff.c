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
#include "cmd/commands.h"
#include "cmd/opts.h"
#include "util/jsonread.h"
#include "out/ktap.h"
#include "out/results.h"
#include "util/util.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { EXIT_SAME = EXIT_OK, EXIT_REGRESSED = EXIT_FAIL };

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
	const char *err = results_file_errors(&d->new, o->file);
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

static void text_run(FILE *f, const char *label, const struct results *r)
{
	char *t = results_totals_text(r);
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
	char *ta = results_totals_text(&d->old), *tb = results_totals_text(&d->new);
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
	while ((c = getopt_long(argc, argv, ":h", longopts, NULL)) != -1) {
		if (c == OPT_MARKDOWN)
			markdown = true;
		else if (c == 'h') {
			usage(stdout);
			return EXIT_SAME;
		} else {
			return opt_rejected("diff", c, argv, longopts, ":h");
		}
	}
	if (argc - optind != 2)
		return opt_error("diff", "needs two results files: OLD.json NEW.json");
	struct diff d = { 0 };
	int rc = EXIT_USAGE;
	/* both are read (and their errors shown) before giving up */
	int lo = results_load(&d.old, argv[optind], "sockspec diff");
	int ln = results_load(&d.new, argv[optind + 1], "sockspec diff");
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
