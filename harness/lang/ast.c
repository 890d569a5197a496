// SPDX-License-Identifier: MIT
#include "lang/ast.h"
#include "lang/consts.h"
#include "util/util.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct node *node_new(enum node_kind kind)
{
	struct node *n = xcalloc(1, sizeof(*n));
	n->kind = kind;
	return n;
}

struct node *node_int(long long v)
{
	struct node *n = node_new(N_INT);
	n->ival = v;
	return n;
}

struct node *node_sym(const char *name, long long v)
{
	struct node *n = node_new(N_SYM);
	n->name = xstrdup(name);
	n->ival = v;
	return n;
}

struct node *node_str(const void *bytes, size_t len)
{
	struct node *n = node_new(N_STR);
	n->bytes = xmalloc(len + 1);
	memcpy(n->bytes, bytes, len);
	n->bytes[len] = 0;
	n->len = len;
	return n;
}

struct node *node_call(const char *fname, struct node *arg)
{
	struct node *n = node_new(N_CALL);
	n->name = xstrdup(fname);
	if (arg)
		node_push(n, arg);
	return n;
}

struct node *node_push(struct node *parent, struct node *kid)
{
	parent->kids = xrealloc(parent->kids, (parent->nkids + 1) * sizeof(*parent->kids));
	parent->kids[parent->nkids++] = kid;
	return kid;
}

struct node *node_field(struct node *parent, const char *key, struct node *kid)
{
	free(kid->key);
	kid->key = xstrdup(key);
	return node_push(parent, kid);
}

struct node *node_clone(const struct node *n)
{
	if (!n)
		return NULL;
	struct node *c = xmalloc(sizeof(*c));
	*c = *n;
	c->key = n->key ? xstrdup(n->key) : NULL;
	c->name = n->name ? xstrdup(n->name) : NULL;
	if (n->bytes) {
		c->bytes = xmalloc(n->len + 1);
		memcpy(c->bytes, n->bytes, n->len + 1);
	}
	c->kids = n->nkids ? xmalloc(n->nkids * sizeof(*c->kids)) : NULL;
	for (size_t i = 0; i < n->nkids; i++)
		c->kids[i] = node_clone(n->kids[i]);
	return c;
}

void node_free(struct node *n)
{
	if (!n)
		return;
	for (size_t i = 0; i < n->nkids; i++)
		node_free(n->kids[i]);
	free(n->kids);
	free(n->key);
	free(n->name);
	free(n->bytes);
	free(n);
}

const char *node_entry_key(const struct node *e)
{
	if (e->key)
		return e->key;
	/* strace writes IPv6 addresses as inet_pton(AF_INET6, "::1", &sin6_addr) */
	if (e->kind == N_CALL && e->nkids == 3 && e->kids[2]->kind == N_REF)
		return e->kids[2]->name;
	return NULL;
}

struct node *node_get_field(const struct node *st, const char *key)
{
	if (!st || st->kind != N_STRUCT)
		return NULL;
	for (size_t i = 0; i < st->nkids; i++) {
		const char *k = node_entry_key(st->kids[i]);
		if (k && strcmp(k, key) == 0)
			return st->kids[i];
	}
	return NULL;
}

const struct node *node_unknown_field(const struct node *st, const char *const *known,
				      const char *extra)
{
	for (size_t i = 0; i < st->nkids; i++) {
		const char *k = node_entry_key(st->kids[i]);
		bool found = k && extra && !strcmp(k, extra);
		for (size_t j = 0; k && !found && known[j]; j++)
			found = !strcmp(k, known[j]);
		if (!found)
			return st->kids[i];
	}
	return NULL;
}

/* ---- string buffer ---- */

static void sb_grow(struct sbuf *sb, size_t more)
{
	if (sb->len + more + 1 <= sb->cap)
		return;
	size_t cap = sb->cap ? sb->cap : 64;
	while (cap < sb->len + more + 1)
		cap *= 2;
	sb->s = xrealloc(sb->s, cap);
	sb->cap = cap;
}

void sb_puts(struct sbuf *sb, const char *s)
{
	size_t n = strlen(s);
	sb_grow(sb, n);
	memcpy(sb->s + sb->len, s, n + 1);
	sb->len += n;
}

void sb_putc(struct sbuf *sb, char c)
{
	sb_grow(sb, 1);
	sb->s[sb->len++] = c;
	sb->s[sb->len] = 0;
}

void sb_printf(struct sbuf *sb, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	sb_grow(sb, (size_t)n);
	va_start(ap, fmt);
	vsnprintf(sb->s + sb->len, (size_t)n + 1, fmt, ap);
	va_end(ap);
	sb->len += (size_t)n;
}

void sb_put_hex(struct sbuf *sb, const unsigned char *p, size_t n)
{
	sb_puts(sb, "x\"");
	for (size_t i = 0; i < n; i++)
		sb_printf(sb, "%02x", p[i]);
	sb_putc(sb, '"');
}

void sb_put_escaped(struct sbuf *sb, const unsigned char *p, size_t n)
{
	sb_putc(sb, '"');
	for (size_t i = 0; i < n; i++) {
		unsigned char c = p[i];
		switch (c) {
		case '"': sb_puts(sb, "\\\""); break;
		case '\\': sb_puts(sb, "\\\\"); break;
		case '\n': sb_puts(sb, "\\n"); break;
		case '\t': sb_puts(sb, "\\t"); break;
		case '\r': sb_puts(sb, "\\r"); break;
		default:
			/* \0 only when no digit follows, so it re-reads unambiguously */
			if (c == 0 && !(i + 1 < n && p[i + 1] >= '0' && p[i + 1] <= '9'))
				sb_puts(sb, "\\0");
			else if (c < 0x20 || c >= 0x7f)
				sb_printf(sb, "\\x%02x", c);
			else
				sb_putc(sb, (char)c);
		}
	}
	sb_putc(sb, '"');
}

char *sb_take(struct sbuf *sb)
{
	char *s = sb->s ? sb->s : xstrdup("");
	sb->s = NULL;
	sb->len = sb->cap = 0;
	return s;
}

void sb_free(struct sbuf *sb)
{
	free(sb->s);
	sb->s = NULL;
	sb->len = sb->cap = 0;
}

/* ---- printer ---- */

static const char *const cmp_text[] = {
	[CMP_GT] = ">", [CMP_GE] = ">=", [CMP_LT] = "<", [CMP_LE] = "<=", [CMP_NE] = "!=",
};

/* "SOCK_" for SOCK_STREAM, "O_" for O_RDWR: the family a constant belongs to. */
static void sym_prefix(const char *name, char *out, size_t outlen)
{
	const char *us = strchr(name, '_');
	size_t n = us ? (size_t)(us - name) + 1 : strlen(name);
	if (n >= outlen)
		n = outlen - 1;
	memcpy(out, name, n);
	out[n] = 0;
}

static const struct node *first_sym(const struct node *hint)
{
	if (!hint)
		return NULL;
	if (hint->kind == N_SYM)
		return hint;
	if (hint->kind == N_OR)
		for (size_t i = 0; i < hint->nkids; i++)
			if (hint->kids[i]->kind == N_SYM)
				return hint->kids[i];
	return NULL;
}

/* Print V as the constants the pattern used, e.g. O_RDWR|O_NONBLOCK. */
static void print_int_hinted(struct sbuf *sb, long long v, const struct node *hint)
{
	const struct node *s = first_sym(hint);
	if (!s) {
		sb_printf(sb, "%lld", v);
		return;
	}
	char prefix[64];
	sym_prefix(s->name, prefix, sizeof(prefix));
	if (hint->kind == N_SYM) {
		if (v == s->ival) {
			sb_puts(sb, s->name);
			return;
		}
		if (s->name[0] >= '0' && s->name[0] <= '9') {	/* a hex literal: 0x7ff */
			sb_printf(sb, "%#llx", v);
			return;
		}
		const char *nm = consts_name(v, prefix);
		if (nm)
			sb_puts(sb, nm);
		else
			sb_printf(sb, "%lld", v);
		return;
	}
	/* flags: the pattern's own names first, then single bits by prefix */
	unsigned long long rest = (unsigned long long)v;
	bool any = false;
	for (size_t i = 0; i < hint->nkids; i++) {
		const struct node *k = hint->kids[i];
		unsigned long long kv = (unsigned long long)k->ival;
		if (k->kind != N_SYM || kv == 0 || (rest & kv) != kv)
			continue;
		sb_printf(sb, "%s%s", any ? "|" : "", k->name);
		rest &= ~kv;
		any = true;
	}
	for (int bit = 0; bit < 64 && rest; bit++) {
		unsigned long long b = 1ULL << bit;
		if (!(rest & b))
			continue;
		const char *nm = consts_name((long long)b, prefix);
		if (!nm)
			continue;
		sb_printf(sb, "%s%s", any ? "|" : "", nm);
		rest &= ~b;
		any = true;
	}
	if (rest || !any)
		sb_printf(sb, "%s%#llx", any ? "|" : "", rest);
}

static const struct node *hint_kid(const struct node *hint, const struct node *n, size_t i)
{
	if (!hint || hint->kind != n->kind)
		return NULL;
	if (n->kind == N_STRUCT) {
		const char *k = node_entry_key(n->kids[i]);
		return k ? node_get_field(hint, k) : (i < hint->nkids ? hint->kids[i] : NULL);
	}
	if (n->kind == N_CALL && strcmp(n->name, hint->name) != 0)
		return NULL;
	return i < hint->nkids ? hint->kids[i] : NULL;
}

void node_print(struct sbuf *sb, const struct node *n, const struct node *hint,
		char *const *handle_names)
{
	if (!n) {
		sb_puts(sb, "NULL");
		return;
	}
	if (n->key)
		sb_printf(sb, "%s=", n->key);
	/* hint for an entry is the entry itself; look past its key */
	switch (n->kind) {
	case N_INT:
		print_int_hinted(sb, n->ival, hint);
		break;
	case N_SYM:
		sb_puts(sb, n->name);
		break;
	case N_STR:
		if (n->abstract)
			sb_putc(sb, '@');
		/* bytes the kernel returned print as the pattern was written */
		if (n->hex || (hint && hint->kind == N_STR && hint->hex))
			sb_put_hex(sb, n->bytes, n->len);
		else
			sb_put_escaped(sb, n->bytes, n->len);
		break;
	case N_REGEX:
		sb_puts(sb, n->abstract ? "@~" : "~");
		sb_put_escaped(sb, n->bytes, n->len);
		break;
	case N_WILD:
		sb_puts(sb, n->abstract ? "@_" : "_");
		break;
	case N_ELLIPSIS:
		sb_puts(sb, "...");
		break;
	case N_NULL:
		sb_puts(sb, "NULL");
		break;
	case N_HANDLE:
		if (handle_names && n->ival >= 0 && handle_names[n->ival])
			sb_puts(sb, handle_names[n->ival]);
		else
			sb_puts(sb, n->name ? n->name : "?");
		break;
	case N_VAR:
		sb_printf(sb, "$%s", n->name);
		break;
	case N_CMP:
		sb_puts(sb, cmp_text[n->op]);
		node_print(sb, n->kids[0], NULL, handle_names);
		break;
	case N_OR:
		for (size_t i = 0; i < n->nkids; i++) {
			if (i)
				sb_putc(sb, '|');
			node_print(sb, n->kids[i], NULL, handle_names);
		}
		break;
	case N_LIST:
	case N_STRUCT:
		sb_putc(sb, n->kind == N_LIST ? '[' : '{');
		for (size_t i = 0; i < n->nkids; i++) {
			if (i)
				sb_puts(sb, ", ");
			node_print(sb, n->kids[i], hint_kid(hint, n, i), handle_names);
		}
		sb_putc(sb, n->kind == N_LIST ? ']' : '}');
		break;
	case N_CALL:
		sb_printf(sb, "%s(", n->name);
		for (size_t i = 0; i < n->nkids; i++) {
			if (i)
				sb_puts(sb, ", ");
			node_print(sb, n->kids[i], hint_kid(hint, n, i), handle_names);
		}
		sb_putc(sb, ')');
		break;
	case N_REF:
		sb_printf(sb, "&%s", n->name);
		break;
	}
}
