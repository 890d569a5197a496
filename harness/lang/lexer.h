/* SPDX-License-Identifier: MIT */
/*
 * Tokens of one case-file line.  The language is line-oriented: a line's
 * first word picks its meaning (family, case, doc, what, requires, timeout,
 * xfail, or a step), and step lines are tokenized here.
 */
#ifndef SOCKSPEC_LANG_LEXER_H
#define SOCKSPEC_LANG_LEXER_H

#include <stddef.h>

enum tok_kind {
	T_EOL, T_IDENT, T_INT, T_FLOAT, T_STRING,
	T_LPAREN, T_RPAREN, T_LBRACK, T_RBRACK, T_LBRACE, T_RBRACE,
	T_COMMA, T_EQ, T_PIPE, T_AMP, T_DOLLAR, T_AT, T_TILDE, T_STAR, T_MINUS,
	T_LT, T_LE, T_GT, T_GE, T_NE, T_DOTDOT, T_ELLIPSIS,
	T_ERROR,
};

struct token {
	enum tok_kind kind;
	int col;		/* 1-based column of the first character */
	const char *start;	/* into the line */
	size_t len;
	long long ival;		/* T_INT */
	double fval;		/* T_FLOAT (and T_INT) */
	char *str;		/* T_STRING (decoded), T_ERROR message; owned */
	size_t slen;
	int hex;		/* T_STRING written as hex digits, x"00ff" */
};

struct lexer {
	const char *line;	/* one line, without its newline */
	size_t pos;
	struct token tok;	/* current token */
};

/* Start on LINE and read the first token. */
void lex_init(struct lexer *lx, const char *line);
/* Advance to the next token (frees the previous token's string). */
void lex_next(struct lexer *lx);
/* Look at the token after the current one without consuming anything. */
enum tok_kind lex_peek(struct lexer *lx);
void lex_free(struct lexer *lx);
const char *tok_name(enum tok_kind k);

#endif
