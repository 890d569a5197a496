/* SPDX-License-Identifier: MIT */
/*
 * `sockspec availability`, its parts: availability.c (options, the
 * command), avail_gather.c (the kernels, the evidence for each note on
 * each, the verdicts and the document's disagreements with itself) and
 * avail_report.c (plain text, Markdown and JSON).
 */
#ifndef SOCKSPEC_CMD_AVAIL_REPORT_H
#define SOCKSPEC_CMD_AVAIL_REPORT_H

#include "avail/avail.h"
#include "cmd/commands.h"
#include "docs/targets.h"
#include "out/json.h"
#include "exec/kernel.h"
#include "out/results.h"
#include "util/util.h"
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Failing cases and skip reasons named in a verdict's detail, at most. */
#define NAMED_CASES 3

/* ---- kernels ----------------------------------------------------------------- */

struct kcol {
	char label[8];			/* "K1" */
	const char *release, *machine;
	struct kversion kv;
	bool kv_ok;
	bool live;			/* the running kernel: kinfo and probes run now */
	struct kinfo *ki;
	struct probe_result *probes;	/* live: one per avail_probes() entry */
	struct results *res;		/* its cases (live: a record of the same release), or NULL */
	const char *config_source;
};

struct av {
	const char *doc_path;
	struct doc_index di;
	struct kcol *cols;
	size_t ncols;
	struct results *res;		/* every --results record */
	size_t nres;
	const struct probe **probes;	/* the table's probes, in table order */
	size_t nprobes;
	struct row *rows;		/* the Linux notes, in document order */
	size_t nrows;
	struct disagreement *dis;
	size_t ndis;
	size_t count[V__COUNT];
};

/* ---- one note on one kernel ------------------------------------------------------- */

struct cell {
	enum verdict v;
	struct evidence e;
	char *detail;			/* why, in a sentence */
	char *config;			/* "CONFIG_CAN=m, CONFIG_CAN_RAW is not set", or NULL */
	const char *probe_result;	/* "ok", "absent", ...; NULL: no probe known */
	const char *probe_detail;
	char *cases;			/* "3 pass, 1 skip", or NULL */
};

struct row {
	const struct doc_note *note;
	struct linux_note ln;
	const struct avail_feature *f;
	struct cell *cells;		/* one per kernel */
};

struct disagreement {
	const struct row *a, *b;
	const char *why;		/* "same feature" or "part older than its family" */
};

void judge_cell(struct av *a, struct row *r, const struct kcol *c, struct cell *cl);
void find_disagreements(struct av *a);
void build_rows(struct av *a);
int build_cols(struct av *a, bool running, const char *kconfig);
void text_report(FILE *f, const struct av *a);
void md_report(FILE *f, const struct av *a);
int avail_json_report(const char *path, const struct av *a);

#endif
