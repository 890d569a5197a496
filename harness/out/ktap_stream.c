// SPDX-License-Identifier: MIT
/* The KTAP of a run, streamed in plan order (ktap_stream.h). */
#include "out/ktap_stream.h"
#include "out/ktap.h"

static size_t file_index(const struct ktap_stream *k, const struct casefile *cf)
{
	for (size_t i = 0; i < k->nfiles; i++)
		if (k->files[i] == cf)
			return i;
	return 0;
}

static void close_file(struct ktap_stream *k)
{
	const char *dir = NULL;
	if (!k->file_failed && k->file_skipped == k->sel[k->cur_file])
		dir = "SKIP every case skipped";
	ktap_result(k->f, 0, !k->file_failed, k->cur_file + 1, k->files[k->cur_file]->name, dir);
	k->in_file = false;
	k->file_done = k->cur_file + 1;
}

/* Close the open file and print files before UPTO that had no case (parse errors). */
static void flush_files(struct ktap_stream *k, size_t upto)
{
	if (k->in_file && k->cur_file < upto)
		close_file(k);
	for (size_t i = k->file_done; i < upto; i++) {
		const struct casefile *cf = k->files[i];
		if (cf->errors) {
			ktap_diag(k->f, 0, cf->errors);
			ktap_result(k->f, 0, false, k->flat ? ++k->flat_n : i + 1, cf->name, NULL);
			k->totals.n[ST_ERROR]++;
		}
		k->file_done = i + 1;
	}
}

void ktap_stream_begin(struct ktap_stream *k, const char *title)
{
	if (k->flat) {
		size_t n = 0;
		for (size_t i = 0; i < k->nfiles; i++)
			n += k->files[i]->errors ? 1 : k->sel[i];
		fprintf(k->f, "TAP version 13\n# %s\n1..%zu\n", title, n);
	} else {
		fprintf(k->f, "KTAP version 1\n# %s\n1..%zu\n", title, k->nfiles);
	}
	fflush(k->f);
}

void ktap_stream_case(struct ktap_stream *k, const struct tcase *tc, const struct case_result *r)
{
	size_t fi = file_index(k, tc->file);
	flush_files(k, fi);
	if (k->flat) {
		ktap_case(k->f, 0, ++k->flat_n, tc, r, k->verbose);
		k->totals.n[r->status]++;
		fflush(k->f);
		return;
	}
	if (!k->in_file) {
		k->cur_file = fi;
		k->cur_case = 0;
		k->in_file = true;
		k->file_failed = false;
		k->file_skipped = 0;
		ktap_header(k->f, 1, tc->file->name, k->sel[fi]);
	}
	ktap_case(k->f, 1, ++k->cur_case, tc, r, k->verbose);
	k->totals.n[r->status]++;
	k->file_failed |= status_is_failure(r->status);
	k->file_skipped += r->status == ST_SKIP;
	fflush(k->f);
}

void ktap_stream_end(struct ktap_stream *k, const char *incomplete)
{
	if (incomplete) {
		/* the open file's plan is not met: a KTAP reader sees it fail */
		if (k->in_file) {
			k->file_failed = true;
			close_file(k);
		}
		fprintf(k->f, "%s\n", incomplete);
	} else {
		flush_files(k, k->nfiles);
	}
	ktap_totals(k->f, &k->totals);
	fflush(k->f);
}
