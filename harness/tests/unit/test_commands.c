/* SPDX-License-Identifier: MIT */
/*
 * The decisions inside `sockspec coverage` and `sockspec diff` that the
 * end-to-end tests (commands.t) cannot reach one by one: which
 * availability notes take in Linux, how every pair of statuses is
 * classified, and how text is made safe for Markdown and terminals.
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "avail/avail.h"
#include "cmd/commands.h"
#include "docs/cpython_only.h"
#include "tap.h"

static void test_availability(void)
{
	static const struct { const char *note; bool linux_; } notes[] = {
		{ NULL, true },
		{ "", true },
		{ "Linux.", true },
		{ "Linux >= 2.6.27.", true },
		{ "Linux >= 3.9", true },
		{ "Linux >= 2.6.25, NetBSD >= 8.", true },
		{ "Linux >= 2.6.20, FreeBSD >= 10.1", true },
		{ "Linux, FreeBSD, macOS.", true },
		{ "Unix.", true },
		{ "Unix, Windows.", true },
		{ "Unix, not Emscripten, not WASI.", true },
		{ "Unix, Windows, not Emscripten, not WASI.", true },
		{ "POSIX.", true },
		{ "not WASI.", true },
		{ "not Emscripten, not WASI.", true },
		{ "Linux >= 4.5 with glibc >= 2.27.", true },
		{ "linux.", true },
		{ "Windows.", false },
		{ "FreeBSD.", false },
		{ "FreeBSD >= 14.0.", false },
		{ "BSD, macOS.", false },
		{ "macOS, not WASI.", false },
		{ "Unix, not Linux.", false },
		{ "not Linux.", false },
		{ "Linuxish.", false },	/* a word, not a prefix */
		{ "Windows, Linuxish.", false },
	};
	for (size_t i = 0; i < sizeof(notes) / sizeof(notes[0]); i++)
		ok(availability_includes_linux(notes[i].note) == notes[i].linux_,
		   "availability '%s' %s Linux", notes[i].note ? notes[i].note : "(none)",
		   notes[i].linux_ ? "includes" : "excludes");
}

static void test_classify(void)
{
	/* the whole table, old status by row, new status by column */
	static const char *const want[ST__COUNT][ST__COUNT] = {
		/*            pass     fail     skip     xfail    xpass    timeout  error */
		[ST_PASS] =  { "same", "REG", "avail", "chg", "chg", "REG", "REG" },
		[ST_FAIL] =  { "fixed", "same", "avail", "chg", "chg", "chg", "chg" },
		[ST_SKIP] =  { "avail", "REG", "same", "avail", "chg", "REG", "REG" },
		[ST_XFAIL] = { "chg", "REG", "avail", "same", "chg", "REG", "REG" },
		[ST_XPASS] = { "fixed", "chg", "avail", "chg", "same", "chg", "chg" },
		[ST_TIMEOUT] = { "fixed", "chg", "avail", "chg", "chg", "same", "chg" },
		[ST_ERROR] = { "fixed", "chg", "avail", "chg", "chg", "chg", "same" },
	};
	static const char *const word[] = {
		[DIFF_SAME] = "same", [DIFF_REGRESSION] = "REG", [DIFF_FIXED] = "fixed",
		[DIFF_AVAILABILITY] = "avail", [DIFF_CHANGED] = "chg",
	};
	for (int o = 0; o < ST__COUNT; o++)
		for (int n = 0; n < ST__COUNT; n++) {
			enum diff_kind k = diff_classify((enum status)o, (enum status)n);
			is_str(k <= DIFF_CHANGED ? word[k] : "?", want[o][n], "%s -> %s",
			       status_name((enum status)o), status_name((enum status)n));
		}
}

static char *md(const char *s)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	md_cell(f, s);
	fclose(f);
	return buf;
}

static char *term(const char *s, int indent)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	text_out(f, s, indent);
	fclose(f);
	return buf;
}

static void test_text(void)
{
	char *s;
	s = md("a|b");
	is_str(s, "a\\|b", "md: a pipe cannot end the cell");
	free(s);
	s = md("socket.SO_* and x_y `z` [l] #h ~s\\");
	is_str(s, "socket.SO\\_\\* and x\\_y \\`z\\` \\[l\\] \\#h \\~s\\\\", "md: markup characters escaped");
	free(s);
	s = md("<b>&amp;\n2\r\x01\x7f");
	is_str(s, "&lt;b&gt;&amp;amp;<br>2", "md: HTML escaped, newline as <br>, controls dropped");
	free(s);
	s = md(NULL);
	is_str(s, "", "md: NULL is empty");
	free(s);
	s = md("caf\xc3\xa9");
	is_str(s, "caf\xc3\xa9", "md: UTF-8 kept");
	free(s);
	s = term("a\nb\x1b[31mc\x7f", 4);
	is_str(s, "a\n    b\\x1b[31mc\\x7f", "terminal: escapes cannot reach the terminal, lines indented");
	free(s);
	s = term(NULL, 0);
	is_str(s, "", "terminal: NULL is empty");
	free(s);
}

/* The CPython-only targets coverage leaves out, and what stays in. */
static void test_cover_scope(void)
{
	static const char *const out[] = {
		"socket.error", "socket.timeout", "socket.setdefaulttimeout",
		"socket.socket.makefile", "socket.SIO_RCVALL", "socket.RCVALL_*",
	};
	static const char *const in[] = {
		"socket.socket.settimeout", "socket.socket.sendall", "socket.socket.set_inheritable",
		"socket.AF_INET", "socket.herror", "socket.gaierror", "socket-timeouts", "",
	};
	for (size_t i = 0; i < sizeof(out) / sizeof(out[0]); i++) {
		const char *why = cover_not_kernel(out[i]);
		ok(why && *why, "scope: %s is CPython's own (%s)", out[i], why ? why : "no reason");
	}
	for (size_t i = 0; i < sizeof(in) / sizeof(in[0]); i++)
		ok(cover_not_kernel(in[i]) == NULL, "scope: '%s' is counted", in[i]);
}

int main(void)
{
	test_cover_scope();
	test_availability();
	test_classify();
	test_text();
	return tap_done();
}
