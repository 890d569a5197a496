// SPDX-License-Identifier: MIT
#include "lang/mutate.h"
#include "core/callspec.h"
#include "lang/consts.h"
#include "util/util.h"

#include <errno.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

struct walk {
	size_t target;		/* point to act on */
	size_t seen;		/* points visited so far */
	bool apply;
	char *desc;
	const struct tcase *tc;
};

static char *print(const struct node *n)
{
	struct sbuf sb = { 0 };
	struct node tmp = *n;
	tmp.key = NULL;
	node_print(&sb, &tmp, NULL, NULL);
	return sb_take(&sb);
}

/* A different address of the same family, so the mutant still parses. */
static const char *other_address(const char *s)
{
	bool v6 = strchr(s, ':') != NULL;
	const char *a = v6 ? "2001:db8::99" : "192.0.2.99";
	const char *b = v6 ? "2001:db8::98" : "192.0.2.98";
	return strcmp(s, a) ? a : b;
}

static bool visit(struct walk *w, const struct node *at, int line)
{
	if (w->seen++ != w->target)
		return false;
	(void)at;
	(void)line;
	return true;
}

static void describe(struct walk *w, int line, int col, const char *before, const char *after)
{
	w->desc = xasprintf("%s:%d:%d: %s becomes %s", w->tc->file->path, line, col, before, after);
}

/* Leaves of an out-parameter pattern. IN_ADDR: a string inside inet_addr()/inet_pton(). */
static void walk_pattern(struct walk *w, struct node *n, int line, bool in_addr)
{
	if (w->desc)
		return;
	switch (n->kind) {
	case N_INT:
	case N_SYM:
	case N_OR:
		if (visit(w, n, line)) {
			char *before = print(n);
			long long v = n->ival;
			if (n->kind == N_OR)
				for (size_t i = v = 0; i < n->nkids; i++)
					v |= n->kids[i]->ival;
			char *after = xasprintf("%lld", v + 1);
			describe(w, n->line, n->col, before, after);
			if (w->apply) {
				for (size_t i = 0; i < n->nkids; i++)
					node_free(n->kids[i]);
				free(n->kids);
				n->kids = NULL;
				n->nkids = 0;
				n->kind = N_INT;
				n->ival = v + 1;
			}
			free(before);
			free(after);
		}
		return;
	case N_STR:
		if (visit(w, n, line)) {
			char *before = print(n);
			const char *na = in_addr ? other_address((const char *)n->bytes) : NULL;
			unsigned char *nb;
			size_t nl;
			if (na) {
				nl = strlen(na);
				nb = (unsigned char *)xstrdup(na);
			} else {
				nl = n->len + 1;
				nb = xmalloc(nl + 1);
				memcpy(nb, n->bytes, n->len);
				nb[n->len] = '~';
				nb[nl] = 0;
			}
			struct node tmp = *n;
			tmp.bytes = nb;
			tmp.len = nl;
			char *after = print(&tmp);
			describe(w, n->line, n->col, before, after);
			if (w->apply) {
				free(n->bytes);
				n->bytes = nb;
				n->len = nl;
			} else {
				free(nb);
			}
			free(before);
			free(after);
		}
		return;
	case N_CALL: {
		bool addr = !strcmp(n->name, "inet_addr") || !strcmp(n->name, "inet_pton");
		/* inet_pton's family and &field are not expectations */
		for (size_t i = 0; i < n->nkids; i++)
			if (!(addr && n->kids[i]->kind != N_STR))
				walk_pattern(w, n->kids[i], line, addr);
		return;
	}
	case N_LIST:
	case N_STRUCT:
		for (size_t i = 0; i < n->nkids; i++) {
			const char *k = n->kids[i]->key;
			/* the family decides which codec prints the rest: not a leaf */
			if (k && !strcmp(k, "sa_family"))
				continue;
			walk_pattern(w, n->kids[i], line, false);
		}
		return;
	default:	/* _, $var, ~regex, comparisons: deliberately open */
		return;
	}
}

static bool is_out(enum argk k)
{
	return k == A_ADDR_OUT || k == A_BUF_OUT || k == A_OPT_OUT || k == A_LEN_OUT ||
	       k == A_PAT;
}

static void walk_step(struct walk *w, struct step *st)
{
	if (st->kind != STEP_CALL)
		return;
	/* the return value (or implicit success) */
	if (!st->ret) {
		if (visit(w, NULL, st->line)) {
			describe(w, st->line, st->col, "success", "= -1 EPERM");
			if (w->apply) {
				st->ret = node_int(-1);
				st->err = EPERM;
			}
		}
	} else if (st->err) {
		if (visit(w, NULL, st->line)) {
			int to = st->err == EPERM ? EINVAL : EPERM;
			char *before = xasprintf("-1 %s", errno_name(st->err));
			char *after = xasprintf("-1 %s", errno_name(to));
			describe(w, st->ret_line, st->ret_col, before, after);
			free(before);
			free(after);
			if (w->apply)
				st->err = to;
		}
	} else {
		walk_pattern(w, st->ret, st->line, false);
	}
	/* out-parameters are only compared when the call succeeds */
	bool fails = st->err || (st->ret && (st->ret->kind == N_INT || st->ret->kind == N_SYM) &&
				 st->ret->ival < 0);
	for (size_t i = 0; i < st->call_node->nkids && !w->desc && !fails; i++)
		if (is_out(st->call->args[i]))
			walk_pattern(w, st->call_node->kids[i], st->line, false);
	if (st->timed && !w->desc && visit(w, NULL, st->line)) {
		char *before = xasprintf("<%g..%g>", st->tmin, st->tmax);
		char *after = xasprintf("<%g..%g>", st->tmax + 30, st->tmax + 60);
		describe(w, st->line, st->col, before, after);
		free(before);
		free(after);
		if (w->apply) {
			st->tmin += 30 + (st->tmax - st->tmin);
			st->tmax = st->tmin + 30;
		}
	}
}

static void walk_case(struct walk *w, struct tcase *tc)
{
	for (size_t i = 0; i < tc->nsteps && !w->desc; i++)
		walk_step(w, &tc->steps[i]);
}

size_t mutate_count(const struct tcase *tc)
{
	struct walk w = { .target = (size_t)-1, .tc = tc };
	walk_case(&w, (struct tcase *)tc);
	return w.seen;
}

char *mutate_describe(const struct tcase *tc, size_t k)
{
	struct walk w = { .target = k, .tc = tc };
	walk_case(&w, (struct tcase *)tc);
	return w.desc;
}

char *mutate_apply(struct tcase *tc, size_t k)
{
	struct walk w = { .target = k, .apply = true, .tc = tc };
	walk_case(&w, tc);
	return w.desc;
}
