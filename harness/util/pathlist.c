// SPDX-License-Identifier: MIT
#include "util/pathlist.h"
#include "util/util.h"

#include <stdlib.h>

void path_list_add(struct path_list *p, char *s)
{
	p->v = xrealloc(p->v, (p->n + 1) * sizeof(char *));
	p->v[p->n++] = s;
}

void path_list_free(struct path_list *p)
{
	for (size_t i = 0; i < p->n; i++)
		free(p->v[i]);
	free(p->v);
	p->v = NULL;
	p->n = 0;
}
