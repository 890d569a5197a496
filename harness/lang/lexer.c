// SPDX-License-Identifier: MIT
#include "lang/lexer.h"
#include "util/util.h"

#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

const char *tok_name(enum tok_kind k)
{
	static const char *const names[] = {
		[T_EOL] = "end of line", [T_IDENT] = "name", [T_INT] = "integer",
		[T_FLOAT] = "number", [T_STRING] = "string", [T_LPAREN] = "'('",
		[T_RPAREN] = "')'", [T_LBRACK] = "'['", [T_RBRACK] = "']'",
		[T_LBRACE] = "'{'", [T_RBRACE] = "'}'", [T_COMMA] = "','",
		[T_EQ] = "'='", [T_PIPE] = "'|'", [T_AMP] = "'&'", [T_DOLLAR] = "'$'",
		[T_AT] = "'@'", [T_TILDE] = "'~'", [T_STAR] = "'*'", [T_MINUS] = "'-'",
		[T_LT] = "'<'", [T_LE] = "'<='", [T_GT] = "'>'", [T_GE] = "'>='",
		[T_NE] = "'!='", [T_DOTDOT] = "'..'", [T_ELLIPSIS] = "'...'",
		[T_ERROR] = "invalid token",
	};
	return names[k];
}

static int hexval(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	c = tolower(c);
	return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

static void set_error(struct token *t, const char *msg)
{
	t->kind = T_ERROR;
	t->str = xstrdup(msg);
}

/* Decode "..." with the escapes \\ \" \n \t \r \0 \xHH (exactly two digits). */
static void lex_string(struct lexer *lx, struct token *t)
{
	const char *p = lx->line + lx->pos + 1;
	char *out = xmalloc(strlen(p) + 1);
	size_t n = 0;
	for (;;) {
		char c = *p++;
		if (c == 0) {
			free(out);
			lx->pos = (size_t)(p - 1 - lx->line);
			set_error(t, "unterminated string");
			return;
		}
		if (c == '"')
			break;
		if (c != '\\') {
			out[n++] = c;
			continue;
		}
		c = *p++;
		switch (c) {
		case '\\': out[n++] = '\\'; break;
		case '"': out[n++] = '"'; break;
		case 'n': out[n++] = '\n'; break;
		case 't': out[n++] = '\t'; break;
		case 'r': out[n++] = '\r'; break;
		case '0': out[n++] = 0; break;
		case 'x': {
			int hi = hexval(p[0]), lo = hi < 0 ? -1 : hexval(p[1]);
			if (lo < 0) {
				free(out);
				t->col = (int)(p - 2 - lx->line) + 1;	/* at the backslash */
				lx->pos = (size_t)(p - lx->line);
				set_error(t, "\\x needs exactly two hex digits");
				return;
			}
			out[n++] = (char)(hi * 16 + lo);
			p += 2;
			break;
		}
		default:
			free(out);
			lx->pos = (size_t)(p - 1 - lx->line);
			/* a bad escape is shown at its backslash, "unterminated" at the quote */
			if (c)
				t->col = (int)(p - 2 - lx->line) + 1;
			set_error(t, c ? "unknown escape in string (use \\\\ \\\" \\n \\t \\r \\0 \\xHH)"
				       : "unterminated string");
			return;
		}
	}
	out[n] = 0;
	t->kind = T_STRING;
	t->str = out;
	t->slen = n;
	lx->pos = (size_t)(p - lx->line);
}

/*
 * x"ba7816bf": bytes as pairs of hex digits, for digests, keys and cipher
 * texts that C escapes would make unreadable.  Lower-case digits and no
 * blanks, so the printer gives back exactly what was written.
 */
static void lex_hex(struct lexer *lx, struct token *t)
{
	const char *q = lx->line + lx->pos + 2, *p = q;	/* after x" */
	while (isdigit((unsigned char)*p) || (*p >= 'a' && *p <= 'f'))
		p++;
	if (*p != '"' || (p - q) % 2) {
		/* a stray character is shown where it is, the other faults at the x */
		if (*p && *p != '"')
			t->col = (int)(p - lx->line) + 1;
		lx->pos = (size_t)(p - lx->line) + (*p ? 1 : 0);
		set_error(t, *p == 0 ? "unterminated hex string"
			     : *p == '"' ? "a hex string x\"...\" needs two hex digits per byte"
			     : *p >= 'A' && *p <= 'F' ? "write the digits of a hex string in lower case"
			     : "a hex string x\"...\" holds hex digits only, two per byte");
		return;
	}
	size_t n = (size_t)(p - q) / 2;
	char *out = xmalloc(n + 1);
	for (size_t i = 0; i < n; i++)
		out[i] = (char)(hexval(q[2 * i]) * 16 + hexval(q[2 * i + 1]));
	out[n] = 0;
	t->kind = T_STRING;
	t->str = out;
	t->slen = n;
	t->hex = 1;
	lx->pos = (size_t)(p + 1 - lx->line);
}

static void lex_number(struct lexer *lx, struct token *t)
{
	const char *s = lx->line + lx->pos, *p = s;
	bool hex = p[0] == '0' && (p[1] == 'x' || p[1] == 'X');
	if (hex) {
		p += 2;
		while (isxdigit((unsigned char)*p))
			p++;
		if (p == s + 2) {
			lx->pos = (size_t)(p - lx->line);
			set_error(t, "0x needs hex digits");
			return;
		}
	} else {
		while (isdigit((unsigned char)*p))
			p++;
	}
	bool frac = !hex && p[0] == '.' && isdigit((unsigned char)p[1]);
	if (frac) {
		p++;
		while (isdigit((unsigned char)*p))
			p++;
	}
	if (isalnum((unsigned char)*p) || *p == '_') {
		lx->pos = (size_t)(p - lx->line);
		set_error(t, "malformed number");
		return;
	}
	char *num = xstrndup(s, (size_t)(p - s));
	errno = 0;
	if (frac) {
		t->kind = T_FLOAT;
		t->fval = strtod(num, NULL);
	} else {
		t->kind = T_INT;
		unsigned long long v = strtoull(num, NULL, 0);
		t->ival = (long long)v;
		t->fval = (double)v;
		/* ival is signed: 2^63 and above would turn negative */
		if (errno == ERANGE || v > (unsigned long long)LLONG_MAX) {
			free(num);
			lx->pos = (size_t)(p - lx->line);
			set_error(t, "number out of range");
			return;
		}
	}
	free(num);
	lx->pos = (size_t)(p - lx->line);
}

static void lex_one(struct lexer *lx, struct token *t)
{
	const char *L = lx->line;
	while (L[lx->pos] == ' ' || L[lx->pos] == '\t' || L[lx->pos] == '\r')
		lx->pos++;
	memset(t, 0, sizeof(*t));
	t->col = (int)lx->pos + 1;
	t->start = L + lx->pos;
	char c = L[lx->pos];
	size_t start = lx->pos;
	if (c == 0 || c == '#') {
		t->kind = T_EOL;
		return;
	}
	if (c == 'x' && L[lx->pos + 1] == '"') {
		lex_hex(lx, t);
	} else if (isalpha((unsigned char)c) || c == '_') {
		while (isalnum((unsigned char)L[lx->pos]) || L[lx->pos] == '_')
			lx->pos++;
		t->kind = T_IDENT;
	} else if (isdigit((unsigned char)c)) {
		lex_number(lx, t);
	} else if (c == '"') {
		lex_string(lx, t);
	} else {
		static const struct { const char *s; enum tok_kind k; } punct[] = {
			{ "...", T_ELLIPSIS }, { "..", T_DOTDOT }, { "<=", T_LE },
			{ ">=", T_GE }, { "!=", T_NE }, { "(", T_LPAREN }, { ")", T_RPAREN },
			{ "[", T_LBRACK }, { "]", T_RBRACK }, { "{", T_LBRACE },
			{ "}", T_RBRACE }, { ",", T_COMMA }, { "=", T_EQ }, { "|", T_PIPE },
			{ "&", T_AMP }, { "$", T_DOLLAR }, { "@", T_AT }, { "~", T_TILDE },
			{ "*", T_STAR }, { "-", T_MINUS }, { "<", T_LT }, { ">", T_GT },
		};
		for (size_t i = 0; i < ARRAY_SIZE(punct); i++) {
			size_t n = strlen(punct[i].s);
			if (strncmp(L + lx->pos, punct[i].s, n) == 0) {
				t->kind = punct[i].k;
				lx->pos += n;
				break;
			}
		}
		if (t->kind == T_EOL) {
			lx->pos++;
			set_error(t, "unexpected character");
		}
	}
	t->len = lx->pos - start;
}

void lex_init(struct lexer *lx, const char *line)
{
	memset(lx, 0, sizeof(*lx));
	lx->line = line;
	lex_one(lx, &lx->tok);
}

void lex_next(struct lexer *lx)
{
	free(lx->tok.str);
	lex_one(lx, &lx->tok);
}

enum tok_kind lex_peek(struct lexer *lx)
{
	size_t save = lx->pos;
	struct token t;
	lex_one(lx, &t);
	free(t.str);
	lx->pos = save;
	return t.kind;
}

void lex_free(struct lexer *lx)
{
	free(lx->tok.str);
	lx->tok.str = NULL;
}
