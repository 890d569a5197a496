/* SPDX-License-Identifier: MIT */
/*
 * Isolation for one case: called in the forked child before anything
 * else.  The child gets a fresh network namespace with lo up (inside a
 * fresh user namespace when not root), its own process group, and a
 * private working directory for filesystem socket names.  keep_netns
 * (netns initial, inside a vm-run guest only) leaves the network
 * namespace as it is.
 */
#ifndef SOCKSPEC_EXEC_SANDBOX_H
#define SOCKSPEC_EXEC_SANDBOX_H

#include <stdbool.h>
#include <sys/types.h>

struct sandbox {
	bool host_root;		/* real root: no user namespace needed */
	uid_t uid;		/* the runner's ids, mapped to 0 inside */
	gid_t gid;
	const char *dir;	/* working directory, made by the runner */
	bool keep_netns;	/* stay in the current network namespace (netns initial) */
};

/* 0 ok; -1 with *err (malloc'd) naming the failed operation. */
int sandbox_enter(const struct sandbox *sb, char **err);

/*
 * Is this a throw-away guest that scripts/vm-run booted?  vm-run puts the
 * token sockspec.vm=1 on the guest kernel's command line; only then may a
 * case run in the initial network namespace.
 */
bool sandbox_vm_guest(void);

/* Bring lo up in the current network namespace. */
int sandbox_lo_up(char **err);

#endif
