// SPDX-License-Identifier: MIT
/* Shared command-line handling (opts.h). */
#define _GNU_SOURCE
#include "cmd/opts.h"
#include "cmd/commands.h"
#include "util/util.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int opt_error(const char *cmd, const char *fmt, ...)
{
	va_list ap;
	fprintf(stderr, "sockspec%s%s: ", cmd ? " " : "", cmd ? cmd : "");
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, "\nTry 'sockspec%s%s --help'.\n", cmd ? " " : "", cmd ? cmd : "");
	return EXIT_USAGE;
}

/*
 * The option just rejected, as the user wrote it: "-x" for a short option
 * (argv[optind - 1] may be a whole cluster, or not the option at all),
 * "--name" for a long one (its full name when getopt knows it, else as
 * typed without "=value").
 */
static char *rejected_name(char **argv, const struct option *longopts, bool is_long)
{
	if (!is_long) {
		int ch = optopt & 0xff;	/* getopt stores a plain (signed) char */
		return isprint(ch) ? xasprintf("-%c", ch) : xasprintf("-\\x%02x", ch);
	}
	if (optopt)
		for (const struct option *lo = longopts; lo->name; lo++)
			if (lo->val == optopt)
				return xasprintf("--%s", lo->name);
	const char *a = argv[optind - 1];
	return xstrndup(a, strcspn(a, "="));
}

int opt_rejected(const char *cmd, int c, char **argv, const struct option *longopts,
		 const char *shortopts)
{
	/*
	 * optopt: the short option's character, the long option's val when
	 * it was given a wrong argument, 0 for an unknown long one.  A short
	 * option has its character in SHORTOPTS only when it lacks its
	 * argument.  Long options' vals are 256 and above, or a short
	 * option's letter.
	 */
	bool is_long = c == ':' ? strncmp(argv[optind - 1], "--", 2) == 0
		     : optopt == 0 || optopt >= 256 ||
		       (optopt != ':' && strchr(shortopts, optopt));
	char *opt = rejected_name(argv, longopts, is_long);
	int rc = opt_error(cmd, c == ':' ? "option '%s' needs an argument"
			   : is_long && optopt ? "option '%s' takes no argument"
			   : "unknown option '%s'", opt);
	free(opt);
	return rc;
}

bool opt_number(const char *s, double lo, double hi, double *out)
{
	char *end;
	errno = 0;
	double v = strtod(s, &end);
	/* isfinite: NaN compares false with both bounds and would pass */
	if (errno || end == s || *end || !isfinite(v) || !(v >= lo && v <= hi))
		return false;
	*out = v;
	return true;
}
