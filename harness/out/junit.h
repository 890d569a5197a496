/* SPDX-License-Identifier: MIT */
/*
 * JUnit XML results (--junit FILE), the format CI systems (Jenkins, GitLab,
 * GitHub test reporters) display: <testsuites>, one <testsuite> per case
 * file, one <testcase> per case with classname = the file's name and name
 * = the case id.  A failure or XPASS is <failure>, a timeout or error
 * <error>, a skip <skipped>; an XFAIL is <skipped type="xfail"> as pytest
 * writes it.  A file that does not parse is a suite with one <error>.
 * Only what Jenkins' junit-10.xsd allows: no file/line on <testcase>, no
 * skipped/timestamp on <testsuites>.
 */
#ifndef SOCKSPEC_OUT_JUNIT_H
#define SOCKSPEC_OUT_JUNIT_H

#include "out/json.h"

#include <stdbool.h>
#include <stdio.h>

/* The whole report of run R on F.  0 ok, -1 on a write error. */
int junit_write(FILE *f, const struct run_report *r);
extern const struct sink_format sink_junit;

/*
 * S escaped for XML 1.0 character data (ATTR false) or a double-quoted
 * attribute value (ATTR true, where tab and newlines must be character
 * references or a parser turns them into spaces).  Characters XML 1.0
 * cannot hold at all (controls other than tab, LF, CR; U+FFFE, U+FFFF)
 * and bytes that are not UTF-8 become U+FFFD.
 */
void xml_escape(FILE *f, const char *s, bool attr);

#endif
