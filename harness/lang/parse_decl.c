// SPDX-License-Identifier: MIT
/* Requirements and the environment a case declares (parse.h). */
#define _GNU_SOURCE
#include "lang/parse.h"
#include "fixtures/fixture.h"
#include "util/util.h"

#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <linux/capability.h>

/* ---- requirements ---- */

static const struct { const char *name; int cap; } cap_names[] = {
	{ "CAP_NET_ADMIN", CAP_NET_ADMIN }, { "CAP_NET_RAW", CAP_NET_RAW },
	{ "CAP_NET_BIND_SERVICE", CAP_NET_BIND_SERVICE },
	{ "CAP_NET_BROADCAST", CAP_NET_BROADCAST }, { "CAP_SYS_ADMIN", CAP_SYS_ADMIN },
	{ "CAP_SYS_MODULE", CAP_SYS_MODULE }, { "CAP_DAC_OVERRIDE", CAP_DAC_OVERRIDE },
	{ "CAP_SETUID", CAP_SETUID }, { "CAP_SETGID", CAP_SETGID },
};

void parse_requires(struct parser *p, struct requirement **reqs, size_t *nreqs)
{
	struct requirement r = { .line = p->lineno };
	int col = tok(p)->col;
	char *text = text_arg(p);
	if (tok_is(p, "socket")) {
		r.kind = REQ_SOCKET;
		next(p);
		if (!expect(p, T_LPAREN))
			goto bad;
		for (int i = 0; i < 3; i++) {
			struct node *n = parse_expr(p);
			if (!n)
				goto bad;
			if (n->kind != N_INT && n->kind != N_SYM && n->kind != N_OR) {
				perror_at(p, n->col, "expected a constant");
				node_free(n);
				goto bad;
			}
			long long v = 0;
			if (n->kind == N_OR)
				for (size_t k = 0; k < n->nkids; k++)
					v |= n->kids[k]->ival;
			else
				v = n->ival;
			r.sock[i] = v;
			node_free(n);
			if (!expect(p, i < 2 ? T_COMMA : T_RPAREN))
				goto bad;
		}
	} else if (tok_is(p, "kernel")) {
		r.kind = REQ_KERNEL;
		next(p);
		static const struct { enum tok_kind t; int op; } ops[] = {
			{ T_GE, CMP_GE }, { T_GT, CMP_GT }, { T_LT, CMP_LT }, { T_LE, CMP_LE },
		};
		r.cmp = -1;
		for (size_t i = 0; i < ARRAY_SIZE(ops); i++)
			if (tok(p)->kind == ops[i].t)
				r.cmp = ops[i].op;
		if (r.cmp < 0) {
			perror_at(p, tok(p)->col, "expected >=, >, < or <= before the version");
			goto bad;
		}
		next(p);
		const char *v = tok(p)->start;
		int vcol = tok(p)->col;
		size_t n = strspn(v, "0123456789.");
		char *ver = xstrndup(v, n);
		int bad = n == 0 || kversion_parse(ver, &r.kv) != 0;
		free(ver);
		const char *after = v + n;
		while (*after == ' ' || *after == '\t')
			after++;
		if (bad || (*after && *after != '#')) {
			perror_at(p, vcol, "expected a kernel version such as 5.4 or 2.6.38");
			goto bad;
		}
	} else if (tok_is(p, "config")) {
		r.kind = REQ_CONFIG;
		next(p);
		if (tok(p)->kind != T_IDENT || strncmp(tok(p)->start, "CONFIG_", 7) != 0) {
			perror_at(p, tok(p)->col, "expected a kconfig symbol such as CONFIG_UNIX");
			goto bad;
		}
		r.sym = tok_text(p);
		next(p);
		if (tok(p)->kind == T_EQ) {
			next(p);
			if (!(tok_is(p, "y") || tok_is(p, "m"))) {
				perror_at(p, tok(p)->col, "expected y or m");
				goto bad;
			}
			r.want = tok_text(p);
			next(p);
		}
	} else if (tok_is(p, "root")) {
		r.kind = REQ_ROOT;
		next(p);
	} else if (tok_is(p, "cap")) {
		r.kind = REQ_CAP;
		next(p);
		r.cap = -1;
		for (size_t i = 0; i < ARRAY_SIZE(cap_names); i++)
			if (tok_is(p, cap_names[i].name))
				r.cap = cap_names[i].cap;
		if (r.cap < 0) {
			perror_at(p, tok(p)->col, "expected a capability name such as CAP_NET_ADMIN");
			goto bad;
		}
		r.sym = tok_text(p);
		next(p);
	} else if (tok_is(p, "module")) {
		r.kind = REQ_MODULE;
		next(p);
		/* module names may have '-', which the step lexer splits */
		const char *w = tok(p)->start;
		size_t n = strspn(w, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-");
		if (!n || n > 55) {
			perror_at(p, tok(p)->col, "expected a module name such as vcan or can_raw");
			goto bad;
		}
		r.sym = xstrndup(w, n);
		while (tok(p)->kind != T_EOL && tok(p)->start < w + n)
			next(p);
	} else {
		perror_at(p, col, "expected socket(...), kernel, config, root, cap or module after "
			  "'requires'");
		goto bad;
	}
	if (r.kind != REQ_KERNEL && tok(p)->kind != T_EOL) {
		perror_at(p, tok(p)->col, "unexpected %s after the requirement", tok_name(tok(p)->kind));
		goto bad;
	}
	r.text = text;
	*reqs = xrealloc(*reqs, (*nreqs + 1) * sizeof(**reqs));
	(*reqs)[(*nreqs)++] = r;
	return;
bad:
	free(text);
	free(r.sym);
	free(r.want);
}


/* ---- environment declarations ---- */

bool fixture_word(struct parser *p)
{
	char *w = tok_text(p);
	bool r = fixture_keyword(w);
	free(w);
	return r;
}

/* FILE relative to the case file's directory; it must exist now. */
/* PATH (resolved) is DIR itself or below it. */
static bool below(const char *dir, const char *path)
{
	size_t n = strlen(dir);
	return dir[0] && !strncmp(dir, path, n) && (path[n] == '/' || (n == 1 && dir[0] == '/'));
}

/*
 * The files a case may bind over /etc: those in its own folder tree, or in
 * the fixtures folder beside the cases folder (cases/af_x/f.case ->
 * fixtures/), resolved, so no ../ or symbolic link reaches further.  Case
 * collections are shared input: one must not show a case a host file.
 */
static bool inside_collection(const char *case_path, const char *abs)
{
	char *copy = xstrdup(case_path);
	char *slash = strrchr(copy, '/');
	if (slash)
		*slash = 0;
	char *dir = realpath(slash ? copy : ".", NULL);
	char *fx_rel = xasprintf("%s/../../fixtures", dir ? dir : ".");
	char *fx = realpath(fx_rel, NULL);
	bool ok = (dir && below(dir, abs)) || (fx && below(fx, abs));
	free(fx);
	free(fx_rel);
	free(dir);
	free(copy);
	return ok;
}

void parse_etc_file(struct parser *p, char **slot)
{
	int col = tok(p)->col;
	char *name = text_arg(p);
	if (!*name || strchr(name, ' ')) {
		perror_at(p, col, "expected one file name (relative to the case file)");
		free(name);
		return;
	}
	char *path;
	if (name[0] == '/') {
		path = xstrdup(name);
	} else {
		const char *slash = strrchr(p->cf->path, '/');
		path = slash ? xasprintf("%.*s/%s", (int)(slash - p->cf->path), p->cf->path, name)
			     : xstrdup(name);
	}
	char *abs = realpath(path, NULL);
	struct stat st;
	if (!abs)
		perror_at(p, col, "cannot use %s: %s", path, strerror(errno));
	else if (stat(abs, &st) < 0 || !S_ISREG(st.st_mode))
		perror_at(p, col, "cannot use %s: not a regular file", path);
	else if (!inside_collection(p->cf->path, abs))
		perror_at(p, col, "cannot use %s: a case may only see files of its own collection "
			  "(its folder, or the fixtures folder beside cases/) as /etc files", path);
	else if (*slot)
		perror_at(p, col, "given twice in this case");
	else
		*slot = xstrdup(abs);
	free(abs);
	free(path);
	free(name);
}

/* sysctl net.x.y=VALUE: only per-network-namespace settings */
void parse_sysctl(struct parser *p)
{
	int col = tok(p)->col;
	char *text = text_arg(p);
	char *eq = strchr(text, '=');
	bool ok = eq && strncmp(text, "net.", 4) == 0 && eq > text + 4 && eq[1];
	for (char *c = text; ok && c < eq; c++)
		ok = isalnum((unsigned char)*c) || *c == '.' || *c == '_' || *c == '-';
	for (char *c = eq ? eq + 1 : text; ok && *c; c++)
		ok = isgraph((unsigned char)*c) || *c == ' ';
	if (!ok) {
		perror_at(p, col, "expected sysctl net.KEY=VALUE (only net.* settings, which "
			  "belong to the case's own network namespace)");
		free(text);
		return;
	}
	struct tcase *tc = p->tc;
	tc->sysctls = xrealloc(tc->sysctls, (tc->nsysctls + 1) * sizeof(*tc->sysctls));
	struct sysctl_set *s = &tc->sysctls[tc->nsysctls++];
	s->key = xstrndup(text, (size_t)(eq - text));
	s->value = xstrdup(eq + 1);
	s->line = p->lineno;
	free(text);
}

/*
 * process NAME ... end: steps run concurrently in a child process started
 * at that point; wait NAME joins it.  netns NAME declares a second network
 * namespace (a peer host) that steps enter with a [NAME] prefix; the name
 * "initial" is reserved: netns initial runs the case itself in the initial
 * network namespace (only inside a vm-run guest, see runner.c).
 */
void parse_block_line(struct parser *p)
{
	struct tcase *tc = p->tc;
	char *kw = tok_text(p);
	int col = tok(p)->col;
	next(p);
	char *name = tok(p)->kind == T_IDENT ? tok_text(p) : NULL;
	int ncol = tok(p)->col;
	if (!name) {
		perror_at(p, ncol, "'%s' needs a name", kw);
		goto out;
	}
	next(p);
	if (tok(p)->kind != T_EOL) {
		perror_at(p, tok(p)->col, "unexpected %s after the name", tok_name(tok(p)->kind));
		goto out;
	}
	if (!tc->nactors)
		name_add(&tc->actors, &tc->nactors, "main");
	if (!tc->nnetns)
		name_add(&tc->netns, &tc->nnetns, "");
	if (!strcmp(kw, "netns") && !strcmp(name, "initial")) {
		/* not a peer: the case's own namespace is the initial one */
		if (tc->netns_initial)
			perror_at(p, ncol, "'netns initial' given twice in this case");
		tc->netns_initial = true;
		goto out;
	}
	if (!strcmp(kw, "netns")) {
		if (name_index(tc->netns, tc->nnetns, name) >= 0)
			perror_at(p, ncol, "namespace '%s' declared twice", name);
		else
			name_add(&tc->netns, &tc->nnetns, name);
		goto out;
	}
	struct step st = { .line = p->lineno, .col = col, .assign_slot = -1 };
	if (!strcmp(kw, "process")) {
		if (p->actor) {
			perror_at(p, col, "a process block cannot start inside another ('end' first)");
			goto out;
		}
		if (name_index(tc->actors, tc->nactors, name) >= 0) {
			perror_at(p, ncol, "process '%s' declared twice", name);
			goto out;
		}
		st.kind = STEP_SPAWN;
		st.target = name_add(&tc->actors, &tc->nactors, name);
		p->actor = st.target;
	} else {
		if (p->actor) {
			perror_at(p, col, "'wait' belongs to the main sequence, after 'end'");
			goto out;
		}
		st.kind = STEP_WAIT;
		st.target = name_index(tc->actors, tc->nactors, name);
		if (st.target <= 0) {
			perror_at(p, ncol, "no process '%s' started before this line", name);
			goto out;
		}
	}
	tc->steps = xrealloc(tc->steps, (tc->nsteps + 1) * sizeof(*tc->steps));
	tc->steps[tc->nsteps++] = st;
out:
	free(name);
	free(kw);
}
