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

int totals_failures(const struct totals *t)
{
	return t->n[ST_FAIL] + t->n[ST_XPASS];
}

int totals_errors(const struct totals *t)
{
	return t->n[ST_TIMEOUT] + t->n[ST_ERROR];
}

int totals_skipped(const struct totals *t)
{
	return t->n[ST_SKIP] + t->n[ST_XFAIL];
}

void totals_add(struct totals *t, enum status s)
{
	if ((unsigned)s < ST__COUNT)
		t->n[s]++;
}
