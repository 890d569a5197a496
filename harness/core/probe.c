// SPDX-License-Identifier: MIT
#include "core/probe.h"

#include <string.h>

static const char *const outcome_names[] = {
	[PROBE_OK] = "ok", [PROBE_ABSENT] = "absent", [PROBE_DIFFERENT] = "different",
	[PROBE_DENIED] = "denied", [PROBE_FAILED] = "failed",
};

const char *probe_outcome_name(enum probe_outcome o)
{
	return o <= PROBE_FAILED ? outcome_names[o] : "failed";
}

int probe_outcome_from_name(const char *s)
{
	for (int i = 0; s && i <= PROBE_FAILED; i++)
		if (strcmp(s, outcome_names[i]) == 0)
			return i;
	return -1;
}
