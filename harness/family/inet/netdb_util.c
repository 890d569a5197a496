// SPDX-License-Identifier: MIT
/* What the name-service and conversion calls share (netdb.h). */
#define _GNU_SOURCE
#include "core/callspec.h"
#include "core/registry.h"
#include "family/inet/netdb.h"
#include "sock/addr.h"
#include "lang/case.h"
#include "lang/consts.h"
#include "exec/interp.h"
#include "lang/match.h"
#include "util/util.h"

#include <arpa/inet.h>
#include <errno.h>
#include <net/if.h>
#include <netdb.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* ---- arguments ---- */

const struct node *netdb_arg_node(struct exec *x, const struct step *st, int i)
{
	const struct node *n = st->call_node->kids[i];
	if (n->kind == N_VAR) {
		const struct node *b = var_get(&x->sc, n->name);
		return b ? b : n;
	}
	return n;
}

bool netdb_arg_null(struct exec *x, const struct step *st, int i)
{
	return !arg_present(st, i) || netdb_arg_node(x, st, i)->kind == N_NULL;
}

/*
 * A string argument, NUL-terminated.  NULL when the case wrote NULL and
 * MAY_NULL, else only with o->error set.
 */
const char *netdb_arg_cstr(struct exec *x, const struct step *st, int i, bool may_null,
			    struct outcome *o)
{
	if (o->error)
		return NULL;
	const struct node *n = netdb_arg_node(x, st, i);
	if (n->kind == N_NULL && may_null)
		return NULL;
	if (n->kind == N_VAR) {
		step_error(o, n, "$%s is used before a step captured it", n->name);
		return NULL;
	}
	if (n->kind != N_STR || n->abstract) {
		step_error(o, st->call_node->kids[i], may_null ? "expected a string or NULL here"
							       : "expected a string here");
		return NULL;
	}
	return (const char *)n->bytes;
}

/* Bytes of argument I (a string, inet_addr(), inet_pton()) into OUT. */
size_t netdb_arg_bytes(struct exec *x, const struct step *st, int i, unsigned char *out,
			size_t cap, struct outcome *o)
{
	size_t len = 0;
	char *err = NULL;
	if (o->error)
		return 0;
	if (eval_bytes(&x->sc, st->call_node->kids[i], out, cap, &len, &err)) {
		step_error(o, NULL, "%s", err);
		free(err);
	}
	return len;
}

/* Optional integer argument I, between LO and HI, else DEF. */
long long netdb_arg_opt(struct exec *x, const struct step *st, int i, long long def,
			 long long lo, long long hi, struct outcome *o)
{
	if (!arg_present(st, i))
		return def;
	long long v = arg_int(x, st, i, o);
	if (!o->error && (v < lo || v > hi))
		step_error(o, st->call_node->kids[i], "expected %lld to %lld here", lo, hi);
	return v;
}

/*
 * A value struct such as getaddrinfo's hints: reject fields outside KNOWN,
 * so a misspelt field cannot silently pass as 0.
 */
bool netdb_fields_known(const struct node *n, const char *const *known, struct outcome *o)
{
	for (size_t i = 0; i < n->nkids; i++) {
		const struct node *e = n->kids[i];
		bool found = false;
		for (size_t j = 0; e->key && known[j]; j++)
			found |= !strcmp(e->key, known[j]);
		if (!found) {
			step_error(o, e, "'%s' is not a field here", e->key ? e->key : "this value");
			return false;
		}
	}
	return true;
}

/* ---- decoded values ---- */

struct node *netdb_str_or_null(const char *s)
{
	return s ? node_str(s, strlen(s)) : node_new(N_NULL);
}

struct node *netdb_str_list(char *const *v)
{
	struct node *l = node_new(N_LIST);
	for (size_t i = 0; v && v[i]; i++)
		node_push(l, node_str(v[i], strlen(v[i])));
	return l;
}

/* A constant by name (AF_INET, SOCK_DGRAM) when the headers have one; 0 stays 0. */
struct node *netdb_sym_or_int(long long v, const char *prefix)
{
	const char *nm = v ? consts_name(v, prefix) : NULL;
	return nm ? node_sym(nm, v) : node_int(v);
}

/* Flags as AI_PASSIVE|AI_CANONNAME, any unnamed bits as a number. */
struct node *netdb_flags_node(long long v, const char *prefix)
{
	struct node *or = node_new(N_OR);
	unsigned long long rest = (unsigned long long)v;
	for (int bit = 0; bit < 63 && rest; bit++) {
		const char *nm = consts_name(1LL << bit, prefix);
		if ((rest >> bit & 1) && nm) {
			node_push(or, node_sym(nm, 1LL << bit));
			rest &= ~(1ULL << bit);
		}
	}
	if (rest || !or->nkids)
		node_push(or, node_int((long long)rest));
	if (or->nkids > 1)
		return or;
	struct node *only = or->kids[0];
	or->nkids = 0;
	node_free(or);
	return only;
}

/*
 * An IPv4/IPv6 address libc stored, in the notation of HINT (the case's
 * pattern): raw bytes when the case wrote a string, so the expectation
 * does not come from the libc under test, else inet_addr()/inet_pton().
 */
struct node *netdb_ip_node(struct exec *x, int af, const void *p, size_t len,
			    const struct node *hint)
{
	if (hint && hint->kind == N_VAR)
		hint = var_get(&x->sc, hint->name);
	char buf[INET6_ADDRSTRLEN];
	bool known = (af == AF_INET && len == 4) || (af == AF_INET6 && len == 16);
	if ((hint && hint->kind == N_STR) || !known || !inet_ntop(af, p, buf, sizeof(buf)))
		return node_str(p, len);
	if (af == AF_INET)
		return node_call("inet_addr", node_str(buf, strlen(buf)));
	struct node *c = node_call("inet_pton", node_sym("AF_INET6", AF_INET6));
	node_push(c, node_str(buf, strlen(buf)));
	struct node *ref = node_new(N_REF);
	ref->name = xstrdup("in6_addr");
	node_push(c, ref);
	return c;
}
