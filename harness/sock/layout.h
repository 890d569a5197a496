/* SPDX-License-Identifier: MIT */
/*
 * C structures described field by field with the offsets of the kernel
 * ABI, so one table both encodes {key=value, ...} (an option value, an
 * ancillary data item) and decodes what the kernel returned into the same
 * notation.  Fields are decoded only when the kernel's answer covers them
 * (TCP_INFO grows with each release).  A family brings field kinds of its
 * own (an IPv4 address as inet_addr("...")) as a struct field_codec.
 */
#ifndef SOCKSPEC_SOCK_LAYOUT_H
#define SOCKSPEC_SOCK_LAYOUT_H

#include "lang/ast.h"

#include <stddef.h>
#include <sys/socket.h>

struct scope;

enum fty {
	FT_U,		/* unsigned integer of SIZE bytes (bits: a bit-field within it) */
	FT_S,		/* signed integer */
	FT_CODEC,	/* SIZE bytes the field's codec reads and writes */
};

/* A field kind of a family's own: SIZE bytes at the field's offset. */
struct field_codec {
	/* V (the field's value as written) into OUT.  0 ok, -1 with *err */
	int (*encode)(struct scope *sc, const struct node *v, unsigned char *out, char **err);
	/*
	 * The bytes at IN as a struct entry named NAME: a keyed field
	 * (node_field) or an entry that names itself (inet_pton(..., &NAME)).
	 */
	void (*decode)(struct node *st, const char *name, const unsigned char *in);
};

struct opt_field {
	const char *name;
	unsigned short off;
	unsigned char size, type, shift, bits;	/* bits 0: the whole field */
	const struct field_codec *codec;	/* FT_CODEC */
};

struct opt_layout {
	const char *name;
	size_t size;		/* natural size; what setsockopt passes */
	size_t bufsize;		/* what getsockopt offers (0: size) */
	const struct opt_field *f;
	size_t nf;
};

#define OF_U(n, o, s) { #n, o, s, FT_U, 0, 0, NULL }
#define OF_S(n, o, s) { #n, o, s, FT_S, 0, 0, NULL }
#define OF_BITS(n, o, sh, b) { #n, o, 1, FT_U, sh, b, NULL }
#define OF_CODEC(n, o, s, c) { #n, o, s, FT_CODEC, 0, 0, c }
#define OPT_LAYOUT(n, sz, buf, f) { n, sz, buf, f, sizeof(f) / sizeof((f)[0]) }

/*
 * {field=value, ...} into BUF by the first of the NV VARIANTS (a NULL
 * ends them early) that has every field N names (fields not named are 0);
 * *len = that variant's size.
 */
int layout_encode(struct scope *sc, const struct opt_layout *const *variants, size_t nv,
		  const struct node *n, unsigned char *buf, size_t cap, socklen_t *len,
		  char **err);
/* The variant of exactly LEN bytes, else the largest the answer covers. */
struct node *layout_decode(const struct opt_layout *const *variants, size_t nv,
			   const unsigned char *buf, socklen_t len);
/* What getsockopt offers for any of the variants: the largest bufsize/size. */
size_t layout_bufsize(const struct opt_layout *const *variants, size_t nv);

#endif
