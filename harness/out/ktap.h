/* SPDX-License-Identifier: MIT */
/*
 * KTAP version 1 output, the format kselftest and KUnit print: a version
 * line, a plan, one nested subtest per case file, "# " diagnostic lines
 * before a failing result, and kselftest's closing "# Totals:" line.
 */
#ifndef SOCKSPEC_OUT_KTAP_H
#define SOCKSPEC_OUT_KTAP_H

#include "lang/case.h"
#include "exec/record.h"

#include <stdbool.h>
#include <stdio.h>

void ktap_header(FILE *f, int indent, const char *subtest, size_t plan);
/* Each line of TEXT as a "# " diagnostic (multi-line text allowed). */
void ktap_diag(FILE *f, int indent, const char *text);
void ktap_result(FILE *f, int indent, bool ok, size_t n, const char *name,
		 const char *directive);
/* A case's result line, preceded by its diagnostics when it did not pass. */
void ktap_case(FILE *f, int indent, size_t n, const struct tcase *tc,
	       const struct case_result *r, bool verbose);
/* kselftest's "# Totals:" line, then the plain "N passed, N failed, N skipped". */
void ktap_totals(FILE *f, const struct totals *t);

#endif
