/* SPDX-License-Identifier: MIT */
/*
 * A probe, as data: the one system call (or two) that shows whether the
 * running kernel has a documented family, protocol or option.  Families
 * declare theirs with their availability features (core/feature.h);
 * exec/probe.c runs them in a throw-away network namespace.
 */
#ifndef SOCKSPEC_CORE_PROBE_H
#define SOCKSPEC_CORE_PROBE_H

#include <stdbool.h>
#include <stddef.h>

enum probe_kind {
	PROBE_SOCKET,		/* socket(domain, type, protocol) succeeds */
	PROBE_SETSOCKOPT,	/* ... and setsockopt(level, optname, [value]) succeeds */
	PROBE_GETSOCKOPT,	/* ... and getsockopt(level, optname) succeeds */
	PROBE_FLAGS,		/* socket(domain, type | SOCK_CLOEXEC | SOCK_NONBLOCK) sets both */
	PROBE_CUSTOM,		/* ... and the probe's own run() says (a family's check) */
};

struct probe_result;

struct probe {
	const char *text;	/* as shown and recorded: "socket(AF_CAN, SOCK_RAW, CAN_RAW)" */
	enum probe_kind kind;
	int domain, type, protocol;
	int level, optname, value;
	const char *args[2];	/* PROBE_CUSTOM: strings for run() */
	/* PROBE_CUSTOM: what the socket FD shows; OUT starts as PROBE_OK */
	void (*run)(int fd, const struct probe *p, struct probe_result *out);
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

/* "ok", "absent", "different", "denied", "failed" (recorded in JSON). */
const char *probe_outcome_name(enum probe_outcome o);
int probe_outcome_from_name(const char *s);	/* -1 when unknown */

#endif
