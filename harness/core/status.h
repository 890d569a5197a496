/* SPDX-License-Identifier: MIT */
/*
 * What can become of a case, and the one set of counts every output
 * reports.  KTAP, JSON, JUnit and KCIDB all take their totals from struct
 * totals, so the same run gives the same numbers whatever the format.
 */
#ifndef SOCKSPEC_CORE_STATUS_H
#define SOCKSPEC_CORE_STATUS_H

#include <stdbool.h>

enum status {
	ST_PASS,	/* every step did what the case expected */
	ST_FAIL,	/* a step did not: the kernel differs from the case */
	ST_SKIP,	/* a declared requirement is not met; nothing ran */
	ST_XFAIL,	/* failed as the case's xfail line says it does */
	ST_XPASS,	/* an xfail case passed: the documented deviation went away */
	ST_TIMEOUT,	/* no result within its deadline; killed */
	ST_ERROR,	/* the case could not be carried out (bad case, crash, setup) */
	ST__COUNT
};

const char *status_name(enum status s);		/* "pass", "fail", ... */
int status_from_name(const char *s);		/* enum status, or -1 */

/* Does S make the run fail?  (fail, xpass, timeout, error) */
bool status_is_failure(enum status s);

struct totals {
	int n[ST__COUNT];
};

/* Cases that ran (anything but skip), and those of them that failed. */
int totals_ran(const struct totals *t);
int totals_failed(const struct totals *t);

/*
 * The coarser buckets of formats with fewer counters (KTAP's "# Totals:",
 * JUnit's attributes), defined here only so that they agree: a timeout is
 * an error (the case reached no verdict), never a failure; an XPASS is a
 * failure; an XFAIL is, in JUnit, a skip (as pytest writes it).
 */
int totals_failures(const struct totals *t);	/* fail + xpass */
int totals_errors(const struct totals *t);	/* timeout + error */
int totals_skipped(const struct totals *t);	/* skip + xfail */
void totals_add(struct totals *t, enum status s);

#endif
