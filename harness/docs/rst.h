/* SPDX-License-Identifier: MIT */
/*
 * The reStructuredText reader's insides, shared by its parts:
 *   rst_scan.c     lines, section titles, labels and object directives
 *   rst_notes.c    availability notes, explicit markup, literal blocks, the scan
 *   targets.c      merging into the index, and the public API (targets.h)
 */
#ifndef SOCKSPEC_DOCS_RST_H
#define SOCKSPEC_DOCS_RST_H

#include "docs/targets.h"

#include <stddef.h>

/* Deeper object nesting than this is not real documentation; ignore it. */
#define MAX_DEPTH 64

struct rline {
	const char *s;		/* whole line, trailing whitespace removed */
	const char *body;	/* first non-blank character */
	int indent;		/* column of BODY, tabs expanded to 8 */
};

/* A target before merging; SEQ keeps the merge deterministic. */
struct raw_target {
	struct doc_target t;
	int noindex;		/* from a ":noindex:" signature: no target of its own */
	size_t seq;
};

/* An object directive whose indented body we may still be inside. */
struct open_obj {
	int indent;
	size_t first, count;	/* its targets: raw[first .. first+count) */
	char *cls;		/* class/exception: its name without module */
	int has_avail;
};

struct parser {
	struct rline *ln;
	size_t nln;
	struct raw_target *raw;
	size_t nraw, cap;
	char *module;		/* from ".. module::"/".. currentmodule::" */
	struct open_obj stack[MAX_DEPTH];
	int depth;
	long last_plain;	/* raw index of the last label/section, or -1 */
	int skip_indent;	/* >= 0: inside a literal block/comment deeper than this */
	long item_line;		/* line of the column-0 list item we are in, or -1 */
	struct doc_note *notes;	/* every availability note, in document order */
	size_t nnotes, notes_cap;
	int err;		/* errno of the first failure */
};

char *rst_dup_n(struct parser *p, const char *s, size_t n);
char *rst_dup_s(struct parser *p, const char *s);
char *rst_join3(struct parser *p, const char *a, const char *b, const char *c);
int rst_starts_with(const char *s, const char *prefix);
int rst_split_lines(struct parser *p, char *buf);
int rst_is_blank(const struct parser *p, size_t i);
size_t rst_try_section(struct parser *p, size_t i);
void rst_handle_label(struct parser *p, size_t i, const char *body);
int rst_is_object_directive(const char *name);
size_t rst_signature_name(const char *sig);
size_t rst_handle_object(struct parser *p, size_t i, const char *dir, const char *arg);
void rst_close_blocks(struct parser *p, int indent);
void rst_scan(struct parser *p);

#endif
