/* SPDX-License-Identifier: MIT */
/*
 * The machine-readable record of a run (--json FILE), read by later tools
 * (regression diff across kernels, availability report).  Its layout is
 * documented in README.md under "JSON results"; bump JSON_SCHEMA on any
 * incompatible change.
 */
#ifndef SOCKSPEC_OUT_JSON_H
#define SOCKSPEC_OUT_JSON_H

#include "lang/case.h"
#include "exec/kernel.h"
#include "out/ktap.h"
#include "exec/probe.h"
#include "exec/record.h"

#include <stdio.h>

/*
 * 2: kernel.config (the values of the CONFIG_ symbols the availability
 * table and the cases' `requires config` name) and probes[] (the
 * availability probes, run after the cases).  Readers take 1 and 2
 * (results.h).
 */
#define JSON_SCHEMA 2

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
	/* schema 2: the config symbols to record, and the probes run */
	const char *const *config_syms;
	size_t nconfig_syms;
	const struct probe *const *probes;	/* NULL: none run (probes: null) */
	const struct probe_result *probe_results;
	size_t nprobes;
};

struct json_case {
	const struct tcase *tc;
	const struct case_result *res;
};

/* Write the whole record to PATH ("-" for stdout). 0 ok, -1 with errno. */
int json_write(const char *path, const struct run_meta *m, struct casefile *const *files,
	       size_t nfiles, const struct json_case *cases, size_t ncases);

/* JSON string literal of S (with quotes). */
void json_string(FILE *f, const char *s);

#endif
