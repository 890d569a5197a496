// SPDX-License-Identifier: MIT
/*
 * Name service and address conversion: the libc side of socket.rst
 * (getaddrinfo, gethostbyname, inet_pton, if_nametoindex, htons...).
 *
 * These are library calls, not system calls, so the notation is ltrace's
 * with strace's habit of showing what a call wrote in the position of the
 * pointer it wrote through.  Every struct and string libc returns is an
 * out-parameter (a pattern); the return value is always an integer:
 *
 *   getaddrinfo(NODE, SERVICE, HINTS, RESULT) = 0 | EAI_*
 *       NODE, SERVICE: "string" or NULL.  HINTS: NULL or
 *       {ai_flags=AI_PASSIVE|..., ai_family=AF_INET, ai_socktype=SOCK_STREAM,
 *        ai_protocol=0} (fields left out are 0).
 *       RESULT: the ai_next chain as a list, in libc's order, one struct per
 *       entry with all of
 *       {ai_flags=..., ai_family=AF_INET6, ai_socktype=SOCK_DGRAM,
 *        ai_protocol=IPPROTO_UDP, ai_addrlen=28,
 *        ai_addr={sa_family=AF_INET6, sin6_port=htons(53), ...},
 *        ai_canonname=NULL}
 *       (end a struct with ... to leave fields out; a list is compared
 *       element by element and must have the same length).  Only compared
 *       when the call returns 0.
 *   getnameinfo(ADDR, FLAGS, HOST, SERV[, ADDRLEN]) = 0 | EAI_*
 *       ADDR is a socket address as for bind(); HOST and SERV are the
 *       strings libc wrote (NI_MAXHOST/NI_MAXSERV buffers), or NULL to pass
 *       no buffer for that half.
 *   gethostbyname(NAME, HOSTENT) = H_ERRNO
 *   gethostbyaddr(ADDR, TYPE, HOSTENT[, LEN]) = H_ERRNO
 *       ADDR: bytes, e.g. inet_addr("192.0.2.1") or inet_pton(AF_INET6,
 *       "::1", &in6_addr); LEN defaults to their length.
 *       HOSTENT: {h_name="...", h_aliases=["..."], h_addrtype=AF_INET,
 *       h_length=4, h_addr_list=[inet_addr("...")]} or NULL when libc
 *       returned NULL (addresses in h_addr_list are written with
 *       inet_addr()/inet_pton(), as decoded; a byte string never matches
 *       there).  These functions report failure through h_errno, not
 *       errno, so the return value is h_errno: 0 on success,
 *       HOST_NOT_FOUND (1), TRY_AGAIN (2), NO_RECOVERY (3), NO_DATA (4); for
 *       NETDB_INTERNAL (-1) errno tells why, written "= -1 EINVAL".
 *   getservbyname(NAME, PROTO, SERVENT) = 0
 *   getservbyport(PORT, PROTO, SERVENT) = 0
 *       PROTO: "tcp", "udp" or NULL (any); PORT in network order: htons(80).
 *       SERVENT: {s_name="http", s_aliases=["www"], s_port=htons(80),
 *       s_proto="tcp"} or NULL.  glibc sets neither errno nor h_errno
 *       when nothing matches, so the return value is always 0 and a miss
 *       shows as NULL.
 *   getprotobyname(NAME, PROTOENT) = 0
 *       PROTOENT: {p_name="tcp", p_aliases=["TCP"], p_proto=IPPROTO_TCP} or
 *       NULL, as above.
 *   gethostname(NAME[, LEN]) = 0 | -1 ERRNO
 *       NAME: what libc stored (up to the NUL, or LEN bytes when it
 *       truncated); LEN defaults to a buffer of 256.
 *   sethostname(NAME[, LEN]) = 0 | -1 ERRNO
 *       Only in a case that declares "namespace uts", so that a case can
 *       never rename the machine the suite runs on.
 *   if_nametoindex(NAME) = INDEX | -1 ERRNO    (libc's 0 is shown as -1)
 *   if_indextoname(INDEX, NAME) = 0 | -1 ERRNO (NULL is shown as -1)
 *   if_nameindex(LIST) = 0 | -1 ERRNO
 *       LIST: [{if_index=1, if_name="lo"}, ...]
 */
#define _GNU_SOURCE
#include "core/callspec.h"
#include "core/registry.h"
#include "family/inet/netdb.h"
#include "sock/addr.h"
#include "lang/case.h"
#include "lang/consts.h"
#include "exec/interp.h"
#include "lang/match.h"
#include "util/util.h"

#include <arpa/inet.h>
#include <errno.h>
#include <net/if.h>
#include <netdb.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* ---- getaddrinfo, getnameinfo ---- */

static void hints_encode(struct exec *x, const struct node *n, struct addrinfo *h,
			 struct outcome *o)
{
	static const char *const known[] = { "ai_flags", "ai_family", "ai_socktype",
					     "ai_protocol", NULL };
	int *const slot[] = { &h->ai_flags, &h->ai_family, &h->ai_socktype, &h->ai_protocol };
	memset(h, 0, sizeof(*h));
	if (n->kind != N_STRUCT) {
		step_error(o, n, "hints are NULL or {ai_flags=..., ai_family=..., ...}");
		return;
	}
	if (!netdb_fields_known(n, known, o))
		return;
	for (size_t i = 0; i < ARRAY_SIZE(slot); i++) {
		const struct node *f = node_get_field(n, known[i]);
		long long v = 0;
		char *err = NULL;
		if (f && eval_int(&x->sc, f, &v, &err)) {
			step_error(o, NULL, "%s", err);
			free(err);
			return;
		}
		*slot[i] = (int)v;
	}
}

static struct node *ai_decode(const struct addrinfo *ai)
{
	struct node *st = node_new(N_STRUCT);
	node_field(st, "ai_flags", netdb_flags_node(ai->ai_flags, "AI_"));
	node_field(st, "ai_family", netdb_sym_or_int(ai->ai_family, "AF_"));
	node_field(st, "ai_socktype", netdb_sym_or_int(ai->ai_socktype, "SOCK_"));
	node_field(st, "ai_protocol", netdb_sym_or_int(ai->ai_protocol, "IPPROTO_"));
	node_field(st, "ai_addrlen", node_int(ai->ai_addrlen));
	struct node *addr = node_new(N_NULL);
	if (ai->ai_addr && ai->ai_addrlen <= sizeof(struct sockaddr_storage)) {
		struct sockaddr_storage ss;
		memset(&ss, 0, sizeof(ss));
		memcpy(&ss, ai->ai_addr, ai->ai_addrlen);
		node_free(addr);
		addr = addr_decode(&ss, ai->ai_addrlen);
	}
	node_field(st, "ai_addr", addr);
	node_field(st, "ai_canonname", netdb_str_or_null(ai->ai_canonname));
	return st;
}

static void run_getaddrinfo(struct exec *x, const struct step *st, struct outcome *o)
{
	const char *host = netdb_arg_cstr(x, st, 0, true, o);
	const char *serv = netdb_arg_cstr(x, st, 1, true, o);
	struct addrinfo hints, *res = NULL;
	bool no_hints = netdb_arg_null(x, st, 2);
	if (!o->error && !no_hints)
		hints_encode(x, netdb_arg_node(x, st, 2), &hints, o);
	if (o->error)
		return;
	TIMED(o, getaddrinfo(host, serv, no_hints ? NULL : &hints, &res));
	/* EAI_BADFLAGS is -1 too: errno only means something with EAI_SYSTEM */
	if (o->ret != EAI_SYSTEM)
		o->err = 0;
	if (o->ret != 0)
		return;
	struct node *l = node_new(N_LIST);
	for (const struct addrinfo *ai = res; ai; ai = ai->ai_next)
		node_push(l, ai_decode(ai));
	freeaddrinfo(res);
	o->actual[3] = l;
}

static void run_getnameinfo(struct exec *x, const struct step *st, struct outcome *o)
{
	struct sockaddr_storage ss;
	socklen_t len;
	if (arg_addr(x, st, 0, &ss, &len, o))
		return;
	long long flags = arg_int(x, st, 1, o);
	len = (socklen_t)netdb_arg_opt(x, st, 4, len, 0, sizeof(ss), o);
	if (o->error)
		return;
	char host[NI_MAXHOST] = "", serv[NI_MAXSERV] = "";
	bool want_host = !netdb_arg_null(x, st, 2), want_serv = !netdb_arg_null(x, st, 3);
	TIMED(o, getnameinfo((struct sockaddr *)&ss, len, want_host ? host : NULL,
			     want_host ? sizeof(host) : 0, want_serv ? serv : NULL,
			     want_serv ? sizeof(serv) : 0, (int)flags));
	if (o->ret != EAI_SYSTEM)
		o->err = 0;
	if (o->ret != 0)
		return;
	if (want_host)
		o->actual[2] = node_str(host, strlen(host));
	if (want_serv)
		o->actual[3] = node_str(serv, strlen(serv));
}

/* ---- hostent, servent, protoent ---- */

static struct node *hostent_decode(struct exec *x, const struct hostent *h)
{
	struct node *st = node_new(N_STRUCT);
	node_field(st, "h_name", netdb_str_or_null(h->h_name));
	node_field(st, "h_aliases", netdb_str_list(h->h_aliases));
	node_field(st, "h_addrtype", netdb_sym_or_int(h->h_addrtype, "AF_"));
	node_field(st, "h_length", node_int(h->h_length));
	struct node *l = node_new(N_LIST);
	for (size_t i = 0; h->h_addr_list && h->h_addr_list[i]; i++)
		node_push(l, netdb_ip_node(x, h->h_addrtype, h->h_addr_list[i], (size_t)h->h_length,
				     NULL));
	node_field(st, "h_addr_list", l);
	return st;
}

/*
 * The result of gethostbyname/gethostbyaddr, whose return value is h_errno:
 * TIMED kept errno only for NETDB_INTERNAL (-1), the one h_errno that
 * says "see errno".
 */
static void hostent_out(struct exec *x, struct outcome *o, int i, const struct hostent *h)
{
	o->actual[i] = h ? hostent_decode(x, h) : node_new(N_NULL);
}

static void run_gethostbyname(struct exec *x, const struct step *st, struct outcome *o)
{
	const char *name = netdb_arg_cstr(x, st, 0, false, o);
	if (!name || o->error)
		return;
	struct hostent *h;
	h_errno = 0;
	TIMED(o, (h = gethostbyname(name)) ? 0 : h_errno);
	hostent_out(x, o, 1, h);
}

static void run_gethostbyaddr(struct exec *x, const struct step *st, struct outcome *o)
{
	unsigned char addr[64];
	size_t n = netdb_arg_bytes(x, st, 0, addr, sizeof(addr), o);
	long long type = arg_int(x, st, 1, o);
	long long len = netdb_arg_opt(x, st, 3, (long long)n, 0, (long long)n, o);
	if (o->error)
		return;
	struct hostent *h;
	h_errno = 0;
	TIMED(o, (h = gethostbyaddr(addr, (socklen_t)len, (int)type)) ? 0 : h_errno);
	hostent_out(x, o, 2, h);
}

static struct node *servent_decode(const struct servent *s)
{
	struct node *st = node_new(N_STRUCT);
	node_field(st, "s_name", netdb_str_or_null(s->s_name));
	node_field(st, "s_aliases", netdb_str_list(s->s_aliases));
	node_field(st, "s_port", node_call("htons", node_int(ntohs((uint16_t)s->s_port))));
	node_field(st, "s_proto", netdb_str_or_null(s->s_proto));
	return st;
}

static void servent_out(struct outcome *o, int i, const struct servent *s)
{
	o->actual[i] = s ? servent_decode(s) : node_new(N_NULL);
}

static void run_getservbyname(struct exec *x, const struct step *st, struct outcome *o)
{
	const char *name = netdb_arg_cstr(x, st, 0, false, o);
	const char *proto = netdb_arg_cstr(x, st, 1, true, o);
	if (!name || o->error)
		return;
	struct servent *s;
	TIMED(o, (s = getservbyname(name, proto), 0));
	servent_out(o, 2, s);
}

static void run_getservbyport(struct exec *x, const struct step *st, struct outcome *o)
{
	long long port = arg_int(x, st, 0, o);
	const char *proto = netdb_arg_cstr(x, st, 1, true, o);
	if (o->error)
		return;
	struct servent *s;
	TIMED(o, (s = getservbyport((int)port, proto), 0));
	servent_out(o, 2, s);
}

static void run_getprotobyname(struct exec *x, const struct step *st, struct outcome *o)
{
	const char *name = netdb_arg_cstr(x, st, 0, false, o);
	if (!name || o->error)
		return;
	struct protoent *p;
	TIMED(o, (p = getprotobyname(name), 0));
	if (!p) {
		o->actual[1] = node_new(N_NULL);
		return;
	}
	struct node *n = node_new(N_STRUCT);
	node_field(n, "p_name", netdb_str_or_null(p->p_name));
	node_field(n, "p_aliases", netdb_str_list(p->p_aliases));
	node_field(n, "p_proto", netdb_sym_or_int(p->p_proto, "IPPROTO_"));
	o->actual[1] = n;
}

/* ---- host name ---- */

static void run_gethostname(struct exec *x, const struct step *st, struct outcome *o)
{
	char buf[256];
	long long len = netdb_arg_opt(x, st, 1, sizeof(buf), 0, sizeof(buf), o);
	if (o->error)
		return;
	memset(buf, 0, sizeof(buf));
	TIMED(o, gethostname(buf, (size_t)len));
	if (o->ret == 0)
		o->actual[0] = node_str(buf, strnlen(buf, (size_t)len));
}

static void run_sethostname(struct exec *x, const struct step *st, struct outcome *o)
{
	/* as root outside a UTS namespace this would rename the host */
	if (!x->tc->ns_uts) {
		step_error(o, st->call_node, "sethostname() runs only in a case that declares "
			   "'namespace uts'");
		return;
	}
	const char *name = netdb_arg_cstr(x, st, 0, false, o);
	if (!name || o->error)
		return;
	size_t have = netdb_arg_node(x, st, 0)->len;
	long long len = netdb_arg_opt(x, st, 1, (long long)have, 0, (long long)have, o);
	if (!o->error)
		TIMED(o, sethostname(name, (size_t)len));
}

/* ---- interfaces ---- */

static void run_if_nametoindex(struct exec *x, const struct step *st, struct outcome *o)
{
	const char *name = netdb_arg_cstr(x, st, 0, false, o);
	if (!name || o->error)
		return;
	unsigned idx;
	/* libc says "no such interface" with 0; show it as -1 so errno prints */
	TIMED(o, (idx = if_nametoindex(name)) ? (long long)idx : -1);
}

static void run_if_indextoname(struct exec *x, const struct step *st, struct outcome *o)
{
	long long idx = arg_int(x, st, 0, o);
	if (o->error)
		return;
	char buf[IF_NAMESIZE + 1];
	memset(buf, 0, sizeof(buf));
	TIMED(o, if_indextoname((unsigned)idx, buf) ? 0 : -1);
	if (o->ret == 0)
		o->actual[1] = node_str(buf, strnlen(buf, IF_NAMESIZE));
}

static void run_if_nameindex(struct exec *x, const struct step *st, struct outcome *o)
{
	(void)x;
	(void)st;
	struct if_nameindex *ni;
	TIMED(o, (ni = if_nameindex()) ? 0 : -1);
	if (!ni)
		return;
	struct node *l = node_new(N_LIST);
	for (const struct if_nameindex *p = ni; p->if_index; p++) {
		struct node *e = node_new(N_STRUCT);
		node_field(e, "if_index", node_int(p->if_index));
		node_field(e, "if_name", netdb_str_or_null(p->if_name));
		node_push(l, e);
	}
	if_freenameindex(ni);
	o->actual[0] = l;
}

#define I A_INT
#define V A_VAL
#define P A_PAT
static const struct call_spec netdb_calls[] = {
	{ "getaddrinfo", 4, 4, { V, V, V, P }, false, run_getaddrinfo },
	{ "gethostbyaddr", 3, 4, { V, I, P, I }, false, run_gethostbyaddr },
	{ "gethostbyname", 2, 2, { V, P }, false, run_gethostbyname },
	{ "gethostname", 1, 2, { P, I }, false, run_gethostname },
	{ "getnameinfo", 4, 5, { A_ADDR, I, P, P, I }, false, run_getnameinfo },
	{ "getprotobyname", 2, 2, { V, P }, false, run_getprotobyname },
	{ "getservbyname", 3, 3, { V, V, P }, false, run_getservbyname },
	{ "getservbyport", 3, 3, { I, V, P }, false, run_getservbyport },
	{ "if_indextoname", 2, 2, { I, P }, false, run_if_indextoname },
	{ "if_nameindex", 1, 1, { P }, false, run_if_nameindex },
	{ "if_nametoindex", 1, 1, { V }, false, run_if_nametoindex },
	{ "sethostname", 1, 2, { V, I }, false, run_sethostname },
};
#undef I
#undef V
#undef P

static const struct call_table netdb_calls_table = { netdb_calls, ARRAY_SIZE(netdb_calls) };
SOCKSPEC_REGISTER(calls, struct call_table, netdb_calls_table);
