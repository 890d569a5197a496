/* SPDX-License-Identifier: MIT */
/*
 * --mutate: a case as written, then each of its mutants (lang/mutate.h),
 * folded into the case's one verdict.  It passes when the case passes as
 * written and every mutant fails; a surviving mutant, a case with nothing
 * that could fail, or a case that does not pass as written is reported in
 * the reason.
 */
#ifndef SOCKSPEC_EXEC_MUTATION_H
#define SOCKSPEC_EXEC_MUTATION_H

#include "exec/runner.h"
#include "util/util.h"

#include <stdbool.h>
#include <stddef.h>

struct mutation_fold {
	struct case_result base;	/* the case as written */
	size_t total, seen;		/* its mutants, and how many have come back */
	struct sbuf survived;
};

/*
 * Take IT's result (item -1 is the case as written, then one item per
 * mutant, in order; IT's result is moved out).  True when that was the
 * last of the case: *VERDICT is then its verdict, owned by the caller.
 */
bool mutation_add(struct mutation_fold *m, struct run_item *it, struct case_result *verdict);
void mutation_fold_free(struct mutation_fold *m);

#endif
