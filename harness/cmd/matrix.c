// SPDX-License-Identifier: MIT
/*
 * sockspec matrix [--markdown | --html] [--differences] [--output FILE] R.json...
 *
 * Every case of the given --json records side by side, one column per
 * record (typically one kernel each: scripts/matrix runs the suite on this
 * machine's kernel and on VM kernels and calls this), with the rows whose
 * status is not the same in every column marked.  A case a record lacks
 * is "-", or "error" when that record says its file did not parse.  The
 * reason of a skip, a failure's step, a timeout's text go in a footnote
 * (plain text, Markdown) or in the cell's tooltip (HTML).
 */
#define _GNU_SOURCE
#include "cmd/commands.h"
#include "cmd/opts.h"
#include "out/junit.h"
#include "out/results.h"
#include "util/util.h"

#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum format { FMT_TEXT, FMT_MARKDOWN, FMT_HTML };

/* A cell: the case's status in one record. */
struct mcell {
	const struct rcase *c;		/* NULL: not in that record */
	const char *file_error;		/* not there because its file did not parse */
	const char *status;		/* "pass", "skip", "-", "error" */
};

struct mrow {
	const char *id;
	struct mcell *cells;
	bool differs;
};

struct matrix {
	struct results *res;
	size_t nres;
	struct mrow *rows;
	size_t nrows, ndiffer;
};

static int cmp_id(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* The union of case ids, sorted; each row's cells; whether the row differs. */
static void build(struct matrix *m)
{
	size_t total = 0;
	for (size_t k = 0; k < m->nres; k++)
		total += m->res[k].n;
	const char **ids = xcalloc(total + 1, sizeof(*ids));
	size_t n = 0;
	for (size_t k = 0; k < m->nres; k++)
		for (size_t i = 0; i < m->res[k].n; i++)
			ids[n++] = m->res[k].cases[i].id;
	if (n > 1)
		qsort(ids, n, sizeof(*ids), cmp_id);
	m->rows = xcalloc(n + 1, sizeof(*m->rows));
	for (size_t i = 0; i < n; i++) {
		if (m->nrows && strcmp(m->rows[m->nrows - 1].id, ids[i]) == 0)
			continue;
		struct mrow *r = &m->rows[m->nrows++];
		r->id = ids[i];
		r->cells = xcalloc(m->nres + 1, sizeof(*r->cells));
		const char *file = NULL;
		for (size_t k = 0; k < m->nres; k++) {
			r->cells[k].c = results_find(&m->res[k], r->id);
			if (r->cells[k].c && !file)
				file = r->cells[k].c->file;
		}
		for (size_t k = 0; k < m->nres; k++) {
			struct mcell *c = &r->cells[k];
			if (c->c) {
				c->status = status_name(c->c->status);
			} else if ((c->file_error = results_file_errors(&m->res[k], file))) {
				c->status = "error";
			} else {
				c->status = "-";
			}
			if (k && strcmp(c->status, r->cells[0].status) != 0)
				r->differs = true;
		}
		m->ndiffer += r->differs;
	}
	free(ids);
}

/* What a cell's footnote or tooltip says: skip reason, failing step, error text. */
static char *cell_note(const struct mcell *c)
{
	if (c->file_error)
		return xasprintf("its file does not parse: %s", c->file_error);
	if (!c->c || c->c->status == ST_PASS)
		return NULL;
	const struct rcase *r = c->c;
	char *s = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&s, &len);
	if (r->step_line && r->status != ST_SKIP)
		fprintf(f, "%s:%d: %s", r->file ? r->file : "?", r->step_line, r->call ? r->call : "");
	if (r->expected || r->actual)
		fprintf(f, "%sexpected: %s; actual: %s", ftell(f) ? "; " : "",
			r->expected ? r->expected : "(none)", r->actual ? r->actual : "(none)");
	else if (r->reason)
		fprintf(f, "%s%s", ftell(f) ? "; " : "", r->reason);
	fclose(f);
	if (!*s) {
		free(s);
		return NULL;
	}
	return s;
}

static const char *col_name(const struct results *r)
{
	return r->release ? r->release : r->path;
}

/* ---- plain text and Markdown --------------------------------------------------- */

struct note_list {
	char **v;
	size_t n;
};

/* Number the note of cell C (if it has one) as a footnote: "skip[3]". */
static char *with_footnote(const struct mcell *c, struct note_list *notes)
{
	char *n = cell_note(c);
	if (!n)
		return xstrdup(c->status);
	notes->v = xrealloc(notes->v, (notes->n + 1) * sizeof(*notes->v));
	notes->v[notes->n++] = n;
	return xasprintf("%s[%zu]", c->status, notes->n);
}

static void free_notes(struct note_list *nl)
{
	for (size_t i = 0; i < nl->n; i++)
		free(nl->v[i]);
	free(nl->v);
}

static void totals_lines(FILE *f, const struct matrix *m, bool md)
{
	for (size_t k = 0; k < m->nres; k++) {
		char *t = results_totals_text(&m->res[k]);
		if (md) {
			fprintf(f, "| K%zu | ", k + 1);
			md_cell(f, m->res[k].release ? m->res[k].release : "?");
			fputs(" | ", f);
			md_cell(f, m->res[k].machine ? m->res[k].machine : "?");
			fputs(" | ", f);
			md_cell(f, m->res[k].path);
			fputs(" | ", f);
			md_cell(f, t);
			fputs(" |\n", f);
		} else {
			fprintf(f, "  K%zu  Linux ", k + 1);
			text_out(f, m->res[k].release ? m->res[k].release : "?", 0);
			fputs(" (", f);
			text_out(f, m->res[k].machine ? m->res[k].machine : "?", 0);
			fputs("): ", f);
			text_out(f, m->res[k].path, 0);
			fprintf(f, "\n      %s\n", t);
		}
		free(t);
	}
}

static void text_report(FILE *f, const struct matrix *m, bool only_diff)
{
	fprintf(f, "%zu cases on %zu kernels; %zu differ between kernels (marked *)\n", m->nrows,
		m->nres, m->ndiffer);
	totals_lines(f, m, false);
	int idw = 4, cw = 12;
	for (size_t i = 0; i < m->nrows; i++)
		if ((int)strlen(m->rows[i].id) > idw)
			idw = (int)strlen(m->rows[i].id);
	if (idw > 60)
		idw = 60;
	fprintf(f, "\n  %-*s", idw, "CASE");
	for (size_t k = 0; k < m->nres; k++)
		fprintf(f, "  K%-*zu", cw - 1, k + 1);
	fputc('\n', f);
	struct note_list notes = { 0 };
	for (size_t i = 0; i < m->nrows; i++) {
		const struct mrow *r = &m->rows[i];
		if (only_diff && !r->differs)
			continue;
		fprintf(f, "%c ", r->differs ? '*' : ' ');
		text_out(f, r->id, 0);
		fprintf(f, "%*s", idw - (int)strlen(r->id), "");
		for (size_t k = 0; k < m->nres; k++) {
			char *c = r->differs ? with_footnote(&r->cells[k], &notes) : xstrdup(r->cells[k].status);
			fprintf(f, "  %-*s", cw, c);
			free(c);
		}
		fputc('\n', f);
	}
	if (notes.n)
		fputs("\nNotes on the cases that differ:\n", f);
	for (size_t i = 0; i < notes.n; i++) {
		fprintf(f, "  [%zu] ", i + 1);
		text_out(f, notes.v[i], 6);
		fputc('\n', f);
	}
	free_notes(&notes);
}

static void md_report(FILE *f, const struct matrix *m, bool only_diff)
{
	fprintf(f, "## sockspec matrix\n\n%zu cases on %zu kernels; **%zu differ** between kernels "
		"(marked ≠, in bold).\n\n| | kernel | machine | record | totals |\n|---|---|---|---|---|\n",
		m->nrows, m->nres, m->ndiffer);
	totals_lines(f, m, true);
	fputs("\n| | case |", f);
	for (size_t k = 0; k < m->nres; k++) {
		fprintf(f, " K%zu ", k + 1);
		md_cell(f, col_name(&m->res[k]));
		fputs(" |", f);
	}
	fputs("\n|---|---|", f);
	for (size_t k = 0; k < m->nres; k++)
		fputs("---|", f);
	fputc('\n', f);
	struct note_list notes = { 0 };
	for (size_t i = 0; i < m->nrows; i++) {
		const struct mrow *r = &m->rows[i];
		if (only_diff && !r->differs)
			continue;
		fprintf(f, "| %s | ", r->differs ? "≠" : "");
		fputs(r->differs ? "**" : "", f);
		md_cell(f, r->id);
		fputs(r->differs ? "**" : "", f);
		fputs(" |", f);
		for (size_t k = 0; k < m->nres; k++) {
			char *c = r->differs ? with_footnote(&r->cells[k], &notes) : xstrdup(r->cells[k].status);
			fputs(r->differs ? " **" : " ", f);
			md_cell(f, c);
			fputs(r->differs ? "** |" : " |", f);
			free(c);
		}
		fputc('\n', f);
	}
	if (notes.n)
		fputs("\n### Notes on the cases that differ\n\n", f);
	for (size_t i = 0; i < notes.n; i++) {
		fprintf(f, "%zu. ", i + 1);
		md_cell(f, notes.v[i]);
		fputc('\n', f);
	}
	free_notes(&notes);
}

/* ---- HTML -------------------------------------------------------------------- */

static void html_report(FILE *f, const struct matrix *m, bool only_diff)
{
	fputs("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n"
	      "<title>sockspec matrix</title>\n<style>\n"
	      "body { font-family: sans-serif; margin: 1em; }\n"
	      "table { border-collapse: collapse; }\n"
	      "th, td { border: 1px solid #ccc; padding: 2px 6px; font-size: 90%; }\n"
	      "td.id { font-family: monospace; }\n"
	      "tr.differs td.id { background: #ffe066; font-weight: bold; }\n"
	      "td.pass { background: #d3f9d8; } td.fail, td.xpass, td.timeout, td.error { background: #ffc9c9; }\n"
	      "td.skip { background: #e9ecef; color: #555; } td.xfail { background: #ffe8cc; }\n"
	      "td.absent { color: #999; }\n"
	      "tr.differs td { border-top: 2px solid #f08c00; border-bottom: 2px solid #f08c00; }\n"
	      "</style>\n</head>\n<body>\n<h1>sockspec matrix</h1>\n", f);
	fprintf(f, "<p>%zu cases on %zu kernels; <strong>%zu differ</strong> between kernels "
		"(highlighted). Hover over a cell for the skip reason or the failing step.</p>\n",
		m->nrows, m->nres, m->ndiffer);
	fputs("<table>\n<tr><th></th><th>kernel</th><th>machine</th><th>record</th><th>totals</th></tr>\n", f);
	for (size_t k = 0; k < m->nres; k++) {
		char *t = results_totals_text(&m->res[k]);
		fprintf(f, "<tr><td>K%zu</td><td>", k + 1);
		xml_escape(f, m->res[k].release ? m->res[k].release : "?", false);
		fputs("</td><td>", f);
		xml_escape(f, m->res[k].machine ? m->res[k].machine : "?", false);
		fputs("</td><td>", f);
		xml_escape(f, m->res[k].path, false);
		fputs("</td><td>", f);
		xml_escape(f, t, false);
		fputs("</td></tr>\n", f);
		free(t);
	}
	fputs("</table>\n<p></p>\n<table>\n<tr><th>case</th>", f);
	for (size_t k = 0; k < m->nres; k++) {
		fprintf(f, "<th>K%zu ", k + 1);
		xml_escape(f, col_name(&m->res[k]), false);
		fputs("</th>", f);
	}
	fputs("</tr>\n", f);
	for (size_t i = 0; i < m->nrows; i++) {
		const struct mrow *r = &m->rows[i];
		if (only_diff && !r->differs)
			continue;
		fprintf(f, "<tr%s><td class=\"id\">", r->differs ? " class=\"differs\"" : "");
		xml_escape(f, r->id, false);
		fputs("</td>", f);
		for (size_t k = 0; k < m->nres; k++) {
			const struct mcell *c = &r->cells[k];
			char *note = cell_note(c);
			fprintf(f, "<td class=\"%s\"", strcmp(c->status, "-") ? c->status : "absent");
			if (note) {
				fputs(" title=\"", f);
				xml_escape(f, note, true);
				fputc('"', f);
			}
			fputc('>', f);
			xml_escape(f, c->status, false);
			fputs("</td>", f);
			free(note);
		}
		fputs("</tr>\n", f);
	}
	fputs("</table>\n</body>\n</html>\n", f);
}

/* ---- the command --------------------------------------------------------------- */

static void usage(FILE *f)
{
	fputs("usage: sockspec matrix [--markdown | --html] [--differences] [--output FILE] R.json...\n"
	      "Every case of the given 'sockspec --json' records side by side, one column\n"
	      "per record (one kernel each), the cases whose status differs marked.\n\n"
	      "      --markdown      Markdown tables\n"
	      "      --html          a standalone HTML page, differences highlighted\n"
	      "      --differences   only the cases that differ\n"
	      "  -o, --output FILE   write to FILE instead of stdout\n"
	      "  -h, --help          show this help\n\n"
	      "Exit status: 0 table written, 2 usage error or a file that is not a results\n"
	      "record.\n", f);
}

int cmd_matrix(int argc, char **argv)
{
	enum { OPT_MARKDOWN = 256, OPT_HTML, OPT_DIFF };
	static const struct option longopts[] = {
		{ "markdown", no_argument, NULL, OPT_MARKDOWN },
		{ "html", no_argument, NULL, OPT_HTML },
		{ "differences", no_argument, NULL, OPT_DIFF },
		{ "output", required_argument, NULL, 'o' },
		{ "help", no_argument, NULL, 'h' },
		{ 0 },
	};
	enum format fmt = FMT_TEXT;
	bool only_diff = false;
	const char *output = NULL;
	int c;
	opterr = 0;
	optind = 1;
	while ((c = getopt_long(argc, argv, ":ho:", longopts, NULL)) != -1) {
		switch (c) {
		case OPT_MARKDOWN: fmt = FMT_MARKDOWN; break;
		case OPT_HTML: fmt = FMT_HTML; break;
		case OPT_DIFF: only_diff = true; break;
		case 'o': output = optarg; break;
		case 'h': usage(stdout); return EXIT_OK;
		default: return opt_rejected("matrix", c, argv, longopts, ":ho:");
		}
	}
	if (optind >= argc)
		return opt_error("matrix", "needs at least one results file");
	struct matrix m = { .nres = (size_t)(argc - optind) };
	m.res = xcalloc(m.nres + 1, sizeof(*m.res));
	int rc = EXIT_OK;
	for (size_t k = 0; k < m.nres; k++)
		if (results_load(&m.res[k], argv[optind + (int)k], "sockspec matrix") < 0)
			rc = EXIT_USAGE;
	if (rc == EXIT_OK) {
		build(&m);
		FILE *f = output && strcmp(output, "-") ? fopen(output, "w") : stdout;
		if (!f) {
			fprintf(stderr, "sockspec matrix: %s: %s\n", output, strerror(errno));
			rc = EXIT_USAGE;
		} else {
			if (fmt == FMT_HTML)
				html_report(f, &m, only_diff);
			else if (fmt == FMT_MARKDOWN)
				md_report(f, &m, only_diff);
			else
				text_report(f, &m, only_diff);
			int err = ferror(f);
			if ((f == stdout ? fflush(f) : fclose(f)) || err) {
				fprintf(stderr, "sockspec matrix: writing %s: %s\n", output ? output : "stdout",
					strerror(errno));
				rc = EXIT_USAGE;
			}
		}
	}
	for (size_t i = 0; i < m.nrows; i++)
		free(m.rows[i].cells);
	free(m.rows);
	for (size_t k = 0; k < m.nres; k++)
		results_free(&m.res[k]);
	free(m.res);
	return rc;
}
