/* SPDX-License-Identifier: MIT */
/*
 * The step-line lexer: token kinds, 1-based columns, string escapes,
 * numbers, punctuation (longest match first) and comments.
 */
#define _GNU_SOURCE
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "lang/lexer.h"
#include "tap.h"


/* Kinds of every token of LINE, up to and including T_EOL (at most 63). */
static int kinds(const char *line, enum tok_kind *out)
{
	struct lexer lx;
	int n = 0;

	lex_init(&lx, line);
	for (;;) {
		out[n++] = lx.tok.kind;
		if (lx.tok.kind == T_EOL || n == 63)
			break;
		lex_next(&lx);
	}
	lex_free(&lx);
	return n;
}

/* "IDENT ( INT ..." style rendering of LINE's token kinds, for comparison. */
static char *kind_string(const char *line)
{
	static const char *const short_names[] = {
		[T_EOL] = "EOL", [T_IDENT] = "IDENT", [T_INT] = "INT", [T_FLOAT] = "FLOAT",
		[T_STRING] = "STRING", [T_LPAREN] = "(", [T_RPAREN] = ")", [T_LBRACK] = "[",
		[T_RBRACK] = "]", [T_LBRACE] = "{", [T_RBRACE] = "}", [T_COMMA] = ",",
		[T_EQ] = "=", [T_PIPE] = "|", [T_AMP] = "&", [T_DOLLAR] = "$", [T_AT] = "@",
		[T_TILDE] = "~", [T_STAR] = "*", [T_MINUS] = "-", [T_LT] = "<", [T_LE] = "<=",
		[T_GT] = ">", [T_GE] = ">=", [T_NE] = "!=", [T_DOTDOT] = "..",
		[T_ELLIPSIS] = "...", [T_ERROR] = "ERROR",
	};
	static char buf[1024];
	enum tok_kind k[64];
	int n = kinds(line, k);

	buf[0] = 0;
	for (int i = 0; i < n; i++) {
		if (i)
			strcat(buf, " ");
		strcat(buf, short_names[k[i]]);
	}
	return buf;
}

/* Columns of every token of LINE as "c1 c2 ...". */
static char *col_string(const char *line)
{
	static char buf[1024];
	struct lexer lx;
	size_t off = 0;

	buf[0] = 0;
	lex_init(&lx, line);
	for (;;) {
		off += (size_t)snprintf(buf + off, sizeof(buf) - off, "%s%d", off ? " " : "",
					lx.tok.col);
		if (lx.tok.kind == T_EOL)
			break;
		lex_next(&lx);
	}
	lex_free(&lx);
	return buf;
}

static void test_kinds(void)
{
	is_str(kind_string(""), "EOL", "empty line");
	is_str(kind_string("   \t  "), "EOL", "blanks only");
	is_str(kind_string("s = socket(AF_UNIX, SOCK_STREAM, 0)"),
	       "IDENT = IDENT ( IDENT , IDENT , INT ) EOL", "a step");
	is_str(kind_string("bind(s, {sa_family=AF_UNIX, sun_path=@\"x\"}) = -1 EINVAL"),
	       "IDENT ( IDENT , { IDENT = IDENT , IDENT = @ STRING } ) = - INT IDENT EOL",
	       "a step with an address and an errno");
	is_str(kind_string("[a, b] $port &sin6_addr ~\"re\" * |"),
	       "[ IDENT , IDENT ] $ IDENT & IDENT ~ STRING * | EOL", "brackets, $, &, ~, *, |");
	is_str(kind_string("_ __x x_1 A9"), "IDENT IDENT IDENT IDENT EOL",
	       "identifiers with underscores and digits");
}

static void test_punctuation(void)
{
	is_str(kind_string("..."), "... EOL", "'...' is one ellipsis");
	is_str(kind_string(".."), ".. EOL", "'..' is a dotdot");
	is_str(kind_string("...."), "... ERROR EOL", "'....' is an ellipsis, then a stray '.'");
	is_str(kind_string("....."), "... .. EOL", "'.....' is '...' then '..'");
	is_str(kind_string("."), "ERROR EOL", "a lone '.' is an error");
	is_str(kind_string("<0..0.05>"), "< INT .. FLOAT > EOL", "a time bound <0..0.05>");
	is_str(kind_string("<0.9..3>"), "< FLOAT .. INT > EOL", "a time bound <0.9..3>");
	is_str(kind_string("<1..2>"), "< INT .. INT > EOL", "1..2 is INT .. INT, not a float");
	is_str(kind_string("<= < >= > != ="), "<= < >= > != = EOL", "comparison operators");
	is_str(kind_string("<=5 >=1024 !=0"), "<= INT >= INT != INT EOL", "patterns >=1024 etc.");
	is_str(kind_string("< ="), "< = EOL", "'< =' is two tokens");
	is_str(kind_string("!"), "ERROR EOL", "a lone '!' is an error");
	is_str(kind_string("{...}"), "{ ... } EOL", "{...}");
	is_str(kind_string("-1"), "- INT EOL", "-1 is a minus and an integer");
}

static void test_columns(void)
{
	is_str(col_string("  bind(s, {sa_family=AF_UNIX})"), "3 7 8 9 11 12 21 22 29 30 31",
	       "columns are 1-based, blanks skipped");
	is_str(col_string("\tx"), "2 3", "a tab counts as one column");
	is_str(col_string("a\"bc\"d"), "1 2 6 7", "a string token starts at its quote");
	is_str(col_string("x # comment"), "1 3", "a comment is the end of the line, at its '#'");
	is_str(col_string("x\r"), "1 3", "a trailing CR is a blank");

	struct lexer lx;
	lex_init(&lx, "send(c, \"ping\", 4, 0)");
	lex_next(&lx);
	lex_next(&lx);
	lex_next(&lx);
	lex_next(&lx);
	is_int(lx.tok.kind, T_STRING, "the fifth token is the string");
	is_int(lx.tok.col, 9, "its column is its opening quote");
	is_int((long long)lx.tok.len, 6, "len covers the quotes");
	ok(strncmp(lx.tok.start, "\"ping\"", 6) == 0, "start points into the line");
	lex_free(&lx);

	lex_init(&lx, "SOCK_STREAM|SOCK_NONBLOCK");
	is_int((long long)lx.tok.len, 11, "identifier length");
	is_int(lex_peek(&lx), T_PIPE, "lex_peek sees the next token");
	is_int(lx.tok.kind, T_IDENT, "lex_peek does not consume");
	lex_next(&lx);
	is_int(lx.tok.kind, T_PIPE, "after lex_next: the pipe");
	is_int(lx.tok.col, 12, "pipe column");
	lex_next(&lx);
	is_int(lx.tok.col, 13, "second identifier column");
	lex_next(&lx);
	is_int(lx.tok.kind, T_EOL, "then the end of line");
	lex_next(&lx);
	is_int(lx.tok.kind, T_EOL, "lexing past the end stays at the end of line");
	lex_free(&lx);
}

/* Lex LINE, which must be one string token; compare its decoded bytes. */
static void string_is(const char *line, const char *want, size_t wlen, const char *what)
{
	struct lexer lx;
	lex_init(&lx, line);
	int good = lx.tok.kind == T_STRING && lx.tok.slen == wlen && lx.tok.str &&
		   memcmp(lx.tok.str, want, wlen) == 0;
	ok(good, "string %s: %s", line, what);
	if (!good)
		printf("#   kind %s, slen %zu, str '%s'\n", tok_name(lx.tok.kind), lx.tok.slen,
		       lx.tok.str ? lx.tok.str : "(null)");
	lex_next(&lx);
	is_int(lx.tok.kind, T_EOL, "nothing after %s", line);
	lex_free(&lx);
}

/* Lex LINE; its first token must be an error with MESSAGE at column COL. */
static void error_is(const char *line, int col, const char *message)
{
	struct lexer lx;
	lex_init(&lx, line);
	is_int(lx.tok.kind, T_ERROR, "%s is an error", line);
	is_str(lx.tok.str, message, "%s: message", line);
	is_int(lx.tok.col, col, "%s: column", line);
	/* lexing goes on after an error without crashing or looping */
	for (int i = 0; i < 100 && lx.tok.kind != T_EOL; i++)
		lex_next(&lx);
	is_int(lx.tok.kind, T_EOL, "%s: the lexer reaches the end of the line", line);
	lex_free(&lx);
}

static void test_strings(void)
{
	string_is("\"\"", "", 0, "empty");
	string_is("\"ping\"", "ping", 4, "plain");
	string_is("\"a\\\\b\"", "a\\b", 3, "\\\\ is a backslash");
	string_is("\"say \\\"hi\\\"\"", "say \"hi\"", 8, "\\\" is a quote");
	string_is("\"\\n\\t\\r\"", "\n\t\r", 3, "\\n \\t \\r");
	string_is("\"a\\0b\"", "a\0b", 3, "\\0 is a NUL byte, and the length counts it");
	string_is("\"\\0\"", "\0", 1, "a lone \\0");
	string_is("\"\\x41\\x7a\"", "Az", 2, "\\xHH");
	string_is("\"\\xfF\\x00\"", "\xff\0", 2, "\\xHH: mixed case, and zero");
	string_is("\"\\x410\"", "A0", 2, "\\xHH takes exactly two digits");
	string_is("\"# not a comment\"", "# not a comment", 15, "'#' inside a string");
	string_is("\"tab\there\"", "tab\there", 8, "a raw tab is kept");

	error_is("\"abc", 1, "unterminated string");
	error_is("\"abc\\", 1, "unterminated string");
	/* a bad escape is shown at its backslash */
	error_is("  \"a\\q\"", 5,
		 "unknown escape in string (use \\\\ \\\" \\n \\t \\r \\0 \\xHH)");
	error_is("\"\\x4\"", 2, "\\x needs exactly two hex digits");
	error_is("\"\\xg0\"", 2, "\\x needs exactly two hex digits");
	error_is("\"\\x\"", 2, "\\x needs exactly two hex digits");
	error_is("\"\\x4", 2, "\\x needs exactly two hex digits");
	error_is("\"ok\\x41\\x4\"", 8, "\\x needs exactly two hex digits");
	error_is("\"\\a\"", 2,
		 "unknown escape in string (use \\\\ \\\" \\n \\t \\r \\0 \\xHH)");

	/* after a bad string the rest of the line still lexes */
	struct lexer lx;
	lex_init(&lx, "\"a\\q\" x");
	is_int(lx.tok.kind, T_ERROR, "bad escape");
	lex_next(&lx);
	ok(lx.tok.kind != T_ERROR || lx.tok.col > 1, "lexing resumes after the bad escape");
	lex_free(&lx);
}

static void int_is(const char *line, long long want)
{
	struct lexer lx;
	lex_init(&lx, line);
	is_int(lx.tok.kind, T_INT, "%s is an integer", line);
	is_int(lx.tok.ival, want, "%s value", line);
	ok(lx.tok.fval == (double)want, "%s fval too", line);
	lex_next(&lx);
	is_int(lx.tok.kind, T_EOL, "%s: nothing after", line);
	lex_free(&lx);
}

static void float_is(const char *line, double want)
{
	struct lexer lx;
	lex_init(&lx, line);
	is_int(lx.tok.kind, T_FLOAT, "%s is a float", line);
	ok(lx.tok.fval == want, "%s value %g", line, lx.tok.fval);
	lex_free(&lx);
}

static void test_numbers(void)
{
	int_is("0", 0);
	int_is("42", 42);
	int_is("007", 7);	/* strtoull base 0 would read octal: 007 is 7 either way */
	int_is("0x1f", 31);
	int_is("0X1F", 31);
	int_is("0xffffffff", 4294967295LL);
	int_is("9223372036854775807", LLONG_MAX);
	float_is("0.05", 0.05);
	float_is("1.5", 1.5);
	float_is("200.000", 200.0);

	error_is("0x", 1, "0x needs hex digits");
	error_is("0xg", 1, "0x needs hex digits");
	error_is("12ab", 1, "malformed number");
	error_is("1_000", 1, "malformed number");
	error_is("0x1fz", 1, "malformed number");
	error_is("1.5x", 1, "malformed number");
	error_is("  99999999999999999999", 3, "number out of range");

	/*
	 * 2^63 and above fit strtoull but not the signed ival: they must not
	 * silently turn negative (18446744073709551615 would read as -1).
	 */
	error_is("18446744073709551615", 1, "number out of range");
	error_is("9223372036854775808", 1, "number out of range");
	error_is("0x8000000000000000", 1, "number out of range");
	error_is("0xffffffffffffffff", 1, "number out of range");
	int_is("0x7fffffffffffffff", LLONG_MAX);

	is_str(kind_string("1.x"), "INT ERROR IDENT EOL", "1.x: an integer, a stray '.', a name");
	is_str(kind_string("1.5.3"), "FLOAT ERROR INT EOL", "1.5.3: a float, a stray '.', 3");
}

static void test_comments(void)
{
	is_str(kind_string("# whole line"), "EOL", "a comment line");
	is_str(kind_string("   # indented"), "EOL", "an indented comment line");
	is_str(kind_string("close(s) # why"), "IDENT ( IDENT ) EOL", "a trailing comment");
	is_str(kind_string("send(c, \"#\", 1, 0)#x"), "IDENT ( IDENT , STRING , INT , INT ) EOL",
	       "'#' in a string is data; after it, a comment");
	is_str(kind_string("a#b"), "IDENT EOL", "a comment right after a name");
}

static void test_errors(void)
{
	error_is("^", 1, "unexpected character");
	error_is("  ?", 3, "unexpected character");
	error_is("\x01", 1, "unexpected character");
	error_is("\xc3\xa9", 1, "unexpected character");
	is_str(kind_string("a ? b"), "IDENT ERROR IDENT EOL", "lexing goes on after a stray character");
	is_str(tok_name(T_ELLIPSIS), "'...'", "tok_name of an ellipsis");
	is_str(tok_name(T_EOL), "end of line", "tok_name of the end of line");
	is_str(tok_name(T_ERROR), "invalid token", "tok_name of an error");
	for (int k = T_EOL; k <= T_ERROR; k++)
		ok(tok_name((enum tok_kind)k) && *tok_name((enum tok_kind)k), "tok_name(%d) is set", k);
}

/* Every byte value in every position: the lexer terminates and never crashes. */
static void test_hostile(void)
{
	char line[8];
	int bad = 0;
	for (int a = 1; a < 256; a++)
		for (int b = 1; b < 256; b += 3) {
			line[0] = (char)a;
			line[1] = (char)b;
			line[2] = '\\';
			line[3] = (char)b;
			line[4] = 0;
			struct lexer lx;
			lex_init(&lx, line);
			int n = 0;
			while (lx.tok.kind != T_EOL && n++ < 16)
				lex_next(&lx);
			if (lx.tok.kind != T_EOL)
				bad++;
			lex_free(&lx);
		}
	is_int(bad, 0, "every two-byte prefix lexes to the end of the line");

	srandom(12345);
	bad = 0;
	for (int i = 0; i < 2000; i++) {
		char buf[64];
		int n = (int)(random() % 63);
		for (int j = 0; j < n; j++) {
			static const char alphabet[] = "\"\\x0a.<>=!#{}[]()@$~&*|-,_9 \t";
			buf[j] = random() % 4 ? alphabet[random() % (sizeof(alphabet) - 1)]
					      : (char)(1 + random() % 255);
		}
		buf[n] = 0;
		struct lexer lx;
		lex_init(&lx, buf);
		int k = 0;
		while (lx.tok.kind != T_EOL && k++ < 200) {
			if (lx.tok.col < 1 || lx.tok.col > n + 1)
				bad++;
			lex_next(&lx);
		}
		if (lx.tok.kind != T_EOL)
			bad++;
		lex_free(&lx);
	}
	is_int(bad, 0, "2000 random lines lex to the end with columns in range");
}

int main(void)
{
	test_kinds();
	test_punctuation();
	test_columns();
	test_strings();
	test_numbers();
	test_comments();
	test_errors();
	test_hostile();
	return tap_done();
}
