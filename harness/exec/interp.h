/* SPDX-License-Identifier: MIT */
/*
 * Runs one case's steps in the current process (already inside the case's
 * namespaces), comparing each call's return value, errno and out-parameters
 * with the expectations, and reports through struct report.
 */
#ifndef SOCKSPEC_EXEC_INTERP_H
#define SOCKSPEC_EXEC_INTERP_H

#include "lang/ast.h"
#include "core/callspec.h"
#include "lang/case.h"
#include "lang/scope.h"
#include "exec/record.h"

#include <stdbool.h>
#include <sys/socket.h>
#include <sys/types.h>

struct exec {
	struct scope sc;	/* handles' descriptors and captured $variables */
	const struct tcase *tc;
	struct report *rep;
	bool verbose;
	const struct case_env *env;
	pid_t *pids;		/* per actor: its process while running, else 0 */
};

struct outcome {
	long long ret;
	int err;
	double elapsed;
	struct node *actual[MAX_ARGS];	/* decoded out-parameters */
	int newfds[2];
	int nnew;
	char *error;		/* the step could not be carried out (case bug) */
};

/* Run TC; returns the status it reported (enum status). */
struct case_env;
int interp_run(const struct tcase *tc, struct report *rep, bool verbose,
	       const struct case_env *env);

/* Helpers for call handlers: fetch argument I of the step, or set o->error. */
int arg_fd(struct exec *x, const struct step *st, int i, struct outcome *o);
long long arg_int(struct exec *x, const struct step *st, int i, struct outcome *o);
bool arg_present(const struct step *st, int i);
int arg_addr(struct exec *x, const struct step *st, int i, struct sockaddr_storage *ss,
	     socklen_t *len, struct outcome *o);
/* Bytes of a buffer argument, checked against length argument LEN_I. */
const unsigned char *arg_buf(struct exec *x, const struct step *st, int i, size_t *len,
			     struct outcome *o);
void step_error(struct outcome *o, const struct node *at, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* Step rendered with what the kernel returned, in the notation it was written in. */
char *step_render_actual(struct exec *x, const struct step *st, const struct outcome *o);

/* Time a syscall: o->elapsed and o->err are set around EXPR. */
#define TIMED(o, expr) do {						\
	double t0_ = now_mono();					\
	errno = 0;							\
	(o)->ret = (expr);						\
	(o)->err = (o)->ret < 0 ? errno : 0;				\
	(o)->elapsed = now_mono() - t0_;				\
} while (0)

#endif
