// SPDX-License-Identifier: MIT
/* A case and its mutants, folded into one verdict (mutation.h). */
#include "exec/mutation.h"
#include "lang/mutate.h"

#include <stdlib.h>
#include <string.h>

static void set_reason(struct case_result *r, char *why)
{
	free(r->reason);
	r->reason = why;
}

bool mutation_add(struct mutation_fold *m, struct run_item *it, struct case_result *verdict)
{
	if (it->mutant < 0) {
		case_result_free(&m->base);
		m->base = it->res;
		memset(&it->res, 0, sizeof(it->res));
		m->total = mutate_count(it->tc);
		m->seen = 0;
		sb_free(&m->survived);
	} else {
		m->seen++;
		enum status s = it->res.status;
		if (s == ST_PASS || s == ST_SKIP) {
			char *d = mutate_describe(it->tc, (size_t)it->mutant);
			sb_printf(&m->survived, "mutant survived (%s): %s\n", status_name(s), d);
			free(d);
		}
		case_result_free(&it->res);
	}
	if (m->seen < m->total)
		return false;
	struct case_result r = m->base;
	memset(&m->base, 0, sizeof(m->base));
	if (r.status == ST_PASS && m->total == 0) {
		r.status = ST_FAIL;
		r.step_line = 0;
		set_reason(&r, xstrdup("the case has no expectation that could fail"));
		r.expected = xstrdup("at least one concrete expectation");
		r.actual = xstrdup("only wildcards");
	} else if (r.status == ST_PASS && m->survived.len) {
		r.status = ST_FAIL;
		r.step_line = 0;
		set_reason(&r, sb_take(&m->survived));
	} else if (r.status == ST_PASS) {
		set_reason(&r, xasprintf("%zu mutant%s killed", m->total, m->total == 1 ? "" : "s"));
	} else if (r.status == ST_XFAIL) {
		r.status = ST_SKIP;
		set_reason(&r, xstrdup("expected-failure case: mutants are not meaningful"));
	} else if (r.status != ST_SKIP) {
		/* the failing step, side by side, as a plain run would show it */
		char *step = r.expected ? xasprintf("\n%s:%d: %s\nexpected: %s\nactual:   %s",
						    it->tc->file->path, r.step_line,
						    r.step_text ? r.step_text : "", r.expected,
						    r.actual ? r.actual : "")
					: xstrdup("");
		set_reason(&r, xasprintf("the case as written does not pass (%s)%s%s%s",
					 status_name(r.status), r.reason ? ": " : "",
					 r.reason ? r.reason : "", step));
		free(step);
		if (r.status == ST_FAIL)
			r.status = ST_ERROR;
	}
	sb_free(&m->survived);
	*verdict = r;
	return true;
}

void mutation_fold_free(struct mutation_fold *m)
{
	case_result_free(&m->base);
	sb_free(&m->survived);
}
