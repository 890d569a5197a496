/* SPDX-License-Identifier: MIT */
/*
 * Network fixtures a case declares, built over rtnetlink (fixtures/rtnl.c,
 * libmnl) inside the case's namespaces before its first step:
 *
 *   veth veth0 peer:veth1          a veth pair, one end in netns "peer"
 *   vxcan vxcan0 peer:vxcan1       a vxcan pair (CAN frames between namespaces)
 *   link veth0 up mtu 1400         link state and MTU
 *   addr peer:veth1 10.0.0.2/24    an address (IPv6 ones without DAD)
 *   route 10.9.0.0/16 via 10.0.0.2 [dev veth0] [netns peer], route default ...
 *   device d0 dummy                a link of a parameterless kind
 *
 * "NS:" names a namespace declared with "netns NS"; without it, the case's.
 */
#ifndef SOCKSPEC_FIXTURE_H
#define SOCKSPEC_FIXTURE_H

#include <stdbool.h>
#include <stddef.h>

enum fixture_kind { FX_VETH, FX_LINK, FX_ADDR, FX_ROUTE, FX_DEVICE, FX_VXCAN };

struct fixture {
	enum fixture_kind kind;
	int line;
	int ns;			/* index into tcase.netns (0: the case's own) */
	char *ifname;
	char *peer;		/* FX_VETH, FX_VXCAN: peer name; FX_DEVICE: kind */
	int peer_ns;
	int up;			/* FX_LINK: 1 up, 0 down, -1 keep */
	int mtu;		/* FX_LINK: 0 keep */
	int family;		/* FX_ADDR, FX_ROUTE */
	unsigned char addr[16];	/* FX_ADDR address, FX_ROUTE destination */
	int plen;		/* prefix length; FX_ROUTE default: 0 */
	bool has_gw;
	unsigned char gw[16];
	char *text;		/* the line as written, for errors */
};

struct tcase;

/*
 * Parse the declaration starting with keyword KW ("veth", "vxcan", "link", ...);
 * ARGS is the rest of the line, at column ARGS_COL.  0 ok (appended to
 * TC's fixtures); -1 with *col and *err (malloc'd).
 */
int fixture_parse(struct tcase *tc, const char *kw, const char *args, int args_col, int line,
		  int *col, char **err);

bool fixture_keyword(const char *word);

/* Build them all, in order.  NETNS_FD per tc->netns.  0 ok; -1 with *err. */
int fixtures_apply(const struct tcase *tc, const int *netns_fd, char **err);

void fixtures_free(struct fixture *f, size_t n);

#endif
