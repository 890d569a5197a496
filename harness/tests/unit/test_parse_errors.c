/* SPDX-License-Identifier: MIT */
/*
 * The parser's diagnostics for the usual mistakes, exactly: "path:line:col:
 * error: ...", the line, a caret under the column.
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "parse_helpers.h"

static void test_errors(void)
{
	step_error_is("  sokcet(AF_UNIX, SOCK_STREAM, 0)",
		      PATH ":6:3: error: unknown call 'sokcet' (see cases/README.md for the calls a step can make)\n"
		      "    sokcet(AF_UNIX, SOCK_STREAM, 0)\n"
		      "    ^\n",
		      "unknown call");
	step_error_is("  socket(AF_UNIX, SOCK_STRAEM, 0)",
		      PATH ":6:19: error: unknown name 'SOCK_STRAEM': not a handle assigned earlier in this case, "
		      "nor a constant the system headers define\n"
		      "    socket(AF_UNIX, SOCK_STRAEM, 0)\n"
		      "                    ^\n",
		      "unknown constant");
	step_error_is("  socket(AF_UNIX, SOCK_STREAM)",
		      PATH ":6:3: error: socket() takes 3 arguments, 2 given\n"
		      "    socket(AF_UNIX, SOCK_STREAM)\n"
		      "    ^\n",
		      "too few arguments");
	step_error_is("  bind(s)",
		      PATH ":6:8: error: unknown name 's': not a handle assigned earlier in this case, "
		      "nor a constant the system headers define\n"
		      "    bind(s)\n"
		      "         ^\n",
		      "a handle used before any step assigned it");
	step_error_is("  bind(3)",
		      PATH ":6:3: error: bind() takes at least 2 arguments, 1 given\n"
		      "    bind(3)\n"
		      "    ^\n",
		      "too few arguments to a call with optional ones");
	step_error_is("  socket(AF_UNIX, SOCK_STREAM, 0, 1)",
		      PATH ":6:35: error: socket() takes at most 3 arguments\n"
		      "    socket(AF_UNIX, SOCK_STREAM, 0, 1)\n"
		      "                                    ^\n",
		      "too many arguments");
	step_error_is("  send(3, \"a\\q\", 1, 0)",
		      PATH ":6:13: error: unknown escape in string (use \\\\ \\\" \\n \\t \\r \\0 \\xHH)\n"
		      "    send(3, \"a\\q\", 1, 0)\n"
		      "              ^\n",
		      "bad string escape: at the backslash");
	step_error_is("  send(3, \"a\\x4\", 1, 0)",
		      PATH ":6:13: error: \\x needs exactly two hex digits\n"
		      "    send(3, \"a\\x4\", 1, 0)\n"
		      "              ^\n",
		      "short \\x escape: at the backslash");
	step_error_is("  send(3, \"abc, 3, 0)",
		      PATH ":6:11: error: unterminated string\n"
		      "    send(3, \"abc, 3, 0)\n"
		      "            ^\n",
		      "unterminated string");
	step_error_is("  socket(AF_UNIX, SOCK_STREAM, 0) = 0 EINVAL",
		      PATH ":6:39: error: an errno follows -1 only\n"
		      "    socket(AF_UNIX, SOCK_STREAM, 0) = 0 EINVAL\n"
		      "                                        ^\n",
		      "errno without -1");
	step_error_is("  socket(AF_UNIX, SOCK_STREAM, 0) = -1",
		      PATH ":6:39: error: -1 needs the errno name expected, e.g. = -1 EINVAL\n"
		      "    socket(AF_UNIX, SOCK_STREAM, 0) = -1\n"
		      "                                        ^\n",
		      "-1 without errno");
	step_error_is("  socket(AF_UNIX, SOCK_STREAM, 0) = -1 EWHATEVER",
		      PATH ":6:40: error: unknown errno name 'EWHATEVER'\n"
		      "    socket(AF_UNIX, SOCK_STREAM, 0) = -1 EWHATEVER\n"
		      "                                         ^\n",
		      "unknown errno name");
	step_error_is("  x = listen(3, 1)",
		      PATH ":6:3: error: listen() does not return a descriptor to name\n"
		      "    x = listen(3, 1)\n"
		      "    ^\n",
		      "naming the result of a call that makes no descriptor");
	step_error_is("  AF_UNIX = socket(AF_UNIX, SOCK_STREAM, 0)",
		      PATH ":6:3: error: 'AF_UNIX' is a constant; a handle needs another name\n"
		      "    AF_UNIX = socket(AF_UNIX, SOCK_STREAM, 0)\n"
		      "    ^\n",
		      "a constant as a handle name");
	step_error_is("  usleep(1) <0.5..0.1>",
		      PATH ":6:13: error: a time bound reads <min..max> in seconds, min <= max\n"
		      "    usleep(1) <0.5..0.1>\n"
		      "              ^\n",
		      "time bound with min > max");
	step_error_is("  socket(AF_UNIX, SOCK_STREAM, 0) \x01\x02",
		      PATH ":6:35: error: unexpected character\n"
		      "    socket(AF_UNIX, SOCK_STREAM, 0) \x01\x02\n"
		      "                                    ^\n",
		      "garbage bytes after a step");
	step_error_is("  \xff\xfe garbage",
		      PATH ":6:3: error: expected a call such as socket(...), found invalid token\n"
		      "    \xff\xfe garbage\n"
		      "    ^\n",
		      "garbage bytes as a step");
	step_error_is("\tbind(s)",
		      PATH ":6:7: error: unknown name 's': not a handle assigned earlier in this case, "
		      "nor a constant the system headers define\n"
		      "  \tbind(s)\n"
		      "  \t     ^\n",
		      "a tab in the line is kept in the caret line");

	text_error_is("",
		      PATH ":1:1: error: the file has no 'family AF_...' line\n"
		      "  \n"
		      "  ^\n",
		      "empty file: no family");
	struct casefile *nf = parse("case c\n  doc d\n  what w\n  usleep(1)\n");
	static const char nf_want[] = PATH ":1:1: error: the file has no 'family AF_...' line\n";
	ok(nf->errors && !strncmp(nf->errors, nf_want, strlen(nf_want)),
	   "no family line: reported at 1:1");
	if (nf->errors)
		diag(nf->errors);
	ok(nf->errors && strstr(nf->errors, "line\n  case c\n  ^\n"),
	   "no family line: the diagnostic shows line 1");
	casefile_free(nf);
	text_error_is("family AF_UNIX\n  socket(AF_UNIX, SOCK_STREAM, 0)\n",
		      PATH ":2:3: error: expected 'family', 'requires' or 'case' before the first case\n"
		      "    socket(AF_UNIX, SOCK_STREAM, 0)\n"
		      "    ^\n",
		      "a step before any case");
	text_error_is("family AF_UNIX\n\x01\n",
		      PATH ":2:1: error: expected 'family', 'requires' or 'case' before the first case\n"
		      "  \x01\n"
		      "  ^\n",
		      "garbage before any case");
	text_error_is("family AF_UNIX\ncase c\n  doc d\n  what w\n  usleep(1)\nfamily AF_INET\n",
		      PATH ":6:1: error: 'family' belongs at the top of the file, before the first case\n"
		      "  family AF_INET\n"
		      "  ^\n",
		      "family after a case");
	text_error_is("family UNIX\n",
		      PATH ":1:8: error: expected an address family (AF_...)\n"
		      "  family UNIX\n"
		      "         ^\n",
		      "family without AF_");
	text_error_is("family AF_UNIX\ncase c\n  doc d\n  what w\n  timeout 0\n  usleep(1)\n",
		      PATH ":5:11: error: expected a timeout in seconds (0 < t <= 3600)\n"
		      "    timeout 0\n"
		      "            ^\n",
		      "timeout 0");
	text_error_is("family AF_UNIX\ncase c\n  doc d\n  doc e\n  what w\n  usleep(1)\n",
		      PATH ":4:3: error: 'doc' given twice in this case\n"
		      "    doc e\n"
		      "    ^\n",
		      "doc twice");
	text_error_is("family AF_UNIX\ncase c\n  doc d\n  what\n  what w\n  usleep(1)\n",
		      PATH ":4:3: error: 'what' needs text after it\n"
		      "    what\n"
		      "    ^\n",
		      "what without text");
	first_error_is("family AF_UNIX\ncase c\n  doc two words\n  what w\n  usleep(1)\n",
		      PATH ":3:7: error: a doc target is one word, e.g. socket.socket.bind or host_port\n"
		      "    doc two words\n"
		      "        ^\n",
		      "doc target with a blank");
	text_error_is("family AF_UNIX\ncase c/d\n",
		      PATH ":2:6: error: a case name is made of letters, digits, '-', '_' and '.'\n"
		      "  case c/d\n"
		      "       ^\n",
		      "bad case name");
	text_error_is("family AF_UNIX\nrequires kernel 5.4\n",
		      PATH ":2:17: error: expected >=, >, < or <= before the version\n"
		      "  requires kernel 5.4\n"
		      "                  ^\n",
		      "requires kernel without an operator");
	text_error_is("family AF_UNIX\nrequires kernel >= 5\n",
		      PATH ":2:20: error: expected a kernel version such as 5.4 or 2.6.38\n"
		      "  requires kernel >= 5\n"
		      "                     ^\n",
		      "requires kernel with a bad version");
	text_error_is("family AF_UNIX\nrequires config UNIX\n",
		      PATH ":2:17: error: expected a kconfig symbol such as CONFIG_UNIX\n"
		      "  requires config UNIX\n"
		      "                  ^\n",
		      "requires config without CONFIG_");
	text_error_is("family AF_UNIX\nrequires cap CAP_NOPE\n",
		      PATH ":2:14: error: expected a capability name such as CAP_NET_ADMIN\n"
		      "  requires cap CAP_NOPE\n"
		      "               ^\n",
		      "requires cap with an unknown capability");
	text_error_is("family AF_UNIX\nrequires nothing\n",
		      PATH ":2:10: error: expected socket(...), kernel, config, root, cap or module after 'requires'\n"
		      "  requires nothing\n"
		      "           ^\n",
		      "requires something unknown");
	text_error_is("family AF_UNIX\nrequires socket(AF_UNIX, SOCK_NOPE, 0)\n",
		      PATH ":2:26: error: unknown name 'SOCK_NOPE': not a handle assigned earlier in this case, "
		      "nor a constant the system headers define\n"
		      "  requires socket(AF_UNIX, SOCK_NOPE, 0)\n"
		      "                           ^\n",
		      "requires socket with an unknown constant");

	/* missing doc / what / steps: reported at the case's line */
	struct casefile *cf = parse("family AF_UNIX\ncase no-doc\n  what w\n  usleep(1)\n");
	static const char nd_want[] = PATH ":2:1: error: case 'no-doc' has no 'doc' line "
				      "naming its socket.rst target\n";
	ok(cf->errors && strncmp(cf->errors, nd_want, strlen(nd_want)) == 0,
	   "missing doc: reported at the case line");
	if (cf->errors)
		diag(cf->errors);
	ok(cf->errors && strstr(cf->errors, "\n  case no-doc\n  ^\n"),
	   "missing doc: the diagnostic shows the case line under the message");
	casefile_free(cf);

	cf = parse("family AF_UNIX\ncase no-what\n  doc d\n  usleep(1)\n");
	ok(cf->errors && strstr(cf->errors, PATH ":2:1: error: case 'no-what' has no 'what' line "
				"saying what it checks\n") == cf->errors,
	   "missing what: reported at the case line");
	casefile_free(cf);

	cf = parse("family AF_UNIX\ncase empty\n  doc d\n  what w\ncase next\n  doc d\n  what w\n  usleep(1)\n");
	ok(cf->errors && strstr(cf->errors, PATH ":2:1: error: case 'empty' has no steps\n") == cf->errors,
	   "a case without steps");
	is_int(cf->nerrors, 1, "only that one error");
	casefile_free(cf);

	cf = parse("family AF_UNIX\ncase c\n  doc d\n  what w\n  usleep(1)\n"
		   "case c\n  doc d\n  what w\n  usleep(2)\n");
	ok(cf->errors && strstr(cf->errors, PATH ":6:6: error: case 'c' already defined at line 2\n"
				"  case c\n       ^\n") == cf->errors,
	   "duplicate case: at the name, naming the first definition");
	if (cf->errors)
		diag(cf->errors);
	is_int(cf->nerrors, 1, "duplicate case: one error, not one per line of its body");
	casefile_free(cf);

	/* the body of a duplicate is still checked, as a case's */
	cf = parse("family AF_UNIX\ncase c\n  doc d\n  what w\n  usleep(1)\n"
		   "case c # again\n  doc d\n  sokcet(1)\ncase e\n  doc d\n  what w\n  usleep(1)\n");
	is_str(cf->errors,
	       PATH ":6:6: error: case 'c' already defined at line 2\n"
	       "  case c # again\n       ^\n"
	       PATH ":8:3: error: unknown call 'sokcet' (see cases/README.md for the calls a step can make)\n"
	       "    sokcet(1)\n    ^\n"
	       PATH ":6:1: error: case 'c' has no 'what' line saying what it checks\n"
	       "  case c # again\n  ^\n",
	       "duplicate case: its body is checked as a case's");
	casefile_free(cf);

	/* a case name that is not one: its body is skipped, not one error per line */
	cf = parse("family AF_UNIX\ncase a b\n  doc d\n  what w\n  usleep(1)\n"
		   "case ok\n  doc d\n  what w\n  usleep(1)\n");
	is_int(cf->nerrors, 1, "invalid case name: one error");
	ok(cf->errors && strstr(cf->errors, PATH ":2:6: error: a case name is made of") == cf->errors,
	   "invalid case name: reported at the name");
	is_int(cf->ncases, 1, "invalid case name: the next case is read");
	casefile_free(cf);
	cf = parse("family AF_UNIX\ncase c\n  doc d\n  what w\n  process p\n  usleep(1)\n"
		   "case !\n  doc d\n");
	is_str(cf->errors,
	       PATH ":2:1: error: case 'c': process 'p' has no 'end'\n"
	       "  case c\n  ^\n"
	       PATH ":7:6: error: a case name is made of letters, digits, '-', '_' and '.'\n"
	       "  case !\n       ^\n",
	       "an unclosed process shows the case line; the next header's error still shows");
	casefile_free(cf);

	/* a step that does not parse does not also make "has no steps" */
	char *t = xasprintf("family AF_UNIX\ncase c\n  doc d\n  what w\n  sokcet(1)\n");
	cf = parse(t);
	is_int(cf->nerrors, 1, "one bad step: one error, not also 'has no steps'");
	casefile_free(cf);
	free(t);
	cf = parse("family AF_UNIX\ncase c\n  doc d\n  what w\n  wait nobody\n");
	is_int(cf->nerrors, 1, "one bad wait line: one error, not also 'has no steps'");
	casefile_free(cf);
	cf = parse("family AF_UNIX\ncase c\n  doc x y\n  what w\n");
	is_int(cf->nerrors, 2, "a bad doc line is no step: 'has no steps' too");
	casefile_free(cf);

	/* every mistake in a file is reported, up to a limit */
	struct sbuf sb = { 0 };
	sb_puts(&sb, "family AF_UNIX\ncase c\n  doc d\n  what w\n  usleep(1)\n");
	for (int i = 0; i < 60; i++)
		sb_puts(&sb, "  sokcet(1)\n");
	cf = parse(sb.s);
	is_int(cf->nerrors, 60, "60 bad lines: 60 errors counted");
	ok(cf->errors && strstr(cf->errors, PATH ":55:3: error: unknown call 'sokcet'"),
	   "the 50th error is shown");
	ok(cf->errors && !strstr(cf->errors, PATH ":56:3:"), "the 51st is not");
	ok(cf->errors && strstr(cf->errors, PATH ": 10 more errors not shown\n"),
	   "a line says how many were left out");
	casefile_free(cf);
	sb_free(&sb);

	/* several errors in one file, in order */
	cf = parse("family AF_UNIX\ncase c\n  doc d\n  what w\n  sokcet(1)\n  usleep(1)\n  listen(q, 1)\n");
	is_int(cf->nerrors, 2, "two bad steps, two errors");
	ok(cf->errors && strstr(cf->errors, ":5:3: error:") &&
	   strstr(cf->errors, ":5:3: error:") < strstr(cf->errors, ":7:10: error:"),
	   "in line order");
	casefile_free(cf);
}

int main(void)
{
	test_errors();
	return tap_done();
}
