// SPDX-License-Identifier: MIT
#define _GNU_SOURCE
#include "lang/match.h"
#include "lang/scope.h"
#include "core/valfn.h"
#include "util/util.h"

#include <regex.h>
#include <stdlib.h>
#include <string.h>

static int fail(char **err, const struct node *n, const char *what)
{
	*err = xasprintf("%d:%d: %s", n->line, n->col, what);
	return -1;
}

int eval_int(struct scope *x, const struct node *n, long long *v, char **err)
{
	long long a;
	switch (n->kind) {
	case N_INT:
	case N_SYM:
		*v = n->ival;
		return 0;
	case N_OR:
		*v = 0;
		for (size_t i = 0; i < n->nkids; i++) {
			if (eval_int(x, n->kids[i], &a, err))
				return -1;
			*v |= a;
		}
		return 0;
	case N_HANDLE:
		if (n->ival < 0 || x->fds[n->ival] < 0)
			return fail(err, n, "handle is not open");
		*v = x->fds[n->ival];
		return 0;
	case N_VAR: {
		const struct node *b = var_get(x, n->name);
		if (!b) {
			*err = xasprintf("%d:%d: $%s is used before a step captured it",
					 n->line, n->col, n->name);
			return -1;
		}
		return eval_int(x, b, v, err);
	}
	case N_CALL: {
		const struct value_func *f = value_func_find(n->name);
		if (f && f->eval_int)
			return f->eval_int(x, n, v, err);
		return fail(err, n, "this function has no integer value");
	}
	default:
		return fail(err, n, "expected an integer value here");
	}
}

int eval_bytes(struct scope *x, const struct node *n, unsigned char *out, size_t cap,
	       size_t *len, char **err)
{
	if (n->kind == N_VAR) {
		const struct node *b = var_get(x, n->name);
		if (!b)
			return fail(err, n, "variable used before a step captured it");
		return eval_bytes(x, b, out, cap, len, err);
	}
	if (n->kind == N_STR) {
		if (n->len > cap)
			return fail(err, n, "string too long here");
		memcpy(out, n->bytes, n->len);
		*len = n->len;
		return 0;
	}
	if (n->kind == N_CALL) {
		const struct value_func *f = value_func_find(n->name);
		if (f && f->eval_bytes)
			return f->eval_bytes(x, n, out, cap, len, err);
	}
	return fail(err, n, "expected bytes (a string or an address) here");
}

static bool is_pattern_only(const struct node *n)
{
	if (n->kind == N_WILD || n->kind == N_VAR || n->kind == N_CMP || n->kind == N_REGEX)
		return true;
	for (size_t i = 0; i < n->nkids; i++)
		if (is_pattern_only(n->kids[i]))
			return true;
	return false;
}

static bool match_regex(const struct node *pat, const struct node *act)
{
	if (act->kind != N_STR || act->abstract != pat->abstract)
		return false;
	regex_t re;
	if (regcomp(&re, (const char *)pat->bytes, REG_EXTENDED | REG_NOSUB) != 0)
		return false;
	regmatch_t m = { .rm_so = 0, .rm_eo = (regoff_t)act->len };
	bool ok = regexec(&re, (const char *)act->bytes, 1, &m, REG_STARTEND) == 0;
	regfree(&re);
	return ok;
}

static bool match_struct(struct scope *x, const struct node *pat, const struct node *act)
{
	if (act->kind != N_STRUCT)
		return false;
	bool open = false;
	for (size_t i = 0; i < pat->nkids; i++) {
		const struct node *pe = pat->kids[i];
		if (pe->kind == N_ELLIPSIS) {
			open = true;
			continue;
		}
		const char *k = node_entry_key(pe);
		const struct node *ae = k ? node_get_field(act, k) : NULL;
		if (!ae || !match(x, pe, ae))
			return false;
	}
	if (open)
		return true;
	/* a field the kernel returned that the pattern does not mention */
	for (size_t i = 0; i < act->nkids; i++) {
		const char *k = node_entry_key(act->kids[i]);
		if (!k || !node_get_field(pat, k))
			return false;
	}
	return true;
}

static bool ints_equal(struct scope *x, const struct node *a, const struct node *b)
{
	long long va, vb;
	char *e = NULL;
	if (eval_int(x, a, &va, &e) || eval_int(x, b, &vb, &e)) {
		free(e);
		return false;
	}
	return va == vb;
}

static bool bytes_equal(struct scope *x, const struct node *a, const struct node *b)
{
	unsigned char ba[256], bb[256];
	size_t la, lb;
	char *e = NULL;
	if (eval_bytes(x, a, ba, sizeof(ba), &la, &e) || eval_bytes(x, b, bb, sizeof(bb), &lb, &e)) {
		free(e);
		return false;
	}
	return la == lb && memcmp(ba, bb, la) == 0;
}

bool match(struct scope *x, const struct node *pat, const struct node *act)
{
	if (!pat || !act)
		return pat == act;
	switch (pat->kind) {
	case N_WILD:
		return !pat->abstract || (act->kind == N_STR && act->abstract);
	case N_ELLIPSIS:
		return true;
	case N_VAR: {
		const struct node *b = var_get(x, pat->name);
		if (!b) {
			var_set(x, pat->name, act);
			return true;
		}
		return match(x, b, act);
	}
	case N_CMP: {
		long long a, want;
		char *e = NULL;
		if (eval_int(x, act, &a, &e) || eval_int(x, pat->kids[0], &want, &e)) {
			free(e);
			return false;
		}
		switch (pat->op) {
		case CMP_GT: return a > want;
		case CMP_GE: return a >= want;
		case CMP_LT: return a < want;
		case CMP_LE: return a <= want;
		default: return a != want;
		}
	}
	case N_REGEX:
		return match_regex(pat, act);
	case N_STR:
		return act->kind == N_STR && act->abstract == pat->abstract &&
		       act->len == pat->len && memcmp(act->bytes, pat->bytes, act->len) == 0;
	case N_NULL:
		return act->kind == N_NULL;
	case N_LIST:
		if (act->kind != N_LIST || act->nkids != pat->nkids)
			return false;
		for (size_t i = 0; i < pat->nkids; i++)
			if (!match(x, pat->kids[i], act->kids[i]))
				return false;
		return true;
	case N_STRUCT:
		return match_struct(x, pat, act);
	case N_REF:
		return act->kind == N_REF && strcmp(act->name, pat->name) == 0;
	case N_CALL:
		if (act->kind == N_CALL && !strcmp(act->name, pat->name) &&
		    act->nkids == pat->nkids && is_pattern_only(pat)) {
			for (size_t i = 0; i < pat->nkids; i++)
				if (!match(x, pat->kids[i], act->kids[i]))
					return false;
			return true;
		}
		if (value_func_find(pat->name) && value_func_find(pat->name)->eval_bytes)
			return bytes_equal(x, pat, act);
		return ints_equal(x, pat, act);
	case N_INT:
	case N_SYM:
	case N_OR:
	case N_HANDLE:
		return ints_equal(x, pat, act);
	}
	return false;
}
