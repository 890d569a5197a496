// SPDX-License-Identifier: MIT
/* Lines, section titles, labels and object directives of a reST document (rst.h). */
#define _GNU_SOURCE
#include "docs/rst.h"
#include "util/util.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* ---- small string helpers ---------------------------------------------- */

char *rst_dup_n(struct parser *p, const char *s, size_t n)
{
	char *d = strndup(s, n);

	if (!d && !p->err)
		p->err = ENOMEM;
	return d;
}

char *rst_dup_s(struct parser *p, const char *s)
{
	return rst_dup_n(p, s, strlen(s));
}

/* Concatenate up to three strings (NULLs skipped) into a new one. */
char *rst_join3(struct parser *p, const char *a, const char *b, const char *c)
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

int rst_starts_with(const char *s, const char *prefix)
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
int rst_split_lines(struct parser *p, char *buf)
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

int rst_is_blank(const struct parser *p, size_t i)
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
	r->t.directive = rst_dup_s(p, directive);
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
size_t rst_try_section(struct parser *p, size_t i)
{
	const struct rline *l = &p->ln[i];
	size_t over, under;

	/* A title starts a new block: a blank line (or nothing) precedes it. */
	if (i > 0 && !rst_is_blank(p, i - 1))
		return 0;
	over = adornment_len(l);
	if (over && i + 2 < p->nln && !rst_is_blank(p, i + 1) &&
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
void rst_handle_label(struct parser *p, size_t i, const char *body)
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
	if (!rst_is_blank(p, i + 1) && p->ln[i + 1].indent > p->ln[i].indent)
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

int rst_is_object_directive(const char *name)
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
size_t rst_signature_name(const char *sig)
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
	char *name = rst_dup_n(p, sig, n), *full;

	*local = NULL;
	if (!name)
		return NULL;
	if (cls && !(strncmp(name, cls, cl) == 0 && name[cl] == '.')) {
		char *q = rst_join3(p, cls, ".", name);

		free(name);
		name = q;
		if (!name)
			return NULL;
	}
	full = p->module ? rst_join3(p, p->module, ".", name) : rst_dup_s(p, name);
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

	for (j = last_sig + 1; !rst_is_blank(p, j) && p->ln[j].indent > p->ln[i].indent &&
	     p->ln[j].body[0] == ':'; j++)
		if (rst_starts_with(p->ln[j].body, ":noindex:") ||
		    rst_starts_with(p->ln[j].body, ":no-index:"))
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

	while (!rst_is_blank(p, j + 1) && p->ln[j + 1].indent > p->ln[i].indent &&
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
size_t rst_handle_object(struct parser *p, size_t i, const char *dir, const char *arg)
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
		n = rst_signature_name(sig);
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
