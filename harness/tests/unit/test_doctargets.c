/* SPDX-License-Identifier: MIT */
/* Unit tests for harness/doctargets.c: each rule, robustness, socket.rst. */
#define _GNU_SOURCE
#include "docs/targets.h"
#include "tap.h"

#include <errno.h>
#include <stdlib.h>
#include <unistd.h>

static const char sample[] =
	":mod:`foo` --- Bar baz\n"				/* 1 */
	"======================\n"
	"\n"
	".. module:: mod\n"
	"   :synopsis: A module.\n"				/* 5 */
	"\n"
	".. _My-Label:\n"
	"\n"
	"Some Section: with *markup* & stuff!\n"
	"------------------------------------\n"		/* 10 */
	"\n"
	"=============\n"
	" 2 Overlined\n"
	"=============\n"
	"\n"							/* 15 */
	".. data:: ONE\n"
	"          TWO\n"
	"          WILD_*\n"
	"\n"
	"   Body text.\n"					/* 20 */
	"\n"
	"   .. availability:: Linux >= 2.6.38,\n"
	"      FreeBSD.\n"
	"\n"
	"      More content, not part of the note.\n"		/* 25 */
	"\n"
	"   .. availability:: second note ignored\n"
	"\n"
	".. data:: NOAVAIL\n"
	"\n"							/* 30 */
	".. function:: func(a, b, \\\n"
	"              c)\n"
	"\n"
	"   .. note::\n"
	"\n"							/* 35 */
	"      .. availability:: Linux >= 5.1.\n"
	"\n"
	".. function:: func(a)\n"
	"   :noindex:\n"
	"\n"							/* 40 */
	".. class:: Klass(x)\n"
	"\n"
	"   .. method:: meth(y)\n"
	"\n"
	"      .. availability:: Linux >= 4.0.\n"		/* 45 */
	"\n"
	"   .. attribute:: attr\n"
	"\n"
	"   .. method:: Klass.qualified()\n"
	"\n"							/* 50 */
	".. method:: Klass.outside()\n"
	"\n"
	".. exception:: Oops\n"
	"\n"
	".. function:: hidden()\n"				/* 55 */
	"   :noindex:\n"
	"\n"
	"   .. availability:: lost\n"
	"\n"
	".. attribute:: Klass.attr2\n"			/* 60 */
	"\n"
	"- bullet\n"
	"\n"
	"  .. availability:: Linux >= 9.9.\n"
	"\n"							/* 65 */
	"Linux things\n"
	"~~~~~~~~~~~~\n"
	"\n"
	".. availability::\n"
	"\n"							/* 70 */
	"   Linux.\n"
	"\n"
	"Example::\n"
	"\n"
	"   .. data:: IN_LITERAL\n"				/* 75 */
	"\n"
	".. This is a comment\n"
	"   .. data:: IN_COMMENT\n"
	"\n"
	".. code-block:: rst\n"				/* 80 */
	"\n"
	"   .. data:: IN_CODE\n"
	"\n"
	".. _External Link: https://example.com\n"
	"\n"							/* 85 */
	".. currentmodule:: other\n"
	"\n"
	"..  py:function:: elsewhere()\n"
	"\n"
	".. _`Quoted  Label`:\n"				/* 90 */
	"\n"
	"Short\n"
	"--\n"
	"\n"
	"\tTabbed\n"					/* 95 */
	"\n"
	"Dup section\n"
	"-----------\n"
	"\n"
	"Dup section\n"					/* 100 */
	"===========\n"
	"\n"
	"   .. data:: INDENTED_TOP\n"
	"\n"
	".. data:: TWICE\n"					/* 105 */
	".. data:: TWICE\n"
	"\n"
	"   .. availability:: from the second\n"
	"\n"
	".. _label-no-newline:";				/* 110 */

static void check_target(const struct doc_index *di, const char *name,
			 enum doc_kind kind, const char *directive, int line,
			 const char *avail)
{
	const struct doc_target *t = doc_index_find(di, name);

	ok(t != NULL, "target %s", name);
	if (!t)
		return;
	is_int(t->kind, kind, "  %s kind", name);
	is_str(t->directive, directive, "  %s directive", name);
	is_int(t->line, line, "  %s line", name);
	is_str(t->availability, avail, "  %s availability", name);
}

static void absent(const struct doc_index *di, const char *name, const char *why)
{
	ok(doc_index_find(di, name) == NULL, "no %s (%s)", name, why);
}

static void test_sample(void)
{
	struct doc_index di;
	size_t i;
	int sorted = 1;

	is_int(doc_index_parse(&di, sample, "sample.rst"), 0, "parse sample");
	is_str(di.path, "sample.rst", "path recorded");

	check_target(&di, "foo-bar-baz", DOC_SECTION, "section", 1, NULL);
	check_target(&di, "my-label", DOC_LABEL, "label", 7, NULL);
	check_target(&di, "some-section-with-markup-stuff", DOC_SECTION, "section", 9, NULL);
	check_target(&di, "overlined", DOC_SECTION, "section", 13, NULL);

	check_target(&di, "mod.ONE", DOC_OBJECT, "data", 16, "Linux >= 2.6.38, FreeBSD.");
	check_target(&di, "mod.TWO", DOC_OBJECT, "data", 17, "Linux >= 2.6.38, FreeBSD.");
	check_target(&di, "mod.WILD_*", DOC_OBJECT, "data", 18, "Linux >= 2.6.38, FreeBSD.");
	check_target(&di, "mod.NOAVAIL", DOC_OBJECT, "data", 29, NULL);
	check_target(&di, "mod.func", DOC_OBJECT, "function", 31, "Linux >= 5.1.");
	absent(&di, "mod.c", "backslash continuation is not a signature");

	check_target(&di, "mod.Klass", DOC_OBJECT, "class", 41, NULL);
	check_target(&di, "mod.Klass.meth", DOC_OBJECT, "method", 43, "Linux >= 4.0.");
	check_target(&di, "mod.Klass.attr", DOC_OBJECT, "attribute", 47, NULL);
	check_target(&di, "mod.Klass.qualified", DOC_OBJECT, "method", 49, NULL);
	absent(&di, "mod.Klass.Klass.qualified", "already qualified");
	check_target(&di, "mod.Klass.outside", DOC_OBJECT, "method", 51, NULL);
	check_target(&di, "mod.Oops", DOC_OBJECT, "exception", 53, NULL);
	absent(&di, "mod.hidden", ":noindex: only");
	check_target(&di, "mod.Klass.attr2", DOC_OBJECT, "attribute", 60, NULL);

	check_target(&di, "linux-things", DOC_SECTION, "section", 66, "Linux.");
	absent(&di, "mod.IN_LITERAL", "literal block");
	absent(&di, "mod.IN_COMMENT", "comment");
	absent(&di, "mod.IN_CODE", "code-block");
	absent(&di, "external link", "external hyperlink target");
	check_target(&di, "other.elsewhere", DOC_OBJECT, "function", 88, NULL);
	check_target(&di, "quoted label", DOC_LABEL, "label", 90, NULL);
	absent(&di, "short", "underline too short");
	absent(&di, "tabbed", "not a title");
	check_target(&di, "dup-section", DOC_SECTION, "section", 97, NULL);
	check_target(&di, "other.INDENTED_TOP", DOC_OBJECT, "data", 103, NULL);
	check_target(&di, "other.TWICE", DOC_OBJECT, "data", 105, "from the second");
	check_target(&di, "label-no-newline", DOC_LABEL, "label", 110, NULL);
	absent(&di, "My-Label", "labels are lowercased");
	absent(&di, "mod", "the module itself is not listed");

	is_int(di.n, 23, "exactly the expected targets");
	for (i = 0; i + 1 < di.n; i++)
		if (strcmp(di.targets[i].name, di.targets[i + 1].name) >= 0)
			sorted = 0;
	ok(sorted, "targets sorted by name, no duplicates");
	if (di.n != 23)
		for (i = 0; i < di.n; i++)
			printf("#   %d %s\n", di.targets[i].line, di.targets[i].name);
	ok(doc_index_find(&di, "nonexistent") == NULL, "find unknown -> NULL");
	ok(doc_index_find(&di, NULL) == NULL, "find NULL -> NULL");
	doc_index_free(&di);
	ok(di.targets == NULL && di.n == 0 && di.path == NULL, "free clears");
}

static void test_robustness(void)
{
	static const char *const odd[] = {
		"", "\n", "\n\n\n", "..", ".. ", ".. _", ".. _:", ".. __:", ".. ::",
		".. data::", ".. data:: ", ".. data:: (", ".. method:: .", "-",
		"a\n-", "=\n=\n=", "===\n\n===", "x\n===\n", ".. availability::",
		"   .. availability:: x", ".. data:: X\n   .. availability::",
		"::", "a::", "a::\n", ".. data:: A \\", ".. data:: A \\\n",
		".. data:: \\\n\\\n\\", ".. module::", ".. module:: None\n.. data:: Z",
		":ref:`", "\r\n\r\n", "\xff\xfe\x00", ".. _`unterminated:",
		"Title\n=====\n.. data:: X\n   .. availability:: y",
		"a :-\n----",	/* role-like ":-" then only '-' to the end */
	};
	struct doc_index di;
	size_t k;
	int fails = 0;

	for (k = 0; k < sizeof(odd) / sizeof(odd[0]); k++) {
		if (doc_index_parse(&di, odd[k], NULL) != 0)
			fails++;
		doc_index_free(&di);
	}
	is_int(fails, 0, "odd inputs parse without error");

	is_int(doc_index_parse(&di, "", NULL), 0, "empty document");
	is_int(di.n, 0, "  no targets");
	ok(di.path == NULL, "  NULL path kept NULL");
	doc_index_free(&di);

	is_int(doc_index_parse(&di, "x\n===\n", NULL), 0, "title at end");
	ok(doc_index_find(&di, "x") != NULL, "  found");
	doc_index_free(&di);

	errno = 0;
	is_int(doc_index_parse(&di, NULL, NULL), -1, "NULL text rejected");
	is_int(errno, EINVAL, "  EINVAL");
	doc_index_free(&di);
}

/* Every prefix of the sample: truncation must never crash or fail. */
static void test_truncations(void)
{
	size_t len = strlen(sample), cut;
	char *buf = malloc(len + 1);
	int fails = 0;

	for (cut = 0; cut <= len; cut++) {
		struct doc_index di;

		memcpy(buf, sample, cut);
		buf[cut] = '\0';
		if (doc_index_parse(&di, buf, NULL) != 0)
			fails++;
		doc_index_free(&di);
	}
	is_int(fails, 0, "all %zu prefixes of the sample parse", len + 1);
	free(buf);
}

/* Random splices of reST-ish fragments and bytes, deterministic seed. */
static void test_fuzz(void)
{
	static const char *const frag[] = {
		".. ", "_", ":", "::", "`", "\n", "   ", "\t", "data", "method",
		"availability", "class", "module", "=====", "---", "x", "A.b",
		"\\", "\r", "*", "(", " ", "\xc3\xa9", "\xff", "..",
	};
	unsigned int seed = 12345;
	char buf[512];
	int iter, fails = 0;

	for (iter = 0; iter < 3000; iter++) {
		size_t len = 0;
		struct doc_index di;

		while (len < sizeof(buf) - 16) {
			const char *f;

			seed = seed * 1103515245u + 12345u;
			if ((seed >> 16) % 50 == 0)
				break;
			f = frag[(seed >> 16) % (sizeof(frag) / sizeof(frag[0]))];
			memcpy(buf + len, f, strlen(f));
			len += strlen(f);
		}
		buf[len] = '\0';
		if (doc_index_parse(&di, buf, NULL) != 0)
			fails++;
		doc_index_free(&di);
	}
	is_int(fails, 0, "3000 random documents parse");
}

static void test_load_errors(void)
{
	char path[] = "/tmp/test_doctargets.XXXXXX";
	struct doc_index di;
	int fd;

	errno = 0;
	is_int(doc_index_load(&di, "/nonexistent/socket.rst"), -1, "missing file -> -1");
	is_int(errno, ENOENT, "  errno ENOENT");
	doc_index_free(&di);

	/* A file with NUL bytes and no final newline still loads. */
	fd = mkstemp(path);
	ok(fd >= 0, "mkstemp");
	if (fd < 0)
		return;
	ok(write(fd, "\0\0.. _lbl:\n\0x\n=\0=", 17) == 17, "write binary file");
	close(fd);
	is_int(doc_index_load(&di, path), 0, "binary file loads");
	ok(doc_index_find(&di, "lbl") != NULL, "  label before NULs found");
	is_str(di.path, path, "  path recorded");
	doc_index_free(&di);
	unlink(path);
}

static void test_socket_rst(void)
{
	static const char *const names[] = {
		"socket.AF_UNIX", "socket.AF_INET6", "socket.socket.accept",
		"socket.getaddrinfo", "socket.socket", "host_port",
		"socket-timeouts", "socket-example", "socket-families",
	};
	const size_t nnames = sizeof(names) / sizeof(names[0]);
	const char *path = getenv("SOCKSPEC_DOC");
	const struct doc_target *t;
	struct doc_index di;
	size_t k;

	if (!path || !*path)
		path = "../shared/socket.rst";
	if (access(path, R_OK) != 0) {
		/* One skip per check so the plan does not depend on the file. */
		for (k = 0; k < nnames + 3; k++)
			printf("ok %d # SKIP no socket.rst\n", ++tap_n);
		return;
	}
	is_int(doc_index_load(&di, path), 0, "load %s", path);
	printf("# %s: %zu targets\n", path, di.n);
	ok(di.n > 150, "socket.rst has many targets");
	for (k = 0; k < nnames; k++)
		ok(doc_index_find(&di, names[k]) != NULL, "socket.rst defines %s", names[k]);
	t = doc_index_find(&di, "socket.AF_ALG");
	ok(t && t->availability && strstr(t->availability, "2.6.38"),
	   "socket.AF_ALG availability mentions 2.6.38 (%s)",
	   t && t->availability ? t->availability : "none");
	doc_index_free(&di);
}

/* ":platform: X" in an object's body stands for a missing availability note. */
static void test_platform_field(void)
{
	static const char text[] =
		".. module:: socket\n"
		"\n"
		".. method:: socket.ioctl(control, option)\n"
		"\n"
		"   :platform: Windows\n"
		"\n"
		"   Text.\n"
		"\n"
		".. function:: both()\n"
		"\n"
		"   .. availability:: Linux.\n"
		"\n"
		"   :platform: Windows\n"
		"\n"
		":platform: Nowhere\n";
	struct doc_index di;
	const struct doc_target *t;

	is_int(doc_index_parse(&di, text, "platform.rst"), 0, "platform: parses");
	t = doc_index_find(&di, "socket.socket.ioctl");
	is_str(t ? t->availability : NULL, "Windows", "platform: the field is the method's availability");
	t = doc_index_find(&di, "socket.both");
	is_str(t ? t->availability : NULL, "Linux.", "platform: a real note wins over the field");
	is_int((long long)di.nnotes, 1, "platform: the field is not one of the document's notes");
	doc_index_free(&di);
}

int main(void)
{
	test_platform_field();
	test_sample();
	test_robustness();
	test_truncations();
	test_fuzz();
	test_load_errors();
	test_socket_rst();
	return tap_done();
}
