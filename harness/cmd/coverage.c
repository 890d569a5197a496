// SPDX-License-Identifier: MIT
/*
 * sockspec coverage --doc socket.rst [--markdown] [--json FILE] [FILE|DIR...]
 *
 * Which of the document's objects and labels the cases cite by their `doc`
 * line.  What counts: every object directive (data, function, method...)
 * and every explicit label whose availability note includes Linux.
 * Sections are parts of the text rather than things the document defines,
 * so they are not counted; but a section title right after a label is the
 * same place under a second name (Sphinx resolves both to it), so a case
 * citing that section counts for the label.  Cases citing other sections
 * are listed apart, so no citation is lost from the report.
 */
#define _GNU_SOURCE
#include "lang/case.h"
#include "avail/avail.h"
#include "cmd/commands.h"
#include "cmd/opts.h"
#include "cmd/plan.h"
#include "docs/cpython_only.h"
#include "docs/targets.h"
#include "out/json.h"
#include "util/util.h"

#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>


/* A section title this many lines or fewer after a label is that label's section. */
#define LABEL_SECTION_GAP 3

/* Output width for the plain table when $COLUMNS says nothing. */
#define DEFAULT_WIDTH 100
/* Where the list of citing cases starts, under each row of the table. */
#define CITED_INDENT 4

/* ---- availability ---------------------------------------------------------- */

/* ---- gathering ------------------------------------------------------------- */

struct row {
	const struct doc_target *t;
	bool on_linux;			/* its availability includes Linux */
	bool counted;			/* object or label on Linux: in the percentage */
	const char *not_kernel;		/* why a Linux target is CPython's own (docs/cpython_only.c) */
	struct row *alias_of;		/* a section: the label it sits under */
	const struct tcase **cases;	/* citing it (or its section) */
	size_t ncases;
};

struct coverage {
	const char *doc_path;
	struct row *rows;		/* every target, in document order */
	size_t nrows;
	size_t ncases, nfiles;
	size_t applicable, covered;
};

static int row_by_line(const void *a, const void *b)
{
	const struct row *x = a, *y = b;
	if (x->t->line != y->t->line)
		return x->t->line < y->t->line ? -1 : 1;
	return strcmp(x->t->name, y->t->name);
}

static struct row *row_named(struct coverage *cv, const char *name)
{
	for (size_t i = 0; i < cv->nrows; i++)
		if (strcmp(cv->rows[i].t->name, name) == 0)
			return &cv->rows[i];
	return NULL;
}

/* Rows in document order, each marked linux/counted, sections tied to labels. */
static void make_rows(struct coverage *cv, const struct doc_index *di)
{
	cv->rows = xcalloc(di->n + 1, sizeof(*cv->rows));
	cv->nrows = di->n;
	for (size_t i = 0; i < di->n; i++) {
		struct row *r = &cv->rows[i];
		r->t = &di->targets[i];
		r->on_linux = availability_includes_linux(r->t->availability);
		r->not_kernel = r->on_linux ? cover_not_kernel(r->t->name) : NULL;
		r->counted = r->on_linux && r->t->kind != DOC_SECTION && !r->not_kernel;
	}
	if (cv->nrows > 1)
		qsort(cv->rows, cv->nrows, sizeof(*cv->rows), row_by_line);
	for (size_t i = 1; i < cv->nrows; i++) {
		struct row *prev = &cv->rows[i - 1], *r = &cv->rows[i];
		if (r->t->kind == DOC_SECTION && prev->t->kind == DOC_LABEL &&
		    r->t->line - prev->t->line <= LABEL_SECTION_GAP)
			r->alias_of = prev;
	}
}

static void cite(struct row *r, const struct tcase *tc)
{
	if (r->alias_of)
		r = r->alias_of;
	r->cases = xrealloc(r->cases, (r->ncases + 1) * sizeof(*r->cases));
	r->cases[r->ncases++] = tc;
}

/*
 * Parse every file against the document (so an unknown target is the same
 * file:line:col error a run with --doc gives) and credit each case to its
 * target.  -1 when any file has errors; they are on stderr.
 */
static int gather(struct coverage *cv, const struct doc_index *di, const struct path_list *paths,
		  struct casefile ***files_out)
{
	struct casefile **files = xcalloc(paths->n + 1, sizeof(*files));
	int rc = 0;
	for (size_t i = 0; i < paths->n; i++) {
		struct casefile *cf = files[i] = casefile_parse(paths->v[i], di);
		if (cf->errors) {
			fputs(cf->errors, stderr);
			rc = -1;
			continue;
		}
		cv->nfiles++;
		for (size_t j = 0; j < cf->ncases; j++) {
			struct row *r = row_named(cv, cf->cases[j].doc);
			if (r)	/* always: the parser checked the target */
				cite(r, &cf->cases[j]);
			cv->ncases++;
		}
	}
	for (size_t i = 0; i < cv->nrows; i++) {
		cv->applicable += cv->rows[i].counted;
		cv->covered += cv->rows[i].counted && cv->rows[i].ncases;
	}
	*files_out = files;
	return rc;
}

static double percent(const struct coverage *cv)
{
	return cv->applicable ? 100.0 * (double)cv->covered / (double)cv->applicable : 0.0;
}

/* ---- citing cases as text ---------------------------------------------------- */

/*
 * "af_inet/bind.{any-address,ephemeral-port}, af_unix/abstract.round-trip":
 * the cases of one file share its name, so it is written once.  Cases are
 * in file order already (files sorted, cases in file order).
 */
static char *cited_by(const struct row *r)
{
	char *s = NULL;
	size_t len = 0;
	FILE *m = open_memstream(&s, &len);
	if (!m)
		return xstrdup("?");
	for (size_t i = 0; i < r->ncases;) {
		const struct casefile *cf = r->cases[i]->file;
		size_t j = i;
		while (j < r->ncases && r->cases[j]->file == cf)
			j++;
		fprintf(m, "%s%s.%s", i ? ", " : "", cf->name, j - i > 1 ? "{" : "");
		for (size_t k = i; k < j; k++)
			fprintf(m, "%s%s", k > i ? "," : "", r->cases[k]->name);
		fputs(j - i > 1 ? "}" : "", m);
		i = j;
	}
	fclose(m);
	return s;
}

/* ---- the lists after the table, in either format ---------------------------- */

enum list_kind { LIST_UNCOVERED, LIST_UNCOUNTED, LIST_NOT_KERNEL, LIST_NOT_LINUX };

struct list_style {
	const char *heading;		/* printf format of a list's heading, given its title */
	const char *bullet;
	void (*put)(FILE *f, const char *s);	/* text, made safe for the format */
};

static void put_text(FILE *f, const char *s)
{
	text_out(f, s, 0);
}

static const struct list_style text_style = { "\n%s:\n", "  ", put_text };
static const struct list_style md_style = { "\n### %s\n\n", "- ", md_cell };

static bool in_list(const struct row *r, enum list_kind k)
{
	switch (k) {
	case LIST_UNCOVERED: return r->counted && !r->ncases;
	case LIST_UNCOUNTED:	/* cited sections */
		return r->on_linux && !r->counted && !r->not_kernel && r->ncases;
	case LIST_NOT_KERNEL: return r->not_kernel != NULL;
	default: return !r->on_linux;
	}
}

static void list_item(FILE *f, const struct row *r, enum list_kind k, const struct list_style *st)
{
	fputs(st->bullet, f);
	st->put(f, r->t->name);
	if (k == LIST_NOT_KERNEL) {
		fputs(": ", f);
		st->put(f, r->not_kernel);
		if (r->ncases)
			fprintf(f, " (cited by %zu case%s nevertheless)", r->ncases, r->ncases == 1 ? "" : "s");
	} else if (k == LIST_NOT_LINUX) {
		fputs(": ", f);
		st->put(f, r->t->availability);
		if (r->ncases)
			fprintf(f, " (cited by %zu case%s nevertheless)", r->ncases, r->ncases == 1 ? "" : "s");
	} else {
		fprintf(f, " (%s, line %d)", r->t->directive, r->t->line);
		if (k == LIST_UNCOUNTED)
			fprintf(f, ": %zu case%s", r->ncases, r->ncases == 1 ? "" : "s");
	}
	fputc('\n', f);
}

/* Uncovered targets (always, so "none" is visible), cited sections, non-Linux targets. */
static void lists(FILE *f, const struct coverage *cv, const struct list_style *st)
{
	static const char *const titles[] = {
		[LIST_UNCOVERED] = "Uncovered",
		[LIST_UNCOUNTED] = "Cited sections, not counted",
		[LIST_NOT_KERNEL] = "CPython's own, no kernel behaviour, not counted",
		[LIST_NOT_LINUX] = "Not available on Linux, not counted",
	};
	for (int k = LIST_UNCOVERED; k <= LIST_NOT_LINUX; k++) {
		size_t n = 0;
		for (size_t i = 0; i < cv->nrows; i++)
			n += in_list(&cv->rows[i], (enum list_kind)k);
		if (!n && k != LIST_UNCOVERED)
			continue;
		char *title = xasprintf("%s (%zu)", titles[k], n);
		fprintf(f, st->heading, title);
		free(title);
		for (size_t i = 0; i < cv->nrows; i++)
			if (in_list(&cv->rows[i], (enum list_kind)k))
				list_item(f, &cv->rows[i], (enum list_kind)k, st);
	}
}

/* ---- plain text ------------------------------------------------------------ */

static int term_width(void)
{
	const char *c = getenv("COLUMNS");
	long w = c ? strtol(c, NULL, 10) : 0;
	return w >= 60 && w <= 1000 ? (int)w : DEFAULT_WIDTH;
}

/*
 * Write the N bytes at P, breaking after its commas to stay within WIDTH;
 * *X is the current column, continuation lines start at column COL.
 */
static void put_broken(FILE *f, const char *p, size_t n, int col, int width, int *x)
{
	while (n) {
		size_t k = strcspn(p, ",");
		k += k < n && p[k] == ',';
		if (k > n)
			k = n;
		if (*x > col && *x + (int)k > width) {
			fprintf(f, "\n%*s", col, "");
			*x = col;
		}
		char *piece = xstrndup(p, k);
		text_out(f, piece, 0);
		free(piece);
		*x += (int)k;
		p += k;
		n -= k;
	}
}

/*
 * TEXT from column COL to WIDTH: wrapped between its ", "-separated
 * groups, and inside a group only when the group alone is too long.
 */
static void wrapped(FILE *f, const char *text, int col, int width)
{
	int x = col;
	for (const char *p = text; *p;) {
		const char *sep = strstr(p, ", ");
		size_t n = sep ? (size_t)(sep - p) + 1 : strlen(p);	/* with its comma */
		if (x > col && x + (int)n + 1 > width) {
			fprintf(f, "\n%*s", col, "");
			x = col;
		} else if (x > col) {
			fputc(' ', f);
			x++;
		}
		put_broken(f, p, n, col, width, &x);
		p += n;
		while (*p == ' ')
			p++;
	}
	fputc('\n', f);
}

static int name_width(const struct coverage *cv)
{
	int w = 6;
	for (size_t i = 0; i < cv->nrows; i++)
		if (cv->rows[i].counted && (int)strlen(cv->rows[i].t->name) > w)
			w = (int)strlen(cv->rows[i].t->name);
	return w > 40 ? 40 : w;
}

/* One row per counted target; the cases citing it wrapped on the lines below. */
static void text_table(FILE *f, const struct coverage *cv)
{
	int nw = name_width(cv), width = term_width();
	fprintf(f, "%-*s  %-10s %5s %5s\n", nw, "TARGET", "KIND", "LINE", "CASES");
	for (size_t i = 0; i < cv->nrows; i++) {
		const struct row *r = &cv->rows[i];
		if (!r->counted)
			continue;
		text_out(f, r->t->name, 0);
		fprintf(f, "%*s  %-10s %5d %5zu\n", nw - (int)strlen(r->t->name), "",
			r->t->directive, r->t->line, r->ncases);
		if (r->ncases) {
			char *c = cited_by(r);
			fprintf(f, "%*s", CITED_INDENT, "");
			wrapped(f, c, CITED_INDENT, width);
			free(c);
		}
	}
}

static void text_report(FILE *f, const struct coverage *cv)
{
	fputs("Coverage of ", f);
	text_out(f, cv->doc_path, 0);
	fprintf(f, " by %zu case%s in %zu file%s\n\n", cv->ncases, cv->ncases == 1 ? "" : "s",
		cv->nfiles, cv->nfiles == 1 ? "" : "s");
	text_table(f, cv);
	fprintf(f, "\nCovered: %zu of %zu documented objects and labels that apply to Linux (%.1f%%)\n",
		cv->covered, cv->applicable, percent(cv));
	lists(f, cv, &text_style);
}

/* ---- Markdown -------------------------------------------------------------- */

static void md_report(FILE *f, const struct coverage *cv)
{
	fputs("## socket.rst coverage\n\n", f);
	fprintf(f, "**%.1f%%**: %zu of %zu documented objects and labels of ", percent(cv),
		cv->covered, cv->applicable);
	md_cell(f, cv->doc_path);
	fprintf(f, " that apply to Linux are cited by at least one of %zu cases (%zu files).\n\n",
		cv->ncases, cv->nfiles);
	fputs("| target | kind | line | cases | cited by |\n|---|---|--:|--:|---|\n", f);
	for (size_t i = 0; i < cv->nrows; i++) {
		const struct row *r = &cv->rows[i];
		if (!r->counted)
			continue;
		char *c = cited_by(r);
		fputs("| ", f);
		md_cell(f, r->t->name);
		fprintf(f, " | %s | %d | %zu | ", r->t->directive, r->t->line, r->ncases);
		md_cell(f, c);
		fputs(" |\n", f);
		free(c);
	}
	lists(f, cv, &md_style);
}

/* ---- JSON ------------------------------------------------------------------ */

static const char *kind_name(enum doc_kind k)
{
	return k == DOC_LABEL ? "label" : k == DOC_SECTION ? "section" : "object";
}

static void json_row(FILE *f, const struct row *r)
{
	fputs("    {\"name\": ", f);
	json_string(f, r->t->name);
	fprintf(f, ", \"kind\": \"%s\", \"directive\": ", kind_name(r->t->kind));
	json_string(f, r->t->directive);
	fprintf(f, ", \"line\": %d, \"availability\": ", r->t->line);
	json_string(f, r->t->availability);
	fprintf(f, ", \"linux\": %s, \"counted\": %s, \"alias_of\": ", r->on_linux ? "true" : "false",
		r->counted ? "true" : "false");
	json_string(f, r->alias_of ? r->alias_of->t->name : NULL);
	fputs(", \"not_kernel\": ", f);
	json_string(f, r->not_kernel);
	fputs(", \"cases\": [", f);
	for (size_t i = 0; i < r->ncases; i++) {
		const struct tcase *tc = r->cases[i];
		fputs(i ? ", {\"id\": " : "{\"id\": ", f);
		json_string(f, tc->id);
		fputs(", \"file\": ", f);
		json_string(f, tc->file->path);
		fprintf(f, ", \"line\": %d, \"doc\": ", tc->line);
		json_string(f, tc->doc);
		fputs("}", f);
	}
	fputs("]}", f);
}

/* The report as JSON to PATH ("-": stdout).  0 ok, -1 with errno. */
static int json_report(const char *path, const struct coverage *cv)
{
	FILE *f = strcmp(path, "-") ? fopen(path, "w") : stdout;
	if (!f)
		return -1;
	fprintf(f, "{\n  \"schema\": 1,\n  \"doc\": ");
	json_string(f, cv->doc_path);
	fprintf(f, ",\n  \"cases\": %zu, \"files\": %zu, \"applicable\": %zu, \"covered\": %zu, "
		"\"percent\": %.1f,\n  \"uncovered\": [", cv->ncases, cv->nfiles, cv->applicable,
		cv->covered, percent(cv));
	bool first = true;
	for (size_t i = 0; i < cv->nrows; i++)
		if (cv->rows[i].counted && !cv->rows[i].ncases) {
			fputs(first ? "" : ", ", f);
			json_string(f, cv->rows[i].t->name);
			first = false;
		}
	fputs("],\n  \"targets\": [\n", f);
	for (size_t i = 0; i < cv->nrows; i++) {
		json_row(f, &cv->rows[i]);
		fputs(i + 1 < cv->nrows ? ",\n" : "\n", f);
	}
	fputs("  ]\n}\n", f);
	/* a full disk shows up as a stream error, perhaps only at the close */
	int err = ferror(f);
	if (f == stdout)
		return fflush(f) || err ? -1 : 0;
	return fclose(f) || err ? -1 : 0;
}

/* ---- the command ----------------------------------------------------------- */

struct cov_opts {
	const char *doc, *json;
	bool markdown;
};

static void usage(FILE *f)
{
	fputs("usage: sockspec coverage --doc FILE [--markdown] [--json FILE] [FILE|DIR...]\n"
	      "Which documented objects and labels of FILE (socket.rst) that apply to Linux\n"
	      "are cited by the cases' doc lines (default: the cases/ directory).\n\n"
	      "      --doc FILE     the document (required)\n"
	      "      --markdown     print a Markdown report instead of the plain table\n"
	      "      --json FILE    also write the report as JSON to FILE ('-' for stdout\n"
	      "                     instead of the table)\n"
	      "  -h, --help         show this help\n\n"
	      "Exit status: 0 report printed, 2 usage error, unreadable document or a case\n"
	      "file that does not parse (including a doc target not in the document).\n", f);
}

/* Options into *O; -1: exit with *RC. */
static int parse_opts(int argc, char **argv, struct cov_opts *o, int *rc)
{
	enum { OPT_DOC = 256, OPT_JSON, OPT_MARKDOWN };
	static const struct option longopts[] = {
		{ "doc", required_argument, NULL, OPT_DOC },
		{ "json", required_argument, NULL, OPT_JSON },
		{ "markdown", no_argument, NULL, OPT_MARKDOWN },
		{ "help", no_argument, NULL, 'h' },
		{ 0 },
	};
	int c;
	opterr = 0;
	optind = 1;
	while ((c = getopt_long(argc, argv, ":h", longopts, NULL)) != -1) {
		switch (c) {
		case OPT_DOC: o->doc = optarg; break;
		case OPT_JSON: o->json = optarg; break;
		case OPT_MARKDOWN: o->markdown = true; break;
		case 'h': usage(stdout); *rc = EXIT_OK; return -1;
		default:
			*rc = opt_rejected("coverage", c, argv, longopts, ":h");
			return -1;
		}
	}
	if (!o->doc) {
		*rc = opt_error("coverage", "--doc FILE is required: the socket.rst to measure");
		return -1;
	}
	return 0;
}

static int report(const struct coverage *cv, const struct cov_opts *o)
{
	if (o->json && json_report(o->json, cv) < 0) {
		fprintf(stderr, "sockspec coverage: writing %s: %s\n", o->json, strerror(errno));
		return EXIT_USAGE;
	}
	if (o->json && strcmp(o->json, "-") == 0)
		return EXIT_OK;	/* stdout holds the JSON */
	if (o->markdown)
		md_report(stdout, cv);
	else
		text_report(stdout, cv);
	return fflush(stdout) ? EXIT_USAGE : EXIT_OK;
}

int cmd_coverage(int argc, char **argv)
{
	struct cov_opts o = { 0 };
	int rc;
	if (parse_opts(argc, argv, &o, &rc) < 0)
		return rc;
	struct doc_index di;
	if (doc_index_load(&di, o.doc) < 0) {
		fprintf(stderr, "sockspec coverage: --doc %s: %s\n", o.doc, strerror(errno));
		return EXIT_USAGE;
	}
	struct path_list paths = { 0 };
	struct coverage cv = { .doc_path = o.doc };
	struct casefile **files = NULL;
	rc = EXIT_USAGE;
	if (collect_cases(argv + optind, (size_t)(argc - optind), &paths) == 0) {
		make_rows(&cv, &di);
		if (gather(&cv, &di, &paths, &files) == 0)
			rc = report(&cv, &o);
	}
	for (size_t i = 0; files && i < paths.n; i++)
		casefile_free(files[i]);
	free(files);
	for (size_t i = 0; i < cv.nrows; i++)
		free(cv.rows[i].cases);
	free(cv.rows);
	path_list_free(&paths);
	doc_index_free(&di);
	return rc;
}
