/* SPDX-License-Identifier: MIT */
/* What the parser's unit tests share: parsing inline text, and its error checks. */
#ifndef SOCKSPEC_TEST_PARSE_HELPERS_H
#define SOCKSPEC_TEST_PARSE_HELPERS_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lang/case.h"
#include "tap.h"
#include "util/util.h"

#define PATH "cases/af_unix/x.case"

/* Multi-line TEXT as TAP diagnostics. */
static inline void diag(const char *text)
{
	for (const char *s = text; s && *s;) {
		const char *nl = strchr(s, '\n');
		int n = nl ? (int)(nl - s) : (int)strlen(s);
		printf("#   %.*s\n", n, s);
		s += n + (nl ? 1 : 0);
	}
}

static inline struct casefile *parse(const char *text)
{
	return casefile_parse_text(PATH, text, NULL);
}

/* A case around LINE (line 6 of the text; line 5 is a valid step). */
static inline char *in_case(const char *line)
{
	return xasprintf("family AF_UNIX\ncase c\n  doc d\n  what w\n"
			 "  socket(AF_UNIX, SOCK_STREAM, 0)\n%s\n", line);
}

/* The errors for LINE inside a case must be exactly WANT. */
static inline void step_error_is(const char *line, const char *want, const char *what)
{
	char *text = in_case(line);
	struct casefile *cf = parse(text);
	is_str(cf->errors, want, "%s", what);
	ok(cf->nerrors >= 1, "%s: counted", what);
	casefile_free(cf);
	free(text);
}

static inline void text_error_is(const char *text, const char *want, const char *what)
{
	struct casefile *cf = parse(text);
	is_str(cf->errors, want, "%s", what);
	casefile_free(cf);
}

/* The first error (message, line, caret) for TEXT must be WANT. */
static inline void first_error_is(const char *text, const char *want, const char *what)
{
	struct casefile *cf = parse(text);
	char *first = NULL;
	if (cf->errors) {
		const char *e = cf->errors;
		for (int i = 0; i < 3 && e; i++) {
			e = strchr(e, '\n');
			if (e)
				e++;
		}
		first = xstrndup(cf->errors, e ? (size_t)(e - cf->errors) : strlen(cf->errors));
	}
	is_str(first, want, "%s", what);
	free(first);
	casefile_free(cf);
}

#endif
