/* SPDX-License-Identifier: MIT */
/*
 * --junit output: xml_escape() makes any bytes safe for XML 1.0 (text and
 * attributes), and junit_write() maps each status to the element CI
 * systems expect, with the counts and the escaping applied everywhere.
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "out/junit.h"
#include "tap.h"

static char *esc(const char *s, bool attr)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	xml_escape(f, s, attr);
	fclose(f);
	return buf;
}

static void esc_is(const char *in, bool attr, const char *want, const char *what)
{
	char *got = esc(in, attr);
	is_str(got, want, "%s", what);
	free(got);
}

#define FFFD "\xef\xbf\xbd"

static void test_escape(void)
{
	esc_is("a<b>&c", false, "a&lt;b&gt;&amp;c", "markup characters in text");
	esc_is("]]>", false, "]]&gt;", "']]>' cannot end a CDATA-less text early");
	esc_is("\"q\" 'a'", false, "\"q\" 'a'", "quotes as they are in text");
	esc_is("\"q\" 'a'", true, "&quot;q&quot; 'a'", "double quotes escaped in attributes");
	esc_is("a\tb\nc", false, "a\tb\nc", "tab and newline kept in text");
	esc_is("a\tb\nc", true, "a&#9;b&#10;c", "tab and newline as references in attributes");
	esc_is("a\rb", false, "a&#13;b", "CR as a reference (a raw one is read as a line end)");
	esc_is("\x01\x08\x0b\x0c\x1b\x1f", false, FFFD FFFD FFFD FFFD FFFD FFFD,
	       "controls XML 1.0 forbids become U+FFFD");
	esc_is("\x7f", false, "\x7f", "DEL is an XML character");
	esc_is("caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80", false, "caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80",
	       "UTF-8 copied");
	esc_is("\xff" "a\x80" "b\xc3", false, FFFD "a" FFFD "b" FFFD, "bytes that are not UTF-8 become U+FFFD");
	esc_is("\xed\xa0\x80", false, FFFD FFFD FFFD, "an encoded surrogate is not UTF-8");
	esc_is("\xef\xbf\xbe\xef\xbf\xbf\xef\xbf\xbd", false, FFFD FFFD FFFD,
	       "U+FFFE and U+FFFF are not XML characters");
	esc_is(NULL, false, "", "NULL is empty");
}

static struct casefile cf = { .path = (char *)"cases/demo/x.case", .name = (char *)"demo/x" };
static struct casefile broken = { .path = (char *)"cases/demo/bad.case", .name = (char *)"demo/bad",
				  .errors = (char *)"cases/demo/bad.case:3:1: error: \x01oops <here>\n" };
static struct tcase tcs[] = {
	{ .name = (char *)"ok", .id = (char *)"demo/x.ok", .line = 3, .file = &cf },
	{ .name = (char *)"bad", .id = (char *)"demo/x.bad", .line = 7, .file = &cf },
	{ .name = (char *)"skip", .id = (char *)"demo/x.skip", .line = 11, .file = &cf },
	{ .name = (char *)"slow", .id = (char *)"demo/x.slow", .line = 15, .file = &cf },
	{ .name = (char *)"known", .id = (char *)"demo/x.known", .line = 19, .file = &cf,
	  .xfail = (char *)"Linux differs" },
};
static struct case_result res[] = {
	{ .status = ST_PASS, .duration = 0.25 },
	{ .status = ST_FAIL, .duration = 0.5, .step_line = 9, .step_text = (char *)"recv(s, \"a\", 1, 0) = 1",
	  .expected = (char *)"recv(s, \"a\", 1, 0) = 1", .actual = (char *)"recv(s, \"\\x1b\x1b\", 1, 0) = 1" },
	{ .status = ST_SKIP, .reason = (char *)"requires kernel >= 99.0: running 6.1" },
	{ .status = ST_TIMEOUT, .duration = 1, .reason = (char *)"no result after 1s", .step_line = 17,
	  .step_text = (char *)"a = accept(s, NULL)" },
	{ .status = ST_XFAIL, .reason = (char *)"Linux differs" },
};

static char *write_report(void)
{
	struct kinfo ki = { .release = "6.1.0-test", .machine = "x86_64" };
	/* the run's totals, as the runner counts them: the five cases and the file */
	struct run_meta m = { .ki = &ki, .mode = "run", .started = "2026-01-02T03:04:05Z",
			      .duration = 3.5 };
	for (size_t i = 0; i < 5; i++)
		totals_add(&m.totals, res[i].status);
	totals_add(&m.totals, ST_ERROR);
	struct casefile *files[] = { &cf, &broken };
	struct case_entry cases[5];
	for (size_t i = 0; i < 5; i++)
		cases[i] = (struct case_entry){ .tc = &tcs[i], .res = &res[i] };
	struct run_report r = { .m = &m, .files = files, .nfiles = 2, .cases = cases, .ncases = 5 };
	char *text = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);
	if (!f)
		return NULL;
	int rc = junit_write(f, &r);
	fclose(f);
	if (rc < 0) {
		free(text);
		return NULL;
	}
	return text;
}

static void has(const char *text, const char *want, const char *what)
{
	ok(text && strstr(text, want), "report has %s", what);
	if (text && !strstr(text, want))
		printf("#   missing: %s\n", want);
}

static void test_report(void)
{
	char *x = write_report();
	ok(x != NULL, "junit_write() writes the report");
	has(x, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"sockspec\" tests=\"6\" "
	    "failures=\"1\" errors=\"2\" time=\"3.500000\">",
	    "the run's totals, the parse error counted (no skipped or timestamp: junit-10.xsd)");
	has(x, "timestamp=\"2026-01-02T03:04:05\" hostname=", "a zone-less timestamp on each suite");
	has(x, "<testsuite name=\"demo/x\" file=\"cases/demo/x.case\" tests=\"5\" failures=\"1\" errors=\"1\" "
	    "skipped=\"2\" time=\"1.750000\"", "the file's suite with its counts");
	has(x, "<property name=\"kernel.release\" value=\"6.1.0-test\"/>", "the kernel as a property");
	has(x, "<testcase classname=\"demo/x\" name=\"demo/x.ok\" time=\"0.250000\"/>",
	    "a pass as an empty testcase");
	has(x, "<failure type=\"fail\" message=\"expected: recv(s, &quot;a&quot;, 1, 0) = 1; actual: "
	    "recv(s, &quot;\\x1b" FFFD "&quot;, 1, 0) = 1\">cases/demo/x.case:9: recv(s, \"a\", 1, 0) = 1\n",
	    "a failure: expected and actual in the message, the raw ESC replaced");
	has(x, "<skipped type=\"skip\" message=\"requires kernel &gt;= 99.0: running 6.1\"/>",
	    "a skip with its reason");
	has(x, "<error type=\"timeout\" message=\"TIMEOUT after 1.0s: no result after 1s\">no result after 1s\n"
	    "cases/demo/x.case:17: a = accept(s, NULL)\n</error>", "a timeout as an error, with its step");
	has(x, "<skipped type=\"xfail\" message=\"XFAIL: Linux differs\"", "an expected failure as skipped");
	has(x, "<testcase classname=\"demo/bad\" name=\"demo/bad\" time=\"0\">\n"
	    "      <error type=\"parse\" message=\"the case file does not parse\">cases/demo/bad.case:3:1: "
	    "error: " FFFD "oops &lt;here&gt;\n</error>", "a file that does not parse as an error");
	ok(x && !strpbrk(x, "\x01\x1b"), "no forbidden control character anywhere");
	ok(x && strlen(x) > 14 && strcmp(x + strlen(x) - 14, "</testsuites>\n") == 0,
	   "the document closes");
	free(x);
}

int main(void)
{
	test_escape();
	test_report();
	return tap_done();
}
