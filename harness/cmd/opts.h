/* SPDX-License-Identifier: MIT */
/*
 * Command-line handling every subcommand shares: the usage error with its
 * pointer to --help, getopt_long()'s rejections named as the user wrote
 * them, and numbers that must be finite and in range.
 */
#ifndef SOCKSPEC_CMD_OPTS_H
#define SOCKSPEC_CMD_OPTS_H

#include <getopt.h>
#include <stdbool.h>

/*
 * "sockspec[ CMD]: MESSAGE" and "Try 'sockspec[ CMD] --help'." on stderr;
 * returns EXIT_USAGE.  CMD is NULL for the run itself.
 */
int opt_error(const char *cmd, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/*
 * The error for getopt_long()'s return C (':' or '?', with opterr = 0 and
 * SHORTOPTS starting with ':'): "unknown option '-x'" (also inside a
 * cluster such as -vx), "option '--json' needs an argument", "option
 * '--list' takes no argument".  Returns EXIT_USAGE.
 */
int opt_rejected(const char *cmd, int c, char **argv, const struct option *longopts,
		 const char *shortopts);

/*
 * S as a number from LO to HI.  Empty text, trailing characters, NaN,
 * infinities and anything out of range (1e999 included) are refused.
 */
bool opt_number(const char *s, double lo, double hi, double *out);

#endif
