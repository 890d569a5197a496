/* SPDX-License-Identifier: MIT */
/*
 * The case-file parser on inline texts: what a good file turns into (ids,
 * steps, handles, requirements, timeout, xfail), the exact diagnostics for
 * the usual mistakes ("path:line:col: error: ...", the line, a caret), and
 * that no input, however broken, crashes it.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include "lang/case.h"
#include "core/callspec.h"
#include "lang/consts.h"
#include "parse_helpers.h"
#include "tap.h"
#include "util/util.h"


static const char good[] =
	"# " PATH "\n"					/* 1 */
	"family AF_UNIX\n"				/* 2 */
	"requires socket(AF_UNIX, SOCK_SEQPACKET, 0)\n"	/* 3 */
	"\n"						/* 4 */
	"case first-case\n"				/* 5 */
	"  doc  socket-families\n"			/* 6 */
	"  what an abstract name round trip\n"		/* 7 */
	"  requires kernel >= 5.4\n"			/* 8 */
	"  requires config CONFIG_UNIX\n"		/* 9 */
	"  requires config CONFIG_INET=y\n"		/* 10 */
	"  requires root\n"				/* 11 */
	"  requires cap CAP_NET_ADMIN\n"		/* 12 */
	"  timeout 2.5\n"				/* 13 */
	"  s = socket(AF_UNIX, SOCK_STREAM|SOCK_CLOEXEC, 0)\n"			/* 14 */
	"  bind(s, {sa_family=AF_UNIX, sun_path=@\"sockspec\"}) = 0\n"		/* 15 */
	"  getsockname(s, {sa_family=AF_UNIX, sun_path=@_}, [_]) = 0\n"		/* 16 */
	"\tlisten(s, 1)   # a comment\n"					/* 17 */
	"  socketpair(AF_UNIX, SOCK_DGRAM, 0, [a, b]) = 0\n"			/* 18 */
	"  send(a, \"ping\\n\", 5, 0) = 5\n"					/* 19 */
	"  recv(b, ~\"^pi\", 16, MSG_DONTWAIT) = >0\n"				/* 20 */
	"  fcntl(s, F_GETFL) = O_RDWR\n"					/* 21 */
	"  bind(s, {sa_family=AF_UNIX, sun_path=\"x\"}) = -1 EINVAL (Invalid argument)\n" /* 22 */
	"  usleep(1000) = 0 <0..1.5>\n"					/* 23 */
	"\n"								/* 24 */
	"case second.v_2\n"						/* 25 */
	"  doc socket.socket.bind\n"					/* 26 */
	"  what an expected failure\n"					/* 27 */
	"  xfail Linux returns 0 here\n"				/* 28 */
	"  requires kernel < 99.0\n"					/* 29 */
	"  close(999) = -1 EBADF\n";					/* 30 */

static const char *const good_steps[] = {
	"s = socket(AF_UNIX, SOCK_STREAM|SOCK_CLOEXEC, 0)",
	"bind(s, {sa_family=AF_UNIX, sun_path=@\"sockspec\"}) = 0",
	"getsockname(s, {sa_family=AF_UNIX, sun_path=@_}, [_]) = 0",
	"listen(s, 1)",
	"socketpair(AF_UNIX, SOCK_DGRAM, 0, [a, b]) = 0",
	"send(a, \"ping\\n\", 5, 0) = 5",
	"recv(b, ~\"^pi\", 16, MSG_DONTWAIT) = >0",
	"fcntl(s, F_GETFL) = O_RDWR",
	"bind(s, {sa_family=AF_UNIX, sun_path=\"x\"}) = -1 EINVAL (Invalid argument)",
	"usleep(1000) = 0 <0..1.5>",
};

static void test_good_file(void)
{
	struct casefile *cf = parse(good);
	is_str(cf->errors, NULL, "the good file parses without errors");
	is_int(cf->nerrors, 0, "no errors counted");
	is_str(cf->path, PATH, "path kept as given");
	is_str(cf->name, "af_unix/x", "file name: <dir>/<file>");
	is_str(cf->family, "AF_UNIX", "family");
	is_int((long long)cf->nreqs, 1, "one file-wide requirement");
	if (cf->nreqs == 1) {
		const struct requirement *r = &cf->reqs[0];
		is_int(r->kind, REQ_SOCKET, "requires socket(...)");
		is_int(r->line, 3, "its line");
		is_str(r->text, "socket(AF_UNIX, SOCK_SEQPACKET, 0)", "its text, for skip reasons");
		ok(r->sock[0] == AF_UNIX && r->sock[1] == SOCK_SEQPACKET && r->sock[2] == 0,
		   "domain, type, protocol");
	}
	is_int((long long)cf->ncases, 2, "two cases");
	if (cf->ncases != 2) {
		casefile_free(cf);
		return;
	}

	const struct tcase *tc = &cf->cases[0];
	is_str(tc->name, "first-case", "case name");
	is_str(tc->id, "af_unix/x.first-case", "case id <dir>/<file>.<case>");
	is_str(tc->doc, "socket-families", "doc (extra blanks ignored)");
	is_str(tc->what, "an abstract name round trip", "what");
	is_int(tc->line, 5, "case line");
	ok(tc->timeout == 2.5, "timeout 2.5");
	is_str(tc->xfail, NULL, "no xfail");
	ok(tc->file == cf, "case points back to its file");
	is_int((long long)tc->nreqs, 5, "five case requirements");
	if (tc->nreqs == 5) {
		const struct requirement *r = tc->reqs;
		is_int(r[0].kind, REQ_KERNEL, "kernel requirement");
		is_int(r[0].cmp, CMP_GE, "kernel >=");
		ok(r[0].kv.major == 5 && r[0].kv.minor == 4 && r[0].kv.patch == 0, "kernel 5.4.0");
		is_str(r[0].text, "kernel >= 5.4", "kernel requirement text");
		is_int(r[1].kind, REQ_CONFIG, "config requirement");
		is_str(r[1].sym, "CONFIG_UNIX", "config symbol");
		is_str(r[1].want, NULL, "y or m");
		is_str(r[2].sym, "CONFIG_INET", "config symbol with a value");
		is_str(r[2].want, "y", "=y");
		is_int(r[3].kind, REQ_ROOT, "root requirement");
		is_str(r[3].text, "root", "root text");
		is_int(r[4].kind, REQ_CAP, "cap requirement");
		is_str(r[4].sym, "CAP_NET_ADMIN", "cap name");
		is_int(r[4].cap, 12, "CAP_NET_ADMIN is 12");
		is_int(r[4].line, 12, "cap requirement line");
	}
	is_int((long long)tc->nhandles, 3, "three handles: s, a, b");
	if (tc->nhandles == 3) {
		is_str(tc->handles[0], "s", "handle 0");
		is_str(tc->handles[1], "a", "handle 1");
		is_str(tc->handles[2], "b", "handle 2");
	}
	is_int((long long)tc->nsteps, 10, "ten steps");
	if (tc->nsteps == 10) {
		const struct step *st = tc->steps;
		is_int(st[0].line, 14, "step 1 line");
		is_int(st[0].col, 3, "step 1 column (its handle)");
		is_str(st[0].call->name, "socket", "step 1 call");
		is_int(st[0].assign_slot, 0, "step 1 names handle s");
		ok(st[0].ret == NULL, "step 1: no '=', must succeed");
		is_int(st[1].assign_slot, -1, "step 2 names no handle");
		ok(st[1].ret && st[1].ret->kind == N_INT && st[1].ret->ival == 0, "step 2: = 0");
		is_int(st[1].ret_col, 56, "step 2: the expectation's column");
		is_int(st[3].line, 17, "tab-indented step line");
		is_int(st[3].col, 2, "tab-indented step column");
		ok(st[6].ret && st[6].ret->kind == N_CMP && st[6].ret->op == CMP_GT, "= >0 pattern");
		ok(st[7].ret && st[7].ret->kind == N_SYM, "= O_RDWR is a constant");
		ok(st[8].ret && st[8].ret->ival == -1, "-1 ...");
		is_int(st[8].err, EINVAL, "... EINVAL, strace's text ignored");
		ok(st[9].timed && st[9].tmin == 0 && st[9].tmax == 1.5, "<0..1.5> time bound");
		ok(!st[8].timed, "others are not timed");
		const struct node *sp = st[4].call_node->kids[3];
		ok(sp->kind == N_LIST && sp->nkids == 2 && sp->kids[0]->kind == N_HANDLE &&
		   sp->kids[0]->ival == 1 && sp->kids[1]->ival == 2,
		   "socketpair's [a, b] are new handles 1 and 2");
		const struct node *b = st[1].call_node->kids[0];
		ok(b->kind == N_HANDLE && b->ival == 0, "bind's first argument is handle s");
		for (size_t i = 0; i < 10; i++) {
			char *r = step_render_expected(tc, &st[i]);
			is_str(r, good_steps[i], "step %zu renders as written", i + 1);
			free(r);
		}
	}

	tc = &cf->cases[1];
	is_str(tc->id, "af_unix/x.second.v_2", "second case id (dots and underscores allowed)");
	is_str(tc->doc, "socket.socket.bind", "second doc");
	is_str(tc->xfail, "Linux returns 0 here", "xfail reason");
	ok(tc->timeout == 0, "no timeout: the runner's default");
	ok(tc->nreqs == 1 && tc->reqs[0].cmp == CMP_LT && tc->reqs[0].kv.major == 99,
	   "kernel < 99.0");
	ok(tc->nsteps == 1 && tc->steps[0].err == EBADF, "close(999) = -1 EBADF");
	ok(tc->nsteps == 1 && tc->steps[0].call_node->kids[0]->kind == N_INT,
	   "a plain number as descriptor");
	is_int((long long)tc->nhandles, 0, "handles are per case");
	casefile_free(cf);
}

static void test_names(void)
{
	static const struct { const char *path, *name; } t[] = {
		{ "cases/af_unix/x.case", "af_unix/x" },
		{ "x.case", "x" },
		{ "./x.case", "x" },
		{ "/abs/dir/y.case", "dir/y" },
		{ "a/b/c/d.e.case", "c/d.e" },
		{ "bad/noext", "bad/noext" },
	};
	for (size_t i = 0; i < ARRAY_SIZE(t); i++) {
		struct casefile *cf = casefile_parse_text(t[i].path,
			"family AF_UNIX\ncase c\n doc d\n what w\n usleep(1)\n", NULL);
		is_str(cf->name, t[i].name, "file name of %s", t[i].path);
		char *id = xasprintf("%s.c", t[i].name);
		is_str(cf->ncases ? cf->cases[0].id : NULL, id, "case id in %s", t[i].path);
		free(id);
		casefile_free(cf);
	}
}

static void test_values(void)
{
	struct casefile *cf = parse(
		"family AF_INET\n"
		"case v\n"
		"  doc d\n"
		"  what w\n"
		"  s = socket(AF_INET, SOCK_STREAM, 0)\n"
		"  getsockname(s, {sa_family=AF_INET, sin_port=$port, ...}) = 0\n"
		"  bind(s, {sa_family=AF_INET6, inet_pton(AF_INET6, \"::1\", &sin6_addr)}) = 0\n"
		"  send(s, \"ab\" * 3, 6, 0) = 6\n");
	is_str(cf->errors, NULL, "values parse");
	if (cf->ncases == 1 && cf->cases[0].nsteps == 4) {
		const struct tcase *tc = &cf->cases[0];
		const struct node *st = tc->steps[1].call_node->kids[1];
		const struct node *port = node_get_field(st, "sin_port");
		ok(st->nkids == 3 && st->kids[2]->kind == N_ELLIPSIS, "'...' ends an open structure");
		ok(port && port->kind == N_VAR && port->name && !strcmp(port->name, "port"),
		   "$port is a variable (kind %d, N_VAR is %d)", port ? (int)port->kind : -1, N_VAR);
		char *r = step_render_expected(tc, &tc->steps[1]);
		is_str(r, "getsockname(s, {sa_family=AF_INET, sin_port=$port, ...}) = 0",
		       "$port renders as written");
		free(r);
		const struct node *b6 = tc->steps[2].call_node->kids[1];
		const struct node *pton = node_get_field(b6, "sin6_addr");
		ok(pton && pton->kind == N_CALL && pton->nkids == 3 && pton->kids[2]->kind == N_REF,
		   "inet_pton(..., &sin6_addr) is the sin6_addr entry, &sin6_addr a reference");
		const struct node *rep = tc->steps[3].call_node->kids[1];
		ok(rep->kind == N_STR && rep->len == 6 && !memcmp(rep->bytes, "ababab", 6),
		   "\"ab\" * 3 is ababab");
	}
	casefile_free(cf);

	cf = parse("family AF_UNIX\ncase c\n  doc d\n  what w\n"
		   "  socketpair(AF_UNIX, SOCK_STREAM, 0, [SOCK_STREAM, b])\n");
	is_str(cf->errors, PATH ":5:40: error: 'SOCK_STREAM' is a constant; a handle needs another name\n"
	       "    socketpair(AF_UNIX, SOCK_STREAM, 0, [SOCK_STREAM, b])\n"
	       "                                         ^\n",
	       "socketpair(..., [SOCK_STREAM, b]) is rejected like 'SOCK_STREAM = socket(...)'");
	casefile_free(cf);
	cf = parse("family AF_UNIX\ncase c\n  doc d\n  what w\n"
		   "  socketpair(AF_UNIX, SOCK_STREAM, 0, [a, NULL])\n"
		   "  socketpair(AF_UNIX, SOCK_STREAM, 0, [_, b])\n");
	is_int(cf->nerrors, 2, "NULL and _ are no handle names either");
	ok(cf->errors && strstr(cf->errors, ":5:43: error: 'NULL' is a constant") &&
	   strstr(cf->errors, ":6:40: error: '_' is a constant"), "at the name");
	casefile_free(cf);

	cf = parse("family AF_UNIX\ncase c\n  doc d\n  what w # not part of it\n"
		   "  usleep(1)\n");
	ok(cf->ncases == 1 && cf->cases[0].what && !strcmp(cf->cases[0].what, "w"),
	   "a what line with a trailing comment keeps only its text (got '%s')",
	   cf->ncases == 1 && cf->cases[0].what ? cf->cases[0].what : "(null)");
	casefile_free(cf);

	cf = parse("family AF_UNIX\ncase c\n  doc d   # the target\n  what # only a comment\n"
		   "  xfail a bug\t# PR 1234\n  usleep(1)\n");
	ok(cf->ncases == 1 && cf->cases[0].doc && !strcmp(cf->cases[0].doc, "d"),
	   "a doc line with a trailing comment");
	ok(cf->ncases == 1 && cf->cases[0].xfail && !strcmp(cf->cases[0].xfail, "a bug"),
	   "an xfail line with a comment after a tab");
	ok(cf->errors && strstr(cf->errors, ":4:3: error: 'what' needs text after it"),
	   "a what line with only a comment has no text");
	casefile_free(cf);

	cf = parse("family AF_UNIX\ncase c\n  doc d\n  what fd#3 stays\n  usleep(1)\n");
	ok(cf->ncases == 1 && cf->cases[0].what && !strcmp(cf->cases[0].what, "fd#3 stays"),
	   "a '#' inside a word is text, not a comment");
	casefile_free(cf);

	cf = parse("family AF_UNIX\ncase c\n  doc d\n  what w\n  requires kernel >= 5.4 # why\n"
		   "  usleep(1)\n");
	ok(cf->ncases == 1 && cf->cases[0].nreqs == 1 &&
	   !strcmp(cf->cases[0].reqs[0].text, "kernel >= 5.4"),
	   "kernel requirement text without its comment");
	casefile_free(cf);

	cf = parse("family AF_INET\nrequires socket(AF_INET, SOCK_STREAM, 253) # exotic\n"
		   "case c\n  doc d\n  what w\n  usleep(1)\n");
	ok(cf->nreqs == 1 && !strcmp(cf->reqs[0].text, "socket(AF_INET, SOCK_STREAM, 253)"),
	   "requirement text without its comment (got '%s')",
	   cf->nreqs == 1 ? cf->reqs[0].text : "(null)");
	casefile_free(cf);

	cf = parse("family AF_UNIX\ncase c # comment\n  doc d\n  what w\n  usleep(1)\n");
	ok(cf->ncases == 1 && !strcmp(cf->cases[0].name, "c"), "a case line with a trailing comment");
	casefile_free(cf);
}

/* Parse TEXT in a child: 0 when it returned, else the signal or exit status. */
static int parse_in_child(const char *text, size_t len)
{
	fflush(stdout);
	pid_t pid = fork();
	if (pid == 0) {
		/* a crash shows in the status; its report would only clutter the output */
		if (!freopen("/dev/null", "w", stderr))
			_exit(99);
		char *copy = xstrndup(text, len);
		struct casefile *cf = parse(copy);
		casefile_free(cf);
		free(copy);
		_exit(0);
	}
	int ws;
	if (pid < 0 || waitpid(pid, &ws, 0) != pid)
		return -1;
	return WIFEXITED(ws) ? WEXITSTATUS(ws) : 128 + WTERMSIG(ws);
}

static void test_hostile(void)
{
	/* every prefix of the good file: truncated anywhere, never a crash */
	size_t n = strlen(good);
	int bad = 0;
	for (size_t i = 0; i <= n; i++) {
		char *pre = xstrndup(good, i);
		struct casefile *cf = parse(pre);
		if (!cf || (cf->nerrors && !cf->errors) || (!cf->nerrors && cf->errors))
			bad++;
		casefile_free(cf);
		free(pre);
	}
	is_int(bad, 0, "all %zu prefixes of the good file parse (or fail) cleanly", n + 1);

	/* every line of the good file with one byte replaced by each of a few */
	static const char subst[] = "\"\\(){}[]<>=$@~&*|,.#\x01\xff 9-_";
	bad = 0;
	for (size_t i = 0; i < n; i++)
		for (size_t k = 0; k < sizeof(subst) - 1; k++) {
			char *m = xstrdup(good);
			m[i] = subst[k];
			struct casefile *cf = parse(m);
			if (!cf || (cf->nerrors && !cf->errors))
				bad++;
			casefile_free(cf);
			free(m);
		}
	is_int(bad, 0, "%zu one-byte mutations of the good file", n * (sizeof(subst) - 1));

	/* random bytes, and random mixes of the language's own characters */
	srandom(20261125);
	bad = 0;
	for (int i = 0; i < 3000; i++) {
		char buf[512];
		size_t len = (size_t)(random() % (sizeof(buf) - 1));
		for (size_t j = 0; j < len; j++) {
			static const char alpha[] =
				"family AF_UNIX\ncase doc what requires socket kernel config root cap "
				"timeout xfail s=()[]{},\"\\x0n$&@~*|<>=!.-_#\t\n0123456789 EINVAL htons";
			long r = random();
			buf[j] = i % 3 == 0 ? (char)(1 + r % 255) : alpha[r % (long)(sizeof(alpha) - 1)];
		}
		buf[len] = 0;
		struct casefile *cf = parse(buf);
		if (!cf || (cf->nerrors && !cf->errors))
			bad++;
		casefile_free(cf);
	}
	is_int(bad, 0, "3000 random texts (seeded) parse or fail cleanly");

	/* long lines */
	struct sbuf sb = { 0 };
	sb_puts(&sb, "family AF_UNIX\ncase c\n  doc d\n  what w\n  send(3, \"");
	for (int i = 0; i < 100000; i++)
		sb_putc(&sb, 'a' + i % 26);
	sb_puts(&sb, "\", 1, 0) = 1\n  send(3, \"x\" * 65536, 65536, 0) = 65536\n");
	struct casefile *cf = parse(sb.s);
	is_str(cf->errors, NULL, "a 100000-byte string and a 65536-times repeat parse");
	casefile_free(cf);
	sb_free(&sb);
	cf = parse("family AF_UNIX\ncase c\n  doc d\n  what w\n  send(3, \"x\" * 65537, 1, 0)\n");
	ok(cf->errors && strstr(cf->errors, "'*' repeats a string a count of 0 to 65536 times"),
	   "a repeat count over 65536 is an error");
	casefile_free(cf);

	/* deep nesting: the expression parser recurses */
	sb_puts(&sb, "family AF_UNIX\ncase c\n  doc d\n  what w\n  setsockopt(3, 1, 2, ");
	for (int i = 0; i < 200; i++)
		sb_putc(&sb, '[');
	sb_putc(&sb, '1');
	for (int i = 0; i < 200; i++)
		sb_putc(&sb, ']');
	sb_puts(&sb, ")\n");
	is_int(parse_in_child(sb.s, sb.len), 0, "200 nested brackets");
	sb_free(&sb);

	sb_puts(&sb, "family AF_UNIX\ncase c\n  doc d\n  what w\n  setsockopt(3, 1, 2, ");
	for (int i = 0; i < 1000000; i++)
		sb_putc(&sb, i % 2 ? '{' : '[');
	sb_puts(&sb, ")\n");
	int rc = parse_in_child(sb.s, sb.len);
	is_int(rc, 0, "a million nested brackets do not crash the parser");
	sb_free(&sb);

	sb_puts(&sb, "family AF_UNIX\ncase c\n  doc d\n  what w\n  usleep(1) = ");
	for (int i = 0; i < 1000000; i++)
		sb_putc(&sb, '>');
	sb_puts(&sb, "0\n");
	rc = parse_in_child(sb.s, sb.len);
	is_int(rc, 0, "a million '>' do not crash the parser");
	sb_free(&sb);

	sb_puts(&sb, "family AF_UNIX\ncase c\n  doc d\n  what w\n  usleep(");
	for (int i = 0; i < 1000000; i++)
		sb_puts(&sb, "htons(");
	sb_puts(&sb, "1)\n");
	rc = parse_in_child(sb.s, sb.len);
	is_int(rc, 0, "a million nested calls do not crash the parser");
	sb_free(&sb);

	/* the limit: 64 levels parse, the 65th is an error at its bracket */
	sb_puts(&sb, "family AF_UNIX\ncase c\n  doc d\n  what w\n  setsockopt(3, 1, 2, ");
	for (int i = 0; i < 64; i++)
		sb_putc(&sb, '[');
	sb_putc(&sb, '1');
	for (int i = 0; i < 64; i++)
		sb_putc(&sb, ']');
	sb_puts(&sb, ")\n");
	cf = parse(sb.s);
	is_str(cf->errors, NULL, "64 nested brackets parse");
	casefile_free(cf);
	sb_free(&sb);

	sb_puts(&sb, "family AF_UNIX\ncase c\n  doc d\n  what w\n  setsockopt(3, 1, 2, ");
	for (int i = 0; i < 65; i++)
		sb_putc(&sb, i % 2 ? '{' : '[');
	sb_puts(&sb, ")\n");
	cf = parse(sb.s);
	ok(cf->errors && strstr(cf->errors, PATH ":5:87: error: values nested more than 64 deep\n") ==
	   cf->errors, "65 nested brackets: an error at the 65th");
	is_int(cf->nerrors, 1, "65 nested brackets: one error");
	casefile_free(cf);
	sb_free(&sb);

	sb_puts(&sb, "family AF_UNIX\ncase c\n  doc d\n  what w\n  usleep(1) = ");
	for (int i = 0; i < 100; i++)
		sb_putc(&sb, '>');
	sb_puts(&sb, "0\n");
	cf = parse(sb.s);
	ok(cf->errors && strstr(cf->errors, PATH ":5:79: error: values nested more than 64 deep\n") ==
	   cf->errors, "100 '>': an error at the 65th");
	casefile_free(cf);
	sb_free(&sb);
}

int main(void)
{
	test_good_file();
	test_names();
	test_values();
	test_hostile();
	return tap_done();
}
