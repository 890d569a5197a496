/* SPDX-License-Identifier: MIT */
/*
 * Unit tests of what `sockspec availability`, `matrix` and
 * `--config-fragment` decide: every availability note found with its
 * subject, the Linux part of a note, each verdict rule, the feature
 * table's consistency with socket.rst, the results reader's schemas, the
 * probes' outcomes and the config fragment.
 */
#define _GNU_SOURCE
#include "avail/avail.h"
#include "lang/case.h"
#include "docs/targets.h"
#include "avail/fragment.h"
#include "out/results.h"
#include "tap.h"

#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

static const char doc[] =
	".. module:: socket\n"				/* 1 */
	"\n"
	"Families\n"
	"--------\n"
	"\n"						/* 5 */
	"- :const:`AF_ONE` is a family.\n"
	"\n"
	"  .. availability:: Linux >= 3.9\n"
	"\n"
	"- A bullet about :data:`~socket.AF_TWO` and :const:`AF_ONE`.\n"	/* 10 */
	"\n"
	"  .. availability:: Linux >= 2.6.38.\n"
	"\n"
	"Text after the list.\n"
	"\n"						/* 15 */
	"  .. availability:: Linux.\n"
	"\n"
	".. data:: AF_ONE\n"
	"          PF_ONE\n"
	"\n"						/* 20 */
	"   .. availability:: Linux >= 4.8.\n"
	"\n"
	"   .. availability:: FreeBSD.\n"
	"\n"
	".. _a-label:\n"				/* 25 */
	"\n"
	".. availability:: Windows.\n";

static void test_notes(void)
{
	struct doc_index di;
	is_int(doc_index_parse(&di, doc, "mini.rst"), 0, "the sample parses");
	is_int(di.nnotes, 6, "every availability note is kept, second ones and list items included");
	if (di.nnotes == 6) {
		const struct doc_note *n = di.notes;
		is_int(n[0].line, 8, "a list item's note: its line");
		is_int(n[0].place, NOTE_ITEM, "... is a list item's");
		is_str(n[0].nsubjects ? n[0].subjects[0] : NULL, "socket.AF_ONE",
		       "... about the item's first reference, qualified with the module");
		is_str(n[1].nsubjects ? n[1].subjects[0] : NULL, "socket.AF_TWO",
		       "a reference with ~ and the module already in it");
		is_int(n[2].nsubjects, 0, "a note in a block that is no list item has no subject");
		is_int(n[3].place, NOTE_OBJECT, "an object's note");
		is_int(n[3].nsubjects, 2, "... is about every signature");
		is_str(n[3].nsubjects > 1 ? n[3].subjects[1] : NULL, "socket.PF_ONE", "... PF_ONE too");
		is_str(n[3].text, "Linux >= 4.8.", "... its text");
		is_str(n[4].text, "FreeBSD.", "an object's second note is kept too");
		is_int(n[5].place, NOTE_LABEL, "a column-0 note after a label");
		is_str(n[5].nsubjects ? n[5].subjects[0] : NULL, "a-label", "... about the label");
	}
	const struct doc_target *t = doc_index_find(&di, "socket.AF_ONE");
	is_str(t ? t->availability : NULL, "Linux >= 4.8.", "targets still get their first note only");
	doc_index_free(&di);
}

static void test_parse_linux(void)
{
	static const struct { const char *note; bool linux_; const char *min; } v[] = {
		{ "Linux >= 2.6.38.", true, "2.6.38" },
		{ "Linux >= 3.9", true, "3.9" },
		{ "Linux >= 2.6.25, NetBSD >= 8.", true, "2.6.25" },
		{ "NetBSD >= 8, Linux >= 5.4.", true, "5.4" },
		{ "Linux.", true, "" },
		{ "Linux, FreeBSD, macOS.", true, "" },
		{ "linux >= 4.1", true, "4.1" },
		{ "Linux >= 5", true, "" },	/* not a kernel version: no minimum */
		{ "Unix.", false, "" },
		{ "Unix, not WASI.", false, "" },
		{ "Windows.", false, "" },
		{ "Linuxish >= 1.0", false, "" },
		{ "", false, "" },
	};
	for (size_t i = 0; i < sizeof(v) / sizeof(v[0]); i++) {
		struct linux_note ln;
		bool got = avail_parse_linux(v[i].note, &ln);
		ok(got == v[i].linux_, "'%s' %s Linux", v[i].note, v[i].linux_ ? "names" : "does not name");
		is_str(ln.min_text, v[i].min, "'%s': minimum '%s'", v[i].note, v[i].min);
		is_int(ln.has_min, v[i].min[0] != 0, "'%s': has a minimum or not", v[i].note);
	}
	struct linux_note ln;
	avail_parse_linux("Linux >= 2.6.38.", &ln);
	is_int(ln.min.major * 10000 + ln.min.minor * 100 + ln.min.patch, 20638, "2.6.38 as a version");
}

static void test_judge(void)
{
	struct evidence e;
#define RESET() memset(&e, 0, sizeof(e))
	RESET();
	is_str(verdict_key(avail_judge(&e)), "not-tested", "no evidence: not tested");
	RESET();
	e.probe_known = true;
	e.probe = PROBE_OK;
	is_str(verdict_key(avail_judge(&e)), "holds", "probe ok: holds");
	RESET();
	e.cases[ST_PASS] = 3;
	is_str(verdict_key(avail_judge(&e)), "holds", "passing cases alone: holds");
	RESET();
	e.cases[ST_XFAIL] = 1;
	is_str(verdict_key(avail_judge(&e)), "holds", "an xfail case ran: the feature is there");
	RESET();
	e.cases[ST_SKIP] = 4;
	is_str(verdict_key(avail_judge(&e)), "not-tested", "only skips: not tested");
	RESET();
	e.config_known = true;
	e.missing[0] = "CONFIG_CAN";
	e.nmissing = 1;
	e.probe_known = true;
	e.probe = PROBE_ABSENT;
	is_str(verdict_key(avail_judge(&e)), "absent-config", "symbol not set, probe absent: absent (config)");
	e.probe = PROBE_OK;
	is_str(verdict_key(avail_judge(&e)), "holds", "symbol not set but the probe finds it: holds");
	RESET();
	e.config_known = true;
	e.probe_known = true;
	e.probe = PROBE_ABSENT;
	is_str(verdict_key(avail_judge(&e)), "contradicted", "config there, probe absent: contradicted");
	e.probe = PROBE_DIFFERENT;
	is_str(verdict_key(avail_judge(&e)), "contradicted", "config there, behaves differently: contradicted");
	e.probe = PROBE_DENIED;
	is_str(verdict_key(avail_judge(&e)), "not-tested", "a denied probe says nothing");
	e.cases[ST_FAIL] = 1;
	is_str(verdict_key(avail_judge(&e)), "contradicted", "a case about it fails: contradicted");
	RESET();
	e.probe_known = true;
	e.probe = PROBE_ABSENT;
	is_str(verdict_key(avail_judge(&e)), "absent", "probe absent, no config: absent, cause unknown");
	RESET();
	e.version_known = true;
	e.version_cmp = -1;
	e.probe_known = true;
	e.probe = PROBE_ABSENT;
	is_str(verdict_key(avail_judge(&e)), "below-minimum", "older than the minimum: below minimum");
	e.version_cmp = 0;
	e.config_known = true;
	is_str(verdict_key(avail_judge(&e)), "contradicted", "exactly the minimum counts as newer");
	for (int v = 0; v < V__COUNT; v++)
		ok(verdict_name((enum verdict)v)[0] && strcmp(verdict_name((enum verdict)v), "?"),
		   "verdict %d has a name", v);
#undef RESET
}

static void test_table(void)
{
	size_t nf;
	const struct avail_feature *const *fs = avail_feature_list(&nf);
	for (size_t i = 0; i < nf; i++) {
		const struct avail_feature *f = fs[i];
		ok(f->name && f->subjects[0], "feature %zu (%s) has a name and a subject", i, f->name);
		ok(!f->parent || avail_feature_named(f->parent), "%s: its parent %s is a feature", f->name,
		   f->parent ? f->parent : "-");
		ok(avail_feature_named(f->name) == f, "%s: the name is unique", f->name);
		ok(f->probe.text && *f->probe.text, "%s: has a probe", f->name);
		for (size_t c = 0; c < AVAIL_MAX_CONFIG && f->config[c]; c++)
			ok(strncmp(f->config[c], "CONFIG_", 7) == 0, "%s: %s is a CONFIG_ symbol", f->name,
			   f->config[c]);
	}
	char *subj[] = { "socket.PF_CAN" };
	const struct avail_feature *f = avail_feature_for(subj, 1);
	is_str(f ? f->name : NULL, "AF_CAN", "socket.PF_CAN belongs to AF_CAN");
	char *subj2[] = { "socket.nothing", "socket.CAN_J1939" };
	f = avail_feature_for(subj2, 2);
	is_str(f ? f->name : NULL, "CAN_J1939", "the first subject with a feature decides");
	ok(avail_feature_has_case(avail_feature_named("AF_CAN"), "af_can/raw.filters"),
	   "af_can/* cases are AF_CAN's");
	ok(!avail_feature_has_case(avail_feature_named("AF_CAN"), "af_inet/bind.x"),
	   "... other families' are not");

	size_t np;
	const struct probe **p = avail_probes(&np);
	is_int(np, nf, "one probe per feature");
	free(p);
}

/* Every Linux note of socket.rst has a row of the table, and every row's subject exists. */
static void test_socket_rst(void)
{
	const char *path = getenv("SOCKSPEC_DOC");
	if (!path || !*path)
		path = "../shared/socket.rst";
	if (access(path, R_OK) != 0) {
		printf("ok %d # SKIP no socket.rst\n", ++tap_n);
		printf("ok %d # SKIP no socket.rst\n", ++tap_n);
		printf("ok %d # SKIP no socket.rst\n", ++tap_n);
		return;
	}
	struct doc_index di;
	if (doc_index_load(&di, path) < 0) {
		ok(0, "load %s", path);
		return;
	}
	size_t nlinux = 0, unmapped = 0;
	for (size_t i = 0; i < di.nnotes; i++) {
		struct linux_note ln;
		if (!avail_parse_linux(di.notes[i].text, &ln))
			continue;
		nlinux++;
		if (!avail_feature_for(di.notes[i].subjects, di.notes[i].nsubjects)) {
			unmapped++;
			printf("# line %d: no feature for '%s'\n", di.notes[i].line,
			       di.notes[i].nsubjects ? di.notes[i].subjects[0] : "?");
		}
	}
	ok(nlinux >= 20, "socket.rst has %zu notes naming Linux", nlinux);
	is_int(unmapped, 0, "every one of them has a feature with config and probe");
	size_t missing = 0;
	size_t nf;
	const struct avail_feature *const *fs = avail_feature_list(&nf);
	for (size_t i = 0; i < nf; i++)
		for (size_t k = 0; k < AVAIL_MAX_SUBJECTS && fs[i]->subjects[k]; k++) {
			const char *s = fs[i]->subjects[k];
			bool found = doc_index_find(&di, s) != NULL;
			for (size_t n = 0; !found && n < di.nnotes; n++)
				for (size_t j = 0; j < di.notes[n].nsubjects; j++)
					found |= strcmp(di.notes[n].subjects[j], s) == 0;
			if (!found) {
				missing++;
				printf("# %s: subject %s is nowhere in the document\n", fs[i]->name, s);
			}
		}
	is_int(missing, 0, "every subject of the table is a target or a note's subject");
	doc_index_free(&di);
}

static void test_probe(void)
{
	struct probe p = { .text = "socket(AF_UNIX, SOCK_STREAM|SOCK_CLOEXEC|SOCK_NONBLOCK, 0)",
			   .kind = PROBE_FLAGS, .domain = AF_UNIX, .type = SOCK_STREAM };
	struct probe_result r;
	probe_run_here(&p, &r);
	is_str(probe_outcome_name(r.outcome), "ok", "SOCK_CLOEXEC|SOCK_NONBLOCK set both flags");
	struct probe bad = { .text = "socket(12345, SOCK_STREAM, 0)", .kind = PROBE_SOCKET,
			     .domain = 12345, .type = SOCK_STREAM };
	probe_run_here(&bad, &r);
	is_str(probe_outcome_name(r.outcome), "absent", "an unknown family is absent");
	is_str(r.detail, "socket = -1 EAFNOSUPPORT", "... with the errno name");
	struct probe opt = { .text = "setsockopt(unix, SOL_SOCKET, 9999, [1])", .kind = PROBE_SETSOCKOPT,
			     .domain = AF_UNIX, .type = SOCK_STREAM, .level = SOL_SOCKET,
			     .optname = 9999, .value = 1 };
	probe_run_here(&opt, &r);
	is_str(probe_outcome_name(r.outcome), "absent", "an unknown option is absent (ENOPROTOOPT)");
	for (int o = PROBE_OK; o <= PROBE_FAILED; o++)
		is_int(probe_outcome_from_name(probe_outcome_name((enum probe_outcome)o)), o,
		       "outcome %s reads back", probe_outcome_name((enum probe_outcome)o));
	is_int(probe_outcome_from_name("maybe"), -1, "an unknown outcome name is -1");
}

static int write_tmp(const char *text, char *path)
{
	strcpy(path, "/tmp/sockspec-test-avail.XXXXXX");
	int fd = mkstemp(path);
	if (fd < 0)
		return -1;
	ssize_t w = write(fd, text, strlen(text));
	close(fd);
	return w == (ssize_t)strlen(text) ? 0 : -1;
}

static int load_text(const char *text, struct results *r)
{
	char path[64];
	if (write_tmp(text, path) < 0)
		return -2;
	FILE *saved = stderr;
	stderr = fopen("/dev/null", "w");
	int rc = results_load(r, path, "test");
	fclose(stderr);
	stderr = saved;
	unlink(path);
	return rc;
}

static void test_results(void)
{
	struct results r;
	is_int(load_text("{\"schema\": 1, \"kernel\": {\"release\": \"6.1.0\"}, \"cases\": "
			 "[{\"id\": \"b\", \"status\": \"pass\", \"doc\": \"socket.AF_CAN\"}, "
			 "{\"id\": \"a\", \"status\": \"skip\"}]}", &r), 0, "a schema 1 record reads");
	is_int(r.schema, 1, "... schema 1");
	ok(!r.config && !r.probes, "... without config or probes");
	is_str(r.n == 2 ? r.cases[0].id : NULL, "a", "... cases sorted by id");
	const struct rcase *c = results_find(&r, "b");
	is_str(c ? c->doc : NULL, "socket.AF_CAN", "... found by id, with its doc");
	bool known = true;
	ok(!results_config(&r, "CONFIG_CAN", &known) && !known, "... no config known");
	results_free(&r);

	is_int(load_text("{\"schema\": 2, \"kernel\": {\"release\": \"6.12.0\", \"config_source\": \"x\", "
			 "\"config\": {\"CONFIG_CAN\": \"m\", \"CONFIG_RDS\": null}}, \"probes\": "
			 "[{\"probe\": \"socket(AF_CAN, SOCK_RAW, CAN_RAW)\", \"result\": \"ok\", "
			 "\"detail\": null}], \"cases\": []}", &r), 0, "a schema 2 record reads");
	const char *v = results_config(&r, "CONFIG_CAN", &known);
	ok(known && v && !strcmp(v, "m"), "... CONFIG_CAN=m");
	v = results_config(&r, "CONFIG_RDS", &known);
	ok(known && !v, "... CONFIG_RDS recorded as not set");
	results_config(&r, "CONFIG_QRTR", &known);
	ok(!known, "... CONFIG_QRTR not recorded");
	is_int(r.probes ? (long long)r.probes->n : -1, 1, "... one probe");
	results_free(&r);

	is_int(load_text("{\"schema\": 3, \"cases\": []}", &r), -1, "schema 3 is refused");
	results_free(&r);
	is_int(load_text("{\"schema\": 2, \"kernel\": {\"config\": []}, \"cases\": []}", &r), -1,
	       "a config that is no object is refused");
	results_free(&r);
	is_int(load_text("{\"schema\": 2, \"probes\": [{\"probe\": \"x\"}], \"cases\": []}", &r), -1,
	       "a probe without a result is refused");
	results_free(&r);
	is_int(load_text("{\"schema\": 1.5, \"cases\": []}", &r), -1, "a fractional schema is refused");
	results_free(&r);
}

static void test_fragment(void)
{
	static const char text[] =
		"family AF_CAN\n"
		"requires module vcan\n"
		"\n"
		"case one\n"
		"  doc  socket.AF_CAN\n"
		"  what a socket\n"
		"  requires config CONFIG_CAN_RAW=m\n"
		"  veth v0 v1\n"
		"  s = socket(AF_UNIX, SOCK_STREAM, 0)\n";
	struct casefile *cf = casefile_parse_text("x/af_can/raw.case", text, NULL);
	if (cf->errors)
		printf("# %s", cf->errors);
	ok(!cf->errors, "the case file parses");
	struct tcase *cases[] = { cf->ncases ? &cf->cases[0] : NULL };
	char *out = NULL;
	size_t len = 0;
	FILE *m = open_memstream(&out, &len);
	if (cf->ncases)
		needs_write_fragment(m, cases, 1);
	fclose(m);
	ok(strstr(out, "CONFIG_NET_NS=y\n") != NULL, "the fragment has the network namespaces");
	ok(strstr(out, "CONFIG_CAN_VCAN=y\n") != NULL, "requires module vcan: CONFIG_CAN_VCAN");
	ok(strstr(out, "CONFIG_CAN_RAW=m\n") != NULL, "requires config CONFIG_CAN_RAW=m is kept as m");
	ok(strstr(out, "CONFIG_CAN_RAW=y\n") == NULL, "... and not also as y (from the table)");
	ok(strstr(out, "CONFIG_CAN=y\n") != NULL, "af_can cases: the table's CONFIG_CAN");
	ok(strstr(out, "CONFIG_VETH=y\n") != NULL, "a veth fixture: CONFIG_VETH");
	is_str(needs_module_symbol("vsock-loopback"), "CONFIG_VSOCKETS_LOOPBACK", "dashes read as underscores");
	ok(!needs_module_symbol("nosuchmodule"), "an unknown module has no symbol");

	size_t n;
	char **syms = avail_record_symbols(cases, cf->ncases ? 1 : 0, &n);
	size_t can = 0;
	for (size_t i = 0; i < n; i++) {
		can += !strcmp(syms[i], "CONFIG_CAN_RAW");
		if (i)
			ok(strcmp(syms[i - 1], syms[i]) < 0, "recorded symbols sorted, once each (%s)", syms[i]);
	}
	for (size_t i = 0; i < n; i++)
		free(syms[i]);
	free(syms);
	is_int(can, 1, "CONFIG_CAN_RAW recorded once");
	free(out);
	casefile_free(cf);
}

int main(void)
{
	test_notes();
	test_parse_linux();
	test_judge();
	test_table();
	test_socket_rst();
	test_probe();
	test_results();
	test_fragment();
	return tap_done();
}
