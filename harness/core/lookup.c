// SPDX-License-Identifier: MIT
/* Lookups by key in the registered tables (core/registry.h). */
#include "core/callspec.h"
#include "core/registry.h"
#include "core/valfn.h"

#include <string.h>

SOCKSPEC_SECTION_BOUNDS(calls, struct call_table);
SOCKSPEC_SECTION_BOUNDS(valfn, struct valfn_table);

const struct call_spec *call_find(const char *name)
{
	SOCKSPEC_FOREACH(calls, struct call_table, t)
		for (size_t i = 0; i < (*t)->n; i++)
			if (strcmp((*t)->calls[i].name, name) == 0)
				return &(*t)->calls[i];
	return NULL;
}

const struct value_func *value_func_find(const char *name)
{
	SOCKSPEC_FOREACH(valfn, struct valfn_table, t)
		for (size_t i = 0; i < (*t)->n; i++)
			if (strcmp((*t)->funcs[i].name, name) == 0)
				return &(*t)->funcs[i];
	return NULL;
}
