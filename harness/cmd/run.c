// SPDX-License-Identifier: MIT
/*
 * `sockspec [OPTIONS] [FILE|DIR...]`: run the selected cases against the
 * running kernel and report them.  Everything that can be refused is
 * refused before the first case runs: the options, the --doc file, the
 * case files' syntax, an empty selection, and every output path.
 */
#define _GNU_SOURCE
#include "avail/avail.h"
#include "avail/fragment.h"
#include "cmd/commands.h"
#include "cmd/opts.h"
#include "cmd/plan.h"
#include "core/family.h"
#include "core/version.h"
#include "docs/builtin.h"
#include "docs/targets.h"
#include "exec/kernel.h"
#include "exec/mutation.h"
#include "exec/probe.h"
#include "exec/runner.h"
#include "lang/mutate.h"
#include "out/json.h"
#include "out/junit.h"
#include "out/kcidb.h"
#include "out/ktap_stream.h"
#include "out/run.h"
#include "out/sink.h"
#include "util/util.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

/* The output files a run can write, in the order their options are shown. */
static const struct sink_format *const formats[] = { &sink_json, &sink_junit, &sink_kcidb };
#define NFORMATS (sizeof(formats) / sizeof(formats[0]))

struct run_opts {
	int jobs;
	double timeout;
	bool verbose, list, mutate, fragment, flat, vm_only;
	const char *out[NFORMATS];	/* per format: its path, or NULL */
	const char *doc, *kconfig;
	const char *kcidb_origin, *kcidb_build_id;
	char **filters;
	size_t nfilters;
	size_t nfilters_given;	/* those of -f; the rest (--vm-only's) are malloc'd */
};

static void usage(FILE *f)
{
	fputs("usage: sockspec [OPTIONS] [FILE|DIR...]\n"
	      "       sockspec coverage --doc FILE [--markdown] [--json FILE] [FILE|DIR...]\n"
	      "       sockspec diff [--markdown] OLD.json NEW.json\n"
	      "       sockspec availability --doc FILE [--results R.json...] [--markdown] [--json FILE]\n"
	      "       sockspec matrix [--markdown|--html] [--output FILE] R.json...\n"
	      "       sockspec lint [--doc FILE] [FILE|DIR...]\n"
	      "Run socket conformance cases (default: the cases/ directory) against the\n"
	      "running kernel, each in its own network namespace, and print KTAP.\n\n"
	      "  -l, --list          list the selected case ids and exit\n"
	      "  -f, --filter GLOB   run only cases whose id matches GLOB (repeatable)\n"
	      "      --vm-only       select the cases of the families this project's own\n"
	      "                      machine lacks (make check-vm mutation-checks them in guests)\n"
	      "  -j, --jobs N        run N cases at once (default: number of CPUs)\n"
	      "  -v, --verbose       trace every step in strace notation\n"
	      "      --flat          print TAP version 13, one line per case, as kselftest.h\n"
	      "                      tests do (what NIPA's parser reads), not nested KTAP\n"
	      "  -t, --timeout S     seconds a case may take unless it sets its own (default 10)\n"
	      "      --json FILE     write machine-readable results to FILE ('-' for stdout)\n"
	      "      --junit FILE    write JUnit XML results to FILE ('-' for stdout)\n"
	      "      --kcidb FILE    write KCIDB I/O v5.3 tests to FILE ('-' for stdout);\n"
	      "                      needs --kcidb-origin\n"
	      "      --kcidb-origin ORIGIN  the CI system submitting them ([a-z0-9_]+)\n"
	      "      --kcidb-build-id ID    the kernel build they ran on (ORIGIN:...;\n"
	      "                      default ORIGIN:RELEASE)\n"
	      "      --doc FILE      check every case's doc target against FILE instead of\n"
	      "                      the socket.rst built into the program\n"
	      "      --kconfig FILE  read the kernel config from FILE instead of\n"
	      "                      /proc/config.gz or /boot/config-RELEASE\n"
	      "      --mutate        perturb each expectation of each case in turn and check\n"
	      "                      that the case then fails (a case must be able to fail)\n"
	      "      --config-fragment  print the kernel config the selected cases need\n"
	      "                      (CONFIG_X=y lines, a kselftest config fragment) and exit\n"
	      "  -h, --help          show this help\n"
	      "  -V, --version       show the version\n\n"
	      "Output files are checked before the first case runs, written whole to a\n"
	      "temporary file beside the target and renamed into place; when a file takes\n"
	      "standard output ('-'), the KTAP goes to standard error.  An interrupted run\n"
	      "(SIGINT, SIGTERM) stops its cases and still writes what it has, marked\n"
	      "interrupted.\n\n"
	      "'sockspec SUBCOMMAND --help' describes each subcommand; man sockspec, everything.\n\n"
	      "Exit status: 0 all cases that ran passed, 1 a case failed, 2 usage or parse\n"
	      "error, 4 every case was skipped, 128+N interrupted by signal N.\n", f);
}

/* 0 to go on; otherwise *RC is the exit status (--help and --version: 0). */
static int parse_opts(int argc, char **argv, struct run_opts *o, int *rc)
{
	long ncpu = sysconf(_SC_NPROCESSORS_ONLN);
	o->jobs = ncpu > 0 ? (int)ncpu : 1;
	o->timeout = 10;
	enum { OPT_OUT = 256, OPT_DOC = OPT_OUT + (int)NFORMATS, OPT_KCONFIG, OPT_MUTATE,
	       OPT_FRAGMENT, OPT_KCIDB_ORIGIN, OPT_KCIDB_BUILD, OPT_FLAT, OPT_VM_ONLY };
	static const struct option longopts[] = {
		{ "list", no_argument, NULL, 'l' },
		{ "filter", required_argument, NULL, 'f' },
		{ "jobs", required_argument, NULL, 'j' },
		{ "verbose", no_argument, NULL, 'v' },
		{ "flat", no_argument, NULL, OPT_FLAT },
		{ "vm-only", no_argument, NULL, OPT_VM_ONLY },
		{ "timeout", required_argument, NULL, 't' },
		{ "json", required_argument, NULL, OPT_OUT + 0 },
		{ "junit", required_argument, NULL, OPT_OUT + 1 },
		{ "kcidb", required_argument, NULL, OPT_OUT + 2 },
		{ "kcidb-origin", required_argument, NULL, OPT_KCIDB_ORIGIN },
		{ "kcidb-build-id", required_argument, NULL, OPT_KCIDB_BUILD },
		{ "doc", required_argument, NULL, OPT_DOC },
		{ "kconfig", required_argument, NULL, OPT_KCONFIG },
		{ "mutate", no_argument, NULL, OPT_MUTATE },
		{ "config-fragment", no_argument, NULL, OPT_FRAGMENT },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ 0 },
	};
	_Static_assert(NFORMATS == 3, "one long option per output format");
	static const char shortopts[] = ":lf:j:vt:hV";
	int c;
	double d;
	opterr = 0;
	while ((c = getopt_long(argc, argv, shortopts, longopts, NULL)) != -1) {
		switch (c) {
		case 'l': o->list = true; break;
		case 'f':
			o->filters = xrealloc(o->filters, (o->nfilters + 1) * sizeof(char *));
			o->filters[o->nfilters++] = optarg;
			break;
		case 'j':
			if (!opt_number(optarg, 1, 1024, &d) || d != (int)d) {
				*rc = opt_error(NULL, "-j takes a whole number from 1 to 1024, not '%s'",
						optarg);
				return -1;
			}
			o->jobs = (int)d;
			break;
		case 'v': o->verbose = true; break;
		case 't':
			if (!opt_number(optarg, 0.001, 3600, &d)) {
				*rc = opt_error(NULL, "--timeout takes seconds from 0.001 to 3600, not '%s'",
						optarg);
				return -1;
			}
			o->timeout = d;
			break;
		case OPT_DOC: o->doc = optarg; break;
		case OPT_KCONFIG: o->kconfig = optarg; break;
		case OPT_MUTATE: o->mutate = true; break;
		case OPT_FRAGMENT: o->fragment = true; break;
		case OPT_FLAT: o->flat = true; break;
		case OPT_VM_ONLY: o->vm_only = true; break;
		case OPT_KCIDB_ORIGIN:
			if (!kcidb_origin_ok(optarg)) {
				*rc = opt_error(NULL, "--kcidb-origin takes a name of [a-z0-9_]+ (KCIDB's "
						"rule), not '%s'", optarg);
				return -1;
			}
			o->kcidb_origin = optarg;
			break;
		case OPT_KCIDB_BUILD:
			if (!kcidb_id_ok(optarg)) {
				*rc = opt_error(NULL, "--kcidb-build-id takes ORIGIN:ID with ORIGIN of "
						"[a-z0-9_]+ (KCIDB's rule), not '%s'", optarg);
				return -1;
			}
			o->kcidb_build_id = optarg;
			break;
		case 'h': usage(stdout); *rc = EXIT_OK; return -1;
		case 'V':
			printf("sockspec %s (%s)\n", SOCKSPEC_VERSION, SOCKSPEC_COMMIT);
			*rc = EXIT_OK;
			return -1;
		case ':':
		case '?':
			*rc = opt_rejected(NULL, c, argv, longopts, shortopts);
			return -1;
		default:
			if (c >= OPT_OUT && c < OPT_OUT + (int)NFORMATS) {
				o->out[c - OPT_OUT] = optarg;
				break;
			}
			*rc = opt_error(NULL, "unknown option '%s'", argv[optind - 1]);
			return -1;
		}
	}
	/* the KCIDB ids are asked for with the file, and only then */
	bool kcidb = o->out[2] != NULL;
	if (kcidb && !o->kcidb_origin) {
		*rc = opt_error(NULL, "--kcidb needs --kcidb-origin ORIGIN: the name of the CI "
				"system that submits the results");
		return -1;
	}
	if (!kcidb && (o->kcidb_origin || o->kcidb_build_id)) {
		*rc = opt_error(NULL, "%s without --kcidb FILE", o->kcidb_origin ? "--kcidb-origin"
										 : "--kcidb-build-id");
		return -1;
	}
	return 0;
}

/* --vm-only: one filter per family whose descriptor says vm_only, its cases folder and a star. */
static void add_vm_only_filters(struct run_opts *o)
{
	o->nfilters_given = o->nfilters;
	size_t n;
	const struct sockspec_family *const *fams = families(&n);
	for (size_t i = 0; i < n; i++) {
		if (!fams[i]->vm_only || !fams[i]->cases)
			continue;
		o->filters = xrealloc(o->filters, (o->nfilters + 1) * sizeof(char *));
		o->filters[o->nfilters++] = xasprintf("%s/*", fams[i]->cases);
	}
}

/* Two outputs on one file (or both on standard output) would overwrite each other. */
static int check_outputs_distinct(const struct run_opts *o)
{
	for (size_t i = 0; i < NFORMATS; i++)
		for (size_t j = i + 1; o->out[i] && j < NFORMATS; j++) {
			if (!o->out[j])
				continue;
			struct stat a, b;
			bool same = !strcmp(o->out[i], o->out[j]) ||
				    (stat(o->out[i], &a) == 0 && stat(o->out[j], &b) == 0 &&
				     a.st_dev == b.st_dev && a.st_ino == b.st_ino);
			if (same)
				return opt_error(NULL, "%s and %s both name '%s': give each its own file",
						 formats[i]->option, formats[j]->option, o->out[i]);
		}
	return 0;
}

/* ---- a second signal while the results are written ---- */

static void die_on_signal(int sig)
{
	sink_discard_all_unsafe();
	signal(sig, SIG_DFL);
	raise(sig);
}

/* ---- the run ---- */

struct run {
	const struct run_opts *o;
	struct ktap_stream ktap;
	struct case_entry *entries;	/* one per case with a result */
	struct case_result *results;
	size_t nentries;
	struct mutation_fold fold;
};

static void record(struct run *r, const struct tcase *tc, struct case_result *res)
{
	ktap_stream_case(&r->ktap, tc, res);
	r->results[r->nentries] = *res;
	r->entries[r->nentries] = (struct case_entry){ .tc = tc, .res = &r->results[r->nentries] };
	r->nentries++;
	memset(res, 0, sizeof(*res));
}

static void on_done(struct run_item *it, void *arg)
{
	struct run *r = arg;
	if (!r->o->mutate) {
		record(r, it->tc, &it->res);
		return;
	}
	struct case_result verdict;
	if (mutation_add(&r->fold, it, &verdict))
		record(r, it->tc, &verdict);
}

static int exit_status(const struct totals *t, bool parse_errors, int rrc, int sig)
{
	if (sig)
		return 128 + sig;
	int ran = 0, failed = 0;
	for (int s = 0; s < ST__COUNT; s++) {
		ran += s != ST_SKIP ? t->n[s] : 0;
		failed += status_is_failure((enum status)s) ? t->n[s] : 0;
	}
	if (parse_errors || rrc < 0)
		return EXIT_USAGE;
	if (failed)
		return EXIT_FAIL;
	if (!ran && t->n[ST_SKIP])
		return EXIT_ALLSKIP;
	return EXIT_OK;
}

static int run(const struct run_opts *o, const struct plan *p, struct sink *sinks,
	       FILE *ktap_out, const struct kinfo *ki)
{
	struct run_meta meta = { .ki = ki, .mode = o->mutate ? "mutate" : "run",
				 .jobs = o->jobs, .timeout = o->timeout,
				 .host_root = geteuid() == 0, .kcidb_origin = o->kcidb_origin,
				 .kcidb_build_id = o->kcidb_build_id };
	time_t t0 = time(NULL);
	strftime(meta.started, sizeof(meta.started), "%Y-%m-%dT%H:%M:%SZ", gmtime(&t0));
	double start = now_mono();

	size_t nitems = 0;
	for (size_t i = 0; i < p->ncases; i++)
		nitems += 1 + (o->mutate ? mutate_count(p->cases[i]) : 0);
	struct run_item *items = xcalloc(nitems + 1, sizeof(*items));
	size_t k = 0;
	for (size_t i = 0; i < p->ncases; i++) {
		items[k++] = (struct run_item){ .tc = p->cases[i], .mutant = -1 };
		size_t m = o->mutate ? mutate_count(p->cases[i]) : 0;
		for (size_t j = 0; j < m; j++)
			items[k++] = (struct run_item){ .tc = p->cases[i], .mutant = (int)j };
	}

	struct run r = { .o = o };
	r.ktap = (struct ktap_stream){ .f = ktap_out, .verbose = o->verbose, .flat = o->flat,
				       .files = p->files,
				       .sel = p->sel, .nfiles = p->nfiles };
	r.entries = xcalloc(p->ncases + 1, sizeof(*r.entries));
	r.results = xcalloc(p->ncases + 1, sizeof(*r.results));
	char *title = xasprintf("sockspec %s on Linux %s (%s)%s", SOCKSPEC_VERSION, ki->release,
				ki->machine, o->mutate ? ", mutation check" : "");
	ktap_stream_begin(&r.ktap, title);
	free(title);
	struct runner_opts ro = { .jobs = o->jobs, .timeout = o->timeout, .verbose = o->verbose,
				  .ki = ki, .host_root = meta.host_root, .on_done = on_done,
				  .arg = &r };
	int rrc = runner_run(items, nitems, &ro);
	int sig = runner_interrupted();
	/* from here on a signal ends the process, leaving no temporary file */
	signal(SIGINT, die_on_signal);
	signal(SIGTERM, die_on_signal);
	char *why = NULL;
	if (sig) {
		char *what = xasprintf("interrupted by SIG%s after %zu of %zu cases: the results are "
				       "incomplete", sigabbrev_np(sig) ? sigabbrev_np(sig) : "?",
				       r.nentries, p->ncases);
		fprintf(stderr, "sockspec: %s\n", what);
		why = xasprintf("Bail out! %s", what);
		free(what);
	}
	ktap_stream_end(&r.ktap, why);
	int rc = exit_status(&r.ktap.totals, p->parse_errors, rrc, sig);
	meta.totals = r.ktap.totals;
	meta.duration = now_mono() - start;
	meta.exit_code = rc;
	meta.interrupted = sig ? sigabbrev_np(sig) : NULL;
	/*
	 * For availability reports on this kernel later (schema 2): its
	 * config as far as the table and the cases care, and the probes,
	 * run after the cases so the modules they load cannot change a case.
	 * An interrupted run skips them: the user asked it to stop.
	 */
	size_t nsyms = 0, nprobes = 0;
	char **syms = NULL;
	const struct probe **probes = NULL;
	struct probe_result *pres = NULL;
	if (o->out[0]) {
		syms = avail_record_symbols(p->cases, p->ncases, &nsyms);
		meta.config_syms = (const char *const *)syms;
		meta.nconfig_syms = nsyms;
		if (!sig) {
			probes = avail_probes(&nprobes);
			pres = xcalloc(nprobes + 1, sizeof(*pres));
			probe_run_all(probes, nprobes, meta.host_root, pres);
			meta.probes = probes;
			meta.probe_results = pres;
			meta.nprobes = nprobes;
		}
	}
	struct run_report rep = { .m = &meta, .files = p->files, .nfiles = p->nfiles,
				  .cases = r.entries, .ncases = r.nentries };
	for (size_t i = 0; i < NFORMATS; i++) {
		char *err = NULL;
		if (sinks[i].fmt && sink_commit(&sinks[i], &rep, &err) < 0) {
			fprintf(stderr, "sockspec: %s\n", err);
			free(err);
			if (!sig)
				rc = EXIT_USAGE;
		}
	}
	free(why);
	for (size_t i = 0; i < nsyms; i++)
		free(syms[i]);
	free(syms);
	free(probes);
	free(pres);
	for (size_t i = 0; i < r.nentries; i++)
		case_result_free(&r.results[i]);
	for (size_t i = 0; i < nitems; i++)
		case_result_free(&items[i].res);
	mutation_fold_free(&r.fold);
	free(r.results);
	free(r.entries);
	free(items);
	return rc;
}

/* Open every output before anything runs.  0, or the exit status. */
static int open_sinks(const struct run_opts *o, struct sink *sinks)
{
	int rc = check_outputs_distinct(o);
	for (size_t i = 0; !rc && i < NFORMATS; i++) {
		char *err = NULL;
		if (o->out[i] && sink_open(&sinks[i], formats[i], o->out[i], &err) < 0) {
			rc = opt_error(NULL, "%s", err);
			free(err);
		}
	}
	if (rc)
		for (size_t i = 0; i < NFORMATS; i++)
			if (sinks[i].fmt)
				sink_discard(&sinks[i]);
	return rc;
}

int cmd_run(int argc, char **argv)
{
	struct run_opts o = { 0 };
	int rc = EXIT_OK;
	struct doc_index docs = { 0 };
	struct path_list paths = { 0 };
	struct plan plan = { 0 };
	struct sink sinks[NFORMATS] = { 0 };
	struct kinfo ki = { 0 };
	bool have_ki = false;
	if (parse_opts(argc, argv, &o, &rc) < 0)
		goto out;
	/* every doc target is checked: against --doc, else the built-in document */
	bool have_docs = true;
	if (o.doc && doc_index_load(&docs, o.doc) < 0) {
		rc = opt_error(NULL, "--doc %s: %s", o.doc, strerror(errno));
		goto out;
	} else if (!o.doc && doc_index_builtin(&docs) < 0) {
		have_docs = false;
	}
	if (collect_cases(argv + optind, (size_t)(argc - optind), &paths)) {
		rc = EXIT_USAGE;
		goto out;
	}
	/* files with errors keep their place in the plan (and were reported) */
	if (o.vm_only)
		add_vm_only_filters(&o);
	plan_build(&plan, &paths, have_docs ? &docs : NULL, o.filters, o.nfilters);
	if (!plan.ncases && !plan.parse_errors) {
		/* one rule for a run, --list and --config-fragment */
		fprintf(stderr, "sockspec: no case selected%s\n",
			o.nfilters ? " (no case id matches the filters)" : "");
		rc = EXIT_USAGE;
		goto out;
	}
	if (o.list || o.fragment) {
		if (o.fragment)
			needs_write_fragment(stdout, plan.cases, plan.ncases);
		for (size_t i = 0; o.list && i < plan.ncases; i++)
			printf("%s\n", plan.cases[i]->id);
		rc = plan.parse_errors ? EXIT_USAGE : EXIT_OK;
		goto out;
	}
	kinfo_load(&ki, o.kconfig);
	have_ki = true;
	if (o.kconfig && !ki.config_source[0]) {
		rc = opt_error(NULL, "--kconfig %s: no config symbols could be read", o.kconfig);
		goto out;
	}
	rc = open_sinks(&o, sinks);
	if (rc)
		goto out;
	/* standard output taken by a file format: the KTAP moves aside */
	FILE *ktap_out = stdout;
	for (size_t i = 0; i < NFORMATS; i++)
		if (o.out[i] && !strcmp(o.out[i], "-"))
			ktap_out = stderr;
	rc = run(&o, &plan, sinks, ktap_out, &ki);
out:
	for (size_t i = 0; i < NFORMATS; i++)
		if (sinks[i].fmt)
			sink_discard(&sinks[i]);
	if (have_ki)
		kinfo_free(&ki);
	plan_free(&plan);
	path_list_free(&paths);
	for (size_t i = o.vm_only ? o.nfilters_given : o.nfilters; i < o.nfilters; i++)
		free(o.filters[i]);
	free(o.filters);
	doc_index_free(&docs);
	return rc;
}
