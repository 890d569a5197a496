/* SPDX-License-Identifier: MIT */
/*
 * The field-checking kit every codec uses (addresses, options, payloads,
 * ancillary data, call arguments), so a structure a case writes is read
 * and refused the same way everywhere.  Errors are "line:col: message" at
 * the node concerned (decoded and captured values have no position: then
 * the message alone, and the step's position is used).
 */
#ifndef SOCKSPEC_LANG_FIELDS_H
#define SOCKSPEC_LANG_FIELDS_H

#include "lang/ast.h"

#include <stddef.h>

struct scope;

/* *err = "line:col: message" at AT; returns -1. */
int field_error(char **err, const struct node *at, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* What a $variable captured (N itself when it is not one, or unbound). */
const struct node *field_deref(struct scope *sc, const struct node *n);

/* Every field of struct ST is in KNOWN (NULL-terminated), else
 * "KEY is not a field of WHAT" at the first other one. */
int fields_only(const struct node *st, const char *const *known, const char *what, char **err);

/* Integer field KEY of struct ST, DEF when absent. */
int field_int(struct scope *sc, const struct node *st, const char *key, long long def,
	      long long *v, char **err);

/* Integer field KEY as a u32 (0 when absent); -1..-2^31 wrap as C's
 * conversion would, anything outside int32..uint32 is "KEY is a 32-bit value". */
int field_u32(struct scope *sc, const struct node *st, const char *key, unsigned *out,
	      char **err);

/* The bytes of a string value (or a $variable holding one), not copied. */
int field_str(struct scope *sc, const struct node *n, const unsigned char **p, size_t *len,
	      char **err);

/*
 * Flag words as strace prints them: known bits by name, the rest as a
 * number; 0 stays 0.  A single name is a constant, several an or.
 */
struct flag_name {
	const char *name;
	long long bit;
};
#define FLAG_NAME(n) { #n, n }
struct node *flags_node(long long v, const struct flag_name *names, size_t n);

#endif
