// SPDX-License-Identifier: MIT
/*
 * AF_NETLINK: {sa_family=AF_NETLINK, nl_pid=0, nl_groups=RTMGRP_LINK}
 *
 * socket.rst's (pid, groups) pair: nl_pid is the port id (0 asks the kernel
 * to pick one on bind; a decoded one is capture-friendly: nl_pid=$pid),
 * nl_groups the 32-bit multicast group mask.  strace prints the mask as
 * bare zero-padded hex (nl_groups=00000001); a case cannot, because a
 * leading 0 reads as octal here, so the mask is an ordinary integer:
 * RTMGRP_* names or-ed (printed back by name when the case used names),
 * 0x11 or 17.
 */
#include "sock/addr.h"
#include "util/util.h"

#include <linux/netlink.h>
#include <string.h>

static const char *const netlink_fields[] = { "nl_pid", "nl_groups", NULL };

static int netlink_encode(struct scope *x, const struct node *st, struct sockaddr_storage *ss,
			  socklen_t *len, char **err)
{
	struct sockaddr_nl *nl = (struct sockaddr_nl *)ss;
	long long pid, groups;
	if (addr_check_fields(st, netlink_fields, err) ||
	    addr_field_int(x, st, "nl_pid", &pid, err) ||
	    addr_field_int(x, st, "nl_groups", &groups, err))
		return -1;
	/* both are __u32: a captured port id above 2^31 comes back positive */
	nl->nl_pid = (__u32)pid;
	nl->nl_groups = (__u32)groups;
	*len = sizeof(*nl);
	return 0;
}

static struct node *netlink_decode(const struct sockaddr_storage *ss, socklen_t len)
{
	const struct sockaddr_nl *nl = (const struct sockaddr_nl *)ss;
	struct node *st = addr_new(AF_NETLINK, "AF_NETLINK");
	if (len < sizeof(*nl))
		return st;
	node_field(st, "nl_pid", node_int(nl->nl_pid));
	node_field(st, "nl_groups", node_int(nl->nl_groups));
	return st;
}

const struct addr_codec addr_netlink = {
	.family = AF_NETLINK,
	.name = "AF_NETLINK",
	.fields = netlink_fields,
	.encode = netlink_encode,
	.decode = netlink_decode,
};
