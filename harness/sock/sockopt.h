/* SPDX-License-Identifier: MIT */
/*
 * Socket option values in strace notation: [1] for an int, {tv_sec=1,
 * tv_usec=0} for a timeval, {l_onoff=1, l_linger=0}, {pid=.., uid=.., gid=..}
 * for SO_PEERCRED, "cubic" for names.  The (level, option) pair picks the
 * shape: the SOL_SOCKET ones are here, the others come with their family
 * (core/family.h: opts, own_opts); an option not listed anywhere is an int.
 * A string value is raw bytes for any option.
 */
#ifndef SOCKSPEC_SOCK_SOCKOPT_H
#define SOCKSPEC_SOCK_SOCKOPT_H

#include "lang/ast.h"
#include "sock/layout.h"

#include <stddef.h>
#include <sys/socket.h>

struct scope;

/*
 * The shape of one option: either functions of its own, or up to three
 * structure layouts picked by the fields a value names (IP_MULTICAST_IF
 * takes an in_addr, an ip_mreq or an ip_mreqn).  A family's table of them
 * ends with an entry that has neither ({ 0 }).
 */
struct sockopt_ext {
	int level, name;
	size_t bufsize;		/* what getsockopt offers, at most 256 */
	/* N (never NULL nor a string: those are handled before) into BUF */
	int (*encode)(struct scope *x, const struct node *n, unsigned char *buf, size_t cap,
		      socklen_t *len, char **err);
	struct node *(*decode)(const unsigned char *buf, socklen_t len);
	const struct opt_layout *layouts[3];	/* when encode is NULL */
};

/* An option whose value is one of the layouts given (at most three). */
#define SOCKOPT_LAYOUTS(level, name, bufsize, ...)				\
	{ level, name, bufsize, NULL, NULL, { __VA_ARGS__ } }

/*
 * The shape of option (LEVEL, NAME) on socket FD (FD < 0: any socket,
 * leaving out the shapes a family keeps for its own sockets).  Never NULL:
 * an option nobody lists is an int.
 */
const struct sockopt_ext *sockopt_shape(int fd, int level, int name);

/* The shape of every option nobody lists: an int, [N]. */
const struct sockopt_ext *sockopt_int_shape(void);

/* Encode value N into BUF (CAP bytes); *len gets the natural length. */
int sockopt_encode(struct scope *x, const struct sockopt_ext *shape, const struct node *n,
		   unsigned char *buf, size_t cap, socklen_t *len, char **err);
struct node *sockopt_decode(const struct sockopt_ext *shape, const unsigned char *buf,
			    socklen_t len);

/* Helpers for a family's shapes. */
/* {k1=.., k2=..} of integers into VALS (by KEYS' order); fields not named stay. */
int sockopt_struct_ints(struct scope *x, const struct node *n, const char *const *keys,
			long long *vals, size_t nkeys, char **err);
/* An int option's [N] and its answer (4 bytes, or the one byte some IP options give). */
int sockopt_int_encode(struct scope *x, const struct node *n, unsigned char *buf, size_t cap,
		       socklen_t *len, char **err);
struct node *sockopt_int_decode(const unsigned char *buf, socklen_t len);
/* Raw bytes both ways (an option whose value has no notation). */
int sockopt_bytes_encode(struct scope *x, const struct node *n, unsigned char *buf, size_t cap,
			 socklen_t *len, char **err);
struct node *sockopt_bytes_decode(const unsigned char *buf, socklen_t len);
/* A NUL-terminated name: "cubic". */
struct node *sockopt_string_decode(const unsigned char *buf, socklen_t len);

#endif
