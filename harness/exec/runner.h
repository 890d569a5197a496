/* SPDX-License-Identifier: MIT */
/*
 * Runs cases, each in a forked child inside its own namespaces and process
 * group, up to N at once, with a deadline per case.  A case that hangs is
 * killed with its whole process group; one that crashes is reported with
 * its signal; results are handed back in the order the items were given
 * whatever order they finished in.
 */
#ifndef SOCKSPEC_EXEC_RUNNER_H
#define SOCKSPEC_EXEC_RUNNER_H

#include "lang/case.h"
#include "exec/kernel.h"
#include "exec/record.h"

#include <stdbool.h>
#include <stddef.h>

struct run_item {
	struct tcase *tc;
	int mutant;		/* expectation to perturb (see mutate.h), -1 for none */
	struct case_result res;
	double timeout;		/* the deadline used */
};

struct runner_opts {
	int jobs;
	double timeout;		/* for cases that do not set their own */
	bool verbose;
	const struct kinfo *ki;
	bool host_root;
	void (*on_done)(struct run_item *it, void *arg);	/* in item order */
	void *arg;
};

/*
 * 0 when every item ran (whatever its status); -1 on a runner failure or
 * when SIGINT or SIGTERM stopped the run: the items before the first one
 * not run have been handed to on_done, the rest have none.
 */
int runner_run(struct run_item *items, size_t n, const struct runner_opts *o);
/* The signal that stopped the last runner_run(), 0 when none did. */
int runner_interrupted(void);

#endif
