// SPDX-License-Identifier: MIT
/* Availability notes, explicit markup and literal blocks; the scan of a document (rst.h). */
#define _GNU_SOURCE
#include "docs/rst.h"
#include "util/util.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* ---- availability -------------------------------------------------------- */

/* Append WORDS to the growing text *BUF, collapsing whitespace. */
static void append_words(struct parser *p, char **buf, size_t *len, const char *words)
{
	size_t add = strlen(words);
	char *nb = realloc(*buf, *len + add + 2);
	int space = *len > 0;

	if (!nb) {
		p->err = ENOMEM;
		return;
	}
	*buf = nb;
	for (; *words; words++) {
		if (*words == ' ' || *words == '\t') {
			space = *len > 0;
			continue;
		}
		if (space)
			nb[(*len)++] = ' ';
		space = 0;
		nb[(*len)++] = *words;
	}
	nb[*len] = '\0';
}

/*
 * The note of ".. availability:: ARG" at line I: the argument with any
 * wrapped continuation lines, or, when the argument is empty, the first
 * paragraph of its content.  *LAST gets the last line used.
 */
static char *availability_text(struct parser *p, size_t i, const char *arg, size_t *last)
{
	size_t j = i, len = 0;
	char *buf = NULL;
	int base = p->ln[i].indent;

	append_words(p, &buf, &len, arg);
	if (!*arg) {
		/* Skip blank lines and options to the first content line. */
		while (j + 1 < p->nln && (rst_is_blank(p, j + 1) ||
		       (p->ln[j + 1].indent > base && p->ln[j + 1].body[0] == ':')))
			j++;
	}
	while (!rst_is_blank(p, j + 1) && p->ln[j + 1].indent > base &&
	       p->ln[j + 1].body[0] != ':') {
		j++;
		append_words(p, &buf, &len, p->ln[j].body);
	}
	if (!len) {
		free(buf);
		return NULL;
	}
	/*
	 * Content paragraphs are still scanned (they may hold more markup),
	 * so only the argument's own continuation lines count as used.
	 */
	*last = *arg ? j : i;
	return buf;
}

/*
 * The first :const:/:data:/:class:/:func: reference in the list item that
 * starts at line ITEM (up to its first blank line), qualified with the
 * module: "socket.AF_VSOCK" for "- :const:`AF_VSOCK` allows ...".
 */
static char *item_subject(struct parser *p, size_t item)
{
	static const char *const roles[] = { ":const:`", ":data:`", ":class:`", ":func:`", NULL };
	size_t i;

	for (i = item; i < p->nln && !rst_is_blank(p, i); i++) {
		const char *best = NULL;
		size_t skip = 0;
		int k;

		for (k = 0; roles[k]; k++) {
			const char *r = strstr(p->ln[i].body, roles[k]);

			if (r && (!best || r < best)) {
				best = r;
				skip = strlen(roles[k]);
			}
		}
		if (best) {
			const char *name = best + skip, *lt, *end;

			end = strchr(name, '`');
			if (!end)
				return NULL;
			lt = memchr(name, '<', (size_t)(end - name));
			if (lt && end[-1] == '>') {	/* "text <target>" */
				name = lt + 1;
				end--;
			}
			while (name < end && (*name == '~' || *name == '!' || *name == '.'))
				name++;
			if (name == end)
				return NULL;
			if (p->module && !(strncmp(name, p->module, strlen(p->module)) == 0 &&
					   name[strlen(p->module)] == '.')) {
				char *bare = rst_dup_n(p, name, (size_t)(end - name)), *full;

				full = rst_join3(p, p->module, ".", bare);
				free(bare);
				return full;
			}
			return rst_dup_n(p, name, (size_t)(end - name));
		}
	}
	return NULL;
}

/* Append a note at line I with TEXT (copied) about SUBJECTS (taken). */
static void add_note(struct parser *p, size_t i, const char *text, enum doc_note_place place,
		     char **subjects, size_t n)
{
	struct doc_note *nt;
	size_t k;

	if (p->nnotes == p->notes_cap) {
		size_t cap = p->notes_cap ? p->notes_cap * 2 : 32;
		struct doc_note *nn = realloc(p->notes, cap * sizeof(*nn));

		if (!nn) {
			p->err = ENOMEM;
			goto drop;
		}
		p->notes = nn;
		p->notes_cap = cap;
	}
	nt = &p->notes[p->nnotes++];
	nt->line = (int)(i + 1);
	nt->text = rst_dup_s(p, text);
	nt->place = place;
	nt->subjects = subjects;
	nt->nsubjects = n;
	return;
drop:
	for (k = 0; k < n; k++)
		free(subjects[k]);
	free(subjects);
}

/* The note at line I in the list of all notes, with what it is about. */
static void record_note(struct parser *p, size_t i, int indent, const char *text)
{
	char **subj = NULL;
	size_t n = 0, k;

	if (p->depth > 0) {
		const struct open_obj *o = &p->stack[p->depth - 1];

		subj = calloc(o->count + 1, sizeof(*subj));
		if (!subj) {
			p->err = ENOMEM;
			return;
		}
		for (k = o->first; k < o->first + o->count; k++)
			if ((subj[n] = rst_dup_s(p, p->raw[k].t.name)))
				n++;
		add_note(p, i, text, NOTE_OBJECT, subj, n);
		return;
	}
	subj = calloc(2, sizeof(*subj));
	if (!subj) {
		p->err = ENOMEM;
		return;
	}
	if (indent > 0 && p->item_line >= 0) {
		subj[0] = item_subject(p, (size_t)p->item_line);
		add_note(p, i, text, NOTE_ITEM, subj, subj[0] ? 1 : 0);
	} else if (indent == 0 && p->last_plain >= 0) {
		subj[0] = rst_dup_s(p, p->raw[p->last_plain].t.name);
		add_note(p, i, text, NOTE_LABEL, subj, subj[0] ? 1 : 0);
	} else {
		add_note(p, i, text, NOTE_ITEM, subj, 0);
	}
}

/*
 * Give the note to the object whose body it is in (first note only), or,
 * for a note at column 0 outside any object, to the label/section it
 * follows.  Notes nested in lists or other blocks outside an object (the
 * "Socket families" bullets) describe a bullet, not a target: dropped
 * here, but kept in the list of all notes (record_note) with the bullet's
 * subject.
 */
static void attach_availability(struct parser *p, size_t line, int indent, char *text)
{
	size_t k;

	record_note(p, line, indent, text);
	if (p->depth > 0) {
		struct open_obj *o = &p->stack[p->depth - 1];

		if (!o->has_avail) {
			o->has_avail = 1;
			for (k = o->first; k < o->first + o->count; k++)
				if (!p->raw[k].t.availability)
					p->raw[k].t.availability = rst_dup_s(p, text);
		}
	} else if (indent == 0 && p->last_plain >= 0) {
		struct doc_target *t = &p->raw[p->last_plain].t;

		if (!t->availability)
			t->availability = rst_dup_s(p, text);
	}
	free(text);
}

/*
 * ":platform: Windows" in an object's body (the older spelling of an
 * availability note, kept by socket.ioctl): the object's availability when
 * it has no note of its own.  Not a ".. availability::" note, so it is not
 * recorded among the notes `sockspec availability` checks.
 */
static void attach_platform(struct parser *p, const char *body)
{
	const char *v = body + strlen(":platform:");
	while (*v == ' ' || *v == '\t')
		v++;
	if (p->depth == 0 || !*v)
		return;
	struct open_obj *o = &p->stack[p->depth - 1];
	if (o->has_avail)
		return;
	o->has_avail = 1;
	for (size_t k = o->first; k < o->first + o->count; k++)
		if (!p->raw[k].t.availability)
			p->raw[k].t.availability = rst_dup_s(p, v);
}

/* ---- explicit markup ----------------------------------------------------- */

/* Directives whose content is not reST, so nothing in it is a target. */
static int is_literal_directive(const char *name)
{
	static const char *const lit[] = {
		"code-block", "code", "sourcecode", "literalinclude", "doctest",
		"testcode", "testoutput", "testsetup", "testcleanup", "productionlist",
		"raw", "math", "highlight", "parsed-literal", "csv-table", NULL
	};
	int k;

	for (k = 0; lit[k]; k++)
		if (strcmp(name, lit[k]) == 0)
			return 1;
	return 0;
}

/*
 * An explicit markup line ".. something" at line I.  Returns the last line
 * it consumed.
 */
static size_t handle_explicit(struct parser *p, size_t i)
{
	const char *s = p->ln[i].body + 2, *colons, *arg;
	char name[64];
	size_t n;

	while (*s == ' ' || *s == '\t')
		s++;
	if (*s == '\0')
		return i;	/* ".." alone: an empty comment, consumes nothing */
	if (*s == '_') {
		rst_handle_label(p, i, s + 1);
		return i;
	}
	if (*s == '[' || *s == '|')
		return i;	/* footnote, citation, substitution: content is reST */

	colons = strstr(s, "::");
	n = colons ? (size_t)(colons - s) : 0;
	if (!colons || n == 0 || n >= sizeof(name) || strcspn(s, " \t") < n) {
		/* A comment: its indented block is not markup. */
		p->skip_indent = p->ln[i].indent;
		return i;
	}
	memcpy(name, s, n);
	name[n] = '\0';
	arg = colons + 2;
	while (*arg == ' ' || *arg == '\t')
		arg++;
	if (rst_starts_with(name, "py:"))
		memmove(name, name + 3, strlen(name + 3) + 1);

	if (strcmp(name, "module") == 0 || strcmp(name, "currentmodule") == 0) {
		size_t len = rst_signature_name(arg);

		free(p->module);
		p->module = NULL;
		if (len && !(len == 4 && strncmp(arg, "None", 4) == 0))
			p->module = rst_dup_n(p, arg, len);
		return i;
	}
	if (rst_is_object_directive(name))
		return rst_handle_object(p, i, name, arg);
	if (strcmp(name, "availability") == 0) {
		size_t last = i;
		char *text = availability_text(p, i, arg, &last);

		if (text)
			attach_availability(p, i, p->ln[i].indent, text);
		return last;
	}
	if (is_literal_directive(name))
		p->skip_indent = p->ln[i].indent;
	return i;
}

/* ---- literal blocks ------------------------------------------------------ */

/* Width of a list marker ("- ", "* ", "12. ", "#. ") at the start of S. */
static int marker_width(const char *s)
{
	int n = 0;

	if ((s[0] == '-' || s[0] == '*' || s[0] == '+') && s[1] == ' ')
		return 2;
	if (s[0] == '#')
		n = 1;
	else
		while (s[n] >= '0' && s[n] <= '9')
			n++;
	if (n && s[n] == '.' && s[n + 1] == ' ')
		return n + 2;
	return 0;
}

/*
 * A paragraph line ending in "::" followed by a blank line introduces a
 * literal block: everything indented deeper than the paragraph text.
 */
static void check_literal_intro(struct parser *p, size_t i)
{
	const struct rline *l = &p->ln[i];
	size_t len = strlen(l->body);

	if (len >= 2 && l->body[len - 2] == ':' && l->body[len - 1] == ':' && rst_is_blank(p, i + 1))
		p->skip_indent = l->indent + marker_width(l->body);
}

/* ---- driver -------------------------------------------------------------- */

void rst_close_blocks(struct parser *p, int indent)
{
	while (p->depth > 0 && p->stack[p->depth - 1].indent >= indent) {
		p->depth--;
		free(p->stack[p->depth].cls);
		p->stack[p->depth].cls = NULL;
	}
}

void rst_scan(struct parser *p)
{
	size_t i;

	for (i = 0; i < p->nln && !p->err; i++) {
		const struct rline *l = &p->ln[i];
		size_t n;

		if (rst_is_blank(p, i))
			continue;
		if (p->skip_indent >= 0) {
			if (l->indent > p->skip_indent)
				continue;
			p->skip_indent = -1;
		}
		rst_close_blocks(p, l->indent);
		if (l->indent == 0)	/* a column-0 list item starts, anything else ends it */
			p->item_line = marker_width(l->body) ? (long)i : -1;
		if (l->body[0] == '.' && l->body[1] == '.' &&
		    (l->body[2] == ' ' || l->body[2] == '\t' || l->body[2] == '\0')) {
			i = handle_explicit(p, i);
			continue;
		}
		if (rst_starts_with(l->body, ":platform:")) {
			attach_platform(p, l->body);
			continue;
		}
		n = rst_try_section(p, i);
		if (n) {
			i += n;
			continue;
		}
		check_literal_intro(p, i);
	}
}
