// SPDX-License-Identifier: MIT
#define _GNU_SOURCE
#include "lang/fields.h"
#include "lang/match.h"
#include "util/util.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

int field_error(char **err, const struct node *at, const char *fmt, ...)
{
	va_list ap;
	char *msg;
	va_start(ap, fmt);
	if (vasprintf(&msg, fmt, ap) < 0)
		msg = NULL;
	va_end(ap);
	if (at && at->line)
		*err = xasprintf("%d:%d: %s", at->line, at->col, msg ? msg : "?");
	else
		*err = xstrdup(msg ? msg : "?");
	free(msg);
	return -1;
}

const struct node *field_deref(struct scope *sc, const struct node *n)
{
	if (n && n->kind == N_VAR) {
		const struct node *b = var_get(sc, n->name);
		return b ? b : n;
	}
	return n;
}

int fields_only(const struct node *st, const char *const *known, const char *what, char **err)
{
	const struct node *e = node_unknown_field(st, known, NULL);
	if (e) {
		const char *k = node_entry_key(e);
		return field_error(err, e, "%s is not a field of %s", k ? k : "this value", what);
	}
	return 0;
}

int field_int(struct scope *sc, const struct node *st, const char *key, long long def,
	      long long *v, char **err)
{
	const struct node *f = node_get_field(st, key);
	*v = def;
	return f ? eval_int(sc, f, v, err) : 0;
}

int field_u32(struct scope *sc, const struct node *st, const char *key, unsigned *out,
	      char **err)
{
	long long v;
	if (field_int(sc, st, key, 0, &v, err))
		return -1;
	if (v < INT32_MIN || v > UINT32_MAX)
		return field_error(err, node_get_field(st, key), "%s is a 32-bit value", key);
	*out = (unsigned)(uint32_t)v;
	return 0;
}

int field_str(struct scope *sc, const struct node *n, const unsigned char **p, size_t *len,
	      char **err)
{
	const struct node *v = field_deref(sc, n);
	if (v->kind == N_VAR)
		return field_error(err, n, "$%s is used before a step captured it", v->name);
	if (v->kind != N_STR || v->abstract)
		return field_error(err, n, "expected a string \"...\" here");
	*p = v->bytes;
	*len = v->len;
	return 0;
}

struct node *flags_node(long long v, const struct flag_name *names, size_t n)
{
	if (v == 0)
		return node_int(0);
	struct node *or = node_new(N_OR);
	long long rest = v;
	for (size_t i = 0; i < n; i++)
		if (rest & names[i].bit) {
			node_push(or, node_sym(names[i].name, names[i].bit));
			rest &= ~names[i].bit;
		}
	if (rest)
		node_push(or, node_int(rest));
	if (or->nkids > 1)
		return or;
	struct node *only = or->kids[0];
	or->nkids = 0;
	node_free(or);
	return only;
}
