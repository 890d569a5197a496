// SPDX-License-Identifier: MIT
/*
 * The address functions of a value, in strace's notation:
 * inet_addr("127.0.0.1") (4 bytes, or the u32 they make, in network order)
 * and inet_pton(AF_INET6, "::1", &sin6_addr) (16 bytes; the &field names
 * the structure member it stands in).
 */
#include "core/registry.h"
#include "core/valfn.h"
#include "lang/ast.h"
#include "lang/match.h"
#include "util/util.h"

#include <arpa/inet.h>
#include <stdint.h>
#include <string.h>

static int fail(char **err, const struct node *n, const char *what)
{
	*err = xasprintf("%d:%d: %s", n->line, n->col, what);
	return -1;
}

static int inet_addr_bytes(struct scope *sc, const struct node *n, unsigned char *out,
			   size_t cap, size_t *len, char **err)
{
	(void)sc;
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

static int inet_addr_int(struct scope *sc, const struct node *n, long long *v, char **err)
{
	unsigned char b[16];
	size_t len;
	if (inet_addr_bytes(sc, n, b, sizeof(b), &len, err))
		return -1;
	uint32_t u;
	memcpy(&u, b, 4);
	*v = u;
	return 0;
}

static int inet_pton_bytes(struct scope *sc, const struct node *n, unsigned char *out,
			   size_t cap, size_t *len, char **err)
{
	long long fam;
	if (eval_int(sc, n->kids[0], &fam, err))
		return -1;
	const struct node *s = n->kids[1];
	size_t need = fam == AF_INET6 ? 16 : 4;
	if ((fam != AF_INET && fam != AF_INET6) || s->kind != N_STR || cap < need ||
	    inet_pton((int)fam, (const char *)s->bytes, out) != 1)
		return fail(err, n, "inet_pton() takes AF_INET or AF_INET6 and an address string");
	*len = need;
	return 0;
}

static const struct value_func funcs[] = {
	{ "inet_addr", 1, inet_addr_int, inet_addr_bytes },
	{ "inet_pton", 3, NULL, inet_pton_bytes },
};

static const struct valfn_table inet_funcs = { funcs, ARRAY_SIZE(funcs) };
SOCKSPEC_REGISTER(valfn, struct valfn_table, inet_funcs);
