/* SPDX-License-Identifier: MIT */
/*
 * What the libc calls of family/inet/ share (netdb.c, convert.c): reading
 * their arguments and writing what libc returned in the case's notation.
 */
#ifndef SOCKSPEC_FAMILY_INET_NETDB_H
#define SOCKSPEC_FAMILY_INET_NETDB_H

#include "exec/interp.h"

#include <stdbool.h>
#include <stddef.h>

const struct node *netdb_arg_node(struct exec *x, const struct step *st, int i);
bool netdb_arg_null(struct exec *x, const struct step *st, int i);
const char *netdb_arg_cstr(struct exec *x, const struct step *st, int i, bool may_null,
			    struct outcome *o);
size_t netdb_arg_bytes(struct exec *x, const struct step *st, int i, unsigned char *out,
			size_t cap, struct outcome *o);
long long netdb_arg_opt(struct exec *x, const struct step *st, int i, long long def,
			 long long lo, long long hi, struct outcome *o);
bool netdb_fields_known(const struct node *n, const char *const *known, struct outcome *o);
struct node *netdb_str_or_null(const char *s);
struct node *netdb_str_list(char *const *v);
struct node *netdb_sym_or_int(long long v, const char *prefix);
struct node *netdb_flags_node(long long v, const char *prefix);
struct node *netdb_ip_node(struct exec *x, int af, const void *p, size_t len,
			    const struct node *hint);

#endif
