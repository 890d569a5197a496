/* SPDX-License-Identifier: MIT */
/*
 * A run as every output format sees it (out/sink.h): what it ran on and
 * how, the case files in plan order, and each case with its result.
 */
#ifndef SOCKSPEC_OUT_RUN_H
#define SOCKSPEC_OUT_RUN_H

#include "core/probe.h"
#include "core/status.h"
#include "exec/kernel.h"
#include "exec/record.h"
#include "lang/case.h"

#include <stdbool.h>
#include <stddef.h>

struct run_meta {
	const struct kinfo *ki;
	const char *mode;	/* "run" or "mutate" */
	char started[32];	/* ISO 8601 UTC */
	double duration;
	int jobs;
	double timeout;
	bool host_root;
	struct totals totals;
	int exit_code;
	const char *interrupted;	/* "INT", "TERM": the run was stopped; NULL: complete */
	const char *kcidb_origin;	/* --kcidb-origin; --kcidb-build-id or NULL (out/kcidb.h) */
	const char *kcidb_build_id;
	/* schema 2: the config symbols to record, and the probes run */
	const char *const *config_syms;
	size_t nconfig_syms;
	const struct probe *const *probes;	/* NULL: none run (probes: null) */
	const struct probe_result *probe_results;
	size_t nprobes;
};

/* One case and what became of it. */
struct case_entry {
	const struct tcase *tc;
	const struct case_result *res;
};

struct run_report {
	const struct run_meta *m;
	struct casefile *const *files;	/* plan order; parse errors included */
	size_t nfiles;
	const struct case_entry *cases;	/* the cases that have a result, in plan order */
	size_t ncases;
};

#endif
