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
 *   inet_aton(STRING, ADDR) = 1 | 0
 *   inet_pton(AF, STRING, ADDR) = 1 | 0 | -1 EAFNOSUPPORT
 *       ADDR: the bytes stored, written as a string ("\x7f\x00\x00\x01",
 *       which does not use libc to state the expectation) or as
 *       inet_addr("...")/inet_pton(AF_INET6, "...", &in6_addr).  Compared
 *       only when the call returns 1.
 *   inet_ntoa(ADDR, STRING) = 0
 *       ADDR: 4 bytes ("\xc0\x00\x02\x01", inet_addr("...")) or an integer
 *       in network order (htonl(INADDR_LOOPBACK)).
 *   inet_ntop(AF, BYTES, STRING[, SIZE]) = 0 | -1 ERRNO
 *       BYTES: exactly 4 (AF_INET) or 16 (AF_INET6) bytes; SIZE is the
 *       destination size (default 64).  NULL is shown as -1.
 *   htons(VALUE[, BYTES]) = RESULT, also htonl, ntohs, ntohl
 *       VALUE: an integer of the width, or the bytes as they travel on the
 *       network ("\x12\x34" for ntohs).  BYTES: how the result lies in
 *       memory, which is what "network byte order" promises whatever the
 *       host's own order, so cases stay portable across endianness.
 */
#define _GNU_SOURCE
#include "core/callspec.h"
#include "core/registry.h"
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

/* ---- arguments ---- */

static const struct node *arg_node(struct exec *x, const struct step *st, int i)
{
	const struct node *n = st->call_node->kids[i];
	if (n->kind == N_VAR) {
		const struct node *b = var_get(&x->sc, n->name);
		return b ? b : n;
	}
	return n;
}

static bool arg_null(struct exec *x, const struct step *st, int i)
{
	return !arg_present(st, i) || arg_node(x, st, i)->kind == N_NULL;
}

/*
 * A string argument, NUL-terminated.  NULL when the case wrote NULL and
 * MAY_NULL, else only with o->error set.
 */
static const char *arg_cstr(struct exec *x, const struct step *st, int i, bool may_null,
			    struct outcome *o)
{
	if (o->error)
		return NULL;
	const struct node *n = arg_node(x, st, i);
	if (n->kind == N_NULL && may_null)
		return NULL;
	if (n->kind == N_VAR) {
		step_error(o, n, "$%s is used before a step captured it", n->name);
		return NULL;
	}
	if (n->kind != N_STR || n->abstract) {
		step_error(o, st->call_node->kids[i], may_null ? "expected a string or NULL here"
							       : "expected a string here");
		return NULL;
	}
	return (const char *)n->bytes;
}

/* Bytes of argument I (a string, inet_addr(), inet_pton()) into OUT. */
static size_t arg_bytes(struct exec *x, const struct step *st, int i, unsigned char *out,
			size_t cap, struct outcome *o)
{
	size_t len = 0;
	char *err = NULL;
	if (o->error)
		return 0;
	if (eval_bytes(&x->sc, st->call_node->kids[i], out, cap, &len, &err)) {
		step_error(o, NULL, "%s", err);
		free(err);
	}
	return len;
}

/* Optional integer argument I, between LO and HI, else DEF. */
static long long arg_opt(struct exec *x, const struct step *st, int i, long long def,
			 long long lo, long long hi, struct outcome *o)
{
	if (!arg_present(st, i))
		return def;
	long long v = arg_int(x, st, i, o);
	if (!o->error && (v < lo || v > hi))
		step_error(o, st->call_node->kids[i], "expected %lld to %lld here", lo, hi);
	return v;
}

/*
 * A value struct such as getaddrinfo's hints: reject fields outside KNOWN,
 * so a misspelt field cannot silently pass as 0.
 */
static bool fields_known(const struct node *n, const char *const *known, struct outcome *o)
{
	for (size_t i = 0; i < n->nkids; i++) {
		const struct node *e = n->kids[i];
		bool found = false;
		for (size_t j = 0; e->key && known[j]; j++)
			found |= !strcmp(e->key, known[j]);
		if (!found) {
			step_error(o, e, "'%s' is not a field here", e->key ? e->key : "this value");
			return false;
		}
	}
	return true;
}

/* ---- decoded values ---- */

static struct node *str_or_null(const char *s)
{
	return s ? node_str(s, strlen(s)) : node_new(N_NULL);
}

static struct node *str_list(char *const *v)
{
	struct node *l = node_new(N_LIST);
	for (size_t i = 0; v && v[i]; i++)
		node_push(l, node_str(v[i], strlen(v[i])));
	return l;
}

/* A constant by name (AF_INET, SOCK_DGRAM) when the headers have one; 0 stays 0. */
static struct node *sym_or_int(long long v, const char *prefix)
{
	const char *nm = v ? consts_name(v, prefix) : NULL;
	return nm ? node_sym(nm, v) : node_int(v);
}

/* Flags as AI_PASSIVE|AI_CANONNAME, any unnamed bits as a number. */
static struct node *flags_node(long long v, const char *prefix)
{
	struct node *or = node_new(N_OR);
	unsigned long long rest = (unsigned long long)v;
	for (int bit = 0; bit < 63 && rest; bit++) {
		const char *nm = consts_name(1LL << bit, prefix);
		if ((rest >> bit & 1) && nm) {
			node_push(or, node_sym(nm, 1LL << bit));
			rest &= ~(1ULL << bit);
		}
	}
	if (rest || !or->nkids)
		node_push(or, node_int((long long)rest));
	if (or->nkids > 1)
		return or;
	struct node *only = or->kids[0];
	or->nkids = 0;
	node_free(or);
	return only;
}

/*
 * An IPv4/IPv6 address libc stored, in the notation of HINT (the case's
 * pattern): raw bytes when the case wrote a string, so the expectation
 * does not come from the libc under test, else inet_addr()/inet_pton().
 */
static struct node *ip_node(struct exec *x, int af, const void *p, size_t len,
			    const struct node *hint)
{
	if (hint && hint->kind == N_VAR)
		hint = var_get(&x->sc, hint->name);
	char buf[INET6_ADDRSTRLEN];
	bool known = (af == AF_INET && len == 4) || (af == AF_INET6 && len == 16);
	if ((hint && hint->kind == N_STR) || !known || !inet_ntop(af, p, buf, sizeof(buf)))
		return node_str(p, len);
	if (af == AF_INET)
		return node_call("inet_addr", node_str(buf, strlen(buf)));
	struct node *c = node_call("inet_pton", node_sym("AF_INET6", AF_INET6));
	node_push(c, node_str(buf, strlen(buf)));
	struct node *ref = node_new(N_REF);
	ref->name = xstrdup("in6_addr");
	node_push(c, ref);
	return c;
}

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
	if (!fields_known(n, known, o))
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
	node_field(st, "ai_flags", flags_node(ai->ai_flags, "AI_"));
	node_field(st, "ai_family", sym_or_int(ai->ai_family, "AF_"));
	node_field(st, "ai_socktype", sym_or_int(ai->ai_socktype, "SOCK_"));
	node_field(st, "ai_protocol", sym_or_int(ai->ai_protocol, "IPPROTO_"));
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
	node_field(st, "ai_canonname", str_or_null(ai->ai_canonname));
	return st;
}

static void run_getaddrinfo(struct exec *x, const struct step *st, struct outcome *o)
{
	const char *host = arg_cstr(x, st, 0, true, o);
	const char *serv = arg_cstr(x, st, 1, true, o);
	struct addrinfo hints, *res = NULL;
	bool no_hints = arg_null(x, st, 2);
	if (!o->error && !no_hints)
		hints_encode(x, arg_node(x, st, 2), &hints, o);
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
	len = (socklen_t)arg_opt(x, st, 4, len, 0, sizeof(ss), o);
	if (o->error)
		return;
	char host[NI_MAXHOST] = "", serv[NI_MAXSERV] = "";
	bool want_host = !arg_null(x, st, 2), want_serv = !arg_null(x, st, 3);
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
	node_field(st, "h_name", str_or_null(h->h_name));
	node_field(st, "h_aliases", str_list(h->h_aliases));
	node_field(st, "h_addrtype", sym_or_int(h->h_addrtype, "AF_"));
	node_field(st, "h_length", node_int(h->h_length));
	struct node *l = node_new(N_LIST);
	for (size_t i = 0; h->h_addr_list && h->h_addr_list[i]; i++)
		node_push(l, ip_node(x, h->h_addrtype, h->h_addr_list[i], (size_t)h->h_length,
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
	const char *name = arg_cstr(x, st, 0, false, o);
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
	size_t n = arg_bytes(x, st, 0, addr, sizeof(addr), o);
	long long type = arg_int(x, st, 1, o);
	long long len = arg_opt(x, st, 3, (long long)n, 0, (long long)n, o);
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
	node_field(st, "s_name", str_or_null(s->s_name));
	node_field(st, "s_aliases", str_list(s->s_aliases));
	node_field(st, "s_port", node_call("htons", node_int(ntohs((uint16_t)s->s_port))));
	node_field(st, "s_proto", str_or_null(s->s_proto));
	return st;
}

static void servent_out(struct outcome *o, int i, const struct servent *s)
{
	o->actual[i] = s ? servent_decode(s) : node_new(N_NULL);
}

static void run_getservbyname(struct exec *x, const struct step *st, struct outcome *o)
{
	const char *name = arg_cstr(x, st, 0, false, o);
	const char *proto = arg_cstr(x, st, 1, true, o);
	if (!name || o->error)
		return;
	struct servent *s;
	TIMED(o, (s = getservbyname(name, proto), 0));
	servent_out(o, 2, s);
}

static void run_getservbyport(struct exec *x, const struct step *st, struct outcome *o)
{
	long long port = arg_int(x, st, 0, o);
	const char *proto = arg_cstr(x, st, 1, true, o);
	if (o->error)
		return;
	struct servent *s;
	TIMED(o, (s = getservbyport((int)port, proto), 0));
	servent_out(o, 2, s);
}

static void run_getprotobyname(struct exec *x, const struct step *st, struct outcome *o)
{
	const char *name = arg_cstr(x, st, 0, false, o);
	if (!name || o->error)
		return;
	struct protoent *p;
	TIMED(o, (p = getprotobyname(name), 0));
	if (!p) {
		o->actual[1] = node_new(N_NULL);
		return;
	}
	struct node *n = node_new(N_STRUCT);
	node_field(n, "p_name", str_or_null(p->p_name));
	node_field(n, "p_aliases", str_list(p->p_aliases));
	node_field(n, "p_proto", sym_or_int(p->p_proto, "IPPROTO_"));
	o->actual[1] = n;
}

/* ---- host name ---- */

static void run_gethostname(struct exec *x, const struct step *st, struct outcome *o)
{
	char buf[256];
	long long len = arg_opt(x, st, 1, sizeof(buf), 0, sizeof(buf), o);
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
	const char *name = arg_cstr(x, st, 0, false, o);
	if (!name || o->error)
		return;
	size_t have = arg_node(x, st, 0)->len;
	long long len = arg_opt(x, st, 1, (long long)have, 0, (long long)have, o);
	if (!o->error)
		TIMED(o, sethostname(name, (size_t)len));
}

/* ---- interfaces ---- */

static void run_if_nametoindex(struct exec *x, const struct step *st, struct outcome *o)
{
	const char *name = arg_cstr(x, st, 0, false, o);
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
		node_field(e, "if_name", str_or_null(p->if_name));
		node_push(l, e);
	}
	if_freenameindex(ni);
	o->actual[0] = l;
}

/* ---- address conversion ---- */

static void run_inet_aton(struct exec *x, const struct step *st, struct outcome *o)
{
	const char *s = arg_cstr(x, st, 0, false, o);
	if (!s || o->error)
		return;
	struct in_addr a = { 0 };
	TIMED(o, inet_aton(s, &a));
	if (o->ret == 1)
		o->actual[1] = ip_node(x, AF_INET, &a, sizeof(a), st->call_node->kids[1]);
}

static void run_inet_pton(struct exec *x, const struct step *st, struct outcome *o)
{
	long long af = arg_int(x, st, 0, o);
	const char *s = arg_cstr(x, st, 1, false, o);
	if (!s || o->error)
		return;
	unsigned char buf[sizeof(struct in6_addr)];
	memset(buf, 0, sizeof(buf));
	TIMED(o, inet_pton((int)af, s, buf));
	if (o->ret == 1)
		o->actual[2] = ip_node(x, (int)af, buf, af == AF_INET6 ? 16 : 4,
				       st->call_node->kids[2]);
}

/* inet_ntoa's in_addr: 4 bytes, or an integer already in network order. */
static struct in_addr arg_in_addr(struct exec *x, const struct step *st, int i,
				  struct outcome *o)
{
	struct in_addr a = { 0 };
	const struct node *n = st->call_node->kids[i];
	unsigned char b[16];
	size_t len = 0;
	long long v = -1;
	char *e1 = NULL, *e2 = NULL;
	if (eval_bytes(&x->sc, n, b, sizeof(b), &len, &e1) == 0) {
		if (len == 4)
			memcpy(&a, b, 4);
		else
			step_error(o, n, "expected 4 bytes here, %zu given", len);
	} else if (eval_int(&x->sc, n, &v, &e2) == 0 && v >= 0 && v <= UINT32_MAX) {
		a.s_addr = (in_addr_t)v;
	} else {
		step_error(o, n, "expected 4 bytes or a 32-bit integer here");
	}
	free(e1);
	free(e2);
	return a;
}

static void run_inet_ntoa(struct exec *x, const struct step *st, struct outcome *o)
{
	struct in_addr a = arg_in_addr(x, st, 0, o);
	if (o->error)
		return;
	const char *s;
	TIMED(o, (s = inet_ntoa(a)) ? 0 : -1);
	if (s)
		o->actual[1] = node_str(s, strlen(s));
}

static void run_inet_ntop(struct exec *x, const struct step *st, struct outcome *o)
{
	long long af = arg_int(x, st, 0, o);
	unsigned char src[16] = { 0 };
	size_t n = arg_bytes(x, st, 1, src, sizeof(src), o);
	char dst[64];
	long long size = arg_opt(x, st, 3, sizeof(dst), 0, sizeof(dst), o);
	if (o->error)
		return;
	/* libc reads a fixed length: anything else is a mistake in the case */
	size_t want = af == AF_INET ? 4 : af == AF_INET6 ? 16 : n;
	if (n != want) {
		step_error(o, st->call_node->kids[1], "inet_ntop reads %zu bytes for this family, "
			   "%zu given", want, n);
		return;
	}
	memset(dst, 0, sizeof(dst));
	TIMED(o, inet_ntop((int)af, src, dst, (socklen_t)size) ? 0 : -1);
	if (o->ret == 0)
		o->actual[2] = node_str(dst, strnlen(dst, sizeof(dst)));
}

/* ---- byte order ---- */

enum order_fn { HTONS, HTONL, NTOHS, NTOHL };

/* VALUE of htons() and friends: an integer of the width, or its bytes in memory. */
static long long order_arg(struct exec *x, const struct step *st, size_t width,
			   struct outcome *o)
{
	const struct node *n = arg_node(x, st, 0);
	if (n->kind == N_STR) {
		uint16_t s;
		uint32_t l;
		if (n->len != width) {
			step_error(o, st->call_node->kids[0], "expected %zu bytes here", width);
			return 0;
		}
		if (width == 2) {
			memcpy(&s, n->bytes, sizeof(s));
			return s;
		}
		memcpy(&l, n->bytes, sizeof(l));
		return l;
	}
	long long v = arg_int(x, st, 0, o);
	long long max = width == 2 ? UINT16_MAX : UINT32_MAX;
	if (!o->error && (v < 0 || v > max))
		step_error(o, st->call_node->kids[0], "expected 0 to %lld here", max);
	return v;
}

static void run_order(struct exec *x, const struct step *st, struct outcome *o,
		      enum order_fn fn)
{
	size_t width = fn == HTONS || fn == NTOHS ? 2 : 4;
	long long v = order_arg(x, st, width, o);
	if (o->error)
		return;
	uint16_t r16 = 0;
	uint32_t r32 = 0;
	switch (fn) {
	case HTONS: TIMED(o, r16 = htons((uint16_t)v)); break;
	case NTOHS: TIMED(o, r16 = ntohs((uint16_t)v)); break;
	case HTONL: TIMED(o, r32 = htonl((uint32_t)v)); break;
	case NTOHL: TIMED(o, r32 = ntohl((uint32_t)v)); break;
	}
	/* the result as it lies in memory: what "network order" is about */
	if (arg_present(st, 1))
		o->actual[1] = width == 2 ? node_str(&r16, 2) : node_str(&r32, 4);
}

static void run_htons(struct exec *x, const struct step *st, struct outcome *o)
{
	run_order(x, st, o, HTONS);
}

static void run_htonl(struct exec *x, const struct step *st, struct outcome *o)
{
	run_order(x, st, o, HTONL);
}

static void run_ntohs(struct exec *x, const struct step *st, struct outcome *o)
{
	run_order(x, st, o, NTOHS);
}

static void run_ntohl(struct exec *x, const struct step *st, struct outcome *o)
{
	run_order(x, st, o, NTOHL);
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
	{ "htonl", 1, 2, { V, P }, false, run_htonl },
	{ "htons", 1, 2, { V, P }, false, run_htons },
	{ "if_indextoname", 2, 2, { I, P }, false, run_if_indextoname },
	{ "if_nameindex", 1, 1, { P }, false, run_if_nameindex },
	{ "if_nametoindex", 1, 1, { V }, false, run_if_nametoindex },
	{ "inet_aton", 2, 2, { V, P }, false, run_inet_aton },
	{ "inet_ntoa", 2, 2, { V, P }, false, run_inet_ntoa },
	{ "inet_ntop", 3, 4, { I, V, P, I }, false, run_inet_ntop },
	{ "inet_pton", 3, 3, { I, V, P }, false, run_inet_pton },
	{ "ntohl", 1, 2, { V, P }, false, run_ntohl },
	{ "ntohs", 1, 2, { V, P }, false, run_ntohs },
	{ "sethostname", 1, 2, { V, I }, false, run_sethostname },
};
#undef I
#undef V
#undef P

static const struct call_table calls_netdb_table = { netdb_calls, ARRAY_SIZE(netdb_calls) };
SOCKSPEC_REGISTER(calls, struct call_table, calls_netdb_table);
