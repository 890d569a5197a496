/* SPDX-License-Identifier: MIT */
/*
 * Functions a value may use: htons(80), if_nametoindex("veth0"),
 * inet_addr("127.0.0.1"), inet_pton(AF_INET6, "::1", &sin6_addr).  Each
 * group registers itself (core/registry.h), so the functions of an
 * address family live in its folder: lang/ has the byte-order and
 * interface-index ones, family/inet/ the address ones.
 */
#ifndef SOCKSPEC_CORE_VALFN_H
#define SOCKSPEC_CORE_VALFN_H

#include <stdbool.h>
#include <stddef.h>

struct scope;
struct node;

struct value_func {
	const char *name;
	int nargs;
	/*
	 * The call's value as an integer (htons(80)), or NULL.  CALL is the
	 * N_CALL node; its kids are the arguments as written.  0 ok, -1 with
	 * *err ("line:col: message").
	 */
	int (*eval_int)(struct scope *sc, const struct node *call, long long *v, char **err);
	/*
	 * The call's value as bytes (an address in network order), or NULL.
	 * A function with bytes compares by them, whatever notation the
	 * kernel's answer was printed in.
	 */
	int (*eval_bytes)(struct scope *sc, const struct node *call, unsigned char *out,
			  size_t cap, size_t *len, char **err);
};

struct valfn_table {
	const struct value_func *funcs;
	size_t n;
};

/* The function called NAME, or NULL. */
const struct value_func *value_func_find(const char *name);

#endif
