// SPDX-License-Identifier: MIT
/*
 * sockspec: run declarative socket conformance cases against the running
 * kernel, each in its own namespaces, and report KTAP (and JSON).
 */
#define _GNU_SOURCE
#include "avail/avail.h"
#include "lang/case.h"
#include "cmd/commands.h"
#include "docs/targets.h"
#include "out/json.h"
#include "out/junit.h"
#include "exec/kernel.h"
#include "out/ktap.h"
#include "lang/mutate.h"
#include "avail/fragment.h"
#include "exec/runner.h"
#include "util/util.h"
#include "core/version.h"

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fnmatch.h>
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

enum { EXIT_PASS = EXIT_OK };

struct opts {
	int jobs;
	double timeout;
	bool verbose, list, mutate, fragment;
	const char *json, *junit, *doc, *kconfig;
	char **filters;
	size_t nfilters;
};

static void usage(FILE *f)
{
	fputs("usage: sockspec [OPTIONS] [FILE|DIR...]\n"
	      "       sockspec coverage --doc FILE [--markdown] [--json FILE] [FILE|DIR...]\n"
	      "       sockspec diff [--markdown] OLD.json NEW.json\n"
	      "       sockspec availability --doc FILE [--results R.json...] [--markdown] [--json FILE]\n"
	      "       sockspec matrix [--markdown|--html] [--output FILE] R.json...\n"
	      "Run socket conformance cases (default: the cases/ directory) against the\n"
	      "running kernel, each in its own network namespace, and print KTAP.\n\n"
	      "  -l, --list          list the selected case ids and exit\n"
	      "  -f, --filter GLOB   run only cases whose id matches GLOB (repeatable)\n"
	      "  -j, --jobs N        run N cases at once (default: number of CPUs)\n"
	      "  -v, --verbose       trace every step in strace notation\n"
	      "  -t, --timeout S     seconds a case may take unless it sets its own (default 10)\n"
	      "      --json FILE     write machine-readable results to FILE ('-' for stdout)\n"
	      "      --junit FILE    write JUnit XML results to FILE ('-' for stdout)\n"
	      "      --doc FILE      check every case's doc target against FILE (socket.rst)\n"
	      "      --kconfig FILE  read the kernel config from FILE instead of\n"
	      "                      /proc/config.gz or /boot/config-RELEASE\n"
	      "      --mutate        perturb each expectation of each case in turn and check\n"
	      "                      that the case then fails (a case must be able to fail)\n"
	      "      --config-fragment  print the kernel config the selected cases need\n"
	      "                      (CONFIG_X=y lines, a kselftest config fragment) and exit\n"
	      "  -h, --help          show this help\n"
	      "  -V, --version       show the version\n\n"
	      "'sockspec SUBCOMMAND --help' describes each subcommand; man sockspec, everything.\n\n"
	      "Exit status: 0 all cases that ran passed, 1 a case failed, 2 usage or parse\n"
	      "error, 4 every case was skipped.\n", f);
}

static int usage_error(const char *fmt, const char *arg)
{
	fprintf(stderr, "sockspec: ");
	fprintf(stderr, fmt, arg);
	fprintf(stderr, "\nTry 'sockspec --help'.\n");
	return EXIT_USAGE;
}

/*
 * The option getopt_long() just rejected, as the user wrote it: "-x" for a
 * short option (also inside a cluster such as -vx or -xv, where argv[optind
 * - 1] is the whole cluster or not the option at all), "--name" for a long
 * one (its full name when getopt knows it, else as typed without "=value").
 */
static char *bad_option(char **argv, const struct option *longopts, bool is_long)
{
	if (!is_long) {
		int ch = optopt & 0xff;	/* getopt stores a plain (signed) char */
		return isprint(ch) ? xasprintf("-%c", ch) : xasprintf("-\\x%02x", ch);
	}
	if (optopt)
		for (const struct option *lo = longopts; lo->name; lo++)
			if (lo->val == optopt)
				return xasprintf("--%s", lo->name);
	const char *a = argv[optind - 1];
	return xstrndup(a, strcspn(a, "="));
}

static bool parse_number(const char *s, double lo, double hi, double *out)
{
	char *end;
	errno = 0;
	double v = strtod(s, &end);
	if (errno || end == s || *end || v < lo || v > hi)
		return false;
	*out = v;
	return true;
}

/* ---- collecting files ---- */

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static bool ends_with(const char *s, const char *suffix)
{
	size_t a = strlen(s), b = strlen(suffix);
	return a >= b && strcmp(s + a - b, suffix) == 0;
}

static int collect(const char *path, struct path_list *out, bool top)
{
	struct stat st;
	if (stat(path, &st) < 0) {
		fprintf(stderr, "sockspec: %s: %s\n", path, strerror(errno));
		return -1;
	}
	if (!S_ISDIR(st.st_mode)) {
		if (top || ends_with(path, ".case"))
			path_list_add(out, xstrdup(path));
		return 0;
	}
	DIR *d = opendir(path);
	if (!d) {
		fprintf(stderr, "sockspec: %s: %s\n", path, strerror(errno));
		return -1;
	}
	struct path_list here = { 0 };
	struct dirent *e;
	while ((e = readdir(d)))
		if (e->d_name[0] != '.')
			path_list_add(&here, xasprintf("%s%s%s", path,
						       ends_with(path, "/") ? "" : "/", e->d_name));
	closedir(d);
	if (here.n > 1)	/* an empty directory leaves here.v NULL: qsort(NULL, 0) is UB */
		qsort(here.v, here.n, sizeof(char *), cmp_str);
	int rc = 0;
	for (size_t i = 0; i < here.n; i++) {
		rc |= collect(here.v[i], out, false);
		free(here.v[i]);
	}
	free(here.v);
	return rc;
}

/* cases/ here, else next to the program, else its installed share dir */
static char *default_cases_dir(void)
{
	struct stat st;
	if (stat("cases", &st) == 0 && S_ISDIR(st.st_mode))
		return xstrdup("cases");
	char exe[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	if (n > 0) {
		exe[n] = 0;
		char *slash = strrchr(exe, '/');
		if (slash)
			*slash = 0;
		const char *cands[] = { "%s/cases", "%s/../share/sockspec/cases" };
		for (size_t i = 0; i < ARRAY_SIZE(cands); i++) {
			char *c = xasprintf(cands[i], exe);
			if (stat(c, &st) == 0 && S_ISDIR(st.st_mode))
				return c;
			free(c);
		}
	}
	return xstrdup("cases");
}

/* The case files of ARGS, or of the default directory when there are none. */
static int collect_cases(char *const *args, size_t nargs, struct path_list *out)
{
	int rc = 0;
	if (!nargs) {
		char *dir = default_cases_dir();
		rc = collect(dir, out, true);
		free(dir);
	}
	for (size_t i = 0; i < nargs; i++)
		rc |= collect(args[i], out, true);
	return rc;
}

/* ---- output, as results arrive in order ---- */

struct out {
	struct opts *o;
	struct casefile **files;	/* selected files, in plan order */
	size_t nfiles;
	size_t *sel;			/* selected case count per file */
	size_t file_done;		/* files fully printed */
	size_t cur_file, cur_case;	/* file being printed and its next case number */
	bool in_file;
	bool file_failed;
	size_t file_skipped;
	struct totals totals;
	/* mutate mode: accumulate a case's baseline and mutants */
	struct case_result agg;
	size_t mut_total, mut_seen;
	struct sbuf survived;
	/* final per-case results for JSON */
	struct json_case *jc;
	struct case_result *jres;
	size_t njc;
};

static size_t file_index(struct out *u, const struct casefile *cf)
{
	for (size_t i = 0; i < u->nfiles; i++)
		if (u->files[i] == cf)
			return i;
	return 0;
}

static void close_file(struct out *u)
{
	struct casefile *cf = u->files[u->cur_file];
	const char *dir = NULL;
	if (!u->file_failed && u->file_skipped == u->sel[u->cur_file])
		dir = "SKIP every case skipped";
	ktap_result(stdout, 0, !u->file_failed, u->cur_file + 1, cf->name, dir);
	u->in_file = false;
	u->file_done = u->cur_file + 1;
	fflush(stdout);
}

/* Print files before index UPTO that have no cases to run (parse errors). */
static void flush_files(struct out *u, size_t upto)
{
	if (u->in_file && u->cur_file < upto)
		close_file(u);
	for (size_t i = u->file_done; i < upto; i++) {
		struct casefile *cf = u->files[i];
		if (cf->errors) {
			ktap_diag(stdout, 0, cf->errors);
			ktap_result(stdout, 0, false, i + 1, cf->name, NULL);
			u->totals.n[ST_ERROR]++;
		}
		u->file_done = i + 1;
	}
}

static void emit_case(struct out *u, const struct tcase *tc, const struct case_result *r)
{
	size_t fi = file_index(u, tc->file);
	flush_files(u, fi);
	if (!u->in_file) {
		u->cur_file = fi;
		u->cur_case = 0;
		u->in_file = true;
		u->file_failed = false;
		u->file_skipped = 0;
		ktap_header(stdout, 1, tc->file->name, u->sel[fi]);
	}
	ktap_case(stdout, 1, ++u->cur_case, tc, r, u->o->verbose);
	u->totals.n[r->status]++;
	u->file_failed |= status_is_failure(r->status);
	u->file_skipped += r->status == ST_SKIP;
	u->jc[u->njc] = (struct json_case){ .tc = tc, .res = &u->jres[u->njc] };
	u->njc++;
	fflush(stdout);
}

static void on_done(struct run_item *it, void *arg)
{
	struct out *u = arg;
	emit_case(u, it->tc, &it->res);
	u->jres[u->njc - 1] = it->res;
	memset(&it->res, 0, sizeof(it->res));
}

/* Mutate mode: item -1 is the case as written, then one item per mutant. */
static void on_done_mutate(struct run_item *it, void *arg)
{
	struct out *u = arg;
	if (it->mutant < 0) {
		u->agg = it->res;
		memset(&it->res, 0, sizeof(it->res));
		u->mut_total = mutate_count(it->tc);
		u->mut_seen = 0;
		sb_free(&u->survived);
	} else {
		u->mut_seen++;
		enum status s = it->res.status;
		if (s == ST_PASS || s == ST_SKIP) {
			char *d = mutate_describe(it->tc, (size_t)it->mutant);
			sb_printf(&u->survived, "mutant survived (%s): %s\n", status_name(s), d);
			free(d);
		}
		case_result_free(&it->res);
	}
	if (u->mut_seen < u->mut_total)
		return;
	struct case_result r = u->agg;
	memset(&u->agg, 0, sizeof(u->agg));
	if (r.status == ST_PASS && u->mut_total == 0) {
		r.status = ST_FAIL;
		r.step_line = 0;
		free(r.reason);
		r.reason = xstrdup("the case has no expectation that could fail");
		r.expected = xstrdup("at least one concrete expectation");
		r.actual = xstrdup("only wildcards");
	} else if (r.status == ST_PASS && u->survived.len) {
		r.status = ST_FAIL;
		free(r.reason);
		r.reason = sb_take(&u->survived);
		r.step_line = 0;
	} else if (r.status == ST_PASS) {
		free(r.reason);
		r.reason = xasprintf("%zu mutant%s killed", u->mut_total,
				     u->mut_total == 1 ? "" : "s");
	} else if (r.status == ST_XFAIL) {
		r.status = ST_SKIP;
		free(r.reason);
		r.reason = xstrdup("expected-failure case: mutants are not meaningful");
	} else if (r.status != ST_SKIP) {
		char *why = xasprintf("the case as written does not pass (%s)%s%s",
				      status_name(r.status), r.reason ? ": " : "",
				      r.reason ? r.reason : "");
		free(r.reason);
		r.reason = why;
		if (r.status == ST_FAIL)
			r.status = ST_ERROR;
	}
	sb_free(&u->survived);
	/* reuse the KTAP printer: mutation reports live in the reason */
	struct case_result shown = r;
	if (r.status == ST_FAIL && !r.expected) {
		shown.status = ST_ERROR;	/* prints the reason as diagnostics */
		shown.step_line = 0;
	}
	emit_case(u, it->tc, &shown);
	u->jres[u->njc - 1] = r;
	if (r.status == ST_FAIL) {
		/* counted as a failure, whatever the printer showed */
		u->totals.n[shown.status]--;
		u->totals.n[ST_FAIL]++;
	}
}

static int run(struct opts *o, struct casefile **files, size_t nfiles, size_t *sel,
	       struct tcase **cases, size_t ncases)
{
	struct kinfo ki;
	memset(&ki, 0, sizeof(ki));
	kinfo_load(&ki, o->kconfig);
	if (o->kconfig && !ki.config_source[0]) {
		fprintf(stderr, "sockspec: --kconfig %s: no config symbols could be read\n", o->kconfig);
		kinfo_free(&ki);
		return EXIT_USAGE;
	}
	struct run_meta meta = { .ki = &ki, .mode = o->mutate ? "mutate" : "run",
				 .jobs = o->jobs, .timeout = o->timeout,
				 .host_root = geteuid() == 0 };
	time_t t0 = time(NULL);
	strftime(meta.started, sizeof(meta.started), "%Y-%m-%dT%H:%M:%SZ", gmtime(&t0));
	double start = now_mono();

	size_t nitems = 0;
	for (size_t i = 0; i < ncases; i++)
		nitems += 1 + (o->mutate ? mutate_count(cases[i]) : 0);
	struct run_item *items = xcalloc(nitems + 1, sizeof(*items));
	size_t k = 0;
	for (size_t i = 0; i < ncases; i++) {
		items[k++] = (struct run_item){ .tc = cases[i], .mutant = -1 };
		size_t m = o->mutate ? mutate_count(cases[i]) : 0;
		for (size_t j = 0; j < m; j++)
			items[k++] = (struct run_item){ .tc = cases[i], .mutant = (int)j };
	}

	struct out u = { .o = o, .files = files, .nfiles = nfiles, .sel = sel };
	u.jc = xcalloc(ncases + 1, sizeof(*u.jc));
	u.jres = xcalloc(ncases + 1, sizeof(*u.jres));
	printf("KTAP version 1\n");
	printf("# sockspec %s on Linux %s (%s)%s\n", SOCKSPEC_VERSION, ki.release, ki.machine,
	       o->mutate ? ", mutation check" : "");
	printf("1..%zu\n", nfiles);
	fflush(stdout);
	struct runner_opts ro = { .jobs = o->jobs, .timeout = o->timeout, .verbose = o->verbose,
				  .ki = &ki, .host_root = meta.host_root,
				  .on_done = o->mutate ? on_done_mutate : on_done, .arg = &u };
	int rrc = runner_run(items, nitems, &ro);
	flush_files(&u, nfiles);
	ktap_totals(stdout, &u.totals);
	fflush(stdout);

	int rc = EXIT_PASS;
	int ran = 0, failed = 0;
	for (int s = 0; s < ST__COUNT; s++)
		ran += s != ST_SKIP ? u.totals.n[s] : 0;
	for (int s = 0; s < ST__COUNT; s++)
		failed += status_is_failure((enum status)s) ? u.totals.n[s] : 0;
	bool parse_errors = false;
	for (size_t i = 0; i < nfiles; i++)
		parse_errors |= files[i]->errors != NULL;
	if (parse_errors || rrc < 0)
		rc = EXIT_USAGE;
	else if (failed)
		rc = EXIT_FAIL;
	else if (!ran && u.totals.n[ST_SKIP])
		rc = EXIT_ALLSKIP;
	meta.totals = u.totals;
	meta.duration = now_mono() - start;
	meta.exit_code = rc;
	/*
	 * For availability reports on this kernel later (schema 2): its
	 * config as far as the table and the cases care, and the probes,
	 * run after the cases so the modules they load cannot change a case.
	 */
	size_t nsyms = 0, nprobes = 0;
	char **syms = NULL;
	const struct probe **probes = NULL;
	struct probe_result *pres = NULL;
	if (o->json) {
		syms = avail_record_symbols(cases, ncases, &nsyms);
		probes = avail_probes(&nprobes);
		pres = xcalloc(nprobes + 1, sizeof(*pres));
		probe_run_all(probes, nprobes, meta.host_root, pres);
		meta.config_syms = (const char *const *)syms;
		meta.nconfig_syms = nsyms;
		meta.probes = probes;
		meta.probe_results = pres;
		meta.nprobes = nprobes;
	}
	if (o->json && json_write(o->json, &meta, files, nfiles, u.jc, u.njc) < 0) {
		fprintf(stderr, "sockspec: writing %s: %s\n", o->json, strerror(errno));
		rc = EXIT_USAGE;
	}
	if (o->junit && junit_write(o->junit, &meta, files, nfiles, u.jc, u.njc) < 0) {
		fprintf(stderr, "sockspec: writing %s: %s\n", o->junit, strerror(errno));
		rc = EXIT_USAGE;
	}
	for (size_t i = 0; i < nsyms; i++)
		free(syms[i]);
	free(syms);
	free(probes);
	free(pres);
	for (size_t i = 0; i < u.njc; i++)
		case_result_free(&u.jres[i]);
	for (size_t i = 0; i < nitems; i++)
		case_result_free(&items[i].res);
	case_result_free(&u.agg);
	sb_free(&u.survived);
	free(u.jres);
	free(u.jc);
	free(items);
	kinfo_free(&ki);
	return rc;
}

static bool selected(const struct opts *o, const struct tcase *tc)
{
	if (!o->nfilters)
		return true;
	for (size_t i = 0; i < o->nfilters; i++)
		if (fnmatch(o->filters[i], tc->id, 0) == 0)
			return true;
	return false;
}

int main(int argc, char **argv)
{
	/* a subcommand name comes first; a case directory so named can be given as ./NAME */
	if (argc > 1 && strcmp(argv[1], "coverage") == 0)
		return cmd_coverage(argc - 1, argv + 1, collect_cases);
	if (argc > 1 && strcmp(argv[1], "diff") == 0)
		return cmd_diff(argc - 1, argv + 1);
	if (argc > 1 && strcmp(argv[1], "availability") == 0)
		return cmd_availability(argc - 1, argv + 1);
	if (argc > 1 && strcmp(argv[1], "matrix") == 0)
		return cmd_matrix(argc - 1, argv + 1);
	struct opts o = { .timeout = 10 };
	long ncpu = sysconf(_SC_NPROCESSORS_ONLN);
	o.jobs = ncpu > 0 ? (int)ncpu : 1;
	enum { OPT_JSON = 256, OPT_DOC, OPT_KCONFIG, OPT_MUTATE, OPT_JUNIT, OPT_FRAGMENT };
	static const struct option longopts[] = {
		{ "list", no_argument, NULL, 'l' },
		{ "filter", required_argument, NULL, 'f' },
		{ "jobs", required_argument, NULL, 'j' },
		{ "verbose", no_argument, NULL, 'v' },
		{ "timeout", required_argument, NULL, 't' },
		{ "json", required_argument, NULL, OPT_JSON },
		{ "junit", required_argument, NULL, OPT_JUNIT },
		{ "doc", required_argument, NULL, OPT_DOC },
		{ "kconfig", required_argument, NULL, OPT_KCONFIG },
		{ "mutate", no_argument, NULL, OPT_MUTATE },
		{ "config-fragment", no_argument, NULL, OPT_FRAGMENT },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ 0 },
	};
	int c;
	double d;
	opterr = 0;
	static const char shortopts[] = ":lf:j:vt:hV";
	while ((c = getopt_long(argc, argv, shortopts, longopts, NULL)) != -1) {
		switch (c) {
		case 'l': o.list = true; break;
		case 'f':
			o.filters = xrealloc(o.filters, (o.nfilters + 1) * sizeof(char *));
			o.filters[o.nfilters++] = optarg;
			break;
		case 'j':
			if (!parse_number(optarg, 1, 1024, &d) || d != (int)d)
				return usage_error("-j takes a whole number from 1 to 1024, not '%s'", optarg);
			o.jobs = (int)d;
			break;
		case 'v': o.verbose = true; break;
		case 't':
			if (!parse_number(optarg, 0.001, 3600, &d))
				return usage_error("--timeout takes seconds from 0.001 to 3600, not '%s'", optarg);
			o.timeout = d;
			break;
		case OPT_JSON: o.json = optarg; break;
		case OPT_JUNIT: o.junit = optarg; break;
		case OPT_DOC: o.doc = optarg; break;
		case OPT_KCONFIG: o.kconfig = optarg; break;
		case OPT_MUTATE: o.mutate = true; break;
		case OPT_FRAGMENT: o.fragment = true; break;
		case 'h': usage(stdout); return EXIT_PASS;
		case 'V': printf("sockspec %s\n", SOCKSPEC_VERSION); return EXIT_PASS;
		case ':':
		case '?': {
			/*
			 * optopt: the short option's character, the long option's
			 * val when it was given a wrong argument, 0 for an unknown
			 * long one.  A short option has its character in SHORTOPTS
			 * only when it lacks its argument.
			 */
			bool is_long = c == ':' ? strncmp(argv[optind - 1], "--", 2) == 0
				     : optopt == 0 || optopt >= 256 ||
				       (optopt != ':' && strchr(shortopts, optopt));
			char *opt = bad_option(argv, longopts, is_long);
			int rc = usage_error(c == ':' ? "option '%s' needs an argument"
					     : is_long && optopt ? "option '%s' takes no argument"
					     : "unknown option '%s'", opt);
			free(opt);
			return rc;
		}
		default: return usage_error("unknown option '%s'", argv[optind - 1]);
		}
	}
	struct doc_index docs = { 0 };
	if (o.doc && doc_index_load(&docs, o.doc) < 0) {
		fprintf(stderr, "sockspec: --doc %s: %s\n", o.doc, strerror(errno));
		return EXIT_USAGE;
	}
	struct path_list paths = { 0 };
	if (collect_cases(argv + optind, (size_t)(argc - optind), &paths)) {
		path_list_free(&paths);
		doc_index_free(&docs);
		return EXIT_USAGE;
	}

	/* parse everything; files with errors still take a place in the plan */
	struct casefile **files = xcalloc(paths.n + 1, sizeof(*files));
	size_t nfiles = 0, ncases = 0;
	size_t *sel = xcalloc(paths.n + 1, sizeof(size_t));
	struct tcase **cases = NULL;
	bool parse_errors = false;
	for (size_t i = 0; i < paths.n; i++) {
		struct casefile *cf = casefile_parse(paths.v[i], o.doc ? &docs : NULL);
		if (cf->errors) {
			fputs(cf->errors, stderr);
			parse_errors = true;
		}
		size_t n = 0;
		for (size_t j = 0; !cf->errors && j < cf->ncases; j++)
			if (selected(&o, &cf->cases[j])) {
				cases = xrealloc(cases, (ncases + 1) * sizeof(*cases));
				cases[ncases++] = &cf->cases[j];
				n++;
			}
		if (!n && !cf->errors) {
			casefile_free(cf);
			continue;
		}
		sel[nfiles] = n;
		files[nfiles++] = cf;
	}
	int rc;
	if (o.list || o.fragment) {
		if (o.fragment)
			needs_write_fragment(stdout, cases, ncases);
		for (size_t i = 0; o.list && i < ncases; i++)
			printf("%s\n", cases[i]->id);
		rc = parse_errors ? EXIT_USAGE : EXIT_PASS;
	} else if (!ncases && !parse_errors) {
		fprintf(stderr, "sockspec: no case selected\n");
		rc = EXIT_USAGE;
	} else {
		rc = run(&o, files, nfiles, sel, cases, ncases);
	}
	for (size_t i = 0; i < nfiles; i++)
		casefile_free(files[i]);
	path_list_free(&paths);
	free(files);
	free(sel);
	free(cases);
	free(o.filters);
	doc_index_free(&docs);
	return rc;
}
