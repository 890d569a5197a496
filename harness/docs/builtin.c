// SPDX-License-Identifier: MIT
/* The built-in documentation (builtin.h); the bytes come from build/gen/doc_text.c. */
#include "docs/builtin.h"
#include "util/util.h"

#include <stdlib.h>

extern const char sockspec_doc_name[];
extern const unsigned char sockspec_doc_text[];
extern const size_t sockspec_doc_len;

int doc_index_builtin(struct doc_index *di)
{
	if (!sockspec_doc_len)
		return -1;
	char *path = xasprintf("%s (built in)", sockspec_doc_name);
	int rc = doc_index_parse(di, (const char *)sockspec_doc_text, path);
	free(path);
	return rc;
}
