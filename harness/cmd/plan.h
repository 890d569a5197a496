/* SPDX-License-Identifier: MIT */
/*
 * What a run is to do: the case files of the command line (or of the
 * default cases/ folder), parsed, and the cases the filters select.  A
 * file that does not parse keeps its place, so that every output reports
 * it where it stands.
 */
#ifndef SOCKSPEC_CMD_PLAN_H
#define SOCKSPEC_CMD_PLAN_H

#include "lang/case.h"
#include "util/pathlist.h"

#include <stdbool.h>
#include <stddef.h>

struct doc_index;

/*
 * The case files of ARGS (files as given, folders searched for *.case in
 * name order), or of the default folder when there are none: cases/ here,
 * else next to the program, else PREFIX/share/sockspec/cases for a program
 * installed as PREFIX/bin/sockspec.  0 ok, -1 after printing an error.
 */
int collect_cases(char *const *args, size_t nargs, struct path_list *out);

struct plan {
	struct casefile **files;	/* files with a selected case or a parse error, in order */
	size_t nfiles;
	size_t *sel;			/* selected cases per file */
	struct tcase **cases;		/* the selected cases, in order */
	size_t ncases;
	bool parse_errors;		/* some file did not parse (its errors went to stderr) */
};

/* Parse PATHS (doc targets checked against DOCS when not NULL) and select
 * the cases whose id matches one of the NFILTERS globs (all without any). */
void plan_build(struct plan *p, const struct path_list *paths, const struct doc_index *docs,
		char *const *filters, size_t nfilters);
void plan_free(struct plan *p);

#endif
