// SPDX-License-Identifier: MIT
#define _GNU_SOURCE
#include "exec/interp.h"
#include "sock/payload.h"
#include "sock/addr.h"
#include "lang/match.h"
#include "util/util.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sched.h>
#include <signal.h>
#include <sys/wait.h>
#include "exec/setup.h"

void step_error(struct outcome *o, const struct node *n, const char *fmt, ...)
{
	if (o->error)
		return;
	va_list ap;
	char *msg;
	va_start(ap, fmt);
	if (vasprintf(&msg, fmt, ap) < 0)
		msg = xstrdup("?");
	va_end(ap);
	if (n && n->line)
		o->error = xasprintf("%d:%d: %s", n->line, n->col, msg);
	else
		o->error = xasprintf("%s", msg);
	free(msg);
}

bool arg_present(const struct step *st, int i)
{
	return (size_t)i < st->call_node->nkids;
}

static const struct node *argn(const struct step *st, int i)
{
	return st->call_node->kids[i];
}

int arg_fd(struct exec *x, const struct step *st, int i, struct outcome *o)
{
	const struct node *n = argn(st, i);
	if (n->kind == N_HANDLE && x->sc.fds[n->ival] < 0) {
		step_error(o, n, "handle '%s' is not open here (never assigned, closed, or the step "
			   "that made it failed)", n->name);
		return -1;
	}
	return (int)arg_int(x, st, i, o);
}

long long arg_int(struct exec *x, const struct step *st, int i, struct outcome *o)
{
	long long v = 0;
	char *err = NULL;
	if (o->error)
		return 0;
	if (eval_int(&x->sc, argn(st, i), &v, &err)) {
		step_error(o, NULL, "%s", err);
		free(err);
	}
	return v;
}

int arg_addr(struct exec *x, const struct step *st, int i, struct sockaddr_storage *ss,
	     socklen_t *len, struct outcome *o)
{
	char *err = NULL;
	if (addr_encode(&x->sc, argn(st, i), ss, len, &err)) {
		step_error(o, NULL, "%s", err);
		free(err);
		return -1;
	}
	return 0;
}

/*
 * A structure in a buffer position, laid out by the payload codec of the
 * step's socket (argument 0).  The layout lives until the next step's: a
 * case process runs one step at a time.
 */
static const unsigned char *arg_payload(struct exec *x, const struct step *st,
					const struct node *n, size_t *have, struct outcome *o)
{
	static unsigned char buf[PAYLOAD_MAX];
	int fd = arg_fd(x, st, 0, o);
	if (o->error)
		return NULL;
	const struct payload_codec *c = payload_find(fd);
	if (!c) {
		step_error(o, n, "this socket's data has no structure notation; write a string");
		return NULL;
	}
	char *err = NULL;
	if (c->encode(&x->sc, n, buf, sizeof(buf), have, &err)) {
		step_error(o, NULL, "%s", err);
		free(err);
		return NULL;
	}
	return buf;
}

const unsigned char *arg_buf(struct exec *x, const struct step *st, int i, size_t *len,
			     struct outcome *o)
{
	const struct node *n = argn(st, i);
	if (n->kind == N_VAR)
		n = var_get(&x->sc, n->name);
	const unsigned char *bytes = NULL;
	size_t have = 0;
	if (n && (n->kind == N_STRUCT || n->kind == N_LIST)) {
		bytes = arg_payload(x, st, n, &have, o);
		if (!bytes)
			return NULL;
	} else if (n && n->kind == N_STR) {
		bytes = n->bytes;
		have = n->len;
	} else {
		step_error(o, argn(st, i), "expected a string here");
		return NULL;
	}
	long long want = arg_int(x, st, i + 1, o);
	if (o->error)
		return NULL;
	/* the length is the case's to choose, but not past the buffer it wrote */
	if (want < 0 || (size_t)want > have) {
		step_error(o, argn(st, i + 1), "length %lld is outside the %zu-byte buffer", want,
			   have);
		return NULL;
	}
	*len = (size_t)want;
	return bytes;
}

static bool is_out(enum argk k)
{
	return k == A_ADDR_OUT || k == A_BUF_OUT || k == A_OPT_OUT || k == A_LEN_OUT ||
	       k == A_PAT;
}

static bool judge(struct exec *x, const struct step *st, const struct outcome *o)
{
	bool ok;
	if (!st->ret) {
		ok = o->ret >= 0;
	} else if (st->err) {
		ok = o->ret == -1 && o->err == st->err;
	} else {
		struct node *r = node_int(o->ret);
		ok = match(&x->sc, st->ret, r);
		node_free(r);
	}
	if (ok && o->ret >= 0)
		for (size_t i = 0; i < st->call_node->nkids && ok; i++)
			if (is_out(st->call->args[i]) && o->actual[i])
				ok = match(&x->sc, st->call_node->kids[i], o->actual[i]);
	if (ok && st->timed)
		ok = o->elapsed >= st->tmin && o->elapsed <= st->tmax;
	return ok;
}

static void bind_results(struct exec *x, const struct step *st, const struct outcome *o)
{
	if (o->ret < 0)
		return;
	if (st->assign_slot >= 0)
		x->sc.fds[st->assign_slot] = (int)o->ret;
	for (size_t i = 0; i < st->call_node->nkids; i++)
		if (st->call->args[i] == A_NEWFDS)
			for (int j = 0; j < o->nnew; j++)
				x->sc.fds[st->call_node->kids[i]->kids[j]->ival] = o->newfds[j];
}

static void outcome_free(struct outcome *o)
{
	for (int i = 0; i < MAX_ARGS; i++)
		node_free(o->actual[i]);
	free(o->error);
}

static enum status finish(struct exec *x, enum status s)
{
	const struct tcase *tc = x->tc;
	if (tc->xfail && s == ST_FAIL) {
		s = ST_XFAIL;
		report_put(x->rep, REC_REASON, tc->xfail);
	} else if (tc->xfail && s == ST_PASS) {
		s = ST_XPASS;
		report_putf(x->rep, REC_REASON, "expected to fail (%s) but every step passed",
			    tc->xfail);
	}
	report_putf(x->rep, REC_STATUS, "%d", (int)s);
	return s;
}

static bool in_netns(struct exec *x, int ns)
{
	return setns(x->env->netns_fd[ns], CLONE_NEWNET) == 0;
}

/* One call step; false when the case must stop, with *s set. */
static bool run_call(struct exec *x, const struct step *st, enum status *s)
{
	const struct tcase *tc = x->tc;
	struct report *rep = x->rep;
	const char *path = tc->file->path;
	char *written = step_render_expected(tc, st);
	report_putf(rep, REC_STEP, "%d\t%s", st->line, written);
	struct outcome o = { .ret = -1 };
	if (st->netns && !in_netns(x, st->netns))
		step_error(&o, NULL, "cannot enter netns %s: %s", tc->netns[st->netns],
			   strerror(errno));
	else
		st->call->run(x, st, &o);
	/* judged in the step's namespace too: if_nametoindex() in a pattern */
	bool ok = !o.error && judge(x, st, &o);
	if (st->netns && !in_netns(x, 0) && !o.error)
		step_error(&o, NULL, "cannot return from netns %s", tc->netns[st->netns]);
	if (o.error) {
		/* errors from values carry line:col; others get the step's */
		if (o.error[0] >= '0' && o.error[0] <= '9')
			report_putf(rep, REC_REASON, "%s:%s", path, o.error);
		else
			report_putf(rep, REC_REASON, "%s:%d:%d: %s", path, st->line, st->col, o.error);
		*s = ST_ERROR;
	} else {
		char *actual = step_render_actual(x, st, &o);
		if (x->verbose)
			report_putf(rep, REC_TRACE, "%s:%d: %s", path, st->line, actual);
		if (!ok) {
			report_put(rep, REC_EXPECTED, written);
			report_put(rep, REC_ACTUAL, actual);
			*s = ST_FAIL;
		} else {
			bind_results(x, st, &o);
		}
		free(actual);
	}
	free(written);
	outcome_free(&o);
	return *s == ST_PASS;
}

/* Join actor K: it passed when it exited 0 (it reported its own failure). */
static bool join(struct exec *x, int k, const struct step *st, enum status *s)
{
	int ws;
	pid_t pid = x->pids[k];
	x->pids[k] = 0;
	while (waitpid(pid, &ws, 0) < 0)
		if (errno != EINTR)
			return true;
	if (WIFEXITED(ws) && WEXITSTATUS(ws) == 0)
		return true;
	const char *name = x->tc->actors[k];
	if (WIFSIGNALED(ws)) {
		if (st)
			report_putf(x->rep, REC_STEP, "%d\twait %s", st->line, name);
		report_putf(x->rep, REC_EXPECTED, "process %s finishes its steps", name);
		report_putf(x->rep, REC_ACTUAL, "process %s killed by signal %s", name,
			    sigabbrev_np(WTERMSIG(ws)) ? sigabbrev_np(WTERMSIG(ws)) : "?");
		*s = ST_FAIL;
	} else {
		*s = WEXITSTATUS(ws) == 2 ? ST_ERROR : ST_FAIL;
	}
	return false;
}

static enum status run_steps(struct exec *x, int actor)
{
	const struct tcase *tc = x->tc;
	enum status s = ST_PASS;
	for (size_t i = 0; i < tc->nsteps && s == ST_PASS; i++) {
		const struct step *st = &tc->steps[i];
		if (st->actor != actor)
			continue;
		if (st->kind == STEP_CALL) {
			run_call(x, st, &s);
		} else if (st->kind == STEP_WAIT) {
			join(x, st->target, st, &s);
		} else {
			pid_t pid = fork();
			if (pid < 0) {
				report_putf(x->rep, REC_REASON, "%s:%d: fork for process %s: %s",
					    tc->file->path, st->line, tc->actors[st->target],
					    strerror(errno));
				s = ST_ERROR;
			} else if (pid == 0) {
				enum status cs = run_steps(x, st->target);
				_exit(cs == ST_PASS ? 0 : cs == ST_ERROR ? 2 : 1);
			}
			x->pids[st->target] = pid;
		}
	}
	return s;
}

int interp_run(const struct tcase *tc, struct report *rep, bool verbose,
	       const struct case_env *env)
{
	struct exec x = { .tc = tc, .rep = rep, .verbose = verbose, .env = env };
	x.sc.fds = xmalloc((tc->nhandles + 1) * sizeof(int));
	x.sc.nfds = tc->nhandles;
	for (size_t i = 0; i < tc->nhandles; i++)
		x.sc.fds[i] = -1;
	x.pids = xcalloc(tc->nactors + 1, sizeof(pid_t));
	enum status s = run_steps(&x, 0);
	/* a process the case did not wait for still has to pass */
	for (size_t k = 1; k < tc->nactors; k++)
		if (x.pids[k]) {
			if (s != ST_PASS)
				kill(x.pids[k], SIGKILL);
			enum status js = ST_PASS;
			join(&x, (int)k, NULL, &js);
			if (s == ST_PASS)
				s = js;
		}
	s = finish(&x, s);
	scope_free(&x.sc);
	free(x.sc.fds);
	free(x.pids);
	return (int)s;
}
