/* SPDX-License-Identifier: MIT */
/*
 * Probes: the one system call (or two) that shows whether the running
 * kernel has a documented family, protocol or option, run in a throw-away
 * network namespace (and user namespace when not root) so nothing is left
 * behind in the host's.  `sockspec availability` runs them on the running
 * kernel; a run with --json runs them after its cases and records them, so
 * a results file from another kernel (a VM) carries its probes too.
 */
#ifndef SOCKSPEC_PROBE_H
#define SOCKSPEC_PROBE_H

#include <stdbool.h>
#include <stddef.h>

enum probe_kind {
	PROBE_SOCKET,		/* socket(domain, type, protocol) succeeds */
	PROBE_SETSOCKOPT,	/* ... and setsockopt(level, optname, [value]) succeeds */
	PROBE_GETSOCKOPT,	/* ... and getsockopt(level, optname) succeeds */
	PROBE_FLAGS,		/* socket(domain, type | SOCK_CLOEXEC | SOCK_NONBLOCK) sets both */
	PROBE_ALG_BIND,		/* ... and bind(AF_ALG {alg_type, alg_name}) succeeds */
};

struct probe {
	const char *text;	/* as shown and recorded: "socket(AF_CAN, SOCK_RAW, CAN_RAW)" */
	enum probe_kind kind;
	int domain, type, protocol;
	int level, optname, value;
	const char *alg_type, *alg_name;
	bool protocol_be16;	/* PROTOCOL is an EtherType: pass htons(protocol) */
	const char *module;	/* loaded first (modprobe, as root) when the family has no
				 * autoload alias (rds), or NULL */
	bool init_netns;	/* the family exists only in the initial network namespace
				 * (qrtr): probed there inside a sockspec VM, else inconclusive */
};

enum probe_outcome {
	PROBE_OK,		/* there, and as documented */
	PROBE_ABSENT,		/* the kernel does not have it (EAFNOSUPPORT, ENOPROTOOPT...) */
	PROBE_DIFFERENT,	/* there, but not as documented (a flag not set) */
	PROBE_DENIED,		/* EPERM/EACCES: says nothing about the kernel */
	PROBE_FAILED,		/* anything else, or the probe could not run */
};

struct probe_result {
	enum probe_outcome outcome;
	char detail[160];	/* "= -1 EAFNOSUPPORT", "FD_CLOEXEC not set", "" */
};

/* "ok", "absent", "different", "denied", "failed" (recorded in JSON). */
const char *probe_outcome_name(enum probe_outcome o);
int probe_outcome_from_name(const char *s);	/* -1 when unknown */

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
