// SPDX-License-Identifier: MIT
#include "exec/require.h"
#include "exec/record.h"
#include "lang/consts.h"
#include "util/util.h"

#include <errno.h>
#include <fcntl.h>
#include <sys/wait.h>
#include <linux/capability.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/utsname.h>
#include <unistd.h>

static bool cap_effective(int cap)
{
	struct __user_cap_header_struct h = { .version = _LINUX_CAPABILITY_VERSION_3 };
	struct __user_cap_data_struct d[2];
	memset(d, 0, sizeof(d));
	if (syscall(SYS_capget, &h, d) != 0)
		return false;
	return d[cap / 32].effective & (1u << (cap % 32));
}

/* Module names treat '-' and '_' alike; the kernel writes '_'. */
static void module_canon(char *n)
{
	for (char *c = n; *c; c++)
		if (*c == '-')
			*c = '_';
}

/*
 * Built in: listed in /lib/modules/RELEASE/modules.builtin as a path
 * ending in NAME.ko (a built-in module without parameters has no
 * /sys/module entry).
 */
static bool module_builtin(const char *canon)
{
	struct utsname u;
	if (uname(&u) != 0)
		return false;
	char *path = xasprintf("/lib/modules/%s/modules.builtin", u.release);
	size_t len;
	char *text = read_file(path, &len);
	free(path);
	if (!text)
		return false;
	bool found = false;
	for (char *line = strtok(text, "\n"); line && !found; line = strtok(NULL, "\n")) {
		char *base = strrchr(line, '/');
		base = base ? base + 1 : line;
		char *dot = strstr(base, ".ko");
		if (!dot)
			continue;
		*dot = 0;
		module_canon(base);
		found = !strcmp(base, canon);
	}
	free(text);
	return found;
}

/*
 * /sys/module/NAME exists for a loaded module and for a built-in one with
 * parameters; other built-in ones are in modules.builtin.  A module still
 * running its init function (initstate "coming": another case's modprobe
 * of bluetooth waits seconds for its ECDH self-test under TCG) has the
 * directory but has not registered anything yet; it counts as absent, and
 * the modprobe that follows waits for that load to finish.
 */
static bool module_present(const char *name)
{
	char *n = xstrdup(name);
	module_canon(n);
	char *path = xasprintf("/sys/module/%s", n);
	char *state_path = xasprintf("/sys/module/%s/initstate", n);
	size_t len;
	char *state = read_file(state_path, &len);
	bool there = access(path, F_OK) == 0 || module_builtin(n);
	if (state && strncmp(state, "live", 4) != 0)
		there = false;
	free(state);
	free(state_path);
	free(path);
	free(n);
	return there;
}

int module_load(const char *name)
{
	pid_t pid = fork();
	if (pid < 0)
		return -1;
	if (pid == 0) {
		int null = open("/dev/null", O_RDWR);
		if (null >= 0) {
			dup2(null, 1);
			dup2(null, 2);
		}
		execlp("modprobe", "modprobe", "-q", name, (char *)NULL);
		_exit(127);
	}
	int ws;
	while (waitpid(pid, &ws, 0) < 0)
		if (errno != EINTR)
			return -1;
	return WIFEXITED(ws) ? WEXITSTATUS(ws) : 128;
}

static char *module_unmet(const struct requirement *r, bool host_root, struct report *rep)
{
	if (module_present(r->sym))
		return NULL;
	if (access("/proc/modules", F_OK) != 0)
		return xasprintf("requires module %s: not built in, and this kernel cannot load "
				 "modules (no /proc/modules)", r->sym);
	if (!host_root)
		return xasprintf("requires module %s: not loaded, and loading needs real root",
				 r->sym);
	int rc = module_load(r->sym);
	if (rc == 0 && module_present(r->sym)) {
		if (rep)
			report_put(rep, REC_MODULE, r->sym);
		return NULL;
	}
	if (rc == 127)
		return xasprintf("requires module %s: not loaded, and modprobe is not installed",
				 r->sym);
	return xasprintf("requires module %s: modprobe %s failed (exit %d)", r->sym, r->sym, rc);
}

char *req_unmet(const struct requirement *r, const struct kinfo *ki, bool host_root,
		struct report *rep)
{
	switch (r->kind) {
	case REQ_SOCKET: {
		int fd = socket((int)r->sock[0], (int)r->sock[1], (int)r->sock[2]);
		if (fd >= 0) {
			close(fd);
			return NULL;
		}
		const char *en = errno_name(errno);
		return xasprintf("requires %s: %s", r->text, en ? en : strerror(errno));
	}
	case REQ_KERNEL: {
		int c = kversion_cmp(&ki->kv, &r->kv);
		bool ok = r->cmp == CMP_GE ? c >= 0 : r->cmp == CMP_GT ? c > 0 :
			  r->cmp == CMP_LT ? c < 0 : c <= 0;
		if (ok)
			return NULL;
		/*
		 * The requirement as written, and which side of it this kernel is
		 * on, but not its release: result lines are test names to LKFT's
		 * parser, and must read the same on every kernel that skips (the
		 * release is in the KTAP header and the JSON record).
		 */
		return xasprintf("requires %s: %s", r->text,
				 r->cmp == CMP_GE || r->cmp == CMP_GT ? "this kernel is older"
								      : "this kernel is newer");
	}
	case REQ_CONFIG: {
		if (!ki->config_source[0])
			return xasprintf("requires %s: no kernel config found (/proc/config.gz, "
					 "/boot/config-$(uname -r))", r->text);
		const char *v = kconfig_get(ki, r->sym);
		/* not the config's path: /boot/config-RELEASE names the kernel (see above) */
		if (!v)
			return xasprintf("requires %s: %s is not set in the kernel config", r->text,
					 r->sym);
		if (r->want ? strcmp(v, r->want) != 0 : strcmp(v, "y") && strcmp(v, "m"))
			return xasprintf("requires %s: %s=%s in the kernel config", r->text, r->sym,
					 v);
		return NULL;
	}
	case REQ_ROOT:
		return host_root ? NULL
				 : xstrdup("requires root: running unprivileged, in a user namespace");
	case REQ_CAP:
		return cap_effective(r->cap) ? NULL
			: xasprintf("requires cap %s: not in the effective set", r->sym);
	case REQ_MODULE:
		return module_unmet(r, host_root, rep);
	}
	return NULL;
}

char *case_unmet(const struct tcase *tc, const struct kinfo *ki, bool host_root,
		 struct report *rep)
{
	for (size_t i = 0; i < tc->file->nreqs; i++) {
		char *why = req_unmet(&tc->file->reqs[i], ki, host_root, rep);
		if (why)
			return why;
	}
	for (size_t i = 0; i < tc->nreqs; i++) {
		char *why = req_unmet(&tc->reqs[i], ki, host_root, rep);
		if (why)
			return why;
	}
	return NULL;
}
