// SPDX-License-Identifier: MIT
#define _GNU_SOURCE
#include "exec/runner.h"
#include "exec/interp.h"
#include "lang/mutate.h"
#include "exec/require.h"
#include "exec/sandbox.h"
#include "exec/setup.h"
#include "util/util.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/prctl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

struct slot {
	struct run_item *it;
	pid_t pid;
	int pidfd;
	int rfd;		/* read end of the result pipe */
	char *buf;
	size_t len, cap;
	double start, deadline;
	bool killed;		/* we sent SIGKILL at the deadline */
	bool eof;		/* the result pipe is closed: stop polling it */
	char *dir;		/* the slot's working directory, reused case after case */
};

static volatile sig_atomic_t interrupted;

static int last_signal;	/* the signal that stopped the last run, 0 for none */

int runner_interrupted(void)
{
	return last_signal;
}

static void on_signal(int sig)
{
	interrupted = sig;
}

static int pidfd_open(pid_t pid)
{
	return (int)syscall(SYS_pidfd_open, pid, 0);
}

/* Where the runner's own descriptors go in the case process, and above. */
#define RESULT_FD_MIN 512

/*
 * FD moved out of the case's way: to RESULT_FD_MIN or above, or, when the
 * soft RLIMIT_NOFILE is lower than that, to the highest free descriptor
 * below the limit.  FD itself when no copy can be made.  The copy is
 * close-on-exec, as the original was.
 */
static int move_high(int fd)
{
	if (fd >= RESULT_FD_MIN)
		return fd;
	struct rlimit rl;
	long top = RESULT_FD_MIN + 1;	/* one past the highest usable descriptor */
	if (getrlimit(RLIMIT_NOFILE, &rl) == 0 && rl.rlim_cur != RLIM_INFINITY &&
	    rl.rlim_cur <= RESULT_FD_MIN)
		top = (long)rl.rlim_cur;
	if (top > RESULT_FD_MIN) {
		int nfd = fcntl(fd, F_DUPFD_CLOEXEC, RESULT_FD_MIN);
		if (nfd >= 0) {
			close(fd);
			return nfd;
		}
		top = RESULT_FD_MIN;
	}
	for (int t = (int)top - 1; t > fd; t--) {
		if (fcntl(t, F_GETFD) >= 0 || errno != EBADF)
			continue;
		if (dup3(fd, t, O_CLOEXEC) < 0)
			break;
		close(fd);
		return t;
	}
	return fd;
}

/* In the child: never returns. */
static void child_main(struct run_item *it, const struct runner_opts *o, int wfd,
		       const char *dir)
{
	/*
	 * The result pipe moves out of the case's way, to a high descriptor:
	 * a case may close(3) or fcntl(3, ...) to see EBADF, and must not reach
	 * the runner's pipe that way.  Nothing else of the runner stays open
	 * above stderr.
	 */
	int rfd = move_high(wfd);
	int null = open("/dev/null", O_RDWR);
	if (null >= 0) {
		dup2(null, 0);
		dup2(null, 1);
	}
	if (rfd > 3)
		syscall(SYS_close_range, 3, (unsigned)rfd - 1, 0);
	syscall(SYS_close_range, (unsigned)rfd + 1, ~0U, 0);
	signal(SIGINT, SIG_DFL);
	signal(SIGTERM, SIG_DFL);
	signal(SIGPIPE, SIG_DFL);
	struct report rep = { .fd = rfd };
	struct sandbox sb = { .host_root = o->host_root, .uid = getuid(), .gid = getgid(),
			      .dir = dir, .keep_netns = it->tc->netns_initial };
	char *err = NULL;
	/* checked first: on a host nothing of such a case may run, not even
	 * its requirement checks (module loading) */
	if (it->tc->netns_initial && !sandbox_vm_guest()) {
		report_put(&rep, REC_REASON, "requires the initial network namespace: only inside "
			   "a VM booted by scripts/vm-run");
		report_putf(&rep, REC_STATUS, "%d", ST_SKIP);
		_exit(0);
	}
	if (sandbox_enter(&sb, &err)) {
		report_putf(&rep, REC_REASON, "cannot isolate the case: %s", err);
		report_putf(&rep, REC_STATUS, "%d", ST_ERROR);
		_exit(0);
	}
	char *why = case_unmet(it->tc, o->ki, o->host_root, &rep);
	if (why) {
		report_put(&rep, REC_REASON, why);
		report_putf(&rep, REC_STATUS, "%d", ST_SKIP);
		_exit(0);
	}
	struct case_env env = { 0 };
	if (case_setup(it->tc, &env, &err) || (it->tc->unprivileged && case_drop_privilege(&err))) {
		report_putf(&rep, REC_REASON, "cannot set up the case: %s", err);
		report_putf(&rep, REC_STATUS, "%d", ST_ERROR);
		_exit(0);
	}
	/* the namespace descriptors, too: low numbers are the case's own */
	for (size_t i = 0; i < env.nnetns; i++)
		if (env.netns_fd[i] >= 0)
			env.netns_fd[i] = move_high(env.netns_fd[i]);
	if (it->mutant >= 0)
		free(mutate_apply(it->tc, (size_t)it->mutant));
	interp_run(it->tc, &rep, o->verbose, &env);
	/* _exit: the runner's stdio buffers and atexit handlers are not ours */
	_exit(0);
}

/*
 * A slot keeps one working directory for all its cases, emptied after each:
 * creating and removing a directory per case was the runner's largest
 * overhead on ext4 (see scripts/bench).
 */
static int start(struct slot *s, struct run_item *it, const struct runner_opts *o)
{
	int p[2];
	char *dir = s->dir;
	memset(s, 0, sizeof(*s));
	s->dir = dir;
	s->it = it;
	if (pipe2(p, O_CLOEXEC) < 0)
		return -1;
	fflush(NULL);
	pid_t pid = fork();
	if (pid < 0) {
		close(p[0]);
		close(p[1]);
		return -1;
	}
	if (pid == 0) {
		close(p[0]);
		child_main(it, o, p[1], s->dir);
	}
	close(p[1]);
	setpgid(pid, pid);	/* also done by the child; whichever runs first */
	s->pid = pid;
	s->rfd = p[0];
	fcntl(s->rfd, F_SETFL, O_NONBLOCK);
	s->pidfd = pidfd_open(pid);
	s->start = now_mono();
	it->timeout = it->tc->timeout > 0 ? it->tc->timeout : o->timeout;
	s->deadline = s->start + it->timeout;
	return 0;
}

static void drain(struct slot *s)
{
	for (;;) {
		if (s->cap - s->len < 4096) {
			s->cap = s->cap ? s->cap * 2 : 8192;
			s->buf = xrealloc(s->buf, s->cap);
		}
		ssize_t r = read(s->rfd, s->buf + s->len, s->cap - s->len);
		if (r > 0) {
			s->len += (size_t)r;
			continue;
		}
		if (r < 0 && errno == EINTR)
			continue;
		if (r == 0)
			s->eof = true;
		return;
	}
}

static void finish(struct slot *s, int wstatus)
{
	struct case_result *r = &s->it->res;
	/*
	 * Anything the case left behind in its group goes with it, and is
	 * reaped here: the runner is the children's subreaper, so processes
	 * orphaned by the case come to it, and none outlives the verdict.
	 */
	kill(-s->pid, SIGKILL);
	while (waitpid(-s->pid, NULL, __WALL) > 0 || errno == EINTR)
		;
	drain(s);
	report_parse(r, s->buf, s->len);
	r->duration = now_mono() - s->start;
	if (s->killed) {
		r->status = ST_TIMEOUT;
		free(r->reason);
		r->reason = xasprintf("no result after %gs", s->it->timeout);
	} else if (WIFSIGNALED(wstatus)) {
		r->signal = WTERMSIG(wstatus);
		r->status = ST_ERROR;
		free(r->reason);
		r->reason = xasprintf("killed by signal %s", sigabbrev_np(r->signal) ?
				      sigabbrev_np(r->signal) : "?");
	} else if (!r->have_status) {
		r->status = ST_ERROR;
		free(r->reason);
		r->reason = xasprintf("the case process exited (status %d) without a result",
				      WIFEXITED(wstatus) ? WEXITSTATUS(wstatus) : -1);
	}
	close(s->rfd);
	if (s->pidfd >= 0)
		close(s->pidfd);
	free(s->buf);
	s->buf = NULL;
	rm_contents(s->dir);
	s->pid = 0;
}

int runner_run(struct run_item *items, size_t n, const struct runner_opts *o)
{
	const char *tmp = getenv("TMPDIR");
	char *rundir = xasprintf("%s/sockspec.XXXXXX", tmp && *tmp ? tmp : "/tmp");
	if (!mkdtemp(rundir)) {
		fprintf(stderr, "sockspec: cannot create a run directory %s: %s\n", rundir,
			strerror(errno));
		free(rundir);
		return -1;
	}
	/* orphans of a case are re-parented to the runner, which reaps them (finish) */
	int was_subreaper = 0;
	prctl(PR_GET_CHILD_SUBREAPER, &was_subreaper);
	prctl(PR_SET_CHILD_SUBREAPER, 1);
	struct sigaction sa = { .sa_handler = on_signal }, old_int, old_term;
	sigaction(SIGINT, &sa, &old_int);
	sigaction(SIGTERM, &sa, &old_term);
	int jobs = o->jobs > 0 ? o->jobs : 1;
	int rc = 0;
	interrupted = 0;
	last_signal = 0;
	struct slot *slots = xcalloc((size_t)jobs, sizeof(*slots));
	for (int j = 0; j < jobs; j++) {
		slots[j].dir = xasprintf("%s/%d", rundir, j);
		if (mkdir(slots[j].dir, 0700) < 0) {
			fprintf(stderr, "sockspec: cannot create %s: %s\n", slots[j].dir,
				strerror(errno));
			rc = -1;
			interrupted = -1;
		}
	}
	bool *done = xcalloc(n + 1, sizeof(bool));
	size_t next = 0, printed = 0, running = 0;
	struct pollfd *pfd = xcalloc((size_t)jobs * 2, sizeof(*pfd));

	while (printed < n && !interrupted) {
		while (running < (size_t)jobs && next < n) {
			struct slot *s = NULL;
			for (int j = 0; j < jobs && !s; j++)
				if (!slots[j].pid)
					s = &slots[j];
			if (!s)
				break;	/* cannot happen: running < jobs */
			if (start(s, &items[next], o) < 0) {
				items[next].res.status = ST_ERROR;
				items[next].res.reason = xasprintf("cannot start the case: %s",
								   strerror(errno));
				s->pid = 0;
				done[next++] = true;
				continue;
			}
			next++;
			running++;
		}
		while (printed < n && done[printed]) {
			if (o->on_done)
				o->on_done(&items[printed], o->arg);
			printed++;
		}
		if (!running)
			continue;
		double now = now_mono(), soonest = 1e18;
		int np = 0;
		for (int j = 0; j < jobs; j++) {
			struct slot *s = &slots[j];
			if (!s->pid)
				continue;
			if (!s->killed && now >= s->deadline) {
				kill(-s->pid, SIGKILL);
				kill(s->pid, SIGKILL);
				s->killed = true;
			}
			if (!s->killed && s->deadline < soonest)
				soonest = s->deadline;
			/* at EOF the pipe stays readable: only the pidfd says "exited" */
			if (!s->eof)
				pfd[np++] = (struct pollfd){ .fd = s->rfd, .events = POLLIN };
			pfd[np++] = (struct pollfd){ .fd = s->pidfd, .events = POLLIN };
		}
		int wait_ms = soonest > 1e17 ? 100 : (int)((soonest - now) * 1000) + 1;
		if (wait_ms > 1000)
			wait_ms = 1000;
		if (poll(pfd, (nfds_t)np, wait_ms) < 0 && errno != EINTR) {
			rc = -1;
			break;
		}
		for (int j = 0; j < jobs; j++) {
			struct slot *s = &slots[j];
			if (!s->pid)
				continue;
			drain(s);
			int ws;
			pid_t w = waitpid(s->pid, &ws, WNOHANG);
			if (w == s->pid) {
				size_t idx = (size_t)(s->it - items);
				finish(s, ws);
				done[idx] = true;
				running--;
			}
		}
	}
	/* interrupted: take every running case down before leaving */
	for (int j = 0; j < jobs; j++)
		if (slots[j].pid) {
			kill(-slots[j].pid, SIGKILL);
			kill(slots[j].pid, SIGKILL);
			int ws;
			waitpid(slots[j].pid, &ws, 0);
			finish(&slots[j], ws);
		}
	sigaction(SIGINT, &old_int, NULL);
	sigaction(SIGTERM, &old_term, NULL);
	prctl(PR_SET_CHILD_SUBREAPER, was_subreaper);
	for (int j = 0; j < jobs; j++)
		free(slots[j].dir);
	rm_tree(rundir);
	free(rundir);
	free(pfd);
	free(done);
	free(slots);
	if (interrupted > 0)
		last_signal = (int)interrupted;
	if (interrupted)
		return -1;
	return rc;
}
