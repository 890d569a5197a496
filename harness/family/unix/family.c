// SPDX-License-Identifier: MIT
/* AF_UNIX (core/family.h). */
#include "core/family.h"
#include "sock/addr.h"
#include "core/feature.h"

#include <sys/socket.h>

extern const struct addr_codec addr_unix;	/* addr.c */

static const struct avail_feature unix_features[] = {
	/* the flags are the socket layer's; an AF_UNIX socket shows them */
	{ .name = "SOCK_CLOEXEC",
	  .subjects = { "socket.SOCK_CLOEXEC", "socket.SOCK_NONBLOCK" },
	  .probe = { "socket(AF_UNIX, SOCK_STREAM|SOCK_CLOEXEC|SOCK_NONBLOCK, 0): FD_CLOEXEC, O_NONBLOCK",
		     PROBE_FLAGS, AF_UNIX, SOCK_STREAM, 0 } },
	{ 0 },
};

SOCKSPEC_FAMILY(unix_family, AF_UNIX,
	.cases = "af_unix",
	.addr = &addr_unix,
	.features = unix_features);
