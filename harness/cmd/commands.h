/* SPDX-License-Identifier: MIT */
/*
 * The subcommands main.c dispatches on its first argument:
 *
 *   sockspec coverage --doc socket.rst [FILE|DIR...]   which documented
 *       objects and labels the cases cite (cmd_coverage.c)
 *   sockspec diff OLD.json NEW.json   what changed between two --json
 *       records: regressions, fixes, availability (cmd_diff.c)
 *   sockspec availability --doc socket.rst [--results R.json...]   the
 *       availability notes naming Linux, checked against kernels
 *       (cmd_availability.c)
 *   sockspec matrix A.json B.json...   every case across kernels, side by
 *       side (cmd_matrix.c)
 *
 * Each returns the process exit status.
 */
#ifndef SOCKSPEC_CMD_COMMANDS_H
#define SOCKSPEC_CMD_COMMANDS_H

#include "exec/record.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

/* Exit statuses, the same for every subcommand (README.md). */
enum {
	EXIT_OK = 0,		/* done: the run passed, the report was printed */
	EXIT_FAIL = 1,		/* a case failed; diff: a regression */
	EXIT_USAGE = 2,		/* bad command line, unreadable or malformed input */
	EXIT_ALLSKIP = 4,	/* every case was skipped (kselftest's SKIP) */
};

#include "util/pathlist.h"

int cmd_run(int argc, char **argv);
int cmd_coverage(int argc, char **argv);
int cmd_diff(int argc, char **argv);
int cmd_availability(int argc, char **argv);
int cmd_matrix(int argc, char **argv);
int cmd_lint(int argc, char **argv);


/* How a case's status moved between two runs (`sockspec diff`). */
enum diff_kind {
	DIFF_SAME,		/* same status */
	DIFF_REGRESSION,	/* it passed (or was an expected failure, or was skipped) and now fails */
	DIFF_FIXED,		/* it failed and now passes */
	DIFF_AVAILABILITY,	/* it ran and now skips, or skipped and now runs (without failing) */
	DIFF_CHANGED,		/* anything else worth a look: xfail->xpass, fail->timeout... */
	DIFF_NEW,		/* only in the new run */
	DIFF_REMOVED,		/* only in the old run */
};

enum diff_kind diff_classify(enum status old, enum status new);

/*
 * S as the text of a Markdown table cell: characters Markdown would read
 * as markup escaped, '|' escaped, newlines as <br>, control characters
 * dropped.  Shared by both subcommands' --markdown output.
 */
void md_cell(FILE *f, const char *s);

/*
 * S for a terminal: control characters other than newline as \xNN (a
 * results file or case file could otherwise drive the terminal), each
 * line after the first indented by INDENT spaces.
 */
void text_out(FILE *f, const char *s, int indent);

#endif
