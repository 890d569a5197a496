/* SPDX-License-Identifier: MIT */
/*
 * A documented feature with a Linux availability note (a family, protocol
 * or option), as its family declares it: the CONFIG_ symbols it needs
 * (which the notes never mention), the probe that shows it, and the case
 * ids about it besides the cases whose doc line cites one of its subjects.
 * `sockspec availability` judges the notes from these (avail/).
 */
#ifndef SOCKSPEC_CORE_FEATURE_H
#define SOCKSPEC_CORE_FEATURE_H

#include "core/probe.h"

#define AVAIL_MAX_SUBJECTS 8
#define AVAIL_MAX_CONFIG 4
#define AVAIL_MAX_GLOBS 4

struct avail_feature {
	const char *name;			/* "AF_CAN", "CAN_J1939": unique */
	const char *parent;			/* the feature it is part of, or NULL */
	const char *subjects[AVAIL_MAX_SUBJECTS]; /* doc names it covers: "socket.AF_CAN" */
	const char *config[AVAIL_MAX_CONFIG];	/* CONFIG_ symbols it needs (all of them) */
	struct probe probe;			/* probe.text NULL: none */
	const char *cases[AVAIL_MAX_GLOBS];	/* case-id globs besides the cases citing it */
};

#endif
