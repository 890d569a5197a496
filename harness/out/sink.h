/* SPDX-License-Identifier: MIT */
/*
 * One interface for every output file of a run (--json, --junit, --kcidb,
 * --ktap): a format is a writer of the whole report onto a stream, and a
 * sink is that format bound to a path.  Every sink is opened before the
 * first case runs, so a path that cannot be written is refused up front
 * (exit 2) rather than after the run; the report goes to a temporary file
 * beside the target and is renamed over it only once complete, so an
 * interrupted or failed write never leaves a truncated file where a good
 * one was.  "-" is standard output (at most one sink may have it).
 */
#ifndef SOCKSPEC_OUT_SINK_H
#define SOCKSPEC_OUT_SINK_H

#include <stdbool.h>
#include <stdio.h>

struct run_report;

struct sink_format {
	const char *name;	/* "json": shown in messages */
	const char *option;	/* "--json" */
	/* the whole report onto F; 0 ok, -1 on a write error */
	int (*write)(FILE *f, const struct run_report *r);
};

struct sink {
	const struct sink_format *fmt;
	const char *path;	/* as given; "-" for standard output */
	FILE *f;		/* the temporary file, or stdout */
	char *tmp;		/* its path, NULL for stdout */
};

/*
 * Bind FMT to PATH: for a file, make sure its folder exists and can be
 * written, that PATH is not a folder nor a file that cannot be replaced,
 * and create the temporary file beside it.  0 ok; -1 with *err (malloc'd,
 * naming the option and the path).
 */
int sink_open(struct sink *s, const struct sink_format *fmt, const char *path, char **err);

/* Write R and move it into place.  0 ok; -1 with *err, the target left as it was. */
int sink_commit(struct sink *s, const struct run_report *r, char **err);

/* Give up: remove the temporary file (the target is left as it was). */
void sink_discard(struct sink *s);

/* The temporary files of every open sink, removed from a signal handler. */
void sink_discard_all_unsafe(void);

#endif
