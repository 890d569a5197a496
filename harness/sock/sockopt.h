/* SPDX-License-Identifier: MIT */
/*
 * Socket option values in strace notation: [1] for an int, {tv_sec=1,
 * tv_usec=0} for a timeval, {l_onoff=1, l_linger=0}, {pid=.., uid=.., gid=..}
 * for SO_PEERCRED, "cubic" for names.  The (level, option) pair picks the
 * shape; an option not listed is an int.
 */
#ifndef SOCKSPEC_SOCKOPT_H
#define SOCKSPEC_SOCKOPT_H

#include "lang/ast.h"

#include <stddef.h>
#include <sys/socket.h>

struct scope;

enum opt_kind { OPT_INT, OPT_TIMEVAL, OPT_LINGER, OPT_UCRED, OPT_STRING, OPT_BYTES };

/*
 * Option values laid out as C structures, described field by field with the
 * offsets of the kernel ABI, so one table both encodes {key=value, ...} for
 * setsockopt and decodes what getsockopt returned.  Fields are decoded only
 * when the kernel's answer covers them (TCP_INFO grows with each release).
 */
enum fty {
	FT_U,		/* unsigned integer of SIZE bytes (bits: a bit-field within it) */
	FT_S,		/* signed integer */
	FT_INADDR,	/* struct in_addr: inet_addr("...") */
	FT_IN6ADDR,	/* struct in6_addr: inet_pton(AF_INET6, "...", &NAME) */
};

struct opt_field {
	const char *name;
	unsigned short off;
	unsigned char size, type, shift, bits;	/* bits 0: the whole field */
};

struct opt_layout {
	const char *name;
	size_t size;		/* natural size; what setsockopt passes */
	size_t bufsize;		/* what getsockopt offers (0: size) */
	const struct opt_field *f;
	size_t nf;
};

#define OF_U(n, o, s) { #n, o, s, FT_U, 0, 0 }
#define OF_S(n, o, s) { #n, o, s, FT_S, 0, 0 }
#define OF_BITS(n, o, sh, b) { #n, o, 1, FT_U, sh, b }
#define OF_IN4(n, o) { #n, o, 4, FT_INADDR, 0, 0 }
#define OF_IN6(n, o) { #n, o, 16, FT_IN6ADDR, 0, 0 }
#define OPT_LAYOUT(n, sz, buf, f) { n, sz, buf, f, sizeof(f) / sizeof((f)[0]) }

/*
 * {field=value, ...} into BUF by the first of the NV VARIANTS that has every
 * field N names (fields not named are 0); *len = that variant's size.
 */
int sockopt_layout_encode(struct scope *x, const struct opt_layout *const *variants, size_t nv,
			  const struct node *n, unsigned char *buf, size_t cap, socklen_t *len,
			  char **err);
/* The variant of exactly LEN bytes, else the largest the answer covers. */
struct node *sockopt_layout_decode(const struct opt_layout *const *variants, size_t nv,
				   const unsigned char *buf, socklen_t len);

/*
 * Option shapes kept with their family (sockopt_can.c, sockopt_vsock.c...):
 * for options whose value is neither an int nor one of the shapes above.
 * Looked up before the core table, by (level, name).
 */
struct sockopt_ext {
	int level, name;
	size_t bufsize;		/* what getsockopt offers, at most 256 */
	int (*encode)(struct scope *x, const struct node *n, unsigned char *buf, size_t cap,
		      socklen_t *len, char **err);
	struct node *(*decode)(const unsigned char *buf, socklen_t len);
};

struct sockopt_table {
	const struct sockopt_ext *opts;
	size_t n;
	/*
	 * 0: the shapes apply to any socket.  Else only to sockets of this
	 * family (sockopt_kind_fd): Bluetooth's levels are numbers IP's levels
	 * use too (SOL_HCI 0 = SOL_IP, SOL_L2CAP 6 = SOL_TCP, SOL_SCO 17 =
	 * SOL_UDP).
	 */
	int domain;
};

/* Weak: a family's file may be absent from a build. */
extern const struct sockopt_table sockopt_can_table __attribute__((weak));
extern const struct sockopt_table sockopt_alg_table __attribute__((weak));
extern const struct sockopt_table sockopt_tipc_table __attribute__((weak));
extern const struct sockopt_table sockopt_vsock_table __attribute__((weak));
extern const struct sockopt_table sockopt_rds_table __attribute__((weak));
extern const struct sockopt_table sockopt_bt_table __attribute__((weak));

enum opt_kind sockopt_kind(int level, int name);
/* The same for socket FD: also the shapes kept for FD's family only. */
enum opt_kind sockopt_kind_fd(int fd, int level, int name);
/* Buffer size getsockopt offers for KIND. */
size_t sockopt_size(enum opt_kind kind);
/* Encode value N into BUF (CAP bytes); *len gets the natural length. */
int sockopt_encode(struct scope *x, enum opt_kind kind, const struct node *n,
		   unsigned char *buf, size_t cap, socklen_t *len, char **err);
struct node *sockopt_decode(enum opt_kind kind, const unsigned char *buf, socklen_t len);

#endif
