/* SPDX-License-Identifier: MIT */
/*
 * Symbolic constants (AF_*, SOCK_*, SO_*, errno names, ...) resolved from a
 * table that scripts/gen-consts builds from the system headers at build
 * time, so case files can name any constant the headers define without a
 * hand-kept list.
 */
#ifndef SOCKSPEC_LANG_CONSTS_H
#define SOCKSPEC_LANG_CONSTS_H

#include <stddef.h>

struct sym {
	const char *name;
	long long value;
};

/* Generated: sorted by name (strcmp order), no duplicate names. */
extern const struct sym consts_table[];
extern const size_t consts_table_len;
/* Generated: errno names only (EINVAL, EAGAIN, EWOULDBLOCK...), sorted. */
extern const struct sym errno_table[];
extern const size_t errno_table_len;

/* Value of constant NAME; 0 if found, -1 if the headers do not define it. */
int consts_lookup(const char *name, long long *value);

/*
 * A name for VALUE among the constants starting with PREFIX ("SOCK_",
 * "AF_"), or NULL when none matches.  Several names can share a value
 * (SOCK_STREAM and SOCK_SNDBUF_LOCK are both 1): the shortest, then the
 * first in table order, is chosen, so printers pass the narrowest prefix.
 */
const char *consts_name(long long value, const char *prefix);

/* errno number of NAME ("EINVAL"); 0 if found, -1 otherwise. */
int errno_lookup(const char *name, int *value);

/* Canonical name of errno value E ("EAGAIN" for 11), or NULL. */
const char *errno_name(int e);

#endif
