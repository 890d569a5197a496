// SPDX-License-Identifier: MIT
/*
 * A step printed two ways in one notation: as the case wrote it (the
 * expectation) and with the kernel's answers in the out-parameter and
 * return positions (the actual), so a failure reads as two strace lines.
 */
#include "core/callspec.h"
#include "lang/case.h"
#include "lang/consts.h"
#include "exec/interp.h"
#include "util/util.h"

#include <string.h>

static void render_head(struct sbuf *sb, const struct tcase *tc, const struct step *st)
{
	if (st->netns)
		sb_printf(sb, "[%s] ", tc->netns[st->netns]);
	if (st->assign_slot >= 0)
		sb_printf(sb, "%s = ", tc->handles[st->assign_slot]);
	sb_printf(sb, "%s(", st->call->name);
}

static void render_errno(struct sbuf *sb, int e)
{
	const char *nm = errno_name(e);
	if (nm)
		sb_printf(sb, " %s (%s)", nm, strerror(e));
	else
		sb_printf(sb, " errno %d (%s)", e, strerror(e));
}

char *step_render_expected(const struct tcase *tc, const struct step *st)
{
	struct sbuf sb = { 0 };
	if (st->kind != STEP_CALL) {
		sb_printf(&sb, "%s %s", st->kind == STEP_SPAWN ? "process" : "wait",
			  tc->actors[st->target]);
		return sb_take(&sb);
	}
	render_head(&sb, tc, st);
	const struct node *c = st->call_node;
	for (size_t i = 0; i < c->nkids; i++) {
		if (i)
			sb_puts(&sb, ", ");
		node_print(&sb, c->kids[i], NULL, tc->handles);
	}
	sb_putc(&sb, ')');
	if (st->ret) {
		sb_puts(&sb, " = ");
		node_print(&sb, st->ret, NULL, tc->handles);
		if (st->err)
			render_errno(&sb, st->err);
	}
	if (st->timed)
		sb_printf(&sb, " <%g..%g>", st->tmin, st->tmax);
	return sb_take(&sb);
}

char *step_render_actual(struct exec *x, const struct step *st, const struct outcome *o)
{
	const struct tcase *tc = x->tc;
	struct sbuf sb = { 0 };
	render_head(&sb, tc, st);
	const struct node *c = st->call_node;
	for (size_t i = 0; i < c->nkids; i++) {
		if (i)
			sb_puts(&sb, ", ");
		if (o->actual[i])
			node_print(&sb, o->actual[i], c->kids[i], tc->handles);
		else
			node_print(&sb, c->kids[i], NULL, tc->handles);
	}
	sb_puts(&sb, ") = ");
	if (o->ret == -1 && o->err) {
		sb_puts(&sb, "-1");
		render_errno(&sb, o->err);
	} else {
		struct node *r = node_int(o->ret);
		node_print(&sb, r, st->ret, tc->handles);
		node_free(r);
	}
	if (st->timed)
		sb_printf(&sb, " <%.3f>", o->elapsed);
	return sb_take(&sb);
}
