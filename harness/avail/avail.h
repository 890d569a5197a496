/* SPDX-License-Identifier: MIT */
/*
 * What `sockspec availability` knows and decides, apart from its input and
 * output (cmd_availability.c):
 *
 * - the feature table (avail_table.c): for each documented family,
 *   protocol or option with a Linux availability note, the CONFIG_
 *   symbols it needs, the probe that shows it, and the case ids about it;
 * - the Linux part of a note ("Linux >= 2.6.38" -> 2.6.38);
 * - the verdict for one note on one kernel, from the evidence gathered.
 */
#ifndef SOCKSPEC_AVAIL_AVAIL_H
#define SOCKSPEC_AVAIL_AVAIL_H

#include "exec/kernel.h"
#include "core/feature.h"
#include "exec/probe.h"
#include "exec/record.h"

#include <stdbool.h>
#include <stddef.h>

/* Every family's features (core/family.h), in family order: FS[0..*N). */
const struct avail_feature *const *avail_feature_list(size_t *n);

/* The feature covering the first of the N SUBJECTS that has one, or NULL. */
const struct avail_feature *avail_feature_for(char *const *subjects, size_t n);
const struct avail_feature *avail_feature_named(const char *name);

/* Does feature F take in case ID (by its globs)? */
bool avail_feature_has_case(const struct avail_feature *f, const char *id);

/* The Linux item of an availability note. */
struct linux_note {
	bool has_min;			/* "Linux >= X" rather than "Linux" */
	struct kversion min;
	char min_text[32];		/* "2.6.38" as written */
};

/*
 * Does an ".. availability::" note include Linux?  No note, or only
 * exclusions ("not WASI."), means every platform; otherwise Linux must be
 * named ("Linux >= 4.7", "Linux.") or implied ("Unix", "POSIX"), and not
 * excluded ("not Linux").
 */
bool availability_includes_linux(const char *note);

/* Does NOTE name Linux ("Linux.", "Linux >= 4.8", "Linux, FreeBSD")?  Fills *OUT. */
bool avail_parse_linux(const char *note, struct linux_note *out);

enum verdict {
	V_HOLDS,		/* the kernel has it (probe, cases) */
	V_ABSENT_CONFIG,	/* missing, and the config says why (a symbol not set) */
	V_CONTRADICTED,		/* newer than the minimum, config there, yet missing or different */
	V_ABSENT,		/* missing, and no config to tell why */
	V_NOT_TESTED,		/* no evidence either way */
	V_BELOW_MINIMUM,	/* the kernel is older than the note's minimum: it does not apply */
	V__COUNT
};

const char *verdict_name(enum verdict v);	/* "holds", "absent (config)", ... */
const char *verdict_key(enum verdict v);	/* "holds", "absent-config", ... (JSON) */

/* Everything known about one note on one kernel. */
struct evidence {
	bool version_known;
	int version_cmp;		/* kernel vs the note's minimum (0 when none) */
	bool config_known;		/* a config was read or recorded */
	const char *missing[AVAIL_MAX_CONFIG];	/* needed symbols not set */
	size_t nmissing;
	bool probe_known;
	enum probe_outcome probe;
	size_t cases[ST__COUNT];	/* the cases about it, by status */
};

enum verdict avail_judge(const struct evidence *e);

struct tcase;

/*
 * What a run records for later availability reports (--json, schema 2):
 * the CONFIG_ symbols of the table and of the NCASES cases' `requires
 * config` lines, sorted, each once ("CONFIG_" prefixed; free the array
 * and its strings), and the table's probes (free the array only).
 */
char **avail_record_symbols(struct tcase *const *cases, size_t ncases, size_t *n);
const struct probe **avail_probes(size_t *n);

#endif
