// SPDX-License-Identifier: MIT
#include "core/status.h"

#include <string.h>

static const char *const names[] = {
	[ST_PASS] = "pass", [ST_FAIL] = "fail", [ST_SKIP] = "skip",
	[ST_XFAIL] = "xfail", [ST_XPASS] = "xpass", [ST_TIMEOUT] = "timeout",
	[ST_ERROR] = "error",
};

const char *status_name(enum status s)
{
	return s < ST__COUNT ? names[s] : "?";
}

int status_from_name(const char *s)
{
	for (int i = 0; s && i < ST__COUNT; i++)
		if (strcmp(names[i], s) == 0)
			return i;
	return -1;
}

bool status_is_failure(enum status s)
{
	return s == ST_FAIL || s == ST_XPASS || s == ST_TIMEOUT || s == ST_ERROR;
}

int totals_ran(const struct totals *t)
{
	int n = 0;
	for (int s = 0; s < ST__COUNT; s++)
		n += s != ST_SKIP ? t->n[s] : 0;
	return n;
}

int totals_failed(const struct totals *t)
{
	int n = 0;
	for (int s = 0; s < ST__COUNT; s++)
		n += status_is_failure((enum status)s) ? t->n[s] : 0;
	return n;
}
