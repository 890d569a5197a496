// SPDX-License-Identifier: MIT
/*
 * Case-file parser.  Line-oriented: the first word of a line says what the
 * line is; step lines go through the expression grammar below.  Every
 * error names file:line:col and shows the line with a caret; parsing goes
 * on at the next line so one run reports all the mistakes in a file.
 */
#define _GNU_SOURCE
#include "lang/addrcheck.h"
#include "core/callspec.h"
#include "core/valfn.h"
#include "lang/case.h"
#include "lang/consts.h"
#include "docs/doctargets.h"
#include "fixtures/fixture.h"
#include "lang/lexer.h"
#include "util/util.h"

#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <linux/capability.h>

struct parser {
	struct casefile *cf;
	const struct doc_index *docs;
	const char *line;	/* current line text */
	int lineno;
	struct lexer lx;
	struct tcase *tc;	/* case being filled, NULL before the first */
	char *case_text;	/* its 'case NAME' line, shown by errors found at its end */
	bool step_failed;	/* a step line of the case had an error */
	bool skip_case;		/* a case header was rejected: its body is skipped */
	struct sbuf err;
	bool failed_line;	/* an error was reported on this line */
	int actor;		/* process block being read, 0 outside */
	int depth;		/* nesting of values being parsed */
};

#define MAX_ERRORS 50
/* Brackets, braces, calls and comparisons nest at most this deep in a value. */
#define MAX_NESTING 64

static void perror_at(struct parser *p, int col, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void perror_at(struct parser *p, int col, const char *fmt, ...)
{
	if (p->failed_line)
		return;
	p->failed_line = true;
	if (++p->cf->nerrors > MAX_ERRORS)
		return;
	va_list ap;
	va_start(ap, fmt);
	char *msg;
	if (vasprintf(&msg, fmt, ap) < 0)
		msg = NULL;
	va_end(ap);
	sb_printf(&p->err, "%s:%d:%d: error: %s\n", p->cf->path, p->lineno, col,
		  msg ? msg : "?");
	free(msg);
	/* the line, tabs kept so the caret lines up under it */
	sb_printf(&p->err, "  %s\n  ", p->line);
	for (int i = 1; i < col && p->line[i - 1]; i++)
		sb_putc(&p->err, p->line[i - 1] == '\t' ? '\t' : ' ');
	sb_puts(&p->err, "^\n");
}

static struct token *tok(struct parser *p) { return &p->lx.tok; }
static void next(struct parser *p) { lex_next(&p->lx); }

static bool expect(struct parser *p, enum tok_kind k)
{
	if (tok(p)->kind == k) {
		next(p);
		return true;
	}
	if (tok(p)->kind == T_ERROR)
		perror_at(p, tok(p)->col, "%s", tok(p)->str);
	else
		perror_at(p, tok(p)->col, "expected %s, found %s", tok_name(k),
			  tok_name(tok(p)->kind));
	return false;
}

static bool tok_is(struct parser *p, const char *word)
{
	return tok(p)->kind == T_IDENT && tok(p)->len == strlen(word) &&
	       strncmp(tok(p)->start, word, tok(p)->len) == 0;
}

static char *tok_text(struct parser *p)
{
	return xstrndup(tok(p)->start, tok(p)->len);
}

static int handle_slot(const struct tcase *tc, const char *name)
{
	for (size_t i = 0; tc && i < tc->nhandles; i++)
		if (strcmp(tc->handles[i], name) == 0)
			return (int)i;
	return -1;
}

static int handle_add(struct tcase *tc, const char *name)
{
	int s = handle_slot(tc, name);
	if (s >= 0)
		return s;
	tc->handles = xrealloc(tc->handles, (tc->nhandles + 1) * sizeof(char *));
	tc->handles[tc->nhandles] = xstrdup(name);
	return (int)tc->nhandles++;
}

static int name_index(char **names, size_t n, const char *name)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(names[i], name) == 0)
			return (int)i;
	return -1;
}

static int name_add(char ***names, size_t *n, const char *name)
{
	*names = xrealloc(*names, (*n + 1) * sizeof(char *));
	(*names)[*n] = xstrdup(name);
	return (int)(*n)++;
}

static struct node *at(struct node *n, struct parser *p, int col)
{
	n->line = p->lineno;
	n->col = col;
	return n;
}

static struct node *parse_expr(struct parser *p);

/*
 * Entering a nested value (a list, a structure, a call's arguments, a
 * comparison's operand): false, with an error, past MAX_NESTING levels, so
 * that a hostile line cannot exhaust the stack.  Every true is paired with
 * a nest_leave().
 */
static bool nest_enter(struct parser *p, int col)
{
	if (p->depth >= MAX_NESTING) {
		perror_at(p, col, "values nested more than %d deep", MAX_NESTING);
		return false;
	}
	p->depth++;
	return true;
}

static void nest_leave(struct parser *p)
{
	p->depth--;
}

/* Comma-separated expressions up to CLOSE; the opening token is consumed. */
static bool parse_list_into(struct parser *p, struct node *n, enum tok_kind close, bool entries)
{
	if (tok(p)->kind == close) {
		next(p);
		return true;
	}
	for (;;) {
		struct node *kid;
		if (entries && tok(p)->kind == T_IDENT && lex_peek(&p->lx) == T_EQ) {
			char *key = tok_text(p);
			int col = tok(p)->col;
			next(p);
			next(p);
			kid = parse_expr(p);
			if (!kid) {
				free(key);
				return false;
			}
			if (node_get_field(n, key)) {
				perror_at(p, col, "field '%s' given twice", key);
				free(key);
				node_free(kid);
				return false;
			}
			node_field(n, key, kid);
			kid->col = col;	/* errors about an entry point at its key */
			free(key);
		} else {
			kid = parse_expr(p);
			if (!kid)
				return false;
			node_push(n, kid);
		}
		if (tok(p)->kind == T_COMMA) {
			next(p);
			continue;
		}
		return expect(p, close);
	}
}

static struct node *parse_string_like(struct parser *p, bool abstract)
{
	int col = tok(p)->col;
	struct node *n;
	if (tok(p)->kind == T_STRING) {
		n = node_str(tok(p)->str, tok(p)->slen);
		n->hex = tok(p)->hex;
		next(p);
	} else if (tok(p)->kind == T_TILDE) {
		next(p);
		if (tok(p)->kind != T_STRING) {
			expect(p, T_STRING);
			return NULL;
		}
		if (tok(p)->hex) {
			perror_at(p, tok(p)->col, "a regular expression is text, ~\"...\", not hex");
			return NULL;
		}
		n = node_str(tok(p)->str, tok(p)->slen);
		n->kind = N_REGEX;
		next(p);
	} else if (tok_is(p, "_")) {
		n = node_new(N_WILD);
		next(p);
	} else {
		perror_at(p, col, "expected a string, ~\"regex\" or _ after '@'");
		return NULL;
	}
	n->abstract = abstract;
	return at(n, p, col);
}

static struct node *parse_ident(struct parser *p)
{
	int col = tok(p)->col;
	char *name = tok_text(p);
	next(p);
	struct node *n = NULL;
	if (tok(p)->kind == T_LPAREN) {
		const struct value_func *vf = value_func_find(name);
		int nargs = vf ? vf->nargs : 0;
		if (!vf) {
			perror_at(p, col, "unknown function '%s' in a value", name);
			free(name);
			return NULL;
		}
		if (!nest_enter(p, tok(p)->col)) {
			free(name);
			return NULL;
		}
		next(p);
		n = at(node_call(name, NULL), p, col);
		free(name);
		bool listed = parse_list_into(p, n, T_RPAREN, false);
		nest_leave(p);
		if (!listed) {
			node_free(n);
			return NULL;
		}
		if ((int)n->nkids != nargs) {
			perror_at(p, col, "%s() takes %d argument%s, %zu given", n->name, nargs,
				  nargs == 1 ? "" : "s", n->nkids);
			node_free(n);
			return NULL;
		}
		return n;
	}
	int slot;
	long long v;
	if (strcmp(name, "_") == 0) {
		n = node_new(N_WILD);
	} else if (strcmp(name, "NULL") == 0) {
		n = node_new(N_NULL);
	} else if ((slot = handle_slot(p->tc, name)) >= 0) {
		n = node_new(N_HANDLE);
		n->name = xstrdup(name);
		n->ival = slot;
	} else if (consts_lookup(name, &v) == 0) {
		n = node_sym(name, v);
	} else {
		perror_at(p, col, "unknown name '%s': not a handle assigned earlier in this case, "
			  "nor a constant the system headers define", name);
		free(name);
		return NULL;
	}
	free(name);
	return at(n, p, col);
}

static struct node *parse_prim(struct parser *p)
{
	struct token *t = tok(p);
	int col = t->col;
	struct node *n;
	switch (t->kind) {
	case T_INT:
		/*
		 * A hex literal stays hex when printed (strace writes CAN ids,
		 * masks and addresses that way): a constant named by its value,
		 * 0x7ff, which compares by value like any other.
		 */
		if (t->len > 1 && t->start[0] == '0' &&
		    (t->start[1] == 'x' || t->start[1] == 'X')) {
			char hex[24];
			snprintf(hex, sizeof(hex), "%#llx", t->ival);
			n = at(node_sym(hex, t->ival), p, col);
		} else {
			n = at(node_int(t->ival), p, col);
		}
		next(p);
		return n;
	case T_MINUS:
		next(p);
		if (tok(p)->kind != T_INT) {
			expect(p, T_INT);
			return NULL;
		}
		n = at(node_int(-tok(p)->ival), p, col);
		next(p);
		return n;
	case T_STRING:
	case T_TILDE:
		return parse_string_like(p, false);
	case T_AT:
		next(p);
		return parse_string_like(p, true);
	case T_DOLLAR:
	case T_AMP: {
		/* t is the lexer's current token: read its kind before advancing */
		enum node_kind k = t->kind == T_DOLLAR ? N_VAR : N_REF;
		next(p);
		if (tok(p)->kind != T_IDENT) {
			expect(p, T_IDENT);
			return NULL;
		}
		n = at(node_new(k), p, col);
		n->name = tok_text(p);
		next(p);
		return n;
	}
	case T_ELLIPSIS:
		next(p);
		return at(node_new(N_ELLIPSIS), p, col);
	case T_IDENT:
		return parse_ident(p);
	case T_LBRACK:
	case T_LBRACE: {
		bool st = t->kind == T_LBRACE;
		if (!nest_enter(p, col))
			return NULL;
		next(p);
		n = at(node_new(st ? N_STRUCT : N_LIST), p, col);
		bool listed = parse_list_into(p, n, st ? T_RBRACE : T_RBRACK, st);
		nest_leave(p);
		if (!listed) {
			node_free(n);
			return NULL;
		}
		return n;
	}
	case T_GT: case T_GE: case T_LT: case T_LE: case T_NE: {
		static const int ops[] = { [T_GT] = CMP_GT, [T_GE] = CMP_GE, [T_LT] = CMP_LT,
					   [T_LE] = CMP_LE, [T_NE] = CMP_NE };
		int op = ops[t->kind];
		if (!nest_enter(p, col))
			return NULL;
		next(p);
		struct node *kid = parse_prim(p);
		nest_leave(p);
		if (!kid)
			return NULL;
		n = at(node_new(N_CMP), p, col);
		n->op = op;
		node_push(n, kid);
		return n;
	}
	case T_ERROR:
		perror_at(p, col, "%s", t->str);
		return NULL;
	default:
		perror_at(p, col, "expected a value, found %s", tok_name(t->kind));
		return NULL;
	}
}

/* prim ('|' prim)* ['*' count]: flags, and "x" * 108 for long strings */
static struct node *parse_expr(struct parser *p)
{
	int col = tok(p)->col;
	struct node *n = parse_prim(p);
	if (!n)
		return NULL;
	if (tok(p)->kind == T_PIPE) {
		struct node *or = at(node_new(N_OR), p, col);
		node_push(or, n);
		while (tok(p)->kind == T_PIPE) {
			next(p);
			struct node *k = parse_prim(p);
			if (!k) {
				node_free(or);
				return NULL;
			}
			if (k->kind != N_INT && k->kind != N_SYM) {
				perror_at(p, k->col, "only integers and constants can be or-ed with '|'");
				node_free(k);
				node_free(or);
				return NULL;
			}
			node_push(or, k);
		}
		n = or;
	}
	if (tok(p)->kind == T_STAR) {
		int scol = tok(p)->col;
		next(p);
		if (n->kind != N_STR || tok(p)->kind != T_INT || tok(p)->ival < 0 ||
		    tok(p)->ival > 65536) {
			perror_at(p, scol, "'*' repeats a string a count of 0 to 65536 times");
			node_free(n);
			return NULL;
		}
		size_t count = (size_t)tok(p)->ival, len = n->len * count;
		unsigned char *b = xmalloc(len + 1);
		for (size_t i = 0; i < count; i++)
			memcpy(b + i * n->len, n->bytes, n->len);
		b[len] = 0;
		free(n->bytes);
		n->bytes = b;
		n->len = len;
		next(p);
	}
	return n;
}

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
static void parse_step(struct parser *p)
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

/* ---- requirements ---- */

static const struct { const char *name; int cap; } cap_names[] = {
	{ "CAP_NET_ADMIN", CAP_NET_ADMIN }, { "CAP_NET_RAW", CAP_NET_RAW },
	{ "CAP_NET_BIND_SERVICE", CAP_NET_BIND_SERVICE },
	{ "CAP_NET_BROADCAST", CAP_NET_BROADCAST }, { "CAP_SYS_ADMIN", CAP_SYS_ADMIN },
	{ "CAP_SYS_MODULE", CAP_SYS_MODULE }, { "CAP_DAC_OVERRIDE", CAP_DAC_OVERRIDE },
	{ "CAP_SETUID", CAP_SETUID }, { "CAP_SETGID", CAP_SETGID },
};

static const char *rest_of_line(struct parser *p)
{
	const char *s = tok(p)->start;
	while (*s == ' ' || *s == '\t')
		s++;
	return s;
}

/* S with its trailing blanks removed. */
static char *trimmed(const char *s)
{
	const char *e = s + strlen(s);
	while (e > s && isspace((unsigned char)e[-1]))
		e--;
	return xstrndup(s, (size_t)(e - s));
}

/*
 * The rest of the line as free text (doc, what, xfail, requires): up to a
 * comment, that is a '#' after a blank (or right where the text starts),
 * trailing blanks removed.  A '#' inside a word stays: "what fd#3".
 */
static char *text_arg(struct parser *p)
{
	const char *s = rest_of_line(p), *e = s;
	while (*e && !(*e == '#' && (e == s || e[-1] == ' ' || e[-1] == '\t')))
		e++;
	char *cut = xstrndup(s, (size_t)(e - s));
	char *t = trimmed(cut);
	free(cut);
	return t;
}

static void parse_requires(struct parser *p, struct requirement **reqs, size_t *nreqs)
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

static bool fixture_word(struct parser *p)
{
	char *w = tok_text(p);
	bool r = fixture_keyword(w);
	free(w);
	return r;
}

/* FILE relative to the case file's directory; it must exist now. */
static void parse_etc_file(struct parser *p, char **slot)
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
	if (!abs)
		perror_at(p, col, "cannot use %s: %s", path, strerror(errno));
	else if (*slot)
		perror_at(p, col, "given twice in this case");
	else
		*slot = xstrdup(abs);
	free(abs);
	free(path);
	free(name);
}

/* sysctl net.x.y=VALUE: only per-network-namespace settings */
static void parse_sysctl(struct parser *p)
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
static void parse_block_line(struct parser *p)
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

/* ---- file structure ---- */

static bool valid_case_name(const char *s)
{
	if (!*s)
		return false;
	for (; *s; s++)
		if (!isalnum((unsigned char)*s) && *s != '-' && *s != '_' && *s != '.')
			return false;
	return true;
}

static void finish_case(struct parser *p)
{
	struct tcase *tc = p->tc;
	if (!tc)
		return;
	int save = p->lineno;
	const char *save_line = p->line;
	p->lineno = tc->line;
	p->line = p->case_text ? p->case_text : "";
	p->failed_line = false;
	if (!tc->doc)
		perror_at(p, 1, "case '%s' has no 'doc' line naming its socket.rst target", tc->name);
	p->failed_line = false;
	if (!tc->what)
		perror_at(p, 1, "case '%s' has no 'what' line saying what it checks", tc->name);
	p->failed_line = false;
	if (!tc->nsteps && !p->step_failed)	/* else its step lines said why */
		perror_at(p, 1, "case '%s' has no steps", tc->name);
	p->failed_line = false;
	if (p->actor)
		perror_at(p, 1, "case '%s': process '%s' has no 'end'", tc->name,
			  tc->actors[p->actor]);
	p->failed_line = false;
	/* the initial namespace is used as it is: the case builds nothing in it */
	if (tc->netns_initial && (tc->nfixtures || tc->nsysctls))
		perror_at(p, 1, "case '%s' runs in the initial network namespace ('netns initial') "
			  "and cannot change it: no veth, device, link, addr, route or sysctl",
			  tc->name);
	p->actor = 0;
	p->lineno = save;
	p->line = save_line;
	p->failed_line = false;
	p->tc = NULL;
	p->step_failed = false;
	free(p->case_text);
	p->case_text = NULL;
}

static void case_header(struct parser *p)
{
	struct casefile *cf = p->cf;
	finish_case(p);
	p->skip_case = false;
	int col = tok(p)->col;
	char *name = text_arg(p);
	if (!valid_case_name(name)) {
		perror_at(p, col, "a case name is made of letters, digits, '-', '_' and '.'");
		free(name);
		/* its lines belong to no case: skipped, not one error each */
		p->skip_case = true;
		return;
	}
	/*
	 * A duplicate is registered all the same (the file does not run with
	 * an error in it), so that its body is checked as a case's, not
	 * reported line by line as lines outside any case.
	 */
	for (size_t i = 0; i < cf->ncases; i++)
		if (strcmp(cf->cases[i].name, name) == 0) {
			perror_at(p, col, "case '%s' already defined at line %d", name, cf->cases[i].line);
			break;
		}
	cf->cases = xrealloc(cf->cases, (cf->ncases + 1) * sizeof(*cf->cases));
	struct tcase *tc = &cf->cases[cf->ncases++];
	memset(tc, 0, sizeof(*tc));
	tc->name = name;
	tc->line = p->lineno;
	tc->id = xasprintf("%s.%s", cf->name, name);
	/* pointers into cf->cases are fixed up after parsing (realloc moves them) */
	p->tc = tc;
	p->case_text = xstrdup(p->line);
}

static void parse_line(struct parser *p)
{
	struct casefile *cf = p->cf;
	lex_init(&p->lx, p->line);
	p->failed_line = false;
	p->depth = 0;
	if (tok(p)->kind == T_EOL)
		goto out;
	if (p->skip_case && !tok_is(p, "case"))
		goto out;
	int col = tok(p)->col;
	if (tok_is(p, "case")) {
		next(p);
		case_header(p);
	} else if (tok_is(p, "family")) {
		if (p->tc || cf->ncases) {
			perror_at(p, col, "'family' belongs at the top of the file, before the first case");
			goto out;
		}
		next(p);
		if (tok(p)->kind != T_IDENT || strncmp(tok(p)->start, "AF_", 3) != 0) {
			perror_at(p, tok(p)->col, "expected an address family (AF_...)");
			goto out;
		}
		free(cf->family);
		cf->family = tok_text(p);
		next(p);
		if (tok(p)->kind != T_EOL)
			perror_at(p, tok(p)->col, "unexpected %s after the family", tok_name(tok(p)->kind));
	} else if (tok_is(p, "requires")) {
		next(p);
		if (p->tc)
			parse_requires(p, &p->tc->reqs, &p->tc->nreqs);
		else
			parse_requires(p, &cf->reqs, &cf->nreqs);
	} else if (!p->tc) {
		perror_at(p, col, "expected 'family', 'requires' or 'case' before the first case");
	} else if (tok_is(p, "doc") || tok_is(p, "what") || tok_is(p, "xfail")) {
		char *kw = tok_text(p);
		next(p);
		char *text = text_arg(p);
		char **slot = kw[0] == 'd' ? &p->tc->doc : kw[0] == 'w' ? &p->tc->what : &p->tc->xfail;
		if (!*text) {
			perror_at(p, col, "'%s' needs text after it", kw);
			free(text);
		} else if (*slot) {
			perror_at(p, col, "'%s' given twice in this case", kw);
			free(text);
		} else if (kw[0] == 'd' && (strchr(text, ' ') || strchr(text, '\t'))) {
			perror_at(p, tok(p)->col, "a doc target is one word, e.g. socket.socket.bind or host_port");
			*slot = text;	/* reported once: not again as a missing doc line */
		} else if (kw[0] == 'd' && p->docs && !doc_index_find(p->docs, text)) {
			perror_at(p, tok(p)->col, "'%s' is not a target in %s", text, p->docs->path);
			*slot = text;
		} else {
			*slot = text;
		}
		free(kw);
	} else if (tok_is(p, "namespace")) {
		next(p);
		if (!tok_is(p, "uts")) {
			perror_at(p, tok(p)->col, "expected 'uts' (the namespaces a case can ask for)");
			goto out;
		}
		p->tc->ns_uts = true;
		next(p);
		if (tok(p)->kind != T_EOL)
			perror_at(p, tok(p)->col, "unexpected %s", tok_name(tok(p)->kind));
	} else if (tok_is(p, "process") || tok_is(p, "wait") || tok_is(p, "netns")) {
		bool step = !tok_is(p, "netns");
		parse_block_line(p);
		p->step_failed |= step && p->failed_line;
	} else if (tok_is(p, "end")) {
		if (!p->actor)
			perror_at(p, col, "'end' without a 'process' block to close");
		p->actor = 0;
		next(p);
		if (tok(p)->kind != T_EOL)
			perror_at(p, tok(p)->col, "unexpected %s", tok_name(tok(p)->kind));
	} else if (tok(p)->kind == T_IDENT && lex_peek(&p->lx) != T_EQ &&
		   lex_peek(&p->lx) != T_LPAREN && fixture_word(p)) {
		char *kw = tok_text(p);
		next(p);
		int ecol;
		char *err = NULL;
		if (!p->tc->nnetns)
			name_add(&p->tc->netns, &p->tc->nnetns, "");
		struct fixture fx;
		if (fixture_parse(kw, rest_of_line(p), tok(p)->col, p->lineno, p->tc->netns,
				  p->tc->nnetns, &fx, &ecol, &err)) {
			perror_at(p, ecol, "%s", err);
			free(err);
		} else {
			struct tcase *tc = p->tc;
			tc->fixtures = xrealloc(tc->fixtures, (tc->nfixtures + 1) * sizeof(*tc->fixtures));
			tc->fixtures[tc->nfixtures++] = fx;
		}
		free(kw);
	} else if (tok_is(p, "unprivileged")) {
		p->tc->unprivileged = true;
		next(p);
		if (tok(p)->kind != T_EOL)
			perror_at(p, tok(p)->col, "unexpected %s", tok_name(tok(p)->kind));
	} else if (tok_is(p, "hosts") || tok_is(p, "services") || tok_is(p, "protocols")) {
		char **slot = tok_is(p, "hosts") ? &p->tc->hosts_file :
			      tok_is(p, "services") ? &p->tc->services_file : &p->tc->protocols_file;
		next(p);
		parse_etc_file(p, slot);
	} else if (tok_is(p, "sysctl")) {
		next(p);
		parse_sysctl(p);
	} else if (tok_is(p, "timeout")) {
		next(p);
		double v = tok(p)->fval;
		if ((tok(p)->kind != T_INT && tok(p)->kind != T_FLOAT) || v <= 0 || v > 3600) {
			perror_at(p, tok(p)->col, "expected a timeout in seconds (0 < t <= 3600)");
			goto out;
		}
		p->tc->timeout = v;
		next(p);
		if (tok(p)->kind != T_EOL)
			perror_at(p, tok(p)->col, "unexpected %s after the timeout", tok_name(tok(p)->kind));
	} else {
		parse_step(p);
		p->step_failed |= p->failed_line;
	}
out:
	lex_free(&p->lx);
}

static char *name_from_path(const char *path)
{
	const char *base = strrchr(path, '/');
	base = base ? base + 1 : path;
	const char *dot = strrchr(base, '.');
	size_t blen = dot && dot != base ? (size_t)(dot - base) : strlen(base);
	/* the directory that holds the file: cases/af_unix/x.case -> af_unix */
	const char *dir_end = base > path ? base - 1 : NULL;
	const char *dir = dir_end;
	while (dir && dir > path && dir[-1] != '/')
		dir--;
	if (dir && dir_end > dir && !(dir_end - dir == 1 && *dir == '.'))
		return xasprintf("%.*s/%.*s", (int)(dir_end - dir), dir, (int)blen, base);
	return xstrndup(base, blen);
}

struct casefile *casefile_parse_text(const char *path, const char *text,
				     const struct doc_index *docs)
{
	struct casefile *cf = xcalloc(1, sizeof(*cf));
	cf->path = xstrdup(path);
	cf->name = name_from_path(path);
	struct parser p = { .cf = cf, .docs = docs };
	char *copy = xstrdup(text);
	char *save = NULL;
	int lineno = 0;
	/* strtok_r would skip empty lines and lose numbering: split by hand */
	for (char *s = copy; s; ) {
		char *nl = strchr(s, '\n');
		if (nl)
			*nl = 0;
		lineno++;
		p.lineno = lineno;
		p.line = s;
		if (strlen(s) != (size_t)((nl ? nl : s + strlen(s)) - s) || memchr(s, 0, 0)) {
			/* unreachable: kept simple */
		}
		parse_line(&p);
		s = nl ? nl + 1 : NULL;
	}
	(void)save;
	p.line = "";
	finish_case(&p);
	for (size_t i = 0; i < cf->ncases; i++)
		cf->cases[i].file = cf;
	if (!cf->family && !cf->nerrors) {
		/* reported at line 1, which is shown: the splitting left it terminated */
		p.lineno = 1;
		p.line = copy;
		p.failed_line = false;
		perror_at(&p, 1, "the file has no 'family AF_...' line");
	}
	if (cf->nerrors > MAX_ERRORS)
		sb_printf(&p.err, "%s: %d more errors not shown\n", path, cf->nerrors - MAX_ERRORS);
	if (cf->nerrors)
		cf->errors = sb_take(&p.err);
	sb_free(&p.err);
	free(copy);
	return cf;
}

struct casefile *casefile_parse(const char *path, const struct doc_index *docs)
{
	size_t len;
	char *text = read_file(path, &len);
	if (!text) {
		struct casefile *cf = xcalloc(1, sizeof(*cf));
		cf->path = xstrdup(path);
		cf->name = name_from_path(path);
		cf->nerrors = 1;
		cf->errors = xasprintf("%s: error: cannot read: %s\n", path, strerror(errno));
		return cf;
	}
	if (memchr(text, 0, len)) {
		struct casefile *cf = xcalloc(1, sizeof(*cf));
		cf->path = xstrdup(path);
		cf->name = name_from_path(path);
		cf->nerrors = 1;
		size_t off = (size_t)((char *)memchr(text, 0, len) - text);
		int line = 1, col = 1;
		for (size_t i = 0; i < off; i++, col++)
			if (text[i] == '\n')
				line++, col = 0;
		cf->errors = xasprintf("%s:%d:%d: error: NUL byte in a case file\n", path, line, col);
		free(text);
		return cf;
	}
	struct casefile *cf = casefile_parse_text(path, text, docs);
	free(text);
	return cf;
}

static void free_reqs(struct requirement *r, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(r[i].text);
		free(r[i].sym);
		free(r[i].want);
	}
	free(r);
}

void casefile_free(struct casefile *cf)
{
	if (!cf)
		return;
	for (size_t i = 0; i < cf->ncases; i++) {
		struct tcase *tc = &cf->cases[i];
		free(tc->name);
		free(tc->id);
		free(tc->doc);
		free(tc->what);
		free(tc->xfail);
		free_reqs(tc->reqs, tc->nreqs);
		for (size_t j = 0; j < tc->nsteps; j++) {
			node_free(tc->steps[j].call_node);
			node_free(tc->steps[j].ret);
		}
		free(tc->steps);
		for (size_t j = 0; j < tc->nhandles; j++)
			free(tc->handles[j]);
		free(tc->handles);
		free(tc->hosts_file);
		free(tc->services_file);
		free(tc->protocols_file);
		for (size_t j = 0; j < tc->nsysctls; j++) {
			free(tc->sysctls[j].key);
			free(tc->sysctls[j].value);
		}
		free(tc->sysctls);
		for (size_t j = 0; j < tc->nactors; j++)
			free(tc->actors[j]);
		free(tc->actors);
		for (size_t j = 0; j < tc->nnetns; j++)
			free(tc->netns[j]);
		free(tc->netns);
		fixtures_free(tc->fixtures, tc->nfixtures);
	}
	free(cf->cases);
	free_reqs(cf->reqs, cf->nreqs);
	free(cf->path);
	free(cf->name);
	free(cf->family);
	free(cf->errors);
	free(cf);
}
