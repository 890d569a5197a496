/* SPDX-License-Identifier: MIT */
#ifndef SOCKSPEC_LANG_ADDRCHECK_H
#define SOCKSPEC_LANG_ADDRCHECK_H

#include "lang/ast.h"

/*
 * Parse-time check of an address written in a case: sa_family present and,
 * for a family with a codec, only its fields.  0 ok; -1 with *col and *err.
 */
int addr_check_literal(const struct node *st, int *col, char **err);

#endif
