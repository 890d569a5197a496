// SPDX-License-Identifier: MIT
/*
 * `sockspec lint [--doc FILE] [FILE|DIR...]`: parse every case file and
 * report every error at once (each with file:line:col), doc targets
 * checked against FILE or the built-in socket.rst, and run nothing.  For
 * case authors and for CI before a run: exit 0 clean, 2 on any error.
 */
#include "cmd/commands.h"
#include "cmd/opts.h"
#include "cmd/plan.h"
#include "docs/builtin.h"
#include "docs/targets.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

static void usage(FILE *f)
{
	fputs("usage: sockspec lint [--doc FILE] [FILE|DIR...]\n"
	      "Parse the case files (default: the cases/ directory) and report every\n"
	      "error, with file:line:col; run nothing.  Each case's doc target must be\n"
	      "in FILE, or in the socket.rst built into the program.\n\n"
	      "      --doc FILE  the document the doc lines cite\n"
	      "  -h, --help      show this help\n\n"
	      "Exit status: 0 every file parses, 2 an error (or a usage error).\n", f);
}

int cmd_lint(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "doc", required_argument, NULL, 'd' },
		{ "help", no_argument, NULL, 'h' },
		{ 0 },
	};
	static const char shortopts[] = ":h";
	const char *doc = NULL;
	int c;
	opterr = 0;
	optind = 1;
	while ((c = getopt_long(argc, argv, shortopts, longopts, NULL)) != -1) {
		switch (c) {
		case 'd': doc = optarg; break;
		case 'h': usage(stdout); return EXIT_OK;
		default: return opt_rejected("lint", c, argv, longopts, shortopts);
		}
	}
	struct doc_index docs = { 0 };
	bool have_docs = true;
	if (doc && doc_index_load(&docs, doc) < 0)
		return opt_error("lint", "--doc %s: %s", doc, strerror(errno));
	if (!doc && doc_index_builtin(&docs) < 0)
		have_docs = false;
	struct path_list paths = { 0 };
	int rc = EXIT_OK;
	if (collect_cases(argv + optind, (size_t)(argc - optind), &paths)) {
		rc = EXIT_USAGE;
	} else {
		struct plan p;
		plan_build(&p, &paths, have_docs ? &docs : NULL, NULL, 0);
		size_t bad = 0;
		for (size_t i = 0; i < p.nfiles; i++)
			bad += p.files[i]->errors != NULL;
		printf("sockspec lint: %zu file%s, %zu case%s, %zu file%s with errors; doc targets %s%s\n",
		       paths.n, paths.n == 1 ? "" : "s", p.ncases, p.ncases == 1 ? "" : "s", bad,
		       bad == 1 ? "" : "s", have_docs ? "checked against " : "not checked (no document)",
		       have_docs ? docs.path : "");
		rc = bad ? EXIT_USAGE : EXIT_OK;
		plan_free(&p);
	}
	path_list_free(&paths);
	doc_index_free(&docs);
	return rc;
}
