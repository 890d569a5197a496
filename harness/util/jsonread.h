/* SPDX-License-Identifier: MIT */
/*
 * A small, strict JSON reader (RFC 8259) for the records sockspec writes
 * with --json, read back by `sockspec diff`.  Strict means: UTF-8 only, no
 * comments, no trailing commas, no duplicate keys, no lone surrogates, no
 * leading zeros; anything else is an error with its line and column.  Any
 * input, however broken, gives either a tree or an error, never a crash:
 * nesting is limited to JSONREAD_MAX_DEPTH so recursion stays bounded.
 */
#ifndef SOCKSPEC_UTIL_JSONREAD_H
#define SOCKSPEC_UTIL_JSONREAD_H

#include <stdbool.h>
#include <stddef.h>

/* Arrays and objects nested deeper than this are rejected. */
#define JSONREAD_MAX_DEPTH 128

enum jv_type { JV_NULL, JV_BOOL, JV_NUMBER, JV_STRING, JV_ARRAY, JV_OBJECT };

struct jv_member;

struct jv {
	enum jv_type type;
	int line, col;			/* where the value starts, 1-based (col in characters) */
	bool boolean;			/* JV_BOOL */
	double number;			/* JV_NUMBER */
	char *str;			/* JV_STRING: decoded UTF-8, NUL-terminated ... */
	size_t len;			/* ... but may hold NULs (\u0000): its length */
	struct jv *items;		/* JV_ARRAY: elements */
	struct jv_member *members;	/* JV_OBJECT: members in document order */
	size_t n;			/* element or member count */
};

struct jv_member {
	char *key;			/* decoded; may hold NULs, see klen */
	size_t klen;
	int line, col;			/* where the key starts */
	struct jv value;
};

struct jv_error {
	int line, col;			/* 1-based, col in characters */
	char msg[160];
};

/*
 * Parse the LEN bytes at TEXT (need not be NUL-terminated) into *OUT.
 * 0 on success (free with jv_free); -1 with *ERR filled and *OUT empty.
 */
int jv_parse(const char *text, size_t len, struct jv *out, struct jv_error *err);

void jv_free(struct jv *v);

/* Member KEY of object OBJ, or NULL (also when OBJ is NULL or no object). */
const struct jv *jv_get(const struct jv *obj, const char *key);

/* V's string when it is a string without NULs, else NULL. */
const char *jv_string(const struct jv *v);

/*
 * Length of the well-formed UTF-8 sequence at P (at most AVAIL bytes), 0
 * when there is none: no overlong forms, no surrogates, nothing above
 * U+10FFFF (RFC 3629).  The reader's own check, shared with junit.c.
 */
size_t utf8_valid_len(const unsigned char *p, size_t avail);

/* "null", "boolean", "number", "string", "array", "object" */
const char *jv_type_name(enum jv_type t);

#endif
