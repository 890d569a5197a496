// SPDX-License-Identifier: MIT
/*
 * sockspec availability --doc socket.rst [--results FILE.json ...]
 *                       [--markdown] [--json FILE] [--no-running] [--kconfig FILE]
 *
 * Every ".. availability::" note of the document that names Linux, checked
 * against kernels: the running one (its release, its config through the
 * kconfig reader, the probes of avail_table.c run now) and each results
 * record (the release, config symbols and probes it recorded, and its
 * cases).  A record of the running kernel's own release adds its cases to
 * the running kernel's column instead of making a column of its own.
 *
 * Each note gets a verdict per kernel (avail_judge): holds, absent because
 * of the config (naming the symbol), contradicted, not tested, or below
 * the note's minimum.  Notes about the same feature that give different
 * minimum versions, and a part documented as older than its family, are
 * listed as disagreements of the document with itself.
 */
#define _GNU_SOURCE
#include "cmd/avail_report.h"
#include "cmd/opts.h"

/* ---- the command ----------------------------------------------------------------------- */

static void usage(FILE *f)
{
	fputs("usage: sockspec availability --doc FILE [--results FILE.json ...] [--markdown]\n"
	      "                             [--json FILE] [--no-running] [--kconfig FILE]\n"
	      "Check every availability note of FILE (socket.rst) that names Linux against the\n"
	      "running kernel (release, config, probes run now) and the kernels of the given\n"
	      "results records (their release, recorded config and probes, and cases), and\n"
	      "list the notes that disagree with each other.\n\n"
	      "      --doc FILE        the document (required)\n"
	      "      --results FILE    a 'sockspec --json' record (repeatable); one of the\n"
	      "                        running kernel's release adds its cases to that column\n"
	      "      --markdown        print Markdown instead of the plain table\n"
	      "      --json FILE       also write the report as JSON ('-': stdout, instead)\n"
	      "      --no-running      leave the running kernel out\n"
	      "      --kconfig FILE    the running kernel's config (default /proc/config.gz,\n"
	      "                        /boot/config-RELEASE)\n"
	      "  -h, --help            show this help\n\n"
	      "Verdicts: holds; absent (config): a CONFIG_ symbol it needs is not set;\n"
	      "CONTRADICTED: newer than the minimum, config there, yet missing or different;\n"
	      "absent (no config): missing, no config to say why; not tested; below minimum.\n\n"
	      "Exit status: 0 report printed, 2 usage error, unreadable document or a\n"
	      "results file that is not a record.\n", f);
}

struct av_opts {
	const char *doc, *json, *kconfig;
	bool markdown, no_running;
	const char **results;
	size_t nresults;
};

static int parse_opts(int argc, char **argv, struct av_opts *o, int *rc)
{
	enum { OPT_DOC = 256, OPT_JSON, OPT_MARKDOWN, OPT_RESULTS, OPT_NO_RUNNING, OPT_KCONFIG };
	static const struct option longopts[] = {
		{ "doc", required_argument, NULL, OPT_DOC },
		{ "json", required_argument, NULL, OPT_JSON },
		{ "markdown", no_argument, NULL, OPT_MARKDOWN },
		{ "results", required_argument, NULL, OPT_RESULTS },
		{ "no-running", no_argument, NULL, OPT_NO_RUNNING },
		{ "kconfig", required_argument, NULL, OPT_KCONFIG },
		{ "help", no_argument, NULL, 'h' },
		{ 0 },
	};
	int c;
	opterr = 0;
	optind = 1;
	while ((c = getopt_long(argc, argv, ":h", longopts, NULL)) != -1) {
		switch (c) {
		case OPT_DOC: o->doc = optarg; break;
		case OPT_JSON: o->json = optarg; break;
		case OPT_MARKDOWN: o->markdown = true; break;
		case OPT_NO_RUNNING: o->no_running = true; break;
		case OPT_KCONFIG: o->kconfig = optarg; break;
		case OPT_RESULTS:
			o->results = xrealloc(o->results, (o->nresults + 1) * sizeof(*o->results));
			o->results[o->nresults++] = optarg;
			break;
		case 'h': usage(stdout); *rc = EXIT_OK; return -1;
		default:
			*rc = opt_rejected("availability", c, argv, longopts, ":h");
			return -1;
		}
	}
	if (optind < argc) {
		*rc = opt_error("availability", "unexpected argument '%s' (results files go after --results)",
				argv[optind]);
		return -1;
	}
	if (!o->doc) {
		*rc = opt_error("availability", "--doc FILE is required: the socket.rst whose notes to check");
		return -1;
	}
	if (o->no_running && !o->nresults) {
		*rc = opt_error("availability", "--no-running leaves no kernel without --results");
		return -1;
	}
	return 0;
}

static int report(const struct av *a, const struct av_opts *o)
{
	if (o->json && avail_json_report(o->json, a) < 0) {
		fprintf(stderr, "sockspec availability: writing %s: %s\n", o->json, strerror(errno));
		return EXIT_USAGE;
	}
	if (o->json && strcmp(o->json, "-") == 0)
		return EXIT_OK;
	if (o->markdown)
		md_report(stdout, a);
	else
		text_report(stdout, a);
	return fflush(stdout) ? EXIT_USAGE : EXIT_OK;
}

static void av_free(struct av *a)
{
	for (size_t i = 0; i < a->nrows; i++) {
		for (size_t k = 0; k < a->ncols; k++) {
			free(a->rows[i].cells[k].detail);
			free(a->rows[i].cells[k].config);
			free(a->rows[i].cells[k].cases);
		}
		free(a->rows[i].cells);
	}
	free(a->rows);
	for (size_t k = 0; k < a->ncols; k++) {
		if (a->cols[k].live) {
			kinfo_free(a->cols[k].ki);
			free(a->cols[k].ki);
			free(a->cols[k].probes);
		}
	}
	free(a->cols);
	for (size_t i = 0; i < a->nres; i++)
		results_free(&a->res[i]);
	free(a->res);
	free(a->probes);
	free(a->dis);
	doc_index_free(&a->di);
}

int cmd_availability(int argc, char **argv)
{
	struct av_opts o = { 0 };
	int rc;
	if (parse_opts(argc, argv, &o, &rc) < 0) {
		free(o.results);
		return rc;
	}
	struct av a = { .doc_path = o.doc };
	if (doc_index_load(&a.di, o.doc) < 0) {
		fprintf(stderr, "sockspec availability: --doc %s: %s\n", o.doc, strerror(errno));
		free(o.results);
		return EXIT_USAGE;
	}
	rc = EXIT_OK;
	a.res = xcalloc(o.nresults + 1, sizeof(*a.res));
	for (size_t i = 0; i < o.nresults; i++, a.nres++)
		if (results_load(&a.res[i], o.results[i], "sockspec availability") < 0)
			rc = EXIT_USAGE;	/* every file is read, and its problems shown */
	if (rc == EXIT_OK) {
		a.probes = avail_probes(&a.nprobes);
		if (build_cols(&a, !o.no_running, o.kconfig) < 0)
			rc = EXIT_USAGE;
	}
	if (rc == EXIT_OK) {
		build_rows(&a);
		rc = report(&a, &o);
	}
	av_free(&a);
	free(o.results);
	return rc;
}
