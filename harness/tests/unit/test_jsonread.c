/* SPDX-License-Identifier: MIT */
/*
 * jv_parse(): the strict JSON reader behind `sockspec diff`.  Valid
 * documents give the right tree; every kind of invalid one gives an error
 * at the right line:col; nesting is bounded; and no input crashes it (the
 * truncation and mutation loops run under ASan/UBSan).
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/jsonread.h"
#include "tap.h"

static int parse(const char *text, struct jv *v, struct jv_error *e)
{
	return jv_parse(text, strlen(text), v, e);
}

/* TEXT parses; its string value is WANT (LEN bytes). */
static void str_is(const char *text, const char *want, size_t len, const char *what)
{
	struct jv v;
	struct jv_error e;
	int rc = parse(text, &v, &e);
	ok(rc == 0 && v.type == JV_STRING && v.len == len && memcmp(v.str, want, len) == 0,
	   "string: %s", what);
	if (rc)
		printf("#   error %d:%d: %s\n", e.line, e.col, e.msg);
	jv_free(&v);
}

/* TEXT (LEN bytes) fails at LINE:COL with a message containing MSG. */
static void bad_n(const char *text, size_t len, int line, int col, const char *msg,
		  const char *what)
{
	struct jv v;
	struct jv_error e;
	int rc = jv_parse(text, len, &v, &e);
	bool good = rc == -1 && e.line == line && e.col == col && strstr(e.msg, msg) &&
		    v.type == JV_NULL && v.n == 0;
	ok(good, "rejects %s", what);
	if (!good)
		printf("#   rc %d, got %d:%d: %s\n#   want %d:%d: ...%s...\n", rc, e.line, e.col,
		       e.msg, line, col, msg);
	jv_free(&v);
}

static void bad(const char *text, int line, int col, const char *msg, const char *what)
{
	bad_n(text, strlen(text), line, col, msg, what);
}

static void test_scalars(void)
{
	struct jv v;
	struct jv_error e;
	ok(parse(" true ", &v, &e) == 0 && v.type == JV_BOOL && v.boolean, "true");
	ok(parse("false", &v, &e) == 0 && v.type == JV_BOOL && !v.boolean, "false");
	ok(parse("\n\t\r null", &v, &e) == 0 && v.type == JV_NULL && v.line == 2 && v.col == 4,
	   "null, after all four whitespace characters, at 2:4");
	const struct { const char *text; double want; } nums[] = {
		{ "0", 0 }, { "-0", 0 }, { "42", 42 }, { "-17", -17 }, { "3.25", 3.25 },
		{ "1e3", 1000 }, { "2E+2", 200 }, { "-1.5e-2", -0.015 }, { "1e-400", 0 },
		{ "123456789012", 123456789012.0 },
	};
	for (size_t i = 0; i < sizeof(nums) / sizeof(nums[0]); i++) {
		int rc = parse(nums[i].text, &v, &e);
		ok(rc == 0 && v.type == JV_NUMBER && v.number == nums[i].want, "number %s", nums[i].text);
	}
}

static void test_strings(void)
{
	str_is("\"\"", "", 0, "empty");
	str_is("\"plain\"", "plain", 5, "plain ASCII");
	str_is("\"\\\" \\\\ \\/ \\b \\f \\n \\r \\t\"", "\" \\ / \b \f \n \r \t", 15,
	       "the eight short escapes");
	str_is("\"\\u0041\\u00e9\\u20AC\"", "A\xc3\xa9\xe2\x82\xac", 6, "\\u escapes to UTF-8, either case");
	str_is("\"\\ud83d\\ude00\"", "\xf0\x9f\x98\x80", 4, "a surrogate pair is one code point");
	str_is("\"\\uDBFF\\uDFFF\"", "\xf4\x8f\xbf\xbf", 4, "the last pair is U+10FFFF");
	str_is("\"caf\xc3\xa9 \xf0\x9f\x98\x80 \x7f\"", "caf\xc3\xa9 \xf0\x9f\x98\x80 \x7f", 12,
	       "raw UTF-8 and DEL are copied");
	str_is("\"a\\u0000b\"", "a\0b", 3, "\\u0000 kept, with its length");

	struct jv v;
	struct jv_error e;
	ok(parse("\"a\\u0000b\"", &v, &e) == 0 && jv_string(&v) == NULL,
	   "jv_string() refuses a string holding NUL");
	jv_free(&v);
	ok(parse("\"ab\"", &v, &e) == 0 && jv_string(&v) && strcmp(jv_string(&v), "ab") == 0,
	   "jv_string() of a plain string");
	jv_free(&v);
}

static void test_containers(void)
{
	const char *doc =
		"{\n"
		"  \"schema\": 1,\n"
		"  \"kernel\": {\"release\": \"6.1.0\", \"config\": null},\n"
		"  \"cases\": [ {\"id\": \"a/b.c\", \"ok\": true}, [], {} ],\n"
		"  \"\": \"empty key\"\n"
		"}\n";
	struct jv v;
	struct jv_error e;
	int rc = parse(doc, &v, &e);
	ok(rc == 0 && v.type == JV_OBJECT && v.n == 4, "an object of four members");
	if (rc)
		printf("#   error %d:%d: %s\n", e.line, e.col, e.msg);
	const struct jv *k = jv_get(&v, "kernel");
	ok(k && k->type == JV_OBJECT && k->line == 3 && k->col == 13, "nested object at 3:13");
	ok(jv_string(jv_get(k, "release")) && !strcmp(jv_get(k, "release")->str, "6.1.0"),
	   "kernel.release");
	ok(jv_get(k, "config") && jv_get(k, "config")->type == JV_NULL, "a null member");
	const struct jv *c = jv_get(&v, "cases");
	ok(c && c->type == JV_ARRAY && c->n == 3, "an array of three");
	ok(c && c->n == 3 && c->items[0].type == JV_OBJECT && c->items[1].type == JV_ARRAY &&
	   c->items[1].n == 0 && c->items[2].type == JV_OBJECT && c->items[2].n == 0,
	   "object, empty array, empty object");
	ok(c && c->n && jv_get(&c->items[0], "ok") && jv_get(&c->items[0], "ok")->boolean,
	   "a member of an array element");
	ok(jv_get(&v, "") && !strcmp(jv_get(&v, "")->str, "empty key"), "the empty key");
	ok(v.members[1].line == 3 && v.members[1].col == 3, "a key's position is recorded");
	ok(!jv_get(&v, "missing") && !jv_get(NULL, "x") && !jv_get(c, "x"),
	   "jv_get: missing key, NULL, not an object");
	jv_free(&v);
	ok(v.type == JV_NULL && v.n == 0 && !v.members, "jv_free leaves an empty value");
	jv_free(&v);	/* twice is harmless */
	jv_free(NULL);
}

static void test_invalid(void)
{
	bad("", 1, 1, "expected a value, found end of input", "an empty document");
	bad(" \n ", 2, 2, "found end of input", "whitespace only");
	bad("[1,]", 1, 4, "trailing comma before ']'", "a trailing comma in an array");
	bad("{\"a\":1,}", 1, 8, "trailing comma before '}'", "a trailing comma in an object");
	bad("[1 2]", 1, 4, "expected ',' or ']' after an array element, found '2'", "a missing comma");
	bad("[1", 1, 3, "found end of input", "an unclosed array");
	bad("{\"a\":1", 1, 7, "',' or '}'", "an unclosed object");
	bad("{'a':1}", 1, 2, "expected a string key, found '''", "a single-quoted key");
	bad("{a:1}", 1, 2, "expected a string key", "a bare key");
	bad("{\"a\" 1}", 1, 6, "expected ':' after an object key", "a missing colon");
	bad("{\"a\":}", 1, 6, "expected a value, found '}'", "a missing value");
	bad("{\"a\":1,\"b\":2,\"a\":3}", 1, 14, "duplicate key \"a\" (first given at 1:2)",
	    "a duplicate key");
	bad("01", 1, 1, "no leading zeros", "a leading zero");
	bad("-01", 1, 1, "no leading zeros", "a negative leading zero");
	bad("1.", 1, 1, "a digit after the decimal point", "a bare decimal point");
	bad(".5", 1, 1, "expected a value, found '.'", "no integer part");
	bad("1e", 1, 1, "a digit in the exponent", "an empty exponent");
	bad("1e+", 1, 1, "a digit in the exponent", "an exponent sign alone");
	bad("-", 1, 1, "expected a digit", "a minus alone");
	bad("+1", 1, 1, "expected a value, found '+'", "a plus sign");
	bad("1e400", 1, 1, "number out of range", "an overflowing number");
	bad("NaN", 1, 1, "expected a value, found 'N'", "NaN");
	bad("tru", 1, 1, "expected a value, found 't'", "a truncated literal");
	bad("True", 1, 1, "found 'T'", "a capitalised literal");
	bad("nulls", 1, 5, "end of input after the value, found 's'", "a literal run on");
	bad("{} x", 1, 4, "expected end of input after the value, found 'x'", "text after the value");
	bad("[] []", 1, 4, "end of input after the value", "two values");
	bad("// c\n1", 1, 1, "found '/'", "a comment");
	bad("\"abc", 1, 1, "unterminated string", "an unterminated string");
	bad("[\"a\\", 1, 4, "input ends after a backslash", "a string ending in a backslash");
	bad("\"a\\x\"", 1, 3, "invalid escape: backslash followed by 'x'", "an unknown escape");
	bad("\"a\\'\"", 1, 3, "invalid escape", "an escaped single quote");
	bad("\"\\u12\"", 1, 6, "\\u needs four hex digits, found '\"'", "a short \\u escape");
	bad("\"\\u12g4\"", 1, 6, "four hex digits, found 'g'", "a non-hex \\u digit");
	bad("\"\\u12", 1, 6, "four hex digits, found end of input", "a \\u escape cut by the end");
	bad("\"\\ud800\"", 1, 2, "high surrogate \\uD800 not followed by a low one", "a lone high surrogate");
	bad("\"\\ud800x\"", 1, 2, "not followed by a low one", "a high surrogate then a character");
	bad("\"\\ud800\\u0041\"", 1, 2, "followed by \\u0041, not a low surrogate",
	    "a high surrogate then a non-surrogate");
	bad("\"\\ud800\\ud800\"", 1, 2, "not a low surrogate", "two high surrogates");
	bad("\"x\\udc00\"", 1, 3, "lone low surrogate \\uDC00", "a lone low surrogate");
	bad("\"a\tb\"", 1, 3, "control character 0x09 in a string (write it as \\u0009)", "a raw tab");
	bad("\"a\nb\"", 1, 3, "control character 0x0a", "a raw newline");
	bad_n("\"a\0b\"", 5, 1, 3, "control character 0x00", "a raw NUL in a string");
	bad_n("[1,\0]", 5, 1, 4, "found byte 0x00", "a NUL between values");
	bad("\"\xff\"", 1, 2, "invalid UTF-8 (byte 0xff)", "a byte that is never UTF-8");
	bad("\"\xc0\xaf\"", 1, 2, "invalid UTF-8 (byte 0xc0)", "an overlong form");
	bad("\"\xed\xa0\x80\"", 1, 2, "invalid UTF-8 (byte 0xed)", "an encoded surrogate");
	bad("\"\xf4\x90\x80\x80\"", 1, 2, "invalid UTF-8", "a code point above U+10FFFF");
	bad("\"\xe2\x82\"", 1, 2, "invalid UTF-8 (byte 0xe2)", "a cut sequence");
	bad("\"\xe2\x82", 1, 2, "invalid UTF-8", "a sequence cut by the end of input");
	bad("\"\x80\"", 1, 2, "invalid UTF-8 (byte 0x80)", "a lone continuation byte");
	bad("\xef\xbb\xbf{}", 1, 1, "byte order mark", "a byte order mark");
	bad("[\"\xc3\xa9\xc3\xa9\", x]", 1, 8, "found 'x'", "columns count characters, not bytes");
	bad("{\n  \"a\": [\n    1,\n    ?\n  ]\n}", 4, 5, "expected a value, found '?'",
	    "an error on a later line");
	bad("\xc3\xa9", 1, 1, "found byte 0xc3", "a non-ASCII character outside a string");
}

static char *nested(const char *open, const char *close, int depth)
{
	size_t lo = strlen(open), lc = strlen(close);
	char *s = malloc((lo + lc) * (size_t)depth + 2), *w = s;
	for (int i = 0; i < depth; i++, w += lo)
		memcpy(w, open, lo);
	*w++ = '1';
	for (int i = 0; i < depth; i++, w += lc)
		memcpy(w, close, lc);
	*w = 0;
	return s;
}

static void test_depth(void)
{
	char *s = nested("[", "]", JSONREAD_MAX_DEPTH);
	struct jv v;
	struct jv_error e;
	ok(parse(s, &v, &e) == 0, "arrays nested %d deep are read", JSONREAD_MAX_DEPTH);
	jv_free(&v);
	free(s);
	s = nested("[", "]", JSONREAD_MAX_DEPTH + 1);
	bad(s, 1, JSONREAD_MAX_DEPTH + 1, "nested deeper than 128 levels", "one level more");
	free(s);
	s = nested("{\"k\":", "}", JSONREAD_MAX_DEPTH + 1);
	bad(s, 1, 5 * JSONREAD_MAX_DEPTH + 1, "nested deeper", "objects nested too deep");
	free(s);
	s = nested("[", "]", 1000000);
	bad(s, 1, JSONREAD_MAX_DEPTH + 1, "nested deeper", "a million open brackets");
	free(s);
}

/* No prefix of a valid document is valid (except whole values), none crashes. */
static void test_truncations(void)
{
	const char *doc = "{\"a\": [1, -2.5e3, true, null, \"x\\u00e9\\ud83d\\ude00\\n\"], \"b\": {}}";
	size_t len = strlen(doc), failures = 0;
	for (size_t n = 0; n < len; n++) {
		struct jv v;
		struct jv_error e;
		char *cut = malloc(n ? n : 1);
		memcpy(cut, doc, n);	/* exactly N bytes: ASan sees any overread */
		failures += jv_parse(cut, n, &v, &e) == -1 && e.line == 1 && e.col >= 1;
		jv_free(&v);
		free(cut);
	}
	is_int(failures, len, "each of the %zu proper prefixes is an error", len);
}

/*
 * Random single-byte changes and splices of a results-like document: each
 * must give a tree or an error with a position, never a crash or a leak.
 */
static void test_mutations(void)
{
	const char *doc =
		"{\"schema\": 1, \"kernel\": {\"release\": \"6.1\"}, \"cases\": [{\"id\": \"a/b.c\", "
		"\"status\": \"fail\", \"step\": {\"line\": 9, \"call\": \"bind(s, {sa_family=AF_INET})\", "
		"\"expected\": \"\\u00e9\", \"actual\": null}}, [[[]]], -0.5e-3, false]}";
	static const char alphabet[] = "{}[]\",:\\u0123456789.eE+-tfnlrsa \n\t\x80\xc3\xed\xf4\xff";
	size_t len = strlen(doc), good = 0, errs = 0;
	unsigned seed = 12345;
	char *buf = malloc(len);
	for (int i = 0; i < 20000; i++) {
		memcpy(buf, doc, len);
		int changes = 1 + i % 3;
		for (int k = 0; k < changes; k++) {
			seed = seed * 1103515245 + 12345;
			size_t at = (seed >> 8) % len;
			seed = seed * 1103515245 + 12345;
			buf[at] = alphabet[(seed >> 8) % (sizeof(alphabet) - 1)];
		}
		struct jv v;
		struct jv_error e;
		size_t n = i % 7 ? len : (size_t)(seed >> 4) % len;	/* sometimes cut, too */
		if (jv_parse(buf, n, &v, &e) == 0)
			good++;
		else
			errs += e.line >= 1 && e.col >= 1 && e.msg[0];
		jv_free(&v);
	}
	free(buf);
	ok(good + errs == 20000, "20000 mutated documents: %zu read, %zu errors with a position",
	   good, errs);
}

int main(void)
{
	test_scalars();
	test_strings();
	test_containers();
	test_invalid();
	test_depth();
	test_truncations();
	test_mutations();
	ok(strcmp(jv_type_name(JV_OBJECT), "object") == 0 && strcmp(jv_type_name(JV_NULL), "null") == 0,
	   "type names");
	return tap_done();
}
