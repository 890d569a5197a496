/* SPDX-License-Identifier: MIT */
/*
 * The cross-reference targets of a Sphinx reStructuredText document.
 *
 * This is a line-oriented reader, not a docutils implementation: it knows
 * just enough reST to find explicit labels, section titles, Python-domain
 * object directives (and the first availability note inside each), and to
 * step over literal blocks and comments whose contents are not markup.
 *
 * Targets are collected raw (one per signature, duplicates included), then
 * sorted and merged so each name appears once; the final array is sorted by
 * name (strcmp order), which doc_index_find() relies on.
 */
#define _GNU_SOURCE
#include "docs/rst.h"
#include "util/util.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* ---- merging ------------------------------------------------------------- */

static int raw_cmp(const void *a, const void *b)
{
	const struct raw_target *x = a, *y = b;
	int c = strcmp(x->t.name, y->t.name);

	if (c)
		return c;
	return (x->seq > y->seq) - (x->seq < y->seq);
}

static void free_target(struct doc_target *t)
{
	free(t->name);
	free(t->directive);
	free(t->availability);
}

/*
 * One target per name: the first indexed occurrence in document order
 * gives kind, directive and line; the first availability among all
 * occurrences (":noindex:" ones too: setsockopt's body follows its last,
 * unindexed signature) is kept.  A name seen only with ":noindex:" has no
 * target in Sphinx either, so it is dropped.
 */
static int merge(struct parser *p, struct doc_index *di)
{
	size_t i = 0, j, out = 0;
	struct doc_target *t;

	if (p->nraw > 1)	/* qsort(NULL, 0) is undefined */
		qsort(p->raw, p->nraw, sizeof(*p->raw), raw_cmp);
	t = calloc(p->nraw ? p->nraw : 1, sizeof(*t));
	if (!t)
		return -1;
	while (i < p->nraw) {
		struct raw_target *keep = NULL;
		char *avail = NULL;

		for (j = i; j < p->nraw && strcmp(p->raw[j].t.name, p->raw[i].t.name) == 0; j++) {
			if (!keep && !p->raw[j].noindex)
				keep = &p->raw[j];
			if (!avail && p->raw[j].t.availability) {
				avail = p->raw[j].t.availability;
				p->raw[j].t.availability = NULL;
			}
		}
		if (keep) {
			t[out] = keep->t;
			free(t[out].availability);
			t[out].availability = avail;
			memset(&keep->t, 0, sizeof(keep->t));
			out++;
		} else {
			free(avail);
		}
		for (; i < j; i++)
			free_target(&p->raw[i].t);
	}
	p->nraw = 0;
	di->targets = t;
	di->n = out;
	return 0;
}

static void free_notes(struct doc_note *notes, size_t n)
{
	size_t i, k;

	for (i = 0; i < n; i++) {
		free(notes[i].text);
		for (k = 0; k < notes[i].nsubjects; k++)
			free(notes[i].subjects[k]);
		free(notes[i].subjects);
	}
	free(notes);
}

static void parser_free(struct parser *p)
{
	size_t i;

	rst_close_blocks(p, -1);
	for (i = 0; i < p->nraw; i++)
		free_target(&p->raw[i].t);
	free(p->raw);
	free(p->ln);
	free(p->module);
	free_notes(p->notes, p->nnotes);
}

/* Parse LEN bytes of TEXT; NUL bytes (binary junk) are read as spaces. */
static int parse_buf(struct doc_index *di, const char *text, size_t len, const char *path)
{
	struct parser p;
	char *buf;
	size_t i;
	int rc = -1;

	memset(di, 0, sizeof(*di));
	memset(&p, 0, sizeof(p));
	p.last_plain = -1;
	p.skip_indent = -1;
	p.item_line = -1;
	buf = malloc(len + 1);
	if (!buf)
		return -1;
	for (i = 0; i < len; i++)
		buf[i] = text[i] ? text[i] : ' ';
	buf[len] = '\0';
	if (path && !(di->path = strdup(path)))
		goto out;
	if (rst_split_lines(&p, buf) < 0)
		goto out;
	rst_scan(&p);
	if (p.err)
		goto out;
	rc = merge(&p, di);
	if (rc == 0) {
		di->notes = p.notes;
		di->nnotes = p.nnotes;
		p.notes = NULL;
		p.nnotes = 0;
	}
out:
	parser_free(&p);
	free(buf);
	if (rc < 0) {
		int e = p.err ? p.err : errno ? errno : ENOMEM;

		doc_index_free(di);
		errno = e;
	}
	return rc;
}

int doc_index_parse(struct doc_index *di, const char *text, const char *path)
{
	if (!di || !text) {
		if (di)
			memset(di, 0, sizeof(*di));
		errno = EINVAL;
		return -1;
	}
	return parse_buf(di, text, strlen(text), path);
}

/* Read all of PATH; NULL with errno set on failure. */
static char *read_doc(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	size_t cap = 64 * 1024, n = 0;
	char *buf = NULL;

	if (!f)
		return NULL;
	for (;;) {
		size_t got;

		if (!buf || n == cap) {
			char *nb;

			if (buf)
				cap *= 2;
			nb = realloc(buf, cap);
			if (!nb)
				goto fail;
			buf = nb;
		}
		got = fread(buf + n, 1, cap - n, f);
		n += got;
		if (got == 0) {
			if (ferror(f))
				goto fail;
			break;
		}
	}
	fclose(f);
	*len = n;
	return buf;
fail:
	{
		int e = errno ? errno : EIO;

		free(buf);
		fclose(f);
		errno = e;
	}
	return NULL;
}

int doc_index_load(struct doc_index *di, const char *path)
{
	size_t len;
	char *buf;
	int rc;

	if (!di || !path) {
		if (di)
			memset(di, 0, sizeof(*di));
		errno = EINVAL;
		return -1;
	}
	memset(di, 0, sizeof(*di));
	buf = read_doc(path, &len);
	if (!buf)
		return -1;
	rc = parse_buf(di, buf, len, path);
	free(buf);
	return rc;
}

static int target_name_cmp(const void *key, const void *elem)
{
	return strcmp(key, ((const struct doc_target *)elem)->name);
}

const struct doc_target *doc_index_find(const struct doc_index *di, const char *name)
{
	if (!di || !name || !di->targets)
		return NULL;
	return bsearch(name, di->targets, di->n, sizeof(*di->targets), target_name_cmp);
}

void doc_index_free(struct doc_index *di)
{
	size_t i;

	if (!di)
		return;
	for (i = 0; i < di->n; i++)
		free_target(&di->targets[i]);
	free(di->targets);
	free(di->path);
	free_notes(di->notes, di->nnotes);
	memset(di, 0, sizeof(*di));
}
