// SPDX-License-Identifier: MIT
/* Availability probes (probe.h). */
#define _GNU_SOURCE
#include "exec/probe.h"
#include "lang/consts.h"
#include "exec/require.h"
#include "exec/sandbox.h"
#include "util/util.h"

#include <errno.h>
#include <arpa/inet.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

/* A child that has not answered by then is killed: module loading in a slow VM is the worst case. */
#define PROBE_DEADLINE_S 60

/* What an errno from socket/setsockopt/bind says about the kernel. */
static enum probe_outcome classify(int e)
{
	switch (e) {
	case EAFNOSUPPORT: case EPROTONOSUPPORT: case ESOCKTNOSUPPORT: case EPROTOTYPE:
	case ENOPROTOOPT: case EOPNOTSUPP: case ENOENT:	/* ENOENT: no such algorithm (crypto) */
		return PROBE_ABSENT;
	case EPERM: case EACCES:
		return PROBE_DENIED;
	default:
		return PROBE_FAILED;
	}
}

void probe_set_errno(struct probe_result *out, const char *call, int e)
{
	const char *n = errno_name(e);
	out->outcome = classify(e);
	snprintf(out->detail, sizeof(out->detail), "%s = -1 %s", call, n ? n : strerror(e));
}

void probe_run_here(const struct probe *p, struct probe_result *out)
{
	memset(out, 0, sizeof(*out));
	int type = p->type | (p->kind == PROBE_FLAGS ? SOCK_CLOEXEC | SOCK_NONBLOCK : 0);
	int fd = socket(p->domain, type, p->protocol_be16 ? htons((uint16_t)p->protocol) : p->protocol);
	if (fd < 0) {
		probe_set_errno(out, "socket", errno);
		return;
	}
	switch (p->kind) {
	case PROBE_SOCKET:
		break;
	case PROBE_SETSOCKOPT: {
		int v = p->value;
		if (setsockopt(fd, p->level, p->optname, &v, sizeof(v)) < 0)
			probe_set_errno(out, "setsockopt", errno);
		break;
	}
	case PROBE_GETSOCKOPT: {
		int v = 0;
		socklen_t len = sizeof(v);
		if (getsockopt(fd, p->level, p->optname, &v, &len) < 0)
			probe_set_errno(out, "getsockopt", errno);
		break;
	}
	case PROBE_FLAGS: {
		int fdfl = fcntl(fd, F_GETFD), fl = fcntl(fd, F_GETFL);
		bool cloexec = fdfl >= 0 && (fdfl & FD_CLOEXEC), nonblock = fl >= 0 && (fl & O_NONBLOCK);
		if (!cloexec || !nonblock) {
			out->outcome = PROBE_DIFFERENT;
			snprintf(out->detail, sizeof(out->detail), "%s%s%s not set",
				 cloexec ? "" : "FD_CLOEXEC", !cloexec && !nonblock ? " and " : "",
				 nonblock ? "" : "O_NONBLOCK");
		}
		break;
	}
	case PROBE_CUSTOM:
		p->run(fd, p, out);
		break;
	}
	close(fd);
}

/*
 * The child: namespaces (when SANDBOXED), then every probe, results
 * written to FD as an array.  Modules are loaded first, as root only.
 */
static void child(const struct probe *const *p, size_t n, bool host_root, bool sandboxed, int fd)
{
	struct probe_result *res = xcalloc(n + 1, sizeof(*res));
	struct sandbox sb = { .host_root = host_root, .uid = getuid(), .gid = getgid(), .dir = "/" };
	char *err = NULL;
	for (size_t i = 0; host_root && i < n; i++)
		if (p[i]->module)
			module_load(p[i]->module);
	if (sandboxed && sandbox_enter(&sb, &err) < 0) {
		for (size_t i = 0; i < n; i++) {
			res[i].outcome = PROBE_FAILED;
			snprintf(res[i].detail, sizeof(res[i].detail), "no namespace for the probe: %s", err);
		}
	} else {
		for (size_t i = 0; i < n; i++)
			probe_run_here(p[i], &res[i]);
	}
	const char *b = (const char *)res;
	size_t left = n * sizeof(*res);
	while (left) {
		ssize_t w = write(fd, b, left);
		if (w <= 0 && errno != EINTR)
			_exit(1);
		if (w > 0) {
			b += w;
			left -= (size_t)w;
		}
	}
	_exit(0);
}

static void fail_all(struct probe_result *out, size_t n, const char *why)
{
	for (size_t i = 0; i < n; i++) {
		out[i].outcome = PROBE_FAILED;
		snprintf(out[i].detail, sizeof(out[i].detail), "%s", why);
	}
}

/* One child for the N probes P, results into OUT.  0 ok, -1 failed (OUT says why). */
static int run_group(const struct probe *const *p, size_t n, bool host_root, bool sandboxed,
		     struct probe_result *out)
{
	int pfd[2];
	if (!n)
		return 0;
	if (pipe2(pfd, O_CLOEXEC) < 0) {
		fail_all(out, n, "pipe failed");
		return -1;
	}
	fflush(NULL);
	pid_t pid = fork();
	if (pid < 0) {
		close(pfd[0]);
		close(pfd[1]);
		fail_all(out, n, "fork failed");
		return -1;
	}
	if (pid == 0) {
		close(pfd[0]);
		alarm(PROBE_DEADLINE_S);	/* SIGALRM ends a child stuck in module loading */
		child(p, n, host_root, sandboxed, pfd[1]);
	}
	close(pfd[1]);
	size_t want = n * sizeof(*out), got = 0;
	char *b = (char *)out;
	while (got < want) {
		ssize_t r = read(pfd[0], b + got, want - got);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			break;
		got += (size_t)r;
	}
	close(pfd[0]);
	int ws;
	while (waitpid(pid, &ws, 0) < 0 && errno == EINTR)
		;
	if (got < want) {
		fail_all(out, n, "the probe process died before answering");
		return -1;
	}
	for (size_t i = 0; i < n; i++)
		out[i].detail[sizeof(out[i].detail) - 1] = 0;
	return 0;
}

int probe_run_all(const struct probe *const *p, size_t n, bool host_root,
		  struct probe_result *out)
{
	const struct probe **grp[2];
	struct probe_result *res[2];
	size_t *idx[2], cnt[2] = { 0, 0 };
	bool vm = sandbox_vm_guest();
	int rc = 0;
	for (int g = 0; g < 2; g++) {
		grp[g] = xcalloc(n + 1, sizeof(*grp[g]));
		res[g] = xcalloc(n + 1, sizeof(*res[g]));
		idx[g] = xcalloc(n + 1, sizeof(*idx[g]));
	}
	for (size_t i = 0; i < n; i++) {
		if (p[i]->init_netns && !vm) {
			out[i].outcome = PROBE_DENIED;
			snprintf(out[i].detail, sizeof(out[i].detail),
				 "only in the initial network namespace, which sockspec leaves alone "
				 "outside its VMs");
			continue;
		}
		int g = p[i]->init_netns;	/* 1: in the initial namespace of a VM */
		idx[g][cnt[g]] = i;
		grp[g][cnt[g]++] = p[i];
	}
	for (int g = 0; g < 2; g++) {
		rc |= run_group(grp[g], cnt[g], host_root, g == 0, res[g]);
		for (size_t k = 0; k < cnt[g]; k++)
			out[idx[g][k]] = res[g][k];
		free(grp[g]);
		free(res[g]);
		free(idx[g]);
	}
	return rc;
}
