// SPDX-License-Identifier: MIT
/* The value grammar (parse.h): prim ('|' prim)* ['*' count]. */
#define _GNU_SOURCE
#include "lang/parse.h"
#include "core/valfn.h"
#include "lang/consts.h"
#include "util/util.h"

#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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
struct node *parse_expr(struct parser *p)
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
