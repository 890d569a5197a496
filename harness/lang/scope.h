/* SPDX-License-Identifier: MIT */
/*
 * What the values of a running case refer to: the descriptors its handles
 * name and the $variables its patterns captured.  Evaluating a value
 * (lang/match.h) and encoding one (addresses, options, payloads) needs
 * only this, not the interpreter that owns it.
 */
#ifndef SOCKSPEC_LANG_SCOPE_H
#define SOCKSPEC_LANG_SCOPE_H

#include <stddef.h>

struct node;

struct var {
	char *name;
	struct node *val;
};

struct scope {
	int *fds;		/* handle slot -> descriptor, -1 when not open */
	size_t nfds;
	struct var *vars;
	size_t nvars;
};

/* A $variable's value; NULL when no pattern captured it yet. */
const struct node *var_get(struct scope *sc, const char *name);
/* Capture V (copied, its field key dropped) as $NAME. */
void var_set(struct scope *sc, const char *name, const struct node *v);
/* Free the variables (the descriptors are the caller's). */
void scope_free(struct scope *sc);

#endif
