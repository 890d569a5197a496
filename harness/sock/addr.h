/* SPDX-License-Identifier: MIT */
/*
 * Per-family socket address codecs.  encode turns what a case wrote,
 * {sa_family=AF_INET, sin_port=htons(80), sin_addr=inet_addr("127.0.0.1")},
 * into a sockaddr; decode turns what the kernel returned back into the
 * same notation (strace's), so expected and actual print alike.
 */
#ifndef SOCKSPEC_SOCK_ADDR_H
#define SOCKSPEC_SOCK_ADDR_H

#include "core/addrcodec.h"
#include "lang/ast.h"

#include <stdint.h>
#include <sys/socket.h>

struct scope;


/* The codec of FAMILY (its descriptor's, core/family.h), or NULL. */
const struct addr_codec *addr_codec_find(int family);

/* Encode address node N (a struct, or NULL giving *len 0). 0 ok, -1 + *err. */
int addr_encode(struct scope *x, const struct node *n, struct sockaddr_storage *ss,
		socklen_t *len, char **err);

/* Decode what the kernel wrote; an unknown family prints generically. */
struct node *addr_decode(const struct sockaddr_storage *ss, socklen_t len);
/* The same for an address that socket FD returned (accept, getsockname,
 * recvfrom...): codecs with decode_sock see the socket's type and protocol. */
struct node *addr_decode_fd(int fd, const struct sockaddr_storage *ss, socklen_t len);

/*
 * May a step send to SS (connect, sendto, sendmsg's msg_name)?  The
 * destination rule of SS's family (its descriptor's), enforced whatever a
 * case says.  0 yes; -1 + *err.
 */
int addr_check_destination(const struct sockaddr_storage *ss, socklen_t len, char **err);

/* Helpers for codecs. */
struct node *addr_new(int family, const char *name);
/* Integer field KEY of ST (0 when absent). 0 ok, -1 + *err. */
int addr_field_int(struct scope *x, const struct node *st, const char *key,
		   long long *v, char **err);
/* The same for a 32-bit field: -1..-2^31 wrap (as C's conversion would),
 * anything outside int32..uint32 is an error. */
int addr_field_u32(struct scope *x, const struct node *st, const char *key, uint32_t *out,
		   char **err);
/* Reject fields the codec does not know, naming the first one. */
int addr_check_fields(const struct node *st, const char *const *known, char **err);

#endif
