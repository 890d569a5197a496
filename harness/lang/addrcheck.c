// SPDX-License-Identifier: MIT
/*
 * An address written in a case, checked when the file is parsed: it
 * starts with sa_family, and names only the fields of its family's codec
 * (core/addrcodec.h), so a typo is a parse error with its column rather
 * than a failure at run time.
 */
#include "lang/addrcheck.h"
#include "core/addrcodec.h"
#include "core/family.h"
#include "util/util.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

int addr_check_literal(const struct node *st, int *col, char **err)
{
	const struct node *f = node_get_field(st, "sa_family");
	*col = st->col;
	if (!f) {
		*err = xstrdup("an address starts with sa_family=AF_...");
		return -1;
	}
	if (f->kind != N_SYM && f->kind != N_INT)
		return 0;	/* a $variable: checked when the step runs */
	const struct sockspec_family *fam = family_find((int)f->ival);
	const struct addr_codec *c = fam ? fam->addr : NULL;
	if (!c)
		return 0;
	for (size_t i = 0; i < st->nkids; i++) {
		const struct node *e = st->kids[i];
		const char *k = node_entry_key(e);
		if (e->kind == N_ELLIPSIS || (k && !strcmp(k, "sa_family")))
			continue;
		bool found = false;
		for (size_t j = 0; k && c->fields[j]; j++)
			found |= !strcmp(k, c->fields[j]);
		if (!found) {
			struct sbuf sb = { 0 };
			for (size_t j = 0; c->fields[j]; j++)
				sb_printf(&sb, "%s%s", j ? ", " : "", c->fields[j]);
			*col = e->col;
			*err = xasprintf("%s is not a field of %s addresses (fields: %s)",
					 k ? k : "this value", c->name, sb.s);
			sb_free(&sb);
			return -1;
		}
	}
	return 0;
}
