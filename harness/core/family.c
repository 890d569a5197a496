// SPDX-License-Identifier: MIT
#include "core/family.h"

#include <stdlib.h>
#include <string.h>

SOCKSPEC_SECTION_BOUNDS(family, struct sockspec_family);

static int by_number(const void *a, const void *b)
{
	const struct sockspec_family *x = *(const struct sockspec_family *const *)a;
	const struct sockspec_family *y = *(const struct sockspec_family *const *)b;
	return x->af != y->af ? x->af - y->af : strcmp(x->name, y->name);
}

/*
 * The section in a fixed order, whatever the link order was: the order
 * shows in reports (probes, the config fragment).  Made once; the
 * descriptors are constant.
 */
const struct sockspec_family *const *families(size_t *n)
{
	static const struct sockspec_family **sorted;
	static size_t count;
	if (!sorted) {
		size_t k = 0;
		SOCKSPEC_FOREACH(family, struct sockspec_family, f)
			k++;
		const struct sockspec_family **v = calloc(k + 1, sizeof(*v));
		if (!v)
			abort();
		k = 0;
		SOCKSPEC_FOREACH(family, struct sockspec_family, f)
			v[k++] = *f;
		if (k > 1)
			qsort(v, k, sizeof(*v), by_number);
		count = k;
		sorted = v;
	}
	*n = count;
	return sorted;
}

const struct sockspec_family *family_find(int af)
{
	size_t n;
	const struct sockspec_family *const *v = families(&n);
	for (size_t i = 0; i < n; i++)
		if (v[i]->af == af)
			return v[i];
	return NULL;
}

const struct sockspec_family *family_of_cases(const char *dir)
{
	size_t n;
	const struct sockspec_family *const *v = families(&n);
	for (size_t i = 0; i < n; i++)
		if (v[i]->cases && strcmp(v[i]->cases, dir) == 0)
			return v[i];
	return NULL;
}
