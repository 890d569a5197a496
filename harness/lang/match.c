// SPDX-License-Identifier: MIT
#define _GNU_SOURCE
#include "lang/match.h"
#include "exec/interp.h"
#include "util/util.h"

#include <arpa/inet.h>
#include <net/if.h>
#include <regex.h>
#include <stdlib.h>
#include <string.h>

bool value_func_known(const char *name, int *nargs)
{
	static const struct { const char *name; int nargs; } funcs[] = {
		{ "htons", 1 }, { "htonl", 1 }, { "ntohs", 1 }, { "ntohl", 1 },
		{ "inet_addr", 1 }, { "inet_pton", 3 }, { "if_nametoindex", 1 },
	};
	for (size_t i = 0; i < ARRAY_SIZE(funcs); i++)
		if (strcmp(funcs[i].name, name) == 0) {
			*nargs = funcs[i].nargs;
			return true;
		}
	return false;
}

const struct node *var_get(struct exec *x, const char *name)
{
	for (size_t i = 0; i < x->nvars; i++)
		if (strcmp(x->vars[i].name, name) == 0)
			return x->vars[i].val;
	return NULL;
}

static void var_set(struct exec *x, const char *name, const struct node *v)
{
	x->vars = xrealloc(x->vars, (x->nvars + 1) * sizeof(*x->vars));
	x->vars[x->nvars].name = xstrdup(name);
	struct node *c = node_clone(v);
	free(c->key);
	c->key = NULL;
	x->vars[x->nvars++].val = c;
}

static int fail(char **err, const struct node *n, const char *what)
{
	*err = xasprintf("%d:%d: %s", n->line, n->col, what);
	return -1;
}

int eval_int(struct exec *x, const struct node *n, long long *v, char **err)
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
	case N_CALL:
		if (!strcmp(n->name, "if_nametoindex")) {
			if (n->kids[0]->kind != N_STR)
				return fail(err, n, "if_nametoindex() takes an interface name string");
			unsigned idx = if_nametoindex((const char *)n->kids[0]->bytes);
			if (!idx)
				return fail(err, n, "if_nametoindex(): no such interface in this namespace");
			*v = idx;
			return 0;
		}
		if (!strcmp(n->name, "inet_addr")) {
			unsigned char b[16];
			size_t len;
			if (eval_bytes(x, n, b, sizeof(b), &len, err))
				return -1;
			uint32_t u;
			memcpy(&u, b, 4);
			*v = u;
			return 0;
		}
		if (eval_int(x, n->kids[0], &a, err))
			return -1;
		if (!strcmp(n->name, "htons") || !strcmp(n->name, "ntohs")) {
			if (a < 0 || a > 0xffff)
				return fail(err, n, "htons() takes 0..65535");
			*v = htons((uint16_t)a);
		} else if (!strcmp(n->name, "htonl") || !strcmp(n->name, "ntohl")) {
			if (a < 0 || a > 0xffffffffLL)
				return fail(err, n, "htonl() takes 0..4294967295");
			*v = htonl((uint32_t)a);
		} else {
			return fail(err, n, "this function has no integer value");
		}
		return 0;
	default:
		return fail(err, n, "expected an integer value here");
	}
}

int eval_bytes(struct exec *x, const struct node *n, unsigned char *out, size_t cap,
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
	if (n->kind == N_CALL && !strcmp(n->name, "inet_addr")) {
		const struct node *s = n->kids[0];
		struct in_addr a;
		if (s->kind != N_STR || inet_pton(AF_INET, (const char *)s->bytes, &a) != 1)
			return fail(err, n, "inet_addr() takes a dotted-quad IPv4 address string");
		if (cap < 4)
			return fail(err, n, "no room for an IPv4 address");
		memcpy(out, &a, 4);
		*len = 4;
		return 0;
	}
	if (n->kind == N_CALL && !strcmp(n->name, "inet_pton")) {
		long long fam;
		if (eval_int(x, n->kids[0], &fam, err))
			return -1;
		const struct node *s = n->kids[1];
		size_t need = fam == AF_INET6 ? 16 : 4;
		if ((fam != AF_INET && fam != AF_INET6) || s->kind != N_STR || cap < need ||
		    inet_pton((int)fam, (const char *)s->bytes, out) != 1)
			return fail(err, n, "inet_pton() takes AF_INET or AF_INET6 and an address string");
		*len = need;
		return 0;
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

static bool match_struct(struct exec *x, const struct node *pat, const struct node *act)
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

static bool ints_equal(struct exec *x, const struct node *a, const struct node *b)
{
	long long va, vb;
	char *e = NULL;
	if (eval_int(x, a, &va, &e) || eval_int(x, b, &vb, &e)) {
		free(e);
		return false;
	}
	return va == vb;
}

static bool bytes_equal(struct exec *x, const struct node *a, const struct node *b)
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

bool match(struct exec *x, const struct node *pat, const struct node *act)
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
		if (!strcmp(pat->name, "inet_addr") || !strcmp(pat->name, "inet_pton"))
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
