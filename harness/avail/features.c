// SPDX-License-Identifier: MIT
/*
 * The availability features, gathered from the family descriptors
 * (core/family.h, features): each family declares the documented parts of
 * it that carry a Linux availability note, with their CONFIG_ symbols,
 * probe and cases.  A note whose subjects no feature covers still gets a
 * verdict, from the cases citing it alone.
 */
#include "avail/avail.h"
#include "core/family.h"
#include "core/feature.h"
#include "util/util.h"

const struct avail_feature *const *avail_feature_list(size_t *n)
{
	static const struct avail_feature **list;
	static size_t count;
	if (!list) {
		size_t nf, k = 0;
		const struct sockspec_family *const *f = families(&nf);
		for (size_t i = 0; i < nf; i++)
			for (const struct avail_feature *a = f[i]->features; a && a->name; a++)
				k++;
		list = xcalloc(k + 1, sizeof(*list));
		for (size_t i = 0; i < nf; i++)
			for (const struct avail_feature *a = f[i]->features; a && a->name; a++)
				list[count++] = a;
	}
	*n = count;
	return list;
}
