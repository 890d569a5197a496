// SPDX-License-Identifier: MIT
/* Output files opened before the run, written whole, renamed into place (sink.h). */
#define _GNU_SOURCE
#include "out/sink.h"
#include "util/util.h"

#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* The open sinks' temporary files, for sink_discard_all_unsafe(). */
#define MAX_SINKS 16
static char *open_tmp[MAX_SINKS];

static void remember(char *tmp)
{
	for (int i = 0; i < MAX_SINKS; i++)
		if (!open_tmp[i]) {
			open_tmp[i] = tmp;
			return;
		}
}

static void forget(const char *tmp)
{
	for (int i = 0; i < MAX_SINKS; i++)
		if (open_tmp[i] == tmp)
			open_tmp[i] = NULL;
}

int sink_open(struct sink *s, const struct sink_format *fmt, const char *path, char **err)
{
	memset(s, 0, sizeof(*s));
	s->fmt = fmt;
	s->path = path;
	if (!*path) {
		*err = xasprintf("%s wants a file name (or - for standard output)", fmt->option);
		return -1;
	}
	if (!strcmp(path, "-")) {
		s->f = stdout;
		return 0;
	}
	struct stat st;
	errno = 0;
	if (stat(path, &st) == 0) {
		if (S_ISDIR(st.st_mode)) {
			*err = xasprintf("%s %s: is a folder", fmt->option, path);
			return -1;
		}
		/*
		 * Renamed over, so the file itself need not be writable, but a
		 * read-only one says "do not replace", to root as well (for
		 * whom access() would allow it).
		 */
		if (access(path, W_OK) < 0 || !(st.st_mode & 0222)) {
			*err = xasprintf("%s %s: %s", fmt->option, path,
					 strerror(errno ? errno : EACCES));
			return -1;
		}
	}
	char *copy = xstrdup(path);
	char *dir = xstrdup(dirname(copy));
	free(copy);
	copy = xstrdup(path);
	char *base = basename(copy);
	s->tmp = xasprintf("%s/.%s.XXXXXX", dir, base);
	free(copy);
	int fd = mkstemp(s->tmp);
	if (fd < 0) {
		*err = xasprintf("%s %s: cannot write in %s: %s", fmt->option, path, dir,
				 strerror(errno));
		free(dir);
		free(s->tmp);
		s->tmp = NULL;
		return -1;
	}
	free(dir);
	/* the mode a plain fopen() would give (mkstemp makes it 0600) */
	mode_t um = umask(0);
	umask(um);
	fchmod(fd, 0666 & ~um);
	s->f = fdopen(fd, "w");
	if (!s->f) {
		*err = xasprintf("%s %s: %s", fmt->option, path, strerror(errno));
		close(fd);
		unlink(s->tmp);
		free(s->tmp);
		s->tmp = NULL;
		return -1;
	}
	remember(s->tmp);
	return 0;
}

int sink_commit(struct sink *s, const struct run_report *r, char **err)
{
	if (!s->f)
		return 0;
	errno = 0;
	int rc = s->fmt->write(s->f, r);
	int e = errno;
	if (fflush(s->f) || ferror(s->f))
		rc = -1, e = e ? e : errno;
	if (s->f == stdout) {
		s->f = NULL;
		if (rc < 0)
			*err = xasprintf("%s -: writing to standard output: %s", s->fmt->option,
					 strerror(e ? e : EIO));
		return rc;
	}
	if (fsync(fileno(s->f)) < 0 && !rc)
		rc = -1, e = errno;
	if (fclose(s->f) && !rc)
		rc = -1, e = errno;
	s->f = NULL;
	if (!rc && rename(s->tmp, s->path) < 0)
		rc = -1, e = errno;
	if (rc < 0) {
		*err = xasprintf("%s %s: %s (the file was left as it was)", s->fmt->option, s->path,
				 strerror(e ? e : EIO));
		unlink(s->tmp);
	}
	forget(s->tmp);
	free(s->tmp);
	s->tmp = NULL;
	return rc;
}

void sink_discard(struct sink *s)
{
	if (s->f && s->f != stdout)
		fclose(s->f);
	s->f = NULL;
	if (s->tmp) {
		unlink(s->tmp);
		forget(s->tmp);
		free(s->tmp);
		s->tmp = NULL;
	}
}

void sink_discard_all_unsafe(void)
{
	for (int i = 0; i < MAX_SINKS; i++)
		if (open_tmp[i])
			unlink(open_tmp[i]);
}
