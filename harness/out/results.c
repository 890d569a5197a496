// SPDX-License-Identifier: MIT
/*
 * A --json results record read back and checked (results.h).  Strict
 * where the tools depend on a field (a case needs an id and a known
 * status, ids are unique, types are right), lenient about fields it does
 * not use, so records written by a newer sockspec of the same schema
 * still read.
 */
#define _GNU_SOURCE
#include "out/results.h"
#include "out/json.h"
#include "util/util.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* What this sockspec writes, it must read. */
_Static_assert(RESULTS_SCHEMA_MAX == JSON_SCHEMA, "results.h reads up to the schema json.h writes");

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
	    opt_string(r, v, "family", &c->family) < 0 || opt_string(r, v, "doc", &c->doc) < 0 ||
	    load_step(r, jv_get(v, "step"), c) < 0)
		return -1;
	int s = status_from_name(status);
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

/* files[]: to tell a case that vanished because its file stopped parsing. */
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

/* Schema 2: kernel.config {CONFIG_X: "y"|null} and probes [{probe, result, detail}]. */
static int load_kernel_evidence(struct results *r, const struct jv *k)
{
	const struct jv *cfg = jv_get(k, "config"), *pr = jv_get(&r->root, "probes");
	if (cfg && cfg->type != JV_NULL) {
		if (cfg->type != JV_OBJECT)
			return bad_record(r, cfg, "\"kernel.config\" must be an object or null");
		for (size_t i = 0; i < cfg->n; i++) {
			const struct jv *v = &cfg->members[i].value;
			if (v->type != JV_NULL && !jv_string(v))
				return bad_record(r, v, "a config value must be a string or null");
		}
		r->config = cfg;
	}
	if (pr && pr->type != JV_NULL) {
		if (pr->type != JV_ARRAY)
			return bad_record(r, pr, "\"probes\" must be an array or null");
		for (size_t i = 0; i < pr->n; i++) {
			const struct jv *p = &pr->items[i];
			const char *s;
			if (p->type != JV_OBJECT)
				return bad_record(r, p, "a probe must be an object");
			if (get_string(r, p, "probe", true, &s) < 0 ||
			    get_string(r, p, "result", true, &s) < 0 ||
			    opt_string(r, p, "detail", &s) < 0)
				return -1;
		}
		r->probes = pr;
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
	if (schema->number != (int)schema->number || schema->number < RESULTS_SCHEMA_MIN ||
	    schema->number > RESULTS_SCHEMA_MAX)
		return bad_record(r, schema, "schema %g, but this sockspec reads schemas %d to %d",
				  schema->number, RESULTS_SCHEMA_MIN, RESULTS_SCHEMA_MAX);
	r->schema = (int)schema->number;
	if (k && k->type != JV_OBJECT && k->type != JV_NULL)
		return bad_record(r, k, "\"kernel\" must be an object");
	if (opt_string(r, k, "release", &r->release) < 0 ||
	    opt_string(r, k, "version", &r->version) < 0 ||
	    opt_string(r, k, "machine", &r->machine) < 0 ||
	    opt_string(r, k, "config_source", &r->config_source) < 0 ||
	    opt_string(r, &r->root, "started", &r->started) < 0 ||
	    opt_string(r, &r->root, "mode", &r->mode) < 0)
		return -1;
	/* schema 1 has neither; a schema 1 record carrying them is still read as 1 */
	if (r->schema >= 2 && load_kernel_evidence(r, k) < 0)
		return -1;
	r->totals = jv_get(&r->root, "totals");
	if (r->totals && r->totals->type != JV_OBJECT)
		r->totals = NULL;	/* shown only; the cases are what is compared */
	return 0;
}

int results_load(struct results *r, const char *path, const char *prog)
{
	memset(r, 0, sizeof(*r));
	r->path = path;
	size_t len;
	char *text = read_file(path, &len);
	if (!text) {
		fprintf(stderr, "%s: %s: %s\n", prog, path, strerror(errno));
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

void results_free(struct results *r)
{
	free(r->cases);
	free(r->files);
	jv_free(&r->root);
	memset(r, 0, sizeof(*r));
}

static int id_cmp(const void *key, const void *elem)
{
	return strcmp(key, ((const struct rcase *)elem)->id);
}

const struct rcase *results_find(const struct results *r, const char *id)
{
	if (!r->n || !id)
		return NULL;
	return bsearch(id, r->cases, r->n, sizeof(*r->cases), id_cmp);
}

const char *results_file_errors(const struct results *r, const char *path)
{
	for (size_t i = 0; path && i < r->nfiles; i++)
		if (r->files[i].path && strcmp(r->files[i].path, path) == 0)
			return r->files[i].errors;
	return NULL;
}

const char *results_config(const struct results *r, const char *sym, bool *known)
{
	const struct jv *v = r->config ? jv_get(r->config, sym) : NULL;
	*known = v != NULL;
	return v ? jv_string(v) : NULL;
}

char *results_totals_text(const struct results *r)
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
