// SPDX-License-Identifier: MIT
/* The case files of a run and the cases it selects (plan.h). */
#define _GNU_SOURCE
#include "cmd/plan.h"
#include "docs/targets.h"
#include "util/util.h"

#include <dirent.h>
#include <errno.h>
#include <fnmatch.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

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

int collect_cases(char *const *args, size_t nargs, struct path_list *out)
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

static bool selected(char *const *filters, size_t n, const struct tcase *tc)
{
	if (!n)
		return true;
	for (size_t i = 0; i < n; i++)
		if (fnmatch(filters[i], tc->id, 0) == 0)
			return true;
	return false;
}

void plan_build(struct plan *p, const struct path_list *paths, const struct doc_index *docs,
		char *const *filters, size_t nfilters)
{
	memset(p, 0, sizeof(*p));
	p->files = xcalloc(paths->n + 1, sizeof(*p->files));
	p->sel = xcalloc(paths->n + 1, sizeof(size_t));
	for (size_t i = 0; i < paths->n; i++) {
		struct casefile *cf = casefile_parse(paths->v[i], docs);
		if (cf->errors) {
			fputs(cf->errors, stderr);
			p->parse_errors = true;
		}
		size_t n = 0;
		for (size_t j = 0; !cf->errors && j < cf->ncases; j++)
			if (selected(filters, nfilters, &cf->cases[j])) {
				p->cases = xrealloc(p->cases, (p->ncases + 1) * sizeof(*p->cases));
				p->cases[p->ncases++] = &cf->cases[j];
				n++;
			}
		if (!n && !cf->errors) {
			casefile_free(cf);
			continue;
		}
		p->sel[p->nfiles] = n;
		p->files[p->nfiles++] = cf;
	}
}

void plan_free(struct plan *p)
{
	for (size_t i = 0; i < p->nfiles; i++)
		casefile_free(p->files[i]);
	free(p->files);
	free(p->sel);
	free(p->cases);
	memset(p, 0, sizeof(*p));
}
