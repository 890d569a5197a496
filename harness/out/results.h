/* SPDX-License-Identifier: MIT */
/*
 * Reading a --json results record back (README.md "JSON results"): the
 * kernel it ran on, what it recorded of that kernel's config and of the
 * availability probes (schema 2), and its cases sorted by id.  Shared by
 * `sockspec diff`, `sockspec matrix` and `sockspec availability`, so all
 * three accept the same records and report a bad one the same way:
 * "FILE:LINE:COL: error: message" on stderr.
 */
#ifndef SOCKSPEC_OUT_RESULTS_H
#define SOCKSPEC_OUT_RESULTS_H

#include "util/jsonread.h"
#include "exec/record.h"

#include <stddef.h>

/* The schemas this reader understands: 1 (no config, no probes) up to json.h's. */
#define RESULTS_SCHEMA_MIN 1
#define RESULTS_SCHEMA_MAX 2

struct rcase {
	const char *id, *file, *family, *doc, *reason;
	enum status status;
	int step_line;			/* 0: no step */
	const char *call, *expected, *actual;
	const struct jv *at;		/* the case object, for error positions */
};

struct rfile {
	const char *path, *errors;
};

struct results {
	const char *path;
	struct jv root;
	int schema;
	const char *release, *version, *machine, *started, *mode, *config_source;
	const struct jv *config;	/* kernel.config: object of CONFIG_X -> value|null, or NULL */
	const struct jv *probes;	/* probes: array of {probe, result, detail}, or NULL */
	const struct jv *totals;
	struct rcase *cases;		/* sorted by id */
	size_t n;
	struct rfile *files;
	size_t nfiles;
};

/*
 * Read and check the record at PATH into *R.  0 ok; -1 after printing the
 * problem (PROG names the command in "PROG: PATH: strerror" messages).
 * *R must be freed with results_free() either way.
 */
int results_load(struct results *r, const char *path, const char *prog);
void results_free(struct results *r);

/* The case called ID, or NULL. */
const struct rcase *results_find(const struct results *r, const char *id);

/* The parse errors the record has for the case file at PATH, or NULL. */
const char *results_file_errors(const struct results *r, const char *path);

/*
 * What the record says of config symbol SYM ("CONFIG_CAN"): *KNOWN false
 * when it recorded no config or not this symbol; else the value ("y",
 * "m", "64") or NULL for "is not set".
 */
const char *results_config(const struct results *r, const char *sym, bool *known);

/* "pass 518, fail 0, ...", from the totals (or counted from the cases); malloc'd. */
char *results_totals_text(const struct results *r);


#endif
