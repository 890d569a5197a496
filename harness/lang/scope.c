// SPDX-License-Identifier: MIT
#include "lang/scope.h"
#include "lang/ast.h"
#include "util/util.h"

#include <stdlib.h>
#include <string.h>

const struct node *var_get(struct scope *sc, const char *name)
{
	for (size_t i = 0; i < sc->nvars; i++)
		if (strcmp(sc->vars[i].name, name) == 0)
			return sc->vars[i].val;
	return NULL;
}

void var_set(struct scope *sc, const char *name, const struct node *v)
{
	sc->vars = xrealloc(sc->vars, (sc->nvars + 1) * sizeof(*sc->vars));
	sc->vars[sc->nvars].name = xstrdup(name);
	struct node *c = node_clone(v);
	free(c->key);
	c->key = NULL;
	sc->vars[sc->nvars++].val = c;
}

void scope_free(struct scope *sc)
{
	for (size_t i = 0; i < sc->nvars; i++) {
		free(sc->vars[i].name);
		node_free(sc->vars[i].val);
	}
	free(sc->vars);
	sc->vars = NULL;
	sc->nvars = 0;
}
