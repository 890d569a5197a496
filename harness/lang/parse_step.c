// SPDX-License-Identifier: MIT
/* A step, checked against its call's argument spec (parse.h). */
#define _GNU_SOURCE
#include "lang/parse.h"
#include "core/callspec.h"
#include "lang/addrcheck.h"
#include "lang/consts.h"
#include "util/util.h"

#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- step checking against the call table ---- */

static bool kind_in(const struct node *n, const enum node_kind *ok, size_t nok)
{
	for (size_t i = 0; i < nok; i++)
		if (n->kind == ok[i])
			return true;
	return false;
}

static bool check_arg(struct parser *p, struct node *a, enum argk k, struct tcase *tc)
{
	static const enum node_kind ints[] = { N_INT, N_SYM, N_OR, N_VAR, N_CALL };
	static const enum node_kind addr_in[] = { N_STRUCT, N_NULL, N_VAR };
	static const enum node_kind addr_out[] = { N_STRUCT, N_NULL, N_VAR, N_WILD };
	/* structures and lists: the socket's payload notation (payload.h) */
	static const enum node_kind buf_in[] = { N_STR, N_VAR, N_STRUCT, N_LIST };
	static const enum node_kind buf_out[] = { N_STR, N_VAR, N_WILD, N_REGEX, N_STRUCT, N_LIST };
	static const enum node_kind opt_in[] = { N_LIST, N_STRUCT, N_STR, N_NULL, N_VAR };
	static const enum node_kind opt_out[] = { N_LIST, N_STRUCT, N_STR, N_VAR, N_WILD, N_REGEX, N_NULL };
	static const enum node_kind len_out[] = { N_LIST, N_WILD };
	static const enum node_kind fds[] = { N_HANDLE, N_INT, N_VAR };
#define CHECK(arr, what) do {						\
		if (!kind_in(a, arr, ARRAY_SIZE(arr))) {		\
			perror_at(p, a->col, "expected %s here", what);	\
			return false;					\
		}							\
	} while (0)
	switch (k) {
	case A_FD: CHECK(fds, "a descriptor handle"); break;
	case A_INT: CHECK(ints, "an integer or constant"); break;
	case A_ADDR:
	case A_ADDR_OUT:
		if (k == A_ADDR)
			CHECK(addr_in, "a socket address {sa_family=..., ...} or NULL");
		else
			CHECK(addr_out, "an address pattern {sa_family=..., ...}, _ or NULL");
		/* {} is what the kernel writes for "no address" (length 0) */
		if (a->kind == N_STRUCT && !(k == A_ADDR_OUT && a->nkids == 0)) {
			int col;
			char *err = NULL;
			if (addr_check_literal(a, &col, &err)) {
				perror_at(p, col, "%s", err);
				free(err);
				return false;
			}
		}
		break;
	case A_BUF: CHECK(buf_in, "a string (or a {structure} the socket's data has)"); break;
	case A_BUF_OUT:
		CHECK(buf_out, "a data pattern: a string, ~\"regex\", _ or a {structure}");
		break;
	case A_OPT: CHECK(opt_in, "an option value: [int], {struct} or a string"); break;
	case A_OPT_OUT: CHECK(opt_out, "an option value pattern: [int], {struct}, a string or _"); break;
	case A_LEN_OUT: CHECK(len_out, "a length pattern such as [16]"); break;
	case A_VAL:
		if (a->kind == N_WILD || a->kind == N_REGEX || a->kind == N_CMP) {
			perror_at(p, a->col, "a pattern cannot be passed in; write a value");
			return false;
		}
		break;
	case A_PAT:
		break;
	case A_NEWFDS:
		if (a->kind != N_LIST || a->nkids != 2) {
			perror_at(p, a->col, "expected [name, name] for the new descriptors");
			return false;
		}
		break;
	}
#undef CHECK
	(void)tc;
	return true;
}

/* Names a step cannot give a new handle: constants, and _ and NULL. */
static bool reserved_name(const char *name)
{
	long long dummy;
	return consts_lookup(name, &dummy) == 0 || strcmp(name, "_") == 0 ||
	       strcmp(name, "NULL") == 0;
}

/*
 * A step: [handle =] call(args) [= expectation [ERRNO [(text)]]] [<min..max>]
 * For A_NEWFDS the names inside [..] are new handles, so the arguments are
 * read with the case's handle table in mind.
 */
void parse_step(struct parser *p)
{
	struct tcase *tc = p->tc;
	struct step st = { .line = p->lineno, .col = tok(p)->col, .assign_slot = -1,
			   .actor = p->actor };
	char *assign = NULL;
	int assign_col = 0;
	/* [peer] socket(...): the step runs in a network namespace the case declared */
	if (tok(p)->kind == T_LBRACK) {
		next(p);
		char *ns = tok(p)->kind == T_IDENT ? tok_text(p) : NULL;
		int idx = ns ? name_index(tc->netns, tc->nnetns, ns) : -1;
		if (idx <= 0) {
			perror_at(p, tok(p)->col, "expected the name of a namespace declared with 'netns'");
			free(ns);
			return;
		}
		free(ns);
		next(p);
		if (!expect(p, T_RBRACK))
			return;
		st.netns = idx;
		st.col = tok(p)->col;
	}
	if (tok(p)->kind == T_IDENT && lex_peek(&p->lx) == T_EQ) {
		assign = tok_text(p);
		assign_col = tok(p)->col;
		if (reserved_name(assign)) {
			perror_at(p, assign_col, "'%s' is a constant; a handle needs another name", assign);
			free(assign);
			return;
		}
		next(p);
		next(p);
	}
	if (tok(p)->kind != T_IDENT) {
		perror_at(p, tok(p)->col, "expected a call such as socket(...), found %s",
			  tok_name(tok(p)->kind));
		free(assign);
		return;
	}
	int call_col = tok(p)->col;
	char *fname = tok_text(p);
	st.call = call_find(fname);
	if (!st.call) {
		perror_at(p, call_col, "unknown call '%s' (see cases/README.md for the calls a step can make)",
			  fname);
		free(fname);
		free(assign);
		return;
	}
	next(p);
	if (!expect(p, T_LPAREN)) {
		free(fname);
		free(assign);
		return;
	}
	struct node *call = at(node_call(fname, NULL), p, call_col);
	free(fname);
	const struct call_spec *cs = st.call;
	bool ok = true;
	if (tok(p)->kind == T_RPAREN) {
		next(p);
	} else {
		for (;;) {
			int i = (int)call->nkids;
			if (i >= cs->max_args) {
				perror_at(p, tok(p)->col, "%s() takes at most %d arguments", cs->name, cs->max_args);
				ok = false;
				break;
			}
			struct node *a;
			if (cs->args[i] == A_NEWFDS && tok(p)->kind == T_LBRACK) {
				/* new handle names: not resolved against existing ones */
				a = at(node_new(N_LIST), p, tok(p)->col);
				next(p);
				while (ok && tok(p)->kind == T_IDENT) {
					char *hn = tok_text(p);
					if (reserved_name(hn)) {
						/* as for 'x = ...': it would hide the constant */
						perror_at(p, tok(p)->col, "'%s' is a constant; a handle "
							  "needs another name", hn);
						free(hn);
						ok = false;
						break;
					}
					struct node *h = at(node_new(N_HANDLE), p, tok(p)->col);
					h->name = hn;
					node_push(a, h);
					next(p);
					if (tok(p)->kind == T_COMMA)
						next(p);
				}
				if (ok)
					ok = expect(p, T_RBRACK);
			} else {
				a = parse_expr(p);
				ok = a != NULL;
			}
			if (!a)
				break;
			node_push(call, a);
			if (!ok || !check_arg(p, a, cs->args[i], tc)) {
				ok = false;
				break;
			}
			if (tok(p)->kind == T_COMMA) {
				next(p);
				continue;
			}
			ok = expect(p, T_RPAREN);
			break;
		}
	}
	if (ok && (int)call->nkids < cs->min_args) {
		perror_at(p, call_col, "%s() takes %s%d argument%s, %zu given", cs->name,
			  cs->min_args == cs->max_args ? "" : "at least ", cs->min_args,
			  cs->min_args == 1 ? "" : "s", call->nkids);
		ok = false;
	}
	if (ok && assign && !cs->makes_fd) {
		perror_at(p, assign_col, "%s() does not return a descriptor to name", cs->name);
		ok = false;
	}
	if (ok && tok(p)->kind == T_EQ) {
		next(p);
		st.ret_line = p->lineno;
		st.ret_col = tok(p)->col;
		st.ret = parse_expr(p);
		ok = st.ret != NULL;
		if (ok && tok(p)->kind == T_IDENT) {
			char *en = tok_text(p);
			int e;
			if (errno_lookup(en, &e) != 0) {
				perror_at(p, tok(p)->col, "unknown errno name '%s'", en);
				ok = false;
			} else if (st.ret->kind != N_INT || st.ret->ival != -1) {
				perror_at(p, tok(p)->col, "an errno follows -1 only");
				ok = false;
			} else {
				st.err = e;
				next(p);
				/* strace's "(Invalid argument)" text may follow */
				if (tok(p)->kind == T_LPAREN) {
					while (tok(p)->kind != T_RPAREN && tok(p)->kind != T_EOL)
						next(p);
					ok = expect(p, T_RPAREN);
				}
			}
			free(en);
		} else if (ok && st.ret->kind == N_INT && st.ret->ival == -1) {
			perror_at(p, tok(p)->col, "-1 needs the errno name expected, e.g. = -1 EINVAL");
			ok = false;
		}
	}
	if (ok && tok(p)->kind == T_LT) {
		int tcol = tok(p)->col;
		next(p);
		double lo = tok(p)->fval;
		ok = (tok(p)->kind == T_INT || tok(p)->kind == T_FLOAT);
		if (ok) {
			next(p);
			ok = expect(p, T_DOTDOT);
		}
		double hi = tok(p)->fval;
		if (ok && !(tok(p)->kind == T_INT || tok(p)->kind == T_FLOAT))
			ok = false;
		if (ok) {
			next(p);
			ok = expect(p, T_GT);
		}
		if (!ok || lo > hi) {
			perror_at(p, tcol, "a time bound reads <min..max> in seconds, min <= max");
			ok = false;
		}
		st.timed = true;
		st.tmin = lo;
		st.tmax = hi;
	}
	if (ok && tok(p)->kind != T_EOL) {
		if (tok(p)->kind == T_ERROR)
			perror_at(p, tok(p)->col, "%s", tok(p)->str);
		else
			perror_at(p, tok(p)->col, "unexpected %s after the step", tok_name(tok(p)->kind));
		ok = false;
	}
	if (!ok) {
		perror_at(p, call_col, "invalid step");
		node_free(call);
		node_free(st.ret);
		free(assign);
		return;
	}
	/* new names become handles only once the step parsed */
	for (size_t i = 0; i < call->nkids; i++)
		if (cs->args[i] == A_NEWFDS)
			for (size_t j = 0; j < call->kids[i]->nkids; j++) {
				struct node *h = call->kids[i]->kids[j];
				h->ival = handle_add(tc, h->name);
			}
	if (assign)
		st.assign_slot = handle_add(tc, assign);
	free(assign);
	st.call_node = call;
	tc->steps = xrealloc(tc->steps, (tc->nsteps + 1) * sizeof(*tc->steps));
	tc->steps[tc->nsteps++] = st;
}
