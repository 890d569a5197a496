/* SPDX-License-Identifier: MIT */
/* Allocation that cannot fail silently, and small helpers. */
#ifndef SOCKSPEC_UTIL_UTIL_H
#define SOCKSPEC_UTIL_UTIL_H

#include <stddef.h>

void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t m);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Read a whole file; NULL with errno set on failure.  *len gets the size. */
char *read_file(const char *path, size_t *len);

/* Monotonic clock in seconds. */
double now_mono(void);

/* Remove a directory tree (best effort); 0 ok, -1 on the first error. */
int rm_tree(const char *path);

/* Remove everything inside directory PATH, keeping PATH itself. */
int rm_contents(const char *path);

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

#endif
