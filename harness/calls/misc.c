// SPDX-License-Identifier: MIT
/*
 * The calls around messages: poll, open and sendfile (to have a file to
 * send), and the CMSG_LEN/CMSG_SPACE macros as calls.
 *
 * poll([{fd=FD, events=POLLIN|POLLOUT}, ...], NFDS, TIMEOUT_MS[, REVENTS_OUT])
 *   REVENTS_OUT is what strace prints after the return value: the entries
 *   with a non-zero revents, [{fd=s, revents=POLLIN}], or [] when none.
 *
 * open(PATH, FLAGS[, MODE])          returns a descriptor; a relative PATH is
 *                                    inside the case's private directory
 * sendfile(OUT_FD, IN_FD, OFFSET, COUNT[, OFFSET_OUT])
 *   OFFSET is NULL (read from, and advance, IN_FD's file position) or [N];
 *   OFFSET_OUT the offset the kernel wrote back, [N] (NULL when OFFSET is).
 * cmsg_len(N), cmsg_space(N)         return CMSG_LEN(N), CMSG_SPACE(N)
 */
#define _GNU_SOURCE
#include "core/callspec.h"
#include "core/registry.h"
#include "exec/interp.h"
#include "lang/fields.h"
#include "lang/match.h"
#include "sock/cmsg.h"
#include "util/util.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/sendfile.h>
#include <sys/socket.h>
#include <unistd.h>

#define MAX_POLL 64

/* A step error from a helper's *err (which carries its own position). */
static void take_error(struct outcome *o, char *err)
{
	step_error(o, NULL, "%s", err);
	free(err);
}

static const struct node *arg_node(const struct step *st, int i)
{
	return arg_present(st, i) ? st->call_node->kids[i] : NULL;
}

static const struct flag_name poll_names[] = {
	FLAG_NAME(POLLIN), FLAG_NAME(POLLPRI), FLAG_NAME(POLLOUT), FLAG_NAME(POLLERR),
	FLAG_NAME(POLLHUP), FLAG_NAME(POLLNVAL), FLAG_NAME(POLLRDNORM), FLAG_NAME(POLLRDBAND),
	FLAG_NAME(POLLWRNORM), FLAG_NAME(POLLWRBAND), FLAG_NAME(POLLMSG), FLAG_NAME(POLLRDHUP),
};

/* ---- poll ---- */

struct poll_set {
	struct pollfd fds[MAX_POLL];
	const struct node *fd_nodes[MAX_POLL];	/* as written, to print names */
	size_t n;
};

static int poll_entries(struct exec *x, const struct node *list, struct poll_set *ps, char **err)
{
	static const char *const keys[] = { "fd", "events", NULL };
	list = field_deref(&x->sc, list);
	if (list->kind != N_LIST || list->nkids > MAX_POLL)
		return field_error(err, list, "poll takes a list of up to %d {fd=h, events=POLLIN}", MAX_POLL);
	for (size_t i = 0; i < list->nkids; i++) {
		const struct node *e = list->kids[i];
		long long fd, ev;
		if (e->kind != N_STRUCT || !node_get_field(e, "fd"))
			return field_error(err, e, "a poll entry is {fd=h, events=POLLIN|...}");
		if (fields_only(e, keys, "a poll entry", err) ||
		    field_int(&x->sc, e, "fd", -1, &fd, err) || field_int(&x->sc, e, "events", 0, &ev, err))
			return -1;
		ps->fds[i].fd = (int)fd;
		ps->fds[i].events = (short)ev;
		ps->fd_nodes[i] = node_get_field(e, "fd");
	}
	ps->n = list->nkids;
	return 0;
}

/* strace's "= 1 ([{fd=3, revents=POLLIN}])": only entries with revents. */
static struct node *decode_revents(const struct poll_set *ps)
{
	struct node *l = node_new(N_LIST);
	for (size_t i = 0; i < ps->n; i++) {
		if (!ps->fds[i].revents)
			continue;
		const struct node *w = ps->fd_nodes[i];
		struct node *e = node_push(l, node_new(N_STRUCT));
		/* a handle prints by name; anything else as the number polled */
		struct node *fd = w->kind == N_HANDLE ? node_clone(w) : node_int(ps->fds[i].fd);
		node_field(e, "fd", fd);
		node_field(e, "revents", flags_node(ps->fds[i].revents, poll_names,
						    ARRAY_SIZE(poll_names)));
	}
	return l;
}

static void run_poll(struct exec *x, const struct step *st, struct outcome *o)
{
	long long nfds = arg_int(x, st, 1, o), timeout = arg_int(x, st, 2, o);
	if (o->error)
		return;
	struct poll_set ps;
	memset(&ps, 0, sizeof(ps));
	char *err = NULL;
	if (poll_entries(x, arg_node(st, 0), &ps, &err)) {
		take_error(o, err);
		return;
	}
	if (nfds < 0 || (size_t)nfds > ps.n) {
		step_error(o, arg_node(st, 1), "nfds %lld is outside the %zu entries given", nfds, ps.n);
		return;
	}
	TIMED(o, poll(ps.fds, (nfds_t)nfds, (int)timeout));
	if (o->ret >= 0 && arg_present(st, 3))
		o->actual[3] = decode_revents(&ps);
}

/* ---- files ---- */

static void run_open(struct exec *x, const struct step *st, struct outcome *o)
{
	long long flags = arg_int(x, st, 1, o);
	long long mode = arg_present(st, 2) ? arg_int(x, st, 2, o) : 0;
	const unsigned char *p = NULL;
	size_t len = 0;
	char *err = NULL;
	if (o->error)
		return;
	if (field_str(&x->sc, arg_node(st, 0), &p, &len, &err)) {
		take_error(o, err);
		return;
	}
	if (strlen((const char *)p) != len) {
		step_error(o, arg_node(st, 0), "a path cannot hold a NUL byte");
		return;
	}
	TIMED(o, open((const char *)p, (int)flags, (mode_t)mode));
}

/* [N] or NULL: the offset sendfile reads from and writes back. */
static int offset_arg(struct exec *x, const struct node *n, off_t *off, bool *null, char **err)
{
	n = field_deref(&x->sc, n);
	*null = n->kind == N_NULL;
	if (*null)
		return 0;
	long long v;
	if (n->kind != N_LIST || n->nkids != 1)
		return field_error(err, n, "an offset is [N] or NULL");
	if (eval_int(&x->sc, n->kids[0], &v, err))
		return -1;
	*off = (off_t)v;
	return 0;
}

static void run_sendfile(struct exec *x, const struct step *st, struct outcome *o)
{
	int out = arg_fd(x, st, 0, o), in = arg_fd(x, st, 1, o);
	long long count = arg_int(x, st, 3, o);
	if (o->error)
		return;
	off_t off = 0;
	bool null;
	char *err = NULL;
	if (offset_arg(x, arg_node(st, 2), &off, &null, &err)) {
		take_error(o, err);
		return;
	}
	if (count < 0) {
		step_error(o, arg_node(st, 3), "a count is not negative");
		return;
	}
	TIMED(o, sendfile(out, in, null ? NULL : &off, (size_t)count));
	if (o->ret < 0 || !arg_present(st, 4))
		return;
	if (null) {
		o->actual[4] = node_new(N_NULL);
	} else {
		o->actual[4] = node_new(N_LIST);
		node_push(o->actual[4], node_int((long long)off));
	}
}

/* ---- CMSG_LEN / CMSG_SPACE ---- */

static void run_cmsg_macro(struct exec *x, const struct step *st, struct outcome *o, bool space)
{
	long long n = arg_int(x, st, 0, o);
	if (o->error)
		return;
	if (n < 0 || n > CMSG_MAX_CONTROL) {
		step_error(o, arg_node(st, 0), "a data length is 0 to %d", CMSG_MAX_CONTROL);
		return;
	}
	o->ret = (long long)(space ? CMSG_SPACE((size_t)n) : CMSG_LEN((size_t)n));
	o->err = 0;
	o->elapsed = 0;
}

static void run_cmsg_len(struct exec *x, const struct step *st, struct outcome *o)
{
	run_cmsg_macro(x, st, o, false);
}

static void run_cmsg_space(struct exec *x, const struct step *st, struct outcome *o)
{
	run_cmsg_macro(x, st, o, true);
}

#define F A_FD
#define I A_INT
static const struct call_spec misc_calls[] = {
	{ "cmsg_len", 1, 1, { I }, false, run_cmsg_len },
	{ "cmsg_space", 1, 1, { I }, false, run_cmsg_space },
	{ "open", 2, 3, { A_VAL, I, I }, true, run_open },
	{ "poll", 3, 4, { A_VAL, I, I, A_PAT }, false, run_poll },
	{ "sendfile", 4, 5, { F, F, A_VAL, I, A_PAT }, false, run_sendfile },
};
#undef F
#undef I

static const struct call_table calls_misc_table = { misc_calls, ARRAY_SIZE(misc_calls) };
SOCKSPEC_REGISTER(calls, struct call_table, calls_misc_table);
