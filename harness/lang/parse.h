/* SPDX-License-Identifier: MIT */
/*
 * The case-file parser's insides, shared by its parts (packetdrill's split):
 *
 *   parse_util.c    the parser state, errors with a caret, token helpers
 *   parse_value.c   the value grammar: 42, "str", {k=v}, [a, b], f(x), A|B, >0
 *   parse_step.c    a step: [ns] h = call(args) = ret ERRNO <min..max>,
 *                   each argument checked against the call's spec
 *   parse_decl.c    requirements and the environment a case declares
 *                   (requires, hosts, sysctl, process/wait/netns blocks)
 *   parser.c        the file: family, case headers, doc/what/xfail, lines
 */
#ifndef SOCKSPEC_LANG_PARSE_H
#define SOCKSPEC_LANG_PARSE_H

#include "lang/case.h"
#include "lang/lexer.h"

#include <stdbool.h>

struct doc_index;

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

/* An error at column COL of the current line (once per line), with a caret. */
void perror_at(struct parser *p, int col, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static inline struct token *tok(struct parser *p) { return &p->lx.tok; }
static inline void next(struct parser *p) { lex_next(&p->lx); }
/* Consume a token of kind K, or report what was found instead. */
bool expect(struct parser *p, enum tok_kind k);
bool tok_is(struct parser *p, const char *word);
char *tok_text(struct parser *p);
/* N placed at the current line, column COL. */
struct node *at(struct node *n, struct parser *p, int col);

int handle_slot(const struct tcase *tc, const char *name);
int handle_add(struct tcase *tc, const char *name);
int name_index(char **names, size_t n, const char *name);
int name_add(char ***names, size_t *n, const char *name);

/* The rest of the line from the current token, blanks skipped. */
const char *rest_of_line(struct parser *p);
/* The rest of the line as free text, up to a comment, trimmed. */
char *text_arg(struct parser *p);

/* parse_value.c */
struct node *parse_expr(struct parser *p);

/* parse_step.c */
void parse_step(struct parser *p);

/* parse_decl.c */
void parse_requires(struct parser *p, struct requirement **reqs, size_t *nreqs);
bool fixture_word(struct parser *p);
void parse_etc_file(struct parser *p, char **slot);
void parse_sysctl(struct parser *p);
void parse_block_line(struct parser *p);

#endif
