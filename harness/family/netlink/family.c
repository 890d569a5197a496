// SPDX-License-Identifier: MIT
/* AF_NETLINK (core/family.h); its rtnetlink calls are calls.c. */
#include "core/family.h"
#include "sock/addr.h"

#include <sys/socket.h>

extern const struct addr_codec addr_netlink;	/* addr.c */

SOCKSPEC_FAMILY(netlink_family, AF_NETLINK,
	.cases = "af_netlink",
	.addr = &addr_netlink);
