// SPDX-License-Identifier: MIT
#define _GNU_SOURCE
#include "exec/setup.h"
#include "fixtures/fixture.h"
#include "fixtures/rtnl.h"
#include "exec/sandbox.h"
#include "util/util.h"

#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <unistd.h>

static int fail(char **err, const struct tcase *tc, int line, const char *what)
{
	*err = xasprintf("%s:%d: %s: %s", tc->file->path, line, what, strerror(errno));
	return -1;
}

/* A private mount namespace where FILE is seen as TARGET. */
static int bind_etc(const struct tcase *tc, const char *file, const char *target, bool *have_ns,
		    char **err)
{
	if (!*have_ns) {
		if (unshare(CLONE_NEWNS) < 0)
			return fail(err, tc, tc->line, "unshare(CLONE_NEWNS)");
		/* nothing done here may propagate back to the host's mounts */
		if (mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL) < 0)
			return fail(err, tc, tc->line, "making / private");
		*have_ns = true;
		/*
		 * Answers must come from the case's files alone, not from DNS,
		 * nscd or whatever the host's nsswitch.conf adds: a name missing
		 * from the case's hosts file is then simply not found.
		 */
		static const char nss[] = "hosts: files\nnetworks: files\nservices: files\n"
					  "protocols: files\n";
		int fd = open(".sockspec-nsswitch.conf", O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
		if (fd < 0 || write(fd, nss, sizeof(nss) - 1) != (ssize_t)sizeof(nss) - 1)
			return fail(err, tc, tc->line, "writing the case's nsswitch.conf");
		close(fd);
		if (mount(".sockspec-nsswitch.conf", "/etc/nsswitch.conf", NULL, MS_BIND, NULL) < 0)
			return fail(err, tc, tc->line, "bind-mounting nsswitch.conf");
	}
	if (mount(file, target, NULL, MS_BIND, NULL) < 0) {
		char *what = xasprintf("bind-mounting %s over %s", file, target);
		int r = fail(err, tc, tc->line, what);
		free(what);
		return r;
	}
	return 0;
}

static int write_sysctl(const struct tcase *tc, const struct sysctl_set *s, char **err)
{
	char *path = xasprintf("/proc/sys/%s", s->key);
	for (char *c = path + 10; *c; c++)
		if (*c == '.')
			*c = '/';
	int fd = open(path, O_WRONLY | O_CLOEXEC);
	ssize_t n = -1;
	if (fd >= 0) {
		n = write(fd, s->value, strlen(s->value));
		int e = errno;
		close(fd);
		errno = e;
	}
	if (n != (ssize_t)strlen(s->value)) {
		char *what = xasprintf("sysctl %s=%s", s->key, s->value);
		fail(err, tc, s->line, what);
		free(what);
		free(path);
		return -1;
	}
	free(path);
	return 0;
}

/* Each declared namespace, kept by fd, with its own lo up. */
static int make_netns(const struct tcase *tc, struct case_env *env, char **err)
{
	env->nnetns = tc->nnetns ? tc->nnetns : 1;
	env->netns_fd = xmalloc(env->nnetns * sizeof(int));
	env->netns_fd[0] = open("/proc/self/ns/net", O_RDONLY | O_CLOEXEC);
	if (env->netns_fd[0] < 0)
		return fail(err, tc, tc->line, "opening /proc/self/ns/net");
	for (size_t i = 1; i < env->nnetns; i++) {
		int home;
		if (netns_create(&home, &env->netns_fd[i]) < 0)
			return fail(err, tc, tc->line, "creating a netns");
		close(home);
		if (netns_enter(env->netns_fd[i]) < 0)
			return fail(err, tc, tc->line, "entering the new netns");
		if (sandbox_lo_up(err))
			return -1;
		if (netns_enter(env->netns_fd[0]) < 0)
			return fail(err, tc, tc->line, "returning to the case's netns");
	}
	return 0;
}

int case_setup(const struct tcase *tc, struct case_env *env, char **err)
{
	bool mount_ns = false;
	if (make_netns(tc, env, err) || fixtures_apply(tc->fixtures, tc->nfixtures, tc->file->path, env->netns_fd, err))
		return -1;
	if (tc->ns_uts && unshare(CLONE_NEWUTS) < 0)
		return fail(err, tc, tc->line, "unshare(CLONE_NEWUTS)");
	if (tc->hosts_file && bind_etc(tc, tc->hosts_file, "/etc/hosts", &mount_ns, err))
		return -1;
	if (tc->services_file && bind_etc(tc, tc->services_file, "/etc/services", &mount_ns, err))
		return -1;
	if (tc->protocols_file && bind_etc(tc, tc->protocols_file, "/etc/protocols", &mount_ns, err))
		return -1;
	for (size_t i = 0; i < tc->nsysctls; i++)
		if (write_sysctl(tc, &tc->sysctls[i], err))
			return -1;
	return 0;
}

int case_drop_privilege(char **err)
{
	/*
	 * A user namespace of our own, with no id mapping: full capabilities
	 * inside it, none over the network, UTS and mount namespaces the case
	 * already has, which belong to the parent user namespace.
	 */
	if (unshare(CLONE_NEWUSER) < 0) {
		*err = xasprintf("unshare(CLONE_NEWUSER) to drop privilege: %s", strerror(errno));
		return -1;
	}
	return 0;
}
