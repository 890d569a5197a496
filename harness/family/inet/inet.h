/* SPDX-License-Identifier: MIT */
/*
 * What the files of family/inet/ share: IP addresses in strace's notation
 * (inet_addr("10.0.0.1"), inet_pton(AF_INET6, "::1", &FIELD)) as nodes
 * and as structure fields, and the tables the descriptors point to.
 */
#ifndef SOCKSPEC_FAMILY_INET_INET_H
#define SOCKSPEC_FAMILY_INET_INET_H

#include "lang/ast.h"
#include "sock/addr.h"
#include "sock/cmsg.h"
#include "sock/layout.h"
#include "sock/sockopt.h"

/* inet_addr("a.b.c.d") of the 4 bytes at A (network order). */
struct node *inet4_node(const unsigned char *a);
/* inet_pton(AF_INET6, "...", &FIELD) of the 16 bytes at A; the entry names FIELD. */
struct node *inet6_node(const unsigned char *a, const char *field);

/* Structure fields holding an in_addr / in6_addr (sock/layout.h). */
extern const struct field_codec inet4_field, inet6_field;
#define OF_IN4(n, o) OF_CODEC(n, o, 4, &inet4_field)
#define OF_IN6(n, o) OF_CODEC(n, o, 16, &inet6_field)

extern const struct addr_codec inet4_addr, inet6_addr;	/* addr4.c, addr6.c */
extern const struct sockopt_ext inet_opts[];		/* sockopt.c */
extern const struct cmsg_shape inet_cmsgs[];		/* cmsg.c */

#endif
