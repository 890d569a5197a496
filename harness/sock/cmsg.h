/* SPDX-License-Identifier: MIT */
/*
 * Ancillary data (control messages) in strace's notation, both ways:
 *
 *   [{cmsg_level=SOL_SOCKET, cmsg_type=SCM_RIGHTS, cmsg_data=[a, b]}, ...]
 *
 * An item's data reads by its (level, type): the SOL_SOCKET items are
 * here (SCM_RIGHTS descriptors, SCM_CREDENTIALS {pid=, uid=, gid=}), the
 * others come with their family (core/family.h, cmsgs: IP_PKTINFO,
 * ALG_SET_IV).  An item nobody describes is raw bytes "...".
 */
#ifndef SOCKSPEC_SOCK_CMSG_H
#define SOCKSPEC_SOCK_CMSG_H

#include "lang/ast.h"
#include "sock/layout.h"

#include <stdbool.h>
#include <stddef.h>

struct scope;

/* The most data bytes one item may carry: SCM_MAX_FD (253) ints fit. */
#define CMSG_MAX_DATA 1024
/* The most control bytes one message may carry. */
#define CMSG_MAX_CONTROL 65536

/* A field of a structure-valued item (4-byte integers or a family's codec). */
struct cmsg_field {
	const char *name;
	size_t off;
	bool is_unsigned;			/* decoded as an unsigned 32-bit value */
	const struct field_codec *codec;	/* else a 4-byte integer */
};

enum cmsg_kind {
	CMSG_FDS,	/* [fd, ...]: ints that are descriptors */
	CMSG_STRUCT,	/* {field=value, ...} by FIELDS, SIZE bytes */
	CMSG_INT,	/* [value]: an int (IP_TOS also arrives as one byte) */
	CMSG_CUSTOM,	/* {...} by the shape's own encode and decode */
};

struct cmsg_shape {
	int level, type;
	const char *level_name, *type_name;	/* printed: cmsg_level=SOL_IP */
	enum cmsg_kind kind;
	const struct cmsg_field *fields;	/* CMSG_STRUCT, ending with { NULL } */
	size_t size;				/* CMSG_STRUCT */
	/* CMSG_CUSTOM: a {...} value into OUT (CAP bytes), and back */
	int (*encode)(struct scope *sc, const struct node *st, unsigned char *out, size_t cap,
		      size_t *len, char **err);
	struct node *(*decode)(const unsigned char *data, size_t len);
};

/* The shape of (LEVEL, TYPE), or NULL. */
const struct cmsg_shape *cmsg_shape_find(long long level, long long type);

/* A control buffer being laid out. */
struct cmsg_buf {
	unsigned char *buf;
	size_t len;
};

/* Append item ITEM ({cmsg_level=, cmsg_type=, cmsg_data=[, cmsg_len=]}). 0 ok, -1 + *err. */
int cmsg_add(struct scope *sc, struct cmsg_buf *c, const struct node *item, char **err);

/* The items in the LEN bytes the kernel returned, as a list. */
struct node *cmsg_decode(const unsigned char *buf, size_t len);

#endif
