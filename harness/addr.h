/* SPDX-License-Identifier: MIT */
/*
 * Per-family socket address codecs.  encode turns what a case wrote,
 * {sa_family=AF_INET, sin_port=htons(80), sin_addr=inet_addr("127.0.0.1")},
 * into a sockaddr; decode turns what the kernel returned back into the
 * same notation (strace's), so expected and actual print alike.
 */
#ifndef SOCKSPEC_ADDR_H
#define SOCKSPEC_ADDR_H

#include "ast.h"

#include <sys/socket.h>

struct exec;

struct addr_codec {
	int family;
	const char *name;	/* "AF_INET" */
	const char *const *fields;	/* field names besides sa_family, NULL-terminated */
	/* ST is the struct node; fields other than sa_family are the codec's. */
	int (*encode)(struct exec *x, const struct node *st, struct sockaddr_storage *ss,
		      socklen_t *len, char **err);
	struct node *(*decode)(const struct sockaddr_storage *ss, socklen_t len);
};

extern const struct addr_codec addr_unix, addr_inet, addr_inet6;
/* codecs that live in files of their own may be absent from a build */
extern const struct addr_codec addr_netlink __attribute__((weak));
extern const struct addr_codec addr_packet __attribute__((weak));

const struct addr_codec *addr_codec_find(int family);

/* Encode address node N (a struct, or NULL giving *len 0). 0 ok, -1 + *err. */
int addr_encode(struct exec *x, const struct node *n, struct sockaddr_storage *ss,
		socklen_t *len, char **err);

/* Decode what the kernel wrote; an unknown family prints generically. */
struct node *addr_decode(const struct sockaddr_storage *ss, socklen_t len);

/* Helpers for codecs. */
struct node *addr_new(int family, const char *name);
/* Integer field KEY of ST (0 when absent). 0 ok, -1 + *err. */
int addr_field_int(struct exec *x, const struct node *st, const char *key,
		   long long *v, char **err);
/* Reject fields the codec does not know, naming the first one. */
int addr_check_fields(const struct node *st, const char *const *known, char **err);

/*
 * Parse-time check of an address written in a case: sa_family present and,
 * for a family with a codec, only its fields.  0 ok; -1 with *col and *err.
 */
int addr_check_literal(const struct node *st, int *col, char **err);

#endif
