// SPDX-License-Identifier: MIT
/*
 * Case-file parser.  Line-oriented: the first word of a line says what the
 * line is; step lines go through the expression grammar (parse_value.c,
 * parse_step.c).  Every error names file:line:col and shows the line with
 * a caret; parsing goes on at the next line so one run reports all the
 * mistakes in a file.  The parts: lang/parse.h.
 */
#define _GNU_SOURCE
#include "lang/parse.h"
#include "docs/targets.h"
#include "fixtures/fixture.h"
#include "util/util.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- file structure ---- */

static bool valid_case_name(const char *s)
{
	if (!*s)
		return false;
	for (; *s; s++)
		if (!isalnum((unsigned char)*s) && *s != '-' && *s != '_' && *s != '.')
			return false;
	return true;
}

static void finish_case(struct parser *p)
{
	struct tcase *tc = p->tc;
	if (!tc)
		return;
	int save = p->lineno;
	const char *save_line = p->line;
	p->lineno = tc->line;
	p->line = p->case_text ? p->case_text : "";
	p->failed_line = false;
	if (!tc->doc)
		perror_at(p, 1, "case '%s' has no 'doc' line naming its socket.rst target", tc->name);
	p->failed_line = false;
	if (!tc->what)
		perror_at(p, 1, "case '%s' has no 'what' line saying what it checks", tc->name);
	p->failed_line = false;
	if (!tc->nsteps && !p->step_failed)	/* else its step lines said why */
		perror_at(p, 1, "case '%s' has no steps", tc->name);
	p->failed_line = false;
	if (p->actor)
		perror_at(p, 1, "case '%s': process '%s' has no 'end'", tc->name,
			  tc->actors[p->actor]);
	p->failed_line = false;
	/* the initial namespace is used as it is: the case builds nothing in it */
	if (tc->netns_initial && (tc->nfixtures || tc->nsysctls))
		perror_at(p, 1, "case '%s' runs in the initial network namespace ('netns initial') "
			  "and cannot change it: no veth, device, link, addr, route or sysctl",
			  tc->name);
	p->actor = 0;
	p->lineno = save;
	p->line = save_line;
	p->failed_line = false;
	p->tc = NULL;
	p->step_failed = false;
	free(p->case_text);
	p->case_text = NULL;
}

static void case_header(struct parser *p)
{
	struct casefile *cf = p->cf;
	finish_case(p);
	p->skip_case = false;
	int col = tok(p)->col;
	char *name = text_arg(p);
	if (!valid_case_name(name)) {
		perror_at(p, col, "a case name is made of letters, digits, '-', '_' and '.'");
		free(name);
		/* its lines belong to no case: skipped, not one error each */
		p->skip_case = true;
		return;
	}
	/*
	 * A duplicate is registered all the same (the file does not run with
	 * an error in it), so that its body is checked as a case's, not
	 * reported line by line as lines outside any case.
	 */
	for (size_t i = 0; i < cf->ncases; i++)
		if (strcmp(cf->cases[i].name, name) == 0) {
			perror_at(p, col, "case '%s' already defined at line %d", name, cf->cases[i].line);
			break;
		}
	cf->cases = xrealloc(cf->cases, (cf->ncases + 1) * sizeof(*cf->cases));
	struct tcase *tc = &cf->cases[cf->ncases++];
	memset(tc, 0, sizeof(*tc));
	tc->name = name;
	tc->line = p->lineno;
	tc->id = xasprintf("%s.%s", cf->name, name);
	/* pointers into cf->cases are fixed up after parsing (realloc moves them) */
	p->tc = tc;
	p->case_text = xstrdup(p->line);
}

static void parse_line(struct parser *p)
{
	struct casefile *cf = p->cf;
	lex_init(&p->lx, p->line);
	p->failed_line = false;
	p->depth = 0;
	if (tok(p)->kind == T_EOL)
		goto out;
	if (p->skip_case && !tok_is(p, "case"))
		goto out;
	int col = tok(p)->col;
	if (tok_is(p, "case")) {
		next(p);
		case_header(p);
	} else if (tok_is(p, "family")) {
		if (p->tc || cf->ncases) {
			perror_at(p, col, "'family' belongs at the top of the file, before the first case");
			goto out;
		}
		next(p);
		if (tok(p)->kind != T_IDENT || strncmp(tok(p)->start, "AF_", 3) != 0) {
			perror_at(p, tok(p)->col, "expected an address family (AF_...)");
			goto out;
		}
		free(cf->family);
		cf->family = tok_text(p);
		next(p);
		if (tok(p)->kind != T_EOL)
			perror_at(p, tok(p)->col, "unexpected %s after the family", tok_name(tok(p)->kind));
	} else if (tok_is(p, "requires")) {
		next(p);
		if (p->tc)
			parse_requires(p, &p->tc->reqs, &p->tc->nreqs);
		else
			parse_requires(p, &cf->reqs, &cf->nreqs);
	} else if (!p->tc) {
		perror_at(p, col, "expected 'family', 'requires' or 'case' before the first case");
	} else if (tok_is(p, "doc") || tok_is(p, "what") || tok_is(p, "xfail")) {
		char *kw = tok_text(p);
		next(p);
		char *text = text_arg(p);
		char **slot = kw[0] == 'd' ? &p->tc->doc : kw[0] == 'w' ? &p->tc->what : &p->tc->xfail;
		if (!*text) {
			perror_at(p, col, "'%s' needs text after it", kw);
			free(text);
		} else if (*slot) {
			perror_at(p, col, "'%s' given twice in this case", kw);
			free(text);
		} else if (kw[0] == 'd' && (strchr(text, ' ') || strchr(text, '\t'))) {
			perror_at(p, tok(p)->col, "a doc target is one word, e.g. socket.socket.bind or host_port");
			*slot = text;	/* reported once: not again as a missing doc line */
		} else if (kw[0] == 'd' && p->docs && !doc_index_find(p->docs, text)) {
			perror_at(p, tok(p)->col, "'%s' is not a target in %s", text, p->docs->path);
			*slot = text;
		} else {
			*slot = text;
		}
		free(kw);
	} else if (tok_is(p, "namespace")) {
		next(p);
		if (!tok_is(p, "uts")) {
			perror_at(p, tok(p)->col, "expected 'uts' (the namespaces a case can ask for)");
			goto out;
		}
		p->tc->ns_uts = true;
		next(p);
		if (tok(p)->kind != T_EOL)
			perror_at(p, tok(p)->col, "unexpected %s", tok_name(tok(p)->kind));
	} else if (tok_is(p, "process") || tok_is(p, "wait") || tok_is(p, "netns")) {
		bool step = !tok_is(p, "netns");
		parse_block_line(p);
		p->step_failed |= step && p->failed_line;
	} else if (tok_is(p, "end")) {
		if (!p->actor)
			perror_at(p, col, "'end' without a 'process' block to close");
		p->actor = 0;
		next(p);
		if (tok(p)->kind != T_EOL)
			perror_at(p, tok(p)->col, "unexpected %s", tok_name(tok(p)->kind));
	} else if (tok(p)->kind == T_IDENT && lex_peek(&p->lx) != T_EQ &&
		   lex_peek(&p->lx) != T_LPAREN && fixture_word(p)) {
		char *kw = tok_text(p);
		next(p);
		int ecol;
		char *err = NULL;
		if (!p->tc->nnetns)
			name_add(&p->tc->netns, &p->tc->nnetns, "");
		struct fixture fx;
		if (fixture_parse(kw, rest_of_line(p), tok(p)->col, p->lineno, p->tc->netns,
				  p->tc->nnetns, &fx, &ecol, &err)) {
			perror_at(p, ecol, "%s", err);
			free(err);
		} else {
			struct tcase *tc = p->tc;
			tc->fixtures = xrealloc(tc->fixtures, (tc->nfixtures + 1) * sizeof(*tc->fixtures));
			tc->fixtures[tc->nfixtures++] = fx;
		}
		free(kw);
	} else if (tok_is(p, "unprivileged")) {
		p->tc->unprivileged = true;
		next(p);
		if (tok(p)->kind != T_EOL)
			perror_at(p, tok(p)->col, "unexpected %s", tok_name(tok(p)->kind));
	} else if (tok_is(p, "hosts") || tok_is(p, "services") || tok_is(p, "protocols")) {
		char **slot = tok_is(p, "hosts") ? &p->tc->hosts_file :
			      tok_is(p, "services") ? &p->tc->services_file : &p->tc->protocols_file;
		next(p);
		parse_etc_file(p, slot);
	} else if (tok_is(p, "sysctl")) {
		next(p);
		parse_sysctl(p);
	} else if (tok_is(p, "timeout")) {
		next(p);
		double v = tok(p)->fval;
		if ((tok(p)->kind != T_INT && tok(p)->kind != T_FLOAT) || v <= 0 || v > 3600) {
			perror_at(p, tok(p)->col, "expected a timeout in seconds (0 < t <= 3600)");
			goto out;
		}
		p->tc->timeout = v;
		next(p);
		if (tok(p)->kind != T_EOL)
			perror_at(p, tok(p)->col, "unexpected %s after the timeout", tok_name(tok(p)->kind));
	} else {
		parse_step(p);
		p->step_failed |= p->failed_line;
	}
out:
	lex_free(&p->lx);
}

static char *name_from_path(const char *path)
{
	const char *base = strrchr(path, '/');
	base = base ? base + 1 : path;
	const char *dot = strrchr(base, '.');
	size_t blen = dot && dot != base ? (size_t)(dot - base) : strlen(base);
	/* the directory that holds the file: cases/af_unix/x.case -> af_unix */
	const char *dir_end = base > path ? base - 1 : NULL;
	const char *dir = dir_end;
	while (dir && dir > path && dir[-1] != '/')
		dir--;
	if (dir && dir_end > dir && !(dir_end - dir == 1 && *dir == '.'))
		return xasprintf("%.*s/%.*s", (int)(dir_end - dir), dir, (int)blen, base);
	return xstrndup(base, blen);
}

struct casefile *casefile_parse_text(const char *path, const char *text,
				     const struct doc_index *docs)
{
	struct casefile *cf = xcalloc(1, sizeof(*cf));
	cf->path = xstrdup(path);
	cf->name = name_from_path(path);
	struct parser p = { .cf = cf, .docs = docs };
	char *copy = xstrdup(text);
	char *save = NULL;
	int lineno = 0;
	/* strtok_r would skip empty lines and lose numbering: split by hand */
	for (char *s = copy; s; ) {
		char *nl = strchr(s, '\n');
		if (nl)
			*nl = 0;
		lineno++;
		p.lineno = lineno;
		p.line = s;
		if (strlen(s) != (size_t)((nl ? nl : s + strlen(s)) - s) || memchr(s, 0, 0)) {
			/* unreachable: kept simple */
		}
		parse_line(&p);
		s = nl ? nl + 1 : NULL;
	}
	(void)save;
	p.line = "";
	finish_case(&p);
	for (size_t i = 0; i < cf->ncases; i++)
		cf->cases[i].file = cf;
	if (!cf->family && !cf->nerrors) {
		/* reported at line 1, which is shown: the splitting left it terminated */
		p.lineno = 1;
		p.line = copy;
		p.failed_line = false;
		perror_at(&p, 1, "the file has no 'family AF_...' line");
	}
	if (cf->nerrors > MAX_ERRORS)
		sb_printf(&p.err, "%s: %d more errors not shown\n", path, cf->nerrors - MAX_ERRORS);
	if (cf->nerrors)
		cf->errors = sb_take(&p.err);
	sb_free(&p.err);
	free(copy);
	return cf;
}

struct casefile *casefile_parse(const char *path, const struct doc_index *docs)
{
	size_t len;
	char *text = read_file(path, &len);
	if (!text) {
		struct casefile *cf = xcalloc(1, sizeof(*cf));
		cf->path = xstrdup(path);
		cf->name = name_from_path(path);
		cf->nerrors = 1;
		cf->errors = xasprintf("%s: error: cannot read: %s\n", path, strerror(errno));
		return cf;
	}
	if (memchr(text, 0, len)) {
		struct casefile *cf = xcalloc(1, sizeof(*cf));
		cf->path = xstrdup(path);
		cf->name = name_from_path(path);
		cf->nerrors = 1;
		size_t off = (size_t)((char *)memchr(text, 0, len) - text);
		int line = 1, col = 1;
		for (size_t i = 0; i < off; i++, col++)
			if (text[i] == '\n')
				line++, col = 0;
		cf->errors = xasprintf("%s:%d:%d: error: NUL byte in a case file\n", path, line, col);
		free(text);
		return cf;
	}
	struct casefile *cf = casefile_parse_text(path, text, docs);
	free(text);
	return cf;
}

static void free_reqs(struct requirement *r, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(r[i].text);
		free(r[i].sym);
		free(r[i].want);
	}
	free(r);
}

void casefile_free(struct casefile *cf)
{
	if (!cf)
		return;
	for (size_t i = 0; i < cf->ncases; i++) {
		struct tcase *tc = &cf->cases[i];
		free(tc->name);
		free(tc->id);
		free(tc->doc);
		free(tc->what);
		free(tc->xfail);
		free_reqs(tc->reqs, tc->nreqs);
		for (size_t j = 0; j < tc->nsteps; j++) {
			node_free(tc->steps[j].call_node);
			node_free(tc->steps[j].ret);
		}
		free(tc->steps);
		for (size_t j = 0; j < tc->nhandles; j++)
			free(tc->handles[j]);
		free(tc->handles);
		free(tc->hosts_file);
		free(tc->services_file);
		free(tc->protocols_file);
		for (size_t j = 0; j < tc->nsysctls; j++) {
			free(tc->sysctls[j].key);
			free(tc->sysctls[j].value);
		}
		free(tc->sysctls);
		for (size_t j = 0; j < tc->nactors; j++)
			free(tc->actors[j]);
		free(tc->actors);
		for (size_t j = 0; j < tc->nnetns; j++)
			free(tc->netns[j]);
		free(tc->netns);
		fixtures_free(tc->fixtures, tc->nfixtures);
	}
	free(cf->cases);
	free_reqs(cf->reqs, cf->nreqs);
	free(cf->path);
	free(cf->name);
	free(cf->family);
	free(cf->errors);
	free(cf);
}
