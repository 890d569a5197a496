/* SPDX-License-Identifier: MIT */
/* Unit tests for harness/kconfig.c: versions, config parsing, live load. */
#define _GNU_SOURCE
#include "exec/kernel.h"
#include "tap.h"

#include <stdlib.h>
#include <sys/utsname.h>
#include <unistd.h>
#include <zlib.h>

static void test_version_parse(void)
{
	struct kversion kv;

	is_int(kversion_parse("6.18.44-fc-v657", &kv), 0, "parse 6.18.44-fc-v657");
	ok(kv.major == 6 && kv.minor == 18 && kv.patch == 44, "  -> 6.18.44");
	is_int(kversion_parse("6.1.0-28-amd64", &kv), 0, "parse 6.1.0-28-amd64");
	ok(kv.major == 6 && kv.minor == 1 && kv.patch == 0, "  -> 6.1.0");
	is_int(kversion_parse("5.4", &kv), 0, "parse 5.4");
	ok(kv.major == 5 && kv.minor == 4 && kv.patch == 0, "  -> 5.4.0");
	is_int(kversion_parse("6.9-rc3", &kv), 0, "parse 6.9-rc3");
	ok(kv.major == 6 && kv.minor == 9 && kv.patch == 0, "  -> 6.9.0");
	is_int(kversion_parse("4.19.0+", &kv), 0, "parse 4.19.0+");
	is_int(kv.minor, 19, "  minor 19");

	is_int(kversion_parse("garbage", &kv), -1, "garbage rejected");
	is_int(kversion_parse("", &kv), -1, "empty rejected");
	is_int(kversion_parse("6", &kv), -1, "major alone rejected");
	is_int(kversion_parse("6.", &kv), -1, "missing minor rejected");
	is_int(kversion_parse(".6.1", &kv), -1, "leading dot rejected");
	is_int(kversion_parse("-6.1", &kv), -1, "sign rejected");
	is_int(kversion_parse(" 6.1", &kv), -1, "leading space rejected");
	is_int(kversion_parse("99999999999.1", &kv), -1, "overflow rejected");
	is_int(kversion_parse(NULL, &kv), -1, "NULL rejected");
}

static void test_version_cmp(void)
{
	struct kversion a = { 6, 1, 0 }, b = { 6, 18, 44 }, c = { 6, 1, 0 };
	struct kversion d = { 5, 99, 99 }, e = { 6, 1, 1 };

	ok(kversion_cmp(&a, &b) < 0, "6.1.0 < 6.18.44");
	ok(kversion_cmp(&b, &a) > 0, "6.18.44 > 6.1.0");
	ok(kversion_cmp(&a, &c) == 0, "6.1.0 == 6.1.0");
	ok(kversion_cmp(&d, &a) < 0, "5.99.99 < 6.1.0");
	ok(kversion_cmp(&e, &a) > 0, "6.1.1 > 6.1.0");
}

static const char sample_config[] =
	"#\n"
	"# Automatically generated file; DO NOT EDIT.\n"
	"#\n"
	"CONFIG_UNIX=y\n"
	"CONFIG_IPV6=m\n"
	"CONFIG_LOCALVERSION=\"-fc-v657\"\n"
	"CONFIG_QUOTED=\"say \\\"hi\\\" \\\\o/\"\n"
	"CONFIG_EMPTY_STRING=\"\"\n"
	"CONFIG_LOG_BUF_SHIFT=17\n"
	"CONFIG_HEX=0x1000\n"
	"# CONFIG_TIPC is not set\n"
	"CONFIG_CRLF=y\r\n"
	"CONFIG_DUP=y\n"
	"# CONFIG_DUP is not set\n"
	"CONFIG_DUP2=m\n"
	"CONFIG_DUP2=y\n"
	"this line is junk\n"
	"CONFIG_=y\n"
	"# CONFIG_COMMENTISH is really not set\n"
	"CONFIG_NO_NEWLINE=y";

static void test_config_text(void)
{
	struct kinfo ki = { 0 };

	is_int(kinfo_load_config_text(&ki, sample_config, "sample"), 0, "load sample text");
	is_str(ki.config_source, "sample", "config_source recorded");
	is_str(kconfig_get(&ki, "CONFIG_UNIX"), "y", "=y with prefix");
	is_str(kconfig_get(&ki, "UNIX"), "y", "=y without prefix");
	is_str(kconfig_get(&ki, "CONFIG_IPV6"), "m", "=m");
	is_str(kconfig_get(&ki, "LOCALVERSION"), "-fc-v657", "string, quotes stripped");
	is_str(kconfig_get(&ki, "QUOTED"), "say \"hi\" \\o/", "string escapes undone");
	is_str(kconfig_get(&ki, "EMPTY_STRING"), "", "empty string");
	is_str(kconfig_get(&ki, "CONFIG_LOG_BUF_SHIFT"), "17", "number");
	is_str(kconfig_get(&ki, "HEX"), "0x1000", "hex number as written");
	ok(kconfig_get(&ki, "CONFIG_TIPC") == NULL, "is not set -> NULL");
	ok(kconfig_get(&ki, "TIPC") == NULL, "is not set (no prefix) -> NULL");
	ok(kconfig_get(&ki, "CONFIG_MISSING") == NULL, "missing -> NULL");
	is_str(kconfig_get(&ki, "CRLF"), "y", "CRLF line ending stripped");
	ok(kconfig_get(&ki, "DUP") == NULL, "later 'is not set' wins");
	is_str(kconfig_get(&ki, "DUP2"), "y", "later assignment wins");
	ok(kconfig_get(&ki, "COMMENTISH") == NULL, "odd comment ignored");
	ok(kconfig_get(&ki, "") == NULL, "empty symbol -> NULL");
	ok(kconfig_get(&ki, "CONFIG_") == NULL, "bare prefix -> NULL");
	is_str(kconfig_get(&ki, "NO_NEWLINE"), "y", "last line without newline");
	is_int(ki.n_entries, 10, "10 set symbols");

	/* Reloading replaces the previous config (no leak, no stale values). */
	is_int(kinfo_load_config_text(&ki, "CONFIG_NET=y\n", NULL), 0, "reload");
	ok(kconfig_get(&ki, "UNIX") == NULL, "old values gone after reload");
	is_str(kconfig_get(&ki, "NET"), "y", "new value present");
	is_str(ki.config_source, "", "NULL source -> \"\"");
	kinfo_free(&ki);
	ok(ki.entries == NULL && ki.n_entries == 0, "kinfo_free clears");
	ok(kconfig_get(&ki, "NET") == NULL, "lookup after free -> NULL");

	is_int(kinfo_load_config_text(&ki, "", "empty"), 0, "empty text loads");
	is_int(ki.n_entries, 0, "  no entries");
	kinfo_free(&ki);
}

/* Many symbols, to exercise sorting/bsearch beyond a handful. */
static void test_config_many(void)
{
	struct kinfo ki = { 0 };
	size_t cap = 20000 * 32, len = 0;
	char *text = malloc(cap), name[32];
	int i, bad = 0;

	for (i = 0; i < 10000; i++)
		len += (size_t)snprintf(text + len, cap - len,
					i % 3 ? "CONFIG_SYM_%d=%d\n" : "# CONFIG_SYM_%d is not set\n",
					(i * 7919) % 10000, i);
	is_int(kinfo_load_config_text(&ki, text, "many"), 0, "load 10000 lines");
	for (i = 0; i < 10000; i++) {
		const char *v;

		snprintf(name, sizeof(name), "SYM_%d", (i * 7919) % 10000);
		v = kconfig_get(&ki, name);
		if (i % 3 ? !v || atoi(v) != i : v != NULL)
			bad++;
	}
	is_int(bad, 0, "every symbol found with its value");
	kinfo_free(&ki);
	free(text);
}

static int write_file(const char *path, const char *text, int gz)
{
	if (gz) {
		gzFile g = gzopen(path, "wb");

		if (!g)
			return -1;
		gzputs(g, text);
		return gzclose(g) == Z_OK ? 0 : -1;
	} else {
		FILE *f = fopen(path, "w");

		if (!f)
			return -1;
		fputs(text, f);
		return fclose(f);
	}
}

static void test_config_files(void)
{
	char dir[] = "/tmp/test_kconfig.XXXXXX", plain[64], gz[64];
	struct kinfo ki;

	if (!mkdtemp(dir)) {
		ok(0, "mkdtemp");
		return;
	}
	snprintf(plain, sizeof(plain), "%s/config", dir);
	snprintf(gz, sizeof(gz), "%s/config.gz", dir);
	is_int(write_file(plain, "CONFIG_PLAIN=y\n# CONFIG_X is not set\n", 0), 0, "write plain config");
	is_int(write_file(gz, "CONFIG_GZ=\"yes\"\n", 1), 0, "write gzip config");

	is_int(kinfo_load(&ki, plain), 0, "kinfo_load plain file");
	is_str(ki.config_source, plain, "  source is the given path");
	is_str(kconfig_get(&ki, "PLAIN"), "y", "  value read");
	kinfo_free(&ki);

	is_int(kinfo_load(&ki, gz), 0, "kinfo_load gzip file");
	is_str(kconfig_get(&ki, "CONFIG_GZ"), "yes", "  value read through zlib");
	kinfo_free(&ki);

	is_int(kinfo_load(&ki, "/nonexistent/config"), 0, "missing explicit path is not an error");
	is_str(ki.config_source, "", "  config_source empty");
	is_int(ki.n_entries, 0, "  no entries");
	ok(ki.release[0] != '\0', "  uname still filled");
	kinfo_free(&ki);

	/* An empty file is not a config: no source, like a missing one. */
	is_int(write_file(plain, "", 0), 0, "write empty config");
	is_int(kinfo_load(&ki, plain), 0, "kinfo_load empty file");
	is_str(ki.config_source, "", "  empty file is no source");
	kinfo_free(&ki);

	unlink(plain);
	unlink(gz);
	rmdir(dir);
}

static void test_live(void)
{
	struct kinfo ki;
	struct utsname u;
	struct kversion kv;

	is_int(kinfo_load(&ki, NULL), 0, "kinfo_load on this machine");
	uname(&u);
	is_str(ki.release, u.release, "release from uname");
	is_str(ki.machine, u.machine, "machine from uname");
	ok(ki.version[0] != '\0', "version non-empty");
	if (kversion_parse(u.release, &kv) == 0)
		ok(kversion_cmp(&ki.kv, &kv) == 0, "kv parsed from release (%d.%d.%d)",
		   ki.kv.major, ki.kv.minor, ki.kv.patch);
	else
		ok(1, "# SKIP release '%s' is not a version", u.release);

	if (ki.config_source[0]) {
		printf("# config from %s: %d symbols\n", ki.config_source, ki.n_entries);
		ok(ki.n_entries > 100, "live config has many symbols");
		ok(kconfig_get(&ki, "CONFIG_NET") != NULL, "CONFIG_NET is set");
	} else {
		/* No /proc/config.gz and no /boot/config-*: still a clean result. */
		is_int(ki.n_entries, 0, "no config: no entries");
		ok(kconfig_get(&ki, "CONFIG_NET") == NULL, "no config: lookups NULL");
	}
	kinfo_free(&ki);
}

int main(void)
{
	test_version_parse();
	test_version_cmp();
	test_config_text();
	test_config_many();
	test_config_files();
	test_live();
	return tap_done();
}
