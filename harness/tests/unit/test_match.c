/* SPDX-License-Identifier: MIT */
/*
 * Values and patterns: evaluating what a case wrote and matching patterns
 * (parsed as a case writes them) against values decoded from the kernel.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>

#include "sock/addr.h"
#include "lang/case.h"
#include "exec/interp.h"
#include "lang/match.h"
#include "tap.h"
#include "util/util.h"

static struct scope x;

/* Argument ARG of "CALL" parsed inside a case (NULL on a parse error). */
static struct node *parse_arg(const char *call, int arg)
{
	char *src = xasprintf("family AF_UNIX\ncase a\n  doc d\n  what w\n  %s\n", call);
	struct casefile *cf = casefile_parse_text("x.case", src, NULL);
	struct node *n = NULL;
	if (cf->errors)
		printf("#   parsing %s: %.*s\n", call, (int)strcspn(cf->errors, "\n"), cf->errors);
	else if (cf->ncases == 1 && cf->cases[0].nsteps == 1)
		n = node_clone(cf->cases[0].steps[0].call_node->kids[arg]);
	casefile_free(cf);
	free(src);
	return n;
}

/* A value pattern, as in getsockopt's value position. */
static struct node *pat(const char *text)
{
	char *call = xasprintf("getsockopt(3, SOL_SOCKET, SO_TYPE, %s)", text);
	struct node *n = parse_arg(call, 3);
	free(call);
	return n;
}

/* An address pattern, as in getsockname's. */
static struct node *apat(const char *text)
{
	char *call = xasprintf("getsockname(3, %s)", text);
	struct node *n = parse_arg(call, 1);
	free(call);
	return n;
}

/* A return-value pattern: "usleep(1) = TEXT". */
static struct node *rpat(const char *text)
{
	char *src = xasprintf("family AF_UNIX\ncase a\n  doc d\n  what w\n  usleep(1) = %s\n", text);
	struct casefile *cf = casefile_parse_text("x.case", src, NULL);
	struct node *n = NULL;
	if (!cf->errors && cf->ncases == 1 && cf->cases[0].nsteps == 1)
		n = node_clone(cf->cases[0].steps[0].ret);
	else if (cf->errors)
		printf("#   parsing = %s: %.*s\n", text, (int)strcspn(cf->errors, "\n"), cf->errors);
	casefile_free(cf);
	free(src);
	return n;
}

static void reset_vars(void)
{
	for (size_t i = 0; i < x.nvars; i++) {
		free(x.vars[i].name);
		node_free(x.vars[i].val);
	}
	free(x.vars);
	x.vars = NULL;
	x.nvars = 0;
}

/* PATTERN (owned) against ACTUAL (owned): must give WANT. */
static void match_is(struct node *pattern, struct node *actual, bool want, const char *what)
{
	ok(pattern != NULL, "%s: the pattern parses", what);
	if (pattern)
		ok(match(&x, pattern, actual) == want, "%s: %s", what, want ? "matches" : "does not match");
	node_free(pattern);
	node_free(actual);
}

static struct node *str(const char *s) { return node_str(s, strlen(s)); }

static struct node *list1(long long v)
{
	struct node *l = node_new(N_LIST);
	node_push(l, node_int(v));
	return l;
}

static void test_ints(void)
{
	match_is(rpat("5"), node_int(5), true, "= 5 against 5");
	match_is(rpat("5"), node_int(6), false, "= 5 against 6");
	match_is(rpat(">0"), node_int(1), true, ">0 against 1");
	match_is(rpat(">0"), node_int(0), false, ">0 against 0");
	match_is(rpat(">=1024"), node_int(1024), true, ">=1024 against 1024");
	match_is(rpat(">=1024"), node_int(1023), false, ">=1024 against 1023");
	match_is(rpat("<5"), node_int(4), true, "<5 against 4");
	match_is(rpat("<5"), node_int(5), false, "<5 against 5");
	match_is(rpat("<=5"), node_int(5), true, "<=5 against 5");
	match_is(rpat("!=0"), node_int(0), false, "!=0 against 0");
	match_is(rpat("!=0"), node_int(-3), true, "!=0 against -3");
	match_is(rpat("_"), node_int(12345), true, "_ against anything");
	match_is(rpat("O_RDWR|O_NONBLOCK"), node_int(O_RDWR | O_NONBLOCK), true,
		 "O_RDWR|O_NONBLOCK against the or-ed value");
	match_is(rpat("O_RDWR|O_NONBLOCK"), node_int(O_RDWR), false, "O_RDWR|O_NONBLOCK against O_RDWR");
	match_is(rpat("O_RDWR"), node_int(O_RDWR), true, "a constant against its value");
	match_is(rpat("0x10"), node_int(16), true, "hex");
	match_is(rpat("-1 EINVAL"), node_int(-1), true, "-1 (with errno) against -1");
}

static void test_vars(void)
{
	reset_vars();
	struct node *p = rpat("$n");
	struct node *a = node_int(42), *b = node_int(43);
	ok(p && p->kind == N_VAR, "$n is a variable");
	ok(var_get(&x, "n") == NULL, "unbound before the first match");
	ok(p && match(&x, p, a), "the first match binds $n");
	const struct node *v = var_get(&x, "n");
	ok(v && v->kind == N_INT && v->ival == 42, "$n is 42");
	ok(p && match(&x, p, a), "then matches 42 again");
	ok(p && !match(&x, p, b), "and not 43");
	long long val = 0;
	char *err = NULL;
	ok(p && eval_int(&x, p, &val, &err) == 0 && val == 42, "eval_int($n) is 42");
	node_free(p);
	node_free(a);
	node_free(b);

	/* a captured port is reused as input, in network order */
	reset_vars();
	struct node *ap = apat("{sa_family=AF_INET, sin_port=$port, sin_addr=_}");
	struct sockaddr_storage ss;
	memset(&ss, 0, sizeof(ss));
	struct sockaddr_in *sin = (struct sockaddr_in *)&ss;
	sin->sin_family = AF_INET;
	sin->sin_port = htons(40000);
	sin->sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	struct node *dec = addr_decode(&ss, sizeof(*sin));
	ok(ap && match(&x, ap, dec), "an address with sin_port=$port matches and captures");
	struct node *in = parse_arg("bind(3, {sa_family=AF_INET, sin_port=$port, "
				    "sin_addr=inet_addr(\"127.0.0.1\")})", 1);
	struct sockaddr_storage out;
	socklen_t len = 0;
	err = NULL;
	ok(in && addr_encode(&x, in, &out, &len, &err) == 0, "and $port encodes as input");
	ok(((struct sockaddr_in *)&out)->sin_port == htons(40000), "to the same port, network order");
	free(err);
	node_free(in);
	node_free(ap);
	node_free(dec);
	reset_vars();

	err = NULL;
	struct node *u = rpat("$never");
	ok(u && eval_int(&x, u, &val, &err) == -1, "an unbound variable has no value");
	is_str(err, "5:15: $never is used before a step captured it", "and says so, with line:col");
	free(err);
	node_free(u);
}

static void test_strings(void)
{
	match_is(pat("\"ping\""), str("ping"), true, "\"ping\" against ping");
	match_is(pat("\"ping\""), str("pin"), false, "\"ping\" against pin");
	match_is(pat("\"ping\""), str("ping!"), false, "\"ping\" against ping!");
	match_is(pat("\"a\\0b\""), node_str("a\0b", 3), true, "embedded NUL compared too");
	match_is(pat("\"a\\0b\""), node_str("a\0c", 3), false, "embedded NUL, different tail");
	match_is(pat("\"\""), str(""), true, "empty against empty");
	match_is(pat("~\"^pi\""), str("ping"), true, "~\"^pi\" against ping");
	match_is(pat("~\"^pi\""), str("xping"), false, "~\"^pi\" against xping");
	match_is(pat("~\"b$\""), node_str("a\0b", 3), true, "a regex sees past an embedded NUL");
	match_is(pat("~\"(\""), str("("), false, "an invalid regex matches nothing (and does not crash)");
	char xs[300];
	memset(xs, 'x', sizeof(xs));
	match_is(pat("\"x\" * 300"), node_str(xs, sizeof(xs)), true, "a 300-byte string");
	match_is(pat("_"), str("anything"), true, "_ against a string");
}

static void test_addresses(void)
{
	struct sockaddr_storage ss;
	struct sockaddr_un *sun = (struct sockaddr_un *)&ss;
	memset(&ss, 0, sizeof(ss));
	sun->sun_family = AF_UNIX;
	strcpy(sun->sun_path + 1, "0a1b2");
	socklen_t alen = 2 + 1 + 5;

	match_is(apat("{sa_family=AF_UNIX, sun_path=@~\"^[0-9a-f]{5}$\"}"), addr_decode(&ss, alen), true,
		 "autobind name against @~\"^[0-9a-f]{5}$\"");
	match_is(apat("{sa_family=AF_UNIX, sun_path=~\"^[0-9a-f]{5}$\"}"), addr_decode(&ss, alen), false,
		 "an abstract name against a path regex");
	match_is(apat("{sa_family=AF_UNIX, sun_path=@_}"), addr_decode(&ss, alen), true,
		 "@_ against an abstract name");
	match_is(apat("{sa_family=AF_UNIX, sun_path=_}"), addr_decode(&ss, alen), true,
		 "_ against an abstract name");
	match_is(apat("{sa_family=AF_UNIX, sun_path=@\"0a1b2\"}"), addr_decode(&ss, alen), true,
		 "the exact abstract name");
	match_is(apat("{sa_family=AF_UNIX, sun_path=\"0a1b2\"}"), addr_decode(&ss, alen), false,
		 "a path with the same bytes");
	match_is(apat("{sa_family=AF_UNIX}"), addr_decode(&ss, alen), false,
		 "{sa_family=AF_UNIX} only matches an unnamed socket");
	match_is(apat("{sa_family=AF_UNIX}"), addr_decode(&ss, 2), true,
		 "{sa_family=AF_UNIX} against an unnamed socket");
	match_is(apat("{sa_family=AF_UNIX, ...}"), addr_decode(&ss, alen), true,
		 "{sa_family=AF_UNIX, ...} against any AF_UNIX address");
	match_is(apat("{sa_family=AF_INET, ...}"), addr_decode(&ss, alen), false,
		 "{sa_family=AF_INET, ...} against an AF_UNIX address");

	memset(sun->sun_path, 0, sizeof(sun->sun_path));
	strcpy(sun->sun_path, "@notabstract");
	match_is(apat("{sa_family=AF_UNIX, sun_path=\"@notabstract\"}"),
		 addr_decode(&ss, (socklen_t)(2 + strlen(sun->sun_path) + 1)), true,
		 "a path that starts with '@' is a path");

	struct sockaddr_in *sin = (struct sockaddr_in *)&ss;
	memset(&ss, 0, sizeof(ss));
	sin->sin_family = AF_INET;
	sin->sin_port = htons(8080);
	sin->sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	match_is(apat("{sa_family=AF_INET, sin_port=htons(8080), sin_addr=inet_addr(\"127.0.0.1\")}"),
		 addr_decode(&ss, sizeof(*sin)), true, "AF_INET, exact");
	match_is(apat("{sa_family=AF_INET, sin_port=htons(8081), sin_addr=inet_addr(\"127.0.0.1\")}"),
		 addr_decode(&ss, sizeof(*sin)), false, "AF_INET, another port");
	match_is(apat("{sa_family=AF_INET, sin_port=htons(8080), sin_addr=inet_addr(\"127.0.0.2\")}"),
		 addr_decode(&ss, sizeof(*sin)), false, "AF_INET, another address");
	match_is(apat("{sa_family=AF_INET, sin_port=htons(>=1024), sin_addr=htonl(INADDR_LOOPBACK)}"),
		 addr_decode(&ss, sizeof(*sin)), true,
		 "htons(>=1024) and htonl(INADDR_LOOPBACK) as patterns");
	match_is(apat("{sa_family=AF_INET, sin_port=_}"), addr_decode(&ss, sizeof(*sin)), false,
		 "a struct pattern must name every field the kernel returned");
	match_is(apat("{sa_family=AF_INET, sin_port=htons(8080), ...}"), addr_decode(&ss, sizeof(*sin)),
		 true, "unless it ends with ...");

	struct sockaddr_in6 *s6 = (struct sockaddr_in6 *)&ss;
	memset(&ss, 0, sizeof(ss));
	s6->sin6_family = AF_INET6;
	s6->sin6_port = htons(443);
	s6->sin6_addr = in6addr_loopback;
	match_is(apat("{sa_family=AF_INET6, sin6_port=htons(443), sin6_flowinfo=htonl(0), "
		      "inet_pton(AF_INET6, \"::1\", &sin6_addr), sin6_scope_id=0}"),
		 addr_decode(&ss, sizeof(*s6)), true, "AF_INET6 in strace's notation");
	match_is(apat("{sa_family=AF_INET6, sin6_port=htons(443), sin6_flowinfo=htonl(0), "
		      "inet_pton(AF_INET6, \"0:0::1\", &sin6_addr), sin6_scope_id=0}"),
		 addr_decode(&ss, sizeof(*s6)), true, "IPv6 addresses compare by value");
	match_is(apat("{sa_family=AF_INET6, sin6_port=htons(443), sin6_flowinfo=htonl(0), "
		      "inet_pton(AF_INET6, \"::2\", &sin6_addr), sin6_scope_id=0}"),
		 addr_decode(&ss, sizeof(*s6)), false, "another IPv6 address");
	match_is(apat("NULL"), node_new(N_NULL), true, "NULL against NULL");
	match_is(apat("_"), addr_decode(&ss, sizeof(*s6)), true, "_ against an address");
}

static void test_lists(void)
{
	match_is(pat("[1]"), list1(1), true, "[1] against [1]");
	match_is(pat("[1]"), list1(0), false, "[1] against [0]");
	match_is(pat("[_]"), list1(7), true, "[_] against [7]");
	match_is(pat("[>0]"), list1(7), true, "[>0] against [7]");
	struct node *two = list1(1);
	node_push(two, node_int(2));
	match_is(pat("[1]"), two, false, "[1] against [1, 2]");
	match_is(pat("[SOCK_STREAM]"), list1(SOCK_STREAM), true, "[SOCK_STREAM] against [1]");
}

static void test_eval(void)
{
	long long v;
	char *err = NULL;
	struct node *n = rpat("htons(80)");
	ok(n && eval_int(&x, n, &v, &err) == 0 && v == htons(80), "htons(80)");
	node_free(n);
	n = rpat("htonl(INADDR_LOOPBACK)");
	ok(n && eval_int(&x, n, &v, &err) == 0 && v == htonl(INADDR_LOOPBACK), "htonl(INADDR_LOOPBACK)");
	node_free(n);
	n = rpat("ntohs(htons(1))");
	ok(n && eval_int(&x, n, &v, &err) == 0 && v == htons(htons(1)), "ntohs(htons(1))");
	node_free(n);
	n = rpat("htons(65536)");
	ok(n && eval_int(&x, n, &v, &err) == -1, "htons(65536) has no value");
	is_str(err, "5:15: htons() takes 0..65535", "and says why, at the call");
	free(err);
	err = NULL;
	n = (node_free(n), rpat("if_nametoindex(\"lo\")"));
	ok(n && eval_int(&x, n, &v, &err) == 0 && v >= 1, "if_nametoindex(\"lo\")");
	node_free(n);
	n = rpat("if_nametoindex(\"sockspec-no-such0\")");
	ok(n && eval_int(&x, n, &v, &err) == -1, "if_nametoindex of a missing interface fails");
	free(err);
	err = NULL;
	node_free(n);

	unsigned char b[16];
	size_t len = 0;
	n = rpat("inet_addr(\"10.1.2.3\")");
	ok(n && eval_bytes(&x, n, b, sizeof(b), &len, &err) == 0 && len == 4 &&
	   !memcmp(b, "\x0a\x01\x02\x03", 4), "inet_addr gives 4 bytes in network order");
	node_free(n);
	n = rpat("inet_pton(AF_INET6, \"::1\", &sin6_addr)");
	ok(n && eval_bytes(&x, n, b, sizeof(b), &len, &err) == 0 && len == 16 && b[15] == 1,
	   "inet_pton(AF_INET6, ...) gives 16 bytes");
	node_free(n);
	n = rpat("inet_pton(AF_INET, \"::1\", &sin_addr)");
	ok(n && eval_bytes(&x, n, b, sizeof(b), &len, &err) == -1, "an IPv6 text as AF_INET fails");
	free(err);
	err = NULL;
	node_free(n);
	n = pat("\"toolong\"");
	ok(n && eval_bytes(&x, n, b, 4, &len, &err) == -1, "a string longer than the room fails");
	free(err);
	node_free(n);
}

int main(void)
{
	test_ints();
	test_vars();
	test_strings();
	test_addresses();
	test_lists();
	test_eval();
	reset_vars();
	return tap_done();
}
