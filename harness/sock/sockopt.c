// SPDX-License-Identifier: MIT
/* Option values: the SOL_SOCKET shapes and the lookup (sockopt.h). */
#define _GNU_SOURCE
#include "sock/sockopt.h"
#include "core/family.h"
#include "lang/match.h"
#include "util/util.h"

#include <linux/filter.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/time.h>

#ifndef SO_ATTACH_REUSEPORT_CBPF
#define SO_ATTACH_REUSEPORT_CBPF 51
#endif

int sockopt_struct_ints(struct scope *x, const struct node *n, const char *const *keys,
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

int sockopt_int_encode(struct scope *x, const struct node *n, unsigned char *buf, size_t cap,
		       socklen_t *len, char **err)
{
	long long v;
	(void)cap;
	if (n->kind != N_LIST || n->nkids != 1) {
		*err = xasprintf("%d:%d: an int option value is written [N]", n->line, n->col);
		return -1;
	}
	if (eval_int(x, n->kids[0], &v, err))
		return -1;
	int i = (int)v;
	memcpy(buf, &i, sizeof(i));
	*len = sizeof(i);
	return 0;
}

struct node *sockopt_int_decode(const unsigned char *buf, socklen_t len)
{
	struct node *st;
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
	return node_str(buf, len);
}

int sockopt_bytes_encode(struct scope *x, const struct node *n, unsigned char *buf, size_t cap,
			 socklen_t *len, char **err)
{
	/* a string never gets here (sockopt_encode takes it as bytes): as an int */
	return sockopt_int_encode(x, n, buf, cap, len, err);
}

struct node *sockopt_bytes_decode(const unsigned char *buf, socklen_t len)
{
	return node_str(buf, len);
}

struct node *sockopt_string_decode(const unsigned char *buf, socklen_t len)
{
	return node_str(buf, strnlen((const char *)buf, len));
}

static int timeval_encode(struct scope *x, const struct node *n, unsigned char *buf, size_t cap,
			  socklen_t *len, char **err)
{
	static const char *const k[] = { "tv_sec", "tv_usec" };
	long long v[2] = { 0, 0 };
	(void)cap;
	if (sockopt_struct_ints(x, n, k, v, 2, err))
		return -1;
	struct timeval tv = { .tv_sec = v[0], .tv_usec = v[1] };
	memcpy(buf, &tv, sizeof(tv));
	*len = sizeof(tv);
	return 0;
}

static struct node *timeval_decode(const unsigned char *buf, socklen_t len)
{
	if (len != sizeof(struct timeval))
		return node_str(buf, len);
	struct timeval tv;
	memcpy(&tv, buf, sizeof(tv));
	struct node *st = node_new(N_STRUCT);
	node_field(st, "tv_sec", node_int(tv.tv_sec));
	node_field(st, "tv_usec", node_int(tv.tv_usec));
	return st;
}

static int linger_encode(struct scope *x, const struct node *n, unsigned char *buf, size_t cap,
			 socklen_t *len, char **err)
{
	static const char *const k[] = { "l_onoff", "l_linger" };
	long long v[2] = { 0, 0 };
	(void)cap;
	if (sockopt_struct_ints(x, n, k, v, 2, err))
		return -1;
	struct linger l = { .l_onoff = (int)v[0], .l_linger = (int)v[1] };
	memcpy(buf, &l, sizeof(l));
	*len = sizeof(l);
	return 0;
}

static struct node *linger_decode(const unsigned char *buf, socklen_t len)
{
	if (len != sizeof(struct linger))
		return node_str(buf, len);
	struct linger l;
	memcpy(&l, buf, sizeof(l));
	struct node *st = node_new(N_STRUCT);
	node_field(st, "l_onoff", node_int(l.l_onoff));
	node_field(st, "l_linger", node_int(l.l_linger));
	return st;
}

static int ucred_encode(struct scope *x, const struct node *n, unsigned char *buf, size_t cap,
			socklen_t *len, char **err)
{
	static const char *const k[] = { "pid", "uid", "gid" };
	long long v[3] = { 0, 0, 0 };
	(void)cap;
	if (sockopt_struct_ints(x, n, k, v, 3, err))
		return -1;
	struct ucred u = { .pid = (pid_t)v[0], .uid = (uid_t)v[1], .gid = (gid_t)v[2] };
	memcpy(buf, &u, sizeof(u));
	*len = sizeof(u);
	return 0;
}

static struct node *ucred_decode(const unsigned char *buf, socklen_t len)
{
	if (len != sizeof(struct ucred))
		return node_str(buf, len);
	struct ucred u;
	memcpy(&u, buf, sizeof(u));
	struct node *st = node_new(N_STRUCT);
	node_field(st, "pid", node_int(u.pid));
	node_field(st, "uid", node_int(u.uid));
	node_field(st, "gid", node_int(u.gid));
	return st;
}

/*
 * A classic BPF program, as {len=N, filter=[{code=0x30, jt=0, jf=0, k=0}, ...]}.
 * The instructions are laid out in BUF after the struct sock_fprog that
 * points to them, so they live exactly as long as the call's buffer.
 */
static int encode_fprog(struct scope *x, const struct node *n, unsigned char *buf, size_t cap,
			socklen_t *len, char **err)
{
	if (n->kind != N_STRUCT) {
		*err = xasprintf("%d:%d: a BPF program is {len=N, filter=[{code=..., jt=..., "
				 "jf=..., k=...}, ...]}", n->line, n->col);
		return -1;
	}
	struct sock_fprog fp = { 0 };
	size_t at = sizeof(fp), count = 0;
	bool has_len = false;
	for (size_t i = 0; i < n->nkids; i++) {
		const struct node *e = n->kids[i];
		const char *k = node_entry_key(e);
		long long v;
		if (k && !strcmp(k, "len")) {
			if (eval_int(x, e, &v, err))
				return -1;
			fp.len = (unsigned short)v;
			has_len = true;
		} else if (k && !strcmp(k, "filter") && e->kind == N_LIST) {
			fp.filter = (struct sock_filter *)(buf + at);
			for (size_t j = 0; j < e->nkids; j++, count++) {
				static const char *const keys[] = { "code", "jt", "jf", "k" };
				long long ins[4] = { 0, 0, 0, 0 };
				if (at + sizeof(struct sock_filter) > cap) {
					*err = xasprintf("%d:%d: too many instructions", e->line, e->col);
					return -1;
				}
				if (sockopt_struct_ints(x, e->kids[j], keys, ins, 4, err))
					return -1;
				struct sock_filter f = { (uint16_t)ins[0], (uint8_t)ins[1],
							 (uint8_t)ins[2], (uint32_t)ins[3] };
				memcpy(buf + at, &f, sizeof(f));
				at += sizeof(f);
			}
		} else {
			*err = xasprintf("%d:%d: a BPF program has the fields len and filter=[...]",
					 e->line, e->col);
			return -1;
		}
	}
	if (!has_len)
		fp.len = (unsigned short)count;
	memcpy(buf, &fp, sizeof(fp));
	*len = sizeof(fp);
	return 0;
}

/* a BPF program is only ever passed in; an answer reads as bytes */
#define FPROG(name) { SOL_SOCKET, name, sizeof(struct sock_fprog), encode_fprog, sockopt_bytes_decode, { 0 } }

static const struct sockopt_ext socket_shapes[] = {
	{ SOL_SOCKET, SO_RCVTIMEO, sizeof(struct timeval), timeval_encode, timeval_decode, { 0 } },
	{ SOL_SOCKET, SO_SNDTIMEO, sizeof(struct timeval), timeval_encode, timeval_decode, { 0 } },
	{ SOL_SOCKET, SO_LINGER, sizeof(struct linger), linger_encode, linger_decode, { 0 } },
	{ SOL_SOCKET, SO_PEERCRED, sizeof(struct ucred), ucred_encode, ucred_decode, { 0 } },
	{ SOL_SOCKET, SO_BINDTODEVICE, 64, sockopt_int_encode, sockopt_string_decode, { 0 } },
	{ SOL_SOCKET, SO_PEERSEC, 64, sockopt_int_encode, sockopt_string_decode, { 0 } },
	FPROG(SO_ATTACH_FILTER),
	FPROG(SO_ATTACH_REUSEPORT_CBPF),
	{ 0 },
};

static const struct sockopt_ext int_shape = {
	0, 0, sizeof(int), sockopt_int_encode, sockopt_int_decode, { 0 },
};

static const struct sockopt_ext *in_table(const struct sockopt_ext *t, int level, int name)
{
	for (; t && (t->encode || t->layouts[0]); t++)
		if (t->level == level && t->name == name)
			return t;
	return NULL;
}

const struct sockopt_ext *sockopt_int_shape(void)
{
	return &int_shape;
}

const struct sockopt_ext *sockopt_shape(int fd, int level, int name)
{
	const struct sockopt_ext *s;
	int domain = 0;
	socklen_t l = sizeof(domain);
	/* first the shapes a family keeps for its own sockets: their levels clash */
	if (fd >= 0 && getsockopt(fd, SOL_SOCKET, SO_DOMAIN, &domain, &l) == 0 && domain) {
		const struct sockspec_family *f = family_find(domain);
		if (f && (s = in_table(f->own_opts, level, name)))
			return s;
	}
	size_t n;
	const struct sockspec_family *const *fams = families(&n);
	for (size_t i = 0; i < n; i++)
		if ((s = in_table(fams[i]->opts, level, name)))
			return s;
	if ((s = in_table(socket_shapes, level, name)))
		return s;
	return &int_shape;
}

int sockopt_encode(struct scope *x, const struct sockopt_ext *shape, const struct node *n,
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
	if (!shape->encode)
		return layout_encode(x, shape->layouts, 3, n, buf, cap, len, err);
	return shape->encode(x, n, buf, cap, len, err);
}

struct node *sockopt_decode(const struct sockopt_ext *shape, const unsigned char *buf,
			    socklen_t len)
{
	if (!shape->decode)
		return layout_decode(shape->layouts, 3, buf, len);
	return shape->decode(buf, len);
}
