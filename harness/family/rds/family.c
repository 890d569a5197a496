// SPDX-License-Identifier: MIT
/*
 * AF_RDS (core/family.h).  Its addresses are AF_INET's (sockaddr_in), so
 * it has no address notation of its own.
 */
#include "core/family.h"
#include "sock/sockopt.h"
#include "core/feature.h"

#include <sys/socket.h>

extern const struct sockopt_ext rds_opts[];	/* sockopt.c */

static const struct avail_feature rds_features[] = {
	{ .name = "AF_RDS",
	  .subjects = { "socket.AF_RDS", "socket.PF_RDS", "socket.SOL_RDS", "socket.RDS_*" },
	  .config = { "CONFIG_RDS" },
	  /* rds.ko has no net-pf-21 alias: socket() does not load it, so load it first */
	  .probe = { "socket(AF_RDS, SOCK_SEQPACKET, 0)", PROBE_SOCKET, AF_RDS, SOCK_SEQPACKET, 0,
		     .module = "rds" },
	  .cases = { "af_rds/*" } },	{ 0 },
};

static const struct module_sym rds_modules[] = {
	{ "rds", "CONFIG_RDS" }, { "rds_tcp", "CONFIG_RDS_TCP" },
	{ 0 },
};

SOCKSPEC_FAMILY(rds_family, AF_RDS,
	.cases = "af_rds",
	.vm_only = true,
	.opts = rds_opts,
	.modules = rds_modules,
	.features = rds_features);
