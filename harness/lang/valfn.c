// SPDX-License-Identifier: MIT
/*
 * The value functions of any family: byte order (htons(80) is what a port
 * field holds) and interface indexes (if_nametoindex("veth0"), looked up
 * in the namespace the step runs in).
 */
#include "core/registry.h"
#include "core/valfn.h"
#include "lang/ast.h"
#include "lang/match.h"
#include "util/util.h"

#include <arpa/inet.h>
#include <net/if.h>
#include <stdint.h>
#include <string.h>

static int fail(char **err, const struct node *n, const char *what)
{
	*err = xasprintf("%d:%d: %s", n->line, n->col, what);
	return -1;
}

static int eval_htons(struct scope *sc, const struct node *n, long long *v, char **err)
{
	long long a;
	if (eval_int(sc, n->kids[0], &a, err))
		return -1;
	if (a < 0 || a > 0xffff)
		return fail(err, n, "htons() takes 0..65535");
	*v = htons((uint16_t)a);
	return 0;
}

static int eval_htonl(struct scope *sc, const struct node *n, long long *v, char **err)
{
	long long a;
	if (eval_int(sc, n->kids[0], &a, err))
		return -1;
	if (a < 0 || a > 0xffffffffLL)
		return fail(err, n, "htonl() takes 0..4294967295");
	*v = htonl((uint32_t)a);
	return 0;
}

static int eval_ifindex(struct scope *sc, const struct node *n, long long *v, char **err)
{
	(void)sc;
	if (n->kids[0]->kind != N_STR)
		return fail(err, n, "if_nametoindex() takes an interface name string");
	unsigned idx = if_nametoindex((const char *)n->kids[0]->bytes);
	if (!idx)
		return fail(err, n, "if_nametoindex(): no such interface in this namespace");
	*v = idx;
	return 0;
}

static const struct value_func funcs[] = {
	{ "htons", 1, eval_htons, NULL },
	{ "htonl", 1, eval_htonl, NULL },
	{ "ntohs", 1, eval_htons, NULL },
	{ "ntohl", 1, eval_htonl, NULL },
	{ "if_nametoindex", 1, eval_ifindex, NULL },
};

static const struct valfn_table lang_funcs = { funcs, ARRAY_SIZE(funcs) };
SOCKSPEC_REGISTER(valfn, struct valfn_table, lang_funcs);
