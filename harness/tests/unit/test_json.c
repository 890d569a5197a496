/* SPDX-License-Identifier: MIT */
/*
 * json_string(): whatever bytes a case file holds, the --json record stays
 * valid JSON (RFC 8259 text is UTF-8).  Well-formed UTF-8 is copied as it
 * is; any other byte becomes a \u00XX escape; control characters, quotes
 * and backslashes are escaped.
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "out/json.h"
#include "tap.h"

static char *enc(const char *s)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	if (!f)
		return NULL;
	json_string(f, s);
	fclose(f);
	return buf;
}

static void enc_is(const char *in, const char *want, const char *what)
{
	char *got = enc(in);
	is_str(got, want, "%s", what);
	free(got);
}

int main(void)
{
	enc_is(NULL, "null", "NULL is null");
	enc_is("", "\"\"", "empty string");
	enc_is("plain text", "\"plain text\"", "ASCII as it is");
	enc_is("a\"b\\c", "\"a\\\"b\\\\c\"", "quote and backslash escaped");
	enc_is("\n\t\r\x01\x1f", "\"\\n\\t\\r\\u0001\\u001f\"", "control characters escaped");
	enc_is("\x7f", "\"\\u007f\"", "DEL escaped");

	/* well-formed UTF-8: copied */
	enc_is("caf\xc3\xa9", "\"caf\xc3\xa9\"", "2-byte sequence (U+00E9)");
	enc_is("\xe2\x82\xac", "\"\xe2\x82\xac\"", "3-byte sequence (U+20AC)");
	enc_is("\xf0\x9f\x98\x80", "\"\xf0\x9f\x98\x80\"", "4-byte sequence (U+1F600)");
	enc_is("\xef\xbf\xbd", "\"\xef\xbf\xbd\"", "U+FFFD itself");
	enc_is("\xf4\x8f\xbf\xbf", "\"\xf4\x8f\xbf\xbf\"", "U+10FFFF, the last code point");

	/* anything else: one \u00XX per byte, the rest read on */
	enc_is("\xff\xfe", "\"\\u00ff\\u00fe\"", "bytes that never start UTF-8");
	enc_is("a\x80z", "\"a\\u0080z\"", "a lone continuation byte");
	enc_is("\xc3", "\"\\u00c3\"", "a sequence cut by the end of the string");
	enc_is("\xc3z", "\"\\u00c3z\"", "a sequence cut by an ASCII byte");
	enc_is("\xe2\x82", "\"\\u00e2\\u0082\"", "a 3-byte sequence cut short");
	enc_is("\xc0\xaf", "\"\\u00c0\\u00af\"", "an overlong 2-byte form");
	enc_is("\xe0\x80\xaf", "\"\\u00e0\\u0080\\u00af\"", "an overlong 3-byte form");
	enc_is("\xed\xa0\x80", "\"\\u00ed\\u00a0\\u0080\"", "a UTF-16 surrogate (U+D800)");
	enc_is("\xf4\x90\x80\x80", "\"\\u00f4\\u0090\\u0080\\u0080\"", "above U+10FFFF");
	enc_is("\xf5\x80\x80\x80", "\"\\u00f5\\u0080\\u0080\\u0080\"", "0xf5 never starts UTF-8");
	enc_is("ok \xff \xc3\xa9", "\"ok \\u00ff \xc3\xa9\"", "valid sequences after an invalid byte");
	return tap_done();
}
