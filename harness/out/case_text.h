/* SPDX-License-Identifier: MIT */
/*
 * A case's result as text for the formats that carry it in one field
 * (JUnit's <failure>, KCIDB's log_excerpt): the same lines KTAP prints as
 * diagnostics, and a one-line summary.
 */
#ifndef SOCKSPEC_OUT_CASE_TEXT_H
#define SOCKSPEC_OUT_CASE_TEXT_H

#include "exec/record.h"
#include "lang/case.h"

/* The reason (not for a skip), FILE:LINE: STEP, expected:, actual:; malloc'd, maybe "". */
char *case_text_body(const struct tcase *tc, const struct case_result *r);

/* One line: "expected: ...; actual: ...", "TIMEOUT after 1.0s: ...", the reason; malloc'd. */
char *case_text_summary(const struct case_result *r);

#endif
