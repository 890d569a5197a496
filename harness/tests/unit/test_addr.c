/* SPDX-License-Identifier: MIT */
/*
 * Socket address codecs: an address as a case writes it is parsed, encoded
 * into a sockaddr, decoded back and printed; the print must be the text
 * written (strace's notation), and the bytes and length what a C program
 * would pass.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <netinet/in.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>

#include "core/family.h"
#include "sock/addr.h"
#include "lang/case.h"
#include "lang/consts.h"
#include "exec/interp.h"
#include "tap.h"
#include "util/util.h"

#define PATH_OFF offsetof(struct sockaddr_un, sun_path)

static struct scope x;	/* no handles, no variables */

/* The address argument of "bind(3, TEXT)" as the parser builds it. */
static struct node *parse_addr(const char *text)
{
	char *src = xasprintf("family AF_UNIX\ncase a\n  doc d\n  what w\n  bind(3, %s)\n", text);
	struct casefile *cf = casefile_parse_text("x.case", src, NULL);
	struct node *n = NULL;
	if (cf->errors)
		printf("#   parsing %s: %.*s\n", text, (int)strcspn(cf->errors, "\n"), cf->errors);
	else if (cf->ncases == 1 && cf->cases[0].nsteps == 1)
		n = node_clone(cf->cases[0].steps[0].call_node->kids[1]);
	casefile_free(cf);
	free(src);
	return n;
}

/* First error line the parser gives for "bind(3, TEXT)". */
static char *parse_error(const char *text)
{
	char *src = xasprintf("family AF_UNIX\ncase a\n  doc d\n  what w\n  bind(3, %s)\n", text);
	struct casefile *cf = casefile_parse_text("x.case", src, NULL);
	char *e = NULL;
	if (cf->errors) {
		char *nl = strchr(cf->errors, '\n');
		e = xstrndup(cf->errors, nl ? (size_t)(nl - cf->errors) : strlen(cf->errors));
	}
	casefile_free(cf);
	free(src);
	return e;
}

static char *print(const struct node *n)
{
	struct sbuf sb = { 0 };
	node_print(&sb, n, NULL, NULL);
	return sb_take(&sb);
}

static char *decode_print(const struct sockaddr_storage *ss, socklen_t len)
{
	struct node *n = addr_decode(ss, len);
	char *s = print(n);
	node_free(n);
	return s;
}

/*
 * TEXT parses, encodes to WANT_LEN bytes, and decodes back to TEXT.
 * The sockaddr is left in *SS for further checks.
 */
static void round_trip(const char *text, socklen_t want_len, struct sockaddr_storage *ss)
{
	struct node *n = parse_addr(text);
	ok(n != NULL, "parses: %s", text);
	if (!n)
		return;
	socklen_t len = 12345;
	char *err = NULL;
	int rc = addr_encode(&x, n, ss, &len, &err);
	is_int(rc, 0, "encodes: %s", text);
	if (err)
		printf("#   error: %s\n", err);
	is_int(len, want_len, "length %u: %s", (unsigned)want_len, text);
	char *back = decode_print(ss, len);
	is_str(back, text, "decodes and prints back the same");
	char *again = print(n);
	is_str(again, text, "the parsed address prints as written");
	free(again);
	free(back);
	free(err);
	node_free(n);
}

static void test_unix(void)
{
	struct sockaddr_storage ss;
	struct sockaddr_un *sun = (struct sockaddr_un *)&ss;

	round_trip("{sa_family=AF_UNIX, sun_path=\"sock\"}", PATH_OFF + 5, &ss);
	is_int(sun->sun_family, AF_UNIX, "sun_family");
	ok(memcmp(sun->sun_path, "sock", 5) == 0, "path bytes with the terminating NUL");

	round_trip("{sa_family=AF_UNIX, sun_path=\"/tmp/dir/x.sock\"}", PATH_OFF + 16, &ss);

	round_trip("{sa_family=AF_UNIX, sun_path=@\"sockspec\"}", PATH_OFF + 9, &ss);
	ok(sun->sun_path[0] == 0 && memcmp(sun->sun_path + 1, "sockspec", 8) == 0,
	   "abstract: a leading NUL, the name, no terminator counted");

	round_trip("{sa_family=AF_UNIX, sun_path=@\"a\\0b\\n\\xff\"}", PATH_OFF + 6, &ss);
	ok(memcmp(sun->sun_path, "\0a\0b\n\xff", 6) == 0, "abstract name with a NUL, \\n and \\xff");

	round_trip("{sa_family=AF_UNIX, sun_path=@\"\"}", PATH_OFF + 1, &ss);

	round_trip("{sa_family=AF_UNIX}", PATH_OFF, &ss);
	is_int(ss.ss_family, AF_UNIX, "unnamed: only the family, length 2");

	/* 108 bytes: no room for a NUL, passed without one (length 110) */
	char text[400];
	char path[200];
	memset(path, 'a', 108);
	path[108] = 0;
	snprintf(text, sizeof(text), "{sa_family=AF_UNIX, sun_path=\"%s\"}", path);
	struct node *n = parse_addr("{sa_family=AF_UNIX, sun_path=\"a\" * 108}");
	socklen_t len = 0;
	char *err = NULL;
	ok(n && addr_encode(&x, n, &ss, &len, &err) == 0, "a 108-byte path encodes");
	is_int(len, 110, "a 108-byte path has length 110");
	ok(memchr(sun->sun_path, 0, 108) == NULL, "and no NUL inside sun_path");
	char *back = decode_print(&ss, len);
	is_str(back, text, "and decodes to the 108 bytes");
	free(back);
	node_free(n);

	n = parse_addr("{sa_family=AF_UNIX, sun_path=\"a\" * 107}");
	ok(n && addr_encode(&x, n, &ss, &len, &err) == 0, "a 107-byte path encodes");
	is_int(len, 110, "a 107-byte path has length 110 (with its NUL)");
	is_int(sun->sun_path[107], 0, "the NUL is the last byte of sun_path");
	node_free(n);

	n = parse_addr("{sa_family=AF_UNIX, sun_path=\"a\" * 109}");
	ok(n && addr_encode(&x, n, &ss, &len, &err) == 0, "a 109-byte path still encodes");
	is_int(len, 111, "as is, length 111, so the kernel's own limit shows");
	node_free(n);

	/* what the kernel hands back: the path, a NUL, maybe padding */
	memset(&ss, 0, sizeof(ss));
	sun->sun_family = AF_UNIX;
	strcpy(sun->sun_path, "x");
	back = decode_print(&ss, sizeof(struct sockaddr_un));
	is_str(back, "{sa_family=AF_UNIX, sun_path=\"x\"}", "decode stops at the NUL");
	free(back);
	back = decode_print(&ss, PATH_OFF + 1);
	is_str(back, "{sa_family=AF_UNIX, sun_path=\"x\"}", "decode without the NUL in the length");
	free(back);
	back = decode_print(&ss, 0);
	is_str(back, "{}", "length 0 decodes to {}");
	free(back);
	back = decode_print(&ss, 1);
	is_str(back, "{}", "length 1 decodes to {}");
	free(back);

	/* a captured abstract name used as input stays abstract */
	struct node *name = node_str("xyz", 3);
	name->abstract = true;
	struct var v = { .name = (char *)"name", .val = name };
	struct scope xv = { .vars = &v, .nvars = 1 };
	/* built by hand: see test_parser.c for how the parser reads $name */
	n = node_new(N_STRUCT);
	node_field(n, "sa_family", node_sym("AF_UNIX", AF_UNIX));
	struct node *ref = node_new(N_VAR);
	ref->name = xstrdup("name");
	node_field(n, "sun_path", ref);
	memset(&ss, 0xee, sizeof(ss));
	int rc = addr_encode(&xv, n, &ss, &len, &err);
	is_int(rc, 0, "sun_path=$name encodes");
	ok(rc == 0 && len == PATH_OFF + 4 && sun->sun_path[0] == 0 &&
	   memcmp(sun->sun_path + 1, "xyz", 3) == 0,
	   "sun_path=$name with $name = @\"xyz\" encodes the abstract name (length %u, first byte %d)",
	   (unsigned)len, sun->sun_path[0]);
	node_free(n);
	node_free(name);
	free(err);
}

static void test_inet(void)
{
	struct sockaddr_storage ss;
	struct sockaddr_in *sin = (struct sockaddr_in *)&ss;

	round_trip("{sa_family=AF_INET, sin_port=htons(80), sin_addr=inet_addr(\"127.0.0.1\")}",
		   sizeof(struct sockaddr_in), &ss);
	is_int(sin->sin_port, htons(80), "port in network order");
	is_int(sin->sin_addr.s_addr, htonl(INADDR_LOOPBACK), "address in network order");

	round_trip("{sa_family=AF_INET, sin_port=htons(65535), sin_addr=inet_addr(\"255.255.255.255\")}",
		   sizeof(struct sockaddr_in), &ss);

	struct node *n = parse_addr("{sa_family=AF_INET, sin_port=htons(8080), "
				    "sin_addr=htonl(INADDR_LOOPBACK)}");
	socklen_t len;
	char *err = NULL;
	ok(n && addr_encode(&x, n, &ss, &len, &err) == 0, "sin_addr=htonl(INADDR_LOOPBACK) encodes");
	char *back = decode_print(&ss, len);
	is_str(back, "{sa_family=AF_INET, sin_port=htons(8080), sin_addr=inet_addr(\"127.0.0.1\")}",
	       "and decodes to inet_addr(\"127.0.0.1\")");
	free(back);
	node_free(n);

	n = parse_addr("{sa_family=AF_INET}");
	ok(n && addr_encode(&x, n, &ss, &len, &err) == 0, "fields left out are zero");
	is_int(len, sizeof(struct sockaddr_in), "length 16");
	back = decode_print(&ss, len);
	is_str(back, "{sa_family=AF_INET, sin_port=htons(0), sin_addr=inet_addr(\"0.0.0.0\")}",
	       "decodes with zero port and address");
	free(back);
	node_free(n);

	back = decode_print(&ss, 8);
	is_str(back, "{sa_family=AF_INET}", "a short AF_INET address prints only its family");
	free(back);

	n = parse_addr("{sa_family=AF_INET, sin_port=htons(70000)}");
	err = NULL;
	ok(n && addr_encode(&x, n, &ss, &len, &err) == -1, "htons(70000) does not encode");
	is_str(err, "5:31: htons() takes 0..65535", "error names the line:col of the field");
	free(err);
	node_free(n);

	n = parse_addr("{sa_family=AF_INET, sin_addr=inet_addr(\"1.2.3\")}");
	err = NULL;
	ok(n && addr_encode(&x, n, &ss, &len, &err) == -1, "inet_addr(\"1.2.3\") does not encode");
	ok(err && strstr(err, "5:") == err, "error with a line:col: %s", err ? err : "(null)");
	free(err);
	node_free(n);
}

static void test_inet6(void)
{
	struct sockaddr_storage ss;
	struct sockaddr_in6 *s6 = (struct sockaddr_in6 *)&ss;
	static const char lo6[] = "{sa_family=AF_INET6, sin6_port=htons(80), sin6_flowinfo=htonl(0), "
				  "inet_pton(AF_INET6, \"::1\", &sin6_addr), sin6_scope_id=0}";

	round_trip(lo6, sizeof(struct sockaddr_in6), &ss);
	is_int(s6->sin6_port, htons(80), "sin6_port in network order");
	ok(IN6_IS_ADDR_LOOPBACK(&s6->sin6_addr), "sin6_addr is ::1");

	/* the kernel's ::1 port 80, printed: exactly strace's notation */
	memset(&ss, 0, sizeof(ss));
	s6->sin6_family = AF_INET6;
	s6->sin6_port = htons(80);
	s6->sin6_addr = in6addr_loopback;
	char *back = decode_print(&ss, sizeof(*s6));
	is_str(back, lo6, "decoded ::1 port 80 prints as strace does");
	free(back);

	round_trip("{sa_family=AF_INET6, sin6_port=htons(443), sin6_flowinfo=htonl(74565), "
		   "inet_pton(AF_INET6, \"fe80::1\", &sin6_addr), sin6_scope_id=1}",
		   sizeof(struct sockaddr_in6), &ss);
	is_int(s6->sin6_flowinfo, htonl(74565), "flowinfo in network order");
	is_int(s6->sin6_scope_id, 1, "scope id in host order");

	round_trip("{sa_family=AF_INET6, sin6_port=htons(0), sin6_flowinfo=htonl(0), "
		   "inet_pton(AF_INET6, \"::ffff:127.0.0.1\", &sin6_addr), sin6_scope_id=0}",
		   sizeof(struct sockaddr_in6), &ss);

	struct node *n = parse_addr("{sa_family=AF_INET6}");
	socklen_t len;
	char *err = NULL;
	ok(n && addr_encode(&x, n, &ss, &len, &err) == 0, "{sa_family=AF_INET6} encodes");
	back = decode_print(&ss, len);
	is_str(back, "{sa_family=AF_INET6, sin6_port=htons(0), sin6_flowinfo=htonl(0), "
		     "inet_pton(AF_INET6, \"::\", &sin6_addr), sin6_scope_id=0}",
	       "to the unspecified address");
	free(back);
	node_free(n);

	n = parse_addr("{sa_family=AF_INET6, sin6_addr=inet_addr(\"1.2.3.4\")}");
	err = NULL;
	ok(n && addr_encode(&x, n, &ss, &len, &err) == -1, "an IPv4 sin6_addr does not encode");
	is_str(err, "5:32: sin6_addr needs an IPv6 address", "error text, at the field");
	free(err);
	node_free(n);

	back = decode_print(&ss, 24);
	is_str(back, "{sa_family=AF_INET6}", "a short AF_INET6 address prints only its family");
	free(back);
}

static void test_generic(void)
{
	struct sockaddr_storage ss;
	socklen_t len;
	char *err = NULL;
	/* AppleTalk: a family with a name and no codec (CAN has one, family_find(AF_CAN)->addr->c) */
	const char *atalk = consts_name(AF_APPLETALK, "AF_");
	is_str(atalk, "AF_APPLETALK", "AF_APPLETALK has a name of its own");

	round_trip("{sa_family=AF_APPLETALK, sa_data=\"\\x01\\x02\"}", 4, &ss);
	round_trip("{sa_family=AF_APPLETALK}", 2, &ss);

	memset(&ss, 0, sizeof(ss));
	ss.ss_family = 250;
	((unsigned char *)&ss)[2] = 'h';
	((unsigned char *)&ss)[3] = 'i';
	char *back = decode_print(&ss, 4);
	is_str(back, "{sa_family=250, sa_data=\"hi\"}", "a family without a name prints as a number");
	free(back);
	back = decode_print(&ss, 2);
	is_str(back, "{sa_family=250}", "and without data");
	free(back);

	struct node *st = node_new(N_STRUCT);
	node_field(st, "sa_family", node_sym("AF_APPLETALK", AF_APPLETALK));
	struct node *f = node_field(st, "sat_port", node_int(1));
	f->line = 7;
	f->col = 24;
	ok(addr_encode(&x, st, &ss, &len, &err) == -1, "a field the generic form does not know");
	is_str(err, "7:24: 'sat_port' is not a field of this address family", "is named");
	free(err);
	node_free(st);
}

static void test_errors(void)
{
	struct sockaddr_storage ss;
	socklen_t len = 99;
	char *err = NULL;

	struct node *null = node_new(N_NULL);
	is_int(addr_encode(&x, null, &ss, &len, &err), 0, "NULL encodes");
	is_int(len, 0, "to length 0");
	node_free(null);

	/* built by hand: the parser now rejects these before they run */
	struct node *st = node_new(N_STRUCT);
	node_field(st, "sa_family", node_sym("AF_INET", AF_INET));
	struct node *f = node_field(st, "sin_prot", node_call("htons", node_int(80)));
	f->line = 5;
	f->col = 31;
	ok(addr_encode(&x, st, &ss, &len, &err) == -1, "an unknown AF_INET field");
	is_str(err, "5:31: 'sin_prot' is not a field of this address family", "error text");
	free(err);
	err = NULL;
	node_free(st);

	st = node_new(N_STRUCT);
	node_field(st, "sa_family", node_sym("AF_UNIX", AF_UNIX));
	f = node_field(st, "sin_port", node_int(1));
	f->line = 3;
	f->col = 9;
	ok(addr_encode(&x, st, &ss, &len, &err) == -1, "an AF_INET field in an AF_UNIX address");
	is_str(err, "3:9: 'sin_port' is not a field of this address family", "error text");
	free(err);
	err = NULL;
	node_free(st);

	st = node_new(N_STRUCT);
	node_field(st, "sa_family", node_sym("AF_INET6", AF_INET6));
	f = node_field(st, "sin6_addrr", node_int(0));
	f->line = 2;
	f->col = 4;
	ok(addr_encode(&x, st, &ss, &len, &err) == -1, "an unknown AF_INET6 field");
	is_str(err, "2:4: 'sin6_addrr' is not a field of this address family", "error text");
	free(err);
	err = NULL;
	node_free(st);

	st = node_new(N_STRUCT);
	st->line = 4;
	st->col = 11;
	node_field(st, "sun_path", node_str("x", 1));
	ok(addr_encode(&x, st, &ss, &len, &err) == -1, "an address without sa_family");
	ok(err && strstr(err, "sa_family"), "the error says sa_family is needed: %s",
	   err ? err : "(null)");
	free(err);
	err = NULL;
	node_free(st);

	struct node *var = node_new(N_VAR);
	var->name = xstrdup("peer");
	var->line = 6;
	var->col = 13;
	ok(addr_encode(&x, var, &ss, &len, &err) == -1, "an unbound $variable");
	is_str(err, "6:13: $peer is used before a step captured it", "error text");
	free(err);
	node_free(var);

	/* the parser's check of the same mistakes, at the field's column */
	char *e = parse_error("{sa_family=AF_INET, sin_prot=htons(80)}");
	is_str(e, "x.case:5:31: error: sin_prot is not a field of AF_INET addresses "
		  "(fields: sin_port, sin_addr)", "parse-time: unknown AF_INET field, at its key");
	free(e);
	e = parse_error("{sa_family=AF_UNIX, sun_pth=\"x\"}");
	is_str(e, "x.case:5:31: error: sun_pth is not a field of AF_UNIX addresses "
		  "(fields: sun_path)", "parse-time: unknown AF_UNIX field");
	free(e);
	e = parse_error("{sun_path=\"x\"}");
	ok(e && strncmp(e, "x.case:5:11: error: ", 20) == 0 && strstr(e, "sa_family"),
	   "parse-time: an address without sa_family, at its brace: %s", e ? e : "(null)");
	free(e);
}

int main(void)
{
	test_unix();
	test_inet();
	test_inet6();
	test_generic();
	test_errors();
	return tap_done();
}
