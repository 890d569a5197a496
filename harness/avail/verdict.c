// SPDX-License-Identifier: MIT
/* Notes, features and verdicts of `sockspec availability` (avail.h). */
#define _GNU_SOURCE
#include "avail/avail.h"
#include "lang/case.h"
#include "util/util.h"

#include <fnmatch.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

const struct avail_feature *avail_feature_for(char *const *subjects, size_t n)
{
	size_t nf;
	const struct avail_feature *const *fs = avail_feature_list(&nf);
	for (size_t i = 0; i < n; i++)
		for (size_t f = 0; f < nf; f++)
			for (size_t k = 0; k < AVAIL_MAX_SUBJECTS && fs[f]->subjects[k]; k++)
				if (strcmp(fs[f]->subjects[k], subjects[i]) == 0)
					return fs[f];
	return NULL;
}

const struct avail_feature *avail_feature_named(const char *name)
{
	size_t nf;
	const struct avail_feature *const *fs = avail_feature_list(&nf);
	for (size_t f = 0; name && f < nf; f++)
		if (strcmp(fs[f]->name, name) == 0)
			return fs[f];
	return NULL;
}

bool avail_feature_has_case(const struct avail_feature *f, const char *id)
{
	for (size_t k = 0; f && k < AVAIL_MAX_GLOBS && f->cases[k]; k++)
		if (fnmatch(f->cases[k], id, 0) == 0)
			return true;
	return false;
}

/*
 * The next comma-separated item of the note at *P ("Linux >= 2.6.25" of
 * "Linux >= 2.6.25, NetBSD >= 8."): [*ITEM, *END), leading blanks skipped.
 * False when the note is used up.
 */
static bool note_item(const char **p, const char **item, const char **end)
{
	if (!*p || !**p)
		return false;
	*item = *p;
	*end = *p + strcspn(*p, ",");
	*p = **end ? *end + 1 : *end;
	while (*item < *end && (**item == ' ' || **item == '\t'))
		(*item)++;
	return true;
}

/* Is the first word of the N bytes at P (a platform and maybe a version) WORD? */
static bool is_word(const char *p, size_t n, const char *word)
{
	size_t w = 0;
	while (w < n && ((p[w] >= 'A' && p[w] <= 'Z') || (p[w] >= 'a' && p[w] <= 'z')))
		w++;
	return w == strlen(word) && strncasecmp(p, word, w) == 0;
}

/* Does one item of a note ("Linux >= 4.7", "Unix", "Windows") take in Linux? */
static bool names_linux(const char *p, size_t n)
{
	/* CPython's notes say "Unix" (or "POSIX") for every Unix-like system */
	return is_word(p, n, "Linux") || is_word(p, n, "Unix") || is_word(p, n, "POSIX");
}

bool availability_includes_linux(const char *note)
{
	bool positive = false, on_linux = false;
	const char *p = note, *item, *end;
	while (note_item(&p, &item, &end)) {
		while (end > item && (end[-1] == ' ' || end[-1] == '.'))
			end--;
		if (item == end)
			continue;
		if ((size_t)(end - item) > 4 && strncasecmp(item, "not ", 4) == 0) {
			if (is_word(item + 4, (size_t)(end - item - 4), "Linux"))
				return false;
			continue;	/* "not WASI": everything else still has it */
		}
		positive = true;
		on_linux |= names_linux(item, (size_t)(end - item));
	}
	return !positive || on_linux;
}

/*
 * The items of a note are comma-separated: "Linux >= 2.6.25, NetBSD >= 8."
 * The Linux one is the word Linux (any case, a whole word), then perhaps
 * ">= VERSION".
 */
bool avail_parse_linux(const char *note, struct linux_note *out)
{
	memset(out, 0, sizeof(*out));
	const char *p = note, *item, *end;
	while (note_item(&p, &item, &end)) {
		if ((size_t)(end - item) < 5 || strncasecmp(item, "linux", 5) != 0)
			continue;
		const char *q = item + 5;
		if (q < end && ((*q >= 'a' && *q <= 'z') || (*q >= 'A' && *q <= 'Z')))
			continue;	/* "Linuxish" */
		while (q < end && *q == ' ')
			q++;
		if (q + 1 < end && q[0] == '>' && q[1] == '=') {
			q += 2;
			while (q < end && *q == ' ')
				q++;
			size_t v = 0;
			while (q + v < end && ((q[v] >= '0' && q[v] <= '9') || q[v] == '.'))
				v++;
			while (v && q[v - 1] == '.')	/* the sentence's full stop */
				v--;
			if (v && v < sizeof(out->min_text)) {
				memcpy(out->min_text, q, v);
				out->min_text[v] = 0;
				out->has_min = kversion_parse(out->min_text, &out->min) == 0;
				if (!out->has_min) {	/* "Linux >= 5" */
					out->min_text[0] = 0;
				}
			}
		}
		return true;
	}
	return false;
}

static const char *const verdict_names[] = {
	[V_HOLDS] = "holds", [V_ABSENT_CONFIG] = "absent (config)",
	[V_CONTRADICTED] = "CONTRADICTED", [V_ABSENT] = "absent (no config)",
	[V_NOT_TESTED] = "not tested",
	[V_BELOW_MINIMUM] = "below minimum",
};
static const char *const verdict_keys[] = {
	[V_HOLDS] = "holds", [V_ABSENT_CONFIG] = "absent-config",
	[V_CONTRADICTED] = "contradicted", [V_ABSENT] = "absent",
	[V_NOT_TESTED] = "not-tested",
	[V_BELOW_MINIMUM] = "below-minimum",
};

const char *verdict_name(enum verdict v)
{
	return v < V__COUNT ? verdict_names[v] : "?";
}

const char *verdict_key(enum verdict v)
{
	return v < V__COUNT ? verdict_keys[v] : "?";
}

/*
 * In order: a kernel older than the minimum is outside the note; a needed
 * symbol not set explains an absence (unless the feature is there all the
 * same); a probe that finds it missing or different, or a case about it
 * that fails, with the config there, contradicts the note; a probe or a
 * case that passes shows it holds; else nothing was learnt.  Expected
 * failures (xfail) are documented behaviours Linux is known not to have,
 * not absences: they count as the feature being there.
 */
enum verdict avail_judge(const struct evidence *e)
{
	size_t failing = e->cases[ST_FAIL] + e->cases[ST_TIMEOUT] + e->cases[ST_ERROR];
	bool present = (e->probe_known && e->probe == PROBE_OK) || e->cases[ST_PASS] ||
		       e->cases[ST_XFAIL] || e->cases[ST_XPASS];
	bool missing = e->probe_known && (e->probe == PROBE_ABSENT || e->probe == PROBE_DIFFERENT);

	if (e->version_known && e->version_cmp < 0)
		return V_BELOW_MINIMUM;
	if (e->config_known && e->nmissing)
		return present && !missing ? V_HOLDS : V_ABSENT_CONFIG;
	if (missing || failing)
		return e->config_known || !missing ? V_CONTRADICTED : V_ABSENT;
	if (present)
		return V_HOLDS;
	return V_NOT_TESTED;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void add_symbol(char ***v, size_t *n, const char *sym)
{
	*v = xrealloc(*v, (*n + 1) * sizeof(**v));
	(*v)[(*n)++] = strncmp(sym, "CONFIG_", 7) == 0 ? xstrdup(sym) : xasprintf("CONFIG_%s", sym);
}

static void add_reqs(char ***v, size_t *n, const struct requirement *r, size_t nr)
{
	for (size_t i = 0; i < nr; i++)
		if (r[i].kind == REQ_CONFIG && r[i].sym)
			add_symbol(v, n, r[i].sym);
}

char **avail_record_symbols(struct tcase *const *cases, size_t ncases, size_t *n)
{
	size_t nf;
	const struct avail_feature *const *fs = avail_feature_list(&nf);
	char **v = NULL;
	size_t k = 0;
	for (size_t f = 0; f < nf; f++)
		for (size_t c = 0; c < AVAIL_MAX_CONFIG && fs[f]->config[c]; c++)
			add_symbol(&v, &k, fs[f]->config[c]);
	for (size_t i = 0; i < ncases; i++) {
		add_reqs(&v, &k, cases[i]->reqs, cases[i]->nreqs);
		if (!i || cases[i]->file != cases[i - 1]->file)
			add_reqs(&v, &k, cases[i]->file->reqs, cases[i]->file->nreqs);
	}
	if (k > 1)
		qsort(v, k, sizeof(*v), cmp_str);
	size_t out = 0;
	for (size_t i = 0; i < k; i++) {
		if (out && strcmp(v[out - 1], v[i]) == 0)
			free(v[i]);
		else
			v[out++] = v[i];
	}
	*n = out;
	return v;
}

const struct probe **avail_probes(size_t *n)
{
	size_t nf;
	const struct avail_feature *const *fs = avail_feature_list(&nf);
	const struct probe **v = xcalloc(nf + 1, sizeof(*v));
	size_t k = 0;
	for (size_t f = 0; f < nf; f++)
		if (fs[f]->probe.text)
			v[k++] = &fs[f]->probe;
	*n = k;
	return v;
}
