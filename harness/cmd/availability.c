// SPDX-License-Identifier: MIT
/*
 * sockspec availability --doc socket.rst [--results FILE.json ...]
 *                       [--markdown] [--json FILE] [--no-running] [--kconfig FILE]
 *
 * Every ".. availability::" note of the document that names Linux, checked
 * against kernels: the running one (its release, its config through the
 * kconfig reader, the probes of avail_table.c run now) and each results
 * record (the release, config symbols and probes it recorded, and its
 * cases).  A record of the running kernel's own release adds its cases to
 * the running kernel's column instead of making a column of its own.
 *
 * Each note gets a verdict per kernel (avail_judge): holds, absent because
 * of the config (naming the symbol), contradicted, not tested, or below
 * the note's minimum.  Notes about the same feature that give different
 * minimum versions, and a part documented as older than its family, are
 * listed as disagreements of the document with itself.
 */
#define _GNU_SOURCE
#include "avail/avail.h"
#include "cmd/commands.h"
#include "docs/doctargets.h"
#include "out/json.h"
#include "exec/kconfig.h"
#include "out/results.h"
#include "util/util.h"

#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

enum { EXIT_OK = 0, EXIT_USAGE = 2 };

/* Failing cases and skip reasons named in a verdict's detail, at most. */
#define NAMED_CASES 3

/* ---- kernels ----------------------------------------------------------------- */

struct kcol {
	char label[8];			/* "K1" */
	const char *release, *machine;
	struct kversion kv;
	bool kv_ok;
	bool live;			/* the running kernel: kinfo and probes run now */
	struct kinfo *ki;
	struct probe_result *probes;	/* live: one per avail_probes() entry */
	struct results *res;		/* its cases (live: a record of the same release), or NULL */
	const char *config_source;
};

struct av {
	const char *doc_path;
	struct doc_index di;
	struct kcol *cols;
	size_t ncols;
	struct results *res;		/* every --results record */
	size_t nres;
	const struct probe **probes;	/* the table's probes, in table order */
	size_t nprobes;
	struct row *rows;		/* the Linux notes, in document order */
	size_t nrows;
	struct disagreement *dis;
	size_t ndis;
	size_t count[V__COUNT];
};

/* ---- one note on one kernel ------------------------------------------------------- */

struct cell {
	enum verdict v;
	struct evidence e;
	char *detail;			/* why, in a sentence */
	char *config;			/* "CONFIG_CAN=m, CONFIG_CAN_RAW is not set", or NULL */
	const char *probe_result;	/* "ok", "absent", ...; NULL: no probe known */
	const char *probe_detail;
	char *cases;			/* "3 pass, 1 skip", or NULL */
};

struct row {
	const struct doc_note *note;
	struct linux_note ln;
	const struct avail_feature *f;
	struct cell *cells;		/* one per kernel */
};

struct disagreement {
	const struct row *a, *b;
	const char *why;		/* "same feature" or "part older than its family" */
};

static bool listed(const char *const *v, size_t max, const char *s)
{
	for (size_t i = 0; i < max && v[i]; i++)
		if (strcmp(v[i], s) == 0)
			return true;
	return false;
}

/* Is the case with doc DOC and id ID about the note of ROW? */
static bool case_about(const struct row *r, const char *id, const char *doc)
{
	if (doc) {
		for (size_t i = 0; i < r->note->nsubjects; i++)
			if (strcmp(r->note->subjects[i], doc) == 0)
				return true;
		if (r->f && listed(r->f->subjects, AVAIL_MAX_SUBJECTS, doc))
			return true;
	}
	return r->f && avail_feature_has_case(r->f, id);
}

/* config: each needed symbol's value on kernel C; *KNOWN when all could be looked up */
static char *gather_config(const struct row *r, const struct kcol *c, struct evidence *e)
{
	if (!r->f || !r->f->config[0]) {
		e->config_known = r->f != NULL;	/* a feature of the core needs no symbol */
		return NULL;
	}
	char *s = NULL;
	size_t len = 0;
	FILE *m = open_memstream(&s, &len);
	e->config_known = true;
	for (size_t i = 0; i < AVAIL_MAX_CONFIG && r->f->config[i]; i++) {
		const char *sym = r->f->config[i], *v = NULL;
		bool known;
		if (c->live) {
			known = c->ki->config_source[0] != 0;
			v = known ? kconfig_get(c->ki, sym) : NULL;
		} else {
			v = c->res ? results_config(c->res, sym, &known) : NULL;
			if (!c->res)
				known = false;
		}
		fputs(i ? ", " : "", m);
		if (!known) {
			e->config_known = false;
			fprintf(m, "%s unknown", sym);
		} else if (!v || strcmp(v, "n") == 0) {
			e->missing[e->nmissing++] = sym;
			fprintf(m, "%s is not set", sym);
		} else {
			fprintf(m, "%s=%s", sym, v);
		}
	}
	fclose(m);
	/* one needed symbol known not set explains an absence, whatever the others are */
	if (e->nmissing)
		e->config_known = true;
	return s;
}

static void gather_probe(const struct av *a, const struct row *r, const struct kcol *c,
			 struct cell *cl)
{
	if (!r->f || !r->f->probe.text)
		return;
	if (c->live) {
		for (size_t i = 0; i < a->nprobes; i++)
			if (a->probes[i] == &r->f->probe) {
				cl->e.probe_known = true;
				cl->e.probe = c->probes[i].outcome;
				cl->probe_result = probe_outcome_name(c->probes[i].outcome);
				cl->probe_detail = c->probes[i].detail[0] ? c->probes[i].detail : NULL;
			}
		return;
	}
	const struct jv *pr = c->res ? c->res->probes : NULL;
	for (size_t i = 0; pr && i < pr->n; i++) {
		const char *text = jv_string(jv_get(&pr->items[i], "probe"));
		if (!text || strcmp(text, r->f->probe.text) != 0)
			continue;
		int o = probe_outcome_from_name(jv_string(jv_get(&pr->items[i], "result")));
		if (o < 0)
			continue;	/* a result this sockspec does not know: no evidence */
		cl->e.probe_known = true;
		cl->e.probe = (enum probe_outcome)o;
		cl->probe_result = probe_outcome_name(cl->e.probe);
		cl->probe_detail = jv_string(jv_get(&pr->items[i], "detail"));
	}
}

/* The cases about the note: counts by status; failing ids and a skip reason for the detail. */
static char *gather_cases(const struct row *r, const struct kcol *c, struct evidence *e,
			  char **failing, const char **skip_reason)
{
	if (!c->res)
		return NULL;
	char *fl = NULL;
	size_t flen = 0, nf = 0;
	FILE *fm = open_memstream(&fl, &flen);
	for (size_t i = 0; i < c->res->n; i++) {
		const struct rcase *rc = &c->res->cases[i];
		if (!case_about(r, rc->id, rc->doc))
			continue;
		e->cases[rc->status]++;
		if (rc->status == ST_SKIP && !*skip_reason)
			*skip_reason = rc->reason;
		if (rc->status == ST_FAIL || rc->status == ST_TIMEOUT || rc->status == ST_ERROR) {
			if (nf < NAMED_CASES)
				fprintf(fm, "%s%s (%s)", nf ? ", " : "", rc->id, status_name(rc->status));
			nf++;
		}
	}
	if (nf > NAMED_CASES)
		fprintf(fm, ", and %zu more", nf - NAMED_CASES);
	fclose(fm);
	*failing = fl;
	size_t total = 0;
	for (int s = 0; s < ST__COUNT; s++)
		total += e->cases[s];
	if (!total)
		return xstrdup("none");
	char *s = NULL;
	size_t len = 0;
	FILE *m = open_memstream(&s, &len);
	static const enum status order[] = { ST_PASS, ST_FAIL, ST_XFAIL, ST_XPASS, ST_SKIP,
					     ST_TIMEOUT, ST_ERROR };
	bool first = true;
	for (size_t i = 0; i < ARRAY_SIZE(order); i++)
		if (e->cases[order[i]]) {
			fprintf(m, "%s%zu %s", first ? "" : ", ", e->cases[order[i]],
				status_name(order[i]));
			first = false;
		}
	fclose(m);
	return s;
}

/* The sentence that says why the verdict is what it is. */
static char *explain(const struct row *r, const struct kcol *c, const struct cell *cl,
		     const char *failing, const char *skip_reason)
{
	const struct evidence *e = &cl->e;
	char *s = NULL;
	size_t len = 0;
	FILE *m = open_memstream(&s, &len);
	const char *probe = r->f && r->f->probe.text ? r->f->probe.text : NULL;
	switch (cl->v) {
	case V_BELOW_MINIMUM:
		fprintf(m, "Linux %s is older than the note's minimum %s", c->release ? c->release : "?",
			r->ln.min_text);
		break;
	case V_ABSENT_CONFIG:
		for (size_t i = 0; i < e->nmissing; i++)
			fprintf(m, "%s%s", i ? " and " : "", e->missing[i]);
		fprintf(m, " %s not set in this kernel's config (a dependency the note does not "
			"mention)", e->nmissing == 1 ? "is" : "are");
		break;
	case V_CONTRADICTED:
		fprintf(m, "newer than %s%s, ", r->ln.has_min ? "the note's minimum " : "",
			r->ln.has_min ? r->ln.min_text : "(no minimum)");
		if (cl->config)
			fprintf(m, "%s, ", cl->config);
		else
			fputs("no CONFIG_ symbol needed, ", m);
		if (e->probe_known && e->probe == PROBE_ABSENT)
			fprintf(m, "yet the probe finds it missing: %s", cl->probe_detail ? cl->probe_detail : "");
		else if (e->probe_known && e->probe == PROBE_DIFFERENT)
			fprintf(m, "yet it behaves differently: %s", cl->probe_detail ? cl->probe_detail : "");
		else
			fprintf(m, "yet cases about it fail: %s", failing && *failing ? failing : "?");
		break;
	case V_ABSENT:
		fprintf(m, "the probe finds it missing (%s) and no kernel config was %s to say why",
			cl->probe_detail ? cl->probe_detail : "?", c->live ? "found" : "recorded");
		break;
	case V_HOLDS:
		if (e->probe_known && e->probe == PROBE_OK)
			fputs("the probe finds it", m);
		else
			fputs("cases about it ran", m);
		if (e->cases[ST_PASS])
			fprintf(m, "%s%zu case%s pass", e->probe_known && e->probe == PROBE_OK ? "; " : ": ",
				e->cases[ST_PASS], e->cases[ST_PASS] == 1 ? "" : "s");
		if (e->cases[ST_XFAIL])
			fprintf(m, "; %zu known deviation%s (xfail)", e->cases[ST_XFAIL],
				e->cases[ST_XFAIL] == 1 ? "" : "s");
		if (e->nmissing)
			fputs(", although the config does not set every symbol it needs", m);
		break;
	case V_NOT_TESTED:
	default:
		if (!probe)
			fputs("no probe for it in the table", m);
		else if (!e->probe_known)
			fprintf(m, "no result of the probe %s", c->live ? "(it could not run)" :
				"in this record (written before probes were recorded?)");
		else
			fprintf(m, "the probe was inconclusive: %s", cl->probe_detail ? cl->probe_detail : "");
		if (!c->res)
			fputs("; no cases ran on it", m);
		else if (e->cases[ST_SKIP])
			fprintf(m, "; its cases skipped: %s", skip_reason ? skip_reason : "?");
		else
			fputs("; no case is about it", m);
		break;
	}
	fclose(m);
	return s;
}

static void judge_cell(struct av *a, struct row *r, const struct kcol *c, struct cell *cl)
{
	char *failing = NULL;
	const char *skip_reason = NULL;
	memset(cl, 0, sizeof(*cl));
	if (r->ln.has_min && c->kv_ok) {
		cl->e.version_known = true;
		cl->e.version_cmp = kversion_cmp(&c->kv, &r->ln.min);
	}
	cl->config = gather_config(r, c, &cl->e);
	gather_probe(a, r, c, cl);
	cl->cases = gather_cases(r, c, &cl->e, &failing, &skip_reason);
	cl->v = avail_judge(&cl->e);
	cl->detail = explain(r, c, cl, failing, skip_reason);
	a->count[cl->v]++;
	free(failing);
}

/* ---- the document with itself ---------------------------------------------------------- */

static void add_dis(struct av *a, const struct row *x, const struct row *y, const char *why)
{
	a->dis = xrealloc(a->dis, (a->ndis + 1) * sizeof(*a->dis));
	a->dis[a->ndis++] = (struct disagreement){ x, y, why };
}

/*
 * Two notes on the same feature with two minimums; a part (CAN_BCM)
 * whose minimum is below its family's (AF_CAN): it cannot predate it.
 */
static void find_disagreements(struct av *a)
{
	for (size_t i = 0; i < a->nrows; i++)
		for (size_t j = i + 1; j < a->nrows; j++) {
			const struct row *x = &a->rows[i], *y = &a->rows[j];
			if (!x->ln.has_min || !y->ln.has_min)
				continue;
			bool same = x->f ? x->f == y->f
				 : !y->f && x->note->nsubjects && y->note->nsubjects &&
				   strcmp(x->note->subjects[0], y->note->subjects[0]) == 0;
			int c = kversion_cmp(&x->ln.min, &y->ln.min);
			if (same && c != 0)
				add_dis(a, x, y, "the same feature given two minimum versions");
			else if (x->f && y->f && y->f->parent && strcmp(y->f->parent, x->f->name) == 0 && c > 0)
				add_dis(a, x, y, "a part documented as older than its family");
			else if (x->f && y->f && x->f->parent && strcmp(x->f->parent, y->f->name) == 0 && c < 0)
				add_dis(a, y, x, "a part documented as older than its family");
		}
}

/* ---- gathering ---------------------------------------------------------------------- */

static void build_rows(struct av *a)
{
	a->rows = xcalloc(a->di.nnotes + 1, sizeof(*a->rows));
	for (size_t i = 0; i < a->di.nnotes; i++) {
		const struct doc_note *n = &a->di.notes[i];
		struct row *r = &a->rows[a->nrows];
		if (!avail_parse_linux(n->text, &r->ln))
			continue;
		r->note = n;
		r->f = avail_feature_for(n->subjects, n->nsubjects);
		r->cells = xcalloc(a->ncols + 1, sizeof(*r->cells));
		for (size_t k = 0; k < a->ncols; k++)
			judge_cell(a, r, &a->cols[k], &r->cells[k]);
		a->nrows++;
	}
	find_disagreements(a);
}

static void add_col(struct av *a, struct kcol c)
{
	a->cols = xrealloc(a->cols, (a->ncols + 1) * sizeof(*a->cols));
	snprintf(c.label, sizeof(c.label), "K%zu", a->ncols + 1);
	a->cols[a->ncols++] = c;
}

/* The running kernel first (unless NO_RUNNING), then one column per other kernel. */
static int build_cols(struct av *a, bool running, const char *kconfig)
{
	if (running) {
		struct kcol c = { .live = true, .ki = xcalloc(1, sizeof(struct kinfo)) };
		kinfo_load(c.ki, kconfig);
		if (kconfig && !c.ki->config_source[0]) {
			fprintf(stderr, "sockspec availability: --kconfig %s: no config symbols could be read\n",
				kconfig);
			kinfo_free(c.ki);
			free(c.ki);
			return -1;
		}
		c.release = c.ki->release;
		c.machine = c.ki->machine;
		c.kv_ok = kversion_parse(c.ki->release, &c.kv) == 0;
		c.config_source = c.ki->config_source[0] ? c.ki->config_source : NULL;
		c.probes = xcalloc(a->nprobes + 1, sizeof(*c.probes));
		probe_run_all(a->probes, a->nprobes, geteuid() == 0, c.probes);
		add_col(a, c);
	}
	for (size_t i = 0; i < a->nres; i++) {
		struct results *r = &a->res[i];
		if (running && r->release && strcmp(r->release, a->cols[0].release) == 0 &&
		    !a->cols[0].res) {
			a->cols[0].res = r;	/* the running kernel's own cases */
			continue;
		}
		struct kcol c = { .res = r, .release = r->release, .machine = r->machine,
				  .config_source = r->config_source };
		c.kv_ok = r->release && kversion_parse(r->release, &c.kv) == 0;
		add_col(a, c);
	}
	return 0;
}

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

static void text_report(FILE *f, const struct av *a)
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

static void md_report(FILE *f, const struct av *a)
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

static int json_report(const char *path, const struct av *a)
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

/* ---- the command ----------------------------------------------------------------------- */

static void usage(FILE *f)
{
	fputs("usage: sockspec availability --doc FILE [--results FILE.json ...] [--markdown]\n"
	      "                             [--json FILE] [--no-running] [--kconfig FILE]\n"
	      "Check every availability note of FILE (socket.rst) that names Linux against the\n"
	      "running kernel (release, config, probes run now) and the kernels of the given\n"
	      "results records (their release, recorded config and probes, and cases), and\n"
	      "list the notes that disagree with each other.\n\n"
	      "      --doc FILE        the document (required)\n"
	      "      --results FILE    a 'sockspec --json' record (repeatable); one of the\n"
	      "                        running kernel's release adds its cases to that column\n"
	      "      --markdown        print Markdown instead of the plain table\n"
	      "      --json FILE       also write the report as JSON ('-': stdout, instead)\n"
	      "      --no-running      leave the running kernel out\n"
	      "      --kconfig FILE    the running kernel's config (default /proc/config.gz,\n"
	      "                        /boot/config-RELEASE)\n"
	      "  -h, --help            show this help\n\n"
	      "Verdicts: holds; absent (config): a CONFIG_ symbol it needs is not set;\n"
	      "CONTRADICTED: newer than the minimum, config there, yet missing or different;\n"
	      "absent (no config): missing, no config to say why; not tested; below minimum.\n\n"
	      "Exit status: 0 report printed, 2 usage error, unreadable document or a\n"
	      "results file that is not a record.\n", f);
}

static int usage_error(const char *what, const char *arg)
{
	fprintf(stderr, "sockspec availability: %s%s%s%s\nTry 'sockspec availability --help'.\n",
		what, arg ? " '" : "", arg ? arg : "", arg ? "'" : "");
	return EXIT_USAGE;
}

struct av_opts {
	const char *doc, *json, *kconfig;
	bool markdown, no_running;
	const char **results;
	size_t nresults;
};

static int parse_opts(int argc, char **argv, struct av_opts *o, int *rc)
{
	enum { OPT_DOC = 256, OPT_JSON, OPT_MARKDOWN, OPT_RESULTS, OPT_NO_RUNNING, OPT_KCONFIG };
	static const struct option longopts[] = {
		{ "doc", required_argument, NULL, OPT_DOC },
		{ "json", required_argument, NULL, OPT_JSON },
		{ "markdown", no_argument, NULL, OPT_MARKDOWN },
		{ "results", required_argument, NULL, OPT_RESULTS },
		{ "no-running", no_argument, NULL, OPT_NO_RUNNING },
		{ "kconfig", required_argument, NULL, OPT_KCONFIG },
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
		case OPT_NO_RUNNING: o->no_running = true; break;
		case OPT_KCONFIG: o->kconfig = optarg; break;
		case OPT_RESULTS:
			o->results = xrealloc(o->results, (o->nresults + 1) * sizeof(*o->results));
			o->results[o->nresults++] = optarg;
			break;
		case 'h': usage(stdout); *rc = EXIT_OK; return -1;
		case ':':
			*rc = usage_error("this option needs an argument:", argv[optind - 1]);
			return -1;
		default: {
			char buf[8];
			*rc = usage_error("invalid option", rejected_option(argv, buf));
			return -1;
		}
		}
	}
	if (optind < argc) {
		*rc = usage_error("unexpected argument (results files go after --results):", argv[optind]);
		return -1;
	}
	if (!o->doc) {
		*rc = usage_error("--doc FILE is required: the socket.rst whose notes to check", NULL);
		return -1;
	}
	if (o->no_running && !o->nresults) {
		*rc = usage_error("--no-running leaves no kernel without --results", NULL);
		return -1;
	}
	return 0;
}

static int report(const struct av *a, const struct av_opts *o)
{
	if (o->json && json_report(o->json, a) < 0) {
		fprintf(stderr, "sockspec availability: writing %s: %s\n", o->json, strerror(errno));
		return EXIT_USAGE;
	}
	if (o->json && strcmp(o->json, "-") == 0)
		return EXIT_OK;
	if (o->markdown)
		md_report(stdout, a);
	else
		text_report(stdout, a);
	return fflush(stdout) ? EXIT_USAGE : EXIT_OK;
}

static void av_free(struct av *a)
{
	for (size_t i = 0; i < a->nrows; i++) {
		for (size_t k = 0; k < a->ncols; k++) {
			free(a->rows[i].cells[k].detail);
			free(a->rows[i].cells[k].config);
			free(a->rows[i].cells[k].cases);
		}
		free(a->rows[i].cells);
	}
	free(a->rows);
	for (size_t k = 0; k < a->ncols; k++) {
		if (a->cols[k].live) {
			kinfo_free(a->cols[k].ki);
			free(a->cols[k].ki);
			free(a->cols[k].probes);
		}
	}
	free(a->cols);
	for (size_t i = 0; i < a->nres; i++)
		results_free(&a->res[i]);
	free(a->res);
	free(a->probes);
	free(a->dis);
	doc_index_free(&a->di);
}

int cmd_availability(int argc, char **argv)
{
	struct av_opts o = { 0 };
	int rc;
	if (parse_opts(argc, argv, &o, &rc) < 0) {
		free(o.results);
		return rc;
	}
	struct av a = { .doc_path = o.doc };
	if (doc_index_load(&a.di, o.doc) < 0) {
		fprintf(stderr, "sockspec availability: --doc %s: %s\n", o.doc, strerror(errno));
		free(o.results);
		return EXIT_USAGE;
	}
	rc = EXIT_OK;
	a.res = xcalloc(o.nresults + 1, sizeof(*a.res));
	for (size_t i = 0; i < o.nresults; i++, a.nres++)
		if (results_load(&a.res[i], o.results[i], "sockspec availability") < 0)
			rc = EXIT_USAGE;	/* every file is read, and its problems shown */
	if (rc == EXIT_OK) {
		a.probes = avail_probes(&a.nprobes);
		if (build_cols(&a, !o.no_running, o.kconfig) < 0)
			rc = EXIT_USAGE;
	}
	if (rc == EXIT_OK) {
		build_rows(&a);
		rc = report(&a, &o);
	}
	av_free(&a);
	free(o.results);
	return rc;
}
