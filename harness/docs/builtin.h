/* SPDX-License-Identifier: MIT */
/*
 * The documentation built into the program (scripts/gen-doc, from the
 * Makefile's DOC): the default against which every case's `doc` target is
 * checked, so a citation of a target the document does not define is a
 * parse error on every run, not only with --doc.
 */
#ifndef SOCKSPEC_DOCS_BUILTIN_H
#define SOCKSPEC_DOCS_BUILTIN_H

#include "docs/targets.h"

#include <stdbool.h>

/* Load the built-in document into DI (its path reads "socket.rst (built in)").
 * 0 ok; -1 when the program was built without one. */
int doc_index_builtin(struct doc_index *di);

#endif
