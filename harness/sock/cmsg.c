// SPDX-License-Identifier: MIT
/* Ancillary data both ways (cmsg.h). */
#define _GNU_SOURCE
#include "sock/cmsg.h"
#include "core/family.h"
#include "lang/fields.h"
#include "lang/match.h"
#include "util/util.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

static const struct cmsg_field ucred_fields[] = {
	{ "pid", offsetof(struct ucred, pid), false, NULL },
	{ "uid", offsetof(struct ucred, uid), true, NULL },
	{ "gid", offsetof(struct ucred, gid), true, NULL },
	{ NULL, 0, false, NULL },
};

static const struct cmsg_shape socket_items[] = {
	{ SOL_SOCKET, SCM_RIGHTS, "SOL_SOCKET", "SCM_RIGHTS", CMSG_FDS, NULL, 0, NULL, NULL },
	{ SOL_SOCKET, SCM_CREDENTIALS, "SOL_SOCKET", "SCM_CREDENTIALS", CMSG_STRUCT, ucred_fields,
	  sizeof(struct ucred), NULL, NULL },
	{ 0 },
};

static const struct cmsg_shape *in_table(const struct cmsg_shape *t, long long level,
					 long long type)
{
	for (; t && t->type_name; t++)
		if (t->level == level && t->type == type)
			return t;
	return NULL;
}

const struct cmsg_shape *cmsg_shape_find(long long level, long long type)
{
	const struct cmsg_shape *sh = in_table(socket_items, level, type);
	size_t n;
	const struct sockspec_family *const *f = families(&n);
	for (size_t i = 0; !sh && i < n; i++)
		sh = in_table(f[i]->cmsgs, level, type);
	return sh;
}

/* ---- encoding ---- */

/* [a, b, ...]: 4-byte ints (descriptors for SCM_RIGHTS, values otherwise). */
static int encode_ints(struct scope *x, const struct node *list, unsigned char *out,
		       size_t *len, char **err)
{
	if (list->nkids * sizeof(int) > CMSG_MAX_DATA)
		return field_error(err, list, "at most %zu ints in one item", CMSG_MAX_DATA / sizeof(int));
	for (size_t i = 0; i < list->nkids; i++) {
		long long v;
		if (eval_int(x, list->kids[i], &v, err))
			return -1;
		int iv = (int)v;
		memcpy(out + i * sizeof(int), &iv, sizeof(int));
	}
	*len = list->nkids * sizeof(int);
	return 0;
}

static int encode_field(struct scope *x, const struct cmsg_field *f, const struct node *v,
			unsigned char *out, char **err)
{
	if (f->codec)
		return f->codec->encode(x, v, out + f->off, err);
	long long iv;
	if (eval_int(x, v, &iv, err))
		return -1;
	/* int, uid_t, gid_t and unsigned ifindex are all 4 bytes */
	int32_t i32 = (int32_t)iv;
	memcpy(out + f->off, &i32, sizeof(i32));
	return 0;
}

/* {key=value, ...} of a struct-valued item; fields left out are zero. */
static int encode_struct(struct scope *x, const struct cmsg_shape *sh, const struct node *st,
			 unsigned char *out, size_t *len, char **err)
{
	if (!sh || sh->kind != CMSG_STRUCT)
		return field_error(err, st, "this cmsg_level/cmsg_type has no {...} form; write [ints] or "
			    "\"bytes\"");
	memset(out, 0, sh->size);
	for (size_t i = 0; i < st->nkids; i++) {
		const struct node *e = st->kids[i];
		const char *k = node_entry_key(e);
		const struct cmsg_field *f = sh->fields;
		while (f->name && (!k || strcmp(f->name, k)))
			f++;
		if (!f->name)
			return field_error(err, e, "%s is not a field of %s data", k ? k : "this value",
				    sh->type_name);
		if (encode_field(x, f, e, out, err))
			return -1;
	}
	*len = sh->size;
	return 0;
}

static int encode_data(struct scope *x, const struct cmsg_shape *sh, const struct node *d,
		       unsigned char *out, size_t *len, char **err)
{
	d = field_deref(x, d);
	if (d->kind == N_LIST)
		return encode_ints(x, d, out, len, err);
	if (d->kind == N_STRUCT && sh && sh->kind == CMSG_CUSTOM)
		return sh->encode(x, d, out, CMSG_MAX_DATA, len, err);
	if (d->kind == N_STRUCT)
		return encode_struct(x, sh, d, out, len, err);
	if (d->kind == N_STR) {
		if (d->len > CMSG_MAX_DATA)
			return field_error(err, d, "at most %d bytes of data in one item", CMSG_MAX_DATA);
		memcpy(out, d->bytes, d->len);
		*len = d->len;
		return 0;
	}
	return field_error(err, d, "cmsg_data is [ints], {struct} or \"bytes\"");
}


/* Append one {cmsg_level=, cmsg_type=, cmsg_data=[, cmsg_len=]} item. */
int cmsg_add(struct scope *x, struct cmsg_buf *c, const struct node *item, char **err)
{
	static const char *const keys[] = { "cmsg_len", "cmsg_level", "cmsg_type", "cmsg_data",
					    NULL };
	if (item->kind != N_STRUCT)
		return field_error(err, item, "a control message is {cmsg_level=, cmsg_type=, cmsg_data=}");
	long long level, type, clen;
	const struct node *data = node_get_field(item, "cmsg_data");
	if (fields_only(item, keys, "a control message", err) ||
	    field_int(x, item, "cmsg_level", 0, &level, err) ||
	    field_int(x, item, "cmsg_type", 0, &type, err))
		return -1;
	unsigned char d[CMSG_MAX_DATA];
	size_t dlen = 0;
	if (data && encode_data(x, cmsg_shape_find(level, type), data, d, &dlen, err))
		return -1;
	if (field_int(x, item, "cmsg_len", (long long)CMSG_LEN(dlen), &clen, err))
		return -1;
	size_t at = c->len;
	if (at + CMSG_SPACE(dlen) > CMSG_MAX_CONTROL)
		return field_error(err, item, "more than %d bytes of control data", CMSG_MAX_CONTROL);
	c->len += CMSG_SPACE(dlen);
	c->buf = xrealloc(c->buf, c->len);
	memset(c->buf + at, 0, c->len - at);
	struct cmsghdr h = { .cmsg_len = (size_t)clen, .cmsg_level = (int)level,
			     .cmsg_type = (int)type };
	memcpy(c->buf + at, &h, sizeof(h));
	memcpy(c->buf + at + CMSG_LEN(0), d, dlen);
	return 0;
}

/* ---- decoding ---- */

static struct node *decode_struct(const struct cmsg_shape *sh, const unsigned char *data)
{
	struct node *st = node_new(N_STRUCT);
	for (const struct cmsg_field *f = sh->fields; f->name; f++) {
		if (f->codec) {
			f->codec->decode(st, f->name, data + f->off);
			continue;
		}
		int32_t v;
		memcpy(&v, data + f->off, sizeof(v));
		node_field(st, f->name, node_int(f->is_unsigned ? (long long)(uint32_t)v : (long long)v));
	}
	return st;
}

static struct node *decode_ints(const unsigned char *data, size_t len)
{
	struct node *l = node_new(N_LIST);
	for (size_t i = 0; i + sizeof(int) <= len; i += sizeof(int)) {
		int v;
		memcpy(&v, data + i, sizeof(v));
		node_push(l, node_int(v));
	}
	return l;
}

static struct node *decode_data(const struct cmsg_shape *sh, const unsigned char *data,
				size_t len)
{
	/* nothing sends these back; decoded as written, for symmetry */
	if (sh && sh->kind == CMSG_CUSTOM)
		return sh->decode(data, len);
	if (sh && sh->kind == CMSG_FDS && len % sizeof(int) == 0)
		return decode_ints(data, len);
	if (sh && sh->kind == CMSG_STRUCT && len == sh->size)
		return decode_struct(sh, data);
	if (sh && sh->kind == CMSG_INT && (len == sizeof(int) || len == 1)) {
		/* IP_TOS arrives as one byte, the others as an int */
		if (len == sizeof(int))
			return decode_ints(data, len);
		struct node *l = node_new(N_LIST);
		node_push(l, node_int(data[0]));
		return l;
	}
	return node_str(data, len);
}

static struct node *decode_item(const struct cmsghdr *h, const unsigned char *data, size_t len)
{
	const struct cmsg_shape *sh = cmsg_shape_find(h->cmsg_level, h->cmsg_type);
	struct node *it = node_new(N_STRUCT);
	node_field(it, "cmsg_level",
		   sh ? node_sym(sh->level_name, sh->level) : node_int(h->cmsg_level));
	node_field(it, "cmsg_type", sh ? node_sym(sh->type_name, sh->type) : node_int(h->cmsg_type));
	node_field(it, "cmsg_data", decode_data(sh, data, len));
	return it;
}

/*
 * The items in the LEN bytes the kernel returned, walked by hand (headers
 * copied out) so a truncated last item cannot send the walk past the end.
 */
struct node *cmsg_decode(const unsigned char *buf, size_t len)
{
	struct node *l = node_new(N_LIST);
	size_t off = 0;
	while (off + sizeof(struct cmsghdr) <= len) {
		struct cmsghdr h;
		memcpy(&h, buf + off, sizeof(h));
		if (h.cmsg_len < CMSG_LEN(0))
			break;
		size_t end = h.cmsg_len < len - off ? h.cmsg_len : len - off;
		node_push(l, decode_item(&h, buf + off + CMSG_LEN(0), end - CMSG_LEN(0)));
		if (h.cmsg_len >= len - off)
			break;	/* the kernel truncates only the last item */
		off += CMSG_ALIGN(h.cmsg_len);
	}
	return l;
}
