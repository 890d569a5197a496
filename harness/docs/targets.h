/* SPDX-License-Identifier: MIT */
/*
 * The Sphinx targets a reStructuredText document defines, so a case's `doc`
 * line can be checked against ../shared/socket.rst (and, later, coverage
 * computed over them).
 */
#ifndef SOCKSPEC_DOCS_TARGETS_H
#define SOCKSPEC_DOCS_TARGETS_H

#include <stddef.h>

enum doc_kind { DOC_LABEL, DOC_SECTION, DOC_OBJECT };

struct doc_target {
	char *name;	/* "socket.AF_UNIX", "socket.socket.accept", "host_port", "socket-families" */
	enum doc_kind kind;
	char *directive; /* "data", "function", "method", "class", "attribute", "exception", "label", "section" */
	int line;	/* 1-based line in the document */
	char *availability; /* text of the object's ".. availability::" note, or NULL */
};

/*
 * One ".. availability::" note, wherever it is: in an object's body (all
 * of them, not only the first), under a label or section, or in a list
 * item outside any object (the "Socket families" bullets, which are about
 * the family the item names first).
 */
enum doc_note_place { NOTE_OBJECT, NOTE_ITEM, NOTE_LABEL };

struct doc_note {
	int line;		/* 1-based line of the directive */
	char *text;		/* the note, whitespace collapsed */
	enum doc_note_place place;
	/*
	 * What it is about: an object's target names (every signature of the
	 * directive, "socket.AF_CAN", "socket.PF_CAN", ...), a list item's
	 * first :const:/:data: reference qualified with the module
	 * ("socket.AF_VSOCK"), or the label/section name.  subjects[0] is
	 * the one to show; NULL subjects (n 0) for an item without a reference.
	 */
	char **subjects;
	size_t nsubjects;
};

struct doc_index {
	char *path;
	struct doc_target *targets;
	size_t n;
	struct doc_note *notes;	/* document order */
	size_t nnotes;
};

/* Parse the document at PATH.  0 ok, -1 with errno set (file unreadable). */
int doc_index_load(struct doc_index *di, const char *path);

/* Parse from memory (tests). */
int doc_index_parse(struct doc_index *di, const char *text, const char *path);

/* The target called NAME, or NULL. */
const struct doc_target *doc_index_find(const struct doc_index *di, const char *name);

void doc_index_free(struct doc_index *di);

#endif
