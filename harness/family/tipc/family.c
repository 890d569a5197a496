// SPDX-License-Identifier: MIT
/*
 * AF_TIPC (core/family.h).  socket.rst gives it no availability note, so
 * it declares no availability feature.
 */
#include "core/family.h"
#include "sock/addr.h"
#include "sock/payload.h"
#include "sock/sockopt.h"

#include <sys/socket.h>

extern const struct addr_codec addr_tipc;		/* addr.c */
extern const struct sockopt_ext tipc_opts[];		/* sockopt.c */
extern const struct payload_codec tipc_codecs[];	/* payload.c */

static const struct module_sym tipc_modules[] = {
	{ "tipc", "CONFIG_TIPC" },
	{ 0 },
};

SOCKSPEC_FAMILY(tipc_family, AF_TIPC,
	.cases = "af_tipc",
	.vm_only = true,
	.addr = &addr_tipc,
	.opts = tipc_opts,
	.payloads = tipc_codecs,
	.modules = tipc_modules);
