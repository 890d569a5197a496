// SPDX-License-Identifier: MIT
/*
 * A strict recursive-descent JSON reader; see jsonread.h for what
 * "strict" means.  Every parse function leaves the value it fills in a
 * state jv_free() can release, so an error anywhere unwinds by freeing the
 * partial tree.  Positions are tracked as bytes are consumed, so an error
 * names the line and column of the offending character.
 */
#define _GNU_SOURCE
#include "util/jsonread.h"
#include "util/util.h"

#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct reader {
	const unsigned char *p, *end;
	int line, col;
	int depth;
	struct jv_error *err;
	bool failed;
};

/* A growing byte buffer for decoded strings. */
struct bytes {
	char *b;
	size_t n, cap;
};

static void bytes_put(struct bytes *s, const void *data, size_t n)
{
	if (s->n + n + 1 > s->cap) {
		s->cap = (s->n + n + 1) * 2;
		s->b = xrealloc(s->b, s->cap);
	}
	memcpy(s->b + s->n, data, n);
	s->n += n;
	s->b[s->n] = 0;
}

/* ---- positions and errors ---------------------------------------------- */

static bool at_end(const struct reader *r)
{
	return r->p >= r->end;
}

/* Consume N bytes; a column counts characters, so continuation bytes don't. */
static void advance(struct reader *r, size_t n)
{
	for (; n && r->p < r->end; n--, r->p++) {
		if (*r->p == '\n') {
			r->line++;
			r->col = 1;
		} else if ((*r->p & 0xc0) != 0x80) {
			r->col++;
		}
	}
}

static int fail_at(struct reader *r, int line, int col, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

/* Record the first error only: later ones are consequences of it. */
static int fail_at(struct reader *r, int line, int col, const char *fmt, ...)
{
	if (r->failed)
		return -1;
	r->failed = true;
	r->err->line = line;
	r->err->col = col;
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(r->err->msg, sizeof(r->err->msg), fmt, ap);
	va_end(ap);
	return -1;
}

#define fail(r, ...) fail_at((r), (r)->line, (r)->col, __VA_ARGS__)

/* The character at the reader, for messages: 'x', byte 0xNN or end of input. */
static const char *here(const struct reader *r, char buf[16])
{
	if (at_end(r))
		return "end of input";
	unsigned char c = *r->p;
	if (c > 0x20 && c < 0x7f)
		snprintf(buf, 16, "'%c'", c);
	else
		snprintf(buf, 16, "byte 0x%02x", c);
	return buf;
}

static int unexpected(struct reader *r, const char *wanted)
{
	char buf[16];
	return fail(r, "expected %s, found %s", wanted, here(r, buf));
}

/* JSON's four whitespace characters only (no \f, \v, NBSP...). */
static void skip_ws(struct reader *r)
{
	while (!at_end(r) && (*r->p == ' ' || *r->p == '\t' || *r->p == '\n' || *r->p == '\r'))
		advance(r, 1);
}

/* ---- strings ------------------------------------------------------------ */

size_t utf8_valid_len(const unsigned char *p, size_t avail)
{
	unsigned char c = p[0], lo = 0x80, hi = 0xbf;
	size_t n;
	if (c >= 0xc2 && c <= 0xdf) {
		n = 2;
	} else if (c >= 0xe0 && c <= 0xef) {
		n = 3;
		lo = c == 0xe0 ? 0xa0 : 0x80;
		hi = c == 0xed ? 0x9f : 0xbf;
	} else if (c >= 0xf0 && c <= 0xf4) {
		n = 4;
		lo = c == 0xf0 ? 0x90 : 0x80;
		hi = c == 0xf4 ? 0x8f : 0xbf;
	} else {
		return 0;
	}
	if (avail < n || p[1] < lo || p[1] > hi)	/* p[1] exists: avail >= n >= 2 */
		return 0;
	for (size_t i = 2; i < n; i++)
		if (p[i] < 0x80 || p[i] > 0xbf)
			return 0;
	return n;
}

static void put_utf8(struct bytes *s, uint32_t cp)
{
	unsigned char b[4];
	size_t n;
	if (cp < 0x80) {
		b[0] = (unsigned char)cp;
		n = 1;
	} else if (cp < 0x800) {
		b[0] = (unsigned char)(0xc0 | cp >> 6);
		b[1] = (unsigned char)(0x80 | (cp & 0x3f));
		n = 2;
	} else if (cp < 0x10000) {
		b[0] = (unsigned char)(0xe0 | cp >> 12);
		b[1] = (unsigned char)(0x80 | (cp >> 6 & 0x3f));
		b[2] = (unsigned char)(0x80 | (cp & 0x3f));
		n = 3;
	} else {
		b[0] = (unsigned char)(0xf0 | cp >> 18);
		b[1] = (unsigned char)(0x80 | (cp >> 12 & 0x3f));
		b[2] = (unsigned char)(0x80 | (cp >> 6 & 0x3f));
		b[3] = (unsigned char)(0x80 | (cp & 0x3f));
		n = 4;
	}
	bytes_put(s, b, n);
}

/* Four hex digits after "\u" (the reader is on the 'u'); -1 on error. */
static long hex4(struct reader *r)
{
	long v = 0;
	advance(r, 1);
	for (int i = 0; i < 4; i++) {
		if (at_end(r))
			return fail(r, "\\u needs four hex digits, found end of input");
		unsigned char c = *r->p;
		int d = c >= '0' && c <= '9' ? c - '0'
		      : c >= 'a' && c <= 'f' ? c - 'a' + 10
		      : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
		if (d < 0) {
			char buf[16];
			return fail(r, "\\u needs four hex digits, found %s", here(r, buf));
		}
		v = v * 16 + d;
		advance(r, 1);
	}
	return v;
}

/*
 * "\uXXXX" (the reader is on the 'u', the backslash was at LINE:COL): one
 * code point, or a UTF-16 surrogate pair written as two escapes.  Lone
 * surrogates have no UTF-8 form, so they are errors.
 */
static int unicode_escape(struct reader *r, struct bytes *s, int line, int col)
{
	long hi = hex4(r);
	if (hi < 0)
		return -1;
	if (hi >= 0xdc00 && hi <= 0xdfff)
		return fail_at(r, line, col, "lone low surrogate \\u%04lX", hi);
	if (hi < 0xd800 || hi > 0xdbff) {
		put_utf8(s, (uint32_t)hi);
		return 0;
	}
	if (r->end - r->p < 2 || r->p[0] != '\\' || r->p[1] != 'u')
		return fail_at(r, line, col, "high surrogate \\u%04lX not followed by a low one", hi);
	advance(r, 1);
	long lo = hex4(r);
	if (lo < 0)
		return -1;
	if (lo < 0xdc00 || lo > 0xdfff)
		return fail_at(r, line, col, "high surrogate \\u%04lX followed by \\u%04lX, "
			       "not a low surrogate", hi, lo);
	put_utf8(s, (uint32_t)(0x10000 + ((hi - 0xd800) << 10) + (lo - 0xdc00)));
	return 0;
}

/* A backslash escape; the reader is on the backslash. */
static int escape(struct reader *r, struct bytes *s)
{
	static const char from[] = "\"\\/bfnrt", to[] = "\"\\/\b\f\n\r\t";
	int line = r->line, col = r->col;
	advance(r, 1);
	if (at_end(r))
		return fail_at(r, line, col, "unterminated string (input ends after a backslash)");
	const char *k = *r->p ? strchr(from, *r->p) : NULL;
	if (k) {
		bytes_put(s, &to[k - from], 1);
		advance(r, 1);
		return 0;
	}
	if (*r->p == 'u')
		return unicode_escape(r, s, line, col);
	char buf[16];
	return fail_at(r, line, col, "invalid escape: backslash followed by %s", here(r, buf));
}

/* One raw character of a string: printable ASCII or well-formed UTF-8. */
static int raw_char(struct reader *r, struct bytes *s)
{
	unsigned char c = *r->p;
	if (c < 0x20)
		return fail(r, "control character 0x%02x in a string (write it as \\u%04x)", c, c);
	size_t n = c < 0x80 ? 1 : utf8_valid_len(r->p, (size_t)(r->end - r->p));
	if (!n)
		return fail(r, "invalid UTF-8 (byte 0x%02x)", c);
	bytes_put(s, r->p, n);
	advance(r, n);
	return 0;
}

/* A string; the reader is on the opening quote.  *OUT is NULL on error. */
static int parse_string(struct reader *r, char **out, size_t *len)
{
	struct bytes s = { 0 };
	int line = r->line, col = r->col;
	bytes_put(&s, "", 0);	/* an empty string is "", not NULL */
	advance(r, 1);
	int rc = 0;
	while (rc == 0) {
		if (at_end(r)) {
			rc = fail_at(r, line, col, "unterminated string");
		} else if (*r->p == '"') {
			advance(r, 1);
			break;
		} else {
			rc = *r->p == '\\' ? escape(r, &s) : raw_char(r, &s);
		}
	}
	if (rc < 0) {
		free(s.b);
		*out = NULL;
		return -1;
	}
	*out = s.b;
	*len = s.n;
	return 0;
}

/* ---- numbers and literals ----------------------------------------------- */

static size_t digits(const unsigned char *p, const unsigned char *end)
{
	size_t n = 0;
	while (p + n < end && p[n] >= '0' && p[n] <= '9')
		n++;
	return n;
}

/*
 * The length of the number at P by RFC 8259's grammar:
 * -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?; 0 when P is not one, with
 * *WHY saying what is wrong.
 */
static size_t number_len(const unsigned char *p, const unsigned char *end, const char **why)
{
	size_t i = p < end && *p == '-';
	size_t d = digits(p + i, end);
	*why = "a digit";
	if (!d)
		return 0;
	if (d > 1 && p[i] == '0') {
		*why = "no leading zeros";
		return 0;
	}
	i += d;
	if (p + i < end && p[i] == '.') {
		d = digits(p + i + 1, end);
		*why = "a digit after the decimal point";
		if (!d)
			return 0;
		i += 1 + d;
	}
	if (p + i < end && (p[i] == 'e' || p[i] == 'E')) {
		i++;
		if (p + i < end && (p[i] == '+' || p[i] == '-'))
			i++;
		d = digits(p + i, end);
		*why = "a digit in the exponent";
		if (!d)
			return 0;
		i += d;
	}
	return i;
}

static int parse_number(struct reader *r, struct jv *v)
{
	const char *why;
	size_t n = number_len(r->p, r->end, &why);
	if (!n)
		return fail(r, "invalid number: expected %s", why);
	/* strtod needs a terminated copy; the input need not be terminated */
	char *tmp = xstrndup((const char *)r->p, n);
	v->type = JV_NUMBER;
	v->number = strtod(tmp, NULL);
	free(tmp);
	if (isinf(v->number))
		return fail(r, "number out of range");
	advance(r, n);
	return 0;
}

static int parse_literal(struct reader *r, struct jv *v)
{
	static const struct { const char *word; enum jv_type type; bool b; } lits[] = {
		{ "true", JV_BOOL, true }, { "false", JV_BOOL, false }, { "null", JV_NULL, false },
	};
	for (size_t i = 0; i < ARRAY_SIZE(lits); i++) {
		size_t n = strlen(lits[i].word);
		if ((size_t)(r->end - r->p) >= n && memcmp(r->p, lits[i].word, n) == 0) {
			v->type = lits[i].type;
			v->boolean = lits[i].b;
			advance(r, n);
			return 0;
		}
	}
	return unexpected(r, "a value");
}

/* ---- arrays and objects -------------------------------------------------- */

static int parse_value(struct reader *r, struct jv *v);

static int enter(struct reader *r)
{
	if (++r->depth > JSONREAD_MAX_DEPTH)
		return fail(r, "nested deeper than %d levels", JSONREAD_MAX_DEPTH);
	return 0;
}

/*
 * After an element or member: ',' and more, or the closing bracket.
 * 1 when the container goes on, 0 when it closed, -1 on error.
 */
static int next_or_close(struct reader *r, char close, const char *wanted)
{
	skip_ws(r);
	if (!at_end(r) && *r->p == close) {
		advance(r, 1);
		return 0;
	}
	if (at_end(r) || *r->p != ',')
		return unexpected(r, wanted);
	advance(r, 1);
	skip_ws(r);
	if (!at_end(r) && *r->p == close)
		return fail(r, "trailing comma before '%c'", close);
	return 1;
}

static int parse_array(struct reader *r, struct jv *v)
{
	size_t cap = 0;
	v->type = JV_ARRAY;
	if (enter(r) < 0)
		return -1;
	advance(r, 1);
	skip_ws(r);
	if (!at_end(r) && *r->p == ']') {
		advance(r, 1);
		r->depth--;
		return 0;
	}
	for (int more = 1; more > 0;) {
		if (v->n == cap) {
			cap = cap ? cap * 2 : 8;
			v->items = xrealloc(v->items, cap * sizeof(*v->items));
		}
		/* counted before it is parsed, so jv_free() releases a partial one */
		struct jv *item = &v->items[v->n++];
		memset(item, 0, sizeof(*item));
		if (parse_value(r, item) < 0)
			return -1;
		more = next_or_close(r, ']', "',' or ']' after an array element");
	}
	if (r->failed)
		return -1;
	r->depth--;
	return 0;
}

static int key_cmp(const void *a, const void *b)
{
	const struct jv_member *x = *(const struct jv_member *const *)a;
	const struct jv_member *y = *(const struct jv_member *const *)b;
	size_t n = x->klen < y->klen ? x->klen : y->klen;
	int c = memcmp(x->key, y->key, n);
	if (c)
		return c;
	if (x->klen != y->klen)
		return x->klen < y->klen ? -1 : 1;
	return (x > y) - (x < y);	/* equal keys in document order: deterministic */
}

/*
 * Keys of an object must be unique, else which value a reader sees depends
 * on the reader.  Sorting finds duplicates in O(n log n) on any input.
 */
static int check_duplicates(struct reader *r, const struct jv *v)
{
	if (v->n < 2)
		return 0;
	const struct jv_member **s = xcalloc(v->n, sizeof(*s));
	for (size_t i = 0; i < v->n; i++)
		s[i] = &v->members[i];
	qsort(s, v->n, sizeof(*s), key_cmp);
	int rc = 0;
	for (size_t i = 1; i < v->n && rc == 0; i++) {
		const struct jv_member *a = s[i - 1], *b = s[i];
		if (a->klen == b->klen && memcmp(a->key, b->key, a->klen) == 0)
			rc = fail_at(r, b->line, b->col,
				     "duplicate key \"%.40s\" (first given at %d:%d)",
				     b->key, a->line, a->col);
	}
	free(s);
	return rc;
}

/* "key": value; the reader is on the key's opening quote. */
static int parse_member(struct reader *r, struct jv_member *m)
{
	m->line = r->line;
	m->col = r->col;
	if (parse_string(r, &m->key, &m->klen) < 0)
		return -1;
	skip_ws(r);
	if (at_end(r) || *r->p != ':')
		return unexpected(r, "':' after an object key");
	advance(r, 1);
	skip_ws(r);
	return parse_value(r, &m->value);
}

static int parse_object(struct reader *r, struct jv *v)
{
	size_t cap = 0;
	v->type = JV_OBJECT;
	if (enter(r) < 0)
		return -1;
	advance(r, 1);
	skip_ws(r);
	if (!at_end(r) && *r->p == '}') {
		advance(r, 1);
		r->depth--;
		return 0;
	}
	for (int more = 1; more > 0;) {
		if (at_end(r) || *r->p != '"')
			return unexpected(r, "a string key");
		if (v->n == cap) {
			cap = cap ? cap * 2 : 8;
			v->members = xrealloc(v->members, cap * sizeof(*v->members));
		}
		struct jv_member *m = &v->members[v->n++];
		memset(m, 0, sizeof(*m));
		if (parse_member(r, m) < 0)
			return -1;
		more = next_or_close(r, '}', "',' or '}' after an object member");
	}
	if (r->failed || check_duplicates(r, v) < 0)
		return -1;
	r->depth--;
	return 0;
}

static int parse_value(struct reader *r, struct jv *v)
{
	v->line = r->line;
	v->col = r->col;
	if (at_end(r))
		return unexpected(r, "a value");
	switch (*r->p) {
	case '{': return parse_object(r, v);
	case '[': return parse_array(r, v);
	case '"':
		v->type = JV_STRING;
		return parse_string(r, &v->str, &v->len);
	case '-': case '0': case '1': case '2': case '3': case '4':
	case '5': case '6': case '7': case '8': case '9':
		return parse_number(r, v);
	default:
		return parse_literal(r, v);
	}
}

/* ---- the interface ------------------------------------------------------- */

int jv_parse(const char *text, size_t len, struct jv *out, struct jv_error *err)
{
	struct reader r = { .p = (const unsigned char *)text,
			    .end = (const unsigned char *)text + len,
			    .line = 1, .col = 1, .err = err };
	memset(out, 0, sizeof(*out));
	memset(err, 0, sizeof(*err));
	if (!text)
		r.end = r.p = (const unsigned char *)"";
	if (r.end - r.p >= 3 && memcmp(text, "\xef\xbb\xbf", 3) == 0) {
		fail(&r, "byte order mark: JSON text starts without one");
	} else {
		skip_ws(&r);
		if (parse_value(&r, out) == 0) {
			skip_ws(&r);
			if (!at_end(&r))
				unexpected(&r, "end of input after the value");
		}
	}
	if (!r.failed)
		return 0;
	jv_free(out);
	return -1;
}

void jv_free(struct jv *v)
{
	if (!v)
		return;
	for (size_t i = 0; v->type == JV_ARRAY && i < v->n; i++)
		jv_free(&v->items[i]);
	for (size_t i = 0; v->type == JV_OBJECT && i < v->n; i++) {
		free(v->members[i].key);
		jv_free(&v->members[i].value);
	}
	free(v->items);
	free(v->members);
	free(v->str);
	memset(v, 0, sizeof(*v));
}

const struct jv *jv_get(const struct jv *obj, const char *key)
{
	if (!obj || obj->type != JV_OBJECT || !key)
		return NULL;
	size_t kl = strlen(key);
	for (size_t i = 0; i < obj->n; i++)
		if (obj->members[i].klen == kl && memcmp(obj->members[i].key, key, kl) == 0)
			return &obj->members[i].value;
	return NULL;
}

const char *jv_string(const struct jv *v)
{
	if (!v || v->type != JV_STRING || strlen(v->str) != v->len)
		return NULL;
	return v->str;
}

const char *jv_type_name(enum jv_type t)
{
	static const char *const names[] = {
		[JV_NULL] = "null", [JV_BOOL] = "boolean", [JV_NUMBER] = "number",
		[JV_STRING] = "string", [JV_ARRAY] = "array", [JV_OBJECT] = "object",
	};
	return t <= JV_OBJECT ? names[t] : "?";
}
