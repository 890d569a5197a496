// SPDX-License-Identifier: MIT
/*
 * Address conversion and byte order: inet_aton, inet_pton, inet_ntoa,
 * inet_ntop, htons/htonl/ntohs/ntohl, in the notation of netdb.c:
 *
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

/* ---- address conversion ---- */

static void run_inet_aton(struct exec *x, const struct step *st, struct outcome *o)
{
	const char *s = netdb_arg_cstr(x, st, 0, false, o);
	if (!s || o->error)
		return;
	struct in_addr a = { 0 };
	TIMED(o, inet_aton(s, &a));
	if (o->ret == 1)
		o->actual[1] = netdb_ip_node(x, AF_INET, &a, sizeof(a), st->call_node->kids[1]);
}

static void run_inet_pton(struct exec *x, const struct step *st, struct outcome *o)
{
	long long af = arg_int(x, st, 0, o);
	const char *s = netdb_arg_cstr(x, st, 1, false, o);
	if (!s || o->error)
		return;
	unsigned char buf[sizeof(struct in6_addr)];
	memset(buf, 0, sizeof(buf));
	TIMED(o, inet_pton((int)af, s, buf));
	if (o->ret == 1)
		o->actual[2] = netdb_ip_node(x, (int)af, buf, af == AF_INET6 ? 16 : 4,
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
	size_t n = netdb_arg_bytes(x, st, 1, src, sizeof(src), o);
	char dst[64];
	long long size = netdb_arg_opt(x, st, 3, sizeof(dst), 0, sizeof(dst), o);
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
	const struct node *n = netdb_arg_node(x, st, 0);
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
static const struct call_spec convert_calls[] = {
	{ "htonl", 1, 2, { V, P }, false, run_htonl },
	{ "htons", 1, 2, { V, P }, false, run_htons },
	{ "inet_aton", 2, 2, { V, P }, false, run_inet_aton },
	{ "inet_ntoa", 2, 2, { V, P }, false, run_inet_ntoa },
	{ "inet_ntop", 3, 4, { I, V, P, I }, false, run_inet_ntop },
	{ "inet_pton", 3, 3, { I, V, P }, false, run_inet_pton },
	{ "ntohl", 1, 2, { V, P }, false, run_ntohl },
	{ "ntohs", 1, 2, { V, P }, false, run_ntohs },
};
#undef I
#undef V
#undef P

static const struct call_table convert_calls_table = { convert_calls, ARRAY_SIZE(convert_calls) };
SOCKSPEC_REGISTER(calls, struct call_table, convert_calls_table);
