/* SPDX-License-Identifier: MIT */
/*
 * How a case child tells the runner what happened: small typed records on a
 * pipe, written as they happen so that a case that hangs or crashes still
 * leaves the step it was in and its trace behind.
 */
#ifndef SOCKSPEC_EXEC_RECORD_H
#define SOCKSPEC_EXEC_RECORD_H

#include "core/status.h"

#include <stdbool.h>
#include <stddef.h>


enum rec_type {
	REC_STATUS = 'S',	/* decimal enum status */
	REC_REASON = 'R',	/* skip reason, error text */
	REC_STEP = 'B',		/* "line\tcall as written": step about to run */
	REC_EXPECTED = 'E',
	REC_ACTUAL = 'A',
	REC_TRACE = 'T',	/* one -v line */
	REC_MODULE = 'M',	/* a module a requirement loaded (modprobe) */
};

struct report {
	int fd;			/* write end of the result pipe */
};

void report_put(struct report *r, enum rec_type t, const char *text);
void report_putf(struct report *r, enum rec_type t, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* What the runner gathered about one case. */
struct case_result {
	enum status status;
	bool have_status;
	char *reason;
	int step_line;		/* last step begun, 0 if none */
	char *step_text;
	char *expected, *actual;
	char *trace;		/* newline-separated -v lines */
	double duration;
	int signal;		/* killed by this signal, 0 if not */
	char *modules;		/* modules the case's requirements loaded, space-separated */
};

/* Parse records from BUF (LEN bytes) into R (fields appended). */
void report_parse(struct case_result *r, const char *buf, size_t len);
void case_result_free(struct case_result *r);

#endif
