/* SPDX-License-Identifier: MIT */
/*
 * The KTAP of a run as its results arrive, in plan order: the version
 * line and plan, one subtest per case file (or, flat, one line per case) (opened at its first case,
 * closed with the file's own result line when the next file starts), a
 * file that did not parse as a failed result with its errors as
 * diagnostics, and the totals at the end.  The counts it keeps are the
 * run's one set of counts: every other output takes them from here.
 */
#ifndef SOCKSPEC_OUT_KTAP_STREAM_H
#define SOCKSPEC_OUT_KTAP_STREAM_H

#include "core/status.h"
#include "exec/record.h"
#include "lang/case.h"

#include <stdbool.h>
#include <stdio.h>

struct ktap_stream {
	FILE *f;
	bool verbose;
	/*
	 * flat: "TAP version 13" and one result line per case (and per file
	 * that does not parse) at the top level, as kselftest.h tests print:
	 * the form NIPA's parser reads (it finds a test's results only after
	 * a "TAP version " line, one level deep, with no nested subtests).
	 */
	bool flat;
	size_t flat_n;			/* flat: the last result's number */
	struct casefile *const *files;	/* plan order */
	const size_t *sel;		/* selected cases per file */
	size_t nfiles;
	size_t file_done;		/* files fully printed */
	size_t cur_file, cur_case;	/* file being printed and its last case number */
	bool in_file, file_failed;
	size_t file_skipped;
	struct totals totals;
};

/* The header: version, "# " line naming TITLE, the plan. */
void ktap_stream_begin(struct ktap_stream *k, const char *title);
/* TC's result R (its file's subtest opened, earlier files closed as needed). */
void ktap_stream_case(struct ktap_stream *k, const struct tcase *tc, const struct case_result *r);
/* Every file not printed yet, then the totals.  INCOMPLETE (an
 * interrupted run): only what was printed is closed, then that line
 * (a "Bail out!") comes before the totals. */
void ktap_stream_end(struct ktap_stream *k, const char *incomplete);

#endif
