/* SPDX-License-Identifier: MIT */
/*
 * The calls a step can make.  Each entry says how many arguments the call
 * takes and what each one is (descriptor, integer, address in or out,
 * buffer in or out, option value in or out, new descriptors), so the parser
 * checks a step before it runs and the interpreter knows which arguments
 * are expectations on what the kernel wrote back.
 *
 * Call tables register themselves (core/registry.h): calls/ holds the
 * generic socket calls, and a family folder the calls only its sockets
 * have (family/netlink/, family/inet/netdb.c).
 */
#ifndef SOCKSPEC_CORE_CALLSPEC_H
#define SOCKSPEC_CORE_CALLSPEC_H

#include <stdbool.h>
#include <stddef.h>

#define MAX_ARGS 6

enum argk {
	A_FD,		/* a handle (or a raw number, for EBADF cases) */
	A_INT,		/* integer expression: 1, SOCK_STREAM|SOCK_CLOEXEC, htons(80) */
	A_ADDR,		/* socket address passed in: {sa_family=..., ...} or NULL */
	A_ADDR_OUT,	/* socket address the kernel fills in: a pattern, _ or NULL */
	A_BUF,		/* bytes passed in: "ping", "x" * 200 */
	A_BUF_OUT,	/* bytes the kernel fills in: a pattern */
	A_OPT,		/* option value passed in: [1], {l_onoff=1, l_linger=0}, "cubic" */
	A_OPT_OUT,	/* option value the kernel fills in: a pattern */
	A_LEN_OUT,	/* a length the kernel writes back: [16] */
	A_NEWFDS,	/* [a, b]: names for descriptors the call creates */
	A_VAL,		/* any value passed in (the handler interprets it) */
	A_PAT,		/* any pattern for something the kernel or libc fills in */
};

struct exec;
struct step;
struct outcome;

struct call_spec {
	const char *name;
	unsigned char min_args, max_args;
	enum argk args[MAX_ARGS];
	bool makes_fd;		/* "h = call(...)" names the returned descriptor */
	void (*run)(struct exec *x, const struct step *st, struct outcome *o);
};

/* A group of calls, registered with SOCKSPEC_REGISTER(calls, struct call_table, t). */
struct call_table {
	const struct call_spec *calls;
	size_t n;
};

/* The call named NAME in any registered table, or NULL. */
const struct call_spec *call_find(const char *name);

#endif
