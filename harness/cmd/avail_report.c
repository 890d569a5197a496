// SPDX-License-Identifier: MIT
/* The availability report in plain text, Markdown and JSON (avail_report.h). */
#define _GNU_SOURCE
#include "cmd/avail_report.h"

/* ---- output helpers -------------------------------------------------------------------- */

static const char *place_name(enum doc_note_place p)
{
	return p == NOTE_OBJECT ? "object" : p == NOTE_ITEM ? "list item" : "label";
}

static const char *subject(const struct row *r)
{
	return r->note->nsubjects ? r->note->subjects[0] : "(no subject)";
}

/* "socket.AF_CAN (+3)": the first subject, and how many more the directive names */
static char *subject_text(const struct row *r)
{
	if (r->note->nsubjects > 1)
		return xasprintf("%s (+%zu)", subject(r), r->note->nsubjects - 1);
	return xstrdup(subject(r));
}

static char *linux_text(const struct row *r)
{
	return r->ln.has_min ? xasprintf("Linux >= %s", r->ln.min_text) : xstrdup("Linux");
}

static char *col_text(const struct av *a, const struct kcol *c)
{
	char *s = NULL;
	size_t len = 0;
	FILE *m = open_memstream(&s, &len);
	fprintf(m, "Linux %s (%s): ", c->release ? c->release : "?", c->machine ? c->machine : "?");
	if (c->live)
		fputs("the running kernel", m);
	if (c->res)
		fprintf(m, "%s%s", c->live ? ", cases from " : "", c->res->path);
	fprintf(m, "; config %s", c->config_source ? c->config_source : "unknown");
	if (c->live)
		fprintf(m, "; %zu probes run now", a->nprobes);
	else
		fprintf(m, "; %zu probes recorded", c->res && c->res->probes ? c->res->probes->n : 0);
	if (c->res)
		fprintf(m, "; %zu cases", c->res->n);
	fclose(m);
	return s;
}

static void counts_line(FILE *f, const struct av *a)
{
	fputs("Verdicts:", f);
	for (int v = 0; v < V__COUNT; v++)
		fprintf(f, "%s %s %zu", v ? "," : "", verdict_name((enum verdict)v), a->count[v]);
	fputc('\n', f);
}

/* ---- plain text ------------------------------------------------------------------------ */

void text_report(FILE *f, const struct av *a)
{
	fputs("Availability notes naming Linux in ", f);
	text_out(f, a->doc_path, 0);
	fprintf(f, ": %zu, checked on %zu kernel%s\n", a->nrows, a->ncols, a->ncols == 1 ? "" : "s");
	for (size_t k = 0; k < a->ncols; k++) {
		char *t = col_text(a, &a->cols[k]);
		fprintf(f, "  %-3s ", a->cols[k].label);
		text_out(f, t, 6);
		fputc('\n', f);
		free(t);
	}
	int sw = 7;
	for (size_t i = 0; i < a->nrows; i++) {
		char *s = subject_text(&a->rows[i]);
		if ((int)strlen(s) > sw)
			sw = (int)strlen(s);
		free(s);
	}
	if (sw > 44)
		sw = 44;
	fprintf(f, "\n%5s  %-*s  %-16s", "LINE", sw, "SUBJECT", "NOTE");
	for (size_t k = 0; k < a->ncols; k++)
		fprintf(f, "  %-18s", a->cols[k].label);
	fputc('\n', f);
	for (size_t i = 0; i < a->nrows; i++) {
		const struct row *r = &a->rows[i];
		char *s = subject_text(r), *l = linux_text(r);
		fprintf(f, "%5d  ", r->note->line);
		text_out(f, s, 0);
		fprintf(f, "%*s  %-16s", sw - (int)strlen(s), "", l);
		for (size_t k = 0; k < a->ncols; k++)
			fprintf(f, "  %-18s", verdict_name(r->cells[k].v));
		fputc('\n', f);
		free(s);
		free(l);
	}
	fputs("\nDetails:\n", f);
	for (size_t i = 0; i < a->nrows; i++) {
		const struct row *r = &a->rows[i];
		fprintf(f, "%5d  ", r->note->line);
		text_out(f, subject(r), 0);
		fprintf(f, " (%s): \"", place_name(r->note->place));
		text_out(f, r->note->text, 0);
		fprintf(f, "\"%s%s\n", r->f ? "; feature " : "; not in the feature table",
			r->f ? r->f->name : "");
		for (size_t k = 0; k < a->ncols; k++) {
			const struct cell *c = &r->cells[k];
			fprintf(f, "       %s %s: ", a->cols[k].label, verdict_name(c->v));
			text_out(f, c->detail, 10);
			fputc('\n', f);
			if (c->config || c->probe_result || c->cases) {
				fputs("          evidence:", f);
				if (c->config) {
					fputs(" config ", f);
					text_out(f, c->config, 0);
					fputc(';', f);
				}
				if (r->f && r->f->probe.text) {
					fputs(" probe ", f);
					text_out(f, r->f->probe.text, 0);
					fputs(": ", f);
					text_out(f, c->probe_result ? c->probe_result : "not recorded", 0);
					if (c->probe_detail) {
						fputs(" (", f);
						text_out(f, c->probe_detail, 0);
						fputc(')', f);
					}
					fputc(';', f);
				}
				fputs(" cases ", f);
				text_out(f, c->cases ? c->cases : "not run", 0);
				fputc('\n', f);
			}
		}
	}
	fprintf(f, "\nNotes that disagree with each other (%zu):\n", a->ndis);
	if (!a->ndis)
		fputs("  none\n", f);
	for (size_t i = 0; i < a->ndis; i++) {
		const struct disagreement *d = &a->dis[i];
		fprintf(f, "  %s: line %d (", d->a->f ? d->a->f->name : subject(d->a), d->a->note->line);
		text_out(f, subject(d->a), 0);
		fprintf(f, ", %s) says Linux >= %s; line %d (", place_name(d->a->note->place),
			d->a->ln.min_text, d->b->note->line);
		text_out(f, subject(d->b), 0);
		fprintf(f, ", %s) says Linux >= %s: %s\n", place_name(d->b->note->place),
			d->b->ln.min_text, d->why);
	}
	fputc('\n', f);
	counts_line(f, a);
}

/* ---- Markdown -------------------------------------------------------------------------- */

void md_report(FILE *f, const struct av *a)
{
	fputs("## Availability notes of ", f);
	md_cell(f, a->doc_path);
	fprintf(f, "\n\n%zu notes name Linux; checked on %zu kernel%s.\n\n", a->nrows, a->ncols,
		a->ncols == 1 ? "" : "s");
	fputs("| kernel | what |\n|---|---|\n", f);
	for (size_t k = 0; k < a->ncols; k++) {
		char *t = col_text(a, &a->cols[k]);
		fprintf(f, "| %s | ", a->cols[k].label);
		md_cell(f, t);
		fputs(" |\n", f);
		free(t);
	}
	fputs("\n| line | subject | note |", f);
	for (size_t k = 0; k < a->ncols; k++)
		fprintf(f, " %s |", a->cols[k].label);
	fputs("\n|--:|---|---|", f);
	for (size_t k = 0; k < a->ncols; k++)
		fputs("---|", f);
	fputc('\n', f);
	for (size_t i = 0; i < a->nrows; i++) {
		const struct row *r = &a->rows[i];
		char *s = subject_text(r), *l = linux_text(r);
		fprintf(f, "| %d | ", r->note->line);
		md_cell(f, s);
		fputs(" | ", f);
		md_cell(f, l);
		fputs(" |", f);
		for (size_t k = 0; k < a->ncols; k++) {
			enum verdict v = r->cells[k].v;
			fprintf(f, " %s%s%s |", v == V_CONTRADICTED ? "**" : "", verdict_name(v),
				v == V_CONTRADICTED ? "**" : "");
		}
		fputc('\n', f);
		free(s);
		free(l);
	}
	fputs("\n### Details\n\n| line | subject | kernel | verdict | why | evidence |\n"
	      "|--:|---|---|---|---|---|\n", f);
	for (size_t i = 0; i < a->nrows; i++) {
		const struct row *r = &a->rows[i];
		for (size_t k = 0; k < a->ncols; k++) {
			const struct cell *c = &r->cells[k];
			fprintf(f, "| %d | ", r->note->line);
			md_cell(f, subject(r));
			fprintf(f, " | %s | %s | ", a->cols[k].label, verdict_name(c->v));
			md_cell(f, c->detail);
			fputs(" | ", f);
			char *pd = c->probe_detail ? xasprintf(" (%s)", c->probe_detail) : xstrdup("");
			char *ev = xasprintf("config: %s<br>probe: %s%s%s%s<br>cases: %s",
					     c->config ? c->config : "-",
					     r->f && r->f->probe.text ? r->f->probe.text : "none",
					     r->f && r->f->probe.text ? " = " : "",
					     r->f && r->f->probe.text ? (c->probe_result ? c->probe_result : "not recorded") : "",
					     pd,
					     c->cases ? c->cases : "not run");
			/* md_cell would escape the <br>: write the pieces one by one */
			char *p = ev, *br;
			while ((br = strstr(p, "<br>"))) {
				*br = 0;
				md_cell(f, p);
				fputs("<br>", f);
				p = br + 4;
			}
			md_cell(f, p);
			fputs(" |\n", f);
			free(ev);
			free(pd);
		}
	}
	fprintf(f, "\n### Notes that disagree with each other (%zu)\n\n", a->ndis);
	if (!a->ndis)
		fputs("None.\n", f);
	for (size_t i = 0; i < a->ndis; i++) {
		const struct disagreement *d = &a->dis[i];
		fputs("- ", f);
		md_cell(f, d->a->f ? d->a->f->name : subject(d->a));
		fprintf(f, ": line %d (", d->a->note->line);
		md_cell(f, subject(d->a));
		fprintf(f, ") says Linux &gt;= %s; line %d (", d->a->ln.min_text, d->b->note->line);
		md_cell(f, subject(d->b));
		fprintf(f, ") says Linux &gt;= %s: %s\n", d->b->ln.min_text, d->why);
	}
	fputc('\n', f);
	counts_line(f, a);
}

/* ---- JSON ------------------------------------------------------------------------------ */

static void json_kv(FILE *f, const char *k, const char *v, bool comma)
{
	fprintf(f, "\"%s\": ", k);
	json_string(f, v);
	if (comma)
		fputs(", ", f);
}

static void json_cell(FILE *f, const struct av *a, const struct row *r, size_t k)
{
	const struct cell *c = &r->cells[k];
	fprintf(f, "{\"kernel\": \"%s\", ", a->cols[k].label);
	json_kv(f, "verdict", verdict_key(c->v), true);
	json_kv(f, "detail", c->detail, true);
	json_kv(f, "config", c->config, true);
	fputs("\"missing\": [", f);
	for (size_t i = 0; i < c->e.nmissing; i++) {
		fputs(i ? ", " : "", f);
		json_string(f, c->e.missing[i]);
	}
	fputs("], ", f);
	json_kv(f, "probe", c->probe_result, true);
	json_kv(f, "probe_detail", c->probe_detail, true);
	fputs("\"cases\": {", f);
	for (int s = 0; s < ST__COUNT; s++)
		fprintf(f, "%s\"%s\": %zu", s ? ", " : "", status_name((enum status)s), c->e.cases[s]);
	fputs("}}", f);
}

int avail_json_report(const char *path, const struct av *a)
{
	FILE *f = strcmp(path, "-") ? fopen(path, "w") : stdout;
	if (!f)
		return -1;
	fputs("{\n  \"schema\": 1,\n  ", f);
	json_kv(f, "doc", a->doc_path, false);
	fputs(",\n  \"kernels\": [", f);
	for (size_t k = 0; k < a->ncols; k++) {
		const struct kcol *c = &a->cols[k];
		fprintf(f, "%s\n    {\"label\": \"%s\", ", k ? "," : "", c->label);
		json_kv(f, "release", c->release, true);
		json_kv(f, "machine", c->machine, true);
		fprintf(f, "\"running\": %s, ", c->live ? "true" : "false");
		json_kv(f, "results", c->res ? c->res->path : NULL, true);
		json_kv(f, "config_source", c->config_source, false);
		fputs("}", f);
	}
	fputs("\n  ],\n  \"notes\": [", f);
	for (size_t i = 0; i < a->nrows; i++) {
		const struct row *r = &a->rows[i];
		fprintf(f, "%s\n    {\"line\": %d, ", i ? "," : "", r->note->line);
		json_kv(f, "text", r->note->text, true);
		json_kv(f, "place", place_name(r->note->place), true);
		fputs("\"subjects\": [", f);
		for (size_t s = 0; s < r->note->nsubjects; s++) {
			fputs(s ? ", " : "", f);
			json_string(f, r->note->subjects[s]);
		}
		fputs("], ", f);
		json_kv(f, "feature", r->f ? r->f->name : NULL, true);
		json_kv(f, "minimum", r->ln.has_min ? r->ln.min_text : NULL, true);
		fputs("\"verdicts\": [", f);
		for (size_t k = 0; k < a->ncols; k++) {
			fputs(k ? ",\n      " : "\n      ", f);
			json_cell(f, a, r, k);
		}
		fputs("]}", f);
	}
	fputs("\n  ],\n  \"disagreements\": [", f);
	for (size_t i = 0; i < a->ndis; i++) {
		const struct disagreement *d = &a->dis[i];
		fprintf(f, "%s\n    {", i ? "," : "");
		json_kv(f, "feature", d->a->f ? d->a->f->name : subject(d->a), true);
		json_kv(f, "why", d->why, true);
		fprintf(f, "\"lines\": [%d, %d], ", d->a->note->line, d->b->note->line);
		fputs("\"minimums\": [", f);
		json_string(f, d->a->ln.min_text);
		fputs(", ", f);
		json_string(f, d->b->ln.min_text);
		fputs("]}", f);
	}
	fputs(a->ndis ? "\n  ],\n  \"counts\": {" : "],\n  \"counts\": {", f);
	for (int v = 0; v < V__COUNT; v++)
		fprintf(f, "%s\"%s\": %zu", v ? ", " : "", verdict_key((enum verdict)v), a->count[v]);
	fputs("}\n}\n", f);
	int err = ferror(f);
	if (f == stdout)
		return fflush(f) || err ? -1 : 0;
	return fclose(f) || err ? -1 : 0;
}
