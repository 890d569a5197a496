// SPDX-License-Identifier: MIT
/* The parser state's helpers: errors with a caret, tokens, names (parse.h). */
#define _GNU_SOURCE
#include "lang/parse.h"
#include "util/util.h"

#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/*
 * A parse error quotes what it found, and a token can be a megabyte: each
 * quoted span of MSG longer than QUOTE_MAX bytes is cut, with a marker
 * that says how much was left out.
 */
#define QUOTE_MAX 64
#define LINE_WINDOW 80		/* bytes of the line shown either side of the column */

static void put_cut_message(struct sbuf *b, const char *msg)
{
	for (const char *m = msg; *m;) {
		const char *q = *m == '\'' ? strchr(m + 1, '\'') : NULL;
		if (!q) {
			sb_putc(b, *m++);
			continue;
		}
		size_t n = (size_t)(q - m - 1);
		if (n > QUOTE_MAX)
			sb_printf(b, "'%.*s'... (%zu more bytes)", QUOTE_MAX, m + 1, n - QUOTE_MAX);
		else
			sb_printf(b, "'%.*s'", (int)n, m + 1);
		m = q + 1;
	}
}

void perror_at(struct parser *p, int col, const char *fmt, ...)
{
	if (p->failed_line)
		return;
	p->failed_line = true;
	if (++p->cf->nerrors > MAX_ERRORS)
		return;
	va_list ap;
	va_start(ap, fmt);
	char *msg;
	if (vasprintf(&msg, fmt, ap) < 0)
		msg = NULL;
	va_end(ap);
	sb_printf(&p->err, "%s:%d:%d: error: ", p->cf->path, p->lineno, col);
	put_cut_message(&p->err, msg ? msg : "?");
	sb_putc(&p->err, '\n');
	free(msg);
	/*
	 * The line, tabs kept so the caret lines up under it; a long one as
	 * a window around the column, "..." where it was cut.
	 */
	size_t len = strlen(p->line), c = col > 0 ? (size_t)col - 1 : 0;
	size_t from = c > LINE_WINDOW ? c - LINE_WINDOW : 0;
	size_t to = len - from > 2 * LINE_WINDOW ? from + 2 * LINE_WINDOW : len;
	const char *pre = from ? "..." : "", *post = to < len ? "..." : "";
	sb_printf(&p->err, "  %s%.*s%s\n  %s", pre, (int)(to - from), p->line + from, post,
		  from ? "   " : "");
	for (size_t i = from; i < c && i < len; i++)
		sb_putc(&p->err, p->line[i] == '\t' ? '\t' : ' ');
	sb_puts(&p->err, "^\n");
}

bool expect(struct parser *p, enum tok_kind k)
{
	if (tok(p)->kind == k) {
		next(p);
		return true;
	}
	if (tok(p)->kind == T_ERROR)
		perror_at(p, tok(p)->col, "%s", tok(p)->str);
	else
		perror_at(p, tok(p)->col, "expected %s, found %s", tok_name(k),
			  tok_name(tok(p)->kind));
	return false;
}

bool tok_is(struct parser *p, const char *word)
{
	return tok(p)->kind == T_IDENT && tok(p)->len == strlen(word) &&
	       strncmp(tok(p)->start, word, tok(p)->len) == 0;
}

char *tok_text(struct parser *p)
{
	return xstrndup(tok(p)->start, tok(p)->len);
}

int handle_slot(const struct tcase *tc, const char *name)
{
	for (size_t i = 0; tc && i < tc->nhandles; i++)
		if (strcmp(tc->handles[i], name) == 0)
			return (int)i;
	return -1;
}

int handle_add(struct tcase *tc, const char *name)
{
	int s = handle_slot(tc, name);
	if (s >= 0)
		return s;
	tc->handles = xrealloc(tc->handles, (tc->nhandles + 1) * sizeof(char *));
	tc->handles[tc->nhandles] = xstrdup(name);
	return (int)tc->nhandles++;
}

int name_index(char **names, size_t n, const char *name)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(names[i], name) == 0)
			return (int)i;
	return -1;
}

int name_add(char ***names, size_t *n, const char *name)
{
	*names = xrealloc(*names, (*n + 1) * sizeof(char *));
	(*names)[*n] = xstrdup(name);
	return (int)(*n)++;
}

struct node *at(struct node *n, struct parser *p, int col)
{
	n->line = p->lineno;
	n->col = col;
	return n;
}


const char *rest_of_line(struct parser *p)
{
	const char *s = tok(p)->start;
	while (*s == ' ' || *s == '\t')
		s++;
	return s;
}

/* S with its trailing blanks removed. */
static char *trimmed(const char *s)
{
	const char *e = s + strlen(s);
	while (e > s && isspace((unsigned char)e[-1]))
		e--;
	return xstrndup(s, (size_t)(e - s));
}

/*
 * The rest of the line as free text (doc, what, xfail, requires): up to a
 * comment, that is a '#' after a blank (or right where the text starts),
 * trailing blanks removed.  A '#' inside a word stays: "what fd#3".
 */
char *text_arg(struct parser *p)
{
	const char *s = rest_of_line(p), *e = s;
	while (*e && !(*e == '#' && (e == s || e[-1] == ' ' || e[-1] == '\t')))
		e++;
	char *cut = xstrndup(s, (size_t)(e - s));
	char *t = trimmed(cut);
	free(cut);
	return t;
}
