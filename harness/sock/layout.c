// SPDX-License-Identifier: MIT
/* Structures laid out field by field (layout.h). */
#include "sock/layout.h"
#include "lang/match.h"
#include "util/util.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static const struct opt_field *layout_field(const struct opt_layout *l, const char *key)
{
	for (size_t i = 0; key && i < l->nf; i++)
		if (!strcmp(l->f[i].name, key))
			return &l->f[i];
	return NULL;
}

/* The first variant that has every field N names. */
static const struct opt_layout *pick_variant(const struct opt_layout *const *v, size_t nv,
					     const struct node *n)
{
	for (size_t i = 0; i < nv && v[i]; i++) {
		const struct opt_layout *l = v[i];
		size_t j;
		for (j = 0; j < n->nkids; j++)
			if (!layout_field(l, node_entry_key(n->kids[j])))
				break;
		if (j == n->nkids)
			return l;
	}
	return NULL;
}

static void put_uint(unsigned char *p, size_t size, unsigned long long v)
{
	uint8_t u8 = (uint8_t)v;
	uint16_t u16 = (uint16_t)v;
	uint32_t u32 = (uint32_t)v;
	uint64_t u64 = v;
	switch (size) {
	case 1: memcpy(p, &u8, 1); break;
	case 2: memcpy(p, &u16, 2); break;
	case 4: memcpy(p, &u32, 4); break;
	default: memcpy(p, &u64, 8); break;
	}
}

static unsigned long long get_uint(const unsigned char *p, size_t size)
{
	uint8_t u8;
	uint16_t u16;
	uint32_t u32;
	uint64_t u64;
	switch (size) {
	case 1: memcpy(&u8, p, 1); return u8;
	case 2: memcpy(&u16, p, 2); return u16;
	case 4: memcpy(&u32, p, 4); return u32;
	default: memcpy(&u64, p, 8); return u64;
	}
}

int layout_encode(struct scope *x, const struct opt_layout *const *variants, size_t nv,
			  const struct node *n, unsigned char *buf, size_t cap, socklen_t *len,
			  char **err)
{
	if (n->kind != N_STRUCT) {
		*err = xasprintf("%d:%d: this option takes a {...} value", n->line, n->col);
		return -1;
	}
	const struct opt_layout *l = pick_variant(variants, nv, n);
	if (!l) {
		*err = xasprintf("%d:%d: no structure of this option has all these fields",
				 n->line, n->col);
		return -1;
	}
	if (l->size > cap) {
		*err = xasprintf("%d:%d: %s is too large", n->line, n->col, l->name);
		return -1;
	}
	for (size_t i = 0; i < n->nkids; i++) {
		const struct node *e = n->kids[i];
		const struct opt_field *f = layout_field(l, node_entry_key(e));
		unsigned char *p = buf + f->off;
		if (f->type == FT_CODEC) {
			if (f->codec->encode(x, e, p, err))
				return -1;
			continue;
		}
		long long v;
		if (eval_int(x, e, &v, err))
			return -1;
		if (f->bits) {
			unsigned mask = ((1u << f->bits) - 1u) << f->shift;
			p[0] = (unsigned char)((p[0] & ~mask) | (((unsigned)v << f->shift) & mask));
		} else {
			put_uint(p, f->size, (unsigned long long)v);
		}
	}
	*len = (socklen_t)l->size;
	return 0;
}

struct node *layout_decode(const struct opt_layout *const *variants, size_t nv,
			   const unsigned char *buf, socklen_t len)
{
	/* the variant of exactly this size, else the largest one the answer covers */
	const struct opt_layout *l = NULL;
	for (size_t v = 0; v < nv && variants[v]; v++) {
		const struct opt_layout *c = variants[v];
		if (c->size == len) {
			l = c;
			break;
		}
		if (c->f[0].off + c->f[0].size <= len && (!l || c->size > l->size))
			l = c;
	}
	if (!l)
		return node_str(buf, len);
	struct node *st = node_new(N_STRUCT);
	for (size_t i = 0; i < l->nf; i++) {
		const struct opt_field *f = &l->f[i];
		if ((size_t)f->off + f->size > len)
			continue;
		const unsigned char *p = buf + f->off;
		if (f->type == FT_CODEC) {
			f->codec->decode(st, f->name, p);
		} else if (f->bits) {
			node_field(st, f->name, node_int((p[0] >> f->shift) & ((1u << f->bits) - 1u)));
		} else if (f->type == FT_S) {
			unsigned long long u = get_uint(p, f->size);
			long long v = f->size == 1 ? (int8_t)u : f->size == 2 ? (int16_t)u
				    : f->size == 4 ? (int32_t)u : (long long)u;
			node_field(st, f->name, node_int(v));
		} else {
			node_field(st, f->name, node_int((long long)get_uint(p, f->size)));
		}
	}
	return st;
}

size_t layout_bufsize(const struct opt_layout *const *variants, size_t nv)
{
	size_t max = 0;
	for (size_t i = 0; i < nv && variants[i]; i++) {
		size_t s = variants[i]->bufsize ? variants[i]->bufsize : variants[i]->size;
		if (s > max)
			max = s;
	}
	return max;
}
