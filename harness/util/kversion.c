// SPDX-License-Identifier: MIT
/* Kernel release numbers (kversion.h). */
#include "util/kversion.h"

#include <limits.h>
#include <string.h>

/* Digits at S into *OUT; the character after them, or NULL on overflow/none. */
static const char *parse_uint(const char *s, int *out)
{
	long v = 0;

	if (*s < '0' || *s > '9')
		return NULL;
	while (*s >= '0' && *s <= '9') {
		v = v * 10 + (*s - '0');
		if (v > INT_MAX)
			return NULL;
		s++;
	}
	*out = (int)v;
	return s;
}

int kversion_parse(const char *release, struct kversion *out)
{
	struct kversion kv = { 0, 0, 0 };
	const char *p;

	if (out)
		memset(out, 0, sizeof(*out));
	if (!release || !out)
		return -1;
	/* major.minor is mandatory; ".patch" is optional ("5.4" is 5.4.0). */
	p = parse_uint(release, &kv.major);
	if (!p || *p != '.')
		return -1;
	p = parse_uint(p + 1, &kv.minor);
	if (!p)
		return -1;
	if (*p == '.' && p[1] >= '0' && p[1] <= '9') {
		p = parse_uint(p + 1, &kv.patch);
		if (!p)
			return -1;
	}
	/*
	 * Whatever follows is the local suffix ("-28-amd64", "-rc3", "+").
	 * A digit cannot follow (parse_uint ate them all), so nothing to check.
	 */
	*out = kv;
	return 0;
}

static int cmp_int(int a, int b)
{
	return (a > b) - (a < b);
}

int kversion_cmp(const struct kversion *a, const struct kversion *b)
{
	int c = cmp_int(a->major, b->major);

	if (!c)
		c = cmp_int(a->minor, b->minor);
	if (!c)
		c = cmp_int(a->patch, b->patch);
	return c;
}
