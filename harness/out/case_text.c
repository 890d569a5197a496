// SPDX-License-Identifier: MIT
/* A case's result as one text, for JUnit and KCIDB (see case_text.h). */
#define _GNU_SOURCE
#include "out/case_text.h"
#include "util/util.h"

#include <stdio.h>
#include <string.h>

/* The diagnostics KTAP prints for a case, as one text. */
char *case_text_body(const struct tcase *tc, const struct case_result *r)
{
	char *s = NULL;
	size_t len = 0;
	FILE *m = open_memstream(&s, &len);
	if (!m)
		return xstrdup("");
	if (r->reason && r->status != ST_SKIP)
		fprintf(m, "%s\n", r->reason);
	if (r->step_line)
		fprintf(m, "%s:%d: %s\n", tc->file->path, r->step_line,
			r->step_text ? r->step_text : "");
	if (r->expected)
		fprintf(m, "expected: %s\n", r->expected);
	if (r->actual)
		fprintf(m, "actual:   %s\n", r->actual);
	fclose(m);
	return s;
}

/* A one-line summary for the message attribute. */
char *case_text_summary(const struct case_result *r)
{
	const char *why = r->reason ? r->reason : "";
	switch (r->status) {
	case ST_FAIL:
		if (r->expected)
			return xasprintf("expected: %s; actual: %s", r->expected,
					 r->actual ? r->actual : "");
		return xasprintf("%.*s", (int)strcspn(why, "\n"), why);
	case ST_XPASS:	/* the reason quotes the case's xfail line */
		return xasprintf("XPASS: %.*s", (int)strcspn(why, "\n"), why);
	case ST_TIMEOUT:
		return xasprintf("TIMEOUT after %.1fs: %.*s", r->duration, (int)strcspn(why, "\n"), why);
	case ST_XFAIL:
		return xasprintf("XFAIL: %s", why);
	default:
		return xasprintf("%.*s", (int)strcspn(why, "\n"), why);
	}
}
