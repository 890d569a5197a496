/* SPDX-License-Identifier: MIT */
/*
 * Values and patterns: evaluating what a case wrote (integers, address
 * helpers such as htons() and inet_pton()) and matching a pattern against
 * what the kernel returned, binding $variables on the way.
 */
#ifndef SOCKSPEC_LANG_MATCH_H
#define SOCKSPEC_LANG_MATCH_H

#include "lang/ast.h"
#include "lang/scope.h"

#include <stdbool.h>
#include <stddef.h>

struct scope;

/* Integer value of N.  0 ok; -1 with *err set (malloc'd) otherwise. */
int eval_int(struct scope *x, const struct node *n, long long *v, char **err);

/*
 * Bytes of N: a string, inet_addr("a.b.c.d") (4 bytes, network order) or
 * inet_pton(AF_INET6, "...", &f) (16 bytes).  *len gets the size; OUT has
 * room for CAP bytes.  0 ok, -1 with *err set.
 */
int eval_bytes(struct scope *x, const struct node *n, unsigned char *out, size_t cap,
	       size_t *len, char **err);

/* Does ACTUAL (a decoded value) fit PATTERN?  Binds unbound $variables. */
bool match(struct scope *x, const struct node *pattern, const struct node *actual);


#endif
