// SPDX-License-Identifier: MIT
#define _GNU_SOURCE
#include "exec/fixture.h"
#include "lang/case.h"
#include "fixtures/rtnl.h"
#include "util/util.h"

#include <arpa/inet.h>
#include <ctype.h>
#include <errno.h>
#include <linux/if_addr.h>
#include <net/if.h>
#include <unistd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

bool fixture_keyword(const char *w)
{
	return !strcmp(w, "veth") || !strcmp(w, "vxcan") || !strcmp(w, "link") ||
	       !strcmp(w, "addr") || !strcmp(w, "route") || !strcmp(w, "device");
}

struct words {
	char *w[8];
	int col[8];
	int n;
};

/* Split on blanks, stopping at a comment; false when there are too many. */
static bool split(const char *s, int col0, struct words *ws)
{
	ws->n = 0;
	const char *p = s;
	while (*p && *p != '#') {
		if (isspace((unsigned char)*p)) {
			p++;
			continue;
		}
		const char *b = p;
		while (*p && !isspace((unsigned char)*p) && *p != '#')
			p++;
		if (ws->n == 8)
			return false;
		ws->col[ws->n] = col0 + (int)(b - s);
		ws->w[ws->n++] = xstrndup(b, (size_t)(p - b));
	}
	return true;
}

static void words_free(struct words *ws)
{
	for (int i = 0; i < ws->n; i++)
		free(ws->w[i]);
}

/* "peer:veth1" -> ns index of peer and "veth1"; "veth0" -> 0 and itself. */
static int ns_ifname(const struct tcase *tc, const char *w, int *ns, char **ifname, char **err)
{
	const char *colon = strchr(w, ':');
	*ns = 0;
	if (colon) {
		*ns = -1;
		for (size_t i = 1; i < tc->nnetns; i++)
			if (strlen(tc->netns[i]) == (size_t)(colon - w) &&
			    !strncmp(tc->netns[i], w, (size_t)(colon - w)))
				*ns = (int)i;
		if (*ns < 0) {
			*err = xasprintf("'%.*s' is not a namespace declared with 'netns' before this line",
					 (int)(colon - w), w);
			return -1;
		}
		w = colon + 1;
	}
	if (!*w || strlen(w) >= 16) {
		*err = xstrdup("an interface name has 1 to 15 characters");
		return -1;
	}
	*ifname = xstrdup(w);
	return 0;
}

/* "10.0.0.1/24" or "fd00::1/64" (the prefix defaults to the full length). */
static int prefix(const char *w, struct fixture *f, unsigned char *out, int *plen, char **err)
{
	char buf[64];
	snprintf(buf, sizeof(buf), "%s", w);
	char *slash = strchr(buf, '/');
	if (slash)
		*slash = 0;
	int fam = strchr(buf, ':') ? AF_INET6 : AF_INET;
	if (inet_pton(fam, buf, out) != 1) {
		*err = xasprintf("'%s' is not an IPv4 or IPv6 address", buf);
		return -1;
	}
	if (f->family && f->family != fam) {
		*err = xstrdup("IPv4 and IPv6 mixed in one declaration");
		return -1;
	}
	f->family = fam;
	int max = fam == AF_INET ? 32 : 128;
	*plen = max;
	if (slash) {
		char *end;
		long v = strtol(slash + 1, &end, 10);
		if (*end || end == slash + 1 || v < 0 || v > max) {
			*err = xasprintf("prefix length must be 0 to %d", max);
			return -1;
		}
		*plen = (int)v;
	}
	return 0;
}

int fixture_parse(struct tcase *tc, const char *kw, const char *args, int args_col, int line,
		  int *col, char **err)
{
	struct words ws;
	struct fixture f = { .line = line, .up = -1 };
	*col = args_col;
	if (!split(args, args_col, &ws)) {
		words_free(&ws);
		*err = xstrdup("too many words");
		return -1;
	}
	int rc = -1;
#define WANT(cond, i, msg) do {						\
		if (!(cond)) {						\
			*col = (i) < ws.n ? ws.col[i] : args_col;	\
			*err = xstrdup(msg);				\
			goto out;					\
		}							\
	} while (0)
#define NSIF(i, nsp, namep) do {					\
		*col = ws.col[i];					\
		if (ns_ifname(tc, ws.w[i], nsp, namep, err))		\
			goto out;					\
	} while (0)
	if (!strcmp(kw, "veth") || !strcmp(kw, "vxcan")) {
		f.kind = !strcmp(kw, "veth") ? FX_VETH : FX_VXCAN;
		WANT(ws.n == 2, 0, f.kind == FX_VETH ? "expected: veth NAME [NS:]PEER"
						     : "expected: vxcan NAME [NS:]PEER");
		NSIF(0, &f.ns, &f.ifname);
		WANT(f.ns == 0, 0, "the first end is in the case's namespace; put NS: on the peer");
		NSIF(1, &f.peer_ns, &f.peer);
	} else if (!strcmp(kw, "device")) {
		f.kind = FX_DEVICE;
		WANT(ws.n == 2, 0, "expected: device [NS:]NAME KIND (dummy, ifb, vcan...)");
		NSIF(0, &f.ns, &f.ifname);
		f.peer = xstrdup(ws.w[1]);
	} else if (!strcmp(kw, "link")) {
		f.kind = FX_LINK;
		WANT(ws.n >= 2, 0, "expected: link [NS:]NAME up|down [mtu N]");
		NSIF(0, &f.ns, &f.ifname);
		for (int i = 1; i < ws.n; i++) {
			if (!strcmp(ws.w[i], "up") || !strcmp(ws.w[i], "down")) {
				f.up = ws.w[i][0] == 'u';
			} else if (!strcmp(ws.w[i], "mtu") && i + 1 < ws.n) {
				char *end;
				long v = strtol(ws.w[i + 1], &end, 10);
				WANT(!*end && v > 0 && v < 65536 * 4, i + 1, "an MTU is a positive number");
				f.mtu = (int)v;
				i++;
			} else {
				WANT(false, i, "expected up, down or mtu N");
			}
		}
	} else if (!strcmp(kw, "addr")) {
		f.kind = FX_ADDR;
		WANT(ws.n == 2, 0, "expected: addr [NS:]NAME ADDRESS/PREFIX");
		NSIF(0, &f.ns, &f.ifname);
		*col = ws.col[1];
		if (prefix(ws.w[1], &f, f.addr, &f.plen, err))
			goto out;
	} else {
		f.kind = FX_ROUTE;
		WANT(ws.n >= 1, 0, "expected: route DEST/PREFIX|default [via GW] [dev NAME] [netns NS]");
		const char *dst = ws.w[0];
		int i = 1;
		if (strcmp(dst, "default")) {
			*col = ws.col[0];
			if (prefix(dst, &f, f.addr, &f.plen, err))
				goto out;
		}
		for (; i < ws.n; i++) {
			if (!strcmp(ws.w[i], "via") && i + 1 < ws.n) {
				int gl;
				*col = ws.col[i + 1];
				if (prefix(ws.w[i + 1], &f, f.gw, &gl, err))
					goto out;
				f.has_gw = true;
				i++;
			} else if (!strcmp(ws.w[i], "dev") && i + 1 < ws.n) {
				free(f.ifname);
				f.ifname = xstrdup(ws.w[i + 1]);
				i++;
			} else if (!strcmp(ws.w[i], "netns") && i + 1 < ws.n) {
				/* IPv6 destinations have colons: no NS: prefix here */
				char *tmp = xasprintf("%s:x", ws.w[i + 1]), *ifn = NULL;
				*col = ws.col[i + 1];
				int r = ns_ifname(tc, tmp, &f.ns, &ifn, err);
				free(ifn);
				free(tmp);
				if (r)
					goto out;
				i++;
			} else {
				WANT(false, i, "expected via GATEWAY or dev NAME");
			}
		}
		WANT(f.has_gw || f.ifname, 0, "a route needs via GATEWAY or dev NAME");
		if (!f.family)
			f.family = AF_INET;
	}
	f.text = xasprintf("%s %s", kw, args);
	for (char *e = f.text + strlen(f.text); e > f.text && isspace((unsigned char)e[-1]); )
		*--e = 0;
	tc->fixtures = xrealloc(tc->fixtures, (tc->nfixtures + 1) * sizeof(*tc->fixtures));
	tc->fixtures[tc->nfixtures++] = f;
	memset(&f, 0, sizeof(f));
	rc = 0;
out:
	free(f.ifname);
	free(f.peer);
	words_free(&ws);
	return rc;
#undef WANT
#undef NSIF
}

static int apply_one(const struct tcase *tc, const struct fixture *f, const int *netns_fd,
		     struct rtnl *r)
{
	(void)tc;
	switch (f->kind) {
	case FX_VETH:
		return rtnl_veth_add(r, f->ifname, f->peer, f->peer_ns ? netns_fd[f->peer_ns] : -1);
	case FX_VXCAN:
		return rtnl_vxcan_add(r, f->ifname, f->peer,
				      f->peer_ns ? netns_fd[f->peer_ns] : -1);
	case FX_DEVICE:
		return rtnl_link_add_kind(r, f->ifname, f->peer);
	case FX_LINK:
		return rtnl_link_set(r, f->ifname, f->up, f->mtu);
	case FX_ADDR:
		/* IPv6 without duplicate address detection: usable at once */
		return rtnl_addr_add(r, f->ifname, f->family, f->addr, f->plen,
				     f->family == AF_INET6 ? IFA_F_NODAD : 0);
	case FX_ROUTE:
		return rtnl_route_add(r, f->family, f->plen ? f->addr : NULL, f->plen,
				      f->has_gw ? f->gw : NULL, f->ifname);
	}
	return 0;
}

struct flags_of {
	const char *ifname;
	unsigned flags;
	bool found;
};

static void note_flags(const char *ifname, int ifindex, unsigned flags, void *arg)
{
	struct flags_of *f = arg;
	(void)ifindex;
	if (!strcmp(ifname, f->ifname)) {
		f->flags = flags;
		f->found = true;
	}
}

/* Is link NAME of namespace NS brought up by one of TC's fixtures? */
static bool brought_up(const struct tcase *tc, int ns, const char *name)
{
	for (size_t i = 0; i < tc->nfixtures; i++) {
		const struct fixture *f = &tc->fixtures[i];
		if (f->kind == FX_LINK && f->up == 1 && f->ns == ns && !strcmp(f->ifname, name))
			return true;
	}
	return false;
}

/*
 * Can link F (brought up) get a carrier?  An end of a veth or vxcan pair
 * does only once its peer is up too; other links always can.
 */
static bool carrier_can_come(const struct tcase *tc, const struct fixture *f)
{
	for (size_t i = 0; i < tc->nfixtures; i++) {
		const struct fixture *p = &tc->fixtures[i];
		if (p->kind != FX_VETH && p->kind != FX_VXCAN)
			continue;
		if (p->ns == f->ns && !strcmp(p->ifname, f->ifname))
			return brought_up(tc, p->peer_ns, p->peer);
		if (p->peer_ns == f->ns && !strcmp(p->peer, f->ifname))
			return brought_up(tc, p->ns, p->ifname);
	}
	return true;
}

/*
 * A veth or vxcan end is "up" when the call returns, but its transmit queue
 * is only started by the asynchronous carrier event (linkwatch), and frames
 * sent before that are dropped while sendto() reports success.  IFF_RUNNING
 * is set once the operational state is up, after that: wait for it, up to
 * 3 s (linkwatch runs late on a loaded guest), for links whose carrier can
 * come (an end whose peer stays down never gets one).
 */
static void wait_running(const struct tcase *tc, const int *netns_fd)
{
	for (size_t i = 0; i < tc->nfixtures; i++) {
		const struct fixture *f = &tc->fixtures[i];
		if (f->kind != FX_LINK || f->up != 1 || !carrier_can_come(tc, f))
			continue;
		if (f->ns && netns_enter(netns_fd[f->ns]) < 0)
			continue;
		struct rtnl *r = rtnl_open();
		for (int tries = 0; r && tries < 600; tries++) {
			struct flags_of fl = { .ifname = f->ifname };
			if (rtnl_link_dump(r, note_flags, &fl) < 0 || !fl.found ||
			    (fl.flags & IFF_RUNNING))
				break;
			usleep(5000);
		}
		rtnl_close(r);
		if (f->ns)
			netns_enter(netns_fd[0]);
	}
}

int fixtures_apply(const struct tcase *tc, const int *netns_fd, char **err)
{
	for (size_t i = 0; i < tc->nfixtures; i++) {
		const struct fixture *f = &tc->fixtures[i];
		/* a handle configures the namespace it is opened in */
		if (f->ns && netns_enter(netns_fd[f->ns]) < 0) {
			*err = xasprintf("%s:%d: %s: entering the namespace: %s", tc->file->path,
					 f->line, f->text, strerror(errno));
			return -1;
		}
		struct rtnl *r = rtnl_open();
		int rc = r ? apply_one(tc, f, netns_fd, r) : -1;
		if (rc < 0)
			*err = xasprintf("%s:%d: %s: %s", tc->file->path, f->line, f->text,
					 rtnl_error(r));
		rtnl_close(r);
		if (f->ns && netns_enter(netns_fd[0]) < 0 && rc == 0) {
			*err = xasprintf("%s:%d: returning to the case's namespace: %s",
					 tc->file->path, f->line, strerror(errno));
			return -1;
		}
		if (rc < 0)
			return -1;
	}
	wait_running(tc, netns_fd);
	return 0;
}

void fixtures_free(struct fixture *f, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(f[i].ifname);
		free(f[i].peer);
		free(f[i].text);
	}
	free(f);
}
