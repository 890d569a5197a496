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
#include "docs/doctargets.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* Deeper object nesting than this is not real documentation; ignore it. */
#define MAX_DEPTH 64

struct rline {
	const char *s;		/* whole line, trailing whitespace removed */
	const char *body;	/* first non-blank character */
	int indent;		/* column of BODY, tabs expanded to 8 */
};

/* A target before merging; SEQ keeps the merge deterministic. */
struct raw_target {
	struct doc_target t;
	int noindex;		/* from a ":noindex:" signature: no target of its own */
	size_t seq;
};

/* An object directive whose indented body we may still be inside. */
struct open_obj {
	int indent;
	size_t first, count;	/* its targets: raw[first .. first+count) */
	char *cls;		/* class/exception: its name without module */
	int has_avail;
};

struct parser {
	struct rline *ln;
	size_t nln;
	struct raw_target *raw;
	size_t nraw, cap;
	char *module;		/* from ".. module::"/".. currentmodule::" */
	struct open_obj stack[MAX_DEPTH];
	int depth;
	long last_plain;	/* raw index of the last label/section, or -1 */
	int skip_indent;	/* >= 0: inside a literal block/comment deeper than this */
	long item_line;		/* line of the column-0 list item we are in, or -1 */
	struct doc_note *notes;	/* every availability note, in document order */
	size_t nnotes, notes_cap;
	int err;		/* errno of the first failure */
};

/* ---- small string helpers ---------------------------------------------- */

static char *dup_n(struct parser *p, const char *s, size_t n)
{
	char *d = strndup(s, n);

	if (!d && !p->err)
		p->err = ENOMEM;
	return d;
}

static char *dup_s(struct parser *p, const char *s)
{
	return dup_n(p, s, strlen(s));
}

/* Concatenate up to three strings (NULLs skipped) into a new one. */
static char *join3(struct parser *p, const char *a, const char *b, const char *c)
{
	size_t la = a ? strlen(a) : 0, lb = b ? strlen(b) : 0, lc = c ? strlen(c) : 0;
	char *d = malloc(la + lb + lc + 1);

	if (!d) {
		if (!p->err)
			p->err = ENOMEM;
		return NULL;
	}
	memcpy(d, a ? a : "", la);
	memcpy(d + la, b ? b : "", lb);
	memcpy(d + la + lb, c ? c : "", lc);
	d[la + lb + lc] = '\0';
	return d;
}

static int is_alnum(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

static int starts_with(const char *s, const char *prefix)
{
	return strncmp(s, prefix, strlen(prefix)) == 0;
}

/* ---- lines --------------------------------------------------------------- */

static int column_of(const char *s, const char **body)
{
	int col = 0;

	for (; *s == ' ' || *s == '\t' || *s == '\f' || *s == '\v'; s++)
		col = *s == '\t' ? (col / 8 + 1) * 8 : col + 1;
	*body = s;
	return col;
}

/* Cut BUF (writable, NUL-terminated) into lines in place. */
static int split_lines(struct parser *p, char *buf)
{
	size_t n = 1, i = 0;
	char *s;

	for (s = buf; *s; s++)
		n += *s == '\n';
	p->ln = calloc(n, sizeof(*p->ln));
	if (!p->ln)
		return -1;
	for (s = buf; s; i++) {
		char *nl = strchr(s, '\n'), *end;

		if (nl)
			*nl = '\0';
		end = s + strlen(s);
		while (end > s && (end[-1] == ' ' || end[-1] == '\t' || end[-1] == '\r' ||
				   end[-1] == '\f' || end[-1] == '\v'))
			*--end = '\0';
		p->ln[i].s = s;
		p->ln[i].indent = column_of(s, &p->ln[i].body);
		s = nl ? nl + 1 : NULL;
	}
	p->nln = i;
	return 0;
}

static int is_blank(const struct parser *p, size_t i)
{
	return i >= p->nln || p->ln[i].body[0] == '\0';
}

/* ---- targets ------------------------------------------------------------- */

/* Append a target; takes ownership of NAME.  Its raw index, or -1. */
static long add_target(struct parser *p, char *name, enum doc_kind kind,
		       const char *directive, size_t line, int noindex)
{
	struct raw_target *r;

	if (!name)
		return -1;
	if (p->nraw == p->cap) {
		size_t cap = p->cap ? p->cap * 2 : 256;
		struct raw_target *nr = realloc(p->raw, cap * sizeof(*nr));

		if (!nr) {
			free(name);
			p->err = ENOMEM;
			return -1;
		}
		p->raw = nr;
		p->cap = cap;
	}
	r = &p->raw[p->nraw];
	memset(r, 0, sizeof(*r));
	r->t.name = name;
	r->t.kind = kind;
	r->t.directive = dup_s(p, directive);
	r->t.line = (int)(line + 1);
	r->noindex = noindex;
	r->seq = p->nraw;
	return (long)p->nraw++;
}

/* ---- section titles ------------------------------------------------------ */

/* "=====" and the like at column 0: one repeated punctuation character. */
static size_t adornment_len(const struct rline *l)
{
	const char *s = l->s;
	size_t n;

	if (l->indent != 0 || !*s || !strchr("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~", *s))
		return 0;
	for (n = 0; s[n] == s[0]; n++)
		;
	return s[n] ? 0 : n;
}

/* Characters, not bytes, so a UTF-8 title needs no longer underline. */
static size_t utf8_len(const char *s)
{
	size_t n = 0;

	for (; *s; s++)
		n += ((unsigned char)*s & 0xc0) != 0x80;
	return n;
}

/*
 * If S[i] begins an interpreted-text role (":mod:`", ":py:func:`"), the
 * length of the ":role:" part, which docutils does not render; else 0.
 */
static size_t role_len(const char *s)
{
	size_t n = 1;

	if (s[0] != ':')
		return 0;
	/* s[n] tested first: strchr() would match the terminating NUL. */
	while (is_alnum((unsigned char)s[n]) || (s[n] && strchr("_:.+-", s[n])))
		n++;
	if (n < 3 || s[n] != '`' || s[n - 1] != ':')
		return 0;
	return n;
}

/*
 * docutils' make_id() on the title's text: lowercase, non-ASCII dropped,
 * runs of anything else non-alphanumeric become one '-', leading digits and
 * hyphens and trailing hyphens trimmed.  NULL if nothing is left (docutils
 * then invents "id1"-style ids nobody can cite).
 */
static char *section_id(struct parser *p, const char *title)
{
	char *id = malloc(strlen(title) + 1), *w = id;
	int pending_dash = 0;

	if (!id) {
		p->err = ENOMEM;
		return NULL;
	}
	while (*title) {
		unsigned char c = (unsigned char)*title;
		size_t skip = role_len(title);

		if (skip) {
			title += skip;
			continue;
		}
		title++;
		if (c >= 0x80)
			continue;
		if (is_alnum(c)) {
			/* Leading digits are not allowed: drop them until a letter. */
			if (w == id && c >= '0' && c <= '9')
				continue;
			if (pending_dash && w != id)
				*w++ = '-';
			pending_dash = 0;
			*w++ = (char)(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
		} else {
			pending_dash = 1;
		}
	}
	*w = '\0';
	if (w == id) {
		free(id);
		return NULL;
	}
	return id;
}

static void add_section(struct parser *p, const char *title, size_t line)
{
	long idx = add_target(p, section_id(p, title), DOC_SECTION, "section", line, 0);

	if (idx >= 0)
		p->last_plain = idx;
}

/*
 * A section title at line I: "Title" + underline, or overline + "Title" +
 * underline.  Returns how many extra lines the title used (1 or 2), else 0.
 */
static size_t try_section(struct parser *p, size_t i)
{
	const struct rline *l = &p->ln[i];
	size_t over, under;

	/* A title starts a new block: a blank line (or nothing) precedes it. */
	if (i > 0 && !is_blank(p, i - 1))
		return 0;
	over = adornment_len(l);
	if (over && i + 2 < p->nln && !is_blank(p, i + 1) &&
	    adornment_len(&p->ln[i + 2]) == over && p->ln[i + 2].s[0] == l->s[0] &&
	    utf8_len(p->ln[i + 1].body) <= over) {
		add_section(p, p->ln[i + 1].body, i + 1);
		return 2;
	}
	if (l->indent != 0 || over || i + 1 >= p->nln)
		return 0;
	under = adornment_len(&p->ln[i + 1]);
	if (!under || under < utf8_len(l->s))
		return 0;
	add_section(p, l->s, i);
	return 1;
}

/* ---- labels -------------------------------------------------------------- */

/*
 * ".. _name:" at line I (BODY points past ".. _").  Sphinx matches labels
 * case-insensitively with whitespace collapsed, so store them that way.
 * ".. _name: URL" (or a URL on the next, indented line) is an external
 * hyperlink, not something :ref: can name.
 */
static void handle_label(struct parser *p, size_t i, const char *body)
{
	const char *name = body, *end, *rest;
	char *norm, *w;
	int space = 0;
	long idx;

	if (*name == '`') {
		name++;
		end = strchr(name, '`');
		if (!end || end[1] != ':')
			return;
		rest = end + 2;
	} else {
		for (end = name; *end; end++)
			if (*end == ':' && (end[1] == '\0' || end[1] == ' ' || end[1] == '\t'))
				break;
		if (!*end)
			return;
		rest = end + 1;
	}
	while (*rest == ' ' || *rest == '\t')
		rest++;
	if (*rest || end == name || (end == name + 1 && *name == '_'))
		return;	/* external target, or anonymous "__" */
	if (!is_blank(p, i + 1) && p->ln[i + 1].indent > p->ln[i].indent)
		return;

	norm = w = malloc((size_t)(end - name) + 1);
	if (!norm) {
		p->err = ENOMEM;
		return;
	}
	for (; name < end; name++) {
		char c = *name;

		if (c == ' ' || c == '\t') {
			space = 1;
			continue;
		}
		if (space && w != norm)
			*w++ = ' ';
		space = 0;
		*w++ = (char)(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
	}
	*w = '\0';
	idx = add_target(p, norm, DOC_LABEL, "label", i, 0);
	if (idx >= 0)
		p->last_plain = idx;
}

/* ---- object directives --------------------------------------------------- */

static const char *const object_directives[] = {
	"data", "function", "class", "exception", "method", "attribute",
	"classmethod", "staticmethod", "property", "decorator", "decoratormethod",
	NULL
};

static int is_object_directive(const char *name)
{
	int k;

	for (k = 0; object_directives[k]; k++)
		if (strcmp(name, object_directives[k]) == 0)
			return 1;
	return 0;
}

static int is_classlike(const char *name)
{
	return strcmp(name, "class") == 0 || strcmp(name, "exception") == 0;
}

/*
 * The dotted name a signature starts with: "socket.accept" of
 * "socket.accept()", "SO_*" of "SO_*".  Wildcards are kept, as the
 * documentation cites them that way.
 */
static size_t signature_name(const char *sig)
{
	size_t n = 0;

	while (is_alnum((unsigned char)sig[n]) || (unsigned char)sig[n] >= 0x80 ||
	       sig[n] == '_' || sig[n] == '.' || sig[n] == '*')
		n++;
	while (n && sig[n - 1] == '.')
		n--;
	return n;
}

/* The class whose body we are in (innermost), or NULL. */
static const char *current_class(const struct parser *p)
{
	int d;

	for (d = p->depth - 1; d >= 0; d--)
		if (p->stack[d].cls)
			return p->stack[d].cls;
	return NULL;
}

/*
 * Sphinx's naming: inside a class body, a name not already qualified with
 * that class gets it prepended; then the current module is prepended.
 * Returns the name without module in *LOCAL (for class context) and the
 * full target name.
 */
static char *qualify(struct parser *p, const char *sig, size_t n, char **local)
{
	const char *cls = current_class(p);
	size_t cl = cls ? strlen(cls) : 0;
	char *name = dup_n(p, sig, n), *full;

	*local = NULL;
	if (!name)
		return NULL;
	if (cls && !(strncmp(name, cls, cl) == 0 && name[cl] == '.')) {
		char *q = join3(p, cls, ".", name);

		free(name);
		name = q;
		if (!name)
			return NULL;
	}
	full = p->module ? join3(p, p->module, ".", name) : dup_s(p, name);
	if (!full) {
		free(name);
		return NULL;
	}
	*local = name;
	return full;
}

/*
 * Does the directive at line I carry ":noindex:"?  Options are the
 * contiguous ":field:" lines right after the signature lines.
 */
static int has_noindex(const struct parser *p, size_t i, size_t last_sig)
{
	size_t j;

	for (j = last_sig + 1; !is_blank(p, j) && p->ln[j].indent > p->ln[i].indent &&
	     p->ln[j].body[0] == ':'; j++)
		if (starts_with(p->ln[j].body, ":noindex:") ||
		    starts_with(p->ln[j].body, ":no-index:"))
			return 1;
	return 0;
}

/*
 * The signature lines of the directive at line I: the argument on the
 * directive line, then the following non-blank, more-indented lines up to
 * the first option (":noindex:").  Returns the index of the last one.
 */
static size_t last_signature_line(const struct parser *p, size_t i)
{
	size_t j = i;

	while (!is_blank(p, j + 1) && p->ln[j + 1].indent > p->ln[i].indent &&
	       p->ln[j + 1].body[0] != ':')
		j++;
	return j;
}

static void push_object(struct parser *p, int indent, size_t first, char *cls)
{
	struct open_obj *o;

	if (p->depth >= MAX_DEPTH) {
		free(cls);
		return;
	}
	o = &p->stack[p->depth++];
	o->indent = indent;
	o->first = first;
	o->count = p->nraw - first;
	o->cls = cls;
	o->has_avail = 0;
}

/*
 * ".. data:: AF_UNIX" (ARG is the text after "::") plus its continuation
 * signatures.  Returns the last line the directive header used.
 */
static size_t handle_object(struct parser *p, size_t i, const char *dir, const char *arg)
{
	size_t last = last_signature_line(p, i), first = p->nraw, j;
	int noindex = has_noindex(p, i, last), continued = 0;
	char *cls = NULL;

	for (j = i; j <= last; j++) {
		const char *sig = j == i ? arg : p->ln[j].body;
		size_t len = strlen(sig), n;
		int was_continued = continued;

		/* "...\" joins the next line: that line starts no new signature. */
		continued = len && sig[len - 1] == '\\';
		if (was_continued)
			continue;
		n = signature_name(sig);
		if (n) {
			char *local, *full = qualify(p, sig, n, &local);

			if (!full)
				continue;
			if (is_classlike(dir) && !cls)
				cls = local;
			else
				free(local);
			add_target(p, full, DOC_OBJECT, dir, j, noindex);
		}
	}
	push_object(p, p->ln[i].indent, first, cls);
	return last;
}

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
		while (j + 1 < p->nln && (is_blank(p, j + 1) ||
		       (p->ln[j + 1].indent > base && p->ln[j + 1].body[0] == ':')))
			j++;
	}
	while (!is_blank(p, j + 1) && p->ln[j + 1].indent > base &&
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

	for (i = item; i < p->nln && !is_blank(p, i); i++) {
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
				char *bare = dup_n(p, name, (size_t)(end - name)), *full;

				full = join3(p, p->module, ".", bare);
				free(bare);
				return full;
			}
			return dup_n(p, name, (size_t)(end - name));
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
	nt->text = dup_s(p, text);
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
			if ((subj[n] = dup_s(p, p->raw[k].t.name)))
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
		subj[0] = dup_s(p, p->raw[p->last_plain].t.name);
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
					p->raw[k].t.availability = dup_s(p, text);
		}
	} else if (indent == 0 && p->last_plain >= 0) {
		struct doc_target *t = &p->raw[p->last_plain].t;

		if (!t->availability)
			t->availability = dup_s(p, text);
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
			p->raw[k].t.availability = dup_s(p, v);
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
		handle_label(p, i, s + 1);
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
	if (starts_with(name, "py:"))
		memmove(name, name + 3, strlen(name + 3) + 1);

	if (strcmp(name, "module") == 0 || strcmp(name, "currentmodule") == 0) {
		size_t len = signature_name(arg);

		free(p->module);
		p->module = NULL;
		if (len && !(len == 4 && strncmp(arg, "None", 4) == 0))
			p->module = dup_n(p, arg, len);
		return i;
	}
	if (is_object_directive(name))
		return handle_object(p, i, name, arg);
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

	if (len >= 2 && l->body[len - 2] == ':' && l->body[len - 1] == ':' && is_blank(p, i + 1))
		p->skip_indent = l->indent + marker_width(l->body);
}

/* ---- driver -------------------------------------------------------------- */

static void close_blocks(struct parser *p, int indent)
{
	while (p->depth > 0 && p->stack[p->depth - 1].indent >= indent) {
		p->depth--;
		free(p->stack[p->depth].cls);
		p->stack[p->depth].cls = NULL;
	}
}

static void scan(struct parser *p)
{
	size_t i;

	for (i = 0; i < p->nln && !p->err; i++) {
		const struct rline *l = &p->ln[i];
		size_t n;

		if (is_blank(p, i))
			continue;
		if (p->skip_indent >= 0) {
			if (l->indent > p->skip_indent)
				continue;
			p->skip_indent = -1;
		}
		close_blocks(p, l->indent);
		if (l->indent == 0)	/* a column-0 list item starts, anything else ends it */
			p->item_line = marker_width(l->body) ? (long)i : -1;
		if (l->body[0] == '.' && l->body[1] == '.' &&
		    (l->body[2] == ' ' || l->body[2] == '\t' || l->body[2] == '\0')) {
			i = handle_explicit(p, i);
			continue;
		}
		if (starts_with(l->body, ":platform:")) {
			attach_platform(p, l->body);
			continue;
		}
		n = try_section(p, i);
		if (n) {
			i += n;
			continue;
		}
		check_literal_intro(p, i);
	}
}

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

	close_blocks(p, -1);
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
	if (split_lines(&p, buf) < 0)
		goto out;
	scan(&p);
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
static char *read_file(const char *path, size_t *len)
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
	buf = read_file(path, &len);
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
