/* SPDX-License-Identifier: MIT */
/*
 * Hex strings, x"ba7816bf": lexed into bytes, parsed into a string node
 * marked hex, printed back exactly as written, and printing a plain
 * string that was compared with one (the kernel's answer) in hex too, so
 * a failing step's expected and actual lines align digit by digit.
 */
#define _GNU_SOURCE
#include <stdlib.h>
#include <string.h>

#include "lang/ast.h"
#include "lang/case.h"
#include "exec/interp.h"
#include "lang/lexer.h"
#include "tap.h"
#include "util/util.h"

#define PATH "x.case"

static void test_lexer(void)
{
	struct lexer lx;
	lex_init(&lx, "x\"00ff7e\" x\"\" \"x\" x");
	ok(lx.tok.kind == T_STRING && lx.tok.hex && lx.tok.slen == 3 &&
	   !memcmp(lx.tok.str, "\x00\xff\x7e", 3), "x\"00ff7e\" is three bytes");
	is_int(lx.tok.col, 1, "at column 1");
	is_int((long long)lx.tok.len, 9, "nine characters long");
	lex_next(&lx);
	ok(lx.tok.kind == T_STRING && lx.tok.hex && lx.tok.slen == 0, "x\"\" is no bytes");
	lex_next(&lx);
	ok(lx.tok.kind == T_STRING && !lx.tok.hex && lx.tok.slen == 1 && lx.tok.str[0] == 'x',
	   "\"x\" stays a plain string");
	lex_next(&lx);
	ok(lx.tok.kind == T_IDENT && lx.tok.len == 1, "x alone is a name");
	lex_free(&lx);

	static const struct {
		const char *line, *msg;
		int col;
	} bad[] = {
		{ "  x\"abc\"", "a hex string x\"...\" needs two hex digits per byte", 3 },
		{ "  x\"0g\"", "a hex string x\"...\" holds hex digits only, two per byte", 6 },
		{ "  x\"00 ff\"", "a hex string x\"...\" holds hex digits only, two per byte", 7 },
		{ "  x\"AB\"", "write the digits of a hex string in lower case", 5 },
		{ "  x\"00", "unterminated hex string", 3 },
	};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		lex_init(&lx, bad[i].line);
		ok(lx.tok.kind == T_ERROR, "'%s' is an error", bad[i].line);
		is_str(lx.tok.kind == T_ERROR ? lx.tok.str : NULL, bad[i].msg, "  its message");
		is_int(lx.tok.col, bad[i].col, "  its column");
		lex_free(&lx);
	}
}

static struct casefile *parse_step(const char *step)
{
	char *src = xasprintf("family AF_UNIX\ncase a\n  doc d\n  what w\n"
			      "  s = socket(AF_UNIX, SOCK_DGRAM, 0)\n  %s\n", step);
	struct casefile *cf = casefile_parse_text(PATH, src, NULL);
	free(src);
	return cf;
}

static char *print(const struct node *n, const struct node *hint)
{
	struct sbuf sb = { 0 };
	node_print(&sb, n, hint, NULL);
	return sb_take(&sb);
}

static void test_parse_print(void)
{
	struct casefile *cf = parse_step("send(s, x\"ba7816bf\" * 2, 8, 0) = 8");
	is_str(cf->errors, NULL, "a hex string is a buffer value, and repeats with '*'");
	if (cf->ncases == 1 && cf->cases[0].nsteps == 2) {
		const struct tcase *tc = &cf->cases[0];
		const struct node *b = tc->steps[1].call_node->kids[1];
		ok(b->kind == N_STR && b->hex && b->len == 8 &&
		   !memcmp(b->bytes, "\xba\x78\x16\xbf\xba\x78\x16\xbf", 8), "its bytes");
		char *r = step_render_expected(tc, &tc->steps[1]);
		is_str(r, "send(s, x\"ba7816bfba7816bf\", 8, 0) = 8", "prints back in hex");
		free(r);

		/* the kernel's answer: a plain string, printed like its pattern */
		struct node *act = node_str("\x01\xfe", 2);
		char *p = print(act, b);
		is_str(p, "x\"01fe\"", "a plain string compared with a hex one prints in hex");
		free(p);
		p = print(act, NULL);
		is_str(p, "\"\\x01\\xfe\"", "and in escapes otherwise");
		free(p);
		struct node *clone = node_clone(b);
		ok(clone->hex, "a clone stays hex");
		node_free(clone);
		node_free(act);
	}
	casefile_free(cf);

	cf = parse_step("recv(s, {a=x\"00\"}, 1, 0) = 1");
	is_str(cf->errors, NULL, "a hex string inside a structure");
	casefile_free(cf);

	cf = parse_step("send(s, @x\"0102\", 2, 0) = 2");
	if (cf->ncases == 1 && cf->cases[0].nsteps == 2) {
		char *r = step_render_expected(&cf->cases[0], &cf->cases[0].steps[1]);
		is_str(r, "send(s, @x\"0102\", 2, 0) = 2", "@x\"..\" keeps both marks");
		free(r);
	}
	casefile_free(cf);

	cf = parse_step("recv(s, ~x\"00\", 1, 0) = 1");
	ok(cf->errors && strstr(cf->errors, PATH ":6:12: error: a regular expression is text"),
	   "~x\"...\" is refused, at the hex string (got %s)", cf->errors ? cf->errors : "none");
	casefile_free(cf);

	cf = parse_step("send(s, x\"0\", 1, 0) = 1");
	ok(cf->errors && strstr(cf->errors, PATH ":6:11: error: a hex string x\"...\" needs two"),
	   "a lexer error reaches the parser's diagnostics (got %s)",
	   cf->errors ? cf->errors : "none");
	casefile_free(cf);
}

int main(void)
{
	test_lexer();
	test_parse_print();
	return tap_done();
}
