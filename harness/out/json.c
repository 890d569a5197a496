// SPDX-License-Identifier: MIT
#include "out/json.h"
#include "core/version.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/*
 * Length of the well-formed UTF-8 sequence at P (RFC 3629: no overlong
 * forms, no surrogates, nothing above U+10FFFF), 0 when it is not one.
 */
static size_t utf8_len(const unsigned char *p)
{
	unsigned char c = p[0];
	size_t n;
	unsigned char lo = 0x80, hi = 0xbf;	/* the range of the second byte */
	if (c >= 0xc2 && c <= 0xdf)
		n = 2;
	else if (c >= 0xe0 && c <= 0xef) {
		n = 3;
		if (c == 0xe0)
			lo = 0xa0;
		else if (c == 0xed)
			hi = 0x9f;
	} else if (c >= 0xf0 && c <= 0xf4) {
		n = 4;
		if (c == 0xf0)
			lo = 0x90;
		else if (c == 0xf4)
			hi = 0x8f;
	} else
		return 0;
	if (p[1] < lo || p[1] > hi)
		return 0;
	for (size_t i = 2; i < n; i++)
		if (p[i] < 0x80 || p[i] > 0xbf)
			return 0;
	return n;
}

/*
 * S as a JSON string.  Valid UTF-8 is copied as it is; a byte that is not
 * part of a valid sequence (case files may hold any bytes) is written as
 * \u00XX, its Latin-1 reading, so the output is always valid JSON.
 */
void json_string(FILE *f, const char *s)
{
	if (!s) {
		fputs("null", f);
		return;
	}
	fputc('"', f);
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		switch (*p) {
		case '"': fputs("\\\"", f); break;
		case '\\': fputs("\\\\", f); break;
		case '\n': fputs("\\n", f); break;
		case '\t': fputs("\\t", f); break;
		case '\r': fputs("\\r", f); break;
		default:
			if (*p < 0x20 || *p == 0x7f) {
				fprintf(f, "\\u%04x", *p);
			} else if (*p < 0x80) {
				fputc(*p, f);
			} else {
				size_t n = utf8_len(p);
				if (n) {
					fwrite(p, 1, n, f);
					p += n - 1;
				} else {
					fprintf(f, "\\u%04x", *p);
				}
			}
		}
	}
	fputc('"', f);
}

static void kv_str(FILE *f, const char *k, const char *v, bool comma)
{
	fprintf(f, "\"%s\": ", k);
	json_string(f, v);
	if (comma)
		fputs(", ", f);
}

static void write_case(FILE *f, const struct case_entry *c)
{
	const struct tcase *tc = c->tc;
	const struct case_result *r = c->res;
	fputs("    {", f);
	kv_str(f, "id", tc->id, true);
	kv_str(f, "file", tc->file->path, true);
	fprintf(f, "\"line\": %d, ", tc->line);
	kv_str(f, "family", tc->file->family, true);
	kv_str(f, "doc", tc->doc, true);
	kv_str(f, "what", tc->what, true);
	kv_str(f, "status", status_name(r->status), true);
	kv_str(f, "reason", r->reason, true);
	kv_str(f, "xfail", tc->xfail, true);
	fprintf(f, "\"duration\": %.6f, ", r->duration);
	fprintf(f, "\"signal\": %d, ", r->signal);
	fputs("\"modules\": [", f);
	for (const char *m = r->modules; m && *m; ) {
		size_t n = strcspn(m, " ");
		char *one = strndup(m, n);
		if (m != r->modules)
			fputs(", ", f);
		json_string(f, one);
		free(one);
		m += n + (m[n] == ' ');
	}
	fputs("], ", f);
	if (r->step_line && r->status != ST_PASS && r->status != ST_SKIP) {
		fputs("\"step\": {", f);
		fprintf(f, "\"line\": %d, ", r->step_line);
		kv_str(f, "call", r->step_text, true);
		kv_str(f, "expected", r->expected, true);
		kv_str(f, "actual", r->actual, false);
		fputs("}", f);
	} else {
		fputs("\"step\": null", f);
	}
	fputs("}", f);
}

/* "config": {"CONFIG_X": "m", "CONFIG_Y": null} (null: not set), or null without a config. */
static void write_config(FILE *f, const struct run_meta *m)
{
	fputs("\"config\": ", f);
	if (!m->ki->config_source[0]) {
		fputs("null", f);
		return;
	}
	fputs("{", f);
	for (size_t i = 0; i < m->nconfig_syms; i++) {
		if (i)
			fputs(", ", f);
		json_string(f, m->config_syms[i]);
		fputs(": ", f);
		json_string(f, kconfig_get(m->ki, m->config_syms[i]));
	}
	fputs("}", f);
}

static void write_probes(FILE *f, const struct run_meta *m)
{
	fputs("\"probes\": ", f);
	if (!m->probes) {
		fputs("null,\n  ", f);
		return;
	}
	fputs("[", f);
	for (size_t i = 0; i < m->nprobes; i++) {
		fputs(i ? ",\n    {" : "\n    {", f);
		kv_str(f, "probe", m->probes[i]->text, true);
		kv_str(f, "result", probe_outcome_name(m->probe_results[i].outcome), true);
		kv_str(f, "detail", m->probe_results[i].detail[0] ? m->probe_results[i].detail : NULL,
		       false);
		fputs("}", f);
	}
	fputs(m->nprobes ? "\n  ],\n  " : "],\n  ", f);
}

int json_write(FILE *f, const struct run_report *r)
{
	const struct run_meta *m = r->m;
	struct casefile *const *files = r->files;
	size_t nfiles = r->nfiles, ncases = r->ncases;
	const struct case_entry *cases = r->cases;
	const struct kinfo *ki = m->ki;
	fprintf(f, "{\n  \"schema\": %d,\n  ", JSON_SCHEMA);
	kv_str(f, "sockspec_version", SOCKSPEC_VERSION, true);
	kv_str(f, "sockspec_commit", SOCKSPEC_COMMIT, true);
	kv_str(f, "mode", m->mode, false);
	fputs(",\n  \"kernel\": {", f);
	kv_str(f, "release", ki->release, true);
	kv_str(f, "version", ki->version, true);
	kv_str(f, "machine", ki->machine, true);
	kv_str(f, "config_source", ki->config_source[0] ? ki->config_source : NULL, true);
	write_config(f, m);
	fputs("},\n  ", f);
	write_probes(f, m);
	kv_str(f, "started", m->started, true);
	fprintf(f, "\"duration\": %.3f, \"jobs\": %d, \"timeout\": %g, \"privileged\": %s, "
		"\"exit_code\": %d, ", m->duration, m->jobs, m->timeout,
		m->host_root ? "true" : "false", m->exit_code);
	/* null for a complete run; else the signal that stopped it, as SIGINT */
	fputs("\"interrupted\": ", f);
	if (m->interrupted)
		fprintf(f, "\"SIG%s\"", m->interrupted);
	else
		fputs("null", f);
	fputs(",\n", f);
	const int *n = m->totals.n;
	fprintf(f, "  \"totals\": {\"pass\": %d, \"fail\": %d, \"skip\": %d, \"xfail\": %d, "
		"\"xpass\": %d, \"timeout\": %d, \"error\": %d},\n", n[ST_PASS], n[ST_FAIL],
		n[ST_SKIP], n[ST_XFAIL], n[ST_XPASS], n[ST_TIMEOUT], n[ST_ERROR]);
	fputs("  \"files\": [\n", f);
	for (size_t i = 0; i < nfiles; i++) {
		fputs("    {", f);
		kv_str(f, "path", files[i]->path, true);
		kv_str(f, "name", files[i]->name, true);
		kv_str(f, "family", files[i]->family, true);
		kv_str(f, "errors", files[i]->errors, false);
		fprintf(f, "}%s\n", i + 1 < nfiles ? "," : "");
	}
	fputs("  ],\n  \"cases\": [\n", f);
	for (size_t i = 0; i < ncases; i++) {
		write_case(f, &cases[i]);
		fprintf(f, "%s\n", i + 1 < ncases ? "," : "");
	}
	fputs("  ]\n}\n", f);
	return ferror(f) ? -1 : 0;
}

const struct sink_format sink_json = { "JSON", "--json", json_write };
