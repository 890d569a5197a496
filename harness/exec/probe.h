/* SPDX-License-Identifier: MIT */
/*
 * Probes: the one system call (or two) that shows whether the running
 * kernel has a documented family, protocol or option, run in a throw-away
 * network namespace (and user namespace when not root) so nothing is left
 * behind in the host's.  `sockspec availability` runs them on the running
 * kernel; a run with --json runs them after its cases and records them, so
 * a results file from another kernel (a VM) carries its probes too.
 */
#ifndef SOCKSPEC_EXEC_PROBE_H
#define SOCKSPEC_EXEC_PROBE_H

#include <stdbool.h>
#include <stddef.h>

#include "core/probe.h"

/*
 * OUT as what errno E from CALL ("socket", "bind") says: absent
 * (EAFNOSUPPORT, ENOPROTOOPT, ENOENT...), denied (EPERM, EACCES) or failed;
 * detail "bind = -1 ENOENT".  For custom probes (PROBE_CUSTOM).
 */
void probe_set_errno(struct probe_result *out, const char *call, int e);

/* Run P in the calling process (tests; the namespace is the caller's). */
void probe_run_here(const struct probe *p, struct probe_result *out);

/*
 * Run the N probes in one forked child inside fresh namespaces (user +
 * net when not HOST_ROOT); those marked init_netns in a second child that
 * stays in the initial namespace, and only inside a sockspec VM.  OUT[i] is P[i]'s result; a child that could
 * not set up leaves every result PROBE_FAILED with the reason.  0 ok, -1
 * when no child could be started (results PROBE_FAILED).
 */
int probe_run_all(const struct probe *const *p, size_t n, bool host_root,
		  struct probe_result *out);

#endif
