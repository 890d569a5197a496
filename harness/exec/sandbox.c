// SPDX-License-Identifier: MIT
#define _GNU_SOURCE
#include "exec/sandbox.h"
#include "fixtures/rtnl.h"
#include "util/util.h"

#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

static int write_text(const char *path, const char *text)
{
	int fd = open(path, O_WRONLY | O_CLOEXEC);
	if (fd < 0)
		return -1;
	ssize_t n = write(fd, text, strlen(text));
	int e = errno;
	close(fd);
	errno = e;
	return n == (ssize_t)strlen(text) ? 0 : -1;
}

static int fail(char **err, const char *what)
{
	*err = xasprintf("%s: %s", what, strerror(errno));
	return -1;
}

/* lo starts down in a new namespace: up over rtnetlink, as the fixtures do. */
int sandbox_lo_up(char **err)
{
	struct rtnl *r = rtnl_open();
	int rc = r ? rtnl_link_set(r, "lo", 1, 0) : -1;
	if (rc < 0)
		*err = xasprintf("bringing lo up: %s", r ? rtnl_error(r) : strerror(errno));
	rtnl_close(r);
	return rc < 0 ? -1 : 0;
}

bool sandbox_vm_guest(void)
{
	size_t len;
	char *cmdline = read_file("/proc/cmdline", &len);
	bool found = false;
	for (char *save = NULL, *w = cmdline ? strtok_r(cmdline, " \t\n", &save) : NULL;
	     w && !found; w = strtok_r(NULL, " \t\n", &save))
		found = !strcmp(w, "sockspec.vm=1");
	free(cmdline);
	return found;
}

int sandbox_enter(const struct sandbox *sb, char **err)
{
	if (setpgid(0, 0) < 0)
		return fail(err, "setpgid");
	/* keep_netns: the namespace as it is, nothing made, nothing brought up */
	if (sb->host_root) {
		if (!sb->keep_netns && unshare(CLONE_NEWNET) < 0)
			return fail(err, "unshare(CLONE_NEWNET)");
	} else {
		if (unshare(CLONE_NEWUSER | (sb->keep_netns ? 0 : CLONE_NEWNET)) < 0)
			return fail(err, sb->keep_netns ? "unshare(CLONE_NEWUSER)"
							: "unshare(CLONE_NEWUSER|CLONE_NEWNET)");
		char map[64];
		if (write_text("/proc/self/setgroups", "deny") < 0)
			return fail(err, "writing /proc/self/setgroups");
		snprintf(map, sizeof(map), "0 %u 1", (unsigned)sb->uid);
		if (write_text("/proc/self/uid_map", map) < 0)
			return fail(err, "writing /proc/self/uid_map");
		snprintf(map, sizeof(map), "0 %u 1", (unsigned)sb->gid);
		if (write_text("/proc/self/gid_map", map) < 0)
			return fail(err, "writing /proc/self/gid_map");
	}
	if (!sb->keep_netns && sandbox_lo_up(err))
		return -1;
	if (chdir(sb->dir) < 0)
		return fail(err, "chdir to the case directory");
	return 0;
}
