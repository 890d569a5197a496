/* SPDX-License-Identifier: MIT */
/*
 * KTAP output: each printer writes to a memory FILE and the text is
 * compared with what KTAP version 1 (and kselftest's totals) look like.
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "out/ktap.h"
#include "exec/record.h"
#include "tap.h"

static char *mbuf;
static size_t msize;
static FILE *mf;

static FILE *mopen(void)
{
	free(mbuf);
	mbuf = NULL;
	msize = 0;
	mf = open_memstream(&mbuf, &msize);
	return mf;
}

/* Close the memory FILE and return what was written. */
static const char *mtext(void)
{
	fclose(mf);
	mf = NULL;
	return mbuf;
}

static struct casefile cf = { .path = (char *)"cases/af_unix/x.case", .name = (char *)"af_unix/x" };
static struct tcase tc = { .name = (char *)"c1", .id = (char *)"af_unix/x.c1", .file = &cf };

static struct case_result res(enum status s)
{
	struct case_result r;
	memset(&r, 0, sizeof(r));
	r.status = s;
	r.have_status = true;
	return r;
}

static void test_header(void)
{
	ktap_header(mopen(), 0, NULL, 3);
	is_str(mtext(), "KTAP version 1\n1..3\n", "top-level header: version and plan");

	ktap_header(mopen(), 1, "af_unix/x", 2);
	is_str(mtext(), "  KTAP version 1\n  # Subtest: af_unix/x\n  1..2\n",
	       "subtest header: indented two spaces, with its name");

	ktap_header(mopen(), 2, "deep", 0);
	is_str(mtext(), "    KTAP version 1\n    # Subtest: deep\n    1..0\n",
	       "indent 2 is four spaces; an empty plan is 1..0");
}

static void test_result(void)
{
	ktap_result(mopen(), 0, true, 1, "af_unix/x", NULL);
	is_str(mtext(), "ok 1 af_unix/x\n", "ok without directive");

	ktap_result(mopen(), 1, false, 12, "af_unix/x.c1", NULL);
	is_str(mtext(), "  not ok 12 af_unix/x.c1\n", "not ok, indented");

	ktap_result(mopen(), 0, true, 2, "a", "");
	is_str(mtext(), "ok 2 a\n", "an empty directive prints nothing");

	ktap_result(mopen(), 1, true, 3, "af_inet6/udplite.cscov",
		    "SKIP requires socket(AF_INET6, SOCK_DGRAM, IPPROTO_UDPLITE): EPROTONOSUPPORT");
	is_str(mtext(),
	       "  ok 3 af_inet6/udplite.cscov # SKIP requires socket(AF_INET6, SOCK_DGRAM, "
	       "IPPROTO_UDPLITE): EPROTONOSUPPORT\n",
	       "SKIP directive (the README's example)");

	ktap_result(mopen(), 1, false, 4, "x.hang", "TIMEOUT 1s");
	is_str(mtext(), "  not ok 4 x.hang # TIMEOUT 1s\n", "TIMEOUT directive on not ok");

	ktap_result(mopen(), 0, true, 5, "a#b#c", NULL);
	is_str(mtext(), "ok 5 a_b_c\n", "'#' in a name would start a directive: it becomes '_'");

	ktap_result(mopen(), 0, true, 6, "a # SKIP fake", "XFAIL real");
	is_str(mtext(), "ok 6 a _ SKIP fake # XFAIL real\n",
	       "a name cannot smuggle a directive in");
}

static void test_diag(void)
{
	ktap_diag(mopen(), 0, "one line");
	is_str(mtext(), "# one line\n", "one diagnostic line");

	ktap_diag(mopen(), 1, "first\nsecond\nthird");
	is_str(mtext(), "  # first\n  # second\n  # third\n", "multi-line text, each line prefixed");

	ktap_diag(mopen(), 1, "ends with a newline\n");
	is_str(mtext(), "  # ends with a newline\n", "a trailing newline adds no empty line");

	ktap_diag(mopen(), 0, "a\n\nb");
	is_str(mtext(), "# a\n# \n# b\n", "an empty line in the middle stays a diagnostic");

	ktap_diag(mopen(), 0, "");
	is_str(mtext(), "", "empty text prints nothing");

	ktap_diag(mopen(), 0, NULL);
	is_str(mtext(), "", "NULL prints nothing");

	ktap_diag(mopen(), 0, "# already hashed");
	is_str(mtext(), "# # already hashed\n", "text is printed as is after '# '");
}

static void test_case_pass_skip(void)
{
	struct case_result r = res(ST_PASS);
	ktap_case(mopen(), 1, 1, &tc, &r, false);
	is_str(mtext(), "  ok 1 af_unix/x.c1\n", "pass: one line, no diagnostics");

	r.trace = (char *)"cases/af_unix/x.case:5: s = socket(AF_UNIX, SOCK_STREAM, 0) = 3\n"
			  "cases/af_unix/x.case:6: close(s) = 0\n";
	ktap_case(mopen(), 1, 1, &tc, &r, true);
	is_str(mtext(),
	       "  # cases/af_unix/x.case:5: s = socket(AF_UNIX, SOCK_STREAM, 0) = 3\n"
	       "  # cases/af_unix/x.case:6: close(s) = 0\n"
	       "  ok 1 af_unix/x.c1\n",
	       "verbose: the trace comes first, as diagnostics");
	ktap_case(mopen(), 1, 1, &tc, &r, false);
	is_str(mtext(), "  ok 1 af_unix/x.c1\n", "not verbose: no trace");

	r = res(ST_SKIP);
	r.reason = (char *)"requires kernel >= 99.0: running 6.1.0";
	ktap_case(mopen(), 1, 2, &tc, &r, false);
	is_str(mtext(), "  ok 2 af_unix/x.c1 # SKIP requires kernel >= 99.0: running 6.1.0\n",
	       "skip: ok with a SKIP directive and its reason");

	r.reason = (char *)"line one\nline #two";
	ktap_case(mopen(), 1, 2, &tc, &r, false);
	is_str(mtext(), "  ok 2 af_unix/x.c1 # SKIP line one line _two\n",
	       "a skip reason is folded to one line, '#' replaced");
}

static void test_case_failures(void)
{
	struct case_result r = res(ST_FAIL);
	r.step_line = 15;
	r.step_text = (char *)"bind(s, {sa_family=AF_UNIX, sun_path=@\"other\"}) = -1 EINVAL (Invalid argument)";
	r.expected = r.step_text;
	r.actual = (char *)"bind(s, {sa_family=AF_UNIX, sun_path=@\"other\"}) = 0";
	ktap_case(mopen(), 1, 1, &tc, &r, false);
	is_str(mtext(),
	       "  # cases/af_unix/x.case:15: bind(s, {sa_family=AF_UNIX, sun_path=@\"other\"}) = -1 EINVAL (Invalid argument)\n"
	       "  # expected: bind(s, {sa_family=AF_UNIX, sun_path=@\"other\"}) = -1 EINVAL (Invalid argument)\n"
	       "  # actual:   bind(s, {sa_family=AF_UNIX, sun_path=@\"other\"}) = 0\n"
	       "  not ok 1 af_unix/x.c1\n",
	       "fail: the README's three diagnostic lines, then not ok");

	r = res(ST_XFAIL);
	r.reason = (char *)"Linux returns EINVAL here";
	r.step_line = 9;
	r.step_text = (char *)"listen(s, 0) = -1 EOPNOTSUPP (Operation not supported)";
	r.expected = r.step_text;
	r.actual = (char *)"listen(s, 0) = 0";
	ktap_case(mopen(), 1, 3, &tc, &r, false);
	is_str(mtext(),
	       "  # cases/af_unix/x.case:9: expected to fail: listen(s, 0) = -1 EOPNOTSUPP (Operation not supported)\n"
	       "  # expected: listen(s, 0) = -1 EOPNOTSUPP (Operation not supported)\n"
	       "  # actual:   listen(s, 0) = 0\n"
	       "  ok 3 af_unix/x.c1 # XFAIL Linux returns EINVAL here\n",
	       "xfail: ok with an XFAIL directive, the failed step as diagnostics");

	r = res(ST_XPASS);
	r.reason = (char *)"expected to fail (Linux returns EINVAL here) but every step passed";
	r.step_line = 9;
	r.step_text = (char *)"listen(s, 0) = 0";
	ktap_case(mopen(), 1, 3, &tc, &r, false);
	is_str(mtext(),
	       "  # expected to fail (Linux returns EINVAL here) but every step passed\n"
	       "  not ok 3 af_unix/x.c1\n",
	       "xpass: not ok, the reason as diagnostic");

	r = res(ST_TIMEOUT);
	r.reason = (char *)"no result after 1s";
	r.step_line = 7;
	r.step_text = (char *)"a = accept(s, NULL)";
	r.duration = 1.5;
	ktap_case(mopen(), 1, 4, &tc, &r, false);
	is_str(mtext(),
	       "  # no result after 1s\n"
	       "  # cases/af_unix/x.case:7: in step a = accept(s, NULL)\n"
	       "  not ok 4 af_unix/x.c1 # TIMEOUT 1.5s\n",
	       "timeout: reason, the step it was in, TIMEOUT directive with the duration");

	r = res(ST_ERROR);
	r.reason = (char *)"killed by signal SEGV";
	r.signal = 11;
	r.step_line = 5;
	r.step_text = (char *)"raise(11)";
	ktap_case(mopen(), 1, 5, &tc, &r, false);
	is_str(mtext(),
	       "  # killed by signal SEGV\n"
	       "  # cases/af_unix/x.case:5: in step raise(11)\n"
	       "  not ok 5 af_unix/x.c1\n",
	       "error (crash): reason and step, no directive");

	r = res(ST_ERROR);
	r.reason = (char *)"cannot isolate the case: unshare(CLONE_NEWNET): Operation not permitted";
	ktap_case(mopen(), 1, 6, &tc, &r, false);
	is_str(mtext(),
	       "  # cannot isolate the case: unshare(CLONE_NEWNET): Operation not permitted\n"
	       "  not ok 6 af_unix/x.c1\n",
	       "error before any step: no step line");

	r = res(ST_ERROR);
	r.reason = (char *)"first line\nsecond line";
	ktap_case(mopen(), 0, 7, &tc, &r, false);
	is_str(mtext(), "# first line\n# second line\nnot ok 7 af_unix/x.c1\n",
	       "a multi-line reason: one diagnostic per line");

	struct tcase hashed = tc;
	hashed.id = (char *)"af_unix/x.c#1";
	r = res(ST_PASS);
	ktap_case(mopen(), 1, 8, &hashed, &r, false);
	is_str(mtext(), "  ok 8 af_unix/x.c_1\n", "'#' in a case id");
}

static void test_totals(void)
{
	struct totals t;
	memset(&t, 0, sizeof(t));
	ktap_totals(mopen(), &t);
	is_str(mtext(), "# Totals: pass:0 fail:0 xfail:0 xpass:0 skip:0 error:0\n"
			"0 passed, 0 failed, 0 skipped\n", "all zero");

	t.n[ST_PASS] = 5;
	t.n[ST_FAIL] = 2;
	t.n[ST_SKIP] = 3;
	t.n[ST_XFAIL] = 1;
	t.n[ST_XPASS] = 1;
	t.n[ST_TIMEOUT] = 4;
	t.n[ST_ERROR] = 6;
	ktap_totals(mopen(), &t);
	is_str(mtext(), "# Totals: pass:5 fail:2 xfail:1 xpass:1 skip:3 error:10\n"
			"6 passed, 13 failed, 3 skipped\n",
	       "kselftest totals (a timeout is an error, as in JUnit), then passed = pass + xfail, "
	       "failed = fail + timeout + xpass + error");
}

static void test_status(void)
{
	ok(!status_is_failure(ST_PASS), "pass is not a failure");
	ok(!status_is_failure(ST_SKIP), "skip is not a failure");
	ok(!status_is_failure(ST_XFAIL), "xfail is not a failure");
	ok(status_is_failure(ST_FAIL), "fail is a failure");
	ok(status_is_failure(ST_XPASS), "xpass is a failure");
	ok(status_is_failure(ST_TIMEOUT), "timeout is a failure");
	ok(status_is_failure(ST_ERROR), "error is a failure");
	static const char *const names[] = { "pass", "fail", "skip", "xfail", "xpass",
					     "timeout", "error" };
	for (int s = 0; s < ST__COUNT; s++)
		is_str(status_name((enum status)s), names[s], "status_name(%d)", s);
	is_str(status_name(ST__COUNT), "?", "status_name out of range");
}

/* The records a case child writes, parsed back by the runner. */
static void test_report_roundtrip(void)
{
	int p[2];
	if (pipe(p) < 0) {
		ok(0, "pipe");
		return;
	}
	struct report rep = { .fd = p[1] };
	report_put(&rep, REC_STEP, "12\tbind(s, {sa_family=AF_UNIX}) = 0");
	report_put(&rep, REC_EXPECTED, "bind(s, {sa_family=AF_UNIX}) = 0");
	report_put(&rep, REC_ACTUAL, "bind(s, {sa_family=AF_UNIX}) = -1 EINVAL (Invalid argument)");
	report_putf(&rep, REC_TRACE, "%s:%d: %s", "x.case", 3, "one");
	report_put(&rep, REC_TRACE, "two");
	report_put(&rep, REC_REASON, "");
	report_putf(&rep, REC_STATUS, "%d", ST_FAIL);
	close(p[1]);
	char buf[4096];
	ssize_t n = read(p[0], buf, sizeof(buf));
	close(p[0]);
	struct case_result r;
	memset(&r, 0, sizeof(r));
	report_parse(&r, buf, (size_t)(n > 0 ? n : 0));
	ok(r.have_status, "status record seen");
	is_int(r.status, ST_FAIL, "status");
	is_int(r.step_line, 12, "step line");
	is_str(r.step_text, "bind(s, {sa_family=AF_UNIX}) = 0", "step text");
	is_str(r.expected, "bind(s, {sa_family=AF_UNIX}) = 0", "expected");
	is_str(r.actual, "bind(s, {sa_family=AF_UNIX}) = -1 EINVAL (Invalid argument)", "actual");
	is_str(r.trace, "x.case:3: one\ntwo\n", "trace lines accumulate");
	is_str(r.reason, "", "an empty reason");

	/* a torn last record (killed child) is dropped, the rest kept */
	struct case_result t;
	memset(&t, 0, sizeof(t));
	report_parse(&t, buf, (size_t)n - 2);
	ok(!t.have_status, "torn status record dropped");
	is_int(t.step_line, 12, "records before it kept");
	case_result_free(&t);
	memset(&t, 0, sizeof(t));
	report_parse(&t, buf, 3);
	ok(!t.have_status && !t.step_text, "a 3-byte fragment gives nothing");
	case_result_free(&t);
	case_result_free(&r);
	ok(r.reason == NULL && r.trace == NULL, "case_result_free clears the result");
}

int main(void)
{
	test_header();
	test_result();
	test_diag();
	test_case_pass_skip();
	test_case_failures();
	test_totals();
	test_status();
	test_report_roundtrip();
	free(mbuf);
	return tap_done();
}
