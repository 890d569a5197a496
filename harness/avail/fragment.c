// SPDX-License-Identifier: MIT
/* The kernel config the cases need (needs.h). */
#define _GNU_SOURCE
#include "avail/fragment.h"
#include "avail/avail.h"
#include "core/family.h"
#include "lang/case.h"
#include "fixtures/fixture.h"
#include "util/util.h"

#include <stdlib.h>
#include <string.h>

struct name_sym {
	const char *name, *sym;
};

/* Modules of no family the cases load (the fixtures' link kinds), and their symbols. */
static const struct name_sym modules[] = {
	{ "dummy", "CONFIG_DUMMY" }, { "veth", "CONFIG_VETH" },
};

/* Link kinds the fixtures create that no family brings (vcan is AF_CAN's). */
static const struct name_sym devices[] = {
	{ "bridge", "CONFIG_BRIDGE" }, { "dummy", "CONFIG_DUMMY" }, { "ifb", "CONFIG_IFB" },
	{ "macvlan", "CONFIG_MACVLAN" }, { "veth", "CONFIG_VETH" },
};

/* What every run needs: a network and a UTS namespace per case, and the core families. */
static const char *const core[] = {
	"CONFIG_NET", "CONFIG_NET_NS", "CONFIG_UTS_NS", "CONFIG_INET", "CONFIG_IPV6", "CONFIG_UNIX",
};

static const char *lookup(const struct name_sym *t, size_t n, const char *name)
{
	char *canon = xstrdup(name);
	for (char *c = canon; *c; c++)
		if (*c == '-')
			*c = '_';
	const char *sym = NULL;
	for (size_t i = 0; i < n && !sym; i++)
		if (strcmp(t[i].name, canon) == 0)
			sym = t[i].sym;
	free(canon);
	return sym;
}

/* A module of a family's descriptor (modules), or NULL. */
static const char *family_module(const char *name)
{
	char *canon = xstrdup(name);
	for (char *c = canon; *c; c++)
		if (*c == '-')
			*c = '_';
	const char *sym = NULL;
	size_t n;
	const struct sockspec_family *const *f = families(&n);
	for (size_t i = 0; i < n && !sym; i++)
		for (const struct module_sym *m = f[i]->modules; m && m->module && !sym; m++)
			if (strcmp(m->module, canon) == 0)
				sym = m->config;
	free(canon);
	return sym;
}

const char *needs_module_symbol(const char *name)
{
	const char *sym = lookup(modules, ARRAY_SIZE(modules), name);
	return sym ? sym : family_module(name);
}

const char *needs_device_symbol(const char *kind)
{
	const char *sym = lookup(devices, ARRAY_SIZE(devices), kind);
	return sym ? sym : family_module(kind);
}

struct frag {
	char **line;		/* "CONFIG_X=y" */
	size_t n;
};

static void add(struct frag *fr, const char *sym, const char *value)
{
	fr->line = xrealloc(fr->line, (fr->n + 1) * sizeof(*fr->line));
	fr->line[fr->n++] = xasprintf("%s%s=%s", strncmp(sym, "CONFIG_", 7) ? "CONFIG_" : "", sym,
				      value ? value : "y");
}

/*
 * Options of a Kconfig choice that sets how the whole kernel is built (its
 * timer frequency, its preemption model): a case may depend on one, and
 * skips elsewhere, but a fragment states what the suite needs and must not
 * pick such a choice for the kernel it is merged into.
 */
static const char *const build_choices[] = { "CONFIG_HZ_", "CONFIG_PREEMPT" };

static bool is_build_choice(const char *sym)
{
	const char *s = strncmp(sym, "CONFIG_", 7) ? NULL : sym;
	char *full = s ? NULL : xasprintf("CONFIG_%s", sym);
	bool hit = false;
	for (size_t i = 0; i < ARRAY_SIZE(build_choices) && !hit; i++)
		hit = !strncmp(s ? s : full, build_choices[i], strlen(build_choices[i]));
	free(full);
	return hit;
}

static void add_reqs(struct frag *fr, const struct requirement *r, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (r[i].kind == REQ_CONFIG && r[i].sym && is_build_choice(r[i].sym))
			continue;
		if (r[i].kind == REQ_CONFIG && r[i].sym)
			add(fr, r[i].sym, r[i].want);
		else if (r[i].kind == REQ_MODULE && needs_module_symbol(r[i].sym))
			add(fr, needs_module_symbol(r[i].sym), NULL);
	}
}

static int cmp_line(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

void needs_write_fragment(FILE *f, struct tcase *const *cases, size_t n)
{
	size_t nf;
	const struct avail_feature *const *fs = avail_feature_list(&nf);
	struct frag fr = { 0 };
	for (size_t i = 0; i < ARRAY_SIZE(core); i++)
		add(&fr, core[i], NULL);
	for (size_t i = 0; i < n; i++) {
		const struct tcase *tc = cases[i];
		add_reqs(&fr, tc->reqs, tc->nreqs);
		if (!i || tc->file != cases[i - 1]->file)
			add_reqs(&fr, tc->file->reqs, tc->file->nreqs);
		for (size_t k = 0; k < tc->nfixtures; k++) {
			const struct fixture *fx = &tc->fixtures[k];
			const char *sym = fx->kind == FX_VETH ? "CONFIG_VETH"
					: fx->kind == FX_DEVICE && fx->peer ? needs_device_symbol(fx->peer)
					: NULL;
			if (sym)
				add(&fr, sym, NULL);
		}
		for (size_t a = 0; a < nf; a++)
			if (avail_feature_has_case(fs[a], tc->id))
				for (size_t c = 0; c < AVAIL_MAX_CONFIG && fs[a]->config[c]; c++)
					add(&fr, fs[a]->config[c], NULL);
	}
	if (fr.n > 1)
		qsort(fr.line, fr.n, sizeof(*fr.line), cmp_line);
	/* one line per symbol: a pinned value (=m, =64) wins over the plain =y */
	for (size_t i = 0; i < fr.n; i++) {
		size_t len = strcspn(fr.line[i], "=");
		bool dup = false;
		for (size_t j = 0; j < fr.n && !dup; j++)
			dup = j != i && strncmp(fr.line[j], fr.line[i], len) == 0 && fr.line[j][len] == '=' &&
			      ((strcmp(fr.line[i] + len, "=y") == 0 && strcmp(fr.line[j] + len, "=y")) ||
			       (j < i && strcmp(fr.line[j], fr.line[i]) == 0));
		if (!dup)
			fprintf(f, "%s\n", fr.line[i]);
	}
	for (size_t i = 0; i < fr.n; i++)
		free(fr.line[i]);
	free(fr.line);
}
