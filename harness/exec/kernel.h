/* SPDX-License-Identifier: MIT */
/*
 * The running kernel's identity: release, version string, machine, and its
 * configuration (from /proc/config.gz, else /boot/config-RELEASE), read once
 * by the runner before any case is forked.
 */
#ifndef SOCKSPEC_EXEC_KERNEL_H
#define SOCKSPEC_EXEC_KERNEL_H

#include "util/kversion.h"

struct kinfo {
	char release[128];	/* uname -r */
	char version[256];	/* uname -v */
	char machine[64];	/* uname -m */
	struct kversion kv;
	char config_source[256]; /* "/proc/config.gz", "/boot/config-...", or "" */
	/* parsed config: opaque */
	struct kconfig_entry *entries;
	int n_entries;
};

/*
 * Fill KI from uname(2) and the first readable config source.  CONFIG_PATH,
 * when not NULL, overrides the search (plain or gzip-compressed file).
 * Returns 0; a missing config is not an error (config_source stays "").
 */
int kinfo_load(struct kinfo *ki, const char *config_path);

/* Load config text from a buffer (for tests).  0 ok, -1 on error. */
int kinfo_load_config_text(struct kinfo *ki, const char *text, const char *source);

/*
 * Value of SYMBOL ("CONFIG_UNIX" or "UNIX"): "y", "m", a string/number
 * value as written (quotes kept off), or NULL when "is not set"/absent.
 */
const char *kconfig_get(const struct kinfo *ki, const char *symbol);

void kinfo_free(struct kinfo *ki);

#endif
