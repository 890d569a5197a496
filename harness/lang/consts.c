/* SPDX-License-Identifier: MIT */
/*
 * Lookups over the tables that scripts/gen-consts generates.  Both tables
 * are sorted in strcmp order, so name lookups are binary searches; reverse
 * lookups (value -> name) are rare (diagnostics) and scan linearly.
 */
#define _GNU_SOURCE	/* strerrorname_np */
#include <stdlib.h>
#include <string.h>

#include "lang/consts.h"

static int sym_cmp(const void *key, const void *elem)
{
	return strcmp(key, ((const struct sym *)elem)->name);
}

static const struct sym *find(const struct sym *tab, size_t len,
			      const char *name)
{
	if (!name)
		return NULL;
	return bsearch(name, tab, len, sizeof(*tab), sym_cmp);
}

int consts_lookup(const char *name, long long *value)
{
	const struct sym *s = find(consts_table, consts_table_len, name);

	if (!s)
		return -1;
	if (value)
		*value = s->value;
	return 0;
}

static unsigned underscores(const char *s)
{
	unsigned n = 0;

	for (; *s; s++)
		n += *s == '_';
	return n;
}

/*
 * Several names can match: aliases (AF_FILE, AF_LOCAL, AF_UNIX) and other
 * namespaces sharing the prefix (SOCK_SNDBUF_LOCK is 1 like SOCK_STREAM).
 * The name with the fewest underscores after the prefix wins, as it is the
 * most direct member of the prefix's namespace; among equals, the one that
 * sorts first, since the table does not record which alias is canonical.
 * NULL means no name at all.  This departs from the comment in consts.h
 * ("NULL when more than one distinct name matches"): a diagnostic is better
 * served by a plausible name than by none.  Names with the prefix are
 * contiguous in the sorted table: the scan starts at the first of them and
 * stops after the last.
 */
const char *consts_name(long long value, const char *prefix)
{
	const char *best = NULL;
	unsigned best_us = 0;
	size_t plen, lo = 0, hi = consts_table_len;

	if (!prefix)
		prefix = "";
	plen = strlen(prefix);
	/* lower bound: first name >= prefix */
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (strcmp(consts_table[mid].name, prefix) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (; lo < consts_table_len; lo++) {
		const struct sym *s = &consts_table[lo];
		unsigned us;

		if (strncmp(s->name, prefix, plen) != 0)
			break;
		if (s->value != value)
			continue;
		us = underscores(s->name + plen);
		if (!best || us < best_us) {
			best = s->name;
			best_us = us;
		}
	}
	return best;
}

int errno_lookup(const char *name, int *value)
{
	const struct sym *s = find(errno_table, errno_table_len, name);

	if (!s)
		return -1;
	if (value)
		*value = (int)s->value;
	return 0;
}

/*
 * glibc knows which spelling is canonical (EOPNOTSUPP rather than ENOTSUP);
 * the table alone does not, so without glibc the first name in sorted order
 * stands in, which happens to pick EAGAIN and EDEADLK but also ENOTSUP.
 * strerrorname_np(0) is "0", not a name, hence the check for the E.
 */
const char *errno_name(int e)
{
	size_t i;

#if defined(__GLIBC__) && \
	(__GLIBC__ > 2 || (__GLIBC__ == 2 && __GLIBC_MINOR__ >= 32))
	const char *n = strerrorname_np(e);

	if (n && n[0] == 'E')
		return n;
#endif
	for (i = 0; i < errno_table_len; i++)
		if (errno_table[i].value == e)
			return errno_table[i].name;
	return NULL;
}
