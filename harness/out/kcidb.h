/* SPDX-License-Identifier: MIT */
/*
 * --kcidb FILE: the run as a KCIDB I/O document (schema v5.3, KernelCI's
 * kcidb-io), one test object per case and one per case file that does not
 * parse.  KCIDB keys every object by the submitting CI system (the
 * "origin", --kcidb-origin) and ties each test to the build of the kernel
 * it ran on (--kcidb-build-id, by default ORIGIN:RELEASE).  A test's path
 * is sockspec.FAMILY.FILE.CASE, the same tree on every kernel, so KCIDB
 * can compare runs; its id adds the run (start time and pid) to make it
 * unique.  Status: pass PASS, fail and XPASS FAIL, skip SKIP, timeout and
 * error ERROR; an XFAIL is a PASS with misc.xfail saying which documented
 * deviation it showed.
 */
#ifndef SOCKSPEC_OUT_KCIDB_H
#define SOCKSPEC_OUT_KCIDB_H

#include "out/run.h"
#include "out/sink.h"

#include <stdbool.h>
#include <stdio.h>

#define KCIDB_MAJOR 5
#define KCIDB_MINOR 3

int kcidb_write(FILE *f, const struct run_report *r);
extern const struct sink_format sink_kcidb;

/* ORIGIN as KCIDB takes it: [a-z0-9_]+ */
bool kcidb_origin_ok(const char *origin);
/* A build or test id: ORIGIN:ANYTHING, with ORIGIN as above. */
bool kcidb_id_ok(const char *id);

#endif
