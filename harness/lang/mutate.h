/* SPDX-License-Identifier: MIT */
/*
 * Mutation check: a case that cannot fail is a defect.  Each concrete
 * expectation of a case (a return value, an errno, a leaf of an
 * out-parameter pattern, a time bound) is a mutation point; perturbing any
 * one of them must make the case fail on the same kernel.
 */
#ifndef SOCKSPEC_LANG_MUTATE_H
#define SOCKSPEC_LANG_MUTATE_H

#include "lang/case.h"

#include <stddef.h>

/* Number of mutation points in TC. */
size_t mutate_count(const struct tcase *tc);

/* "file:line:col: = 0 becomes = 1" for point K, without changing TC. */
char *mutate_describe(const struct tcase *tc, size_t k);

/* Perturb point K of TC in place (done in the case's child process). */
char *mutate_apply(struct tcase *tc, size_t k);

#endif
