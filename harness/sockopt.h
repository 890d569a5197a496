/* SPDX-License-Identifier: MIT */
/*
 * Socket option values in strace notation: [1] for an int, {tv_sec=1,
 * tv_usec=0} for a timeval, {l_onoff=1, l_linger=0}, {pid=.., uid=.., gid=..}
 * for SO_PEERCRED, "cubic" for names.  The (level, option) pair picks the
 * shape; an option not listed is an int.
 */
#ifndef SOCKSPEC_SOCKOPT_H
#define SOCKSPEC_SOCKOPT_H

#include "ast.h"

#include <stddef.h>
#include <sys/socket.h>

struct exec;

enum opt_kind { OPT_INT, OPT_TIMEVAL, OPT_LINGER, OPT_UCRED, OPT_STRING, OPT_BYTES };

enum opt_kind sockopt_kind(int level, int name);
/* Buffer size getsockopt offers for KIND. */
size_t sockopt_size(enum opt_kind kind);
/* Encode value N into BUF (CAP bytes); *len gets the natural length. */
int sockopt_encode(struct exec *x, enum opt_kind kind, const struct node *n,
		   unsigned char *buf, size_t cap, socklen_t *len, char **err);
struct node *sockopt_decode(enum opt_kind kind, const unsigned char *buf, socklen_t len);

#endif
