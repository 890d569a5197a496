/* SPDX-License-Identifier: MIT */
/*
 * The running kernel's identity and configuration.
 *
 * The parsed config lives in ONE allocation hung off ki->entries: the sorted
 * entry array followed by a private copy of the config text, which is cut up
 * in place so every name/value points into it.  That keeps kinfo_free() a
 * single free() and needs no extra field in the public struct.
 */
#define _GNU_SOURCE
#include "exec/kernel.h"

#include <errno.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/utsname.h>
#include <zlib.h>

/* A kernel config is ~200 KiB; anything past this is not a config. */
#define KCONFIG_MAX_BYTES (64u << 20)

struct kconfig_entry {
	const char *name;	/* without the "CONFIG_" prefix */
	const char *value;	/* NULL while parsing means "is not set" */
	size_t order;		/* position in the file: later lines win */
};

static const char config_prefix[] = "CONFIG_";
#define CONFIG_PREFIX_LEN (sizeof(config_prefix) - 1)

/* ---- config text parsing ----------------------------------------------- */

/*
 * Truncating copy of a string of at most SRC_MAX bytes (utsname fields are
 * fixed arrays that may exceed our buffers, or be unterminated at the end).
 */
static void copy_str(char *dst, size_t size, const char *src, size_t src_max)
{
	size_t n = strnlen(src, src_max);

	if (n > size - 1)
		n = size - 1;
	memcpy(dst, src, n);
	dst[n] = '\0';
}

static int is_symbol_char(char c)
{
	return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
	       (c >= '0' && c <= '9') || c == '_';
}

static char *skip_blanks(char *s)
{
	while (*s == ' ' || *s == '\t')
		s++;
	return s;
}

static void trim_right(char *s)
{
	size_t n = strlen(s);

	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r'))
		s[--n] = '\0';
}

/*
 * Kconfig writes strings as "..." with \" and \\ escaped.  Unquote in place;
 * an unterminated string keeps what was there.
 */
static void unquote(char *v)
{
	char *r = v + 1, *w = v;

	while (*r && *r != '"') {
		if (*r == '\\' && r[1])
			r++;
		*w++ = *r++;
	}
	*w = '\0';
}

/*
 * If S starts with "CONFIG_<symbol>", NUL-terminate the symbol and return
 * it (prefix dropped); END gets the character that followed it.
 */
static char *take_symbol(char *s, char *end)
{
	char *name, *p;

	if (strncmp(s, config_prefix, CONFIG_PREFIX_LEN) != 0)
		return NULL;
	name = p = s + CONFIG_PREFIX_LEN;
	while (is_symbol_char(*p))
		p++;
	if (p == name)
		return NULL;
	*end = *p;
	*p = '\0';
	return name;
}

/* Parse one line in place into E.  1 if it was an assignment or "not set". */
static int parse_config_line(char *line, struct kconfig_entry *e)
{
	char *s = skip_blanks(line), *name, *value, after;

	trim_right(s);
	if (*s == '#') {
		/* "# CONFIG_FOO is not set" is a real statement: FOO is n. */
		s = skip_blanks(s + 1);
		name = take_symbol(s, &after);
		if (!name || after != ' ')
			return 0;
		if (strcmp(name + strlen(name) + 1, "is not set") != 0)
			return 0;
		e->name = name;
		e->value = NULL;
		return 1;
	}
	name = take_symbol(s, &after);
	if (!name || after != '=')
		return 0;
	value = name + strlen(name) + 1;
	if (*value == '"')
		unquote(value);
	e->name = name;
	e->value = value;
	return 1;
}

static int entry_name_cmp(const void *a, const void *b)
{
	const struct kconfig_entry *x = a, *y = b;

	return strcmp(x->name, y->name);
}

static int entry_cmp(const void *a, const void *b)
{
	const struct kconfig_entry *x = a, *y = b;
	int c = strcmp(x->name, y->name);

	if (c)
		return c;
	return (x->order > y->order) - (x->order < y->order);
}

/*
 * Sort by name, keep only the last statement for each symbol (as Kconfig
 * does when fragments are merged), then drop the "not set" ones.
 */
static size_t sort_and_squash(struct kconfig_entry *e, size_t n)
{
	size_t i, out = 0;

	qsort(e, n, sizeof(*e), entry_cmp);
	for (i = 0; i < n; i++) {
		if (i + 1 < n && strcmp(e[i].name, e[i + 1].name) == 0)
			continue;
		if (e[i].value)
			e[out++] = e[i];
	}
	return out;
}

static size_t count_lines(const char *text, size_t len)
{
	size_t n = 1;
	const char *p = text, *end = text + len;

	while ((p = memchr(p, '\n', (size_t)(end - p))) != NULL) {
		n++;
		p++;
	}
	return n;
}

/* Parse LEN bytes of TEXT (may hold NULs: they end a line's content). */
static int load_config_buf(struct kinfo *ki, const char *text, size_t len,
			   const char *source)
{
	size_t max = count_lines(text, len), n = 0;
	struct kconfig_entry *e;
	char *copy, *line, *next;

	if (max > (SIZE_MAX - len - 1) / sizeof(*e)) {
		errno = ENOMEM;
		return -1;
	}
	e = malloc(max * sizeof(*e) + len + 1);
	if (!e)
		return -1;
	copy = (char *)(e + max);
	memcpy(copy, text, len);
	copy[len] = '\0';

	for (line = copy; line < copy + len; line = next) {
		char *nl = memchr(line, '\n', (size_t)(copy + len - line));

		next = nl ? nl + 1 : copy + len;
		if (nl)
			*nl = '\0';
		if (n < max && parse_config_line(line, &e[n])) {
			e[n].order = n;
			n++;
		}
	}
	n = sort_and_squash(e, n);

	free(ki->entries);
	ki->entries = e;
	ki->n_entries = (int)n;
	if (!source)
		source = "";
	copy_str(ki->config_source, sizeof(ki->config_source), source, strlen(source));
	return 0;
}

/*
 * KI must be zero-initialised or previously loaded: any config it already
 * holds is replaced (and freed).
 */
int kinfo_load_config_text(struct kinfo *ki, const char *text, const char *source)
{
	if (!ki || !text) {
		errno = EINVAL;
		return -1;
	}
	return load_config_buf(ki, text, strlen(text), source);
}

/* ---- config files ------------------------------------------------------ */

/*
 * Read a whole file through zlib, which passes plain (uncompressed) files
 * through unchanged, so one reader serves /proc/config.gz and /boot/config-*.
 */
static char *read_maybe_gz(const char *path, size_t *len)
{
	gzFile gz = gzopen(path, "rb");
	size_t cap = 256 * 1024, n = 0;
	char *buf = NULL;

	if (!gz)
		return NULL;
	for (;;) {
		int got;

		if (n == cap || !buf) {
			char *nb;

			if (buf)
				cap *= 2;
			if (cap > KCONFIG_MAX_BYTES)
				goto fail;
			nb = realloc(buf, cap);
			if (!nb)
				goto fail;
			buf = nb;
		}
		got = gzread(gz, buf + n, (unsigned)(cap - n));
		if (got < 0)
			goto fail;
		if (got == 0)
			break;
		n += (size_t)got;
	}
	gzclose(gz);
	*len = n;
	return buf;
fail:
	free(buf);
	gzclose(gz);
	return NULL;
}

static int load_config_file(struct kinfo *ki, const char *path)
{
	size_t len;
	char *buf = read_maybe_gz(path, &len);
	int rc;

	if (!buf)
		return -1;
	rc = load_config_buf(ki, buf, len, path);
	free(buf);
	/* A file without a single symbol (empty, not a config) is no source. */
	if (rc == 0 && ki->n_entries == 0) {
		kinfo_free(ki);
		rc = -1;
	}
	return rc;
}

int kinfo_load(struct kinfo *ki, const char *config_path)
{
	struct utsname u;
	char boot[sizeof(ki->release) + 16];

	memset(ki, 0, sizeof(*ki));
	if (uname(&u) == 0) {
		copy_str(ki->release, sizeof(ki->release), u.release, sizeof(u.release));
		copy_str(ki->version, sizeof(ki->version), u.version, sizeof(u.version));
		copy_str(ki->machine, sizeof(ki->machine), u.machine, sizeof(u.machine));
		kversion_parse(ki->release, &ki->kv);
	}

	/* An explicit path replaces the search; it does not extend it. */
	if (config_path) {
		load_config_file(ki, config_path);
		return 0;
	}
	if (load_config_file(ki, "/proc/config.gz") == 0)
		return 0;
	if (ki->release[0]) {
		snprintf(boot, sizeof(boot), "/boot/config-%s", ki->release);
		load_config_file(ki, boot);
	}
	return 0;
}

const char *kconfig_get(const struct kinfo *ki, const char *symbol)
{
	struct kconfig_entry key = { 0 }, *hit;

	if (!ki || !symbol || !ki->entries || ki->n_entries <= 0)
		return NULL;
	if (strncmp(symbol, config_prefix, CONFIG_PREFIX_LEN) == 0)
		symbol += CONFIG_PREFIX_LEN;
	key.name = symbol;
	/* Names are unique after squashing, so ignore the order tie-break. */
	hit = bsearch(&key, ki->entries, (size_t)ki->n_entries,
		      sizeof(*hit), entry_name_cmp);
	return hit ? hit->value : NULL;
}

void kinfo_free(struct kinfo *ki)
{
	if (!ki)
		return;
	free(ki->entries);
	ki->entries = NULL;
	ki->n_entries = 0;
	ki->config_source[0] = '\0';
}
