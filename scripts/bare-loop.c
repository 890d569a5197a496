// SPDX-License-Identifier: MIT
/*
 * bare-loop COUNT JOBS: the baseline for scripts/bench.
 *
 * Forks COUNT children, at most JOBS alive at once; each child does
 * unshare(CLONE_NEWNET) (CLONE_NEWUSER|CLONE_NEWNET when not root, as the
 * runner does) and _exit(0); the parent reaps them all.  Prints the elapsed
 * wall time (CLOCK_MONOTONIC) in seconds on stdout, one number.
 *
 * The time runs from before the first fork to the last child reaped.  The
 * kernel tears a network namespace down asynchronously (cleanup_net on a
 * workqueue) once its last process is gone, so that teardown is not waited
 * for here, just as sockspec does not wait for it: both sides pay for it
 * only as CPU stolen while they are still running.
 *
 * Exit status: 0 all children ran and exited 0; 1 something failed (a
 * fork, or a child's unshare, reported on stderr); 2 usage.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static double now_mono(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static long parse_count(const char *s, const char *what)
{
	char *end;
	errno = 0;
	long v = strtol(s, &end, 10);
	if (errno || end == s || *end || v < 1 || v > 10000000) {
		fprintf(stderr, "bare-loop: bad %s '%s' (want a positive integer)\n", what, s);
		exit(2);
	}
	return v;
}

/* Reaps one child; returns 0 if it exited 0, 1 otherwise, -1 on no child. */
static int reap_one(void)
{
	int ws;
	pid_t w;
	do
		w = wait(&ws);
	while (w < 0 && errno == EINTR);
	if (w < 0)
		return -1;
	if (WIFEXITED(ws) && WEXITSTATUS(ws) == 0)
		return 0;
	return 1;
}

int main(int argc, char **argv)
{
	if (argc != 3) {
		fprintf(stderr, "usage: bare-loop COUNT JOBS\n");
		return 2;
	}
	long count = parse_count(argv[1], "COUNT");
	long jobs = parse_count(argv[2], "JOBS");
	int flags = geteuid() == 0 ? CLONE_NEWNET : CLONE_NEWUSER | CLONE_NEWNET;
	long started = 0, running = 0, failed = 0;
	int fork_errno = 0;

	double t0 = now_mono();
	while (started < count || running > 0) {
		while (running < jobs && started < count) {
			pid_t pid = fork();
			if (pid < 0) {
				fork_errno = errno;
				count = started;	/* stop starting; reap what runs */
				break;
			}
			if (pid == 0) {
				if (unshare(flags) < 0) {
					/* stderr is unbuffered: nothing of the parent's to flush */
					fprintf(stderr, "bare-loop: unshare: %s\n", strerror(errno));
					_exit(1);
				}
				_exit(0);
			}
			started++;
			running++;
		}
		if (running == 0)
			break;
		int r = reap_one();
		if (r < 0) {
			fprintf(stderr, "bare-loop: wait: %s\n", strerror(errno));
			return 1;
		}
		failed += r;
		running--;
	}
	double t1 = now_mono();

	if (fork_errno) {
		fprintf(stderr, "bare-loop: fork: %s\n", strerror(fork_errno));
		return 1;
	}
	if (failed) {
		fprintf(stderr, "bare-loop: %ld of %ld children failed\n", failed, started);
		return 1;
	}
	printf("%.6f\n", t1 - t0);
	return 0;
}
