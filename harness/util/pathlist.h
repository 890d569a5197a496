/* SPDX-License-Identifier: MIT */
/* A growable list of owned strings (file paths). */
#ifndef SOCKSPEC_UTIL_PATHLIST_H
#define SOCKSPEC_UTIL_PATHLIST_H

#include <stddef.h>

struct path_list {
	char **v;
	size_t n;
};

void path_list_add(struct path_list *p, char *s);	/* takes S */
void path_list_free(struct path_list *p);

#endif
