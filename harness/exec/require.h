/* SPDX-License-Identifier: MIT */
/*
 * Declared requirements, checked inside the case's namespaces before its
 * first step.  An unmet one is the only thing that makes a case skip, and
 * the reason names it exactly.
 */
#ifndef SOCKSPEC_EXEC_REQUIRE_H
#define SOCKSPEC_EXEC_REQUIRE_H

#include "lang/case.h"
#include "exec/kernel.h"

#include <stdbool.h>

struct report;

/*
 * NULL when R holds; else a malloc'd reason ("requires kernel >= 5.4:
 * running 4.19.0").  A module the check loads is reported on REP (may be
 * NULL) as a REC_MODULE record.
 */
char *req_unmet(const struct requirement *r, const struct kinfo *ki, bool host_root,
		struct report *rep);

/*
 * modprobe -q NAME (the kernel's own tool, so dependencies and aliases
 * resolve), output discarded: its exit status, 127 when modprobe is not
 * installed, 128 when it died of a signal, -1 when it could not be run.
 */
int module_load(const char *name);

/* First unmet requirement of TC (its file's, then its own), or NULL. */
char *case_unmet(const struct tcase *tc, const struct kinfo *ki, bool host_root,
		 struct report *rep);

#endif
