/* SPDX-License-Identifier: MIT */
/* A parsed case file: its cases, their requirements and steps. */
#ifndef SOCKSPEC_LANG_CASE_H
#define SOCKSPEC_LANG_CASE_H

#include "lang/ast.h"
#include "util/kversion.h"

#include <stdbool.h>
#include <stddef.h>

struct call_spec;
struct fixture;

enum req_kind {
	REQ_SOCKET,	/* requires socket AF_X SOCK_Y [PROTO] */
	REQ_KERNEL,	/* requires kernel >= 5.4 */
	REQ_CONFIG,	/* requires config CONFIG_X [=y|m] */
	REQ_ROOT,	/* requires root */
	REQ_CAP,	/* requires cap CAP_NET_ADMIN */
	REQ_MODULE,	/* requires module vcan: loaded (modprobe) when it can be */
};

struct requirement {
	enum req_kind kind;
	int line;
	char *text;		/* as written after "requires", for skip reasons */
	long long sock[3];	/* REQ_SOCKET: domain, type, protocol */
	int cmp;		/* REQ_KERNEL: enum cmp_op */
	struct kversion kv;
	char *sym;		/* REQ_CONFIG symbol, REQ_CAP name, REQ_MODULE name */
	char *want;		/* REQ_CONFIG wanted value, NULL = y or m */
	int cap;		/* REQ_CAP number */
};

enum step_kind {
	STEP_CALL,		/* a call */
	STEP_SPAWN,		/* "process NAME": start actor `target` in a child process */
	STEP_WAIT,		/* "wait NAME": join actor `target`; it must have passed */
};

struct step {
	enum step_kind kind;
	int actor;		/* 0: the case's main sequence; else a process block */
	int target;		/* STEP_SPAWN/STEP_WAIT: the actor */
	int netns;		/* 0: the case's namespace; else a "netns" it declared */
	int line, col;
	const struct call_spec *call;
	struct node *call_node;	/* N_CALL as written */
	int assign_slot;	/* handle receiving the result, or -1 */
	struct node *ret;	/* expected return; NULL = must succeed */
	int err;		/* expected errno when ret is -1, else 0 */
	int ret_line, ret_col;	/* where the expectation was written */
	bool timed;		/* <min..max> elapsed-time bound given */
	double tmin, tmax;
};

struct casefile;

/* sysctl net.ipv6.bindv6only=1: set inside the case's network namespace */
struct sysctl_set {
	char *key;		/* dotted, "net." only */
	char *value;
	int line;
};

struct tcase {
	char *name;		/* as written after "case" */
	char *id;		/* "<dir>/<file>.<name>" */
	char *doc;		/* Sphinx target */
	char *what;		/* one-line paraphrase */
	int line;
	struct requirement *reqs;
	size_t nreqs;
	struct step *steps;
	size_t nsteps;
	char **handles;		/* slot -> handle name */
	size_t nhandles;
	double timeout;		/* seconds; 0 = runner default */
	char *xfail;		/* reason a documented behaviour is known not to hold */
	struct casefile *file;
	/* environment the case declares (see cases/README.md) */
	bool ns_uts;		/* namespace uts: sethostname is the case's own */
	bool unprivileged;	/* steps run without privilege over the case's namespaces */
	/*
	 * netns initial: the steps run in the initial network namespace, for
	 * families that refuse any other (AF_QIPCRTR, AF_BLUETOOTH).  Only in
	 * a throw-away guest booted by scripts/vm-run; elsewhere the case skips.
	 */
	bool netns_initial;
	char *hosts_file;	/* hosts FILE: bind-mounted over /etc/hosts */
	char *services_file;	/* services FILE: bind-mounted over /etc/services */
	char *protocols_file;	/* protocols FILE: bind-mounted over /etc/protocols */
	struct sysctl_set *sysctls;
	size_t nsysctls;
	char **actors;		/* [0] = "main", then process blocks */
	size_t nactors;
	char **netns;		/* [0] = "" (the case's own), then declared ones */
	size_t nnetns;
	struct fixture *fixtures;	/* veth, link, addr, route, device (fixture.h) */
	size_t nfixtures;
};

struct casefile {
	char *path;		/* as given */
	char *name;		/* "<dir>/<file>" without .case */
	char *family;		/* from the "family" line */
	struct requirement *reqs;	/* file-wide requirements */
	size_t nreqs;
	struct tcase *cases;
	size_t ncases;
	char *errors;		/* parse diagnostics, NULL when it parsed */
	int nerrors;
};

struct doc_index;

/*
 * Parse PATH.  Always returns a casefile; on syntax errors cf->errors holds
 * "file:line:col: message" lines each followed by the source line and a
 * caret.  DOCS (may be NULL) validates each case's doc target.
 */
struct casefile *casefile_parse(const char *path, const struct doc_index *docs);
struct casefile *casefile_parse_text(const char *path, const char *text,
				     const struct doc_index *docs);
void casefile_free(struct casefile *cf);

/* Render a step as written ("bind(s, {...}) = 0"). */
char *step_render_expected(const struct tcase *tc, const struct step *st);

#endif
