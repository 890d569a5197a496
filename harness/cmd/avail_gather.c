// SPDX-License-Identifier: MIT
/* The evidence for each availability note on each kernel, and its verdict (avail_report.h). */
#define _GNU_SOURCE
#include "cmd/avail_report.h"

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

void judge_cell(struct av *a, struct row *r, const struct kcol *c, struct cell *cl)
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
void find_disagreements(struct av *a)
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

void build_rows(struct av *a)
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
int build_cols(struct av *a, bool running, const char *kconfig)
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
