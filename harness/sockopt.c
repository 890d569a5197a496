// SPDX-License-Identifier: MIT
#define _GNU_SOURCE
#include "sockopt.h"
#include "match.h"
#include "util.h"

#include <netinet/in.h>
#include <netinet/tcp.h>
#include <string.h>
#include <sys/time.h>

static const struct {
	int level, name;
	enum opt_kind kind;
} shapes[] = {
	{ SOL_SOCKET, SO_RCVTIMEO, OPT_TIMEVAL },
	{ SOL_SOCKET, SO_SNDTIMEO, OPT_TIMEVAL },
	{ SOL_SOCKET, SO_LINGER, OPT_LINGER },
	{ SOL_SOCKET, SO_PEERCRED, OPT_UCRED },
	{ SOL_SOCKET, SO_BINDTODEVICE, OPT_STRING },
	{ SOL_SOCKET, SO_PEERSEC, OPT_STRING },
	{ IPPROTO_TCP, TCP_CONGESTION, OPT_STRING },
	{ IPPROTO_TCP, TCP_INFO, OPT_BYTES },
};

enum opt_kind sockopt_kind(int level, int name)
{
	for (size_t i = 0; i < ARRAY_SIZE(shapes); i++)
		if (shapes[i].level == level && shapes[i].name == name)
			return shapes[i].kind;
	return OPT_INT;
}

size_t sockopt_size(enum opt_kind kind)
{
	switch (kind) {
	case OPT_INT: return sizeof(int);
	case OPT_TIMEVAL: return sizeof(struct timeval);
	case OPT_LINGER: return sizeof(struct linger);
	case OPT_UCRED: return sizeof(struct ucred);
	case OPT_STRING: return 64;
	case OPT_BYTES: return 256;
	}
	return sizeof(int);
}

static int struct_fields(struct exec *x, const struct node *n, const char *const *keys,
			 long long *vals, size_t nkeys, char **err)
{
	if (n->kind != N_STRUCT) {
		*err = xasprintf("%d:%d: this option takes a {...} value", n->line, n->col);
		return -1;
	}
	for (size_t i = 0; i < n->nkids; i++) {
		const char *k = node_entry_key(n->kids[i]);
		size_t j;
		for (j = 0; j < nkeys && (!k || strcmp(k, keys[j])); j++)
			;
		if (j == nkeys) {
			*err = xasprintf("%d:%d: unknown field for this option", n->kids[i]->line,
					 n->kids[i]->col);
			return -1;
		}
		if (eval_int(x, n->kids[i], &vals[j], err))
			return -1;
	}
	return 0;
}

int sockopt_encode(struct exec *x, enum opt_kind kind, const struct node *n,
		   unsigned char *buf, size_t cap, socklen_t *len, char **err)
{
	memset(buf, 0, cap);
	*len = 0;
	if (n->kind == N_NULL)
		return 0;
	if (n->kind == N_STR) {	/* raw bytes for any option */
		size_t l;
		if (eval_bytes(x, n, buf, cap, &l, err))
			return -1;
		*len = (socklen_t)l;
		return 0;
	}
	long long v[3] = { 0, 0, 0 };
	switch (kind) {
	case OPT_TIMEVAL: {
		static const char *const k[] = { "tv_sec", "tv_usec" };
		if (struct_fields(x, n, k, v, 2, err))
			return -1;
		struct timeval tv = { .tv_sec = v[0], .tv_usec = v[1] };
		memcpy(buf, &tv, sizeof(tv));
		*len = sizeof(tv);
		return 0;
	}
	case OPT_LINGER: {
		static const char *const k[] = { "l_onoff", "l_linger" };
		if (struct_fields(x, n, k, v, 2, err))
			return -1;
		struct linger l = { .l_onoff = (int)v[0], .l_linger = (int)v[1] };
		memcpy(buf, &l, sizeof(l));
		*len = sizeof(l);
		return 0;
	}
	case OPT_UCRED: {
		static const char *const k[] = { "pid", "uid", "gid" };
		if (struct_fields(x, n, k, v, 3, err))
			return -1;
		struct ucred u = { .pid = (pid_t)v[0], .uid = (uid_t)v[1], .gid = (gid_t)v[2] };
		memcpy(buf, &u, sizeof(u));
		*len = sizeof(u);
		return 0;
	}
	default:
		break;
	}
	if (n->kind != N_LIST || n->nkids != 1) {
		*err = xasprintf("%d:%d: an int option value is written [N]", n->line, n->col);
		return -1;
	}
	if (eval_int(x, n->kids[0], &v[0], err))
		return -1;
	int i = (int)v[0];
	memcpy(buf, &i, sizeof(i));
	*len = sizeof(i);
	return 0;
}

struct node *sockopt_decode(enum opt_kind kind, const unsigned char *buf, socklen_t len)
{
	struct node *st;
	switch (kind) {
	case OPT_TIMEVAL:
		if (len != sizeof(struct timeval))
			break;
		struct timeval tv;
		memcpy(&tv, buf, sizeof(tv));
		st = node_new(N_STRUCT);
		node_field(st, "tv_sec", node_int(tv.tv_sec));
		node_field(st, "tv_usec", node_int(tv.tv_usec));
		return st;
	case OPT_LINGER:
		if (len != sizeof(struct linger))
			break;
		struct linger l;
		memcpy(&l, buf, sizeof(l));
		st = node_new(N_STRUCT);
		node_field(st, "l_onoff", node_int(l.l_onoff));
		node_field(st, "l_linger", node_int(l.l_linger));
		return st;
	case OPT_UCRED:
		if (len != sizeof(struct ucred))
			break;
		struct ucred u;
		memcpy(&u, buf, sizeof(u));
		st = node_new(N_STRUCT);
		node_field(st, "pid", node_int(u.pid));
		node_field(st, "uid", node_int(u.uid));
		node_field(st, "gid", node_int(u.gid));
		return st;
	case OPT_STRING:
		return node_str(buf, strnlen((const char *)buf, len));
	case OPT_INT:
		if (len == sizeof(int)) {
			int i;
			memcpy(&i, buf, sizeof(i));
			st = node_new(N_LIST);
			node_push(st, node_int(i));
			return st;
		}
		if (len == 1) {	/* some IP options answer with one byte */
			st = node_new(N_LIST);
			node_push(st, node_int(buf[0]));
			return st;
		}
		break;
	case OPT_BYTES:
		break;
	}
	return node_str(buf, len);
}
