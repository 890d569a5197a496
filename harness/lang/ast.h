/* SPDX-License-Identifier: MIT */
/*
 * The value tree shared by the parser (what a case wrote), the codecs (what
 * the kernel returned, decoded into the same shape) and the printer, so
 * expected and actual values print in one notation: the one strace uses.
 */
#ifndef SOCKSPEC_LANG_AST_H
#define SOCKSPEC_LANG_AST_H

#include <stdbool.h>
#include <stddef.h>

enum node_kind {
	N_INT,		/* 42, 0x10, -1 */
	N_SYM,		/* AF_INET: a named constant, value in ival */
	N_STR,		/* "bytes", @"abstract" (abstract=true) */
	N_REGEX,	/* ~"ERE" (pattern only), @~"ERE" */
	N_WILD,		/* _ : matches anything (pattern only) */
	N_ELLIPSIS,	/* ... : remaining struct fields are not checked */
	N_NULL,		/* NULL */
	N_HANDLE,	/* s : a named descriptor, slot in ival */
	N_VAR,		/* $port : captured on first match, compared after */
	N_CMP,		/* >0, >=1024, !=0 (pattern only): op, operand kid */
	N_OR,		/* A|B|C */
	N_LIST,		/* [a, b] */
	N_STRUCT,	/* {key=value, value, ...} */
	N_CALL,		/* htons(80), inet_addr("127.0.0.1") */
	N_REF,		/* &sin6_addr (names a field inside inet_pton) */
};

enum cmp_op { CMP_GT, CMP_GE, CMP_LT, CMP_LE, CMP_NE };

struct node {
	enum node_kind kind;
	int line, col;		/* where it was written (0 for decoded values) */
	char *key;		/* field name when this is a struct entry */
	char *name;		/* SYM/HANDLE/VAR/CALL/REF name */
	long long ival;		/* INT/SYM value, HANDLE slot */
	unsigned char *bytes;	/* STR/REGEX contents (NUL-terminated too) */
	size_t len;
	bool abstract;		/* STR/REGEX written with a leading @ */
	bool hex;		/* STR written x"00ff": prints (and makes what it
				   is compared with print) in hex */
	int op;			/* enum cmp_op for N_CMP */
	struct node **kids;
	size_t nkids;
};

struct node *node_new(enum node_kind kind);
struct node *node_int(long long v);
struct node *node_sym(const char *name, long long v);
struct node *node_str(const void *bytes, size_t len);
struct node *node_call(const char *fname, struct node *arg);
struct node *node_push(struct node *parent, struct node *kid);
/* Add KID to struct PARENT under field name KEY. */
struct node *node_field(struct node *parent, const char *key, struct node *kid);
struct node *node_clone(const struct node *n);
void node_free(struct node *n);

/* Struct entry named KEY (keyed, or an inet_pton(..., &KEY) entry). */
struct node *node_get_field(const struct node *st, const char *key);
/* Field key of a struct entry: its key, or the &ref of an inet_pton entry. */
const char *node_entry_key(const struct node *entry);
/*
 * The first entry of struct ST whose key is neither in KNOWN (NULL-
 * terminated) nor EXTRA (may be NULL), or NULL when all are known.  An
 * entry without a key is never known.  Callers word their own error.
 */
const struct node *node_unknown_field(const struct node *st, const char *const *known,
				      const char *extra);

/* Growable string used by every printer. */
struct sbuf {
	char *s;
	size_t len, cap;
};
void sb_puts(struct sbuf *sb, const char *s);
void sb_putc(struct sbuf *sb, char c);
void sb_printf(struct sbuf *sb, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void sb_put_escaped(struct sbuf *sb, const unsigned char *p, size_t n);
void sb_put_hex(struct sbuf *sb, const unsigned char *p, size_t n);	/* x"00ff" */
char *sb_take(struct sbuf *sb);	/* returns the string, resets sb */
void sb_free(struct sbuf *sb);

/*
 * Print N.  HINT (may be NULL) is the pattern this value was compared with:
 * an integer prints as the constant name(s) the pattern used when it can.
 * HANDLES (may be NULL) maps handle slots to names.
 */
void node_print(struct sbuf *sb, const struct node *n, const struct node *hint,
		char *const *handle_names);

#endif
